//! `kubernetes/rbac-wildcard`: a Role or ClusterRole grants `*`.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object};

#[derive(Debug)]
pub struct RbacWildcard;

static META: Meta = Meta {
    id: "kubernetes/rbac-wildcard",
    title: "RBAC rule grants a wildcard",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A rule of a Role or ClusterRole lists `*` in `verbs`, `resources` or `apiGroups`.",
    rationale: "A wildcard grants every present and future verb or resource, secrets and \
        escalation paths (`bind`, `escalate`, `impersonate`, pods/exec) included. Whoever holds \
        the role holds far more than its author meant.",
    remediation: "List the exact verbs, resources and API groups the subject needs.",
    example: "rules:\n  - apiGroups: [\"\"]\n    resources: [\"*\"]   # reported\n    verbs: [\"*\"]       # reported\n# fixed:\n    resources: [configmaps]\n    verbs: [get, list]",
    cwe: &["CWE-269"],
    checkov: &["CKV_K8S_49"],
};

impl KubernetesCheck for RbacWildcard {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        if !matches!(object.kind, "Role" | "ClusterRole") {
            return;
        }
        let Some(rules) = object.node.get("rules") else {
            return;
        };
        for (i, rule) in rules.as_seq().iter().enumerate() {
            for field in ["apiGroups", "resources", "verbs"] {
                let Some(list) = rule.get(field) else {
                    continue;
                };
                for (j, item) in list.as_seq().iter().enumerate() {
                    if item.as_str() == Some("*") {
                        object.report(
                            sink,
                            &META,
                            item,
                            &object.attr(&format!("rules[{i}].{field}[{j}]")),
                            format!("{} grants `*` in {field}.", object.resource.address),
                        );
                    }
                }
            }
        }
    }
}
