#![allow(clippy::print_stdout, clippy::print_stderr)] // A benchmark tool: it reports on the terminal.

//! Times the dependency engine alone over every lockfile under a directory: what `ward scan`'s
//! scan phase spends on dependencies, without the walk or the other engines. For profiling and
//! `bench/deps.sh`:
//!
//! ```sh
//! cargo build --release -p ward-deps --example match_tree
//! target/release/examples/match_tree DB_DIR TREE [RUNS]
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use ward_core::{Engine, FileInput, FileOutput};
use ward_deps::DepsEngine;

fn lockfiles(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            lockfiles(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(db), Some(tree)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: match_tree DB_DIR TREE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut files = Vec::new();
    lockfiles(Path::new(tree), &mut files);
    files.sort();
    let contents: Vec<(String, PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.display().to_string(), p, bytes)
        })
        .collect();
    let mut times = Vec::new();
    for _ in 0..runs {
        let engine = DepsEngine::new(Some(PathBuf::from(db)));
        let started = Instant::now();
        let mut findings = 0;
        let mut errors = 0;
        for (path, fs_path, bytes) in &contents {
            let input = FileInput {
                path,
                fs_path,
                bytes,
                text: std::str::from_utf8(bytes).ok(),
            };
            if !engine.claims(&input) {
                continue;
            }
            let mut out = FileOutput::default();
            engine.scan_file(&input, &mut out);
            let (f, e) = out.take();
            findings += f.len();
            errors += e.len();
        }
        let elapsed = started.elapsed();
        times.push(elapsed.as_secs_f64() * 1000.0);
        eprintln!(
            "{findings} findings, {errors} errors, {:.1} ms",
            elapsed.as_secs_f64() * 1000.0
        );
    }
    times.sort_by(f64::total_cmp);
    println!(
        "median {:.1} ms over {runs} runs (min {:.1} ms)",
        times[runs / 2],
        times[0]
    );
}
