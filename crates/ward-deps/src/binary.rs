//! Packages built into binaries, as images hold them: Java archives (`META-INF/maven/**/
//! pom.properties` in a `.jar`, `.war` or `.ear`, and in the archives nested one level down, as
//! Spring Boot's `BOOT-INF/lib/` and a WAR's `WEB-INF/lib/` hold them), Go executables (the
//! build information the Go linker embeds since Go 1.18, after the `\xff Go buildinf:`
//! marker) and Rust executables built with `cargo auditable` (the `.dep-v0` ELF section:
//! zlib-compressed JSON). Only metadata is read; nothing is executed.

use std::io::Read;

use ward_advisory::Ecosystem;

use crate::lockfile::{Package, ParseError};

/// The kinds of binaries read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binary {
    /// A Java archive, known by its extension.
    JavaArchive,
    /// Any other binary file: a Go or Rust executable is known by its content.
    Executable,
}

/// Nested archives larger than this are not read (a bound on what one file may cost).
const MAX_NESTED: u64 = 64 * 1024 * 1024;
/// A `pom.properties` larger than this is not one.
const MAX_PROPERTIES: u64 = 64 * 1024;
/// The decompressed `.dep-v0` JSON may not exceed this (a zlib bomb stops here).
const MAX_AUDIT_JSON: u64 = 16 * 1024 * 1024;

impl Binary {
    /// The kind of a binary file by its path.
    pub fn of(path: &str) -> Binary {
        let lower = path.to_ascii_lowercase();
        if [".jar", ".war", ".ear"].iter().any(|e| lower.ends_with(e)) {
            Binary::JavaArchive
        } else {
            Binary::Executable
        }
    }

    /// The packages the file holds, with a label for the inventory (`Go modules in binaries`);
    /// `Ok(None)` when the file is not one of the binaries read.
    pub fn parse(self, bytes: &[u8]) -> Result<Option<(&'static str, Vec<Package>)>, ParseError> {
        match self {
            Binary::JavaArchive => {
                java_archive(bytes, 0).map(|p| Some(("Maven packages in Java archives", p)))
            }
            Binary::Executable => {
                if let Some(packages) = go_build_info(bytes)? {
                    return Ok(Some(("Go modules in binaries", packages)));
                }
                if let Some(packages) = cargo_auditable(bytes)? {
                    return Ok(Some(("crates in Rust binaries", packages)));
                }
                Ok(None)
            }
        }
    }
}

fn error(message: impl Into<String>) -> ParseError {
    ParseError::new(None, message)
}

/// Maven coordinates from every `pom.properties` of an archive, and of the archives it nests
/// (one level).
fn java_archive(bytes: &[u8], depth: u8) -> Result<Vec<Package>, ParseError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| error(format!("not a readable Java archive (zip): {e}")))?;
    let mut packages = Vec::new();
    let mut nested = Vec::new();
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else {
            continue;
        };
        let name = entry
            .name()
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default();
        if name.starts_with("META-INF/maven/") && name.ends_with("/pom.properties") {
            let mut text = String::new();
            if (&mut entry)
                .take(MAX_PROPERTIES)
                .read_to_string(&mut text)
                .is_ok()
                && let Some(package) = pom_properties(&text)
            {
                packages.push(package);
            }
        } else if depth == 0
            && [".jar", ".war"]
                .iter()
                .any(|e| name.to_ascii_lowercase().ends_with(e))
            && entry.size() <= MAX_NESTED
        {
            let mut inner = Vec::with_capacity(entry.size() as usize);
            if (&mut entry)
                .take(MAX_NESTED)
                .read_to_end(&mut inner)
                .is_ok()
            {
                nested.push((name, inner));
            }
        }
    }
    for (name, inner) in nested {
        match java_archive(&inner, depth + 1) {
            Ok(found) => packages.extend(found),
            Err(e) => {
                return Err(error(format!("{name} inside it: {}", e.message)));
            }
        }
    }
    packages.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    packages.dedup_by(|a, b| a.name == b.name && a.version == b.version);
    Ok(packages)
}

/// `groupId`, `artifactId` and `version` of a `pom.properties`.
fn pom_properties(text: &str) -> Option<Package> {
    let value = |key: &str| {
        text.lines().find_map(|line| {
            let (k, v) = line.split_once(['=', ':'])?;
            (k.trim() == key).then(|| v.trim().to_owned())
        })
    };
    let (group, artifact, version) = (value("groupId")?, value("artifactId")?, value("version")?);
    if group.is_empty() || artifact.is_empty() || version.is_empty() {
        return None;
    }
    Some(Package::new(
        Ecosystem::Maven,
        &format!("{group}:{artifact}"),
        &version,
        0,
    ))
}

const GO_MAGIC: &[u8] = b"\xff Go buildinf:";

/// The module information Go embeds (`go version -m` shows the same): the main module and
/// every dependency with its version (`=>` replacements take the replacement's).
fn go_build_info(bytes: &[u8]) -> Result<Option<Vec<Package>>, ParseError> {
    if !is_executable(bytes) {
        return Ok(None);
    }
    let Some(at) = memchr::memmem::find(bytes, GO_MAGIC) else {
        return Ok(None);
    };
    let header = bytes
        .get(at..at + 32)
        .ok_or_else(|| error("Go build information: truncated header"))?;
    let flags = header[15];
    if flags & 0x2 == 0 {
        return Err(error(
            "a Go binary built before Go 1.18 (build information behind pointers): its modules were not read",
        ));
    }
    let mut rest = &bytes[at + 32..];
    let _go_version = varint_string(&mut rest)?;
    let modinfo = varint_string(&mut rest)?;
    // The module information is framed by 16 sentinel bytes on each side.
    let modinfo = if modinfo.len() >= 33 && modinfo.as_bytes()[modinfo.len() - 17] == b'\n' {
        &modinfo[16..modinfo.len() - 16]
    } else {
        modinfo.as_str()
    };
    let mut packages: Vec<Package> = Vec::new();
    for line in modinfo.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["mod" | "dep", path, version, ..] if *version != "(devel)" => {
                packages.push(Package::new(Ecosystem::Go, path, version, 0));
            }
            ["=>", path, version, ..] => {
                // The replacement stands for the module on the line before.
                if let Some(last) = packages.last_mut() {
                    *last = Package::new(Ecosystem::Go, path, version, 0);
                }
            }
            _ => {}
        }
    }
    Ok(Some(packages))
}

fn is_executable(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x7fELF")
        || bytes.starts_with(b"MZ")
        || [
            [0xfe, 0xed, 0xfa, 0xce],
            [0xfe, 0xed, 0xfa, 0xcf],
            [0xce, 0xfa, 0xed, 0xfe],
            [0xcf, 0xfa, 0xed, 0xfe],
        ]
        .iter()
        .any(|m| bytes.starts_with(m))
}

/// A string prefixed by its length as an unsigned LEB128 varint; advances `rest`.
fn varint_string(rest: &mut &[u8]) -> Result<String, ParseError> {
    let mut length: u64 = 0;
    let mut shift = 0;
    loop {
        let (&byte, tail) = rest
            .split_first()
            .ok_or_else(|| error("Go build information: truncated"))?;
        *rest = tail;
        length |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 35 {
            return Err(error("Go build information: a length out of range"));
        }
    }
    let length = length as usize;
    let text = rest
        .get(..length)
        .ok_or_else(|| error("Go build information: a string runs past the file"))?;
    *rest = &rest[length..];
    Ok(String::from_utf8_lossy(text).into_owned())
}

/// The crates `cargo auditable` recorded in the `.dep-v0` section of an ELF executable.
fn cargo_auditable(bytes: &[u8]) -> Result<Option<Vec<Package>>, ParseError> {
    #[derive(serde::Deserialize)]
    struct Audit {
        packages: Vec<AuditPackage>,
    }
    #[derive(serde::Deserialize)]
    struct AuditPackage {
        name: String,
        version: String,
        #[serde(default)]
        source: Option<String>,
        #[serde(default)]
        root: bool,
    }
    let Some(section) = elf_section(bytes, b".dep-v0") else {
        return Ok(None);
    };
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(section)
        .take(MAX_AUDIT_JSON + 1)
        .read_to_end(&mut json)
        .map_err(|e| error(format!("the .dep-v0 section is not zlib data: {e}")))?;
    if json.len() as u64 > MAX_AUDIT_JSON {
        return Err(error("the .dep-v0 section expands past 16 MiB (refused)"));
    }
    let audit: Audit = serde_json::from_slice(&json).map_err(|e| {
        error(format!(
            "the .dep-v0 section is not cargo auditable's JSON: {e}"
        ))
    })?;
    Ok(Some(
        audit
            .packages
            .iter()
            // The binary's own crate and path or git crates are not crates.io releases.
            .filter(|p| !p.root && p.source.as_deref().is_none_or(|s| s == "crates.io"))
            .map(|p| Package::new(Ecosystem::CratesIo, &p.name, &p.version, 0))
            .collect(),
    ))
}

/// The bytes of the named section of an ELF file (32 or 64 bits, either byte order).
fn elf_section<'a>(bytes: &'a [u8], wanted: &[u8]) -> Option<&'a [u8]> {
    if !bytes.starts_with(b"\x7fELF") {
        return None;
    }
    let wide = *bytes.get(4)? == 2;
    let big = *bytes.get(5)? == 2;
    let u16_at = |at: usize| {
        let b: [u8; 2] = bytes.get(at..at + 2)?.try_into().ok()?;
        Some(u64::from(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        }))
    };
    let u32_at = |at: usize| {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(u64::from(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        }))
    };
    let u64_at = |at: usize| {
        let b: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
        Some(if big {
            u64::from_be_bytes(b)
        } else {
            u64::from_le_bytes(b)
        })
    };
    let word = |at: usize| if wide { u64_at(at) } else { u32_at(at) };
    let (shoff, shentsize, shnum, shstrndx) = if wide {
        (u64_at(0x28)?, u16_at(0x3a)?, u16_at(0x3c)?, u16_at(0x3e)?)
    } else {
        (u32_at(0x20)?, u16_at(0x2e)?, u16_at(0x30)?, u16_at(0x32)?)
    };
    let header = |index: u64| -> Option<(u64, u64, u64)> {
        let at = usize::try_from(shoff.checked_add(index.checked_mul(shentsize)?)?).ok()?;
        let name = u32_at(at)?;
        let (offset, size) = if wide {
            (word(at + 24)?, word(at + 32)?)
        } else {
            (word(at + 16)?, word(at + 20)?)
        };
        Some((name, offset, size))
    };
    let slice = |offset: u64, size: u64| {
        let start = usize::try_from(offset).ok()?;
        let end = start.checked_add(usize::try_from(size).ok()?)?;
        bytes.get(start..end)
    };
    let (_, names_offset, names_size) = header(shstrndx)?;
    let names = slice(names_offset, names_size)?;
    for index in 0..shnum.min(4096) {
        let (name, offset, size) = header(index)?;
        let name = names.get(usize::try_from(name).ok()?..)?;
        let end = memchr::memchr(0, name)?;
        if &name[..end] == wanted {
            return slice(offset, size);
        }
    }
    None
}

/// Test and fixture writers: a minimal ELF executable with the given sections, Go build
/// information, and cargo auditable's section content.
#[doc(hidden)]
pub mod fixture {
    use std::io::Write;

    /// A 64-bit little-endian ELF file holding `sections` (name, bytes) and a section name
    /// table; no program: it is never run, only read.
    pub fn elf(sections: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = vec![0u8; 64];
        out[..4].copy_from_slice(b"\x7fELF");
        out[4] = 2; // 64-bit
        out[5] = 1; // little endian
        out[6] = 1; // version
        out[16..18].copy_from_slice(&2u16.to_le_bytes()); // ET_EXEC
        out[18..20].copy_from_slice(&62u16.to_le_bytes()); // x86-64
        let mut names = vec![0u8];
        let mut placed = Vec::new();
        for (name, bytes) in sections {
            let name_at = names.len();
            names.extend_from_slice(name.as_bytes());
            names.push(0);
            let offset = out.len();
            out.extend_from_slice(bytes);
            placed.push((name_at, offset, bytes.len()));
        }
        let shstrtab_name = names.len();
        names.extend_from_slice(b".shstrtab\0");
        let names_offset = out.len();
        out.extend_from_slice(&names);
        while !out.len().is_multiple_of(8) {
            out.push(0);
        }
        let shoff = out.len();
        let mut header = |name: usize, kind: u32, offset: usize, size: usize| {
            let mut h = [0u8; 64];
            h[0..4].copy_from_slice(&(name as u32).to_le_bytes());
            h[4..8].copy_from_slice(&kind.to_le_bytes());
            h[24..32].copy_from_slice(&(offset as u64).to_le_bytes());
            h[32..40].copy_from_slice(&(size as u64).to_le_bytes());
            out.extend_from_slice(&h);
        };
        header(0, 0, 0, 0);
        for (name, offset, size) in &placed {
            header(*name, 1, *offset, *size);
        }
        header(shstrtab_name, 3, names_offset, names.len());
        let count = placed.len() + 2;
        out[0x28..0x30].copy_from_slice(&(shoff as u64).to_le_bytes());
        out[0x3a..0x3c].copy_from_slice(&64u16.to_le_bytes());
        out[0x3c..0x3e].copy_from_slice(&(count as u16).to_le_bytes());
        out[0x3e..0x40].copy_from_slice(&((count - 1) as u16).to_le_bytes());
        out
    }

    fn varint(mut n: usize, out: &mut Vec<u8>) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return;
            }
            out.push(byte | 0x80);
        }
    }

    /// The `.go.buildinfo` content Go 1.18+ writes for a main module and its dependencies:
    /// `modinfo` lines (`path`, `mod`, `dep`, `=>`) between the linker's sentinels.
    pub fn go_build_info(go_version: &str, modinfo: &str) -> Vec<u8> {
        let mut out = b"\xff Go buildinf:".to_vec();
        out.push(8); // pointer size
        out.push(0x2); // inline strings, little endian
        out.resize(32, 0);
        varint(go_version.len(), &mut out);
        out.extend_from_slice(go_version.as_bytes());
        let start: [u8; 16] = [
            0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6,
            0x18, 0xe6,
        ];
        let end: [u8; 16] = [
            0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16,
            0xd8, 0xf2,
        ];
        let mut info = start.to_vec();
        info.extend_from_slice(modinfo.as_bytes());
        info.extend_from_slice(&end);
        varint(info.len(), &mut out);
        out.extend_from_slice(&info);
        out
    }

    /// cargo auditable's `.dep-v0` content: the JSON, zlib-compressed.
    pub fn cargo_auditable(json: &str) -> Vec<u8> {
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(json.as_bytes()).expect("memory");
        encoder.finish().expect("memory")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(packages: &[Package]) -> Vec<String> {
        packages
            .iter()
            .map(|p| format!("{} {}", p.name, p.version.as_deref().unwrap_or("")))
            .collect()
    }

    fn jar(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut writer, bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn maven_coordinates_come_from_pom_properties_and_nested_jars() {
        let inner = jar(&[(
            "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
            b"#Created by Maven\ngroupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n",
        )]);
        let deeper = jar(&[("lib/deep.jar", &inner)]);
        let outer = jar(&[
            (
                "META-INF/maven/com.example/app/pom.properties",
                b"groupId=com.example\nartifactId=app\nversion=1.0.0\n",
            ),
            ("BOOT-INF/lib/log4j-core-2.14.1.jar", &inner),
            // Two levels down is not read.
            ("BOOT-INF/lib/wrapper.jar", &deeper),
            ("BOOT-INF/classes/App.class", b"\xca\xfe\xba\xbe"),
        ]);
        let (label, packages) = Binary::of("app/app.JAR").parse(&outer).unwrap().unwrap();
        assert_eq!(label, "Maven packages in Java archives");
        assert_eq!(
            names(&packages),
            [
                "com.example:app 1.0.0",
                "org.apache.logging.log4j:log4j-core 2.14.1"
            ]
        );
        let error = Binary::JavaArchive
            .parse(b"PK\x03\x04 truncated")
            .unwrap_err();
        assert!(
            error.message.contains("not a readable Java archive"),
            "{}",
            error.message
        );
    }

    #[test]
    fn go_modules_come_from_the_embedded_build_information() {
        let info = fixture::go_build_info(
            "go1.21.5",
            "path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\tgolang.org/x/net\tv0.17.0\th1:abc=\ndep\tgithub.com/old/lib\tv1.0.0\n=>\tgithub.com/new/lib\tv1.2.0\th1:def=\nbuild\t-compiler=gc\n",
        );
        let mut binary = fixture::elf(&[(".text", &[0x90; 64]), (".go.buildinfo", &info)]);
        let (label, packages) = Binary::of("usr/local/bin/app")
            .parse(&binary)
            .unwrap()
            .unwrap();
        assert_eq!(label, "Go modules in binaries");
        assert_eq!(
            names(&packages),
            ["golang.org/x/net v0.17.0", "github.com/new/lib v1.2.0"]
        );
        // The pre-1.18 layout is reported, not guessed at.
        let at = memchr::memmem::find(&binary, GO_MAGIC).unwrap();
        binary[at + 15] = 0;
        let error = Binary::Executable.parse(&binary).unwrap_err();
        assert!(
            error.message.contains("before Go 1.18"),
            "{}",
            error.message
        );
        // A file that merely contains the marker is not an executable.
        assert!(Binary::Executable.parse(&info).unwrap().is_none());
    }

    #[test]
    fn rust_crates_come_from_cargo_auditable_sections() {
        let json = r#"{"packages":[
            {"name":"app","version":"0.1.0","source":"local","root":true},
            {"name":"smallvec","version":"1.6.0","source":"crates.io","dependencies":[]},
            {"name":"git-dep","version":"0.2.0","source":"git"}]}"#;
        let binary = fixture::elf(&[
            (".text", &[0xc3; 16]),
            (".dep-v0", &fixture::cargo_auditable(json)),
        ]);
        let (label, packages) = Binary::Executable.parse(&binary).unwrap().unwrap();
        assert_eq!(label, "crates in Rust binaries");
        assert_eq!(names(&packages), ["smallvec 1.6.0"]);
        let damaged = fixture::elf(&[(".dep-v0", b"not zlib")]);
        let error = Binary::Executable.parse(&damaged).unwrap_err();
        assert!(error.message.contains("not zlib"), "{}", error.message);
        // An ELF file without either is nothing to read.
        let plain = fixture::elf(&[(".text", &[0; 8])]);
        assert!(Binary::Executable.parse(&plain).unwrap().is_none());
    }
}
