//! `terraform/aws-instance-unencrypted-block-device`: an instance's block device is not encrypted.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, ebs_encrypted_by_default, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsInstanceUnencryptedBlockDevice;

static META: Meta = Meta {
    id: "terraform/aws-instance-unencrypted-block-device",
    title: "EC2 instance block device is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_instance` or `aws_launch_configuration` has a root or EBS block device \
        without `encrypted = true` (or no `root_block_device` at all), and the module \
        does not turn on `aws_ebs_encryption_by_default`.",
    rationale: "Instance disks hold application data, logs and often credentials; unencrypted, \
        they are readable from any snapshot of them.",
    remediation: "Add `root_block_device { encrypted = true }` and `encrypted = true` to each \
        `ebs_block_device`, or enable EBS encryption by default.",
    example: "resource \"aws_instance\" \"web\" {\n  root_block_device {\n    encrypted = true\n  }\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_8"],
};

impl TerraformCheck for AwsInstanceUnencryptedBlockDevice {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        if ebs_encrypted_by_default(module) {
            return;
        }
        for rtype in ["aws_instance", "aws_launch_configuration"] {
            for instance in module.of_type(rtype) {
                judge_one(
                    &META,
                    report,
                    instance,
                    "root_block_device.encrypted",
                    IfMissing::Fail,
                    &bool_is(false),
                    &|r, _| format!("{} does not encrypt its root volume.", r.address),
                );
                for (i, device) in instance.body.blocks("ebs_block_device").enumerate() {
                    match device.body.attr("encrypted") {
                        Some(a) if a.value.as_bool() == Some(true) => {}
                        Some(a) if a.value.is_unknown() => {
                            report.unknown(&META, instance, Some(a), "ebs_block_device.encrypted");
                        }
                        found => report.fail_at(
                            &META,
                            instance,
                            found.map_or(device.span, |a| a.span),
                            &format!("ebs_block_device[{i}].encrypted"),
                            format!("{} does not encrypt an EBS block device.", instance.address),
                        ),
                    }
                }
            }
        }
    }
}
