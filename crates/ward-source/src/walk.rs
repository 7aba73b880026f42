use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::overrides::OverrideBuilder;
use ignore::{WalkBuilder, WalkState};
use ward_core::{ScanError, SkipReason};

/// One root of a walk.
#[derive(Debug, Clone)]
pub struct Root {
    /// The root on disk, canonical (symbolic links in the root itself are resolved: the user
    /// named it).
    pub path: PathBuf,
    /// The directory that display paths are relative to: the project root that holds this root
    /// (the nearest ancestor with `ward.toml` or `.git`), or the root itself.
    pub base: PathBuf,
}

/// What to walk and how.
#[derive(Debug, Clone)]
pub struct WalkConfig {
    pub roots: Vec<Root>,
    /// Files larger than this are skipped with [`SkipReason::TooLarge`].
    pub max_file_size: u64,
    /// Worker threads; 0 picks one per CPU.
    pub threads: usize,
    /// Gitignore-style globs, relative to the first root's base. When not empty, only files
    /// matching one of them are scanned.
    pub include: Vec<String>,
    /// Gitignore-style globs, relative to the first root's base, of paths never scanned.
    pub exclude: Vec<String>,
}

/// A bad include or exclude pattern.
#[derive(Debug, thiserror::Error)]
#[error("invalid path pattern `{pattern}`: {message}")]
pub struct WalkSetupError {
    pub pattern: String,
    pub message: String,
}

/// A regular file found by the walk, not yet read.
#[derive(Debug)]
pub struct Candidate {
    /// Path relative to its root's base, `/`-separated.
    pub display_path: String,
    pub fs_path: PathBuf,
}

/// What the walk reports to the visitor.
#[derive(Debug)]
pub enum Item {
    /// A regular file to consider.
    File(Candidate),
    /// An entry seen and not scanned.
    Skipped { path: String, reason: SkipReason },
    /// An entry that could not be walked (a directory that cannot be listed, say).
    Error(ScanError),
}

/// The path of `path` relative to `base`, with `/` separators. Falls back to the full path.
pub fn display_path(path: &Path, base: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    let mut out = String::new();
    for component in relative.components() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&component.as_os_str().to_string_lossy());
    }
    if out.is_empty() {
        // The root is a file named on the command line; name it by its file name.
        out = path.file_name().map_or_else(
            || path.to_string_lossy().into_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
    }
    out
}

fn base_for<'a>(roots: &'a [Root], path: &Path) -> &'a Path {
    roots
        .iter()
        .filter(|root| path.starts_with(&root.path))
        .max_by_key(|root| root.path.as_os_str().len())
        .map_or_else(|| Path::new(""), |root| root.base.as_path())
}

/// Walks every root once, in parallel, calling a visitor made by `make_visitor` on each worker
/// thread for every item. Returns after the whole walk has finished.
pub fn walk<F, V>(config: &WalkConfig, make_visitor: F) -> Result<(), WalkSetupError>
where
    F: Fn() -> V + Sync,
    V: FnMut(Item) + Send,
{
    let Some(first) = config.roots.first() else {
        return Ok(());
    };
    let mut builder = WalkBuilder::new(&first.path);
    for root in &config.roots[1..] {
        builder.add(&root.path);
    }
    // Excludes prune whole directories through the walker's overrides. Includes are checked per
    // file against the file and its parent directories, so `src/` includes everything below it
    // (an override whitelist would only match the directory entry itself).
    let include = build_include(&first.base, &config.include)?;
    let mut overrides = OverrideBuilder::new(&first.base);
    for pattern in &config.exclude {
        overrides
            .add(&format!("!{pattern}"))
            .map_err(|e| WalkSetupError {
                pattern: pattern.clone(),
                message: e.to_string(),
            })?;
    }
    let overrides = overrides.build().map_err(|e| WalkSetupError {
        pattern: String::new(),
        message: e.to_string(),
    })?;
    builder
        .hidden(false) // dotfiles such as .env are where secrets live
        .follow_links(false)
        .git_ignore(true)
        .git_exclude(true)
        // A user's global excludes file would make results differ between machines.
        .git_global(false)
        // Honour .gitignore even in a tree that is not (yet) a git repository.
        .require_git(false)
        .ignore(true)
        .parents(true)
        .add_custom_ignore_filename(".wardignore")
        .overrides(overrides)
        .threads(config.threads)
        .filter_entry(|entry| entry.file_name() != ".git");

    let roots = &config.roots;
    let include = include.as_ref();
    builder.build_parallel().run(|| {
        let mut visit = make_visitor();
        Box::new(move |result| {
            match result {
                Ok(entry) => {
                    let path = entry.path();
                    let base = base_for(roots, path);
                    if entry.path_is_symlink() {
                        visit(Item::Skipped {
                            path: display_path(path, base),
                            reason: SkipReason::Symlink,
                        });
                    } else if let Some(file_type) = entry.file_type() {
                        if file_type.is_file() {
                            if !is_included(include, path) {
                                return WalkState::Continue;
                            }
                            visit(Item::File(Candidate {
                                display_path: display_path(path, base),
                                fs_path: path.to_path_buf(),
                            }));
                        } else if !file_type.is_dir() {
                            visit(Item::Skipped {
                                path: display_path(path, base),
                                reason: SkipReason::NotRegularFile,
                            });
                        }
                    }
                }
                Err(err) => visit(Item::Error(walk_error(roots, &err))),
            }
            WalkState::Continue
        })
    });
    Ok(())
}

fn build_include(base: &Path, patterns: &[String]) -> Result<Option<Gitignore>, WalkSetupError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GitignoreBuilder::new(base);
    for pattern in patterns {
        builder
            .add_line(None, pattern)
            .map_err(|e| WalkSetupError {
                pattern: pattern.clone(),
                message: e.to_string(),
            })?;
    }
    builder.build().map(Some).map_err(|e| WalkSetupError {
        pattern: String::new(),
        message: e.to_string(),
    })
}

fn is_included(include: Option<&Gitignore>, path: &Path) -> bool {
    let Some(include) = include else {
        return true;
    };
    // A path outside the include patterns' base was named on the command line: keep it.
    if !path.starts_with(include.path()) {
        return true;
    }
    include.matched_path_or_any_parents(path, false).is_ignore()
}

fn walk_error(roots: &[Root], err: &ignore::Error) -> ScanError {
    fn find_path(err: &ignore::Error) -> Option<&Path> {
        match err {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                find_path(err)
            }
            _ => None,
        }
    }
    fn io_kind(err: &ignore::Error) -> Option<std::io::ErrorKind> {
        match err {
            ignore::Error::Io(io) => Some(io.kind()),
            ignore::Error::WithPath { err, .. }
            | ignore::Error::WithDepth { err, .. }
            | ignore::Error::WithLineNumber { err, .. } => io_kind(err),
            _ => None,
        }
    }
    let path = find_path(err).map(|p| display_path(p, base_for(roots, p)));
    let message = match io_kind(err) {
        Some(std::io::ErrorKind::PermissionDenied) => {
            "permission denied: the directory or file could not be read".to_owned()
        }
        Some(std::io::ErrorKind::NotFound) => "vanished during the scan".to_owned(),
        _ => {
            // ignore's messages repeat the path; keep only the cause.
            let text = err.to_string();
            match &path {
                Some(p) => text.replace(&format!("{p}: "), ""),
                None => text,
            }
        }
    };
    ScanError {
        path,
        line: None,
        engine: None,
        message,
    }
}

/// Files or directories whose presence marks a project root.
/// `.ward` holds the project's own rules and policies (`.ward/rules`, `.ward/secrets.toml`), so
/// a directory with one is a project even outside git.
const PROJECT_MARKERS: [&str; 3] = ["ward.toml", ".git", ".ward"];

/// The nearest directory at or above `start` that holds `ward.toml`, `.git` or `.ward`.
pub fn find_project_root(start: &Path) -> Option<PathBuf> {
    let mut dir = if start.is_dir() {
        Some(start)
    } else {
        start.parent()
    };
    while let Some(current) = dir {
        if PROJECT_MARKERS.iter().any(|m| current.join(m).exists()) {
            return Some(current.to_path_buf());
        }
        dir = current.parent();
    }
    None
}

impl Root {
    /// Resolves a path given by the user: it must exist; symbolic links in it are resolved; the
    /// base is the project root that holds it, or the path itself (its directory, for a file).
    pub fn resolve(given: &Path) -> std::io::Result<Root> {
        let path = std::fs::canonicalize(given)?;
        let own_dir = if path.is_dir() {
            path.clone()
        } else {
            path.parent()
                .map_or_else(|| path.clone(), Path::to_path_buf)
        };
        let base = find_project_root(&path).unwrap_or(own_dir);
        Ok(Root { path, base })
    }
}
