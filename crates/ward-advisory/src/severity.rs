//! Severity of an advisory: the CVSS base score of its newest vector (scored by the `cvss`
//! crate: v2, v3.0, v3.1, v4.0), else the database's own word (GHSA's `MODERATE`, …).

use std::str::FromStr;

use ward_core::Severity;

/// A scored CVSS vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub vector: String,
    pub score: f32,
    pub version: String,
}

/// Scores the vectors and keeps the one of the newest CVSS version (v4 over v3.1 over v3.0
/// over v2). Vectors that do not parse are passed over.
pub fn best_cvss(vectors: &[String]) -> Option<Scored> {
    vectors
        .iter()
        .filter_map(|vector| {
            let parsed = cvss::Cvss::from_str(vector.trim()).ok()?;
            let version = match parsed {
                cvss::Cvss::CvssV20(_) => "2.0",
                cvss::Cvss::CvssV30(_) => "3.0",
                cvss::Cvss::CvssV31(_) => "3.1",
                cvss::Cvss::CvssV40(_) => "4.0",
                _ => return None,
            };
            Some(Scored {
                vector: vector.trim().to_owned(),
                score: (parsed.score() * 10.0).round() as f32 / 10.0,
                version: version.to_owned(),
            })
        })
        .max_by(|a, b| a.version.cmp(&b.version))
}

/// CVSS's qualitative rating of a base score (0.0 is none: info here).
pub fn from_score(score: f32) -> Severity {
    match score {
        s if s >= 9.0 => Severity::Critical,
        s if s >= 7.0 => Severity::High,
        s if s >= 4.0 => Severity::Medium,
        s if s > 0.0 => Severity::Low,
        _ => Severity::Info,
    }
}

/// A database's severity word.
pub fn from_word(word: &str) -> Option<Severity> {
    Some(match word.to_ascii_lowercase().as_str() {
        "critical" => Severity::Critical,
        "high" | "important" => Severity::High,
        "moderate" | "medium" => Severity::Medium,
        "low" => Severity::Low,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_v3_and_v4_and_prefers_the_newest() {
        let v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".to_owned();
        let v40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N".to_owned();
        let scored = best_cvss(std::slice::from_ref(&v31)).unwrap();
        assert!((scored.score - 9.8).abs() < 0.01);
        assert_eq!(scored.version, "3.1");
        let scored = best_cvss(&[v31, v40, "junk".into()]).unwrap();
        assert_eq!(scored.version, "4.0");
        assert!((scored.score - 9.3).abs() < 0.01);
        assert_eq!(from_score(9.3), Severity::Critical);
        assert_eq!(from_score(5.0), Severity::Medium);
        assert_eq!(from_word("MODERATE"), Some(Severity::Medium));
    }
}
