//! Composer (Packagist) versions, ordered as PHP's `version_compare` after Composer's
//! normalisation: a leading `v` dropped, the numeric part padded to four numbers, `-`, `_`, `+`
//! as `.`, a letter/digit change as a `.`; special words order
//! `dev < alpha = a < beta = b < RC = rc < (number) < pl = p = patch`, other words before `dev`.

use std::cmp::Ordering;

use super::{VersionError, cmp_digits, tokens};

fn rank(token: &str) -> Option<i8> {
    Some(match token.to_ascii_lowercase().as_str() {
        "dev" => 0,
        "alpha" | "a" => 1,
        "beta" | "b" => 2,
        "rc" => 3,
        "pl" | "p" | "patch" => 5,
        _ => return None,
    })
}

fn parse(text: &str) -> Result<Vec<String>, VersionError> {
    let trimmed = text.trim();
    let trimmed = trimmed.strip_prefix(['v', 'V']).unwrap_or(trimmed);
    if trimmed.is_empty()
        || !trimmed.starts_with(|c: char| c.is_ascii_digit())
        || !trimmed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
    {
        return Err(VersionError::new(text, "Composer", None));
    }
    let parts: Vec<String> = tokens(trimmed, &['.', '-', '_', '+'])
        .into_iter()
        .map(str::to_owned)
        .collect();
    let numeric = parts
        .iter()
        .take_while(|p| p.bytes().all(|b| b.is_ascii_digit()))
        .count();
    let mut out: Vec<String> = parts[..numeric].to_vec();
    while out.len() < 4 {
        out.push("0".into());
    }
    out.extend(parts[numeric..].iter().cloned());
    Ok(out)
}

fn cmp_token(a: &str, b: &str) -> Ordering {
    let a_num = a.bytes().all(|c| c.is_ascii_digit());
    let b_num = b.bytes().all(|c| c.is_ascii_digit());
    if a_num && b_num {
        return cmp_digits(a, b);
    }
    let rank_of = |t: &str, num: bool| if num { 4 } else { rank(t).unwrap_or(-1) };
    rank_of(a, a_num).cmp(&rank_of(b, b_num))
}

/// Where one version runs out: a number left on the other side makes it newer, a
/// pre-release word older, `pl` newer.
fn cmp_missing(token: &str) -> Ordering {
    if token.bytes().all(|c| c.is_ascii_digit()) {
        Ordering::Greater
    } else {
        match rank(token) {
            Some(5) => Ordering::Greater,
            _ => Ordering::Less,
        }
    }
}

pub fn compare(a: &str, b: &str) -> Result<Ordering, VersionError> {
    let (left, right) = (parse(a)?, parse(b)?);
    for i in 0..left.len().max(right.len()) {
        let order = match (left.get(i), right.get(i)) {
            (Some(mine), Some(theirs)) => cmp_token(mine, theirs),
            (Some(mine), None) => cmp_missing(mine),
            (None, Some(theirs)) => cmp_missing(theirs).reverse(),
            (None, None) => Ordering::Equal,
        };
        if order != Ordering::Equal {
            return Ok(order);
        }
    }
    Ok(Ordering::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composer_orderings() {
        let chain = [
            "1.0.0-dev",
            "1.0.0-alpha1",
            "1.0.0-alpha2",
            "1.0.0-beta1",
            "1.0.0-RC1",
            "1.0.0",
            "1.0.0-pl1",
            "1.0.1",
            "1.10.0",
        ];
        for pair in chain.windows(2) {
            assert_eq!(
                compare(pair[0], pair[1]).unwrap(),
                Ordering::Less,
                "{pair:?}"
            );
        }
        assert_eq!(compare("v1.2", "1.2.0.0").unwrap(), Ordering::Equal);
        assert_eq!(compare("1.0.0-rc1", "1.0.0RC1").unwrap(), Ordering::Equal);
        assert!(compare("dev-master", "1.0").is_err());
    }
}
