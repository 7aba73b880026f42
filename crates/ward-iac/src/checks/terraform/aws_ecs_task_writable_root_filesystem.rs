//! `terraform/aws-ecs-task-writable-root-filesystem`: an ECS container can write to its root filesystem.

use ward_core::{Confidence, Severity};

use super::helpers::report_ecs_containers;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEcsTaskWritableRootFilesystem;

static META: Meta = Meta {
    id: "terraform/aws-ecs-task-writable-root-filesystem",
    title: "ECS container root filesystem is writable",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "A container of an `aws_ecs_task_definition` leaves `readonlyRootFilesystem` \
        unset or `false` (the default).",
    rationale: "A writable root filesystem lets an intruder in the container drop tools, modify \
        binaries and persist changes for the container's lifetime.",
    remediation: "Set `readonlyRootFilesystem = true` and mount volumes for the paths the \
        application writes to.",
    example: "container_definitions = jsonencode([{\n  name = \"app\"   # reported: no readonlyRootFilesystem\n}])",
    cwe: &["CWE-732"],
    checkov: &[],
};

impl TerraformCheck for AwsEcsTaskWritableRootFilesystem {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_ecs_containers(&META, module, report, |container| {
            let read_only = container
                .get("readonlyRootFilesystem")
                .and_then(serde_json::Value::as_bool)
                == Some(true);
            if read_only {
                Vec::new()
            } else {
                vec!["can write to its root filesystem.".to_owned()]
            }
        });
    }
}
