//! Measures the vulnerability database on the real OSV corpus: import time,
//! size on disk, and lookup throughput for packages that have advisories
//! (hits) and packages that do not (misses, the common case in a scan).
//!
//! ```text
//! cargo run --release -p mamori-vulndb --example vulndb_bench [OSV_DIR] [DB_DIR]
//! ```
//!
//! `OSV_DIR` defaults to `../shared/corpus/osv` (osv.dev layout,
//! `<Ecosystem>/all.zip`); `DB_DIR` to a fresh temporary directory.

use mamori_vulndb::{Query, VulnDb, DB_FILE};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let osv = args.next().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/osv"
        ))
    });
    let db_dir = args.next().map(PathBuf::from).unwrap_or_else(|| {
        std::env::temp_dir().join(format!("mamori-vulndb-bench-{}", std::process::id()))
    });
    let mut zips: Vec<PathBuf> = std::fs::read_dir(&osv)
        .map_err(|e| format!("{}: {e}", osv.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("all.zip"))
        .filter(|p| p.is_file())
        .collect();
    zips.sort();
    if zips.is_empty() {
        return Err(format!("{}: no <Ecosystem>/all.zip archives", osv.display()).into());
    }

    let t = Instant::now();
    let summary = VulnDb::import(&db_dir, &zips, &mut |_| {})?;
    let import_secs = t.elapsed().as_secs_f64();
    let size = std::fs::metadata(db_dir.join(DB_FILE))?.len();
    let read: u64 = summary.per_source.values().sum();
    println!(
        "import: {} archives, {read} records read, {} stored, {} withdrawn skipped, {:.2} s ({:.0} records/s)",
        zips.len(),
        summary.records,
        summary.withdrawn,
        import_secs,
        read as f64 / import_secs
    );
    println!(
        "db size: {:.1} MiB ({size} bytes)",
        size as f64 / (1024.0 * 1024.0)
    );

    // Queries: every (ecosystem, package) in the DB at a version taken from
    // its first non-zero event, and the same number of unknown packages.
    let conn = rusqlite::Connection::open(db_dir.join(DB_FILE))?;
    let mut stmt =
        conn.prepare("SELECT ecosystem, name, entries FROM affected GROUP BY ecosystem, name")?;
    let mut hits = Vec::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (eco, name, entries) = row?;
        let v: serde_json::Value = serde_json::from_str(&entries)?;
        let version = v[0]["r"][0]["e"]
            .as_array()
            .and_then(|ev| ev.iter().filter_map(|e| e[1].as_str()).find(|s| *s != "0"))
            .or_else(|| v[0]["v"][0].as_str())
            .unwrap_or("1.0.0")
            .to_string();
        hits.push(Query::new(eco, name, version));
    }
    let misses: Vec<Query> = hits
        .iter()
        .map(|q| {
            Query::new(
                &q.osv_ecosystem,
                format!("{}-not-a-package", q.name),
                "1.0.0",
            )
        })
        .collect();

    let t = Instant::now();
    let db = VulnDb::open(&db_dir)?;
    println!("open: {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
    for (label, qs) in [("known packages", &hits), ("unknown packages", &misses)] {
        let t = Instant::now();
        let mut found = 0usize;
        for q in qs {
            found += db.query(q)?.len();
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "lookup ({label}): {} queries, {found} findings, {:.2} s, {:.0} queries/s",
            qs.len(),
            secs,
            qs.len() as f64 / secs
        );
    }
    if std::env::args().len() < 3 {
        let _ = std::fs::remove_dir_all(&db_dir);
    }
    Ok(())
}
