//! `image/no-healthcheck`: the image defines no health check.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::image_config::{ImageConfig, ImageConfigCheck};

#[derive(Debug)]
pub struct NoHealthcheck;

static META: Meta = Meta {
    id: "image/no-healthcheck",
    title: "Image without a health check",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "The image configuration has no `Healthcheck`, or disables it (`NONE`).",
    rationale: "Without a health check, Docker and Swarm keep routing to a container whose \
        process is alive but hung or broken; a denial of service then lasts until someone \
        notices. (Kubernetes ignores it and uses its own probes.)",
    remediation: "Add `HEALTHCHECK CMD ...` to the Dockerfile with a cheap request against the \
        service, or define probes where the image is deployed.",
    example: "\"config\": {}                     # reported\n# fixed:\n\"config\": {\"Healthcheck\": {\"Test\": [\"CMD\", \"/app/healthcheck\"]}}",
    cwe: &["CWE-703"],
    checkov: &["CKV_DOCKER_2"],
};

impl ImageConfigCheck for NoHealthcheck {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, config: &ImageConfig, sink: &mut Sink<'_>) {
        match &config.healthcheck {
            None => config.report(
                sink,
                &META,
                "\"config\"",
                "config.Healthcheck",
                "The image defines no health check.",
            ),
            Some(test) if test.first().is_some_and(|t| t.eq_ignore_ascii_case("NONE")) => {
                config.report(
                    sink,
                    &META,
                    "\"Healthcheck\"",
                    "config.Healthcheck",
                    "The image disables its health check (NONE).",
                );
            }
            Some(_) => {}
        }
    }
}
