//! Lines of object keys in a JSON document, so a package entry found through serde can be
//! reported at its line. A small scanner (strings, escapes, nesting); it never fails: on
//! malformed input serde reports the error.

use std::collections::HashMap;

/// Key path (keys joined by `\u{1}`) -> 1-based line of the key.
#[derive(Debug, Default)]
pub struct KeyLines(HashMap<String, u32>);

impl KeyLines {
    pub fn new(text: &str) -> KeyLines {
        let bytes = text.as_bytes();
        let mut map = HashMap::new();
        // Per open container: is it an object, and the key of the current member.
        let mut stack: Vec<(bool, Option<String>)> = Vec::new();
        let mut line = 1u32;
        let mut expect_key = false;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line += 1,
                b'{' => {
                    stack.push((true, None));
                    expect_key = true;
                }
                b'[' => {
                    stack.push((false, None));
                    expect_key = false;
                }
                b'}' | b']' => {
                    stack.pop();
                    expect_key = false;
                }
                b',' => expect_key = stack.last().is_some_and(|(object, _)| *object),
                b'"' => {
                    let start = i + 1;
                    let mut j = start;
                    let mut escaped = false;
                    while j < bytes.len() {
                        match bytes[j] {
                            b'\\' if !escaped => escaped = true,
                            b'"' if !escaped => break,
                            b'\n' => {
                                line += 1;
                                escaped = false;
                            }
                            _ => escaped = false,
                        }
                        j += 1;
                    }
                    if expect_key {
                        let key =
                            String::from_utf8_lossy(&bytes[start..j.min(bytes.len())]).into_owned();
                        if let Some(top) = stack.last_mut() {
                            top.1 = Some(key);
                        }
                        let path: Vec<&str> =
                            stack.iter().filter_map(|(_, key)| key.as_deref()).collect();
                        map.entry(path.join("\u{1}")).or_insert(line);
                        expect_key = false;
                    }
                    i = j;
                }
                _ => {}
            }
            i += 1;
        }
        KeyLines(map)
    }

    /// The line of the key at this path (`["packages", "node_modules/a"]`).
    pub fn line(&self, path: &[&str]) -> Option<u32> {
        self.0.get(&path.join("\u{1}")).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_skips_escaped_quotes() {
        let text = "{\n  \"a\": \"x\\\"y\",\n  \"b\": {\n    \"c\": [1, {\"d\": 2}]\n  }\n}";
        let lines = KeyLines::new(text);
        assert_eq!(lines.line(&["a"]), Some(2));
        assert_eq!(lines.line(&["b", "c"]), Some(4));
        assert_eq!(lines.line(&["b", "c", "d"]), Some(4));
        assert_eq!(lines.line(&["z"]), None);
    }
}
