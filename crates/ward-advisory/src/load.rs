//! Reading advisories from disk: OSV JSON and YAML files, directories of them, zip archives
//! (as OSV publishes its exports), and RustSec's Markdown files. Files that are not advisories
//! (a README, a licence) are counted and passed over; a record that is broken is a problem
//! naming its file and line, and loading goes on.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::model::{Advisory, AffectedFunction, Event, Range, RangeKind};
use crate::osv::Record;
use crate::rustsec;

/// Everything read from a set of paths.
#[derive(Debug, Default)]
pub struct Loaded {
    pub advisories: Vec<Advisory>,
    pub sources: Vec<SourceSummary>,
    pub problems: Vec<LoadProblem>,
}

/// One path given to the import, and what it held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceSummary {
    pub path: String,
    /// Advisory records read (OSV or RustSec).
    pub records: usize,
    /// Withdrawn records, skipped.
    pub withdrawn: usize,
    /// Files that were not advisories (no `id`), skipped.
    pub other_files: usize,
    /// Records that could not be read.
    pub broken: usize,
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// A path that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a zip archive: {message}")]
    Zip { path: String, message: String },
}

/// Files larger than this inside a source are not advisories (OSV records are kilobytes).
const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

/// Reads every advisory under the paths.
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded::default();
    for path in paths {
        let mut summary = SourceSummary {
            path: path.display().to_string(),
            ..SourceSummary::default()
        };
        let io = |source| LoadError::Io {
            path: path.display().to_string(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            let mut files = Vec::new();
            collect_files(path, &mut files).map_err(io)?;
            files.sort();
            for file in files {
                let display = file.display().to_string();
                match read_limited(&file) {
                    Ok(bytes) => load_bytes(&display, &bytes, &mut summary, &mut loaded),
                    Err(e) => {
                        summary.broken += 1;
                        loaded.problems.push(LoadProblem {
                            path: display,
                            line: None,
                            message: e.to_string(),
                        });
                    }
                }
            }
        } else if has_extension(path, "zip") {
            load_zip(path, &mut summary, &mut loaded)?;
        } else {
            let bytes = std::fs::read(path).map_err(io)?;
            load_bytes(&summary.path.clone(), &bytes, &mut summary, &mut loaded);
        }
        loaded.sources.push(summary);
    }
    Ok(loaded)
}

fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_RECORD_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Regular files under a directory, never following symbolic links, skipping hidden entries.
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_files(&entry.path(), out)?;
        } else if kind.is_file() {
            out.push(entry.path());
        }
    }
    Ok(())
}

fn load_zip(
    path: &Path,
    summary: &mut SourceSummary,
    loaded: &mut Loaded,
) -> Result<(), LoadError> {
    let file = std::fs::File::open(path).map_err(|source| LoadError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let zip_error = |e: zip::result::ZipError| LoadError::Zip {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(file).map_err(zip_error)?;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(zip_error)?;
        if !entry.is_file() {
            continue;
        }
        let name = format!(
            "{}!{}",
            path.display(),
            entry
                .name()
                .map(std::borrow::Cow::into_owned)
                .unwrap_or_default()
        );
        let mut bytes = Vec::new();
        if let Err(e) = (&mut entry).take(MAX_RECORD_BYTES).read_to_end(&mut bytes) {
            summary.broken += 1;
            loaded.problems.push(LoadProblem {
                path: name,
                line: None,
                message: e.to_string(),
            });
            continue;
        }
        load_bytes(&name, &bytes, summary, loaded);
    }
    Ok(())
}

/// Reads one file's bytes by its name: `.json`, `.yaml`/`.yml`, `.md` (RustSec).
fn load_bytes(name: &str, bytes: &[u8], summary: &mut SourceSummary, loaded: &mut Loaded) {
    let path = Path::new(name);
    let kind = if has_extension(path, "json") {
        Kind::Json
    } else if has_extension(path, "yaml") || has_extension(path, "yml") {
        Kind::Yaml
    } else if has_extension(path, "md") {
        Kind::Markdown
    } else {
        summary.other_files += 1;
        return;
    };
    let problem = |line: Option<usize>, message: String| LoadProblem {
        path: name.to_owned(),
        line,
        message,
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        summary.broken += 1;
        loaded
            .problems
            .push(problem(None, "not valid UTF-8".into()));
        return;
    };
    if kind == Kind::Markdown {
        if !rustsec::looks_like(text) {
            summary.other_files += 1;
            return;
        }
        match rustsec::parse(text) {
            Ok(rustsec::Parsed::Advisory(advisory)) => {
                summary.records += 1;
                loaded.advisories.push(*advisory);
            }
            Ok(rustsec::Parsed::Withdrawn) => summary.withdrawn += 1,
            Err((line, message)) => {
                summary.broken += 1;
                loaded.problems.push(problem(line, message));
            }
        }
        return;
    }
    let value: serde_json::Value = match kind {
        Kind::Json => match serde_json::from_str(text) {
            Ok(value) => value,
            Err(e) => {
                summary.broken += 1;
                loaded.problems.push(problem(Some(e.line()), e.to_string()));
                return;
            }
        },
        _ => match yaml_serde::from_str(text) {
            Ok(value) => value,
            Err(e) => {
                summary.broken += 1;
                let line = e.location().map(|l| l.line());
                loaded.problems.push(problem(line, e.to_string()));
                return;
            }
        },
    };
    // An OSV record has a string `id` and `affected` or `modified`; anything else (a schema,
    // a catalogue, another database's format) is not one.
    let is_record = value.get("id").is_some_and(serde_json::Value::is_string)
        && (value.get("affected").is_some() || value.get("modified").is_some());
    if !is_record {
        if crate::secdb::looks_like(&value) {
            let advisories = crate::secdb::advisories(&value);
            summary.records += advisories.len();
            loaded.advisories.extend(advisories);
            return;
        }
        summary.other_files += 1;
        return;
    }
    let record: Record = match serde_json::from_value(value) {
        Ok(record) => record,
        Err(e) => {
            summary.broken += 1;
            loaded
                .problems
                .push(problem(None, format!("not a valid OSV record: {e}")));
            return;
        }
    };
    if record.withdrawn.is_some() {
        summary.withdrawn += 1;
        return;
    }
    summary.records += 1;
    loaded.advisories.extend(from_osv(&record));
}

#[derive(PartialEq, Eq)]
enum Kind {
    Json,
    Yaml,
    Markdown,
}

/// One advisory per affected package of an OSV record (entries for the same package merged).
pub fn from_osv(record: &Record) -> Vec<Advisory> {
    let mut cvss: Vec<String> = record
        .severity
        .iter()
        .filter(|s| s.kind.starts_with("CVSS"))
        .map(|s| s.score.clone())
        .collect();
    let database_severity = record.database_severity();
    let informational = record.affected.iter().find_map(|a| {
        a.database_specific
            .as_ref()?
            .get("informational")?
            .as_str()
            .map(str::to_owned)
    });
    let references: Vec<String> = record
        .references
        .iter()
        .filter(|r| {
            matches!(
                r.kind.as_str(),
                "ADVISORY" | "WEB" | "REPORT" | "FIX" | "ARTICLE"
            )
        })
        .take(8)
        .map(|r| r.url.clone())
        .collect();
    let mut by_package: BTreeMap<(String, String), Advisory> = BTreeMap::new();
    for affected in &record.affected {
        let Some(package) = &affected.package else {
            continue;
        };
        for s in &affected.severity {
            if s.kind.starts_with("CVSS") && !cvss.contains(&s.score) {
                cvss.push(s.score.clone());
            }
        }
        let entry = by_package
            .entry((package.ecosystem.clone(), package.name.clone()))
            .or_insert_with(|| Advisory {
                id: record.id.clone(),
                aliases: record.aliases.clone(),
                summary: record
                    .summary
                    .clone()
                    .filter(|s| !s.trim().is_empty())
                    .or_else(|| record.details.as_deref().and_then(summary_from_details)),
                details: record.details.as_deref().map(cut_details),
                published: record.published.clone(),
                modified: record.modified.clone(),
                cvss: Vec::new(),
                database_severity: database_severity.clone(),
                informational: informational.clone(),
                references: references.clone(),
                ecosystem: package.ecosystem.clone(),
                package: package.name.clone(),
                ranges: Vec::new(),
                versions: Vec::new(),
                unaffected_reqs: Vec::new(),
                patched_reqs: Vec::new(),
                all_versions: false,
                functions: Vec::new(),
                kev: None,
                epss: None,
            });
        let eco = crate::Ecosystem::from_osv(&package.ecosystem);
        entry.versions.extend(
            affected
                .versions
                .iter()
                .map(|v| eco.map_or_else(|| v.trim().to_owned(), |eco| eco.canonical(v))),
        );
        let ranges: Vec<Range> = affected.ranges.iter().map(range_of).collect();
        // Several entries for one package (the Go database splits a module's versions this
        // way, with different symbols in each): a function is affected where its entry is.
        let siblings: Vec<&crate::osv::Affected> = record
            .affected
            .iter()
            .filter(|a| {
                a.package
                    .as_ref()
                    .is_some_and(|p| p.ecosystem == package.ecosystem && p.name == package.name)
            })
            .collect();
        let shared = siblings.len() > 1;
        let functions = affected.functions();
        if shared && functions.is_empty() && siblings.iter().any(|a| !a.functions().is_empty()) {
            // This entry names no function: where it applies, the whole package is affected.
            entry.functions.push(AffectedFunction {
                path: String::new(),
                reqs: Vec::new(),
                ranges: ranges.clone(),
            });
        }
        entry
            .functions
            .extend(functions.into_iter().map(|path| AffectedFunction {
                path,
                reqs: Vec::new(),
                ranges: if shared { ranges.clone() } else { Vec::new() },
            }));
        entry.ranges.extend(ranges);
    }
    by_package
        .into_values()
        .map(|mut advisory| {
            advisory.cvss.clone_from(&cvss);
            advisory
        })
        .collect()
}

fn range_of(range: &crate::osv::Range) -> Range {
    Range {
        kind: match range.kind.as_str() {
            "SEMVER" => RangeKind::Semver,
            "ECOSYSTEM" => RangeKind::Ecosystem,
            "GIT" => RangeKind::Git,
            other => RangeKind::Other(other.to_owned()),
        },
        repo: range.repo.clone(),
        events: range
            .events
            .iter()
            .filter_map(|e| {
                e.introduced
                    .clone()
                    .map(Event::Introduced)
                    .or_else(|| e.fixed.clone().map(Event::Fixed))
                    .or_else(|| e.last_affected.clone().map(Event::LastAffected))
                    .or_else(|| e.limit.clone().map(Event::Limit))
            })
            .collect(),
    }
}

/// A one-line summary for records that have none (PyPA's): the first sentence of the text,
/// without Markdown emphasis, at most about 120 characters.
fn summary_from_details(details: &str) -> Option<String> {
    let text = details.trim().replace("**", "");
    let first_line = text.lines().find(|l| !l.trim().is_empty())?.trim();
    let sentence = first_line
        .find(". ")
        .map_or(first_line, |end| &first_line[..=end]);
    let sentence = sentence.trim().trim_end_matches('.');
    if sentence.chars().count() <= 120 {
        return Some(sentence.to_owned());
    }
    let cut: String = sentence.chars().take(117).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |space| &cut[..space]);
    Some(format!("{cut}…"))
}

/// The first paragraphs of an advisory's text, at most about 1,500 characters.
pub(crate) fn cut_details(text: &str) -> String {
    const LIMIT: usize = 1500;
    let text = text.trim();
    if text.len() <= LIMIT {
        return text.to_owned();
    }
    let mut end = LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind("\n\n").unwrap_or(end);
    format!("{} …", text[..cut].trim_end())
}
