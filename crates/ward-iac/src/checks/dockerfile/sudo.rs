//! `dockerfile/sudo`: a build step uses `sudo`.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct Sudo;

static META: Meta = Meta {
    id: "dockerfile/sudo",
    title: "`sudo` in a build step",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `RUN` instruction calls `sudo`.",
    rationale: "`sudo` in an image means a sudo binary and, usually, a sudoers rule that lets the \
        application user become root at run time, undoing the point of a non-root `USER`. In the \
        build it is never needed: switch `USER` instead.",
    remediation: "Run the privileged steps before `USER app` (or switch with `USER root` and back), \
        and do not install sudo in the final image.",
    example: "USER app\nRUN sudo apt-get install -y curl   # reported\n# fixed:\nUSER root\nRUN apt-get install -y curl\nUSER app",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl DockerfileCheck for Sudo {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.with_keyword("RUN") {
            let text = instruction.shell_text();
            let uses_sudo = text
                .split(['&', ';', '|', '\n', '('])
                .any(|command| command.split_whitespace().next() == Some("sudo"));
            if uses_sudo {
                file.report_at(sink, &META, index, "sudo", "RUN calls sudo.");
            }
        }
    }
}
