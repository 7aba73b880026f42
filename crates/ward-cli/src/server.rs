//! `ward serve` and `ward scan --upload`: thin wrappers over `ward-server`, present when the
//! `server` feature is on (the default, so the shipped binary has both).

use std::io::Write;

use anyhow::{Context, Result, bail};
use ward_core::ScanReport;

use crate::EXIT_OK;
use crate::cli::{ScanArgs, ServeArgs};

/// Where an upload goes, checked before the scan runs.
#[derive(Debug)]
pub struct UploadTarget {
    url: String,
    token: String,
    project: String,
    branch: String,
    commit: String,
    stage: ward_server::wire::Stage,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The stage of a scan when `--stage` is not given: pre-commit for `--staged`, else what the
/// CI system says (a pull/merge request, a scheduled pipeline), else main.
fn default_stage(staged: bool) -> ward_server::wire::Stage {
    use ward_server::wire::Stage;
    if staged {
        return Stage::PreCommit;
    }
    let github = env("GITHUB_EVENT_NAME");
    let gitlab = env("CI_PIPELINE_SOURCE");
    if matches!(github.as_deref(), Some("schedule"))
        || matches!(gitlab.as_deref(), Some("schedule"))
    {
        Stage::Scheduled
    } else if matches!(
        github.as_deref(),
        Some("pull_request" | "pull_request_target")
    ) || env("CI_MERGE_REQUEST_IID").is_some()
    {
        Stage::Pr
    } else {
        Stage::Main
    }
}

/// Reads the upload settings of `ward scan`; `None` without `--upload`.
pub fn upload_target(args: &ScanArgs) -> Result<Option<UploadTarget>> {
    let Some(url) = &args.upload else {
        return Ok(None);
    };
    let Some(token) = env("WARD_TOKEN") else {
        bail!("--upload needs an API token in the WARD_TOKEN environment variable");
    };
    let project = args.project.clone().unwrap_or_default();
    ward_server::wire::validate_project_name(&project)
        .map_err(|e| anyhow::anyhow!("--project: {e}"))?;
    let stage = match &args.stage {
        Some(text) => text.parse().map_err(|e| anyhow::anyhow!("--stage: {e}"))?,
        None => default_stage(args.staged),
    };
    let branch = args
        .branch
        .clone()
        .or_else(|| env("GITHUB_HEAD_REF"))
        .or_else(|| env("GITHUB_REF_NAME"))
        .or_else(|| env("CI_COMMIT_REF_NAME"))
        .unwrap_or_default();
    let commit = args
        .commit
        .clone()
        .or_else(|| env("GITHUB_SHA"))
        .or_else(|| env("CI_COMMIT_SHA"))
        .unwrap_or_default();
    Ok(Some(UploadTarget {
        url: url.clone(),
        token,
        project,
        branch,
        commit,
        stage,
    }))
}

/// Sends the report, with the CODEOWNERS file of the tree at `root` when it has one; prints
/// what the server did with it.
pub fn upload(
    target: &UploadTarget,
    report: &ScanReport,
    root: Option<&std::path::Path>,
    quiet: bool,
) -> Result<()> {
    let (codeowners, warning) = match root {
        Some(root) => ward_server::client::read_codeowners(root),
        None => (None, None),
    };
    if let Some(warning) = warning {
        let _ = writeln!(std::io::stderr().lock(), "ward: warning: {warning}");
    }
    let request = ward_server::wire::UploadRequest {
        scan_id: ward_server::client::new_scan_id(),
        project: target.project.clone(),
        branch: target.branch.clone(),
        commit: target.commit.clone(),
        stage: target.stage,
        codeowners,
        report: report.clone(),
    };
    let answer = ward_server::client::upload(&target.url, &target.token, &request)?;
    if !quiet {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "ward: uploaded scan {} to {} (project {}): {} finding(s), {} new issue(s), {} regression(s), {} fixed{}",
            answer.scan_id,
            target.url,
            answer.project,
            answer.findings,
            answer.new_issues,
            answer.regressions,
            answer.fixed,
            if answer.complete {
                ""
            } else {
                " (incomplete scan: nothing closed)"
            }
        );
        for error in &answer.codeowners_errors {
            let _ = writeln!(stderr, "ward: warning: {error} (line skipped)");
        }
    }
    Ok(())
}

pub fn serve(args: &ServeArgs) -> Result<u8> {
    let sla = match &args.sla {
        Some(text) => {
            ward_server::metrics::Sla::parse(text).map_err(|e| anyhow::anyhow!("--sla: {e}"))?
        }
        None => ward_server::metrics::Sla::default(),
    };
    let options = ward_server::ServeOptions {
        sla,
        listen: args.listen,
        database: args.database.clone(),
        admin_password_file: args.admin_password_file.clone(),
        secure_cookies: !args.insecure_cookies,
        ..ward_server::ServeOptions::default()
    };
    ward_server::serve(&options, |running| {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "ward serve: listening on http://{} (database: {})",
            running.addr, running.database
        );
        match &running.bootstrap {
            ward_server::Bootstrap::Ready => {}
            ward_server::Bootstrap::AdminCreated => {
                let _ = writeln!(stderr, "ward serve: created the administrator `admin`");
            }
            ward_server::Bootstrap::SetupToken(token) => {
                let _ = writeln!(
                    stderr,
                    "ward serve: no user exists yet. Create the administrator once with this setup token \
                     (shown only now; a restart makes a new one):\n\n  {token}\n\n  \
                     curl -X POST http://{}/api/v1/setup -H 'content-type: application/json' \\\n    \
                     -d '{{\"token\":\"{token}\",\"username\":\"admin\",\"password\":\"...\"}}'\n",
                    running.addr
                );
            }
        }
    })
    .context("ward serve")?;
    Ok(EXIT_OK)
}
