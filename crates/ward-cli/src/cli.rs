use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Ward finds secrets, insecure code, vulnerable dependencies and misconfigurations, and gates
/// CI on the risk that matters.
#[derive(Debug, Parser)]
#[command(name = "ward", propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Never touch the network: `ward db update`, `ward scan --upload` and `ward image` of a
    /// registry reference then stop with an error instead (also `WARD_OFFLINE=1`).
    #[arg(long, global = true, env = "WARD_OFFLINE", value_parser = clap::builder::FalseyValueParser::new())]
    pub offline: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and directories (default: the current directory).
    Scan(Box<ScanArgs>),
    /// Scan a container image: a `docker save` archive, an OCI layout (directory or tar), an
    /// unpacked root file system directory, or a registry reference (`registry.example/app:1.2`,
    /// `...@sha256:...`) pulled over the OCI distribution API. Its layers' files go through the
    /// same engines as a directory's (secrets in every layer, OS and language packages, the
    /// image configuration).
    Image(Box<ImageArgs>),
    /// Write a commented starter ward.toml.
    Init(InitArgs),
    /// List and inspect the rules of the enabled engines.
    Rules(RulesArgs),
    /// Print the documentation of one rule: what it finds, why it matters, how to fix it.
    Explain(ExplainArgs),
    /// Record the current findings, so later scans with `--baseline` report only new ones.
    Baseline(BaselineArgs),
    /// The offline vulnerability advisory database: import advisories, show its status.
    Db(DbArgs),
    /// Inspect the policy that decides which findings fail the gate.
    Policy(PolicyArgs),
    /// Write a software bill of materials (CycloneDX 1.6 or SPDX 2.3 JSON) of the packages the
    /// lockfiles under PATH pin.
    Sbom(SbomArgs),
    /// Run the Ward server: scans uploaded with `ward scan --upload` become tracked issues
    /// (API, storage in SQLite or PostgreSQL). See docs/SERVER.md.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ImageArgs {
    #[command(flatten)]
    pub scan: ScanArgs,
    /// The platform to scan from a multi-platform image: os/architecture[/variant], e.g.
    /// `linux/arm64/v8` (default: linux/amd64 when the image has it, else its first image).
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// Pull over plain HTTP instead of HTTPS. Allowed only for a registry on this machine
    /// (`localhost`, `127.0.0.1`, `::1`). Credentials come from Docker's configuration
    /// (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`).
    #[arg(long)]
    pub insecure_registry: bool,
}

#[derive(Debug, Args)]
pub struct SbomArgs {
    /// Directories or lockfiles to list; or one container image: a `docker save` archive, an
    /// OCI layout (directory or tar), a registry reference, or (with --image) a root file system
    /// directory.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Read the one PATH as a container image (needed only for a root file system directory:
    /// archives, OCI layouts and references are recognised).
    #[arg(long)]
    pub image: bool,
    /// The platform to list from a multi-platform image: os/architecture[/variant].
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// Pull over plain HTTP from a registry on this machine (`localhost`, `127.0.0.1`, `::1`).
    #[arg(long)]
    pub insecure_registry: bool,
    /// `cyclonedx` (CycloneDX 1.6 JSON) or `spdx` (SPDX 2.3 JSON).
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "cyclonedx")]
    pub format: String,
    /// Write the SBOM to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What the SBOM describes (default: the project directory's name).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Configuration file (default: ward.toml found by walking up from the first PATH).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Exit with code 2 when a lockfile could not be read (its packages are missing).
    #[arg(long)]
    pub fail_closed: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Database: `sqlite://PATH` or `postgres://USER@HOST/DB` (default: an SQLite file in
    /// the user's data directory, `~/.local/share/ward/ward-server.db`).
    #[arg(long, value_name = "URL", env = "WARD_DATABASE_URL")]
    pub database: Option<String>,
    /// On first start, create the administrator `admin` with the password in this file (at
    /// least 12 characters). Without it, the first start prints a one-time setup token.
    #[arg(long, value_name = "FILE")]
    pub admin_password_file: Option<PathBuf>,
    /// Send cookies without the `Secure` attribute, for plain HTTP on an address other than
    /// localhost (not recommended: put the server behind HTTPS instead).
    #[arg(long)]
    pub insecure_cookies: bool,
    /// Days to fix an issue, by severity, for due dates and SLA breaches (default:
    /// `critical=7,high=30,medium=90,low=180`; `none` removes a deadline).
    #[arg(long, value_name = "SEVERITY=DAYS,...")]
    pub sla: Option<String>,
}

#[derive(Debug, Args)]
pub struct DbArgs {
    #[command(subcommand)]
    pub command: DbCommand,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Build the index from OSV records (JSON or YAML files, directories, zip archives) and
    /// RustSec advisories (Markdown with TOML front matter). Replaces the existing index.
    Import {
        /// Files, directories or zip archives of advisories.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// CISA's Known Exploited Vulnerabilities catalogue (JSON).
        #[arg(long, value_name = "FILE")]
        kev: Vec<PathBuf>,
        /// EPSS scores: FIRST's CSV or `cve;epss;percentile` lines; a directory of them.
        #[arg(long, value_name = "FILE")]
        epss: Vec<PathBuf>,
        /// Database directory (default: `$WARD_DB`, else the user's data directory).
        #[arg(long, value_name = "DIR")]
        db: Option<PathBuf>,
    },
    /// Download the OSV exports of the ecosystems in use (those of the lockfiles under PATH,
    /// or `--ecosystem`, or `--all`) with conditional requests, and rebuild the index when one
    /// changed. Sources of the last import that still exist are kept.
    Update {
        /// Where the project is: the ecosystems of its lockfiles are downloaded.
        #[arg(value_name = "PATH", default_value = ".")]
        paths: Vec<PathBuf>,
        /// An OSV ecosystem to download (`crates.io`, `npm`, `PyPI`, `Go`, `Maven`, ...);
        /// repeatable; replaces the project's ecosystems.
        #[arg(long, value_name = "NAME", conflicts_with = "all")]
        ecosystem: Vec<String>,
        /// Every ecosystem Ward has a version ordering for.
        #[arg(long)]
        all: bool,
        /// Base URL of the exports (`<URL>/<Ecosystem>/all.zip`; default: OSV's public bucket).
        #[arg(long, value_name = "URL", env = "WARD_OSV_MIRROR")]
        mirror: Option<String>,
        /// Database directory (default: `$WARD_DB`, else the user's data directory).
        #[arg(long, value_name = "DIR")]
        db: Option<PathBuf>,
        /// Configuration file (default: ward.toml found by walking up from the first PATH).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Show the database: where it is, when it was built, sources, counts per ecosystem.
    Status {
        /// Database directory (default: `$WARD_DB`, else the user's data directory).
        #[arg(long, value_name = "DIR")]
        db: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct PolicyArgs {
    #[command(subcommand)]
    pub command: PolicyCommand,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Print the effective policy: thresholds, classes that block or warn, overrides, the
    /// project context and the risk formula, and the order in which they decide.
    Explain {
        /// Where the project is (ward.toml is found by walking up from here).
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Configuration file (default: ward.toml found by walking up from PATH).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// As `ward scan --fail-on` would set it.
        #[arg(long, value_name = "SEVERITY")]
        fail_on: Option<String>,
        /// As `ward scan --fail-on-risk` would set it.
        #[arg(long, value_name = "SCORE")]
        fail_on_risk: Option<u8>,
    },
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    #[command(subcommand)]
    pub command: BaselineCommand,
}

#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Scan PATH and write the fingerprints of its findings (never the secrets).
    Create {
        /// The directory to scan.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Where to write the baseline (default: `.ward/baseline.json` in the project root).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Configuration file (default: ward.toml found by walking up from PATH).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortOrder {
    Location,
    Risk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan; `-` reads manifests from standard input
    /// (`helm template . | ward scan -`).
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Format written to standard output: table, json, sarif, markdown, junit, github,
    /// gitlab-secrets, gitlab-sast, gitlab-dependencies, openvex.
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: Option<String>,

    /// Also write a format to a file, e.g. `--output sarif=ward.sarif` (repeatable). With
    /// `--output` and no `--format`, standard output gets only a one-line summary on stderr.
    #[arg(long, short = 'o', value_name = "FORMAT=FILE")]
    pub output: Vec<String>,

    /// Lowest severity that fails the run with exit code 1 (info, low, medium, high, critical,
    /// never). Overrides `[policy] fail_on`; the default is high.
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<String>,

    /// Risk score (0-100) at or above which a finding fails the run. Overrides `[policy]
    /// fail_on_risk`. See `ward policy explain`.
    #[arg(long, value_name = "SCORE", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub fail_on_risk: Option<u8>,

    /// Order of findings in every format: `location` (path, line; the default) or `risk`
    /// (highest risk score first).
    #[arg(long, value_name = "ORDER", default_value = "location")]
    pub sort: SortOrder,

    /// Scan the git history of the repository at PATH instead of its files: every unique blob
    /// reachable from any ref, each once, reported at the commit that introduced it. Only the
    /// engines that look at history run (secrets).
    #[arg(long, conflicts_with = "staged")]
    pub history: bool,

    /// Only what changed since REV. Without --history: findings on lines added or changed since
    /// the merge base of HEAD and REV count; the rest are kept as suppressed (`unchanged`).
    /// With --history: only commits not reachable from REV.
    #[arg(long, value_name = "REV", conflicts_with = "range")]
    pub since: Option<String>,

    /// With --history: only commits in the range A..B.
    #[arg(long, value_name = "A..B", requires = "history")]
    pub range: Option<String>,

    /// Scan only what is staged in the repository at PATH (for a pre-commit hook).
    #[arg(long)]
    pub staged: bool,

    /// Suppressions with reason, owner and expiry (default: `.ward/ignore.toml` in the project
    /// root, when it exists).
    #[arg(long, value_name = "FILE")]
    pub ignore_file: Option<PathBuf>,

    /// Report only findings that are not in this baseline (`ward baseline create` writes one);
    /// the others are kept as suppressed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Exit with code 2 when an ignore file entry matched nothing.
    #[arg(long)]
    pub strict: bool,

    /// Exit with code 2 when the scan is incomplete (a file could not be read or parsed).
    #[arg(long)]
    pub fail_closed: bool,

    /// Configuration file (default: ward.toml found by walking up from the first PATH).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Secret rules in gitleaks' syntax (default: `.ward/secrets.toml`, else `.gitleaks.toml`, in
    /// the project root). Without `[extend] useDefault = true` they replace the built-in rules.
    #[arg(long, value_name = "FILE")]
    pub secrets_config: Option<PathBuf>,

    /// Show secrets in full in the table, when standard output is a terminal. Never in JSON,
    /// SARIF or any file.
    #[arg(long)]
    pub show_secrets: bool,

    /// Skip files larger than this (e.g. 10MiB). Overrides `[scan] max_file_size`.
    #[arg(long, value_name = "SIZE")]
    pub max_file_size: Option<String>,

    /// Worker threads (0: one per CPU). Overrides `[scan] threads`.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Stop the whole scan after this long (e.g. 30s, 5m): files not scanned by then are
    /// recorded as cut (with --fail-closed: exit 2). Overrides `[scan] timeout`.
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,

    /// Time one engine may spend on one file (e.g. 10s, 500ms); work past it is cut and
    /// recorded. Overrides `[scan] file_time_limit` (default 10s).
    #[arg(long, value_name = "DURATION")]
    pub file_time_limit: Option<String>,

    /// Memory budget for file contents in flight and findings kept (e.g. 512MiB); a file that
    /// cannot fit is cut and recorded. Overrides `[scan] max_memory`. See docs/CACHE.md.
    #[arg(long, value_name = "SIZE")]
    pub max_memory: Option<String>,

    /// Result cache directory (default: `[cache] dir`, else `$WARD_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/ward` or `~/.cache/ward`).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Scan without the result cache: every file is read and every engine runs.
    #[arg(long)]
    pub no_cache: bool,

    /// Only scan paths matching this gitignore-style glob (repeatable; adds to `[scan] include`).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Never scan paths matching this gitignore-style glob (repeatable; adds to `[scan] exclude`).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Check the packages of an existing SBOM (CycloneDX or SPDX JSON) for known
    /// vulnerabilities instead of scanning PATHs (repeatable).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["history", "staged"])]
    pub sbom: Vec<PathBuf>,

    /// OpenVEX documents: findings their statements say are `not_affected` or `fixed` are
    /// suppressed with the statement's justification (repeatable).
    #[arg(long, value_name = "FILE")]
    pub vex: Vec<PathBuf>,

    /// Advisory database directory for the dependency check (default: `$WARD_DB`, else the
    /// user's data directory; `ward db import` builds it).
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,

    /// When to use colours in the table.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Never draw the progress bar (it is also off when stderr is not a terminal or CI is set).
    #[arg(long)]
    pub no_progress: bool,

    /// Print nothing on stderr except errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Upload the scan to a Ward server (`ward serve`) at this URL, with the API token in
    /// `WARD_TOKEN`. Needs --project.
    #[arg(long, value_name = "URL", requires = "project")]
    pub upload: Option<String>,

    /// The project the upload belongs to (on the server).
    #[arg(long, value_name = "NAME")]
    pub project: Option<String>,

    /// The branch scanned (default: from CI variables such as `GITHUB_HEAD_REF`,
    /// `GITHUB_REF_NAME`, `CI_COMMIT_REF_NAME`). Issues are closed as fixed per branch.
    #[arg(long, value_name = "NAME", requires = "upload")]
    pub branch: Option<String>,

    /// The commit scanned (default: `GITHUB_SHA` or `CI_COMMIT_SHA`).
    #[arg(long, value_name = "SHA", requires = "upload")]
    pub commit: Option<String>,

    /// Where in the development loop this scan runs: pre-commit, pr, main, scheduled
    /// (default: pre-commit with --staged, else from CI variables, else main).
    #[arg(long, value_name = "STAGE", requires = "upload")]
    pub stage: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to write ward.toml in.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite an existing ward.toml.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every rule: id, engine, default severity, title.
    List {
        /// Only the rules of this engine.
        #[arg(long)]
        engine: Option<String>,
        /// Print the full rule documentation as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Test SAST rules against their annotated test files (Semgrep's `ruleid:`/`ok:`
    /// comments): each `NAME.yaml` against the `NAME.*` files beside it. Exit 1 on a mismatch.
    Test {
        /// A rule file or a directory of rule files (searched recursively).
        #[arg(default_value = ".ward/rules")]
        path: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `secrets/aws-access-key-id`.
    pub rule_id: String,
}

/// `ward --version`: the version and the engines compiled into this binary.
pub fn long_version() -> String {
    let engines = ward_scan::builtin_engine_names();
    let engines = if engines.is_empty() {
        "none".to_owned()
    } else {
        engines.join(", ")
    };
    format!("{} (engines: {engines})", env!("CARGO_PKG_VERSION"))
}
