//! `dockerfile/curl-pipe-shell`: a build runs a script straight from the network.

use std::sync::LazyLock;

use regex::Regex;
use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct CurlPipeShell;

static META: Meta = Meta {
    id: "dockerfile/curl-pipe-shell",
    title: "Script downloaded and run in one step",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `RUN` instruction pipes the output of `curl` or `wget` into a shell or an \
        interpreter (`| sh`, `| bash`, `| python`), or runs `sh -c \"$(curl ...)\"`.",
    rationale: "Whatever the server sends is executed as the build user, usually root, with no \
        review and no integrity check: one compromised host or DNS answer owns every image built.",
    remediation: "Download to a file, verify a pinned checksum or signature, then run it; better, \
        install a packaged, versioned release.",
    example: "RUN curl -fsSL https://get.example.com/install.sh | sh   # reported\n# fixed:\nRUN curl -fsSLo install.sh https://get.example.com/install.sh \\\n && echo \"<sha256>  install.sh\" | sha256sum -c - && sh install.sh",
    cwe: &["CWE-494"],
    checkov: &[],
};

/// A download piped into an interpreter, or substituted into one.
pub static PIPE_TO_SHELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+\S+=\S+\s+)*
            (?:/usr)?(?:/bin/)?(?:ba|z|k|da|a)?sh\b
        | \b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+)?(?:python[0-9.]*|perl|ruby|node|php)\b
        | \b(?:ba|z)?sh\s+-c\s+[\x22']?\$\((?:curl|wget)\b
        | \b(?:ba|z)?sh\s+<\(\s*(?:curl|wget)\b",
    )
    .expect("valid regex")
});

impl DockerfileCheck for CurlPipeShell {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.with_keyword("RUN") {
            let text = instruction.shell_text();
            if let Some(found) = PIPE_TO_SHELL.find(&text) {
                // Point at the download command that feeds the pipe.
                let command = found.as_str().split_whitespace().next().unwrap_or_default();
                file.report_at(
                    sink,
                    &META,
                    index,
                    command,
                    "RUN pipes a download into a shell or interpreter.",
                );
            }
        }
    }
}
