use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How bad a finding is if it is real. Ordered: `Info < Low < Medium < High < Critical`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

/// How sure the engine is that the finding is real. Ordered: `Low < Medium < High`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// A severity or confidence name that is not one of the known levels.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{value}` (expected one of: {expected})")]
pub struct ParseLevelError {
    kind: &'static str,
    value: String,
    expected: &'static str,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// The SARIF `level` for this severity (SARIF has three levels plus `note`).
    pub fn sarif_level(self) -> &'static str {
        match self {
            Severity::Info | Severity::Low => "note",
            Severity::Medium => "warning",
            Severity::High | Severity::Critical => "error",
        }
    }

    /// A representative CVSS-like score, used for GitHub's `security-severity` property.
    pub fn score(self) -> f32 {
        match self {
            Severity::Info => 0.0,
            Severity::Low => 3.0,
            Severity::Medium => 5.5,
            Severity::High => 8.0,
            Severity::Critical => 9.5,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = ParseLevelError;

    /// Accepts Ward's names and Semgrep's (`INFO`, `WARNING`, `ERROR`), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" | "informational" | "note" => Ok(Severity::Info),
            "low" => Ok(Severity::Low),
            "medium" | "moderate" | "warning" => Ok(Severity::Medium),
            "high" | "error" => Ok(Severity::High),
            "critical" => Ok(Severity::Critical),
            _ => Err(ParseLevelError {
                kind: "severity",
                value: s.to_owned(),
                expected: "info, low, medium, high, critical",
            }),
        }
    }
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Confidence {
    type Err = ParseLevelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Confidence::Low),
            "medium" => Ok(Confidence::Medium),
            "high" => Ok(Confidence::High),
            _ => Err(ParseLevelError {
                kind: "confidence",
                value: s.to_owned(),
                expected: "low, medium, high",
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_are_ordered_from_info_to_critical() {
        let mut shuffled = vec![
            Severity::High,
            Severity::Info,
            Severity::Critical,
            Severity::Low,
            Severity::Medium,
        ];
        shuffled.sort();
        assert_eq!(shuffled, Severity::ALL.to_vec());
    }

    #[test]
    fn semgrep_severity_names_are_understood() {
        assert_eq!("ERROR".parse::<Severity>().unwrap(), Severity::High);
        assert_eq!("WARNING".parse::<Severity>().unwrap(), Severity::Medium);
        assert_eq!("INFO".parse::<Severity>().unwrap(), Severity::Info);
        let err = "severe".parse::<Severity>().unwrap_err().to_string();
        assert!(
            err.contains("`severe`") && err.contains("critical"),
            "{err}"
        );
    }
}
