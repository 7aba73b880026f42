//! Compiled rules: regexes, keyword prefilter, allowlists.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::Regex;
use ward_core::{Confidence, Severity};

use crate::config::{self, AllowlistSpec, RuleFile, RuleSpec};

/// The built-in rule files, embedded at build time. Each is a gitleaks-syntax file.
pub const BUILTIN_RULE_FILES: &[(&str, &str)] = &[
    (
        "rules/secrets/cloud.toml",
        include_str!("../../../rules/secrets/cloud.toml"),
    ),
    (
        "rules/secrets/vcs-ci-registries.toml",
        include_str!("../../../rules/secrets/vcs-ci-registries.toml"),
    ),
    (
        "rules/secrets/saas.toml",
        include_str!("../../../rules/secrets/saas.toml"),
    ),
    (
        "rules/secrets/keys-and-generic.toml",
        include_str!("../../../rules/secrets/keys-and-generic.toml"),
    ),
];

/// A rule file or rule that cannot be used, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {}{message}", line.map(|l| format!(":{l}")).unwrap_or_default(), rule.as_ref().map(|r| format!("rule `{r}`: ")).unwrap_or_default())]
pub struct RuleError {
    pub file: String,
    pub line: Option<usize>,
    pub rule: Option<String>,
    pub message: String,
}

/// What an allowlist regex is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegexTarget {
    Secret,
    Match,
    Line,
}

/// A compiled allowlist.
#[derive(Debug, Clone)]
pub struct Allowlist {
    pub all_must_match: bool,
    pub commits: Vec<String>,
    pub paths: Vec<Regex>,
    pub target: RegexTarget,
    pub regexes: Vec<Regex>,
    /// Lowercase.
    pub stopwords: Vec<String>,
    /// Rule ids (without the `secrets/` prefix) a global allowlist applies to; empty: all.
    pub target_rules: Vec<String>,
}

/// What an allowlist is asked about one candidate.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub path: &'a str,
    pub secret: &'a [u8],
    pub matched: &'a [u8],
    pub line: &'a [u8],
    pub commit: Option<&'a str>,
}

impl Allowlist {
    /// Whether this allowlist allows (suppresses) the candidate.
    pub fn allows(&self, c: &Candidate<'_>) -> bool {
        let mut checks: Vec<bool> = Vec::with_capacity(4);
        if !self.commits.is_empty() {
            checks.push(
                c.commit.is_some_and(|commit| {
                    self.commits.iter().any(|x| commit.starts_with(x.as_str()))
                }),
            );
        }
        if !self.paths.is_empty() {
            checks.push(self.paths.iter().any(|re| re.is_match(c.path.as_bytes())));
        }
        if !self.regexes.is_empty() {
            let target = match self.target {
                RegexTarget::Secret => c.secret,
                RegexTarget::Match => c.matched,
                RegexTarget::Line => c.line,
            };
            checks.push(self.regexes.iter().any(|re| re.is_match(target)));
        }
        if !self.stopwords.is_empty() {
            let secret = String::from_utf8_lossy(c.secret).to_ascii_lowercase();
            checks.push(self.stopwords.iter().any(|w| secret.contains(w.as_str())));
        }
        if checks.is_empty() {
            return false;
        }
        if self.all_must_match {
            checks.iter().all(|&b| b)
        } else {
            checks.iter().any(|&b| b)
        }
    }
}

/// Translates Go (RE2) regex syntax that Rust's `regex` rejects: RE2 reads a `{` that does not
/// start a valid repetition (`{n}`, `{n,}`, `{n,m}`) as a literal brace, while Rust reports an
/// error. gitleaks' own default configuration relies on this (`{{[^}]+}}`), so such braces are
/// escaped. Everything else in RE2's syntax means the same in Rust's.
pub fn go_compat(pattern: &str) -> std::borrow::Cow<'_, str> {
    let bytes = pattern.as_bytes();
    let mut out = String::with_capacity(pattern.len() + 4);
    let mut changed = false;
    let mut i = 0;
    let mut in_class = false;
    let mut class_start = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\\' => {
                // Copy the escape and the escaped character (which may be multi-byte); `\p{..}`,
                // `\P{..}` and `\x{..}` keep their braces.
                let len = pattern[i + 1..].chars().next().map_or(0, char::len_utf8);
                let mut end = i + 1 + len;
                if matches!(bytes.get(i + 1), Some(b'p' | b'P' | b'x'))
                    && bytes.get(end) == Some(&b'{')
                    && let Some(close) = pattern[end..].find('}')
                {
                    end += close + 1;
                }
                out.push_str(&pattern[i..end]);
                i = end;
                continue;
            }
            b'[' if !in_class => {
                in_class = true;
                out.push('[');
                i += 1;
                if bytes.get(i) == Some(&b'^') {
                    out.push('^');
                    i += 1;
                }
                class_start = i;
                continue;
            }
            b'[' if in_class && bytes.get(i + 1) == Some(&b':') => {
                // A POSIX class such as [:alpha:] inside a bracket expression.
                if let Some(end) = pattern[i..].find(":]") {
                    out.push_str(&pattern[i..i + end + 2]);
                    i += end + 2;
                    continue;
                }
            }
            b']' if in_class && i != class_start => in_class = false,
            b'{' if !in_class && !is_repetition(&bytes[i..]) => {
                out.push_str("\\{");
                changed = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        let len = pattern[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&pattern[i..i + len]);
        i += len;
    }
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(pattern)
    }
}

/// Whether `text` (starting at `{`) is a repetition: `{n}`, `{n,}` or `{n,m}`.
fn is_repetition(text: &[u8]) -> bool {
    let mut i = 1;
    let digits = |i: &mut usize| {
        let start = *i;
        while text.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return false;
    }
    if text.get(i) == Some(&b',') {
        i += 1;
        digits(&mut i);
    }
    text.get(i) == Some(&b'}')
}

/// A rule's regex, compiled on first use: a scan only pays for the rules whose keywords occur.
/// User rules are compiled when loaded, so a bad regex is reported before the scan starts.
#[derive(Debug, Clone)]
pub struct LazyRegex {
    pattern: String,
    /// Built-in rules match ASCII classes (`\w`, `\b`, `\s`), which compile and run faster;
    /// user rules keep Unicode classes, as gitleaks (Go's RE2) does.
    unicode: bool,
    cell: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    fn new(pattern: &str, unicode: bool) -> Self {
        LazyRegex {
            pattern: go_compat(pattern).into_owned(),
            unicode,
            cell: OnceLock::new(),
        }
    }

    fn build(&self) -> Result<Regex, regex::Error> {
        regex::bytes::RegexBuilder::new(&self.pattern)
            .unicode(self.unicode)
            // Rules from other tools may be large; the linear-time engine stays linear.
            .size_limit(64 << 20)
            .build()
    }

    /// Compiles now (if not yet), reporting a bad pattern.
    pub fn compile(&self) -> Result<&Regex, regex::Error> {
        if let Some(Some(regex)) = self.cell.get() {
            return Ok(regex);
        }
        let regex = self.build()?;
        Ok(self
            .cell
            .get_or_init(|| Some(regex))
            .as_ref()
            .expect("just set"))
    }

    /// The compiled regex; `None` if the pattern is invalid (never for loaded rules: user rules
    /// are compiled at load and built-in ones by the tests).
    pub fn get(&self) -> Option<&Regex> {
        self.cell.get_or_init(|| self.build().ok()).as_ref()
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// [`max_line_breaks`] of the pattern; `None` when it is unbounded or does not parse.
    pub(crate) fn line_breaks(&self) -> Option<usize> {
        regex_syntax::ParserBuilder::new()
            .unicode(self.unicode)
            .utf8(false)
            .build()
            .parse(&self.pattern)
            .ok()
            .and_then(|hir| max_line_breaks(&hir))
    }
}

/// File formats a path rule can require of a file's content (`magic = [...]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Magic {
    /// PKCS#12 (`.p12`, `.pfx`): a DER SEQUENCE holding version 3 and PKCS#7 content.
    Pkcs12,
    /// Java key stores: JKS (`FEEDFEED`) and JCEKS (`CECECECE`).
    Jks,
}

impl Magic {
    fn parse(name: &str) -> Option<Magic> {
        match name {
            "pkcs12" => Some(Magic::Pkcs12),
            "jks" => Some(Magic::Jks),
            _ => None,
        }
    }

    /// Whether `bytes` begins as a file of this format does.
    pub fn matches(self, bytes: &[u8]) -> bool {
        match self {
            Magic::Jks => {
                bytes.starts_with(&[0xFE, 0xED, 0xFE, 0xED])
                    || bytes.starts_with(&[0xCE, 0xCE, 0xCE, 0xCE])
            }
            Magic::Pkcs12 => {
                const PKCS7: &[u8] = &[0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07];
                // SEQUENCE, its length (short, long or BER's indefinite form), INTEGER 3.
                let Some((&0x30, rest)) = bytes.split_first() else {
                    return false;
                };
                let Some((&len, rest)) = rest.split_first() else {
                    return false;
                };
                let skip = if len & 0x80 == 0 || len == 0x80 {
                    0
                } else {
                    usize::from(len & 0x7F)
                };
                let Some(rest) = rest.get(skip..) else {
                    return false;
                };
                // The PKCS#7 content type (data or signedData) follows within a few bytes.
                rest.starts_with(&[0x02, 0x01, 0x03])
                    && rest
                        .get(..rest.len().min(32))
                        .is_some_and(|head| head.windows(PKCS7.len()).any(|w| w == PKCS7))
            }
        }
    }
}

/// Built-in validators that check a secret's own structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validator {
    /// GitHub tokens end in a base62 CRC32 of the random part.
    GithubCrc32,
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The id as written (without Ward's `secrets/` prefix).
    pub id: String,
    pub description: String,
    pub title: String,
    pub regex: Option<LazyRegex>,
    /// Built-in rules search only near their keywords: this many bytes on each side of each
    /// keyword occurrence (whole lines). `None`: the whole file, as gitleaks does (user rules).
    pub window: Option<usize>,
    pub secret_group: Option<usize>,
    pub entropy: Option<f64>,
    /// Lowercase.
    pub keywords: Vec<String>,
    pub path: Option<Regex>,
    pub tags: Vec<String>,
    pub allowlists: Vec<Allowlist>,
    pub severity: Severity,
    pub confidence: Confidence,
    pub remediation: Option<String>,
    pub references: Vec<String>,
    pub cwe: String,
    pub generic: bool,
    pub validator: Option<Validator>,
    /// For a path rule: the formats the file's content must have (empty: any content).
    pub magic: Vec<Magic>,
    pub examples: Vec<String>,
    pub counterexamples: Vec<String>,
    /// Where the rule is defined (`file:line`), for messages.
    pub origin: String,
    /// Which rule wins when two specific rules catch the same secret: lower first. Built-in
    /// provider formats rank before credential-file formats; user rules rank 0.
    pub rank: usize,
}

impl Rule {
    /// Ward's rule id: `secrets/<id>`.
    pub fn ward_id(&self) -> String {
        format!("secrets/{}", self.id)
    }
}

/// A loaded, compiled rule set with its keyword prefilter.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub global_allowlists: Vec<Allowlist>,
    /// Case-insensitive automaton over every rule's keywords.
    pub(crate) keywords: AhoCorasick,
    /// For each keyword pattern, the rules it enables.
    pub(crate) keyword_rules: Vec<Vec<usize>>,
    /// Rules with no keyword: they run on every file.
    pub(crate) always: Vec<usize>,
    /// How a new version of a file is searched given its previous version (history scans).
    pub(crate) changes: ChangeScan,
    /// A hash of the rule files' texts this set was built from (the result cache's key).
    pub(crate) sources: ward_core::ConfigHasher,
}

/// What [`crate::detect::detect_changed`] needs to know about the rules to search only around
/// the changed lines of a file and still find every match that touches them.
#[derive(Debug, Clone)]
pub(crate) struct ChangeScan {
    /// Every rule with a regex searches near its keywords only (the built-in rules do). When
    /// false (a user rule runs over whole files, or has no keyword), changed files are searched
    /// whole.
    pub(crate) supported: bool,
    /// For each rule, the most line breaks its match can hold (0 for the others): a match
    /// that touches a change lies within this many lines of it, and so does its keyword.
    pub(crate) rule_lines: Vec<usize>,
    /// The largest of `rule_lines`.
    pub(crate) max_lines: usize,
    /// The keywords of multi-line rules (PEM blocks, manifests, `.netrc` entries): where one
    /// occurs within [`WHOLE_FILE_REACH`] bytes of a change, the whole file is searched.
    pub(crate) block_keywords: Option<AhoCorasick>,
    /// The length in bytes of the longest block keyword.
    pub(crate) block_keyword_len: usize,
    /// For each pattern of [`RuleSet::keywords`], whether it is a block keyword.
    pub(crate) block_patterns: Vec<bool>,
    /// File versions known to hold no block keyword at all.
    pub(crate) block_free: BlockFree,
}

/// The file versions of a history scan known to hold no block keyword, by content hash. Most
/// versions of a file differ from the previous one by a few lines: when the previous version
/// held no block keyword, a block keyword in the new one overlaps what changed, and only that
/// needs a look, not the 64 KiB on each side of it (measured: that look was a tenth of a
/// history scan's CPU). Filled only once a history scan has started (the first
/// [`crate::detect::detect_changed`]), so that a scan of files does not hash every file for
/// nothing; bounded by [`BLOCK_FREE_MAX`] entries.
#[derive(Default)]
pub(crate) struct BlockFree {
    active: AtomicBool,
    hashes: Mutex<HashSet<u128>>,
}

/// The most versions [`BlockFree`] remembers (16 bytes each, plus the table's overhead).
const BLOCK_FREE_MAX: usize = 1 << 20;

impl BlockFree {
    /// The key of a file version: its XXH3-128 hash (a collision would only cost the search
    /// of one multi-line rule near one change, with odds far below 2^-64).
    pub(crate) fn key(bytes: &[u8]) -> u128 {
        xxhash_rust::xxh3::xxh3_128(bytes)
    }

    /// Starts remembering (a history scan has started).
    pub(crate) fn activate(&self) {
        self.active.store(true, Ordering::Relaxed);
    }

    pub(crate) fn is_active(&self) -> bool {
        self.active.load(Ordering::Relaxed)
    }

    pub(crate) fn contains(&self, key: u128) -> bool {
        self.hashes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(&key)
    }

    pub(crate) fn insert(&self, key: u128) {
        let mut hashes = self
            .hashes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if hashes.len() < BLOCK_FREE_MAX {
            hashes.insert(key);
        }
    }
}

/// A memo: a copy starts empty.
impl Clone for BlockFree {
    fn clone(&self) -> Self {
        BlockFree::default()
    }
}

impl std::fmt::Debug for BlockFree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockFree")
            .field("active", &self.is_active())
            .finish_non_exhaustive()
    }
}

/// Line breaks counted for a repeated run of separators (`\s*` or `[=\s]+` between a key and
/// its value). Such a run may cross any number of line breaks, but every line it crosses whole
/// holds only separators (no letter or digit), and the search around a change does not count
/// those lines (`detect::widen_to_lines`): one break is what is left to count.
const SEPARATOR_RUN_LINES: usize = 1;
/// A rule whose match can hold more line breaks than this is treated as a multi-line block.
const MAX_CONTEXT_LINES: usize = 8;

/// The most line breaks a match of `hir` can hold, `None` when unbounded: a repeated class
/// that matches line breaks and letters or digits (`[\s\S]*`, a PEM body), or more than
/// [`MAX_CONTEXT_LINES`]. An unbounded run of separators counts [`SEPARATOR_RUN_LINES`].
fn max_line_breaks(hir: &regex_syntax::hir::Hir) -> Option<usize> {
    use regex_syntax::hir::{Class, HirKind};
    let has_newline = |class: &Class| match class {
        Class::Bytes(c) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        Class::Unicode(c) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= '\n' && '\n' <= r.end()),
    };
    // Separators: no letter or digit (a PEM body, `.` or `[\s\S]` have them).
    let separators_only = |class: &Class| match class {
        Class::Bytes(c) => c
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(|b| !b.is_ascii_alphanumeric())),
        Class::Unicode(c) => c
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(|ch| !ch.is_alphanumeric())),
    };
    let count = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 0,
        HirKind::Literal(lit) => memchr::memchr_iter(b'\n', &lit.0).count(),
        HirKind::Class(class) => usize::from(has_newline(class)),
        HirKind::Repetition(rep) => {
            let inner = max_line_breaks(&rep.sub)?;
            if inner == 0 {
                0
            } else if let Some(max) = rep.max {
                inner.saturating_mul(max as usize)
            } else if matches!(rep.sub.kind(), HirKind::Class(c) if separators_only(c)) {
                SEPARATOR_RUN_LINES
            } else {
                return None;
            }
        }
        HirKind::Capture(cap) => max_line_breaks(&cap.sub)?,
        HirKind::Concat(parts) => {
            let mut sum = 0usize;
            for part in parts {
                sum = sum.saturating_add(max_line_breaks(part)?);
            }
            sum
        }
        HirKind::Alternation(parts) => {
            let mut most = 0;
            for part in parts {
                most = most.max(max_line_breaks(part)?);
            }
            most
        }
    };
    (count <= MAX_CONTEXT_LINES).then_some(count)
}

/// A keyword window at least this wide is treated as reaching the whole file.
pub(crate) const WHOLE_FILE_REACH: usize = 64 * 1024;

fn compile_regex(
    pattern: &str,
    file: &str,
    rule: Option<&str>,
    what: &str,
) -> Result<Regex, RuleError> {
    regex::bytes::RegexBuilder::new(&go_compat(pattern))
        // Rules from other tools may be large; the linear-time engine stays linear.
        .size_limit(64 << 20)
        .build()
        .map_err(|err| RuleError {
            file: file.to_owned(),
            line: None,
            rule: rule.map(str::to_owned),
            message: format!("invalid {what} regex: {}", one_line(&err.to_string())),
        })
}

fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn compile_allowlist(
    spec: &AllowlistSpec,
    file: &str,
    rule: Option<&str>,
) -> Result<Allowlist, RuleError> {
    let error = |message: String| RuleError {
        file: file.to_owned(),
        line: None,
        rule: rule.map(str::to_owned),
        message,
    };
    let all_must_match = match spec
        .condition
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        None | Some("OR") => false,
        Some("AND") => true,
        Some(other) => {
            return Err(error(format!(
                "allowlist condition `{other}` is not OR or AND"
            )));
        }
    };
    let target = match spec.regex_target.as_deref() {
        None | Some("secret") => RegexTarget::Secret,
        Some("match") => RegexTarget::Match,
        Some("line") => RegexTarget::Line,
        Some(other) => {
            return Err(error(format!(
                "allowlist regexTarget `{other}` is not secret, match or line"
            )));
        }
    };
    Ok(Allowlist {
        all_must_match,
        commits: spec.commits.clone(),
        paths: spec
            .paths
            .iter()
            .map(|p| compile_regex(p, file, rule, "allowlist path"))
            .collect::<Result<_, _>>()?,
        target,
        regexes: spec
            .regexes
            .iter()
            .map(|p| compile_regex(p, file, rule, "allowlist"))
            .collect::<Result<_, _>>()?,
        stopwords: spec
            .stopwords
            .iter()
            .map(|w| w.to_ascii_lowercase())
            .collect(),
        target_rules: spec.target_rules.clone(),
    })
}

/// Bytes a match can reach from a keyword inside it: the regex's longest match when it is
/// bounded, else a generous default that covers multi-line secrets such as PEM keys.
fn window_reach(pattern: &str) -> usize {
    const UNBOUNDED_REACH: usize = WHOLE_FILE_REACH;
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(&go_compat(pattern))
        .ok()
        .and_then(|hir| hir.properties().maximum_len())
        .map_or(UNBOUNDED_REACH, |max| max.min(UNBOUNDED_REACH))
}

/// Compiles a rule's regex and checks its `secretGroup`.
pub fn check_regex(regex: &LazyRegex, secret_group: Option<usize>) -> Result<(), String> {
    let compiled = regex
        .compile()
        .map_err(|err| format!("invalid rule regex: {}", one_line(&err.to_string())))?;
    if let Some(group) = secret_group
        && group >= compiled.captures_len()
    {
        return Err(format!(
            "secretGroup {group} does not exist (the regex has {} group(s))",
            compiled.captures_len() - 1
        ));
    }
    Ok(())
}

fn compile_rule(
    spec: &RuleSpec,
    file: &str,
    line: Option<usize>,
    builtin: bool,
) -> Result<Rule, RuleError> {
    let id = spec.id.as_str();
    let error = |message: String| RuleError {
        file: file.to_owned(),
        line,
        rule: Some(id.to_owned()),
        message,
    };
    if id.is_empty() {
        return Err(error("a rule needs an `id`".to_owned()));
    }
    if spec.regex.is_none() && spec.path.is_none() {
        return Err(error(
            "a rule needs a `regex`, a `path`, or both".to_owned(),
        ));
    }
    let with_line = |mut e: RuleError| {
        e.line = line;
        e
    };
    let regex = spec.regex.as_deref().map(|r| LazyRegex::new(r, !builtin));
    if !builtin && let Some(regex) = &regex {
        check_regex(regex, spec.secret_group).map_err(error)?;
    }
    let path = spec
        .path
        .as_deref()
        .map(|r| compile_regex(r, file, Some(id), "path"))
        .transpose()
        .map_err(with_line)?;
    let mut allowlists = Vec::new();
    for spec in spec.allowlist.iter().chain(&spec.allowlists) {
        allowlists.push(compile_allowlist(spec, file, Some(id)).map_err(with_line)?);
    }
    let severity = match &spec.severity {
        Some(s) => s.parse().map_err(|e| error(format!("severity: {e}")))?,
        None => Severity::High,
    };
    let confidence = match &spec.confidence {
        Some(s) => s.parse().map_err(|e| error(format!("confidence: {e}")))?,
        None if spec.generic => Confidence::Low,
        None => Confidence::Medium,
    };
    let validator = match spec.validate.as_deref() {
        None => None,
        Some("github-crc32") => Some(Validator::GithubCrc32),
        Some(other) => return Err(error(format!("unknown validator `{other}`"))),
    };
    let mut magic = Vec::new();
    for name in &spec.magic {
        match Magic::parse(name) {
            Some(m) if spec.regex.is_none() => magic.push(m),
            Some(_) => {
                return Err(error(
                    "`magic` applies to rules without a `regex`".to_owned(),
                ));
            }
            None => return Err(error(format!("unknown magic `{name}` (pkcs12, jks)"))),
        }
    }
    let description = if spec.description.is_empty() {
        id.to_owned()
    } else {
        spec.description.clone()
    };
    Ok(Rule {
        id: id.to_owned(),
        title: spec
            .title
            .clone()
            .unwrap_or_else(|| short_title(&description)),
        description,
        window: if builtin {
            spec.regex.as_deref().map(window_reach)
        } else {
            None
        },
        regex,
        secret_group: spec.secret_group,
        entropy: spec.entropy.filter(|e| *e > 0.0),
        keywords: spec
            .keywords
            .iter()
            .map(|k| k.to_ascii_lowercase())
            .collect(),
        path,
        tags: spec.tags.clone(),
        allowlists,
        severity,
        confidence,
        remediation: spec.remediation.clone(),
        references: spec.references.clone(),
        cwe: spec.cwe.clone().unwrap_or_else(|| "CWE-798".to_owned()),
        generic: spec.generic,
        validator,
        magic,
        examples: spec.examples.clone(),
        counterexamples: spec.counterexamples.clone(),
        rank: 0,
        origin: match line {
            Some(line) => format!("{file}:{line}"),
            None => file.to_owned(),
        },
    })
}

/// A title from a description: the part before its first `: ` or ` (`.
fn short_title(description: &str) -> String {
    let cut = description
        .find(": ")
        .into_iter()
        .chain(description.find(" ("))
        .min()
        .unwrap_or(description.len());
    description[..cut].trim_end_matches('.').trim().to_owned()
}

/// The line of each rule's `id = "..."` (1-based), by id: good enough to point a user at a
/// rule. The first line naming an id wins.
fn rule_lines(text: &str) -> HashMap<&str, usize> {
    let mut lines = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some(rest) = line.trim().strip_prefix("id") else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim();
        let id = value
            .strip_prefix('"')
            .and_then(|v| v.split('"').next())
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.split('\'').next()));
        if let Some(id) = id {
            lines.entry(id).or_insert(i + 1);
        }
    }
    lines
}

/// Parses and compiles one file's rules and allowlists.
fn compile_file(
    builtin: bool,
    text: &str,
    file: &str,
) -> Result<(RuleFile, Vec<Rule>, Vec<Allowlist>), RuleError> {
    let parsed = config::parse(text).map_err(|(line, message)| RuleError {
        file: file.to_owned(),
        line,
        rule: None,
        message,
    })?;
    let lines = rule_lines(text);
    let rules = parsed
        .rules
        .iter()
        .map(|spec| compile_rule(spec, file, lines.get(spec.id.as_str()).copied(), builtin))
        .collect::<Result<Vec<_>, _>>()?;
    let allowlists = parsed
        .allowlist
        .iter()
        .chain(&parsed.allowlists)
        .map(|spec| compile_allowlist(spec, file, None))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((parsed, rules, allowlists))
}

impl RuleSet {
    /// The built-in rules.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let mut rules = Vec::new();
        let mut allowlists = Vec::new();
        for (rank, (file, text)) in BUILTIN_RULE_FILES.iter().enumerate() {
            let (_, mut file_rules, file_allowlists) = compile_file(true, text, file)?;
            for rule in &mut file_rules {
                rule.rank = rank;
            }
            rules.extend(file_rules);
            allowlists.extend(file_allowlists);
        }
        let mut set = RuleSet::new(rules, allowlists)?;
        for (file, text) in BUILTIN_RULE_FILES {
            set.sources.add(file).add(text);
        }
        Ok(set)
    }

    /// Rules from a user's file in gitleaks syntax. Without `[extend] useDefault = true` (or an
    /// `[extend] path`), the file's rules replace the built-in ones, as in gitleaks.
    pub fn from_file(path: &Path) -> Result<RuleSet, RuleError> {
        Self::from_file_depth(path, 0)
    }

    fn from_file_depth(path: &Path, depth: usize) -> Result<RuleSet, RuleError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| RuleError {
            file: file.clone(),
            line: None,
            rule: None,
            message: format!("cannot read the rule file: {err}"),
        })?;
        let (parsed, own_rules, own_allowlists) = compile_file(false, &text, &file)?;
        let mut base = RuleSet::new(Vec::new(), Vec::new())?;
        if let Some(extend) = &parsed.extend {
            if extend.use_default {
                base = RuleSet::builtin()?;
            } else if let Some(other) = &extend.path {
                if depth >= 2 {
                    return Err(RuleError {
                        file,
                        line: None,
                        rule: None,
                        message: "[extend] path nests more than 2 files deep".to_owned(),
                    });
                }
                let other = resolve_relative(path, other);
                base = Self::from_file_depth(&other, depth + 1)?;
            }
            base.rules
                .retain(|r| !extend.disabled_rules.contains(&r.id));
        }
        // A rule with the same id as a base rule replaces it.
        let mut rules: Vec<Rule> = base
            .rules
            .into_iter()
            .filter(|r| !own_rules.iter().any(|o| o.id == r.id))
            .collect();
        rules.extend(own_rules);
        let mut allowlists = base.global_allowlists;
        allowlists.extend(own_allowlists);
        let mut set = RuleSet::new(rules, allowlists)?;
        set.sources = base.sources;
        set.sources.add(&file).add(&text);
        Ok(set)
    }

    /// A hash of the rule files' texts (built-in or the user's) this set was built from.
    pub fn source_hash(&self) -> String {
        self.sources.finish()
    }

    /// Whether a rule wants the file at `path` even when it is binary: a path rule that
    /// checks the content's format (key stores).
    pub fn wants_binary(&self, path: &str) -> bool {
        self.rules.iter().any(|r| {
            !r.magic.is_empty() && r.path.as_ref().is_some_and(|p| p.is_match(path.as_bytes()))
        })
    }

    /// Builds the keyword prefilter over `rules`.
    pub fn new(rules: Vec<Rule>, global_allowlists: Vec<Allowlist>) -> Result<RuleSet, RuleError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            if rule.keywords.is_empty() {
                always.push(i);
            }
            for keyword in &rule.keywords {
                let k = *index.entry(keyword.clone()).or_insert_with(|| {
                    patterns.push(keyword.clone());
                    keyword_rules.push(Vec::new());
                    patterns.len() - 1
                });
                if !keyword_rules[k].contains(&i) {
                    keyword_rules[k].push(i);
                }
            }
        }
        // A DFA: the overlapping keyword search runs over every byte of every file, and the
        // DFA is the fastest automaton for it (a few hundred short keywords keep it small).
        let keywords = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|err| RuleError {
                file: String::new(),
                line: None,
                rule: None,
                message: format!("keyword automaton: {err}"),
            })?;
        let changes = ChangeScan::new(&rules, &patterns)?;
        Ok(RuleSet {
            rules,
            global_allowlists,
            keywords,
            keyword_rules,
            always,
            changes,
            sources: ward_core::ConfigHasher::new("secrets-rules"),
        })
    }
}

impl ChangeScan {
    fn new(rules: &[Rule], patterns: &[String]) -> Result<ChangeScan, RuleError> {
        let mut supported = true;
        let mut rule_lines = vec![0; rules.len()];
        let mut blocks: Vec<&str> = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let Some(regex) = &rule.regex else { continue };
            if rule.window.is_none() || rule.keywords.is_empty() {
                supported = false;
                continue;
            }
            match regex.line_breaks() {
                Some(n) => rule_lines[i] = n,
                None => blocks.extend(rule.keywords.iter().map(String::as_str)),
            }
        }
        let max_lines = rule_lines.iter().copied().max().unwrap_or(0);
        blocks.sort_unstable();
        blocks.dedup();
        let block_patterns = patterns
            .iter()
            .map(|p| blocks.binary_search(&p.as_str()).is_ok())
            .collect();
        let block_keyword_len = blocks.iter().map(|b| b.len()).max().unwrap_or(0);
        let block_keywords = if blocks.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&blocks)
                    .map_err(|err| RuleError {
                        file: String::new(),
                        line: None,
                        rule: None,
                        message: format!("keyword automaton: {err}"),
                    })?,
            )
        };
        Ok(ChangeScan {
            supported,
            rule_lines,
            max_lines,
            block_keywords,
            block_keyword_len,
            block_patterns,
            block_free: BlockFree::default(),
        })
    }
}

fn resolve_relative(from: &Path, other: &str) -> PathBuf {
    let other = Path::new(other);
    if other.is_absolute() {
        other.to_path_buf()
    } else {
        from.parent().unwrap_or(Path::new(".")).join(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_literal_braces_are_escaped_and_repetitions_kept() {
        assert_eq!(go_compat(r"^\$(?:\d+|{\d+})$"), r"^\$(?:\d+|\{\d+})$");
        assert_eq!(go_compat(r"\$?{{[^}]+}}"), r"\$?\{\{[^}]+}}");
        assert_eq!(go_compat(r"a{2}b{3,}c{1,5}"), r"a{2}b{3,}c{1,5}");
        assert_eq!(go_compat(r"[{}]x{"), r"[{}]x\{");
        assert_eq!(go_compat(r"[]{]{2}"), r"[]{]{2}");
        assert_eq!(go_compat(r"[[:alpha:]{]\{"), r"[[:alpha:]{]\{");
        assert_eq!(go_compat("é{x}"), "é\\{x}");
        assert_eq!(go_compat(r"^\p{L}+\x{41}\P{N}$"), r"^\p{L}+\x{41}\P{N}$");
        for pattern in [r"^\$(?:\d+|{\d+})$", r#"['"]?\$?{{[^}]+}}['"]?"#] {
            let re = regex::bytes::Regex::new(&go_compat(pattern)).unwrap();
            assert!(
                re.is_match(b"${12}") || re.is_match(b"{{ x }}"),
                "{pattern}"
            );
        }
    }
}
