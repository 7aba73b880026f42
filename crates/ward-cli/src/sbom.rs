//! `ward sbom`: the packages the lockfiles pin, as CycloneDX 1.6 or SPDX 2.3 JSON.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use ward_core::sbom::Inventory;
use ward_report::{SbomFormat, SbomOptions, render_sbom};
use ward_scan::ScanOptions;

use crate::cli::SbomArgs;
use crate::{EXIT_ERROR, EXIT_OK};

pub fn run(args: &SbomArgs) -> Result<u8> {
    let format: SbomFormat = args
        .format
        .parse()
        .map_err(|e: String| anyhow::anyhow!("--format: {e}"))?;
    for path in &args.paths {
        if std::fs::symlink_metadata(path).is_err() {
            bail!("{}: path does not exist", path.display());
        }
    }
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let config = crate::commands::load_config(args.config.as_deref(), &first)?;
    let project_root = ward_scan::project_root(&first);
    let options = ScanOptions {
        paths: args.paths.clone(),
        max_file_size: config.scan.max_file_size,
        threads: config.scan.threads,
        include: config.scan.include.clone(),
        exclude: config.scan.exclude.clone(),
        budgets: ward_scan::Budgets::default(),
        cache: None,
    };
    let (packages, output) = ward_scan::inventory(&options, project_root.clone(), None)?;
    let subject = args.name.clone().unwrap_or_else(|| {
        project_root
            .as_deref()
            .or(std::fs::canonicalize(&first).ok().as_deref())
            .and_then(|p| p.file_name())
            .map_or_else(
                || "project".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            )
    });
    let inventory = Inventory::new(subject, packages);
    let sbom_options = SbomOptions {
        created: ward_core::time::iso_datetime(ward_core::time::now_unix()),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    if let Some(path) = &args.output {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let mut out = BufWriter::new(file);
        render_sbom(format, &inventory, &sbom_options, &mut out)
            .and_then(|()| out.flush())
            .with_context(|| format!("cannot write {}", path.display()))?;
    } else {
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        render_sbom(format, &inventory, &sbom_options, &mut out)
            .and_then(|()| out.flush())
            .context("cannot write to standard output")?;
    }
    let mut stderr = std::io::stderr().lock();
    let errors = &output.completeness.errors;
    for error in errors {
        let place = match (&error.path, error.line) {
            (Some(path), Some(line)) => format!("{path}:{line}: "),
            (Some(path), None) => format!("{path}: "),
            _ => String::new(),
        };
        let _ = writeln!(stderr, "warning: {place}{}", error.message);
    }
    let lockfiles = inventory
        .packages
        .iter()
        .flat_map(|p| p.locations.iter().map(|l| l.path.as_str()))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let _ = writeln!(
        stderr,
        "ward: {} package(s) from {} lockfile(s); {} error(s)",
        inventory.packages.len(),
        lockfiles,
        errors.len()
    );
    if args.fail_closed && !output.completeness.is_complete() {
        let _ = writeln!(
            stderr,
            "error: the inventory is incomplete ({} error(s)) and --fail-closed is set",
            errors.len()
        );
        return Ok(EXIT_ERROR);
    }
    Ok(EXIT_OK)
}
