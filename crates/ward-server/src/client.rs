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
