//! `dockerfile/package-cache-not-cleaned`: package manager caches stay in the image.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct PackageCacheNotCleaned;

static META: Meta = Meta {
    id: "dockerfile/package-cache-not-cleaned",
    title: "Package cache left in the image",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "A `RUN` installs packages with `apt-get`/`apt` without removing \
        `/var/lib/apt/lists` in the same instruction, with `apk add` without `--no-cache`, or \
        with `yum`/`dnf` without `clean all`. A cache mount (`--mount=type=cache`) is accepted.",
    rationale: "Package indexes left in a layer make the image larger and let scanners and \
        attackers alike see stale package metadata; removing them in a later instruction does \
        not help, the earlier layer keeps them.",
    remediation: "Clean up in the same `RUN`: `apt-get update && apt-get install -y --no-install-recommends pkg \
        && rm -rf /var/lib/apt/lists/*`, `apk add --no-cache pkg`, `dnf install -y pkg && dnf clean all`.",
    example: "RUN apt-get update && apt-get install -y curl     # reported\n# fixed:\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*",
    cwe: &["CWE-1164"],
    checkov: &[],
};

impl DockerfileCheck for PackageCacheNotCleaned {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.with_keyword("RUN") {
            if instruction.flags.iter().any(|f| f.contains("type=cache")) {
                continue;
            }
            let text = instruction.shell_text();
            let problem = if (text.contains("apt-get install") || text.contains("apt install"))
                && !text.contains("/var/lib/apt/lists")
            {
                Some("apt lists are not removed")
            } else if text.contains("apk add")
                && !text.contains("--no-cache")
                && !text.contains("/var/cache/apk")
            {
                Some("apk add runs without --no-cache")
            } else if (text.contains("yum install")
                || text.contains("dnf install")
                || text.contains("microdnf install"))
                && !text.contains("clean all")
                && !text.contains("/var/cache/")
            {
                Some("yum/dnf caches are not cleaned")
            } else {
                None
            };
            if let Some(problem) = problem {
                file.report(
                    sink,
                    &META,
                    index,
                    format!("RUN installs packages but {problem}."),
                );
            }
        }
    }
}
