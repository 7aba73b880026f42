//! Container image configurations (`docker inspect`'s `Config`, the OCI image config blob): the
//! user a container runs as, its environment, exposed ports, health check and labels. Image
//! sources offer the configuration as a JSON file; the engine recognises it by content.

use std::collections::BTreeMap;

use ward_core::Span;

use crate::check::{Meta, Resource, Sink};

/// The parts of an image configuration the checks read.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
struct Raw {
    config: Option<RawContainer>,
    history: Option<Vec<RawHistory>>,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct RawContainer {
    user: Option<String>,
    env: Option<Vec<String>>,
    exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    healthcheck: Option<RawHealthcheck>,
    labels: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct RawHealthcheck {
    test: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
struct RawHistory {
    created_by: Option<String>,
}

/// An image configuration, as the checks see it.
#[derive(Debug, Clone, Default)]
pub struct ImageConfig {
    /// `User` (empty: root).
    pub user: String,
    /// `Env` as (name, value).
    pub env: Vec<(String, String)>,
    /// `ExposedPorts` keys (`22/tcp`).
    pub exposed_ports: Vec<String>,
    /// `Healthcheck.Test`, when the image defines one (`["NONE"]` disables it).
    pub healthcheck: Option<Vec<String>>,
    pub labels: BTreeMap<String, String>,
    /// The history's build steps, oldest first.
    pub history: Vec<String>,
    text: String,
}

/// A configuration that does not parse.
#[derive(Debug)]
pub struct ConfigError {
    pub line: u32,
    pub message: String,
}

impl ImageConfig {
    pub fn parse(text: &str) -> Result<ImageConfig, ConfigError> {
        let raw: Raw = serde_json::from_str(text).map_err(|e| ConfigError {
            line: e.line() as u32,
            message: e.to_string(),
        })?;
        let container = raw.config.unwrap_or_default();
        Ok(ImageConfig {
            user: container.user.unwrap_or_default(),
            env: container
                .env
                .unwrap_or_default()
                .into_iter()
                .map(|pair| match pair.split_once('=') {
                    Some((k, v)) => (k.to_owned(), v.to_owned()),
                    None => (pair, String::new()),
                })
                .collect(),
            exposed_ports: container
                .exposed_ports
                .unwrap_or_default()
                .into_keys()
                .collect(),
            healthcheck: container.healthcheck.and_then(|h| h.test),
            labels: container.labels.unwrap_or_default(),
            history: raw
                .history
                .unwrap_or_default()
                .into_iter()
                .filter_map(|h| h.created_by)
                .collect(),
            text: text.to_owned(),
        })
    }

    /// The resource every finding names: the image's container configuration.
    pub fn resource() -> Resource {
        Resource {
            address: "image config".to_owned(),
            kind: "image".to_owned(),
            document: None,
        }
    }

    /// The span of the first occurrence of `needle` in the text (configurations are usually
    /// one line), else the first line.
    pub fn span_of(&self, needle: &str) -> Span {
        let Some(at) = self.text.find(needle) else {
            return Span::line(1, 1, 2);
        };
        let before = &self.text[..at];
        let line = before.matches('\n').count() as u32 + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        Span::line(line, column, column + needle.chars().count() as u32)
    }

    /// Reports `meta` at `needle`'s place, on `attribute` of the configuration.
    pub fn report(
        &self,
        sink: &mut Sink<'_>,
        meta: &Meta,
        needle: &str,
        attribute: &str,
        message: impl Into<String>,
    ) {
        sink.report(
            meta,
            self.span_of(needle),
            &ImageConfig::resource(),
            attribute,
            message,
        );
    }
}

/// Whether JSON text is an image configuration: an object with `rootfs.diff_ids`.
pub fn looks_like(text: &str) -> bool {
    text.trim_start().starts_with('{')
        && text.contains("\"rootfs\"")
        && text.contains("\"diff_ids\"")
}

/// A check on an image configuration.
pub trait ImageConfigCheck: Send + Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, config: &ImageConfig, sink: &mut Sink<'_>);
}
