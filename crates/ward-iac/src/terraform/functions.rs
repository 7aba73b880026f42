//! Terraform's built-in functions that configurations use to build the values checks read
//! (strings, collections, encoding). Any other function, or any unknown argument, gives an
//! unknown value.

use std::collections::BTreeMap;

use super::value::{Value, format_number};

fn string(value: &Value) -> Option<String> {
    value.as_str().map(std::borrow::Cow::into_owned)
}

fn strings(args: &[Value]) -> Option<Vec<String>> {
    args.iter().map(string).collect()
}

/// Calls the function `name` on evaluated arguments.
pub fn call(name: &str, args: &[Value]) -> Value {
    call_known(name, args).unwrap_or_else(Value::unknown)
}

#[allow(clippy::too_many_lines)]
fn call_known(name: &str, args: &[Value]) -> Option<Value> {
    // Functions that accept unknown arguments in some positions.
    match name {
        "coalesce" => {
            for arg in args {
                match arg {
                    Value::Unknown(_) => return None,
                    Value::Null => {}
                    Value::String(s) if s.is_empty() => {}
                    other => return Some(other.clone()),
                }
            }
            return None;
        }
        "lookup" => {
            let map = args.first()?.as_object()?;
            let key = string(args.get(1)?)?;
            return map.get(&key).cloned().or_else(|| args.get(2).cloned());
        }
        "merge" => {
            let mut out = BTreeMap::new();
            for arg in args {
                match arg {
                    Value::Object(map) => out.extend(map.clone()),
                    Value::Null => {}
                    _ => return None,
                }
            }
            return Some(Value::Object(out));
        }
        "concat" => {
            let mut out = Vec::new();
            for arg in args {
                out.extend(arg.as_list()?.iter().cloned());
            }
            return Some(Value::List(out));
        }
        "length" => {
            #[allow(clippy::cast_precision_loss)]
            return match args.first()? {
                Value::List(items) => Some(Value::Number(items.len() as f64)),
                Value::Object(map) => Some(Value::Number(map.len() as f64)),
                Value::String(s) => Some(Value::Number(s.chars().count() as f64)),
                _ => None,
            };
        }
        "tolist" | "toset" => {
            let list = args.first()?.as_list()?;
            if name == "toset" {
                let mut out: Vec<Value> = Vec::new();
                for item in list {
                    if !out.contains(item) {
                        out.push(item.clone());
                    }
                }
                return Some(Value::List(out));
            }
            return Some(Value::List(list.to_vec()));
        }
        "tomap" => return args.first()?.as_object().map(|m| Value::Object(m.clone())),
        "jsonencode" => {
            let value = args.first()?;
            if !value.is_known() {
                return None;
            }
            return Some(Value::String(value.to_json().to_string()));
        }
        _ => {}
    }
    if !args.iter().all(Value::is_known) {
        return None;
    }
    Some(match name {
        "lower" => Value::String(string(args.first()?)?.to_lowercase()),
        "upper" => Value::String(string(args.first()?)?.to_uppercase()),
        "trimspace" => Value::String(string(args.first()?)?.trim().to_owned()),
        "trimprefix" => {
            let s = string(args.first()?)?;
            let p = string(args.get(1)?)?;
            Value::String(s.strip_prefix(p.as_str()).unwrap_or(&s).to_owned())
        }
        "trimsuffix" => {
            let s = string(args.first()?)?;
            let p = string(args.get(1)?)?;
            Value::String(s.strip_suffix(p.as_str()).unwrap_or(&s).to_owned())
        }
        "startswith" => Value::Bool(string(args.first()?)?.starts_with(&string(args.get(1)?)?)),
        "endswith" => Value::Bool(string(args.first()?)?.ends_with(&string(args.get(1)?)?)),
        "join" => {
            let sep = string(args.first()?)?;
            let mut parts = Vec::new();
            for list in &args[1..] {
                parts.extend(strings(list.as_list()?)?);
            }
            Value::String(parts.join(&sep))
        }
        "split" => {
            let sep = string(args.first()?)?;
            let s = string(args.get(1)?)?;
            Value::List(
                s.split(sep.as_str())
                    .map(|p| Value::String(p.to_owned()))
                    .collect(),
            )
        }
        "replace" => {
            let s = string(args.first()?)?;
            let from = string(args.get(1)?)?;
            let to = string(args.get(2)?)?;
            if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
                return None; // a regular expression: not evaluated
            }
            Value::String(s.replace(&from, &to))
        }
        "format" => Value::String(format(&string(args.first()?)?, &args[1..])?),
        "tostring" => match args.first()? {
            Value::Null => Value::Null,
            v => Value::String(string(v)?),
        },
        "tonumber" => Value::Number(args.first()?.as_number()?),
        "tobool" => Value::Bool(args.first()?.as_bool()?),
        "element" => {
            let list = args.first()?.as_list()?;
            let i = args.get(1)?.as_number()?;
            if list.is_empty() || i < 0.0 {
                return None;
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            list[(i as usize) % list.len()].clone()
        }
        "contains" => Value::Bool(args.first()?.as_list()?.contains(args.get(1)?)),
        "keys" => Value::List(
            args.first()?
                .as_object()?
                .keys()
                .map(|k| Value::String(k.clone()))
                .collect(),
        ),
        "values" => Value::List(args.first()?.as_object()?.values().cloned().collect()),
        "compact" => Value::List(
            args.first()?
                .as_list()?
                .iter()
                .filter(|v| !matches!(v, Value::Null) && v.as_str().is_none_or(|s| !s.is_empty()))
                .cloned()
                .collect(),
        ),
        "distinct" => {
            let mut out: Vec<Value> = Vec::new();
            for item in args.first()?.as_list()? {
                if !out.contains(item) {
                    out.push(item.clone());
                }
            }
            Value::List(out)
        }
        "flatten" => {
            fn flat(items: &[Value], out: &mut Vec<Value>) {
                for item in items {
                    match item {
                        Value::List(inner) => flat(inner, out),
                        other => out.push(other.clone()),
                    }
                }
            }
            let mut out = Vec::new();
            flat(args.first()?.as_list()?, &mut out);
            Value::List(out)
        }
        "coalescelist" => args
            .iter()
            .find(|a| a.as_list().is_some_and(|l| !l.is_empty()))
            .cloned()
            .unwrap_or(Value::List(Vec::new())),
        "zipmap" => {
            let keys = strings(args.first()?.as_list()?)?;
            let values = args.get(1)?.as_list()?;
            Value::Object(keys.into_iter().zip(values.iter().cloned()).collect())
        }
        "min" | "max" => {
            let numbers: Vec<f64> = args.iter().map(Value::as_number).collect::<Option<_>>()?;
            let pick = if name == "min" { f64::min } else { f64::max };
            Value::Number(numbers.into_iter().reduce(pick)?)
        }
        "abs" => Value::Number(args.first()?.as_number()?.abs()),
        "jsondecode" => {
            let text = string(args.first()?)?;
            Value::from_json(&serde_json::from_str(&text).ok()?)
        }
        "substr" => {
            let s = string(args.first()?)?;
            let offset = args.get(1)?.as_number()?;
            let length = args.get(2)?.as_number()?;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let taken: String = s
                .chars()
                .skip(offset.max(0.0) as usize)
                .take(if length < 0.0 {
                    usize::MAX
                } else {
                    length as usize
                })
                .collect();
            Value::String(taken)
        }
        _ => return None,
    })
}

/// Terraform's `format` for the verbs configurations use (`%s`, `%d`, `%v`, `%%`).
fn format(spec: &str, args: &[Value]) -> Option<String> {
    let mut out = String::new();
    let mut next = args.iter();
    let mut chars = spec.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' | 'v' | 'q' => {
                let value = next.next()?;
                out.push_str(
                    &value
                        .as_str()
                        .map_or_else(|| value.to_json().to_string(), std::borrow::Cow::into_owned),
                );
            }
            'd' => {
                let n = next.next()?.as_number()?;
                out.push_str(&format_number(n.trunc()));
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.to_owned())
    }

    #[test]
    fn common_functions() {
        assert_eq!(call("lower", &[s("AbC")]), s("abc"));
        assert_eq!(
            call("format", &[s("%s-%d"), s("a"), Value::Number(3.0)]),
            s("a-3")
        );
        assert_eq!(
            call("join", &[s(","), Value::List(vec![s("a"), s("b")])]),
            s("a,b")
        );
        assert_eq!(call("coalesce", &[Value::Null, s(""), s("x")]), s("x"));
        assert!(call("coalesce", &[Value::unknown(), s("x")]).is_unknown());
        assert!(
            call(
                "cidrsubnet",
                &[s("10.0.0.0/16"), Value::Number(8.0), Value::Number(1.0)]
            )
            .is_unknown()
        );
        assert_eq!(
            call(
                "jsonencode",
                &[Value::Object(BTreeMap::from([(
                    "a".to_owned(),
                    Value::Bool(true)
                )]))]
            ),
            s(r#"{"a":true}"#)
        );
    }
}
