//! Ward's cache directory and the per-file result cache that makes a re-scan of an unchanged
//! tree nearly free.
//!
//! Two layers, both under the cache root:
//!
//! - **Results** (`results/v1/<2 hex>/<62 hex>`): content-addressed entries, one per (Ward build,
//!   file path, SHA-256 of the file's bytes). An entry holds, per engine, the result of that
//!   engine with a given [`Engine::config_hash`] (findings, errors, skips, the engine's per-file
//!   state), for up to [`CONFIGS_PER_ENGINE`] configurations. The path is part of the key because
//!   engines decide by file name (a `Dockerfile`, a `Cargo.lock`) and findings name their file.
//! - **Stat index** (`index/v1/<hash of the scanned roots>`): path -> size, modification and
//!   change times, inode, content hash, and which engines' results are cached and non-empty. A
//!   file whose stat matches is judged without being opened; only a file with a non-empty result
//!   needs its entry read. A file modified within [`RACY_WINDOW`] of the moment it was read is
//!   stored as racy and hashed again next time (git's racy-clean rule: a second write in the same
//!   timestamp tick cannot be seen in the stat).
//!
//! Every file is written to a temporary name in its final directory and renamed into place, so
//! readers never see half a file and need no lock; two scans writing the same entry leave one of
//! the two complete versions. Entries carry a length and a CRC-32: a torn or damaged entry is
//! counted and treated as missing. The results directory is kept under a size limit by removing
//! the least recently used entries (by modification time, refreshed on use at most once an hour).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ward_core::{Finding, Inconclusive, ScanError, SkipReason};

/// The subdirectory of the cache root that holds per-file scan results.
pub const RESULTS_DIR: &str = "results";
/// The subdirectory of the cache root for git history scans (commits already scanned).
pub const HISTORY_DIR: &str = "history";
/// The subdirectory of the cache root with the stat indexes.
pub const INDEX_DIR: &str = "index";
/// The default bound of the results directory.
pub const DEFAULT_MAX_SIZE: u64 = 1024 * 1024 * 1024;
/// Results kept per engine and file: the current configuration and the ones before it, so two
/// scans with different settings (two CI jobs) do not evict each other.
pub const CONFIGS_PER_ENGINE: usize = 2;
/// A file modified less than this before it was read may be modified again without its stat
/// changing (coarse timestamps: 2 s on FAT, a clock tick elsewhere); it is hashed again.
pub const RACY_WINDOW: Duration = Duration::from_secs(2);

const ENTRY_MAGIC: [u8; 4] = *b"WRC1";
const INDEX_MAGIC: [u8; 4] = *b"WRI2";
/// The longest engine state kept in the stat index itself rather than in a results entry.
const INLINE_STATE_MAX: usize = 64;
/// How stale an entry's modification time may get before a hit refreshes it (LRU order).
const TOUCH_AFTER: Duration = Duration::from_hours(1);

/// Where Ward keeps its caches when neither `--cache-dir` nor `ward.toml` says: `$WARD_CACHE_DIR`,
/// else the user's cache directory (`$XDG_CACHE_HOME/ward`, `~/.cache/ward`;
/// `~/Library/Caches/ward` on macOS; `%LOCALAPPDATA%\ward\cache` on Windows). `None` when no
/// such directory is known (no `HOME`): scans then run without a cache.
pub fn default_root() -> Option<PathBuf> {
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = env("WARD_CACHE_DIR") {
        return Some(dir);
    }
    if cfg!(windows) {
        env("LOCALAPPDATA").map(|b| b.join("ward").join("cache"))
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Caches/ward"))
    } else {
        env("XDG_CACHE_HOME")
            .filter(|p| p.is_absolute())
            .or_else(|| env("HOME").map(|h| h.join(".cache")))
            .map(|b| b.join("ward"))
    }
}

/// The cache root to use: the explicit one (`--cache-dir`, `ward.toml`'s `cache.dir`), else
/// [`default_root`].
pub fn resolve_root(explicit: Option<&Path>) -> Option<PathBuf> {
    explicit.map(Path::to_path_buf).or_else(default_root)
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, renamed over
/// `path`. Readers see the old file or the new one, never a mix. Also for other caches under
/// the root (history).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".tmp-{}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Frames `payload` with a magic, its length and its CRC-32.
pub(crate) fn frame(magic: [u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 12);
    out.extend_from_slice(&magic);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The payload of a framed file; `None` when the magic, length or checksum is wrong (a torn
/// write, a damaged disk, another version's file).
pub(crate) fn unframe(magic: [u8; 4], bytes: &[u8]) -> Option<&[u8]> {
    let header = bytes.get(..12)?;
    if header[..4] != magic {
        return None;
    }
    let len = u32::from_le_bytes(header[4..8].try_into().ok()?) as usize;
    let crc = u32::from_le_bytes(header[8..12].try_into().ok()?);
    let payload = bytes.get(12..)?;
    (payload.len() == len && crc32fast::hash(payload) == crc).then_some(payload)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// SHA-256 of a file's content.
pub type ContentHash = [u8; 32];

/// The content hash of `bytes`.
pub fn content_hash(bytes: &[u8]) -> ContentHash {
    Sha256::digest(bytes).into()
}

/// What one engine concluded about one file: everything the pipeline needs to replay it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub(crate) struct EngineResult {
    /// Whether the engine claimed the file.
    pub claimed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<SkipReason>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inconclusive: Vec<Inconclusive>,
    /// Findings with fingerprints assigned and inline suppressions applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ScanError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Vec<u8>>,
    /// Packages listed (inventory mode; such engines are never cached).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<ward_core::sbom::InventoryPackage>,
}

/// What the stat index holds of one engine's result for a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Held {
    /// Nothing to replay (most files: not claimed, or nothing found).
    Empty,
    /// Nothing but a small engine state (the dependency engine marks each source file for
    /// reachability): kept in the index, so replaying it reads no entry. Without this, an
    /// unchanged scan of a 100,000-file tree opened one entry per source file.
    State(Box<[u8]>),
    /// In the file's results entry.
    Stored,
}

impl Held {
    pub(crate) fn of(result: &EngineResult) -> Held {
        let only_state = result.skipped.is_none()
            && result.inconclusive.is_empty()
            && result.findings.is_empty()
            && result.errors.is_empty()
            && result.packages.is_empty();
        match &result.state {
            None if only_state => Held::Empty,
            Some(state) if only_state && state.len() <= INLINE_STATE_MAX => {
                Held::State(state.clone().into_boxed_slice())
            }
            _ => Held::Stored,
        }
    }

    /// Whether replaying it needs the results entry.
    pub(crate) fn stored(&self) -> bool {
        matches!(self, Held::Stored)
    }

    /// The result it stands for, when the index holds all of it.
    pub(crate) fn result(&self) -> Option<EngineResult> {
        match self {
            Held::Empty => Some(EngineResult::default()),
            Held::State(state) => Some(EngineResult {
                claimed: true,
                state: Some(state.to_vec()),
                ..EngineResult::default()
            }),
            Held::Stored => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Section {
    engine: String,
    config: String,
    result: EngineResult,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Entry {
    sections: Vec<Section>,
}

/// A file's stat, as far as the index compares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stat {
    pub size: u64,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    pub inode: u64,
}

impl Stat {
    pub fn of(meta: &std::fs::Metadata) -> Stat {
        let mtime_ns = meta.modified().map_or(0, system_ns);
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stat {
                size: meta.len(),
                mtime_ns,
                ctime_ns: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            Stat {
                size: meta.len(),
                mtime_ns,
                ctime_ns: 0,
                inode: 0,
            }
        }
    }

    /// Whether a write after `read_at_ns` could leave this stat unchanged: the file was
    /// modified so shortly before it was read that a second write may fall in the same
    /// timestamp tick. (A later write always sets the modification time to its own moment.)
    pub fn racy(&self, read_at_ns: i128) -> bool {
        self.mtime_ns + RACY_WINDOW.as_nanos().cast_signed() > read_at_ns
    }
}

fn system_ns(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos().cast_signed(),
        Err(e) => -e.duration().as_nanos().cast_signed(),
    }
}

/// Now, in nanoseconds since the Unix epoch.
pub(crate) fn now_ns() -> i128 {
    system_ns(SystemTime::now())
}

/// What the index knows of one file.
#[derive(Debug, Clone)]
pub(crate) enum Outcome {
    /// Skipped before any engine saw it (binary).
    Skipped(SkipReason),
    /// Scanned: the content hash, and per engine (index into the index's engine table) what
    /// the index holds of its result (whether the entry must be read).
    Scanned {
        content: ContentHash,
        engines: Vec<(u16, Held)>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct IndexEntry {
    pub path: String,
    pub stat: Stat,
    /// The stat cannot prove the file unchanged (see [`Stat::racy`]): hash it again.
    pub racy: bool,
    pub outcome: Outcome,
}

#[derive(Debug, Default)]
struct IndexFile {
    build: String,
    /// (engine name, config hash), indexed by [`Outcome::Scanned`]'s engine numbers.
    engines: Vec<(String, String)>,
    entries: Vec<IndexEntry>,
}

/// The skip reasons an index entry can hold, by code.
const SKIP_REASONS: [SkipReason; 6] = [
    SkipReason::Binary,
    SkipReason::TooLarge,
    SkipReason::Symlink,
    SkipReason::NotRegularFile,
    SkipReason::InvalidUtf8,
    SkipReason::Templated,
];

/// The stat index's binary form, written by hand: it is read and written whole on every scan
/// (100,000 entries for a 100,000-file tree), and serde's derives spent most of an unchanged
/// scan's time on its 32-byte hashes one element at a time.
impl IndexFile {
    fn encode(&self) -> Vec<u8> {
        fn text(out: &mut Vec<u8>, s: &str) {
            out.extend_from_slice(&(s.len() as u32).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        let mut out = Vec::with_capacity(64 + self.entries.len() * 128);
        text(&mut out, &self.build);
        out.extend_from_slice(&(self.engines.len() as u32).to_le_bytes());
        for (name, config) in &self.engines {
            text(&mut out, name);
            text(&mut out, config);
        }
        out.extend_from_slice(&(self.entries.len() as u32).to_le_bytes());
        for entry in &self.entries {
            text(&mut out, &entry.path);
            out.extend_from_slice(&entry.stat.size.to_le_bytes());
            out.extend_from_slice(&entry.stat.mtime_ns.to_le_bytes());
            out.extend_from_slice(&entry.stat.ctime_ns.to_le_bytes());
            out.extend_from_slice(&entry.stat.inode.to_le_bytes());
            out.push(u8::from(entry.racy));
            match &entry.outcome {
                Outcome::Skipped(reason) => {
                    out.push(0);
                    out.push(
                        SKIP_REASONS
                            .iter()
                            .position(|r| r == reason)
                            .map_or(u8::MAX, |p| p as u8),
                    );
                }
                Outcome::Scanned { content, engines } => {
                    out.push(1);
                    out.extend_from_slice(content);
                    out.extend_from_slice(&(engines.len() as u16).to_le_bytes());
                    for (number, held) in engines {
                        out.extend_from_slice(&number.to_le_bytes());
                        match held {
                            Held::Empty => out.push(0),
                            Held::Stored => out.push(1),
                            Held::State(state) => {
                                out.push(2);
                                out.push(state.len() as u8);
                                out.extend_from_slice(state);
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// `None` when the bytes are not a whole index (a damaged file).
    fn decode(bytes: &[u8]) -> Option<IndexFile> {
        struct Reader<'a>(&'a [u8]);
        impl<'a> Reader<'a> {
            fn take(&mut self, n: usize) -> Option<&'a [u8]> {
                let (head, rest) = self.0.split_at_checked(n)?;
                self.0 = rest;
                Some(head)
            }
            fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
                self.take(N)?.try_into().ok()
            }
            fn u8(&mut self) -> Option<u8> {
                Some(self.take(1)?[0])
            }
            fn u32(&mut self) -> Option<u32> {
                Some(u32::from_le_bytes(self.array()?))
            }
            fn text(&mut self) -> Option<String> {
                let len = self.u32()? as usize;
                String::from_utf8(self.take(len)?.to_vec()).ok()
            }
        }
        let mut r = Reader(bytes);
        let build = r.text()?;
        let engine_count = r.u32()? as usize;
        let mut engines = Vec::with_capacity(engine_count.min(64));
        for _ in 0..engine_count {
            engines.push((r.text()?, r.text()?));
        }
        let count = r.u32()? as usize;
        let mut entries = Vec::with_capacity(count.min(bytes.len() / 64));
        for _ in 0..count {
            let path = r.text()?;
            let stat = Stat {
                size: u64::from_le_bytes(r.array()?),
                mtime_ns: i128::from_le_bytes(r.array()?),
                ctime_ns: i128::from_le_bytes(r.array()?),
                inode: u64::from_le_bytes(r.array()?),
            };
            let racy = r.u8()? != 0;
            let outcome = match r.u8()? {
                0 => match SKIP_REASONS.get(usize::from(r.u8()?)) {
                    Some(reason) => Outcome::Skipped(*reason),
                    None => continue,
                },
                1 => {
                    let content = r.array()?;
                    let n = u16::from_le_bytes(r.array()?);
                    let mut statuses = Vec::with_capacity(usize::from(n));
                    for _ in 0..n {
                        let number = u16::from_le_bytes(r.array()?);
                        let held = match r.u8()? {
                            0 => Held::Empty,
                            1 => Held::Stored,
                            2 => {
                                let len = usize::from(r.u8()?);
                                Held::State(r.take(len)?.into())
                            }
                            _ => return None,
                        };
                        statuses.push((number, held));
                    }
                    Outcome::Scanned {
                        content,
                        engines: statuses,
                    }
                }
                _ => return None,
            };
            entries.push(IndexEntry {
                path,
                stat,
                racy,
                outcome,
            });
        }
        r.0.is_empty().then_some(IndexFile {
            build,
            engines,
            entries,
        })
    }
}

/// How the current engines map onto an index's engine table.
#[derive(Debug)]
pub(crate) struct Prior {
    entries: HashMap<String, IndexEntry>,
    /// For each current engine, its number in the old table (same name and config).
    old_number: Vec<Option<u16>>,
}

/// Where the cache is and how big it may get.
#[derive(Debug, Clone)]
pub struct CacheSettings {
    pub root: PathBuf,
    /// The bound of the results directory in bytes; least recently used entries go first.
    pub max_size: u64,
}

/// An open result cache for one scan.
#[derive(Debug)]
pub struct ResultCache {
    results: PathBuf,
    index_path: PathBuf,
    max_size: u64,
    /// The Ward build: a different build ignores every entry.
    build: String,
    /// (engine name, config hash or `None`: not cached), in the pipeline's engine order.
    engines: Vec<(String, Option<String>)>,
    prior: Prior,
    bytes_written: AtomicU64,
    pub(crate) damaged: AtomicU64,
}

/// A lookup of a file in the index.
pub(crate) enum Known<'a> {
    /// Not known, changed, or racy: read it.
    Unknown,
    /// Skipped for this reason last time, and unchanged.
    Skipped(SkipReason),
    /// Unchanged since it was scanned: its content hash, and per current engine what the
    /// index holds of its cached result, or `None`: not cached, it must be computed.
    Scanned {
        content: &'a ContentHash,
        engines: Vec<Option<&'a Held>>,
    },
}

/// The identity of this build of Ward: its version, and for builds other than releases the
/// executable's size and modification time (a development build changes rules without a new
/// version number).
pub fn build_identity() -> String {
    let version = env!("CARGO_PKG_VERSION");
    if cfg!(debug_assertions) {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| format!("{}-{}", m.len(), m.modified().map_or(0, system_ns)))
            .unwrap_or_default();
        format!("{version}-dev-{exe}")
    } else {
        version.to_owned()
    }
}

impl ResultCache {
    /// Opens (creating if needed) the cache for a scan of `roots` with `engines` (name, config
    /// hash). The stat index of a previous scan of the same roots is read now; a damaged or
    /// missing one is no error: files are then hashed.
    pub fn open(
        settings: &CacheSettings,
        roots: &[PathBuf],
        engines: Vec<(String, Option<String>)>,
        build: String,
    ) -> std::io::Result<ResultCache> {
        let results = settings.root.join(RESULTS_DIR).join("v1");
        std::fs::create_dir_all(&results)?;
        let mut key = Sha256::new();
        for root in roots {
            key.update(root.as_os_str().as_encoded_bytes());
            key.update([0]);
        }
        let index_path = settings
            .root
            .join(INDEX_DIR)
            .join("v1")
            .join(hex(&key.finalize()));
        let damaged = AtomicU64::new(0);
        let prior = load_index(&index_path, &build, &engines, &damaged);
        Ok(ResultCache {
            results,
            index_path,
            max_size: settings.max_size,
            build,
            engines,
            prior,
            bytes_written: AtomicU64::new(0),
            damaged,
        })
    }

    pub(crate) fn engine_config(&self, engine: usize) -> Option<&str> {
        self.engines.get(engine).and_then(|(_, c)| c.as_deref())
    }

    /// What the index says of `fs_path` with this stat.
    pub(crate) fn known(&self, fs_path: &str, stat: &Stat) -> Known<'_> {
        let Some(entry) = self.prior.entries.get(fs_path) else {
            return Known::Unknown;
        };
        if entry.racy || entry.stat != *stat {
            return Known::Unknown;
        }
        match &entry.outcome {
            Outcome::Skipped(reason) => Known::Skipped(*reason),
            Outcome::Scanned { content, engines } => Known::Scanned {
                content,
                engines: self
                    .prior
                    .old_number
                    .iter()
                    .map(|old| {
                        old.and_then(|n| {
                            engines
                                .iter()
                                .find(|(number, _)| *number == n)
                                .map(|(_, held)| held)
                        })
                    })
                    .collect(),
            },
        }
    }

    /// Per current engine, the result the previous scan recorded for this path with this
    /// content when the index holds all of it (its stat changed, not its bytes: a fresh
    /// checkout, a `touch`).
    pub(crate) fn known_in_index(&self, fs_path: &str, content: &ContentHash) -> Vec<Option<Held>> {
        let mut out = vec![None; self.engines.len()];
        let Some(entry) = self.prior.entries.get(fs_path) else {
            return out;
        };
        let Outcome::Scanned {
            content: old,
            engines,
        } = &entry.outcome
        else {
            return out;
        };
        if old != content {
            return out;
        }
        for (i, old_number) in self.prior.old_number.iter().enumerate() {
            if let Some(n) = old_number {
                out[i] = engines
                    .iter()
                    .find(|(number, held)| number == n && !held.stored())
                    .map(|(_, held)| held.clone());
            }
        }
        out
    }

    fn entry_path(&self, path: &str, content: &ContentHash) -> PathBuf {
        let mut key = Sha256::new();
        for part in [self.build.as_bytes(), path.as_bytes(), content.as_slice()] {
            key.update((part.len() as u64).to_le_bytes());
            key.update(part);
        }
        let name = hex(&key.finalize());
        self.results.join(&name[..2]).join(&name[2..])
    }

    /// The cached results of the current engines for this file (`None` per engine not cached).
    /// A damaged entry counts as missing.
    pub(crate) fn load(&self, path: &str, content: &ContentHash) -> Vec<Option<EngineResult>> {
        let mut out = vec![None; self.engines.len()];
        let Some(entry) = self.read_entry(path, content, true) else {
            return out;
        };
        for section in entry.sections {
            if let Some(i) = self.engines.iter().position(|(name, config)| {
                *name == section.engine && config.as_deref() == Some(section.config.as_str())
            }) && out[i].is_none()
            {
                out[i] = Some(section.result);
            }
        }
        out
    }

    /// Reads an entry; a damaged one is `None` (and counted when `count_damage`).
    fn read_entry(&self, path: &str, content: &ContentHash, count_damage: bool) -> Option<Entry> {
        let file_path = self.entry_path(path, content);
        let mut file = std::fs::File::open(&file_path).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        let Some(entry) = unframe(ENTRY_MAGIC, &bytes).and_then(|p| serde_json::from_slice(p).ok())
        else {
            if count_damage {
                self.damaged.fetch_add(1, Ordering::Relaxed);
            }
            return None;
        };
        // Least recently used order: a hit refreshes the entry's time, at most once an hour.
        if let Ok(modified) = file.metadata().and_then(|m| m.modified())
            && modified.elapsed().is_ok_and(|age| age > TOUCH_AFTER)
        {
            let _ = file.set_modified(SystemTime::now());
        }
        Some(entry)
    }

    /// Stores new results for this file (index into the engine list, result), keeping the
    /// entry's other engines' and configurations' results. Returns whether it was written.
    pub(crate) fn store(
        &self,
        path: &str,
        content: &ContentHash,
        new: &[(usize, &EngineResult)],
    ) -> bool {
        if new.is_empty() {
            return false;
        }
        let mut entry = self.read_entry(path, content, false).unwrap_or_default();
        for (i, result) in new {
            let (name, Some(config)) = &self.engines[*i] else {
                continue;
            };
            entry
                .sections
                .retain(|s| !(s.engine == *name && s.config == *config));
            entry.sections.insert(
                0,
                Section {
                    engine: name.clone(),
                    config: config.clone(),
                    result: (*result).clone(),
                },
            );
            let mut kept = 0;
            entry.sections.retain(|s| {
                if s.engine != *name {
                    return true;
                }
                kept += 1;
                kept <= CONFIGS_PER_ENGINE
            });
        }
        let Ok(payload) = serde_json::to_vec(&entry) else {
            return false;
        };
        let framed = frame(ENTRY_MAGIC, &payload);
        let written = write_atomic(&self.entry_path(path, content), &framed).is_ok();
        if written {
            self.bytes_written
                .fetch_add(framed.len() as u64, Ordering::Relaxed);
        }
        written
    }

    /// Writes the stat index of this scan (atomically), then keeps the results directory under
    /// its size limit. Returns the number of entries evicted.
    pub(crate) fn finish(mut self, mut entries: Vec<IndexEntry>, anything_read: bool) -> u64 {
        // Nothing read: every entry is as the index has it already (a file that vanished keeps
        // a harmless entry until the next write).
        if !anything_read {
            return self.evict_if_needed();
        }
        // Files this scan did not visit (an `--exclude` of the moment) keep their entries while
        // they exist, renumbered to this scan's engine table.
        let mut unvisited = std::mem::take(&mut self.prior.entries);
        if !unvisited.is_empty() {
            for entry in &entries {
                unvisited.remove(&entry.path);
            }
            let renumber: HashMap<u16, u16> = self
                .prior
                .old_number
                .iter()
                .enumerate()
                .filter_map(|(new, old)| Some(((*old)?, u16::try_from(new).ok()?)))
                .collect();
            for (path, mut entry) in unvisited {
                if std::fs::symlink_metadata(&path).is_err() {
                    continue;
                }
                if let Outcome::Scanned { engines, .. } = &mut entry.outcome {
                    *engines = engines
                        .iter()
                        .filter_map(|(old, held)| Some((*renumber.get(old)?, held.clone())))
                        .collect();
                }
                entries.push(entry);
            }
        }
        let file = IndexFile {
            build: self.build.clone(),
            engines: self
                .engines
                .iter()
                .map(|(n, c)| (n.clone(), c.clone().unwrap_or_default()))
                .collect(),
            entries,
        };
        let _ = write_atomic(&self.index_path, &frame(INDEX_MAGIC, &file.encode()));
        // Indexes of trees no longer scanned (temporary checkouts) are removed after a month;
        // looked for in about one scan in 64, as it lists the directory.
        if now_ns() % 64 == 0
            && let Some(dir) = self.index_path.parent()
        {
            prune_old_files(dir, INDEX_MAX_AGE);
        }
        self.evict_if_needed()
    }

    /// Removes least recently used entries when the results directory may be over its limit.
    /// The size is tracked in a small file between scans (approximately: concurrent scans may
    /// each add theirs), and measured exactly only when that estimate passes the limit.
    fn evict_if_needed(&self) -> u64 {
        let usage_path = self.results.join("usage");
        let previous: u64 = std::fs::read_to_string(&usage_path)
            .ok()
            .and_then(|t| t.trim().parse().ok())
            .unwrap_or(0);
        let written = self.bytes_written.load(Ordering::Relaxed);
        let estimate = previous + written;
        if estimate <= self.max_size {
            if written > 0 {
                let _ = write_atomic(&usage_path, estimate.to_string().as_bytes());
            }
            return 0;
        }
        let (evicted, remaining) = evict(&self.results, self.max_size);
        let _ = write_atomic(&usage_path, remaining.to_string().as_bytes());
        evicted
    }
}

/// How long an unused stat index is kept.
const INDEX_MAX_AGE: Duration = Duration::from_hours(24 * 30);

/// Removes the files of `dir` not modified for `max_age`.
fn prune_old_files(dir: &Path, max_age: Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > max_age))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Removes the least recently used entries of a results directory until it holds at most 80% of
/// `max_size` (some room, so the next scans do not evict again at once), and temporary files
/// left by crashed scans. Returns (entries removed, bytes remaining).
pub(crate) fn evict(results: &Path, max_size: u64) -> (u64, u64) {
    let mut files: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
    let Ok(shards) = std::fs::read_dir(results) else {
        return (0, 0);
    };
    for shard in shards.filter_map(Result::ok) {
        if !shard.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(shard.path()) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let Ok(meta) = entry.metadata() else { continue };
            let modified = meta.modified().unwrap_or(UNIX_EPOCH);
            let is_tmp = entry.file_name().to_string_lossy().starts_with(".tmp-");
            if is_tmp {
                if modified.elapsed().is_ok_and(|age| age > TOUCH_AFTER) {
                    let _ = std::fs::remove_file(entry.path());
                }
                continue;
            }
            files.push((modified, meta.len(), entry.path()));
        }
    }
    let mut total: u64 = files.iter().map(|(_, size, _)| size).sum();
    if total <= max_size {
        return (0, total);
    }
    let target = max_size / 10 * 8;
    files.sort();
    let mut evicted = 0;
    for (_, size, path) in files {
        if total <= target {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            total -= size;
            evicted += 1;
        }
    }
    (evicted, total)
}

fn load_index(
    path: &Path,
    build: &str,
    engines: &[(String, Option<String>)],
    damaged: &AtomicU64,
) -> Prior {
    let empty = || Prior {
        entries: HashMap::new(),
        old_number: vec![None; engines.len()],
    };
    let Ok(bytes) = std::fs::read(path) else {
        return empty();
    };
    let Some(file) = unframe(INDEX_MAGIC, &bytes).and_then(IndexFile::decode) else {
        damaged.fetch_add(1, Ordering::Relaxed);
        return empty();
    };
    if file.build != build {
        return empty();
    }
    let old_number = engines
        .iter()
        .map(|(name, config)| {
            let config = config.as_deref()?;
            file.engines
                .iter()
                .position(|(n, c)| n == name && c == config)
                .and_then(|p| u16::try_from(p).ok())
        })
        .collect();
    Prior {
        entries: file
            .entries
            .into_iter()
            .map(|e| (e.path.clone(), e))
            .collect(),
        old_number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_modified_within_the_window_of_its_read_is_racy() {
        let second = 1_000_000_000_i128;
        let stat = Stat {
            size: 10,
            mtime_ns: 100 * second,
            ctime_ns: 100 * second,
            inode: 1,
        };
        // Read in the same second as the write: a second write may keep this stat.
        assert!(stat.racy(100 * second + 300_000_000));
        // Read long after: any later write moves the modification time.
        assert!(!stat.racy(105 * second));
    }

    #[test]
    fn the_index_round_trips_and_refuses_a_truncated_copy() {
        let stat = Stat {
            size: 7,
            mtime_ns: -5,
            ctime_ns: 1 << 70,
            inode: 42,
        };
        let file = IndexFile {
            build: "0.1.0".into(),
            engines: vec![
                ("secrets".into(), "ab".into()),
                ("sast".into(), "cd".into()),
            ],
            entries: vec![
                IndexEntry {
                    path: "/src/a.py".into(),
                    stat,
                    racy: true,
                    outcome: Outcome::Scanned {
                        content: [9; 32],
                        engines: vec![
                            (0, Held::Empty),
                            (1, Held::Stored),
                            (2, Held::State(b"source".as_slice().into())),
                        ],
                    },
                },
                IndexEntry {
                    path: "/logo.png".into(),
                    stat,
                    racy: false,
                    outcome: Outcome::Skipped(SkipReason::Binary),
                },
            ],
        };
        let bytes = file.encode();
        let back = IndexFile::decode(&bytes).unwrap();
        assert_eq!(back.build, file.build);
        assert_eq!(back.engines, file.engines);
        assert_eq!(format!("{:?}", back.entries), format!("{:?}", file.entries));
        assert!(IndexFile::decode(&bytes[..bytes.len() - 1]).is_none());
    }

    #[test]
    fn a_torn_or_altered_frame_is_refused() {
        let framed = frame(ENTRY_MAGIC, b"{\"sections\":[]}");
        assert_eq!(
            unframe(ENTRY_MAGIC, &framed),
            Some(&b"{\"sections\":[]}"[..])
        );
        assert_eq!(unframe(ENTRY_MAGIC, &framed[..framed.len() - 3]), None);
        let mut flipped = framed.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(unframe(ENTRY_MAGIC, &flipped), None);
        assert_eq!(unframe(INDEX_MAGIC, &framed), None);
    }

    #[test]
    fn eviction_removes_the_least_recently_used_first() {
        let dir = tempfile::tempdir().unwrap();
        let shard = dir.path().join("ab");
        std::fs::create_dir_all(&shard).unwrap();
        let now = SystemTime::now();
        for (i, name) in ["old", "middle", "new"].iter().enumerate() {
            let path = shard.join(name);
            std::fs::write(&path, vec![b'x'; 1000]).unwrap();
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(now - Duration::from_secs(3000 - 1000 * i as u64))
                .unwrap();
        }
        // 3000 bytes held, 2500 allowed: down to 2000 (80%) by removing the oldest.
        let (evicted, remaining) = evict(dir.path(), 2500);
        assert_eq!((evicted, remaining), (1, 2000));
        assert!(!shard.join("old").exists());
        assert!(shard.join("middle").exists() && shard.join("new").exists());
    }
}
