//! The AWS checks on CloudFormation templates: `tests/fixtures/cloudformation/<check name>/`
//! holds templates (YAML and JSON) that the check `terraform/<check name>` must report
//! (`bad.*`, snapshotted: line, resource, property, message) or pass (`good.*`). Malformed
//! templates are errors naming the line.

use std::path::Path;

use ward_core::{FileOutput, Finding};
use ward_iac::{CHECKS, Kind, classify};

fn scan(file: &str, text: &str) -> FileOutput {
    let kind = classify(file, text).unwrap_or_else(|| panic!("{file} is not recognised"));
    assert!(
        matches!(kind, Kind::CloudFormation | Kind::CloudFormationJson),
        "{file}: {kind:?}"
    );
    let mut out = FileOutput::default();
    ward_iac::scan_text(kind, file, text, &mut out);
    out
}

fn findings(file: &str, text: &str) -> Vec<Finding> {
    let (findings, errors) = scan(file, text).take();
    assert!(errors.is_empty(), "{file}: {errors:?}");
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
                "{}:{}:{} {} ({}) [{}] {}",
                f.location.path,
                f.location.span.start_line,
                f.location.span.start_column,
                iac.resource,
                iac.kind,
                iac.attribute,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn aws_checks_judge_cloudformation_templates() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/cloudformation");
    let _guard = settings.bind_to_scope();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cloudformation");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 20, "{} fixture folders", dirs.len());
    for dir in dirs {
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let id = format!("terraform/{name}");
        assert!(
            CHECKS.iter().any(|c| c.meta().id == id),
            "{name}: no check {id}"
        );
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let mut reported = Vec::new();
        for path in &files {
            let file = format!("{name}/{}", path.file_name().unwrap().to_str().unwrap());
            let text = std::fs::read_to_string(path).unwrap();
            let own: Vec<Finding> = findings(&file, &text)
                .into_iter()
                .filter(|f| f.rule_id == id)
                .collect();
            if file.contains("/bad.") {
                assert!(!own.is_empty(), "{file} should be reported by {id}");
                reported.extend(own);
            } else {
                assert!(
                    own.is_empty(),
                    "{file} should pass {id}, got\n{}",
                    render(&own)
                );
            }
        }
        insta::assert_snapshot!(name, render(&reported));
    }
}

#[test]
fn unresolvable_values_are_inconclusive_not_verdicts() {
    let text = r"AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Acl:
    Type: String
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !Ref Acl
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      PubliclyAccessible: !ImportValue shared-db-public
      StorageEncrypted: !If [Unknowable, true, false]
Conditions:
  Unknowable: !Equals [!Ref Acl, private]
";
    let mut out = scan("stack.yaml", text);
    let (findings, errors) = out.take();
    assert!(errors.is_empty(), "{errors:?}");
    let ids: Vec<&str> = findings.iter().map(|(f, _)| f.rule_id.as_str()).collect();
    assert!(
        !ids.contains(&"terraform/aws-s3-bucket-public-acl"),
        "{ids:?}"
    );
    assert!(
        !ids.contains(&"terraform/aws-db-instance-public"),
        "{ids:?}"
    );
    let (_, inconclusive) = out.take_coverage();
    let reasons: Vec<String> = inconclusive
        .iter()
        .map(|i| format!("{}:{} {}", i.line, i.rule_id, i.reason))
        .collect();
    insta::assert_snapshot!(reasons.join("\n"), @r"
    13:terraform/aws-db-instance-public AWS::RDS::DBInstance/Db: `PubliclyAccessible` is !ImportValue, which the scan cannot know
    14:terraform/aws-db-instance-unencrypted AWS::RDS::DBInstance/Db: `StorageEncrypted` is !If Unknowable, which the scan cannot know
    9:terraform/aws-s3-bucket-public-acl AWS::S3::Bucket/Site: `AccessControl` is !Ref Acl, which the scan cannot know
    ");
}

#[test]
fn malformed_templates_are_errors_naming_the_line() {
    let yaml = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: [unclosed\n  Other: 1\n";
    let (findings, errors) = scan("broken.yaml", yaml).take();
    assert!(findings.is_empty());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].line.is_some_and(|l| l >= 5), "{errors:?}");
    assert!(
        errors[0]
            .message
            .starts_with("invalid CloudFormation template"),
        "{errors:?}"
    );

    let json = "{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {\n    \"Bucket\": {\"Type\": \"AWS::S3::Bucket\",}\n  }\n}\n";
    let (findings, errors) = scan("broken.json", json).take();
    assert!(findings.is_empty());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, Some(4), "{errors:?}");
    assert!(errors[0].message.contains("invalid JSON"), "{errors:?}");
}
