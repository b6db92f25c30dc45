//! The human-readable table: packages grouped by where they were found, or,
//! when vulnerability scanning ran, findings (see `vuln::table`).

use crate::Report;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Renders the report as aligned text without colour; see [`to_table_colored`].
pub fn to_table(report: &Report) -> String {
    to_table_colored(report, false)
}

/// Renders the report as aligned text: the vulnerability table (severities
/// in ANSI colours when `color`) when vulnerability scanning ran, else the
/// packages grouped by location.
pub fn to_table_colored(report: &Report, color: bool) -> String {
    let findings_ran = report.vulnerabilities.is_some()
        || report.secrets.is_some()
        || report.malware.is_some()
        || report.misconfigurations.is_some();
    let mut out = if findings_ran {
        if report.vulnerabilities.is_some() {
            crate::vuln::table::render(report, color)
        } else {
            String::new()
        }
    } else {
        packages_table(report)
    };
    if let Some(secrets) = &report.secrets {
        secrets_table(&mut out, report, secrets);
    }
    if let Some(malware) = &report.malware {
        malware_table(&mut out, report, malware);
    }
    if let Some(m) = &report.misconfigurations {
        misconfig_table(&mut out, report, m);
    }
    out
}

fn section_gap(out: &mut String) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Findings grouped by (file, layer), in path order.
type ByFile<'a, T> = BTreeMap<(&'a str, Option<&'a str>), Vec<&'a T>>;

fn by_file<'a, T>(
    items: &'a [T],
    key: impl Fn(&'a T) -> (&'a str, Option<&'a str>),
) -> ByFile<'a, T> {
    let mut m: ByFile<'a, T> = BTreeMap::new();
    for i in items {
        m.entry(key(i)).or_default().push(i);
    }
    m
}

/// `\n/path (layer abc123…, deleted by a later layer …)`.
fn file_heading(path: &str, layer: Option<&str>, deleted_later: bool) -> String {
    let mut head = format!("\n{path}");
    if let Some(l) = layer {
        head.push_str(&format!(" (layer {}", short_digest(l)));
        if deleted_later {
            head.push_str(", deleted or replaced by a later layer but still in the image");
        }
        head.push(')');
    }
    head
}

/// Malware, one line per match, grouped by file with its layer.
fn malware_table(out: &mut String, report: &Report, found: &[crate::MalwareFinding]) {
    section_gap(out);
    let _ = writeln!(
        out,
        "{}: {} malware findings",
        report.target.name,
        found.len()
    );
    for ((path, layer), items) in by_file(found, |m| (m.path.as_str(), m.layer.as_deref())) {
        let head = file_heading(path, layer, items.iter().any(|i| i.deleted_later));
        let _ = writeln!(out, "{head}  sha256:{}", items[0].sha256);
        for m in items {
            let attack = if m.attack.is_empty() {
                String::new()
            } else {
                format!(" [{}]", m.attack.join(", "))
            };
            let _ = writeln!(
                out,
                "  {:<9} {:<14} {}{attack}",
                m.severity,
                m.rule_id,
                m.title
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(80)
                    .collect::<String>()
            );
        }
    }
}

/// Image configuration findings, most severe first.
fn misconfig_table(out: &mut String, report: &Report, found: &[crate::MisconfigFinding]) {
    section_gap(out);
    let _ = writeln!(
        out,
        "{}: {} image configuration findings\n",
        report.target.name,
        found.len()
    );
    let mut items: Vec<&crate::MisconfigFinding> = found.iter().collect();
    let rank = |s: &str| crate::SEVERITIES.iter().position(|x| *x == s).unwrap_or(0);
    items.sort_by(|a, b| {
        rank(&b.severity)
            .cmp(&rank(&a.severity))
            .then(a.check_id.cmp(&b.check_id))
    });
    for m in items {
        let layer = m
            .layer
            .as_deref()
            .map(|l| format!(" (layer {})", short_digest(l)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<9} {:<12} {}: {}{layer}",
            m.severity, m.check_id, m.location, m.message
        );
    }
}

/// Secrets, grouped by file, with the layer that holds each.
fn secrets_table(out: &mut String, report: &Report, secrets: &[crate::SecretFinding]) {
    section_gap(out);
    let _ = writeln!(out, "{}: {} secrets", report.target.name, secrets.len());
    for ((path, layer), items) in by_file(secrets, |s| (s.path.as_str(), s.layer.as_deref())) {
        let head = file_heading(path, layer, items.iter().any(|i| i.deleted_later));
        let _ = writeln!(out, "{head}");
        for s in items {
            let title: String = s
                .title
                .chars()
                .filter(|c| !c.is_control())
                .take(60)
                .collect();
            let _ = writeln!(
                out,
                "  L{:<5} {:<9} {:<32} {title}: {}",
                s.line, s.severity, s.rule_id, s.redacted
            );
        }
    }
}

/// Packages grouped by the file they were found in.
fn packages_table(report: &Report) -> String {
    let mut out = String::new();
    let os = report
        .os
        .as_ref()
        .map(|o| format!("{} {}", o.id, o.version_id))
        .unwrap_or_else(|| "unknown OS".to_string());
    let _ = writeln!(
        out,
        "{} ({os}): {} packages",
        report.target.name,
        report.packages.len()
    );
    let mut groups: BTreeMap<(String, &str), Vec<&crate::ReportPackage>> = BTreeMap::new();
    for p in &report.packages {
        let key = (p.package.location.clone(), p.package.ecosystem.as_str());
        groups.entry(key).or_default().push(p);
    }
    for ((location, eco), pkgs) in groups {
        let _ = writeln!(out, "\n{location} ({eco}, {})", pkgs.len());
        let wn = pkgs
            .iter()
            .map(|p| p.package.name.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let wv = pkgs
            .iter()
            .map(|p| p.package.version.chars().count())
            .max()
            .unwrap_or(7)
            .max(7);
        let _ = writeln!(out, "  {:<wn$}  {:<wv$}  LAYER", "NAME", "VERSION");
        for p in pkgs {
            let layer = p.package.layer.as_deref().map(short_digest).unwrap_or("-");
            let _ = writeln!(
                out,
                "  {:<wn$}  {:<wv$}  {layer}",
                p.package.name, p.package.version
            );
        }
    }
    out
}

/// `sha256:0123456789ab…` → `0123456789ab`.
pub(crate) fn short_digest(d: &str) -> &str {
    let hex = d.split_once(':').map_or(d, |(_, h)| h);
    &hex[..hex.len().min(12)]
}
