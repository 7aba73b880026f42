//! `terraform/aws-ecs-task-secret-in-environment`: an ECS container gets a secret as a plain environment variable.

use ward_core::{Confidence, Severity};

use super::helpers::report_ecs_containers;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};
use crate::util::{is_placeholder, is_secret_name};

#[derive(Debug)]
pub struct AwsEcsTaskSecretInEnvironment;

static META: Meta = Meta {
    id: "terraform/aws-ecs-task-secret-in-environment",
    title: "ECS task definition has a secret in plain environment variables",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "A container of an `aws_ecs_task_definition` has an `environment` entry whose \
        name looks like a credential (`DB_PASSWORD`, `API_KEY`, ...) and whose value is a \
        literal.",
    rationale: "Environment values are stored in the task definition: visible to anyone who can \
        describe it, kept in every revision, and written to Terraform state.",
    remediation: "Move the value to Secrets Manager or SSM Parameter Store and reference it from \
        the container's `secrets` (`valueFrom`).",
    example: "environment = [\n  { name = \"DB_PASSWORD\", value = \"hunter2-hunter2\" }   # reported\n]",
    cwe: &["CWE-798"],
    checkov: &[],
};

impl TerraformCheck for AwsEcsTaskSecretInEnvironment {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_ecs_containers(&META, module, report, |container| {
            let Some(serde_json::Value::Array(environment)) = container.get("environment") else {
                return Vec::new();
            };
            environment
                .iter()
                .filter_map(|variable| {
                    let name = variable.get("name").and_then(serde_json::Value::as_str)?;
                    let value = variable.get("value").and_then(serde_json::Value::as_str)?;
                    (is_secret_name(name) && !is_placeholder(value))
                        .then(|| format!("sets {name} to a literal secret."))
                })
                .collect()
        });
    }
}
