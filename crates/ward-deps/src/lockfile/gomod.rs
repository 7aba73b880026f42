//! `go.mod`: `require` directives (single and block form); `// indirect` marks a transitive
//! dependency; `replace` directives that pin another module version are applied. The
//! `toolchain` directive is reported as the `stdlib` module (the Go vulnerability database's
//! name for the standard library) at that version; the `go` directive is not, because it is a
//! minimum language version, not the toolchain that builds the code.

use ward_advisory::Ecosystem;

use super::{Package, ParseError};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out: Vec<Package> = Vec::new();
    let mut replaces: Vec<(String, Option<String>, String, Option<String>)> = Vec::new();
    let mut block: Option<&str> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = index as u32 + 1;
        let (code, comment) = match raw.find("//") {
            Some(pos) => (&raw[..pos], &raw[pos + 2..]),
            None => (raw, ""),
        };
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        if block.is_some() && code == ")" {
            block = None;
            continue;
        }
        let (directive, rest) = if let Some(directive) = block {
            (directive, code)
        } else {
            let (directive, rest) = code.split_once(char::is_whitespace).unwrap_or((code, ""));
            let rest = rest.trim();
            if rest == "(" {
                block = Some(match directive {
                    "require" => "require",
                    "replace" => "replace",
                    _ => "other",
                });
                continue;
            }
            (directive, rest)
        };
        match directive {
            "toolchain" => {
                let mut package = Package::new(Ecosystem::Go, "stdlib", rest, line);
                package.direct = Some(true);
                out.push(package);
            }
            "require" => {
                let mut fields = rest.split_whitespace();
                let (Some(module), Some(version)) = (fields.next(), fields.next()) else {
                    return Err(ParseError::new(
                        Some(line),
                        format!("`require {rest}`: expected a module path and a version"),
                    ));
                };
                let mut package =
                    Package::new(Ecosystem::Go, unquote(module), unquote(version), line);
                package.direct = Some(!comment.trim_start().starts_with("indirect"));
                out.push(package);
            }
            "replace" => {
                let Some((old, new)) = rest.split_once("=>") else {
                    return Err(ParseError::new(
                        Some(line),
                        format!("`replace {rest}`: expected `=>`"),
                    ));
                };
                let mut old = old.split_whitespace();
                let mut new = new.split_whitespace();
                if let (Some(old_path), Some(new_path)) = (old.next(), new.next()) {
                    replaces.push((
                        old_path.to_owned(),
                        old.next().map(str::to_owned),
                        new_path.to_owned(),
                        new.next().map(str::to_owned),
                    ));
                }
            }
            _ => {}
        }
    }
    // A replacement by another module version is what gets built; by a local path, nothing
    // from a registry is (it is dropped: there is no version to check).
    let mut kept = Vec::new();
    for mut package in out {
        let replacement = replaces.iter().find(|(old, old_version, _, _)| {
            *old == package.name
                && old_version
                    .as_ref()
                    .is_none_or(|v| Some(v) == package.version.as_ref())
        });
        match replacement {
            Some((_, _, new_path, Some(new_version))) => {
                package.name.clone_from(new_path);
                package.version = Some(new_version.clone());
                kept.push(package);
            }
            Some((_, _, _, None)) => {}
            None => kept.push(package),
        }
    }
    Ok(kept)
}

fn unquote(text: &str) -> &str {
    text.trim_matches(|c| c == '"' || c == '`')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requires_indirect_replace_and_go_directive() {
        let text = "module example.com/app\n\ntoolchain go1.21.3\n\nrequire (\n\tgolang.org/x/text v0.3.0\n\tgithub.com/a/b v1.0.0 // indirect\n)\n\nrequire github.com/c/d v2.0.0+incompatible\n\nreplace github.com/a/b => github.com/a/b v1.0.1\n";
        let p = parse(text).unwrap();
        assert_eq!(
            (p[0].name.as_str(), p[0].version.as_deref()),
            ("stdlib", Some("go1.21.3"))
        );
        assert_eq!(
            (p[1].name.as_str(), p[1].line, p[1].direct),
            ("golang.org/x/text", 6, Some(true))
        );
        assert_eq!(
            (p[2].version.as_deref(), p[2].direct),
            (Some("v1.0.1"), Some(false))
        );
        assert_eq!(p[3].version.as_deref(), Some("v2.0.0+incompatible"));
        assert_eq!(p[1].purl(), "pkg:golang/golang.org/x/text@v0.3.0");
    }
}
