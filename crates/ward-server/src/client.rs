//! The client side of `ward scan --upload`: sends a scan to a server, retrying with the same
//! scan id (the server makes a retry harmless).

use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::wire::{UploadRequest, UploadResponse};

/// A new scan id: 32 random hex digits.
pub fn new_scan_id() -> String {
    crate::auth::random_hex(16)
}

/// Attempts before giving up on a server that does not answer or answers 5xx/429.
const ATTEMPTS: u32 = 4;

/// Uploads `request` to the server at `base_url` (`https://ward.example.com`) with the API
/// token. Blocking; retries transient failures with backoff (1, 2, 4 s).
pub fn upload(base_url: &str, token: &str, request: &UploadRequest) -> Result<UploadResponse> {
    let url = format!("{}/api/v1/scans", base_url.trim_end_matches('/'));
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        bail!("--upload expects an http:// or https:// URL, got `{base_url}`");
    }
    let body = serde_json::to_vec(request).context("cannot encode the scan")?;
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_mins(5))
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!("ward/", env!("CARGO_PKG_VERSION")))
        .build()
        .context("cannot set up the HTTP client")?;
    let mut last_error = String::new();
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            std::thread::sleep(Duration::from_secs(1 << (attempt - 1)));
        }
        let sent = client
            .post(&url)
            .bearer_auth(token)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.clone())
            .send();
        let response = match sent {
            Ok(response) => response,
            Err(err) => {
                last_error = format!("cannot reach {url}: {err}");
                continue;
            }
        };
        let status = response.status();
        let text = response.text().unwrap_or_default();
        if status.is_success() {
            return serde_json::from_str(&text)
                .with_context(|| format!("unexpected answer from {url}: {text}"));
        }
        let message = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["error"].as_str().map(str::to_owned))
            .unwrap_or(text);
        last_error = format!("{url} answered {status}: {message}");
        if !(status.is_server_error() || status.as_u16() == 429) {
            break;
        }
    }
    bail!("upload failed: {last_error}")
}

/// Where a repository keeps its CODEOWNERS file, in the order GitHub looks (GitLab's own
/// directory last).
pub const CODEOWNERS_PLACES: [&str; 4] = [
    ".github/CODEOWNERS",
    "CODEOWNERS",
    "docs/CODEOWNERS",
    ".gitlab/CODEOWNERS",
];

/// The CODEOWNERS file of the tree at `root`, if it has one. A symbolic link is not followed
/// (it could point out of the tree), and a file too large or not UTF-8 is left out; both are
/// returned as a warning, and the upload goes on without ownership.
pub fn read_codeowners(
    root: &std::path::Path,
) -> (Option<crate::wire::CodeOwnersFile>, Option<String>) {
    for place in CODEOWNERS_PLACES {
        let path = root.join(place);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let problem = if meta.file_type().is_symlink() {
            "is a symbolic link (not followed)".to_owned()
        } else if !meta.is_file() {
            continue;
        } else if meta.len() > crate::codeowners::MAX_BYTES as u64 {
            format!("is larger than {} bytes", crate::codeowners::MAX_BYTES)
        } else {
            match std::fs::read(&path).map(String::from_utf8) {
                Ok(Ok(text)) => {
                    let file = crate::wire::CodeOwnersFile {
                        path: place.to_owned(),
                        text,
                    };
                    return (Some(file), None);
                }
                Ok(Err(_)) => "is not UTF-8".to_owned(),
                Err(err) => format!("cannot be read: {err}"),
            }
        };
        return (
            None,
            Some(format!(
                "{}: {problem}; uploading without ownership",
                path.display()
            )),
        );
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codeowners_is_found_where_github_looks_first() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_codeowners(dir.path()), (None, None));
        std::fs::create_dir_all(dir.path().join("docs")).unwrap();
        std::fs::write(dir.path().join("docs/CODEOWNERS"), "* @docs\n").unwrap();
        std::fs::write(dir.path().join("CODEOWNERS"), "* @root\n").unwrap();
        let (file, warning) = read_codeowners(dir.path());
        assert_eq!(warning, None);
        let file = file.unwrap();
        assert_eq!(
            (file.path.as_str(), file.text.as_str()),
            ("CODEOWNERS", "* @root\n")
        );
        std::fs::create_dir_all(dir.path().join(".github")).unwrap();
        std::fs::write(dir.path().join(".github/CODEOWNERS"), "* @gh\n").unwrap();
        assert_eq!(
            read_codeowners(dir.path()).0.unwrap().path,
            ".github/CODEOWNERS"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_codeowners_is_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("owners"), "* @outside\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path().join("owners"), dir.path().join("CODEOWNERS"))
            .unwrap();
        let (file, warning) = read_codeowners(dir.path());
        assert_eq!(file, None);
        assert!(warning.unwrap().contains("symbolic link"));
    }
}
