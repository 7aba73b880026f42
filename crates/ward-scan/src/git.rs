//! Scans of git objects rather than files: the unique blobs of a repository's history (each
//! scanned once, attributed to the commit that introduced it), or the staged blobs (the
//! pre-commit use case). The blobs flow through the same engines as files do.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use ward_core::{Engine, Finding, ScanError, SkipReason};
use ward_source::{GitBlob, GitSource, HistoryRange, ReadOutcome};

use crate::{
    Accumulated, Context, Progress, ScanOptions, ScanOutput, ScanSetupError, Worker, history,
};

/// What part of a repository to scan.
#[derive(Debug, Clone)]
pub enum GitMode {
    /// Every commit reachable from all refs, or a range of them.
    History(HistoryRange),
    /// The staged content (the index) where it differs from `HEAD`.
    Staged,
}

impl From<ward_source::GitError> for ScanSetupError {
    fn from(err: ward_source::GitError) -> Self {
        ScanSetupError::Git(err.to_string())
    }
}

/// A repository opened for a scan of its history or staged changes. For a history scan its
/// packs are decoded on a thread of their own from the moment it is opened, so that the work
/// overlaps whatever the caller does before scanning (building the engines compiles their
/// rules).
#[derive(Debug)]
pub struct GitRepo {
    source: Arc<GitSource>,
    interrupt: Arc<AtomicBool>,
    preload: Option<std::thread::JoinHandle<()>>,
}

impl GitRepo {
    /// Opens the repository containing `path` for a scan in `mode`.
    pub fn open(path: &Path, mode: &GitMode) -> Result<GitRepo, ScanSetupError> {
        let source = Arc::new(GitSource::open(path)?);
        let interrupt = Arc::new(AtomicBool::new(false));
        let preload = matches!(mode, GitMode::History(_)).then(|| {
            let (source, interrupt) = (Arc::clone(&source), Arc::clone(&interrupt));
            std::thread::spawn(move || source.preload(&interrupt))
        });
        Ok(GitRepo {
            source,
            interrupt,
            preload,
        })
    }

    /// Waits for the packs to be decoded; when they are not `wanted`, stops the decoding first.
    fn finish_preload(&mut self, wanted: bool) {
        if !wanted {
            self.interrupt.store(true, Ordering::Relaxed);
        }
        if let Some(preload) = self.preload.take() {
            // A panic in the decoding thread leaves objects to be read one by one.
            let _ = preload.join();
        }
    }
}

impl Drop for GitRepo {
    fn drop(&mut self) {
        // Not scanned after all (the engines failed to build): stop decoding.
        self.interrupt.store(true, Ordering::Relaxed);
    }
}

/// Scans a repository's history or staged changes with `engines`.
///
/// In history mode, a secret that stays in a file across many commits is one finding, at the
/// commit that introduced it (the same fingerprint as in the working tree: path and secret).
pub fn scan_git(
    mut repo: GitRepo,
    repo_path: &Path,
    mode: &GitMode,
    options: &ScanOptions,
    engines: &[Box<dyn Engine>],
    progress: Option<&Progress>,
) -> Result<ScanOutput, ScanSetupError> {
    let started = Instant::now();
    // A full history scan reads only the commits an earlier one with the same rules did not.
    let memory_path = match mode {
        GitMode::History(HistoryRange::All) => history::location(repo_path, options, engines),
        _ => None,
    };
    let memory = memory_path.as_deref().and_then(history::load);
    let (range, mut previous) = match (mode, &memory) {
        (GitMode::History(HistoryRange::All), Some(memory)) => (
            Some(HistoryRange::After(memory.tips.clone())),
            Some(memory.clone()),
        ),
        (GitMode::History(range), _) => (Some(range.clone()), None),
        (GitMode::Staged, _) => (None, None),
    };
    // The few commits since a remembered scan are read on demand.
    repo.finish_preload(previous.is_none());
    let source = &*repo.source;
    match run(source, range.as_ref(), options, engines, progress, started) {
        // History was rewritten under the earlier scan (a force push, a deleted branch): what
        // it read is no longer all of history; read everything again.
        Err(ScanSetupError::Git(_)) if previous.is_some() => {
            previous = None;
            run(
                source,
                Some(&HistoryRange::All),
                options,
                engines,
                progress,
                started,
            )
        }
        other => other,
    }
    .map(|(output, tips)| remember(engines, output, tips, previous, memory_path.as_deref()))
}

/// Merges an earlier scan's findings into this one's and remembers the result when the scan
/// was complete.
fn remember(
    engines: &[Box<dyn Engine>],
    mut output: ScanOutput,
    tips: Option<(Vec<String>, usize)>,
    previous: Option<history::Memory>,
    memory_path: Option<&Path>,
) -> ScanOutput {
    let Some((tips, commits)) = tips else {
        return output;
    };
    let mut commits = commits as u64;
    if let Some(previous) = previous {
        commits += previous.commits;
        output.completeness.cache_stats().history_commits_reused += previous.commits;
        // The earlier findings come first: they were introduced in older commits.
        let mut merged = previous.findings;
        for (i, finding) in merged.iter_mut().enumerate() {
            finding.detail.extra.insert(ORDER_KEY.into(), i.into());
        }
        // This scan's findings are one per secret already, each after all the earlier ones.
        let offset = merged.len();
        for (i, mut finding) in output.findings.drain(..).enumerate() {
            finding
                .detail
                .extra
                .insert(ORDER_KEY.into(), (offset + i).into());
            merged.push(finding);
        }
        output.findings = earliest_per_fingerprint(merged);
        output
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        output.rules = crate::rules_with_findings(engines, &output.findings);
    }
    let complete = output.completeness.is_complete() && output.completeness.cut.is_empty();
    if let (Some(path), true) = (memory_path, complete) {
        history::store(
            path,
            &history::Memory {
                tips,
                commits,
                findings: output.findings.clone(),
            },
        );
    }
    output
}

/// One scan of `range` (`None`: the staged changes); the tips and commit count of a history
/// walk.
#[allow(clippy::type_complexity)]
fn run(
    source: &GitSource,
    range: Option<&HistoryRange>,
    options: &ScanOptions,
    engines: &[Box<dyn Engine>],
    progress: Option<&Progress>,
    started: Instant,
) -> Result<(ScanOutput, Option<(Vec<String>, usize)>), ScanSetupError> {
    let shared = Mutex::new(Accumulated::default());
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let memory = Context::memory_budget(options);
    let mut ctx = Context::new(engines, options, progress, started);
    ctx.memory = memory.as_ref();
    // The walk hands blobs over as it finds them: scanning starts while it goes on.
    let (sender, receiver) = crossbeam_channel::unbounded::<(usize, GitBlob)>();
    let walked = std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let receiver = receiver.clone();
            let (ctx, shared, source) = (&ctx, &shared, &source);
            scope.spawn(move || {
                let mut worker = Worker {
                    ctx,
                    shared,
                    local: Accumulated::default(),
                };
                for (i, blob) in receiver {
                    scan_blob(source, &blob, i, &mut worker);
                }
            });
        }
        drop(receiver);
        let mut next = 0;
        let mut send = |blob: GitBlob| {
            // The receivers outlive the walk: sending cannot fail.
            let _ = sender.send((next, blob));
            next += 1;
        };
        let walked = match range {
            Some(range) => source
                .history_each(range, &mut send)
                .map(|walk| (walk.warnings, Some((walk.tips, walk.commits)))),
            None => source.staged().map(|blobs| {
                blobs.into_iter().for_each(&mut send);
                (Vec::new(), None)
            }),
        };
        drop(sender);
        walked
    });
    let (warnings, tips) = walked?;
    let walk_complete = warnings.is_empty();
    let Accumulated {
        mut findings,
        mut completeness,
        ..
    } = shared
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Staged scans run every engine: what needs several staged files (a Terraform module)
    // is judged on the staged versions together.
    crate::project_passes(engines, &mut findings, &mut completeness);
    for warning in warnings {
        completeness.errors.push(ScanError {
            path: None,
            line: None,
            engine: None,
            message: warning,
        });
    }
    let output = crate::output(
        engines,
        earliest_per_fingerprint(findings),
        completeness,
        started,
    );
    // Walk warnings are in the completeness record as errors: such a scan is not remembered.
    Ok((output, tips.filter(|_| walk_complete)))
}

/// Key in `detail.extra` holding a blob's place in history order while findings are merged;
/// removed before the findings leave this module.
const ORDER_KEY: &str = "_history_order";

fn scan_blob(source: &GitSource, blob: &GitBlob, order: usize, worker: &mut Worker<'_>) {
    worker.local.completeness.files_seen += 1;
    let bytes = match source.blob(&blob.id) {
        Ok(bytes) => bytes,
        Err(err) => {
            worker
                .local
                .completeness
                .errors
                .push(ScanError::file(blob.path.clone(), err.to_string()));
            return;
        }
    };
    let max_size = worker.ctx.max_file_size;
    let added = match ward_source::classify_plain(&bytes, max_size) {
        // Most blobs: searched where they are (the decoded pack), not copied.
        Some(Ok(is_utf8)) => {
            let text = if is_utf8 {
                std::str::from_utf8(&bytes).ok()
            } else {
                None
            };
            let previous = previous_version(source, blob, max_size);
            worker.scan_bytes(
                &blob.path,
                Path::new(&blob.path),
                &bytes,
                text,
                bytes.len() as u64,
                previous.as_deref(),
            )
        }
        // A key store is binary: the engines that want it see its bytes.
        Some(Err(SkipReason::Binary)) if worker.wants_binary(&blob.path) => {
            worker.scan_binary(&blob.path, Path::new(&blob.path), &bytes)
        }
        Some(Err(reason)) => {
            worker.local.completeness.skip(blob.path.clone(), reason);
            0
        }
        // A byte-order mark: converted on a copy.
        None => match ward_source::classify(bytes.into_owned(), max_size) {
            ReadOutcome::Skipped(reason) => {
                worker.local.completeness.skip(blob.path.clone(), reason);
                0
            }
            ReadOutcome::Failed(message) => {
                worker
                    .local
                    .completeness
                    .errors
                    .push(ScanError::file(blob.path.clone(), message));
                0
            }
            ReadOutcome::Read(content) => {
                let previous = previous_version(source, blob, max_size);
                worker.scan_version(
                    &blob.path,
                    Path::new(&blob.path),
                    &content,
                    previous.as_deref(),
                )
            }
        },
    };
    let start = worker.local.findings.len() - added;
    for finding in &mut worker.local.findings[start..] {
        annotate(finding, blob);
        finding.detail.extra.insert(ORDER_KEY.into(), order.into());
    }
}

/// The version `blob` replaced, when it is text: only what changed needs a search.
fn previous_version<'s>(
    source: &'s GitSource,
    blob: &GitBlob,
    max_size: u64,
) -> Option<std::borrow::Cow<'s, [u8]>> {
    let bytes = source.blob(blob.previous.as_deref()?).ok()?;
    match ward_source::classify_plain(&bytes, max_size)? {
        Ok(_) => Some(bytes),
        Err(_) => None,
    }
}

/// Records where in history a finding was introduced.
fn annotate(finding: &mut Finding, blob: &GitBlob) {
    let extra = &mut finding.detail.extra;
    extra.insert("blob".into(), blob.id.clone().into());
    if let Some(commit) = &blob.commit {
        extra.insert(
            "commit".into(),
            serde_json::json!({
                "id": commit.id,
                "author": commit.author_name,
                "email": commit.author_email,
                "time": commit.time,
                "date": ward_core::time::iso_datetime(commit.time),
                "summary": commit.summary,
            }),
        );
        let short: String = commit.id.chars().take(12).collect();
        finding.message = format!(
            "{} Introduced in commit {short} by {} ({}).",
            finding.message, commit.author_name, commit.summary
        );
    } else {
        extra.insert("staged".into(), true.into());
    }
}

/// The blob's place in history order (oldest first, as the git source lists blobs).
fn history_order(finding: &Finding) -> u64 {
    finding
        .detail
        .extra
        .get(ORDER_KEY)
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(u64::MAX)
}

/// One finding per secret: the earliest. A secret kept while the rest of its file changes is
/// in many blobs, and one that moved with a renamed file is under two paths; it was introduced
/// once. The path-free content fingerprint (rule and keyed secret hash) says "the same secret".
fn earliest_per_fingerprint(findings: Vec<Finding>) -> Vec<Finding> {
    let mut best: HashMap<String, Finding> = HashMap::new();
    for finding in findings {
        match best.get(&finding.fingerprint.content) {
            Some(kept) if history_order(kept) <= history_order(&finding) => {}
            _ => {
                best.insert(finding.fingerprint.content.clone(), finding);
            }
        }
    }
    best.into_values()
        .map(|mut finding| {
            finding.detail.extra.remove(ORDER_KEY);
            finding
        })
        .collect()
}
