//! `kubernetes/rbac-secrets-access`: a role can read Secrets.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, rbac_rules, rule_names};

#[derive(Debug)]
pub struct RbacSecretsAccess;

static META: Meta = Meta {
    id: "kubernetes/rbac-secrets-access",
    title: "Role can read Secrets",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A rule of a Role or ClusterRole allows `get`, `list` or `watch` on `secrets` \
        (a wildcard resource or verb is reported by `kubernetes/rbac-wildcard`).",
    rationale: "Reading Secrets yields every credential in their scope (for a ClusterRole, every \
        namespace): database passwords, cloud keys, other service accounts' tokens.",
    remediation: "Grant `get` on the named Secrets the workload needs (`resourceNames`), never \
        `list` or `watch` on all of them.",
    example: "rules:\n  - resources: [secrets]\n    verbs: [list]      # reported\n# fixed:\n  - resources: [secrets]\n    resourceNames: [app-db]\n    verbs: [get]",
    cwe: &["CWE-269"],
    checkov: &[],
};

impl KubernetesCheck for RbacSecretsAccess {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        for (i, rule) in rbac_rules(object) {
            let names = |field: &str| rule_names(rule, field);
            if !names("resources").contains(&"secrets") {
                continue;
            }
            let verbs = names("verbs");
            let restricted = rule
                .get("resourceNames")
                .is_some_and(|n| !n.as_seq().is_empty());
            let reads = verbs.iter().any(|v| *v == "list" || *v == "watch")
                || (!restricted && verbs.contains(&"get"));
            if reads {
                let at = rule.get("verbs").unwrap_or(rule);
                object.report(
                    sink,
                    &META,
                    at,
                    &object.attr(&format!("rules[{i}].verbs")),
                    format!(
                        "{} can read Secrets ({}).",
                        object.resource.address,
                        verbs.join(", ")
                    ),
                );
            }
        }
    }
}
