//! The JSON format: the [`ScanReport`] as serde writes it, and the JSON Schema that describes it.

use std::io::{self, Write};

use ward_core::ScanReport;

pub(crate) fn render(report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

/// The JSON Schema of the JSON report (`--format json`), generated from the report's types.
///
/// A copy is committed as `schemas/ward-report.v1.schema.json`; a test keeps the two equal.
pub fn json_schema() -> serde_json::Value {
    schemars::schema_for!(ScanReport).to_value()
}
