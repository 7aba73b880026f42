//! RubyGems versions (`Gem::Version`): dot-separated segments, a run of letters starts a
//! pre-release segment (`1.0.a1` is `1.0.a.1`), a `-` means `.pre.`; missing numeric segments
//! count as zero (`1.0` equals `1.0.0`), a letter segment sorts before any number, and letter
//! segments compare as text.

use std::cmp::Ordering;

use super::{VersionError, cmp_digits, tokens};

#[derive(Debug, PartialEq, Eq)]
enum Segment<'a> {
    Number(&'a str),
    Text(&'a str),
}

fn parse(text: &str) -> Result<Vec<Segment<'_>>, VersionError> {
    let trimmed = text.trim();
    if trimmed.is_empty()
        || !trimmed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        || !trimmed.starts_with(|c: char| c.is_ascii_digit())
    {
        return Err(VersionError::new(text, "RubyGems", None));
    }
    let mut segments: Vec<Segment<'_>> = tokens(trimmed, &['.'])
        .into_iter()
        .flat_map(|t| {
            // `-` is `.pre.`: a text segment that sorts before the release.
            t.split('-').enumerate().flat_map(|(i, part)| {
                let pre = (i > 0).then_some(Segment::Text("pre"));
                pre.into_iter()
                    .chain((!part.is_empty()).then(|| classify(part)))
            })
        })
        .collect();
    // Trailing zeros do not count (1.0.0 == 1), nor zeros just before a text segment.
    while matches!(segments.last(), Some(Segment::Number(n)) if n.trim_start_matches('0').is_empty())
    {
        segments.pop();
    }
    Ok(segments)
}

fn classify(token: &str) -> Segment<'_> {
    if token.bytes().all(|b| b.is_ascii_digit()) {
        Segment::Number(token)
    } else {
        Segment::Text(token)
    }
}

pub fn compare(a: &str, b: &str) -> Result<Ordering, VersionError> {
    let left = parse(a)?;
    let right = parse(b)?;
    for i in 0..left.len().max(right.len()) {
        let order = match (left.get(i), right.get(i)) {
            (Some(Segment::Number(x)), Some(Segment::Number(y))) => cmp_digits(x, y),
            (Some(Segment::Text(x)), Some(Segment::Text(y))) => x.cmp(y),
            (Some(Segment::Number(_)) | None, Some(Segment::Text(_))) => Ordering::Greater,
            (Some(Segment::Text(_)), Some(Segment::Number(_)) | None) => Ordering::Less,
            (Some(Segment::Number(x)), None) => cmp_digits(x, "0"),
            (None, Some(Segment::Number(y))) => cmp_digits("0", y),
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
    fn gem_version_orderings() {
        // From Gem::Version's documentation: 1.0.a.2 < 1.0.b1 < 1.0 < 1.0.1 ...
        let chain = [
            "1.0.a.2", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "1.1", "1.10", "2.0.0",
        ];
        for pair in chain.windows(2) {
            assert_eq!(
                compare(pair[0], pair[1]).unwrap(),
                Ordering::Less,
                "{pair:?}"
            );
        }
        assert_eq!(compare("1.0", "1.0.0").unwrap(), Ordering::Equal);
        assert_eq!(compare("1.0.a1", "1.0.a.1").unwrap(), Ordering::Equal);
        assert_eq!(
            compare("1.0.0-rc1", "1.0.0.pre.rc1").unwrap(),
            Ordering::Equal
        );
        assert!(compare("junk!", "1").is_err());
    }
}
