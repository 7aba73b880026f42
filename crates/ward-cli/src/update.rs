//! `ward db update`: downloads the OSV exports of the ecosystems in use, conditionally, and
//! rebuilds the index when one of them changed.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use ward_advisory::Ecosystem;
use ward_advisory::fetch::{Fetcher, Outcome};
use ward_advisory::index::{self, Index};
use ward_advisory::sources::{self, State};
use ward_scan::ScanOptions;

use crate::{EXIT_ERROR, EXIT_OK};

/// What `ward db update` was asked.
#[derive(Debug)]
pub struct Request<'a> {
    pub paths: &'a [PathBuf],
    pub ecosystems: &'a [String],
    pub all: bool,
    pub mirror: Option<&'a str>,
    pub db: &'a Path,
    pub config: Option<&'a Path>,
    pub offline: bool,
}

pub fn run(request: &Request<'_>) -> Result<u8> {
    let mut stderr = std::io::stderr().lock();
    if request.offline {
        writeln!(
            stderr,
            "error: --offline: `ward db update` downloads advisories and may not use the network. \
             Build the database from files with `ward db import PATH...` instead."
        )?;
        return Ok(EXIT_ERROR);
    }
    let wanted = wanted_ecosystems(request)?;
    if wanted.is_empty() {
        writeln!(
            stderr,
            "error: no lockfiles with packages under {}: name the ecosystems with --ecosystem \
             (crates.io, npm, PyPI, Go, ...) or download every one with --all",
            display_paths(request.paths)
        )?;
        return Ok(EXIT_ERROR);
    }
    let base = request.mirror.unwrap_or(sources::DEFAULT_BASE_URL);
    let fetcher = Fetcher::new(request.db, base)?;
    let mut state = State::load(request.db)?;
    let mut stdout = std::io::stdout().lock();
    let mut downloaded = 0;
    let mut failed = 0;
    for ecosystem in &wanted {
        match fetcher.update(ecosystem, &mut state, ward_core::time::now_unix()) {
            Ok(Outcome::Downloaded { bytes }) => {
                downloaded += 1;
                writeln!(
                    stdout,
                    "{ecosystem}: downloaded {:.1} MiB",
                    bytes as f64 / 1_048_576.0
                )?;
            }
            Ok(Outcome::NotModified) => {
                writeln!(stdout, "{ecosystem}: not modified since the last update")?;
            }
            Err(error) => {
                failed += 1;
                writeln!(stderr, "error: {ecosystem}: {error}")?;
            }
        }
        // Saved after each export, so an interrupted update keeps what it learnt.
        state.save(request.db)?;
    }
    let index_exists = Index::open(request.db).is_ok();
    let exports = state.export_paths(request.db);
    if (downloaded > 0 || !index_exists) && !exports.is_empty() {
        let (paths, kev, epss) = kept_sources(request.db, exports, &mut stderr)?;
        drop(stdout);
        drop(stderr);
        let code = crate::db::import(&paths, &kev, &epss, request.db)?;
        if code != EXIT_OK {
            return Ok(code);
        }
    } else if failed == 0 {
        writeln!(
            stdout,
            "The advisory database is up to date; the index was not rebuilt."
        )?;
    }
    Ok(if failed > 0 { EXIT_ERROR } else { EXIT_OK })
}

/// The ecosystems to download: `--all`, `--ecosystem`, else those of the project's lockfiles.
fn wanted_ecosystems(request: &Request<'_>) -> Result<Vec<String>> {
    if request.all {
        return Ok(Ecosystem::ALL
            .iter()
            .map(|e| e.osv_name().to_owned())
            .collect());
    }
    if !request.ecosystems.is_empty() {
        let mut names = BTreeSet::new();
        for name in request.ecosystems {
            let Some(eco) = Ecosystem::from_osv(name) else {
                bail!(
                    "--ecosystem {name}: not an ecosystem Ward knows (one of: {})",
                    Ecosystem::ALL
                        .iter()
                        .map(|e| e.osv_name())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            };
            names.insert(eco.osv_name().to_owned());
        }
        return Ok(names.into_iter().collect());
    }
    for path in request.paths {
        if std::fs::symlink_metadata(path).is_err() {
            bail!("{}: path does not exist", path.display());
        }
    }
    let first = request
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let config = crate::commands::load_config(request.config, &first)?;
    let options = ScanOptions {
        paths: request.paths.to_vec(),
        max_file_size: config.scan.max_file_size,
        threads: config.scan.threads,
        include: config.scan.include.clone(),
        exclude: config.scan.exclude.clone(),
        budgets: ward_scan::Budgets::default(),
        cache: None,
    };
    let (packages, _) = ward_scan::inventory(&options, ward_scan::project_root(&first), None)?;
    let names: BTreeSet<String> = packages
        .iter()
        .map(|p| index::ecosystem_key(&p.ecosystem))
        .collect();
    Ok(names.into_iter().collect())
}

/// What the rebuilt index is made of: every downloaded export, and the sources, KEV and EPSS
/// files of the previous index that are not downloaded exports and still exist (an update does
/// not drop what `ward db import` added).
fn kept_sources(
    db: &Path,
    exports: Vec<PathBuf>,
    stderr: &mut dyn Write,
) -> Result<(Vec<PathBuf>, Vec<PathBuf>, Vec<PathBuf>)> {
    let mut paths = exports;
    let mut kev = Vec::new();
    let mut epss = Vec::new();
    let Ok(previous) = Index::open(db) else {
        return Ok((paths, kev, epss));
    };
    let exports_dir = sources::exports_dir(db);
    let meta = previous.meta();
    let mut keep = |path: &str, into: &mut Vec<PathBuf>| -> std::io::Result<()> {
        let path = PathBuf::from(path);
        if path.starts_with(&exports_dir) || into.contains(&path) {
            return Ok(());
        }
        if path.exists() {
            into.push(path);
        } else {
            writeln!(
                stderr,
                "warning: {} was imported before and is gone: it is no longer in the index",
                path.display()
            )?;
        }
        Ok(())
    };
    for source in &meta.sources {
        keep(&source.path, &mut paths)?;
    }
    for path in meta.kev.iter().flat_map(|k| &k.paths) {
        keep(path, &mut kev)?;
    }
    for path in meta.epss.iter().flat_map(|e| &e.paths) {
        keep(path, &mut epss)?;
    }
    Ok((paths, kev, epss))
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
