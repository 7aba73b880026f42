//! Issue ownership: the people or teams who should fix an issue.
//!
//! Owners come from two places. A scan uploaded with the repository's CODEOWNERS file gives
//! each issue it sees the owners of the issue's path (the last matching rule); a triager can
//! assign owners by hand (`PUT /api/v1/issues/{id}/owners`), which CODEOWNERS never overrides
//! until the hand assignment is cleared (an empty list). Every change, by a person or by a
//! scan, is an `assigned` entry in the issue's history with the old and new owners and why.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde::Deserialize;
use sqlx::{AssertSqlSafe, Row};

use crate::api::{ApiError, SharedState};
use crate::auth::{Principal, Role};
use crate::codeowners::CodeOwners;
use crate::ingest::{BATCH, Event, Tx, insert_events, list, values};
use crate::now_unix;
use crate::triage;
use crate::wire::UploadRequest;

/// Owners one issue can have at most.
pub const MAX_OWNERS: usize = 20;

/// Where an issue's owners came from (`issues.owner_source`).
pub const FROM_CODEOWNERS: &str = "codeowners";
pub const MANUAL: &str = "manual";

/// An issue seen by a scan, with the owners it has before the scan.
#[derive(Debug)]
pub(crate) struct Current<'a> {
    pub issue: &'a str,
    pub path: &'a str,
    /// Space-separated owners (`issues.owner`).
    pub owner: Option<&'a str>,
    pub source: Option<&'a str>,
}

/// Gives the issues a scan saw the owners its CODEOWNERS file names for their paths, unless
/// someone assigned them by hand.
pub(crate) async fn apply_codeowners(
    tx: &mut Tx<'_>,
    codeowners: &CodeOwners,
    current: &[Current<'_>],
    request: &UploadRequest,
    now: i64,
) -> Result<(), sqlx::Error> {
    let file = request
        .codeowners
        .as_ref()
        .map_or("CODEOWNERS", |f| f.path.as_str());
    let mut changes = Vec::new();
    for issue in current {
        if issue.source == Some(MANUAL) {
            continue;
        }
        let rule = codeowners.rule_for(issue.path);
        let owners = rule
            .map(|r| r.owners.join(" "))
            .filter(|owners| !owners.is_empty());
        if owners.as_deref() == issue.owner {
            continue;
        }
        let reason = match rule {
            Some(rule) if rule.owners.is_empty() => format!(
                "{file} line {}: `{}` names no owner",
                rule.line, rule.pattern
            ),
            Some(rule) => format!("{file} line {}: `{}`", rule.line, rule.pattern),
            None => format!("no rule of {file} matches {}", issue.path),
        };
        changes.push(Change {
            issue: issue.issue,
            from: issue.owner,
            to: owners,
            reason,
        });
    }
    write_owners(tx, &changes, FROM_CODEOWNERS).await?;
    let events: Vec<Event<'_>> = changes.iter().map(Change::event).collect();
    insert_events(
        tx,
        &events,
        now,
        "ward",
        Some(&request.scan_id),
        Some(&request.commit),
    )
    .await
}

/// A change of one issue's owners.
#[derive(Debug)]
struct Change<'a> {
    issue: &'a str,
    from: Option<&'a str>,
    to: Option<String>,
    reason: String,
}

impl Change<'_> {
    fn event(&self) -> Event<'_> {
        Event {
            issue: self.issue,
            kind: "assigned",
            from: self.from,
            to: self.to.as_deref(),
            reason: Some(&self.reason),
        }
    }
}

/// Stores new owners: `issues.owner`/`owner_source` (one statement per distinct owner list)
/// and the rows of `issue_owners`.
async fn write_owners(
    tx: &mut Tx<'_>,
    changes: &[Change<'_>],
    source: &str,
) -> Result<(), sqlx::Error> {
    let mut by_owner: BTreeMap<Option<&str>, Vec<&str>> = BTreeMap::new();
    for change in changes {
        by_owner
            .entry(change.to.as_deref())
            .or_default()
            .push(change.issue);
    }
    for (owner, issues) in &by_owner {
        for chunk in issues.chunks(BATCH) {
            let sql = format!(
                "UPDATE issues SET owner = $1, owner_source = $2 WHERE id IN ({})",
                list(chunk.len(), 3)
            );
            let mut query = sqlx::query(AssertSqlSafe(sql))
                .bind(*owner)
                .bind(owner.map(|_| source));
            for id in chunk {
                query = query.bind(*id);
            }
            query.execute(&mut **tx).await?;
        }
    }
    let ids: Vec<&str> = changes.iter().map(|c| c.issue).collect();
    for chunk in ids.chunks(BATCH) {
        let sql = format!(
            "DELETE FROM issue_owners WHERE issue_id IN ({})",
            list(chunk.len(), 1)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind(*id);
        }
        query.execute(&mut **tx).await?;
    }
    let rows: Vec<(&str, &str)> = changes
        .iter()
        .flat_map(|c| {
            c.to.as_deref()
                .unwrap_or_default()
                .split(' ')
                .filter(|o| !o.is_empty())
                .map(|o| (c.issue, o))
        })
        .collect();
    for chunk in rows.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO issue_owners (issue_id, owner) VALUES {} ON CONFLICT DO NOTHING",
            values(chunk.len(), 2, 1)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (issue, owner) in chunk {
            query = query.bind(*issue).bind(*owner);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Checks a hand-given owner list; returns it without duplicates, in the given order.
pub fn validate_owners(owners: &[String]) -> Result<Vec<String>, String> {
    if owners.len() > MAX_OWNERS {
        return Err(format!("an issue has at most {MAX_OWNERS} owners"));
    }
    let mut out: Vec<String> = Vec::with_capacity(owners.len());
    for owner in owners {
        if owner.is_empty() || owner.len() > 100 {
            return Err("an owner has 1 to 100 characters".into());
        }
        if owner
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ',')
        {
            return Err(format!(
                "owner `{}` has a space, comma or control character: give one owner per list item",
                owner.escape_debug()
            ));
        }
        if !out.contains(owner) {
            out.push(owner.clone());
        }
    }
    Ok(out)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AssignRequest {
    /// People or teams (`@acme/payments`, `alice`); an empty list clears the assignment and
    /// lets CODEOWNERS decide again.
    pub owners: Vec<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// `PUT /api/v1/issues/{id}/owners` (triager): assigns the issue by hand.
#[utoipa::path(
    put,
    path = "/api/v1/issues/{id}/owners",
    tag = "issues",
    summary = "Assign owners to an issue by hand (triager role); `[]` hands it back to CODEOWNERS",
    params(("id" = String, Path, description = "Issue id")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "The issue after the change", body = serde_json::Value),
        (status = 400, description = "Invalid owners or reason"),
        (status = 403, description = "Not a triager of the project"),
        (status = 404, description = "No such issue visible to the caller"),
        (status = 401, description = "No or wrong credentials")
    )
)]
pub async fn assign(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
    Json(body): Json<AssignRequest>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let (_, role) = triage::load_issue(&state.db, &principal, &id).await?;
    if role < Role::Triager {
        return Err(ApiError::forbidden());
    }
    let owners = validate_owners(&body.owners).map_err(ApiError::bad_request)?;
    let reason = body
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if reason.is_some_and(|r| r.len() > 2000) {
        return Err(ApiError::bad_request("a reason has at most 2000 bytes"));
    }
    let to = (!owners.is_empty()).then(|| owners.join(" "));
    let db = &state.db;
    let guard = db.write_guard().await;
    let mut tx = db.pool.begin().await?;
    let row = sqlx::query("SELECT owner, owner_source FROM issues WHERE id = $1")
        .bind(&id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else {
        return Err(ApiError::not_found("issue"));
    };
    let from: Option<String> = row.get(0);
    let source: Option<String> = row.get(1);
    let unchanged = from == to && (to.is_none() || source.as_deref() == Some(MANUAL));
    if !unchanged {
        let change = Change {
            issue: &id,
            from: from.as_deref(),
            to: to.clone(),
            reason: reason.unwrap_or_default().to_owned(),
        };
        write_owners(&mut tx, std::slice::from_ref(&change), MANUAL).await?;
        let mut event = change.event();
        event.reason = reason;
        insert_events(&mut tx, &[event], now_unix(), &principal.name, None, None).await?;
    }
    tx.commit().await?;
    drop(guard);
    let (issue, _) = triage::load_issue(&state.db, &principal, &id).await?;
    Ok(Json(issue))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_given_owners_are_checked_and_deduplicated() {
        let owners = |list: &[&str]| {
            validate_owners(&list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
        };
        assert_eq!(
            owners(&["@acme/payments", "alice", "@acme/payments"]).unwrap(),
            ["@acme/payments", "alice"]
        );
        assert!(
            owners(&["alice bob"])
                .unwrap_err()
                .contains("one owner per")
        );
        assert!(owners(&["a,b"]).is_err());
        assert!(owners(&[""]).is_err());
        assert!(owners(&vec!["x"; 21]).is_err());
        assert_eq!(owners(&[]).unwrap(), Vec::<String>::new());
    }
}
