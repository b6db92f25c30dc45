//! End-to-end tests of the installed-package analyzers through the public
//! registry: each fixture is claimed by path with `required` and parsed with
//! `analyze`, as a layer walker would. Fixtures are written here (text) or built
//! here (jars with the `zip` writer, ELF files with `object::write` or by hand);
//! nothing is copied from elsewhere.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use flate2::write::ZlibEncoder;
use mamori_inventory::{all_analyzers, Analysis, Analyzer, Ecosystem, FileMeta};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const FILE: FileMeta = FileMeta {
    size: 1024,
    mode: 0o644,
};
const EXE: FileMeta = FileMeta {
    size: 1024,
    mode: 0o755,
};

/// The single analyzer that claims `path`; fails if none or several do.
fn claimant(path: &str, meta: &FileMeta) -> Box<dyn Analyzer> {
    let mut found: Vec<_> = all_analyzers()
        .into_iter()
        .filter(|a| a.required(path, meta))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{path}: claimed by {:?}",
        found.iter().map(|a| a.id()).collect::<Vec<_>>()
    );
    found.remove(0)
}

fn run(path: &str, meta: &FileMeta, content: &[u8]) -> Analysis {
    claimant(path, meta)
        .analyze(path, content)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn by_id(id: &str) -> Box<dyn Analyzer> {
    all_analyzers()
        .into_iter()
        .find(|a| a.id() == id)
        .unwrap_or_else(|| panic!("no analyzer {id}"))
}

fn name_versions(a: &Analysis) -> Vec<(String, String)> {
    a.packages
        .iter()
        .map(|p| (p.name.clone(), p.version.clone()))
        .collect()
}

fn nv(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

// ---------------------------------------------------------------- Python

#[test]
fn python_dist_info_egg_info_and_egg_info_file() {
    let metadata = "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nSummary: HTTP\nLicense: Apache 2.0\nClassifier: License :: OSI Approved :: Apache Software License\n\nrequests\n========\n";
    let a = run(
        "usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA",
        &FILE,
        metadata.as_bytes(),
    );
    assert_eq!(a.packages.len(), 1);
    let p = &a.packages[0];
    assert_eq!(p.ecosystem, Ecosystem::Pypi);
    assert_eq!(
        (p.name.as_str(), p.version.as_str()),
        ("requests", "2.31.0")
    );
    assert_eq!(p.licenses, vec!["Apache 2.0"]);
    assert_eq!(
        p.location,
        "/usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA"
    );

    let pkg_info = "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n";
    let a = run(
        "usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO",
        &FILE,
        pkg_info.as_bytes(),
    );
    assert_eq!(name_versions(&a), nv(&[("six", "1.16.0")]));
    let a = run(
        "venv/lib/python3.12/site-packages/distro-1.8.0.egg-info",
        &FILE,
        pkg_info.as_bytes(),
    );
    assert_eq!(name_versions(&a), nv(&[("six", "1.16.0")]));
}

#[test]
fn python_files_outside_site_packages_are_not_claimed() {
    for p in [
        "src/requests.dist-info/METADATA",
        "usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/RECORD",
        "usr/lib/python3.11/site-packages/requests/__init__.py",
    ] {
        assert!(
            all_analyzers()
                .iter()
                .all(|a| a.id() != "python-installed" || !a.required(p, &FILE)),
            "{p}"
        );
    }
    let e = by_id("python-installed")
        .analyze(
            "usr/lib/python3/dist-packages/x.egg-info/PKG-INFO",
            b"Metadata-Version: 1.0\n",
        )
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "usr/lib/python3/dist-packages/x.egg-info/PKG-INFO: no Name header"
    );
}

// ---------------------------------------------------------------- Node

#[test]
fn node_modules_package_json() {
    let j =
        br#"{"name":"@babel/core","version":"7.23.2","license":"MIT","dependencies":{"x":"^1"}}"#;
    let a = run("app/node_modules/@babel/core/package.json", &FILE, j);
    assert_eq!(name_versions(&a), nv(&[("@babel/core", "7.23.2")]));
    assert_eq!(a.packages[0].ecosystem, Ecosystem::Npm);
    assert_eq!(a.packages[0].licenses, vec!["MIT"]);
    assert_eq!(
        a.packages[0].location,
        "/app/node_modules/@babel/core/package.json"
    );

    // A global install directory.
    let a = run(
        "usr/local/lib/node_modules/npm/package.json",
        &FILE,
        br#"{"name":"npm","version":"10.2.0"}"#,
    );
    assert_eq!(name_versions(&a), nv(&[("npm", "10.2.0")]));

    // The project's own manifest is a declaration, not an installation.
    let node = by_id("node-installed");
    assert!(!node.required("app/package.json", &FILE));
    assert!(!node.required("app/node_modules/x/lib/package.json", &FILE));
}

// ---------------------------------------------------------------- Ruby

#[test]
fn installed_gemspec() {
    let spec = r#"# -*- encoding: utf-8 -*-
# stub: rack 2.2.8 ruby lib

Gem::Specification.new do |s|
  s.name = "rack".freeze
  s.version = "2.2.8"

  s.required_rubygems_version = Gem::Requirement.new(">= 0".freeze) if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib".freeze]
  s.authors = ["Leah Neukirchen".freeze]
  s.licenses = ["MIT".freeze]
  s.rubygems_version = "3.4.19".freeze
  s.summary = "a modular Ruby webserver interface".freeze

  s.installed_by_version = "3.4.19" if s.respond_to? :installed_by_version

  s.add_development_dependency(%q<minitest>.freeze, ["~> 5.0"])
end
"#;
    let path = "usr/local/bundle/specifications/rack-2.2.8.gemspec";
    let a = run(path, &FILE, spec.as_bytes());
    assert_eq!(name_versions(&a), nv(&[("rack", "2.2.8")]));
    assert_eq!(a.packages[0].ecosystem, Ecosystem::Rubygems);
    assert_eq!(a.packages[0].licenses, vec!["MIT"]);
    assert!(!by_id("gemspec-installed").required("app/rack.gemspec", &FILE));
}

// ---------------------------------------------------------------- PHP

#[test]
fn composer_installed_json_both_forms() {
    let v1 = br#"[{"name":"symfony/console","version":"v5.4.28","version_normalized":"5.4.28.0","license":["MIT"]}]"#;
    let a = run("srv/app/vendor/composer/installed.json", &FILE, v1);
    assert_eq!(name_versions(&a), nv(&[("symfony/console", "v5.4.28")]));
    let v2 = br#"{"packages":[{"name":"guzzlehttp/guzzle","version":"7.8.0","license":["MIT"]}],"dev":false,"dev-package-names":[]}"#;
    let a = run("vendor/composer/installed.json", &FILE, v2);
    assert_eq!(name_versions(&a), nv(&[("guzzlehttp/guzzle", "7.8.0")]));
    assert_eq!(a.packages[0].ecosystem, Ecosystem::Composer);
}

/// `composer.lock` holds the same package objects under `packages` as Composer 2's
/// `installed.json`, so the real lockfiles in the corpus exercise the entry parser.
#[test]
fn composer_entries_from_corpus_lockfiles() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/lockfiles/composer"
    );
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipping: ../shared/corpus not found");
        return;
    };
    let composer = by_id("composer-installed");
    let mut files = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "lock") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let expected: Vec<(String, String)> = json["packages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap().to_string(),
                    p["version"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let a = composer
            .analyze("vendor/composer/installed.json", &bytes)
            .unwrap();
        assert_eq!(name_versions(&a), expected, "{}", path.display());
        assert!(!expected.is_empty());
        files += 1;
    }
    assert!(files >= 1, "no composer.lock in {dir}");
}

// ---------------------------------------------------------------- Java

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn pom(g: &str, a: &str, v: &str) -> Vec<u8> {
    format!("#Generated by Maven\n#Mon Jan 01 00:00:00 UTC 2024\ngroupId={g}\nartifactId={a}\nversion={v}\n")
        .into_bytes()
}

#[test]
fn jar_with_pom_properties_reports_each_one() {
    // A shaded jar: its own pom.properties plus one for a bundled dependency.
    let jar = zip_of(&[
        ("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\r\n\r\n"),
        (
            "META-INF/maven/com.example/app/pom.properties",
            &pom("com.example", "app", "1.4.0"),
        ),
        (
            "META-INF/maven/com.google.guava/guava/pom.properties",
            &pom("com.google.guava", "guava", "32.1.2-jre"),
        ),
        ("com/example/App.class", b"\xca\xfe\xba\xbe"),
    ]);
    let a = run("opt/app/app-1.4.0.jar", &FILE, &jar);
    assert_eq!(
        name_versions(&a),
        nv(&[
            ("com.example:app", "1.4.0"),
            ("com.google.guava:guava", "32.1.2-jre")
        ])
    );
    assert!(a
        .packages
        .iter()
        .all(|p| p.ecosystem == Ecosystem::Maven && p.location == "/opt/app/app-1.4.0.jar"));
}

#[test]
fn jar_without_pom_uses_manifest_then_file_name() {
    let jar = zip_of(&[(
        "META-INF/MANIFEST.MF",
        b"Manifest-Version: 1.0\r\nImplementation-Title: widgets\r\nImplementation-Version: 0.9.1\r\nImplementation-Vendor-Id: org.widgets\r\n\r\n",
    )]);
    let a = run("lib/app.jar", &FILE, &jar);
    assert_eq!(name_versions(&a), nv(&[("org.widgets:widgets", "0.9.1")]));

    let jar = zip_of(&[("a/B.class", b"\xca\xfe\xba\xbe")]);
    let a = run("lib/commons-text-1.10.0.jar", &FILE, &jar);
    assert_eq!(name_versions(&a), nv(&[("commons-text", "1.10.0")]));
    let a = run("lib/app.jar", &FILE, &jar);
    assert!(a.is_empty());
}

#[test]
fn war_and_spring_boot_nested_jars_keep_the_outer_location() {
    let inner = zip_of(&[(
        "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
        &pom("org.apache.logging.log4j", "log4j-core", "2.14.1"),
    )]);
    let plain = zip_of(&[("x/Y.class", b"\xca\xfe\xba\xbe")]);
    let war = zip_of(&[
        ("WEB-INF/web.xml", b"<web-app/>"),
        ("WEB-INF/lib/log4j-core-2.14.1.jar", &inner),
        ("WEB-INF/lib/jackson-databind-2.9.8.jar", &plain),
    ]);
    let a = run("usr/local/tomcat/webapps/shop.war", &FILE, &war);
    assert_eq!(
        name_versions(&a),
        // `shop.war` itself has no metadata and no version in its name.
        nv(&[
            ("org.apache.logging.log4j:log4j-core", "2.14.1"),
            ("jackson-databind", "2.9.8"),
        ])
    );
    assert!(a
        .packages
        .iter()
        .all(|p| p.location == "/usr/local/tomcat/webapps/shop.war"));

    let boot = zip_of(&[
        (
            "META-INF/maven/com.example/svc/pom.properties",
            &pom("com.example", "svc", "0.0.1-SNAPSHOT"),
        ),
        ("BOOT-INF/lib/log4j-core-2.14.1.jar", &inner),
    ]);
    let a = run("app.jar", &FILE, &boot);
    assert_eq!(
        name_versions(&a),
        nv(&[
            ("com.example:svc", "0.0.1-SNAPSHOT"),
            ("org.apache.logging.log4j:log4j-core", "2.14.1")
        ])
    );
}

#[test]
fn nesting_depth_is_limited() {
    // a0.jar ⊃ a1.jar ⊃ … ⊃ a5.jar, each with its own pom.properties.
    let mut jar = zip_of(&[("META-INF/maven/g/a5/pom.properties", &pom("g", "a5", "1"))]);
    for level in (0..5).rev() {
        let props = format!("META-INF/maven/g/a{level}/pom.properties");
        let child = format!("lib/a{}.jar", level + 1);
        jar = zip_of(&[
            (&props, &pom("g", &format!("a{level}"), "1")),
            (&child, &jar),
        ]);
    }
    let a = run("a0.jar", &FILE, &jar);
    let names: Vec<_> = a.packages.iter().map(|p| p.name.as_str()).collect();
    // Depth 0 is the file itself; three levels of nesting are opened.
    assert_eq!(names, vec!["g:a0", "g:a1", "g:a2", "g:a3"]);
}

#[test]
fn oversized_metadata_entry_is_not_inflated() {
    // pom.properties whose valid first lines are followed by 4 MiB of padding:
    // above the 1 MiB cap, so it is skipped and the file name is used instead.
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    w.start_file("META-INF/maven/g/a/pom.properties", opts)
        .unwrap();
    w.write_all(&pom("g", "a", "1.0")).unwrap();
    w.write_all(&vec![b'#'; 4 << 20]).unwrap();
    let jar = w.finish().unwrap().into_inner();
    assert!(
        jar.len() < 64 << 10,
        "fixture compresses well: {}",
        jar.len()
    );
    let a = run("bomb-9.9.jar", &FILE, &jar);
    assert_eq!(name_versions(&a), nv(&[("bomb", "9.9")]));
}

#[test]
fn oversized_nested_archive_is_not_inflated() {
    // A valid jar preceded by padding still opens (zip allows a prefix), so the
    // padding size decides: 8 MiB is read, 70 MiB is over the 64 MiB entry cap.
    let inner = zip_of(&[(
        "META-INF/maven/g/inner/pom.properties",
        &pom("g", "inner", "1"),
    )]);
    for (pad_mib, expect_inner) in [(8usize, true), (70, false)] {
        let mut padded = Vec::new();
        let pad = vec![0u8; pad_mib << 20];
        padded.extend_from_slice(&pad);
        padded.extend_from_slice(&inner);
        let outer = zip_of(&[("WEB-INF/lib/inner.jar", &padded)]);
        let a = run("x.war", &FILE, &outer);
        let found = a.packages.iter().any(|p| p.name == "g:inner");
        assert_eq!(found, expect_inner, "padding {pad_mib} MiB");
    }
}

#[test]
fn total_inflated_bytes_per_archive_are_bounded() {
    // Five 60 MiB nested entries exhaust the 256 MiB budget, so a valid jar after
    // them is never opened; with one such entry it is.
    let last = zip_of(&[(
        "META-INF/maven/g/last/pom.properties",
        &pom("g", "last", "1"),
    )]);
    for (bombs, expect_last) in [(1usize, true), (5, false)] {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(1));
        let chunk = vec![0u8; 1 << 20];
        for i in 0..bombs {
            w.start_file(format!("WEB-INF/lib/bomb{i}.jar"), opts)
                .unwrap();
            for _ in 0..60 {
                w.write_all(&chunk).unwrap();
            }
        }
        w.start_file("WEB-INF/lib/last.jar", opts).unwrap();
        w.write_all(&last).unwrap();
        let war = w.finish().unwrap().into_inner();
        let a = run("bombs.war", &FILE, &war);
        let found = a.packages.iter().any(|p| p.name == "g:last");
        assert_eq!(found, expect_last, "{bombs} bombs");
    }
}

#[test]
fn broken_archives() {
    let jar = by_id("jar");
    let e = jar
        .analyze("lib/x-1.0.jar", b"PK\x03\x04 nonsense")
        .unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("lib/x-1.0.jar: not a zip archive"), "{msg}");
    // A broken nested archive is skipped; the outer one still reports.
    let war = zip_of(&[
        ("META-INF/maven/g/w/pom.properties", &pom("g", "w", "2")),
        ("WEB-INF/lib/broken-1.0.jar", b"not a zip"),
    ]);
    let a = jar.analyze("w.war", &war).unwrap();
    assert_eq!(name_versions(&a), nv(&[("g:w", "2")]));
}

// ---------------------------------------------------------------- Go

/// The 16-byte sentinels the Go linker puts around the module text.
const SENTINEL_START: &[u8; 16] = b"0w\xaf\x0c\x92t\x08\x02A\xe1\xc1\x07\xe6\xd6\x18\xe6";
const SENTINEL_END: &[u8; 16] = b"\xf92C1\x86\x18 r\x00\x82B\x10A\x16\xd8\xf2";

const MODINFO: &str = "path\texample.com/hello/cmd/hello\n\
mod\texample.com/hello\tv1.2.3\th1:abc=\n\
dep\tgithub.com/spf13/cobra\tv1.8.0\th1:def=\n\
dep\tgolang.org/x/net\tv0.10.0\th1:ghi=\n\
=>\tgolang.org/x/net\tv0.17.0\th1:jkl=\n\
dep\texample.com/internal\tv0.0.0-00010101000000-000000000000\n\
=>\t../internal\t\n\
dep\texample.com/backend\tv0.0.0-00010101000000-000000000000\n\
=>\t./internal/backend\t(devel)\t\n\
build\t-compiler=gc\n\
build\tGOOS=linux\n";

fn framed_modinfo() -> Vec<u8> {
    let mut m = SENTINEL_START.to_vec();
    m.extend_from_slice(MODINFO.as_bytes());
    m.extend_from_slice(SENTINEL_END);
    m
}

fn uvarint(mut n: usize, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The Go ≥ 1.18 blob:
///
/// ```text
/// 0   14 bytes  magic "\xff Go buildinf:"
/// 14  1 byte    pointer size (8)
/// 15  1 byte    flags: bit 1 (0x2) = strings inline; bit 0 = big-endian
/// 16  16 bytes  unused (zero)
/// 32  uvarint   len(go version), then the bytes ("go1.21.5")
/// ..  uvarint   len(module text), then the bytes (sentinel, text, sentinel)
/// ```
fn inline_blob(go_version: &str) -> Vec<u8> {
    let mut b = b"\xff Go buildinf:".to_vec();
    b.push(8);
    b.push(0x2);
    b.resize(32, 0);
    uvarint(go_version.len(), &mut b);
    b.extend_from_slice(go_version.as_bytes());
    let m = framed_modinfo();
    uvarint(m.len(), &mut b);
    b.extend_from_slice(&m);
    b
}

fn expected_go() -> Vec<(String, String)> {
    nv(&[
        ("example.com/hello", "v1.2.3"),
        ("github.com/spf13/cobra", "v1.8.0"),
        ("golang.org/x/net", "v0.17.0"),
        ("stdlib", "v1.21.5"),
    ])
}

#[test]
fn go_inline_build_info_in_a_synthetic_buffer() {
    // Not a parsable ELF (only the magic), so the analyzer falls back to scanning
    // the file for 16-byte-aligned magics. A decoy copy of the magic (as programs
    // importing debug/buildinfo contain) comes first and must be rejected, and a
    // misaligned copy is ignored.
    let mut file = b"\x7fELF".to_vec();
    file.resize(64, 0);
    file.extend_from_slice(b"\xff Go buildinf:\x08\x02 this is rodata, not a blob...");
    file.resize(160, 0);
    file.extend_from_slice(b"x\xff Go buildinf:");
    file.resize(256, 0);
    file.extend_from_slice(&inline_blob("go1.21.5"));
    file.resize(file.len() + 100, 0);
    let a = run("usr/local/bin/hello", &EXE, &file);
    assert_eq!(name_versions(&a), expected_go());
    assert!(a
        .packages
        .iter()
        .all(|p| p.ecosystem == Ecosystem::Go && p.location == "/usr/local/bin/hello"));
}

#[test]
fn go_devel_main_module_is_skipped() {
    let mut file = b"\x7fELF".to_vec();
    file.resize(64, 0);
    let modinfo = MODINFO.replace("\tv1.2.3\th1:abc=", "\t(devel)\t");
    assert!(modinfo.contains("(devel)"));
    let mut b = b"\xff Go buildinf:\x08\x02".to_vec();
    b.resize(32, 0);
    uvarint(8, &mut b);
    b.extend_from_slice(b"go1.22.0");
    let mut m = SENTINEL_START.to_vec();
    m.extend_from_slice(modinfo.as_bytes());
    m.extend_from_slice(SENTINEL_END);
    uvarint(m.len(), &mut b);
    b.extend_from_slice(&m);
    file.extend_from_slice(&b);
    let a = by_id("binaries").analyze("app", &file).unwrap();
    let names: Vec<_> = a.packages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["github.com/spf13/cobra", "golang.org/x/net", "stdlib"]
    );
}

/// A minimal ELF64 little-endian executable: header, one `PT_LOAD` program header
/// mapping the whole file at `BASE`, no section headers (as in a stripped binary).
/// `body` is placed at file offset 128.
fn elf_exec(body: &[u8]) -> Vec<u8> {
    const BASE: u64 = 0x40_0000;
    let total = (128 + body.len()) as u64;
    let mut f = Vec::new();
    f.extend_from_slice(b"\x7fELF\x02\x01\x01\x00"); // 64-bit, LE, version 1, SysV
    f.resize(16, 0);
    f.extend_from_slice(&2u16.to_le_bytes()); // e_type: ET_EXEC
    f.extend_from_slice(&0x3eu16.to_le_bytes()); // e_machine: x86-64
    f.extend_from_slice(&1u32.to_le_bytes()); // e_version
    f.extend_from_slice(&BASE.to_le_bytes()); // e_entry
    f.extend_from_slice(&64u64.to_le_bytes()); // e_phoff
    f.extend_from_slice(&0u64.to_le_bytes()); // e_shoff: none
    f.extend_from_slice(&0u32.to_le_bytes()); // e_flags
    f.extend_from_slice(&64u16.to_le_bytes()); // e_ehsize
    f.extend_from_slice(&56u16.to_le_bytes()); // e_phentsize
    f.extend_from_slice(&1u16.to_le_bytes()); // e_phnum
    f.extend_from_slice(&64u16.to_le_bytes()); // e_shentsize
    f.extend_from_slice(&0u16.to_le_bytes()); // e_shnum
    f.extend_from_slice(&0u16.to_le_bytes()); // e_shstrndx
    assert_eq!(f.len(), 64);
    f.extend_from_slice(&1u32.to_le_bytes()); // p_type: PT_LOAD
    f.extend_from_slice(&6u32.to_le_bytes()); // p_flags: RW
    f.extend_from_slice(&0u64.to_le_bytes()); // p_offset
    f.extend_from_slice(&BASE.to_le_bytes()); // p_vaddr
    f.extend_from_slice(&BASE.to_le_bytes()); // p_paddr
    f.extend_from_slice(&total.to_le_bytes()); // p_filesz
    f.extend_from_slice(&total.to_le_bytes()); // p_memsz
    f.extend_from_slice(&0x1000u64.to_le_bytes()); // p_align
    f.resize(128, 0);
    f.extend_from_slice(body);
    f
}

#[test]
fn go_pointer_format_build_info_through_elf_segments() {
    // Go < 1.18 layout, at file offset 128 = address 0x400080:
    //   +0   magic, ptr size 8, flags 0 (pointers, little-endian)
    //   +16  address of the version string header  (0x4000a0)
    //   +24  address of the module string header   (0x4000b0)
    //   +32  version header {data 0x4000c0, len}
    //   +48  module header  {data 0x4000c0 + len(version), len}
    //   +64  version bytes, then module bytes
    const AT: u64 = 0x40_0080;
    let version = b"go1.16.15";
    let modinfo = framed_modinfo();
    let mut b = b"\xff Go buildinf:".to_vec();
    b.push(8);
    b.push(0);
    b.extend_from_slice(&(AT + 32).to_le_bytes());
    b.extend_from_slice(&(AT + 48).to_le_bytes());
    b.extend_from_slice(&(AT + 64).to_le_bytes());
    b.extend_from_slice(&(version.len() as u64).to_le_bytes());
    b.extend_from_slice(&(AT + 64 + version.len() as u64).to_le_bytes());
    b.extend_from_slice(&(modinfo.len() as u64).to_le_bytes());
    b.extend_from_slice(version);
    b.extend_from_slice(&modinfo);
    let file = elf_exec(&b);
    let a = run("bin/old", &EXE, &file);
    let mut want = expected_go();
    want.last_mut().unwrap().1 = "v1.16.15".into();
    assert_eq!(name_versions(&a), want);

    // A dangling pointer is no crash and no package.
    let mut bad = b.clone();
    bad[16..24].copy_from_slice(&0xdead_beefu64.to_le_bytes());
    let a = by_id("binaries")
        .analyze("bin/old", &elf_exec(&bad))
        .unwrap();
    assert!(a.is_empty());
}

/// A minimal ELF32 big-endian executable (MIPS), one `PT_LOAD` mapping the file at
/// `0x10000`, no section headers; `body` at file offset 96.
fn elf32_be_exec(body: &[u8]) -> Vec<u8> {
    const BASE: u32 = 0x1_0000;
    let total = (96 + body.len()) as u32;
    let mut f = Vec::new();
    f.extend_from_slice(b"\x7fELF\x01\x02\x01\x00"); // 32-bit, BE, version 1
    f.resize(16, 0);
    f.extend_from_slice(&2u16.to_be_bytes()); // e_type: ET_EXEC
    f.extend_from_slice(&8u16.to_be_bytes()); // e_machine: MIPS
    f.extend_from_slice(&1u32.to_be_bytes()); // e_version
    f.extend_from_slice(&BASE.to_be_bytes()); // e_entry
    f.extend_from_slice(&52u32.to_be_bytes()); // e_phoff
    f.extend_from_slice(&0u32.to_be_bytes()); // e_shoff
    f.extend_from_slice(&0u32.to_be_bytes()); // e_flags
    f.extend_from_slice(&52u16.to_be_bytes()); // e_ehsize
    f.extend_from_slice(&32u16.to_be_bytes()); // e_phentsize
    f.extend_from_slice(&1u16.to_be_bytes()); // e_phnum
    f.extend_from_slice(&40u16.to_be_bytes()); // e_shentsize
    f.extend_from_slice(&0u16.to_be_bytes()); // e_shnum
    f.extend_from_slice(&0u16.to_be_bytes()); // e_shstrndx
    assert_eq!(f.len(), 52);
    for v in [1, 0, BASE, BASE, total, total, 6, 0x1000] {
        // p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align
        f.extend_from_slice(&u32::to_be_bytes(v));
    }
    f.resize(96, 0);
    f.extend_from_slice(body);
    f
}

#[test]
fn go_pointer_format_32_bit_big_endian() {
    // As above with 4-byte big-endian pointers (flags bit 0), at address 0x10060:
    //   +16 version header address, +20 module header address,
    //   +24 version header {data, len}, +32 module header {data, len}, +40 bytes.
    const AT: u32 = 0x1_0060;
    let version = b"go1.15.2";
    let modinfo = framed_modinfo();
    let mut b = b"\xff Go buildinf:".to_vec();
    b.push(4);
    b.push(1);
    for v in [
        AT + 24,
        AT + 32,
        AT + 40,
        version.len() as u32,
        AT + 40 + version.len() as u32,
        modinfo.len() as u32,
    ] {
        b.extend_from_slice(&v.to_be_bytes());
    }
    b.extend_from_slice(version);
    b.extend_from_slice(&modinfo);
    let a = run("bin/mips", &EXE, &elf32_be_exec(&b));
    let mut want = expected_go();
    want.last_mut().unwrap().1 = "v1.15.2".into();
    assert_eq!(name_versions(&a), want);
}

// ---------------------------------------------------------------- Rust

fn zlib(b: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

/// An ELF relocatable file with the given named sections, written by `object`.
fn elf_with_sections(sections: &[(&str, &[u8])]) -> Vec<u8> {
    use object::write::Object;
    use object::{Architecture, BinaryFormat, Endianness, SectionKind};
    let mut obj = Object::new(BinaryFormat::Elf, Architecture::X86_64, Endianness::Little);
    for (name, data) in sections {
        let id = obj.add_section(Vec::new(), name.as_bytes().to_vec(), SectionKind::Data);
        obj.append_section_data(id, data, 16);
    }
    obj.write().unwrap()
}

const DEP_V0: &str = r#"{"packages":[
 {"name":"hello","version":"0.1.0","source":"local","dependencies":[1,2],"root":true},
 {"name":"serde","version":"1.0.193","source":"crates.io","dependencies":[3]},
 {"name":"libc","version":"0.2.150","source":"crates.io"},
 {"name":"serde_derive","version":"1.0.193","source":"crates.io","kind":"build"}
]}"#;

#[test]
fn rust_cargo_auditable_section() {
    let elf = elf_with_sections(&[(".dep-v0", &zlib(DEP_V0.as_bytes()))]);
    let a = run("usr/bin/hello", &EXE, &elf);
    assert_eq!(
        name_versions(&a),
        nv(&[
            ("hello", "0.1.0"),
            ("serde", "1.0.193"),
            ("libc", "0.2.150")
        ])
    );
    assert!(a
        .packages
        .iter()
        .all(|p| p.ecosystem == Ecosystem::Cargo && p.location == "/usr/bin/hello"));
}

#[test]
fn go_section_and_rust_section_in_one_executable() {
    let elf = elf_with_sections(&[
        (".go.buildinfo", &inline_blob("go1.21.5")),
        (".dep-v0", &zlib(DEP_V0.as_bytes())),
    ]);
    let a = run("opt/mixed", &EXE, &elf);
    assert_eq!(
        a.packages
            .iter()
            .filter(|p| p.ecosystem == Ecosystem::Go)
            .count(),
        4
    );
    assert_eq!(
        a.packages
            .iter()
            .filter(|p| p.ecosystem == Ecosystem::Cargo)
            .count(),
        3
    );
}

#[test]
fn broken_sections_are_clear_errors() {
    let elf = elf_with_sections(&[(".dep-v0", b"not zlib at all")]);
    let e = by_id("binaries").analyze("usr/bin/x", &elf).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("usr/bin/x: cannot inflate .dep-v0 section"),
        "{e}"
    );
    let elf = elf_with_sections(&[(".go.buildinfo", b"\xff Go buildinf:\x08\x02\0\0")]);
    let e = by_id("binaries").analyze("usr/bin/y", &elf).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("usr/bin/y: invalid .go.buildinfo section"),
        "{e}"
    );
    let bomb = zlib(&vec![b' '; 40 << 20]);
    let elf = elf_with_sections(&[(".dep-v0", &bomb)]);
    let e = by_id("binaries").analyze("usr/bin/z", &elf).unwrap_err();
    assert!(e.to_string().contains("inflates to more than"), "{e}");
}

#[test]
fn real_non_go_executable_is_empty() {
    // The test binary itself: a real ELF/Mach-O/PE from rustc, without build info.
    let exe = std::env::current_exe().unwrap();
    let bytes = std::fs::read(&exe).unwrap();
    let a = by_id("binaries").analyze("usr/bin/t", &bytes).unwrap();
    assert!(a.is_empty(), "{:?}", a.packages);
}

/// Builds a real binary with `cargo auditable` (a dependency-free crate, so no
/// network is needed) and reads it back. Run with `cargo test -p mamori-inventory
/// --test installed -- --ignored`; skipped when `cargo auditable` is not installed
/// (`cargo install cargo-auditable`).
#[test]
#[ignore = "needs cargo-auditable and builds a crate"]
fn real_cargo_auditable_binary() {
    use std::process::Command;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let has = Command::new(&cargo)
        .args(["auditable", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        eprintln!("skipping: cargo-auditable not installed (cargo install cargo-auditable)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("mamori-auditable-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"auditable-probe\"\nversion = \"0.3.1\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").unwrap();
    let status = Command::new(&cargo)
        .args(["auditable", "build", "--offline", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .status()
        .unwrap();
    assert!(status.success());
    let bin = dir.join("target/debug/auditable-probe");
    let bytes = std::fs::read(&bin).unwrap();
    let a = by_id("binaries")
        .analyze("usr/bin/auditable-probe", &bytes)
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(name_versions(&a), nv(&[("auditable-probe", "0.3.1")]));
}

/// Walks a real directory tree with the installed analyzers and prints what they
/// found, for measuring on a machine's own files (no assertion on the counts):
/// `MAMORI_INSTALLED_ROOT=/usr cargo test -p mamori-inventory --test installed
/// -- --ignored scan_real_tree --nocapture`.
#[cfg(unix)]
#[test]
#[ignore = "reads the directory named by MAMORI_INSTALLED_ROOT"]
fn scan_real_tree() {
    use std::collections::BTreeMap;
    use std::os::unix::fs::PermissionsExt;
    let Ok(root) = std::env::var("MAMORI_INSTALLED_ROOT") else {
        eprintln!("skipping: MAMORI_INSTALLED_ROOT not set");
        return;
    };
    let ids = [
        "python-installed",
        "node-installed",
        "gemspec-installed",
        "composer-installed",
        "jar",
        "binaries",
    ];
    let analyzers: Vec<_> = all_analyzers()
        .into_iter()
        .filter(|a| ids.contains(&a.id()))
        .collect();
    // id -> (files read, packages, errors, bytes)
    let mut stats: BTreeMap<&str, (usize, usize, usize, u64)> = BTreeMap::new();
    let mut spent: BTreeMap<&str, std::time::Duration> = BTreeMap::new();
    let started = std::time::Instant::now();
    let mut stack = vec![std::path::PathBuf::from(&root)];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(md) = entry.path().symlink_metadata() else {
                continue;
            };
            if md.is_dir() {
                stack.push(entry.path());
                continue;
            }
            if !md.is_file() {
                continue;
            }
            let full = entry.path();
            let rel = full.to_string_lossy().trim_start_matches('/').to_string();
            let meta = FileMeta {
                size: md.len(),
                mode: md.permissions().mode(),
            };
            for a in &analyzers {
                if !a.required(&rel, &meta) || meta.size > a.max_size() {
                    continue;
                }
                let Ok(bytes) = std::fs::read(&full) else {
                    continue;
                };
                let s = stats.entry(a.id()).or_default();
                s.0 += 1;
                s.3 += bytes.len() as u64;
                let t = std::time::Instant::now();
                let result = a.analyze(&rel, &bytes);
                *spent.entry(a.id()).or_default() += t.elapsed();
                match result {
                    Ok(r) => {
                        s.1 += r.packages.len();
                        if std::env::var_os("MAMORI_VERBOSE").is_some() {
                            for p in &r.packages {
                                println!("{}\t{}\t{}\t{}", a.id(), p.name, p.version, p.location);
                            }
                        }
                    }
                    Err(e) => {
                        s.2 += 1;
                        println!("error: {e}");
                    }
                }
            }
        }
    }
    for (id, (files, pkgs, errs, bytes)) in &stats {
        println!(
            "{id}: {files} files ({} MiB), {pkgs} packages, {errs} errors, {:?} in analyze",
            bytes >> 20,
            spent.get(id).copied().unwrap_or_default()
        );
    }
    println!("elapsed: {:?}", started.elapsed());
}

/// A cheap, deterministic stand-in for the fuzz target (`fuzz/fuzz_targets/
/// binaries.rs`): every truncation and a spread of byte corruptions of the
/// binary fixtures must give a result or an error, never a panic.
#[test]
fn corrupted_binaries_and_archives_never_panic() {
    let inner = zip_of(&[(
        "META-INF/maven/g/inner/pom.properties",
        &pom("g", "inner", "1"),
    )]);
    let war = zip_of(&[
        ("META-INF/MANIFEST.MF", b"Implementation-Version: 1\r\n\r\n"),
        ("WEB-INF/lib/inner-1.jar", &inner),
    ]);
    let mut go_buf = b"\x7fELF".to_vec();
    go_buf.resize(64, 0);
    go_buf.extend_from_slice(&inline_blob("go1.21.5"));
    let elf = elf_with_sections(&[
        (".go.buildinfo", &inline_blob("go1.21.5")),
        (".dep-v0", &zlib(DEP_V0.as_bytes())),
    ]);
    let fixtures: [(&str, &[u8]); 4] = [
        ("jar", &war),
        ("binaries", &go_buf),
        ("binaries", &elf),
        ("jar", &inner),
    ];
    let mut calls = 0;
    for (id, data) in fixtures {
        let a = by_id(id);
        let path = if id == "jar" { "x.war" } else { "usr/bin/x" };
        let step = (data.len() / 200).max(1);
        for cut in (0..data.len()).step_by(step) {
            let _ = a.analyze(path, &data[..cut]);
            calls += 1;
        }
        for pos in (0..data.len()).step_by(step) {
            for flip in [0xff_u8, 0x80, 0x01] {
                let mut d = data.to_vec();
                d[pos] ^= flip;
                let _ = a.analyze(path, &d);
                calls += 1;
            }
        }
    }
    assert!(calls > 1000, "{calls}");
}
