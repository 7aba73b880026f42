//! YAML documents as a small tree with a position on every node, built from `saphyr-parser`
//! events under hard limits.
//!
//! The tree is our own rather than `saphyr`'s loader for two reasons: the limits (nesting
//! depth, and the number of nodes including those that aliases copy, which is what defeats a
//! "billion laughs" document in bounded time and memory), and tags such as the CloudFormation
//! `!Ref` kept on the node that carries them, with that node's own position.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};
use ward_core::Span;

/// Deepest nesting accepted. Real manifests stay far below this; a deeper document is refused
/// instead of risking the stack of whoever walks the tree.
pub const MAX_DEPTH: usize = 128;

/// Most nodes accepted in one file, counting every node an alias copies.
pub const MAX_NODES: usize = 500_000;

/// A YAML node and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    /// A local tag such as `!Ref` or `!Sub` (with its `!`); core-schema tags (`!!str`) are dropped.
    pub tag: Option<String>,
}

/// The value of a node. Scalars keep their text; `plain` says the scalar was unquoted, which
/// decides whether `true` is a boolean or the string "true".
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Scalar { text: String, plain: bool },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A YAML document that could not be read, with the 1-based line of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    pub line: u32,
    pub message: String,
}

impl Node {
    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, value)| value)
    }

    /// The key node and value node of `key` in a mapping.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// Follows a path of mapping keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    /// The text of a scalar (null scalars included, as their text).
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A boolean, as YAML 1.2's core schema reads an unquoted scalar.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Scalar { text, plain: true } => match text.as_str() {
                "true" | "True" | "TRUE" => Some(true),
                "false" | "False" | "FALSE" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// An integer scalar.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Scalar { text, .. } => text.parse().ok(),
            _ => None,
        }
    }

    pub fn is_true(&self) -> bool {
        self.as_bool() == Some(true)
    }

    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub fn as_seq(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn as_map(&self) -> &[(Node, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    /// The node as JSON (for Rego input): scalars typed by the core schema, tags as
    /// `{"!Ref": value}` objects, keys that are not scalars dropped.
    pub fn to_json(&self) -> serde_json::Value {
        let value = match &self.value {
            Value::Scalar { text, plain } => {
                if self.is_null() {
                    serde_json::Value::Null
                } else if let Some(b) = self.as_bool() {
                    serde_json::Value::Bool(b)
                } else if *plain {
                    if let Ok(i) = text.parse::<i64>() {
                        i.into()
                    } else if let Some(f) = text
                        .parse::<f64>()
                        .ok()
                        .filter(|f| f.is_finite())
                        .and_then(serde_json::Number::from_f64)
                    {
                        serde_json::Value::Number(f)
                    } else {
                        serde_json::Value::String(text.clone())
                    }
                } else {
                    serde_json::Value::String(text.clone())
                }
            }
            Value::Seq(items) => items.iter().map(Node::to_json).collect(),
            Value::Map(entries) => entries
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v.to_json())))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        };
        match &self.tag {
            Some(tag) => serde_json::json!({ tag.clone(): value }),
            None => value,
        }
    }
}

/// One document of a YAML stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// 0-based position in the stream.
    pub index: u32,
    pub root: Node,
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: Span,
        anchor: usize,
        tag: Option<String>,
        first_node: usize,
    },
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        start: Span,
        anchor: usize,
        tag: Option<String>,
        first_node: usize,
    },
}

fn span_of(span: saphyr_parser::Span) -> Span {
    Span {
        start_line: span.start.line() as u32,
        start_column: span.start.col() as u32 + 1,
        end_line: span.end.line() as u32,
        end_column: span.end.col() as u32 + 1,
    }
}

fn local_tag(tag: Option<&saphyr_parser::Tag>) -> Option<String> {
    let tag = tag?;
    if tag.is_yaml_core_schema() {
        return None;
    }
    Some(format!("{}{}", tag.handle, tag.suffix))
}

/// Reads a JSON document into the same tree, with a position on every node (JSON is YAML,
/// so the YAML parser and its limits serve both). `serde_json` checks the text first: a
/// malformed document is refused with JSON's own message, line and column
/// ("expected `,` or `}` at line 3 column 5").
pub fn parse_json(text: &str) -> Result<Node, YamlError> {
    if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        return Err(YamlError {
            line: u32::try_from(error.line()).unwrap_or(u32::MAX),
            message: format!("invalid JSON: {error}"),
        });
    }
    // YAML refuses tabs where JSON indents with them; outside strings (a JSON string holds no
    // raw line break) leading tabs are only indentation.
    let text = text
        .split('\n')
        .map(|line| {
            let tabs = line.len() - line.trim_start_matches('\t').len();
            format!("{}{}", " ".repeat(tabs), &line[tabs..])
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut documents = parse(&text)?;
    if documents.len() != 1 {
        return Err(YamlError {
            line: 1,
            message: "invalid JSON: not one document".to_owned(),
        });
    }
    Ok(documents.remove(0).root)
}

/// Parses every document of a YAML stream. An error anywhere fails the whole file: a partly
/// read manifest could hide the setting that matters.
pub fn parse(text: &str) -> Result<Vec<Document>, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut documents = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut nodes = 0usize;
    let mut root: Option<Node> = None;
    let mut last_line;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| YamlError {
            line: e.marker().line() as u32,
            message: e.info().to_owned(),
        })?;
        last_line = span.start.line() as u32;
        let too_many = || YamlError {
            line: last_line,
            message: format!(
                "more than {MAX_NODES} nodes (counting alias copies): refused as a possible YAML bomb"
            ),
        };
        let done: Option<(Node, usize, usize)> = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => None,
            Event::DocumentStart(_) => {
                anchors.clear();
                None
            }
            Event::DocumentEnd => {
                let index = documents.len() as u32;
                if let Some(root) = root.take() {
                    documents.push(Document { index, root });
                }
                None
            }
            Event::Alias(id) => {
                let Some((node, size)) = anchors.get(&id) else {
                    return Err(YamlError {
                        line: last_line,
                        message: "alias to an unknown anchor".into(),
                    });
                };
                nodes += size;
                if nodes > MAX_NODES {
                    return Err(too_many());
                }
                let mut copy = node.clone();
                copy.span = span_of(span);
                Some((copy, 0, 0))
            }
            Event::Scalar(text, style, anchor, tag) => {
                nodes += 1;
                if nodes > MAX_NODES {
                    return Err(too_many());
                }
                Some((
                    Node {
                        value: Value::Scalar {
                            text: text.into_owned(),
                            plain: style == ScalarStyle::Plain,
                        },
                        span: span_of(span),
                        tag: local_tag(tag.as_deref()),
                    },
                    anchor,
                    1,
                ))
            }
            Event::SequenceStart(ref anchor, ref tag)
            | Event::MappingStart(ref anchor, ref tag) => {
                let anchor = *anchor;
                nodes += 1;
                if nodes > MAX_NODES {
                    return Err(too_many());
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(YamlError {
                        line: last_line,
                        message: format!("nesting deeper than {MAX_DEPTH} levels: refused"),
                    });
                }
                let start = span_of(span);
                let tag = local_tag(tag.as_deref());
                let is_seq = matches!(event, Event::SequenceStart(..));
                stack.push(if is_seq {
                    Frame::Seq {
                        items: Vec::new(),
                        start,
                        anchor,
                        tag,
                        first_node: nodes,
                    }
                } else {
                    Frame::Map {
                        entries: Vec::new(),
                        key: None,
                        start,
                        anchor,
                        tag,
                        first_node: nodes,
                    }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let end = span_of(span);
                let frame = stack.pop().ok_or_else(|| YamlError {
                    line: last_line,
                    message: "unbalanced collection".into(),
                })?;
                let (value, start, anchor, tag, first_node) = match frame {
                    Frame::Seq {
                        items,
                        start,
                        anchor,
                        tag,
                        first_node,
                    } => (Value::Seq(items), start, anchor, tag, first_node),
                    Frame::Map {
                        entries,
                        start,
                        anchor,
                        tag,
                        first_node,
                        ..
                    } => (Value::Map(entries), start, anchor, tag, first_node),
                };
                let mut span = start;
                if (end.end_line, end.end_column) > (start.start_line, start.start_column) {
                    span.end_line = end.end_line;
                    span.end_column = end.end_column;
                }
                Some((Node { value, span, tag }, anchor, nodes - first_node + 1))
            }
        };
        let Some((node, anchor, size)) = done else {
            continue;
        };
        if anchor > 0 {
            anchors.insert(anchor, (node.clone(), size));
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
    if let Some(root) = root.take() {
        let index = documents.len() as u32;
        documents.push(Document { index, root });
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn nodes_carry_lines_and_columns() {
        let docs = parse("a: 1\nb:\n  c: [x, 'y']\n---\nd: !Ref e\n").unwrap();
        assert_eq!(docs.len(), 2);
        let c = docs[0].root.path(&["b", "c"]).unwrap();
        assert_eq!(c.as_seq()[1].span.start_line, 3);
        assert_eq!(c.as_seq()[1].span.start_column, 10);
        let d = docs[1].root.get("d").unwrap();
        assert_eq!(d.tag.as_deref(), Some("!Ref"));
        assert_eq!(d.as_str(), Some("e"));
        assert_eq!(docs[1].index, 1);
    }

    #[test]
    fn quoted_true_is_a_string() {
        let docs = parse("a: true\nb: 'true'\n").unwrap();
        assert!(docs[0].root.get("a").unwrap().is_true());
        assert!(!docs[0].root.get("b").unwrap().is_true());
    }

    #[test]
    fn aliases_copy_their_anchor() {
        let docs = parse("a: &x {k: v}\nb: *x\n").unwrap();
        assert_eq!(docs[0].root.path(&["b", "k"]).unwrap().as_str(), Some("v"));
        assert_eq!(docs[0].root.get("b").unwrap().span.start_line, 2);
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let p = i - 1;
            let _ = writeln!(
                text,
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]"
            );
        }
        let error = parse(&text).unwrap_err();
        assert!(error.message.contains("YAML bomb"), "{error}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = parse(&text).unwrap_err();
        assert!(
            error.message.contains("deeper") || error.message.contains("recursion"),
            "{error}"
        );
        let mut block = String::new();
        for i in 0..2000 {
            let _ = writeln!(block, "{}k:", " ".repeat(i));
        }
        assert!(parse(&block).is_err());
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let error = parse("a: 1\nb: [unclosed\nc: 2\n").unwrap_err();
        assert!(error.line >= 2, "{error:?}");
    }
}
