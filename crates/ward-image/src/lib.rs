//! Container images as a source of files.
//!
//! An image is opened from a `docker save` archive, an OCI image layout (a directory or a tar
//! of one) or an unpacked root file system directory. Its layers are then read in order, each
//! streamed from its blob (hashed, decompressed, read as tar entries; never unpacked to disk),
//! and every entry is handed to the caller: files within the size limit with their content,
//! whiteouts and opaque directories as such, so that [`Filesystem`] can tell which version of
//! each path is present at the end and which a later layer deleted. Digests are verified: a
//! blob or uncompressed layer whose digest differs from the manifest's or the configuration's is
//! an error. Paths that would leave the root (`../`, absolute) are refused, links are never
//! followed, and a layer past the size or entry limits is an error.
//!
//! This crate is a source: it depends only on `ward-core` and knows nothing of engines.

mod config;
mod credentials;
mod filesystem;
mod layer;
mod open;
mod reference;
mod registry;
mod rootfs;
pub mod write;

use std::path::{Path, PathBuf};

pub use config::{ContainerConfig, HistoryEntry, ImageConfig, RootFs};
pub use filesystem::{Filesystem, Gone};
pub use layer::{Entry, LayerStats, Limits};
pub use reference::{Platform, Reference, ReferenceError};
pub use registry::PullOptions;

/// Something that makes an image unreadable, or one layer of it.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a container image: {reason}")]
    NotAnImage { path: String, reason: String },
    #[error("{path}: {what} is not valid: {message}")]
    Invalid {
        path: String,
        what: String,
        message: String,
    },
    #[error("{path}: {what} `{name}` is missing from the image")]
    Missing {
        path: String,
        what: String,
        name: String,
    },
    #[error(
        "{path}: {what} {expected} has the digest {actual}: the image is damaged or was altered, so it was not scanned"
    )]
    DigestMismatch {
        path: String,
        what: String,
        expected: String,
        actual: String,
    },
    #[error("{path}: layer {index} ({digest}): {message}")]
    Layer {
        path: String,
        index: usize,
        digest: String,
        message: String,
    },
    #[error("{reference}: {message}")]
    Registry { reference: String, message: String },
    #[error("{path}: layer {index} ({digest}): {message}")]
    Limit {
        path: String,
        index: usize,
        digest: String,
        message: String,
    },
}

/// The kind of input an image was opened from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// `docker save` output (`manifest.json` with the config and layer paths).
    DockerArchive,
    /// An OCI image layout directory (`oci-layout`, `index.json`, `blobs/`).
    OciLayout,
    /// An OCI image layout in a tar archive.
    OciArchive,
    /// An unpacked root file system: one layer, the directory itself.
    RootFs,
    /// An image pulled from a registry (layers streamed from it).
    Registry,
}

impl ImageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageKind::DockerArchive => "docker-archive",
            ImageKind::OciLayout => "oci-layout",
            ImageKind::OciArchive => "oci-archive",
            ImageKind::RootFs => "rootfs",
            ImageKind::Registry => "registry",
        }
    }
}

/// One layer of an image, with what the image records about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerInfo {
    /// 0-based position, lowest layer first.
    pub index: usize,
    /// The digest naming the layer: the blob's digest, else its diff id, else its path.
    pub digest: String,
    /// The uncompressed digest from the configuration, when recorded.
    pub diff_id: Option<String>,
    /// The build step that made the layer (`RUN apt-get install ...`), from the history.
    pub created_by: Option<String>,
    /// Where the blob is: a path relative to the layout or a member of the archive.
    pub(crate) location: String,
    /// The blob digest to verify, when the image records it.
    pub(crate) blob_digest: Option<String>,
}

/// Where blobs are read from.
#[derive(Debug)]
pub(crate) enum Store {
    /// A directory; locations are relative paths inside it.
    Dir(PathBuf),
    /// A tar archive; locations are member names, found at (offset, size).
    Tar {
        path: PathBuf,
        members: std::collections::HashMap<String, (u64, u64)>,
    },
    /// A registry; locations are blob digests.
    Registry(registry::Registry),
}

/// An opened image: its layers in order, its configuration, and where to read them.
#[derive(Debug)]
pub struct Image {
    /// What the user gave (a path), for messages.
    pub source: String,
    /// A name for the image: its first tag when the archive records one, else the source.
    pub name: String,
    pub kind: ImageKind,
    pub layers: Vec<LayerInfo>,
    /// The configuration, when the input has one (not for a root file system).
    pub config: Option<ImageConfig>,
    /// The configuration as stored, for engines that judge it.
    pub config_bytes: Option<Vec<u8>>,
    /// The configuration's digest (`sha256:...`), the image id.
    pub config_digest: Option<String>,
    /// Annotations of the manifest (OCI), such as `org.opencontainers.image.base.name`.
    pub annotations: std::collections::BTreeMap<String, String>,
    pub(crate) store: Option<Store>,
    pub(crate) rootfs: Option<PathBuf>,
}

impl Image {
    /// Opens an image from a path: a `docker save` archive, an OCI layout (directory or tar),
    /// or a root file system directory. Configuration and manifests are read and verified;
    /// layers are read later, one at a time, by [`Image::read_layer`].
    pub fn open(path: &Path) -> Result<Image, ImageError> {
        open::open(path, None)
    }

    /// Like [`Image::open`], picking `platform` from a multi-platform OCI layout (an error
    /// when the layout has no image for it).
    pub fn open_for(path: &Path, platform: Option<&Platform>) -> Result<Image, ImageError> {
        open::open(path, platform)
    }

    /// Pulls an image's manifest and configuration from a registry (verified against their
    /// digests); its layers are streamed from the registry by [`Image::read_layer`], each
    /// verified as it is read.
    pub fn pull(reference: &Reference, options: &PullOptions) -> Result<Image, ImageError> {
        open::pull(reference, options)
    }

    /// Reads layer `index` to its end, calling `visit` for each entry in archive order, and
    /// verifies its digests. On `Err` the entries already visited must be disregarded.
    pub fn read_layer(
        &self,
        index: usize,
        limits: &Limits,
        visit: &mut dyn FnMut(Entry),
    ) -> Result<LayerStats, ImageError> {
        open::read_layer(self, index, limits, visit)
    }
}
