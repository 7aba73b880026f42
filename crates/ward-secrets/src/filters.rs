//! False-positive filters: what looks like a secret but is a placeholder, a reference to one,
//! or data that is not a credential. Placeholder checks apply to every rule; the rest only to
//! generic rules (a `password = "..."` assignment rather than a provider's token format).

use std::path::Path;

/// Shannon entropy of `bytes`, in bits per byte.
pub fn shannon_entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let len = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / len;
            -p * p.log2()
        })
        .sum()
}

/// Words that mark a documentation value, in any rule's secret (lowercase).
const PLACEHOLDER_WORDS: &[&str] = &[
    "example",
    "placeholder",
    "xxxxx",
    "your_",
    "your-",
    "yourkey",
    "redacted",
    "<your",
    "dummy",
    "changeme",
    "change_me",
    "insert",
    "replace_me",
    "replaceme",
    "fake",
];

/// Whether a secret is a placeholder rather than a value: template syntax, one repeated
/// character, or a documentation word.
pub fn is_placeholder(secret: &[u8]) -> bool {
    let text = String::from_utf8_lossy(secret);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return true;
    }
    // Template and interpolation syntax: ${VAR}, {{ .Values.x }}, <your-token>, %(name)s, $VAR,
    // and «REGEX», the generated-value marker of Ward's own rule examples.
    if trimmed.contains('«')
        || trimmed.contains('»')
        || trimmed.contains("${")
        || trimmed.starts_with("$(")
        || trimmed.contains("{{")
        || trimmed.contains("}}")
        || trimmed.contains("%(")
        || (trimmed.starts_with('<') && trimmed.ends_with('>'))
        || (trimmed.starts_with('$')
            && trimmed[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        return true;
    }
    let lower = trimmed.to_ascii_lowercase();
    // A documentation word written as a word (`example`, `EXAMPLE`, `Example`), not letters that
    // happen to spell it in mixed case inside a random token (`zfAkE`).
    if PLACEHOLDER_WORDS.iter().any(|w| {
        let upper = w.to_ascii_uppercase();
        let mut title = upper[..1].to_owned();
        title.push_str(&w[1..]);
        trimmed.contains(w) || trimmed.contains(&upper) || trimmed.contains(&title)
    }) {
        return true;
    }
    // One character (or two alternating) making up most of the value: xxxx, 0000, ****, abab.
    let mut counts = std::collections::HashMap::new();
    for c in lower.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
    }
    let max = counts.values().copied().max().unwrap_or(0);
    let len = lower.chars().count();
    len >= 6 && max * 10 >= len * 6
}

/// Words that, in a generic rule's secret, mark a test or documentation value (lowercase).
const GENERIC_STOPWORDS: &[&str] = &[
    "test",
    "sample",
    "password",
    "passwd",
    "secret",
    "todo",
    "none",
    "null",
    "undefined",
    "true",
    "false",
    "12345",
    "qwerty",
    "abcdef",
    "letmein",
    "admin",
    "default",
    "mock",
    "foobar",
    "hunter2",
    "notreal",
    "invalid",
    "bogus",
    "demo",
];

/// Signs that a generic value is a reference to a secret held elsewhere.
const REFERENCE_MARKERS: &[&str] = &[
    "os.environ",
    "os.getenv",
    "getenv(",
    "process.env",
    "system.getenv",
    "env[",
    "env(",
    "secrets.",
    "vault:",
    "ssm:",
    "arn:aws:",
    "keyvault",
    "config.get",
    "settings.",
    "$(",
    "()",
    "=>",
    "function",
    "import ",
];

/// Whether a generic rule's candidate is not a credential: a stop-word, a reference, a hash,
/// a UUID, a path or URL without credentials, an identifier, or a minified line.
pub fn generic_false_positive(secret: &[u8], line: &[u8], path: &str) -> bool {
    let text = String::from_utf8_lossy(secret);
    let lower = text.to_ascii_lowercase();
    if GENERIC_STOPWORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    let line_lower = String::from_utf8_lossy(line).to_ascii_lowercase();
    if REFERENCE_MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    // Minified bundles and generated one-line data: generic rules are noise there.
    let lower_path = path.to_ascii_lowercase();
    if line.len() > 1000
        || Path::new(&lower_path)
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains(".min."))
        || Path::new(&lower_path)
            .extension()
            .is_some_and(|e| e == "map")
    {
        return true;
    }
    // Lockfile integrity hashes and data URIs.
    if lower.starts_with("sha512-")
        || lower.starts_with("sha256-")
        || lower.starts_with("sha1-")
        || line_lower.contains("\"integrity\"")
        || line_lower.contains("data:image/")
        || line_lower.contains(";base64,")
    {
        return true;
    }
    // UUIDs are identifiers; a hex digest is a hash when the line says so (a 40-hex API key or a
    // 128-hex `secret_key_base` is not).
    let names_a_hash = [
        "hash",
        "sha",
        "checksum",
        "digest",
        "integrity",
        "md5",
        "etag",
        "commit",
    ]
    .iter()
    .any(|w| line_lower.contains(w));
    if is_uuid(&lower) || (names_a_hash && is_hex_hash(&lower)) {
        return true;
    }
    // Paths and plain URLs are not passwords.
    if lower.starts_with('/')
        || lower.starts_with("./")
        || lower.starts_with("../")
        || lower.starts_with("http://")
        || lower.starts_with("https://")
    {
        return true;
    }
    // A bare identifier (a variable name, `my_password_field`): letters, `_`, `.` only.
    if text
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '_' || c == '.' || c == '-')
        && (text.contains('_')
            || text.contains('.')
            || text.chars().all(|c| c.is_ascii_lowercase()))
    {
        return true;
    }
    false
}

fn is_uuid(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 5
        && [8, 4, 4, 4, 12]
            .iter()
            .zip(&parts)
            .all(|(&n, p)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn is_hex_hash(text: &str) -> bool {
    matches!(text.len(), 32 | 40 | 56 | 64 | 96 | 128)
        && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_uniform_and_random_values() {
        assert!(shannon_entropy(b"aaaaaaaa") < 0.01);
        assert!((shannon_entropy(b"abcd") - 2.0).abs() < 1e-9);
        assert!(shannon_entropy(b"q8Zt2LmX9vBn4RkP7sWc") > 4.0);
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            "${GITHUB_TOKEN}",
            "{{ .Values.token }}",
            "<your-token>",
            "xxxxxxxxxxxxxxxx",
            "AKIAIOSFODNN7EXAMPLE",
            "%(password)s",
            "$API_KEY",
            "0000000000000000",
            "your_api_key_here",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p}");
        }
        for s in ["q8Zt2LmX9vBn4RkP7sWc", "ghp_Zq3L9x"] {
            assert!(!is_placeholder(s.as_bytes()), "{s}");
        }
        // Letters that spell a documentation word in mixed case inside a random token are not
        // the word: "zfAkE" is not "fake".
        let random: String = "q8Zt2LmX9vBn4RkP7sWc".chars().rev().collect();
        let token = format!("{}zfAkE{random}", &random[..6]);
        assert!(!is_placeholder(token.as_bytes()), "{token}");
    }

    #[test]
    fn generic_false_positives() {
        let fp = |s: &str| generic_false_positive(s.as_bytes(), s.as_bytes(), "app.py");
        for s in [
            "changeme_test",
            "os.environ['X']",
            "550e8400-e29b-41d4-a716-446655440000",
            "sha512-abc",
            "/etc/secret/file",
            "user_password",
        ] {
            assert!(fp(s), "{s}");
        }
        assert!(!fp("q8Zt2LmX9vBn4RkP7sWc"));
        // A hex digest is a hash where the line says so, and may be a key where it does not.
        let hex = "d41d8cd98f00b204e9800998ecf8427e";
        assert!(generic_false_positive(
            hex.as_bytes(),
            format!("md5sum = \"{hex}\"").as_bytes(),
            "a.py"
        ));
        assert!(!generic_false_positive(
            hex.as_bytes(),
            format!("api_key = \"{hex}\"").as_bytes(),
            "a.py"
        ));
        assert!(generic_false_positive(
            b"q8Zt2LmX9vBn4RkP7sWc",
            b"x",
            "dist/app.min.js"
        ));
    }
}
