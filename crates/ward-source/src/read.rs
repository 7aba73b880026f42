use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use ward_core::SkipReason;

/// How many leading bytes are checked for NUL to decide a file is binary (git uses 8000).
const BINARY_SNIFF_LEN: usize = 8192;

/// A file's content, ready for engines.
#[derive(Debug)]
pub struct Content {
    /// The bytes engines see. A UTF-8 byte-order mark is removed; UTF-16 (with a byte-order
    /// mark) is converted to UTF-8.
    pub bytes: Vec<u8>,
    /// Whether `bytes` is valid UTF-8.
    pub is_utf8: bool,
    /// Bytes read from disk (before any conversion).
    pub disk_len: u64,
}

impl Content {
    pub fn text(&self) -> Option<&str> {
        if self.is_utf8 {
            std::str::from_utf8(&self.bytes).ok()
        } else {
            None
        }
    }
}

/// The result of reading one file.
#[derive(Debug)]
pub enum ReadOutcome {
    Read(Content),
    Skipped(SkipReason),
    /// The file could not be read; the message says why in words a user understands.
    Failed(String),
}

fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "the file vanished during the scan".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => format!("could not read the file: {err}"),
    }
}

/// Reads a file once, enforcing the size limit and sorting out binary content and encodings.
pub fn read_file(path: &Path, max_size: u64) -> ReadOutcome {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) => return ReadOutcome::Failed(describe_io_error(&err)),
    };
    let meta = match file.metadata() {
        Ok(meta) => meta,
        Err(err) => return ReadOutcome::Failed(describe_io_error(&err)),
    };
    if !meta.is_file() {
        return ReadOutcome::Skipped(SkipReason::NotRegularFile);
    }
    if meta.len() > max_size {
        return ReadOutcome::Skipped(SkipReason::TooLarge);
    }
    // The file may grow between the stat and the read: never read more than the limit allows.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    if let Err(err) = file.take(max_size + 1).read_to_end(&mut bytes) {
        return ReadOutcome::Failed(describe_io_error(&err));
    }
    if bytes.len() as u64 > max_size {
        return ReadOutcome::Skipped(SkipReason::TooLarge);
    }
    decode(bytes)
}

/// Classifies bytes read from elsewhere (a git blob, an image layer) as [`read_file`] does a
/// file: over `max_size` is too large, NUL means binary, UTF-16 with a byte-order mark is
/// converted.
pub fn classify(bytes: Vec<u8>, max_size: u64) -> ReadOutcome {
    if bytes.len() as u64 > max_size {
        return ReadOutcome::Skipped(SkipReason::TooLarge);
    }
    decode(bytes)
}

/// [`classify`] without copying, for bytes that need no conversion: `None` when they do (a
/// byte-order mark: call [`classify`] with an owned copy), else whether they are valid UTF-8,
/// or why they are skipped.
pub fn classify_plain(bytes: &[u8], max_size: u64) -> Option<Result<bool, SkipReason>> {
    if bytes.len() as u64 > max_size {
        return Some(Err(SkipReason::TooLarge));
    }
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_LEN)]).is_some() {
        return Some(Err(SkipReason::Binary));
    }
    Some(Ok(std::str::from_utf8(bytes).is_ok()))
}

/// Classifies raw bytes: UTF-16 with a byte-order mark is converted, NUL means binary.
pub(crate) fn decode(mut bytes: Vec<u8>) -> ReadOutcome {
    let disk_len = bytes.len() as u64;
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding == encoding_rs::UTF_8 {
            bytes.drain(..bom_len);
        } else {
            // UTF-16LE/BE: NUL bytes are expected here, so convert before the binary check.
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            let converted = text.into_owned().into_bytes();
            if had_errors || memchr::memchr(0, &converted).is_some() {
                return ReadOutcome::Skipped(SkipReason::Binary);
            }
            return ReadOutcome::Read(Content {
                bytes: converted,
                is_utf8: true,
                disk_len,
            });
        }
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if memchr::memchr(0, sniff).is_some() {
        return ReadOutcome::Skipped(SkipReason::Binary);
    }
    let is_utf8 = std::str::from_utf8(&bytes).is_ok();
    ReadOutcome::Read(Content {
        bytes,
        is_utf8,
        disk_len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(outcome: ReadOutcome) -> Content {
        match outcome {
            ReadOutcome::Read(content) => content,
            other => panic!("expected content, got {other:?}"),
        }
    }

    #[test]
    fn nul_byte_means_binary() {
        assert!(matches!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0".to_vec()),
            ReadOutcome::Skipped(SkipReason::Binary)
        ));
    }

    #[test]
    fn utf16_with_bom_is_converted_to_utf8() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "key=value\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let content = content(decode(bytes));
        assert_eq!(content.text(), Some("key=value\n"));
    }

    #[test]
    fn utf8_bom_is_dropped_so_columns_are_right() {
        let content = content(decode(b"\xEF\xBB\xBFtoken=1".to_vec()));
        assert_eq!(content.text(), Some("token=1"));
    }

    #[test]
    fn invalid_utf8_is_kept_as_bytes() {
        let content = content(decode(b"caf\xe9 = 'latin-1'\n".to_vec()));
        assert!(!content.is_utf8);
        assert_eq!(content.text(), None);
        assert_eq!(content.bytes.len(), 17);
    }

    #[test]
    fn a_file_that_vanished_is_a_failure_that_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone.txt");
        std::fs::write(&path, "x").unwrap();
        std::fs::remove_file(&path).unwrap();
        match read_file(&path, 1024) {
            ReadOutcome::Failed(message) => {
                assert_eq!(message, "the file vanished during the scan");
            }
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn a_file_that_grows_past_the_limit_while_read_is_too_large() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.log");
        std::fs::write(&path, vec![b'a'; 2048]).unwrap();
        assert!(matches!(
            read_file(&path, 1024),
            ReadOutcome::Skipped(SkipReason::TooLarge)
        ));
        assert!(matches!(read_file(&path, 2048), ReadOutcome::Read(_)));
    }

    #[test]
    fn empty_file_is_empty_text() {
        let content = content(decode(Vec::new()));
        assert_eq!(content.text(), Some(""));
    }
}
