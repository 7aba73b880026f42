//! Webhooks: a project's admins have the server call a URL when a scan brings new critical
//! issues or regressions, and when an issue breaches its SLA.
//!
//! Notifications go through an outbox (`webhook_deliveries`): each is written in the same
//! transaction as what caused it (the scan's ingest, the SLA sweep), so a crash loses none
//! and an aborted upload announces nothing. A background task sends them, retrying failures
//! with exponential backoff up to a bounded number of attempts; each delivery keeps its status,
//! attempt count and last error, readable through the API. Delivery is at least once: a
//! receiver deduplicates by the `X-Ward-Delivery` header.
//!
//! Two payload kinds: `generic` (Ward's JSON, signed with HMAC-SHA256 of the body in
//! `X-Ward-Signature-256: sha256=HEX` when the webhook has a secret) and `slack` (`{"text":
//! ...}`, which Slack, Mattermost, Rocket.Chat and Teams workflows accept).

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::Sha256;
use sqlx::{AssertSqlSafe, Row};
use tokio::sync::Notify;

use crate::api::{ApiError, SharedState, project_for};
use crate::auth::{Principal, Role, ordered_id, random_hex};
use crate::db::Db;
use crate::ingest::{Tx, list};
use crate::metrics::Sla;
use crate::now_unix;
use crate::wire::UploadRequest;

/// What a webhook can be told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Event {
    /// A scan found critical issues never seen before in the project.
    NewCritical,
    /// Open or confirmed issues went past their due date.
    SlaBreach,
    /// Fixed issues were seen again.
    Regression,
}

impl Event {
    pub const ALL: [Event; 3] = [Event::NewCritical, Event::SlaBreach, Event::Regression];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::NewCritical => "new-critical",
            Event::SlaBreach => "sla-breach",
            Event::Regression => "regression",
        }
    }

    pub fn parse(text: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.as_str() == text)
    }
}

/// How deliveries are retried.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Wait after the first failed attempt; doubled after each further one.
    pub first_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
    /// Attempts before a delivery is given up as failed.
    pub max_attempts: u32,
    /// Time allowed for one attempt (connect, send, answer).
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    /// 8 attempts over about an hour: waits of 30 s, 1, 2, 4, 8, 16 and 32 min.
    fn default() -> Self {
        RetryPolicy {
            first_delay: Duration::from_secs(30),
            max_delay: Duration::from_hours(1),
            max_attempts: 8,
            timeout: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// The wait after `attempts` failed attempts.
    pub fn delay(&self, attempts: u32) -> Duration {
        let factor = 1u32 << attempts.saturating_sub(1).min(20);
        self.first_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// Issues listed in one notification at most (the count says how many there were).
const LISTED: usize = 50;

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Where a notification's issues came from.
#[derive(Debug, Clone, Serialize)]
struct ScanRef<'a> {
    id: &'a str,
    branch: &'a str,
    commit: &'a str,
    stage: &'a str,
}

#[derive(Debug, Clone, Serialize)]
struct IssueRef {
    id: String,
    rule_id: String,
    severity: String,
    title: String,
    path: String,
    line: i64,
    owners: Vec<String>,
    first_seen_at: i64,
}

/// Writes a delivery for each of the project's webhooks subscribed to `event`, about
/// `issues` (ids), inside the caller's transaction. Returns how many.
async fn enqueue(
    tx: &mut Tx<'_>,
    project_id: &str,
    event: Event,
    scan: Option<&ScanRef<'_>>,
    issues: &[String],
    now: i64,
) -> Result<u64, sqlx::Error> {
    if issues.is_empty() {
        return Ok(0);
    }
    let hooks: Vec<(String, String, String)> =
        sqlx::query("SELECT id, kind, events FROM webhooks WHERE project_id = $1 ORDER BY id")
            .bind(project_id)
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .filter(|(_, _, events): &(String, String, String)| {
                events.split(',').any(|e| e == event.as_str())
            })
            .collect();
    if hooks.is_empty() {
        return Ok(0);
    }
    let project: String = sqlx::query("SELECT name FROM projects WHERE id = $1")
        .bind(project_id)
        .fetch_one(&mut **tx)
        .await?
        .get(0);
    let listed = &issues[..issues.len().min(LISTED)];
    let sql = format!(
        "SELECT id, rule_id, severity, title, path, start_line, owner, first_seen_at \
         FROM issues WHERE id IN ({}) ORDER BY severity_rank DESC, path, id",
        list(listed.len(), 1)
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for id in listed {
        query = query.bind(id.as_str());
    }
    let rows: Vec<IssueRef> = query
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| IssueRef {
            id: r.get(0),
            rule_id: r.get(1),
            severity: r.get(2),
            title: r.get(3),
            path: r.get(4),
            line: r.get(5),
            owners: crate::triage::owner_list(r.get::<Option<String>, _>(6).as_deref())
                .into_iter()
                .map(str::to_owned)
                .collect(),
            first_seen_at: r.get(7),
        })
        .collect();
    for (hook, kind, _) in &hooks {
        let delivery = ordered_id();
        let body = if kind == "slack" {
            slack_body(event, &project, scan, &rows, issues.len())
        } else {
            json!({
                "version": 1,
                "event": event,
                "delivery": delivery,
                "project": project,
                "scan": scan,
                "issue_count": issues.len(),
                "issues": rows,
                "created_at": now,
            })
            .to_string()
        };
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, webhook_id, event, body, status, next_attempt_ms, created_at) \
             VALUES ($1, $2, $3, $4, 'pending', $5, $6)",
        )
        .bind(&delivery)
        .bind(hook)
        .bind(event.as_str())
        .bind(body)
        .bind(now_ms())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(hooks.len() as u64)
}

/// Slack's three escapes; everything else is text.
fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn slack_body(
    event: Event,
    project: &str,
    scan: Option<&ScanRef<'_>>,
    issues: &[IssueRef],
    total: usize,
) -> String {
    let plural = if total == 1 { "" } else { "s" };
    let mut text = match event {
        Event::NewCritical => format!(
            "{total} new critical issue{plural} in *{}*",
            slack_escape(project)
        ),
        Event::Regression => format!(
            "{total} fixed issue{plural} came back in *{}*",
            slack_escape(project)
        ),
        Event::SlaBreach => format!(
            "{total} issue{plural} in *{}* passed {} due date",
            slack_escape(project),
            if total == 1 { "its" } else { "their" }
        ),
    };
    if let Some(scan) = scan {
        let commit: String = scan.commit.chars().take(12).collect();
        let _ = write!(
            text,
            " (scan of `{}` at `{}`, {})",
            slack_escape(scan.branch),
            slack_escape(&commit),
            scan.stage
        );
    }
    text.push(':');
    for issue in issues {
        let _ = write!(
            text,
            "\n• [{}] {} in `{}:{}` ({})",
            issue.severity,
            slack_escape(&issue.title),
            slack_escape(&issue.path),
            issue.line,
            slack_escape(&issue.rule_id)
        );
        if !issue.owners.is_empty() {
            let _ = write!(text, ", owners {}", slack_escape(&issue.owners.join(" ")));
        }
    }
    if total > issues.len() {
        let _ = write!(text, "\n…and {} more", total - issues.len());
    }
    json!({ "text": text }).to_string()
}

/// The notifications of one uploaded scan, in its ingest transaction.
pub(crate) async fn enqueue_scan_events(
    tx: &mut Tx<'_>,
    project_id: &str,
    request: &UploadRequest,
    new_critical: &[String],
    regressed: &[String],
    now: i64,
) -> Result<(), sqlx::Error> {
    if new_critical.is_empty() && regressed.is_empty() {
        return Ok(());
    }
    let scan = ScanRef {
        id: &request.scan_id,
        branch: &request.branch,
        commit: &request.commit,
        stage: request.stage.as_str(),
    };
    enqueue(
        tx,
        project_id,
        Event::NewCritical,
        Some(&scan),
        new_critical,
        now,
    )
    .await?;
    enqueue(
        tx,
        project_id,
        Event::Regression,
        Some(&scan),
        regressed,
        now,
    )
    .await?;
    Ok(())
}

/// `first_seen_at + (days to fix for its severity)`, with the days bound at `$2..$6`; NULL
/// for a severity without deadline.
const DUE_SQL: &str = "first_seen_at + CASE severity WHEN 'info' THEN $2 WHEN 'low' THEN $3 \
     WHEN 'medium' THEN $4 WHEN 'high' THEN $5 WHEN 'critical' THEN $6 END";

/// Announces issues that went past their due date since the last sweep (each breach once, per
/// due date), one notification per project. Returns how many issues were announced.
pub async fn announce_sla_breaches(db: &Db, sla: &Sla, now: i64) -> Result<u64, sqlx::Error> {
    let seconds = sla.days.map(|d| d.map(|d| d * 86_400));
    let bind_days = |mut query: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>| {
        for s in seconds {
            query = query.bind(s);
        }
        query
    };
    let sql = format!(
        "SELECT project_id, id FROM issues WHERE state IN ('open', 'confirmed') \
         AND {DUE_SQL} < $1 AND (sla_breach_notified IS NULL OR sla_breach_notified <> {DUE_SQL}) \
         ORDER BY project_id, id"
    );
    let rows = bind_days(sqlx::query(AssertSqlSafe(sql)).bind(now))
        .fetch_all(&db.pool)
        .await?;
    let mut by_project = std::collections::BTreeMap::<String, Vec<String>>::new();
    for row in rows {
        by_project.entry(row.get(0)).or_default().push(row.get(1));
    }
    let mut announced = 0;
    for (project_id, ids) in by_project {
        let _guard = db.write_guard().await;
        let mut tx = db.pool.begin().await?;
        for chunk in ids.chunks(crate::ingest::BATCH) {
            let sql = format!(
                "UPDATE issues SET sla_breach_notified = {DUE_SQL} WHERE id IN ({})",
                list(chunk.len(), 7)
            );
            let mut query = bind_days(sqlx::query(AssertSqlSafe(sql)).bind(now));
            for id in chunk {
                query = query.bind(id.as_str());
            }
            query.execute(&mut *tx).await?;
        }
        enqueue(&mut tx, &project_id, Event::SlaBreach, None, &ids, now).await?;
        tx.commit().await?;
        announced += ids.len() as u64;
    }
    Ok(announced)
}

/// Sends due deliveries until the server stops. `wake` is notified when new deliveries are
/// written, so they go out at once rather than at the next poll.
pub async fn deliver_forever(db: Db, policy: RetryPolicy, wake: Arc<Notify>) {
    let client = match reqwest::Client::builder()
        .timeout(policy.timeout)
        .connect_timeout(policy.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("ward-webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(client) => client,
        Err(err) => {
            log(&format!(
                "webhooks disabled: cannot set up the HTTP client: {err}"
            ));
            return;
        }
    };
    loop {
        if let Err(err) = deliver_due(&db, &client, &policy).await {
            log(&format!("webhook deliveries: {err}"));
        }
        // Sleep until the next retry is due (at most 5 s, so deliveries written by another
        // replica go out too) or until woken.
        let next: Option<i64> = sqlx::query_scalar(
            "SELECT MIN(next_attempt_ms) FROM webhook_deliveries WHERE status = 'pending'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap_or(None);
        let wait = next.map_or(5_000, |at| (at - now_ms()).clamp(0, 5_000));
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(Duration::from_millis(wait as u64)) => {}
        }
    }
}

#[allow(clippy::print_stderr)]
fn log(message: &str) {
    eprintln!("ward serve: {message}");
}

/// One claimed delivery and where it goes.
struct Due {
    id: String,
    event: String,
    body: String,
    attempts: i64,
    url: String,
    kind: String,
    secret: Option<String>,
}

/// Sends every delivery that is due, in parallel.
async fn deliver_due(
    db: &Db,
    client: &reqwest::Client,
    policy: &RetryPolicy,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    let rows = sqlx::query(
        "SELECT d.id, d.event, d.body, d.attempts, d.next_attempt_ms, w.url, w.kind, w.secret \
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
         WHERE d.status = 'pending' AND d.next_attempt_ms <= $1 \
         ORDER BY d.next_attempt_ms LIMIT 32",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    let mut sending = tokio::task::JoinSet::new();
    for row in rows {
        // Claimed by moving its next attempt past this one's timeout: another replica that
        // read the same row finds it changed and leaves it.
        let was: i64 = row.get(4);
        let lease = now + policy.timeout.as_millis() as i64 * 3;
        let claimed = sqlx::query(
            "UPDATE webhook_deliveries SET next_attempt_ms = $1 \
             WHERE id = $2 AND status = 'pending' AND next_attempt_ms = $3",
        )
        .bind(lease)
        .bind(row.get::<String, _>(0))
        .bind(was)
        .execute(&db.pool)
        .await?
        .rows_affected()
            == 1;
        if !claimed {
            continue;
        }
        let due = Due {
            id: row.get(0),
            event: row.get(1),
            body: row.get(2),
            attempts: row.get(3),
            url: row.get(5),
            kind: row.get(6),
            secret: row.get(7),
        };
        let client = client.clone();
        let db = db.clone();
        let policy = *policy;
        sending.spawn(async move {
            let outcome = attempt(&client, &due).await;
            record(&db, &policy, &due, outcome).await
        });
    }
    while let Some(done) = sending.join_next().await {
        if let Ok(Err(err)) = done {
            log(&format!("cannot record a webhook delivery: {err}"));
        }
    }
    Ok(())
}

/// HMAC-SHA256 of `body` with `secret`, as `sha256=HEX`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let mut out = String::from("sha256=");
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// One attempt: the HTTP status, or why there was none. Only the status is kept of an
/// answer, never its body (the URL is the admin's choice; what it answers is not ours to
/// store or show).
async fn attempt(client: &reqwest::Client, due: &Due) -> Result<u16, (Option<u16>, String)> {
    let mut request = client
        .post(&due.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("x-ward-event", &due.event)
        .header("x-ward-delivery", &due.id);
    if due.kind == "generic"
        && let Some(secret) = &due.secret
    {
        request = request.header(
            "x-ward-signature-256",
            signature(secret, due.body.as_bytes()),
        );
    }
    match request.body(due.body.clone()).send().await {
        Ok(response) if response.status().is_success() => Ok(response.status().as_u16()),
        Ok(response) => {
            let status = response.status();
            Err((
                Some(status.as_u16()),
                format!("the receiver answered {status}"),
            ))
        }
        Err(err) => {
            let err = err.without_url();
            let what = if err.is_timeout() {
                "no answer in time"
            } else if err.is_connect() {
                "cannot connect"
            } else {
                "cannot send"
            };
            let mut message = format!("{what}: {err}");
            let mut source = std::error::Error::source(&err);
            while let Some(cause) = source {
                let _ = write!(message, ": {cause}");
                source = cause.source();
            }
            Err((None, message))
        }
    }
}

async fn record(
    db: &Db,
    policy: &RetryPolicy,
    due: &Due,
    outcome: Result<u16, (Option<u16>, String)>,
) -> Result<(), sqlx::Error> {
    let attempts = due.attempts + 1;
    let (status, http, error, next) = match outcome {
        Ok(code) => ("delivered", Some(code), None, None),
        Err((code, error)) if attempts >= i64::from(policy.max_attempts) => {
            ("failed", code, Some(error), None)
        }
        Err((code, error)) => {
            let wait = policy.delay(attempts as u32);
            let next = now_ms() + wait.as_millis() as i64;
            ("pending", code, Some(error), Some(next))
        }
    };
    let finished = (status != "pending").then(now_unix);
    sqlx::query(
        "UPDATE webhook_deliveries SET status = $1, attempts = $2, last_status = $3, \
         last_error = COALESCE($4, last_error), next_attempt_ms = COALESCE($5, next_attempt_ms), finished_at = $6 \
         WHERE id = $7",
    )
    .bind(status)
    .bind(attempts)
    .bind(http.map(i64::from))
    .bind(error)
    .bind(next)
    .bind(finished)
    .bind(&due.id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

// ---- API -------------------------------------------------------------------------------

/// Webhooks one project may have.
const MAX_WEBHOOKS: i64 = 20;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct WebhookRequest {
    pub url: String,
    /// `generic` (default) or `slack`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Some of `new-critical`, `sla-breach`, `regression`.
    pub events: Vec<String>,
    /// For `generic`: the key that signs payloads (16 to 256 characters); one is made when
    /// none is given, and shown once.
    #[serde(default)]
    pub secret: Option<String>,
}

/// A webhook's URL for display: scheme, host and the first path segment; the rest (where
/// services like Slack put the credential) is masked.
fn display_url(url: &str) -> String {
    let Ok(parsed) = reqwest::Url::parse(url) else {
        return "****".into();
    };
    let mut shown = format!("{}://{}", parsed.scheme(), parsed.host_str().unwrap_or(""));
    if let Some(port) = parsed.port() {
        let _ = write!(shown, ":{port}");
    }
    let mut segments = parsed.path_segments().into_iter().flatten();
    if let Some(first) = segments.next() {
        let _ = write!(shown, "/{first}");
    }
    if segments.next().is_some() || parsed.query().is_some() {
        shown.push_str("/****");
    }
    shown
}

fn validate_url(url: &str) -> Result<(), String> {
    if url.len() > 2000 {
        return Err("a webhook URL has at most 2000 characters".into());
    }
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("`url` is not a URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return Err("a webhook URL is http:// or https:// with a host".into());
    }
    Ok(())
}

/// `POST /api/v1/projects/{project}/webhooks` (project admin).
#[utoipa::path(
    post,
    path = "/api/v1/projects/{project}/webhooks",
    tag = "webhooks",
    summary = "Add a webhook (project admins)",
    params(("project" = String, Path, description = "Project name (URL-encoded when it has `/`)")),
    request_body = WebhookRequest,
    responses(
        (status = 201, description = "`{id, url, kind, events, signed}`, and `secret` once when the server made it", body = serde_json::Value),
        (status = 400, description = "Invalid URL, kind, events or secret"),
        (status = 403, description = "Not a project admin"),
        (status = 409, description = "Too many webhooks"),
        (status = 401, description = "No or wrong credentials")
    )
)]
pub async fn create(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path(project): Path<String>,
    Json(body): Json<WebhookRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let (project_id, role) = project_for(&state.db, &principal, &project).await?;
    if role < Role::Admin {
        return Err(ApiError::forbidden());
    }
    validate_url(&body.url).map_err(ApiError::bad_request)?;
    let kind = body.kind.as_deref().unwrap_or("generic");
    if !matches!(kind, "generic" | "slack") {
        return Err(ApiError::bad_request(format!(
            "kind must be generic or slack (got `{kind}`)"
        )));
    }
    let mut events = Vec::new();
    for name in &body.events {
        let Some(event) = Event::parse(name) else {
            return Err(ApiError::bad_request(format!(
                "unknown event `{name}` (expected new-critical, sla-breach or regression)"
            )));
        };
        if !events.contains(&event) {
            events.push(event);
        }
    }
    if events.is_empty() {
        return Err(ApiError::bad_request(
            "a webhook needs at least one event: new-critical, sla-breach, regression",
        ));
    }
    let (secret, made) = match (kind, &body.secret) {
        ("slack", Some(_)) => {
            return Err(ApiError::bad_request(
                "Slack-compatible payloads are not signed: give no secret",
            ));
        }
        ("slack", None) => (None, false),
        (_, Some(secret)) => {
            if !(16..=256).contains(&secret.len()) || secret.chars().any(char::is_control) {
                return Err(ApiError::bad_request(
                    "a webhook secret has 16 to 256 characters without control characters",
                ));
            }
            (Some(secret.clone()), false)
        }
        (_, None) => (Some(format!("whsec_{}", random_hex(32))), true),
    };
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhooks WHERE project_id = $1")
        .bind(&project_id)
        .fetch_one(&state.db.pool)
        .await?;
    if count >= MAX_WEBHOOKS {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("a project has at most {MAX_WEBHOOKS} webhooks"),
        ));
    }
    let id = random_hex(8);
    let events_text = events
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(",");
    sqlx::query(
        "INSERT INTO webhooks (id, project_id, url, kind, events, secret, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(&project_id)
    .bind(&body.url)
    .bind(kind)
    .bind(&events_text)
    .bind(&secret)
    .bind(now_unix())
    .bind(&principal.name)
    .execute(&state.db.pool)
    .await?;
    let mut answer = json!({
        "id": id,
        "url": display_url(&body.url),
        "kind": kind,
        "events": events,
        "signed": secret.is_some(),
    });
    if made {
        answer["secret"] = json!(secret);
        answer["note"] = json!("the secret is shown once: keep it to check X-Ward-Signature-256");
    }
    Ok((StatusCode::CREATED, Json(answer)))
}

/// `GET /api/v1/projects/{project}/webhooks` (project admin): no secrets, masked URLs.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{project}/webhooks",
    tag = "webhooks",
    summary = "The project's webhooks, without secrets (project admins)",
    params(("project" = String, Path, description = "Project name (URL-encoded when it has `/`)")),
    responses(
        (status = 200, description = "`{project, webhooks: [...]}`", body = serde_json::Value),
        (status = 403, description = "Not a project admin"),
        (status = 401, description = "No or wrong credentials")
    )
)]
pub async fn list_webhooks(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path(project): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let (project_id, role) = project_for(&state.db, &principal, &project).await?;
    if role < Role::Admin {
        return Err(ApiError::forbidden());
    }
    let rows = sqlx::query(
        "SELECT w.id, w.url, w.kind, w.events, CAST(CASE WHEN w.secret IS NULL THEN 0 ELSE 1 END AS BIGINT), \
         w.created_at, w.created_by, \
         (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'failed') \
         FROM webhooks w WHERE w.project_id = $1 ORDER BY w.created_at, w.id",
    )
    .bind(&project_id)
    .fetch_all(&state.db.pool)
    .await?;
    let hooks: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({
                "id": r.get::<String, _>(0),
                "url": display_url(&r.get::<String, _>(1)),
                "kind": r.get::<String, _>(2),
                "events": r.get::<String, _>(3).split(',').collect::<Vec<_>>(),
                "signed": r.get::<i64, _>(4) != 0,
                "created_at": r.get::<i64, _>(5),
                "created_by": r.get::<String, _>(6),
                "failed_deliveries": r.get::<i64, _>(7),
            })
        })
        .collect();
    Ok(Json(json!({ "project": project, "webhooks": hooks })))
}

/// `DELETE /api/v1/projects/{project}/webhooks/{id}` (project admin): the webhook and its
/// delivery log.
#[utoipa::path(
    delete,
    path = "/api/v1/projects/{project}/webhooks/{id}",
    tag = "webhooks",
    summary = "Delete a webhook and its delivery log (project admins)",
    params(("project" = String, Path, description = "Project name (URL-encoded when it has `/`)"), ("id" = String, Path, description = "Webhook id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Not a project admin"),
        (status = 404, description = "No such webhook"),
        (status = 401, description = "No or wrong credentials")
    )
)]
pub async fn delete(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path((project, id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (project_id, role) = project_for(&state.db, &principal, &project).await?;
    if role < Role::Admin {
        return Err(ApiError::forbidden());
    }
    let _guard = state.db.write_guard().await;
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "DELETE FROM webhook_deliveries WHERE webhook_id IN \
         (SELECT id FROM webhooks WHERE id = $1 AND project_id = $2)",
    )
    .bind(&id)
    .bind(&project_id)
    .execute(&mut *tx)
    .await?;
    let done = sqlx::query("DELETE FROM webhooks WHERE id = $1 AND project_id = $2")
        .bind(&id)
        .bind(&project_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    if done == 1 {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("webhook"))
    }
}

/// `GET /api/v1/projects/{project}/webhooks/{id}/deliveries` (project admin): the latest 100,
/// newest first. `last_error` is the error of the latest failed attempt, kept after a later
/// attempt succeeds.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{project}/webhooks/{id}/deliveries",
    tag = "webhooks",
    summary = "A webhook's latest 100 deliveries (project admins)",
    params(("project" = String, Path, description = "Project name (URL-encoded when it has `/`)"), ("id" = String, Path, description = "Webhook id")),
    responses(
        (status = 200, description = "`{webhook, deliveries: [{id, event, status, attempts, last_status, last_error, ...}]}`", body = serde_json::Value),
        (status = 403, description = "Not a project admin"),
        (status = 404, description = "No such webhook"),
        (status = 401, description = "No or wrong credentials")
    )
)]
pub async fn deliveries(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path((project, id)): Path<(String, String)>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let (project_id, role) = project_for(&state.db, &principal, &project).await?;
    if role < Role::Admin {
        return Err(ApiError::forbidden());
    }
    let exists = sqlx::query("SELECT 1 FROM webhooks WHERE id = $1 AND project_id = $2")
        .bind(&id)
        .bind(&project_id)
        .fetch_optional(&state.db.pool)
        .await?
        .is_some();
    if !exists {
        return Err(ApiError::not_found("webhook"));
    }
    let rows = sqlx::query(
        "SELECT id, event, status, attempts, last_status, last_error, created_at, finished_at, \
         next_attempt_ms FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT 100",
    )
    .bind(&id)
    .fetch_all(&state.db.pool)
    .await?;
    let list: Vec<_> = rows
        .iter()
        .map(|r| {
            let status: String = r.get(2);
            json!({
                "id": r.get::<String, _>(0),
                "event": r.get::<String, _>(1),
                "status": status,
                "attempts": r.get::<i64, _>(3),
                "last_status": r.get::<Option<i64>, _>(4),
                "last_error": r.get::<Option<String>, _>(5),
                "created_at": r.get::<i64, _>(6),
                "finished_at": r.get::<Option<i64>, _>(7),
                "next_attempt_at": (status == "pending").then(|| r.get::<i64, _>(8) / 1000),
            })
        })
        .collect();
    Ok(Json(json!({ "webhook": id, "deliveries": list })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_a_cap() {
        let policy = RetryPolicy::default();
        let waits: Vec<u64> = (1..=7).map(|n| policy.delay(n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920]);
        assert_eq!(policy.delay(30), Duration::from_hours(1));
    }

    #[test]
    fn urls_are_shown_without_their_credential_part() {
        assert_eq!(
            display_url("https://hooks.slack.com/services/T0FAKE/B0FAKE/fake-path-token"),
            "https://hooks.slack.com/services/****"
        );
        assert_eq!(
            display_url("http://127.0.0.1:9000/hook"),
            "http://127.0.0.1:9000/hook"
        );
        assert_eq!(
            display_url("https://ex.com/hook?token=abc"),
            "https://ex.com/hook/****"
        );
    }

    #[test]
    fn only_http_urls_with_a_host() {
        assert!(validate_url("https://ex.com/x").is_ok());
        assert!(validate_url("file:///etc/passwd").is_err());
        assert!(validate_url("ftp://ex.com/").is_err());
        assert!(validate_url("not a url").is_err());
    }

    #[test]
    fn signatures_are_hmac_sha256_of_the_body() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn slack_text_escapes_what_slack_reads_as_markup() {
        let issue = IssueRef {
            id: "1".into(),
            rule_id: "python/eval".into(),
            severity: "critical".into(),
            title: "eval of <user> input & more".into(),
            path: "app.py".into(),
            line: 3,
            owners: vec!["@acme/web".into()],
            first_seen_at: 0,
        };
        let body: serde_json::Value =
            serde_json::from_str(&slack_body(Event::NewCritical, "shop", None, &[issue], 3))
                .unwrap();
        assert_eq!(
            body["text"],
            "3 new critical issues in *shop*:\n• [critical] eval of &lt;user&gt; input &amp; more \
             in `app.py:3` (python/eval), owners @acme/web\n…and 2 more"
        );
    }
}
