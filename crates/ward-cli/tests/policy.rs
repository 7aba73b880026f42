//! Governed suppressions (`.ward/ignore.toml`) and baselines, end to end through `ward`.
//! Findings come from the marker engine (`WARD-TEST-FINDING:<severity>`).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::write;

fn ward() -> Command {
    let mut cmd = common::ward();
    cmd.env("WARD_TODAY", "2026-06-15");
    cmd
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        "src/app.py",
        "import os\n# WARD-TEST-FINDING:high\n",
    );
    write(
        dir.path(),
        "tests/fixture.py",
        "# WARD-TEST-FINDING:critical\n",
    );
    dir
}

fn json(dir: &Path, extra: &[&str]) -> (Option<i32>, Value, String) {
    let out = ward()
        .arg("scan")
        .arg(dir)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code(),
        report,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn active(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("suppressed").is_none())
        .map(|f| f["location"]["path"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn an_ignore_entry_suppresses_with_reason_owner_and_expiry() {
    let dir = project();
    write(
        dir.path(),
        ".ward/ignore.toml",
        "# Reviewed suppressions.\n[[ignore]]\nrule = \"test/marker\"\npath = \"tests/**\"\nreason = \"fixture for the parser tests\"\nowner = \"alice@example.invalid\"\nexpires = \"2026-12-31\"\n",
    );
    let (code, report, _) = json(dir.path(), &[]);
    assert_eq!(code, Some(1), "src/app.py still blocks");
    assert_eq!(active(&report), ["src/app.py"]);
    let suppressed = &report["findings"][1]["suppressed"];
    assert_eq!(suppressed["kind"], "ignore-file");
    assert_eq!(suppressed["justification"], "fixture for the parser tests");
    assert_eq!(suppressed["owner"], "alice@example.invalid");
    assert_eq!(suppressed["expires"], "2026-12-31");
    assert!(
        suppressed["source"]
            .as_str()
            .unwrap()
            .ends_with(".ward/ignore.toml:2"),
        "{suppressed}"
    );
    assert!(report.get("notices").is_none());
}

#[test]
fn an_expired_entry_stops_suppressing_and_says_so() {
    let dir = project();
    write(
        dir.path(),
        ".ward/ignore.toml",
        "[[ignore]]\nrule = \"marker\"\npath = \"tests/**\"\nreason = \"temporary\"\nexpires = \"2026-01-31\"\n",
    );
    let (_, report, _) = json(dir.path(), &[]);
    assert_eq!(active(&report), ["src/app.py", "tests/fixture.py"]);
    assert_eq!(report["notices"][0]["kind"], "expired-ignore");
    assert!(
        report["notices"][0]["message"]
            .as_str()
            .unwrap()
            .contains("expired on 2026-01-31"),
        "{report}"
    );
    // The table says it too.
    let out = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--color", "never"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("Notice:") && table.contains("expired on 2026-01-31"),
        "{table}"
    );
}

#[test]
fn an_entry_that_matches_nothing_is_reported_and_fails_under_strict() {
    let dir = project();
    write(
        dir.path(),
        ".ward/ignore.toml",
        "[[ignore]]\nrule = \"test/marker\"\npath = \"tests/**\"\nreason = \"fixture\"\n\n[[ignore]]\nrule = \"secrets/aws-access-key-id\"\nreason = \"rotated long ago\"\n",
    );
    let (code, report, _) = json(dir.path(), &["--fail-on", "never"]);
    assert_eq!(code, Some(0));
    assert_eq!(report["notices"][0]["kind"], "unmatched-ignore");
    assert!(
        report["notices"][0]["source"]
            .as_str()
            .unwrap()
            .ends_with(":6")
    );
    let (code, _, stderr) = json(dir.path(), &["--fail-on", "never", "--strict"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("matched nothing"), "{stderr}");
}

#[test]
fn an_entry_without_a_reason_is_an_error_naming_file_and_line() {
    let dir = project();
    write(
        dir.path(),
        ".ward/ignore.toml",
        "[[ignore]]\nrule = \"a\"\nreason = \"ok\"\n\n[[ignore]]\nrule = \"test/marker\"\n",
    );
    let (code, _, stderr) = json(dir.path(), &[]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("ignore.toml:5: every [[ignore]] entry needs a `reason`"),
        "{stderr}"
    );
}

#[test]
fn a_baseline_keeps_old_findings_quiet_across_edits_renames_and_reformatting() {
    let dir = project();
    let root = dir.path();
    let baseline = root.join("base.json");
    ward()
        .args(["baseline", "create"])
        .arg(root)
        .arg("--output")
        .arg(&baseline)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("(2 findings)"));
    let text = fs::read_to_string(&baseline).unwrap();
    assert!(text.contains("\"rule_id\": \"test/marker\""), "{text}");

    let base = baseline.display().to_string();
    let (code, report, _) = json(root, &["--baseline", &base]);
    assert_eq!(code, Some(0));
    assert!(active(&report).is_empty());
    assert_eq!(report["findings"][0]["suppressed"]["kind"], "baseline");

    // Unrelated edits above the finding, and reformatting of its line.
    write(
        root,
        "src/app.py",
        "\"\"\"App.\"\"\"\nimport os\nimport sys\n\n#   WARD-TEST-FINDING:high\n",
    );
    // A rename of an unchanged file.
    fs::rename(
        root.join("tests/fixture.py"),
        root.join("tests/fixture_renamed.py"),
    )
    .unwrap();
    let (code, report, _) = json(root, &["--baseline", &base]);
    assert_eq!(code, Some(0), "{report}");
    assert!(active(&report).is_empty(), "{report}");

    // The same problem appearing in another file is new.
    write(root, "src/other.py", "# WARD-TEST-FINDING:high\n");
    let (code, report, _) = json(root, &["--baseline", &base]);
    assert_eq!(code, Some(1));
    assert_eq!(active(&report), ["src/other.py"]);
}
