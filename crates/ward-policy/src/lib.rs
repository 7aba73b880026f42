//! Ward's configuration model (`ward.toml`) and the gate.
//!
//! [`Config`] is what decides a scan: which engines run, which paths are scanned, the limits,
//! and the gate threshold. It is loaded from `ward.toml` (found by walking up from the scanned
//! path) and every mistake in it is reported with file, line and key. [`gate`] decides whether
//! a set of findings passes, under the [`Policy`] of `[policy]` and `[project]`: classes that
//! always block or only warn, per-engine/rule/path overrides, forbidden inline suppressions and
//! the [`risk`] score. Suppressions (`.ward/ignore.toml`), OpenVEX statements and baselines live here too. This crate
//! depends only on `ward-core`.

mod baseline;
mod config;
mod explain;
mod gate;
mod ignore;
mod policy;
pub mod risk;
mod vex;

pub use baseline::{BASELINE_VERSION, Baseline, BaselineEntry};
pub use config::{
    CONFIG_FILE_NAME, CacheSettings, Config, ConfigError, DEFAULT_CACHE_MAX_SIZE,
    DEFAULT_FILE_TIME_LIMIT, DEFAULT_MAX_FILE_SIZE, EngineSetting, STARTER_CONFIG, ScanSettings,
    find_config, parse_duration, parse_size,
};
pub use explain::explain;
pub use gate::{FailOn, evaluate, lift_forbidden_inline};
pub use ignore::{IgnoreEntry, IgnoreFile};
pub use policy::{
    Action, Class, Criticality, Exposure, KNOWN_ENGINES, Override, Policy, ProjectContext,
};
pub use vex::{VexDocument, apply_vex};
