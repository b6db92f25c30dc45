//! CBL-Mariner / Azure Linux distroless manifests
//! (`var/lib/rpmmanifest/container-manifest-2`): the rpmdb is removed from
//! those images and this tab-separated text is left in its place.
//!
//! One package per line, columns: name, `version-release`, install time,
//! build time, vendor, epoch (`(none)` when unset), size, arch, epoch number,
//! source rpm. Only name, version-release, vendor, epoch, arch and source rpm
//! are kept. The manifest lists no owned files and no licence, so packages
//! read from it have neither. Lines with too few columns are skipped rather
//! than failing the file: the format is undocumented, and one odd line should
//! not hide the rest.

use crate::RpmPackage;

/// Fewest columns a usable line has (name through arch).
const MIN_COLUMNS: usize = 8;

fn field(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s != "(none)").then(|| s.to_string())
}

/// Parses a `container-manifest-2` text into packages, skipping blank and
/// malformed lines.
pub fn parse_container_manifest(text: &str) -> Vec<RpmPackage> {
    let mut out = Vec::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        if cols.len() < MIN_COLUMNS || cols[0].trim().is_empty() {
            continue;
        }
        // The release never contains '-', the version may not either, so the
        // last '-' separates them.
        let (version, release) = match cols[1].trim().rsplit_once('-') {
            Some((v, r)) => (v.to_string(), r.to_string()),
            None => (cols[1].trim().to_string(), String::new()),
        };
        if version.is_empty() {
            continue;
        }
        out.push(RpmPackage {
            name: cols[0].trim().to_string(),
            epoch: cols[5].trim().parse().ok(),
            version,
            release,
            arch: field(cols[7]),
            source_rpm: cols.get(9).and_then(|s| field(s)),
            license: None,
            vendor: field(cols[4]),
            modularity_label: None,
            files: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_skips_junk() {
        let text = "vim\t9.0-1.cm2\t1653816591\t1653753130\tMicrosoft Corporation\t2\t45000\tx86_64\t2\tvim-9.0-1.cm2.src.rpm\r\n\
                    \n\
                    too\tfew\tcolumns\n\
                    glibc\t2.35-2.cm2\t1\t1\t(none)\t(none)\t1\tx86_64\t0\t(none)\n";
        let p = parse_container_manifest(text);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name, "vim");
        assert_eq!(p[0].epoch, Some(2));
        assert_eq!(
            (p[0].version.as_str(), p[0].release.as_str()),
            ("9.0", "1.cm2")
        );
        assert_eq!(p[0].source_rpm.as_deref(), Some("vim-9.0-1.cm2.src.rpm"));
        assert_eq!(p[0].vendor.as_deref(), Some("Microsoft Corporation"));
        assert_eq!(p[1].epoch, None);
        assert_eq!(p[1].vendor, None);
        assert_eq!(p[1].source_rpm, None);
    }
}
