//! NuGet versions: up to four numbers (`1.2.3.4`, missing ones are zero), an optional
//! SemVer 2.0 pre-release compared case-insensitively, build metadata ignored.

use std::cmp::Ordering;

use super::{VersionError, cmp_digits};

fn parse(text: &str) -> Result<(Vec<&str>, Option<&str>), VersionError> {
    let trimmed = text.trim();
    let trimmed = trimmed.split('+').next().unwrap_or(trimmed);
    let (core, pre) = match trimmed.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (trimmed, None),
    };
    let numbers: Vec<&str> = core.split('.').collect();
    let valid = (1..=4).contains(&numbers.len())
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        && pre.is_none_or(|p| {
            !p.is_empty()
                && p.split('.').all(|label| {
                    !label.is_empty()
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                })
        });
    if valid {
        Ok((numbers, pre))
    } else {
        Err(VersionError::new(text, "NuGet", None))
    }
}

fn cmp_label(a: &str, b: &str) -> Ordering {
    let a_num = a.bytes().all(|c| c.is_ascii_digit());
    let b_num = b.bytes().all(|c| c.is_ascii_digit());
    match (a_num, b_num) {
        (true, true) => cmp_digits(a, b),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => a.to_ascii_lowercase().cmp(&b.to_ascii_lowercase()),
    }
}

pub fn compare(a: &str, b: &str) -> Result<Ordering, VersionError> {
    let (left, left_pre) = parse(a)?;
    let (right, right_pre) = parse(b)?;
    for i in 0..4 {
        let order = cmp_digits(left.get(i).unwrap_or(&"0"), right.get(i).unwrap_or(&"0"));
        if order != Ordering::Equal {
            return Ok(order);
        }
    }
    Ok(match (left_pre, right_pre) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(mine), Some(theirs)) => {
            let mine: Vec<&str> = mine.split('.').collect();
            let theirs: Vec<&str> = theirs.split('.').collect();
            mine.iter()
                .zip(&theirs)
                .map(|(l, r)| cmp_label(l, r))
                .find(|o| *o != Ordering::Equal)
                .unwrap_or_else(|| mine.len().cmp(&theirs.len()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nuget_orderings() {
        let chain = [
            "1.0.0-alpha",
            "1.0.0-Alpha.2",
            "1.0.0-beta",
            "1.0.0",
            "1.0.0.1",
            "1.0.1",
        ];
        for pair in chain.windows(2) {
            assert_eq!(
                compare(pair[0], pair[1]).unwrap(),
                Ordering::Less,
                "{pair:?}"
            );
        }
        assert_eq!(compare("1.0", "1.0.0.0").unwrap(), Ordering::Equal);
        assert_eq!(compare("1.0.0-RC1", "1.0.0-rc1").unwrap(), Ordering::Equal);
        assert_eq!(compare("1.0.0+abc", "1.0.0").unwrap(), Ordering::Equal);
        assert!(compare("1.0.0.0.0", "1").is_err());
    }
}
