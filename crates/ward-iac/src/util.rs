//! Small helpers shared by checks of several formats.

/// Whether a variable name says it holds a credential (`DB_PASSWORD`, `apiKey`, `GITHUB_TOKEN`).
pub fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = lower.replace(['_', '-', '.'], "");
    if [
        "password",
        "passwd",
        "secret",
        "apikey",
        "accesskey",
        "privatekey",
        "clientsecret",
        "authtoken",
    ]
    .iter()
    .any(|k| joined.contains(k))
    {
        // `SECRET_NAME`, `PASSWORD_FILE`, `*_SECRET_ARN` name where a secret is, not the secret.
        return !words.last().is_some_and(|last| {
            [
                "file", "path", "name", "arn", "ref", "id", "env", "key_id", "dir", "length",
                "policy",
            ]
            .contains(last)
        });
    }
    words
        .last()
        .is_some_and(|&w| w == "token" || w == "pwd" || w == "pass")
}

/// Whether a value is clearly not a real credential: empty, a reference or template to be
/// filled in elsewhere, or an obvious placeholder.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim().trim_matches(['"', '\'']);
    if v.len() < 4 {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    v.starts_with('$')
        || v.contains("${")
        || v.contains("{{")
        || v.starts_with('<')
        || v.starts_with('/')
        || lower.starts_with("arn:")
        || [
            "changeme",
            "change-me",
            "change_me",
            "example",
            "placeholder",
            "xxxx",
            "dummy",
            "redacted",
            "your-",
            "your_",
            "todo",
            "secretref",
            "none",
            "null",
            "false",
            "true",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for name in [
            "DB_PASSWORD",
            "apiKey",
            "GITHUB_TOKEN",
            "client_secret",
            "AWS_SECRET_ACCESS_KEY",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "PASSWORD_FILE",
            "SECRET_NAME",
            "TOKEN_PATH",
            "PATH",
            "USER",
            "tokenizer",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn placeholders() {
        for v in [
            "",
            "${DB_PASS}",
            "changeme",
            "<password>",
            "{{ .Values.pw }}",
            "$(cat x)",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        assert!(!is_placeholder("hunter2-but-longer"));
    }
}
