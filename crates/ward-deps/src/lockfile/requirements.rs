//! pip requirements files (`requirements*.txt`). Only `name==version` (or `===`) pins an
//! installed version; every other requirement is reported as unpinned, never guessed. Extras,
//! environment markers, `--hash` options and `\` continuations are understood; `-r`/`-c`
//! includes are returned for the engine to follow.

use ward_advisory::Ecosystem;

use super::{Inventory, Package, ParseError};

pub fn parse(text: &str) -> Result<Inventory, ParseError> {
    let mut inventory = Inventory::default();
    let mut logical = String::new();
    let mut start_line = 0u32;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index as u32 + 1;
        if logical.is_empty() {
            start_line = line_no;
        }
        // A `#` starts a comment at the line start or after whitespace.
        let without_comment = match raw.find(" #").or_else(|| raw.find("\t#")) {
            Some(pos) => &raw[..pos],
            None if raw.trim_start().starts_with('#') => "",
            None => raw,
        };
        if let Some(continued) = without_comment.trim_end().strip_suffix('\\') {
            logical.push_str(continued);
            logical.push(' ');
            continue;
        }
        logical.push_str(without_comment);
        let entry = std::mem::take(&mut logical);
        read_entry(entry.trim(), start_line, &mut inventory)?;
    }
    if !logical.trim().is_empty() {
        read_entry(logical.trim(), start_line, &mut inventory)?;
    }
    Ok(inventory)
}

fn read_entry(entry: &str, line: u32, inventory: &mut Inventory) -> Result<(), ParseError> {
    if entry.is_empty() {
        return Ok(());
    }
    if let Some(rest) = entry
        .strip_prefix("-r")
        .or_else(|| entry.strip_prefix("--requirement"))
        .or_else(|| entry.strip_prefix("-c"))
        .or_else(|| entry.strip_prefix("--constraint"))
    {
        let target = rest.trim_start_matches('=').trim();
        if !target.is_empty() {
            inventory.includes.push((line, target.to_owned()));
        }
        return Ok(());
    }
    if entry.starts_with('-') {
        // `-e`, `--index-url`, `-f` and other options: an editable or URL install has no
        // version to check; it is reported as unpinned when it names a package.
        if let Some(editable) = entry
            .strip_prefix("-e")
            .or_else(|| entry.strip_prefix("--editable"))
        {
            let target = editable.trim_start_matches('=').trim();
            let name = target
                .split("#egg=")
                .nth(1)
                .map_or(target, |egg| egg.split('&').next().unwrap_or(egg));
            inventory.packages.push(unpinned(name, target, line));
        }
        return Ok(());
    }
    // Drop options on the requirement line (`--hash=sha256:…`) and the environment marker.
    let requirement = entry.split(" --").next().unwrap_or(entry);
    let requirement = requirement.split(';').next().unwrap_or(requirement).trim();
    if requirement.contains("://") || requirement.starts_with('.') || requirement.starts_with('/') {
        let name = requirement
            .split_once('@')
            .map_or(requirement, |(name, _)| name)
            .trim();
        inventory.packages.push(unpinned(name, requirement, line));
        return Ok(());
    }
    let name_end = requirement
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(requirement.len());
    let name = &requirement[..name_end];
    if name.is_empty() {
        return Err(ParseError::new(
            Some(line),
            format!("cannot read the requirement `{requirement}`: no package name"),
        ));
    }
    let mut rest = requirement[name_end..].trim_start();
    if rest.starts_with('[') {
        let Some(close) = rest.find(']') else {
            return Err(ParseError::new(
                Some(line),
                format!("unclosed extras in `{requirement}`"),
            ));
        };
        rest = rest[close + 1..].trim_start();
    }
    let pinned = rest
        .strip_prefix("===")
        .or_else(|| rest.strip_prefix("=="))
        .map(str::trim)
        .filter(|v| !v.is_empty() && !v.contains(['*', ',', '<', '>', '!', '~', ' ']));
    match pinned {
        Some(version) => {
            inventory
                .packages
                .push(Package::new(Ecosystem::PyPI, name, version, line));
        }
        None => inventory.packages.push(unpinned(name, requirement, line)),
    }
    Ok(())
}

fn unpinned(name: &str, requirement: &str, line: u32) -> Package {
    Package {
        ecosystem: Ecosystem::PyPI,
        name: name.to_owned(),
        version: None,
        line,
        direct: Some(true),
        dev: None,
        path: Vec::new(),
        requirement: Some(requirement.to_owned()),
        license: None,
        depends_on: Vec::new(),
        required_by: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_unpinned_hashes_markers_and_includes() {
        let text = "# comment\nrequests==2.19.0 \\\n    --hash=sha256:abc\nDjango[argon2]==1.11.0 ; python_version >= \"3\"\nflask>=1.0\n-r base.txt\njinja2==2.*\n-e git+https://example.invalid/x.git#egg=thing\n";
        let inventory = parse(text).unwrap();
        let p = &inventory.packages;
        assert_eq!(
            (p[0].name.as_str(), p[0].version.as_deref(), p[0].line),
            ("requests", Some("2.19.0"), 2)
        );
        assert_eq!(
            (p[1].name.as_str(), p[1].version.as_deref(), p[1].line),
            ("Django", Some("1.11.0"), 4)
        );
        assert_eq!(
            (p[2].version.as_deref(), p[2].requirement.as_deref()),
            (None, Some("flask>=1.0"))
        );
        assert_eq!(p[3].version, None, "a wildcard is not a pin");
        assert_eq!(p[4].name, "thing");
        assert_eq!(inventory.includes, vec![(6, "base.txt".to_owned())]);
    }

    #[test]
    fn a_requirement_without_a_name_is_an_error_with_its_line() {
        let err = parse("ok==1.0\n==2.0\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }
}
