//! Ward's renderers: they turn a finished [`ScanReport`] into output for people and machines.
//!
//! This crate owns the step from a finding set to an output format: a terminal table, the JSON
//! report (and its JSON Schema), SARIF 2.1.0 for code-scanning platforms, a Markdown summary for
//! pull-request comments, and JUnit XML for CI dashboards. Every renderer is a pure function of
//! the report: none reads files, looks at the clock or the environment, and each writes its
//! output in a deterministic order. The crate must not depend on anything but `ward-core` and the
//! crates of the formats it writes.

mod github;
mod gitlab;
mod json;
mod junit;
mod markdown;
mod openvex;
mod sarif;
mod sbom;
mod table;
mod text;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use ward_core::ScanReport;

pub use json::json_schema;
pub use sbom::{SbomFormat, SbomOptions, render_sbom};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Human-readable findings with code frames and a summary, for terminals.
    #[default]
    Table,
    /// The [`ScanReport`] as JSON (see [`json_schema`]).
    Json,
    /// SARIF 2.1.0, for code-scanning platforms.
    Sarif,
    /// A summary for pull-request comments.
    Markdown,
    /// JUnit XML, for CI test dashboards.
    Junit,
    /// GitHub Actions workflow commands: each finding becomes an annotation on the PR diff.
    Github,
    /// GitLab's secret-detection report (schema 15.2.1): the secrets engine's findings.
    GitlabSecrets,
    /// GitLab's SAST report (schema 15.2.1): code and configuration findings.
    GitlabSast,
    /// GitLab's dependency-scanning report (schema 15.2.1): vulnerable dependencies.
    GitlabDependencies,
    /// OpenVEX 0.2.0 statements about the vulnerable dependencies found.
    OpenVex,
}

impl Format {
    /// Every format, in the order they are listed to users.
    pub const ALL: [Format; 10] = [
        Format::Table,
        Format::Json,
        Format::Sarif,
        Format::Markdown,
        Format::Junit,
        Format::Github,
        Format::GitlabSecrets,
        Format::GitlabSast,
        Format::GitlabDependencies,
        Format::OpenVex,
    ];

    /// The name users type (`--format NAME`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Markdown => "markdown",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::GitlabSecrets => "gitlab-secrets",
            Format::GitlabSast => "gitlab-sast",
            Format::GitlabDependencies => "gitlab-dependencies",
            Format::OpenVex => "openvex",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseFormatError {
    value: String,
}

impl fmt::Display for ParseFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown format `{}` (expected one of: ", self.value)?;
        for (i, format) in Format::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(format.as_str())?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for ParseFormatError {}

impl FromStr for Format {
    type Err = ParseFormatError;

    /// Accepts the names of [`Format::ALL`] case-insensitively, and `md` for Markdown.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "markdown" | "md" => Ok(Format::Markdown),
            "junit" => Ok(Format::Junit),
            "github" => Ok(Format::Github),
            "gitlab-secrets" | "gitlab-secret-detection" => Ok(Format::GitlabSecrets),
            "gitlab-sast" => Ok(Format::GitlabSast),
            "gitlab-dependencies" | "gitlab-dependency-scanning" => Ok(Format::GitlabDependencies),
            "openvex" | "vex" => Ok(Format::OpenVex),
            _ => Err(ParseFormatError {
                value: s.to_owned(),
            }),
        }
    }
}

/// How to render for the place the output goes to. Only the table format looks at these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RenderOptions {
    /// Use ANSI colours. When false, the output holds no escape sequence at all.
    pub color: bool,
    /// Terminal width in columns; 0 means unknown (100 is assumed).
    pub width: usize,
}

/// Writes `report` to `out` in `format`.
///
/// The output depends only on the arguments: the same report always renders to the same bytes.
pub fn render(
    format: Format,
    report: &ScanReport,
    out: &mut dyn Write,
    options: &RenderOptions,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(report, out, options),
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Markdown => markdown::render(report, out),
        Format::Junit => junit::render(report, out),
        Format::Github => github::render(report, out),
        Format::GitlabSecrets => gitlab::render(gitlab::Kind::SecretDetection, report, out),
        Format::GitlabSast => gitlab::render(gitlab::Kind::Sast, report, out),
        Format::GitlabDependencies => gitlab::render(gitlab::Kind::DependencyScanning, report, out),
        Format::OpenVex => openvex::render(report, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.to_string().parse::<Format>(), Ok(format));
        }
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
        assert_eq!("SARIF".parse::<Format>(), Ok(Format::Sarif));
    }

    #[test]
    fn unknown_format_lists_the_valid_names() {
        let err = "xml".parse::<Format>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown format `xml` (expected one of: table, json, sarif, markdown, junit, github, gitlab-secrets, gitlab-sast, gitlab-dependencies, openvex)"
        );
    }
}
