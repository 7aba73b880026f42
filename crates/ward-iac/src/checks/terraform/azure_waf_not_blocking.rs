//! `terraform/azure-waf-not-blocking`: web application firewall only detects, or is off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureWafNotBlocking;

static META: Meta = Meta {
    id: "terraform/azure-waf-not-blocking",
    title: "Web application firewall only detects, or is off",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_web_application_firewall_policy` sets `policy_settings.mode = \
        \"Detection\"` or `policy_settings.enabled = false`; an \
        `azurerm_application_gateway` does the same in `waf_configuration` \
        (`firewall_mode`, `enabled`); or an `azurerm_cdn_frontdoor_firewall_policy` sets \
        `mode = \"Detection\"` or `enabled = false`.",
    rationale: "In detection mode the firewall logs attacks (SQL injection, cross-site \
        scripting, known exploits) but lets every one of them through to the \
        application.",
    remediation: "Set the mode to `Prevention` once the rules are tuned, and keep the policy \
        enabled.",
    example: "policy_settings {\n  mode = \"Detection\"   # reported\n}",
    cwe: &["CWE-693"],
    checkov: &[],
};

impl TerraformCheck for AzureWafNotBlocking {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        // (resource type, mode attribute, enabled attribute)
        const FIREWALLS: [(&str, &str, &str); 3] = [
            (
                "azurerm_web_application_firewall_policy",
                "policy_settings.mode",
                "policy_settings.enabled",
            ),
            (
                "azurerm_application_gateway",
                "waf_configuration.firewall_mode",
                "waf_configuration.enabled",
            ),
            ("azurerm_cdn_frontdoor_firewall_policy", "mode", "enabled"),
        ];
        for (rtype, mode, enabled) in FIREWALLS {
            judge_attr(
                &META,
                module,
                report,
                &[rtype],
                mode,
                IfMissing::Pass,
                string_in(&["Detection"]),
                |r, _| format!("{} only logs attacks (detection mode).", r.address),
            );
            judge_attr(
                &META,
                module,
                report,
                &[rtype],
                enabled,
                IfMissing::Pass,
                bool_is(false),
                |r, _| format!("{} has its firewall turned off.", r.address),
            );
        }
    }
}
