//! Terraform plans in JSON (`terraform show -json plan.out`), read onto the Terraform model so
//! the same checks judge them.
//!
//! Resources come from `planned_values` (the root module and its `child_modules`, at any
//! depth), or from `resource_changes[].change.after` when a plan has no planned values. A
//! value the plan cannot know before apply (`after_unknown`) is [`Value::Unknown`], named after
//! the reference the configuration gives for it when there is one (`aws_s3_bucket.logs.id`),
//! so checks neither pass nor fail it and links between resources still hold. Nested blocks are
//! lists of objects in a plan: each object is a nested block of the model (the list stays an
//! attribute too, as Terraform's JSON does not tell list attributes from blocks). Addresses are
//! Terraform's own (`module.net.aws_security_group.web`, `aws_instance.x[0]`).

use std::collections::{BTreeMap, HashMap};

use ward_core::Span;

use super::model::{Attr, Block, Body, Mode, Module, Resource};
use super::value::Value;
use crate::yaml::{self, Node, Value as Yaml};

/// Whether a JSON file is a Terraform plan: `format_version` with planned values or changes.
pub fn looks_like(text: &str) -> bool {
    text.contains("\"format_version\"")
        && (text.contains("\"planned_values\"") || text.contains("\"resource_changes\""))
}

/// The plan's configuration of one module: its resources' `expressions`, by local address.
#[derive(Default)]
struct Config<'n> {
    expressions: HashMap<String, &'n Node>,
    calls: HashMap<String, Config<'n>>,
}

impl<'n> Config<'n> {
    fn new(module: Option<&'n Node>, depth: usize) -> Config<'n> {
        let mut config = Config::default();
        let Some(module) = module else { return config };
        if depth > 16 {
            return config;
        }
        if let Some(resources) = module.get("resources") {
            for resource in resources.as_seq() {
                if let (Some(address), Some(expressions)) = (
                    resource.get("address").and_then(Node::as_str),
                    resource.get("expressions"),
                ) {
                    config.expressions.insert(address.to_owned(), expressions);
                }
            }
        }
        if let Some(calls) = module.get("module_calls") {
            for (name, call) in calls.as_map() {
                if let Some(name) = name.as_str() {
                    config
                        .calls
                        .insert(name.to_owned(), Config::new(call.get("module"), depth + 1));
                }
            }
        }
        config
    }

    /// The configuration of the module at `address` (`module.net[0].module.sub`).
    fn at(&self, address: &str) -> Option<&Config<'n>> {
        let mut current = self;
        for part in address.split("module.").filter(|p| !p.is_empty()) {
            let name = part
                .split(['[', '.'])
                .next()
                .unwrap_or(part)
                .trim_end_matches('.');
            current = current.calls.get(name)?;
        }
        Some(current)
    }
}

/// `after_unknown` of each resource change, by address.
fn unknowns(root: &Node) -> HashMap<&str, &Node> {
    let mut out = HashMap::new();
    if let Some(changes) = root.get("resource_changes") {
        for change in changes.as_seq() {
            if let (Some(address), Some(unknown)) = (
                change.get("address").and_then(Node::as_str),
                change.path(&["change", "after_unknown"]),
            ) {
                out.insert(address, unknown);
            }
        }
    }
    out
}

fn is_true(node: Option<&Node>) -> bool {
    node.is_some_and(Node::is_true)
}

/// A value with the parts `unknown` marks as unknown.
fn value_of(node: &Node, unknown: Option<&Node>, depth: usize) -> Value {
    if is_true(unknown) || depth > yaml::MAX_DEPTH {
        return Value::unknown();
    }
    match &node.value {
        Yaml::Scalar { .. } => Value::from_json(&node.to_json()),
        Yaml::Seq(items) => Value::List(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| value_of(item, unknown.and_then(|u| u.as_seq().get(i)), depth + 1))
                .collect(),
        ),
        Yaml::Map(entries) => {
            let mut map: BTreeMap<String, Value> = entries
                .iter()
                .filter_map(|(k, v)| {
                    let k = k.as_str()?;
                    Some((
                        k.to_owned(),
                        value_of(v, unknown.and_then(|u| u.get(k)), depth + 1),
                    ))
                })
                .collect();
            if let Some(unknown) = unknown {
                for (k, u) in unknown.as_map() {
                    if let Some(k) = k.as_str()
                        && u.is_true()
                    {
                        map.entry(k.to_owned()).or_insert_with(Value::unknown);
                    }
                }
            }
            Value::Object(map)
        }
    }
}

/// The first reference the configuration gives for an attribute (`aws_s3_bucket.logs.id`).
fn reference(expressions: Option<&Node>, name: &str) -> Option<String> {
    expressions?
        .path(&[name, "references"])?
        .as_seq()
        .first()?
        .as_str()
        .map(str::to_owned)
}

fn objects(node: &Node) -> Option<&[Node]> {
    match &node.value {
        Yaml::Seq(items) if !items.is_empty() && items.iter().all(Node::is_map) => Some(items),
        _ => None,
    }
}

/// The model's body for a resource's (or nested block's) values.
fn body(
    values: Option<&Node>,
    unknown: Option<&Node>,
    expressions: Option<&Node>,
    at: Span,
    depth: usize,
) -> Body {
    let mut out = Body::default();
    if depth > yaml::MAX_DEPTH {
        return out;
    }
    let mut seen = Vec::new();
    for (key, node) in values.map_or(&[][..], Node::as_map) {
        let Some(name) = key.as_str() else { continue };
        seen.push(name);
        let inner_unknown = unknown.and_then(|u| u.get(name));
        let mut value = value_of(node, inner_unknown, depth);
        if let Value::Unknown(u) = &mut value {
            u.reference = reference(expressions, name);
        }
        out.attrs.push(Attr {
            name: name.to_owned(),
            value,
            span: key.span,
        });
        let nested = objects(node).map(<[Node]>::iter).map(|items| {
            items
                .enumerate()
                .map(|(i, item)| (item, inner_unknown.and_then(|u| u.as_seq().get(i))))
                .collect::<Vec<_>>()
        });
        let nested = nested.or_else(|| node.is_map().then(|| vec![(node, inner_unknown)]));
        for (i, (item, item_unknown)) in nested.into_iter().flatten().enumerate() {
            let item_expressions = expressions
                .and_then(|e| e.get(name))
                .and_then(|e| e.as_seq().get(i));
            out.blocks.push(Block {
                kind: name.to_owned(),
                labels: Vec::new(),
                span: if item.span.start_line == key.span.start_line {
                    key.span
                } else {
                    item.span
                },
                body: body(
                    Some(item),
                    item_unknown,
                    item_expressions,
                    item.span,
                    depth + 1,
                ),
            });
        }
    }
    // Attributes known only after apply are left out of the values.
    for (key, flag) in unknown.map_or(&[][..], Node::as_map) {
        if let Some(name) = key.as_str()
            && flag.is_true()
            && !seen.contains(&name)
        {
            out.attrs.push(Attr {
                name: name.to_owned(),
                value: Value::Unknown(super::value::Unknown {
                    reference: reference(expressions, name),
                }),
                span: at,
            });
        }
    }
    out
}

fn resource(
    node: &Node,
    values: Option<&Node>,
    unknown: Option<&Node>,
    config: Option<&Config<'_>>,
) -> Option<Resource> {
    let (address_key, address) = node.entry("address")?;
    let address = address.as_str()?;
    let rtype = node.get("type")?.as_str()?;
    let name = node.get("name")?.as_str()?;
    let mode = match node.get("mode").and_then(Node::as_str) {
        Some("data") => Mode::Data,
        _ => Mode::Managed,
    };
    let local = match mode {
        Mode::Managed => format!("{rtype}.{name}"),
        Mode::Data => format!("data.{rtype}.{name}"),
    };
    let expressions = config.and_then(|c| c.expressions.get(&local).copied());
    let span = address_key.span;
    Some(Resource {
        mode,
        rtype: rtype.to_owned(),
        name: name.to_owned(),
        address: address.to_owned(),
        file: 0,
        span,
        body: body(values, unknown, expressions, span, 0),
        origin: None,
    })
}

/// The module prefix of a resource address (`module.net.` of `module.net.aws_x.y[0]`).
fn prefix_of(address: &str, rtype: &str, mode: Mode) -> String {
    let local = match mode {
        Mode::Managed => format!("{rtype}."),
        Mode::Data => format!("data.{rtype}."),
    };
    let at = address
        .match_indices(&local)
        .map(|(i, _)| i)
        .find(|&i| i == 0 || address.as_bytes()[i - 1] == b'.')
        .unwrap_or(0);
    address[..at].to_owned()
}

fn planned_module<'n>(
    node: &'n Node,
    unknowns: &HashMap<&str, &'n Node>,
    config: &Config<'_>,
    depth: usize,
    out: &mut Vec<Module>,
) {
    if depth > 16 {
        return;
    }
    let address = node.get("address").and_then(Node::as_str).unwrap_or("");
    let module_config = config.at(address);
    let mut module = Module {
        prefix: if address.is_empty() {
            String::new()
        } else {
            format!("{address}.")
        },
        dir: String::new(),
        resources: Vec::new(),
    };
    for item in node.get("resources").map_or(&[][..], Node::as_seq) {
        let unknown = item
            .get("address")
            .and_then(Node::as_str)
            .and_then(|a| unknowns.get(a).copied());
        if let Some(resource) = resource(item, item.get("values"), unknown, module_config) {
            module.resources.push(resource);
        }
    }
    out.push(module);
    for child in node.get("child_modules").map_or(&[][..], Node::as_seq) {
        planned_module(child, unknowns, config, depth + 1, out);
    }
}

/// The plan's resources as evaluated modules, one per module instance.
pub fn modules(root: &Node) -> Vec<Module> {
    let unknowns = unknowns(root);
    let config = Config::new(root.path(&["configuration", "root_module"]), 0);
    let mut out = Vec::new();
    if let Some(planned) = root.path(&["planned_values", "root_module"]) {
        planned_module(planned, &unknowns, &config, 0, &mut out);
        return out;
    }
    // No planned values: what each change leaves after apply.
    let mut by_module: BTreeMap<String, Vec<Resource>> = BTreeMap::new();
    for change in root.get("resource_changes").map_or(&[][..], Node::as_seq) {
        let Some(after) = change.path(&["change", "after"]).filter(|a| a.is_map()) else {
            continue;
        };
        let (Some(rtype), Some(address)) = (
            change.get("type").and_then(Node::as_str),
            change.get("address").and_then(Node::as_str),
        ) else {
            continue;
        };
        let mode = match change.get("mode").and_then(Node::as_str) {
            Some("data") => Mode::Data,
            _ => Mode::Managed,
        };
        let prefix = prefix_of(address, rtype, mode);
        let module_config = config.at(prefix.trim_end_matches('.'));
        let unknown = change.path(&["change", "after_unknown"]);
        if let Some(resource) = resource(change, Some(after), unknown, module_config) {
            by_module.entry(prefix).or_default().push(resource);
        }
    }
    by_module
        .into_iter()
        .map(|(prefix, resources)| Module {
            prefix,
            dir: String::new(),
            resources,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_prefixes_and_configuration_paths() {
        assert_eq!(
            prefix_of(
                "module.net.aws_instance.x[0]",
                "aws_instance",
                Mode::Managed
            ),
            "module.net."
        );
        assert_eq!(
            prefix_of(
                "data.aws_iam_policy_document.p",
                "aws_iam_policy_document",
                Mode::Data
            ),
            ""
        );
        let json = r#"{"module_calls": {"net": {"module": {"module_calls": {"sub": {"module": {
            "resources": [{"address": "aws_s3_bucket.b", "expressions": {"bucket": {"references": ["var.name"]}}}]}}}}}}}"#;
        let node = yaml::parse_json(json).unwrap();
        let config = Config::new(Some(&node), 0);
        let sub = config.at("module.net[0].module.sub[\"a\"]").unwrap();
        assert_eq!(
            reference(sub.expressions.get("aws_s3_bucket.b").copied(), "bucket").as_deref(),
            Some("var.name")
        );
    }
}
