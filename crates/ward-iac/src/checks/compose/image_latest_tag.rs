//! `compose/image-latest-tag`: a service runs an image by the `latest` tag or no tag.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct ImageLatestTag;

static META: Meta = Meta {
    id: "compose/image-latest-tag",
    title: "Compose service image is not pinned",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "A service without a `build` section uses an image with the `latest` tag or no \
        tag at all.",
    rationale: "`latest` changes under you: each pull may bring a different image, so \
        deployments are not reproducible and a compromised or broken upstream image \
        arrives unreviewed.",
    remediation: "Pin a version tag, or better a digest (`image: postgres:16.4@sha256:...`).",
    example: "services:\n  db:\n    image: postgres   # reported\n# fixed:\n    image: postgres:16.4",
    cwe: &["CWE-1357"],
    checkov: &[],
};

impl ComposeCheck for ImageLatestTag {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        if service.node.get("build").is_some() {
            return;
        }
        let Some(node) = service.node.get("image") else {
            return;
        };
        let Some(image) = node.as_str() else { return };
        if image.contains("${") || image.contains('@') {
            return;
        }
        let name = image.rsplit('/').next().unwrap_or(image);
        let tag = name.split_once(':').map(|(_, tag)| tag);
        if matches!(tag, None | Some("latest")) {
            service.report(
                sink,
                &META,
                node,
                "image",
                format!(
                    "Service {} runs {image}, which is not pinned to a version.",
                    service.name
                ),
            );
        }
    }
}
