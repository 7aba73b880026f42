//! `ward db import`, `ward db update` and `ward db status`: the offline advisory database.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use ward_advisory::enrich;
use ward_advisory::index::{self, Enrichment, Index, IndexError, SourceMeta};

use crate::cli::{DbArgs, DbCommand};
use crate::{EXIT_ERROR, EXIT_OK};

pub fn run(args: &DbArgs, offline: bool) -> Result<u8> {
    match &args.command {
        DbCommand::Import {
            paths,
            kev,
            epss,
            db,
        } => import(paths, kev, epss, &db_dir(db.as_deref())?),
        DbCommand::Update {
            paths,
            ecosystem,
            all,
            mirror,
            db,
            config,
        } => crate::update::run(&crate::update::Request {
            paths,
            ecosystems: ecosystem,
            all: *all,
            mirror: mirror.as_deref(),
            db: &db_dir(db.as_deref())?,
            config: config.as_deref(),
            offline,
        }),
        DbCommand::Status { db } => status(db.as_deref()),
    }
}

fn db_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    index::resolve_dir(explicit).context(
        "no data directory is known (no HOME): give the database directory with --db DIR or WARD_DB",
    )
}

/// Files of a path: the path itself, or the regular files of a directory (sorted, not recursive).
fn files_of(path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
            .collect();
        files.sort();
        Ok(files)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

/// Builds the index in `dir` from advisory paths and KEV/EPSS files, replacing the old one.
pub fn import(paths: &[PathBuf], kev: &[PathBuf], epss: &[PathBuf], dir: &Path) -> Result<u8> {
    let started = Instant::now();
    let loaded = ward_advisory::load::load_paths(paths)?;
    let mut enrichment = Enrichment::default();
    for path in kev {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the KEV catalogue {}", path.display()))?;
        let (entries, version) = enrich::parse_kev(&path.display().to_string(), &text)?;
        enrichment.kev.extend(entries);
        enrichment.kev_version = version.or(enrichment.kev_version);
        enrichment.kev_paths.push(path.display().to_string());
    }
    let mut scores = HashMap::new();
    for path in epss {
        for file in files_of(path)? {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read the EPSS file {}", file.display()))?;
            enrich::parse_epss(&file.display().to_string(), &text, &mut scores)?;
        }
        enrichment.epss_paths.push(path.display().to_string());
    }
    enrichment.epss = scores;
    let records: usize = loaded.sources.iter().map(|s| s.records).sum();
    let sources: Vec<SourceMeta> = loaded
        .sources
        .iter()
        .map(|s| SourceMeta {
            path: s.path.clone(),
            records: s.records as u64,
            withdrawn: s.withdrawn as u64,
            broken: s.broken as u64,
        })
        .collect();
    let mut stderr = std::io::stderr().lock();
    for problem in loaded.problems.iter().take(20) {
        writeln!(stderr, "warning: {problem}")?;
    }
    if loaded.problems.len() > 20 {
        writeln!(
            stderr,
            "warning: … and {} more records that could not be read",
            loaded.problems.len() - 20
        )?;
    }
    if records == 0 {
        writeln!(
            stderr,
            "error: no OSV or RustSec advisories found in {}; the database was not changed",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        return Ok(EXIT_ERROR);
    }
    let bytes = index::build(
        loaded.advisories,
        sources,
        &enrichment,
        ward_core::time::now_unix(),
    );
    let written = index::write(dir, &bytes)?;
    let opened = Index::open(dir)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "Imported {records} advisories ({} packages) into {} ({:.1} MiB) in {} ms.",
        opened.package_count(),
        written.display(),
        bytes.len() as f64 / 1_048_576.0,
        started.elapsed().as_millis()
    )?;
    if !loaded.problems.is_empty() {
        writeln!(
            stdout,
            "{} record(s) could not be read (see the warnings above).",
            loaded.problems.len()
        )?;
    }
    write_status(&mut stdout, &opened)?;
    Ok(EXIT_OK)
}

fn status(db: Option<&Path>) -> Result<u8> {
    let dir = db_dir(db)?;
    let index = match Index::open(&dir) {
        Ok(index) => index,
        Err(IndexError::Missing(_)) => {
            let mut stderr = std::io::stderr().lock();
            writeln!(
                stderr,
                "error: no advisory database at {}. Build one with `ward db import PATH...` \
                 (OSV JSON/YAML files, directories or zip archives, RustSec advisories).",
                dir.display()
            )?;
            return Ok(EXIT_ERROR);
        }
        Err(other) => bail!(other),
    };
    let mut stdout = std::io::stdout().lock();
    write_status(&mut stdout, &index)?;
    Ok(EXIT_OK)
}

fn write_status(out: &mut dyn Write, index: &Index) -> Result<()> {
    let meta = index.meta();
    let now = ward_core::time::now_unix();
    let age_days = (now - meta.built_at).max(0) / 86_400;
    let data_days = index.path().parent().map_or(age_days, |dir| {
        (now - ward_advisory::sources::data_time(dir, meta)).max(0) / 86_400
    });
    writeln!(out, "Database: {}", index.path().display())?;
    writeln!(
        out,
        "Built:    {} ({age_days} day(s) ago) by ward {}",
        ward_core::time::iso_datetime(meta.built_at),
        meta.ward_version
    )?;
    if data_days > index::STALE_AFTER_DAYS {
        writeln!(
            out,
            "warning: the database is older than {} days; run `ward db update` (or import fresh advisories)",
            index::STALE_AFTER_DAYS
        )?;
    }
    writeln!(out, "Sources:")?;
    for source in &meta.sources {
        writeln!(
            out,
            "  {}: {} records{}{}",
            source.path,
            source.records,
            if source.withdrawn > 0 {
                format!(", {} withdrawn (skipped)", source.withdrawn)
            } else {
                String::new()
            },
            if source.broken > 0 {
                format!(", {} unreadable", source.broken)
            } else {
                String::new()
            }
        )?;
    }
    for (label, enrich) in [("KEV", &meta.kev), ("EPSS", &meta.epss)] {
        if let Some(enrich) = enrich {
            writeln!(
                out,
                "{label}: {} entries from {}{}, {} advisory match(es)",
                enrich.entries,
                enrich.paths.join(", "),
                enrich
                    .version
                    .as_deref()
                    .map(|v| format!(" (version {v})"))
                    .unwrap_or_default(),
                enrich.used
            )?;
        }
    }
    let width = meta
        .ecosystems
        .iter()
        .map(|e| e.ecosystem.len())
        .max()
        .unwrap_or(9)
        .max(9);
    writeln!(
        out,
        "{:width$}  {:>8}  {:>10}",
        "ECOSYSTEM", "PACKAGES", "ADVISORIES"
    )?;
    for eco in &meta.ecosystems {
        writeln!(
            out,
            "{:width$}  {:>8}  {:>10}{}",
            eco.ecosystem,
            eco.packages,
            eco.advisories,
            if eco.known {
                ""
            } else {
                "  (no version ordering: only exact versions are matched)"
            }
        )?;
    }
    Ok(())
}
