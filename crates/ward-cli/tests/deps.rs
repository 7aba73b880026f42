//! Dependency scanning end to end: `ward db import` of advisory fixtures into a temporary
//! database, then `ward scan` of a project with lockfiles.

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
        .arg("--kev")
        .arg(fixtures().join("kev.json"))
        .arg("--epss")
        .arg(fixtures().join("epss.csv"))
        .arg("--db")
        .arg(db)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("Imported 10 advisories"), "{stdout}");
    assert!(
        stderr.contains("broken.json:2"),
        "a broken record is named: {stderr}"
    );
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    fs::write(
        root.join("Cargo.lock"),
        "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"smallvec\"]\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    )
    .unwrap();
    fs::create_dir(root.join("web")).unwrap();
    fs::write(
        root.join("web/package-lock.json"),
        "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"dependencies\": { \"lodash\": \"^4.17.0\" } },\n    \"node_modules/lodash\": { \"version\": \"4.17.11\" }\n  }\n}\n",
    )
    .unwrap();
    fs::write(root.join("requirements.txt"), "Django==2.2.0\nflask\n").unwrap();
    dir
}

#[test]
fn import_then_scan_finds_the_advisories_of_each_lockfile() {
    let db = tempfile::tempdir().unwrap();
    import(db.path());
    let status = ward()
        .args(["db", "status", "--db"])
        .arg(db.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(status.status.success());
    assert!(
        text.contains("crates.io") && text.contains("PyPI") && text.contains("FooPackages"),
        "{text}"
    );
    assert!(text.contains("KEV: 2 entries"), "{text}");

    let project = project();
    let output = ward()
        .args(["scan", "--no-progress", "--format", "json", "--db"])
        .arg(db.path())
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let by_rule = |rule: &str| {
        findings
            .iter()
            .find(|f| f["rule_id"] == rule)
            .unwrap_or_else(|| panic!("{rule} in {findings:#?}"))
    };
    let smallvec = by_rule("deps/RUSTSEC-2021-0003");
    assert_eq!(smallvec["location"]["path"], "Cargo.lock");
    assert_eq!(smallvec["location"]["start_line"], 9);
    assert_eq!(smallvec["severity"], "critical");
    let vuln = &smallvec["detail"]["vulnerability"];
    assert_eq!(vuln["package"]["purl"], "pkg:cargo/smallvec@1.6.0");
    assert_eq!(vuln["fixed_version"], "1.6.1");
    assert_eq!(vuln["advisory_ids"][0], "RUSTSEC-2021-0003");
    assert_eq!(vuln["direct"], true);
    assert!(vuln["epss"]["probability"].as_f64().unwrap() > 0.01);
    assert!(
        vuln["cvss"]["vector"]
            .as_str()
            .unwrap()
            .starts_with("CVSS:3")
    );

    let lodash = by_rule("deps/GHSA-jf85-cpcp-j695");
    assert_eq!(lodash["location"]["path"], "web/package-lock.json");
    assert_eq!(lodash["location"]["start_line"], 5);
    assert_eq!(
        lodash["detail"]["vulnerability"]["fixed_version"],
        "4.17.12"
    );

    let django = by_rule("deps/PYSEC-2019-16");
    assert_eq!(django["detail"]["vulnerability"]["fixed_version"], "2.2.9");
    assert!(
        django["message"]
            .as_str()
            .unwrap()
            .contains("upgrade to 2.2.9")
    );
    by_rule("deps/unpinned-requirement");

    // The rule list documents the advisory rules that have findings.
    let rules: Vec<&str> = report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(rules.contains(&"deps/RUSTSEC-2021-0003"), "{rules:?}");
    assert!(report.get("notices").is_none(), "{:?}", report["notices"]);

    // SARIF carries the same results.
    let sarif = ward()
        .args(["scan", "--no-progress", "--format", "sarif", "--db"])
        .arg(db.path())
        .arg(project.path())
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "deps/GHSA-jf85-cpcp-j695")
    );

    // `ward explain` reads advisory rules from the database.
    let explain = ward()
        .env("WARD_DB", db.path())
        .args(["explain", "deps/RUSTSEC-2021-0003"])
        .output()
        .unwrap();
    assert!(
        explain.status.success(),
        "{}",
        String::from_utf8_lossy(&explain.stderr)
    );
    assert!(String::from_utf8_lossy(&explain.stdout).contains("smallvec"));
}

#[test]
fn without_a_database_the_scan_says_dependencies_were_not_checked() {
    let project = project();
    let empty = tempfile::tempdir().unwrap();
    let output = ward()
        .args(["scan", "--no-progress", "--format", "json", "--db"])
        .arg(empty.path().join("none"))
        .arg(project.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let notices = report["notices"].as_array().unwrap();
    assert_eq!(notices[0]["kind"], "not-checked");
    assert!(
        notices[0]["message"]
            .as_str()
            .unwrap()
            .contains("ward db import")
    );
    let table = ward()
        .args(["scan", "--no-progress", "--color", "never", "--db"])
        .arg(empty.path().join("none"))
        .arg(project.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("NOT checked"));
    let status = ward()
        .args(["db", "status", "--db"])
        .arg(empty.path())
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&status.stderr).contains("ward db import"));
}

#[test]
fn a_broken_lockfile_is_an_error_and_the_rest_of_the_scan_goes_on() {
    let db = tempfile::tempdir().unwrap();
    import(db.path());
    let project = project();
    fs::write(
        project.path().join("web/package-lock.json"),
        "{\n  \"packages\": {\n    oops\n}\n",
    )
    .unwrap();
    // Invalid UTF-8 in a lockfile: skipped for the engine, recorded.
    fs::create_dir(project.path().join("py")).unwrap();
    fs::write(
        project.path().join("py/requirements.txt"),
        b"django==2.2.0\n\xff\xfe\n",
    )
    .unwrap();
    let output = ward()
        .args(["scan", "--no-progress", "--format", "json", "--db"])
        .arg(db.path())
        .arg(project.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors = report["completeness"]["errors"].as_array().unwrap();
    let broken = errors
        .iter()
        .find(|e| e["path"] == "web/package-lock.json")
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(broken["line"], 3);
    assert!(broken["message"].as_str().unwrap().contains("not checked"));
    let skipped = report["completeness"]["skipped_files"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["path"] == "py/requirements.txt" && s["reason"] == "invalid-utf8"),
        "{skipped:#?}"
    );
    // Cargo.lock was still checked.
    let findings = report["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["rule_id"] == "deps/RUSTSEC-2021-0003")
    );
    let strict = ward()
        .args([
            "scan",
            "--no-progress",
            "--fail-closed",
            "--quiet",
            "--format",
            "json",
            "--db",
        ])
        .arg(db.path())
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(2));
}
