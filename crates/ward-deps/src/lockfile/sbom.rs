//! Existing SBOMs as inventories: CycloneDX JSON (any 1.x: `components`, nested ones too) and
//! SPDX 2.x JSON (`packages` with a `purl` external reference). Packages are identified by
//! their purl; a component without one cannot be matched to advisories and is counted as such.

use serde::Deserialize;
use ward_advisory::Ecosystem;

use super::{Package, ParseError};

/// What an SBOM held besides the packages Ward can check.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Unchecked {
    /// Components without a purl.
    pub without_purl: usize,
    /// purl types with no advisory ecosystem here (`deb`, `apk`, `generic`), with counts.
    pub other_types: std::collections::BTreeMap<String, usize>,
}

#[derive(Deserialize)]
struct Document {
    #[serde(default, rename = "bomFormat")]
    bom_format: Option<String>,
    #[serde(default)]
    components: Vec<Component>,
    #[serde(default, rename = "spdxVersion")]
    spdx_version: Option<String>,
    #[serde(default)]
    packages: Vec<SpdxPackage>,
}

#[derive(Deserialize)]
struct Component {
    #[serde(default)]
    purl: Option<String>,
    #[serde(default)]
    components: Vec<Component>,
    #[serde(default)]
    scope: Option<String>,
}

#[derive(Deserialize)]
struct SpdxPackage {
    #[serde(default, rename = "externalRefs")]
    external_refs: Vec<ExternalRef>,
}

#[derive(Deserialize)]
struct ExternalRef {
    #[serde(rename = "referenceType")]
    reference_type: String,
    #[serde(rename = "referenceLocator")]
    reference_locator: String,
}

/// Whether the text looks like a CycloneDX or SPDX JSON document.
pub fn looks_like_sbom(text: &str) -> bool {
    // The first 4 KiB, cut at a character boundary (non-ASCII text crosses byte 4096).
    let head = &text[..text.floor_char_boundary(4096)];
    head.contains("\"bomFormat\"") || head.contains("\"spdxVersion\"")
}

/// The packages of an SBOM, and what could not be checked.
pub fn parse(text: &str) -> Result<(Vec<Package>, Unchecked), ParseError> {
    let doc: Document = serde_json::from_str(text).map_err(|e| ParseError::json("SBOM", &e))?;
    let mut purls: Vec<(String, Option<bool>)> = Vec::new();
    let mut unchecked = Unchecked::default();
    if doc.bom_format.as_deref() == Some("CycloneDX") {
        // Components nest (an application's libraries); walk them without recursion so a
        // hostile depth cannot overflow the stack.
        let mut stack: Vec<&Component> = doc.components.iter().rev().collect();
        while let Some(component) = stack.pop() {
            match &component.purl {
                Some(purl) => purls.push((
                    purl.clone(),
                    component.scope.as_deref().map(|s| s == "excluded"),
                )),
                None if component.components.is_empty() => unchecked.without_purl += 1,
                None => {}
            }
            stack.extend(component.components.iter().rev());
        }
    } else if doc
        .spdx_version
        .as_deref()
        .is_some_and(|v| v.starts_with("SPDX-2"))
    {
        for package in &doc.packages {
            let found = package
                .external_refs
                .iter()
                .find(|r| r.reference_type == "purl");
            match found {
                Some(r) => purls.push((r.reference_locator.clone(), None)),
                None => unchecked.without_purl += 1,
            }
        }
    } else {
        return Err(ParseError::new(
            Some(1),
            "not a CycloneDX (`bomFormat`) or SPDX 2.x (`spdxVersion`) JSON document",
        ));
    }
    let mut out = Vec::new();
    let mut cursor = 0;
    // Lines counted incrementally: an SBOM of thousands of components stays linear.
    let mut line_at_cursor = 1u32;
    for (purl, dev) in purls {
        // Each purl's line: its first occurrence after the previous one (document order).
        let needle = serde_json::to_string(&purl).unwrap_or_default();
        let line = if let Some(pos) = text[cursor..].find(&needle) {
            line_at_cursor += text[cursor..cursor + pos].matches('\n').count() as u32;
            cursor += pos + needle.len();
            line_at_cursor
        } else {
            1
        };
        let parsed = parse_purl(&purl);
        let Some(Parsed {
            ecosystem: Some(ecosystem),
            name,
            version,
        }) = parsed
        else {
            let kind = purl
                .strip_prefix("pkg:")
                .and_then(|p| p.split('/').next())
                .unwrap_or("invalid purl")
                .to_ascii_lowercase();
            *unchecked.other_types.entry(kind).or_default() += 1;
            continue;
        };
        let mut package = Package::new(ecosystem, &name, version.as_deref().unwrap_or(""), line);
        if version.is_none() {
            package.version = None;
            package.requirement = Some(format!("{purl} (no version)"));
        }
        package.dev = dev;
        out.push(package);
    }
    Ok((out, unchecked))
}

struct Parsed {
    ecosystem: Option<Ecosystem>,
    name: String,
    version: Option<String>,
}

/// `pkg:type/namespace/name@version?qualifiers#subpath` -> ecosystem, package name as the
/// ecosystem writes it, version.
fn parse_purl(purl: &str) -> Option<Parsed> {
    let rest = purl.trim().strip_prefix("pkg:")?.trim_start_matches('/');
    let rest = rest.split('#').next()?;
    let rest = rest.split('?').next()?;
    let (kind, path) = rest.split_once('/')?;
    let (path, version) = match path.rfind('@') {
        // `@` in a path segment other than the last is a namespace's (encoded as %40 anyway).
        Some(at) if !path[at..].contains('/') => (&path[..at], Some(decode(&path[at + 1..]))),
        _ => (path, None),
    };
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(decode)
        .collect();
    let (name, namespace) = segments.split_last()?;
    let ecosystem = match kind.to_ascii_lowercase().as_str() {
        "cargo" => Some(Ecosystem::CratesIo),
        "npm" => Some(Ecosystem::Npm),
        "pypi" => Some(Ecosystem::PyPI),
        "golang" => Some(Ecosystem::Go),
        "gem" => Some(Ecosystem::RubyGems),
        "composer" => Some(Ecosystem::Packagist),
        "maven" => Some(Ecosystem::Maven),
        "nuget" => Some(Ecosystem::NuGet),
        "hex" => Some(Ecosystem::Hex),
        "pub" => Some(Ecosystem::Pub),
        _ => None,
    };
    let name = match ecosystem {
        Some(Ecosystem::Maven) if !namespace.is_empty() => {
            format!("{}:{name}", namespace.join("/"))
        }
        _ if namespace.is_empty() => name.clone(),
        _ => format!("{}/{name}", namespace.join("/")),
    };
    Some(Parsed {
        ecosystem,
        name,
        version: version.filter(|v| !v.is_empty()),
    })
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purls_of_each_ecosystem() {
        let cases = [
            ("pkg:npm/%40babel/core@7.0.0", Ecosystem::Npm, "@babel/core"),
            (
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar",
                Ecosystem::Maven,
                "org.apache.logging.log4j:log4j-core",
            ),
            (
                "pkg:golang/github.com/gin-gonic/gin@v1.6.0",
                Ecosystem::Go,
                "github.com/gin-gonic/gin",
            ),
            (
                "pkg:composer/symfony/http-kernel@4.4.0",
                Ecosystem::Packagist,
                "symfony/http-kernel",
            ),
            (
                "pkg:cargo/serde_yaml@0.8.1",
                Ecosystem::CratesIo,
                "serde_yaml",
            ),
        ];
        for (purl, ecosystem, name) in cases {
            let parsed = parse_purl(purl).unwrap();
            assert_eq!(parsed.ecosystem, Some(ecosystem), "{purl}");
            assert_eq!(parsed.name, name, "{purl}");
            // The purl Ward writes for the package reads back the same.
            let again = super::super::purl(ecosystem, name, parsed.version.as_deref());
            assert_eq!(parse_purl(&again).unwrap().name, name, "{purl} -> {again}");
        }
        assert!(
            parse_purl("pkg:deb/debian/openssl@1.1.1")
                .unwrap()
                .ecosystem
                .is_none()
        );
        assert!(parse_purl("not a purl").is_none());
    }

    #[test]
    fn cyclonedx_nested_components_with_lines() {
        let text = r#"{
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "components": [
    { "type": "application", "name": "web", "components": [
      { "type": "library", "name": "lodash", "version": "4.17.15", "purl": "pkg:npm/lodash@4.17.15" }
    ]},
    { "type": "library", "name": "openssl", "purl": "pkg:deb/debian/openssl@1.1.1" },
    { "type": "library", "name": "mystery" }
  ]
}"#;
        let (packages, unchecked) = parse(text).unwrap();
        assert_eq!(packages.len(), 1);
        assert_eq!(packages[0].name, "lodash");
        assert_eq!(packages[0].version.as_deref(), Some("4.17.15"));
        assert_eq!(packages[0].line, 6);
        assert_eq!(unchecked.without_purl, 1);
        assert_eq!(unchecked.other_types.get("deb"), Some(&1));
    }

    #[test]
    fn spdx_packages_by_purl() {
        let text = r#"{"spdxVersion": "SPDX-2.3", "packages": [
 {"SPDXID": "SPDXRef-a", "name": "requests", "externalRefs": [
   {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:pypi/requests@2.19.0"}]},
 {"SPDXID": "SPDXRef-b", "name": "no-purl"}
]}"#;
        let (packages, unchecked) = parse(text).unwrap();
        assert_eq!(packages.len(), 1);
        assert_eq!(
            (
                packages[0].ecosystem,
                packages[0].name.as_str(),
                packages[0].line
            ),
            (Ecosystem::PyPI, "requests", 3)
        );
        assert_eq!(unchecked.without_purl, 1);
    }

    #[test]
    fn json_with_a_character_across_byte_4096_is_not_an_sbom_and_no_panic() {
        let mut text = String::from("{\"note\": \"");
        while (4096 - text.len()) % "é".len() == 0 {
            text.push(' ');
        }
        while text.len() < 4200 {
            text.push('é');
        }
        text.push_str("\"}");
        assert!(!text.is_char_boundary(4096));
        assert!(!looks_like_sbom(&text));
        text.insert_str(1, "\"bomFormat\": \"CycloneDX\", ");
        assert!(looks_like_sbom(&text));
    }

    #[test]
    fn other_json_is_an_error() {
        let err = parse(r#"{"name": "x"}"#).unwrap_err();
        assert!(err.message.contains("CycloneDX"), "{err:?}");
        assert!(parse("{\"bomFormat\": ").unwrap_err().line.is_some());
    }
}
