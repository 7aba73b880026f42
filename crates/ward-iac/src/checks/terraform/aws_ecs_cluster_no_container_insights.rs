//! `terraform/aws-ecs-cluster-no-container-insights`: an ECS cluster has Container Insights off.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEcsClusterNoContainerInsights;

static META: Meta = Meta {
    id: "terraform/aws-ecs-cluster-no-container-insights",
    title: "ECS cluster Container Insights is disabled",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_ecs_cluster` has no `setting` named `containerInsights` with value \
        `enabled` or `enhanced`.",
    rationale: "Without Container Insights there are no per-task metrics and performance events, \
        which hides crypto-mining, runaway tasks and other anomalies that show up as resource \
        use.",
    remediation: "Add `setting { name = \"containerInsights\" value = \"enabled\" }`.",
    example: "resource \"aws_ecs_cluster\" \"main\" {   # reported: no containerInsights setting\n  name = \"main\"\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_65"],
};

impl TerraformCheck for AwsEcsClusterNoContainerInsights {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for cluster in module.of_type("aws_ecs_cluster") {
            let setting = cluster.body.blocks("setting").find(|s| {
                s.body
                    .attr("name")
                    .and_then(|n| n.value.as_str().map(|n| n == "containerInsights"))
                    == Some(true)
            });
            let value = setting.and_then(|s| s.body.attr("value"));
            let enabled = match value.map(|v| (v, v.value.as_str())) {
                Some((_, Some(v))) => v == "enabled" || v == "enhanced",
                Some((v, None)) if v.value.is_unknown() => {
                    report.unknown(&META, cluster, Some(v), "setting.value");
                    continue;
                }
                _ => false,
            };
            if !enabled {
                let span = value.map_or(cluster.span, |v| v.span);
                report.fail_at(
                    &META,
                    cluster,
                    span,
                    "setting.value",
                    format!("{} has Container Insights disabled.", cluster.address),
                );
            }
        }
    }
}
