//! Constant strings behind variables, as Semgrep's constant propagation sees them: a string
//! pattern (`"..."`, `"abc"`) also matches a variable that must hold a constant string where
//! it is read (`x = "a" + "b"; f(x)` matches `f("ab")`).
//!
//! Semgrep tracks this flow-sensitively, per function. Ward approximates it per scope, on the
//! conservative side (when in doubt, a variable is not a constant):
//! - the scope of a name is the innermost function (Python: also class body) that binds it,
//!   else the file;
//! - every binding of the name in that scope is a plain assignment or declaration whose value
//!   is itself constant (a literal, a concatenation of constants, another such variable);
//!   any other binding (a parameter, `+=`, `++`, a loop or `with` target, unpacking, an import,
//!   `global`/`nonlocal`, a `catch` variable, an assignment from a nested function) makes it
//!   not a constant, but for the flow rule below;
//! - a read must come after one complete definition: in the defining scope a read before any
//!   is of an unassigned variable, and Semgrep does not carry a file-level constant defined
//!   further down into a function above it either;
//! - in the defining scope, definitions after the read do not count unless a loop around the
//!   read makes them reach it;
//! - flow, as far as it is cheap to see: in the defining scope, when the last definition
//!   before a read runs on every path to it (no branch or loop in between, no loop around the
//!   read that assigns the name again), that definition alone gives the value, whatever other
//!   bindings the scope has (`x = "a"; x = x + "b"; f(x)` reads `"ab"`; a `for x in ...`
//!   earlier does not matter);
//! - definitions with different values leave "some constant string", which matches `"..."`
//!   but no particular value.
//!
//! Only JavaScript, TypeScript and Python so far.

use std::collections::HashMap;

use ward_lang::Lang;
use ward_lang::tree_sitter::Node;

/// A constant string value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Konst {
    /// Known to be exactly this string.
    Str(String),
    /// Some constant string, which one depending on the path taken.
    AnyStr,
}

impl Konst {
    pub fn concat(self, other: Konst) -> Konst {
        match (self, other) {
            (Konst::Str(a), Konst::Str(b)) => Konst::Str(a + &b),
            _ => Konst::AnyStr,
        }
    }
}

/// How one occurrence of a name binds it.
#[derive(Debug, Clone, Copy)]
enum Binding<'t> {
    /// `name = value` or `var name = value`: the value, and where the definition ends.
    Define { value: Node<'t>, end: usize },
    /// `name += value`: a string built on the name's value before.
    Append { value: Node<'t>, end: usize },
    /// Any other binding: the name is not a constant in this scope.
    Other,
}

/// The bindings of names in one scope (not those of nested scopes).
#[derive(Debug, Default)]
pub(crate) struct ScopeBindings<'t> {
    /// Each binding with the identifier that makes it, in document order.
    names: HashMap<String, Vec<(Node<'t>, Binding<'t>)>>,
    /// Names that a nested function assigns without declaring its own (JavaScript) or that a
    /// `global`/`nonlocal` statement names anywhere (Python).
    poisoned: std::collections::HashSet<String>,
}

pub(crate) fn supported(lang: Lang) -> bool {
    matches!(lang, Lang::JavaScript | Lang::TypeScript | Lang::Python)
}

/// Whether a node opens a scope of its own for names.
pub(crate) fn is_scope(kind: &str, lang: Lang) -> bool {
    match lang {
        Lang::Python => matches!(
            kind,
            "function_definition" | "lambda" | "class_definition" | "module"
        ),
        _ => matches!(
            kind,
            "function_declaration"
                | "function_expression"
                | "function"
                | "arrow_function"
                | "method_definition"
                | "generator_function_declaration"
                | "generator_function"
                | "program"
        ),
    }
}

/// The parent of every named node of a file, found in one walk.
///
/// Tree-sitter's `Node::parent()` walks down from the root (scanning the siblings at each
/// level) on every call, so asking it for each identifier is quadratic on a deep chain
/// (`a.b.b.b...`) and slow on a large flat file; this map answers in constant time.
pub(crate) struct Parents<'t> {
    map: rustc_hash::FxHashMap<usize, Node<'t>>,
}

impl<'t> Parents<'t> {
    pub fn of_tree(root: Node<'t>) -> Self {
        let mut map = rustc_hash::FxHashMap::default();
        let mut cursor = root.walk();
        let mut stack: Vec<Node<'t>> = Vec::new();
        'walk: loop {
            let node = cursor.node();
            if let Some(&parent) = stack.last()
                && node.is_named()
            {
                map.insert(node.id(), parent);
            }
            if cursor.goto_first_child() {
                stack.push(node);
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    continue 'walk;
                }
                if !cursor.goto_parent() {
                    break 'walk;
                }
                stack.pop();
            }
        }
        Parents { map }
    }

    /// The parent of a named node (None for the root, or for an anonymous node).
    pub fn of(&self, node: Node<'t>) -> Option<Node<'t>> {
        self.map.get(&node.id()).copied()
    }
}

/// How an identifier occurrence binds its name, if it does (None: it reads it, or is no
/// variable at all, such as a keyword argument's name). A declaration without a value
/// (`let x;`, `x: str`) is [`Binding::Other`].
fn binding_of<'t>(id: Node<'t>, parents: &Parents<'t>, lang: Lang) -> Option<Binding<'t>> {
    let parent = parents.of(id)?;
    let field_is = |field: &str| parent.child_by_field_name(field) == Some(id);
    let define = |value: Option<Node<'t>>| match value {
        Some(value) => Binding::Define {
            value,
            end: parent.end_byte(),
        },
        None => Binding::Other,
    };
    // `x += v` appends to a string; any other operator makes no constant string.
    let append = |assignment: Node<'t>| match (
        assignment.child_by_field_name("operator"),
        assignment.child_by_field_name("right"),
    ) {
        (Some(op), Some(value)) if op.kind() == "+=" => Binding::Append {
            value,
            end: assignment.end_byte(),
        },
        _ => Binding::Other,
    };
    let kind = parent.kind();
    match lang {
        Lang::Python => match kind {
            // `x: str` alone declares without assigning.
            "assignment" if field_is("left") => Some(define(
                parent
                    .child_by_field_name("right")
                    .filter(|value| value.kind() != "assignment"),
            )),
            "augmented_assignment" if field_is("left") => Some(append(parent)),
            "for_statement" | "for_in_clause" if field_is("left") => Some(Binding::Other),
            "named_expression" | "function_definition" | "class_definition" if field_is("name") => {
                Some(Binding::Other)
            }
            "parameters"
            | "lambda_parameters"
            | "default_parameter"
            | "typed_parameter"
            | "typed_default_parameter"
            | "list_splat_pattern"
            | "dictionary_splat_pattern"
            | "pattern_list"
            | "tuple_pattern"
            | "list_pattern"
            | "as_pattern_target"
            | "aliased_import"
            | "dotted_name"
            | "global_statement"
            | "nonlocal_statement"
            | "except_clause"
            | "with_item"
            | "as_pattern" => Some(Binding::Other),
            _ => None,
        },
        _ => match kind {
            "variable_declarator" if field_is("name") => {
                Some(define(parent.child_by_field_name("value")))
            }
            "assignment_expression" if field_is("left") => {
                Some(define(Some(parent.child_by_field_name("right")?)))
            }
            "augmented_assignment_expression" if field_is("left") => Some(append(parent)),
            "for_in_statement" if field_is("left") => Some(Binding::Other),
            "function_declaration"
            | "class_declaration"
            | "generator_function_declaration"
            | "function_expression"
            | "class"
                if field_is("name") =>
            {
                Some(Binding::Other)
            }
            "update_expression" | "formal_parameters" | "required_parameter"
            | "optional_parameter" | "assignment_pattern" | "array_pattern" | "object_pattern"
            | "rest_pattern" | "pair_pattern" | "catch_clause" | "import_specifier"
            | "import_clause" | "namespace_import" | "arrow_function" => Some(Binding::Other),
            _ => None,
        },
    }
}

/// Whether an identifier occurrence binds its name (rather than reading it).
pub(crate) fn binds<'t>(id: Node<'t>, parents: &Parents<'t>, lang: Lang) -> bool {
    binding_of(id, parents, lang).is_some()
}

/// Ancestors looked at to find a scope: past this (code nested deeper), a name is taken as
/// no constant, which keeps the analysis linear on pathological nesting.
const MAX_ANCESTORS: usize = 512;

/// The innermost scope around `node` (not `node` itself); None past [`MAX_ANCESTORS`].
pub(crate) fn scope_of<'t>(node: Node<'t>, parents: &Parents<'t>, lang: Lang) -> Option<Node<'t>> {
    let mut current = parents.of(node);
    for _ in 0..MAX_ANCESTORS {
        let n = current?;
        if is_scope(n.kind(), lang) {
            return Some(n);
        }
        current = parents.of(n);
    }
    None
}

/// Collects the bindings made directly in `scope` (one walk, nested scopes tracked on a
/// stack, so it stays linear however deep the code nests).
pub(crate) fn bindings_of<'t>(
    scope: Node<'t>,
    parents: &Parents<'t>,
    src: &'t [u8],
    lang: Lang,
) -> ScopeBindings<'t> {
    let mut out = ScopeBindings::default();
    let mut cursor = scope.walk();
    let mut depth = 0usize;
    // Depths of the nested scopes around the current node.
    let mut nested: Vec<usize> = Vec::new();
    'walk: loop {
        let n = cursor.node();
        while nested.last().is_some_and(|&d| d >= depth) {
            nested.pop();
        }
        if n.kind() == "shorthand_property_identifier_pattern"
            && nested.is_empty()
            && let Ok(name) = n.utf8_text(src)
        {
            // `const { a } = o` binds `a` with a node of its own kind.
            out.names
                .entry(name.to_owned())
                .or_default()
                .push((n, Binding::Other));
        }
        if n.kind() == "identifier"
            && let Ok(name) = n.utf8_text(src)
            && let Some(parent) = parents.of(n)
        {
            // A function's own name binds in the scope around the function.
            let own_name = nested.len() == 1
                && is_scope(parent.kind(), lang)
                && parent.child_by_field_name("name") == Some(n);
            let in_nested = !nested.is_empty() && !own_name;
            match binding_of(n, parents, lang) {
                Some(b) if !in_nested => out.names.entry(name.to_owned()).or_default().push((n, b)),
                // JavaScript: `x = v` in a nested function assigns ours unless that function
                // declares its own x (then it is looked up there first, and never here).
                Some(_)
                    if lang != Lang::Python
                        && matches!(
                            parent.kind(),
                            "assignment_expression"
                                | "augmented_assignment_expression"
                                | "update_expression"
                        ) =>
                {
                    out.poisoned.insert(name.to_owned());
                }
                _ => {}
            }
            if lang == Lang::Python
                && matches!(parent.kind(), "global_statement" | "nonlocal_statement")
            {
                out.poisoned.insert(name.to_owned());
            }
        }
        if depth > 0 && is_scope(n.kind(), lang) {
            nested.push(depth);
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if depth == 0 {
                break 'walk;
            }
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            cursor.goto_parent();
            depth -= 1;
        }
    }
    out
}

impl Binding<'_> {
    /// Whether the read at byte `at` lies inside this definition's value (`x = x + "a"`).
    fn holds(&self, at: usize) -> bool {
        matches!(self, Binding::Define { value, .. } | Binding::Append { value, .. }
            if value.byte_range().contains(&at))
    }
}

/// What one scope says of a name read somewhere: not bound here (look further out), bound
/// but not constant, or constant with these definitions' values.
pub(crate) enum Lookup<'t> {
    Unbound,
    NotConstant,
    /// The values the definitions give; with `true`, some are appended (`+=`) to others, so
    /// the result is only known to be some constant string.
    Values(Vec<Node<'t>>, bool),
}

/// Nodes that run their children only on some paths (or several times).
fn is_conditional(kind: &str) -> bool {
    matches!(
        kind,
        "if_statement"
            | "elif_clause"
            | "else_clause"
            | "for_statement"
            | "for_in_statement"
            | "while_statement"
            | "do_statement"
            | "try_statement"
            | "except_clause"
            | "catch_clause"
            | "finally_clause"
            | "switch_case"
            | "switch_default"
            | "case_clause"
            | "match_statement"
            | "conditional_expression"
            | "ternary_expression"
            | "boolean_operator"
            | "binary_expression"
            | "list_comprehension"
            | "generator_expression"
    )
}

fn is_loop(kind: &str) -> bool {
    matches!(
        kind,
        "for_statement" | "for_in_statement" | "while_statement" | "do_statement"
    )
}

/// Whether the definition made at `id` runs on every path to byte `at` (no branch or loop
/// lies between the definition and the closest construct holding both), within `scope`.
fn dominates<'t>(id: Node<'t>, at: usize, scope: Node<'t>, parents: &Parents<'t>) -> bool {
    let mut current = parents.of(id);
    for _ in 0..MAX_ANCESTORS {
        let Some(n) = current else {
            return true;
        };
        if n.byte_range().contains(&at) || n.id() == scope.id() {
            return true;
        }
        if is_conditional(n.kind()) {
            return false;
        }
        current = parents.of(n);
    }
    false
}

/// Whether byte `at` lies in a loop (inside `scope`) that also holds one of `bindings`:
/// a later iteration may see a value assigned after `at`.
fn in_loop_with<'t>(
    at_node: Node<'t>,
    scope: Node<'t>,
    bindings: &[(Node<'t>, Binding<'t>)],
    parents: &Parents<'t>,
) -> bool {
    let mut current = parents.of(at_node);
    for _ in 0..MAX_ANCESTORS {
        let Some(n) = current else {
            return false;
        };
        if n.id() == scope.id() {
            return false;
        }
        if is_loop(n.kind())
            && bindings
                .iter()
                .any(|(id, _)| n.byte_range().contains(&id.start_byte()))
        {
            return true;
        }
        current = parents.of(n);
    }
    true
}

impl<'t> ScopeBindings<'t> {
    /// `read` is the identifier read; `scope` the scope these bindings are of.
    pub fn lookup(
        &self,
        name: &str,
        read: Node<'t>,
        scope: Node<'t>,
        same_scope: bool,
        parents: &Parents<'t>,
    ) -> Lookup<'t> {
        let Some(bindings) = self.names.get(name) else {
            return Lookup::Unbound;
        };
        let at = read.start_byte();
        // Flow: the last definition before the read, when it runs on every path to it and no
        // loop brings a later one round, is the value (`x = "a"; x = x + "b"; f(x)`).
        if same_scope
            && let Some((id, Binding::Define { value, .. })) =
                bindings.iter().rfind(|(id, b)| match b {
                    Binding::Define { end, .. } | Binding::Append { end, .. } => *end <= at,
                    Binding::Other => id.end_byte() <= at,
                })
            && dominates(*id, at, scope, parents)
            && !in_loop_with(read, scope, bindings, parents)
        {
            return Lookup::Values(vec![*value], false);
        }
        // Assigned elsewhere too (a nested function, `global`): only a read along the flow
        // above sees a constant (Semgrep's analysis is per function).
        if self.poisoned.contains(name) {
            return Lookup::NotConstant;
        }
        // In the defining scope, bindings after the read cannot reach it unless a loop
        // brings them round: the value is one of those made before it (`if c: x = "a" else:
        // x = "b"` then `f(x)` reads a constant, whatever `x` becomes later).
        let before_only = same_scope && !in_loop_with(read, scope, bindings, parents);
        let mut values = Vec::new();
        let mut defined_before = false;
        let mut appended = false;
        for (id, b) in bindings {
            let ends = match b {
                Binding::Define { end, .. } | Binding::Append { end, .. } => *end,
                Binding::Other => id.end_byte(),
            };
            if before_only && ends > at && !b.holds(at) {
                continue;
            }
            match b {
                Binding::Other => return Lookup::NotConstant,
                Binding::Define { value, end } => {
                    // `x = x + "a"` reads x inside its own definition: not at `at`.
                    if value.byte_range().contains(&at) {
                        return Lookup::NotConstant;
                    }
                    defined_before |= *end <= at;
                    values.push(*value);
                }
                // What is appended must be constant too; the result is then some constant
                // string (which one depends on the path).
                Binding::Append { value, .. } => {
                    if value.byte_range().contains(&at) {
                        return Lookup::NotConstant;
                    }
                    appended = true;
                    values.push(*value);
                }
            }
        }
        // A read before any definition is of an unassigned variable; Semgrep does not
        // propagate a global defined further down the file into a function above either.
        if !defined_before {
            return Lookup::NotConstant;
        }
        Lookup::Values(values, appended)
    }
}
