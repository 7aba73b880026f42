//! Maven's `pom.xml`: the dependencies a project declares, as written in this one file. A
//! version comes from the `<dependency>` itself or from the file's `<dependencyManagement>`,
//! and `${...}` references are replaced from `<properties>` and the project's own coordinates
//! (`project.version`, falling back to the parent's). Nothing is resolved over the network:
//! a version that this file does not determine (inherited from a parent POM or a BOM, a
//! property defined elsewhere, a range) is reported as unpinned with the reason, never guessed.
//! Scope `test` is a development dependency; `import` entries (BOMs) are not packages.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;
use ward_advisory::Ecosystem;

use super::{Package, ParseError};

/// XML nesting deeper than this is refused (POMs are a few levels deep).
const MAX_DEPTH: usize = 256;
/// Property references followed inside one another at most this deep (a cycle stops here).
const MAX_EXPANSION: usize = 16;

#[derive(Default, Clone)]
struct Dependency {
    group: String,
    artifact: String,
    version: Option<String>,
    scope: Option<String>,
    line: u32,
}

#[derive(Default)]
struct Pom {
    properties: HashMap<String, String>,
    version: Option<String>,
    group: Option<String>,
    artifact: Option<String>,
    parent_version: Option<String>,
    parent_group: Option<String>,
    dependencies: Vec<Dependency>,
    managed: Vec<Dependency>,
}

/// Where an element sits, from the `<project>` root.
fn path_is(stack: &[String], expected: &[&str]) -> bool {
    stack.len() == expected.len() && stack.iter().zip(expected).all(|(a, b)| a == b)
}

fn read(text: &str) -> Result<Pom, ParseError> {
    let mut reader = Reader::from_str(text);
    let mut pom = Pom::default();
    let mut stack: Vec<String> = Vec::new();
    let mut current: Option<Dependency> = None;
    let mut counted = (0usize, 1u32);
    let mut line_at = |pos: u64| -> u32 {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
        if pos < counted.0 {
            counted = (0, 1);
        }
        let newlines = memchr::memchr_iter(b'\n', &text.as_bytes()[counted.0..pos]).count();
        counted = (pos, counted.1 + newlines as u32);
        counted.1
    };
    let mut text_buf = String::new();
    loop {
        let start = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            ParseError::new(
                Some(line_at(reader.error_position())),
                format!("invalid pom.xml: {e}"),
            )
        })?;
        match event {
            Event::Start(element) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::new(
                        Some(line_at(start)),
                        format!("invalid pom.xml: nested deeper than {MAX_DEPTH} elements"),
                    ));
                }
                let name = String::from_utf8_lossy(element.local_name().as_ref()).into_owned();
                if stack.is_empty() && name != "project" {
                    return Err(ParseError::new(
                        Some(line_at(start)),
                        format!("not a pom.xml: the root element is <{name}>, not <project>"),
                    ));
                }
                stack.push(name);
                text_buf.clear();
                if name_is_dependency(&stack) {
                    current = Some(Dependency {
                        line: line_at(start),
                        ..Dependency::default()
                    });
                }
            }
            Event::Text(t) => {
                if let Ok(decoded) = t.decode() {
                    text_buf.push_str(&decoded);
                }
            }
            Event::GeneralRef(r) => {
                // `&amp;` and friends inside a value; rare in POMs, kept readable.
                if let Ok(name) = r.decode() {
                    text_buf.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::CData(c) => text_buf.push_str(&String::from_utf8_lossy(&c)),
            Event::End(_) => {
                let value = text_buf.trim().to_owned();
                text_buf.clear();
                let depth = stack.len();
                if depth >= 2 && name_is_dependency(&stack[..depth - 1]) {
                    if let Some(dep) = current.as_mut() {
                        match stack[depth - 1].as_str() {
                            "groupId" => dep.group = value,
                            "artifactId" => dep.artifact = value,
                            "version" => dep.version = Some(value),
                            "scope" => dep.scope = Some(value),
                            _ => {}
                        }
                    }
                } else if name_is_dependency(&stack) {
                    if let Some(dep) = current.take() {
                        if path_is(&stack, &["project", "dependencies", "dependency"]) {
                            pom.dependencies.push(dep);
                        } else {
                            pom.managed.push(dep);
                        }
                    }
                } else if depth == 3 && stack[1] == "properties" {
                    pom.properties.insert(stack[2].clone(), value);
                } else if path_is(&stack, &["project", "version"]) {
                    pom.version = Some(value);
                } else if path_is(&stack, &["project", "groupId"]) {
                    pom.group = Some(value);
                } else if path_is(&stack, &["project", "artifactId"]) {
                    pom.artifact = Some(value);
                } else if path_is(&stack, &["project", "parent", "version"]) {
                    pom.parent_version = Some(value);
                } else if path_is(&stack, &["project", "parent", "groupId"]) {
                    pom.parent_group = Some(value);
                }
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if pom.artifact.is_none() && pom.dependencies.is_empty() && pom.managed.is_empty() {
        return Err(ParseError::new(
            Some(1),
            "not a pom.xml: no <project> with an <artifactId> or <dependencies>",
        ));
    }
    Ok(pom)
}

fn name_is_dependency(stack: &[String]) -> bool {
    path_is(stack, &["project", "dependencies", "dependency"])
        || path_is(
            stack,
            &[
                "project",
                "dependencyManagement",
                "dependencies",
                "dependency",
            ],
        )
}

impl Pom {
    /// The value of a property reference, or why there is none.
    fn property(&self, name: &str) -> Option<String> {
        if let Some(value) = self.properties.get(name) {
            return Some(value.clone());
        }
        match name {
            "project.version" | "pom.version" | "version" => {
                self.version.clone().or_else(|| self.parent_version.clone())
            }
            "project.groupId" | "pom.groupId" | "groupId" => {
                self.group.clone().or_else(|| self.parent_group.clone())
            }
            "project.artifactId" | "pom.artifactId" | "artifactId" => self.artifact.clone(),
            "project.parent.version" | "parent.version" => self.parent_version.clone(),
            "project.parent.groupId" | "parent.groupId" => self.parent_group.clone(),
            _ => None,
        }
    }

    /// Replaces every `${name}` it can; `Err(name)` names the first property not defined here.
    fn expand(&self, value: &str) -> Result<String, String> {
        let mut out = value.to_owned();
        for _ in 0..MAX_EXPANSION {
            let Some(start) = out.find("${") else {
                return Ok(out);
            };
            let Some(len) = out[start + 2..].find('}') else {
                return Ok(out);
            };
            let name = out[start + 2..start + 2 + len].to_owned();
            let replacement = self.property(&name).ok_or_else(|| name.clone())?;
            out.replace_range(start..start + 3 + len, &replacement);
        }
        Err(out
            .find("${")
            .map(|s| out[s + 2..].split('}').next().unwrap_or("").to_owned())
            .unwrap_or_default())
    }
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let pom = read(text)?;
    let mut out = Vec::new();
    for dep in &pom.dependencies {
        let scope = dep.scope.as_deref().map(str::trim);
        if scope == Some("import") || scope == Some("system") {
            continue;
        }
        let group = pom.expand(&dep.group).unwrap_or_else(|_| dep.group.clone());
        let artifact = pom
            .expand(&dep.artifact)
            .unwrap_or_else(|_| dep.artifact.clone());
        let name = format!("{group}:{artifact}");
        let managed = pom.managed.iter().find(|m| {
            pom.expand(&m.group).as_deref() == Ok(group.as_str())
                && pom.expand(&m.artifact).as_deref() == Ok(artifact.as_str())
        });
        let declared = dep
            .version
            .clone()
            .filter(|v| !v.is_empty())
            .or_else(|| managed.and_then(|m| m.version.clone()));
        let scope = scope.or_else(|| managed.and_then(|m| m.scope.as_deref()));
        let resolved = match &declared {
            None => Err(
                "no version in this file (inherited from a parent POM or a BOM; not resolved)"
                    .to_owned(),
            ),
            Some(v) => match pom.expand(v) {
                Ok(v) if v.starts_with(['[', '(']) || v.contains(',') => {
                    Err(format!("{v} is a version range"))
                }
                Ok(v) if v.is_empty() => Err("an empty version".to_owned()),
                Ok(v) => Ok(v),
                Err(property) => Err(format!(
                    "{v}: the property `{property}` is not defined in this file"
                )),
            },
        };
        let mut package = Package::new(Ecosystem::Maven, &name, "", dep.line);
        match resolved {
            Ok(version) => package.version = Some(version),
            Err(reason) => {
                package.version = None;
                package.requirement = Some(format!("{name} ({reason})"));
            }
        }
        package.direct = Some(true);
        package.dev = Some(scope == Some("test"));
        if let Some(artifact) = &pom.artifact {
            package.path = vec![artifact.clone(), name.clone()];
        }
        out.push(package);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>com.example</groupId>
    <artifactId>shop-parent</artifactId>
    <version>2.1.0</version>
  </parent>
  <artifactId>shop-api</artifactId>
  <properties>
    <jackson.version>2.9.8</jackson.version>
    <log4j.major>2</log4j.major>
    <log4j.version>${log4j.major}.14.1</log4j.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>com.fasterxml.jackson.core</groupId>
        <artifactId>jackson-databind</artifactId>
        <version>${jackson.version}</version>
      </dependency>
      <dependency>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-dependencies</artifactId>
        <version>2.6.0</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-core</artifactId>
      <version>${log4j.version}</version>
    </dependency>
    <dependency>
      <groupId>${project.groupId}</groupId>
      <artifactId>shop-model</artifactId>
      <version>${project.version}</version>
    </dependency>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>4.12</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.springframework</groupId>
      <artifactId>spring-web</artifactId>
    </dependency>
    <dependency>
      <groupId>commons-io</groupId>
      <artifactId>commons-io</artifactId>
      <version>${commons.io.version}</version>
    </dependency>
    <dependency>
      <groupId>org.yaml</groupId>
      <artifactId>snakeyaml</artifactId>
      <version>[1.26,2.0)</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <dependencies>
          <dependency>
            <groupId>org.example</groupId>
            <artifactId>plugin-only</artifactId>
            <version>1.0</version>
          </dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
"#;

    #[test]
    fn declared_versions_properties_and_managed_versions() {
        let packages = parse(POM).unwrap();
        let summary: Vec<String> = packages
            .iter()
            .map(|p| {
                format!(
                    "{} {} line {} dev={:?}",
                    p.name,
                    p.version
                        .clone()
                        .or_else(|| p.requirement.clone())
                        .unwrap_or_default(),
                    p.line,
                    p.dev
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "com.fasterxml.jackson.core:jackson-databind 2.9.8 line 32 dev=Some(false)",
                "org.apache.logging.log4j:log4j-core 2.14.1 line 36 dev=Some(false)",
                "com.example:shop-model 2.1.0 line 41 dev=Some(false)",
                "junit:junit 4.12 line 46 dev=Some(true)",
                "org.springframework:spring-web org.springframework:spring-web (no version in this file (inherited from a parent POM or a BOM; not resolved)) line 52 dev=Some(false)",
                "commons-io:commons-io commons-io:commons-io (${commons.io.version}: the property `commons.io.version` is not defined in this file) line 56 dev=Some(false)",
                "org.yaml:snakeyaml org.yaml:snakeyaml ([1.26,2.0) is a version range) line 61 dev=Some(false)",
            ]
        );
        assert_eq!(
            packages[0].purl(),
            "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8"
        );
        assert_eq!(packages[0].direct, Some(true));
        assert_eq!(
            packages[0].path,
            ["shop-api", "com.fasterxml.jackson.core:jackson-databind"]
        );
    }

    #[test]
    fn a_property_cycle_is_unresolved_not_a_hang() {
        let pom = "<project><artifactId>a</artifactId><properties><a>${b}</a><b>${a}</b></properties>\
            <dependencies><dependency><groupId>g</groupId><artifactId>x</artifactId><version>${a}</version></dependency></dependencies></project>";
        let packages = parse(pom).unwrap();
        assert_eq!(packages[0].version, None);
        assert!(packages[0].requirement.is_some());
    }

    #[test]
    fn malformed_files_name_the_line() {
        let broken = POM.replace(
            "</artifactId>\n    </dependency>\n    <dependency>\n      <groupId>org.apache",
            "</artifactId>\n    </dependncy>\n    <dependency>\n      <groupId>org.apache",
        );
        let error = parse(&broken).unwrap_err();
        assert_eq!(error.line, Some(35), "{error:?}");
        assert!(error.message.contains("invalid pom.xml"), "{error:?}");
        let error = parse("<?xml version=\"1.0\"?>\n<settings>\n</settings>\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert!(error.message.contains("not a pom.xml"), "{error:?}");
        let deep = format!("<project>{}", "<a>".repeat(MAX_DEPTH + 2));
        assert!(parse(&deep).unwrap_err().message.contains("nested deeper"));
    }
}
