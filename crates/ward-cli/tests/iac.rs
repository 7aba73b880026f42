//! `ward scan` on infrastructure as code, end to end: findings in JSON and SARIF with their
//! resource, and bad input (broken YAML and Dockerfiles, Helm templates, invalid UTF-8, YAML
//! bombs) recorded in the completeness record while the other files are still scanned.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;
use common::{ward, write};

fn scan_json(root: &Path) -> Value {
    let out = ward()
        .arg("scan")
        .arg(root)
        .args(["--format", "json", "--no-progress"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

const PRIVILEGED: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: web:1.0
          securityContext:
            privileged: true
";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    write(root, "k8s/web.yaml", PRIVILEGED);
    write(
        root,
        "k8s/broken.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n",
    );
    write(
        root,
        "chart/templates/deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"x.name\" . }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n",
    );
    let mut latin1 = b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf".to_vec();
    latin1.push(0xE9);
    latin1.extend_from_slice(b"\n");
    write(root, "k8s/latin1.yaml", latin1);
    let mut bomb =
        String::from("apiVersion: v1\nkind: ConfigMap\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        let _ = writeln!(
            bomb,
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]"
        );
    }
    write(root, "k8s/bomb.yaml", bomb);
    let deep = format!(
        "apiVersion: v1\nkind: ConfigMap\ndata: {}{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    write(root, "k8s/deep.yaml", deep);
    write(
        root,
        "Dockerfile",
        "FROM alpine:latest\nRUN <<EOF\necho never closed\n",
    );
    write(root, "app/Dockerfile", "FROM alpine:latest\nRUN echo hi\n");
    dir
}

#[test]
fn findings_carry_resource_and_line_and_bad_files_are_recorded() {
    let dir = project();
    let report = scan_json(dir.path());
    let findings = report["findings"].as_array().unwrap();
    let privileged = findings
        .iter()
        .find(|f| f["rule_id"] == "kubernetes/privileged-container")
        .expect("the privileged container is reported");
    assert_eq!(privileged["location"]["path"], "k8s/web.yaml");
    assert_eq!(privileged["location"]["start_line"], 12);
    assert_eq!(privileged["detail"]["iac"]["resource"], "Deployment/web");
    assert_eq!(
        privileged["detail"]["iac"]["attribute"],
        "spec.template.spec.containers[0].securityContext.privileged"
    );
    // The good Dockerfile is scanned even though the other one is broken.
    assert!(
        findings
            .iter()
            .any(|f| f["rule_id"] == "dockerfile/base-image-latest"
                && f["location"]["path"] == "app/Dockerfile"
                && f["location"]["start_line"] == 1)
    );

    let completeness = &report["completeness"];
    let errors: Vec<(String, u64, String)> = completeness["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_owned(),
                e["line"].as_u64().unwrap_or(0),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let error_for = |path: &str| {
        errors
            .iter()
            .find(|(p, ..)| p == path)
            .unwrap_or_else(|| panic!("no error for {path}: {errors:?}"))
    };
    assert_eq!(error_for("Dockerfile").1, 2);
    assert!(error_for("Dockerfile").2.contains("heredoc"));
    assert_eq!(error_for("k8s/broken.yaml").1, 4);
    assert!(error_for("k8s/bomb.yaml").2.contains("YAML bomb"));
    assert!(
        error_for("k8s/deep.yaml").2.contains("deeper")
            || error_for("k8s/deep.yaml").2.contains("recursion")
    );
    // No finding comes out of the files that could not be read.
    assert!(!findings.iter().any(|f| {
        let path = f["location"]["path"].as_str().unwrap();
        path == "Dockerfile" || path.starts_with("chart/") || path.ends_with("bomb.yaml")
    }));

    let skipped: Vec<(String, String, String)> = completeness["skipped_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_owned(),
                s["reason"].as_str().unwrap().to_owned(),
                s["engine"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(skipped.contains(&(
        "chart/templates/deploy.yaml".into(),
        "templated".into(),
        "iac".into()
    )));
    assert!(skipped.contains(&(
        "k8s/latin1.yaml".into(),
        "invalid-utf8".into(),
        "iac".into()
    )));
}

#[test]
fn sarif_names_the_rule_and_region() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "k8s/web.yaml", PRIVILEGED);
    let out = ward()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "sarif", "--no-progress"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "kubernetes/privileged-container")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 12);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "kubernetes/privileged-container")
    );
}

#[test]
fn explain_prints_a_check_s_documentation() {
    let out = ward()
        .args(["explain", "kubernetes/privileged-container"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Container runs privileged"), "{text}");
    assert!(text.contains("CKV_K8S_16"), "{text}");
    assert!(text.contains("CWE-250"), "{text}");
}

#[test]
fn terraform_modules_are_evaluated_across_files_with_tfvars_and_local_modules() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "infra/main.tf",
        "module \"db\" {\n  source = \"./modules/db\"\n  public = var.public\n}\n\nresource \"aws_s3_bucket_acl\" \"site\" {\n  bucket = \"site\"\n  acl    = local.acl # ward:ignore[aws-s3-bucket-public-acl] reviewed: a public site\n}\n",
    );
    write(
        root,
        "infra/variables.tf",
        "variable \"public\" {\n  default = false\n}\n\nvariable \"region\" {}\n\nlocals {\n  acl = \"public-read\"\n}\n",
    );
    write(root, "infra/terraform.tfvars", "public = true\n");
    write(
        root,
        "infra/modules/db/main.tf",
        "variable \"public\" {}\n\nresource \"aws_db_instance\" \"this\" {\n  engine              = \"postgres\"\n  storage_encrypted   = true\n  publicly_accessible = var.public\n}\n",
    );
    write(
        root,
        "infra/unknown.tf",
        "resource \"aws_db_instance\" \"other\" {\n  storage_encrypted   = true\n  publicly_accessible = var.region == \"x\"\n}\n",
    );
    write(
        root,
        "broken/main.tf",
        "resource \"x\" \"y\" {\n  a = [\n}\n",
    );
    let cache = tempfile::tempdir().unwrap();
    let scan = || {
        let out = ward()
            .arg("scan")
            .arg(root)
            .args(["--format", "json", "--no-progress", "--cache-dir"])
            .arg(cache.path())
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let report = scan();
    // A second scan, with the other engines' results from the cache, judges the module again.
    let again = scan();
    assert_eq!(report["findings"], again["findings"]);
    assert_eq!(
        report["completeness"]["inconclusive"],
        again["completeness"]["inconclusive"]
    );
    assert!(
        again["completeness"]["cache"]["engine_results_reused"].as_u64() > Some(0),
        "{}",
        again["completeness"]["cache"]
    );
    let findings = report["findings"].as_array().unwrap();
    let public: Vec<_> = findings
        .iter()
        .filter(|f| f["rule_id"] == "terraform/aws-db-instance-public")
        .collect();
    assert_eq!(public.len(), 1, "{public:?}");
    assert_eq!(public[0]["location"]["path"], "infra/modules/db/main.tf");
    assert_eq!(public[0]["location"]["start_line"], 6);
    assert_eq!(
        public[0]["detail"]["iac"]["resource"],
        "module.db.aws_db_instance.this"
    );
    // Inline suppressions work on findings of the project pass.
    let acl = findings
        .iter()
        .find(|f| f["rule_id"] == "terraform/aws-s3-bucket-public-acl")
        .expect("the public ACL is reported");
    assert_eq!(acl["location"]["start_line"], 8);
    assert!(acl["suppressed"].is_object(), "{acl}");
    // What cannot be known is recorded, not reported.
    let inconclusive = report["completeness"]["inconclusive"].as_array().unwrap();
    assert!(
        inconclusive.iter().any(|i| i["path"] == "infra/unknown.tf"
            && i["rule_id"] == "terraform/aws-db-instance-public"
            && i["line"] == 3),
        "{inconclusive:?}"
    );
    let errors = report["completeness"]["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["path"] == "broken/main.tf"
            && e["line"] == 3
            && e["message"].as_str().unwrap().contains("invalid Terraform")),
        "{errors:?}"
    );
}
