//! Taint mode within a function: data from a source that reaches a sink without passing a
//! sanitizer.
//!
//! Each function (and the top level of the file) is one unit, walked in source order with a
//! map from variable to the path its taint took. Taint flows through assignments (also
//! destructuring and augmented ones), any expression built from a tainted part (concatenation,
//! f-strings and template literals, `.format`, calls and method calls, containers, subscripts
//! and attributes), `for` loops over tainted data, container writes (`d[k] = t`, `o.f = t`,
//! `l.append(t)`, `a.push(t)`) and `pattern-propagators`. An `if`'s branches are walked apart
//! and joined, as in Semgrep: what any path leaves tainted is tainted after it (a clean
//! assignment in one branch does not clean the others). Loops and other branching are not told
//! apart: taint assigned in them counts after them. Each finding carries the path: source line,
//! each assignment that carried the data, the sink line.

use std::collections::HashMap;
use std::ops::Range;

use ward_core::{Dataflow, DataflowStep, LineIndex};
use ward_lang::Syntax;
use ward_lang::tree_sitter::Node;

use crate::matcher::{FileIndex, Match, lookup};
use crate::pattern::Pattern;
use crate::rule::TaintSpec;

/// Expression nesting deeper than this is not followed (the analysis stays bounded).
const MAX_DEPTH: usize = 400;

/// Methods that put their argument into the receiver.
const CONTAINER_WRITES: &[&str] = &[
    "append",
    "extend",
    "add",
    "insert",
    "update",
    "push",
    "unshift",
    "set",
    "setdefault",
    "appendleft",
    "put",
    "concat",
];

type Trace = Vec<DataflowStep>;

struct Ctx<'a, 't> {
    index: &'a FileIndex<'t>,
    lines: &'a LineIndex<'a>,
    sources: Vec<Range<usize>>,
    sanitizers: Vec<Range<usize>>,
    sinks: Vec<Match<'t>>,
    propagators: Vec<(Match<'t>, String, String)>,
    /// Sink index -> the trace that reached it.
    reached: HashMap<usize, Trace>,
    /// What each function of the file does with its parameters, by name.
    summaries: HashMap<String, Summary>,
    /// While a summary is computed: what reaches returns and sinks.
    collect: Option<Collected>,
}

/// What a function of the file does with tainted data: computed once per function by walking it
/// with one parameter tainted at a time.
#[derive(Debug, Clone, Default)]
struct Summary {
    /// The function is a method called on `self`/`this` (its first parameter is not an argument).
    skip_first: bool,
    /// Per parameter: the path from the parameter to a returned value.
    to_return: Vec<Option<Trace>>,
    /// Per parameter: sinks inside the function it reaches, with the path.
    to_sinks: Vec<Vec<(usize, Trace)>>,
    /// The function returns data from a source of its own.
    returns_source: Option<Trace>,
}

#[derive(Debug, Default)]
struct Collected {
    returns: Option<Trace>,
    sinks: Vec<(usize, Trace)>,
}

fn inside(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

impl<'t> Ctx<'_, 't> {
    fn step(&self, kind: &str, node: Node<'t>) -> DataflowStep {
        let line = node.start_position().row as u32 + 1;
        let code = String::from_utf8_lossy(self.lines.line_text(line))
            .trim()
            .to_owned();
        let code = if code.chars().count() > 120 {
            code.chars().take(117).collect::<String>() + "..."
        } else {
            code
        };
        DataflowStep {
            kind: kind.to_owned(),
            line,
            code,
        }
    }

    fn is_function(&self, node: Node<'t>) -> bool {
        self.index.syntax.is_function(self.index.kind(node))
    }

    /// The taint of an expression, if any: the path its data took.
    fn taint_of(
        &self,
        node: Node<'t>,
        env: &HashMap<String, Trace>,
        depth: usize,
    ) -> Option<Trace> {
        if depth > MAX_DEPTH || self.index.out_of_time() {
            return None;
        }
        let range = node.byte_range();
        if self.sanitizers.iter().any(|s| inside(&range, s)) {
            return None;
        }
        if self.sources.iter().any(|s| inside(&range, s)) {
            return Some(vec![self.step("source", node)]);
        }
        if self.index.syntax.is_identifier(self.index.kind(node)) {
            return env.get(self.index.text(node)).cloned();
        }
        if self.is_function(node) {
            return None;
        }
        if let Some((summary, args)) = self.summary_of_call(node) {
            let call = self.step("call", node);
            let mut result = summary.returns_source.clone().map(|mut t| {
                t.insert(0, call.clone());
                t
            });
            for (i, arg) in args.iter().enumerate() {
                let Some(Some(inner)) = summary.to_return.get(i) else {
                    continue;
                };
                if result.is_none()
                    && let Some(mut t) = self.taint_of(*arg, env, depth + 1)
                {
                    t.push(call.clone());
                    t.extend(inner.iter().cloned());
                    result = Some(t);
                }
            }
            return result;
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
        // A member access is tainted by its object, not by the member's name.
        if let Some((object, _)) = self.index.syntax.member_fields(self.index.kind(node)) {
            return node
                .child_by_field_name(object)
                .and_then(|o| self.taint_of(o, env, depth + 1));
        }
        children
            .into_iter()
            .filter(|c| !self.index.syntax.is_comment(self.index.kind(*c)))
            .find_map(|c| self.taint_of(c, env, depth + 1))
    }

    /// Marks the variables an assignment target names.
    fn assign(
        &self,
        target: Node<'t>,
        taint: Option<&Trace>,
        env: &mut HashMap<String, Trace>,
        augmented: bool,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let syntax = self.index.syntax;
        let kind = target.kind();
        if syntax.is_identifier(kind) {
            let name = self.index.text(target).to_owned();
            match taint {
                Some(t) => {
                    let mut t = t.clone();
                    t.push(self.step("assignment", target));
                    env.insert(name, t);
                }
                None if !augmented => {
                    env.remove(&name);
                }
                None => {}
            }
            return;
        }
        // `o.f = t`, `d[k] = t`: the container holds tainted data from now on.
        if syntax.member_fields(kind).is_some()
            || matches!(
                kind,
                "subscript" | "subscript_expression" | "index_expression" | "array_access"
            )
        {
            if let Some(t) = taint
                && let Some(base) = self.base_variable(target)
            {
                let mut t = t.clone();
                t.push(self.step("assignment", target));
                env.insert(base, t);
            }
            return;
        }
        // Tuples, lists and destructuring patterns: every name in them.
        let mut cursor = target.walk();
        let children: Vec<Node<'t>> = target.named_children(&mut cursor).collect();
        for child in children {
            if matches!(child.kind(), "pair_pattern" | "pair") {
                if let Some(value) = child.child_by_field_name("value") {
                    self.assign(value, taint, env, augmented, depth + 1);
                }
            } else {
                self.assign(child, taint, env, augmented, depth + 1);
            }
        }
    }

    /// `a` in `a.b[c].d`.
    fn base_variable(&self, mut node: Node<'t>) -> Option<String> {
        for _ in 0..64 {
            if self.index.syntax.is_identifier(self.index.kind(node)) {
                return Some(self.index.text(node).to_owned());
            }
            node = match self.index.syntax.member_fields(self.index.kind(node)) {
                Some((object, _)) => node.child_by_field_name(object)?,
                None => node
                    .child_by_field_name("value")
                    .or_else(|| node.child_by_field_name("object"))
                    .or_else(|| node.child_by_field_name("operand"))
                    .or_else(|| node.child_by_field_name("array"))
                    .or_else(|| node.named_child(0))?,
            };
        }
        None
    }

    fn check_sinks(&mut self, node: Node<'t>, env: &HashMap<String, Trace>) {
        let range = node.byte_range();
        for i in 0..self.sinks.len() {
            if self.sinks[i].range == range
                && !self.reached.contains_key(&i)
                && let Some(mut trace) = self.taint_of(node, env, 0)
            {
                trace.push(self.step("sink", node));
                self.reach(i, trace);
            }
        }
        // Tainted arguments of a call to a function of this file whose parameter reaches a sink.
        if let Some((summary, args)) = self.summary_of_call(node) {
            let call = self.step("call", node);
            for (i, arg) in args.iter().enumerate() {
                let Some(sinks) = summary.to_sinks.get(i) else {
                    continue;
                };
                if sinks.is_empty() {
                    continue;
                }
                if let Some(t) = self.taint_of(*arg, env, 0) {
                    for (sink, inner) in sinks {
                        let mut trace = t.clone();
                        trace.push(call.clone());
                        trace.extend(inner.iter().cloned());
                        self.reach(*sink, trace);
                    }
                }
            }
        }
    }

    fn reach(&mut self, sink: usize, trace: Trace) {
        match &mut self.collect {
            Some(collected) => {
                if !collected.sinks.iter().any(|(s, _)| *s == sink) {
                    collected.sinks.push((sink, trace));
                }
            }
            None => {
                self.reached.entry(sink).or_insert(trace);
            }
        }
    }

    /// The name a call's callee gives a function of this file (`f(x)`, `self.f(x)`,
    /// `this.f(x)`), with the summary and the arguments in parameter order.
    fn summary_of_call(&self, node: Node<'t>) -> Option<(Summary, Vec<Node<'t>>)> {
        if self.summaries.is_empty() {
            return None;
        }
        let syntax = self.index.syntax;
        let (name, on_self, callee, args) = called_name(self.index, node)?;
        let summary = self.summaries.get(name)?;
        let mut cursor = args.walk();
        let mut list: Vec<Node<'t>> = args
            .named_children(&mut cursor)
            .filter(|a| !syntax.is_comment(a.kind()) && !syntax.is_keyword_argument(a.kind()))
            .collect();
        if summary.skip_first && on_self {
            // Parameter 0 is `self`: argument i is parameter i + 1.
            list.insert(0, callee);
        }
        Some((summary.clone(), list))
    }

    fn visit(
        &mut self,
        node: Node<'t>,
        env: &mut HashMap<String, Trace>,
        unit: Node<'t>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH || self.index.out_of_time() {
            return;
        }
        if node != unit && self.is_function(node) {
            return;
        }
        self.check_sinks(node, env);
        let syntax = self.index.syntax;
        let kind = self.index.kind(node);
        if self.collect.is_some() && syntax.returns.contains(&kind) {
            let mut cursor = node.walk();
            let values: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
            for value in &values {
                self.visit(*value, env, unit, depth + 1);
            }
            if let Some(mut t) = values.iter().find_map(|v| self.taint_of(*v, env, 0)) {
                t.push(self.step("return", node));
                if let Some(collected) = &mut self.collect {
                    collected.returns.get_or_insert(t);
                }
            }
            return;
        }
        if let Some((target, value)) = assignment_parts(syntax, node) {
            self.visit(value, env, unit, depth + 1);
            let taint = self.taint_of(value, env, 0);
            let augmented = kind.starts_with("augmented");
            self.assign(target, taint.as_ref(), env, augmented, 0);
            return;
        }
        // Branches: each is walked from the state before it, and what any of them leaves
        // tainted is tainted after the `if` (a clean assignment on one path does not clean the
        // variable on the others, as in Semgrep).
        if kind == "if_statement"
            && let Some(consequence) = node.child_by_field_name("consequence")
        {
            if let Some(condition) = node.child_by_field_name("condition") {
                self.visit(condition, env, unit, depth + 1);
            }
            let mut alternatives = vec![consequence];
            let mut cursor = node.walk();
            alternatives.extend(node.children_by_field_name("alternative", &mut cursor));
            // Without an `else`, the path that takes no branch joins too.
            let exhaustive = alternatives.iter().any(|a| a.kind() == "else_clause");
            let before = env.clone();
            let mut merged = if exhaustive {
                None
            } else {
                Some(before.clone())
            };
            for branch in alternatives {
                let mut branch_env = before.clone();
                self.visit(branch, &mut branch_env, unit, depth + 1);
                match &mut merged {
                    None => merged = Some(branch_env),
                    Some(m) => {
                        for (name, trace) in branch_env {
                            m.entry(name).or_insert(trace);
                        }
                    }
                }
            }
            *env = merged.unwrap_or(before);
            return;
        }
        if matches!(kind, "for_statement" | "for_in_statement")
            && let (Some(left), Some(right)) = (
                node.child_by_field_name("left"),
                node.child_by_field_name("right"),
            )
        {
            self.visit(right, env, unit, depth + 1);
            let taint = self.taint_of(right, env, 0);
            self.assign(left, taint.as_ref(), env, false, 0);
            if let Some(body) = node.child_by_field_name("body") {
                self.visit(body, env, unit, depth + 1);
            }
            return;
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
        for child in children {
            self.visit(child, env, unit, depth + 1);
        }
        // After the arguments were visited: writes into containers and propagators.
        if let Some((callee, args)) = syntax.call_fields(kind)
            && let (Some(callee), Some(args)) = (
                node.child_by_field_name(callee),
                node.child_by_field_name(args),
            )
            && let Some((object, member)) = syntax.member_fields(callee.kind())
            && let (Some(object), Some(member)) = (
                callee.child_by_field_name(object),
                callee.child_by_field_name(member),
            )
            && CONTAINER_WRITES.contains(&self.index.text(member))
            && let Some(taint) = self.taint_of(args, env, 0)
            && let Some(base) = self.base_variable(object)
        {
            let mut t = taint;
            t.push(self.step("call", node));
            env.insert(base, t);
        }
        let range = node.byte_range();
        let updates: Vec<(String, Trace)> = self
            .propagators
            .iter()
            .filter(|(m, _, _)| m.range == range)
            .filter_map(|(m, from, to)| {
                let from = lookup(&m.env, from)?.node?;
                let to = lookup(&m.env, to)?.node?;
                let mut t = self.taint_of(from, env, 0)?;
                t.push(self.step("call", node));
                Some((self.base_variable(to)?, t))
            })
            .collect();
        env.extend(updates);
    }

    /// Parameters that a source pattern covers are tainted from the start.
    fn tainted_parameters(&self, unit: Node<'t>, env: &mut HashMap<String, Trace>) {
        let syntax = self.index.syntax;
        let mut cursor = unit.walk();
        for child in unit.named_children(&mut cursor) {
            if !syntax.parameter_lists.contains(&child.kind()) {
                continue;
            }
            let mut c = child.walk();
            let mut stack: Vec<Node<'t>> = child.named_children(&mut c).collect();
            while let Some(n) = stack.pop() {
                if syntax.is_identifier(n.kind()) {
                    let r = n.byte_range();
                    if self.sources.iter().any(|s| inside(&r, s)) {
                        env.insert(self.index.text(n).to_owned(), vec![self.step("source", n)]);
                    }
                    continue;
                }
                let mut c2 = n.walk();
                stack.extend(n.named_children(&mut c2));
            }
        }
    }
}

impl<'t> Ctx<'_, 't> {
    /// The parameters of a function, in order (a name, or `None` for a pattern).
    fn parameters(&self, function: Node<'t>) -> Vec<Option<Node<'t>>> {
        let syntax = self.index.syntax;
        let mut cursor = function.walk();
        let Some(list) = function
            .named_children(&mut cursor)
            .find(|c| syntax.parameter_lists.contains(&c.kind()))
        else {
            return Vec::new();
        };
        let mut c = list.walk();
        list.named_children(&mut c)
            .filter(|p| !syntax.is_comment(p.kind()))
            .map(|p| {
                if syntax.is_identifier(p.kind()) {
                    return Some(p);
                }
                let named = p
                    .child_by_field_name("name")
                    .or_else(|| p.child_by_field_name("left"))
                    .or_else(|| p.child_by_field_name("pattern"))
                    .or_else(|| p.named_child(0))?;
                syntax.is_identifier(named.kind()).then_some(named)
            })
            .collect()
    }

    fn summarize(&mut self, function: Node<'t>) -> Summary {
        let params = self.parameters(function);
        let skip_first = params
            .first()
            .and_then(|p| *p)
            .is_some_and(|p| matches!(self.index.text(p), "self" | "cls"));
        let mut summary = Summary {
            skip_first,
            to_return: vec![None; params.len()],
            to_sinks: vec![Vec::new(); params.len()],
            returns_source: None,
        };
        // Sources inside the function that reach its returns.
        self.collect = Some(Collected::default());
        let mut env = HashMap::new();
        self.tainted_parameters(function, &mut env);
        self.visit(function, &mut env, function, 0);
        summary.returns_source = self.collect.take().and_then(|c| c.returns);
        for (i, param) in params.iter().enumerate() {
            let Some(param) = param else { continue };
            self.collect = Some(Collected::default());
            let mut env = HashMap::new();
            env.insert(
                self.index.text(*param).to_owned(),
                vec![self.step("parameter", *param)],
            );
            self.visit(function, &mut env, function, 0);
            let collected = self.collect.take().unwrap_or_default();
            summary.to_return[i] = collected.returns;
            summary.to_sinks[i] = collected.sinks;
        }
        summary
    }
}

/// The name a call gives a function of its file (`f(x)`; `self.f(x)` and `this.f(x)`, with
/// true), with the callee and the argument list.
fn called_name<'t>(
    index: &FileIndex<'t>,
    node: Node<'t>,
) -> Option<(&'t str, bool, Node<'t>, Node<'t>)> {
    let syntax = index.syntax;
    let (callee, args) = syntax.call_fields(index.kind(node))?;
    let callee = node.child_by_field_name(callee)?;
    let args = node.child_by_field_name(args)?;
    if syntax.is_identifier(index.kind(callee)) {
        return Some((index.text(callee), false, callee, args));
    }
    let (object, member) = syntax.member_fields(index.kind(callee))?;
    let object = index.text(callee.child_by_field_name(object)?);
    if object != "self" && object != "this" {
        return None;
    }
    Some((
        index.text(callee.child_by_field_name(member)?),
        true,
        callee,
        args,
    ))
}

/// The functions of a file that calls can name: `def f`, `function f`, methods, and
/// `const f = (...) => ...`.
fn named_functions<'t>(index: &FileIndex<'t>) -> Vec<(String, Node<'t>)> {
    let mut out = Vec::new();
    for &node in &index.nodes {
        if !index.syntax.is_function(index.kind(node)) {
            continue;
        }
        let name = node.child_by_field_name("name").or_else(|| {
            let parent = node.parent()?;
            (parent.kind() == "variable_declarator")
                .then(|| parent.child_by_field_name("name"))
                .flatten()
        });
        if let Some(name) = name
            && index.syntax.is_identifier(name.kind())
        {
            out.push((index.text(name).to_owned(), node));
        }
    }
    // A name defined twice is ambiguous: leave it out.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (name, _) in &out {
        *counts.entry(name.clone()).or_default() += 1;
    }
    out.retain(|(name, _)| counts[name] == 1);
    out
}

/// Runs a taint rule over one file: each sink reached by tainted data, with the data's path.
/// The target and value of an assignment or of a declaration with a value. C#'s declarator
/// (`var x = v`, `string a = v, b = w`) has no field for its value: it is the expression after
/// `=`, and the target a name or a tuple (`var (a, b) = v`).
fn assignment_parts<'t>(syntax: &Syntax, node: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    let (target, value) = syntax.assignment_fields(node.kind())?;
    if let (Some(target), Some(value)) = (
        node.child_by_field_name(target),
        node.child_by_field_name(value),
    ) {
        return Some((target, value));
    }
    if node.kind() != "variable_declarator" {
        return None;
    }
    let mut cursor = node.walk();
    let children: Vec<Node<'t>> = node.children(&mut cursor).collect();
    let equals = children.iter().position(|c| c.kind() == "=")?;
    let value = children[equals + 1..].iter().find(|c| c.is_named())?;
    let target = node.child_by_field_name("name").or_else(|| {
        children[..equals]
            .iter()
            .find(|c| c.kind() == "tuple_pattern")
            .copied()
    })?;
    Some((target, *value))
}

pub(crate) fn run<'t>(
    index: &FileIndex<'t>,
    spec: &TaintSpec<Pattern>,
    lines: &LineIndex<'_>,
) -> Vec<(Match<'t>, Dataflow)> {
    let ranges = |formulas: &[crate::rule::Formula<Pattern>]| -> Vec<Match<'t>> {
        formulas.iter().flat_map(|f| index.eval(f)).collect()
    };
    let sources: Vec<Range<usize>> = ranges(&spec.sources).into_iter().map(|m| m.range).collect();
    if sources.is_empty() {
        return Vec::new();
    }
    let mut sinks = ranges(&spec.sinks);
    crate::formula::dedup(&mut sinks);
    if sinks.is_empty() {
        return Vec::new();
    }
    let sanitizers = ranges(&spec.sanitizers)
        .into_iter()
        .map(|m| m.range)
        .collect();
    let propagators = spec
        .propagators
        .iter()
        .flat_map(|p| {
            index
                .eval(&p.formula)
                .into_iter()
                .map(|m| (m, p.from.clone(), p.to.clone()))
        })
        .collect();
    let mut ctx = Ctx {
        index,
        lines,
        sources,
        sanitizers,
        sinks,
        propagators,
        reached: HashMap::new(),
        summaries: HashMap::new(),
        collect: None,
    };
    // Summaries of the file's named functions that some call names (the others are never
    // looked up), twice so that a function called before its definition is known too.
    let called: std::collections::HashSet<&str> = index
        .nodes
        .iter()
        .filter_map(|&n| called_name(index, n).map(|(name, ..)| name))
        .collect();
    let mut functions = named_functions(index);
    functions.retain(|(name, _)| called.contains(name.as_str()));
    for _ in 0..2 {
        for (name, function) in &functions {
            let summary = ctx.summarize(*function);
            ctx.summaries.insert(name.clone(), summary);
        }
    }
    // The units: the file's top level and every function.
    let mut units = vec![index.root];
    units.extend(
        index
            .nodes
            .iter()
            .copied()
            .filter(|n| index.syntax.is_function(index.kind(*n))),
    );
    for unit in units {
        let mut env = HashMap::new();
        ctx.tainted_parameters(unit, &mut env);
        ctx.visit(unit, &mut env, unit, 0);
    }
    let mut out: Vec<(Match<'t>, Dataflow)> = ctx
        .reached
        .into_iter()
        .map(|(i, steps)| (ctx.sinks[i].clone(), Dataflow { steps }))
        .collect();
    out.sort_by_key(|(m, _)| (m.range.start, m.range.end));
    out
}
