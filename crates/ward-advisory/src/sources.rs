//! The downloaded OSV exports kept in the database directory, and what `ward db update`
//! remembers about each: the URL, the validators the server sent (`ETag`, `Last-Modified`) for
//! the next conditional request, and when the export was last downloaded and last confirmed
//! current.
//!
//! Layout: `<db>/osv/<ecosystem>.zip` per export, `<db>/osv/sources.json` for the state. The
//! state is plain JSON so that a reader (the stale-database notice) needs no HTTP client; the
//! requests themselves are [`crate::fetch`], behind the `fetch` feature.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The folder of the downloaded exports inside the database directory.
pub const EXPORTS_DIR: &str = "osv";
const STATE_FILE: &str = "sources.json";
const STATE_VERSION: u32 = 1;

/// OSV's public bucket of exports: `<base>/<Ecosystem>/all.zip`.
pub const DEFAULT_BASE_URL: &str = "https://osv-vulnerabilities.storage.googleapis.com";

/// What is remembered about one downloaded export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportState {
    /// The URL it was downloaded from (validators are only sent back to the same URL).
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// The file, relative to the exports folder.
    pub file: String,
    /// When its bytes were last downloaded (Unix seconds).
    pub downloaded_at: i64,
    /// When the server last said it was current (a download or a 304; Unix seconds).
    pub checked_at: i64,
}

/// Every downloaded export, by OSV ecosystem name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    pub exports: BTreeMap<String, ExportState>,
}

/// The state file cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}:{line}: not a Ward update state file ({message}); delete it to download every export again"
    )]
    Corrupt {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// The exports folder of a database directory.
pub fn exports_dir(db: &Path) -> PathBuf {
    db.join(EXPORTS_DIR)
}

/// The file an ecosystem's export is kept in: its OSV name with characters that are not safe
/// in a file name replaced (`Red Hat` -> `Red_Hat.zip`).
pub fn export_file_name(ecosystem: &str) -> String {
    let safe: String = ecosystem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{}.zip", safe.trim_start_matches('.'))
}

/// The URL of an ecosystem's export under a base URL (`<base>/<Ecosystem>/all.zip`), the
/// ecosystem percent-encoded as a path segment.
pub fn export_url(base: &str, ecosystem: &str) -> String {
    let mut segment = String::with_capacity(ecosystem.len());
    for byte in ecosystem.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_' | b'~') {
            segment.push(byte as char);
        } else {
            let _ = write!(segment, "%{byte:02X}");
        }
    }
    format!("{}/{segment}/all.zip", base.trim_end_matches('/'))
}

impl State {
    /// The state of a database directory; empty when nothing was downloaded yet.
    pub fn load(db: &Path) -> Result<State, StateError> {
        let path = exports_dir(db).join(STATE_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(State {
                    version: STATE_VERSION,
                    exports: BTreeMap::new(),
                });
            }
            Err(source) => return Err(StateError::Io { path, source }),
        };
        let state: State = serde_json::from_str(&text).map_err(|e| StateError::Corrupt {
            path: path.clone(),
            line: e.line(),
            message: e.to_string(),
        })?;
        if state.version != STATE_VERSION {
            return Err(StateError::Corrupt {
                path,
                line: 1,
                message: format!(
                    "version {}, this Ward reads version {STATE_VERSION}",
                    state.version
                ),
            });
        }
        Ok(state)
    }

    /// Writes the state (atomically: a temporary file renamed over the old one).
    pub fn save(&self, db: &Path) -> Result<(), StateError> {
        let dir = exports_dir(db);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StateError::Io { path, source }
        };
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let path = dir.join(STATE_FILE);
        let temp = dir.join(format!("{STATE_FILE}.tmp{}", std::process::id()));
        let mut state = self.clone();
        state.version = STATE_VERSION;
        let text = serde_json::to_string_pretty(&state).expect("state serialises");
        std::fs::write(&temp, text).map_err(io(&temp))?;
        std::fs::rename(&temp, &path).map_err(io(&path))?;
        Ok(())
    }

    /// The export files on disk, in ecosystem order.
    pub fn export_paths(&self, db: &Path) -> Vec<PathBuf> {
        let dir = exports_dir(db);
        self.exports
            .values()
            .map(|e| dir.join(&e.file))
            .filter(|p| p.is_file())
            .collect()
    }
}

/// How current an index's data is (Unix seconds): when it was built, or later when every
/// source it was built from is a downloaded export that the server has since confirmed
/// unchanged (a `304 Not Modified` does not rebuild the index, but the data is as new as the
/// server's). Sources imported from local files are as old as the build.
pub fn data_time(db: &Path, meta: &crate::index::Meta) -> i64 {
    let Ok(state) = State::load(db) else {
        return meta.built_at;
    };
    let dir = exports_dir(db);
    let mut confirmed = i64::MAX;
    for source in &meta.sources {
        let export = state
            .exports
            .values()
            .find(|e| Path::new(&source.path) == dir.join(&e.file));
        match export {
            Some(export) => confirmed = confirmed.min(export.checked_at),
            None => return meta.built_at,
        }
    }
    if meta.sources.is_empty() || confirmed == i64::MAX {
        return meta.built_at;
    }
    meta.built_at.max(confirmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_encode_the_ecosystem_as_one_path_segment() {
        assert_eq!(
            export_url("http://127.0.0.1:9/osv/", "crates.io"),
            "http://127.0.0.1:9/osv/crates.io/all.zip"
        );
        assert_eq!(
            export_url(DEFAULT_BASE_URL, "Red Hat"),
            "https://osv-vulnerabilities.storage.googleapis.com/Red%20Hat/all.zip"
        );
        assert_eq!(export_file_name("Red Hat"), "Red_Hat.zip");
        assert_eq!(export_file_name("../x"), "_x.zip");
    }

    #[test]
    fn state_round_trips_and_a_damaged_file_names_its_line() {
        let db = tempfile::tempdir().unwrap();
        assert!(State::load(db.path()).unwrap().exports.is_empty());
        let mut state = State::default();
        state.exports.insert(
            "PyPI".into(),
            ExportState {
                url: "http://127.0.0.1/PyPI/all.zip".into(),
                etag: Some("\"abc\"".into()),
                last_modified: None,
                file: "PyPI.zip".into(),
                downloaded_at: 10,
                checked_at: 20,
            },
        );
        state.save(db.path()).unwrap();
        assert_eq!(State::load(db.path()).unwrap().exports, state.exports);
        std::fs::write(
            exports_dir(db.path()).join(STATE_FILE),
            "{\n  \"version\": 1,\n  \"exports\": [\n",
        )
        .unwrap();
        let error = State::load(db.path()).unwrap_err().to_string();
        assert!(
            error.contains("sources.json:4:") || error.contains("sources.json:3:"),
            "{error}"
        );
    }
}
