//! `compose/database-port-published`: compose service publishes a database port on every interface.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::checks::terraform::helpers::DATABASE_PORTS;
use crate::compose::{ComposeCheck, Service};
use crate::yaml::Node;

#[derive(Debug)]
pub struct DatabasePortPublished;

static META: Meta = Meta {
    id: "compose/database-port-published",
    title: "Compose service publishes a database port on every interface",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "A service's `ports` publish a database or cache port of the container (1433, \
        1521, 3306, 5432, 6379, 9200, 27017, 5984, 9042, 11211) without binding it to a \
        loopback address (`127.0.0.1:5432:5432`), in short or long syntax.",
    rationale: "Docker publishes such a port on all of the host's interfaces and inserts \
        firewall rules ahead of the host's own (ufw, firewalld), so the database is \
        reachable from the network the host is on, often the internet, with whatever \
        credentials it was started with.",
    remediation: "Drop the `ports` entry and let other services reach the database over the \
        Compose network, or bind it to loopback: `127.0.0.1:5432:5432`.",
    example: "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"5432:5432\"   # reported\n# fixed:\n      - \"127.0.0.1:5432:5432\"",
    cwe: &["CWE-284"],
    checkov: &[],
};

/// The host IP (if any) and container port(s) of a `ports` entry, short or long syntax.
fn published(entry: &Node) -> Option<(Option<&str>, &str)> {
    if let Some(text) = entry.as_str() {
        let text = text.split('/').next().unwrap_or(text);
        let mut parts = text.rsplitn(3, ':');
        let target = parts.next()?;
        let _host_port = parts.next();
        return Some((parts.next(), target));
    }
    let target = entry.get("target")?.as_str()?;
    Some((entry.get("host_ip").and_then(Node::as_str), target))
}

/// The first database port in a container port or range (`5432`, `6379-6380`).
fn database_port(target: &str) -> Option<u16> {
    let (from, to) = if let Some((a, b)) = target.split_once('-') {
        (a.trim().parse().ok()?, b.trim().parse().ok()?)
    } else {
        let port: u16 = target.trim().parse().ok()?;
        (port, port)
    };
    DATABASE_PORTS
        .iter()
        .copied()
        .find(|p| (from..=to).contains(p))
}

impl ComposeCheck for DatabasePortPublished {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        let Some(ports) = service.node.get("ports") else {
            return;
        };
        for (i, entry) in ports.as_seq().iter().enumerate() {
            let Some((host_ip, target)) = published(entry) else {
                continue;
            };
            let loopback = host_ip.is_some_and(|ip| {
                let ip = ip.trim_matches(['[', ']']);
                ip.starts_with("127.") || ip == "::1" || ip == "localhost"
            });
            if loopback {
                continue;
            }
            let Some(port) = database_port(target) else {
                continue;
            };
            service.report(
                sink,
                &META,
                entry,
                &format!("ports[{i}]"),
                format!(
                    "Service {} publishes database port {port} on every host interface.",
                    service.name
                ),
            );
        }
    }
}
