//! Helpers shared by `ward-cli`'s integration tests: each test file declares `mod common;` and
//! uses what it needs (hence `dead_code` allowed: no file uses all of them).
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

/// The `ward` binary built for the tests (it has the marker engines of `ward_scan::testing`),
/// without the environment a developer's shell could leak into results.
///
/// The result cache goes to a directory of this test process under Cargo's temporary
/// directory, never the user's `~/.cache/ward`: a test must neither read another test's (or a
/// developer's) cached results nor leave its own behind. Tests about the cache pass
/// `--cache-dir` themselves.
pub fn ward() -> Command {
    let mut cmd = Command::cargo_bin("ward").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("WARD_DB")
        .env_remove("WARD_OSV_MIRROR")
        .env_remove("WARD_OFFLINE")
        .env_remove("WARD_TEST_ENGINE_CONFIG")
        .env("WARD_CACHE_DIR", test_cache_dir())
        .env("CI", "true");
    cmd
}

/// The cache directory of this test process (nextest runs each test in its own process).
pub fn test_cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ward-cache-{}", std::process::id()))
}

/// Writes `content` to `root/rel`, creating directories; returns the path.
pub fn write(root: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    path
}

fn git_command(dir: &Path, args: &[&str]) -> Process {
    let mut cmd = Process::new("git");
    cmd.args([
        "-c",
        "user.name=Alice",
        "-c",
        "user.email=alice@example.invalid",
        "-c",
        "commit.gpgsign=false",
        "-c",
        "init.defaultBranch=main",
    ])
    .args(args)
    .current_dir(dir)
    .env("GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z")
    .env("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z");
    cmd
}

/// Runs `git` in `dir` (fixed author and dates); panics if it fails; returns its output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_command(dir, args).output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Runs `git` in `dir`; whether it ran and succeeded (`false` when git is not installed).
pub fn git_ok(dir: &Path, args: &[&str]) -> bool {
    git_command(dir, args)
        .output()
        .is_ok_and(|out| out.status.success())
}

/// A GitHub-classic-shaped token from a seed (a simple LCG: no secret sits in any test file).
pub fn token(seed: u64) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let body: String = (0..36)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            alphabet[(state >> 33) as usize % alphabet.len()] as char
        })
        .collect();
    format!("ghp_{body}")
}

/// `ward db import SOURCE --db DB`, which must succeed (its stderr is shown when it does not).
pub fn db_import(source: impl AsRef<Path>, db: impl AsRef<Path>) {
    let out = ward()
        .args(["db", "import"])
        .arg(source.as_ref())
        .arg("--db")
        .arg(db.as_ref())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Logs in to a `ward serve` at `base` as `admin` and creates an API token named `name`.
pub fn admin_token(base: &str, password: &str, name: &str) -> String {
    use serde_json::{Value, json};
    let client = reqwest::blocking::Client::new();
    let response = client
        .post(format!("{base}/api/v1/login"))
        .header("content-type", "application/json")
        .body(json!({ "username": "admin", "password": password }).to_string())
        .send()
        .unwrap();
    assert!(response.status().is_success(), "{:?}", response.status());
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let body: Value = response.json().unwrap();
    let body: Value = client
        .post(format!("{base}/api/v1/tokens"))
        .header("cookie", cookie)
        .header("x-csrf-token", body["csrf_token"].as_str().unwrap())
        .header("content-type", "application/json")
        .body(json!({ "name": name }).to_string())
        .send()
        .unwrap()
        .json()
        .unwrap();
    body["token"].as_str().unwrap().to_owned()
}
