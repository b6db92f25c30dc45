//! CycloneDX readers (<https://cyclonedx.org/specification/overview/>): JSON
//! 1.2–1.7 through serde, and XML through a quick-xml event loop. Both flatten
//! `components` (nested ones included) into raw components with their purl,
//! properties and licences, and take the target from `metadata.component`.
//!
//! They deliberately read nothing else but the JSON `dependencies` graph
//! (which Trivy needs to say which lockfile a package came from) — services,
//! hashes, vulnerabilities and compositions do not change what packages are
//! present.

use crate::normalize::{self, RawComponent};
use crate::{Document, JsonDoc, SbomError, SbomFormat};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde::Deserialize;

/// Deepest component nesting followed. serde_json stops at 128 levels of JSON
/// anyway; XML has no such guard, so the reader enforces this one itself.
const MAX_DEPTH: usize = 64;

/// `metadata`.
#[derive(Deserialize)]
pub(crate) struct JsonMetadata {
    /// An array of tools (1.2–1.4) or `{components, services}` (1.5+).
    tools: Option<serde_json::Value>,
    component: Option<JsonComponent>,
}

/// One entry of `dependencies`.
#[derive(Deserialize)]
pub(crate) struct JsonDependency {
    #[serde(rename = "ref")]
    reference: Option<String>,
    #[serde(rename = "dependsOn", default)]
    depends_on: Vec<String>,
}

/// One component; nested components are kept for flattening.
#[derive(Deserialize, Default)]
pub(crate) struct JsonComponent {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(rename = "bom-ref")]
    bom_ref: Option<String>,
    name: Option<String>,
    version: Option<String>,
    description: Option<String>,
    purl: Option<String>,
    #[serde(default)]
    properties: Vec<JsonProperty>,
    #[serde(default)]
    licenses: Vec<JsonLicenseChoice>,
    #[serde(default)]
    components: Vec<JsonComponent>,
    evidence: Option<JsonEvidence>,
}

/// `evidence` (1.5+): where the component was found.
#[derive(Deserialize)]
struct JsonEvidence {
    #[serde(default)]
    occurrences: Vec<JsonOccurrence>,
}

#[derive(Deserialize)]
struct JsonOccurrence {
    location: Option<String>,
}

#[derive(Deserialize)]
struct JsonProperty {
    name: Option<String>,
    value: Option<String>,
}

#[derive(Deserialize)]
struct JsonLicenseChoice {
    license: Option<JsonLicense>,
    expression: Option<String>,
}

#[derive(Deserialize)]
struct JsonLicense {
    id: Option<String>,
    name: Option<String>,
}

/// Accepts `1.N` for N >= 2: JSON exists since 1.2, and minor versions are
/// backward compatible by design (Trivy 0.76 already writes 1.7).
fn check_spec_version(path: &str, format: SbomFormat, v: &str) -> Result<(), SbomError> {
    let ok = v
        .strip_prefix("1.")
        .and_then(|minor| minor.parse::<u32>().ok())
        .is_some_and(|minor| minor >= 2 || format == SbomFormat::CycloneDxXml);
    if ok {
        Ok(())
    } else {
        Err(SbomError::invalid(
            path,
            format,
            format!("unsupported specVersion {v:?} (supported: 1.2 to 1.7)"),
        ))
    }
}

pub(crate) fn from_json(path: &str, doc: JsonDoc) -> Result<Document, SbomError> {
    let format = SbomFormat::CycloneDxJson;
    if let Some(f) = doc.bom_format.as_deref().filter(|f| *f != "CycloneDX") {
        return Err(SbomError::invalid(
            path,
            format,
            format!("bomFormat is {f:?}, not \"CycloneDX\""),
        ));
    }
    let spec_version = match doc.spec_version {
        Some(serde_json::Value::String(s)) => s,
        Some(other) => other.to_string(),
        None => return Err(SbomError::invalid(path, format, "no specVersion")),
    };
    check_spec_version(path, format, &spec_version)?;
    let (producer, target_name) = match doc.metadata {
        Some(m) => (
            m.tools.as_ref().and_then(json_producer),
            m.component.and_then(|c| c.name),
        ),
        None => (None, None),
    };
    let mut components = Vec::new();
    flatten(doc.components.unwrap_or_default(), &mut components);
    let dependencies = doc
        .dependencies
        .unwrap_or_default()
        .into_iter()
        .filter_map(|d| Some((d.reference?, d.depends_on)))
        .collect();
    Ok(Document {
        format,
        spec_version,
        producer,
        target_name,
        components,
        dependencies,
    })
}

/// `name version` of the first tool, in either shape of `metadata.tools`.
fn json_producer(tools: &serde_json::Value) -> Option<String> {
    let list = match tools {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(o) => o.get("components")?.as_array()?,
        _ => return None,
    };
    let tool = list.iter().find(|t| t.get("name").is_some())?;
    let name = tool.get("name")?.as_str()?;
    Some(match tool.get("version").and_then(|v| v.as_str()) {
        Some(v) => format!("{name} {v}"),
        None => name.to_string(),
    })
}

/// Depth-first, without recursion, so that ordering is document order and
/// the stack is ours.
fn flatten(top: Vec<JsonComponent>, out: &mut Vec<RawComponent>) {
    let mut stack: Vec<std::vec::IntoIter<JsonComponent>> = vec![top.into_iter()];
    while let Some(iter) = stack.last_mut() {
        let Some(mut c) = iter.next() else {
            stack.pop();
            continue;
        };
        let children = std::mem::take(&mut c.components);
        let mut props: Vec<(String, String)> = c
            .properties
            .into_iter()
            .filter_map(|p| Some((p.name?, p.value.unwrap_or_default())))
            .collect();
        // The standard place for a location since 1.5 (cdxgen and others use
        // it); producers' own properties still take precedence.
        if let Some(loc) = c
            .evidence
            .and_then(|e| e.occurrences.into_iter().find_map(|o| o.location))
        {
            props.push((normalize::EVIDENCE_LOCATION.to_string(), loc));
        }
        out.push(RawComponent {
            kind: c.kind.unwrap_or_default(),
            bom_ref: c.bom_ref,
            name: c.name.unwrap_or_default(),
            version: c.version.unwrap_or_default(),
            description: c.description,
            purls: c.purl.into_iter().filter(|p| !p.is_empty()).collect(),
            props,
            source_info: None,
            licenses: c
                .licenses
                .into_iter()
                .filter_map(|l| {
                    l.expression
                        .or_else(|| l.license.and_then(|l| l.id.or(l.name)))
                })
                .filter(|l| !l.is_empty())
                .collect(),
        });
        if !children.is_empty() {
            stack.push(children.into_iter());
        }
    }
}

/// Resolves an entity reference (`&amp;`, `&#38;`) reported by quick-xml.
fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

/// Which text field of the innermost open element we are collecting.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    None,
    Name,
    Version,
    Description,
    Purl,
    Property,
    License,
    ToolName,
    ToolVersion,
}

/// What an open `<component>` is.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    /// A component of the bom (top-level or nested in another).
    Package,
    /// `metadata/component`, the described target.
    Target,
    /// `metadata/tools/components/component` (1.5+), the producer.
    Tool,
}

struct Open {
    component: RawComponent,
    role: Role,
    /// Index of the `<component>` element in the element stack.
    depth: usize,
}

/// Reads CycloneDX XML (any 1.x namespace). Only element local names are
/// looked at, so documents with or without namespace prefixes both work.
pub(crate) fn read_xml(path: &str, bytes: &[u8]) -> Result<Document, SbomError> {
    let format = SbomFormat::CycloneDxXml;
    let mut reader = Reader::from_reader(bytes);
    let invalid = |reader: &Reader<&[u8]>, msg: String| {
        SbomError::invalid(
            path,
            format,
            format!("{msg} at byte {}", reader.buffer_position()),
        )
    };

    let mut buf = Vec::new();
    // Element local names from the root down.
    let mut elements: Vec<String> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<RawComponent> = Vec::new();
    let mut spec_version: Option<String> = None;
    let mut target_name = None;
    let mut producer: Option<String> = None;
    // `<tool>` of 1.2–1.4: (name, version) being read.
    let mut legacy_tool: Option<(String, String)> = None;
    let mut field = Field::None;
    let mut text = String::new();
    let mut prop_name: Option<String> = None;

    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| invalid(&reader, format!("malformed xml: {e}")))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if elements.is_empty() {
                    if local != "bom" {
                        return Err(SbomError::unsupported(
                            path,
                            format!("xml document with root <{local}> is not a CycloneDX bom"),
                        ));
                    }
                    for a in e.attributes().flatten() {
                        let key = a.key.as_ref();
                        if key == b"xmlns" || key.starts_with(b"xmlns:") {
                            let v = String::from_utf8_lossy(&a.value).into_owned();
                            if let Some(ver) = v.strip_prefix("http://cyclonedx.org/schema/bom/") {
                                spec_version = Some(ver.to_string());
                            }
                        }
                    }
                }
                let depth = elements.len();
                // Path relative to the innermost open component, e.g. ["properties"].
                let rel: Vec<&str> = match open.last() {
                    Some(o) => elements[o.depth + 1..].iter().map(String::as_str).collect(),
                    None => Vec::new(),
                };
                let top: Vec<&str> = elements.iter().map(String::as_str).collect();
                field = Field::None;
                if local == "component" {
                    let role = match top.as_slice() {
                        ["bom", "components"] => Some(Role::Package),
                        ["bom", "metadata"] => Some(Role::Target),
                        ["bom", "metadata", "tools", "components"] => Some(Role::Tool),
                        // Components nested in the target or a tool are not packages.
                        _ if rel == ["components"]
                            && open.last().is_some_and(|o| o.role == Role::Package) =>
                        {
                            Some(Role::Package)
                        }
                        _ => None,
                    };
                    if let Some(role) = role {
                        if open.len() >= MAX_DEPTH {
                            return Err(invalid(
                                &reader,
                                format!("components nested deeper than {MAX_DEPTH}"),
                            ));
                        }
                        let mut c = RawComponent::default();
                        for a in e.attributes().flatten() {
                            if a.key.as_ref() == b"type" {
                                c.kind = String::from_utf8_lossy(&a.value).into_owned();
                            }
                        }
                        open.push(Open {
                            component: c,
                            role,
                            depth,
                        });
                        if is_empty {
                            close_component(&mut open, &mut done, &mut target_name, &mut producer);
                        }
                    }
                } else if open.is_empty() {
                    match (top.as_slice(), local.as_str()) {
                        (["bom", "metadata", "tools"], "tool") if producer.is_none() => {
                            legacy_tool = Some(Default::default())
                        }
                        (["bom", "metadata", "tools", "tool"], "name") => field = Field::ToolName,
                        (["bom", "metadata", "tools", "tool"], "version") => {
                            field = Field::ToolVersion
                        }
                        _ => {}
                    }
                } else {
                    field = match (rel.as_slice(), local.as_str()) {
                        ([], "name") => Field::Name,
                        ([], "version") => Field::Version,
                        ([], "description") => Field::Description,
                        ([], "purl") => Field::Purl,
                        (["properties"], "property") => {
                            prop_name = e
                                .attributes()
                                .flatten()
                                .find(|a| a.key.as_ref() == b"name")
                                .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                            Field::Property
                        }
                        (["licenses", "license"], "id" | "name") => Field::License,
                        (["licenses"], "expression") => Field::License,
                        _ => Field::None,
                    };
                }
                text.clear();
                if is_empty {
                    finish_field(
                        field,
                        String::new(),
                        &mut open,
                        &mut prop_name,
                        &mut legacy_tool,
                    );
                    field = Field::None;
                } else {
                    if elements.len() >= 4 * MAX_DEPTH + 16 {
                        return Err(invalid(&reader, "elements nested too deeply".into()));
                    }
                    elements.push(local);
                }
            }
            Event::Text(t) if field != Field::None => {
                let s = t
                    .decode()
                    .map_err(|e| invalid(&reader, format!("bad text: {e}")))?;
                text.push_str(&s);
            }
            Event::CData(t) if field != Field::None => {
                text.push_str(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if field != Field::None => {
                let name = String::from_utf8_lossy(&r);
                match entity(&name) {
                    Some(c) => text.push(c),
                    None => return Err(invalid(&reader, format!("unknown entity &{name};"))),
                }
            }
            Event::End(_) => {
                if elements.pop().is_none() {
                    return Err(invalid(&reader, "unbalanced end tag".into()));
                }
                let value = std::mem::take(&mut text).trim().to_string();
                finish_field(field, value, &mut open, &mut prop_name, &mut legacy_tool);
                field = Field::None;
                if open.last().is_some_and(|o| o.depth == elements.len()) {
                    close_component(&mut open, &mut done, &mut target_name, &mut producer);
                }
                if elements.len() == 3 && legacy_tool.is_some() {
                    // `</tool>` closed.
                    if let Some((n, v)) = legacy_tool.take() {
                        producer = tool_label(n, v);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !elements.is_empty() {
        return Err(invalid(&reader, "unexpected end of document".into()));
    }
    let spec_version = spec_version
        .ok_or_else(|| SbomError::invalid(path, format, "no CycloneDX namespace on <bom>"))?;
    check_spec_version(path, format, &spec_version)?;
    Ok(Document {
        format,
        spec_version,
        producer,
        target_name,
        components: done,
        dependencies: Vec::new(),
    })
}

fn tool_label(name: String, version: String) -> Option<String> {
    match (name.is_empty(), version.is_empty()) {
        (true, _) => None,
        (false, true) => Some(name),
        (false, false) => Some(format!("{name} {version}")),
    }
}

/// Stores a finished text field in the innermost component (or tool).
fn finish_field(
    field: Field,
    value: String,
    open: &mut [Open],
    prop_name: &mut Option<String>,
    legacy_tool: &mut Option<(String, String)>,
) {
    if let Some((n, v)) = legacy_tool.as_mut() {
        match field {
            Field::ToolName => *n = value,
            Field::ToolVersion => *v = value,
            _ => {}
        }
        return;
    }
    let Some(o) = open.last_mut() else {
        return;
    };
    let c = &mut o.component;
    match field {
        Field::Name => c.name = value,
        Field::Version => c.version = value,
        Field::Description => c.description = Some(value),
        Field::Purl if !value.is_empty() => c.purls.push(value),
        Field::Property => {
            if let Some(n) = prop_name.take() {
                c.props.push((n, value));
            }
        }
        Field::License if !value.is_empty() => c.licenses.push(value),
        _ => {}
    }
}

fn close_component(
    open: &mut Vec<Open>,
    done: &mut Vec<RawComponent>,
    target_name: &mut Option<String>,
    producer: &mut Option<String>,
) {
    let Some(o) = open.pop() else {
        return;
    };
    match o.role {
        Role::Package => done.push(o.component),
        Role::Target => *target_name = Some(o.component.name).filter(|n| !n.is_empty()),
        Role::Tool => {
            if producer.is_none() {
                *producer = tool_label(o.component.name, o.component.version);
            }
        }
    }
}
