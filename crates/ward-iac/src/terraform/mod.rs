//! Terraform: `.tf` files parsed with `hcl::edit` (byte spans, so every finding names its
//! exact line), kept until the walk is over, then evaluated module by module in the engine's
//! project pass (variables, `*.tfvars`, locals, local modules; see [`module`]) and judged by the
//! Terraform checks.

pub mod eval;
pub mod functions;
pub mod json;
pub mod model;
pub mod module;
pub mod plan;
pub mod value;

use std::collections::{BTreeMap, HashSet};

use ward_core::{FileOutput, ProjectFileOutput, ScanError, Span};

use crate::check::{Meta, Resource as Named, Sink};
use crate::checks::{CHECKS, Check};
use eval::{Bindings, Scope};
use model::{Attr, Module, Resource};
use value::Value;

/// A check over one evaluated module instance.
pub trait TerraformCheck: Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, module: &Module, report: &mut Report<'_>);
}

/// What a file holds once parsed.
#[derive(Debug)]
pub enum Content {
    /// A configuration file (`.tf`).
    Config(hcl::edit::structure::Body),
    /// Variable values (`terraform.tfvars`, `*.auto.tfvars`, and their `.json` forms).
    Vars(BTreeMap<String, Value>),
}

/// A parsed Terraform file, kept for the project pass.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub content: Content,
    /// For a `.tf.json` file: the HCL its content was parsed from, with the JSON place of
    /// each of its lines (spans in `content` are in this text; see [`json`]).
    pub generated: Option<json::Generated>,
}

/// A file Terraform could not read, with the line of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub message: String,
}

/// Brackets nested deeper than this are refused before parsing (the parser recurses).
const MAX_NESTING: usize = 256;

/// The line where bracket nesting first exceeds [`MAX_NESTING`], if it does.
fn too_deep(text: &str) -> Option<u32> {
    let mut depth = 0usize;
    let mut line = 1u32;
    for byte in text.bytes() {
        match byte {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(line);
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            b'\n' => line += 1,
            _ => {}
        }
    }
    None
}

fn hcl_error(error: &hcl::edit::parser::Error) -> ParseError {
    let message = error.message().trim();
    ParseError {
        line: u32::try_from(error.location().line()).unwrap_or(u32::MAX),
        message: if message.is_empty() {
            "invalid syntax".to_owned()
        } else {
            message.replace('\n', "; ")
        },
    }
}

/// Whether a file name is one Terraform reads variable values from without being told.
pub fn is_auto_tfvars(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name == "terraform.tfvars"
        || name == "terraform.tfvars.json"
        || name.ends_with(".auto.tfvars")
        || name.ends_with(".auto.tfvars.json")
}

/// Parses a `.tf` or `.tf.json` file, or a `.tfvars` (`.tfvars.json`) file when `vars` is true.
pub fn parse(path: &str, text: &str, vars: bool) -> Result<SourceFile, ParseError> {
    if let Some(line) = too_deep(text) {
        return Err(ParseError {
            line,
            message: format!("brackets nested more than {MAX_NESTING} deep; not parsed"),
        });
    }
    let content = if vars && path.to_ascii_lowercase().ends_with(".json") {
        let json: serde_json::Value = serde_json::from_str(text).map_err(|e| ParseError {
            line: u32::try_from(e.line()).unwrap_or(u32::MAX),
            message: e.to_string(),
        })?;
        match Value::from_json(&json) {
            Value::Object(map) => Content::Vars(map),
            _ => {
                return Err(ParseError {
                    line: 1,
                    message: "a .tfvars.json file must hold an object".to_owned(),
                });
            }
        }
    } else if path.to_ascii_lowercase().ends_with(".json") {
        let generated = json::translate(text)?;
        let body = hcl::edit::parser::parse_body(&generated.text).map_err(|e| {
            let mut error = hcl_error(&e);
            error.line = generated.map(Span::line(error.line, 1, 1)).start_line;
            error
        })?;
        return Ok(SourceFile {
            path: path.to_owned(),
            text: text.to_owned(),
            content: Content::Config(body),
            generated: Some(generated),
        });
    } else {
        let body = hcl::edit::parser::parse_body(text).map_err(|e| hcl_error(&e))?;
        if vars {
            let scope = Scope::empty();
            Content::Vars(
                body.attributes()
                    .map(|a| {
                        (
                            a.key.value().as_str().to_owned(),
                            scope.eval(&a.value, &Bindings::Root),
                        )
                    })
                    .collect(),
            )
        } else {
            Content::Config(body)
        }
    };
    Ok(SourceFile {
        path: path.to_owned(),
        text: text.to_owned(),
        content,
        generated: None,
    })
}

/// Where Terraform checks report: one [`Sink`] per file of the project.
#[derive(Debug)]
pub struct Report<'a> {
    sinks: Vec<Sink<'a>>,
    inconclusive: HashSet<(usize, u32, &'static str)>,
}

impl<'a> Report<'a> {
    /// A report into one sink per file (`Resource::file` indexes them).
    pub(crate) fn new(sinks: Vec<Sink<'a>>) -> Report<'a> {
        Report {
            sinks,
            inconclusive: HashSet::new(),
        }
    }

    fn named(resource: &Resource) -> Named {
        Named {
            address: resource.address.clone(),
            kind: resource
                .origin
                .as_ref()
                .map_or_else(|| resource.rtype.clone(), |o| o.kind.clone()),
            document: None,
        }
    }

    /// The attribute path and message as the resource's own format names them.
    fn in_source(resource: &Resource, path: &str, message: String) -> (String, String) {
        match &resource.origin {
            Some(origin) => (origin.path(path), origin.message(&message)),
            None => (path.to_owned(), message),
        }
    }

    /// Reports `meta` on `resource`: at `attr` when given, else at the resource's first line.
    /// `path` is the attribute path from the resource (`ingress[0].cidr_blocks`).
    pub fn fail(
        &mut self,
        meta: &Meta,
        resource: &Resource,
        attr: Option<&Attr>,
        path: &str,
        message: impl Into<String>,
    ) {
        let span = attr.map_or(resource.span, |a| a.span);
        self.fail_at(meta, resource, span, path, message);
    }

    /// Reports `meta` on `resource` at `span` (a nested block's).
    pub fn fail_at(
        &mut self,
        meta: &Meta,
        resource: &Resource,
        span: Span,
        path: &str,
        message: impl Into<String>,
    ) {
        let named = Self::named(resource);
        let (path, message) = Self::in_source(resource, path, message.into());
        if let Some(sink) = self.sinks.get_mut(resource.file) {
            sink.report(meta, span, &named, &path, message);
        }
    }

    /// Records that `meta` could not decide on `resource` because a value is unknown.
    pub fn unknown(
        &mut self,
        meta: &'static Meta,
        resource: &Resource,
        attr: Option<&Attr>,
        what: &str,
    ) {
        let span = attr.map_or(resource.span, |a| a.span);
        if !self
            .inconclusive
            .insert((resource.file, span.start_line, meta.id))
        {
            return;
        }
        let (what, _) = Self::in_source(resource, what, String::new());
        let reason = match attr {
            Some(attr) => format!(
                "{}: `{what}` is {}, which the scan cannot know",
                resource.address,
                attr.value.display()
            ),
            None => format!("{}: `{what}` cannot be known", resource.address),
        };
        if let Some(sink) = self.sinks.get_mut(resource.file) {
            sink.inconclusive(meta, span.start_line, reason);
        }
    }
}

/// Evaluates the project's Terraform and runs every Terraform check; returns the outputs of
/// the files that have something to say.
pub fn scan_project(files: Vec<SourceFile>) -> Vec<ProjectFileOutput> {
    if files.is_empty() {
        return Vec::new();
    }
    let mut files = files;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let modules = module::evaluate(&files);
    let mut outputs: Vec<FileOutput> = files.iter().map(|_| FileOutput::default()).collect();
    {
        let mut report = Report {
            sinks: files
                .iter()
                .zip(outputs.iter_mut())
                .map(|(file, out)| Sink::new(&file.path, &file.text, out))
                .collect(),
            inconclusive: HashSet::new(),
        };
        for module in &modules {
            for check in CHECKS {
                if let Check::Terraform(check) = check {
                    check.check(module, &mut report);
                }
            }
        }
    }
    files
        .into_iter()
        .zip(outputs)
        .map(|(file, out)| ProjectFileOutput {
            path: file.path,
            text: file.text,
            out,
        })
        .filter(|file| !file.out.is_empty())
        .collect()
}

/// Parses and judges a set of files at once (tests, and callers without a pipeline): parse
/// errors are reported on their file.
pub fn scan_files(files: &[(&str, &str)]) -> Vec<ProjectFileOutput> {
    let mut parsed = Vec::new();
    let mut failed = Vec::new();
    for (path, text) in files {
        let name = path.rsplit('/').next().unwrap_or(path);
        let vars = name.to_ascii_lowercase().contains(".tfvars");
        match parse(path, text, vars) {
            Ok(file) => parsed.push(file),
            Err(error) => {
                let mut out = FileOutput::default();
                out.error(ScanError {
                    path: None,
                    line: Some(error.line),
                    engine: None,
                    message: format!("invalid Terraform: {}", error.message),
                });
                failed.push(ProjectFileOutput {
                    path: (*path).to_owned(),
                    text: (*text).to_owned(),
                    out,
                });
            }
        }
    }
    let mut outputs = scan_project(parsed);
    outputs.extend(failed);
    outputs
}

#[cfg(test)]
mod tests;
