//! OpenVEX 0.2.0: one statement per vulnerable package found, so downstream consumers (and a
//! later `ward scan --vex`) know what this scan concluded.
//!
//! A finding whose affected code is known not to be reached is `not_affected` with the
//! justification `vulnerable_code_not_in_execute_path`; every other one is `affected`, with the
//! fix as the action. Findings already suppressed by a VEX statement are left out: that
//! statement is the decision, and repeating it here would present it as Ward's own.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest, Sha256};
use ward_core::{Reachability, ScanReport, SuppressionKind};

#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: String,
    author: &'static str,
    timestamp: &'a str,
    version: u32,
    tooling: String,
    statements: Vec<Statement<'a>>,
}

// Field names are OpenVEX's.
#[allow(clippy::struct_field_names)]
#[derive(Serialize)]
struct Statement<'a> {
    vulnerability: Vulnerability<'a>,
    products: Vec<Product<'a>>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    impact_statement: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    action_statement: Option<String>,
}

#[derive(Serialize)]
struct Vulnerability<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: &'a [String],
}

#[derive(Serialize)]
struct Product<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
}

pub fn render(report: &ScanReport, w: &mut dyn Write) -> io::Result<()> {
    // (advisory, purl) -> statement: the same package in two lockfiles is one statement.
    let mut statements: BTreeMap<(&str, &str), Statement<'_>> = BTreeMap::new();
    for finding in &report.findings {
        let Some(vulnerability) = &finding.detail.vulnerability else {
            continue;
        };
        if finding
            .suppressed
            .as_ref()
            .is_some_and(|s| s.kind == SuppressionKind::Vex)
        {
            continue;
        }
        let Some((name, aliases)) = vulnerability.advisory_ids.split_first() else {
            continue;
        };
        let purl = vulnerability.package.purl.as_str();
        let not_reached = vulnerability.reachability == Some(Reachability::NotReachable);
        let statement = if not_reached {
            Statement {
                vulnerability: Vulnerability { name, aliases },
                products: vec![Product { id: purl }],
                status: "not_affected",
                justification: Some("vulnerable_code_not_in_execute_path"),
                impact_statement: Some(
                    "Ward found no call from the project's code to the affected functions."
                        .to_owned(),
                ),
                action_statement: None,
            }
        } else {
            let action = match &vulnerability.fixed_version {
                Some(fixed) => format!(
                    "Upgrade {} from {} to {fixed} or later.",
                    vulnerability.package.name, vulnerability.package.version
                ),
                None => format!(
                    "No fixed version of {} is known: remove or replace it.",
                    vulnerability.package.name
                ),
            };
            Statement {
                vulnerability: Vulnerability { name, aliases },
                products: vec![Product { id: purl }],
                status: "affected",
                justification: None,
                impact_statement: None,
                action_statement: Some(action),
            }
        };
        // One lockfile may say "reached" while another does not: affected wins.
        statements
            .entry((name.as_str(), purl))
            .and_modify(|seen| {
                if seen.status == "not_affected" && statement.status == "affected" {
                    seen.status = "affected";
                    seen.justification = None;
                    seen.impact_statement = None;
                    seen.action_statement
                        .clone_from(&statement.action_statement);
                }
            })
            .or_insert(statement);
    }
    let mut hasher = Sha256::new();
    hasher.update(report.started_at.as_bytes());
    for (name, purl) in statements.keys() {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(purl.as_bytes());
    }
    let digest = hasher.finalize()[..16]
        .iter()
        .fold(String::new(), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        });
    let document = Document {
        context: "https://openvex.dev/ns/v0.2.0",
        id: format!("urn:ward:openvex:{digest}"),
        author: "Ward",
        timestamp: &report.started_at,
        version: 1,
        tooling: format!("ward {}", report.tool.version),
        statements: statements.into_values().collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &document)?;
    writeln!(w)
}
