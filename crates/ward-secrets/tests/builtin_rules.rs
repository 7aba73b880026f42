//! Every built-in secret rule against its own labelled examples: each example must be reported
//! by its rule (recall), and no counterexample may be reported by any rule (the traps).
//!
//! Examples write their secret as `«REGEX»`; it is generated here from a seed derived from the
//! rule id, so runs are repeatable and no real-looking secret is stored in the repository.

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};

use rand::{RngExt, SeedableRng};
use ward_secrets::{RuleSet, detect, detect_changed};

/// Paths tried, in order, for rules scoped by `path`: the first that matches is used.
const CANDIDATE_PATHS: &[&str] = &[
    ".npmrc",
    ".pypirc",
    ".netrc",
    "_netrc",
    ".git-credentials",
    ".docker/config.json",
    ".aws/credentials",
    "k8s/secret.yaml",
    "deploy/secret.yml",
    "terraform.tfstate",
    "config/settings.json",
    ".env",
    "app/config.py",
    "id_rsa",
    "keys/server.pem",
    "example.txt",
];

fn seed_for(id: &str, index: usize) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (id, index).hash(&mut hasher);
    hasher.finish()
}

/// Expands `«REGEX»` markers with generated strings.
fn expand(example: &str, seed: u64) -> Result<String, String> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut out = String::new();
    let mut rest = example;
    while let Some(start) = rest.find('«') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '«'.len_utf8()..];
        let end = after.find('»').ok_or("unclosed «")?;
        let pattern = &after[..end];
        let generator = rand_regex::Regex::compile(pattern, 64)
            .map_err(|e| format!("cannot generate from «{pattern}»: {e}"))?;
        let value: String = rng.sample(&generator);
        out.push_str(&value);
        rest = &after[end + '»'.len_utf8()..];
    }
    out.push_str(rest);
    Ok(out)
}

fn path_for(rule: &ward_secrets::Rule) -> &'static str {
    match &rule.path {
        None => "example.txt",
        Some(re) => CANDIDATE_PATHS
            .iter()
            .find(|p| re.is_match(p.as_bytes()))
            .copied()
            .unwrap_or("example.txt"),
    }
}

#[test]
fn every_builtin_rule_finds_its_examples_and_no_rule_fires_on_a_trap() {
    let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("built-in rules load: {e}"));
    let mut failures = Vec::new();
    let mut examples = 0;
    let mut traps = 0;
    for rule in &rules.rules {
        if !rule.magic.is_empty() {
            // Key store rules match binary formats, not lines: `key_stores_are_found_by_name_and_format`.
            continue;
        }
        if rule.examples.is_empty() {
            failures.push(format!("{} ({}): no examples", rule.id, rule.origin));
        }
        if rule.counterexamples.is_empty() {
            failures.push(format!("{} ({}): no counterexamples", rule.id, rule.origin));
        }
        if rule.remediation.is_none() || rule.references.is_empty() {
            failures.push(format!(
                "{} ({}): needs remediation and references",
                rule.id, rule.origin
            ));
        }
        if rule.keywords.is_empty() {
            failures.push(format!(
                "{} ({}): needs keywords (the prefilter)",
                rule.id, rule.origin
            ));
        }
        if let Some(regex) = &rule.regex
            && let Err(e) = ward_secrets::rules::check_regex(regex, rule.secret_group)
        {
            failures.push(format!("{} ({}): {e}", rule.id, rule.origin));
            continue;
        }
        let path = path_for(rule);
        for (i, example) in rule.examples.iter().enumerate() {
            examples += 1;
            let text = match expand(example, seed_for(&rule.id, i)) {
                Ok(text) => text,
                Err(e) => {
                    failures.push(format!("{}: example {i}: {e}", rule.id));
                    continue;
                }
            };
            let hits = detect(&rules, path, text.as_bytes(), None);
            if !hits.iter().any(|h| rules.rules[h.rule].id == rule.id) {
                let others: Vec<&str> = hits
                    .iter()
                    .map(|h| rules.rules[h.rule].id.as_str())
                    .collect();
                failures.push(format!(
                    "{} ({}): example {i} not reported (path {path}; other rules: {others:?}):\n    {text}",
                    rule.id, rule.origin
                ));
            }
        }
        for (i, trap) in rule.counterexamples.iter().enumerate() {
            traps += 1;
            let hits = detect(&rules, path, trap.as_bytes(), None);
            for hit in hits {
                failures.push(format!(
                    "{} ({}): counterexample {i} reported by {}:\n    {trap}",
                    rule.id, rule.origin, rules.rules[hit.rule].id
                ));
            }
        }
    }
    println!(
        "{} rules, {examples} examples, {traps} counterexamples, {} failures",
        rules.rules.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Plain code around an example, long enough that a change in the middle is searched alone.
fn filler(lines: usize, tag: &str) -> String {
    (0..lines).fold(String::new(), |mut out, i| {
        let _ = writeln!(
            out,
            "def {tag}_step_{i}(value):\n    return value * {i} + len(\"{tag}\")"
        );
        out
    })
}

/// History scans search only around what a version changed (`detect_changed`). For every
/// built-in example, and every way a version can complete it (the example added whole, or any
/// one of its lines changed, added or removed last: a secret spanning changed and unchanged
/// lines), whatever a search of the whole new version finds that the old version did not have
/// must be found by the search around the change, at the same place.
#[test]
fn searching_only_around_a_change_finds_every_new_secret_of_every_example() {
    let failures = change_scan_failures(|text| vec![text.to_owned()]);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The same with blank lines and lines of punctuation inside the examples (a value several
/// lines below its key: `\s*` crosses any number of line breaks), so that the lines counted
/// around a change are not cut short by them.
#[test]
fn searching_around_a_change_reaches_across_blank_lines() {
    let failures = change_scan_failures(|text| {
        let mut versions = vec![text.replace('\n', "\n\n  \n\t\n--\n\n")];
        // Every gap after a key's `=` or `:` stretched over blank lines.
        for sep in ["= ", ": ", "=", ":"] {
            if text.contains(sep) {
                versions.push(text.replacen(sep, &format!("{}\n\n\n \n\n", sep.trim()), 1));
            }
        }
        versions
    });
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// For each example (as `variants` rewrites it) placed in a file of plain code, each old
/// version (without it, with one of its lines changed or removed, with it elsewhere): what a
/// whole-file search of the new version finds that the old version did not have and the search
/// around the change does not find.
fn change_scan_failures(variants: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("built-in rules load: {e}"));
    let key = |rules: &RuleSet, h: &ward_secrets::Hit| {
        (
            rules.rules[h.rule].id.clone(),
            h.secret.clone(),
            h.secret_range.clone(),
        )
    };
    let (before, after) = (filler(120, "head"), filler(120, "tail"));
    let mut failures = Vec::new();
    let mut pairs = 0;
    for rule in &rules.rules {
        let path = path_for(rule);
        for (i, example) in rule.examples.iter().enumerate() {
            let Ok(expanded) = expand(example, seed_for(&rule.id, i)) else {
                continue;
            };
            for text in variants(&expanded) {
                let lines: Vec<&str> = text.lines().collect();
                let new = format!("{before}{text}\n{after}");
                let whole = detect(&rules, path, new.as_bytes(), None);
                if whole.is_empty() {
                    continue;
                }
                // Old versions: without the example; with one line of it replaced; without one
                // of its lines; with the example moved elsewhere in the file.
                let mut olds = vec![format!("{before}{after}")];
                for j in 0..lines.len() {
                    if lines[j].trim().is_empty() {
                        continue;
                    }
                    let mut replaced = lines.clone();
                    replaced[j] = "x = compute(1)";
                    olds.push(format!("{before}{}\n{after}", replaced.join("\n")));
                    let mut removed = lines.clone();
                    removed.remove(j);
                    olds.push(format!("{before}{}\n{after}", removed.join("\n")));
                }
                olds.push(format!("{text}\n{before}{after}"));
                for old in &olds {
                    pairs += 1;
                    let had = detect(&rules, path, old.as_bytes(), None);
                    let changed =
                        detect_changed(&rules, path, new.as_bytes(), old.as_bytes(), None);
                    let changed: Vec<_> = changed.iter().map(|h| key(&rules, h)).collect();
                    for hit in &whole {
                        let k = key(&rules, hit);
                        let old_had = had
                            .iter()
                            .any(|h| h.rule == hit.rule && h.secret == hit.secret);
                        if !old_had && !changed.contains(&k) {
                            failures.push(format!(
                                "{} example {i}: {} not found around the change from:\n{old}",
                                rule.id, k.0
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(pairs > 0, "no version pairs were checked");
    failures
}

#[test]
fn rule_ids_are_unique() {
    let rules = RuleSet::builtin().unwrap();
    let mut seen = std::collections::HashMap::new();
    for rule in &rules.rules {
        if let Some(previous) = seen.insert(rule.id.clone(), rule.origin.clone()) {
            panic!(
                "rule id {} is defined twice: {previous} and {}",
                rule.id, rule.origin
            );
        }
    }
}

/// Writes the labelled corpus (every generated example as a file under `positives/`, every
/// counterexample under `traps/`) for side-by-side recall measurements with other tools
/// (`bench/secrets.sh`). Runs only when `WARD_WRITE_LABELLED_CORPUS` names a directory.
#[test]
fn write_labelled_corpus_when_asked() {
    let Some(dir) = std::env::var_os("WARD_WRITE_LABELLED_CORPUS") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let rules = RuleSet::builtin().unwrap();
    let mut manifest = String::from("kind\trule\tfile\n");
    for rule in &rules.rules {
        let name = path_for(rule);
        for (i, example) in rule.examples.iter().enumerate() {
            let text = expand(example, seed_for(&rule.id, i)).unwrap();
            let rel = format!("positives/{}-{i}/{name}", rule.id);
            let path = dir.join(&rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("{text}\n")).unwrap();
            let _ = writeln!(manifest, "positive\t{}\t{rel}", rule.id);
        }
        for (i, trap) in rule.counterexamples.iter().enumerate() {
            let rel = format!("traps/{}-{i}/{name}", rule.id);
            let path = dir.join(&rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("{trap}\n")).unwrap();
            let _ = writeln!(manifest, "trap\t{}\t{rel}", rule.id);
        }
    }
    std::fs::write(dir.join("MANIFEST.tsv"), manifest).unwrap();
}

/// A DER-shaped PKCS#12 file (header of a real one, the rest pseudo-random with NUL bytes).
fn fake_pkcs12() -> Vec<u8> {
    let mut bytes = vec![
        0x30, 0x82, 0x04, 0x1A, 0x02, 0x01, 0x03, 0x30, 0x82, 0x03, 0xE0, 0x06, 0x09, 0x2A, 0x86,
        0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01, 0xA0, 0x82, 0x03, 0xD1, 0x04, 0x82, 0x03, 0xCD,
    ];
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    bytes.extend((0..1024).map(|i| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        if i % 97 == 0 { 0 } else { (state >> 24) as u8 }
    }));
    bytes
}

#[test]
fn key_stores_are_found_by_name_and_format() {
    use ward_core::{Engine, FileInput, FileOutput};
    let engine = ward_secrets::SecretsEngine::builtin().unwrap();
    let scan = |path: &str, bytes: &[u8]| {
        let input = FileInput {
            path,
            fs_path: std::path::Path::new(path),
            bytes,
            text: std::str::from_utf8(bytes).ok(),
        };
        let mut out = FileOutput::default();
        engine.scan_file(&input, &mut out);
        out.take().0.into_iter().map(|(f, _)| f).collect::<Vec<_>>()
    };
    let p12 = fake_pkcs12();
    let mut jks = vec![0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0, 0, 0, 1];
    jks.extend_from_slice(&p12[30..]);
    for (path, bytes) in [
        ("certs/server.p12", &p12),
        ("deploy/client.PFX", &p12),
        ("android/release.jks", &jks),
        ("src/main/resources/app.keystore", &jks),
    ] {
        assert!(engine.scans_binary(path), "{path}");
        let findings = scan(path, bytes);
        assert_eq!(findings.len(), 1, "{path}: {findings:?}");
        let finding = &findings[0];
        assert_eq!(finding.rule_id, "secrets/keystore-file");
        assert_eq!(finding.location.path, path);
        // Nothing of the content is shown.
        let shown = serde_json::to_string(finding).unwrap();
        assert!(
            !shown.contains("\\u0000") && !shown.contains('\u{fffd}'),
            "{shown}"
        );
    }
    // Another binary under a key store's name, or a key store under another name: nothing.
    let mut random = p12.clone();
    random[0] = 0x31;
    assert!(scan("certs/server.p12", &random).is_empty());
    assert!(!engine.scans_binary("images/logo.png"));
    assert!(scan("images/logo.png", &p12).is_empty());
    // A PEM file named .p12 is text: its key is reported by the key rule.
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        base64_lines(&p12[30..400])
    );
    let findings = scan("certs/server.p12", pem.as_bytes());
    assert!(
        findings
            .iter()
            .any(|f| f.rule_id == "secrets/private-key-pkcs8"),
        "{findings:?}"
    );
}

fn base64_lines(bytes: &[u8]) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    encoded
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}
