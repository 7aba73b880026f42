//! SemVer 2.0 precedence (crates.io, npm, Hex, Pub, and OSV `SEMVER` ranges).
//!
//! Build metadata is ignored, as SemVer says (`1.0.0+a` equals `1.0.0+b`). A leading `v` or `=`
//! and missing minor/patch numbers (`1.2`) are accepted, because advisories write them.

use std::cmp::Ordering;

use super::VersionError;

/// Parses a version leniently: `v1.2` is `1.2.0`.
pub fn parse(text: &str) -> Result<semver::Version, VersionError> {
    let trimmed = text.trim().trim_start_matches(['v', 'V', '=']);
    let split = trimmed.find(['-', '+']).unwrap_or(trimmed.len());
    let (core, rest) = trimmed.split_at(split);
    let parts = core.split('.').count();
    let padded = match parts {
        1 => format!("{core}.0.0{rest}"),
        2 => format!("{core}.0{rest}"),
        _ => trimmed.to_owned(),
    };
    semver::Version::parse(&padded)
        .map_err(|e| VersionError::new(text, "SemVer", Some(e.to_string())))
}

pub fn compare(a: &str, b: &str) -> Result<Ordering, VersionError> {
    Ok(parse(a)?.cmp_precedence(&parse(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lt(a: &str, b: &str) {
        assert_eq!(compare(a, b).unwrap(), Ordering::Less, "{a} < {b}");
        assert_eq!(compare(b, a).unwrap(), Ordering::Greater, "{b} > {a}");
    }

    #[test]
    fn precedence_follows_the_semver_spec_example() {
        // The chain from semver.org §11.
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "2.0.0",
            "2.1.0",
            "2.1.1",
        ];
        for pair in chain.windows(2) {
            lt(pair[0], pair[1]);
        }
    }

    #[test]
    fn build_metadata_is_ignored_and_short_forms_are_padded() {
        assert_eq!(compare("1.0.0+a", "1.0.0+b").unwrap(), Ordering::Equal);
        assert_eq!(compare("v1.2", "1.2.0").unwrap(), Ordering::Equal);
        lt("0.0.0-0", "0.0.0");
        lt("1.9.0", "1.10.0");
        assert!(compare("not-a-version", "1.0.0").is_err());
    }
}
