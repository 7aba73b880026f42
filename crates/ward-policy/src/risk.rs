//! The 0-100 risk score of a finding. The formula, its weights and worked examples are in
//! `docs/RISK.md`; a test keeps the examples there and this code in agreement.
//!
//! ```text
//! score = clamp(round((base × confidence × reachability + exploit + fix) × context), 0, 100)
//! ```

use ward_core::{Confidence, Finding, Reachability, Risk, RiskBase, Severity};

use crate::policy::{Criticality, Exposure, ProjectContext};

/// Whether the vulnerable code of a dependency is reachable from the project's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Reachable,
    NotReachable,
    Unknown,
}

/// What the score is computed from. Engines that know more (a CVSS score, EPSS, KEV,
/// reachability, a fixed version) fill more of it; the rest stays `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskInputs {
    pub severity: Severity,
    pub confidence: Confidence,
    /// CVSS base score, 0.0-10.0.
    pub cvss: Option<f32>,
    /// EPSS probability of exploitation in the next 30 days, 0.0-1.0.
    pub epss: Option<f64>,
    /// Listed in CISA's Known Exploited Vulnerabilities catalogue.
    pub kev: bool,
    pub reach: Option<Reach>,
    /// `Some(true)` when a fixed version exists, `Some(false)` when the advisory has none,
    /// `None` when the question does not apply (a secret, a code finding).
    pub fix_available: Option<bool>,
}

impl RiskInputs {
    /// Inputs with only a severity and a confidence (a secret, a code finding).
    pub fn new(severity: Severity, confidence: Confidence) -> RiskInputs {
        RiskInputs {
            severity,
            confidence,
            cvss: None,
            epss: None,
            kev: false,
            reach: None,
            fix_available: None,
        }
    }

    /// The inputs a finding carries: a dependency finding adds its CVSS score, EPSS, KEV
    /// listing, reachability and whether a fixed version exists.
    pub fn of(finding: &Finding) -> RiskInputs {
        let mut inputs = RiskInputs::new(finding.severity, finding.confidence);
        if let Some(vuln) = &finding.detail.vulnerability {
            inputs.cvss = vuln.cvss.as_ref().map(|c| c.score);
            inputs.epss = vuln.epss.as_ref().map(|e| e.probability);
            inputs.kev = vuln.kev.is_some();
            inputs.reach = vuln.reachability.map(|r| match r {
                Reachability::Reachable => Reach::Reachable,
                Reachability::NotReachable => Reach::NotReachable,
                Reachability::Unknown => Reach::Unknown,
            });
            inputs.fix_available = Some(vuln.fixed_version.is_some());
        }
        inputs
    }
}

/// The base (0-100) per severity, for findings without a CVSS score.
pub fn severity_base(severity: Severity) -> f32 {
    match severity {
        Severity::Critical => 90.0,
        Severity::High => 70.0,
        Severity::Medium => 45.0,
        Severity::Low => 20.0,
        Severity::Info => 5.0,
    }
}

/// The factor per confidence.
pub fn confidence_factor(confidence: Confidence) -> f32 {
    match confidence {
        Confidence::High => 1.0,
        Confidence::Medium => 0.85,
        Confidence::Low => 0.6,
    }
}

/// The factor per reachability: reachable raises, not reachable lowers, unknown keeps.
pub fn reachability_factor(reach: Option<Reach>) -> f32 {
    match reach {
        Some(Reach::Reachable) => 1.15,
        Some(Reach::NotReachable) => 0.5,
        Some(Reach::Unknown) | None => 1.0,
    }
}

/// Points for evidence of exploitation: 20 when listed in KEV, else 20 × EPSS probability.
pub fn exploit_points(kev: bool, epss: Option<f64>) -> f32 {
    if kev {
        20.0
    } else {
        (20.0 * epss.unwrap_or(0.0).clamp(0.0, 1.0)) as f32
    }
}

/// Points when a fix is available.
pub fn fix_points(fix_available: Option<bool>) -> f32 {
    if fix_available == Some(true) {
        5.0
    } else {
        0.0
    }
}

/// The project's context factor: criticality × exposure.
pub fn context_factor(project: &ProjectContext) -> f32 {
    let criticality = match project.criticality {
        Criticality::Low => 0.8,
        Criticality::Medium => 1.0,
        Criticality::High => 1.1,
        Criticality::Critical => 1.2,
    };
    let exposure = match project.exposure {
        Exposure::Internal => 0.9,
        Exposure::Unspecified => 1.0,
        Exposure::Internet => 1.1,
    };
    criticality * exposure
}

/// Computes the score and keeps every component.
pub fn score(inputs: &RiskInputs, project: &ProjectContext) -> Risk {
    let (base, base_source) = match inputs.cvss {
        Some(cvss) => ((cvss.clamp(0.0, 10.0)) * 10.0, RiskBase::Cvss),
        None => (severity_base(inputs.severity), RiskBase::Severity),
    };
    let confidence = confidence_factor(inputs.confidence);
    let reachability = reachability_factor(inputs.reach);
    let exploit = exploit_points(inputs.kev, inputs.epss);
    let fix = fix_points(inputs.fix_available);
    let context = context_factor(project);
    let raw = (base * confidence * reachability + exploit + fix) * context;
    Risk {
        score: raw.round().clamp(0.0, 100.0) as u8,
        base: round2(base),
        base_source,
        confidence,
        reachability,
        exploit: round2(exploit),
        fix,
        context: round2(context),
    }
}

/// Two decimals, so JSON shows `1.21`, not `1.2100001`.
fn round2(value: f32) -> f32 {
    (value * 100.0).round() / 100.0
}

/// Sets `finding.risk` on every finding.
pub fn annotate(findings: &mut [Finding], project: &ProjectContext) {
    for finding in findings {
        finding.risk = Some(score(&RiskInputs::of(finding), project));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(criticality: Criticality, exposure: Exposure) -> ProjectContext {
        ProjectContext {
            criticality,
            exposure,
        }
    }

    /// The worked examples of `docs/RISK.md`, each computed by hand there.
    #[test]
    fn worked_examples_of_the_documentation() {
        let default = ProjectContext::default();
        // 1. A high-confidence secret, severity high, default project: 70 × 1.0 = 70.
        let secret = RiskInputs {
            ..RiskInputs::new(Severity::High, Confidence::High)
        };
        assert_eq!(score(&secret, &default).score, 70);
        // 2. A low-confidence generic password, severity medium: 45 × 0.6 = 27.
        let generic = RiskInputs {
            ..RiskInputs::new(Severity::Medium, Confidence::Low)
        };
        assert_eq!(score(&generic, &default).score, 27);
        // 3. CVSS 9.8, in KEV, reachable, fix available, critical internet-facing project:
        //    (98 × 1.0 × 1.15 + 20 + 5) × 1.32 = 181.8 -> 100.
        let kev = RiskInputs {
            cvss: Some(9.8),
            kev: true,
            reach: Some(Reach::Reachable),
            fix_available: Some(true),
            ..RiskInputs::new(Severity::Critical, Confidence::High)
        };
        let risk = score(&kev, &project(Criticality::Critical, Exposure::Internet));
        assert_eq!(risk.score, 100);
        assert!((risk.context - 1.32).abs() < 1e-6, "{}", risk.context);
        // 4. CVSS 7.5, EPSS 0.02, not reachable, no fix, internal low-criticality project:
        //    (75 × 1.0 × 0.5 + 0.4 + 0) × 0.72 = 27.29 -> 27.
        let quiet = RiskInputs {
            cvss: Some(7.5),
            epss: Some(0.02),
            reach: Some(Reach::NotReachable),
            fix_available: Some(false),
            ..RiskInputs::new(Severity::High, Confidence::High)
        };
        let risk = score(&quiet, &project(Criticality::Low, Exposure::Internal));
        assert_eq!(risk.score, 27);
        assert_eq!(risk.base_source, RiskBase::Cvss);
        assert!((risk.exploit - 0.4).abs() < 1e-6, "{}", risk.exploit);
    }

    #[test]
    fn each_component_moves_the_score_the_documented_way() {
        let default = ProjectContext::default();
        let base = RiskInputs {
            cvss: Some(7.0),
            ..RiskInputs::new(Severity::High, Confidence::High)
        };
        let s = |inputs: &RiskInputs| score(inputs, &default).score;
        let reachable = RiskInputs {
            reach: Some(Reach::Reachable),
            ..base.clone()
        };
        let unreachable = RiskInputs {
            reach: Some(Reach::NotReachable),
            ..base.clone()
        };
        assert!(s(&reachable) > s(&base) && s(&base) > s(&unreachable));
        let kev = RiskInputs {
            kev: true,
            ..base.clone()
        };
        let epss = RiskInputs {
            epss: Some(0.5),
            ..base.clone()
        };
        assert!(s(&kev) > s(&epss) && s(&epss) > s(&base));
        let fixable = RiskInputs {
            fix_available: Some(true),
            ..base.clone()
        };
        assert_eq!(s(&fixable), s(&base) + 5);
        let internet = score(&base, &project(Criticality::Medium, Exposure::Internet)).score;
        let internal = score(&base, &project(Criticality::Medium, Exposure::Internal)).score;
        assert!(internet > s(&base) && s(&base) > internal);
    }

    #[test]
    fn scores_stay_within_0_and_100() {
        let low = RiskInputs {
            cvss: Some(-3.0),
            epss: Some(-1.0),
            ..RiskInputs::new(Severity::Info, Confidence::Low)
        };
        assert_eq!(score(&low, &ProjectContext::default()).score, 0);
        let high = RiskInputs {
            cvss: Some(42.0),
            epss: Some(7.0),
            ..RiskInputs::new(Severity::Medium, Confidence::High)
        };
        assert_eq!(score(&high, &ProjectContext::default()).score, 100);
    }
}
