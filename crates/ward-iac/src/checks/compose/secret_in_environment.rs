//! `compose/secret-in-environment`: a service has a credential written into its environment.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};
use crate::util::{is_placeholder, is_secret_name};

#[derive(Debug)]
pub struct SecretInEnvironment;

static META: Meta = Meta {
    id: "compose/secret-in-environment",
    title: "Compose service environment holds a secret",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A service sets an environment variable whose name says it is a credential \
        (`POSTGRES_PASSWORD`, `API_KEY`, `*_TOKEN`) to a literal value, in the map or \
        the list form.",
    rationale: "Compose files are committed and shared; a literal credential in one is exposed \
        to everyone with the repository and lives on in its history.",
    remediation: "Use Compose `secrets:` (mounted as files), or a variable substituted from the \
        environment or an untracked `.env` file (`${POSTGRES_PASSWORD}`).",
    example: "environment:\n  POSTGRES_PASSWORD: hunter2-but-longer   # reported\n# fixed:\n  POSTGRES_PASSWORD_FILE: /run/secrets/db_password",
    cwe: &["CWE-798"],
    checkov: &[],
};

impl ComposeCheck for SecretInEnvironment {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        for var in service.environment() {
            let Some(value) = var.value else { continue };
            if is_secret_name(var.name) && !is_placeholder(value) {
                service.report(
                    sink,
                    &META,
                    var.node,
                    &format!("environment.{}", var.name),
                    format!(
                        "Service {} sets {} to a literal secret.",
                        service.name, var.name
                    ),
                );
            }
        }
    }
}
