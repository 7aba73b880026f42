//! PEP 440 (PyPI), by `pep440_rs`: epochs, pre-, post- and dev-releases, local versions.

use std::cmp::Ordering;
use std::str::FromStr;

use super::VersionError;

pub fn parse(text: &str) -> Result<pep440_rs::Version, VersionError> {
    pep440_rs::Version::from_str(text.trim())
        .map_err(|e| VersionError::new(text, "PEP 440", Some(e.to_string())))
}

pub fn compare(a: &str, b: &str) -> Result<Ordering, VersionError> {
    Ok(parse(a)?.cmp(&parse(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep440_ordering_of_the_spec_examples() {
        // The summary ordering from PEP 440 "Summary of permitted suffixes and relative ordering".
        let chain = [
            "1.dev0",
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0rc1.dev456",
            "1.0rc1",
            "1.0",
            "1.0+abc.5",
            "1.0+abc.7",
            "1.0+5",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.0.15",
            "1.1.dev1",
            "1!0.1",
        ];
        for pair in chain.windows(2) {
            assert_eq!(
                compare(pair[0], pair[1]).unwrap(),
                Ordering::Less,
                "{} < {}",
                pair[0],
                pair[1]
            );
        }
        assert_eq!(compare("1.0", "1.0.0").unwrap(), Ordering::Equal);
        assert_eq!(compare("1.0.0-RC1", "1.0rc1").unwrap(), Ordering::Equal);
        assert!(compare("1.0-foo-bar", "1.0").is_err());
    }
}
