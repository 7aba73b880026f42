//! SBOMs from an [`Inventory`]: CycloneDX 1.6 JSON and SPDX 2.3 JSON.
//!
//! Both are written through our own serde structs: `cyclonedx-bom` stops at CycloneDX 1.5 and
//! `spdx-rs` is no longer maintained. Like every renderer these are pure: the creation time and
//! the tool version come in [`SbomOptions`], and the document's identifiers (CycloneDX serial
//! number, SPDX namespace) are derived from the content and that time, so the same inventory at
//! the same time gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::io::{self, Write};
use std::str::FromStr;

use serde::Serialize;
use sha2::{Digest, Sha256};
use ward_core::sbom::{Inventory, InventoryPackage};

/// An SBOM format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SbomFormat {
    /// CycloneDX 1.6 JSON.
    CycloneDx,
    /// SPDX 2.3 JSON.
    Spdx,
}

impl SbomFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SbomFormat::CycloneDx => "cyclonedx",
            SbomFormat::Spdx => "spdx",
        }
    }
}

impl fmt::Display for SbomFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SbomFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cyclonedx" | "cdx" | "cyclonedx-json" => Ok(SbomFormat::CycloneDx),
            "spdx" | "spdx-json" => Ok(SbomFormat::Spdx),
            other => Err(format!(
                "unknown SBOM format `{other}` (expected cyclonedx or spdx)"
            )),
        }
    }
}

/// What an SBOM states besides the packages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SbomOptions {
    /// When the document was created (`YYYY-MM-DDTHH:MM:SSZ`).
    pub created: String,
    /// Ward's version, named as the creating tool.
    pub tool_version: String,
}

/// Writes the inventory as an SBOM.
pub fn render_sbom(
    format: SbomFormat,
    inventory: &Inventory,
    options: &SbomOptions,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        SbomFormat::CycloneDx => {
            serde_json::to_writer_pretty(&mut *w, &cyclonedx(inventory, options))?;
        }
        SbomFormat::Spdx => serde_json::to_writer_pretty(&mut *w, &spdx(inventory, options))?,
    }
    writeln!(w)
}

/// A UUID-shaped identifier (version 5 and RFC 4122 variant bits) from the content and time.
fn document_uuid(inventory: &Inventory, options: &SbomOptions) -> String {
    let mut hasher = Sha256::new();
    hasher.update(inventory.subject.as_bytes());
    hasher.update([0]);
    hasher.update(options.created.as_bytes());
    for package in &inventory.packages {
        hasher.update([0]);
        hasher.update(package.purl.as_bytes());
    }
    let digest = hasher.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = b.iter().fold(String::new(), |mut out, x| {
        let _ = write!(out, "{x:02x}");
        out
    });
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The licence as a valid SPDX expression, when it is one.
fn spdx_expression(license: &str) -> Option<String> {
    spdx::Expression::parse(license)
        .ok()
        .map(|_| license.trim().to_owned())
}

fn location_text(package: &InventoryPackage) -> Vec<String> {
    package
        .locations
        .iter()
        .map(|l| {
            let mut text = l.path.clone();
            if let Some(line) = l.line {
                let _ = write!(text, ":{line}");
            }
            match (&l.layer, &l.layer_created_by) {
                (Some(layer), Some(step)) => {
                    let _ = write!(text, " (layer {layer}, made by `{}`)", step.trim());
                }
                (Some(layer), None) => {
                    let _ = write!(text, " (layer {layer})");
                }
                _ => {}
            }
            text
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// CycloneDX 1.6

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CdxBom<'a> {
    bom_format: &'static str,
    spec_version: &'static str,
    serial_number: String,
    version: u32,
    metadata: CdxMetadata<'a>,
    components: Vec<CdxComponent<'a>>,
    dependencies: Vec<CdxDependency<'a>>,
}

#[derive(Serialize)]
struct CdxMetadata<'a> {
    timestamp: &'a str,
    tools: CdxTools<'a>,
    component: CdxComponent<'a>,
}

#[derive(Serialize)]
struct CdxTools<'a> {
    components: Vec<CdxComponent<'a>>,
}

#[derive(Serialize)]
struct CdxComponent<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "bom-ref", skip_serializing_if = "Option::is_none")]
    bom_ref: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<CdxLicenseChoice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    purl: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    properties: Vec<CdxProperty>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum CdxLicenseChoice {
    Expression { expression: String },
    License { license: CdxNamedLicense },
}

#[derive(Serialize)]
struct CdxNamedLicense {
    name: String,
}

#[derive(Serialize)]
struct CdxProperty {
    name: &'static str,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CdxDependency<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    depends_on: Vec<&'a str>,
}

const SUBJECT_REF: &str = "ward:subject";
const OS_REF: &str = "ward:operating-system";

fn cyclonedx<'a>(inventory: &'a Inventory, options: &'a SbomOptions) -> CdxBom<'a> {
    let known: std::collections::HashSet<&str> =
        inventory.packages.iter().map(|p| p.purl.as_str()).collect();
    let os_component = inventory.operating_system.as_ref().map(|os| CdxComponent {
        kind: "operating-system",
        bom_ref: Some(OS_REF),
        name: &os.id,
        version: os.version.as_deref(),
        description: os.pretty_name.as_deref(),
        scope: None,
        licenses: Vec::new(),
        purl: None,
        properties: Vec::new(),
    });
    let components = os_component
        .into_iter()
        .chain(inventory.packages.iter().map(|p| {
            let mut properties = vec![CdxProperty {
                name: "ward:ecosystem",
                value: p.ecosystem.clone(),
            }];
            if let Some(direct) = p.direct {
                properties.push(CdxProperty {
                    name: "ward:direct",
                    value: direct.to_string(),
                });
            }
            properties.extend(location_text(p).into_iter().map(|value| CdxProperty {
                name: "ward:location",
                value,
            }));
            // The image layer that introduced the package, and the build step that made it.
            for location in &p.locations {
                if let Some(layer) = &location.layer {
                    properties.push(CdxProperty {
                        name: "ward:layer:digest",
                        value: layer.clone(),
                    });
                }
                if let Some(step) = &location.layer_created_by {
                    properties.push(CdxProperty {
                        name: "ward:layer:created_by",
                        value: step.clone(),
                    });
                }
            }
            CdxComponent {
                kind: "library",
                bom_ref: Some(&p.purl),
                name: &p.name,
                version: p.version.as_deref(),
                description: None,
                // `excluded`: not part of the runtime (development and test packages).
                scope: p.dev.map(|dev| if dev { "excluded" } else { "required" }),
                licenses: p
                    .license
                    .as_deref()
                    .map(|text| match spdx_expression(text) {
                        Some(expression) => CdxLicenseChoice::Expression { expression },
                        None => CdxLicenseChoice::License {
                            license: CdxNamedLicense {
                                name: text.to_owned(),
                            },
                        },
                    })
                    .into_iter()
                    .collect(),
                purl: Some(&p.purl),
                properties,
            }
        }))
        .collect();
    let mut dependencies = vec![CdxDependency {
        reference: SUBJECT_REF,
        depends_on: inventory
            .packages
            .iter()
            .filter(|p| p.direct == Some(true))
            .map(|p| p.purl.as_str())
            .collect(),
    }];
    dependencies.extend(inventory.packages.iter().map(|p| {
        CdxDependency {
            reference: &p.purl,
            depends_on: p
                .depends_on
                .iter()
                .map(String::as_str)
                .filter(|d| known.contains(d))
                .collect(),
        }
    }));
    CdxBom {
        bom_format: "CycloneDX",
        spec_version: "1.6",
        serial_number: format!("urn:uuid:{}", document_uuid(inventory, options)),
        version: 1,
        metadata: CdxMetadata {
            timestamp: &options.created,
            tools: CdxTools {
                components: vec![CdxComponent {
                    kind: "application",
                    bom_ref: None,
                    name: "ward",
                    version: Some(&options.tool_version),
                    description: None,
                    scope: None,
                    licenses: Vec::new(),
                    purl: None,
                    properties: Vec::new(),
                }],
            },
            component: CdxComponent {
                kind: "application",
                bom_ref: Some(SUBJECT_REF),
                name: &inventory.subject,
                version: None,
                description: None,
                scope: None,
                licenses: Vec::new(),
                purl: None,
                properties: Vec::new(),
            },
        },
        components,
        dependencies,
    }
}

// ---------------------------------------------------------------------------------------------
// SPDX 2.3

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpdxDocument<'a> {
    spdx_version: &'static str,
    data_license: &'static str,
    #[serde(rename = "SPDXID")]
    spdx_id: &'static str,
    name: &'a str,
    document_namespace: String,
    creation_info: SpdxCreationInfo,
    packages: Vec<SpdxPackage<'a>>,
    relationships: Vec<SpdxRelationship>,
}

#[derive(Serialize)]
struct SpdxCreationInfo {
    created: String,
    creators: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpdxPackage<'a> {
    #[serde(rename = "SPDXID")]
    spdx_id: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_info: Option<&'a str>,
    download_location: &'static str,
    files_analyzed: bool,
    license_concluded: &'static str,
    license_declared: String,
    copyright_text: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_refs: Vec<SpdxExternalRef<'a>>,
    primary_package_purpose: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    annotations: Vec<SpdxAnnotation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpdxAnnotation {
    annotation_date: String,
    annotation_type: &'static str,
    annotator: String,
    comment: String,
}

// Field names are SPDX's.
#[allow(clippy::struct_field_names)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpdxExternalRef<'a> {
    reference_category: &'static str,
    reference_type: &'static str,
    reference_locator: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpdxRelationship {
    spdx_element_id: String,
    relationship_type: &'static str,
    related_spdx_element: String,
}

const NOASSERTION: &str = "NOASSERTION";
const SPDX_ROOT: &str = "SPDXRef-Subject";
const SPDX_OS: &str = "SPDXRef-OperatingSystem";

fn spdx<'a>(inventory: &'a Inventory, options: &SbomOptions) -> SpdxDocument<'a> {
    let ids: BTreeMap<&str, String> = inventory
        .packages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.purl.as_str(), format!("SPDXRef-Package-{}", i + 1)))
        .collect();
    let mut packages = vec![SpdxPackage {
        spdx_id: SPDX_ROOT.to_owned(),
        name: &inventory.subject,
        version_info: None,
        download_location: NOASSERTION,
        files_analyzed: false,
        license_concluded: NOASSERTION,
        license_declared: NOASSERTION.to_owned(),
        copyright_text: NOASSERTION,
        external_refs: Vec::new(),
        primary_package_purpose: "APPLICATION",
        comment: None,
        annotations: Vec::new(),
    }];
    let mut relationships = vec![SpdxRelationship {
        spdx_element_id: "SPDXRef-DOCUMENT".into(),
        relationship_type: "DESCRIBES",
        related_spdx_element: SPDX_ROOT.into(),
    }];
    if let Some(os) = &inventory.operating_system {
        packages.push(SpdxPackage {
            spdx_id: SPDX_OS.to_owned(),
            name: &os.id,
            version_info: os.version.as_deref(),
            download_location: NOASSERTION,
            files_analyzed: false,
            license_concluded: NOASSERTION,
            license_declared: NOASSERTION.to_owned(),
            copyright_text: NOASSERTION,
            external_refs: Vec::new(),
            primary_package_purpose: "OPERATING_SYSTEM",
            comment: os.pretty_name.clone(),
            annotations: Vec::new(),
        });
        relationships.push(SpdxRelationship {
            spdx_element_id: SPDX_ROOT.into(),
            relationship_type: "CONTAINS",
            related_spdx_element: SPDX_OS.into(),
        });
    }
    let annotator = format!("Tool: ward-{}", options.tool_version);
    for p in &inventory.packages {
        let id = ids[p.purl.as_str()].clone();
        let locations = location_text(p);
        packages.push(SpdxPackage {
            spdx_id: id.clone(),
            name: &p.name,
            version_info: p.version.as_deref(),
            download_location: NOASSERTION,
            files_analyzed: false,
            license_concluded: NOASSERTION,
            license_declared: p
                .license
                .as_deref()
                .and_then(spdx_expression)
                .unwrap_or_else(|| NOASSERTION.to_owned()),
            copyright_text: NOASSERTION,
            external_refs: vec![SpdxExternalRef {
                reference_category: "PACKAGE-MANAGER",
                reference_type: "purl",
                reference_locator: &p.purl,
            }],
            primary_package_purpose: "LIBRARY",
            comment: (!locations.is_empty()).then(|| format!("Found in {}", locations.join(", "))),
            // The image layer that introduced the package, in a form tools can read back.
            annotations: p
                .locations
                .iter()
                .filter_map(|l| {
                    let layer = l.layer.as_ref()?;
                    let mut comment = format!("ward:layer:digest={layer}");
                    if let Some(step) = &l.layer_created_by {
                        let _ = write!(comment, "\nward:layer:created_by={step}");
                    }
                    Some(SpdxAnnotation {
                        annotation_date: options.created.clone(),
                        annotation_type: "OTHER",
                        annotator: annotator.clone(),
                        comment,
                    })
                })
                .collect(),
        });
        if p.direct == Some(true) {
            relationships.push(SpdxRelationship {
                spdx_element_id: SPDX_ROOT.into(),
                relationship_type: "DEPENDS_ON",
                related_spdx_element: id.clone(),
            });
            if p.dev == Some(true) {
                relationships.push(SpdxRelationship {
                    spdx_element_id: id.clone(),
                    relationship_type: "DEV_DEPENDENCY_OF",
                    related_spdx_element: SPDX_ROOT.into(),
                });
            }
        }
        for dep in &p.depends_on {
            if let Some(target) = ids.get(dep.as_str()) {
                relationships.push(SpdxRelationship {
                    spdx_element_id: id.clone(),
                    relationship_type: "DEPENDS_ON",
                    related_spdx_element: target.clone(),
                });
            }
        }
    }
    let slug: String = inventory
        .subject
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    SpdxDocument {
        spdx_version: "SPDX-2.3",
        data_license: "CC0-1.0",
        spdx_id: "SPDXRef-DOCUMENT",
        name: &inventory.subject,
        document_namespace: format!(
            "https://spdx.org/spdxdocs/ward-{slug}-{}",
            document_uuid(inventory, options)
        ),
        creation_info: SpdxCreationInfo {
            created: options.created.clone(),
            creators: vec![format!("Tool: ward-{}", options.tool_version)],
        },
        packages,
        relationships,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_are_expressions_only_when_valid() {
        assert_eq!(
            spdx_expression("MIT OR Apache-2.0").as_deref(),
            Some("MIT OR Apache-2.0")
        );
        assert_eq!(spdx_expression("SEE LICENSE IN LICENSE.md"), None);
    }

    #[test]
    fn uuid_has_the_version_and_variant_bits() {
        let uuid = document_uuid(
            &Inventory::default(),
            &SbomOptions {
                created: "2026-01-01T00:00:00Z".into(),
                tool_version: "0".into(),
            },
        );
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "5");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
    }
}
