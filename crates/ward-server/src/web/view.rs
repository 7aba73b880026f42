//! Small formatting helpers shared by the pages: dates, ratios, query strings, and the
//! projects a user may read.

use sqlx::Row;

use crate::auth::Principal;
use crate::db::Db;

/// Severities from the most to the least severe, as pages list them.
pub const SEVERITIES_DESC: [&str; 5] = ["critical", "high", "medium", "low", "info"];

/// `2026-12-02 10:04 UTC`.
pub fn date_time(unix: i64) -> String {
    let iso = ward_core::time::iso_datetime(unix);
    format!("{} {} UTC", &iso[..10], &iso[11..16])
}

/// `2026-12-02`.
pub fn date(unix: i64) -> String {
    ward_core::time::iso_datetime(unix)[..10].to_owned()
}

/// `42%`, or an em dash without data.
pub fn percent(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "\u{2014}".to_owned(), |r| format!("{:.0}%", r * 100.0))
}

/// `3.5`, or an em dash without data.
pub fn days(value: Option<f64>) -> String {
    value.map_or_else(|| "\u{2014}".to_owned(), |d| format!("{d:.1}"))
}

/// `a=1&b=x%2Fy` from pairs, skipping empty values.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let kept: Vec<(&str, &str)> = pairs
        .iter()
        .copied()
        .filter(|(_, v)| !v.is_empty())
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

/// A human label for a state stored as `false_positive`.
pub fn state_label(state: &str) -> String {
    state.replace('_', " ")
}

/// A project the user may read.
#[derive(Debug, Clone)]
pub struct VisibleProject {
    pub id: String,
    pub name: String,
    pub role: String,
    pub last_scan_at: Option<i64>,
}

/// The projects `principal` may read, by name (server administrators read all).
pub async fn visible_projects(
    db: &Db,
    principal: &Principal,
) -> Result<Vec<VisibleProject>, sqlx::Error> {
    let rows = if principal.is_admin {
        sqlx::query("SELECT id, name, 'admin', last_scan_at FROM projects ORDER BY name")
            .fetch_all(&db.pool)
            .await?
    } else {
        sqlx::query(
            "SELECT p.id, p.name, m.role, p.last_scan_at FROM projects p \
             JOIN memberships m ON m.project_id = p.id WHERE m.user_id = $1 ORDER BY p.name",
        )
        .bind(&principal.user_id)
        .fetch_all(&db.pool)
        .await?
    };
    Ok(rows
        .iter()
        .map(|r| VisibleProject {
            id: r.get(0),
            name: r.get(1),
            role: r.get(2),
            last_scan_at: r.get(3),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_skip_empty_values_and_encode_the_rest() {
        assert_eq!(
            query_string(&[("project", "a b/c"), ("state", ""), ("page", "2")]),
            "project=a+b%2Fc&page=2"
        );
    }

    #[test]
    fn dates_read_as_utc() {
        assert_eq!(date_time(1_796_212_800), "2026-12-02 12:00 UTC");
        assert_eq!(date(1_796_212_800), "2026-12-02");
        assert_eq!(percent(Some(0.425)), "42%");
        assert_eq!(percent(None), "\u{2014}");
    }
}
