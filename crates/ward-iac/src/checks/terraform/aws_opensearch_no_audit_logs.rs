//! `terraform/aws-opensearch-no-audit-logs`: an `OpenSearch` domain publishes no audit logs.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsOpensearchNoAuditLogs;

static META: Meta = Meta {
    id: "terraform/aws-opensearch-no-audit-logs",
    title: "OpenSearch domain audit logging is disabled",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_opensearch_domain` or `aws_elasticsearch_domain` has no enabled \
        `log_publishing_options` of `log_type = \"AUDIT_LOGS\"`.",
    rationale: "Audit logs record who read, changed or deleted which indices and documents, and \
        failed logins; without them misuse of the domain cannot be traced.",
    remediation: "Turn on fine-grained access control and add `log_publishing_options { log_type \
        = \"AUDIT_LOGS\" cloudwatch_log_group_arn = ... }`.",
    example: "resource \"aws_opensearch_domain\" \"search\" {   # reported: no AUDIT_LOGS\n  domain_name = \"search\"\n}",
    cwe: &["CWE-778"],
    checkov: &[],
};

impl TerraformCheck for AwsOpensearchNoAuditLogs {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_opensearch_domain", "aws_elasticsearch_domain"] {
            for domain in module.of_type(rtype) {
                let audit = domain.body.blocks("log_publishing_options").any(|o| {
                    let kind = o.body.attr("log_type").map(|t| &t.value);
                    let enabled = o
                        .body
                        .attr("enabled")
                        .is_none_or(|e| e.value.as_bool() != Some(false));
                    enabled
                        && kind.is_some_and(|k| {
                            k.is_unknown() || k.as_str().is_some_and(|k| k == "AUDIT_LOGS")
                        })
                });
                if !audit {
                    report.fail(
                        &META,
                        domain,
                        None,
                        "log_publishing_options",
                        format!("{} publishes no audit logs.", domain.address),
                    );
                }
            }
        }
    }
}
