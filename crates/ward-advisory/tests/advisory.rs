//! The advisory side end to end: fixtures copied from the real databases in `shared/data`
//! (RustSec OSV and Markdown, PyPA YAML, Go, Kubernetes, KEV, EPSS) and hand-written records.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use ward_advisory::enrich;
use ward_advisory::index::{self, Enrichment, Index, IndexError, SourceMeta};
use ward_advisory::load::{self, Loaded};
use ward_advisory::query;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn enrichment() -> Enrichment {
    let kev_path = fixtures().join("kev.json");
    let (kev, version) =
        enrich::parse_kev("kev.json", &std::fs::read_to_string(&kev_path).unwrap()).unwrap();
    let mut epss = HashMap::new();
    enrich::parse_epss(
        "epss.csv",
        &std::fs::read_to_string(fixtures().join("epss.csv")).unwrap(),
        &mut epss,
    )
    .unwrap();
    Enrichment {
        kev,
        kev_paths: vec!["kev.json".into()],
        kev_version: version,
        epss,
        epss_paths: vec!["epss.csv".into()],
    }
}

fn build(loaded: Loaded, dir: &Path) -> Index {
    let sources = loaded
        .sources
        .iter()
        .map(|s| SourceMeta {
            path: s.path.clone(),
            records: s.records as u64,
            withdrawn: s.withdrawn as u64,
            broken: s.broken as u64,
        })
        .collect();
    let bytes = index::build(loaded.advisories, sources, &enrichment(), 0);
    index::write(dir, &bytes).unwrap();
    Index::open(dir).unwrap()
}

fn fixture_index() -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load::load_paths(&[fixtures()]).unwrap();
    let index = build(loaded, dir.path());
    (dir, index)
}

#[test]
fn loading_counts_records_withdrawn_broken_and_other_files() {
    let loaded = load::load_paths(&[fixtures()]).unwrap();
    let source = &loaded.sources[0];
    // 4 RustSec OSV (one withdrawn) + 1 Kubernetes + 1 RustSec Markdown + 1 PyPA + 1 Go
    // + 3 hand-written readable records.
    assert_eq!(source.records, 10, "{source:?}");
    assert_eq!(source.withdrawn, 1);
    assert_eq!(source.broken, 1);
    let problem = &loaded.problems[0];
    assert!(problem.path.ends_with("broken.json"), "{problem}");
    assert_eq!(
        problem.line,
        Some(2),
        "the JSON error names its line: {problem}"
    );
    // README.md, kev.json (not a record), epss.csv.
    assert_eq!(source.other_files, 3);
}

#[test]
fn aliases_merge_into_one_match_with_the_ecosystem_id_first() {
    let (_dir, index) = fixture_index();
    // RUSTSEC-2021-0003 (OSV and Markdown copies) and a GHSA twin: one match.
    let (matches, undecided) =
        query::check_package(&index, "crates.io", "smallvec", "1.6.0").unwrap();
    assert!(undecided.is_empty());
    assert_eq!(matches.len(), 1, "{matches:#?}");
    let found = &matches[0];
    assert_eq!(
        found.ids,
        vec!["RUSTSEC-2021-0003", "GHSA-43w2-9j62-hq99", "CVE-2021-25900"]
    );
    assert_eq!(found.fixed.as_deref(), Some("1.6.1"));
    let epss = found.advisories.iter().find_map(|a| a.epss).unwrap();
    assert!((epss.probability - 0.01666).abs() < 1e-9);
    // The second interval of the range, and a version between the two.
    let (matches, _) = query::check_package(&index, "crates.io", "smallvec", "0.6.10").unwrap();
    assert_eq!(matches[0].fixed.as_deref(), Some("0.6.14"));
    let (matches, _) = query::check_package(&index, "crates.io", "smallvec", "0.6.14").unwrap();
    assert!(matches.is_empty());
}

#[test]
fn pypi_names_are_normalised_and_ecosystem_ranges_give_the_next_fix() {
    let (_dir, index) = fixture_index();
    let (matches, _) = query::check_package(&index, "PyPI", "Django", "2.2.0").unwrap();
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].ids[0], "PYSEC-2019-16");
    assert_eq!(matches[0].fixed.as_deref(), Some("2.2.9"));
    let (matches, _) = query::check_package(&index, "PyPI", "django", "2.2.9").unwrap();
    assert!(matches.is_empty());
    let (matches, _) = query::check_package(&index, "PyPI", "django", "1.11.26").unwrap();
    assert_eq!(matches[0].fixed.as_deref(), Some("1.11.27"));
}

#[test]
fn go_modules_with_v_prefix_and_affected_symbols() {
    let (_dir, index) = fixture_index();
    let (matches, _) = query::check_package(&index, "Go", "golang.org/x/net", "v0.16.0").unwrap();
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].ids[0], "GO-2023-2102");
    assert_eq!(matches[0].fixed.as_deref(), Some("0.17.0"));
    assert!(!matches[0].advisories[0].functions.is_empty());
    let (matches, _) = query::check_package(&index, "Go", "golang.org/x/net", "v0.17.0").unwrap();
    assert!(matches.is_empty());
}

#[test]
fn kev_and_epss_enrich_the_advisory_of_an_exploited_cve() {
    let (_dir, index) = fixture_index();
    let (matches, _) = query::check_package(&index, "crates.io", "libwebp-sys2", "0.1.7").unwrap();
    let advisory = &matches[0].advisories[0];
    let kev = advisory.kev.clone().unwrap();
    assert_eq!(kev.cve, "CVE-2023-4863");
    assert_eq!(kev.date_added, "2023-09-13");
    assert!(advisory.epss.unwrap().probability > 0.99);
}

#[test]
fn severity_comes_from_cvss_and_npm_uses_semver() {
    let (_dir, index) = fixture_index();
    let (matches, _) = query::check_package(&index, "npm", "lodash", "4.17.11").unwrap();
    let cvss = matches[0].cvss().unwrap();
    assert_eq!((cvss.version.as_str(), cvss.score), ("3.1", 9.1));
    let (matches, _) = query::check_package(&index, "npm", "lodash", "4.17.12").unwrap();
    assert!(matches.is_empty());
}

#[test]
fn unknown_ecosystems_are_kept_counted_and_matched_on_exact_versions() {
    let (_dir, index) = fixture_index();
    let counts = &index.meta().ecosystems;
    let foo = counts
        .iter()
        .find(|c| c.ecosystem == "FooPackages")
        .unwrap();
    assert!(!foo.known);
    assert_eq!(foo.advisories, 1);
    let (matches, _) = query::check_package(&index, "FooPackages", "foo", "1.0").unwrap();
    assert_eq!(matches.len(), 1);
    assert!(
        matches[0].notes[0].contains("not evaluated"),
        "{:?}",
        matches[0].notes
    );
    let (matches, _) = query::check_package(&index, "FooPackages", "foo", "1.5").unwrap();
    assert!(
        matches.is_empty(),
        "a range without an ordering is not guessed"
    );
}

#[test]
fn withdrawn_records_are_not_matched_and_ids_resolve() {
    let (_dir, index) = fixture_index();
    assert!(index.advisory("RUSTSEC-2020-0053").is_none());
    assert_eq!(
        index.advisory("CVE-2021-25900").unwrap().package,
        "smallvec"
    );
    assert!(index.meta().kev.as_ref().unwrap().used >= 1);
}

#[test]
fn zip_archives_load_like_directories() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("osv.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for name in ["RUSTSEC-2021-0003.json", "RUSTSEC-2018-0005.json"] {
        writer.start_file(name, options).unwrap();
        writer
            .write_all(&std::fs::read(fixtures().join("osv").join(name)).unwrap())
            .unwrap();
    }
    writer.finish().unwrap();
    let loaded = load::load_paths(&[zip_path]).unwrap();
    assert_eq!(loaded.sources[0].records, 2);
    let index = build(loaded, dir.path());
    let (matches, _) = query::check_package(&index, "crates.io", "serde_yaml", "0.8.1").unwrap();
    assert_eq!(matches[0].fixed.as_deref(), Some("0.8.4"));
}

#[test]
fn a_damaged_or_missing_index_is_an_error_not_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Index::open(dir.path()),
        Err(IndexError::Missing(_))
    ));
    std::fs::write(
        dir.path().join(index::INDEX_FILE),
        b"WARDIDX\0\x01\0\0\0\xff\xff\xff\xff\0\0\0\0",
    )
    .unwrap();
    assert!(matches!(
        Index::open(dir.path()),
        Err(IndexError::Corrupt { .. })
    ));
    std::fs::write(dir.path().join(index::INDEX_FILE), b"not an index").unwrap();
    assert!(matches!(
        Index::open(dir.path()),
        Err(IndexError::Corrupt { .. })
    ));
}

#[test]
fn a_missing_path_is_an_error() {
    let err = load::load_paths(&[PathBuf::from("/nonexistent/advisories")]).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/advisories"));
}

/// Every OSV record in shared/data loads, and RustSec's Markdown and OSV copies of the same
/// advisories agree on every version their ranges name.
#[test]
fn all_shared_data_loads_and_rustsec_formats_agree() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let data = if data.is_dir() {
        data
    } else {
        PathBuf::from("/work/shared/data")
    };
    if !data.is_dir() {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("skipped: {} is absent", data.display());
        }
        return;
    }
    let loaded = load::load_paths(std::slice::from_ref(&data)).unwrap();
    assert!(
        loaded.problems.is_empty(),
        "{:#?}",
        &loaded.problems[..loaded.problems.len().min(5)]
    );
    let by_eco = |eco: &str| {
        loaded
            .advisories
            .iter()
            .filter(|a| a.ecosystem == eco)
            .count()
    };
    assert!(by_eco("Go") > 5000, "Go: {}", by_eco("Go"));
    assert!(by_eco("PyPI") > 2500);
    assert!(by_eco("crates.io") > 2000, "both RustSec copies");

    // Every version the real ranges name parses in its ecosystem's ordering.
    let mut unparsed = Vec::new();
    let mut checked = 0;
    for advisory in &loaded.advisories {
        let Some(eco) = ward_advisory::Ecosystem::from_osv(&advisory.ecosystem) else {
            continue;
        };
        let versions = advisory
            .ranges
            .iter()
            .filter(|r| r.kind != ward_advisory::model::RangeKind::Git)
            .flat_map(|r| r.events.iter().map(ward_advisory::model::Event::version))
            .chain(advisory.versions.iter().map(String::as_str));
        for version in versions.filter(|v| *v != "0") {
            checked += 1;
            if eco.validate(version).is_err() {
                unparsed.push(format!("{} {eco} {version}", advisory.id));
            }
        }
    }
    assert!(checked > 50_000, "checked {checked}");
    eprintln!(
        "{} of {checked} range and listed versions do not parse: {:?}",
        unparsed.len(),
        &unparsed[..unparsed.len().min(8)]
    );
    assert!(
        unparsed.len() * 1000 < checked,
        "{} of {checked} versions do not parse: {:#?}",
        unparsed.len(),
        &unparsed[..unparsed.len().min(20)]
    );

    // Markdown (requirements) against OSV (ranges), per id, on every version the ranges name.
    let markdown: HashMap<&str, _> = loaded
        .advisories
        .iter()
        .filter(|a| a.ranges.is_empty() && a.ecosystem == "crates.io")
        .map(|a| ((a.id.as_str()), a))
        .collect();
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for osv in loaded
        .advisories
        .iter()
        .filter(|a| !a.ranges.is_empty() && a.ecosystem == "crates.io")
    {
        let Some(md) = markdown.get(osv.id.as_str()) else {
            continue;
        };
        for range in &osv.ranges {
            for event in &range.events {
                let version = event.version();
                // Cargo requirements never match pre-releases of other versions (`0.3.1-0`), which
                // the OSV export uses as range bounds; lockfiles hold releases.
                if version == "0" || version.contains('-') {
                    continue;
                }
                let a = matches!(
                    ward_advisory::matching::check(osv, version),
                    ward_advisory::matching::Outcome::Affected(_)
                );
                let b = matches!(
                    ward_advisory::matching::check(md, version),
                    ward_advisory::matching::Outcome::Affected(_)
                );
                compared += 1;
                if a != b {
                    disagreements.push(format!("{} {version}: osv {a}, markdown {b}", osv.id));
                }
            }
        }
    }
    assert!(compared > 1000, "compared {compared}");
    assert!(
        disagreements.is_empty(),
        "{} disagreements: {:#?}",
        disagreements.len(),
        &disagreements[..disagreements.len().min(10)]
    );

    // Every per-function requirement of the Markdown copies parses (one that did not would
    // count its function in every version), and each OSV copy takes them over whole.
    let mut with_versions = 0;
    let mut problems = Vec::new();
    for osv in loaded
        .advisories
        .iter()
        .filter(|a| !a.ranges.is_empty() && a.ecosystem == "crates.io")
    {
        let Some(md) = markdown.get(osv.id.as_str()) else {
            continue;
        };
        for function in &md.functions {
            for req in &function.reqs {
                if semver::VersionReq::parse(req).is_err() {
                    problems.push(format!("{} {}: `{req}`", md.id, function.path));
                }
            }
        }
        let mut merged = osv.clone();
        merged.take_function_versions(md);
        let paths = |a: &ward_advisory::Advisory| {
            let mut p: Vec<String> = a.functions.iter().map(|f| f.path.clone()).collect();
            p.sort();
            p
        };
        if paths(&merged) != paths(md) {
            problems.push(format!("{}: the copies name different functions", md.id));
        }
        for function in &merged.functions {
            let native = md.functions.iter().find(|f| f.path == function.path);
            if native.map(|f| &f.reqs) != Some(&function.reqs) {
                problems.push(format!("{} {}: versions lost", md.id, function.path));
            }
        }
        with_versions += usize::from(merged.functions.iter().any(|f| !f.reqs.is_empty()));
    }
    assert!(with_versions > 200, "{with_versions} advisories");
    assert!(problems.is_empty(), "{problems:#?}");
}

fn function_versions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/function-versions")
}

/// The affected functions of the one match of a package version.
fn functions_at(index: &Index, ecosystem: &str, name: &str, version: &str) -> Vec<String> {
    let (matches, undecided) = query::check_package(index, ecosystem, name, version).unwrap();
    assert!(undecided.is_empty(), "{undecided:?}");
    assert_eq!(matches.len(), 1, "{name} {version}: {matches:#?}");
    matches[0]
        .advisories
        .iter()
        .flat_map(|a| a.functions.iter().map(|f| f.path.clone()))
        .collect()
}

#[test]
fn rustsec_functions_count_only_in_the_versions_where_they_are_affected() {
    // lettre moved its SMTP transport in 0.10: RUSTSEC-2021-0069 names
    // `smtp::SmtpTransport::send` for 0.9 and `transport::smtp::SmtpTransport::{send,send_raw}`
    // for the 0.10 pre-releases. The OSV copy lists the three names without versions; the
    // native copy says where each is affected, and the index keeps that whichever came first.
    let osv = function_versions().join("RUSTSEC-2021-0069.json");
    let native = function_versions().join("RUSTSEC-2021-0069.md");
    for paths in [[osv.clone(), native.clone()], [native, osv]] {
        let dir = tempfile::tempdir().unwrap();
        let index = build(load::load_paths(&paths).unwrap(), dir.path());
        assert_eq!(
            functions_at(&index, "crates.io", "lettre", "0.9.5"),
            ["lettre::smtp::SmtpTransport::send"]
        );
        assert_eq!(
            functions_at(&index, "crates.io", "lettre", "0.10.0-rc.2"),
            [
                "lettre::transport::smtp::SmtpTransport::send",
                "lettre::transport::smtp::SmtpTransport::send_raw"
            ]
        );
        let (matches, _) = query::check_package(&index, "crates.io", "lettre", "0.9.6").unwrap();
        assert!(matches.is_empty(), "0.9.6 is patched");
    }
}

#[test]
fn go_symbols_count_only_in_the_range_of_the_entry_that_names_them() {
    // GO-2023-1497 gives scs-library-client two entries: before 1.3.4 the upload and the
    // ranged download are affected, in 1.4.0 and 1.4.1 the legacy download.
    let dir = tempfile::tempdir().unwrap();
    let loaded = load::load_paths(&[function_versions().join("GO-2023-1497.json")]).unwrap();
    let index = build(loaded, dir.path());
    let client = "github.com/sylabs/scs-library-client/client.Client";
    let module = "github.com/sylabs/scs-library-client";
    assert_eq!(
        functions_at(&index, "Go", module, "v1.3.0"),
        [
            format!("{client}.ConcurrentDownloadImage"),
            format!("{client}.UploadImage"),
            format!("{client}.httpGetRangeRequest"),
        ]
    );
    assert_eq!(
        functions_at(&index, "Go", module, "v1.4.1"),
        [
            format!("{client}.ConcurrentDownloadImage"),
            format!("{client}.legacyDownloadImage"),
        ]
    );
}

#[test]
fn a_cve_in_several_databases_is_one_match_fixed_where_every_record_is() {
    // PYSEC-2019-16 (from the PyPA database) and a hand-written GHSA record of the same CVE
    // that names no PYSEC id and a later 2.2 fix (as when a first fix was incomplete): one
    // match with every id, the ecosystem's own first, and the smallest version fixing both.
    let ghsa: ward_advisory::osv::Record = serde_json::from_str(
        r#"{"id": "GHSA-vfq6-hq5r-27r6", "modified": "2024-01-01T00:00:00Z",
            "aliases": ["CVE-2019-19844"],
            "affected": [{"package": {"ecosystem": "PyPI", "name": "Django"},
              "ranges": [{"type": "ECOSYSTEM", "events": [
                {"introduced": "2.0"}, {"fixed": "2.2.10"}, {"introduced": "3.0"}, {"fixed": "3.0.1"}]}]}]}"#,
    )
    .unwrap();
    let mut loaded = load::load_paths(&[fixtures().join("pypa/PYSEC-2019-16.yaml")]).unwrap();
    loaded.advisories.extend(load::from_osv(&ghsa));
    let dir = tempfile::tempdir().unwrap();
    let index = build(loaded, dir.path());

    let (matches, _) = query::check_package(&index, "PyPI", "django", "2.2.0").unwrap();
    assert_eq!(matches.len(), 1, "{matches:#?}");
    assert_eq!(
        matches[0].ids,
        ["PYSEC-2019-16", "GHSA-vfq6-hq5r-27r6", "CVE-2019-19844"]
    );
    assert_eq!(matches[0].fixed.as_deref(), Some("2.2.10"));
    // 2.2.9 fixes the PyPA record only: the GHSA one still matches, and its fix is the next.
    let (matches, _) = query::check_package(&index, "PyPI", "Django", "2.2.9").unwrap();
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].ids, ["GHSA-vfq6-hq5r-27r6", "CVE-2019-19844"]);
    assert_eq!(matches[0].fixed.as_deref(), Some("2.2.10"));
    // 1.11: only PyPA's record, whose next fix above 1.11.20 is 1.11.27 (not 2.2.9).
    let (matches, _) = query::check_package(&index, "PyPI", "django", "1.11.20").unwrap();
    assert_eq!(matches[0].ids[0], "PYSEC-2019-16");
    assert_eq!(matches[0].fixed.as_deref(), Some("1.11.27"));
    // 3.0.0: only the GHSA record's second interval.
    let (matches, _) = query::check_package(&index, "PyPI", "django", "3.0.0").unwrap();
    assert_eq!(matches[0].fixed.as_deref(), Some("3.0.1"));
}

#[test]
fn a_go_entry_naming_no_symbol_makes_the_whole_module_count_where_it_applies() {
    // GO-2025-4252 gives github.com/elastic/beats two entries for every version: one names
    // two symbols of the dissect package, the other none, so any use of the module counts.
    // (beats/v7 has one entry, with the symbols.)
    let dir = tempfile::tempdir().unwrap();
    let loaded = load::load_paths(&[function_versions().join("GO-2025-4252.json")]).unwrap();
    let index = build(loaded, dir.path());
    assert_eq!(
        functions_at(&index, "Go", "github.com/elastic/beats", "v8.0.0"),
        Vec::<String>::new()
    );
    let dissect = "github.com/elastic/beats/v7/libbeat/processors/dissect";
    assert_eq!(
        functions_at(&index, "Go", "github.com/elastic/beats/v7", "v7.17.0"),
        [
            format!("{dissect}.extractKeyParts"),
            format!("{dissect}.newField")
        ]
    );
}
