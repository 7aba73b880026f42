//! `terraform/aws-msk-unauthenticated-access`: an MSK cluster allows unauthenticated clients.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsMskUnauthenticatedAccess;

static META: Meta = Meta {
    id: "terraform/aws-msk-unauthenticated-access",
    title: "MSK cluster allows unauthenticated access",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_msk_cluster` sets `client_authentication.unauthenticated = true`.",
    rationale: "Anyone who can reach the brokers can then produce and consume on every topic \
        without credentials.",
    remediation: "Set `unauthenticated = false` and enable IAM, SASL/SCRAM or mutual TLS \
        authentication in `client_authentication`.",
    example: "client_authentication {\n  unauthenticated = true   # reported\n}",
    cwe: &["CWE-306"],
    checkov: &[],
};

impl TerraformCheck for AwsMskUnauthenticatedAccess {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_msk_cluster"],
            "client_authentication.unauthenticated",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} lets clients connect without authentication.", r.address),
        );
    }
}
