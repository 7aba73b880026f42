//! CloudFormation templates, YAML (short-form tags such as `!Ref` and `!Sub` kept by our YAML
//! tree) and JSON (read by the same tree, after `serde_json` has said where a malformed file
//! breaks).
//!
//! A template is evaluated as far as it can be known: parameter defaults, `Ref` to
//! parameters, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap`, and `Fn::If`
//! on conditions that evaluate. Everything else (`!GetAtt`, pseudo parameters such as
//! `AWS::AccountId`, `Fn::ImportValue`, a parameter without a default) is
//! [`Value::Unknown`], as in Terraform: a check meeting it records an inconclusive entry.
//!
//! Resources are then mapped onto the Terraform model ([`resources`]): `AWS::S3::Bucket`
//! becomes an `aws_s3_bucket` whose attributes carry the template's lines and whose
//! [`Origin`](crate::terraform::model::Origin) says how the template names them, so the AWS
//! checks judge both formats with one body of code.

pub mod resources;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use crate::terraform::value::{Unknown, Value};
use crate::yaml::{self, Node, YamlError};

/// Evaluation deeper than this (nested intrinsics, conditions naming conditions) is unknown.
const MAX_DEPTH: usize = 64;

/// Whether a YAML or JSON text is a CloudFormation template: it declares
/// `AWSTemplateFormatVersion`, or has a top-level `Resources` with an `AWS::` type.
pub fn looks_like(text: &str, json: bool) -> bool {
    if json {
        // The first 4 KiB, cut at a character boundary (non-ASCII text crosses byte 4096).
        let head = &text[..text.floor_char_boundary(4096)];
        return head.contains("\"AWSTemplateFormatVersion\"")
            || (text.contains("\"Resources\"")
                && (text.contains("\"Type\": \"AWS::") || text.contains("\"Type\":\"AWS::")));
    }
    let mut resources = false;
    let mut aws_type = false;
    for line in text.lines() {
        if line.starts_with("AWSTemplateFormatVersion") {
            return true;
        }
        resources |= line.starts_with("Resources:");
        let trimmed = line.trim_start();
        aws_type |= trimmed.starts_with("Type: AWS::")
            || trimmed.starts_with("Type: \"AWS::")
            || trimmed.starts_with("Type: 'AWS::");
        if resources && aws_type {
            return true;
        }
    }
    false
}

/// Reads a template's text into the YAML tree (JSON through [`yaml::parse_json`], so a
/// malformed JSON template is reported with JSON's own message, line and column).
pub fn parse(text: &str, json: bool) -> Result<Node, YamlError> {
    let root = if json {
        yaml::parse_json(text)?
    } else {
        let mut documents = yaml::parse(text)?;
        if documents.len() != 1 {
            return Err(YamlError {
                line: 1,
                message: format!("a template is one document, found {}", documents.len()),
            });
        }
        documents.remove(0).root
    };
    if !root.is_map() {
        return Err(YamlError {
            line: root.span.start_line,
            message: "a template is a mapping".to_owned(),
        });
    }
    Ok(root)
}

/// An intrinsic function call: its long name (`Ref`, `Fn::Sub`, `Condition`) and argument.
struct Call<'n> {
    name: String,
    arg: Arg<'n>,
}

/// The argument of a call: the tagged node itself (short form, its tag to be ignored), or
/// the value of the one-key mapping (long form).
enum Arg<'n> {
    Tagged(&'n Node),
    Node(&'n Node),
}

impl<'n> Arg<'n> {
    fn node(&self) -> &'n Node {
        match self {
            Arg::Tagged(n) | Arg::Node(n) => n,
        }
    }

    /// The items of a list argument.
    fn items(&self) -> &'n [Node] {
        self.node().as_seq()
    }

    /// A scalar argument's text.
    fn text(&self) -> Option<&'n str> {
        match &self.node().value {
            yaml::Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
}

fn call(node: &Node) -> Option<Call<'_>> {
    if let Some(tag) = node.tag.as_deref().and_then(|t| t.strip_prefix('!')) {
        let name = match tag {
            "Ref" | "Condition" => tag.to_owned(),
            other => format!("Fn::{other}"),
        };
        return Some(Call {
            name,
            arg: Arg::Tagged(node),
        });
    }
    match node.as_map() {
        [(key, value)] => {
            let key = key.as_str()?;
            (key == "Ref" || key.starts_with("Fn::")).then(|| Call {
                name: key.to_owned(),
                arg: Arg::Node(value),
            })
        }
        _ => None,
    }
}

/// A node with its tag ignored, read as a plain value.
fn scalar(node: &Node) -> Value {
    match &node.value {
        yaml::Value::Scalar { text, plain } => {
            if node.is_null() {
                Value::Null
            } else if let Some(b) = node.as_bool() {
                Value::Bool(b)
            } else if *plain && let Ok(n) = text.parse::<f64>() {
                if n.is_finite() {
                    Value::Number(n)
                } else {
                    Value::String(text.clone())
                }
            } else {
                Value::String(text.clone())
            }
        }
        _ => Value::unknown(),
    }
}

fn unknown(reference: impl Into<String>) -> Value {
    Value::Unknown(Unknown {
        reference: Some(reference.into()),
    })
}

/// `Ref AWS::NoValue` evaluates to this: the property is removed.
fn no_value() -> Value {
    Value::Null
}

/// A template, ready to evaluate values in.
#[derive(Debug)]
pub struct Template<'t> {
    pub root: &'t Node,
    parameters: BTreeMap<String, Value>,
    /// Logical id -> resource type.
    types: HashMap<String, String>,
    conditions: RefCell<HashMap<String, Option<bool>>>,
}

impl<'t> Template<'t> {
    pub fn new(root: &'t Node) -> Template<'t> {
        let mut parameters = BTreeMap::new();
        for (key, declaration) in root.get("Parameters").map_or(&[][..], Node::as_map) {
            let Some(name) = key.as_str() else { continue };
            let list = declaration
                .get("Type")
                .and_then(Node::as_str)
                .is_some_and(|t| t.contains("List"));
            let value = match declaration.get("Default") {
                Some(default) if !default.is_null() => match scalar(default) {
                    Value::String(s) if list => Value::List(
                        s.split(',')
                            .map(|i| Value::String(i.trim().to_owned()))
                            .collect(),
                    ),
                    Value::Unknown(_) => unknown(format!("!Ref {name}")),
                    // A parameter's value is a string, whatever YAML made of its default.
                    other => Value::String(other.display()),
                },
                _ => unknown(format!("!Ref {name}")),
            };
            parameters.insert(name.to_owned(), value);
        }
        let types = root
            .get("Resources")
            .map_or(&[][..], Node::as_map)
            .iter()
            .filter_map(|(k, v)| {
                Some((k.as_str()?.to_owned(), v.get("Type")?.as_str()?.to_owned()))
            })
            .collect();
        Template {
            root,
            parameters,
            types,
            conditions: RefCell::new(HashMap::new()),
        }
    }

    /// The type of a logical resource id.
    pub fn resource_type(&self, id: &str) -> Option<&str> {
        self.types.get(id).map(String::as_str)
    }

    /// Whether the named condition holds; `None` when it cannot be known.
    pub fn condition(&self, name: &str) -> Option<bool> {
        self.condition_at(name, 0)
    }

    fn condition_at(&self, name: &str, depth: usize) -> Option<bool> {
        if let Some(known) = self.conditions.borrow().get(name) {
            return *known;
        }
        // Marked unknown while evaluated, so a cycle ends as unknown.
        self.conditions.borrow_mut().insert(name.to_owned(), None);
        let result = self
            .root
            .path(&["Conditions", name])
            .and_then(|node| self.truth(node, depth + 1));
        self.conditions.borrow_mut().insert(name.to_owned(), result);
        result
    }

    /// A condition expression's truth.
    fn truth(&self, node: &Node, depth: usize) -> Option<bool> {
        if depth > MAX_DEPTH {
            return None;
        }
        // `{Condition: Name}` in long form, inside conditions only.
        if let [(key, value)] = node.as_map()
            && key.as_str() == Some("Condition")
        {
            return self.condition_at(value.as_str()?, depth + 1);
        }
        let Some(call) = call(node) else {
            return self.eval_at(node, depth + 1).as_bool();
        };
        match call.name.as_str() {
            "Condition" => self.condition_at(call.arg.text()?, depth + 1),
            "Fn::Equals" => {
                let [a, b] = call.arg.items() else {
                    return None;
                };
                let a = self.eval_at(a, depth + 1);
                let b = self.eval_at(b, depth + 1);
                if !a.is_known() || !b.is_known() {
                    return None;
                }
                Some(a.display() == b.display())
            }
            "Fn::Not" => Some(!self.truth(call.arg.items().first()?, depth + 1)?),
            "Fn::And" => all_or_any(call.arg.items(), true, |c| self.truth(c, depth + 1)),
            "Fn::Or" => all_or_any(call.arg.items(), false, |c| self.truth(c, depth + 1)),
            _ => self.eval_at(node, depth + 1).as_bool(),
        }
    }

    /// The value of a template node, intrinsic functions evaluated where they can be.
    pub fn eval(&self, node: &Node) -> Value {
        self.eval_at(node, 0)
    }

    /// The node an `Fn::If` on a known condition chooses (through nested ones); `None` when
    /// it chooses `AWS::NoValue`; the node itself otherwise.
    pub fn choose<'n>(&self, node: &'n Node) -> Option<&'n Node> {
        let mut node = node;
        for _ in 0..MAX_DEPTH {
            let Some(call) = call(node) else {
                return Some(node);
            };
            match call.name.as_str() {
                "Fn::If" => {
                    let [condition, then, otherwise] = call.arg.items() else {
                        return Some(node);
                    };
                    match condition.as_str().and_then(|c| self.condition(c)) {
                        Some(true) => node = then,
                        Some(false) => node = otherwise,
                        None => return Some(node),
                    }
                }
                "Ref" if call.arg.text() == Some("AWS::NoValue") => return None,
                _ => return Some(node),
            }
        }
        Some(node)
    }

    fn eval_at(&self, node: &Node, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::unknown();
        }
        let Some(call) = call(node) else {
            return match &node.value {
                yaml::Value::Scalar { .. } => scalar(node),
                yaml::Value::Seq(items) => Value::List(
                    items
                        .iter()
                        .filter_map(|i| self.choose(i))
                        .map(|i| self.eval_at(i, depth + 1))
                        .collect(),
                ),
                yaml::Value::Map(entries) => Value::Object(
                    entries
                        .iter()
                        .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), self.choose(v)?)))
                        .map(|(k, v)| (k, self.eval_at(v, depth + 1)))
                        .collect(),
                ),
            };
        };
        let items = call.arg.items();
        let text = call.arg.text();
        match call.name.as_str() {
            "Ref" => match text {
                Some("AWS::NoValue") => no_value(),
                Some(name) => self.reference(name),
                None => Value::unknown(),
            },
            "Fn::GetAtt" => {
                let (id, attribute) = match (text, items) {
                    (Some(t), _) => match t.split_once('.') {
                        Some((id, attribute)) => (id.to_owned(), attribute.to_owned()),
                        None => (t.to_owned(), String::new()),
                    },
                    (None, [id, attribute]) => (
                        id.as_str().unwrap_or_default().to_owned(),
                        self.eval_at(attribute, depth + 1).display(),
                    ),
                    _ => return Value::unknown(),
                };
                self.attribute_reference(&id, &attribute)
            }
            "Fn::Sub" => match (text, items) {
                (Some(template), _) => self.sub(template, &[], depth),
                (None, [template, vars]) => match template.as_str() {
                    Some(t) => self.sub(t, vars.as_map(), depth),
                    None => Value::unknown(),
                },
                _ => Value::unknown(),
            },
            "Fn::Join" => {
                let [delimiter, list] = items else {
                    return Value::unknown();
                };
                let delimiter = self.eval_at(delimiter, depth + 1);
                let list = self.eval_at(list, depth + 1);
                match (delimiter.as_str(), list.as_list()) {
                    (Some(d), Some(parts)) if list.is_known() => {
                        let parts: Option<Vec<String>> = parts
                            .iter()
                            .map(|p| p.as_str().map(std::borrow::Cow::into_owned))
                            .collect();
                        parts.map_or_else(Value::unknown, |p| Value::String(p.join(&d)))
                    }
                    _ => unknown("!Join"),
                }
            }
            "Fn::Select" => {
                let [index, list] = items else {
                    return Value::unknown();
                };
                let index = self.eval_at(index, depth + 1).as_number();
                let list = self.eval_at(list, depth + 1);
                match (index, list.as_list()) {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    (Some(i), Some(items)) if i >= 0.0 => items
                        .get(i as usize)
                        .cloned()
                        .unwrap_or_else(Value::unknown),
                    _ => unknown("!Select"),
                }
            }
            "Fn::Split" => {
                let [delimiter, source] = items else {
                    return Value::unknown();
                };
                let delimiter = self.eval_at(delimiter, depth + 1);
                let source = self.eval_at(source, depth + 1);
                match (delimiter.as_str(), source.as_str()) {
                    (Some(d), Some(s)) if !d.is_empty() => Value::List(
                        s.split(d.as_ref())
                            .map(|p| Value::String(p.to_owned()))
                            .collect(),
                    ),
                    _ => unknown("!Split"),
                }
            }
            "Fn::FindInMap" => {
                let keys: Vec<Value> = items.iter().map(|k| self.eval_at(k, depth + 1)).collect();
                let names: Option<Vec<String>> = keys
                    .iter()
                    .take(3)
                    .map(|k| k.as_str().map(std::borrow::Cow::into_owned))
                    .collect();
                match names.as_deref() {
                    Some([map, top, second]) => self
                        .root
                        .path(&["Mappings", map, top, second])
                        .map_or_else(|| unknown("!FindInMap"), |n| self.eval_at(n, depth + 1)),
                    _ => unknown("!FindInMap"),
                }
            }
            "Fn::If" => {
                let [condition, then, otherwise] = items else {
                    return Value::unknown();
                };
                match condition.as_str().and_then(|c| self.condition(c)) {
                    Some(true) => self
                        .choose(then)
                        .map_or_else(no_value, |n| self.eval_at(n, depth + 1)),
                    Some(false) => self
                        .choose(otherwise)
                        .map_or_else(no_value, |n| self.eval_at(n, depth + 1)),
                    None => unknown(format!("!If {}", condition.as_str().unwrap_or("?"))),
                }
            }
            "Fn::Equals" | "Fn::Not" | "Fn::And" | "Fn::Or" | "Condition" => self
                .truth(node, depth + 1)
                .map_or_else(Value::unknown, Value::Bool),
            // Base64 of a known text, imports, zones, CIDR blocks: not evaluated.
            other => unknown(format!("!{}", other.trim_start_matches("Fn::"))),
        }
    }

    /// `Ref` to a parameter (its value), a pseudo parameter or a resource (unknown, naming it).
    fn reference(&self, name: &str) -> Value {
        if let Some(value) = self.parameters.get(name) {
            return value.clone();
        }
        if let Some(rtype) = self.resource_type(name) {
            // Named as the Terraform model names the resource, so links between resources
            // (a bucket policy's bucket) are followed as in Terraform.
            return match resources::model_type(rtype) {
                Some(model) => unknown(format!("{model}.{name}.id")),
                None => unknown(format!("!Ref {name}")),
            };
        }
        unknown(name)
    }

    fn attribute_reference(&self, id: &str, attribute: &str) -> Value {
        match self.resource_type(id).and_then(resources::model_type) {
            Some(model) => unknown(format!("{model}.{id}.{attribute}")),
            None => unknown(format!("!GetAtt {id}.{attribute}")),
        }
    }

    /// `Fn::Sub`: `${Name}` from the variables, parameters or resources; `${!Text}` is the
    /// literal `${Text}`. Unknown when any part is.
    fn sub(&self, template: &str, vars: &[(Node, Node)], depth: usize) -> Value {
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = after[..end].trim();
            rest = &after[end + 1..];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
                continue;
            }
            let value = match vars.iter().find(|(k, _)| k.as_str() == Some(name)) {
                Some((_, v)) => self.eval_at(v, depth + 1),
                None => match name.split_once('.') {
                    Some((id, attribute)) if self.resource_type(id).is_some() => {
                        self.attribute_reference(id, attribute)
                    }
                    _ => self.reference(name),
                },
            };
            match value.as_str() {
                Some(s) if value.is_known() => out.push_str(&s),
                _ => return unknown(format!("!Sub {template}")),
            }
        }
        out.push_str(rest);
        Value::String(out)
    }
}

/// `Fn::And` (`all`) or `Fn::Or`: decided as soon as one operand decides it, else unknown
/// when any operand is.
fn all_or_any(items: &[Node], all: bool, truth: impl Fn(&Node) -> Option<bool>) -> Option<bool> {
    let mut unknown = false;
    for item in items {
        match truth(item) {
            Some(t) if t != all => return Some(!all),
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown { None } else { Some(all) }
}

#[cfg(test)]
mod tests;
