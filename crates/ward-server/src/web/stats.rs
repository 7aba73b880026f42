//! The metrics page (`/stats`): time to fix by severity, SLA breaches, the detected-early ratio
//! and scanner adoption, for all readable projects or one.

use askama::Template;
use axum::extract::{Query, State};
use serde::Deserialize;

use super::view::{self, SEVERITIES_DESC};
use super::{Chrome, PageResult, SessionExt, Tab, render};
use crate::api::{SharedState, project_for};
use crate::metrics::{self, SEVERITIES};
use crate::{now_unix, triage};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct StatsQuery {
    project: String,
}

#[derive(Debug)]
struct FixRow {
    severity: &'static str,
    sla: String,
    fixed: u64,
    mean: String,
    median: String,
    open: u64,
    breaches: u64,
}

#[derive(Debug)]
struct ProjectRow {
    name: String,
    href: String,
    breaches: u64,
    early: String,
    scans: u64,
    /// One mark per engine of [`StatsPage::engines`]: whether it ran in the last 30 days.
    adoption: Vec<bool>,
}

#[derive(Debug)]
struct Choice {
    value: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "stats.html")]
struct StatsPage {
    chrome: Chrome,
    project: String,
    projects: Vec<Choice>,
    early: String,
    breaches_total: u64,
    fix_rows: Vec<FixRow>,
    engines: Vec<String>,
    rows: Vec<ProjectRow>,
}

/// `GET /stats[?project=NAME]`.
pub(super) async fn page(
    State(state): State<SharedState>,
    session: SessionExt,
    Query(query): Query<StatsQuery>,
) -> PageResult {
    triage::reopen_expired(&state.db).await?;
    let visible = view::visible_projects(&state.db, &session.principal).await?;
    let scope: Vec<(String, String)> = if query.project.is_empty() {
        visible
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect()
    } else {
        let (id, _) = project_for(&state.db, &session.principal, &query.project).await?;
        vec![(id, query.project.clone())]
    };
    let metrics = metrics::compute(&state.db, &scope, &state.sla, now_unix()).await?;
    let fix_rows = SEVERITIES_DESC
        .iter()
        .map(|&severity| {
            let ttf = metrics.time_to_fix.get(severity);
            let sla_days =
                state.sla.days[SEVERITIES.iter().position(|s| *s == severity).unwrap_or(0)];
            FixRow {
                severity,
                sla: sla_days.map_or_else(|| "none".to_owned(), |d| format!("{d} days")),
                fixed: ttf.map_or(0, |t| t.count),
                mean: view::days(ttf.and_then(|t| t.mean_days)),
                median: view::days(ttf.and_then(|t| t.median_days)),
                open: metrics.open.get(severity),
                breaches: metrics.sla_breaches.get(severity),
            }
        })
        .collect();
    let mut engines: Vec<String> = metrics
        .projects
        .iter()
        .flat_map(|p| p.engines_last_30_days.iter().cloned())
        .collect();
    engines.sort();
    engines.dedup();
    let rows = metrics
        .projects
        .iter()
        .map(|p| ProjectRow {
            href: format!("/projects/{}", p.project),
            name: p.project.clone(),
            breaches: SEVERITIES.iter().map(|s| p.sla_breaches.get(s)).sum(),
            early: view::percent(p.detected_early_ratio),
            scans: p.scans_last_30_days,
            adoption: engines
                .iter()
                .map(|e| p.engines_last_30_days.contains(e))
                .collect(),
        })
        .collect();
    let page = StatsPage {
        chrome: session.chrome(Tab::Metrics),
        projects: visible
            .iter()
            .map(|p| Choice {
                selected: p.name == query.project,
                value: p.name.clone(),
            })
            .collect(),
        project: query.project,
        early: view::percent(metrics.detected_early_ratio),
        breaches_total: SEVERITIES.iter().map(|s| metrics.sla_breaches.get(s)).sum(),
        fix_rows,
        engines,
        rows,
    };
    Ok(render(&page))
}
