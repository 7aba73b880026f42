//! Ward's code languages: which language a file is written in, and its tree-sitter parse.
//!
//! This crate owns the table of languages ([`Lang`]): names as rules spell them, file extensions,
//! shebang interpreters, the tree-sitter grammar (each behind a cargo feature of the same name),
//! and the few facts about a grammar's node kinds that a language-independent matcher needs
//! ([`Syntax`]). [`parse`] parses a file once, within a time limit, and lists the places where
//! the grammar had to recover from an error. Engines (SAST; later dependency reachability) share
//! it. It depends only on tree-sitter and its grammars: never on an engine, the pipeline or
//! `ward-core`'s consumers.
//!
//! Adding a language is an entry in [`Lang::ALL`], [`Lang::info`] (names, extensions, shebangs,
//! grammar) and [`Lang::syntax`] (node kinds), plus the grammar crate behind a feature.

use std::fmt;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

pub use tree_sitter;
use tree_sitter::{Language, Node, Parser, Tree};

mod syntax;
pub use syntax::Syntax;

/// A language Ward can parse. Which ones a build can actually parse depends on its features
/// ([`Lang::grammar`] returns `None` for a grammar left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Java,
    Ruby,
    Php,
    CSharp,
    Rust,
}

/// The fixed facts about a language.
#[derive(Debug)]
pub struct LangInfo {
    /// The canonical name (used in rule ids: `python/...`).
    pub name: &'static str,
    /// Other names rules use for it (Semgrep's `languages:` values).
    pub aliases: &'static [&'static str],
    /// File extensions, without the dot.
    pub extensions: &'static [&'static str],
    /// Interpreter names after `#!` (the last path segment, or the argument of `env`).
    pub interpreters: &'static [&'static str],
}

impl Lang {
    pub const ALL: [Lang; 10] = [
        Lang::Python,
        Lang::JavaScript,
        Lang::TypeScript,
        Lang::Tsx,
        Lang::Go,
        Lang::Java,
        Lang::Ruby,
        Lang::Php,
        Lang::CSharp,
        Lang::Rust,
    ];

    pub fn info(self) -> &'static LangInfo {
        match self {
            Lang::Python => &LangInfo {
                name: "python",
                aliases: &["py", "python3", "python2"],
                extensions: &["py", "pyw", "pyi"],
                interpreters: &["python", "python3", "python2"],
            },
            Lang::JavaScript => &LangInfo {
                name: "javascript",
                aliases: &["js", "jsx"],
                extensions: &["js", "jsx", "mjs", "cjs"],
                interpreters: &["node", "nodejs"],
            },
            Lang::TypeScript => &LangInfo {
                name: "typescript",
                aliases: &["ts"],
                extensions: &["ts", "mts", "cts"],
                interpreters: &["ts-node", "deno", "tsx"],
            },
            Lang::Tsx => &LangInfo {
                name: "tsx",
                aliases: &[],
                extensions: &["tsx"],
                interpreters: &[],
            },
            Lang::Go => &LangInfo {
                name: "go",
                aliases: &["golang"],
                extensions: &["go"],
                interpreters: &[],
            },
            Lang::Java => &LangInfo {
                name: "java",
                aliases: &[],
                extensions: &["java"],
                interpreters: &[],
            },
            Lang::Ruby => &LangInfo {
                name: "ruby",
                aliases: &["rb"],
                extensions: &["rb", "rake", "gemspec", "ru"],
                interpreters: &["ruby"],
            },
            Lang::Php => &LangInfo {
                name: "php",
                aliases: &[],
                extensions: &["php", "phtml", "php5", "php7", "php8"],
                interpreters: &["php"],
            },
            Lang::CSharp => &LangInfo {
                name: "csharp",
                aliases: &["c#", "cs"],
                extensions: &["cs"],
                interpreters: &[],
            },
            Lang::Rust => &LangInfo {
                name: "rust",
                aliases: &["rs"],
                extensions: &["rs"],
                interpreters: &[],
            },
        }
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The language a rule's `languages:` entry names (case-insensitive), if Ward knows it.
    pub fn from_name(name: &str) -> Option<Lang> {
        let name = name.trim().to_ascii_lowercase();
        Lang::ALL
            .into_iter()
            .find(|lang| lang.info().name == name || lang.info().aliases.contains(&name.as_str()))
    }

    /// The languages a rule written for `self` also applies to: Semgrep's `typescript` covers
    /// `.tsx` files, and `javascript` rules are parsed with the TypeScript grammars too when a rule
    /// names both.
    pub fn covers(self) -> &'static [Lang] {
        match self {
            Lang::TypeScript => &[Lang::TypeScript, Lang::Tsx],
            Lang::Python => &[Lang::Python],
            Lang::JavaScript => &[Lang::JavaScript],
            Lang::Tsx => &[Lang::Tsx],
            Lang::Go => &[Lang::Go],
            Lang::Java => &[Lang::Java],
            Lang::Ruby => &[Lang::Ruby],
            Lang::Php => &[Lang::Php],
            Lang::CSharp => &[Lang::CSharp],
            Lang::Rust => &[Lang::Rust],
        }
    }

    /// The language of a file, by extension, else by a shebang line (`#!/usr/bin/env python3`).
    pub fn detect(path: &str, bytes: &[u8]) -> Option<Lang> {
        let name = path.rsplit('/').next().unwrap_or(path);
        if let Some((_, ext)) = name.rsplit_once('.') {
            let ext = ext.to_ascii_lowercase();
            if let Some(lang) = Lang::ALL
                .into_iter()
                .find(|lang| lang.info().extensions.contains(&ext.as_str()))
            {
                return Some(lang);
            }
        }
        Lang::from_shebang(bytes)
    }

    /// The language a `#!` first line names.
    pub fn from_shebang(bytes: &[u8]) -> Option<Lang> {
        let rest = bytes.strip_prefix(b"#!")?;
        let line = rest.split(|&b| b == b'\n').next().unwrap_or(rest);
        let line = std::str::from_utf8(line).ok()?;
        let mut words = line.split_whitespace();
        let mut program = words.next()?.rsplit('/').next()?;
        if program == "env" {
            program = words.find(|w| !w.starts_with('-'))?;
        }
        // `python3.12` names python3.
        let program = program.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
        Lang::ALL.into_iter().find(|lang| {
            lang.info()
                .interpreters
                .iter()
                .any(|i| i.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.') == program)
        })
    }

    /// The tree-sitter grammar, when this build includes it.
    pub fn grammar(self) -> Option<Language> {
        match self {
            #[cfg(feature = "python")]
            Lang::Python => Some(tree_sitter_python::LANGUAGE.into()),
            #[cfg(feature = "javascript")]
            Lang::JavaScript => Some(tree_sitter_javascript::LANGUAGE.into()),
            #[cfg(feature = "typescript")]
            Lang::TypeScript => Some(tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()),
            #[cfg(feature = "typescript")]
            Lang::Tsx => Some(tree_sitter_typescript::LANGUAGE_TSX.into()),
            #[cfg(feature = "go")]
            Lang::Go => Some(tree_sitter_go::LANGUAGE.into()),
            #[cfg(feature = "java")]
            Lang::Java => Some(tree_sitter_java::LANGUAGE.into()),
            #[cfg(feature = "ruby")]
            Lang::Ruby => Some(tree_sitter_ruby::LANGUAGE.into()),
            // Files as PHP serves them: text around `<?php ... ?>` tags.
            #[cfg(feature = "php")]
            Lang::Php => Some(tree_sitter_php::LANGUAGE_PHP.into()),
            #[cfg(feature = "csharp")]
            Lang::CSharp => Some(tree_sitter_c_sharp::LANGUAGE.into()),
            #[cfg(feature = "rust")]
            Lang::Rust => Some(tree_sitter_rust::LANGUAGE.into()),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// The node kinds a language-independent matcher needs to know about.
    pub fn syntax(self) -> &'static Syntax {
        syntax::of(self)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A place where the parser met text its grammar does not accept, and recovered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxErrorSite {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in bytes).
    pub column: u32,
    /// Whether the parser inserted a missing token (`true`) or skipped unexpected text.
    pub missing: bool,
}

/// A parsed file: the tree, and where the parser had to recover.
#[derive(Debug)]
pub struct Parsed {
    pub lang: Lang,
    pub tree: Tree,
    /// Error sites in document order (at most [`MAX_ERROR_SITES`]).
    pub errors: Vec<SyntaxErrorSite>,
}

/// At most this many error sites are listed per file.
pub const MAX_ERROR_SITES: usize = 20;

/// Why a file could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("this build of Ward has no {0} grammar")]
    NoGrammar(Lang),
    #[error("the {lang} grammar could not be loaded: {message}")]
    Grammar { lang: Lang, message: String },
    #[error("parsing stopped after {} ms (the per-file time limit)", .0.as_millis())]
    TimedOut(Duration),
    #[error("the parser gave up on this file")]
    Failed,
}

/// Parses `source` as `lang`, giving up after `limit`.
pub fn parse(lang: Lang, source: &[u8], limit: Duration) -> Result<Parsed, ParseError> {
    let grammar = lang.grammar().ok_or(ParseError::NoGrammar(lang))?;
    let mut parser = Parser::new();
    parser
        .set_language(&grammar)
        .map_err(|e| ParseError::Grammar {
            lang,
            message: e.to_string(),
        })?;
    let started = Instant::now();
    let mut timed_out = false;
    let mut progress = |_: &tree_sitter::ParseState| {
        if started.elapsed() > limit {
            timed_out = true;
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
    let len = source.len();
    let tree = parser.parse_with_options(
        &mut |offset: usize, _| {
            if offset < len {
                &source[offset..]
            } else {
                &[][..]
            }
        },
        None,
        Some(options),
    );
    let Some(tree) = tree else {
        return Err(if timed_out {
            ParseError::TimedOut(limit)
        } else {
            ParseError::Failed
        });
    };
    let errors = error_sites(tree.root_node());
    Ok(Parsed { lang, tree, errors })
}

/// The error and missing nodes under `root`, in document order, without descending into an
/// error (its inside is one error).
pub fn error_sites(root: Node<'_>) -> Vec<SyntaxErrorSite> {
    let mut sites = Vec::new();
    if !root.has_error() {
        return sites;
    }
    let mut cursor = root.walk();
    'walk: loop {
        let node = cursor.node();
        let site = if node.is_error() || node.is_missing() {
            let position = node.start_position();
            sites.push(SyntaxErrorSite {
                line: position.row as u32 + 1,
                column: position.column as u32 + 1,
                missing: node.is_missing(),
            });
            true
        } else {
            false
        };
        if sites.len() >= MAX_ERROR_SITES {
            break;
        }
        if !site && node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    sites
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Duration = Duration::from_secs(10);

    #[test]
    fn languages_by_extension_and_shebang() {
        assert_eq!(Lang::detect("a/b/app.py", b""), Some(Lang::Python));
        assert_eq!(Lang::detect("web/x.MJS", b""), Some(Lang::JavaScript));
        assert_eq!(Lang::detect("x.tsx", b""), Some(Lang::Tsx));
        assert_eq!(Lang::detect("x.ts", b""), Some(Lang::TypeScript));
        assert_eq!(Lang::detect("main.go", b""), Some(Lang::Go));
        assert_eq!(Lang::detect("A.java", b""), Some(Lang::Java));
        assert_eq!(Lang::detect("app/models/user.rb", b""), Some(Lang::Ruby));
        assert_eq!(Lang::detect("Rakefile.rake", b""), Some(Lang::Ruby));
        assert_eq!(Lang::detect("index.php", b""), Some(Lang::Php));
        assert_eq!(Lang::detect("Api/Controller.cs", b""), Some(Lang::CSharp));
        assert_eq!(Lang::detect("src/main.rs", b""), Some(Lang::Rust));
        assert_eq!(
            Lang::detect("bin/console", b"#!/usr/bin/env ruby\nputs 1\n"),
            Some(Lang::Ruby)
        );
        assert_eq!(
            Lang::detect("bin/artisan", b"#!/usr/bin/env php\n<?php\n"),
            Some(Lang::Php)
        );
        assert_eq!(
            Lang::detect("bin/tool", b"#!/usr/bin/env python3\nprint(1)\n"),
            Some(Lang::Python)
        );
        assert_eq!(
            Lang::detect("bin/tool", b"#!/usr/bin/python3.12 -u\n"),
            Some(Lang::Python)
        );
        assert_eq!(
            Lang::detect("bin/run", b"#!/usr/bin/env -S node --x\n"),
            Some(Lang::JavaScript)
        );
        assert_eq!(Lang::detect("bin/run", b"#!/bin/sh\n"), None);
        assert_eq!(Lang::detect("README.md", b"# title"), None);
    }

    #[test]
    fn names_and_aliases() {
        assert_eq!(Lang::from_name("Python"), Some(Lang::Python));
        assert_eq!(Lang::from_name("js"), Some(Lang::JavaScript));
        assert_eq!(Lang::from_name("golang"), Some(Lang::Go));
        assert_eq!(Lang::from_name("C#"), Some(Lang::CSharp));
        assert_eq!(Lang::from_name("rust"), Some(Lang::Rust));
        assert_eq!(Lang::from_name("cobol"), None);
    }

    #[test]
    fn every_grammar_of_this_build_parses() {
        let samples = [
            (Lang::Python, "import os\nos.system(x)\n"),
            (
                Lang::JavaScript,
                "const a = require('x'); a.exec(`ls ${b}`);\n",
            ),
            (Lang::TypeScript, "let a: number = f<string>(1);\n"),
            (Lang::Tsx, "const e = <div>{x}</div>;\n"),
            (Lang::Go, "package main\nfunc main() { exec.Command(x) }\n"),
            (Lang::Java, "class A { void f() { r.exec(x); } }\n"),
            (
                Lang::Ruby,
                "system(\"ls #{dir}\")\nUser.where(name: n).first\n",
            ),
            (
                Lang::Php,
                "<?php\n$db->query(\"SELECT * FROM t WHERE id=\" . $_GET['id']);\n",
            ),
            (
                Lang::CSharp,
                "class A { void F(string c) { Process.Start(c); var s = $\"id={c}\"; } }\n",
            ),
            (
                Lang::Rust,
                "fn main() { let p = CString::new(x).unwrap().as_ptr(); unsafe { v.set_len(4) } }\n",
            ),
        ];
        for (lang, source) in samples {
            let parsed = parse(lang, source.as_bytes(), LIMIT).unwrap();
            assert!(parsed.errors.is_empty(), "{lang}: {:?}", parsed.errors);
        }
    }

    #[test]
    fn parse_errors_are_recovered_and_located() {
        let source = b"def ok():\n    return 1\n\nx = (1 +\n\ndef later():\n    eval(y)\n";
        let parsed = parse(Lang::Python, source, LIMIT).unwrap();
        assert!(!parsed.errors.is_empty());
        assert_eq!(parsed.errors[0].line, 4);
        // What follows the error still parsed.
        let text = parsed.tree.root_node().to_sexp();
        assert!(text.contains("call"), "{text}");
    }
}
