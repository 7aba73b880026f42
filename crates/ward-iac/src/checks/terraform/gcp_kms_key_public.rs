//! `terraform/gcp-kms-key-public`: cloud KMS key or key ring is granted to the public.

use ward_core::{Confidence, Severity};

use super::helpers::gcp_public_iam;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpKmsKeyPublic;

static META: Meta = Meta {
    id: "terraform/gcp-kms-key-public",
    title: "Cloud KMS key or key ring is granted to the public",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `google_kms_crypto_key_iam_member`/`_binding` or \
        `google_kms_key_ring_iam_member`/`_binding` grants a role to `allUsers` or \
        `allAuthenticatedUsers`.",
    rationale: "Anyone on the internet (or with any Google account) can then use the key as the \
        role allows: decrypt the data it protects, or sign in its name.",
    remediation: "Grant KMS roles to specific service accounts and groups only.",
    example: "resource \"google_kms_crypto_key_iam_member\" \"decrypt\" {\n  role   = \"roles/cloudkms.cryptoKeyDecrypter\"\n  member = \"allUsers\"   # reported\n}",
    cwe: &["CWE-732"],
    checkov: &[],
};

impl TerraformCheck for GcpKmsKeyPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        gcp_public_iam(
            &META,
            module,
            report,
            &["google_kms_crypto_key", "google_kms_key_ring"],
            "the key",
        );
    }
}
