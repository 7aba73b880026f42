//! `terraform/aws-ssm-document-public`: an SSM document is shared with every AWS account.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSsmDocumentPublic;

static META: Meta = Meta {
    id: "terraform/aws-ssm-document-public",
    title: "SSM document is public",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_ssm_document` has `permissions` of type `Share` with `account_ids = \
        \"All\"`.",
    rationale: "A public document can be read and run by any AWS account; documents often reveal \
        internal hostnames, paths, scripts and sometimes credentials.",
    remediation: "Share the document with specific account IDs, or not at all.",
    example: "permissions = {\n  type        = \"Share\"\n  account_ids = \"All\"   # reported\n}",
    cwe: &["CWE-200"],
    checkov: &[],
};

impl TerraformCheck for AwsSsmDocumentPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for document in module.of_type("aws_ssm_document") {
            let Some(permissions) = document.attr("permissions") else {
                continue;
            };
            let accounts = permissions.value.get("account_ids");
            match accounts.map(|a| (a, a.as_str())) {
                Some((_, Some(a)))
                    if a.split(',').any(|a| a.trim().eq_ignore_ascii_case("all")) =>
                {
                    report.fail(
                        &META,
                        document,
                        Some(permissions),
                        "permissions",
                        format!("{} is shared with every AWS account.", document.address),
                    );
                }
                Some((a, None)) if a.is_unknown() => {
                    report.unknown(&META, document, Some(permissions), "permissions");
                }
                _ => {}
            }
        }
    }
}
