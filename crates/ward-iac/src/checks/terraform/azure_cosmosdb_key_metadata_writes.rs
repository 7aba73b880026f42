//! `terraform/azure-cosmosdb-key-metadata-writes`: cosmos DB account keys can change account metadata.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureCosmosdbKeyMetadataWrites;

static META: Meta = Meta {
    id: "terraform/azure-cosmosdb-key-metadata-writes",
    title: "Cosmos DB account keys can change account metadata",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `azurerm_cosmosdb_account` leaves `access_key_metadata_writes_enabled` unset \
        or true (the default is true).",
    rationale: "With metadata writes allowed, anyone holding an account key (shared by every \
        application that uses it) can also create and delete databases and containers \
        and change their settings, not only read and write data.",
    remediation: "Set `access_key_metadata_writes_enabled = false` and manage databases and \
        containers through Azure Resource Manager with Entra ID roles.",
    example: "resource \"azurerm_cosmosdb_account\" \"db\" {\n  # access_key_metadata_writes_enabled defaults to true   # reported\n}",
    cwe: &["CWE-269"],
    checkov: &["CKV_AZURE_132"],
};

impl TerraformCheck for AzureCosmosdbKeyMetadataWrites {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_cosmosdb_account"],
            "access_key_metadata_writes_enabled",
            IfMissing::Fail,
            bool_is(true),
            |r, _| {
                format!(
                    "{} lets its keys change databases and containers.",
                    r.address
                )
            },
        );
    }
}
