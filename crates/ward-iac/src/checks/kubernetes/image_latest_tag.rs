//! `kubernetes/image-latest-tag`: a container image is `latest` or has no tag.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct ImageLatestTag;

static META: Meta = Meta {
    id: "kubernetes/image-latest-tag",
    title: "Container image is `latest` or untagged",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A container's `image` has no tag, or the tag `latest`, and no digest.",
    rationale: "A moving tag means the code that runs is decided at pull time, not review time: \
        a pushed (or hijacked) image reaches production at the next restart, and two replicas \
        can run different code. Rollbacks and audits have nothing fixed to refer to.",
    remediation: "Pin a specific version tag, better an immutable digest \
        (`image: registry/app:1.4.2@sha256:...`).",
    example: "image: nginx          # reported\nimage: nginx:latest   # reported\n# fixed:\nimage: nginx:1.27.3",
    cwe: &["CWE-1357"],
    checkov: &["CKV_K8S_14"],
};

/// The tag of an image reference, `None` when it has none. Digests are handled by the caller.
pub fn image_tag(image: &str) -> Option<&str> {
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split_once(':').map(|(_, tag)| tag)
}

/// Why an image reference floats, if it does: untagged or `latest`, without a digest.
pub fn floating_reason(image: &str) -> Option<&'static str> {
    let image = image.trim();
    if image.is_empty() || image.contains('@') || image.contains("${") || image.contains("{{") {
        return None;
    }
    match image_tag(image) {
        None => Some("has no tag"),
        Some("latest") => Some("uses the tag latest"),
        Some(_) => None,
    }
}

impl KubernetesCheck for ImageLatestTag {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |_, container| {
            let Some(node) = container.node.get("image") else {
                return;
            };
            let Some(image) = node.as_str() else { return };
            if let Some(reason) = floating_reason(image) {
                object.report(
                    sink,
                    &META,
                    node,
                    &format!("{}.image", container.path),
                    format!(
                        "Image {image} of container `{}` in {} {reason}.",
                        container.name, object.resource.address
                    ),
                );
            }
        });
    }
}
