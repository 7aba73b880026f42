//! `terraform/aws-s3-bucket-policy-public`: an S3 bucket policy allows anyone.

use ward_core::{Confidence, Severity};

use super::helpers::policy_statements;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsS3BucketPolicyPublic;

static META: Meta = Meta {
    id: "terraform/aws-s3-bucket-policy-public",
    title: "S3 bucket policy allows any principal",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_s3_bucket_policy` (or a bucket's legacy `policy`) has an `Allow` \
        statement whose principal is `*` and that has no condition narrowing it.",
    rationale: "A wildcard principal without a condition grants the statement's actions to every \
        AWS account and anonymous caller on the internet.",
    remediation: "Name the principals that need access, or add a condition (`aws:SourceVpce`, \
        `aws:PrincipalOrgID`, `aws:SourceArn`) that limits who can use the statement.",
    example: "statement {\n  principals {\n    type        = \"*\"\n    identifiers = [\"*\"]   # reported\n  }\n  actions   = [\"s3:GetObject\"]\n  resources = [\"${aws_s3_bucket.site.arn}/*\"]\n}",
    cwe: &["CWE-732"],
    checkov: &["CKV_AWS_70"],
};

impl TerraformCheck for AwsS3BucketPolicyPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_s3_bucket_policy", "aws_s3_bucket"] {
            for resource in module.of_type(rtype) {
                let Some(policy) = resource.attr("policy") else {
                    continue;
                };
                match policy_statements(module, &policy.value) {
                    Some(statements) => {
                        let public = statements.iter().any(|s| {
                            s.allow && !s.has_condition && s.principals.iter().any(|p| p == "*")
                        });
                        if public {
                            report.fail(
                                &META,
                                resource,
                                Some(policy),
                                "policy",
                                format!(
                                    "{} allows any principal, with no condition.",
                                    resource.address
                                ),
                            );
                        }
                    }
                    None => report.unknown(&META, resource, Some(policy), "policy"),
                }
            }
        }
    }
}
