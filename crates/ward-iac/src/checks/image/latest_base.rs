//! `image/latest-base`: the image was built on a base image by a moving tag.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::image_config::{ImageConfig, ImageConfigCheck};

#[derive(Debug)]
pub struct LatestBase;

static META: Meta = Meta {
    id: "image/latest-base",
    title: "Image built on a `latest` base",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "The base image recorded in the configuration's labels \
        (`org.opencontainers.image.base.name`) has the `latest` tag or no tag, and no digest.",
    rationale: "`latest` moves: two builds of the same Dockerfile get different bases, so a \
        vulnerability fixed or introduced upstream appears without a change in the repository, \
        and a rebuild cannot be reproduced.",
    remediation: "Pin the base image by a version tag and digest \
        (`FROM debian:12.5-slim@sha256:...`) and update it deliberately (Renovate, Dependabot).",
    example: "\"Labels\": {\"org.opencontainers.image.base.name\": \"docker.io/library/debian:latest\"}   # reported\n# fixed: debian:12.5-slim@sha256:…",
    cwe: &["CWE-1357"],
    checkov: &["CKV_DOCKER_7"],
};

/// Whether an image reference has no digest and the `latest` tag or none.
fn is_latest(reference: &str) -> bool {
    if reference.contains('@') {
        return false;
    }
    let last = reference.rsplit('/').next().unwrap_or(reference);
    match last.split_once(':') {
        Some((_, tag)) => tag == "latest",
        None => true,
    }
}

impl ImageConfigCheck for LatestBase {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, config: &ImageConfig, sink: &mut Sink<'_>) {
        const LABEL: &str = "org.opencontainers.image.base.name";
        if let Some(base) = config.labels.get(LABEL)
            && is_latest(base)
        {
            config.report(
                sink,
                &META,
                &format!("\"{LABEL}\""),
                &format!("config.Labels.{LABEL}"),
                format!("The image was built on `{base}`, a moving tag."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_latest;

    #[test]
    fn moving_tags() {
        assert!(is_latest("debian"));
        assert!(is_latest("docker.io/library/debian:latest"));
        assert!(is_latest("localhost:5000/base"));
        assert!(!is_latest("localhost:5000/base:1.2"));
        assert!(!is_latest("debian:12-slim"));
        assert!(!is_latest("debian@sha256:abcd"));
    }
}
