//! Go module versions: SemVer with a `v` prefix; `+incompatible` (a v2+ module without a
//! `/vN` path) orders as the version without it; pseudo-versions
//! (`v0.0.0-20200124225646-8b5121be2f68`) are SemVer pre-releases and order by their timestamp.
//! Toolchain versions (`go1.21`, `1.21rc2`) are read as the Go vulnerability database writes
//! them (`1.21.0`, `1.21.0-rc.2`).

use std::cmp::Ordering;

use super::VersionError;

fn normalize(text: &str) -> String {
    let text = text.trim();
    let text = text.strip_prefix("go").unwrap_or(text);
    let text = text.strip_suffix("+incompatible").unwrap_or(text);
    let text = text.strip_prefix('v').unwrap_or(text);
    // Toolchain pre-releases: 1.21rc2 -> 1.21.0-rc.2, 1.20beta1 -> 1.20.0-beta.1.
    for tag in ["rc", "beta"] {
        if let Some(pos) = text.find(tag)
            && !text.contains('-')
        {
            let (core, rest) = text.split_at(pos);
            let number = &rest[tag.len()..];
            let core = if core.matches('.').count() == 1 {
                format!("{core}.0")
            } else {
                core.to_owned()
            };
            return format!("{core}-{tag}.{number}");
        }
    }
    text.to_owned()
}

pub fn parse(text: &str) -> Result<semver::Version, VersionError> {
    super::semver::parse(&normalize(text))
        .map_err(|e| VersionError::new(text, "Go module", e.reason))
}

pub fn compare(a: &str, b: &str) -> Result<Ordering, VersionError> {
    Ok(parse(a)?.cmp_precedence(&parse(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lt(a: &str, b: &str) {
        assert_eq!(compare(a, b).unwrap(), Ordering::Less, "{a} < {b}");
    }

    #[test]
    fn go_orderings() {
        assert_eq!(compare("v1.2.3", "1.2.3").unwrap(), Ordering::Equal);
        assert_eq!(
            compare("v2.0.0+incompatible", "2.0.0").unwrap(),
            Ordering::Equal
        );
        // Pseudo-versions sort before the release they precede and by timestamp.
        lt(
            "v0.0.0-20191109021931-daa7c04131f5",
            "v0.0.0-20200124225646-8b5121be2f68",
        );
        lt("v0.0.0-20200124225646-8b5121be2f68", "v0.0.1");
        // A pseudo-version based on v1.2.3 (v1.2.4-0.…) sorts after v1.2.3, before v1.2.4.
        lt("v1.2.3", "v1.2.4-0.20200124225646-8b5121be2f68");
        lt("v1.2.4-0.20200124225646-8b5121be2f68", "v1.2.4");
        lt("1.21rc2", "1.21.0");
        lt("go1.20.5", "go1.21");
        assert!(compare("vx.y", "v1").is_err());
    }
}
