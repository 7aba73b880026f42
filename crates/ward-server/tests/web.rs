//! The web dashboard over HTTP, as a browser uses it (session cookie, forms, redirects), each
//! test on SQLite and on PostgreSQL.

mod common;

use common::{ADMIN_PASSWORD, TestServer, finding, report, secret, upload};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};
use ward_core::Severity;
use ward_server::wire::Stage;

/// A page as a browser gets it, without following redirects.
struct Page {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Page {
    fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .map_or("", |v| v.to_str().unwrap())
    }

    /// The value of the first `<input name="NAME" value="...">`.
    fn input(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self
            .body
            .find(&marker)
            .unwrap_or_else(|| panic!("no input {name} in {}", self.body))
            + marker.len();
        let end = self.body[start..].find('"').unwrap() + start;
        self.body[start..end].to_owned()
    }

    /// The `name=value` of a cookie the answer sets.
    fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(|v| v.split(';').next().unwrap().to_owned())
    }
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn get(server: &TestServer, cookie: Option<&str>, path: &str) -> Page {
    let mut request = browser().get(server.url(path));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    answer(request).await
}

async fn post(
    server: &TestServer,
    cookie: Option<&str>,
    path: &str,
    form: &[(&str, &str)],
) -> Page {
    let mut request = browser()
        .post(server.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(form).unwrap());
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    answer(request).await
}

async fn answer(request: reqwest::RequestBuilder) -> Page {
    let response = request.send().await.expect("server answers");
    Page {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

/// A session of `user` (cookie, CSRF token), through the API login.
async fn session(server: &TestServer, user: &str) -> (String, String) {
    let password = if user == "admin" {
        ADMIN_PASSWORD.to_owned()
    } else {
        format!("{user}-password-long-enough")
    };
    server.login(user, &password).await.expect("logs in")
}

/// The issue as the API shows it to the administrator.
async fn api_issue(server: &TestServer, id: &str) -> serde_json::Value {
    let (status, issue) = server
        .get(&format!("/api/v1/issues/{id}"), &server.admin)
        .await;
    assert_eq!(status, StatusCode::OK);
    issue
}

async fn scan(server: &TestServer, project: &str, findings: Vec<ward_core::Finding>) {
    let request = upload(
        project,
        "main",
        "c0ffee1234567890",
        Stage::Main,
        report(findings, &["secrets", "sast"], true),
    );
    let (status, body) = server.upload(&server.admin, &request).await;
    assert!(status.is_success(), "{body}");
}

both!(
    every_page_needs_a_session_and_sends_the_browser_to_login,
    |server| {
        for path in [
            "/",
            "/issues?severity=high",
            "/issues/0123",
            "/projects/shop",
            "/stats",
        ] {
            let page = get(&server, None, path).await;
            assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
            let back = serde_urlencoded::to_string([("next", path)]).unwrap();
            if path == "/" {
                assert_eq!(page.location(), "/login");
            } else {
                assert_eq!(page.location(), format!("/login?{back}"), "{path}");
            }
            assert!(!page.body.contains("shop"));
            // A forged or expired cookie is no session either.
            let page = get(
                &server,
                Some(&format!("ward_session={}", "ab".repeat(32))),
                path,
            )
            .await;
            assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        }
        let page = post(
            &server,
            None,
            "/issues/0123/triage",
            &[("state", "confirmed")],
        )
        .await;
        assert_eq!(
            (page.status, page.location()),
            (StatusCode::SEE_OTHER, "/login")
        );
        let page = get(&server, None, "/static/ward.css").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(".badge"));
    }
);

both!(
    the_login_form_signs_in_with_its_own_csrf_token_and_logout_ends_the_session,
    |server| {
        let form = get(&server, None, "/login?next=%2Fissues%3Fstate%3Dopen").await;
        assert_eq!(form.status, StatusCode::OK);
        assert_eq!(
            form.headers["content-security-policy"]
                .to_str()
                .unwrap()
                .split(';')
                .next(),
            Some("default-src 'none'")
        );
        let token = form.input("csrf");
        let login_cookie = form.cookie("ward_login_csrf").expect("token cookie");
        assert_eq!(login_cookie, format!("ward_login_csrf={token}"));
        assert_eq!(form.input("next"), "/issues?state=open");

        // Without the cookie that pairs with the token (a form posted from another site): refused.
        let page = post(
            &server,
            None,
            "/login",
            &[
                ("username", "admin"),
                ("password", ADMIN_PASSWORD),
                ("csrf", &token),
            ],
        )
        .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(page.cookie("ward_session").is_none());
        assert!(
            page.body.contains("The login form expired"),
            "{}",
            page.body
        );

        let page = post(
            &server,
            Some(&login_cookie),
            "/login",
            &[
                ("username", "admin"),
                ("password", "not the password"),
                ("csrf", &token),
            ],
        )
        .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert!(page.body.contains("Wrong user name or password."));
        assert!(page.cookie("ward_session").is_none());

        let page = post(
            &server,
            Some(&login_cookie),
            "/login",
            &[
                ("username", "admin"),
                ("password", ADMIN_PASSWORD),
                ("csrf", &token),
                ("next", "/issues?state=open"),
            ],
        )
        .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        assert_eq!(page.location(), "/issues?state=open");
        let session = page.cookie("ward_session").expect("session cookie");
        let overview = get(&server, Some(&session), "/").await;
        assert_eq!(overview.status, StatusCode::OK);
        assert!(overview.body.contains("Portfolio overview"));
        assert!(overview.body.contains("<span>admin</span>"));
        // A logged-in browser skips the form.
        let page = get(&server, Some(&session), "/login?next=/stats").await;
        assert_eq!(
            (page.status, page.location()),
            (StatusCode::SEE_OTHER, "/stats")
        );

        // Logout needs the session's CSRF token, then the cookie is worth nothing.
        let page = post(&server, Some(&session), "/logout", &[("csrf", "wrong")]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert_eq!(
            get(&server, Some(&session), "/").await.status,
            StatusCode::OK
        );
        let csrf = overview.input("csrf");
        let page = post(&server, Some(&session), "/logout", &[("csrf", &csrf)]).await;
        assert_eq!(
            (page.status, page.location()),
            (StatusCode::SEE_OTHER, "/login")
        );
        assert_eq!(
            get(&server, Some(&session), "/").await.status,
            StatusCode::SEE_OTHER
        );

        // Only paths of this server are followed after login.
        let form = get(&server, None, "/login?next=https://evil.example/").await;
        assert_eq!(form.input("next"), "/");
    }
);

both!(a_member_of_one_project_sees_nothing_of_another, |server| {
    scan(&server, "alpha", vec![secret("alpha.py")]).await;
    scan(
        &server,
        "beta",
        vec![finding(
            "sast",
            "python/beta-only-rule",
            "beta.py",
            Severity::Critical,
        )],
    )
    .await;
    server.user("ann", &[("alpha", "viewer")]).await;
    let (cookie, _) = session(&server, "ann").await;
    let beta_issue = server.issue_id("beta", "beta.py").await;
    let alpha_issue = server.issue_id("alpha", "alpha.py").await;

    for path in ["/", "/issues", "/stats"] {
        let page = get(&server, Some(&cookie), path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("alpha"), "{path}");
        assert!(
            !page.body.contains("beta"),
            "{path} shows beta: {}",
            page.body
        );
    }
    let page = get(&server, Some(&cookie), "/").await;
    assert!(page.body.contains("1 project you can read"));
    for path in [
        format!("/issues/{beta_issue}"),
        "/projects/beta".to_owned(),
        "/issues?project=beta".to_owned(),
        "/stats?project=beta".to_owned(),
        "/projects/no-such-project".to_owned(),
    ] {
        let page = get(&server, Some(&cookie), &path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!page.body.contains("beta-only-rule"));
    }
    let page = get(&server, Some(&cookie), &format!("/issues/{alpha_issue}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("secrets/generic-api-key"));

    // The administrator reads both.
    let (admin, _) = session(&server, "admin").await;
    let page = get(&server, Some(&admin), "/issues").await;
    assert!(page.body.contains("alpha.py:3") && page.body.contains("beta.py:3"));
    assert!(page.body.contains("Issues 1–2 of 2"));
});

both!(
    the_issue_list_filters_by_severity_state_engine_owner_and_risk_and_pages,
    |server| {
        let mut findings = Vec::new();
        for i in 0..60 {
            findings.push(secret(&format!("keys/k{i:02}.py")));
        }
        for i in 0..45 {
            let mut f = finding(
                "sast",
                "python/eval",
                &format!("app/m{i:02}.py"),
                Severity::Critical,
            );
            f.risk = Some(ward_core::Risk {
                score: if i < 10 { 95 } else { 40 },
                base: 90.0,
                base_source: ward_core::RiskBase::Severity,
                confidence: 1.0,
                reachability: 1.0,
                exploit: 0.0,
                fix: 0.0,
                context: 1.0,
            });
            findings.push(f);
        }
        scan(&server, "shop", findings).await;
        for i in 0..10 {
            let id = server.issue_id("shop", &format!("app/m{i:02}.py")).await;
            let (status, body) = server
                .send(
                    reqwest::Method::PUT,
                    &format!("/api/v1/issues/{id}/owners"),
                    Some(&server.admin),
                    Some(serde_json::json!({ "owners": ["@acme/payments", "carol"] })),
                )
                .await;
            assert!(status.is_success(), "{body}");
        }
        let (cookie, _) = session(&server, "admin").await;

        let page = get(&server, Some(&cookie), "/issues").await;
        assert!(page.body.contains("Issues 1–50 of 105"), "{}", page.body);
        assert!(page.body.contains("page 1 of 3"));
        // Most severe first: the critical SAST issues lead.
        let first_row = &page.body[page.body.find("<tbody>").unwrap()..];
        assert!(
            first_row[..600].contains("badge sev-critical"),
            "{first_row}"
        );
        assert!(page.body.contains("href=\"/issues?page=2\""));

        let page = get(&server, Some(&cookie), "/issues?page=3").await;
        assert!(page.body.contains("Issues 101–105 of 105"));
        assert!(page.body.contains("rel=\"prev\"") && !page.body.contains("rel=\"next\""));

        let page = get(&server, Some(&cookie), "/issues?severity=high").await;
        assert!(page.body.contains("of 60"), "{}", page.body);
        assert!(!page.body.contains("python/eval"));
        let page = get(&server, Some(&cookie), "/issues?engine=sast&page=1").await;
        assert!(page.body.contains("Issues 1–45 of 45"));
        let page = get(&server, Some(&cookie), "/issues?owner=%40acme%2Fpayments").await;
        assert!(page.body.contains("Issues 1–10 of 10"));
        assert!(page.body.contains("<td>@acme/payments, carol</td>"));
        let page = get(&server, Some(&cookie), "/issues?risk=90").await;
        assert!(page.body.contains("Issues 1–10 of 10"));
        let page = get(
            &server,
            Some(&cookie),
            "/issues?risk=25&severity=critical&state=active",
        )
        .await;
        assert!(page.body.contains("of 45"));
        // The next page keeps the filters.
        let page = get(&server, Some(&cookie), "/issues?severity=high&state=open").await;
        assert!(
            page.body
                .contains("href=\"/issues?severity=high&#38;state=open&#38;page=2\""),
            "{}",
            page.body
        );
        let page = get(&server, Some(&cookie), "/issues?state=fixed").await;
        assert!(page.body.contains("No issue matches."));

        for bad in ["?severity=urgent", "?state=closed", "?risk=200", "?page=0"] {
            let page = get(&server, Some(&cookie), &format!("/issues{bad}")).await;
            assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
        }
    }
);

both!(
    an_issue_page_shows_the_code_and_history_and_escapes_what_findings_say,
    |server| {
        let mut hostile = finding("sast", "js/dom-xss", "web/app.js", Severity::High);
        hostile.message = "user input reaches <script>alert(\"owned\")</script> here".to_owned();
        hostile.title = "<img src=x onerror=alert(1)>".to_owned();
        hostile.location.snippet =
            Some("el.innerHTML = location.hash;\n</pre><b>bold</b>".to_owned());
        hostile.remediation = Some("Use textContent instead of innerHTML.".to_owned());
        hostile.references = vec![
            "https://owasp.org/www-community/attacks/xss/".to_owned(),
            "javascript:alert(1)".to_owned(),
        ];
        scan(&server, "shop", vec![hostile]).await;
        let id = server.issue_id("shop", "web/app.js").await;
        let (cookie, _) = session(&server, "admin").await;
        let page = get(&server, Some(&cookie), &format!("/issues/{id}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let body = &page.body;
        assert!(!body.contains("<script"), "{body}");
        assert!(!body.contains("<img"));
        assert!(!body.contains("<b>bold"));
        assert!(
            body.contains(
                "user input reaches &#60;script&#62;alert(&#34;owned&#34;)&#60;/script&#62; here"
            ),
            "{body}"
        );
        assert!(body.contains("&#60;/pre&#62;&#60;b&#62;bold"));
        // The snippet keeps its line numbers (the finding starts at line 3).
        assert!(
            body.contains("<span class=\"no\">3</span>el.innerHTML = location.hash;"),
            "{body}"
        );
        assert!(body.contains("<span class=\"no\">4</span>"));
        assert!(body.contains("Use textContent instead of innerHTML."));
        assert!(body.contains("href=\"https://owasp.org/www-community/attacks/xss/\""));
        assert!(!body.contains("href=\"javascript:"));
        assert!(body.contains("CWE-798"));
        // History: created by the scan, with the commit.
        assert!(body.contains("<td>created</td>"), "{body}");
        assert!(body.contains("c0ffee123456"));
        // The administrator may triage: the form is there with the session's token.
        assert!(body.contains(&format!("action=\"/issues/{id}/triage\"")));
    }
);

both!(
    a_viewer_sees_no_triage_form_and_cannot_post_one_a_triager_can,
    |server| {
        scan(&server, "shop", vec![secret("a.py")]).await;
        let id = server.issue_id("shop", "a.py").await;
        server.user("vic", &[("shop", "viewer")]).await;
        server.user("tia", &[("shop", "triager")]).await;
        let triage_path = format!("/issues/{id}/triage");
        let issue_path = format!("/issues/{id}");

        let (viewer, viewer_csrf) = session(&server, "vic").await;
        let page = get(&server, Some(&viewer), &issue_path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains(&triage_path), "a viewer gets no form");
        assert!(page.body.contains("only triagers and admins can triage"));
        let page = post(
            &server,
            Some(&viewer),
            &triage_path,
            &[
                ("csrf", &viewer_csrf),
                ("state", "confirmed"),
                ("reason", ""),
            ],
        )
        .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert_eq!(api_issue(&server, &id).await["state"], "open");

        let (triager, csrf) = session(&server, "tia").await;
        let page = get(&server, Some(&triager), &issue_path).await;
        assert!(page.body.contains(&format!("action=\"{triage_path}\"")));
        assert_eq!(page.input("csrf"), csrf);
        // Without the session's token (a form on another site): refused.
        let page = post(
            &server,
            Some(&triager),
            &triage_path,
            &[("state", "confirmed")],
        )
        .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert_eq!(api_issue(&server, &id).await["state"], "open");
        // A false positive needs a reason: the page comes back with the error and what was typed.
        let page = post(
            &server,
            Some(&triager),
            &triage_path,
            &[
                ("csrf", &csrf),
                ("state", "false_positive"),
                ("reason", " "),
            ],
        )
        .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.body.contains("`false_positive` needs a reason"),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains("<option value=\"false_positive\" selected>")
        );

        let page = post(
            &server,
            Some(&triager),
            &triage_path,
            &[
                ("csrf", &csrf),
                ("state", "accepted_risk"),
                ("reason", "test key <only>"),
                ("expires", "2999-01-31"),
            ],
        )
        .await;
        assert_eq!(
            (page.status, page.location()),
            (StatusCode::SEE_OTHER, issue_path.as_str())
        );
        let issue = api_issue(&server, &id).await;
        assert_eq!(issue["state"], "accepted_risk");
        let page = get(&server, Some(&triager), &issue_path).await;
        assert!(
            page.body.contains("<td>tia</td><td>triaged</td>"),
            "{}",
            page.body
        );
        assert!(page.body.contains("open → accepted risk"));
        assert!(page.body.contains("test key &#60;only&#62;"));
        assert!(page.body.contains("Accepted until</dt><dd>2999-01-31"));
    }
);

both!(
    project_and_metrics_pages_show_scans_time_to_fix_and_adoption,
    |server| {
        let name = "team/shop";
        scan(&server, name, vec![secret("a.py"), secret("b.py")]).await;
        // The second scan no longer sees b.py: fixed.
        scan(&server, name, vec![secret("a.py")]).await;
        let (cookie, _) = session(&server, "admin").await;

        let page = get(&server, Some(&cookie), "/projects/team/shop").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("<h1>team/shop</h1>"));
        assert_eq!(page.body.matches("<code>c0ffee123456</code>").count(), 2);
        assert!(
            page.body
                .contains("Engines in the last 30 days: sast, secrets")
        );
        assert!(page.body.contains("<svg"));

        let page = get(&server, Some(&cookie), "/stats").await;
        assert_eq!(page.status, StatusCode::OK);
        // One high issue fixed (within the same minute: 0.0 days).
        let high = &page.body[page.body.find("badge sev-high").unwrap()..];
        let row = &high[..high.find("</tr>").unwrap()];
        assert!(row.contains("<td>30 days</td>"), "{row}");
        assert!(
            row.contains(
                "<td class=\"num\">1</td><td class=\"num\">0.0</td><td class=\"num\">0.0</td>"
            ),
            "{row}"
        );
        assert!(page.body.contains("<th>sast</th><th>secrets</th>"));
        assert_eq!(page.body.matches("<span class=\"yes\">✓</span>").count(), 2);

        let page = get(&server, Some(&cookie), "/").await;
        assert!(page.body.contains("Open issues by severity"));
        assert!(page.body.contains("Introduced vs fixed per week"));
        assert!(
            page.body.contains("2 introduced and 1 fixed over 12 weeks"),
            "{}",
            page.body
        );
    }
);
