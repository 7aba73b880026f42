//! `terraform/aws-sqs-queue-policy-all-actions`: an SQS queue policy allows every SQS action.

use ward_core::{Confidence, Severity};

use super::helpers::policy_statements;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSqsQueuePolicyAllActions;

static META: Meta = Meta {
    id: "terraform/aws-sqs-queue-policy-all-actions",
    title: "SQS queue policy allows all actions",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_sqs_queue_policy` (or a queue's `policy`) has an `Allow` statement \
        with action `*` or `sqs:*`.",
    rationale: "Whoever the statement names may also purge the queue, delete it, change its \
        attributes and policy, not just send or receive.",
    remediation: "List the actions the principal needs (`sqs:SendMessage`, `sqs:ReceiveMessage`, \
        `sqs:DeleteMessage`, ...).",
    example: "Statement = [{\n  Effect = \"Allow\"\n  Action = \"sqs:*\"   # reported\n}]",
    cwe: &["CWE-732"],
    checkov: &["CKV_AWS_72"],
};

impl TerraformCheck for AwsSqsQueuePolicyAllActions {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_sqs_queue_policy", "aws_sqs_queue"] {
            for resource in module.of_type(rtype) {
                let Some(policy) = resource.attr("policy") else {
                    continue;
                };
                match policy_statements(module, &policy.value) {
                    Some(statements) => {
                        let all = statements.iter().any(|s| {
                            s.allow
                                && s.actions
                                    .iter()
                                    .any(|a| a == "*" || a.eq_ignore_ascii_case("sqs:*"))
                        });
                        if all {
                            report.fail(
                                &META,
                                resource,
                                Some(policy),
                                "policy",
                                format!("{} allows every SQS action.", resource.address),
                            );
                        }
                    }
                    None => report.unknown(&META, resource, Some(policy), "policy"),
                }
            }
        }
    }
}
