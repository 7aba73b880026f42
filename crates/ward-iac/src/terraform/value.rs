//! Values of Terraform expressions as far as a scan can know them.
//!
//! A value the scan cannot know (an attribute of another resource, a variable without a
//! default, a function we do not evaluate) is [`Value::Unknown`]; when it came from a reference
//! (`aws_kms_key.main.arn`) the reference is kept, so checks can tell "set to something" from
//! "missing" and follow links between resources.

use std::collections::BTreeMap;

/// A Terraform value, or what is known of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// Tuples, lists and sets.
    List(Vec<Value>),
    /// Objects and maps (Terraform orders map keys; so do we).
    Object(BTreeMap<String, Value>),
    Unknown(Unknown),
}

/// A value the scan cannot know.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Unknown {
    /// The reference it came from, e.g. `aws_s3_bucket.logs.id` or `var.acl`.
    pub reference: Option<String>,
}

impl Unknown {
    /// The resource a reference names (`aws_s3_bucket.logs` of `aws_s3_bucket.logs[0].id`;
    /// `data.aws_iam_policy_document.p` for a data source), without instance keys.
    pub fn resource(&self) -> Option<String> {
        let reference = self.reference.as_deref()?;
        let mut parts = reference
            .split('.')
            .map(|p| p.split('[').next().unwrap_or(p));
        let first = parts.next()?;
        match first {
            "var" | "local" | "module" | "each" | "count" | "path" | "self" | "terraform" => None,
            "data" => Some(format!("data.{}.{}", parts.next()?, parts.next()?)),
            _ => Some(format!("{first}.{}", parts.next()?)),
        }
    }
}

impl Value {
    pub fn unknown() -> Value {
        Value::Unknown(Unknown::default())
    }

    pub fn reference(text: impl Into<String>) -> Value {
        Value::Unknown(Unknown {
            reference: Some(text.into()),
        })
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown(_))
    }

    /// Whether the value holds no unknown part at any depth.
    pub fn is_known(&self) -> bool {
        match self {
            Value::Unknown(_) => false,
            Value::List(items) => items.iter().all(Value::is_known),
            Value::Object(map) => map.values().all(Value::is_known),
            _ => true,
        }
    }

    /// A string, or a number or bool converted as Terraform converts them to strings.
    pub fn as_str(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Value::String(s) => Some(std::borrow::Cow::Borrowed(s)),
            Value::Number(n) => Some(std::borrow::Cow::Owned(format_number(*n))),
            Value::Bool(b) => Some(std::borrow::Cow::Borrowed(if *b {
                "true"
            } else {
                "false"
            })),
            _ => None,
        }
    }

    /// A bool, converting `"true"`/`"false"` as Terraform does.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "true" => Some(true),
            Value::String(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// A number, converting numeric strings as Terraform does.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The key of an object, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// A single value or each item of a list: where Terraform accepts either (`cidr_blocks`
    /// is a list; a string in CloudFormation).
    pub fn items(&self) -> Vec<&Value> {
        match self {
            Value::List(items) => items.iter().collect(),
            other => vec![other],
        }
    }

    /// Truthiness for conditions: `None` when unknown or not a bool.
    pub fn truth(&self) -> Option<bool> {
        self.as_bool()
    }

    /// The value as JSON (unknown parts become `null`), for `jsonencode` and Rego input.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null | Value::Unknown(_) => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => number_json(*n),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::List(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_json).collect())
            }
            Value::Object(map) => serde_json::Value::Object(
                map.iter().map(|(k, v)| (k.clone(), v.to_json())).collect(),
            ),
        }
    }

    /// A value from JSON (`jsondecode`, `.tfvars.json`).
    pub fn from_json(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => n.as_f64().map_or(Value::unknown(), Value::Number),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(items) => {
                Value::List(items.iter().map(Value::from_json).collect())
            }
            serde_json::Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// A short human form for messages: strings as they are, others as JSON.
    pub fn display(&self) -> String {
        match self {
            Value::Unknown(u) => u
                .reference
                .clone()
                .unwrap_or_else(|| "(unknown)".to_owned()),
            other => match other.as_str() {
                Some(s) => s.into_owned(),
                None => other.to_json().to_string(),
            },
        }
    }
}

fn number_json(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

/// A number as Terraform prints it: integers without a fraction.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        let i = n as i64;
        i.to_string()
    } else {
        n.to_string()
    }
}

/// What a check concludes about a value: it fails, it passes, or the scan cannot tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Fail,
    Pass,
    Unknown,
}

impl Verdict {
    /// `Fail` when any item fails; else `Unknown` when any cannot be decided; else `Pass`.
    pub fn any(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
        let mut unknown = false;
        for verdict in verdicts {
            match verdict {
                Verdict::Fail => return Verdict::Fail,
                Verdict::Unknown => unknown = true,
                Verdict::Pass => {}
            }
        }
        if unknown {
            Verdict::Unknown
        } else {
            Verdict::Pass
        }
    }
}
