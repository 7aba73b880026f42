use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A finding's 0-100 risk score and every component that produced it, so a reader can check the
/// arithmetic. The formula lives in `ward-policy` (`ward_policy::risk`) and is documented in
/// `docs/RISK.md`:
///
/// `score = clamp(round((base × confidence × reachability + exploit + fix) × context), 0, 100)`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Risk {
    /// The score, 0 (no risk) to 100.
    pub score: u8,
    /// Impact before context, 0-100: the CVSS base score × 10 where the finding has one, else a
    /// value per severity.
    pub base: f32,
    /// Where `base` came from: `cvss` or `severity`.
    pub base_source: RiskBase,
    /// How sure the rule is (high 1.0, medium 0.85, low 0.6).
    pub confidence: f32,
    /// Reachable vulnerable code raises the score, unreachable code lowers it, unknown is 1.0.
    pub reachability: f32,
    /// Points for evidence of exploitation: listed in CISA KEV, else the EPSS probability.
    pub exploit: f32,
    /// Points when a fixed version exists (the finding can be acted on now).
    pub fix: f32,
    /// The project's declared criticality × exposure (`[project]` in `ward.toml`).
    pub context: f32,
}

/// The source of a risk score's base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RiskBase {
    /// The CVSS base score of the advisory.
    Cvss,
    /// The finding's severity.
    Severity,
}
