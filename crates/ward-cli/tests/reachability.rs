//! Reachability of vulnerable dependencies end to end: small Rust, Go, Python and JavaScript
//! projects scanned against advisories copied from the real databases (RustSec's
//! `affects.functions`, the Go database's `imports[].symbols`), and the OpenVEX statements
//! that follow from the answers.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{ward, write};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ward-advisory/tests/fixtures")
}

fn database() -> tempfile::TempDir {
    let db = tempfile::tempdir().unwrap();
    let output = ward()
        .args(["db", "import"])
        .arg(fixtures().join("osv/RUSTSEC-2021-0003.json"))
        .arg(fixtures().join("go/GO-2023-2102.json"))
        .arg(fixtures().join("pypa/PYSEC-2019-16.yaml"))
        .arg(fixtures().join("handwritten/GHSA-jf85-cpcp-j695.json"))
        .arg("--db")
        .arg(db.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    db
}

fn scan(db: &Path, project: &Path, format: &str) -> String {
    let output = ward()
        .args(["scan", "--no-progress", "--format", format, "--db"])
        .arg(db)
        .arg(project)
        .output()
        .unwrap();
    assert!(
        output.status.code() == Some(1) || output.status.code() == Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// (rule, package, reachability, call sites as `path:line`) of every dependency finding.
fn verdicts(json: &str) -> Vec<(String, String, String, Vec<String>)> {
    let report: Value = serde_json::from_str(json).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| {
            let v = f["detail"].get("vulnerability")?;
            Some((
                f["rule_id"].as_str().unwrap().to_owned(),
                v["package"]["name"].as_str().unwrap().to_owned(),
                v["reachability"].as_str().unwrap_or("(none)").to_owned(),
                v["reachable_from"]
                    .as_array()
                    .map(|sites| {
                        sites
                            .iter()
                            .map(|s| format!("{}:{}", s["path"].as_str().unwrap(), s["start_line"]))
                            .collect()
                    })
                    .unwrap_or_default(),
            ))
        })
        .collect()
}

const CARGO_LOCK: &str = "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"smallvec\"]\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n";

fn rust_project(main_rs: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "Cargo.lock", CARGO_LOCK);
    write(dir.path(), "src/main.rs", main_rs);
    dir
}

#[test]
fn rust_call_of_the_affected_method_is_reachable_with_its_call_site() {
    let db = database();
    let project = rust_project(
        "use smallvec::SmallVec;\n\nfn main() {\n    let mut v: SmallVec<[u8; 4]> = SmallVec::new();\n    v.insert_many(0, vec![1, 2, 3]);\n}\n",
    );
    let found = verdicts(&scan(db.path(), project.path(), "json"));
    assert_eq!(
        found,
        [(
            "deps/RUSTSEC-2021-0003".to_owned(),
            "smallvec".to_owned(),
            "reachable".to_owned(),
            vec!["src/main.rs:5".to_owned()]
        )]
    );
    // SARIF shows the call site as a related location.
    let sarif: Value = serde_json::from_str(&scan(db.path(), project.path(), "sarif")).unwrap();
    let related = &sarif["runs"][0]["results"][0]["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "src/main.rs"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 5);
}

/// A second scan replays each source file's reachability mark from the cache's stat index:
/// the verdict and its call site are the same, no file is read, and the source files need no
/// results entry of their own (only the lockfile, which has a finding, has one).
#[test]
fn reachability_replayed_from_the_cache_is_the_same_and_needs_no_entry_per_source_file() {
    let db = database();
    let project = rust_project(
        "use smallvec::SmallVec;\n\nfn main() {\n    let mut v: SmallVec<[u8; 4]> = SmallVec::new();\n    v.insert_many(0, vec![1, 2, 3]);\n}\n",
    );
    write(
        project.path(),
        "src/util.rs",
        "pub fn helper() -> u8 {\n    7\n}\n",
    );
    // Written more than the cache's racy window ago, so the second scan trusts their stat.
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(10);
    for file in ["Cargo.lock", "src/main.rs", "src/util.rs"] {
        let file = std::fs::File::options()
            .write(true)
            .open(project.path().join(file))
            .unwrap();
        file.set_modified(then).unwrap();
    }
    let cache = tempfile::tempdir().unwrap();
    let run = || {
        let output = ward()
            .args([
                "scan",
                "--no-progress",
                "--format",
                "json",
                "--fail-on",
                "never",
                "--db",
            ])
            .arg(db.path())
            .arg("--cache-dir")
            .arg(cache.path())
            .arg(project.path())
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let first = run();
    let second = run();
    let expected = [(
        "deps/RUSTSEC-2021-0003".to_owned(),
        "smallvec".to_owned(),
        "reachable".to_owned(),
        vec!["src/main.rs:5".to_owned()],
    )];
    assert_eq!(verdicts(&first), expected);
    assert_eq!(verdicts(&second), expected);
    let report: Value = serde_json::from_str(&second).unwrap();
    assert_eq!(
        report["completeness"]["cache"]["files_read"], 0,
        "{}",
        report["completeness"]
    );
    let mut entries = Vec::new();
    let mut dirs = vec![cache.path().join("results")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().unwrap() != "usage" {
                entries.push(path);
            }
        }
    }
    assert_eq!(entries.len(), 1, "results entries: {entries:?}");
}

#[test]
fn rust_crate_used_without_the_affected_function_is_not_reachable_and_vex_says_so() {
    let db = database();
    let project = rust_project(
        "use smallvec::{smallvec, SmallVec};\n\nfn main() {\n    let mut v: SmallVec<[u8; 4]> = smallvec![1, 2];\n    v.push(3);\n    println!(\"{}\", v.len());\n}\n",
    );
    let found = verdicts(&scan(db.path(), project.path(), "json"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2, "not_reachable", "{found:?}");
    let vex: Value = serde_json::from_str(&scan(db.path(), project.path(), "openvex")).unwrap();
    let statement = &vex["statements"][0];
    assert_eq!(statement["vulnerability"]["name"], "RUSTSEC-2021-0003");
    assert_eq!(statement["status"], "not_affected");
    assert_eq!(
        statement["justification"],
        "vulnerable_code_not_in_execute_path"
    );

    // A file that names the affected method and that the parser cannot fully read makes the
    // answer unknown, never "not reachable".
    write(
        project.path(),
        "src/broken.rs",
        "fn broken( {\n    // calls insert_many somewhere below\n",
    );
    let found = verdicts(&scan(db.path(), project.path(), "json"));
    assert_eq!(found[0].2, "unknown", "{found:?}");
}

#[test]
fn a_transitive_crate_is_unknown_when_not_called_from_the_project() {
    let db = database();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    // `app` -> `wrapper` -> `smallvec`: wrapper's code may call the affected method.
    write(
        dir.path(),
        "Cargo.lock",
        "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"wrapper\"]\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"wrapper\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\ndependencies = [\"smallvec\"]\n",
    );
    write(
        dir.path(),
        "src/main.rs",
        "fn main() {\n    wrapper::run();\n}\n",
    );
    let found = verdicts(&scan(db.path(), dir.path(), "json"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2, "unknown", "{found:?}");
}

#[test]
fn go_symbols_are_matched_through_the_import_name() {
    let db = database();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        "go.mod",
        "module example.com/web\n\ngo 1.21\n\ntoolchain go1.21.0\n\nrequire golang.org/x/net v0.10.0\n",
    );
    write(
        dir.path(),
        "cmd/web/main.go",
        "package main\n\nimport (\n\t\"fmt\"\n\tweb \"net/http\"\n)\n\nfunc main() {\n\tfmt.Println(\"listening\")\n\tweb.ListenAndServe(\":8080\", nil)\n}\n",
    );
    let mut found = verdicts(&scan(db.path(), dir.path(), "json"));
    found.sort();
    assert_eq!(
        found,
        [
            (
                "deps/GO-2023-2102".to_owned(),
                "golang.org/x/net".to_owned(),
                // go.mod records no graph: another module may import http2.
                "unknown".to_owned(),
                vec![]
            ),
            (
                "deps/GO-2023-2102".to_owned(),
                "stdlib".to_owned(),
                "reachable".to_owned(),
                vec!["cmd/web/main.go:10".to_owned()]
            ),
        ]
    );
}

#[test]
fn python_and_javascript_packages_are_reachable_when_imported() {
    let db = database();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "requirements.txt", "Django==2.2.0\n");
    write(
        dir.path(),
        "web/package-lock.json",
        "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"dependencies\": { \"lodash\": \"^4.17.0\" } },\n    \"node_modules/lodash\": { \"version\": \"4.17.11\" }\n  }\n}\n",
    );
    write(
        dir.path(),
        "app/views.py",
        "import os\nfrom django.http import HttpResponse\n\n\ndef index(request):\n    return HttpResponse(os.getcwd())\n",
    );
    write(
        dir.path(),
        "web/src/util.ts",
        "import { merge } from \"lodash\";\n\nexport const both = (a: object, b: object) => merge(a, b);\n",
    );
    let mut found = verdicts(&scan(db.path(), dir.path(), "json"));
    found.sort();
    let mut summary: Vec<(String, String, Vec<String>)> =
        found.into_iter().map(|(_, p, r, s)| (p, r, s)).collect();
    summary.sort();
    assert_eq!(
        summary,
        [
            (
                "Django".to_owned(),
                "reachable".to_owned(),
                vec!["app/views.py:2".to_owned()]
            ),
            (
                "lodash".to_owned(),
                "reachable".to_owned(),
                vec!["web/src/util.ts:1".to_owned()]
            ),
        ]
    );

    // Nothing imports them: requirements.txt records no graph (another package may import
    // Django), so unknown; the npm lockfile does, and no package requires lodash.
    std::fs::remove_file(dir.path().join("app/views.py")).unwrap();
    write(dir.path(), "app/views.py", "import os\n");
    write(dir.path(), "web/src/util.ts", "export const x = 1;\n");
    let mut found = verdicts(&scan(db.path(), dir.path(), "json"));
    found.sort();
    let mut summary: Vec<(String, String)> = found.into_iter().map(|(_, p, r, _)| (p, r)).collect();
    summary.sort();
    assert_eq!(
        summary,
        [
            ("Django".to_owned(), "unknown".to_owned()),
            ("lodash".to_owned(), "not_reachable".to_owned()),
        ]
    );
}
