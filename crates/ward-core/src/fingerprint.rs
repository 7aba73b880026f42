//! Fingerprints: the identity of "the same problem" across scans.
//!
//! The baseline, the ignore file, SARIF `partialFingerprints` and the server's deduplication
//! all key on the fingerprint, so its definition is part of Ward's public contract.
//!
//! # Definition (version 1)
//!
//! An engine reports each finding with an *identity*: the text that makes this problem what it
//! is, independent of where it sits. For a code pattern it is the matched code; for a secret it
//! is a keyed hash of the secret; for a vulnerable package it is `name@version` and the advisory.
//! Line and column numbers are never part of it.
//!
//! 1. The identity is normalised: every run of whitespace becomes one space, and leading and
//!    trailing whitespace is dropped, so re-indenting or re-wrapping code does not change it.
//! 2. Within one file, findings of the same rule with the same normalised identity are numbered
//!    `0, 1, 2, ...` in order of position (the *occurrence*), so two identical problems in one
//!    file stay distinct, and an unrelated edit that shifts lines keeps each number.
//! 3. `primary` = the first 32 hex digits of
//!    `SHA-256("ward-fp/v1\n" rule_id "\n" path "\n" identity "\n" occurrence)`.
//!    It includes the path, so the same problem in two files has two fingerprints.
//! 4. `content` = the same hash without the path (`"ward-content/v1\n" rule_id "\n" identity
//!    "\n" occurrence`). It survives a rename or move of an unchanged file; a baseline matches on
//!    `content` only when the `primary` no longer matches and the original path is gone.
//!
//! Changing this definition changes every stored fingerprint: bump the version prefix.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Finding;

/// The two fingerprints of a finding (see the [module documentation](self)).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema,
)]
pub struct Fingerprint {
    /// Path-aware identity (`ward/v1` in SARIF `partialFingerprints`).
    pub primary: String,
    /// Path-free identity, stable across a rename of an unchanged file (`ward-content/v1`).
    pub content: String,
}

/// Collapses whitespace runs to one space and trims, as step 1 of the definition says.
pub fn normalize_identity(identity: &str) -> String {
    identity.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hash_hex(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update(b"\n");
        }
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let mut out = String::with_capacity(32);
    for byte in &digest[..16] {
        use std::fmt::Write;
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Computes one fingerprint from its inputs (steps 1, 3 and 4; the caller supplies the occurrence).
pub fn compute(rule_id: &str, path: &str, identity: &str, occurrence: usize) -> Fingerprint {
    let identity = normalize_identity(identity);
    let occurrence = occurrence.to_string();
    Fingerprint {
        primary: hash_hex(&["ward-fp/v1", rule_id, path, &identity, &occurrence]),
        content: hash_hex(&["ward-content/v1", rule_id, &identity, &occurrence]),
    }
}

/// Assigns fingerprints to the findings of one file, each paired with its identity.
///
/// Findings are numbered per (rule, identity) in order of position, which is step 2.
pub fn assign(findings: &mut [(Finding, String)]) {
    findings.sort_by(|(a, _), (b, _)| {
        (a.location.span, &a.rule_id).cmp(&(b.location.span, &b.rule_id))
    });
    let mut seen: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for (finding, identity) in findings.iter_mut() {
        let identity = normalize_identity(identity);
        let counter = seen
            .entry((finding.rule_id.clone(), identity.clone()))
            .or_insert(0);
        finding.fingerprint = compute(
            &finding.rule_id,
            &finding.location.path,
            &identity,
            *counter,
        );
        *counter += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Confidence, Detail, Location, Severity, Span};

    fn finding(path: &str, line: u32) -> Finding {
        Finding {
            rule_id: "test/eval-call".into(),
            engine: "test".into(),
            severity: Severity::High,
            confidence: Confidence::High,
            title: "eval".into(),
            message: "eval of input".into(),
            location: Location {
                path: path.into(),
                span: Span::line(line, 1, 10),
                snippet: None,
            },
            cwe: vec![],
            owasp: vec![],
            remediation: None,
            references: vec![],
            fingerprint: Fingerprint::default(),
            detail: Detail::default(),
            suppressed: None,
            risk: None,
        }
    }

    fn fingerprints(findings: Vec<(Finding, &str)>) -> Vec<Fingerprint> {
        let mut pairs: Vec<_> = findings
            .into_iter()
            .map(|(f, id)| (f, id.to_owned()))
            .collect();
        assign(&mut pairs);
        pairs.into_iter().map(|(f, _)| f.fingerprint).collect()
    }

    #[test]
    fn stable_when_unrelated_edits_shift_lines() {
        let before = fingerprints(vec![(finding("app.py", 3), "eval(x)")]);
        let after = fingerprints(vec![(finding("app.py", 40), "eval(x)")]);
        assert_eq!(before, after);
    }

    #[test]
    fn stable_when_only_whitespace_changes() {
        let before = fingerprints(vec![(finding("app.py", 3), "eval( x )")]);
        let after = fingerprints(vec![(finding("app.py", 3), "  eval(\n\t x  )  ")]);
        assert_eq!(before, after);
    }

    #[test]
    fn same_problem_in_two_files_differs_but_shares_content_fingerprint() {
        let a = fingerprints(vec![(finding("a/app.py", 3), "eval(x)")]);
        let b = fingerprints(vec![(finding("b/app.py", 3), "eval(x)")]);
        assert_ne!(a[0].primary, b[0].primary);
        // A moved file keeps its content fingerprint, which lets a baseline follow a rename.
        assert_eq!(a[0].content, b[0].content);
    }

    #[test]
    fn two_identical_problems_in_one_file_are_distinct_and_keep_their_numbers() {
        let two = fingerprints(vec![
            (finding("app.py", 10), "eval(x)"),
            (finding("app.py", 2), "eval(x)"),
        ]);
        assert_ne!(two[0], two[1]);
        // Lines inserted above both keep both fingerprints.
        let shifted = fingerprints(vec![
            (finding("app.py", 12), "eval(x)"),
            (finding("app.py", 4), "eval(x)"),
        ]);
        assert_eq!(two, shifted);
    }

    #[test]
    fn different_rules_or_identities_differ() {
        let a = fingerprints(vec![(finding("app.py", 3), "eval(x)")]);
        let b = fingerprints(vec![(finding("app.py", 3), "eval(y)")]);
        assert_ne!(a, b);
        let mut other_rule = finding("app.py", 3);
        other_rule.rule_id = "test/exec-call".into();
        let c = fingerprints(vec![(other_rule, "eval(x)")]);
        assert_ne!(a, c);
    }

    #[test]
    fn format_is_32_lowercase_hex_digits() {
        let fp = compute("r", "p", "i", 0);
        for s in [&fp.primary, &fp.content] {
            assert_eq!(s.len(), 32);
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            );
        }
    }
}
