//! The JUnit XML format, for CI dashboards that show test results.
//!
//! Each finding is a failing test case in the suite of its engine, and each completeness error
//! an erroring case in `ward-scan-completeness`, so a partial scan shows up red too. A clean,
//! complete scan is one passing case, so the dashboard shows that the scan ran.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::time::Duration;

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};
use ward_core::{Finding, ScanError, ScanReport};

use crate::text;

const REPORT_NAME: &str = "ward";
const FALLBACK_SUITE: &str = "ward";
const COMPLETENESS_SUITE: &str = "ward-scan-completeness";

pub(crate) fn render(report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    junit_report(report)
        .serialize(out)
        .map_err(io::Error::other)
}

fn junit_report(report: &ScanReport) -> Report {
    let mut junit = Report::new(REPORT_NAME);
    junit.set_time(Duration::from_millis(report.duration_ms));

    let blocking = text::blocking_fingerprints(report);
    // Suites in engine-name order; findings keep the report's order within each.
    let mut by_engine: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for finding in report.active() {
        let engine = if finding.engine.is_empty() {
            FALLBACK_SUITE
        } else {
            finding.engine.as_str()
        };
        by_engine.entry(engine).or_default().push(finding);
    }
    for (engine, findings) in by_engine {
        let mut suite = TestSuite::new(engine);
        suite.add_test_cases(
            findings
                .into_iter()
                .map(|f| finding_case(report, f, &blocking)),
        );
        junit.add_test_suite(suite);
    }

    let completeness = &report.completeness;
    if !completeness.errors.is_empty() {
        let mut suite = TestSuite::new(COMPLETENESS_SUITE);
        suite.add_properties([
            Property::new("files_seen", completeness.files_seen.to_string()),
            Property::new("files_scanned", completeness.files_scanned.to_string()),
            Property::new("files_skipped", completeness.skipped_total().to_string()),
            Property::new("errors", completeness.errors.len().to_string()),
        ]);
        suite.add_test_cases(completeness.errors.iter().map(error_case));
        junit.add_test_suite(suite);
    }

    if report.active().next().is_none() && completeness.errors.is_empty() {
        let mut suite = TestSuite::new(FALLBACK_SUITE);
        suite.add_test_case(TestCase::new("ward scan", TestCaseStatus::success()));
        junit.add_test_suite(suite);
    }
    junit
}

fn finding_case(
    report: &ScanReport,
    finding: &Finding,
    blocking: &BTreeMap<&str, &str>,
) -> TestCase {
    let location = &finding.location;
    let name = format!(
        "{} {}:{}",
        finding.rule_id, location.path, location.span.start_line
    );
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    status.set_message(text::one_line(&finding.message));
    status.set_type(finding.severity.as_str());
    // No snippet: the XML is often published as a build artifact, and a snippet may hold part
    // of a secret.
    let mut description = format!(
        "{}\n{}:{}:{}\nrule: {}\nseverity: {}, confidence: {}",
        finding.title,
        location.path,
        location.span.start_line,
        location.span.start_column,
        finding.rule_id,
        finding.severity,
        finding.confidence
    );
    if let Some(risk) = &finding.risk {
        description.push_str("\nrisk: ");
        description.push_str(&risk.score.to_string());
    }
    if let Some(reason) = blocking.get(finding.fingerprint.primary.as_str()) {
        description.push_str("\nblocks the gate: ");
        description.push_str(reason);
    }
    if let Some(fix) = text::fix_hint(report, finding) {
        description.push_str("\nfix: ");
        description.push_str(fix);
    }
    if !finding.fingerprint.primary.is_empty() {
        description.push_str("\nfingerprint: ");
        description.push_str(&finding.fingerprint.primary);
    }
    status.set_description(description);
    let mut case = TestCase::new(name, status);
    case.set_classname(location.path.as_str());
    case
}

fn error_case(error: &ScanError) -> TestCase {
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
    status.set_message(text::one_line(&error.message));
    status.set_type("scan-error");
    status.set_description(error.to_string());
    let name = match (&error.path, error.line) {
        (Some(path), Some(line)) => format!("scan {path}:{line}"),
        (Some(path), None) => format!("scan {path}"),
        (None, _) => "scan".to_owned(),
    };
    let mut case = TestCase::new(name, status);
    if let Some(engine) = &error.engine {
        case.set_classname(engine.as_str());
    }
    case
}
