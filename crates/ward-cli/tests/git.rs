//! `ward scan --history` and `--staged` on repositories built with the `git` command.
//! Secrets are generated at run time.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::{git, token};

/// A new repository in a temp dir, or returns from the test (saying why) when `git` is missing.
/// A macro, not a function: only the test itself may print (clippy's allow-print-in-tests).
macro_rules! new_repo_or_skip {
    () => {{
        if !has_git() {
            eprintln!("skipped: git is not installed");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        dir
    }};
}

fn has_git() -> bool {
    Process::new("git").arg("--version").output().is_ok()
}

fn scan_json(dir: &Path, args: &[&str]) -> Value {
    let out = common::ward()
        .arg("scan")
        .arg(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    })
}

fn secret_findings(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["engine"] == "secrets")
        .collect()
}

#[test]
fn history_finds_a_deleted_secret_once_at_the_commit_that_added_it() {
    let dir = new_repo_or_skip!();
    let root = dir.path();
    let secret = token(1);
    fs::write(
        root.join("config.py"),
        format!("import os\nTOKEN = \"{secret}\"\n"),
    )
    .unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "add config"]);
    let introduced = git(root, &["rev-parse", "HEAD"]);
    let at_introduction = scan_json(root, &[]);
    fs::write(
        root.join("config.py"),
        format!("import os\nimport sys\nTOKEN = \"{secret}\"\n"),
    )
    .unwrap();
    git(root, &["commit", "-qam", "more imports"]);
    fs::write(
        root.join("config.py"),
        "import os\nTOKEN = os.environ['TOKEN']\n",
    )
    .unwrap();
    git(
        root,
        &["commit", "-qam", "read the token from the environment"],
    );

    // The working tree is clean now...
    assert!(secret_findings(&scan_json(root, &[])).is_empty());
    // ...but history still holds the token: one finding, at the commit that introduced it.
    let report = scan_json(root, &["--history"]);
    let findings = secret_findings(&report);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = findings[0];
    assert_eq!(finding["rule_id"], "secrets/github-personal-access-token");
    assert_eq!(finding["location"]["path"], "config.py");
    assert_eq!(finding["location"]["start_line"], 2);
    let commit = &finding["detail"]["extra"]["commit"];
    assert_eq!(commit["id"], introduced.as_str());
    assert_eq!(commit["author"], "Alice");
    assert_eq!(commit["summary"], "add config");
    assert_eq!(commit["date"], "2026-01-02T03:04:05Z");
    // Same fingerprint as the working-tree finding had: a baseline or the server sees one problem.
    assert_eq!(
        finding["fingerprint"],
        secret_findings(&at_introduction)[0]["fingerprint"]
    );
    // The secret is not in the output.
    assert!(!report.to_string().contains(&secret));
    // Only the engines that scan history ran.
    assert_eq!(
        report["tool"]["engines"],
        serde_json::json!(["secrets", "test"])
    );
}

#[test]
fn since_skips_commits_already_scanned() {
    let dir = new_repo_or_skip!();
    let root = dir.path();
    fs::write(root.join("old.env"), format!("TOKEN={}\n", token(2))).unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "old"]);
    let scanned = git(root, &["rev-parse", "HEAD"]);
    fs::write(root.join("new.env"), format!("TOKEN={}\n", token(3))).unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "new"]);
    let all = scan_json(root, &["--history"]);
    assert_eq!(secret_findings(&all).len(), 2);
    let since = scan_json(root, &["--history", "--since", &scanned]);
    let findings = secret_findings(&since);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["location"]["path"], "new.env");
    let range = scan_json(root, &["--history", "--range", &format!("{scanned}..HEAD")]);
    assert_eq!(secret_findings(&range).len(), 1);
}

/// How many commits the scan took from the memory of an earlier one.
fn commits_reused(report: &Value) -> u64 {
    report["completeness"]["cache"]["history_commits_reused"]
        .as_u64()
        .unwrap_or(0)
}

#[test]
fn a_second_history_scan_reads_only_new_commits_and_reports_everything() {
    let dir = new_repo_or_skip!();
    let root = dir.path();
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let scan = |extra: &[&str]| {
        let mut args = vec!["--history", "--cache-dir", cache_dir];
        args.extend_from_slice(extra);
        scan_json(root, &args)
    };
    fs::write(root.join("old.env"), format!("TOKEN={}\n", token(20))).unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "old"]);
    fs::write(root.join("README.md"), "notes\n").unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "docs"]);

    let first = scan(&[]);
    assert_eq!(secret_findings(&first).len(), 1);
    assert_eq!(commits_reused(&first), 0);

    // A nightly scan after one new commit: the two old commits are not walked again, and the
    // old finding is still reported (with its commit), beside the new one.
    fs::write(root.join("new.env"), format!("TOKEN={}\n", token(21))).unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "new"]);
    let second = scan(&[]);
    assert_eq!(commits_reused(&second), 2, "{:#}", second["completeness"]);
    assert_eq!(
        second["completeness"]["files_seen"], 1,
        "only new.env was read"
    );
    let mut paths: Vec<&str> = secret_findings(&second)
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    paths.sort_unstable();
    assert_eq!(paths, ["new.env", "old.env"]);
    let old = secret_findings(&second)
        .into_iter()
        .find(|f| f["location"]["path"] == "old.env")
        .unwrap();
    assert_eq!(old["detail"]["extra"]["commit"]["summary"], "old");
    // The same report as a scan without the memory.
    let fresh = scan_json(root, &["--history", "--no-cache"]);
    let fingerprints = |r: &Value| {
        let mut f: Vec<String> = secret_findings(r)
            .iter()
            .map(|f| f["fingerprint"].to_string())
            .collect();
        f.sort();
        f
    };
    assert_eq!(fingerprints(&second), fingerprints(&fresh));

    // Nothing new: nothing read, the same findings.
    let third = scan(&[]);
    assert_eq!(commits_reused(&third), 3);
    assert_eq!(third["completeness"]["files_seen"], 0);
    assert_eq!(fingerprints(&third), fingerprints(&fresh));

    // History rewritten (the commit with the old secret amended away and the branch
    // reset): the memory no longer describes history, so everything is read again and the
    // rewritten-away secret is gone.
    let main = git(root, &["rev-parse", "--abbrev-ref", "HEAD"]);
    git(root, &["checkout", "-q", "--orphan", "clean"]);
    git(root, &["rm", "-q", "--cached", "old.env"]);
    fs::remove_file(root.join("old.env")).unwrap();
    git(root, &["commit", "-qm", "clean start"]);
    git(root, &["branch", "-D", &main]);
    let rewritten = scan(&[]);
    assert_eq!(commits_reused(&rewritten), 0);
    let paths: Vec<&str> = secret_findings(&rewritten)
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["new.env"]);
}

#[test]
fn staged_scans_the_index_not_the_working_tree() {
    let dir = new_repo_or_skip!();
    let root = dir.path();
    fs::write(root.join("README.md"), "# demo\n").unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "init"]);
    // Staged with a secret, then fixed in the working tree but not re-staged: the commit
    // would still carry the secret, so --staged must report it.
    fs::write(
        root.join("deploy.sh"),
        format!("export GH_TOKEN={}\n", token(4)),
    )
    .unwrap();
    git(root, &["add", "deploy.sh"]);
    fs::write(root.join("deploy.sh"), "export GH_TOKEN=\"$GH_TOKEN\"\n").unwrap();
    // A secret only in the working tree is not part of the commit.
    fs::write(root.join("notes.txt"), format!("{}\n", token(5))).unwrap();

    let out = Command::cargo_bin("ward")
        .unwrap()
        .env("CI", "true")
        .arg("scan")
        .arg(root)
        .args(["--staged", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a staged secret fails the hook");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = secret_findings(&report);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["location"]["path"], "deploy.sh");
    assert_eq!(findings[0]["detail"]["extra"]["staged"], true);
    assert_eq!(report["completeness"]["files_seen"], 1);
}

#[test]
fn history_outside_a_repository_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("ward")
        .unwrap()
        .arg("scan")
        .arg(dir.path())
        .arg("--history")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a git repository"));
}

#[test]
fn since_rev_reports_only_findings_on_changed_lines() {
    let dir = new_repo_or_skip!();
    let root = dir.path();
    fs::write(
        root.join("a.py"),
        "import os\n# WARD-TEST-FINDING:high old\n",
    )
    .unwrap();
    fs::write(root.join("c.py"), "# WARD-TEST-FINDING:high moved\n").unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "base"]);
    git(root, &["checkout", "-qb", "feature"]);
    // Lines added above the old finding, a new finding in the same file, a new file, a rename.
    fs::write(
        root.join("a.py"),
        "\"\"\"Docs.\"\"\"\nimport os\n# WARD-TEST-FINDING:high old\n\n# WARD-TEST-FINDING:high new\n",
    )
    .unwrap();
    fs::write(root.join("b.py"), "# WARD-TEST-FINDING:high added\n").unwrap();
    git(root, &["mv", "c.py", "d.py"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "feature work"]);

    let report = scan_json(root, &["--since", "main"]);
    let mut active: Vec<(String, u64)> = Vec::new();
    let mut unchanged = Vec::new();
    for f in report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["engine"] == "test")
    {
        let key = (
            f["location"]["path"].as_str().unwrap().to_owned(),
            f["location"]["start_line"].as_u64().unwrap(),
        );
        match f.get("suppressed") {
            None => active.push(key),
            Some(s) => {
                assert_eq!(s["kind"], "unchanged");
                unchanged.push(key);
            }
        }
    }
    assert_eq!(active, [("a.py".to_owned(), 5), ("b.py".to_owned(), 1)]);
    assert_eq!(unchanged, [("a.py".to_owned(), 3), ("d.py".to_owned(), 1)]);
    // Without --since every finding counts.
    let all = scan_json(root, &[]);
    let count = all["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["engine"] == "test" && f.get("suppressed").is_none())
        .count();
    assert_eq!(count, 4);
}

#[test]
fn a_secret_in_a_renamed_file_is_one_finding_at_its_first_commit() {
    let dir = new_repo_or_skip!();
    let root = dir.path();
    fs::write(root.join("dev.env"), format!("GH_TOKEN={}\n", token(6))).unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "add env"]);
    let first = git(root, &["rev-parse", "HEAD"]);
    git(root, &["mv", "dev.env", "production.env"]);
    fs::write(
        root.join("production.env"),
        format!("# prod\nGH_TOKEN={}\n", token(6)),
    )
    .unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "rename and edit"]);
    let report = scan_json(root, &["--history"]);
    let findings = secret_findings(&report);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["location"]["path"], "dev.env");
    assert_eq!(
        findings[0]["detail"]["extra"]["commit"]["id"],
        first.as_str()
    );
}

/// Lines of base64 from a seed, shaped like a PEM body (generated: no key sits in this file).
fn pem_body(seed: u64, lines: usize) -> Vec<String> {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut state = seed.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(3);
    (0..lines)
        .map(|_| {
            (0..64)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    alphabet[(state >> 33) as usize % alphabet.len()] as char
                })
                .collect()
        })
        .collect()
}

/// History scans search each new version of a file only around what changed since its
/// previous version. A secret completed by a later edit (one line of a key replaced, far from
/// the start of its block), and a secret added to a long file, are still each found once, at
/// the commit that made them, with their place in the file.
#[test]
fn history_finds_secrets_that_later_edits_complete_in_long_files() {
    let dir = new_repo_or_skip!();
    let root = dir.path();
    let filler = |tag: &str, n: usize| -> Vec<String> {
        (0..n)
            .map(|i| format!("def {tag}_{i}(x):  return x + {i}"))
            .collect()
    };
    let kind = "RSA PRIVATE KEY";
    let write = |body: &[String], extra: Option<&str>| {
        let mut lines = filler("head", 200);
        if let Some(extra) = extra {
            lines[149] = extra.to_owned();
        }
        lines.push(format!("-----BEGIN {kind}-----"));
        lines.extend(body.iter().cloned());
        lines.push(format!("-----END {kind}-----"));
        lines.extend(filler("tail", 200));
        fs::write(root.join("deploy.py"), lines.join("\n") + "\n").unwrap();
    };
    let mut body = pem_body(7, 20);
    write(&body, None);
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "add deploy script"]);
    let first = git(root, &["rev-parse", "HEAD"]);
    // One line deep inside the block changes: a different key.
    body[15] = pem_body(8, 1).remove(0);
    write(&body, None);
    git(root, &["commit", "-qam", "rotate the key"]);
    let second = git(root, &["rev-parse", "HEAD"]);
    let token = token(9);
    write(&body, Some(&format!("GITHUB_TOKEN = \"{token}\"")));
    git(root, &["commit", "-qam", "add a token"]);
    let third = git(root, &["rev-parse", "HEAD"]);

    let report = scan_json(root, &["--history"]);
    let mut found: Vec<(String, u64, String)> = secret_findings(&report)
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_owned(),
                f["location"]["start_line"].as_u64().unwrap(),
                f["detail"]["extra"]["commit"]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect();
    found.sort();
    let mut expected = vec![
        ("secrets/private-key-rsa".to_owned(), 201, first),
        ("secrets/private-key-rsa".to_owned(), 201, second),
        (
            "secrets/github-personal-access-token".to_owned(),
            150,
            third,
        ),
    ];
    expected.sort();
    assert_eq!(found, expected, "{:#?}", secret_findings(&report));
}

/// The first bytes of a PKCS#12 file, then pseudo-random bytes with NULs (binary, as real ones).
fn fake_pkcs12(seed: u64) -> Vec<u8> {
    let mut bytes = vec![
        0x30, 0x82, 0x04, 0x1A, 0x02, 0x01, 0x03, 0x30, 0x82, 0x03, 0xE0, 0x06, 0x09, 0x2A, 0x86,
        0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01,
    ];
    let mut state = seed | 1;
    bytes.extend((0..800).map(|i| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        if i % 50 == 0 { 0 } else { (state >> 24) as u8 }
    }));
    bytes
}

#[test]
fn a_committed_key_store_is_reported_in_the_tree_and_in_history_without_its_bytes() {
    let dir = new_repo_or_skip!();
    let root = dir.path();
    fs::create_dir_all(root.join("certs")).unwrap();
    fs::write(root.join("README.md"), "# service\n").unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "start"]);
    fs::write(root.join("certs/client.pfx"), fake_pkcs12(3)).unwrap();
    // A binary file under another name is still skipped as binary.
    fs::write(root.join("certs/blob.bin"), fake_pkcs12(4)).unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "add the client certificate"]);
    let introduced = git(root, &["rev-parse", "HEAD"]);

    for (report, in_history) in [
        (scan_json(root, &[]), false),
        (scan_json(root, &["--history"]), true),
    ] {
        let findings = secret_findings(&report);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let finding = findings[0];
        assert_eq!(finding["rule_id"], "secrets/keystore-file");
        assert_eq!(finding["location"]["path"], "certs/client.pfx");
        assert!(finding["location"]["snippet"].is_null(), "{finding:#}");
        if in_history {
            assert_eq!(
                finding["detail"]["extra"]["commit"]["id"],
                introduced.as_str()
            );
        }
        assert_eq!(
            report["completeness"]["skipped"]["binary"], 1,
            "{}",
            report["completeness"]
        );
    }
}
