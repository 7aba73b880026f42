//! Scans of git objects rather than files: the unique blobs of a repository's history (each
//! scanned once, attributed to the commit that introduced it), or the staged blobs (the
//! pre-commit use case). The blobs flow through the same engines as files do.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use ward_core::{Engine, Finding, ScanError};
use ward_source::{GitBlob, GitSource, HistoryRange, ReadOutcome};

use crate::{Accumulated, Context, Progress, ScanOptions, ScanOutput, ScanSetupError, Worker};

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

/// Scans a repository's history or staged changes with `engines`.
///
/// In history mode, a secret that stays in a file across many commits is one finding, at the
/// commit that introduced it (the same fingerprint as in the working tree: path and secret).
pub fn scan_git(
    repo_path: &Path,
    mode: &GitMode,
    options: &ScanOptions,
    engines: &[Box<dyn Engine>],
    progress: Option<&Progress>,
) -> Result<ScanOutput, ScanSetupError> {
    let started = Instant::now();
    let source = GitSource::open(repo_path)?;
    let (blobs, warnings) = match mode {
        GitMode::History(range) => {
            let history = source.history(range)?;
            (history.blobs, history.warnings)
        }
        GitMode::Staged => (source.staged()?, Vec::new()),
    };
    let shared = Mutex::new(Accumulated::default());
    let next = AtomicUsize::new(0);
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let memory = Context::memory_budget(options);
    let mut ctx = Context::new(engines, options, progress, started);
    ctx.memory = memory.as_ref();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(blobs.len().max(1)) {
            scope.spawn(|| {
                let mut worker = Worker {
                    ctx: &ctx,
                    shared: &shared,
                    local: Accumulated::default(),
                };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(blob) = blobs.get(i) else { break };
                    scan_blob(&source, blob, i, &mut worker);
                }
            });
        }
    });
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
    Ok(crate::output(
        engines,
        earliest_per_fingerprint(findings),
        completeness,
        started,
    ))
}

/// Key in `detail.extra` holding a blob's place in history order while findings are merged;
/// removed before the findings leave this module.
const ORDER_KEY: &str = "_history_order";

fn scan_blob(source: &GitSource, blob: &GitBlob, order: usize, worker: &mut Worker<'_>) {
    worker.local.completeness.files_seen += 1;
    let bytes = match source.read_blob(&blob.id) {
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
    // A key store is binary: the engines that want it see its bytes.
    let binary_wanted = worker.wants_binary(&blob.path).then(|| bytes.clone());
    match ward_source::classify(bytes, worker.ctx.max_file_size) {
        ReadOutcome::Skipped(ward_core::SkipReason::Binary) if binary_wanted.is_some() => {
            let bytes = binary_wanted.unwrap_or_default();
            let added = worker.scan_binary(&blob.path, Path::new(&blob.path), &bytes);
            let start = worker.local.findings.len() - added;
            for finding in &mut worker.local.findings[start..] {
                annotate(finding, blob);
                finding.detail.extra.insert(ORDER_KEY.into(), order.into());
            }
        }
        ReadOutcome::Skipped(reason) => {
            worker.local.completeness.skip(blob.path.clone(), reason);
        }
        ReadOutcome::Failed(message) => {
            worker
                .local
                .completeness
                .errors
                .push(ScanError::file(blob.path.clone(), message));
        }
        ReadOutcome::Read(content) => {
            // The version this blob replaced, when it is text: only what changed needs a search.
            let previous = blob
                .previous
                .as_deref()
                .and_then(|id| source.read_blob(id).ok())
                .and_then(
                    |bytes| match ward_source::classify(bytes, worker.ctx.max_file_size) {
                        ReadOutcome::Read(previous) => Some(previous),
                        _ => None,
                    },
                );
            let added = worker.scan_version(
                &blob.path,
                Path::new(&blob.path),
                &content,
                previous.as_ref().map(|p| p.bytes.as_slice()),
            );
            let start = worker.local.findings.len() - added;
            for finding in &mut worker.local.findings[start..] {
                annotate(finding, blob);
                finding.detail.extra.insert(ORDER_KEY.into(), order.into());
            }
        }
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
