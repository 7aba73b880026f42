//! Triage: the states a person can put an issue in, with the reason, and the history that
//! records every change (append-only: no route edits or deletes an event).
//!
//! `fixed` is decided by scans only (a complete scan that no longer sees the issue); people
//! choose between `open`, `confirmed`, `false_positive` and `accepted_risk`. Accepting a risk
//! needs a reason and an expiry date; when the date passes, the issue is open again.

use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::json;
use sqlx::Row;

use crate::api::ApiError;
use crate::auth::{Principal, Role, ordered_id};
use crate::db::Db;
use crate::now_unix;

pub const STATES: &[&str] = &[
    "open",
    "confirmed",
    "false_positive",
    "accepted_risk",
    "fixed",
];

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TriageRequest {
    pub state: String,
    #[serde(default)]
    pub reason: Option<String>,
    /// For `accepted_risk`: the last day (`YYYY-MM-DD`, UTC) the acceptance holds.
    #[serde(default)]
    pub expires: Option<String>,
}

/// `YYYY-MM-DD` to the Unix time of the end of that day (UTC).
pub fn end_of_day(date: &str) -> Option<i64> {
    if !ward_core::time::is_date(date) {
        return None;
    }
    let year: i64 = date[0..4].parse().ok()?;
    let month: i64 = date[5..7].parse().ok()?;
    let day: i64 = date[8..10].parse().ok()?;
    // Days from civil (Howard Hinnant), the inverse of ward_core::time::iso_datetime.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + 86_399)
}

/// `issues.owner` (space-separated) as a list.
pub fn owner_list(owner: Option<&str>) -> Vec<&str> {
    owner
        .unwrap_or_default()
        .split(' ')
        .filter(|o| !o.is_empty())
        .collect()
}

/// An issue as JSON with its history, and the caller's role in its project.
pub async fn load_issue(
    db: &Db,
    principal: &Principal,
    id: &str,
) -> Result<(serde_json::Value, Role), ApiError> {
    let row = sqlx::query(
        "SELECT i.project_id, p.name, i.fingerprint, i.rule_id, i.engine, i.severity, i.title, \
         i.message, i.path, i.start_line, i.end_line, i.snippet, i.state, i.first_seen_at, \
         i.first_seen_scan, i.first_stage, i.last_seen_at, i.last_seen_scan, i.fixed_at, \
         i.fixed_scan, i.fixed_commit, i.regressions, i.triage_reason, i.accepted_until, i.owner, i.owner_source \
         FROM issues i JOIN projects p ON p.id = i.project_id WHERE i.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else {
        return Err(ApiError::not_found("issue"));
    };
    let project_id: String = r.get(0);
    let Some(role) = principal.role_in(db, &project_id).await? else {
        return Err(ApiError::not_found("issue"));
    };
    let events = sqlx::query(
        "SELECT at, actor, kind, from_state, to_state, reason, scan_id, commit_sha \
         FROM issue_events WHERE issue_id = $1 ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let history: Vec<_> = events
        .iter()
        .map(|e| {
            json!({
                "at": e.get::<i64, _>(0),
                "actor": e.get::<String, _>(1),
                "kind": e.get::<String, _>(2),
                "from": e.get::<Option<String>, _>(3),
                "to": e.get::<Option<String>, _>(4),
                "reason": e.get::<Option<String>, _>(5),
                "scan_id": e.get::<Option<String>, _>(6),
                "commit": e.get::<Option<String>, _>(7),
            })
        })
        .collect();
    let issue = json!({
        "id": id,
        "project": r.get::<String, _>(1),
        "fingerprint": r.get::<String, _>(2),
        "rule_id": r.get::<String, _>(3),
        "engine": r.get::<String, _>(4),
        "severity": r.get::<String, _>(5),
        "title": r.get::<String, _>(6),
        "message": r.get::<String, _>(7),
        "path": r.get::<String, _>(8),
        "start_line": r.get::<i64, _>(9),
        "end_line": r.get::<i64, _>(10),
        "snippet": r.get::<Option<String>, _>(11),
        "state": r.get::<String, _>(12),
        "first_seen_at": r.get::<i64, _>(13),
        "first_seen_scan": r.get::<String, _>(14),
        "first_stage": r.get::<String, _>(15),
        "last_seen_at": r.get::<i64, _>(16),
        "last_seen_scan": r.get::<String, _>(17),
        "fixed_at": r.get::<Option<i64>, _>(18),
        "fixed_scan": r.get::<Option<String>, _>(19),
        "fixed_commit": r.get::<Option<String>, _>(20),
        "regressions": r.get::<i64, _>(21),
        "triage_reason": r.get::<Option<String>, _>(22),
        "accepted_until": r.get::<Option<i64>, _>(23),
        "owners": owner_list(r.get::<Option<String>, _>(24).as_deref()),
        "owner_source": r.get::<Option<String>, _>(25),
        "history": history,
    });
    Ok((issue, role))
}

/// Applies a triage decision and records it.
pub async fn apply(
    db: &Db,
    principal: &Principal,
    id: &str,
    request: &TriageRequest,
) -> Result<(), ApiError> {
    let to = request.state.as_str();
    if !matches!(
        to,
        "open" | "confirmed" | "false_positive" | "accepted_risk"
    ) {
        return Err(ApiError::bad_request(format!(
            "state must be open, confirmed, false_positive or accepted_risk (got `{to}`; \
             `fixed` is set by scans)"
        )));
    }
    let reason = request
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if reason.is_some_and(|r| r.len() > 2000) {
        return Err(ApiError::bad_request("a reason has at most 2000 bytes"));
    }
    if matches!(to, "false_positive" | "accepted_risk") && reason.is_none() {
        return Err(ApiError::bad_request(format!("`{to}` needs a reason")));
    }
    let now = now_unix();
    let accepted_until = if to == "accepted_risk" {
        let Some(date) = request.expires.as_deref() else {
            return Err(ApiError::bad_request(
                "`accepted_risk` needs an expiry date (`expires`: YYYY-MM-DD)",
            ));
        };
        let Some(until) = end_of_day(date) else {
            return Err(ApiError::bad_request(format!(
                "`expires` must be a date YYYY-MM-DD (got `{date}`)"
            )));
        };
        if until <= now {
            return Err(ApiError::bad_request(format!(
                "`expires` {date} is in the past"
            )));
        }
        Some(until)
    } else {
        None
    };
    let _guard = db.write_guard().await;
    let mut tx = db.pool.begin().await?;
    let row = sqlx::query("SELECT state FROM issues WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else {
        return Err(ApiError::not_found("issue"));
    };
    let from: String = row.get(0);
    if from == "fixed" {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "the issue is fixed; it reopens by itself when a scan sees it again",
        ));
    }
    sqlx::query(
        "UPDATE issues SET state = $1, triage_reason = $2, accepted_until = $3 WHERE id = $4",
    )
    .bind(to)
    .bind(reason)
    .bind(accepted_until)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO issue_events (id, issue_id, at, actor, kind, from_state, to_state, reason) \
         VALUES ($1, $2, $3, $4, 'triaged', $5, $6, $7)",
    )
    .bind(ordered_id())
    .bind(id)
    .bind(now)
    .bind(&principal.name)
    .bind(&from)
    .bind(to)
    .bind(reason)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Reopens every accepted risk whose expiry has passed, recording why.
pub async fn reopen_expired(db: &Db) -> Result<u64, sqlx::Error> {
    let now = now_unix();
    let expired: Vec<(String, i64)> = sqlx::query(
        "SELECT id, accepted_until FROM issues WHERE state = 'accepted_risk' AND accepted_until < $1",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    if expired.is_empty() {
        return Ok(0);
    }
    let _guard = db.write_guard().await;
    let mut tx = db.pool.begin().await?;
    let mut reopened = 0;
    for (id, until) in &expired {
        // Only if still expired-accepted: another request may have reopened it meanwhile.
        let done = sqlx::query(
            "UPDATE issues SET state = 'open', accepted_until = NULL \
             WHERE id = $1 AND state = 'accepted_risk' AND accepted_until = $2",
        )
        .bind(id)
        .bind(until)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 1 {
            sqlx::query(
                "INSERT INTO issue_events (id, issue_id, at, actor, kind, from_state, to_state, reason) \
                 VALUES ($1, $2, $3, 'ward', 'acceptance-expired', 'accepted_risk', 'open', $4)",
            )
            .bind(ordered_id())
            .bind(id)
            .bind(now)
            .bind(format!(
                "the risk acceptance ended on {}",
                &ward_core::time::iso_datetime(*until)[..10]
            ))
            .execute(&mut *tx)
            .await?;
            reopened += 1;
        }
    }
    tx.commit().await?;
    Ok(reopened)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_of_day_inverts_the_calendar() {
        for unix in [0_i64, 951_782_400, 1_767_225_600, 1_798_761_599] {
            let date = &ward_core::time::iso_datetime(unix)[..10];
            let end = end_of_day(date).unwrap();
            assert_eq!(&ward_core::time::iso_datetime(end)[..10], date);
            assert_eq!(ward_core::time::iso_datetime(end)[11..], *"23:59:59Z");
        }
        assert_eq!(end_of_day("2026-13-01"), None);
        assert_eq!(end_of_day("tomorrow"), None);
    }
}
