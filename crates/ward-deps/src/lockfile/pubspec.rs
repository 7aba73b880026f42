//! `pubspec.lock` (Dart and Flutter): `packages:` maps each name to its `version`, `source`
//! (`hosted`, `git`, `path`, `sdk`) and `dependency` (`direct main`, `direct dev`,
//! `transitive`).

use ward_advisory::Ecosystem;

use super::{Package, ParseError};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let doc: serde_json::Value =
        yaml_serde::from_str(text).map_err(|e| ParseError::yaml("pubspec.lock", &e))?;
    let Some(packages) = doc.get("packages").and_then(|p| p.as_object()) else {
        return Ok(Vec::new());
    };
    let lines = key_lines(text, "packages:");
    let mut out = Vec::new();
    for (name, entry) in packages {
        if entry.get("source").and_then(|s| s.as_str()) != Some("hosted") {
            continue;
        }
        let Some(version) = entry.get("version").and_then(|v| v.as_str()) else {
            continue;
        };
        let line = lines.get(name.as_str()).copied().unwrap_or(1);
        let mut package = Package::new(Ecosystem::Pub, name, version, line);
        if let Some(kind) = entry.get("dependency").and_then(|d| d.as_str()) {
            package.direct = Some(kind.starts_with("direct"));
            package.dev = Some(kind == "direct dev");
        }
        out.push(package);
    }
    out.sort_by_key(|p| p.line);
    Ok(out)
}

/// Lines of the keys one level under a top-level section (`packages:`).
pub(crate) fn key_lines<'a>(
    text: &'a str,
    section: &str,
) -> std::collections::HashMap<&'a str, u32> {
    let mut lines = std::collections::HashMap::new();
    let mut inside = false;
    for (index, raw) in text.lines().enumerate() {
        if !raw.starts_with(' ') && !raw.trim().is_empty() {
            inside = raw.trim_end() == section;
            continue;
        }
        if inside && raw.starts_with("  ") && !raw.starts_with("   ") {
            let key = raw.trim().trim_end_matches(':').trim_matches(['\'', '"']);
            lines.entry(key).or_insert(index as u32 + 1);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosted_packages_with_kinds() {
        let text = "packages:\n  http:\n    dependency: \"direct main\"\n    description:\n      name: http\n      url: \"https://pub.dev\"\n    source: hosted\n    version: \"0.13.0\"\n  mine:\n    dependency: \"direct main\"\n    source: path\n    version: \"1.0.0\"\n  test:\n    dependency: \"direct dev\"\n    source: hosted\n    version: \"1.16.0\"\nsdks:\n  dart: \">=2.12.0 <3.0.0\"\n";
        let p = parse(text).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].name.as_str(), p[0].line, p[0].direct, p[0].dev),
            ("http", 2, Some(true), Some(false))
        );
        assert_eq!((p[1].name.as_str(), p[1].dev), ("test", Some(true)));
    }
}
