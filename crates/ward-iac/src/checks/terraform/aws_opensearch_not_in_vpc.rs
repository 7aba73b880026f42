//! `terraform/aws-opensearch-not-in-vpc`: an `OpenSearch` domain has a public endpoint.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, any_value, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsOpensearchNotInVpc;

static META: Meta = Meta {
    id: "terraform/aws-opensearch-not-in-vpc",
    title: "OpenSearch domain is not in a VPC",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_opensearch_domain` or `aws_elasticsearch_domain` has no `vpc_options`, \
        so its endpoint is public.",
    rationale: "A public domain endpoint is reachable from the internet and protected only by \
        its access policy; a loose policy (or an open one, which is common) exposes every \
        index.",
    remediation: "Add `vpc_options { subnet_ids = [...] security_group_ids = [...] }` (a domain \
        cannot be moved into a VPC after creation; plan a migration).",
    example: "resource \"aws_opensearch_domain\" \"search\" {   # reported: no vpc_options\n  domain_name = \"search\"\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_137"],
};

impl TerraformCheck for AwsOpensearchNotInVpc {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_opensearch_domain", "aws_elasticsearch_domain"],
            "vpc_options.subnet_ids",
            IfMissing::Fail,
            any_value(),
            |r, _| format!("{} has a public endpoint outside any VPC.", r.address),
        );
    }
}
