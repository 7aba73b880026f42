//! Rule tests with Semgrep's annotations: `ruleid: ID` in a comment marks the next code line
//! (or its own line, after code) as one the rule must report; `ok: ID` as one it must not;
//! `todoruleid: ID` and `todook: ID` mark known gaps, which never fail a test.
//!
//! A rule file `x.yaml` is tested against the files beside it with the same stem (`x.py`,
//! `x.js`, ...). This is what `ward rules test` runs and what the built-in rules' cargo test
//! runs.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use ward_core::LineIndex;
use ward_lang::Lang;

use crate::{Limits, RuleSet};

/// What a test file's annotations expect, per rule id.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Expectations {
    pub ruleid: BTreeSet<u32>,
    pub ok: BTreeSet<u32>,
    pub todoruleid: BTreeSet<u32>,
    pub todook: BTreeSet<u32>,
}

fn annotation_regex() -> regex::Regex {
    regex::Regex::new(
        r"(?:#|//|/\*|<!--|\{/\*|--)\s*(todoruleid|todook|ruleid|ok)\s*:\s*([A-Za-z0-9_.\-/]+(?:\s*,\s*[A-Za-z0-9_.\-/]+)*)",
    )
    .expect("the annotation regex is valid")
}

/// Reads the annotations of a test file.
pub fn expectations(text: &str) -> BTreeMap<String, Expectations> {
    let re = annotation_regex();
    let mut out: BTreeMap<String, Expectations> = BTreeMap::new();
    let mut pending: Vec<(String, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i as u32 + 1;
        let mut found: Vec<(String, String)> = Vec::new();
        let mut first_start = None;
        for caps in re.captures_iter(line) {
            let whole = caps.get(0).expect("group 0 exists");
            first_start.get_or_insert(whole.start());
            for id in caps[2].split(',') {
                found.push((caps[1].to_owned(), id.trim().to_owned()));
            }
        }
        let code_before = first_start.is_some_and(|s| !line[..s].trim().is_empty());
        if found.is_empty() || code_before {
            // A code line: pending annotations (and its own trailing ones) apply to it.
            if line.trim().is_empty() && found.is_empty() {
                continue;
            }
            for (kind, id) in pending.drain(..).chain(found) {
                let e = out.entry(id).or_default();
                match kind.as_str() {
                    "ruleid" => e.ruleid.insert(number),
                    "ok" => e.ok.insert(number),
                    "todoruleid" => e.todoruleid.insert(number),
                    _ => e.todook.insert(number),
                };
            }
        } else {
            pending.extend(found);
        }
    }
    out
}

/// One rule's result on one test file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOutcome {
    pub id: String,
    /// Lines marked `ruleid` that the rule did not report.
    pub missing: Vec<u32>,
    /// Lines the rule reported that are not marked `ruleid` (nor `todook`).
    pub unexpected: Vec<u32>,
    /// Lines marked and reported as expected.
    pub matched: usize,
}

/// The result of testing one rule file against one test file.
#[derive(Debug, Clone)]
pub struct TestReport {
    pub rule_file: String,
    pub test_file: String,
    pub outcomes: Vec<RuleOutcome>,
    /// Rules that did not load, test files that could not be read or parsed.
    pub errors: Vec<String>,
    /// The test file's text, for showing lines in the diff.
    pub test_text: String,
}

impl TestReport {
    pub fn passed(&self) -> bool {
        self.errors.is_empty()
            && self
                .outcomes
                .iter()
                .all(|o| o.missing.is_empty() && o.unexpected.is_empty())
    }

    /// A readable account: which line was expected and not found, which was found and not
    /// expected, with the code of each line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let status = if self.passed() { "ok  " } else { "FAIL" };
        let checked: usize = self.outcomes.iter().map(|o| o.matched).sum();
        let _ = writeln!(
            out,
            "{status} {} on {} ({} expected findings matched)",
            self.rule_file, self.test_file, checked
        );
        for error in &self.errors {
            let _ = writeln!(out, "     error: {error}");
        }
        let lines = LineIndex::new(self.test_text.as_bytes());
        let code = |line: u32| {
            String::from_utf8_lossy(lines.line_text(line))
                .trim()
                .to_owned()
        };
        for outcome in &self.outcomes {
            for &line in &outcome.missing {
                let _ = writeln!(
                    out,
                    "     - {}:{line} expected `{}` (ruleid), not found: {}",
                    self.test_file,
                    outcome.id,
                    code(line)
                );
            }
            for &line in &outcome.unexpected {
                let _ = writeln!(
                    out,
                    "     + {}:{line} found `{}`, not expected: {}",
                    self.test_file,
                    outcome.id,
                    code(line)
                );
            }
        }
        out
    }
}

/// Tests the rules of one YAML text against one test file's text.
pub fn run(rule_file: &str, rule_text: &str, test_file: &str, test_text: &str) -> TestReport {
    let mut report = TestReport {
        rule_file: rule_file.to_owned(),
        test_file: test_file.to_owned(),
        outcomes: Vec::new(),
        errors: Vec::new(),
        test_text: test_text.to_owned(),
    };
    let set = RuleSet::from_texts([(rule_file, rule_text)]);
    report
        .errors
        .extend(set.errors().iter().map(ToString::to_string));
    let Some(lang) = Lang::detect(test_file, test_text.as_bytes()) else {
        report
            .errors
            .push(format!("{test_file}: not a file of a supported language"));
        return report;
    };
    let limits = Limits {
        apply_paths: false,
        ..Limits::default()
    };
    let result = set.scan(test_file, test_text, lang, &limits);
    for error in &result.errors {
        report.errors.push(error.to_string());
    }
    let mut found: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
    for (finding, _) in &result.findings {
        if let Some(rule) = set.rules().iter().find(|r| r.full_id == finding.rule_id) {
            found
                .entry(rule.spec.id.as_str())
                .or_default()
                .insert(finding.location.span.start_line);
        }
    }
    let expected = expectations(test_text);
    for rule in set.rules() {
        if !rule.spec.languages.contains(&lang) {
            continue;
        }
        let id = rule.spec.id.as_str();
        let exp = expected.get(id).cloned().unwrap_or_default();
        let got = found.remove(id).unwrap_or_default();
        let missing: Vec<u32> = exp.ruleid.difference(&got).copied().collect();
        let unexpected: Vec<u32> = got
            .iter()
            .copied()
            .filter(|l| {
                !exp.ruleid.contains(l) && !exp.todook.contains(l) && !exp.todoruleid.contains(l)
            })
            .collect();
        let matched = exp.ruleid.intersection(&got).count();
        report.outcomes.push(RuleOutcome {
            id: id.to_owned(),
            missing,
            unexpected,
            matched,
        });
    }
    report
}

/// Errors that stop a test run before any rule runs.
#[derive(Debug, thiserror::Error)]
pub enum TestSetupError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}: no rule files (*.yaml, *.yml) found")]
    NoRules(String),
}

/// The test files of a rule file: same directory, same stem, another extension.
pub fn test_files_of(rule_file: &Path) -> Vec<PathBuf> {
    let Some(stem) = rule_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
    else {
        return Vec::new();
    };
    let dir = rule_file.parent().unwrap_or(Path::new("."));
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.file_stem().is_some_and(|s| s.to_string_lossy() == stem)
                && !p.extension().is_some_and(|e| {
                    ["yaml", "yml", "md", "fixed"].contains(&e.to_string_lossy().as_ref())
                })
        })
        .collect();
    out.sort();
    out
}

fn rule_files(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for entry in entries {
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') && name != ".ward" {
            continue;
        }
        // Symbolic links are not followed (a test run stays inside the given tree).
        let Ok(meta) = std::fs::symlink_metadata(&entry) else {
            continue;
        };
        if meta.is_dir() {
            rule_files(&entry, out)?;
        } else if meta.is_file() && entry.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(entry);
        }
    }
    Ok(())
}

/// Tests every rule file under `path` (a rule file or a directory) against its test files.
pub fn test_path(path: &Path) -> Result<Vec<TestReport>, TestSetupError> {
    let mut files = Vec::new();
    rule_files(path, &mut files).map_err(|source| TestSetupError::Io {
        path: path.display().to_string(),
        source,
    })?;
    if files.is_empty() {
        return Err(TestSetupError::NoRules(path.display().to_string()));
    }
    let mut reports = Vec::new();
    for file in files {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(&file).map_err(|source| TestSetupError::Io {
            path: name.clone(),
            source,
        })?;
        let tests = test_files_of(&file);
        if tests.is_empty() {
            reports.push(TestReport {
                rule_file: name.clone(),
                test_file: "(none)".into(),
                outcomes: Vec::new(),
                errors: vec![format!(
                    "no test file beside {name} (the same name with the language's extension)"
                )],
                test_text: String::new(),
            });
            continue;
        }
        for test in tests {
            let test_name = test.display().to_string();
            match std::fs::read(&test) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(test_text) => reports.push(run(&name, &text, &test_name, &test_text)),
                    Err(_) => reports.push(TestReport {
                        rule_file: name.clone(),
                        test_file: test_name.clone(),
                        outcomes: Vec::new(),
                        errors: vec![format!("{test_name}: not valid UTF-8")],
                        test_text: String::new(),
                    }),
                },
                Err(source) => {
                    return Err(TestSetupError::Io {
                        path: test_name,
                        source,
                    });
                }
            }
        }
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_mark_the_next_code_line_or_their_own() {
        let text = "import os\n# ruleid: a, b\n\nos.system(x)\n# ok: a\nprint(1)\nfoo() # todoruleid: a\n// todook: c\n  bar()\n";
        let e = expectations(text);
        assert_eq!(e["a"].ruleid, BTreeSet::from([4]));
        assert_eq!(e["b"].ruleid, BTreeSet::from([4]));
        assert_eq!(e["a"].ok, BTreeSet::from([6]));
        assert_eq!(e["a"].todoruleid, BTreeSet::from([7]));
        assert_eq!(e["c"].todook, BTreeSet::from([9]));
    }

    #[test]
    fn a_mismatch_names_the_expected_and_the_found_lines() {
        let rule = "rules:\n- id: no-eval\n  message: eval\n  severity: ERROR\n  languages: [python]\n  pattern: eval(...)\n";
        let test =
            "# ruleid: no-eval\neval(a)\n# ruleid: no-eval\nprint(b)\n# ok: no-eval\neval(c)\n";
        let report = run("no-eval.yaml", rule, "no-eval.py", test);
        assert!(!report.passed());
        assert_eq!(
            report.outcomes,
            vec![RuleOutcome {
                id: "no-eval".into(),
                missing: vec![4],
                unexpected: vec![6],
                matched: 1,
            }]
        );
        let rendered = report.render();
        assert!(
            rendered.contains("- no-eval.py:4 expected `no-eval` (ruleid), not found: print(b)"),
            "{rendered}"
        );
        assert!(
            rendered.contains("+ no-eval.py:6 found `no-eval`, not expected: eval(c)"),
            "{rendered}"
        );
    }
}
