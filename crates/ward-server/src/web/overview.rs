//! The portfolio overview (`/`) and a project's page (`/projects/NAME`): open issues, SLA
//! breaches, the weekly charts, and the projects or the latest scans.

use askama::Template;
use axum::extract::{Path, State};
use sqlx::Row;

use super::charts::{self, Chart};
use super::view::{self, SEVERITIES_DESC};
use super::{Chrome, PageResult, SessionExt, Tab, render};
use crate::api::{SharedState, project_for};
use crate::metrics::{self, Metrics, SeverityCounts};
use crate::{now_unix, triage};

/// One severity's count of open issues, linking to the list of them.
#[derive(Debug)]
pub(super) struct SeverityCard {
    pub severity: &'static str,
    pub count: u64,
    pub href: String,
}

fn severity_cards(open: &SeverityCounts, project: &str) -> Vec<SeverityCard> {
    SEVERITIES_DESC
        .iter()
        .map(|&severity| SeverityCard {
            severity,
            count: open.get(severity),
            href: format!(
                "/issues?{}",
                view::query_string(&[
                    ("project", project),
                    ("severity", severity),
                    ("state", "open"),
                ])
            ),
        })
        .collect()
}

fn total(counts: &SeverityCounts) -> u64 {
    SEVERITIES_DESC.iter().map(|s| counts.get(s)).sum()
}

#[derive(Debug)]
struct ProjectRow {
    name: String,
    href: String,
    role: String,
    open: Vec<u64>,
    breaches: u64,
    early: String,
    engines: String,
    last_scan: String,
}

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    chrome: Chrome,
    open_total: u64,
    breaches_total: u64,
    early: String,
    cards: Vec<SeverityCard>,
    charts: Vec<Chart>,
    projects: Vec<ProjectRow>,
}

/// `GET /`: every project the user may read, together.
pub(super) async fn overview(State(state): State<SharedState>, session: SessionExt) -> PageResult {
    triage::reopen_expired(&state.db).await?;
    let visible = view::visible_projects(&state.db, &session.principal).await?;
    let scope: Vec<(String, String)> = visible
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let metrics = metrics::compute(&state.db, &scope, &state.sla, now_unix()).await?;
    let projects = visible
        .iter()
        .zip(&metrics.projects)
        .map(|(project, m)| ProjectRow {
            name: project.name.clone(),
            href: format!("/projects/{}", project.name),
            role: project.role.clone(),
            open: ["critical", "high", "medium", "low"]
                .iter()
                .map(|s| m.open.get(s))
                .collect(),
            breaches: total(&m.sla_breaches),
            early: view::percent(m.detected_early_ratio),
            engines: m.engines_last_30_days.join(", "),
            last_scan: project
                .last_scan_at
                .map_or_else(|| "never".to_owned(), view::date_time),
        })
        .collect();
    let page = OverviewPage {
        chrome: session.chrome(Tab::Overview),
        open_total: total(&metrics.open),
        breaches_total: total(&metrics.sla_breaches),
        early: view::percent(metrics.detected_early_ratio),
        cards: severity_cards(&metrics.open, ""),
        charts: week_charts(&metrics),
        projects,
    };
    Ok(render(&page))
}

fn week_charts(metrics: &Metrics) -> Vec<Chart> {
    vec![
        charts::open_by_severity(&metrics.weeks),
        charts::introduced_vs_fixed(&metrics.weeks),
    ]
}

#[derive(Debug)]
struct ScanRow {
    received: String,
    branch: String,
    commit: String,
    stage: String,
    engines: String,
    complete: bool,
    findings: i64,
    new_issues: i64,
    fixed: i64,
    regressions: i64,
    uploaded_by: String,
}

#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage {
    chrome: Chrome,
    name: String,
    role: String,
    issues_href: String,
    stats_href: String,
    open_total: u64,
    breaches_total: u64,
    fixed_total: u64,
    early: String,
    engines: String,
    scans_30_days: u64,
    cards: Vec<SeverityCard>,
    charts: Vec<Chart>,
    scans: Vec<ScanRow>,
}

/// `GET /projects/NAME`: one project (not found unless the user may read it).
pub(super) async fn project(
    State(state): State<SharedState>,
    session: SessionExt,
    Path(name): Path<String>,
) -> PageResult {
    let (project_id, role) = project_for(&state.db, &session.principal, &name).await?;
    triage::reopen_expired(&state.db).await?;
    let scope = [(project_id.clone(), name.clone())];
    let metrics = metrics::compute(&state.db, &scope, &state.sla, now_unix()).await?;
    let rows = sqlx::query(
        "SELECT received_at, branch, commit_sha, stage, engines, complete, finding_count, \
         new_issues, fixed, regressions, uploaded_by FROM scans WHERE project_id = $1 \
         ORDER BY received_at DESC, id LIMIT 15",
    )
    .bind(&project_id)
    .fetch_all(&state.db.pool)
    .await?;
    let scans = rows
        .iter()
        .map(|r| ScanRow {
            received: view::date_time(r.get(0)),
            branch: r.get(1),
            commit: r.get::<String, _>(2).chars().take(12).collect(),
            stage: r.get(3),
            engines: r.get::<String, _>(4).replace(',', ", "),
            complete: r.get::<i64, _>(5) != 0,
            findings: r.get(6),
            new_issues: r.get(7),
            fixed: r.get(8),
            regressions: r.get(9),
            uploaded_by: r.get(10),
        })
        .collect();
    let m = &metrics.projects[0];
    let page = ProjectPage {
        chrome: session.chrome(Tab::Overview),
        issues_href: format!("/issues?{}", view::query_string(&[("project", &name)])),
        stats_href: format!("/stats?{}", view::query_string(&[("project", &name)])),
        role: role.as_str().to_owned(),
        open_total: total(&m.open),
        breaches_total: total(&m.sla_breaches),
        fixed_total: total(&m.fixed_total),
        early: view::percent(m.detected_early_ratio),
        engines: m.engines_last_30_days.join(", "),
        scans_30_days: m.scans_last_30_days,
        cards: severity_cards(&m.open, &name),
        charts: week_charts(&metrics),
        scans,
        name,
    };
    Ok(render(&page))
}
