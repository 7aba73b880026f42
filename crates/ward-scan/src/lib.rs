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
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

pub mod cache;
#[cfg(feature = "test-engine")]
pub mod testing;

use ward_core::{Budget, Completeness, Finding, RuleDoc, ScanError, SkipReason, fingerprint};
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
    /// The Rego packages whose rules the IaC engine runs (`[iac] policy_namespaces`; empty:
    /// `main`).
    pub iac_policy_namespaces: Vec<String>,
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
    builtin_engines_where(settings, |_| true)
}

/// The names of the built-in engines that look at old versions of files in a history scan
/// ([`Engine::scans_history`]), without building them: `ward scan --history` builds only
/// these. A test keeps the list equal to what the built engines say.
pub fn history_engine_names() -> Vec<&'static str> {
    let mut names = vec!["secrets"];
    if cfg!(feature = "test-engine") {
        names.push("test");
    }
    names
}

/// The built-in engines whose name `keep` accepts, in the order of [`builtin_engines`]. An
/// engine left out is not built at all: building the secret and SAST engines compiles their
/// rules (about 0.1 s of CPU), which a scan with only the IaC engine on should not pay. The
/// engines are built at the same time, each on a thread of its own: a scan starts when the
/// slowest is ready, not after the sum of them.
pub fn builtin_engines_where(
    settings: &EngineSettings,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<Box<dyn Engine>>, EngineSetupError> {
    type Built = Result<Box<dyn Engine>, EngineSetupError>;
    type Build<'a> = Box<dyn Fn() -> Built + Send + Sync + 'a>;
    let secrets = || -> Built {
        let secrets = match settings.secrets_rule_file() {
            Some(path) => {
                ward_secrets::SecretsEngine::with_rules(ward_secrets::RuleSet::from_file(&path)?)
            }
            None => ward_secrets::SecretsEngine::builtin()?,
        }
        .revealing(settings.show_secrets);
        Ok(Box::new(secrets))
    };
    let deps = || -> Built {
        Ok(Box::new(
            ward_deps::DepsEngine::new(settings.advisory_db.clone())
                .with_project_root(settings.project_root.clone())
                .with_os_packages(settings.os_packages),
        ))
    };
    let sast = || -> Built {
        Ok(Box::new(ward_sast::SastEngine::new(
            settings.project_root.as_deref(),
        )))
    };
    let iac = || -> Built {
        Ok(Box::new(ward_iac::IacEngine::new().with_policies(
            settings.project_root.as_deref(),
            &settings.iac_policy_namespaces,
        )))
    };
    let mut builders: Vec<(&str, Build<'_>)> = vec![
        ("secrets", Box::new(secrets)),
        ("deps", Box::new(deps)),
        ("sast", Box::new(sast)),
        ("iac", Box::new(iac)),
    ];
    #[cfg(feature = "test-engine")]
    {
        builders.push(("test", Box::new(|| Ok(Box::new(testing::MarkerEngine)))));
        builders.push((
            "test-utf8",
            Box::new(|| Ok(Box::new(testing::Utf8OnlyEngine))),
        ));
    }
    builders.retain(|(name, _)| keep(name));
    let built: Vec<Built> = match builders.as_slice() {
        [(_, only)] => vec![only()],
        _ => std::thread::scope(|scope| {
            let handles: Vec<_> = builders
                .iter()
                .map(|(_, build)| scope.spawn(build))
                .collect();
            handles
                .into_iter()
                .map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        }),
    };
    built.into_iter().collect()
}

/// The engine of `ward scan --sbom FILE`: the dependency engine reading each path given as a
/// CycloneDX or SPDX JSON SBOM and checking its packages.
pub fn sbom_engines(settings: &EngineSettings) -> Vec<Box<dyn Engine>> {
    vec![Box::new(
        ward_deps::DepsEngine::new(settings.advisory_db.clone()).reading_sboms(),
    )]
}

/// The packages of every lockfile under the paths, for an SBOM: the same walk as a scan (ignore
/// files, limits, symbolic links never followed) with the dependency engine listing packages
/// instead of checking them. The output's completeness says which lockfiles could not be read.
pub fn inventory(
    options: &ScanOptions,
    project_root: Option<PathBuf>,
    progress: Option<&Progress>,
) -> Result<(Vec<ward_core::sbom::InventoryPackage>, ScanOutput), ScanSetupError> {
    let engines: Vec<Box<dyn Engine>> = vec![Box::new(
        ward_deps::DepsEngine::inventory().with_project_root(project_root),
    )];
    // No result cache: the inventory engine's results are never stored (no config hash).
    let options = ScanOptions {
        cache: None,
        ..options.clone()
    };
    let mut output = scan(&options, &engines, progress)?;
    let packages = std::mem::take(&mut output.packages);
    Ok((packages, output))
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
    /// Time and memory limits.
    pub budgets: Budgets,
    /// The result cache; `None` scans without one (`--no-cache`).
    pub cache: Option<cache::CacheSettings>,
}

/// Limits a scan honours. Work that would pass one is cut and recorded in
/// [`Completeness::cut`] by file and engine (and as an error: the scan is incomplete).
#[derive(Debug, Clone, Default)]
pub struct Budgets {
    /// The whole scan (`--timeout`): files not started by then are not scanned, and engines
    /// working on a file are asked to stop.
    pub timeout: Option<Duration>,
    /// The time one engine may spend on one file (`scan.file_time_limit`).
    pub file_time_limit: Option<Duration>,
    /// The memory budget in bytes (`--max-memory`): the bytes of the files being scanned at
    /// once plus the estimated size of the findings kept. A file that would pass it waits for
    /// others to finish; one that can never fit is cut.
    pub max_memory: Option<u64>,
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
    /// The packages engines listed (inventory mode, for an SBOM), not yet merged by purl.
    pub packages: Vec<ward_core::sbom::InventoryPackage>,
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
    index: Vec<cache::IndexEntry>,
    /// Packages engines listed (inventory mode), with the image layer of their file.
    packages: Vec<(Option<usize>, ward_core::sbom::InventoryPackage)>,
}

/// The memory budget: bytes of files in flight plus findings kept.
#[derive(Debug)]
struct MemoryBudget {
    limit: u64,
    /// (bytes of files being scanned, bytes of findings kept)
    used: Mutex<(u64, u64)>,
    freed: Condvar,
}

impl MemoryBudget {
    /// Reserves `bytes` for a file, waiting while other files hold the budget; `false` when it
    /// can never fit (or the scan's time is up while waiting).
    fn reserve(&self, bytes: u64, deadline: Option<Instant>) -> bool {
        let mut used = self
            .used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        loop {
            let (in_flight, kept) = *used;
            if bytes.saturating_add(kept) > self.limit {
                return false;
            }
            if in_flight + kept + bytes <= self.limit {
                used.0 += bytes;
                return true;
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return false;
            }
            used = self
                .freed
                .wait_timeout(used, Duration::from_millis(50))
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
    }

    fn release(&self, bytes: u64) {
        let mut used = self
            .used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        used.0 = used.0.saturating_sub(bytes);
        drop(used);
        self.freed.notify_all();
    }

    fn keep(&self, bytes: u64) {
        let mut used = self
            .used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        used.1 += bytes;
    }
}

/// What every worker of one scan shares.
struct Context<'a> {
    engines: &'a [Box<dyn Engine>],
    max_file_size: u64,
    progress: Option<&'a Progress>,
    cache: Option<&'a cache::ResultCache>,
    /// The end of the scan's time budget.
    deadline: Option<Instant>,
    file_time_limit: Option<Duration>,
    memory: Option<&'a MemoryBudget>,
}

impl<'a> Context<'a> {
    fn new(
        engines: &'a [Box<dyn Engine>],
        options: &ScanOptions,
        progress: Option<&'a Progress>,
        started: Instant,
    ) -> Self {
        Context {
            engines,
            max_file_size: options.max_file_size,
            progress,
            cache: None,
            deadline: options.budgets.timeout.map(|t| started + t),
            file_time_limit: options.budgets.file_time_limit,
            memory: None,
        }
    }

    fn memory_budget(options: &ScanOptions) -> Option<MemoryBudget> {
        options.budgets.max_memory.map(|limit| MemoryBudget {
            limit,
            used: Mutex::new((0, 0)),
            freed: Condvar::new(),
        })
    }
}

/// Per-thread state; merged into the shared result when the walker drops it.
struct Worker<'a> {
    ctx: &'a Context<'a>,
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
        shared.index.extend(local.index);
        shared.packages.extend(local.packages);
    }
}

/// What [`Worker::replay_unchanged`] decided.
enum Replay {
    /// The file was judged from the cache.
    Done,
    /// The file must be read; the cached results loaded for the content the index knew.
    Read(Option<(cache::ContentHash, Vec<Option<cache::EngineResult>>)>),
}

/// The estimated memory a finding holds: its texts plus the structure around them.
fn finding_bytes(finding: &Finding) -> u64 {
    (finding.title.len()
        + finding.message.len()
        + finding.location.snippet.as_ref().map_or(0, String::len)
        + 512) as u64
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
                self.handle_file(&candidate);
            }
        }
    }

    fn handle_file(&mut self, candidate: &ward_source::Candidate) {
        let path = candidate.display_path.as_str();
        let fs_path = &candidate.fs_path;
        let stat = match self.ctx.cache {
            Some(_) => std::fs::metadata(fs_path).ok().map(|m| cache::Stat::of(&m)),
            None => None,
        };
        let fs_key = fs_path.to_string_lossy();
        let mut preloaded = None;
        if let (Some(cache), Some(stat)) = (self.ctx.cache, &stat) {
            match self.replay_unchanged(cache, path, &fs_key, stat) {
                Replay::Done => return,
                Replay::Read(loaded) => preloaded = loaded,
            }
        }
        if self.ctx.deadline.is_some_and(|d| Instant::now() >= d) {
            self.local.completeness.cut(
                path,
                None,
                Budget::Timeout,
                "the scan's time limit was reached",
            );
            return;
        }
        let reserved = match self.ctx.memory {
            Some(memory) => {
                let size = stat.map_or_else(
                    || std::fs::metadata(fs_path).map_or(0, |m| m.len()),
                    |s| s.size,
                );
                if !memory.reserve(size, self.ctx.deadline) {
                    self.local.completeness.cut(
                        path,
                        None,
                        Budget::Memory,
                        &format!(
                            "the file ({size} bytes) does not fit in the memory budget ({} bytes) with the findings kept so far",
                            memory.limit
                        ),
                    );
                    return;
                }
                size
            }
            None => 0,
        };
        let outcome = ward_source::read_file(fs_path, self.ctx.max_file_size);
        if self.ctx.cache.is_some() {
            self.local.completeness.cache_stats().files_read += 1;
        }
        match outcome {
            // A key store is binary: the engines that ask for it see its bytes (not cached:
            // such files are few).
            ReadOutcome::Skipped(SkipReason::Binary) if self.wants_binary(path) => {
                match std::fs::read(fs_path) {
                    Ok(bytes) => {
                        self.scan_binary(path, fs_path, &bytes);
                    }
                    Err(err) => self.local.completeness.errors.push(ScanError::file(
                        path,
                        format!("could not read the file: {err}"),
                    )),
                }
            }
            ReadOutcome::Skipped(reason) => {
                self.local.completeness.skip(path, reason);
                if let Some(stat) = stat {
                    self.local.index.push(cache::IndexEntry {
                        path: fs_key.into_owned(),
                        stat,
                        racy: stat.racy(cache::now_ns()),
                        outcome: cache::Outcome::Skipped(reason),
                    });
                }
            }
            ReadOutcome::Failed(message) => {
                self.local
                    .completeness
                    .errors
                    .push(ScanError::file(path, message));
            }
            ReadOutcome::Read(content) => match self.ctx.cache {
                Some(cache) => self.scan_cached(cache, path, fs_path, &content, stat, preloaded),
                None => {
                    self.scan_content(path, fs_path, &content);
                }
            },
        }
        if let Some(memory) = self.ctx.memory {
            memory.release(reserved);
        }
    }

    /// Judges a file the index proves unchanged from the cache, without reading it; or says
    /// that the file must be read (some engine's result is not cached), with the cached results
    /// already loaded for the content the index knows.
    fn replay_unchanged(
        &mut self,
        cache: &cache::ResultCache,
        path: &str,
        fs_key: &str,
        stat: &cache::Stat,
    ) -> Replay {
        match cache.known(fs_key, stat) {
            cache::Known::Unknown => Replay::Read(None),
            cache::Known::Skipped(reason) => {
                self.local.completeness.skip(path, reason);
                self.local.completeness.cache_stats().files_unchanged += 1;
                self.local.index.push(cache::IndexEntry {
                    path: fs_key.to_owned(),
                    stat: *stat,
                    racy: false,
                    outcome: cache::Outcome::Skipped(reason),
                });
                Replay::Done
            }
            cache::Known::Scanned { content, engines } => {
                let Some(engines) = engines.into_iter().collect::<Option<Vec<&cache::Held>>>()
                else {
                    return Replay::Read(None);
                };
                let mut results = if engines.iter().any(|held| held.stored()) {
                    cache.load(path, content)
                } else {
                    vec![None; engines.len()]
                };
                for (held, result) in engines.iter().zip(results.iter_mut()) {
                    if !held.stored() {
                        *result = held.result();
                    }
                }
                if results.iter().any(Option::is_none) {
                    return Replay::Read(Some((*content, results)));
                }
                let content = *content;
                self.count_scanned(stat.size);
                let mut statuses = Vec::with_capacity(engines.len());
                for (i, held) in engines.iter().enumerate() {
                    // An empty result has nothing to replay (most engines, most files).
                    if **held != cache::Held::Empty
                        && let Some(result) = results[i].take()
                    {
                        self.apply(i, path, result);
                    }
                    statuses.push((i as u16, (*held).clone()));
                }
                let stats = self.local.completeness.cache_stats();
                stats.files_unchanged += 1;
                stats.engine_results_reused += engines.len() as u64;
                self.local.index.push(cache::IndexEntry {
                    path: fs_key.to_owned(),
                    stat: *stat,
                    racy: false,
                    outcome: cache::Outcome::Scanned {
                        content,
                        engines: statuses,
                    },
                });
                Replay::Done
            }
        }
    }

    fn count_scanned(&mut self, bytes: u64) {
        self.local.completeness.files_scanned += 1;
        self.local.completeness.bytes_scanned += bytes;
        if let Some(progress) = self.ctx.progress {
            progress.files.fetch_add(1, Ordering::Relaxed);
            progress.bytes.fetch_add(bytes, Ordering::Relaxed);
        }
    }

    /// Scans a file that was read: each engine's result comes from the cache when it is there,
    /// else the engine runs and its result is stored.
    fn scan_cached(
        &mut self,
        cache: &cache::ResultCache,
        path: &str,
        fs_path: &Path,
        content: &ward_source::Content,
        stat: Option<cache::Stat>,
        preloaded: Option<(cache::ContentHash, Vec<Option<cache::EngineResult>>)>,
    ) {
        self.count_scanned(content.disk_len);
        let hash = cache::content_hash(&content.bytes);
        let fs_key = fs_path.to_string_lossy();
        let mut in_index = cache.known_in_index(&fs_key, &hash);
        let mut cached = match preloaded {
            Some((loaded_for, results)) if loaded_for == hash => results,
            _ if in_index.iter().all(Option::is_some) => vec![None; in_index.len()],
            _ => cache.load(path, &hash),
        };
        let input = FileInput {
            path,
            fs_path,
            bytes: &content.bytes,
            text: content.text(),
        };
        let mut statuses = Vec::new();
        let mut fresh: Vec<(usize, cache::EngineResult)> = Vec::new();
        for (i, engine) in self.ctx.engines.iter().enumerate() {
            let cacheable_engine = cache.engine_config(i).is_some();
            if cacheable_engine
                && let Some(held) = in_index[i].take()
                && let Some(result) = held.result()
            {
                self.local.completeness.cache_stats().engine_results_reused += 1;
                statuses.push((i as u16, held));
                self.apply(i, path, result);
                continue;
            }
            if cacheable_engine && let Some(result) = cached[i].take() {
                self.local.completeness.cache_stats().engine_results_reused += 1;
                statuses.push((i as u16, cache::Held::of(&result)));
                self.apply(i, path, result);
                continue;
            }
            self.local.completeness.cache_stats().engine_runs += 1;
            let (result, cacheable) = self.run_engine(engine.as_ref(), &input, None);
            if cacheable && cacheable_engine {
                let held = cache::Held::of(&result);
                // Empty results and small states live in the stat index only: most files
                // need no entry.
                if held.stored() {
                    fresh.push((i, result.clone()));
                }
                statuses.push((i as u16, held));
            }
            self.apply_fresh(result);
        }
        let refs: Vec<(usize, &cache::EngineResult)> = fresh.iter().map(|(i, r)| (*i, r)).collect();
        if cache.store(path, &hash, &refs) {
            self.local.completeness.cache_stats().entries_written += 1;
        }
        if let Some(stat) = stat {
            self.local.index.push(cache::IndexEntry {
                path: fs_key.into_owned(),
                stat,
                racy: stat.racy(cache::now_ns()),
                outcome: cache::Outcome::Scanned {
                    content: hash,
                    engines: statuses,
                },
            });
        }
    }

    /// Adds a cached result to the scan's record, and hands the engine back its state.
    fn apply(&mut self, engine: usize, path: &str, result: cache::EngineResult) {
        if let Some(state) = &result.state {
            self.ctx.engines[engine].replay_state(path, state);
        }
        let engine_name = self.ctx.engines[engine].name();
        if let Some(reason) = result.skipped {
            self.local
                .completeness
                .skip_for_engine(path, reason, engine_name);
        }
        self.apply_fresh(cache::EngineResult {
            skipped: None,
            ..result
        });
    }

    /// Adds an engine's result (already recorded skips aside) to the scan's record.
    fn apply_fresh(&mut self, result: cache::EngineResult) {
        self.local
            .completeness
            .inconclusive
            .extend(result.inconclusive);
        self.local.completeness.errors.extend(result.errors);
        if let Some(memory) = self.ctx.memory {
            memory.keep(result.findings.iter().map(finding_bytes).sum());
        }
        self.local.findings.extend(result.findings);
        self.local
            .packages
            .extend(result.packages.into_iter().map(|p| (None, p)));
    }

    /// Whether an engine looks at the binary file at `path` (a key store).
    fn wants_binary(&self, path: &str) -> bool {
        self.ctx.engines.iter().any(|e| e.scans_binary(path))
    }

    /// Offers a binary file to the engines that want it; returns how many findings it added.
    fn scan_binary(&mut self, path: &str, fs_path: &Path, bytes: &[u8]) -> usize {
        self.count_scanned(bytes.len() as u64);
        let input = FileInput {
            path,
            fs_path,
            bytes,
            text: None,
        };
        let before = self.local.findings.len();
        for engine in self.ctx.engines {
            if engine.scans_binary(path) {
                let (result, _) = self.run_engine(engine.as_ref(), &input, None);
                self.apply_fresh(result);
            }
        }
        self.local.findings.len() - before
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
        self.scan_bytes(
            path,
            fs_path,
            &content.bytes,
            content.text(),
            content.disk_len,
            previous,
        )
    }

    /// [`Worker::scan_version`] of bytes held elsewhere (a decoded git pack), `text` being
    /// them as UTF-8 when they are.
    fn scan_bytes(
        &mut self,
        path: &str,
        fs_path: &Path,
        bytes: &[u8],
        text: Option<&str>,
        disk_len: u64,
        previous: Option<&[u8]>,
    ) -> usize {
        self.count_scanned(disk_len);
        let input = FileInput {
            path,
            fs_path,
            bytes,
            text,
        };
        let before = self.local.findings.len();
        for engine in self.ctx.engines {
            let (result, _) = self.run_engine(engine.as_ref(), &input, previous);
            self.apply_fresh(result);
        }
        self.local.findings.len() - before
    }

    /// Runs one engine on one file. Skips and budget cuts are recorded at once; the rest is
    /// returned, with whether the result may be cached (no panic, no cut, nothing the engine
    /// marked as depending on more than the file).
    fn run_engine(
        &mut self,
        engine: &dyn Engine,
        input: &FileInput<'_>,
        previous: Option<&[u8]>,
    ) -> (cache::EngineResult, bool) {
        let mut result = cache::EngineResult::default();
        let claimed = catch_unwind(AssertUnwindSafe(|| engine.claims(input)));
        let Ok(claimed) = claimed else {
            self.local
                .completeness
                .errors
                .push(engine_panic(engine.name(), input.path));
            return (result, false);
        };
        if !claimed {
            return (result, true);
        }
        result.claimed = true;
        if engine.needs_utf8() && input.text.is_none() {
            self.local.completeness.skip_for_engine(
                input.path,
                SkipReason::InvalidUtf8,
                engine.name(),
            );
            result.skipped = Some(SkipReason::InvalidUtf8);
            return (result, true);
        }
        let now = Instant::now();
        if self.ctx.deadline.is_some_and(|d| now >= d) {
            self.local.completeness.cut(
                input.path,
                Some(engine.name()),
                Budget::Timeout,
                "the scan's time limit was reached",
            );
            return (result, false);
        }
        let file_deadline = self.ctx.file_time_limit.map(|limit| now + limit);
        let deadline = match (file_deadline, self.ctx.deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let mut out = FileOutput::with_deadline(deadline);
        let scanned = catch_unwind(AssertUnwindSafe(|| match previous {
            Some(previous) => engine.scan_file_changed(input, previous, &mut out),
            None => engine.scan_file(input, &mut out),
        }));
        let mut cacheable = !out.is_uncacheable();
        if scanned.is_err() {
            cacheable = false;
            self.local
                .completeness
                .errors
                .push(engine_panic(engine.name(), input.path));
        }
        if let Some(deadline) = deadline
            && Instant::now() >= deadline
        {
            cacheable = false;
            if self.ctx.deadline == Some(deadline) {
                self.local.completeness.cut(
                    input.path,
                    Some(engine.name()),
                    Budget::Timeout,
                    "the scan's time limit was reached",
                );
            } else {
                let limit = self.ctx.file_time_limit.unwrap_or_default();
                self.local.completeness.cut(
                    input.path,
                    Some(engine.name()),
                    Budget::FileTime,
                    &format!(
                        "the per-file time limit ({} ms) was reached",
                        limit.as_millis()
                    ),
                );
            }
        }
        let (findings, errors) = out.take();
        let (skipped, inconclusive) = out.take_coverage();
        result.state = out.take_state();
        result.packages = out.take_packages();
        if let Some(reason) = skipped {
            self.local
                .completeness
                .skip_for_engine(input.path, reason, engine.name());
            result.skipped = Some(reason);
        }
        result.inconclusive = inconclusive;
        for mut error in errors {
            error.path.get_or_insert_with(|| input.path.to_owned());
            error.engine.get_or_insert_with(|| engine.name().to_owned());
            result.errors.push(error);
        }
        if !findings.is_empty() {
            let mut findings = findings;
            fingerprint::assign(&mut findings);
            let findings: Vec<Finding> = findings.into_iter().map(|(finding, _)| finding).collect();
            // Inline `ward:ignore` comments mark findings as suppressed; they are kept. Only this
            // file's comments, for this file's findings: an engine may report in another file
            // (a requirements file's `-r` include), and such a result is not cached.
            let (mut own, others): (Vec<Finding>, Vec<Finding>) = findings
                .into_iter()
                .partition(|f| f.location.path == input.path);
            ward_core::suppress::apply_inline(&mut own, input.bytes);
            if !others.is_empty() {
                cacheable = false;
            }
            result.findings = own;
            result.findings.extend(others);
        }
        (result, cacheable)
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

/// Runs every engine's project pass (what needs several files: Terraform modules) once the
/// walk is over, adding its findings and completeness entries to the scan's: fingerprinted and
/// suppressed by each file's inline comments, as a file's own findings are.
pub(crate) fn project_passes(
    engines: &[Box<dyn Engine>],
    findings: &mut Vec<Finding>,
    completeness: &mut Completeness,
) {
    for engine in engines {
        let outputs = catch_unwind(AssertUnwindSafe(|| engine.project_pass()));
        let Ok(outputs) = outputs else {
            completeness.errors.push(ScanError {
                path: None,
                line: None,
                engine: Some(engine.name().to_owned()),
                message: "the engine's project pass failed (internal error); its per-file \
                          results were kept"
                    .to_owned(),
            });
            continue;
        };
        for mut file in outputs {
            let (mut own, errors) = file.out.take();
            let (skipped, inconclusive) = file.out.take_coverage();
            if let Some(reason) = skipped {
                completeness.skip_for_engine(&file.path, reason, engine.name());
            }
            completeness.inconclusive.extend(inconclusive);
            for mut error in errors {
                error.path.get_or_insert_with(|| file.path.clone());
                error.engine.get_or_insert_with(|| engine.name().to_owned());
                completeness.errors.push(error);
            }
            if own.is_empty() {
                continue;
            }
            fingerprint::assign(&mut own);
            let mut own: Vec<Finding> = own.into_iter().map(|(finding, _)| finding).collect();
            ward_core::suppress::apply_inline(&mut own, file.text.as_bytes());
            findings.extend(own);
        }
    }
    for engine in engines {
        let refined = catch_unwind(AssertUnwindSafe(|| engine.refine_findings(findings)));
        if refined.is_err() {
            completeness.errors.push(ScanError {
                path: None,
                line: None,
                engine: Some(engine.name().to_owned()),
                message: "the engine failed annotating its findings (internal error); they were \
                          kept as they were"
                    .to_owned(),
            });
        }
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
    let result_cache = options.cache.as_ref().and_then(|settings| {
        let root_paths: Vec<PathBuf> = roots.iter().map(|r| r.path.clone()).collect();
        let configs = engines
            .iter()
            .map(|e| (e.name().to_owned(), e.config_hash()))
            .collect();
        // A cache that cannot be opened (a read-only home) costs speed, not results.
        cache::ResultCache::open(settings, &root_paths, configs, cache::build_identity()).ok()
    });
    let config = WalkConfig {
        roots,
        max_file_size: options.max_file_size,
        threads: options.threads,
        include: options.include.clone(),
        exclude: options.exclude.clone(),
    };
    let memory = Context::memory_budget(options);
    let mut ctx = Context::new(engines, options, progress, started);
    ctx.cache = result_cache.as_ref();
    ctx.memory = memory.as_ref();
    let shared = Mutex::new(Accumulated::default());
    ward_source::walk(&config, || {
        let mut worker = Worker {
            ctx: &ctx,
            shared: &shared,
            local: Accumulated::default(),
        };
        move |item| worker.handle(item)
    })?;
    let Accumulated {
        mut findings,
        mut completeness,
        index,
        packages,
    } = shared
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(cache) = result_cache {
        let damaged = cache.damaged.load(Ordering::Relaxed);
        let read = completeness
            .cache
            .as_ref()
            .is_some_and(|c| c.files_read > 0);
        let evicted = cache.finish(index, read);
        let stats = completeness.cache_stats();
        stats.entries_evicted = evicted;
        stats.entries_damaged = damaged;
    }
    project_passes(engines, &mut findings, &mut completeness);
    let mut output = output(engines, findings, completeness, started);
    output.packages = packages.into_iter().map(|(_, p)| p).collect();
    Ok(output)
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
        packages: Vec::new(),
    }
}

mod git;
mod history;
mod image;
mod since;
pub use git::{GitMode, GitRepo, scan_git};
pub use image::{CONFIG_PATH as IMAGE_CONFIG_PATH, image_inventory, scan_image, scan_opened_image};
pub use since::mark_unchanged;

/// The directory a scan of `path` treats as its project root (where `ward.toml` is looked for).
pub fn project_root(path: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(path).ok()?;
    ward_source::find_project_root(&canonical)
}
