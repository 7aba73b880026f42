//! The `deps` engine on lockfiles, with an index built from ward-advisory's fixtures (records
//! copied from shared/data and hand-written ones).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use ward_advisory::index;
use ward_core::{
    Engine, FileInput, FileOutput, Finding, NoticeKind, Reachability, ScanError, Severity,
};
use ward_deps::DepsEngine;

fn fixture_db() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ward-advisory/tests/fixtures");
    let loaded = ward_advisory::load::load_paths(&[fixtures]).unwrap();
    let bytes = index::build(
        loaded.advisories,
        Vec::new(),
        &index::Enrichment::default(),
        0,
    );
    index::write(dir.path(), &bytes).unwrap();
    dir
}

fn scan(engine: &DepsEngine, path: &str, text: &str) -> (Vec<Finding>, Vec<ScanError>) {
    let input = FileInput {
        path,
        fs_path: Path::new(path),
        bytes: text.as_bytes(),
        text: Some(text),
    };
    assert!(engine.claims(&input), "{path} is claimed");
    let mut out = FileOutput::default();
    engine.scan_file(&input, &mut out);
    let (findings, errors) = out.take();
    (findings.into_iter().map(|(f, _)| f).collect(), errors)
}

const CARGO_LOCK: &str = r#"version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "serde_yaml",
 "smallvec",
]

[[package]]
name = "serde_yaml"
version = "0.8.1"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "smallvec"
version = "1.6.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;

#[test]
fn cargo_lock_findings_name_advisory_fix_line_and_detail() {
    let db = fixture_db();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let (findings, errors) = scan(&engine, "Cargo.lock", CARGO_LOCK);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(findings.len(), 2, "{findings:#?}");
    let yaml = &findings[0];
    assert_eq!(yaml.rule_id, "deps/RUSTSEC-2018-0005");
    assert_eq!(yaml.location.span.start_line, 12);
    assert_eq!(
        yaml.location.snippet.as_deref(),
        Some("name = \"serde_yaml\"")
    );
    assert_eq!(
        yaml.message,
        "serde_yaml 0.8.1 has RUSTSEC-2018-0005: Uncontrolled recursion leads to abort in deserialization — upgrade to 0.8.4"
    );
    let smallvec = &findings[1];
    assert_eq!(smallvec.severity, Severity::Critical);
    let vuln = smallvec.detail.vulnerability.as_ref().unwrap();
    assert_eq!(vuln.advisory_ids[0], "RUSTSEC-2021-0003");
    assert!(
        vuln.advisory_ids
            .contains(&"GHSA-43w2-9j62-hq99".to_owned())
    );
    assert_eq!(vuln.fixed_version.as_deref(), Some("1.6.1"));
    assert_eq!(vuln.package.purl, "pkg:cargo/smallvec@1.6.0");
    assert_eq!(vuln.direct, Some(true));
    assert_eq!(vuln.dependency_path, vec!["app", "smallvec"]);
    assert!(vuln.cvss.as_ref().unwrap().score >= 9.0);
    // The report's rule list gets a doc for the advisory rule.
    let doc = engine.rule_doc("deps/RUSTSEC-2021-0003").unwrap();
    assert!(doc.description.contains("smallvec"));
    // The fixture index was built at time 0: far older than a week.
    let notices = engine.notices();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].kind, NoticeKind::StaleData);
    assert!(notices[0].message.contains("days old"));
}

#[test]
fn no_index_lists_packages_and_says_nothing_was_checked() {
    let missing = PathBuf::from("/nonexistent/ward-db");
    let engine = DepsEngine::new(Some(missing));
    let (findings, errors) = scan(&engine, "Cargo.lock", CARGO_LOCK);
    assert!(findings.is_empty() && errors.is_empty());
    let notices = engine.notices();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].kind, NoticeKind::NotChecked);
    assert!(notices[0].message.contains("NOT checked"));
    assert!(notices[0].message.contains("ward db import"));
}

#[test]
fn a_damaged_index_is_an_error_for_each_lockfile() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(index::INDEX_FILE), b"garbage").unwrap();
    let engine = DepsEngine::new(Some(dir.path().to_path_buf()));
    let (_, errors) = scan(&engine, "Cargo.lock", CARGO_LOCK);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("not checked"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_malformed_lockfile_is_an_error_with_its_line() {
    let db = fixture_db();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let (_, errors) = scan(
        &engine,
        "sub/package-lock.json",
        "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/a\": { \"version\": \n  }\n}\n",
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, Some(5), "{:?}", errors[0]);
    assert!(errors[0].message.contains("not checked"));
    let (_, errors) = scan(
        &engine,
        "Cargo.lock",
        "[[package]]\nname = \"a\"\nversion = [\n",
    );
    assert_eq!(errors[0].line, Some(3), "{:?}", errors[0]);
}

#[test]
fn requirements_pins_are_checked_and_unpinned_lines_reported() {
    let db = fixture_db();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let (findings, errors) = scan(
        &engine,
        "requirements-dev.txt",
        "Django==2.2.0\nrequests>=2\n",
    );
    assert!(errors.is_empty());
    let rules: Vec<&str> = findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(
        rules,
        vec!["deps/unpinned-requirement", "deps/PYSEC-2019-16"]
    );
    assert_eq!(findings[0].severity, Severity::Info);
    assert_eq!(findings[0].location.span.start_line, 2);
    assert_eq!(findings[1].location.span.start_line, 1);
}

#[test]
fn an_unparseable_version_is_reported_not_dropped() {
    let db = fixture_db();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let lock = "{\n \"lockfileVersion\": 3,\n \"packages\": {\n  \"node_modules/lodash\": { \"version\": \"not-a-version\" }\n }\n}\n";
    let (findings, errors) = scan(&engine, "package-lock.json", lock);
    assert!(findings.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, Some(4));
    assert!(
        errors[0].message.contains("not-a-version"),
        "{}",
        errors[0].message
    );
}

#[test]
fn npm_go_and_pypi_lockfiles_match() {
    let db = fixture_db();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let lock = "{\n \"lockfileVersion\": 2,\n \"packages\": {\n  \"\": { \"dependencies\": { \"lodash\": \"^4\" } },\n  \"node_modules/lodash\": { \"version\": \"4.17.11\" }\n }\n}\n";
    let (findings, _) = scan(&engine, "web/package-lock.json", lock);
    assert_eq!(findings[0].rule_id, "deps/GHSA-jf85-cpcp-j695");
    assert_eq!(findings[0].location.span.start_line, 5);
    let (findings, _) = scan(
        &engine,
        "go.mod",
        "module x\n\nrequire golang.org/x/net v0.16.0\n",
    );
    assert_eq!(findings[0].rule_id, "deps/GO-2023-2102");
    let (findings, _) = scan(
        &engine,
        "poetry.lock",
        "[[package]]\nname = \"Django\"\nversion = \"2.2.0\"\ncategory = \"dev\"\n",
    );
    let vuln = findings[0].detail.vulnerability.as_ref().unwrap();
    assert_eq!(vuln.dev, Some(true));
}

#[test]
fn a_huge_lockfile_is_read_whole() {
    let db = fixture_db();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let mut lock = String::from("version = 3\n");
    for i in 0..20_000 {
        writeln!(
            lock,
            "\n[[package]]\nname = \"crate{i}\"\nversion = \"1.0.{i}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\""
        )
        .unwrap();
    }
    lock.push_str("\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n");
    let (findings, errors) = scan(&engine, "Cargo.lock", &lock);
    assert!(errors.is_empty());
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].location.span.start_line, 20_000 * 5 + 4);
}

#[test]
fn requirements_includes_are_followed_inside_the_project_only() {
    let db = fixture_db();
    let project = tempfile::tempdir().unwrap();
    let root = project.path();
    std::fs::create_dir(root.join("reqs")).unwrap();
    std::fs::write(root.join("reqs/base.in"), "# shared pins\nDjango==2.2.0\n").unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("other.in"), "Django==2.2.0\n").unwrap();
    let text = format!(
        "-r reqs/base.in\n-r {}\n-r requirements-dev.txt\n-r missing.in\n",
        outside.path().join("other.in").display()
    );
    std::fs::write(root.join("requirements.txt"), &text).unwrap();
    let engine =
        DepsEngine::new(Some(db.path().to_path_buf())).with_project_root(Some(root.to_path_buf()));
    let fs_path = root.join("requirements.txt");
    let input = FileInput {
        path: "requirements.txt",
        fs_path: &fs_path,
        bytes: text.as_bytes(),
        text: Some(&text),
    };
    let mut out = FileOutput::default();
    engine.scan_file(&input, &mut out);
    let (findings, errors) = out.take();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let (finding, _) = &findings[0];
    assert_eq!(finding.rule_id, "deps/PYSEC-2019-16");
    assert_eq!(finding.location.path, "reqs/base.in");
    assert_eq!(finding.location.span.start_line, 2);
    let messages: Vec<(Option<u32>, &str)> = errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert_eq!(messages[0].0, Some(2));
    assert!(messages[0].1.contains("outside the project"));
    assert!(messages[1].1.contains("cannot be found"));
}

#[test]
fn csproj_package_references_are_checked() {
    // A hand-written record from the published facts: Newtonsoft.Json before 13.0.1.
    let advisories = tempfile::tempdir().unwrap();
    std::fs::write(
        advisories.path().join("GHSA-5crp-9r3c-p9vr.json"),
        r#"{"id": "GHSA-5crp-9r3c-p9vr", "modified": "2023-01-01T00:00:00Z",
            "aliases": ["CVE-2024-21907"],
            "summary": "Improper handling of exceptional conditions in Newtonsoft.Json",
            "affected": [{"package": {"ecosystem": "NuGet", "name": "Newtonsoft.Json"},
              "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "13.0.1"}]}]}]}"#,
    )
    .unwrap();
    let loaded = ward_advisory::load::load_paths(&[advisories.path().to_path_buf()]).unwrap();
    let db = tempfile::tempdir().unwrap();
    let bytes = index::build(
        loaded.advisories,
        Vec::new(),
        &index::Enrichment::default(),
        0,
    );
    index::write(db.path(), &bytes).unwrap();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let project = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"Newtonsoft.Json\" Version=\"12.0.1\" />\n    <PackageReference Include=\"Serilog\" Version=\"2.*\" />\n  </ItemGroup>\n</Project>\n";
    let (findings, errors) = scan(&engine, "src/Api/Api.csproj", project);
    assert!(errors.is_empty(), "{errors:?}");
    let vulnerable = findings
        .iter()
        .find(|f| f.rule_id == "deps/GHSA-5crp-9r3c-p9vr")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(vulnerable.location.span.start_line, 3);
    let detail = vulnerable.detail.vulnerability.as_ref().unwrap();
    assert_eq!(detail.fixed_version.as_deref(), Some("13.0.1"));
    assert_eq!(detail.package.purl, "pkg:nuget/Newtonsoft.Json@12.0.1");
    assert!(
        findings
            .iter()
            .any(|f| f.rule_id == "deps/unpinned-requirement" && f.location.span.start_line == 4)
    );
    // The file name decides: a `.csproj` anywhere is claimed, other XML is not.
    let other = FileInput {
        path: "src/Api/app.config",
        fs_path: Path::new("src/Api/app.config"),
        bytes: project.as_bytes(),
        text: Some(project),
    };
    assert!(!engine.claims(&other));
}

#[test]
fn bun_lock_entries_are_checked_at_their_lines() {
    let db = fixture_db();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let lock = "{\n  \"lockfileVersion\": 1,\n  \"workspaces\": {\n    \"\": {\n      \"name\": \"web\",\n      \"dependencies\": {\n        \"lodash\": \"^4.17.0\",\n      },\n    },\n  },\n  \"packages\": {\n    \"lodash\": [\"lodash@4.17.11\", \"\", {}, \"sha512-aaaa\"],\n  }\n}\n";
    let (findings, errors) = scan(&engine, "web/bun.lock", lock);
    assert!(errors.is_empty(), "{errors:?}");
    let finding = findings
        .iter()
        .find(|f| f.rule_id == "deps/GHSA-jf85-cpcp-j695")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(finding.location.path, "web/bun.lock");
    assert_eq!(finding.location.span.start_line, 12);
    let detail = finding.detail.vulnerability.as_ref().unwrap();
    assert_eq!(detail.direct, Some(true));
    assert_eq!(detail.dependency_path, ["web", "lodash"]);

    let (_, errors) = scan(
        &engine,
        "web/bun.lock",
        "{\n  \"lockfileVersion\": 1,\n  \"packages\": {\n    \"lodash\": [\"lodash@4.17.11\" \"\"],\n  }\n}\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path.as_deref(), Some("web/bun.lock"));
    assert_eq!(errors[0].line, Some(4), "{:?}", errors[0]);
    assert!(errors[0].message.contains("bun.lock could not be parsed"));
}

#[test]
fn pom_xml_versions_from_properties_are_checked_and_unknown_ones_reported() {
    // A hand-written record from the published facts: log4j-core 2.0-beta9 before 2.15.0.
    let advisories = tempfile::tempdir().unwrap();
    std::fs::write(
        advisories.path().join("GHSA-jfh8-c2jp-5v3q.json"),
        r#"{"id": "GHSA-jfh8-c2jp-5v3q", "modified": "2023-01-01T00:00:00Z",
            "aliases": ["CVE-2021-44228"],
            "summary": "Remote code injection in Log4j",
            "affected": [{"package": {"ecosystem": "Maven", "name": "org.apache.logging.log4j:log4j-core"},
              "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0-beta9"}, {"fixed": "2.15.0"}]}]}]}"#,
    )
    .unwrap();
    let loaded = ward_advisory::load::load_paths(&[advisories.path().to_path_buf()]).unwrap();
    let db = tempfile::tempdir().unwrap();
    let bytes = index::build(
        loaded.advisories,
        Vec::new(),
        &index::Enrichment::default(),
        0,
    );
    index::write(db.path(), &bytes).unwrap();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let pom = "<project>\n  <artifactId>api</artifactId>\n  <properties>\n    <log4j.version>2.14.1</log4j.version>\n  </properties>\n  <dependencies>\n    <dependency>\n      <groupId>org.apache.logging.log4j</groupId>\n      <artifactId>log4j-core</artifactId>\n      <version>${log4j.version}</version>\n    </dependency>\n    <dependency>\n      <groupId>org.slf4j</groupId>\n      <artifactId>slf4j-api</artifactId>\n      <version>${slf4j.version}</version>\n    </dependency>\n  </dependencies>\n</project>\n";
    let (findings, errors) = scan(&engine, "api/pom.xml", pom);
    assert!(errors.is_empty(), "{errors:?}");
    let summary: Vec<(&str, u32)> = findings
        .iter()
        .map(|f| (f.rule_id.as_str(), f.location.span.start_line))
        .collect();
    assert_eq!(
        summary,
        [
            ("deps/unpinned-requirement", 12),
            ("deps/GHSA-jfh8-c2jp-5v3q", 7),
        ]
    );
    assert!(
        findings[0].message.contains("slf4j.version"),
        "{}",
        findings[0].message
    );
    let detail = findings[1].detail.vulnerability.as_ref().unwrap();
    assert_eq!(detail.fixed_version.as_deref(), Some("2.15.0"));
    assert_eq!(
        detail.package.purl,
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"
    );

    let (_, errors) = scan(
        &engine,
        "api/pom.xml",
        "<project>\n  <dependencies>\n  </project>\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, Some(3), "{:?}", errors[0]);
    assert!(errors[0].message.contains("pom.xml could not be parsed"));
}

/// Reachability verdicts (package version, reachability, call-site lines) of a Rust project
/// with one locked crate, scanned against RustSec's lettre advisory in both its formats.
fn lettre_reachability(version: &str, main_rs: &str) -> (Option<Reachability>, Vec<u32>) {
    let db = tempfile::tempdir().unwrap();
    let records =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../ward-advisory/tests/function-versions");
    let loaded = ward_advisory::load::load_paths(&[
        records.join("RUSTSEC-2021-0069.json"),
        records.join("RUSTSEC-2021-0069.md"),
    ])
    .unwrap();
    let bytes = index::build(
        loaded.advisories,
        Vec::new(),
        &index::Enrichment::default(),
        0,
    );
    index::write(db.path(), &bytes).unwrap();

    let project = tempfile::tempdir().unwrap();
    let lock = format!(
        "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"lettre\"]\n\n[[package]]\nname = \"lettre\"\nversion = \"{version}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
    );
    std::fs::create_dir(project.path().join("src")).unwrap();
    std::fs::write(project.path().join("Cargo.lock"), &lock).unwrap();
    std::fs::write(project.path().join("src/main.rs"), main_rs).unwrap();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()))
        .with_project_root(Some(project.path().to_path_buf()));
    let mut findings = Vec::new();
    for (path, text) in [("Cargo.lock", lock.as_str()), ("src/main.rs", main_rs)] {
        let fs_path = project.path().join(path);
        let input = FileInput {
            path,
            fs_path: &fs_path,
            bytes: text.as_bytes(),
            text: Some(text),
        };
        assert!(engine.claims(&input), "{path} is claimed");
        let mut out = FileOutput::default();
        engine.scan_file(&input, &mut out);
        let (found, errors) = out.take();
        assert!(errors.is_empty(), "{errors:?}");
        findings.extend(found.into_iter().map(|(f, _)| f));
    }
    engine.refine_findings(&mut findings);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].rule_id, "deps/RUSTSEC-2021-0069");
    let vulnerability = findings[0].detail.vulnerability.as_ref().unwrap();
    let lines = vulnerability
        .reachable_from
        .iter()
        .map(|l| l.span.start_line)
        .collect();
    (vulnerability.reachability, lines)
}

#[test]
fn reachability_looks_for_the_functions_affected_in_the_locked_version() {
    // Code written against lettre 0.9 calls `smtp::SmtpTransport::send`, the function
    // RUSTSEC-2021-0069 names for versions before 0.10.
    let old_api = "use lettre::smtp::SmtpTransport;\n\nfn deliver(t: &mut SmtpTransport, e: lettre::SendableEmail) {\n    let _ = SmtpTransport::send(t, e);\n}\n\nfn main() {}\n";
    assert_eq!(
        lettre_reachability("0.9.5", old_api),
        (Some(Reachability::Reachable), vec![4])
    );
    // `send_raw` is affected only in the 0.10 pre-releases: in 0.9.5 the crate is used, but
    // not the function that is vulnerable there, and nothing else depends on lettre.
    let raw = "use lettre::transport::smtp::SmtpTransport;\n\nfn deliver(t: &SmtpTransport, env: &lettre::address::Envelope, body: &[u8]) {\n    let _ = t.send_raw(env, body);\n}\n\nfn main() {}\n";
    assert_eq!(
        lettre_reachability("0.9.5", raw),
        (Some(Reachability::NotReachable), vec![])
    );
    assert_eq!(
        lettre_reachability("0.10.0-rc.2", raw),
        (Some(Reachability::Reachable), vec![4])
    );
}

#[test]
fn every_lockfile_format_when_malformed_is_an_error_naming_file_and_line() {
    let db = fixture_db();
    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let npm = "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {},\n    oops\n  }\n}\n";
    let toml = "version = 1\n\n[[package]]\nname = \"a\"\nversion = [\n";
    let json = "{\n  \"_meta\": {},\n  \"default\": {\n    \"a\": \n}\n";
    // (file, text, line of the fault)
    let cases: &[(&str, &str, u32)] = &[
        ("Cargo.lock", toml, 5),
        ("package-lock.json", npm, 5),
        ("npm-shrinkwrap.json", npm, 5),
        (
            "yarn.lock",
            "# yarn lockfile v1\n\n\"a@^1.0.0\":\n  version \"1.0.0\"\n\nnot a header\n",
            6,
        ),
        (
            "yarn.lock",
            "__metadata:\n  version: 6\n\n\"a@npm:^1.0.0\":\n  resolution: \"a@npm:1.0.0\"\n\n\"b@npm:^2.0.0\":\n  version: 2.0.0\n",
            4,
        ),
        (
            "pnpm-lock.yaml",
            "lockfileVersion: '9.0'\n\npackages:\n  a@1.0.0: {resolution: [\n",
            5,
        ),
        (
            "bun.lock",
            "{\n  \"lockfileVersion\": 1,\n  \"packages\": {\n    \"a\": [\"a@1.0.0\", \n  }\n}\n",
            5,
        ),
        ("requirements.txt", "django==2.2.0\n==1.0\n", 2),
        ("poetry.lock", toml, 5),
        ("uv.lock", toml, 5),
        ("pdm.lock", toml, 5),
        ("Pipfile.lock", json, 5),
        (
            "go.mod",
            "module example.com/app\n\ngo 1.22\n\nrequire example.com/a\n",
            5,
        ),
        (
            "Gemfile.lock",
            "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack 2.0.1\n",
            4,
        ),
        ("composer.lock", json, 5),
        (
            "gradle.lockfile",
            "# Gradle lockfile\norg.example:a:1.0=runtimeClasspath\nbroken\n",
            3,
        ),
        ("packages.lock.json", json, 5),
        (
            "App.csproj",
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"A\" Version=\"1.0\">\n  </ItemGroup>\n</Project>\n",
            4,
        ),
        (
            "pom.xml",
            "<project>\n  <dependencies>\n    <dependency>\n  </dependencies>\n</project>\n",
            4,
        ),
        ("pubspec.lock", "packages:\n  a:\n    version: [\n", 4),
        (
            "mix.lock",
            "%{\n  \"a\": {:hex, :a, \"1.0.0\", \"abc\", [:mix], [], \"hexpm\", \"def\"},\n  garbage\n}\n",
            3,
        ),
    ];
    let mut wrong = Vec::new();
    for (file, text, line) in cases {
        let path = format!("svc/{file}");
        let (findings, errors) = scan(&engine, &path, text);
        let ok = errors.len() == 1
            && errors[0].path.as_deref() == Some(path.as_str())
            && errors[0].line == Some(*line)
            && errors[0].message.contains("not checked")
            && findings.is_empty();
        if !ok {
            wrong.push(format!(
                "{path} (fault at line {line}): {errors:?} {findings:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // The scan goes on: the next lockfile is checked as usual.
    let (findings, errors) = scan(&engine, "Cargo.lock", CARGO_LOCK);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(findings.len(), 2);
}

#[test]
fn packages_of_an_ecosystem_the_database_lacks_are_reported_not_checked() {
    // A database imported from RustSec only: npm packages cannot be checked against it.
    let db = tempfile::tempdir().unwrap();
    let record = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ward-advisory/tests/fixtures/osv/RUSTSEC-2021-0003.json");
    let loaded = ward_advisory::load::load_paths(&[record]).unwrap();
    let bytes = index::build(
        loaded.advisories,
        Vec::new(),
        &index::Enrichment::default(),
        ward_core::time::now_unix(),
    );
    index::write(db.path(), &bytes).unwrap();
    let npm = "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {},\n    \"node_modules/lodash\": { \"version\": \"4.17.11\" },\n    \"node_modules/minimist\": { \"version\": \"1.2.0\" }\n  }\n}\n";

    let engine = DepsEngine::new(Some(db.path().to_path_buf()));
    let (findings, _) = scan(&engine, "Cargo.lock", CARGO_LOCK);
    assert_eq!(findings.len(), 1, "smallvec");
    assert!(engine.notices().is_empty(), "{:?}", engine.notices());

    let input = FileInput {
        path: "web/package-lock.json",
        fs_path: Path::new("web/package-lock.json"),
        bytes: npm.as_bytes(),
        text: Some(npm),
    };
    let mut out = FileOutput::default();
    engine.scan_file(&input, &mut out);
    let state = out.take_state().unwrap();
    let notices = engine.notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].kind, NoticeKind::NotChecked);
    assert!(
        notices[0]
            .message
            .starts_with("2 npm package(s) were NOT checked"),
        "{}",
        notices[0].message
    );

    // A result replayed from the cache says the same.
    let replayed = DepsEngine::new(Some(db.path().to_path_buf()));
    replayed.replay_state("web/package-lock.json", &state);
    assert_eq!(replayed.notices(), notices);
}
