//! Whether a version of a package is affected by an advisory, as the OSV specification says:
//! `SEMVER` and `ECOSYSTEM` ranges of `introduced` / `fixed` / `last_affected` / `limit` events,
//! evaluated over the events sorted by version, and explicit `versions`. `GIT` ranges name
//! commits, which a lockfile version cannot be placed among: they are noted, not evaluated.

use std::cmp::Ordering;

use crate::Ecosystem;
use crate::model::{Advisory, AffectedFunction, Event, RangeKind};
use crate::version::{self, VersionError};

/// The answer for one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Affected(Affected),
    NotAffected,
    /// The data cannot be evaluated for this version (a version that does not parse).
    Undecided(String),
}

/// An affected version: the smallest fixed version above it, and what was not evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Affected {
    pub fixed: Option<String>,
    pub notes: Vec<String>,
}

type Compare<'a> = &'a dyn Fn(&str, &str) -> Result<Ordering, VersionError>;

/// Checks one installed version against one advisory.
pub fn check(advisory: &Advisory, version: &str) -> Outcome {
    let ecosystem = Ecosystem::from_osv(&advisory.ecosystem);
    let eco_compare = |a: &str, b: &str| match ecosystem {
        Some(eco) => eco.compare(a, b),
        None => Err(VersionError::new(a, "unknown-ecosystem", None)),
    };
    // Go writes `SEMVER` ranges without the `v` its module versions carry.
    let semver_compare = |a: &str, b: &str| match ecosystem {
        Some(Ecosystem::Go) => version::go::compare(a, b),
        _ => version::semver::compare(a, b),
    };
    let mut affected = false;
    let mut fixes: Vec<String> = Vec::new();
    let mut notes = Vec::new();

    if !advisory.unaffected_reqs.is_empty() || !advisory.patched_reqs.is_empty() {
        match rustsec_check(advisory, version) {
            Ok(Some(fix)) => {
                affected = true;
                fixes.extend(fix);
            }
            Ok(None) => {}
            Err(e) => return Outcome::Undecided(e),
        }
    } else if advisory.all_versions {
        // A RustSec record with neither `patched` nor `unaffected`: every version.
        affected = true;
    }

    // Listed versions are canonical text (the loader canonicalises them): one canonical form
    // of the installed version, then text equality, whatever the list's length.
    if !advisory.versions.is_empty() {
        let canonical = ecosystem.map(|eco| eco.canonical(version));
        if advisory
            .versions
            .iter()
            .any(|listed| listed == version || Some(listed) == canonical.as_ref())
        {
            affected = true;
        }
    }

    for range in &advisory.ranges {
        let compare: Compare<'_> = match &range.kind {
            RangeKind::Semver => &semver_compare,
            RangeKind::Ecosystem if ecosystem.is_some() => &eco_compare,
            RangeKind::Ecosystem => {
                notes.push(format!(
                    "ECOSYSTEM range of `{}` not evaluated: no version ordering for it",
                    advisory.ecosystem
                ));
                continue;
            }
            RangeKind::Git => {
                notes.push(format!(
                    "GIT range{} not evaluated (commits, not versions)",
                    range
                        .repo
                        .as_deref()
                        .map(|r| format!(" of {r}"))
                        .unwrap_or_default()
                ));
                continue;
            }
            RangeKind::Other(kind) => {
                notes.push(format!("range of type `{kind}` not evaluated"));
                continue;
            }
        };
        match range_affects(&range.events, version, compare) {
            Ok(Some(fix)) => {
                affected = true;
                fixes.extend(fix);
            }
            Ok(None) => {}
            Err(e) => return Outcome::Undecided(e.to_string()),
        }
    }

    if !affected {
        return Outcome::NotAffected;
    }
    let order =
        |a: &str, b: &str| ecosystem.map_or_else(|| semver_compare(a, b), |eco| eco.compare(a, b));
    Outcome::Affected(Affected {
        fixed: smallest(fixes, &order),
        notes,
    })
}

fn smallest(
    versions: Vec<String>,
    compare: &dyn Fn(&str, &str) -> Result<Ordering, VersionError>,
) -> Option<String> {
    versions.into_iter().reduce(|best, next| {
        if compare(&next, &best) == Ok(Ordering::Less) {
            next
        } else {
            best
        }
    })
}

/// Evaluates one range. `Ok(Some(fixes))` when affected, with the fixed versions above
/// `version` in this range; `Ok(None)` when not affected.
fn range_affects(
    events: &[Event],
    version: &str,
    compare: Compare<'_>,
) -> Result<Option<Vec<String>>, VersionError> {
    compare(version, version)?;
    let is_zero = |e: &Event| matches!(e, Event::Introduced(v) if v == "0");
    // Sort by version; `introduced: "0"` is below everything.
    let mut sorted: Vec<&Event> = events.iter().collect();
    for event in &sorted {
        if !is_zero(event) {
            compare(event.version(), event.version())?;
        }
    }
    sorted.sort_by(|a, b| match (is_zero(a), is_zero(b)) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => compare(a.version(), b.version()).unwrap_or(Ordering::Equal),
    });
    let at_least = |bound: &str| compare(version, bound).map(Ordering::is_ge);
    let mut affected = false;
    for event in &sorted {
        match event {
            Event::Introduced(v) => {
                if v == "0" || at_least(v)? {
                    affected = true;
                }
            }
            Event::Fixed(v) => {
                if at_least(v)? {
                    affected = false;
                }
            }
            Event::LastAffected(v) => {
                if compare(version, v)? == Ordering::Greater {
                    affected = false;
                }
            }
            Event::Limit(_) => {}
        }
    }
    for event in &sorted {
        if let Event::Limit(v) = event
            && v != "*"
            && at_least(v)?
        {
            affected = false;
        }
    }
    if !affected {
        return Ok(None);
    }
    let mut fixes = Vec::new();
    for event in &sorted {
        if let Event::Fixed(v) = event
            && compare(v, version)? == Ordering::Greater
        {
            fixes.push(v.clone());
        }
    }
    // Only the first fix above the version closes the interval the version is in.
    Ok(Some(fixes.into_iter().take(1).collect()))
}

/// RustSec's own rule: a version is affected unless it matches a `patched` or `unaffected`
/// requirement (Cargo's requirement syntax). `Ok(Some(fixes))` when affected.
fn rustsec_check(advisory: &Advisory, version: &str) -> Result<Option<Vec<String>>, String> {
    let installed = version::semver::parse(version).map_err(|e| e.to_string())?;
    for text in &advisory.unaffected_reqs {
        let req = semver::VersionReq::parse(text)
            .map_err(|e| format!("requirement `{text}` of {}: {e}", advisory.id))?;
        if req.matches(&installed) {
            return Ok(None);
        }
    }
    // A fix: the lowest version a `patched` requirement allows, above the installed one.
    let mut fixes = Vec::new();
    for text in &advisory.patched_reqs {
        let Ok(req) = semver::VersionReq::parse(text) else {
            continue;
        };
        if let Some(low) = req
            .comparators
            .iter()
            .filter(|c| {
                matches!(
                    c.op,
                    semver::Op::GreaterEq
                        | semver::Op::Caret
                        | semver::Op::Tilde
                        | semver::Op::Exact
                )
            })
            .map(|c| semver::Version {
                major: c.major,
                minor: c.minor.unwrap_or(0),
                patch: c.patch.unwrap_or(0),
                pre: c.pre.clone(),
                build: semver::BuildMetadata::EMPTY,
            })
            .max()
            && low > installed
        {
            fixes.push(low);
        }
    }
    fixes.sort();
    Ok(Some(
        fixes.into_iter().take(1).map(|v| v.to_string()).collect(),
    ))
}

/// The functions of an advisory that are the vulnerable code in this version of the package:
/// those whose requirements or ranges include it. What cannot be evaluated (a requirement or
/// a version that does not parse, a `GIT` range) counts as included: reachability may then
/// look for a function too many, never one too few. Empty when the record names none for this
/// version, or says the whole package is affected in it: then any use of the package counts.
pub fn functions_at<'a>(advisory: &'a Advisory, version: &str) -> Vec<&'a str> {
    let applying: Vec<&str> = advisory
        .functions
        .iter()
        .filter(|f| function_applies(advisory, f, version))
        .map(|f| f.path.as_str())
        .collect();
    if applying.contains(&"") {
        return Vec::new();
    }
    applying
}

fn function_applies(advisory: &Advisory, function: &AffectedFunction, version: &str) -> bool {
    if !function.reqs.is_empty() {
        let Ok(installed) = version::semver::parse(version) else {
            return true;
        };
        return function.reqs.iter().any(|text| {
            semver::VersionReq::parse(text).map_or(true, |req| req.matches(&installed))
        });
    }
    if function.ranges.is_empty() {
        return true;
    }
    let ecosystem = Ecosystem::from_osv(&advisory.ecosystem);
    let eco_compare = |a: &str, b: &str| match ecosystem {
        Some(eco) => eco.compare(a, b),
        None => Err(VersionError::new(a, "unknown-ecosystem", None)),
    };
    let semver_compare = |a: &str, b: &str| match ecosystem {
        Some(Ecosystem::Go) => version::go::compare(a, b),
        _ => version::semver::compare(a, b),
    };
    function.ranges.iter().any(|range| {
        let compare: Compare<'_> = match range.kind {
            RangeKind::Semver => &semver_compare,
            RangeKind::Ecosystem => &eco_compare,
            RangeKind::Git | RangeKind::Other(_) => return true,
        };
        !matches!(range_affects(&range.events, version, compare), Ok(None))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Range;

    fn advisory(ecosystem: &str, kind: RangeKind, events: Vec<Event>) -> Advisory {
        Advisory {
            id: "TEST-1".into(),
            aliases: vec![],
            summary: None,
            details: None,
            published: None,
            modified: None,
            cvss: vec![],
            database_severity: None,
            informational: None,
            references: vec![],
            ecosystem: ecosystem.into(),
            package: "p".into(),
            ranges: vec![Range {
                kind,
                repo: None,
                events,
            }],
            versions: vec![],
            unaffected_reqs: vec![],
            patched_reqs: vec![],
            all_versions: false,
            functions: Vec::new(),
            kev: None,
            epss: None,
        }
    }

    fn fixed(outcome: &Outcome) -> Option<&str> {
        match outcome {
            Outcome::Affected(a) => a.fixed.as_deref(),
            _ => panic!("not affected: {outcome:?}"),
        }
    }

    use Event::{Fixed, Introduced, LastAffected, Limit};

    #[test]
    fn introduced_and_fixed_bound_an_interval_and_the_next_fix_is_given() {
        let a = advisory(
            "Go",
            RangeKind::Semver,
            vec![
                Introduced("0".into()),
                Fixed("1.12.16".into()),
                Introduced("1.13.0-0".into()),
                Fixed("1.13.7".into()),
            ],
        );
        assert_eq!(fixed(&check(&a, "v1.12.0")), Some("1.12.16"));
        assert_eq!(check(&a, "1.12.16"), Outcome::NotAffected);
        assert_eq!(fixed(&check(&a, "1.13.1")), Some("1.13.7"));
        assert_eq!(check(&a, "1.14.0"), Outcome::NotAffected);
    }

    #[test]
    fn last_affected_includes_its_version_and_has_no_fix() {
        let a = advisory(
            "PyPI",
            RangeKind::Ecosystem,
            vec![Introduced("1.0".into()), LastAffected("1.4".into())],
        );
        assert_eq!(fixed(&check(&a, "1.4")), None);
        assert_eq!(check(&a, "1.4.post1"), Outcome::NotAffected);
        assert_eq!(check(&a, "0.9"), Outcome::NotAffected);
    }

    #[test]
    fn limit_caps_the_range_and_unsorted_events_are_sorted() {
        let a = advisory(
            "crates.io",
            RangeKind::Semver,
            vec![Limit("2.0.0".into()), Introduced("1.0.0".into())],
        );
        assert!(matches!(check(&a, "1.5.0"), Outcome::Affected(_)));
        assert_eq!(check(&a, "2.0.0"), Outcome::NotAffected);
    }

    #[test]
    fn explicit_versions_and_git_ranges() {
        let mut a = advisory(
            "PyPI",
            RangeKind::Git,
            vec![Introduced("abc".into()), Fixed("def".into())],
        );
        a.versions = vec![Ecosystem::PyPI.canonical("1.0.0")];
        match check(&a, "1.0") {
            Outcome::Affected(found) => assert!(found.notes[0].contains("GIT range")),
            other => panic!("{other:?}"),
        }
        assert_eq!(check(&a, "1.1"), Outcome::NotAffected);
    }

    #[test]
    fn an_unparseable_version_is_undecided_not_dropped() {
        let a = advisory(
            "crates.io",
            RangeKind::Semver,
            vec![Introduced("0".into()), Fixed("1.0.0".into())],
        );
        assert!(matches!(check(&a, "not.a.version"), Outcome::Undecided(_)));
    }

    #[test]
    fn rustsec_requirements_decide_and_give_the_lowest_patch_above() {
        let mut a = advisory("crates.io", RangeKind::Semver, vec![]);
        a.ranges.clear();
        a.patched_reqs = vec![">= 1.2.3, < 1.3.0".into(), ">= 1.3.4".into()];
        a.unaffected_reqs = a.patched_reqs.clone();
        a.unaffected_reqs.push("<= 0.1.2".into());
        assert_eq!(check(&a, "0.1.0"), Outcome::NotAffected);
        assert_eq!(fixed(&check(&a, "1.0.0")), Some("1.2.3"));
        assert_eq!(fixed(&check(&a, "1.3.1")), Some("1.3.4"));
        assert_eq!(check(&a, "1.2.9"), Outcome::NotAffected);
    }

    #[test]
    fn functions_count_where_their_requirements_or_ranges_say() {
        let mut a = advisory("crates.io", RangeKind::Semver, vec![]);
        let with_reqs = |path: &str, reqs: &[&str]| AffectedFunction {
            path: path.into(),
            reqs: reqs.iter().map(|r| (*r).to_owned()).collect(),
            ranges: Vec::new(),
        };
        a.functions = vec![
            AffectedFunction::everywhere("p::always"),
            with_reqs("p::old", &["^0.1"]),
            with_reqs("p::new", &[">= 0.2.0, < 0.2.23", "0.3.0"]),
            with_reqs("p::unreadable", &["not a requirement"]),
            AffectedFunction {
                path: "p::ranged".into(),
                reqs: Vec::new(),
                ranges: vec![crate::model::Range {
                    kind: RangeKind::Semver,
                    repo: None,
                    events: vec![Introduced("0.3.0".into()), Fixed("0.3.2".into())],
                }],
            },
        ];
        assert_eq!(
            functions_at(&a, "0.1.44"),
            ["p::always", "p::old", "p::unreadable"]
        );
        assert_eq!(
            functions_at(&a, "0.2.5"),
            ["p::always", "p::new", "p::unreadable"]
        );
        assert_eq!(
            functions_at(&a, "0.3.1"),
            ["p::always", "p::new", "p::unreadable", "p::ranged"]
        );
        // A version that does not parse keeps every function: one too many, never too few.
        assert_eq!(functions_at(&a, "one.two").len(), 5);
    }
}
