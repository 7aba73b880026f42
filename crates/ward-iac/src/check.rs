//! The check model: a check's documentation ([`Meta`]), the resource a finding names
//! ([`Resource`]), and the [`Sink`] every check reports into.

use ward_core::{
    Confidence, Detail, FileOutput, Finding, Fingerprint, IacDetail, Inconclusive, LineIndex,
    Location, RuleDoc, Severity, Span,
};

/// Everything a check says about itself. `ward explain`, SARIF `help` and the rule list read it.
#[derive(Debug)]
pub struct Meta {
    /// `<kind>/<kebab-name>`, e.g. `kubernetes/privileged-container`. Public API: never renamed.
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub confidence: Confidence,
    /// What the check finds.
    pub description: &'static str,
    /// Why it matters.
    pub rationale: &'static str,
    /// How to fix it.
    pub remediation: &'static str,
    /// A configuration the check reports, then its fixed form.
    pub example: &'static str,
    pub cwe: &'static [&'static str],
    /// The Checkov check ids that look for the same problem, where there are any (a fact kept
    /// for the comparison in BENCHMARKS.md, not a claim that the two agree on every input).
    pub checkov: &'static [&'static str],
}

impl Meta {
    pub fn rule_doc(&self) -> RuleDoc {
        RuleDoc {
            id: self.id.to_owned(),
            engine: crate::ENGINE.to_owned(),
            title: self.title.to_owned(),
            severity: self.severity,
            confidence: self.confidence,
            description: self.description.to_owned(),
            rationale: self.rationale.to_owned(),
            remediation: self.remediation.to_owned(),
            example: Some(self.example.to_owned()),
            cwe: self.cwe.iter().map(|&c| c.to_owned()).collect(),
            owasp: vec!["A05:2021".to_owned()],
            references: self
                .checkov
                .iter()
                .map(|id| format!("Equivalent Checkov check: {id}"))
                .collect(),
        }
    }
}

/// The resource a finding concerns, named as its own tool names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// `Deployment/web`, `aws_s3_bucket.logs`, `jobs.build.steps[1]`, `stage builder`.
    pub address: String,
    /// `Deployment`, `aws_s3_bucket`, `step`, `instruction`.
    pub kind: String,
    /// Index of the YAML document in its stream, for multi-document formats.
    pub document: Option<u32>,
}

/// Collects the findings of every check on one file.
#[derive(Debug)]
pub struct Sink<'a> {
    path: &'a str,
    lines: LineIndex<'a>,
    out: &'a mut FileOutput,
    /// The number of findings reported so far (tests and callers read it).
    pub reported: usize,
    /// Report no snippet: for documents whose line is the whole document (an image
    /// configuration is one line of JSON, environment values included).
    pub hide_snippets: bool,
    /// When set, only findings on these attribute paths are kept: a partial object (a
    /// Kustomize patch) is judged on what it sets, never on what it leaves out.
    pub present_only: Option<std::collections::HashSet<String>>,
}

impl<'a> Sink<'a> {
    pub fn new(path: &'a str, text: &'a str, out: &'a mut FileOutput) -> Self {
        Sink {
            path,
            lines: LineIndex::new(text.as_bytes()),
            out,
            reported: 0,
            hide_snippets: false,
            present_only: None,
        }
    }

    /// Reports a finding of `meta` at `span` on `resource`'s `attribute` (a dotted path from the
    /// resource; empty for the resource as a whole). The fingerprint's identity is the rule,
    /// the resource and the attribute, so moving lines does not change it.
    pub fn report(
        &mut self,
        meta: &Meta,
        span: Span,
        resource: &Resource,
        attribute: &str,
        message: impl Into<String>,
    ) {
        if self
            .present_only
            .as_ref()
            .is_some_and(|present| !present.contains(attribute))
        {
            return;
        }
        let line = String::from_utf8_lossy(self.lines.line_text(span.start_line));
        let snippet = line.trim_end().chars().take(400).collect::<String>();
        // A block (a container, a resource) is pointed at by its first line only.
        let mut span = span;
        if span.end_line != span.start_line {
            span.end_line = span.start_line;
            span.end_column = line.trim_end().chars().count() as u32 + 1;
        }
        let identity = format!("{}|{}|{attribute}", meta.id, resource.address);
        let finding = Finding {
            rule_id: meta.id.to_owned(),
            engine: crate::ENGINE.to_owned(),
            severity: meta.severity,
            confidence: meta.confidence,
            title: meta.title.to_owned(),
            message: message.into(),
            location: Location {
                path: self.path.to_owned(),
                span,
                snippet: (!snippet.trim().is_empty() && !self.hide_snippets).then_some(snippet),
            },
            cwe: meta.cwe.iter().map(|&c| c.to_owned()).collect(),
            owasp: vec!["A05:2021".to_owned()],
            remediation: Some(meta.remediation.to_owned()),
            references: Vec::new(),
            fingerprint: Fingerprint::default(),
            detail: Detail {
                iac: Some(IacDetail {
                    resource: resource.address.clone(),
                    kind: resource.kind.clone(),
                    attribute: attribute.to_owned(),
                    document: resource.document,
                }),
                ..Detail::default()
            },
            suppressed: None,
            risk: None,
        };
        self.reported += 1;
        self.out.finding(finding, identity);
    }

    /// The span of `needle` on the lines of `within` (the first occurrence), else `within`:
    /// where an expression sits inside a multi-line script.
    pub fn locate(&self, within: Span, needle: &str) -> Span {
        for line in within.start_line..=within.end_line.max(within.start_line) {
            let text = String::from_utf8_lossy(self.lines.line_text(line));
            if let Some(at) = text.find(needle) {
                let column = text[..at].chars().count() as u32 + 1;
                return Span::line(line, column, column + needle.chars().count() as u32);
            }
        }
        within
    }

    /// Records that `meta` could not decide at `line` because a value is unknown.
    pub fn inconclusive(&mut self, meta: &Meta, line: u32, reason: impl Into<String>) {
        self.out.inconclusive(Inconclusive {
            path: self.path.to_owned(),
            line,
            rule_id: meta.id.to_owned(),
            reason: reason.into(),
        });
    }
}
