//! Kustomize overlays: a strategic-merge patch says only what it changes, so it is judged on
//! what it sets (a patch that turns on `privileged` is reported) and never on what it leaves
//! to the base (no "missing limits" on a patch that only changes the replica count).

use ward_core::FileOutput;
use ward_iac::Kind;

fn rules(text: &str) -> Vec<(String, u32)> {
    let mut out = FileOutput::default();
    ward_iac::scan_text(Kind::Kubernetes, "overlays/prod/patch.yaml", text, &mut out);
    let (findings, errors) = out.take();
    assert!(errors.is_empty(), "{errors:?}");
    let mut found: Vec<(String, u32)> = findings
        .iter()
        .map(|(f, _)| (f.rule_id.clone(), f.location.span.start_line))
        .collect();
    found.sort();
    found
}

const PATCH: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 5
  template:
    spec:
      containers:
        - name: web
          securityContext:
            privileged: true
";

#[test]
fn a_patch_is_judged_on_what_it_sets_only() {
    assert_eq!(
        rules(PATCH),
        [("kubernetes/privileged-container".to_owned(), 12)]
    );
}

#[test]
fn the_same_object_with_its_image_is_a_whole_manifest_and_judged_whole() {
    let whole = PATCH.replace(
        "        - name: web\n",
        "        - name: web\n          image: registry.example.com/web:1.4.2\n",
    );
    let found = rules(&whole);
    assert!(
        found
            .iter()
            .any(|(id, _)| id == "kubernetes/privileged-container")
    );
    assert!(
        found
            .iter()
            .any(|(id, _)| id == "kubernetes/missing-resource-limits"),
        "a whole manifest without limits is still reported: {found:?}"
    );
}
