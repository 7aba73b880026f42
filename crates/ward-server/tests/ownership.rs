//! Issue ownership end to end: CODEOWNERS uploaded with a scan, assignment by hand, the owner
//! filter, and the history of every change; on SQLite and PostgreSQL.

mod common;

use common::{TestServer, report, secret, upload};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use ward_server::wire::{CodeOwnersFile, Stage, UploadRequest};

const CODEOWNERS: &str = "\
# Everything belongs to the platform team unless a later rule says otherwise.
*                    @acme/platform
/src/payments/       @acme/payments @alice
*.tf                 infra@example.com
/src/generated/
!/src/vendor/        @acme/nobody
";

fn scan_with_owners(files: &[&str], codeowners: Option<&str>) -> UploadRequest {
    let findings = files.iter().map(|f| secret(f)).collect();
    let mut request = upload(
        "shop",
        "main",
        "c1",
        Stage::Main,
        report(findings, &["secrets"], true),
    );
    request.codeowners = codeowners.map(|text| CodeOwnersFile {
        path: ".github/CODEOWNERS".into(),
        text: text.into(),
    });
    request
}

async fn owners_by_path(server: &TestServer, query: &str) -> Vec<(String, Value)> {
    let (status, body) = server
        .get(
            &format!("/api/v1/projects/shop/issues?limit=1000{query}"),
            &server.admin,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut issues: Vec<(String, Value)> = body["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["path"].as_str().unwrap().to_owned(), i["owners"].clone()))
        .collect();
    issues.sort_by(|a, b| a.0.cmp(&b.0));
    issues
}

both!(
    codeowners_uploaded_with_a_scan_gives_issues_their_owners,
    |server| {
        let request = scan_with_owners(
            &[
                "app.py",
                "src/payments/card.py",
                "deploy/main.tf",
                "src/generated/api.py",
            ],
            Some(CODEOWNERS),
        );
        let (status, body) = server.upload(&server.admin, &request).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        // The negated line is reported with its file and number, and skipped.
        assert_eq!(
            body["codeowners_errors"],
            json!([
                ".github/CODEOWNERS line 6: `!/src/vendor/`: negation (`!`) is not supported in CODEOWNERS"
            ])
        );
        assert_eq!(
            owners_by_path(&server, "").await,
            [
                ("app.py".into(), json!(["@acme/platform"])),
                ("deploy/main.tf".into(), json!(["infra@example.com"])),
                // The last matching rule names nobody: unowned.
                ("src/generated/api.py".into(), json!([])),
                (
                    "src/payments/card.py".into(),
                    json!(["@acme/payments", "@alice"])
                ),
            ]
        );

        // Filters: by one owner among several, and the issues nobody owns.
        let paths =
            |list: Vec<(String, Value)>| list.into_iter().map(|(p, _)| p).collect::<Vec<_>>();
        assert_eq!(
            paths(owners_by_path(&server, "&owner=%40alice").await),
            ["src/payments/card.py"]
        );
        assert_eq!(
            paths(owners_by_path(&server, "&owner=%40acme%2Fplatform").await),
            ["app.py"]
        );
        assert_eq!(
            paths(owners_by_path(&server, "&unowned=true").await),
            ["src/generated/api.py"]
        );

        // The history says which line decided.
        let id = server.issue_id("shop", "src/payments/card.py").await;
        let (_, issue) = server
            .get(&format!("/api/v1/issues/{id}"), &server.admin)
            .await;
        assert_eq!(issue["owner_source"], "codeowners");
        let last = issue["history"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["kind"], "assigned");
        assert_eq!(last["actor"], "ward");
        assert_eq!(last["from"], Value::Null);
        assert_eq!(last["to"], "@acme/payments @alice");
        assert_eq!(
            last["reason"],
            ".github/CODEOWNERS line 3: `/src/payments/`"
        );
        assert_eq!(last["scan_id"], request.scan_id.as_str());

        // A later scan with a changed CODEOWNERS moves ownership and records the move; a scan
        // without one leaves owners as they are.
        let changed = CODEOWNERS.replace("@acme/payments @alice", "@acme/billing");
        let mut next = scan_with_owners(&["app.py", "src/payments/card.py"], Some(&changed));
        next.commit = "c2".into();
        server.upload(&server.admin, &next).await;
        let without = scan_with_owners(&["app.py", "src/payments/card.py"], None);
        server.upload(&server.admin, &without).await;
        let (_, issue) = server
            .get(&format!("/api/v1/issues/{id}"), &server.admin)
            .await;
        assert_eq!(issue["owners"], json!(["@acme/billing"]));
        let assigned: Vec<(Value, Value)> = issue["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "assigned")
            .map(|e| (e["from"].clone(), e["to"].clone()))
            .collect();
        assert_eq!(
            assigned,
            [
                (Value::Null, json!("@acme/payments @alice")),
                (json!("@acme/payments @alice"), json!("@acme/billing")),
            ],
            "one entry per change, none for a scan that changed nothing"
        );
    }
);

both!(
    a_triager_assigns_owners_and_codeowners_does_not_override_them,
    |server| {
        server
            .upload(
                &server.admin,
                &scan_with_owners(&["src/payments/card.py"], Some(CODEOWNERS)),
            )
            .await;
        let id = server.issue_id("shop", "src/payments/card.py").await;
        let path = format!("/api/v1/issues/{id}/owners");
        let viewer = server.user("vera", &[("shop", "viewer")]).await;
        let triager = server.user("tom", &[("shop", "triager")]).await;
        let outsider = server.user("olga", &[("other", "admin")]).await;

        let assign = |token: &str, body: Value| {
            let token = token.to_owned();
            let path = path.clone();
            let server = &server;
            async move {
                server
                    .send(Method::PUT, &path, Some(&token), Some(body))
                    .await
            }
        };
        let (status, _) = assign(&viewer, json!({ "owners": ["@acme/fraud"] })).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a viewer cannot assign");
        let (status, _) = assign(&outsider, json!({ "owners": ["@acme/fraud"] })).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "another project's member sees nothing"
        );
        let (status, body) = assign(&triager, json!({ "owners": ["alice bob"] })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

        let (status, issue) = assign(
            &triager,
            json!({ "owners": ["@acme/fraud", "carol"], "reason": "fraud team owns card checks" }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{issue}");
        assert_eq!(issue["owners"], json!(["@acme/fraud", "carol"]));
        assert_eq!(issue["owner_source"], "manual");
        let last = issue["history"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(
            (
                &last["kind"],
                &last["actor"],
                &last["from"],
                &last["to"],
                &last["reason"]
            ),
            (
                &json!("assigned"),
                &json!("tom"),
                &json!("@acme/payments @alice"),
                &json!("@acme/fraud carol"),
                &json!("fraud team owns card checks")
            )
        );

        // The next scan's CODEOWNERS leaves the hand assignment alone.
        server
            .upload(
                &server.admin,
                &scan_with_owners(&["src/payments/card.py"], Some(CODEOWNERS)),
            )
            .await;
        let (_, issue) = server
            .get(&format!("/api/v1/issues/{id}"), &server.admin)
            .await;
        assert_eq!(issue["owners"], json!(["@acme/fraud", "carol"]));

        // Clearing it hands the issue back to CODEOWNERS at the next scan.
        let (status, issue) = assign(&triager, json!({ "owners": [] })).await;
        assert_eq!(status, StatusCode::OK, "{issue}");
        assert_eq!(issue["owners"], json!([]));
        assert_eq!(issue["owner_source"], Value::Null);
        server
            .upload(
                &server.admin,
                &scan_with_owners(&["src/payments/card.py"], Some(CODEOWNERS)),
            )
            .await;
        let (_, issue) = server
            .get(&format!("/api/v1/issues/{id}"), &server.admin)
            .await;
        assert_eq!(issue["owners"], json!(["@acme/payments", "@alice"]));
        assert_eq!(issue["owner_source"], "codeowners");

        // The filter follows every change.
        let (_, body) = server
            .get("/api/v1/projects/shop/issues?owner=carol", &server.admin)
            .await;
        assert_eq!(body["issues"], json!([]));
    }
);
