//! `terraform/aws-launch-template-unencrypted-volume`: a launch template creates unencrypted EBS volumes.

use ward_core::{Confidence, Severity};

use super::helpers::ebs_encrypted_by_default;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLaunchTemplateUnencryptedVolume;

static META: Meta = Meta {
    id: "terraform/aws-launch-template-unencrypted-volume",
    title: "Launch template EBS volume is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "A `block_device_mappings.ebs` of an `aws_launch_template` sets `encrypted = \
        false`, or leaves it unset for a new (not snapshot-based) volume, and the module does \
        not turn on `aws_ebs_encryption_by_default`.",
    rationale: "Every instance launched from the template (often by autoscaling, in numbers) \
        gets an unencrypted disk, readable from any snapshot of it.",
    remediation: "Set `encrypted = true` (and optionally `kms_key_id`) in each `ebs` block, or \
        enable EBS encryption by default for the region.",
    example: "block_device_mappings {\n  device_name = \"/dev/xvda\"\n  ebs {\n    encrypted = false   # reported\n  }\n}",
    cwe: &["CWE-311"],
    checkov: &[],
};

impl TerraformCheck for AwsLaunchTemplateUnencryptedVolume {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        if ebs_encrypted_by_default(module) {
            return;
        }
        for template in module.of_type("aws_launch_template") {
            for (i, mapping) in template.body.blocks("block_device_mappings").enumerate() {
                let Some(ebs) = mapping.body.block("ebs") else {
                    continue;
                };
                let path = format!("block_device_mappings[{i}].ebs.encrypted");
                match ebs.body.attr("encrypted") {
                    Some(a) if a.value.as_bool() == Some(true) => {}
                    Some(a) if a.value.is_unknown() => {
                        report.unknown(&META, template, Some(a), &path);
                    }
                    // A volume from a snapshot keeps the snapshot's encryption.
                    None if ebs.body.attr("snapshot_id").is_some() => {}
                    found => report.fail_at(
                        &META,
                        template,
                        found.map_or(ebs.span, |a| a.span),
                        &path,
                        format!(
                            "{} launches instances with an unencrypted volume.",
                            template.address
                        ),
                    ),
                }
            }
        }
    }
}
