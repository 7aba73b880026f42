//! Matching compiled patterns against one parsed file.
//!
//! The file is indexed once (every named node in document order, grouped by kind) and every
//! pattern of every rule runs over that one index. Matching is structural: same node kind and
//! matching significant children, with Semgrep's ellipses, metavariables (same name, equal
//! code), string values, keyword arguments in any order and import aliases.

use std::collections::HashMap;
use std::ops::Range;
use std::time::Instant;

use ward_lang::tree_sitter::Node;
use ward_lang::{Lang, Syntax};

use crate::constprop::{self, Konst, Lookup, Parents, ScopeBindings};
use crate::imports::Aliases;
use crate::pattern::{
    PNode, Pattern, Shape, StrPat, has_f_prefix, is_keyword_argument, significant_children,
    string_value,
};

/// What a metavariable is bound to.
#[derive(Debug, Clone)]
pub(crate) struct Binding<'t> {
    /// The bound code's node (one node), when it is one.
    pub node: Option<Node<'t>>,
    /// The bound bytes of the file.
    pub range: Range<usize>,
    /// For a string-content binding (`"$X"`): the value.
    pub value: Option<String>,
}

/// Metavariable bindings of one match, in binding order.
pub(crate) type Env<'t> = Vec<(String, Binding<'t>)>;

pub(crate) fn lookup<'e, 't>(env: &'e Env<'t>, name: &str) -> Option<&'e Binding<'t>> {
    env.iter().find(|(n, _)| n == name).map(|(_, b)| b)
}

/// One match of a pattern or formula: where, and with which bindings.
#[derive(Debug, Clone)]
pub(crate) struct Match<'t> {
    pub range: Range<usize>,
    pub env: Env<'t>,
}

/// One parsed file, indexed for matching.
pub(crate) struct FileIndex<'t> {
    pub src: &'t [u8],
    pub lang: Lang,
    pub syntax: &'static Syntax,
    pub root: Node<'t>,
    /// Every named node, in document order.
    pub nodes: Vec<Node<'t>>,
    /// Indices into `nodes` per node kind id.
    by_kind: HashMap<u16, Vec<u32>>,
    pub aliases: Aliases,
    /// When to give up on this file.
    pub deadline: Instant,
    /// Set once the deadline passed: results are partial.
    pub cut: std::cell::Cell<bool>,
    steps: std::cell::Cell<u32>,
    /// Set when a pattern matched one place in [`MAX_BINDINGS`] ways and the rest were not
    /// tried; the scan records an error for the rule and clears it.
    pub capped: std::cell::Cell<bool>,
    /// While the value of a constant read from another scope is worked out.
    strict_flow: std::cell::Cell<bool>,
    /// The bindings of each scope asked about so far (constant propagation), by node id.
    scopes: std::cell::RefCell<HashMap<usize, std::rc::Rc<ScopeBindings<'t>>>>,
    /// Every node's parent, built on the first constant lookup.
    parents: std::cell::OnceCell<Parents<'t>>,
    /// Kind names by kind id: `Node::kind` converts the grammar's C string (length and UTF-8
    /// check) on every call, which the taint walks and the matcher make millions of times.
    kinds: std::cell::RefCell<Vec<Option<&'t str>>>,
    /// The significant children of each node matched so far (every rule asks again).
    children: std::cell::RefCell<rustc_hash::FxHashMap<usize, std::rc::Rc<[Node<'t>]>>>,
    /// The dotted name each node asked about spells, and what it resolves to through the
    /// file's imports (every rule asks again for the same nodes: 30% of the matching time
    /// on large corpora went to recomputing them).
    dotted: std::cell::RefCell<rustc_hash::FxHashMap<usize, Dotted>>,
}

/// A node's dotted name (`a.b.c`) and the name it stands for after import aliases.
#[derive(Clone, Default)]
struct Dotted {
    raw: Option<std::rc::Rc<str>>,
    resolved: Option<std::rc::Rc<str>>,
}

impl<'t> FileIndex<'t> {
    pub fn new(root: Node<'t>, src: &'t [u8], lang: Lang, deadline: Instant) -> Self {
        let mut nodes = Vec::new();
        let mut by_kind: HashMap<u16, Vec<u32>> = HashMap::new();
        let mut cursor = root.walk();
        'walk: loop {
            let node = cursor.node();
            if node.is_named() {
                by_kind
                    .entry(node.kind_id())
                    .or_default()
                    .push(nodes.len() as u32);
                nodes.push(node);
            }
            if cursor.goto_first_child() {
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
        let syntax = lang.syntax();
        let kinds = std::cell::RefCell::new(vec![None; root.language().node_kind_count()]);
        let aliases = Aliases::of(root, src, lang);
        FileIndex {
            src,
            lang,
            syntax,
            root,
            nodes,
            by_kind,
            aliases,
            deadline,
            cut: std::cell::Cell::new(false),
            steps: std::cell::Cell::new(0),
            capped: std::cell::Cell::new(false),
            strict_flow: std::cell::Cell::new(false),
            scopes: std::cell::RefCell::new(HashMap::new()),
            parents: std::cell::OnceCell::new(),
            dotted: std::cell::RefCell::new(rustc_hash::FxHashMap::default()),
            children: std::cell::RefCell::new(rustc_hash::FxHashMap::default()),
            kinds,
        }
    }

    /// `node.kind()`, read from the grammar once per kind id and file.
    pub fn kind(&self, node: Node<'t>) -> &'t str {
        let id = usize::from(node.kind_id());
        if let Some(Some(kind)) = self.kinds.borrow().get(id) {
            return kind;
        }
        let kind = node.kind();
        if let Some(slot) = self.kinds.borrow_mut().get_mut(id) {
            *slot = Some(kind);
        }
        kind
    }

    pub fn text(&self, node: Node<'_>) -> &'t str {
        std::str::from_utf8(&self.src[node.byte_range()]).unwrap_or("")
    }

    /// Whether time is up (checked every few thousand steps).
    pub fn out_of_time(&self) -> bool {
        if self.cut.get() {
            return true;
        }
        let steps = self.steps.get().wrapping_add(1);
        self.steps.set(steps);
        if steps.is_multiple_of(1024) && Instant::now() > self.deadline {
            self.cut.set(true);
        }
        self.cut.get()
    }

    /// Every match of a pattern in the file.
    pub fn find(&self, pattern: &Pattern) -> Vec<Match<'t>> {
        let mut out = Vec::new();
        match &pattern.0 {
            Shape::Node(p) => {
                let candidates: Box<dyn Iterator<Item = Node<'t>> + '_> = match p {
                    PNode::Node { name, .. } if name == "assignment_expression" => {
                        Box::new(self.nodes.iter().copied())
                    }
                    PNode::Leaf {
                        kind, dotted: None, ..
                    }
                    | PNode::Node {
                        kind,
                        dotted: None,
                        member: false,
                        ..
                    } => Box::new(self.of_kind(*kind)),
                    PNode::Str(_) => Box::new(
                        self.nodes
                            .iter()
                            .copied()
                            .filter(|n| self.syntax.is_string(n.kind())),
                    ),
                    _ => Box::new(self.nodes.iter().copied()),
                };
                let enumerate = p.binds();
                for target in candidates {
                    if self.out_of_time() {
                        break;
                    }
                    let mut env = Env::new();
                    let mut found: Vec<Env<'t>> = Vec::new();
                    let mut seen = std::collections::HashSet::new();
                    self.m(p, target, &mut env, &mut |env| {
                        if seen.insert(bindings_key(env, 0)) {
                            found.push(env.clone());
                        }
                        !enumerate || self.at_cap(found.len())
                    });
                    out.extend(found.into_iter().map(|env| Match {
                        range: target.byte_range(),
                        env,
                    }));
                }
            }
            Shape::Never => {}
            Shape::Sequence(items) => {
                let enumerate = items.iter().any(PNode::binds);
                for block in self.blocks() {
                    if self.out_of_time() {
                        break;
                    }
                    let children = self.children(block);
                    for start in 0..children.len() {
                        let mut env = Env::new();
                        let mut found: Vec<(Env<'t>, usize)> = Vec::new();
                        let mut seen = std::collections::HashSet::new();
                        self.sequence(
                            items,
                            &children[start..],
                            &mut env,
                            false,
                            &mut |env, used| {
                                if used == 0 {
                                    return false;
                                }
                                if seen.insert(bindings_key(env, used)) {
                                    found.push((env.clone(), used));
                                }
                                !enumerate || self.at_cap(found.len())
                            },
                        );
                        out.extend(found.into_iter().map(|(env, used)| Match {
                            range: children[start].start_byte()
                                ..children[start + used - 1].end_byte(),
                            env,
                        }));
                    }
                }
            }
        }
        out
    }

    /// Whether `n` ways to match one place reach the cap (recorded, so that the scan can say
    /// findings may be missing).
    fn at_cap(&self, n: usize) -> bool {
        let capped = n >= MAX_BINDINGS;
        if capped {
            self.capped.set(true);
        }
        capped
    }

    fn of_kind(&self, kind: u16) -> impl Iterator<Item = Node<'t>> + '_ {
        self.by_kind
            .get(&kind)
            .into_iter()
            .flatten()
            .map(|&i| self.nodes[i as usize])
    }

    /// Binds `name` to `binding`, or checks it equals the existing binding.
    fn bind(&self, name: &str, binding: Binding<'t>, env: &mut Env<'t>) -> bool {
        if name == "$_" {
            return true;
        }
        if let Some(existing) = lookup(env, name) {
            return self.same(existing, &binding);
        }
        env.push((name.to_owned(), binding));
        true
    }

    /// Whether two bindings hold equal code (comments, formatting and quoting aside).
    pub fn same(&self, a: &Binding<'t>, b: &Binding<'t>) -> bool {
        match (&a.value, &b.value) {
            (Some(x), Some(y)) => return x == y,
            (Some(x), None) | (None, Some(x)) => {
                let other = if a.value.is_some() { b } else { a };
                return other
                    .node
                    .filter(|n| self.syntax.is_string(n.kind()))
                    .and_then(|n| string_value(n, self.src))
                    .is_some_and(|v| &v == x);
            }
            (None, None) => {}
        }
        match (a.node, b.node) {
            (Some(x), Some(y)) => self.canon(x) == self.canon(y),
            _ => self.src[a.range.clone()] == self.src[b.range.clone()],
        }
    }

    /// The code of a node as tokens, without comments or formatting, strings by value.
    pub fn canon(&self, node: Node<'t>) -> String {
        let mut out = String::new();
        let mut cursor = node.walk();
        let mut depth = 0usize;
        'walk: loop {
            let n = cursor.node();
            let skip = self.syntax.is_comment(n.kind()) || n.is_extra();
            if !skip {
                if self.syntax.is_string(n.kind())
                    && let Some(v) = string_value(n, self.src)
                {
                    out.push('"');
                    out.push_str(&v);
                    out.push('"');
                    out.push('\u{1}');
                } else if n.child_count() == 0 {
                    out.push_str(self.text(n));
                    out.push('\u{1}');
                } else if cursor.goto_first_child() {
                    depth += 1;
                    continue;
                }
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

    /// The name a member chain spells, `a.b.c`, if it is one (JS `require("m")` spells `m`).
    /// Iterative and capped: a chain of thousands of members is not a name a rule spells, and
    /// recursion over it could exhaust the stack.
    fn dotted_of(&self, node: Node<'t>) -> Option<String> {
        const MAX_SEGMENTS: usize = 64;
        let mut parts: Vec<String> = Vec::new();
        let mut current = node;
        for _ in 0..MAX_SEGMENTS {
            let kind = self.kind(current);
            if self.syntax.is_identifier(kind) {
                parts.push(self.text(current).to_owned());
                break;
            }
            if let Some((object, member)) = self.syntax.member_fields(kind) {
                let member = current.child_by_field_name(member)?;
                if !self.syntax.is_identifier(self.kind(member)) {
                    return None;
                }
                parts.push(self.text(member).to_owned());
                current = current.child_by_field_name(object)?;
                continue;
            }
            parts.push(crate::imports::required_module(
                current, self.src, self.lang,
            )?);
            break;
        }
        if parts.len() >= MAX_SEGMENTS {
            return None;
        }
        parts.reverse();
        Some(parts.join("."))
    }

    /// [`significant_children`] of a node of the file, computed once per node.
    fn children(&self, node: Node<'t>) -> std::rc::Rc<[Node<'t>]> {
        if let Some(c) = self.children.borrow().get(&node.id()) {
            return c.clone();
        }
        let c: std::rc::Rc<[Node<'t>]> = significant_children(node, self.syntax).into();
        self.children.borrow_mut().insert(node.id(), c.clone());
        c
    }

    /// The file's blocks (statement lists), in document order.
    fn blocks(&self) -> Vec<Node<'t>> {
        let language = self.root.language();
        // By kind id (a kind name may have several ids), not by asking each node its name.
        let mut indices: Vec<u32> = self
            .by_kind
            .iter()
            .filter(|(id, _)| {
                language
                    .node_kind_for_id(**id)
                    .is_some_and(|kind| self.syntax.is_block(kind))
            })
            .flat_map(|(_, nodes)| nodes.iter().copied())
            .collect();
        indices.sort_unstable();
        indices.dedup();
        indices
            .into_iter()
            .map(|i| self.nodes[i as usize])
            .collect()
    }

    /// [`Self::dotted_of`] and its resolution through imports, computed once per node.
    fn dotted(&self, node: Node<'t>) -> Dotted {
        if let Some(d) = self.dotted.borrow().get(&node.id()) {
            return d.clone();
        }
        let raw = self.dotted_of(node);
        let resolved = raw
            .as_deref()
            .and_then(|r| self.aliases.resolve(r))
            .map(std::rc::Rc::from);
        let d = Dotted {
            raw: raw.map(std::rc::Rc::from),
            resolved,
        };
        self.dotted.borrow_mut().insert(node.id(), d.clone());
        d
    }

    fn dotted_matches(&self, wanted: &str, target: Node<'t>) -> Option<bool> {
        let d = self.dotted(target);
        let raw = d.raw?;
        if &*raw == wanted {
            return Some(true);
        }
        Some(d.resolved.is_some_and(|r| &*r == wanted))
    }

    /// Whether pattern node `p` matches `t` in a way the continuation `k` accepts. Every way
    /// `p` can match (each node a deep expression reaches, each split of an ellipsis, each
    /// assignment of keyword arguments) is tried in turn, with its bindings in `env`, until
    /// `k` returns true; a later condition on a metavariable can so reach the binding that
    /// satisfies it. On failure `env` is as it was.
    pub(crate) fn m(&self, p: &PNode, t: Node<'t>, env: &mut Env<'t>, k: Cont<'_, 't>) -> bool {
        let saved = env.len();
        let ok = self.m_inner(p, t, env, k);
        if !ok {
            env.truncate(saved);
        }
        ok
    }

    fn m_inner(&self, p: &PNode, t: Node<'t>, env: &mut Env<'t>, k: Cont<'_, 't>) -> bool {
        match p {
            PNode::Ellipsis => k(env),
            PNode::EllipsisVar(name) | PNode::Metavar(name) => {
                t.is_named()
                    && self.bind(
                        name,
                        Binding {
                            node: Some(t),
                            range: t.byte_range(),
                            value: None,
                        },
                        env,
                    )
                    && k(env)
            }
            PNode::Deep(inner) => {
                let mut cursor = t.walk();
                let mut depth = 0usize;
                'walk: loop {
                    if self.out_of_time() {
                        return false;
                    }
                    let n = cursor.node();
                    if n.is_named() && self.m(inner, n, env, k) {
                        return true;
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
                false
            }
            PNode::Str(sp) => self.m_str(sp, t, env) && k(env),
            PNode::Leaf { kind, text, dotted } => {
                if let Some(d) = dotted
                    && let Some(result) = self.dotted_matches(d, t)
                {
                    return result && k(env);
                }
                let same_token =
                    t.kind_id() == *kind && self.text(t) == text && self.children(t).is_empty();
                (same_token || self.quoted_key(t, text) || self.symbol_key(t, text)) && k(env)
            }
            PNode::Node {
                kind,
                children,
                name,
                args,
                dotted,
                member,
                ..
            } => {
                if let Some(d) = dotted
                    && let Some(result) = self.dotted_matches(d, t)
                {
                    return result && k(env);
                }
                if t.kind_id() != *kind {
                    // Python's `f(x for x in y)`: the generator is the call's whole argument
                    // list, and its one argument.
                    if *args
                        && t.kind() == "generator_expression"
                        && t.parent()
                            .is_some_and(|c| c.child_by_field_name("arguments") == Some(t))
                    {
                        return self.match_args(children, &[t], env, k);
                    }
                    // TypeScript's `v as T`, `v satisfies T` and `v!` are `v` to a pattern
                    // that does not spell them.
                    if matches!(
                        t.kind(),
                        "as_expression" | "satisfies_expression" | "non_null_expression"
                    ) && let Some(inner) = t.named_child(0)
                    {
                        return self.m(p, inner, env, k);
                    }
                    if let Some(declared) = Self::declaration_as_assignment(name, t) {
                        return self.list(
                            children,
                            &significant_children(declared, self.syntax),
                            env,
                            k,
                        );
                    }
                    if let Some(declarator) = self.declaration_statement(name, children, t) {
                        return self.m(&children[0], declarator, env, k);
                    }
                    return self.virtual_member(*member, children, t, env, k);
                }
                let mut targets = self.children(t).to_vec();
                // A TypeScript declaration pattern without a type matches one with a type
                // (`const $X = v` and `const x: string = v`).
                if t.kind() == "variable_declarator"
                    && let Some(annotation) = t.child_by_field_name("type")
                    && children.len() < targets.len()
                {
                    targets.retain(|c| c.id() != annotation.id());
                }
                // A Ruby call pattern without a block matches the call with one too
                // (`IO.popen(cmd)` and `IO.popen(cmd) { |io| ... }`).
                if self.lang == Lang::Ruby
                    && let Some(block) = t.child_by_field_name("block")
                    && !children.last().is_some_and(
                        |c| matches!(c, PNode::Node { name, .. } if name == "block" || name == "do_block"),
                    )
                {
                    targets.retain(|c| c.id() != block.id());
                }
                // An anonymous function pattern (`function (...) { ... }`) also matches a
                // named function expression, as in Semgrep.
                if matches!(
                    t.kind(),
                    "function_expression" | "function" | "generator_function"
                ) && let Some(name) = t.child_by_field_name("name")
                    && children.len() < targets.len()
                {
                    targets.retain(|c| c.id() != name.id());
                }
                // As in Semgrep, `def`/`function` in a pattern also matches an `async` one,
                // unless the pattern says `async` itself.
                if targets.first().is_some_and(|c| c.kind() == "async")
                    && !children
                        .iter()
                        .any(|c| matches!(c, PNode::Leaf { text, .. } if text == "async"))
                {
                    targets.remove(0);
                }
                if *args {
                    self.match_args(children, &targets, env, k)
                } else if t.kind() == "decorated_definition" {
                    // A pattern's decorators are found among the definition's, in any order
                    // (`@csrf_exempt def f` matches `@other @csrf_exempt def f`).
                    self.match_unordered(children, &targets, env, k, |n| n.kind() == "decorator")
                } else if is_jsx_element(t.kind()) {
                    self.match_unordered(children, &targets, env, k, |n| {
                        n.kind() == "jsx_attribute"
                    })
                } else if self.syntax.is_block(t.kind())
                    && children.iter().any(|c| matches!(c, PNode::Ellipsis))
                {
                    // As in Semgrep, a block pattern with `...` in it (`def $F(...): ...
                    // eval(...)`) must match from the block's first statement, but the block
                    // may go on after the pattern's last one, which may also sit in a nested
                    // block; without `...` the block must match exactly.
                    self.sequence(children, &targets, env, false, &mut |env, _| k(env))
                } else {
                    self.list(children, &targets, env, k)
                }
            }
        }
    }

    /// An object key written as a string where the pattern names it (`{"debug": 1}` for
    /// `{debug: 1}`): JavaScript reads both as the same key.
    fn quoted_key(&self, t: Node<'t>, name: &str) -> bool {
        self.syntax.is_string(t.kind())
            && t.parent().is_some_and(|p| p.kind() == "pair")
            && t.parent().and_then(|p| p.child_by_field_name("key")) == Some(t)
            && string_value(t, self.src).is_some_and(|v| v == name)
    }

    /// A Ruby hash key written `debug:` where the pattern writes `:debug =>`, or the reverse:
    /// the same symbol.
    fn symbol_key(&self, t: Node<'t>, pattern_text: &str) -> bool {
        if self.lang != Lang::Ruby
            || !t
                .parent()
                .is_some_and(|p| p.kind() == "pair" && p.child_by_field_name("key") == Some(t))
        {
            return false;
        }
        let code = self.text(t);
        match t.kind() {
            "hash_key_symbol" => pattern_text.strip_prefix(':') == Some(code),
            "simple_symbol" => code.strip_prefix(':') == Some(pattern_text),
            _ => false,
        }
    }

    /// Whether a string pattern matches `t` (binding `"$X"`'s content).
    fn m_str(&self, sp: &StrPat, t: Node<'t>, env: &mut Env<'t>) -> bool {
        if t.kind() == "property_identifier"
            && let StrPat::Value(v) = sp
        {
            // The reverse: `{"debug": 1}` in the pattern, `{debug: 1}` in the code.
            return *v == self.text(t);
        }
        if !self.syntax.is_string(t.kind()) {
            // As in Semgrep, a concatenation of literals is the string it makes (`"a" + "b"`
            // matches `"..."` and `"ab"`), and so is a variable that must hold a constant
            // string where it is read (constant propagation).
            return match (sp, self.concat_value(t, 0)) {
                (StrPat::Any { fstring: false }, Some(_)) => true,
                (StrPat::Value(v), Some(Konst::Str(c))) => c == *v,
                // `"$X"` binds the content of the string the expression makes.
                (StrPat::Metavar(name), Some(Konst::Str(c))) => self.bind(
                    name,
                    Binding {
                        node: Some(t),
                        range: t.byte_range(),
                        value: Some(c),
                    },
                    env,
                ),
                _ => false,
            };
        }
        if let StrPat::Any { fstring: true } = sp {
            return has_f_prefix(self.text(t)) || t.kind() == "template_string";
        }
        let Some(value) = string_value(t, self.src) else {
            return false;
        };
        match sp {
            StrPat::Any { .. } => true,
            StrPat::Value(v) => *v == value,
            StrPat::Metavar(name) => self.bind(
                name,
                Binding {
                    node: Some(t),
                    range: t.byte_range(),
                    value: Some(value),
                },
                env,
            ),
        }
    }

    /// The value of a string literal, of a concatenation of constants with `+` (or Python's
    /// adjacent literals), or of a variable that holds a constant string where it is read
    /// (constant propagation, [`constprop`]), when `t` is one.
    fn concat_value(&self, t: Node<'t>, depth: usize) -> Option<Konst> {
        if depth > 64 {
            return None;
        }
        if self.syntax.is_string(t.kind()) {
            return string_value(t, self.src).map(Konst::Str);
        }
        match t.kind() {
            "parenthesized_expression" => {
                let inner = significant_children(t, self.syntax);
                match inner.as_slice() {
                    [one] => self.concat_value(*one, depth + 1),
                    _ => None,
                }
            }
            "concatenated_string" => {
                let mut out = Konst::Str(String::new());
                for part in significant_children(t, self.syntax) {
                    out = out.concat(self.concat_value(part, depth + 1)?);
                }
                Some(out)
            }
            "binary_expression" | "binary_operator" => {
                // PHP joins strings with `.`.
                let operator = self.text(t.child_by_field_name("operator")?);
                if operator != "+" && !(operator == "." && self.lang == Lang::Php) {
                    return None;
                }
                let left = self.concat_value(t.child_by_field_name("left")?, depth + 1)?;
                let right = self.concat_value(t.child_by_field_name("right")?, depth + 1)?;
                Some(left.concat(right))
            }
            "identifier" => self.variable_value(t, depth),
            _ => None,
        }
    }

    /// The constant string a variable must hold where `t` reads it, if any.
    fn variable_value(&self, t: Node<'t>, depth: usize) -> Option<Konst> {
        if !constprop::supported(self.lang) {
            return None;
        }
        let parents = self.parents();
        if constprop::binds(t, parents, self.lang) {
            return None;
        }
        let name = self.text(t);
        let mut scope = constprop::scope_of(t, parents, self.lang);
        let mut same_scope = true;
        while let Some(s) = scope {
            let bindings = self.scope_bindings(s);
            match bindings.lookup(name, t, s, same_scope && !self.strict_flow.get(), parents) {
                Lookup::Unbound => {
                    scope = constprop::scope_of(s, parents, self.lang);
                    same_scope = false;
                }
                Lookup::NotConstant => return None,
                Lookup::Values(values, appended) => {
                    // A constant read from another scope (a global in a function) holds
                    // whatever any definition gave it: no flow inside its definitions either.
                    let strict = self
                        .strict_flow
                        .replace(self.strict_flow.get() || !same_scope);
                    let mut out: Option<Konst> = None;
                    let mut all = true;
                    for value in values {
                        let Some(v) = self.concat_value(value, depth + 1) else {
                            all = false;
                            break;
                        };
                        out = Some(match out {
                            None => v,
                            Some(prev) if prev == v => prev,
                            Some(_) => Konst::AnyStr,
                        });
                    }
                    self.strict_flow.set(strict);
                    return out
                        .filter(|_| all)
                        .map(|v| if appended { Konst::AnyStr } else { v });
                }
            }
        }
        None
    }

    fn scope_bindings(&self, scope: Node<'t>) -> std::rc::Rc<ScopeBindings<'t>> {
        if let Some(b) = self.scopes.borrow().get(&scope.id()) {
            return b.clone();
        }
        let b = std::rc::Rc::new(constprop::bindings_of(
            scope,
            self.parents(),
            self.src,
            self.lang,
        ));
        self.scopes.borrow_mut().insert(scope.id(), b.clone());
        b
    }

    /// The range a finding reports for a match: as in Semgrep, parentheses wrapped around the
    /// matched expression are part of it (`x = (\n  foo(1)\n)` reports from the `(`), but
    /// not those of an `if (...)` or `while (...)` condition.
    pub fn reported_range(&self, range: Range<usize>) -> Range<usize> {
        let Some(mut node) = self.root.descendant_for_byte_range(range.start, range.end) else {
            return range;
        };
        if node.byte_range() != range {
            return range;
        }
        let parents = self.parents();
        let mut out = range;
        while let Some(parent) = parents.of(node) {
            let wraps = parent.kind() == "parenthesized_expression"
                && parent.named_child_count() == 1
                && !parents.of(parent).is_some_and(|statement| {
                    statement.kind().ends_with("_statement")
                        || statement.kind().ends_with("_clause")
                });
            if wraps {
                out = parent.byte_range();
            } else if parent.byte_range() != node.byte_range() {
                break;
            }
            node = parent;
        }
        out
    }

    fn parents(&self) -> &Parents<'t> {
        self.parents.get_or_init(|| Parents::of_tree(self.root))
    }

    /// `$X = v` also matches the declaration `const x = v` (JavaScript) and `var x = v` (Go,
    /// Java): the declarator, whose children are name, `=`, value.
    fn declaration_as_assignment(pattern_kind: &str, t: Node<'t>) -> Option<Node<'t>> {
        (pattern_kind == "assignment_expression"
            && t.kind() == "variable_declarator"
            && t.child_by_field_name("value").is_some())
        .then_some(t)
    }

    /// The statement `$X = v;` also matches `const x = v;` with one declarator.
    fn declaration_statement(
        &self,
        pattern_kind: &str,
        children: &[PNode],
        t: Node<'t>,
    ) -> Option<Node<'t>> {
        if pattern_kind != "expression_statement"
            || children.len() != 1
            || !matches!(
                t.kind(),
                "lexical_declaration" | "variable_declaration" | "local_variable_declaration"
            )
        {
            return None;
        }
        let declarators: Vec<Node<'t>> = significant_children(t, self.syntax)
            .into_iter()
            .filter(|c| c.kind() == "variable_declarator")
            .collect();
        match declarators.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// A member pattern (`subprocess.$F`) against a name an import made stand for a member
    /// (`call` after `from subprocess import call`).
    fn virtual_member(
        &self,
        member: bool,
        children: &[PNode],
        t: Node<'t>,
        env: &mut Env<'t>,
        k: Cont<'_, 't>,
    ) -> bool {
        if !member {
            return false;
        }
        let (Some(object), Some(member)) = (children.first(), children.last()) else {
            return false;
        };
        let Some(resolved) = self.dotted(t).resolved else {
            return false;
        };
        let Some((base, last)) = resolved.rsplit_once('.') else {
            return false;
        };
        let saved = env.len();
        let part = |p: &PNode, text: &str, env: &mut Env<'t>| match p {
            PNode::Leaf {
                dotted: Some(d), ..
            }
            | PNode::Node {
                dotted: Some(d), ..
            } => d == text,
            PNode::Metavar(name) => self.bind(
                name,
                Binding {
                    node: Some(t),
                    range: t.byte_range(),
                    value: Some(text.to_owned()),
                },
                env,
            ),
            _ => false,
        };
        if part(object, base, env) && part(member, last, env) && k(env) {
            true
        } else {
            env.truncate(saved);
            false
        }
    }

    /// Matches a whole list, `...` spanning any number of items.
    fn list(&self, ps: &[PNode], ts: &[Node<'t>], env: &mut Env<'t>, k: Cont<'_, 't>) -> bool {
        self.sequence(ps, ts, env, true, &mut |env, _| k(env))
    }

    /// Matches pattern items against `ts` in order, `...` spanning any number of items; with
    /// `whole`, every item of `ts` must be used. The continuation gets how many were used (a
    /// trailing `...` reaches to the end, which is what `pattern-inside` needs: everything
    /// after a statement). On failure `env` is as it was.
    fn sequence(
        &self,
        ps: &[PNode],
        ts: &[Node<'t>],
        env: &mut Env<'t>,
        whole: bool,
        k: &mut dyn FnMut(&mut Env<'t>, usize) -> bool,
    ) -> bool {
        let Some((first, rest)) = ps.split_first() else {
            return (!whole || ts.is_empty()) && k(env, 0);
        };
        let saved = env.len();
        match first {
            PNode::Ellipsis | PNode::EllipsisVar(_) => {
                let splits = if rest.is_empty() {
                    ts.len()..=ts.len()
                } else {
                    0..=ts.len()
                };
                for n in splits {
                    if let PNode::EllipsisVar(name) = first
                        && !self.bind_span(name, &ts[..n], env)
                    {
                        env.truncate(saved);
                        continue;
                    }
                    if self.sequence(rest, &ts[n..], env, whole, &mut |env, used| {
                        k(env, n + used)
                    }) {
                        return true;
                    }
                    env.truncate(saved);
                }
                // As in Semgrep, `...` reaches into nested blocks: the last statement of
                // `a; ...; b` matches a `b` inside a later `if` or loop too.
                if let ([last], PNode::Ellipsis, false) = (rest, first, whole)
                    && self.is_statement_pattern(last)
                {
                    for (j, statement) in ts.iter().enumerate() {
                        if self.nested_statement(last, *statement, env, &mut |env| k(env, j + 1)) {
                            return true;
                        }
                    }
                }
                false
            }
            p => {
                let Some((t, trest)) = ts.split_first() else {
                    return false;
                };
                self.m(p, *t, env, &mut |env| {
                    self.sequence(rest, trest, env, whole, &mut |env, used| k(env, 1 + used))
                })
            }
        }
    }

    /// Whether a pattern item is a statement (so `...` before it may reach into blocks).
    fn is_statement_pattern(&self, p: &PNode) -> bool {
        matches!(p, PNode::Node { name, .. } if self.syntax.expression_statements.contains(&name.as_str())
            || name.ends_with("_statement")
            || name.ends_with("declaration"))
    }

    /// `p` against a statement inside a block nested in `statement` (not `statement` itself).
    fn nested_statement(
        &self,
        p: &PNode,
        statement: Node<'t>,
        env: &mut Env<'t>,
        k: Cont<'_, 't>,
    ) -> bool {
        let mut cursor = statement.walk();
        if !cursor.goto_first_child() {
            return false;
        }
        let mut depth = 1usize;
        'walk: loop {
            if self.out_of_time() {
                return false;
            }
            let n = cursor.node();
            // A nested function is another scope: its statements do not follow ours.
            let function = self.syntax.functions.contains(&n.kind());
            if !function
                && n.is_named()
                && n.parent().is_some_and(|b| self.syntax.is_block(b.kind()))
                && self.m(p, n, env, k)
            {
                return true;
            }
            if !function && cursor.goto_first_child() {
                depth += 1;
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    continue 'walk;
                }
                cursor.goto_parent();
                depth -= 1;
                if depth == 0 {
                    break 'walk;
                }
            }
        }
        false
    }

    fn bind_span(&self, name: &str, items: &[Node<'t>], env: &mut Env<'t>) -> bool {
        let binding = match items {
            [] => Binding {
                node: None,
                range: 0..0,
                value: Some(String::new()),
            },
            [one] => Binding {
                node: Some(*one),
                range: one.byte_range(),
                value: None,
            },
            [first, .., last] => Binding {
                node: None,
                range: first.start_byte()..last.end_byte(),
                value: Some(
                    items
                        .iter()
                        .map(|n| self.canon(*n))
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            },
        };
        self.bind(name, binding, env)
    }

    /// Call arguments: positional ones in order (with `...`), keyword ones in any order.
    fn match_args(
        &self,
        ps: &[PNode],
        ts: &[Node<'t>],
        env: &mut Env<'t>,
        k: Cont<'_, 't>,
    ) -> bool {
        let is_kw = |p: &PNode| matches!(p, PNode::Node { keyword: true, .. });
        let (p_kw, p_pos): (Vec<&PNode>, Vec<&PNode>) = ps.iter().partition(|p| is_kw(p));
        let (t_kw, t_pos): (Vec<Node<'t>>, Vec<Node<'t>>) = ts
            .iter()
            .partition(|t| is_keyword_argument(**t, self.syntax));
        // A positional pattern (`$X`) is no keyword argument: only `...` covers those.
        if p_kw.is_empty() && t_kw.is_empty() {
            return self.list(ps, ts, env, k);
        }
        let open = ps
            .iter()
            .any(|p| matches!(p, PNode::Ellipsis | PNode::EllipsisVar(_)));
        if !open && t_kw.len() != p_kw.len() {
            return false;
        }
        let mut p_pos: Vec<PNode> = p_pos.into_iter().cloned().collect();
        // Positional arguments, with `...` also free to cover the keyword ones.
        if open
            && !p_pos
                .iter()
                .any(|p| matches!(p, PNode::Ellipsis | PNode::EllipsisVar(_)))
        {
            p_pos.push(PNode::Ellipsis);
        }
        let mut used = vec![false; t_kw.len()];
        self.list(&p_pos, &t_pos, env, &mut |env| {
            self.any_order(&p_kw, &t_kw, &mut used, env, k)
        })
    }

    /// Each pattern of `ps` matched to its own item of `ts` (not yet `used`), in any order.
    fn any_order(
        &self,
        ps: &[&PNode],
        ts: &[Node<'t>],
        used: &mut Vec<bool>,
        env: &mut Env<'t>,
        k: Cont<'_, 't>,
    ) -> bool {
        let Some((p, rest)) = ps.split_first() else {
            return k(env);
        };
        for i in 0..ts.len() {
            if used[i] {
                continue;
            }
            used[i] = true;
            let ok = self.m(p, ts[i], env, &mut |env| {
                self.any_order(rest, ts, used, env, k)
            });
            used[i] = false;
            if ok {
                return true;
            }
        }
        false
    }

    /// Items of one kind (JSX attributes) in any order, others extra allowed; the rest in order.
    fn match_unordered(
        &self,
        ps: &[PNode],
        ts: &[Node<'t>],
        env: &mut Env<'t>,
        k: Cont<'_, 't>,
        unordered: impl Fn(&Node<'t>) -> bool,
    ) -> bool {
        let (t_un, t_rest): (Vec<Node<'t>>, Vec<Node<'t>>) = ts.iter().partition(|t| unordered(t));
        let (p_un, p_rest): (Vec<&PNode>, Vec<&PNode>) = ps.iter().partition(|p| {
            matches!(p, PNode::Node { kind, .. } if t_un.first().is_some_and(|t| t.kind_id() == *kind))
        });
        let p_rest: Vec<PNode> = p_rest.into_iter().cloned().collect();
        let mut used = vec![false; t_un.len()];
        self.any_order(&p_un, &t_un, &mut used, env, &mut |env| {
            self.list(&p_rest, &t_rest, env, k)
        })
    }
}

/// The continuation of a match: told the bindings of one way to match, it says whether to
/// stop (true) or to try the next way (false).
pub(crate) type Cont<'k, 't> = &'k mut dyn FnMut(&mut Env<'t>) -> bool;

/// At most this many ways one pattern matches one place are kept (each with other bindings):
/// far more than real code gives (every call inside an argument, every item of a long list),
/// bounded on pathological input. Reaching it is recorded as an error of the file.
pub(crate) const MAX_BINDINGS: usize = 64;

/// What tells two ways of matching apart: the names bound, to which code (and, for a
/// sequence, how many statements were used).
type BindingsKey = (Vec<(String, Range<usize>, Option<String>)>, usize);

fn bindings_key(env: &Env<'_>, used: usize) -> BindingsKey {
    (
        env.iter()
            .map(|(n, b)| (n.clone(), b.range.clone(), b.value.clone()))
            .collect(),
        used,
    )
}

fn is_jsx_element(kind: &str) -> bool {
    matches!(kind, "jsx_opening_element" | "jsx_self_closing_element")
}
