//! Pattern semantics checked the way users check their rules: each `tests/semantics/<language>/`
//! rule beside its annotated file (`ruleid:` / `ok:`), run by the same code as `ward rules test`.
//! These rules use only Semgrep community features, so `semgrep --test tests/semantics/<language>/`
//! must agree with them.

use std::path::Path;

#[test]
fn semantics_fixtures_pass_their_annotated_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/semantics");
    let mut languages: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    languages.sort();
    let mut failures = String::new();
    let mut files = 0;
    for language in &languages {
        for report in ward_sast::ruletest::test_path(language).unwrap() {
            files += 1;
            if !report.passed() {
                failures.push_str(&report.render());
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
    assert!(files >= 22, "only {files} fixtures were tested");
}
