//! `package-lock.json` and `npm-shrinkwrap.json`. Versions 2 and 3 list every installed package
//! under `packages` keyed by its `node_modules/…` path, with `dev` flags, and the project's
//! own dependencies under the root entry `""`; version 1 nests `dependencies` and records
//! neither the root's direct dependencies nor the full graph.

use serde::Deserialize;
use std::collections::BTreeMap;
use ward_advisory::Ecosystem;

use super::json_lines::KeyLines;
use super::{Package, ParseError};

#[derive(Deserialize)]
struct Lock {
    #[serde(rename = "lockfileVersion", default)]
    lockfile_version: Option<u32>,
    #[serde(default)]
    packages: Option<BTreeMap<String, Entry>>,
    #[serde(default)]
    dependencies: Option<BTreeMap<String, V1Entry>>,
}

#[derive(Deserialize, Default)]
struct Entry {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    dev: bool,
    #[serde(default)]
    link: bool,
    #[serde(default)]
    license: Option<serde_json::Value>,
    #[serde(default)]
    dependencies: BTreeMap<String, String>,
    #[serde(default, rename = "devDependencies")]
    dev_dependencies: BTreeMap<String, String>,
    #[serde(default, rename = "optionalDependencies")]
    optional_dependencies: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct V1Entry {
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    dev: bool,
    #[serde(default)]
    dependencies: BTreeMap<String, V1Entry>,
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let lock: Lock =
        serde_json::from_str(text).map_err(|e| ParseError::json("npm lockfile", &e))?;
    let lines = KeyLines::new(text);
    let mut out = Vec::new();
    if let Some(packages) = &lock.packages {
        let root = packages.get("");
        let direct_names: Vec<&String> = root
            .map(|r| {
                r.dependencies
                    .keys()
                    .chain(r.dev_dependencies.keys())
                    .chain(r.optional_dependencies.keys())
                    .collect()
            })
            .unwrap_or_default();
        for (key, entry) in packages {
            if key.is_empty() || entry.link {
                continue;
            }
            let Some(at) = key.rfind("node_modules/") else {
                // A workspace member's own folder.
                continue;
            };
            let name = entry
                .name
                .clone()
                .unwrap_or_else(|| key[at + "node_modules/".len()..].to_owned());
            let Some(version) = &entry.version else {
                continue;
            };
            let line = lines.line(&["packages", key]).unwrap_or(1);
            let mut package = Package::new(Ecosystem::Npm, &name, version, line);
            package.dev = Some(entry.dev);
            package.license = entry.license.as_ref().and_then(license_text);
            package.depends_on = entry
                .dependencies
                .keys()
                .chain(entry.optional_dependencies.keys())
                .filter_map(|dep| {
                    let (_, found) = resolve(packages, key, dep)?;
                    let version = found.version.as_deref()?;
                    Some(super::purl(Ecosystem::Npm, dep, Some(version)))
                })
                .collect();
            let top_level = key == &format!("node_modules/{name}");
            package.direct = Some(top_level && direct_names.contains(&&name));
            // The path the install layout records: each `node_modules/` segment a parent.
            package.path = key
                .split("node_modules/")
                .map(|s| s.trim_end_matches('/'))
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            out.push(package);
        }
        return Ok(out);
    }
    if let Some(dependencies) = &lock.dependencies {
        walk_v1(
            dependencies,
            &lines,
            &mut vec!["dependencies".to_owned()],
            &mut out,
        );
        return Ok(out);
    }
    if lock.lockfile_version.is_none() {
        return Err(ParseError::new(
            Some(1),
            "not an npm lockfile: no `lockfileVersion`, `packages` or `dependencies`",
        ));
    }
    Ok(out)
}

/// Where Node's resolution finds `dep` required from the package installed at `from`: the
/// nearest `node_modules/dep` walking up from `from`'s own folder.
fn resolve<'a>(
    packages: &'a BTreeMap<String, Entry>,
    from: &str,
    dep: &str,
) -> Option<(String, &'a Entry)> {
    let mut base = from.to_owned();
    loop {
        let candidate = if base.is_empty() {
            format!("node_modules/{dep}")
        } else {
            format!("{base}/node_modules/{dep}")
        };
        if let Some(entry) = packages.get(&candidate) {
            return Some((candidate, entry));
        }
        if base.is_empty() {
            return None;
        }
        // Up one package: drop the last `node_modules/name` (or `/name` of a scoped one).
        base = match base.rfind("/node_modules/") {
            Some(at) => base[..at].to_owned(),
            None => String::new(),
        };
    }
}

/// `"MIT"`, `{"type": "MIT"}` (old package.json style) or a list of those.
fn license_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        serde_json::Value::Object(map) => map.get("type").and_then(license_text),
        serde_json::Value::Array(items) => {
            let all: Vec<String> = items.iter().filter_map(license_text).collect();
            (!all.is_empty()).then(|| all.join(" OR "))
        }
        _ => None,
    }
}

fn walk_v1(
    dependencies: &BTreeMap<String, V1Entry>,
    lines: &KeyLines,
    path: &mut Vec<String>,
    out: &mut Vec<Package>,
) {
    for (name, entry) in dependencies {
        path.push(name.clone());
        if let Some(version) = &entry.version
            // Links and git dependencies carry a URL or path, not a registry version.
            && !version.contains(':')
            && !version.contains('/')
        {
            let key: Vec<&str> = path.iter().map(String::as_str).collect();
            let line = lines.line(&key).unwrap_or(1);
            let mut package = Package::new(Ecosystem::Npm, name, version, line);
            package.dev = Some(entry.dev);
            package.path = path
                .iter()
                .filter(|s| *s != "dependencies")
                .cloned()
                .collect();
            out.push(package);
        }
        if !entry.dependencies.is_empty() {
            path.push("dependencies".to_owned());
            walk_v1(&entry.dependencies, lines, path, out);
            path.pop();
        }
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v3_packages_with_direct_dev_and_lines() {
        let text = r#"{
  "name": "app",
  "lockfileVersion": 3,
  "packages": {
    "": {
      "dependencies": { "lodash": "^4.17.0" },
      "devDependencies": { "@scope/tool": "1.0.0" }
    },
    "node_modules/@scope/tool": {
      "version": "1.0.0",
      "dev": true
    },
    "node_modules/lodash": {
      "version": "4.17.15",
      "license": "MIT",
      "dependencies": { "minimist": "^0.0.8", "missing": "1" }
    },
    "node_modules/lodash/node_modules/minimist": {
      "version": "0.0.8"
    }
  }
}"#;
        let packages = parse(text).unwrap();
        let lodash = packages.iter().find(|p| p.name == "lodash").unwrap();
        assert_eq!(
            (lodash.line, lodash.direct, lodash.dev),
            (13, Some(true), Some(false))
        );
        let tool = packages.iter().find(|p| p.name == "@scope/tool").unwrap();
        assert_eq!((tool.dev, tool.direct), (Some(true), Some(true)));
        assert_eq!(tool.purl(), "pkg:npm/%40scope/tool@1.0.0");
        let minimist = packages.iter().find(|p| p.name == "minimist").unwrap();
        assert_eq!(minimist.direct, Some(false));
        assert_eq!(minimist.path, vec!["lodash", "minimist"]);
        // The graph resolves as Node does: the nested copy first.
        assert_eq!(lodash.depends_on, vec!["pkg:npm/minimist@0.0.8"]);
        assert_eq!(lodash.license.as_deref(), Some("MIT"));
        assert_eq!(tool.license, None);
    }

    #[test]
    fn v1_nested_dependencies() {
        let text = "{\n \"lockfileVersion\": 1,\n \"dependencies\": {\n  \"a\": {\n   \"version\": \"1.0.0\",\n   \"dependencies\": {\n    \"b\": { \"version\": \"2.0.0\", \"dev\": true }\n   }\n  }\n }\n}";
        let packages = parse(text).unwrap();
        assert_eq!(packages.len(), 2);
        assert_eq!(packages[1].name, "b");
        assert_eq!(packages[1].line, 7);
        assert_eq!(packages[1].path, vec!["a", "b"]);
        assert_eq!(packages[1].dev, Some(true));
    }
}
