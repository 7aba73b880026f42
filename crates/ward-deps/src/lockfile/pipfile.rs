//! `Pipfile.lock`: JSON with `default` (runtime) and `develop` (development) maps of
//! `name -> { "version": "==1.2.3" }`.

use std::collections::BTreeMap;

use serde::Deserialize;
use ward_advisory::Ecosystem;

use super::json_lines::KeyLines;
use super::{Package, ParseError};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    default: BTreeMap<String, Entry>,
    #[serde(default)]
    develop: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    version: Option<String>,
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let lock: Lock =
        serde_json::from_str(text).map_err(|e| ParseError::json("Pipfile.lock", &e))?;
    let lines = KeyLines::new(text);
    let mut out = Vec::new();
    for (section, entries, dev) in [
        ("default", &lock.default, false),
        ("develop", &lock.develop, true),
    ] {
        for (name, entry) in entries {
            let line = lines.line(&[section, name]).unwrap_or(1);
            let version = entry
                .version
                .as_deref()
                .and_then(|v| v.strip_prefix("=="))
                .map(str::trim);
            let mut package = match version {
                Some(version) => Package::new(Ecosystem::PyPI, name, version, line),
                None => Package {
                    ecosystem: Ecosystem::PyPI,
                    name: name.clone(),
                    version: None,
                    line,
                    direct: None,
                    dev: None,
                    path: Vec::new(),
                    license: None,
                    depends_on: Vec::new(),
                    required_by: None,
                    requirement: entry
                        .version
                        .clone()
                        .or_else(|| Some("(no version)".into())),
                },
            };
            package.dev = Some(dev);
            out.push(package);
        }
    }
    Ok(out)
}
