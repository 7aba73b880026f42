//! `dockerfile/pip-extra-index-url`: pip searches an extra package index.

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
        let mut hits: Vec<(usize, &str, &str)> = file
            .instructions
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                let text = i.shell_text();
                i.keyword == "RUN" && text.contains("pip") && text.contains("--extra-index-url")
            })
            .map(|(index, _)| (index, "RUN", "--extra-index-url"))
            .collect();
        hits.extend(
            file.variables()
                .into_iter()
                .filter(|(_, _, name, _)| name.eq_ignore_ascii_case("PIP_EXTRA_INDEX_URL"))
                .map(|(index, keyword, _, _)| (index, keyword, "PIP_EXTRA_INDEX_URL")),
        );
        hits.sort_unstable();
        hits.dedup_by_key(|(index, _, _)| *index);
        for (index, keyword, needle) in hits {
            file.report_at(
                sink,
                &META,
                index,
                needle,
                format!("{keyword} lets pip pick packages from an extra index as well as PyPI."),
            );
        }
    }
}
