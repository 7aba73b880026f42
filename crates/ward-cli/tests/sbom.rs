//! `ward sbom`, `ward scan --sbom` and `--vex` end to end, with the advisory fixtures of
//! `ward-advisory` imported into a temporary database.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::ward;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ward-advisory/tests/fixtures")
}

fn import(db: &Path) {
    let output = ward()
        .args(["db", "import"])
        .arg(fixtures())
        .arg("--db")
        .arg(db)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("shop");
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(
        root.join("Cargo.lock"),
        "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"smallvec\"]\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    )
    .unwrap();
    fs::create_dir(root.join("web")).unwrap();
    fs::write(
        root.join("web/package-lock.json"),
        "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"dependencies\": { \"lodash\": \"^4.17.0\" } },\n    \"node_modules/lodash\": { \"version\": \"4.17.11\", \"license\": \"MIT\" }\n  }\n}\n",
    )
    .unwrap();
    fs::write(root.join("requirements.txt"), "Django==2.2.0\nflask\n").unwrap();
    dir
}

fn sbom(project: &Path, format: &str) -> (Value, String) {
    let output = ward()
        .args(["sbom", "--format", format])
        .arg(project)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (serde_json::from_slice(&output.stdout).unwrap(), stderr)
}

fn rule_ids(report: &Value, suppressed: bool) -> Vec<String> {
    let mut ids: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("suppressed").is_some() == suppressed)
        .filter_map(|f| f["rule_id"].as_str().map(str::to_owned))
        .collect();
    ids.sort();
    ids
}

#[test]
fn sbom_lists_every_lockfile_package_with_purls_licences_and_the_graph() {
    let dir = project();
    let root = dir.path().join("shop");
    let (bom, stderr) = sbom(&root, "cyclonedx");
    assert!(
        stderr.contains("4 package(s) from 3 lockfile(s)"),
        "{stderr}"
    );
    assert_eq!(bom["bomFormat"], "CycloneDX");
    assert_eq!(bom["specVersion"], "1.6");
    assert_eq!(bom["metadata"]["component"]["name"], "shop");
    let purls: Vec<&str> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["purl"].as_str().unwrap())
        .collect();
    assert_eq!(
        purls,
        vec![
            "pkg:cargo/smallvec@1.6.0",
            "pkg:npm/lodash@4.17.11",
            "pkg:pypi/django@2.2.0",
            "pkg:pypi/flask",
        ]
    );
    let lodash = &bom["components"][1];
    assert_eq!(lodash["licenses"][0]["expression"], "MIT");
    assert!(
        lodash["properties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "ward:location" && p["value"] == "web/package-lock.json:5"),
        "{lodash:#}"
    );
    let subject = bom["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["ref"] == "ward:subject")
        .unwrap();
    assert!(
        subject["dependsOn"]
            .as_array()
            .unwrap()
            .contains(&Value::from("pkg:cargo/smallvec@1.6.0"))
    );

    let (spdx, _) = sbom(&root, "spdx");
    assert_eq!(spdx["spdxVersion"], "SPDX-2.3");
    assert_eq!(spdx["packages"].as_array().unwrap().len(), 5);
}

#[test]
fn sbom_of_a_broken_lockfile_warns_and_fail_closed_exits_2() {
    let dir = project();
    let root = dir.path().join("shop");
    fs::write(
        root.join("web/package-lock.json"),
        "{\n  \"packages\": {\n    oops\n",
    )
    .unwrap();
    let (bom, stderr) = sbom(&root, "cyclonedx");
    assert!(stderr.contains("web/package-lock.json:3"), "{stderr}");
    assert_eq!(bom["components"].as_array().unwrap().len(), 3);
    let strict = ward()
        .args(["sbom", "--fail-closed"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(2));
    let bad = ward()
        .args(["sbom", "--format", "xml"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("cyclonedx or spdx"));
}

#[test]
fn scanning_the_sbom_finds_what_scanning_the_project_finds() {
    let db = tempfile::tempdir().unwrap();
    import(db.path());
    let dir = project();
    let root = dir.path().join("shop");
    let scan = |args: &[&str]| -> Value {
        let output = ward()
            .args(["scan", "--no-progress", "--format", "json", "--db"])
            .arg(db.path())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let direct = scan(&[root.to_str().unwrap()]);
    for format in ["cyclonedx", "spdx"] {
        let file = dir.path().join(format!("shop.{format}.json"));
        let output = ward()
            .args(["sbom", "--format", format, "-o"])
            .arg(&file)
            .arg(&root)
            .output()
            .unwrap();
        assert!(output.status.success());
        let from_sbom = scan(&["--sbom", file.to_str().unwrap()]);
        let without_unpinned = |report: &Value| {
            rule_ids(report, false)
                .into_iter()
                .filter(|id| id != "deps/unpinned-requirement")
                .collect::<Vec<_>>()
        };
        assert_eq!(
            without_unpinned(&from_sbom),
            without_unpinned(&direct),
            "{format}"
        );
        assert!(without_unpinned(&direct).contains(&"deps/RUSTSEC-2021-0003".to_owned()));
        // Findings point at the SBOM's own lines.
        let finding = &from_sbom["findings"][0];
        assert!(
            finding["location"]["path"]
                .as_str()
                .unwrap()
                .ends_with(&format!("shop.{format}.json")),
            "{finding:#}"
        );
        assert!(finding["location"]["start_line"].as_u64().unwrap() > 1);
    }
    // Not an SBOM: an error naming the file, and --fail-closed says the scan is incomplete.
    let other = dir.path().join("other.json");
    fs::write(&other, "{\"name\": \"x\"}").unwrap();
    let output = ward()
        .args([
            "scan",
            "--no-progress",
            "--fail-closed",
            "--format",
            "json",
            "--db",
        ])
        .arg(db.path())
        .arg("--sbom")
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let message = report["completeness"]["errors"][0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("CycloneDX"), "{message}");
}

#[test]
fn vex_statements_suppress_with_their_justification() {
    let db = tempfile::tempdir().unwrap();
    import(db.path());
    let dir = project();
    let root = dir.path().join("shop");
    let vex = dir.path().join("shop.vex.json");
    fs::write(
        &vex,
        r#"{
  "@context": "https://openvex.dev/ns/v0.2.0",
  "@id": "https://example.com/vex/shop-1",
  "author": "Shop security",
  "timestamp": "2026-11-30T12:00:00Z",
  "version": 1,
  "statements": [
    {
      "vulnerability": { "name": "RUSTSEC-2021-0003" },
      "products": [ { "@id": "pkg:cargo/smallvec@1.6.0" } ],
      "status": "not_affected",
      "justification": "vulnerable_code_not_in_execute_path",
      "impact_statement": "insert_many is never called"
    }
  ]
}"#,
    )
    .unwrap();
    let output = ward()
        .args(["scan", "--no-progress", "--format", "json", "--db"])
        .arg(db.path())
        .arg("--vex")
        .arg(&vex)
        .arg(&root)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rule_ids(&report, true), vec!["deps/RUSTSEC-2021-0003"]);
    let suppressed = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f.get("suppressed").is_some())
        .unwrap();
    assert_eq!(suppressed["suppressed"]["kind"], "vex");
    let table = ward()
        .args(["scan", "--no-progress", "--color", "never", "--db"])
        .arg(db.path())
        .arg("--vex")
        .arg(&vex)
        .arg(&root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains(
            "VEX RUSTSEC-2021-0003 smallvec@1.6.0: not_affected (vulnerable_code_not_in_execute_path): insert_many is never called"
        ),
        "{text}"
    );

    // The scan's own OpenVEX output leaves the suppressed finding to the document that decided.
    let openvex = ward()
        .args(["scan", "--no-progress", "--format", "openvex", "--db"])
        .arg(db.path())
        .arg("--vex")
        .arg(&vex)
        .arg(&root)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&openvex.stdout).unwrap();
    let names: Vec<&str> = doc["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["vulnerability"]["name"].as_str().unwrap())
        .collect();
    assert!(!names.contains(&"RUSTSEC-2021-0003"), "{names:?}");
    assert!(names.contains(&"GHSA-jf85-cpcp-j695"), "{names:?}");

    // A broken VEX document stops the scan before it starts, naming the file.
    fs::write(&vex, "{\"statements\": [").unwrap();
    let broken = ward()
        .args(["scan", "--no-progress", "--db"])
        .arg(db.path())
        .arg("--vex")
        .arg(&vex)
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("shop.vex.json:1"));
}

#[test]
fn a_project_with_a_web_manifest_is_listed_as_a_project_not_an_image() {
    let dir = project();
    let root = dir.path().join("shop");
    // A web app manifest and an index.json: an image's layout has neither as such.
    fs::write(root.join("manifest.json"), "{\"name\": \"shop\"}\n").unwrap();
    fs::write(root.join("index.json"), "{}\n").unwrap();
    let (bom, stderr) = sbom(&root, "cyclonedx");
    assert!(
        stderr.contains("4 package(s) from 3 lockfile(s)"),
        "{stderr}"
    );
    assert_eq!(bom["metadata"]["component"]["name"], "shop");
}
