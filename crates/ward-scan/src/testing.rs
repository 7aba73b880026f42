//! Marker engines for tests: they exist only with the `test-engine` feature, which only the
//! test builds enable, so the shipped binary never contains them.
//!
//! `test` reports a finding on every line containing `WARD-TEST-FINDING:<severity>`, an error on
//! every line containing `WARD-TEST-ERROR`, and panics on a file containing `WARD-TEST-PANIC`.
//! It reads raw bytes, so it also scans files that are not valid UTF-8. On a file containing
//! `WARD-TEST-SLOW` it works until its deadline (at most 30 s), for the time budgets. Its
//! configuration hash includes `$WARD_TEST_ENGINE_CONFIG`, so a test can change its "rules".
//! `test-utf8` claims `*.txt` files and needs valid UTF-8; it reports nothing, so it shows
//! per-engine skips.

use ward_core::{
    Confidence, ConfigHasher, Detail, Engine, FileInput, FileOutput, Finding, Fingerprint,
    Location, RuleDoc, ScanError, Severity, Span,
};

const FINDING_MARKER: &[u8] = b"WARD-TEST-FINDING:";
const ERROR_MARKER: &[u8] = b"WARD-TEST-ERROR";
const PANIC_MARKER: &[u8] = b"WARD-TEST-PANIC";
const SLOW_MARKER: &[u8] = b"WARD-TEST-SLOW";

/// Reports the markers described in the module documentation.
#[derive(Debug, Default)]
pub struct MarkerEngine;

fn rule() -> RuleDoc {
    RuleDoc {
        id: "test/marker".into(),
        engine: "test".into(),
        title: "Test marker".into(),
        severity: Severity::Medium,
        confidence: Confidence::High,
        description: "Finds the test marker `WARD-TEST-FINDING:<severity>`.".into(),
        rationale: "It lets the tests drive the pipeline end to end.".into(),
        remediation: "Remove the marker.".into(),
        example: Some("# WARD-TEST-FINDING:high".into()),
        cwe: vec!["CWE-1164".into()],
        owasp: vec![],
        references: vec!["https://example.invalid/ward/test-marker".into()],
    }
}

impl Engine for MarkerEngine {
    fn name(&self) -> &'static str {
        "test"
    }

    fn rules(&self) -> Vec<RuleDoc> {
        vec![rule()]
    }

    fn claims(&self, _file: &FileInput<'_>) -> bool {
        true
    }

    fn needs_utf8(&self) -> bool {
        false
    }

    fn scans_history(&self) -> bool {
        true
    }

    fn config_hash(&self) -> Option<String> {
        let setting = std::env::var("WARD_TEST_ENGINE_CONFIG").unwrap_or_default();
        Some(ConfigHasher::new("test").add(setting).finish())
    }

    fn scan_file(&self, file: &FileInput<'_>, out: &mut FileOutput) {
        assert!(
            memchr::memmem::find(file.bytes, PANIC_MARKER).is_none(),
            "test engine asked to panic"
        );
        if memchr::memmem::find(file.bytes, SLOW_MARKER).is_some() {
            let started = std::time::Instant::now();
            while !out.out_of_time() && started.elapsed() < std::time::Duration::from_secs(30) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
        let mut offset = 0;
        for (index, line) in file.bytes.split(|&b| b == b'\n').enumerate() {
            let line_no = index as u32 + 1;
            if let Some(pos) = memchr::memmem::find(line, FINDING_MARKER) {
                let rest = &line[pos + FINDING_MARKER.len()..];
                let word: Vec<u8> = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .copied()
                    .collect();
                let severity = String::from_utf8_lossy(&word)
                    .parse()
                    .unwrap_or(Severity::Medium);
                let end = pos + FINDING_MARKER.len() + word.len();
                let rule = rule();
                let snippet = String::from_utf8_lossy(line).trim_end().to_owned();
                out.finding(
                    Finding {
                        rule_id: rule.id,
                        engine: "test".into(),
                        severity,
                        confidence: Confidence::High,
                        title: rule.title,
                        message: format!("test marker of severity {severity}"),
                        location: Location {
                            path: file.path.to_owned(),
                            span: Span::from_byte_range(file.bytes, offset + pos, offset + end),
                            snippet: Some(snippet.clone()),
                        },
                        cwe: rule.cwe,
                        owasp: vec![],
                        remediation: Some(rule.remediation),
                        references: rule.references,
                        fingerprint: Fingerprint::default(),
                        detail: Detail::default(),
                        suppressed: None,
                        risk: None,
                    },
                    snippet,
                );
            }
            if memchr::memmem::find(line, ERROR_MARKER).is_some() {
                out.error(ScanError {
                    path: None,
                    line: Some(line_no),
                    engine: None,
                    message: "test error marker".into(),
                });
            }
            offset += line.len() + 1;
        }
    }
}

/// Claims `*.txt` and needs UTF-8; reports nothing.
#[derive(Debug, Default)]
pub struct Utf8OnlyEngine;

impl Engine for Utf8OnlyEngine {
    fn name(&self) -> &'static str {
        "test-utf8"
    }

    fn rules(&self) -> Vec<RuleDoc> {
        Vec::new()
    }

    fn claims(&self, file: &FileInput<'_>) -> bool {
        std::path::Path::new(file.path)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"))
    }

    fn config_hash(&self) -> Option<String> {
        Some(ConfigHasher::new("test-utf8").finish())
    }

    fn scan_file(&self, _file: &FileInput<'_>, _out: &mut FileOutput) {}
}
