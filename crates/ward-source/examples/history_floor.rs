//! What reading a repository's history costs Ward before any engine runs: decoding every
//! object of its packs, then walking every commit's trees to the blobs a history scan searches
//! and reading each of them. No scan can be faster than this; `bench/history-floor.sh` times it
//! beside git's own object reading, `ward scan --history` and `gitleaks git`.
//!
//! ```text
//! cargo run -p ward-source --example history_floor -- REPO [RUNS]
//! ```
//!
//! Prints, for each step, the median wall time over RUNS runs (default 10; one warm-up run
//! first unless RUNS is 1), each run on a freshly opened repository.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a benchmark program: its output is the result

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use ward_source::{GitSource, HistoryRange};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(repo) = args.next().map(PathBuf::from) else {
        eprintln!("usage: history_floor REPO [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    let mut decode = Vec::new();
    let mut walk = Vec::new();
    let mut total = Vec::new();
    let mut counted = (0, 0, 0);
    let warm_up = usize::from(runs > 1);
    for run in 0..runs.max(1) + warm_up {
        let started = Instant::now();
        let source = match GitSource::open(&repo) {
            Ok(source) => source,
            Err(err) => {
                eprintln!("{}: {err}", repo.display());
                std::process::exit(1);
            }
        };
        source.preload(&AtomicBool::new(false));
        let decoded = started.elapsed();
        let (mut blobs, mut bytes) = (0usize, 0usize);
        let walked = match source.history_each(&HistoryRange::All, &mut |blob| {
            blobs += 1;
            bytes += source.blob(&blob.id).map_or(0, |b| b.len());
        }) {
            Ok(walked) => walked,
            Err(err) => {
                eprintln!("{}: {err}", repo.display());
                std::process::exit(1);
            }
        };
        let done = started.elapsed();
        if run >= warm_up {
            decode.push(decoded);
            walk.push(done.saturating_sub(decoded));
            total.push(done);
        }
        counted = (walked.commits, blobs, bytes);
    }
    let (commits, blobs, bytes) = counted;
    println!(
        "repository: {} ({commits} commits, {blobs} unique blobs, {bytes} bytes)",
        repo.display()
    );
    println!("decode every pack object: {:.3} s", median(&mut decode));
    println!("walk trees, read blobs:   {:.3} s", median(&mut walk));
    println!("total:                    {:.3} s", median(&mut total));
}

fn median(times: &mut [Duration]) -> f64 {
    times.sort_unstable();
    times
        .get(times.len() / 2)
        .map_or(0.0, Duration::as_secs_f64)
}
