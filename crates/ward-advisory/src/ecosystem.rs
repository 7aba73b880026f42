//! The ecosystems Ward knows: their OSV names, purl types, name normalisation and orderings.

use std::cmp::Ordering;
use std::fmt;

use crate::version::{self, VersionError};

/// A package ecosystem with a known version ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ecosystem {
    CratesIo,
    Npm,
    PyPI,
    Go,
    RubyGems,
    Packagist,
    Maven,
    NuGet,
    Hex,
    Pub,
    // Distributions: their security trackers' records are keyed by source package and
    // compared with the distribution's own ordering.
    Debian,
    Ubuntu,
    Alpine,
    RedHat,
    RockyLinux,
    AlmaLinux,
}

impl Ecosystem {
    pub const ALL: [Ecosystem; 16] = [
        Ecosystem::CratesIo,
        Ecosystem::Npm,
        Ecosystem::PyPI,
        Ecosystem::Go,
        Ecosystem::RubyGems,
        Ecosystem::Packagist,
        Ecosystem::Maven,
        Ecosystem::NuGet,
        Ecosystem::Hex,
        Ecosystem::Pub,
        Ecosystem::Debian,
        Ecosystem::Ubuntu,
        Ecosystem::Alpine,
        Ecosystem::RedHat,
        Ecosystem::RockyLinux,
        Ecosystem::AlmaLinux,
    ];

    /// The ecosystem of an OSV `package.ecosystem` value. A suffix after `:` (as in
    /// `Debian:11`) is ignored; `None` for ecosystems without an ordering here.
    pub fn from_osv(name: &str) -> Option<Ecosystem> {
        let base = name.split(':').next().unwrap_or(name).trim();
        Ecosystem::ALL
            .into_iter()
            .find(|eco| eco.osv_name().eq_ignore_ascii_case(base))
    }

    /// The name OSV uses.
    pub fn osv_name(self) -> &'static str {
        match self {
            Ecosystem::CratesIo => "crates.io",
            Ecosystem::Npm => "npm",
            Ecosystem::PyPI => "PyPI",
            Ecosystem::Go => "Go",
            Ecosystem::RubyGems => "RubyGems",
            Ecosystem::Packagist => "Packagist",
            Ecosystem::Maven => "Maven",
            Ecosystem::NuGet => "NuGet",
            Ecosystem::Hex => "Hex",
            Ecosystem::Pub => "Pub",
            Ecosystem::Debian => "Debian",
            Ecosystem::Ubuntu => "Ubuntu",
            Ecosystem::Alpine => "Alpine",
            Ecosystem::RedHat => "Red Hat",
            Ecosystem::RockyLinux => "Rocky Linux",
            Ecosystem::AlmaLinux => "AlmaLinux",
        }
    }

    /// The package URL type (<https://github.com/package-url/purl-spec>).
    pub fn purl_type(self) -> &'static str {
        match self {
            Ecosystem::CratesIo => "cargo",
            Ecosystem::Npm => "npm",
            Ecosystem::PyPI => "pypi",
            Ecosystem::Go => "golang",
            Ecosystem::RubyGems => "gem",
            Ecosystem::Packagist => "composer",
            Ecosystem::Maven => "maven",
            Ecosystem::NuGet => "nuget",
            Ecosystem::Hex => "hex",
            Ecosystem::Pub => "pub",
            Ecosystem::Debian | Ecosystem::Ubuntu => "deb",
            Ecosystem::Alpine => "apk",
            Ecosystem::RedHat | Ecosystem::RockyLinux | Ecosystem::AlmaLinux => "rpm",
        }
    }

    /// The name as the index keys it: PyPI names normalised as PEP 503 says (lowercase, runs of
    /// `-`, `_`, `.` as one `-`); Packagist, NuGet and Hex names are case-insensitive.
    pub fn normalize_name(self, name: &str) -> String {
        let name = name.trim();
        match self {
            Ecosystem::PyPI => {
                let mut out = String::with_capacity(name.len());
                let mut dash = false;
                for c in name.chars() {
                    if matches!(c, '-' | '_' | '.') {
                        dash = true;
                    } else {
                        if dash && !out.is_empty() {
                            out.push('-');
                        }
                        dash = false;
                        out.push(c.to_ascii_lowercase());
                    }
                }
                out
            }
            Ecosystem::Packagist | Ecosystem::NuGet | Ecosystem::Hex => name.to_ascii_lowercase(),
            _ => name.to_owned(),
        }
    }

    /// Compares two versions with this ecosystem's ordering.
    pub fn compare(self, a: &str, b: &str) -> Result<Ordering, VersionError> {
        match self {
            Ecosystem::CratesIo | Ecosystem::Npm | Ecosystem::Hex | Ecosystem::Pub => {
                version::semver::compare(a, b)
            }
            Ecosystem::Go => version::go::compare(a, b),
            Ecosystem::PyPI => version::pypi::compare(a, b),
            Ecosystem::RubyGems => version::rubygems::compare(a, b),
            Ecosystem::Packagist => version::composer::compare(a, b),
            Ecosystem::Maven => version::maven::compare(a, b),
            Ecosystem::NuGet => version::nuget::compare(a, b),
            Ecosystem::Debian | Ecosystem::Ubuntu => version::debian::compare(a, b),
            Ecosystem::Alpine => version::alpine::compare(a, b),
            Ecosystem::RedHat | Ecosystem::RockyLinux | Ecosystem::AlmaLinux => {
                version::rpm::compare(a, b)
            }
        }
    }

    /// A canonical text for equality (`1.0` and `1.0.0` are one PEP 440 version; `v1.2.3` and
    /// `1.2.3` one Go version), so an explicit `versions` list is matched by comparing text.
    /// A version that does not parse is returned trimmed.
    pub fn canonical(self, v: &str) -> String {
        let v = v.trim();
        let parsed = match self {
            // PEP 440 equality pads releases with zeros: `1.0` is `1.0.0`; trailing zeros go.
            Ecosystem::PyPI => version::pypi::parse(v).ok().map(|p| {
                let mut release = p.release().to_vec();
                while release.len() > 1 && release.last() == Some(&0) {
                    release.pop();
                }
                p.with_release(release).to_string()
            }),
            Ecosystem::Go => version::go::parse(v).ok().map(|p| {
                semver::Version {
                    build: semver::BuildMetadata::EMPTY,
                    ..p
                }
                .to_string()
            }),
            Ecosystem::CratesIo | Ecosystem::Npm | Ecosystem::Hex | Ecosystem::Pub => {
                version::semver::parse(v).ok().map(|p| {
                    semver::Version {
                        build: semver::BuildMetadata::EMPTY,
                        ..p
                    }
                    .to_string()
                })
            }
            _ => None,
        };
        parsed.unwrap_or_else(|| v.to_owned())
    }

    /// Whether this is a distribution's ecosystem (OS packages), whose OSV names carry the
    /// release (`Debian:12`, `Alpine:v3.19`, `Ubuntu:22.04:LTS`).
    pub fn is_distribution(self) -> bool {
        matches!(
            self,
            Ecosystem::Debian
                | Ecosystem::Ubuntu
                | Ecosystem::Alpine
                | Ecosystem::RedHat
                | Ecosystem::RockyLinux
                | Ecosystem::AlmaLinux
        )
    }

    /// Checks that a version parses in this ecosystem's ordering.
    pub fn validate(self, v: &str) -> Result<(), VersionError> {
        self.compare(v, v).map(|_| ())
    }
}

impl fmt::Display for Ecosystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.osv_name())
    }
}
