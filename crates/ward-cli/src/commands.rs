use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, bail};
use ward_core::{Engine, REPORT_VERSION, ScanReport, ToolInfo};
use ward_policy::{CONFIG_FILE_NAME, Config, FailOn, STARTER_CONFIG};
use ward_report::{Format, RenderOptions};
use ward_scan::{EngineSettings, GitMode, Progress, ScanOptions};
use ward_source::HistoryRange;

use crate::cli::{
    BaselineArgs, BaselineCommand, Cli, ColorChoice, Command, ExplainArgs, ImageArgs, InitArgs,
    PolicyArgs, PolicyCommand, RulesArgs, RulesCommand, ScanArgs, SortOrder,
};
use crate::{EXIT_ERROR, EXIT_GATE_FAILED, EXIT_OK};

pub fn run(cli: Cli) -> Result<u8> {
    let offline = cli.offline;
    match cli.command {
        Command::Scan(mut args) => {
            // Kept until the scan is over: the directory standard input was written to.
            let _stdin = stdin_input(&mut args)?;
            scan(&args, offline)
        }
        Command::Image(args) => image(&args, offline),
        Command::Init(args) => init(&args),
        Command::Rules(args) => rules(&args),
        Command::Explain(args) => explain(&args),
        Command::Baseline(args) => baseline(&args),
        Command::Db(args) => crate::db::run(&args, offline),
        Command::Policy(args) => policy(&args),
        Command::Sbom(args) => crate::sbom::run(&args),
        Command::Serve(args) => serve(&args),
    }
}

#[cfg(feature = "server")]
fn serve(args: &crate::cli::ServeArgs) -> Result<u8> {
    crate::server::serve(args)
}

#[cfg(not(feature = "server"))]
fn serve(_: &crate::cli::ServeArgs) -> Result<u8> {
    bail!("this build of ward has no server (it was built without the `server` feature)")
}

/// The policy of `config` with the command line's `--fail-on` and `--fail-on-risk` applied.
fn effective_policy(
    config: &Config,
    fail_on: Option<&str>,
    fail_on_risk: Option<u8>,
) -> Result<ward_policy::Policy> {
    let mut policy = config.policy.clone();
    if let Some(text) = fail_on {
        policy.fail_on = text
            .parse::<FailOn>()
            .map_err(|e| anyhow::anyhow!("--fail-on: {e}"))?;
    }
    if fail_on_risk.is_some() {
        policy.fail_on_risk = fail_on_risk;
    }
    Ok(policy)
}

fn policy(args: &PolicyArgs) -> Result<u8> {
    match &args.command {
        PolicyCommand::Explain {
            path,
            config,
            fail_on,
            fail_on_risk,
        } => {
            let config = load_config(config.as_deref(), path)?;
            let policy = effective_policy(&config, fail_on.as_deref(), *fail_on_risk)?;
            let source = config.path.as_ref().map_or_else(
                || "no ward.toml found: the defaults".to_owned(),
                |p| p.display().to_string(),
            );
            let mut out = std::io::stdout().lock();
            ward_policy::explain(&policy, &source, &mut out)?;
            Ok(EXIT_OK)
        }
    }
}

/// Loads the configuration: `--config`, or ward.toml found by walking up from `start`.
pub(crate) fn load_config(explicit: Option<&Path>, start: &Path) -> Result<Config> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => ward_policy::find_config(start),
    };
    match path {
        Some(path) => Ok(Config::load(&path)?),
        None => Ok(Config::default()),
    }
}

/// The engines the configuration enables; an unknown engine name is an error naming its line.
/// Engines that would not run are not built: a history scan runs only those that look at old
/// versions of files, and an image scan runs no SAST (an image holds the distribution's and
/// the dependencies' code: what SAST would say of it is not the team's to fix; scan the
/// application's repository for that).
fn enabled_engines(
    config: &Config,
    settings: &EngineSettings,
    history: bool,
    image: bool,
) -> Result<Vec<Box<dyn Engine>>> {
    let known = ward_scan::builtin_engine_names();
    for name in config.engines.keys() {
        if !known.contains(&name.as_str()) {
            let have = if known.is_empty() {
                "this build has no engines".to_owned()
            } else {
                format!("this build has: {}", known.join(", "))
            };
            return Err(config
                .engine_error(
                    name,
                    format!("unknown engine `{name}` in [engines] ({have})"),
                )
                .into());
        }
    }
    let in_history = ward_scan::history_engine_names();
    Ok(ward_scan::builtin_engines_where(settings, |name| {
        config.engines.get(name).is_none_or(|s| s.enabled)
            && (!history || in_history.contains(&name))
            && !(image && name == "sast")
    })?)
}

struct OutputFile {
    format: Format,
    path: PathBuf,
    file: File,
}

fn parse_output(spec: &str) -> Result<OutputFile> {
    let Some((format, path)) = spec.split_once('=') else {
        bail!("--output expects FORMAT=FILE (for example sarif=ward.sarif), got `{spec}`");
    };
    let format: Format = format
        .parse()
        .map_err(|e| anyhow::anyhow!("--output {spec}: {e}"))?;
    let path = PathBuf::from(path);
    // Open before scanning: a typo in the path should not cost a whole scan.
    let file = File::create(&path)
        .with_context(|| format!("cannot write the output file {}", path.display()))?;
    Ok(OutputFile { format, path, file })
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// A scan's report, ready to render, and where to render it.
struct Prepared {
    report: ScanReport,
    stdout_format: Option<Format>,
    outputs: Vec<OutputFile>,
}

/// The most `ward scan -` reads from standard input.
const MAX_STDIN: u64 = 256 * 1024 * 1024;

/// `ward scan -` (`helm template . | ward scan -`, `kustomize build | ward scan -`): standard
/// input is written to `stdin.yaml` (`stdin.json` when it starts with `{`) in a temporary
/// directory, which is scanned in place of `-`; findings name `stdin.yaml`.
fn stdin_input(args: &mut ScanArgs) -> Result<Option<tempfile::TempDir>> {
    if !args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Ok(None);
    }
    if args.paths.len() != 1 {
        bail!("`-` (standard input) cannot be scanned together with other paths");
    }
    let mut text = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin().lock(), MAX_STDIN + 1),
        &mut text,
    )
    .context("reading standard input")?;
    if text.len() as u64 > MAX_STDIN {
        bail!("standard input is larger than {MAX_STDIN} bytes");
    }
    let json = text
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{');
    let dir = tempfile::tempdir().context("creating a directory for standard input")?;
    let name = if json { "stdin.json" } else { "stdin.yaml" };
    std::fs::write(dir.path().join(name), &text).context("writing standard input")?;
    args.paths = vec![dir.path().to_path_buf()];
    Ok(Some(dir))
}

fn scan(args: &ScanArgs, offline: bool) -> Result<u8> {
    scan_render_upload(args, None, offline)
}

/// Scans (a tree, or an image), renders, uploads when asked, and decides the exit code.
fn scan_render_upload(
    args: &ScanArgs,
    image_input: Option<&ImageInput>,
    offline: bool,
) -> Result<u8> {
    let image = image_input.is_some();
    if offline && let Some(url) = &args.upload {
        bail!("--offline: the scan would not be uploaded to {url}; drop --upload or --offline");
    }
    // Checked before scanning: a missing token should not cost a whole scan.
    #[cfg(feature = "server")]
    let upload = crate::server::upload_target(args)?;
    #[cfg(not(feature = "server"))]
    if args.upload.is_some() {
        bail!("this build of ward cannot upload (it was built without the `server` feature)");
    }
    let Prepared {
        report,
        stdout_format,
        mut outputs,
    } = prepare(args, image_input)?;
    render_all(args, &report, stdout_format, &mut outputs)?;
    #[cfg(feature = "server")]
    if let Some(target) = &upload {
        // Finding paths are relative to the project root: so are CODEOWNERS patterns. An
        // image has no CODEOWNERS.
        let root = if image {
            None
        } else {
            let given = args.paths.first().map_or(Path::new("."), PathBuf::as_path);
            ward_source::Root::resolve(given).ok().map(|root| root.base)
        };
        crate::server::upload(target, &report, root.as_deref(), args.quiet)?;
    }
    Ok(finish(args, &report))
}

/// What `ward image` scans: a path, or a reference to pull, with the platform to pick.
struct ImageInput {
    reference: Option<ward_image::Reference>,
    pull: ward_image::PullOptions,
}

/// `ward image IMAGE`: the scan of one container image.
fn image(image_args: &ImageArgs, offline: bool) -> Result<u8> {
    let args = &image_args.scan;
    if args.paths.len() != 1 {
        bail!(
            "ward image takes one IMAGE: a docker save archive, an OCI layout (directory or tar), a root file system directory or a registry reference"
        );
    }
    if args.history || args.staged || args.since.is_some() {
        bail!("--history, --staged and --since apply to git repositories, not to images");
    }
    let platform = image_args
        .platform
        .as_deref()
        .map(str::parse::<ward_image::Platform>)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--platform: {e}"))?;
    let given = &args.paths[0];
    // A path that exists is a file or directory; anything else must be a reference.
    let reference = if std::fs::symlink_metadata(given).is_ok() {
        None
    } else {
        let text = given.to_string_lossy();
        match text.parse::<ward_image::Reference>() {
            Ok(reference) => Some(reference),
            Err(e) => bail!("{text}: no such file or directory, and {e}"),
        }
    };
    if image_args.insecure_registry && reference.is_none() {
        bail!(
            "--insecure-registry applies to images pulled from a registry, not to {}",
            given.display()
        );
    }
    if offline && let Some(reference) = &reference {
        bail!(
            "--offline: {reference} would be pulled from a registry; save the image to a file first (`docker save`, `skopeo copy`) or drop --offline"
        );
    }
    let input = ImageInput {
        reference,
        pull: ward_image::PullOptions {
            platform,
            insecure: image_args.insecure_registry,
            docker_config: None,
        },
    };
    scan_render_upload(args, Some(&input), offline)
}

/// Runs the scan and applies the policy (ignore file, baseline, gate).
fn prepare(args: &ScanArgs, image_input: Option<&ImageInput>) -> Result<Prepared> {
    let image = image_input.is_some();
    let given = args
        .paths
        .first()
        .map_or_else(|| PathBuf::from("."), Clone::clone);
    // An image's configuration and project are those of the directory Ward runs in.
    let first = if image {
        PathBuf::from(".")
    } else {
        given.clone()
    };
    // `--sbom FILE`: the SBOMs are what is scanned.
    let scan_paths: Vec<PathBuf> = if args.sbom.is_empty() {
        args.paths.clone()
    } else {
        args.sbom.clone()
    };
    // Check the paths before anything else: the clearest error comes first.
    let pulled = image_input.is_some_and(|i| i.reference.is_some());
    for path in scan_paths.iter().filter(|_| !pulled) {
        if std::fs::symlink_metadata(path).is_err() {
            bail!("{}: path does not exist", path.display());
        }
    }
    let config = load_config(args.config.as_deref(), &first)?;
    let git_mode = if args.history {
        Some(GitMode::History(match (&args.since, &args.range) {
            (Some(rev), _) => HistoryRange::Since(rev.clone()),
            (None, Some(range)) => HistoryRange::Range(range.clone()),
            (None, None) => HistoryRange::All,
        }))
    } else if args.staged {
        Some(GitMode::Staged)
    } else {
        None
    };
    if git_mode.is_some() && args.paths.len() > 1 {
        bail!("--history and --staged take one PATH: the repository");
    }
    // Opened before the engines are built: a history scan's packs are decoded meanwhile.
    let mut git_repo = git_mode
        .as_ref()
        .map(|mode| ward_scan::GitRepo::open(&first, mode))
        .transpose()?;
    let settings = EngineSettings {
        project_root: ward_scan::project_root(&first),
        secrets_config: args.secrets_config.clone(),
        // Secrets are shown only in a table on a terminal; never in a file or a pipe.
        show_secrets: args.show_secrets
            && std::io::stdout().is_terminal()
            && matches!(
                args.format.as_deref().map(str::parse::<Format>),
                None | Some(Ok(Format::Table))
            ),
        advisory_db: ward_advisory::index::resolve_dir(args.db.as_deref()),
        os_packages: image,
        iac_policy_namespaces: config.iac_policy_namespaces.clone(),
    };
    let engines = if args.sbom.is_empty() {
        enabled_engines(&config, &settings, args.history, image)?
    } else {
        ward_scan::sbom_engines(&settings)
    };
    let vex = args
        .vex
        .iter()
        .map(|path| ward_policy::VexDocument::load(path))
        .collect::<Result<Vec<_>, _>>()?;

    let policy = effective_policy(&config, args.fail_on.as_deref(), args.fail_on_risk)?;
    let max_file_size = match &args.max_file_size {
        Some(text) => {
            ward_policy::parse_size(text).map_err(|e| anyhow::anyhow!("--max-file-size: {e}"))?
        }
        None => config.scan.max_file_size,
    };
    let stdout_format = args
        .format
        .as_deref()
        .map(str::parse::<Format>)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--format: {e}"))?
        .or(if args.output.is_empty() {
            Some(Format::Table)
        } else {
            None
        });
    let outputs = args
        .output
        .iter()
        .map(|spec| parse_output(spec))
        .collect::<Result<Vec<_>>>()?;
    // The ignore file and the baseline are read before the scan: a mistake in them should not
    // cost a whole scan.
    let project = settings.project_root.clone();
    let ignore_path = args.ignore_file.clone().or_else(|| {
        project
            .as_ref()
            .map(|root| root.join(".ward/ignore.toml"))
            .filter(|path| path.is_file())
    });
    let ignore = ignore_path
        .as_deref()
        .map(ward_policy::IgnoreFile::load)
        .transpose()?;
    let baseline = args
        .baseline
        .as_deref()
        .map(|path| ward_policy::Baseline::load(path).map(|b| (path.to_path_buf(), b)))
        .transpose()
        .map_err(|e| anyhow::anyhow!(e))?;

    let parse_duration = |text: &str, flag: &str| {
        ward_policy::parse_duration(text).map_err(|e| anyhow::anyhow!("{flag}: {e}"))
    };
    let budgets = ward_scan::Budgets {
        timeout: match &args.timeout {
            Some(text) => Some(parse_duration(text, "--timeout")?),
            None => config.scan.timeout,
        },
        file_time_limit: Some(match &args.file_time_limit {
            Some(text) => parse_duration(text, "--file-time-limit")?,
            None => config.scan.file_time_limit,
        }),
        max_memory: match &args.max_memory {
            Some(text) => Some(
                ward_policy::parse_size(text).map_err(|e| anyhow::anyhow!("--max-memory: {e}"))?,
            ),
            None => config.scan.max_memory,
        },
    };
    let cache = if args.no_cache || !config.cache.enabled {
        None
    } else {
        ward_scan::cache::resolve_root(args.cache_dir.as_deref().or(config.cache.dir.as_deref()))
            .map(|root| ward_scan::cache::CacheSettings {
                root,
                max_size: config.cache.max_size,
            })
    };
    let options = ScanOptions {
        budgets,
        cache,
        paths: scan_paths.clone(),
        max_file_size,
        threads: args.threads.unwrap_or(config.scan.threads),
        include: config
            .scan
            .include
            .iter()
            .chain(&args.include)
            .cloned()
            .collect(),
        exclude: config
            .scan
            .exclude
            .iter()
            .chain(&args.exclude)
            .cloned()
            .collect(),
    };

    let started_at = ward_core::time::iso_datetime(ward_core::time::now_unix());
    let progress = Progress::default();
    let done = AtomicBool::new(false);
    let show_progress = !args.quiet && crate::progress::wanted(args.no_progress);
    let output = std::thread::scope(|scope| {
        if show_progress {
            scope.spawn(|| crate::progress::show(&progress, &done));
        }
        let result = if let Some(input) = image_input {
            let opened = match &input.reference {
                Some(reference) => ward_image::Image::pull(reference, &input.pull),
                None => ward_image::Image::open_for(&given, input.pull.platform.as_ref()),
            };
            opened
                .map_err(|e| ward_scan::ScanSetupError::Image(e.to_string()))
                .and_then(|image| {
                    ward_scan::scan_opened_image(&image, &options, &engines, Some(&progress))
                })
        } else if let (Some(mode), Some(repo)) = (&git_mode, git_repo.take()) {
            ward_scan::scan_git(repo, &first, mode, &options, &engines, Some(&progress))
        } else {
            ward_scan::scan(&options, &engines, Some(&progress))
        };
        done.store(true, Ordering::Relaxed);
        result
    })?;

    let mut findings = output.findings;
    // Forbidden inline suppressions are lifted first, so a reviewed ignore entry can still
    // suppress those findings.
    let mut notices = output.notices;
    notices.extend(ward_policy::lift_forbidden_inline(&mut findings, &policy));
    // VEX before the ignore file: a supplier's statement is the more specific decision.
    ward_policy::apply_vex(&vex, &mut findings);
    if let Some(ignore) = &ignore {
        notices.extend(ignore.apply(&mut findings, &ward_core::time::today()));
    }
    if let (Some(rev), false) = (&args.since, args.history) {
        let root = project.clone().unwrap_or_else(|| first.clone());
        ward_scan::mark_unchanged(&mut findings, &root, rev)?;
    }
    if let Some((path, baseline)) = &baseline {
        let base = project.clone().unwrap_or_else(|| PathBuf::from("."));
        let exists = |p: &str| base.join(p).exists();
        baseline.apply(&mut findings, &path.display().to_string(), &exists);
    }
    let gate = ward_policy::evaluate(&mut findings, &policy);
    notices.sort();
    if args.sort == SortOrder::Risk {
        // Stable: equal scores keep the location order.
        findings.sort_by_key(|f| std::cmp::Reverse(f.risk.as_ref().map_or(0, |r| r.score)));
    }
    let report = ScanReport {
        version: REPORT_VERSION,
        tool: ToolInfo {
            name: "ward".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            engines: output.engines,
        },
        roots: scan_paths.iter().map(|p| p.display().to_string()).collect(),
        started_at,
        duration_ms: output.duration.as_millis() as u64,
        findings,
        rules: output.rules,
        completeness: output.completeness,
        gate,
        notices,
    };
    Ok(Prepared {
        report,
        stdout_format,
        outputs,
    })
}

fn render_all(
    args: &ScanArgs,
    report: &ScanReport,
    stdout_format: Option<Format>,
    outputs: &mut [OutputFile],
) -> Result<()> {
    let width = console::Term::stdout()
        .size_checked()
        .map_or(0, |(_, cols)| usize::from(cols));
    if let Some(format) = stdout_format {
        let options = RenderOptions {
            color: format == Format::Table && use_color(args.color),
            width,
        };
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        ward_report::render(format, report, &mut out, &options)
            .and_then(|()| out.flush())
            .or_else(ignore_broken_pipe)
            .context("cannot write to standard output")?;
    }
    for output in outputs.iter_mut() {
        let options = RenderOptions {
            color: false,
            width: 0,
        };
        let mut out = BufWriter::new(&mut output.file);
        ward_report::render(output.format, report, &mut out, &options)
            .and_then(|()| out.flush())
            .with_context(|| format!("cannot write {}", output.path.display()))?;
    }
    if !args.quiet && stdout_format != Some(Format::Table) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "ward: {}", one_line_summary(report));
    }

    Ok(())
}

/// The exit code: 2 for an incomplete scan under `--fail-closed` or a stale ignore entry under
/// `--strict`, 1 when the gate failed, else 0.
fn finish(args: &ScanArgs, report: &ScanReport) -> u8 {
    if args.strict {
        let stale: Vec<&ward_core::Notice> = report
            .notices
            .iter()
            .filter(|n| n.kind == ward_core::NoticeKind::UnmatchedIgnore)
            .collect();
        if !stale.is_empty() {
            let mut stderr = std::io::stderr().lock();
            for notice in &stale {
                let _ = writeln!(
                    stderr,
                    "error: {}: {}",
                    notice.source.as_deref().unwrap_or("ignore file"),
                    notice.message
                );
            }
            let _ = writeln!(
                stderr,
                "error: --strict: the ignore file has entries that matched nothing"
            );
            return EXIT_ERROR;
        }
    }
    let complete = report.completeness.is_complete();
    if args.fail_closed && !complete {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "error: the scan is incomplete ({} error(s)) and --fail-closed is set",
            report.completeness.errors.len()
        );
        return EXIT_ERROR;
    }
    if report.gate.passed {
        EXIT_OK
    } else {
        EXIT_GATE_FAILED
    }
}

/// A closed pipe (`ward scan | head`) is not an error worth reporting.
fn ignore_broken_pipe(err: std::io::Error) -> std::io::Result<()> {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(err)
    }
}

fn one_line_summary(report: &ScanReport) -> String {
    let counts: Vec<String> = report
        .counts_by_severity()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    let findings = if counts.is_empty() {
        "no findings".to_owned()
    } else {
        format!(
            "{} findings ({})",
            report.active().count(),
            counts.join(", ")
        )
    };
    let c = &report.completeness;
    let skipped: Vec<String> = c.skipped.iter().map(|(r, n)| format!("{n} {r}")).collect();
    let skipped = if skipped.is_empty() {
        "0 skipped".to_owned()
    } else {
        format!("{} skipped ({})", c.skipped_total(), skipped.join(", "))
    };
    let gate = match (report.gate.passed, report.gate.fail_on) {
        (true, _) => "gate passed".to_owned(),
        (false, Some(s)) => format!(
            "gate failed: {} finding(s) at or above {s}",
            report.gate.blocking.len()
        ),
        (false, None) => "gate failed".to_owned(),
    };
    format!(
        "{findings}; {} files seen, {} scanned, {skipped}, {} error(s); {gate}",
        c.files_seen,
        c.files_scanned,
        c.errors.len()
    )
}

fn init(args: &InitArgs) -> Result<u8> {
    let path = args.dir.join(CONFIG_FILE_NAME);
    if path.exists() && !args.force {
        bail!(
            "{} already exists (use --force to overwrite it)",
            path.display()
        );
    }
    std::fs::write(&path, STARTER_CONFIG)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "wrote {}", path.display())?;
    Ok(EXIT_OK)
}

fn all_rules() -> Result<Vec<ward_core::RuleDoc>> {
    let settings = EngineSettings {
        project_root: ward_scan::project_root(Path::new(".")),
        secrets_config: None,
        show_secrets: false,
        advisory_db: ward_advisory::index::resolve_dir(None),
        os_packages: false,
        iac_policy_namespaces: Vec::new(),
    };
    let mut rules: Vec<_> = ward_scan::builtin_engines(&settings)?
        .iter()
        .flat_map(|engine| engine.rules())
        .collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(rules)
}

fn rules(args: &RulesArgs) -> Result<u8> {
    let (engine, json) = match &args.command {
        RulesCommand::List { engine, json } => (engine, json),
        RulesCommand::Test { path } => return rules_test(path),
    };
    let rules: Vec<_> = all_rules()?
        .into_iter()
        .filter(|r| engine.as_ref().is_none_or(|e| &r.engine == e))
        .collect();
    let mut stdout = std::io::stdout().lock();
    if *json {
        serde_json::to_writer_pretty(&mut stdout, &rules)?;
        writeln!(stdout)?;
        return Ok(EXIT_OK);
    }
    if rules.is_empty() {
        writeln!(stdout, "No rules: no enabled engine matches.")?;
        return Ok(EXIT_OK);
    }
    let id_width = rules.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    let engine_width = rules
        .iter()
        .map(|r| r.engine.len())
        .max()
        .unwrap_or(6)
        .max(6);
    writeln!(
        stdout,
        "{:id_width$}  {:engine_width$}  {:8}  TITLE",
        "ID", "ENGINE", "SEVERITY"
    )?;
    for rule in &rules {
        writeln!(
            stdout,
            "{:id_width$}  {:engine_width$}  {:8}  {}",
            rule.id,
            rule.engine,
            rule.severity.as_str(),
            rule.title
        )?;
    }
    writeln!(
        stdout,
        "\n{} rules. `ward explain RULE-ID` shows one.",
        rules.len()
    )?;
    Ok(EXIT_OK)
}

/// `ward rules test PATH`: every rule file against its annotated test files.
fn rules_test(path: &Path) -> Result<u8> {
    let reports = ward_sast::ruletest::test_path(path)?;
    let mut stdout = std::io::stdout().lock();
    let mut failed = 0;
    let mut errors = 0;
    for report in &reports {
        if !report.passed() {
            failed += 1;
            if !report.errors.is_empty() {
                errors += 1;
            }
        }
        write!(stdout, "{}", report.render())?;
    }
    writeln!(
        stdout,
        "\n{} rule file(s) tested: {} passed, {} failed.",
        reports.len(),
        reports.len() - failed,
        failed
    )?;
    Ok(if failed == 0 {
        EXIT_OK
    } else if errors > 0 && errors == failed {
        EXIT_ERROR
    } else {
        EXIT_GATE_FAILED
    })
}

fn explain(args: &ExplainArgs) -> Result<u8> {
    let settings = EngineSettings {
        project_root: ward_scan::project_root(Path::new(".")),
        secrets_config: None,
        show_secrets: false,
        advisory_db: ward_advisory::index::resolve_dir(None),
        os_packages: false,
        iac_policy_namespaces: Vec::new(),
    };
    // Through the engines: advisory rules (`deps/RUSTSEC-…`) are data, read from the index.
    let engines = ward_scan::builtin_engines(&settings)?;
    let Some(rule) = ward_core::find_rule(&engines, &args.rule_id) else {
        bail!(
            "unknown rule `{}` (`ward rules list` shows every rule)",
            args.rule_id
        );
    };
    let mut stdout = std::io::stdout().lock();
    write!(stdout, "{}", rule.to_markdown())?;
    Ok(EXIT_OK)
}

fn baseline(args: &BaselineArgs) -> Result<u8> {
    let BaselineCommand::Create {
        path,
        output,
        config,
    } = &args.command;
    // The same scan as `ward scan PATH`, without any earlier baseline.
    let mut command_line = vec![
        "ward".into(),
        "scan".into(),
        path.as_os_str().to_owned(),
        "--quiet".into(),
        "--no-progress".into(),
    ];
    if let Some(config) = config {
        command_line.push("--config".into());
        command_line.push(config.as_os_str().to_owned());
    }
    let matches = <Cli as clap::CommandFactory>::command()
        .version(crate::cli::long_version())
        .try_get_matches_from(command_line)?;
    let Cli {
        command: Command::Scan(scan_args),
        ..
    } = <Cli as clap::FromArgMatches>::from_arg_matches(&matches)?
    else {
        bail!("internal error: the baseline scan's arguments did not parse as a scan");
    };
    let prepared = prepare(&scan_args, None)?;
    let report = prepared.report;
    let target = match output {
        Some(path) => path.clone(),
        None => ward_scan::project_root(path)
            .unwrap_or_else(|| path.clone())
            .join(".ward/baseline.json"),
    };
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let created = ward_core::time::iso_datetime(ward_core::time::now_unix());
    let baseline = ward_policy::Baseline::from_findings(&report.findings, created);
    let json = serde_json::to_string_pretty(&baseline)?;
    std::fs::write(&target, format!("{json}\n"))
        .with_context(|| format!("cannot write {}", target.display()))?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "wrote {} ({} findings)",
        target.display(),
        baseline.entries.len()
    )?;
    if !report.completeness.is_complete() {
        writeln!(
            stdout,
            "warning: the scan was incomplete ({} error(s)); findings in unread files are not in the baseline",
            report.completeness.errors.len()
        )?;
    }
    Ok(EXIT_OK)
}
