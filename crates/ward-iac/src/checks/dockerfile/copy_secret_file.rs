//! `dockerfile/copy-secret-file`: secret file copied into the image.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct CopySecretFile;

static META: Meta = Meta {
    id: "dockerfile/copy-secret-file",
    title: "Secret file copied into the image",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "A `COPY` or `ADD` names a file that holds credentials: `.env` files, SSH private \
        keys (`id_rsa`, `id_ed25519`, `id_ecdsa`), `*.pem`, `*.key`, `*.p12`/`*.pfx`, \
        `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, `.aws/credentials`, \
        `.docker/config.json` or `kubeconfig`. Templates (`.env.example`, `.sample`, \
        `.template`) are not reported.",
    rationale: "Every layer of an image can be extracted by anyone who can pull it: a file \
        copied in stays there, even if a later instruction deletes it.",
    remediation: "Use BuildKit secrets (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
        ...`) for build-time credentials and inject run-time ones from the orchestrator; \
        list secret files in `.dockerignore`.",
    example: "COPY .env /app/.env   # reported\n# fixed (build-time):\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
    cwe: &["CWE-538"],
    checkov: &[],
};

/// Whether a copied path names a file that holds credentials.
fn is_secret_file(path: &str) -> bool {
    let path = path.trim_matches(['"', '\'']).to_ascii_lowercase();
    let name = path.rsplit('/').next().unwrap_or(&path);
    if [".example", ".sample", ".template", ".dist", ".pub"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        return false;
    }
    name == ".env"
        || name.starts_with(".env.")
        || [
            "id_rsa",
            "id_dsa",
            "id_ecdsa",
            "id_ed25519",
            ".npmrc",
            ".pypirc",
            ".netrc",
            ".git-credentials",
            "kubeconfig",
        ]
        .contains(&name)
        || [".pem", ".key", ".p12", ".pfx"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || path.ends_with(".aws/credentials")
        || path.ends_with(".docker/config.json")
}

impl DockerfileCheck for CopySecretFile {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.instructions.iter().enumerate() {
            if instruction.keyword != "COPY" && instruction.keyword != "ADD" {
                continue;
            }
            let sources = instruction.sources();
            if let Some(source) = sources.iter().find(|s| is_secret_file(s)) {
                file.report_at(
                    sink,
                    &META,
                    index,
                    source,
                    format!(
                        "{} copies the secret file {source} into the image.",
                        instruction.keyword
                    ),
                );
            }
        }
    }
}
