//! RPM package versions, `[epoch:]version[-release]`, ordered as rpm's `rpmvercmp` orders each
//! part: alphanumeric segments split on other characters; a number outranks letters; numbers
//! compare by value, letters by bytes; `~` sorts before anything (even the end), `^` after the
//! end but before any further segment. Hand-written: the algorithm is short and the crates that
//! carry it bring an rpm database reader with them.

use std::cmp::Ordering;

use super::{VersionError, cmp_digits};

/// `rpmvercmp` of one part (version or release).
fn rpmvercmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    let is_sep = |c: u8| !c.is_ascii_alphanumeric() && c != b'~' && c != b'^';
    loop {
        while a.first().is_some_and(|&c| is_sep(c)) {
            a = &a[1..];
        }
        while b.first().is_some_and(|&c| is_sep(c)) {
            b = &b[1..];
        }
        // Tilde: before anything, even the end.
        match (a.first() == Some(&b'~'), b.first() == Some(&b'~')) {
            (true, true) => {
                a = &a[1..];
                b = &b[1..];
                continue;
            }
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        // Caret: after the end, before any other segment.
        match (a.first() == Some(&b'^'), b.first() == Some(&b'^')) {
            (true, true) => {
                a = &a[1..];
                b = &b[1..];
                continue;
            }
            (true, false) => {
                return if b.is_empty() {
                    Ordering::Greater
                } else {
                    Ordering::Less
                };
            }
            (false, true) => {
                return if a.is_empty() {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
            }
            _ => {}
        }
        if a.is_empty() || b.is_empty() {
            return a.len().cmp(&b.len());
        }
        let numeric = a[0].is_ascii_digit();
        let take = |s: &[u8]| {
            s.iter()
                .take_while(|c| {
                    if numeric {
                        c.is_ascii_digit()
                    } else {
                        c.is_ascii_alphabetic()
                    }
                })
                .count()
        };
        let (la, lb) = (take(a), take(b));
        if lb == 0 {
            // Segments of different kinds: a number is newer than letters.
            return if numeric {
                Ordering::Greater
            } else {
                Ordering::Less
            };
        }
        let (sa, sb) = (
            std::str::from_utf8(&a[..la]).unwrap_or(""),
            std::str::from_utf8(&b[..lb]).unwrap_or(""),
        );
        let order = if numeric {
            cmp_digits(sa, sb)
        } else {
            sa.cmp(sb)
        };
        if order != Ordering::Equal {
            return order;
        }
        a = &a[la..];
        b = &b[lb..];
    }
}

struct Evr<'a> {
    epoch: &'a str,
    version: &'a str,
    release: Option<&'a str>,
}

fn parse(v: &str) -> Result<Evr<'_>, VersionError> {
    let text = v.trim();
    if text.is_empty() {
        return Err(VersionError::new(v, "RPM", Some("empty".into())));
    }
    let (epoch, rest) = match text.split_once(':') {
        Some((epoch, rest)) => {
            if epoch.is_empty() || !epoch.bytes().all(|b| b.is_ascii_digit()) {
                return Err(VersionError::new(
                    v,
                    "RPM",
                    Some("the epoch must be a number".into()),
                ));
            }
            (epoch, rest)
        }
        None => ("0", text),
    };
    let (version, release) = match rest.rsplit_once('-') {
        Some((version, release)) => (version, Some(release)),
        None => (rest, None),
    };
    Ok(Evr {
        epoch,
        version,
        release,
    })
}

pub fn compare(a: &str, b: &str) -> Result<Ordering, VersionError> {
    let (a, b) = (parse(a)?, parse(b)?);
    let order = cmp_digits(a.epoch, b.epoch).then_with(|| rpmvercmp(a.version, b.version));
    if order != Ordering::Equal {
        return Ok(order);
    }
    // A missing release matches any release (as rpm compares a requirement without one).
    Ok(match (a.release, b.release) {
        (Some(x), Some(y)) => rpmvercmp(x, y),
        _ => Ordering::Equal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lt(a: &str, b: &str) {
        assert_eq!(compare(a, b), Ok(Ordering::Less), "{a} < {b}");
        assert_eq!(compare(b, a), Ok(Ordering::Greater), "{b} > {a}");
    }

    #[test]
    fn rpmvercmp_documented_cases() {
        lt("1.0", "1.0.1");
        lt("1.0", "2.0");
        lt("2.0", "2.0.1");
        lt("1.9", "1.10");
        lt("1.0a", "1.0b");
        // A number outranks letters.
        lt("1.0a", "1.0.1");
        lt("a", "1");
        // Separators only separate.
        assert_eq!(compare("1.0", "1_0"), Ok(Ordering::Equal));
        assert_eq!(compare("2.0.1", "2..0.1"), Ok(Ordering::Equal));
        // Tilde: pre-releases before the release.
        lt("1.0~rc1", "1.0");
        lt("1.0~rc1", "1.0~rc2");
        lt("1.0~~", "1.0~");
        // Caret: after the release, before the next segment.
        lt("1.0", "1.0^git1");
        lt("1.0^git1", "1.0.1");
        lt("1.0^git1", "1.0^git2");
        // Leading zeros do not count.
        assert_eq!(compare("1.01", "1.1"), Ok(Ordering::Equal));
    }

    #[test]
    fn epoch_and_release() {
        lt("2.0-1", "1:1.0-1");
        lt("1.0-1.el9", "1.0-2.el9");
        lt("3.0.7-24.el9", "3.0.7-27.el9_4");
        assert_eq!(compare("0:1.0-1", "1.0-1"), Ok(Ordering::Equal));
        assert_eq!(compare("1.0", "1.0-5"), Ok(Ordering::Equal));
        assert!(compare("x:1.0", "1.0").is_err());
    }
}
