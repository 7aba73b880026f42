//! `kubernetes/rbac-privilege-escalation-verbs`: role can bind, escalate or impersonate.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, rbac_rules, rule_names};

#[derive(Debug)]
pub struct RbacPrivilegeEscalationVerbs;

static META: Meta = Meta {
    id: "kubernetes/rbac-privilege-escalation-verbs",
    title: "Role can bind, escalate or impersonate",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A rule of a Role or ClusterRole grants the verb `bind`, `escalate` or \
        `impersonate` (a `*` verb is reported by `kubernetes/rbac-wildcard`).",
    rationale: "`bind` and `escalate` let the holder grant itself, or give itself, any role, \
        cluster-admin included; `impersonate` lets it act as any user, group or service \
        account. Each is a direct path to full control of the cluster.",
    remediation: "Remove the verb; if a controller truly needs it, restrict it with \
        `resourceNames` to the exact roles or identities involved.",
    example: "rules:\n  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n    verbs: [bind]   # reported",
    cwe: &["CWE-269"],
    checkov: &["CKV_K8S_157", "CKV_K8S_158"],
};

impl KubernetesCheck for RbacPrivilegeEscalationVerbs {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        for (i, rule) in rbac_rules(object) {
            let verbs: Vec<&str> = rule_names(rule, "verbs")
                .into_iter()
                .filter(|v| matches!(*v, "bind" | "escalate" | "impersonate"))
                .collect();
            if verbs.is_empty() {
                continue;
            }
            object.report(
                sink,
                &META,
                rule.get("verbs").unwrap_or(rule),
                &object.attr(&format!("rules[{i}].verbs")),
                format!(
                    "{} grants `{}`, a path to cluster-admin.",
                    object.resource.address,
                    verbs.join("`, `")
                ),
            );
        }
    }
}
