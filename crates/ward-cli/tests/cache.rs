//! The result cache and the budgets, end to end through `ward scan --format json`: what a second
//! scan reads, what a rule change re-runs, torn entries, concurrent scans, eviction, and the
//! time and memory budgets with inputs built to exceed them.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde_json::Value;

mod common;
use common::{ward, write};

/// Sets every file's modification time 10 s back, out of the racy window: the stat then proves
/// a file unchanged.
fn age(root: &Path) {
    age_files(&walk(root));
}

/// [`age`] for some files. (Setting the time changes the inode's change time, which the cache
/// compares too: an aged file counts as changed once.)
fn age_files(files: &[PathBuf]) {
    let then = SystemTime::now() - Duration::from_secs(10);
    for path in files {
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(then).unwrap();
    }
}

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A project: a git root, Python files (one with a finding), a text file, a binary file.
fn project() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "src/app.py",
        "import subprocess\n# WARD-TEST-FINDING:high\nsubprocess.call(cmd, shell=True)\n",
    );
    write(root, "src/util.py", "def helper(x):\n    return x + 1\n");
    write(root, "notes.txt", "nothing to see\n");
    write(root, "logo.png", b"\x89PNG\r\n\x1a\n\0\0");
    age(root);
    (dir, tempfile::tempdir().unwrap())
}

fn scan(root: &Path, cache: &Path, extra: &[&str]) -> (i32, Value) {
    let out = ward()
        .arg("scan")
        .arg(root)
        .args(["--format", "json", "--cache-dir"])
        .arg(cache)
        .args(extra)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), report)
}

fn stat(report: &Value, key: &str) -> u64 {
    report["completeness"]["cache"][key]
        .as_u64()
        .unwrap_or_else(|| panic!("no cache.{key} in {}", report["completeness"]))
}

/// (rule, path, line, fingerprint) of every finding.
fn findings(report: &Value) -> Vec<(String, String, u64, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_owned(),
                f["location"]["path"].as_str().unwrap().to_owned(),
                f["location"]["start_line"].as_u64().unwrap(),
                f["fingerprint"]["primary"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn cuts(report: &Value) -> Vec<(String, Option<String>, String)> {
    report["completeness"]["cut"]
        .as_array()
        .map(|cuts| {
            cuts.iter()
                .map(|c| {
                    (
                        c["path"].as_str().unwrap().to_owned(),
                        c["engine"].as_str().map(str::to_owned),
                        c["budget"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_second_scan_of_an_unchanged_tree_reads_no_file_and_reports_the_same() {
    let (dir, cache) = project();
    let (code1, first) = scan(dir.path(), cache.path(), &[]);
    assert_eq!(stat(&first, "files_read"), 4, "{}", first["completeness"]);
    assert!(stat(&first, "engine_runs") > 0);
    assert!(!findings(&first).is_empty());

    let (code2, second) = scan(dir.path(), cache.path(), &[]);
    assert_eq!(code1, code2);
    assert_eq!(stat(&second, "files_read"), 0, "{}", second["completeness"]);
    assert_eq!(stat(&second, "engine_runs"), 0);
    assert_eq!(stat(&second, "files_unchanged"), 4);
    assert_eq!(findings(&first), findings(&second));
    assert_eq!(
        first["completeness"]["skipped"],
        second["completeness"]["skipped"]
    );
    assert_eq!(
        first["completeness"]["files_scanned"],
        second["completeness"]["files_scanned"]
    );

    // --no-cache reads everything and reports the same, without cache counters.
    let out = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "json", "--no-cache"])
        .output()
        .unwrap();
    let uncached: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(uncached["completeness"].get("cache").is_none());
    assert_eq!(findings(&uncached), findings(&first));
}

#[test]
fn a_changed_file_is_read_again_and_only_it() {
    let (dir, cache) = project();
    scan(dir.path(), cache.path(), &[]);
    write(
        dir.path(),
        "src/util.py",
        "def helper(x):\n    # WARD-TEST-FINDING:critical\n    return x + 2\n",
    );
    let (_, report) = scan(dir.path(), cache.path(), &[]);
    assert_eq!(stat(&report, "files_read"), 1);
    assert_eq!(stat(&report, "files_unchanged"), 3);
    assert!(
        findings(&report)
            .iter()
            .any(|(rule, path, line, _)| rule == "test/marker"
                && path == "src/util.py"
                && *line == 2)
    );
}

#[test]
fn a_rewrite_in_the_same_second_with_the_same_size_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let file = write(dir.path(), "a.txt", "WARD-TEST-FINDING:low\n");
    let (_, first) = scan(dir.path(), cache.path(), &[]);
    let modified = fs::metadata(&file).unwrap().modified().unwrap();
    // Same size, and the old modification time put back (as a coarse clock would leave it).
    fs::write(&file, "WARD-TEST-FINDING:hig\n").unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let (_, second) = scan(dir.path(), cache.path(), &[]);
    assert_eq!(stat(&second, "files_read"), 1);
    assert_ne!(findings(&first), findings(&second));
}

#[test]
fn a_changed_rule_reruns_only_its_engine() {
    let (dir, cache) = project();
    let (_, first) = scan(dir.path(), cache.path(), &[]);
    let engines = first["tool"]["engines"].as_array().unwrap().len() as u64;
    assert!(engines >= 4, "{}", first["tool"]);
    // A project SAST rule: the sast engine's configuration changes, no other's.
    let rule = write(
        dir.path(),
        ".ward/rules/local.yaml",
        "rules:\n  - id: helper-call\n    languages: [python]\n    severity: WARNING\n    message: helper is called\n    pattern: helper(...)\n",
    );
    let new_file = write(dir.path(), "src/use.py", "helper(3)\n");
    age_files(&[rule, new_file]);
    let (_, second) = scan(dir.path(), cache.path(), &[]);
    // The rule file (YAML), the new Python file and the three text files were read again:
    // the new ones for every engine, the old ones for sast only.
    let old_files = 3; // src/app.py, src/util.py, notes.txt (the binary is judged by its stat)
    let new_files = 2; // src/use.py, .ward/rules/local.yaml
    assert_eq!(stat(&second, "files_read"), old_files + new_files);
    assert_eq!(
        stat(&second, "engine_runs"),
        old_files + new_files * engines,
        "{}",
        second["completeness"]
    );
    assert_eq!(
        stat(&second, "engine_results_reused"),
        old_files * (engines - 1)
    );
    assert!(
        findings(&second)
            .iter()
            .any(|(rule, path, _, _)| rule == "python/helper-call" && path == "src/use.py")
    );

    // The test engine's "rules" change through its environment: only it runs again.
    let out = ward()
        .env("WARD_TEST_ENGINE_CONFIG", "v2")
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "json", "--cache-dir"])
        .arg(cache.path())
        .output()
        .unwrap();
    let third: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text_files = 5;
    assert_eq!(stat(&third, "engine_runs"), text_files);
    assert_eq!(
        stat(&third, "engine_results_reused"),
        text_files * (engines - 1)
    );
    assert_eq!(findings(&third), findings(&second));
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    walk(&cache.join("results/v1"))
        .into_iter()
        .filter(|p| p.file_name().unwrap() != "usage")
        .collect()
}

#[test]
fn a_torn_entry_is_ignored_and_rewritten() {
    let (dir, cache) = project();
    let (code1, first) = scan(dir.path(), cache.path(), &[]);
    let torn = entries(cache.path());
    assert!(!torn.is_empty());
    for path in &torn {
        let bytes = fs::read(path).unwrap();
        fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
    }
    let (code2, second) = scan(dir.path(), cache.path(), &[]);
    assert_eq!(code1, code2);
    assert_eq!(stat(&second, "entries_damaged"), torn.len() as u64);
    assert_eq!(findings(&first), findings(&second));
    let (_, third) = scan(dir.path(), cache.path(), &[]);
    assert_eq!(stat(&third, "entries_damaged"), 0);
    assert_eq!(stat(&third, "files_read"), 0);
    assert_eq!(findings(&first), findings(&third));
}

#[test]
fn two_concurrent_scans_share_one_cache_safely() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    for i in 0..300 {
        let body = if i % 3 == 0 {
            format!("x = {i}\n# WARD-TEST-FINDING:medium\n")
        } else {
            format!("x = {i}\n")
        };
        write(dir.path(), &format!("pkg{}/m{i}.py", i % 10), body);
    }
    age(dir.path());
    let spawn = || {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("ward"))
            .arg("scan")
            .arg(dir.path())
            .args(["--format", "json", "--no-progress", "--cache-dir"])
            .arg(cache.path())
            .env("CI", "true")
            .env_remove("WARD_TEST_ENGINE_CONFIG")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_eq!(a.status.code(), b.status.code());
    let a: Value = serde_json::from_slice(&a.stdout).unwrap();
    let b: Value = serde_json::from_slice(&b.stdout).unwrap();
    assert_eq!(findings(&a), findings(&b));
    assert_eq!(findings(&a).len(), 100);
    let (_, after) = scan(dir.path(), cache.path(), &[]);
    assert_eq!(stat(&after, "entries_damaged"), 0);
    assert_eq!(stat(&after, "files_read"), 0);
    assert_eq!(findings(&after), findings(&a));
}

#[test]
fn the_cache_stays_under_its_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "ward.toml", "[cache]\nmax_size = \"16 KiB\"\n");
    for i in 0..60 {
        write(
            dir.path(),
            &format!("f{i}.txt"),
            format!("{i}\n# WARD-TEST-FINDING:low {}\n", "padding ".repeat(40)),
        );
    }
    age(dir.path());
    let (_, first) = scan(dir.path(), cache.path(), &[]);
    assert_eq!(stat(&first, "entries_written"), 60);
    assert!(
        stat(&first, "entries_evicted") > 0,
        "{}",
        first["completeness"]
    );
    let held: u64 = entries(cache.path())
        .iter()
        .map(|p| fs::metadata(p).unwrap().len())
        .sum();
    assert!(held <= 16 * 1024, "{held} bytes held");
    // Evicted results are computed again, from the files.
    let (_, second) = scan(dir.path(), cache.path(), &[]);
    assert!(stat(&second, "files_read") > 0);
    assert_eq!(findings(&first), findings(&second));
}

#[test]
fn the_per_file_time_limit_cuts_a_slow_file_and_fails_closed() {
    let (dir, cache) = project();
    write(dir.path(), "slow.txt", "WARD-TEST-SLOW\n");
    let (code, report) = scan(
        dir.path(),
        cache.path(),
        &["--file-time-limit", "300ms", "--fail-closed"],
    );
    assert_eq!(code, 2);
    assert_eq!(
        cuts(&report),
        vec![("slow.txt".into(), Some("test".into()), "file-time".into())]
    );
    assert!(
        findings(&report)
            .iter()
            .any(|(_, path, _, _)| path == "src/app.py")
    );
    // A cut result is never cached: the next scan tries the file again.
    let (_, again) = scan(dir.path(), cache.path(), &["--file-time-limit", "300ms"]);
    assert_eq!(cuts(&again).len(), 1);
}

#[test]
fn the_per_file_time_limit_cuts_sast_on_a_pathological_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    // About 2 MB of calls every Python rule's prefilter accepts: parsing alone takes longer
    // than the limit.
    let mut big = String::from("import subprocess, os, pickle, yaml\n");
    for i in 0..40_000 {
        writeln!(big, "subprocess.call(cmd{i}, shell=True); eval(x{i})").unwrap();
    }
    write(dir.path(), "big.py", big);
    let out = ward()
        .arg("scan")
        .arg(dir.path())
        .args([
            "--format",
            "json",
            "--no-cache",
            "--fail-closed",
            "--file-time-limit",
            "50ms",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        cuts(&report).contains(&("big.py".into(), Some("sast".into()), "file-time".into())),
        "{}",
        report["completeness"]
    );
}

#[test]
fn the_scan_timeout_cuts_the_files_not_scanned_in_time() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    // Each file keeps the test engine busy until its deadline: the tree takes far longer than
    // the one-second budget.
    for i in 0..40 {
        write(dir.path(), &format!("s{i:02}.txt"), "WARD-TEST-SLOW\n");
    }
    let started = std::time::Instant::now();
    let out = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "json", "--no-cache", "--fail-closed"])
        .args(["--timeout", "1s", "--threads", "2"])
        .output()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cuts = cuts(&report);
    let mut paths: Vec<&str> = cuts.iter().map(|(path, _, _)| path.as_str()).collect();
    paths.dedup();
    assert_eq!(paths.len(), 40, "{cuts:?}");
    assert!(cuts.iter().all(|(_, _, budget)| budget == "timeout"));
    // Files not started are cut as a whole; the ones in progress at the deadline, by engine.
    assert!(cuts.iter().any(|(_, engine, _)| engine.is_none()));
    assert!(
        cuts.iter()
            .any(|(_, engine, _)| engine.as_deref() == Some("test"))
    );
}

#[test]
fn the_memory_budget_cuts_a_file_that_cannot_fit() {
    let (dir, cache) = project();
    write(
        dir.path(),
        "big.txt",
        "a quiet line of text\n".repeat(20_000),
    );
    let (code, report) = scan(
        dir.path(),
        cache.path(),
        &["--max-memory", "64KiB", "--fail-closed"],
    );
    assert_eq!(code, 2);
    assert_eq!(
        cuts(&report),
        vec![("big.txt".into(), None, "memory".into())]
    );
    assert!(
        findings(&report)
            .iter()
            .any(|(_, path, _, _)| path == "src/app.py")
    );
    // Within budget, nothing is cut.
    let (_, roomy) = scan(dir.path(), cache.path(), &["--max-memory", "64MiB"]);
    assert!(cuts(&roomy).is_empty());
}

#[test]
fn a_file_left_out_of_one_scan_keeps_its_cached_result() {
    let (dir, cache) = project();
    let (_, first) = scan(dir.path(), cache.path(), &[]);
    let (_, partial) = scan(dir.path(), cache.path(), &["--exclude", "src/"]);
    assert_eq!(stat(&partial, "files_read"), 0);
    assert_eq!(partial["completeness"]["files_seen"], 2);
    let (_, full) = scan(dir.path(), cache.path(), &[]);
    assert_eq!(stat(&full, "files_read"), 0, "{}", full["completeness"]);
    assert_eq!(findings(&full), findings(&first));
}
