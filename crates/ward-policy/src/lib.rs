//! Ward's configuration model (`ward.toml`) and the gate.
//!
//! [`Config`] is what decides a scan: which engines run, which paths are scanned, the limits,
//! and the gate threshold. It is loaded from `ward.toml` (found by walking up from the scanned
//! path) and every mistake in it is reported with file, line and key. [`gate`] decides whether
//! a set of findings passes. This crate depends only on `ward-core`; the full policy (risk
//! score, suppressions, baselines) grows here.

mod baseline;
mod config;
mod gate;
mod ignore;

pub use baseline::{BASELINE_VERSION, Baseline, BaselineEntry};
pub use config::{
    CONFIG_FILE_NAME, Config, ConfigError, DEFAULT_MAX_FILE_SIZE, EngineSetting, STARTER_CONFIG,
    ScanSettings, find_config, parse_size,
};
pub use gate::{FailOn, gate};
pub use ignore::{IgnoreEntry, IgnoreFile};
