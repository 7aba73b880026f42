//! Dates without a date library: Ward needs only UTC calendar dates (ignore entry expiry,
//! commit dates), which a few lines of arithmetic give exactly.

/// `2026-01-02T03:04:05Z` for a Unix time (UTC). Days become a civil date by Howard Hinnant's
/// `civil_from_days` algorithm.
pub fn iso_datetime(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3_600,
        secs % 3_600 / 60,
        secs % 60
    )
}

/// Today's date in UTC, `YYYY-MM-DD`. `WARD_TODAY` overrides it (tests, and reproducing a
/// CI run on another day).
pub fn today() -> String {
    if let Ok(today) = std::env::var("WARD_TODAY")
        && is_date(&today)
    {
        return today;
    }
    iso_datetime(now_unix())[..10].to_owned()
}

/// Seconds since the Unix epoch, now.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Whether `text` is a `YYYY-MM-DD` date with a plausible month and day.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&text[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&text[8..10].parse::<u32>().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_times_become_utc_dates() {
        assert_eq!(iso_datetime(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_datetime(1_767_323_045), "2026-01-02T03:04:05Z");
        assert_eq!(iso_datetime(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_datetime(-86_400), "1969-12-31T00:00:00Z");
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2026-12-31"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("31/12/2026"));
        assert!(is_date(&today()));
    }
}
