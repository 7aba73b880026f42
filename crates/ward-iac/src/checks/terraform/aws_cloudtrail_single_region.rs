//! `terraform/aws-cloudtrail-single-region`: a `CloudTrail` trail records one region only.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudtrailSingleRegion;

static META: Meta = Meta {
    id: "terraform/aws-cloudtrail-single-region",
    title: "CloudTrail trail is not multi-region",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_cloudtrail` leaves `is_multi_region_trail` unset or false.",
    rationale: "Attackers use the regions you do not watch. A single-region trail misses API \
        activity everywhere else, including global services called through other \
        regions.",
    remediation: "Set `is_multi_region_trail = true`.",
    example: "resource \"aws_cloudtrail\" \"main\" {\n  is_multi_region_trail = false   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_67"],
};

impl TerraformCheck for AwsCloudtrailSingleRegion {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_cloudtrail"],
            "is_multi_region_trail",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} records one region only.", r.address),
        );
    }
}
