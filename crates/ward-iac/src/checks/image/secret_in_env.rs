//! `image/secret-in-env`: a credential is stored in the image's environment.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::image_config::{ImageConfig, ImageConfigCheck};
use crate::util::{is_placeholder, is_secret_name};

#[derive(Debug)]
pub struct SecretInEnv;

static META: Meta = Meta {
    id: "image/secret-in-env",
    title: "Credential in the image environment",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "An environment variable of the image configuration whose name says it holds \
        a credential (`*_PASSWORD`, `*_TOKEN`, `API_KEY`, ...) has a literal value. The value is \
        never shown.",
    rationale: "The environment is part of the image configuration: anyone who can pull the \
        image reads it with `docker inspect`, and every container and child process inherits \
        it.",
    remediation: "Remove the `ENV` from the Dockerfile, rotate the credential, and provide it at \
        run time from the orchestrator's secret store (or `RUN --mount=type=secret` at build \
        time).",
    example: "\"Env\": [\"DB_PASSWORD=hunter2-prod\"]   # reported\n# fixed: injected at run time",
    cwe: &["CWE-798"],
    checkov: &[],
};

impl ImageConfigCheck for SecretInEnv {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, config: &ImageConfig, sink: &mut Sink<'_>) {
        for (name, value) in &config.env {
            if is_secret_name(name) && !is_placeholder(value) {
                config.report(
                    sink,
                    &META,
                    &format!("\"{name}="),
                    &format!("config.Env.{name}"),
                    format!("The image environment sets {name} to a literal value."),
                );
            }
        }
    }
}
