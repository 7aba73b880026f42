//! The scan pipeline end to end on real directories, with the marker engines of `testing`.

use std::fs;
use std::path::{Path, PathBuf};

use ward_core::{Finding, SkipReason};
use ward_scan::{ScanOptions, ScanOutput, builtin_engines, scan};

fn options(paths: &[&Path]) -> ScanOptions {
    ScanOptions {
        paths: paths.iter().map(|p| p.to_path_buf()).collect(),
        max_file_size: 10 * 1024 * 1024,
        threads: 4,
        include: vec![],
        exclude: vec![],
        budgets: ward_scan::Budgets::default(),
        cache: None,
    }
}

fn engines() -> Vec<Box<dyn ward_scan::Engine>> {
    builtin_engines(&ward_scan::EngineSettings::default()).expect("built-in engines load")
}

fn run(root: &Path) -> ScanOutput {
    run_with(&options(&[root]))
}

fn run_with(options: &ScanOptions) -> ScanOutput {
    scan(options, &engines(), None).expect("scan runs")
}

fn write(root: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    path
}

fn paths(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.location.path.as_str()).collect()
}

fn skipped(output: &ScanOutput, reason: SkipReason) -> Vec<&str> {
    output
        .completeness
        .skipped_files
        .iter()
        .filter(|s| s.reason == reason)
        .map(|s| s.path.as_str())
        .collect()
}

const MARK: &str = "WARD-TEST-FINDING:high";

#[test]
fn honours_ignore_files_scans_dotfiles_and_never_enters_git() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".gitignore", "build/\n*.log\n");
    write(root, ".ignore", "generated.py\n");
    write(root, ".wardignore", "vendor/\n");
    write(root, ".env", format!("TOKEN=1 # {MARK}\n"));
    write(root, "src/app.py", format!("x = 1  # {MARK}\n"));
    write(root, "build/out.py", MARK);
    write(root, "debug.log", MARK);
    write(root, "generated.py", MARK);
    write(root, "vendor/lib.py", MARK);
    write(root, ".git/config", MARK);
    write(root, ".git/objects/pack/x", MARK);

    let output = run(root);
    assert_eq!(paths(&output.findings), [".env", "src/app.py"]);
    // Ignored files are not "seen"; the three ignore files, .env and app.py are.
    assert_eq!(output.completeness.files_seen, 5);
    assert_eq!(output.completeness.files_scanned, 5);
    assert!(output.completeness.is_complete());
}

#[test]
fn binary_and_oversized_files_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "logo.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR WARD-TEST-FINDING:high",
    );
    write(root, "big.sql", format!("{MARK}\n{}", "x".repeat(2048)));
    write(root, "small.txt", "hello\n");
    let mut opts = options(&[root]);
    opts.max_file_size = 1024;
    let output = run_with(&opts);
    assert!(output.findings.is_empty());
    assert_eq!(skipped(&output, SkipReason::Binary), ["logo.png"]);
    assert_eq!(skipped(&output, SkipReason::TooLarge), ["big.sql"]);
    assert_eq!(output.completeness.skipped[&SkipReason::Binary], 1);
    assert_eq!(output.completeness.skipped[&SkipReason::TooLarge], 1);
    assert_eq!(output.completeness.files_seen, 3);
    assert_eq!(output.completeness.files_scanned, 1);
}

#[cfg(unix)]
#[test]
fn symlinks_are_never_followed_and_loops_do_not_hang() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.txt", MARK);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "real/a.py", MARK);
    symlink(outside.path(), root.join("escape")).unwrap();
    symlink(
        outside.path().join("secret.txt"),
        root.join("escape-file.txt"),
    )
    .unwrap();
    symlink(root.join("real"), root.join("real/loop")).unwrap();
    symlink(root, root.join("self")).unwrap();
    symlink(root.join("missing"), root.join("dangling")).unwrap();

    let output = run(root);
    assert_eq!(paths(&output.findings), ["real/a.py"]);
    let mut links = skipped(&output, SkipReason::Symlink);
    links.sort_unstable();
    assert_eq!(
        links,
        ["dangling", "escape", "escape-file.txt", "real/loop", "self"]
    );
    assert!(
        output.completeness.is_complete(),
        "{:?}",
        output.completeness.errors
    );
}

#[test]
fn invalid_utf8_is_scanned_as_bytes_and_skipped_by_text_only_engines() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "latin1.txt", b"caf\xe9 WARD-TEST-FINDING:low\n");
    write(root, "empty.txt", b"");
    let output = run(root);
    // The byte engine found the marker in the non-UTF-8 file...
    assert_eq!(paths(&output.findings), ["latin1.txt"]);
    assert_eq!(output.findings[0].location.span.start_column, 6);
    // ...and the text-only engine recorded why it did not look at it.
    let skip = &output.completeness.skipped_files[0];
    assert_eq!(
        (skip.path.as_str(), skip.reason, skip.engine.as_deref()),
        ("latin1.txt", SkipReason::InvalidUtf8, Some("test-utf8"))
    );
    assert_eq!(output.completeness.files_scanned, 2);
}

#[test]
fn engine_errors_and_failures_are_recorded_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.yaml", "ok: 1\nbad: WARD-TEST-ERROR\n");
    write(root, "b.py", "WARD-TEST-PANIC\n");
    write(root, "c.py", MARK);
    let output = run(root);
    assert_eq!(paths(&output.findings), ["c.py"]);
    let errors: Vec<String> = output
        .completeness
        .errors
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        [
            "a.yaml:2: [test] test error marker",
            "b.py: [test] the engine failed on this file (internal error); the rest of the scan went on",
        ]
    );
    assert!(!output.completeness.is_complete());
}

#[test]
fn very_long_lines_and_many_findings_keep_exact_positions() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let line = format!("{}{MARK}{}", "a".repeat(3_000_000), "b".repeat(1000));
    write(root, "bundle.min.js", format!("first\n{line}\n"));
    let output = run(root);
    assert_eq!(output.findings.len(), 1);
    let span = output.findings[0].location.span;
    assert_eq!((span.start_line, span.start_column), (2, 3_000_001));
}

#[cfg(unix)]
#[test]
fn fifos_are_skipped_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let fifo = root.join("pipe");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    write(root, "a.py", MARK);
    let output = run(root);
    assert_eq!(paths(&output.findings), ["a.py"]);
    assert_eq!(skipped(&output, SkipReason::NotRegularFile), ["pipe"]);
}

#[test]
fn output_is_deterministic_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..200 {
        write(
            root,
            &format!("d{}/f{i}.py", i % 7),
            format!("{MARK}\nx\n{MARK}\n"),
        );
    }
    write(root, "bin.dat", b"\0\0");
    let first = run(root);
    assert_eq!(first.findings.len(), 400);
    for _ in 0..3 {
        let again = run(root);
        assert_eq!(again.findings, first.findings);
        assert_eq!(again.completeness, first.completeness);
    }
}

#[test]
fn fingerprints_survive_line_shifts_and_differ_between_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.py", format!("{MARK}\n"));
    let before = run(root).findings[0].fingerprint.clone();
    write(root, "a.py", format!("import os\n\n\n{MARK}\n"));
    write(root, "b.py", format!("{MARK}\n"));
    let after = run(root);
    assert_eq!(after.findings[0].location.path, "a.py");
    assert_eq!(after.findings[0].location.span.start_line, 4);
    assert_eq!(after.findings[0].fingerprint, before);
    assert_ne!(after.findings[1].fingerprint.primary, before.primary);
}

#[test]
fn include_and_exclude_patterns_select_paths() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    write(root, "src/a.py", MARK);
    write(root, "src/fixtures/b.py", MARK);
    write(root, "docs/c.md", MARK);
    let mut opts = options(&[root]);
    opts.include = vec!["src/".into()];
    opts.exclude = vec!["fixtures/".into()];
    assert_eq!(paths(&run_with(&opts).findings), ["src/a.py"]);
}

#[test]
fn paths_are_relative_to_the_project_root_whatever_path_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    write(root, "src/app/main.py", MARK);
    write(root, "other.py", MARK);
    let sub = run(&root.join("src"));
    assert_eq!(paths(&sub.findings), ["src/app/main.py"]);
    let file = run(&root.join("src/app/main.py"));
    assert_eq!(paths(&file.findings), ["src/app/main.py"]);
    let two = run_with(&options(&[&root.join("other.py"), &root.join("src")]));
    assert_eq!(paths(&two.findings), ["other.py", "src/app/main.py"]);
}

#[test]
fn a_path_that_does_not_exist_is_a_clear_error() {
    let err = scan(
        &options(&[Path::new("/definitely/not/here")]),
        &engines(),
        None,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "/definitely/not/here: path does not exist");
}

#[test]
fn deeply_nested_directories_are_walked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 150 levels of `d/` stay under PATH_MAX while being far deeper than any real tree.
    let deep: String = "d/".repeat(150);
    write(root, &format!("{deep}leaf.py"), MARK);
    let output = run(root);
    assert_eq!(output.findings.len(), 1);
    assert!(output.findings[0].location.path.ends_with("d/leaf.py"));
    assert!(output.completeness.is_complete());
}

#[test]
fn engine_names_match_the_built_engines() {
    let built: Vec<&str> = engines().iter().map(|e| e.name()).collect();
    assert_eq!(built, ward_scan::builtin_engine_names());
}

#[test]
fn history_engine_names_are_the_engines_that_scan_history() {
    // `ward scan --history` builds only these: an engine missing here would silently not run.
    let built: Vec<&str> = engines()
        .iter()
        .filter(|e| e.scans_history())
        .map(|e| e.name())
        .collect();
    assert_eq!(built, ward_scan::history_engine_names());
}

#[test]
fn engines_left_out_are_not_built_so_their_broken_rules_do_not_matter() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A secret rule file that does not parse: building the secrets engine fails on it.
    write(
        root,
        ".ward/secrets.toml",
        "[[rules]]\nid = \"broken\"\nregex = \"(\"\n",
    );
    let settings = ward_scan::EngineSettings {
        project_root: Some(root.to_path_buf()),
        ..Default::default()
    };
    assert!(ward_scan::builtin_engines(&settings).is_err());
    let only_iac = ward_scan::builtin_engines_where(&settings, |name| name == "iac")
        .expect("the IaC engine alone builds");
    let names: Vec<&str> = only_iac.iter().map(|e| e.name()).collect();
    assert_eq!(names, ["iac"]);
}
