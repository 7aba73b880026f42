//! `ward scan` on the IaC engine's other inputs, end to end: Terraform in JSON syntax
//! (`*.tf.json`, with the module's `.tf` files) and Terraform plans in JSON, malformed JSON
//! recorded with its line while the rest is scanned; rendered manifests from standard input
//! (`helm template . | ward scan -`), Kustomize bases and overlays, composite actions.

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;
use common::{ward, write};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ward-iac/tests/fixtures");

fn fixture(path: &str) -> String {
    fs::read_to_string(Path::new(FIXTURES).join(path)).unwrap()
}

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

/// `path:line rule resource` of each finding whose rule starts with `prefix`.
fn findings(report: &Value, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"].as_str().unwrap().starts_with(prefix))
        .map(|f| {
            format!(
                "{}:{} {} {}",
                f["location"]["path"].as_str().unwrap(),
                f["location"]["start_line"],
                f["rule_id"].as_str().unwrap(),
                f["detail"]["iac"]["resource"].as_str().unwrap_or_default()
            )
        })
        .collect();
    out.sort();
    out
}

fn errors(report: &Value) -> Vec<(String, u64, String)> {
    report["completeness"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap_or_default().to_owned(),
                e["line"].as_u64().unwrap_or(0),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn terraform_json_modules_and_plans_are_judged_and_malformed_json_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    for file in [
        "variables.tf",
        "terraform.tfvars.json",
        "main.tf.json",
        "modules/store/main.tf.json",
    ] {
        write(
            root,
            &format!("infra/{file}"),
            fixture(&format!("terraform-json/mixed/{file}")),
        );
    }
    write(root, "plans/prod.json", fixture("terraform-plan/plan.json"));
    write(
        root,
        "broken/main.tf.json",
        "{\n  \"resource\": {\n    \"aws_s3_bucket\": {\n      \"a\": {\"bucket\": \"x\",}\n",
    );
    let plan = fixture("terraform-plan/plan.json");
    write(
        root,
        "plans/broken.json",
        plan.replacen("\"encrypted\": false,", "\"encrypted\": false,,", 1),
    );
    let report = scan_json(root);

    let tf = findings(&report, "terraform/");
    for expected in [
        // .tf.json, evaluated with the module's .tf files and terraform.tfvars.json.
        "infra/main.tf.json:12 terraform/aws-db-instance-public aws_db_instance.main",
        "infra/main.tf.json:24 terraform/aws-security-group-ssh-open aws_security_group.web",
        "infra/modules/store/main.tf.json:13 terraform/aws-ebs-volume-unencrypted module.store.aws_ebs_volume.data",
        // The plan: Terraform's addresses, the JSON line of the attribute.
        "plans/prod.json:40 terraform/aws-ebs-volume-unencrypted aws_ebs_volume.data[\"logs\"]",
        "plans/prod.json:68 terraform/aws-instance-imdsv2-not-required aws_instance.web[0]",
        "plans/prod.json:134 terraform/aws-s3-bucket-no-versioning aws_s3_bucket_versioning.logs",
        "plans/prod.json:173 terraform/aws-security-group-ssh-open module.net.aws_security_group.web",
    ] {
        assert!(tf.iter().any(|f| f == expected), "{expected}\n{tf:#?}");
    }
    // Nothing from the malformed files.
    assert!(
        !tf.iter()
            .any(|f| f.starts_with("broken/") || f.starts_with("plans/broken"))
    );
    // A value known only after apply is inconclusive, not a finding.
    assert!(
        !tf.iter()
            .any(|f| f.starts_with("plans/prod.json") && f.contains("aws-db-instance-public"))
    );
    let inconclusive = report["completeness"]["inconclusive"].as_array().unwrap();
    assert!(
        inconclusive.iter().any(|i| i["path"] == "plans/prod.json"
            && i["rule_id"] == "terraform/aws-db-instance-public"
            && i["line"] == 13),
        "{inconclusive:?}"
    );

    let errors = errors(&report);
    let error_for = |path: &str| {
        errors
            .iter()
            .find(|(p, ..)| p == path)
            .unwrap_or_else(|| panic!("no error for {path}: {errors:?}"))
            .clone()
    };
    let (_, line, message) = error_for("broken/main.tf.json");
    assert_eq!(line, 4, "{message}");
    assert!(
        message.contains("invalid JSON") && message.contains("column"),
        "{message}"
    );
    let (_, line, message) = error_for("plans/broken.json");
    assert_eq!(line, 40, "{message}");
    assert!(
        message.contains("invalid Terraform plan") && message.contains("line 40 column"),
        "{message}"
    );
}

#[test]
fn rendered_manifests_are_read_from_standard_input() {
    let rendered = "---\n# Source: web/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: web:1.0\n          securityContext:\n            privileged: true\n---\n# Source: web/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n";
    let dir = tempfile::tempdir().unwrap();
    let out = ward()
        .current_dir(dir.path())
        .args(["scan", "-", "--format", "json", "--no-progress"])
        .write_stdin(rendered)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(
        findings(&report, "kubernetes/privileged-container"),
        ["stdin.yaml:14 kubernetes/privileged-container Deployment/web"]
    );
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    // `-` with other paths is refused with a message, not scanned.
    let out = ward()
        .current_dir(dir.path())
        .args(["scan", "-", ".", "--no-progress"])
        .write_stdin(rendered)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input"));
}

#[test]
fn kustomize_bases_and_overlays_and_composite_actions_are_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "deploy/base/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n",
    );
    write(
        root,
        "deploy/base/deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n        - name: api\n          image: api:1.0\n",
    );
    write(
        root,
        "deploy/overlays/prod/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\npatches:\n  - path: privileged.yaml\n",
    );
    write(
        root,
        "deploy/overlays/prod/privileged.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          securityContext:\n            privileged: true\n",
    );
    write(
        root,
        "tools/greet/action.yml",
        "name: greet\ndescription: greets\nruns:\n  using: composite\n  steps:\n    - run: echo \"${{ github.event.issue.title }}\"\n      shell: bash\n",
    );
    let report = scan_json(root);
    let k8s = findings(&report, "kubernetes/");
    assert!(
        k8s.contains(
            &"deploy/base/deployment.yaml:8 kubernetes/host-network Deployment/api".to_owned()
        ),
        "{k8s:#?}"
    );
    assert!(
        k8s.contains(
            &"deploy/overlays/prod/privileged.yaml:11 kubernetes/privileged-container Deployment/api"
                .to_owned()
        ),
        "{k8s:#?}"
    );
    // The patch is judged on what it sets: nothing about limits, probes or seccomp it leaves
    // to the base.
    let on_patch: Vec<&String> = k8s
        .iter()
        .filter(|f| f.starts_with("deploy/overlays/prod/privileged.yaml"))
        .collect();
    assert_eq!(
        on_patch,
        ["deploy/overlays/prod/privileged.yaml:11 kubernetes/privileged-container Deployment/api"]
    );
    let actions = findings(&report, "github-actions/");
    assert!(
        actions
            .iter()
            .any(|f| f.starts_with("tools/greet/action.yml:6 github-actions/template-injection")),
        "{actions:#?}"
    );
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
}
