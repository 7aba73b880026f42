//! `Cargo.lock` (versions 1 to 4): `[[package]]` entries with `name`, `version`, `source` and
//! `dependencies` (`"name"`, `"name version"` or `"name version (source)"`). Packages without
//! `source` are the workspace's own; their dependencies are the direct ones.

use serde::Deserialize;
use ward_advisory::Ecosystem;

use super::{Package, ParseError, paths_from_roots, table_header_lines};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    dependencies: Vec<String>,
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let lock: Lock = toml::from_str(text).map_err(|e| ParseError::toml("Cargo.lock", text, &e))?;
    let lines = table_header_lines(text, "[[package]]");
    let names: Vec<String> = lock.package.iter().map(|p| p.name.clone()).collect();
    // name -> indices of its versions: lockfiles of big workspaces have thousands of entries.
    let mut by_name: std::collections::HashMap<&str, Vec<usize>> =
        std::collections::HashMap::with_capacity(lock.package.len());
    for (i, p) in lock.package.iter().enumerate() {
        by_name.entry(p.name.as_str()).or_default().push(i);
    }
    let find = |spec: &str| -> Option<usize> {
        let mut parts = spec.split_whitespace();
        let name = parts.next()?;
        let version = parts.next();
        by_name
            .get(name)?
            .iter()
            .copied()
            .find(|&i| version.is_none_or(|v| v == lock.package[i].version))
    };
    let edges: Vec<Vec<usize>> = lock
        .package
        .iter()
        .map(|p| p.dependencies.iter().filter_map(|d| find(d)).collect())
        .collect();
    let roots: Vec<usize> = (0..lock.package.len())
        .filter(|&i| lock.package[i].source.is_none())
        .collect();
    let paths = paths_from_roots(&names, &roots, &edges);
    let mut direct = vec![false; lock.package.len()];
    for &root in &roots {
        for &dep in &edges[root] {
            direct[dep] = true;
        }
    }
    Ok(lock
        .package
        .iter()
        .enumerate()
        // Workspace members are the project itself, not dependencies.
        .filter(|(_, p)| p.source.is_some())
        .map(|(i, p)| {
            let mut package = Package::new(
                Ecosystem::CratesIo,
                &p.name,
                &p.version,
                lines.get(i).copied().unwrap_or(1),
            );
            package.direct = (!roots.is_empty()).then_some(direct[i]);
            package.path = paths[i].clone().unwrap_or_default();
            package.depends_on = edges[i]
                .iter()
                .filter(|&&d| lock.package[d].source.is_some())
                .map(|&d| {
                    let dep = &lock.package[d];
                    super::purl(Ecosystem::CratesIo, &dep.name, Some(&dep.version))
                })
                .collect();
            package
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_packages_lines_and_the_graph() {
        let text = "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"serde_yaml\",\n]\n\n[[package]]\nname = \"serde_yaml\"\nversion = \"0.8.1\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\ndependencies = [\"yaml-rust\"]\n\n[[package]]\nname = \"yaml-rust\"\nversion = \"0.4.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n";
        let packages = parse(text).unwrap();
        assert_eq!(packages.len(), 2);
        assert_eq!(packages[0].name, "serde_yaml");
        assert_eq!(packages[0].line, 11);
        assert_eq!(packages[0].direct, Some(true));
        assert_eq!(packages[1].direct, Some(false));
        assert_eq!(packages[1].path, vec!["app", "serde_yaml", "yaml-rust"]);
        assert_eq!(packages[1].purl(), "pkg:cargo/yaml-rust@0.4.0");
        assert_eq!(packages[0].depends_on, vec!["pkg:cargo/yaml-rust@0.4.0"]);
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let err = parse("[[package]]\nname = \"a\"\nversion = = 1\n").unwrap_err();
        assert_eq!(err.line, Some(3));
    }
}
