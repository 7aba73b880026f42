//! `bun.lock`, Bun's text lockfile (Bun 1.2 and later): JSON with comments and trailing
//! commas. `workspaces` maps each workspace folder (`""` is the project itself) to its declared
//! `dependencies`, `devDependencies`, `optionalDependencies` and `peerDependencies`;
//! `packages` maps an install key (`name`, or `parent/name` for a copy nested under its
//! parent) to `["name@version", registry, {dependencies, ...}, integrity]`. Workspace, link
//! and file entries are the project's own code, not packages; git and tarball entries pin no
//! registry version and are reported as unpinned.

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde::Deserialize;
use ward_advisory::Ecosystem;

use super::json_lines::KeyLines;
use super::{Package, ParseError};

#[derive(Deserialize)]
struct Lock {
    #[serde(rename = "lockfileVersion")]
    lockfile_version: Option<u32>,
    #[serde(default)]
    workspaces: BTreeMap<String, Workspace>,
    #[serde(default)]
    packages: BTreeMap<String, Vec<serde_json::Value>>,
}

#[derive(Deserialize, Default)]
struct Workspace {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    dependencies: BTreeMap<String, String>,
    #[serde(default, rename = "devDependencies")]
    dev_dependencies: BTreeMap<String, String>,
    #[serde(default, rename = "optionalDependencies")]
    optional_dependencies: BTreeMap<String, String>,
    #[serde(default, rename = "peerDependencies")]
    peer_dependencies: BTreeMap<String, String>,
}

/// Replaces comments and trailing commas with spaces, keeping every other byte (and so every
/// line and column) where it was, so that serde's errors point at the right line.
fn strip_jsonc(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                blank(&mut out, i, end);
                i = end;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = memchr::memmem::find(&bytes[i + 2..], b"*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                blank(&mut out, i, end);
                i = end;
                continue;
            }
            b',' => {
                // A comma whose next significant byte closes the container.
                let mut j = i + 1;
                loop {
                    while j < out.len() && out[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if bytes.get(j) == Some(&b'/') && matches!(bytes.get(j + 1), Some(b'/' | b'*'))
                    {
                        // A comment between: skip it as the loop above would blank it.
                        let end = if bytes[j + 1] == b'/' {
                            memchr::memchr(b'\n', &bytes[j..]).map_or(bytes.len(), |n| j + n)
                        } else {
                            memchr::memmem::find(&bytes[j + 2..], b"*/")
                                .map_or(bytes.len(), |n| j + 2 + n + 2)
                        };
                        j = end;
                        continue;
                    }
                    break;
                }
                if matches!(bytes.get(j), Some(b'}' | b']')) {
                    out[i] = b' ';
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII spaces: still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// `name@version` -> (name, version); the name may start with `@` (a scope).
fn split_spec(spec: &str) -> Option<(&str, &str)> {
    let at = spec[1..].find('@')? + 1;
    Some((&spec[..at], &spec[at + 1..]))
}

/// The package names along an install key: `@babel/core/semver` -> [`@babel/core`, `semver`].
fn key_names(key: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut parts = key.split('/');
    while let Some(part) = parts.next() {
        if part.starts_with('@') {
            names.push(format!("{part}/{}", parts.next().unwrap_or("")));
        } else {
            names.push(part.to_owned());
        }
    }
    names
}

/// Where Bun's layout finds `dep` required by the package at `from`: the nearest nested copy
/// (`from/dep`, then the parent's, …), else the top-level `dep`.
fn resolve(keys: &HashMap<String, usize>, from: &[String], dep: &str) -> Option<usize> {
    for depth in (0..=from.len()).rev() {
        let mut key = from[..depth].join("/");
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str(dep);
        if let Some(&index) = keys.get(&key) {
            return Some(index);
        }
    }
    None
}

/// One entry of `packages`: its key, the names along the key, name, version, line and the
/// names it depends on. An entry that is not `["name@version", ...]` is an error at its line.
struct Entry<'a> {
    key: &'a str,
    names: Vec<String>,
    name: &'a str,
    version: &'a str,
    line: u32,
    deps: Vec<String>,
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let clean = strip_jsonc(text);
    let lock: Lock = serde_json::from_str(&clean).map_err(|e| ParseError::json("bun.lock", &e))?;
    if lock.lockfile_version.is_none() {
        return Err(ParseError::new(
            Some(1),
            "not a bun.lock: no `lockfileVersion`",
        ));
    }
    let lines = KeyLines::new(&clean);
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for (key, value) in &lock.packages {
        let line = lines.line(&["packages", key]).unwrap_or(1);
        let spec = value.first().and_then(serde_json::Value::as_str);
        let Some((name, version)) = spec.and_then(split_spec) else {
            return Err(ParseError::new(
                Some(line),
                format!("invalid bun.lock: the entry `{key}` does not start with \"name@version\""),
            ));
        };
        let deps = value
            .iter()
            .find_map(serde_json::Value::as_object)
            .map(|info| {
                ["dependencies", "optionalDependencies", "peerDependencies"]
                    .iter()
                    .filter_map(|field| info.get(*field)?.as_object())
                    .flat_map(|m| m.keys().cloned())
                    .collect()
            })
            .unwrap_or_default();
        entries.push(Entry {
            key,
            names: key_names(key),
            name,
            version,
            line,
            deps,
        });
    }
    let keys: HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.to_owned(), i))
        .collect();
    // Walk the graph from the workspaces' declarations: production roots first, so a package
    // reached from both is not dev; the first path found is the shortest.
    let mut path: Vec<Option<Vec<String>>> = vec![None; entries.len()];
    let mut dev = vec![true; entries.len()];
    let mut direct = vec![false; entries.len()];
    for dev_pass in [false, true] {
        let mut queue = VecDeque::new();
        for (folder, workspace) in &lock.workspaces {
            let root = workspace.name.clone().unwrap_or_else(|| {
                if folder.is_empty() {
                    "(project)".into()
                } else {
                    folder.clone()
                }
            });
            let declared: Vec<&String> = if dev_pass {
                workspace.dev_dependencies.keys().collect()
            } else {
                workspace
                    .dependencies
                    .keys()
                    .chain(workspace.optional_dependencies.keys())
                    .chain(workspace.peer_dependencies.keys())
                    .collect()
            };
            for dep in declared {
                // A workspace's own nested copy first (`packages/lib/dep` is not a key form
                // Bun writes for workspaces; top level is where its dependencies live).
                if let Some(&index) = keys.get(dep.as_str()) {
                    direct[index] = true;
                    if path[index].is_none() || (!dev_pass && dev[index]) {
                        if !dev_pass {
                            dev[index] = false;
                        }
                        if path[index].is_none() {
                            path[index] = Some(vec![root.clone(), entries[index].name.to_owned()]);
                        }
                        queue.push_back(index);
                    }
                }
            }
        }
        while let Some(node) = queue.pop_front() {
            let base = path[node].clone().unwrap_or_default();
            for dep in &entries[node].deps {
                let Some(next) = resolve(&keys, &entries[node].names, dep) else {
                    continue;
                };
                let newly_prod = !dev_pass && dev[next];
                if path[next].is_none() || newly_prod {
                    if !dev_pass {
                        dev[next] = false;
                    }
                    if path[next].is_none() {
                        let mut p = base.clone();
                        p.push(entries[next].name.to_owned());
                        path[next] = Some(p);
                    }
                    queue.push_back(next);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let version = entry.version;
        if ["workspace:", "link:", "file:"]
            .iter()
            .any(|p| version.starts_with(p))
        {
            continue;
        }
        let mut package = Package::new(Ecosystem::Npm, entry.name, version, entry.line);
        let registry_version = version.chars().next().is_some_and(|c| c.is_ascii_digit())
            && !version.contains(['/', ':']);
        if !registry_version {
            package.version = None;
            package.requirement = Some(format!("{}@{version}", entry.name));
        }
        let reached = path[i].is_some();
        package.direct = Some(direct[i] && entry.names.len() == 1);
        package.dev = reached.then_some(dev[i]);
        package.path = path[i].clone().unwrap_or_default();
        package.depends_on = entry
            .deps
            .iter()
            .filter_map(|dep| {
                let found = &entries[resolve(&keys, &entry.names, dep)?];
                Some(super::purl(Ecosystem::Npm, found.name, Some(found.version)))
            })
            .collect();
        out.push(package);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"{
  "lockfileVersion": 1,
  // written by hand for Ward's tests, in the shape Bun writes
  "workspaces": {
    "": {
      "name": "shop",
      "dependencies": {
        "express": "^4.17.0",
        "lib": "workspace:*",
      },
      "devDependencies": {
        "typescript": "^5.3.0",
      },
    },
    "packages/lib": {
      "name": "lib",
      "dependencies": {
        "lodash": "4.17.20",
      },
    },
  },
  "packages": {
    "express": ["express@4.17.1", "", { "dependencies": { "qs": "6.7.0", "debug": "2.6.9" } }, "sha512-aaaa"],

    "debug": ["debug@2.6.9", "", { "dependencies": { "ms": "2.0.0" } }, "sha512-bbbb"],

    "lib": ["lib@workspace:packages/lib"],

    "lodash": ["lodash@4.17.20", "", {}, "sha512-cccc"],

    "ms": ["ms@2.1.3", "", {}, "sha512-dddd"],

    "debug/ms": ["ms@2.0.0", "", {}, "sha512-eeee"],

    "qs": ["qs@6.7.0", "", {}, "sha512-ffff"],

    "typescript": ["typescript@5.3.3", "", { "bin": { "tsc": "bin/tsc" } }, "sha512-gggg"],

    "left-pad": ["left-pad@github:stevemao/left-pad#abc123", {}, "stevemao-left-pad-abc123"],

    "@babel/core": ["@babel/core@7.23.0", "", { "dependencies": { "semver": "^6.3.1" } }, "sha512-hhhh"],

    "@babel/core/semver": ["semver@6.3.1", "", {}, "sha512-iiii"],
  }
}
"#;

    #[test]
    fn packages_with_lines_dev_direct_and_paths() {
        let packages = parse(LOCK).unwrap();
        let summary: Vec<String> = packages
            .iter()
            .map(|p| {
                format!(
                    "{}@{} line {} direct={:?} dev={:?} path={}",
                    p.name,
                    p.version.as_deref().unwrap_or("(unpinned)"),
                    p.line,
                    p.direct,
                    p.dev,
                    p.path.join(" -> ")
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "@babel/core@7.23.0 line 41 direct=Some(false) dev=None path=",
                "semver@6.3.1 line 43 direct=Some(false) dev=None path=",
                "debug@2.6.9 line 25 direct=Some(false) dev=Some(false) path=shop -> express -> debug",
                "ms@2.0.0 line 33 direct=Some(false) dev=Some(false) path=shop -> express -> debug -> ms",
                "express@4.17.1 line 23 direct=Some(true) dev=Some(false) path=shop -> express",
                "left-pad@(unpinned) line 39 direct=Some(false) dev=None path=",
                "lodash@4.17.20 line 29 direct=Some(true) dev=Some(false) path=lib -> lodash",
                "ms@2.1.3 line 31 direct=Some(false) dev=None path=",
                "qs@6.7.0 line 35 direct=Some(false) dev=Some(false) path=shop -> express -> qs",
                "typescript@5.3.3 line 37 direct=Some(true) dev=Some(true) path=shop -> typescript",
            ]
        );
        let debug = packages.iter().find(|p| p.name == "debug").unwrap();
        assert_eq!(debug.depends_on, ["pkg:npm/ms@2.0.0"]);
        assert_eq!(packages[0].purl(), "pkg:npm/%40babel/core@7.23.0");
    }

    #[test]
    fn malformed_files_name_the_line() {
        let broken = LOCK.replace("\"qs\": [\"qs@6.7.0\"", "\"qs\": [\"qs@6.7.0\" \"oops\"");
        let error = parse(&broken).unwrap_err();
        assert_eq!(error.line, Some(35), "{error:?}");
        assert!(error.message.contains("invalid bun.lock"), "{error:?}");

        let bad_entry = LOCK.replace("[\"qs@6.7.0\", \"\", {}, \"sha512-ffff\"]", "[42]");
        let error = parse(&bad_entry).unwrap_err();
        assert_eq!(error.line, Some(35), "{error:?}");
        assert!(error.message.contains("`qs`"), "{error:?}");

        let error = parse("{\n  \"packages\": {}\n}\n").unwrap_err();
        assert!(error.message.contains("lockfileVersion"), "{error:?}");
    }

    #[test]
    fn comments_and_trailing_commas_keep_positions() {
        let text = "{\n  // a\n  \"a\": [1, 2,], /* b */\n  \"c\": \"x,]\",\n}";
        let clean = strip_jsonc(text);
        assert_eq!(clean.len(), text.len());
        let value: serde_json::Value = serde_json::from_str(&clean).unwrap();
        assert_eq!(value["c"], "x,]");
        assert_eq!(clean.lines().count(), text.lines().count());
    }
}
