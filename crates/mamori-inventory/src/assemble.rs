//! Assembly: from per-layer analyses to the packages of the final filesystem.
//!
//! Layers are applied in order like an overlay filesystem: a layer's whiteouts
//! (`.wh.NAME`) and opaque directories (`.wh..wh..opq`) hide what lower layers
//! put there, then the layer's own files replace same-path files below. Only the
//! paths some analyzer asked for are tracked, so memory is proportional to the
//! number of interesting files, not to the size of the image.
//!
//! Each package is attributed to the earliest layer from which it has been
//! continuously present at the same path with the same name and version: a
//! package re-written unchanged by a later `apt-get install` keeps its original
//! layer; one deleted and re-added gets the layer that re-added it.

use crate::{Analysis, Ecosystem, OsInfo, Package};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the analyzers found in one layer (or one directory tree).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LayerAnalysis {
    /// The layer's diff_id (digest of the uncompressed tar), if it is an image layer.
    #[serde(default)]
    pub diff_id: Option<String>,
    /// Results per analyzed path (no leading `/`). A path that was asked for but could
    /// not be read is present with an empty analysis, so that it still hides lower layers.
    pub files: Vec<(String, Analysis)>,
    /// Paths removed by whiteout files in this layer.
    #[serde(default)]
    pub whiteouts: Vec<String>,
    /// Directories made opaque in this layer.
    #[serde(default)]
    pub opaque_dirs: Vec<String>,
}

/// The packages and OS of a scanned target.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inventory {
    /// The detected operating system, if any.
    pub os: Option<OsInfo>,
    /// Packages, sorted by ecosystem, name, version and location.
    pub packages: Vec<Package>,
}

type PkgKey = (Ecosystem, String, String);

struct Live<'a> {
    analysis: &'a Analysis,
    /// For each package at this path, the layer index that introduced it.
    introduced: HashMap<PkgKey, usize>,
}

/// True when `path` is `dir` or lies below it (slash-separated, no leading `/`;
/// the empty `dir` is the root). Shared by everything that applies whiteouts.
pub fn path_is_under(path: &str, dir: &str) -> bool {
    dir.is_empty()
        || path == dir
        || (path.starts_with(dir) && path.as_bytes().get(dir.len()) == Some(&b'/'))
}

/// Applies `layers` in order and returns the final inventory.
pub fn assemble(layers: &[LayerAnalysis]) -> Inventory {
    let mut live: BTreeMap<&str, Live<'_>> = BTreeMap::new();
    for (idx, layer) in layers.iter().enumerate() {
        for dir in &layer.opaque_dirs {
            live.retain(|p, _| !path_is_under(p, dir) || *p == dir.as_str());
        }
        for w in &layer.whiteouts {
            live.retain(|p, _| !path_is_under(p, w));
        }
        for (path, analysis) in &layer.files {
            let previous = live.remove(path.as_str());
            let mut introduced = HashMap::new();
            for pkg in &analysis.packages {
                let key = (pkg.ecosystem, pkg.name.clone(), pkg.version.clone());
                let first = previous
                    .as_ref()
                    .and_then(|prev| prev.introduced.get(&key).copied())
                    .unwrap_or(idx);
                introduced.insert(key, first);
            }
            live.insert(
                path.as_str(),
                Live {
                    analysis,
                    introduced,
                },
            );
        }
    }

    let os = live
        .values()
        .filter_map(|l| l.analysis.os.as_ref())
        .min_by_key(|o| o.precedence)
        .cloned();

    let mut owned: HashSet<&str> = HashSet::new();
    for l in live.values() {
        for (_, files) in &l.analysis.owned_files {
            owned.extend(files.iter().map(String::as_str));
        }
        for p in &l.analysis.packages {
            if p.ecosystem.is_os() {
                owned.extend(p.files.iter().map(String::as_str));
            }
        }
    }

    let mut packages = Vec::new();
    for l in live.values() {
        for p in &l.analysis.packages {
            // A language package installed by the OS package manager is reported
            // (and matched) as the OS package that owns its files.
            if !p.ecosystem.is_os() && owned.contains(p.location.as_str()) {
                continue;
            }
            let mut p = p.clone();
            let key = (p.ecosystem, p.name.clone(), p.version.clone());
            if let Some(layer) = l
                .introduced
                .get(&key)
                .and_then(|i| layers[*i].diff_id.clone())
            {
                p.layer = Some(layer);
            }
            p.files.clear();
            packages.push(p);
        }
    }
    packages.sort_by(|a, b| {
        (a.ecosystem, &a.name, &a.version, &a.location).cmp(&(
            b.ecosystem,
            &b.name,
            &b.version,
            &b.location,
        ))
    });
    packages.dedup_by(|a, b| {
        a.ecosystem == b.ecosystem
            && a.name == b.name
            && a.version == b.version
            && a.location == b.location
    });
    Inventory { os, packages }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(
        id: &str,
        files: Vec<(&str, Vec<(&str, &str)>)>,
        wh: &[&str],
        opq: &[&str],
    ) -> LayerAnalysis {
        LayerAnalysis {
            diff_id: Some(id.to_string()),
            files: files
                .into_iter()
                .map(|(path, pkgs)| {
                    let packages = pkgs
                        .into_iter()
                        .map(|(n, v)| Package::new(Ecosystem::Npm, n, v, format!("/{path}")))
                        .collect();
                    (
                        path.to_string(),
                        Analysis {
                            packages,
                            ..Analysis::default()
                        },
                    )
                })
                .collect(),
            whiteouts: wh.iter().map(|s| s.to_string()).collect(),
            opaque_dirs: opq.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn names(inv: &Inventory) -> Vec<(String, String, String)> {
        inv.packages
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.version.clone(),
                    p.layer.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn whiteout_opaque_and_layer_attribution() {
        let layers = vec![
            layer(
                "L1",
                vec![
                    ("a/lock", vec![("x", "1"), ("y", "1")]),
                    ("b/lock", vec![("z", "1")]),
                    ("c/d/lock", vec![("w", "1")]),
                ],
                &[],
                &[],
            ),
            layer(
                "L2",
                vec![("a/lock", vec![("x", "1"), ("y", "2")])],
                &["b/lock"],
                &["c"],
            ),
            layer("L3", vec![("c/lock", vec![("v", "1")])], &[], &[]),
        ];
        let inv = assemble(&layers);
        assert_eq!(
            names(&inv),
            vec![
                ("v".into(), "1".into(), "L3".into()),
                ("x".into(), "1".into(), "L1".into()),
                ("y".into(), "2".into(), "L2".into()),
            ]
        );
    }

    #[test]
    fn deleted_then_readded_gets_new_layer() {
        let layers = vec![
            layer("L1", vec![("a/lock", vec![("x", "1")])], &[], &[]),
            layer("L2", vec![], &["a"], &[]),
            layer("L3", vec![("a/lock", vec![("x", "1")])], &[], &[]),
        ];
        assert_eq!(
            names(&assemble(&layers)),
            vec![("x".into(), "1".into(), "L3".into())]
        );
    }

    #[test]
    fn os_owned_language_files_are_not_double_reported() {
        let mut deb = Package::new(
            Ecosystem::Deb,
            "python3-yaml",
            "6.0-3",
            "/var/lib/dpkg/status",
        );
        deb.files = vec![];
        let l = LayerAnalysis {
            diff_id: None,
            files: vec![
                (
                    "var/lib/dpkg/status".into(),
                    Analysis {
                        packages: vec![deb],
                        ..Analysis::default()
                    },
                ),
                (
                    "var/lib/dpkg/info/python3-yaml.list".into(),
                    Analysis {
                        owned_files: vec![(
                            "python3-yaml".into(),
                            vec![
                                "/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA"
                                    .into(),
                            ],
                        )],
                        ..Analysis::default()
                    },
                ),
                (
                    "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA".into(),
                    Analysis {
                        packages: vec![Package::new(
                            Ecosystem::Pypi,
                            "PyYAML",
                            "6.0",
                            "/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA",
                        )],
                        ..Analysis::default()
                    },
                ),
            ],
            whiteouts: vec![],
            opaque_dirs: vec![],
        };
        let inv = assemble(&[l]);
        assert_eq!(inv.packages.len(), 1);
        assert_eq!(inv.packages[0].name, "python3-yaml");
    }
}
