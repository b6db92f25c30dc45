//! The vulnerability table: findings grouped by the file their package was
//! read from, with a per-group severity count, in the layout Trivy users know.
//!
//! Lines stay within [`WIDTH`] columns by truncating long names and titles
//! (the JSON report has the full text). Colour is a parameter: this module
//! never looks at the terminal. It does not list packages without findings;
//! the package table does that.

use super::{clean_text, severity_label, severity_rank};
use crate::{Report, Suppression, VulnFinding, SEVERITIES};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Target line width.
const WIDTH: usize = 120;
/// Column caps; longer cells are cut with an ellipsis. With every column at
/// its cap the row is still exactly [`WIDTH`] wide (24+24+8+8+16+16+12 for
/// the gaps, plus [`MIN_TITLE`]); ids fit whole in practice (GHSA ids are 19).
const MAX_LIBRARY: usize = 24;
const MAX_ID: usize = 24;
const MAX_VERSION: usize = 16;
/// Narrowest title column, even when the other columns are wide.
const MIN_TITLE: usize = 12;
/// How many suppressed findings are listed before "… and N more".
const MAX_SUPPRESSED_LISTED: usize = 20;

/// Renders `report.vulnerabilities` (which must be `Some`; `None` renders as
/// no findings) as grouped, aligned text.
pub(crate) fn render(report: &Report, color: bool) -> String {
    let findings: &[VulnFinding] = report.vulnerabilities.as_deref().unwrap_or(&[]);
    let mut out = String::new();
    let os = report
        .os
        .as_ref()
        .map(|o| format!("{} {}", o.id, o.version_id));
    let _ = writeln!(
        out,
        "{} ({}): {} vulnerabilities",
        clean_text(&report.target.name),
        os.as_deref().unwrap_or("unknown OS"),
        findings.len()
    );

    // Group by the target line, OS packages first as they are usually the
    // bulk; BTreeMap keeps output order stable.
    let mut groups: BTreeMap<(bool, String), Vec<&VulnFinding>> = BTreeMap::new();
    for f in findings {
        let kind = if f.package.ecosystem.is_os() {
            os.clone()
                .unwrap_or_else(|| f.package.ecosystem.as_str().to_string())
        } else {
            f.package.ecosystem.as_str().to_string()
        };
        let key = cut_middle(
            &format!("{} ({kind})", clean_text(&f.package.location)),
            WIDTH,
        );
        groups
            .entry((!f.package.ecosystem.is_os(), key))
            .or_default()
            .push(f);
    }
    for ((_, target), mut rows) in groups {
        let _ = writeln!(out, "\n{target}");
        let _ = writeln!(out, "{}", "=".repeat(target.chars().count().min(WIDTH)));
        let mut counts = [0usize; 5];
        for f in &rows {
            counts[severity_rank(&f.severity)] += 1;
        }
        let parts: Vec<String> = SEVERITIES
            .iter()
            .zip(counts)
            .map(|(s, n)| format!("{s}: {n}"))
            .collect();
        let _ = writeln!(out, "Total: {} ({})\n", rows.len(), parts.join(", "));
        rows.sort_by(|a, b| {
            (&a.package.name, &a.package.version)
                .cmp(&(&b.package.name, &b.package.version))
                .then(severity_rank(&b.severity).cmp(&severity_rank(&a.severity)))
                .then(a.id.cmp(&b.id))
        });
        write_rows(&mut out, &rows, color);
    }
    write_suppressed(&mut out, &report.suppressed);
    out
}

/// One table (header and rows) for a group.
fn write_rows(out: &mut String, rows: &[&VulnFinding], color: bool) {
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|f| {
            [
                cut(&clean_text(&f.package.name), MAX_LIBRARY),
                cut(&clean_text(&f.id), MAX_ID),
                severity_label(&f.severity).to_string(),
                if f.fixed_version.is_some() {
                    "fixed"
                } else {
                    "affected"
                }
                .to_string(),
                cut(&clean_text(&f.package.version), MAX_VERSION),
                cut(
                    &clean_text(f.fixed_version.as_deref().unwrap_or("")),
                    MAX_VERSION,
                ),
                clean_text(&f.summary),
            ]
        })
        .collect();
    let header = [
        "LIBRARY",
        "VULNERABILITY",
        "SEVERITY",
        "STATUS",
        "INSTALLED",
        "FIXED",
        "TITLE",
    ];
    let mut w = [0usize; 6];
    for (i, h) in header.iter().take(6).enumerate() {
        w[i] = cells
            .iter()
            .map(|c| c[i].chars().count())
            .chain([h.len()])
            .max()
            .unwrap_or(0);
    }
    // Two spaces between columns; the title gets what is left.
    let used: usize = w.iter().sum::<usize>() + 2 * 6;
    let wt = WIDTH.saturating_sub(used).max(MIN_TITLE);
    let line = |out: &mut String, c: [&str; 7], sev_colored: Option<&str>| {
        let mut s = String::new();
        for i in 0..6 {
            let pad = w[i].saturating_sub(c[i].chars().count());
            match (i, sev_colored) {
                (2, Some(code)) => {
                    let _ = write!(s, "{code}{}\x1b[0m", c[i]);
                }
                _ => s.push_str(c[i]),
            }
            s.push_str(&" ".repeat(pad + 2));
        }
        s.push_str(&cut(c[6], wt));
        let _ = writeln!(out, "{}", s.trim_end());
    };
    line(out, header, None);
    for c in &cells {
        let code = color.then(|| ansi(&c[2]));
        line(out, [&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6]], code);
    }
}

/// The ANSI colour for a severity label.
fn ansi(severity: &str) -> &'static str {
    match severity {
        "CRITICAL" => "\x1b[1;31m",
        "HIGH" => "\x1b[31m",
        "MEDIUM" => "\x1b[33m",
        "LOW" => "\x1b[34m",
        _ => "\x1b[2m",
    }
}

/// The closing list of findings left out, and why.
fn write_suppressed(out: &mut String, suppressed: &[Suppression]) {
    if suppressed.is_empty() {
        return;
    }
    let n = suppressed.len();
    let noun = if n == 1 { "finding" } else { "findings" };
    let _ = writeln!(out, "\n{n} {noun} suppressed:");
    for s in suppressed.iter().take(MAX_SUPPRESSED_LISTED) {
        let f = &s.finding;
        let mut why = format!("{}, {}", clean_text(&s.status), clean_text(&s.source));
        if !s.reason.is_empty() {
            let _ = write!(why, ": {}", clean_text(&s.reason));
        }
        let item = format!(
            "  {} in {} {} ({why})",
            clean_text(&f.id),
            clean_text(&f.package.name),
            clean_text(&f.package.version)
        );
        let _ = writeln!(out, "{}", cut(&item, WIDTH));
    }
    if n > MAX_SUPPRESSED_LISTED {
        let _ = writeln!(out, "  … and {} more", n - MAX_SUPPRESSED_LISTED);
    }
}

/// Cuts `s` to at most `max` characters, marking the cut with `…`.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    // "word …" reads as a gap; "word…" as a cut.
    t.truncate(t.trim_end().len());
    t.push('…');
    t
}

/// Cuts the middle out of `s` to at most `max` characters: the start and
/// end of a path (root and file name) say more than its middle.
fn cut_middle(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let head = max / 4;
    let tail = max.saturating_sub(head + 1);
    let mut t: String = s.chars().take(head).collect();
    t.push('…');
    t.extend(s.chars().skip(n - tail));
    t
}

#[cfg(test)]
mod tests {
    use super::{cut, cut_middle};

    #[test]
    fn cut_middle_keeps_both_ends() {
        assert_eq!(cut_middle("/abcdefghij/file", 9), "/a…j/file");
        assert_eq!(cut_middle("/short", 9), "/short");
    }

    #[test]
    fn cut_marks_truncation() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abcd", 4), "abcd");
        assert_eq!(cut("ééééé", 3), "éé…");
    }
}
