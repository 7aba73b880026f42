//! `os-release` (freedesktop.org): which distribution and release an image is.

use ward_advisory::Ecosystem;

/// The fields of `os-release` that decide which advisories apply.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OsRelease {
    /// `ID` (`debian`, `ubuntu`, `alpine`, `rocky`, ...).
    pub id: String,
    /// `VERSION_ID` (`12`, `22.04`, `3.19.1`).
    pub version_id: Option<String>,
    pub pretty_name: Option<String>,
}

impl OsRelease {
    /// Reads `KEY=value` lines (values optionally quoted); unknown keys are ignored.
    pub fn parse(text: &str) -> OsRelease {
        let mut release = OsRelease::default();
        for line in text.lines() {
            let Some((key, value)) = line.trim().split_once('=') else {
                continue;
            };
            let value = value.trim().trim_matches('"').trim_matches('\'').to_owned();
            match key.trim() {
                "ID" => release.id = value.to_ascii_lowercase(),
                "VERSION_ID" => release.version_id = Some(value),
                "PRETTY_NAME" => release.pretty_name = Some(value),
                _ => {}
            }
        }
        release
    }

    /// A name for messages (`Debian GNU/Linux 12 (bookworm)`).
    pub fn display(&self) -> String {
        self.pretty_name.clone().unwrap_or_else(|| {
            format!("{} {}", self.id, self.version_id.as_deref().unwrap_or(""))
                .trim()
                .to_owned()
        })
    }

    /// The ecosystem and the OSV ecosystem name of this release (`Debian:12`,
    /// `Alpine:v3.19`, `Ubuntu:22.04`), or `None` when Ward has no advisories for it.
    pub fn advisory_scope(&self) -> Option<(Ecosystem, String)> {
        let version = self.version_id.as_deref()?;
        let major = version.split('.').next().unwrap_or(version);
        let major_minor = version.split('.').take(2).collect::<Vec<_>>().join(".");
        Some(match self.id.as_str() {
            "debian" => (Ecosystem::Debian, format!("Debian:{major}")),
            "ubuntu" => (Ecosystem::Ubuntu, format!("Ubuntu:{major_minor}")),
            "alpine" => (Ecosystem::Alpine, format!("Alpine:v{major_minor}")),
            "rocky" => (Ecosystem::RockyLinux, format!("Rocky Linux:{major}")),
            "almalinux" => (Ecosystem::AlmaLinux, format!("AlmaLinux:{major}")),
            "rhel" => (
                Ecosystem::RedHat,
                format!("Red Hat:enterprise_linux:{major}"),
            ),
            _ => return None,
        })
    }
}

/// Whether an advisory's OSV ecosystem (`Ubuntu:22.04:LTS`) is for the release `scope`
/// (`Ubuntu:22.04`): equal, or `scope` followed by `:`.
pub fn in_scope(advisory_ecosystem: &str, scope: &str) -> bool {
    advisory_ecosystem
        .strip_prefix(scope)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_map_to_their_advisory_ecosystems() {
        let debian = OsRelease::parse(
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n",
        );
        assert_eq!(
            debian.advisory_scope(),
            Some((Ecosystem::Debian, "Debian:12".into()))
        );
        assert_eq!(debian.display(), "Debian GNU/Linux 12 (bookworm)");
        let alpine = OsRelease::parse("ID=alpine\nVERSION_ID=3.19.1\n");
        assert_eq!(
            alpine.advisory_scope(),
            Some((Ecosystem::Alpine, "Alpine:v3.19".into()))
        );
        let ubuntu = OsRelease::parse("ID=ubuntu\nVERSION_ID=\"22.04\"\n");
        assert_eq!(ubuntu.advisory_scope().unwrap().1, "Ubuntu:22.04");
        assert!(in_scope("Ubuntu:22.04:LTS", "Ubuntu:22.04"));
        assert!(!in_scope("Ubuntu:22.10", "Ubuntu:22.1"));
        assert!(!in_scope("Debian:11", "Debian:12"));
        // A rolling release without VERSION_ID has no advisories to match.
        assert_eq!(OsRelease::parse("ID=debian\n").advisory_scope(), None);
    }
}
