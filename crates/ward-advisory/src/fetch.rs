//! Downloading OSV exports with conditional requests (`ward db update`).
//!
//! Each export is asked for with the validators the server gave last time (`If-None-Match`
//! with the `ETag`, `If-Modified-Since` with `Last-Modified`), so an unchanged export costs one
//! small `304 Not Modified` answer. A download goes to a temporary file that must open as a zip
//! archive before it replaces the kept export: a truncated or wrong answer never replaces a
//! good export. Behind the `fetch` feature, so that engines using this crate build no HTTP
//! client.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::sources::{ExportState, State, export_file_name, export_url, exports_dir};

/// What asking for one export gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// New bytes were downloaded (`200 OK`).
    Downloaded { bytes: u64 },
    /// The server said the kept export is current (`304 Not Modified`).
    NotModified,
}

/// An export that could not be updated. The kept export, if any, is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    #[error("{url}: the server answered {status}")]
    Status { url: String, status: u16 },
    #[error(
        "{url}: the download is not a zip archive ({message}); the kept export was not replaced"
    )]
    NotZip { url: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Downloads exports into a database directory.
#[derive(Debug)]
pub struct Fetcher {
    client: reqwest::blocking::Client,
    base: String,
    db: PathBuf,
}

/// Exports are large (npm's is hundreds of MiB): a short limit on connecting, a generous one
/// on the whole transfer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
const TRANSFER_TIMEOUT: Duration = Duration::from_mins(30);

impl Fetcher {
    /// A fetcher for exports under `base` (`<base>/<Ecosystem>/all.zip`) kept in `db`.
    pub fn new(db: &Path, base: &str) -> Result<Fetcher, FetchError> {
        let client = reqwest::blocking::Client::builder()
            .user_agent(concat!("ward/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TRANSFER_TIMEOUT)
            .build()
            .map_err(|e| FetchError::Http {
                url: base.to_owned(),
                message: e.to_string(),
            })?;
        Ok(Fetcher {
            client,
            base: base.to_owned(),
            db: db.to_path_buf(),
        })
    }

    /// Asks for one ecosystem's export, conditionally when it was downloaded from the same URL
    /// before and the file is still there, and records the answer in `state`.
    pub fn update(
        &self,
        ecosystem: &str,
        state: &mut State,
        now: i64,
    ) -> Result<Outcome, FetchError> {
        let url = export_url(&self.base, ecosystem);
        let dir = exports_dir(&self.db);
        let file = export_file_name(ecosystem);
        let target = dir.join(&file);
        let previous = state
            .exports
            .get(ecosystem)
            .filter(|p| p.url == url && target.is_file())
            .cloned();
        let http = |e: reqwest::Error| FetchError::Http {
            url: url.clone(),
            message: error_chain(&e),
        };
        let mut request = self.client.get(&url);
        if let Some(previous) = &previous {
            if let Some(etag) = &previous.etag {
                request = request.header(reqwest::header::IF_NONE_MATCH, etag);
            }
            if let Some(modified) = &previous.last_modified {
                request = request.header(reqwest::header::IF_MODIFIED_SINCE, modified);
            }
        }
        let mut response = request.send().map_err(http)?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_MODIFIED {
            if let Some(entry) = state.exports.get_mut(ecosystem)
                && previous.is_some()
            {
                entry.checked_at = now;
                return Ok(Outcome::NotModified);
            }
            // A 304 to an unconditional request: nothing usable was sent.
            return Err(FetchError::Status {
                url,
                status: status.as_u16(),
            });
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                url,
                status: status.as_u16(),
            });
        }
        let header = |name: reqwest::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let etag = header(reqwest::header::ETAG);
        let last_modified = header(reqwest::header::LAST_MODIFIED);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| FetchError::Io { path, source }
        };
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let temp = dir.join(format!("{file}.part{}", std::process::id()));
        let written = (|| {
            let mut out = std::fs::File::create(&temp)?;
            let bytes = response.copy_to(&mut out).map_err(std::io::Error::other)?;
            out.sync_all()?;
            Ok::<u64, std::io::Error>(bytes)
        })();
        let bytes = match written {
            Ok(bytes) => bytes,
            Err(source) => {
                let _ = std::fs::remove_file(&temp);
                return Err(FetchError::Http {
                    url,
                    message: format!("the download stopped: {source}"),
                });
            }
        };
        if let Err(message) = check_zip(&temp) {
            let _ = std::fs::remove_file(&temp);
            return Err(FetchError::NotZip { url, message });
        }
        std::fs::rename(&temp, &target).map_err(io(&target))?;
        state.exports.insert(
            ecosystem.to_owned(),
            ExportState {
                url,
                etag,
                last_modified,
                file,
                downloaded_at: now,
                checked_at: now,
            },
        );
        Ok(Outcome::Downloaded { bytes })
    }
}

fn check_zip(path: &Path) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    zip::ZipArchive::new(file)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The error and its causes on one line (reqwest's own message is only the outermost layer:
/// "error sending request").
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}
