//! OpenVEX documents (`--vex FILE`): statements that a product is not affected by a
//! vulnerability, or that it is fixed, suppress the matching dependency findings with the
//! statement's justification; `affected` and `under_investigation` suppress nothing.
//!
//! A statement applies to a finding when its vulnerability (name or alias) is one of the
//! finding's advisory ids and one of its products or subcomponents is the finding's package (by
//! purl; a purl without a version covers every version). A statement that names no package purl
//! at all (no products, or only the application's own identifier) is about the project being
//! scanned, so it covers the vulnerability in every package. When several statements apply, the
//! latest (by timestamp, then by order in the documents) decides, as OpenVEX says.

use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;
use ward_core::{Finding, Suppression, SuppressionKind};

use crate::ConfigError;

/// One OpenVEX document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VexDocument {
    /// Where it was read from, for messages.
    pub source: String,
    statements: Vec<Statement>,
}

// Field names are OpenVEX's.
#[allow(clippy::struct_field_names)]
#[derive(Debug, Clone, PartialEq, Eq)]
struct Statement {
    /// 1-based position in the document.
    number: usize,
    /// The vulnerability's name and aliases, uppercase.
    vulnerabilities: Vec<String>,
    /// Package purls among the products and subcomponents.
    packages: Vec<PurlKey>,
    status: Status,
    justification: Option<String>,
    impact_statement: Option<String>,
    timestamp: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    NotAffected,
    Affected,
    Fixed,
    UnderInvestigation,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::NotAffected => "not_affected",
            Status::Affected => "affected",
            Status::Fixed => "fixed",
            Status::UnderInvestigation => "under_investigation",
        }
    }
}

/// A purl reduced to what identifies a package: type, namespace/name, optional version.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PurlKey {
    name: String,
    version: Option<String>,
}

impl PurlKey {
    fn parse(purl: &str) -> Option<PurlKey> {
        let rest = purl.trim().strip_prefix("pkg:")?;
        let rest = rest.split(['?', '#']).next()?;
        let (path, version) = match rest.rfind('@') {
            Some(at) if !rest[at..].contains('/') => (&rest[..at], Some(decode(&rest[at + 1..]))),
            _ => (rest, None),
        };
        if !path.contains('/') {
            return None;
        }
        Some(PurlKey {
            name: decode(path).to_ascii_lowercase(),
            version: version.filter(|v| !v.is_empty()),
        })
    }

    /// Whether this (a statement's product) covers `package` (a finding's purl).
    fn covers(&self, package: &PurlKey) -> bool {
        self.name == package.name
            && self
                .version
                .as_ref()
                .is_none_or(|v| package.version.as_ref() == Some(v))
    }
}

fn decode(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Deserialize)]
struct RawDocument {
    #[serde(default)]
    timestamp: Option<String>,
    #[serde(default)]
    statements: Option<Vec<RawStatement>>,
}

#[derive(Deserialize)]
struct RawStatement {
    vulnerability: Option<RawVulnerability>,
    #[serde(default)]
    products: Vec<RawComponent>,
    status: Option<String>,
    #[serde(default)]
    justification: Option<String>,
    #[serde(default)]
    impact_statement: Option<String>,
    #[serde(default)]
    timestamp: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawVulnerability {
    /// OpenVEX before 0.2: the name as a string.
    Name(String),
    Object {
        #[serde(default)]
        name: Option<String>,
        #[serde(default, rename = "@id")]
        id: Option<String>,
        #[serde(default)]
        aliases: Vec<String>,
    },
}

#[derive(Deserialize)]
struct RawComponent {
    #[serde(default, rename = "@id")]
    id: Option<String>,
    #[serde(default)]
    identifiers: Option<std::collections::BTreeMap<String, String>>,
    #[serde(default)]
    subcomponents: Vec<RawComponent>,
}

impl RawComponent {
    fn purls(&self, out: &mut Vec<PurlKey>) {
        let ids = self.id.iter().chain(
            self.identifiers
                .iter()
                .flat_map(|m| m.get("purl").into_iter()),
        );
        out.extend(ids.filter_map(|id| PurlKey::parse(id)));
        for sub in &self.subcomponents {
            sub.purls(out);
        }
    }
}

impl VexDocument {
    /// Reads an OpenVEX JSON document.
    pub fn load(path: &Path) -> Result<VexDocument, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read the VEX document: {err}"),
        })?;
        VexDocument::parse(&text, path)
    }

    /// Parses an OpenVEX JSON document; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<VexDocument, ConfigError> {
        let error = |line: Option<usize>, column: Option<usize>, message: String| ConfigError {
            path: path.to_path_buf(),
            line,
            column,
            message,
        };
        let raw: RawDocument = serde_json::from_str(text).map_err(|e| {
            error(
                (e.line() > 0).then_some(e.line()),
                (e.column() > 0).then_some(e.column()),
                format!("not a valid OpenVEX document: {e}"),
            )
        })?;
        let Some(raw_statements) = raw.statements else {
            return Err(error(
                None,
                None,
                "not an OpenVEX document: no `statements`".into(),
            ));
        };
        let document_time = raw.timestamp.unwrap_or_default();
        let mut statements = Vec::new();
        for (i, raw) in raw_statements.into_iter().enumerate() {
            let number = i + 1;
            let vulnerabilities: Vec<String> = match raw.vulnerability {
                Some(RawVulnerability::Name(name)) => vec![name],
                Some(RawVulnerability::Object { name, id, aliases }) => {
                    name.into_iter().chain(id).chain(aliases).collect()
                }
                None => Vec::new(),
            }
            .into_iter()
            .map(|v| v.trim().to_ascii_uppercase())
            .filter(|v| !v.is_empty())
            .collect();
            if vulnerabilities.is_empty() {
                return Err(error(
                    None,
                    None,
                    format!("statement {number} names no vulnerability"),
                ));
            }
            let status = match raw.status.as_deref() {
                Some("not_affected") => Status::NotAffected,
                Some("affected") => Status::Affected,
                Some("fixed") => Status::Fixed,
                Some("under_investigation") => Status::UnderInvestigation,
                Some(other) => {
                    return Err(error(
                        None,
                        None,
                        format!(
                            "statement {number}: unknown status `{other}` (expected not_affected, affected, fixed or under_investigation)"
                        ),
                    ));
                }
                None => {
                    return Err(error(
                        None,
                        None,
                        format!("statement {number} has no status"),
                    ));
                }
            };
            if status == Status::NotAffected
                && raw.justification.is_none()
                && raw.impact_statement.is_none()
            {
                return Err(error(
                    None,
                    None,
                    format!(
                        "statement {number} says not_affected without a justification or impact_statement (OpenVEX requires one)"
                    ),
                ));
            }
            let mut packages = Vec::new();
            for product in &raw.products {
                product.purls(&mut packages);
            }
            statements.push(Statement {
                number,
                vulnerabilities,
                packages,
                status,
                justification: raw.justification,
                impact_statement: raw.impact_statement,
                timestamp: raw.timestamp.unwrap_or_else(|| document_time.clone()),
            });
        }
        Ok(VexDocument {
            source: path.display().to_string(),
            statements,
        })
    }
}

/// Suppresses the dependency findings that the documents' latest applicable statements say are
/// not affected or fixed. Returns how many findings were suppressed.
pub fn apply_vex(documents: &[VexDocument], findings: &mut [Finding]) -> usize {
    let mut suppressed = 0;
    for finding in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
        let Some(vulnerability) = &finding.detail.vulnerability else {
            continue;
        };
        let Some(package) = PurlKey::parse(&vulnerability.package.purl) else {
            continue;
        };
        let ids: Vec<String> = vulnerability
            .advisory_ids
            .iter()
            .map(|id| id.to_ascii_uppercase())
            .collect();
        // (timestamp, document, statement): the greatest decides.
        let mut decision: Option<((&str, usize, usize), &Statement, &VexDocument)> = None;
        for (d, document) in documents.iter().enumerate() {
            for statement in &document.statements {
                if !statement.vulnerabilities.iter().any(|v| ids.contains(v)) {
                    continue;
                }
                if !statement.packages.is_empty()
                    && !statement.packages.iter().any(|p| p.covers(&package))
                {
                    continue;
                }
                let key = (statement.timestamp.as_str(), d, statement.number);
                if decision.as_ref().is_none_or(|(best, _, _)| key >= *best) {
                    decision = Some((key, statement, document));
                }
            }
        }
        let Some((_, statement, document)) = decision else {
            continue;
        };
        if !matches!(statement.status, Status::NotAffected | Status::Fixed) {
            continue;
        }
        let mut why = statement.status.as_str().to_owned();
        if let Some(justification) = &statement.justification {
            let _ = write!(why, " ({justification})");
        }
        if let Some(impact) = &statement.impact_statement {
            let _ = write!(why, ": {}", impact.trim());
        }
        finding.suppressed = Some(Suppression {
            kind: SuppressionKind::Vex,
            justification: Some(why),
            owner: None,
            expires: None,
            source: Some(format!(
                "{} (statement {})",
                document.source, statement.number
            )),
        });
        suppressed += 1;
    }
    suppressed
}

#[cfg(test)]
mod tests {
    use super::*;
    use ward_core::{
        Confidence, Detail, Fingerprint, Location, PackageRef, Severity, Span, Vulnerability,
    };

    fn finding(purl: &str, ids: &[&str]) -> Finding {
        Finding {
            rule_id: format!("deps/{}", ids[0]),
            engine: "deps".into(),
            severity: Severity::High,
            confidence: Confidence::High,
            title: "t".into(),
            message: "m".into(),
            location: Location {
                path: "package-lock.json".into(),
                span: Span::line(3, 1, 2),
                snippet: None,
            },
            cwe: Vec::new(),
            owasp: Vec::new(),
            remediation: None,
            references: Vec::new(),
            fingerprint: Fingerprint::default(),
            detail: Detail {
                vulnerability: Some(Vulnerability {
                    package: PackageRef {
                        ecosystem: "npm".into(),
                        name: "x".into(),
                        version: "1.0.0".into(),
                        purl: purl.into(),
                    },
                    advisory_ids: ids.iter().map(|s| (*s).to_owned()).collect(),
                    summary: None,
                    fixed_version: None,
                    cvss: None,
                    database_severity: None,
                    epss: None,
                    kev: None,
                    reachability: None,
                    reachable_from: Vec::new(),
                    dependency_path: Vec::new(),
                    direct: None,
                    dev: None,
                    notes: Vec::new(),
                }),
                ..Detail::default()
            },
            suppressed: None,
            risk: None,
        }
    }

    fn doc(text: &str) -> VexDocument {
        VexDocument::parse(text, Path::new("app.vex.json")).unwrap()
    }

    const DOC: &str = r#"{
  "@context": "https://openvex.dev/ns/v0.2.0",
  "@id": "https://example.com/vex/1",
  "author": "Security team",
  "timestamp": "2026-11-01T10:00:00Z",
  "version": 1,
  "statements": [
    {
      "vulnerability": { "name": "CVE-2019-10744" },
      "products": [ { "@id": "pkg:npm/lodash@4.17.11" } ],
      "status": "not_affected",
      "justification": "vulnerable_code_not_in_execute_path",
      "impact_statement": "defaultsDeep is never called"
    },
    {
      "vulnerability": { "name": "GHSA-aaaa-bbbb-cccc" },
      "products": [ { "@id": "pkg:github/acme/app", "subcomponents": [ { "@id": "pkg:npm/%40scope/tool" } ] } ],
      "status": "fixed"
    },
    {
      "vulnerability": { "name": "CVE-2020-0001" },
      "status": "under_investigation"
    }
  ]
}"#;

    #[test]
    fn not_affected_by_alias_suppresses_with_the_justification() {
        let mut findings = vec![finding(
            "pkg:npm/lodash@4.17.11",
            &["GHSA-jf85-cpcp-j695", "CVE-2019-10744"],
        )];
        assert_eq!(apply_vex(&[doc(DOC)], &mut findings), 1);
        let s = findings[0].suppressed.as_ref().unwrap();
        assert_eq!(s.kind, SuppressionKind::Vex);
        assert_eq!(
            s.justification.as_deref(),
            Some(
                "not_affected (vulnerable_code_not_in_execute_path): defaultsDeep is never called"
            )
        );
        assert_eq!(s.source.as_deref(), Some("app.vex.json (statement 1)"));
    }

    #[test]
    fn another_version_or_package_is_not_covered() {
        let mut findings = vec![
            finding("pkg:npm/lodash@4.17.4", &["CVE-2019-10744"]),
            finding("pkg:npm/underscore@4.17.11", &["CVE-2019-10744"]),
            finding("pkg:npm/lodash@4.17.11", &["CVE-2020-0001"]),
        ];
        assert_eq!(apply_vex(&[doc(DOC)], &mut findings), 0);
        assert!(findings.iter().all(|f| f.suppressed.is_none()));
    }

    #[test]
    fn subcomponents_without_version_cover_every_version() {
        let mut findings = vec![finding(
            "pkg:npm/%40scope/tool@2.0.0",
            &["GHSA-aaaa-bbbb-cccc"],
        )];
        assert_eq!(apply_vex(&[doc(DOC)], &mut findings), 1);
        assert_eq!(
            findings[0]
                .suppressed
                .as_ref()
                .unwrap()
                .justification
                .as_deref(),
            Some("fixed")
        );
    }

    #[test]
    fn a_later_affected_statement_overrides_an_earlier_not_affected() {
        let later = r#"{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x", "author": "a",
          "timestamp": "2026-11-20T10:00:00Z", "version": 2, "statements": [
          {"vulnerability": {"name": "CVE-2019-10744"}, "products": [{"@id": "pkg:npm/lodash@4.17.11"}],
           "status": "affected", "action_statement": "upgrade"}]}"#;
        let mut findings = vec![finding("pkg:npm/lodash@4.17.11", &["CVE-2019-10744"])];
        assert_eq!(apply_vex(&[doc(DOC), doc(later)], &mut findings), 0);
        // The same two documents in the other order: the timestamp decides, not the order.
        assert_eq!(apply_vex(&[doc(later), doc(DOC)], &mut findings), 0);
    }

    #[test]
    fn malformed_documents_are_errors_naming_the_file() {
        let err = VexDocument::parse("{\"statements\": [", Path::new("bad.json")).unwrap_err();
        assert!(err.line.is_some());
        assert!(err.to_string().contains("bad.json"), "{err}");
        let err = VexDocument::parse(
            r#"{"statements": [{"vulnerability": {"name": "CVE-1"}, "status": "maybe"}]}"#,
            Path::new("v.json"),
        )
        .unwrap_err();
        assert!(err.message.contains("unknown status `maybe`"), "{err}");
        let err = VexDocument::parse(
            r#"{"statements": [{"vulnerability": {"name": "CVE-1"}, "status": "not_affected"}]}"#,
            Path::new("v.json"),
        )
        .unwrap_err();
        assert!(err.message.contains("justification"), "{err}");
        assert!(VexDocument::parse("{}", Path::new("v.json")).is_err());
    }
}
