//! Terraform's other inputs: configuration in JSON syntax (`*.tf.json`, evaluated with the
//! module's `.tf` files) and plans in JSON (`terraform show -json`), judged by the same checks
//! (`tests/fixtures/terraform-json/`, `tests/fixtures/terraform-plan/`).

use std::path::Path;

use ward_core::FileOutput;
use ward_iac::{Kind, classify};

fn fixture(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read_to_string(root.join(path)).unwrap()
}

/// `path:line rule resource` of each finding, `path:line rule reason` of each inconclusive
/// record, and `path:line message` of each error.
fn lines(outputs: Vec<(String, FileOutput)>) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut findings, mut unknown, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    for (path, mut out) in outputs {
        let (found, errs) = out.take();
        let (_, inconclusive) = out.take_coverage();
        for (f, _) in found {
            findings.push(format!(
                "{}:{} {} {}",
                f.location.path,
                f.location.span.start_line,
                f.rule_id,
                f.detail.iac.map(|d| d.resource).unwrap_or_default()
            ));
        }
        for i in inconclusive {
            unknown.push(format!("{}:{} {} {}", i.path, i.line, i.rule_id, i.reason));
        }
        for e in errs {
            errors.push(format!("{path}:{} {}", e.line.unwrap_or(0), e.message));
        }
    }
    findings.sort();
    unknown.sort();
    (findings, unknown, errors)
}

fn module(files: &[&str]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                format!("mixed/{f}"),
                fixture(&format!("terraform-json/mixed/{f}")),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    lines(
        ward_iac::terraform::scan_files(&refs)
            .into_iter()
            .map(|f| (f.path, f.out))
            .collect(),
    )
}

fn scan(path: &str, text: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let kind = classify(path, text).unwrap_or_else(|| panic!("{path} is not recognised"));
    let mut out = FileOutput::default();
    ward_iac::scan_text(kind, path, text, &mut out);
    lines(vec![(path.to_owned(), out)])
}

fn with_rule<'a>(lines: &'a [String], rule: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter(|l| l.contains(rule))
        .map(String::as_str)
        .collect()
}

const MIXED: [&str; 4] = [
    "variables.tf",
    "terraform.tfvars.json",
    "main.tf.json",
    "modules/store/main.tf.json",
];

#[test]
fn a_tf_json_module_is_evaluated_with_its_hcl_files() {
    let (findings, unknown, errors) = module(&MIXED);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(unknown.is_empty(), "{unknown:?}");
    // `publicly_accessible = "${var.public}"`: false by the `.tf` default, true by
    // terraform.tfvars.json; reported at the JSON line of the attribute.
    assert_eq!(
        with_rule(&findings, "aws-db-instance-public"),
        ["mixed/main.tf.json:12 terraform/aws-db-instance-public aws_db_instance.main"]
    );
    // A list of objects is a list of nested blocks; `"${local.ssh_port}"` reads a local.
    assert_eq!(
        with_rule(&findings, "ssh-open"),
        ["mixed/main.tf.json:24 terraform/aws-security-group-ssh-open aws_security_group.web"]
    );
    // A child module in JSON, given its input by a JSON module call.
    assert_eq!(
        with_rule(&findings, "ebs-volume-unencrypted"),
        [
            "mixed/modules/store/main.tf.json:13 terraform/aws-ebs-volume-unencrypted module.store.aws_ebs_volume.data"
        ]
    );
    // Without the tfvars, the HCL default (false) holds.
    let (findings, _, _) = module(&[MIXED[0], MIXED[2], MIXED[3]]);
    assert!(with_rule(&findings, "aws-db-instance-public").is_empty());
}

#[test]
fn json_syntax_templates_unknowns_and_comments() {
    let json = r#"{
  "//": "comment",
  "variable": {"acl": {}},
  "resource": {
    "aws_s3_bucket": {
      "logs": {"bucket": "logs-${var.acl}"}
    },
    "aws_ebs_volume": {
      "a": {
        "availability_zone": "eu-west-1a",
        "encrypted": "${var.acl == \"x\" ? true : false}"
      },
      "b": {"count": 2, "availability_zone": "eu-west-1a", "encrypted": false}
    }
  }
}"#;
    let (findings, unknown, errors) = lines(
        ward_iac::terraform::scan_files(&[("main.tf.json", json)])
            .into_iter()
            .map(|f| (f.path, f.out))
            .collect(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        with_rule(&findings, "ebs-volume-unencrypted"),
        [
            "main.tf.json:13 terraform/aws-ebs-volume-unencrypted aws_ebs_volume.b[0]",
            "main.tf.json:13 terraform/aws-ebs-volume-unencrypted aws_ebs_volume.b[1]",
        ]
    );
    // A condition on a variable without a value: neither pass nor fail.
    assert_eq!(with_rule(&unknown, "ebs-volume-unencrypted").len(), 1);
    assert!(unknown[0].starts_with("main.tf.json:11 "), "{unknown:?}");
}

#[test]
fn malformed_json_is_an_error_with_its_line_and_column() {
    let broken = "{\n  \"resource\": {\n    \"aws_s3_bucket\": {\n      \"a\": {\"bucket\": \"x\",}\n    }\n  }\n}\n";
    let outputs = ward_iac::terraform::scan_files(&[
        ("infra/broken.tf.json", broken),
        (
            "infra/main.tf",
            "resource \"aws_ebs_volume\" \"v\" {\n  availability_zone = \"a\"\n  encrypted = false\n}\n",
        ),
    ]);
    let (findings, _, errors) = lines(outputs.into_iter().map(|f| (f.path, f.out)).collect());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("infra/broken.tf.json:4 invalid Terraform: invalid JSON: ")
            && errors[0].contains("line 4 column"),
        "{errors:?}"
    );
    // The other file of the module is still judged.
    assert_eq!(
        with_rule(&findings, "ebs-volume-unencrypted"),
        ["infra/main.tf:3 terraform/aws-ebs-volume-unencrypted aws_ebs_volume.v"]
    );

    let plan = fixture("terraform-plan/plan.json");
    let truncated = &plan[..plan.find("\"resource_changes\"").unwrap()];
    let (findings, _, errors) = scan("plan.json", truncated);
    assert!(findings.is_empty());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("plan.json:220 invalid Terraform plan: invalid JSON: ")
            && errors[0].contains("column"),
        "{errors:?}"
    );
}

#[test]
fn a_plan_is_judged_by_the_terraform_checks() {
    let text = fixture("terraform-plan/plan.json");
    assert_eq!(classify("out/plan.json", &text), Some(Kind::TerraformPlan));
    let (findings, unknown, errors) = scan("out/plan.json", &text);
    assert!(errors.is_empty(), "{errors:?}");
    // Terraform's addresses (instance keys, module paths), the JSON line of the attribute.
    for expected in [
        "out/plan.json:40 terraform/aws-ebs-volume-unencrypted aws_ebs_volume.data[\"logs\"]",
        "out/plan.json:68 terraform/aws-instance-imdsv2-not-required aws_instance.web[0]",
        // The versioning resource names its bucket by a reference only the configuration
        // keeps (the bucket's id is unknown until apply): still linked.
        "out/plan.json:134 terraform/aws-s3-bucket-no-versioning aws_s3_bucket_versioning.logs",
        // The second object of the `ingress` list, at its `cidr_blocks`.
        "out/plan.json:173 terraform/aws-security-group-ssh-open module.net.aws_security_group.web",
    ] {
        assert!(
            findings.iter().any(|f| f == expected),
            "{expected}\n{findings:#?}"
        );
    }
    // The first ingress rule (10.0.0.0/8) and the encrypted root volume pass.
    assert_eq!(with_rule(&findings, "ssh-open").len(), 1);
    assert!(
        with_rule(&findings, "block-device").is_empty(),
        "{findings:#?}"
    );
    // `publicly_accessible` is known only after apply: inconclusive, not a finding, named by
    // the configuration's reference, at the resource.
    assert!(with_rule(&findings, "aws-db-instance-public").is_empty());
    assert_eq!(
        with_rule(&unknown, "aws-db-instance-public"),
        [
            "out/plan.json:13 terraform/aws-db-instance-public aws_db_instance.main: `publicly_accessible` is data.aws_ssm_parameter.db_public.value, which the scan cannot know"
        ]
    );
}

#[test]
fn a_plan_without_planned_values_is_read_from_its_changes() {
    let text = fixture("terraform-plan/plan.json");
    let root: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut changes_only = root.clone();
    changes_only
        .as_object_mut()
        .unwrap()
        .remove("planned_values");
    let text = serde_json::to_string_pretty(&changes_only).unwrap();
    let (findings, _, errors) = scan("plan.json", &text);
    assert!(errors.is_empty(), "{errors:?}");
    let rules: Vec<&str> = findings
        .iter()
        .filter_map(|f| {
            f.split(' ')
                .nth(1)
                .map(|r| r.trim_start_matches("terraform/"))
        })
        .collect();
    for rule in [
        "aws-ebs-volume-unencrypted",
        "aws-instance-imdsv2-not-required",
        "aws-s3-bucket-no-versioning",
    ] {
        assert!(rules.contains(&rule), "{rule}: {findings:#?}");
    }
    // Module paths come from the addresses.
    assert_eq!(
        with_rule(&findings, "ssh-open")
            .iter()
            .map(|f| f.split(' ').nth(2).unwrap())
            .collect::<Vec<_>>(),
        ["module.net.aws_security_group.web"]
    );
    assert!(
        findings
            .iter()
            .any(|f| f.ends_with("aws_ebs_volume.data[\"logs\"]")),
        "{findings:#?}"
    );
}

#[cfg(feature = "rego")]
#[test]
fn policies_see_tf_json_and_plans_as_their_json() {
    use ward_core::{Engine, FileInput};
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join(".ward/policies");
    std::fs::create_dir_all(&policies).unwrap();
    std::fs::write(
        policies.join("tf.rego"),
        r#"package main

import rego.v1

deny contains msg if {
  some name
  input.resource.aws_db_instance[name].engine == "postgres"
  msg := {"msg": sprintf("postgres %s", [name]), "path": ["resource", "aws_db_instance", name, "engine"]}
}

deny contains msg if {
  some i
  rc := input.resource_changes[i]
  rc.change.actions[_] == "create"
  rc.type == "aws_instance"
  msg := {"msg": sprintf("creates %s", [rc.address]), "path": ["resource_changes", i, "address"]}
}
"#,
    )
    .unwrap();
    let engine = ward_iac::IacEngine::new().with_policies(Some(dir.path()), &[]);
    let mut found = Vec::new();
    for (path, text) in [
        (
            "mixed/main.tf.json",
            fixture("terraform-json/mixed/main.tf.json"),
        ),
        ("out/plan.json", fixture("terraform-plan/plan.json")),
    ] {
        let file = FileInput {
            path,
            fs_path: Path::new(path),
            bytes: text.as_bytes(),
            text: Some(&text),
        };
        let mut out = FileOutput::default();
        engine.scan_file(&file, &mut out);
        let (findings, errors) = out.take();
        assert!(errors.is_empty(), "{errors:?}");
        found.extend(
            findings
                .into_iter()
                .filter(|(f, _)| f.rule_id.starts_with("rego/"))
                .map(|(f, _)| format!("{}:{} {}", path, f.location.span.start_line, f.message)),
        );
    }
    found.sort();
    assert_eq!(
        found,
        [
            "mixed/main.tf.json:9 postgres main",
            "out/plan.json:292 creates aws_instance.web[0]",
        ]
    );
}
