use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Completeness, Finding, RuleDoc, Severity};

/// Version of the JSON report format. Bumped on any incompatible change.
pub const REPORT_VERSION: u32 = 1;

/// The tool that produced a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
    /// Engines that ran in this scan.
    pub engines: Vec<String>,
}

/// Why a finding blocks the gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GateReason {
    pub fingerprint: String,
    pub rule_id: String,
    pub reason: String,
}

/// The result of the gate: did the scan pass, and which findings block it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GateOutcome {
    /// The lowest severity that fails the gate; `None` means findings never fail it.
    pub fail_on: Option<Severity>,
    /// The risk score at or above which a finding fails the gate, when the policy sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on_risk: Option<u8>,
    pub passed: bool,
    /// The findings that fail the gate, each with the reason.
    pub blocking: Vec<GateReason>,
    /// Findings the policy makes warn-only (`policy.warn`, an override's `action = "warn"`):
    /// reported, never blocking, each with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<GateReason>,
}

/// Something about the scan's policy a user must hear: an ignore entry that expired (and no
/// longer suppresses), or one that matched nothing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Notice {
    pub kind: NoticeKind,
    pub message: String,
    /// Where the entry is (`.ward/ignore.toml:12`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The kinds of [`Notice`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// An ignore file entry past its `expires` date: its findings are reported again.
    ExpiredIgnore,
    /// An ignore file entry that matched no finding (stale: remove it).
    UnmatchedIgnore,
    /// Part of the scan could not be done as configured, so its absence of findings means
    /// nothing: dependencies were listed but not checked, because no advisory database exists.
    NotChecked,
    /// An inline suppression the policy does not allow for this class of finding
    /// (`policy.forbid_inline`): the finding is reported as if it were not suppressed.
    ForbiddenInlineSuppression,
    /// A database the scan relies on is old (the advisory index, past 7 days): recent
    /// vulnerabilities are missing from its answers.
    StaleData,
    /// What the scan found installed (image scans: the operating system and the number of
    /// packages per ecosystem), so that an empty result can be told from an empty image.
    Inventory,
}

/// Everything a renderer needs: the findings, the rules they came from, what was covered, and
/// the gate's verdict. Renderers are pure functions of this value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScanReport {
    /// Format version ([`REPORT_VERSION`]).
    pub version: u32,
    pub tool: ToolInfo,
    /// The paths that were scanned, as given.
    pub roots: Vec<String>,
    /// When the scan started (UTC, `2026-01-02T03:04:05Z`); empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub started_at: String,
    /// Wall-clock duration of the scan in milliseconds.
    pub duration_ms: u64,
    /// Findings in deterministic order: path, position, rule id, fingerprint.
    pub findings: Vec<Finding>,
    /// Documentation of every rule that has at least one finding, sorted by id.
    pub rules: Vec<RuleDoc>,
    pub completeness: Completeness,
    pub gate: GateOutcome,
    /// Notices (expired or unmatched ignore entries, checks that could not run), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
}

impl ScanReport {
    /// Counts active (not suppressed) findings per severity, from critical down to info.
    pub fn counts_by_severity(&self) -> Vec<(Severity, usize)> {
        Severity::ALL
            .iter()
            .rev()
            .map(|&s| (s, self.active().filter(|f| f.severity == s).count()))
            .collect()
    }

    /// Findings that are not suppressed.
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_none())
    }

    /// How many findings are suppressed (kept in JSON and SARIF, hidden from the table).
    pub fn suppressed_count(&self) -> usize {
        self.findings.len() - self.active().count()
    }

    pub fn rule(&self, id: &str) -> Option<&RuleDoc> {
        self.rules.iter().find(|r| r.id == id)
    }
}
