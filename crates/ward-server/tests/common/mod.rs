//! The test harness: a real server on a free port over a real database, SQLite (a temporary
//! file) or PostgreSQL (a schema of its own in `WARD_TEST_POSTGRES_URL`, so tests run in
//! parallel). [`both!`] turns one test body into a test per backend.

#![allow(dead_code, clippy::print_stderr)]

use reqwest::StatusCode;
use serde_json::{Value, json};
use ward_core::{
    Completeness, Confidence, Finding, Fingerprint, GateOutcome, Location, ScanError, ScanReport,
    Severity, Span, ToolInfo,
};
use ward_server::wire::{Stage, UploadRequest};
use ward_server::{Db, Running, ServeOptions};

pub const ADMIN_PASSWORD: &str = "correct horse battery staple";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs `$body` (an async block using `server: TestServer`) once per backend.
#[macro_export]
macro_rules! both {
    ($name:ident, |$server:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $server = common::TestServer::start(common::Backend::Sqlite, true)
                    .await
                    .expect("backend available");
                $body
                $server.stop().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($server) = common::TestServer::start(common::Backend::Postgres, true).await
                else {
                    return;
                };
                $body
                $server.stop().await;
            }
        }
    };
}

/// A database for one test, removed at the end.
pub struct TestDb {
    pub url: String,
    cleanup: Option<(String, String)>,
    dir: tempfile::TempDir,
}

impl TestDb {
    /// `None` (after saying why) when PostgreSQL is asked for and `WARD_TEST_POSTGRES_URL` is
    /// unset.
    pub async fn new(backend: Backend) -> Option<TestDb> {
        let dir = tempfile::tempdir().unwrap();
        match backend {
            Backend::Sqlite => Some(TestDb {
                url: ward_server::db::sqlite_url(&dir.path().join("ward.db")),
                cleanup: None,
                dir,
            }),
            Backend::Postgres => {
                let Ok(base) = std::env::var("WARD_TEST_POSTGRES_URL") else {
                    eprintln!(
                        "skipped: WARD_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)"
                    );
                    return None;
                };
                let schema = format!("ward_test_{}", ward_server::auth::random_hex(8));
                sqlx::any::install_default_drivers();
                let pool = sqlx::AnyPool::connect(&base)
                    .await
                    .expect("PostgreSQL reachable");
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                    .execute(&pool)
                    .await
                    .unwrap();
                pool.close().await;
                let sep = if base.contains('?') { '&' } else { '?' };
                Some(TestDb {
                    url: format!("{base}{sep}options=-c%20search_path%3D{schema}"),
                    cleanup: Some((base, schema)),
                    dir,
                })
            }
        }
    }

    pub async fn drop_schema(&mut self) {
        if let Some((base, schema)) = self.cleanup.take()
            && let Ok(pool) = sqlx::AnyPool::connect(&base).await
        {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                .execute(&pool)
                .await;
            pool.close().await;
        }
    }
}

pub struct TestServer {
    pub base: String,
    pub running: Option<Running>,
    pub db: Db,
    pub test_db: TestDb,
    pub client: reqwest::Client,
    /// An API token of the administrator.
    pub admin: String,
    pub backend: Backend,
}

impl TestServer {
    /// A server with the administrator created from a password file (and a token for them)
    /// when `with_admin`, else a server waiting for setup.
    pub async fn start(backend: Backend, with_admin: bool) -> Option<TestServer> {
        let test_db = TestDb::new(backend).await?;
        let password_file = test_db.dir.path().join("admin-password");
        std::fs::write(&password_file, format!("{ADMIN_PASSWORD}\n")).unwrap();
        let options = ServeOptions {
            listen: "127.0.0.1:0".parse().unwrap(),
            database: Some(test_db.url.clone()),
            admin_password_file: with_admin.then_some(password_file),
            // Webhook retries in tenths of a second, so tests see them.
            webhook_retry: ward_server::webhooks::RetryPolicy {
                first_delay: std::time::Duration::from_millis(200),
                max_delay: std::time::Duration::from_secs(1),
                max_attempts: 3,
                timeout: std::time::Duration::from_secs(5),
            },
            ..ServeOptions::default()
        };
        let db = Db::open(&test_db.url).await.expect("database opens");
        let running = ward_server::start_with(db.clone(), &options, &test_db.url)
            .await
            .expect("server starts");
        let base = format!("http://{}", running.addr);
        let mut server = TestServer {
            base,
            running: Some(running),
            db,
            test_db,
            client: reqwest::Client::new(),
            admin: String::new(),
            backend,
        };
        if with_admin {
            let (cookie, csrf) = server
                .login("admin", ADMIN_PASSWORD)
                .await
                .expect("admin logs in");
            server.admin = server.token_with_session(&cookie, &csrf).await;
        }
        Some(server)
    }

    pub async fn stop(mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await.unwrap();
        }
        self.db.pool.close().await;
        self.test_db.drop_schema().await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let response = request.send().await.expect("server answers");
        let status = response.status();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.send(reqwest::Method::GET, path, Some(token), None)
            .await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, Some(token), Some(body))
            .await
    }

    /// Logs in; returns the session cookie (`name=value`) and the CSRF token.
    pub async fn login(&self, user: &str, password: &str) -> Result<(String, String), StatusCode> {
        let response = self
            .client
            .post(self.url("/api/v1/login"))
            .header("content-type", "application/json")
            .body(json!({ "username": user, "password": password }).to_string())
            .send()
            .await
            .unwrap();
        if !response.status().is_success() {
            return Err(response.status());
        }
        let cookie = response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict")
                && cookie.contains("Secure"),
            "{cookie}"
        );
        let cookie = cookie.split(';').next().unwrap().to_owned();
        let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        Ok((cookie, body["csrf_token"].as_str().unwrap().to_owned()))
    }

    pub async fn token_with_session(&self, cookie: &str, csrf: &str) -> String {
        let response = self
            .client
            .post(self.url("/api/v1/tokens"))
            .header("cookie", cookie)
            .header("x-csrf-token", csrf)
            .header("content-type", "application/json")
            .body(json!({ "name": "test" }).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        body["token"].as_str().unwrap().to_owned()
    }

    /// Creates a user with a role in each of `projects` (created when missing); returns an API
    /// token of theirs.
    pub async fn user(&self, name: &str, roles: &[(&str, &str)]) -> String {
        let password = format!("{name}-password-long-enough");
        let (status, body) = self
            .post(
                "/api/v1/users",
                &self.admin,
                json!({ "name": name, "password": password }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        for (project, role) in roles {
            self.post("/api/v1/projects", &self.admin, json!({ "name": project }))
                .await;
            let (status, body) = self
                .send(
                    reqwest::Method::PUT,
                    &format!("/api/v1/projects/{project}/members/{name}"),
                    Some(&self.admin),
                    Some(json!({ "role": role })),
                )
                .await;
            assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        }
        let (cookie, csrf) = self.login(name, &password).await.unwrap();
        self.token_with_session(&cookie, &csrf).await
    }

    pub async fn upload(&self, token: &str, request: &UploadRequest) -> (StatusCode, Value) {
        self.post(
            "/api/v1/scans",
            token,
            serde_json::to_value(request).unwrap(),
        )
        .await
    }

    /// The project's issues, as (path, state) sorted by path.
    pub async fn issues(&self, project: &str) -> Vec<(String, String)> {
        let (status, body) = self
            .get(
                &format!("/api/v1/projects/{project}/issues?limit=1000"),
                &self.admin,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let mut issues: Vec<(String, String)> = body["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["path"].as_str().unwrap().to_owned(),
                    i["state"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        issues.sort();
        issues
    }

    /// The id of the issue at `path` in `project`.
    pub async fn issue_id(&self, project: &str, path: &str) -> String {
        let (_, body) = self
            .get(
                &format!("/api/v1/projects/{project}/issues?limit=1000"),
                &self.admin,
            )
            .await;
        body["issues"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["path"] == path)
            .unwrap_or_else(|| panic!("no issue at {path}: {body}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

/// A finding of `rule` in `path`, whose fingerprint is derived from both (one per file).
pub fn finding(engine: &str, rule: &str, path: &str, severity: Severity) -> Finding {
    Finding {
        rule_id: rule.to_owned(),
        engine: engine.to_owned(),
        severity,
        confidence: Confidence::High,
        title: format!("{rule} title"),
        message: format!("{rule} found in {path}"),
        location: Location {
            path: path.to_owned(),
            span: Span::line(3, 1, 20),
            snippet: Some("password = \"****\"".to_owned()),
        },
        cwe: vec!["CWE-798".to_owned()],
        owasp: vec![],
        remediation: None,
        references: vec![],
        fingerprint: ward_core::fingerprint::compute(rule, path, "identity", 0),
        detail: ward_core::Detail::default(),
        suppressed: None,
        risk: None,
    }
}

/// A secrets finding at `path` (high severity).
pub fn secret(path: &str) -> Finding {
    finding("secrets", "secrets/generic-api-key", path, Severity::High)
}

/// A report of `findings` by the engines `engines`; incomplete when `complete` is false.
pub fn report(findings: Vec<Finding>, engines: &[&str], complete: bool) -> ScanReport {
    let mut completeness = Completeness {
        files_seen: 10,
        files_scanned: 10,
        ..Completeness::default()
    };
    if !complete {
        completeness
            .errors
            .push(ScanError::file("broken.py", "cannot parse"));
    }
    ScanReport {
        version: ward_core::REPORT_VERSION,
        tool: ToolInfo {
            name: "ward".into(),
            version: "0.1.0".into(),
            engines: engines.iter().map(|e| (*e).to_owned()).collect(),
        },
        roots: vec![".".into()],
        started_at: "2026-12-01T10:00:00Z".into(),
        duration_ms: 1234,
        findings,
        rules: vec![],
        completeness,
        gate: GateOutcome {
            fail_on: Some(Severity::High),
            fail_on_risk: None,
            passed: true,
            blocking: vec![],
            warnings: vec![],
        },
        notices: vec![],
    }
}

/// An upload of a scan of `project` on `branch` at `commit`.
pub fn upload(
    project: &str,
    branch: &str,
    commit: &str,
    stage: Stage,
    report: ScanReport,
) -> UploadRequest {
    UploadRequest {
        scan_id: ward_server::client::new_scan_id(),
        project: project.to_owned(),
        branch: branch.to_owned(),
        commit: commit.to_owned(),
        stage,
        codeowners: None,
        report,
    }
}

pub fn fingerprint_of(finding: &Finding) -> Fingerprint {
    finding.fingerprint.clone()
}
