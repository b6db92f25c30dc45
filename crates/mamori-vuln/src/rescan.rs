//! Continuous re-evaluation: re-matching a directory of stored SBOMs and
//! mamori JSON reports against the current database, and telling what is new
//! and what is fixed since the previous run.
//!
//! The previous evaluation lives beside the documents in [`STATE_FILE`]:
//! per file name its content hash and findings, plus a fingerprint of the
//! database and options it was made with. A file is compared with the
//! previous evaluation *of the same file name*, so an SBOM regenerated after
//! an upgrade reports the upgrade's fixes. When neither the file, the
//! database nor the options changed, the stored findings are reused without
//! parsing or matching (the "warm" path). The state is written to a
//! temporary file and renamed over the old one, so an interrupted run leaves
//! the previous state intact.
//!
//! Files are evaluated in parallel (rayon). [`VulnDb`] is not `Sync`, so each
//! worker opens its own connection to the same database file; query results
//! are shared between workers through one [`QueryCache`], since stored SBOMs
//! of one fleet hold mostly the same packages.
//!
//! It does not walk subdirectories, watch the directory, or suppress findings
//! (ignore files and VEX apply to single scans).

use crate::error::{io, read_capped, Error, Result};
use crate::matching::{match_inventory_cached, MatchOptions, QueryCache};
use mamori_inventory::{Ecosystem, Inventory, OsInfo, Package};
use mamori_report::VulnFinding;
use mamori_vulndb::VulnDb;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Name of the state file written into the rescanned directory.
pub const STATE_FILE: &str = ".mamori-rescan.json";

/// Version of the state file layout; a different version is an error.
const STATE_VERSION: u32 = 1;

/// Most documents considered in one directory.
pub const MAX_FILES: usize = 1_000_000;

/// Largest state file read.
const MAX_STATE_FILE: u64 = 4 << 30;

/// File name extensions read as SBOMs or reports.
const EXTENSIONS: &[&str] = &["json", "xml", "spdx", "cdx", "tv"];

/// What changed since the previous evaluation.
#[derive(Debug, Clone, Default)]
pub struct RescanReport {
    /// Findings not present in the previous evaluation of the same file
    /// (everything, on the first run), as `(file name, finding)`.
    pub new: Vec<(String, VulnFinding)>,
    /// Findings of the previous evaluation that no longer match.
    pub fixed: Vec<(String, VulnFinding)>,
    /// Findings present before and now.
    pub unchanged_count: usize,
    /// Documents evaluated (successfully).
    pub files: usize,
    /// Of those, documents whose stored evaluation was reused because
    /// neither they nor the database changed.
    pub reused: usize,
    /// Documents that could not be read, with the reason; their previous
    /// evaluation is kept.
    pub errors: Vec<(String, String)>,
    /// Files of the previous evaluation that are gone; their findings are
    /// dropped, not reported as fixed.
    pub removed: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    version: u32,
    /// Database file and options fingerprint.
    db: String,
    /// Distinct findings, referenced by index from `files`.
    findings: Vec<VulnFinding>,
    files: BTreeMap<String, FileState>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileState {
    sha256: String,
    findings: Vec<u32>,
}

/// What makes a finding "the same" across runs.
type FindingKey = (String, Ecosystem, String, String, String);

fn key(f: &VulnFinding) -> FindingKey {
    (
        f.id.clone(),
        f.package.ecosystem,
        f.package.name.clone(),
        f.package.version.clone(),
        f.package.location.clone(),
    )
}

fn state_error(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::State {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// A string that changes whenever the database file is replaced or the
/// options change.
fn db_fingerprint(db: &VulnDb, opts: &MatchOptions) -> Result<String> {
    let meta = std::fs::metadata(db.path()).map_err(io(db.path()))?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    Ok(format!(
        "{}|{}|{}|unfixed={}|kernel={}|min={:?}",
        db.path().display(),
        meta.len(),
        mtime,
        opts.ignore_unfixed,
        opts.include_kernel,
        opts.min_severity
    ))
}

/// The documents of `dir`, sorted by name.
fn list_documents(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(io(dir))? {
        let e = e.map_err(io(dir))?;
        let name = e.file_name().to_string_lossy().into_owned();
        let ext = name.rsplit_once('.').map(|(_, x)| x.to_ascii_lowercase());
        if name.starts_with('.') || !ext.is_some_and(|x| EXTENSIONS.contains(&x.as_str())) {
            continue;
        }
        if !e.file_type().map_err(io(e.path()))?.is_file() {
            continue;
        }
        if out.len() >= MAX_FILES {
            return Err(Error::TooLarge {
                path: dir.to_path_buf(),
                size: out.len() as u64 + 1,
                limit: MAX_FILES as u64,
            });
        }
        out.push(name);
    }
    out.sort();
    Ok(out)
}

/// The parts of a mamori JSON report (`-f json`) that matching needs.
#[derive(Deserialize)]
struct MamoriReport {
    #[serde(default)]
    os: Option<OsInfo>,
    packages: Vec<Package>,
}

/// True for mamori's own JSON report, whose first key is `schema_version`
/// (serde writes fields in declaration order). Sniffing avoids parsing every
/// CycloneDX/SPDX document twice.
fn is_mamori_report(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(256)];
    let mut it = head.iter().skip_while(|b| b.is_ascii_whitespace());
    if it.next() != Some(&b'{') {
        return false;
    }
    let rest: Vec<u8> = it
        .skip_while(|b| b.is_ascii_whitespace())
        .copied()
        .collect();
    rest.starts_with(b"\"schema_version\"")
}

/// Reads a document into an inventory.
pub fn read_document(name: &str, bytes: &[u8]) -> std::result::Result<Inventory, String> {
    if is_mamori_report(bytes) {
        let r: MamoriReport = serde_json::from_slice(bytes)
            .map_err(|e| format!("{name}: invalid mamori json report: {e}"))?;
        Ok(Inventory {
            os: r.os,
            packages: r.packages,
        })
    } else {
        mamori_sbom::read_sbom(name, bytes)
            .map(|s| s.inventory)
            .map_err(|e| e.to_string())
    }
}

fn load_state(path: &Path) -> Result<Option<State>> {
    if !path.exists() {
        return Ok(None);
    }
    let bytes = read_capped(path, MAX_STATE_FILE)?;
    let st: State = serde_json::from_slice(&bytes).map_err(|e| state_error(path, e))?;
    if st.version != STATE_VERSION {
        return Err(state_error(path, format!("layout version {}", st.version)));
    }
    if st
        .files
        .values()
        .flat_map(|f| &f.findings)
        .any(|i| *i as usize >= st.findings.len())
    {
        return Err(state_error(path, "finding index out of range"));
    }
    Ok(Some(st))
}

fn save_state(dir: &Path, st: &State) -> Result<()> {
    let path = dir.join(STATE_FILE);
    let tmp = dir.join(format!("{STATE_FILE}.tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        serde_json::to_writer(&mut f, st)?;
        let f = f.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::Io { path, source: e }
    })
}

enum Outcome {
    Reused(Vec<VulnFinding>),
    Evaluated(String, Vec<VulnFinding>),
    Failed(String),
}

/// Re-evaluates every SBOM (CycloneDX, SPDX) and mamori JSON report in `dir`
/// against `db`, compares with the previous evaluation stored in
/// `dir/`[`STATE_FILE`], and replaces that state with this evaluation.
///
/// Only documents named `*.json`, `*.xml`, `*.spdx`, `*.cdx` or `*.tv` are
/// read; hidden files are skipped. A document that cannot be read is listed
/// in [`RescanReport::errors`] and keeps its previous evaluation.
pub fn rescan_dir(dir: &Path, db: &VulnDb, opts: &MatchOptions) -> Result<RescanReport> {
    let state_path = dir.join(STATE_FILE);
    let prev = load_state(&state_path)?.unwrap_or_default();
    let fingerprint = db_fingerprint(db, opts)?;
    let same_db = prev.db == fingerprint;
    let names = list_documents(dir)?;
    let db_dir: PathBuf = db
        .path()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let cache = QueryCache::new();

    let outcomes: Vec<Outcome> = names
        .par_iter()
        .map_init(
            // Opened on first need: a fully warm run never touches the DB.
            || None::<std::result::Result<VulnDb, String>>,
            |conn, name| {
                let path = dir.join(name);
                let bytes = match read_capped(&path, mamori_sbom::MAX_SBOM_SIZE as u64) {
                    Ok(b) => b,
                    Err(e) => return Outcome::Failed(e.to_string()),
                };
                let hash = hex::encode(Sha256::digest(&bytes));
                if same_db {
                    if let Some(fs) = prev.files.get(name).filter(|f| f.sha256 == hash) {
                        return Outcome::Reused(
                            fs.findings
                                .iter()
                                .map(|i| prev.findings[*i as usize].clone())
                                .collect(),
                        );
                    }
                }
                let inv = match read_document(name, &bytes) {
                    Ok(inv) => inv,
                    Err(e) => return Outcome::Failed(e),
                };
                drop(bytes);
                let db = match conn
                    .get_or_insert_with(|| VulnDb::open(&db_dir).map_err(|e| e.to_string()))
                {
                    Ok(db) => db,
                    Err(e) => return Outcome::Failed(e.clone()),
                };
                match match_inventory_cached(&inv, db, opts, &cache) {
                    Ok(f) => Outcome::Evaluated(hash, f),
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            },
        )
        .collect();

    let mut report = RescanReport::default();
    let mut next = State {
        version: STATE_VERSION,
        db: fingerprint,
        ..State::default()
    };
    let mut interned: HashMap<(FindingKey, String, Option<String>), u32> = HashMap::new();
    let seen: HashSet<&str> = names.iter().map(String::as_str).collect();
    for (name, outcome) in names.iter().zip(outcomes) {
        let (hash, findings) = match outcome {
            Outcome::Failed(e) => {
                report.errors.push((name.clone(), e));
                if let Some(old) = prev.files.get(name) {
                    let kept = old
                        .findings
                        .iter()
                        .map(|i| prev.findings[*i as usize].clone());
                    let idx = intern_all(kept, &mut next, &mut interned);
                    next.files.insert(
                        name.clone(),
                        FileState {
                            sha256: old.sha256.clone(),
                            findings: idx,
                        },
                    );
                }
                continue;
            }
            Outcome::Reused(f) => {
                report.reused += 1;
                report.files += 1;
                report.unchanged_count += f.len();
                let hash = prev
                    .files
                    .get(name)
                    .map(|f| f.sha256.clone())
                    .unwrap_or_default();
                let idx = intern_all(f.into_iter(), &mut next, &mut interned);
                next.files.insert(
                    name.clone(),
                    FileState {
                        sha256: hash,
                        findings: idx,
                    },
                );
                continue;
            }
            Outcome::Evaluated(h, f) => (h, f),
        };
        report.files += 1;
        let before: Vec<&VulnFinding> = prev
            .files
            .get(name)
            .map(|fs| {
                fs.findings
                    .iter()
                    .map(|i| &prev.findings[*i as usize])
                    .collect()
            })
            .unwrap_or_default();
        let before_keys: HashSet<FindingKey> = before.iter().map(|f| key(f)).collect();
        let now_keys: HashSet<FindingKey> = findings.iter().map(key).collect();
        for f in &findings {
            if before_keys.contains(&key(f)) {
                report.unchanged_count += 1;
            } else {
                report.new.push((name.clone(), f.clone()));
            }
        }
        for f in before {
            if !now_keys.contains(&key(f)) {
                report.fixed.push((name.clone(), f.clone()));
            }
        }
        let idx = intern_all(findings.into_iter(), &mut next, &mut interned);
        next.files.insert(
            name.clone(),
            FileState {
                sha256: hash,
                findings: idx,
            },
        );
    }
    report.removed = prev
        .files
        .keys()
        .filter(|k| !seen.contains(k.as_str()))
        .cloned()
        .collect();
    save_state(dir, &next)?;
    Ok(report)
}

/// Adds findings to the state's table of distinct findings, returning their
/// indices. Findings of one package are identical across documents (they
/// come from the same database answer), so the table stays small however
/// many documents share packages.
fn intern_all(
    findings: impl Iterator<Item = VulnFinding>,
    st: &mut State,
    interned: &mut HashMap<(FindingKey, String, Option<String>), u32>,
) -> Vec<u32> {
    findings
        .map(|f| {
            let k = (key(&f), f.package.purl.clone(), f.package.layer.clone());
            *interned.entry(k).or_insert_with(|| {
                st.findings.push(f);
                (st.findings.len() - 1) as u32
            })
        })
        .collect()
}
