//! What travels between `ward scan --upload` and the server: the upload request (Ward's JSON
//! report plus where it came from) and the server's answer.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ward_core::ScanReport;

/// Where in the development loop a scan ran. The metric "detected early" counts issues first
/// seen at `pre-commit` or `pr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    PreCommit,
    Pr,
    Main,
    Scheduled,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::PreCommit => "pre-commit",
            Stage::Pr => "pr",
            Stage::Main => "main",
            Stage::Scheduled => "scheduled",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "pre-commit" => Stage::PreCommit,
            "pr" => Stage::Pr,
            "main" => Stage::Main,
            "scheduled" => Stage::Scheduled,
            other => {
                return Err(format!(
                    "unknown stage `{other}` (expected pre-commit, pr, main or scheduled)"
                ));
            }
        })
    }
}

/// `POST /api/v1/scans`: one scan of one project.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UploadRequest {
    /// Chosen by the client, kept across retries: a retried upload with the same id is
    /// recognised and changes nothing.
    pub scan_id: String,
    pub project: String,
    /// The branch scanned (empty when unknown). Fixes are decided per branch.
    #[serde(default)]
    pub branch: String,
    #[serde(default)]
    pub commit: String,
    pub stage: Stage,
    /// The CODEOWNERS file of the scanned tree, when it has one: the owners of the issues
    /// this scan sees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codeowners: Option<CodeOwnersFile>,
    /// Ward's JSON report (version 1).
    pub report: ScanReport,
}

/// A CODEOWNERS file as found in the scanned tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeOwnersFile {
    /// Where it was, relative to the scanned root (`.github/CODEOWNERS`), for messages.
    pub path: String,
    pub text: String,
}

/// The server's answer to an upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UploadResponse {
    pub scan_id: String,
    pub project: String,
    /// True when this scan id was already stored with the same content: nothing changed.
    pub duplicate: bool,
    /// Findings in the scan.
    pub findings: u64,
    /// Issues seen for the first time.
    pub new_issues: u64,
    /// Issues that had been fixed and are seen again.
    pub regressions: u64,
    /// Issues this scan closed as fixed (only complete scans close issues).
    pub fixed: u64,
    /// Whether the scan was complete (an incomplete scan never closes an issue).
    pub complete: bool,
    /// Lines of the uploaded CODEOWNERS file that were skipped (`PATH line N: why`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codeowners_errors: Vec<String>,
}

/// Limits on what an upload may hold, checked before anything is written.
pub const MAX_NAME_LEN: usize = 200;

/// A project name: 1-200 characters, letters, digits and `-_./`, not starting with `.` or `/`.
pub fn validate_project_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > MAX_NAME_LEN {
        return Err(format!("a project name has 1 to {MAX_NAME_LEN} characters"));
    }
    if name.starts_with(['.', '/']) {
        return Err(format!(
            "project name `{name}` must not start with `.` or `/`"
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')))
    {
        return Err(format!(
            "project name `{name}` has `{bad}`: use letters, digits and - _ . /"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_round_trip_and_unknown_ones_are_named() {
        for stage in [Stage::PreCommit, Stage::Pr, Stage::Main, Stage::Scheduled] {
            assert_eq!(stage.as_str().parse::<Stage>(), Ok(stage));
        }
        let err = "nightly".parse::<Stage>().unwrap_err();
        assert!(err.contains("nightly"), "{err}");
    }

    #[test]
    fn project_names_are_checked() {
        assert!(validate_project_name("payments/api-v2").is_ok());
        assert!(validate_project_name("").is_err());
        assert!(validate_project_name("../etc").is_err());
        assert!(validate_project_name("a b").is_err());
        assert!(validate_project_name(&"x".repeat(201)).is_err());
    }
}
