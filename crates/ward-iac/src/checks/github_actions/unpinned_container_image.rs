//! `github-actions/unpinned-container-image`: job container or service image has no version.

use ward_core::{Confidence, Severity};

use crate::actions::{Job, Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};
use crate::yaml::Node;

#[derive(Debug)]
pub struct UnpinnedContainerImage;

static META: Meta = Meta {
    id: "github-actions/unpinned-container-image",
    title: "Job container or service image has no version",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A job's `container` or one of its `services` names an image with no tag or with \
        `:latest` (and no `@sha256:` digest).",
    rationale: "The job then runs whatever the image's publisher, or whoever took over the name, \
        pushed last, with access to the job's checkout, token and secrets; builds also \
        stop being reproducible.",
    remediation: "Pin a version tag, or better a digest: `image: postgres:16.4@sha256:<digest>`.",
    example: "services:\n  db:\n    image: postgres   # reported\n# fixed:\n    image: postgres:16.4",
    cwe: &["CWE-829"],
    checkov: &[],
};

/// The images of a job's `container` and `services`, with their attribute paths.
fn images<'a>(job: &Job<'a>) -> Vec<(&'a Node, String)> {
    let mut out = Vec::new();
    if let Some(container) = job.node.get("container") {
        match container.get("image") {
            Some(image) => out.push((image, format!("{}.container.image", job.path))),
            None if container.as_str().is_some() => {
                out.push((container, format!("{}.container", job.path)));
            }
            None => {}
        }
    }
    if let Some(services) = job.node.get("services") {
        for (key, service) in services.as_map() {
            let name = key.as_str().unwrap_or_default();
            match service.get("image") {
                Some(image) => out.push((image, format!("{}.services.{name}.image", job.path))),
                None if service.as_str().is_some() => {
                    out.push((service, format!("{}.services.{name}", job.path)));
                }
                None => {}
            }
        }
    }
    out
}

impl WorkflowCheck for UnpinnedContainerImage {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        for job in &workflow.jobs {
            for (image, path) in images(job) {
                let Some(name) = image.as_str() else { continue };
                if name.contains("${{") || name.contains("@sha256:") {
                    continue;
                }
                let last = name.rsplit('/').next().unwrap_or(name);
                let tag = last.split_once(':').map(|(_, t)| t);
                if tag.is_some_and(|t| t != "latest") {
                    continue;
                }
                sink.report(
                    &META,
                    image.span,
                    &workflow.resource(Some(job)),
                    &path,
                    format!(
                        "Job `{}` runs the image {name} without a pinned version.",
                        job.id
                    ),
                );
            }
        }
    }
}
