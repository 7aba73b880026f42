//! `terraform/aws-opensearch-no-encryption-at-rest`: an `OpenSearch` domain does not encrypt data at rest.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsOpensearchNoEncryptionAtRest;

static META: Meta = Meta {
    id: "terraform/aws-opensearch-no-encryption-at-rest",
    title: "OpenSearch domain is not encrypted at rest",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_opensearch_domain` or `aws_elasticsearch_domain` leaves \
        `encrypt_at_rest.enabled` unset or false.",
    rationale: "Search indexes copy the data of the systems they index; unencrypted, disks and \
        snapshots expose it.",
    remediation: "Add `encrypt_at_rest { enabled = true }` (it can only be set when the domain is \
        created).",
    example: "encrypt_at_rest {\n  enabled = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_5"],
};

impl TerraformCheck for AwsOpensearchNoEncryptionAtRest {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_opensearch_domain", "aws_elasticsearch_domain"],
            "encrypt_at_rest.enabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} does not encrypt data at rest.", r.address),
        );
    }
}
