//! Measures what each built-in rule costs on a directory tree, to find rules
//! whose keywords are too common or whose regexes are slow:
//!
//! ```text
//! cargo run --release -p mamori-secrets --example rule_cost -- DIR [MAX_MB]
//! ```
//!
//! Reads up to MAX_MB (default 50) of wanted files into memory, then scans
//! them once per rule with a single-rule scanner and prints the slowest 25.

use mamori_secrets::{Config, Rule, Scanner};
use std::path::Path;
use std::time::Instant;

fn walk(root: &Path, budget: &mut u64, scanner: &Scanner, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for e in entries.flatten() {
        if *budget == 0 {
            return;
        }
        let Ok(ft) = e.file_type() else { continue };
        let path = e.path();
        if ft.is_dir() {
            walk(&path, budget, scanner, out);
        } else if ft.is_file() {
            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
            let name = path.to_string_lossy().into_owned();
            if scanner.wants(&name, size) {
                if let Ok(b) = std::fs::read(&path) {
                    if !mamori_secrets::is_binary(&b) {
                        *budget = budget.saturating_sub(b.len() as u64);
                        out.push((name, b));
                    }
                }
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = args.first().map_or("/usr", String::as_str);
    let mb: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(50);
    let all = Scanner::builtin();
    let mut files = Vec::new();
    let mut budget = mb << 20;
    walk(Path::new(root), &mut budget, &all, &mut files);
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let time = |s: &Scanner| {
        let t = Instant::now();
        let n: usize = files.iter().map(|(p, b)| s.scan(p, b).len()).sum();
        (t.elapsed().as_secs_f64(), n)
    };
    let (t_all, n_all) = time(&all);
    let mut empty = Config::builtin();
    empty.rules.clear();
    let (t_none, _) = time(&Scanner::with_config(empty).expect("empty config"));
    // The prefilter alone: every rule's keywords, regexes that cannot match.
    let mut pre = Config::builtin();
    for r in &mut pre.rules {
        r.regex = Some("\\x00\\x01\\x02".to_string());
        r.secret_group = 0;
    }
    let (t_pre, _) = time(&Scanner::with_config(pre).expect("prefilter config"));
    println!(
        "{} files, {:.1} MB: all rules {t_all:.3}s ({:.1} MB/s, {n_all} findings), no rules {t_none:.3}s, prefilter only {t_pre:.3}s",
        files.len(),
        total as f64 / 1e6,
        total as f64 / 1e6 / t_all
    );
    let mut costs: Vec<(f64, String, usize)> = Vec::new();
    for def in mamori_secrets::builtin_rules() {
        let mut c = Config::builtin();
        c.rules = vec![Rule::from(&def)];
        let s = Scanner::with_config(c.clone()).expect("builtin rule compiles");
        let (t, n) = time(&s);
        // Subtract this rule's own prefilter cost.
        c.rules[0].regex = Some("\\x00\\x01\\x02".to_string());
        c.rules[0].secret_group = 0;
        let (t_pre, _) = time(&Scanner::with_config(c).expect("prefilter config"));
        costs.push((t - t_pre, def.id.to_string(), n));
    }
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, id, n) in costs.iter().take(25) {
        println!("{t:8.3}s {id} ({n} findings)");
    }
}
