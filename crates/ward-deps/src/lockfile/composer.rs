//! `composer.lock`: `packages` (runtime) and `packages-dev` arrays of `{name, version}`.

use serde::Deserialize;
use ward_advisory::Ecosystem;

use super::{Package, ParseError};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    packages: Vec<Entry>,
    #[serde(default, rename = "packages-dev")]
    packages_dev: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: String,
    #[serde(default)]
    license: Vec<String>,
    #[serde(default)]
    require: std::collections::BTreeMap<String, serde_json::Value>,
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let lock: Lock =
        serde_json::from_str(text).map_err(|e| ParseError::json("composer.lock", &e))?;
    let versions: std::collections::HashMap<String, &str> = lock
        .packages
        .iter()
        .chain(&lock.packages_dev)
        .map(|e| (e.name.to_ascii_lowercase(), e.version.as_str()))
        .collect();
    let mut out = Vec::new();
    let mut cursor = 0;
    for (entries, dev) in [(&lock.packages, false), (&lock.packages_dev, true)] {
        for entry in entries {
            // Entries appear in file order: find each `"name": "…"` after the previous one.
            let needle = serde_json::to_string(&entry.name).unwrap_or_default();
            let line = text[cursor..]
                .match_indices(&needle)
                .find(|(pos, _)| text[..cursor + pos].trim_end().ends_with(':'))
                .map_or(1, |(pos, _)| {
                    cursor += pos + needle.len();
                    text[..cursor].matches('\n').count() as u32 + 1
                });
            if entry.version.starts_with("dev-") {
                continue;
            }
            let mut package = Package::new(Ecosystem::Packagist, &entry.name, &entry.version, line);
            package.dev = Some(dev);
            // Composer lists licences as alternatives (`["MIT", "GPL-2.0-only"]`: either).
            if !entry.license.is_empty() {
                package.license = Some(entry.license.join(" OR "));
            }
            package.depends_on = entry
                .require
                .keys()
                .filter_map(|name| {
                    let version = versions.get(&name.to_ascii_lowercase())?;
                    (!version.starts_with("dev-"))
                        .then(|| super::purl(Ecosystem::Packagist, name, Some(version)))
                })
                .collect();
            out.push(package);
        }
    }
    Ok(out)
}
