//! The workspace's dependency direction (docs/ARCHITECTURE.md): every `ward-*` crate may depend
//! only on crates of a lower floor; the CLI sits above the server (it calls it for `ward serve`)
//! and the server never imports the CLI.

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::Value;

/// Floors from the bottom up. A crate missing here fails the test: place new crates on purpose.
fn floor(name: &str) -> Option<u8> {
    Some(match name {
        "ward-core" => 0,
        "ward-source" | "ward-image" | "ward-report" | "ward-policy" | "ward-lang"
        | "ward-advisory" => 1,
        "ward-secrets" | "ward-sast" | "ward-deps" | "ward-iac" => 2,
        "ward-scan" => 3,
        "ward-server" => 4,
        // The CLI calls the server for `ward serve`; the server never imports the CLI.
        "ward-cli" => 5,
        _ => return None,
    })
}

#[test]
fn dependencies_point_downward_only() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for package in metadata["packages"].as_array().unwrap() {
        let name = package["name"].as_str().unwrap().to_owned();
        let deps = package["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            // Dev-dependencies may reach anywhere (tests use test engines); build deps too.
            .filter(|d| d["kind"].is_null())
            .filter_map(|d| d["name"].as_str())
            .filter(|d| d.starts_with("ward-"))
            .map(str::to_owned)
            .collect();
        edges.insert(name, deps);
    }
    assert!(edges.contains_key("ward-core") && edges.contains_key("ward-cli"));
    let mut problems = Vec::new();
    for (name, deps) in &edges {
        let Some(own) = floor(name) else {
            problems.push(format!(
                "{name} has no floor: add it to `floor` in this test"
            ));
            continue;
        };
        for dep in deps {
            match floor(dep) {
                Some(theirs) if theirs < own => {}
                _ => problems.push(format!("{name} (floor {own}) must not depend on {dep}")),
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
