//! `terraform/aws-s3-bucket-no-versioning`: an S3 bucket does not keep object versions.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Value;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsS3BucketNoVersioning;

static META: Meta = Meta {
    id: "terraform/aws-s3-bucket-no-versioning",
    title: "S3 bucket versioning is not enabled",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_s3_bucket` has no `versioning` block with `enabled = true` and no \
        `aws_s3_bucket_versioning` with status `Enabled` pointing at it, or one that \
        suspends versioning.",
    rationale: "Without versioning, an overwrite or delete (by mistake, by a compromised \
        credential, by ransomware) destroys the only copy of an object.",
    remediation: "Add an `aws_s3_bucket_versioning` with `versioning_configuration { status = \
        \"Enabled\" }`.",
    example: "resource \"aws_s3_bucket_versioning\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  versioning_configuration {\n    status = \"Suspended\"   # reported\n  }\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_AWS_21"],
};

impl TerraformCheck for AwsS3BucketNoVersioning {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for bucket in module.of_type("aws_s3_bucket") {
            if let Some(enabled) = bucket.body.attr_at("versioning.enabled") {
                match enabled.value.as_bool() {
                    Some(true) => continue,
                    Some(false) => {
                        report.fail(
                            &META,
                            bucket,
                            Some(enabled),
                            "versioning.enabled",
                            format!("{} turns versioning off.", bucket.address),
                        );
                        continue;
                    }
                    None if enabled.value.is_unknown() => {
                        report.unknown(&META, bucket, Some(enabled), "versioning.enabled");
                        continue;
                    }
                    None => {}
                }
            }
            let mut linked = false;
            for versioning in
                module.linked("aws_s3_bucket_versioning", "bucket", bucket, Some("bucket"))
            {
                linked = true;
                let Some(status) = versioning.body.attr_at("versioning_configuration.status")
                else {
                    continue;
                };
                match &status.value {
                    Value::Unknown(_) => {
                        report.unknown(
                            &META,
                            versioning,
                            Some(status),
                            "versioning_configuration.status",
                        );
                    }
                    value if value.as_str().as_deref() != Some("Enabled") => report.fail(
                        &META,
                        versioning,
                        Some(status),
                        "versioning_configuration.status",
                        format!(
                            "{} sets versioning of the bucket to {}.",
                            versioning.address,
                            value.display()
                        ),
                    ),
                    _ => {}
                }
            }
            if !linked {
                report.fail(
                    &META,
                    bucket,
                    None,
                    "versioning",
                    format!("{} does not enable versioning.", bucket.address),
                );
            }
        }
    }
}
