//! The `deps` engine on OS package databases (image scans): the release is learnt from
//! `os-release`, which the source offers first; each package is matched against its
//! distribution's advisories for that release only.

use std::sync::atomic::Ordering;

use ward_advisory::query;
use ward_core::sbom::{InventoryPackage, PackageLocation};
use ward_core::{FileInput, FileOutput, LineIndex, Notice, NoticeKind, ScanError};

use crate::engine::{DepsEngine, location, vulnerability_finding};
use crate::lockfile::Package;
use crate::os::{OsFile, OsPackage, OsRelease, release};

impl DepsEngine {
    pub(crate) fn count(&self, kind: String, packages: usize) {
        if let Ok(mut inventory) = self.package_counts.lock() {
            *inventory.entry(kind).or_insert(0) += packages;
        }
    }

    /// What was found installed: the OS and the packages per kind.
    pub(crate) fn inventory_notice(&self) -> Option<Notice> {
        let os = self.os.lock().ok().and_then(|os| os.clone());
        let inventory = self.package_counts.lock().ok()?.clone();
        if os.is_none() && inventory.is_empty() {
            return None;
        }
        let os = os.map_or_else(|| "no os-release".to_owned(), |os| os.display());
        let counts: Vec<String> = inventory
            .iter()
            .map(|(kind, n)| format!("{kind}: {n}"))
            .collect();
        let total: usize = inventory.values().sum();
        Some(Notice {
            kind: NoticeKind::Inventory,
            message: format!(
                "Operating system: {os}. {total} packages read ({}).",
                if counts.is_empty() {
                    "none".to_owned()
                } else {
                    counts.join(", ")
                }
            ),
            source: None,
        })
    }

    /// Scans installed-package metadata (a `dist-info`, a `node_modules` package) in an image.
    pub(crate) fn scan_installed(
        &self,
        kind: crate::installed::Installed,
        file: &FileInput<'_>,
        out: &mut FileOutput,
    ) {
        let Some(text) = file.text else {
            out.skip(ward_core::SkipReason::InvalidUtf8);
            return;
        };
        match kind.parse(text) {
            Ok(packages) => {
                if let Some(first) = packages.first() {
                    self.count(
                        format!("{} packages", first.ecosystem.osv_name()),
                        packages.len(),
                    );
                }
                let lines = LineIndex::new(file.bytes);
                self.check_packages(file.path, &lines, &packages, out);
            }
            Err(e) => out.error(ScanError {
                path: Some(file.path.to_owned()),
                line: e.line,
                engine: Some("deps".into()),
                message: format!(
                    "{} could not be read, so its package was not checked: {}",
                    kind.name(),
                    e.message
                ),
            }),
        }
    }

    /// Scans a binary file of an image: a Java archive, or an executable with Go build
    /// information or a cargo auditable section (others hold nothing to read).
    pub(crate) fn scan_binary_file(&self, file: &FileInput<'_>, out: &mut FileOutput) {
        let kind = crate::binary::Binary::of(file.path);
        match kind.parse(file.bytes) {
            Ok(Some((label, packages))) => {
                self.count(label.to_owned(), packages.len());
                // No line of a binary is shown as a snippet.
                let lines = LineIndex::new(b"");
                self.check_packages(file.path, &lines, &packages, out);
            }
            Ok(None) => {}
            Err(e) => out.error(ScanError {
                path: Some(file.path.to_owned()),
                line: None,
                engine: Some("deps".into()),
                message: format!("its packages were not checked: {}", e.message),
            }),
        }
    }

    /// Scans an OS file: records the release, or checks a package database.
    pub(crate) fn scan_os_file(&self, kind: OsFile, file: &FileInput<'_>, out: &mut FileOutput) {
        if kind == OsFile::Release {
            let parsed = OsRelease::parse(&String::from_utf8_lossy(file.bytes));
            if let Ok(mut os) = self.os.lock()
                && os.is_none()
                && !parsed.id.is_empty()
            {
                *os = Some(parsed);
            }
            return;
        }
        let error = |line: Option<u32>, message: String| ScanError {
            path: Some(file.path.to_owned()),
            line,
            engine: Some("deps".into()),
            message,
        };
        let packages = match kind.parse(file.bytes) {
            Ok(packages) => packages,
            Err(e) => {
                out.error(error(
                    e.line,
                    format!(
                        "{} could not be read, so its packages were not checked: {}",
                        kind.name(),
                        e.message
                    ),
                ));
                return;
            }
        };
        self.os_packages_seen
            .fetch_add(packages.len(), Ordering::Relaxed);
        self.count(format!("{} packages", kind.short_name()), packages.len());
        let os = self.os.lock().ok().and_then(|os| os.clone());
        if self.inventory {
            list_os_packages(kind, file.path, os.as_ref(), &packages, out);
            return;
        }
        let Some(os) = os else {
            out.error(error(
                None,
                format!(
                    "{} packages were found but no os-release says which distribution they belong to: they were NOT checked",
                    packages.len()
                ),
            ));
            return;
        };
        let Some((ecosystem, scope)) = os.advisory_scope() else {
            out.error(error(
                None,
                format!(
                    "{} packages of {} were NOT checked: Ward has no advisories for this distribution or release",
                    packages.len(),
                    os.display()
                ),
            ));
            return;
        };
        let index = match self.index() {
            Ok(Some(index)) => index,
            Ok(None) => {
                self.unchecked.fetch_add(1, Ordering::Relaxed);
                return;
            }
            Err(message) => {
                out.error(error(None, format!("packages not checked: {message}")));
                return;
            }
        };
        // A binary database (rpm's SQLite) has no line to show.
        let lines = LineIndex::new(if kind == OsFile::RpmSqlite {
            b""
        } else {
            file.bytes
        });
        let eco = ecosystem.osv_name();
        for package in &packages {
            let advisories = match self.advisories(index, eco, package.advisory_name()) {
                Ok(advisories) => advisories,
                Err(e) => {
                    out.error(error(
                        Some(package.line),
                        format!("{} was not checked: {e}", package.name),
                    ));
                    continue;
                }
            };
            // Only the release's own records: another release's fixed versions do not apply.
            let scoped: Vec<_> = advisories
                .iter()
                .filter(|a| release::in_scope(&a.ecosystem, &scope))
                .cloned()
                .collect();
            if scoped.is_empty() {
                continue;
            }
            let version = package.advisory_version();
            let (matches, undecided) = query::check_advisories(&scoped, eco, version);
            for undecided in undecided {
                out.error(error(
                    Some(package.line),
                    format!(
                        "{} {version} could not be checked against {}: {}",
                        package.name, undecided.advisory, undecided.reason
                    ),
                ));
            }
            if matches.is_empty() {
                continue;
            }
            let at = location(file.path, &lines, package.line);
            let os_purl = purl(package, Some(&os), ecosystem.purl_type());
            for found in matches {
                let as_lockfile =
                    Package::new(ecosystem, &package.name, &package.version, package.line);
                let mut finding =
                    vulnerability_finding(&at, &os_purl, &as_lockfile, &package.version, &found);
                if package.advisory_name() != package.name {
                    finding.message = format!(
                        "{} (from source package {}) {}",
                        package.name,
                        package.advisory_name(),
                        finding
                            .message
                            .strip_prefix(package.name.as_str())
                            .unwrap_or(&finding.message)
                            .trim_start()
                    );
                }
                finding
                    .detail
                    .extra
                    .insert("os".into(), serde_json::Value::String(os.display()));
                let identity = format!(
                    "{scope}/{}@{}/{}",
                    package.name, package.version, found.ids[0]
                );
                self.remember_rule(&finding.rule_id, &found);
                out.finding(finding, identity);
            }
        }
    }
}

/// Inventory mode: lists the packages of an OS database, named by purl (the distribution as
/// namespace when `os-release` says which it is).
fn list_os_packages(
    kind: OsFile,
    path: &str,
    os: Option<&OsRelease>,
    packages: &[OsPackage],
    out: &mut FileOutput,
) {
    let purl_type = match kind {
        OsFile::Apk => "apk",
        OsFile::RpmSqlite | OsFile::RpmUnsupported(_) => "rpm",
        OsFile::Dpkg | OsFile::Release => "deb",
    };
    // The OSV ecosystem of the release (`Debian:12`), else the package manager's name.
    let ecosystem = os
        .and_then(OsRelease::advisory_scope)
        .map_or_else(|| kind.short_name().to_owned(), |(_, scope)| scope);
    for package in packages {
        out.package(InventoryPackage {
            ecosystem: ecosystem.clone(),
            name: package.name.clone(),
            version: Some(package.version.clone()),
            purl: purl(package, os, purl_type),
            license: None,
            direct: None,
            dev: None,
            locations: vec![PackageLocation {
                path: path.to_owned(),
                // A binary database (rpm's SQLite) has no line.
                line: (package.line > 0).then_some(package.line),
                layer: None,
                layer_created_by: None,
            }],
            depends_on: Vec::new(),
        });
    }
}

/// The package URL of an OS package (`pkg:deb/debian/libssl3@3.0.11-1?arch=amd64&distro=debian-12`).
/// An rpm's non-zero epoch is the `epoch` qualifier, not part of the version
/// (`pkg:rpm/rhel/openssl@3.0.7-24.el9?arch=x86_64&distro=rhel-9&epoch=1`); a Debian epoch
/// stays in the version, as the purl specification says for each type.
fn purl(package: &OsPackage, os: Option<&OsRelease>, kind: &str) -> String {
    let (epoch, version) = match package.version.split_once(':') {
        Some((epoch, rest))
            if kind == "rpm" && !epoch.is_empty() && epoch.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (Some(epoch), rest)
        }
        _ => (None, package.version.as_str()),
    };
    let mut purl = match os {
        Some(os) => format!("pkg:{kind}/{}/{}@{version}", os.id, package.name),
        None => format!("pkg:{kind}/{}@{version}", package.name),
    };
    // Qualifiers sorted by key.
    let mut qualifiers = Vec::new();
    if let Some(arch) = &package.arch {
        qualifiers.push(format!("arch={arch}"));
    }
    if let Some(os) = os
        && let Some(version) = &os.version_id
    {
        qualifiers.push(format!("distro={}-{version}", os.id));
    }
    if let Some(epoch) = epoch.filter(|e| !e.trim_start_matches('0').is_empty()) {
        qualifiers.push(format!("epoch={epoch}"));
    }
    if !qualifiers.is_empty() {
        purl.push('?');
        purl.push_str(&qualifiers.join("&"));
    }
    purl
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(name: &str, version: &str, arch: &str) -> OsPackage {
        OsPackage {
            name: name.into(),
            version: version.into(),
            source: None,
            source_version: None,
            arch: Some(arch.into()),
            line: 0,
        }
    }

    #[test]
    fn rpm_epochs_are_a_qualifier_and_debian_epochs_stay_in_the_version() {
        let rhel = OsRelease::parse("ID=rhel\nVERSION_ID=\"9.4\"\n");
        assert_eq!(
            purl(
                &package("openssl", "1:3.0.7-24.el9", "x86_64"),
                Some(&rhel),
                "rpm"
            ),
            "pkg:rpm/rhel/openssl@3.0.7-24.el9?arch=x86_64&distro=rhel-9.4&epoch=1"
        );
        assert_eq!(
            purl(
                &package("bash", "5.1.8-6.el9_1", "x86_64"),
                Some(&rhel),
                "rpm"
            ),
            "pkg:rpm/rhel/bash@5.1.8-6.el9_1?arch=x86_64&distro=rhel-9.4"
        );
        // An explicit epoch 0 is no epoch.
        assert_eq!(
            purl(&package("bash", "0:5.1.8-6.el9_1", "x86_64"), None, "rpm"),
            "pkg:rpm/bash@5.1.8-6.el9_1?arch=x86_64"
        );
        let debian = OsRelease::parse("ID=debian\nVERSION_ID=\"12\"\n");
        assert_eq!(
            purl(
                &package("zlib1g", "1:1.2.13.dfsg-1", "amd64"),
                Some(&debian),
                "deb"
            ),
            "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12"
        );
    }
}
