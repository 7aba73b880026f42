//! Pulling an image from a registry over the OCI distribution API: the manifest (an image
//! index resolved to one platform's manifest), the configuration, then each layer blob streamed
//! straight from the HTTP response into the layer reader when the scan asks for it (never
//! written to disk). Every manifest, the configuration and every blob is checked against its
//! digest; a mismatch is an error.
//!
//! Authentication follows the registry's `WWW-Authenticate` challenge: `Bearer` (a token from
//! the realm, asked with the user's credentials when there are any) or `Basic`. Credentials
//! come from Docker's client configuration (see `credentials`). Plain HTTP is used only when
//! asked, and only to a registry on this machine.

use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine as _;
use reqwest::blocking::{Client, Response};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, WWW_AUTHENTICATE};

use crate::ImageError;
use crate::credentials::{self, Credentials};
use crate::reference::{Platform, Reference};

/// How to pull.
#[derive(Debug, Clone, Default)]
pub struct PullOptions {
    /// The platform to pick from an image index (default: linux/amd64, else the first image).
    pub platform: Option<Platform>,
    /// Speak plain HTTP to the registry (allowed only for a registry on this machine).
    pub insecure: bool,
    /// Docker's client configuration (default: `$DOCKER_CONFIG/config.json`, else
    /// `~/.docker/config.json`).
    pub docker_config: Option<std::path::PathBuf>,
}

const MANIFEST_TYPES: &str = "application/vnd.oci.image.index.v1+json, \
application/vnd.oci.image.manifest.v1+json, \
application/vnd.docker.distribution.manifest.list.v2+json, \
application/vnd.docker.distribution.manifest.v2+json";

/// A manifest's bytes, its media type and the digest the registry states for it.
pub(crate) type Fetched = (Vec<u8>, Option<String>, Option<String>);

/// What the registry was last told to authenticate with.
#[derive(Debug, Clone)]
enum Auth {
    None,
    Basic(String),
    Bearer(String),
}

/// A connection to one repository of one registry.
#[derive(Debug)]
pub(crate) struct Registry {
    client: Client,
    /// `https://host[:port]` (or `http://` when insecure).
    base: String,
    reference: Reference,
    docker_config: Option<std::path::PathBuf>,
    auth: Mutex<Auth>,
}

impl Registry {
    pub(crate) fn connect(
        reference: &Reference,
        options: &PullOptions,
    ) -> Result<Registry, ImageError> {
        let shown = reference.to_string();
        if options.insecure && !reference.is_loopback() {
            return Err(ImageError::Registry {
                reference: shown,
                message: format!(
                    "--insecure-registry is only allowed for a registry on this machine (localhost, 127.0.0.1, ::1), not {}: credentials and images would cross the network unprotected",
                    reference.registry
                ),
            });
        }
        let scheme = if options.insecure { "http" } else { "https" };
        let mut builder = Client::builder()
            .user_agent(concat!("ward/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(30))
            // Per read, not per request: a large layer takes as long as it takes.
            .timeout(Duration::from_mins(2))
            .https_only(!options.insecure);
        if reference.is_loopback() {
            builder = builder.no_proxy();
        }
        let client = builder.build().map_err(|e| ImageError::Registry {
            reference: shown.clone(),
            message: format!("cannot set up HTTP: {e}"),
        })?;
        Ok(Registry {
            client,
            base: format!("{scheme}://{}", reference.api_host()),
            reference: reference.clone(),
            docker_config: options
                .docker_config
                .clone()
                .or_else(credentials::config_path),
            auth: Mutex::new(Auth::None),
        })
    }

    fn error(&self, message: String) -> ImageError {
        ImageError::Registry {
            reference: self.reference.to_string(),
            message,
        }
    }

    fn url(&self, kind: &str, id: &str) -> String {
        format!("{}/v2/{}/{kind}/{id}", self.base, self.reference.repository)
    }

    /// GETs `url`, answering one authentication challenge; returns a successful response.
    fn get(&self, url: &str, accept: Option<&str>, what: &str) -> Result<Response, ImageError> {
        let mut challenged = false;
        loop {
            let mut request = self.client.get(url);
            if let Some(accept) = accept {
                request = request.header(ACCEPT, accept);
            }
            let auth = self
                .auth
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone();
            match auth {
                Auth::None => {}
                Auth::Basic(value) | Auth::Bearer(value) => {
                    request = request.header(AUTHORIZATION, value);
                }
            }
            let response = request
                .send()
                .map_err(|e| self.error(format!("{what}: {}", describe(&e))))?;
            let status = response.status();
            if status.is_success() {
                return Ok(response);
            }
            if status == reqwest::StatusCode::UNAUTHORIZED && !challenged {
                challenged = true;
                self.authenticate(response.headers())?;
                continue;
            }
            let body = short_body(response);
            let message = match status.as_u16() {
                401 => format!(
                    "{what}: the registry refused the credentials{} (HTTP 401{body})",
                    self.credentials_source()
                ),
                403 => format!("{what}: access denied (HTTP 403{body})"),
                404 => format!("{what}: not found in the registry (HTTP 404{body})"),
                _ => format!("{what}: the registry answered HTTP {status}{body}"),
            };
            return Err(self.error(message));
        }
    }

    fn credentials_source(&self) -> String {
        self.docker_config
            .as_ref()
            .map(|p| format!(" from {}", p.display()))
            .unwrap_or_default()
    }

    fn credentials(&self) -> Result<Option<Credentials>, ImageError> {
        let Some(path) = &self.docker_config else {
            return Ok(None);
        };
        credentials::lookup(path, &self.reference.registry).map_err(|e| self.error(e))
    }

    /// Answers a `WWW-Authenticate` challenge: fetches a bearer token, or prepares basic auth.
    fn authenticate(&self, headers: &HeaderMap) -> Result<(), ImageError> {
        let challenge = headers
            .get_all(WWW_AUTHENTICATE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(parse_challenge)
            .find(|(scheme, _)| scheme == "bearer" || scheme == "basic");
        let login = || {
            format!(
                "the registry asks for credentials and there are none for {}{}: run `docker login {}`",
                self.reference.registry,
                self.docker_config
                    .as_ref()
                    .map(|p| format!(" in {}", p.display()))
                    .unwrap_or_default(),
                self.reference.registry
            )
        };
        let new = match challenge {
            Some((scheme, _)) if scheme == "basic" => {
                let credentials = self.credentials()?.ok_or_else(|| self.error(login()))?;
                Auth::Basic(basic(&credentials))
            }
            Some((_, params)) => {
                let param = |name: &str| {
                    params
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(name))
                        .map(|(_, v)| v.clone())
                };
                let realm = param("realm")
                    .ok_or_else(|| self.error("a Bearer challenge without a realm".into()))?;
                let mut realm_url = reqwest::Url::parse(&realm)
                    .map_err(|e| self.error(format!("the token realm `{realm}`: {e}")))?;
                let realm_local = realm_url.host_str().is_some_and(|h| {
                    h == "localhost"
                        || h.trim_matches(['[', ']'])
                            .parse::<std::net::IpAddr>()
                            .is_ok_and(|ip| ip.is_loopback())
                });
                if realm_url.scheme() != "https" && !realm_local {
                    return Err(self.error(format!(
                        "the token realm `{realm}` is not HTTPS: credentials would cross the network unprotected"
                    )));
                }
                let scope = param("scope")
                    .unwrap_or_else(|| format!("repository:{}:pull", self.reference.repository));
                {
                    let mut query = realm_url.query_pairs_mut();
                    query.append_pair("scope", &scope);
                    if let Some(service) = param("service") {
                        query.append_pair("service", &service);
                    }
                }
                let mut request = self.client.get(realm_url);
                let credentials = self.credentials()?;
                if let Some(c) = &credentials {
                    request = request.header(AUTHORIZATION, basic(c));
                }
                let response = request.send().map_err(|e| {
                    self.error(format!("the token realm {realm}: {}", describe(&e)))
                })?;
                let status = response.status();
                if !status.is_success() {
                    let body = short_body(response);
                    return Err(self.error(if credentials.is_some() {
                        format!(
                            "the token realm {realm} refused the credentials{} (HTTP {status}{body})",
                            self.credentials_source()
                        )
                    } else {
                        format!("the token realm {realm} gave no token (HTTP {status}{body}); {}", login())
                    }));
                }
                let mut bytes = Vec::new();
                response
                    .take(1 << 20)
                    .read_to_end(&mut bytes)
                    .map_err(|e| self.error(format!("the token realm {realm}: {e}")))?;
                let answer: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
                    self.error(format!(
                        "the token realm {realm} answered something other than JSON: {e}"
                    ))
                })?;
                let token = answer
                    .get("token")
                    .or_else(|| answer.get("access_token"))
                    .and_then(serde_json::Value::as_str)
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| self.error(format!("the token realm {realm} gave no token")))?;
                Auth::Bearer(format!("Bearer {token}"))
            }
            None => {
                return Err(self.error(
                    "the registry asks for authentication without a Bearer or Basic challenge"
                        .into(),
                ));
            }
        };
        *self
            .auth
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = new;
        Ok(())
    }

    /// A manifest (or index) by tag or digest, bounded, with its media type and the digest
    /// the registry states for it.
    pub(crate) fn manifest(&self, id: &str, limit: u64) -> Result<Fetched, ImageError> {
        let what = format!("the manifest {id}");
        let response = self.get(&self.url("manifests", id), Some(MANIFEST_TYPES), &what)?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.split(';').next().unwrap_or(v).trim().to_owned())
        };
        let media_type = header("content-type");
        let stated = header("docker-content-digest");
        let bytes =
            read_bounded(response, limit).map_err(|e| self.error(format!("{what}: {e}")))?;
        Ok((bytes, media_type, stated))
    }

    /// A blob, streamed: the response body and its length when stated.
    pub(crate) fn blob(&self, digest: &str) -> Result<(Box<dyn Read>, u64), ImageError> {
        let response = self.get(
            &self.url("blobs", digest),
            None,
            &format!("the blob {digest}"),
        )?;
        let size = response.content_length().unwrap_or(0);
        Ok((Box::new(response), size))
    }
}

fn basic(credentials: &Credentials) -> String {
    let pair = format!("{}:{}", credentials.username, credentials.password);
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

fn read_bounded(response: Response, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    response
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!("larger than {limit} bytes (refused)"));
    }
    Ok(bytes)
}

/// The first line of an error body, for the message (registries explain in JSON).
fn short_body(response: Response) -> String {
    let mut bytes = Vec::new();
    let _ = response.take(512).read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let line = text.lines().next().unwrap_or("").trim();
    if line.is_empty() {
        String::new()
    } else {
        format!(": {line}")
    }
}

/// A reqwest error with its causes (connection refused, certificate problems).
fn describe(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// `Bearer realm="https://auth",service="registry",scope="repository:a:pull"` ->
/// (`bearer`, [(realm, ...), (service, ...), (scope, ...)]).
fn parse_challenge(header: &str) -> (String, Vec<(String, String)>) {
    let header = header.trim();
    let (scheme, rest) = header.split_once(' ').unwrap_or((header, ""));
    let mut params = Vec::new();
    let mut chars = rest.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        if key.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        if let Some(next) = chars.next() {
                            value.push(next);
                        }
                    }
                    '"' => break,
                    c => value.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        params.push((key.trim().to_owned(), value.trim().to_owned()));
    }
    (scheme.to_ascii_lowercase(), params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_are_parsed_with_quoted_commas() {
        let (scheme, params) = parse_challenge(
            r#"Bearer realm="https://auth.example/token",service="registry.example",scope="repository:team/app:pull,push""#,
        );
        assert_eq!(scheme, "bearer");
        assert_eq!(
            params,
            [
                ("realm".into(), "https://auth.example/token".into()),
                ("service".into(), "registry.example".into()),
                ("scope".into(), "repository:team/app:pull,push".into()),
            ]
        );
        let (scheme, params) = parse_challenge("Basic realm=ward-test");
        assert_eq!(scheme, "basic");
        assert_eq!(params, [("realm".into(), "ward-test".into())]);
    }

    #[test]
    fn plain_http_is_refused_for_a_remote_registry() {
        let reference: Reference = "registry.example/app:1".parse().unwrap();
        let options = PullOptions {
            insecure: true,
            ..PullOptions::default()
        };
        let error = Registry::connect(&reference, &options)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("only allowed for a registry on this machine"),
            "{error}"
        );
    }
}
