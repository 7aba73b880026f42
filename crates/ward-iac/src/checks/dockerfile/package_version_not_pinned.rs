//! `dockerfile/package-version-not-pinned`: OS packages installed at whatever version is current.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct PackageVersionNotPinned;

static META: Meta = Meta {
    id: "dockerfile/package-version-not-pinned",
    title: "OS package installed without a version",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `apt-get install`, `apt install` or `apk add` names a package without a \
        version (`pkg=1.2-3` for apt and apk).",
    rationale: "Unpinned packages make builds unrepeatable: the same Dockerfile yields different \
        software from one day to the next, and a bad or malicious update enters silently.",
    remediation: "Pin versions (`curl=8.5.0-2ubuntu10.6`, `curl=8.11.1-r0`) and update them \
        deliberately, or build from a pinned base image digest that already holds them.",
    example: "RUN apk add --no-cache curl           # reported\n# fixed:\nRUN apk add --no-cache curl=8.11.1-r0",
    cwe: &["CWE-1357"],
    checkov: &[],
};

/// Unpinned package names in one shell command (`apt-get install -y a b=1`).
fn unpinned(command: &str) -> Vec<String> {
    let words: Vec<&str> = command.split_whitespace().collect();
    let Some(pos) = words.windows(2).position(|w| {
        matches!(
            (w[0], w[1]),
            ("apt-get" | "apt", "install") | ("apk", "add")
        )
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut skip_next = false;
    for word in &words[pos + 2..] {
        if skip_next {
            skip_next = false;
            continue;
        }
        if word.starts_with('-') {
            // Options that take a value as the next word.
            skip_next = matches!(
                *word,
                "-t" | "--target-release" | "-o" | "--virtual" | "-X" | "--repository"
            );
            continue;
        }
        if word.contains('=')
            || word.contains('$')
            || std::path::Path::new(word)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("deb"))
            || word.contains('/')
        {
            continue;
        }
        out.push((*word).to_owned());
    }
    out
}

impl DockerfileCheck for PackageVersionNotPinned {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.with_keyword("RUN") {
            let text = instruction.shell_text();
            let names: Vec<String> = text
                .split(['&', ';', '|', '\n'])
                .flat_map(unpinned)
                .collect();
            if !names.is_empty() {
                file.report(
                    sink,
                    &META,
                    index,
                    format!("RUN installs {} without a version.", names.join(", ")),
                );
            }
        }
    }
}
