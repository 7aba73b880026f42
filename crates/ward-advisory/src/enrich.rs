//! Exploitation evidence: CISA's Known Exploited Vulnerabilities catalogue (JSON) and EPSS
//! scores, in FIRST's CSV (`cve,epss,percentile` after a `#model_version…` comment line) or as
//! `;`-separated lines without a header (`CVE-2024-9999;0.00413;0.34395`).

use std::collections::HashMap;

use serde::Deserialize;

use crate::model::{EpssEntry, KevEntry};

/// A KEV or EPSS file that cannot be read, with the line when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct EnrichError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Deserialize)]
struct Catalogue {
    #[serde(rename = "catalogVersion", default)]
    catalog_version: Option<String>,
    vulnerabilities: Vec<KevJson>,
}

#[derive(Deserialize)]
struct KevJson {
    #[serde(rename = "cveID")]
    cve: String,
    #[serde(rename = "dateAdded", default)]
    date_added: String,
    #[serde(rename = "dueDate", default)]
    due_date: Option<String>,
    #[serde(rename = "knownRansomwareCampaignUse", default)]
    ransomware: Option<String>,
}

/// The KEV catalogue: entries by CVE id, and the catalogue's version.
pub fn parse_kev(
    path: &str,
    text: &str,
) -> Result<(HashMap<String, KevEntry>, Option<String>), EnrichError> {
    let catalogue: Catalogue = serde_json::from_str(text).map_err(|e| EnrichError {
        path: path.to_owned(),
        line: Some(e.line()),
        message: format!("not a KEV catalogue: {e}"),
    })?;
    let entries = catalogue
        .vulnerabilities
        .into_iter()
        .map(|v| {
            let entry = KevEntry {
                cve: v.cve.clone(),
                date_added: v.date_added,
                due_date: v.due_date.filter(|d| !d.is_empty()),
                ransomware_known: v
                    .ransomware
                    .is_some_and(|r| r.eq_ignore_ascii_case("known")),
            };
            (v.cve, entry)
        })
        .collect();
    Ok((entries, catalogue.catalog_version))
}

/// EPSS scores by CVE id, added to `into`. Returns the number of rows read.
pub fn parse_epss<S: std::hash::BuildHasher>(
    path: &str,
    text: &str,
    into: &mut HashMap<String, EpssEntry, S>,
) -> Result<usize, EnrichError> {
    let mut rows = 0;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("cve,") {
            continue;
        }
        let error = |message: &str| EnrichError {
            path: path.to_owned(),
            line: Some(index + 1),
            message: message.to_owned(),
        };
        let separator = if line.contains(';') { ';' } else { ',' };
        let mut fields = line.split(separator).map(str::trim);
        let (Some(cve), Some(probability), Some(percentile)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(error("expected `cve,epss,percentile`"));
        };
        if !cve.starts_with("CVE-") {
            return Err(error("the first field is not a CVE id"));
        }
        let (Ok(probability), Ok(percentile)) = (probability.parse(), percentile.parse()) else {
            return Err(error("EPSS score and percentile must be numbers"));
        };
        into.insert(
            cve.to_owned(),
            EpssEntry {
                probability,
                percentile,
            },
        );
        rows += 1;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_epss_layouts() {
        let mut scores = HashMap::new();
        let first = "#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\nCVE-2021-44228,0.94358,0.99957\n";
        assert_eq!(parse_epss("a.csv", first, &mut scores).unwrap(), 1);
        let emba = "CVE-2024-9999;0.004130000;0.343950000\n";
        assert_eq!(parse_epss("b.csv", emba, &mut scores).unwrap(), 1);
        assert!((scores["CVE-2021-44228"].probability - 0.94358).abs() < 1e-9);
        assert!((scores["CVE-2024-9999"].percentile - 0.34395).abs() < 1e-9);
        let err = parse_epss("c.csv", "CVE-1;x;y\n", &mut scores).unwrap_err();
        assert_eq!(err.line, Some(1));
    }
}
