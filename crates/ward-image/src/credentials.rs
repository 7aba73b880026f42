//! Registry credentials from Docker's client configuration (`$DOCKER_CONFIG/config.json`, else
//! `~/.docker/config.json`): `auths` entries (base64 `auth`, or `username`/`password`), and
//! credential helpers (`credHelpers` per registry, `credsStore` for all), run as Docker runs
//! them: `docker-credential-<name> get` with the registry on standard input.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine as _;
use serde::Deserialize;

/// A user name and password (or token) for one registry. Never printed.
#[derive(Clone)]
pub(crate) struct Credentials {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"****")
            .finish()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct DockerConfig {
    auths: BTreeMap<String, AuthEntry>,
    cred_helpers: BTreeMap<String, String>,
    creds_store: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AuthEntry {
    auth: Option<String>,
    username: Option<String>,
    password: Option<String>,
    identitytoken: Option<String>,
}

/// Where Docker's configuration is: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
pub(crate) fn config_path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOCKER_CONFIG") {
        return Some(PathBuf::from(dir).join("config.json"));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".docker/config.json"))
}

/// The host a key of `auths` names: `https://host/v1/` and `host` both name `host`.
fn key_host(key: &str) -> &str {
    let key = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"))
        .unwrap_or(key);
    key.split('/').next().unwrap_or(key)
}

/// The names a registry goes by in `auths` and `credHelpers`.
fn aliases(registry: &str) -> Vec<&str> {
    if registry == crate::reference::DOCKER_HUB {
        vec!["docker.io", "index.docker.io", "registry-1.docker.io"]
    } else {
        vec![registry]
    }
}

/// The credentials Docker's configuration holds for `registry` (`host[:port]`): `Ok(None)`
/// when it has none (or there is no configuration); `Err` with a message when it names
/// credentials that cannot be used.
pub(crate) fn lookup(path: &Path, registry: &str) -> Result<Option<Credentials>, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let config: DockerConfig = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: not a Docker client configuration: {e}", path.display()))?;
    let names = aliases(registry);
    // The helper for Docker Hub is keyed by its v1 address in Docker's own files.
    let helper = config
        .cred_helpers
        .iter()
        .find(|(key, _)| names.contains(&key_host(key)))
        .map(|(_, helper)| helper.clone());
    if let Some(helper) = helper {
        return run_helper(&helper, registry).map(Some);
    }
    let entry = config
        .auths
        .iter()
        .find(|(key, _)| names.contains(&key_host(key)))
        .map(|(_, entry)| entry);
    if let Some(entry) = entry {
        if let Some(auth) = entry.auth.as_deref().filter(|a| !a.is_empty()) {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(auth.trim())
                .ok()
                .and_then(|d| String::from_utf8(d).ok())
                .ok_or_else(|| {
                    format!(
                        "{}: the `auth` of {registry} is not base64 of `user:password`",
                        path.display()
                    )
                })?;
            let (username, password) = decoded.split_once(':').ok_or_else(|| {
                format!(
                    "{}: the `auth` of {registry} is not base64 of `user:password`",
                    path.display()
                )
            })?;
            return Ok(Some(Credentials {
                username: username.to_owned(),
                password: password.to_owned(),
            }));
        }
        if let (Some(username), Some(password)) = (&entry.username, &entry.password) {
            return Ok(Some(Credentials {
                username: username.clone(),
                password: password.clone(),
            }));
        }
        if entry.identitytoken.is_some() {
            return Err(format!(
                "{}: {registry} has an identity token (OAuth refresh token), which Ward cannot use yet; log in with a user name and password or token",
                path.display()
            ));
        }
    }
    if let Some(store) = &config.creds_store {
        return run_helper(store, registry).map(Some);
    }
    Ok(None)
}

#[derive(Deserialize)]
struct HelperAnswer {
    #[serde(rename = "Username")]
    username: String,
    #[serde(rename = "Secret")]
    secret: String,
}

/// Asks a credential helper (`docker-credential-<name> get`) for a registry's credentials.
fn run_helper(name: &str, registry: &str) -> Result<Credentials, String> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(format!("`{name}` is not a credential helper name"));
    }
    let program = format!("docker-credential-{name}");
    let server = if registry == crate::reference::DOCKER_HUB {
        "https://index.docker.io/v1/"
    } else {
        registry
    };
    let mut child = Command::new(&program)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("the credential helper `{program}` for {registry} could not be run: {e}")
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(server.as_bytes());
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("the credential helper `{program}` failed: {e}"))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stdout);
        let said = said.lines().next().unwrap_or("").trim();
        return Err(format!(
            "the credential helper `{program}` has no credentials for {registry} ({}{}{said})",
            output.status,
            if said.is_empty() { "" } else { ": " }
        ));
    }
    let answer: HelperAnswer = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!("the credential helper `{program}` answered something other than credentials: {e}")
    })?;
    if answer.username == "<token>" {
        return Err(format!(
            "the credential helper `{program}` gave an identity token (OAuth refresh token) for {registry}, which Ward cannot use yet"
        ));
    }
    Ok(Credentials {
        username: answer.username,
        password: answer.secret,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(json: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        std::fs::write(&path, json).unwrap();
        (dir, path)
    }

    #[test]
    fn auths_are_found_by_host_in_any_key_form() {
        let auth =
            base64::engine::general_purpose::STANDARD.encode("ward-user:not-a-real-password");
        let (_dir, path) = config(
            &serde_json::json!({"auths": {
                "https://registry.example/v2/": {"auth": auth},
                "https://index.docker.io/v1/": {"username": "hub-user", "password": "hub-pass"},
            }})
            .to_string(),
        );
        let c = lookup(&path, "registry.example").unwrap().unwrap();
        assert_eq!(
            (c.username.as_str(), c.password.as_str()),
            ("ward-user", "not-a-real-password")
        );
        let c = lookup(&path, "docker.io").unwrap().unwrap();
        assert_eq!(c.username, "hub-user");
        assert!(lookup(&path, "other.example").unwrap().is_none());
        assert!(!format!("{c:?}").contains("hub-pass"));
    }

    #[test]
    fn unusable_entries_are_reported_not_ignored() {
        let (_dir, path) = config(r#"{"auths": {"registry.example": {"auth": "%%%"}}}"#);
        let error = lookup(&path, "registry.example").unwrap_err();
        assert!(error.contains("not base64"), "{error}");
        let (_dir, path) = config(r#"{"auths": {"registry.example": {"identitytoken": "x"}}}"#);
        assert!(
            lookup(&path, "registry.example")
                .unwrap_err()
                .contains("identity token")
        );
        let (_dir, path) = config(r#"{"credsStore": "ward-test-helper-that-does-not-exist"}"#);
        let error = lookup(&path, "registry.example").unwrap_err();
        assert!(
            error.contains("docker-credential-ward-test-helper-that-does-not-exist"),
            "{error}"
        );
    }

    #[test]
    fn a_missing_configuration_means_no_credentials() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            lookup(&dir.path().join("config.json"), "registry.example")
                .unwrap()
                .is_none()
        );
    }
}
