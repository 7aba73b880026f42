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
    let image = image_input(args)?;
    if image.is_none() {
        if args.platform.is_some() || args.insecure_registry {
            bail!("--platform and --insecure-registry apply to images, not to directories");
        }
        for path in &args.paths {
            if std::fs::symlink_metadata(path).is_err() {
                bail!("{}: path does not exist", path.display());
            }
        }
    }
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    // An image's configuration is that of the directory Ward runs in.
    let config_from = if image.is_some() {
        PathBuf::from(".")
    } else {
        first.clone()
    };
    let config = crate::commands::load_config(args.config.as_deref(), &config_from)?;
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
    let is_image = image.is_some();
    let (inventory, output) = if let Some(source) = image {
        let opened = match &source {
            ImageSource::Reference(reference, pull) => ward_image::Image::pull(reference, pull),
            ImageSource::Path(path, pull) => {
                ward_image::Image::open_for(path, pull.platform.as_ref())
            }
        }
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let (mut inventory, output) = ward_scan::image_inventory(&opened, &options, None)?;
        if let Some(name) = &args.name {
            inventory.subject.clone_from(name);
        }
        (inventory, output)
    } else {
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
        (Inventory::new(subject, packages), output)
    };
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
    let os = inventory
        .operating_system
        .as_ref()
        .map(|os| {
            format!(
                " on {}",
                os.pretty_name.as_deref().unwrap_or(os.id.as_str())
            )
        })
        .unwrap_or_default();
    let _ = writeln!(
        stderr,
        "ward: {} package(s) from {} {}(s){os}; {} error(s)",
        inventory.packages.len(),
        lockfiles,
        if inventory.operating_system.is_some() || is_image {
            "file"
        } else {
            "lockfile"
        },
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

/// Where an image to list comes from.
enum ImageSource {
    Path(PathBuf, ward_image::PullOptions),
    Reference(ward_image::Reference, ward_image::PullOptions),
}

/// The image `ward sbom` lists, when its argument is one: `--image`, a tar archive, an OCI
/// layout or `docker save` directory (a `manifest.json` that is a list), or a name that is no
/// path but parses as a reference.
fn image_input(args: &SbomArgs) -> Result<Option<ImageSource>> {
    let [given] = args.paths.as_slice() else {
        if args.image {
            bail!("--image takes one IMAGE");
        }
        return Ok(None);
    };
    let platform = args
        .platform
        .as_deref()
        .map(str::parse::<ward_image::Platform>)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--platform: {e}"))?;
    let pull = ward_image::PullOptions {
        platform,
        insecure: args.insecure_registry,
        docker_config: None,
    };
    let Ok(meta) = std::fs::metadata(given) else {
        let text = given.to_string_lossy();
        return match text.parse::<ward_image::Reference>() {
            Ok(reference) => Ok(Some(ImageSource::Reference(reference, pull))),
            Err(e) => bail!("{text}: no such file or directory, and {e}"),
        };
    };
    let is_image = args.image
        || if meta.is_dir() {
            // Not any `manifest.json` or `index.json`: a web project has those too.
            given.join("oci-layout").is_file()
                || (given.join("index.json").is_file() && given.join("blobs").is_dir())
                || std::fs::read(given.join("manifest.json"))
                    .is_ok_and(|m| m.trim_ascii_start().starts_with(b"["))
        } else {
            is_tar(given)
        };
    if is_image && args.insecure_registry {
        bail!(
            "--insecure-registry applies to images pulled from a registry, not to {}",
            given.display()
        );
    }
    Ok(is_image.then(|| ImageSource::Path(given.clone(), pull)))
}

/// Whether a file is a tar archive (the `ustar` magic of its first header).
fn is_tar(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 263];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|()| &header[257..262] == b"ustar")
}
