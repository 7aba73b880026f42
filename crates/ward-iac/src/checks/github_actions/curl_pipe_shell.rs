//! `github-actions/curl-pipe-shell`: step pipes a download into a shell.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};
use crate::checks::dockerfile::curl_pipe_shell::PIPE_TO_SHELL;

#[derive(Debug)]
pub struct CurlPipeShell;

static META: Meta = Meta {
    id: "github-actions/curl-pipe-shell",
    title: "Step pipes a download into a shell",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `run:` step pipes the output of `curl` or `wget` into a shell or interpreter \
        (`| sh`, `| bash`, `| python`), or runs `sh -c \"$(curl ...)\"`.",
    rationale: "Whatever the server returns runs in the job with its token and secrets, \
        unreviewed and unverified: a compromised host, CDN or DNS answer takes over the \
        pipeline, and the same script may differ between runs.",
    remediation: "Download to a file, check a pinned checksum or signature, then run it; better, \
        use a pinned action or a package manager with lockfiles.",
    example: "- run: curl -fsSL https://get.example.com/install.sh | bash   # reported",
    cwe: &["CWE-494"],
    checkov: &[],
};

impl WorkflowCheck for CurlPipeShell {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        for job in &workflow.jobs {
            for step in &job.steps {
                let Some(run) = step.node.get("run") else {
                    continue;
                };
                let Some(found) = run.as_str().and_then(|t| PIPE_TO_SHELL.find(t)) else {
                    continue;
                };
                sink.report(
                    &META,
                    sink.locate(run.span, found.as_str()),
                    &workflow.resource(Some(job)),
                    &format!("{}.run", step.path),
                    format!(
                        "Step `{}` pipes a download into a shell or interpreter.",
                        step.label
                    ),
                );
            }
        }
    }
}
