//! The rule file format: gitleaks' configuration syntax, plus optional Ward keys.
//!
//! A gitleaks configuration loads unchanged: `title`, `[extend]` (`useDefault`, `path`,
//! `disabledRules`), `[[rules]]` (`id`, `description`, `regex`, `secretGroup`, `entropy`,
//! `keywords`, `path`, `tags`, and allowlists in both the older `[rules.allowlist]` table form
//! and the newer `[[rules.allowlists]]` array form), and global allowlists (`[allowlist]` or
//! `[[allowlists]]` with `targetRules`). Keys gitleaks does not know are ignored by gitleaks, so
//! Ward's extensions live beside them in the same rule: `severity`, `confidence`, `title`,
//! `remediation`, `references`, `cwe`, `generic`, `validate`, and the labelled `examples` /
//! `counterexamples` that the built-in rules carry for their tests.

use serde::Deserialize;

/// One rule file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleFile {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub extend: Option<Extend>,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    /// Older single global allowlist.
    #[serde(default)]
    pub allowlist: Option<AllowlistSpec>,
    /// Newer list of global allowlists.
    #[serde(default)]
    pub allowlists: Vec<AllowlistSpec>,
}

/// `[extend]`: build on the built-in rules or on another file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Extend {
    #[serde(default)]
    pub use_default: bool,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub disabled_rules: Vec<String>,
}

/// One `[[rules]]` entry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleSpec {
    pub id: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub regex: Option<String>,
    #[serde(default)]
    pub secret_group: Option<usize>,
    #[serde(default)]
    pub entropy: Option<f64>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Regex on the file path: alone, the file itself is the finding; with `regex`, the rule
    /// only applies to matching paths.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub allowlist: Option<AllowlistSpec>,
    #[serde(default)]
    pub allowlists: Vec<AllowlistSpec>,

    // Ward's extensions (gitleaks ignores them).
    /// `critical`, `high`, `medium`, `low` or `info` (default: high).
    #[serde(default)]
    pub severity: Option<String>,
    /// `high`, `medium` or `low` (default: medium).
    #[serde(default)]
    pub confidence: Option<String>,
    /// Short title (default: the description).
    #[serde(default)]
    pub title: Option<String>,
    /// How to fix: where to revoke and rotate this kind of credential.
    #[serde(default)]
    pub remediation: Option<String>,
    #[serde(default)]
    pub references: Vec<String>,
    /// CWE id (default: CWE-798, use of hard-coded credentials).
    #[serde(default)]
    pub cwe: Option<String>,
    /// A generic rule (a `password = "..."` assignment rather than a provider's token format):
    /// the placeholder, test-value and hash filters apply and confidence is low.
    #[serde(default)]
    pub generic: bool,
    /// A built-in validator that raises confidence when the secret's own checksum holds
    /// (`github-crc32`).
    #[serde(default)]
    pub validate: Option<String>,
    /// For a rule without `regex`: the file formats (`pkcs12`, `jks`) its content must have,
    /// recognised by their first bytes. Such a rule also sees binary files (key stores are).
    #[serde(default)]
    pub magic: Vec<String>,
    /// Lines the rule must report. `«REGEX»` is replaced, at test time, by a string generated
    /// from REGEX, so no real-looking secret is stored in the repository.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Lines the rule must not report (placeholders, test values, look-alikes).
    #[serde(default)]
    pub counterexamples: Vec<String>,
}

/// An allowlist: what matches it is not reported.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllowlistSpec {
    #[serde(default)]
    pub description: Option<String>,
    /// `OR` (default: any check allows) or `AND` (every check given must allow).
    #[serde(default)]
    pub condition: Option<String>,
    /// Commit SHAs whose findings are allowed (history scans).
    #[serde(default)]
    pub commits: Vec<String>,
    /// Regexes on the file path.
    #[serde(default)]
    pub paths: Vec<String>,
    /// What `regexes` are matched against: `secret` (default), `match` or `line`.
    #[serde(default)]
    pub regex_target: Option<String>,
    #[serde(default)]
    pub regexes: Vec<String>,
    /// Case-insensitive words that, found in the secret, allow it.
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// For global allowlists: only these rules (default: all).
    #[serde(default)]
    pub target_rules: Vec<String>,
}

/// Parses rule file text; the error names the line.
pub fn parse(text: &str) -> Result<RuleFile, (Option<usize>, String)> {
    toml::from_str(text).map_err(|err| {
        let line = err
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        (line, err.message().trim().to_owned())
    })
}
