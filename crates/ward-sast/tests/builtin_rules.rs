//! The built-in rules pass their annotated tests: the same code `ward rules test rules/` runs.

use std::path::Path;

use ward_sast::RuleSet;

#[test]
fn every_builtin_rule_passes_its_annotated_tests() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let mut failures = String::new();
    let mut files = 0;
    let mut languages: Vec<_> = std::fs::read_dir(&rules)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir() && e.file_name() != "secrets")
        .map(|e| e.path())
        .collect();
    languages.sort();
    for language in languages {
        let reports = ward_sast::ruletest::test_path(&language).unwrap();
        for report in &reports {
            files += 1;
            if !report.passed() {
                failures.push_str(&report.render());
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
    assert!(files >= 236, "only {files} rule files were tested");
}

#[test]
fn builtin_rules_load_without_errors_and_are_documented() {
    let set = RuleSet::builtin();
    assert!(set.errors().is_empty(), "{:#?}", set.errors());
    assert!(set.rules().len() >= 236, "{} rules", set.rules().len());
    for rule in set.rules() {
        let doc = rule.doc();
        assert!(
            !doc.description.is_empty() && !doc.rationale.is_empty() && !doc.remediation.is_empty(),
            "{}: what, why and fix must be documented",
            doc.id
        );
        assert!(
            doc.cwe.iter().all(|c| c.starts_with("CWE-")),
            "{}: {:?}",
            doc.id,
            doc.cwe
        );
        assert!(
            !doc.cwe.is_empty() && !doc.owasp.is_empty(),
            "{}: CWE and OWASP tags",
            doc.id
        );
        assert!(doc.example.is_some(), "{}: an example", doc.id);
        let language = doc.id.split('/').next().unwrap();
        assert!(
            rule.spec.file.starts_with(&format!("rules/{language}/")),
            "{} is in {}",
            doc.id,
            rule.spec.file
        );
    }
}

#[test]
fn every_builtin_rule_file_has_a_test_file() {
    let files = ward_sast::builtin_rule_files();
    let is_yaml = |p: &str| {
        std::path::Path::new(p)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml"))
    };
    for (path, _) in files.iter().filter(|(p, _)| is_yaml(p)) {
        let stem = path.trim_end_matches(".yaml");
        assert!(
            files
                .iter()
                .any(|(p, _)| p.starts_with(&format!("{stem}.")) && !is_yaml(p)),
            "{path} has no annotated test file beside it"
        );
    }
}
