//! Maven artifact versions, ordered as Maven's `ComparableVersion` orders them
//! (<https://maven.apache.org/pom.html#version-order-specification>).
//!
//! The (lower-cased) version is split into items: `.` separates items of one
//! list, `-` starts a nested sub-list, and a switch between digits and
//! letters also starts a sub-list (`1a1` = `1-a-1`). An empty item is 0.
//! Items are numbers (compared numerically, any length), qualifiers or
//! sub-lists. Qualifiers order `alpha < beta < milestone < rc = cr <
//! snapshot < "" = ga = final = release < sp < any other (by text)`;
//! a single `a`, `b` or `m` directly followed by a digit means alpha, beta,
//! milestone. Each list is normalised by removing trailing "null" items (0,
//! the release qualifier, empty lists), looking through trailing sub-lists,
//! so `1.0.0` = `1` and `1.0-foo` = `1-foo`. Comparison pads the shorter
//! list with "nothing": a number beats a sub-list beats a qualifier, and
//! against "nothing" a qualifier is compared with the release qualifier.
//! Where those two rules contradict each other (Maven's comparator is not
//! transitive: `1-alpha < 1 < 1.sp` but `1.sp < 1-alpha`), this module
//! departs from Maven just enough to be a total order; see [`bands`].
//!
//! Every string is accepted. To keep memory and recursion bounded on hostile
//! input, sub-lists nest at most [`MAX_DEPTH`] deep; deeper items stay in the
//! innermost list (a change of order only for absurd versions). This module
//! does not evaluate version ranges (`[1.0,2.0)`).

use crate::num::Num;
use std::cmp::Ordering;

/// Deepest sub-list nesting kept; beyond this items are flattened.
pub(crate) const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Int(Num),
    /// A qualifier after alias resolution (`ga` → `""`, `cr` → `rc`).
    Str(String),
    List(Vec<Item>),
}

impl Item {
    fn is_null(&self) -> bool {
        match self {
            Item::Int(n) => n.is_zero(),
            Item::Str(s) => s.is_empty(),
            Item::List(l) => l.is_empty(),
        }
    }
}

const QUALIFIERS: [&str; 7] = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];

/// The rank of a qualifier: known ones by position, unknown ones after all
/// known ones and ordered among themselves by text.
fn qualifier_rank(q: &str) -> (usize, &str) {
    match QUALIFIERS.iter().position(|k| *k == q) {
        Some(i) => (i, ""),
        None => (QUALIFIERS.len(), q),
    }
}

fn string_item(s: &str, followed_by_digit: bool) -> Item {
    let s = if followed_by_digit && s.len() == 1 {
        match s {
            "a" => "alpha",
            "b" => "beta",
            "m" => "milestone",
            other => other,
        }
    } else {
        s
    };
    let s = match s {
        "ga" | "final" | "release" => "",
        "cr" => "rc",
        other => other,
    };
    Item::Str(s.to_string())
}

fn parse_item(is_digit: bool, s: &str) -> Item {
    if is_digit {
        Item::Int(Num::new(s))
    } else {
        string_item(s, false)
    }
}

/// Builds the item tree. Lists are kept on an explicit stack (innermost
/// last) and folded into their parents at the end, so no recursion is needed.
fn parse(version: &str) -> Item {
    let v = version.to_lowercase();
    let mut stack: Vec<Vec<Item>> = vec![Vec::new()];
    let mut is_digit = false;
    let mut start = 0usize;
    let push_list = |stack: &mut Vec<Vec<Item>>| {
        if stack.len() < MAX_DEPTH {
            stack.push(Vec::new());
        }
    };
    for (i, c) in v.char_indices() {
        let cur = |stack: &mut Vec<Vec<Item>>, item: Item| {
            if let Some(l) = stack.last_mut() {
                l.push(item);
            }
        };
        if c == '.' {
            let item = if i == start {
                Item::Int(Num::default())
            } else {
                parse_item(is_digit, &v[start..i])
            };
            cur(&mut stack, item);
            start = i + 1;
        } else if c == '-' {
            let item = if i == start {
                Item::Int(Num::default())
            } else {
                parse_item(is_digit, &v[start..i])
            };
            cur(&mut stack, item);
            start = i + 1;
            push_list(&mut stack);
        } else if c.is_ascii_digit() {
            if !is_digit && i > start {
                cur(&mut stack, string_item(&v[start..i], true));
                start = i;
                push_list(&mut stack);
            }
            is_digit = true;
        } else {
            if is_digit && i > start {
                cur(&mut stack, parse_item(true, &v[start..i]));
                start = i;
                push_list(&mut stack);
            }
            is_digit = false;
        }
    }
    if v.len() > start {
        let item = parse_item(is_digit, &v[start..]);
        if let Some(l) = stack.last_mut() {
            l.push(item);
        }
    }
    // Fold each list into its parent, normalising as Maven does when it pops
    // its stack.
    let mut done: Option<Vec<Item>> = None;
    while let Some(mut list) = stack.pop() {
        if let Some(child) = done.take() {
            list.push(Item::List(child));
        }
        normalize(&mut list, !stack.is_empty());
        done = Some(list);
    }
    Item::List(done.unwrap_or_default())
}

/// Removes trailing null items, looking past trailing non-null sub-lists.
/// A sub-list (`nested`) left holding nothing but one sub-list is replaced
/// by that sub-list's items, so a null qualifier between hyphens vanishes
/// completely (`1-ga-1` = `1-1`, as the version-order specification and the
/// fixtures say; `ComparableVersion` itself keeps the extra nesting).
fn normalize(list: &mut Vec<Item>, nested: bool) {
    let mut i = list.len();
    while i > 0 {
        i -= 1;
        if list[i].is_null() {
            list.remove(i);
        } else if !matches!(list[i], Item::List(_)) {
            break;
        }
    }
    if nested && matches!(list.as_slice(), [Item::List(_)]) {
        if let Some(Item::List(inner)) = list.pop() {
            *list = inner;
        }
    }
}

/// How an item compares with "nothing" (the padding of a shorter list).
fn vs_nothing(item: &Item) -> Ordering {
    match item {
        Item::Int(n) => {
            if n.is_zero() {
                Ordering::Equal
            } else {
                Ordering::Greater
            }
        }
        Item::Str(s) => qualifier_rank(s).cmp(&qualifier_rank("")),
        Item::List(l) => l
            .iter()
            .map(vs_nothing)
            .find(|c| c.is_ne())
            .unwrap_or(Ordering::Equal),
    }
}

/// Where each item of `list` sits on the single line every item is placed
/// on. Bands, lowest first:
///
/// 0. pre-release qualifiers (`alpha` … `snapshot`), by rank;
/// 1. sub-lists below "nothing" (`-alpha-1`);
/// 2. a null item (0, `ga`, …) whose list continues with a pre-release
///    qualifier (the `0` of `1.0.RC1`);
/// 3. "nothing": the padding, and null items with nothing non-null after;
/// 4. post-release qualifiers (`sp`, unknown words), by rank then text;
/// 5. sub-lists above "nothing" (`-1`, `-jre`);
/// 6. a null item whose list continues with a post-release qualifier;
/// 7. a null item whose list continues with a positive number;
/// 8. positive numbers, numerically.
///
/// `ComparableVersion` orders items by kind (number > sub-list > qualifier)
/// and, against a shorter list, by comparing with "nothing" — and the two
/// rules contradict each other, so Maven's order is not transitive (it sorts
/// `2.9.0.RC3 < 2.9.0 < 2.9.0-1 < 2.9.0.RC1 < 2.9.0.RC3`). This line keeps
/// the kind rule except where it would break transitivity: a sub-list above
/// "nothing" is placed above a null item followed by a pre-release qualifier
/// (`2.9.0-1 > 2.9.0.RC1`), and a sub-list below "nothing" below a
/// post-release qualifier (`1-alpha < 1.sp`).
fn bands(list: &[Item]) -> Vec<u8> {
    let mut out = vec![3u8; list.len()];
    // What the next non-null item is, scanning from the right, so a long run
    // of zeros costs linear rather than quadratic time.
    let mut after_nulls = 3u8;
    for (k, item) in list.iter().enumerate().rev() {
        let vs = vs_nothing(item);
        out[k] = match (item, vs) {
            (Item::Str(_), Ordering::Less) => 0,
            (Item::List(_), Ordering::Less) => 1,
            (Item::Str(_), Ordering::Greater) => 4,
            (Item::List(_), Ordering::Greater) => 5,
            (Item::Int(_), Ordering::Greater) => 8,
            // A null item: classified by the first non-null item after it.
            (_, _) => after_nulls,
        };
        after_nulls = match (item, vs) {
            (_, Ordering::Equal) => after_nulls,
            (Item::Int(_), _) => 7,
            (_, Ordering::Less) => 2,
            _ => 6,
        };
    }
    out
}

/// Lexicographic comparison, the shorter list padded with "nothing".
fn cmp_list(x: &[Item], y: &[Item]) -> Ordering {
    let (bx, by) = (bands(x), bands(y));
    for k in 0..x.len().max(y.len()) {
        let (ba, bb) = (
            bx.get(k).copied().unwrap_or(3),
            by.get(k).copied().unwrap_or(3),
        );
        let c = if ba != bb {
            ba.cmp(&bb)
        } else {
            match (x.get(k), y.get(k)) {
                (Some(Item::Int(a)), Some(Item::Int(b))) if ba == 8 => a.cmp(b),
                (Some(Item::Str(a)), Some(Item::Str(b))) if ba == 0 || ba == 4 => {
                    qualifier_rank(a).cmp(&qualifier_rank(b))
                }
                (Some(Item::List(a)), Some(Item::List(b))) if ba == 1 || ba == 5 => cmp_list(a, b),
                // Null items within one band are equal; later positions decide.
                _ => Ordering::Equal,
            }
        };
        if c.is_ne() {
            return c;
        }
    }
    Ordering::Equal
}

/// Compares two Maven versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    match (parse(a), parse(b)) {
        (Item::List(x), Item::List(y)) => cmp_list(&x, &y),
        _ => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn specification_cases() {
        let order = [
            "1-alpha-1",
            "1-alpha-2",
            "1-beta-1",
            "1-milestone-1",
            "1-rc-1",
            "1-SNAPSHOT",
            "1",
            "1-sp",
            "1-abc",
            "1-1",
            "1.1",
        ];
        for w in order.windows(2) {
            assert_eq!(compare(w[0], w[1]), Less, "{} < {}", w[0], w[1]);
        }
        assert_eq!(compare("1.0.0", "1"), Equal);
        assert_eq!(compare("1-ga", "1.final"), Equal);
        assert_eq!(compare("1cr", "1-rc"), Equal);
        assert_eq!(compare("1a1", "1-alpha-1"), Equal);
        assert_eq!(compare("1.0-foo", "1-foo"), Equal);
        assert_eq!(compare("1.0.RC1", "1.0"), Less);
        assert_eq!(compare("1-ga-1", "1-1"), Equal);
        assert_eq!(compare("1-0-1", "1-1"), Equal);
        // Maven's fixture cycle 2.9.0.RC3 < 2.9.0 < 2.9.0-1 < 2.9.0.RC1 <
        // 2.9.0.RC3: every step but the third is kept.
        assert_eq!(compare("2.9.0.RC3", "2.9.0"), Less);
        assert_eq!(compare("2.9.0", "2.9.0-1"), Less);
        assert_eq!(compare("2.9.0.RC1", "2.9.0.RC3"), Less);
        assert_eq!(compare("2.9.0-1", "2.9.0.RC1"), Greater);
        assert_eq!(compare("2.0.0-preview", "2.0.1"), Less);
        // Maven's own cycle, resolved in favour of "nothing".
        assert_eq!(compare("1-alpha", "1"), Less);
        assert_eq!(compare("1", "1.sp"), Less);
        assert_eq!(compare("1-alpha", "1.sp"), Less);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "1-".repeat(100_000);
        assert_eq!(compare(&deep, &deep), Equal);
        assert_eq!(compare(&deep, "2"), Less);
    }
}
