//! Ward's finding model, shared by every engine, source, renderer and the server.
//!
//! This crate owns the plain data that flows through a scan: [`Finding`] (with its
//! [`Location`], [`Severity`], [`Confidence`] and [`Fingerprint`]), the documentation of a rule
//! ([`RuleDoc`]), the [`Completeness`] record of a scan, the [`Engine`] trait every engine
//! implements, and the [`ScanReport`] that renderers turn into output. It sits at the bottom of
//! the workspace: it must not depend on any other `ward-*` crate, and it keeps its own
//! dependencies light (serde, a hash, schemars for the JSON Schema of the report).

mod completeness;
mod dataflow;
mod engine;
mod finding;
pub mod fingerprint;
mod iac;
mod report;
mod risk;
mod rule;
pub mod sbom;
mod severity;
mod vulnerability;

pub use completeness::{
    Budget, CacheStats, Completeness, Cut, Inconclusive, ScanError, SkipReason, SkippedFile,
};
pub use dataflow::{Dataflow, DataflowStep};
pub use engine::{ConfigHasher, Engine, FileInput, FileOutput, ProjectFileOutput, find_rule};
pub use finding::{
    Detail, Finding, LineIndex, Location, SecretDetail, Span, Suppression, SuppressionKind,
};
pub mod suppress;
pub mod time;
pub use fingerprint::Fingerprint;
pub use iac::IacDetail;
pub use report::{
    GateOutcome, GateReason, Notice, NoticeKind, REPORT_VERSION, ScanReport, ToolInfo,
};
pub use risk::{Risk, RiskBase};
pub use rule::RuleDoc;
pub use severity::{Confidence, ParseLevelError, Severity};
pub use vulnerability::{Cvss, Epss, Kev, PackageRef, RansomwareUse, Reachability, Vulnerability};
