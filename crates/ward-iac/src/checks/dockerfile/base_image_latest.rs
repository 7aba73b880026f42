//! `dockerfile/base-image-latest`: a stage builds on a `latest` or untagged image.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::checks::kubernetes::image_latest_tag::floating_reason;
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct BaseImageLatest;

static META: Meta = Meta {
    id: "dockerfile/base-image-latest",
    title: "Base image is `latest` or untagged",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `FROM` instruction names an image without a tag, or with the tag `latest`, \
        and without a digest. `scratch` and earlier stages are not images and are not reported; \
        a base image built from an `ARG` without a default is counted as inconclusive.",
    rationale: "The image a build starts from changes whenever its publisher pushes: two builds \
        of the same commit can ship different code, a compromised or broken upstream release \
        reaches production unreviewed, and nobody can say what an old image contained.",
    remediation: "Pin a version tag, better a digest: `FROM node:22.11-alpine@sha256:...`, and \
        let a dependency bot propose updates.",
    example: "FROM python            # reported\nFROM python:latest     # reported\n# fixed:\nFROM python:3.13-slim@sha256:<digest>",
    cwe: &["CWE-1357"],
    checkov: &["CKV_DOCKER_7"],
};

impl DockerfileCheck for BaseImageLatest {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (n, stage) in file.stages.iter().enumerate() {
            let Some(image) = stage.resolved.as_deref() else {
                sink.inconclusive(
                    &META,
                    file.instructions[stage.from].line,
                    format!(
                        "FROM {}: the image depends on a build argument without a default",
                        stage.image
                    ),
                );
                continue;
            };
            if image.eq_ignore_ascii_case("scratch") || file.is_stage_name(image, n) {
                continue;
            }
            if let Some(reason) = floating_reason(image) {
                // The image as written (`$BASE` resolved from an ARG is not on the line).
                file.report_at(
                    sink,
                    &META,
                    stage.from,
                    &stage.image,
                    format!("Base image {image} {reason}."),
                );
            }
        }
    }
}
