//! `terraform/aws-ecr-tags-mutable`: an ECR repository lets tags be overwritten.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEcrTagsMutable;

static META: Meta = Meta {
    id: "terraform/aws-ecr-tags-mutable",
    title: "ECR repository image tags are mutable",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_ecr_repository` leaves `image_tag_mutability` unset or `MUTABLE` (the \
        default).",
    rationale: "With mutable tags, whoever can push can replace the image behind `v1.2.3` that \
        clusters will pull next, without changing any deployment manifest.",
    remediation: "Set `image_tag_mutability = \"IMMUTABLE\"` and deploy by digest.",
    example: "resource \"aws_ecr_repository\" \"app\" {\n  image_tag_mutability = \"MUTABLE\"   # reported\n}",
    cwe: &["CWE-494"],
    checkov: &["CKV_AWS_51"],
};

impl TerraformCheck for AwsEcrTagsMutable {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_ecr_repository"],
            "image_tag_mutability",
            IfMissing::Fail,
            string_in(&["MUTABLE"]),
            |r, _| format!("{} lets image tags be overwritten.", r.address),
        );
    }
}
