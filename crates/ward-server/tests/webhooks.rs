//! Webhooks end to end: a receiver on 127.0.0.1 (a small axum server in the test) that fails
//! the first delivery and accepts the retry; Slack-compatible payloads; SLA breaches; the
//! delivery log; on SQLite and PostgreSQL.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, StatusCode as AxumStatus};
use common::{TestServer, finding, report, secret, upload};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use ward_core::Severity;
use ward_server::wire::Stage;

/// What the receiver got: (`X-Ward-Event`, `X-Ward-Delivery`, `X-Ward-Signature-256`, body).
type Received = Arc<Mutex<Vec<(String, String, Option<String>, String)>>>;

/// A webhook receiver answering the statuses in `script` in turn, then 204.
async fn receiver(script: Vec<u16>) -> (String, Received) {
    let received: Received = Arc::default();
    let script = Arc::new(Mutex::new(script.into_iter()));
    let log = received.clone();
    let app = axum::Router::new().route(
        "/hook/{*rest}",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let log = log.clone();
            let script = script.clone();
            async move {
                let header = |name: &str| {
                    headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned)
                };
                log.lock().unwrap().push((
                    header("x-ward-event").unwrap_or_default(),
                    header("x-ward-delivery").unwrap_or_default(),
                    header("x-ward-signature-256"),
                    body,
                ));
                let status = script.lock().unwrap().next().unwrap_or(204);
                AxumStatus::from_u16(status).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/hook"), received)
}

/// The webhook's delivery log once nothing is pending any more (at most 30 s).
async fn settled_deliveries(server: &TestServer, project: &str, hook: &str) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, body) = server
            .get(
                &format!("/api/v1/projects/{project}/webhooks/{hook}/deliveries"),
                &server.admin,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let list = body["deliveries"].as_array().unwrap().clone();
        if !list.is_empty() && list.iter().all(|d| d["status"] != "pending") {
            return list;
        }
        assert!(
            Instant::now() < deadline,
            "deliveries still pending: {body}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn create_hook(server: &TestServer, project: &str, body: Value) -> Value {
    server
        .post(
            "/api/v1/projects",
            &server.admin,
            json!({ "name": project }),
        )
        .await;
    let (status, answer) = server
        .post(
            &format!("/api/v1/projects/{project}/webhooks"),
            &server.admin,
            body,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    answer
}

fn hmac_hex(key: &str, body: &str) -> String {
    ward_server::webhooks::signature(key, body.as_bytes())
}

both!(
    a_new_critical_issue_is_delivered_signed_and_retried_after_a_failure,
    |server| {
        let (url, received) = receiver(vec![500]).await;
        // A signing key made at test time.
        let key = format!("key-{}", ward_server::auth::random_hex(16));
        let hook = create_hook(
            &server,
            "shop",
            json!({ "url": format!("{url}/generic"), "events": ["new-critical", "regression"], "secret": key }),
        )
        .await;
        let hook_id = hook["id"].as_str().unwrap().to_owned();
        assert!(hook.get("secret").is_none(), "a given secret is not echoed");

        let critical = finding("secrets", "secrets/aws-key", "keys.py", Severity::Critical);
        let request = upload(
            "shop",
            "main",
            "c1",
            Stage::Main,
            report(vec![critical, secret("a.py")], &["secrets"], true),
        );
        server.upload(&server.admin, &request).await;

        let log = settled_deliveries(&server, "shop", &hook_id).await;
        assert_eq!(log.len(), 1, "one notification for the scan: {log:?}");
        assert_eq!(log[0]["event"], "new-critical");
        assert_eq!(log[0]["status"], "delivered");
        assert_eq!(log[0]["attempts"], 2, "failed once, then accepted");
        assert_eq!(log[0]["last_status"], 204);
        assert_eq!(
            log[0]["last_error"], "the receiver answered 500 Internal Server Error",
            "the failure stays in the log"
        );

        let got = received.lock().unwrap().clone();
        assert_eq!(got.len(), 2);
        // The retry is the same delivery, byte for byte.
        assert_eq!(got[0].1, got[1].1);
        assert_eq!(got[0].3, got[1].3);
        let (event, delivery, signature, body) = &got[1];
        assert_eq!(event, "new-critical");
        assert_eq!(delivery, log[0]["id"].as_str().unwrap());
        assert_eq!(signature.as_deref(), Some(hmac_hex(&key, body).as_str()));
        let payload: Value = serde_json::from_str(body).unwrap();
        assert_eq!(payload["project"], "shop");
        assert_eq!(payload["scan"]["id"], request.scan_id.as_str());
        assert_eq!(
            payload["issue_count"], 1,
            "only the critical issue: {payload}"
        );
        assert_eq!(payload["issues"][0]["path"], "keys.py");
        assert_eq!(payload["issues"][0]["severity"], "critical");

        // The same scan uploaded again (a retry) announces nothing more; a scan that only
        // sees known issues neither.
        server.upload(&server.admin, &request).await;
        let again = upload(
            "shop",
            "main",
            "c2",
            Stage::Main,
            report(
                vec![
                    finding("secrets", "secrets/aws-key", "keys.py", Severity::Critical),
                    secret("a.py"),
                ],
                &["secrets"],
                true,
            ),
        );
        server.upload(&server.admin, &again).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(received.lock().unwrap().len(), 2);

        // The secret is never shown again.
        let (_, listed) = server
            .get("/api/v1/projects/shop/webhooks", &server.admin)
            .await;
        assert!(!listed.to_string().contains(&key), "{listed}");
        assert_eq!(listed["webhooks"][0]["signed"], true);
        assert_eq!(
            listed["webhooks"][0]["events"],
            json!(["new-critical", "regression"])
        );
    }
);

both!(
    regressions_go_to_slack_as_text_and_an_unreachable_url_fails_after_bounded_attempts,
    |server| {
        let (url, received) = receiver(vec![]).await;
        let slack = create_hook(
            &server,
            "shop",
            json!({ "url": format!("{url}/services/T0/B0/not-a-real-token"), "kind": "slack", "events": ["regression"] }),
        )
        .await;
        assert_eq!(
            slack["url"],
            format!("{url}/****"),
            "the token part is masked"
        );
        assert_eq!(slack["signed"], false);
        // Nothing listens on port 9 of this machine (discard): every attempt fails.
        let dead = create_hook(
            &server,
            "shop",
            json!({ "url": "http://127.0.0.1:9/hook", "events": ["regression"] }),
        )
        .await;
        assert!(
            dead["secret"].as_str().unwrap().starts_with("whsec_"),
            "a secret is made and shown once when none is given"
        );

        let scan = |commit: &str, files: &[&str]| {
            let findings = files.iter().map(|f| secret(f)).collect();
            upload(
                "shop",
                "main",
                commit,
                Stage::Main,
                report(findings, &["secrets"], true),
            )
        };
        server
            .upload(&server.admin, &scan("c1", &["a.py", "b.py"]))
            .await;
        server.upload(&server.admin, &scan("c2", &["a.py"])).await;
        let (_, body) = server
            .upload(&server.admin, &scan("c3", &["a.py", "b.py"]))
            .await;
        assert_eq!(body["regressions"], 1);

        let log = settled_deliveries(&server, "shop", slack["id"].as_str().unwrap()).await;
        assert_eq!(log.len(), 1);
        assert_eq!(log[0]["status"], "delivered");
        let got = received.lock().unwrap().clone();
        let payload: Value = serde_json::from_str(&got[0].3).unwrap();
        assert_eq!(got[0].2, None, "Slack payloads are not signed");
        assert_eq!(
            payload,
            json!({ "text": "1 fixed issue came back in *shop* (scan of `main` at `c3`, main):\n\
                • [high] secrets/generic-api-key title in `b.py:3` (secrets/generic-api-key)" })
        );

        let log = settled_deliveries(&server, "shop", dead["id"].as_str().unwrap()).await;
        assert_eq!(log[0]["status"], "failed");
        assert_eq!(log[0]["attempts"], 3, "the test server's bound");
        let error = log[0]["last_error"].as_str().unwrap();
        assert!(error.starts_with("cannot connect"), "{error}");
        let (_, listed) = server
            .get("/api/v1/projects/shop/webhooks", &server.admin)
            .await;
        let failed: Vec<i64> = listed["webhooks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["failed_deliveries"].as_i64().unwrap())
            .collect();
        assert_eq!(failed.iter().sum::<i64>(), 1);

        // Deleting a webhook removes its log.
        let path = format!(
            "/api/v1/projects/shop/webhooks/{}",
            dead["id"].as_str().unwrap()
        );
        let (status, _) = server
            .send(Method::DELETE, &path, Some(&server.admin), None)
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = server
            .get(&format!("{path}/deliveries"), &server.admin)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

both!(an_sla_breach_is_announced_once, |server| {
    let (url, received) = receiver(vec![]).await;
    let hook = create_hook(
        &server,
        "shop",
        json!({ "url": format!("{url}/sla"), "events": ["sla-breach"] }),
    )
    .await;
    server
        .upload(
            &server.admin,
            &upload(
                "shop",
                "main",
                "c1",
                Stage::Main,
                report(vec![secret("a.py"), secret("b.py")], &["secrets"], true),
            ),
        )
        .await;
    let sla = ward_server::metrics::Sla::default();
    let now = ward_server::now_unix();
    assert_eq!(
        ward_server::webhooks::announce_sla_breaches(&server.db, &sla, now)
            .await
            .unwrap(),
        0,
        "nothing is due yet"
    );
    // a.py was first seen 31 days ago: past the 30 days of a high issue.
    let id = server.issue_id("shop", "a.py").await;
    sqlx::query("UPDATE issues SET first_seen_at = first_seen_at - $1 WHERE id = $2")
        .bind(31 * 86_400_i64)
        .bind(&id)
        .execute(&server.db.pool)
        .await
        .unwrap();
    assert_eq!(
        ward_server::webhooks::announce_sla_breaches(&server.db, &sla, now)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        ward_server::webhooks::announce_sla_breaches(&server.db, &sla, now + 60)
            .await
            .unwrap(),
        0,
        "announced once"
    );
    // The sweeper woke nobody here: the sender finds it at its next poll.
    let log = settled_deliveries(&server, "shop", hook["id"].as_str().unwrap()).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["event"], "sla-breach");
    assert_eq!(log[0]["status"], "delivered");
    let got = received.lock().unwrap().clone();
    let payload: Value = serde_json::from_str(&got[0].3).unwrap();
    assert_eq!(payload["event"], "sla-breach");
    assert_eq!(payload["scan"], Value::Null);
    assert_eq!(payload["issues"][0]["id"], id.as_str());
});

both!(only_project_admins_manage_webhooks, |server| {
    let triager = server.user("tom", &[("shop", "triager")]).await;
    let outsider = server.user("olga", &[("other", "admin")]).await;
    let body = json!({ "url": "https://hooks.example.com/x", "events": ["regression"] });
    let (status, _) = server
        .post("/api/v1/projects/shop/webhooks", &triager, body.clone())
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = server.get("/api/v1/projects/shop/webhooks", &triager).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = server
        .post("/api/v1/projects/shop/webhooks", &outsider, body.clone())
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for bad in [
        json!({ "url": "file:///etc/passwd", "events": ["regression"] }),
        json!({ "url": "https://hooks.example.com/x", "events": [] }),
        json!({ "url": "https://hooks.example.com/x", "events": ["new-issue"] }),
        json!({ "url": "https://hooks.example.com/x", "events": ["regression"], "kind": "teams" }),
        json!({ "url": "https://hooks.example.com/x", "events": ["regression"], "secret": "short" }),
        json!({ "url": "https://hooks.example.com/x", "events": ["regression"], "kind": "slack", "secret": "a-long-enough-secret-value" }),
    ] {
        let (status, answer) = server
            .post("/api/v1/projects/shop/webhooks", &server.admin, bad.clone())
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad} -> {answer}");
    }
});
