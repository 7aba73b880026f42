//! `poetry.lock`, `uv.lock` and `pdm.lock`: TOML `[[package]]` entries with `name` and `version`. Poetry
//! 1.x marks development packages with `category = "dev"`; uv records the project itself as a
//! package with a `source = { editable = "." }` or `{ virtual = "." }`, whose dependencies are
//! the direct ones.

use serde::Deserialize;
use ward_advisory::Ecosystem;

use super::{Package, ParseError, paths_from_roots, table_header_lines};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Poetry,
    Uv,
    /// `pdm.lock`: the same `[[package]]` layout; `groups` is not per package.
    Pdm,
}

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    source: Option<toml::Value>,
    #[serde(default)]
    dependencies: Option<toml::Value>,
}

impl Entry {
    fn is_project(&self) -> bool {
        self.source
            .as_ref()
            .is_some_and(|s| s.get("editable").is_some() || s.get("virtual").is_some())
    }

    fn dependency_names(&self) -> Vec<String> {
        match &self.dependencies {
            // uv: [{ name = "x" }, …]
            Some(toml::Value::Array(items)) => items
                .iter()
                .filter_map(|i| i.get("name").and_then(|n| n.as_str()).map(str::to_owned))
                .collect(),
            // poetry: { x = ">=1", … }
            Some(toml::Value::Table(table)) => table.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }
}

pub fn parse(text: &str, flavour: Flavour) -> Result<Vec<Package>, ParseError> {
    let kind = match flavour {
        Flavour::Poetry => "poetry.lock",
        Flavour::Uv => "uv.lock",
        Flavour::Pdm => "pdm.lock",
    };
    let lock: Lock = toml::from_str(text).map_err(|e| ParseError::toml(kind, text, &e))?;
    let lines = table_header_lines(text, "[[package]]");
    let normal = |n: &str| Ecosystem::PyPI.normalize_name(n);
    let names: Vec<String> = lock.package.iter().map(|p| p.name.clone()).collect();
    let by_name: std::collections::HashMap<String, usize> = names
        .iter()
        .enumerate()
        .rev()
        .map(|(i, n)| (normal(n), i))
        .collect();
    let edges: Vec<Vec<usize>> = lock
        .package
        .iter()
        .map(|p| {
            p.dependency_names()
                .iter()
                .filter_map(|d| by_name.get(&normal(d)).copied())
                .collect()
        })
        .collect();
    let roots: Vec<usize> = (0..lock.package.len())
        .filter(|&i| lock.package[i].is_project())
        .collect();
    let paths = paths_from_roots(&names, &roots, &edges);
    let mut out = Vec::new();
    for (i, entry) in lock.package.iter().enumerate() {
        if entry.is_project() {
            continue;
        }
        let Some(version) = &entry.version else {
            continue;
        };
        let mut package = Package::new(
            Ecosystem::PyPI,
            &entry.name,
            version,
            lines.get(i).copied().unwrap_or(1),
        );
        if let Some(category) = &entry.category {
            package.dev = Some(category == "dev");
        }
        if !roots.is_empty() {
            package.direct = Some(roots.iter().any(|&r| edges[r].contains(&i)));
            package.path = paths[i].clone().unwrap_or_default();
        }
        package.depends_on = edges[i]
            .iter()
            .filter(|&&d| !lock.package[d].is_project())
            .filter_map(|&d| {
                let dep = &lock.package[d];
                Some(super::purl(
                    Ecosystem::PyPI,
                    &dep.name,
                    Some(dep.version.as_deref()?),
                ))
            })
            .collect();
        out.push(package);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poetry_categories_and_uv_roots() {
        let poetry = "[[package]]\nname = \"Jinja2\"\nversion = \"2.10\"\ncategory = \"main\"\n\n[[package]]\nname = \"pytest\"\nversion = \"3.0.0\"\ncategory = \"dev\"\n";
        let p = parse(poetry, Flavour::Poetry).unwrap();
        assert_eq!((p[0].line, p[0].dev), (2, Some(false)));
        assert_eq!((p[1].line, p[1].dev), (7, Some(true)));
        let uv = "version = 1\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\ndependencies = [{ name = \"urllib3\" }]\n\n[[package]]\nname = \"urllib3\"\nversion = \"1.26.4\"\nsource = { registry = \"https://pypi.org/simple\" }\n";
        let p = parse(uv, Flavour::Uv).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].line, p[0].direct), (10, Some(true)));
        assert_eq!(p[0].path, vec!["app", "urllib3"]);
    }
}
