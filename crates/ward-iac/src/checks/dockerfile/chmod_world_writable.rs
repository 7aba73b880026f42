//! `dockerfile/chmod-world-writable`: a build step makes files writable by everyone.

use std::sync::LazyLock;

use regex::Regex;
use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct ChmodWorldWritable;

static META: Meta = Meta {
    id: "dockerfile/chmod-world-writable",
    title: "Files made world-writable",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `RUN` calls `chmod` with a mode that lets every user write (`777`, `666`, \
        `o+w`, `a+w`), or a `COPY`/`ADD` uses `--chmod` with such a mode.",
    rationale: "Any process in the container, whatever its user, can then replace those files: \
        a compromised low-privilege process rewrites the application or a script root runs later.",
    remediation: "Give ownership to the user that needs it (`chown app`, `COPY --chown=app`) and \
        use 755/644 or stricter.",
    example: "RUN chmod -R 777 /app       # reported\n# fixed:\nRUN chown -R app:app /app && chmod -R 755 /app",
    cwe: &["CWE-732"],
    checkov: &[],
};

static WORLD_WRITABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bchmod\s+(?:-[a-zA-Z]+\s+)*(?:[0-7]?[0-7][0-7][2367]\b|[ugo]*[ao][ugo]*\+[rx]*w)")
        .expect("valid regex")
});

fn world_writable_mode(mode: &str) -> bool {
    let digits = mode.trim_start_matches('0');
    digits.len() >= 3
        && digits
            .chars()
            .last()
            .is_some_and(|c| matches!(c, '2' | '3' | '6' | '7'))
        || mode.contains("o+w")
        || mode.contains("a+w")
}

impl DockerfileCheck for ChmodWorldWritable {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.instructions.iter().enumerate() {
            let bad = match instruction.keyword.as_str() {
                "RUN" => WORLD_WRITABLE.is_match(&instruction.shell_text()),
                "COPY" | "ADD" => instruction.flag("chmod").is_some_and(world_writable_mode),
                _ => false,
            };
            if bad {
                file.report(
                    sink,
                    &META,
                    index,
                    format!(
                        "{} makes files writable by every user.",
                        instruction.keyword
                    ),
                );
            }
        }
    }
}
