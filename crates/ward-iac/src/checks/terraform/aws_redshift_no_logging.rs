//! `terraform/aws-redshift-no-logging`: a Redshift cluster has audit logging off.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRedshiftNoLogging;

static META: Meta = Meta {
    id: "terraform/aws-redshift-no-logging",
    title: "Redshift cluster audit logging is disabled",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_redshift_cluster` has no `logging { enable = true }` and no \
        `aws_redshift_logging` in the same module points at it.",
    rationale: "Redshift audit logs (connections, user changes, queries) are the record of who \
        read which data warehouse tables; without them data theft through valid credentials \
        cannot be traced.",
    remediation: "Add an `aws_redshift_logging` for the cluster (`log_destination_type = \
        \"cloudwatch\"` or `\"s3\"`), or `logging { enable = true ... }` on older providers.",
    example: "resource \"aws_redshift_cluster\" \"dw\" {   # reported: no audit logging\n  cluster_identifier = \"dw\"\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_71"],
};

impl TerraformCheck for AwsRedshiftNoLogging {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for cluster in module.of_type("aws_redshift_cluster") {
            let inline = cluster.body.attr_at("logging.enable");
            match inline.map(|a| (a, a.value.as_bool())) {
                Some((_, Some(true))) => continue,
                Some((a, None)) if a.value.is_unknown() => {
                    report.unknown(&META, cluster, Some(a), "logging.enable");
                    continue;
                }
                _ => {}
            }
            let linked = module
                .linked(
                    "aws_redshift_logging",
                    "cluster_identifier",
                    cluster,
                    Some("cluster_identifier"),
                )
                .next()
                .is_some();
            if !linked {
                report.fail(
                    &META,
                    cluster,
                    inline,
                    "logging.enable",
                    format!("{} keeps no audit logs.", cluster.address),
                );
            }
        }
    }
}
