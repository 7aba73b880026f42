//! The path data took from a source to a sink, as a taint-tracking engine reports it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How untrusted data reached the place of a finding: the source, each step it was carried
/// through (an assignment, a string built from it, a call), and the sink.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Dataflow {
    /// The steps in order: the first is the source, the last the sink.
    pub steps: Vec<DataflowStep>,
}

/// One step of a [`Dataflow`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DataflowStep {
    /// What happens here: `source`, `assignment`, `call`, `return`, `sink`.
    pub kind: String,
    /// 1-based line in the finding's file.
    pub line: u32,
    /// The code of the step (one line, trimmed).
    pub code: String,
}

impl Dataflow {
    /// `line 3 -> line 5 -> line 9`, for messages (a line appears once per visit).
    pub fn summary(&self) -> String {
        let mut lines: Vec<u32> = self.steps.iter().map(|s| s.line).collect();
        lines.dedup();
        lines
            .iter()
            .map(|line| format!("line {line}"))
            .collect::<Vec<_>>()
            .join(" -> ")
    }
}
