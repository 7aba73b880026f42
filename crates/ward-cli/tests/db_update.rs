//! `ward db update` against a local HTTP server on 127.0.0.1 serving a fixture export (no test
//! touches the internet), `--offline`, and the stale-database warning of `ward scan`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

mod common;
use common::{ward, write};

const ETAG: &str = "\"export-v1\"";
const LAST_MODIFIED: &str = "Tue, 01 Dec 2026 08:00:00 GMT";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ward-advisory/tests/fixtures/osv")
        .join(name)
}

/// An OSV export as the bucket serves it: a zip of `<ID>.json` records.
fn export_zip() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for name in ["RUSTSEC-2021-0003.json", "RUSTSEC-2018-0005.json"] {
        zip.start_file(name, options).unwrap();
        zip.write_all(&std::fs::read(fixture(name)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// A tiny HTTP/1.1 server: `/crates.io/all.zip` with validators (304 when the request's
/// `If-None-Match` matches), 404 for anything else. It records every request's head and
/// stops after `max_requests` connections.
struct Server {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

fn serve(max_requests: usize) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&requests);
    let body = export_zip();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(max_requests) {
            let Ok(stream) = stream else { continue };
            answer(stream, &body, &seen);
        }
    });
    Server { url, requests }
}

fn answer(mut stream: TcpStream, body: &[u8], seen: &Mutex<Vec<String>>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    seen.lock().unwrap().push(head.clone());
    let path = head.split_whitespace().nth(1).unwrap_or("");
    let matches = head
        .lines()
        .any(|l| l.to_ascii_lowercase().starts_with("if-none-match:") && l.contains(ETAG));
    let response = if path != "/crates.io/all.zip" {
        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
    } else if matches {
        format!("HTTP/1.1 304 Not Modified\r\nETag: {ETAG}\r\nConnection: close\r\n\r\n")
            .into_bytes()
    } else {
        let mut r = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: {}\r\nETag: {ETAG}\r\nLast-Modified: {LAST_MODIFIED}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        r.extend_from_slice(body);
        r
    };
    let _ = stream.write_all(&response);
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        "Cargo.lock",
        "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"smallvec\"]\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    );
    dir
}

fn run(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let output = cmd.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn update_downloads_once_then_asks_conditionally_and_keeps_the_index() {
    let server = serve(3);
    let project = project();
    let db = tempfile::tempdir().unwrap();

    // First run: the project's Cargo.lock says crates.io; the export is downloaded (200).
    let (code, stdout, stderr) = run(ward()
        .args(["db", "update", "--mirror", &server.url, "--db"])
        .arg(db.path())
        .arg(project.path()));
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("crates.io: downloaded"), "{stdout}");
    assert!(stdout.contains("Imported 2 advisories"), "{stdout}");
    {
        let requests = server.requests.lock().unwrap();
        assert_eq!(requests.len(), 1, "{requests:?}");
        assert!(requests[0].starts_with("GET /crates.io/all.zip "));
        assert!(!requests[0].to_ascii_lowercase().contains("if-none-match"));
    }
    let index = db.path().join("index.ward");
    let first = std::fs::read(&index).unwrap();
    let first_modified = std::fs::metadata(&index).unwrap().modified().unwrap();

    // Second run (the mirror from the environment this time): the remembered validators are
    // sent, the server answers 304, and the index is not rebuilt.
    let (code, stdout, stderr) = run(ward()
        .env("WARD_OSV_MIRROR", &server.url)
        .args(["db", "update", "--ecosystem", "crates.io", "--db"])
        .arg(db.path()));
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("crates.io: not modified"), "{stdout}");
    assert!(stdout.contains("the index was not rebuilt"), "{stdout}");
    assert!(!stdout.contains("Imported"), "{stdout}");
    {
        let requests = server.requests.lock().unwrap();
        assert_eq!(requests.len(), 2, "{requests:?}");
        let second = requests[1].to_ascii_lowercase();
        assert!(
            second.contains(&format!("if-none-match: {}", ETAG.to_ascii_lowercase())),
            "{second}"
        );
        assert!(
            second.contains(&format!(
                "if-modified-since: {}",
                LAST_MODIFIED.to_ascii_lowercase()
            )),
            "{second}"
        );
    }
    assert_eq!(std::fs::read(&index).unwrap(), first);
    assert_eq!(
        std::fs::metadata(&index).unwrap().modified().unwrap(),
        first_modified
    );

    // The downloaded advisories are used by a scan.
    let (code, stdout, stderr) = run(ward()
        .args(["scan", "--no-progress", "--format", "json", "--db"])
        .arg(db.path())
        .arg(project.path()));
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule_id"].as_str())
        .collect();
    assert_eq!(rules, ["deps/RUSTSEC-2021-0003"], "{stdout}");

    // An export the server does not have is an error naming the URL; the others stay.
    let (code, _, stderr) = run(ward()
        .args([
            "db",
            "update",
            "--ecosystem",
            "PyPI",
            "--mirror",
            &server.url,
            "--db",
        ])
        .arg(db.path()));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("/PyPI/all.zip: the server answered 404"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&index).unwrap(), first);
}

#[test]
fn offline_never_touches_the_network() {
    let server = serve(1);
    let db = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(ward()
        .args([
            "db",
            "update",
            "--offline",
            "--all",
            "--mirror",
            &server.url,
            "--db",
        ])
        .arg(db.path()));
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    assert!(stderr.contains("--offline"), "{stderr}");
    assert!(stderr.contains("ward db import"), "{stderr}");
    assert!(!db.path().join("index.ward").exists());

    // Global: accepted by `ward scan` too, which then refuses to upload.
    let project = project();
    let (code, _, stderr) = run(ward()
        .env("WARD_TOKEN", "test-token-not-secret")
        .args([
            "scan",
            "--no-progress",
            "--upload",
            &server.url,
            "--project",
            "p",
            "--offline",
        ])
        .arg(project.path()));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--offline"), "{stderr}");
    assert!(server.requests.lock().unwrap().is_empty());
}

#[test]
fn scan_warns_when_the_index_is_older_than_seven_days() {
    let db = tempfile::tempdir().unwrap();
    let loaded = ward_advisory::load::load_paths(&[fixture("RUSTSEC-2021-0003.json")]).unwrap();
    let ten_days_ago = ward_core::time::now_unix() - 10 * 86_400;
    let bytes = ward_advisory::index::build(
        loaded.advisories,
        Vec::new(),
        &ward_advisory::index::Enrichment::default(),
        ten_days_ago,
    );
    ward_advisory::index::write(db.path(), &bytes).unwrap();
    let project = project();
    let (_, stdout, stderr) = run(ward()
        .args(["scan", "--no-progress", "--format", "json", "--db"])
        .arg(db.path())
        .arg(project.path()));
    let report: Value = serde_json::from_str(&stdout).expect(&stderr);
    let stale: Vec<&Value> = report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "stale-data")
        .collect();
    assert_eq!(stale.len(), 1, "{stdout}");
    let message = stale[0]["message"].as_str().unwrap();
    assert!(message.contains("10 days old"), "{message}");
    assert!(message.contains("ward db update"), "{message}");

    // A fresh index gives no such notice.
    let fresh = ward_advisory::index::build(
        ward_advisory::load::load_paths(&[fixture("RUSTSEC-2021-0003.json")])
            .unwrap()
            .advisories,
        Vec::new(),
        &ward_advisory::index::Enrichment::default(),
        ward_core::time::now_unix(),
    );
    ward_advisory::index::write(db.path(), &fresh).unwrap();
    let (_, stdout, _) = run(ward()
        .args([
            "scan",
            "--no-progress",
            "--no-cache",
            "--format",
            "json",
            "--db",
        ])
        .arg(db.path())
        .arg(project.path()));
    assert!(!stdout.contains("stale-data"), "{stdout}");
}
