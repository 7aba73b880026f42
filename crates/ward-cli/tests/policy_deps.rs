//! The policy on dependency findings: the risk score from CVSS, EPSS and KEV, a `kev` class that
//! always blocks, and GitLab's dependency-scanning report, through `ward` with a database built
//! by `ward db import` from the advisory fixtures.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{git_ok, ward};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ward-advisory/tests/fixtures")
}

fn database() -> tempfile::TempDir {
    let db = tempfile::tempdir().unwrap();
    let out = ward()
        .args(["db", "import"])
        .arg(fixtures())
        .arg("--kev")
        .arg(fixtures().join("kev.json"))
        .arg("--epss")
        .arg(fixtures().join("epss.csv"))
        .arg("--db")
        .arg(db.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// smallvec 1.6.0 (RUSTSEC-2021-0003: CVSS 9.8, not in KEV) and libwebp-sys2 0.1.7
/// (RUSTSEC-2023-0060: CVE-2023-4863, in the KEV fixture).
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("ward.toml"), config).unwrap();
    fs::write(
        dir.path().join("Cargo.lock"),
        "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"libwebp-sys2\", \"smallvec\"]\n\n[[package]]\nname = \"libwebp-sys2\"\nversion = \"0.1.7\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    )
    .unwrap();
    dir
}

fn scan(db: &Path, dir: &Path, extra: &[&str]) -> (i32, Value) {
    let out = ward()
        .args(["scan", "--no-progress", "--format", "json", "--db"])
        .arg(db)
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    (out.status.code().unwrap(), report)
}

fn by_rule<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == rule)
        .unwrap_or_else(|| panic!("{rule} in {report:#}"))
}

#[test]
fn kev_listed_advisories_always_block_and_score_higher() {
    let db = database();
    let dir = project("[policy]\nfail_on = \"never\"\nblock = [\"kev\"]\n");
    let (code, report) = scan(db.path(), dir.path(), &[]);
    assert_eq!(code, 1, "{:#}", report["gate"]);
    let blocking: Vec<&str> = report["gate"]["blocking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(blocking, ["deps/RUSTSEC-2023-0060"]);
    assert_eq!(
        report["gate"]["blocking"][0]["reason"],
        "`kev` findings always block (policy.block)"
    );

    let webp = &by_rule(&report, "deps/RUSTSEC-2023-0060")["risk"];
    assert_eq!(webp["exploit"], 20.0, "{webp}");
    let smallvec = &by_rule(&report, "deps/RUSTSEC-2021-0003")["risk"];
    // CVSS 9.8 is the base; a fixed version exists.
    assert_eq!(smallvec["base_source"], "cvss");
    assert_eq!(smallvec["base"], 98.0);
    assert_eq!(smallvec["fix"], 5.0);
    let exploit = smallvec["exploit"].as_f64().unwrap();
    assert!(exploit > 0.0 && exploit < 20.0, "EPSS points: {exploit}");
}

#[test]
fn an_internal_low_criticality_project_scores_the_same_advisory_lower() {
    let db = database();
    let score = |config: &str| {
        let dir = project(config);
        let (_, report) = scan(db.path(), dir.path(), &["--fail-on", "never"]);
        by_rule(&report, "deps/RUSTSEC-2021-0003")["risk"]["score"]
            .as_u64()
            .unwrap()
    };
    let internet = score("[project]\ncriticality = \"critical\"\nexposure = \"internet\"\n");
    let internal = score("[project]\ncriticality = \"low\"\nexposure = \"internal\"\n");
    assert_eq!(internet, 100);
    assert!(internal < 80, "{internal}");
}

#[test]
fn gitlab_dependency_scanning_report_lists_each_vulnerable_package() {
    let db = database();
    let dir = project("");
    let out_file = dir.path().join("gl-dependency-scanning-report.json");
    let out = ward()
        .args(["scan", "--no-progress", "--fail-on", "never", "--db"])
        .arg(db.path())
        .arg(dir.path())
        .arg("--output")
        .arg(format!("gitlab-dependencies={}", out_file.display()))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(&fs::read_to_string(&out_file).unwrap()).unwrap();
    assert_eq!(report["scan"]["type"], "dependency_scanning");
    let mut packages: Vec<(String, String)> = report["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let dep = &v["location"]["dependency"];
            (
                dep["package"]["name"].as_str().unwrap().to_owned(),
                dep["version"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    packages.sort();
    assert_eq!(
        packages,
        [
            ("libwebp-sys2".to_owned(), "0.1.7".to_owned()),
            ("smallvec".to_owned(), "1.6.0".to_owned())
        ]
    );
}

#[test]
fn since_rev_keeps_only_advisories_that_the_lockfile_change_brought_in() {
    let db = database();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    if !git_ok(root, &["init", "-q"]) {
        eprintln!("skipped: git is not installed");
        return;
    }
    let lock = |packages: &[(&str, &str)]| {
        let mut text =
            String::from("version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n");
        for (name, version) in packages {
            text.push_str("\n[[package]]\nname = \"");
            text.push_str(name);
            text.push_str("\"\nversion = \"");
            text.push_str(version);
            text.push_str(
                "\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
            );
        }
        text
    };
    fs::write(root.join("Cargo.lock"), lock(&[("smallvec", "1.6.0")])).unwrap();
    assert!(git_ok(root, &["add", "."]) && git_ok(root, &["commit", "-qm", "base"]));
    assert!(git_ok(root, &["checkout", "-qb", "feature"]));
    // The branch adds a vulnerable package before the old one: the old entry only moves.
    fs::write(
        root.join("Cargo.lock"),
        lock(&[("libwebp-sys2", "0.1.7"), ("smallvec", "1.6.0")]),
    )
    .unwrap();
    assert!(git_ok(root, &["commit", "-qam", "add libwebp-sys2"]));

    let (code, report) = scan(db.path(), root, &["--since", "main", "--fail-on", "medium"]);
    assert_eq!(code, 1);
    let state = |rule: &str| {
        by_rule(&report, rule)
            .get("suppressed")
            .map(|s| s["kind"].as_str().unwrap().to_owned())
    };
    assert_eq!(state("deps/RUSTSEC-2023-0060"), None, "new: reported");
    assert_eq!(
        state("deps/RUSTSEC-2021-0003").as_deref(),
        Some("unchanged"),
        "already on main: kept as unchanged"
    );
}
