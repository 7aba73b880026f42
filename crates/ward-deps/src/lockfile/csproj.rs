//! `*.csproj` (and `.fsproj`/`.vbproj`) `MSBuild` project files: `<PackageReference
//! Include="Name" Version="1.2.3" />`, the version also as a child `<Version>` element. These
//! are the project's direct dependencies as declared; a floating or ranged version (`1.*`,
//! `[1.0,2.0)`) is reported as unpinned, never guessed. `Update=` items (central package
//! management) change versions of references declared elsewhere and are not packages here.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use ward_advisory::Ecosystem;

use super::{Package, ParseError};

/// XML nesting deeper than this is refused (project files are a few levels deep).
const MAX_DEPTH: usize = 256;

struct Open {
    name: String,
    version: Option<String>,
    line: u32,
}

fn attribute(element: &BytesStart<'_>, key: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| {
            a.key
                .local_name()
                .as_ref()
                .eq_ignore_ascii_case(key.as_bytes())
        })
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.trim().to_owned())
}

fn package(open: Open, out: &mut Vec<Package>) {
    let version = open.version.unwrap_or_default();
    let pinned = !version.is_empty()
        && !version.contains(['*', '[', '(', ',', '$'])
        && !version.starts_with('$');
    let mut package = Package::new(Ecosystem::NuGet, &open.name, &version, open.line);
    package.direct = Some(true);
    if !pinned {
        package.version = None;
        package.requirement = Some(if version.is_empty() {
            format!("{} (no version)", open.name)
        } else {
            format!("{} {version}", open.name)
        });
    }
    out.push(package);
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    let mut depth = 0usize;
    // A `<PackageReference>` with children, waiting for its `<Version>` and end tag.
    let mut open: Option<Open> = None;
    let mut in_version = false;
    // Lines counted forward from the last position asked about: linear in the file.
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
    loop {
        let start = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            ParseError::new(
                Some(line_at(reader.error_position())),
                format!("invalid project file: {e}"),
            )
        })?;
        match event {
            Event::Start(element) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ParseError::new(
                        Some(line_at(start)),
                        format!("invalid project file: nested deeper than {MAX_DEPTH} elements"),
                    ));
                }
                let name = element.local_name();
                if name.as_ref() == b"PackageReference" {
                    if let Some(include) = attribute(&element, "Include") {
                        open = Some(Open {
                            name: include,
                            version: attribute(&element, "Version"),
                            line: line_at(start),
                        });
                    }
                } else if name.as_ref() == b"Version" && open.is_some() {
                    in_version = true;
                }
            }
            Event::Empty(element) => {
                if element.local_name().as_ref() == b"PackageReference"
                    && let Some(include) = attribute(&element, "Include")
                {
                    package(
                        Open {
                            name: include,
                            version: attribute(&element, "Version"),
                            line: line_at(start),
                        },
                        &mut out,
                    );
                }
            }
            Event::Text(text) if in_version => {
                if let (Some(open), Ok(value)) = (open.as_mut(), text.decode()) {
                    open.version = Some(value.trim().to_owned());
                }
            }
            Event::End(element) => {
                depth = depth.saturating_sub(1);
                let name = element.local_name();
                if name.as_ref() == b"Version" {
                    in_version = false;
                } else if name.as_ref() == b"PackageReference"
                    && let Some(done) = open.take()
                {
                    package(done, &mut out);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_references_with_attribute_and_element_versions() {
        let text = r#"<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="12.0.1" />
    <PackageReference Include="Serilog">
      <Version>2.10.0</Version>
    </PackageReference>
    <PackageReference Include="Floating" Version="1.*" />
    <PackageReference Update="Central" Version="3.0.0" />
    <PackageReference Include="NoVersion" />
  </ItemGroup>
</Project>
"#;
        let packages = parse(text).unwrap();
        let summary: Vec<(&str, Option<&str>, u32)> = packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_deref(), p.line))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Newtonsoft.Json", Some("12.0.1"), 6),
                ("Serilog", Some("2.10.0"), 7),
                ("Floating", None, 10),
                ("NoVersion", None, 12),
            ]
        );
        assert_eq!(packages[0].purl(), "pkg:nuget/Newtonsoft.Json@12.0.1");
        assert_eq!(packages[0].direct, Some(true));
        assert_eq!(packages[2].requirement.as_deref(), Some("Floating 1.*"));
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let err = parse("<Project>\n  <ItemGroup>\n  </Project>\n").unwrap_err();
        assert!(err.line.is_some_and(|l| l >= 2), "{err:?}");
        assert!(err.message.contains("invalid project file"), "{err:?}");
        let deep = "<a>".repeat(MAX_DEPTH + 2);
        assert!(parse(&deep).unwrap_err().message.contains("nested deeper"));
    }
}
