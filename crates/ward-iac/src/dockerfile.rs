//! Dockerfiles: a line parser that keeps where each instruction starts.
//!
//! It follows BuildKit's reading of the format: parser directives (`# escape=`), comments,
//! line continuations (comment and blank lines inside them dropped), heredocs (`<<EOF`,
//! `<<-EOF`, quoted delimiters), JSON (exec) and shell forms, leading `--flag`s, and stages
//! (`FROM image AS name`) with `ARG` defaults declared before the first `FROM`. It never
//! fails: a line it cannot make sense of is kept as an instruction with an unknown keyword,
//! and a heredoc without its end is an error naming its line.

use std::collections::HashMap;

use crate::check::{Meta, Resource, Sink};

/// A check over one Dockerfile.
pub trait DockerfileCheck: Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>);
}

/// One instruction, continuation lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Upper-cased keyword (`RUN`, `FROM`).
    pub keyword: String,
    /// Leading flags (`--mount=type=secret,id=x`, `--from=builder`), in order.
    pub flags: Vec<String>,
    /// The arguments after the flags, continuation lines joined with a space.
    pub args: String,
    /// The arguments as a JSON array (exec form), when they are one.
    pub json: Option<Vec<String>>,
    /// Bodies of the heredocs this instruction opened.
    pub heredocs: Vec<String>,
    /// 1-based line of the keyword, and of the last line of the instruction.
    pub line: u32,
    pub end_line: u32,
    /// 1-based column of the keyword.
    pub column: u32,
    /// The stage this instruction belongs to (`None` for `ARG`s before the first `FROM`).
    pub stage: Option<usize>,
}

impl Instruction {
    /// The value of a flag (`--from=builder` -> `builder`).
    pub fn flag(&self, name: &str) -> Option<&str> {
        self.flags.iter().find_map(|f| {
            f.strip_prefix("--")
                .and_then(|f| f.strip_prefix(name))
                .and_then(|rest| rest.strip_prefix('=').or(rest.is_empty().then_some("")))
        })
    }

    /// The arguments as words: the exec form's, or the shell form split on white space.
    pub fn words(&self) -> Vec<String> {
        match &self.json {
            Some(words) => words.clone(),
            None => self.args.split_whitespace().map(str::to_owned).collect(),
        }
    }

    /// The sources of a `COPY` or `ADD`: every word but the last (the destination).
    pub fn sources(&self) -> Vec<String> {
        let mut words = self.words();
        words.pop();
        words
    }

    /// The shell text the instruction runs: the arguments (shell form, or the exec form's
    /// words joined) and every heredoc body.
    pub fn shell_text(&self) -> String {
        let mut text = match &self.json {
            Some(words) => words.join(" "),
            None => self.args.clone(),
        };
        for body in &self.heredocs {
            text.push('\n');
            text.push_str(body);
        }
        text
    }
}

/// A build stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// Index of the `FROM` instruction.
    pub from: usize,
    /// The base image as written (`node:${VERSION}`).
    pub image: String,
    /// The base image with the global `ARG` defaults substituted; `None` when it uses an
    /// argument without a known default.
    pub resolved: Option<String>,
    /// `AS name`, lower-cased as BuildKit compares it.
    pub name: Option<String>,
}

/// A parsed Dockerfile.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dockerfile {
    pub instructions: Vec<Instruction>,
    pub stages: Vec<Stage>,
}

/// A Dockerfile that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DockerfileError {
    pub line: u32,
    pub message: String,
}

impl Dockerfile {
    /// The resource a finding on `instruction` names: its stage.
    pub fn resource(&self, instruction: &Instruction) -> Resource {
        let address = match instruction.stage {
            Some(i) => match &self.stages[i].name {
                Some(name) => format!("stage {name}"),
                None => format!("stage {i}"),
            },
            None => "global ARGs".to_owned(),
        };
        Resource {
            address,
            kind: "stage".to_owned(),
            document: None,
        }
    }

    /// The attribute a finding on instruction `index` names: its keyword and its position
    /// among the stage's instructions of that keyword (`RUN[2]`), stable when unrelated lines
    /// move.
    pub fn attribute(&self, index: usize) -> String {
        let target = &self.instructions[index];
        let nth = self.instructions[..index]
            .iter()
            .filter(|i| i.stage == target.stage && i.keyword == target.keyword)
            .count();
        format!("{}[{nth}]", target.keyword)
    }

    /// Reports `meta` on instruction `index`.
    pub fn report(
        &self,
        sink: &mut Sink<'_>,
        meta: &Meta,
        index: usize,
        message: impl Into<String>,
    ) {
        let instruction = &self.instructions[index];
        let span = ward_core::Span::line(
            instruction.line,
            instruction.column,
            instruction.column + instruction.keyword.len() as u32,
        );
        sink.report(
            meta,
            span,
            &self.resource(instruction),
            &self.attribute(index),
            message,
        );
    }

    /// Reports `meta` on instruction `index`, pointing at `needle` (the offending argument)
    /// where it is written on the instruction's lines, else at the keyword.
    pub fn report_at(
        &self,
        sink: &mut Sink<'_>,
        meta: &Meta,
        index: usize,
        needle: &str,
        message: impl Into<String>,
    ) {
        let instruction = &self.instructions[index];
        let keyword = ward_core::Span::line(
            instruction.line,
            instruction.column,
            instruction.column + instruction.keyword.len() as u32,
        );
        let within = ward_core::Span {
            start_line: instruction.line,
            start_column: instruction.column,
            end_line: instruction.end_line.max(instruction.line),
            end_column: 1,
        };
        let found = if needle.trim().is_empty() {
            within
        } else {
            sink.locate(within, needle)
        };
        let span = if found == within { keyword } else { found };
        sink.report(
            meta,
            span,
            &self.resource(instruction),
            &self.attribute(index),
            message,
        );
    }

    /// Every variable an `ENV` or `ARG` sets or declares: instruction index, keyword, name and
    /// value (`None` for an `ARG` without a default).
    pub fn variables(&self) -> Vec<(usize, &str, String, Option<String>)> {
        self.instructions
            .iter()
            .enumerate()
            .filter(|(_, i)| i.keyword == "ENV" || i.keyword == "ARG")
            .flat_map(|(index, i)| {
                pairs(&i.args, &i.keyword)
                    .into_iter()
                    .map(move |(name, value)| (index, i.keyword.as_str(), name, value))
            })
            .collect()
    }

    /// The instructions with `keyword` (upper case), with their indexes.
    pub fn with_keyword<'a>(
        &'a self,
        keyword: &'a str,
    ) -> impl Iterator<Item = (usize, &'a Instruction)> + 'a {
        self.instructions
            .iter()
            .enumerate()
            .filter(move |(_, i)| i.keyword == keyword)
    }

    /// The instructions of the last stage (the image that ships), with their indexes.
    pub fn final_stage(&self) -> impl Iterator<Item = (usize, &Instruction)> {
        let last = self.stages.len().checked_sub(1);
        self.instructions
            .iter()
            .enumerate()
            .filter(move |(_, i)| i.stage.is_some() && i.stage == last)
    }

    /// Whether `image` names an earlier stage rather than an image.
    pub fn is_stage_name(&self, image: &str, before: usize) -> bool {
        let lower = image.to_ascii_lowercase();
        self.stages[..before]
            .iter()
            .any(|s| s.name.as_deref() == Some(lower.as_str()))
    }
}

fn escape_directive(text: &str) -> char {
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix('#') else {
            break;
        };
        let Some((key, value)) = rest.split_once('=') else {
            break;
        };
        if key.trim().eq_ignore_ascii_case("escape") {
            let value = value.trim();
            if value == "`" {
                return '`';
            }
        }
    }
    '\\'
}

/// Heredoc delimiters opened on a logical line: (delimiter, strip leading tabs).
fn heredoc_markers(line: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(pos) = rest.find("<<") {
        let mut after = &rest[pos + 2..];
        let strip = after.starts_with('-');
        if strip {
            after = &after[1..];
        }
        let quoted = after.starts_with(['"', '\'']);
        let word: String = if quoted {
            let q = after.chars().next().unwrap_or('"');
            after[1..].chars().take_while(|&c| c != q).collect()
        } else {
            after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        };
        if !word.is_empty()
            && word
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        {
            out.push((word, strip));
        }
        rest = &rest[pos + 2..];
    }
    out
}

fn substitute(text: &str, args: &HashMap<String, Option<String>>) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(pos) = rest.find('$') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let (name, default, consumed) = if let Some(inner) = after.strip_prefix('{') {
            let end = inner.find('}')?;
            let body = &inner[..end];
            let (name, default) = match body.split_once(":-") {
                Some((n, d)) => (n, Some(d)),
                None => (body, None),
            };
            (name.to_owned(), default, end + 2)
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let len = name.len();
            (name, None, len)
        };
        match args
            .get(&name)
            .cloned()
            .flatten()
            .or(default.map(str::to_owned))
        {
            Some(value) if !value.is_empty() => out.push_str(&value),
            _ => return None,
        }
        rest = &after[consumed..];
    }
    out.push_str(rest);
    Some(out)
}

/// Parses a Dockerfile.
pub fn parse(text: &str) -> Result<Dockerfile, DockerfileError> {
    let escape = escape_directive(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut file = Dockerfile::default();
    let mut global_args: HashMap<String, Option<String>> = HashMap::new();
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            i += 1;
            continue;
        }
        let start_line = i as u32 + 1;
        let column = (raw.chars().count() - trimmed.chars().count()) as u32 + 1;
        // Join continuation lines.
        let mut logical = String::new();
        let mut current = trimmed;
        loop {
            let body = current.trim_end();
            if let Some(stripped) = body.strip_suffix(escape) {
                logical.push_str(stripped);
                logical.push(' ');
                i += 1;
                // Comment and blank lines inside a continuation are dropped.
                while i < lines.len() {
                    let next = lines[i].trim_start();
                    if next.starts_with('#') || next.trim().is_empty() {
                        i += 1;
                    } else {
                        break;
                    }
                }
                if i >= lines.len() {
                    break;
                }
                current = lines[i];
            } else {
                logical.push_str(body);
                i += 1;
                break;
            }
        }
        let end_line = i as u32;
        let (keyword, rest) = match logical.split_once(char::is_whitespace) {
            Some((k, r)) => (k.to_ascii_uppercase(), r.trim()),
            None => (logical.trim().to_ascii_uppercase(), ""),
        };
        // Heredocs: their bodies follow the instruction's line.
        let mut heredocs = Vec::new();
        if matches!(keyword.as_str(), "RUN" | "COPY" | "ADD") {
            for (delimiter, strip) in heredoc_markers(rest) {
                let opened = i;
                let mut body = String::new();
                loop {
                    let Some(&line) = lines.get(i) else {
                        return Err(DockerfileError {
                            line: opened as u32,
                            message: format!("heredoc <<{delimiter} is never closed"),
                        });
                    };
                    i += 1;
                    let candidate = if strip {
                        line.trim_start_matches('\t')
                    } else {
                        line
                    };
                    if candidate == delimiter {
                        break;
                    }
                    body.push_str(candidate);
                    body.push('\n');
                }
                heredocs.push(body);
            }
        }
        let mut flags = Vec::new();
        let mut args = rest;
        while let Some(stripped) = args.strip_prefix("--") {
            let end = stripped.find(char::is_whitespace).unwrap_or(stripped.len());
            flags.push(format!("--{}", &stripped[..end]));
            args = stripped[end..].trim_start();
        }
        let json = if args.starts_with('[') {
            serde_json::from_str::<Vec<String>>(args).ok()
        } else {
            None
        };
        let index = file.instructions.len();
        let stage = if keyword == "FROM" {
            let mut words = args.split_whitespace();
            let image = words.next().unwrap_or_default().to_owned();
            let name = match (words.next(), words.next()) {
                (Some(as_), Some(name)) if as_.eq_ignore_ascii_case("as") => {
                    Some(name.to_ascii_lowercase())
                }
                _ => None,
            };
            let resolved = substitute(&image, &global_args);
            file.stages.push(Stage {
                from: index,
                image,
                resolved,
                name,
            });
            Some(file.stages.len() - 1)
        } else {
            file.stages.len().checked_sub(1)
        };
        if keyword == "ARG" && stage.is_none() {
            for word in args.split_whitespace() {
                let (name, value) = match word.split_once('=') {
                    Some((n, v)) => (n, Some(v.trim_matches(['"', '\'']).to_owned())),
                    None => (word, None),
                };
                global_args.insert(name.to_owned(), value);
            }
        }
        file.instructions.push(Instruction {
            keyword,
            flags,
            args: args.to_owned(),
            json,
            heredocs,
            line: start_line,
            end_line: end_line.max(start_line),
            column,
            stage,
        });
    }
    Ok(file)
}

/// `KEY=value` pairs of an `ENV`/`ARG` (and the legacy `ENV KEY value` form).
fn pairs(args: &str, keyword: &str) -> Vec<(String, Option<String>)> {
    if keyword == "ENV"
        && !args
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .contains('=')
    {
        return match args.split_once(char::is_whitespace) {
            Some((k, v)) => vec![(k.to_owned(), Some(v.trim().to_owned()))],
            None => vec![(args.to_owned(), None)],
        };
    }
    let mut out = Vec::new();
    let mut rest = args.trim();
    while !rest.is_empty() {
        let end_of_key = rest.find(['=', ' ', '\t']).unwrap_or(rest.len());
        let key = rest[..end_of_key].to_owned();
        rest = &rest[end_of_key..];
        if let Some(after) = rest.strip_prefix('=') {
            let (value, tail) =
                if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                    let inner = &after[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (inner[..end].to_owned(), inner.get(end + 1..).unwrap_or(""))
                } else {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (after[..end].to_owned(), &after[end..])
                };
            out.push((key, Some(value)));
            rest = tail.trim_start();
        } else {
            out.push((key, None));
            rest = rest.trim_start();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_heredocs_and_stages() {
        let text = "# syntax=docker/dockerfile:1\nARG BASE=alpine:3.20\nFROM ${BASE} AS Build\nRUN apk add \\\n    # a comment\n    curl \\\n\n    git\nRUN <<EOF\nset -e\necho hi\nEOF\nCOPY --from=build /out /app\nFROM scratch\nCMD [\"/app\", \"--serve\"]\n";
        let file = parse(text).unwrap();
        let keywords: Vec<&str> = file
            .instructions
            .iter()
            .map(|i| i.keyword.as_str())
            .collect();
        assert_eq!(
            keywords,
            ["ARG", "FROM", "RUN", "RUN", "COPY", "FROM", "CMD"]
        );
        assert_eq!(file.instructions[2].args, "apk add      curl      git");
        assert_eq!(file.instructions[2].line, 4);
        assert_eq!(file.instructions[3].heredocs, ["set -e\necho hi\n"]);
        assert_eq!(file.instructions[4].line, 13);
        assert_eq!(file.instructions[4].flag("from"), Some("build"));
        assert_eq!(file.stages[0].resolved.as_deref(), Some("alpine:3.20"));
        assert_eq!(file.stages[0].name.as_deref(), Some("build"));
        assert_eq!(
            file.instructions[6].json.as_deref(),
            Some(&["/app".to_owned(), "--serve".to_owned()][..])
        );
        assert_eq!(file.instructions[6].stage, Some(1));
    }

    #[test]
    fn unknown_arguments_stay_unknown() {
        let file = parse("ARG BASE\nFROM $BASE\n").unwrap();
        assert_eq!(file.stages[0].resolved, None);
    }

    #[test]
    fn backtick_escape_directive() {
        let file = parse("# escape=`\nFROM windows:ltsc2022\nRUN dir `\n  c:\\\n").unwrap();
        assert_eq!(file.instructions[1].args, "dir    c:\\");
    }

    #[test]
    fn unclosed_heredoc_is_an_error_with_its_line() {
        let error = parse("FROM alpine:3\nRUN <<EOF\necho\n").unwrap_err();
        assert_eq!(error.line, 2);
    }
}
