//! Ward's dependency engine: the inventory of a project's lockfiles, matched offline against
//! the advisory index.
//!
//! This crate owns the lockfile parsers ([`lockfile`]: one file per format, each package with
//! its line, direct/dev flags and dependency path where the file records them) and the
//! [`DepsEngine`], which turns each affected package into a finding with a typed
//! [`ward_core::Vulnerability`]. Advisories, version orderings and the index belong to
//! `ward-advisory`; this crate depends only on it, `ward-lang` (parsing the project's source
//! for reachability, `reach`) and `ward-core`, never on another engine, `ward-scan` or the
//! CLI. A missing index never reads as "no vulnerabilities": the lockfiles
//! are still parsed and a notice says they were not checked.

pub mod binary;
mod engine;
pub mod installed;
pub mod lockfile;
pub mod os;
mod os_check;
mod reach;

pub use engine::DepsEngine;
