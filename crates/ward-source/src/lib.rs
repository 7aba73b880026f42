//! Ward's sources: where the files of a scan come from.
//!
//! Today this is the directory walk: one parallel pass over the roots that honours
//! `.gitignore`, `.ignore` and `.wardignore`, scans dotfiles, never enters `.git/`, never follows
//! a symbolic link, and reads each file once (skipping binary and oversized files with a
//! reason). Git history, staged changes and container images arrive here as further sources.
//! This crate depends only on `ward-core`; it knows nothing of engines or reports.

pub mod git;
mod read;
mod walk;

pub use git::{
    CommitInfo, GitBlob, GitError, GitSource, HistoryRange, HistoryScan, HistoryWalk, Snapshot,
};
pub use read::{Content, ReadOutcome, classify, classify_plain, read_file};
pub use walk::{
    Candidate, Item, Root, WalkConfig, WalkSetupError, display_path, find_project_root, walk,
};
