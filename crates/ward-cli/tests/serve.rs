//! `ward serve` and `ward scan --upload` end to end: the real binary as server (SQLite in a
//! temporary directory) and as scanner (with the marker engines: a line with
//! `WARD-TEST-FINDING:<severity>` is a finding).

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;

/// The server process, killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ward() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("ward"));
    cmd.env("CI", "true");
    cmd
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_server(dir: &Path, password_file: Option<&Path>) -> Server {
    let port = free_port();
    let mut cmd = ward();
    cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .arg("--database")
        .arg(format!(
            "sqlite://{}?mode=rwc",
            dir.join("ward.db").display()
        ))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(file) = password_file {
        cmd.arg("--admin-password-file").arg(file);
    }
    let child = cmd.spawn().unwrap();
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_mins(1);
    let client = reqwest::blocking::Client::new();
    while Instant::now() < deadline {
        if let Ok(r) = client.get(format!("{}/healthz", server.base)).send()
            && r.status().is_success()
        {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("ward serve did not start");
}

fn issues(server: &Server, token: &str, project: &str) -> Vec<(String, String)> {
    let body: Value = reqwest::blocking::Client::new()
        .get(format!("{}/api/v1/projects/{project}/issues", server.base))
        .bearer_auth(token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    let mut out: Vec<(String, String)> = body["issues"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_owned(),
                i["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

fn upload(project_dir: &Path, server: &Server, token: &str, commit: &str) -> (i32, String) {
    let out = ward()
        .arg("scan")
        .arg(project_dir)
        .args([
            "--no-progress",
            "--format",
            "json",
            "--upload",
            &server.base,
        ])
        .args(["--project", "demo", "--branch", "main", "--commit", commit])
        .args(["--stage", "main"])
        .env("WARD_TOKEN", token)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn scans_uploaded_by_the_cli_become_issues_that_get_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let password_file = dir.path().join("admin-password");
    fs::write(&password_file, "a long admin password\n").unwrap();
    let server = start_server(dir.path(), Some(&password_file));
    let token = common::admin_token(&server.base, "a long admin password", "ci");

    let project = tempfile::tempdir().unwrap();
    fs::create_dir(project.path().join(".git")).unwrap();
    fs::write(project.path().join("a.py"), "# WARD-TEST-FINDING:high\n").unwrap();
    fs::write(project.path().join("b.py"), "# WARD-TEST-FINDING:low\n").unwrap();

    let (code, stderr) = upload(project.path(), &server, &token, "c1");
    assert_eq!(code, 1, "the gate still decides the exit code: {stderr}");
    assert!(
        stderr.contains("2 finding(s), 2 new issue(s), 0 regression(s), 0 fixed"),
        "{stderr}"
    );
    assert_eq!(
        issues(&server, &token, "demo"),
        [
            ("a.py".into(), "open".into()),
            ("b.py".into(), "open".into())
        ]
    );

    fs::write(project.path().join("a.py"), "print('fixed')\n").unwrap();
    let (code, stderr) = upload(project.path(), &server, &token, "c2");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 fixed"), "{stderr}");
    assert_eq!(
        issues(&server, &token, "demo"),
        [
            ("a.py".into(), "fixed".into()),
            ("b.py".into(), "open".into())
        ]
    );
}

#[test]
fn the_cli_uploads_codeowners_and_issues_get_their_owners() {
    let dir = tempfile::tempdir().unwrap();
    let password_file = dir.path().join("admin-password");
    fs::write(&password_file, "a long admin password\n").unwrap();
    let server = start_server(dir.path(), Some(&password_file));
    let token = common::admin_token(&server.base, "a long admin password", "ci");

    let project = tempfile::tempdir().unwrap();
    fs::create_dir(project.path().join(".git")).unwrap();
    fs::create_dir_all(project.path().join(".github")).unwrap();
    fs::create_dir_all(project.path().join("api")).unwrap();
    fs::write(
        project.path().join(".github/CODEOWNERS"),
        "* @acme/platform\n/api/ @acme/api-team\n/web/ web-team\n",
    )
    .unwrap();
    fs::write(project.path().join("a.py"), "# WARD-TEST-FINDING:low\n").unwrap();
    fs::write(project.path().join("api/b.py"), "# WARD-TEST-FINDING:low\n").unwrap();
    let (code, stderr) = upload(project.path(), &server, &token, "c1");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(".github/CODEOWNERS line 3: `web-team` is not an owner"),
        "a bad line is named with its file and number: {stderr}"
    );
    let body: Value = reqwest::blocking::Client::new()
        .get(format!(
            "{}/api/v1/projects/demo/issues?owner=%40acme%2Fapi-team",
            server.base
        ))
        .bearer_auth(&token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    let paths: Vec<&str> = body["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["api/b.py"], "{body}");
}

#[test]
fn upload_problems_are_errors_before_or_after_the_scan() {
    let project = tempfile::tempdir().unwrap();
    fs::create_dir(project.path().join(".git")).unwrap();
    let out = ward()
        .arg("scan")
        .arg(project.path())
        .args(["--upload", "http://127.0.0.1:9", "--project", "demo"])
        .env_remove("WARD_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WARD_TOKEN"));

    let out = ward()
        .arg("scan")
        .arg(project.path())
        .args([
            "--upload",
            "http://127.0.0.1:9",
            "--project",
            "demo",
            "--stage",
            "nightly",
        ])
        .env("WARD_TOKEN", "ward_x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nightly"));

    // A server that refuses the token: exit 2 with the server's reason.
    let dir = tempfile::tempdir().unwrap();
    let password_file = dir.path().join("admin-password");
    fs::write(&password_file, "a long admin password\n").unwrap();
    let server = start_server(dir.path(), Some(&password_file));
    let (code, stderr) = upload(project.path(), &server, "ward_not_a_real_token", "c1");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("401") && stderr.contains("authentication required"),
        "{stderr}"
    );
}

#[test]
fn first_start_prints_a_setup_token_and_no_default_password_exists() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start_server(dir.path(), None);
    let mut stderr = server.child.stderr.take().unwrap();
    let _ = server.child.kill();
    let _ = server.child.wait();
    let mut text = String::new();
    stderr.read_to_string(&mut text).unwrap();
    assert!(text.contains("setup token"), "{text}");
    assert!(text.contains("setup_"), "{text}");
}
