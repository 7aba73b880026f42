//! `terraform/aws-eks-public-endpoint`: an EKS API endpoint is open to the internet.

use ward_core::{Confidence, Severity};

use super::helpers::any_internet;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Verdict;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEksPublicEndpoint;

static META: Meta = Meta {
    id: "terraform/aws-eks-public-endpoint",
    title: "EKS cluster API endpoint is public to the internet",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_eks_cluster` leaves `vpc_config.endpoint_public_access` unset or true \
        (the default) without restricting `public_access_cidrs` to ranges other than \
        `0.0.0.0/0`.",
    rationale: "The Kubernetes API is the cluster's control plane: exposed to the internet, it \
        is one stolen token or one API server vulnerability away from a takeover.",
    remediation: "Set `endpoint_public_access = false` and `endpoint_private_access = true`, or \
        restrict `public_access_cidrs` to your office or VPN ranges.",
    example: "vpc_config {\n  endpoint_public_access = true   # reported\n  public_access_cidrs    = [\"0.0.0.0/0\"]\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_39", "CKV_AWS_38"],
};

impl TerraformCheck for AwsEksPublicEndpoint {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for cluster in module.of_type("aws_eks_cluster") {
            let public = cluster.body.attr_at("vpc_config.endpoint_public_access");
            match public.map(|a| a.value.as_bool()) {
                Some(Some(false)) => continue,
                Some(None) if public.is_some_and(|a| a.value.is_unknown()) => {
                    report.unknown(&META, cluster, public, "vpc_config.endpoint_public_access");
                    continue;
                }
                _ => {}
            }
            let cidrs = cluster.body.attr_at("vpc_config.public_access_cidrs");
            let open = match cidrs {
                None => Verdict::Fail,
                Some(c) => any_internet(&[&c.value]),
            };
            match open {
                Verdict::Fail => report.fail(
                    &META,
                    cluster,
                    cidrs.or(public),
                    "vpc_config.endpoint_public_access",
                    format!(
                        "{} exposes its API endpoint to the internet.",
                        cluster.address
                    ),
                ),
                Verdict::Unknown => {
                    report.unknown(&META, cluster, cidrs, "vpc_config.public_access_cidrs");
                }
                Verdict::Pass => {}
            }
        }
    }
}
