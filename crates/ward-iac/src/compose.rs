//! Docker Compose files: the services of a Compose document, with their volumes and
//! environment read the same way for every check (short and long syntax, list and map forms).

use crate::check::{Meta, Resource, Sink};
use crate::yaml::{Document, Node};

/// A check over one Compose service.
pub trait ComposeCheck: Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>);
}

/// One service of a Compose file.
#[derive(Debug)]
pub struct Service<'a> {
    pub name: &'a str,
    /// The service's key (`web:`), where findings about a missing setting point.
    pub key: &'a Node,
    pub node: &'a Node,
    pub resource: Resource,
}

/// A volume mounted into a service.
#[derive(Debug)]
pub struct Volume<'a> {
    /// The node to point at: the short-syntax string or the long syntax's `source`.
    pub node: &'a Node,
    /// The host path or named volume.
    pub source: &'a str,
    /// Position in the service's `volumes` list.
    pub index: usize,
}

/// One environment variable of a service, and the node holding its value.
#[derive(Debug)]
pub struct EnvVar<'a> {
    pub name: &'a str,
    /// `None` for a name without a value (taken from the shell running Compose).
    pub value: Option<&'a str>,
    pub node: &'a Node,
}

/// The services of a Compose document (`services:`; version-1 files without it are not read).
pub fn services(document: &Document) -> Vec<Service<'_>> {
    let Some(services) = document.root.get("services") else {
        return Vec::new();
    };
    services
        .as_map()
        .iter()
        .filter_map(|(key, node)| {
            let name = key.as_str()?;
            Some(Service {
                name,
                key,
                node,
                resource: Resource {
                    address: format!("services.{name}"),
                    kind: "service".to_owned(),
                    document: Some(document.index),
                },
            })
        })
        .collect()
}

impl<'a> Service<'a> {
    /// Reports on this service at `at`.
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

    /// Reports `meta` at one of the service's volumes: "Service {name} mounts {what}."
    pub fn report_volume(&self, sink: &mut Sink<'_>, meta: &Meta, volume: &Volume<'_>, what: &str) {
        self.report(
            sink,
            meta,
            volume.node,
            &format!("volumes[{}]", volume.index),
            format!("Service {} mounts {what}.", self.name),
        );
    }

    /// The service's volumes: `"/host:/container:ro"` or `{ type: bind, source: ... }`.
    pub fn volumes(&self) -> Vec<Volume<'a>> {
        let Some(volumes) = self.node.get("volumes") else {
            return Vec::new();
        };
        volumes
            .as_seq()
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                if let Some(text) = item.as_str() {
                    let source = text.split(':').next().unwrap_or(text);
                    return Some(Volume {
                        node: item,
                        source,
                        index,
                    });
                }
                let source = item.get("source")?;
                Some(Volume {
                    node: source,
                    source: source.as_str()?,
                    index,
                })
            })
            .collect()
    }

    /// The service's environment: `KEY: value` or `- KEY=value` forms.
    pub fn environment(&self) -> Vec<EnvVar<'a>> {
        let Some(environment) = self.node.get("environment") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in environment.as_map() {
            if let Some(name) = key.as_str() {
                out.push(EnvVar {
                    name,
                    value: value.as_str(),
                    node: value,
                });
            }
        }
        for item in environment.as_seq() {
            if let Some(text) = item.as_str() {
                let (name, value) = match text.split_once('=') {
                    Some((name, value)) => (name, Some(value)),
                    None => (text, None),
                };
                out.push(EnvVar {
                    name,
                    value,
                    node: item,
                });
            }
        }
        out
    }

    /// Reports `meta` when the string setting `key` is `value` (`network_mode: host`).
    pub fn report_setting(
        &self,
        sink: &mut Sink<'_>,
        meta: &Meta,
        key: &str,
        value: &str,
        what: &str,
    ) {
        if let Some(node) = self.node.get(key)
            && node.as_str() == Some(value)
        {
            self.report(
                sink,
                meta,
                node,
                key,
                format!("Service {} {what}.", self.name),
            );
        }
    }
}
