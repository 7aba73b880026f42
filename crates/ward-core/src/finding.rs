use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Confidence, Fingerprint, Severity};

/// A region of a file. Lines and columns are 1-based; columns count Unicode scalar values
/// (SARIF `columnKind: unicodeCodePoints`); `end_column` is exclusive.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    /// A span covering a single line from `start_column` to `end_column` (exclusive).
    pub fn line(line: u32, start_column: u32, end_column: u32) -> Self {
        Span {
            start_line: line,
            start_column,
            end_line: line,
            end_column,
        }
    }

    /// Computes the span of `bytes[start..end]` inside `text`. For many spans in one file,
    /// build a [`LineIndex`] once instead.
    pub fn from_byte_range(text: &[u8], start: usize, end: usize) -> Self {
        LineIndex::new(text).span(start, end)
    }
}

/// Byte offsets of line starts, to turn many byte offsets of one file into lines and columns
/// without rescanning the file for each.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a [u8],
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text).map(|p| p + 1));
        LineIndex { text, line_starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        // Count characters, not bytes: continuation bytes (0b10xx_xxxx) do not start one.
        let column = self.text[line_start..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count()
            + 1;
        (line as u32, column as u32)
    }

    /// The span of the byte range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (start_line, start_column) = self.line_col(start);
        let (end_line, end_column) = self.line_col(end.max(start));
        Span {
            start_line,
            start_column,
            end_line,
            end_column,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: u32) -> &'a [u8] {
        let index = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return &[];
        };
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[start..end.max(start)];
        line.strip_suffix(b"\r").unwrap_or(line)
    }
}

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// Path relative to the scan root, with `/` separators (as the user would type it).
    pub path: String,
    #[serde(flatten)]
    pub span: Span,
    /// The source line(s) of the finding, with any secret already redacted by the engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

/// Details of a secret finding. The secret itself is never kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SecretDetail {
    /// The secret with all but a few leading characters masked, e.g. `AKIA************`.
    pub redacted: String,
    /// A keyed hash of the secret (hex), to recognise the same secret elsewhere without storing it.
    pub hash: String,
    /// The secret itself, only with `--show-secrets`, only for the terminal table: it is never
    /// serialised, so it cannot reach JSON, SARIF, a file or the server.
    #[serde(skip)]
    #[schemars(skip)]
    pub revealed: Option<String>,
}

/// Engine-specific detail. Typed sections are added as engines land; `extra` carries anything
/// an engine wants to show that no typed section covers yet.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Detail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<SecretDetail>,
    /// A known vulnerability in a dependency (the `deps` engine).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerability: Option<crate::Vulnerability>,
    /// The path tainted data took to a SAST finding's sink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataflow: Option<crate::Dataflow>,
    /// The resource and attribute of an infrastructure-as-code finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iac: Option<crate::IacDetail>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Detail {
    pub fn is_empty(&self) -> bool {
        self.secret.is_none()
            && self.vulnerability.is_none()
            && self.dataflow.is_none()
            && self.iac.is_none()
            && self.extra.is_empty()
    }
}

/// Why a finding is suppressed. Suppressed findings are kept, shown as such, and never fail
/// the gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Suppression {
    /// Where the suppression comes from.
    pub kind: SuppressionKind,
    /// The reason given, if any (the text after an inline `ward:ignore`, an ignore file's `reason`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// Who decided (an ignore file entry's `owner`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Until when (an ignore file entry's `expires`, `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// Where the decision is written (`.ward/ignore.toml:12`, `.ward/baseline.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Suppression {
    /// An inline comment's suppression.
    pub fn inline(justification: Option<String>) -> Self {
        Suppression {
            kind: SuppressionKind::Inline,
            justification,
            owner: None,
            expires: None,
            source: None,
        }
    }
}

/// The sources of a suppression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// A comment on the line (`ward:ignore`, `gitleaks:allow`, `nosemgrep`).
    Inline,
    /// An entry of the ignore file (`.ward/ignore.toml`), with reason, owner and expiry.
    IgnoreFile,
    /// A finding that already existed when the baseline was taken (`--baseline`).
    Baseline,
    /// A finding outside the lines added or changed since the merge base (`--since REV`).
    Unchanged,
    /// A VEX statement (`--vex FILE`) says the product is not affected or the vulnerability is
    /// fixed; the justification is the statement's.
    Vex,
}

/// One problem found by one rule at one place. Every engine produces these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// Namespaced rule id: `<engine-or-language>/<kebab-name>`, e.g. `secrets/aws-access-key-id`.
    pub rule_id: String,
    /// The engine that produced the finding (`secrets`, `sast`, `deps`, `iac`, ...).
    pub engine: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// Short title of the rule.
    pub title: String,
    /// What is wrong here, in a sentence about this occurrence.
    pub message: String,
    pub location: Location,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cwe: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owasp: Vec<String>,
    /// One-line fix hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remediation: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    /// Identity of the problem across runs; see [`crate::fingerprint`].
    pub fingerprint: Fingerprint,
    #[serde(default, skip_serializing_if = "Detail::is_empty")]
    pub detail: Detail,
    /// Set when the finding is suppressed; it is still reported, as suppressed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
    /// The 0-100 risk score with its components; set by the policy step, `None` before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<crate::Risk>,
}

impl Finding {
    /// Sort key that makes output order deterministic: path, position, rule, fingerprint.
    pub fn sort_key(&self) -> (&str, Span, &str, &str) {
        (
            &self.location.path,
            self.location.span,
            &self.rule_id,
            &self.fingerprint.primary,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_counts_characters_not_bytes() {
        let text = "héllo\nwörld key=abc\n".as_bytes();
        let start = text.windows(3).position(|w| w == b"key").unwrap();
        let span = Span::from_byte_range(text, start, start + 7);
        assert_eq!(span, Span::line(2, 7, 14));
    }

    #[test]
    fn line_index_finds_lines_and_their_text() {
        let text = b"one\r\ntwo\n\nfour";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(0), (1, 1));
        assert_eq!(index.line_col(5), (2, 1));
        assert_eq!(index.line_col(9), (3, 1));
        assert_eq!(index.line_col(text.len()), (4, 5));
        assert_eq!(index.line_text(1), b"one");
        assert_eq!(index.line_text(3), b"");
        assert_eq!(index.line_text(4), b"four");
        assert_eq!(index.line_text(9), b"");
    }

    #[test]
    fn span_at_start_of_file_is_line_one_column_one() {
        assert_eq!(Span::from_byte_range(b"abc", 0, 3), Span::line(1, 1, 4));
        assert_eq!(Span::from_byte_range(b"", 0, 0), Span::line(1, 1, 1));
    }
}
