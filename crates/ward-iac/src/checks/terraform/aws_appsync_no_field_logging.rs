//! `terraform/aws-appsync-no-field-logging`: an `AppSync` API has field-level logging off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsAppsyncNoFieldLogging;

static META: Meta = Meta {
    id: "terraform/aws-appsync-no-field-logging",
    title: "AppSync API field-level logging is disabled",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_appsync_graphql_api` has no `log_config`, or its `field_log_level` is \
        `NONE`.",
    rationale: "Without resolver logs there is no record of which fields and data callers \
        requested, or of authorization errors, which hides abuse of the GraphQL API.",
    remediation: "Add `log_config { cloudwatch_logs_role_arn = ... field_log_level = \"ERROR\" \
        }` (`ALL` while investigating).",
    example: "log_config {\n  field_log_level = \"NONE\"   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_194"],
};

impl TerraformCheck for AwsAppsyncNoFieldLogging {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_appsync_graphql_api"],
            "log_config.field_log_level",
            IfMissing::Fail,
            string_in(&["NONE"]),
            |r, _| format!("{} does not log field resolution.", r.address),
        );
    }
}
