//! Metrics over the issues a caller can see: open issues by severity (now and weekly), issues
//! introduced and fixed per week, time to fix, SLA breaches, the detected-early ratio and
//! scanner adoption. Served as JSON (`/api/v1/metrics`) and in Prometheus' text format
//! (`/metrics`).
//!
//! "Open" means `open` or `confirmed`: false positives and accepted risks are decided, and
//! fixed issues are gone. The weekly series of open issues is rebuilt from each issue's first
//! sighting and its latest fix: an issue fixed now counts as open until its fix; one that was
//! fixed and came back counts as open since its first sighting.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};

use crate::db::Db;

/// Days to fix an issue, by severity (index: info, low, medium, high, critical); `None`: no
/// deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sla {
    pub days: [Option<i64>; 5],
}

impl Default for Sla {
    /// Critical 7 days, high 30, medium 90, low 180, info none.
    fn default() -> Self {
        Sla {
            days: [None, Some(180), Some(90), Some(30), Some(7)],
        }
    }
}

pub const SEVERITIES: [&str; 5] = ["info", "low", "medium", "high", "critical"];

fn rank(severity: &str) -> usize {
    SEVERITIES.iter().position(|s| *s == severity).unwrap_or(0)
}

impl Sla {
    /// Parses `critical=7,high=30,medium=90,low=180` (any subset; `info=0` or `none` removes a
    /// deadline); the severities not named keep their defaults.
    pub fn parse(text: &str) -> Result<Sla, String> {
        let mut sla = Sla::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, days)) = part.split_once('=') else {
                return Err(format!("`{part}`: expected SEVERITY=DAYS, e.g. high=30"));
            };
            let Some(index) = SEVERITIES.iter().position(|s| *s == name.trim()) else {
                return Err(format!(
                    "`{name}` is not a severity (info, low, medium, high, critical)"
                ));
            };
            let days = days.trim();
            sla.days[index] = if days == "none" || days == "0" {
                None
            } else {
                Some(
                    days.parse::<i64>()
                        .ok()
                        .filter(|d| (1..=3650).contains(d))
                        .ok_or_else(|| format!("`{part}`: days must be 1 to 3650 or none"))?,
                )
            };
        }
        Ok(sla)
    }

    /// When an issue of `severity` first seen at `first_seen` is due.
    pub fn due(&self, severity: &str, first_seen: i64) -> Option<i64> {
        self.days[rank(severity)].map(|d| first_seen + d * 86_400)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SeverityCounts {
    pub critical: u64,
    pub high: u64,
    pub medium: u64,
    pub low: u64,
    pub info: u64,
}

impl SeverityCounts {
    fn add(&mut self, severity: &str) {
        match severity {
            "critical" => self.critical += 1,
            "high" => self.high += 1,
            "medium" => self.medium += 1,
            "low" => self.low += 1,
            _ => self.info += 1,
        }
    }

    pub fn get(&self, severity: &str) -> u64 {
        match severity {
            "critical" => self.critical,
            "high" => self.high,
            "medium" => self.medium,
            "low" => self.low,
            _ => self.info,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Week {
    /// The Monday the week starts (UTC), `YYYY-MM-DD`.
    pub week: String,
    /// Open at the end of the week.
    pub open: SeverityCounts,
    pub introduced: u64,
    pub fixed: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TimeToFix {
    /// Fixed issues measured.
    pub count: u64,
    pub mean_days: Option<f64>,
    pub median_days: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectMetrics {
    pub project: String,
    pub open: SeverityCounts,
    pub sla_breaches: SeverityCounts,
    pub fixed_total: SeverityCounts,
    /// Share of issues first seen at pre-commit or in a pull request (false positives aside);
    /// `None` without issues.
    pub detected_early_ratio: Option<f64>,
    /// Engines that ran in this project's scans of the last 30 days.
    pub engines_last_30_days: Vec<String>,
    pub scans_last_30_days: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    pub generated_at: i64,
    pub projects: Vec<ProjectMetrics>,
    /// All projects together.
    pub open: SeverityCounts,
    pub sla_breaches: SeverityCounts,
    pub detected_early_ratio: Option<f64>,
    /// Per severity, over every fixed issue.
    pub time_to_fix: BTreeMap<String, TimeToFix>,
    /// The last 12 weeks, oldest first.
    pub weeks: Vec<Week>,
}

/// Monday 00:00 UTC of the week holding `t` (1970-01-01 was a Thursday).
fn week_start(t: i64) -> i64 {
    let days = t.div_euclid(86_400);
    let monday = days - (days + 3).rem_euclid(7);
    monday * 86_400
}

struct IssueRow {
    project: usize,
    severity: String,
    state: String,
    first_seen: i64,
    first_stage: String,
    fixed_at: Option<i64>,
}

/// Computes the metrics of `projects` (id, name) at time `now`.
pub async fn compute(
    db: &Db,
    projects: &[(String, String)],
    sla: &Sla,
    now: i64,
) -> Result<Metrics, sqlx::Error> {
    let index: BTreeMap<&str, usize> = projects
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let mut issues = Vec::new();
    let mut fix_events: Vec<(String, i64)> = Vec::new();
    let mut engines: Vec<BTreeSet<String>> = vec![BTreeSet::new(); projects.len()];
    let mut scans = vec![0u64; projects.len()];
    let horizon = week_start(now) - 11 * 7 * 86_400;
    for chunk in projects.chunks(500) {
        let list = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT project_id, severity, state, first_seen_at, first_stage, fixed_at \
             FROM issues WHERE project_id IN ({list})"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (id, _) in chunk {
            query = query.bind(id.as_str());
        }
        for row in query.fetch_all(&db.pool).await? {
            let project: String = row.get(0);
            issues.push(IssueRow {
                project: index[project.as_str()],
                severity: row.get(1),
                state: row.get(2),
                first_seen: row.get(3),
                first_stage: row.get(4),
                fixed_at: row.get(5),
            });
        }
        let sql = format!(
            "SELECT e.issue_id, e.at, e.kind, i.severity FROM issue_events e \
             JOIN issues i ON i.id = e.issue_id \
             WHERE i.project_id IN ({list}) AND e.kind = 'fixed' AND e.at >= ${}",
            chunk.len() + 1
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (id, _) in chunk {
            query = query.bind(id.as_str());
        }
        for row in query.bind(horizon).fetch_all(&db.pool).await? {
            fix_events.push((row.get::<String, _>(3), row.get::<i64, _>(1)));
        }
        let sql = format!(
            "SELECT project_id, engines FROM scans WHERE project_id IN ({list}) AND received_at >= ${}",
            chunk.len() + 1
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (id, _) in chunk {
            query = query.bind(id.as_str());
        }
        for row in query.bind(now - 30 * 86_400).fetch_all(&db.pool).await? {
            let project: String = row.get(0);
            let i = index[project.as_str()];
            scans[i] += 1;
            let list: String = row.get(1);
            engines[i].extend(list.split(',').filter(|e| !e.is_empty()).map(str::to_owned));
        }
    }

    let is_open = |state: &str| matches!(state, "open" | "confirmed");
    let mut per_project: Vec<ProjectMetrics> = projects
        .iter()
        .zip(engines)
        .zip(&scans)
        .map(|(((_, name), engines), scans)| ProjectMetrics {
            project: name.clone(),
            open: SeverityCounts::default(),
            sla_breaches: SeverityCounts::default(),
            fixed_total: SeverityCounts::default(),
            detected_early_ratio: None,
            engines_last_30_days: engines.into_iter().collect(),
            scans_last_30_days: *scans,
        })
        .collect();
    let mut early = vec![(0u64, 0u64); projects.len()];
    let mut open = SeverityCounts::default();
    let mut breaches = SeverityCounts::default();
    let mut durations: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for issue in &issues {
        let project = &mut per_project[issue.project];
        if is_open(&issue.state) {
            project.open.add(&issue.severity);
            open.add(&issue.severity);
            if sla
                .due(&issue.severity, issue.first_seen)
                .is_some_and(|due| due < now)
            {
                project.sla_breaches.add(&issue.severity);
                breaches.add(&issue.severity);
            }
        }
        if issue.state == "fixed" {
            project.fixed_total.add(&issue.severity);
            if let Some(fixed) = issue.fixed_at {
                durations
                    .entry(SEVERITIES[rank(&issue.severity)])
                    .or_default()
                    .push(fixed - issue.first_seen);
            }
        }
        if issue.state != "false_positive" {
            early[issue.project].1 += 1;
            if matches!(issue.first_stage.as_str(), "pre-commit" | "pr") {
                early[issue.project].0 += 1;
            }
        }
    }
    let ratio = |(early, total): (u64, u64)| (total > 0).then(|| early as f64 / total as f64);
    for (project, counts) in per_project.iter_mut().zip(&early) {
        project.detected_early_ratio = ratio(*counts);
    }
    let total_early = early.iter().fold((0, 0), |(a, b), (c, d)| (a + c, b + d));

    let time_to_fix = durations
        .into_iter()
        .map(|(severity, mut list)| {
            list.sort_unstable();
            let n = list.len();
            let days = |s: i64| s as f64 / 86_400.0;
            let mean = list.iter().sum::<i64>() as f64 / n as f64 / 86_400.0;
            let median = if n % 2 == 1 {
                days(list[n / 2])
            } else {
                days(list[n / 2 - 1] + list[n / 2]) / 2.0
            };
            (
                severity.to_owned(),
                TimeToFix {
                    count: n as u64,
                    mean_days: Some(mean),
                    median_days: Some(median),
                },
            )
        })
        .collect();

    let weeks = weekly(&issues, &fix_events, now);
    Ok(Metrics {
        generated_at: now,
        projects: per_project,
        open,
        sla_breaches: breaches,
        detected_early_ratio: ratio(total_early),
        time_to_fix,
        weeks,
    })
}

/// The last 12 weeks: issues introduced and fixed in each, and open at each week's end.
fn weekly(issues: &[IssueRow], fix_events: &[(String, i64)], now: i64) -> Vec<Week> {
    let this_week = week_start(now);
    (0..12)
        .rev()
        .map(|ago| {
            let start = this_week - ago * 7 * 86_400;
            let end = (start + 7 * 86_400).min(now + 1);
            let introduced = issues
                .iter()
                .filter(|i| (start..end).contains(&i.first_seen))
                .count() as u64;
            let fixed = fix_events
                .iter()
                .filter(|(_, at)| (start..end).contains(at))
                .count() as u64;
            // Open at `end`: first seen before it and not fixed then. Today's state is exact
            // for the current week; for earlier weeks, an issue fixed now counts as open until
            // its fix, and one decided (false positive, accepted) is left out.
            let mut open = SeverityCounts::default();
            for issue in issues {
                if issue.first_seen >= end {
                    continue;
                }
                let open_then = match (issue.state.as_str(), issue.fixed_at) {
                    ("fixed", Some(fixed_at)) => fixed_at >= end,
                    (state, _) => matches!(state, "open" | "confirmed"),
                };
                if open_then {
                    open.add(&issue.severity);
                }
            }
            Week {
                week: ward_core::time::iso_datetime(start)[..10].to_owned(),
                open,
                introduced,
                fixed,
            }
        })
        .collect()
}

/// A Prometheus label value, escaped.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The Prometheus text exposition of `metrics`.
pub fn prometheus(metrics: &Metrics) -> String {
    let mut out = String::new();
    let mut family = |name: &str, kind: &str, help: &str, rows: Vec<(String, String)>| {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} {kind}");
        for (labels, value) in rows {
            let _ = writeln!(out, "{name}{{{labels}}} {value}");
        }
    };
    let by_severity = |pick: &dyn Fn(&ProjectMetrics) -> &SeverityCounts| {
        let mut rows = Vec::new();
        for project in &metrics.projects {
            for severity in SEVERITIES.iter().rev() {
                rows.push((
                    format!(
                        "project=\"{}\",severity=\"{severity}\"",
                        label(&project.project)
                    ),
                    pick(project).get(severity).to_string(),
                ));
            }
        }
        rows
    };
    family(
        "ward_issues_open",
        "gauge",
        "Issues open or confirmed, by project and severity.",
        by_severity(&|p| &p.open),
    );
    family(
        "ward_issues_sla_breached",
        "gauge",
        "Open issues past their SLA due date, by project and severity.",
        by_severity(&|p| &p.sla_breaches),
    );
    family(
        "ward_issues_fixed",
        "gauge",
        "Issues currently fixed, by project and severity.",
        by_severity(&|p| &p.fixed_total),
    );
    family(
        "ward_detected_early_ratio",
        "gauge",
        "Share of issues first seen at pre-commit or in a pull request.",
        metrics
            .projects
            .iter()
            .filter_map(|p| {
                p.detected_early_ratio
                    .map(|r| (format!("project=\"{}\"", label(&p.project)), r.to_string()))
            })
            .collect(),
    );
    family(
        "ward_time_to_fix_days_mean",
        "gauge",
        "Mean days from first sighting to fix, over fixed issues, by severity.",
        metrics
            .time_to_fix
            .iter()
            .filter_map(|(s, t)| {
                t.mean_days
                    .map(|d| (format!("severity=\"{s}\""), d.to_string()))
            })
            .collect(),
    );
    family(
        "ward_time_to_fix_days_median",
        "gauge",
        "Median days from first sighting to fix, over fixed issues, by severity.",
        metrics
            .time_to_fix
            .iter()
            .filter_map(|(s, t)| {
                t.median_days
                    .map(|d| (format!("severity=\"{s}\""), d.to_string()))
            })
            .collect(),
    );
    family(
        "ward_scanner_adoption",
        "gauge",
        "1 when the engine ran in the project's scans of the last 30 days.",
        metrics
            .projects
            .iter()
            .flat_map(|p| {
                p.engines_last_30_days.iter().map(|e| {
                    (
                        format!("project=\"{}\",engine=\"{}\"", label(&p.project), label(e)),
                        "1".to_owned(),
                    )
                })
            })
            .collect(),
    );
    family(
        "ward_scans_last_30_days",
        "gauge",
        "Scans uploaded in the last 30 days, by project.",
        metrics
            .projects
            .iter()
            .map(|p| {
                (
                    format!("project=\"{}\"", label(&p.project)),
                    p.scans_last_30_days.to_string(),
                )
            })
            .collect(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sla_defaults_and_overrides() {
        let sla = Sla::default();
        assert_eq!(sla.due("critical", 0), Some(7 * 86_400));
        assert_eq!(sla.due("low", 0), Some(180 * 86_400));
        assert_eq!(sla.due("info", 0), None);
        let sla = Sla::parse("critical=3, info=30, low=none").unwrap();
        assert_eq!(sla.due("critical", 0), Some(3 * 86_400));
        assert_eq!(sla.due("info", 0), Some(30 * 86_400));
        assert_eq!(sla.due("low", 0), None);
        assert_eq!(sla.due("high", 0), Some(30 * 86_400));
        assert!(Sla::parse("urgent=1").unwrap_err().contains("urgent"));
        assert!(Sla::parse("high=-4").is_err());
        assert!(Sla::parse("high").is_err());
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-12-02 is a Wednesday.
        let wednesday = 1_796_212_800;
        assert_eq!(
            &ward_core::time::iso_datetime(week_start(wednesday))[..10],
            "2026-11-30"
        );
        assert_eq!(week_start(week_start(wednesday)), week_start(wednesday));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
