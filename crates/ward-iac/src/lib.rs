//! Ward's infrastructure-as-code engine: finds misconfigurations in Kubernetes manifests,
//! Dockerfiles, GitHub Actions workflows, Compose files, Terraform and CloudFormation.
//!
//! This crate owns the parsers with positions (YAML through `saphyr-parser` into a bounded
//! tree, Dockerfiles with a line parser of our own, HCL through `hcl-rs`), the classification
//! of files by name and content, and the built-in checks: one Rust file per check behind a
//! trait for its kind of document, each with its documentation, listed once in
//! [`checks::CHECKS`]. A finding names the resource (`Deployment/web`, `aws_s3_bucket.logs`)
//! and points at the offending attribute's line. It depends on `ward-core` and third-party
//! crates only: never on another engine, the scan pipeline or the CLI.

pub mod actions;
pub mod check;
pub mod checks;
pub mod classify;
pub mod cloudformation;
pub mod compose;
pub mod dockerfile;
pub mod image_config;
pub mod kubernetes;
#[cfg(feature = "rego")]
pub mod rego;
pub mod terraform;
mod util;
pub mod yaml;

use std::sync::Mutex;

use ward_core::{Engine, FileInput, FileOutput, ProjectFileOutput, RuleDoc, ScanError, SkipReason};

pub use check::{Meta, Resource, Sink};
pub use checks::{CHECKS, Check};
pub use classify::{Kind, classify};

/// The engine's name, in rule ids' owner field, `ward.toml` and reports.
pub const ENGINE: &str = "iac";

/// The IaC engine with every built-in check.
///
/// Terraform files are parsed as they are offered and kept until the project pass, which
/// evaluates each module with all its files (variables, locals, child modules) at once.
#[derive(Debug, Default)]
pub struct IacEngine {
    terraform: Mutex<Vec<terraform::SourceFile>>,
    #[cfg(feature = "rego")]
    policies: Option<rego::Policies>,
    /// Why the project's policies are not used (a build without Rego).
    policy_errors: Vec<ScanError>,
}

/// What [`scan_text_with`] evaluates besides the built-in checks.
#[cfg(feature = "rego")]
pub type PolicySet = rego::Policies;
/// What [`scan_text_with`] evaluates besides the built-in checks (none in a build without Rego).
#[cfg(not(feature = "rego"))]
#[derive(Debug)]
pub enum PolicySet {}

impl IacEngine {
    pub fn new() -> Self {
        IacEngine::default()
    }

    /// Adds the project's Rego policies (`.ward/policies/*.rego` under `project_root`), whose
    /// `deny`/`warn`/`violation` rules run in the packages `namespaces` (`main` when empty).
    #[must_use]
    pub fn with_policies(
        mut self,
        project_root: Option<&std::path::Path>,
        namespaces: &[String],
    ) -> Self {
        let Some(root) = project_root else {
            return self;
        };
        let dir = root.join(".ward").join("policies");
        if !dir.is_dir() {
            return self;
        }
        #[cfg(feature = "rego")]
        {
            self.policies = Some(rego::Policies::load(&dir, ".ward/policies", namespaces));
        }
        #[cfg(not(feature = "rego"))]
        {
            let _ = namespaces;
            self.policy_errors.push(ScanError {
                path: Some(".ward/policies".to_owned()),
                line: None,
                engine: Some(ENGINE.to_owned()),
                message: "this build of Ward has no Rego support (feature `rego`): the policies are not evaluated".to_owned(),
            });
        }
        self
    }

    #[cfg_attr(not(feature = "rego"), allow(clippy::unused_self))]
    fn policy_set(&self) -> Option<&PolicySet> {
        #[cfg(feature = "rego")]
        {
            self.policies.as_ref().filter(|p| !p.is_empty())
        }
        #[cfg(not(feature = "rego"))]
        {
            None
        }
    }

    fn keep_terraform(&self, path: &str, text: &str, vars: bool, out: &mut FileOutput) {
        // What a Terraform file means depends on the other files of its module: its result
        // (nothing until the project pass) must not be replayed from the cache, or the file
        // would be missing from the pass.
        out.uncacheable();
        match terraform::parse(path, text, vars) {
            Ok(file) => self
                .terraform
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(file),
            Err(error) => out.error(ScanError {
                path: None,
                line: Some(error.line),
                engine: None,
                message: format!("invalid Terraform: {}", error.message),
            }),
        }
    }
}

/// Whether YAML text is a template (Helm, Go templates) rather than a manifest.
fn is_template(text: &str) -> bool {
    text.contains("{{")
        && [
            ".Values", ".Release", ".Chart", "include ", "toYaml", "{{-", "-}}", "{{ if",
            "{{ range", "{{ end",
        ]
        .iter()
        .any(|marker| text.contains(marker))
}

fn yaml_error(out: &mut FileOutput, error: &yaml::YamlError, what: &str) {
    out.error(ScanError {
        path: None,
        line: Some(error.line),
        engine: None,
        message: format!("invalid {what} YAML: {}", error.message),
    });
}

/// Scans one file of a known kind; `path` is how findings name it.
pub fn scan_text(kind: Kind, path: &str, text: &str, out: &mut FileOutput) {
    scan_text_with(kind, path, text, None, out);
}

/// Evaluates the policies on one input document.
#[cfg(feature = "rego")]
fn policies_on<'a>(
    policies: Option<&PolicySet>,
    input: impl FnOnce() -> Option<rego::Input<'a>>,
    path: &str,
    text: &str,
    out: &mut FileOutput,
) {
    if let Some(policies) = policies
        && let Some(input) = input()
    {
        policies.evaluate(&input, path, text, out);
    }
}

/// [`scan_text`], with the project's policies evaluated on the same parsed document.
#[allow(clippy::too_many_lines)]
pub fn scan_text_with(
    kind: Kind,
    path: &str,
    text: &str,
    policies: Option<&PolicySet>,
    out: &mut FileOutput,
) {
    match kind {
        Kind::Kubernetes => {
            if is_template(text) {
                out.skip(SkipReason::Templated);
                return;
            }
            let documents = match yaml::parse(text) {
                Ok(documents) => documents,
                Err(error) => return yaml_error(out, &error, "Kubernetes"),
            };
            {
                let mut sink = Sink::new(path, text, out);
                for document in &documents {
                    for object in kubernetes::Object::from_document(document) {
                        // A Kustomize patch is judged on what it sets, not on what it omits.
                        sink.present_only = object.is_partial().then(|| object.present_paths());
                        for check in CHECKS {
                            if let Check::Kubernetes(check) = check {
                                check.check(&object, &mut sink);
                            }
                        }
                    }
                    sink.present_only = None;
                }
            }
            policies_on_documents(policies, &documents, false, path, text, out);
        }
        Kind::Dockerfile => {
            let file = match dockerfile::parse(text) {
                Ok(file) => file,
                Err(error) => {
                    return out.error(ScanError {
                        path: None,
                        line: Some(error.line),
                        engine: None,
                        message: format!("invalid Dockerfile: {}", error.message),
                    });
                }
            };
            if file.stages.is_empty() {
                return out.error(ScanError {
                    path: None,
                    line: Some(1),
                    engine: None,
                    message: "invalid Dockerfile: no FROM instruction".to_owned(),
                });
            }
            {
                let mut sink = Sink::new(path, text, out);
                for check in CHECKS {
                    if let Check::Dockerfile(check) = check {
                        check.check(&file, &mut sink);
                    }
                }
            }
            #[cfg(feature = "rego")]
            policies_on(
                policies,
                || Some(rego::Input::Dockerfile(&file)),
                path,
                text,
                out,
            );
        }
        Kind::GithubWorkflow | Kind::GithubAction => {
            let what = if kind == Kind::GithubAction {
                "action"
            } else {
                "workflow"
            };
            let documents = match yaml::parse(text) {
                Ok(documents) => documents,
                Err(error) => return yaml_error(out, &error, what),
            };
            {
                let mut sink = Sink::new(path, text, out);
                for document in &documents {
                    let Some(workflow) =
                        actions::Workflow::new(&document.root, kind == Kind::GithubAction)
                    else {
                        continue;
                    };
                    for check in CHECKS {
                        if let Check::Workflow(check) = check {
                            check.check(&workflow, &mut sink);
                        }
                    }
                }
            }
            policies_on_documents(policies, &documents, false, path, text, out);
        }
        Kind::ImageConfig => {
            let config = match image_config::ImageConfig::parse(text) {
                Ok(config) => config,
                Err(error) => {
                    return out.error(ScanError {
                        path: None,
                        line: Some(error.line),
                        engine: None,
                        message: format!("invalid image configuration: {}", error.message),
                    });
                }
            };
            let mut sink = Sink::new(path, text, out);
            sink.hide_snippets = true;
            for check in CHECKS {
                if let Check::ImageConfig(check) = check {
                    check.check(&config, &mut sink);
                }
            }
        }
        // Terraform is judged module by module in the project pass
        // (`IacEngine::project_pass`); on its own, a file is its own module.
        Kind::Terraform | Kind::TerraformJson | Kind::TerraformVars => {
            if kind == Kind::Terraform {
                #[cfg(feature = "rego")]
                policies_on(
                    policies,
                    || Some(rego::Input::Terraform(text)),
                    path,
                    text,
                    out,
                );
            }
            if kind == Kind::TerraformJson {
                policies_on_json(policies, path, text, out);
            }
            for mut file in terraform::scan_files(&[(path, text)]) {
                let (findings, errors) = file.out.take();
                let (_, inconclusive) = file.out.take_coverage();
                for (finding, identity) in findings {
                    out.finding(finding, identity);
                }
                for error in errors {
                    out.error(error);
                }
                for record in inconclusive {
                    out.inconclusive(record);
                }
            }
        }
        Kind::TerraformPlan => {
            let root = match yaml::parse_json(text) {
                Ok(root) if root.is_map() => root,
                Ok(root) => {
                    return out.error(ScanError {
                        path: None,
                        line: Some(root.span.start_line.max(1)),
                        engine: None,
                        message: "invalid Terraform plan: not a JSON object".to_owned(),
                    });
                }
                Err(error) => {
                    return out.error(ScanError {
                        path: None,
                        line: Some(error.line),
                        engine: None,
                        message: format!("invalid Terraform plan: {}", error.message),
                    });
                }
            };
            {
                let modules = terraform::plan::modules(&root);
                let mut report = terraform::Report::new(vec![Sink::new(path, text, out)]);
                for module in &modules {
                    for check in CHECKS {
                        if let Check::Terraform(check) = check {
                            check.check(module, &mut report);
                        }
                    }
                }
            }
            let documents = [yaml::Document { index: 0, root }];
            policies_on_documents(policies, &documents, false, path, text, out);
        }
        Kind::CloudFormation | Kind::CloudFormationJson => {
            let json = kind == Kind::CloudFormationJson;
            let root = match cloudformation::parse(text, json) {
                Ok(root) => root,
                Err(error) => {
                    return out.error(ScanError {
                        path: None,
                        line: Some(error.line),
                        engine: None,
                        message: format!("invalid CloudFormation template: {}", error.message),
                    });
                }
            };
            {
                let template = cloudformation::Template::new(&root);
                let module = cloudformation::resources::module(&template);
                let mut report = terraform::Report::new(vec![Sink::new(path, text, out)]);
                for check in CHECKS {
                    if let Check::Terraform(check) = check {
                        check.check(&module, &mut report);
                    }
                }
            }
            let documents = [yaml::Document { index: 0, root }];
            policies_on_documents(policies, &documents, true, path, text, out);
        }
        Kind::Compose => {
            if is_template(text) {
                out.skip(SkipReason::Templated);
                return;
            }
            let documents = match yaml::parse(text) {
                Ok(documents) => documents,
                Err(error) => return yaml_error(out, &error, "Compose"),
            };
            {
                let mut sink = Sink::new(path, text, out);
                for document in &documents {
                    for service in compose::services(document) {
                        for check in CHECKS {
                            if let Check::Compose(check) = check {
                                check.check(&service, &mut sink);
                            }
                        }
                    }
                }
            }
            policies_on_documents(policies, &documents, false, path, text, out);
        }
    }
}

/// Evaluates the policies on a `.tf.json` file: the JSON document as it is, which is the
/// shape the policies see for a `.tf` file (HCL's JSON form, `resource.aws_s3_bucket.logs`).
#[allow(unused_variables)]
fn policies_on_json(policies: Option<&PolicySet>, path: &str, text: &str, out: &mut FileOutput) {
    if policies.is_none() {
        return;
    }
    // A malformed file is reported once, by the Terraform parse.
    if let Ok(root) = yaml::parse_json(text) {
        let documents = [yaml::Document { index: 0, root }];
        policies_on_documents(policies, &documents, false, path, text, out);
    }
}

/// Evaluates the policies on each YAML document of a stream.
#[allow(unused_variables)]
fn policies_on_documents(
    policies: Option<&PolicySet>,
    documents: &[yaml::Document],
    cloudformation: bool,
    path: &str,
    text: &str,
    out: &mut FileOutput,
) {
    #[cfg(feature = "rego")]
    for document in documents {
        policies_on(
            policies,
            || {
                Some(rego::Input::Yaml {
                    node: &document.root,
                    document: document.index,
                    cloudformation,
                })
            },
            path,
            text,
            out,
        );
    }
}

impl Engine for IacEngine {
    fn name(&self) -> &'static str {
        ENGINE
    }

    fn rules(&self) -> Vec<RuleDoc> {
        #[allow(unused_mut)]
        let mut rules: Vec<RuleDoc> = CHECKS.iter().map(|c| c.meta().rule_doc()).collect();
        #[cfg(feature = "rego")]
        if let Some(policies) = &self.policies {
            rules.extend(policies.rule_docs());
        }
        rules
    }

    fn setup_errors(&self) -> Vec<ScanError> {
        #[allow(unused_mut)]
        let mut errors = self.policy_errors.clone();
        #[cfg(feature = "rego")]
        if let Some(policies) = &self.policies {
            errors.extend(policies.errors.iter().cloned());
        }
        errors
    }

    /// The checks are code: the build identity in the cache key covers their logic; their ids
    /// are hashed so a build with a check added or removed never reuses results.
    fn config_hash(&self) -> Option<String> {
        let mut hasher = ward_core::ConfigHasher::new(ENGINE);
        for check in CHECKS {
            hasher.add(check.meta().rule_doc().id);
        }
        #[cfg(feature = "rego")]
        if let Some(policies) = &self.policies {
            for (path, text) in &policies.texts {
                hasher.add(path);
                hasher.add(text);
            }
        }
        Some(hasher.finish())
    }

    fn claims(&self, file: &FileInput<'_>) -> bool {
        match file.text {
            Some(text) => classify(file.path, text).is_some(),
            // Claim invalid UTF-8 that would otherwise be ours, so the pipeline records that
            // this engine could not read it instead of passing over it in silence.
            None => classify(file.path, &String::from_utf8_lossy(file.bytes)).is_some(),
        }
    }

    fn scan_file(&self, file: &FileInput<'_>, out: &mut FileOutput) {
        let Some(text) = file.text else { return };
        match classify(file.path, text) {
            Some(Kind::Terraform) => {
                self.keep_terraform(file.path, text, false, out);
                #[cfg(feature = "rego")]
                policies_on(
                    self.policy_set(),
                    || Some(rego::Input::Terraform(text)),
                    file.path,
                    text,
                    out,
                );
            }
            Some(Kind::TerraformJson) => {
                self.keep_terraform(file.path, text, false, out);
                policies_on_json(self.policy_set(), file.path, text, out);
            }
            Some(Kind::TerraformVars) => self.keep_terraform(file.path, text, true, out),
            Some(kind) => scan_text_with(kind, file.path, text, self.policy_set(), out),
            None => {}
        }
    }

    fn project_pass(&self) -> Vec<ProjectFileOutput> {
        let files = std::mem::take(
            &mut *self
                .terraform
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        terraform::scan_project(files)
    }
}
