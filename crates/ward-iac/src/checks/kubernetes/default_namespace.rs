//! `kubernetes/default-namespace`: an object is placed in the `default` namespace.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object};

#[derive(Debug)]
pub struct DefaultNamespace;

static META: Meta = Meta {
    id: "kubernetes/default-namespace",
    title: "Object in the default namespace",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An object sets `metadata.namespace: default`. (Objects without a namespace are \
        not reported: Kustomize, Helm and `kubectl -n` usually set it at deploy time.)",
    rationale: "Namespaces are the unit of RBAC, network policy, quotas and pod security \
        admission. Workloads in `default` share it with everything nobody placed on purpose, so \
        the controls that would isolate them are rarely there.",
    remediation: "Create a namespace for the application and deploy into it.",
    example: "metadata:\n  name: web\n  namespace: default   # reported\n# fixed:\n  namespace: shop",
    cwe: &["CWE-653"],
    checkov: &["CKV_K8S_21"],
};

impl KubernetesCheck for DefaultNamespace {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        if object.namespace != Some("default") {
            return;
        }
        if let Some(node) = object.node.path(&["metadata", "namespace"]) {
            object.report(
                sink,
                &META,
                node,
                &object.attr("metadata.namespace"),
                format!("{} is in the default namespace.", object.resource.address),
            );
        }
    }
}
