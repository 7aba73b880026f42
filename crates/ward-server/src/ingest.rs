//! Ingest: one uploaded scan stored with its findings in one transaction, findings merged into
//! issues by fingerprint, issues closed as fixed and reopened as regressions.
//!
//! The rules:
//! - An issue is one fingerprint (`Fingerprint::primary`) in one project. It keeps when, in
//!   which scan and at which stage it was first seen, and when it was last seen.
//! - Each branch has the set of issues its latest scan saw (`issue_presence`). A *complete* scan
//!   of a branch (no errors in its completeness record) that no longer sees an issue removes it
//!   from that branch; an issue no branch has any more is closed as `fixed`, with the scan and
//!   commit that fixed it. Only issues of engines that ran in the scan are judged, and
//!   `pre-commit` scans (staged files only) never close anything.
//! - An incomplete scan adds what it saw and removes nothing.
//! - A `fixed` issue seen again is reopened as `open`, counted as a regression.
//! - A retry of the same scan id with the same content returns the first answer and writes
//!   nothing; the same id with other content is refused.

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};
use sqlx::{AssertSqlSafe, Row};
use ward_core::Finding;

use crate::codeowners::CodeOwners;
use crate::db::Db;
use crate::now_unix;
use crate::wire::{Stage, UploadRequest, UploadResponse};

/// Rows per multi-row statement: 400 rows of up to 20 columns stay under SQLite's 32,766 and
/// PostgreSQL's 65,535 bound parameters.
pub(crate) const BATCH: usize = 400;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("scan id `{0}` was already uploaded with different content")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The issue id of a fingerprint in a project: stable, so retries and replicas agree.
pub fn issue_id(project_id: &str, fingerprint: &str) -> String {
    let digest = Sha256::digest(format!("ward-issue/v1\n{project_id}\n{fingerprint}").as_bytes());
    digest[..16]
        .iter()
        .fold(String::with_capacity(32), |mut s, b| {
            use std::fmt::Write;
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Checks what can be checked before touching the database.
pub fn validate(request: &UploadRequest) -> Result<(), IngestError> {
    let id = &request.scan_id;
    if id.len() < 8
        || id.len() > 64
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(IngestError::Invalid(
            "scan_id must be 8 to 64 letters, digits, `-` or `_`".into(),
        ));
    }
    crate::wire::validate_project_name(&request.project).map_err(IngestError::Invalid)?;
    for (name, value) in [("branch", &request.branch), ("commit", &request.commit)] {
        if value.len() > 255 || value.chars().any(char::is_control) {
            return Err(IngestError::Invalid(format!(
                "{name} must be at most 255 characters without control characters"
            )));
        }
    }
    if request.report.version != ward_core::REPORT_VERSION {
        return Err(IngestError::Invalid(format!(
            "report version {} is not supported (this server reads version {})",
            request.report.version,
            ward_core::REPORT_VERSION
        )));
    }
    if let Some(file) = &request.codeowners {
        if file.text.len() > crate::codeowners::MAX_BYTES {
            return Err(IngestError::Invalid(format!(
                "{}: a CODEOWNERS file has at most {} bytes",
                file.path,
                crate::codeowners::MAX_BYTES
            )));
        }
        if file.path.is_empty() || file.path.len() > 255 || file.path.chars().any(char::is_control)
        {
            return Err(IngestError::Invalid(
                "codeowners.path must be 1 to 255 characters without control characters".into(),
            ));
        }
    }
    for (i, finding) in request.report.findings.iter().enumerate() {
        if finding.fingerprint.primary.is_empty() || finding.fingerprint.primary.len() > 128 {
            return Err(IngestError::Invalid(format!(
                "finding {i} ({}) has no valid fingerprint",
                finding.rule_id
            )));
        }
    }
    Ok(())
}

/// A count as the database's integer (saturating: counts never get near `i64::MAX`).
fn db_int<T: TryInto<i64>>(value: T) -> i64 {
    value.try_into().unwrap_or(i64::MAX)
}

/// `$first, $first+1, ...` for `rows` rows of `cols` columns: `($1, $2), ($3, $4)`.
pub(crate) fn values(rows: usize, cols: usize, first: usize) -> String {
    let mut sql = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..cols {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push('$');
            sql.push_str(&(first + r * cols + c).to_string());
        }
        sql.push(')');
    }
    sql
}

/// `$first, ..., $first+n-1`.
pub(crate) fn list(n: usize, first: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `sql` with its `$1, $2, ...` placeholders written as `?` when they occur in the text exactly
/// in that order (as the batch statements here write them); `None` otherwise. SQLite resolves a
/// `$N` placeholder by a linear search of the statement's named parameters, once when it parses
/// the statement and once per bound value, so a 400-row `VALUES` of 7,600 `$N` costs tens of
/// millions of string comparisons; anonymous `?` placeholders are numbered as they are parsed.
pub(crate) fn positional(sql: &str) -> Option<String> {
    let bytes = sql.as_bytes();
    let mut out = String::with_capacity(sql.len());
    let mut next = 1usize;
    let mut copied = 0;
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => in_string = !in_string,
            b'$' if !in_string => {
                let digits = bytes[i + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let number: usize = sql[i + 1..i + 1 + digits].parse().ok()?;
                if number != next {
                    return None;
                }
                next += 1;
                out.push_str(&sql[copied..i]);
                out.push('?');
                i += 1 + digits;
                copied = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&sql[copied..]);
    Some(out)
}

/// A statement whose text is built for one batch of `rows` rows: its placeholders made
/// positional on SQLite (see [`positional`]), and kept in the connection's statement cache only
/// for full batches, whose text repeats; a statement of any other size would only push the
/// repeating ones out of the cache (and hold a server-side prepared statement on PostgreSQL).
pub(crate) fn batch_query<'q>(
    conn: &sqlx::AnyConnection,
    sql: String,
    rows: usize,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    let sql = if conn.backend_name() == "SQLite" {
        positional(&sql).unwrap_or(sql)
    } else {
        sql
    };
    sqlx::query(AssertSqlSafe(sql)).persistent(rows == BATCH)
}

pub(crate) type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// Stores `request` for `project_id` as uploaded by `user`; `payload_sha256` identifies the
/// upload's content for retries.
pub async fn ingest(
    db: &Db,
    project_id: &str,
    user: &str,
    request: &UploadRequest,
    payload_sha256: &str,
) -> Result<UploadResponse, IngestError> {
    let now = now_unix();
    let report = &request.report;
    let complete = report.completeness.is_complete();
    let (codeowners, codeowners_errors) = match &request.codeowners {
        Some(file) => {
            let (rules, errors) = CodeOwners::parse(&file.text);
            let errors = errors
                .iter()
                .map(|e| format!("{} line {}: {}", file.path, e.line, e.message))
                .collect();
            (Some(rules), errors)
        }
        None => (None, Vec::new()),
    };
    // One finding per fingerprint: the first in report order.
    let mut seen = BTreeSet::new();
    let findings: Vec<(&Finding, String)> = report
        .findings
        .iter()
        .filter(|f| seen.insert(f.fingerprint.primary.as_str()))
        .map(|f| (f, issue_id(project_id, &f.fingerprint.primary)))
        .collect();

    let _guard = db.write_guard().await;
    let mut tx = db.pool.begin().await?;
    // First statement writes: it takes the project's row lock on PostgreSQL (uploads to one
    // project queue here, so two never race on the same issues) and the write lock on SQLite.
    sqlx::query("UPDATE projects SET last_scan_at = $1 WHERE id = $2")
        .bind(now)
        .bind(project_id)
        .execute(&mut *tx)
        .await?;
    if let Some(row) = sqlx::query(
        "SELECT project_id, payload_sha256, finding_count, new_issues, regressions, fixed, complete \
         FROM scans WHERE id = $1",
    )
    .bind(&request.scan_id)
    .fetch_optional(&mut *tx)
    .await?
    {
        let same_project: String = row.get(0);
        let same_payload: String = row.get(1);
        if same_project != project_id || same_payload != payload_sha256 {
            return Err(IngestError::Conflict(request.scan_id.clone()));
        }
        return Ok(UploadResponse {
            scan_id: request.scan_id.clone(),
            project: request.project.clone(),
            duplicate: true,
            findings: row.get::<i64, _>(2) as u64,
            new_issues: row.get::<i64, _>(3) as u64,
            regressions: row.get::<i64, _>(4) as u64,
            fixed: row.get::<i64, _>(5) as u64,
            complete: row.get::<i64, _>(6) != 0,
            codeowners_errors,
        });
    }

    sqlx::query(
        "INSERT INTO scans (id, project_id, branch, commit_sha, stage, tool_name, tool_version, \
         engines, complete, files_seen, files_scanned, error_count, started_at, duration_ms, \
         finding_count, received_at, uploaded_by, payload_sha256) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
    )
    .bind(&request.scan_id)
    .bind(project_id)
    .bind(&request.branch)
    .bind(&request.commit)
    .bind(request.stage.as_str())
    .bind(&report.tool.name)
    .bind(&report.tool.version)
    .bind(report.tool.engines.join(","))
    .bind(i64::from(complete))
    .bind(db_int(report.completeness.files_seen))
    .bind(db_int(report.completeness.files_scanned))
    .bind(db_int(report.completeness.errors.len()))
    .bind(&report.started_at)
    .bind(db_int(report.duration_ms))
    .bind(db_int(findings.len()))
    .bind(now)
    .bind(user)
    .bind(payload_sha256)
    .execute(&mut *tx)
    .await?;

    let mut new_issues = 0u64;
    let mut new_critical = Vec::new();
    let mut regressed = Vec::new();
    new_issues += upsert_issues(
        &mut tx,
        project_id,
        request,
        &findings,
        codeowners.as_ref(),
        now,
        (&mut new_critical, &mut regressed),
    )
    .await?;
    for chunk in findings.chunks(BATCH) {
        insert_scan_findings(&mut tx, &request.scan_id, chunk).await?;
    }
    let regressions = regressed.len() as u64;
    crate::webhooks::enqueue_scan_events(
        &mut tx,
        project_id,
        request,
        &new_critical,
        &regressed,
        now,
    )
    .await?;
    let current: BTreeSet<&str> = findings.iter().map(|(_, id)| id.as_str()).collect();
    let fixed = update_presence(&mut tx, project_id, request, complete, &current, now).await?;

    sqlx::query("UPDATE scans SET new_issues = $1, regressions = $2, fixed = $3 WHERE id = $4")
        .bind(db_int(new_issues))
        .bind(db_int(regressions))
        .bind(db_int(fixed))
        .bind(&request.scan_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(UploadResponse {
        scan_id: request.scan_id.clone(),
        project: request.project.clone(),
        duplicate: false,
        findings: findings.len() as u64,
        new_issues,
        regressions,
        fixed,
        complete,
        codeowners_errors,
    })
}

/// Bound columns per issue row (and the `state` literal, the 14th column, makes 20).
const ISSUE_COLUMNS: usize = 19;

/// What an issue row holds of its latest finding: a finding that would write the same values
/// needs only its `last_seen_*` columns refreshed.
#[derive(Debug)]
struct Stored {
    severity: String,
    title: String,
    message: String,
    path: String,
    start_line: i64,
    end_line: i64,
    snippet: Option<String>,
    risk_score: Option<i64>,
}

impl Stored {
    /// Whether writing `finding` would leave these columns as they are (compared in place: this
    /// runs for every finding of every upload).
    fn matches(&self, finding: &Finding) -> bool {
        let location = &finding.location;
        self.severity == finding.severity.as_str()
            && self.title == finding.title
            && self.message == finding.message
            && self.path == location.path
            && self.start_line == i64::from(location.span.start_line)
            && self.end_line == i64::from(location.span.end_line)
            && self.snippet == location.snippet
            && self.risk_score == finding.risk.as_ref().map(|r| i64::from(r.score))
    }
}

/// An existing issue: its state, owners and stored finding.
struct Existing {
    state: String,
    owner: Option<String>,
    owner_source: Option<String>,
    stored: Stored,
}

/// Creates or refreshes the issues of a scan's findings; returns how many are new, and adds the
/// new critical issues and the regressions to `noticed` (for webhooks).
///
/// Most findings of a scan are issues already seen with the same content, so those rows get a
/// narrow update of `last_seen_*` alone (one bound value per row instead of nineteen); new
/// issues, changed ones and regressions go through the full upsert. Both kinds are sent in full
/// batches where they can be, whose statements stay prepared.
async fn upsert_issues(
    tx: &mut Tx<'_>,
    project_id: &str,
    request: &UploadRequest,
    findings: &[(&Finding, String)],
    codeowners: Option<&CodeOwners>,
    now: i64,
    noticed: (&mut Vec<String>, &mut Vec<String>),
) -> Result<u64, IngestError> {
    // Which of these exist, in which state, with which owners and content (the project row
    // lock keeps this true until commit).
    let mut existing: BTreeMap<String, Existing> = BTreeMap::new();
    for chunk in findings.chunks(BATCH) {
        let sql = format!(
            "SELECT id, state, owner, owner_source, severity, title, message, path, start_line, \
             end_line, snippet, risk_score FROM issues WHERE id IN ({})",
            list(chunk.len(), 1)
        );
        let mut query = batch_query(tx, sql, chunk.len());
        for (_, id) in chunk {
            query = query.bind(id.as_str());
        }
        for row in query.fetch_all(&mut **tx).await? {
            let stored = Stored {
                severity: row.get(4),
                title: row.get(5),
                message: row.get(6),
                path: row.get(7),
                start_line: row.get(8),
                end_line: row.get(9),
                snippet: row.get(10),
                risk_score: row.get(11),
            };
            existing.insert(
                row.get(0),
                Existing {
                    state: row.get(1),
                    owner: row.get(2),
                    owner_source: row.get(3),
                    stored,
                },
            );
        }
    }

    let (seen, full): (Vec<_>, Vec<_>) = findings.iter().partition(|(finding, id)| {
        existing
            .get(id)
            .is_some_and(|e| e.state != "fixed" && e.stored.matches(finding))
    });
    for chunk in seen.chunks(BATCH) {
        let sql = format!(
            "UPDATE issues SET last_seen_at = $1, last_seen_scan = $2 WHERE id IN ({})",
            list(chunk.len(), 3)
        );
        let mut query = batch_query(tx, sql, chunk.len())
            .bind(now)
            .bind(request.scan_id.as_str());
        for (_, id) in chunk {
            query = query.bind(id.as_str());
        }
        query.execute(&mut **tx).await?;
    }
    for chunk in full.chunks(BATCH) {
        upsert_full(tx, project_id, request, chunk, now).await?;
    }

    let mut events = Vec::new();
    let (new_critical, regressed) = noticed;
    for (finding, id) in findings {
        match existing.get(id).map(|e| e.state.as_str()) {
            None => {
                events.push(Event::new(id, "created", None, Some("open")));
                if finding.severity == ward_core::Severity::Critical {
                    new_critical.push(id.clone());
                }
            }
            Some("fixed") => {
                events.push(Event::new(id, "regressed", Some("fixed"), Some("open")));
                regressed.push(id.clone());
            }
            Some(_) => {}
        }
    }
    let new = events.iter().filter(|e| e.kind == "created").count() as u64;
    insert_events(
        tx,
        &events,
        now,
        "ward",
        Some(&request.scan_id),
        Some(&request.commit),
    )
    .await?;
    if let Some(codeowners) = codeowners {
        let current = findings
            .iter()
            .map(|(finding, id)| {
                let (owner, source) = existing
                    .get(id)
                    .map(|e| (e.owner.as_deref(), e.owner_source.as_deref()))
                    .unwrap_or_default();
                crate::owners::Current {
                    issue: id.as_str(),
                    path: finding.location.path.as_str(),
                    owner,
                    source,
                }
            })
            .collect::<Vec<_>>();
        crate::owners::apply_codeowners(tx, codeowners, &current, request, now).await?;
    }
    Ok(new)
}

/// Inserts new issues and rewrites changed or regressed ones, for one batch of findings.
async fn upsert_full(
    tx: &mut Tx<'_>,
    project_id: &str,
    request: &UploadRequest,
    chunk: &[&(&Finding, String)],
    now: i64,
) -> Result<(), IngestError> {
    let sql = format!(
        "INSERT INTO issues (id, project_id, fingerprint, rule_id, engine, severity, severity_rank, \
         title, message, path, start_line, end_line, snippet, state, first_seen_at, first_seen_scan, \
         first_stage, last_seen_at, last_seen_scan, risk_score) VALUES {} \
         ON CONFLICT (id) DO UPDATE SET \
         severity = excluded.severity, severity_rank = excluded.severity_rank, \
         title = excluded.title, message = excluded.message, path = excluded.path, \
         start_line = excluded.start_line, end_line = excluded.end_line, snippet = excluded.snippet, \
         last_seen_at = excluded.last_seen_at, last_seen_scan = excluded.last_seen_scan, \
         risk_score = excluded.risk_score, \
         regressions = issues.regressions + CASE WHEN issues.state = 'fixed' THEN 1 ELSE 0 END, \
         fixed_at = CASE WHEN issues.state = 'fixed' THEN NULL ELSE issues.fixed_at END, \
         fixed_scan = CASE WHEN issues.state = 'fixed' THEN NULL ELSE issues.fixed_scan END, \
         fixed_commit = CASE WHEN issues.state = 'fixed' THEN NULL ELSE issues.fixed_commit END, \
         state = CASE WHEN issues.state = 'fixed' THEN 'open' ELSE issues.state END",
        // `state` and `last_seen_*` share placeholders with their neighbours' layout below.
        values_with_literals(chunk.len(), ISSUE_COLUMNS, 1)
    );
    let mut query = batch_query(tx, sql, chunk.len());
    for (finding, id) in chunk {
        let location = &finding.location;
        query = query
            .bind(id.as_str())
            .bind(project_id)
            .bind(finding.fingerprint.primary.as_str())
            .bind(finding.rule_id.as_str())
            .bind(finding.engine.as_str())
            .bind(finding.severity.as_str())
            .bind(severity_rank(finding.severity))
            .bind(finding.title.as_str())
            .bind(finding.message.as_str())
            .bind(location.path.as_str())
            .bind(i64::from(location.span.start_line))
            .bind(i64::from(location.span.end_line))
            .bind(location.snippet.as_deref())
            .bind(now)
            .bind(request.scan_id.as_str())
            .bind(request.stage.as_str())
            .bind(now)
            .bind(request.scan_id.as_str())
            .bind(finding.risk.as_ref().map(|r| i64::from(r.score)));
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Like [`values`] with 18 bound columns per row and the literal `'open'` as the 14th column
/// (`state`), so the column list above has 19 entries.
fn values_with_literals(rows: usize, cols: usize, first: usize) -> String {
    let mut sql = String::new();
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..cols {
            if c > 0 {
                sql.push_str(", ");
            }
            if c == 13 {
                sql.push_str("'open', ");
            }
            sql.push('$');
            sql.push_str(&(first + r * cols + c).to_string());
        }
        sql.push(')');
    }
    sql
}

pub fn severity_rank(severity: ward_core::Severity) -> i64 {
    match severity {
        ward_core::Severity::Info => 0,
        ward_core::Severity::Low => 1,
        ward_core::Severity::Medium => 2,
        ward_core::Severity::High => 3,
        ward_core::Severity::Critical => 4,
    }
}

/// One history row to append: what happened to an issue, from what to what, and why.
#[derive(Debug, Clone)]
pub(crate) struct Event<'a> {
    pub issue: &'a str,
    pub kind: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub reason: Option<&'a str>,
}

impl<'a> Event<'a> {
    pub fn new(issue: &'a str, kind: &'a str, from: Option<&'a str>, to: Option<&'a str>) -> Self {
        Event {
            issue,
            kind,
            from,
            to,
            reason: None,
        }
    }
}

/// Appends history rows, in batches.
pub(crate) async fn insert_events(
    tx: &mut Tx<'_>,
    events: &[Event<'_>],
    now: i64,
    actor: &str,
    scan_id: Option<&str>,
    commit: Option<&str>,
) -> Result<(), sqlx::Error> {
    const COLS: usize = 10;
    for chunk in events.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO issue_events (id, issue_id, at, actor, kind, from_state, to_state, reason, scan_id, commit_sha) VALUES {}",
            values(chunk.len(), COLS, 1)
        );
        let mut query = batch_query(tx, sql, chunk.len());
        for event in chunk {
            query = query
                .bind(crate::auth::ordered_id())
                .bind(event.issue)
                .bind(now)
                .bind(actor)
                .bind(event.kind)
                .bind(event.from)
                .bind(event.to)
                .bind(event.reason)
                .bind(scan_id)
                .bind(commit);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_scan_findings(
    tx: &mut Tx<'_>,
    scan_id: &str,
    chunk: &[(&Finding, String)],
) -> Result<(), IngestError> {
    const COLS: usize = 3;
    let sql = format!(
        "INSERT INTO scan_findings (scan_id, issue_id, finding) VALUES {}",
        values(chunk.len(), COLS, 1)
    );
    let mut query = batch_query(tx, sql, chunk.len());
    for (finding, id) in chunk {
        let json = serde_json::to_string(finding).unwrap_or_default();
        query = query.bind(scan_id).bind(id.as_str()).bind(json);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Updates which issues the scan's branch has, and closes as fixed the issues no branch has
/// any more. Returns how many were closed.
async fn update_presence(
    tx: &mut Tx<'_>,
    project_id: &str,
    request: &UploadRequest,
    complete: bool,
    current: &BTreeSet<&str>,
    now: i64,
) -> Result<u64, IngestError> {
    let branch = request.branch.as_str();
    let before: BTreeSet<String> =
        sqlx::query("SELECT issue_id FROM issue_presence WHERE project_id = $1 AND branch = $2")
            .bind(project_id)
            .bind(branch)
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .map(|row| row.get(0))
            .collect();

    let added: Vec<&str> = current
        .iter()
        .copied()
        .filter(|id| !before.contains(*id))
        .collect();
    for chunk in added.chunks(BATCH) {
        let sql = format!(
            // No conflict is possible: `before` is the branch's set, read under the project lock.
            "INSERT INTO issue_presence (project_id, branch, issue_id) VALUES {}",
            values(chunk.len(), 3, 1)
        );
        let mut query = batch_query(tx, sql, chunk.len());
        for id in chunk {
            query = query.bind(project_id).bind(branch).bind(*id);
        }
        query.execute(&mut **tx).await?;
    }

    // Only a complete scan that looked at the whole tree may say something is gone.
    if !complete || request.stage == Stage::PreCommit {
        return Ok(0);
    }
    let engines: BTreeSet<&str> = request
        .report
        .tool
        .engines
        .iter()
        .map(String::as_str)
        .collect();
    let gone: Vec<&str> = before
        .iter()
        .map(String::as_str)
        .filter(|id| !current.contains(id))
        .collect();
    let mut fixed = 0;
    for chunk in gone.chunks(BATCH) {
        // Issues of engines that did not run are not judged: they stay on the branch.
        let sql = format!(
            "SELECT id, engine FROM issues WHERE id IN ({})",
            list(chunk.len(), 1)
        );
        let mut query = batch_query(tx, sql, chunk.len());
        for id in chunk {
            query = query.bind(*id);
        }
        let judged: Vec<String> = query
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .filter(|row| engines.contains(row.get::<String, _>(1).as_str()))
            .map(|row| row.get(0))
            .collect();
        if judged.is_empty() {
            continue;
        }
        let sql = format!(
            "DELETE FROM issue_presence WHERE project_id = $1 AND branch = $2 AND issue_id IN ({})",
            list(judged.len(), 3)
        );
        // Planned for its values each time, never as a generic plan: with the ids as constants
        // PostgreSQL tests each row of the branch against a hash of the list, where a generic
        // plan compares every row it reads (the branch's dead rows included) with each of the
        // up to 400 parameters in turn; that made this statement a seventh of PostgreSQL's
        // CPU time under `bench/server-load.sh`.
        let mut query = batch_query(tx, sql, judged.len())
            .persistent(false)
            .bind(project_id)
            .bind(branch);
        for id in &judged {
            query = query.bind(id.as_str());
        }
        query.execute(&mut **tx).await?;

        // Closed: still open in some way, and on no branch any more.
        let sql = format!(
            "SELECT id, state FROM issues WHERE id IN ({}) \
             AND state IN ('open', 'confirmed', 'accepted_risk') \
             AND NOT EXISTS (SELECT 1 FROM issue_presence p WHERE p.issue_id = issues.id)",
            list(judged.len(), 1)
        );
        let mut query = batch_query(tx, sql, judged.len());
        for id in &judged {
            query = query.bind(id.as_str());
        }
        let closing: Vec<(String, String)> = query
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect();
        if closing.is_empty() {
            continue;
        }
        let sql = format!(
            "UPDATE issues SET state = 'fixed', fixed_at = $1, fixed_scan = $2, fixed_commit = $3 \
             WHERE id IN ({})",
            list(closing.len(), 4)
        );
        let mut query = batch_query(tx, sql, closing.len())
            .bind(now)
            .bind(request.scan_id.as_str())
            .bind(request.commit.as_str());
        for (id, _) in &closing {
            query = query.bind(id.as_str());
        }
        query.execute(&mut **tx).await?;
        let events: Vec<Event<'_>> = closing
            .iter()
            .map(|(id, state)| Event::new(id, "fixed", Some(state.as_str()), Some("fixed")))
            .collect();
        insert_events(
            tx,
            &events,
            now,
            "ward",
            Some(&request.scan_id),
            Some(&request.commit),
        )
        .await?;
        fixed += closing.len() as u64;
    }
    Ok(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_rows_in_order() {
        assert_eq!(values(2, 2, 1), "($1, $2), ($3, $4)");
        assert_eq!(list(3, 4), "$4, $5, $6");
        assert_eq!(
            values_with_literals(1, 18, 1).matches('$').count(),
            18,
            "18 bound columns"
        );
        assert!(values_with_literals(1, 18, 1).contains("$13, 'open', $14"));
    }

    #[test]
    fn placeholders_in_order_become_positional() {
        assert_eq!(
            positional(&format!("INSERT INTO t VALUES {}", values(2, 2, 1))).as_deref(),
            Some("INSERT INTO t VALUES (?, ?), (?, ?)")
        );
        // A literal keeps its text; the placeholders around it still count in order.
        assert_eq!(
            positional(&values_with_literals(1, 15, 1)).as_deref(),
            Some("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)")
        );
        assert_eq!(
            positional("SELECT '$9' FROM t WHERE a = $1 AND b IN ($2, $3)").as_deref(),
            Some("SELECT '$9' FROM t WHERE a = ? AND b IN (?, ?)")
        );
        // Reused, skipped or reordered numbers stay as they are.
        assert_eq!(positional("SELECT $1, $1"), None);
        assert_eq!(positional("SELECT $2, $1"), None);
        assert_eq!(positional("SELECT $1, $3"), None);
        assert_eq!(positional("SELECT $x"), None);
    }

    #[test]
    fn issue_ids_depend_on_project_and_fingerprint() {
        assert_eq!(issue_id("p1", "abc"), issue_id("p1", "abc"));
        assert_ne!(issue_id("p1", "abc"), issue_id("p2", "abc"));
        assert_eq!(issue_id("p1", "abc").len(), 32);
    }
}
