//! `terraform/aws-glue-data-catalog-unencrypted`: the Glue Data Catalog is not encrypted.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsGlueDataCatalogUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-glue-data-catalog-unencrypted",
    title: "Glue Data Catalog encryption is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_glue_data_catalog_encryption_settings` sets \
        `encryption_at_rest.catalog_encryption_mode = \"DISABLED\"` or \
        `connection_password_encryption.return_connection_password_encrypted = false`.",
    rationale: "The catalog holds table schemas and locations of all the data lake, and \
        connection passwords to databases; unencrypted, those passwords are returned in clear \
        to anyone who can read the connection.",
    remediation: "Set `catalog_encryption_mode = \"SSE-KMS\"` and \
        `return_connection_password_encrypted = true` with a KMS key.",
    example: "encryption_at_rest {\n  catalog_encryption_mode = \"DISABLED\"   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_94"],
};

impl TerraformCheck for AwsGlueDataCatalogUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        let types = &["aws_glue_data_catalog_encryption_settings"];
        judge_attr(
            &META,
            module,
            report,
            types,
            "data_catalog_encryption_settings.encryption_at_rest.catalog_encryption_mode",
            IfMissing::Pass,
            string_in(&["DISABLED"]),
            |r, _| format!("{} leaves the Data Catalog unencrypted.", r.address),
        );
        judge_attr(
            &META,
            module,
            report,
            types,
            "data_catalog_encryption_settings.connection_password_encryption.return_connection_password_encrypted",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} returns connection passwords unencrypted.", r.address),
        );
    }
}
