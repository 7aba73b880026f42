//! GitLab security reports (schema 15.2.1): `secret_detection` for the secrets engine's
//! findings, `dependency_scanning` for vulnerable dependencies, `sast` for code and
//! configuration findings. GitLab reads them from CI artifacts
//! (`artifacts:reports:secret_detection` / `sast`) and shows them in merge requests.
//!
//! Suppressed findings are left out: GitLab has no suppressed state in this format. The
//! vulnerability id is derived from the fingerprint, so it is stable across runs.

use std::io::{self, Write};

use serde_json::{Value, json};
use ward_core::{Finding, ScanReport, Severity};

/// The report kinds GitLab has and Ward writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    SecretDetection,
    Sast,
    DependencyScanning,
}

const SCHEMA_VERSION: &str = "15.2.1";

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Info => "Info",
    }
}

/// `yyyy-mm-ddThh:mm:ss` as GitLab wants it (no zone), from Ward's `...Z` form.
fn gitlab_time(iso: &str) -> String {
    let trimmed = iso.trim_end_matches('Z');
    let valid = trimmed.len() == 19
        && trimmed.as_bytes().iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    if valid {
        trimmed.to_owned()
    } else {
        "1970-01-01T00:00:00".to_owned()
    }
}

/// The end time: the start plus the duration, in whole seconds.
fn end_time(report: &ScanReport) -> String {
    let start = gitlab_time(&report.started_at);
    let parse = |from: usize, to: usize| start[from..to].parse::<i64>().unwrap_or(0);
    let (y, mo, d) = (parse(0, 4), parse(5, 7), parse(8, 10));
    // Days from the civil date (Howard Hinnant's days_from_civil), to add seconds exactly.
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + parse(11, 13) * 3_600 + parse(14, 16) * 60 + parse(17, 19);
    let duration = i64::try_from(report.duration_ms / 1_000).unwrap_or(0);
    gitlab_time(&ward_core::time::iso_datetime(
        secs.saturating_add(duration),
    ))
}

/// Cuts text to the schema's `maxLength` (in characters), marking the cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

fn identifiers(finding: &Finding) -> Vec<Value> {
    let rule = if finding.rule_id.is_empty() {
        "unknown"
    } else {
        finding.rule_id.as_str()
    };
    let mut ids = vec![json!({
        "type": "ward_rule",
        "name": format!("Ward rule {rule}"),
        "value": rule,
    })];
    if let Some(vuln) = &finding.detail.vulnerability {
        for advisory in &vuln.advisory_ids {
            let (kind, url) = if advisory.starts_with("CVE-") {
                (
                    "cve".to_owned(),
                    format!("https://nvd.nist.gov/vuln/detail/{advisory}"),
                )
            } else {
                let prefix = advisory.split('-').next().unwrap_or("advisory");
                (
                    prefix.to_ascii_lowercase(),
                    format!("https://osv.dev/vulnerability/{advisory}"),
                )
            };
            ids.push(json!({
                "type": kind,
                "name": advisory,
                "value": advisory,
                "url": url,
            }));
        }
    }
    for cwe in &finding.cwe {
        let number = cwe.trim_start_matches("CWE-");
        if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            ids.push(json!({
                "type": "cwe",
                "name": cwe,
                "value": number,
                "url": format!("https://cwe.mitre.org/data/definitions/{number}.html"),
            }));
        }
    }
    ids
}

fn vulnerability(kind: Kind, finding: &Finding) -> Value {
    let span = finding.location.span;
    let mut location = json!({
        "file": finding.location.path,
        "start_line": span.start_line.max(1),
        "end_line": span.end_line.max(span.start_line).max(1),
    });
    if kind == Kind::SecretDetection {
        let commit = finding.detail.extra.get("commit");
        let sha = commit
            .and_then(|c| c.get("id"))
            .and_then(Value::as_str)
            .unwrap_or("0000000");
        let mut commit_json = json!({ "sha": sha });
        if let Some(c) = commit {
            for (key, theirs) in [
                ("author", "author"),
                ("date", "date"),
                ("summary", "message"),
            ] {
                if let Some(value) = c.get(key).and_then(Value::as_str) {
                    commit_json[theirs] = json!(value);
                }
            }
        }
        location["commit"] = commit_json;
    }
    if kind == Kind::DependencyScanning
        && let Some(vuln) = &finding.detail.vulnerability
    {
        let mut dependency = json!({
            "package": { "name": vuln.package.name },
            "version": vuln.package.version,
        });
        if let Some(direct) = vuln.direct {
            dependency["direct"] = json!(direct);
        }
        location = json!({
            "file": finding.location.path,
            "dependency": dependency,
        });
    }
    let id = if finding.fingerprint.primary.is_empty() {
        format!(
            "{}:{}:{}",
            finding.rule_id, finding.location.path, span.start_line
        )
    } else {
        finding.fingerprint.primary.clone()
    };
    let mut vuln = json!({
        "id": id,
        "name": cut(&finding.title, 255),
        "description": cut(&finding.message, 1_048_576),
        "severity": severity(finding.severity),
        "identifiers": identifiers(finding),
        "location": location,
    });
    if let Some(fix) = &finding.remediation {
        vuln["solution"] = json!(cut(fix, 7_000));
    }
    let links: Vec<Value> = finding
        .references
        .iter()
        .filter(|r| r.starts_with("http://") || r.starts_with("https://"))
        .map(|r| json!({ "url": r }))
        .collect();
    if !links.is_empty() {
        vuln["links"] = json!(links);
    }
    vuln
}

pub(crate) fn render(kind: Kind, report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    // Dependency findings without an advisory (an unpinned requirement) have no place in
    // GitLab's formats; JSON and SARIF carry them.
    let wanted = |f: &&Finding| match kind {
        Kind::SecretDetection => f.engine == "secrets",
        Kind::DependencyScanning => f.detail.vulnerability.is_some(),
        Kind::Sast => {
            f.engine != "secrets" && f.engine != "deps" && f.detail.vulnerability.is_none()
        }
    };
    let vulnerabilities: Vec<Value> = report
        .active()
        .filter(wanted)
        .map(|f| vulnerability(kind, f))
        .collect();
    let tool = json!({
        "id": "ward",
        "name": "Ward",
        "version": if report.tool.version.is_empty() { "0" } else { report.tool.version.as_str() },
        "vendor": { "name": "Ward" },
    });
    let document = json!({
        "version": SCHEMA_VERSION,
        "vulnerabilities": vulnerabilities,
        "scan": {
            "analyzer": tool,
            "scanner": tool,
            "type": match kind {
                Kind::SecretDetection => "secret_detection",
                Kind::Sast => "sast",
                Kind::DependencyScanning => "dependency_scanning",
            },
            "start_time": gitlab_time(&report.started_at),
            "end_time": end_time(report),
            // An incomplete scan is a failed one: findings may be missing.
            "status": if report.completeness.is_complete() { "success" } else { "failure" },
        },
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_in_gitlab_form() {
        assert_eq!(gitlab_time("2026-01-02T03:04:05Z"), "2026-01-02T03:04:05");
        assert_eq!(gitlab_time(""), "1970-01-01T00:00:00");
        assert_eq!(gitlab_time("not a date"), "1970-01-01T00:00:00");
    }
}
