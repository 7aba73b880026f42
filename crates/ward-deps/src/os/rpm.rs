//! The rpm database in SQLite (`rpmdb.sqlite`, the format of RHEL 9, Fedora 33 and later, and
//! their rebuilds): table `Packages`, one rpm header blob per installed package. The database
//! is opened from memory (never written to disk) with rusqlite, read-only; each header is
//! parsed here (rpm's header format: an index of tagged entries over a data store).
//!
//! rusqlite 0.39 is the release whose `libsqlite3-sys` (0.37) is the one sqlx links, so the
//! build holds one SQLite; the `rpmdb` crate would pull a second, conflicting one.

use super::OsPackage;
use crate::lockfile::ParseError;

/// rpm header tags read here.
const TAG_NAME: i32 = 1000;
const TAG_VERSION: i32 = 1001;
const TAG_RELEASE: i32 = 1002;
const TAG_EPOCH: i32 = 1003;
const TAG_ARCH: i32 = 1022;
const TAG_SOURCERPM: i32 = 1044;

/// Entry types (rpm's `rpmTagType`).
const TYPE_INT32: u32 = 4;
const TYPE_STRING: u32 = 6;
const TYPE_STRING_ARRAY: u32 = 8;
const TYPE_I18NSTRING: u32 = 9;

/// Headers larger than this are refused (real ones are tens of kilobytes).
const MAX_HEADER: usize = 64 * 1024 * 1024;
/// Index entries one header may hold (real ones: a few hundred).
const MAX_ENTRIES: usize = 100_000;

pub(super) fn parse_sqlite(bytes: &[u8]) -> Result<Vec<OsPackage>, ParseError> {
    if !bytes.starts_with(b"SQLite format 3\0") {
        return Err(ParseError::new(None, "not an SQLite database"));
    }
    let sql = |e: rusqlite::Error| ParseError::new(None, format!("the SQLite database: {e}"));
    let mut connection = rusqlite::Connection::open_in_memory().map_err(sql)?;
    connection
        .deserialize_read_exact("main", bytes, bytes.len(), true)
        .map_err(sql)?;
    let mut statement = connection
        .prepare("SELECT hnum, blob FROM Packages ORDER BY hnum")
        .map_err(|e| {
            ParseError::new(
                None,
                format!("not an rpm database (no readable `Packages` table: {e})"),
            )
        })?;
    let mut rows = statement.query([]).map_err(sql)?;
    let mut packages = Vec::new();
    while let Some(row) = rows.next().map_err(sql)? {
        let hnum: i64 = row.get(0).map_err(sql)?;
        let blob: Vec<u8> = row.get(1).map_err(sql)?;
        let header = Header::parse(&blob).map_err(|message| {
            ParseError::new(None, format!("package header {hnum}: {message}"))
        })?;
        if let Some(package) = header.package()? {
            packages.push(package);
        }
    }
    Ok(packages)
}

/// An rpm header as stored in the database: `il` and `dl` (big-endian), `il` index entries of
/// (tag, type, offset, count), then `dl` bytes of data.
struct Header<'a> {
    entries: Vec<(i32, u32, usize, usize)>,
    data: &'a [u8],
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> Header<'a> {
    fn parse(blob: &'a [u8]) -> Result<Header<'a>, String> {
        if blob.len() > MAX_HEADER {
            return Err(format!("{} bytes is too large for a header", blob.len()));
        }
        let (Some(il), Some(dl)) = (be32(blob, 0), be32(blob, 4)) else {
            return Err("shorter than a header's 8-byte preamble".into());
        };
        let (il, dl) = (il as usize, dl as usize);
        if il > MAX_ENTRIES {
            return Err(format!("{il} index entries (corrupt)"));
        }
        let start = 8 + il * 16;
        let data = blob.get(start..start.saturating_add(dl)).ok_or_else(|| {
            format!(
                "truncated: {il} entries and {dl} data bytes need {} bytes, the blob has {}",
                start + dl,
                blob.len()
            )
        })?;
        let mut entries = Vec::with_capacity(il);
        for i in 0..il {
            let at = 8 + i * 16;
            let field = |k: usize| be32(blob, at + 4 * k).unwrap_or(0);
            entries.push((
                field(0).cast_signed(),
                field(1),
                field(2) as usize,
                field(3) as usize,
            ));
        }
        Ok(Header { entries, data })
    }

    fn entry(&self, tag: i32) -> Option<(u32, usize, usize)> {
        self.entries
            .iter()
            .find(|(t, ..)| *t == tag)
            .map(|&(_, kind, offset, count)| (kind, offset, count))
    }

    /// A string tag's value (the first string of an array or i18n table).
    fn string(&self, tag: i32) -> Result<Option<String>, String> {
        let Some((kind, offset, _)) = self.entry(tag) else {
            return Ok(None);
        };
        if ![TYPE_STRING, TYPE_STRING_ARRAY, TYPE_I18NSTRING].contains(&kind) {
            return Err(format!("tag {tag} has type {kind}, not a string"));
        }
        let rest = self
            .data
            .get(offset..)
            .ok_or_else(|| format!("tag {tag} points past the data ({offset})"))?;
        let end = memchr::memchr(0, rest)
            .ok_or_else(|| format!("tag {tag}: the string is not terminated"))?;
        String::from_utf8(rest[..end].to_vec())
            .map(Some)
            .map_err(|_| format!("tag {tag} is not UTF-8"))
    }

    fn int32(&self, tag: i32) -> Result<Option<u32>, String> {
        let Some((kind, offset, count)) = self.entry(tag) else {
            return Ok(None);
        };
        if kind != TYPE_INT32 || count == 0 {
            return Err(format!("tag {tag} has type {kind}, not a number"));
        }
        be32(self.data, offset)
            .map(Some)
            .ok_or_else(|| format!("tag {tag} points past the data ({offset})"))
    }

    /// The installed package; `None` for the public keys rpm files as `gpg-pubkey` packages.
    fn package(&self) -> Result<Option<OsPackage>, ParseError> {
        let error = |message: String| ParseError::new(None, message);
        let name = self
            .string(TAG_NAME)
            .map_err(error)?
            .ok_or_else(|| error("a package header without a name".into()))?;
        if name == "gpg-pubkey" {
            return Ok(None);
        }
        let version = self.string(TAG_VERSION).map_err(error)?.unwrap_or_default();
        let release = self.string(TAG_RELEASE).map_err(error)?.unwrap_or_default();
        if version.is_empty() {
            return Err(error(format!("package {name} has no version")));
        }
        let epoch = self.int32(TAG_EPOCH).map_err(error)?;
        let mut full = match epoch {
            Some(epoch) if epoch > 0 => format!("{epoch}:{version}"),
            _ => version,
        };
        if !release.is_empty() {
            full = format!("{full}-{release}");
        }
        let arch = self.string(TAG_ARCH).map_err(error)?;
        Ok(Some(OsPackage {
            name,
            version: full,
            // Red Hat, Rocky and Alma advisories name binary packages (`openssl-libs`), so
            // the binary name is the one matched; the source package is not.
            source: None,
            source_version: None,
            arch,
            line: 0,
        }))
    }
}

/// Writes an rpm header blob with the given string and int32 tags (for tests and fixtures).
#[doc(hidden)]
pub fn write_header(strings: &[(i32, &str)], ints: &[(i32, u32)]) -> Vec<u8> {
    let mut index = Vec::new();
    let mut data = Vec::new();
    for &(tag, value) in ints {
        while data.len() % 4 != 0 {
            data.push(0);
        }
        index.push((tag, TYPE_INT32, data.len(), 1));
        data.extend_from_slice(&value.to_be_bytes());
    }
    for &(tag, value) in strings {
        index.push((tag, TYPE_STRING, data.len(), 1));
        data.extend_from_slice(value.as_bytes());
        data.push(0);
    }
    let mut blob = Vec::new();
    blob.extend_from_slice(&(index.len() as u32).to_be_bytes());
    blob.extend_from_slice(&(data.len() as u32).to_be_bytes());
    for (tag, kind, offset, count) in index {
        blob.extend_from_slice(&tag.to_be_bytes());
        blob.extend_from_slice(&kind.to_be_bytes());
        blob.extend_from_slice(&(offset as u32).to_be_bytes());
        blob.extend_from_slice(&(count as u32).to_be_bytes());
    }
    blob.extend_from_slice(&data);
    blob
}

/// `(name, epoch, version, release, arch, sourcerpm)` of a package to write.
pub type FixturePackage<'a> = (&'a str, Option<u32>, &'a str, &'a str, &'a str, &'a str);

/// An `rpmdb.sqlite` holding one package per `(name, epoch, version, release, arch,
/// sourcerpm)`, as rpm writes it (for tests and fixtures).
#[doc(hidden)]
pub fn write_database(packages: &[FixturePackage<'_>]) -> Vec<u8> {
    let connection = rusqlite::Connection::open_in_memory().expect("in-memory SQLite");
    connection
        .execute_batch(
            "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL);
             CREATE TABLE Name (key TEXT NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL);",
        )
        .expect("schema");
    for (name, epoch, version, release, arch, source) in packages {
        let ints: Vec<(i32, u32)> = epoch.iter().map(|e| (TAG_EPOCH, *e)).collect();
        let blob = write_header(
            &[
                (TAG_NAME, name),
                (TAG_VERSION, version),
                (TAG_RELEASE, release),
                (TAG_ARCH, arch),
                (TAG_SOURCERPM, source),
            ],
            &ints,
        );
        connection
            .execute("INSERT INTO Packages (blob) VALUES (?1)", [blob])
            .expect("insert");
    }
    connection.serialize("main").expect("serialize").to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database() -> Vec<u8> {
        write_database(&[
            (
                "openssl-libs",
                Some(1),
                "3.0.7",
                "24.el9",
                "x86_64",
                "openssl-3.0.7-24.el9.src.rpm",
            ),
            (
                "bash",
                None,
                "5.1.8",
                "6.el9_1",
                "x86_64",
                "bash-5.1.8-6.el9_1.src.rpm",
            ),
            ("gpg-pubkey", None, "350d275d", "6279464b", "(none)", ""),
        ])
    }

    #[test]
    fn packages_are_read_with_epoch_release_and_source() {
        let packages = parse_sqlite(&database()).unwrap();
        assert_eq!(packages.len(), 2, "{packages:?}");
        assert_eq!(packages[0].name, "openssl-libs");
        assert_eq!(packages[0].version, "1:3.0.7-24.el9");
        assert_eq!(packages[0].arch.as_deref(), Some("x86_64"));
        assert_eq!(packages[0].advisory_name(), "openssl-libs");
        assert_eq!(packages[1].version, "5.1.8-6.el9_1");
    }

    #[test]
    fn damaged_headers_are_errors_naming_the_package_row() {
        let connection = rusqlite::Connection::open_in_memory().unwrap();
        connection
            .execute_batch("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB NOT NULL);")
            .unwrap();
        let mut blob = write_header(&[(TAG_NAME, "bash"), (TAG_VERSION, "5.1")], &[]);
        blob.truncate(blob.len() - 3);
        connection
            .execute("INSERT INTO Packages (hnum, blob) VALUES (7, ?1)", [blob])
            .unwrap();
        let bytes = connection.serialize("main").unwrap().to_vec();
        let error = parse_sqlite(&bytes).unwrap_err();
        assert!(
            error.message.starts_with("package header 7: truncated"),
            "{}",
            error.message
        );
    }

    #[test]
    fn other_sqlite_files_and_garbage_are_refused() {
        let connection = rusqlite::Connection::open_in_memory().unwrap();
        connection.execute_batch("CREATE TABLE t (x);").unwrap();
        let bytes = connection.serialize("main").unwrap().to_vec();
        let error = parse_sqlite(&bytes).unwrap_err();
        assert!(
            error.message.contains("not an rpm database"),
            "{}",
            error.message
        );
        let mut damaged = database();
        damaged.truncate(200);
        assert!(parse_sqlite(&damaged).is_err());
        assert!(parse_sqlite(b"not sqlite").is_err());
    }
}
