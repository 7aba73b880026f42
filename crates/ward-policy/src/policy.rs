//! The policy as code: `[project]` and `[policy]` of `ward.toml`, resolved into a [`Policy`]
//! that the gate applies. See `docs/POLICY.md` for the user's view.

use std::fmt;
use std::str::FromStr;

use globset::{Glob, GlobMatcher};
use ward_core::{Confidence, Finding, Severity};

use crate::gate::FailOn;
use crate::risk::{Reach, RiskInputs};

/// How much the project matters to the business (`[project] criticality`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Criticality {
    Low,
    #[default]
    Medium,
    High,
    Critical,
}

/// Who can reach the project (`[project] exposure`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Exposure {
    /// Only an internal network.
    Internal,
    /// Not declared.
    #[default]
    Unspecified,
    /// The internet.
    Internet,
}

impl FromStr for Criticality {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Criticality::Low),
            "medium" => Ok(Criticality::Medium),
            "high" => Ok(Criticality::High),
            "critical" => Ok(Criticality::Critical),
            _ => Err(format!(
                "unknown criticality `{s}` (expected one of: low, medium, high, critical)"
            )),
        }
    }
}

impl FromStr for Exposure {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "internal" => Ok(Exposure::Internal),
            "internet" | "public" => Ok(Exposure::Internet),
            _ => Err(format!(
                "unknown exposure `{s}` (expected one of: internal, internet)"
            )),
        }
    }
}

impl fmt::Display for Criticality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Criticality::Low => "low",
            Criticality::Medium => "medium",
            Criticality::High => "high",
            Criticality::Critical => "critical",
        })
    }
}

impl fmt::Display for Exposure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Exposure::Internal => "internal",
            Exposure::Unspecified => "unspecified",
            Exposure::Internet => "internet",
        })
    }
}

/// `[project]`: what the risk score needs to know about the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProjectContext {
    pub criticality: Criticality,
    pub exposure: Exposure,
}

/// Engines a class may name without `engine:`.
pub const KNOWN_ENGINES: &[&str] = &["secrets", "sast", "deps", "iac", "image"];

/// One condition of a [`Class`].
#[derive(Debug, Clone)]
enum Term {
    Engine(String),
    Severity(Severity),
    AtLeast(Severity),
    Confidence(Confidence),
    Kev,
    Reach(Reach),
    FixAvailable(bool),
    Epss(f64),
    Risk(u8),
    Rule(GlobMatcher),
    Path(GlobMatcher),
}

/// A class of findings, written as terms joined by `+`, all of which must hold:
/// `secrets`, `kev`, `reachable+critical`, `deps+>=high`, `rule:python/*`, `path:src/**`,
/// `epss>=0.5`, `risk>=80`, `confidence:high`, `fix-available`, `no-fix`, `not-reachable`.
#[derive(Debug, Clone)]
pub struct Class {
    text: String,
    terms: Vec<Term>,
}

impl PartialEq for Class {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Class {}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn glob(pattern: &str, what: &str) -> Result<GlobMatcher, String> {
    Glob::new(pattern)
        .map(|g| g.compile_matcher())
        .map_err(|e| format!("`{what}:{pattern}` is not a valid glob: {e}"))
}

impl FromStr for Class {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut terms = Vec::new();
        for raw in text.split('+') {
            let term = raw.trim();
            let lower = term.to_ascii_lowercase();
            let parsed = if let Some(name) = lower.strip_prefix("engine:") {
                Term::Engine(name.to_owned())
            } else if let Some(pattern) = term.strip_prefix("rule:") {
                Term::Rule(glob(pattern, "rule")?)
            } else if let Some(pattern) = term.strip_prefix("path:") {
                Term::Path(glob(pattern, "path")?)
            } else if let Some(level) = lower.strip_prefix("confidence:") {
                Term::Confidence(level.parse().map_err(|e| format!("`{term}`: {e}"))?)
            } else if let Some(level) = lower.strip_prefix(">=") {
                Term::AtLeast(level.parse().map_err(|e| format!("`{term}`: {e}"))?)
            } else if let Some(value) = lower.strip_prefix("epss>=") {
                let p: f64 = value
                    .parse()
                    .ok()
                    .filter(|p: &f64| (0.0..=1.0).contains(p))
                    .ok_or_else(|| format!("`{term}`: EPSS is a probability from 0 to 1"))?;
                Term::Epss(p)
            } else if let Some(value) = lower.strip_prefix("risk>=") {
                let r: u8 = value
                    .parse()
                    .ok()
                    .filter(|r| *r <= 100)
                    .ok_or_else(|| format!("`{term}`: risk is a number from 0 to 100"))?;
                Term::Risk(r)
            } else {
                match lower.as_str() {
                    "kev" => Term::Kev,
                    "reachable" => Term::Reach(Reach::Reachable),
                    "not-reachable" | "unreachable" => Term::Reach(Reach::NotReachable),
                    "fix-available" | "fixable" => Term::FixAvailable(true),
                    "no-fix" => Term::FixAvailable(false),
                    "" => return Err(format!("`{text}`: empty term")),
                    other => {
                        if let Ok(severity) = other.parse::<Severity>() {
                            Term::Severity(severity)
                        } else if KNOWN_ENGINES.contains(&other) {
                            Term::Engine(other.to_owned())
                        } else {
                            return Err(format!(
                                "unknown class term `{term}` (expected an engine such as secrets, a severity, >=SEVERITY, kev, reachable, not-reachable, fix-available, no-fix, epss>=P, risk>=N, confidence:LEVEL, rule:GLOB, path:GLOB or engine:NAME; join terms with +)"
                            ));
                        }
                    }
                }
            };
            terms.push(parsed);
        }
        Ok(Class {
            text: text.trim().to_owned(),
            terms,
        })
    }
}

impl Class {
    /// Whether `finding` (with its risk inputs) belongs to the class.
    pub fn matches(&self, finding: &Finding, inputs: &RiskInputs) -> bool {
        self.terms.iter().all(|term| match term {
            Term::Engine(name) => finding.engine == *name,
            Term::Severity(s) => finding.severity == *s,
            Term::AtLeast(s) => finding.severity >= *s,
            Term::Confidence(c) => finding.confidence == *c,
            Term::Kev => inputs.kev,
            Term::Reach(r) => inputs.reach == Some(*r),
            Term::FixAvailable(wanted) => inputs.fix_available == Some(*wanted),
            Term::Epss(p) => inputs.epss.is_some_and(|e| e >= *p),
            Term::Risk(r) => finding.risk.as_ref().is_some_and(|risk| risk.score >= *r),
            Term::Rule(g) => g.is_match(&finding.rule_id),
            Term::Path(g) => g.is_match(&finding.location.path),
        })
    }
}

/// What an override does to the findings it selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Reported, never blocking.
    Warn,
    /// Always blocking.
    Block,
}

impl FromStr for Action {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "warn" => Ok(Action::Warn),
            "block" => Ok(Action::Block),
            _ => Err(format!("unknown action `{s}` (expected warn or block)")),
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Warn => "warn",
            Action::Block => "block",
        })
    }
}

/// `[[policy.overrides]]`: thresholds or an action for the findings of some engines, rules or
/// paths. Later entries win over earlier ones.
#[derive(Debug, Clone)]
pub struct Override {
    /// Line of the entry in `ward.toml`, for `ward policy explain` and gate reasons.
    pub line: usize,
    pub engines: Vec<String>,
    pub rules: Vec<String>,
    pub paths: Vec<String>,
    pub fail_on: Option<FailOn>,
    pub fail_on_risk: Option<u8>,
    pub action: Option<Action>,
    rule_globs: Vec<GlobMatcher>,
    path_globs: Vec<GlobMatcher>,
}

impl PartialEq for Override {
    fn eq(&self, other: &Self) -> bool {
        self.line == other.line
            && self.engines == other.engines
            && self.rules == other.rules
            && self.paths == other.paths
            && self.fail_on == other.fail_on
            && self.fail_on_risk == other.fail_on_risk
            && self.action == other.action
    }
}

impl Eq for Override {}

impl Override {
    pub fn new(
        line: usize,
        engines: Vec<String>,
        rules: Vec<String>,
        paths: Vec<String>,
    ) -> Result<Override, String> {
        let rule_globs = rules
            .iter()
            .map(|r| glob(r, "rule"))
            .collect::<Result<_, _>>()?;
        let path_globs = paths
            .iter()
            .map(|p| glob(p, "path"))
            .collect::<Result<_, _>>()?;
        Ok(Override {
            line,
            engines,
            rules,
            paths,
            fail_on: None,
            fail_on_risk: None,
            action: None,
            rule_globs,
            path_globs,
        })
    }

    /// Whether the override applies to `finding`: every selector given must match.
    pub fn selects(&self, finding: &Finding) -> bool {
        (self.engines.is_empty() || self.engines.contains(&finding.engine))
            && (self.rule_globs.is_empty()
                || self.rule_globs.iter().any(|g| g.is_match(&finding.rule_id)))
            && (self.path_globs.is_empty()
                || self
                    .path_globs
                    .iter()
                    .any(|g| g.is_match(&finding.location.path)))
    }

    /// How the override is written, for reasons: `override at ward.toml:14 (engines sast)`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.engines.is_empty() {
            parts.push(format!("engines {}", self.engines.join(", ")));
        }
        if !self.rules.is_empty() {
            parts.push(format!("rules {}", self.rules.join(", ")));
        }
        if !self.paths.is_empty() {
            parts.push(format!("paths {}", self.paths.join(", ")));
        }
        if parts.is_empty() {
            parts.push("every finding".to_owned());
        }
        format!("override at line {} ({})", self.line, parts.join("; "))
    }
}

/// The effective policy of a scan: `ward.toml` with the command line's flags applied.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Policy {
    pub fail_on: FailOn,
    pub fail_on_risk: Option<u8>,
    /// Classes that always block (unless suppressed through the ignore file or a baseline).
    pub block: Vec<Class>,
    /// Classes that are reported but never block.
    pub warn: Vec<Class>,
    /// Classes whose inline suppressions (`ward:ignore`, `nosemgrep`, `gitleaks:allow`) are not
    /// honoured: only a reviewed ignore file entry can suppress them.
    pub forbid_inline: Vec<Class>,
    pub overrides: Vec<Override>,
    pub project: ProjectContext,
}
