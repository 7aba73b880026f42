//! `terraform/aws-opensearch-no-fine-grained-access`: an `OpenSearch` domain has no fine-grained access control.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsOpensearchNoFineGrainedAccess;

static META: Meta = Meta {
    id: "terraform/aws-opensearch-no-fine-grained-access",
    title: "OpenSearch domain fine-grained access control is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_opensearch_domain` or `aws_elasticsearch_domain` has no \
        `advanced_security_options`, or `enabled` unset or `false`.",
    rationale: "Without fine-grained access control anyone allowed by the domain policy has full \
        access to every index and document; there are no roles, no document- or field-level \
        security, and no audit logs.",
    remediation: "Add `advanced_security_options { enabled = true ... }` with an IAM master user \
        or SAML, and map roles to what each user needs.",
    example: "advanced_security_options {\n  enabled = false   # reported\n}",
    cwe: &["CWE-285"],
    checkov: &[],
};

impl TerraformCheck for AwsOpensearchNoFineGrainedAccess {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_opensearch_domain", "aws_elasticsearch_domain"],
            "advanced_security_options.enabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} has no fine-grained access control.", r.address),
        );
    }
}
