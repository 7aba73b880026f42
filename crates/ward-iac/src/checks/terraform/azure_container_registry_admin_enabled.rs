//! `terraform/azure-container-registry-admin-enabled`: container registry admin account is enabled.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureContainerRegistryAdminEnabled;

static META: Meta = Meta {
    id: "terraform/azure-container-registry-admin-enabled",
    title: "Container registry admin account is enabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_container_registry` sets `admin_enabled = true`.",
    rationale: "The admin account is a single shared username and password with push and pull \
        rights on every repository; it is not tied to a person or workload and ends up \
        in CI variables and scripts.",
    remediation: "Set `admin_enabled = false` and grant `AcrPull`/`AcrPush` roles to managed \
        identities or service principals.",
    example: "resource \"azurerm_container_registry\" \"main\" {\n  admin_enabled = true   # reported\n}",
    cwe: &["CWE-798"],
    checkov: &["CKV_AZURE_137"],
};

impl TerraformCheck for AzureContainerRegistryAdminEnabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_container_registry"],
            "admin_enabled",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} has the shared admin account enabled.", r.address),
        );
    }
}
