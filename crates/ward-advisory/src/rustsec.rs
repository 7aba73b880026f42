//! RustSec's native advisory format: Markdown with a fenced TOML front matter
//! (`[advisory]`, `[versions]`, `[affected]`), as in `rustsec/advisory-db`'s `crates/`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Advisory, AffectedFunction};

#[derive(Deserialize)]
struct Front {
    advisory: Meta,
    #[serde(default)]
    versions: Versions,
    #[serde(default)]
    affected: Option<AffectedMeta>,
}

#[derive(Deserialize)]
struct Meta {
    id: String,
    package: String,
    #[serde(default)]
    date: Option<toml::Value>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    references: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    cvss: Option<String>,
    #[serde(default)]
    informational: Option<String>,
    #[serde(default)]
    withdrawn: Option<toml::Value>,
}

#[derive(Deserialize, Default)]
struct Versions {
    #[serde(default)]
    patched: Vec<String>,
    #[serde(default)]
    unaffected: Vec<String>,
}

#[derive(Deserialize)]
struct AffectedMeta {
    #[serde(default)]
    functions: BTreeMap<String, Vec<String>>,
}

/// What a RustSec Markdown file holds.
#[derive(Debug)]
pub enum Parsed {
    Advisory(Box<Advisory>),
    Withdrawn,
}

/// Whether text looks like a RustSec advisory (a TOML front matter first).
pub fn looks_like(text: &str) -> bool {
    text.trim_start().starts_with("```toml")
}

/// Parses one RustSec advisory. Errors carry the 1-based line where TOML says it is.
pub fn parse(text: &str) -> Result<Parsed, (Option<usize>, String)> {
    let body = text.trim_start_matches('\u{feff}');
    let Some(rest) = body.trim_start().strip_prefix("```toml") else {
        return Err((Some(1), "no ```toml front matter".into()));
    };
    let Some(end) = rest.find("\n```") else {
        return Err((None, "the ```toml front matter is not closed".into()));
    };
    let toml_text = &rest[..end];
    let markdown = rest[end + 4..].trim_start_matches(['`']).trim();
    let front: Front = toml::from_str(toml_text).map_err(|e| {
        // The TOML text starts on the fence's line, so its line numbers are the file's.
        let line = e
            .span()
            .map(|span| toml_text[..span.start].matches('\n').count() + 1);
        (line, e.message().to_owned())
    })?;
    if front.advisory.withdrawn.is_some() {
        return Ok(Parsed::Withdrawn);
    }
    let (summary, details) = split_markdown(markdown);
    let mut references: Vec<String> = front.advisory.url.into_iter().collect();
    references.extend(front.advisory.references);
    references.push(format!(
        "https://rustsec.org/advisories/{}.html",
        front.advisory.id
    ));
    let Versions {
        patched,
        unaffected,
    } = front.versions;
    let all_versions = patched.is_empty() && unaffected.is_empty();
    let mut unaffected_reqs = patched.clone();
    unaffected_reqs.extend(unaffected);
    Ok(Parsed::Advisory(Box::new(Advisory {
        id: front.advisory.id,
        aliases: front.advisory.aliases,
        summary,
        details,
        published: front
            .advisory
            .date
            .map(|d| d.to_string().trim_matches('"').to_owned()),
        modified: None,
        cvss: front.advisory.cvss.into_iter().collect(),
        database_severity: None,
        informational: front.advisory.informational,
        references,
        ecosystem: "crates.io".into(),
        package: front.advisory.package,
        ranges: Vec::new(),
        versions: Vec::new(),
        unaffected_reqs,
        patched_reqs: patched,
        all_versions,
        functions: front
            .affected
            .map(|a| {
                a.functions
                    .into_iter()
                    .map(|(path, reqs)| AffectedFunction {
                        path,
                        reqs,
                        ranges: Vec::new(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        kev: None,
        epss: None,
    })))
}

/// The title (first `# ` heading) and the text after it, cut to a readable length.
fn split_markdown(markdown: &str) -> (Option<String>, Option<String>) {
    let mut summary = None;
    let mut rest = markdown;
    if let Some(line) = markdown.lines().next()
        && let Some(title) = line.strip_prefix("# ")
    {
        summary = Some(title.trim().to_owned());
        rest = markdown[line.len()..].trim();
    }
    let details = (!rest.is_empty()).then(|| crate::load::cut_details(rest));
    (summary, details)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_title_and_versions() {
        let text = "```toml\n[advisory]\nid = \"RUSTSEC-2099-0001\"\npackage = \"demo\"\ndate = 2099-01-02\naliases = [\"CVE-2099-1\"]\ncvss = \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"\n\n[affected.functions]\n\"demo::f\" = [\"< 1.2.0\"]\n\n[versions]\npatched = [\">= 1.2.0\"]\n```\n\n# Demo is broken\n\nLonger text.\n";
        let Parsed::Advisory(a) = parse(text).unwrap() else {
            panic!("withdrawn")
        };
        assert_eq!(a.id, "RUSTSEC-2099-0001");
        assert_eq!(a.summary.as_deref(), Some("Demo is broken"));
        assert_eq!(a.details.as_deref(), Some("Longer text."));
        assert_eq!(a.published.as_deref(), Some("2099-01-02"));
        assert_eq!(a.patched_reqs, vec![">= 1.2.0"]);
        assert_eq!(a.functions.len(), 1);
        assert_eq!(a.functions[0].path, "demo::f");
        assert_eq!(a.functions[0].reqs, vec!["< 1.2.0"]);
    }

    #[test]
    fn a_toml_error_names_its_line() {
        let text = "```toml\n[advisory]\nid = \"X\"\npackage = = \"demo\"\n```\n";
        let (line, _) = parse(text).unwrap_err();
        assert_eq!(line, Some(4));
    }
}
