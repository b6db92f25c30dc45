//! Source rewrites that make `regorus` 0.14 read Rego the way OPA does.
//!
//! Gatekeeper and conftest run OPA; mamori runs `regorus`, which disagrees
//! with OPA on a few constructs that real policies use (the Gatekeeper
//! library among them). regorus cannot be changed from here, so before a
//! module is compiled its text is rewritten, only at those constructs, into
//! Rego that means under OPA exactly what the original meant:
//!
//! 1. **A newline before `(` in a rule body.** OPA ends a term at whitespace,
//!    so `x.y` at the end of a line followed by a line starting with `(` is
//!    two expressions. regorus reads a call `x.y(…)` across the newline
//!    ("could not find function x.y"). A `;` (OPA's own expression
//!    separator) is inserted after `x.y`.
//! 2. **Chained rule bodies** `H { a } { b }`. OPA parses this as `H { a }`
//!    and `H { b }` (same head). regorus keeps one rule with two bodies: it
//!    rejects it on set rules ("else cannot be used with set rules"), and on
//!    rules with a value it drops the head's value for later bodies
//!    (`p = y { false; y := 1 } { y := 2 }` is `true`; a function's second
//!    body gives undefined). The head text is copied in front of each
//!    chained body.
//! 3. **`not f(x.y)`.** OPA's compiler evaluates ref arguments of a call
//!    before the negation (`t := x.y; not f(t)`, its `RewriteDynamicTerms`
//!    stage; opa#1877), so the literal is undefined, not true, when `x.y` is
//!    undefined. regorus negates the undefined call and succeeds. Dotted-ref
//!    arguments of a negated call are hoisted the same way.
//! 4. **`sprintf` with fewer arguments than verbs.** OPA formats with Go's
//!    `fmt.Sprintf`, which prints `%!v(MISSING)`; regorus fails ("no argument
//!    specified for format verb"). With a literal format and a literal array,
//!    each verb without an argument becomes the literal text Go prints.
//!
//! Only rule bodies at the top level are rewritten for (1) and (3); the same
//! constructs inside comprehensions and `every` bodies are left to regorus.
//! No edit adds or removes a line break, so errors still name the original
//! line (columns after an edit on that line shift). Source this lexer cannot
//! read (an unterminated string, unbalanced brackets) is returned unchanged
//! for regorus to report.

use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Ident,
    Number,
    Str,
    Punct,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    /// A line break (outside any token) since the previous token.
    nl_before: bool,
    /// Whitespace or a comment since the previous token.
    ws_before: bool,
}

/// Words that are not plain variables in Rego v1 (or v0 with
/// `future.keywords`). Treating them as keywords in v0 code where they are
/// variables only makes a rewrite less likely.
const KEYWORDS: &[&str] = &[
    "as", "contains", "default", "else", "every", "false", "if", "import", "in", "not", "null",
    "package", "some", "true", "with",
];

fn lex(src: &str) -> Option<Vec<Tok>> {
    let b = src.as_bytes();
    let mut toks = Vec::new();
    let (mut i, mut nl, mut ws) = (0usize, false, false);
    while i < b.len() {
        let start = i;
        let kind = match b[i] {
            b'\n' => {
                (nl, ws, i) = (true, true, i + 1);
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                (ws, i) = (true, i + 1);
                continue;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                ws = true;
                continue;
            }
            b'"' => {
                i += 1;
                loop {
                    match *b.get(i)? {
                        b'"' => break,
                        b'\\' => i += 2,
                        b'\n' => return None,
                        _ => i += 1,
                    }
                }
                i += 1;
                Kind::Str
            }
            b'`' => {
                i += 1;
                while *b.get(i)? != b'`' {
                    i += 1;
                }
                i += 1;
                Kind::Str
            }
            b'0'..=b'9' => {
                let digits = |i: &mut usize| {
                    while b.get(*i).is_some_and(u8::is_ascii_digit) {
                        *i += 1;
                    }
                };
                digits(&mut i);
                if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                    digits(&mut i);
                }
                if matches!(b.get(i), Some(b'e' | b'E')) {
                    i += 1;
                    if matches!(b.get(i), Some(b'+' | b'-')) {
                        i += 1;
                    }
                    digits(&mut i);
                }
                Kind::Number
            }
            c if c == b'_' || c.is_ascii_alphabetic() => {
                while b
                    .get(i)
                    .is_some_and(|c| *c == b'_' || c.is_ascii_alphanumeric())
                {
                    i += 1;
                }
                Kind::Ident
            }
            _ => {
                let two = src.get(i..i + 2);
                i += if matches!(two, Some(":=" | "==" | "!=" | "<=" | ">=")) {
                    2
                } else {
                    src[i..].chars().next().map_or(1, char::len_utf8)
                };
                Kind::Punct
            }
        };
        toks.push(Tok {
            kind,
            start,
            end: i,
            nl_before: nl,
            ws_before: ws,
        });
        (nl, ws) = (false, false);
    }
    Some(toks)
}

/// Bracket structure around each token.
#[derive(Clone, Copy, Default)]
struct Ctx {
    /// Directly inside a top-level rule body (the only open bracket is a
    /// body's `{`); for a closing bracket, after it closes.
    in_body: bool,
    /// No bracket open (for an opening bracket: before it).
    top: bool,
    /// This `{` opens a top-level rule body / this `}` closes one.
    opens_body: bool,
    closes_body: bool,
    /// Index of the matching bracket.
    partner: usize,
}

fn structure(src: &str, toks: &[Tok]) -> Option<Vec<Ctx>> {
    let mut ctx = vec![Ctx::default(); toks.len()];
    // (token index, is a rule body)
    let mut stack: Vec<(usize, bool)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let text = &src[t.start..t.end];
        if t.kind == Kind::Punct && matches!(text, ")" | "]" | "}") {
            let (open, body) = stack.pop()?;
            let want = match text {
                ")" => "(",
                "]" => "[",
                _ => "{",
            };
            if &src[toks[open].start..toks[open].end] != want {
                return None;
            }
            ctx[open].partner = i;
            ctx[i].partner = open;
            ctx[i].closes_body = body;
        }
        ctx[i].top = stack.is_empty();
        ctx[i].in_body = matches!(stack.as_slice(), [(_, true)]);
        if t.kind == Kind::Punct && matches!(text, "(" | "[" | "{") {
            // A top-level `{` is a rule body unless it is a value in a head
            // (`p = {…}`, `default p := {}`, `p contains {…}`).
            let body = text == "{"
                && stack.is_empty()
                && i.checked_sub(1).is_some_and(|p| {
                    let prev = &src[toks[p].start..toks[p].end];
                    !matches!(
                        prev,
                        "=" | ":="
                            | "=="
                            | "!="
                            | "<"
                            | ">"
                            | "<="
                            | ">="
                            | "+"
                            | "-"
                            | "*"
                            | "/"
                            | "%"
                            | "&"
                            | "|"
                            | ","
                            | ":"
                            | "contains"
                            | "in"
                            | "as"
                            | "with"
                    )
                });
            ctx[i].opens_body = body;
            stack.push((i, body));
        }
    }
    stack.is_empty().then_some(ctx)
}

/// An edit of the source: replace `del` bytes at `at` with `text`.
struct Edit {
    at: usize,
    del: usize,
    text: String,
}

struct Rewriter<'a> {
    src: &'a str,
    toks: Vec<Tok>,
    ctx: Vec<Ctx>,
    edits: Vec<Edit>,
}

impl Rewriter<'_> {
    fn text(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.src[t.start..t.end])
    }

    fn is_var(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Ident) && !KEYWORDS.contains(&self.text(i))
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct) && self.text(i) == p
    }

    fn insert(&mut self, at: usize, text: String) {
        self.edits.push(Edit { at, del: 0, text });
    }

    /// The comma-separated items between bracket `open` and its partner, as
    /// token ranges; `None` if an item is empty or a top-level `|` makes it
    /// a comprehension.
    fn items(&self, open: usize) -> Option<Vec<(usize, usize)>> {
        let close = self.ctx[open].partner;
        let (mut items, mut from, mut k) = (Vec::new(), open + 1, open + 1);
        while k < close {
            if self.punct(k, "|") {
                return None;
            }
            if self.punct(k, ",") {
                items.push((from, k));
                from = k + 1;
            } else if self.toks[k].kind == Kind::Punct && matches!(self.text(k), "(" | "[" | "{") {
                k = self.ctx[k].partner;
            }
            k += 1;
        }
        // A trailing comma is allowed; an empty list has no items.
        if from < close {
            items.push((from, close));
        }
        items.iter().all(|(a, b)| a < b).then_some(items)
    }

    /// (1) `;` after a term that ends a line inside a rule body when the next
    /// line starts with `(`.
    fn split_lines_before_parens(&mut self) {
        for i in 1..self.toks.len() {
            let t = self.toks[i];
            if t.nl_before && self.ctx[i].in_body && self.punct(i, "(") {
                let p = i - 1;
                if self.is_var(p) || self.punct(p, "]") {
                    self.insert(self.toks[p].end, ";".into());
                }
            }
        }
    }

    /// (2) `H { a } { b }` → `H { a } H { b }`.
    fn unchain_bodies(&mut self) {
        // Copies are bounded so that a hostile policy cannot blow up memory.
        let mut budget = self.src.len().max(64 * 1024);
        let mut line_start = None; // first top-level token of the latest line
        let mut after_body = None; // token after the latest top-level body
        let mut in_else = false;
        let mut head: Option<(usize, usize)> = None; // current rule's head tokens
        for i in 0..self.toks.len() {
            let c = self.ctx[i];
            if c.top && (i == 0 || self.toks[i].nl_before) {
                line_start = Some(i);
                let prev = i.checked_sub(1).map_or("", |p| self.text(p));
                if self.text(i) != "else" && !matches!(prev, "=" | ":=") {
                    in_else = false;
                }
            }
            if c.top && self.text(i) == "else" {
                in_else = true;
            }
            if c.closes_body {
                after_body = Some(i + 1);
                in_else = false;
            }
            if !c.opens_body {
                continue;
            }
            let chained = i > 0 && self.ctx[i - 1].closes_body;
            if in_else {
                head = None; // `else` chains are left alone (OPA rejects `{` after them)
            } else if !chained {
                let start = line_start.max(after_body).unwrap_or(0);
                head = (start < i && self.is_var(start)).then_some((start, i));
            } else if let Some((s, e)) = head {
                let Some(text) = self.head_text(s, e) else {
                    continue;
                };
                if text.len() >= budget {
                    return;
                }
                budget -= text.len();
                self.insert(self.toks[i].start, format!("{text} "));
            }
        }
    }

    /// Tokens `s..e` as one line (comments and line breaks become a space);
    /// `None` if a raw string in it spans lines.
    fn head_text(&self, s: usize, e: usize) -> Option<String> {
        let mut out = String::new();
        for k in s..e {
            if k > s {
                let gap = &self.src[self.toks[k - 1].end..self.toks[k].start];
                if gap.contains(['\n', '#']) {
                    out.push(' ');
                } else {
                    out.push_str(gap);
                }
            }
            let t = self.text(k);
            if t.contains('\n') {
                return None;
            }
            out.push_str(t);
        }
        Some(out)
    }

    /// (3) `not f(a, x.y)` → `__mamori_arg0 := x.y; not f(a, __mamori_arg0)`.
    fn hoist_negated_call_refs(&mut self) {
        let mut n = 0usize;
        for i in 1..self.toks.len() {
            if !(self.ctx[i].in_body && self.toks[i].kind == Kind::Ident && self.text(i) == "not") {
                continue;
            }
            // `not` must start the literal.
            if !(self.toks[i].nl_before || self.ctx[i - 1].opens_body || self.punct(i - 1, ";")) {
                continue;
            }
            // The callee: a name or dotted path right before `(`.
            let mut j = i + 1;
            if !self.is_var(j) {
                continue;
            }
            j += 1;
            while self.punct(j, ".")
                && !self.toks[j].ws_before
                && self
                    .toks
                    .get(j + 1)
                    .is_some_and(|t| t.kind == Kind::Ident && !t.ws_before)
            {
                j += 2;
            }
            if !self.punct(j, "(") || self.toks[j].ws_before {
                continue;
            }
            // The call must be the whole literal: nothing after it continues
            // the expression (an operator, `with`, a ref into the result).
            let close = self.ctx[j].partner;
            let ends = match self.toks.get(close + 1) {
                None => true,
                Some(t) => {
                    let next = self.text(close + 1);
                    matches!(next, ";" | "}")
                        || (t.nl_before
                            && match t.kind {
                                Kind::Ident => !matches!(
                                    next,
                                    "with" | "in" | "as" | "else" | "if" | "contains"
                                ),
                                Kind::Number | Kind::Str => true,
                                Kind::Punct => matches!(next, "(" | "[" | "{"),
                            })
                }
            };
            let Some(args) = self.items(j).filter(|_| ends) else {
                continue;
            };
            let mut hoisted = String::new();
            for (a, b) in args {
                if !self.is_dotted_ref(a, b) {
                    continue;
                }
                let name = format!("__mamori_arg{n}");
                n += 1;
                let (from, to) = (self.toks[a].start, self.toks[b - 1].end);
                hoisted.push_str(&format!("{name} := {}; ", &self.src[from..to]));
                self.edits.push(Edit {
                    at: from,
                    del: to - from,
                    text: name,
                });
            }
            if !hoisted.is_empty() {
                self.insert(self.toks[i].start, hoisted);
            }
        }
    }

    /// Tokens `a..b` are `v.f.g…` (a variable and at least one field, no
    /// spaces): no brackets, so no iteration and nothing to evaluate but the
    /// lookup itself.
    fn is_dotted_ref(&self, a: usize, b: usize) -> bool {
        b >= a + 3
            && (b - a) % 2 == 1
            && self.is_var(a)
            && self.text(a) != "_"
            && (a + 1..b).step_by(2).all(|k| {
                self.punct(k, ".")
                    && self.toks[k + 1].kind == Kind::Ident
                    && !self.toks[k].ws_before
                    && !self.toks[k + 1].ws_before
            })
    }

    /// (4) Verbs of a literal `sprintf` format beyond a literal argument
    /// array become the text Go prints for them (`%!v(MISSING)`).
    fn fill_missing_sprintf_args(&mut self) {
        for i in 0..self.toks.len() {
            if !(self.toks[i].kind == Kind::Ident
                && self.text(i) == "sprintf"
                && (i == 0 || !self.punct(i - 1, ".")))
            {
                continue;
            }
            let (open, fmt, array) = (i + 1, i + 2, i + 4);
            let literal_args = self.punct(open, "(")
                && self.toks.get(fmt).is_some_and(|t| t.kind == Kind::Str)
                && self.punct(fmt + 1, ",")
                && self.punct(array, "[")
                && self.punct(self.ctx[array].partner + 1, ")");
            if !literal_args {
                continue;
            }
            let Some(nargs) = self.items(array).map(|v| v.len()) else {
                continue;
            };
            let lit = self.text(fmt);
            let Some(verbs) = format_verbs(lit) else {
                continue;
            };
            let base = self.toks[fmt].start;
            for (at, len, verb) in verbs.into_iter().skip(nargs) {
                self.edits.push(Edit {
                    at: base + at,
                    del: len,
                    text: format!("%%!{verb}(MISSING)"),
                });
            }
        }
    }

    fn apply(self) -> Option<String> {
        let mut edits = self.edits;
        edits.sort_by_key(|e| e.at);
        let mut out = String::with_capacity(self.src.len());
        let mut cursor = 0;
        for e in edits {
            if e.at < cursor {
                return None; // overlapping edits: a bug; keep the source
            }
            out.push_str(self.src.get(cursor..e.at)?);
            out.push_str(&e.text);
            cursor = e.at + e.del;
        }
        out.push_str(self.src.get(cursor..)?);
        Some(out)
    }
}

/// The operand-taking verbs of a Go format string literal (`"…"` or a raw
/// string, quotes included) as (byte offset in `lit`, length, verb). `None`
/// when the format cannot be read with certainty (`*` widths, explicit
/// argument indexes, a `\u` escape that might be `%`, a trailing `%`).
fn format_verbs(lit: &str) -> Option<Vec<(usize, usize, char)>> {
    let quoted = lit.starts_with('"');
    let inner = lit.get(1..lit.len().checked_sub(1)?)?;
    let mut verbs = Vec::new();
    let mut it = inner.char_indices().peekable();
    while let Some((at, c)) = it.next() {
        if quoted && c == '\\' {
            if matches!(it.next(), Some((_, 'u' | 'U' | 'x')) | None) {
                return None;
            }
            continue;
        }
        if c != '%' {
            continue;
        }
        // flags, width, precision
        while let Some(&(_, f)) = it.peek() {
            match f {
                '+' | '-' | '#' | ' ' | '0'..='9' | '.' => {
                    it.next();
                }
                '*' | '[' => return None,
                _ => break,
            }
        }
        let (end, verb) = it.next()?;
        if matches!(verb, '\\' | '"' | '`') {
            return None;
        }
        if verb != '%' {
            verbs.push((at + 1, end + verb.len_utf8() - at, verb));
        }
    }
    Some(verbs)
}

/// `src` rewritten as described in the module documentation (borrowed when
/// nothing changes). The result has the same lines as `src`.
pub fn rewrite(src: &str) -> Cow<'_, str> {
    let Some(toks) = lex(src) else {
        return Cow::Borrowed(src);
    };
    let Some(ctx) = structure(src, &toks) else {
        return Cow::Borrowed(src);
    };
    let mut r = Rewriter {
        src,
        toks,
        ctx,
        edits: Vec::new(),
    };
    r.split_lines_before_parens();
    r.unchain_bodies();
    r.hoist_negated_call_refs();
    r.fill_missing_sprintf_args();
    if r.edits.is_empty() {
        return Cow::Borrowed(src);
    }
    match r.apply() {
        Some(out) if out.matches('\n').count() == src.matches('\n').count() => Cow::Owned(out),
        _ => Cow::Borrowed(src),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::rewrite;

    /// Rewrites `src`, checks that no line was added or removed, and returns
    /// the result.
    fn rw(src: &str) -> String {
        let out = rewrite(src).into_owned();
        assert_eq!(out.lines().count(), src.lines().count(), "{out}");
        out
    }

    /// `query` evaluated by regorus over the (rewritten) policy, as JSON;
    /// `"undefined"` when it has no value.
    fn eval(src: &str, input: &str, query: &str) -> String {
        let mut e = regorus::Engine::new();
        e.set_rego_v0(!src.contains(" if "));
        e.add_policy("t.rego".into(), rw(src)).unwrap();
        e.set_input(regorus::Value::from_json_str(input).unwrap());
        let r = e.eval_query(query.into(), false).unwrap();
        match r.result.first().and_then(|r| r.expressions.first()) {
            Some(x) => {
                let json = x.value.to_json_str().unwrap();
                serde_json::from_str::<serde_json::Value>(&json)
                    .unwrap()
                    .to_string()
            }
            None => "undefined".into(),
        }
    }

    #[test]
    fn newline_before_paren_ends_the_expression() {
        // The horizontal-pod-autoscaler template of the Gatekeeper library.
        let src = "package t\n\nspread_ok {\n    input.parameters.spread\n    (input.max - input.min) >= input.parameters.spread\n}\n";
        let out = rw(src);
        assert!(
            out.contains("input.parameters.spread;\n    (input.max"),
            "{out}"
        );
        let input = r#"{"parameters": {"spread": 2}, "max": 5, "min": 1}"#;
        assert_eq!(eval(src, input, "data.t.spread_ok"), "true");
        let input = r#"{"parameters": {"spread": 2}, "max": 5, "min": 4}"#;
        assert_eq!(eval(src, input, "data.t.spread_ok"), "undefined");
        // Also after `]`, and with a comment or blank line in between.
        let src = "package t\np { input[\"a\"] # note (x)\n\n  (1 + 1) == 2 }\n";
        assert!(rw(src).contains("input[\"a\"]; # note (x)"));
    }

    #[test]
    fn parens_that_continue_an_expression_are_left_alone() {
        for src in [
            // the paren opens an argument of a multi-line call or array
            "package t\np { x := f(a,\n  (b))\n  y := [\n    a,\n    (b)\n  ] }\n",
            "package t\np { count(\n  (x)\n) > 0 }\n",
            // ( in strings, raw strings and comments
            "package t\np { x := `a\n(b)`\n  y := \"(c)\" # d\n  # (e)\n}\n",
            // the previous line ends with an operator or a keyword
            "package t\np { x := a +\n  (b)\n  not\n  (c) }\n",
            // not a rule body: a head value, a comprehension
            "package t\np = x\n(y) { true }\nq = [x | x := a\n (b)]\n",
            // the paren is on the same line (regorus reads a call, OPA rejects it)
            "package t\np { x := count ([1]) }\n",
        ] {
            assert_eq!(rw(src), src);
        }
    }

    #[test]
    fn chained_bodies_get_the_head_copied() {
        // noupdateserviceaccount: a set rule (regorus rejects it) ...
        let src = "package t\nviolation[{\"msg\": msg}] {\n  input.a == 1\n  msg := \"one\"\n} {\n  input.a == 2\n  msg := \"two\"\n}\n";
        let out = rw(src);
        assert!(out.contains("} violation[{\"msg\": msg}] {\n"), "{out}");
        assert_eq!(
            eval(src, r#"{"a": 2}"#, "data.t.violation"),
            r#"[{"msg":"two"}]"#
        );
        // ... and rules with a value (regorus gives later bodies the value
        // true / none instead of the head's).
        let src = "package t\np = y { false; y := 1 } { y := 2 }\nf(x) = y {\n  x == 1; y := \"a\"\n} {\n  x == 2; y := \"b\"\n}\nq = f(2)\n";
        assert_eq!(eval(src, "{}", "data.t.p"), "2");
        assert_eq!(eval(src, "{}", "data.t.q"), r#""b""#);
        // A head over several lines is copied onto one; v1 `if` is kept.
        let src = "package t\nd[{\"msg\": m, # c\n   \"k\": 1}] { m := \"a\" } { m := \"b\" }\ne contains 1 if { false } { true }\n";
        let out = rw(src);
        assert!(
            out.contains("} d[{\"msg\": m, \"k\": 1}] { m := \"b\" }"),
            "{out}"
        );
        assert!(out.contains("} e contains 1 if { true }"), "{out}");
        // An object head value and a rule on the same line as the last `}`.
        let out =
            rw("package t\np = {\"a\": 1} { true } { false }\nq { true } r { true } { false }\n");
        assert!(out.contains("} p = {\"a\": 1} { false }"), "{out}");
        assert!(out.contains("r { true } r { false }"), "{out}");
    }

    #[test]
    fn else_chains_and_single_bodies_are_left_alone() {
        for src in [
            "package t\np = 1 { false } else = 2 { true }\nq { true }\n",
            "package t\np = 1 { false } else = 2 { false } { true }\n",
            "package t\nd[x] {\n  x := {\"a\": 1}\n}\n",
        ] {
            assert_eq!(rw(src), src);
        }
    }

    #[test]
    fn negated_call_evaluates_ref_arguments_first() {
        // users-and-groups-together: `params.ranges` is undefined, so under
        // OPA the body is undefined rather than `not undefined`.
        let src = "package t\naccept(\"RunAsAny\", _, _)\nviolation[v] {\n  params := input.parameters\n  v := input.value\n  not accept(params.rule, v, params.ranges)\n}\n";
        let out = rw(src);
        assert!(
            out.contains("  __mamori_arg0 := params.rule; __mamori_arg1 := params.ranges; not accept(__mamori_arg0, v, __mamori_arg1)\n"),
            "{out}"
        );
        let input = r#"{"parameters": {"rule": "MustRunAs"}, "value": 1}"#;
        assert_eq!(eval(src, input, "data.t.violation"), "[]");
        let input = r#"{"parameters": {"rule": "MustRunAs", "ranges": []}, "value": 1}"#;
        assert_eq!(eval(src, input, "data.t.violation"), "[1]");
        let input = r#"{"parameters": {"rule": "RunAsAny", "ranges": []}, "value": 1}"#;
        assert_eq!(eval(src, input, "data.t.violation"), "[]");
    }

    #[test]
    fn other_negations_are_left_alone() {
        for src in [
            "package t\np { not input.a.b }\n",
            "package t\np { not f(input.a) with input as {} }\n",
            "package t\np { not f(input.a) == true }\n",
            "package t\np { not f(input.a)\n  == true }\n",
            "package t\np { not f(g(x)) }\n",
            "package t\np { not f(input.a[_]) }\n",
            "package t\np { not f(x, \"a.b\", 1.5) }\n",
            "package t\np { x := 1; y := not_f(input.a) }\n",
            "package t\np = [x | x := 1; not f(input.a)]\n",
        ] {
            assert_eq!(rw(src), src);
        }
    }

    #[test]
    fn sprintf_missing_arguments_print_as_go_does() {
        // horizontal-pod-autoscaler: six verbs, five arguments.
        let src = "package t\nmsg := sprintf(\"%v <%v> %5.1f%% %s\", [\n  1, \"a\",\n])\n";
        let out = rw(src);
        assert!(
            out.contains("\"%v <%v> %%!f(MISSING)%% %%!s(MISSING)\""),
            "{out}"
        );
        assert_eq!(
            eval(src, "{}", "data.t.msg"),
            r#""1 <a> %!f(MISSING)% %!s(MISSING)""#
        );
        for src in [
            "package t\nm := sprintf(\"%v %d\", [1, 2])\n",
            "package t\nm := sprintf(\"%v %d\", args)\n",
            "package t\nm := sprintf(\"%[1]v %v\", [1])\n",
            "package t\nm := sprintf(\"%*d\", [1])\n",
            "package t\nm := sprintf(\"\\u0025v\", [])\n",
            "package t\nm := sprintf(\"%v\", [x | x := 1])\n",
            "package t\nm := strings.sprintf(\"%v\", [])\n",
        ] {
            assert_eq!(rw(src), src);
        }
    }

    #[test]
    fn unreadable_source_is_returned_unchanged() {
        for src in [
            "package t\np { x := \"open\n  (y) }\n",
            "package t\np { x\n (y) ",
            "package t\np { x\n (y) ]",
            "package t\np { `raw\n (y) }\n",
        ] {
            assert!(matches!(rewrite(src), std::borrow::Cow::Borrowed(_)));
        }
    }
}
