//! Store-level tests with hand-written OSV records: import from files,
//! directories and zips, withdrawn and duplicate records, alias merging across
//! records, atomic replacement, status, and `update` from `file://` and from a
//! local HTTP server.

#![allow(clippy::unwrap_used)]

use mamori_vulndb::{is_unfixed, update, Query, Severity, VulnDb, DB_FILE};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use zip::write::SimpleFileOptions;

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, body).unwrap();
    p
}

fn zip_bytes(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn rec(id: &str, eco: &str, name: &str, events: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","modified":"2024-01-01T00:00:00Z"{extra},
          "affected":[{{"package":{{"ecosystem":"{eco}","name":"{name}"}},
          "ranges":[{{"type":"ECOSYSTEM","events":[{events}]}}]}}]}}"#
    )
}

fn ids(found: &[mamori_vulndb::Match]) -> Vec<&str> {
    found.iter().map(|m| m.id.as_str()).collect()
}

fn noop() -> impl FnMut(mamori_vulndb::Progress<'_>) {
    |_| {}
}

#[test]
fn import_directory_and_query() {
    let src = tempfile::tempdir().unwrap();
    let db_dir = tempfile::tempdir().unwrap();
    write(
        src.path(),
        "a/PYSEC-1.json",
        &rec(
            "PYSEC-1",
            "PyPI",
            "Foo_Bar",
            r#"{"introduced":"1.0"},{"fixed":"1.5"}"#,
            r#","aliases":["GHSA-1111","CVE-2024-0001"],"summary":"bad thing""#,
        ),
    );
    write(
        src.path(),
        "b/GHSA-1111.json",
        &rec(
            "GHSA-1111",
            "PyPI",
            "foo-bar",
            r#"{"introduced":"1.0"},{"fixed":"1.4"}"#,
            r#","aliases":["CVE-2024-0001"],"database_specific":{"severity":"CRITICAL"}"#,
        ),
    );
    write(
        src.path(),
        "b/PYSEC-2.json",
        &rec(
            "PYSEC-2",
            "PyPI",
            "foo.bar",
            r#"{"introduced":"0"},{"last_affected":"1.2"}"#,
            "",
        ),
    );
    write(
        src.path(),
        "b/PYSEC-3.json",
        &rec(
            "PYSEC-3",
            "PyPI",
            "foo-bar",
            r#"{"introduced":"0"}"#,
            r#","withdrawn":"2024-02-02T00:00:00Z""#,
        ),
    );
    write(src.path(), "b/not-a-record.json", "[1,2,3]");
    write(src.path(), "b/README.md", "ignored");

    let mut reports = 0;
    let summary = VulnDb::import(db_dir.path(), &[src.path().to_path_buf()], &mut |p| {
        assert_eq!(p.source, "PyPI");
        reports += 1;
    })
    .unwrap();
    assert_eq!(reports, 0, "json files report no per-archive progress");
    assert_eq!(summary.records, 3);
    assert_eq!(summary.withdrawn, 1);
    assert_eq!(summary.skipped, 1);
    assert!(
        summary.problems[0].contains("not-a-record.json"),
        "{:?}",
        summary.problems
    );
    assert_eq!(summary.per_source.get("PyPI"), Some(&3));
    assert!(db_dir.path().join(DB_FILE).is_file());

    let db = VulnDb::open(db_dir.path()).unwrap();
    // PEP 503 name normalisation on both sides.
    let found = db.query(&Query::new("PyPI", "FOO.bar", "1.1")).unwrap();
    assert_eq!(ids(&found), ["CVE-2024-0001", "PYSEC-2"], "{found:#?}");
    let m = &found[0];
    assert_eq!(m.aliases, ["GHSA-1111", "PYSEC-1"]);
    assert_eq!(m.records, ["GHSA-1111", "PYSEC-1"]);
    assert_eq!(m.severity, Severity::Critical);
    assert_eq!(m.summary, "bad thing");
    assert_eq!(m.fixed_version.as_deref(), Some("1.4"));
    assert!(
        m.explain.contains("PYSEC-1 (PyPI package \"Foo_Bar\")"),
        "{}",
        m.explain
    );
    assert!(
        m.explain
            .contains("ECOSYSTEM range introduced \"1.0\", fixed \"1.5\""),
        "{}",
        m.explain
    );
    assert!(is_unfixed(&found[1]));
    assert!(
        found[1].explain.contains("last_affected \"1.2\""),
        "{}",
        found[1].explain
    );

    // 1.4 is fixed for GHSA-1111 but not for PYSEC-1: still one finding, whose
    // fix is PYSEC-1's.
    let found = db.query(&Query::new("PyPI", "foo-bar", "1.4")).unwrap();
    assert_eq!(ids(&found), ["CVE-2024-0001"]);
    assert_eq!(found[0].records, ["PYSEC-1"]);
    assert_eq!(found[0].fixed_version.as_deref(), Some("1.5"));

    assert!(db
        .query(&Query::new("PyPI", "foo-bar", "1.5"))
        .unwrap()
        .is_empty());
    assert!(db
        .query(&Query::new("npm", "foo-bar", "1.1"))
        .unwrap()
        .is_empty());
    assert!(db
        .query(&Query::new("PyPI", "other", "1.1"))
        .unwrap()
        .is_empty());
}

#[test]
fn zip_import_duplicates_and_status() {
    let src = tempfile::tempdir().unwrap();
    let db_dir = tempfile::tempdir().unwrap();
    let old = rec(
        "GHSA-d",
        "npm",
        "x",
        r#"{"introduced":"0"},{"fixed":"1.0.0"}"#,
        "",
    );
    let new = rec(
        "GHSA-d",
        "npm",
        "x",
        r#"{"introduced":"0"},{"fixed":"2.0.0"}"#,
        "",
    )
    .replace("2024-01-01", "2024-06-01");
    let zip_a = zip_bytes(&[("GHSA-d.json", &old), ("dir/", ""), ("notes.txt", "x")]);
    let zip_b = zip_bytes(&[("GHSA-d.json", &new)]);
    std::fs::create_dir_all(src.path().join("npm")).unwrap();
    std::fs::create_dir_all(src.path().join("Maven")).unwrap();
    std::fs::write(src.path().join("npm/all.zip"), zip_a).unwrap();
    std::fs::write(src.path().join("Maven/all.zip"), zip_b).unwrap();

    let mut done = Vec::new();
    let s = VulnDb::import(
        db_dir.path(),
        &[
            src.path().join("npm/all.zip"),
            src.path().join("Maven/all.zip"),
        ],
        &mut |p| {
            if p.done {
                done.push((p.source.to_string(), p.records));
            }
        },
    )
    .unwrap();
    assert_eq!(done, [("npm".to_string(), 1), ("Maven".to_string(), 1)]);
    assert_eq!(s.records, 1);
    assert_eq!(s.duplicates, 1);
    assert_eq!(s.per_source.get("npm"), Some(&1));
    assert_eq!(s.per_source.get("Maven"), Some(&1));

    let db = VulnDb::open(db_dir.path()).unwrap();
    // The newer copy (fixed 2.0.0) won.
    let found = db.query(&Query::new("npm", "x", "1.5.0")).unwrap();
    assert_eq!(ids(&found), ["GHSA-d"]);
    assert_eq!(found[0].fixed_version.as_deref(), Some("2.0.0"));

    let st = db.status().unwrap();
    assert_eq!(st.records, 1);
    let names: Vec<&str> = st.ecosystems.iter().map(|e| e.ecosystem.as_str()).collect();
    assert_eq!(names, ["Maven", "npm"]);
    assert!(st.ecosystems[1].source.ends_with("npm/all.zip"));
    let now = SystemTime::now();
    assert!(st.age(now) < Duration::from_secs(3600));
    assert!(!st.is_stale(now, 1));
    let three_days_later = st.oldest_import() + Duration::from_secs(3 * 86_400);
    assert!(st.is_stale(three_days_later, 2));
    assert!(!st.is_stale(three_days_later, 3));
    assert!(
        !st.is_stale(st.oldest_import() - Duration::from_secs(60), 0),
        "clock skew"
    );
}

#[test]
fn os_rules_ubuntu_variants_and_kernel_headers() {
    let src = tempfile::tempdir().unwrap();
    let db_dir = tempfile::tempdir().unwrap();
    write(
        src.path(),
        "u.json",
        r#"{"id":"UBUNTU-CVE-2024-9","upstream":["CVE-2024-9"],
            "severity":[{"type":"Ubuntu","score":"medium"},
                        {"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
            "affected":[{"package":{"ecosystem":"Ubuntu:22.04:LTS","name":"curl"},
              "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"7.81.0-1ubuntu1.16"}]}],
              "versions":["7.81.0-1ubuntu1.15"]}]}"#,
    );
    write(
        src.path(),
        "d.json",
        r#"{"id":"DSA-5000-1","upstream":["CVE-2024-7","CVE-2024-8"],
            "affected":[{"package":{"ecosystem":"Debian:12","name":"linux-libc-dev"},
              "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"9"}]}]}]}"#,
    );
    VulnDb::import(db_dir.path(), &[src.path().to_path_buf()], &mut noop()).unwrap();
    let db = VulnDb::open(db_dir.path()).unwrap();

    for eco in ["Ubuntu:22.04", "Ubuntu:22.04:LTS"] {
        let found = db
            .query(&Query::new(eco, "curl", "7.81.0-1ubuntu1.15"))
            .unwrap();
        assert_eq!(ids(&found), ["UBUNTU-CVE-2024-9"], "{eco}");
        assert_eq!(found[0].aliases, ["CVE-2024-9"]);
        assert_eq!(found[0].ecosystem, "Ubuntu:22.04:LTS");
        // Ubuntu's own priority wins over the CVSS score.
        assert_eq!(found[0].severity, Severity::Medium);
        assert_eq!(found[0].severity_source, "vendor rating");
        assert_eq!(found[0].cvss[0].score, Some(9.8));
        assert!(found[0].explain.contains("listed in affected versions"));
        assert_eq!(
            found[0].fixed_version.as_deref(),
            Some("7.81.0-1ubuntu1.16")
        );
    }
    assert!(db
        .query(&Query::new("Ubuntu:22.04", "curl", "7.81.0-1ubuntu1.16"))
        .unwrap()
        .is_empty());

    let q = Query::new("Debian:12", "linux-libc-dev", "1");
    assert!(
        db.query(&q).unwrap().is_empty(),
        "kernel headers skipped by default"
    );
    let found = db
        .query(&Query {
            include_kernel: true,
            ..q
        })
        .unwrap();
    assert_eq!(ids(&found), ["DSA-5000-1"]);
    assert_eq!(found[0].upstream, ["CVE-2024-7", "CVE-2024-8"]);
    assert_eq!(found[0].severity, Severity::Unknown);
}

#[test]
fn corrupt_archive_keeps_the_old_database() {
    let src = tempfile::tempdir().unwrap();
    let db_dir = tempfile::tempdir().unwrap();
    let good = write(
        src.path(),
        "good.json",
        &rec("GHSA-g", "npm", "a", r#"{"introduced":"0"}"#, ""),
    );
    VulnDb::import(db_dir.path(), &[good], &mut noop()).unwrap();
    let before = std::fs::read(db_dir.path().join(DB_FILE)).unwrap();

    // Truncated archive: the central directory is missing.
    let zip = zip_bytes(&[(
        "GHSA-h.json",
        &rec("GHSA-h", "npm", "b", r#"{"introduced":"0"}"#, ""),
    )]);
    let bad = src.path().join("bad.zip");
    std::fs::write(&bad, &zip[..zip.len() / 2]).unwrap();
    let err = VulnDb::import(db_dir.path(), std::slice::from_ref(&bad), &mut noop()).unwrap_err();
    assert!(err.to_string().contains("bad.zip"), "{err}");

    // Flipped payload byte: the CRC check fails while reading the entry.
    let mut flipped = zip.clone();
    let at = flipped
        .windows(4)
        .position(|w| w == b"PK\x03\x04")
        .map(|p| {
            let n = u16::from_le_bytes([flipped[p + 26], flipped[p + 27]]) as usize;
            let e = u16::from_le_bytes([flipped[p + 28], flipped[p + 29]]) as usize;
            p + 30 + n + e + 2
        })
        .unwrap();
    flipped[at] ^= 0xff;
    std::fs::write(&bad, &flipped).unwrap();
    assert!(VulnDb::import(db_dir.path(), &[bad], &mut noop()).is_err());

    let missing = VulnDb::import(db_dir.path(), &[src.path().join("nope.json")], &mut noop());
    assert!(missing.unwrap_err().to_string().contains("nope.json"));

    assert_eq!(std::fs::read(db_dir.path().join(DB_FILE)).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(db_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(leftovers, [DB_FILE], "temporary files are cleaned up");
    let db = VulnDb::open(db_dir.path()).unwrap();
    assert_eq!(
        ids(&db.query(&Query::new("npm", "a", "1.0.0")).unwrap()),
        ["GHSA-g"]
    );
}

#[test]
fn open_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let e = VulnDb::open(dir.path()).unwrap_err();
    assert!(e.to_string().contains(DB_FILE), "{e}");
    std::fs::write(dir.path().join(DB_FILE), b"not sqlite at all, just text").unwrap();
    assert!(VulnDb::open(dir.path()).is_err());
}

/// Serves `files` (path → body) on 127.0.0.1 for at most `max` requests.
fn serve(files: Vec<(String, Vec<u8>)>, max: usize) -> (String, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let h = std::thread::spawn(move || {
        for stream in listener.incoming().take(max) {
            let Ok(mut stream) = stream else { return };
            stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
            }
            let resp = match files.iter().find(|(p, _)| *p == path) {
                Some((_, body)) => {
                    let mut r = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    r.extend_from_slice(body);
                    r
                }
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&resp);
            let _ = stream.flush();
            let mut sink = [0u8; 64];
            let _ = stream.read(&mut sink);
        }
    });
    (base, h)
}

#[test]
fn update_from_file_mirror_replaces_only_requested_ecosystems() {
    let mirror = tempfile::tempdir().unwrap();
    let db_dir = tempfile::tempdir().unwrap();
    let npm1 = zip_bytes(&[(
        "A.json",
        &rec("GHSA-a", "npm", "a", r#"{"introduced":"0"}"#, ""),
    )]);
    let go1 = zip_bytes(&[(
        "G.json",
        &rec("GO-1", "Go", "example.com/m", r#"{"introduced":"0"}"#, ""),
    )]);
    write(mirror.path(), "npm/all.zip", "");
    std::fs::write(mirror.path().join("npm/all.zip"), &npm1).unwrap();
    write(mirror.path(), "Go/all.zip", "");
    std::fs::write(mirror.path().join("Go/all.zip"), &go1).unwrap();
    let url = format!("file://{}", mirror.path().display());

    let s = update(db_dir.path(), &["npm", "Go"], Some(&url), &mut noop()).unwrap();
    assert_eq!(s.records, 2);

    // Next day npm has a different advisory; Go is not refreshed.
    let npm2 = zip_bytes(&[(
        "B.json",
        &rec("GHSA-b", "npm", "b", r#"{"introduced":"0"}"#, ""),
    )]);
    std::fs::write(mirror.path().join("npm/all.zip"), &npm2).unwrap();
    let s = update(db_dir.path(), &["npm"], Some(&url), &mut noop()).unwrap();
    assert_eq!(s.records, 2);
    let db = VulnDb::open(db_dir.path()).unwrap();
    assert!(db
        .query(&Query::new("npm", "a", "1.0.0"))
        .unwrap()
        .is_empty());
    assert_eq!(
        ids(&db.query(&Query::new("npm", "b", "1.0.0")).unwrap()),
        ["GHSA-b"]
    );
    assert_eq!(
        ids(&db
            .query(&Query::new("Go", "example.com/m", "v1.0.0"))
            .unwrap()),
        ["GO-1"]
    );
    let st = db.status().unwrap();
    let names: Vec<&str> = st.ecosystems.iter().map(|e| e.ecosystem.as_str()).collect();
    assert_eq!(names, ["Go", "npm"]);

    // A missing archive in the mirror fails and keeps the database.
    let e = update(db_dir.path(), &["PyPI"], Some(&url), &mut noop()).unwrap_err();
    assert!(e.to_string().contains("PyPI"), "{e}");
    assert_eq!(VulnDb::open(db_dir.path()).unwrap().status().unwrap(), st);
}

#[test]
fn update_over_http_and_failures_keep_old_db() {
    let db_dir = tempfile::tempdir().unwrap();
    let good = zip_bytes(&[(
        "A.json",
        &rec("RUSTSEC-1", "crates.io", "c", r#"{"introduced":"0"}"#, ""),
    )]);
    let corrupt = good[..good.len() - 10].to_vec();
    let (base, server) = serve(
        vec![
            ("/crates.io/all.zip".to_string(), good),
            ("/Rocky%20Linux/all.zip".to_string(), corrupt),
        ],
        3,
    );

    let s = update(db_dir.path(), &["crates.io"], Some(&base), &mut noop()).unwrap();
    assert_eq!(s.records, 1);
    let before = std::fs::read(db_dir.path().join(DB_FILE)).unwrap();

    let e = update(db_dir.path(), &["PyPI"], Some(&base), &mut noop()).unwrap_err();
    assert!(e.to_string().contains("/PyPI/all.zip"), "{e}");
    let e = update(db_dir.path(), &["Rocky Linux"], Some(&base), &mut noop()).unwrap_err();
    assert!(e.to_string().contains("invalid zip"), "{e}");
    server.join().unwrap();

    assert_eq!(std::fs::read(db_dir.path().join(DB_FILE)).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(db_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, [DB_FILE], "downloads and temp files are removed");
    let db = VulnDb::open(db_dir.path()).unwrap();
    assert_eq!(
        ids(&db.query(&Query::new("crates.io", "c", "0.1.0")).unwrap()),
        ["RUSTSEC-1"]
    );
}
