//! Import aliases: which module path a local name stands for, so that a pattern written with
//! the full name (`subprocess.call`) matches `sp.call` after `import subprocess as sp`, and
//! `call` after `from subprocess import call`; in JavaScript, names bound by `require` and
//! `import`; in Go, import paths; in Rust, `use` declarations (`use a::b as c;`,
//! `use a::{self, b as c};`).

use std::collections::HashMap;

use ward_lang::Lang;
use ward_lang::tree_sitter::Node;

use crate::pattern::decode_literal;

/// Local name -> the dotted path it stands for.
#[derive(Debug, Default, Clone)]
pub(crate) struct Aliases {
    map: HashMap<String, String>,
}

impl Aliases {
    /// The dotted path `raw` (`sp.call`) stands for, if its first name is an alias.
    pub fn resolve(&self, raw: &str) -> Option<String> {
        let (head, tail) = match raw.split_once('.') {
            Some((h, t)) => (h, Some(t)),
            None => (raw, None),
        };
        let base = self.map.get(head)?;
        Some(match tail {
            Some(t) => format!("{base}.{t}"),
            None => base.clone(),
        })
    }

    fn add(&mut self, local: &str, path: String) {
        if !local.is_empty() && local != path {
            self.map.insert(local.to_owned(), path);
        }
    }

    /// The aliases a file defines (imports anywhere in it; later ones win).
    pub fn of(root: Node<'_>, src: &[u8], lang: Lang) -> Aliases {
        let mut aliases = Aliases::default();
        // Kind names by kind id, read once each (`Node::kind` measures a C string each time).
        let mut kinds: Vec<Option<&str>> = vec![None; root.language().node_kind_count()];
        let text = |n: Node<'_>| n.utf8_text(src).unwrap_or("").to_owned();
        let mut cursor = root.walk();
        'walk: loop {
            let node = cursor.node();
            let mut descend = true;
            let kind = match kinds.get_mut(usize::from(node.kind_id())) {
                Some(Some(kind)) => *kind,
                Some(slot) => *slot.insert(node.kind()),
                None => node.kind(),
            };
            match (lang, kind) {
                (Lang::Python, "import_statement") => {
                    descend = false;
                    let mut c = node.walk();
                    for item in node.children_by_field_name("name", &mut c) {
                        if item.kind() == "aliased_import"
                            && let (Some(name), Some(alias)) = (
                                item.child_by_field_name("name"),
                                item.child_by_field_name("alias"),
                            )
                        {
                            aliases.add(&text(alias), text(name));
                        }
                    }
                }
                (Lang::Python, "import_from_statement") => {
                    descend = false;
                    if let Some(module) = node.child_by_field_name("module_name") {
                        let module = text(module);
                        let mut c = node.walk();
                        for item in node.children_by_field_name("name", &mut c) {
                            match item.kind() {
                                "dotted_name" => {
                                    let name = text(item);
                                    aliases.add(&name, format!("{module}.{name}"));
                                }
                                "aliased_import" => {
                                    if let (Some(name), Some(alias)) = (
                                        item.child_by_field_name("name"),
                                        item.child_by_field_name("alias"),
                                    ) {
                                        aliases
                                            .add(&text(alias), format!("{module}.{}", text(name)));
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
                (Lang::JavaScript | Lang::TypeScript | Lang::Tsx, "import_statement") => {
                    descend = false;
                    js_import(node, src, &mut aliases);
                }
                (Lang::JavaScript | Lang::TypeScript | Lang::Tsx, "variable_declarator") => {
                    if let (Some(name), Some(value)) = (
                        node.child_by_field_name("name"),
                        node.child_by_field_name("value"),
                    ) {
                        js_require(name, value, src, lang, &mut aliases);
                    }
                }
                (Lang::Rust, "use_declaration") => {
                    descend = false;
                    if let Some(argument) = node.child_by_field_name("argument") {
                        rust_use(argument, "", src, &mut aliases, 0);
                    }
                }
                (Lang::Go, "import_spec") => {
                    descend = false;
                    if let Some(path) = node.child_by_field_name("path") {
                        let path = decode_literal(&text(path));
                        let last = path.rsplit('/').next().unwrap_or(&path).to_owned();
                        match node.child_by_field_name("name") {
                            Some(name) if name.kind() == "package_identifier" => {
                                aliases.add(&text(name), path);
                            }
                            _ => aliases.add(&last, path),
                        }
                    }
                }
                _ => {}
            }
            if descend && cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    continue 'walk;
                }
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        aliases
    }
}

/// A Rust path as a dotted name (`std::process` -> `std.process`), under `prefix`.
fn rust_path(node: Node<'_>, prefix: &str, src: &[u8]) -> String {
    let path: String = node
        .utf8_text(src)
        .unwrap_or("")
        .split("::")
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(".");
    match (prefix.is_empty(), path.as_str()) {
        (true, _) => path,
        (false, "self") => prefix.to_owned(),
        (false, _) => format!("{prefix}.{path}"),
    }
}

/// The names one `use` tree brings into scope: `use a::b;` (`b`), `use a::b as c;` (`c`),
/// `use a::{self, b as c};` (`a` and `c`), nested lists too; globs name nothing.
fn rust_use(node: Node<'_>, prefix: &str, src: &[u8], aliases: &mut Aliases, depth: usize) {
    if depth > 32 {
        return;
    }
    match node.kind() {
        "identifier" | "scoped_identifier" | "self" | "crate" | "super" => {
            let full = rust_path(node, prefix, src);
            let last = full.rsplit('.').next().unwrap_or("").to_owned();
            aliases.add(&last, full);
        }
        "use_as_clause" => {
            if let (Some(path), Some(alias)) = (
                node.child_by_field_name("path"),
                node.child_by_field_name("alias"),
            ) {
                let full = rust_path(path, prefix, src);
                aliases.add(alias.utf8_text(src).unwrap_or(""), full);
            }
        }
        "scoped_use_list" => {
            let inner = match node.child_by_field_name("path") {
                Some(path) => rust_path(path, prefix, src),
                None => prefix.to_owned(),
            };
            if let Some(list) = node.child_by_field_name("list") {
                rust_use(list, &inner, src, aliases, depth + 1);
            }
        }
        "use_list" => {
            let mut c = node.walk();
            for item in node.named_children(&mut c) {
                rust_use(item, prefix, src, aliases, depth + 1);
            }
        }
        _ => {}
    }
}

/// `require("m")` (or `require("m").x`): the module path it names.
pub(crate) fn required_module(node: Node<'_>, src: &[u8], lang: Lang) -> Option<String> {
    required_module_within(node, src, lang, 16)
}

fn required_module_within(node: Node<'_>, src: &[u8], lang: Lang, depth: usize) -> Option<String> {
    if depth == 0 || !matches!(lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx) {
        return None;
    }
    match node.kind() {
        "call_expression" => {
            let function = node.child_by_field_name("function")?;
            if function.utf8_text(src).ok()? != "require" {
                return None;
            }
            let args = node.child_by_field_name("arguments")?;
            let arg = args.named_child(0)?;
            (arg.kind() == "string").then(|| decode_literal(arg.utf8_text(src).unwrap_or("")))
        }
        "member_expression" => {
            let base =
                required_module_within(node.child_by_field_name("object")?, src, lang, depth - 1)?;
            let prop = node.child_by_field_name("property")?;
            Some(format!("{base}.{}", prop.utf8_text(src).ok()?))
        }
        "await_expression" | "parenthesized_expression" => {
            required_module_within(node.named_child(0)?, src, lang, depth - 1)
        }
        _ => None,
    }
}

fn js_require(name: Node<'_>, value: Node<'_>, src: &[u8], lang: Lang, aliases: &mut Aliases) {
    let Some(module) = required_module(value, src, lang) else {
        return;
    };
    let text = |n: Node<'_>| n.utf8_text(src).unwrap_or("").to_owned();
    match name.kind() {
        "identifier" => aliases.add(&text(name), module),
        "object_pattern" => {
            let mut c = name.walk();
            for prop in name.named_children(&mut c) {
                match prop.kind() {
                    "shorthand_property_identifier_pattern" => {
                        let n = text(prop);
                        aliases.add(&n, format!("{module}.{n}"));
                    }
                    "pair_pattern" => {
                        if let (Some(key), Some(value)) = (
                            prop.child_by_field_name("key"),
                            prop.child_by_field_name("value"),
                        ) && value.kind() == "identifier"
                        {
                            aliases.add(&text(value), format!("{module}.{}", text(key)));
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

fn js_import(node: Node<'_>, src: &[u8], aliases: &mut Aliases) {
    let text = |n: Node<'_>| n.utf8_text(src).unwrap_or("").to_owned();
    let Some(source) = node.child_by_field_name("source") else {
        return;
    };
    let module = decode_literal(&text(source));
    let mut c = node.walk();
    for clause in node.named_children(&mut c) {
        if clause.kind() != "import_clause" {
            continue;
        }
        let mut cc = clause.walk();
        for part in clause.named_children(&mut cc) {
            match part.kind() {
                "identifier" => aliases.add(&text(part), module.clone()),
                "namespace_import" => {
                    if let Some(id) = part.named_child(0) {
                        aliases.add(&text(id), module.clone());
                    }
                }
                "named_imports" => {
                    let mut sc = part.walk();
                    for spec in part.named_children(&mut sc) {
                        if spec.kind() != "import_specifier" {
                            continue;
                        }
                        let Some(name) = spec.child_by_field_name("name") else {
                            continue;
                        };
                        let local = spec.child_by_field_name("alias").unwrap_or(name);
                        aliases.add(&text(local), format!("{module}.{}", text(name)));
                    }
                }
                _ => {}
            }
        }
    }
}
