//! `dockerfile/add-from-url`: `ADD` downloads a remote file without checking it.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct AddFromUrl;

static META: Meta = Meta {
    id: "dockerfile/add-from-url",
    title: "`ADD` fetches a URL without a checksum",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `ADD` instruction's source is an `http(s)://`, `ftp://` or git URL and the \
        instruction has no `--checksum`.",
    rationale: "The downloaded content is whatever the server returns at build time: a \
        compromised or spoofed server, or a changed release, puts unreviewed bytes into the \
        image with no failure and no trace.",
    remediation: "Download in a `RUN` step and verify a pinned checksum (`sha256sum -c`), or add \
        `ADD --checksum=sha256:<digest> <url> <dest>`.",
    example: "ADD https://example.com/tool.tar.gz /opt/   # reported\n# fixed:\nADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /opt/",
    cwe: &["CWE-494"],
    checkov: &["CKV_DOCKER_4"],
};

impl DockerfileCheck for AddFromUrl {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.instructions.iter().enumerate() {
            if instruction.keyword != "ADD" || instruction.flag("checksum").is_some() {
                continue;
            }
            let sources = instruction.sources();
            if let Some(url) = sources.iter().find(|w| {
                let lower = w.to_ascii_lowercase();
                ["http://", "https://", "ftp://", "git@"]
                    .iter()
                    .any(|p| lower.starts_with(p))
            }) {
                file.report_at(
                    sink,
                    &META,
                    index,
                    url,
                    format!("ADD downloads {url} without --checksum."),
                );
            }
        }
    }
}
