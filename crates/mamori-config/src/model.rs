//! The object model: YAML (multi-document) and JSON parsed into a small value
//! tree in which every node keeps its 1-based line and column, so a finding can
//! point at the exact field that caused it, however deeply nested.
//!
//! We use `yaml-rust2`'s event parser rather than `serde_yaml` because serde
//! throws positions away, and rather than its own `Yaml` tree because that tree
//! expands aliases without limit. Building the tree from events lets us bound
//! depth, node count and alias expansion (the "billion laughs" document fails
//! with an error instead of eating memory). `yaml-rust2` is a maintained,
//! pure-Rust YAML 1.2 parser with no unsafe code and no dependencies beyond
//! small hashing crates. JSON is parsed by the same parser, since a JSON text is
//! a YAML flow document.
//!
//! Scalars resolve the way Kubernetes' own YAML reader (go-yaml v2) resolves
//! them: `yes`/`no`/`on`/`off` are booleans too. This module does not know what a
//! Pod is; see `workload` for that.

use std::sync::Arc;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deepest nesting accepted. Kubernetes objects are rarely deeper than 20.
pub const MAX_DEPTH: usize = 128;
/// Nodes allowed per input regardless of its size (plus a per-byte allowance).
const BASE_NODE_BUDGET: usize = 100_000;

/// Why a manifest could not be parsed.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Syntax error reported by the YAML parser.
    #[error("{path}:{line}: invalid yaml: {message}")]
    Syntax {
        /// File name as given by the caller.
        path: String,
        /// 1-based line of the error.
        line: usize,
        /// Parser message.
        message: String,
    },
    /// The document nests deeper than [`MAX_DEPTH`].
    #[error("{path}:{line}: nesting deeper than {MAX_DEPTH} levels")]
    TooDeep {
        /// File name.
        path: String,
        /// Line where the limit was crossed.
        line: usize,
    },
    /// The document (after alias expansion) has too many nodes for its size.
    #[error("{path}:{line}: document too large after alias expansion (more than {limit} nodes)")]
    TooLarge {
        /// File name.
        path: String,
        /// Line where the limit was crossed.
        line: usize,
        /// The node budget that was exceeded.
        limit: usize,
    },
    /// The input is not UTF-8.
    #[error("{path}: not valid utf-8 text")]
    NotUtf8 {
        /// File name.
        path: String,
    },
    /// A Dockerfile-level problem (see `dockerfile`).
    #[error("{path}:{line}: {message}")]
    Dockerfile {
        /// File name.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// A value with its position in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// 1-based line of the node's first character.
    pub line: usize,
    /// 1-based column of the node's first character.
    pub col: usize,
}

/// A YAML/JSON value. Mapping keys are kept as their scalar text, in source order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or an empty value.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer that fits in `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string (also quoted numbers and booleans).
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping; keys keep their own position.
    Map(Vec<(Key, Node)>),
}

/// A mapping key: its text and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key text.
    pub text: String,
    /// 1-based line.
    pub line: usize,
}

static NULL_NODE: Node = Node {
    value: Value::Null,
    line: 0,
    col: 0,
};

impl Node {
    /// The child under `key` when this is a mapping (the last one wins on duplicates,
    /// as in JSON decoders).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(m) => m.iter().rev().find(|(k, _)| k.text == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The line of the *key* `key` in this mapping (where a human looks for the field).
    pub fn key_line(&self, key: &str) -> Option<usize> {
        match &self.value {
            Value::Map(m) => m
                .iter()
                .rev()
                .find(|(k, _)| k.text == key)
                .map(|(k, _)| k.line),
            _ => None,
        }
    }

    /// Follows a dotted path of mapping keys.
    pub fn path(&self, path: &[&str]) -> Option<&Node> {
        let mut cur = self;
        for p in path {
            cur = cur.get(p)?;
        }
        Some(cur)
    }

    /// A node that is `null`, for chaining lookups.
    pub fn null() -> &'static Node {
        &NULL_NODE
    }

    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean value, if this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The integer value, if this is an integer (or a float with no fraction).
    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Int(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(*f as i64),
            _ => None,
        }
    }

    /// Elements, if this is a sequence (empty otherwise).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(s) => s,
            _ => &[],
        }
    }

    /// Entries, if this is a mapping (empty otherwise).
    pub fn entries(&self) -> &[(Key, Node)] {
        match &self.value {
            Value::Map(m) => m,
            _ => &[],
        }
    }

    /// True for `null` (and for the missing-value placeholder).
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The scalar as text (strings, numbers, booleans); `None` for collections/null.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            _ => None,
        }
    }

    /// Counts nodes in this subtree (used for the alias budget).
    fn size(&self) -> usize {
        // Iterative, so a pathological tree cannot blow the stack.
        let mut n = 0usize;
        let mut stack = vec![self];
        while let Some(x) = stack.pop() {
            n += 1;
            match &x.value {
                Value::Seq(s) => stack.extend(s.iter()),
                Value::Map(m) => stack.extend(m.iter().map(|(_, v)| v)),
                _ => {}
            }
        }
        n
    }
}

/// One Kubernetes object (or other YAML/JSON document) from an input file.
#[derive(Debug, Clone)]
pub struct Object {
    /// File name as given by the caller (`-` for stdin).
    pub file: Arc<str>,
    /// 0-based index of the document in the file.
    pub document: usize,
    /// The root node.
    pub root: Node,
}

impl Object {
    /// `kind`, or the empty string.
    pub fn kind(&self) -> &str {
        self.root.get("kind").and_then(Node::as_str).unwrap_or("")
    }
    /// `apiVersion`, or the empty string.
    pub fn api_version(&self) -> &str {
        self.root
            .get("apiVersion")
            .and_then(Node::as_str)
            .unwrap_or("")
    }
    /// `metadata.name`, or the empty string.
    pub fn name(&self) -> &str {
        self.root
            .path(&["metadata", "name"])
            .and_then(Node::as_str)
            .unwrap_or("")
    }
    /// `metadata.namespace`, if set.
    pub fn namespace(&self) -> Option<&str> {
        self.root
            .path(&["metadata", "namespace"])
            .and_then(Node::as_str)
    }
    /// The line of the object itself (its first key).
    pub fn line(&self) -> usize {
        self.root.line.max(1)
    }
}

enum Frame {
    Seq(Vec<Node>, usize, usize, usize),
    // entries, pending key, line, col, anchor
    Map(Vec<(Key, Node)>, Option<Key>, usize, usize, usize),
}

struct Builder {
    stack: Vec<Frame>,
    docs: Vec<Node>,
    anchors: std::collections::HashMap<usize, Node>,
    nodes: usize,
    budget: usize,
    error: Option<(usize, bool)>, // (line, too_deep)
}

impl Builder {
    fn push_value(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            // The anchor table holds a copy of the subtree; charge it too, or nested
            // anchors (`&a [&b [&c …]]`) would multiply memory past the budget.
            self.nodes = self.nodes.saturating_add(node.size());
            if self.nodes > self.budget {
                self.error = Some((node.line, false));
                return;
            }
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Frame::Seq(v, ..)) => v.push(node),
            Some(Frame::Map(m, key, ..)) => match key.take() {
                None => {
                    let line = node.line;
                    // Move a string key's text rather than copying it.
                    let text = match node.value {
                        Value::Str(s) => s,
                        other => Node {
                            value: other,
                            line,
                            col: 0,
                        }
                        .scalar_text()
                        .unwrap_or_default(),
                    };
                    *key = Some(Key { text, line });
                }
                Some(k) => m.push((k, node)),
            },
        }
    }
}

fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
            return Value::Bool(true)
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => {
            return Value::Bool(false)
        }
        _ => {}
    }
    let first = s.as_bytes()[0];
    if first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.' {
        if let Ok(i) = s.parse::<i64>() {
            return Value::Int(i);
        }
        if let Some(h) = s.strip_prefix("0x") {
            if let Ok(i) = i64::from_str_radix(h, 16) {
                return Value::Int(i);
            }
        }
        if let Some(o) = s.strip_prefix("0o") {
            if let Ok(i) = i64::from_str_radix(o, 8) {
                return Value::Int(i);
            }
        }
        if s.bytes().any(|b| b.is_ascii_digit()) {
            if let Ok(f) = s.parse::<f64>() {
                return Value::Float(f);
            }
        }
    }
    Value::Str(s.to_string())
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let line = mark.line().max(1);
        let col = mark.col() + 1;
        self.nodes += 1;
        if self.nodes > self.budget {
            self.error = Some((line, false));
            return;
        }
        match ev {
            Event::Scalar(s, style, anchor, tag) => {
                let value = match (style, &tag) {
                    (_, Some(t)) if t.suffix == "str" => Value::Str(s),
                    (TScalarStyle::Plain, _) => resolve_plain(&s),
                    _ => Value::Str(s),
                };
                self.push_value(Node { value, line, col }, anchor);
            }
            Event::SequenceStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.error = Some((line, true));
                    return;
                }
                self.stack.push(Frame::Seq(Vec::new(), line, col, anchor));
            }
            Event::MappingStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.error = Some((line, true));
                    return;
                }
                self.stack
                    .push(Frame::Map(Vec::new(), None, line, col, anchor));
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq(v, l, c, a)) = self.stack.pop() {
                    self.push_value(
                        Node {
                            value: Value::Seq(v),
                            line: l,
                            col: c,
                        },
                        a,
                    );
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map(m, _, l, c, a)) = self.stack.pop() {
                    self.push_value(
                        Node {
                            value: Value::Map(m),
                            line: l,
                            col: c,
                        },
                        a,
                    );
                }
            }
            Event::Alias(id) => {
                let node = match self.anchors.get(&id) {
                    Some(n) => n.clone_at(line, col),
                    None => Node {
                        value: Value::Null,
                        line,
                        col,
                    },
                };
                // Charge the whole expanded subtree to the budget *before* keeping
                // it, so nested aliases cannot multiply memory unnoticed.
                self.nodes = self.nodes.saturating_add(node.size());
                if self.nodes > self.budget {
                    self.error = Some((line, false));
                    return;
                }
                self.push_value(node, 0);
            }
            Event::DocumentStart | Event::DocumentEnd => {
                self.anchors.clear();
            }
            _ => {}
        }
    }
}

impl Node {
    fn clone_at(&self, line: usize, col: usize) -> Node {
        // An alias is reported at the alias site for its root, but its children keep
        // the anchor's positions: that is where the text of those fields is.
        let mut n = self.clone();
        n.line = line;
        n.col = col;
        n
    }
}

/// yaml-rust2's message for a quoted scalar whose continuation line is not
/// indented past its parent: invalid by the YAML 1.2 spec, but libyaml,
/// PyYAML and go-yaml (kubectl, Gatekeeper) accept it and real manifests
/// (gatekeeper-library's `httpsonly` template among them) rely on it.
const QUOTED_SCALAR_INDENT: &str = "invalid indentation in quoted scalar";

/// Most continuation lines re-indented for [`QUOTED_SCALAR_INDENT`] before
/// the original error is reported (each retry parses the text again).
const MAX_REINDENTS: usize = 64;

/// Parses YAML (any number of `---` documents) or JSON into position-keeping trees.
/// Empty documents are dropped. Errors name the file and line.
///
/// Like kubectl, accepts continuation lines of a quoted scalar that are not
/// indented past the key: they are re-indented and the text parsed again.
/// Leading white space of a quoted scalar's continuation line is folded away,
/// so the value and every line number stay the same.
pub fn parse_yaml_documents(path: &str, text: &str) -> Result<Vec<Node>, ParseError> {
    let (first, mut bad_line) = match parse_strict(path, text) {
        Ok(docs) => return Ok(docs),
        Err(e) => e,
    };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    for _ in 0..MAX_REINDENTS {
        let Some(l) = bad_line.filter(|&l| l > 0 && l < lines.len()) else {
            break;
        };
        let cur = indent(&lines[l]);
        let prev = lines[..l]
            .iter()
            .rev()
            .find(|s| !s.trim().is_empty())
            .map(|s| indent(s))
            .unwrap_or(0);
        let want = if cur < prev { prev } else { cur + 1 };
        lines[l].insert_str(0, &" ".repeat(want - cur));
        match parse_strict(path, &lines.concat()) {
            Ok(docs) => return Ok(docs),
            Err((_, next)) => bad_line = next,
        }
    }
    Err(first)
}

/// One strict parse. On error, also the 0-based line to re-indent when the
/// error is [`QUOTED_SCALAR_INDENT`].
fn parse_strict(path: &str, text: &str) -> Result<Vec<Node>, (ParseError, Option<usize>)> {
    let budget = BASE_NODE_BUDGET.saturating_add(text.len().saturating_mul(2));
    let mut b = Builder {
        stack: Vec::new(),
        docs: Vec::new(),
        anchors: Default::default(),
        nodes: 0,
        budget,
        error: None,
    };
    let mut parser = Parser::new_from_str(text);
    let res = parser.load(&mut b, true);
    if let Some((line, deep)) = b.error {
        let e = if deep {
            ParseError::TooDeep {
                path: path.to_string(),
                line,
            }
        } else {
            ParseError::TooLarge {
                path: path.to_string(),
                line,
                limit: budget,
            }
        };
        return Err((e, None));
    }
    if let Err(e) = res {
        let reindent = (e.info() == QUOTED_SCALAR_INDENT).then(|| e.marker().line());
        return Err((
            ParseError::Syntax {
                path: path.to_string(),
                line: e.marker().line().max(1),
                message: e.info().to_string(),
            },
            reindent,
        ));
    }
    Ok(b.docs.into_iter().filter(|d| !d.is_null()).collect())
}

/// Parses a manifest file into objects, expanding `kind: *List` documents into
/// their `items` (nested lists too, up to a small depth).
pub fn parse_documents(path: &str, bytes: &[u8]) -> Result<Vec<Object>, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ParseError::NotUtf8 {
        path: path.to_string(),
    })?;
    // A UTF-8 BOM is common in files written on Windows.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: Arc<str> = Arc::from(path);
    let mut out = Vec::new();
    for (i, doc) in parse_yaml_documents(path, text)?.into_iter().enumerate() {
        expand_list(&file, i, doc, &mut out, 0);
    }
    Ok(out)
}

fn expand_list(file: &Arc<str>, document: usize, node: Node, out: &mut Vec<Object>, depth: usize) {
    let is_list = node
        .get("kind")
        .and_then(Node::as_str)
        .is_some_and(|k| k.ends_with("List"))
        && matches!(node.get("items").map(|n| &n.value), Some(Value::Seq(_)));
    if is_list && depth < 4 {
        if let Value::Map(entries) = node.value {
            for (k, v) in entries {
                if k.text == "items" {
                    if let Value::Seq(items) = v.value {
                        for item in items {
                            expand_list(file, document, item, out, depth + 1);
                        }
                    }
                }
            }
        }
        return;
    }
    if matches!(node.value, Value::Map(_)) {
        out.push(Object {
            file: file.clone(),
            document,
            root: node,
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    #[test]
    fn positions_are_kept_for_nested_fields() {
        let y = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    securityContext:\n      privileged: true\n";
        let objs = parse_documents("p.yaml", y.as_bytes()).unwrap();
        let c = &objs[0].root.path(&["spec", "containers"]).unwrap().items()[0];
        let p = c.path(&["securityContext", "privileged"]).unwrap();
        assert_eq!(p.as_bool(), Some(true));
        assert_eq!(p.line, 9);
        assert_eq!(
            c.get("securityContext").unwrap().key_line("privileged"),
            Some(9)
        );
        assert_eq!(c.line, 7);
    }

    #[test]
    fn multi_document_and_lists() {
        let y = "kind: A\n---\n---\nkind: List\nitems:\n- kind: B\n- kind: C\n";
        let objs = parse_documents("l.yaml", y.as_bytes()).unwrap();
        let kinds: Vec<_> = objs.iter().map(|o| o.kind().to_string()).collect();
        assert_eq!(kinds, ["A", "B", "C"]);
        assert_eq!(objs[2].root.line, 7);
    }

    #[test]
    fn json_keeps_lines() {
        let j = "{\n \"kind\": \"Pod\",\n \"spec\": {\n  \"hostPID\": true\n }\n}";
        let objs = parse_documents("p.json", j.as_bytes()).unwrap();
        assert_eq!(objs[0].root.path(&["spec", "hostPID"]).unwrap().line, 4);
    }

    #[test]
    fn quoted_scalar_continuations_at_the_key_column_are_accepted() {
        // As in gatekeeper-library's httpsonly template: invalid YAML 1.2, but
        // kubectl (go-yaml) and libyaml read it.
        let y = "spec:\n  props:\n    description: \"When set to `true` the TLS is optional, defaults\n    to false.\"\n    type: boolean\nlist:\n- 'one\ntwo\n\n  three'\n- x\n";
        let docs = parse_yaml_documents("t.yaml", y).unwrap();
        let props = docs[0].path(&["spec", "props"]).unwrap();
        assert_eq!(
            props.get("description").unwrap().as_str(),
            Some("When set to `true` the TLS is optional, defaults to false.")
        );
        // Line numbers are those of the original text.
        assert_eq!(props.get("type").unwrap().line, 5);
        let list = docs[0].get("list").unwrap().items();
        assert_eq!(list[0].as_str(), Some("one two\nthree"));
        assert_eq!(list[1].line, 11);
    }

    #[test]
    fn unterminated_quotes_still_fail_with_the_first_error() {
        let y = "a: \"never closed\nb: 1\nc: 2\n";
        let err = parse_yaml_documents("u.yaml", y).unwrap_err();
        assert!(err.to_string().starts_with("u.yaml:"), "{err}");
        assert!(err.to_string().contains("invalid yaml"), "{err}");
    }

    #[test]
    fn billion_laughs_is_bounded() {
        let mut y = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for c in 'b'..='j' {
            y.push_str(&format!("{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = c;
        }
        let err = parse_documents("bomb.yaml", y.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("too large"), "{err}");
    }

    #[test]
    fn nested_anchors_are_charged() {
        // 100 nested anchored sequences, each holding 2,000 scalars: the anchor
        // copies alone would be ~10 million nodes.
        let mut y = String::new();
        for i in 0..100 {
            y.push_str(&format!("&a{i} ["));
        }
        y.push_str(&"x,".repeat(2_000));
        y.push_str(&"]".repeat(100));
        let err = parse_documents("anchors.yaml", y.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("too large"), "{err}");
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let y = "[".repeat(10_000);
        let err = parse_documents("deep.yaml", y.as_bytes()).unwrap_err();
        assert!(err.to_string().starts_with("deep.yaml:"), "{err}");
    }

    #[test]
    fn bad_yaml_names_file_and_line() {
        let err = parse_documents("bad.yaml", b"a: b\n  c: : d\n\t- x").unwrap_err();
        assert!(err.to_string().starts_with("bad.yaml:"), "{err}");
        let err = parse_documents("bin.yaml", &[0xff, 0xfe]).unwrap_err();
        assert_eq!(err.to_string(), "bin.yaml: not valid utf-8 text");
    }

    #[test]
    fn scalars_resolve_like_kubernetes() {
        let y = "a: yes\nb: \"true\"\nc: 0\nd: 1.5\ne: ~\nf: !!str 5\n";
        let d = &parse_documents("s.yaml", y.as_bytes()).unwrap()[0].root;
        assert_eq!(d.get("a").unwrap().as_bool(), Some(true));
        assert_eq!(d.get("b").unwrap().as_str(), Some("true"));
        assert_eq!(d.get("c").unwrap().as_i64(), Some(0));
        assert_eq!(d.get("d").unwrap().value, Value::Float(1.5));
        assert!(d.get("e").unwrap().is_null());
        assert_eq!(d.get("f").unwrap().as_str(), Some("5"));
    }
}
