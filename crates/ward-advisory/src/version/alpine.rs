//! Alpine package versions, ordered as apk-tools orders them:
//! `digits{.digits}[letter]{_suffix[digits]}[~hash][-r<revision>]`. Pre-release suffixes
//! (`_alpha`, `_beta`, `_pre`, `_rc`) sort before the bare version, post-release ones
//! (`_cvs`, `_svn`, `_git`, `_hg`, `_p`) after it; `-r` revisions last. Hand-written: no
//! maintained crate implements apk's ordering.

use std::cmp::Ordering;

use super::{VersionError, cmp_digits};

/// The suffixes in apk's order; negative ranks sort before the bare version.
const SUFFIXES: [(&str, i8); 9] = [
    ("alpha", -4),
    ("beta", -3),
    ("pre", -2),
    ("rc", -1),
    ("cvs", 1),
    ("svn", 2),
    ("git", 3),
    ("hg", 4),
    ("p", 5),
];

#[derive(Debug)]
struct Parsed<'a> {
    numbers: Vec<&'a str>,
    letter: Option<u8>,
    suffixes: Vec<(i8, &'a str)>,
    revision: &'a str,
}

fn parse(v: &str) -> Result<Parsed<'_>, VersionError> {
    let error = |reason: &str| VersionError::new(v, "Alpine", Some(reason.to_owned()));
    let text = v.trim();
    let (text, revision) = match text.rsplit_once("-r") {
        Some((head, rev)) if !rev.is_empty() && rev.bytes().all(|b| b.is_ascii_digit()) => {
            (head, rev)
        }
        _ => (text, "0"),
    };
    // A `~<hash>` (git commit) does not order versions.
    let text = text.split_once('~').map_or(text, |(head, _)| head);
    let (main, suffix_text) = match text.find('_') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    let (main, letter) = match main.as_bytes().last() {
        Some(c) if c.is_ascii_lowercase() => (&main[..main.len() - 1], Some(*c)),
        _ => (main, None),
    };
    let numbers: Vec<&str> = main.split('.').collect();
    if numbers
        .iter()
        .any(|n| n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(error("expected digits separated by dots"));
    }
    let mut suffixes = Vec::new();
    if !suffix_text.is_empty() {
        for part in suffix_text.split('_') {
            let digits_at = part
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(part.len());
            let (name, number) = part.split_at(digits_at);
            let Some(&(_, rank)) = SUFFIXES.iter().find(|(s, _)| *s == name) else {
                return Err(error(&format!("unknown suffix `_{name}`")));
            };
            if !number.bytes().all(|b| b.is_ascii_digit()) {
                return Err(error("a suffix's number must be digits"));
            }
            suffixes.push((rank, if number.is_empty() { "0" } else { number }));
        }
    }
    Ok(Parsed {
        numbers,
        letter,
        suffixes,
        revision,
    })
}

pub fn compare(a: &str, b: &str) -> Result<Ordering, VersionError> {
    let a = parse(a)?;
    let b = parse(b)?;
    for (x, y) in a.numbers.iter().zip(&b.numbers) {
        let order = cmp_digits(x, y);
        if order != Ordering::Equal {
            return Ok(order);
        }
    }
    // More dotted numbers is newer (`1.2.1` after `1.2z`: a digit part outranks a letter).
    let order = a.numbers.len().cmp(&b.numbers.len());
    if order != Ordering::Equal {
        return Ok(order);
    }
    let order = a.letter.cmp(&b.letter);
    if order != Ordering::Equal {
        return Ok(order);
    }
    let len = a.suffixes.len().max(b.suffixes.len());
    for i in 0..len {
        let x = a.suffixes.get(i).copied().unwrap_or((0, "0"));
        let y = b.suffixes.get(i).copied().unwrap_or((0, "0"));
        let order = x.0.cmp(&y.0).then_with(|| cmp_digits(x.1, y.1));
        if order != Ordering::Equal {
            return Ok(order);
        }
    }
    Ok(cmp_digits(a.revision, b.revision))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lt(a: &str, b: &str) {
        assert_eq!(compare(a, b), Ok(Ordering::Less), "{a} < {b}");
        assert_eq!(compare(b, a), Ok(Ordering::Greater), "{b} > {a}");
    }

    #[test]
    fn apk_orderings() {
        // Pre-release suffixes before the release, in apk's order.
        lt("1.0_alpha1", "1.0_beta");
        lt("1.0_beta2", "1.0_pre1");
        lt("1.0_pre1", "1.0_rc1");
        lt("1.0_rc1", "1.0");
        lt("1.0_rc1", "1.0_rc2");
        // Post-release suffixes after it, and after any revision of it.
        lt("1.0", "1.0_p1");
        lt("1.0-r9", "1.0_p1");
        lt("1.0_git20240101", "1.0_p1");
        // Revisions compare as numbers.
        lt("1.1.1d-r2", "1.1.1d-r10");
        lt("1.0", "1.0-r1");
        // A letter after the numbers; more numbers is newer.
        lt("1.1.1d", "1.1.1g");
        lt("1.0", "1.0a");
        lt("1.0z", "1.0.1");
        lt("2.9", "2.10");
        assert_eq!(compare("1.2.3-r0", "1.2.3"), Ok(Ordering::Equal));
        // A commit hash does not order.
        assert_eq!(compare("1.0~abc123-r1", "1.0-r1"), Ok(Ordering::Equal));
    }

    #[test]
    fn malformed_versions_are_errors() {
        assert!(compare("1.0_weird1", "1.0").is_err());
        assert!(compare("", "1.0").is_err());
        assert!(compare("1..0", "1.0").is_err());
    }
}
