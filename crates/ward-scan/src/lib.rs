//! Ward's scan pipeline: sources -> read -> classify -> engines -> findings and completeness.
//!
//! [`scan`] walks the roots once in parallel (via `ward-source`), reads each file once, offers
//! the same bytes to every engine that claims the file, fingerprints the findings, and returns
//! them in deterministic order with the completeness record. [`builtin_engines`] is the one
//! explicit list of engines shipped in the binary. This crate sits above the engines and below
//! the CLI and the server; it knows nothing of output formats or of the gate.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[cfg(feature = "test-engine")]
pub mod testing;

use ward_core::{Completeness, Finding, RuleDoc, ScanError, SkipReason, fingerprint};
pub use ward_core::{Engine, FileInput, FileOutput};
use ward_source::{Item, ReadOutcome, Root, WalkConfig};

/// What engines are built from: where the project is and which rule files it brings.
#[derive(Debug, Clone, Default)]
pub struct EngineSettings {
    /// The project root (where `.ward/` lives); `None` when scanning outside a project.
    pub project_root: Option<PathBuf>,
    /// Secret rules in gitleaks syntax (`--secrets-config`); default: `.ward/secrets.toml`,
    /// else `.gitleaks.toml`, in the project root, else the built-in rules.
    pub secrets_config: Option<PathBuf>,
    /// Keep secrets (never serialised) so the terminal table can show them (`--show-secrets`).
    pub show_secrets: bool,
    /// The advisory database directory the dependency engine reads (`--db`, `$WARD_DB`, or the
    /// user's data directory); `None` when no location is known: lockfiles are then listed and
    /// a notice says they were not checked.
    pub advisory_db: Option<PathBuf>,
    /// Read OS package databases and `os-release` (image scans, where the source offers the
    /// release first).
    pub os_packages: bool,
}

/// An engine that cannot be built: an invalid rule file, named with file, line and rule.
#[derive(Debug, thiserror::Error)]
pub enum EngineSetupError {
    #[error("invalid secret rules: {0}")]
    Secrets(#[from] ward_secrets::RuleError),
}

impl EngineSettings {
    /// The user's secret rule file, if any.
    pub fn secrets_rule_file(&self) -> Option<PathBuf> {
        if let Some(explicit) = &self.secrets_config {
            return Some(explicit.clone());
        }
        let root = self.project_root.as_ref()?;
        [".ward/secrets.toml", ".gitleaks.toml"]
            .iter()
            .map(|name| root.join(name))
            .find(|path| path.is_file())
    }
}

/// The names of the engines [`builtin_engines`] builds, without building them (building loads
/// and indexes every rule; `ward --version` should not pay for that). A test keeps the two equal.
pub fn builtin_engine_names() -> Vec<&'static str> {
    let mut names = vec!["secrets", "deps", "sast", "iac"];
    if cfg!(feature = "test-engine") {
        names.extend(["test", "test-utf8"]);
    }
    names
}

/// Every engine shipped in the `ward` binary, in the order they run on a file.
///
/// This is the one place engines are registered.
pub fn builtin_engines(
    settings: &EngineSettings,
) -> Result<Vec<Box<dyn Engine>>, EngineSetupError> {
    let secrets = match settings.secrets_rule_file() {
        Some(path) => {
            ward_secrets::SecretsEngine::with_rules(ward_secrets::RuleSet::from_file(&path)?)
        }
        None => ward_secrets::SecretsEngine::builtin()?,
    }
    .revealing(settings.show_secrets);
    let sast = ward_sast::SastEngine::new(settings.project_root.as_deref());
    #[allow(unused_mut)]
    let mut engines: Vec<Box<dyn Engine>> = vec![
        Box::new(secrets),
        Box::new(
            ward_deps::DepsEngine::new(settings.advisory_db.clone())
                .with_project_root(settings.project_root.clone())
                .with_os_packages(settings.os_packages),
        ),
        Box::new(sast),
        Box::new(ward_iac::IacEngine::new()),
    ];
    #[cfg(feature = "test-engine")]
    {
        engines.push(Box::new(testing::MarkerEngine));
        engines.push(Box::new(testing::Utf8OnlyEngine));
    }
    Ok(engines)
}

/// What to scan and with which limits.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Paths as the user gave them.
    pub paths: Vec<PathBuf>,
    pub max_file_size: u64,
    /// Worker threads; 0 picks one per CPU.
    pub threads: usize,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

/// Counters a progress display can read while the scan runs.
#[derive(Debug, Default)]
pub struct Progress {
    pub files: AtomicU64,
    pub bytes: AtomicU64,
}

/// The outcome of a scan, before any policy.
#[derive(Debug)]
pub struct ScanOutput {
    /// Findings sorted by path, position, rule id and fingerprint.
    pub findings: Vec<Finding>,
    /// Documentation of every rule with a finding, sorted by id.
    pub rules: Vec<RuleDoc>,
    pub completeness: Completeness,
    pub duration: Duration,
    /// Names of the engines that ran.
    pub engines: Vec<String>,
    /// Engines' notices about the whole scan (a check that could not run), sorted.
    pub notices: Vec<ward_core::Notice>,
}

/// A scan that could not start.
#[derive(Debug, thiserror::Error)]
pub enum ScanSetupError {
    #[error("{path}: path does not exist")]
    PathNotFound { path: String },
    #[error("{path}: {source}")]
    PathUnreadable {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Pattern(#[from] ward_source::WalkSetupError),
    #[error("{0}")]
    Git(String),
    #[error("{0}")]
    Image(String),
}

/// Resolves the user's paths into walk roots; a path that does not exist is an error.
pub fn resolve_roots(paths: &[PathBuf]) -> Result<Vec<Root>, ScanSetupError> {
    paths
        .iter()
        .map(|given| {
            Root::resolve(given).map_err(|source| {
                let path = given.display().to_string();
                if source.kind() == std::io::ErrorKind::NotFound {
                    ScanSetupError::PathNotFound { path }
                } else {
                    ScanSetupError::PathUnreadable { path, source }
                }
            })
        })
        .collect()
}

#[derive(Default)]
struct Accumulated {
    findings: Vec<Finding>,
    completeness: Completeness,
}

/// Per-thread state; merged into the shared result when the walker drops it.
struct Worker<'a> {
    engines: &'a [Box<dyn Engine>],
    max_file_size: u64,
    progress: Option<&'a Progress>,
    shared: &'a Mutex<Accumulated>,
    local: Accumulated,
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        let local = std::mem::take(&mut self.local);
        let mut shared = self
            .shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        shared.findings.extend(local.findings);
        shared.completeness.merge(local.completeness);
    }
}

impl Worker<'_> {
    fn handle(&mut self, item: Item) {
        match item {
            Item::Skipped { path, reason } => {
                self.local.completeness.files_seen += 1;
                self.local.completeness.skip(path, reason);
            }
            Item::Error(error) => self.local.completeness.errors.push(error),
            Item::File(candidate) => {
                self.local.completeness.files_seen += 1;
                match ward_source::read_file(&candidate.fs_path, self.max_file_size) {
                    ReadOutcome::Skipped(reason) => {
                        self.local.completeness.skip(candidate.display_path, reason);
                    }
                    ReadOutcome::Failed(message) => {
                        self.local
                            .completeness
                            .errors
                            .push(ScanError::file(candidate.display_path, message));
                    }
                    ReadOutcome::Read(content) => {
                        self.scan_content(&candidate.display_path, &candidate.fs_path, &content);
                    }
                }
            }
        }
    }

    /// Offers one file's content to the engines; returns how many findings it added.
    fn scan_content(
        &mut self,
        path: &str,
        fs_path: &Path,
        content: &ward_source::Content,
    ) -> usize {
        self.scan_version(path, fs_path, content, None)
    }

    /// [`Worker::scan_content`] for a new version of a file whose `previous` version was
    /// scanned before (history): engines may search only what changed.
    fn scan_version(
        &mut self,
        path: &str,
        fs_path: &Path,
        content: &ward_source::Content,
        previous: Option<&[u8]>,
    ) -> usize {
        self.local.completeness.files_scanned += 1;
        self.local.completeness.bytes_scanned += content.disk_len;
        if let Some(progress) = self.progress {
            progress.files.fetch_add(1, Ordering::Relaxed);
            progress
                .bytes
                .fetch_add(content.disk_len, Ordering::Relaxed);
        }
        let input = FileInput {
            path,
            fs_path,
            bytes: &content.bytes,
            text: content.text(),
        };
        let before = self.local.findings.len();
        self.run_engines(&input, previous);
        self.local.findings.len() - before
    }

    fn run_engines(&mut self, input: &FileInput<'_>, previous: Option<&[u8]>) {
        let mut file_findings = Vec::new();
        for engine in self.engines {
            let claimed = catch_unwind(AssertUnwindSafe(|| engine.claims(input)));
            let Ok(claimed) = claimed else {
                self.local
                    .completeness
                    .errors
                    .push(engine_panic(engine.name(), input.path));
                continue;
            };
            if !claimed {
                continue;
            }
            if engine.needs_utf8() && input.text.is_none() {
                self.local.completeness.skip_for_engine(
                    input.path,
                    SkipReason::InvalidUtf8,
                    engine.name(),
                );
                continue;
            }
            let mut out = FileOutput::default();
            let scanned = catch_unwind(AssertUnwindSafe(|| match previous {
                Some(previous) => engine.scan_file_changed(input, previous, &mut out),
                None => engine.scan_file(input, &mut out),
            }));
            if scanned.is_err() {
                self.local
                    .completeness
                    .errors
                    .push(engine_panic(engine.name(), input.path));
            }
            let (findings, errors) = out.take();
            let (skipped, inconclusive) = out.take_coverage();
            if let Some(reason) = skipped {
                self.local
                    .completeness
                    .skip_for_engine(input.path, reason, engine.name());
            }
            self.local.completeness.inconclusive.extend(inconclusive);
            file_findings.extend(findings);
            for mut error in errors {
                error.path.get_or_insert_with(|| input.path.to_owned());
                error.engine.get_or_insert_with(|| engine.name().to_owned());
                self.local.completeness.errors.push(error);
            }
        }
        if !file_findings.is_empty() {
            fingerprint::assign(&mut file_findings);
            let findings: Vec<Finding> = file_findings
                .into_iter()
                .map(|(finding, _)| finding)
                .collect();
            // Inline `ward:ignore` comments mark findings as suppressed; they are kept. Only this
            // file's comments, for this file's findings: an engine may report in another file
            // (a requirements file's `-r` include).
            let (mut own, others): (Vec<Finding>, Vec<Finding>) = findings
                .into_iter()
                .partition(|f| f.location.path == input.path);
            ward_core::suppress::apply_inline(&mut own, input.bytes);
            self.local.findings.extend(own);
            self.local.findings.extend(others);
        }
    }
}

fn engine_panic(engine: &str, path: &str) -> ScanError {
    ScanError {
        path: Some(path.to_owned()),
        line: None,
        engine: Some(engine.to_owned()),
        message: "the engine failed on this file (internal error); the rest of the scan went on"
            .to_owned(),
    }
}

/// The documentation of every rule that has a finding, sorted by id.
pub(crate) fn rules_with_findings(
    engines: &[Box<dyn Engine>],
    findings: &[Finding],
) -> Vec<RuleDoc> {
    let used: std::collections::HashSet<&str> =
        findings.iter().map(|f| f.rule_id.as_str()).collect();
    let mut rules: BTreeMap<String, RuleDoc> = BTreeMap::new();
    for engine in engines {
        for rule in engine.rules() {
            if used.contains(rule.id.as_str()) {
                rules.insert(rule.id.clone(), rule);
            }
        }
    }
    // Rules that are data (one per advisory) are not listed by `rules()`: ask the engine that
    // reported each (only that one: another's default `rule_doc` would rebuild all its docs).
    for finding in findings {
        if rules.contains_key(&finding.rule_id) {
            continue;
        }
        if let Some(rule) = engines
            .iter()
            .filter(|engine| engine.name() == finding.engine)
            .find_map(|engine| engine.rule_doc(&finding.rule_id))
        {
            rules.insert(rule.id.clone(), rule);
        }
    }
    rules.into_values().collect()
}

/// Runs one scan with the given engines.
pub fn scan(
    options: &ScanOptions,
    engines: &[Box<dyn Engine>],
    progress: Option<&Progress>,
) -> Result<ScanOutput, ScanSetupError> {
    let started = Instant::now();
    let roots = resolve_roots(&options.paths)?;
    let config = WalkConfig {
        roots,
        max_file_size: options.max_file_size,
        threads: options.threads,
        include: options.include.clone(),
        exclude: options.exclude.clone(),
    };
    let shared = Mutex::new(Accumulated::default());
    ward_source::walk(&config, || {
        let mut worker = Worker {
            engines,
            max_file_size: options.max_file_size,
            progress,
            shared: &shared,
            local: Accumulated::default(),
        };
        move |item| worker.handle(item)
    })?;
    let Accumulated {
        findings,
        completeness,
    } = shared
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    Ok(output(engines, findings, completeness, started))
}

/// The sorted, deterministic output of a scan, whatever the source.
pub(crate) fn output(
    engines: &[Box<dyn Engine>],
    mut findings: Vec<Finding>,
    mut completeness: Completeness,
    started: Instant,
) -> ScanOutput {
    for engine in engines {
        for mut error in engine.setup_errors() {
            error.engine.get_or_insert_with(|| engine.name().to_owned());
            completeness.errors.push(error);
        }
    }
    completeness.sort();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let rules = rules_with_findings(engines, &findings);
    let mut notices: Vec<ward_core::Notice> =
        engines.iter().flat_map(|engine| engine.notices()).collect();
    notices.sort();
    ScanOutput {
        findings,
        rules,
        completeness,
        duration: started.elapsed(),
        engines: engines.iter().map(|e| e.name().to_owned()).collect(),
        notices,
    }
}

mod git;
mod image;
mod since;
pub use git::{GitMode, scan_git};
pub use image::{CONFIG_PATH as IMAGE_CONFIG_PATH, scan_image};
pub use since::mark_unchanged;

/// The directory a scan of `path` treats as its project root (where `ward.toml` is looked for).
pub fn project_root(path: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(path).ok()?;
    ward_source::find_project_root(&canonical)
}
