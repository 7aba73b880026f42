//! Ward's SAST engine: rules in Semgrep's syntax, with Semgrep's semantics, on tree-sitter trees.
//!
//! This crate owns the rule model ([`rule`]: YAML with errors naming file, line and field), the
//! pattern language ([`pattern`]: code of the rule's language with metavariables and ellipses),
//! the matcher over one parsed file (each file is parsed once by `ward-lang` and every rule of
//! its language runs over that tree, after a required-literal prefilter), the formula operators
//! (`patterns`, `pattern-either`, `pattern-not`, `pattern-inside`, metavariable conditions,
//! `focus-metavariable`), taint mode within a function, and the annotation tests behind
//! `ward rules test` ([`ruletest`]). Built-in rules live in `rules/<language>/` as YAML beside an
//! annotated test file and are embedded at build time. It depends on `ward-core` and
//! `ward-lang` only: never on another engine, the pipeline, reports or the CLI.

use std::path::Path;
use std::time::{Duration, Instant};

use aho_corasick::AhoCorasick;
use ward_core::{
    Confidence, Detail, Engine, FileInput, FileOutput, Finding, Fingerprint, LineIndex, Location,
    RuleDoc, ScanError,
};
use ward_lang::Lang;

pub mod comparison;
mod constprop;
mod formula;
mod imports;
mod matcher;
pub mod pattern;
pub mod rule;
pub mod ruletest;
mod taint;

use matcher::{FileIndex, Match};
use pattern::Pattern;
pub use rule::RuleError;
use rule::{Formula, Mode, RuleSpec, Term};

/// The engine's name, in rule ids' `engine` field and `ward.toml` `[engines]`.
pub const ENGINE: &str = "sast";

/// How long one file may take (parse and match) before the engine stops and records it.
pub const DEFAULT_FILE_TIMEOUT: Duration = Duration::from_secs(10);

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// The built-in rule files (path under `rules/`, content), embedded at build time.
pub fn builtin_rule_files() -> &'static [(&'static str, &'static str)] {
    builtin::RULE_FILES
}

/// Whether a file name is a rule file (`.yaml`, `.yml`, any case).
fn is_rule_file(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// What a file must contain for a rule to possibly match (literals as indices into the
/// rule set's automaton; a `pattern-regex` by its own regex, run on the text before any parse).
#[derive(Debug, Clone)]
enum Req {
    True,
    Lit(usize),
    Regex(regex::Regex),
    All(Vec<Req>),
    Any(Vec<Req>),
}

impl Req {
    fn holds(&self, found: &[bool], text: &str) -> bool {
        match self {
            Req::True => true,
            Req::Lit(i) => found[*i],
            Req::Regex(re) => re.is_match(text),
            Req::All(items) => items.iter().all(|r| r.holds(found, text)),
            Req::Any(items) => items.iter().any(|r| r.holds(found, text)),
        }
    }

    /// Whether the requirement can rule a file out (it is not trivially true).
    #[cfg(test)]
    fn selects(&self) -> bool {
        match self {
            Req::True => false,
            Req::Lit(_) | Req::Regex(_) => true,
            Req::All(items) => items.iter().any(Req::selects),
            // An empty `Any` holds for no file (a pattern that cannot occur in the language).
            Req::Any(items) => items.iter().all(Req::selects),
        }
    }
}

struct LiteralTable {
    literals: Vec<String>,
}

impl LiteralTable {
    fn id(&mut self, lit: &str) -> usize {
        if let Some(i) = self.literals.iter().position(|l| l == lit) {
            return i;
        }
        self.literals.push(lit.to_owned());
        self.literals.len() - 1
    }

    fn formula(&mut self, f: &Formula<Pattern>) -> Req {
        match f {
            // Code that cannot occur in the language (JSX in a `.ts` file): no file qualifies.
            Formula::Pattern(p) if p.is_never() => Req::Any(Vec::new()),
            Formula::Pattern(p) => {
                Req::All(p.literals().iter().map(|l| Req::Lit(self.id(l))).collect())
            }
            Formula::Regex(re) => Req::Regex(re.clone()),
            Formula::Either(items) => {
                let reqs: Vec<Req> = items.iter().map(|i| self.formula(i)).collect();
                if reqs.iter().any(|r| matches!(r, Req::True)) {
                    Req::True
                } else {
                    Req::Any(reqs)
                }
            }
            Formula::All(terms) => Req::All(
                terms
                    .iter()
                    .filter_map(|t| match t {
                        Term::Positive(f) | Term::Inside(f) => Some(self.formula(f)),
                        Term::MetavarRegex { regex, .. } => self.regex_words(regex),
                        _ => None,
                    })
                    .collect(),
            ),
        }
    }

    /// What a `metavariable-regex` requires of the file: every match of `^(?:...)` starts with
    /// one of a finite set of literals (`^(exec|spawn)$`), and the bound code is text of the
    /// file, so one of them must occur. `None` when the set is infinite or has a literal too
    /// short to select anything.
    fn regex_words(&mut self, regex: &regex::Regex) -> Option<Req> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let hir = regex_syntax::parse(regex.as_str()).ok()?;
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
        let literals = seq.literals()?;
        if literals.is_empty() || literals.iter().any(|l| l.as_bytes().len() < 3) {
            return None;
        }
        let words: Vec<Req> = literals
            .iter()
            .filter_map(|l| std::str::from_utf8(l.as_bytes()).ok())
            .map(|l| Req::Lit(self.id(l)))
            .collect();
        (words.len() == literals.len()).then_some(Req::Any(words))
    }

    fn mode(&mut self, mode: &Mode<Pattern>) -> Req {
        match mode {
            Mode::Search(f) => self.formula(f),
            Mode::Taint(spec) => {
                let sources = Req::Any(spec.sources.iter().map(|f| self.formula(f)).collect());
                let sinks = Req::Any(spec.sinks.iter().map(|f| self.formula(f)).collect());
                Req::All(vec![sources, sinks])
            }
        }
    }
}

/// A rule ready to run: its specification and its patterns compiled for each of its languages.
#[derive(Debug)]
pub struct Rule {
    pub spec: RuleSpec,
    /// `<language>/<id>`, the id findings carry.
    pub full_id: String,
    compiled: Vec<(Lang, Mode<Pattern>, Req)>,
}

impl Rule {
    pub fn doc(&self) -> RuleDoc {
        let meta = &self.spec.metadata;
        RuleDoc {
            id: self.full_id.clone(),
            engine: ENGINE.to_owned(),
            title: meta.title.clone().unwrap_or_else(|| self.spec.id.clone()),
            severity: self.spec.severity,
            confidence: meta.confidence.unwrap_or(Confidence::Medium),
            description: meta
                .description
                .clone()
                .unwrap_or_else(|| self.spec.message.clone()),
            rationale: meta.rationale.clone().unwrap_or_default(),
            remediation: meta.remediation.clone().unwrap_or_default(),
            example: meta.example.clone(),
            cwe: cwe_ids(&meta.cwe),
            owasp: meta.owasp.clone(),
            references: meta.references.clone(),
        }
    }
}

/// `CWE-78: Improper Neutralization ...` -> `CWE-78`.
fn cwe_ids(cwe: &[String]) -> Vec<String> {
    cwe.iter()
        .map(|c| c.split(':').next().unwrap_or(c).trim().to_owned())
        .collect()
}

/// A set of rules, with the errors of the rules that could not be loaded.
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    errors: Vec<RuleError>,
    /// A hash of every rule file's name and text, in load order (the result cache's key).
    sources: ward_core::ConfigHasher,
    literals: Vec<String>,
    automaton: Option<AhoCorasick>,
}

impl RuleSet {
    /// The built-in rules.
    pub fn builtin() -> RuleSet {
        let mut set = RuleSet::default();
        for (path, text) in builtin_rule_files() {
            if is_rule_file(path) {
                set.add_file(&format!("rules/{path}"), text);
            }
        }
        set.finish();
        set
    }

    /// Rules from YAML texts (file name for messages, content).
    pub fn from_texts<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> RuleSet {
        let mut set = RuleSet::default();
        for (file, text) in files {
            set.add_file(file, text);
        }
        set.finish();
        set
    }

    /// Adds the rules of one YAML file. Invalid rules are recorded in [`RuleSet::errors`].
    pub fn add_file(&mut self, file: &str, text: &str) {
        self.sources.add(file).add(text);
        let loaded = rule::load_str(file, text);
        self.errors.extend(loaded.errors);
        for spec in loaded.rules {
            match compile_rule(spec) {
                Ok(rule) => {
                    if self.rules.iter().any(|r| r.full_id == rule.full_id) {
                        self.errors.push(RuleError {
                            file: rule.spec.file.clone(),
                            line: rule.spec.line,
                            rule: Some(rule.spec.id.clone()),
                            field: Some("id".into()),
                            message: format!(
                                "a rule `{}` is already loaded; this one is ignored",
                                rule.full_id
                            ),
                        });
                    } else {
                        self.rules.push(rule);
                    }
                }
                Err(e) => self.errors.push(e),
            }
        }
        self.errors
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    }

    /// Adds every `*.yaml`/`*.yml` file of a directory (not recursive), sorted by name.
    pub fn add_dir(&mut self, dir: &Path) -> std::io::Result<()> {
        let mut files: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        files.sort();
        for file in files {
            let name = file.display().to_string();
            match std::fs::read_to_string(&file) {
                Ok(text) => self.add_file(&name, &text),
                Err(e) => self.errors.push(RuleError {
                    file: name,
                    line: 0,
                    rule: None,
                    field: None,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
        Ok(())
    }

    /// Builds the prefilter once all rules are added.
    pub fn finish(&mut self) {
        let mut table = LiteralTable {
            literals: std::mem::take(&mut self.literals),
        };
        for rule in &mut self.rules {
            for (_, mode, req) in &mut rule.compiled {
                *req = table.mode(mode);
            }
        }
        self.literals = table.literals;
        self.automaton = AhoCorasick::new(&self.literals).ok();
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn errors(&self) -> &[RuleError] {
        &self.errors
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Runs the rules on one file's text. `path` is relative, `/`-separated (for `paths:`
    /// filters and the findings). `apply_paths` is off for rule tests.
    pub fn scan(&self, path: &str, text: &str, lang: Lang, limits: &Limits) -> FileResult {
        let mut result = FileResult::default();
        let candidates: Vec<(&Rule, &Mode<Pattern>, &Req)> = self
            .rules
            .iter()
            .filter(|r| !limits.apply_paths || r.spec.paths.applies(path))
            .flat_map(|r| {
                r.compiled
                    .iter()
                    .filter(|(l, _, _)| *l == lang)
                    .map(move |(_, m, q)| (r, m, q))
            })
            .collect();
        if candidates.is_empty() {
            return result;
        }
        let mut found = vec![false; self.literals.len()];
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text.as_bytes()) {
                found[m.pattern().as_usize()] = true;
            }
        }
        let candidates: Vec<_> = candidates
            .into_iter()
            .filter(|(_, _, req)| req.holds(&found, text))
            .collect();
        if candidates.is_empty() {
            return result;
        }
        let started = Instant::now();
        let parsed = match ward_lang::parse(lang, text.as_bytes(), limits.file_timeout) {
            Ok(parsed) => parsed,
            Err(e) => {
                result.timed_out = matches!(e, ward_lang::ParseError::TimedOut(_));
                result.errors.push(ScanError {
                    path: Some(path.to_owned()),
                    line: None,
                    engine: Some(ENGINE.to_owned()),
                    message: format!("{lang} file not analysed: {e}"),
                });
                return result;
            }
        };
        if let Some(first) = parsed.errors.first() {
            let more = parsed.errors.len() - 1;
            result.errors.push(ScanError {
                path: Some(path.to_owned()),
                line: Some(first.line),
                engine: Some(ENGINE.to_owned()),
                message: format!(
                    "{lang} syntax error at line {}, column {}{}; the rules ran on the code around it",
                    first.line,
                    first.column,
                    if more > 0 { format!(" (and {more} more)") } else { String::new() }
                ),
            });
        }
        let deadline = started + limits.file_timeout;
        let index = FileIndex::new(parsed.tree.root_node(), text.as_bytes(), lang, deadline);
        let lines = LineIndex::new(text.as_bytes());
        for (rule, mode, _) in candidates {
            if index.out_of_time() {
                break;
            }
            let hits: Vec<(Match<'_>, Option<ward_core::Dataflow>)> = match mode {
                Mode::Search(formula) => {
                    let mut matches = index.eval(formula);
                    formula::dedup(&mut matches);
                    matches.into_iter().map(|m| (m, None)).collect()
                }
                Mode::Taint(spec) => taint::run(&index, spec, &lines)
                    .into_iter()
                    .map(|(m, flow)| (m, Some(flow)))
                    .collect(),
            };
            if index.capped.replace(false) {
                result.errors.push(ScanError {
                    path: Some(path.to_owned()),
                    line: None,
                    engine: Some(ENGINE.to_owned()),
                    message: format!(
                        "rule {}: a pattern matched one place in {} ways, the most that are tried; findings of this rule in this file may be missing",
                        rule.full_id,
                        matcher::MAX_BINDINGS
                    ),
                });
            }
            for (hit, dataflow) in hits {
                result
                    .findings
                    .push(make_finding(rule, path, &index, &lines, &hit, dataflow));
            }
        }
        if index.cut.get() {
            result.timed_out = true;
            result.errors.push(ScanError {
                path: Some(path.to_owned()),
                line: None,
                engine: Some(ENGINE.to_owned()),
                message: format!(
                    "analysis stopped after {} ms (the per-file time limit); findings in this file may be missing",
                    limits.file_timeout.as_millis()
                ),
            });
        }
        result
    }
}

/// Limits of one file's analysis.
#[derive(Debug, Clone)]
pub struct Limits {
    pub file_timeout: Duration,
    /// Whether rules' `paths:` include/exclude apply (not in rule tests).
    pub apply_paths: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_timeout: DEFAULT_FILE_TIMEOUT,
            apply_paths: true,
        }
    }
}

/// The findings (with their fingerprint identities) and errors of one file.
#[derive(Debug, Default)]
pub struct FileResult {
    pub findings: Vec<(Finding, String)>,
    pub errors: Vec<ScanError>,
    /// The time limit stopped the analysis; the error saying so is the last of `errors`.
    pub timed_out: bool,
}

fn compile_rule(spec: RuleSpec) -> Result<Rule, RuleError> {
    let full_id = format!("{}/{}", spec.languages[0].name(), spec.id);
    let mut compiled = Vec::new();
    for &lang in &spec.languages {
        if lang.grammar().is_none() {
            continue;
        }
        let mut compile = |p: &rule::PatternText| {
            let compiled = pattern::compile(&p.text, lang);
            // JSX cannot occur in a `.ts` file: a pattern that only parses as TSX is left out
            // of the TypeScript grammar's rule.
            if compiled.is_err()
                && lang == Lang::TypeScript
                && pattern::compile(&p.text, Lang::Tsx).is_ok()
            {
                return Ok(Pattern::never());
            }
            compiled.map_err(|e| RuleError {
                file: spec.file.clone(),
                line: p.line + e.line.saturating_sub(1),
                rule: Some(spec.id.clone()),
                field: Some(p.field.to_owned()),
                message: format!("{} (pattern: `{}`)", e.message, first_line(&p.text)),
            })
        };
        let mode = match &spec.mode {
            Mode::Search(f) => Mode::Search(f.try_map(&mut compile)?),
            Mode::Taint(t) => Mode::Taint(t.try_map(&mut compile)?),
        };
        compiled.push((lang, mode, Req::True));
    }
    Ok(Rule {
        spec,
        full_id,
        compiled,
    })
}

fn first_line(text: &str) -> &str {
    text.trim().lines().next().unwrap_or("")
}

/// Replaces `$X` in a message by the code bound to it.
fn interpolate<'t>(message: &str, index: &FileIndex<'t>, hit: &Match<'t>) -> String {
    let mut names: Vec<&String> = hit.env.iter().map(|(n, _)| n).collect();
    // Longest first, so `$XY` is not replaced as `$X` + `Y`.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out = message.trim().to_owned();
    for name in names {
        if out.contains(name.as_str())
            && let Some(b) = matcher::lookup(&hit.env, name)
        {
            let mut text = index.binding_text(b);
            if text.chars().count() > 80 {
                text = text.chars().take(77).collect::<String>() + "...";
            }
            out = out.replace(name.as_str(), text.trim());
        }
    }
    out
}

fn make_finding<'t>(
    rule: &Rule,
    path: &str,
    index: &FileIndex<'t>,
    lines: &LineIndex<'_>,
    hit: &Match<'t>,
    dataflow: Option<ward_core::Dataflow>,
) -> (Finding, String) {
    let shown = index.reported_range(hit.range.clone());
    let span = lines.span(shown.start, shown.end);
    let mut snippet_lines = Vec::new();
    for line in span.start_line..=span.end_line.min(span.start_line + 4) {
        snippet_lines.push(String::from_utf8_lossy(lines.line_text(line)).into_owned());
    }
    let mut message = interpolate(&rule.spec.message, index, hit);
    if let Some(flow) = &dataflow {
        message = format!("{message} (data flow: {})", flow.summary());
    }
    let doc_meta = &rule.spec.metadata;
    let mut detail = Detail {
        dataflow,
        ..Detail::default()
    };
    if let Some(fix) = &rule.spec.fix {
        let fixed = interpolate(fix, index, hit);
        detail.extra.insert("fix".into(), fixed.into());
    }
    let code: String = String::from_utf8_lossy(&index.src[hit.range.clone()])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let identity = format!("{}\u{0}{code}", rule.full_id);
    let finding = Finding {
        rule_id: rule.full_id.clone(),
        engine: ENGINE.to_owned(),
        severity: rule.spec.severity,
        confidence: doc_meta.confidence.unwrap_or(Confidence::Medium),
        title: doc_meta
            .title
            .clone()
            .unwrap_or_else(|| rule.spec.id.clone()),
        message,
        location: Location {
            path: path.to_owned(),
            span,
            snippet: Some(snippet_lines.join("\n")),
        },
        cwe: cwe_ids(&doc_meta.cwe),
        owasp: doc_meta.owasp.clone(),
        remediation: doc_meta
            .remediation
            .as_ref()
            .map(|r| r.lines().next().unwrap_or("").trim().to_owned()),
        references: doc_meta.references.clone(),
        fingerprint: Fingerprint::default(),
        detail,
        suppressed: None,
        risk: None,
    };
    (finding, identity)
}

/// The SAST engine: built-in and project rules over every file of a supported language.
#[derive(Debug)]
pub struct SastEngine {
    rules: RuleSet,
    limits: Limits,
}

impl SastEngine {
    /// The built-in rules, plus the project's `.ward/rules/*.yaml` when `project_root` has them.
    pub fn new(project_root: Option<&Path>) -> SastEngine {
        let mut rules = RuleSet::builtin();
        if let Some(root) = project_root {
            let dir = root.join(".ward").join("rules");
            if dir.is_dir()
                && let Err(e) = rules.add_dir(&dir)
            {
                rules.errors.push(RuleError {
                    file: dir.display().to_string(),
                    line: 0,
                    rule: None,
                    field: None,
                    message: format!("cannot read the rule directory: {e}"),
                });
            }
            rules.finish();
        }
        SastEngine {
            rules,
            limits: Limits::default(),
        }
    }

    /// An engine with exactly these rules.
    pub fn with_rules(rules: RuleSet) -> SastEngine {
        SastEngine {
            rules,
            limits: Limits::default(),
        }
    }

    /// Sets the per-file time limit.
    #[must_use]
    pub fn with_file_timeout(mut self, timeout: Duration) -> SastEngine {
        self.limits.file_timeout = timeout;
        self
    }

    pub fn rule_set(&self) -> &RuleSet {
        &self.rules
    }
}

impl Engine for SastEngine {
    fn name(&self) -> &'static str {
        ENGINE
    }

    fn rules(&self) -> Vec<RuleDoc> {
        self.rules.rules.iter().map(Rule::doc).collect()
    }

    fn claims(&self, file: &FileInput<'_>) -> bool {
        Lang::detect(file.path, file.bytes).is_some_and(|l| l.grammar().is_some())
    }

    fn setup_errors(&self) -> Vec<ScanError> {
        self.rules
            .errors
            .iter()
            .map(|e| ScanError {
                path: Some(e.file.clone()),
                line: (e.line > 0).then_some(e.line),
                engine: Some(ENGINE.to_owned()),
                message: format!("rule not loaded: {e}"),
            })
            .collect()
    }

    fn config_hash(&self) -> Option<String> {
        let mut hasher = ward_core::ConfigHasher::new(ENGINE);
        hasher
            .add(self.rules.sources.finish())
            .add([u8::from(self.limits.apply_paths)]);
        Some(hasher.finish())
    }

    fn scan_file(&self, file: &FileInput<'_>, out: &mut FileOutput) {
        let Some(text) = file.text else {
            return;
        };
        let Some(lang) = Lang::detect(file.path, file.bytes) else {
            return;
        };
        // The pipeline's deadline (per-file limit, the scan's time budget) when it comes first.
        let mut limits = self.limits.clone();
        let mut pipeline_limited = false;
        if let Some(deadline) = out.deadline() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left < limits.file_timeout {
                limits.file_timeout = left;
                pipeline_limited = true;
            }
        }
        let mut result = self.rules.scan(file.path, text, lang, &limits);
        if result.timed_out {
            out.uncacheable();
            // The pipeline records its own cut, by file and engine.
            if pipeline_limited {
                result.errors.pop();
            }
        }
        for (finding, identity) in result.findings {
            out.finding(finding, identity);
        }
        for error in result.errors {
            out.error(error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule without required literals makes every file of its language be parsed; the
    /// built-in rules must each name something a file has to contain.
    #[test]
    fn every_builtin_rule_has_a_prefilter() {
        let set = RuleSet::builtin();
        let unfiltered: Vec<String> = set
            .rules
            .iter()
            .flat_map(|r| {
                r.compiled
                    .iter()
                    .filter(|(_, _, req)| !req.selects())
                    .map(|(lang, _, _)| format!("{} ({lang})", r.full_id))
            })
            // Reports SQL text in any method call (`prisma.$queryRawUnsafe`, ...): its only
            // requirement is a SQL keyword inside a string, which no literal prefix expresses.
            .filter(|id| !id.starts_with("javascript/sql-string-building "))
            .collect();
        assert!(unfiltered.is_empty(), "{unfiltered:#?}");
    }

    #[test]
    fn concatenated_literals_are_one_string() {
        let set = RuleSet::from_texts([(
            "r.yaml",
            "rules:\n  - id: r\n    languages: [javascript]\n    severity: ERROR\n    message: m\n    patterns:\n      - pattern: new RegExp($X)\n      - pattern-not: new RegExp(\"...\")\n",
        )]);
        let text =
            "new RegExp('^a' + 'b$');\nnew RegExp('^' + name);\nnew RegExp(('x') + 'y' + 'z');\n";
        let result = set.scan("a.js", text, Lang::JavaScript, &Limits::default());
        let lines: Vec<u32> = result
            .findings
            .iter()
            .map(|(f, _)| f.location.span.start_line)
            .collect();
        assert_eq!(lines, [2]);
    }

    fn lines_of(set: &RuleSet, path: &str, text: &str, lang: Lang) -> Vec<u32> {
        let result = set.scan(path, text, lang, &Limits::default());
        result
            .findings
            .iter()
            .map(|(f, _)| f.location.span.start_line)
            .collect()
    }

    /// Semgrep's constant propagation: a variable that must hold a constant string where it
    /// is read matches `"..."`; a parameter, a reassignment from a call, `+=`, a read before
    /// the definition, a loop that reassigns it or a global a function assigns do not. The
    /// expected lines are what Semgrep 1.182.0 reports on the same code and rules.
    #[test]
    fn variables_holding_constant_strings_match_string_patterns() {
        let set = RuleSet::from_texts([(
            "r.yaml",
            "rules:\n  - id: r\n    languages: [javascript]\n    severity: ERROR\n    message: m\n    patterns:\n      - pattern: new RegExp($X)\n      - pattern-not: new RegExp(\"...\")\n  - id: p\n    languages: [python]\n    severity: ERROR\n    message: m\n    patterns:\n      - pattern: re.compile($X)\n      - pattern-not: re.compile(\"abc\")\n",
        )]);
        let js = "\
var a = '[a-z]', b = a + '+' + a;
new RegExp(b);
function f(p) {
  new RegExp(p);
  new RegExp(a);
  let c = 'x';
  c += p;
  new RegExp(c);
  new RegExp(d);
  var d = 'late';
  let e = 'one';
  if (p) { e = 'two'; }
  new RegExp(e);
  let g = 'y';
  g = String(p);
  new RegExp(g);
}
var h = 'z';
function k() { h = location.hash; }
new RegExp(h);
";
        assert_eq!(lines_of(&set, "a.js", js, Lang::JavaScript), [4, 8, 9, 16]);
        let py = "\
import re
A = 'ab'
B = A + 'c'
def f(p, q):
    re.compile(B)
    x = 'ab'
    if q:
        x = p
    re.compile(x)
    y = 'a'
    y = y + 'bc'
    re.compile(y)
    for z in p:
        pass
    re.compile(z)
    z = 'abc'
    re.compile(z)
    w = 'abc'
    while q:
        re.compile(w)
        w = p
def g():
    global A
    A = input()
";
        assert_eq!(lines_of(&set, "a.py", py, Lang::Python), [5, 9, 15, 20]);
    }

    /// Every way a pattern matches one call is tried, up to a cap far above real code; past
    /// the cap the file's errors say findings may be missing.
    #[test]
    fn many_bindings_of_one_call_are_all_tried_and_the_cap_is_reported() {
        let set = RuleSet::from_texts([(
            "r.yaml",
            "rules:\n  - id: r\n    languages: [python]\n    severity: ERROR\n    message: m\n    patterns:\n      - pattern: f(..., $X, ...)\n      - metavariable-regex:\n          metavariable: $X\n          regex: ^last$\n",
        )]);
        let call = |n: usize| {
            let mut args: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
            args.push("last".to_owned());
            format!("f({})\n", args.join(", "))
        };
        let limits = Limits::default();
        // 50 arguments before the one the condition wants: under the cap.
        let long = set.scan("a.py", &call(50), Lang::Python, &limits);
        assert_eq!(long.findings.len(), 1);
        assert!(long.errors.is_empty(), "{:?}", long.errors);
        let capped = set.scan("b.py", &call(matcher::MAX_BINDINGS), Lang::Python, &limits);
        assert!(capped.findings.is_empty());
        assert!(
            capped
                .errors
                .iter()
                .any(|e| e.message.contains("python/r") && e.message.contains("may be missing")),
            "{:?}",
            capped.errors
        );
    }

    #[test]
    fn the_prefilter_skips_files_without_the_rule_s_words() {
        let set = RuleSet::from_texts([(
            "r.yaml",
            "rules:\n  - id: r\n    languages: [python]\n    severity: ERROR\n    message: m\n    pattern: $X = False\n",
        )]);
        let limits = Limits::default();
        // Not Python at all, and no `False`: not parsed, so no syntax error is recorded.
        let skipped = set.scan("a.py", "WARD-TEST-FINDING:high\n", Lang::Python, &limits);
        assert!(skipped.errors.is_empty() && skipped.findings.is_empty());
        let found = set.scan("b.py", "debug = False\n", Lang::Python, &limits);
        assert_eq!(found.findings.len(), 1);
    }
}
