//! `terraform/gcp-bigquery-dataset-public`: bigQuery dataset or table is granted to the public.

use ward_core::{Confidence, Severity};

use super::helpers::{gcp_public_iam, gcp_public_member};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Verdict;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpBigqueryDatasetPublic;

static META: Meta = Meta {
    id: "terraform/gcp-bigquery-dataset-public",
    title: "BigQuery dataset or table is granted to the public",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `google_bigquery_dataset` has an `access` block with `special_group = \
        \"allAuthenticatedUsers\"` or `iam_member = \"allUsers\"`, or a \
        `google_bigquery_dataset_iam_*`/`google_bigquery_table_iam_*` member or binding \
        grants a role to `allUsers` or `allAuthenticatedUsers`.",
    rationale: "The data can then be queried by anyone on the internet, or by anyone with a \
        Google account.",
    remediation: "Grant dataset access to specific users, groups or service accounts; publish \
        public data through an authorized view or Analytics Hub deliberately.",
    example: "access {\n  role          = \"READER\"\n  special_group = \"allAuthenticatedUsers\"   # reported\n}",
    cwe: &["CWE-732"],
    checkov: &["CKV_GCP_15"],
};

impl TerraformCheck for GcpBigqueryDatasetPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for dataset in module.of_type("google_bigquery_dataset") {
            for (i, access) in dataset.body.blocks("access").enumerate() {
                for key in ["special_group", "iam_member"] {
                    let Some(member) = access.body.attr(key) else {
                        continue;
                    };
                    if gcp_public_member(&member.value) == Verdict::Fail {
                        report.fail(
                            &META,
                            dataset,
                            Some(member),
                            &format!("access[{i}].{key}"),
                            format!("{} makes the dataset public.", dataset.address),
                        );
                    }
                }
            }
        }
        gcp_public_iam(
            &META,
            module,
            report,
            &["google_bigquery_dataset", "google_bigquery_table"],
            "the data",
        );
    }
}
