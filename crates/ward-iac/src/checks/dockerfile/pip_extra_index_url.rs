//! `dockerfile/pip-extra-index-url`: pip searches an extra package index.

use super::secret_in_env_arg::pairs;
use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct PipExtraIndexUrl;

static META: Meta = Meta {
    id: "dockerfile/pip-extra-index-url",
    title: "pip searches an extra package index",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "A `RUN` calls `pip install` with `--extra-index-url`, or an `ENV`/`ARG` sets \
        `PIP_EXTRA_INDEX_URL`.",
    rationale: "pip merges the extra index with PyPI and installs the highest version it finds \
        on either: anyone who publishes a package with the same name as an internal one \
        on PyPI, with a higher version, gets their code installed (dependency \
        confusion).",
    remediation: "Use a single `--index-url` that proxies PyPI and serves internal packages with \
        precedence, or pin hashes with `--require-hashes`.",
    example: "RUN pip install --extra-index-url https://pypi.internal.example/simple app-core   # reported",
    cwe: &["CWE-427"],
    checkov: &[],
};

impl DockerfileCheck for PipExtraIndexUrl {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.instructions.iter().enumerate() {
            let keyword = instruction.keyword.as_str();
            let hit = match keyword {
                "RUN" => {
                    let text = instruction.shell_text();
                    text.contains("pip") && text.contains("--extra-index-url")
                }
                "ENV" | "ARG" => pairs(&instruction.args, keyword)
                    .iter()
                    .any(|(name, _)| name.eq_ignore_ascii_case("PIP_EXTRA_INDEX_URL")),
                _ => false,
            };
            if hit {
                let needle = if keyword == "RUN" {
                    "--extra-index-url"
                } else {
                    "PIP_EXTRA_INDEX_URL"
                };
                file.report_at(
                    sink,
                    &META,
                    index,
                    needle,
                    format!(
                        "{keyword} lets pip pick packages from an extra index as well as PyPI."
                    ),
                );
            }
        }
    }
}
