//! The issue list (`/issues`, filtered and paged), an issue's page (`/issues/ID`: the finding,
//! its code, its history) and the triage form, which only triagers and admins see and may send.

use std::fmt::Write as _;

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::Value;
use sqlx::Row;

use super::view::{self, SEVERITIES_DESC};
use super::{Chrome, PageError, PageResult, Session, SessionExt, Tab, render};
use crate::api::{SharedState, project_for};
use crate::auth::Role;
use crate::{now_unix, triage};

/// Issues per page of the list.
pub const PAGE_SIZE: i64 = 50;

/// The list's filters, as the filter form sends them (an empty field is no filter).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub(super) struct IssueQuery {
    project: String,
    severity: String,
    state: String,
    engine: String,
    owner: String,
    /// The lowest risk score shown.
    risk: String,
    page: String,
}

impl IssueQuery {
    fn pairs(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("project", self.project.as_str()),
            ("severity", self.severity.as_str()),
            ("state", self.state.as_str()),
            ("engine", self.engine.as_str()),
            ("owner", self.owner.as_str()),
            ("risk", self.risk.as_str()),
        ]
    }

    /// This list's address at another page.
    fn href_at(&self, page: i64) -> String {
        let page = page.to_string();
        let mut pairs = self.pairs();
        pairs.push(("page", if page == "1" { "" } else { &page }));
        let query = view::query_string(&pairs);
        if query.is_empty() {
            "/issues".to_owned()
        } else {
            format!("/issues?{query}")
        }
    }
}

/// `active`: what still needs work (open or confirmed), as the overview counts it.
const STATE_FILTERS: [(&str, &str); 7] = [
    ("", "any state"),
    ("active", "open or confirmed"),
    ("open", "open"),
    ("confirmed", "confirmed"),
    ("false_positive", "false positive"),
    ("accepted_risk", "accepted risk"),
    ("fixed", "fixed"),
];

const RISK_FILTERS: [(&str, &str); 5] = [
    ("", "any risk"),
    ("25", "risk 25+"),
    ("50", "risk 50+"),
    ("75", "risk 75+"),
    ("90", "risk 90+"),
];

/// A value bound into the list's SQL: filters are fixed SQL fragments with bound values.
enum Bind {
    Text(String),
    Int(i64),
}

/// The `WHERE` clause of the list and its bound values.
struct Filter {
    sql: String,
    binds: Vec<Bind>,
}

impl Filter {
    fn push(&mut self, fragment: &str, value: Bind) {
        self.binds.push(value);
        let _ = write!(self.sql, " AND {fragment}${}", self.binds.len());
    }

    fn query<'q>(
        &'q self,
        sql: &str,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
        for value in &self.binds {
            query = match value {
                Bind::Text(text) => query.bind(text.as_str()),
                Bind::Int(n) => query.bind(*n),
            };
        }
        query
    }
}

/// Checks the filters and turns them into SQL limited to what `session` may read.
async fn filter(
    state: &SharedState,
    session: &Session,
    query: &IssueQuery,
) -> Result<Filter, PageError> {
    let mut filter = Filter {
        sql: "1 = 1".to_owned(),
        binds: Vec::new(),
    };
    if !query.project.is_empty() {
        let (id, _) = project_for(&state.db, &session.principal, &query.project).await?;
        filter.push("i.project_id = ", Bind::Text(id));
    } else if !session.principal.is_admin {
        filter.push(
            "i.project_id IN (SELECT project_id FROM memberships WHERE user_id = ",
            Bind::Text(session.principal.user_id.clone()),
        );
        filter.sql.push(')');
    }
    if !query.severity.is_empty() {
        let severity: ward_core::Severity = query
            .severity
            .parse()
            .map_err(|e: ward_core::ParseLevelError| PageError::bad_request(e.to_string()))?;
        filter.push("i.severity = ", Bind::Text(severity.as_str().to_owned()));
    }
    match query.state.as_str() {
        "" => {}
        "active" => filter.sql.push_str(" AND i.state IN ('open', 'confirmed')"),
        state if triage::STATES.contains(&state) => {
            filter.push("i.state = ", Bind::Text(state.to_owned()));
        }
        state => {
            return Err(PageError::bad_request(format!(
                "unknown state `{state}`: use one of {}",
                triage::STATES.join(", ")
            )));
        }
    }
    if query.engine.len() > 200 || query.owner.len() > 200 {
        return Err(PageError::bad_request("a filter has at most 200 bytes"));
    }
    if !query.engine.is_empty() {
        filter.push("i.engine = ", Bind::Text(query.engine.clone()));
    }
    if !query.owner.is_empty() {
        filter.push(
            "i.id IN (SELECT issue_id FROM issue_owners WHERE owner = ",
            Bind::Text(query.owner.trim().to_owned()),
        );
        filter.sql.push(')');
    }
    if !query.risk.is_empty() {
        let risk = query
            .risk
            .parse::<i64>()
            .ok()
            .filter(|r| (0..=100).contains(r))
            .ok_or_else(|| PageError::bad_request("risk is a score from 0 to 100"))?;
        filter.push("i.risk_score >= ", Bind::Int(risk));
    }
    Ok(filter)
}

#[derive(Debug)]
struct IssueRow {
    href: String,
    project: String,
    severity: String,
    title: String,
    rule: String,
    location: String,
    state: String,
    state_label: String,
    owner: String,
    risk: String,
    first_seen: String,
    due: String,
    overdue: bool,
}

/// One choice of a `<select>`.
#[derive(Debug)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

fn choices<'a>(
    options: impl IntoIterator<Item = (&'a str, &'a str)>,
    current: &str,
) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            value: value.to_owned(),
            label: label.to_owned(),
            selected: value == current,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "issues.html")]
struct ListPage {
    chrome: Chrome,
    query: IssueQuery,
    projects: Vec<Choice>,
    severities: Vec<Choice>,
    states: Vec<Choice>,
    engines: Vec<Choice>,
    risks: Vec<Choice>,
    rows: Vec<IssueRow>,
    total: i64,
    first: i64,
    last: i64,
    page: i64,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
}

/// `GET /issues`: the issues of the projects the user may read, most severe first.
pub(super) async fn list(
    State(state): State<SharedState>,
    session: SessionExt,
    Query(query): Query<IssueQuery>,
) -> PageResult {
    let page = if query.page.is_empty() {
        1
    } else {
        query
            .page
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=1_000_000).contains(p))
            .ok_or_else(|| PageError::bad_request("page is a number from 1"))?
    };
    triage::reopen_expired(&state.db).await?;
    let filter = filter(&state, &session, &query).await?;
    // ward:ignore[rust/sql-format-string] the WHERE clause is built from fixed fragments; every value is a bind parameter ($n)
    let total: i64 = filter
        .query(&format!(
            "SELECT COUNT(*) FROM issues i WHERE {}",
            filter.sql
        ))
        .fetch_one(&state.db.pool)
        .await?
        .get(0);
    let offset = (page - 1) * PAGE_SIZE;
    // ward:ignore[rust/sql-format-string] the WHERE clause is built from fixed fragments; every value is a bind parameter ($n)
    let rows = filter
        .query(&format!(
            // The project's name by a subquery, not a join: SQLite then walks `issues_list` in
            // the page's order instead of sorting every issue of every project.
            "SELECT i.id, (SELECT p.name FROM projects p WHERE p.id = i.project_id), i.severity, \
             i.title, i.rule_id, i.path, i.start_line, i.state, \
             i.owner, i.risk_score, i.first_seen_at FROM issues i WHERE {} \
             ORDER BY i.severity_rank DESC, i.first_seen_at, i.id LIMIT {PAGE_SIZE} OFFSET {offset}",
            filter.sql
        ))
        .fetch_all(&state.db.pool)
        .await?;
    let now = now_unix();
    let rows = rows
        .iter()
        .map(|r| {
            let severity: String = r.get(2);
            let issue_state: String = r.get(7);
            let first_seen: i64 = r.get(10);
            let due = state.sla.due(&severity, first_seen);
            IssueRow {
                href: format!("/issues/{}", r.get::<String, _>(0)),
                project: r.get(1),
                title: r.get(3),
                rule: r.get(4),
                location: format!("{}:{}", r.get::<String, _>(5), r.get::<i64, _>(6)),
                state_label: view::state_label(&issue_state),
                owner: r
                    .get::<Option<String>, _>(8)
                    .unwrap_or_default()
                    .replace(' ', ", "),
                risk: r
                    .get::<Option<i64>, _>(9)
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
                first_seen: view::date(first_seen),
                due: due.map(view::date).unwrap_or_default(),
                overdue: matches!(issue_state.as_str(), "open" | "confirmed")
                    && due.is_some_and(|d| d < now),
                severity,
                state: issue_state,
            }
        })
        .collect();

    let visible = view::visible_projects(&state.db, &session.principal).await?;
    let mut project_choices = vec![("", "all projects")];
    project_choices.extend(visible.iter().map(|p| (p.name.as_str(), p.name.as_str())));
    let engines = engine_names(&state, &session, &query).await?;
    let mut engine_choices = vec![("", "any engine")];
    engine_choices.extend(engines.iter().map(|e| (e.as_str(), e.as_str())));
    let mut severity_choices = vec![("", "any severity")];
    severity_choices.extend(SEVERITIES_DESC.iter().map(|s| (*s, *s)));

    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page_view = ListPage {
        chrome: session.chrome(Tab::Issues),
        projects: choices(project_choices, &query.project),
        severities: choices(severity_choices, &query.severity),
        states: choices(STATE_FILTERS, &query.state),
        engines: choices(engine_choices, &query.engine),
        risks: choices(RISK_FILTERS, &query.risk),
        rows,
        total,
        first: if total == 0 { 0 } else { offset + 1 },
        last: (offset + PAGE_SIZE).min(total),
        page,
        pages,
        prev: (page > 1).then(|| query.href_at(page - 1)),
        next: (page < pages).then(|| query.href_at(page + 1)),
        query,
    };
    Ok(render(&page_view))
}

/// The engines that found issues in the projects the list covers, for the engine filter.
async fn engine_names(
    state: &SharedState,
    session: &Session,
    query: &IssueQuery,
) -> Result<Vec<String>, PageError> {
    let scope_only = IssueQuery {
        project: query.project.clone(),
        ..IssueQuery::default()
    };
    let filter = filter(state, session, &scope_only).await?;
    // ward:ignore[rust/sql-format-string] the WHERE clause is built from fixed fragments; every value is a bind parameter ($n)
    let rows = filter
        .query(&format!(
            "SELECT DISTINCT i.engine FROM issues i WHERE {} ORDER BY i.engine",
            filter.sql
        ))
        .fetch_all(&state.db.pool)
        .await?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// One line of the code snippet.
#[derive(Debug)]
struct CodeLine {
    number: i64,
    text: String,
}

#[derive(Debug)]
struct EventRow {
    at: String,
    actor: String,
    kind: String,
    change: String,
    reason: String,
    commit: String,
}

/// A reference: a link when it is a web address, text otherwise (never a `javascript:` link).
#[derive(Debug)]
struct Reference {
    text: String,
    link: bool,
}

/// The triage form as shown: the choices, what was typed, and why it was refused.
#[derive(Debug)]
struct TriageView {
    states: Vec<Choice>,
    reason: String,
    expires: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "issue.html")]
struct DetailPage {
    chrome: Chrome,
    id: String,
    project: String,
    project_href: String,
    severity: String,
    title: String,
    message: String,
    rule: String,
    engine: String,
    confidence: String,
    location: String,
    state: String,
    state_label: String,
    owner: String,
    owner_source: String,
    risk: String,
    first_seen: String,
    last_seen: String,
    fixed: String,
    regressions: i64,
    due: String,
    overdue: bool,
    triage_reason: String,
    accepted_until: String,
    fingerprint: String,
    code: Vec<CodeLine>,
    cwe: Vec<String>,
    remediation: String,
    references: Vec<Reference>,
    history: Vec<EventRow>,
    role: String,
    triage: Option<TriageView>,
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

/// The issue's page; `form` holds a refused triage attempt to show again.
async fn detail_page(
    state: &SharedState,
    session: &Session,
    id: &str,
    form: Option<(&TriageForm, String)>,
) -> Result<DetailPage, PageError> {
    let (issue, role) = triage::load_issue(&state.db, &session.principal, id).await?;
    // What the latest scan said about it (fix hint, CWE, references, risk), when stored.
    let finding =
        sqlx::query("SELECT finding FROM scan_findings WHERE scan_id = $1 AND issue_id = $2")
            .bind(issue["last_seen_scan"].as_str().unwrap_or_default())
            .bind(id)
            .fetch_optional(&state.db.pool)
            .await?
            .and_then(|row| {
                serde_json::from_str::<ward_core::Finding>(&row.get::<String, _>(0)).ok()
            });
    let severity = text(&issue["severity"]);
    let issue_state = text(&issue["state"]);
    let first_seen = issue["first_seen_at"].as_i64().unwrap_or_default();
    let due = state.sla.due(&severity, first_seen);
    let start_line = issue["start_line"].as_i64().unwrap_or(1);
    let end_line = issue["end_line"].as_i64().unwrap_or(start_line);
    let code = issue["snippet"]
        .as_str()
        .map(|snippet| {
            snippet
                .lines()
                .zip(start_line..)
                .map(|(line, number)| CodeLine {
                    number,
                    text: line.to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    let history = issue["history"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|e| EventRow {
            at: view::date_time(e["at"].as_i64().unwrap_or_default()),
            actor: text(&e["actor"]),
            kind: text(&e["kind"]).replace('-', " "),
            change: match (e["from"].as_str(), e["to"].as_str()) {
                (Some(from), Some(to)) => {
                    format!(
                        "{} \u{2192} {}",
                        view::state_label(from),
                        view::state_label(to)
                    )
                }
                (None, Some(to)) => view::state_label(to),
                _ => String::new(),
            },
            reason: text(&e["reason"]),
            commit: text(&e["commit"]).chars().take(12).collect(),
        })
        .collect();
    let triage = (role >= Role::Triager && issue_state != "fixed").then(|| {
        let (chosen, reason, expires, error) = match form {
            Some((form, error)) => (
                form.state.clone(),
                form.reason.clone(),
                form.expires.clone(),
                Some(error),
            ),
            None => (issue_state.clone(), String::new(), String::new(), None),
        };
        TriageView {
            states: choices(
                [
                    ("open", "open"),
                    ("confirmed", "confirmed"),
                    ("false_positive", "false positive"),
                    ("accepted_risk", "accepted risk"),
                ],
                &chosen,
            ),
            reason,
            expires,
            error,
        }
    });
    let project = text(&issue["project"]);
    let location = if end_line > start_line {
        format!("{}:{start_line}-{end_line}", text(&issue["path"]))
    } else {
        format!("{}:{start_line}", text(&issue["path"]))
    };
    let fixed = match issue["fixed_at"].as_i64() {
        Some(at) => format!(
            "{} in commit {}",
            view::date_time(at),
            text(&issue["fixed_commit"])
                .chars()
                .take(12)
                .collect::<String>()
        ),
        None => String::new(),
    };
    let (confidence, cwe, remediation, references, risk) = match finding {
        Some(f) => (
            f.confidence.as_str().to_owned(),
            f.cwe,
            f.remediation.unwrap_or_default(),
            f.references
                .into_iter()
                .map(|r| Reference {
                    link: r.starts_with("https://") || r.starts_with("http://"),
                    text: r,
                })
                .collect(),
            f.risk.map(|r| r.score.to_string()).unwrap_or_default(),
        ),
        None => Default::default(),
    };
    Ok(DetailPage {
        chrome: session.chrome(Tab::Issues),
        id: id.to_owned(),
        project_href: format!("/projects/{project}"),
        project,
        title: text(&issue["title"]),
        message: text(&issue["message"]),
        rule: text(&issue["rule_id"]),
        engine: text(&issue["engine"]),
        confidence,
        location,
        state_label: view::state_label(&issue_state),
        owner: issue["owners"]
            .as_array()
            .map(|owners| owners.iter().map(text).collect::<Vec<_>>().join(", "))
            .unwrap_or_default(),
        owner_source: match issue["owner_source"].as_str() {
            Some("codeowners") => "from CODEOWNERS".to_owned(),
            Some("manual") => "assigned by hand".to_owned(),
            _ => String::new(),
        },
        risk,
        first_seen: format!(
            "{} at stage {}",
            view::date_time(first_seen),
            text(&issue["first_stage"])
        ),
        last_seen: view::date_time(issue["last_seen_at"].as_i64().unwrap_or_default()),
        fixed,
        regressions: issue["regressions"].as_i64().unwrap_or_default(),
        due: due.map(view::date).unwrap_or_default(),
        overdue: matches!(issue_state.as_str(), "open" | "confirmed")
            && due.is_some_and(|d| d < now_unix()),
        triage_reason: text(&issue["triage_reason"]),
        accepted_until: issue["accepted_until"]
            .as_i64()
            .map(view::date)
            .unwrap_or_default(),
        fingerprint: text(&issue["fingerprint"]),
        code,
        cwe,
        remediation,
        references,
        history,
        role: role.as_str().to_owned(),
        triage,
        severity,
        state: issue_state,
    })
}

/// `GET /issues/ID`.
pub(super) async fn detail(
    State(state): State<SharedState>,
    session: SessionExt,
    Path(id): Path<String>,
) -> PageResult {
    triage::reopen_expired(&state.db).await?;
    let page = detail_page(&state, &session, &id, None).await?;
    Ok(render(&page))
}

#[derive(Debug, Deserialize)]
pub(super) struct TriageForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    expires: String,
}

/// `POST /issues/ID/triage`: a triager's decision, recorded as the API records it; a refused
/// decision shows the page again with the reason.
pub(super) async fn triage(
    State(state): State<SharedState>,
    session: SessionExt,
    Path(id): Path<String>,
    Form(form): Form<TriageForm>,
) -> PageResult {
    if !session.form_token_ok(&form.csrf) {
        return Err(PageError::forbidden(
            "The form expired: reload the page and try again.",
        ));
    }
    let (_, role) = triage::load_issue(&state.db, &session.principal, &id).await?;
    if role < Role::Triager {
        return Err(PageError::forbidden(format!(
            "Your role in this project is {role}: only triagers and admins can triage."
        )));
    }
    let request = triage::TriageRequest {
        state: form.state.clone(),
        reason: Some(form.reason.clone()).filter(|r| !r.trim().is_empty()),
        expires: Some(form.expires.clone()).filter(|e| !e.is_empty()),
    };
    match triage::apply(&state.db, &session.principal, &id, &request).await {
        Ok(()) => Ok(Redirect::to(&format!("/issues/{id}")).into_response()),
        Err(err) if err.status.is_client_error() => {
            let status = err.status;
            let page = detail_page(&state, &session, &id, Some((&form, err.message))).await?;
            let mut response = render(&page);
            *response.status_mut() = if status == StatusCode::NOT_FOUND {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            Ok(response)
        }
        Err(err) => Err(err.into()),
    }
}
