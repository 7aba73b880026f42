//! Governed suppressions: `.ward/ignore.toml`.
//!
//! Each `[[ignore]]` entry says what it suppresses (`rule`, optional `path` glob, optional
//! `fingerprint`), why (`reason`, required), who decided (`owner`) and until when (`expires`,
//! `YYYY-MM-DD`). An expired entry stops suppressing and the scan says so; an entry that matched
//! nothing is reported, and is an error with `--strict`.

use std::path::Path;

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;
use ward_core::{Finding, Notice, NoticeKind, Suppression, SuppressionKind};

use crate::ConfigError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    ignore: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    rule: Option<String>,
    path: Option<String>,
    fingerprint: Option<String>,
    reason: Option<String>,
    owner: Option<String>,
    expires: Option<String>,
}

/// One entry of the ignore file.
#[derive(Debug, Clone)]
pub struct IgnoreEntry {
    pub rule: Option<String>,
    pub path: Option<String>,
    matcher: Option<GlobMatcher>,
    pub fingerprint: Option<String>,
    pub reason: String,
    pub owner: Option<String>,
    pub expires: Option<String>,
    /// `file:line` of the entry.
    pub source: String,
}

impl IgnoreEntry {
    fn matches(&self, finding: &Finding) -> bool {
        let rule_ok = self.rule.as_deref().is_none_or(|rule| {
            rule == finding.rule_id
                || finding
                    .rule_id
                    .rsplit_once('/')
                    .is_some_and(|(_, short)| short == rule)
        });
        let path_ok = self
            .matcher
            .as_ref()
            .is_none_or(|m| m.is_match(&finding.location.path));
        let fingerprint_ok = self.fingerprint.as_deref().is_none_or(|fp| {
            fp == finding.fingerprint.primary || fp == finding.fingerprint.content
        });
        rule_ok && path_ok && fingerprint_ok
    }

    fn what(&self) -> String {
        let mut parts = Vec::new();
        if let Some(rule) = &self.rule {
            parts.push(rule.clone());
        }
        if let Some(path) = &self.path {
            parts.push(format!("in {path}"));
        }
        if let Some(fp) = &self.fingerprint {
            parts.push(format!("fingerprint {fp}"));
        }
        parts.join(" ")
    }
}

/// The ignore file, loaded and checked.
#[derive(Debug, Clone, Default)]
pub struct IgnoreFile {
    pub entries: Vec<IgnoreEntry>,
}

impl IgnoreFile {
    /// Parses ignore file text; `path` names the file in messages and in each entry's source.
    pub fn parse(text: &str, path: &Path) -> Result<IgnoreFile, ConfigError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let error = |line: Option<usize>, message: String| ConfigError {
            path: path.to_path_buf(),
            line,
            column: None,
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|err| {
            error(
                err.span().map(|s| line_of(s.start)),
                err.message().trim().replace('\n', "; "),
            )
        })?;
        let mut entries = Vec::new();
        for spanned in raw.ignore {
            let line = line_of(spanned.span().start);
            let entry = spanned.into_inner();
            let Some(reason) = entry.reason.filter(|r| !r.trim().is_empty()) else {
                return Err(error(
                    Some(line),
                    "every [[ignore]] entry needs a `reason`".to_owned(),
                ));
            };
            if entry.rule.is_none() && entry.fingerprint.is_none() {
                return Err(error(
                    Some(line),
                    "an [[ignore]] entry needs a `rule` or a `fingerprint`".to_owned(),
                ));
            }
            if let Some(expires) = &entry.expires
                && !ward_core::time::is_date(expires)
            {
                return Err(error(
                    Some(line),
                    format!("`expires` must be a date like 2026-12-31, got `{expires}`"),
                ));
            }
            let matcher = entry
                .path
                .as_deref()
                .map(|glob| {
                    Glob::new(glob)
                        .map(|g| g.compile_matcher())
                        .map_err(|e| error(Some(line), format!("`path`: {e}")))
                })
                .transpose()?;
            entries.push(IgnoreEntry {
                rule: entry.rule,
                path: entry.path,
                matcher,
                fingerprint: entry.fingerprint,
                reason,
                owner: entry.owner,
                expires: entry.expires,
                source: format!("{}:{line}", path.display()),
            });
        }
        Ok(IgnoreFile { entries })
    }

    pub fn load(path: &Path) -> Result<IgnoreFile, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read the ignore file: {err}"),
        })?;
        IgnoreFile::parse(&text, path)
    }

    /// Suppresses the findings the entries cover (as of `today`, `YYYY-MM-DD`) and returns the
    /// notices: entries that expired, and entries that matched nothing.
    pub fn apply(&self, findings: &mut [Finding], today: &str) -> Vec<Notice> {
        let mut matched = vec![false; self.entries.len()];
        let mut expired_hit = vec![false; self.entries.len()];
        for finding in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
            for (i, entry) in self.entries.iter().enumerate() {
                if !entry.matches(finding) {
                    continue;
                }
                matched[i] = true;
                if entry.expires.as_deref().is_some_and(|e| e < today) {
                    expired_hit[i] = true;
                    continue;
                }
                finding.suppressed = Some(Suppression {
                    kind: SuppressionKind::IgnoreFile,
                    justification: Some(entry.reason.clone()),
                    owner: entry.owner.clone(),
                    expires: entry.expires.clone(),
                    source: Some(entry.source.clone()),
                });
                break;
            }
        }
        let mut notices = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            if expired_hit[i] {
                notices.push(Notice {
                    kind: NoticeKind::ExpiredIgnore,
                    message: format!(
                        "ignore entry for {} expired on {}; its findings are reported again",
                        entry.what(),
                        entry.expires.as_deref().unwrap_or_default()
                    ),
                    source: Some(entry.source.clone()),
                });
            } else if !matched[i] {
                notices.push(Notice {
                    kind: NoticeKind::UnmatchedIgnore,
                    message: format!(
                        "ignore entry for {} matched no finding; remove it if the problem is gone",
                        entry.what()
                    ),
                    source: Some(entry.source.clone()),
                });
            }
        }
        notices
    }
}
