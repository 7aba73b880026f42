//! Version orderings, one module per ecosystem. Each `compare` parses both versions with its
//! ecosystem's rules and returns their order, or an error naming the version it cannot read.

pub mod alpine;
pub mod composer;
pub mod debian;
pub mod go;
pub mod maven;
pub mod nuget;
pub mod pypi;
pub mod rpm;
pub mod rubygems;
pub mod semver;

/// A version that does not parse in its ecosystem's syntax.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{version}` is not a valid {kind} version{}", reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default())]
pub struct VersionError {
    pub version: String,
    pub kind: &'static str,
    pub reason: Option<String>,
}

impl VersionError {
    pub(crate) fn new(version: &str, kind: &'static str, reason: Option<String>) -> Self {
        VersionError {
            version: version.to_owned(),
            kind,
            reason,
        }
    }
}

/// Splits text into runs of ASCII digits and runs of other characters, dropping the
/// separators given.
pub(crate) fn tokens<'a>(text: &'a str, separators: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut digit = false;
    for (i, c) in text.char_indices() {
        if separators.contains(&c) {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
            continue;
        }
        let is_digit = c.is_ascii_digit();
        match start {
            Some(s) if is_digit != digit => {
                out.push(&text[s..i]);
                start = Some(i);
            }
            None => start = Some(i),
            _ => {}
        }
        digit = is_digit;
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Compares two runs of digits as numbers of any length.
pub(crate) fn cmp_digits(a: &str, b: &str) -> std::cmp::Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}
