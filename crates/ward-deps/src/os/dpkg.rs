//! dpkg's status database: RFC 822-style stanzas, one per package, separated by blank lines.
//! Hand-written rather than `deb822-lossless`: only five fields are needed, with the line of
//! each stanza, and this file is read on every image scan (a lossless tree is not needed).

use super::OsPackage;
use crate::lockfile::ParseError;

pub(super) fn parse(text: &str) -> Result<Vec<OsPackage>, ParseError> {
    let mut packages = Vec::new();
    let mut stanza: Vec<(u32, &str, &str)> = Vec::new();
    let mut flush = |stanza: &mut Vec<(u32, &str, &str)>| -> Result<(), ParseError> {
        if stanza.is_empty() {
            return Ok(());
        }
        let field = |name: &str| {
            stanza
                .iter()
                .find(|(_, key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, _, value)| value.trim())
        };
        let line = stanza[0].0;
        let Some(name) = field("Package") else {
            return Err(ParseError::new(
                Some(line),
                "a stanza without a Package field",
            ));
        };
        // `Status: install ok installed`; other states (config-files, half-installed) are not
        // installed packages. status.d files (distroless) have no Status: installed.
        let installed =
            field("Status").is_none_or(|s| s.split_whitespace().last() == Some("installed"));
        if installed {
            let Some(version) = field("Version") else {
                return Err(ParseError::new(
                    Some(line),
                    format!("package {name} has no Version"),
                ));
            };
            let (source, source_version) = match field("Source") {
                Some(source) => match source.split_once('(') {
                    Some((name, version)) => (
                        Some(name.trim().to_owned()),
                        Some(version.trim_end_matches(')').trim().to_owned()),
                    ),
                    None => (Some(source.to_owned()), None),
                },
                None => (None, None),
            };
            packages.push(OsPackage {
                name: name.to_owned(),
                version: version.to_owned(),
                source,
                source_version,
                arch: field("Architecture").map(str::to_owned),
                line,
            });
        }
        stanza.clear();
        Ok(())
    };
    for (i, raw) in text.lines().enumerate() {
        let number = i as u32 + 1;
        if raw.trim().is_empty() {
            flush(&mut stanza)?;
            continue;
        }
        if raw.starts_with([' ', '\t']) {
            // A continuation of the previous field (Description, Conffiles).
            continue;
        }
        let Some((key, value)) = raw.split_once(':') else {
            return Err(ParseError::new(
                Some(number),
                format!(
                    "expected `Field: value`, found `{}`",
                    raw.chars().take(60).collect::<String>()
                ),
            ));
        };
        stanza.push((number, key.trim(), value));
    }
    flush(&mut stanza)?;
    Ok(packages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installed_packages_with_their_source_and_line() {
        let text = "Package: libssl3\nStatus: install ok installed\nPriority: optional\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u2\nDescription: Secure Sockets Layer toolkit\n shared libraries\n\nPackage: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc (2.36-9+deb12u4)\nVersion: 2.36-9+deb12u4+b1\n\nPackage: oldpkg\nStatus: deinstall ok config-files\nVersion: 1.0\n";
        let packages = parse(text).unwrap();
        assert_eq!(packages.len(), 2);
        assert_eq!(packages[0].name, "libssl3");
        assert_eq!(packages[0].advisory_name(), "openssl");
        assert_eq!(packages[0].advisory_version(), "3.0.11-1~deb12u2");
        assert_eq!(packages[0].line, 1);
        assert_eq!(packages[1].advisory_name(), "glibc");
        assert_eq!(packages[1].advisory_version(), "2.36-9+deb12u4");
        assert_eq!(packages[1].line, 10);
    }

    #[test]
    fn a_broken_stanza_names_its_line() {
        let error = parse("Package: a\nVersion: 1\n\nthis is not a field\n").unwrap_err();
        assert_eq!(error.line, Some(4));
        let error = parse("Package: a\nStatus: install ok installed\n").unwrap_err();
        assert!(error.message.contains("no Version"));
    }
}
