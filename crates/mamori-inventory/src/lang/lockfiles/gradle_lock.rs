//! Gradle dependency locking files (`gradle.lockfile`, and the
//! `buildscript-gradle.lockfile`/`settings-gradle.lockfile` Gradle writes for the
//! build script and settings classpaths): one `group:artifact:version=
//! configuration,…` line per resolved module. The per-configuration files of
//! Gradle before 6.0 (`gradle/dependency-locks/*.lockfile`) are not claimed: their
//! names say nothing a base-name test could rely on.
//!
//! A module is `dev` when every configuration that resolves it is a test one
//! (its name starts with `test`, e.g. `testRuntimeClasspath`). `empty=` lists
//! configurations with nothing locked. Lines that are not `g:a:v=…` are skipped,
//! but a file none of whose content lines parse is an error: it is not a Gradle
//! lockfile.

use super::{text, Lockfile};
use crate::{Ecosystem, Package};

/// The Gradle lockfile analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "gradle-lockfile",
    version: 2,
    claims: |name| name == "gradle.lockfile" || name.ends_with("-gradle.lockfile"),
    parse,
};

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let text = text(content)?;
    let mut out = Vec::new();
    let mut first_bad: Option<(usize, &str)> = None;
    let mut good = 0usize;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("empty=") {
            good += 1;
            continue;
        }
        let parsed = line.split_once('=').and_then(|(coords, confs)| {
            let mut parts = coords.split(':');
            let (g, a, v) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || g.is_empty() || a.is_empty() || v.is_empty() {
                return None;
            }
            let confs: Vec<&str> = confs
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            let dev = !confs.is_empty() && confs.iter().all(|c| c.starts_with("test"));
            Some((format!("{g}:{a}"), v, dev))
        });
        match parsed {
            Some((name, version, dev)) => {
                good += 1;
                let mut p = Package::new(Ecosystem::Maven, name, version, location);
                p.dev = dev;
                out.push(p);
            }
            None => {
                first_bad.get_or_insert((n + 1, line));
            }
        }
    }
    match first_bad {
        Some((n, line)) if good == 0 => {
            let shown: String = line.chars().take(60).collect();
            Err(format!("invalid gradle lockfile: line {n}: expected group:artifact:version=configurations, found {shown:?}"))
        }
        _ => Ok(out),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_marks_test_only_as_dev() {
        let f = "# comment\ncglib:cglib-nodep:2.1.2=testRuntimeClasspath,classpath\njunit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath\n org.springframework:spring-asm:3.1.3.RELEASE=classpath\norg.springframework:spring-beans:5.0.5.RELEASE=compileClasspath, runtimeClasspath\n # io.grpc:grpc-api:1.21.1=classpath\nweird-line\nempty=\n";
        let p = parse(f.as_bytes(), "/gradle.lockfile").unwrap();
        let got: Vec<(&str, &str, bool)> = p
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.dev))
            .collect();
        assert_eq!(
            got,
            [
                ("cglib:cglib-nodep", "2.1.2", false),
                ("junit:junit", "4.13.2", true),
                ("org.springframework:spring-asm", "3.1.3.RELEASE", false),
                ("org.springframework:spring-beans", "5.0.5.RELEASE", false),
            ]
        );
    }

    #[test]
    fn claims_gradle_lockfile_names() {
        let c = ANALYZER.claims;
        assert!(
            c("gradle.lockfile")
                && c("buildscript-gradle.lockfile")
                && c("settings-gradle.lockfile")
        );
        assert!(!c("yarn.lock") && !c("compileClasspath.lockfile"));
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"hello\nworld\n", "/x")
            .unwrap_err()
            .contains("line 1"));
        assert!(parse(b"# only comments\n", "/x").unwrap().is_empty());
    }
}
