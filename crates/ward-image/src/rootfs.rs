//! An unpacked root file system as a one-layer image: the directory is walked (links never
//! followed, never left) and its files reported as a layer's entries would be.

use std::io::Read;
use std::path::Path;

use crate::{Entry, ImageError, LayerStats, Limits};

pub(crate) fn walk(
    root: &Path,
    limits: &Limits,
    visit: &mut dyn FnMut(Entry),
) -> Result<LayerStats, ImageError> {
    let mut stats = LayerStats::default();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let read = std::fs::read_dir(&dir).map_err(|source| ImageError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        let mut children: Vec<_> = read.filter_map(Result::ok).collect();
        children.sort_by_key(std::fs::DirEntry::file_name);
        for child in children {
            let name = child.file_name().to_string_lossy().into_owned();
            let path = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            stats.entries += 1;
            if stats.entries > limits.max_entries {
                return Err(ImageError::Limit {
                    path: root.display().to_string(),
                    index: 0,
                    digest: "rootfs".into(),
                    message: format!("more than {} entries (limit)", limits.max_entries),
                });
            }
            // `DirEntry::file_type` does not follow links.
            let Ok(kind) = child.file_type() else {
                continue;
            };
            if kind.is_symlink() {
                let target = std::fs::read_link(child.path())
                    .map(|t| t.to_string_lossy().into_owned())
                    .unwrap_or_default();
                visit(Entry::Symlink { path, target });
            } else if kind.is_dir() {
                stack.push((child.path(), path));
            } else if kind.is_file() {
                let size = child.metadata().map_or(0, |m| m.len());
                let mut limit = limits.file_limit(&path);
                if size > limit {
                    let mut head = [0u8; 4];
                    let executable = limits.large_executables
                        && size <= limits.max_wanted_size
                        && !crate::layer::is_shared_library(&path)
                        && std::fs::File::open(child.path())
                            .and_then(|mut f| f.read_exact(&mut head))
                            .is_ok()
                        && crate::layer::is_executable(head);
                    if !executable {
                        visit(Entry::Large { path, size });
                        continue;
                    }
                    limit = limits.max_wanted_size;
                }
                let mut bytes = Vec::with_capacity(size as usize);
                let read = std::fs::File::open(child.path())
                    .and_then(|f| f.take(limit).read_to_end(&mut bytes));
                if read.is_ok() {
                    stats.bytes += bytes.len() as u64;
                    visit(Entry::File { path, bytes });
                } else {
                    visit(Entry::Special { path });
                }
            } else {
                visit(Entry::Special { path });
            }
        }
    }
    Ok(stats)
}
