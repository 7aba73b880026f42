//! The dashboard end to end in headless Chromium (Debian's `chromium`): a browser signs in
//! through the login form, opens the overview, the issue list and an issue, triages it with the
//! form, and looks at the metrics and project pages. Screenshots of each page are kept under
//! Cargo's target tmp dir (the path is printed).
//!
//! Chromium is driven over the `DevTools` protocol on a pipe (`--remote-debugging-pipe`: JSON
//! messages ending in a NUL byte on file descriptors 3 and 4), so the test needs neither a
//! JavaScript toolchain nor a WebSocket client. Skipped, with a message, when `chromium` is not
//! installed; `.ci/run` installs it.

#![allow(clippy::print_stderr)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use base64::Engine as _;
use common::{ADMIN_PASSWORD, Backend, TestServer, finding, report, secret, upload};
use serde_json::{Value, json};
use ward_core::Severity;
use ward_server::wire::Stage;

/// How long one page may take to load, or one command to answer.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A headless Chromium with one page, driven over the `DevTools` pipe.
struct Browser {
    child: Child,
    commands: ChildStdin,
    answers: Receiver<Value>,
    next_id: u64,
    /// The page's `DevTools` session.
    session: String,
    /// Events read while waiting for an answer, in order.
    backlog: Vec<Value>,
    shots: PathBuf,
}

impl Browser {
    /// `None` when Chromium is not installed.
    fn launch(profile: &Path, shots: PathBuf) -> Option<Browser> {
        let found = Command::new("chromium")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            return None;
        }
        // The shell gives Chromium the pipe's ends as descriptors 3 (commands in) and 4 (answers
        // out), and its own stdout to /dev/null so nothing else lands in the answers.
        let log = std::fs::File::create(shots.join("chromium.log")).unwrap();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 1>/dev/null"#)
            .arg("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--password-store=basic",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("chromium starts");
        let commands = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match reader.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if buf.last() == Some(&0) {
                            buf.pop();
                        }
                        let Ok(message) = serde_json::from_slice::<Value>(&buf) else {
                            continue;
                        };
                        if tx.send(message).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            commands,
            answers: rx,
            next_id: 0,
            session: String::new(),
            backlog: Vec::new(),
            shots,
        };
        let target = browser.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"].as_str().unwrap().to_owned();
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        attached["sessionId"]
            .as_str()
            .unwrap()
            .clone_into(&mut browser.session);
        browser.page("Page.enable", json!({}));
        browser.page(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
        );
        Some(browser)
    }

    fn next(&mut self, deadline: Instant) -> Value {
        match self
            .answers
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("Chromium did not answer in time"),
            Err(RecvTimeoutError::Disconnected) => panic!("Chromium exited"),
        }
    }

    /// Sends a command (to the browser, or to the page's session) and waits for its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method });
        message["params"] = params;
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.commands.write_all(&bytes).unwrap();
        self.commands.flush().unwrap();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.next(deadline);
            if message["id"] == id {
                assert!(
                    message.get("error").is_none(),
                    "{method} failed: {}",
                    message["error"]
                );
                return message["result"].clone();
            }
            self.backlog.push(message);
        }
    }

    fn page(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.call(Some(&session), method, params)
    }

    /// Runs `action`, then waits until the page it leads to has loaded.
    fn and_wait_for_load(&mut self, action: impl FnOnce(&mut Browser)) {
        self.backlog.clear();
        action(self);
        let deadline = Instant::now() + TIMEOUT;
        let loaded = |m: &Value| m["method"] == "Page.loadEventFired";
        if self.backlog.iter().any(loaded) {
            return;
        }
        loop {
            if loaded(&self.next(deadline)) {
                return;
            }
        }
    }

    fn open(&mut self, url: &str) {
        self.and_wait_for_load(|b| {
            let result = b.page("Page.navigate", json!({ "url": url }));
            assert!(result.get("errorText").is_none(), "{url}: {result}");
        });
    }

    /// The value of a JavaScript expression evaluated in the page (the test's probe; the
    /// pages themselves run no script).
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.page(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {result}"
        );
        result["result"]["value"].clone()
    }

    fn text(&mut self, selector: &str) -> String {
        let expression = format!(
            "document.querySelector({}).innerText",
            serde_json::to_string(selector).unwrap()
        );
        self.eval(&expression)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Types `text` into the field `selector` as a user would.
    fn type_into(&mut self, selector: &str, text: &str) {
        let focus = format!(
            "document.querySelector({}).focus()",
            serde_json::to_string(selector).unwrap()
        );
        self.eval(&focus);
        self.page("Input.insertText", json!({ "text": text }));
    }

    /// Clicks the element `selector` with the mouse, at its centre.
    fn click(&mut self, selector: &str) {
        let rect = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()",
            serde_json::to_string(selector).unwrap()
        ));
        let (x, y) = (rect[0].as_f64().unwrap(), rect[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            self.page(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            );
        }
    }

    /// Saves the whole page as `NAME.png`.
    fn screenshot(&mut self, name: &str) -> PathBuf {
        let metrics = self.page("Page.getLayoutMetrics", json!({}));
        let height = metrics["cssContentSize"]["height"]
            .as_f64()
            .unwrap_or(900.0);
        let shot = self.page(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": 1280, "height": height.max(900.0), "scale": 1 },
            }),
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        let path = self.shots.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    fn path(&mut self) -> String {
        self.eval("location.pathname + location.search")
            .as_str()
            .unwrap()
            .to_owned()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ask Chromium to quit (it ends its helper processes), then make sure it did.
        self.next_id += 1;
        let close = json!({ "id": self.next_id, "method": "Browser.close" });
        let mut bytes = serde_json::to_vec(&close).unwrap();
        bytes.push(0);
        let _ = self.commands.write_all(&bytes);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Issues spread over the last weeks, some fixed, so the charts have something to draw.
async fn history(server: &TestServer) {
    let mut findings = vec![
        finding(
            "sast",
            "python/sql-injection",
            "app/db.py",
            Severity::Critical,
        ),
        finding(
            "deps",
            "deps/vulnerable-package",
            "requirements.txt",
            Severity::Critical,
        ),
        finding(
            "iac",
            "terraform/s3-bucket-public-acl",
            "infra/s3.tf",
            Severity::Medium,
        ),
    ];
    let mut xss = finding("sast", "js/dom-xss", "web/app.js", Severity::High);
    "DOM-based cross-site scripting".clone_into(&mut xss.title);
    "location.hash reaches innerHTML: <script>alert(\"owned\")</script>"
        .clone_into(&mut xss.message);
    xss.location.snippet = Some(
        "const frag = location.hash.slice(1);\nel.innerHTML = frag;  // <b>sink</b>".to_owned(),
    );
    xss.remediation = Some("Assign textContent, or sanitise the HTML first.".to_owned());
    xss.references = vec!["https://cwe.mitre.org/data/definitions/79.html".to_owned()];
    findings.push(xss);
    for i in 0..14 {
        findings.push(secret(&format!("config/service{i:02}.env")));
    }
    for i in 0..9 {
        findings.push(finding(
            "sast",
            "python/weak-hash",
            &format!("lib/hash{i}.py"),
            Severity::Low,
        ));
    }
    let all = findings.clone();
    let first = upload(
        "payments/api",
        "main",
        "a1b2c3d4e5f6a7b8",
        Stage::Main,
        report(all, &["secrets", "sast", "deps", "iac"], true),
    );
    let (status, body) = server.upload(&server.admin, &first).await;
    assert!(status.is_success(), "{body}");
    // Six of the secrets are removed: fixed.
    let removed: Vec<String> = (0..6)
        .map(|i| format!("config/service{i:02}.env"))
        .collect();
    findings.retain(|f| !removed.contains(&f.location.path));
    let second = upload(
        "payments/api",
        "main",
        "b2c3d4e5f6a7b8c9",
        Stage::Main,
        report(findings, &["secrets", "sast", "deps", "iac"], true),
    );
    let (status, body) = server.upload(&server.admin, &second).await;
    assert!(status.is_success(), "{body}");
    let other = upload(
        "web/storefront",
        "feature/cart",
        "c3d4e5f6a7b8c9d0",
        Stage::Pr,
        report(
            vec![
                secret("src/keys.ts"),
                finding("sast", "js/eval", "src/cart.ts", Severity::Medium),
            ],
            &["secrets", "sast"],
            true,
        ),
    );
    server.upload(&server.admin, &other).await;
    // Spread first sightings over ten weeks and fixes over the last three.
    let week = 7 * 86_400;
    let rows = sqlx::query("SELECT id, state FROM issues ORDER BY path")
        .fetch_all(&server.db.pool)
        .await
        .unwrap();
    for (i, row) in (0_i64..).zip(&rows) {
        use sqlx::Row;
        let id: String = row.get(0);
        let state: String = row.get(1);
        let back = (i * 7 % 10 + 1) * week;
        sqlx::query("UPDATE issues SET first_seen_at = first_seen_at - $1 WHERE id = $2")
            .bind(back)
            .bind(&id)
            .execute(&server.db.pool)
            .await
            .unwrap();
        if state == "fixed" {
            let fixed_back = (i % 3) * week;
            for sql in [
                "UPDATE issues SET fixed_at = fixed_at - $1 WHERE id = $2",
                "UPDATE issue_events SET at = at - $1 WHERE issue_id = $2 AND kind = 'fixed'",
            ] {
                sqlx::query(sql)
                    .bind(fixed_back)
                    .bind(&id)
                    .execute(&server.db.pool)
                    .await
                    .unwrap();
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_signs_in_browses_and_triages_an_issue() {
    let server = TestServer::start(Backend::Sqlite, true)
        .await
        .expect("server starts");
    history(&server).await;
    let base = server.base.clone();
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dashboard-screenshots");
    let _ = std::fs::remove_dir_all(&shots);
    std::fs::create_dir_all(&shots).unwrap();
    let profile = tempfile::tempdir().unwrap();

    let xss_issue = server.issue_id("payments%2Fapi", "web/app.js").await;
    let shots_for_browser = shots.clone();
    let profile_path = profile.path().to_owned();
    // The browser is driven with blocking I/O, off the server's runtime threads.
    let issue = xss_issue.clone();
    let ran = tokio::task::spawn_blocking(move || {
        let Some(mut browser) = Browser::launch(&profile_path, shots_for_browser) else {
            return false;
        };
        // Without a session every page leads to the login form.
        browser.open(&format!("{base}/issues?severity=high&state=active"));
        assert_eq!(
            browser.path(),
            "/login?next=%2Fissues%3Fseverity%3Dhigh%26state%3Dactive"
        );
        browser.screenshot("01-login");
        browser.type_into("#username", "admin");
        browser.type_into("#password", ADMIN_PASSWORD);
        browser.and_wait_for_load(|b| b.click("button[type=submit]"));
        // Back where the user wanted to go, signed in.
        assert_eq!(browser.path(), "/issues?severity=high&state=active");
        assert_eq!(browser.text("header.top .user span"), "admin");
        let rows = browser.eval("document.querySelectorAll('table.issues tbody tr').length");
        assert_eq!(rows, 10, "open high issues: 9 secrets, 1 XSS");

        browser.open(&format!("{base}/"));
        assert_eq!(browser.text("h1"), "Portfolio overview");
        assert_eq!(
            browser.eval("document.querySelectorAll('figure.chart svg').length"),
            2
        );
        assert!(
            browser
                .eval("document.querySelectorAll('svg rect.fixed').length")
                .as_u64()
                > Some(0)
        );
        browser.screenshot("02-overview");

        browser.open(&format!("{base}/issues"));
        browser.screenshot("03-issues");
        let first_title = browser.text("table.issues tbody tr td:nth-child(2) a");
        assert!(!first_title.is_empty());

        // The issue's link in the list leads to its page.
        let selector = format!("a[href='/issues/{issue}']");
        browser.open(&format!("{base}/issues?engine=sast&severity=high"));
        browser.and_wait_for_load(|b| b.click(&selector));
        assert_eq!(browser.path(), format!("/issues/{issue}"));
        // What the finding says is shown as text: no element was made of it.
        assert_eq!(browser.eval("document.scripts.length"), 0);
        assert_eq!(browser.eval("document.querySelectorAll('b').length"), 0);
        assert!(
            browser
                .text("p.message")
                .contains("<script>alert(\"owned\")</script>")
        );
        assert!(
            browser
                .text("pre.code")
                .contains("el.innerHTML = frag;  // <b>sink</b>")
        );
        browser.screenshot("04-issue");

        // Triage through the form.
        browser.eval("document.querySelector('#triage-state').value = 'confirmed'");
        browser.type_into(
            "#triage-reason",
            "Reproduced on staging; fix in the next sprint.",
        );
        browser.and_wait_for_load(|b| b.click("form.triage button[type=submit]"));
        assert_eq!(browser.path(), format!("/issues/{issue}"));
        assert_eq!(browser.text("dl.facts .state"), "confirmed");
        let history = browser.text("table.history tbody");
        assert!(
            history.contains("admin\ttriaged\topen \u{2192} confirmed\tReproduced on staging"),
            "{history}"
        );
        browser.screenshot("05-triaged");

        browser.open(&format!("{base}/stats"));
        assert_eq!(browser.text("h1"), "Metrics");
        browser.screenshot("06-metrics");
        browser.open(&format!("{base}/projects/payments/api"));
        assert_eq!(browser.text("h1"), "payments/api");
        browser.screenshot("07-project");
        true
    })
    .await
    .unwrap();
    if ran {
        let (_, issue) = server
            .get(&format!("/api/v1/issues/{xss_issue}"), &server.admin)
            .await;
        assert_eq!(issue["state"], "confirmed");
        assert_eq!(
            issue["history"].as_array().unwrap().last().unwrap()["actor"],
            "admin"
        );
        eprintln!("dashboard screenshots: {}", shots.display());
    } else {
        eprintln!(
            "skipped: chromium is not installed (apt-get install chromium); .ci/run installs it"
        );
    }
    server.stop().await;
}
