//! Every built-in check against its fixtures: `tests/fixtures/<check id>/bad.*` must produce
//! findings of that check (snapshotted: line, resource, attribute, message), `good.*` none.

use std::path::{Path, PathBuf};

use ward_core::{FileOutput, Finding};
use ward_iac::{CHECKS, Kind};

fn fixture_dir(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(id)
}

/// The kind a check's fixtures are read as.
fn kind_of(id: &str, file: &str) -> Kind {
    match id.split('/').next().unwrap() {
        "kubernetes" => Kind::Kubernetes,
        "dockerfile" => Kind::Dockerfile,
        "github-actions" if file.contains("action") => Kind::GithubAction,
        "github-actions" => Kind::GithubWorkflow,
        "compose" => Kind::Compose,
        "terraform" => Kind::Terraform,
        "image" => Kind::ImageConfig,
        other => panic!("no fixture kind for {other}"),
    }
}

fn fixture(id: &str, stem: &str) -> Vec<(String, String)> {
    let dir = fixture_dir(id);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(stem))
        })
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "{id}: no {stem}.* fixture in {}",
        dir.display()
    );
    files
}

fn findings(id: &str, file: &str, text: &str) -> Vec<Finding> {
    let mut out = FileOutput::default();
    ward_iac::scan_text(kind_of(id, file), file, text, &mut out);
    let (findings, errors) = out.take();
    assert!(errors.is_empty(), "{id}/{file}: {errors:?}");
    findings.into_iter().map(|(f, _)| f).collect()
}

fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let iac = f
                .detail
                .iac
                .as_ref()
                .expect("IaC findings carry their resource");
            format!(
                "{}:{}:{} {} [{}] {}",
                f.location.path,
                f.location.span.start_line,
                f.location.span.start_column,
                iac.resource,
                iac.attribute,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_check_reports_its_bad_fixture_and_passes_its_good_one() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/checks");
    let _guard = settings.bind_to_scope();
    for check in CHECKS {
        let id = check.meta().id;
        let mut reported = Vec::new();
        for (file, text) in fixture(id, "bad") {
            let own: Vec<Finding> = findings(id, &file, &text)
                .into_iter()
                .filter(|f| f.rule_id == id)
                .collect();
            assert!(!own.is_empty(), "{id}: {file} should be reported");
            reported.extend(own);
        }
        insta::assert_snapshot!(id.replace('/', "__"), render(&reported));
        for (file, text) in fixture(id, "good") {
            let own: Vec<Finding> = findings(id, &file, &text)
                .into_iter()
                .filter(|f| f.rule_id == id)
                .collect();
            assert!(
                own.is_empty(),
                "{id}: {file} should pass, got\n{}",
                render(&own)
            );
        }
    }
}

#[test]
fn every_check_is_documented_once() {
    let mut ids = std::collections::BTreeSet::new();
    for check in CHECKS {
        let meta = check.meta();
        assert!(ids.insert(meta.id), "{} registered twice", meta.id);
        let (kind, name) = meta.id.split_once('/').expect("ids are kind/name");
        assert!(
            [
                "kubernetes",
                "dockerfile",
                "github-actions",
                "compose",
                "terraform",
                "image"
            ]
            .contains(&kind),
            "{}",
            meta.id
        );
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{} is not kebab-case",
            meta.id
        );
        for (what, text) in [
            ("title", meta.title),
            ("description", meta.description),
            ("rationale", meta.rationale),
            ("remediation", meta.remediation),
            ("example", meta.example),
        ] {
            assert!(text.trim().len() > 10, "{}: {what} is missing", meta.id);
        }
        assert!(!meta.cwe.is_empty(), "{}: no CWE", meta.id);
        assert!(fixture_dir(meta.id).is_dir(), "{}: no fixtures", meta.id);
    }
}
