//! `image/run-as-root`: containers of the image run as root.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::image_config::{ImageConfig, ImageConfigCheck};

#[derive(Debug)]
pub struct RunAsRoot;

static META: Meta = Meta {
    id: "image/run-as-root",
    title: "Image runs as root",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "The image configuration's `User` is empty, `root` or UID 0, so its containers \
        run as root unless the platform overrides it.",
    rationale: "A process running as root in a container is one kernel bug, writable host mount \
        or extra capability away from root on the host, and can rewrite the application inside \
        the container.",
    remediation: "Create an unprivileged user in the image and set it last (`USER 10001` in \
        the Dockerfile); a numeric UID lets Kubernetes verify `runAsNonRoot`.",
    example: "\"config\": {\"User\": \"\"}        # reported\n# fixed:\n\"config\": {\"User\": \"10001\"}",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl ImageConfigCheck for RunAsRoot {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, config: &ImageConfig, sink: &mut Sink<'_>) {
        let name = config.user.split(':').next().unwrap_or("").trim();
        if name.is_empty() {
            config.report(
                sink,
                &META,
                "\"config\"",
                "config.User",
                "The image sets no user: its containers run as root.",
            );
        } else if name == "root" || name == "0" {
            config.report(
                sink,
                &META,
                "\"User\"",
                "config.User",
                format!("The image runs as user `{}`, which is root.", config.user),
            );
        }
    }
}
