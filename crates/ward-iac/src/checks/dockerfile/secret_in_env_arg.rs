//! `dockerfile/secret-in-env-arg`: a credential is baked into the image by `ENV` or `ARG`.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};
use crate::util::{is_placeholder, is_secret_name};

#[derive(Debug)]
pub struct SecretInEnvArg;

static META: Meta = Meta {
    id: "dockerfile/secret-in-env-arg",
    title: "Credential in `ENV` or `ARG`",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "An `ENV` whose name says it holds a credential (`*_PASSWORD`, `*_TOKEN`, \
        `API_KEY`, ...) is given a literal value, or an `ARG` with such a name is declared (its \
        value, default or passed with `--build-arg`, is recorded in the image). The value is \
        never shown.",
    rationale: "`ENV` values are stored in the image configuration and `ARG` values in its build \
        history: anyone who can pull the image reads them with `docker inspect` or `docker \
        history`, long after the Dockerfile was fixed.",
    remediation: "Pass build-time secrets with `RUN --mount=type=secret,id=...` and provide \
        run-time ones from the orchestrator's secret store; rotate any credential that was built \
        into an image.",
    example: "ENV DB_PASSWORD=s3cr3t-value      # reported\nARG NPM_TOKEN                     # reported\n# fixed:\nRUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci",
    cwe: &["CWE-798"],
    checkov: &[],
};

/// `KEY=value` pairs of an `ENV`/`ARG` (and the legacy `ENV KEY value` form).
pub fn pairs(args: &str, keyword: &str) -> Vec<(String, Option<String>)> {
    if keyword == "ENV"
        && !args
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .contains('=')
    {
        return match args.split_once(char::is_whitespace) {
            Some((k, v)) => vec![(k.to_owned(), Some(v.trim().to_owned()))],
            None => vec![(args.to_owned(), None)],
        };
    }
    let mut out = Vec::new();
    let mut rest = args.trim();
    while !rest.is_empty() {
        let end_of_key = rest.find(['=', ' ', '\t']).unwrap_or(rest.len());
        let key = rest[..end_of_key].to_owned();
        rest = &rest[end_of_key..];
        if let Some(after) = rest.strip_prefix('=') {
            let (value, tail) =
                if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                    let inner = &after[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (inner[..end].to_owned(), inner.get(end + 1..).unwrap_or(""))
                } else {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (after[..end].to_owned(), &after[end..])
                };
            out.push((key, Some(value)));
            rest = tail.trim_start();
        } else {
            out.push((key, None));
            rest = rest.trim_start();
        }
    }
    out
}

impl DockerfileCheck for SecretInEnvArg {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.instructions.iter().enumerate() {
            let keyword = instruction.keyword.as_str();
            if keyword != "ENV" && keyword != "ARG" {
                continue;
            }
            for (name, value) in pairs(&instruction.args, keyword) {
                if !is_secret_name(&name) {
                    continue;
                }
                match (keyword, value) {
                    ("ENV", Some(value)) if !is_placeholder(&value) => file.report_at(
                        sink,
                        &META,
                        index,
                        &name,
                        format!("ENV sets {name} to a literal value, stored in the image."),
                    ),
                    ("ARG", _) => {
                        file.report_at(
                            sink,
                            &META,
                            index,
                            &name,
                            format!("ARG {name} is a credential: build arguments are recorded in the image history."),
                        );
                    }
                    _ => {}
                }
            }
        }
    }
}
