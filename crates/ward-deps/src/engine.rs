//! The `deps` engine.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use ward_advisory::query::{self, Match};
use ward_advisory::{Advisory, Index, IndexError, severity};
use ward_core::{
    Confidence, Cvss, Detail, Engine, Epss, FileInput, FileOutput, Finding, Fingerprint, Kev,
    LineIndex, Location, Notice, NoticeKind, PackageRef, RansomwareUse, RuleDoc, ScanError,
    Severity, Span, Vulnerability,
};

use crate::lockfile::{Kind, Package};
use crate::reach::{Project, SourceFile, SourceKind};

/// The id of the rule for requirements that pin no version.
pub const UNPINNED_RULE: &str = "deps/unpinned-requirement";

/// (ecosystem, package name) -> that package's advisories.
type DecodedCache = std::collections::HashMap<(String, String), Arc<Vec<Advisory>>>;

/// What matching one version found: the advisories affecting it, and those it could not be
/// checked against.
type Checked = (Vec<Match>, Vec<query::Undecided>);

/// (ecosystem, package name, version) -> what matching found.
type CheckedCache = std::collections::HashMap<(String, String, String), Arc<Checked>>;

/// Finds known vulnerabilities in the packages lockfiles pin.
#[derive(Debug)]
pub struct DepsEngine {
    db_dir: Option<PathBuf>,
    index: OnceLock<Result<Index, String>>,
    /// Lockfiles read while no index was available.
    pub(crate) unchecked: AtomicUsize,
    /// Lockfiles read.
    lockfiles: AtomicUsize,
    /// Rule docs of the advisories reported, for the report's rule list.
    reported: Mutex<std::collections::BTreeMap<String, RuleDoc>>,
    /// The project root: `-r` includes are followed only inside it.
    project_root: Option<PathBuf>,
    /// Included requirements files already checked (each once per scan).
    included: Mutex<std::collections::HashSet<PathBuf>>,
    /// Each package's advisories, decoded once per scan (monorepos repeat packages).
    decoded: Mutex<DecodedCache>,
    /// Each package version's matches, decided once per scan.
    checked: Mutex<CheckedCache>,
    /// Whether OS package databases and `os-release` are read (image scans).
    os_packages: bool,
    /// The release `os-release` named, once it was offered.
    pub(crate) os: Mutex<Option<crate::os::OsRelease>>,
    /// OS packages read.
    pub(crate) os_packages_seen: AtomicUsize,
    /// Inventory mode (`ward sbom`): packages are listed ([`FileOutput::package`]) and nothing
    /// is checked.
    pub(crate) inventory: bool,
    /// Every file offered is an SBOM to check (`ward scan --sbom FILE`).
    sbom_input: bool,
    /// Packages read from OS databases and installed-package metadata, per source kind.
    pub(crate) package_counts: Mutex<std::collections::BTreeMap<String, usize>>,
    /// Whether source files are recorded and findings judged for reachability.
    reachability: bool,
    /// The project's Rust, Go, Python and JS/TS files seen (read again only when a finding
    /// needs them).
    sources: Mutex<Vec<SourceFile>>,
    /// Per ecosystem, pinned packages not checked because the index holds no advisory of
    /// that ecosystem (a database imported for other ecosystems only).
    no_advisories: Mutex<std::collections::BTreeMap<String, usize>>,
}

impl DepsEngine {
    /// An engine reading the index in `db_dir` (opened on first use); `None`: no location is
    /// known (no home directory), so nothing can be checked.
    pub fn new(db_dir: Option<PathBuf>) -> Self {
        DepsEngine {
            db_dir,
            index: OnceLock::new(),
            unchecked: AtomicUsize::new(0),
            lockfiles: AtomicUsize::new(0),
            reported: Mutex::new(std::collections::BTreeMap::new()),
            project_root: None,
            included: Mutex::new(std::collections::HashSet::new()),
            decoded: Mutex::new(std::collections::HashMap::new()),
            checked: Mutex::new(std::collections::HashMap::new()),
            os_packages: false,
            os: Mutex::new(None),
            os_packages_seen: AtomicUsize::new(0),
            inventory: false,
            sbom_input: false,
            package_counts: Mutex::new(std::collections::BTreeMap::new()),
            reachability: true,
            sources: Mutex::new(Vec::new()),
            no_advisories: Mutex::new(std::collections::BTreeMap::new()),
        }
    }

    /// Also read OS package databases (`var/lib/dpkg/status`, `lib/apk/db/installed`, rpm)
    /// and `os-release`, at their paths in an image. The source must offer `os-release` before
    /// the databases (see [`crate::os::OsFile::priority`]).
    #[must_use]
    pub fn with_os_packages(mut self, on: bool) -> Self {
        self.os_packages = on;
        // An image's files are not the project's source.
        self.reachability &= !on;
        self
    }

    /// Records the rule documentation of an advisory reported.
    pub(crate) fn remember_rule(&self, rule_id: &str, found: &Match) {
        if let Ok(mut reported) = self.reported.lock() {
            reported
                .entry(rule_id.to_owned())
                .or_insert_with(|| advisory_rule(rule_id, found));
        }
    }

    /// An engine that only lists packages (for an SBOM): each file's packages are listed in
    /// its output ([`FileOutput::package`]), no advisory is looked up and no finding is
    /// reported.
    pub fn inventory() -> Self {
        let mut engine = DepsEngine::new(None);
        engine.inventory = true;
        engine.reachability = false;
        engine
    }

    /// Treat every file offered as a CycloneDX or SPDX JSON SBOM whose packages are checked.
    #[must_use]
    pub fn reading_sboms(mut self) -> Self {
        self.sbom_input = true;
        self.reachability = false;
        self
    }

    /// Follow `-r` includes of requirements files inside this directory.
    #[must_use]
    pub fn with_project_root(mut self, root: Option<PathBuf>) -> Self {
        self.project_root = root;
        self
    }

    /// The index, or why there is none (`Ok(None)`: no database was built).
    pub(crate) fn index(&self) -> Result<Option<&Index>, String> {
        let opened = self.index.get_or_init(|| match &self.db_dir {
            Some(dir) => Index::open(dir).map_err(|e| match e {
                IndexError::Missing(_) => String::new(),
                other => other.to_string(),
            }),
            None => Err(String::new()),
        });
        match opened {
            Ok(index) => Ok(Some(index)),
            Err(message) if message.is_empty() => Ok(None),
            Err(message) => Err(message.clone()),
        }
    }

    /// The advisories affecting one version of a package, decided once per scan: the
    /// lockfiles of a monorepo pin the same versions over and over, and matching (version
    /// parsing, range walks, alias merging) is most of a lookup's cost.
    fn matches(
        &self,
        index: &Index,
        ecosystem: &str,
        name: &str,
        version: &str,
    ) -> Result<Arc<Checked>, IndexError> {
        let key = (ecosystem.to_owned(), name.to_owned(), version.to_owned());
        if let Some(found) = self.checked.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(found);
        }
        let advisories = self.advisories(index, ecosystem, name)?;
        let checked = Arc::new(query::check_advisories(&advisories, ecosystem, version));
        if let Ok(mut cache) = self.checked.lock() {
            cache.insert(key, Arc::clone(&checked));
        }
        Ok(checked)
    }

    /// A package's advisories, decoded from the index once per scan.
    pub(crate) fn advisories(
        &self,
        index: &Index,
        ecosystem: &str,
        name: &str,
    ) -> Result<Arc<Vec<Advisory>>, IndexError> {
        let key = (ecosystem.to_owned(), name.to_owned());
        if let Some(found) = self.decoded.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(found);
        }
        let advisories = Arc::new(index.lookup(ecosystem, name)?);
        if let Ok(mut cache) = self.decoded.lock() {
            cache.insert(key, Arc::clone(&advisories));
        }
        Ok(advisories)
    }

    fn record_source(&self, path: &str, fs_path: PathBuf) {
        if let Ok(mut sources) = self.sources.lock() {
            sources.push(SourceFile {
                path: path.to_owned(),
                fs_path,
            });
        }
    }

    /// The affected functions the advisories of a finding name (all of its merged records), as
    /// far as they are affected in the version installed.
    fn affected_functions(&self, index: &Index, vulnerability: &Vulnerability) -> Vec<String> {
        let package = &vulnerability.package;
        let Ok(advisories) = self.advisories(index, &package.ecosystem, &package.name) else {
            return Vec::new();
        };
        let mut functions: Vec<String> = Vec::new();
        for advisory in advisories.iter().filter(|a| {
            a.ids()
                .any(|id| vulnerability.advisory_ids.iter().any(|v| v == id))
        }) {
            let at = ward_advisory::matching::functions_at(advisory, &package.version);
            if at.is_empty() && !advisory.functions.is_empty() {
                // The record names functions, but none for this version, or says the whole
                // package is affected in it: any use of the package counts.
                return Vec::new();
            }
            functions.extend(at.into_iter().map(str::to_owned));
        }
        functions.sort();
        functions.dedup();
        functions
    }

    fn db_display(&self) -> String {
        self.db_dir.as_deref().map_or_else(
            || "(no data directory)".to_owned(),
            |d| d.display().to_string(),
        )
    }

    /// Reports unpinned entries and checks every pinned package of one file.
    pub(crate) fn check_packages(
        &self,
        path: &str,
        lines: &LineIndex<'_>,
        packages: &[Package],
        out: &mut FileOutput,
    ) {
        if self.inventory {
            for package in packages {
                out.package(package.to_inventory(path));
            }
            return;
        }
        for package in packages.iter().filter(|p| p.version.is_none()) {
            out.finding(
                unpinned_finding(path, lines, package),
                format!("unpinned/{}/{}", package.ecosystem, package.name),
            );
        }
        let index = match self.index() {
            Ok(Some(index)) => index,
            Ok(None) => {
                self.unchecked.fetch_add(1, Ordering::Relaxed);
                out.state(b"unchecked".to_vec());
                return;
            }
            Err(message) => {
                out.uncacheable();
                out.error(ScanError {
                    path: Some(path.to_owned()),
                    line: None,
                    engine: Some("deps".into()),
                    message: format!("dependencies not checked: {message}"),
                });
                return;
            }
        };
        let mut missing: std::collections::BTreeMap<&str, usize> =
            std::collections::BTreeMap::new();
        for package in packages {
            let Some(version) = &package.version else {
                continue;
            };
            let eco = package.ecosystem.osv_name();
            if !index.meta().ecosystems.iter().any(|c| c.ecosystem == eco) {
                *missing.entry(eco).or_default() += 1;
                continue;
            }
            if let Err(error) = package.ecosystem.validate(version) {
                out.error(ScanError {
                    path: Some(path.to_owned()),
                    line: Some(package.line),
                    engine: Some("deps".into()),
                    message: format!("{} {version} was not checked: {error}", package.name),
                });
                continue;
            }
            let checked = match self.matches(index, eco, &package.name, version) {
                Ok(checked) => checked,
                Err(error) => {
                    out.error(ScanError {
                        path: Some(path.to_owned()),
                        line: Some(package.line),
                        engine: Some("deps".into()),
                        message: format!("{} was not checked: {error}", package.name),
                    });
                    continue;
                }
            };
            let (matches, undecided) = &*checked;
            for undecided in undecided {
                out.error(ScanError {
                    path: Some(path.to_owned()),
                    line: Some(package.line),
                    engine: Some("deps".into()),
                    message: format!(
                        "{} {version} could not be checked against {}: {}",
                        package.name, undecided.advisory, undecided.reason
                    ),
                });
            }
            if matches.is_empty() {
                continue;
            }
            let at = location(path, lines, package.line);
            let purl = package.purl();
            for found in matches {
                let finding = vulnerability_finding(&at, &purl, package, version, found);
                let identity = format!("{}/{}@{version}/{}", eco, package.name, found.ids[0]);
                if let Ok(mut reported) = self.reported.lock()
                    && !reported.contains_key(&finding.rule_id)
                {
                    reported.insert(
                        finding.rule_id.clone(),
                        advisory_rule(&finding.rule_id, found),
                    );
                }
                out.finding(finding, identity);
            }
        }
        if !missing.is_empty() {
            // Kept with a cached result, so a replayed lockfile still says so.
            let mut state = b"lockfile".to_vec();
            for (eco, count) in &missing {
                state.extend_from_slice(format!("\n{eco}\t{count}").as_bytes());
            }
            out.state(state);
            self.add_no_advisories(missing.into_iter());
        }
    }

    fn add_no_advisories<'a>(&self, counts: impl Iterator<Item = (&'a str, usize)>) {
        if let Ok(mut total) = self.no_advisories.lock() {
            for (eco, count) in counts {
                *total.entry(eco.to_owned()).or_default() += count;
            }
        }
    }

    /// Checks the packages of a CycloneDX or SPDX SBOM.
    fn scan_sbom(&self, file: &FileInput<'_>, out: &mut FileOutput) {
        let error = |line: Option<u32>, message: String| ScanError {
            path: Some(file.path.to_owned()),
            line,
            engine: Some("deps".into()),
            message,
        };
        let Some(text) = file.text else {
            out.error(error(
                None,
                "the SBOM is not UTF-8 text, not checked".into(),
            ));
            return;
        };
        self.lockfiles.fetch_add(1, Ordering::Relaxed);
        let (packages, unchecked) = match crate::lockfile::sbom::parse(text) {
            Ok(parsed) => parsed,
            Err(e) => {
                out.error(error(
                    e.line,
                    format!(
                        "SBOM could not be read, so its packages were not checked: {}",
                        e.message
                    ),
                ));
                return;
            }
        };
        if unchecked.without_purl > 0 {
            out.error(error(
                None,
                format!(
                    "{} component(s) have no purl and were not checked",
                    unchecked.without_purl
                ),
            ));
        }
        if !unchecked.other_types.is_empty() {
            let kinds: Vec<String> = unchecked
                .other_types
                .iter()
                .map(|(kind, n)| format!("{n} {kind}"))
                .collect();
            out.error(error(
                None,
                format!(
                    "component(s) of ecosystems without an advisory source in Ward were not checked: {}",
                    kinds.join(", ")
                ),
            ));
        }
        let lines = LineIndex::new(file.bytes);
        self.check_packages(file.path, &lines, &packages, out);
    }

    /// Follows `-r`/`-c` includes of a requirements file: only files inside the project root
    /// (symbolic links resolved first), not named `requirements*.txt` (those are scanned on
    /// their own), each once per scan.
    fn follow_includes(
        &self,
        from: &Path,
        includes: &[(u32, String)],
        visited: &mut Vec<PathBuf>,
        out: &mut FileOutput,
    ) {
        const MAX_INCLUDE_BYTES: u64 = 10 * 1024 * 1024;
        let Some(root) = self
            .project_root
            .as_deref()
            .and_then(|r| std::fs::canonicalize(r).ok())
        else {
            return;
        };
        for (line, target) in includes {
            let name = Path::new(target).file_name().and_then(|n| n.to_str());
            if name.is_some_and(|n| Kind::of(n) == Some(Kind::Requirements)) {
                continue;
            }
            let error = |message: String| ScanError {
                path: None,
                line: Some(*line),
                engine: Some("deps".into()),
                message,
            };
            let joined = from.parent().unwrap_or(Path::new(".")).join(target);
            let Ok(canonical) = std::fs::canonicalize(&joined) else {
                out.error(error(format!(
                    "`-r {target}`: the included file cannot be found"
                )));
                continue;
            };
            let Ok(relative) = canonical.strip_prefix(&root) else {
                out.error(error(format!(
                    "`-r {target}`: the included file is outside the project and was not read"
                )));
                continue;
            };
            if visited.contains(&canonical) || visited.len() > 16 {
                continue;
            }
            visited.push(canonical.clone());
            if let Ok(mut seen) = self.included.lock()
                && !seen.insert(canonical.clone())
            {
                continue;
            }
            let display = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = match std::fs::File::open(&canonical).and_then(|f| {
                use std::io::Read;
                let mut bytes = Vec::new();
                f.take(MAX_INCLUDE_BYTES)
                    .read_to_end(&mut bytes)
                    .map(|_| bytes)
            }) {
                Ok(bytes) => bytes,
                Err(e) => {
                    out.error(error(format!("`-r {target}`: {e}")));
                    continue;
                }
            };
            let Ok(text) = std::str::from_utf8(&bytes) else {
                out.error(error(format!(
                    "`-r {target}`: not valid UTF-8, not checked"
                )));
                continue;
            };
            match Kind::Requirements.parse(text) {
                Ok(inventory) => {
                    let lines = LineIndex::new(&bytes);
                    self.check_packages(&display, &lines, &inventory.packages, out);
                    self.follow_includes(&canonical, &inventory.includes, visited, out);
                }
                Err(e) => out.error(ScanError {
                    path: Some(display.clone()),
                    line: e.line,
                    engine: Some("deps".into()),
                    message: format!(
                        "requirements file could not be parsed, so its dependencies were not checked: {}",
                        e.message
                    ),
                }),
            }
        }
    }
}

impl Engine for DepsEngine {
    fn name(&self) -> &'static str {
        "deps"
    }

    fn rules(&self) -> Vec<RuleDoc> {
        vec![unpinned_rule()]
    }

    fn claims(&self, file: &FileInput<'_>) -> bool {
        // In an image, requirements files are documentation and examples: what is installed is
        // read from the installed metadata instead.
        let lockfile = file_name(file.path).and_then(Kind::of);
        // In an image, binaries (Java archives, Go and Rust executables) hold packages too.
        if self.os_packages && file.text.is_none() && lockfile.is_none() {
            return true;
        }
        self.sbom_input
            || lockfile.is_some_and(|kind| !(self.os_packages && kind == Kind::Requirements))
            || (self.os_packages
                && (crate::os::OsFile::of(file.path).is_some()
                    || crate::installed::Installed::of(file.path).is_some()))
            || (self.reachability && SourceKind::of(file.path).is_some())
    }

    // rpm databases are binary; lockfiles that are not UTF-8 are skipped below, as the
    // pipeline would skip them for an engine that needs UTF-8.
    fn needs_utf8(&self) -> bool {
        false
    }

    fn scans_binary(&self, _path: &str) -> bool {
        self.os_packages
    }

    fn scan_file(&self, file: &FileInput<'_>, out: &mut FileOutput) {
        if self.sbom_input {
            self.scan_sbom(file, out);
            return;
        }
        if self.os_packages
            && let Some(kind) = crate::os::OsFile::of(file.path)
        {
            self.scan_os_file(kind, file, out);
            return;
        }
        if self.os_packages
            && let Some(kind) = crate::installed::Installed::of(file.path)
        {
            self.scan_installed(kind, file, out);
            return;
        }
        if self.os_packages
            && file.text.is_none()
            && file_name(file.path).and_then(Kind::of).is_none()
        {
            self.scan_binary_file(file, out);
            return;
        }
        let Some(kind) = file_name(file.path).and_then(Kind::of) else {
            if self.reachability && SourceKind::of(file.path).is_some() {
                // Only remembered: read again if a finding needs it (see `refine_findings`).
                self.record_source(file.path, file.fs_path.to_path_buf());
                out.state(b"source".to_vec());
            }
            return;
        };
        let Some(text) = file.text else {
            out.skip(ward_core::SkipReason::InvalidUtf8);
            return;
        };
        self.lockfiles.fetch_add(1, Ordering::Relaxed);
        out.state(b"lockfile".to_vec());
        let inventory = match kind.parse(text) {
            Ok(inventory) => inventory,
            Err(error) => {
                out.error(ScanError {
                    path: Some(file.path.to_owned()),
                    line: error.line,
                    engine: Some("deps".into()),
                    message: format!(
                        "{} could not be parsed, so its dependencies were not checked: {}",
                        kind.name(),
                        error.message
                    ),
                });
                return;
            }
        };
        let lines = LineIndex::new(file.bytes);
        self.check_packages(file.path, &lines, &inventory.packages, out);
        if !inventory.includes.is_empty() {
            // The result depends on the included files too: not cached.
            out.uncacheable();
            let mut visited = vec![file.fs_path.to_path_buf()];
            self.follow_includes(file.fs_path, &inventory.includes, &mut visited, out);
        }
    }

    /// The advisory database's identity (its index file's size and modification time) and the
    /// project root (includes are resolved in it): a re-imported database re-checks every
    /// lockfile.
    fn config_hash(&self) -> Option<String> {
        // Inventory mode's result is what it collects, not its findings: never replayed.
        if self.inventory {
            return None;
        }
        let mut hasher = ward_core::ConfigHasher::new("deps");
        if self.sbom_input {
            hasher.add("files read as SBOMs");
        }
        if self.reachability {
            hasher.add("source files recorded for reachability");
        }
        match self.db_dir.as_deref() {
            Some(dir) => {
                hasher.add(dir.as_os_str().as_encoded_bytes());
                if let Ok(meta) = std::fs::metadata(dir.join(ward_advisory::index::INDEX_FILE)) {
                    let modified = meta
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .map_or(0, |d| d.as_nanos());
                    hasher
                        .add(meta.len().to_le_bytes())
                        .add(modified.to_le_bytes());
                } else {
                    hasher.add("no index");
                }
            }
            None => {
                hasher.add("no database directory");
            }
        }
        if let Some(root) = &self.project_root {
            hasher.add(root.as_os_str().as_encoded_bytes());
        }
        Some(hasher.finish())
    }

    fn replay_state(&self, path: &str, state: &[u8]) {
        if state == b"source" {
            let fs_path = self
                .project_root
                .as_ref()
                .map_or_else(|| PathBuf::from(path), |root| root.join(path));
            self.record_source(path, fs_path);
            return;
        }
        self.lockfiles.fetch_add(1, Ordering::Relaxed);
        if state == b"unchecked" {
            self.unchecked.fetch_add(1, Ordering::Relaxed);
        } else {
            // Opened as a scan of this lockfile would, so the stale-database notice still shows.
            let _ = self.index();
            let text = String::from_utf8_lossy(state);
            self.add_no_advisories(text.lines().skip(1).filter_map(|line| {
                let (eco, count) = line.split_once('\t')?;
                Some((eco, count.parse().ok()?))
            }));
        }
    }

    fn rule_doc(&self, id: &str) -> Option<RuleDoc> {
        if id == UNPINNED_RULE {
            return Some(unpinned_rule());
        }
        if let Some(doc) = self.reported.lock().ok()?.get(id) {
            return Some(doc.clone());
        }
        // `ward explain deps/ID` outside a scan: read the advisory from the index.
        let advisory_id = id.strip_prefix("deps/")?;
        let index = self.index().ok()??;
        let advisory = index.advisory(advisory_id)?;
        let found = Match::new(
            advisory.ids().map(str::to_owned).collect(),
            vec![advisory],
            None,
            Vec::new(),
        );
        Some(advisory_rule(id, &found))
    }

    /// Reachability: each finding of a Rust, Go, Python or JS/TS package is judged against the
    /// project's source files of that language (see [`crate::reach`]).
    fn refine_findings(&self, findings: &mut [Finding]) {
        if !self.reachability {
            return;
        }
        let sources = self
            .sources
            .lock()
            .map(|mut s| std::mem::take(&mut *s))
            .unwrap_or_default();
        let relevant = findings.iter().any(|f| {
            f.engine == "deps"
                && f.detail
                    .vulnerability
                    .as_ref()
                    .is_some_and(|v| SourceKind::of_ecosystem(&v.package.ecosystem).is_some())
        });
        if !relevant {
            return;
        }
        let Ok(Some(index)) = self.index() else {
            return;
        };
        let mut project = Project::new(sources);
        for finding in findings.iter_mut().filter(|f| f.engine == "deps") {
            let required_by = finding
                .detail
                .extra
                .get("required_by")
                .and_then(serde_json::Value::as_array)
                .map(Vec::len);
            let Some(vulnerability) = finding.detail.vulnerability.as_mut() else {
                continue;
            };
            let functions = self.affected_functions(index, vulnerability);
            if let Some(verdict) = project.decide(
                &vulnerability.package.ecosystem,
                &vulnerability.package.name,
                &functions,
                required_by,
            ) {
                vulnerability.reachability = Some(verdict.reachability);
                vulnerability.reachable_from = verdict.sites;
            }
        }
    }

    fn notices(&self) -> Vec<Notice> {
        let mut notices = Vec::new();
        if let Some(Ok(index)) = self.index.get() {
            let data_time = self.db_dir.as_deref().map_or(index.meta().built_at, |dir| {
                ward_advisory::sources::data_time(dir, index.meta())
            });
            let age_days = (ward_core::time::now_unix() - data_time).max(0) / 86_400;
            if age_days > ward_advisory::index::STALE_AFTER_DAYS {
                notices.push(Notice {
                    kind: NoticeKind::StaleData,
                    message: format!(
                        "the advisory database is {age_days} days old: vulnerabilities published since are not known to this scan. Run `ward db update` (or import fresh advisories with `ward db import`)."
                    ),
                    source: Some(index.path().display().to_string()),
                });
            }
        }
        if self.os_packages {
            notices.extend(self.inventory_notice());
        }
        if let Ok(missing) = self.no_advisories.lock() {
            for (eco, count) in missing.iter() {
                notices.push(Notice {
                    kind: NoticeKind::NotChecked,
                    message: format!(
                        "{count} {eco} package(s) were NOT checked for known vulnerabilities: the \
                         advisory database has no {eco} advisories. Import them (`ward db import` \
                         of {eco} OSV records, or `ward db update`), then scan again."
                    ),
                    source: None,
                });
            }
        }
        let unchecked = self.unchecked.load(Ordering::Relaxed);
        if unchecked == 0 {
            return notices;
        }
        notices.push(Notice {
            kind: NoticeKind::NotChecked,
            message: format!(
                "{unchecked} lockfile(s) were read but their dependencies were NOT checked for \
                 known vulnerabilities: no advisory database at {}. Build one with \
                 `ward db import PATH...` (OSV or RustSec advisories), then scan again.",
                self.db_display()
            ),
            source: None,
        });
        notices
    }
}

fn file_name(path: &str) -> Option<&str> {
    Path::new(path).file_name().and_then(|n| n.to_str())
}

pub(crate) fn location(path: &str, lines: &LineIndex<'_>, line: u32) -> Location {
    let text = String::from_utf8_lossy(lines.line_text(line)).into_owned();
    let width = text.chars().count() as u32;
    Location {
        path: path.to_owned(),
        span: Span::line(line, 1, width + 1),
        snippet: (!text.trim().is_empty()).then(|| text.trim_end().to_owned()),
    }
}

fn severity_of(found: &Match, cvss: Option<&severity::Scored>) -> Severity {
    if let Some(scored) = cvss {
        return severity::from_score(scored.score);
    }
    if let Some(word) = found.database_severity().and_then(severity::from_word) {
        return word;
    }
    if found.informational().is_some() {
        return Severity::Low;
    }
    // A known vulnerability without any severity data: not "low" by default.
    Severity::Medium
}

/// The finding of one match. `at` (the package's entry) and `purl` are the package's, made
/// once for all of its matches: an old version can have dozens.
pub(crate) fn vulnerability_finding(
    at: &Location,
    purl: &str,
    package: &Package,
    version: &str,
    found: &Match,
) -> Finding {
    let primary = &found.ids[0];
    let cvss = found.cvss();
    let severity = severity_of(found, cvss);
    let summary = found.summary().map(str::trim).filter(|s| !s.is_empty());
    let kind = found
        .informational()
        .map(|k| format!(" ({k})"))
        .unwrap_or_default();
    let fix = match &found.fixed {
        Some(fixed) => format!("upgrade to {fixed}"),
        None => "no fix available".to_owned(),
    };
    let message = match summary {
        Some(summary) => format!(
            "{} {version} has {primary}{kind}: {summary} — {fix}",
            package.name
        ),
        None => format!("{} {version} has {primary}{kind} — {fix}", package.name),
    };
    let remediation = match &found.fixed {
        Some(fixed) => format!(
            "Upgrade {} from {version} to {fixed} or later.",
            package.name
        ),
        None => format!(
            "No fixed version of {} is known: remove or replace it, or record the decision in .ward/ignore.toml.",
            package.name
        ),
    };
    let advisories = &found.advisories;
    let kev = advisories.iter().find_map(|a| a.kev.clone());
    let epss = advisories
        .iter()
        .filter_map(|a| a.epss)
        .max_by(|a, b| a.probability.total_cmp(&b.probability));
    let mut references: Vec<String> = advisories
        .iter()
        .flat_map(|a| a.references.iter().cloned())
        .collect();
    references.dedup();
    references.truncate(6);
    let vulnerability = Vulnerability {
        package: PackageRef {
            ecosystem: package.ecosystem.osv_name().to_owned(),
            name: package.name.clone(),
            version: version.to_owned(),
            purl: purl.to_owned(),
        },
        advisory_ids: found.ids.clone(),
        summary: summary.map(str::to_owned),
        fixed_version: found.fixed.clone(),
        cvss: cvss.map(|c| Cvss {
            vector: c.vector.clone(),
            score: c.score,
            version: c.version.clone(),
        }),
        database_severity: found.database_severity().map(str::to_owned),
        epss: epss.map(|e| Epss {
            probability: e.probability,
            percentile: e.percentile,
        }),
        kev: kev.map(|k| Kev {
            cve: k.cve,
            date_added: k.date_added,
            due_date: k.due_date,
            ransomware: if k.ransomware_known {
                RansomwareUse::Known
            } else {
                RansomwareUse::Unknown
            },
        }),
        reachability: None,
        reachable_from: Vec::new(),
        dependency_path: package.path.clone(),
        direct: package.direct,
        dev: package.dev,
        notes: found.notes.clone(),
    };
    Finding {
        rule_id: format!("deps/{primary}"),
        engine: "deps".into(),
        severity,
        confidence: Confidence::High,
        title: summary.map_or_else(|| primary.clone(), str::to_owned),
        message,
        location: at.clone(),
        cwe: Vec::new(),
        owasp: vec!["A06:2021".into()],
        remediation: Some(remediation),
        references,
        fingerprint: Fingerprint::default(),
        detail: Detail {
            vulnerability: Some(vulnerability),
            // Which packages of the lockfile depend on this one (when it records the graph):
            // reachability says "not reachable" only when none does.
            extra: package
                .required_by
                .as_ref()
                .map(|names| {
                    std::iter::once(("required_by".to_owned(), serde_json::json!(names))).collect()
                })
                .unwrap_or_default(),
            ..Detail::default()
        },
        suppressed: None,
        risk: None,
    }
}

fn unpinned_finding(path: &str, lines: &LineIndex<'_>, package: &Package) -> Finding {
    let requirement = package.requirement.as_deref().unwrap_or(&package.name);
    Finding {
        rule_id: UNPINNED_RULE.into(),
        engine: "deps".into(),
        severity: Severity::Info,
        confidence: Confidence::High,
        title: "Requirement without a pinned version".into(),
        message: format!(
            "`{requirement}` pins no version, so which {} gets installed is unknown and it was not checked for vulnerabilities",
            package.name
        ),
        location: location(path, lines, package.line),
        cwe: Vec::new(),
        owasp: Vec::new(),
        remediation: Some(format!(
            "Pin it (`{}==X.Y.Z`), or scan a lockfile that records the resolved version.",
            package.name
        )),
        references: Vec::new(),
        fingerprint: Fingerprint::default(),
        detail: Detail::default(),
        suppressed: None,
        risk: None,
    }
}

fn unpinned_rule() -> RuleDoc {
    RuleDoc {
        id: UNPINNED_RULE.into(),
        engine: "deps".into(),
        title: "Requirement without a pinned version".into(),
        severity: Severity::Info,
        confidence: Confidence::High,
        description: "A requirements file line that does not pin one version with `==` (a range, no version, a URL or an editable install).".into(),
        rationale: "Ward checks the versions a project installs. For an unpinned requirement that version is decided at install time, so it cannot be checked, and the absence of a finding for it means nothing. Builds that resolve differently over time are also not reproducible.".into(),
        remediation: "Pin the version (`requests==2.32.3`), generated with a resolver such as `pip-compile` or `uv pip compile`, or scan the lockfile of a tool that records resolved versions (poetry.lock, uv.lock, Pipfile.lock).".into(),
        example: Some("# reported\nrequests>=2.0\n# fixed\nrequests==2.32.3".into()),
        cwe: vec!["CWE-1357".into()],
        owasp: Vec::new(),
        references: Vec::new(),
    }
}

fn advisory_rule(id: &str, found: &Match) -> RuleDoc {
    let primary = found.primary();
    let cvss = found.cvss();
    let severity = severity_of(found, cvss);
    RuleDoc {
        id: id.to_owned(),
        engine: "deps".into(),
        title: primary.summary.clone().unwrap_or_else(|| found.ids[0].clone()),
        severity,
        confidence: Confidence::High,
        description: format!(
            "{} ({}) in the {} package `{}`{}.\n\n{}",
            found.ids[0],
            found.ids[1..].join(", "),
            primary.ecosystem,
            primary.package,
            found
                .informational()
                .map(|k| format!(", an informational advisory ({k})"))
                .unwrap_or_default(),
            primary.details.as_deref().unwrap_or("")
        )
        .replace(" ()", ""),
        rationale: "A published advisory says the installed version of this package has this weakness. Code that uses the package can inherit it; attackers read the same advisories.".into(),
        remediation: "Upgrade the package to the fixed version the finding names (update the manifest's requirement if it blocks the upgrade, then regenerate the lockfile). If no fix exists, replace the package or record a reviewed decision in `.ward/ignore.toml`.".into(),
        example: None,
        cwe: Vec::new(),
        owasp: vec!["A06:2021".into()],
        references: primary.references.clone(),
    }
}
