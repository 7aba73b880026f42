//! `dockerfile/tls-verification-disabled-env`: image turns off TLS certificate checks through the environment.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct TlsVerificationDisabledEnv;

static META: Meta = Meta {
    id: "dockerfile/tls-verification-disabled-env",
    title: "Image turns off TLS certificate checks through the environment",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `ENV` or `ARG` sets a variable that disables certificate verification for the \
        tools that read it: `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, \
        `GIT_SSL_NO_VERIFY`, `NPM_CONFIG_STRICT_SSL=false`, `PIP_TRUSTED_HOST` or \
        `GOINSECURE`.",
    rationale: "The setting stays in the image: every HTTPS connection those tools make, at \
        build time and at run time, accepts any certificate, so anyone on the network \
        path can read and change the traffic.",
    remediation: "Remove the variable and install the certificate authority the network needs \
        (`COPY ca.crt /usr/local/share/ca-certificates/` then `update-ca-certificates`).",
    example: "ENV NODE_TLS_REJECT_UNAUTHORIZED=0   # reported",
    cwe: &["CWE-295"],
    checkov: &["CKV2_DOCKER_5", "CKV2_DOCKER_6", "CKV2_DOCKER_14"],
};

impl DockerfileCheck for TlsVerificationDisabledEnv {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, keyword, name, value) in file.variables() {
            let Some(value) = value else {
                continue;
            };
            let value = value.trim_matches(['"', '\'']).to_ascii_lowercase();
            let disables = match name.to_ascii_uppercase().as_str() {
                "NODE_TLS_REJECT_UNAUTHORIZED" | "PYTHONHTTPSVERIFY" => value == "0",
                "NPM_CONFIG_STRICT_SSL" => value == "false",
                "GIT_SSL_NO_VERIFY" | "PIP_TRUSTED_HOST" | "GOINSECURE" => !value.is_empty(),
                _ => false,
            };
            if disables {
                file.report_at(
                    sink,
                    &META,
                    index,
                    &name,
                    format!("{keyword} {name} turns off TLS certificate checks."),
                );
            }
        }
    }
}
