//! `Gemfile.lock`: the `GEM` section's `specs:` list (`    name (version)` at four spaces;
//! six spaces are that gem's own dependencies) and `DEPENDENCIES` (the direct ones).

use ward_advisory::Ecosystem;

use super::{Package, ParseError};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out = Vec::new();
    let mut section = "";
    let mut in_specs = false;
    let mut direct: Vec<String> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index as u32 + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if !raw.starts_with(' ') {
            section = raw.trim();
            in_specs = false;
            continue;
        }
        if section == "DEPENDENCIES" {
            let name = raw.trim().split([' ', '!']).next().unwrap_or("");
            direct.push(name.to_owned());
            continue;
        }
        if section != "GEM" {
            // GIT and PATH gems come from a repository or a folder, not from a version.
            continue;
        }
        if raw.trim() == "specs:" {
            in_specs = true;
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        if !in_specs || indent != 4 {
            continue;
        }
        let entry = raw.trim();
        let (Some((name, rest)), true) = (entry.split_once(" ("), entry.ends_with(')')) else {
            return Err(ParseError::new(
                Some(line),
                format!("expected `name (version)` in specs, found `{entry}`"),
            ));
        };
        let version = rest.trim_end_matches(')');
        // A platform suffix (`1.13.1-x86_64-linux`) is not part of the version.
        let version = version.split('-').next().unwrap_or(version);
        out.push(Package::new(Ecosystem::RubyGems, name, version, line));
    }
    if !direct.is_empty() {
        for package in &mut out {
            package.direct = Some(direct.contains(&package.name));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_and_direct_dependencies() {
        let text = "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.10.3-x86_64-linux)\n      mini_portile2 (~> 2.4.0)\n    mini_portile2 (2.4.0)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  nokogiri (~> 1.10)\n";
        let p = parse(text).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].name.as_str(), p[0].version.as_deref(), p[0].line),
            ("nokogiri", Some("1.10.3"), 4)
        );
        assert_eq!((p[0].direct, p[1].direct), (Some(true), Some(false)));
    }
}
