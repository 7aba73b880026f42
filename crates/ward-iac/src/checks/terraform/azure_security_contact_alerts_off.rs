//! `terraform/azure-security-contact-alerts-off`: defender for Cloud does not email security alerts.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureSecurityContactAlertsOff;

static META: Meta = Meta {
    id: "terraform/azure-security-contact-alerts-off",
    title: "Defender for Cloud does not email security alerts",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `azurerm_security_center_contact` sets `alert_notifications = false` or \
        `alerts_to_admins = false`.",
    rationale: "Defender for Cloud alerts on active attacks (credential theft, crypto-mining, \
        suspicious logins); if nobody receives them, an intrusion it detects can run \
        unnoticed.",
    remediation: "Set `alert_notifications = true` and `alerts_to_admins = true`, with an `email` \
        that a monitored team reads.",
    example: "resource \"azurerm_security_center_contact\" \"main\" {\n  alert_notifications = false   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AZURE_21", "CKV_AZURE_22"],
};

impl TerraformCheck for AzureSecurityContactAlertsOff {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_security_center_contact"],
            "alert_notifications",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} does not send security alert emails.", r.address),
        );
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_security_center_contact"],
            "alerts_to_admins",
            IfMissing::Pass,
            bool_is(false),
            |r, _| {
                format!(
                    "{} does not send security alerts to subscription owners.",
                    r.address
                )
            },
        );
    }
}
