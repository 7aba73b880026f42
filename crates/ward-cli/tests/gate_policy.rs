//! The policy as code (`[policy]`, `[project]` in ward.toml), the risk score and
//! `ward policy explain`, end to end through `ward`. Findings come from the marker engine
//! (`WARD-TEST-FINDING:<severity>`, engine `test`, confidence high) and from the secrets engine.

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

/// A project with a high marker in `src/app.py` and a critical one in `tests/fixture.py`.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "ward.toml", config);
    write(
        dir.path(),
        "src/app.py",
        "x = 1\n# WARD-TEST-FINDING:high\n",
    );
    write(
        dir.path(),
        "tests/fixture.py",
        "# WARD-TEST-FINDING:critical\n",
    );
    dir
}

/// An AWS access key id made at test time (`AKIA` and 16 characters of base32), never a real one.
fn fake_aws_key_id() -> String {
    use std::hash::{BuildHasher, RandomState};
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let state = RandomState::new();
    let tail: String = (0..16u64)
        .map(|i| ALPHABET[(state.hash_one(i) % 32) as usize] as char)
        .collect();
    format!("AKIA{tail}")
}

fn scan(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let out = ward()
        .arg("scan")
        .arg(dir)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), report)
}

/// `(rule id, path, reason)` of the gate's blocking list or warnings.
fn reasons(report: &Value, key: &str) -> Vec<(String, String)> {
    let by_fingerprint: std::collections::HashMap<&str, &str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["fingerprint"]["primary"].as_str().unwrap(),
                f["location"]["path"].as_str().unwrap(),
            )
        })
        .collect();
    report["gate"][key]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|r| {
                    (
                        by_fingerprint[r["fingerprint"].as_str().unwrap()].to_owned(),
                        r["reason"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_block_class_fails_the_gate_whatever_fail_on_says() {
    let dir = project("[policy]\nfail_on = \"never\"\nblock = [\"secrets\"]\n");
    let (code, report) = scan(dir.path(), &[]);
    assert_eq!(
        code, 0,
        "no secret yet: nothing blocks under fail_on = never"
    );
    assert_eq!(report["gate"]["passed"], true);

    write(
        dir.path(),
        "src/settings.py",
        format!("AWS_ACCESS_KEY_ID = \"{}\"\n", fake_aws_key_id()),
    );
    let (code, report) = scan(dir.path(), &[]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(
        reasons(&report, "blocking"),
        [(
            "src/settings.py".to_owned(),
            "`secrets` findings always block (policy.block)".to_owned()
        )]
    );
}

#[test]
fn warn_classes_are_reported_but_never_block() {
    let dir = project("[policy]\nfail_on = \"high\"\nwarn = [\"path:tests/**\"]\n");
    let (code, report) = scan(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        reasons(&report, "blocking"),
        [(
            "src/app.py".to_owned(),
            "severity high is at or above high (fail_on)".to_owned()
        )]
    );
    assert_eq!(
        reasons(&report, "warnings"),
        [(
            "tests/fixture.py".to_owned(),
            "`path:tests/**` findings are warn-only (policy.warn)".to_owned()
        )]
    );
    // Both findings are still reported.
    assert_eq!(report["findings"].as_array().unwrap().len(), 2);
}

#[test]
fn overrides_set_thresholds_per_path_and_engine_and_the_last_one_wins() {
    let config = "\
[policy]
fail_on = \"medium\"

[[policy.overrides]]
paths = [\"tests/**\"]
fail_on = \"never\"

[[policy.overrides]]
engines = [\"test\"]
paths = [\"src/**\"]
fail_on = \"critical\"
";
    let dir = project(config);
    let (code, report) = scan(dir.path(), &[]);
    assert_eq!(code, 0, "{:#}", report["gate"]);

    // A later override wins over an earlier one for the findings both select.
    let config = format!(
        "{config}\n[[policy.overrides]]\nrules = [\"test/*\"]\npaths = [\"tests/**\"]\naction = \"block\"\n"
    );
    write(dir.path(), "ward.toml", config);
    let (code, report) = scan(dir.path(), &[]);
    assert_eq!(code, 1);
    let blocking = reasons(&report, "blocking");
    assert_eq!(blocking.len(), 1, "{blocking:?}");
    assert_eq!(blocking[0].0, "tests/fixture.py");
    assert!(
        blocking[0]
            .1
            .starts_with("override at line 13 (rules test/*; paths tests/**) blocks"),
        "{blocking:?}"
    );
}

#[test]
fn fail_on_risk_uses_the_score_and_the_project_context() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "a.py", "# WARD-TEST-FINDING:medium\n");
    // Medium, high confidence, default project: 45 × 1.0 = 45.
    write(
        dir.path(),
        "ward.toml",
        "[policy]\nfail_on = \"never\"\nfail_on_risk = 55\n",
    );
    let (code, report) = scan(dir.path(), &[]);
    assert_eq!(code, 0);
    let risk = &report["findings"][0]["risk"];
    assert_eq!(risk["score"], 45);
    assert_eq!(risk["base_source"], "severity");
    assert_eq!(report["gate"]["fail_on_risk"], 55);

    // A critical, internet-facing project: 45 × 1.2 × 1.1 = 59.4 -> 59, at or above 55.
    write(
        dir.path(),
        "ward.toml",
        "[project]\ncriticality = \"critical\"\nexposure = \"internet\"\n\n[policy]\nfail_on = \"never\"\nfail_on_risk = 55\n",
    );
    let (code, report) = scan(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(report["findings"][0]["risk"]["score"], 59);
    assert_eq!(
        report["gate"]["blocking"][0]["reason"],
        "risk 59 is at or above 55 (fail_on_risk)"
    );
    // The flag wins over the file.
    let (code, _) = scan(dir.path(), &["--fail-on-risk", "60"]);
    assert_eq!(code, 0);
}

#[test]
fn forbidden_inline_suppressions_are_not_honoured_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        "config.py",
        format!(
            "AWS_ACCESS_KEY_ID = \"{}\"  # ward:ignore it is only staging\n",
            fake_aws_key_id()
        ),
    );
    write(dir.path(), "ward.toml", "[policy]\nfail_on = \"high\"\n");
    let (code, report) = scan(dir.path(), &[]);
    assert_eq!(code, 0, "an inline suppression is honoured by default");
    assert_eq!(report["findings"][0]["suppressed"]["kind"], "inline");

    write(
        dir.path(),
        "ward.toml",
        "[policy]\nfail_on = \"high\"\nforbid_inline = [\"secrets\"]\n",
    );
    let (code, report) = scan(dir.path(), &[]);
    assert_eq!(code, 1, "{report:#}");
    assert!(report["findings"][0].get("suppressed").is_none());
    let notice = &report["notices"][0];
    assert_eq!(notice["kind"], "forbidden-inline-suppression");
    assert_eq!(notice["source"], "config.py:1");
    assert!(
        notice["message"]
            .as_str()
            .unwrap()
            .contains("inline suppression is not allowed for `secrets` findings"),
        "{notice}"
    );

    // The ignore file, with a reason and an owner, still can.
    write(
        dir.path(),
        ".ward/ignore.toml",
        "[[ignore]]\nrule = \"secrets/aws-access-key-id\"\npath = \"config.py\"\nreason = \"staging key, rotated weekly\"\nowner = \"sec@example.com\"\nexpires = \"2026-12-31\"\n",
    );
    let (code, report) = scan(dir.path(), &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["findings"][0]["suppressed"]["kind"], "ignore-file");
}

#[test]
fn sort_by_risk_puts_the_riskiest_first_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "a.py", "# WARD-TEST-FINDING:low\n");
    write(dir.path(), "b.py", "# WARD-TEST-FINDING:critical\n");
    write(dir.path(), "c.py", "# WARD-TEST-FINDING:medium\n");
    let order = |report: &Value| -> Vec<(String, u64)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["location"]["path"].as_str().unwrap().to_owned(),
                    f["risk"]["score"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let (_, by_location) = scan(dir.path(), &["--fail-on", "never"]);
    assert_eq!(
        order(&by_location),
        [
            ("a.py".to_owned(), 20),
            ("b.py".to_owned(), 90),
            ("c.py".to_owned(), 45)
        ]
    );
    let (_, by_risk) = scan(dir.path(), &["--fail-on", "never", "--sort", "risk"]);
    assert_eq!(
        order(&by_risk),
        [
            ("b.py".to_owned(), 90),
            ("c.py".to_owned(), 45),
            ("a.py".to_owned(), 20)
        ]
    );
    let table = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--fail-on", "never", "--sort", "risk", "--color", "never"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    let b = table.find("b.py").unwrap();
    let a = table.find("a.py").unwrap();
    assert!(b < a, "{table}");
    assert!(table.contains("risk 90"), "{table}");
}

#[test]
fn markdown_shows_new_versus_baseline_top_risks_and_gate_reasons() {
    let dir = project("[policy]\nfail_on = \"high\"\n");
    ward()
        .args(["baseline", "create"])
        .arg(dir.path())
        .assert()
        .success();
    write(dir.path(), "src/new.py", "# WARD-TEST-FINDING:critical\n");
    let out = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "markdown", "--baseline"])
        .arg(dir.path().join(".ward/baseline.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("**New: 1** not in the baseline · 2 already in the baseline"),
        "{md}"
    );
    assert!(md.contains("### Top risks"), "{md}");
    assert!(
        md.contains("1. **90** `test/marker` at `src/new.py:1`"),
        "{md}"
    );
    assert!(
        md.contains("| 🚫 severity critical is at or above high (fail"),
        "{md}"
    );
}

#[test]
fn policy_explain_prints_the_effective_policy() {
    let config = "\
[project]
criticality = \"high\"
exposure = \"internet\"

[policy]
fail_on = \"medium\"
fail_on_risk = 80
block = [\"secrets\", \"kev\", \"reachable+critical\"]
warn = [\"path:tests/**\"]
forbid_inline = [\"secrets\"]

[[policy.overrides]]
engines = [\"sast\"]
paths = [\"scripts/**\"]
fail_on = \"critical\"
";
    let dir = project(config);
    let out = ward()
        .args(["policy", "explain"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.replace(&dir.path().display().to_string(), "[DIR]");
    insta::assert_snapshot!(text);

    // The command line's flags show as they would apply to a scan.
    let out = ward()
        .args([
            "policy",
            "explain",
            "--fail-on",
            "critical",
            "--fail-on-risk",
            "90",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("severity critical or above"), "{text}");
    assert!(text.contains("risk score 90 or above"), "{text}");
}

#[test]
fn policy_mistakes_name_file_line_and_key() {
    let dir = project("[policy]\nfail_on = \"high\"\nblock = [\"secrets\", \"secretz\"]\n");
    let out = ward().arg("scan").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("ward.toml:3:21: policy.block: unknown class term `secretz`"),
        "{stderr}"
    );

    write(dir.path(), "ward.toml", "[policy]\nfail_on_risk = 150\n");
    let out = ward().arg("scan").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "ward.toml:2:16: policy.fail_on_risk: a risk score is a number from 0 to 100"
        ),
        "{stderr}"
    );

    write(dir.path(), "ward.toml", "[project]\nexposure = \"moon\"\n");
    let out = ward()
        .args(["policy", "explain"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("ward.toml:2:12: project.exposure: unknown exposure `moon`"),
        "{stderr}"
    );
}
