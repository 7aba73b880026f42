//! `dockerfile/secret-in-env-arg`: a credential is baked into the image by `ENV` or `ARG`.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};
use crate::util::{is_placeholder, is_secret_name};

#[derive(Debug)]
pub struct SecretInEnvArg;

static META: Meta = Meta {
    id: "dockerfile/secret-in-env-arg",
    title: "Credential in `ENV` or `ARG`",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "An `ENV` whose name says it holds a credential (`*_PASSWORD`, `*_TOKEN`, \
        `API_KEY`, ...) is given a literal value, or an `ARG` with such a name is declared (its \
        value, default or passed with `--build-arg`, is recorded in the image). The value is \
        never shown.",
    rationale: "`ENV` values are stored in the image configuration and `ARG` values in its build \
        history: anyone who can pull the image reads them with `docker inspect` or `docker \
        history`, long after the Dockerfile was fixed.",
    remediation: "Pass build-time secrets with `RUN --mount=type=secret,id=...` and provide \
        run-time ones from the orchestrator's secret store; rotate any credential that was built \
        into an image.",
    example: "ENV DB_PASSWORD=s3cr3t-value      # reported\nARG NPM_TOKEN                     # reported\n# fixed:\nRUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci",
    cwe: &["CWE-798"],
    checkov: &[],
};

impl DockerfileCheck for SecretInEnvArg {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, keyword, name, value) in file.variables() {
            if !is_secret_name(&name) {
                continue;
            }
            match (keyword, value) {
                ("ENV", Some(value)) if !is_placeholder(&value) => file.report_at(
                    sink,
                    &META,
                    index,
                    &name,
                    format!("ENV sets {name} to a literal value, stored in the image."),
                ),
                ("ARG", _) => {
                    file.report_at(
                            sink,
                            &META,
                            index,
                            &name,
                            format!("ARG {name} is a credential: build arguments are recorded in the image history."),
                        );
                }
                _ => {}
            }
        }
    }
}
