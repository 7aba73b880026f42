//! The client side of `bench/server-load.sh`: uploads `SCANS` scans of `FINDINGS` findings each
//! to a running `ward serve` from `CLIENTS` threads, and prints the throughput and how many
//! distinct issues the server must now hold.
//!
//! ```text
//! cargo run -p ward-server --example load_client -- URL TOKEN [SCANS FINDINGS CLIENTS PROJECTS]
//! ```
//!
//! Scan `k` goes to project `load-{k % PROJECTS}`, branch `main`, complete. Its findings are
//! files `src/m{n}.py` for `n` from `500 * round` to `500 * round + FINDINGS` (`round` =
//! `k / PROJECTS`): consecutive scans of a project share three quarters of their findings, so
//! deduplication is exercised under concurrency, and each scan closes what it no longer sees.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use ward_core::{
    Completeness, Confidence, Finding, GateOutcome, Location, ScanReport, Severity, Span, ToolInfo,
};
use ward_server::wire::{Stage, UploadRequest};

const STEP: usize = 500;

fn finding(n: usize) -> Finding {
    let path = format!("src/m{n}.py");
    let rule = "secrets/generic-api-key";
    Finding {
        rule_id: rule.to_owned(),
        engine: "secrets".to_owned(),
        severity: [
            Severity::Low,
            Severity::Medium,
            Severity::High,
            Severity::Critical,
        ][n % 4],
        confidence: Confidence::High,
        title: "A generic API key".to_owned(),
        message: format!("An API key is written in {path}"),
        location: Location {
            snippet: Some("api_key = \"****\"".to_owned()),
            span: Span::line(3, 1, 20),
            path: path.clone(),
        },
        cwe: vec!["CWE-798".to_owned()],
        owasp: vec![],
        remediation: None,
        references: vec![],
        fingerprint: ward_core::fingerprint::compute(rule, &path, "identity", 0),
        detail: ward_core::Detail::default(),
        suppressed: None,
        risk: None,
    }
}

fn request(k: usize, findings: usize, projects: usize) -> UploadRequest {
    let round = k / projects;
    let first = round * STEP;
    UploadRequest {
        scan_id: format!("load-{k:04}-{}", ward_server::client::new_scan_id()),
        project: format!("load-{}", k % projects),
        branch: "main".to_owned(),
        commit: format!("c{round:04}"),
        stage: Stage::Main,
        codeowners: None,
        report: ScanReport {
            version: ward_core::REPORT_VERSION,
            tool: ToolInfo {
                name: "ward".into(),
                version: "0.1.0".into(),
                engines: vec!["secrets".into()],
            },
            roots: vec![".".into()],
            started_at: "2026-12-01T10:00:00Z".into(),
            duration_ms: 1000,
            findings: (first..first + findings).map(finding).collect(),
            rules: vec![],
            completeness: Completeness {
                files_seen: findings as u64,
                files_scanned: findings as u64,
                ..Completeness::default()
            },
            gate: GateOutcome {
                fail_on: None,
                fail_on_risk: None,
                passed: true,
                blocking: vec![],
                warnings: vec![],
            },
            notices: vec![],
        },
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: load_client URL TOKEN [SCANS FINDINGS CLIENTS PROJECTS]");
        std::process::exit(2);
    }
    let number = |i: usize, default: usize| {
        args.get(i)
            .map_or(default, |a| a.parse().expect("a number"))
    };
    let (scans, findings, clients, projects) =
        (number(2, 100), number(3, 2000), number(4, 4), number(5, 4));
    let requests: Vec<UploadRequest> = (0..scans).map(|k| request(k, findings, projects)).collect();
    let mut distinct = BTreeSet::new();
    for r in &requests {
        for f in &r.report.findings {
            distinct.insert((r.project.clone(), f.fingerprint.primary.clone()));
        }
    }
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(request) = requests.get(k) else {
                        break;
                    };
                    if let Err(e) = ward_server::client::upload(&args[0], &args[1], request) {
                        failures.lock().unwrap().push(format!("scan {k}: {e:#}"));
                    }
                }
            });
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    let failures = failures.into_inner().unwrap();
    for failure in &failures {
        eprintln!("failed: {failure}");
    }
    let sent = scans * findings;
    println!("scans={scans} findings_per_scan={findings} clients={clients} projects={projects}");
    println!("wall_seconds={seconds:.2}");
    println!("findings_per_second={:.0}", sent as f64 / seconds);
    println!("distinct_issues={}", distinct.len());
    println!("failed_uploads={}", failures.len());
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
