//! `dockerfile/package-signature-check-disabled`: package installed without signature checks.

use std::sync::LazyLock;

use regex::Regex;
use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct PackageSignatureCheckDisabled;

static META: Meta = Meta {
    id: "dockerfile/package-signature-check-disabled",
    title: "Package installed without signature checks",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `RUN` installs packages with signature verification turned off: `apt-get \
        --allow-unauthenticated` or `--force-yes`, `apk --allow-untrusted`, \
        `yum`/`dnf`/`rpm --nogpgcheck`, or `rpm --nosignature`/`--nodigest`.",
    rationale: "Signatures are what prove a package comes from the distribution; without them a \
        mirror, proxy or network attacker can substitute any package, and it runs as \
        root in the build.",
    remediation: "Remove the option and import the repository's signing key (`gpg --dearmor` into \
        `/etc/apt/keyrings`, `rpm --import`, `apk` keys) instead.",
    example: "RUN apt-get install -y --allow-unauthenticated curl   # reported",
    cwe: &["CWE-494"],
    checkov: &[
        "CKV2_DOCKER_7",
        "CKV2_DOCKER_8",
        "CKV2_DOCKER_9",
        "CKV2_DOCKER_10",
        "CKV2_DOCKER_11",
    ],
};

static UNSIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \bapt(?:-get)?\b[^|;&\n]*\s--(?:allow-unauthenticated|force-yes)\b
        | \bapk\b[^|;&\n]*\s--allow-untrusted\b
        | \b(?:yum|dnf|microdnf|rpm|zypper)\b[^|;&\n]*\s--(?:nogpgcheck|no-gpg-checks)\b
        | \brpm\b[^|;&\n]*\s--no(?:signature|digest)\b",
    )
    .expect("valid regex")
});

impl DockerfileCheck for PackageSignatureCheckDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.with_keyword("RUN") {
            if let Some(hit) = UNSIGNED.find(&instruction.shell_text()) {
                let option = hit.as_str().split_whitespace().last().unwrap_or_default();
                file.report_at(
                    sink,
                    &META,
                    index,
                    option,
                    format!("RUN installs packages without checking their signatures ({option})."),
                );
            }
        }
    }
}
