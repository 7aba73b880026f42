//! `mix.lock` (Elixir): `"name": {:hex, :name, "1.2.3", "hash", [:mix], [deps…], "hexpm", …},`
//! one entry per line; `:git` and `:path` entries have no registry version.

use ward_advisory::Ecosystem;

use super::{Package, ParseError};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index as u32 + 1;
        let entry = raw.trim();
        if entry.is_empty() || entry == "%{" || entry == "}" {
            continue;
        }
        let Some((_, tuple)) = entry.split_once(": {") else {
            return Err(ParseError::new(
                Some(line),
                format!("expected `\"name\": {{:hex, …}}`, found `{entry}`"),
            ));
        };
        let fields: Vec<&str> = tuple.splitn(4, ", ").map(str::trim).collect();
        if fields.first() != Some(&":hex") {
            continue;
        }
        let (Some(name), Some(version)) = (fields.get(1), fields.get(2)) else {
            return Err(ParseError::new(
                Some(line),
                "a :hex entry without name and version",
            ));
        };
        let name = name.trim_start_matches(':').trim_matches('"');
        let version = version.trim_matches('"');
        out.push(Package::new(Ecosystem::Hex, name, version, line));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_entries() {
        let text = "%{\n  \"plug\": {:hex, :plug, \"1.3.0\", \"abc\", [:mix], [], \"hexpm\", \"def\"},\n  \"mine\": {:git, \"https://example.invalid/mine.git\", \"abc\", []},\n}\n";
        let p = parse(text).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].name.as_str(), p[0].version.as_deref(), p[0].line),
            ("plug", Some("1.3.0"), 2)
        );
        assert_eq!(p[0].purl(), "pkg:hex/plug@1.3.0");
    }
}
