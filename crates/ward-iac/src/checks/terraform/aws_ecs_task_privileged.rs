//! `terraform/aws-ecs-task-privileged`: an ECS task definition runs a privileged container.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEcsTaskPrivileged;

static META: Meta = Meta {
    id: "terraform/aws-ecs-task-privileged",
    title: "ECS task definition runs a privileged container",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A container of an `aws_ecs_task_definition` (`container_definitions`, as JSON or \
        `jsonencode`) sets `privileged: true`.",
    rationale: "A privileged container has every capability and the host's devices: compromising \
        it compromises the container instance and every task on it.",
    remediation: "Remove `privileged`; add only the Linux capabilities the container needs in \
        `linuxParameters.capabilities`.",
    example: "container_definitions = jsonencode([{\n  name       = \"app\"\n  privileged = true   # reported\n}])",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl TerraformCheck for AwsEcsTaskPrivileged {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for task in module.of_type("aws_ecs_task_definition") {
            let Some(definitions) = task.attr("container_definitions") else {
                continue;
            };
            let Some(text) = definitions.value.as_str() else {
                report.unknown(&META, task, Some(definitions), "container_definitions");
                continue;
            };
            let Ok(serde_json::Value::Array(containers)) =
                serde_json::from_str::<serde_json::Value>(&text)
            else {
                continue;
            };
            for container in &containers {
                if container
                    .get("privileged")
                    .and_then(serde_json::Value::as_bool)
                    == Some(true)
                {
                    let name = container
                        .get("name")
                        .and_then(|n| n.as_str())
                        .unwrap_or("<unnamed>");
                    report.fail(
                        &META,
                        task,
                        Some(definitions),
                        "container_definitions",
                        format!("{}: container {name} runs privileged.", task.address),
                    );
                }
            }
        }
    }
}
