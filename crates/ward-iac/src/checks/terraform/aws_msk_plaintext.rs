//! `terraform/aws-msk-plaintext`: an MSK cluster accepts plaintext client connections.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsMskPlaintext;

static META: Meta = Meta {
    id: "terraform/aws-msk-plaintext",
    title: "MSK cluster allows plaintext client traffic",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_msk_cluster` sets \
        `encryption_info.encryption_in_transit.client_broker` to `PLAINTEXT` or \
        `TLS_PLAINTEXT` (the default is `TLS`).",
    rationale: "Kafka messages, and SASL/SCRAM credentials where used, then cross the network in \
        clear text between clients and brokers.",
    remediation: "Set `client_broker = \"TLS\"` and move clients to the TLS listeners.",
    example: "encryption_in_transit {\n  client_broker = \"TLS_PLAINTEXT\"   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &[],
};

impl TerraformCheck for AwsMskPlaintext {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_msk_cluster"],
            "encryption_info.encryption_in_transit.client_broker",
            IfMissing::Pass,
            string_in(&["PLAINTEXT", "TLS_PLAINTEXT"]),
            |r, _| format!("{} accepts plaintext connections from clients.", r.address),
        );
    }
}
