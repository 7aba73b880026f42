//! `terraform/aws-ami-public`: an AMI is shared with everyone.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsAmiPublic;

static META: Meta = Meta {
    id: "terraform/aws-ami-public",
    title: "AMI launch permission is public",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_ami_launch_permission` sets `group = \"all\"`.",
    rationale: "A public AMI can be launched by anyone; its volumes expose whatever was baked \
        in: code, configuration, keys and credentials left on disk.",
    remediation: "Share the image with specific accounts (`account_id`), an organization or an \
        OU instead of `all`.",
    example: "resource \"aws_ami_launch_permission\" \"share\" {\n  image_id = aws_ami.app.id\n  group    = \"all\"   # reported\n}",
    cwe: &["CWE-200"],
    checkov: &[],
};

impl TerraformCheck for AwsAmiPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_ami_launch_permission"],
            "group",
            IfMissing::Pass,
            string_in(&["all"]),
            |r, _| format!("{} makes the image public.", r.address),
        );
    }
}
