//! `terraform/azure-flow-log-short-retention`: nSG flow logs are kept less than 90 days.

use ward_core::{Confidence, Severity};

use super::helpers::retention_too_short;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureFlowLogShortRetention;

static META: Meta = Meta {
    id: "terraform/azure-flow-log-short-retention",
    title: "NSG flow logs are kept less than 90 days",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `azurerm_network_watcher_flow_log` has `retention_policy.enabled = true` with \
        `days` between 1 and 89 (0 keeps logs forever).",
    rationale: "Intrusions are often found weeks or months later; flow logs deleted after a few \
        days cannot show where the attacker connected from or what they reached.",
    remediation: "Set `days` to 90 or more (or 0 to keep them), and ship the logs to a workspace \
        with its own retention.",
    example: "retention_policy {\n  enabled = true\n  days    = 7   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AZURE_12"],
};

impl TerraformCheck for AzureFlowLogShortRetention {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for log in module.of_type("azurerm_network_watcher_flow_log") {
            let enabled = log.body.attr_at("retention_policy.enabled");
            if enabled.is_none_or(|e| e.value.as_bool() != Some(true)) {
                continue;
            }
            let Some(days) = log.body.attr_at("retention_policy.days") else {
                continue;
            };
            let short = retention_too_short(&days.value, 90.0);
            if short {
                report.fail(
                    &META,
                    log,
                    Some(days),
                    "retention_policy.days",
                    format!(
                        "{} deletes flow logs after {} days.",
                        log.address,
                        days.value.display()
                    ),
                );
            }
        }
    }
}
