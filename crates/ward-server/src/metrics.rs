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
    fn add_n(&mut self, severity: &str, n: u64) {
        match severity {
            "critical" => self.critical += n,
            "high" => self.high += n,
            "medium" => self.medium += n,
            "low" => self.low += n,
            _ => self.info += n,
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

/// Projects per query: their ids are bound parameters, and with the week bounds and SLA
/// cut-offs a chunk stays far below SQLite's and PostgreSQL's limits.
const CHUNK: usize = 500;

/// `project_id IN ($first, ...)` for `n` projects.
fn in_list(n: usize, first: usize) -> String {
    crate::ingest::list(n, first)
}

/// The last 12 weeks as `[start, end)`, oldest first; the current week ends now.
fn week_bounds(now: i64) -> Vec<(i64, i64)> {
    let this_week = week_start(now);
    (0..12)
        .rev()
        .map(|ago| {
            let start = this_week - ago * 7 * 86_400;
            (start, (start + 7 * 86_400).min(now + 1))
        })
        .collect()
}

/// Computes the metrics of `projects` (id, name) at time `now`.
///
/// Everything is counted in the database (`GROUP BY` over an index that covers the columns
/// read), so the cost grows with the number of projects and weeks, not with the number of
/// issues read into memory; only the medians read rows, two per severity.
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
    let weeks_bounds = week_bounds(now);
    let horizon = weeks_bounds[0].0;
    // An open issue of a severity breaches its SLA when first seen before its cut-off.
    let cutoffs: Vec<i64> = sla
        .days
        .iter()
        .map(|d| d.map_or(i64::MIN, |d| now - d * 86_400))
        .collect();

    let mut per_project: Vec<ProjectMetrics> = projects
        .iter()
        .map(|(_, name)| ProjectMetrics {
            project: name.clone(),
            open: SeverityCounts::default(),
            sla_breaches: SeverityCounts::default(),
            fixed_total: SeverityCounts::default(),
            detected_early_ratio: None,
            engines_last_30_days: Vec::new(),
            scans_last_30_days: 0,
        })
        .collect();
    let mut engines: Vec<BTreeSet<String>> = vec![BTreeSet::new(); projects.len()];
    let mut early = vec![(0u64, 0u64); projects.len()];
    let mut open = SeverityCounts::default();
    let mut breaches = SeverityCounts::default();
    // Per severity: fixed issues with a fix time, and the sum of their fix times (seconds).
    let mut fix_sums: BTreeMap<&'static str, (u64, i64)> = BTreeMap::new();
    let mut weeks: Vec<Week> = weeks_bounds
        .iter()
        .map(|&(start, _)| Week {
            week: ward_core::time::iso_datetime(start)[..10].to_owned(),
            open: SeverityCounts::default(),
            introduced: 0,
            fixed: 0,
        })
        .collect();

    for chunk in projects.chunks(CHUNK) {
        let n = chunk.len();
        // Parameters: the project ids, then 5 SLA cut-offs (info..critical).
        let cutoff = |s: usize| format!("${}", n + 1 + s);
        let sql = format!(
            "SELECT project_id, severity, state, \
             CAST(CASE WHEN first_stage IN ('pre-commit', 'pr') THEN 1 ELSE 0 END AS BIGINT), \
             CAST(COUNT(*) AS BIGINT), \
             CAST(SUM(CASE WHEN first_seen_at < CASE severity WHEN 'critical' THEN {c4} \
             WHEN 'high' THEN {c3} WHEN 'medium' THEN {c2} WHEN 'low' THEN {c1} ELSE {c0} END \
             THEN 1 ELSE 0 END) AS BIGINT), \
             CAST(COUNT(fixed_at) AS BIGINT), \
             CAST(SUM(fixed_at - first_seen_at) AS BIGINT) \
             FROM issues WHERE project_id IN ({list}) GROUP BY 1, 2, 3, 4",
            c0 = cutoff(0),
            c1 = cutoff(1),
            c2 = cutoff(2),
            c3 = cutoff(3),
            c4 = cutoff(4),
            list = in_list(n, 1),
        );
        let mut totals = sqlx::query(AssertSqlSafe(sql));
        for (id, _) in chunk {
            totals = totals.bind(id.as_str());
        }
        for c in &cutoffs {
            totals = totals.bind(*c);
        }

        // The weekly series: issues counted by the week of their first sighting and of their
        // fix (-1: before the 12 weeks; 99: after now; -2: no fix), a few thousand groups at
        // most, then added up here.
        let sql = format!(
            "SELECT severity, state, \
             CAST(CASE WHEN first_seen_at < $h THEN -1 WHEN first_seen_at > $now THEN 99 \
             ELSE (first_seen_at - $h) / 604800 END AS BIGINT), \
             CAST(CASE WHEN fixed_at IS NULL THEN -2 WHEN fixed_at < $h THEN -1 \
             WHEN fixed_at > $now THEN 99 ELSE (fixed_at - $h) / 604800 END AS BIGINT), \
             CAST(COUNT(*) AS BIGINT) \
             FROM issues WHERE project_id IN ({}) GROUP BY 1, 2, 3, 4",
            in_list(n, 1)
        )
        .replace("$h", &format!("${}", n + 1))
        .replace("$now", &format!("${}", n + 2));
        let mut weekly = sqlx::query(AssertSqlSafe(sql));
        for (id, _) in chunk {
            weekly = weekly.bind(id.as_str());
        }
        weekly = weekly.bind(horizon).bind(now);

        let mut columns = Vec::new();
        for w in 0..12 {
            columns.push(format!(
                "CAST(SUM(CASE WHEN e.at >= ${} AND e.at < ${} THEN 1 ELSE 0 END) AS BIGINT)",
                n + 2 + 2 * w,
                n + 3 + 2 * w
            ));
        }
        let sql = format!(
            "SELECT {} FROM issue_events e JOIN issues i ON i.id = e.issue_id \
             WHERE i.project_id IN ({}) AND e.kind = 'fixed' AND e.at >= ${}",
            columns.join(", "),
            in_list(n, 1),
            n + 1
        );
        let mut fixes = sqlx::query(AssertSqlSafe(sql));
        for (id, _) in chunk {
            fixes = fixes.bind(id.as_str());
        }
        fixes = fixes.bind(horizon);
        for (s, e) in &weeks_bounds {
            fixes = fixes.bind(*s).bind(*e);
        }

        let sql = format!(
            "SELECT project_id, engines, CAST(COUNT(*) AS BIGINT) FROM scans \
             WHERE project_id IN ({}) AND received_at >= ${} GROUP BY project_id, engines",
            in_list(n, 1),
            n + 1
        );
        let mut adoption = sqlx::query(AssertSqlSafe(sql));
        for (id, _) in chunk {
            adoption = adoption.bind(id.as_str());
        }
        adoption = adoption.bind(now - 30 * 86_400);
        // The four queries are independent: run them at once on the pool (PostgreSQL works on
        // each in its own backend process, so the aggregate pages wait for the slowest, not
        // for the sum).
        let (totals_rows, weekly_rows, fixes_row, adoption_rows) = tokio::try_join!(
            totals.fetch_all(&db.pool),
            weekly.fetch_all(&db.pool),
            fixes.fetch_optional(&db.pool),
            adoption.fetch_all(&db.pool),
        )?;
        for row in totals_rows {
            let project: String = row.get(0);
            let i = index[project.as_str()];
            let severity = SEVERITIES[rank(&row.get::<String, _>(1))];
            let state: String = row.get(2);
            let is_early = row.get::<i64, _>(3) != 0;
            let count = row.get::<i64, _>(4) as u64;
            let past_due = row.get::<i64, _>(5) as u64;
            let project = &mut per_project[i];
            if matches!(state.as_str(), "open" | "confirmed") {
                project.open.add_n(severity, count);
                open.add_n(severity, count);
                project.sla_breaches.add_n(severity, past_due);
                breaches.add_n(severity, past_due);
            }
            if state == "fixed" {
                project.fixed_total.add_n(severity, count);
                let with_fix = row.get::<i64, _>(6) as u64;
                if with_fix > 0 {
                    let sum = row.get::<Option<i64>, _>(7).unwrap_or(0);
                    let entry = fix_sums.entry(severity).or_default();
                    entry.0 += with_fix;
                    entry.1 += sum;
                }
            }
            if state != "false_positive" {
                early[i].1 += count;
                if is_early {
                    early[i].0 += count;
                }
            }
        }

        for row in weekly_rows {
            let severity = SEVERITIES[rank(&row.get::<String, _>(0))];
            let state: String = row.get(1);
            let first_week: i64 = row.get(2);
            let fixed_week: i64 = row.get(3);
            let count = row.get::<i64, _>(4) as u64;
            for (w, week) in (0_i64..).zip(weeks.iter_mut()) {
                if first_week == w {
                    week.introduced += count;
                }
                let open_then = first_week <= w
                    && (matches!(state.as_str(), "open" | "confirmed")
                        || (state == "fixed" && fixed_week > w));
                if open_then {
                    week.open.add_n(severity, count);
                }
            }
        }

        if let Some(row) = fixes_row {
            for (w, week) in weeks.iter_mut().enumerate() {
                week.fixed += row.get::<Option<i64>, _>(w).unwrap_or(0) as u64;
            }
        }

        for row in adoption_rows {
            let project: String = row.get(0);
            let i = index[project.as_str()];
            per_project[i].scans_last_30_days += row.get::<i64, _>(2) as u64;
            let list: String = row.get(1);
            engines[i].extend(list.split(',').filter(|e| !e.is_empty()).map(str::to_owned));
        }
    }

    let ratio = |(early, total): (u64, u64)| (total > 0).then(|| early as f64 / total as f64);
    for ((project, counts), engines) in per_project.iter_mut().zip(&early).zip(engines) {
        project.detected_early_ratio = ratio(*counts);
        project.engines_last_30_days = engines.into_iter().collect();
    }
    let total_early = early.iter().fold((0, 0), |(a, b), (c, d)| (a + c, b + d));

    let mut time_to_fix = BTreeMap::new();
    for (severity, (count, sum)) in fix_sums {
        let median = median_fix_seconds(db, projects, severity, count).await?;
        time_to_fix.insert(
            severity.to_owned(),
            TimeToFix {
                count,
                mean_days: Some(sum as f64 / count as f64 / 86_400.0),
                median_days: median.map(|s| s / 86_400.0),
            },
        );
    }

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

/// The median fix time, in seconds, of the `count` fixed issues of `severity` in `projects`.
/// Within one chunk of projects the database sorts and returns the middle one or two; beyond
/// that the fix times are read and sorted here.
async fn median_fix_seconds(
    db: &Db,
    projects: &[(String, String)],
    severity: &str,
    count: u64,
) -> Result<Option<f64>, sqlx::Error> {
    if count == 0 {
        return Ok(None);
    }
    let middle = |list: &[i64], skipped: u64| -> Option<f64> {
        let n = count;
        let at = |k: u64| list.get(usize::try_from(k - skipped).ok()?).copied();
        if n % 2 == 1 {
            at(n / 2).map(|v| v as f64)
        } else {
            Some((at(n / 2 - 1)? + at(n / 2)?) as f64 / 2.0)
        }
    };
    let base = |n: usize| {
        format!(
            "SELECT fixed_at - first_seen_at FROM issues WHERE project_id IN ({}) \
             AND state = 'fixed' AND fixed_at IS NOT NULL AND severity = ${}",
            in_list(n, 1),
            n + 1
        )
    };
    if projects.len() <= CHUNK {
        let skip = (count - 1) / 2;
        let sql = format!("{} ORDER BY 1 LIMIT 2 OFFSET {skip}", base(projects.len()));
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (id, _) in projects {
            query = query.bind(id.as_str());
        }
        let list: Vec<i64> = query
            .bind(severity)
            .fetch_all(&db.pool)
            .await?
            .iter()
            .map(|r| r.get(0))
            .collect();
        return Ok(middle(&list, skip));
    }
    let mut list = Vec::new();
    for chunk in projects.chunks(CHUNK) {
        let mut query = sqlx::query(AssertSqlSafe(base(chunk.len())));
        for (id, _) in chunk {
            query = query.bind(id.as_str());
        }
        for row in query.bind(severity).fetch_all(&db.pool).await? {
            list.push(row.get::<i64, _>(0));
        }
    }
    list.sort_unstable();
    Ok(middle(&list, 0))
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
