//! The parts of an image's configuration and manifests this source needs: layer order, the
//! digests to verify, and the history that names the command behind each layer. Our own
//! tolerant structs: real configurations write `null` for empty lists and omit most fields.

use std::collections::BTreeMap;

use serde::Deserialize;

/// An image configuration (`application/vnd.oci.image.config.v1+json`, Docker's equivalent).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ImageConfig {
    pub architecture: Option<String>,
    pub os: Option<String>,
    pub created: Option<String>,
    pub config: Option<ContainerConfig>,
    pub rootfs: Option<RootFs>,
    pub history: Option<Vec<HistoryEntry>>,
}

/// How a container of this image runs.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ContainerConfig {
    pub user: Option<String>,
    pub env: Option<Vec<String>>,
    pub exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    pub labels: Option<BTreeMap<String, String>>,
    pub cmd: Option<Vec<String>>,
    pub entrypoint: Option<Vec<String>>,
    pub working_dir: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RootFs {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub diff_ids: Option<Vec<String>>,
}

/// One step of the build; steps with `empty_layer` (ENV, LABEL, ...) made no layer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HistoryEntry {
    pub created: Option<String>,
    pub created_by: Option<String>,
    pub comment: Option<String>,
    pub empty_layer: Option<bool>,
}

impl ImageConfig {
    /// The uncompressed digests of the layers, in order.
    pub fn diff_ids(&self) -> &[String] {
        self.rootfs
            .as_ref()
            .and_then(|r| r.diff_ids.as_deref())
            .unwrap_or_default()
    }

    /// The history entries that made a layer, in layer order.
    pub fn layer_history(&self) -> Vec<&HistoryEntry> {
        self.history
            .as_deref()
            .unwrap_or_default()
            .iter()
            .filter(|h| h.empty_layer != Some(true))
            .collect()
    }
}

/// A `docker save` archive's `manifest.json` entry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct DockerManifest {
    pub config: String,
    pub repo_tags: Option<Vec<String>>,
    pub layers: Vec<String>,
}

/// An OCI descriptor: what a blob is, its digest and size.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Descriptor {
    pub media_type: Option<String>,
    pub digest: String,
    pub size: Option<u64>,
    pub platform: Option<Platform>,
    pub annotations: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Platform {
    pub architecture: Option<String>,
    pub os: Option<String>,
    pub variant: Option<String>,
}

/// An OCI image index (`index.json`) or manifest list.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct OciIndex {
    pub manifests: Vec<Descriptor>,
}

/// An OCI image manifest (or Docker's v2 schema 2 manifest).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct OciManifest {
    pub media_type: Option<String>,
    pub config: Option<Descriptor>,
    pub layers: Vec<Descriptor>,
    pub manifests: Option<Vec<Descriptor>>,
    pub annotations: Option<BTreeMap<String, String>>,
}
