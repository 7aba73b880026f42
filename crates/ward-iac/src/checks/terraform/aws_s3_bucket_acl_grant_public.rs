//! `terraform/aws-s3-bucket-acl-grant-public`: an S3 bucket ACL grants access to all users.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsS3BucketAclGrantPublic;

static META: Meta = Meta {
    id: "terraform/aws-s3-bucket-acl-grant-public",
    title: "S3 bucket ACL grants access to AllUsers or AuthenticatedUsers",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `grant` of an `aws_s3_bucket_acl`'s `access_control_policy` names the \
        grantee group `AllUsers` or `AuthenticatedUsers`.",
    rationale: "`AllUsers` is anyone on the internet and `AuthenticatedUsers` is anyone with any \
        AWS account: either grant exposes the bucket (listing, reading or writing, depending \
        on the permission).",
    remediation: "Remove the group grants; grant access to specific accounts or through a bucket \
        policy, and keep S3 Block Public Access on.",
    example: "grant {\n  grantee {\n    type = \"Group\"\n    uri  = \"http://acs.amazonaws.com/groups/global/AllUsers\"   # reported\n  }\n  permission = \"READ\"\n}",
    cwe: &["CWE-732"],
    checkov: &[],
};

impl TerraformCheck for AwsS3BucketAclGrantPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for acl in module.of_type("aws_s3_bucket_acl") {
            for (i, grant) in acl
                .body
                .blocks_at("access_control_policy.grant")
                .into_iter()
                .enumerate()
            {
                let Some(uri) = grant.body.block("grantee").and_then(|g| g.body.attr("uri")) else {
                    continue;
                };
                let path = format!("access_control_policy.grant[{i}].grantee.uri");
                match uri.value.as_str() {
                    Some(u) if u.ends_with("/AllUsers") || u.ends_with("/AuthenticatedUsers") => {
                        report.fail(
                            &META,
                            acl,
                            Some(uri),
                            &path,
                            format!("{} grants access to {u}.", acl.address),
                        );
                    }
                    None if uri.value.is_unknown() => report.unknown(&META, acl, Some(uri), &path),
                    _ => {}
                }
            }
        }
    }
}
