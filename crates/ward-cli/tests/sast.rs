//! The SAST engine through the `ward` binary: findings in JSON and SARIF, rule tests, user
//! rules and their errors, files the engine cannot read.

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;
use common::{ward, write};

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn scan_json(root: &Path) -> Value {
    let out = ward()
        .arg("scan")
        .arg(root)
        .args(["--format", "json", "--no-progress"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

const APP: &str = "import os\nfrom flask import request\n\n\ndef ping():\n    host = request.args.get(\"host\")\n    cmd = \"ping -c 1 \" + host\n    os.system(cmd)\n";

#[test]
fn a_python_file_gets_pattern_and_taint_findings_in_json_and_sarif() {
    let dir = project();
    write(dir.path(), "app.py", APP);
    let report = scan_json(dir.path());
    let findings = report["findings"].as_array().unwrap();
    let ids: Vec<&str> = findings
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["python/os-system", "python/tainted-command"]);
    let taint = &findings[1];
    assert_eq!(taint["engine"], "sast");
    assert_eq!(taint["location"]["start_line"], 8);
    assert_eq!(taint["cwe"], serde_json::json!(["CWE-78"]));
    let steps: Vec<u64> = taint["detail"]["dataflow"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["line"].as_u64().unwrap())
        .collect();
    assert_eq!(steps, vec![6, 6, 7, 8]);

    let out = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "sarif", "--no-progress"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "python/tainted-command")
    );
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["id"] == "python/os-system"));
}

#[test]
fn nosemgrep_and_ward_ignore_suppress_sast_findings() {
    let dir = project();
    write(
        dir.path(),
        "a.py",
        "import os\nos.system(cmd)  # nosemgrep: os-system\n# ward:ignore[python/os-system] reviewed\nos.system(cmd2)\nos.system(cmd3)\n",
    );
    let report = scan_json(dir.path());
    let findings = report["findings"].as_array().unwrap();
    let suppressed: Vec<bool> = findings
        .iter()
        .map(|f| !f["suppressed"].is_null())
        .collect();
    assert_eq!(suppressed, vec![true, true, false]);
}

#[test]
fn rules_test_passes_and_fails_with_a_diff() {
    let dir = project();
    write(
        dir.path(),
        ".ward/rules/no-eval.yaml",
        "rules:\n  - id: no-eval\n    languages: [python]\n    severity: ERROR\n    message: eval\n    pattern: eval(...)\n",
    );
    write(
        dir.path(),
        ".ward/rules/no-eval.py",
        "# ruleid: no-eval\neval(a)\n# ok: no-eval\nliteral_eval(b)\n",
    );
    ward()
        .current_dir(dir.path())
        .args(["rules", "test"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("1 passed, 0 failed"));
    write(
        dir.path(),
        ".ward/rules/no-eval.py",
        "# ruleid: no-eval\nprint(a)\n# ok: no-eval\neval(b)\n",
    );
    ward()
        .current_dir(dir.path())
        .args(["rules", "test", ".ward/rules"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "no-eval.py:2 expected `no-eval` (ruleid), not found: print(a)",
        ))
        .stdout(predicates::str::contains(
            "no-eval.py:4 found `no-eval`, not expected: eval(b)",
        ));
}

/// A directory outside git with a `.ward/rules` folder is a project: its rules run when it or
/// a subdirectory is scanned.
#[test]
fn project_rules_apply_outside_git() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".ward/rules/house.yaml",
        "rules:\n  - id: no-print\n    languages: [python]\n    severity: ERROR\n    message: print of $X\n    pattern: print($X)\n",
    );
    write(dir.path(), "src/a.py", "print(token)\n");
    for root in [dir.path().to_path_buf(), dir.path().join("src")] {
        let report = scan_json(&root);
        let findings = report["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{report:#}");
        assert_eq!(findings[0]["rule_id"], "python/no-print");
        assert_eq!(findings[0]["location"]["path"], "src/a.py");
    }
}

#[test]
fn user_rules_run_and_an_invalid_one_is_reported_with_file_and_line() {
    let dir = project();
    write(
        dir.path(),
        ".ward/rules/house.yaml",
        "rules:\n  - id: no-print\n    languages: [python]\n    severity: ERROR\n    message: print of $X\n    pattern: print($X)\n  - id: broken\n    languages: [python]\n    severity: ERROR\n    message: m\n    pattern-eitherr:\n      - pattern: x\n",
    );
    write(dir.path(), "a.py", "print(secret_value)\n");
    let report = scan_json(dir.path());
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule_id"], "python/no-print");
    assert_eq!(findings[0]["message"], "print of secret_value");
    let errors = report["completeness"]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["line"], 11);
    assert!(errors[0]["path"].as_str().unwrap().ends_with("house.yaml"));
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        message.contains("`pattern-eitherr`: unknown field"),
        "{message}"
    );
    // An incomplete scan fails closed when asked.
    ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--fail-closed", "--no-progress", "--fail-on", "never"])
        .assert()
        .code(2);
}

#[test]
fn invalid_utf8_and_syntax_errors_are_recorded() {
    let dir = project();
    write(dir.path(), "latin1.py", b"s = '\xe9t\xe9'\nos.system(s)\n");
    write(
        dir.path(),
        "broken.js",
        "function (\nchild_process.exec(x);\n",
    );
    let report = scan_json(dir.path());
    let skipped = report["completeness"]["skipped_files"].as_array().unwrap();
    assert!(
        skipped.iter().any(|s| s["path"] == "latin1.py"
            && s["reason"] == "invalid-utf8"
            && s["engine"] == "sast"),
        "{skipped:#?}"
    );
    let errors = report["completeness"]["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["path"] == "broken.js" && e["engine"] == "sast" && e["line"] == 1),
        "{errors:#?}"
    );
}
