//! `kubernetes/cluster-admin-binding`: a subject is bound to `cluster-admin`.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object};

#[derive(Debug)]
pub struct ClusterAdminBinding;

static META: Meta = Meta {
    id: "kubernetes/cluster-admin-binding",
    title: "Binding to cluster-admin",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A RoleBinding or ClusterRoleBinding has `roleRef.name: cluster-admin`.",
    rationale: "`cluster-admin` can do anything to any object in any namespace. A service \
        account bound to it turns any compromise of a pod using it into control of the cluster.",
    remediation: "Bind a role that lists only the permissions the subject needs; keep \
        cluster-admin to break-glass human access.",
    example: "roleRef:\n  kind: ClusterRole\n  name: cluster-admin   # reported\n# fixed:\n  name: app-reader",
    cwe: &["CWE-269"],
    checkov: &[],
};

impl KubernetesCheck for ClusterAdminBinding {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        if !matches!(object.kind, "RoleBinding" | "ClusterRoleBinding") {
            return;
        }
        if let Some(name) = object.node.path(&["roleRef", "name"])
            && name.as_str() == Some("cluster-admin")
        {
            object.report(
                sink,
                &META,
                name,
                &object.attr("roleRef.name"),
                format!("{} grants cluster-admin.", object.resource.address),
            );
        }
    }
}
