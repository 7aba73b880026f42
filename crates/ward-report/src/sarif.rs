//! The SARIF 2.1.0 format, for code-scanning platforms (GitHub, GitLab, Azure DevOps, IDEs).
//!
//! One run with one result per finding, the rules that produced them, and one invocation whose
//! notifications carry the completeness record: a scan that could not read everything must not
//! look clean on the platform either.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, Invocation, Location, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, ReportingConfiguration,
    ReportingDescriptor, ReportingDescriptorReference, Result as SarifResult, ResultLevel, Run,
    Sarif, Tool, ToolComponent,
};
use ward_core::{Finding, RuleDoc, ScanError, ScanReport, Span};

use crate::text;

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SARIF_VERSION: &str = "2.1.0";
/// The project's home, from the package's `repository` (`informationUri` is left out if empty).
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");
/// Relative artifact URIs are relative to the scan root, which the platform maps to the checkout.
const SRCROOT: &str = "%SRCROOT%";
const SCAN_ERROR_ID: &str = "ward/scan-error";
const SKIPPED_FILES_ID: &str = "ward/skipped-files";
/// Indexes of the notification descriptors in `tool.driver.notifications`.
const SCAN_ERROR_INDEX: i64 = 0;
const SKIPPED_FILES_INDEX: i64 = 1;

pub(crate) fn render(report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &sarif_log(report))?;
    out.write_all(b"\n")
}

fn sarif_log(report: &ScanReport) -> Sarif {
    let rules = RuleTable::new(report);
    let blocking = text::blocking_fingerprints(report);
    let results: Vec<SarifResult> = report
        .findings
        .iter()
        .map(|finding| {
            let index = rules.index(&finding.rule_id);
            let blocks = blocking.get(finding.fingerprint.primary.as_str()).copied();
            result(finding, index, blocks)
        })
        .collect();

    let mut run = Run::builder()
        .tool(Tool::from(driver(report, rules.descriptors)))
        .build();
    run.results = Some(results);
    run.invocations = Some(vec![invocation(report)]);
    run.column_kind = Some(json!("unicodeCodePoints"));

    let mut log = Sarif::builder()
        .version(json!(SARIF_VERSION))
        .runs(vec![run])
        .build();
    log.schema = Some(SCHEMA_URI.to_owned());
    log
}

fn driver(report: &ScanReport, rules: Vec<ReportingDescriptor>) -> ToolComponent {
    let name = if report.tool.name.is_empty() {
        "ward"
    } else {
        report.tool.name.as_str()
    };
    let mut driver = ToolComponent::builder().name(name).build();
    if !report.tool.version.is_empty() {
        driver.version = Some(report.tool.version.clone());
        driver.semantic_version = Some(report.tool.version.clone());
    }
    driver.information_uri = Some(INFORMATION_URI)
        .filter(|uri| is_web_url(uri))
        .map(str::to_owned);
    driver.rules = Some(rules);
    driver.notifications = Some(vec![
        notification_descriptor(
            SCAN_ERROR_ID,
            "A file, or a rule on a file, could not be scanned: the scan is incomplete.",
        ),
        notification_descriptor(
            SKIPPED_FILES_ID,
            "Files were seen but not scanned (binary, too large, links, special files).",
        ),
    ]);
    driver
}

fn notification_descriptor(id: &str, description: &str) -> ReportingDescriptor {
    let mut descriptor = ReportingDescriptor::builder().id(id).build();
    descriptor.name = Some(kebab_name(id).to_owned());
    descriptor.short_description = Some(multiformat(description));
    descriptor
}

/// The rules of the run, sorted by id, with the index of each.
struct RuleTable {
    descriptors: Vec<ReportingDescriptor>,
    index: BTreeMap<String, usize>,
}

impl RuleTable {
    fn new(report: &ScanReport) -> Self {
        let mut docs: BTreeMap<&str, (RuleDoc, bool)> = BTreeMap::new();
        for rule in &report.rules {
            docs.entry(&rule.id).or_insert_with(|| (rule.clone(), true));
        }
        // A finding whose rule is not documented in the report still needs a rule to point at.
        for finding in &report.findings {
            docs.entry(&finding.rule_id)
                .or_insert_with(|| (undocumented_rule(finding), false));
        }
        let index = docs
            .keys()
            .enumerate()
            .map(|(i, id)| ((*id).to_owned(), i))
            .collect();
        let descriptors = docs
            .values()
            .map(|(rule, documented)| descriptor(rule, *documented))
            .collect();
        RuleTable { descriptors, index }
    }

    fn index(&self, rule_id: &str) -> Option<i64> {
        self.index.get(rule_id).and_then(|&i| i64::try_from(i).ok())
    }
}

fn undocumented_rule(finding: &Finding) -> RuleDoc {
    RuleDoc {
        id: finding.rule_id.clone(),
        engine: finding.engine.clone(),
        title: finding.title.clone(),
        severity: finding.severity,
        confidence: finding.confidence,
        description: String::new(),
        rationale: String::new(),
        remediation: finding.remediation.clone().unwrap_or_default(),
        example: None,
        cwe: finding.cwe.clone(),
        owasp: finding.owasp.clone(),
        references: finding.references.clone(),
    }
}

fn descriptor(rule: &RuleDoc, documented: bool) -> ReportingDescriptor {
    let mut descriptor = ReportingDescriptor::builder().id(rule.id.as_str()).build();
    descriptor.name = Some(kebab_name(&rule.id).to_owned());
    descriptor.short_description = Some(multiformat(&rule.title));
    if documented {
        descriptor.full_description = Some(multiformat(rule.description.trim()));
        let markdown = rule.to_markdown();
        descriptor.help = Some(
            MultiformatMessageString::builder()
                .text(markdown.as_str())
                .markdown(markdown.as_str())
                .build(),
        );
    }
    descriptor.help_uri = rule.references.iter().find(|r| is_web_url(r)).cloned();
    descriptor.default_configuration = Some(ReportingConfiguration {
        level: Some(json!(rule.severity.sarif_level())),
        ..ReportingConfiguration::default()
    });

    // GitHub reads `security` (to file the rule as a security alert), `external/cwe/cwe-N`,
    // `precision` and `security-severity`; other consumers show the tags as they are.
    let mut tags = vec!["security".to_owned()];
    if !rule.engine.is_empty() {
        tags.push(rule.engine.clone());
    }
    for cwe in &rule.cwe {
        tags.push(cwe.clone());
        if let Some(number) = cwe_number(cwe) {
            tags.push(format!("external/cwe/cwe-{number}"));
        }
    }
    tags.extend(rule.owasp.iter().cloned());
    let mut seen = BTreeSet::new();
    // SARIF requires the tags to be unique.
    tags.retain(|tag| seen.insert(tag.clone()));

    let mut properties = BTreeMap::new();
    properties.insert("precision".to_owned(), json!(rule.confidence.as_str()));
    properties.insert(
        "security-severity".to_owned(),
        json!(format!("{:.1}", rule.severity.score())),
    );
    descriptor.properties = Some(PropertyBag {
        tags: Some(tags),
        additional_properties: properties,
    });
    descriptor
}

fn result(finding: &Finding, rule_index: Option<i64>, blocks: Option<&str>) -> SarifResult {
    let text = if finding.message.trim().is_empty() {
        finding.title.as_str()
    } else {
        finding.message.as_str()
    };
    let mut result = SarifResult::builder().message(message(text)).build();
    result.rule_id = Some(finding.rule_id.clone());
    result.rule_index = rule_index;
    result.level = finding.severity.sarif_level().parse::<ResultLevel>().ok();
    let location = &finding.location;
    if let Some(physical) = physical_location(
        &location.path,
        region(location.span, location.snippet.as_deref()),
    ) {
        result.locations = Some(vec![Location {
            physical_location: Some(physical),
            ..Location::default()
        }]);
    }
    if let Some(vulnerability) = &finding.detail.vulnerability
        && !vulnerability.reachable_from.is_empty()
    {
        // Where the project's code reaches the vulnerable code.
        let related: Vec<Location> = vulnerability
            .reachable_from
            .iter()
            .enumerate()
            .filter_map(|(i, site)| {
                let physical =
                    physical_location(&site.path, region(site.span, site.snippet.as_deref()))?;
                Some(Location {
                    id: i64::try_from(i).ok(),
                    physical_location: Some(physical),
                    message: Some(message("reaches the vulnerable code")),
                    ..Location::default()
                })
            })
            .collect();
        result.related_locations = Some(related);
    }

    let fingerprints: BTreeMap<String, String> = [
        ("ward/v1", &finding.fingerprint.primary),
        ("ward-content/v1", &finding.fingerprint.content),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(key, value)| (key.to_owned(), value.clone()))
    .collect();
    if !fingerprints.is_empty() {
        result.partial_fingerprints = Some(fingerprints);
    }

    if let Some(suppression) = &finding.suppressed {
        // SARIF keeps suppressed results, marked: code scanning shows them as dismissed.
        // SARIF's kinds: `inSource` (a comment in the code) or `external` (a file beside it).
        let kind = match suppression.kind {
            ward_core::SuppressionKind::Inline => "inSource",
            ward_core::SuppressionKind::IgnoreFile
            | ward_core::SuppressionKind::Baseline
            | ward_core::SuppressionKind::Unchanged
            | ward_core::SuppressionKind::Vex => "external",
        };
        let mut extra = BTreeMap::new();
        extra.insert("ward-kind".to_owned(), json!(suppression.kind));
        for (key, value) in [
            ("owner", &suppression.owner),
            ("expires", &suppression.expires),
            ("source", &suppression.source),
        ] {
            if let Some(value) = value {
                extra.insert(key.to_owned(), json!(value));
            }
        }
        result.suppressions = Some(vec![serde_sarif::sarif::Suppression {
            guid: None,
            justification: suppression.justification.clone(),
            kind: json!(kind),
            location: None,
            properties: Some(PropertyBag {
                tags: None,
                additional_properties: extra,
            }),
            status: Some(json!("accepted")),
        }]);
    }

    let mut properties = BTreeMap::new();
    properties.insert("severity".to_owned(), json!(finding.severity));
    properties.insert("confidence".to_owned(), json!(finding.confidence));
    properties.insert("engine".to_owned(), json!(finding.engine));
    properties.insert("blocking".to_owned(), json!(blocks.is_some()));
    if let Some(reason) = blocks {
        properties.insert("blockingReason".to_owned(), json!(reason));
    }
    if let Some(risk) = &finding.risk {
        properties.insert("risk".to_owned(), json!(risk.score));
    }
    result.properties = Some(PropertyBag {
        tags: None,
        additional_properties: properties,
    });
    result
}

/// The region of a span, made valid for SARIF (lines and columns start at 1, and the end is not
/// before the start). `None` when the span has no line.
fn region(span: Span, snippet: Option<&str>) -> Option<Region> {
    if span.start_line == 0 {
        return None;
    }
    let end_line = span.end_line.max(span.start_line);
    let has_columns = span.start_column > 0 && span.end_column > 0;
    let end_column = if end_line == span.start_line {
        span.end_column.max(span.start_column)
    } else {
        span.end_column
    };
    Some(Region {
        start_line: Some(i64::from(span.start_line)),
        start_column: (span.start_column > 0).then_some(i64::from(span.start_column)),
        end_line: Some(i64::from(end_line)),
        end_column: has_columns.then_some(i64::from(end_column)),
        snippet: snippet.map(|text| ArtifactContent {
            text: Some(text.to_owned()),
            ..ArtifactContent::default()
        }),
        ..Region::default()
    })
}

/// The physical location of a file path relative to the scan root; `None` without a path.
fn physical_location(path: &str, region: Option<Region>) -> Option<PhysicalLocation> {
    if path.is_empty() {
        return None;
    }
    Some(PhysicalLocation {
        artifact_location: Some(ArtifactLocation {
            uri: Some(path_uri(path)),
            uri_base_id: Some(SRCROOT.to_owned()),
            ..ArtifactLocation::default()
        }),
        region,
        ..PhysicalLocation::default()
    })
}

fn invocation(report: &ScanReport) -> Invocation {
    let completeness = &report.completeness;
    let mut notifications: Vec<Notification> =
        completeness.errors.iter().map(error_notification).collect();
    let skipped = completeness.skipped_total();
    if skipped > 0 {
        let summary = format!(
            "skipped {}: {}",
            text::count(skipped as usize, "file", "files"),
            text::skipped_by_reason(completeness)
        );
        let mut note = Notification::builder().message(message(&summary)).build();
        note.level = Some(json!("note"));
        note.descriptor = Some(descriptor_reference(SKIPPED_FILES_ID, SKIPPED_FILES_INDEX));
        notifications.push(note);
    }

    for notice in &report.notices {
        // Policy notices (an expired or unused ignore entry) are warnings about the run.
        let text = match &notice.source {
            Some(source) => format!("{source}: {}", notice.message),
            None => notice.message.clone(),
        };
        let mut note = Notification::builder().message(message(&text)).build();
        note.level = Some(json!("warning"));
        notifications.push(note);
    }

    let mut invocation = Invocation::builder()
        .execution_successful(completeness.is_complete())
        .build();
    invocation.tool_execution_notifications = Some(notifications);

    let skipped_by_reason: BTreeMap<String, u64> = completeness
        .skipped
        .iter()
        .map(|(reason, &n)| (reason.as_str().to_owned(), n))
        .collect();
    let mut properties = BTreeMap::new();
    properties.insert(
        "completeness".to_owned(),
        // Keys in sorted order, so the output is the same whether or not another crate turns
        // on serde_json's `preserve_order`.
        json!({
            "bytesScanned": completeness.bytes_scanned,
            "errors": completeness.errors.len(),
            "filesScanned": completeness.files_scanned,
            "filesSeen": completeness.files_seen,
            "filesSkipped": skipped,
            "skipped": skipped_by_reason,
        }),
    );
    let mut gate = json!({
        "blocking": report.gate.blocking.len(),
        "failOn": report.gate.fail_on,
        "passed": report.gate.passed,
    });
    if let Some(risk) = report.gate.fail_on_risk {
        gate["failOnRisk"] = json!(risk);
    }
    if !report.gate.warnings.is_empty() {
        gate["warnings"] = json!(report.gate.warnings.len());
    }
    properties.insert("gate".to_owned(), gate);
    properties.insert("durationMs".to_owned(), Value::from(report.duration_ms));
    properties.insert("engines".to_owned(), json!(report.tool.engines));
    invocation.properties = Some(PropertyBag {
        tags: None,
        additional_properties: properties,
    });
    invocation
}

fn error_notification(error: &ScanError) -> Notification {
    // The text names the file too: some platforms show notifications without their locations.
    let mut notification = Notification::builder()
        .message(message(&error.to_string()))
        .build();
    notification.level = Some(json!("error"));
    notification.descriptor = Some(descriptor_reference(SCAN_ERROR_ID, SCAN_ERROR_INDEX));
    let region = error.line.filter(|&line| line > 0).map(|line| Region {
        start_line: Some(i64::from(line)),
        ..Region::default()
    });
    if let Some(physical) = error
        .path
        .as_deref()
        .and_then(|path| physical_location(path, region))
    {
        notification.locations = Some(vec![Location {
            physical_location: Some(physical),
            ..Location::default()
        }]);
    }
    if let Some(engine) = &error.engine {
        let mut properties = BTreeMap::new();
        properties.insert("engine".to_owned(), json!(engine));
        notification.properties = Some(PropertyBag {
            tags: None,
            additional_properties: properties,
        });
    }
    notification
}

fn descriptor_reference(id: &str, index: i64) -> ReportingDescriptorReference {
    ReportingDescriptorReference {
        id: Some(id.to_owned()),
        index: Some(index),
        ..ReportingDescriptorReference::default()
    }
}

fn message(text: &str) -> Message {
    Message::builder().text(text).build()
}

fn multiformat(text: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(text).build()
}

/// The name part of a namespaced rule id: `aws-access-key-id` for `secrets/aws-access-key-id`.
fn kebab_name(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

/// `798` for `CWE-798`.
fn cwe_number(cwe: &str) -> Option<&str> {
    let number = cwe
        .strip_prefix("CWE-")
        .or_else(|| cwe.strip_prefix("cwe-"))?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some(number)
}

/// Whether a reference can be given as a SARIF `helpUri` (an absolute `http(s)` URI).
fn is_web_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && s.len() > "https://".len()
        && s.bytes().all(|b| {
            b.is_ascii_graphic()
                && !matches!(
                    b,
                    b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'\\' | b'^' | b'`'
                )
        })
}

/// A relative URI reference for a path: percent-encodes every byte that may not appear as is in
/// a URI path, so paths with spaces, `#`, `%` or non-ASCII names stay valid `uri-reference`s.
fn path_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'@' => uri.push(char::from(b)),
            // `:` is encoded too: in a first segment it would read as a URI scheme.
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                uri.push('%');
                uri.push(char::from(HEX[usize::from(b >> 4)]));
                uri.push(char::from(HEX[usize::from(b & 0xF)]));
            }
        }
    }
    // A leading `//` would start an authority (a host name), not a path.
    if let Some(rest) = uri.strip_prefix("//") {
        uri = format!("/%2F{rest}");
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("src/app.py"), "src/app.py");
        assert_eq!(path_uri("my dir/a#b%c.py"), "my%20dir/a%23b%25c.py");
        assert_eq!(path_uri("c:x/é.rs"), "c%3Ax/%C3%A9.rs");
        assert_eq!(
            path_uri("node_modules/@scope/x.js"),
            "node_modules/@scope/x.js"
        );
        assert_eq!(path_uri("//host/x"), "/%2Fhost/x");
    }

    #[test]
    fn regions_are_valid_for_any_span() {
        assert_eq!(region(Span::line(0, 1, 2), None), None);
        let inverted = region(
            Span {
                start_line: 5,
                start_column: 9,
                end_line: 3,
                end_column: 2,
            },
            None,
        )
        .unwrap();
        assert_eq!(inverted.end_line, Some(5));
        assert_eq!(inverted.end_column, Some(9));
        let no_columns = region(Span::line(2, 0, 0), None).unwrap();
        assert_eq!(
            (no_columns.start_column, no_columns.end_column),
            (None, None)
        );
    }

    #[test]
    fn rule_names_and_cwes() {
        assert_eq!(kebab_name("secrets/aws-access-key-id"), "aws-access-key-id");
        assert_eq!(kebab_name("plain"), "plain");
        assert_eq!(cwe_number("CWE-798"), Some("798"));
        assert_eq!(cwe_number("CWE-"), None);
        assert_eq!(cwe_number("A02:2021"), None);
        assert!(is_web_url(
            "https://cwe.mitre.org/data/definitions/798.html"
        ));
        assert!(!is_web_url("see the docs"));
        assert!(!is_web_url("https://"));
    }
}
