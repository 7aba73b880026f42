//! Detection over one buffer: keyword prefilter, rule regexes, filters, allowlists, and
//! decoding of encoded segments (base64, hex, percent-encoding), re-scanned to depth 2.

use std::ops::Range;

use base64::Engine as _;

use crate::filters::{generic_false_positive, is_placeholder, shannon_entropy};
use crate::rules::{BlockFree, Candidate, Rule, RuleSet, Validator, WHOLE_FILE_REACH};

/// How deep encoded segments are decoded: a base64 value inside a base64 value is found.
const MAX_DECODE_DEPTH: usize = 2;
/// Shortest encoded segment worth decoding.
const MIN_ENCODED_LEN: usize = 20;
/// Shortest hex word decoded (16 bytes).
const MIN_HEX_LEN: usize = 32;

/// One secret found in a buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the rule in the rule set.
    pub rule: usize,
    /// Byte range of the secret in the scanned buffer; for a decoded secret, the range of the
    /// encoded segment that holds it.
    pub secret_range: Range<usize>,
    /// Byte range of the whole regex match (same convention).
    pub match_range: Range<usize>,
    /// The secret itself (decoded). Never printed or stored: used for the hash and redaction.
    pub secret: Vec<u8>,
    /// The encodings peeled off to find it, outermost first (empty: found as written).
    pub encodings: Vec<&'static str>,
    /// `Some(true)` when a validator checked the secret's own checksum.
    pub validated: Option<bool>,
}

/// The findings of a binary file: only path rules that check the file's format (key stores)
/// apply; text rules would find noise in binary bytes.
pub fn detect_binary(rules: &RuleSet, path: &str, bytes: &[u8]) -> Vec<Hit> {
    rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| {
            rule.regex.is_none()
                && rule.magic.iter().any(|m| m.matches(bytes))
                && rule
                    .path
                    .as_ref()
                    .is_some_and(|p| p.is_match(path.as_bytes()))
        })
        .map(|(index, _)| Hit {
            rule: index,
            secret_range: 0..0,
            match_range: 0..0,
            secret: path.as_bytes().to_vec(),
            encodings: Vec::new(),
            validated: None,
        })
        .collect()
}

/// Finds every secret in `bytes`.
pub fn detect(rules: &RuleSet, path: &str, bytes: &[u8], commit: Option<&str>) -> Vec<Hit> {
    let (hits, block_keyword_seen) = detect_part(rules, path, bytes, commit);
    let memo = &rules.changes.block_free;
    if !block_keyword_seen && rules.changes.block_keywords.is_some() && memo.is_active() {
        memo.insert(BlockFree::key(bytes));
    }
    hits
}

/// Finds every secret in `bytes` (a whole file, or the part of one that changed), and tells
/// whether it holds a block keyword.
fn detect_part(
    rules: &RuleSet,
    path: &str,
    bytes: &[u8],
    commit: Option<&str>,
) -> (Vec<Hit>, bool) {
    let mut hits = Vec::new();
    let block_keyword_seen = detect_layer(rules, path, bytes, commit, 0, &mut hits);
    hits.sort_by_key(|h| (h.secret_range.start, h.rule));
    hits.dedup_by(|a, b| {
        a.rule == b.rule && a.secret_range == b.secret_range && a.secret == b.secret
    });
    // A generic rule (`token = "..."`) that caught a secret a specific rule also caught adds
    // nothing but noise: keep the specific finding.
    let specific: Vec<Range<usize>> = hits
        .iter()
        .filter(|h| !rules.rules[h.rule].generic)
        .map(|h| h.secret_range.clone())
        .collect();
    // Two specific rules on exactly the same secret (an `npm_` token in `.npmrc`: the token
    // format and the file format) are one finding. The provider's rule wins over the
    // credential-file rule (rank), and within a rank the rule whose match holds more context
    // (`CLERK_SECRET_KEY=sk_live_...` over a bare `sk_live_...`).
    let preference = |hit: &Hit| {
        (
            std::cmp::Reverse(rules.rules[hit.rule].rank),
            hit.match_range.len(),
            std::cmp::Reverse(hit.rule),
        )
    };
    let mut best: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    for (i, hit) in hits.iter().enumerate() {
        if rules.rules[hit.rule].generic {
            continue;
        }
        let key = (hit.secret_range.start, hit.secret_range.end);
        match best.get(&key) {
            Some(&j) if preference(&hits[j]) >= preference(hit) => {}
            _ => {
                best.insert(key, i);
            }
        }
    }
    let mut index = 0;
    hits.retain(|hit| {
        let keep = rules.rules[hit.rule].generic
            || best.get(&(hit.secret_range.start, hit.secret_range.end)) == Some(&index);
        index += 1;
        keep
    });
    // A decoded hit of a rule that already matched the same text as written (a SAS token whose
    // signature is also percent-decoded) is the same secret twice.
    let raw: Vec<(usize, Range<usize>)> = hits
        .iter()
        .filter(|h| h.encodings.is_empty())
        .map(|h| (h.rule, h.match_range.clone()))
        .collect();
    hits.retain(|h| {
        h.encodings.is_empty()
            || !raw.iter().any(|(rule, r)| {
                *rule == h.rule && r.start < h.secret_range.end && h.secret_range.start < r.end
            })
    });
    hits.retain(|h| {
        !rules.rules[h.rule].generic
            || !specific
                .iter()
                .any(|r| r.start < h.secret_range.end && h.secret_range.start < r.end)
    });
    (hits, block_keyword_seen)
}

/// Finds the secrets of `bytes` that its previous version `previous` may not have had: only
/// the parts around what changed are searched (history scans, where a file's versions mostly
/// share their content). Every match that touches a change is found, with the same context a
/// search of the whole file gives it: built-in rules match only within a bounded reach of one
/// of their keywords, so the parts searched are the changed lines plus the windows of the
/// keywords close enough to reach into them. A keyword of an unbounded rule (PEM blocks) near a
/// change, or rules that search whole files (user rules), make the whole file searched. Hits in
/// unchanged text near a change are returned too: the previous version had them as well, and
/// the caller keeps the earliest.
pub fn detect_changed(
    rules: &RuleSet,
    path: &str,
    bytes: &[u8],
    previous: &[u8],
    commit: Option<&str>,
) -> Vec<Hit> {
    rules.changes.block_free.activate();
    let region = changed_region(rules, bytes, previous);
    if region == (0..bytes.len()) {
        return detect(rules, path, bytes, commit);
    }
    let (mut hits, _) = detect_part(rules, path, &bytes[region.clone()], commit);
    for hit in &mut hits {
        // A path-only hit has no place in the content.
        if !hit.secret_range.is_empty() || !hit.match_range.is_empty() {
            hit.secret_range =
                hit.secret_range.start + region.start..hit.secret_range.end + region.start;
            hit.match_range =
                hit.match_range.start + region.start..hit.match_range.end + region.start;
        }
    }
    hits
}

/// Lines of unchanged text searched on each side of a change (beyond keyword windows).
const CONTEXT_LINES: usize = 1;

/// The part of `new` to search given its previous version `old` (all of it when that is
/// needed or cheaper). See [`detect_changed`].
pub(crate) fn changed_region(rules: &RuleSet, new: &[u8], old: &[u8]) -> Range<usize> {
    let whole = 0..new.len();
    let changes = &rules.changes;
    if !changes.supported || new.is_empty() {
        return whole;
    }
    let prefix = common_prefix(new, old);
    let suffix = common_suffix(&new[prefix..], &old[prefix..]);
    // What `new` has that `old` has not: `start..end` (empty where lines were only deleted).
    let (start, end) = (prefix, new.len() - suffix);
    if let Some(blocks) = &changes.block_keywords {
        // When `old` held no block keyword, one in `new` overlaps the bytes between the common
        // prefix and suffix (it is not within either): only those need a look.
        let old_free = changes.block_free.contains(BlockFree::key(old));
        let reach = if old_free {
            changes.block_keyword_len
        } else {
            WHOLE_FILE_REACH
        };
        let zone = start.saturating_sub(reach)..(end + reach).min(new.len());
        let covers_new = old_free || zone == whole;
        if blocks.is_match(&new[zone]) {
            return whole;
        }
        if covers_new {
            changes.block_free.insert(BlockFree::key(new));
        }
    }
    // A match that touches the change holds one of its rule's keywords, within that rule's
    // line count of the change: the context needed is the largest count among the rules
    // whose keywords occur that close.
    let zone = widen_to_lines(new, start, end, changes.max_lines);
    let mut context = 0;
    for m in rules.keywords.find_overlapping_iter(&new[zone]) {
        for &r in &rules.keyword_rules[m.pattern().as_usize()] {
            context = context.max(changes.rule_lines[r]);
        }
        if context == changes.max_lines {
            break;
        }
    }
    let region = widen_to_lines(new, start, end, context + CONTEXT_LINES);
    // Searching most of the file costs about as much as searching it whole.
    if region.len() * 4 >= new.len() * 3 {
        return whole;
    }
    region
}

/// `from..to` widened to whole lines plus `extra` lines on each side. Lines holding no letter
/// or digit (blank lines, lines of punctuation) do not count: a run of separators such as
/// `\s*` between a key and its value may cross any number of them, and the rules' line counts
/// ([`crate::rules`]) count such a run as one line break. A line longer than
/// [`WHOLE_FILE_REACH`] (minified code) is cut there: no keyword window reaches farther.
fn widen_to_lines(bytes: &[u8], from: usize, to: usize, extra: usize) -> Range<usize> {
    let mut from = from.min(bytes.len());
    let mut to = to.min(bytes.len()).max(from);
    let mut counted = 0;
    while counted <= extra && from > 0 {
        // The line holding `from`, or the line before when `from` starts one.
        let back = from - 1;
        let floor = back.saturating_sub(WHOLE_FILE_REACH);
        let start = memchr::memrchr(b'\n', &bytes[floor..back]).map_or(floor, |p| floor + p + 1);
        let whole_line = bytes[from - 1] == b'\n';
        if !(whole_line && separators_only(&bytes[start..from])) {
            counted += 1;
        }
        from = start;
    }
    let mut counted = 0;
    while counted <= extra && to < bytes.len() {
        let ceiling = (to + WHOLE_FILE_REACH).min(bytes.len());
        let end = memchr::memchr(b'\n', &bytes[to..ceiling]).map_or(ceiling, |p| to + p + 1);
        let whole_line = to == 0 || bytes[to - 1] == b'\n';
        if !(whole_line && separators_only(&bytes[to..end])) {
            counted += 1;
        }
        to = end;
    }
    from..to
}

/// Whether `line` holds no ASCII letter or digit.
fn separators_only(line: &[u8]) -> bool {
    !line.iter().any(u8::is_ascii_alphanumeric)
}

/// Length of the common prefix of `a` and `b`.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// Length of the common suffix of `a` and `b`.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + CHUNK <= n && a[n - i - CHUNK..n - i] == b[n - i - CHUNK..n - i] {
        i += CHUNK;
    }
    while i < n && a[n - i - 1] == b[n - i - 1] {
        i += 1;
    }
    i
}

/// How far a window is widened to reach a line boundary.
const LINE_SLACK: usize = 1024;

/// Adds the window of bytes a rule searches around one keyword occurrence: `reach` bytes on
/// each side, widened to whole lines (within a bound, so a megabyte-long minified line is not
/// rescanned per keyword), merged with the previous window when they touch.
fn push_window(
    windows: &mut Vec<Range<usize>>,
    bytes: &[u8],
    start: usize,
    end: usize,
    reach: usize,
) {
    let from = start.saturating_sub(reach);
    let to = (end + reach).min(bytes.len());
    if let Some(last) = windows.last_mut()
        && from >= last.start
        && to <= last.end
    {
        return;
    }
    let floor = from.saturating_sub(LINE_SLACK);
    let from = memchr::memrchr(b'\n', &bytes[floor..from]).map_or(floor, |p| floor + p + 1);
    let ceiling = (to + LINE_SLACK).min(bytes.len());
    let to = memchr::memchr(b'\n', &bytes[to..ceiling]).map_or(ceiling, |p| to + p);
    match windows.last_mut() {
        // Keyword matches arrive in order of their end, so a new window overlaps the last one
        // or lies after it.
        Some(last) if from <= last.end => {
            last.start = last.start.min(from);
            last.end = last.end.max(to);
        }
        _ => windows.push(from..to),
    }
}

/// The line holding `at`, cut to at most `LINE_CONTEXT` bytes on each side (filters only need
/// to know a line is long, and a hit on a megabyte-long line must not rescan it).
fn line_around(bytes: &[u8], at: usize) -> &[u8] {
    const LINE_CONTEXT: usize = 4096;
    let at = at.min(bytes.len());
    let floor = at.saturating_sub(LINE_CONTEXT);
    let ceiling = (at + LINE_CONTEXT).min(bytes.len());
    let start = memchr::memrchr(b'\n', &bytes[floor..at]).map_or(floor, |p| floor + p + 1);
    let end = memchr::memchr(b'\n', &bytes[at..ceiling]).map_or(ceiling, |p| at + p);
    &bytes[start..end]
}

fn detect_layer(
    rules: &RuleSet,
    path: &str,
    bytes: &[u8],
    commit: Option<&str>,
    depth: usize,
    out: &mut Vec<Hit>,
) -> bool {
    // Which rules can match: those with a keyword present, and those without keywords. For
    // rules that search near their keywords only, remember where the keywords are.
    let mut wanted = vec![false; rules.rules.len()];
    for &i in &rules.always {
        wanted[i] = true;
    }
    let mut near: Vec<Vec<Range<usize>>> = vec![Vec::new(); rules.rules.len()];
    let mut block_keyword_seen = false;
    for m in rules.keywords.find_overlapping_iter(bytes) {
        block_keyword_seen |= rules.changes.block_patterns[m.pattern().as_usize()];
        for &r in &rules.keyword_rules[m.pattern().as_usize()] {
            wanted[r] = true;
            if let Some(reach) = rules.rules[r].window {
                push_window(&mut near[r], bytes, m.start(), m.end(), reach);
            }
        }
    }
    for (index, rule) in rules.rules.iter().enumerate() {
        if !wanted[index] {
            continue;
        }
        if let Some(path_re) = &rule.path
            && !path_re.is_match(path.as_bytes())
        {
            continue;
        }
        let Some(lazy) = &rule.regex else {
            // A path-only rule: the file itself is the finding (only on the file as written,
            // and only in the format the rule names, if it names one).
            if depth == 0 && (rule.magic.is_empty() || rule.magic.iter().any(|m| m.matches(bytes)))
            {
                out.push(Hit {
                    rule: index,
                    secret_range: 0..0,
                    match_range: 0..0,
                    secret: path.as_bytes().to_vec(),
                    encodings: Vec::new(),
                    validated: None,
                });
            }
            continue;
        };
        let Some(regex) = lazy.get() else { continue };
        let whole_file = 0..bytes.len();
        let windows: &[Range<usize>] = if rule.window.is_some() {
            &near[index]
        } else {
            std::slice::from_ref(&whole_file)
        };
        for window in windows {
            let offset = window.start;
            let haystack = &bytes[window.clone()];
            for caps in regex.captures_iter(haystack) {
                let Some(whole) = caps.get(0) else { continue };
                let secret = match rule.secret_group {
                    Some(group) if group > 0 => caps.get(group),
                    _ => caps
                        .iter()
                        .skip(1)
                        .flatten()
                        .find(|m| !m.is_empty())
                        .or(Some(whole)),
                };
                let Some(secret) = secret else { continue };
                let secret_range = secret.start() + offset..secret.end() + offset;
                let match_range = whole.start() + offset..whole.end() + offset;
                let line = line_around(bytes, secret_range.start);
                if !passes(
                    rules,
                    rule,
                    path,
                    secret.as_bytes(),
                    whole.as_bytes(),
                    line,
                    commit,
                ) {
                    continue;
                }
                out.push(Hit {
                    rule: index,
                    secret_range,
                    match_range,
                    secret: secret.as_bytes().to_vec(),
                    encodings: Vec::new(),
                    validated: rule.validator.map(|v| validate(v, secret.as_bytes())),
                });
            }
        }
    }
    if depth < MAX_DECODE_DEPTH {
        decode_and_rescan(rules, path, bytes, commit, depth, out);
    }
    block_keyword_seen
}

/// Whether a candidate survives entropy, placeholder, generic and allowlist checks.
fn passes(
    rules: &RuleSet,
    rule: &Rule,
    path: &str,
    secret: &[u8],
    matched: &[u8],
    line: &[u8],
    commit: Option<&str>,
) -> bool {
    if secret.is_empty() {
        return false;
    }
    if let Some(min) = rule.entropy
        && shannon_entropy(secret) < min
    {
        return false;
    }
    if is_placeholder(secret) {
        return false;
    }
    if rule.generic && generic_false_positive(secret, line, path) {
        return false;
    }
    let candidate = Candidate {
        path,
        secret,
        matched,
        line,
        commit,
    };
    if rule.allowlists.iter().any(|a| a.allows(&candidate)) {
        return false;
    }
    !rules.global_allowlists.iter().any(|a| {
        (a.target_rules.is_empty() || a.target_rules.contains(&rule.id)) && a.allows(&candidate)
    })
}

fn validate(validator: Validator, secret: &[u8]) -> bool {
    match validator {
        Validator::GithubCrc32 => github_checksum_ok(secret),
    }
}

/// GitHub's `gh?_` tokens: 30 random base62 characters, then the CRC32 of those, base62, 6 wide.
fn github_checksum_ok(token: &[u8]) -> bool {
    const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let Some(body) = token.get(4..) else {
        return false;
    };
    if body.len() != 36 {
        return false;
    }
    let (random, checksum) = body.split_at(30);
    let mut value = crc32fast::hash(random);
    let mut encoded = [b'0'; 6];
    for slot in encoded.iter_mut().rev() {
        *slot = BASE62[(value % 62) as usize];
        value /= 62;
    }
    encoded == checksum
}

/// Where encoded text may be, found in one pass over the bytes (three regex passes over every
/// file cost more than the rest of detection; measured in BENCHMARKS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Encoding {
    /// A run of 20+ base64 or base64url characters (with up to two `=`).
    Base64,
    /// Base64 wrapped over several lines of one width (MIME's 76 columns, PEM's 64, `base64`'s
    /// 76), each line holding nothing else but its indentation: decoded as one value.
    Base64Wrapped,
    /// A whole word of 32+ hex digits, even in length.
    Hex,
    /// A run of URL characters holding a `%XX` escape.
    Percent,
}

const B64: u8 = 1;
const HEX: u8 = 2;
const WORD: u8 = 4;
const URL: u8 = 8;

static CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut class = 0;
        if c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'_' || c == b'-' {
            class |= B64;
        }
        if c.is_ascii_hexdigit() {
            class |= HEX;
        }
        if c.is_ascii_alphanumeric() || c == b'_' {
            class |= WORD;
        }
        if c > b' ' && c < 0x7f && !matches!(c, b'"' | b'\'' | b'<' | b'>' | b'`') {
            class |= URL;
        }
        table[b] = class;
        b += 1;
    }
    table
};

/// Calls `found` with each maximal run of bytes of class `bit` at least `min` long, in order
/// of position; `found` returns where the search goes on (the run's end or past it). Where no
/// such run is, one byte in `min` is looked at: a run that long covers the byte looked at.
/// (Searching byte by byte was most of the secrets search's own time on source code, where
/// identifiers make many short runs.)
fn long_runs(bytes: &[u8], bit: u8, min: usize, mut found: impl FnMut(usize, usize) -> usize) {
    let is = |i: usize| CLASSES[bytes[i] as usize] & bit != 0;
    let min = min.max(1);
    let mut i = 0;
    while i + min <= bytes.len() {
        let probe = i + min - 1;
        if !is(probe) {
            i = probe + 1;
            continue;
        }
        let mut start = probe;
        while start > i && is(start - 1) {
            start -= 1;
        }
        let mut end = probe + 1;
        while end < bytes.len() && is(end) {
            end += 1;
        }
        i = if end - start >= min {
            found(start, end).max(end)
        } else {
            end
        };
    }
}

/// Every candidate segment, in order of position.
fn encoded_segments(bytes: &[u8]) -> Vec<(Encoding, Range<usize>)> {
    let class = |i: usize| CLASSES[bytes[i] as usize];
    let mut out = Vec::new();
    // Base64 runs (a wrapped block's lines are longer than MIN_ENCODED_LEN).
    long_runs(bytes, B64, MIN_ENCODED_LEN, |start, run_end| {
        let mut end = run_end;
        while end < bytes.len() && end - run_end < 2 && bytes[end] == b'=' {
            end += 1;
        }
        if let Some(block_end) = wrapped_block(bytes, start, run_end, end) {
            out.push((Encoding::Base64Wrapped, start..block_end));
            return block_end;
        }
        if run_end - start >= MIN_ENCODED_LEN {
            out.push((Encoding::Base64, start..end));
        }
        end
    });
    // Hex words: bounded by non-word characters on both sides.
    long_runs(bytes, WORD, MIN_HEX_LEN, |start, end| {
        if (end - start).is_multiple_of(2) && (start..end).all(|i| class(i) & HEX != 0) {
            out.push((Encoding::Hex, start..end));
        }
        end
    });
    percent_segments(bytes, &mut out);
    out
}

/// Adds the percent-encoded runs of `bytes` to `out`: runs of URL characters holding a `%XX`
/// escape (found from the escapes: `%` is rare).
fn percent_segments(bytes: &[u8], out: &mut Vec<(Encoding, Range<usize>)>) {
    let is_url = |i: usize| CLASSES[bytes[i] as usize] & URL != 0;
    for pct in memchr::memchr_iter(b'%', bytes) {
        let escaped = bytes
            .get(pct + 1..pct + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        if !escaped
            || out
                .last()
                .is_some_and(|(kind, r)| *kind == Encoding::Percent && r.contains(&pct))
        {
            continue;
        }
        let mut start = pct;
        while start > 0 && is_url(start - 1) {
            start -= 1;
        }
        let mut end = pct + 1;
        while end < bytes.len() && is_url(end) {
            end += 1;
        }
        out.push((Encoding::Percent, start..end));
    }
}

/// Shortest line of a wrapped base64 block (full lines are 64 or 76 wide in practice).
const MIN_WRAP_WIDTH: usize = 40;
// `encoded_segments` looks only at base64 runs of at least `MIN_ENCODED_LEN`.
const _: () = assert!(MIN_WRAP_WIDTH >= MIN_ENCODED_LEN);

/// When the base64 run `start..run_end` (`..end` with its `=` padding) fills its line (after
/// indentation) and the next lines continue it at the same width and indentation, the end of
/// the last such line's run: the block is one encoded value. The last line may be shorter.
fn wrapped_block(bytes: &[u8], start: usize, run_end: usize, end: usize) -> Option<usize> {
    let width = run_end - start;
    if width < MIN_WRAP_WIDTH || !width.is_multiple_of(4) || end != run_end {
        return None;
    }
    let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |p| p + 1);
    let indent = &bytes[line_start..start];
    if !indent.iter().all(|&b| b == b' ' || b == b'\t') {
        return None;
    }
    let line_break = |at: usize| match bytes.get(at..) {
        Some([b'\n', ..]) => Some(at + 1),
        Some([b'\r', b'\n', ..]) => Some(at + 2),
        _ => None,
    };
    let mut block_end = end;
    let mut lines = 1;
    let mut at = end;
    while let Some(next) = line_break(at) {
        let Some(rest) = bytes.get(next..).filter(|r| r.starts_with(indent)) else {
            break;
        };
        let run_start = next + indent.len();
        let run = rest[indent.len()..]
            .iter()
            .take_while(|&&b| CLASSES[b as usize] & B64 != 0)
            .count();
        if run == 0 || run > width {
            break;
        }
        let mut stop = run_start + run;
        while stop < bytes.len() && stop - (run_start + run) < 2 && bytes[stop] == b'=' {
            stop += 1;
        }
        // The line must hold the run only.
        let line_done = stop == bytes.len() || line_break(stop).is_some();
        if !line_done {
            break;
        }
        block_end = stop;
        lines += 1;
        at = stop;
        if run < width || stop > run_start + run {
            break;
        }
    }
    (lines >= 2).then_some(block_end)
}

/// A wrapped base64 block without its line breaks and indentation, decoded.
fn decode_base64_wrapped(segment: &[u8]) -> Option<Vec<u8>> {
    let joined: Vec<u8> = segment
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    decode_base64(&joined)
}

fn is_text_byte(b: u8) -> bool {
    b == b'\n' || b == b'\r' || b == b'\t' || (0x20..0x7f).contains(&b)
}

/// Decoded text is worth scanning when it is mostly printable.
fn printable(decoded: &[u8]) -> bool {
    if decoded.len() < 8 {
        return false;
    }
    let good = decoded.iter().filter(|&&b| is_text_byte(b)).count();
    good * 100 >= decoded.len() * 95
}

fn decode_base64(segment: &[u8]) -> Option<Vec<u8>> {
    use base64::engine::DecodePaddingMode;
    use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
    let config = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let standard = GeneralPurpose::new(&base64::alphabet::STANDARD, config);
    let url = GeneralPurpose::new(&base64::alphabet::URL_SAFE, config);
    let url_safe = segment.iter().any(|&b| b == b'-' || b == b'_');
    let engine = if url_safe { url } else { standard };
    engine.decode(segment).ok()
}

fn decode_hex(segment: &[u8]) -> Option<Vec<u8>> {
    fn nibble(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    segment
        .chunks_exact(2)
        .map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?))
        .collect()
}

fn decode_percent(segment: &[u8]) -> Option<Vec<u8>> {
    let decoded: Vec<u8> = percent_encoding::percent_decode(segment).collect();
    (decoded != segment).then_some(decoded)
}

type Decoder = fn(&[u8]) -> Option<Vec<u8>>;

fn decode_and_rescan(
    rules: &RuleSet,
    path: &str,
    bytes: &[u8],
    commit: Option<&str>,
    depth: usize,
    out: &mut Vec<Hit>,
) {
    for (encoding, range) in encoded_segments(bytes) {
        let segment = &bytes[range.clone()];
        let (name, decode): (&'static str, Decoder) = match encoding {
            Encoding::Base64 => ("base64", decode_base64),
            Encoding::Base64Wrapped => ("base64", decode_base64_wrapped),
            Encoding::Hex => ("hex", decode_hex),
            Encoding::Percent => ("percent", decode_percent),
        };
        {
            // Most candidates are identifiers or hashes that decode to noise: decode a short
            // head first (whole base64 quanta, whole hex bytes) and give up early.
            if encoding != Encoding::Percent
                && decode(&segment[..segment.len().min(16)])
                    .is_none_or(|h| !h.iter().all(|&b| is_text_byte(b)))
            {
                continue;
            }
            let Some(decoded) = decode(segment) else {
                continue;
            };
            if !printable(&decoded) {
                continue;
            }
            let mut inner = Vec::new();
            detect_layer(rules, path, &decoded, commit, depth + 1, &mut inner);
            for mut hit in inner {
                // Report at the encoded segment: that is what the user sees in the file.
                hit.secret_range = range.clone();
                hit.match_range = range.clone();
                hit.encodings.insert(0, name);
                out.push(hit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_checksum_is_checked() {
        // Build a token with a correct checksum from a fixed 30-character body.
        const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let body = b"Zq3L9xQw8ErT7yUi6oPa5sDf4gHj2k";
        let mut value = crc32fast::hash(body);
        let mut checksum = [b'0'; 6];
        for slot in checksum.iter_mut().rev() {
            *slot = BASE62[(value % 62) as usize];
            value /= 62;
        }
        let mut token = b"ghp_".to_vec();
        token.extend_from_slice(body);
        token.extend_from_slice(&checksum);
        assert!(github_checksum_ok(&token));
        let last = token.len() - 1;
        token[last] = if token[last] == b'A' { b'B' } else { b'A' };
        assert!(!github_checksum_ok(&token));
    }

    #[test]
    fn encoded_segments_are_found_in_one_pass() {
        let text = b"id = getElementsByTagName; k: aGVsbG8gd29ybGQgaGVsbG8=\nh 0123456789abcdef0123456789abcdef x_0123456789abcdef0123456789abcdef\nu=https://a.invalid/?q=p%40ss&x=1 \"%zz\"";
        let found: Vec<(Encoding, &str)> = encoded_segments(text)
            .into_iter()
            .map(|(e, r)| (e, std::str::from_utf8(&text[r]).unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                (Encoding::Base64, "getElementsByTagName"),
                (Encoding::Base64, "aGVsbG8gd29ybGQgaGVsbG8="),
                (Encoding::Base64, "0123456789abcdef0123456789abcdef"),
                (Encoding::Base64, "x_0123456789abcdef0123456789abcdef"),
                (Encoding::Hex, "0123456789abcdef0123456789abcdef"),
                (Encoding::Percent, "u=https://a.invalid/?q=p%40ss&x=1"),
            ]
        );
    }

    /// The search as it was before [`long_runs`]: every byte looked at.
    fn encoded_segments_bytewise(bytes: &[u8]) -> Vec<(Encoding, Range<usize>)> {
        let class = |i: usize| CLASSES[bytes[i] as usize];
        let mut out = Vec::new();
        // Base64 runs.
        let mut i = 0;
        while i < bytes.len() {
            if class(i) & B64 == 0 {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && class(i) & B64 != 0 {
                i += 1;
            }
            let mut end = i;
            while end < bytes.len() && end - i < 2 && bytes[end] == b'=' {
                end += 1;
            }
            if let Some(block_end) = wrapped_block(bytes, start, i, end) {
                out.push((Encoding::Base64Wrapped, start..block_end));
                i = block_end;
                continue;
            }
            if i - start >= MIN_ENCODED_LEN {
                out.push((Encoding::Base64, start..end));
            }
            i = end.max(i);
        }
        // Hex words: bounded by non-word characters on both sides.
        let mut i = 0;
        while i < bytes.len() {
            if class(i) & WORD == 0 {
                i += 1;
                continue;
            }
            let start = i;
            let mut all_hex = true;
            while i < bytes.len() && class(i) & WORD != 0 {
                all_hex &= class(i) & HEX != 0;
                i += 1;
            }
            let len = i - start;
            if all_hex && len >= 32 && len % 2 == 0 {
                out.push((Encoding::Hex, start..i));
            }
        }
        percent_segments(bytes, &mut out);
        out
    }

    #[test]
    fn encoded_segments_skipping_short_runs_finds_what_a_bytewise_search_finds() {
        use rand::{RngExt, SeedableRng};
        let pieces: &[&str] = &[
            " ", "\n", "=", "==", "%", "%4", "%41", "_", "-", "/", "+", "\"", ":", "\n  ",
        ];
        let alphabets: &[&[u8]] = &[
            b"0123456789abcdef",
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
            b"abcxyz_019",
        ];
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let mut seen = std::collections::HashMap::new();
        for _ in 0..3000 {
            let mut text = Vec::new();
            for _ in 0..rng.random_range(1..30) {
                if rng.random_bool(0.4) {
                    text.extend_from_slice(pieces[rng.random_range(0..pieces.len())].as_bytes());
                } else if rng.random_bool(0.1) {
                    // A wrapped block: lines of one width at one indentation.
                    let width = [40, 64, 76][rng.random_range(0..3)];
                    for _ in 0..rng.random_range(1..5) {
                        text.extend_from_slice(b"\n  ");
                        text.extend((0..width).map(|_| alphabets[1][rng.random_range(0..64)]));
                    }
                    text.extend_from_slice(&b"==\n"[rng.random_range(0..3)..]);
                } else {
                    let alphabet = alphabets[rng.random_range(0..alphabets.len())];
                    // Lengths around the limits (20, 32, 40 and wrapped lines of 40 to 76).
                    let len = [rng.random_range(0..24), rng.random_range(28..44), 64, 76]
                        [rng.random_range(0..4)];
                    text.extend((0..len).map(|_| alphabet[rng.random_range(0..alphabet.len())]));
                }
            }
            let found = encoded_segments(&text);
            assert_eq!(
                found,
                encoded_segments_bytewise(&text),
                "{}",
                String::from_utf8_lossy(&text)
            );
            for (encoding, _) in found {
                *seen.entry(encoding).or_insert(0) += 1;
            }
        }
        // Every kind of segment was among the inputs, many times.
        assert_eq!(seen.len(), 4, "{seen:?}");
        assert!(seen.values().all(|&n| n >= 100), "{seen:?}");
    }

    #[test]
    fn decoders() {
        assert_eq!(decode_hex(b"68656c6c6f").unwrap(), b"hello");
        assert_eq!(decode_base64(b"aGVsbG8gd29ybGQ").unwrap(), b"hello world");
        assert_eq!(decode_percent(b"p%40ss").unwrap(), b"p@ss");
        assert!(decode_percent(b"plain").is_none());
        assert!(printable(b"key=value and more"));
        assert!(!printable(&[0, 159, 146, 150, 1, 2, 3, 4, 5]));
    }

    fn long_file(lines: usize) -> String {
        use std::fmt::Write as _;
        (0..lines).fold(String::new(), |mut out, i| {
            let _ = writeln!(out, "let value_{i} = compute({i});");
            out
        })
    }

    #[test]
    fn only_the_lines_around_a_change_are_searched() {
        let rules = RuleSet::builtin().unwrap();
        let old = long_file(400);
        let new = old.replacen("compute(200)", "compute(201)", 1);
        let at = new.find("compute(201)").unwrap();
        let region = changed_region(&rules, new.as_bytes(), old.as_bytes());
        assert!(region.contains(&at), "{region:?}");
        assert!(region.len() < 200, "{region:?}");
        // Whole lines.
        assert!(region.start == 0 || new.as_bytes()[region.start - 1] == b'\n');
        assert_eq!(new.as_bytes()[region.end - 1], b'\n');
        // Lines only deleted: the lines that now meet are searched.
        let deleted = old.replacen("let value_200 = compute(200);\n", "", 1);
        let text = &deleted[changed_region(&rules, deleted.as_bytes(), old.as_bytes())];
        assert!(
            text.contains("compute(199)") && text.contains("compute(201)"),
            "{text}"
        );
    }

    #[test]
    fn a_keyword_near_a_change_widens_the_search_to_its_rules_reach() {
        let rules = RuleSet::builtin().unwrap();
        let old = long_file(400);
        let plain = changed_region(
            &rules,
            old.replacen("compute(200)", "compute(201)", 1).as_bytes(),
            old.as_bytes(),
        )
        .len();
        // `heroku` rules may match across a few lines: more context around the change.
        let with_keyword = old.replacen("compute(199)", "compute(199) # heroku", 1);
        let new = with_keyword.replacen("compute(200)", "compute(201)", 1);
        let region = changed_region(&rules, new.as_bytes(), with_keyword.as_bytes());
        assert!(region.len() > plain, "{} <= {plain}", region.len());
        // A key block near a change: the whole file.
        let with_key = old.replacen(
            "let value_150 = compute(150);",
            "-----BEGIN RSA PRIVATE KEY-----",
            1,
        );
        let new = with_key.replacen("compute(200)", "compute(201)", 1);
        assert_eq!(
            changed_region(&rules, new.as_bytes(), with_key.as_bytes()),
            0..new.len()
        );
    }

    #[test]
    fn versions_known_to_hold_no_key_block_narrow_the_look_for_one_to_the_change() {
        let rules = RuleSet::builtin().unwrap();
        let memo = &rules.changes.block_free;
        let v1 = long_file(400);
        // Outside a history scan nothing is remembered.
        assert!(detect(&rules, "a.rs", v1.as_bytes(), None).is_empty());
        assert!(!memo.contains(BlockFree::key(v1.as_bytes())));
        // In one, a file searched whole is remembered when it holds no block keyword.
        memo.activate();
        assert!(detect(&rules, "a.rs", v1.as_bytes(), None).is_empty());
        assert!(memo.contains(BlockFree::key(v1.as_bytes())));
        // A change that adds no block keyword: its version is remembered too.
        let v2 = v1.replacen(
            "let value_150 = compute(150);",
            "-----BEGIN RSA TEST PRIVATE KEY-----",
            1,
        );
        let region = changed_region(&rules, v2.as_bytes(), v1.as_bytes());
        assert!(region.len() < 400, "{region:?}");
        assert!(memo.contains(BlockFree::key(v2.as_bytes())));
        // A deletion that joins a block keyword from both sides of it: the whole file.
        let v3 = v2.replacen(" TEST", "", 1);
        assert_eq!(
            changed_region(&rules, v3.as_bytes(), v2.as_bytes()),
            0..v3.len()
        );
        assert!(!memo.contains(BlockFree::key(v3.as_bytes())));
        // And a change far from it in the next version still searches the whole file.
        let v4 = v3.replacen("compute(390)", "compute(391)", 1);
        assert_eq!(
            changed_region(&rules, v4.as_bytes(), v3.as_bytes()),
            0..v4.len()
        );
    }

    #[test]
    fn user_rules_that_search_whole_files_search_whole_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("user.toml");
        std::fs::write(
            &file,
            "[[rules]]\nid = \"mine\"\nregex = '''tok_[a-z]{12}'''\nkeywords = [\"tok_\"]\n",
        )
        .unwrap();
        let rules = RuleSet::from_file(&file).unwrap();
        let old = long_file(400);
        let new = old.replacen("compute(200)", "compute(201)", 1);
        assert_eq!(
            changed_region(&rules, new.as_bytes(), old.as_bytes()),
            0..new.len()
        );
    }
}
