//! `kubernetes/rbac-pod-exec`: role can exec into pods or proxy to nodes.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, rbac_rules, rule_names};

#[derive(Debug)]
pub struct RbacPodExec;

static META: Meta = Meta {
    id: "kubernetes/rbac-pod-exec",
    title: "Role can exec into pods or proxy to nodes",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A rule of a Role or ClusterRole grants `create` (or `get`, which older clusters \
        accept for exec) on `pods/exec` or `pods/attach`, or any verb on `nodes/proxy`.",
    rationale: "Exec and attach run commands inside any pod of the namespace with that pod's \
        identity and secrets; `nodes/proxy` reaches the kubelet API, which runs commands \
        in every pod of the node and bypasses audit logging of the API server.",
    remediation: "Grant exec only to break-glass roles, bound for a limited time; never grant \
        `nodes/proxy` to workloads (monitoring needs `nodes/metrics` or `nodes/stats` \
        instead).",
    example: "rules:\n  - resources: [pods/exec]\n    verbs: [create]   # reported",
    cwe: &["CWE-269"],
    checkov: &[],
};

impl KubernetesCheck for RbacPodExec {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        for (i, rule) in rbac_rules(object) {
            let verbs = rule_names(rule, "verbs");
            let runs = verbs.iter().any(|v| matches!(*v, "create" | "get"));
            let hit = rule_names(rule, "resources")
                .into_iter()
                .find(|r| match *r {
                    "pods/exec" | "pods/attach" => runs,
                    "nodes/proxy" => !verbs.is_empty(),
                    _ => false,
                });
            let Some(resource) = hit else {
                continue;
            };
            object.report(
                sink,
                &META,
                rule.get("resources").unwrap_or(rule),
                &object.attr(&format!("rules[{i}].resources")),
                format!(
                    "{} grants access to `{resource}`, which runs commands in pods.",
                    object.resource.address
                ),
            );
        }
    }
}
