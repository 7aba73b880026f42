//! `terraform/gcp-pubsub-public`: pub/Sub topic or subscription is granted to the public.

use ward_core::{Confidence, Severity};

use super::helpers::gcp_public_iam;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpPubsubPublic;

static META: Meta = Meta {
    id: "terraform/gcp-pubsub-public",
    title: "Pub/Sub topic or subscription is granted to the public",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `google_pubsub_topic_iam_member`/`_binding` or \
        `google_pubsub_subscription_iam_member`/`_binding` grants a role to `allUsers` \
        or `allAuthenticatedUsers`.",
    rationale: "Anyone can then publish forged messages into the topic, which downstream \
        services trust, or read the messages of the subscription.",
    remediation: "Grant Pub/Sub roles to the specific service accounts that publish and consume.",
    example: "resource \"google_pubsub_topic_iam_member\" \"publish\" {\n  role   = \"roles/pubsub.publisher\"\n  member = \"allUsers\"   # reported\n}",
    cwe: &["CWE-732"],
    checkov: &[],
};

impl TerraformCheck for GcpPubsubPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        gcp_public_iam(
            &META,
            module,
            report,
            &["google_pubsub_topic", "google_pubsub_subscription"],
            "the messages",
        );
    }
}
