//! Embeds the built-in rules: every file under `rules/<language>/` (YAML rules and their
//! annotated test files), listed in `$OUT_DIR/builtin_rules.rs`.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let rules = Path::new(&manifest).join("../../rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    let mut files = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(&rules) {
        for dir in dirs.flatten() {
            let path = dir.path();
            let name = dir.file_name().to_string_lossy().into_owned();
            // `rules/secrets` belongs to the secrets engine.
            if !path.is_dir() || name == "secrets" {
                continue;
            }
            for file in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                let file_path = file.path();
                let file_name = file.file_name().to_string_lossy().into_owned();
                if file_path.is_file() && !file_name.starts_with('.') && file_name != "README.md" {
                    files.push((format!("{name}/{file_name}"), file_path));
                }
            }
        }
    }
    files.sort();
    let mut out = String::from("pub(crate) static RULE_FILES: &[(&str, &str)] = &[\n");
    for (name, path) in files {
        let path = path.canonicalize().unwrap_or(path);
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_rules.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
