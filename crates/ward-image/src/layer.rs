//! One layer, streamed: the blob is hashed as it is read, decompressed (gzip, zstd or none, by
//! its magic bytes), hashed again, and read as tar entries one by one. Nothing is written to
//! disk; only files within the size limit are held in memory, one at a time.

use std::io::{self, BufRead, BufReader, Read};

use sha2::{Digest, Sha256};

/// Bounds on what one layer may cost. A layer past them is an error, never a silent cut.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are not read (reported as [`Entry::Large`]).
    pub max_file_size: u64,
    /// Paths read whole up to [`Limits::max_wanted_size`] instead (package databases: an rpm
    /// database is often larger than a source file may be).
    pub wanted: fn(&str) -> bool,
    pub max_wanted_size: u64,
    /// Executables (ELF, PE, Mach-O) over `max_file_size` are read whole up to
    /// `max_wanted_size` too, for the packages built into them (Go build information, cargo
    /// auditable): they are often larger than a source file may be.
    pub large_executables: bool,
    /// Uncompressed bytes one layer may hold (a decompression bomb stops here).
    pub max_layer_bytes: u64,
    /// Tar entries one layer may hold.
    pub max_entries: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 10 * 1024 * 1024,
            wanted: |_| false,
            max_wanted_size: 256 * 1024 * 1024,
            large_executables: false,
            max_layer_bytes: 32 * 1024 * 1024 * 1024,
            max_entries: 4_000_000,
        }
    }
}

impl Limits {
    /// The largest file read at `path`.
    pub fn file_limit(&self, path: &str) -> u64 {
        if (self.wanted)(path) {
            self.max_wanted_size.max(self.max_file_size)
        } else {
            self.max_file_size
        }
    }
}

/// One entry of a layer, as the source reports it. Paths are relative to the image root, with
/// `/` separators and no leading `/` or `./`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A regular file within the size limit (or a wanted path or an executable within their
    /// larger limit), with its content.
    File { path: String, bytes: Vec<u8> },
    /// A regular file over the size limit: present, not read.
    Large { path: String, size: u64 },
    /// A symbolic link (never followed).
    Symlink { path: String, target: String },
    /// A hard link to another path of the image (its content is not read again).
    HardLink { path: String, target: String },
    /// A device, FIFO or socket.
    Special { path: String },
    /// A whiteout: this path, from lower layers, is deleted.
    Whiteout { path: String },
    /// An opaque directory: what lower layers had below it is deleted.
    Opaque { dir: String },
    /// An entry whose path leaves the image root (`../`, absolute): neither read nor applied.
    Refused { path: String, reason: &'static str },
}

impl Entry {
    /// The path the entry adds to the file system, for entries that add one.
    pub fn added_path(&self) -> Option<&str> {
        match self {
            Entry::File { path, .. }
            | Entry::Large { path, .. }
            | Entry::Symlink { path, .. }
            | Entry::HardLink { path, .. }
            | Entry::Special { path } => Some(path),
            _ => None,
        }
    }
}

/// What reading a layer counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LayerStats {
    pub entries: u64,
    /// Uncompressed bytes read.
    pub bytes: u64,
}

/// Why a layer could not be read to its end.
#[derive(Debug)]
pub(crate) enum StreamError {
    /// Not a valid tar, gzip or zstd stream (truncated, corrupt).
    Corrupt(String),
    /// A limit of [`Limits`] was reached.
    Limit(String),
    /// A digest did not match: (which, expected, actual).
    Digest(&'static str, String, String),
}

/// Digests a layer is checked against (`sha256:<hex>`), when the image records them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Expected {
    /// The digest of the blob as stored (compressed).
    pub blob: Option<String>,
    /// The digest of the uncompressed tar (the config's `rootfs.diff_ids`).
    pub diff_id: Option<String>,
}

/// A reader that hashes what passes through it and stops past a byte limit.
struct Hashing<R> {
    inner: R,
    /// `None` when no digest is wanted (nothing to verify, or another hash covers the bytes).
    hasher: Option<Sha256>,
    count: u64,
    limit: u64,
    exceeded: bool,
}

impl<R: Read> Hashing<R> {
    fn new(inner: R, limit: u64, hash: bool) -> Self {
        Hashing {
            inner,
            hasher: hash.then(Sha256::new),
            count: 0,
            limit,
            exceeded: false,
        }
    }

    fn digest(self) -> Option<String> {
        self.hasher
            .map(|h| format!("sha256:{}", hex(&h.finalize())))
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        if self.count > self.limit {
            self.exceeded = true;
            return Err(io::Error::other("layer size limit reached"));
        }
        if let Some(hasher) = &mut self.hasher {
            hasher.update(&buf[..n]);
        }
        Ok(n)
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// `sha256:<hex>` of some bytes.
pub(crate) fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex(&Sha256::digest(bytes)))
}

/// The decompressor for a blob, chosen by its first bytes.
fn decoder<'a, R: BufRead + 'a>(mut blob: R) -> Result<Box<dyn Read + 'a>, StreamError> {
    let head = blob
        .fill_buf()
        .map_err(|e| StreamError::Corrupt(e.to_string()))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(flate2::bufread::MultiGzDecoder::new(blob)))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let decoder = ruzstd::decoding::StreamingDecoder::new(blob)
            .map_err(|e| StreamError::Corrupt(format!("invalid zstd stream: {e}")))?;
        Ok(Box::new(decoder))
    } else {
        Ok(Box::new(blob))
    }
}

/// Reads one layer blob from `blob` to its end, calling `visit` for every entry, then checks
/// the digests. Entries are visited as they are read: a digest mismatch is known only at the
/// end, and the caller must then discard what it learnt from this layer.
pub(crate) fn stream(
    blob: impl Read,
    expected: &Expected,
    limits: &Limits,
    visit: &mut dyn FnMut(Entry),
) -> Result<LayerStats, StreamError> {
    let mut stats = LayerStats::default();
    let mut blob = BufReader::with_capacity(256 * 1024, blob);
    let head = blob
        .fill_buf()
        .map_err(|e| StreamError::Corrupt(e.to_string()))?;
    let compressed = head.starts_with(&[0x1f, 0x8b]) || head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]);
    // An uncompressed blob whose digest is its diff id is hashed once, not twice.
    let same_bytes = !compressed && expected.blob.is_some() && expected.blob == expected.diff_id;
    let mut stored = Hashing::new(blob, u64::MAX, expected.blob.is_some() && !same_bytes);
    let diff_digest = {
        let decoded = decoder(BufReader::with_capacity(256 * 1024, &mut stored))?;
        let mut tar_stream =
            Hashing::new(decoded, limits.max_layer_bytes, expected.diff_id.is_some());
        let result = read_entries(&mut tar_stream, limits, &mut stats, visit);
        let result = result.and_then(|()| {
            // The rest (the end-of-archive blocks, padding) is part of the digest.
            io::copy(&mut tar_stream, &mut io::sink())
                .map(|_| ())
                .map_err(|e| StreamError::Corrupt(e.to_string()))
        });
        if tar_stream.exceeded {
            return Err(StreamError::Limit(format!(
                "the layer expands past {} bytes uncompressed (limit); a decompression bomb or a layer too large to scan",
                limits.max_layer_bytes
            )));
        }
        result?;
        stats.bytes = tar_stream.count;
        tar_stream.digest()
    };
    io::copy(&mut stored, &mut io::sink()).map_err(|e| StreamError::Corrupt(e.to_string()))?;
    let blob_digest = if same_bytes {
        diff_digest.clone()
    } else {
        stored.digest()
    };
    if let (Some(want), Some(actual)) = (&expected.blob, blob_digest)
        && !want.eq_ignore_ascii_case(&actual)
    {
        return Err(StreamError::Digest("blob", want.clone(), actual));
    }
    if let (Some(want), Some(actual)) = (&expected.diff_id, diff_digest)
        && !want.eq_ignore_ascii_case(&actual)
    {
        return Err(StreamError::Digest(
            "uncompressed layer (diff_id)",
            want.clone(),
            actual,
        ));
    }
    Ok(stats)
}

fn corrupt(error: &io::Error) -> StreamError {
    let message = if error.kind() == io::ErrorKind::UnexpectedEof {
        format!("truncated: the layer ends in the middle of an entry ({error})")
    } else {
        format!("not a valid layer archive: {error}")
    };
    StreamError::Corrupt(message)
}

fn read_entries(
    reader: &mut dyn Read,
    limits: &Limits,
    stats: &mut LayerStats,
    visit: &mut dyn FnMut(Entry),
) -> Result<(), StreamError> {
    let mut archive = tar::Archive::new(reader);
    let entries = archive.entries().map_err(|e| corrupt(&e))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| corrupt(&e))?;
        stats.entries += 1;
        if stats.entries > limits.max_entries {
            return Err(StreamError::Limit(format!(
                "the layer holds more than {} entries (limit)",
                limits.max_entries
            )));
        }
        let raw = entry.path_bytes().into_owned();
        let path = match normalize(&raw) {
            Ok(path) => path,
            Err(reason) => {
                visit(Entry::Refused {
                    path: String::from_utf8_lossy(&raw).into_owned(),
                    reason,
                });
                continue;
            }
        };
        if path.is_empty() {
            continue;
        }
        let (dir, base) = match path.rsplit_once('/') {
            Some((dir, base)) => (dir, base),
            None => ("", path.as_str()),
        };
        if let Some(name) = base.strip_prefix(".wh.") {
            if name == ".wh..opq" {
                visit(Entry::Opaque {
                    dir: dir.to_owned(),
                });
            } else if !name.starts_with(".wh.") && !name.is_empty() {
                let target = if dir.is_empty() {
                    name.to_owned()
                } else {
                    format!("{dir}/{name}")
                };
                visit(Entry::Whiteout { path: target });
            }
            // Other `.wh..wh.*` names are aufs bookkeeping, not files.
            continue;
        }
        let kind = entry.header().entry_type();
        let link_target = || {
            entry
                .link_name_bytes()
                .map(|t| String::from_utf8_lossy(&t).into_owned())
                .unwrap_or_default()
        };
        match kind {
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                let size = entry.size();
                if size > limits.file_limit(&path) {
                    let mut head = [0u8; 4];
                    if limits.large_executables
                        && size <= limits.max_wanted_size
                        && !is_shared_library(&path)
                        && entry.read_exact(&mut head).is_ok()
                        && is_executable(head)
                    {
                        let mut bytes = Vec::with_capacity(size as usize);
                        bytes.extend_from_slice(&head);
                        entry.read_to_end(&mut bytes).map_err(|e| corrupt(&e))?;
                        visit(Entry::File { path, bytes });
                    } else {
                        visit(Entry::Large { path, size });
                    }
                } else {
                    let mut bytes = Vec::with_capacity(size as usize);
                    entry.read_to_end(&mut bytes).map_err(|e| corrupt(&e))?;
                    visit(Entry::File { path, bytes });
                }
            }
            tar::EntryType::Symlink => {
                let target = link_target();
                visit(Entry::Symlink { path, target });
            }
            tar::EntryType::Link => {
                let target = link_target();
                match normalize(target.as_bytes()) {
                    Ok(target) => visit(Entry::HardLink { path, target }),
                    Err(reason) => visit(Entry::Refused { path, reason }),
                }
            }
            tar::EntryType::Directory => {}
            _ => visit(Entry::Special { path }),
        }
    }
    Ok(())
}

/// A tar path made relative to the image root; `Err` for one that would leave it.
pub(crate) fn normalize(raw: &[u8]) -> Result<String, &'static str> {
    let text = String::from_utf8_lossy(raw);
    if text.starts_with('/') {
        return Err("an absolute path in a layer (refused: it could write outside the root)");
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in text.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err("a `..` path in a layer (refused: it would write outside the root)");
            }
            part => parts.push(part),
        }
    }
    Ok(parts.join("/"))
}

/// Whether a path names a shared library (`libLLVM.so.15`, `libicudata.so`): large ELF files
/// that hold no Go build information or cargo auditable section, so are not read past the limit.
pub(crate) fn is_shared_library(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, ext)| ext);
    matches!(ext, Some("so" | "dylib")) || name.contains(".so.")
}

/// Whether a file's first bytes are those of an executable: ELF, PE (`MZ`), or Mach-O (32 and
/// 64 bit, either byte order, and universal binaries).
pub(crate) fn is_executable(head: [u8; 4]) -> bool {
    &head == b"\x7fELF"
        || head.starts_with(b"MZ")
        || matches!(
            u32::from_be_bytes(head),
            0xfeed_face | 0xfeed_facf | 0xcefa_edfe | 0xcffa_edfe | 0xcafe_babe
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_relative_and_escapes_refused() {
        assert_eq!(normalize(b"./etc//passwd").unwrap(), "etc/passwd");
        assert_eq!(normalize(b"usr/./lib/").unwrap(), "usr/lib");
        assert!(normalize(b"../../etc/cron.d/x").is_err());
        assert!(normalize(b"usr/../../x").is_err());
        assert!(normalize(b"/etc/passwd").is_err());
    }
}
