//! `terraform/aws-eks-control-plane-logging-disabled`: an EKS cluster does not log API server audit events.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, list_lacks};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEksControlPlaneLoggingDisabled;

static META: Meta = Meta {
    id: "terraform/aws-eks-control-plane-logging-disabled",
    title: "EKS control plane audit logging is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_eks_cluster` leaves `enabled_cluster_log_types` unset or without \
        `audit`.",
    rationale: "The audit log is the record of every request to the Kubernetes API: who read \
        which secret, who created which pod. Without it a cluster compromise cannot be traced.",
    remediation: "Set `enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \
        \"controllerManager\", \"scheduler\"]` (at least `audit` and `authenticator`).",
    example: "resource \"aws_eks_cluster\" \"main\" {\n  enabled_cluster_log_types = [\"api\"]   # reported: no audit\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_37"],
};

impl TerraformCheck for AwsEksControlPlaneLoggingDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_eks_cluster"],
            "enabled_cluster_log_types",
            IfMissing::Fail,
            list_lacks("audit"),
            |r, _| {
                format!(
                    "{} does not send Kubernetes API audit logs to CloudWatch.",
                    r.address
                )
            },
        );
    }
}
