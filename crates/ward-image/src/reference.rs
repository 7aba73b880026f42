//! Image references (`registry.example/team/app:1.2`, `alpine@sha256:...`) and platforms
//! (`linux/arm64/v8`), parsed by the rules Docker uses to tell a registry host from a path.

use std::fmt;
use std::str::FromStr;

/// Where Docker Hub's short names (`alpine`, `library/alpine`) are pulled from.
pub const DOCKER_HUB: &str = "docker.io";
/// The API host of Docker Hub.
pub(crate) const DOCKER_HUB_API: &str = "registry-1.docker.io";

/// A parsed image reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// `host[:port]` of the registry (`docker.io` for Docker Hub).
    pub registry: String,
    /// The repository path (`library/alpine`, `team/app`).
    pub repository: String,
    /// The tag, when the reference names one (`latest` when it names neither tag nor digest).
    pub tag: Option<String>,
    /// `sha256:<hex>`, when the reference pins a digest.
    pub digest: Option<String>,
}

/// Why a string is not an image reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{reference}` is not an image reference: {reason}")]
pub struct ReferenceError {
    pub reference: String,
    pub reason: String,
}

impl FromStr for Reference {
    type Err = ReferenceError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |reason: &str| ReferenceError {
            reference: text.to_owned(),
            reason: reason.to_owned(),
        };
        let text = text.trim();
        let (rest, digest) = match text.split_once('@') {
            Some((rest, digest)) => {
                let hex = digest.strip_prefix("sha256:").ok_or_else(|| {
                    fail("only sha256 digests can be verified (`@sha256:<64 hex digits>`)")
                })?;
                if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(fail("a digest is `sha256:` and 64 hex digits"));
                }
                (rest, Some(format!("sha256:{}", hex.to_ascii_lowercase())))
            }
            None => (text, None),
        };
        // The tag follows the last `:` after the last `/` (a `:` before it is a port).
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (
                &rest[..last_slash + i],
                Some(rest[last_slash + i + 1..].to_owned()),
            ),
            None => (rest, None),
        };
        if let Some(tag) = &tag {
            let valid = !tag.is_empty()
                && tag.len() <= 128
                && !tag.starts_with(['.', '-'])
                && tag
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
            if !valid {
                return Err(fail(
                    "a tag is up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`",
                ));
            }
        }
        let (registry, repository) = match name.split_once('/') {
            Some((first, path))
                if first.contains(['.', ':']) || first == "localhost" || first.starts_with('[') =>
            {
                (first.to_owned(), path.to_owned())
            }
            _ => (DOCKER_HUB.to_owned(), name.to_owned()),
        };
        let registry = match registry.as_str() {
            "index.docker.io" | "registry-1.docker.io" => DOCKER_HUB.to_owned(),
            _ => registry,
        };
        let repository = if registry == DOCKER_HUB && !repository.contains('/') {
            format!("library/{repository}")
        } else {
            repository
        };
        let component_ok = |c: &str| {
            !c.is_empty()
                && c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
                && c.as_bytes()[0].is_ascii_alphanumeric()
                && c.as_bytes()[c.len() - 1].is_ascii_alphanumeric()
        };
        if !repository.split('/').all(component_ok) {
            return Err(fail(
                "a repository is lowercase letters, digits and `.`, `_`, `-` between `/`",
            ));
        }
        let host = registry
            .rsplit_once(':')
            .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
            .map_or(registry.as_str(), |(host, _)| host);
        if host.is_empty()
            || !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.[]:".contains(&b))
        {
            return Err(fail("the registry host is not a host name"));
        }
        let tag = if tag.is_none() && digest.is_none() {
            Some("latest".to_owned())
        } else {
            tag
        };
        Ok(Reference {
            registry,
            repository,
            tag,
            digest,
        })
    }
}

impl Reference {
    /// What the manifest is fetched by: the digest when pinned, else the tag.
    pub fn manifest_id(&self) -> &str {
        self.digest
            .as_deref()
            .or(self.tag.as_deref())
            .unwrap_or("latest")
    }

    /// The host (without port), as a URL would name it.
    pub(crate) fn host(&self) -> &str {
        if self.registry.starts_with('[') {
            return self
                .registry
                .split_once(']')
                .map_or(self.registry.as_str(), |(h, _)| &h[1..]);
        }
        self.registry
            .rsplit_once(':')
            .map_or(self.registry.as_str(), |(host, _)| host)
    }

    /// Whether the registry is on this machine (`localhost`, `127.0.0.0/8`, `::1`).
    pub fn is_loopback(&self) -> bool {
        let host = self.host();
        host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }

    /// `host[:port]` of the API endpoint.
    pub(crate) fn api_host(&self) -> &str {
        if self.registry == DOCKER_HUB {
            DOCKER_HUB_API
        } else {
            &self.registry
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

/// A platform to pick from a multi-platform image: `os/architecture[/variant]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    pub os: String,
    pub architecture: String,
    pub variant: Option<String>,
}

impl FromStr for Platform {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = text.split('/').collect();
        let valid = |p: &str| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
        };
        match parts.as_slice() {
            [os, arch] if valid(os) && valid(arch) => Ok(Platform {
                os: (*os).to_owned(),
                architecture: (*arch).to_owned(),
                variant: None,
            }),
            [os, arch, variant] if valid(os) && valid(arch) && valid(variant) => Ok(Platform {
                os: (*os).to_owned(),
                architecture: (*arch).to_owned(),
                variant: Some((*variant).to_owned()),
            }),
            _ => Err(format!(
                "`{text}` is not a platform: write os/architecture[/variant], e.g. linux/amd64 or linux/arm64/v8"
            )),
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(variant) = &self.variant {
            write!(f, "/{variant}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Reference {
        text.parse().unwrap()
    }

    #[test]
    fn hosts_are_told_from_paths_as_docker_does() {
        let r = parse("registry.example/team/app:1.2");
        assert_eq!(
            (r.registry.as_str(), r.repository.as_str(), r.tag.as_deref()),
            ("registry.example", "team/app", Some("1.2"))
        );
        let r = parse("localhost:5000/app");
        assert_eq!(r.registry, "localhost:5000");
        assert_eq!(r.tag.as_deref(), Some("latest"));
        assert!(r.is_loopback());
        let r = parse("127.0.0.1:5000/team/app:v1");
        assert!(r.is_loopback());
        assert_eq!(r.api_host(), "127.0.0.1:5000");
        // A first component without `.` or `:` is a Docker Hub namespace.
        let r = parse("team/app");
        assert_eq!(
            (r.registry.as_str(), r.repository.as_str()),
            ("docker.io", "team/app")
        );
        let r = parse("alpine:3.20");
        assert_eq!(r.repository, "library/alpine");
        assert_eq!(r.api_host(), "registry-1.docker.io");
        assert!(!r.is_loopback());
    }

    #[test]
    fn digests_pin_the_manifest() {
        let hex = "a".repeat(64);
        let r = parse(&format!("registry.example/app@sha256:{hex}"));
        assert_eq!(r.tag, None);
        assert_eq!(r.manifest_id(), format!("sha256:{hex}"));
        let r = parse(&format!("registry.example:443/app:1@sha256:{hex}"));
        assert_eq!(r.tag.as_deref(), Some("1"));
        assert_eq!(r.registry, "registry.example:443");
        assert_eq!(
            r.to_string(),
            format!("registry.example:443/app:1@sha256:{hex}")
        );
    }

    #[test]
    fn malformed_references_are_refused_with_the_reason() {
        for bad in [
            "registry.example/App:1",
            "registry.example/app@md5:abc",
            "registry.example/app@sha256:abc",
            "registry.example/app:-x",
            "registry.example//app",
            "registry.example/app/",
        ] {
            let error = bad.parse::<Reference>().unwrap_err();
            assert!(
                error.to_string().starts_with(&format!("`{bad}` is not")),
                "{error}"
            );
        }
    }

    #[test]
    fn platforms_parse_with_an_optional_variant() {
        let p: Platform = "linux/arm64/v8".parse().unwrap();
        assert_eq!(p.variant.as_deref(), Some("v8"));
        assert_eq!(p.to_string(), "linux/arm64/v8");
        assert!("linux".parse::<Platform>().is_err());
        assert!("linux/amd64/v1/x".parse::<Platform>().is_err());
    }
}
