//! `packages.lock.json` (NuGet lock files): per target framework, each package with its `type`
//! (`Direct`, `Transitive`, `Project`, `CentralTransitive`) and `resolved` version.

use std::collections::BTreeMap;

use serde::Deserialize;
use ward_advisory::Ecosystem;

use super::json_lines::KeyLines;
use super::{Package, ParseError};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    dependencies: BTreeMap<String, BTreeMap<String, Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    resolved: Option<String>,
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let lock: Lock =
        serde_json::from_str(text).map_err(|e| ParseError::json("packages.lock.json", &e))?;
    let lines = KeyLines::new(text);
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (framework, packages) in &lock.dependencies {
        for (name, entry) in packages {
            let Some(version) = &entry.resolved else {
                continue;
            };
            if entry.kind == "Project" || !seen.insert((name.to_ascii_lowercase(), version.clone()))
            {
                continue;
            }
            let line = lines.line(&["dependencies", framework, name]).unwrap_or(1);
            let mut package = Package::new(Ecosystem::NuGet, name, version, line);
            package.direct = Some(entry.kind == "Direct");
            out.push(package);
        }
    }
    out.sort_by_key(|p| p.line);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frameworks_and_kinds() {
        let text = "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net6.0\": {\n      \"Newtonsoft.Json\": {\n        \"type\": \"Direct\",\n        \"requested\": \"[12.0.1, )\",\n        \"resolved\": \"12.0.1\"\n      },\n      \"System.Memory\": { \"type\": \"Transitive\", \"resolved\": \"4.5.0\" },\n      \"MyLib\": { \"type\": \"Project\" }\n    }\n  }\n}\n";
        let p = parse(text).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].name.as_str(), p[0].line, p[0].direct),
            ("Newtonsoft.Json", 5, Some(true))
        );
        assert_eq!(p[1].direct, Some(false));
    }
}
