//! Reachability: whether the project's own code can reach the vulnerable code of a dependency.
//!
//! RustSec and the Go database name the affected functions (`smallvec::SmallVec::insert_many`,
//! `golang.org/x/net/html.Parse`). The project's Rust and Go files are parsed (`ward-lang`, one
//! parse per file, only files that mention a name that matters) and their paths, calls and
//! method calls compared with those functions, through `use` declarations and import aliases.
//! For Python and JavaScript/TypeScript the question is whether the package is imported at all.
//!
//! The answer is syntactic, and leans to "reachable": a method call of the affected name on a
//! value of unknown type counts when the file uses the crate or package. "Not reachable" is
//! only said when it can be defended: the affected functions are known (or, for a package-level
//! answer, nothing imports the package), every file of the language parsed without errors, and
//! the lockfile records the dependency graph and no other package depends on the vulnerable one
//! (another package could call it, and its code is not here). Otherwise: unknown.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use ward_core::{LineIndex, Location, Reachability, Span};
use ward_lang::Lang;
use ward_lang::tree_sitter::Node;

/// Source files larger than this are not read for reachability (generated code).
const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;
const PARSE_LIMIT: Duration = Duration::from_secs(10);
/// Call sites kept per finding.
const MAX_SITES: usize = 10;

/// The languages whose files the engine records for reachability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SourceKind {
    Rust,
    Go,
    Python,
    Js,
}

impl SourceKind {
    /// The kind of a source file, by extension.
    pub(crate) fn of(path: &str) -> Option<SourceKind> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "rs" => SourceKind::Rust,
            "go" => SourceKind::Go,
            "py" | "pyw" => SourceKind::Python,
            "js" | "jsx" | "mjs" | "cjs" | "ts" | "mts" | "cts" | "tsx" => SourceKind::Js,
            _ => return None,
        })
    }

    /// The kind of source that uses packages of an OSV ecosystem.
    pub(crate) fn of_ecosystem(ecosystem: &str) -> Option<SourceKind> {
        Some(match ecosystem {
            "crates.io" => SourceKind::Rust,
            "Go" => SourceKind::Go,
            "PyPI" => SourceKind::Python,
            "npm" => SourceKind::Js,
            _ => return None,
        })
    }
}

/// One recorded source file: its path in findings and on disk.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub path: String,
    pub fs_path: PathBuf,
}

/// What one file says that matters here.
#[derive(Debug, Default)]
struct Facts {
    /// The parser had to recover from an error: something may be missing.
    errors: bool,
    /// Rust: `use` aliases (local name -> full path), glob imports (`a::b::*` -> `a::b`).
    uses: HashMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
    /// Rust: path references (`a::b::c`) and plain calls (`f(..)`), as segments.
    paths: Vec<(Vec<String>, Site)>,
    /// Rust and Go: method calls and selectors (`x.name`), by name; Go: with the operand.
    methods: Vec<(String, Option<String>, Site)>,
    /// Rust: first segments of every path (the crates a file names).
    mentions: Vec<String>,
    /// Go: imports (local name, path); Python and JS: the module or package imported.
    imports: Vec<(String, String, Site)>,
}

#[derive(Debug, Clone, Copy)]
struct Site {
    line: u32,
    column: u32,
    end_column: u32,
}

/// The analysis of one scan's source files, parsed on demand and kept.
#[derive(Debug, Default)]
pub(crate) struct Project {
    files: HashMap<SourceKind, Vec<SourceFile>>,
    facts: HashMap<String, Option<Facts>>,
    texts: HashMap<String, String>,
}

/// What the analysis concluded for one finding.
#[derive(Debug)]
pub(crate) struct Verdict {
    pub reachability: Reachability,
    pub sites: Vec<Location>,
}

impl Project {
    pub(crate) fn new(files: Vec<SourceFile>) -> Project {
        let mut by_kind: HashMap<SourceKind, Vec<SourceFile>> = HashMap::new();
        for file in files {
            if let Some(kind) = SourceKind::of(&file.path) {
                by_kind.entry(kind).or_default().push(file);
            }
        }
        for list in by_kind.values_mut() {
            list.sort_by(|a, b| a.path.cmp(&b.path));
            list.dedup_by(|a, b| a.path == b.path);
        }
        Project {
            files: by_kind,
            facts: HashMap::new(),
            texts: HashMap::new(),
        }
    }

    /// Decides one vulnerable package: `functions` as the advisories name them, `required_by`
    /// the packages of the lockfile that depend on it (`None`: the lockfile has no graph).
    pub(crate) fn decide(
        &mut self,
        ecosystem: &str,
        package: &str,
        functions: &[String],
        required_by: Option<usize>,
    ) -> Option<Verdict> {
        let kind = SourceKind::of_ecosystem(ecosystem)?;
        let files = self.files.get(&kind).cloned().unwrap_or_default();
        if files.is_empty() {
            return Some(Verdict {
                reachability: Reachability::Unknown,
                sites: Vec::new(),
            });
        }
        let words = prefilter_words(kind, package, functions);
        let mut sites = Vec::new();
        let mut incomplete = false;
        for file in &files {
            let Some(text) = self.text(file) else {
                incomplete = true;
                continue;
            };
            if !words
                .iter()
                .any(|w| memchr::memmem::find(text.as_bytes(), w.as_bytes()).is_some())
            {
                continue;
            }
            let Some(facts) = self.facts(kind, file) else {
                incomplete = true;
                continue;
            };
            incomplete |= facts.errors;
            let found = match kind {
                SourceKind::Rust => rust_sites(facts, package, functions),
                SourceKind::Go => go_sites(facts, functions),
                SourceKind::Python => python_sites(facts, package),
                SourceKind::Js => js_sites(facts, package),
            };
            let text = &self.texts[&file.path];
            let lines = LineIndex::new(text.as_bytes());
            for site in found {
                if sites.len() < MAX_SITES {
                    sites.push(location(&file.path, &lines, site));
                }
            }
        }
        if !sites.is_empty() {
            return Some(Verdict {
                reachability: Reachability::Reachable,
                sites,
            });
        }
        // Rust and Go findings are judged by the functions named; without them, whether the
        // crate or module is used at all is the only question, as for Python and JS.
        let function_level = matches!(kind, SourceKind::Rust | SourceKind::Go);
        let mut used_at_all = false;
        if function_level && functions.is_empty() {
            let mentioned = self.mentioned(kind, &files, package);
            incomplete |= mentioned.is_none();
            used_at_all = mentioned.unwrap_or(true);
        }
        let reachability = if incomplete || used_at_all || required_by != Some(0) {
            Reachability::Unknown
        } else {
            Reachability::NotReachable
        };
        Some(Verdict {
            reachability,
            sites: Vec::new(),
        })
    }

    /// Whether any file names the crate or imports the module (`None`: a file could not be
    /// read or parsed).
    fn mentioned(&mut self, kind: SourceKind, files: &[SourceFile], package: &str) -> Option<bool> {
        let crate_name = package.replace('-', "_");
        for file in files {
            let text = self.text(file)?;
            let word = match kind {
                SourceKind::Go => package.rsplit('/').next().unwrap_or(package),
                _ => crate_name.as_str(),
            };
            if memchr::memmem::find(text.as_bytes(), word.as_bytes()).is_none() {
                continue;
            }
            let facts = self.facts(kind, file)?;
            let used = match kind {
                SourceKind::Rust => facts.mentions.contains(&crate_name),
                SourceKind::Go => facts.imports.iter().any(|(_, path, _)| {
                    path == package || path.starts_with(&format!("{package}/"))
                }),
                _ => false,
            };
            if used {
                return Some(true);
            }
        }
        Some(false)
    }

    fn text(&mut self, file: &SourceFile) -> Option<&str> {
        if !self.texts.contains_key(&file.path) {
            let meta = std::fs::symlink_metadata(&file.fs_path).ok()?;
            if !meta.is_file() || meta.len() > MAX_SOURCE_BYTES {
                return None;
            }
            let bytes = std::fs::read(&file.fs_path).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            self.texts.insert(file.path.clone(), text);
        }
        self.texts.get(&file.path).map(String::as_str)
    }

    fn facts(&mut self, kind: SourceKind, file: &SourceFile) -> Option<&Facts> {
        if !self.facts.contains_key(&file.path) {
            let text = self.texts.get(&file.path)?;
            let facts = read_facts(kind, &file.path, text);
            self.facts.insert(file.path.clone(), facts);
        }
        self.facts.get(&file.path)?.as_ref()
    }
}

fn location(path: &str, lines: &LineIndex<'_>, site: Site) -> Location {
    let text = String::from_utf8_lossy(lines.line_text(site.line)).into_owned();
    Location {
        path: path.to_owned(),
        span: Span::line(site.line, site.column, site.end_column),
        snippet: (!text.trim().is_empty()).then(|| text.trim().to_owned()),
    }
}

/// Words one of which a file must contain to be worth parsing for this package.
fn prefilter_words(kind: SourceKind, package: &str, functions: &[String]) -> Vec<String> {
    match kind {
        SourceKind::Rust => {
            let mut words: Vec<String> = functions
                .iter()
                .filter_map(|f| f.rsplit("::").next())
                .map(str::to_owned)
                .collect();
            if functions.is_empty() {
                words.push(package.replace('-', "_"));
            }
            words
        }
        SourceKind::Go => {
            let mut words: Vec<String> = functions
                .iter()
                .map(|f| {
                    let last = f.rsplit('/').next().unwrap_or(f);
                    last.split('.').next().unwrap_or(last).to_owned()
                })
                .collect();
            words.push(package.rsplit('/').next().unwrap_or(package).to_owned());
            words
        }
        SourceKind::Python => python_import_names(package),
        SourceKind::Js => vec![package.to_owned()],
    }
}

fn site_of(node: Node<'_>) -> Site {
    let start = node.start_position();
    let end = node.end_position();
    Site {
        line: start.row as u32 + 1,
        column: start.column as u32 + 1,
        end_column: if end.row == start.row {
            end.column as u32 + 1
        } else {
            start.column as u32 + 2
        },
    }
}

fn read_facts(kind: SourceKind, path: &str, text: &str) -> Option<Facts> {
    let lang = match kind {
        SourceKind::Rust => Lang::Rust,
        SourceKind::Go => Lang::Go,
        SourceKind::Python => Lang::Python,
        SourceKind::Js => Lang::detect(path, b"").unwrap_or(Lang::JavaScript),
    };
    let parsed = ward_lang::parse(lang, text.as_bytes(), PARSE_LIMIT).ok()?;
    let mut facts = Facts {
        errors: !parsed.errors.is_empty(),
        ..Facts::default()
    };
    let source = text.as_bytes();
    let root = parsed.tree.root_node();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let descend = match kind {
            SourceKind::Rust => rust_node(node, source, &mut facts),
            SourceKind::Go => go_node(node, source, &mut facts),
            SourceKind::Python => python_node(node, source, &mut facts),
            SourceKind::Js => js_node(node, source, &mut facts),
        };
        if descend {
            let mut cursor = node.walk();
            let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
            stack.extend(children.into_iter().rev());
        }
    }
    Some(facts)
}

fn text_of<'a>(node: Node<'_>, source: &'a [u8]) -> &'a str {
    node.utf8_text(source).unwrap_or("")
}

/// `a::b::<T>::c` -> [a, b, c].
fn segments(text: &str) -> Vec<String> {
    let mut clean = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            _ if depth == 0 && !c.is_whitespace() => clean.push(c),
            _ => {}
        }
    }
    clean
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

// --- Rust ---------------------------------------------------------------------------------

fn rust_node(node: Node<'_>, source: &[u8], facts: &mut Facts) -> bool {
    match node.kind() {
        "use_declaration" => {
            if let Some(argument) = node.child_by_field_name("argument") {
                rust_use(argument, &[], source, facts);
            }
            false
        }
        "scoped_identifier" | "scoped_type_identifier" => {
            let segs = segments(text_of(node, source));
            if let Some(first) = segs.first() {
                facts.mentions.push(first.clone());
            }
            facts.paths.push((segs, site_of(node)));
            // Inner paths are prefixes of this one.
            false
        }
        "call_expression" => {
            if let Some(function) = node.child_by_field_name("function") {
                match function.kind() {
                    "identifier" => facts.paths.push((
                        vec![text_of(function, source).to_owned()],
                        site_of(function),
                    )),
                    "field_expression" => {
                        if let Some(field) = function.child_by_field_name("field") {
                            facts.methods.push((
                                text_of(field, source).to_owned(),
                                None,
                                site_of(field),
                            ));
                        }
                    }
                    _ => {}
                }
            }
            true
        }
        _ => true,
    }
}

/// Records a `use` tree under `prefix`.
fn rust_use(node: Node<'_>, prefix: &[String], source: &[u8], facts: &mut Facts) {
    let join = |extra: &str| {
        let mut path = prefix.to_vec();
        path.extend(segments(extra));
        path
    };
    match node.kind() {
        "identifier" | "scoped_identifier" | "crate" | "self" | "super" => {
            let path = join(text_of(node, source));
            if let Some(last) = path.last().cloned() {
                if let Some(first) = path.first() {
                    facts.mentions.push(first.clone());
                }
                if last == "self" {
                    let mut path = path;
                    path.pop();
                    if let Some(name) = path.last().cloned() {
                        facts.uses.insert(name, path);
                    }
                } else {
                    facts.uses.insert(last, path);
                }
            }
        }
        "use_as_clause" => {
            let (Some(path), Some(alias)) = (
                node.child_by_field_name("path"),
                node.child_by_field_name("alias"),
            ) else {
                return;
            };
            let path = join(text_of(path, source));
            if let Some(first) = path.first() {
                facts.mentions.push(first.clone());
            }
            facts.uses.insert(text_of(alias, source).to_owned(), path);
        }
        "use_wildcard" => {
            let text = text_of(node, source).trim_end_matches('*');
            let path = join(text);
            if let Some(first) = path.first() {
                facts.mentions.push(first.clone());
            }
            facts.globs.push(path);
        }
        "scoped_use_list" => {
            let base = node
                .child_by_field_name("path")
                .map_or_else(|| prefix.to_vec(), |p| join(text_of(p, source)));
            if let Some(list) = node.child_by_field_name("list") {
                rust_use(list, &base, source, facts);
            }
        }
        "use_list" => {
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                rust_use(child, prefix, source, facts);
            }
        }
        _ => {}
    }
}

fn normalize_crate(segs: &mut [String]) {
    if let Some(first) = segs.first_mut() {
        *first = first.replace('-', "_");
    }
}

fn rust_sites(facts: &Facts, package: &str, functions: &[String]) -> Vec<Site> {
    let crate_name = package.replace('-', "_");
    let targets: Vec<Vec<String>> = functions
        .iter()
        .map(|f| {
            let mut segs = segments(f);
            normalize_crate(&mut segs);
            segs
        })
        .filter(|s| !s.is_empty())
        .collect();
    let mut sites = Vec::new();
    for (segs, site) in &facts.paths {
        let mut candidates = Vec::new();
        if let Some(full) = segs.first().and_then(|first| facts.uses.get(first)) {
            let mut path = full.clone();
            path.extend(segs[1..].iter().cloned());
            candidates.push(path);
        } else {
            candidates.push(segs.clone());
            for glob in &facts.globs {
                let mut path = glob.clone();
                path.extend(segs.iter().cloned());
                candidates.push(path);
            }
        }
        for candidate in &mut candidates {
            if candidate
                .first()
                .is_some_and(|f| f == "crate" || f == "self")
            {
                continue;
            }
            normalize_crate(candidate);
            if targets.contains(candidate) {
                sites.push(*site);
                break;
            }
        }
    }
    // A method call of an affected method's name, in a file that uses the crate: the receiver's
    // type is unknown to a syntactic analysis, so this is counted (reachable errs on caution).
    let uses_crate = facts
        .mentions
        .iter()
        .any(|m| m.replace('-', "_") == crate_name);
    if uses_crate {
        for (name, _, site) in &facts.methods {
            if targets
                .iter()
                .any(|t| t.len() >= 3 && t.last() == Some(name))
            {
                sites.push(*site);
            }
        }
    }
    sites.sort_by_key(|s| (s.line, s.column));
    sites
}

// --- Go -----------------------------------------------------------------------------------

/// The name a Go package is used by when imported without an alias: the last path element,
/// without a major-version element (`/v2`), a `.vN` suffix (`yaml.v3`) or a `go-` prefix.
fn go_package_name(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    if parts.len() > 1
        && parts
            .last()
            .is_some_and(|l| l.starts_with('v') && l[1..].chars().all(|c| c.is_ascii_digit()))
    {
        parts.pop();
    }
    let last = parts.last().copied().unwrap_or(path);
    let last = last.split(".v").next().unwrap_or(last);
    last.trim_start_matches("go-").replace('-', "_")
}

fn go_node(node: Node<'_>, source: &[u8], facts: &mut Facts) -> bool {
    match node.kind() {
        "import_spec" => {
            let Some(path) = node.child_by_field_name("path") else {
                return false;
            };
            let path = text_of(path, source).trim_matches(['"', '`']).to_owned();
            let name = node
                .child_by_field_name("name")
                .map_or_else(|| go_package_name(&path), |n| text_of(n, source).to_owned());
            facts.imports.push((name, path, site_of(node)));
            false
        }
        "selector_expression" => {
            if let (Some(operand), Some(field)) = (
                node.child_by_field_name("operand"),
                node.child_by_field_name("field"),
            ) {
                let operand_name =
                    (operand.kind() == "identifier").then(|| text_of(operand, source).to_owned());
                facts.methods.push((
                    text_of(field, source).to_owned(),
                    operand_name,
                    site_of(node),
                ));
            }
            true
        }
        "call_expression" => {
            if let Some(function) = node.child_by_field_name("function")
                && function.kind() == "identifier"
            {
                // A call of a dot-imported function.
                facts.methods.push((
                    text_of(function, source).to_owned(),
                    Some(".".into()),
                    site_of(function),
                ));
            }
            true
        }
        _ => true,
    }
}

fn go_sites(facts: &Facts, functions: &[String]) -> Vec<Site> {
    let mut sites = Vec::new();
    for (alias, path, import_site) in &facts.imports {
        for function in functions {
            if function == path {
                // The whole package is affected: importing it is reaching it.
                sites.push(*import_site);
                continue;
            }
            let Some(symbol) = function
                .strip_prefix(path.as_str())
                .and_then(|rest| rest.strip_prefix('.'))
            else {
                continue;
            };
            match symbol.split_once('.') {
                // `pkg.Func`: a selector on the import's name (or a bare call when dot-imported).
                None => {
                    for (name, operand, site) in &facts.methods {
                        let on_import = operand.as_deref() == Some(alias.as_str())
                            || (alias == "." && operand.as_deref() == Some("."));
                        if name == symbol && on_import {
                            sites.push(*site);
                        }
                    }
                }
                // `pkg.Type.Method`: any call of that method name in a file importing `pkg`.
                Some((_, method)) => {
                    for (name, operand, site) in &facts.methods {
                        if name == method && operand.as_deref() != Some(".") {
                            sites.push(*site);
                        }
                    }
                }
            }
        }
    }
    sites.sort_by_key(|s| (s.line, s.column));
    sites.dedup_by_key(|s| (s.line, s.column));
    sites
}

// --- Python -------------------------------------------------------------------------------

/// The top-level module names a PyPI distribution is imported by: its normalised name, and
/// the well-known distributions whose module is named otherwise.
fn python_import_names(package: &str) -> Vec<String> {
    const KNOWN: &[(&str, &str)] = &[
        ("pyyaml", "yaml"),
        ("pillow", "PIL"),
        ("beautifulsoup4", "bs4"),
        ("scikit_learn", "sklearn"),
        ("opencv_python", "cv2"),
        ("opencv_python_headless", "cv2"),
        ("python_dateutil", "dateutil"),
        ("pyjwt", "jwt"),
        ("attrs", "attr"),
        ("pycryptodome", "Crypto"),
        ("pycrypto", "Crypto"),
        ("protobuf", "google"),
        ("setuptools", "pkg_resources"),
        ("msgpack_python", "msgpack"),
        ("python_jose", "jose"),
        ("pymongo", "bson"),
        ("djangorestframework", "rest_framework"),
    ];
    let norm = package.to_ascii_lowercase().replace(['-', '.'], "_");
    let mut names = vec![norm.clone()];
    if let Some(rest) = norm.strip_prefix("python_") {
        names.push(rest.to_owned());
    }
    for (dist, module) in KNOWN {
        if *dist == norm {
            names.push((*module).to_owned());
        }
    }
    names
}

fn python_node(node: Node<'_>, source: &[u8], facts: &mut Facts) -> bool {
    match node.kind() {
        "import_statement" => {
            let mut cursor = node.walk();
            for name in node.children_by_field_name("name", &mut cursor) {
                let dotted = match name.kind() {
                    "aliased_import" => name.child_by_field_name("name").unwrap_or(name),
                    _ => name,
                };
                let module = text_of(dotted, source);
                let top = module.split('.').next().unwrap_or(module).to_owned();
                facts.imports.push((top, module.to_owned(), site_of(node)));
            }
            false
        }
        "import_from_statement" => {
            if let Some(module) = node.child_by_field_name("module_name")
                && module.kind() == "dotted_name"
            {
                let module = text_of(module, source);
                let top = module.split('.').next().unwrap_or(module).to_owned();
                facts.imports.push((top, module.to_owned(), site_of(node)));
            }
            false
        }
        _ => true,
    }
}

fn python_sites(facts: &Facts, package: &str) -> Vec<Site> {
    let names = python_import_names(package);
    facts
        .imports
        .iter()
        .filter(|(top, _, _)| names.iter().any(|n| n.eq_ignore_ascii_case(top)))
        .map(|(_, _, site)| *site)
        .collect()
}

// --- JavaScript and TypeScript --------------------------------------------------------------

/// The package a module specifier names: `@scope/name/sub` -> `@scope/name`, `name/sub` ->
/// `name`; `None` for relative and absolute paths and `node:` built-ins.
fn js_package(specifier: &str) -> Option<String> {
    if specifier.starts_with(['.', '/']) || specifier.starts_with("node:") {
        return None;
    }
    let mut parts = specifier.split('/');
    let first = parts.next()?;
    if first.starts_with('@') {
        Some(format!("{first}/{}", parts.next()?))
    } else {
        Some(first.to_owned())
    }
}

fn js_string(node: Node<'_>, source: &[u8]) -> Option<String> {
    matches!(node.kind(), "string" | "template_string").then(|| {
        text_of(node, source)
            .trim_matches(['"', '\'', '`'])
            .to_owned()
    })
}

fn js_node(node: Node<'_>, source: &[u8], facts: &mut Facts) -> bool {
    match node.kind() {
        "import_statement" | "export_statement" => {
            if let Some(spec) = node
                .child_by_field_name("source")
                .and_then(|s| js_string(s, source))
                && let Some(package) = js_package(&spec)
            {
                facts.imports.push((package, spec, site_of(node)));
            }
            true
        }
        "call_expression" => {
            let function = node.child_by_field_name("function");
            let is_loader = function.is_some_and(|f| {
                f.kind() == "import"
                    || (f.kind() == "identifier" && text_of(f, source) == "require")
            });
            if is_loader
                && let Some(arguments) = node.child_by_field_name("arguments")
                && let Some(first) = arguments.named_child(0)
                && let Some(spec) = js_string(first, source)
                && let Some(package) = js_package(&spec)
            {
                facts.imports.push((package, spec, site_of(node)));
            }
            true
        }
        _ => true,
    }
}

fn js_sites(facts: &Facts, package: &str) -> Vec<Site> {
    facts
        .imports
        .iter()
        .filter(|(name, _, _)| name == package)
        .map(|(_, _, site)| *site)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_package_names_drop_versions_and_prefixes() {
        assert_eq!(go_package_name("golang.org/x/net/html"), "html");
        assert_eq!(go_package_name("gopkg.in/yaml.v3"), "yaml");
        assert_eq!(go_package_name("github.com/go-chi/chi/v5"), "chi");
        assert_eq!(go_package_name("github.com/mattn/go-sqlite3"), "sqlite3");
    }

    #[test]
    fn js_specifiers_name_their_package() {
        assert_eq!(js_package("lodash/fp").as_deref(), Some("lodash"));
        assert_eq!(
            js_package("@babel/core/lib").as_deref(),
            Some("@babel/core")
        );
        assert_eq!(js_package("./local"), None);
        assert_eq!(js_package("node:fs"), None);
    }

    #[test]
    fn rust_paths_drop_generic_arguments() {
        assert_eq!(
            segments("SmallVec::<[u8; 4]>::insert_many"),
            ["SmallVec", "insert_many"]
        );
    }
}
