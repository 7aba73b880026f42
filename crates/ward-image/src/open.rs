//! Recognising an input and reading its manifests: `docker save` archives, OCI layouts (a
//! directory or a tar of one) and root file system directories.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::config::{Descriptor, DockerManifest, OciIndex, OciManifest};
use crate::layer::{self, Expected, Limits, StreamError};
use crate::reference::{Platform, Reference};
use crate::registry::{PullOptions, Registry};
use crate::{Entry, Image, ImageConfig, ImageError, ImageKind, LayerInfo, LayerStats, Store};

/// Manifests and configurations larger than this are refused (real ones are kilobytes).
const MAX_JSON: u64 = 16 * 1024 * 1024;

const INDEX_TYPES: [&str; 2] = [
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
];

pub(crate) fn open(path: &Path, platform: Option<&Platform>) -> Result<Image, ImageError> {
    let shown = path.display().to_string();
    let io = |source| ImageError::Io {
        path: shown.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        let store = Store::Dir(path.to_path_buf());
        if path.join("index.json").is_file() || path.join("oci-layout").is_file() {
            return oci(&shown, store, ImageKind::OciLayout, platform);
        }
        if path.join("manifest.json").is_file() {
            return docker(&shown, store);
        }
        return Ok(Image {
            source: shown.clone(),
            name: shown,
            kind: ImageKind::RootFs,
            layers: vec![LayerInfo {
                index: 0,
                digest: "rootfs".into(),
                diff_id: None,
                created_by: None,
                location: String::new(),
                blob_digest: None,
            }],
            config: None,
            config_bytes: None,
            config_digest: None,
            annotations: BTreeMap::new(),
            store: None,
            rootfs: Some(path.to_path_buf()),
        });
    }
    let mut file = File::open(path).map_err(io)?;
    let mut magic = [0u8; 4];
    let got = file.read(&mut magic).map_err(io)?;
    if got >= 2 && magic[..2] == [0x1f, 0x8b] || got >= 4 && magic == [0x28, 0xb5, 0x2f, 0xfd] {
        return Err(ImageError::NotAnImage {
            path: shown,
            reason: "a compressed file; decompress it first (`gunzip`, `zstd -d`): `docker save` writes a plain tar".into(),
        });
    }
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    let members = tar_members(file).map_err(|message| ImageError::NotAnImage {
        path: shown.clone(),
        reason: format!("not a tar archive ({message})"),
    })?;
    let store = Store::Tar {
        path: path.to_path_buf(),
        members,
    };
    let has = |name: &str| match &store {
        Store::Tar { members, .. } => members.contains_key(name),
        Store::Dir(_) | Store::Registry(_) => false,
    };
    if has("manifest.json") {
        docker(&shown, store)
    } else if has("index.json") {
        oci(&shown, store, ImageKind::OciArchive, platform)
    } else {
        Err(ImageError::NotAnImage {
            path: shown,
            reason:
                "a tar archive with neither manifest.json (docker save) nor index.json (OCI layout)"
                    .into(),
        })
    }
}

/// Every member of a tar archive: name -> (offset of its data, size). Only headers are read.
fn tar_members(file: File) -> Result<HashMap<String, (u64, u64)>, String> {
    let mut archive = tar::Archive::new(file);
    let mut members = HashMap::new();
    for entry in archive.entries_with_seek().map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let Ok(name) = layer::normalize(&entry.path_bytes()) else {
            continue;
        };
        if entry.header().entry_type().is_file() {
            members.insert(name, (entry.raw_file_position(), entry.size()));
        }
    }
    Ok(members)
}

impl Store {
    fn open_blob(&self, shown: &str, location: &str) -> Result<(Box<dyn Read>, u64), ImageError> {
        let missing = || ImageError::Missing {
            path: shown.to_owned(),
            what: "blob".into(),
            name: location.to_owned(),
        };
        if let Store::Registry(registry) = self {
            return registry.blob(location);
        }
        let Ok(relative) = layer::normalize(location.as_bytes()) else {
            return Err(ImageError::Invalid {
                path: shown.to_owned(),
                what: "a manifest".into(),
                message: format!("`{location}` points outside the image"),
            });
        };
        match self {
            Store::Dir(dir) => {
                let path = dir.join(&relative);
                // Never follow a link out of the layout.
                let meta = std::fs::symlink_metadata(&path).map_err(|_| missing())?;
                if !meta.is_file() {
                    return Err(missing());
                }
                let file = File::open(&path).map_err(|source| ImageError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                Ok((Box::new(file), meta.len()))
            }
            Store::Tar { path, members } => {
                let &(offset, size) = members.get(&relative).ok_or_else(missing)?;
                let io = |source| ImageError::Io {
                    path: shown.to_owned(),
                    source,
                };
                let mut file = File::open(path).map_err(io)?;
                file.seek(SeekFrom::Start(offset)).map_err(io)?;
                Ok((Box::new(file.take(size)), size))
            }
            Store::Registry(_) => unreachable!("handled above"),
        }
    }

    fn read_small(&self, shown: &str, location: &str) -> Result<Vec<u8>, ImageError> {
        let (reader, size) = self.open_blob(shown, location)?;
        if size > MAX_JSON {
            return Err(ImageError::Invalid {
                path: shown.to_owned(),
                what: location.to_owned(),
                message: format!("{size} bytes is too large for a manifest or configuration"),
            });
        }
        let mut bytes = Vec::with_capacity(size as usize);
        reader
            .take(MAX_JSON)
            .read_to_end(&mut bytes)
            .map_err(|source| ImageError::Io {
                path: format!("{shown}: {location}"),
                source,
            })?;
        Ok(bytes)
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    shown: &str,
    what: &str,
    bytes: &[u8],
) -> Result<T, ImageError> {
    serde_json::from_slice(bytes).map_err(|e| ImageError::Invalid {
        path: shown.to_owned(),
        what: what.to_owned(),
        message: e.to_string(),
    })
}

/// The blob path of a digest in an OCI layout (`blobs/sha256/<hex>`).
fn blob_path(shown: &str, digest: &str) -> Result<String, ImageError> {
    let (algorithm, hex) = digest.split_once(':').unwrap_or(("", ""));
    if algorithm != "sha256" || hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ImageError::Invalid {
            path: shown.to_owned(),
            what: "a descriptor".into(),
            message: format!(
                "digest `{digest}` is not a sha256 digest, so its content cannot be verified"
            ),
        });
    }
    Ok(format!("blobs/sha256/{hex}"))
}

/// Checks a blob read whole against its digest.
fn verify(shown: &str, what: &str, expected: &str, bytes: &[u8]) -> Result<(), ImageError> {
    let actual = layer::sha256(bytes);
    if actual.eq_ignore_ascii_case(expected) {
        Ok(())
    } else {
        Err(ImageError::DigestMismatch {
            path: shown.to_owned(),
            what: what.to_owned(),
            expected: expected.to_owned(),
            actual,
        })
    }
}

/// The digest a `docker save` path names, when it names one (`<hex>.json`,
/// `blobs/sha256/<hex>`); classic layer paths (`<id>/layer.tar`) do not.
/// The image configuration and its layers' diff ids, which must be as many as the layers of
/// the manifest (`manifest_name`, for the message) when the configuration lists any.
fn parse_config(
    shown: &str,
    bytes: &[u8],
    layers: usize,
    manifest_name: &str,
) -> Result<(ImageConfig, Vec<String>), ImageError> {
    let config: ImageConfig = parse(shown, "the image configuration", bytes)?;
    let diff_ids = config.diff_ids().to_vec();
    if !diff_ids.is_empty() && diff_ids.len() != layers {
        return Err(ImageError::Invalid {
            path: shown.to_owned(),
            what: "the image configuration".into(),
            message: format!(
                "it lists {} layers (rootfs.diff_ids) but {manifest_name} {layers}",
                diff_ids.len(),
            ),
        });
    }
    Ok((config, diff_ids))
}

fn digest_in_name(name: &str) -> Option<String> {
    let hex = name
        .strip_prefix("blobs/sha256/")
        .or_else(|| name.strip_suffix(".json"))?;
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| format!("sha256:{hex}"))
}

fn docker(shown: &str, store: Store) -> Result<Image, ImageError> {
    let bytes = store.read_small(shown, "manifest.json")?;
    let manifests: Vec<DockerManifest> = parse(shown, "manifest.json", &bytes)?;
    let Some(manifest) = manifests.into_iter().next() else {
        return Err(ImageError::NotAnImage {
            path: shown.to_owned(),
            reason: "manifest.json lists no image".into(),
        });
    };
    let config_bytes = store.read_small(shown, &manifest.config)?;
    let config_digest = digest_in_name(&manifest.config);
    if let Some(digest) = &config_digest {
        verify(shown, "the configuration", digest, &config_bytes)?;
    }
    let (config, diff_ids) =
        parse_config(shown, &config_bytes, manifest.layers.len(), "manifest.json")?;
    let history = config.layer_history();
    let layers = manifest
        .layers
        .iter()
        .enumerate()
        .map(|(index, location)| {
            let blob_digest = digest_in_name(location);
            let diff_id = diff_ids.get(index).cloned();
            LayerInfo {
                index,
                digest: blob_digest
                    .clone()
                    .or_else(|| diff_id.clone())
                    .unwrap_or_else(|| location.clone()),
                diff_id,
                created_by: history.get(index).and_then(|h| h.created_by.clone()),
                location: location.clone(),
                blob_digest,
            }
        })
        .collect();
    let name = manifest
        .repo_tags
        .as_ref()
        .and_then(|tags| tags.first().cloned())
        .unwrap_or_else(|| shown.to_owned());
    Ok(Image {
        source: shown.to_owned(),
        name,
        kind: ImageKind::DockerArchive,
        layers,
        config_digest: config_digest.or_else(|| Some(layer::sha256(&config_bytes))),
        config: Some(config),
        config_bytes: Some(config_bytes),
        annotations: BTreeMap::new(),
        store: Some(store),
        rootfs: None,
    })
}

/// The manifest to scan among an index's entries: the one for `platform` when one is asked
/// for (`Err` with the platforms there are when none matches); otherwise an image manifest for
/// linux/amd64, else the first image manifest that is not an attestation (`unknown/unknown`).
fn pick<'a>(
    manifests: &'a [Descriptor],
    platform: Option<&Platform>,
) -> Result<Option<&'a Descriptor>, String> {
    let of = |d: &Descriptor| {
        d.platform.as_ref().map(|p| {
            (
                p.os.clone().unwrap_or_default(),
                p.architecture.clone().unwrap_or_default(),
                p.variant.clone(),
            )
        })
    };
    if let Some(want) = platform {
        let found = manifests.iter().find(|d| {
            of(d).is_some_and(|(os, arch, variant)| {
                os == want.os
                    && arch == want.architecture
                    && (want.variant.is_none() || variant == want.variant)
            })
        });
        if found.is_some() {
            return Ok(found);
        }
        // A layout's index.json may name one nested index without a platform.
        let nested = manifests.iter().find(|d| {
            d.platform.is_none()
                && d.media_type
                    .as_deref()
                    .is_some_and(|t| INDEX_TYPES.contains(&t))
        });
        if nested.is_some() {
            return Ok(nested);
        }
        let offered: Vec<String> = manifests
            .iter()
            .filter_map(&of)
            .filter(|(os, _, _)| os != "unknown")
            .map(|(os, arch, variant)| match variant {
                Some(v) => format!("{os}/{arch}/{v}"),
                None => format!("{os}/{arch}"),
            })
            .collect();
        return Err(format!(
            "the image has no manifest for {want} (it has: {})",
            if offered.is_empty() {
                "no platform-specific manifests".to_owned()
            } else {
                offered.join(", ")
            }
        ));
    }
    Ok(manifests
        .iter()
        .find(|d| of(d).is_some_and(|(os, arch, _)| os == "linux" && arch == "amd64"))
        .or_else(|| {
            manifests
                .iter()
                .find(|d| of(d).is_none_or(|(os, _, _)| os != "unknown"))
        }))
}

fn no_platform(shown: &str, reason: String) -> ImageError {
    ImageError::NotAnImage {
        path: shown.to_owned(),
        reason,
    }
}

fn oci(
    shown: &str,
    store: Store,
    kind: ImageKind,
    platform: Option<&Platform>,
) -> Result<Image, ImageError> {
    let bytes = store.read_small(shown, "index.json")?;
    let index: OciIndex = parse(shown, "index.json", &bytes)?;
    let mut descriptor = pick(&index.manifests, platform)
        .map_err(|reason| no_platform(shown, reason))?
        .cloned()
        .ok_or_else(|| ImageError::NotAnImage {
            path: shown.to_owned(),
            reason: "index.json lists no image manifest".into(),
        })?;
    let mut annotations = descriptor.annotations.clone().unwrap_or_default();
    // Nested indexes (a multi-platform image) are followed a few levels down.
    let mut manifest: OciManifest;
    let mut depth = 0;
    loop {
        let location = blob_path(shown, &descriptor.digest)?;
        let bytes = store.read_small(shown, &location)?;
        verify(shown, "the manifest", &descriptor.digest, &bytes)?;
        manifest = parse(shown, "a manifest", &bytes)?;
        let is_index = descriptor
            .media_type
            .as_deref()
            .or(manifest.media_type.as_deref())
            .is_some_and(|t| INDEX_TYPES.contains(&t))
            || manifest.manifests.is_some();
        if !is_index {
            break;
        }
        depth += 1;
        let nested = manifest.manifests.clone().unwrap_or_default();
        descriptor = match pick(&nested, platform).map_err(|reason| no_platform(shown, reason))? {
            Some(d) if depth < 4 => d.clone(),
            _ => {
                return Err(ImageError::NotAnImage {
                    path: shown.to_owned(),
                    reason: "the image index holds no image manifest".into(),
                });
            }
        };
    }
    annotations.extend(manifest.annotations.clone().unwrap_or_default());
    let name = annotations
        .get("org.opencontainers.image.ref.name")
        .or_else(|| annotations.get("io.containerd.image.name"))
        .cloned()
        .unwrap_or_else(|| shown.to_owned());
    from_manifest(shown, store, kind, &manifest, annotations, name, platform)
}

/// An image from its (verified) manifest: the configuration is read and verified, the layers
/// listed with their digests and build steps.
fn from_manifest(
    shown: &str,
    store: Store,
    kind: ImageKind,
    manifest: &OciManifest,
    annotations: BTreeMap<String, String>,
    name: String,
    platform: Option<&Platform>,
) -> Result<Image, ImageError> {
    let config_descriptor = manifest
        .config
        .as_ref()
        .ok_or_else(|| ImageError::Invalid {
            path: shown.to_owned(),
            what: "the manifest".into(),
            message: "it names no configuration".into(),
        })?;
    // A registry names blobs by digest; a layout by their path.
    let location = |digest: &str| match &store {
        Store::Registry(_) => blob_path(shown, digest).map(|_| digest.to_owned()),
        _ => blob_path(shown, digest),
    };
    let config_location = location(&config_descriptor.digest)?;
    let config_bytes = store.read_small(shown, &config_location)?;
    verify(
        shown,
        "the configuration",
        &config_descriptor.digest,
        &config_bytes,
    )?;
    let (config, diff_ids) =
        parse_config(shown, &config_bytes, manifest.layers.len(), "the manifest")?;
    // A single-platform image is checked against the platform asked for.
    if let (Some(want), Some(os), Some(arch)) = (platform, &config.os, &config.architecture)
        && (os != &want.os || arch != &want.architecture)
    {
        return Err(no_platform(
            shown,
            format!("the image is for {os}/{arch}, not {want}"),
        ));
    }
    let history = config.layer_history();
    let layers = manifest
        .layers
        .iter()
        .enumerate()
        .map(|(index, d)| {
            Ok(LayerInfo {
                index,
                digest: d.digest.clone(),
                diff_id: diff_ids.get(index).cloned(),
                created_by: history.get(index).and_then(|h| h.created_by.clone()),
                location: location(&d.digest)?,
                blob_digest: Some(d.digest.clone()),
            })
        })
        .collect::<Result<Vec<_>, ImageError>>()?;
    Ok(Image {
        source: shown.to_owned(),
        name,
        kind,
        layers,
        config: Some(config),
        config_bytes: Some(config_bytes),
        config_digest: Some(config_descriptor.digest.clone()),
        annotations,
        store: Some(store),
        rootfs: None,
    })
}

/// Pulls an image's manifest and configuration; layers are streamed later.
pub(crate) fn pull(reference: &Reference, options: &PullOptions) -> Result<Image, ImageError> {
    let shown = reference.to_string();
    let registry = Registry::connect(reference, options)?;
    let mut id = reference.manifest_id().to_owned();
    let mut pinned = reference.digest.clone();
    let mut annotations = BTreeMap::new();
    let mut depth = 0;
    let manifest = loop {
        let (bytes, media_type, stated) = registry.manifest(&id, MAX_JSON)?;
        // A digest asked for is checked; so is the one the registry states for a tag.
        if let Some(digest) = pinned.as_deref().or(stated.as_deref()) {
            if !digest.starts_with("sha256:") {
                return Err(ImageError::Registry {
                    reference: shown,
                    message: format!(
                        "the manifest's digest `{digest}` is not sha256, so it cannot be verified"
                    ),
                });
            }
            verify(&shown, "the manifest", digest, &bytes)?;
        }
        let schema: serde_json::Value = parse(&shown, "the manifest", &bytes)?;
        if schema
            .get("schemaVersion")
            .and_then(serde_json::Value::as_u64)
            == Some(1)
        {
            return Err(ImageError::NotAnImage {
                path: shown,
                reason: "a Docker schema 1 manifest (deprecated, unsigned layer list); push the image again with a current client".into(),
            });
        }
        let manifest: OciManifest = parse(&shown, "the manifest", &bytes)?;
        let is_index = media_type
            .as_deref()
            .or(manifest.media_type.as_deref())
            .is_some_and(|t| INDEX_TYPES.contains(&t))
            || manifest.manifests.is_some();
        if !is_index {
            break manifest;
        }
        depth += 1;
        let entries = manifest.manifests.clone().unwrap_or_default();
        let chosen = pick(&entries, options.platform.as_ref())
            .map_err(|reason| no_platform(&shown, reason))?;
        match chosen {
            Some(d) if depth < 4 => {
                annotations.extend(d.annotations.clone().unwrap_or_default());
                id.clone_from(&d.digest);
                pinned = Some(d.digest.clone());
            }
            _ => {
                return Err(ImageError::NotAnImage {
                    path: shown,
                    reason: "the image index holds no image manifest".into(),
                });
            }
        }
    };
    annotations.extend(manifest.annotations.clone().unwrap_or_default());
    from_manifest(
        &shown,
        Store::Registry(registry),
        ImageKind::Registry,
        &manifest,
        annotations,
        shown.clone(),
        options.platform.as_ref(),
    )
}

pub(crate) fn read_layer(
    image: &Image,
    index: usize,
    limits: &Limits,
    visit: &mut dyn FnMut(Entry),
) -> Result<LayerStats, ImageError> {
    if let Some(root) = &image.rootfs {
        return crate::rootfs::walk(root, limits, visit);
    }
    let info = &image.layers[index];
    let Some(store) = &image.store else {
        return Ok(LayerStats::default());
    };
    let (reader, _) = store.open_blob(&image.source, &info.location)?;
    let expected = Expected {
        blob: info.blob_digest.clone(),
        diff_id: info.diff_id.clone(),
    };
    layer::stream(reader, &expected, limits, visit).map_err(|error| match error {
        StreamError::Corrupt(message) => ImageError::Layer {
            path: image.source.clone(),
            index,
            digest: info.digest.clone(),
            message,
        },
        StreamError::Limit(message) => ImageError::Limit {
            path: image.source.clone(),
            index,
            digest: info.digest.clone(),
            message,
        },
        StreamError::Digest(what, expected, actual) => ImageError::DigestMismatch {
            path: image.source.clone(),
            what: format!("layer {index}: the {what}"),
            expected,
            actual,
        },
    })
}
