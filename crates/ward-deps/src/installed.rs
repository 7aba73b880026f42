//! Installed language packages, as images hold them (no lockfile): Python distributions'
//! metadata (`site-packages/*.dist-info/METADATA`, `*.egg-info/PKG-INFO`) and npm packages
//! (`node_modules/<name>/package.json`). Python packages that the distribution installed
//! (`usr/lib/python3/dist-packages`) are left to the distribution's advisories.

use ward_advisory::Ecosystem;

use crate::lockfile::{Package, ParseError};

/// The kinds of installed-package metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Installed {
    PythonMetadata,
    NpmPackage,
}

impl Installed {
    /// The kind of a path relative to the image root.
    pub fn of(path: &str) -> Option<Installed> {
        let path = path.trim_start_matches('/');
        let mut parts = path.rsplit('/');
        let name = parts.next()?;
        let parent = parts.next()?;
        match name {
            "METADATA" if parent.ends_with(".dist-info") => {}
            "PKG-INFO" if parent.ends_with(".egg-info") => {}
            "package.json" => {
                // node_modules/<name>/package.json or node_modules/@scope/<name>/package.json
                let above = parts.next()?;
                let scoped = above.starts_with('@') && parts.next() == Some("node_modules");
                return (above == "node_modules" || scoped).then_some(Installed::NpmPackage);
            }
            _ => return None,
        }
        let python_dir = path.contains("/site-packages/") || path.contains("/dist-packages/");
        let distribution_owned = path.starts_with("usr/lib/python3/dist-packages/");
        (python_dir && !distribution_owned).then_some(Installed::PythonMetadata)
    }

    pub fn name(self) -> &'static str {
        match self {
            Installed::PythonMetadata => "Python package metadata",
            Installed::NpmPackage => "npm package.json",
        }
    }

    /// The package the file describes.
    pub fn parse(self, text: &str) -> Result<Vec<Package>, ParseError> {
        match self {
            Installed::PythonMetadata => python(text),
            Installed::NpmPackage => npm(text),
        }
    }
}

/// `Name:` and `Version:` from the metadata's header (before the first blank line).
fn python(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut name = None;
    let mut version = None;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Name:") {
            name = Some((value.trim().to_owned(), i as u32 + 1));
        } else if let Some(value) = line.strip_prefix("Version:") {
            version = Some(value.trim().to_owned());
        }
    }
    match (name, version) {
        (Some((name, line)), Some(version)) => {
            Ok(vec![Package::new(Ecosystem::PyPI, &name, &version, line)])
        }
        _ => Err(ParseError::new(
            Some(1),
            "no Name and Version in the metadata header",
        )),
    }
}

fn npm(text: &str) -> Result<Vec<Package>, ParseError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ParseError::json("package.json", &e))?;
    let (Some(name), Some(version)) = (
        value.get("name").and_then(serde_json::Value::as_str),
        value.get("version").and_then(serde_json::Value::as_str),
    ) else {
        // Some packages ship nested package.json files without a name (module type markers).
        return Ok(Vec::new());
    };
    let line = text
        .lines()
        .position(|l| l.contains("\"version\""))
        .map_or(1, |i| i as u32 + 1);
    Ok(vec![Package::new(Ecosystem::Npm, name, version, line)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_installed_packages() {
        assert_eq!(
            Installed::of(
                "usr/local/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA"
            ),
            Some(Installed::PythonMetadata)
        );
        assert_eq!(
            Installed::of("usr/local/lib/python3.11/dist-packages/jinja2-3.1.2.dist-info/METADATA"),
            Some(Installed::PythonMetadata)
        );
        // Installed by the distribution: its advisories decide.
        assert_eq!(
            Installed::of("usr/lib/python3/dist-packages/requests-2.28.1.dist-info/METADATA"),
            None
        );
        assert_eq!(
            Installed::of("app/node_modules/lodash/package.json"),
            Some(Installed::NpmPackage)
        );
        assert_eq!(
            Installed::of("app/node_modules/@babel/core/package.json"),
            Some(Installed::NpmPackage)
        );
        assert_eq!(Installed::of("app/package.json"), None);
        assert_eq!(
            Installed::of("app/node_modules/lodash/fp/package.json"),
            None
        );
    }

    #[test]
    fn names_and_versions() {
        let packages = python("Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n\nDescription\nName: not-this\n").unwrap();
        assert_eq!(packages[0].name, "requests");
        assert_eq!(packages[0].version.as_deref(), Some("2.31.0"));
        assert_eq!(packages[0].line, 2);
        assert!(python("Metadata-Version: 2.1\n").is_err());
        let packages = npm("{\n  \"name\": \"lodash\",\n  \"version\": \"4.17.20\"\n}\n").unwrap();
        assert_eq!(packages[0].name, "lodash");
        assert_eq!(packages[0].line, 3);
        assert!(npm("{\"type\": \"module\"}").unwrap().is_empty());
    }
}
