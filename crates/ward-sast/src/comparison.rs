//! `metavariable-comparison`: a small expression language over bound values.
//!
//! Supported: integers, strings, `True`/`False`, lists (`[1, "a"]`), metavariables,
//! `int(...)`, `str(...)`, `len(...)`, `re.match(REGEX, X)`, `+ - * / %`,
//! `== != < <= > >=`, `in` and `not in` (membership in a list, or a substring), `and`, `or`,
//! `not`, parentheses. A metavariable's value is its code read as an integer when it is one
//! (`0x10`, `1_000`), else as a string (a string literal's content). As in Semgrep, the rule's
//! `strip: true` reads a string literal bound to `metavariable` by its content (so `"3"` is the
//! integer 3) and `base: N` reads its digits in base N.

use std::fmt;

/// A parsed comparison.
#[derive(Debug, Clone)]
pub enum Expr {
    Int(i128),
    Str(String),
    Bool(bool),
    Var(String),
    Call(String, Vec<Expr>),
    List(Vec<Expr>),
    Not(Box<Expr>),
    Bin(Box<Expr>, Op, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    In,
    NotIn,
}

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i128),
    Str(String),
    Bool(bool),
    List(Vec<Value>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Str(s) => f.write_str(s),
            Value::Bool(b) => write!(f, "{b}"),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Int(i128),
    Str(String),
    Ident(String),
    Var(String),
    Sym(&'static str),
}

fn parse_int(text: &str) -> Option<i128> {
    let t = text.trim().replace('_', "");
    let t = t.trim_end_matches(['l', 'L', 'u', 'U']);
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i128::from_str_radix(h, 16).ok()?
    } else if let Some(o) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
        i128::from_str_radix(o, 8).ok()?
    } else if let Some(b) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
        i128::from_str_radix(b, 2).ok()?
    } else {
        t.parse().ok()?
    };
    Some(if neg { -v } else { v })
}

/// The value of a metavariable's code.
pub fn value_of_code(text: &str) -> Value {
    if let Some(i) = parse_int(text) {
        return Value::Int(i);
    }
    let t = text.trim();
    for q in ["\"", "'", "`"] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            return Value::Str(t[1..t.len() - 1].to_owned());
        }
    }
    match t {
        "True" | "true" => Value::Bool(true),
        "False" | "false" => Value::Bool(false),
        _ => Value::Str(t.to_owned()),
    }
}

fn lex(text: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            out.push(Tok::Int(parse_int(&s).ok_or(format!("bad number `{s}`"))?));
        } else if c == '"' || c == '\'' {
            let mut s = String::new();
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                s.push(chars[i]);
                i += 1;
            }
            if i >= chars.len() {
                return Err("unterminated string".into());
            }
            i += 1;
            out.push(Tok::Str(s));
        } else if c == '$' || c.is_alphabetic() || c == '_' {
            let start = i;
            i += 1;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            out.push(if c == '$' { Tok::Var(s) } else { Tok::Ident(s) });
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let sym = ["==", "!=", "<=", ">="]
                .into_iter()
                .find(|s| *s == two)
                .or_else(|| {
                    ["<", ">", "+", "-", "*", "/", "%", "(", ")", ",", "[", "]"]
                        .into_iter()
                        .find(|s| s.starts_with(c))
                })
                .ok_or(format!("unexpected `{c}`"))?;
            i += sym.len();
            out.push(Tok::Sym(sym));
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn eat_sym(&mut self, s: &str) -> bool {
        if self.peek()
            == Some(&Tok::Sym(match s {
                "(" => "(",
                ")" => ")",
                "," => ",",
                "]" => "]",
                _ => return false,
            }))
        {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn eat_word(&mut self, w: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Ident(x)) if x == w) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn or(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while self.eat_word("or") {
            left = Expr::Bin(Box::new(left), Op::Or, Box::new(self.and()?));
        }
        Ok(left)
    }
    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.not()?;
        while self.eat_word("and") {
            left = Expr::Bin(Box::new(left), Op::And, Box::new(self.not()?));
        }
        Ok(left)
    }
    fn not(&mut self) -> Result<Expr, String> {
        if self.eat_word("not") {
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.cmp()
    }
    fn cmp(&mut self) -> Result<Expr, String> {
        let left = self.sum()?;
        let op = match self.peek() {
            Some(Tok::Sym("==")) => Op::Eq,
            Some(Tok::Sym("!=")) => Op::Ne,
            Some(Tok::Sym("<")) => Op::Lt,
            Some(Tok::Sym("<=")) => Op::Le,
            Some(Tok::Sym(">")) => Op::Gt,
            Some(Tok::Sym(">=")) => Op::Ge,
            Some(Tok::Ident(w)) if w == "in" => Op::In,
            Some(Tok::Ident(w))
                if w == "not"
                    && matches!(self.toks.get(self.pos + 1), Some(Tok::Ident(x)) if x == "in") =>
            {
                self.pos += 1;
                Op::NotIn
            }
            _ => return Ok(left),
        };
        self.pos += 1;
        Ok(Expr::Bin(Box::new(left), op, Box::new(self.sum()?)))
    }
    fn sum(&mut self) -> Result<Expr, String> {
        let mut left = self.term()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Sym("+")) => Op::Add,
                Some(Tok::Sym("-")) => Op::Sub,
                _ => return Ok(left),
            };
            self.pos += 1;
            left = Expr::Bin(Box::new(left), op, Box::new(self.term()?));
        }
    }
    fn term(&mut self) -> Result<Expr, String> {
        let mut left = self.atom()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Sym("*")) => Op::Mul,
                Some(Tok::Sym("/")) => Op::Div,
                Some(Tok::Sym("%")) => Op::Rem,
                _ => return Ok(left),
            };
            self.pos += 1;
            left = Expr::Bin(Box::new(left), op, Box::new(self.atom()?));
        }
    }
    fn atom(&mut self) -> Result<Expr, String> {
        let tok = self.peek().cloned().ok_or("unexpected end")?;
        self.pos += 1;
        Ok(match tok {
            Tok::Int(i) => Expr::Int(i),
            Tok::Str(s) => Expr::Str(s),
            Tok::Var(v) => Expr::Var(v),
            Tok::Sym("-") => Expr::Bin(Box::new(Expr::Int(0)), Op::Sub, Box::new(self.atom()?)),
            Tok::Sym("[") => {
                let mut items = Vec::new();
                if !self.eat_sym("]") {
                    loop {
                        items.push(self.or()?);
                        if self.eat_sym("]") {
                            break;
                        }
                        if !self.eat_sym(",") {
                            return Err("expected `,` or `]`".into());
                        }
                    }
                }
                Expr::List(items)
            }
            Tok::Sym("(") => {
                let e = self.or()?;
                if !self.eat_sym(")") {
                    return Err("missing `)`".into());
                }
                e
            }
            Tok::Ident(w) if w == "True" || w == "true" => Expr::Bool(true),
            Tok::Ident(w) if w == "False" || w == "false" => Expr::Bool(false),
            Tok::Ident(name) => {
                if !self.eat_sym("(") {
                    return Err(format!("unknown name `{name}`"));
                }
                let mut args = Vec::new();
                if !self.eat_sym(")") {
                    loop {
                        args.push(self.or()?);
                        if self.eat_sym(")") {
                            break;
                        }
                        if !self.eat_sym(",") {
                            return Err("expected `,` or `)`".into());
                        }
                    }
                }
                if !["int", "str", "re.match", "len"].contains(&name.as_str()) {
                    return Err(format!("unsupported function `{name}`"));
                }
                Expr::Call(name, args)
            }
            Tok::Sym(s) => return Err(format!("unexpected `{s}`")),
        })
    }
}

impl Expr {
    pub fn parse(text: &str) -> Result<Expr, String> {
        let mut parser = Parser {
            toks: lex(text)?,
            pos: 0,
        };
        let expr = parser.or()?;
        if parser.pos != parser.toks.len() {
            return Err("unexpected text after the expression".into());
        }
        Ok(expr)
    }

    /// Evaluates to a boolean; `lookup` gives a metavariable's code. `None` when a metavariable
    /// is unbound or a value has the wrong type (the comparison then fails, as in Semgrep).
    pub fn holds(&self, lookup: &dyn Fn(&str) -> Option<String>) -> bool {
        matches!(self.eval(lookup), Some(Value::Bool(true)))
    }

    fn eval(&self, lookup: &dyn Fn(&str) -> Option<String>) -> Option<Value> {
        Some(match self {
            Expr::Int(i) => Value::Int(*i),
            Expr::Str(s) => Value::Str(s.clone()),
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Var(v) => value_of_code(&lookup(v)?),
            Expr::List(items) => Value::List(
                items
                    .iter()
                    .map(|i| i.eval(lookup))
                    .collect::<Option<_>>()?,
            ),
            Expr::Not(e) => Value::Bool(!matches!(e.eval(lookup)?, Value::Bool(true))),
            Expr::Call(name, args) => {
                let vals: Vec<Value> =
                    args.iter().map(|a| a.eval(lookup)).collect::<Option<_>>()?;
                match (name.as_str(), vals.as_slice()) {
                    ("int", [Value::Int(i)]) => Value::Int(*i),
                    ("int", [Value::Str(s)]) => Value::Int(parse_int(s)?),
                    ("str", [v]) => Value::Str(v.to_string()),
                    ("len", [Value::Str(s)]) => Value::Int(s.chars().count() as i128),
                    ("len", [Value::List(items)]) => Value::Int(items.len() as i128),
                    ("re.match", [Value::Str(re), v]) => {
                        let re = regex::Regex::new(&format!("^(?:{re})")).ok()?;
                        Value::Bool(re.is_match(&v.to_string()))
                    }
                    _ => return None,
                }
            }
            Expr::Bin(l, op, r) => {
                let (l, r) = (l.eval(lookup)?, r.eval(lookup)?);
                match (op, &l, &r) {
                    (Op::Or, Value::Bool(a), Value::Bool(b)) => Value::Bool(*a || *b),
                    (Op::And, Value::Bool(a), Value::Bool(b)) => Value::Bool(*a && *b),
                    (Op::In, _, Value::List(items)) => Value::Bool(items.contains(&l)),
                    (Op::NotIn, _, Value::List(items)) => Value::Bool(!items.contains(&l)),
                    (Op::In, Value::Str(a), Value::Str(b)) => Value::Bool(b.contains(a.as_str())),
                    (Op::NotIn, Value::Str(a), Value::Str(b)) => {
                        Value::Bool(!b.contains(a.as_str()))
                    }
                    (Op::Eq, _, _) => Value::Bool(l == r),
                    (Op::Ne, _, _) => Value::Bool(l != r),
                    (Op::Lt, Value::Int(a), Value::Int(b)) => Value::Bool(a < b),
                    (Op::Le, Value::Int(a), Value::Int(b)) => Value::Bool(a <= b),
                    (Op::Gt, Value::Int(a), Value::Int(b)) => Value::Bool(a > b),
                    (Op::Ge, Value::Int(a), Value::Int(b)) => Value::Bool(a >= b),
                    (Op::Lt, Value::Str(a), Value::Str(b)) => Value::Bool(a < b),
                    (Op::Gt, Value::Str(a), Value::Str(b)) => Value::Bool(a > b),
                    (Op::Add, Value::Int(a), Value::Int(b)) => Value::Int(a.checked_add(*b)?),
                    (Op::Add, Value::Str(a), Value::Str(b)) => Value::Str(format!("{a}{b}")),
                    (Op::Sub, Value::Int(a), Value::Int(b)) => Value::Int(a.checked_sub(*b)?),
                    (Op::Mul, Value::Int(a), Value::Int(b)) => Value::Int(a.checked_mul(*b)?),
                    (Op::Div, Value::Int(a), Value::Int(b)) => Value::Int(a.checked_div(*b)?),
                    (Op::Rem, Value::Int(a), Value::Int(b)) => Value::Int(a.checked_rem(*b)?),
                    _ => return None,
                }
            }
        })
    }
}

/// A `metavariable-comparison` with its options.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub expr: Expr,
    /// `metavariable`: the one `strip` and `base` apply to.
    pub metavariable: Option<String>,
    /// `strip: true`: a string literal bound to it is read by its content.
    pub strip: bool,
    /// `base: N`: its digits are read in base N.
    pub base: Option<u32>,
}

impl Comparison {
    pub fn holds(&self, lookup: &dyn Fn(&str) -> Option<String>) -> bool {
        if self.metavariable.is_none() || (!self.strip && self.base.is_none()) {
            return self.expr.holds(lookup);
        }
        let adjusted = |name: &str| {
            let text = lookup(name)?;
            if Some(name) != self.metavariable.as_deref() {
                return Some(text);
            }
            let mut t = text.trim().to_owned();
            if self.strip {
                for q in ["\"", "'", "`"] {
                    if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
                        t = t[1..t.len() - 1].to_string();
                        break;
                    }
                }
            }
            if let Some(base) = self.base {
                // The digits alone: `0o755` and `755` read the same in base 8.
                let digits = t.replace('_', "");
                let digits = digits
                    .strip_prefix("0x")
                    .or_else(|| digits.strip_prefix("0o"))
                    .or_else(|| digits.strip_prefix("0b"))
                    .unwrap_or(&digits);
                return Some(match i128::from_str_radix(digits, base) {
                    Ok(v) => v.to_string(),
                    Err(_) => t,
                });
            }
            Some(t)
        };
        self.expr.holds(&adjusted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(expr: &str, vars: &[(&str, &str)]) -> bool {
        let e = Expr::parse(expr).unwrap();
        e.holds(&|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn comparisons_of_bound_code() {
        assert!(holds("$SIZE < 2048", &[("$SIZE", "1024")]));
        assert!(!holds("$SIZE < 2048", &[("$SIZE", "4096")]));
        assert!(holds("$X >= 0x10 and $X != 17", &[("$X", "16")]));
        assert!(holds(
            "int($X) == 3 or $Y == 'a'",
            &[("$X", "'3'"), ("$Y", "b")]
        ));
        assert!(holds("not $X > 1", &[("$X", "1")]));
        assert!(holds("re.match('md5|sha1', $A)", &[("$A", "\"md5\"")]));
        // Unbound or ill-typed comparisons fail rather than match.
        assert!(!holds("$Z < 3", &[]));
        assert!(!holds("$X < 3", &[("$X", "foo()")]));
    }

    #[test]
    fn membership_in_lists_and_strings() {
        assert!(holds("$M in ['md5', 'sha1']", &[("$M", "'sha1'")]));
        assert!(!holds("$M in ['md5', 'sha1']", &[("$M", "'sha256'")]));
        assert!(holds("$M not in ['md5', 'sha1']", &[("$M", "'sha256'")]));
        assert!(holds("$P in [21, 23, 3389]", &[("$P", "23")]));
        assert!(holds("'admin' in $U", &[("$U", "\"sysadmin\"")]));
        assert!(holds(
            "not 'x' in $U and len([1, 2]) == 2",
            &[("$U", "'abc'")]
        ));
        assert!(holds("str($X) == 'foo'", &[("$X", "foo")]));
    }

    #[test]
    fn strip_and_base_read_the_metavariable_as_semgrep_does() {
        let cmp = |text: &str, strip: bool, base: Option<u32>, value: &str| {
            Comparison {
                expr: Expr::parse(text).unwrap(),
                metavariable: Some("$X".into()),
                strip,
                base,
            }
            .holds(&|name| (name == "$X").then(|| value.to_owned()))
        };
        // A quoted number is a string unless stripped.
        assert!(!cmp("$X > 1024", false, None, "\"2048\""));
        assert!(cmp("$X > 1024", true, None, "\"2048\""));
        // Permissions written in octal.
        assert!(cmp("$X == 511", false, Some(8), "0o777"));
        assert!(cmp("$X == 511", false, Some(8), "777"));
        assert!(!cmp("$X == 511", false, None, "777"));
    }

    #[test]
    fn bad_expressions_are_errors() {
        assert!(Expr::parse("$X in [1, 2").is_err());
        assert!(Expr::parse("$X <").is_err());
        assert!(Expr::parse("system($X)").is_err());
        assert!(Expr::parse("$X @ 2").is_err());
    }
}
