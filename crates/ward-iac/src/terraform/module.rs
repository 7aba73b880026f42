//! Modules: the files of one directory evaluated together (variables from inputs, `*.tfvars`
//! or defaults; locals; `count`/`for_each` instances; `dynamic` blocks), and local child
//! modules (`source = "./modules/x"`) evaluated with the inputs their caller gives.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use hcl::edit::expr::Expression;
use hcl::edit::structure::{Block as HclBlock, Body as HclBody, Structure};
use ward_core::{LineIndex, Span};

use super::eval::{Bindings, MAX_ITEMS, Scope, instance_key, iterate};
use super::model::{Attr, Block, Body, Mode, Module, Resource};
use super::value::Value;
use super::{Content, SourceFile};

/// How deep local modules may call local modules.
const MAX_MODULE_DEPTH: usize = 8;
/// The most instances one resource or module call is expanded to.
const MAX_INSTANCES: usize = 1_000;

/// The directory of a project-relative path (`""` for the root).
pub fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `dir` joined with a relative module source, normalised; `None` when it leaves the project.
fn resolve(dir: &str, source: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in source.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn is_local_source(source: &str) -> bool {
    source.starts_with("./") || source.starts_with("../")
}

fn literal_string(expr: &Expression) -> Option<&str> {
    match expr {
        Expression::String(s) => Some(s.value().as_str()),
        _ => None,
    }
}

struct Project<'p> {
    files: &'p [SourceFile],
    lines: Vec<LineIndex<'p>>,
    /// Directory -> indexes of its `.tf` files.
    dirs: BTreeMap<&'p str, Vec<usize>>,
    /// Directory -> the variables its `terraform.tfvars` and `*.auto.tfvars` set.
    tfvars: BTreeMap<&'p str, BTreeMap<String, Value>>,
}

/// Evaluates every module of the project: each root module (a directory no other scanned
/// directory calls as a local module) with its `*.tfvars`, and through it its local modules.
pub fn evaluate(files: &[SourceFile]) -> Vec<Module> {
    let mut dirs: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut var_files: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        match &file.content {
            Content::Config(_) => dirs.entry(dir_of(&file.path)).or_default().push(i),
            Content::Vars(_) => var_files.entry(dir_of(&file.path)).or_default().push(i),
        }
    }
    let mut tfvars: BTreeMap<&str, BTreeMap<String, Value>> = BTreeMap::new();
    for (dir, mut indexes) in var_files {
        // Terraform reads terraform.tfvars(.json) first, then *.auto.tfvars in name order.
        indexes.sort_by_key(|&i| {
            let name = files[i].path.rsplit('/').next().unwrap_or_default();
            (!name.starts_with("terraform.tfvars"), name.to_owned())
        });
        let merged = tfvars.entry(dir).or_default();
        for i in indexes {
            if let Content::Vars(vars) = &files[i].content {
                merged.extend(vars.clone());
            }
        }
    }
    let project = Project {
        files,
        lines: files
            .iter()
            .map(|f| {
                let text = f.generated.as_ref().map_or(&f.text, |g| &g.text);
                LineIndex::new(text.as_bytes())
            })
            .collect(),
        dirs,
        tfvars,
    };
    let mut called: BTreeSet<String> = BTreeSet::new();
    for (dir, indexes) in &project.dirs {
        for &i in indexes {
            let Content::Config(body) = &files[i].content else {
                continue;
            };
            for block in body.get_blocks("module") {
                if let Some(source) = block
                    .body
                    .get_attribute("source")
                    .and_then(|a| literal_string(&a.value))
                    && is_local_source(source)
                    && let Some(target) = resolve(dir, source)
                    && target != *dir
                {
                    called.insert(target);
                }
            }
        }
    }
    let mut modules = Vec::new();
    for dir in project.dirs.keys() {
        if called.contains(*dir) {
            continue;
        }
        let inputs = project.tfvars.get(dir).cloned().unwrap_or_default();
        let mut stack = Vec::new();
        project.module(dir, &inputs, "", &mut stack, &mut modules);
    }
    modules
}

/// One instance of a resource or module call: its address suffix and the names it binds.
struct Instance {
    key: String,
    binding: Option<(&'static str, Value)>,
}

fn instances(scope: &Scope<'_>, body: &HclBody) -> Vec<Instance> {
    if let Some(count) = body.get_attribute("count") {
        let value = scope.eval(&count.value, &Bindings::Root);
        return match value.as_number() {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Some(n) if n >= 0.0 => (0..(n as usize).min(MAX_INSTANCES))
                .map(|i| {
                    #[allow(clippy::cast_precision_loss)]
                    let index = Value::Number(i as f64);
                    Instance {
                        key: instance_key(&index),
                        binding: Some((
                            "count",
                            Value::Object(BTreeMap::from([("index".to_owned(), index)])),
                        )),
                    }
                })
                .collect(),
            // Unknown: one instance whose index is unknown (it may or may not exist; its
            // configuration is still what it is).
            _ => vec![Instance {
                key: String::new(),
                binding: Some((
                    "count",
                    Value::Object(BTreeMap::from([("index".to_owned(), Value::unknown())])),
                )),
            }],
        };
    }
    if let Some(for_each) = body.get_attribute("for_each") {
        let value = scope.eval(&for_each.value, &Bindings::Root);
        let pairs = match &value {
            // A set of strings: each key is the element itself.
            Value::List(items) => Some(items.iter().map(|v| (v.clone(), v.clone())).collect()),
            other => iterate(other),
        };
        return match pairs {
            Some(pairs) => pairs
                .into_iter()
                .take(MAX_INSTANCES)
                .map(|(key, value)| Instance {
                    key: instance_key(&key),
                    binding: Some((
                        "each",
                        Value::Object(BTreeMap::from([
                            ("key".to_owned(), key),
                            ("value".to_owned(), value),
                        ])),
                    )),
                })
                .collect(),
            None => vec![Instance {
                key: String::new(),
                binding: Some(("each", Value::reference("each"))),
            }],
        };
    }
    vec![Instance {
        key: String::new(),
        binding: None,
    }]
}

impl Project<'_> {
    fn span(&self, file: usize, node: &impl hcl::edit::Span) -> Span {
        let span = match node.span() {
            Some(range) => self.lines[file].span(range.start, range.end),
            None => Span::line(1, 1, 1),
        };
        match &self.files[file].generated {
            Some(generated) => generated.map(span),
            None => span,
        }
    }

    /// Evaluates the module in `dir` with `inputs`; pushes it (and its children) to `out` and
    /// returns its outputs as an object.
    fn module(
        &self,
        dir: &str,
        inputs: &BTreeMap<String, Value>,
        prefix: &str,
        stack: &mut Vec<String>,
        out: &mut Vec<Module>,
    ) -> Value {
        let Some(indexes) = self.dirs.get(dir) else {
            return Value::unknown();
        };
        if stack.len() >= MAX_MODULE_DEPTH || stack.iter().any(|d| d == dir) {
            return Value::unknown();
        }
        stack.push(dir.to_owned());
        let blocks: Vec<(usize, &HclBlock)> = indexes
            .iter()
            .filter_map(|&i| match &self.files[i].content {
                Content::Config(body) => Some(body.blocks().map(move |b| (i, b))),
                Content::Vars(_) => None,
            })
            .flatten()
            .collect();
        let empty = Scope::empty();
        let mut vars = BTreeMap::new();
        let mut locals: HashMap<String, &Expression> = HashMap::new();
        for (_, block) in &blocks {
            match block.ident.value().as_str() {
                "variable" => {
                    let Some(name) = block.labels.first().map(|l| l.as_str().to_owned()) else {
                        continue;
                    };
                    let value = match inputs.get(&name) {
                        Some(value) => value.clone(),
                        None => match block.body.get_attribute("default") {
                            Some(default) => empty.eval(&default.value, &Bindings::Root),
                            None => Value::reference(format!("var.{name}")),
                        },
                    };
                    vars.insert(name, value);
                }
                "locals" => {
                    for attr in block.body.attributes() {
                        locals.insert(attr.key.value().as_str().to_owned(), &attr.value);
                    }
                }
                _ => {}
            }
        }
        let mut scope = Scope::new(
            vars,
            locals,
            if dir.is_empty() {
                ".".to_owned()
            } else {
                dir.to_owned()
            },
        );
        // Child modules first, so that `module.x.output` is known to this module's resources.
        for (_, block) in &blocks {
            if block.ident.value().as_str() != "module" {
                continue;
            }
            let Some(name) = block.labels.first().map(|l| l.as_str().to_owned()) else {
                continue;
            };
            let Some(source) = block
                .body
                .get_attribute("source")
                .and_then(|a| literal_string(&a.value))
            else {
                continue;
            };
            if !is_local_source(source) {
                continue;
            }
            let Some(child_dir) = resolve(dir, source) else {
                continue;
            };
            let calls = instances(&scope, &block.body);
            let single = calls.len() == 1 && calls[0].key.is_empty();
            let mut outputs = Vec::new();
            for call in calls {
                let root = Bindings::Root;
                let bindings = match &call.binding {
                    Some((n, v)) => root.bind(*n, v.clone()),
                    None => root.bind("", Value::Null),
                };
                let mut child_inputs = BTreeMap::new();
                for attr in block.body.attributes() {
                    let key = attr.key.value().as_str();
                    if matches!(
                        key,
                        "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
                    ) {
                        continue;
                    }
                    child_inputs.insert(key.to_owned(), scope.eval(&attr.value, &bindings));
                }
                let child_prefix = format!("{prefix}module.{name}{}.", call.key);
                outputs.push(self.module(&child_dir, &child_inputs, &child_prefix, stack, out));
            }
            if single && let Some(outputs) = outputs.pop() {
                scope.modules.insert(name, outputs);
            }
        }
        let mut module = Module {
            prefix: prefix.to_owned(),
            dir: dir.to_owned(),
            resources: Vec::new(),
        };
        let mut outputs = BTreeMap::new();
        for (file, block) in &blocks {
            let (mode, kind) = match block.ident.value().as_str() {
                "resource" => (Mode::Managed, ""),
                "data" => (Mode::Data, "data."),
                "output" => {
                    if let (Some(name), Some(value)) =
                        (block.labels.first(), block.body.get_attribute("value"))
                    {
                        outputs.insert(
                            name.as_str().to_owned(),
                            scope.eval(&value.value, &Bindings::Root),
                        );
                    }
                    continue;
                }
                _ => continue,
            };
            let (Some(rtype), Some(name)) = (block.labels.first(), block.labels.get(1)) else {
                continue;
            };
            for instance in instances(&scope, &block.body) {
                let root = Bindings::Root;
                let bindings = match &instance.binding {
                    Some((n, v)) => root.bind(*n, v.clone()),
                    None => root.bind("", Value::Null),
                };
                let body = self.body(&scope, *file, &block.body, &bindings, 0);
                module.resources.push(Resource {
                    mode,
                    rtype: rtype.as_str().to_owned(),
                    name: name.as_str().to_owned(),
                    address: format!(
                        "{prefix}{kind}{}.{}{}",
                        rtype.as_str(),
                        name.as_str(),
                        instance.key
                    ),
                    file: *file,
                    span: self.span(*file, *block),
                    body,
                    origin: None,
                });
            }
        }
        out.push(module);
        stack.pop();
        Value::Object(outputs)
    }

    /// Evaluates a block body, expanding `dynamic` blocks.
    fn body(
        &self,
        scope: &Scope<'_>,
        file: usize,
        body: &HclBody,
        b: &Bindings<'_>,
        depth: u32,
    ) -> Body {
        let mut out = Body::default();
        if depth > 32 {
            return out;
        }
        for structure in body {
            match structure {
                Structure::Attribute(attr) => out.attrs.push(Attr {
                    name: attr.key.value().as_str().to_owned(),
                    value: scope.eval(&attr.value, b),
                    span: self.span(file, attr),
                }),
                Structure::Block(block) if block.ident.value().as_str() == "dynamic" => {
                    self.dynamic(scope, file, block, b, depth, &mut out);
                }
                Structure::Block(block) => out.blocks.push(Block {
                    kind: block.ident.value().as_str().to_owned(),
                    labels: block.labels.iter().map(|l| l.as_str().to_owned()).collect(),
                    span: self.span(file, block),
                    body: self.body(scope, file, &block.body, b, depth + 1),
                }),
            }
        }
        out
    }

    /// `dynamic "ingress" { for_each = ...; content { ... } }`: one `ingress` block per item
    /// (one with unknown values when the collection is unknown).
    fn dynamic(
        &self,
        scope: &Scope<'_>,
        file: usize,
        block: &HclBlock,
        b: &Bindings<'_>,
        depth: u32,
        out: &mut Body,
    ) {
        let Some(kind) = block.labels.first().map(|l| l.as_str().to_owned()) else {
            return;
        };
        let Some(content) = block.body.get_blocks("content").next() else {
            return;
        };
        let iterator = block
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.value().as_str().to_owned()),
                _ => None,
            })
            .unwrap_or_else(|| kind.clone());
        let collection = block
            .body
            .get_attribute("for_each")
            .map_or_else(Value::unknown, |a| scope.eval(&a.value, b));
        let items = iterate(&collection).unwrap_or_else(|| {
            vec![(
                Value::unknown(),
                Value::reference(format!("{iterator}.value")),
            )]
        });
        for (key, value) in items.into_iter().take(MAX_ITEMS) {
            let item = Value::Object(BTreeMap::from([
                ("key".to_owned(), key),
                ("value".to_owned(), value),
            ]));
            let inner = b.bind(iterator.clone(), item);
            out.blocks.push(Block {
                kind: kind.clone(),
                labels: Vec::new(),
                span: self.span(file, block),
                body: self.body(scope, file, &content.body, &inner, depth + 1),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_sources() {
        assert_eq!(
            resolve("infra", "./modules/net").as_deref(),
            Some("infra/modules/net")
        );
        assert_eq!(
            resolve("infra/live", "../modules/net").as_deref(),
            Some("infra/modules/net")
        );
        assert_eq!(resolve("", "../outside"), None);
    }
}
