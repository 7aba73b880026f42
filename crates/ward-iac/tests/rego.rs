//! User policies in Rego (`.ward/policies/*.rego`) through the engine, as a scan runs them:
//! Conftest-style `deny`/`warn`/`violation` rules on Kubernetes, Terraform, Dockerfile,
//! CloudFormation and Compose inputs, lines from `resource`/`path`, broken policies reported
//! with their file and line while the others still run.
#![cfg(feature = "rego")]

use std::path::Path;

use ward_core::{Engine, FileInput, FileOutput, ScanError};
use ward_iac::IacEngine;

const K8S_POLICY: &str = r#"package main

deny[msg] {
  input.kind == "Deployment"
  some i
  c := input.spec.template.spec.containers[i]
  endswith(c.image, ":latest")
  msg := {
    "msg": sprintf("container %s uses a latest image", [c.name]),
    "resource": sprintf("Deployment/%s", [input.metadata.name]),
    "path": sprintf("spec.template.spec.containers[%d].image", [i]),
  }
}

warn[msg] {
  input.kind == "Deployment"
  not input.metadata.labels.team
  msg := "deployments should carry a team label"
}
"#;

const TF_POLICY: &str = r#"package main

import rego.v1

deny contains msg if {
  some name
  bucket := input.resource.aws_s3_bucket[name]
  bucket.acl == "public-read"
  msg := {"msg": sprintf("bucket %s is public", [name]), "resource": sprintf("aws_s3_bucket.%s.acl", [name])}
}
"#;

const DOCKER_POLICY: &str = r#"package main

denylist := ["curl", "wget"]

deny_download_tools[msg] {
  some i
  input[i].Cmd == "run"
  val := concat(" ", input[i].Value)
  contains(val, denylist[_])
  msg := {"msg": sprintf("line %d downloads with a shell tool", [input[i].Line]), "path": [i]}
}
"#;

const CFN_POLICY: &str = r#"package main

violation[msg] {
  some name
  r := input.Resources[name]
  r.Type == "AWS::SQS::Queue"
  not r.Properties.KmsMasterKeyId
  msg := {"msg": sprintf("queue %s is not encrypted", [name]), "resource": name, "path": "Properties", "severity": "medium"}
}
"#;

const CUSTOM_POLICY: &str = r#"package compose.rules

deny[msg] {
  input.services[name].privileged == true
  msg := {"msg": sprintf("service %s is privileged", [name]), "path": sprintf("services.%s.privileged", [name])}
}
"#;

const BROKEN_POLICY: &str = "package main\n\ndeny[msg] {\n  x := 1\n  y := [\n}\n";

fn project(policies: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let policy_dir = dir.path().join(".ward/policies");
    std::fs::create_dir_all(&policy_dir).unwrap();
    for (name, text) in policies {
        std::fs::write(policy_dir.join(name), text).unwrap();
    }
    dir
}

fn scan(engine: &IacEngine, path: &str, text: &str) -> (String, Vec<ScanError>) {
    let mut out = FileOutput::default();
    let file = FileInput {
        path,
        fs_path: Path::new(path),
        bytes: text.as_bytes(),
        text: Some(text),
    };
    assert!(engine.claims(&file), "{path}");
    engine.scan_file(&file, &mut out);
    let (findings, errors) = out.take();
    let rendered = findings
        .iter()
        .map(|(f, _)| f)
        .filter(|f| f.rule_id.starts_with("rego/"))
        .map(|f| {
            let iac = f.detail.iac.as_ref().unwrap();
            format!(
                "{}:{} {} {} [{}] [{}] {}",
                f.location.path,
                f.location.span.start_line,
                f.rule_id,
                f.severity,
                iac.resource,
                iac.attribute,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    (rendered, errors)
}

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: sidecar
          image: envoy:1.30
        - name: app
          image: example/web:latest
";

#[test]
fn policies_report_on_every_kind_of_input() {
    let dir = project(&[
        ("k8s.rego", K8S_POLICY),
        ("terraform.rego", TF_POLICY),
        ("docker.rego", DOCKER_POLICY),
        ("cfn.rego", CFN_POLICY),
    ]);
    let engine = IacEngine::new().with_policies(Some(dir.path()), &[]);
    assert!(
        engine.setup_errors().is_empty(),
        "{:?}",
        engine.setup_errors()
    );
    let rules: Vec<String> = engine
        .rules()
        .into_iter()
        .filter(|r| r.id.starts_with("rego/"))
        .map(|r| r.id)
        .collect();
    assert_eq!(
        rules,
        // Files in name order (cfn, docker, k8s, terraform), rules in name order within each.
        [
            "rego/main/violation",
            "rego/main/deny_download_tools",
            "rego/main/deny",
            "rego/main/warn"
        ]
    );
    let mut all = Vec::new();
    for (path, text) in [
        ("k8s/web.yaml", DEPLOYMENT),
        (
            "infra/main.tf",
            "resource \"aws_s3_bucket\" \"site\" {\n  bucket = \"example-site\"\n  acl    = \"public-read\"\n}\n",
        ),
        (
            "Dockerfile",
            "FROM debian:12\nRUN apt-get update\nRUN curl -fsSL https://example.com/x.sh -o /tmp/x.sh\n",
        ),
        (
            "cfn/queue.yaml",
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${AWS::StackName}-jobs'\n",
        ),
    ] {
        let (rendered, errors) = scan(&engine, path, text);
        assert!(errors.is_empty(), "{path}: {errors:?}");
        all.push(rendered);
    }
    insta::assert_snapshot!(all.join("\n"), @r"
    k8s/web.yaml:12 rego/main/deny high [Deployment/web] [spec.template.spec.containers[1].image] container app uses a latest image
    k8s/web.yaml:1 rego/main/warn low [] [] deployments should carry a team label
    infra/main.tf:3 rego/main/deny high [aws_s3_bucket.site.acl] [] bucket site is public
    Dockerfile:3 rego/main/deny_download_tools high [] [[2]] line 3 downloads with a shell tool
    cfn/queue.yaml:5 rego/main/violation medium [Jobs] [Properties] queue Jobs is not encrypted
    ");
}

#[test]
fn a_passing_document_has_no_policy_finding() {
    let dir = project(&[("k8s.rego", K8S_POLICY)]);
    let engine = IacEngine::new().with_policies(Some(dir.path()), &[]);
    let fixed = DEPLOYMENT.replace("web:latest", "web:1.4.2").replace(
        "  name: web\n",
        "  name: web\n  labels:\n    team: payments\n",
    );
    let (rendered, errors) = scan(&engine, "k8s/web.yaml", &fixed);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(rendered, "");
}

#[test]
fn only_the_configured_namespaces_run() {
    let dir = project(&[("compose.rego", CUSTOM_POLICY)]);
    let compose = "services:\n  app:\n    image: example/app:1.0\n    privileged: true\n";
    let default = IacEngine::new().with_policies(Some(dir.path()), &[]);
    assert_eq!(scan(&default, "docker-compose.yml", compose).0, "");
    let named = IacEngine::new().with_policies(Some(dir.path()), &["compose.rules".to_owned()]);
    assert_eq!(
        scan(&named, "docker-compose.yml", compose).0,
        "docker-compose.yml:4 rego/compose.rules/deny high [] [services.app.privileged] service app is privileged"
    );
}

#[test]
fn a_broken_policy_is_an_error_with_its_line_and_the_others_still_run() {
    let dir = project(&[("a-broken.rego", BROKEN_POLICY), ("k8s.rego", K8S_POLICY)]);
    let engine = IacEngine::new().with_policies(Some(dir.path()), &[]);
    let errors = engine.setup_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].path.as_deref(),
        Some(".ward/policies/a-broken.rego")
    );
    assert_eq!(errors[0].line, Some(6), "{errors:?}");
    assert_eq!(
        errors[0].message, "invalid Rego policy: expecting expression",
        "{errors:?}"
    );
    let (rendered, _) = scan(&engine, "k8s/web.yaml", DEPLOYMENT);
    assert!(rendered.contains("rego/main/deny"), "{rendered}");
}

#[test]
fn policies_change_the_cache_key() {
    let a = project(&[("k8s.rego", K8S_POLICY)]);
    let b = project(&[("k8s.rego", &K8S_POLICY.replace(":latest", ":edge"))]);
    let none = IacEngine::new().config_hash();
    let with_a = IacEngine::new()
        .with_policies(Some(a.path()), &[])
        .config_hash();
    let with_b = IacEngine::new()
        .with_policies(Some(b.path()), &[])
        .config_hash();
    assert_ne!(none, with_a);
    assert_ne!(with_a, with_b);
}
