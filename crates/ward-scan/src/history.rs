//! What a history scan remembers: the commits it read and the findings it made, per
//! repository and rule set, so that the next scan of the same history (a nightly job) reads only
//! the commits that are new since and reports the earlier findings with the new ones.
//!
//! The memory is one file per (Ward build, repository, engines and their configurations, scan
//! settings) under `<cache root>/history/v1/`, written atomically and checksummed like the
//! result cache's entries; a damaged file is ignored (a full scan follows). Only complete scans
//! are remembered: a scan with errors, cuts or walk warnings leaves the memory as it was.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ward_core::{Engine, Finding};

use crate::ScanOptions;
use crate::cache::{self, HISTORY_DIR};

const MAGIC: [u8; 4] = *b"WRH1";

/// One remembered history scan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Memory {
    /// The commits that scan started from (full ids): everything reachable from them was read.
    pub tips: Vec<String>,
    /// How many commits that was.
    pub commits: u64,
    /// Its findings, as reported.
    pub findings: Vec<Finding>,
}

/// Where the memory of scans of `repo` with these engines and settings lives; `None` when
/// there is no cache or an engine's results cannot be cached (no configuration hash).
pub(crate) fn location(
    repo: &Path,
    options: &ScanOptions,
    engines: &[Box<dyn Engine>],
) -> Option<PathBuf> {
    let settings = options.cache.as_ref()?;
    let mut hasher = Sha256::new();
    let mut field = |part: &[u8]| {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    };
    field(cache::build_identity().as_bytes());
    let repo = std::fs::canonicalize(repo).unwrap_or_else(|_| repo.to_path_buf());
    field(repo.as_os_str().as_encoded_bytes());
    for engine in engines {
        field(engine.name().as_bytes());
        field(engine.config_hash()?.as_bytes());
    }
    field(&options.max_file_size.to_le_bytes());
    field(b"include");
    for pattern in &options.include {
        field(pattern.as_bytes());
    }
    field(b"exclude");
    for pattern in &options.exclude {
        field(pattern.as_bytes());
    }
    let key = cache::hex(&hasher.finalize());
    Some(settings.root.join(HISTORY_DIR).join("v1").join(key))
}

/// The remembered scan at `path`, if there is a readable one.
pub(crate) fn load(path: &Path) -> Option<Memory> {
    let bytes = std::fs::read(path).ok()?;
    let payload = cache::unframe(MAGIC, &bytes)?;
    serde_json::from_slice(payload).ok()
}

/// Remembers a complete scan. A failure to write costs the next scan time, not results.
pub(crate) fn store(path: &Path, memory: &Memory) {
    if let Ok(payload) = serde_json::to_vec(memory) {
        let _ = cache::write_atomic(path, &cache::frame(MAGIC, &payload));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_memory_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory");
        let memory = Memory {
            tips: vec!["a".repeat(40)],
            commits: 3,
            findings: Vec::new(),
        };
        store(&path, &memory);
        let loaded = load(&path).expect("a stored memory loads");
        assert_eq!((loaded.tips, loaded.commits), (memory.tips.clone(), 3));

        // A torn write (the file cut short) and a flipped byte are both refused.
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 5]).unwrap();
        assert!(load(&path).is_none());
        let mut flipped = bytes.clone();
        let last = flipped.len() - 2;
        flipped[last] ^= 0x20;
        std::fs::write(&path, &flipped).unwrap();
        assert!(load(&path).is_none());
    }
}
