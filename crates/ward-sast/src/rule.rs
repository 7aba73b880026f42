//! Semgrep rule files: YAML into [`RuleSpec`]s, with errors that name file, line, rule and field.
//!
//! An invalid rule is reported and left out; the other rules of the file still load.

use std::fmt;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use ward_core::{Confidence, Severity};
use ward_lang::Lang;

/// A rule that could not be loaded, or a rule file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RuleError {
    /// The rule file, as given.
    pub file: String,
    /// 1-based line of the offending field (0 when unknown).
    pub line: u32,
    /// The rule's id, when the error is inside a rule that has one.
    pub rule: Option<String>,
    /// The field concerned (`pattern-either`, `severity`, ...).
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        f.write_str(": ")?;
        if let Some(rule) = &self.rule {
            write!(f, "rule `{rule}`: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "`{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

/// A pattern as written: its text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternText {
    pub text: String,
    pub line: u32,
    /// The operator it came from (`pattern`, `pattern-inside`, ...), for messages.
    pub field: &'static str,
}

/// A formula of Semgrep's search operators, generic over how a pattern is held (text when
/// loaded, compiled per language when run).
#[derive(Debug, Clone)]
pub enum Formula<P> {
    /// `pattern`
    Pattern(P),
    /// `pattern-regex`
    Regex(regex::Regex),
    /// `pattern-either`: any of them.
    Either(Vec<Formula<P>>),
    /// `patterns`: all positive terms, minus the negative ones, filtered by the conditions.
    All(Vec<Term<P>>),
}

/// One item of `patterns`.
#[derive(Debug, Clone)]
pub enum Term<P> {
    /// `pattern`, `patterns`, `pattern-either`, `pattern-regex`.
    Positive(Formula<P>),
    /// `pattern-inside`.
    Inside(Formula<P>),
    /// `pattern-not`.
    Not(Formula<P>),
    /// `pattern-not-inside`.
    NotInside(Formula<P>),
    /// `pattern-not-regex`.
    NotRegex(regex::Regex),
    /// `metavariable-regex`: the bound text matches (left-anchored, as Semgrep).
    MetavarRegex { name: String, regex: regex::Regex },
    /// `metavariable-pattern`: the bound code matches a formula.
    MetavarPattern { name: String, formula: Formula<P> },
    /// `metavariable-comparison`.
    MetavarComparison(crate::comparison::Comparison),
    /// `focus-metavariable`: the finding is where the metavariable is.
    Focus(Vec<String>),
}

impl<P> Formula<P> {
    /// The same formula with each pattern converted; the first error stops.
    pub fn try_map<Q, E>(&self, f: &mut impl FnMut(&P) -> Result<Q, E>) -> Result<Formula<Q>, E> {
        Ok(match self {
            Formula::Pattern(p) => Formula::Pattern(f(p)?),
            Formula::Regex(r) => Formula::Regex(r.clone()),
            Formula::Either(items) => Formula::Either(
                items
                    .iter()
                    .map(|i| i.try_map(f))
                    .collect::<Result<_, _>>()?,
            ),
            Formula::All(terms) => Formula::All(
                terms
                    .iter()
                    .map(|t| {
                        Ok(match t {
                            Term::Positive(x) => Term::Positive(x.try_map(f)?),
                            Term::Inside(x) => Term::Inside(x.try_map(f)?),
                            Term::Not(x) => Term::Not(x.try_map(f)?),
                            Term::NotInside(x) => Term::NotInside(x.try_map(f)?),
                            Term::NotRegex(r) => Term::NotRegex(r.clone()),
                            Term::MetavarRegex { name, regex } => Term::MetavarRegex {
                                name: name.clone(),
                                regex: regex.clone(),
                            },
                            Term::MetavarPattern { name, formula } => Term::MetavarPattern {
                                name: name.clone(),
                                formula: formula.try_map(f)?,
                            },
                            Term::MetavarComparison(e) => Term::MetavarComparison(e.clone()),
                            Term::Focus(names) => Term::Focus(names.clone()),
                        })
                    })
                    .collect::<Result<_, E>>()?,
            ),
        })
    }
}

/// A taint propagator: data flows from `from` to `to` where the pattern matches.
#[derive(Debug, Clone)]
pub struct Propagator<P> {
    pub formula: Formula<P>,
    pub from: String,
    pub to: String,
}

/// `mode: taint`.
#[derive(Debug, Clone)]
pub struct TaintSpec<P> {
    pub sources: Vec<Formula<P>>,
    pub sinks: Vec<Formula<P>>,
    pub sanitizers: Vec<Formula<P>>,
    pub propagators: Vec<Propagator<P>>,
}

impl<P> TaintSpec<P> {
    pub fn try_map<Q, E>(&self, f: &mut impl FnMut(&P) -> Result<Q, E>) -> Result<TaintSpec<Q>, E> {
        let list = |items: &[Formula<P>], f: &mut dyn FnMut(&P) -> Result<Q, E>| {
            items
                .iter()
                .map(|i| i.try_map(&mut |p| f(p)))
                .collect::<Result<Vec<_>, E>>()
        };
        Ok(TaintSpec {
            sources: list(&self.sources, f)?,
            sinks: list(&self.sinks, f)?,
            sanitizers: list(&self.sanitizers, f)?,
            propagators: self
                .propagators
                .iter()
                .map(|p| {
                    Ok(Propagator {
                        formula: p.formula.try_map(f)?,
                        from: p.from.clone(),
                        to: p.to.clone(),
                    })
                })
                .collect::<Result<_, E>>()?,
        })
    }
}

/// What a rule looks for.
#[derive(Debug, Clone)]
pub enum Mode<P> {
    Search(Formula<P>),
    Taint(TaintSpec<P>),
}

/// The documentation and tags a rule carries in `metadata`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub cwe: Vec<String>,
    pub owasp: Vec<String>,
    pub confidence: Option<Confidence>,
    pub references: Vec<String>,
    /// Ward's documentation fields (other tools ignore unknown metadata).
    pub title: Option<String>,
    pub description: Option<String>,
    pub rationale: Option<String>,
    pub remediation: Option<String>,
    pub example: Option<String>,
}

/// `paths:` include and exclude globs, in Semgrep's gitignore-like sense.
#[derive(Debug, Clone, Default)]
pub struct Paths {
    pub include: Option<globset::GlobSet>,
    pub exclude: Option<globset::GlobSet>,
}

impl Paths {
    /// Whether a path (relative, `/`-separated) is in scope of the rule.
    pub fn applies(&self, path: &str) -> bool {
        if let Some(exclude) = &self.exclude
            && exclude.is_match(path)
        {
            return false;
        }
        self.include.as_ref().is_none_or(|i| i.is_match(path))
    }
}

/// One rule as loaded from YAML, its patterns still text.
#[derive(Debug, Clone)]
pub struct RuleSpec {
    /// The id as written in the file (what `ruleid:` annotations name).
    pub id: String,
    pub message: String,
    pub severity: Severity,
    pub languages: Vec<Lang>,
    pub metadata: Metadata,
    pub paths: Paths,
    pub fix: Option<String>,
    pub mode: Mode<PatternText>,
    /// The file and line the rule starts at.
    pub file: String,
    pub line: u32,
}

/// What loading a rule file gives: the valid rules and an error for each invalid one.
#[derive(Debug, Default)]
pub struct Loaded {
    pub rules: Vec<RuleSpec>,
    pub errors: Vec<RuleError>,
}

type Node<'a> = MarkedYaml<'a>;

fn line_of(node: &Node<'_>) -> u32 {
    node.span.start.line() as u32
}

fn scalar(node: &Node<'_>) -> Option<String> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) | YamlData::Representation(s, _, _) => {
            Some(s.to_string())
        }
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        YamlData::Tagged(_, inner) => scalar(inner),
        _ => None,
    }
}

fn entries<'b, 'a>(node: &'b Node<'a>) -> Option<Vec<(String, &'b Node<'a>, u32)>> {
    match &node.data {
        YamlData::Mapping(map) => Some(
            map.iter()
                .map(|(k, v)| (scalar(k).unwrap_or_default(), v, line_of(k)))
                .collect(),
        ),
        YamlData::Tagged(_, inner) => entries(inner),
        _ => None,
    }
}

fn sequence<'b, 'a>(node: &'b Node<'a>) -> Option<&'b Vec<Node<'a>>> {
    match &node.data {
        YamlData::Sequence(items) => Some(items),
        YamlData::Tagged(_, inner) => sequence(inner),
        _ => None,
    }
}

/// Builds errors for one rule.
struct Ctx<'f> {
    file: &'f str,
    rule: Option<String>,
}

impl Ctx<'_> {
    fn err(&self, line: u32, field: &str, message: impl Into<String>) -> RuleError {
        RuleError {
            file: self.file.to_owned(),
            line,
            rule: self.rule.clone(),
            field: (!field.is_empty()).then(|| field.to_owned()),
            message: message.into(),
        }
    }

    fn string(&self, node: &Node<'_>, field: &str) -> Result<String, RuleError> {
        scalar(node).ok_or_else(|| self.err(line_of(node), field, "expected a string"))
    }

    fn strings(&self, node: &Node<'_>, field: &str) -> Result<Vec<String>, RuleError> {
        if let Some(items) = sequence(node) {
            items.iter().map(|i| self.string(i, field)).collect()
        } else {
            Ok(vec![self.string(node, field)?])
        }
    }

    fn regex(&self, node: &Node<'_>, field: &str) -> Result<regex::Regex, RuleError> {
        let text = self.string(node, field)?;
        regex::RegexBuilder::new(&text)
            .multi_line(true)
            .size_limit(1 << 22)
            .build()
            .map_err(|e| self.err(line_of(node), field, format!("invalid regex: {e}")))
    }

    fn pattern(&self, node: &Node<'_>, field: &'static str) -> Result<PatternText, RuleError> {
        let text = self.string(node, field)?;
        if text.trim().is_empty() {
            return Err(self.err(line_of(node), field, "empty pattern"));
        }
        Ok(PatternText {
            text,
            line: line_of(node),
            field,
        })
    }

    /// A formula from one operator key and its value.
    fn formula_from(
        &self,
        key: &str,
        value: &Node<'_>,
        line: u32,
    ) -> Result<Option<Formula<PatternText>>, RuleError> {
        Ok(Some(match key {
            "pattern" => Formula::Pattern(self.pattern(value, "pattern")?),
            "pattern-regex" => Formula::Regex(self.regex(value, key)?),
            "pattern-either" => {
                let items = sequence(value)
                    .ok_or_else(|| self.err(line, key, "expected a list of patterns"))?;
                if items.is_empty() {
                    return Err(self.err(line, key, "empty list"));
                }
                Formula::Either(
                    items
                        .iter()
                        .map(|i| self.formula_item(i, key))
                        .collect::<Result<_, _>>()?,
                )
            }
            "patterns" => {
                let items = sequence(value)
                    .ok_or_else(|| self.err(line, key, "expected a list of operators"))?;
                let terms = items
                    .iter()
                    .map(|i| self.term(i))
                    .collect::<Result<Vec<_>, _>>()?;
                if !terms
                    .iter()
                    .any(|t| matches!(t, Term::Positive(_) | Term::Inside(_)))
                {
                    return Err(self.err(
                        line,
                        key,
                        "needs at least one positive operator (pattern, pattern-either, \
                         pattern-regex, patterns or pattern-inside)",
                    ));
                }
                Formula::All(terms)
            }
            _ => return Ok(None),
        }))
    }

    /// A list item that must be exactly one formula operator (`- pattern: ...`).
    fn formula_item(
        &self,
        node: &Node<'_>,
        parent: &str,
    ) -> Result<Formula<PatternText>, RuleError> {
        let line = line_of(node);
        if let Some(text) = scalar(node) {
            // Semgrep accepts a bare string as a pattern in some places.
            return Ok(Formula::Pattern(PatternText {
                text,
                line,
                field: "pattern",
            }));
        }
        let fields = entries(node)
            .ok_or_else(|| self.err(line, parent, "expected a mapping with one operator"))?;
        let mut found = None;
        for (key, value, key_line) in fields {
            match self.formula_from(&key, value, key_line)? {
                Some(f) if found.is_none() => found = Some(f),
                Some(_) => {
                    return Err(self.err(key_line, &key, "only one operator per list item"));
                }
                None if TAINT_ITEM_OPTIONS.contains(&key.as_str())
                    && parent.starts_with("pattern-s") => {}
                None => {
                    return Err(self.err(
                        key_line,
                        &key,
                        format!("unknown or misplaced operator under `{parent}` (expected pattern, patterns, pattern-either or pattern-regex)"),
                    ));
                }
            }
        }
        found.ok_or_else(|| self.err(line, parent, "no operator in this item"))
    }

    /// One item of `patterns`.
    fn term(&self, node: &Node<'_>) -> Result<Term<PatternText>, RuleError> {
        let line = line_of(node);
        let fields = entries(node)
            .ok_or_else(|| self.err(line, "patterns", "expected a mapping with one operator"))?;
        let [(key, value, key_line)] = fields.as_slice() else {
            return Err(self.err(line, "patterns", "each item must hold exactly one operator"));
        };
        let (key, value, key_line) = (key.as_str(), *value, *key_line);
        if let Some(formula) = self.formula_from(key, value, key_line)? {
            return Ok(Term::Positive(formula));
        }
        Ok(match key {
            "pattern-inside" => {
                Term::Inside(Formula::Pattern(self.pattern(value, "pattern-inside")?))
            }
            "pattern-not" => Term::Not(Formula::Pattern(self.pattern(value, "pattern-not")?)),
            "pattern-not-inside" => {
                Term::NotInside(Formula::Pattern(self.pattern(value, "pattern-not-inside")?))
            }
            "pattern-not-regex" => Term::NotRegex(self.regex(value, key)?),
            "metavariable-regex" => {
                let (name, rest) = self.metavariable(value, key_line, key)?;
                let regex = rest
                    .iter()
                    .find(|(k, _, _)| k == "regex")
                    .ok_or_else(|| self.err(key_line, key, "missing `regex`"))?;
                let text = self.string(regex.1, "regex")?;
                let regex = regex::RegexBuilder::new(&format!("^(?:{text})"))
                    .size_limit(1 << 22)
                    .build()
                    .map_err(|e| self.err(regex.2, "regex", format!("invalid regex: {e}")))?;
                Term::MetavarRegex { name, regex }
            }
            "metavariable-pattern" => {
                let (name, rest) = self.metavariable(value, key_line, key)?;
                let mut formula = None;
                for (k, v, l) in rest {
                    match k.as_str() {
                        "language" => {
                            let language = self.string(v, "language")?;
                            if !language.eq_ignore_ascii_case("generic")
                                && Lang::from_name(&language).is_none()
                            {
                                return Err(self.err(
                                    l,
                                    "language",
                                    format!("unknown language `{language}`"),
                                ));
                            }
                            if language.eq_ignore_ascii_case("generic") {
                                return Err(self.err(
                                    l,
                                    "language",
                                    "the `generic` language is not supported yet",
                                ));
                            }
                        }
                        _ => match self.formula_from(&k, v, l)? {
                            Some(f) if formula.is_none() => formula = Some(f),
                            _ => {
                                return Err(self.err(
                                    l,
                                    &k,
                                    "unexpected field in metavariable-pattern",
                                ));
                            }
                        },
                    }
                }
                let formula = formula.ok_or_else(|| {
                    self.err(
                        key_line,
                        key,
                        "needs pattern, patterns, pattern-either or pattern-regex",
                    )
                })?;
                Term::MetavarPattern { name, formula }
            }
            "metavariable-comparison" => {
                let fields =
                    entries(value).ok_or_else(|| self.err(key_line, key, "expected a mapping"))?;
                let comparison = fields
                    .iter()
                    .find(|(k, _, _)| k == "comparison")
                    .ok_or_else(|| self.err(key_line, key, "missing `comparison`"))?;
                let text = self.string(comparison.1, "comparison")?;
                let expr = crate::comparison::Expr::parse(&text).map_err(|e| {
                    self.err(
                        comparison.2,
                        "comparison",
                        format!("cannot read `{text}`: {e}"),
                    )
                })?;
                let mut comparison = crate::comparison::Comparison {
                    expr,
                    metavariable: None,
                    strip: false,
                    base: None,
                };
                for (k, v, l) in &fields {
                    match k.as_str() {
                        "comparison" => {}
                        "metavariable" => {
                            let name = self.string(v, k)?;
                            check_metavariable(&name).map_err(|m| self.err(*l, k, m))?;
                            comparison.metavariable = Some(name);
                        }
                        "strip" => {
                            comparison.strip =
                                match scalar(v).map(|b| b.to_ascii_lowercase()).as_deref() {
                                    Some("true") => true,
                                    Some("false") => false,
                                    _ => return Err(self.err(*l, k, "expected true or false")),
                                };
                        }
                        "base" => {
                            comparison.base = scalar(v)
                                .and_then(|b| b.parse::<u32>().ok())
                                .filter(|b| (2..=36).contains(b))
                                .map(Some)
                                .ok_or_else(|| {
                                    self.err(*l, k, "expected an integer base from 2 to 36")
                                })?;
                        }
                        _ => {
                            return Err(self.err(
                                *l,
                                k,
                                "unknown field in metavariable-comparison",
                            ));
                        }
                    }
                }
                if comparison.strip && comparison.metavariable.is_none() {
                    return Err(self.err(key_line, key, "`strip: true` needs `metavariable`"));
                }
                Term::MetavarComparison(comparison)
            }
            "focus-metavariable" => {
                let names = self.strings(value, key)?;
                for name in &names {
                    check_metavariable(name).map_err(|m| self.err(key_line, key, m))?;
                }
                Term::Focus(names)
            }
            "metavariable-analysis"
            | "pattern-where-python"
            | "semgrep-internal-metavariable-name" => {
                return Err(self.err(key_line, key, "this operator is not supported by Ward"));
            }
            other => {
                return Err(self.err(
                    key_line,
                    other,
                    "unknown operator (expected one of: pattern, patterns, pattern-either, \
                     pattern-regex, pattern-not, pattern-inside, pattern-not-inside, \
                     pattern-not-regex, metavariable-regex, metavariable-pattern, \
                     metavariable-comparison, focus-metavariable)",
                ));
            }
        })
    }

    #[allow(clippy::type_complexity)]
    fn metavariable<'b, 'a>(
        &self,
        value: &'b Node<'a>,
        line: u32,
        key: &str,
    ) -> Result<(String, Vec<(String, &'b Node<'a>, u32)>), RuleError> {
        let fields = entries(value).ok_or_else(|| self.err(line, key, "expected a mapping"))?;
        let (_, node, l) = fields
            .iter()
            .find(|(k, _, _)| k == "metavariable")
            .ok_or_else(|| self.err(line, key, "missing `metavariable`"))?;
        let name = self.string(node, "metavariable")?;
        check_metavariable(&name).map_err(|m| self.err(*l, "metavariable", m))?;
        let rest = fields
            .into_iter()
            .filter(|(k, _, _)| k != "metavariable")
            .collect();
        Ok((name, rest))
    }

    fn taint_list(
        &self,
        node: &Node<'_>,
        line: u32,
        key: &str,
    ) -> Result<Vec<Formula<PatternText>>, RuleError> {
        let items = sequence(node).ok_or_else(|| self.err(line, key, "expected a list"))?;
        items.iter().map(|i| self.formula_item(i, key)).collect()
    }
}

/// Options of a taint source/sink item that Ward reads past (they refine Semgrep's pro engine).
const TAINT_ITEM_OPTIONS: &[&str] = &[
    "by-side-effect",
    "exact",
    "label",
    "requires",
    "control",
    "not-conflicting",
];

fn check_metavariable(name: &str) -> Result<(), String> {
    let ok = name.strip_prefix('$').is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a metavariable (`$` and capitals, e.g. `$CMD`)"
        ))
    }
}

fn severity(text: &str) -> Option<Severity> {
    Some(match text.to_ascii_uppercase().as_str() {
        "INFO" | "INVENTORY" | "EXPERIMENT" => Severity::Info,
        "LOW" => Severity::Low,
        "WARNING" | "MEDIUM" => Severity::Medium,
        "ERROR" | "HIGH" => Severity::High,
        "CRITICAL" => Severity::Critical,
        _ => return None,
    })
}

fn path_globs(ctx: &Ctx<'_>, node: &Node<'_>, field: &str) -> Result<globset::GlobSet, RuleError> {
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in ctx.strings(node, field)? {
        let pattern = pattern.trim().trim_end_matches('/');
        let forms: Vec<String> = if let Some(anchored) = pattern.strip_prefix('/') {
            vec![anchored.to_owned(), format!("{anchored}/**")]
        } else {
            vec![
                pattern.to_owned(),
                format!("{pattern}/**"),
                format!("**/{pattern}"),
                format!("**/{pattern}/**"),
            ]
        };
        for form in forms {
            let glob = globset::GlobBuilder::new(&form)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    ctx.err(
                        line_of(node),
                        field,
                        format!("invalid glob `{pattern}`: {e}"),
                    )
                })?;
            builder.add(glob);
        }
    }
    builder
        .build()
        .map_err(|e| ctx.err(line_of(node), field, e.to_string()))
}

fn metadata(ctx: &Ctx<'_>, node: &Node<'_>) -> Result<Metadata, RuleError> {
    let mut meta = Metadata::default();
    let Some(fields) = entries(node) else {
        return Err(ctx.err(line_of(node), "metadata", "expected a mapping"));
    };
    for (key, value, line) in fields {
        let one = |field: &str| ctx.string(value, field);
        match key.as_str() {
            "cwe" => meta.cwe = ctx.strings(value, "cwe")?,
            "owasp" => meta.owasp = ctx.strings(value, "owasp")?,
            "references" => meta.references = ctx.strings(value, "references")?,
            "confidence" => {
                let text = one("confidence")?;
                meta.confidence = Some(match text.to_ascii_uppercase().as_str() {
                    "HIGH" => Confidence::High,
                    "MEDIUM" => Confidence::Medium,
                    "LOW" => Confidence::Low,
                    _ => {
                        return Err(ctx.err(
                            line,
                            "confidence",
                            format!("unknown confidence `{text}` (LOW, MEDIUM, HIGH)"),
                        ));
                    }
                });
            }
            "title" => meta.title = Some(one("title")?),
            "description" => meta.description = Some(one("description")?),
            "rationale" => meta.rationale = Some(one("rationale")?),
            "remediation" => meta.remediation = Some(one("remediation")?),
            "example" => meta.example = Some(one("example")?),
            // Other metadata is free-form, as in Semgrep.
            _ => {}
        }
    }
    Ok(meta)
}

const RULE_FIELDS: &[&str] = &[
    "id",
    "message",
    "severity",
    "languages",
    "metadata",
    "paths",
    "fix",
    "fix-regex",
    "mode",
    "options",
    "min-version",
    "max-version",
    "pattern",
    "patterns",
    "pattern-either",
    "pattern-regex",
    "pattern-sources",
    "pattern-sinks",
    "pattern-sanitizers",
    "pattern-propagators",
];

fn rule(file: &str, node: &Node<'_>) -> Result<RuleSpec, RuleError> {
    let start = line_of(node);
    let mut ctx = Ctx { file, rule: None };
    let fields =
        entries(node).ok_or_else(|| ctx.err(start, "rules", "each rule must be a mapping"))?;
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _, _)| k == name)
            .map(|(_, v, l)| (*v, *l))
    };
    let (id_node, _) = get("id").ok_or_else(|| ctx.err(start, "id", "missing"))?;
    let id = ctx.string(id_node, "id")?;
    ctx.rule = Some(id.clone());
    for (key, _, line) in &fields {
        if !RULE_FIELDS.contains(&key.as_str()) {
            return Err(ctx.err(*line, key, "unknown field"));
        }
    }
    let (message, _) = get("message").ok_or_else(|| ctx.err(start, "message", "missing"))?;
    let message = ctx.string(message, "message")?;
    let (sev_node, sev_line) =
        get("severity").ok_or_else(|| ctx.err(start, "severity", "missing"))?;
    let sev_text = ctx.string(sev_node, "severity")?;
    let severity = severity(&sev_text).ok_or_else(|| {
        ctx.err(
            sev_line,
            "severity",
            format!(
                "unknown severity `{sev_text}` (INFO, WARNING, ERROR, LOW, MEDIUM, HIGH, CRITICAL)"
            ),
        )
    })?;
    let (langs_node, langs_line) =
        get("languages").ok_or_else(|| ctx.err(start, "languages", "missing"))?;
    let mut languages = Vec::new();
    for name in ctx.strings(langs_node, "languages")? {
        let lang = Lang::from_name(&name).ok_or_else(|| {
            ctx.err(
                langs_line,
                "languages",
                format!("unsupported language `{name}`"),
            )
        })?;
        for &covered in lang.covers() {
            if !languages.contains(&covered) {
                languages.push(covered);
            }
        }
    }
    if languages.is_empty() {
        return Err(ctx.err(langs_line, "languages", "empty list"));
    }
    let metadata = match get("metadata") {
        Some((node, _)) => metadata(&ctx, node)?,
        None => Metadata::default(),
    };
    let mut paths = Paths::default();
    if let Some((node, line)) = get("paths") {
        let fields = entries(node).ok_or_else(|| ctx.err(line, "paths", "expected a mapping"))?;
        for (key, value, l) in fields {
            match key.as_str() {
                "include" => paths.include = Some(path_globs(&ctx, value, "include")?),
                "exclude" => paths.exclude = Some(path_globs(&ctx, value, "exclude")?),
                _ => {
                    return Err(ctx.err(l, &key, "unknown field under `paths` (include, exclude)"));
                }
            }
        }
    }
    let fix = get("fix").map(|(n, _)| ctx.string(n, "fix")).transpose()?;
    let mode_text = get("mode")
        .map(|(n, _)| ctx.string(n, "mode"))
        .transpose()?
        .unwrap_or_else(|| "search".to_owned());
    let mode = match mode_text.as_str() {
        "search" => {
            let mut formula = None;
            for (key, value, line) in &fields {
                if let Some(f) = ctx.formula_from(key, value, *line)? {
                    if formula.is_some() {
                        return Err(ctx.err(
                            *line,
                            key,
                            "a rule has exactly one top-level pattern operator",
                        ));
                    }
                    formula = Some(f);
                }
                if key.starts_with("pattern-s")
                    || key == "pattern-propagators"
                    || key == "pattern-sanitizers"
                {
                    return Err(ctx.err(*line, key, "only allowed with `mode: taint`"));
                }
            }
            Mode::Search(formula.ok_or_else(|| {
                ctx.err(
                    start,
                    "pattern",
                    "missing: a rule needs pattern, patterns, pattern-either or pattern-regex",
                )
            })?)
        }
        "taint" => {
            let list = |name: &str| -> Result<Vec<Formula<PatternText>>, RuleError> {
                match get(name) {
                    Some((node, line)) => ctx.taint_list(node, line, name),
                    None => Ok(Vec::new()),
                }
            };
            let sources = list("pattern-sources")?;
            let sinks = list("pattern-sinks")?;
            if sources.is_empty() {
                return Err(ctx.err(
                    start,
                    "pattern-sources",
                    "missing: taint mode needs sources",
                ));
            }
            if sinks.is_empty() {
                return Err(ctx.err(start, "pattern-sinks", "missing: taint mode needs sinks"));
            }
            let sanitizers = list("pattern-sanitizers")?;
            let mut propagators = Vec::new();
            if let Some((node, line)) = get("pattern-propagators") {
                let items = sequence(node)
                    .ok_or_else(|| ctx.err(line, "pattern-propagators", "expected a list"))?;
                for item in items {
                    let l = line_of(item);
                    let fields = entries(item)
                        .ok_or_else(|| ctx.err(l, "pattern-propagators", "expected a mapping"))?;
                    let mut formula = None;
                    let mut from = None;
                    let mut to = None;
                    for (k, v, kl) in fields {
                        match k.as_str() {
                            "from" => from = Some(ctx.string(v, "from")?),
                            "to" => to = Some(ctx.string(v, "to")?),
                            "by-side-effect" | "label" | "requires" | "replace-labels" => {}
                            _ => match ctx.formula_from(&k, v, kl)? {
                                Some(f) => formula = Some(f),
                                None => {
                                    return Err(ctx.err(kl, &k, "unknown field in a propagator"));
                                }
                            },
                        }
                    }
                    propagators.push(Propagator {
                        formula: formula
                            .ok_or_else(|| ctx.err(l, "pattern-propagators", "missing pattern"))?,
                        from: from.ok_or_else(|| ctx.err(l, "from", "missing"))?,
                        to: to.ok_or_else(|| ctx.err(l, "to", "missing"))?,
                    });
                }
            }
            for (key, _, line) in &fields {
                if ["pattern", "patterns", "pattern-either", "pattern-regex"]
                    .contains(&key.as_str())
                {
                    return Err(ctx.err(
                        *line,
                        key,
                        "not allowed with `mode: taint` (use pattern-sources and pattern-sinks)",
                    ));
                }
            }
            Mode::Taint(TaintSpec {
                sources,
                sinks,
                sanitizers,
                propagators,
            })
        }
        other => {
            return Err(ctx.err(
                get("mode").map_or(start, |(_, l)| l),
                "mode",
                format!("unsupported mode `{other}` (search, taint)"),
            ));
        }
    };
    Ok(RuleSpec {
        id,
        message,
        severity,
        languages,
        metadata,
        paths,
        fix,
        mode,
        file: file.to_owned(),
        line: start,
    })
}

/// Loads the rules of one YAML file (`rules: [...]`). `file` names it in errors.
pub fn load_str(file: &str, text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    let ctx = Ctx { file, rule: None };
    let docs = match MarkedYaml::load_from_str(text) {
        Ok(docs) => docs,
        Err(e) => {
            loaded.errors.push(ctx.err(
                e.marker().line() as u32,
                "",
                format!("invalid YAML: {}", e.info()),
            ));
            return loaded;
        }
    };
    for doc in &docs {
        let Some(fields) = entries(doc) else {
            if !matches!(doc.data, YamlData::Value(Scalar::Null)) {
                loaded.errors.push(ctx.err(
                    line_of(doc),
                    "rules",
                    "expected a mapping with a `rules` list",
                ));
            }
            continue;
        };
        let Some((_, rules, line)) = fields.iter().find(|(k, _, _)| k == "rules") else {
            loaded.errors.push(ctx.err(
                line_of(doc),
                "rules",
                "missing: a rule file holds a `rules:` list",
            ));
            continue;
        };
        let Some(items) = sequence(rules) else {
            loaded
                .errors
                .push(ctx.err(*line, "rules", "expected a list"));
            continue;
        };
        for item in items {
            match rule(file, item) {
                Ok(rule) => loaded.rules.push(rule),
                Err(e) => loaded.errors.push(e),
            }
        }
    }
    loaded
}
