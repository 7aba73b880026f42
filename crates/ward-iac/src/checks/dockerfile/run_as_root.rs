//! `dockerfile/run-as-root`: the image's final stage runs as root.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct RunAsRoot;

static META: Meta = Meta {
    id: "dockerfile/run-as-root",
    title: "Image runs as root",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "The final stage has no `USER` instruction, or its last `USER` is `root` or \
        UID 0, so containers from the image run as root unless the platform overrides it. \
        Stages built `FROM scratch` without a shell are reported too: set a numeric `USER`.",
    rationale: "A process running as root in a container is one kernel bug, one writable host \
        mount or one misconfigured capability away from root on the host, and inside the \
        container it can rewrite the application itself.",
    remediation: "Create an unprivileged user in the image and end the final stage with \
        `USER <name or uid>` (a numeric UID lets Kubernetes verify `runAsNonRoot`).",
    example: "FROM node:22-alpine\nCOPY . /app\nCMD [\"node\", \"/app/server.js\"]   # reported: no USER\n# fixed:\nUSER 10001\nCMD [\"node\", \"/app/server.js\"]",
    cwe: &["CWE-250"],
    checkov: &["CKV_DOCKER_3", "CKV_DOCKER_8"],
};

/// Whether a `USER` argument is root.
fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user).trim();
    name == "root" || name == "0"
}

impl DockerfileCheck for RunAsRoot {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        let Some(stage) = file.stages.last() else {
            return;
        };
        let last_user = file
            .final_stage()
            .filter(|(_, i)| i.keyword == "USER")
            .last();
        match last_user {
            Some((index, user)) if is_root(&user.args) => {
                file.report(
                    sink,
                    &META,
                    index,
                    format!("The final stage switches to USER {}.", user.args),
                );
            }
            Some(_) => {}
            None => file.report(
                sink,
                &META,
                stage.from,
                "The final stage sets no USER: containers run as root.",
            ),
        }
    }
}
