//! The secrets engine with rules written here: gitleaks-syntax loading, filters, allowlists,
//! decoding, redaction, and bad input.

use std::fs;

use ward_core::{Engine, FileInput, FileOutput, Finding};
use ward_secrets::{RuleSet, SecretsEngine, detect};

/// A provider-style rule and a generic one, in gitleaks syntax.
const RULES: &str = r#"
title = "test rules"

[[rules]]
id = "demo-token"
description = "Demo service token"
regex = '''\b(dmo_[A-Za-z0-9]{24})\b'''
secretGroup = 1
entropy = 3.0
keywords = ["dmo_"]
severity = "critical"

[[rules]]
id = "demo-generic-password"
description = "Password assigned in code"
regex = '''(?i)password\s*[:=]\s*["']([^"'\s]{8,64})["']'''
keywords = ["password"]
generic = true

[[rules.allowlists]]
regexTarget = "line"
regexes = ['''allow-this-line''']
"#;

/// A token-shaped value built at run time, so no secret-looking literal sits in the source.
fn token(seed: u8) -> String {
    let alphabet = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let body: String = (0..24u8)
        .map(|i| {
            alphabet[usize::from(i.wrapping_mul(7).wrapping_add(seed.wrapping_mul(13)))
                % alphabet.len()] as char
        })
        .collect();
    format!("dmo_{body}")
}

fn rules() -> RuleSet {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.toml");
    fs::write(&path, RULES).unwrap();
    RuleSet::from_file(&path).unwrap()
}

fn scan(engine: &SecretsEngine, path: &str, text: &[u8]) -> Vec<Finding> {
    let input = FileInput {
        path,
        fs_path: std::path::Path::new(path),
        bytes: text,
        text: std::str::from_utf8(text).ok(),
    };
    let mut out = FileOutput::default();
    engine.scan_file(&input, &mut out);
    let (findings, errors) = out.take();
    assert!(errors.is_empty(), "{errors:?}");
    findings.into_iter().map(|(f, _)| f).collect()
}

#[test]
fn finds_a_token_and_never_keeps_it_in_full() {
    let engine = SecretsEngine::with_rules(rules());
    let secret = token(1);
    let text = format!("import os\nDEMO = \"{secret}\"\n");
    let findings = scan(&engine, "app.py", text.as_bytes());
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.rule_id, "secrets/demo-token");
    assert_eq!(f.severity, ward_core::Severity::Critical);
    assert_eq!(
        (f.location.span.start_line, f.location.span.start_column),
        (2, 9)
    );
    let serialized = serde_json_like(f);
    assert!(
        !serialized.contains(&secret),
        "the full secret leaked: {serialized}"
    );
    let detail = f.detail.secret.as_ref().unwrap();
    assert_eq!(detail.redacted.len(), secret.len());
    assert!(detail.redacted.starts_with("dmo_") && detail.redacted.ends_with("****"));
    assert_eq!(detail.hash.len(), 64);
    assert_eq!(
        f.location.snippet.as_deref(),
        Some(format!("DEMO = \"{}\"", detail.redacted).as_str())
    );
}

fn serde_json_like(f: &Finding) -> String {
    format!("{f:?}")
}

#[test]
fn placeholders_and_low_entropy_values_are_not_reported() {
    let engine = SecretsEngine::with_rules(rules());
    for line in [
        "DEMO = \"dmo_xxxxxxxxxxxxxxxxxxxxxxxx\"",
        "DEMO = \"dmo_aaaaaaaaaaaabbbbbbbbbbbb\"",
        "DEMO = \"dmo_EXAMPLEEXAMPLEEXAMPLE123\"",
        "password = \"${DB_PASSWORD}\"",
        "password = \"{{ .Values.password }}\"",
        "password = \"<your-password>\"",
        "password: 'changeme123'",
        "password = \"os.environ['PW']\"",
        "password = \"550e8400-e29b-41d4-a716-446655440000\"",
    ] {
        assert!(
            scan(&engine, "app.py", line.as_bytes()).is_empty(),
            "{line}"
        );
    }
    let real = "password = \"Zq3L9xQw8ErT\"";
    assert_eq!(scan(&engine, "app.py", real.as_bytes()).len(), 1);
    // The same line in a minified bundle is noise for a generic rule.
    assert!(scan(&engine, "dist/app.min.js", real.as_bytes()).is_empty());
}

#[test]
fn allowlists_from_the_rule_file_apply() {
    let engine = SecretsEngine::with_rules(rules());
    let line = "password = \"Zq3L9xQw8ErT\" # allow-this-line";
    assert!(scan(&engine, "app.py", line.as_bytes()).is_empty());
}

#[test]
fn encoded_secrets_are_decoded_and_found() {
    use base64::Engine as _;
    let engine = SecretsEngine::with_rules(rules());
    let secret = token(2);
    let inner = format!("{{\"token\": \"{secret}\"}}");
    let once = base64::engine::general_purpose::STANDARD.encode(&inner);
    let twice = base64::engine::general_purpose::STANDARD.encode(&once);
    let hex: String = inner.bytes().fold(String::new(), |mut out, b| {
        use std::fmt::Write;
        let _ = write!(out, "{b:02x}");
        out
    });
    let percent = format!(
        "https://api.example.invalid/cb?t={}",
        secret.replace('_', "%5F")
    );
    for (name, text) in [
        ("base64", &once),
        ("base64 twice", &twice),
        ("hex", &hex),
        ("percent", &percent),
    ] {
        let findings = scan(&engine, "data.txt", format!("value: {text}\n").as_bytes());
        assert_eq!(findings.len(), 1, "{name}: {findings:?}");
        assert!(
            findings[0].message.contains("encoded"),
            "{name}: {}",
            findings[0].message
        );
        // The location is the encoded text in the file.
        assert_eq!(findings[0].location.span.start_column, 8, "{name}");
    }
}

#[test]
fn the_same_secret_has_the_same_hash_in_two_files() {
    let engine = SecretsEngine::with_rules(rules());
    let secret = token(3);
    let a = scan(&engine, "a.py", format!("T = '{secret}'").as_bytes());
    let b = scan(&engine, "b/c.env", format!("T={secret}\n").as_bytes());
    assert_eq!(
        a[0].detail.secret.as_ref().unwrap().hash,
        b[0].detail.secret.as_ref().unwrap().hash
    );
}

#[test]
fn invalid_utf8_and_huge_lines_are_scanned_as_bytes() {
    let engine = SecretsEngine::with_rules(rules());
    let secret = token(4);
    let mut bytes = b"caf\xe9 ".to_vec();
    bytes.extend_from_slice(secret.as_bytes());
    assert_eq!(scan(&engine, "latin1.txt", &bytes).len(), 1);
    let huge = format!("{}{secret};{}", "x;".repeat(2_000_000), "y;".repeat(1000));
    let findings = scan(&engine, "bundle.js", huge.as_bytes());
    assert_eq!(findings.len(), 1);
    assert!(findings[0].location.snippet.as_ref().unwrap().len() < 400);
}

#[test]
fn gitleaks_configs_extend_and_disable_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".gitleaks.toml");
    fs::write(
        &path,
        r#"
[extend]
useDefault = true
disabledRules = ["demo-nothing"]

[[rules]]
id = "internal-service-key"
description = "Internal service key"
regex = '''isk-[0-9a-f]{32}'''
keywords = ["isk-"]

[allowlist]
description = "global"
paths = ['''(^|/)testdata/''']
"#,
    )
    .unwrap();
    let set = RuleSet::from_file(&path).unwrap();
    let builtin = RuleSet::builtin().unwrap();
    assert_eq!(set.rules.len(), builtin.rules.len() + 1);
    let text = format!("k = isk-{}", "0123456789abcdef".repeat(2));
    assert_eq!(detect(&set, "src/a.go", text.as_bytes(), None).len(), 1);
    assert!(detect(&set, "pkg/testdata/a.go", text.as_bytes(), None).is_empty());
}

#[test]
fn a_user_file_without_extend_replaces_the_defaults() {
    assert_eq!(rules().rules.len(), 2);
}

#[test]
fn invalid_rules_are_errors_naming_file_line_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secrets.toml");
    fs::write(
        &path,
        "[[rules]]\nid = \"ok\"\nregex = 'a+'\nkeywords = [\"a\"]\n\n[[rules]]\nid = \"broken\"\nregex = '(unclosed'\n",
    )
    .unwrap();
    let err = RuleSet::from_file(&path).unwrap_err().to_string();
    let file = path.display().to_string();
    assert!(
        err.starts_with(&format!("{file}:7: rule `broken`: invalid rule regex")),
        "{err}"
    );

    fs::write(
        &path,
        "[[rules]]\nid = \"x\"\nregex = 'a'\nsecretGroup = 3\n",
    )
    .unwrap();
    let err = RuleSet::from_file(&path).unwrap_err().to_string();
    assert!(err.contains("secretGroup 3 does not exist"), "{err}");

    fs::write(&path, "[[rules]\nid = 1\n").unwrap();
    let err = RuleSet::from_file(&path).unwrap_err();
    assert_eq!(err.line, Some(1), "{err}");
}

#[test]
fn a_backtracking_bomb_stays_linear() {
    // (a+)+$ is catastrophic for backtracking engines; Rust's regex is linear in the input.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.toml");
    fs::write(
        &path,
        "[[rules]]\nid = \"bomb\"\nregex = '''(a+)+$'''\nkeywords = [\"a\"]\n",
    )
    .unwrap();
    let set = RuleSet::from_file(&path).unwrap();
    let input = format!("{}!", "a".repeat(100_000));
    // Completes (the test would hang otherwise); the trailing `!` means no match at the end.
    let hits = detect(&set, "x.txt", input.as_bytes(), None);
    assert!(hits.len() <= 1);
}

#[test]
fn a_secret_found_as_written_is_not_reported_again_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sas.toml");
    fs::write(
        &path,
        "[[rules]]\nid = \"demo-sas\"\nregex = '''sig=([A-Za-z0-9%+/=]{24,})'''\nkeywords = [\"sig=\"]\n",
    )
    .unwrap();
    let set = RuleSet::from_file(&path).unwrap();
    // A URL with a percent-encoded signature: the raw text matches, and so would its decoding.
    let signature: String = token(5).chars().skip(4).collect();
    let url = format!(
        "https://acct.blob.core.windows.invalid/c?sv=2024-01-01&sig={}%2B{}%3D",
        &signature[..12],
        &signature[12..]
    );
    let hits = detect(&set, "app.config", url.as_bytes(), None);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].encodings.is_empty());
}

/// A PEM key made here: a real header and a pseudo-random body (not a key, but shaped as one).
fn fake_pem(kind: &str, seed: u64) -> String {
    use base64::Engine as _;
    let mut state = seed;
    let body: Vec<u8> = (0..1190)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as u8
        })
        .collect();
    let encoded = base64::engine::general_purpose::STANDARD.encode(&body);
    let lines: Vec<&str> = encoded
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {kind} PRIVATE KEY-----\n{}\n-----END {kind} PRIVATE KEY-----\n",
        lines.join("\n")
    )
}

/// `text` base64-encoded and wrapped at `width` columns, each line after `indent`.
fn wrapped_base64(text: &str, width: usize, indent: &str, eol: &str) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = String::new();
    for chunk in encoded.as_bytes().chunks(width) {
        out.push_str(indent);
        out.push_str(std::str::from_utf8(chunk).unwrap());
        out.push_str(eol);
    }
    out
}

#[test]
fn line_wrapped_base64_private_keys_are_decoded_whole() {
    let engine = SecretsEngine::builtin().unwrap();
    let pem = fake_pem("RSA", 7);
    // MIME (76 columns, CRLF), `base64` (76), PEM-style 64 columns in an indented YAML block.
    let mime = format!(
        "Content-Type: application/x-pem-file\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        wrapped_base64(&pem, 76, "", "\r\n")
    );
    let shell = wrapped_base64(&pem, 76, "", "\n");
    let yaml = format!(
        "apiVersion: v1\nkind: ConfigMap\ndata:\n  key.b64: |\n{}  other: 1\n",
        wrapped_base64(&pem, 64, "    ", "\n")
    );
    for (name, text, line) in [("mime", &mime, 4), ("shell", &shell, 1), ("yaml", &yaml, 5)] {
        let findings = scan(&engine, "mail.eml", text.as_bytes());
        let keys: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.rule_id == "secrets/private-key-rsa")
            .collect();
        assert_eq!(keys.len(), 1, "{name}: {findings:?}");
        assert!(keys[0].message.contains("base64-encoded"), "{name}");
        assert_eq!(keys[0].location.span.start_line, line, "{name}");
        // The same key as written in a PEM file: the same secret.
        let plain = scan(&engine, "key.pem", pem.as_bytes());
        assert_eq!(
            plain[0].detail.secret.as_ref().unwrap().hash,
            keys[0].detail.secret.as_ref().unwrap().hash,
            "{name}"
        );
    }
    // Lines of different widths are not one value: each line alone decodes to no key.
    let ragged: String = wrapped_base64(&pem, 76, "", "\n")
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 3 {
                format!("{l}  # note\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert!(
        scan(&engine, "notes.txt", ragged.as_bytes())
            .iter()
            .all(|f| f.rule_id != "secrets/private-key-rsa")
    );
}
