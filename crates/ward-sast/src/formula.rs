//! Evaluating Semgrep's operators over one file, with Semgrep's semantics:
//! positive terms intersect (a range inside another's), `pattern-inside` keeps ranges inside
//! its matches, `pattern-not` removes equal ranges, `pattern-not-inside` ranges inside its
//! matches; then metavariable conditions filter, and `focus-metavariable` moves the range.

use std::ops::Range;

use ward_lang::Lang;

use crate::matcher::{Binding, Env, FileIndex, Match, lookup};
use crate::pattern::Pattern;
use crate::rule::{Formula, Term};

fn inside(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

impl<'t> FileIndex<'t> {
    /// Whether two environments agree on every metavariable they share.
    fn compatible(&self, a: &Env<'t>, b: &Env<'t>) -> bool {
        a.iter()
            .all(|(name, x)| lookup(b, name).is_none_or(|y| self.same(x, y)))
    }

    fn merged(a: &Env<'t>, b: &Env<'t>) -> Env<'t> {
        let mut env = a.clone();
        for (name, binding) in b {
            if lookup(&env, name).is_none() {
                env.push((name.clone(), binding.clone()));
            }
        }
        env
    }

    /// The text a binding holds.
    pub(crate) fn binding_text(&self, b: &Binding<'t>) -> String {
        match (&b.value, b.node) {
            // A string's content (`"$X"`), or nothing (an empty `$...X`).
            (Some(v), Some(_)) => v.clone(),
            (Some(v), None) if b.range.is_empty() => v.clone(),
            _ => String::from_utf8_lossy(&self.src[b.range.clone()]).into_owned(),
        }
    }

    /// The text `metavariable-regex` reads. As in Semgrep, a Python raw string's line breaks
    /// read as `\n` escapes, so a one-line regex sees all of a multi-line `r"""..."""` (the
    /// usual way to write a verbose regular expression).
    fn regex_text(&self, b: &Binding<'t>) -> String {
        let text = self.binding_text(b);
        if self.lang == Lang::Python
            && let (Some(_), Some(node)) = (&b.value, b.node)
            && node.kind() == "string"
            && self
                .text(node)
                .chars()
                .take_while(|c| *c != '"' && *c != '\'')
                .any(|c| c == 'r' || c == 'R')
        {
            return text.replace('\n', "\\n");
        }
        text
    }

    /// Every match of a formula.
    pub(crate) fn eval(&self, formula: &Formula<Pattern>) -> Vec<Match<'t>> {
        let mut out = match formula {
            Formula::Pattern(p) => self.find(p),
            Formula::Regex(re) => self.regex_matches(re),
            Formula::Either(items) => items.iter().flat_map(|f| self.eval(f)).collect(),
            Formula::All(terms) => self.eval_all(terms),
        };
        // The same range with other bindings is another match: a later condition may keep
        // only one of them.
        out.sort_by_key(|m| (m.range.start, m.range.end));
        out.dedup_by(|a, b| {
            a.range == b.range
                && a.env.len() == b.env.len()
                && a.env
                    .iter()
                    .zip(&b.env)
                    .all(|((n1, x), (n2, y))| n1 == n2 && x.range == y.range && x.value == y.value)
        });
        out
    }

    fn regex_matches(&self, re: &regex::Regex) -> Vec<Match<'t>> {
        let Ok(text) = std::str::from_utf8(self.src) else {
            return Vec::new();
        };
        let names: Vec<&str> = re.capture_names().flatten().collect();
        re.captures_iter(text)
            .filter_map(|caps| {
                let whole = caps.get(0)?;
                let mut env = Env::new();
                for name in &names {
                    if let Some(m) = caps.name(name) {
                        env.push((
                            format!("${name}"),
                            Binding {
                                node: None,
                                range: m.range(),
                                value: Some(m.as_str().to_owned()),
                            },
                        ));
                    }
                }
                Some(Match {
                    range: whole.range(),
                    env,
                })
            })
            .collect()
    }

    fn eval_all(&self, terms: &[Term<Pattern>]) -> Vec<Match<'t>> {
        // Positive terms first, intersected with each other.
        let mut current: Option<Vec<Match<'t>>> = None;
        for term in terms {
            if let Term::Positive(f) = term {
                let next = self.eval(f);
                current = Some(match current {
                    None => next,
                    Some(prev) => self.intersect(&prev, &next),
                });
            }
        }
        for term in terms {
            if let Term::Inside(f) = term {
                let outer = self.eval(f);
                current = Some(match current {
                    None => outer,
                    Some(prev) => prev
                        .into_iter()
                        .filter_map(|m| {
                            outer
                                .iter()
                                .find(|o| {
                                    inside(&m.range, &o.range) && self.compatible(&m.env, &o.env)
                                })
                                .map(|o| Match {
                                    env: Self::merged(&m.env, &o.env),
                                    range: m.range.clone(),
                                })
                        })
                        .collect(),
                });
            }
        }
        let mut current = current.unwrap_or_default();
        // Negative terms.
        for term in terms {
            if current.is_empty() {
                break;
            }
            match term {
                Term::Not(f) => {
                    let not = self.eval(f);
                    current.retain(|m| {
                        !not.iter()
                            .any(|n| n.range == m.range && self.compatible(&m.env, &n.env))
                    });
                }
                Term::NotInside(f) => {
                    let not = self.eval(f);
                    current.retain(|m| {
                        !not.iter()
                            .any(|n| inside(&m.range, &n.range) && self.compatible(&m.env, &n.env))
                    });
                }
                Term::NotRegex(re) => {
                    let not = self.regex_matches(re);
                    current.retain(|m| !not.iter().any(|n| inside(&n.range, &m.range)));
                }
                _ => {}
            }
        }
        // Conditions on metavariables.
        for term in terms {
            if current.is_empty() {
                break;
            }
            match term {
                Term::MetavarRegex { name, regex } => current.retain(|m| {
                    lookup(&m.env, name).is_some_and(|b| regex.is_match(&self.regex_text(b)))
                }),
                Term::MetavarComparison(expr) => current.retain(|m| {
                    expr.holds(&|name| lookup(&m.env, name).map(|b| self.binding_text(b)))
                }),
                Term::MetavarPattern { name, formula } => {
                    let inner = self.eval(formula);
                    current = current
                        .into_iter()
                        .filter_map(|m| {
                            let bound = lookup(&m.env, name)?.range.clone();
                            inner
                                .iter()
                                .find(|i| {
                                    inside(&i.range, &bound) && self.compatible(&m.env, &i.env)
                                })
                                .map(|i| Match {
                                    env: Self::merged(&m.env, &i.env),
                                    range: m.range.clone(),
                                })
                        })
                        .collect();
                }
                _ => {}
            }
        }
        for term in terms {
            if let Term::Focus(names) = term {
                current = current
                    .into_iter()
                    .flat_map(|m| {
                        names
                            .iter()
                            .filter_map(|name| lookup(&m.env, name))
                            .filter(|b| !b.range.is_empty())
                            .map(|b| Match {
                                range: b.range.clone(),
                                env: m.env.clone(),
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
            }
        }
        current
    }

    /// Ranges of either side that lie inside a compatible range of the other.
    fn intersect(&self, xs: &[Match<'t>], ys: &[Match<'t>]) -> Vec<Match<'t>> {
        let mut out = Vec::new();
        for x in xs {
            if let Some(y) = ys
                .iter()
                .find(|y| inside(&x.range, &y.range) && self.compatible(&x.env, &y.env))
            {
                out.push(Match {
                    range: x.range.clone(),
                    env: Self::merged(&x.env, &y.env),
                });
            }
        }
        for y in ys {
            if let Some(x) = xs.iter().find(|x| {
                inside(&y.range, &x.range) && x.range != y.range && self.compatible(&x.env, &y.env)
            }) {
                out.push(Match {
                    range: y.range.clone(),
                    env: Self::merged(&y.env, &x.env),
                });
            }
        }
        out
    }
}

/// One match per range (the first), in document order.
pub(crate) fn dedup(matches: &mut Vec<Match<'_>>) {
    matches.sort_by_key(|m| (m.range.start, m.range.end));
    matches.dedup_by(|a, b| a.range == b.range);
}
