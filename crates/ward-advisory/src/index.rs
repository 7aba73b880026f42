//! The local advisory index: one file, `index.ward`, in the database directory.
//!
//! Layout: an 8-byte magic, a little-endian `u32` format version, a `u64` header length, the
//! header (postcard: metadata, then the sorted package keys with the offset and length of each
//! package's advisories, then advisory id -> package key), then the advisories, postcard-encoded
//! per package. Opening reads the file and decodes the header only; a lookup binary-searches
//! the keys and decodes that package's advisories. Building replaces the file atomically.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Ecosystem;
use crate::model::{Advisory, EpssEntry, KevEntry};

/// An index older than this many days gets a warning: advisories are published daily.
pub const STALE_AFTER_DAYS: i64 = 7;

/// The index file's name inside the database directory.
pub const INDEX_FILE: &str = "index.ward";
const MAGIC: &[u8; 8] = b"WARDIDX\0";
// 2: affected functions carry the versions where each is affected.
const FORMAT: u32 = 2;

/// What an index says about itself (`ward db status`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// When it was built (Unix seconds).
    pub built_at: i64,
    pub ward_version: String,
    pub sources: Vec<SourceMeta>,
    /// Per ecosystem: packages and advisories.
    pub ecosystems: Vec<EcosystemCount>,
    pub kev: Option<EnrichMeta>,
    pub epss: Option<EnrichMeta>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMeta {
    pub path: String,
    pub records: u64,
    pub withdrawn: u64,
    pub broken: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcosystemCount {
    pub ecosystem: String,
    pub packages: u64,
    pub advisories: u64,
    /// Whether Ward has a version ordering for it (ranges of others are not evaluated).
    pub known: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrichMeta {
    pub paths: Vec<String>,
    /// Entries in the files.
    pub entries: u64,
    /// Entries that matched an advisory's CVE and were kept.
    pub used: u64,
    pub version: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    meta: Meta,
    keys: Vec<Key>,
    /// Every advisory id and alias, sorted, with the index of a package key it is under.
    ids: Vec<(String, u32)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Key {
    ecosystem: String,
    name: String,
    offset: u64,
    len: u64,
}

/// An index that cannot be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no advisory database at {0} (build one with `ward db import PATH...`)")]
    Missing(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: not a Ward advisory index or a damaged one ({message}); rebuild it with `ward db import`"
    )]
    Corrupt { path: PathBuf, message: String },
}

/// The key an ecosystem is stored under: its canonical OSV name when Ward knows it.
pub fn ecosystem_key(ecosystem: &str) -> String {
    Ecosystem::from_osv(ecosystem).map_or_else(
        || ecosystem.trim().to_owned(),
        |eco| eco.osv_name().to_owned(),
    )
}

/// The key a package name is stored under (PEP 503 for PyPI, …).
pub fn name_key(ecosystem: &str, name: &str) -> String {
    Ecosystem::from_osv(ecosystem)
        .map_or_else(|| name.trim().to_owned(), |eco| eco.normalize_name(name))
}

/// Inputs of a build besides the advisories.
#[derive(Debug, Default)]
pub struct Enrichment {
    pub kev: HashMap<String, KevEntry>,
    pub kev_paths: Vec<String>,
    pub kev_version: Option<String>,
    pub epss: HashMap<String, EpssEntry>,
    pub epss_paths: Vec<String>,
}

/// Builds the index bytes from advisories (deduplicated per package by id, the most recently
/// modified record kept) and enrichment (kept only for CVEs the advisories name).
pub fn build(
    advisories: Vec<Advisory>,
    sources: Vec<SourceMeta>,
    enrichment: &Enrichment,
    built_at: i64,
) -> Vec<u8> {
    let mut packages: BTreeMap<(String, String), BTreeMap<String, Advisory>> = BTreeMap::new();
    let mut kev_used = 0;
    let mut epss_used = 0;
    for mut advisory in advisories {
        let kev = advisory
            .cves()
            .find_map(|cve| enrichment.kev.get(cve).cloned());
        let epss = advisory
            .cves()
            .filter_map(|cve| enrichment.epss.get(cve).copied())
            .max_by(|a, b| a.probability.total_cmp(&b.probability));
        advisory.kev = kev;
        advisory.epss = epss;
        let key = (
            ecosystem_key(&advisory.ecosystem),
            name_key(&advisory.ecosystem, &advisory.package),
        );
        let slot = packages.entry(key).or_default();
        match slot.get_mut(&advisory.id) {
            Some(existing) if existing.modified >= advisory.modified => {
                existing.take_function_versions(&advisory);
            }
            Some(existing) => {
                advisory.take_function_versions(existing);
                slot.insert(advisory.id.clone(), advisory);
            }
            None => {
                slot.insert(advisory.id.clone(), advisory);
            }
        }
    }
    let mut blob = Vec::new();
    let mut keys = Vec::with_capacity(packages.len());
    let mut ids: Vec<(String, u32)> = Vec::new();
    let mut counts: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (index, ((ecosystem, name), advisories)) in packages.into_iter().enumerate() {
        let list: Vec<Advisory> = advisories.into_values().collect();
        kev_used += list.iter().filter(|a| a.kev.is_some()).count() as u64;
        epss_used += list.iter().filter(|a| a.epss.is_some()).count() as u64;
        let count = counts.entry(ecosystem.clone()).or_default();
        count.0 += 1;
        count.1 += list.len() as u64;
        for advisory in &list {
            for id in advisory.ids() {
                ids.push((id.to_owned(), index as u32));
            }
        }
        let bytes = postcard::to_stdvec(&list).expect("advisories serialise");
        keys.push(Key {
            ecosystem,
            name,
            offset: blob.len() as u64,
            len: bytes.len() as u64,
        });
        blob.extend_from_slice(&bytes);
    }
    ids.sort();
    ids.dedup_by(|a, b| a.0 == b.0);
    let enrich_meta = |paths: &[String], entries: usize, used: u64, version: Option<String>| {
        (!paths.is_empty()).then(|| EnrichMeta {
            paths: paths.to_vec(),
            entries: entries as u64,
            used,
            version,
        })
    };
    let header = Header {
        meta: Meta {
            built_at,
            ward_version: env!("CARGO_PKG_VERSION").to_owned(),
            sources,
            ecosystems: counts
                .into_iter()
                .map(|(ecosystem, (packages, advisories))| EcosystemCount {
                    known: Ecosystem::from_osv(&ecosystem).is_some(),
                    ecosystem,
                    packages,
                    advisories,
                })
                .collect(),
            kev: enrich_meta(
                &enrichment.kev_paths,
                enrichment.kev.len(),
                kev_used,
                enrichment.kev_version.clone(),
            ),
            epss: enrich_meta(
                &enrichment.epss_paths,
                enrichment.epss.len(),
                epss_used,
                None,
            ),
        },
        keys,
        ids,
    };
    let header = postcard::to_stdvec(&header).expect("header serialises");
    let mut out = Vec::with_capacity(20 + header.len() + blob.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(header.len() as u64).to_le_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&blob);
    out
}

/// Writes index bytes into `dir` (created if needed), replacing any index there atomically.
pub fn write(dir: &Path, bytes: &[u8]) -> Result<PathBuf, IndexError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| IndexError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let target = dir.join(INDEX_FILE);
    let temp = dir.join(format!("{INDEX_FILE}.tmp{}", std::process::id()));
    std::fs::write(&temp, bytes).map_err(io(&temp))?;
    std::fs::rename(&temp, &target).map_err(io(&target))?;
    Ok(target)
}

/// An opened index.
#[derive(Debug)]
pub struct Index {
    path: PathBuf,
    header: Header,
    blob: Vec<u8>,
}

impl Index {
    /// Opens the index in `dir`.
    pub fn open(dir: &Path) -> Result<Index, IndexError> {
        let path = dir.join(INDEX_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(IndexError::Missing(dir.to_path_buf()));
            }
            Err(source) => return Err(IndexError::Io { path, source }),
        };
        Index::from_bytes(path, bytes)
    }

    fn from_bytes(path: PathBuf, mut bytes: Vec<u8>) -> Result<Index, IndexError> {
        let corrupt = |message: String| IndexError::Corrupt {
            path: path.clone(),
            message,
        };
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(corrupt("no index header".into()));
        }
        let format = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if format != FORMAT {
            return Err(corrupt(format!(
                "format {format}, this Ward reads format {FORMAT}"
            )));
        }
        let header_len = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes")) as usize;
        let header_end = 20usize
            .checked_add(header_len)
            .filter(|end| *end <= bytes.len())
            .ok_or_else(|| corrupt("truncated".into()))?;
        let header: Header =
            postcard::from_bytes(&bytes[20..header_end]).map_err(|e| corrupt(e.to_string()))?;
        let blob = bytes.split_off(header_end);
        if header
            .keys
            .iter()
            .any(|k| k.offset.saturating_add(k.len) > blob.len() as u64)
        {
            return Err(corrupt("truncated".into()));
        }
        Ok(Index { path, header, blob })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn meta(&self) -> &Meta {
        &self.header.meta
    }

    /// Every advisory recorded for a package (any version).
    pub fn lookup(&self, ecosystem: &str, name: &str) -> Result<Vec<Advisory>, IndexError> {
        let eco = ecosystem_key(ecosystem);
        let name = name_key(ecosystem, name);
        let found = self
            .header
            .keys
            .binary_search_by(|k| (k.ecosystem.as_str(), k.name.as_str()).cmp(&(&eco, &name)));
        match found {
            Ok(i) => self.decode(i),
            Err(_) => Ok(Vec::new()),
        }
    }

    fn decode(&self, key: usize) -> Result<Vec<Advisory>, IndexError> {
        let key = &self.header.keys[key];
        let slice = &self.blob[key.offset as usize..(key.offset + key.len) as usize];
        postcard::from_bytes(slice).map_err(|e| IndexError::Corrupt {
            path: self.path.clone(),
            message: e.to_string(),
        })
    }

    /// The advisory with this id or alias (for `ward explain deps/ID`).
    pub fn advisory(&self, id: &str) -> Option<Advisory> {
        let i = self
            .header
            .ids
            .binary_search_by(|(known, _)| known.as_str().cmp(id))
            .ok()?;
        let key = self.header.ids[i].1 as usize;
        self.decode(key)
            .ok()?
            .into_iter()
            .find(|a| a.ids().any(|known| known == id))
    }

    /// Number of packages with advisories.
    pub fn package_count(&self) -> usize {
        self.header.keys.len()
    }
}

/// Where the database lives: `--db`, else `$WARD_DB`, else the user's data directory
/// (`$XDG_DATA_HOME/ward/db`, `~/.local/share/ward/db`; `%LOCALAPPDATA%\ward\db` on Windows,
/// `~/Library/Application Support/ward/db` on macOS).
pub fn resolve_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = env("WARD_DB") {
        return Some(dir);
    }
    let base = if cfg!(windows) {
        env("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local/share")))
    };
    base.map(|b| b.join("ward").join("db"))
}
