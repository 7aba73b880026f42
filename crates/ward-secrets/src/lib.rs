//! Ward's secrets engine: finds hard-coded credentials in any text.
//!
//! Rules are gitleaks-syntax TOML (`rules/secrets/*.toml` built in; a user's file replaces or
//! extends them). Each file is searched once with an Aho-Corasick automaton over every rule's
//! keywords; only the rules whose keywords occur run their regex. Candidates then pass entropy,
//! placeholder, generic and allowlist filters. Encoded segments (base64, hex, percent) are
//! decoded and searched again, two levels deep. A secret is never kept: findings carry a
//! redacted form and a keyed hash. This crate depends only on `ward-core`.

pub mod config;
pub mod detect;
pub mod filters;
pub mod rules;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use ward_core::{
    Confidence, Detail, Engine, FileInput, FileOutput, Finding, Fingerprint, LineIndex, Location,
    RuleDoc, SecretDetail,
};

pub use detect::{Hit, detect, detect_changed};
pub use rules::{Rule, RuleError, RuleSet};

/// The key of the keyed hash when none is configured. Set `WARD_SECRETS_HASH_KEY` to a value
/// of your own so that hashes from your scans cannot be checked against guessed secrets.
const DEFAULT_HASH_KEY: &[u8] = b"ward-secrets-hash-v1";

/// Why hard-coded credentials matter, shared by every secrets rule's documentation.
const RATIONALE: &str = "A credential in a file is readable by everyone who can read the repository, its forks, \
its CI logs and every clone, and it stays in git history after the line is deleted. Attackers \
search public and leaked repositories for these formats within minutes of a push.";

const DEFAULT_REMEDIATION: &str = "Revoke the credential and issue a new one, then load it at run time from the \
environment or a secret manager instead of the file. Deleting the line is not enough: it stays in history.";

/// The secrets engine.
#[derive(Debug)]
pub struct SecretsEngine {
    rules: RuleSet,
    hash_key: Vec<u8>,
    reveal: bool,
}

impl SecretsEngine {
    /// The engine with the built-in rules.
    pub fn builtin() -> Result<Self, RuleError> {
        Ok(Self::with_rules(RuleSet::builtin()?))
    }

    pub fn with_rules(rules: RuleSet) -> Self {
        let hash_key = std::env::var("WARD_SECRETS_HASH_KEY")
            .ok()
            .filter(|k| !k.is_empty())
            .map_or_else(|| DEFAULT_HASH_KEY.to_vec(), String::into_bytes);
        SecretsEngine {
            rules,
            hash_key,
            reveal: false,
        }
    }

    /// Keeps each secret in the finding's never-serialised `revealed` field, for
    /// `--show-secrets` in the terminal table.
    #[must_use]
    pub fn revealing(mut self, reveal: bool) -> Self {
        self.reveal = reveal;
        self
    }

    pub fn rule_set(&self) -> &RuleSet {
        &self.rules
    }

    /// The keyed hash (hex HMAC-SHA256) of a secret.
    pub fn secret_hash(&self, secret: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.hash_key)
            .expect("HMAC accepts keys of any length");
        mac.update(secret);
        let digest = mac.finalize().into_bytes();
        digest.iter().fold(String::with_capacity(64), |mut out, b| {
            use std::fmt::Write;
            let _ = write!(out, "{b:02x}");
            out
        })
    }

    fn rule_doc(rule: &Rule) -> RuleDoc {
        let example = rule.examples.first().map(|e| {
            format!(
                "Reported:\n    {}\nFixed: read the value from the environment or a secret manager.",
                mask_generated(e)
            )
        });
        RuleDoc {
            id: rule.ward_id(),
            engine: "secrets".into(),
            title: rule.title.clone(),
            severity: rule.severity,
            confidence: rule.confidence,
            description: rule.description.clone(),
            rationale: RATIONALE.into(),
            remediation: rule
                .remediation
                .clone()
                .unwrap_or_else(|| DEFAULT_REMEDIATION.into()),
            example,
            cwe: vec![rule.cwe.clone()],
            owasp: vec!["A07:2021".into()],
            references: rule.references.clone(),
        }
    }
}

/// Replaces `«REGEX»` generation markers in an example by `<secret>` for documentation.
pub fn mask_generated(example: &str) -> String {
    let mut out = String::new();
    let mut rest = example;
    while let Some(start) = rest.find('«') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('»') else {
            rest = &rest[start..];
            break;
        };
        out.push_str("<secret>");
        rest = &rest[start + end + '»'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The secret with all but its first few characters masked; the length stays visible.
pub fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let len = text.chars().count();
    let shown = (len / 4).min(4);
    let mut out: String = text.chars().take(shown).collect();
    out.extend(std::iter::repeat_n('*', len - shown));
    out
}

/// Longest snippet kept around a secret (minified files have megabyte lines).
const SNIPPET_CONTEXT: usize = 160;

fn snippet(line: &[u8], secret_in_line: std::ops::Range<usize>, redacted: &str) -> String {
    let start = secret_in_line.start.min(line.len());
    let end = secret_in_line.end.min(line.len()).max(start);
    let before = &line[start.saturating_sub(SNIPPET_CONTEXT)..start];
    let after = &line[end..(end + SNIPPET_CONTEXT).min(line.len())];
    let mut out = String::new();
    if start > SNIPPET_CONTEXT {
        out.push('…');
    }
    out.push_str(&String::from_utf8_lossy(before));
    out.push_str(redacted);
    out.push_str(&String::from_utf8_lossy(after));
    if end + SNIPPET_CONTEXT < line.len() {
        out.push('…');
    }
    out.trim_end_matches(['\r', '\n']).to_owned()
}

impl Engine for SecretsEngine {
    fn name(&self) -> &'static str {
        "secrets"
    }

    fn rules(&self) -> Vec<RuleDoc> {
        self.rules.rules.iter().map(Self::rule_doc).collect()
    }

    fn claims(&self, _file: &FileInput<'_>) -> bool {
        // Secrets hide in every kind of text file.
        true
    }

    fn needs_utf8(&self) -> bool {
        false
    }

    fn scans_history(&self) -> bool {
        true
    }

    fn config_hash(&self) -> Option<String> {
        // A revealed secret is never stored: with `--show-secrets` nothing is cached.
        if self.reveal {
            return None;
        }
        let mut hasher = ward_core::ConfigHasher::new("secrets");
        hasher
            .add(self.rules.source_hash())
            .add(<Sha256 as sha2::Digest>::digest(&self.hash_key));
        Some(hasher.finish())
    }

    fn scans_binary(&self, path: &str) -> bool {
        self.rules.wants_binary(path)
    }

    fn scan_file(&self, file: &FileInput<'_>, out: &mut FileOutput) {
        let sniff = &file.bytes[..file.bytes.len().min(8192)];
        let hits = if file.text.is_none() && memchr::memchr(0, sniff).is_some() {
            detect::detect_binary(&self.rules, file.path, file.bytes)
        } else {
            detect(&self.rules, file.path, file.bytes, None)
        };
        self.report(file, hits, out);
    }

    fn scan_file_changed(&self, file: &FileInput<'_>, previous: &[u8], out: &mut FileOutput) {
        let hits = detect_changed(&self.rules, file.path, file.bytes, previous, None);
        self.report(file, hits, out);
    }
}

impl SecretsEngine {
    /// Turns hits into findings.
    fn report(&self, file: &FileInput<'_>, hits: Vec<Hit>, out: &mut FileOutput) {
        if hits.is_empty() {
            return;
        }
        let index = LineIndex::new(file.bytes);
        for hit in hits {
            let rule = &self.rules.rules[hit.rule];
            let hash = self.secret_hash(&hit.secret);
            let redacted = redact(&hit.secret);
            let span = index.span(hit.secret_range.start, hit.secret_range.end);
            let line_text = index.line_text(span.start_line);
            let line_offset = file.bytes[..hit.secret_range.start]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let in_line = (hit.secret_range.start - line_offset)
                ..(hit.secret_range.end.min(line_offset + line_text.len()) - line_offset)
                    .max(hit.secret_range.start - line_offset);
            let shown = if hit.encodings.is_empty() {
                redacted.clone()
            } else {
                redact(&file.bytes[hit.secret_range.clone()])
            };
            let mut confidence = rule.confidence;
            if hit.validated == Some(true) {
                confidence = Confidence::High;
            }
            let message = if hit.encodings.is_empty() {
                format!("{} ({redacted}).", rule.description.trim_end_matches('.'))
            } else {
                format!(
                    "{} ({redacted}), {}-encoded.",
                    rule.description.trim_end_matches('.'),
                    hit.encodings.join(" then ")
                )
            };
            let mut detail = Detail {
                secret: Some(SecretDetail {
                    redacted,
                    hash: hash.clone(),
                    revealed: self
                        .reveal
                        .then(|| String::from_utf8_lossy(&hit.secret).into_owned()),
                }),
                ..Detail::default()
            };
            if !hit.encodings.is_empty() {
                detail
                    .extra
                    .insert("encodings".into(), hit.encodings.clone().into());
            }
            // A source may weigh generic matches (`password = "..."`) differently: an image
            // drops them in files its OS packages installed.
            if rule.generic {
                detail.extra.insert("generic".into(), true.into());
            }
            out.finding(
                Finding {
                    rule_id: rule.ward_id(),
                    engine: "secrets".into(),
                    severity: rule.severity,
                    confidence,
                    title: rule.title.clone(),
                    message,
                    location: Location {
                        path: file.path.to_owned(),
                        span,
                        // A path rule's finding is the file itself: no line to show (a key
                        // store is binary, and its bytes are not for display).
                        snippet: (!hit.match_range.is_empty())
                            .then(|| snippet(line_text, in_line, &shown)),
                    },
                    cwe: vec![rule.cwe.clone()],
                    owasp: vec!["A07:2021".into()],
                    remediation: Some(
                        rule.remediation
                            .clone()
                            .unwrap_or_else(|| DEFAULT_REMEDIATION.into()),
                    ),
                    references: rule.references.clone(),
                    fingerprint: Fingerprint::default(),
                    detail,
                    suppressed: None,
                    risk: None,
                },
                // The identity is the secret's keyed hash: the same secret is the same problem
                // wherever the line moves, in the working tree and in history.
                hash,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_a_short_prefix_and_the_length() {
        assert_eq!(redact(b"ghp_abcdefghijklmnop"), "ghp_****************");
        assert_eq!(redact(b"hunter22"), "hu******");
        assert_eq!(redact(b"abc"), "***");
    }

    #[test]
    fn generated_examples_are_masked_in_docs() {
        assert_eq!(
            mask_generated("KEY=«sk_[a-z]{4}» and «x»"),
            "KEY=<secret> and <secret>"
        );
    }

    #[test]
    fn snippets_of_huge_lines_are_cut_around_the_secret() {
        let line = format!("{}SECRET{}", "a".repeat(10_000), "b".repeat(10_000));
        let s = snippet(line.as_bytes(), 10_000..10_006, "SE****");
        assert!(s.len() < 400, "{}", s.len());
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("SE****"));
    }
}
