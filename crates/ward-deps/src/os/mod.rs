//! Operating system package databases, as container images and root file systems hold them:
//! dpkg (`var/lib/dpkg/status`, `var/lib/dpkg/status.d/*`), apk (`lib/apk/db/installed`) and
//! rpm (`var/lib/rpm/rpmdb.sqlite`; the Berkeley DB and NDB formats are recognised and reported
//! as unsupported), and `os-release`, which says which distribution's advisories apply.
//!
//! Paths are relative to the image root. The database of a distribution package is matched
//! only against that distribution's advisories (its security tracker knows the fixes it
//! backported, which upstream version ranges do not).

mod apk;
mod dpkg;
pub mod release;
pub mod rpm;

pub use release::OsRelease;

use crate::lockfile::ParseError;

/// One installed OS package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OsPackage {
    /// The binary package name (`libssl3`).
    pub name: String,
    /// The installed version (`3.0.11-1~deb12u2`).
    pub version: String,
    /// The source package it was built from (`openssl`), when the database says.
    pub source: Option<String>,
    /// The source package's version, when it differs from the binary's.
    pub source_version: Option<String>,
    pub arch: Option<String>,
    /// 1-based line of the package's entry (0 for binary databases).
    pub line: u32,
}

impl OsPackage {
    /// The name the distribution's advisories are filed under: the source package.
    pub fn advisory_name(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.name)
    }

    /// The version compared with the advisories: the source package's.
    pub fn advisory_version(&self) -> &str {
        self.source_version.as_deref().unwrap_or(&self.version)
    }
}

/// The kinds of files this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OsFile {
    /// `etc/os-release` or `usr/lib/os-release`.
    Release,
    Dpkg,
    Apk,
    RpmSqlite,
    /// Berkeley DB (`var/lib/rpm/Packages`) or NDB (`Packages.db`): recognised, not read.
    RpmUnsupported(&'static str),
}

impl OsFile {
    /// The kind of a path relative to the image root.
    pub fn of(path: &str) -> Option<OsFile> {
        let path = path.trim_start_matches('/');
        Some(match path {
            "etc/os-release" | "usr/lib/os-release" => OsFile::Release,
            "var/lib/dpkg/status" => OsFile::Dpkg,
            "lib/apk/db/installed" => OsFile::Apk,
            "var/lib/rpm/rpmdb.sqlite" | "usr/lib/sysimage/rpm/rpmdb.sqlite" => OsFile::RpmSqlite,
            "var/lib/rpm/Packages" | "usr/lib/sysimage/rpm/Packages" => {
                OsFile::RpmUnsupported("Berkeley DB")
            }
            "var/lib/rpm/Packages.db" | "usr/lib/sysimage/rpm/Packages.db" => {
                OsFile::RpmUnsupported("NDB")
            }
            _ if path.starts_with("var/lib/dpkg/status.d/")
                && !path.ends_with(".md5sums")
                && path.matches('/').count() == 4 =>
            {
                OsFile::Dpkg
            }
            _ => return None,
        })
    }

    /// The order in which a source should offer these files: the release first (the package
    /// databases need it), `etc/os-release` before `usr/lib/os-release`.
    pub fn priority(path: &str) -> Option<u8> {
        match OsFile::of(path)? {
            OsFile::Release if path.trim_start_matches('/') == "etc/os-release" => Some(0),
            OsFile::Release => Some(1),
            _ => Some(2),
        }
    }

    /// Reads a package database (not a release file).
    pub fn parse(self, bytes: &[u8]) -> Result<Vec<OsPackage>, ParseError> {
        let text = || {
            std::str::from_utf8(bytes)
                .map_err(|e| ParseError::new(None, format!("not valid UTF-8: {e}")))
        };
        match self {
            OsFile::Dpkg => dpkg::parse(text()?),
            OsFile::Apk => apk::parse(text()?),
            OsFile::RpmSqlite => rpm::parse_sqlite(bytes),
            OsFile::RpmUnsupported(format) => Err(ParseError::new(
                None,
                format!(
                    "an rpm database in the {format} format, which Ward cannot read yet: its packages were NOT checked (distributions since RHEL 9 and Fedora 33 use rpmdb.sqlite)"
                ),
            )),
            OsFile::Release => Ok(Vec::new()),
        }
    }

    /// The package manager's name (`dpkg`, `apk`, `rpm`).
    pub fn short_name(self) -> &'static str {
        match self {
            OsFile::Release => "os-release",
            OsFile::Dpkg => "dpkg",
            OsFile::Apk => "apk",
            OsFile::RpmSqlite | OsFile::RpmUnsupported(_) => "rpm",
        }
    }

    /// The database's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            OsFile::Release => "os-release",
            OsFile::Dpkg => "dpkg status database",
            OsFile::Apk => "apk installed database",
            OsFile::RpmSqlite | OsFile::RpmUnsupported(_) => "rpm database",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_path_in_the_image() {
        assert_eq!(OsFile::of("var/lib/dpkg/status"), Some(OsFile::Dpkg));
        assert_eq!(OsFile::of("var/lib/dpkg/status.d/base"), Some(OsFile::Dpkg));
        assert_eq!(OsFile::of("var/lib/dpkg/status.d/base.md5sums"), None);
        assert_eq!(OsFile::of("lib/apk/db/installed"), Some(OsFile::Apk));
        assert_eq!(
            OsFile::of("var/lib/rpm/Packages"),
            Some(OsFile::RpmUnsupported("Berkeley DB"))
        );
        assert_eq!(OsFile::of("home/me/var/lib/dpkg/status"), None);
        assert_eq!(OsFile::priority("etc/os-release"), Some(0));
        assert_eq!(OsFile::priority("usr/lib/os-release"), Some(1));
        assert_eq!(OsFile::priority("lib/apk/db/installed"), Some(2));
    }

    #[test]
    fn berkeley_db_is_reported_as_unsupported_not_ignored() {
        let error = OsFile::RpmUnsupported("Berkeley DB")
            .parse(&[0; 64])
            .unwrap_err();
        assert!(error.message.contains("NOT checked"), "{}", error.message);
    }
}
