//! GitHub Actions workflows and composite actions, read from YAML: triggers, jobs, steps, and
//! the `${{ }}` expressions inside them, each with its place for findings.

use crate::check::{Meta, Resource, Sink};
use crate::yaml::{Node, Value};

/// A check over one workflow or composite action.
pub trait WorkflowCheck: Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>);
}

/// A workflow (`.github/workflows/*.yml`) or a composite action (`action.yml`).
#[derive(Debug)]
pub struct Workflow<'a> {
    pub root: &'a Node,
    /// Whether this is a composite action rather than a workflow.
    pub is_action: bool,
    /// Trigger names (`push`, `pull_request_target`, ...); empty for actions.
    pub triggers: Vec<String>,
    /// The `on:` key, for findings about the workflow as a whole.
    pub on_key: Option<&'a Node>,
    pub jobs: Vec<Job<'a>>,
}

/// A job (for a composite action, one pseudo-job holding `runs.steps`).
#[derive(Debug)]
pub struct Job<'a> {
    pub id: &'a str,
    pub key: &'a Node,
    pub node: &'a Node,
    pub steps: Vec<Step<'a>>,
    /// Attribute path of the job (`jobs.build`, or `runs` for an action).
    pub path: String,
}

/// A step.
#[derive(Debug)]
pub struct Step<'a> {
    pub node: &'a Node,
    pub index: usize,
    /// `jobs.build.steps[2]`.
    pub path: String,
    /// Its `id` or `name`, for messages.
    pub label: String,
}

impl<'a> Step<'a> {
    /// The `uses:` value.
    pub fn uses(&self) -> Option<&'a str> {
        self.node.get("uses").and_then(Node::as_str)
    }

    /// Whether this step uses `owner/repo` (any ref).
    pub fn uses_action(&self, action: &str) -> bool {
        self.uses().is_some_and(|uses| {
            uses.split('@')
                .next()
                .is_some_and(|name| name.eq_ignore_ascii_case(action))
        })
    }

    /// A `with:` input.
    pub fn with(&self, key: &str) -> Option<&'a Node> {
        self.node.path(&["with", key])
    }
}

impl<'a> Workflow<'a> {
    /// Reads a workflow or composite action; `None` when the document is neither.
    pub fn new(root: &'a Node, is_action: bool) -> Option<Workflow<'a>> {
        if !root.is_map() {
            return None;
        }
        if is_action {
            let runs = root.entry("runs")?;
            let steps = steps_of(runs.1, "runs");
            return Some(Workflow {
                root,
                is_action,
                triggers: Vec::new(),
                on_key: None,
                jobs: vec![Job {
                    id: "runs",
                    key: runs.0,
                    node: runs.1,
                    steps,
                    path: "runs".to_owned(),
                }],
            });
        }
        let on = root.entry("on").or_else(|| root.entry("true"));
        let triggers = match on.map(|(_, v)| v) {
            Some(node) => match &node.value {
                Value::Scalar { text, .. } => vec![text.clone()],
                Value::Seq(items) => items
                    .iter()
                    .filter_map(|n| n.as_str().map(str::to_owned))
                    .collect(),
                Value::Map(entries) => entries
                    .iter()
                    .filter_map(|(k, _)| k.as_str().map(str::to_owned))
                    .collect(),
            },
            None => Vec::new(),
        };
        let jobs = root
            .get("jobs")
            .map(Node::as_map)
            .unwrap_or_default()
            .iter()
            .filter_map(|(key, node)| {
                let id = key.as_str()?;
                let path = format!("jobs.{id}");
                Some(Job {
                    id,
                    key,
                    node,
                    steps: steps_of(node, &path),
                    path,
                })
            })
            .collect();
        Some(Workflow {
            root,
            is_action,
            triggers,
            on_key: on.map(|(k, _)| k),
            jobs,
        })
    }

    /// Whether any trigger is one of `names`.
    pub fn triggered_by(&self, names: &[&str]) -> bool {
        self.triggers.iter().any(|t| names.contains(&t.as_str()))
    }

    /// The first of `names` among the workflow's triggers.
    pub fn trigger_among(&self, names: &[&str]) -> Option<&str> {
        self.triggers
            .iter()
            .map(String::as_str)
            .find(|t| names.contains(t))
    }

    /// The resource a finding names: the job, or the whole workflow.
    pub fn resource(&self, job: Option<&Job<'_>>) -> Resource {
        match job {
            Some(job) if !self.is_action => Resource {
                address: format!("jobs.{}", job.id),
                kind: "job".to_owned(),
                document: None,
            },
            Some(_) => Resource {
                address: "runs".to_owned(),
                kind: "composite action".to_owned(),
                document: None,
            },
            None => Resource {
                address: "workflow".to_owned(),
                kind: "workflow".to_owned(),
                document: None,
            },
        }
    }
}

fn steps_of<'a>(job: &'a Node, path: &str) -> Vec<Step<'a>> {
    job.get("steps")
        .map(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(index, node)| {
            let label = node
                .get("id")
                .or_else(|| node.get("name"))
                .and_then(Node::as_str)
                .map_or_else(
                    || {
                        node.get("uses")
                            .and_then(Node::as_str)
                            .map_or_else(|| format!("#{}", index + 1), str::to_owned)
                    },
                    str::to_owned,
                );
            Step {
                node,
                index,
                path: format!("{path}.steps[{index}]"),
                label,
            }
        })
        .collect()
}

/// The `${{ ... }}` expressions of a text, as (byte offset, whole expression, inner text).
pub fn expressions(text: &str) -> Vec<(usize, &str, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("${{").map(|p| p + from) {
        let Some(end) = text[start..].find("}}").map(|p| p + start + 2) else {
            break;
        };
        out.push((start, &text[start..end], text[start + 3..end - 2].trim()));
        from = end;
    }
    out
}
