//! `terraform/aws-opensearch-no-node-to-node-encryption`: an `OpenSearch` domain sends data between nodes in clear text.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsOpensearchNoNodeToNodeEncryption;

static META: Meta = Meta {
    id: "terraform/aws-opensearch-no-node-to-node-encryption",
    title: "OpenSearch node-to-node encryption is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_opensearch_domain` or `aws_elasticsearch_domain` leaves \
        `node_to_node_encryption.enabled` unset or false.",
    rationale: "Without it, documents and queries cross the network between nodes unencrypted.",
    remediation: "Add `node_to_node_encryption { enabled = true }`.",
    example: "node_to_node_encryption {\n  enabled = false   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AWS_6"],
};

impl TerraformCheck for AwsOpensearchNoNodeToNodeEncryption {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_opensearch_domain", "aws_elasticsearch_domain"],
            "node_to_node_encryption.enabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} does not encrypt traffic between its nodes.", r.address),
        );
    }
}
