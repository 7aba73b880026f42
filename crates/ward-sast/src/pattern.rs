//! Patterns: code of the rule's language with Semgrep's metavariables and ellipses, parsed by
//! the language's own grammar into a small owned tree ([`PNode`]) that the matcher walks.
//!
//! Before parsing, the Semgrep-only syntax is replaced by identifiers the grammar accepts:
//! `$X` -> `__WARD_MV_X`, `$...X` -> `__WARD_MVE_X`, `...` -> `__WARD_ELLIPSIS__`, and
//! `<... P ...>` -> `__WARD_DEEP__(P)`. The converted tree recognises them again.

use std::time::Duration;

use ward_lang::tree_sitter::Node;
use ward_lang::{Lang, Syntax};

pub(crate) const ELLIPSIS: &str = "__WARD_ELLIPSIS__";
const MV: &str = "__WARD_MV_";
const MVE: &str = "__WARD_MVE_";
const DEEP: &str = "__WARD_DEEP__";
/// `...` among C# member initialisers.
const ELLIPSIS_MEMBER: &str = "__WARD_ELLIPSIS__ = __WARD_ELLIPSIS__";
/// The call a pattern that is only an expression is wrapped in, where the language needs it.
const EXPR: &str = "__WARD_EXPR__";

/// Anonymous tokens that only delimit structure: the node kinds already say what they delimit.
const PUNCTUATION: &[&str] = &["(", ")", ",", ";", "{", "}", "[", "]"];

/// A string literal in a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StrPat {
    /// `"..."`: any string without interpolations (`f"..."`: any f-string, JavaScript's
    /// `` `...` ``: any template literal, with or without interpolations).
    Any { fstring: bool },
    /// `"$X"`: any string, its content bound to `X`.
    Metavar(String),
    /// A string with this value, whatever the quoting.
    Value(String),
}

/// A pattern node.
#[derive(Debug, Clone)]
pub(crate) enum PNode {
    /// `...`
    Ellipsis,
    /// `$...X`
    EllipsisVar(String),
    /// `$X` (named `$X`; `$_` binds nothing).
    Metavar(String),
    /// `<... P ...>`: `P` at the node or anywhere inside it.
    Deep(Box<PNode>),
    Str(StrPat),
    /// A token: same kind and text; identifiers and dotted names also by import alias.
    Leaf {
        kind: u16,
        text: String,
        dotted: Option<String>,
    },
    Node {
        kind: u16,
        /// The grammar's name of the kind.
        name: String,
        children: Vec<PNode>,
        /// The children are call arguments (keyword arguments in any order).
        args: bool,
        /// The node is a keyword argument.
        keyword: bool,
        /// A plain dotted name (`subprocess.call`), matched through import aliases.
        dotted: Option<String>,
        /// The node is a member access (`a.b`).
        member: bool,
    },
}

impl PNode {
    /// Whether matching binds a metavariable (so that two ways to match can differ).
    pub(crate) fn binds(&self) -> bool {
        match self {
            PNode::EllipsisVar(_) | PNode::Str(StrPat::Metavar(_)) => true,
            PNode::Metavar(name) => name != "$_",
            PNode::Deep(inner) => inner.binds(),
            PNode::Node { children, .. } => children.iter().any(PNode::binds),
            PNode::Ellipsis | PNode::Str(_) | PNode::Leaf { .. } => false,
        }
    }
}

/// A compiled pattern: one node, or a sequence of statements.
#[derive(Debug, Clone)]
pub struct Pattern(pub(crate) Shape);

#[derive(Debug, Clone)]
pub(crate) enum Shape {
    Node(PNode),
    Sequence(Vec<PNode>),
    /// Code that cannot occur in this language (JSX in a `.ts` file).
    Never,
}

impl Pattern {
    /// A pattern that matches nothing.
    pub(crate) fn never() -> Pattern {
        Pattern(Shape::Never)
    }

    pub(crate) fn is_never(&self) -> bool {
        matches!(self.0, Shape::Never)
    }
}

impl Pattern {
    /// Identifiers and string values a file must contain for the pattern to match it.
    pub(crate) fn literals(&self) -> Vec<String> {
        let mut out = Vec::new();
        match &self.0 {
            Shape::Node(n) => collect_literals(n, &mut out),
            Shape::Sequence(items) => items.iter().for_each(|n| collect_literals(n, &mut out)),
            Shape::Never => {}
        }
        out.sort();
        out.dedup();
        out
    }
}

fn collect_literals(node: &PNode, out: &mut Vec<String>) {
    match node {
        // A token matches only the same text (names also through an import alias, whose
        // import statement then holds the name): any word of three characters or more must
        // occur in the file. Shorter words and operators would select nearly every file.
        // Ruby's method names may end in `!` or `?` (`permit!`).
        PNode::Leaf { text, .. }
            if text.len() >= 3
                && text
                    .trim_end_matches(['!', '?'])
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$') =>
        {
            out.push(text.clone());
        }
        PNode::Node {
            children, dotted, ..
        } => {
            if let Some(d) = dotted {
                // Through an alias only the last segment is sure to appear (`from m import f`).
                if let Some(last) = d.rsplit('.').next()
                    && last.len() >= 3
                {
                    out.push(last.to_owned());
                }
            } else {
                for child in children {
                    collect_literals(child, out);
                }
            }
        }
        PNode::Deep(inner) => collect_literals(inner, out),
        PNode::Str(StrPat::Value(v))
            if v.len() >= 3 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            out.push(v.clone());
        }
        _ => {}
    }
}

/// A pattern that does not parse in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// 1-based line inside the pattern text.
    pub line: u32,
    pub message: String,
}

fn is_mv_char(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'
}

/// PHP's superglobals: variables whose names look like metavariables (`$_GET`), code in a
/// pattern as in Semgrep.
const PHP_SUPERGLOBALS: &[&str] = &[
    "_GET", "_POST", "_REQUEST", "_COOKIE", "_SERVER", "_FILES", "_ENV", "_SESSION", "GLOBALS",
];

/// Replaces Semgrep's syntax by placeholders the grammar parses as identifiers. In Python, a
/// `...` directly inside `{}` becomes `**` + placeholder (Python accepts `{**x, "k": v}`, not
/// `{x, "k": v}`); in Ruby too when a comma is beside it (a hash item, not a block). In PHP,
/// metavariables become PHP variables (`$__WARD_MV_X`, which PHP accepts wherever a pattern
/// puts `$X`) and superglobals stay as they are. In C#, a `...` directly inside `{}` becomes
/// an assignment of placeholders (C# accepts `new T { a = a, B = false }`, not
/// `new T { a, B = false }`).
pub(crate) fn substitute_with(text: &str, lang: Lang) -> String {
    let dict_splat = lang == Lang::Python;
    let php_vars = lang == Lang::Php;
    let member_init = lang == Lang::CSharp;
    let ruby_hash = lang == Lang::Ruby;
    let var = if php_vars { "$" } else { "" };
    let mut out = String::with_capacity(text.len() + 32);
    let bytes = text.as_bytes();
    let mut brackets: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        match bytes[i] {
            b'(' | b'[' | b'{' => brackets.push(bytes[i]),
            b')' | b']' | b'}' => {
                brackets.pop();
            }
            _ => {}
        }
        if rest.starts_with("<...") {
            out.push_str(DEEP);
            out.push('(');
            i += 4;
        } else if rest.starts_with("...>") {
            out.push(')');
            i += 4;
        } else if let Some(after) = rest.strip_prefix("$...") {
            let n = after.chars().take_while(|&c| is_mv_char(c)).count();
            out.push_str(var);
            out.push_str(MVE);
            out.push_str(&after[..n]);
            i += 4 + n;
        } else if rest.starts_with("...") {
            if dict_splat && brackets.last() == Some(&b'{') {
                out.push_str("**");
            } else if ruby_hash
                && brackets.last() == Some(&b'{')
                && (out.trim_end().ends_with(',')
                    || rest
                        .strip_prefix("...")
                        .is_some_and(|r| r.trim_start().starts_with(',')))
            {
                // Ruby accepts `{**x, k: v}`; a `...` with a comma beside it is a hash item
                // (a block's `{ ... }` has none).
                out.push_str("**");
            }
            if member_init && brackets.last() == Some(&b'{') {
                out.push_str(ELLIPSIS_MEMBER);
            } else {
                out.push_str(ELLIPSIS);
            }
            i += 3;
        } else if bytes[i] == b'$'
            && rest[1..].starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
        {
            let n = rest[1..].chars().take_while(|&c| is_mv_char(c)).count();
            if php_vars && PHP_SUPERGLOBALS.contains(&&rest[1..=n]) {
                out.push_str(&rest[..=n]);
            } else {
                out.push_str(var);
                out.push_str(MV);
                out.push_str(&rest[1..=n]);
            }
            i += 1 + n;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Undoes [`substitute_with`] in a piece of text (for string values written in a pattern).
fn restore(text: &str) -> String {
    let mut s = text.replace(ELLIPSIS, "...");
    s = s.replace(&format!("${MVE}"), MVE);
    s = s.replace(&format!("${MV}"), MV);
    s = s.replace(MVE, "$...");
    s.replace(MV, "$")
}

fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| {
            if l.len() >= indent {
                &l[indent..]
            } else {
                l.trim_start()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The children of a node that matter to matching: no comments, no extras, no punctuation.
/// Whether an argument is passed by name: Python's `f(a=1)`, Ruby's `f(a: 1)`, and C#'s and
/// PHP's named arguments (an `argument` with a `name`), which match in any order.
pub(crate) fn is_keyword_argument(node: Node<'_>, syntax: &Syntax) -> bool {
    syntax.is_keyword_argument(node.kind())
        || (node.kind() == "argument" && node.child_by_field_name("name").is_some())
}

pub(crate) fn significant_children<'t>(node: Node<'t>, syntax: &Syntax) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    let pair = node.kind() == "pair";
    node.children(&mut cursor)
        .filter(|c| {
            if c.is_extra() || c.is_missing() {
                return false;
            }
            let kind = c.kind();
            !syntax.is_comment(kind)
                && (c.is_named() || !PUNCTUATION.contains(&kind))
                // Ruby writes a hash pair `k: v` or `:k => v`: the same pair.
                && (!pair || !matches!(kind, ":" | "=>"))
        })
        .collect()
}

/// Decodes a string literal's value whatever its quoting; `None` when it has interpolations.
pub(crate) fn string_value(node: Node<'_>, src: &[u8]) -> Option<String> {
    if matches!(node.kind(), "heredoc" | "nowdoc") {
        return php_heredoc_value(node, src);
    }
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        if matches!(
            child.kind(),
            "interpolation"
                | "template_substitution"
                | "format_expression"
                // PHP: `"id=$id"`, `"{$a->b}"`, `"$a[0]"`; heredocs are not literals here.
                | "variable_name"
                | "dynamic_variable_name"
                | "member_access_expression"
                | "subscript_expression"
                | "expression"
                | "heredoc_body"
                | "nowdoc_body"
        ) {
            return None;
        }
    }
    let text = node.utf8_text(src).ok()?;
    Some(decode_literal(text))
}

/// The value of a PHP heredoc or nowdoc without interpolation: the lines between the tags,
/// less the closing tag's indentation (PHP 7.3's flexible heredoc).
fn php_heredoc_value(node: Node<'_>, src: &[u8]) -> Option<String> {
    let body = node.child_by_field_name("value")?;
    let mut cursor = body.walk();
    if body.named_children(&mut cursor).any(|c| {
        !matches!(
            c.kind(),
            "string_content" | "nowdoc_string" | "escape_sequence"
        )
    }) {
        return None;
    }
    let indent = node
        .child_by_field_name("end_tag")
        .map_or(0, |end| end.start_position().column);
    let text = body.utf8_text(src).ok()?;
    let text = text.strip_prefix('\n').unwrap_or(text);
    let text = text.strip_suffix('\n').unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|line| {
            let cut = line.len() - line.trim_start_matches([' ', '\t']).len();
            &line[cut.min(indent)..]
        })
        .collect();
    let value = lines.join("\n");
    Some(if node.kind() == "heredoc" && value.contains('\\') {
        decode_literal(&format!("\"{value}\""))
    } else {
        value
    })
}

/// Whether a string literal is an f-string (`f"..."`, `rf'...'`).
pub(crate) fn has_f_prefix(text: &str) -> bool {
    text.chars()
        .take_while(char::is_ascii_alphabetic)
        .any(|c| c == 'f' || c == 'F')
}

/// The content of Ruby's `%q(...)`, `%Q{...}` and `%(...)` (any bracket or repeated mark).
fn ruby_percent_literal(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('%')?;
    let rest = rest
        .strip_prefix('q')
        .or_else(|| rest.strip_prefix('Q'))
        .unwrap_or(rest);
    let open = rest.chars().next()?;
    let close = match open {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        '<' => '>',
        c if c.is_ascii_punctuation() => c,
        _ => return None,
    };
    rest.strip_prefix(open)?.strip_suffix(close)
}

/// The value of a string literal's source text.
pub(crate) fn decode_literal(text: &str) -> String {
    if let Some(inner) = ruby_percent_literal(text) {
        return inner.to_owned();
    }
    let prefix_len = text
        .chars()
        // C#'s `@"..."` (verbatim) and `$"..."` (interpolated) too.
        .take_while(|c| matches!(c, 'r' | 'R' | 'b' | 'B' | 'u' | 'U' | 'f' | 'F' | '@' | '$'))
        .count();
    let raw_prefix = text[..prefix_len].contains(['r', 'R', '@']);
    let mut body = &text[prefix_len..];
    // Rust's `r#"..."#`: as many `#` after the closing quote as before the opening one.
    let hashes = body.len() - body.trim_start_matches('#').len();
    if raw_prefix && hashes > 0 && body.len() >= 2 * hashes && body.ends_with(&body[..hashes]) {
        body = &body[hashes..body.len() - hashes];
    }
    let mut raw = raw_prefix;
    let mut inner = body;
    for q in ["\"\"\"", "'''", "\"", "'", "`"] {
        if body.len() >= 2 * q.len() && body.starts_with(q) && body.ends_with(q) {
            inner = &body[q.len()..body.len() - q.len()];
            raw |= q == "`" && !text.starts_with('`');
            break;
        }
    }
    if raw || !inner.contains('\\') {
        return inner.to_owned();
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('\n') => {}
            Some(escape @ ('x' | 'u')) => {
                let hex: String = chars
                    .by_ref()
                    .take(if escape == 'x' { 2 } else { 4 })
                    .collect();
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                } else {
                    out.push('\\');
                    out.push(escape);
                    out.push_str(&hex);
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

struct Converter<'a> {
    src: &'a [u8],
    syntax: &'a Syntax,
}

impl Converter<'_> {
    fn text(&self, node: Node<'_>) -> &str {
        node.utf8_text(self.src).unwrap_or("")
    }

    fn convert(&self, node: Node<'_>, depth: usize) -> Result<PNode, PatternError> {
        if depth > 200 {
            return Err(PatternError {
                line: node.start_position().row as u32 + 1,
                message: "the pattern is nested too deeply".into(),
            });
        }
        let text = self.text(node).trim().trim_end_matches(';').trim();
        // PHP writes metavariables as variables (`$__WARD_MV_X`).
        let text = text
            .strip_prefix('$')
            .filter(|t| t.starts_with("__WARD_"))
            .unwrap_or(text);
        if text == ELLIPSIS
            || text == ELLIPSIS_MEMBER
            || (matches!(node.kind(), "dictionary_splat" | "hash_splat_argument")
                && text.trim_start_matches('*') == ELLIPSIS)
        {
            return Ok(PNode::Ellipsis);
        }
        if let Some(name) = text.strip_prefix(MVE)
            && name.chars().all(is_mv_char)
        {
            return Ok(PNode::EllipsisVar(format!("$...{name}")));
        }
        if let Some(name) = text.strip_prefix(MV)
            && name.chars().all(is_mv_char)
        {
            return Ok(PNode::Metavar(format!("${name}")));
        }
        let kind = node.kind();
        if let Some((callee, args)) = self.syntax.call_fields(kind)
            && let (Some(callee), Some(args)) = (
                node.child_by_field_name(callee),
                node.child_by_field_name(args),
            )
            && self.text(callee) == DEEP
        {
            let mut inner = significant_children(args, self.syntax);
            // PHP wraps each argument in an `argument` node.
            while let [one] = inner.as_slice()
                && one.kind() == "argument"
            {
                inner = significant_children(*one, self.syntax);
            }
            if let [inner] = inner.as_slice() {
                return Ok(PNode::Deep(Box::new(self.convert(*inner, depth + 1)?)));
            }
        }
        if self.syntax.is_string(kind)
            && let Some(value) = string_value(node, self.src)
        {
            return Ok(PNode::Str(if value == ELLIPSIS {
                StrPat::Any {
                    // JavaScript's `` `...` `` is any template literal, as Python's f"..."
                    // is any f-string.
                    fstring: has_f_prefix(self.text(node)) || kind == "template_string",
                }
            } else if let Some(name) = value.strip_prefix('$').unwrap_or(&value).strip_prefix(MV)
                && name.chars().all(is_mv_char)
            {
                StrPat::Metavar(format!("${name}"))
            } else {
                StrPat::Value(restore(&value))
            }));
        }
        let children = significant_children(node, self.syntax);
        if children.is_empty() {
            let text = self.text(node).to_owned();
            let dotted = self.syntax.is_identifier(kind).then(|| text.clone());
            return Ok(PNode::Leaf {
                kind: node.kind_id(),
                text,
                dotted,
            });
        }
        let converted = children
            .iter()
            .map(|c| self.convert(*c, depth + 1))
            .collect::<Result<Vec<_>, _>>()?;
        let dotted = self.dotted(node);
        Ok(PNode::Node {
            kind: node.kind_id(),
            name: kind.to_owned(),
            children: converted,
            args: self.syntax.is_argument_list(kind),
            keyword: is_keyword_argument(node, self.syntax),
            dotted,
            member: self.syntax.member_fields(kind).is_some(),
        })
    }

    /// `a.b.c` made only of plain names (no metavariables).
    fn dotted(&self, node: Node<'_>) -> Option<String> {
        if self.syntax.is_identifier(node.kind()) {
            let t = self.text(node);
            return (!t.contains("__WARD_")).then(|| t.to_owned());
        }
        let (object, member) = self.syntax.member_fields(node.kind())?;
        let object = self.dotted(node.child_by_field_name(object)?)?;
        let member = node.child_by_field_name(member)?;
        if !self.syntax.is_identifier(member.kind()) {
            return None;
        }
        let member = self.text(member);
        (!member.contains("__WARD_")).then(|| format!("{object}.{member}"))
    }
}

/// Parses a pattern written for `lang`.
pub fn compile(text: &str, lang: Lang) -> Result<Pattern, PatternError> {
    let syntax = lang.syntax();
    let mut body = substitute_with(dedent(text).trim(), lang);
    if matches!(lang, Lang::Java | Lang::Php | Lang::CSharp | Lang::Rust) {
        // Statements end with `;` in Java, PHP, C# and Rust: a `...` line between statements
        // is one too, and so is a pattern written without its last `;`.
        body = body
            .lines()
            .map(|l| {
                if l.trim() == ELLIPSIS && lang == Lang::CSharp {
                    // C# takes no lone name as a statement; the placeholder assignment is one.
                    format!("{};", l.replace(ELLIPSIS, ELLIPSIS_MEMBER))
                } else if l.trim() == ELLIPSIS {
                    format!("{l};")
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        if !body.ends_with(';') && !body.ends_with('}') {
            body.push(';');
        }
    }
    // `{...}` alone is a block in JavaScript; a pattern means the object.
    let wrapped =
        matches!(lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx) && body.starts_with('{');
    if wrapped {
        body = format!("({body})");
    }
    let mut source = format!("{}{}{}", syntax.pattern_prefix, body, syntax.pattern_suffix);
    let prefix_lines = syntax.pattern_prefix.matches('\n').count() as u32;
    let parse = |source: &str| {
        ward_lang::parse(lang, source.as_bytes(), Duration::from_secs(5)).map_err(|e| {
            PatternError {
                line: 1,
                message: e.to_string(),
            }
        })
    };
    let mut parsed = parse(&source)?;
    // An expression that is no statement of its own in the language (C#'s `A.B;`) is parsed as
    // the argument of a call, and taken out of it again below.
    let mut as_argument = false;
    if !parsed.errors.is_empty() && !body.contains('\n') {
        let semicolon = if matches!(lang, Lang::Java | Lang::Php | Lang::CSharp | Lang::Rust) {
            ";"
        } else {
            ""
        };
        let retry_source = format!(
            "{}{EXPR}({}){semicolon}{}",
            syntax.pattern_prefix,
            body.trim_end_matches(';'),
            syntax.pattern_suffix
        );
        let retry = parse(&retry_source)?;
        if retry.errors.is_empty() {
            source = retry_source;
            parsed = retry;
            as_argument = true;
        }
    }
    if let Some(site) = parsed.errors.first() {
        return Err(PatternError {
            line: site.line.saturating_sub(prefix_lines).max(1),
            message: format!(
                "the pattern does not parse as {lang} (near line {}, column {})",
                site.line.saturating_sub(prefix_lines).max(1),
                site.column
            ),
        });
    }
    let root = parsed.tree.root_node();
    let container = if syntax.pattern_body.is_empty() {
        root
    } else {
        find_kind(root, syntax.pattern_body).ok_or_else(|| PatternError {
            line: 1,
            message: "the pattern does not parse as statements".into(),
        })?
    };
    let converter = Converter {
        src: source.as_bytes(),
        syntax,
    };
    let mut statements = significant_children(container, syntax);
    // Go wraps a block's statements in a `statement_list`.
    if let [only] = statements.as_slice()
        && only.kind() == "statement_list"
    {
        statements = significant_children(*only, syntax);
    }
    match statements.as_slice() {
        [] => Err(PatternError {
            line: 1,
            message: "empty pattern".into(),
        }),
        [one] => {
            let mut node = *one;
            // A lone expression statement is the expression: it matches wherever it appears.
            if syntax.expression_statements.contains(&node.kind()) {
                let inner = significant_children(node, syntax);
                if let [inner] = inner.as_slice() {
                    node = *inner;
                }
            }
            if as_argument
                && let Some((_, args)) = syntax.call_fields(node.kind())
                && let Some(args) = node.child_by_field_name(args)
            {
                let mut inner = significant_children(args, syntax);
                while let [one] = inner.as_slice()
                    && one.kind() == "argument"
                {
                    inner = significant_children(*one, syntax);
                }
                if let [one] = inner.as_slice() {
                    node = *one;
                }
            }
            if wrapped
                && node.kind() == "parenthesized_expression"
                && let [inner] = significant_children(node, syntax).as_slice()
            {
                node = *inner;
            }
            Ok(Pattern(Shape::Node(converter.convert(node, 0)?)))
        }
        many => Ok(Pattern(Shape::Sequence(
            many.iter()
                .map(|s| converter.convert(*s, 0))
                .collect::<Result<_, _>>()?,
        ))),
    }
}

fn find_kind<'t>(root: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.kind() == kind {
            return Some(node);
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitution_of_semgrep_syntax() {
        assert_eq!(
            substitute_with("foo($X, ..., $...REST, <... $Y ...>)", Lang::JavaScript),
            "foo(__WARD_MV_X, __WARD_ELLIPSIS__, __WARD_MVE_REST, __WARD_DEEP__( __WARD_MV_Y ))"
        );
        assert_eq!(
            substitute_with("\"...\"", Lang::JavaScript),
            "\"__WARD_ELLIPSIS__\""
        );
        assert_eq!(
            substitute_with("f(a={..., 'k': 1})", Lang::Python),
            "f(a={**__WARD_ELLIPSIS__, 'k': 1})"
        );
        // `$` not followed by a capital is code (jQuery's `$`, a shell `$x` in a string).
        assert_eq!(substitute_with("$(x) $y", Lang::JavaScript), "$(x) $y");
        // C#: `...` among member initialisers is an initialiser too.
        assert_eq!(
            substitute_with("new T { ..., A = false }", Lang::CSharp),
            "new T { __WARD_ELLIPSIS__ = __WARD_ELLIPSIS__, A = false }"
        );
        // PHP: metavariables stay variables; superglobals are code.
        assert_eq!(
            substitute_with("$DB->query($_GET[...], $x, $...REST)", Lang::Php),
            "$__WARD_MV_DB->query($_GET[__WARD_ELLIPSIS__], $x, $__WARD_MVE_REST)"
        );
        // Ruby: a hash item `...` is a double splat; a block's `{ ... }` stays as it is.
        assert_eq!(
            substitute_with("f({..., a: 1})", Lang::Ruby),
            "f({**__WARD_ELLIPSIS__, a: 1})"
        );
        assert_eq!(
            substitute_with("f { ... }", Lang::Ruby),
            "f { __WARD_ELLIPSIS__ }"
        );
    }

    #[test]
    fn literal_values_whatever_the_quoting() {
        assert_eq!(decode_literal("'abc'"), "abc");
        assert_eq!(decode_literal("\"a\\x41\\n\""), "aA\n");
        assert_eq!(decode_literal("r'a\\d'"), "a\\d");
        assert_eq!(decode_literal("'''x'''"), "x");
        assert_eq!(decode_literal("b\"x\""), "x");
        assert_eq!(decode_literal("`x`"), "x");
        assert_eq!(decode_literal("r#\"a\"b\"#"), "a\"b");
        assert_eq!(decode_literal("%q(a b)"), "a b");
        assert_eq!(decode_literal("%{x}"), "x");
    }

    #[test]
    fn patterns_compile_or_say_why_not() {
        assert!(matches!(
            compile("subprocess.call(..., shell=True)", Lang::Python),
            Ok(Pattern(Shape::Node(_)))
        ));
        assert!(matches!(
            compile("$X = $Y\n...\neval($X)", Lang::Python),
            Ok(Pattern(Shape::Sequence(s))) if s.len() == 3
        ));
        assert!(compile("$EL.innerHTML = $V", Lang::JavaScript).is_ok());
        assert!(compile("exec.Command($X)", Lang::Go).is_ok());
        assert!(compile("$R.exec($CMD)", Lang::Java).is_ok());
        // C# accepts `A.B` only as part of a statement: it is compiled as the expression.
        assert!(matches!(
            compile("DtdProcessing.Parse", Lang::CSharp),
            Ok(Pattern(Shape::Node(PNode::Node { name, .. }))) if name == "member_access_expression"
        ));
        // A `...` line between Java statements needs no `;` of its own.
        assert!(matches!(
            compile("$F = Factory.create();\n...\n$F.harden(true);", Lang::Java),
            Ok(Pattern(Shape::Sequence(s))) if s.len() == 3
        ));
        let err = compile("foo(((", Lang::Python).unwrap_err();
        assert!(err.message.contains("does not parse as python"), "{err:?}");
    }

    #[test]
    fn literals_for_the_prefilter() {
        let p = compile("subprocess.call($X, shell=True)", Lang::Python).unwrap();
        assert_eq!(p.literals(), ["True", "call", "shell"]);
        // Keywords are words a file must contain too; metavariables and operators are not.
        let p = compile("$X = False", Lang::Python).unwrap();
        assert_eq!(p.literals(), ["False"]);
    }
}
