//! CODEOWNERS files: which owners a path has. The format is GitHub's (GitLab reads the same
//! lines): one rule per line, a gitignore-style pattern followed by owners (`@user`,
//! `@org/team` or an e-mail address); `#` starts a comment; the *last* rule whose pattern
//! matches a path decides its owners, and a rule without owners leaves the path unowned.
//!
//! Patterns, as GitHub reads them:
//! - `*` and `?` stay within one path segment, `**` spans segments;
//! - a pattern with a `/` anywhere but at its end is anchored at the repository root, one
//!   without matches at any depth (`*.js`, `logs/`);
//! - a pattern ending in `/` matches everything under such a directory, one ending in `/*`
//!   only the files directly in it, and any other pattern matches the path itself or
//!   everything under it when it names a directory;
//! - `!` negation is not supported (the line is reported and skipped), `[`, `]`, `{` and `}`
//!   are ordinary characters (`pages/[id].tsx`), `\#` starts a pattern with `#`.
//!
//! A line that cannot be read is reported with its number and skipped, as GitHub does; the
//! other rules still apply.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// The largest CODEOWNERS file accepted (GitHub's limit is 3 MB).
pub const MAX_BYTES: usize = 3 * 1024 * 1024;

/// One rule: the line it came from, its pattern and its owners (empty: unowned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub line: usize,
    pub pattern: String,
    pub owners: Vec<String>,
}

/// A line that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

/// The rules of one CODEOWNERS file, compiled into one glob set.
#[derive(Debug, Clone)]
pub struct CodeOwners {
    rules: Vec<Rule>,
    /// For each glob in `set`, the rule it belongs to.
    glob_rule: Vec<usize>,
    set: GlobSet,
}

impl CodeOwners {
    /// Reads a CODEOWNERS file; lines that cannot be read are returned with the reason.
    pub fn parse(text: &str) -> (CodeOwners, Vec<LineError>) {
        let mut rules = Vec::new();
        let mut glob_rule = Vec::new();
        let mut builder = GlobSetBuilder::new();
        let mut errors = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            match parse_line(line) {
                Ok(None) => {}
                Ok(Some((pattern, owners))) => match globs_for(&pattern) {
                    Ok(globs) => {
                        for glob in globs {
                            builder.add(glob);
                            glob_rule.push(rules.len());
                        }
                        rules.push(Rule {
                            line: number,
                            pattern,
                            owners,
                        });
                    }
                    Err(message) => errors.push(LineError {
                        line: number,
                        message,
                    }),
                },
                Err(message) => errors.push(LineError {
                    line: number,
                    message,
                }),
            }
        }
        let set = builder.build().unwrap_or_else(|_| GlobSet::empty());
        (
            CodeOwners {
                rules,
                glob_rule,
                set,
            },
            errors,
        )
    }

    /// The rule that decides `path`'s owners (a path relative to the repository root, with
    /// `/` separators): the last one that matches. `None` when no rule matches.
    pub fn rule_for(&self, path: &str) -> Option<&Rule> {
        let path = path.trim_start_matches("./").trim_start_matches('/');
        self.set
            .matches(path)
            .into_iter()
            .map(|glob| self.glob_rule[glob])
            .max()
            .map(|rule| &self.rules[rule])
    }

    /// The owners of `path` (empty when no rule names any).
    pub fn owners_of(&self, path: &str) -> &[String] {
        self.rule_for(path).map_or(&[], |rule| &rule.owners)
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

/// Splits a line into its pattern and owners; `None` for blank lines and comments.
fn parse_line(line: &str) -> Result<Option<(String, Vec<String>)>, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    // The pattern ends at the first whitespace that no backslash escapes.
    let mut pattern = String::new();
    let mut rest = "";
    let mut chars = line.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                pattern.push('\\');
                if let Some((_, next)) = chars.next() {
                    pattern.push(next);
                }
            }
            c if c.is_whitespace() => {
                rest = &line[at..];
                break;
            }
            c => pattern.push(c),
        }
    }
    let mut owners = Vec::new();
    for word in rest.split_whitespace() {
        if word.starts_with('#') {
            break; // a comment after the owners
        }
        if !is_owner(word) {
            return Err(format!(
                "`{word}` is not an owner (expected @user, @org/team or an e-mail address)"
            ));
        }
        owners.push(word.to_owned());
    }
    Ok(Some((pattern, owners)))
}

/// `@user`, `@org/team` or `name@example.com`.
fn is_owner(word: &str) -> bool {
    let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if let Some(handle) = word.strip_prefix('@') {
        let mut parts = handle.split('/');
        let user = parts.next().unwrap_or_default();
        let team = parts.next();
        return !user.is_empty()
            && user.chars().all(name_char)
            && parts.next().is_none()
            && team.is_none_or(|t| !t.is_empty() && t.chars().all(name_char));
    }
    match word.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && word.len() <= 254
                && local
                    .chars()
                    .all(|c| name_char(c) || matches!(c, '+' | '\''))
                && domain.chars().all(name_char)
        }
        None => false,
    }
}

/// The globs (globset syntax, `*` not crossing `/`) one CODEOWNERS pattern stands for.
fn globs_for(pattern: &str) -> Result<Vec<globset::Glob>, String> {
    if pattern.starts_with('!') {
        return Err(format!(
            "`{pattern}`: negation (`!`) is not supported in CODEOWNERS"
        ));
    }
    let directory = pattern.ends_with('/') && !pattern.ends_with("\\/");
    let trimmed = pattern.trim_end_matches('/');
    if trimmed.is_empty() {
        return Err(format!("`{pattern}` names no file"));
    }
    // A slash before the end anchors the pattern at the root.
    let anchored = trimmed.contains('/');
    let body = trimmed.trim_start_matches('/');
    if body.is_empty() {
        return Err(format!("`{pattern}` names no file"));
    }
    // Brackets and braces are ordinary characters in CODEOWNERS, special in globset.
    let mut escaped = String::with_capacity(body.len() + 8);
    for c in body.chars() {
        if matches!(c, '[' | ']' | '{' | '}') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    let base = if anchored || escaped.starts_with("**") {
        escaped
    } else {
        format!("**/{escaped}")
    };
    let texts = if directory {
        vec![format!("{base}/**")]
    } else if body.ends_with("/*") {
        vec![base]
    } else {
        vec![base.clone(), format!("{base}/**")]
    };
    texts
        .iter()
        .map(|text| {
            GlobBuilder::new(text)
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map_err(|e| format!("`{pattern}`: {e}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owners(file: &str, path: &str) -> Vec<String> {
        let (rules, errors) = CodeOwners::parse(file);
        assert!(errors.is_empty(), "{errors:?}");
        rules.owners_of(path).to_vec()
    }

    #[test]
    fn the_last_matching_rule_wins() {
        let file = "\
# Default owners
*                 @acme/everyone
*.js              @acme/frontend   # inline comment
/docs/            docs@example.com
/src/payments/    @acme/payments @alice
/src/payments/README.md
";
        assert_eq!(owners(file, "main.py"), ["@acme/everyone"]);
        assert_eq!(owners(file, "web/app.js"), ["@acme/frontend"]);
        assert_eq!(owners(file, "docs/guide/intro.js"), ["docs@example.com"]);
        assert_eq!(
            owners(file, "src/payments/card.js"),
            ["@acme/payments", "@alice"]
        );
        // A rule without owners: the file is nobody's, even though `*` matched first.
        assert!(owners(file, "src/payments/README.md").is_empty());
        let (rules, _) = CodeOwners::parse(file);
        assert_eq!(rules.rule_for("src/payments/card.js").unwrap().line, 5);
    }

    #[test]
    fn patterns_follow_github_semantics() {
        let cases: &[(&str, &str, bool)] = &[
            // Unanchored directory: anywhere, everything under it.
            ("apps/", "apps/x.js", true),
            ("apps/", "lib/apps/deep/x.js", true),
            ("apps/", "apps", false),
            // Anchored directory.
            ("/build/logs/", "build/logs/a/b.log", true),
            ("/build/logs/", "src/build/logs/b.log", false),
            // `/*`: files directly in the directory only.
            ("docs/*", "docs/getting-started.md", true),
            ("docs/*", "docs/build-app/troubleshooting.md", false),
            // A middle slash anchors.
            ("docs/api", "docs/api/v1.md", true),
            ("docs/api", "src/docs/api/v1.md", false),
            // No slash: any depth, the name itself or a directory of that name.
            ("vendor", "vendor/lib.go", true),
            ("vendor", "third/vendor/lib.go", true),
            ("vendor", "vendored/lib.go", false),
            ("*.go", "cmd/main.go", true),
            ("*.go", "cmd/main.gox", false),
            ("**/logs", "a/b/logs/x", true),
            ("/src/**/test_*.py", "src/a/b/test_x.py", true),
            ("/src/**/test_*.py", "lib/a/test_x.py", false),
            // `*` stays in its segment.
            ("/src/*.rs", "src/lib.rs", true),
            ("/src/*.rs", "src/x/lib.rs", false),
            // Brackets are literal, as in Next.js routes.
            ("pages/[id].tsx", "pages/[id].tsx", true),
            ("pages/[id].tsx", "pages/i.tsx", false),
            // Case matters.
            ("README.md", "readme.md", false),
            // `\#` escapes a leading hash.
            ("\\#notes", "#notes", true),
        ];
        for (pattern, path, expected) in cases {
            let file = format!("{pattern} @owner");
            let (rules, errors) = CodeOwners::parse(&file);
            assert!(errors.is_empty(), "{pattern}: {errors:?}");
            assert_eq!(
                rules.rule_for(path).is_some(),
                *expected,
                "`{pattern}` against `{path}`"
            );
        }
    }

    #[test]
    fn bad_lines_are_reported_with_their_number_and_skipped() {
        let file = "\
* @acme/all
!secret.txt @acme/nobody
/api/ alice
/web/ @acme/web
";
        let (rules, errors) = CodeOwners::parse(file);
        assert_eq!(
            errors,
            [
                LineError {
                    line: 2,
                    message: "`!secret.txt`: negation (`!`) is not supported in CODEOWNERS".into()
                },
                LineError {
                    line: 3,
                    message:
                        "`alice` is not an owner (expected @user, @org/team or an e-mail address)"
                            .into()
                },
            ]
        );
        // The other rules still apply; the skipped one does not.
        assert_eq!(rules.owners_of("api/x.py"), ["@acme/all"]);
        assert_eq!(rules.owners_of("web/x.py"), ["@acme/web"]);
        assert_eq!(rules.rules().len(), 2);
    }

    #[test]
    fn owners_are_users_teams_or_addresses() {
        for good in [
            "@alice",
            "@acme/app-sec",
            "dev.ops@example.com",
            "a+b@ex.co",
        ] {
            assert!(is_owner(good), "{good}");
        }
        for bad in [
            "alice",
            "@",
            "@acme/",
            "@a/b/c",
            "x@localhost",
            "@al ice",
            "@x;y",
        ] {
            assert!(!is_owner(bad), "{bad}");
        }
    }
}
