//! Tolerant OSV records (<https://ossf.github.io/osv-schema/>).
//!
//! Our own structs rather than the `osv` crate's: that crate rejects a whole record when its
//! ecosystem is one it does not know, and an unknown ecosystem must be reported, not dropped.
//! Every field is optional except `id`; unknown fields are ignored; versions written as YAML
//! numbers are taken as text.

use serde::{Deserialize, Deserializer};

/// One OSV record.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Record {
    pub id: String,
    #[serde(default)]
    pub modified: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    /// Set when the record was withdrawn: it must not be matched.
    #[serde(default)]
    pub withdrawn: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub related: Vec<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub severity: Vec<SeverityEntry>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub affected: Vec<Affected>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub references: Vec<Reference>,
    #[serde(default)]
    pub database_specific: Option<serde_json::Value>,
}

/// A `severity[]` entry: a CVSS vector (or another scoring system's text).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct SeverityEntry {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default, deserialize_with = "text")]
    pub score: String,
}

/// An `affected[]` entry: one package and the versions of it that are affected.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Affected {
    #[serde(default)]
    pub package: Option<Package>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub severity: Vec<SeverityEntry>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub ranges: Vec<Range>,
    #[serde(default, deserialize_with = "texts")]
    pub versions: Vec<String>,
    #[serde(default)]
    pub ecosystem_specific: Option<serde_json::Value>,
    #[serde(default)]
    pub database_specific: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Package {
    #[serde(default)]
    pub ecosystem: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub purl: Option<String>,
}

/// A range of affected versions, as events along one ordering.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Range {
    /// `SEMVER`, `ECOSYSTEM` or `GIT`.
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub repo: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub events: Vec<Event>,
}

/// One event of a range; exactly one field is set in a valid record.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Event {
    #[serde(default, deserialize_with = "opt_text")]
    pub introduced: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub fixed: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub last_affected: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub limit: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Reference {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub url: String,
}

impl Record {
    /// The database's own severity word (GHSA's `database_specific.severity`, `MODERATE`).
    pub fn database_severity(&self) -> Option<String> {
        self.database_specific
            .as_ref()?
            .get("severity")?
            .as_str()
            .map(str::to_owned)
    }
}

impl Affected {
    /// Affected functions named by the record (RustSec `affects.functions`, Go `imports[].symbols`),
    /// kept for reachability.
    pub fn functions(&self) -> Vec<String> {
        let Some(specific) = &self.ecosystem_specific else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(functions) = specific
            .get("affects")
            .and_then(|a| a.get("functions"))
            .and_then(serde_json::Value::as_array)
        {
            out.extend(
                functions
                    .iter()
                    .filter_map(|f| f.as_str().map(str::to_owned)),
            );
        }
        if let Some(imports) = specific
            .get("imports")
            .and_then(serde_json::Value::as_array)
        {
            for import in imports {
                let path = import.get("path").and_then(|p| p.as_str()).unwrap_or("");
                match import.get("symbols").and_then(serde_json::Value::as_array) {
                    Some(symbols) => out.extend(
                        symbols
                            .iter()
                            .filter_map(|s| s.as_str())
                            .map(|s| format!("{path}.{s}")),
                    ),
                    None if !path.is_empty() => out.push(path.to_owned()),
                    None => {}
                }
            }
        }
        out
    }
}

fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A scalar taken as text: YAML writes `1.0` or `2` unquoted, and they are versions.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn into_text(self) -> String {
        match self {
            Scalar::Text(text) => text,
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(n) => n.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<Scalar>::deserialize(deserializer)?
        .map(Scalar::into_text)
        .unwrap_or_default())
}

fn opt_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Scalar>::deserialize(deserializer)?.map(Scalar::into_text))
}

fn texts<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<Scalar>>::deserialize(deserializer)?
        .unwrap_or_default()
        .into_iter()
        .map(Scalar::into_text)
        .collect())
}
