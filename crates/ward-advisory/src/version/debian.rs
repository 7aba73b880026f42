//! Debian (and Ubuntu) package versions, ordered as dpkg orders them: `[epoch:]upstream[-revision]`,
//! where `~` sorts before anything (even the end), letters before other characters, and runs of
//! digits numerically. The `debversion` crate implements dpkg's algorithm.

use std::cmp::Ordering;

use super::VersionError;

fn parse(v: &str) -> Result<debversion::Version, VersionError> {
    v.trim()
        .parse::<debversion::Version>()
        .map_err(|e| VersionError::new(v, "Debian", Some(e.to_string())))
}

pub fn compare(a: &str, b: &str) -> Result<Ordering, VersionError> {
    Ok(parse(a)?.cmp(&parse(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lt(a: &str, b: &str) {
        assert_eq!(compare(a, b), Ok(Ordering::Less), "{a} < {b}");
        assert_eq!(compare(b, a), Ok(Ordering::Greater), "{b} > {a}");
    }

    #[test]
    fn dpkg_documented_orderings() {
        // deb-version(7): `~` sorts before everything, even the end of a part.
        lt("1.0~rc1-1", "1.0-1");
        lt("1.0~~", "1.0~");
        lt("1.0~", "1.0");
        lt("1.0", "1.0a");
        // An epoch outweighs everything after it.
        lt("2.0-1", "1:1.0-1");
        assert_eq!(compare("0:1.2-3", "1.2-3"), Ok(Ordering::Equal));
        // Digits compare as numbers; the revision breaks ties.
        lt("1.9-1", "1.10-1");
        lt("3.0.11-1~deb12u1", "3.0.11-1~deb12u2");
        lt("3.0.11-1~deb12u2", "3.0.11-1");
        lt("2.36-9+deb12u3", "2.36-9+deb12u10");
        // Letters sort before non-letters (`+` after `a`).
        lt("1.0a", "1.0+");
    }

    #[test]
    fn an_invalid_version_is_an_error_naming_it() {
        let error = compare("not a version!", "1.0").unwrap_err();
        assert_eq!(error.version, "not a version!");
    }
}
