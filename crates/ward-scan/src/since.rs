//! Diff-aware scans (`--since REV`): a finding counts only if it sits on a line added or changed
//! since the merge base of `HEAD` and REV. The others are kept as suppressed (`unchanged`), so
//! a pull request is judged on what it changes, and nothing is hidden.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use similar::{DiffTag, TextDiff};
use ward_core::{Finding, Suppression, SuppressionKind};
use ward_source::{GitSource, Snapshot};

use crate::ScanSetupError;

/// Which lines of a file are new since the base: all of them, or these (1-based).
enum Changed {
    All,
    Lines(HashSet<u32>),
}

fn changed_lines(old: &[u8], new: &[u8]) -> HashSet<u32> {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let diff = TextDiff::from_lines(old.as_ref(), new.as_ref());
    let mut lines = HashSet::new();
    for op in diff.ops() {
        let (tag, _, new_range) = op.as_tag_tuple();
        if matches!(tag, DiffTag::Insert | DiffTag::Replace) {
            lines.extend(new_range.map(|i| i as u32 + 1));
        }
    }
    lines
}

fn changed_for(source: &GitSource, snapshot: &Snapshot, repo_path: &str, file: &Path) -> Changed {
    // A file that cannot be read now is judged as new: never hide a finding by accident.
    let Ok(current) = std::fs::read(file) else {
        return Changed::All;
    };
    if let Some(id) = snapshot.files.get(repo_path) {
        return match source.read_blob(id) {
            Ok(old) => Changed::Lines(changed_lines(&old, &current)),
            Err(_) => Changed::All,
        };
    }
    // Not at the base under this path: renamed unchanged, or new.
    if snapshot.blobs.contains(&source.blob_id_of(&current)) {
        Changed::Lines(HashSet::new())
    } else {
        Changed::All
    }
}

/// Marks findings outside the lines changed since the merge base of `HEAD` and `rev`.
/// Returns how many were marked.
pub fn mark_unchanged(
    findings: &mut [Finding],
    project_root: &Path,
    rev: &str,
) -> Result<usize, ScanSetupError> {
    let source = GitSource::open(project_root)?;
    let snapshot = source.snapshot_at_merge_base(rev)?;
    let workdir = source
        .workdir()
        .and_then(|w| std::fs::canonicalize(w).ok())
        .unwrap_or_default();
    let root = std::fs::canonicalize(project_root).unwrap_or_else(|_| project_root.to_path_buf());
    let prefix = root
        .strip_prefix(&workdir)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let short: String = snapshot.commit.chars().take(12).collect();
    let mut cache: HashMap<String, Changed> = HashMap::new();
    let mut marked = 0;
    for finding in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
        let path = finding.location.path.clone();
        let changed = cache.entry(path.clone()).or_insert_with(|| {
            let repo_path = if prefix.is_empty() {
                path.clone()
            } else {
                format!("{prefix}/{path}")
            };
            changed_for(&source, &snapshot, &repo_path, &root.join(&path))
        });
        let span = finding.location.span;
        let touched = match changed {
            Changed::All => true,
            Changed::Lines(lines) => {
                (span.start_line..=span.end_line.max(span.start_line)).any(|l| lines.contains(&l))
            }
        };
        if !touched {
            finding.suppressed = Some(Suppression {
                kind: SuppressionKind::Unchanged,
                justification: Some(format!(
                    "not on a line changed since {rev} (merge base {short})"
                )),
                owner: None,
                expires: None,
                source: None,
            });
            marked += 1;
        }
    }
    Ok(marked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_and_replaced_lines_are_changed() {
        let old = b"a\nb\nc\nd\n";
        let new = b"a\nNEW\nb\nC2\nd\n";
        let mut lines: Vec<u32> = changed_lines(old, new).into_iter().collect();
        lines.sort_unstable();
        assert_eq!(lines, [2, 4]);
        assert!(changed_lines(old, old).is_empty());
    }
}
