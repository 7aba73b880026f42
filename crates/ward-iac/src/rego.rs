//! User policies in Rego (`.ward/policies/*.rego`), in the shape Conftest and Trivy users
//! know: rules named `deny`, `warn` or `violation` (or `deny_*`, ...) in a package (`main`
//! unless the configuration names others) returning messages, strings or objects with `msg`.
//!
//! The input is the parsed document as JSON: a Kubernetes, Compose, workflow or CloudFormation
//! YAML document (each document of a stream on its own; CloudFormation's short tags in their
//! long form, `!Ref x` as `{"Ref": "x"}`), a CloudFormation JSON template, a Terraform file as
//! HCL's JSON form (`resource.aws_s3_bucket.logs.acl`), or a Dockerfile as a list of
//! instructions (`Cmd`, `Value`, `Flags`, `Original`, `Stage`), as Conftest gives them.
//!
//! A message object may name `resource` (`aws_s3_bucket.logs`, `Deployment/web`,
//! `AWS::S3::Bucket/Logs` or a logical id) and `path` (`spec.template.spec.containers[0]`, or a
//! list of keys and indexes): the finding then points at that line. A policy that does not
//! parse is an error naming its file and line; the other policies and the scan go on.

use std::collections::BTreeSet;
use std::path::Path;

use ward_core::{
    Confidence, Detail, FileOutput, Finding, Fingerprint, IacDetail, LineIndex, Location, RuleDoc,
    ScanError, Severity, Span,
};

use crate::dockerfile::Dockerfile;
use crate::yaml::{self, Node};

/// Rule names Conftest evaluates, and what a match means.
const RULES: &[(&str, Severity)] = &[
    ("deny", Severity::High),
    ("violation", Severity::High),
    ("warn", Severity::Low),
];

/// One rule found in a loaded policy.
#[derive(Debug, Clone)]
struct PolicyRule {
    /// `data.main`.
    package: String,
    /// `deny`, `deny_public_bucket`.
    rule: String,
    severity: Severity,
    /// The policy file, relative to the project root.
    file: String,
}

impl PolicyRule {
    fn id(&self) -> String {
        format!(
            "rego/{}/{}",
            self.package.trim_start_matches("data."),
            self.rule
        )
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            id: self.id(),
            engine: crate::ENGINE.to_owned(),
            title: format!(
                "Policy {}.{}",
                self.package.trim_start_matches("data."),
                self.rule
            ),
            severity: self.severity,
            confidence: Confidence::High,
            description: format!(
                "A rule of the project's Rego policy {} reported the document.",
                self.file
            ),
            rationale: "The project's own policy says this configuration is not allowed."
                .to_owned(),
            remediation: "Change the configuration as the message says, or change the policy."
                .to_owned(),
            example: None,
            cwe: Vec::new(),
            owasp: Vec::new(),
            references: vec![self.file.clone()],
        }
    }
}

/// The project's policies, compiled once.
#[derive(Debug, Default)]
pub struct Policies {
    engine: Option<regorus::Engine>,
    rules: Vec<PolicyRule>,
    /// Policy files that could not be read or parsed, with their line.
    pub errors: Vec<ScanError>,
    /// Every policy's path and text, for the cache key.
    pub texts: Vec<(String, String)>,
}

/// The line of a regorus error about `file` (`--> path:12:5` or `path:12:5:`).
fn error_line(message: &str, file: &str) -> Option<u32> {
    let at = message.find(file)?;
    let rest = &message[at + file.len()..];
    let rest = rest.strip_prefix(':')?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Rule heads at the start of a line: `deny[msg] {`, `deny contains msg if`, `warn_x[m]`.
fn rule_names(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in text.lines() {
        for (base, _) in RULES {
            if let Some(rest) = line.strip_prefix(base) {
                let suffix: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if suffix.is_empty() || suffix.starts_with('_') {
                    let after = rest[suffix.len()..].trim_start();
                    if after.starts_with(['[', '{', '=', ':'])
                        || after.starts_with("contains")
                        || after.starts_with("if")
                    {
                        names.insert(format!("{base}{suffix}"));
                    }
                }
            }
        }
    }
    names
}

impl Policies {
    /// Loads `dir/*.rego` (sorted by name). `namespaces` are the packages whose rules run
    /// (`main` when empty); `shown` is how paths are named in errors and rule docs.
    pub fn load(dir: &Path, shown: &str, namespaces: &[String]) -> Policies {
        let mut policies = Policies::default();
        let mut entries: Vec<_> = match std::fs::read_dir(dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "rego"))
                .collect(),
            Err(error) => {
                policies.errors.push(ScanError {
                    path: Some(shown.to_owned()),
                    line: None,
                    engine: Some(crate::ENGINE.to_owned()),
                    message: format!("cannot read the policy directory: {error}"),
                });
                return policies;
            }
        };
        entries.sort();
        let namespaces: Vec<String> = if namespaces.is_empty() {
            vec!["data.main".to_owned()]
        } else {
            namespaces
                .iter()
                .map(|n| format!("data.{}", n.trim_start_matches("data.")))
                .collect()
        };
        let mut engine = regorus::Engine::new();
        for path in entries {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let file = format!("{}/{name}", shown.trim_end_matches('/'));
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(error) => {
                    policies.errors.push(ScanError {
                        path: Some(file),
                        line: None,
                        engine: Some(crate::ENGINE.to_owned()),
                        message: format!("cannot read the policy: {error}"),
                    });
                    continue;
                }
            };
            policies.texts.push((file.clone(), text.clone()));
            // Conftest's policies are mostly Rego v0 (`deny[msg] { ... }`); v1 policies
            // (`import rego.v1`, `deny contains msg if`) are read as v1.
            let v1_first = text.contains("import rego.v1") || text.contains(" contains ");
            let mut attempt = engine.clone();
            attempt.set_rego_v0(!v1_first);
            let result = match attempt.add_policy(file.clone(), text.clone()) {
                Ok(package) => Ok(package),
                Err(first) => {
                    attempt = engine.clone();
                    attempt.set_rego_v0(v1_first);
                    attempt
                        .add_policy(file.clone(), text.clone())
                        .map_err(|_| first)
                }
            };
            match result {
                Ok(package) => {
                    engine = attempt;
                    if namespaces.contains(&package) {
                        for rule in rule_names(&text) {
                            let severity = RULES
                                .iter()
                                .find(|(base, _)| rule.starts_with(base))
                                .map_or(Severity::Medium, |(_, s)| *s);
                            if !policies
                                .rules
                                .iter()
                                .any(|r| r.package == package && r.rule == rule)
                            {
                                policies.rules.push(PolicyRule {
                                    package: package.clone(),
                                    rule,
                                    severity,
                                    file: file.clone(),
                                });
                            }
                        }
                    }
                }
                Err(error) => {
                    let message = error.to_string();
                    let line = error_line(&message, &file);
                    // regorus: "--> file:L:C", the source line, a caret, "error: what".
                    let first = message
                        .lines()
                        .map(str::trim)
                        .find_map(|l| l.strip_prefix("error:"))
                        .or_else(|| message.lines().map(str::trim).find(|l| !l.is_empty()))
                        .unwrap_or("invalid policy")
                        .trim()
                        .to_owned();
                    policies.errors.push(ScanError {
                        path: Some(file),
                        line,
                        engine: Some(crate::ENGINE.to_owned()),
                        message: format!("invalid Rego policy: {first}"),
                    });
                }
            }
        }
        policies.engine = Some(engine);
        policies
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn rule_docs(&self) -> Vec<RuleDoc> {
        self.rules.iter().map(PolicyRule::doc).collect()
    }

    /// Evaluates every rule on one input document and reports what they return.
    pub fn evaluate(&self, input: &Input<'_>, path: &str, text: &str, out: &mut FileOutput) {
        let Some(engine) = &self.engine else { return };
        if self.rules.is_empty() {
            return;
        }
        let json = input.to_json();
        let value = match regorus::Value::from_json_str(&json.to_string()) {
            Ok(value) => value,
            Err(error) => {
                out.error(ScanError {
                    path: None,
                    line: None,
                    engine: None,
                    message: format!("cannot give the document to the policies: {error}"),
                });
                return;
            }
        };
        let mut engine = engine.clone();
        engine.set_input(value);
        let lines = LineIndex::new(text.as_bytes());
        for rule in &self.rules {
            let result = match engine.eval_rule(format!("{}.{}", rule.package, rule.rule)) {
                Ok(result) => result,
                Err(error) => {
                    out.error(ScanError {
                        path: None,
                        line: None,
                        engine: None,
                        message: format!(
                            "policy {} ({}) failed: {}",
                            rule.id(),
                            rule.file,
                            error.to_string().lines().next().unwrap_or_default()
                        ),
                    });
                    continue;
                }
            };
            if matches!(result, regorus::Value::Undefined) {
                continue;
            }
            let Ok(result) = serde_json::to_value(&result) else {
                continue;
            };
            let items = match result {
                serde_json::Value::Array(items) => items,
                serde_json::Value::Bool(false) | serde_json::Value::Null => Vec::new(),
                serde_json::Value::Object(ref map) if map.is_empty() => Vec::new(),
                other => vec![other],
            };
            for item in items {
                report(rule, &item, input, path, &lines, out);
            }
        }
    }
}

fn report(
    rule: &PolicyRule,
    item: &serde_json::Value,
    input: &Input<'_>,
    path: &str,
    lines: &LineIndex<'_>,
    out: &mut FileOutput,
) {
    let (message, resource, at, severity) = match item {
        serde_json::Value::String(s) => (s.clone(), None, None, None),
        serde_json::Value::Object(map) => (
            map.get("msg")
                .and_then(|m| m.as_str())
                .map_or_else(|| item.to_string(), str::to_owned),
            map.get("resource")
                .and_then(|r| r.as_str())
                .map(str::to_owned),
            map.get("path").cloned(),
            map.get("severity")
                .and_then(|s| s.as_str())
                .and_then(|s| s.parse::<Severity>().ok()),
        ),
        serde_json::Value::Bool(true) => (format!("{} holds.", rule.id()), None, None, None),
        other => (other.to_string(), None, None, None),
    };
    let line = input
        .locate(resource.as_deref(), at.as_ref())
        .unwrap_or_else(|| input.first_line());
    let attribute = match &at {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Array(parts)) => path_text(parts),
        _ => String::new(),
    };
    let text = String::from_utf8_lossy(lines.line_text(line));
    let snippet = text.trim_end().chars().take(400).collect::<String>();
    let width = u32::try_from(text.trim_end().chars().count()).unwrap_or(u32::MAX);
    let resource_name = resource.clone().unwrap_or_default();
    let identity = format!("{}|{resource_name}|{attribute}|{message}", rule.id());
    let finding = Finding {
        rule_id: rule.id(),
        engine: crate::ENGINE.to_owned(),
        severity: severity.unwrap_or(rule.severity),
        confidence: Confidence::High,
        title: rule.doc().title,
        message,
        location: Location {
            path: path.to_owned(),
            span: Span::line(line, 1, width + 1),
            snippet: (!snippet.trim().is_empty()).then_some(snippet),
        },
        cwe: Vec::new(),
        owasp: Vec::new(),
        remediation: None,
        references: vec![rule.file.clone()],
        fingerprint: Fingerprint::default(),
        detail: Detail {
            iac: Some(IacDetail {
                resource: resource_name,
                kind: "policy".to_owned(),
                attribute,
                document: input.document(),
            }),
            ..Detail::default()
        },
        suppressed: None,
        risk: None,
    };
    out.finding(finding, identity);
}

fn path_text(parts: &[serde_json::Value]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            serde_json::Value::Number(n) => {
                out.push('[');
                out.push_str(&n.to_string());
                out.push(']');
            }
            other => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(other.as_str().unwrap_or_default());
            }
        }
    }
    out
}

/// The keys and indexes of a path: `a.b[0].c` or `["a", "b", 0, "c"]`.
fn path_parts(path: &serde_json::Value) -> Vec<PathPart> {
    match path {
        serde_json::Value::Array(parts) => parts
            .iter()
            .filter_map(|p| match p {
                serde_json::Value::Number(n) => n.as_u64().map(|i| PathPart::Index(i as usize)),
                serde_json::Value::String(s) => Some(PathPart::Key(s.clone())),
                _ => None,
            })
            .collect(),
        serde_json::Value::String(text) => {
            let mut parts = Vec::new();
            for segment in text.split('.') {
                let mut rest = segment;
                if let Some(open) = rest.find('[') {
                    if open > 0 {
                        parts.push(PathPart::Key(rest[..open].to_owned()));
                    }
                    rest = &rest[open..];
                    while let Some(stripped) = rest.strip_prefix('[') {
                        let Some(close) = stripped.find(']') else {
                            break;
                        };
                        match stripped[..close].parse() {
                            Ok(i) => parts.push(PathPart::Index(i)),
                            Err(_) => parts.push(PathPart::Key(
                                stripped[..close].trim_matches(['"', '\'']).to_owned(),
                            )),
                        }
                        rest = &stripped[close + 1..];
                    }
                } else if !rest.is_empty() {
                    parts.push(PathPart::Key(rest.to_owned()));
                }
            }
            parts
        }
        _ => Vec::new(),
    }
}

enum PathPart {
    Key(String),
    Index(usize),
}

/// A document given to the policies.
#[derive(Debug)]
pub enum Input<'a> {
    /// One YAML document (`cloudformation`: short tags in long form).
    Yaml {
        node: &'a Node,
        document: u32,
        cloudformation: bool,
    },
    /// A Terraform file's text.
    Terraform(&'a str),
    Dockerfile(&'a Dockerfile),
}

impl Input<'_> {
    fn document(&self) -> Option<u32> {
        match self {
            Input::Yaml { document, .. } => Some(*document),
            _ => None,
        }
    }

    fn first_line(&self) -> u32 {
        match self {
            Input::Yaml { node, .. } => node.span.start_line.max(1),
            _ => 1,
        }
    }

    /// The document as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Input::Yaml {
                node,
                cloudformation,
                ..
            } => yaml_json(node, *cloudformation),
            Input::Terraform(text) => {
                hcl::from_str::<serde_json::Value>(text).unwrap_or(serde_json::Value::Null)
            }
            Input::Dockerfile(file) => serde_json::Value::Array(
                file.instructions
                    .iter()
                    .map(|i| {
                        let value: Vec<String> = match &i.json {
                            Some(items) => items.clone(),
                            None if i.keyword.eq_ignore_ascii_case("from")
                                || i.keyword.eq_ignore_ascii_case("run") =>
                            {
                                vec![i.args.clone()]
                            }
                            None => i.args.split_whitespace().map(str::to_owned).collect(),
                        };
                        serde_json::json!({
                            "Cmd": i.keyword.to_ascii_lowercase(),
                            "Flags": i.flags,
                            "Value": value,
                            "JSON": i.json.is_some(),
                            "Original": format!("{} {}", i.keyword, i.args).trim_end(),
                            "Stage": i.stage.unwrap_or(0),
                            "Line": i.line,
                        })
                    })
                    .collect(),
            ),
        }
    }

    /// The line a policy's `resource` and `path` name, where they can be found.
    fn locate(&self, resource: Option<&str>, path: Option<&serde_json::Value>) -> Option<u32> {
        match self {
            Input::Yaml {
                node,
                cloudformation,
                ..
            } => {
                let mut base: &Node = node;
                let mut line = None;
                if let Some(resource) = resource {
                    if *cloudformation {
                        let id = resource.rsplit('/').next().unwrap_or(resource);
                        let (key, value) = node.get("Resources")?.entry(id)?;
                        base = value;
                        line = Some(key.span.start_line);
                    } else {
                        // `Kind/name` of a Kubernetes object.
                        let (kind, name) = resource.split_once('/')?;
                        let matches = node.get("kind").and_then(Node::as_str) == Some(kind)
                            && node.path(&["metadata", "name"]).and_then(Node::as_str)
                                == Some(name);
                        if !matches {
                            return None;
                        }
                        line = Some(node.span.start_line);
                    }
                }
                if let Some(path) = path {
                    let mut current = base;
                    let mut found = line;
                    for part in path_parts(path) {
                        let next = match part {
                            PathPart::Key(key) => current.entry(&key).map(|(k, v)| (k.span, v)),
                            PathPart::Index(i) => current.as_seq().get(i).map(|v| (v.span, v)),
                        };
                        let Some((span, value)) = next else { break };
                        found = Some(span.start_line);
                        current = value;
                    }
                    return found;
                }
                line
            }
            Input::Terraform(text) => {
                // `aws_s3_bucket.logs` or `resource.aws_s3_bucket.logs...`.
                let named = resource.map(str::to_owned).or_else(|| match path {
                    Some(serde_json::Value::String(s)) => Some(s.clone()),
                    _ => None,
                })?;
                let named = named.strip_prefix("resource.").unwrap_or(&named);
                let mut parts = named.split('.');
                let (rtype, name) = (parts.next()?, parts.next()?);
                let name = name.split('[').next().unwrap_or(name);
                let head = format!("resource \"{rtype}\" \"{name}\"");
                let start = text
                    .lines()
                    .position(|l| l.trim_start().starts_with(&head))?;
                // An attribute named after the resource, inside its block.
                if let Some(attribute) = parts.next() {
                    for (offset, line) in text.lines().skip(start + 1).enumerate() {
                        let trimmed = line.trim_start();
                        if trimmed.starts_with('}') && line.len() - trimmed.len() == 0 {
                            break;
                        }
                        if trimmed.starts_with(attribute)
                            && trimmed[attribute.len()..]
                                .trim_start()
                                .starts_with(['=', '{'])
                        {
                            return u32::try_from(start + offset + 2).ok();
                        }
                    }
                }
                u32::try_from(start + 1).ok()
            }
            Input::Dockerfile(file) => match path {
                Some(path) => match path_parts(path).first() {
                    Some(PathPart::Index(i)) => file.instructions.get(*i).map(|i| i.line),
                    _ => None,
                },
                None => None,
            },
        }
    }
}

/// A YAML node as JSON; CloudFormation's short tags in long form (`{"Fn::Sub": ...}`).
fn yaml_json(node: &Node, cloudformation: bool) -> serde_json::Value {
    let untagged = Node {
        value: node.value.clone(),
        span: node.span,
        tag: None,
    };
    let value = match &node.value {
        yaml::Value::Scalar { .. } => untagged.to_json(),
        yaml::Value::Seq(items) => items.iter().map(|i| yaml_json(i, cloudformation)).collect(),
        yaml::Value::Map(entries) => entries
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), yaml_json(v, cloudformation))))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    };
    match node.tag.as_deref() {
        Some(tag) if cloudformation => {
            let name = tag.trim_start_matches('!');
            let long = match name {
                "Ref" | "Condition" => name.to_owned(),
                other => format!("Fn::{other}"),
            };
            // `!GetAtt a.b` is `{"Fn::GetAtt": ["a", "b"]}` in long form.
            let value = match (&*long, &value) {
                ("Fn::GetAtt", serde_json::Value::String(s)) => match s.split_once('.') {
                    Some((a, b)) => serde_json::json!([a, b]),
                    None => value,
                },
                _ => value,
            };
            serde_json::json!({ long: value })
        }
        Some(tag) => serde_json::json!({ tag: value }),
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_heads_are_found() {
        let text = "package main\n\ndeny[msg] {\n  true\n}\nwarn_tags[m] { m := 1 }\ndeny contains msg if { true }\ndenylist := [1]\nviolation = x { x := 1 }\n";
        let names: Vec<String> = rule_names(text).into_iter().collect();
        assert_eq!(names, ["deny", "violation", "warn_tags"]);
    }

    #[test]
    fn paths_read_both_ways() {
        let parts = path_parts(&serde_json::json!("spec.containers[1].image"));
        assert_eq!(parts.len(), 4);
        assert!(matches!(parts[2], PathPart::Index(1)));
        let parts = path_parts(&serde_json::json!(["spec", "containers", 1]));
        assert!(matches!(parts[2], PathPart::Index(1)));
    }

    #[test]
    fn error_lines_are_read_from_messages() {
        assert_eq!(
            error_line(
                "error: oops\n --> .ward/policies/a.rego:7:3\n",
                ".ward/policies/a.rego"
            ),
            Some(7)
        );
        assert_eq!(error_line("nothing here", "a.rego"), None);
    }
}
