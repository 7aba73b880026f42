//! `terraform/aws-ssm-parameter-secret-plaintext`: an SSM parameter with a secret-looking name is not a `SecureString`.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};
use crate::util::is_secret_name;

#[derive(Debug)]
pub struct AwsSsmParameterSecretPlaintext;

static META: Meta = Meta {
    id: "terraform/aws-ssm-parameter-secret-plaintext",
    title: "SSM parameter holding a secret is not a SecureString",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_ssm_parameter` whose name looks like a credential (`password`, \
        `secret`, `api_key`, `token`, ...) has `type` `String` or `StringList`.",
    rationale: "Plain parameters are stored unencrypted and returned in clear by `GetParameter` \
        to anyone with read access to Parameter Store; they also show up in console views and \
        logs.",
    remediation: "Use `type = \"SecureString\"` (optionally with `key_id` set to a KMS key), or \
        keep the value in Secrets Manager.",
    example: "resource \"aws_ssm_parameter\" \"db_password\" {\n  name = \"/app/db/password\"\n  type = \"String\"   # reported\n}",
    cwe: &["CWE-312"],
    checkov: &[],
};

impl TerraformCheck for AwsSsmParameterSecretPlaintext {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for parameter in module.of_type("aws_ssm_parameter") {
            let (Some(name), Some(kind)) = (parameter.attr("name"), parameter.attr("type")) else {
                continue;
            };
            let Some(name) = name.value.as_str() else {
                continue;
            };
            let last = name.rsplit('/').next().unwrap_or(&name);
            if !is_secret_name(last) {
                continue;
            }
            match kind.value.as_str() {
                Some(k) if k == "String" || k == "StringList" => report.fail(
                    &META,
                    parameter,
                    Some(kind),
                    "type",
                    format!("{} stores {last} as a plain {k}.", parameter.address),
                ),
                None if kind.value.is_unknown() => {
                    report.unknown(&META, parameter, Some(kind), "type");
                }
                _ => {}
            }
        }
    }
}
