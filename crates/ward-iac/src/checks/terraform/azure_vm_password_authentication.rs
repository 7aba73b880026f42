//! `terraform/azure-vm-password-authentication`: linux VM allows SSH password logins.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureVmPasswordAuthentication;

static META: Meta = Meta {
    id: "terraform/azure-vm-password-authentication",
    title: "Linux VM allows SSH password logins",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_linux_virtual_machine` or `azurerm_linux_virtual_machine_scale_set` \
        sets `disable_password_authentication = false` (the default is true), or an \
        `azurerm_virtual_machine` does so in `os_profile_linux_config`.",
    rationale: "Password logins can be guessed and sprayed; SSH servers on Azure addresses \
        receive such attempts continuously, and a reused or weak password is enough.",
    remediation: "Keep `disable_password_authentication = true` and give `admin_ssh_key` blocks \
        instead; use Entra ID login for VMs where people need access.",
    example: "resource \"azurerm_linux_virtual_machine\" \"web\" {\n  disable_password_authentication = false   # reported\n  admin_password                  = var.admin_password\n}",
    cwe: &["CWE-309"],
    checkov: &["CKV_AZURE_1", "CKV_AZURE_149"],
};

impl TerraformCheck for AzureVmPasswordAuthentication {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &[
                "azurerm_linux_virtual_machine",
                "azurerm_linux_virtual_machine_scale_set",
            ],
            "disable_password_authentication",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} accepts SSH password logins.", r.address),
        );
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_virtual_machine"],
            "os_profile_linux_config.disable_password_authentication",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} accepts SSH password logins.", r.address),
        );
    }
}
