//! The JSON report against its committed JSON Schema, and SARIF against the official schema.

mod common;

use std::path::PathBuf;

use common::{clean_report, deps_report, hostile_report, sample_report};
use serde_json::{Value, json};
use ward_core::ScanReport;
use ward_report::{Format, RenderOptions, json_schema, render};

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas/ward-report.v1.schema.json")
}

fn sarif_schema() -> Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn rendered_value(format: Format, report: &ScanReport) -> Value {
    let mut out = Vec::new();
    render(format, report, &mut out, &RenderOptions::default()).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn committed_json_schema_is_up_to_date() {
    let path = schema_path();
    let generated = serde_json::to_string_pretty(&json_schema()).unwrap() + "\n";
    if std::env::var_os("WARD_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    // Compared as JSON values: key order and line endings do not matter.
    let committed: Option<Value> = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok());
    assert!(
        committed.as_ref() == Some(&json_schema()),
        "{} is missing or out of date with the report types.\n\
         Regenerate it with: WARD_UPDATE_SCHEMA=1 cargo test -p ward-report --test schemas",
        path.display()
    );
}

#[test]
fn json_reports_match_the_committed_schema() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for report in [sample_report(), clean_report(), hostile_report()] {
        let instance = rendered_value(Format::Json, &report);
        assert_eq!(errors(&validator, &instance), Vec::<String>::new());
    }

    // The validation really runs: a report with a wrong type and a missing field fails it.
    let mut broken = rendered_value(Format::Json, &sample_report());
    broken["version"] = json!("one");
    broken.as_object_mut().unwrap().remove("completeness");
    broken["findings"][0]["severity"] = json!("catastrophic");
    assert!(errors(&validator, &broken).len() >= 3, "{broken}");
}

#[test]
fn sarif_logs_match_the_official_schema() {
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&sarif_schema())
        .unwrap();
    for report in [sample_report(), clean_report(), hostile_report()] {
        let instance = rendered_value(Format::Sarif, &report);
        assert_eq!(errors(&validator, &instance), Vec::<String>::new());
    }

    // The validation really runs: a log with a bad level, a line 0 and no version fails it.
    let mut broken = rendered_value(Format::Sarif, &sample_report());
    broken.as_object_mut().unwrap().remove("version");
    broken["runs"][0]["results"][0]["level"] = json!("fatal");
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        json!(0);
    let found = errors(&validator, &broken);
    assert_eq!(found.len(), 3, "{found:#?}");
}

/// Every `artifactLocation.uri` in a SARIF log.
fn artifact_uris(value: &Value, uris: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(uri)) = map.get("artifactLocation").and_then(|a| a.get("uri"))
            {
                uris.push(uri.clone());
            }
            map.values().for_each(|v| artifact_uris(v, uris));
        }
        Value::Array(items) => items.iter().for_each(|v| artifact_uris(v, uris)),
        _ => {}
    }
}

#[test]
fn sarif_artifact_uris_are_uri_references() {
    // The SARIF schema is draft 4, which has no `uri-reference` format: check it with draft 7.
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&json!({"type": "string", "format": "uri-reference"}))
        .unwrap();
    assert!(!validator.is_valid(&json!("a b/c#d%e.py")));
    let mut uris = Vec::new();
    for report in [sample_report(), hostile_report()] {
        artifact_uris(&rendered_value(Format::Sarif, &report), &mut uris);
    }
    assert!(uris.contains(&"a%20b/c%23d%25e.py".to_owned()), "{uris:?}");
    for uri in &uris {
        assert!(validator.is_valid(&json!(uri)), "{uri}");
    }
}

#[test]
fn sarif_carries_the_completeness_record() {
    let sarif = rendered_value(Format::Sarif, &sample_report());
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], json!(false));
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    // Two errors, the skipped-files note, and the two policy notices as warnings.
    assert_eq!(notifications.len(), 5);
    assert_eq!(notifications[3]["level"], json!("warning"));
    assert!(
        notifications[3]["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with(".ward/ignore.toml:7: ignore entry")
    );
    assert_eq!(notifications[0]["level"], json!("error"));
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        json!(7)
    );
    assert!(
        notifications[1]["locations"][0]["physicalLocation"]
            .get("region")
            .is_none()
    );
    assert_eq!(notifications[2]["level"], json!("note"));
    assert_eq!(
        notifications[2]["message"]["text"],
        json!("skipped 5 files: 3 binary, 1 too-large, 1 invalid-utf8")
    );
    assert_eq!(
        invocation["properties"]["completeness"]["filesSeen"],
        json!(46)
    );

    let clean = rendered_value(Format::Sarif, &clean_report());
    let invocation = &clean["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], json!(true));
    assert_eq!(invocation["toolExecutionNotifications"], json!([]));
    assert_eq!(clean["runs"][0]["results"], json!([]));
}

#[test]
fn sarif_results_point_at_their_rules() {
    for report in [sample_report(), hostile_report()] {
        let sarif = rendered_value(Format::Sarif, &report);
        let run = &sarif["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for result in run["results"].as_array().unwrap() {
            let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
            assert_eq!(rules[index]["id"], result["ruleId"]);
        }
    }
}

fn gitlab_schema(name: &str) -> jsonschema::Validator {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gitlab")
        .join(format!("{name}-report-format.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn gitlab_reports_validate_against_gitlabs_schemas() {
    for (format, schema, kind) in [
        (
            Format::GitlabSecrets,
            "secret-detection",
            "secret_detection",
        ),
        (Format::GitlabSast, "sast", "sast"),
        (
            Format::GitlabDependencies,
            "dependency-scanning",
            "dependency_scanning",
        ),
    ] {
        let validator = gitlab_schema(schema);
        for report in [
            sample_report(),
            clean_report(),
            hostile_report(),
            deps_report(),
        ] {
            let value = rendered_value(format, &report);
            let found = errors(&validator, &value);
            assert!(found.is_empty(), "{format}: {found:#?}");
            assert_eq!(value["scan"]["type"], json!(kind));
        }
        // The validator really checks: a report without its scan section fails.
        let mut broken = rendered_value(format, &sample_report());
        broken.as_object_mut().unwrap().remove("scan");
        assert!(!validator.is_valid(&broken), "{format}");
    }
    let secrets = rendered_value(Format::GitlabSecrets, &sample_report());
    let vulns = secrets["vulnerabilities"].as_array().unwrap();
    // Two active secrets findings; the suppressed one is left out; SAST findings go elsewhere.
    assert_eq!(vulns.len(), 2);
    assert_eq!(vulns[0]["severity"], json!("Critical"));
    assert_eq!(vulns[0]["location"]["commit"]["sha"], json!("0000000"));
    assert_eq!(
        secrets["scan"]["status"],
        json!("failure"),
        "the sample scan is incomplete"
    );
    assert_eq!(secrets["scan"]["start_time"], json!("2026-01-02T03:04:05"));
    assert_eq!(secrets["scan"]["end_time"], json!("2026-01-02T03:04:06"));
    let sast = rendered_value(Format::GitlabSast, &sample_report());
    assert_eq!(sast["vulnerabilities"].as_array().unwrap().len(), 2);
}

#[test]
fn gitlab_dependency_scanning_carries_the_package_and_every_advisory_id() {
    let deps = rendered_value(Format::GitlabDependencies, &deps_report());
    let vulns = deps["vulnerabilities"].as_array().unwrap();
    // Only the advisory finding: an unpinned requirement is no vulnerability, eval is SAST.
    assert_eq!(vulns.len(), 1, "{deps:#}");
    let v = &vulns[0];
    assert_eq!(v["location"]["file"], json!("Cargo.lock"));
    assert_eq!(
        v["location"]["dependency"],
        json!({ "package": { "name": "smallvec" }, "version": "1.6.0", "direct": true })
    );
    let ids: Vec<(&str, &str)> = v["identifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["type"].as_str().unwrap(), i["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            ("ward_rule", "deps/RUSTSEC-2021-0003"),
            ("rustsec", "RUSTSEC-2021-0003"),
            ("cve", "CVE-2021-25900"),
            ("ghsa", "GHSA-43w2-9j62-hq99"),
        ]
    );
    assert_eq!(v["solution"], json!("Upgrade smallvec 1.6.0 -> 1.6.1"));
    let sast = rendered_value(Format::GitlabSast, &deps_report());
    let rules: Vec<&str> = sast["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["identifiers"][0]["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["sast/python-eval"],
        "dependency findings stay out of SAST"
    );
}
