//! `pnpm-lock.yaml`, lockfile versions 5 to 9. Packages are the keys of `packages:`:
//! `/name/1.2.3` (v5), `/name@1.2.3` (v6), `name@1.2.3` (v9), with a peer suffix in
//! parentheses or after `_`. `dev: true` marks development packages (v5 to v6); the importers'
//! `dependencies` and `devDependencies` name the direct ones.

use std::collections::BTreeSet;

use ward_advisory::Ecosystem;

use super::{Package, ParseError};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let doc: serde_json::Value =
        yaml_serde::from_str(text).map_err(|e| ParseError::yaml("pnpm-lock.yaml", &e))?;
    let Some(packages) = doc.get("packages").and_then(|p| p.as_object()) else {
        return Ok(Vec::new());
    };
    let mut direct: BTreeSet<String> = BTreeSet::new();
    let mut importers: Vec<&serde_json::Value> = vec![&doc];
    if let Some(map) = doc.get("importers").and_then(|i| i.as_object()) {
        importers.extend(map.values());
    }
    for importer in importers {
        for section in ["dependencies", "devDependencies", "optionalDependencies"] {
            if let Some(deps) = importer.get(section).and_then(|d| d.as_object()) {
                direct.extend(deps.keys().cloned());
            }
        }
    }
    let key_lines = super::pubspec::key_lines(text, "packages:");
    let mut out = Vec::new();
    for (key, entry) in packages {
        let Some((name, version)) = split_key(key) else {
            continue;
        };
        let line = key_lines.get(key.as_str()).copied().unwrap_or(1);
        let mut package = Package::new(Ecosystem::Npm, &name, &version, line);
        if let Some(dev) = entry.get("dev").and_then(serde_json::Value::as_bool) {
            package.dev = Some(dev);
        }
        if !direct.is_empty() {
            package.direct = Some(direct.contains(&name));
        }
        out.push(package);
    }
    out.sort_by_key(|p| p.line);
    Ok(out)
}

/// `name` and `version` of a `packages:` key; `None` for keys without a registry version.
fn split_key(key: &str) -> Option<(String, String)> {
    let key = key.strip_prefix('/').unwrap_or(key);
    let key = key.split('(').next().unwrap_or(key);
    let scoped = key.starts_with('@');
    let is_version = |v: &str| v.starts_with(|c: char| c.is_ascii_digit());
    // v5: name/version or @scope/name/version, a peer suffix after `_`.
    let segments: Vec<&str> = key.splitn(if scoped { 4 } else { 3 }, '/').collect();
    let name_len = if scoped { 2 } else { 1 };
    if segments.len() == name_len + 1 && is_version(segments[name_len]) {
        let version = segments[name_len].split('_').next().unwrap_or("");
        return Some((segments[..name_len].join("/"), version.to_owned()));
    }
    // v6+: name@version
    let search_from = usize::from(scoped);
    let at = key[search_from..].find('@').map(|i| i + search_from)?;
    let version = key[at + 1..].split('_').next().unwrap_or("");
    is_version(version).then(|| (key[..at].to_owned(), version.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_every_lockfile_version() {
        assert_eq!(
            split_key("/lodash/4.17.15"),
            Some(("lodash".into(), "4.17.15".into()))
        );
        assert_eq!(
            split_key("/@babel/core/7.1.2_x@1.0.0"),
            Some(("@babel/core".into(), "7.1.2".into()))
        );
        assert_eq!(
            split_key("/lodash@4.17.15"),
            Some(("lodash".into(), "4.17.15".into()))
        );
        assert_eq!(
            split_key("@scope/a@1.0.0(react@18.0.0)"),
            Some(("@scope/a".into(), "1.0.0".into()))
        );
        assert_eq!(split_key("link:../x"), None);
    }

    #[test]
    fn v9_lockfile_with_importers() {
        let text = "lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies:\n      lodash:\n        specifier: ^4.17.0\n        version: 4.17.15\n\npackages:\n\n  lodash@4.17.15:\n    resolution: {integrity: sha512-x}\n\n  minimist@1.2.0:\n    resolution: {integrity: sha512-y}\n";
        let p = parse(text).unwrap();
        assert_eq!(
            (p[0].name.as_str(), p[0].line, p[0].direct),
            ("lodash", 12, Some(true))
        );
        assert_eq!((p[1].name.as_str(), p[1].direct), ("minimist", Some(false)));
    }
}
