//! The server end to end over HTTP, each test on SQLite and on PostgreSQL.

mod common;

use common::{TestServer, finding, report, secret, upload};
use reqwest::{Method, StatusCode};
use serde_json::json;
use ward_core::Severity;
use ward_server::wire::Stage;

both!(
    health_is_open_and_everything_else_needs_authentication,
    |server| {
        let response = server
            .client
            .get(server.url("/healthz"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        for (method, path) in [
            (Method::GET, "/api/v1/projects"),
            (Method::GET, "/api/v1/me"),
            (Method::POST, "/api/v1/scans"),
            (Method::POST, "/api/v1/tokens"),
            (Method::GET, "/api/v1/projects/p/issues"),
            (Method::GET, "/api/v1/issues/0123"),
        ] {
            let (status, _) = server.send(method.clone(), path, None, None).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}");
            let (status, _) = server
                .send(method.clone(), path, Some("ward_0000000000000000"), None)
                .await;
            assert_eq!(
                status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} with a wrong token"
            );
        }
        let (status, body) = server.get("/api/v1/me", &server.admin).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["user"], "admin");
    }
);

both!(
    upload_stores_the_scan_and_a_retry_changes_nothing,
    |server| {
        let findings = vec![secret("a.py"), secret("b.py"), secret("c.py")];
        let request = upload(
            "shop",
            "main",
            "c1",
            Stage::Main,
            report(findings, &["secrets"], true),
        );
        let (status, body) = server.upload(&server.admin, &request).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["new_issues"], 3);
        assert_eq!(body["duplicate"], false);

        let (status, body) = server.upload(&server.admin, &request).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["duplicate"], true);
        assert_eq!(
            body["new_issues"], 3,
            "a retry answers as the first upload did"
        );
        assert_eq!(server.issues("shop").await.len(), 3);

        let mut other = request.clone();
        other.report.findings.pop();
        let (status, body) = server.upload(&server.admin, &other).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");

        let (_, scans) = server
            .get("/api/v1/projects/shop/scans", &server.admin)
            .await;
        let scans = scans["scans"].as_array().unwrap();
        assert_eq!(scans.len(), 1);
        assert_eq!(scans[0]["engines"], json!(["secrets"]));
        assert_eq!(scans[0]["complete"], true);
        assert_eq!(scans[0]["duration_ms"], 1234);
        assert_eq!(scans[0]["tool_version"], "0.1.0");
    }
);

both!(
    the_same_finding_in_many_scans_is_one_issue_with_first_and_last_sighting,
    |server| {
        let first = upload(
            "shop",
            "feature",
            "c1",
            Stage::Pr,
            report(vec![secret("a.py")], &["secrets"], true),
        );
        server.upload(&server.admin, &first).await;
        let second = upload(
            "shop",
            "main",
            "c2",
            Stage::Main,
            report(vec![secret("a.py")], &["secrets"], true),
        );
        let (_, body) = server.upload(&server.admin, &second).await;
        assert_eq!(body["new_issues"], 0);
        let id = server.issue_id("shop", "a.py").await;
        let (_, issue) = server
            .get(&format!("/api/v1/issues/{id}"), &server.admin)
            .await;
        assert_eq!(issue["first_stage"], "pr");
        assert_eq!(issue["first_seen_scan"], first.scan_id.as_str());
        assert_eq!(issue["last_seen_scan"], second.scan_id.as_str());
        assert_eq!(issue["state"], "open");
    }
);

both!(
    an_issue_takes_the_content_of_its_latest_finding_and_keeps_it_when_unchanged,
    |server| {
        let scan = |commit: &str, finding: ward_core::Finding| {
            upload(
                "shop",
                "main",
                commit,
                Stage::Main,
                report(vec![finding], &["secrets"], true),
            )
        };
        server
            .upload(&server.admin, &scan("c1", secret("a.py")))
            .await;
        // The same problem (same fingerprint), moved down the file and reworded, now critical.
        let mut moved = secret("a.py");
        moved.location.span = ward_core::Span::line(9, 1, 20);
        moved.message = "the key moved to line 9".to_owned();
        moved.severity = ward_core::Severity::Critical;
        let second = scan("c2", moved.clone());
        let (_, body) = server.upload(&server.admin, &second).await;
        assert_eq!(body["new_issues"], 0);
        let id = server.issue_id("shop", "a.py").await;
        let url = format!("/api/v1/issues/{id}");
        let after_move = server.get(&url, &server.admin).await.1;
        assert_eq!(after_move["start_line"], 9);
        assert_eq!(after_move["message"], "the key moved to line 9");
        assert_eq!(after_move["severity"], "critical");
        assert_eq!(after_move["last_seen_scan"], second.scan_id.as_str());

        // Seen again as it is: only the last sighting moves on.
        let third = scan("c3", moved);
        server.upload(&server.admin, &third).await;
        let again = server.get(&url, &server.admin).await.1;
        assert_eq!(again["last_seen_scan"], third.scan_id.as_str());
        for field in [
            "start_line",
            "message",
            "severity",
            "title",
            "snippet",
            "first_seen_scan",
        ] {
            assert_eq!(again[field], after_move[field], "{field}");
        }
        assert_eq!(again["state"], "open");
    }
);

both!(
    a_complete_scan_fixes_what_it_no_longer_sees_and_a_return_is_a_regression,
    |server| {
        let scan = |commit: &str, files: &[&str], complete: bool| {
            let findings = files.iter().map(|f| secret(f)).collect();
            upload(
                "shop",
                "main",
                commit,
                Stage::Main,
                report(findings, &["secrets"], complete),
            )
        };
        server
            .upload(&server.admin, &scan("c1", &["a.py", "b.py"], true))
            .await;

        // An incomplete scan that misses b.py closes nothing.
        let (_, body) = server
            .upload(&server.admin, &scan("c2", &["a.py"], false))
            .await;
        assert_eq!(body["fixed"], 0);
        assert_eq!(body["complete"], false);
        assert_eq!(
            server.issues("shop").await,
            [
                ("a.py".into(), "open".into()),
                ("b.py".into(), "open".into())
            ]
        );

        let fixing = scan("c3", &["a.py"], true);
        let (_, body) = server.upload(&server.admin, &fixing).await;
        assert_eq!(body["fixed"], 1);
        assert_eq!(
            server.issues("shop").await,
            [
                ("a.py".into(), "open".into()),
                ("b.py".into(), "fixed".into())
            ]
        );
        let id = server.issue_id("shop", "b.py").await;
        let (_, issue) = server
            .get(&format!("/api/v1/issues/{id}"), &server.admin)
            .await;
        assert_eq!(issue["fixed_scan"], fixing.scan_id.as_str());
        assert_eq!(issue["fixed_commit"], "c3");

        let (_, body) = server
            .upload(&server.admin, &scan("c4", &["a.py", "b.py"], true))
            .await;
        assert_eq!(body["regressions"], 1);
        let (_, issue) = server
            .get(&format!("/api/v1/issues/{id}"), &server.admin)
            .await;
        assert_eq!(issue["state"], "open");
        assert_eq!(issue["regressions"], 1);
        assert!(issue["fixed_at"].is_null());
        let kinds: Vec<&str> = issue["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["created", "fixed", "regressed"]);
    }
);

both!(
    an_issue_is_fixed_only_when_no_branch_has_it_and_only_by_engines_that_ran,
    |server| {
        let scan =
            |branch: &str, findings: Vec<ward_core::Finding>, engines: &[&str], stage: Stage| {
                upload("shop", branch, "c", stage, report(findings, engines, true))
            };
        let sast = finding("sast", "python/eval", "app.py", Severity::Medium);
        server
            .upload(
                &server.admin,
                &scan(
                    "main",
                    vec![secret("a.py"), sast.clone()],
                    &["secrets", "sast"],
                    Stage::Main,
                ),
            )
            .await;
        server
            .upload(
                &server.admin,
                &scan("feature", vec![secret("a.py")], &["secrets"], Stage::Pr),
            )
            .await;
        // The feature branch drops the secret: main still has it.
        let (_, body) = server
            .upload(
                &server.admin,
                &scan("feature", vec![], &["secrets"], Stage::Pr),
            )
            .await;
        assert_eq!(body["fixed"], 0);
        // A pre-commit scan sees only staged files: it never closes anything.
        let (_, body) = server
            .upload(
                &server.admin,
                &scan("main", vec![], &["secrets", "sast"], Stage::PreCommit),
            )
            .await;
        assert_eq!(body["fixed"], 0);
        // Main without the secret, and without running SAST: the SAST issue is not judged.
        let (_, body) = server
            .upload(
                &server.admin,
                &scan("main", vec![], &["secrets"], Stage::Main),
            )
            .await;
        assert_eq!(body["fixed"], 1);
        assert_eq!(
            server.issues("shop").await,
            [
                ("a.py".into(), "fixed".into()),
                ("app.py".into(), "open".into())
            ]
        );
    }
);

both!(roles_decide_who_reads_and_who_triages, |server| {
    server
        .upload(
            &server.admin,
            &upload(
                "alpha",
                "main",
                "c",
                Stage::Main,
                report(vec![secret("a.py")], &["secrets"], true),
            ),
        )
        .await;
    server
        .upload(
            &server.admin,
            &upload(
                "beta",
                "main",
                "c",
                Stage::Main,
                report(vec![secret("b.py")], &["secrets"], true),
            ),
        )
        .await;
    let viewer = server.user("vera", &[("alpha", "viewer")]).await;
    let triager = server.user("tom", &[("beta", "triager")]).await;
    let alpha_issue = server.issue_id("alpha", "a.py").await;
    let beta_issue = server.issue_id("beta", "b.py").await;

    // A viewer reads their project...
    let (status, body) = server.get("/api/v1/projects/alpha/issues", &viewer).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["issues"].as_array().unwrap().len(), 1);
    // ...and cannot triage it.
    let (status, _) = server
        .post(
            &format!("/api/v1/issues/{alpha_issue}/triage"),
            &viewer,
            json!({ "state": "confirmed" }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A viewer cannot upload either.
    let (status, _) = server
        .upload(
            &viewer,
            &upload(
                "alpha",
                "main",
                "c",
                Stage::Main,
                report(vec![], &["secrets"], true),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A member of beta sees nothing of alpha, and alpha's members nothing of beta.
    for (token, project, issue) in [
        (&triager, "alpha", &alpha_issue),
        (&viewer, "beta", &beta_issue),
    ] {
        let (status, _) = server
            .get(&format!("/api/v1/projects/{project}/issues"), token)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = server.get(&format!("/api/v1/issues/{issue}"), token).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = server
            .post(
                &format!("/api/v1/issues/{issue}/triage"),
                token,
                json!({ "state": "confirmed" }),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (_, me) = server.get("/api/v1/projects", &viewer).await;
    assert_eq!(
        me["projects"],
        json!([{ "name": "alpha", "role": "viewer", "last_scan_at": me["projects"][0]["last_scan_at"] }])
    );

    // The triager triages their own project's issue.
    let (status, body) = server
        .post(
            &format!("/api/v1/issues/{beta_issue}/triage"),
            &triager,
            json!({ "state": "confirmed", "reason": "reproduced" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "confirmed");
    let last = body["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["actor"], "tom");
    assert_eq!(last["from"], "open");
    assert_eq!(last["to"], "confirmed");
    assert_eq!(last["reason"], "reproduced");
    // Only server administrators create projects and users.
    let (status, _) = server
        .post("/api/v1/projects", &triager, json!({ "name": "gamma" }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = server
        .post(
            "/api/v1/users",
            &triager,
            json!({ "name": "eve", "password": "long enough password" }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
});

both!(
    accepting_a_risk_needs_a_reason_and_an_expiry_and_it_expires,
    |server| {
        server
            .upload(
                &server.admin,
                &upload(
                    "shop",
                    "main",
                    "c",
                    Stage::Main,
                    report(vec![secret("a.py")], &["secrets"], true),
                ),
            )
            .await;
        let id = server.issue_id("shop", "a.py").await;
        let path = format!("/api/v1/issues/{id}/triage");
        for body in [
            json!({ "state": "accepted_risk", "expires": "2999-01-01" }),
            json!({ "state": "accepted_risk", "reason": "vendor fix due" }),
            json!({ "state": "accepted_risk", "reason": "vendor fix due", "expires": "2001-01-01" }),
            json!({ "state": "accepted_risk", "reason": "vendor fix due", "expires": "soon" }),
            json!({ "state": "false_positive" }),
            json!({ "state": "fixed", "reason": "trust me" }),
        ] {
            let (status, answer) = server.post(&path, &server.admin, body.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body} -> {answer}");
        }
        let (status, body) = server
        .post(&path, &server.admin, json!({ "state": "accepted_risk", "reason": "vendor fix due", "expires": "2999-01-01" }))
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["state"], "accepted_risk");

        // Time passes: the acceptance ends yesterday.
        sqlx::query("UPDATE issues SET accepted_until = $1 WHERE id = $2")
            .bind(ward_server::now_unix() - 86_400)
            .bind(&id)
            .execute(&server.db.pool)
            .await
            .unwrap();
        let (_, body) = server
            .get(&format!("/api/v1/issues/{id}"), &server.admin)
            .await;
        assert_eq!(body["state"], "open");
        let last = body["history"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["kind"], "acceptance-expired");
        assert_eq!(last["from"], "accepted_risk");
    }
);

both!(
    sessions_need_the_csrf_token_and_logins_are_rate_limited,
    |server| {
        let (cookie, csrf) = server.login("admin", common::ADMIN_PASSWORD).await.unwrap();
        let post = |csrf: Option<&str>| {
            let mut request = server
                .client
                .post(server.url("/api/v1/tokens"))
                .header("cookie", &cookie)
                .header("content-type", "application/json")
                .body(json!({ "name": "x" }).to_string());
            if let Some(csrf) = csrf {
                request = request.header("x-csrf-token", csrf);
            }
            request.send()
        };
        assert_eq!(post(None).await.unwrap().status(), StatusCode::FORBIDDEN);
        assert_eq!(
            post(Some("0".repeat(64).as_str())).await.unwrap().status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            post(Some(&csrf)).await.unwrap().status(),
            StatusCode::CREATED
        );
        // Reading with a session needs no CSRF token.
        let response = server
            .client
            .get(server.url("/api/v1/me"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);

        for _ in 0..5 {
            assert_eq!(
                server.login("admin", "wrong password!!").await,
                Err(StatusCode::UNAUTHORIZED)
            );
        }
        // Locked out now, even with the right password.
        assert_eq!(
            server.login("admin", common::ADMIN_PASSWORD).await,
            Err(StatusCode::TOO_MANY_REQUESTS)
        );
        // An unknown user gets the same answer as a wrong password.
        assert_eq!(
            server.login("nobody", "whatever password").await,
            Err(StatusCode::UNAUTHORIZED)
        );
    }
);

both!(
    tokens_are_shown_once_stored_hashed_and_revocable,
    |server| {
        let (status, body) = server
            .post("/api/v1/tokens", &server.admin, json!({ "name": "ci" }))
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let token = body["token"].as_str().unwrap().to_owned();
        let id = body["id"].as_str().unwrap().to_owned();
        let (_, list) = server.get("/api/v1/tokens", &token).await;
        assert!(
            !list.to_string().contains(&token),
            "a token is never shown again"
        );
        let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM api_tokens")
            .fetch_all(&server.db.pool)
            .await
            .unwrap();
        assert!(stored.iter().all(|h| !h.contains(&token[5..])));
        assert!(stored.contains(&ward_server::auth::sha256_hex(&token)));
        let (status, _) = server
            .send(
                Method::DELETE,
                &format!("/api/v1/tokens/{id}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = server.get("/api/v1/me", &token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
);

both!(invalid_uploads_are_refused_and_store_nothing, |server| {
    let good = upload(
        "shop",
        "main",
        "c",
        Stage::Main,
        report(vec![secret("a.py")], &["secrets"], true),
    );
    let mut bad_id = good.clone();
    bad_id.scan_id = "x".into();
    let mut bad_project = good.clone();
    bad_project.project = "../etc".into();
    let mut bad_version = good.clone();
    bad_version.report.version = 99;
    let mut bad_branch = good.clone();
    bad_branch.branch = "main\u{0}".into();
    for request in [bad_id, bad_project, bad_version, bad_branch] {
        let (status, body) = server.upload(&server.admin, &request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    }
    let mut truncated = serde_json::to_string(&good).unwrap();
    truncated.truncate(truncated.len() / 2);
    let response = server
        .client
        .post(server.url("/api/v1/scans"))
        .bearer_auth(&server.admin)
        .header("content-type", "application/json")
        .body(truncated)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let scans: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM scans")
        .fetch_one(&server.db.pool)
        .await
        .unwrap();
    let issues: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM issues")
        .fetch_one(&server.db.pool)
        .await
        .unwrap();
    assert_eq!((scans, issues), (0, 0));
});

both!(
    first_start_without_a_password_file_gives_a_one_time_setup_token,
    |server| {
        // (`server` has its admin; this test starts a second, empty server on the same backend.)
        let fresh = TestServer::start(server.backend, false).await.unwrap();
        let ward_server::Bootstrap::SetupToken(token) =
            fresh.running.as_ref().unwrap().bootstrap.clone()
        else {
            panic!("expected a setup token");
        };
        let setup = |token: &str| {
            fresh.send(
            Method::POST,
            "/api/v1/setup",
            None,
            Some(json!({ "token": token, "username": "root", "password": "a long enough password" })),
        )
        };
        assert_eq!(setup("setup_wrong").await.0, StatusCode::FORBIDDEN);
        assert_eq!(setup(&token).await.0, StatusCode::CREATED);
        assert_eq!(
            setup(&token).await.0,
            StatusCode::FORBIDDEN,
            "the token works once"
        );
        assert!(fresh.login("root", "a long enough password").await.is_ok());
        assert!(
            fresh.login("admin", "admin").await.is_err(),
            "no default account"
        );
        fresh.stop().await;
    }
);

both!(
    metrics_count_open_fixed_early_breaches_and_adoption,
    |server| {
        let critical = finding("secrets", "secrets/aws-key", "keys.py", Severity::Critical);
        let medium = finding("sast", "python/eval", "app.py", Severity::Medium);
        // First seen in a pull request: detected early.
        server
            .upload(
                &server.admin,
                &upload(
                    "shop",
                    "feature",
                    "c1",
                    Stage::Pr,
                    report(vec![critical.clone()], &["secrets"], true),
                ),
            )
            .await;
        server
            .upload(
                &server.admin,
                &upload(
                    "shop",
                    "main",
                    "c2",
                    Stage::Main,
                    report(
                        vec![critical.clone(), medium.clone(), secret("old.py")],
                        &["secrets", "sast"],
                        true,
                    ),
                ),
            )
            .await;
        // main fixes old.py.
        server
            .upload(
                &server.admin,
                &upload(
                    "shop",
                    "main",
                    "c3",
                    Stage::Main,
                    report(
                        vec![critical.clone(), medium.clone()],
                        &["secrets", "sast"],
                        true,
                    ),
                ),
            )
            .await;
        server
            .upload(
                &server.admin,
                &upload(
                    "other",
                    "main",
                    "c",
                    Stage::Scheduled,
                    report(vec![secret("x.py")], &["secrets"], true),
                ),
            )
            .await;
        // The critical issue was first seen 8 days ago: past its 7-day SLA.
        let critical_id = server.issue_id("shop", "keys.py").await;
        sqlx::query("UPDATE issues SET first_seen_at = first_seen_at - $1 WHERE id = $2")
            .bind(8 * 86_400_i64)
            .bind(&critical_id)
            .execute(&server.db.pool)
            .await
            .unwrap();

        let (status, metrics) = server
            .get("/api/v1/metrics?project=shop", &server.admin)
            .await;
        assert_eq!(status, StatusCode::OK, "{metrics}");
        assert_eq!(metrics["open"]["critical"], 1);
        assert_eq!(metrics["open"]["medium"], 1);
        assert_eq!(metrics["open"]["high"], 0, "old.py is fixed");
        assert_eq!(metrics["sla_breaches"]["critical"], 1);
        assert_eq!(metrics["sla_breaches"]["medium"], 0);
        assert_eq!(metrics["time_to_fix"]["high"]["count"], 1);
        // keys.py first seen in a PR; app.py and old.py on main: 1 of 3.
        let ratio = metrics["detected_early_ratio"].as_f64().unwrap();
        assert!((ratio - 1.0 / 3.0).abs() < 1e-9, "{ratio}");
        let project = &metrics["projects"][0];
        assert_eq!(project["engines_last_30_days"], json!(["sast", "secrets"]));
        assert_eq!(project["scans_last_30_days"], 3);
        let this_week = metrics["weeks"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(
            this_week["introduced"], 2,
            "keys.py moved 8 days back: {this_week}"
        );
        assert_eq!(this_week["fixed"], 1);
        assert_eq!(this_week["open"]["critical"], 1);

        let (_, issue) = server
            .get(&format!("/api/v1/issues/{critical_id}"), &server.admin)
            .await;
        assert_eq!(issue["sla_breached"], true);
        assert_eq!(
            issue["due_at"].as_i64().unwrap(),
            issue["first_seen_at"].as_i64().unwrap() + 7 * 86_400
        );

        // Prometheus, scoped to what the caller sees.
        let viewer = server.user("vera", &[("shop", "viewer")]).await;
        let (status, text) = server.get("/metrics", &viewer).await;
        assert_eq!(status, StatusCode::OK);
        let text = text.as_str().unwrap().to_owned();
        assert!(
            text.contains("ward_issues_open{project=\"shop\",severity=\"critical\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("ward_issues_sla_breached{project=\"shop\",severity=\"critical\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("ward_scanner_adoption{project=\"shop\",engine=\"sast\"} 1\n"),
            "{text}"
        );
        assert!(
            !text.contains("project=\"other\""),
            "a viewer of shop sees nothing of other"
        );
        let (status, _) = server.send(Method::GET, "/metrics", None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = server.get("/api/v1/metrics?project=other", &viewer).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

/// One seeded issue of the metrics comparison below.
struct Seeded {
    project: usize,
    severity: &'static str,
    state: &'static str,
    first_seen: i64,
    first_stage: &'static str,
    fixed_at: Option<i64>,
}

both!(
    metrics_counted_in_the_database_match_a_count_over_every_issue,
    |server| {
        use ward_server::metrics::{SEVERITIES, Sla, compute};
        // Issues spread over 20 weeks, every state, stage and severity, in three projects,
        // from a fixed pseudo-random sequence; the metrics must equal a plain count over them.
        let now = 1_796_212_800_i64; // a Wednesday
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: i64| -> i64 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            i64::try_from(seed >> 33).unwrap() % n
        };
        let states = [
            "open",
            "confirmed",
            "false_positive",
            "accepted_risk",
            "fixed",
        ];
        let first_stages = ["pre-commit", "pr", "main", "scheduled"];
        let mut issues = Vec::new();
        for _ in 0..600 {
            let first_seen = now - next(20 * 7 * 86_400);
            let state = states[next(5) as usize];
            let fixed_at = (state == "fixed" && next(10) > 0)
                .then(|| (first_seen + next(60 * 86_400)).min(now));
            issues.push(Seeded {
                project: next(3) as usize,
                severity: SEVERITIES[next(5) as usize],
                state,
                first_seen,
                first_stage: first_stages[next(4) as usize],
                fixed_at,
            });
        }
        let names = ["alpha", "beta", "gamma"];
        for (p, name) in names.iter().enumerate() {
            sqlx::query("INSERT INTO projects (id, name, created_at) VALUES ($1, $2, $3)")
                .bind(format!("p{p}"))
                .bind(*name)
                .bind(now)
                .execute(&server.db.pool)
                .await
                .unwrap();
        }
        for (n, issue) in issues.iter().enumerate() {
            sqlx::query(
                "INSERT INTO issues (id, project_id, fingerprint, rule_id, engine, severity, \
                 severity_rank, title, message, path, start_line, end_line, state, first_seen_at, \
                 first_seen_scan, first_stage, last_seen_at, last_seen_scan, fixed_at) VALUES \
                 ($1, $2, $1, 'r', 'secrets', $3, 0, 't', 'm', 'a.py', 1, 1, $4, $5, 's', $6, $5, 's', $7)",
            )
            .bind(format!("i{n}"))
            .bind(format!("p{}", issue.project))
            .bind(issue.severity)
            .bind(issue.state)
            .bind(issue.first_seen)
            .bind(issue.first_stage)
            .bind(issue.fixed_at)
            .execute(&server.db.pool)
            .await
            .unwrap();
            if let Some(at) = issue.fixed_at {
                sqlx::query(
                    "INSERT INTO issue_events (id, issue_id, at, actor, kind) \
                     VALUES ($1, $2, $3, 'ward', 'fixed')",
                )
                .bind(format!("e{n}"))
                .bind(format!("i{n}"))
                .bind(at)
                .execute(&server.db.pool)
                .await
                .unwrap();
            }
        }
        let sla = Sla::parse("low=20,info=40").unwrap();
        // Two projects of three: the third's issues must count nowhere.
        let scope: Vec<(String, String)> = (0..2)
            .map(|p| (format!("p{p}"), names[p].to_owned()))
            .collect();
        let metrics = compute(&server.db, &scope, &sla, now).await.unwrap();
        let in_scope: Vec<&Seeded> = issues.iter().filter(|i| i.project < 2).collect();

        let is_open = |i: &Seeded| matches!(i.state, "open" | "confirmed");
        for severity in SEVERITIES {
            let open = in_scope
                .iter()
                .filter(|i| i.severity == severity && is_open(i))
                .count() as u64;
            assert_eq!(metrics.open.get(severity), open, "open {severity}");
            let breached = in_scope
                .iter()
                .filter(|i| i.severity == severity && is_open(i))
                .filter(|i| sla.due(severity, i.first_seen).is_some_and(|d| d < now))
                .count() as u64;
            assert_eq!(
                metrics.sla_breaches.get(severity),
                breached,
                "breaches {severity}"
            );
            let mut days: Vec<i64> = in_scope
                .iter()
                .filter(|i| i.severity == severity && i.state == "fixed")
                .filter_map(|i| i.fixed_at.map(|f| f - i.first_seen))
                .collect();
            days.sort_unstable();
            let ttf = metrics.time_to_fix.get(severity);
            if days.is_empty() {
                assert!(ttf.is_none(), "{severity}: {ttf:?}");
                continue;
            }
            let ttf = ttf.unwrap();
            let n = days.len();
            assert_eq!(ttf.count, n as u64, "fixed {severity}");
            let mean = days.iter().sum::<i64>() as f64 / n as f64 / 86_400.0;
            let median = if n % 2 == 1 {
                days[n / 2] as f64
            } else {
                (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
            } / 86_400.0;
            assert!(
                (ttf.mean_days.unwrap() - mean).abs() < 1e-9,
                "mean {severity}"
            );
            assert!(
                (ttf.median_days.unwrap() - median).abs() < 1e-9,
                "median {severity}: {ttf:?} against {median}"
            );
        }
        for (p, project) in metrics.projects.iter().enumerate() {
            assert_eq!(project.project, names[p]);
            let counted: Vec<&&Seeded> = in_scope.iter().filter(|i| i.project == p).collect();
            let fixed = counted.iter().filter(|i| i.state == "fixed").count() as u64;
            let fixed_total: u64 = SEVERITIES.iter().map(|s| project.fixed_total.get(s)).sum();
            assert_eq!(fixed_total, fixed, "{}", project.project);
            let judged: Vec<_> = counted
                .iter()
                .filter(|i| i.state != "false_positive")
                .collect();
            let early = judged
                .iter()
                .filter(|i| matches!(i.first_stage, "pre-commit" | "pr"))
                .count();
            let ratio = project.detected_early_ratio.unwrap();
            assert!((ratio - early as f64 / judged.len() as f64).abs() < 1e-9);
        }

        assert_eq!(metrics.weeks.len(), 12);
        assert_eq!(metrics.weeks[11].week, "2026-11-30");
        let this_week = 1_795_996_800_i64; // Monday 2026-11-30, 00:00 UTC
        for (w, week) in metrics.weeks.iter().enumerate() {
            let start = this_week - (11 - i64::try_from(w).unwrap()) * 7 * 86_400;
            let end = (start + 7 * 86_400).min(now + 1);
            let introduced = in_scope
                .iter()
                .filter(|i| (start..end).contains(&i.first_seen))
                .count() as u64;
            assert_eq!(week.introduced, introduced, "introduced {}", week.week);
            let fixed = in_scope
                .iter()
                .filter(|i| i.fixed_at.is_some_and(|f| (start..end).contains(&f)))
                .count() as u64;
            assert_eq!(week.fixed, fixed, "fixed {}", week.week);
            for severity in SEVERITIES {
                let open = in_scope
                    .iter()
                    .filter(|i| i.severity == severity && i.first_seen < end)
                    .filter(|i| match (i.state, i.fixed_at) {
                        ("fixed", Some(f)) => f >= end,
                        _ => is_open(i),
                    })
                    .count() as u64;
                assert_eq!(
                    week.open.get(severity),
                    open,
                    "open {severity} {}",
                    week.week
                );
            }
        }
    }
);

both!(
    scans_larger_than_one_batch_are_stored_whole_and_closed_across_batches,
    |server| {
        use sqlx::Row;
        // 1,000 findings: two full batches of 400 and one of 200 in every statement.
        let files = |range: std::ops::Range<usize>| -> Vec<ward_core::Finding> {
            range.map(|n| secret(&format!("src/f{n}.py"))).collect()
        };
        let scan = |commit: &str, findings| {
            upload(
                "big",
                "main",
                commit,
                Stage::Main,
                report(findings, &["secrets"], true),
            )
        };
        let (status, body) = server
            .upload(&server.admin, &scan("c1", files(0..1000)))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["new_issues"], 1000);
        let (_, body) = server
            .upload(&server.admin, &scan("c2", files(500..1450)))
            .await;
        assert_eq!(
            (&body["new_issues"], &body["fixed"]),
            (&json!(450), &json!(500))
        );
        if server.backend == common::Backend::Postgres {
            // The 500 issues seen again were rewritten without new index entries (heap-only
            // updates), which needs free room on their pages. Statistics arrive with a delay.
            let mut hot = 0;
            for _ in 0..100 {
                let row = sqlx::query(
                    "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables \
                     WHERE relid = 'issues'::regclass",
                )
                .fetch_one(&server.db.pool)
                .await
                .unwrap();
                hot = row.get::<i64, _>(1);
                if row.get::<i64, _>(0) >= 1000 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert!(
                hot >= 450,
                "{hot} heap-only updates of issues, about 500 expected"
            );
        }
        let (_, body) = server
            .upload(&server.admin, &scan("c3", files(0..1000)))
            .await;
        assert_eq!(
            (&body["new_issues"], &body["regressions"], &body["fixed"]),
            (&json!(0), &json!(500), &json!(450))
        );

        // Every column of every row landed in its place: each issue's path is the one its
        // fingerprint was computed from, and each finding row names its issue's file.
        let rows = sqlx::query("SELECT fingerprint, path, state FROM issues")
            .fetch_all(&server.db.pool)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1450);
        for row in &rows {
            let path: String = row.get(1);
            let expected = secret(&path).fingerprint.primary;
            assert_eq!(row.get::<String, _>(0), expected, "{path}");
            let state: String = row.get(2);
            let n: usize = path[5..path.len() - 3].parse().unwrap();
            assert_eq!(state, if n < 1000 { "open" } else { "fixed" }, "{path}");
        }
        // Each stored finding (as uploaded) belongs to the issue of its own path.
        let rows = sqlx::query(
            "SELECT f.finding, i.path FROM scan_findings f JOIN issues i ON i.id = f.issue_id",
        )
        .fetch_all(&server.db.pool)
        .await
        .unwrap();
        for row in &rows {
            let finding: serde_json::Value =
                serde_json::from_str(&row.get::<String, _>(0)).unwrap();
            assert_eq!(
                finding["location"]["path"].as_str(),
                Some(row.get::<String, _>(1).as_str())
            );
        }
        let findings: i64 = sqlx::query("SELECT COUNT(*) FROM scan_findings")
            .fetch_one(&server.db.pool)
            .await
            .unwrap()
            .get(0);
        assert_eq!(findings, 2950);
    }
);
