//! `terraform/aws-ecs-task-host-network`: an ECS task uses the host's network.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEcsTaskHostNetwork;

static META: Meta = Meta {
    id: "terraform/aws-ecs-task-host-network",
    title: "ECS task definition uses host network mode",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_ecs_task_definition` sets `network_mode = \"host\"`.",
    rationale: "Containers then share the instance's network stack: they can bind any port, see \
        other tasks' traffic on the host, and reach the instance metadata service with the \
        instance role.",
    remediation: "Use `network_mode = \"awsvpc\"` (each task its own interface and security \
        group) or `bridge`.",
    example: "resource \"aws_ecs_task_definition\" \"app\" {\n  network_mode = \"host\"   # reported\n}",
    cwe: &["CWE-668"],
    checkov: &[],
};

impl TerraformCheck for AwsEcsTaskHostNetwork {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_ecs_task_definition"],
            "network_mode",
            IfMissing::Pass,
            string_in(&["host"]),
            |r, _| format!("{} shares the host's network namespace.", r.address),
        );
    }
}
