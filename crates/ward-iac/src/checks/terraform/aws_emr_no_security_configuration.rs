//! `terraform/aws-emr-no-security-configuration`: an EMR cluster runs without a security configuration.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, any_value, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEmrNoSecurityConfiguration;

static META: Meta = Meta {
    id: "terraform/aws-emr-no-security-configuration",
    title: "EMR cluster has no security configuration",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_emr_cluster` has no `security_configuration`.",
    rationale: "Without a security configuration EMR leaves local disks, EMRFS data in S3 and \
        traffic between nodes unencrypted, and offers no Kerberos or Lake Formation \
        integration.",
    remediation: "Create an `aws_emr_security_configuration` with at-rest and in-transit \
        encryption and set `security_configuration` to its name.",
    example: "resource \"aws_emr_cluster\" \"spark\" {   # reported: no security_configuration\n  name = \"spark\"\n}",
    cwe: &["CWE-311"],
    checkov: &[],
};

impl TerraformCheck for AwsEmrNoSecurityConfiguration {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_emr_cluster"],
            "security_configuration",
            IfMissing::Fail,
            any_value(),
            |r, _| format!("{} runs without a security configuration.", r.address),
        );
    }
}
