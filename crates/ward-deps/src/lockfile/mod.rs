//! Lockfile parsers: each reads one file format into [`Package`]s with the line of each entry.
//!
//! A parser never guesses: a version the file does not pin is reported as unpinned, and
//! "direct", "dev" and the dependency path are set only where the file records them.

mod bun;
mod cargo;
mod composer;
mod csproj;
mod gemfile;
mod gomod;
mod gradle;
mod json_lines;
mod mix;
mod npm;
mod nuget;
mod pipfile;
mod pnpm;
mod poetry;
mod pom;
mod pubspec;
mod requirements;
pub mod sbom;
mod yarn;

use std::fmt::Write as _;

use ward_advisory::Ecosystem;

/// One package entry of a lockfile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    pub ecosystem: Ecosystem,
    pub name: String,
    /// The pinned version; `None` for an unpinned requirement (`requests>=2`).
    pub version: Option<String>,
    /// 1-based line of the entry.
    pub line: u32,
    pub direct: Option<bool>,
    pub dev: Option<bool>,
    /// From the project to this package, when the file records the graph.
    pub path: Vec<String>,
    /// The requirement as written, for unpinned entries.
    pub requirement: Option<String>,
    /// The licence the file declares for it (npm, Composer), as written.
    pub license: Option<String>,
    /// The purls of the packages it depends on, when the file records the graph.
    pub depends_on: Vec<String>,
    /// The names of the file's packages that depend on this one; `None` when the file does not
    /// record the dependency graph (reachability then cannot rule out other callers).
    pub required_by: Option<Vec<String>>,
}

impl Package {
    pub(crate) fn new(ecosystem: Ecosystem, name: &str, version: &str, line: u32) -> Self {
        Package {
            ecosystem,
            name: name.to_owned(),
            version: Some(version.to_owned()),
            line,
            direct: None,
            dev: None,
            path: Vec::new(),
            requirement: None,
            license: None,
            depends_on: Vec::new(),
            required_by: None,
        }
    }

    /// The package URL (`pkg:cargo/serde@1.0.0`, `pkg:npm/%40scope/name@1.0.0`).
    pub fn purl(&self) -> String {
        purl(self.ecosystem, &self.name, self.version.as_deref())
    }

    /// The package as an SBOM inventory entry found in the file at `path`.
    pub fn to_inventory(&self, path: &str) -> ward_core::sbom::InventoryPackage {
        ward_core::sbom::InventoryPackage {
            ecosystem: self.ecosystem.osv_name().to_owned(),
            name: self.name.clone(),
            version: self.version.clone(),
            purl: self.purl(),
            license: self.license.clone(),
            direct: self.direct,
            dev: self.dev,
            locations: vec![ward_core::sbom::PackageLocation {
                path: path.to_owned(),
                line: Some(self.line),
                layer: None,
                layer_created_by: None,
            }],
            depends_on: self.depends_on.clone(),
        }
    }
}

/// The package URL of a package (<https://github.com/package-url/purl-spec>): the name's
/// special characters percent-encoded, a Maven `group:artifact` as namespace and name, a PyPI
/// name normalised.
pub fn purl(ecosystem: Ecosystem, name: &str, version: Option<&str>) -> String {
    let name = match ecosystem {
        Ecosystem::PyPI => encode_purl_part(&ecosystem.normalize_name(name), true),
        // `group:artifact` -> `group/artifact`; `@scope/name` -> `%40scope/name`; Go module
        // paths and Composer `vendor/name` keep their slashes as namespace separators.
        Ecosystem::Maven => encode_purl_part(&name.replacen(':', "/", 1), false),
        _ => encode_purl_part(name, false),
    };
    match version {
        Some(version) => format!(
            "pkg:{}/{name}@{}",
            ecosystem.purl_type(),
            encode_purl_part(version, true)
        ),
        None => format!("pkg:{}/{name}", ecosystem.purl_type()),
    }
}

/// Percent-encodes what a purl segment cannot hold as is (`@`, `?`, `#`, spaces, `%`, and `/`
/// where `slash` says so).
fn encode_purl_part(text: &str, slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'~' | b'+' | b':' => {
                out.push(byte as char);
            }
            b'/' if !slash => out.push('/'),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// A lockfile that cannot be read, with the line where it went wrong when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub line: Option<u32>,
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(line: Option<u32>, message: impl Into<String>) -> Self {
        ParseError {
            line,
            message: message.into(),
        }
    }

    pub(crate) fn json(kind: &str, error: &serde_json::Error) -> Self {
        ParseError::new(
            (error.line() > 0).then_some(error.line() as u32),
            format!("invalid {kind}: {error}"),
        )
    }

    pub(crate) fn toml(kind: &str, text: &str, error: &toml::de::Error) -> Self {
        let line = error
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() as u32 + 1);
        ParseError::new(line, format!("invalid {kind}: {}", error.message()))
    }

    pub(crate) fn yaml(kind: &str, error: &yaml_serde::Error) -> Self {
        ParseError::new(
            error.location().map(|l| l.line() as u32),
            format!("invalid {kind}: {error}"),
        )
    }
}

/// What the lockfile held.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inventory {
    pub packages: Vec<Package>,
    /// `-r` includes of a requirements file: (line, path as written).
    pub includes: Vec<(u32, String)>,
}

/// The lockfile kinds Ward reads, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    CargoLock,
    NpmLock,
    Requirements,
    PoetryLock,
    PipfileLock,
    UvLock,
    GoMod,
    GemfileLock,
    ComposerLock,
    YarnLock,
    PnpmLock,
    PdmLock,
    GradleLock,
    PubspecLock,
    NugetLock,
    MixLock,
    /// An `MSBuild` project file's `<PackageReference>` items.
    MsbuildProject,
    BunLock,
    /// Maven's `pom.xml`: declared dependencies, versions resolved within the file.
    PomXml,
}

impl Kind {
    /// The kind of a file from its name (the last path component).
    pub fn of(file_name: &str) -> Option<Kind> {
        Some(match file_name {
            "Cargo.lock" => Kind::CargoLock,
            "package-lock.json" | "npm-shrinkwrap.json" => Kind::NpmLock,
            "poetry.lock" => Kind::PoetryLock,
            "Pipfile.lock" => Kind::PipfileLock,
            "uv.lock" => Kind::UvLock,
            "go.mod" => Kind::GoMod,
            "Gemfile.lock" | "gems.locked" => Kind::GemfileLock,
            "composer.lock" => Kind::ComposerLock,
            "yarn.lock" => Kind::YarnLock,
            "pnpm-lock.yaml" => Kind::PnpmLock,
            "pdm.lock" => Kind::PdmLock,
            "gradle.lockfile" => Kind::GradleLock,
            "pubspec.lock" => Kind::PubspecLock,
            "packages.lock.json" => Kind::NugetLock,
            "mix.lock" => Kind::MixLock,
            "bun.lock" => Kind::BunLock,
            "pom.xml" => Kind::PomXml,
            name if [".csproj", ".fsproj", ".vbproj"]
                .iter()
                .any(|ext| name.len() > ext.len() && name.to_ascii_lowercase().ends_with(ext)) =>
            {
                Kind::MsbuildProject
            }
            name if name.starts_with("requirements")
                && std::path::Path::new(name)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("txt")) =>
            {
                Kind::Requirements
            }
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::CargoLock => "Cargo.lock",
            Kind::NpmLock => "npm lockfile",
            Kind::Requirements => "requirements file",
            Kind::PoetryLock => "poetry.lock",
            Kind::PipfileLock => "Pipfile.lock",
            Kind::UvLock => "uv.lock",
            Kind::GoMod => "go.mod",
            Kind::GemfileLock => "Gemfile.lock",
            Kind::ComposerLock => "composer.lock",
            Kind::YarnLock => "yarn.lock",
            Kind::PnpmLock => "pnpm-lock.yaml",
            Kind::PdmLock => "pdm.lock",
            Kind::GradleLock => "gradle.lockfile",
            Kind::PubspecLock => "pubspec.lock",
            Kind::NugetLock => "packages.lock.json",
            Kind::MixLock => "mix.lock",
            Kind::MsbuildProject => "project file",
            Kind::BunLock => "bun.lock",
            Kind::PomXml => "pom.xml",
        }
    }

    /// Parses a file of this kind.
    pub fn parse(self, text: &str) -> Result<Inventory, ParseError> {
        let packages = match self {
            Kind::CargoLock => cargo::parse(text)?,
            Kind::NpmLock => npm::parse(text)?,
            Kind::Requirements => return requirements::parse(text),
            Kind::PoetryLock => poetry::parse(text, poetry::Flavour::Poetry)?,
            Kind::UvLock => poetry::parse(text, poetry::Flavour::Uv)?,
            Kind::PipfileLock => pipfile::parse(text)?,
            Kind::GoMod => gomod::parse(text)?,
            Kind::GemfileLock => gemfile::parse(text)?,
            Kind::ComposerLock => composer::parse(text)?,
            Kind::YarnLock => yarn::parse(text)?,
            Kind::PnpmLock => pnpm::parse(text)?,
            Kind::PdmLock => poetry::parse(text, poetry::Flavour::Pdm)?,
            Kind::GradleLock => gradle::parse(text)?,
            Kind::PubspecLock => pubspec::parse(text)?,
            Kind::NugetLock => nuget::parse(text)?,
            Kind::MixLock => mix::parse(text)?,
            Kind::MsbuildProject => csproj::parse(text)?,
            Kind::BunLock => bun::parse(text)?,
            Kind::PomXml => pom::parse(text)?,
        };
        let mut packages = packages;
        if self.records_graph() {
            fill_required_by(&mut packages);
        }
        Ok(Inventory {
            packages,
            includes: Vec::new(),
        })
    }

    /// Whether the format records which package depends on which (so "no other package
    /// requires it" can be said). npm's version 1 lockfiles do not: their packages all have
    /// an empty `depends_on`, and are treated as graph-less below.
    fn records_graph(self) -> bool {
        matches!(
            self,
            Kind::CargoLock
                | Kind::NpmLock
                | Kind::PoetryLock
                | Kind::UvLock
                | Kind::PdmLock
                | Kind::ComposerLock
                | Kind::BunLock
        )
    }
}

/// Fills each package's `required_by` from the others' `depends_on`. A file of several
/// packages where none depends on another records no graph after all: left `None`.
fn fill_required_by(packages: &mut [Package]) {
    if packages.len() > 1 && packages.iter().all(|p| p.depends_on.is_empty()) {
        return;
    }
    let mut by_purl: std::collections::HashMap<String, Vec<String>> =
        std::collections::HashMap::new();
    for package in packages.iter() {
        for dep in &package.depends_on {
            by_purl
                .entry(dep.clone())
                .or_default()
                .push(package.name.clone());
        }
    }
    for package in packages.iter_mut() {
        let mut names = by_purl.remove(&package.purl()).unwrap_or_default();
        names.sort();
        names.dedup();
        package.required_by = Some(names);
    }
}

/// For each TOML array-of-tables header (`[[package]]`), in order, the 1-based line of its
/// `name = …` key (the line a reader looks for), else of the header itself.
pub(crate) fn table_header_lines(text: &str, header: &str) -> Vec<u32> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_end() != header {
            continue;
        }
        let name_line = lines[i + 1..]
            .iter()
            .take_while(|l| !l.trim_start().starts_with('['))
            .position(|l| {
                l.trim_start().starts_with("name ") || l.trim_start().starts_with("name=")
            })
            .map(|offset| i + 1 + offset);
        out.push(name_line.unwrap_or(i) as u32 + 1);
    }
    out
}

/// Breadth-first dependency paths from the roots over a graph of package indices.
pub(crate) fn paths_from_roots(
    names: &[String],
    roots: &[usize],
    edges: &[Vec<usize>],
) -> Vec<Option<Vec<String>>> {
    let mut paths: Vec<Option<Vec<String>>> = vec![None; names.len()];
    let mut queue = std::collections::VecDeque::new();
    for &root in roots {
        paths[root] = Some(vec![names[root].clone()]);
        queue.push_back(root);
    }
    while let Some(node) = queue.pop_front() {
        let base = paths[node].clone().unwrap_or_default();
        for &next in &edges[node] {
            if paths[next].is_none() {
                let mut path = base.clone();
                path.push(names[next].clone());
                paths[next] = Some(path);
                queue.push_back(next);
            }
        }
    }
    paths
}
