//! Vulnerability advisories, offline: reading them, ordering versions, matching, the index.
//!
//! This crate owns the advisory side of dependency scanning: tolerant OSV records ([`osv`]) and
//! RustSec's native format ([`rustsec`]) read from files, directories and zip archives
//! ([`load`]); one version ordering per ecosystem ([`version`], [`Ecosystem`]); matching a
//! version against affected ranges exactly as the OSV specification says ([`matching`]), with
//! aliases merged ([`query`]); severity from CVSS vectors ([`severity`]); KEV and EPSS
//! enrichment ([`enrich`]); the compact on-disk index ([`index`]); and the downloaded OSV
//! exports with their validators ([`sources`]; downloading them is `fetch`, behind the `fetch`
//! feature). It is a floor crate: it depends on `ward-core` and third-party crates only, never on an engine, `ward-scan` or the
//! CLI. Lockfiles are not its business (that is `ward-deps`).

pub mod ecosystem;
pub mod enrich;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod index;
pub mod load;
pub mod matching;
pub mod model;
pub mod osv;
pub mod query;
pub mod rustsec;
pub mod secdb;
pub mod severity;
pub mod sources;
pub mod version;

pub use ecosystem::Ecosystem;
pub use index::{Index, IndexError};
pub use model::Advisory;
