//! `terraform/aws-eks-secrets-not-encrypted`: EKS secrets are not envelope-encrypted with KMS.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, list_lacks};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEksSecretsNotEncrypted;

static META: Meta = Meta {
    id: "terraform/aws-eks-secrets-not-encrypted",
    title: "EKS cluster does not encrypt Kubernetes secrets with KMS",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_eks_cluster` has no `encryption_config`, or its `resources` do not \
        include `secrets`.",
    rationale: "Kubernetes secrets are then protected only by etcd's volume encryption: anyone \
        who gets at an etcd backup or snapshot reads them; envelope encryption with a KMS key \
        adds a key whose use is access-controlled and audited.",
    remediation: "Add `encryption_config { resources = [\"secrets\"] provider { key_arn = \
        aws_kms_key.eks.arn } }`.",
    example: "resource \"aws_eks_cluster\" \"main\" {   # reported: no encryption_config\n  name = \"main\"\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_58"],
};

impl TerraformCheck for AwsEksSecretsNotEncrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_eks_cluster"],
            "encryption_config.resources",
            IfMissing::Fail,
            list_lacks("secrets"),
            |r, _| {
                format!(
                    "{} does not envelope-encrypt Kubernetes secrets with KMS.",
                    r.address
                )
            },
        );
    }
}
