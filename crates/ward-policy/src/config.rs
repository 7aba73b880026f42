use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::FailOn;
use crate::policy::{Action, Class, Override, Policy, ProjectContext};

/// The configuration file Ward looks for, walking up from the scanned path.
pub const CONFIG_FILE_NAME: &str = "ward.toml";

/// Files larger than this are skipped unless `scan.max_file_size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// What `ward init` writes: every setting, commented, at its default.
pub const STARTER_CONFIG: &str = r#"# ward.toml: how Ward scans this project. Every setting is optional; the values shown
# commented out are the defaults. Paths and globs are relative to this file's directory.

[scan]
# Gitignore-style globs. When `include` is not empty, only matching files are scanned.
# include = ["src/", "infra/"]
# Never scanned (on top of .gitignore, .ignore and .wardignore):
# exclude = ["vendor/", "tests/fixtures/"]
# Larger files are skipped and counted as "too-large" in the summary.
# max_file_size = "10 MiB"
# Worker threads; 0 uses every CPU.
# threads = 0
# Time one engine may spend on one file; work past it is cut and recorded.
# file_time_limit = "10s"
# Time budget of a whole scan and memory budget (file contents in flight plus findings kept);
# not set: no limit. What is cut is recorded, and --fail-closed exits 2.
# timeout = "10m"
# max_memory = "1 GiB"

[cache]
# Results per file and engine, reused while the file, the rules and Ward are unchanged.
# enabled = true
# dir = "~/.cache/ward"          # default: $WARD_CACHE_DIR, $XDG_CACHE_HOME/ward, ~/.cache/ward
# max_size = "1 GiB"             # least recently used results are removed past this

[engines]
# Turn engines on or off by name (`ward --version` lists them). All are on by default.
# secrets = true

[project]
# What the risk score knows of this project (docs/RISK.md).
# criticality = "medium"        # low, medium, high, critical
# exposure = "internet"         # internal, internet (not declared: neither)

[policy]
# The lowest severity that fails the run (exit code 1): info, low, medium, high, critical,
# or "never" to report without failing.
# fail_on = "high"
# A risk score (0-100) at or above which a finding fails the run.
# fail_on_risk = 80
# Classes of findings that always fail the run, and classes that only warn. A class is terms
# joined by "+": an engine (secrets, sast, deps, iac), a severity or ">=high", kev, reachable,
# not-reachable, fix-available, no-fix, "epss>=0.5", "risk>=80", "confidence:high",
# "rule:python/*", "path:src/**". `ward policy explain` prints the effective policy.
# block = ["secrets", "kev", "reachable+critical"]
# warn = ["path:tests/**"]
# Inline suppressions (ward:ignore, nosemgrep, gitleaks:allow) are not honoured for these:
# forbid_inline = ["secrets", "kev"]
#
# Thresholds or an action for some engines, rules or paths; the last matching entry wins.
# [[policy.overrides]]
# paths = ["tests/**"]
# engines = ["sast"]
# rules = ["python/*"]
# fail_on = "critical"
# fail_on_risk = 95
# action = "warn"               # or "block"
"#;

/// A mistake in a configuration file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the mistake has a place.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// One `[engines]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineSetting {
    pub enabled: bool,
    /// Line of the entry in the configuration file, for errors about it (an unknown engine).
    pub line: usize,
}

/// `[scan]`: what is scanned and the limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanSettings {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub max_file_size: u64,
    pub threads: usize,
    /// Time one engine may spend on one file.
    pub file_time_limit: Duration,
    /// Time budget of the whole scan.
    pub timeout: Option<Duration>,
    /// Memory budget in bytes.
    pub max_memory: Option<u64>,
}

/// The default per-file time limit.
pub const DEFAULT_FILE_TIME_LIMIT: Duration = Duration::from_secs(10);
/// The default bound of the result cache.
pub const DEFAULT_CACHE_MAX_SIZE: u64 = 1024 * 1024 * 1024;

impl Default for ScanSettings {
    fn default() -> Self {
        ScanSettings {
            include: Vec::new(),
            exclude: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            threads: 0,
            file_time_limit: DEFAULT_FILE_TIME_LIMIT,
            timeout: None,
            max_memory: None,
        }
    }
}

/// `[cache]`: the result cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheSettings {
    pub enabled: bool,
    /// The cache directory (relative paths are relative to the configuration file); `None`:
    /// the user's cache directory.
    pub dir: Option<PathBuf>,
    pub max_size: u64,
}

impl Default for CacheSettings {
    fn default() -> Self {
        CacheSettings {
            enabled: true,
            dir: None,
            max_size: DEFAULT_CACHE_MAX_SIZE,
        }
    }
}

/// The effective configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// The file it was read from; `None` when no file was found (all defaults).
    pub path: Option<PathBuf>,
    pub scan: ScanSettings,
    pub cache: CacheSettings,
    pub engines: BTreeMap<String, EngineSetting>,
    /// `[policy] fail_on`; `None` leaves the default (or the command line) in charge.
    pub fail_on: Option<FailOn>,
    /// `[policy]` and `[project]`, with `fail_on` at its default when the file does not set it.
    pub policy: Policy,
    /// `[iac] policy_namespaces`: the Rego packages whose `deny`/`warn`/`violation` rules run
    /// (empty: `main`).
    pub iac_policy_namespaces: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    scan: RawScan,
    #[serde(default)]
    cache: RawCache,
    #[serde(default)]
    engines: BTreeMap<String, Spanned<bool>>,
    #[serde(default)]
    policy: RawPolicy,
    #[serde(default)]
    project: RawProject,
    #[serde(default)]
    iac: RawIac,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawIac {
    #[serde(default)]
    policy_namespaces: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawProject {
    criticality: Option<Spanned<String>>,
    exposure: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawScan {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    max_file_size: Option<Spanned<RawSize>>,
    threads: Option<usize>,
    file_time_limit: Option<Spanned<String>>,
    timeout: Option<Spanned<String>>,
    max_memory: Option<Spanned<RawSize>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCache {
    enabled: Option<bool>,
    dir: Option<PathBuf>,
    max_size: Option<Spanned<RawSize>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawSize {
    Bytes(u64),
    Text(String),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    fail_on: Option<Spanned<String>>,
    fail_on_risk: Option<Spanned<i64>>,
    #[serde(default)]
    block: Vec<Spanned<String>>,
    #[serde(default)]
    warn: Vec<Spanned<String>>,
    #[serde(default)]
    forbid_inline: Vec<Spanned<String>>,
    #[serde(default)]
    overrides: Vec<Spanned<RawOverride>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    #[serde(default)]
    engines: Vec<String>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    fail_on: Option<Spanned<String>>,
    fail_on_risk: Option<Spanned<i64>>,
    action: Option<Spanned<String>>,
}

/// Parses a duration: a number with a unit (`500ms`, `10s`, `5m`, `1h`); a bare number is
/// seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n >= 0.0)
        .ok_or_else(|| format!("`{text}` is not a duration (examples: 500ms, 10s, 5m, 1h)"))?;
    let seconds = match unit.trim().to_ascii_lowercase().as_str() {
        "ms" => number / 1000.0,
        "" | "s" | "sec" => number,
        "m" | "min" => number * 60.0,
        "h" => number * 3600.0,
        other => {
            return Err(format!(
                "unknown duration unit `{other}` (use ms, s, m or h)"
            ));
        }
    };
    Ok(Duration::from_secs_f64(seconds))
}

/// Parses a size: a number of bytes, or a number with a unit (`10 MiB`, `512KB`, `1g`).
/// Units are binary (KiB = KB = K = 1024 bytes): file sizes are reported that way.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().map_err(|_| {
        format!("`{text}` is not a size (examples: 10485760, \"10 MiB\", \"512 KiB\")")
    })?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => {
            return Err(format!(
                "unknown size unit `{other}` (use B, KiB, MiB or GiB)"
            ));
        }
    };
    Ok((number * multiplier as f64) as u64)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Config {
    /// Parses configuration text; `path` is used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let error_at = |offset: Option<usize>, message: String| {
            let (line, column) = offset.map(|o| line_col(text, o)).unzip();
            ConfigError {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|err| {
            error_at(
                err.span().map(|s| s.start),
                err.message().trim().replace('\n', "; "),
            )
        })?;
        let mut scan = ScanSettings {
            include: raw.scan.include,
            exclude: raw.scan.exclude,
            ..ScanSettings::default()
        };
        if let Some(size) = raw.scan.max_file_size {
            let start = size.span().start;
            scan.max_file_size = match size.into_inner() {
                RawSize::Bytes(bytes) => bytes,
                RawSize::Text(text) => parse_size(&text)
                    .map_err(|m| error_at(Some(start), format!("scan.max_file_size: {m}")))?,
            };
        }
        if let Some(threads) = raw.scan.threads {
            scan.threads = threads;
        }
        let size = |value: Spanned<RawSize>, key: &str| {
            let start = value.span().start;
            match value.into_inner() {
                RawSize::Bytes(bytes) => Ok(bytes),
                RawSize::Text(text) => {
                    parse_size(&text).map_err(|m| error_at(Some(start), format!("{key}: {m}")))
                }
            }
        };
        let duration = |value: Spanned<String>, key: &str| {
            parse_duration(value.get_ref())
                .map_err(|m| error_at(Some(value.span().start), format!("{key}: {m}")))
        };
        if let Some(limit) = raw.scan.file_time_limit {
            scan.file_time_limit = duration(limit, "scan.file_time_limit")?;
        }
        if let Some(timeout) = raw.scan.timeout {
            scan.timeout = Some(duration(timeout, "scan.timeout")?);
        }
        if let Some(memory) = raw.scan.max_memory {
            scan.max_memory = Some(size(memory, "scan.max_memory")?);
        }
        let mut cache = CacheSettings {
            enabled: raw.cache.enabled.unwrap_or(true),
            dir: raw.cache.dir.map(|dir| match path.parent() {
                Some(base) if dir.is_relative() => base.join(dir),
                _ => dir,
            }),
            ..CacheSettings::default()
        };
        if let Some(max) = raw.cache.max_size {
            cache.max_size = size(max, "cache.max_size")?;
        }
        let engines = raw
            .engines
            .into_iter()
            .map(|(name, enabled)| {
                let line = line_col(text, enabled.span().start).0;
                (
                    name,
                    EngineSetting {
                        enabled: *enabled.get_ref(),
                        line,
                    },
                )
            })
            .collect();
        let fail_on = raw
            .policy
            .fail_on
            .map(|value| {
                value.get_ref().parse::<FailOn>().map_err(|err| {
                    error_at(Some(value.span().start), format!("policy.fail_on: {err}"))
                })
            })
            .transpose()?;
        let risk = |value: Spanned<i64>, key: &str| {
            u8::try_from(*value.get_ref())
                .ok()
                .filter(|r| *r <= 100)
                .ok_or_else(|| {
                    error_at(
                        Some(value.span().start),
                        format!("{key}: a risk score is a number from 0 to 100"),
                    )
                })
        };
        let classes = |values: Vec<Spanned<String>>, key: &str| {
            values
                .into_iter()
                .map(|value| {
                    value
                        .get_ref()
                        .parse::<Class>()
                        .map_err(|err| error_at(Some(value.span().start), format!("{key}: {err}")))
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let mut overrides = Vec::new();
        for entry in raw.policy.overrides {
            let start = entry.span().start;
            let line = line_col(text, start).0;
            let entry = entry.into_inner();
            let mut o = Override::new(line, entry.engines, entry.rules, entry.paths)
                .map_err(|m| error_at(Some(start), format!("policy.overrides: {m}")))?;
            o.fail_on = entry
                .fail_on
                .map(|value| {
                    value.get_ref().parse::<FailOn>().map_err(|err| {
                        error_at(
                            Some(value.span().start),
                            format!("policy.overrides.fail_on: {err}"),
                        )
                    })
                })
                .transpose()?;
            o.fail_on_risk = entry
                .fail_on_risk
                .map(|v| risk(v, "policy.overrides.fail_on_risk"))
                .transpose()?;
            o.action = entry
                .action
                .map(|value| {
                    value.get_ref().parse::<Action>().map_err(|err| {
                        error_at(
                            Some(value.span().start),
                            format!("policy.overrides.action: {err}"),
                        )
                    })
                })
                .transpose()?;
            overrides.push(o);
        }
        let mut project = ProjectContext::default();
        if let Some(value) = raw.project.criticality {
            project.criticality = value.get_ref().parse().map_err(|err| {
                error_at(
                    Some(value.span().start),
                    format!("project.criticality: {err}"),
                )
            })?;
        }
        if let Some(value) = raw.project.exposure {
            project.exposure = value.get_ref().parse().map_err(|err| {
                error_at(Some(value.span().start), format!("project.exposure: {err}"))
            })?;
        }
        let policy = Policy {
            fail_on: fail_on.unwrap_or_default(),
            fail_on_risk: raw
                .policy
                .fail_on_risk
                .map(|v| risk(v, "policy.fail_on_risk"))
                .transpose()?,
            block: classes(raw.policy.block, "policy.block")?,
            warn: classes(raw.policy.warn, "policy.warn")?,
            forbid_inline: classes(raw.policy.forbid_inline, "policy.forbid_inline")?,
            overrides,
            project,
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            scan,
            cache,
            engines,
            fail_on,
            policy,
            iac_policy_namespaces: raw.iac.policy_namespaces,
        })
    }

    /// Reads and parses a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read the configuration file: {err}"),
        })?;
        Config::parse(&text, path)
    }

    /// An error about the `[engines]` entry `name`, e.g. an engine this build does not have.
    pub fn engine_error(&self, name: &str, message: String) -> ConfigError {
        ConfigError {
            path: self.path.clone().unwrap_or_default(),
            line: self.engines.get(name).map(|e| e.line),
            column: None,
            message,
        }
    }
}

/// Finds `ward.toml` in `start` or the nearest directory above it.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(current) = dir {
        let candidate = current.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = current.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iac_policy_namespaces_are_read() {
        let config =
            parse("[iac]\npolicy_namespaces = [\"main\", \"kubernetes.admission\"]\n").unwrap();
        assert_eq!(
            config.iac_policy_namespaces,
            ["main", "kubernetes.admission"]
        );
        assert!(parse("[iac]\nnamespaces = []\n").is_err());
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("ward.toml"))
    }

    #[test]
    fn starter_config_parses_to_the_defaults() {
        let config = parse(STARTER_CONFIG).unwrap();
        assert_eq!(config.scan, ScanSettings::default());
        assert!(config.engines.is_empty());
        assert_eq!(config.fail_on, None);
    }

    #[test]
    fn full_config_is_read() {
        let config = parse(
            "[scan]\ninclude = [\"src/\"]\nexclude = [\"vendor/\"]\nmax_file_size = \"2 MiB\"\nthreads = 4\n\n[engines]\nsecrets = false\n\n[policy]\nfail_on = \"medium\"\n",
        )
        .unwrap();
        assert_eq!(config.scan.include, ["src/"]);
        assert_eq!(config.scan.exclude, ["vendor/"]);
        assert_eq!(config.scan.max_file_size, 2 * 1024 * 1024);
        assert_eq!(config.scan.threads, 4);
        assert_eq!(
            config.engines["secrets"],
            EngineSetting {
                enabled: false,
                line: 8
            }
        );
        assert_eq!(
            config.fail_on,
            Some(FailOn::Severity(ward_core::Severity::Medium))
        );
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let err = parse("[scan]\nexclude = []\nmax_filesize = 10\n").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @"ward.toml:3:1: unknown field `max_filesize`, expected one of `include`, `exclude`, `max_file_size`, `threads`, `file_time_limit`, `timeout`, `max_memory`");
    }

    #[test]
    fn budgets_and_cache_settings_parse_with_units() {
        let config = parse(
            "[scan]\nfile_time_limit = \"500ms\"\ntimeout = \"5m\"\nmax_memory = \"512 MiB\"\n\n[cache]\nenabled = false\ndir = \"cache\"\nmax_size = \"64 MiB\"\n",
        )
        .unwrap();
        assert_eq!(config.scan.file_time_limit, Duration::from_millis(500));
        assert_eq!(config.scan.timeout, Some(Duration::from_mins(5)));
        assert_eq!(config.scan.max_memory, Some(512 * 1024 * 1024));
        assert!(!config.cache.enabled);
        assert_eq!(config.cache.max_size, 64 * 1024 * 1024);
        assert!(config.cache.dir.unwrap().ends_with("cache"));
        let err = parse("[scan]\ntimeout = \"5 fortnights\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("scan.timeout"), "{}", err.message);
    }

    #[test]
    fn unknown_section_is_an_error() {
        let err = parse("[scann]\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("`scann`"), "{}", err.message);
    }

    #[test]
    fn bad_values_name_line_and_key() {
        let err = parse("[policy]\nfail_on = \"severe\"\n").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @"ward.toml:2:11: policy.fail_on: unknown severity `severe` (expected one of: info, low, medium, high, critical)");
        let err = parse("[scan]\n\nmax_file_size = \"10 parsecs\"\n").unwrap_err();
        insta::assert_snapshot!(err.to_string(), @"ward.toml:3:17: scan.max_file_size: unknown size unit `parsecs` (use B, KiB, MiB or GiB)");
        let err = parse("[engines]\nsecrets = \"yes\"\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let err = parse("[scan]\nexclude = [\"a\"\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
    }

    #[test]
    fn sizes_accept_units() {
        assert_eq!(parse_size("1048576").unwrap(), 1 << 20);
        assert_eq!(parse_size("10 MiB").unwrap(), 10 << 20);
        assert_eq!(parse_size("512kb").unwrap(), 512 << 10);
        assert_eq!(parse_size("1.5 GiB").unwrap(), 3 << 29);
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn config_is_found_by_walking_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "").unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        let found = find_config(&nested).unwrap();
        assert_eq!(
            found,
            std::fs::canonicalize(dir.path())
                .unwrap()
                .join(CONFIG_FILE_NAME)
        );
    }
}
