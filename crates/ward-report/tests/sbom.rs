//! CycloneDX 1.6, SPDX 2.3 and OpenVEX output against the official schemas (in `fixtures/`,
//! loaded offline), and what a reader of the documents relies on: purls, licences, the graph.

mod common;

use std::path::PathBuf;

use serde_json::{Value, json};
use ward_core::sbom::{Inventory, InventoryPackage, OperatingSystem, PackageLocation};
use ward_report::{Format, RenderOptions, SbomFormat, SbomOptions, render, render_sbom};

fn fixture(path: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The CycloneDX 1.6 schema with its two references resolved from local files only.
fn cyclonedx_validator() -> jsonschema::Validator {
    let registry = jsonschema::Registry::new()
        .add(
            "http://cyclonedx.org/schema/spdx.schema.json",
            fixture("cyclonedx/spdx.schema.json"),
        )
        .unwrap()
        .add(
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            fixture("cyclonedx/jsf-0.82.schema.json"),
        )
        .unwrap()
        .prepare()
        .unwrap();
    jsonschema::options()
        .with_registry(&registry)
        .offline()
        .build(&fixture("cyclonedx/bom-1.6.schema.json"))
        .unwrap()
}

fn package(ecosystem: &str, name: &str, version: &str, purl: &str, path: &str) -> InventoryPackage {
    InventoryPackage {
        ecosystem: ecosystem.into(),
        name: name.into(),
        version: Some(version.into()),
        purl: purl.into(),
        locations: vec![PackageLocation {
            path: path.into(),
            line: Some(5),
            layer: None,
            layer_created_by: None,
        }],
        ..InventoryPackage::default()
    }
}

fn inventory() -> Inventory {
    let mut lodash = package(
        "npm",
        "lodash",
        "4.17.11",
        "pkg:npm/lodash@4.17.11",
        "web/package-lock.json",
    );
    lodash.license = Some("MIT".into());
    lodash.direct = Some(true);
    lodash.dev = Some(false);
    lodash.depends_on = vec![
        "pkg:npm/%40babel/core@7.0.0".into(),
        // Not in the inventory: must not become a dangling reference.
        "pkg:npm/ghost@1.0.0".into(),
    ];
    let mut babel = package(
        "npm",
        "@babel/core",
        "7.0.0",
        "pkg:npm/%40babel/core@7.0.0",
        "web/package-lock.json",
    );
    babel.license = Some("SEE LICENSE IN LICENSE.md".into());
    babel.dev = Some(true);
    babel.direct = Some(false);
    let mut smallvec = package(
        "crates.io",
        "smallvec",
        "1.6.0",
        "pkg:cargo/smallvec@1.6.0",
        "Cargo.lock",
    );
    smallvec.license = Some("MIT OR Apache-2.0".into());
    smallvec.direct = Some(true);
    smallvec.locations.push(PackageLocation {
        path: "usr/lib/app/Cargo.lock".into(),
        line: None,
        layer: Some("sha256:abc".into()),
        layer_created_by: Some("COPY app /usr/lib/app # buildkit".into()),
    });
    let mut flask = package("PyPI", "flask", "", "pkg:pypi/flask", "requirements.txt");
    flask.version = None;
    Inventory::new("my app", vec![lodash, babel, smallvec, flask])
}

/// The inventory of an image: an operating system and packages found in its layers.
fn image_inventory() -> Inventory {
    let mut inventory = inventory();
    inventory.subject = "example/app:1.0".into();
    inventory.operating_system = Some(OperatingSystem {
        id: "debian".into(),
        version: Some("12".into()),
        pretty_name: Some("Debian GNU/Linux 12 (bookworm)".into()),
    });
    inventory
}

fn options() -> SbomOptions {
    SbomOptions {
        created: "2026-12-02T08:00:00Z".into(),
        tool_version: "0.1.0".into(),
    }
}

fn rendered(format: SbomFormat, inventory: &Inventory) -> Value {
    let mut out = Vec::new();
    render_sbom(format, inventory, &options(), &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn cyclonedx_matches_the_official_1_6_schema() {
    let validator = cyclonedx_validator();
    for inventory in [
        inventory(),
        image_inventory(),
        Inventory::new("empty", Vec::new()),
    ] {
        let bom = rendered(SbomFormat::CycloneDx, &inventory);
        assert_eq!(errors(&validator, &bom), Vec::<String>::new(), "{bom:#}");
    }
    // The validation really runs, with the licence list loaded: a made-up licence id, a bad
    // serial number and a component without a name fail it.
    let mut broken = rendered(SbomFormat::CycloneDx, &inventory());
    broken["serialNumber"] = json!("12345");
    broken["components"][0]["licenses"] = json!([{"license": {"id": "NOT-A-LICENCE"}}]);
    broken["components"][1]
        .as_object_mut()
        .unwrap()
        .remove("name");
    assert!(errors(&validator, &broken).len() >= 3);
}

#[test]
fn cyclonedx_components_licences_and_graph() {
    let bom = rendered(SbomFormat::CycloneDx, &inventory());
    assert_eq!(bom["specVersion"], "1.6");
    assert_eq!(bom["metadata"]["component"]["name"], "my app");
    let components = bom["components"].as_array().unwrap();
    let by_purl = |purl: &str| {
        components
            .iter()
            .find(|c| c["purl"] == purl)
            .unwrap_or_else(|| panic!("{purl} in {components:#?}"))
    };
    let lodash = by_purl("pkg:npm/lodash@4.17.11");
    assert_eq!(lodash["bom-ref"], "pkg:npm/lodash@4.17.11");
    assert_eq!(lodash["licenses"], json!([{"expression": "MIT"}]));
    assert_eq!(lodash["scope"], "required");
    let babel = by_purl("pkg:npm/%40babel/core@7.0.0");
    // Not an SPDX expression: kept as a licence name, never passed off as an id.
    assert_eq!(
        babel["licenses"],
        json!([{"license": {"name": "SEE LICENSE IN LICENSE.md"}}])
    );
    assert_eq!(babel["scope"], "excluded");
    let smallvec = by_purl("pkg:cargo/smallvec@1.6.0");
    let locations: Vec<&Value> = smallvec["properties"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == "ward:location")
        .map(|p| &p["value"])
        .collect();
    assert_eq!(
        locations,
        vec![
            &json!("Cargo.lock:5"),
            &json!(
                "usr/lib/app/Cargo.lock (layer sha256:abc, made by `COPY app /usr/lib/app # buildkit`)"
            )
        ]
    );
    let layer: Vec<(&Value, &Value)> = smallvec["properties"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"].as_str().unwrap().starts_with("ward:layer:"))
        .map(|p| (&p["name"], &p["value"]))
        .collect();
    assert_eq!(
        layer,
        vec![
            (&json!("ward:layer:digest"), &json!("sha256:abc")),
            (
                &json!("ward:layer:created_by"),
                &json!("COPY app /usr/lib/app # buildkit")
            )
        ]
    );
    let flask = by_purl("pkg:pypi/flask");
    assert!(flask.get("version").is_none());

    let dependencies = bom["dependencies"].as_array().unwrap();
    let of = |r: &str| {
        dependencies
            .iter()
            .find(|d| d["ref"] == r)
            .map(|d| d["dependsOn"].clone())
    };
    assert_eq!(
        of("ward:subject"),
        Some(json!([
            "pkg:cargo/smallvec@1.6.0",
            "pkg:npm/lodash@4.17.11"
        ]))
    );
    assert_eq!(
        of("pkg:npm/lodash@4.17.11"),
        Some(json!(["pkg:npm/%40babel/core@7.0.0"]))
    );
}

#[test]
fn spdx_matches_the_official_2_3_schema() {
    let schema = fixture("spdx/spdx-schema.json");
    let validator = jsonschema::options().offline().build(&schema).unwrap();
    for inventory in [
        inventory(),
        image_inventory(),
        Inventory::new("empty", Vec::new()),
    ] {
        let doc = rendered(SbomFormat::Spdx, &inventory);
        assert_eq!(errors(&validator, &doc), Vec::<String>::new(), "{doc:#}");
    }
    let mut broken = rendered(SbomFormat::Spdx, &inventory());
    broken.as_object_mut().unwrap().remove("dataLicense");
    broken["packages"][1]["externalRefs"][0]["referenceCategory"] = json!("PACKAGE_MANAGER");
    assert_eq!(errors(&validator, &broken).len(), 2);
}

#[test]
fn spdx_packages_purls_and_relationships() {
    let doc = rendered(SbomFormat::Spdx, &inventory());
    assert_eq!(doc["spdxVersion"], "SPDX-2.3");
    let namespace = doc["documentNamespace"].as_str().unwrap();
    assert!(
        namespace.starts_with("https://spdx.org/spdxdocs/ward-my-app-"),
        "{namespace}"
    );
    let packages = doc["packages"].as_array().unwrap();
    assert_eq!(packages.len(), 5, "the subject and four packages");
    let id_of = |purl: &str| {
        packages
            .iter()
            .find(|p| p["externalRefs"][0]["referenceLocator"] == purl)
            .unwrap_or_else(|| panic!("{purl}"))
    };
    let smallvec = id_of("pkg:cargo/smallvec@1.6.0");
    assert_eq!(smallvec["licenseDeclared"], "MIT OR Apache-2.0");
    assert_eq!(
        id_of("pkg:npm/%40babel/core@7.0.0")["licenseDeclared"],
        "NOASSERTION"
    );
    let relationships = doc["relationships"].as_array().unwrap();
    let has = |from: &Value, kind: &str, to: &Value| {
        relationships.iter().any(|r| {
            r["spdxElementId"] == *from
                && r["relationshipType"] == kind
                && r["relatedSpdxElement"] == *to
        })
    };
    let lodash = id_of("pkg:npm/lodash@4.17.11");
    let babel = id_of("pkg:npm/%40babel/core@7.0.0");
    assert!(has(
        &json!("SPDXRef-DOCUMENT"),
        "DESCRIBES",
        &json!("SPDXRef-Subject")
    ));
    assert!(has(
        &json!("SPDXRef-Subject"),
        "DEPENDS_ON",
        &lodash["SPDXID"]
    ));
    assert!(has(&lodash["SPDXID"], "DEPENDS_ON", &babel["SPDXID"]));
    assert!(!has(
        &json!("SPDXRef-Subject"),
        "DEPENDS_ON",
        &babel["SPDXID"]
    ));
}

#[test]
fn sbom_output_is_deterministic() {
    let a = rendered(SbomFormat::CycloneDx, &inventory());
    let b = rendered(SbomFormat::CycloneDx, &inventory());
    assert_eq!(a, b);
    let other = Inventory::new("my app", inventory().packages[..2].to_vec());
    assert_ne!(
        a["serialNumber"],
        rendered(SbomFormat::CycloneDx, &other)["serialNumber"]
    );
}

#[test]
fn openvex_matches_the_official_schema() {
    let validator = jsonschema::options()
        .offline()
        .build(&fixture("openvex/openvex_json_schema.json"))
        .unwrap();
    let mut report = common::deps_report();
    report.started_at = "2026-12-02T08:00:00Z".into();
    let mut unreached = report
        .findings
        .iter()
        .find(|f| f.detail.vulnerability.is_some())
        .unwrap()
        .clone();
    {
        let v = unreached.detail.vulnerability.as_mut().unwrap();
        v.package.purl = "pkg:cargo/other@1.0.0".into();
        v.reachability = Some(ward_core::Reachability::NotReachable);
    }
    report.findings.push(unreached);
    let mut out = Vec::new();
    render(
        Format::OpenVex,
        &report,
        &mut out,
        &RenderOptions::default(),
    )
    .unwrap();
    let vex: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(errors(&validator, &vex), Vec::<String>::new(), "{vex:#}");
    let statements = vex["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 2, "{vex:#}");
    let affected = statements
        .iter()
        .find(|s| s["products"][0]["@id"] == "pkg:cargo/smallvec@1.6.0")
        .unwrap();
    assert_eq!(affected["status"], "affected");
    assert_eq!(affected["vulnerability"]["name"], "RUSTSEC-2021-0003");
    assert_eq!(
        affected["vulnerability"]["aliases"],
        json!(["CVE-2021-25900", "GHSA-43w2-9j62-hq99"])
    );
    assert!(
        affected["action_statement"]
            .as_str()
            .unwrap()
            .contains("1.6.1")
    );
    let not_affected = statements
        .iter()
        .find(|s| s["products"][0]["@id"] == "pkg:cargo/other@1.0.0")
        .unwrap();
    assert_eq!(not_affected["status"], "not_affected");
    assert_eq!(
        not_affected["justification"],
        "vulnerable_code_not_in_execute_path"
    );
    let mut broken = vex.clone();
    broken["statements"][0]["status"] = json!("maybe");
    assert!(!errors(&validator, &broken).is_empty());
}
