//! The on-disk store: one SQLite file, written whole into a temporary file
//! beside the target and renamed over it, so a reader never sees a half-built
//! database and an interrupted import leaves the previous one serving.
//!
//! Schema (version [`SCHEMA_VERSION`]):
//! - `records(rid, id UNIQUE, source, modified, meta)`: one row per OSV record;
//!   `meta` is the JSON of [`RecordMeta`] (ids, summary, resolved severity,
//!   CVSS vectors), not the whole record.
//! - `affected(ecosystem, name, rid, entries)`, primary key
//!   `(ecosystem, name, rid)`, `WITHOUT ROWID`: the B-tree is clustered on the
//!   lookup key, so a query is one range scan. `entries` is the JSON list of
//!   that record's [`Affected`] entries for the package (ranges, versions).
//! - `meta(ecosystem, records, imported_at, source)`: per imported source
//!   (the osv.dev top-level ecosystem, e.g. `Debian`): record count, import
//!   time (unix seconds) and where it came from.
//! - `info(key, value)`: `schema_version`, `built_at`.
//!
//! This module reads local files only; downloading is in `crate::update`.

use crate::advisory::{parse_record, Advisory, Affected, RecordMeta, MAX_RECORD_BYTES};
use crate::ecosystem::{db_ecosystems, is_kernel_headers, normalize_name};
use crate::error::{io, sql, Error, Result};
use crate::matcher::{eval_affected, merge, Match, RecordHit};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// File name of the database inside its directory.
pub const DB_FILE: &str = "vulndb.sqlite3";

/// Bumped whenever the tables or the JSON in them change shape.
pub const SCHEMA_VERSION: i64 = 1;

/// Most entries read from one zip archive (osv.dev's largest, all of PyPI or
/// Debian, has well under a million).
pub const MAX_ZIP_ENTRIES: usize = 4_000_000;

/// Deepest directory level walked when importing a directory.
const MAX_DIR_DEPTH: usize = 8;

/// Most messages kept in [`ImportSummary::problems`] (the count is exact).
const MAX_PROBLEMS: usize = 50;

/// A lookup of one installed package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// OSV ecosystem string exactly as in the data: `Debian:12`,
    /// `Ubuntu:22.04:LTS`, `Alpine:v3.18`, `PyPI`, `npm`, `Go`, `crates.io`…
    /// (see [`crate::os_ecosystem`]).
    pub osv_ecosystem: String,
    /// Package name. For Debian and Alpine use the *source* package name:
    /// their advisories are filed per source package.
    pub name: String,
    /// Installed version, as the ecosystem spells it.
    pub version: String,
    /// Match kernel-header packages too (see [`crate::is_kernel_headers`]).
    pub include_kernel: bool,
}

impl Query {
    /// A query with `include_kernel` off.
    pub fn new(
        osv_ecosystem: impl Into<String>,
        name: impl Into<String>,
        version: impl Into<String>,
    ) -> Query {
        Query {
            osv_ecosystem: osv_ecosystem.into(),
            name: name.into(),
            version: version.into(),
            include_kernel: false,
        }
    }
}

/// Progress of an import, reported every 1000 records and at the end of each
/// source.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// The source being read (`Debian`, a file name…).
    pub source: &'a str,
    /// Records read from it so far.
    pub records: u64,
    /// True on the last report for this source.
    pub done: bool,
}

/// What an import or update did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// The database file written.
    pub path: PathBuf,
    /// Distinct records stored (after de-duplication), including records kept
    /// from the previous database by an update.
    pub records: u64,
    /// Non-withdrawn records read, per source (what `meta` stores).
    pub per_source: BTreeMap<String, u64>,
    /// Withdrawn records skipped.
    pub withdrawn: u64,
    /// Records seen again (same id) and kept only once, the newest `modified` winning.
    pub duplicates: u64,
    /// Records that failed to parse and were skipped.
    pub skipped: u64,
    /// Messages about skipped records (at most 50).
    pub problems: Vec<String>,
}

/// One imported source in [`Status`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcosystemStatus {
    /// Source name (osv.dev top-level ecosystem, e.g. `Debian`).
    pub ecosystem: String,
    /// Non-withdrawn records read from it.
    pub records: u64,
    /// When it was imported.
    pub imported_at: SystemTime,
    /// Where it came from (path or URL).
    pub source: String,
}

/// What the database holds and how old it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The database file.
    pub path: PathBuf,
    /// Per source, sorted by name.
    pub ecosystems: Vec<EcosystemStatus>,
    /// Distinct records stored.
    pub records: u64,
    /// When the file was last written.
    pub built_at: SystemTime,
}

impl Status {
    /// The import time of the oldest source: the data is as old as that.
    pub fn oldest_import(&self) -> SystemTime {
        self.ecosystems
            .iter()
            .map(|e| e.imported_at)
            .min()
            .unwrap_or(self.built_at)
    }

    /// Age of the oldest data at `now` (zero if the clock is behind).
    pub fn age(&self, now: SystemTime) -> Duration {
        now.duration_since(self.oldest_import()).unwrap_or_default()
    }

    /// True when the oldest data is more than `max_age_days` days old. The CLI
    /// warns on a stale database; it never refuses to scan.
    pub fn is_stale(&self, now: SystemTime, max_age_days: u64) -> bool {
        self.age(now) > Duration::from_secs(max_age_days.saturating_mul(86_400))
    }
}

fn unix_secs(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn from_unix(secs: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs.max(0) as u64)
}

/// An open, read-only advisory database.
pub struct VulnDb {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for VulnDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VulnDb").field("path", &self.path).finish()
    }
}

impl VulnDb {
    /// Opens the database in `dir` (the file [`DB_FILE`]) read-only.
    pub fn open(dir: &Path) -> Result<VulnDb> {
        let path = dir.join(DB_FILE);
        if !path.is_file() {
            return Err(Error::Missing { path });
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql(&path))?;
        let found: Option<String> = conn
            .query_row(
                "SELECT value FROM info WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql(&path))?;
        if found.as_deref() != Some(&SCHEMA_VERSION.to_string()) {
            return Err(Error::Schema {
                path,
                found: found.unwrap_or_else(|| "none".to_string()),
                expected: SCHEMA_VERSION,
            });
        }
        Ok(VulnDb { conn, path })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Builds a new database in `dir` from OSV data and atomically replaces
    /// the old one. `paths` may be single `.json` records, `.zip` archives in
    /// osv.dev's layout (`<Ecosystem>/all.zip`: the parent directory names the
    /// source) or directories holding either (walked recursively). Records
    /// that fail to parse are skipped and reported in the summary; an
    /// unreadable file or corrupt archive aborts and leaves the old database.
    pub fn import(
        dir: &Path,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<ImportSummary> {
        let mut b = Builder::create(dir)?;
        for p in paths {
            b.import_path(p, progress)?;
        }
        b.finish()
    }

    /// All vulnerabilities affecting one installed package, one [`Match`] per
    /// vulnerability (aliases merged), sorted by id.
    pub fn query(&self, q: &Query) -> Result<Vec<Match>> {
        if !q.include_kernel && is_kernel_headers(&q.name) {
            return Ok(Vec::new());
        }
        let corrupt = |e: serde_json::Error| Error::Corrupt {
            path: self.path.clone(),
            message: e.to_string(),
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.entries, r.meta FROM affected a JOIN records r ON r.rid = a.rid \
                 WHERE a.ecosystem = ?1 AND a.name = ?2",
            )
            .map_err(sql(&self.path))?;
        let mut hits = Vec::new();
        for eco in db_ecosystems(&q.osv_ecosystem) {
            let name = normalize_name(&eco, &q.name);
            let mut rows = stmt.query(params![eco, name]).map_err(sql(&self.path))?;
            while let Some(row) = rows.next().map_err(sql(&self.path))? {
                let entries: &str = row
                    .get_ref(0)
                    .and_then(|v| v.as_str().map_err(Into::into))
                    .map_err(sql(&self.path))?;
                let entries: Vec<Affected> = serde_json::from_str(entries).map_err(corrupt)?;
                let mut reasons = Vec::new();
                let mut fixed = Vec::new();
                let mut package_severity = None;
                let mut meta: Option<RecordMeta> = None;
                for a in &entries {
                    if meta.is_none() {
                        let m: &str = row
                            .get_ref(1)
                            .and_then(|v| v.as_str().map_err(Into::into))
                            .map_err(sql(&self.path))?;
                        meta = Some(serde_json::from_str(m).map_err(corrupt)?);
                    }
                    let id = meta.as_ref().map(|m| m.id.as_str()).unwrap_or_default();
                    if let Some(h) = eval_affected(a, id, &q.version) {
                        reasons.push(h.reason);
                        fixed.extend(h.fixed);
                        if let Some(s) = a.severity {
                            package_severity = Some(match package_severity {
                                Some(p) => s.prefer(p),
                                None => s,
                            });
                        }
                    }
                }
                if let (false, Some(meta)) = (reasons.is_empty(), meta) {
                    hits.push(RecordHit {
                        meta,
                        ecosystem: eco.clone(),
                        package_severity,
                        reasons,
                        fixed,
                    });
                }
            }
        }
        Ok(merge(hits, &q.name, &q.version))
    }

    /// What the database holds and when it was imported.
    pub fn status(&self) -> Result<Status> {
        let e = sql(&self.path);
        let mut stmt = self
            .conn
            .prepare("SELECT ecosystem, records, imported_at, source FROM meta ORDER BY ecosystem")
            .map_err(sql(&self.path))?;
        let ecosystems = stmt
            .query_map([], |r| {
                Ok(EcosystemStatus {
                    ecosystem: r.get(0)?,
                    records: r.get::<_, i64>(1)?.max(0) as u64,
                    imported_at: from_unix(r.get(2)?),
                    source: r.get(3)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(sql(&self.path))?;
        let records: i64 = self
            .conn
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .map_err(sql(&self.path))?;
        let built_at: String = self
            .conn
            .query_row("SELECT value FROM info WHERE key = 'built_at'", [], |r| {
                r.get(0)
            })
            .map_err(e)?;
        Ok(Status {
            path: self.path.clone(),
            ecosystems,
            records: records.max(0) as u64,
            built_at: from_unix(built_at.parse().unwrap_or(0)),
        })
    }
}

/// A temporary file that is deleted unless [`TempFile::keep`] is called.
struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl TempFile {
    fn new(dir: &Path, stem: &str) -> TempFile {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        TempFile {
            path: dir.join(format!(".{stem}.tmp-{}-{nanos}", std::process::id())),
            keep: false,
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Writes a new database into a temporary file; [`Builder::finish`] renames
/// it into place. Dropping a builder without finishing deletes the file.
pub(crate) struct Builder {
    // Declared before `tmp` so the connection closes before the file is removed.
    conn: Connection,
    tmp: TempFile,
    target: PathBuf,
    summary: ImportSummary,
    /// Per source: label (path or URL) for `meta`.
    labels: BTreeMap<String, String>,
    buf: Vec<u8>,
}

impl Builder {
    pub(crate) fn create(dir: &Path) -> Result<Builder> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let target = dir.join(DB_FILE);
        let tmp = TempFile::new(dir, DB_FILE);
        let conn = Connection::open(&tmp.path).map_err(sql(&tmp.path))?;
        // No journal and no fsync while building: the file is private until the
        // rename, and a crash only leaves a temp file behind.
        conn.execute_batch(
            "PRAGMA journal_mode = OFF;
             PRAGMA synchronous = OFF;
             PRAGMA cache_size = -65536;
             CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE meta (ecosystem TEXT PRIMARY KEY, records INTEGER NOT NULL,
                                imported_at INTEGER NOT NULL, source TEXT NOT NULL);
             CREATE TABLE records (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
                                   source TEXT NOT NULL, modified TEXT NOT NULL,
                                   meta TEXT NOT NULL);
             CREATE TABLE affected (ecosystem TEXT NOT NULL, name TEXT NOT NULL,
                                    rid INTEGER NOT NULL, entries TEXT NOT NULL,
                                    PRIMARY KEY (ecosystem, name, rid)) WITHOUT ROWID;
             BEGIN;",
        )
        .map_err(sql(&tmp.path))?;
        Ok(Builder {
            conn,
            tmp,
            target,
            summary: ImportSummary::default(),
            labels: BTreeMap::new(),
            buf: Vec::new(),
        })
    }

    /// Copies every source except `replaced` from the existing database, if
    /// there is a compatible one (used by updates of some ecosystems).
    pub(crate) fn keep_from_existing(&mut self, replaced: &[String]) -> Result<()> {
        let old = match VulnDb::open(self.target.parent().unwrap_or(Path::new("."))) {
            Ok(db) => db,
            Err(Error::Missing { .. }) => return Ok(()),
            Err(Error::Schema { path, found, .. }) => {
                self.problem(format!(
                    "{}: schema version {found}, not copied; only the updated ecosystems are in the new database",
                    path.display()
                ));
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        let old_path = old.path.clone();
        drop(old);
        let replaced = serde_json::to_string(replaced).unwrap_or_else(|_| "[]".to_string());
        let t = self.tmp.path.clone();
        // SQLite cannot ATTACH or DETACH inside a transaction.
        self.conn.execute_batch("COMMIT;").map_err(sql(&t))?;
        self.conn
            .execute(
                "ATTACH DATABASE ?1 AS old",
                params![old_path.to_string_lossy()],
            )
            .map_err(sql(&t))?;
        self.conn.execute_batch("BEGIN;").map_err(sql(&t))?;
        let keep = "(SELECT value FROM json_each(?1))";
        self.conn
            .execute(
                &format!(
                    "INSERT INTO records SELECT * FROM old.records WHERE source NOT IN {keep}"
                ),
                params![replaced],
            )
            .map_err(sql(&t))?;
        self.conn
            .execute(
                &format!(
                    "INSERT INTO affected SELECT a.* FROM old.affected a JOIN old.records r \
                     ON r.rid = a.rid WHERE r.source NOT IN {keep}"
                ),
                params![replaced],
            )
            .map_err(sql(&t))?;
        self.conn
            .execute(
                &format!("INSERT INTO meta SELECT * FROM old.meta WHERE ecosystem NOT IN {keep}"),
                params![replaced],
            )
            .map_err(sql(&t))?;
        self.conn
            .execute_batch("COMMIT; DETACH DATABASE old; BEGIN;")
            .map_err(sql(&t))?;
        Ok(())
    }

    fn problem(&mut self, msg: String) {
        self.summary.skipped += 1;
        if self.summary.problems.len() < MAX_PROBLEMS {
            self.summary.problems.push(msg);
        }
    }

    pub(crate) fn import_path(
        &mut self,
        path: &Path,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<()> {
        let md = std::fs::metadata(path).map_err(io(path))?;
        if md.is_dir() {
            let mut files = Vec::new();
            walk(path, 0, &mut files)?;
            files.sort();
            for f in files {
                self.import_file(&f, progress)?;
            }
            Ok(())
        } else {
            self.import_file(path, progress)
        }
    }

    fn import_file(&mut self, path: &Path, progress: &mut dyn FnMut(Progress<'_>)) -> Result<()> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".zip") {
            // osv.dev layout: <Ecosystem>/all.zip names the source by its directory.
            let source = if name == "all.zip" {
                path.parent()
                    .and_then(|p| p.file_name())
                    .and_then(|n| n.to_str())
                    .unwrap_or("all")
                    .to_string()
            } else {
                name.trim_end_matches(".zip").to_string()
            };
            self.import_zip(path, &source, &path.display().to_string(), progress)
        } else {
            let f = File::open(path).map_err(io(path))?;
            self.buf.clear();
            f.take(MAX_RECORD_BYTES as u64 + 1)
                .read_to_end(&mut self.buf)
                .map_err(io(path))?;
            let buf = std::mem::take(&mut self.buf);
            let label = path.display().to_string();
            let res = match parse_record(&buf) {
                Ok(adv) => {
                    let source = adv.base_ecosystem().to_string();
                    self.labels
                        .entry(source.clone())
                        .or_insert_with(|| label.clone());
                    self.add(adv, &source).map(|_| ())
                }
                Err(e) => {
                    self.problem(format!("{label}: {e}"));
                    Ok(())
                }
            };
            self.buf = buf;
            res
        }
    }

    /// Imports every `*.json` entry of an archive under `source`.
    pub(crate) fn import_zip(
        &mut self,
        path: &Path,
        source: &str,
        label: &str,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<()> {
        let f = File::open(path).map_err(io(path))?;
        let zip_err = |source| Error::Zip {
            path: path.to_path_buf(),
            source,
        };
        let mut archive = zip::ZipArchive::new(BufReader::new(f)).map_err(zip_err)?;
        if archive.len() > MAX_ZIP_ENTRIES {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "{} entries exceed the limit of {MAX_ZIP_ENTRIES}",
                    archive.len()
                ),
            });
        }
        self.labels.insert(source.to_string(), label.to_string());
        self.summary
            .per_source
            .entry(source.to_string())
            .or_insert(0);
        let mut read = 0u64;
        let mut buf = std::mem::take(&mut self.buf);
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).map_err(zip_err)?;
            let name = entry.name().to_string();
            if entry.is_dir() || !name.ends_with(".json") {
                continue;
            }
            if entry.size() > MAX_RECORD_BYTES as u64 {
                self.problem(format!(
                    "{label}: {name}: {} bytes exceed the record limit",
                    entry.size()
                ));
                continue;
            }
            buf.clear();
            // `take` bounds memory even if the header lies about the size; a
            // CRC mismatch surfaces here as an I/O error and aborts the import.
            (&mut entry)
                .take(MAX_RECORD_BYTES as u64 + 1)
                .read_to_end(&mut buf)
                .map_err(|e| Error::Input {
                    path: path.to_path_buf(),
                    message: format!("entry {name:?}: {e}"),
                })?;
            drop(entry);
            match parse_record(&buf) {
                Ok(adv) => {
                    self.add(adv, source)?;
                }
                Err(e) => self.problem(format!("{label}: {name}: {e}")),
            }
            read += 1;
            if read.is_multiple_of(1000) {
                progress(Progress {
                    source,
                    records: read,
                    done: false,
                });
            }
        }
        self.buf = buf;
        progress(Progress {
            source,
            records: read,
            done: true,
        });
        Ok(())
    }

    /// Stores one record; on an id seen before, the newer `modified` wins.
    fn add(&mut self, adv: Advisory, source: &str) -> Result<()> {
        let t = &self.tmp.path;
        if adv.withdrawn {
            self.summary.withdrawn += 1;
            return Ok(());
        }
        *self
            .summary
            .per_source
            .entry(source.to_string())
            .or_insert(0) += 1;
        let existing: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT rid, modified FROM records WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row(params![adv.meta.id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(sql(t))?;
        let meta = serde_json::to_string(&adv.meta).map_err(|e| Error::Corrupt {
            path: t.clone(),
            message: e.to_string(),
        })?;
        let rid = match existing {
            Some((rid, modified)) => {
                self.summary.duplicates += 1;
                if modified >= adv.meta.modified {
                    return Ok(());
                }
                self.conn
                    .execute("DELETE FROM affected WHERE rid = ?1", params![rid])
                    .and_then(|_| {
                        self.conn.execute(
                            "UPDATE records SET source = ?2, modified = ?3, meta = ?4 WHERE rid = ?1",
                            params![rid, source, adv.meta.modified, meta],
                        )
                    })
                    .map_err(sql(t))?;
                rid
            }
            None => {
                self.conn
                    .prepare_cached(
                        "INSERT INTO records (id, source, modified, meta) VALUES (?1, ?2, ?3, ?4)",
                    )
                    .and_then(|mut s| {
                        s.execute(params![adv.meta.id, source, adv.meta.modified, meta])
                    })
                    .map_err(sql(t))?;
                self.conn.last_insert_rowid()
            }
        };
        // One row per (ecosystem, name): a record may list a package several
        // times (AlmaLinux: once per module stream).
        let mut by_pkg: BTreeMap<(String, String), Vec<&Affected>> = BTreeMap::new();
        for a in &adv.affected {
            let key = (a.ecosystem.clone(), normalize_name(&a.ecosystem, &a.name));
            by_pkg.entry(key).or_default().push(a);
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "INSERT INTO affected (ecosystem, name, rid, entries) VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(sql(t))?;
        for ((eco, name), entries) in by_pkg {
            let json = serde_json::to_string(&entries).map_err(|e| Error::Corrupt {
                path: t.clone(),
                message: e.to_string(),
            })?;
            stmt.execute(params![eco, name, rid, json])
                .map_err(sql(t))?;
        }
        Ok(())
    }

    /// Writes `meta`/`info`, commits, and renames the file over the old database.
    pub(crate) fn finish(self) -> Result<ImportSummary> {
        let t = self.tmp.path.clone();
        let now = unix_secs(SystemTime::now());
        for (source, n) in &self.summary.per_source {
            let label = self.labels.get(source).cloned().unwrap_or_default();
            self.conn
                .execute(
                    "INSERT OR REPLACE INTO meta (ecosystem, records, imported_at, source) \
                     VALUES (?1, ?2, ?3, ?4)",
                    params![source, *n as i64, now, label],
                )
                .map_err(sql(&t))?;
        }
        self.conn
            .execute(
                "INSERT OR REPLACE INTO info (key, value) VALUES ('schema_version', ?1), ('built_at', ?2)",
                params![SCHEMA_VERSION.to_string(), now.to_string()],
            )
            .map_err(sql(&t))?;
        let records: i64 = self
            .conn
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .map_err(sql(&t))?;
        self.conn.execute_batch("COMMIT;").map_err(sql(&t))?;
        let Builder {
            conn,
            mut tmp,
            target,
            mut summary,
            ..
        } = self;
        conn.close().map_err(|(_, e)| Error::Sqlite {
            path: t.clone(),
            source: e,
        })?;
        // Durable before visible: fsync the new file, then rename over the old.
        File::open(&tmp.path)
            .and_then(|f| f.sync_all())
            .map_err(io(&tmp.path))?;
        std::fs::rename(&tmp.path, &target).map_err(io(&target))?;
        tmp.keep = true;
        if let Some(dir) = target.parent() {
            // Best effort: persist the directory entry too.
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        summary.path = target;
        summary.records = records.max(0) as u64;
        Ok(summary)
    }
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
    if depth > MAX_DIR_DEPTH {
        return Ok(());
    }
    for e in std::fs::read_dir(dir).map_err(io(dir))? {
        let e = e.map_err(io(dir))?;
        let p = e.path();
        let ft = e.file_type().map_err(io(&p))?;
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if ft.is_dir() {
            walk(&p, depth + 1, out)?;
        } else if ft.is_file() && (name.ends_with(".json") || name.ends_with(".zip")) {
            out.push(p);
        }
    }
    Ok(())
}
