//! Alpine's security database (secdb): one YAML file per release and repository,
//! `packages[].pkg.{name, secfixes: {<fixed version>: [CVE ...]}}`. Each (package, fix) becomes
//! an advisory in the `Alpine:<release>` ecosystem affecting every version below the fix, with
//! the id OSV uses for Alpine (`ALPINE-CVE-...`) so records from both sources merge. A fix of
//! `0` means the package was never affected in Alpine: no advisory.

use serde_json::Value;

use crate::model::{Advisory, Event, Range, RangeKind};

/// Whether a parsed YAML document is a secdb file.
pub fn looks_like(value: &Value) -> bool {
    value.get("distroversion").is_some_and(Value::is_string)
        && value.get("packages").is_some_and(Value::is_array)
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The advisories of one secdb file.
pub fn advisories(value: &Value) -> Vec<Advisory> {
    let Some(release) = value.get("distroversion").and_then(Value::as_str) else {
        return Vec::new();
    };
    let ecosystem = format!("Alpine:{}", release.trim());
    let mut out = Vec::new();
    for package in value
        .get("packages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let pkg = package.get("pkg").unwrap_or(package);
        let Some(name) = pkg.get("name").and_then(text) else {
            continue;
        };
        let Some(secfixes) = pkg.get("secfixes").and_then(Value::as_object) else {
            continue;
        };
        for (fixed, ids) in secfixes {
            let fixed = fixed.trim();
            if fixed == "0" || fixed.is_empty() {
                continue;
            }
            for entry in ids.as_array().into_iter().flatten().filter_map(text) {
                let mut ids = entry.split_whitespace();
                let Some(first) = ids.next() else { continue };
                let mut aliases: Vec<String> = ids.map(str::to_owned).collect();
                let id = if first.starts_with("CVE-") {
                    aliases.insert(0, first.to_owned());
                    format!("ALPINE-{first}")
                } else {
                    first.to_owned()
                };
                out.push(Advisory {
                    summary: Some(format!("{first} in {name}, fixed in {fixed}")),
                    details: None,
                    published: None,
                    modified: None,
                    cvss: Vec::new(),
                    database_severity: None,
                    informational: None,
                    references: aliases
                        .iter()
                        .filter(|a| a.starts_with("CVE-"))
                        .map(|cve| format!("https://security.alpinelinux.org/vuln/{cve}"))
                        .collect(),
                    id,
                    aliases,
                    ecosystem: ecosystem.clone(),
                    package: name.clone(),
                    ranges: vec![Range {
                        kind: RangeKind::Ecosystem,
                        repo: None,
                        events: vec![
                            Event::Introduced("0".into()),
                            Event::Fixed(fixed.to_owned()),
                        ],
                    }],
                    versions: Vec::new(),
                    unaffected_reqs: Vec::new(),
                    patched_reqs: Vec::new(),
                    all_versions: false,
                    functions: Vec::new(),
                    kev: None,
                    epss: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secfixes_become_ranges_below_the_fix_and_zero_means_never_affected() {
        let yaml = r#"
distroversion: v3.11
reponame: main
packages:
  - pkg:
      name: openssl
      secfixes:
        1.1.1d-r2:
          - CVE-2019-1547
          - CVE-2019-1549 XSA-999
        "0":
          - CVE-2000-0001
"#;
        let value: Value = yaml_serde::from_str(yaml).unwrap();
        assert!(looks_like(&value));
        let advisories = advisories(&value);
        assert_eq!(advisories.len(), 2);
        let first = &advisories[0];
        assert_eq!(first.id, "ALPINE-CVE-2019-1547");
        assert_eq!(first.aliases, ["CVE-2019-1547"]);
        assert_eq!(first.ecosystem, "Alpine:v3.11");
        assert_eq!(
            first.ranges[0].events,
            [
                Event::Introduced("0".into()),
                Event::Fixed("1.1.1d-r2".into())
            ]
        );
        assert_eq!(advisories[1].aliases, ["CVE-2019-1549", "XSA-999"]);
    }
}
