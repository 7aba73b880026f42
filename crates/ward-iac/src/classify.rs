//! Which kind of configuration a file is, by its path and, for YAML, its content.

/// The kinds of configuration the engine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Kubernetes,
    Dockerfile,
    GithubWorkflow,
    GithubAction,
    Compose,
    Terraform,
    /// Terraform configuration in Terraform's JSON syntax (`*.tf.json`).
    TerraformJson,
    /// A Terraform plan in JSON (`terraform show -json plan.out`), found by its content.
    TerraformPlan,
    /// A container image configuration (JSON with `rootfs.diff_ids`), as image sources offer it.
    ImageConfig,
    /// Variable values Terraform reads by itself (`terraform.tfvars`, `*.auto.tfvars`).
    TerraformVars,
    /// A CloudFormation template in YAML.
    CloudFormation,
    /// A CloudFormation template in JSON.
    CloudFormationJson,
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn has_extension(name: &str, extensions: &[&str]) -> bool {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn is_yaml(name: &str) -> bool {
    has_extension(name, &["yml", "yaml"])
}

/// Whether a file name is a Dockerfile's (`Dockerfile`, `Dockerfile.prod`, `app.dockerfile`,
/// `Containerfile`).
pub fn is_dockerfile(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower == "dockerfile" || lower == "containerfile" {
        return true;
    }
    // `Dockerfile.prod` is a Dockerfile; `dockerfile.rs`, `Dockerfile.md` and templates
    // (`Dockerfile.j2`) are not.
    let not_dockerfile = [
        "rs", "py", "go", "js", "ts", "java", "rb", "php", "c", "h", "cpp", "cs", "kt", "md",
        "txt", "rst", "json", "yml", "yaml", "toml", "sh", "snap", "lock", "html", "j2", "jinja",
        "jinja2", "tmpl", "tpl", "template", "erb", "bak", "orig", "swp",
    ];
    let suffix_ok = |suffix: &str| !not_dockerfile.contains(&suffix);
    lower
        .strip_prefix("dockerfile.")
        .or_else(|| lower.strip_prefix("containerfile."))
        .is_some_and(suffix_ok)
        || has_extension(&lower, &["dockerfile", "containerfile"])
}

/// Whether a file name is a Compose file's.
pub fn is_compose(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    is_yaml(&lower)
        && (lower.starts_with("docker-compose")
            || lower.starts_with("compose.")
            || lower.starts_with("compose-"))
}

/// The kind of `path`, deciding on content only where the name is not enough. `None` when the
/// engine has nothing to say about the file.
pub fn classify(path: &str, text: &str) -> Option<Kind> {
    let name = file_name(path);
    if is_dockerfile(name) {
        return Some(Kind::Dockerfile);
    }
    if has_extension(name, &["tf"]) {
        return Some(Kind::Terraform);
    }
    if crate::terraform::is_auto_tfvars(name) {
        return Some(Kind::TerraformVars);
    }
    let json = has_extension(name, &["json"]);
    if json && name.to_ascii_lowercase().ends_with(".tf.json") {
        return Some(Kind::TerraformJson);
    }
    if json && crate::terraform::plan::looks_like(text) {
        return Some(Kind::TerraformPlan);
    }
    if json && crate::image_config::looks_like(text) {
        return Some(Kind::ImageConfig);
    }
    let template = has_extension(name, &["template"]);
    if (json || template) && crate::cloudformation::looks_like(text, true) {
        return Some(Kind::CloudFormationJson);
    }
    if template && crate::cloudformation::looks_like(text, false) {
        return Some(Kind::CloudFormation);
    }
    if !is_yaml(name) {
        return None;
    }
    if path.contains(".github/workflows/") {
        return Some(Kind::GithubWorkflow);
    }
    if name == "action.yml" || name == "action.yaml" {
        return Some(Kind::GithubAction);
    }
    if is_compose(name) {
        return Some(Kind::Compose);
    }
    if crate::cloudformation::looks_like(text, false) {
        return Some(Kind::CloudFormation);
    }
    if looks_like_kubernetes(text) {
        return Some(Kind::Kubernetes);
    }
    None
}

/// A Kubernetes manifest has top-level `apiVersion:` and `kind:` keys in some document.
fn looks_like_kubernetes(text: &str) -> bool {
    let mut api = false;
    let mut kind = false;
    for line in text.lines() {
        api |= line.starts_with("apiVersion:");
        kind |= line.starts_with("kind:");
        if api && kind {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_name_and_content() {
        assert_eq!(classify("Dockerfile", ""), Some(Kind::Dockerfile));
        assert_eq!(
            classify("docker/api.Dockerfile", ""),
            Some(Kind::Dockerfile)
        );
        assert_eq!(classify("Dockerfile.prod", ""), Some(Kind::Dockerfile));
        assert_eq!(classify("src/dockerfile.rs", ""), None);
        assert_eq!(classify("Dockerfile.j2", ""), None);
        assert_eq!(classify("infra/main.tf", ""), Some(Kind::Terraform));
        assert_eq!(
            classify("infra/terraform.tfvars", ""),
            Some(Kind::TerraformVars)
        );
        assert_eq!(
            classify("infra/prod.auto.tfvars", ""),
            Some(Kind::TerraformVars)
        );
        assert_eq!(classify("infra/prod.tfvars", ""), None);
        assert_eq!(
            classify(".github/workflows/ci.yml", ""),
            Some(Kind::GithubWorkflow)
        );
        assert_eq!(classify("action.yml", ""), Some(Kind::GithubAction));
        assert_eq!(classify("docker-compose.prod.yml", ""), Some(Kind::Compose));
        assert_eq!(
            classify("k8s/web.yaml", "apiVersion: v1\nkind: Pod\n"),
            Some(Kind::Kubernetes)
        );
        assert_eq!(classify("config.yaml", "name: x\n"), None);
        assert_eq!(
            classify(
                "image-config.json",
                r#"{"rootfs":{"type":"layers","diff_ids":[]}}"#
            ),
            Some(Kind::ImageConfig)
        );
        assert_eq!(classify("package.json", r#"{"name":"x"}"#), None);
        assert_eq!(
            classify("infra/main.tf.json", "{}"),
            Some(Kind::TerraformJson)
        );
        assert_eq!(
            classify("infra/terraform.tfvars.json", "{}"),
            Some(Kind::TerraformVars)
        );
        assert_eq!(
            classify(
                "out/plan.json",
                r#"{"format_version":"1.2","planned_values":{}}"#
            ),
            Some(Kind::TerraformPlan)
        );
        assert_eq!(
            classify("out/state.json", r#"{"format_version":"1.0","values":{}}"#),
            None
        );
        assert_eq!(
            classify("cfn/site.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n"),
            Some(Kind::CloudFormation)
        );
        assert_eq!(
            classify(
                "cfn/site.yml",
                "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n"
            ),
            Some(Kind::CloudFormation)
        );
        assert_eq!(
            classify(
                "cfn/site.json",
                r#"{"Resources": {"Logs": {"Type": "AWS::S3::Bucket"}}}"#
            ),
            Some(Kind::CloudFormationJson)
        );
        assert_eq!(
            classify(
                "cfn/site.template",
                r#"{"AWSTemplateFormatVersion": "2010-09-09"}"#
            ),
            Some(Kind::CloudFormationJson)
        );
        assert_eq!(classify("config.yaml", "Resources:\n  cpu: 2\n"), None);
        assert_eq!(classify("README.md", "apiVersion: v1\nkind: Pod\n"), None);
    }
}
