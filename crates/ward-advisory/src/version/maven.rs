//! Maven versions, ordered by the rules of Maven's `ComparableVersion` (written here from its
//! documented behaviour): tokens split on `.`, `-` and digit/letter transitions; a `-` (or a
//! letter run) opens a sub-list; numbers compare numerically; qualifiers order
//! `alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp`, unknown
//! qualifiers after those (as text); `a1`, `b1`, `m1` mean alpha, beta, milestone; trailing
//! zeros and empty qualifiers do not count (`1.0.0` equals `1`).

use std::cmp::Ordering;

use super::{VersionError, cmp_digits};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Int(String),
    Text(String),
    List(Vec<Item>),
}

fn qualifier_rank(q: &str) -> (u8, &str) {
    match q {
        "alpha" => (0, ""),
        "beta" => (1, ""),
        "milestone" => (2, ""),
        "rc" | "cr" => (3, ""),
        "snapshot" => (4, ""),
        "" | "ga" | "final" | "release" => (5, ""),
        "sp" => (6, ""),
        other => (7, other),
    }
}

fn text_item(token: &str, followed_by_digit: bool) -> Item {
    let token = if followed_by_digit && token.len() == 1 {
        match token {
            "a" => "alpha",
            "b" => "beta",
            "m" => "milestone",
            other => other,
        }
    } else {
        token
    };
    Item::Text(token.to_owned())
}

fn is_null(item: &Item) -> bool {
    match item {
        Item::Int(n) => n.trim_start_matches('0').is_empty(),
        Item::Text(t) => qualifier_rank(t).0 == 5,
        Item::List(l) => l.is_empty(),
    }
}

/// Removes null items from the end of a list, looking past non-empty sub-lists (so `1.0-1`
/// becomes `1-1`), inner lists first, as Maven's normalisation does.
fn normalize(list: &mut Vec<Item>) {
    for item in list.iter_mut() {
        if let Item::List(inner) = item {
            normalize(inner);
        }
    }
    let mut i = list.len();
    while i > 0 {
        i -= 1;
        if is_null(&list[i]) {
            list.remove(i);
        } else if !matches!(list[i], Item::List(_)) {
            break;
        }
    }
}

fn parse(text: &str) -> Result<Item, VersionError> {
    let lower = text.trim().to_ascii_lowercase();
    if lower.is_empty() || lower.chars().any(char::is_whitespace) {
        return Err(VersionError::new(text, "Maven", None));
    }
    // Build nested lists: `-` and a digit/letter transition open a sub-list.
    let mut stack: Vec<Vec<Item>> = vec![Vec::new()];
    let chars: Vec<char> = lower.chars().collect();
    let mut start = 0;
    let mut digit = false;
    let push = |stack: &mut Vec<Vec<Item>>, token: &str, digit: bool, next_digit: bool| {
        let item = if token.is_empty() {
            Item::Int("0".into())
        } else if digit {
            Item::Int(token.to_owned())
        } else {
            text_item(token, next_digit)
        };
        stack.last_mut().expect("stack is never empty").push(item);
    };
    for i in 0..=chars.len() {
        let c = chars.get(i).copied();
        match c {
            Some('.') | None => {
                let token: String = chars[start..i].iter().collect();
                push(&mut stack, &token, digit, false);
                start = i + 1;
            }
            Some('-') => {
                let token: String = chars[start..i].iter().collect();
                push(&mut stack, &token, digit, false);
                start = i + 1;
                stack.push(Vec::new());
            }
            Some(ch) => {
                let is_digit = ch.is_ascii_digit();
                if i > start && is_digit != digit {
                    let token: String = chars[start..i].iter().collect();
                    push(&mut stack, &token, digit, is_digit);
                    start = i;
                    stack.push(Vec::new());
                }
                digit = is_digit;
            }
        }
    }
    while stack.len() > 1 {
        let inner = stack.pop().expect("checked length");
        stack
            .last_mut()
            .expect("checked length")
            .push(Item::List(inner));
    }
    let mut root = stack.pop().expect("checked length");
    normalize(&mut root);
    Ok(Item::List(root))
}

fn cmp_item(a: Option<&Item>, b: Option<&Item>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (Some(x), None) => cmp_null(x),
        (None, Some(y)) => cmp_null(y).reverse(),
        (Some(Item::Int(x)), Some(Item::Int(y))) => cmp_digits(x, y),
        (Some(Item::Int(_)), Some(_)) | (Some(Item::List(_)), Some(Item::Text(_))) => {
            Ordering::Greater
        }
        (Some(_), Some(Item::Int(_))) | (Some(Item::Text(_)), Some(Item::List(_))) => {
            Ordering::Less
        }
        (Some(Item::Text(x)), Some(Item::Text(y))) => qualifier_rank(x).cmp(&qualifier_rank(y)),
        (Some(Item::List(x)), Some(Item::List(y))) => {
            for i in 0..x.len().max(y.len()) {
                let order = cmp_item(x.get(i), y.get(i));
                if order != Ordering::Equal {
                    return order;
                }
            }
            Ordering::Equal
        }
    }
}

/// An item compared with nothing (the shorter version has run out).
fn cmp_null(item: &Item) -> Ordering {
    match item {
        Item::Int(n) => cmp_digits(n, "0"),
        Item::Text(t) => qualifier_rank(t).cmp(&qualifier_rank("")),
        Item::List(l) => l.first().map_or(Ordering::Equal, cmp_null),
    }
}

pub fn compare(a: &str, b: &str) -> Result<Ordering, VersionError> {
    let (x, y) = (parse(a)?, parse(b)?);
    Ok(cmp_item(Some(&x), Some(&y)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lt(a: &str, b: &str) {
        assert_eq!(compare(a, b).unwrap(), Ordering::Less, "{a} < {b}");
        assert_eq!(compare(b, a).unwrap(), Ordering::Greater, "{b} > {a}");
    }

    fn eq(a: &str, b: &str) {
        assert_eq!(compare(a, b).unwrap(), Ordering::Equal, "{a} == {b}");
    }

    #[test]
    fn qualifiers_order_as_maven_documents() {
        let chain = [
            "1-alpha",
            "1-beta",
            "1-milestone",
            "1-rc",
            "1-snapshot",
            "1",
            "1-sp",
            "1-abc",
            "1.0.1",
        ];
        for pair in chain.windows(2) {
            lt(pair[0], pair[1]);
        }
    }

    #[test]
    fn maven_equivalences_and_numbers() {
        eq("1", "1.0");
        eq("1.0.0", "1");
        eq("1-ga", "1");
        eq("1-final", "1.0");
        eq("1-cr1", "1-rc1");
        eq("1a1", "1-alpha-1");
        eq("1.0RC1", "1.0-rc-1");
        lt("1.9", "1.10");
        lt("1.0-alpha1", "1.0-alpha2");
        lt("1.0-alpha2", "1.0-beta1");
        lt("2.0-SNAPSHOT", "2.0");
        lt("1.0", "1.0-1");
        lt("1.0-1", "1.0.1");
        lt("2.17.0", "2.17.1");
    }
}
