//! The inventory behind a software bill of materials: a plain list of packages.
//!
//! Any source can feed it (lockfiles today; the layers of a container image, an existing SBOM
//! later), and the SBOM renderers (CycloneDX, SPDX) read only this. A package keeps where it was
//! found (file, line, image layer) so one package seen in several places is one entry with
//! several locations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Where a package was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PackageLocation {
    /// The file that records the package (a lockfile, an SBOM, a package database), relative
    /// to the scan root.
    pub path: String,
    /// 1-based line of its entry, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The image layer (digest) holding the file, for container images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    /// The build step that made that layer (`RUN apt-get install ...`), from the image history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer_created_by: Option<String>,
}

/// One package of the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InventoryPackage {
    /// The OSV ecosystem name (`crates.io`, `npm`, `PyPI`, ...).
    pub ecosystem: String,
    pub name: String,
    /// `None` when the source pins no version (an unpinned requirement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The package URL; it identifies the package in the SBOM.
    pub purl: String,
    /// The licence as the source declares it, when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// A dependency of the project itself (`Some(false)`: only of other packages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct: Option<bool>,
    /// Needed only for development.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dev: Option<bool>,
    pub locations: Vec<PackageLocation>,
    /// The purls of the packages this one depends on, where the source records the graph.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
}

/// The operating system of a container image, from its `os-release`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OperatingSystem {
    /// The `ID` (`debian`, `alpine`, `rhel`).
    pub id: String,
    /// The `VERSION_ID` (`12`, `3.20.3`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The `PRETTY_NAME` (`Debian GNU/Linux 12 (bookworm)`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pretty_name: Option<String>,
}

/// What an SBOM describes and the packages in it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Inventory {
    /// What the packages belong to: a project directory's name, an image reference.
    pub subject: String,
    /// Sorted by purl, one entry per purl (see [`Inventory::normalize`]).
    pub packages: Vec<InventoryPackage>,
    /// The operating system, for a container image that says which it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operating_system: Option<OperatingSystem>,
}

impl Inventory {
    /// An inventory of `packages`, normalised.
    pub fn new(subject: impl Into<String>, packages: Vec<InventoryPackage>) -> Self {
        let mut inventory = Inventory {
            subject: subject.into(),
            packages,
            operating_system: None,
        };
        inventory.normalize();
        inventory
    }

    /// One entry per purl, sorted: locations and dependencies of duplicates are merged; a
    /// package direct anywhere is direct; a package needed outside development anywhere is
    /// not a development package; the first known licence is kept.
    pub fn normalize(&mut self) {
        let mut merged: BTreeMap<String, InventoryPackage> = BTreeMap::new();
        for package in std::mem::take(&mut self.packages) {
            match merged.get_mut(&package.purl) {
                None => {
                    merged.insert(package.purl.clone(), package);
                }
                Some(seen) => {
                    seen.locations.extend(package.locations);
                    seen.depends_on.extend(package.depends_on);
                    seen.direct = match (seen.direct, package.direct) {
                        (Some(true), _) | (_, Some(true)) => Some(true),
                        (a, b) => a.or(b),
                    };
                    seen.dev = match (seen.dev, package.dev) {
                        (Some(false), _) | (_, Some(false)) => Some(false),
                        (a, b) => a.or(b),
                    };
                    if seen.license.is_none() {
                        seen.license = package.license;
                    }
                }
            }
        }
        self.packages = merged
            .into_values()
            .map(|mut package| {
                package.locations.sort();
                package.locations.dedup();
                package.depends_on.sort();
                package.depends_on.dedup();
                package.depends_on.retain(|d| *d != package.purl);
                package
            })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(purl: &str, path: &str, direct: Option<bool>) -> InventoryPackage {
        InventoryPackage {
            ecosystem: "npm".into(),
            name: purl.into(),
            version: Some("1.0.0".into()),
            purl: purl.into(),
            direct,
            dev: Some(true),
            locations: vec![PackageLocation {
                path: path.into(),
                line: Some(3),
                layer: None,
                layer_created_by: None,
            }],
            ..InventoryPackage::default()
        }
    }

    #[test]
    fn duplicates_merge_into_one_entry_with_every_location() {
        let mut b = package("pkg:npm/b@1.0.0", "web/package-lock.json", Some(false));
        b.depends_on = vec!["pkg:npm/a@1.0.0".into()];
        let mut b2 = package("pkg:npm/b@1.0.0", "api/package-lock.json", Some(true));
        b2.dev = Some(false);
        b2.license = Some("MIT".into());
        let inventory = Inventory::new(
            "app",
            vec![
                b,
                package("pkg:npm/a@1.0.0", "web/package-lock.json", None),
                b2,
            ],
        );
        assert_eq!(inventory.packages.len(), 2);
        let b = &inventory.packages[1];
        assert_eq!(b.purl, "pkg:npm/b@1.0.0");
        assert_eq!(b.locations.len(), 2);
        assert_eq!(b.locations[0].path, "api/package-lock.json");
        assert_eq!(b.direct, Some(true));
        assert_eq!(b.dev, Some(false));
        assert_eq!(b.license.as_deref(), Some("MIT"));
        assert_eq!(b.depends_on, vec!["pkg:npm/a@1.0.0"]);
    }
}
