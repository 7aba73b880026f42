//! `terraform/azure-messaging-outdated-tls`: service Bus or Event Hubs namespace accepts TLS older than 1.2.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureMessagingOutdatedTls;

static META: Meta = Meta {
    id: "terraform/azure-messaging-outdated-tls",
    title: "Service Bus or Event Hubs namespace accepts TLS older than 1.2",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_servicebus_namespace` or `azurerm_eventhub_namespace` sets \
        `minimum_tls_version` to `1.0` or `1.1` (the default is 1.2).",
    rationale: "Old TLS versions have known weaknesses; accepting them exposes messages and the \
        shared access keys that authorise clients to downgrade attacks.",
    remediation: "Set `minimum_tls_version = \"1.2\"` or remove the attribute.",
    example: "resource \"azurerm_servicebus_namespace\" \"main\" {\n  minimum_tls_version = \"1.0\"   # reported\n}",
    cwe: &["CWE-327"],
    checkov: &[],
};

impl TerraformCheck for AzureMessagingOutdatedTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_servicebus_namespace", "azurerm_eventhub_namespace"],
            "minimum_tls_version",
            IfMissing::Pass,
            string_in(&["1.0", "1.1"]),
            |r, _| format!("{} accepts outdated TLS versions.", r.address),
        );
    }
}
