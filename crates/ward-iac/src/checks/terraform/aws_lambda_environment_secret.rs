//! `terraform/aws-lambda-environment-secret`: a Lambda function has a secret in its environment.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};
use crate::util::{is_placeholder, is_secret_name};

#[derive(Debug)]
pub struct AwsLambdaEnvironmentSecret;

static META: Meta = Meta {
    id: "terraform/aws-lambda-environment-secret",
    title: "Lambda function environment holds a secret",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_lambda_function` sets an environment variable whose name says it is a \
        credential (`DB_PASSWORD`, `API_KEY`, `*_TOKEN`) to a literal value.",
    rationale: "Lambda environment variables are visible to anyone who can read the function \
        configuration, are stored in Terraform state in clear text, and end up in \
        version control with the configuration.",
    remediation: "Store the secret in Secrets Manager or SSM Parameter Store and read it at run \
        time; pass only its name or ARN in the environment.",
    example: "environment {\n  variables = {\n    DB_PASSWORD = \"hunter2-hunter2\"   # reported\n  }\n}",
    cwe: &["CWE-798"],
    checkov: &["CKV_AWS_45"],
};

impl TerraformCheck for AwsLambdaEnvironmentSecret {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for function in module.of_type("aws_lambda_function") {
            let Some(variables) = function.body.attr_at("environment.variables") else {
                continue;
            };
            let Some(map) = variables.value.as_object() else {
                continue;
            };
            for (name, value) in map {
                let Some(text) = value.as_str() else { continue };
                if is_secret_name(name) && !is_placeholder(&text) {
                    report.fail(
                        &META,
                        function,
                        Some(variables),
                        &format!("environment.variables.{name}"),
                        format!(
                            "{} sets the environment variable {name} to a literal secret.",
                            function.address
                        ),
                    );
                }
            }
        }
    }
}
