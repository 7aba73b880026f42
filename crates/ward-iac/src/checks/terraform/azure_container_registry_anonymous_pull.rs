//! `terraform/azure-container-registry-anonymous-pull`: container registry allows anonymous pulls.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureContainerRegistryAnonymousPull;

static META: Meta = Meta {
    id: "terraform/azure-container-registry-anonymous-pull",
    title: "Container registry allows anonymous pulls",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `azurerm_container_registry` sets `anonymous_pull_enabled = true`.",
    rationale: "Anyone on the internet can then download every image in the registry, with \
        whatever code, configuration and secrets were baked into them.",
    remediation: "Set `anonymous_pull_enabled = false` and give readers the `AcrPull` role; \
        publish public images to a separate registry.",
    example: "resource \"azurerm_container_registry\" \"main\" {\n  anonymous_pull_enabled = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_138"],
};

impl TerraformCheck for AzureContainerRegistryAnonymousPull {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_container_registry"],
            "anonymous_pull_enabled",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} lets anyone pull its images.", r.address),
        );
    }
}
