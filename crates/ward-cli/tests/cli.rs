//! `ward` end to end: the binary built for tests, which also has the marker engines of
//! `ward_scan::testing` (a line with `WARD-TEST-FINDING:<severity>` is a finding).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::{ward, write};

const HIGH: &str = "WARD-TEST-FINDING:high";

/// A small project: a git root, one finding of each given severity, a binary file.
fn project(severities: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    for (i, severity) in severities.iter().enumerate() {
        write(
            root,
            &format!("src/m{i}.py"),
            format!("import os\n# WARD-TEST-FINDING:{severity}\n"),
        );
    }
    write(root, "README.md", "# demo\n");
    write(root, "logo.png", b"\x89PNG\r\n\x1a\n\0\0");
    dir
}

fn json_of(root: &Path, extra: &[&str]) -> Value {
    let out = ward()
        .arg("scan")
        .arg(root)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn validator(schema_path: &Path) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&fs::read_to_string(schema_path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn clean_tree_exits_zero_with_a_completeness_summary() {
    let dir = project(&[]);
    let assert = ward().arg("scan").arg(dir.path()).assert().code(0);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(stdout.contains("No findings"), "{stdout}");
    // README.md and logo.png are seen; the PNG is skipped as binary.
    for expected in ["2 seen, 1 scanned", "1 skipped (1 binary)", "Gate: passed"] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
}

#[test]
fn gate_decides_the_exit_code() {
    let dir = project(&["medium", "high"]);
    ward().arg("scan").arg(dir.path()).assert().code(1);
    ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--fail-on", "critical"])
        .assert()
        .code(0);
    ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--fail-on", "never"])
        .assert()
        .code(0);
    // The table names each finding, its rule and the verdict.
    let out = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--fail-on", "medium", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8_lossy(&out.stdout);
    for expected in ["src/m0.py", "src/m1.py", "test/marker", "failed"] {
        assert!(
            table.contains(expected),
            "missing {expected:?} in:\n{table}"
        );
    }
    assert!(!table.contains('\u{1b}'), "colour codes with --color never");
}

#[test]
fn fail_on_comes_from_ward_toml_and_the_flag_wins() {
    let dir = project(&["medium"]);
    write(dir.path(), "ward.toml", "[policy]\nfail_on = \"medium\"\n");
    ward().arg("scan").arg(dir.path()).assert().code(1);
    ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--fail-on", "high"])
        .assert()
        .code(0);
}

#[test]
fn missing_path_is_exit_two_with_a_clear_message() {
    ward()
        .args(["scan", "/no/such/dir"])
        .assert()
        .code(2)
        .stderr("error: /no/such/dir: path does not exist\n");
}

#[test]
fn bad_arguments_are_exit_two() {
    let dir = project(&[]);
    ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--fail-on", "severe"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--fail-on: unknown severity `severe`",
        ));
    ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "xml"])
        .assert()
        .code(2);
    ward().args(["scan", "--no-such-flag"]).assert().code(2);
}

#[test]
fn incomplete_scan_fails_closed_only_when_asked() {
    let dir = project(&[]);
    write(dir.path(), "conf/app.yaml", "a: 1\nb: WARD-TEST-ERROR\n");
    let out = ward().arg("scan").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("conf/app.yaml:2"),
        "error listed in summary:\n{table}"
    );
    ward()
        .arg("scan")
        .arg(dir.path())
        .arg("--fail-closed")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("incomplete"));
}

#[test]
fn json_output_is_versioned_valid_and_deterministic() {
    let dir = project(&["low", "critical"]);
    write(dir.path(), "conf/app.yaml", "b: WARD-TEST-ERROR\n");
    let first = json_of(dir.path(), &[]);
    assert_eq!(first["version"], 1);
    let schema = validator(&workspace_root().join("schemas/ward-report.v1.schema.json"));
    let errors: Vec<String> = schema.iter_errors(&first).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let paths: Vec<&str> = first["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["src/m0.py", "src/m1.py"]);
    let c = &first["completeness"];
    assert_eq!(c["files_seen"], 5);
    assert_eq!(c["files_scanned"], 4);
    assert_eq!(c["skipped"]["binary"], 1);
    assert_eq!(c["errors"][0]["path"], "conf/app.yaml");
    assert_eq!(c["errors"][0]["line"], 1);
    assert_eq!(first["gate"]["passed"], false);

    let mut second = json_of(dir.path(), &["--threads", "1"]);
    let mut first = first;
    // Everything but the clock and the result cache's counters is the same, whatever the
    // thread count.
    for report in [&mut first, &mut second] {
        report["duration_ms"] = Value::Null;
        report["started_at"] = Value::Null;
        report["completeness"]["cache"] = Value::Null;
    }
    assert_eq!(first, second);
}

#[test]
fn sarif_validates_and_carries_fingerprints_and_completeness() {
    let dir = project(&["high"]);
    write(dir.path(), "conf/app.yaml", "b: WARD-TEST-ERROR\n");
    let sarif_path = dir.path().join("out.sarif");
    let md_path = dir.path().join("out.md");
    let out = ward()
        .arg("scan")
        .arg(dir.path())
        .arg("--output")
        .arg(format!("sarif={}", sarif_path.display()))
        .arg("--output")
        .arg(format!("markdown={}", md_path.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // With only --output, stdout stays empty and stderr has a one-line summary.
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("ward: 1 findings (1 high)"), "{stderr}");

    let sarif: Value = serde_json::from_str(&fs::read_to_string(&sarif_path).unwrap()).unwrap();
    let schema = validator(
        &workspace_root().join("crates/ward-report/tests/fixtures/sarif-schema-2.1.0.json"),
    );
    let errors: Vec<String> = schema.iter_errors(&sarif).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "test/marker");
    assert_eq!(
        result["partialFingerprints"]["ward/v1"]
            .as_str()
            .unwrap()
            .len(),
        32
    );
    let notifications = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(
        notifications.iter().any(|n| n["message"]["text"]
            .as_str()
            .unwrap()
            .contains("test error marker")),
        "{notifications:#?}"
    );
    let markdown = fs::read_to_string(&md_path).unwrap();
    assert!(markdown.contains("test/marker"), "{markdown}");
}

#[test]
fn junit_and_markdown_render_to_stdout() {
    let dir = project(&["high"]);
    let junit = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "junit"])
        .output()
        .unwrap();
    let junit = String::from_utf8_lossy(&junit.stdout);
    assert!(junit.starts_with("<?xml"), "{junit}");
    assert!(junit.contains("test/marker"), "{junit}");
    let md = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "md"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&md.stdout).contains("src/m0.py"));
}

#[test]
fn fingerprints_are_stable_across_line_shifts_through_the_cli() {
    let dir = project(&["high"]);
    let fp = |v: &Value| {
        v["findings"][0]["fingerprint"]["primary"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let before = fp(&json_of(dir.path(), &[]));
    write(
        dir.path(),
        "src/m0.py",
        format!("\"\"\"Docs.\"\"\"\n\nimport os\nimport sys\n# {HIGH}\n"),
    );
    let after = json_of(dir.path(), &[]);
    assert_eq!(after["findings"][0]["location"]["start_line"], 5);
    assert_eq!(fp(&after), before);
    // Scanning a sub-directory names the file the same way, so the fingerprint holds.
    assert_eq!(fp(&json_of(&dir.path().join("src"), &[])), before);
}

#[test]
fn config_errors_name_file_line_and_key() {
    let dir = project(&[]);
    write(
        dir.path(),
        "ward.toml",
        "[scan]\nexclude = []\nmax_filesize = 1\n",
    );
    ward()
        .arg("scan")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "ward.toml:3:1: unknown field `max_filesize`",
        ));
    write(
        dir.path(),
        "ward.toml",
        "[engines]\ntest = true\nsecretz = false\n",
    );
    ward()
        .arg("scan")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "ward.toml:3: unknown engine `secretz` in [engines]",
        ));
}

#[test]
fn engines_can_be_turned_off_in_ward_toml() {
    let dir = project(&["high"]);
    write(dir.path(), "ward.toml", "[engines]\ntest = false\n");
    let report = json_of(dir.path(), &[]);
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    assert_eq!(
        report["tool"]["engines"],
        serde_json::json!(["secrets", "deps", "sast", "iac", "test-utf8"])
    );
}

#[test]
fn exclude_and_size_limit_from_config_and_flags() {
    let dir = project(&["high", "high"]);
    write(
        dir.path(),
        "ward.toml",
        "[scan]\nexclude = [\"src/m1.py\"]\nmax_file_size = \"1 KiB\"\n",
    );
    write(dir.path(), "dump.sql", "x".repeat(4096));
    let report = json_of(dir.path(), &[]);
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);
    assert_eq!(report["completeness"]["skipped"]["too-large"], 1);
    let report = json_of(
        dir.path(),
        &["--exclude", "src/", "--max-file-size", "1MiB"],
    );
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    assert!(report["completeness"]["skipped"].get("too-large").is_none());
}

#[test]
fn init_writes_a_starter_config_that_scans_cleanly() {
    let dir = project(&[]);
    ward().arg("init").arg(dir.path()).assert().code(0);
    let text = fs::read_to_string(dir.path().join("ward.toml")).unwrap();
    assert!(text.contains("fail_on"), "{text}");
    ward()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    ward().arg("scan").arg(dir.path()).assert().code(0);
}

#[test]
fn rules_list_and_explain_document_every_rule() {
    let out = ward().args(["rules", "list"]).output().unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(list.contains("test/marker"), "{list}");
    let out = ward().args(["explain", "test/marker"]).output().unwrap();
    let doc = String::from_utf8_lossy(&out.stdout);
    for section in [
        "What it finds",
        "Why it matters",
        "How to fix",
        "Example",
        "References",
    ] {
        assert!(doc.contains(section), "missing {section} in:\n{doc}");
    }
    ward()
        .args(["explain", "nope/nothing"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown rule `nope/nothing`"));
}

#[test]
fn version_names_the_engines() {
    ward()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicates::str::contains(concat!(
            "ward ",
            env!("CARGO_PKG_VERSION")
        )))
        .stdout(predicates::str::contains(
            "engines: secrets, deps, sast, iac, test, test-utf8",
        ));
}

#[test]
fn no_progress_output_in_pipes() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..2000 {
        write(dir.path(), &format!("d{}/f{i}.txt", i % 20), "hello\n");
    }
    let out = Command::cargo_bin("ward")
        .unwrap()
        .env_remove("CI")
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("scanning") && !stderr.contains('\r'),
        "{stderr}"
    );
}

/// Permission-denied directories: as root (CI) the scan runs as `nobody` through `setpriv`,
/// since root reads everything.
#[cfg(unix)]
#[test]
fn unreadable_directories_and_files_are_errors_and_the_rest_is_scanned() {
    use std::os::unix::fs::PermissionsExt;
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let has_setpriv = std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok();
    if is_root && !has_setpriv {
        eprintln!("skipped: running as root without setpriv, so nothing is unreadable");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::set_permissions(root, fs::Permissions::from_mode(0o755)).unwrap();
    write(root, "open/a.py", format!("# {HIGH}\n"));
    write(root, "locked/b.py", format!("# {HIGH}\n"));
    write(root, "secret.py", format!("# {HIGH}\n"));
    fs::set_permissions(root.join("open"), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(root.join("open/a.py"), fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(root.join("secret.py"), fs::Permissions::from_mode(0o000)).unwrap();

    let mut cmd = if is_root {
        // Copy the binary where `nobody` can run it.
        let bin = root.join("ward-bin");
        fs::copy(assert_cmd::cargo::cargo_bin("ward"), &bin).unwrap();
        fs::set_permissions(&bin, fs::Permissions::from_mode(0o755)).unwrap();
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin);
        cmd
    } else {
        Command::cargo_bin("ward").unwrap()
    };
    let out = cmd
        .env("CI", "true")
        .arg("scan")
        .arg(root)
        .args(["--format", "json", "--exclude", "ward-bin"])
        .output()
        .unwrap();
    fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!("{}", String::from_utf8_lossy(&out.stderr));
    });
    let errors: Vec<String> = report["completeness"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}: {}",
                e["path"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            "locked: permission denied: the directory or file could not be read",
            "secret.py: permission denied",
        ]
    );
    assert_eq!(report["findings"][0]["location"]["path"], "open/a.py");
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn inline_ignore_keeps_the_finding_as_suppressed_and_passes_the_gate() {
    let dir = project(&[]);
    write(
        dir.path(),
        "src/a.py",
        "# WARD-TEST-FINDING:critical  ward:ignore[test/marker] reviewed fixture\n",
    );
    write(
        dir.path(),
        "src/b.py",
        "# ward:ignore[other/rule]\n# WARD-TEST-FINDING:low\n",
    );
    let out = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Suppressed: 1 finding"), "{table}");
    assert!(
        !table.contains("src/a.py"),
        "suppressed findings are not listed:\n{table}"
    );
    let report = json_of(dir.path(), &["--fail-on", "low"]);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert_eq!(
        findings[0]["suppressed"],
        serde_json::json!({"kind": "inline", "justification": "reviewed fixture"})
    );
    // The other rule's ignore does not cover this one: it blocks at --fail-on low.
    assert!(findings[1].get("suppressed").is_none());
    assert_eq!(report["gate"]["blocking"].as_array().unwrap().len(), 1);
}
