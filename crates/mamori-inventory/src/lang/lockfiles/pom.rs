//! Maven `pom.xml`: the dependencies a project declares, with versions resolved
//! from the pom itself.
//!
//! A dependency's version may be literal, a `${property}` from the pom's own
//! `<properties>`, a built-in (`${project.version}`, `${project.groupId}`,
//! `${project.parent.version}` and their deprecated `pom.`/bare spellings), or
//! absent and taken from the pom's `<dependencyManagement>`. The project's own
//! coordinates fall back to its `<parent>`'s, as Maven does.
//!
//! Deliberately not done, because an analyzer sees one file: the parent pom
//! (`../pom.xml` or a repository) is not read, so properties and managed versions
//! inherited from it stay unresolved; imported BOMs are not fetched; transitive
//! dependencies are unknown without a repository. Dependencies whose version
//! stays unresolved, or is a range (`[1.0,2.0)`), are skipped rather than
//! guessed. `<profiles>` (not active by default) and build plugins are not
//! dependencies of the artifact and are ignored. `test` and `provided` scopes are
//! reported as `dev`. The project itself is not reported: it is what is being
//! built, not a dependency.

use super::{text, Lockfile};
use crate::{Ecosystem, Package};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

/// The `pom.xml` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "maven-pom",
    version: 2,
    claims: |name| name == "pom.xml",
    parse,
};

/// Deeper documents are rejected: real poms nest about six levels.
const MAX_DEPTH: usize = 128;
/// Most `<properties>` entries a pom may have; real ones have a few hundred.
const MAX_PROPERTIES: usize = 10_000;
/// Longest value property expansion may produce (guards against `${a}` = `${b}${b}`…).
const MAX_VALUE: usize = 1024;

/// Expanded property values, by key.
type Memo = HashMap<String, Option<String>>;

#[derive(Default, Clone)]
struct Dep {
    group: String,
    artifact: String,
    version: String,
    scope: String,
}

#[derive(Default)]
struct Pom {
    group: String,
    artifact: String,
    version: String,
    parent_group: String,
    parent_version: String,
    properties: HashMap<String, String>,
    dependencies: Vec<Dep>,
    managed: Vec<Dep>,
}

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let pom = read(&text(content)?).map_err(|e| format!("invalid pom.xml: {e}"))?;
    let mut memo = Memo::new();
    let mut managed: HashMap<(String, String), &Dep> = HashMap::new();
    for d in &pom.managed {
        if let (Some(g), Some(a)) = (
            pom.resolve(&d.group, &mut memo),
            pom.resolve(&d.artifact, &mut memo),
        ) {
            managed.insert((g, a), d);
        }
    }
    let mut out = Vec::new();
    for d in &pom.dependencies {
        let (Some(group), Some(artifact)) = (
            pom.resolve(&d.group, &mut memo),
            pom.resolve(&d.artifact, &mut memo),
        ) else {
            continue;
        };
        let m = managed.get(&(group.clone(), artifact.clone()));
        let version = if d.version.is_empty() {
            m.map(|m| m.version.as_str()).unwrap_or("")
        } else {
            d.version.as_str()
        };
        let scope = if d.scope.is_empty() {
            m.map(|m| m.scope.as_str()).unwrap_or("")
        } else {
            d.scope.as_str()
        };
        let Some(version) = pom.resolve(version, &mut memo) else {
            continue;
        };
        if group.is_empty()
            || artifact.is_empty()
            || version.is_empty()
            || version.starts_with(['[', '('])
        {
            continue;
        }
        let mut p = Package::new(
            Ecosystem::Maven,
            format!("{group}:{artifact}"),
            version,
            location,
        );
        p.dev = matches!(
            pom.resolve(scope, &mut memo).as_deref(),
            Some("test" | "provided")
        );
        out.push(p);
    }
    Ok(out)
}

/// Reads the parts of the pom we use, checking well-formedness as we go.
fn read(xml: &str) -> Result<Pom, String> {
    let mut reader = Reader::from_str(xml);
    let mut pom = Pom::default();
    let mut stack: Vec<String> = Vec::new();
    let mut buf = String::new();
    let mut seen_root = false;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if !seen_root {
                    if name != "project" {
                        return Err(format!("root element is {name:?}, not \"project\""));
                    }
                    seen_root = true;
                } else if stack.is_empty() {
                    return Err(format!("second root element {name:?}"));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("elements nested deeper than {MAX_DEPTH}"));
                }
                stack.push(name);
                buf.clear();
                let path: Vec<&str> = stack.iter().map(String::as_str).collect();
                match path.as_slice() {
                    ["project", "dependencies", "dependency"] => {
                        pom.dependencies.push(Dep::default())
                    }
                    ["project", "dependencyManagement", "dependencies", "dependency"] => {
                        pom.managed.push(Dep::default())
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if !seen_root {
                    return Err("the document has no <project> element".to_string());
                }
                let _ = e;
            }
            Event::Text(t) => buf.push_str(&t.decode().map_err(|e| e.to_string())?),
            Event::CData(t) => buf.push_str(&t.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c,
                    None => match r.decode().map_err(|e| e.to_string())?.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(format!("unknown entity &{other};")),
                    },
                };
                buf.push(c);
            }
            Event::End(_) => {
                let path: Vec<&str> = stack.iter().map(String::as_str).collect();
                let value = buf.trim().to_string();
                match path.as_slice() {
                    ["project", "groupId"] => pom.group = value,
                    ["project", "artifactId"] => pom.artifact = value,
                    ["project", "version"] => pom.version = value,
                    ["project", "parent", "groupId"] => pom.parent_group = value,
                    ["project", "parent", "version"] => pom.parent_version = value,
                    ["project", "properties", key] => {
                        pom.properties.insert(key.to_string(), value);
                        if pom.properties.len() > MAX_PROPERTIES {
                            return Err(format!("more than {MAX_PROPERTIES} properties"));
                        }
                    }
                    ["project", "dependencies", "dependency", field] => {
                        if let Some(d) = pom.dependencies.last_mut() {
                            d.set(field, value);
                        }
                    }
                    ["project", "dependencyManagement", "dependencies", "dependency", field] => {
                        if let Some(d) = pom.managed.last_mut() {
                            d.set(field, value);
                        }
                    }
                    _ => {}
                }
                buf.clear();
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err("the document has no <project> element".to_string());
    }
    if !stack.is_empty() {
        return Err(format!(
            "unclosed element <{}>",
            stack.last().map(String::as_str).unwrap_or("")
        ));
    }
    Ok(pom)
}

impl Dep {
    fn set(&mut self, field: &str, value: String) {
        match field {
            "groupId" => self.group = value,
            "artifactId" => self.artifact = value,
            "version" => self.version = value,
            "scope" => self.scope = value,
            _ => {}
        }
    }
}

impl Pom {
    /// `s` with every `${…}` expanded, or `None` if one cannot be. Property
    /// values are expanded once and remembered in `memo`, so a pom whose
    /// properties refer to each other many times costs time linear in its size.
    fn resolve(&self, s: &str, memo: &mut Memo) -> Option<String> {
        self.expand(s, memo, 0)
    }

    fn expand(&self, s: &str, memo: &mut Memo, depth: u32) -> Option<String> {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let end = rest[i..].find('}')? + i;
            out.push_str(&self.value_of(&rest[i + 2..end], memo, depth)?);
            if out.len() > MAX_VALUE {
                return None;
            }
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// The expanded value of a property or built-in; `None` when it is unknown,
    /// empty, too long, or nested deeper than ten references (cycles end there).
    fn value_of(&self, key: &str, memo: &mut Memo, depth: u32) -> Option<String> {
        if let Some(v) = memo.get(key) {
            return v.clone();
        }
        if depth > 10 {
            return None;
        }
        let raw = self.lookup(key)?;
        let v = self.expand(raw, memo, depth + 1);
        memo.insert(key.to_string(), v.clone());
        v
    }

    fn lookup(&self, key: &str) -> Option<&str> {
        fn own_or<'a>(own: &'a str, parent: &'a str) -> &'a str {
            if own.is_empty() {
                parent
            } else {
                own
            }
        }
        let v = match key {
            "project.version" | "pom.version" | "version" => {
                own_or(&self.version, &self.parent_version)
            }
            "project.groupId" | "pom.groupId" | "groupId" => {
                own_or(&self.group, &self.parent_group)
            }
            "project.artifactId" | "pom.artifactId" | "artifactId" => &self.artifact,
            "project.parent.version" | "parent.version" => &self.parent_version,
            "project.parent.groupId" | "parent.groupId" => &self.parent_group,
            _ => self.properties.get(key)?,
        };
        (!v.is_empty()).then_some(v)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    fn got(s: &str) -> Vec<(String, String, bool)> {
        parse(s.as_bytes(), "/pom.xml")
            .unwrap()
            .into_iter()
            .map(|p| (p.name, p.version, p.dev))
            .collect()
    }

    fn want(v: &[(&str, &str, bool)]) -> Vec<(String, String, bool)> {
        v.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
            .collect()
    }

    const POM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.parent</groupId><artifactId>p</artifactId><version>3.0.0</version></parent>
  <artifactId>app</artifactId>
  <properties>
    <jackson.version>2.15.2</jackson.version>
    <nested>${jackson.version}</nested>
    <loop>${loop}</loop>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>org.managed</groupId><artifactId>m</artifactId><version>1.2.3</version><scope>test</scope></dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>${nested}</version></dependency>
    <dependency><groupId>${project.groupId}</groupId><artifactId>sibling</artifactId><version>${project.version}</version></dependency>
    <dependency><groupId>org.managed</groupId><artifactId>m</artifactId></dependency>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
    <dependency><groupId>javax.servlet</groupId><artifactId>servlet-api</artifactId><version>2.5</version><scope>provided</scope></dependency>
    <dependency><groupId>a</groupId><artifactId>unresolved</artifactId><version>${from.parent}</version></dependency>
    <dependency><groupId>a</groupId><artifactId>looping</artifactId><version>${loop}</version></dependency>
    <dependency><groupId>a</groupId><artifactId>range</artifactId><version>[1.0,2.0)</version></dependency>
    <dependency><groupId>a</groupId><artifactId>noversion</artifactId></dependency>
    <dependency><groupId>a&amp;b</groupId><artifactId>ent&#x41;</artifactId><version><![CDATA[1.0]]></version></dependency>
  </dependencies>
  <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.3.0</version>
    <dependencies><dependency><groupId>x</groupId><artifactId>plugin-dep</artifactId><version>1</version></dependency></dependencies>
  </plugin></plugins></build>
</project>
"#;

    #[test]
    fn resolves_properties_builtins_and_management() {
        assert_eq!(
            got(POM),
            want(&[
                (
                    "com.fasterxml.jackson.core:jackson-databind",
                    "2.15.2",
                    false
                ),
                ("org.parent:sibling", "3.0.0", false),
                ("org.managed:m", "1.2.3", true),
                ("junit:junit", "4.13.2", true),
                ("javax.servlet:servlet-api", "2.5", true),
                ("a&b:entA", "1.0", false),
            ])
        );
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"<html></html>", "/x")
            .unwrap_err()
            .contains("root element is \"html\""));
        assert!(parse(b"<project><a></b></project>", "/x").is_err());
        assert!(parse(b"<project>", "/x").unwrap_err().contains("unclosed"));
        assert!(parse(b"not xml at all", "/x")
            .unwrap_err()
            .contains("no <project>"));
        assert!(parse(b"<project>&xxe;</project>", "/x")
            .unwrap_err()
            .contains("unknown entity"));
        let deep = "<project>".to_string() + &"<a>".repeat(200);
        assert!(parse(deep.as_bytes(), "/x").unwrap_err().contains("deeper"));
        let props: String = (0..=MAX_PROPERTIES)
            .map(|i| format!("<p{i}>1</p{i}>"))
            .collect();
        let many = format!("<project><properties>{props}</properties></project>");
        assert!(parse(many.as_bytes(), "/x")
            .unwrap_err()
            .contains("properties"));
    }

    #[test]
    fn property_expansion_is_bounded() {
        // Each level doubles the length: `l20` would be a megabyte; it is refused.
        let mut props = String::from("<l0>xxxxxxxx</l0>");
        for i in 1..=20 {
            props.push_str(&format!("<l{i}>${{l{}}}${{l{}}}</l{i}>", i - 1, i - 1));
        }
        let deps = "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>${l20}</version></dependency>".repeat(1000);
        let pom = format!("<project><properties>{props}<revision>1.2.0</revision><v>${{revision}}</v></properties><version>${{v}}</version><dependencies>{deps}<dependency><groupId>g</groupId><artifactId>b</artifactId><version>${{l6}}</version></dependency><dependency><groupId>g</groupId><artifactId>c</artifactId><version>${{project.version}}</version></dependency></dependencies></project>");
        let p = parse(pom.as_bytes(), "/pom.xml").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].version.len(), 8 << 6);
        assert_eq!(p[1].version, "1.2.0");
    }
}
