//! The contract between the scan pipeline and an engine.
//!
//! The trait lives here, at the bottom of the workspace, so that engines depend only on
//! `ward-core` (and the shared crates on its floor) while `ward-scan`, above them, holds the one
//! explicit list of engines. `ward-scan` re-exports it as `ward_scan::Engine`.

use std::path::Path;
use std::time::Instant;

use sha2::{Digest, Sha256};

use crate::{Finding, Inconclusive, Notice, RuleDoc, ScanError, SkipReason};

/// One file offered to an engine. The pipeline reads each file once and offers the same bytes
/// to every engine that claims it.
#[derive(Debug, Clone, Copy)]
pub struct FileInput<'a> {
    /// Path relative to the scan root with `/` separators, as findings should name it.
    pub path: &'a str,
    /// Path on disk (for messages and engines that need the file name or extension).
    pub fs_path: &'a Path,
    /// The file's content. UTF-16 files (with a byte-order mark) arrive already converted to UTF-8.
    pub bytes: &'a [u8],
    /// The content as text, when it is valid UTF-8.
    pub text: Option<&'a str>,
}

/// What an engine reports for one file: findings (each with its fingerprint identity) and errors.
#[derive(Debug, Default)]
pub struct FileOutput {
    pub(crate) findings: Vec<(Finding, String)>,
    pub(crate) errors: Vec<ScanError>,
    pub(crate) skipped: Option<SkipReason>,
    pub(crate) inconclusive: Vec<Inconclusive>,
    pub(crate) uncacheable: bool,
    pub(crate) state: Option<Vec<u8>>,
    pub(crate) deadline: Option<Instant>,
    pub(crate) packages: Vec<crate::sbom::InventoryPackage>,
}

impl FileOutput {
    /// Reports a finding. `identity` is what makes the problem this problem, independent of its
    /// position (see [`crate::fingerprint`]); the pipeline computes the fingerprint from it.
    pub fn finding(&mut self, finding: Finding, identity: impl Into<String>) {
        self.findings.push((finding, identity.into()));
    }

    /// Reports an error about this file (a parse error, a rule that failed). The scan goes on.
    pub fn error(&mut self, error: ScanError) {
        self.errors.push(error);
    }

    /// Records that the engine did not judge this file, and why (a Helm template that is not
    /// YAML until rendered). Not an error: the completeness record lists it as skipped.
    pub fn skip(&mut self, reason: SkipReason) {
        self.skipped = Some(reason);
    }

    /// Records a check that could decide neither pass nor fail (an unknown value).
    pub fn inconclusive(&mut self, record: Inconclusive) {
        self.inconclusive.push(record);
    }

    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
            && self.errors.is_empty()
            && self.skipped.is_none()
            && self.inconclusive.is_empty()
    }

    /// Takes the findings (with identities) and errors out, leaving this output empty.
    pub fn take(&mut self) -> (Vec<(Finding, String)>, Vec<ScanError>) {
        (
            std::mem::take(&mut self.findings),
            std::mem::take(&mut self.errors),
        )
    }

    /// Lists a package the file records (engines building an inventory for an SBOM). The
    /// source decides which packages count (an image keeps those of the files present at its
    /// end) and adds where they were found (the image layer).
    pub fn package(&mut self, package: crate::sbom::InventoryPackage) {
        self.packages.push(package);
    }

    /// Takes the listed packages out.
    pub fn take_packages(&mut self) -> Vec<crate::sbom::InventoryPackage> {
        std::mem::take(&mut self.packages)
    }

    /// Takes the skip reason and the inconclusive checks out, leaving them empty.
    pub fn take_coverage(&mut self) -> (Option<SkipReason>, Vec<Inconclusive>) {
        (self.skipped.take(), std::mem::take(&mut self.inconclusive))
    }

    /// Says that this output depends on more than the file's bytes and the engine's
    /// [`Engine::config_hash`] (a file the engine read itself, a time limit that cut the work, a
    /// database that could not be opened): the result cache must not keep it.
    pub fn uncacheable(&mut self) {
        self.uncacheable = true;
    }

    /// Whether [`FileOutput::uncacheable`] was called.
    pub fn is_uncacheable(&self) -> bool {
        self.uncacheable
    }

    /// Per-file state the engine needs again when this result is replayed from the cache
    /// instead of scanning the file (see [`Engine::replay_state`]): what its whole-scan
    /// summary ([`Engine::notices`]) counts. Small; never a secret.
    pub fn state(&mut self, state: Vec<u8>) {
        self.state = Some(state);
    }

    /// Takes the state out.
    pub fn take_state(&mut self) -> Option<Vec<u8>> {
        self.state.take()
    }

    /// An output whose engine should stop by `deadline` (the per-file time limit, or the end of
    /// the scan's time budget).
    pub fn with_deadline(deadline: Option<Instant>) -> Self {
        FileOutput {
            deadline,
            ..FileOutput::default()
        }
    }

    /// When the engine should stop working on this file, if there is a limit. Long-running
    /// engines check it between steps and stop early; the pipeline records the cut.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Whether the deadline has passed.
    pub fn out_of_time(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// Builds an engine's [`Engine::config_hash`]: a SHA-256 over length-prefixed parts (rule file
/// names and texts, settings), so two different configurations never hash alike by
/// concatenation.
#[derive(Clone, Default)]
pub struct ConfigHasher(Sha256);

impl std::fmt::Debug for ConfigHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ConfigHasher")
    }
}

impl ConfigHasher {
    /// A hasher seeded with the engine's name.
    pub fn new(engine: &str) -> Self {
        let mut hasher = ConfigHasher(Sha256::new());
        hasher.add(engine.as_bytes());
        hasher
    }

    /// Adds one part.
    pub fn add(&mut self, part: impl AsRef<[u8]>) -> &mut Self {
        let part = part.as_ref();
        self.0.update((part.len() as u64).to_le_bytes());
        self.0.update(part);
        self
    }

    /// The hash, as lowercase hex.
    pub fn finish(&self) -> String {
        use std::fmt::Write;
        let digest = self.0.clone().finalize();
        digest.iter().fold(String::with_capacity(64), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
    }
}

/// What a project pass reports about one file (see [`Engine::project_pass`]).
#[derive(Debug, Default)]
pub struct ProjectFileOutput {
    /// The file's path, as [`FileInput::path`] gave it.
    pub path: String,
    /// The file's text, for its inline `ward:ignore` comments.
    pub text: String,
    pub out: FileOutput,
}

/// An engine judges files. It knows nothing of the CLI, reports or server.
pub trait Engine: Send + Sync {
    /// Short lowercase name, used in `ward.toml` `[engines]`, rule ids and reports.
    fn name(&self) -> &'static str;

    /// Documentation of every rule this engine can report.
    fn rules(&self) -> Vec<crate::RuleDoc>;

    /// Whether this engine wants to see this file. Decided on the path and, where the name is
    /// not enough (a shebang script, a Kubernetes manifest among other YAML), on the content.
    fn claims(&self, file: &FileInput<'_>) -> bool;

    /// Whether the engine can only work on valid UTF-8. Files that are not valid UTF-8 are then
    /// not offered to it, and the pipeline records why.
    fn needs_utf8(&self) -> bool {
        true
    }

    /// Whether the engine looks at old versions of files in a git history scan. Secrets stay
    /// exploitable after the line is deleted; most other problems do not.
    fn scans_history(&self) -> bool {
        false
    }

    /// Whether the engine wants the file at `path` even though it is binary (the pipeline
    /// skips binary files otherwise): a key store, known by its name. Such a file is offered to
    /// [`Self::scan_file`] as bytes (`text: None`); the engine checks the content itself.
    fn scans_binary(&self, path: &str) -> bool {
        let _ = path;
        false
    }

    /// Problems found while the engine was built that did not stop it (an invalid rule among
    /// valid ones). The pipeline adds them to every scan's completeness record.
    fn setup_errors(&self) -> Vec<ScanError> {
        Vec::new()
    }

    /// Scans one file. Must not panic on any input; report problems with [`FileOutput::error`].
    fn scan_file(&self, file: &FileInput<'_>, out: &mut FileOutput);

    /// The documentation of one rule. Engines whose rules are data (one per advisory) and too
    /// many to list answer here for the ids they reported; the default searches [`Self::rules`].
    fn rule_doc(&self, id: &str) -> Option<RuleDoc> {
        self.rules().into_iter().find(|rule| rule.id == id)
    }

    /// Notices about the whole scan, asked once after every file was scanned (a check that
    /// could not run, such as dependencies not checked for want of an advisory database).
    fn notices(&self) -> Vec<Notice> {
        Vec::new()
    }

    /// A pass over what the engine kept of the files it scanned, once every file of the scan
    /// was offered: what needs more than one file (a Terraform module's variables, locals and
    /// child modules spread over several files). Findings are per file; the pipeline
    /// fingerprints them and applies inline suppressions as for [`Self::scan_file`]'s. An engine
    /// that keeps state for it must drain it here. Not called in history scans.
    fn project_pass(&self) -> Vec<ProjectFileOutput> {
        Vec::new()
    }

    /// Annotates this engine's findings with what only the whole scan shows, after every
    /// project pass (the dependency engine: whether the project's code reaches a vulnerable
    /// function). `findings` holds every finding of the scan, replayed from the cache
    /// included; an engine changes only its own, and never their fingerprints. Not called in
    /// history scans.
    fn refine_findings(&self, findings: &mut [Finding]) {
        let _ = findings;
    }

    /// Scans a new version of a file whose previous version (`previous`: the same path in a
    /// parent commit) was scanned before, in history scans. An engine may search only around
    /// what changed, but must report every problem the new version has that the previous one
    /// had not (it may report old ones again: the pipeline keeps the earliest). The default
    /// scans the whole file.
    fn scan_file_changed(&self, file: &FileInput<'_>, previous: &[u8], out: &mut FileOutput) {
        let _ = previous;
        self.scan_file(file, out);
    }

    /// A stable hash of everything besides a file's path and bytes that this engine's result on
    /// that file depends on: its rules (their texts, built-in or the project's) and settings
    /// (see [`ConfigHasher`]). The result cache keys each engine's results by it, so a changed
    /// rule re-runs exactly that engine. `None` (the default): the engine's results are never
    /// cached, and every scan runs it.
    fn config_hash(&self) -> Option<String> {
        None
    }

    /// Hands back the state an engine recorded with [`FileOutput::state`] when the pipeline
    /// replays a cached result for `path` instead of scanning it, so the engine's whole-scan
    /// bookkeeping (what [`Engine::notices`] reports) counts that file too.
    fn replay_state(&self, path: &str, state: &[u8]) {
        let _ = (path, state);
    }
}

/// Looks up a rule's documentation among a set of engines.
pub fn find_rule(engines: &[Box<dyn Engine>], id: &str) -> Option<RuleDoc> {
    engines.iter().find_map(|engine| engine.rule_doc(id))
}
