//! Evaluation of HCL expressions within one module instance: variables, locals, iteration
//! variables (`count`, `each`, `for` and `dynamic` iterators), operators and the common
//! functions. What cannot be known evaluates to [`Value::Unknown`], never to a guess.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use hcl::edit::expr::{
    BinaryOperator, Expression, ForExpr, ObjectKey, TraversalOperator, UnaryOperator,
};
use hcl::edit::template::{Directive, Element, Template};

use super::functions;
use super::value::{Value, format_number};

/// How deep evaluation may recurse (nested expressions, chains of locals) before giving up
/// with an unknown value.
const MAX_DEPTH: u32 = 200;
/// The most items a `for` expression, `count` or `for_each` is expanded to.
pub const MAX_ITEMS: usize = 10_000;

/// Names bound by an enclosing construct (`count`, `each`, a `for` variable, a `dynamic`
/// block's iterator), innermost first.
#[derive(Debug)]
pub enum Bindings<'a> {
    Root,
    Bind {
        name: String,
        value: Value,
        parent: &'a Bindings<'a>,
    },
}

impl<'a> Bindings<'a> {
    #[must_use]
    pub fn bind(&'a self, name: impl Into<String>, value: Value) -> Bindings<'a> {
        Bindings::Bind {
            name: name.into(),
            value,
            parent: self,
        }
    }

    fn lookup(&self, wanted: &str) -> Option<&Value> {
        let mut at = self;
        loop {
            match at {
                Bindings::Root => return None,
                Bindings::Bind {
                    name,
                    value,
                    parent,
                } => {
                    if name == wanted {
                        return Some(value);
                    }
                    at = parent;
                }
            }
        }
    }
}

/// One module instance's names: its variables, locals (evaluated on first use) and the
/// outputs of its child modules.
#[derive(Debug)]
pub struct Scope<'m> {
    pub vars: BTreeMap<String, Value>,
    locals: HashMap<String, &'m Expression>,
    /// `None` while a local is being evaluated (a cycle then yields unknown).
    cache: RefCell<HashMap<String, Option<Value>>>,
    /// `module.<name>` -> an object of the child's outputs.
    pub modules: BTreeMap<String, Value>,
    /// `path.module`, relative to the project root.
    pub module_path: String,
    depth: Cell<u32>,
}

impl<'m> Scope<'m> {
    pub fn new(
        vars: BTreeMap<String, Value>,
        locals: HashMap<String, &'m Expression>,
        module_path: String,
    ) -> Self {
        Scope {
            vars,
            locals,
            cache: RefCell::new(HashMap::new()),
            modules: BTreeMap::new(),
            module_path,
            depth: Cell::new(0),
        }
    }

    /// A scope with no names: for variable defaults, which may not refer to anything.
    pub fn empty() -> Scope<'static> {
        Scope::new(BTreeMap::new(), HashMap::new(), ".".to_owned())
    }

    fn local(&self, name: &str) -> Value {
        if let Some(cached) = self.cache.borrow().get(name) {
            return cached
                .clone()
                .unwrap_or_else(|| Value::reference(format!("local.{name}")));
        }
        let Some(expr) = self.locals.get(name).copied() else {
            return Value::reference(format!("local.{name}"));
        };
        self.cache.borrow_mut().insert(name.to_owned(), None);
        let value = self.eval(expr, &Bindings::Root);
        // A local that is unknown keeps the reference to what made it so, if it had one.
        self.cache
            .borrow_mut()
            .insert(name.to_owned(), Some(value.clone()));
        value
    }

    /// Evaluates `expr` with `bindings` in scope.
    pub fn eval(&self, expr: &Expression, bindings: &Bindings<'_>) -> Value {
        let depth = self.depth.get();
        if depth >= MAX_DEPTH {
            return Value::unknown();
        }
        self.depth.set(depth + 1);
        let value = self.eval_inner(expr, bindings);
        self.depth.set(depth);
        value
    }

    fn eval_inner(&self, expr: &Expression, b: &Bindings<'_>) -> Value {
        match expr {
            Expression::Null(_) => Value::Null,
            Expression::Bool(v) => Value::Bool(*v.value()),
            Expression::Number(n) => n.value().as_f64().map_or(Value::unknown(), Value::Number),
            Expression::String(s) => Value::String(s.value().clone()),
            Expression::Array(items) => {
                Value::List(items.iter().map(|item| self.eval(item, b)).collect())
            }
            Expression::Object(object) => {
                let mut map = BTreeMap::new();
                for (key, value) in object {
                    let key = match key {
                        ObjectKey::Ident(ident) => ident.value().as_str().to_owned(),
                        ObjectKey::Expression(expr) => match self.eval(expr, b).as_str() {
                            Some(s) => s.into_owned(),
                            None => return Value::unknown(),
                        },
                    };
                    map.insert(key, self.eval(value.expr(), b));
                }
                Value::Object(map)
            }
            Expression::StringTemplate(template) => self.template(template.iter(), b),
            Expression::HeredocTemplate(heredoc) => self.template(heredoc.template.iter(), b),
            Expression::Parenthesis(inner) => self.eval(inner.inner(), b),
            Expression::Variable(name) => self.variable(name.value().as_str(), b),
            Expression::Conditional(cond) => match self.eval(&cond.cond_expr, b).truth() {
                Some(true) => self.eval(&cond.true_expr, b),
                Some(false) => self.eval(&cond.false_expr, b),
                None => {
                    let yes = self.eval(&cond.true_expr, b);
                    let no = self.eval(&cond.false_expr, b);
                    if yes == no && yes.is_known() {
                        yes
                    } else {
                        Value::unknown()
                    }
                }
            },
            Expression::FuncCall(call) => {
                let name = call.name.name.value().as_str();
                if !call.name.namespace.is_empty() {
                    return Value::unknown();
                }
                let expand = call.args.expand_final();
                match name {
                    // `try` and `can` look at errors, which we see as unknown values.
                    "try" => {
                        for arg in &call.args {
                            let value = self.eval(arg, b);
                            if value.is_known() {
                                return value;
                            }
                            if let Value::Unknown(u) = &value
                                && u.reference.is_some()
                            {
                                return value;
                            }
                        }
                        Value::unknown()
                    }
                    "can" => {
                        let value = call.args.iter().next().map(|a| self.eval(a, b));
                        match value {
                            Some(v) if v.is_known() => Value::Bool(true),
                            _ => Value::unknown(),
                        }
                    }
                    _ => {
                        let mut args: Vec<Value> =
                            call.args.iter().map(|arg| self.eval(arg, b)).collect();
                        if expand {
                            match args.pop() {
                                Some(Value::List(rest)) => args.extend(rest),
                                _ => return Value::unknown(),
                            }
                        }
                        functions::call(name, &args)
                    }
                }
            }
            Expression::Traversal(traversal) => {
                self.traversal(&traversal.expr, &traversal.operators, b)
            }
            Expression::UnaryOp(op) => {
                let value = self.eval(&op.expr, b);
                match op.operator.value() {
                    UnaryOperator::Not => value
                        .as_bool()
                        .map_or(Value::unknown(), |v| Value::Bool(!v)),
                    UnaryOperator::Neg => value
                        .as_number()
                        .map_or(Value::unknown(), |v| Value::Number(-v)),
                }
            }
            Expression::BinaryOp(op) => {
                let lhs = self.eval(&op.lhs_expr, b);
                let rhs = self.eval(&op.rhs_expr, b);
                binary(*op.operator.value(), &lhs, &rhs)
            }
            Expression::ForExpr(for_expr) => self.for_expr(for_expr, b),
        }
    }

    fn template<'t>(&self, elements: impl Iterator<Item = &'t Element>, b: &Bindings<'_>) -> Value {
        let mut out = String::new();
        let mut single: Option<Value> = None;
        let mut count = 0;
        for element in elements {
            count += 1;
            match element {
                Element::Literal(text) => out.push_str(text.value()),
                Element::Interpolation(interp) => {
                    let value = self.eval(&interp.expr, b);
                    if let Some(s) = value.as_str() {
                        out.push_str(&s);
                    } else {
                        // Keep going only to learn whether this is the whole template.
                        single = Some(value);
                        out.clear();
                    }
                }
                Element::Directive(directive) => match self.directive(directive, b) {
                    Some(s) => out.push_str(&s),
                    None => single = Some(Value::unknown()),
                },
            }
        }
        match single {
            // `"${aws_kms_key.k.arn}"` is the reference itself.
            Some(value @ Value::Unknown(_)) if count == 1 => value,
            Some(_) => Value::unknown(),
            None => Value::String(out),
        }
    }

    fn template_string(&self, template: &Template, b: &Bindings<'_>) -> Option<String> {
        self.template(template.iter(), b)
            .as_str()
            .map(std::borrow::Cow::into_owned)
    }

    fn directive(&self, directive: &Directive, b: &Bindings<'_>) -> Option<String> {
        match directive {
            Directive::If(d) => {
                if self.eval(&d.if_expr.cond_expr, b).truth()? {
                    self.template_string(&d.if_expr.template, b)
                } else {
                    match &d.else_expr {
                        Some(e) => self.template_string(&e.template, b),
                        None => Some(String::new()),
                    }
                }
            }
            Directive::For(d) => {
                let collection = self.eval(&d.for_expr.collection_expr, b);
                let mut out = String::new();
                for (key, value) in iterate(&collection)? {
                    let inner = b.bind(d.for_expr.value_var.value().as_str(), value);
                    let inner = match &d.for_expr.key_var {
                        Some(k) => inner.bind(k.value().as_str(), key),
                        None => inner.bind("", Value::Null),
                    };
                    out.push_str(&self.template_string(&d.for_expr.template, &inner)?);
                }
                Some(out)
            }
        }
    }

    fn variable(&self, name: &str, b: &Bindings<'_>) -> Value {
        if let Some(value) = b.lookup(name) {
            return value.clone();
        }
        match name {
            "path" => Value::Object(BTreeMap::from([
                ("module".to_owned(), Value::String(self.module_path.clone())),
                ("root".to_owned(), Value::String(".".to_owned())),
                ("cwd".to_owned(), Value::String(".".to_owned())),
            ])),
            "terraform" => Value::Object(BTreeMap::from([(
                "workspace".to_owned(),
                Value::String("default".to_owned()),
            )])),
            other => Value::reference(other),
        }
    }

    fn traversal(
        &self,
        base: &Expression,
        ops: &[hcl::edit::Decorated<TraversalOperator>],
        b: &Bindings<'_>,
    ) -> Value {
        // Roots that name something by the attributes after them.
        if let Expression::Variable(root) = base {
            let root = root.value().as_str();
            if b.lookup(root).is_none() {
                let first_attr = ops.first().and_then(|op| match op.value() {
                    TraversalOperator::GetAttr(name) => Some(name.value().as_str()),
                    _ => None,
                });
                match (root, first_attr) {
                    ("var", Some(name)) => {
                        let value = self
                            .vars
                            .get(name)
                            .cloned()
                            .unwrap_or_else(|| Value::reference(format!("var.{name}")));
                        return self.apply(value, &ops[1..], b);
                    }
                    ("local", Some(name)) => {
                        let value = self.local(name);
                        return self.apply(value, &ops[1..], b);
                    }
                    ("module", Some(name)) => {
                        if let Some(outputs) = self.modules.get(name) {
                            return self.apply(outputs.clone(), &ops[1..], b);
                        }
                        return Value::reference(reference_text(root, ops));
                    }
                    ("path" | "terraform", _) => {}
                    _ => return Value::reference(reference_text(root, ops)),
                }
            }
        }
        let value = self.eval(base, b);
        self.apply(value, ops, b)
    }

    fn apply(
        &self,
        mut value: Value,
        ops: &[hcl::edit::Decorated<TraversalOperator>],
        b: &Bindings<'_>,
    ) -> Value {
        for (i, op) in ops.iter().enumerate() {
            value = match op.value() {
                TraversalOperator::GetAttr(name) => get_attr(value, name.value().as_str()),
                TraversalOperator::Index(index) => {
                    let index = self.eval(index, b);
                    get_index(value, &index)
                }
                TraversalOperator::LegacyIndex(index) => {
                    #[allow(clippy::cast_precision_loss)]
                    let index = Value::Number(*index.value() as f64);
                    get_index(value, &index)
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let rest = &ops[i + 1..];
                    return match value {
                        Value::List(items) => Value::List(
                            items
                                .into_iter()
                                .map(|item| self.apply(item, rest, b))
                                .collect(),
                        ),
                        Value::Null => Value::List(Vec::new()),
                        Value::Unknown(u) => Value::Unknown(u),
                        single => Value::List(vec![self.apply(single, rest, b)]),
                    };
                }
            };
        }
        value
    }

    fn for_expr(&self, expr: &ForExpr, b: &Bindings<'_>) -> Value {
        let collection = self.eval(&expr.intro.collection_expr, b);
        let Some(items) = iterate(&collection) else {
            return Value::unknown();
        };
        let value_var = expr.intro.value_var.value().as_str();
        let key_var = expr.intro.key_var.as_ref().map(|k| k.value().as_str());
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        for (key, value) in items.into_iter().take(MAX_ITEMS) {
            let inner = b.bind(value_var, value);
            let inner = inner.bind(key_var.unwrap_or(""), key);
            if let Some(cond) = &expr.cond {
                match self.eval(&cond.expr, &inner).truth() {
                    Some(true) => {}
                    Some(false) => continue,
                    None => return Value::unknown(),
                }
            }
            let value = self.eval(&expr.value_expr, &inner);
            match &expr.key_expr {
                None => list.push(value),
                Some(key_expr) => {
                    let Some(key) = self
                        .eval(key_expr, &inner)
                        .as_str()
                        .map(std::borrow::Cow::into_owned)
                    else {
                        return Value::unknown();
                    };
                    if expr.grouping {
                        match map.entry(key).or_insert_with(|| Value::List(Vec::new())) {
                            Value::List(group) => group.push(value),
                            _ => return Value::unknown(),
                        }
                    } else {
                        map.insert(key, value);
                    }
                }
            }
        }
        if expr.key_expr.is_some() {
            Value::Object(map)
        } else {
            Value::List(list)
        }
    }
}

/// The text of a reference for an unknown value: `aws_s3_bucket.logs.id`, `x[0].y`.
fn reference_text(root: &str, ops: &[hcl::edit::Decorated<TraversalOperator>]) -> String {
    let mut text = root.to_owned();
    for op in ops {
        match op.value() {
            TraversalOperator::GetAttr(name) => {
                text.push('.');
                text.push_str(name.value().as_str());
            }
            TraversalOperator::LegacyIndex(i) => {
                let _ = write!(text, "[{}]", i.value());
            }
            TraversalOperator::Index(Expression::Number(n)) => {
                let _ = write!(text, "[{}]", n.value());
            }
            TraversalOperator::Index(Expression::String(s)) => {
                let _ = write!(text, "[{:?}]", s.value().as_str());
            }
            TraversalOperator::Index(_) => text.push_str("[*]"),
            TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                text.push_str("[*]");
            }
        }
    }
    text
}

/// Key/value pairs of a collection, as `for` and `for_each` see them; `None` when unknown.
pub fn iterate(collection: &Value) -> Option<Vec<(Value, Value)>> {
    match collection {
        #[allow(clippy::cast_precision_loss)]
        Value::List(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), v.clone()))
                .collect(),
        ),
        Value::Object(map) => Some(
            map.iter()
                .map(|(k, v)| (Value::String(k.clone()), v.clone()))
                .collect(),
        ),
        _ => None,
    }
}

fn get_attr(value: Value, name: &str) -> Value {
    match value {
        Value::Object(mut map) => map.remove(name).unwrap_or_else(Value::unknown),
        Value::Unknown(u) => Value::Unknown(super::value::Unknown {
            reference: u.reference.map(|r| format!("{r}.{name}")),
        }),
        _ => Value::unknown(),
    }
}

fn get_index(value: Value, index: &Value) -> Value {
    match value {
        Value::List(mut items) => match index.as_number() {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Some(i) if i >= 0.0 && (i as usize) < items.len() => items.swap_remove(i as usize),
            _ => Value::unknown(),
        },
        Value::Object(mut map) => match index.as_str() {
            Some(key) => map.remove(key.as_ref()).unwrap_or_else(Value::unknown),
            None => Value::unknown(),
        },
        Value::Unknown(u) => Value::Unknown(super::value::Unknown {
            reference: u.reference.map(|r| match index.as_str() {
                Some(key) if index.as_number().is_some() => format!("{r}[{key}]"),
                Some(key) => format!("{r}[{key:?}]"),
                None => format!("{r}[*]"),
            }),
        }),
        _ => Value::unknown(),
    }
}

fn binary(op: BinaryOperator, lhs: &Value, rhs: &Value) -> Value {
    use BinaryOperator as B;
    match op {
        B::And => match (lhs.as_bool(), rhs.as_bool()) {
            (Some(false), _) | (_, Some(false)) => Value::Bool(false),
            (Some(true), Some(true)) => Value::Bool(true),
            _ => Value::unknown(),
        },
        B::Or => match (lhs.as_bool(), rhs.as_bool()) {
            (Some(true), _) | (_, Some(true)) => Value::Bool(true),
            (Some(false), Some(false)) => Value::Bool(false),
            _ => Value::unknown(),
        },
        B::Eq | B::NotEq => {
            if !lhs.is_known() || !rhs.is_known() {
                return Value::unknown();
            }
            let equal = match (lhs, rhs) {
                (Value::Number(a), Value::Number(b)) => (a - b).abs() < f64::EPSILON,
                (a, b) => a == b,
            };
            Value::Bool(if op == B::Eq { equal } else { !equal })
        }
        _ => {
            let (Some(a), Some(b)) = (lhs.as_number(), rhs.as_number()) else {
                return Value::unknown();
            };
            match op {
                B::Less => Value::Bool(a < b),
                B::LessEq => Value::Bool(a <= b),
                B::Greater => Value::Bool(a > b),
                B::GreaterEq => Value::Bool(a >= b),
                B::Plus => Value::Number(a + b),
                B::Minus => Value::Number(a - b),
                B::Mul => Value::Number(a * b),
                B::Div if b != 0.0 => Value::Number(a / b),
                B::Mod if b != 0.0 => Value::Number(a % b),
                _ => Value::unknown(),
            }
        }
    }
}

/// A key of `count`/`for_each` as it appears in a resource address.
pub fn instance_key(key: &Value) -> String {
    match key {
        Value::Number(n) => format!("[{}]", format_number(*n)),
        other => format!("[{:?}]", other.display()),
    }
}
