//! `ward serve` killed (SIGKILL) in the middle of uploads: after a restart every scan that was
//! answered is still there, whole; an interrupted scan is either whole or absent, never half
//! stored; and a retry of the interrupted scan id succeeds. On SQLite, and on PostgreSQL when
//! `WARD_TEST_POSTGRES_URL` is set (a schema of its own, dropped at the end).

#![cfg(feature = "server")]
#![allow(clippy::print_stderr)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::Row;
use ward_core::{
    Completeness, Confidence, Finding, GateOutcome, Location, ScanReport, Severity, Span, ToolInfo,
};
use ward_server::wire::{Stage, UploadRequest};

mod common;

const PASSWORD: &str = "a password for the durability test";

/// Findings of each interrupted upload: enough that storing them takes a while.
const FINDINGS: usize = 4000;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `ward serve` on `url`, waited for until it answers.
fn start(url: &str, password_file: &Path) -> (Child, String) {
    let port = free_port();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("ward"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args(["--database", url])
        .arg("--admin-password-file")
        .arg(password_file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_mins(1);
    let client = reqwest::blocking::Client::new();
    while Instant::now() < deadline {
        if client
            .get(format!("{base}/healthz"))
            .send()
            .is_ok_and(|r| r.status().is_success())
        {
            return (child, base);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("ward serve did not start on {url}");
}

/// A complete scan of `count` findings in files `{prefix}/f{n}.py`, on its own branch (so no
/// scan closes another's issues).
fn scan(prefix: &str, count: usize) -> UploadRequest {
    let findings = (0..count)
        .map(|n| {
            let path = format!("{prefix}/f{n}.py");
            Finding {
                rule_id: "secrets/generic-api-key".to_owned(),
                engine: "secrets".to_owned(),
                severity: Severity::High,
                confidence: Confidence::High,
                title: "A generic API key".to_owned(),
                message: format!("An API key is written in {path}"),
                location: Location {
                    snippet: None,
                    span: Span::line(1, 1, 10),
                    path: path.clone(),
                },
                cwe: vec![],
                owasp: vec![],
                remediation: None,
                references: vec![],
                fingerprint: ward_core::fingerprint::compute(
                    "secrets/generic-api-key",
                    &path,
                    "identity",
                    0,
                ),
                detail: ward_core::Detail::default(),
                suppressed: None,
                risk: None,
            }
        })
        .collect();
    UploadRequest {
        scan_id: ward_server::client::new_scan_id(),
        project: "durable".to_owned(),
        branch: prefix.to_owned(),
        commit: "c1".to_owned(),
        stage: Stage::Pr,
        codeowners: None,
        report: ScanReport {
            version: ward_core::REPORT_VERSION,
            tool: ToolInfo {
                name: "ward".into(),
                version: "0.1.0".into(),
                engines: vec!["secrets".into()],
            },
            roots: vec![".".into()],
            started_at: "2026-12-01T10:00:00Z".into(),
            duration_ms: 10,
            findings,
            rules: vec![],
            completeness: Completeness::default(),
            gate: GateOutcome {
                fail_on: None,
                fail_on_risk: None,
                passed: true,
                blocking: vec![],
                warnings: vec![],
            },
            notices: vec![],
        },
    }
}

/// One POST, no retry; the status, or `None` when the connection died.
fn post(base: &str, token: &str, body: &str) -> Option<u16> {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_mins(5))
        .build()
        .unwrap()
        .post(format!("{base}/api/v1/scans"))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .ok()
        .map(|r| r.status().as_u16())
}

/// What the database holds of `scan`: its scan row's finding count, its finding rows, and the
/// issues of its files.
async fn stored(
    db: &ward_server::Db,
    scan: &UploadRequest,
    prefix: &str,
) -> (Option<i64>, i64, i64) {
    let row = sqlx::query("SELECT finding_count FROM scans WHERE id = $1")
        .bind(&scan.scan_id)
        .fetch_optional(&db.pool)
        .await
        .unwrap();
    let findings: i64 = sqlx::query("SELECT COUNT(*) FROM scan_findings WHERE scan_id = $1")
        .bind(&scan.scan_id)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .get(0);
    let issues: i64 = sqlx::query("SELECT COUNT(*) FROM issues WHERE path LIKE $1")
        .bind(format!("{prefix}/%"))
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .get(0);
    (row.map(|r| r.get(0)), findings, issues)
}

/// Whether a write transaction is open in the database right now (the server storing an
/// upload): on SQLite, another writer cannot take the write lock; on PostgreSQL, a session
/// holds a transaction id and last ran an `INSERT` or `UPDATE`.
async fn writing(url: &str) -> bool {
    use sqlx::Connection as _;
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let busy = if url.starts_with("sqlite:") {
        sqlx::query("PRAGMA busy_timeout = 0")
            .execute(&mut conn)
            .await
            .unwrap();
        let free = sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut conn)
            .await
            .is_ok();
        if free {
            sqlx::query("ROLLBACK").execute(&mut conn).await.unwrap();
        }
        !free
    } else {
        let open: i64 = sqlx::query(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
             AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL \
             AND (query LIKE 'INSERT%' OR query LIKE 'UPDATE%')",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .get(0);
        open > 0
    };
    let _ = conn.close().await;
    busy
}

fn check(url: &str) {
    let dir = tempfile::tempdir().unwrap();
    let password_file = dir.path().join("password");
    std::fs::write(&password_file, PASSWORD).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();

    let (mut child, mut base) = start(url, &password_file);
    let token = common::admin_token(&base, PASSWORD, "durability");
    // Answered before any kill.
    let committed = scan("committed", 300);
    let body = serde_json::to_string(&committed).unwrap();
    assert_eq!(post(&base, &token, &body), Some(201));

    // Kill at growing delays into an upload big enough to take a while to store.
    let n = i64::try_from(FINDINGS).unwrap();
    let (mut absent, mut whole) = (0, 0);
    // The last round waits until the server is inside its transaction, then kills it.
    let mut killed_while_writing = false;
    for (round, delay_ms) in [30_u64, 120, 350, 900, 0].into_iter().enumerate() {
        let prefix = format!("round{round}");
        let interrupted = scan(&prefix, FINDINGS);
        let body = serde_json::to_string(&interrupted).unwrap();
        let sender = {
            let (base, token, body) = (base.clone(), token.clone(), body.clone());
            std::thread::spawn(move || post(&base, &token, &body))
        };
        if delay_ms > 0 {
            std::thread::sleep(Duration::from_millis(delay_ms));
        } else {
            let deadline = Instant::now() + Duration::from_mins(1);
            while !killed_while_writing && Instant::now() < deadline && !sender.is_finished() {
                killed_while_writing = runtime.block_on(writing(url));
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let answered = sender.join().unwrap();

        (child, base) = start(url, &password_file);
        let db = runtime.block_on(ward_server::Db::open(url)).unwrap();
        assert_eq!(
            runtime.block_on(stored(&db, &committed, "committed")),
            (Some(300), 300, 300),
            "round {round}: every scan answered before the kill is whole"
        );
        let (row, findings, issues) = runtime.block_on(stored(&db, &interrupted, &prefix));
        let retry = match row {
            None => {
                assert_eq!(
                    (findings, issues),
                    (0, 0),
                    "round {round}: an interrupted scan leaves nothing behind"
                );
                assert_ne!(answered, Some(201), "round {round}: answered, then lost");
                absent += 1;
                201
            }
            Some(count) => {
                assert_eq!(
                    (count, findings, issues),
                    (n, n, n),
                    "round {round}: a stored scan is whole"
                );
                whole += 1;
                200
            }
        };
        assert_eq!(
            post(&base, &token, &body),
            Some(retry),
            "round {round}: the retry of the same scan id succeeds"
        );
        assert_eq!(
            runtime.block_on(stored(&db, &interrupted, &prefix)),
            (Some(n), n, n),
            "round {round}: after the retry the scan is whole"
        );
        runtime.block_on(db.pool.close());
    }
    eprintln!("interrupted uploads: {absent} left nothing behind, {whole} were stored whole");
    assert!(
        killed_while_writing,
        "the last round saw no open write transaction before the upload ended"
    );
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_killed_server_keeps_answered_scans_whole_and_stores_nothing_partial_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    check(&format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("ward.db").display()
    ));
}

#[test]
fn a_killed_server_keeps_answered_scans_whole_and_stores_nothing_partial_on_postgres() {
    let Ok(base) = std::env::var("WARD_TEST_POSTGRES_URL") else {
        eprintln!(
            "skipped: WARD_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)"
        );
        return;
    };
    let schema = format!("ward_kill_{}", ward_server::auth::random_hex(6));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let admin = |sql: String| {
        runtime.block_on(async {
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&base)
                .await
                .expect("PostgreSQL reachable");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        });
    };
    admin(format!("CREATE SCHEMA {schema}"));
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
    let outcome = std::panic::catch_unwind(|| check(&url));
    admin(format!("DROP SCHEMA {schema} CASCADE"));
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
