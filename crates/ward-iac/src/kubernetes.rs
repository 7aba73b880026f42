//! Kubernetes objects read from YAML documents: workloads, their pod templates and containers,
//! with the attribute path of each part so findings name exactly what to change.

use crate::check::{Meta, Resource, Sink};
use crate::yaml::{Document, Node};

/// A check over one Kubernetes object.
pub trait KubernetesCheck: Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>);
}

/// One Kubernetes object (one YAML document with `apiVersion` and `kind`, or one item of a
/// `List`).
#[derive(Debug)]
pub struct Object<'a> {
    pub node: &'a Node,
    pub kind: &'a str,
    pub name: &'a str,
    pub namespace: Option<&'a str>,
    pub resource: Resource,
    /// Attribute path of this object inside its document (`items[2].` for a `List` item).
    prefix: String,
}

/// A pod template: the `spec` of a Pod, or the pod template inside a workload.
#[derive(Debug)]
pub struct PodSpec<'a> {
    pub node: &'a Node,
    /// The key of the pod spec (`spec:`), where findings about a missing setting point.
    pub key: &'a Node,
    /// Attribute path from the object, e.g. `spec.template.spec`.
    pub path: String,
}

/// A container of a pod template (regular, init or ephemeral).
#[derive(Debug)]
pub struct Container<'a> {
    pub node: &'a Node,
    pub name: &'a str,
    /// Attribute path from the object, e.g. `spec.template.spec.containers[0]`.
    pub path: String,
}

impl<'a> Object<'a> {
    /// The objects of a document: the document itself, or the items of a `v1/List`.
    pub fn from_document(document: &'a Document) -> Vec<Object<'a>> {
        let root = &document.root;
        let Some(kind) = root.get("kind").and_then(Node::as_str) else {
            return Vec::new();
        };
        if root.get("apiVersion").is_none() {
            return Vec::new();
        }
        if kind.ends_with("List") {
            return root
                .get("items")
                .map(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .filter_map(|(i, item)| Object::new(item, document.index, format!("items[{i}].")))
                .collect();
        }
        Object::new(root, document.index, String::new())
            .into_iter()
            .collect()
    }

    fn new(node: &'a Node, document: u32, prefix: String) -> Option<Object<'a>> {
        let kind = node.get("kind")?.as_str()?;
        let metadata = node.get("metadata");
        let name = metadata
            .and_then(|m| m.get("name").or_else(|| m.get("generateName")))
            .and_then(Node::as_str)
            .unwrap_or("<unnamed>");
        let namespace = metadata
            .and_then(|m| m.get("namespace"))
            .and_then(Node::as_str);
        Some(Object {
            node,
            kind,
            name,
            namespace,
            resource: Resource {
                address: format!("{kind}/{name}"),
                kind: kind.to_owned(),
                document: Some(document),
            },
            prefix,
        })
    }

    /// Whether this is a partial object, as Kustomize patches are: a workload whose pod
    /// template has a container without an `image` (which the API server refuses in a whole
    /// object). Such a document says only what it changes; the rest comes from the base.
    pub fn is_partial(&self) -> bool {
        self.pod_spec().is_some_and(|pod| {
            ["containers", "initContainers"].iter().any(|key| {
                pod.node
                    .get(key)
                    .map(Node::as_seq)
                    .unwrap_or_default()
                    .iter()
                    .any(|c| c.is_map() && c.get("image").is_none())
            })
        })
    }

    /// Every attribute path this object sets (`spec.template.spec.containers[0].name`, ...),
    /// in the form findings name them.
    pub fn present_paths(&self) -> std::collections::HashSet<String> {
        fn walk(node: &Node, path: &str, out: &mut std::collections::HashSet<String>) {
            out.insert(path.to_owned());
            for (key, value) in node.as_map() {
                if let Some(key) = key.as_str() {
                    let next = if path.is_empty() {
                        key.to_owned()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(value, &next, out);
                }
            }
            for (i, item) in node.as_seq().iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), out);
            }
        }
        let mut out = std::collections::HashSet::new();
        walk(self.node, "", &mut out);
        out.into_iter()
            .filter(|p| !p.is_empty())
            .map(|p| self.attr(&p))
            .collect()
    }

    /// The attribute path `rest` from this object, as reported in findings.
    pub fn attr(&self, rest: &str) -> String {
        format!("{}{rest}", self.prefix)
    }

    /// The keys from the object to its pod spec, and their attribute path.
    fn pod_spec_keys(&self) -> Option<(&'static [&'static str], &'static str)> {
        Some(match self.kind {
            "Pod" => (&["spec"], "spec"),
            "Deployment"
            | "StatefulSet"
            | "DaemonSet"
            | "ReplicaSet"
            | "ReplicationController"
            | "Job" => (&["spec", "template", "spec"], "spec.template.spec"),
            "CronJob" => (
                &["spec", "jobTemplate", "spec", "template", "spec"],
                "spec.jobTemplate.spec.template.spec",
            ),
            "PodTemplate" => (&["template", "spec"], "template.spec"),
            _ => return None,
        })
    }

    /// The metadata of the pod template (the object's own for a Pod), where pod annotations
    /// are, and its attribute path (`spec.template.metadata`).
    pub fn pod_metadata(&self) -> Option<(&'a Node, String)> {
        let (keys, path) = self.pod_spec_keys()?;
        let (_, parents) = keys.split_last()?;
        let mut keys: Vec<&str> = parents.to_vec();
        keys.push("metadata");
        let parent = path.rsplit_once('.').map_or("", |(p, _)| p);
        let path = if parent.is_empty() {
            "metadata".to_owned()
        } else {
            format!("{parent}.metadata")
        };
        Some((self.node.path(&keys)?, self.attr(&path)))
    }

    /// The pod template of a workload, whatever its kind.
    pub fn pod_spec(&self) -> Option<PodSpec<'a>> {
        let (keys, path) = self.pod_spec_keys()?;
        let (last, parents) = keys.split_last()?;
        let (key, node) = self.node.path(parents)?.entry(last)?;
        node.is_map().then(|| PodSpec {
            node,
            key,
            path: self.attr(path),
        })
    }

    /// Reports on this object.
    pub fn report(
        &self,
        sink: &mut Sink<'_>,
        meta: &Meta,
        at: &Node,
        attribute: &str,
        message: impl Into<String>,
    ) {
        sink.report(meta, at.span, &self.resource, attribute, message);
    }
}

/// A `hostPath` volume of a pod template.
#[derive(Debug)]
pub struct HostPathVolume<'a> {
    pub name: &'a str,
    /// The `hostPath.path` node (where findings point).
    pub path: &'a Node,
    /// Attribute path from the object, e.g. `spec.template.spec.volumes[1].hostPath.path`.
    pub attribute: String,
}

impl<'a> PodSpec<'a> {
    /// Every `hostPath` volume, in order: the one walk of `volumes` that the checks about host
    /// paths share.
    pub fn host_path_volumes(&self) -> Vec<HostPathVolume<'a>> {
        let Some(volumes) = self.node.get("volumes") else {
            return Vec::new();
        };
        volumes
            .as_seq()
            .iter()
            .enumerate()
            .filter_map(|(i, volume)| {
                let path = volume.path(&["hostPath", "path"])?;
                Some(HostPathVolume {
                    name: volume
                        .get("name")
                        .and_then(Node::as_str)
                        .unwrap_or("<unnamed>"),
                    path,
                    attribute: format!("{}.volumes[{i}].hostPath.path", self.path),
                })
            })
            .collect()
    }

    /// Every container: `containers`, `initContainers`, `ephemeralContainers`.
    pub fn containers(&self) -> Vec<Container<'a>> {
        let mut out = Vec::new();
        for list in ["initContainers", "containers", "ephemeralContainers"] {
            let Some(items) = self.node.get(list) else {
                continue;
            };
            for (i, node) in items.as_seq().iter().enumerate() {
                out.push(Container {
                    node,
                    name: node
                        .get("name")
                        .and_then(Node::as_str)
                        .unwrap_or("<unnamed>"),
                    path: format!("{}.{list}[{i}]", self.path),
                });
            }
        }
        out
    }

    /// A key of the pod-level `securityContext`.
    pub fn security(&self, key: &str) -> Option<&'a Node> {
        self.node.path(&["securityContext", key])
    }
}

impl<'a> Container<'a> {
    /// A key of the container's `securityContext`.
    pub fn security(&self, key: &str) -> Option<&'a Node> {
        self.node.path(&["securityContext", key])
    }

    /// The container's `securityContext.<key>`, else the pod's: where Kubernetes lets the
    /// container override the pod. Returns the node and its attribute path.
    pub fn effective(&self, pod: &PodSpec<'a>, key: &str) -> Option<(&'a Node, String)> {
        if let Some(node) = self.security(key) {
            return Some((node, format!("{}.securityContext.{key}", self.path)));
        }
        pod.security(key)
            .map(|node| (node, format!("{}.securityContext.{key}", pod.path)))
    }
}

/// Runs `f` on every container of every pod template of `object`.
pub fn each_container<'a>(object: &Object<'a>, mut f: impl FnMut(&PodSpec<'a>, &Container<'a>)) {
    if let Some(pod) = object.pod_spec() {
        for container in pod.containers() {
            f(&pod, &container);
        }
    }
}

/// Reports `meta` when the pod template sets the boolean `key` to true (`hostNetwork`, ...).
pub fn report_pod_flag(
    object: &Object<'_>,
    sink: &mut Sink<'_>,
    meta: &Meta,
    key: &str,
    what: &str,
) {
    if let Some(pod) = object.pod_spec()
        && let Some(node) = pod.node.get(key).filter(|n| n.is_true())
    {
        object.report(
            sink,
            meta,
            node,
            &format!("{}.{key}", pod.path),
            format!("{} {what}.", object.resource.address),
        );
    }
}

/// Reports each container that leaves `cpu` or `memory` unset (as `unset` judges), at
/// `resources.<field>`: the finding points at what `anchor` gives (else the container) and
/// ends with what `what` makes of the missing names (`"cpu or memory"`).
pub fn report_missing_resources<'a>(
    object: &Object<'a>,
    sink: &mut Sink<'_>,
    meta: &Meta,
    field: &str,
    unset: impl Fn(&Container<'a>, &str) -> bool,
    anchor: impl Fn(&Container<'a>) -> Option<&'a Node>,
    what: impl Fn(&str) -> String,
) {
    each_container(object, |_, container| {
        let missing: Vec<&str> = ["cpu", "memory"]
            .into_iter()
            .filter(|key| unset(container, key))
            .collect();
        if missing.is_empty() {
            return;
        }
        object.report(
            sink,
            meta,
            anchor(container).unwrap_or(container.node),
            &format!("{}.resources.{field}", container.path),
            format!(
                "Container `{}` of {} {}.",
                container.name,
                object.resource.address,
                what(&missing.join(" or "))
            ),
        );
    });
}

/// The rules of a Role or ClusterRole, with their index (none for other kinds).
pub fn rbac_rules<'a>(object: &Object<'a>) -> Vec<(usize, &'a Node)> {
    if !matches!(object.kind, "Role" | "ClusterRole") {
        return Vec::new();
    }
    object
        .node
        .get("rules")
        .map(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .collect()
}

/// The strings of a list field of an RBAC rule (`verbs`, `resources`, `apiGroups`).
pub fn rule_names<'a>(rule: &'a Node, field: &str) -> Vec<&'a str> {
    rule.get(field)
        .map(|l| l.as_seq().iter().filter_map(Node::as_str).collect())
        .unwrap_or_default()
}
