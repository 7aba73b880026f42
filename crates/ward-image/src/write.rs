//! A small image writer: `docker save` archives and OCI layouts built from layer descriptions.
//! Ward's tests, benchmarks and registry tests build their images with it; it is not a build
//! tool (everything is held in memory).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use crate::layer::sha256;

/// One entry of a layer to write.
#[derive(Debug, Clone)]
pub enum LayerEntry {
    File {
        path: String,
        content: Vec<u8>,
    },
    Symlink {
        path: String,
        target: String,
    },
    /// A whiteout deleting `path` from lower layers.
    Whiteout {
        path: String,
    },
    /// An opaque directory marker.
    Opaque {
        dir: String,
    },
    /// An entry with a raw name written as is (for hostile inputs: `../x`, `/abs`).
    Raw {
        name: Vec<u8>,
        content: Vec<u8>,
    },
}

/// How a layer blob is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compression {
    #[default]
    None,
    Gzip,
}

/// A layer: its entries and the build step that made it.
#[derive(Debug, Clone, Default)]
pub struct LayerSpec {
    pub entries: Vec<LayerEntry>,
    pub created_by: String,
}

impl LayerSpec {
    pub fn new(created_by: &str) -> Self {
        LayerSpec {
            entries: Vec::new(),
            created_by: created_by.to_owned(),
        }
    }

    #[must_use]
    pub fn file(mut self, path: &str, content: impl Into<Vec<u8>>) -> Self {
        self.entries.push(LayerEntry::File {
            path: path.to_owned(),
            content: content.into(),
        });
        self
    }

    #[must_use]
    pub fn symlink(mut self, path: &str, target: &str) -> Self {
        self.entries.push(LayerEntry::Symlink {
            path: path.to_owned(),
            target: target.to_owned(),
        });
        self
    }

    #[must_use]
    pub fn whiteout(mut self, path: &str) -> Self {
        self.entries.push(LayerEntry::Whiteout {
            path: path.to_owned(),
        });
        self
    }

    #[must_use]
    pub fn opaque(mut self, dir: &str) -> Self {
        self.entries.push(LayerEntry::Opaque {
            dir: dir.to_owned(),
        });
        self
    }

    #[must_use]
    pub fn raw(mut self, name: &[u8], content: impl Into<Vec<u8>>) -> Self {
        self.entries.push(LayerEntry::Raw {
            name: name.to_vec(),
            content: content.into(),
        });
        self
    }

    /// The layer as an uncompressed tar.
    pub fn tar(&self) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for entry in &self.entries {
            let (name, kind, content, link): (Vec<u8>, tar::EntryType, &[u8], Option<&str>) =
                match entry {
                    LayerEntry::File { path, content } => (
                        path.clone().into_bytes(),
                        tar::EntryType::Regular,
                        content,
                        None,
                    ),
                    LayerEntry::Symlink { path, target } => (
                        path.clone().into_bytes(),
                        tar::EntryType::Symlink,
                        &[],
                        Some(target.as_str()),
                    ),
                    LayerEntry::Whiteout { path } => {
                        let (dir, base) = path.rsplit_once('/').unwrap_or(("", path));
                        let name = if dir.is_empty() {
                            format!(".wh.{base}")
                        } else {
                            format!("{dir}/.wh.{base}")
                        };
                        (name.into_bytes(), tar::EntryType::Regular, &[], None)
                    }
                    LayerEntry::Opaque { dir } => (
                        format!("{dir}/.wh..wh..opq").into_bytes(),
                        tar::EntryType::Regular,
                        &[],
                        None,
                    ),
                    LayerEntry::Raw { name, content } => {
                        (name.clone(), tar::EntryType::Regular, content, None)
                    }
                };
            let mut header = tar::Header::new_gnu();
            header.set_entry_type(kind);
            header.set_size(content.len() as u64);
            header.set_mode(0o644);
            header.set_mtime(0);
            // Names are set raw: the builder's own path checks would refuse hostile names.
            let field = &mut header.as_old_mut().name;
            let n = name.len().min(field.len());
            field[..n].copy_from_slice(&name[..n]);
            if let Some(target) = link {
                let _ = header.set_link_name(target);
            }
            header.set_cksum();
            builder
                .append(&header, content)
                .expect("writing to memory cannot fail");
        }
        builder.into_inner().expect("writing to memory cannot fail")
    }
}

/// An image to write: layers, the container configuration (`config` of the image config:
/// `User`, `Env`, `ExposedPorts`, `Healthcheck`, ...) and a tag.
#[derive(Debug, Clone, Default)]
pub struct ImageSpec {
    pub layers: Vec<LayerSpec>,
    pub container_config: Value,
    pub tag: String,
    pub compression: Compression,
    /// Manifest annotations (OCI), such as `org.opencontainers.image.base.name`.
    pub annotations: BTreeMap<String, String>,
}

/// The blobs of an image: (digest, bytes) of layers, config and manifest.
#[derive(Debug)]
pub struct Blobs {
    pub layers: Vec<(String, Vec<u8>)>,
    pub diff_ids: Vec<String>,
    pub config: (String, Vec<u8>),
    pub manifest: (String, Vec<u8>),
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder
        .write_all(bytes)
        .expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

impl ImageSpec {
    /// Builds every blob.
    pub fn blobs(&self) -> Blobs {
        let mut layers = Vec::new();
        let mut diff_ids = Vec::new();
        for layer in &self.layers {
            let tar = layer.tar();
            diff_ids.push(sha256(&tar));
            let blob = match self.compression {
                Compression::None => tar,
                Compression::Gzip => gzip(&tar),
            };
            layers.push((sha256(&blob), blob));
        }
        let history: Vec<Value> = self
            .layers
            .iter()
            .map(|l| json!({"created": "2026-01-01T00:00:00Z", "created_by": l.created_by}))
            .collect();
        let config = serde_json::to_vec(&json!({
            "architecture": "amd64",
            "os": "linux",
            "created": "2026-01-01T00:00:00Z",
            "config": self.container_config,
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
            "history": history,
        }))
        .expect("JSON");
        let config_digest = sha256(&config);
        let layer_type = match self.compression {
            Compression::None => "application/vnd.oci.image.layer.v1.tar",
            Compression::Gzip => "application/vnd.oci.image.layer.v1.tar+gzip",
        };
        let manifest = serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config.len()},
            "layers": layers.iter().map(|(d, b)| json!({"mediaType": layer_type, "digest": d, "size": b.len()})).collect::<Vec<_>>(),
            "annotations": self.annotations,
        }))
        .expect("JSON");
        Blobs {
            layers,
            diff_ids,
            config: (config_digest, config),
            manifest: (sha256(&manifest), manifest),
        }
    }

    /// Writes a `docker save` archive (classic layout: `<id>/layer.tar`, `<hex>.json`).
    pub fn write_docker_archive(&self, path: &Path) -> std::io::Result<()> {
        let blobs = self.blobs();
        let mut builder = tar::Builder::new(std::fs::File::create(path)?);
        let config_name = format!("{}.json", hex_of(&blobs.config.0));
        append(&mut builder, &config_name, &blobs.config.1)?;
        let mut names = Vec::new();
        for (i, (_, blob)) in blobs.layers.iter().enumerate() {
            // Classic docker names layer directories by a v1 id, not by the content digest.
            let name = format!("{i:064x}/layer.tar");
            append(&mut builder, &name, blob)?;
            names.push(name);
        }
        let manifest = serde_json::to_vec(&json!([{
            "Config": config_name,
            "RepoTags": [self.tag],
            "Layers": names,
        }]))
        .expect("JSON");
        append(&mut builder, "manifest.json", &manifest)?;
        builder.into_inner()?.flush()
    }

    /// Writes an OCI image layout into `dir` (created if needed).
    pub fn write_oci_layout(&self, dir: &Path) -> std::io::Result<()> {
        let blobs = self.blobs();
        let store = dir.join("blobs/sha256");
        std::fs::create_dir_all(&store)?;
        for (digest, bytes) in blobs.layers.iter().chain([&blobs.config, &blobs.manifest]) {
            std::fs::write(store.join(hex_of(digest)), bytes)?;
        }
        std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#)?;
        std::fs::write(dir.join("index.json"), self.index_json(&blobs))
    }

    /// Writes an OCI image layout as a tar archive.
    pub fn write_oci_archive(&self, path: &Path) -> std::io::Result<()> {
        let blobs = self.blobs();
        let mut builder = tar::Builder::new(std::fs::File::create(path)?);
        append(
            &mut builder,
            "oci-layout",
            br#"{"imageLayoutVersion":"1.0.0"}"#,
        )?;
        append(&mut builder, "index.json", &self.index_json(&blobs))?;
        for (digest, bytes) in blobs.layers.iter().chain([&blobs.config, &blobs.manifest]) {
            append(
                &mut builder,
                &format!("blobs/sha256/{}", hex_of(digest)),
                bytes,
            )?;
        }
        builder.into_inner()?.flush()
    }

    fn index_json(&self, blobs: &Blobs) -> Vec<u8> {
        serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "manifests": [{
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": blobs.manifest.0,
                "size": blobs.manifest.1.len(),
                "annotations": {"org.opencontainers.image.ref.name": self.tag},
            }],
        }))
        .expect("JSON")
    }
}

fn hex_of(digest: &str) -> &str {
    digest.strip_prefix("sha256:").unwrap_or(digest)
}

fn append<W: Write>(
    builder: &mut tar::Builder<W>,
    name: &str,
    bytes: &[u8],
) -> std::io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(bytes.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(0);
    builder.append_data(&mut header, name, bytes)
}
