//! apk's installed database: `X:value` lines, one block per package, separated by blank lines
//! (`P` name, `V` version, `A` architecture, `o` origin: the source package).

use super::OsPackage;
use crate::lockfile::ParseError;

pub(super) fn parse(text: &str) -> Result<Vec<OsPackage>, ParseError> {
    let mut packages = Vec::new();
    let mut current: Option<OsPackage> = None;
    let finish = |current: &mut Option<OsPackage>, packages: &mut Vec<OsPackage>| {
        if let Some(package) = current.take() {
            if package.version.is_empty() {
                return Err(ParseError::new(
                    Some(package.line),
                    format!("package {} has no version (V:)", package.name),
                ));
            }
            packages.push(package);
        }
        Ok(())
    };
    for (i, line) in text.lines().enumerate() {
        let number = i as u32 + 1;
        if line.trim().is_empty() {
            finish(&mut current, &mut packages)?;
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(ParseError::new(
                Some(number),
                "expected `X:value` lines".to_owned(),
            ));
        };
        match key {
            "P" => {
                finish(&mut current, &mut packages)?;
                current = Some(OsPackage {
                    name: value.to_owned(),
                    version: String::new(),
                    source: None,
                    source_version: None,
                    arch: None,
                    line: number,
                });
            }
            "V" | "A" | "o" => {
                let Some(package) = current.as_mut() else {
                    return Err(ParseError::new(
                        Some(number),
                        format!("`{key}:` before the package's `P:` line"),
                    ));
                };
                match key {
                    "V" => value.clone_into(&mut package.version),
                    "A" => package.arch = Some(value.to_owned()),
                    _ => package.source = Some(value.to_owned()),
                }
            }
            _ => {}
        }
    }
    finish(&mut current, &mut packages)?;
    Ok(packages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_with_origin_and_line() {
        let text = "C:Q1abc=\nP:libcrypto3\nV:3.1.4-r5\nA:x86_64\no:openssl\nT:Crypto library\n\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\no:musl\n";
        let packages = parse(text).unwrap();
        assert_eq!(packages.len(), 2);
        assert_eq!(packages[0].name, "libcrypto3");
        assert_eq!(packages[0].advisory_name(), "openssl");
        assert_eq!(packages[0].line, 2);
        assert_eq!(packages[1].version, "1.2.4_git20230717-r4");
    }

    #[test]
    fn a_package_without_a_version_is_an_error() {
        let error = parse("P:broken\nA:x86_64\n").unwrap_err();
        assert_eq!(error.line, Some(1));
    }
}
