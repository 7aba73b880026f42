use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Why a file was seen but not scanned.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// The file contains NUL bytes (and no UTF-16 byte-order mark): it is not text.
    Binary,
    /// The file is larger than the size limit (`scan.max_file_size`).
    TooLarge,
    /// The entry is a symbolic link. Ward never follows links: a link's target inside the root
    /// is scanned at its own path, and a target outside the root is never read.
    Symlink,
    /// A FIFO, socket or device: reading it could block or never end.
    NotRegularFile,
    /// The file is not valid UTF-8 and an engine that claims it can only read text. Recorded
    /// per engine: other engines may still have scanned the file as bytes.
    InvalidUtf8,
    /// A template (a Helm chart's `{{ ... }}`) that is not valid in its format until rendered.
    /// Recorded by the engine that met it; scan the rendered output instead
    /// (`helm template . | ward scan -`).
    Templated,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too-large",
            SkipReason::Symlink => "symlink",
            SkipReason::NotRegularFile => "not-a-regular-file",
            SkipReason::InvalidUtf8 => "invalid-utf8",
            SkipReason::Templated => "templated",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A file that was seen and skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct SkippedFile {
    pub path: String,
    pub reason: SkipReason,
    /// The engine that skipped the file, when only that engine skipped it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
}

/// Something that went wrong: a file that could not be read, a parse error, a rule that failed.
/// The scan goes on; the error makes the scan incomplete.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct ScanError {
    /// The file concerned, relative to the scan root; `None` for errors not about one file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line, when the error is about a place in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The engine that reported the error, if any (walk and read errors have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    pub message: String,
}

impl ScanError {
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScanError {
            path: Some(path.into()),
            line: None,
            engine: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            f.write_str(path)?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            f.write_str(": ")?;
        }
        if let Some(engine) = &self.engine {
            write!(f, "[{engine}] ")?;
        }
        f.write_str(&self.message)
    }
}

/// A check that could decide neither pass nor fail, because a value it needs is unknown at
/// scan time (a Terraform variable without a default, a function Ward does not evaluate).
/// It is neither a finding nor an error: it is counted so a reader knows what was not judged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Inconclusive {
    pub path: String,
    /// 1-based line of the attribute or resource concerned.
    pub line: u32,
    /// The rule that could not decide.
    pub rule_id: String,
    /// Why, e.g. `acl = var.acl has no known value`.
    pub reason: String,
}

/// A budget that cut work short.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Budget {
    /// The whole scan's time limit (`--timeout`).
    Timeout,
    /// The time one engine may spend on one file (`scan.file_time_limit`).
    FileTime,
    /// The memory budget (`--max-memory`).
    Memory,
}

impl Budget {
    pub fn as_str(self) -> &'static str {
        match self {
            Budget::Timeout => "timeout",
            Budget::FileTime => "file-time",
            Budget::Memory => "memory",
        }
    }
}

impl fmt::Display for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Work a budget cut: a file not scanned, or one engine's work on a file stopped early.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Cut {
    pub path: String,
    /// The engine whose work was cut; `None` when the file was not scanned at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    pub budget: Budget,
}

/// What the result cache did in this scan.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct CacheStats {
    /// Files whose bytes were read from disk (new, changed, or not provably unchanged).
    pub files_read: u64,
    /// Files judged without reading them: their size, modification time and inode matched the
    /// cache's index and every engine's result was in the cache.
    pub files_unchanged: u64,
    /// Engine runs on a file (results not in the cache).
    pub engine_runs: u64,
    /// Engine results taken from the cache instead of running the engine.
    pub engine_results_reused: u64,
    /// Result entries written.
    pub entries_written: u64,
    /// Entries found damaged (a torn write, a checksum mismatch) and ignored.
    pub entries_damaged: u64,
    /// Entries removed to keep the cache under its size limit.
    pub entries_evicted: u64,
    /// History scans: commits an earlier complete scan with the same rules read, not walked
    /// again (their findings come from that scan).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub history_commits_reused: u64,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl CacheStats {
    fn merge(&mut self, other: &CacheStats) {
        self.files_read += other.files_read;
        self.files_unchanged += other.files_unchanged;
        self.engine_runs += other.engine_runs;
        self.engine_results_reused += other.engine_results_reused;
        self.entries_written += other.entries_written;
        self.entries_damaged += other.entries_damaged;
        self.entries_evicted += other.entries_evicted;
        self.history_commits_reused += other.history_commits_reused;
    }
}

/// What a scan covered: a partial scan must never look like a clean one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Completeness {
    /// Files the walk found after ignore rules and include/exclude patterns.
    pub files_seen: u64,
    /// Files read and classified (and offered to every engine that claims them).
    pub files_scanned: u64,
    /// Bytes read from scanned files.
    pub bytes_scanned: u64,
    /// Number of skipped files per reason.
    pub skipped: BTreeMap<SkipReason, u64>,
    /// Every skipped file with its reason, sorted by path.
    pub skipped_files: Vec<SkippedFile>,
    /// Every error, sorted by path and line.
    pub errors: Vec<ScanError>,
    /// Checks that met unknown values and decided nothing, sorted by path and line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inconclusive: Vec<Inconclusive>,
    /// Work a budget (time, memory) cut, by file and engine, sorted. Each cut is also an error,
    /// so a cut scan is incomplete (`--fail-closed` exits 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cut: Vec<Cut>,
    /// What the result cache did; `None` when the scan ran without a cache.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<CacheStats>,
}

impl Completeness {
    /// A scan is complete when nothing went wrong (skips by design do not count).
    pub fn is_complete(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    pub fn skip(&mut self, path: impl Into<String>, reason: SkipReason) {
        *self.skipped.entry(reason).or_insert(0) += 1;
        self.skipped_files.push(SkippedFile {
            path: path.into(),
            reason,
            engine: None,
        });
    }

    /// Records that one engine did not see a file that others may have scanned.
    pub fn skip_for_engine(&mut self, path: impl Into<String>, reason: SkipReason, engine: &str) {
        *self.skipped.entry(reason).or_insert(0) += 1;
        self.skipped_files.push(SkippedFile {
            path: path.into(),
            reason,
            engine: Some(engine.to_owned()),
        });
    }

    /// Records work a budget cut: a typed entry in [`Completeness::cut`] and an error saying
    /// what was not done.
    pub fn cut(&mut self, path: &str, engine: Option<&str>, budget: Budget, detail: &str) {
        self.cut.push(Cut {
            path: path.to_owned(),
            engine: engine.map(str::to_owned),
            budget,
        });
        let what = if engine.is_some() {
            "the engine's work on this file was cut short"
        } else {
            "this file was not scanned"
        };
        self.errors.push(ScanError {
            path: Some(path.to_owned()),
            line: None,
            engine: engine.map(str::to_owned),
            message: format!("{what}: {detail}; findings in it may be missing"),
        });
    }

    /// The cache counters, created on first use.
    pub fn cache_stats(&mut self) -> &mut CacheStats {
        self.cache.get_or_insert_with(CacheStats::default)
    }

    /// Adds another record into this one (used to merge per-thread records).
    pub fn merge(&mut self, other: Completeness) {
        if let Some(stats) = &other.cache {
            self.cache_stats().merge(stats);
        }
        self.cut.extend(other.cut);
        self.files_seen += other.files_seen;
        self.files_scanned += other.files_scanned;
        self.bytes_scanned += other.bytes_scanned;
        for (reason, count) in other.skipped {
            *self.skipped.entry(reason).or_insert(0) += count;
        }
        self.skipped_files.extend(other.skipped_files);
        self.errors.extend(other.errors);
        self.inconclusive.extend(other.inconclusive);
    }

    /// Sorts the lists so output is deterministic whatever the thread interleaving.
    pub fn sort(&mut self) {
        self.skipped_files.sort();
        self.errors.sort();
        self.errors.dedup();
        self.inconclusive.sort();
        self.inconclusive.dedup();
        self.cut.sort();
        self.cut.dedup();
    }
}
