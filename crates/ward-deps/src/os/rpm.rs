//! The rpm database in `SQLite` (`rpmdb.sqlite`). Not read yet: reported as not checked.

use super::OsPackage;
use crate::lockfile::ParseError;

pub(super) fn parse_sqlite(bytes: &[u8]) -> Result<Vec<OsPackage>, ParseError> {
    if !bytes.starts_with(b"SQLite format 3\0") {
        return Err(ParseError::new(None, "not an SQLite database"));
    }
    Err(ParseError::new(
        None,
        "rpm databases (rpmdb.sqlite) are not read yet: the image's rpm packages were NOT checked",
    ))
}
