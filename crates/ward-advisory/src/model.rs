//! What the index keeps of an advisory, for one package: the matching data and what a finding
//! shows. Plain serde types without `skip_serializing_if`, so the compact binary encoding
//! (postcard, not self-describing) reads back what it wrote.

use serde::{Deserialize, Serialize};

/// One advisory as it applies to one package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advisory {
    pub id: String,
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    /// The start of the advisory's text (for `ward explain`), cut at a paragraph.
    pub details: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// CVSS vectors as published (any version).
    pub cvss: Vec<String>,
    /// The database's own severity word, when it gives one.
    pub database_severity: Option<String>,
    /// RustSec's `informational` kind (`unmaintained`, `unsound`, `notice`): not a vulnerability.
    pub informational: Option<String>,
    pub references: Vec<String>,
    /// The OSV ecosystem name as the record wrote it.
    pub ecosystem: String,
    pub package: String,
    pub ranges: Vec<Range>,
    /// Explicitly affected versions, in the ecosystem's canonical text
    /// ([`crate::Ecosystem::canonical`]).
    pub versions: Vec<String>,
    /// RustSec native records: version requirements that are not affected (patched and
    /// unaffected); a version matching none of them is affected.
    pub unaffected_reqs: Vec<String>,
    /// RustSec native records: the patched requirements (where fixes come from).
    pub patched_reqs: Vec<String>,
    /// RustSec native records without `patched` nor `unaffected`: every version is affected.
    pub all_versions: bool,
    /// Affected functions or symbols, for reachability, each with the versions where it is
    /// the vulnerable code (see [`crate::matching::functions_at`]).
    pub functions: Vec<AffectedFunction>,
    pub kev: Option<KevEntry>,
    pub epss: Option<EpssEntry>,
}

/// A function an advisory names as the vulnerable code: a Rust path (`time::at`) or a Go
/// `import/path.Symbol`, and the versions of the package where calling it is the problem.
/// Advisories often name different functions in different versions (a function renamed, or
/// added later and vulnerable in its first releases only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AffectedFunction {
    /// Empty for an `affected[]` entry that names no function beside entries that do: where
    /// its ranges apply, any use of the package counts.
    pub path: String,
    /// RustSec's native format: Cargo version requirements where this function is affected
    /// (`"time::at" = ["^0.1"]`); any one matching is enough. Empty: see `ranges`.
    pub reqs: Vec<String>,
    /// OSV records that give a package several `affected[]` entries: the ranges of the entry
    /// that named this function. Empty too: wherever the advisory applies.
    pub ranges: Vec<Range>,
}

impl AffectedFunction {
    /// A function affected wherever its advisory applies.
    pub fn everywhere(path: impl Into<String>) -> Self {
        AffectedFunction {
            path: path.into(),
            reqs: Vec::new(),
            ranges: Vec::new(),
        }
    }

    /// Whether the record said nothing about where this function is affected.
    pub fn is_everywhere(&self) -> bool {
        self.reqs.is_empty() && self.ranges.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RangeKind {
    Semver,
    Ecosystem,
    Git,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Range {
    pub kind: RangeKind,
    pub repo: Option<String>,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Introduced(String),
    Fixed(String),
    LastAffected(String),
    Limit(String),
}

impl Event {
    pub fn version(&self) -> &str {
        match self {
            Event::Introduced(v) | Event::Fixed(v) | Event::LastAffected(v) | Event::Limit(v) => v,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KevEntry {
    pub cve: String,
    pub date_added: String,
    pub due_date: Option<String>,
    pub ransomware_known: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EpssEntry {
    pub probability: f64,
    pub percentile: f64,
}

impl Advisory {
    /// Every id of the advisory: its own, then its aliases.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Takes the per-function versions of another copy of the same advisory where this one
    /// has none: RustSec publishes each advisory twice, and only its native format says in
    /// which versions each function is affected (the OSV copy lists the bare names).
    pub fn take_function_versions(&mut self, other: &Advisory) {
        for function in self.functions.iter_mut().filter(|f| f.is_everywhere()) {
            if let Some(known) = other
                .functions
                .iter()
                .find(|o| o.path == function.path && !o.is_everywhere())
            {
                function.reqs.clone_from(&known.reqs);
                function.ranges.clone_from(&known.ranges);
            }
        }
        if self.functions.is_empty() {
            self.functions.clone_from(&other.functions);
        }
    }

    /// The CVE ids among the advisory's ids.
    pub fn cves(&self) -> impl Iterator<Item = &str> {
        self.ids().filter(|id| id.starts_with("CVE-"))
    }
}
