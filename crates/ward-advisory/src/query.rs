//! The question a dependency scanner asks: which advisories affect this version of this
//! package? Records that share an id or alias (the same CVE published by GHSA, PyPA and
//! RustSec) are merged into one answer listing every id.

use std::cmp::Ordering;
use std::sync::OnceLock;

use crate::Ecosystem;
use crate::index::{Index, IndexError};
use crate::matching::{self, Outcome};
use crate::model::{Advisory, AffectedFunction};
use crate::severity::{self, Scored};

/// One vulnerability affecting the version asked about (one or more merged records).
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// The primary id first (the ecosystem database's own), then every other id, sorted.
    pub ids: Vec<String>,
    /// The records merged into this match, the primary's first, without their ranges and
    /// version lists.
    pub advisories: Vec<Advisory>,
    /// The smallest version above the installed one that fixes every merged record.
    pub fixed: Option<String>,
    /// Ranges that were not evaluated (GIT).
    pub notes: Vec<String>,
    /// [`Match::cvss`], scored once: a scan reports the same match for every lockfile that
    /// pins the version.
    scored: OnceLock<Option<Scored>>,
}

/// An advisory that could not be evaluated for this version (an unparseable version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecided {
    pub advisory: String,
    pub reason: String,
}

impl Match {
    pub fn new(
        ids: Vec<String>,
        advisories: Vec<Advisory>,
        fixed: Option<String>,
        notes: Vec<String>,
    ) -> Self {
        Match {
            ids,
            advisories,
            fixed,
            notes,
            scored: OnceLock::new(),
        }
    }

    pub fn primary(&self) -> &Advisory {
        &self.advisories[0]
    }

    /// The newest scored CVSS vector among the merged records.
    pub fn cvss(&self) -> Option<&Scored> {
        self.scored
            .get_or_init(|| {
                self.advisories
                    .iter()
                    .filter_map(|a| severity::best_cvss(&a.cvss))
                    .max_by(|a, b| a.version.cmp(&b.version).then(a.score.total_cmp(&b.score)))
            })
            .as_ref()
    }

    /// A database severity word, when no CVSS vector scores.
    pub fn database_severity(&self) -> Option<&str> {
        self.advisories
            .iter()
            .find_map(|a| a.database_severity.as_deref())
    }

    /// RustSec's informational kind (`unmaintained`, `unsound`), when every record is one.
    pub fn informational(&self) -> Option<&str> {
        if self.advisories.iter().all(|a| a.informational.is_some()) {
            self.primary().informational.as_deref()
        } else {
            None
        }
    }

    pub fn summary(&self) -> Option<&str> {
        self.advisories.iter().find_map(|a| a.summary.as_deref())
    }
}

/// How preferred an id is as the primary one for an ecosystem: its own database first.
fn rank(id: &str, ecosystem: Option<Ecosystem>) -> u8 {
    let own = match ecosystem {
        Some(Ecosystem::CratesIo) => "RUSTSEC-",
        Some(Ecosystem::PyPI) => "PYSEC-",
        Some(Ecosystem::Go) => "GO-",
        // Distributions: their own advisories (DSA, DLA, USN, ALSA, RLSA, RHSA) first.
        Some(Ecosystem::Debian) => "DSA-",
        Some(Ecosystem::Ubuntu) => "USN-",
        Some(Ecosystem::Alpine) => "ALPINE-",
        Some(Ecosystem::RedHat) => "RHSA-",
        Some(Ecosystem::RockyLinux) => "RLSA-",
        Some(Ecosystem::AlmaLinux) => "ALSA-",
        _ => "GHSA-",
    };
    let second_own = matches!(ecosystem, Some(Ecosystem::Debian)) && id.starts_with("DLA-");
    if id.starts_with(own) || second_own {
        0
    } else if id.starts_with("GHSA-") {
        1
    } else if id.starts_with("CVE-") {
        3
    } else {
        2
    }
}

/// A copy of an advisory without its matching data (ranges and version lists, which can list
/// hundreds of versions): what a match needs to describe itself. Of its affected functions,
/// those affected in `version`.
fn slim(advisory: &Advisory, version: &str) -> Advisory {
    Advisory {
        id: advisory.id.clone(),
        aliases: advisory.aliases.clone(),
        summary: advisory.summary.clone(),
        details: advisory.details.clone(),
        published: advisory.published.clone(),
        modified: advisory.modified.clone(),
        cvss: advisory.cvss.clone(),
        database_severity: advisory.database_severity.clone(),
        informational: advisory.informational.clone(),
        references: advisory.references.clone(),
        ecosystem: advisory.ecosystem.clone(),
        package: advisory.package.clone(),
        ranges: Vec::new(),
        versions: Vec::new(),
        unaffected_reqs: Vec::new(),
        patched_reqs: Vec::new(),
        all_versions: advisory.all_versions,
        functions: matching::functions_at(advisory, version)
            .into_iter()
            .map(AffectedFunction::everywhere)
            .collect(),
        kev: advisory.kev.clone(),
        epss: advisory.epss,
    }
}

/// The representative of `i`'s set in a union-find forest.
fn root(group: &mut [usize], mut i: usize) -> usize {
    while group[i] != i {
        group[i] = group[group[i]];
        i = group[i];
    }
    i
}

/// The vulnerabilities of one installed package version.
pub fn check_package(
    index: &Index,
    ecosystem: &str,
    name: &str,
    version: &str,
) -> Result<(Vec<Match>, Vec<Undecided>), IndexError> {
    let advisories = index.lookup(ecosystem, name)?;
    Ok(check_advisories(&advisories, ecosystem, version))
}

/// Matches a version against a package's advisories and merges aliases.
pub fn check_advisories(
    advisories: &[Advisory],
    ecosystem: &str,
    version: &str,
) -> (Vec<Match>, Vec<Undecided>) {
    let eco = Ecosystem::from_osv(ecosystem);
    let mut hits: Vec<(Advisory, matching::Affected)> = Vec::new();
    let mut undecided = Vec::new();
    for advisory in advisories {
        match matching::check(advisory, version) {
            Outcome::Affected(affected) => hits.push((slim(advisory, version), affected)),
            Outcome::NotAffected => {}
            Outcome::Undecided(reason) => undecided.push(Undecided {
                advisory: advisory.id.clone(),
                reason,
            }),
        }
    }
    // Union of records that share any id.
    let mut group: Vec<usize> = (0..hits.len()).collect();
    for i in 0..hits.len() {
        for j in i + 1..hits.len() {
            if hits[i]
                .0
                .ids()
                .any(|id| hits[j].0.ids().any(|other| other == id))
            {
                let (a, b) = (root(&mut group, i), root(&mut group, j));
                group[b] = a;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<(Advisory, matching::Affected)>> =
        std::collections::BTreeMap::new();
    let roots: Vec<usize> = (0..hits.len()).map(|i| root(&mut group, i)).collect();
    for (hit, r) in hits.into_iter().zip(roots) {
        groups.entry(r).or_default().push(hit);
    }
    let compare = |a: &str, b: &str| -> Ordering {
        eco.map_or_else(
            || crate::version::semver::compare(a, b),
            |eco| eco.compare(a, b),
        )
        .unwrap_or(Ordering::Equal)
    };
    let mut matches: Vec<Match> = groups
        .into_values()
        .map(|mut members| {
            members.sort_by(|a, b| {
                rank(&a.0.id, eco)
                    .cmp(&rank(&b.0.id, eco))
                    .then_with(|| a.0.id.cmp(&b.0.id))
            });
            // A version that fixes every record: the largest of their smallest fixes.
            let fixed = members
                .iter()
                .filter_map(|(_, affected)| affected.fixed.clone())
                .max_by(|a, b| compare(a, b));
            let mut notes: Vec<String> = members
                .iter()
                .flat_map(|(_, affected)| affected.notes.iter().cloned())
                .collect();
            notes.sort();
            notes.dedup();
            let primary = members[0].0.id.clone();
            let mut others: Vec<String> = members
                .iter()
                .flat_map(|(a, _)| a.ids().map(str::to_owned).collect::<Vec<_>>())
                .filter(|id| *id != primary)
                .collect();
            others.sort_by(|a, b| rank(a, eco).cmp(&rank(b, eco)).then_with(|| a.cmp(b)));
            others.dedup();
            let mut ids = vec![primary];
            ids.extend(others);
            Match::new(
                ids,
                members.into_iter().map(|(a, _)| a).collect(),
                fixed,
                notes,
            )
        })
        .collect();
    matches.sort_by(|a, b| a.ids[0].cmp(&b.ids[0]));
    (matches, undecided)
}
