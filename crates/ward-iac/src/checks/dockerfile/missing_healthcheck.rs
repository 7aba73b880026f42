//! `dockerfile/missing-healthcheck`: image declares no HEALTHCHECK.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct MissingHealthcheck;

static META: Meta = Meta {
    id: "dockerfile/missing-healthcheck",
    title: "Image declares no HEALTHCHECK",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "The final stage has no `HEALTHCHECK` instruction (a `HEALTHCHECK NONE` counts as \
        a decision and is not reported).",
    rationale: "Without a health check, Docker and Compose keep a hung or half-crashed container \
        marked as running, so failures, including those an attack causes, go unnoticed \
        and traffic keeps flowing to it. (Kubernetes uses its own probes instead.)",
    remediation: "Add `HEALTHCHECK CMD <command that fails when the service is unhealthy>`, or \
        `HEALTHCHECK NONE` if the orchestrator checks health itself.",
    example: "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/   # reported: no HEALTHCHECK\n# fixed:\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1",
    cwe: &["CWE-754"],
    checkov: &["CKV_DOCKER_2"],
};

impl DockerfileCheck for MissingHealthcheck {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        let Some(stage) = file.stages.last() else {
            return;
        };
        if file.final_stage().any(|(_, i)| i.keyword == "HEALTHCHECK") {
            return;
        }
        file.report(
            sink,
            &META,
            stage.from,
            "The final stage declares no HEALTHCHECK.",
        );
    }
}
