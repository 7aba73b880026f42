//! Scans of container images: the layers' files flow through the same engines as a
//! directory's. Layers are streamed in order on this thread (decompression is sequential)
//! while worker threads run the engines on the files; the file system the layers build decides
//! what is still in the image at the end.
//!
//! - Engines that look at history (secrets) report what they find in every layer, even in
//!   files a later layer deleted or replaced: those bytes are still in the image. The same
//!   secret is reported once, at the lowest layer that has it.
//! - Other engines' findings count only for the version of a file present at the end (a
//!   package database replaced by a later layer, a manifest deleted, are not reported).
//! - OS package databases and `os-release` are held back and offered at the end, release
//!   first, so the dependency engine knows the distribution (they are small).
//! - The image configuration is offered as `image-config.json`, for the IaC engine's checks.
//! - Files an OS package installed (listed in dpkg's `var/lib/dpkg/info/*.list`, or as `R:`
//!   entries of apk's database) are the distribution's, not the image author's: matches of the
//!   *generic* secret rules there (`password = "..."` in Perl modules, `.netrc` examples under
//!   `/usr/share/doc`) are dropped, while the specific detectors (a cloud key, a private key)
//!   still report, as a real credential is one wherever it sits. rpm's file lists are not read
//!   (they are in the database's headers; not worth their cost for this).
//!
//! Every finding names the layer (index, digest, and the build step from the history).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use ward_core::sbom::{Inventory, InventoryPackage, OperatingSystem};
use ward_core::{Completeness, Engine, Finding, ScanError, SkipReason};
use ward_deps::os::{OsFile, OsRelease};
use ward_image::{Entry, Filesystem, Gone, Image, ImageError, ImageKind, LayerInfo, Limits};
use ward_source::{Content, ReadOutcome};

use crate::{Accumulated, Context, Progress, ScanOptions, ScanOutput, ScanSetupError, Worker};

/// The path under which the image configuration is offered to engines.
pub const CONFIG_PATH: &str = "image-config.json";

/// Key in `detail.extra` holding the layer index of a finding while findings are merged.
const LAYER_KEY: &str = "_image_layer";

struct Job {
    path: String,
    layer: usize,
    bytes: Vec<u8>,
}

/// Scans a container image (`docker save` archive, OCI layout directory or tar, or a root
/// file system directory) with `engines`.
pub fn scan_image(
    image_path: &Path,
    options: &ScanOptions,
    engines: &[Box<dyn Engine>],
    progress: Option<&Progress>,
) -> Result<ScanOutput, ScanSetupError> {
    let image = Image::open(image_path).map_err(|e| ScanSetupError::Image(e.to_string()))?;
    scan_opened_image(&image, options, engines, progress)
}

/// Scans an image already opened (from a path with [`Image::open_for`], or pulled from a
/// registry with [`Image::pull`]: its layers are then streamed from the registry as they are
/// scanned).
pub fn scan_opened_image(
    image: &Image,
    options: &ScanOptions,
    engines: &[Box<dyn Engine>],
    progress: Option<&Progress>,
) -> Result<ScanOutput, ScanSetupError> {
    scan_layers(image, options, engines, progress).map(|(output, _)| output)
}

/// The packages of an image for an SBOM: OS packages and the language packages of its files
/// (lockfiles, installed metadata, Java archives, Go and Rust executables), each with the
/// layer that introduced it; and the operating system its `os-release` names. The output's
/// completeness record says what could not be read.
pub fn image_inventory(
    image: &Image,
    options: &ScanOptions,
    progress: Option<&Progress>,
) -> Result<(Inventory, ScanOutput), ScanSetupError> {
    let engines: Vec<Box<dyn Engine>> = vec![Box::new(
        ward_deps::DepsEngine::inventory().with_os_packages(true),
    )];
    let (mut output, os) = scan_layers(image, options, &engines, progress)?;
    let mut inventory = Inventory::new(image.name.clone(), std::mem::take(&mut output.packages));
    inventory.operating_system = os.filter(|os| !os.id.is_empty()).map(|os| OperatingSystem {
        id: os.id,
        version: os.version_id,
        pretty_name: os.pretty_name,
    });
    Ok((inventory, output))
}

fn scan_layers(
    image: &Image,
    options: &ScanOptions,
    engines: &[Box<dyn Engine>],
    progress: Option<&Progress>,
) -> Result<(ScanOutput, Option<OsRelease>), ScanSetupError> {
    let started = Instant::now();
    let limits = Limits {
        max_file_size: options.max_file_size,
        // Package databases are read whole (an rpm database is often over the file limit);
        // they are few and held back until the end anyway.
        wanted: |path| OsFile::of(path).is_some(),
        // Executables past the file size limit are still read for their build information.
        large_executables: true,
        ..Limits::default()
    };
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let shared = Mutex::new(Accumulated::default());
    let mut fs = Filesystem::new();
    let mut deferred: HashMap<String, (usize, Vec<u8>)> = HashMap::new();
    let mut packaged = Packaged::default();
    let mut own = Completeness::default();
    let mut fatal: Option<ImageError> = None;
    // A few files per worker in flight: memory stays bounded by the file size limit.
    let (sender, receiver) = crossbeam_channel::bounded::<Job>(threads * 4);
    let ctx = Context::new(engines, options, progress, started);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let receiver = receiver.clone();
            let shared = &shared;
            let ctx = &ctx;
            scope.spawn(move || {
                let mut worker = Worker {
                    ctx,
                    shared,
                    local: Accumulated::default(),
                };
                for job in receiver {
                    scan_job(&mut worker, job);
                }
            });
        }
        drop(receiver);
        for index in 0..image.layers.len() {
            let mut visit = |entry: Entry| {
                handle_entry(
                    entry,
                    index,
                    &mut fs,
                    &mut deferred,
                    &mut packaged,
                    &mut own,
                    &sender,
                );
            };
            match image.read_layer(index, &limits, &mut visit) {
                Ok(_) => {}
                Err(error @ ImageError::DigestMismatch { .. }) => {
                    fatal = Some(error);
                    break;
                }
                Err(error) => own.errors.push(ScanError {
                    path: None,
                    line: None,
                    engine: None,
                    message: format!("{error}; the rest of this layer was not scanned"),
                }),
            }
        }
        drop(sender);
    });
    if let Some(error) = fatal {
        return Err(ScanSetupError::Image(error.to_string()));
    }

    // Held-back OS files present at the end, os-release first, then the image configuration.
    let mut held: Vec<(u8, String, usize, Vec<u8>)> = deferred
        .into_iter()
        .filter(|(path, (layer, _))| fs.is_present(path, *layer))
        .map(|(path, (layer, bytes))| (OsFile::priority(&path).unwrap_or(2), path, layer, bytes))
        .collect();
    held.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    // The release the image ends with (`etc/os-release` first).
    let os = held
        .iter()
        .find(|(_, path, _, _)| OsFile::of(path) == Some(OsFile::Release))
        .map(|(_, _, _, bytes)| OsRelease::parse(&String::from_utf8_lossy(bytes)));
    {
        let mut worker = Worker {
            ctx: &ctx,
            shared: &shared,
            local: Accumulated::default(),
        };
        for (_, path, layer, bytes) in held {
            worker.local.completeness.files_seen += 1;
            let content = Content {
                is_utf8: std::str::from_utf8(&bytes).is_ok(),
                disk_len: bytes.len() as u64,
                bytes,
            };
            let added = worker.scan_content(&path, Path::new(&path), &content);
            tag_layer(&mut worker, added, layer);
        }
        if let Some(bytes) = &image.config_bytes {
            worker.local.completeness.files_seen += 1;
            if let ReadOutcome::Read(content) =
                ward_source::classify(bytes.clone(), options.max_file_size)
            {
                worker.scan_content(CONFIG_PATH, Path::new(CONFIG_PATH), &content);
            }
        }
    }

    let Accumulated {
        findings,
        mut completeness,
        packages,
        ..
    } = shared
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    completeness.merge(own);
    let history: HashSet<&str> = engines
        .iter()
        .filter(|e| e.scans_history())
        .map(|e| e.name())
        .collect();
    // Before `settle` merges repeated secrets: a match dropped in a package's file must not
    // hide the same text in the application's.
    let mut findings = findings;
    findings.retain(|f| !(is_generic_secret(f) && packaged.owned.contains(&f.location.path)));
    let mut findings = settle(findings, &fs, image, &history, &packaged.origins);
    // Engines that judge several files together (Terraform modules) see the image's files as
    // one project; their findings carry no layer.
    crate::project_passes(engines, &mut findings, &mut completeness);
    let mut output = crate::output(engines, findings, completeness, started);
    output.packages = settle_packages(packages, &fs, image, &packaged.origins);
    Ok((output, os))
}

/// Keeps the packages of the files the final image holds, each named with the layer that
/// introduced it (for an OS package, the layer that installed its version).
fn settle_packages(
    packages: Vec<(Option<usize>, InventoryPackage)>,
    fs: &Filesystem,
    image: &Image,
    origins: &PackageOrigins,
) -> Vec<InventoryPackage> {
    let mut kept = Vec::with_capacity(packages.len());
    for (layer, mut package) in packages {
        let Some(layer) = layer else {
            kept.push(package);
            continue;
        };
        let Some(path) = package.locations.first().map(|l| l.path.clone()) else {
            continue;
        };
        if !fs.is_present(&path, layer) {
            continue;
        }
        let introduced = package
            .version
            .as_deref()
            .and_then(|version| origins.layer(&path, &package.name, version))
            .unwrap_or(layer);
        if image.kind != ImageKind::RootFs
            && let Some(info) = image.layers.get(introduced)
        {
            for location in &mut package.locations {
                location.layer = Some(info.digest.clone());
                location.layer_created_by.clone_from(&info.created_by);
            }
        }
        kept.push(package);
    }
    kept
}

fn handle_entry(
    entry: Entry,
    layer: usize,
    fs: &mut Filesystem,
    deferred: &mut HashMap<String, (usize, Vec<u8>)>,
    packaged: &mut Packaged,
    own: &mut Completeness,
    sender: &crossbeam_channel::Sender<Job>,
) {
    match entry {
        Entry::Whiteout { path } => fs.whiteout(&path, layer),
        Entry::Opaque { dir } => fs.opaque(&dir, layer),
        Entry::Refused { path, reason } => {
            own.files_seen += 1;
            own.errors.push(ScanError {
                path: Some(path),
                line: None,
                engine: None,
                message: format!("layer {layer}: {reason}; the entry was neither read nor applied"),
            });
        }
        Entry::File { path, bytes } => {
            fs.add(&path, layer);
            packaged.owned.record(&path, &bytes);
            if let Some(kind) = OsFile::of(&path) {
                own.files_seen += 1;
                packaged.origins.record(kind, &path, layer, &bytes);
                deferred.insert(path, (layer, bytes));
            } else {
                // A closed channel means the workers are gone (a panic); nothing left to do.
                let _ = sender.send(Job { path, layer, bytes });
            }
        }
        Entry::Large { path, .. } => {
            fs.add(&path, layer);
            own.files_seen += 1;
            own.skip(path, SkipReason::TooLarge);
        }
        Entry::Symlink { path, .. } | Entry::HardLink { path, .. } => {
            fs.add(&path, layer);
            // Images hold thousands of links: counted, not listed.
            *own.skipped.entry(SkipReason::Symlink).or_insert(0) += 1;
        }
        Entry::Special { path } => {
            fs.add(&path, layer);
            *own.skipped.entry(SkipReason::NotRegularFile).or_insert(0) += 1;
        }
    }
}

/// What the OS package databases and file lists of the layers say.
#[derive(Default)]
struct Packaged {
    origins: PackageOrigins,
    owned: OwnedFiles,
}

/// Whether a finding is a generic secret rule's match (see the module documentation).
fn is_generic_secret(finding: &Finding) -> bool {
    finding.engine == "secrets"
        && finding
            .detail
            .extra
            .get("generic")
            .and_then(serde_json::Value::as_bool)
            == Some(true)
}

/// The files OS packages installed, from dpkg's file lists and apk's database (any layer's
/// version: a file a package once installed stays the distribution's).
#[derive(Default)]
struct OwnedFiles {
    paths: HashSet<String>,
}

impl OwnedFiles {
    fn record(&mut self, path: &str, bytes: &[u8]) {
        let path = path.trim_start_matches('/');
        if let Some(name) = path.strip_prefix("var/lib/dpkg/info/")
            && name.rsplit_once('.').is_some_and(|(_, ext)| ext == "list")
            && !name.contains('/')
        {
            // One absolute path per line, directories included.
            for line in String::from_utf8_lossy(bytes).lines() {
                let line = line.trim().trim_start_matches('/');
                if !line.is_empty() {
                    self.paths.insert(line.to_owned());
                }
            }
        } else if path == "lib/apk/db/installed" {
            // `F:` names a directory, the `R:` lines after it the files in it.
            let mut dir = String::new();
            for line in String::from_utf8_lossy(bytes).lines() {
                if let Some(d) = line.strip_prefix("F:") {
                    d.trim().clone_into(&mut dir);
                } else if let Some(file) = line.strip_prefix("R:") {
                    let file = file.trim();
                    self.paths.insert(if dir.is_empty() {
                        file.to_owned()
                    } else {
                        format!("{dir}/{file}")
                    });
                } else if line.is_empty() {
                    dir.clear();
                }
            }
        }
    }

    fn contains(&self, path: &str) -> bool {
        self.paths.contains(path.trim_start_matches('/'))
    }
}

/// For each package of each OS database, the layer that installed the version present: the
/// first of the unbroken run of database versions that list it (a package that a later layer
/// upgraded was introduced by that layer).
#[derive(Default)]
struct PackageOrigins {
    /// Database path -> (package name, version) -> layer.
    since: HashMap<String, HashMap<(String, String), usize>>,
}

impl PackageOrigins {
    fn record(&mut self, kind: OsFile, path: &str, layer: usize, bytes: &[u8]) {
        let Ok(packages) = kind.parse(bytes) else {
            return;
        };
        let previous = self.since.remove(path).unwrap_or_default();
        let current = packages
            .into_iter()
            .map(|p| {
                let key = (p.name, p.version);
                let since = previous.get(&key).copied().unwrap_or(layer);
                (key, since)
            })
            .collect();
        self.since.insert(path.to_owned(), current);
    }

    fn layer(&self, path: &str, name: &str, version: &str) -> Option<usize> {
        self.since
            .get(path)?
            .get(&(name.to_owned(), version.to_owned()))
            .copied()
    }
}

fn scan_job(worker: &mut Worker<'_>, job: Job) {
    // An executable over the file size limit (read for the packages built into it) goes only
    // to the engines that read binaries.
    if job.bytes.len() as u64 > worker.ctx.max_file_size {
        worker.local.completeness.files_seen += 1;
        if worker.wants_binary(&job.path) {
            let added = worker.scan_binary(&job.path, Path::new(&job.path), &job.bytes);
            tag_layer(worker, added, job.layer);
        } else {
            worker
                .local
                .completeness
                .skip(job.path, SkipReason::TooLarge);
        }
        return;
    }
    // Binaries an engine asks for (the dependency engine reads Java archives, Go and Rust
    // executables) are offered as bytes.
    if let Some(Err(SkipReason::Binary)) =
        ward_source::classify_plain(&job.bytes, worker.ctx.max_file_size)
        && worker.wants_binary(&job.path)
    {
        worker.local.completeness.files_seen += 1;
        let added = worker.scan_binary(&job.path, Path::new(&job.path), &job.bytes);
        tag_layer(worker, added, job.layer);
        return;
    }
    match ward_source::classify(job.bytes, worker.ctx.max_file_size) {
        ReadOutcome::Read(content) => {
            worker.local.completeness.files_seen += 1;
            let added = worker.scan_content(&job.path, Path::new(&job.path), &content);
            tag_layer(worker, added, job.layer);
        }
        ReadOutcome::Skipped(reason) => {
            worker.local.completeness.files_seen += 1;
            if reason == SkipReason::Binary {
                // Images hold thousands of binaries: counted, not listed.
                *worker.local.completeness.skipped.entry(reason).or_insert(0) += 1;
            } else {
                worker.local.completeness.skip(job.path, reason);
            }
        }
        ReadOutcome::Failed(message) => {
            worker
                .local
                .completeness
                .errors
                .push(ScanError::file(job.path, message));
        }
    }
}

fn tag_layer(worker: &mut Worker<'_>, added: usize, layer: usize) {
    let start = worker.local.findings.len() - added;
    for finding in &mut worker.local.findings[start..] {
        finding.detail.extra.insert(LAYER_KEY.into(), layer.into());
    }
    // Packages listed for an inventory: those of this file are the ones without a layer yet.
    for (tagged, _) in worker.local.packages.iter_mut().rev() {
        if tagged.is_some() {
            break;
        }
        *tagged = Some(layer);
    }
}

/// Keeps what the final image holds, names the layers, and merges repeated secrets.
fn settle(
    findings: Vec<Finding>,
    fs: &Filesystem,
    image: &Image,
    history: &HashSet<&str>,
    origins: &PackageOrigins,
) -> Vec<Finding> {
    let mut kept: Vec<Finding> = Vec::new();
    // Content fingerprint -> position in `kept`, for engines that report across versions.
    let mut first: HashMap<String, usize> = HashMap::new();
    let layer_of = |f: &Finding| {
        f.detail
            .extra
            .get(LAYER_KEY)
            .and_then(serde_json::Value::as_u64)
            .map(|l| l as usize)
    };
    let mut findings = findings;
    findings.sort_by_key(|f| layer_of(f).unwrap_or(usize::MAX));
    for mut finding in findings {
        let Some(layer) = layer_of(&finding) else {
            finding
                .detail
                .extra
                .insert("image".into(), image.name.clone().into());
            kept.push(finding);
            continue;
        };
        finding.detail.extra.remove(LAYER_KEY);
        let path = finding.location.path.clone();
        let across_versions = history.contains(finding.engine.as_str());
        if !across_versions && !fs.is_present(&path, layer) {
            continue;
        }
        if across_versions {
            if first.contains_key(&finding.fingerprint.content) {
                continue;
            }
            first.insert(finding.fingerprint.content.clone(), kept.len());
        }
        // An OS package is named with the layer that installed it, not the last layer that
        // rewrote the database.
        let introduced = finding
            .detail
            .vulnerability
            .as_ref()
            .and_then(|v| origins.layer(&path, &v.package.name, &v.package.version))
            .unwrap_or(layer);
        annotate(&mut finding, image, introduced, fs.gone(&path, layer));
        kept.push(finding);
    }
    kept
}

fn annotate(finding: &mut Finding, image: &Image, layer: usize, gone: Option<Gone>) {
    let extra = &mut finding.detail.extra;
    extra.insert("image".into(), image.name.clone().into());
    if image.kind == ImageKind::RootFs {
        return;
    }
    let Some(info): Option<&LayerInfo> = image.layers.get(layer) else {
        return;
    };
    extra.insert(
        "layer".into(),
        serde_json::json!({
            "index": layer,
            "digest": info.digest,
            "diff_id": info.diff_id,
            "created_by": info.created_by,
        }),
    );
    let short: String = info
        .digest
        .trim_start_matches("sha256:")
        .chars()
        .take(12)
        .collect();
    let step = info
        .created_by
        .as_deref()
        .map(|c| {
            let c = c.trim();
            let c = c.strip_prefix("/bin/sh -c ").unwrap_or(c);
            let c = c.strip_prefix("#(nop) ").unwrap_or(c).trim();
            let cut: String = c.chars().take(100).collect();
            if cut.len() < c.len() {
                format!(" by `{cut}…`")
            } else {
                format!(" by `{cut}`")
            }
        })
        .unwrap_or_default();
    finding.message = format!(
        "{} Introduced in layer {layer} ({short}){step}.",
        finding.message
    );
    match gone {
        Some(Gone::Deleted(at)) => {
            extra.insert("deleted_in_layer".into(), at.into());
            let _ = write!(
                finding.message,
                " The file is deleted in layer {at}, but it is still in the image: anyone with the image can read layer {layer}."
            );
        }
        Some(Gone::Replaced(at)) => {
            extra.insert("replaced_in_layer".into(), at.into());
            let _ = write!(
                finding.message,
                " The file is replaced in layer {at}, but this version is still in the image: anyone with the image can read layer {layer}."
            );
        }
        None => {}
    }
}
