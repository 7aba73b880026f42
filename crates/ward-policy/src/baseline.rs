//! Baselines: the fingerprints of findings that already existed, so a scan can report only
//! what is new. A baseline holds fingerprints, rule ids and paths, never a secret.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use ward_core::{Finding, Suppression, SuppressionKind};

/// Version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

/// One finding recorded in a baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub content_fingerprint: String,
    pub rule_id: String,
    pub path: String,
}

/// `.ward/baseline.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    /// When the baseline was taken (UTC, ISO 8601).
    pub created: String,
    pub entries: Vec<BaselineEntry>,
}

impl Baseline {
    /// A baseline of every finding that is not already suppressed, sorted.
    pub fn from_findings(findings: &[Finding], created: String) -> Baseline {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.primary.clone(),
                content_fingerprint: f.fingerprint.content.clone(),
                rule_id: f.rule_id.clone(),
                path: f.location.path.clone(),
            })
            .collect();
        entries.sort_by(|a, b| {
            (&a.path, &a.rule_id, &a.fingerprint).cmp(&(&b.path, &b.rule_id, &b.fingerprint))
        });
        entries.dedup();
        Baseline {
            version: BASELINE_VERSION,
            created,
            entries,
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the baseline: {e}", path.display()))?;
        let baseline: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}:{}: not a Ward baseline: {e}", path.display(), e.line()))?;
        if baseline.version != BASELINE_VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (expected {BASELINE_VERSION})",
                path.display(),
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// Marks findings already in the baseline as suppressed (kind `baseline`). A finding matches
    /// by its fingerprint, or, when its file was renamed, by its content fingerprint if the
    /// baseline's path for it no longer exists (`path_exists` says).
    pub fn apply(
        &self,
        findings: &mut [Finding],
        source: &str,
        path_exists: &dyn Fn(&str) -> bool,
    ) -> usize {
        let primary: HashSet<&str> = self
            .entries
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let mut by_content: HashMap<&str, Vec<&BaselineEntry>> = HashMap::new();
        for entry in &self.entries {
            by_content
                .entry(entry.content_fingerprint.as_str())
                .or_default()
                .push(entry);
        }
        let mut count = 0;
        for finding in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
            let known = primary.contains(finding.fingerprint.primary.as_str())
                || by_content
                    .get(finding.fingerprint.content.as_str())
                    .is_some_and(|entries| entries.iter().any(|e| !path_exists(&e.path)));
            if known {
                finding.suppressed = Some(Suppression {
                    kind: SuppressionKind::Baseline,
                    justification: Some("present in the baseline".to_owned()),
                    owner: None,
                    expires: None,
                    source: Some(source.to_owned()),
                });
                count += 1;
            }
        }
        count
    }
}
