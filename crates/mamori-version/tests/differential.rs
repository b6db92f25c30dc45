//! Differential tests against the reference implementations, on thousands
//! of deterministically generated version pairs:
//!
//! * dpkg: `dpkg --compare-versions` (one `sh` process loops over the pairs);
//! * PEP 440: Python `packaging.version` (interpreter from `MAMORI_PYTHON`,
//!   else `python3`), validity and order;
//! * rpm: the rpm Python bindings (`/usr/bin/python3`, Debian package
//!   `python3-rpm`): `rpm.ver` to split, `rpm.labelCompare` to compare.
//!
//! Each test makes one reference process call, feeding the pairs on stdin,
//! asserts 100% agreement and prints how many pairs it compared. A missing
//! reference tool is reported on stderr and the test is skipped.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_version::{compare, is_valid, Scheme};
use std::cmp::Ordering;
use std::io::Write;
use std::process::{Command, Stdio};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// Up to `max` tokens from `toks`.
    fn tokens(&mut self, toks: &[&str], min: usize, max: usize) -> Vec<String> {
        let n = min + self.below(max - min + 1);
        (0..n).map(|_| self.pick(toks).to_string()).collect()
    }
}

/// Builds pairs: half share a prefix of tokens with a mutated tail, so that
/// near-equal versions (the interesting cases) are common.
fn pairs(
    seed: u64,
    n: usize,
    mut gen: impl FnMut(&mut Rng, Option<&[String]>) -> Vec<String>,
) -> Vec<(String, String)> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let a = gen(&mut rng, None);
            let b = if rng.chance(60) {
                let keep = rng.below(a.len() + 1);
                gen(&mut rng, Some(&a[..keep]))
            } else {
                gen(&mut rng, None)
            };
            (a.concat(), b.concat())
        })
        .collect()
}

/// Runs `cmd` with `input` on stdin and returns its stdout lines, or `None`
/// (after saying why) when the tool is unavailable.
fn run(mut cmd: Command, input: &str) -> Option<Vec<String>> {
    let mut child = match cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("skipping: cannot start {cmd:?}: {e}");
            return None;
        }
    };
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    if !out.status.success() {
        eprintln!(
            "skipping: {cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        );
        return None;
    }
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

fn ordering(s: &str) -> Ordering {
    match s {
        "-1" | "lt" => Ordering::Less,
        "0" | "eq" => Ordering::Equal,
        "1" | "gt" => Ordering::Greater,
        other => panic!("unexpected reference output {other:?}"),
    }
}

fn check(name: &str, scheme: Scheme, pairs: &[(String, String)], answers: &[String]) {
    assert_eq!(answers.len(), pairs.len(), "{name}: one answer per pair");
    let mut compared = 0;
    let mut mismatches = Vec::new();
    for ((a, b), ans) in pairs.iter().zip(answers) {
        if ans == "E" {
            continue;
        }
        compared += 1;
        let want = ordering(ans);
        let got = compare(scheme, a, b);
        if got != want {
            mismatches.push(format!(
                "{a:?} vs {b:?}: reference {want:?}, mamori {got:?}"
            ));
        }
    }
    eprintln!(
        "{name}: compared {compared} pairs against the reference, {} mismatches",
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "{name}: {} mismatches:\n{}",
        mismatches.len(),
        mismatches
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn dpkg_agrees_with_dpkg_compare_versions() {
    const UP: &[&str] = &[
        "0", "1", "2", "9", "10", "01", "00", ".", "+", "~", "a", "b", "z", "A", "Z", "rc", "~~",
        "..",
    ];
    const REV: &[&str] = &[
        "0", "1", "2", "a", "b", ".", "+", "~", "ubuntu", "deb12u1", "1~",
    ];
    let list = pairs(0x6d61_6d6f_7269_0001, 2000, |rng, prefix| {
        let mut v = match prefix {
            Some(p) if !p.is_empty() => p.to_vec(),
            _ => {
                let mut v = Vec::new();
                if rng.chance(30) {
                    v.push(format!("{}:", rng.below(3)));
                }
                v.push(rng.pick(&["0", "1", "2", "10", "3"]).to_string());
                v
            }
        };
        v.extend(rng.tokens(UP, 0, 6));
        if rng.chance(50) {
            v.push("-".into());
            v.push(rng.pick(&["0", "1", "2", "a"]).to_string());
            v.extend(rng.tokens(REV, 0, 3));
        }
        v
    });
    // Keep only what dpkg accepts; a prefix cut can leave "1.0-" etc.
    let list: Vec<_> = list
        .into_iter()
        .filter(|(a, b)| is_valid(Scheme::Dpkg, a) && is_valid(Scheme::Dpkg, b))
        .collect();
    let input: String = list.iter().map(|(a, b)| format!("{a} {b}\n")).collect();
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(
        "command -v dpkg >/dev/null || { echo 'dpkg not installed' >&2; exit 1; }
         while read -r a b; do
           if dpkg --compare-versions \"$a\" lt \"$b\"; then echo lt
           elif dpkg --compare-versions \"$a\" eq \"$b\"; then echo eq
           else echo gt; fi
         done",
    );
    let Some(answers) = run(cmd, &input) else {
        return;
    };
    check("dpkg", Scheme::Dpkg, &list, &answers);
}

const PEP440_SCRIPT: &str = r#"
import sys
from packaging.version import Version, InvalidVersion
def parse(s):
    try:
        return Version(s)
    except InvalidVersion:
        return None
for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    va, vb = parse(a), parse(b)
    va_ok, vb_ok = va is not None, vb is not None
    if not (va_ok and vb_ok):
        print("E %d %d" % (va_ok, vb_ok))
    else:
        print((va > vb) - (va < vb))
"#;

#[test]
fn pep440_agrees_with_python_packaging() {
    let python = std::env::var("MAMORI_PYTHON").unwrap_or_else(|_| "python3".into());
    const TOK: &[&str] = &[
        "0", "1", "2", "10", "01", ".", ".", ".", "a", "b", "rc", "c", "alpha", "beta", "pre",
        "preview", "post", "rev", "r", "dev", "-", "_", "+", "local", "x", "A", "RC", "Post",
        "DEV", "!",
    ];
    const SEP: &[&str] = &["", "", "", ".", "-", "_"];
    const NUM: &[&str] = &["", "0", "1", "2", "10", "01"];
    // Mostly well-formed versions built part by part (each part one token,
    // so a shared prefix is a shared leading part), some token soup.
    let list = pairs(0x6d61_6d6f_7269_0002, 4000, |rng, prefix| {
        let mut v: Vec<String> = prefix.map(<[String]>::to_vec).unwrap_or_default();
        if rng.chance(15) {
            v.extend(rng.tokens(TOK, 0, 6));
            return v;
        }
        let mut parts = Vec::new();
        let epoch = if rng.chance(10) {
            format!("{}!", rng.below(3))
        } else {
            String::new()
        };
        let v_prefix = if rng.chance(10) { "v" } else { "" };
        let mut release = rng.pick(&["0", "1", "2", "10"]).to_string();
        for _ in 0..rng.below(4) {
            release.push('.');
            release.push_str(rng.pick(&["0", "1", "2", "10", "00"]));
        }
        parts.push(format!("{v_prefix}{epoch}{release}"));
        if rng.chance(40) {
            let label = rng.pick(&[
                "a", "b", "rc", "c", "alpha", "beta", "pre", "preview", "RC", "Alpha",
            ]);
            parts.push(format!(
                "{}{label}{}{}",
                rng.pick(SEP),
                rng.pick(SEP),
                rng.pick(NUM)
            ));
        }
        if rng.chance(30) {
            if rng.chance(20) {
                parts.push(format!("-{}", rng.pick(&["0", "1", "5"])));
            } else {
                let label = rng.pick(&["post", "rev", "r", "POST"]);
                parts.push(format!(
                    "{}{label}{}{}",
                    rng.pick(SEP),
                    rng.pick(SEP),
                    rng.pick(NUM)
                ));
            }
        }
        if rng.chance(30) {
            parts.push(format!(
                "{}{}{}{}",
                rng.pick(SEP),
                rng.pick(&["dev", "DEV"]),
                rng.pick(SEP),
                rng.pick(NUM)
            ));
        }
        if rng.chance(20) {
            let mut local = format!("+{}", rng.pick(&["ubuntu", "1", "abc", "cpu", "007"]));
            for _ in 0..rng.below(3) {
                local.push_str(rng.pick(&[".", "-", "_"]));
                local.push_str(rng.pick(&["1", "2", "a", "B", "10", "x1"]));
            }
            parts.push(local);
        }
        // Keep the caller's prefix, then continue with later parts only.
        let skip = v.len().min(parts.len());
        v.extend(parts.into_iter().skip(skip));
        if v.is_empty() {
            v.push("0".into());
        }
        v
    });
    let input: String = list.iter().map(|(a, b)| format!("{a}\t{b}\n")).collect();
    let mut cmd = Command::new(&python);
    cmd.arg("-c").arg(PEP440_SCRIPT);
    let Some(answers) = run(cmd, &input) else {
        eprintln!("skipping: set MAMORI_PYTHON to a python with `packaging` installed");
        return;
    };
    // Validity must agree too: packaging's InvalidVersion ⇔ is_valid false.
    let mut validity_mismatch = Vec::new();
    let mut simple = Vec::with_capacity(answers.len());
    for ((a, b), ans) in list.iter().zip(&answers) {
        if let Some(rest) = ans.strip_prefix("E ") {
            let flags: Vec<&str> = rest.split(' ').collect();
            for (v, f) in [(a, flags[0]), (b, flags[1])] {
                if is_valid(Scheme::Pep440, v) != (f == "1") {
                    validity_mismatch.push(format!("{v:?}: packaging valid={f}"));
                }
            }
            simple.push("E".to_string());
        } else {
            for v in [a, b] {
                if !is_valid(Scheme::Pep440, v) {
                    validity_mismatch.push(format!("{v:?}: packaging accepts it"));
                }
            }
            simple.push(ans.clone());
        }
    }
    let valid_pairs = simple.iter().filter(|s| *s != "E").count();
    eprintln!(
        "pep440: {} pairs generated, {valid_pairs} with both versions valid",
        list.len()
    );
    assert!(
        validity_mismatch.is_empty(),
        "validity differs from packaging:\n{}",
        validity_mismatch
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        valid_pairs > 1000,
        "generator produced too few valid pairs ({valid_pairs})"
    );
    check("pep440", Scheme::Pep440, &list, &simple);
}

const RPM_SCRIPT: &str = r#"
import sys
import rpm
for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    try:
        x, y = rpm.ver(a), rpm.ver(b)
        print(rpm.labelCompare((x.e, x.v, x.r), (y.e, y.v, y.r)))
    except Exception:
        print("E")
"#;

#[test]
fn rpm_agrees_with_rpm_label_compare() {
    const TOK: &[&str] = &[
        "0", "1", "2", "10", "01", "007", ".", ".", "~", "^", "a", "b", "rc", "el8", "_", "+", "-",
        "git", "Z",
    ];
    let list = pairs(0x6d61_6d6f_7269_0003, 3000, |rng, prefix| {
        let mut v = match prefix {
            Some(p) if !p.is_empty() => p.to_vec(),
            _ => {
                let mut v = Vec::new();
                if rng.chance(25) {
                    v.push(format!("{}:", rng.below(3)));
                }
                v
            }
        };
        v.extend(rng.tokens(TOK, 1, 7));
        v
    });
    let input: String = list.iter().map(|(a, b)| format!("{a}\t{b}\n")).collect();
    let probe = Command::new("/usr/bin/python3")
        .args(["-c", "import rpm; rpm.labelCompare; rpm.ver"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipping: rpm python bindings not available (apt-get install python3-rpm)");
        return;
    }
    let mut cmd = Command::new("/usr/bin/python3");
    cmd.arg("-c").arg(RPM_SCRIPT);
    let Some(answers) = run(cmd, &input) else {
        return;
    };
    check("rpm", Scheme::Rpm, &list, &answers);
}
