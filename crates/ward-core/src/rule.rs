use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Confidence, Severity};

/// The documentation and defaults of one rule. `ward explain`, SARIF `rules[].help`, the
/// Markdown report and the generated rule pages all read this one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RuleDoc {
    /// Namespaced id, e.g. `secrets/aws-access-key-id`. Ids are public API: never renamed silently.
    pub id: String,
    pub engine: String,
    /// One-line title.
    pub title: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// What the rule finds.
    pub description: String,
    /// Why it matters.
    pub rationale: String,
    /// How to fix it.
    pub remediation: String,
    /// A short example of code or configuration the rule reports, with its fixed form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cwe: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owasp: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
}

impl RuleDoc {
    /// The documentation as Markdown: what, why, fix, example, references.
    pub fn to_markdown(&self) -> String {
        use std::fmt::Write;
        let mut out = format!("# {}: {}\n\n", self.id, self.title);
        let _ = writeln!(
            out,
            "Engine: {} · default severity: {} · confidence: {}",
            self.engine, self.severity, self.confidence
        );
        if !self.cwe.is_empty() || !self.owasp.is_empty() {
            let tags: Vec<&str> = self
                .cwe
                .iter()
                .chain(&self.owasp)
                .map(String::as_str)
                .collect();
            let _ = writeln!(out, "Tags: {}", tags.join(", "));
        }
        let _ = write!(
            out,
            "\n## What it finds\n\n{}\n\n## Why it matters\n\n{}\n\n## How to fix\n\n{}\n",
            self.description.trim(),
            self.rationale.trim(),
            self.remediation.trim()
        );
        if let Some(example) = &self.example {
            let _ = write!(out, "\n## Example\n\n```\n{}\n```\n", example.trim_end());
        }
        if !self.references.is_empty() {
            out.push_str("\n## References\n\n");
            for reference in &self.references {
                let _ = writeln!(out, "- {reference}");
            }
        }
        out
    }
}
