//! `gradle.lockfile` (Gradle dependency locking): one `group:artifact:version=configurations`
//! line per resolved module; `empty=` lists configurations without dependencies.

use ward_advisory::Ecosystem;

use super::{Package, ParseError};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index as u32 + 1;
        let entry = raw.trim();
        if entry.is_empty() || entry.starts_with('#') || entry.starts_with("empty=") {
            continue;
        }
        let (coordinates, configurations) = entry.split_once('=').unwrap_or((entry, ""));
        let parts: Vec<&str> = coordinates.split(':').collect();
        let [group, artifact, version] = parts[..] else {
            return Err(ParseError::new(
                Some(line),
                format!("expected `group:artifact:version=configurations`, found `{entry}`"),
            ));
        };
        let mut package = Package::new(
            Ecosystem::Maven,
            &format!("{group}:{artifact}"),
            version,
            line,
        );
        // Only test configurations: a development dependency.
        let configs: Vec<&str> = configurations
            .split(',')
            .filter(|c| !c.is_empty())
            .collect();
        if !configs.is_empty() {
            package.dev = Some(
                configs
                    .iter()
                    .all(|c| c.to_ascii_lowercase().contains("test")),
            );
        }
        out.push(package);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_and_test_configurations() {
        let text = "# This is a Gradle generated file for dependency locking.\norg.apache.logging.log4j:log4j-core:2.14.1=compileClasspath,runtimeClasspath\njunit:junit:4.12=testCompileClasspath\nempty=annotationProcessor\n";
        let p = parse(text).unwrap();
        assert_eq!(
            (
                p[0].name.as_str(),
                p[0].version.as_deref(),
                p[0].line,
                p[0].dev
            ),
            (
                "org.apache.logging.log4j:log4j-core",
                Some("2.14.1"),
                2,
                Some(false)
            )
        );
        assert_eq!(
            p[0].purl(),
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"
        );
        assert_eq!(p[1].dev, Some(true));
        assert_eq!(parse("a:b\n").unwrap_err().line, Some(1));
    }
}
