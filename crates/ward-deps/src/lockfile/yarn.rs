//! `yarn.lock`, classic (v1: `"a@^1.0.0", a@^1.1.0:` then `  version "1.2.3"`) and berry
//! (v2+: YAML-compatible, `"a@npm:^1.0.0":` then `  version: 1.2.3`). Workspace, link, patch
//! and file entries have no registry version and are passed over.

use ward_advisory::Ecosystem;

use super::{Package, ParseError};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out: Vec<Package> = Vec::new();
    let mut current: Option<(String, u32, bool)> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = index as u32 + 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        if !raw.starts_with(' ') {
            versionless(current.as_ref())?;
            let Some(header) = raw.trim_end().strip_suffix(':') else {
                return Err(ParseError::new(
                    Some(line),
                    format!(
                        "expected an entry header ending in `:`, found `{}`",
                        raw.trim()
                    ),
                ));
            };
            let first = header
                .split(", ")
                .next()
                .unwrap_or(header)
                .trim_matches('"');
            if first == "__metadata" {
                current = None;
                continue;
            }
            let Some(at) = first[1..].find('@').map(|i| i + 1) else {
                return Err(ParseError::new(
                    Some(line),
                    format!("cannot read a package name in `{first}`"),
                ));
            };
            let name = &first[..at];
            let range = &first[at + 1..];
            let local = [
                "workspace:",
                "link:",
                "portal:",
                "file:",
                "patch:",
                "exec:",
                "git",
                "http",
            ]
            .iter()
            .any(|p| range.starts_with(p));
            current = Some((name.to_owned(), line, local));
            continue;
        }
        let trimmed = raw.trim();
        let indent = raw.len() - raw.trim_start().len();
        if indent != 2 {
            continue;
        }
        let version = trimmed
            .strip_prefix("version: ")
            .or_else(|| trimmed.strip_prefix("version "))
            .map(|v| v.trim().trim_matches('"'));
        if let (Some(version), Some((name, header_line, local))) = (version, &current) {
            if !*local && !version.contains("-use.local") && version != "0.0.0-use.local" {
                out.push(Package::new(Ecosystem::Npm, name, version, *header_line));
            }
            current = None;
        }
    }
    versionless(current.as_ref())?;
    Ok(out)
}

/// A registry entry that ended without a `version`: an error, not a package quietly left out.
fn versionless(entry: Option<&(String, u32, bool)>) -> Result<(), ParseError> {
    match entry {
        Some((name, line, false)) => Err(ParseError::new(
            Some(*line),
            format!("the entry of `{name}` has no version"),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_and_berry() {
        let classic = "# yarn lockfile v1\n\n\n\"@babel/core@^7.0.0\", \"@babel/core@^7.1.0\":\n  version \"7.1.2\"\n  resolved \"https://registry.yarnpkg.com/x\"\n\nlodash@^4.17.0:\n  version \"4.17.11\"\n";
        let p = parse(classic).unwrap();
        assert_eq!(
            (p[0].name.as_str(), p[0].version.as_deref(), p[0].line),
            ("@babel/core", Some("7.1.2"), 4)
        );
        assert_eq!((p[1].name.as_str(), p[1].line), ("lodash", 8));
        let berry = "__metadata:\n  version: 6\n\n\"app@workspace:.\":\n  version: 0.0.0-use.local\n\n\"minimist@npm:^1.2.0\":\n  version: 1.2.5\n  resolution: \"minimist@npm:1.2.5\"\n";
        let p = parse(berry).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].name.as_str(), p[0].version.as_deref(), p[0].line),
            ("minimist", Some("1.2.5"), 7)
        );
    }
}
