//! Terraform's JSON syntax (`*.tf.json`): translated into HCL text with a line map.
//!
//! Why HCL text: a `.tf.json` file means exactly what the same configuration written in HCL
//! means, and its strings are HCL templates (`"${var.name}"`). Writing the HCL and parsing it
//! with the parser the `.tf` files use gives the module evaluator (variables, locals, `count`,
//! `for_each`, `dynamic`, child modules) one input form, so a mixed module needs nothing of its
//! own and every expression is evaluated by the same code. `hcl::edit` cannot be given spans
//! from elsewhere, so each generated line records the place in the JSON it was written from
//! ([`Generated::origins`]) and the evaluator maps its spans through it: findings point at the
//! JSON line of the attribute.
//!
//! Without the providers' schemas the JSON syntax does not say whether an object is a map
//! attribute (`"tags": {...}`) or a nested block (`"versioning": {...}`); Terraform decides
//! with the schema. An object, or a list of objects, whose keys are all identifiers is
//! therefore written both as an attribute and as nested block(s), so that checks find it
//! either way. `"//"` keys (comments) are dropped from block bodies.

use std::fmt::Write as _;

use ward_core::Span;

use super::ParseError;
use crate::yaml::{self, Node, Value as Yaml};

/// HCL text generated from a `.tf.json` file, and where each of its lines came from.
#[derive(Debug)]
pub struct Generated {
    pub text: String,
    /// For each generated line (0-based), the JSON span it was written from.
    pub origins: Vec<Span>,
}

impl Generated {
    /// A span in the generated text as a span in the JSON.
    pub fn map(&self, span: Span) -> Span {
        let at = |line: u32| {
            self.origins
                .get(line.saturating_sub(1) as usize)
                .or(self.origins.last())
                .copied()
                .unwrap_or(Span::line(1, 1, 1))
        };
        let (start, end) = (at(span.start_line), at(span.end_line));
        Span {
            start_line: start.start_line,
            start_column: start.start_column,
            end_line: end.end_line.max(start.start_line),
            end_column: end.end_column,
        }
    }
}

/// How many labels each top-level block type takes; other top-level keys (`terraform`,
/// `moved`, `import`, ...) do not bear on what is deployed and are left out.
fn labels_of(kind: &str) -> Option<usize> {
    match kind {
        "resource" | "data" => Some(2),
        "variable" | "module" | "output" | "provider" => Some(1),
        "locals" => Some(0),
        _ => None,
    }
}

/// Nested block types that take a label.
fn nested_labels(kind: &str) -> usize {
    usize::from(matches!(kind, "dynamic" | "provisioner"))
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

fn is_comment(key: &Node) -> bool {
    key.as_str() == Some("//")
}

/// Whether a JSON value could be a nested block: an object (or list of objects) whose keys are
/// all identifiers.
fn block_like(node: &Node) -> Option<Vec<&Node>> {
    let object = |n: &Node| {
        n.is_map()
            && n.as_map()
                .iter()
                .all(|(k, _)| is_comment(k) || k.as_str().is_some_and(is_identifier))
    };
    match &node.value {
        Yaml::Map(_) if object(node) => Some(vec![node]),
        Yaml::Seq(items) if !items.is_empty() && items.iter().all(object) => {
            Some(items.iter().collect())
        }
        _ => None,
    }
}

struct Writer {
    text: String,
    origins: Vec<Span>,
}

impl Writer {
    fn line(&mut self, text: &str, at: Span) {
        self.text.push_str(text);
        self.text.push('\n');
        self.origins.push(at);
    }

    /// A block's header at `at`, its body, and its closing brace at the body's last line.
    fn block(&mut self, header: &str, at: Span, body: &Node, depth: usize) {
        self.line(&format!("{header} {{"), at);
        self.body(body, depth + 1);
        let end = Span::line(
            body.span.end_line,
            body.span.end_column,
            body.span.end_column,
        );
        self.line("}", end);
    }

    fn body(&mut self, body: &Node, depth: usize) {
        if depth > yaml::MAX_DEPTH {
            return;
        }
        for (key, value) in body.as_map() {
            let Some(name) = key.as_str() else { continue };
            if name == "//" || !is_identifier(name) {
                continue;
            }
            if nested_labels(name) == 1 {
                for (label, inner) in value.as_map() {
                    let Some(label) = label.as_str().filter(|l| *l != "//") else {
                        continue;
                    };
                    for item in items(inner) {
                        let header = format!("{name} {}", quote(label, false));
                        self.block(&header, key.span, item, depth);
                    }
                }
                continue;
            }
            self.line(&format!("{name} = {}", expr(value, true)), key.span);
            if let Some(blocks) = block_like(value) {
                for item in blocks {
                    let at = if item.span.start_line == key.span.start_line {
                        key.span
                    } else {
                        item.span
                    };
                    self.block(name, at, item, depth);
                }
            }
        }
    }

    /// A top-level block type: one level of object per label, then the body (or a list of
    /// bodies).
    fn top(&mut self, kind: &str, needed: usize, labels: &mut Vec<String>, at: Span, node: &Node) {
        if labels.len() < needed {
            for item in items(node) {
                for (key, inner) in item.as_map() {
                    let Some(label) = key.as_str().filter(|l| *l != "//") else {
                        continue;
                    };
                    labels.push(label.to_owned());
                    self.top(kind, needed, labels, key.span, inner);
                    labels.pop();
                }
            }
            return;
        }
        for item in items(node) {
            let mut header = kind.to_owned();
            for label in labels.iter() {
                header.push(' ');
                header.push_str(&quote(label, false));
            }
            if kind == "locals" {
                // Locals are attributes only: an object is a map value.
                self.line(&format!("{header} {{"), at);
                for (key, value) in item.as_map() {
                    match key.as_str() {
                        Some(name) if name != "//" && is_identifier(name) => {
                            self.line(&format!("{name} = {}", expr(value, true)), key.span);
                        }
                        _ => {}
                    }
                }
                self.line("}", item.span);
            } else if kind == "variable" {
                // A variable's `default` is a literal value, not a template.
                self.line(&format!("{header} {{"), at);
                if let Some((key, value)) = item.entry("default") {
                    self.line(&format!("default = {}", expr(value, false)), key.span);
                }
                self.line("}", item.span);
            } else {
                self.block(&header, at, item, 0);
            }
        }
    }
}

/// A node, or each item of a list (Terraform's JSON syntax allows a list wherever several
/// blocks of the same type may be written).
fn items(node: &Node) -> Vec<&Node> {
    match &node.value {
        Yaml::Seq(items) => items.iter().collect(),
        _ => vec![node],
    }
}

/// An HCL expression for a JSON value; strings are templates when `template`.
fn expr(node: &Node, template: bool) -> String {
    match &node.value {
        Yaml::Scalar { text, plain: true } => {
            if node.is_null() {
                "null".to_owned()
            } else if let Some(b) = node.as_bool() {
                b.to_string()
            } else {
                text.clone()
            }
        }
        Yaml::Scalar { text, plain: false } => quote(text, template),
        Yaml::Seq(items) => {
            let items: Vec<String> = items.iter().map(|i| expr(i, template)).collect();
            format!("[{}]", items.join(", "))
        }
        Yaml::Map(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .filter_map(|(k, v)| {
                    Some(format!(
                        "{} = {}",
                        quote(k.as_str()?, false),
                        expr(v, template)
                    ))
                })
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
    }
}

/// A JSON string as an HCL quoted string on one line: a template (interpolations and
/// directives kept as they are) when `template`, else a literal (`${` escaped).
fn quote(text: &str, template: bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if (c == '$' || c == '%') && next == Some(c) && chars.get(i + 2) == Some(&'{') {
            // `$${` and `%%{` are escapes in both syntaxes.
            out.extend([c, c, '{']);
            i += 3;
            continue;
        }
        if (c == '$' || c == '%') && next == Some('{') {
            if !template {
                out.extend([c, c, '{']);
                i += 2;
                continue;
            }
            i = interpolation(&chars, i, &mut out);
            continue;
        }
        escape(c, &mut out);
        i += 1;
    }
    out.push('"');
    out
}

fn escape(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() => {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// Copies `${ ... }` (or `%{ ... }`) starting at `start` verbatim, strings inside included;
/// line breaks become spaces so the expression stays on its line. Returns where it ends.
fn interpolation(chars: &[char], start: usize, out: &mut String) -> usize {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(&n) = chars.get(i + 1) {
                        out.push(n);
                        i += 1;
                    }
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                c => out.push(c),
            }
        } else {
            match c {
                '"' => {
                    in_string = true;
                    out.push(c);
                }
                '{' => {
                    depth += 1;
                    out.push(c);
                }
                '}' => {
                    out.push(c);
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i + 1;
                    }
                }
                '\n' | '\r' | '\t' => out.push(' '),
                c => out.push(c),
            }
        }
        i += 1;
    }
    i
}

/// Parses a `.tf.json` file into HCL text with its line map.
pub fn translate(text: &str) -> Result<Generated, ParseError> {
    let root = yaml::parse_json(text).map_err(|e| ParseError {
        line: e.line,
        message: e.message,
    })?;
    if !root.is_map() {
        return Err(ParseError {
            line: root.span.start_line.max(1),
            message: "a .tf.json file must hold an object".to_owned(),
        });
    }
    let mut writer = Writer {
        text: String::new(),
        origins: Vec::new(),
    };
    for (key, value) in root.as_map() {
        let Some(kind) = key.as_str() else { continue };
        let Some(needed) = labels_of(kind) else {
            continue;
        };
        writer.top(kind, needed, &mut Vec::new(), key.span, value);
    }
    Ok(Generated {
        text: writer.text,
        origins: writer.origins,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_templates_with_escapes_kept_apart() {
        assert_eq!(quote("a\"b\\c\nd", true), r#""a\"b\\c\nd""#);
        assert_eq!(
            quote(r#"${replace(var.x, "a", "b")}-x"#, true),
            r#""${replace(var.x, "a", "b")}-x""#
        );
        assert_eq!(quote("$${literal}", true), "\"$${literal}\"");
        assert_eq!(quote("${var.x}", false), "\"$${var.x}\"");
    }

    #[test]
    fn objects_of_identifiers_are_attributes_and_blocks() {
        let json = r#"{
  "resource": {
    "aws_s3_bucket": {
      "logs": {
        "//": "a comment",
        "bucket": "logs-${var.env}",
        "tags": {"kubernetes.io/name": "x"},
        "versioning": {"enabled": false}
      }
    }
  }
}"#;
        let generated = translate(json).unwrap();
        let lines: Vec<&str> = generated.text.lines().collect();
        assert_eq!(lines[0], r#"resource "aws_s3_bucket" "logs" {"#);
        assert_eq!(lines[1], r#"bucket = "logs-${var.env}""#);
        assert_eq!(lines[2], r#"tags = { "kubernetes.io/name" = "x" }"#);
        assert_eq!(lines[3], r#"versioning = { "enabled" = false }"#);
        assert_eq!(lines[4], "versioning {");
        assert_eq!(lines[5], "enabled = false");
        assert!(!generated.text.contains("comment"));
        // Each generated line points back at its JSON line.
        let json_lines: Vec<u32> = generated.origins.iter().map(|s| s.start_line).collect();
        assert_eq!(&json_lines[..6], &[4, 6, 7, 8, 8, 8]);
    }
}
