//! CVSS base scores: version 3.0/3.1 (the closed-form formula of the FIRST
//! specification, §7) and version 4.0 (MacroVector lookup plus interpolation,
//! specification §8).
//!
//! Used to rate advisories that carry a vector but no qualitative rating. Only
//! *base* scores are computed: temporal and environmental metrics of a v3
//! vector are accepted and ignored; a v4 vector's threat and environmental
//! metrics do take part, because in v4 they are part of the one formula
//! (`CVSS-BTE`). This module does not fetch, cache or choose between vectors.

use std::collections::HashMap;

/// Why a vector string could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CvssError {
    /// The prefix is not `CVSS:3.0`, `CVSS:3.1` or `CVSS:4.0` as expected.
    #[error("cvss vector {vector:?}: unsupported version prefix")]
    Version {
        /// The offending vector.
        vector: String,
    },
    /// A component is malformed, unknown, repeated or has an invalid value.
    #[error("cvss vector {vector:?}: invalid metric {metric:?}")]
    Metric {
        /// The offending vector.
        vector: String,
        /// The offending `KEY:VALUE` component.
        metric: String,
    },
    /// A mandatory base metric is absent.
    #[error("cvss vector {vector:?}: missing base metric {metric}")]
    Missing {
        /// The offending vector.
        vector: String,
        /// Name of the missing metric.
        metric: &'static str,
    },
}

/// Longest vector accepted; real ones are < 200 characters. Bounds the work
/// done on hostile input.
const MAX_VECTOR_LEN: usize = 512;

/// Splits `CVSS:x.y/K:V/...` into metrics, checking each key against `allowed`
/// (key, accepted values). Empty components (a trailing `/`, seen in real
/// GHSA data) are tolerated.
fn parse_metrics<'a>(
    vector: &'a str,
    prefix: &str,
    allowed: &[(&'static str, &'static [&'static str])],
) -> Result<HashMap<&'static str, &'a str>, CvssError> {
    let err_metric = |m: &str| CvssError::Metric {
        vector: vector.to_string(),
        metric: m.to_string(),
    };
    if vector.len() > MAX_VECTOR_LEN {
        return Err(err_metric("<vector too long>"));
    }
    let rest = vector
        .trim()
        .strip_prefix(prefix)
        .ok_or_else(|| CvssError::Version {
            vector: vector.to_string(),
        })?;
    let mut out = HashMap::new();
    for part in rest.split('/') {
        if part.is_empty() {
            continue;
        }
        let (k, v) = part.split_once(':').ok_or_else(|| err_metric(part))?;
        let (key, values) = allowed
            .iter()
            .find(|(name, _)| *name == k)
            .ok_or_else(|| err_metric(part))?;
        if !values.contains(&v) || out.insert(*key, v).is_some() {
            return Err(err_metric(part));
        }
    }
    Ok(out)
}

const V3_METRICS: &[(&str, &[&str])] = &[
    ("AV", &["N", "A", "L", "P"]),
    ("AC", &["L", "H"]),
    ("PR", &["N", "L", "H"]),
    ("UI", &["N", "R"]),
    ("S", &["U", "C"]),
    ("C", &["H", "L", "N"]),
    ("I", &["H", "L", "N"]),
    ("A", &["H", "L", "N"]),
    // Temporal and environmental metrics: validated, not used for the base score.
    ("E", &["X", "U", "P", "F", "H"]),
    ("RL", &["X", "O", "T", "W", "U"]),
    ("RC", &["X", "U", "R", "C"]),
    ("CR", &["X", "L", "M", "H"]),
    ("IR", &["X", "L", "M", "H"]),
    ("AR", &["X", "L", "M", "H"]),
    ("MAV", &["X", "N", "A", "L", "P"]),
    ("MAC", &["X", "L", "H"]),
    ("MPR", &["X", "N", "L", "H"]),
    ("MUI", &["X", "N", "R"]),
    ("MS", &["X", "U", "C"]),
    ("MC", &["X", "N", "L", "H"]),
    ("MI", &["X", "N", "L", "H"]),
    ("MA", &["X", "N", "L", "H"]),
];

/// CVSS v3.1 "Roundup": the smallest number with one decimal that is >= x,
/// computed on integers so that 4.000000001 does not become 4.1 (spec
/// Appendix A).
fn roundup_31(x: f64) -> f64 {
    let int_input = (x * 100_000.0).round() as i64;
    if int_input % 10_000 == 0 {
        int_input as f64 / 100_000.0
    } else {
        ((int_input / 10_000) + 1) as f64 / 10.0
    }
}

/// CVSS v3.0 round-up, as that specification defines it (plain ceiling).
fn roundup_30(x: f64) -> f64 {
    (x * 10.0).ceil() / 10.0
}

/// Base score of a CVSS v3.0 or v3.1 vector (`CVSS:3.1/AV:N/AC:L/…`).
pub fn score_v3(vector: &str) -> Result<f64, CvssError> {
    let v31 = vector.trim_start().starts_with("CVSS:3.1/");
    let prefix = if v31 { "CVSS:3.1" } else { "CVSS:3.0" };
    let m = parse_metrics(vector, prefix, V3_METRICS)?;
    let get = |k: &'static str| {
        m.get(k).copied().ok_or(CvssError::Missing {
            vector: vector.to_string(),
            metric: k,
        })
    };
    let changed = get("S")? == "C";
    let av = match get("AV")? {
        "N" => 0.85,
        "A" => 0.62,
        "L" => 0.55,
        _ => 0.2,
    };
    let ac = if get("AC")? == "L" { 0.77 } else { 0.44 };
    let pr = match (get("PR")?, changed) {
        ("N", _) => 0.85,
        ("L", false) => 0.62,
        ("L", true) => 0.68,
        (_, false) => 0.27,
        (_, true) => 0.5,
    };
    let ui = if get("UI")? == "N" { 0.85 } else { 0.62 };
    let cia = |k| -> Result<f64, CvssError> {
        Ok(match get(k)? {
            "H" => 0.56,
            "L" => 0.22,
            _ => 0.0,
        })
    };
    let iss = 1.0 - (1.0 - cia("C")?) * (1.0 - cia("I")?) * (1.0 - cia("A")?);
    let impact = if changed {
        7.52 * (iss - 0.029) - 3.25 * (iss - 0.02).powi(15)
    } else {
        6.42 * iss
    };
    let exploitability = 8.22 * av * ac * pr * ui;
    if impact <= 0.0 {
        return Ok(0.0);
    }
    let raw = if changed {
        (1.08 * (impact + exploitability)).min(10.0)
    } else {
        (impact + exploitability).min(10.0)
    };
    Ok(if v31 {
        roundup_31(raw)
    } else {
        roundup_30(raw)
    })
}

const V4_METRICS: &[(&str, &[&str])] = &[
    ("AV", &["N", "A", "L", "P"]),
    ("AC", &["L", "H"]),
    ("AT", &["N", "P"]),
    ("PR", &["N", "L", "H"]),
    ("UI", &["N", "P", "A"]),
    ("VC", &["H", "L", "N"]),
    ("VI", &["H", "L", "N"]),
    ("VA", &["H", "L", "N"]),
    ("SC", &["H", "L", "N"]),
    ("SI", &["H", "L", "N"]),
    ("SA", &["H", "L", "N"]),
    ("E", &["X", "A", "P", "U"]),
    ("CR", &["X", "H", "M", "L"]),
    ("IR", &["X", "H", "M", "L"]),
    ("AR", &["X", "H", "M", "L"]),
    ("MAV", &["X", "N", "A", "L", "P"]),
    ("MAC", &["X", "L", "H"]),
    ("MAT", &["X", "N", "P"]),
    ("MPR", &["X", "N", "L", "H"]),
    ("MUI", &["X", "N", "P", "A"]),
    ("MVC", &["X", "H", "L", "N"]),
    ("MVI", &["X", "H", "L", "N"]),
    ("MVA", &["X", "H", "L", "N"]),
    ("MSC", &["X", "H", "L", "N"]),
    ("MSI", &["X", "S", "H", "L", "N"]),
    ("MSA", &["X", "S", "H", "L", "N"]),
    // Supplemental metrics never change the score.
    ("S", &["X", "N", "P"]),
    ("AU", &["X", "N", "Y"]),
    ("R", &["X", "A", "U", "I"]),
    ("V", &["X", "D", "C"]),
    ("RE", &["X", "L", "M", "H"]),
    ("U", &["X", "Clear", "Green", "Amber", "Red"]),
];

const V4_BASE: [&str; 11] = [
    "AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA",
];

/// Scores of the 270 MacroVectors published with the CVSS v4.0 specification,
/// in tenths, laid out densely by `(((((eq1*2+eq2)*3+eq3)*3+eq4)*3+eq5)*2+eq6)`;
/// 255 marks the combinations that cannot occur (EQ3=2 with EQ6=0). One row is
/// one `(eq1, eq2, eq3)` triple.
#[rustfmt::skip]
const MACROVECTOR_SCORES: [u8; 324] = [
    100, 99, 98, 95, 95, 92, 100, 96, 93, 87, 91, 81, 93, 90, 89, 80, 81, 68,
    98, 95, 95, 92, 90, 84, 93, 92, 89, 81, 81, 65, 88, 80, 78, 70, 69, 48,
    255, 92, 255, 82, 255, 72, 255, 79, 255, 69, 255, 50, 255, 69, 255, 55, 255, 27,
    99, 97, 95, 92, 92, 85, 95, 91, 90, 83, 84, 71, 92, 81, 82, 71, 72, 53,
    95, 93, 92, 85, 85, 73, 92, 82, 80, 72, 70, 59, 84, 70, 71, 52, 50, 30,
    255, 86, 255, 75, 255, 52, 255, 71, 255, 52, 255, 29, 255, 63, 255, 29, 255, 17,
    98, 95, 94, 87, 91, 81, 94, 89, 86, 74, 77, 64, 87, 75, 74, 63, 63, 49,
    94, 89, 88, 77, 76, 67, 86, 76, 74, 58, 59, 50, 72, 57, 57, 52, 52, 25,
    255, 83, 255, 70, 255, 54, 255, 65, 255, 58, 255, 26, 255, 53, 255, 21, 255, 13,
    95, 90, 88, 76, 76, 70, 90, 77, 75, 62, 61, 53, 77, 66, 68, 59, 52, 30,
    89, 78, 76, 67, 62, 58, 74, 59, 57, 57, 47, 23, 61, 52, 57, 29, 24, 16,
    255, 71, 255, 59, 255, 30, 255, 58, 255, 26, 255, 15, 255, 23, 255, 13, 255, 6,
    93, 87, 86, 72, 75, 58, 86, 74, 74, 61, 56, 34, 70, 54, 52, 40, 40, 22,
    85, 75, 74, 55, 62, 51, 72, 57, 55, 41, 46, 19, 53, 36, 34, 19, 19, 8,
    255, 64, 255, 51, 255, 20, 255, 47, 255, 21, 255, 11, 255, 24, 255, 9, 255, 4,
    88, 75, 73, 53, 60, 50, 73, 55, 59, 40, 41, 20, 54, 43, 45, 22, 20, 11,
    75, 55, 58, 45, 40, 21, 61, 51, 48, 18, 20, 9, 46, 18, 17, 7, 8, 2,
    255, 53, 255, 24, 255, 14, 255, 24, 255, 12, 255, 5, 255, 10, 255, 3, 255, 1,
];

/// Score of a MacroVector, or `None` where the specification defines none
/// (which is how "there is no lower MacroVector" is detected).
fn macro_score(eq: [u8; 6]) -> Option<f64> {
    let limits = [3, 2, 3, 3, 3, 2];
    if eq.iter().zip(limits).any(|(v, l)| *v >= l) {
        return None;
    }
    let idx =
        (((((eq[0] as usize * 2 + eq[1] as usize) * 3 + eq[2] as usize) * 3 + eq[3] as usize) * 3
            + eq[4] as usize)
            * 2)
            + eq[5] as usize;
    match MACROVECTOR_SCORES[idx] {
        255 => None,
        t => Some(f64::from(t) / 10.0),
    }
}

/// Severity "level" of each metric value used to measure how far a vector is
/// from the most severe vector of its MacroVector, in steps of 0.1 as the
/// specification's reference calculator does (kept as floating point on
/// purpose: the published scores were produced with this arithmetic, and
/// integer steps would round some half-way cases differently).
fn level(metric: &str, value: &str) -> f64 {
    match (metric, value) {
        ("AV", "N") | ("PR", "N") | ("UI", "N") | ("AC", "L") | ("AT", "N") => 0.0,
        ("AV", "A") | ("PR", "L") | ("UI", "P") | ("AC", "H") | ("AT", "P") => 0.1,
        ("AV", "L") | ("PR", "H") | ("UI", "A") => 0.2,
        ("AV", "P") => 0.3,
        ("VC" | "VI" | "VA", "H") => 0.0,
        ("VC" | "VI" | "VA", "L") => 0.1,
        ("VC" | "VI" | "VA", "N") => 0.2,
        ("SI" | "SA", "S") => 0.0,
        ("SC" | "SI" | "SA", "H") => 0.1,
        ("SC" | "SI" | "SA", "L") => 0.2,
        ("SC" | "SI" | "SA", "N") => 0.3,
        ("CR" | "IR" | "AR", "H") => 0.0,
        ("CR" | "IR" | "AR", "M") => 0.1,
        ("CR" | "IR" | "AR", "L") => 0.2,
        ("E", "A") => 0.0,
        ("E", "P") => 0.1,
        ("E", "U") => 0.2,
        _ => 0.0,
    }
}

/// The most severe vectors of each EQ level (the specification's "highest
/// severity vectors"), as `(metric, value)` lists.
type Partial = &'static [(&'static str, &'static str)];

fn eq1_maxes(l: u8) -> &'static [Partial] {
    match l {
        0 => &[&[("AV", "N"), ("PR", "N"), ("UI", "N")]],
        1 => &[
            &[("AV", "A"), ("PR", "N"), ("UI", "N")],
            &[("AV", "N"), ("PR", "L"), ("UI", "N")],
            &[("AV", "N"), ("PR", "N"), ("UI", "P")],
        ],
        _ => &[
            &[("AV", "P"), ("PR", "N"), ("UI", "N")],
            &[("AV", "A"), ("PR", "L"), ("UI", "P")],
        ],
    }
}

fn eq2_maxes(l: u8) -> &'static [Partial] {
    match l {
        0 => &[&[("AC", "L"), ("AT", "N")]],
        _ => &[&[("AC", "H"), ("AT", "N")], &[("AC", "L"), ("AT", "P")]],
    }
}

/// A `(VC, VI, VA, CR, IR, AR)` highest-severity combination.
const fn v36(
    vc: &'static str,
    vi: &'static str,
    va: &'static str,
    cr: &'static str,
    ir: &'static str,
    ar: &'static str,
) -> [(&'static str, &'static str); 6] {
    [
        ("VC", vc),
        ("VI", vi),
        ("VA", va),
        ("CR", cr),
        ("IR", ir),
        ("AR", ar),
    ]
}

const EQ36_00: &[Partial] = &[&v36("H", "H", "H", "H", "H", "H")];
const EQ36_01: &[Partial] = &[
    &v36("H", "H", "L", "M", "M", "H"),
    &v36("H", "H", "H", "M", "M", "M"),
];
const EQ36_10: &[Partial] = &[
    &v36("L", "H", "H", "H", "H", "H"),
    &v36("H", "L", "H", "H", "H", "H"),
];
const EQ36_11: &[Partial] = &[
    &v36("L", "H", "L", "H", "M", "H"),
    &v36("L", "H", "H", "H", "M", "M"),
    &v36("H", "L", "H", "M", "H", "M"),
    &v36("H", "L", "L", "M", "H", "H"),
    &v36("L", "L", "H", "H", "H", "M"),
];
const EQ36_21: &[Partial] = &[&v36("L", "L", "L", "H", "H", "H")];

fn eq3eq6_maxes(eq3: u8, eq6: u8) -> &'static [Partial] {
    match (eq3, eq6) {
        (0, 0) => EQ36_00,
        (0, _) => EQ36_01,
        (1, 0) => EQ36_10,
        (1, _) => EQ36_11,
        _ => EQ36_21,
    }
}

fn eq4_maxes(l: u8) -> &'static [Partial] {
    match l {
        0 => &[&[("SC", "H"), ("SI", "S"), ("SA", "S")]],
        1 => &[&[("SC", "H"), ("SI", "H"), ("SA", "H")]],
        _ => &[&[("SC", "L"), ("SI", "L"), ("SA", "L")]],
    }
}

/// Depth of each MacroVector (its largest severity distance + 1, in 0.1 steps)
/// per the specification's table.
fn max_depth(eq: usize, l: u8, eq6: u8) -> f64 {
    let steps = match (eq, l) {
        (1, 0) => 1,
        (1, 1) => 4,
        (1, _) => 5,
        (2, 0) => 1,
        (2, _) => 2,
        (3, 0) => {
            if eq6 == 0 {
                7
            } else {
                6
            }
        }
        (3, 1) => 8,
        (3, _) => 10,
        (4, 0) => 6,
        (4, 1) => 5,
        (4, _) => 4,
        _ => 1,
    };
    f64::from(steps) * 0.1
}

/// Base (CVSS-B, -BT, -BE or -BTE) score of a CVSS v4.0 vector.
pub fn score_v4(vector: &str) -> Result<f64, CvssError> {
    let m = parse_metrics(vector, "CVSS:4.0", V4_METRICS)?;
    for k in V4_BASE {
        if !m.contains_key(k) {
            return Err(CvssError::Missing {
                vector: vector.to_string(),
                metric: k,
            });
        }
    }
    // The value that counts for a metric: the modified (environmental) value
    // when given, worst-case defaults for unset threat/requirement metrics.
    let eff = |k: &str| -> &str {
        let set = m.get(k).copied().filter(|v| *v != "X");
        match k {
            "E" => return set.unwrap_or("A"),
            "CR" | "IR" | "AR" => return set.unwrap_or("H"),
            _ => {}
        }
        let modified = match k {
            "AV" => m.get("MAV"),
            "AC" => m.get("MAC"),
            "AT" => m.get("MAT"),
            "PR" => m.get("MPR"),
            "UI" => m.get("MUI"),
            "VC" => m.get("MVC"),
            "VI" => m.get("MVI"),
            "VA" => m.get("MVA"),
            "SC" => m.get("MSC"),
            "SI" => m.get("MSI"),
            "SA" => m.get("MSA"),
            _ => None,
        };
        match modified.copied().filter(|v| *v != "X") {
            Some(v) => v,
            None => set.unwrap_or("X"),
        }
    };

    if ["VC", "VI", "VA", "SC", "SI", "SA"]
        .iter()
        .all(|k| eff(k) == "N")
    {
        return Ok(0.0);
    }

    let (av, pr, ui) = (eff("AV"), eff("PR"), eff("UI"));
    let eq1 = if av == "N" && pr == "N" && ui == "N" {
        0
    } else if (av == "N" || pr == "N" || ui == "N") && av != "P" {
        1
    } else {
        2
    };
    let eq2 = if eff("AC") == "L" && eff("AT") == "N" {
        0
    } else {
        1
    };
    let (vc, vi, va) = (eff("VC"), eff("VI"), eff("VA"));
    let eq3 = if vc == "H" && vi == "H" {
        0
    } else if vc == "H" || vi == "H" || va == "H" {
        1
    } else {
        2
    };
    // Only the modified subsequent-system metrics can be "S" (safety).
    let eq4 = if eff("SI") == "S" || eff("SA") == "S" {
        0
    } else if eff("SC") == "H" || eff("SI") == "H" || eff("SA") == "H" {
        1
    } else {
        2
    };
    let eq5 = match eff("E") {
        "A" => 0,
        "P" => 1,
        _ => 2,
    };
    let eq6 = if (eff("CR") == "H" && vc == "H")
        || (eff("IR") == "H" && vi == "H")
        || (eff("AR") == "H" && va == "H")
    {
        0
    } else {
        1
    };
    let eq = [eq1, eq2, eq3, eq4, eq5, eq6];
    let value = macro_score(eq).ok_or_else(|| CvssError::Metric {
        vector: vector.to_string(),
        metric: "<no macrovector>".to_string(),
    })?;

    // 1a. Score of the next lower MacroVector along each EQ (None: none exists).
    let bump = |i: usize| {
        let mut e = eq;
        e[i] += 1;
        macro_score(e)
    };
    let lower_eq1 = bump(0);
    let lower_eq2 = bump(1);
    let lower_eq3eq6 = match (eq3, eq6) {
        (1, 1) | (0, 1) => bump(2),
        (1, 0) => bump(5),
        (0, 0) => match (bump(5), bump(2)) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        },
        _ => {
            let mut e = eq;
            e[2] += 1;
            e[5] += 1;
            macro_score(e)
        }
    };
    let lower_eq4 = bump(3);
    let lower_eq5 = bump(4);

    // 1b. Severity distance from the first highest-severity vector of this
    // MacroVector that the scored vector does not exceed on any metric.
    const ORDER: [&str; 15] = [
        "AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR", "E",
    ];
    let e5 = match eq5 {
        0 => "A",
        1 => "P",
        _ => "U",
    };
    let mut distances: Option<[f64; 15]> = None;
    'search: for a in eq1_maxes(eq1) {
        for b in eq2_maxes(eq2) {
            for c in eq3eq6_maxes(eq3, eq6) {
                for d in eq4_maxes(eq4) {
                    let max_of = |k: &str| -> &str {
                        if k == "E" {
                            return e5;
                        }
                        a.iter()
                            .chain(b.iter())
                            .chain(c.iter())
                            .chain(d.iter())
                            .find(|(n, _)| *n == k)
                            .map(|(_, v)| *v)
                            .unwrap_or("X")
                    };
                    let mut dist = [0.0; 15];
                    for (i, k) in ORDER.iter().enumerate() {
                        dist[i] = level(k, eff(k)) - level(k, max_of(k));
                    }
                    distances = Some(dist);
                    if dist.iter().all(|d| *d >= 0.0) {
                        break 'search;
                    }
                }
            }
        }
    }
    let d = distances.unwrap_or([0.0; 15]);
    let dist_eq1 = d[0] + d[1] + d[2];
    let dist_eq2 = d[3] + d[4];
    let dist_eq3eq6 = d[5] + d[6] + d[7] + d[11] + d[12] + d[13];
    let dist_eq4 = d[8] + d[9] + d[10];

    // 1c-d, 2. Mean of the proportional distances over the EQs that have a
    // lower MacroVector; EQ5's proportion is always 0 but it still counts.
    let mut n = 0u32;
    let mut sum = 0.0;
    let parts = [
        (lower_eq1, dist_eq1, max_depth(1, eq1, eq6)),
        (lower_eq2, dist_eq2, max_depth(2, eq2, eq6)),
        (lower_eq3eq6, dist_eq3eq6, max_depth(3, eq3, eq6)),
        (lower_eq4, dist_eq4, max_depth(4, eq4, eq6)),
    ];
    for (lower, dist, depth) in parts {
        if let Some(lower) = lower {
            n += 1;
            sum += (value - lower) * (dist / depth);
        }
    }
    if lower_eq5.is_some() {
        n += 1;
    }
    let mean = if n == 0 { 0.0 } else { sum / f64::from(n) };
    // 3. Round half up to one decimal.
    let score = (value - mean).clamp(0.0, 10.0);
    Ok((score * 10.0 + 0.5).floor() / 10.0)
}

/// Scores a vector of either supported version, dispatching on its prefix.
pub fn score(vector: &str) -> Result<f64, CvssError> {
    let v = vector.trim_start();
    if v.starts_with("CVSS:4.0/") {
        score_v4(v)
    } else if v.starts_with("CVSS:3.1/") || v.starts_with("CVSS:3.0/") {
        score_v3(v)
    } else {
        Err(CvssError::Version {
            vector: vector.to_string(),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Examples from the CVSS v3.1 specification's examples document and
    /// well-known NVD ratings.
    #[test]
    fn v31_examples() {
        let cases = [
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
            ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4),
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1),
            ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9),
            ("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2),
            ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8),
            ("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8),
            ("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8),
            ("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
            ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
            ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
        ];
        for (v, want) in cases {
            assert_eq!(score_v3(v).unwrap(), want, "{v}");
            assert_eq!(score(v).unwrap(), want, "{v}");
        }
    }

    #[test]
    fn v31_roundup_avoids_float_noise() {
        assert_eq!(roundup_31(4.000_000_000_000_001), 4.0);
        assert_eq!(roundup_31(4.02), 4.1);
        assert_eq!(roundup_30(4.02), 4.1);
    }

    #[test]
    fn v3_tolerates_temporal_metrics_and_trailing_slash() {
        let v = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/";
        assert_eq!(score_v3(v).unwrap(), 9.8);
    }

    #[test]
    fn v3_rejects_bad_vectors() {
        assert!(matches!(
            score_v3("CVSS:2.0/AV:N"),
            Err(CvssError::Version { .. })
        ));
        assert!(matches!(
            score_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H"),
            Err(CvssError::Missing { metric: "A", .. })
        ));
        assert!(matches!(
            score_v3("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
            Err(CvssError::Metric { .. })
        ));
        assert!(score_v3("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").is_err());
        assert!(score_v3("CVSS:3.1/AVN").is_err());
        assert!(score_v3(&"CVSS:3.1/".repeat(200)).is_err());
    }

    /// The vectors and scores of FIRST's "CVSS v4.0 Examples" document.
    #[test]
    fn v4_specification_examples() {
        let cases = [
            ("CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.3),
            ("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.7),
            ("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 5.2),
            ("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N", 8.3),
            ("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L", 8.1),
            ("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 4.6),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.1),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 6.9),
            ("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:N/SC:H/SI:N/SA:N", 5.9),
            ("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 9.4),
            ("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:H/SA:N/S:P/V:D", 8.3),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/E:A", 8.7),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A", 10.0),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", 9.3),
            ("CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:H", 6.4),
            ("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/R:I", 9.3),
            ("CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/R:I", 8.7),
            ("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 8.6),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", 7.1),
            ("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", 8.2),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L", 8.7),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L/E:U", 6.6),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.1),
            ("CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.7),
            ("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N", 8.3),
            ("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/E:U", 5.6),
            ("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.5),
            ("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", 9.2),
            ("CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 5.4),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", 8.7),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", 6.9),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:L/SA:N", 6.9),
            ("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P", 8.5),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/S:P/AU:Y/V:C/RE:L", 9.4),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P/CR:L/IR:H/AR:L/MAV:L/MAC:H/MAT:N/MPR:N/MUI:N/MVC:N/MVI:H/MVA:L/MSC:N/MSI:S/MSA:L", 7.0),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MAV:A/MAC:H/MAT:N/MPR:L/MUI:N/MVC:L/MVI:H/MVA:H/MSC:L/MSI:S/MSA:S/CR:L/IR:H/AR:H/E:P", 7.4),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MAV:N/MAC:H/MAT:N/MPR:L/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:H/CR:M/IR:H/AR:M/E:P", 8.7),
            ("CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/S:P", 8.6),
            ("CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/MSI:S/S:P", 9.7),
            ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/V:C", 8.7),
        ];
        let mut wrong = Vec::new();
        for (v, want) in cases {
            let got = score_v4(v).unwrap();
            if got != want {
                wrong.push(format!("{v}: got {got}, want {want}"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn v4_no_impact_is_zero() {
        let v = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N";
        assert_eq!(score_v4(v).unwrap(), 0.0);
    }

    #[test]
    fn v4_rejects_bad_vectors() {
        assert!(matches!(
            score_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N"),
            Err(CvssError::Missing { metric: "SA", .. })
        ));
        // SI:S is only valid as a modified (environmental) value.
        assert!(
            score_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N").is_err()
        );
        assert!(score_v4("CVSS:3.1/AV:N").is_err());
        assert!(score("garbage").is_err());
    }

    /// Every syntactically valid base vector scores within [0, 10] without
    /// panicking (all 3*2*2*3*3*3^6 = 78,732 base combinations).
    #[test]
    fn v4_all_base_vectors_are_in_range() {
        let mut n = 0;
        for av in ["N", "A", "L", "P"] {
            for ac in ["L", "H"] {
                for at in ["N", "P"] {
                    for pr in ["N", "L", "H"] {
                        for ui in ["N", "P", "A"] {
                            for i in 0..729 {
                                let l = |k: usize| ["H", "L", "N"][(i / 3usize.pow(k as u32)) % 3];
                                let v = format!(
                                    "CVSS:4.0/AV:{av}/AC:{ac}/AT:{at}/PR:{pr}/UI:{ui}/VC:{}/VI:{}/VA:{}/SC:{}/SI:{}/SA:{}",
                                    l(0), l(1), l(2), l(3), l(4), l(5)
                                );
                                let s = score_v4(&v).unwrap();
                                assert!((0.0..=10.0).contains(&s), "{v}: {s}");
                                n += 1;
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(n, 4 * 2 * 2 * 3 * 3 * 729);
    }
}
