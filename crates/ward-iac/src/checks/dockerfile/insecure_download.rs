//! `dockerfile/insecure-download`: a download skips TLS certificate checks.

use std::sync::LazyLock;

use regex::Regex;
use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct InsecureDownload;

static META: Meta = Meta {
    id: "dockerfile/insecure-download",
    title: "Download without certificate checks",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `RUN` calls `curl -k`/`--insecure`, `wget --no-check-certificate`, \
        `pip --trusted-host` or `npm config set strict-ssl false`.",
    rationale: "Without certificate checks anyone on the network path (a proxy, a hostile Wi-Fi, \
        a poisoned DNS answer) can replace what the build downloads, and the build trusts it.",
    remediation: "Remove the flag and fix the trust store instead (install the CA certificate the \
        proxy uses).",
    example: "RUN curl -k https://example.com/tool -o /usr/bin/tool   # reported\n# fixed:\nRUN curl -fsSL https://example.com/tool -o /usr/bin/tool",
    cwe: &["CWE-295"],
    checkov: &[],
};

static INSECURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \bcurl\b[^|;&\n]*\s(?:-[a-zA-Z]*k[a-zA-Z]*|--insecure)\b
        | \bwget\b[^|;&\n]*\s--no-check-certificate\b
        | \bpip[0-9.]*\b[^|;&\n]*\s--trusted-host\b
        | \b(?:npm|yarn)\s+config\s+set\s+strict-ssl\s+false\b
        | \bgit\s+config\b[^|;&\n]*http\.sslVerify\s+false\b",
    )
    .expect("valid regex")
});

impl DockerfileCheck for InsecureDownload {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.instructions.iter().enumerate() {
            if instruction.keyword == "RUN" && INSECURE.is_match(&instruction.shell_text()) {
                file.report(
                    sink,
                    &META,
                    index,
                    "RUN downloads without checking TLS certificates.",
                );
            }
        }
    }
}
