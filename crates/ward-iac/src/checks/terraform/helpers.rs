//! What Terraform checks share: judging an attribute on every resource of some types
//! (missing, null and unknown handled once), network exposure (CIDRs, port ranges) and IAM
//! policy documents, whether written as JSON, `jsonencode(...)` or an
//! `aws_iam_policy_document` data source.

use ward_core::Span;

use crate::check::Meta;
use crate::terraform::Report;
use crate::terraform::model::{Attr, Body, Module, Resource};
use crate::terraform::value::{Value, Verdict};

/// What an attribute that is not set means for a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMissing {
    /// The provider's default is the insecure setting: report at the resource.
    Fail,
    /// The default is safe.
    Pass,
}

/// Judges the attribute at `path` (dotted through nested blocks) on every managed resource
/// of `types`. `judge` decides on a set value; a null value counts as missing.
#[allow(clippy::too_many_arguments)]
pub fn judge_attr(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    types: &[&str],
    path: &str,
    if_missing: IfMissing,
    judge: impl Fn(&Value) -> Verdict,
    message: impl Fn(&Resource, Option<&Value>) -> String,
) {
    for rtype in types {
        for resource in module.of_type(rtype) {
            judge_one(meta, report, resource, path, if_missing, &judge, &message);
        }
    }
}

/// [`judge_attr`] for one resource.
pub fn judge_one(
    meta: &'static Meta,
    report: &mut Report<'_>,
    resource: &Resource,
    path: &str,
    if_missing: IfMissing,
    judge: &impl Fn(&Value) -> Verdict,
    message: &impl Fn(&Resource, Option<&Value>) -> String,
) {
    match resource.body.attr_at(path) {
        Some(attr) if !matches!(attr.value, Value::Null) => match judge(&attr.value) {
            Verdict::Fail => report.fail(
                meta,
                resource,
                Some(attr),
                path,
                message(resource, Some(&attr.value)),
            ),
            Verdict::Unknown => report.unknown(meta, resource, Some(attr), path),
            Verdict::Pass => {}
        },
        _ => {
            if if_missing == IfMissing::Fail {
                let span = deepest_block(&resource.body, path).unwrap_or(resource.span);
                report.fail_at(meta, resource, span, path, message(resource, None));
            }
        }
    }
}

/// The span of the deepest block of `path` that is written (`metadata_options` of
/// `metadata_options.http_tokens`), where a finding about the missing rest points.
fn deepest_block(body: &Body, path: &str) -> Option<Span> {
    let (head, rest) = path.split_once('.')?;
    let block = body.block(head)?;
    Some(deepest_block(&block.body, rest).unwrap_or(block.span))
}

/// A value that fails when it is the bool `bad`.
pub fn bool_is(bad: bool) -> impl Fn(&Value) -> Verdict {
    move |value| match value.as_bool() {
        Some(b) if b == bad => Verdict::Fail,
        None if value.is_unknown() => Verdict::Unknown,
        _ => Verdict::Pass,
    }
}

/// A string value that fails when it is one of `bad` (ignoring case).
pub fn string_in(bad: &'static [&'static str]) -> impl Fn(&Value) -> Verdict {
    move |value| match value.as_str() {
        Some(s) if bad.iter().any(|b| b.eq_ignore_ascii_case(&s)) => Verdict::Fail,
        None if value.is_unknown() => Verdict::Unknown,
        _ => Verdict::Pass,
    }
}

/// Whether a value says something: not null, not an empty string or list (unknown counts as
/// set, since the scan cannot tell).
pub fn is_set(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::List(items) => !items.is_empty(),
        _ => true,
    }
}

/// Compute Engine resources that describe an instance's configuration.
pub const GCP_INSTANCE_TYPES: &[&str] = &[
    "google_compute_instance",
    "google_compute_instance_template",
];

/// A GCE metadata flag (`enable-oslogin = "TRUE"`): `TRUE`/`true`/`1` or `FALSE`/`false`/`0`.
pub fn metadata_truth(value: &Value) -> Option<bool> {
    let text = value.as_str()?.trim().to_ascii_lowercase();
    match text.as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// Web and function app types of the current provider (settings in `site_config`).
pub const AZURE_APPS: &[&str] = &[
    "azurerm_linux_web_app",
    "azurerm_windows_web_app",
    "azurerm_linux_function_app",
    "azurerm_windows_function_app",
    "azurerm_linux_web_app_slot",
    "azurerm_windows_web_app_slot",
    "azurerm_linux_function_app_slot",
    "azurerm_windows_function_app_slot",
];

/// The app types of provider 2.x, whose `site_config` names some settings differently.
pub const AZURE_LEGACY_APPS: &[&str] = &[
    "azurerm_app_service",
    "azurerm_function_app",
    "azurerm_app_service_slot",
    "azurerm_function_app_slot",
];

/// Judges `site_config.<key>` on every web and function app (`legacy_key` on the 2.x types);
/// a missing setting passes. `what` completes the message after the app's address.
pub fn judge_app_setting(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    (key, legacy_key): (&str, &str),
    judge: impl Fn(&Value) -> Verdict,
    what: &str,
) {
    for (types, key) in [(AZURE_APPS, key), (AZURE_LEGACY_APPS, legacy_key)] {
        judge_attr(
            meta,
            module,
            report,
            types,
            &format!("site_config.{key}"),
            IfMissing::Pass,
            &judge,
            |r, _| format!("{} {what}", r.address),
        );
    }
}

/// Whether a retention period in days is set and shorter than `min` (0 means "forever").
pub fn retention_too_short(value: &Value, min: f64) -> bool {
    value
        .as_number()
        .is_some_and(|days| days > 0.0 && days < min)
}

/// A number value that fails when it is below `min`.
pub fn number_below(min: f64) -> impl Fn(&Value) -> Verdict {
    move |value| match value.as_number() {
        Some(n) if n < min => Verdict::Fail,
        None if value.is_unknown() => Verdict::Unknown,
        _ => Verdict::Pass,
    }
}

/// Whether a source address range means "anyone on the internet".
pub fn is_internet(source: &str) -> bool {
    let s = source.trim();
    matches!(
        s.to_ascii_lowercase().as_str(),
        "0.0.0.0/0" | "::/0" | "0::0/0" | "*" | "0.0.0.0" | "internet" | "any" | "0/0"
    )
}

/// `Fail` when any of the ranges is the internet, `Unknown` when one cannot be known.
pub fn any_internet(values: &[&Value]) -> Verdict {
    Verdict::any(
        values
            .iter()
            .flat_map(|v| v.items())
            .map(|v| match v.as_str() {
                Some(s) if is_internet(&s) => Verdict::Fail,
                None if v.is_unknown() => Verdict::Unknown,
                _ => Verdict::Pass,
            }),
    )
}

/// A port range: both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ports {
    pub from: u32,
    pub to: u32,
}

impl Ports {
    pub const ALL: Ports = Ports { from: 0, to: 65535 };

    /// Whether the range includes `port` (`None`: every port, i.e. the range is all of them).
    pub fn includes(self, port: Option<u16>) -> bool {
        match port {
            Some(port) => self.from <= u32::from(port) && u32::from(port) <= self.to,
            None => self.from <= 1 && self.to >= 65535,
        }
    }

    /// `"22"`, `"20-25"`, `"*"`; `None` when not a port range.
    pub fn parse(text: &str) -> Option<Ports> {
        let text = text.trim();
        if text == "*" {
            return Some(Ports::ALL);
        }
        if let Some((a, b)) = text.split_once('-') {
            return Some(Ports {
                from: a.trim().parse().ok()?,
                to: b.trim().parse().ok()?,
            });
        }
        let port = text.parse().ok()?;
        Some(Ports {
            from: port,
            to: port,
        })
    }

    fn from_numbers(from: &Value, to: &Value) -> Option<Ports> {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let convert = |n: f64| -> u32 { if n < 0.0 { 0 } else { n as u32 } };
        let from = convert(from.as_number()?);
        let to = convert(to.as_number()?);
        // AWS writes "all ports" as 0-0 or -1 with protocol -1.
        if from == 0 && to == 0 {
            return Some(Ports::ALL);
        }
        Some(Ports { from, to })
    }
}

/// One inbound rule, whatever resource it is written in.
#[derive(Debug)]
pub struct Ingress<'a> {
    pub resource: &'a Resource,
    /// Attribute path of the rule's internet-facing source (`ingress[1].cidr_blocks`, `cidr_ipv4`).
    pub path: String,
    /// Where that source is written (the rule's first line when it has none).
    pub span: Span,
    /// `None` when the ports cannot be known.
    pub ports: Option<Ports>,
    /// Whether the protocol is "all" (then every port is open whatever the range says).
    pub all_protocols: Verdict,
    /// Whether the source is the internet.
    pub internet: Verdict,
}

fn aws_protocol_all(body: &Body, key: &str) -> Verdict {
    match body.attr(key) {
        None => Verdict::Pass,
        Some(attr) => match attr.value.as_str() {
            Some(p) => {
                if p == "-1" || p.eq_ignore_ascii_case("all") {
                    Verdict::Fail
                } else {
                    Verdict::Pass
                }
            }
            None if attr.value.is_unknown() => Verdict::Unknown,
            None => Verdict::Pass,
        },
    }
}

fn aws_rule<'a>(
    resource: &'a Resource,
    body: &Body,
    path: &str,
    span: Span,
    v2: bool,
) -> Ingress<'a> {
    let (from_key, to_key, protocol_key) = if v2 {
        ("from_port", "to_port", "ip_protocol")
    } else {
        ("from_port", "to_port", "protocol")
    };
    let cidr_keys: &[&str] = if v2 {
        &["cidr_ipv4", "cidr_ipv6"]
    } else {
        &["cidr_blocks", "ipv6_cidr_blocks"]
    };
    let cidr_attrs: Vec<&Attr> = cidr_keys.iter().filter_map(|k| body.attr(k)).collect();
    let cidrs: Vec<&Value> = cidr_attrs.iter().map(|a| &a.value).collect();
    // Point at the source that is the internet (else the first source, else the rule).
    let source = cidr_attrs
        .iter()
        .find(|a| any_internet(&[&a.value]) == Verdict::Fail)
        .or(cidr_attrs.first());
    let span = source.map_or(span, |a| a.span);
    let attribute = source.map_or(cidr_keys[0], |a| a.name.as_str());
    let path = if path.is_empty() {
        attribute.to_owned()
    } else {
        format!("{path}.{attribute}")
    };
    let all_protocols = aws_protocol_all(body, protocol_key);
    let ports = match (body.attr(from_key), body.attr(to_key)) {
        (Some(from), Some(to)) => Ports::from_numbers(&from.value, &to.value),
        // The v2 rule resource leaves ports out for protocol -1.
        (None, None) => Some(Ports::ALL),
        _ => None,
    };
    Ingress {
        resource,
        path,
        span,
        ports,
        all_protocols,
        internet: any_internet(&cidrs),
    }
}

/// Every inbound rule of AWS security groups in `module`: inline `ingress` blocks,
/// `aws_security_group_rule` of type `ingress`, and `aws_vpc_security_group_ingress_rule`.
pub fn aws_ingress(module: &Module) -> Vec<Ingress<'_>> {
    let mut rules = Vec::new();
    for group in module.of_type("aws_security_group") {
        for (i, block) in group.body.blocks("ingress").enumerate() {
            rules.push(aws_rule(
                group,
                &block.body,
                &format!("ingress[{i}]"),
                block.span,
                false,
            ));
        }
    }
    for rule in module.of_type("aws_security_group_rule") {
        match rule.attr("type").and_then(|t| t.value.as_str()) {
            Some(t) if t == "ingress" => {}
            _ => continue,
        }
        rules.push(aws_rule(rule, &rule.body, "", rule.span, false));
    }
    for rule in module.of_type("aws_vpc_security_group_ingress_rule") {
        rules.push(aws_rule(rule, &rule.body, "", rule.span, true));
    }
    rules
}

/// Reports security group rules open to the internet on `port`, which `service` uses
/// (`"MySQL"` for port 3306: "allows `MySQL` (port 3306) from the internet").
pub fn aws_security_group_open(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    port: u16,
    service: &str,
) {
    let rules = aws_ingress(module);
    let what = format!("{service} (port {port})");
    report_open_ingress(meta, report, &rules, Some(port), &what);
}

/// Reports rules open to the internet on `port` (`None`: on every port).
pub fn report_open_ingress(
    meta: &'static Meta,
    report: &mut Report<'_>,
    rules: &[Ingress<'_>],
    port: Option<u16>,
    what: &str,
) {
    for rule in rules {
        let opens = match (rule.all_protocols, rule.ports) {
            (Verdict::Fail, _) => Verdict::Fail,
            (_, Some(ports)) if ports.includes(port) => Verdict::Fail,
            (Verdict::Unknown, _) | (_, None) => Verdict::Unknown,
            _ => Verdict::Pass,
        };
        let verdict = match (rule.internet, opens) {
            (Verdict::Pass, _) | (_, Verdict::Pass) => Verdict::Pass,
            (Verdict::Fail, Verdict::Fail) => Verdict::Fail,
            _ => Verdict::Unknown,
        };
        let place = Place {
            resource: rule.resource,
            span: rule.span,
            attr: None,
            path: &rule.path,
        };
        report_exposure(meta, report, &place, verdict, what);
    }
}

/// Where an exposure finding points: its resource and span, the attribute an unknown names
/// (none: the resource), and the model path.
struct Place<'a> {
    resource: &'a Resource,
    span: Span,
    attr: Option<&'a Attr>,
    path: &'a str,
}

/// Reports an exposure `verdict`: a finding that the resource "allows {what} from the
/// internet", or an unknown.
fn report_exposure(
    meta: &'static Meta,
    report: &mut Report<'_>,
    place: &Place<'_>,
    verdict: Verdict,
    what: &str,
) {
    match verdict {
        Verdict::Fail => report.fail_at(
            meta,
            place.resource,
            place.span,
            place.path,
            format!(
                "{} allows {what} from the internet.",
                place.resource.address
            ),
        ),
        Verdict::Unknown => report.unknown(meta, place.resource, place.attr, place.path),
        Verdict::Pass => {}
    }
}

/// `attribute` inside the block at `prefix` (none: at the resource's top level).
fn nested_path(prefix: &str, attribute: &str) -> String {
    if prefix.is_empty() {
        attribute.to_owned()
    } else {
        format!("{prefix}.{attribute}")
    }
}

/// One IAM policy statement, in the form every way of writing a policy shares.
#[derive(Debug, Default)]
pub struct Statement {
    pub allow: bool,
    pub actions: Vec<String>,
    pub resources: Vec<String>,
    /// Principals (`"*"` or `AWS: *` written as `*`), for resource policies.
    pub principals: Vec<String>,
    pub has_condition: bool,
    /// Where the statement's actions are written, for a data source's statement blocks.
    pub span: Option<Span>,
}

fn json_strings(value: Option<&serde_json::Value>) -> Vec<String> {
    match value {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn json_principals(value: Option<&serde_json::Value>) -> Vec<String> {
    match value {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Object(map)) => {
            map.values().flat_map(|v| json_strings(Some(v))).collect()
        }
        _ => Vec::new(),
    }
}

/// The statements of a policy document in JSON.
pub fn statements_from_json(text: &str) -> Option<Vec<Statement>> {
    let json: serde_json::Value = serde_json::from_str(text).ok()?;
    let statements = match json.get("Statement")? {
        serde_json::Value::Array(items) => items.clone(),
        single @ serde_json::Value::Object(_) => vec![single.clone()],
        _ => return None,
    };
    Some(
        statements
            .iter()
            .map(|s| Statement {
                allow: s.get("Effect").and_then(|e| e.as_str()) != Some("Deny"),
                actions: json_strings(s.get("Action")),
                resources: json_strings(s.get("Resource")),
                principals: json_principals(s.get("Principal")),
                has_condition: s
                    .get("Condition")
                    .is_some_and(|c| c.as_object().is_some_and(|m| !m.is_empty())),
                span: None,
            })
            .collect(),
    )
}

fn strings_of(value: Option<&Attr>) -> Vec<String> {
    value
        .map(|a| {
            a.value
                .items()
                .into_iter()
                .filter_map(|v| v.as_str().map(std::borrow::Cow::into_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The statements of an `aws_iam_policy_document` data source.
pub fn statements_from_document(document: &Resource) -> Vec<Statement> {
    document
        .body
        .blocks("statement")
        .map(|s| Statement {
            allow: s
                .body
                .attr("effect")
                .and_then(|e| e.value.as_str().map(std::borrow::Cow::into_owned))
                .is_none_or(|e| e != "Deny"),
            actions: strings_of(s.body.attr("actions")),
            resources: strings_of(s.body.attr("resources")),
            principals: s
                .body
                .blocks("principals")
                .flat_map(|p| strings_of(p.body.attr("identifiers")))
                .collect(),
            has_condition: s.body.block("condition").is_some(),
            span: Some(s.body.attr("actions").map_or(s.span, |a| a.span)),
        })
        .collect()
}

/// The statements of a `policy` attribute's value: JSON text (a heredoc or `jsonencode`), or
/// a reference to an `aws_iam_policy_document` in the same module. `None` when unknown.
pub fn policy_statements(module: &Module, value: &Value) -> Option<Vec<Statement>> {
    match value {
        Value::String(text) => statements_from_json(text),
        Value::Unknown(unknown) => {
            let name = unknown.resource()?;
            let document = module.by_local_name(&name)?;
            (document.rtype == "aws_iam_policy_document")
                .then(|| statements_from_document(document))
        }
        _ => None,
    }
}

/// Resource types whose `policy` attribute is an identity policy.
pub const IDENTITY_POLICY_TYPES: &[&str] = &[
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
];

/// Runs `judge` on each statement of every identity policy (resources, and data documents
/// that no resource in the module uses, so an unused document is still judged once).
pub fn each_identity_policy(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    judge: impl Fn(&Statement) -> Option<String>,
) {
    for rtype in IDENTITY_POLICY_TYPES {
        for resource in module.of_type(rtype) {
            let Some(attr) = resource.attr("policy") else {
                continue;
            };
            // A document data source is judged where it is written.
            if let Value::Unknown(u) = &attr.value
                && u.resource()
                    .is_some_and(|r| r.starts_with("data.aws_iam_policy_document."))
            {
                continue;
            }
            match policy_statements(module, &attr.value) {
                Some(statements) => {
                    if let Some(message) = statements.iter().find_map(&judge) {
                        report.fail(
                            meta,
                            resource,
                            Some(attr),
                            "policy",
                            format!("{}: {message}", resource.address),
                        );
                    }
                }
                None => report.unknown(meta, resource, Some(attr), "policy"),
            }
        }
    }
    for document in module.data_of_type("aws_iam_policy_document") {
        for (i, statement) in statements_from_document(document).iter().enumerate() {
            if let Some(message) = judge(statement) {
                report.fail_at(
                    meta,
                    document,
                    statement.span.unwrap_or(document.span),
                    &format!("statement[{i}].actions"),
                    format!("{}: {message}", document.address),
                );
            }
        }
    }
}

fn strings_or_single<'a>(body: &'a Body, single: &str, many: &str) -> Vec<&'a Value> {
    [single, many]
        .iter()
        .filter_map(|k| body.attr(k).map(|a| &a.value))
        .collect()
}

fn port_ranges_match(values: &[&Value], opens: &impl Fn(Ports) -> bool) -> Verdict {
    Verdict::any(
        values
            .iter()
            .flat_map(|v| v.items())
            .map(|v| match v.as_str() {
                Some(text) => match Ports::parse(&text) {
                    Some(range) if opens(range) => Verdict::Fail,
                    Some(_) => Verdict::Pass,
                    None => Verdict::Unknown,
                },
                None if v.is_unknown() => Verdict::Unknown,
                None => Verdict::Pass,
            }),
    )
}

fn equals_ignore_case(body: &Body, key: &str, want: &str) -> Verdict {
    match body.attr(key) {
        None => Verdict::Pass,
        Some(attr) => match attr.value.as_str() {
            Some(s) if s.eq_ignore_ascii_case(want) => Verdict::Fail,
            None if attr.value.is_unknown() => Verdict::Unknown,
            _ => Verdict::Pass,
        },
    }
}

/// Both conditions: `Fail` only when both fail, `Pass` when either passes.
fn both(a: Verdict, b: Verdict) -> Verdict {
    match (a, b) {
        (Verdict::Pass, _) | (_, Verdict::Pass) => Verdict::Pass,
        (Verdict::Fail, Verdict::Fail) => Verdict::Fail,
        _ => Verdict::Unknown,
    }
}

/// Ports of database and cache servers, which should never face the internet (in order: SQL
/// Server, Oracle, `MySQL`, `PostgreSQL`, Redis, Elasticsearch, `MongoDB`, `CouchDB`, Cassandra,
/// Memcached).
pub const DATABASE_PORTS: &[u16] = &[1433, 1521, 3306, 5432, 6379, 9200, 27017, 5984, 9042, 11211];

/// Whether a port range opens a database port without being "every port" (which the
/// all-ports checks report).
pub fn opens_database_port(range: Ports) -> bool {
    !range.includes(None) && DATABASE_PORTS.iter().any(|&p| range.includes(Some(p)))
}

/// Reports Azure network security rules that allow `port` inbound from the internet.
pub fn azure_nsg_open(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    port: u16,
    what: &str,
) {
    azure_nsg_open_where(meta, module, report, |r| r.includes(Some(port)), what);
}

/// Reports Azure network security rules that allow, inbound from the internet, a destination
/// port range for which `opens` holds.
pub fn azure_nsg_open_where(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    opens: impl Fn(Ports) -> bool,
    what: &str,
) {
    let mut rules: Vec<(&Resource, String, Span, &Body)> = Vec::new();
    let source_span = |body: &Body, fallback: Span| {
        body.attr("source_address_prefix")
            .or_else(|| body.attr("source_address_prefixes"))
            .map_or(fallback, |a| a.span)
    };
    for group in module.of_type("azurerm_network_security_group") {
        for (i, rule) in group.body.blocks("security_rule").enumerate() {
            rules.push((
                group,
                format!("security_rule[{i}]"),
                source_span(&rule.body, rule.span),
                &rule.body,
            ));
        }
    }
    for rule in module.of_type("azurerm_network_security_rule") {
        rules.push((
            rule,
            String::new(),
            source_span(&rule.body, rule.span),
            &rule.body,
        ));
    }
    for (resource, path, span, body) in rules {
        let inbound = equals_ignore_case(body, "direction", "Inbound");
        let allow = equals_ignore_case(body, "access", "Allow");
        let sources = strings_or_single(body, "source_address_prefix", "source_address_prefixes");
        let ports = strings_or_single(body, "destination_port_range", "destination_port_ranges");
        let verdict = both(
            both(inbound, allow),
            both(any_internet(&sources), port_ranges_match(&ports, &opens)),
        );
        let source = if body.attr("source_address_prefix").is_some() {
            "source_address_prefix"
        } else {
            "source_address_prefixes"
        };
        let place = Place {
            resource,
            span,
            attr: None,
            path: &nested_path(&path, source),
        };
        report_exposure(meta, report, &place, verdict, what);
    }
}

/// Reports enabled GCP ingress firewall rules that allow `port` from the internet.
pub fn gcp_firewall_open(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    port: u16,
    what: &str,
) {
    gcp_firewall_open_where(meta, module, report, |r| r.includes(Some(port)), what);
}

/// Reports enabled GCP ingress firewall rules that allow from the internet a TCP port range
/// (or every protocol) for which `opens` holds; a rule without `ports` opens every port.
pub fn gcp_firewall_open_where(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    opens: impl Fn(Ports) -> bool,
    what: &str,
) {
    for firewall in module.of_type("google_compute_firewall") {
        if firewall
            .attr("disabled")
            .is_some_and(|d| d.value.as_bool() == Some(true))
        {
            continue;
        }
        let ingress = match firewall.attr("direction") {
            None => Verdict::Fail,
            Some(_) => equals_ignore_case(&firewall.body, "direction", "INGRESS"),
        };
        let sources = firewall.attr("source_ranges");
        let internet = match sources {
            None => Verdict::Pass,
            Some(s) => any_internet(&[&s.value]),
        };
        let opens = Verdict::any(firewall.body.blocks("allow").map(|allow| {
            let protocol = allow.body.attr("protocol").map(|p| &p.value);
            let protocol = match protocol.and_then(Value::as_str) {
                Some(p) if p.eq_ignore_ascii_case("all") => {
                    return if opens(Ports::ALL) {
                        Verdict::Fail
                    } else {
                        Verdict::Pass
                    };
                }
                Some(p) if p.eq_ignore_ascii_case("tcp") || p == "6" => Verdict::Fail,
                None if protocol.is_some_and(Value::is_unknown) => Verdict::Unknown,
                _ => Verdict::Pass,
            };
            let ports = match allow.body.attr("ports") {
                None if opens(Ports::ALL) => Verdict::Fail,
                None => Verdict::Pass,
                Some(p) => port_ranges_match(&[&p.value], &opens),
            };
            both(protocol, ports)
        }));
        let place = Place {
            resource: firewall,
            span: sources.map_or(firewall.span, |a| a.span),
            attr: sources,
            path: "source_ranges",
        };
        report_exposure(
            meta,
            report,
            &place,
            both(both(ingress, internet), opens),
            what,
        );
    }
}

/// Whether IAM members include `allUsers` or `allAuthenticatedUsers` (anyone, or anyone with a
/// Google account); `Unknown` when a member cannot be known.
pub fn gcp_public_member(value: &Value) -> Verdict {
    Verdict::any(value.items().into_iter().map(|v| match v.as_str() {
        Some(m) if m.contains("allUsers") || m.contains("allAuthenticatedUsers") => Verdict::Fail,
        None if v.is_unknown() => Verdict::Unknown,
        _ => Verdict::Pass,
    }))
}

/// Reports resources of each `(type, attribute)` whose members attribute grants to the public.
pub fn gcp_public_grants(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    grants: &[(&str, &str)],
    what: &str,
) {
    for (rtype, attr) in grants {
        judge_attr(
            meta,
            module,
            report,
            &[rtype],
            attr,
            IfMissing::Pass,
            gcp_public_member,
            |r, _| format!("{} makes {what} public.", r.address),
        );
    }
}

/// [`gcp_public_grants`] over the IAM member and binding resources of each of `targets`
/// (`google_pubsub_topic`: `google_pubsub_topic_iam_member` and `_iam_binding`).
pub fn gcp_public_iam(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    targets: &[&str],
    what: &str,
) {
    let types: Vec<(String, &str)> = targets
        .iter()
        .flat_map(|t| {
            [
                (format!("{t}_iam_member"), "member"),
                (format!("{t}_iam_binding"), "members"),
            ]
        })
        .collect();
    let grants: Vec<(&str, &str)> = types.iter().map(|(t, a)| (t.as_str(), *a)).collect();
    gcp_public_grants(meta, module, report, &grants, what);
}

/// Reports project-level IAM grants (`google_project_iam_member`/`_binding`) of one of
/// `roles`, whoever the members are.
pub fn gcp_project_role_grants(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    roles: &[&str],
    what: &str,
) {
    for rtype in ["google_project_iam_member", "google_project_iam_binding"] {
        for resource in module.of_type(rtype) {
            let Some(role) = resource.attr("role") else {
                continue;
            };
            match role.value.as_str() {
                Some(r) if roles.iter().any(|x| x.eq_ignore_ascii_case(&r)) => report.fail(
                    meta,
                    resource,
                    Some(role),
                    "role",
                    format!(
                        "{} grants {r} {what} on the whole project.",
                        resource.address
                    ),
                ),
                None if role.value.is_unknown() => {
                    report.unknown(meta, resource, Some(role), "role");
                }
                _ => {}
            }
        }
    }
}

/// A value that never fails: the attribute only has to be set (a missing one fails through
/// [`IfMissing::Fail`]).
pub fn any_value() -> impl Fn(&Value) -> Verdict {
    |value| {
        if value.is_unknown() {
            Verdict::Pass
        } else {
            match value.as_str() {
                Some(s) if s.trim().is_empty() => Verdict::Fail,
                _ => Verdict::Pass,
            }
        }
    }
}

/// A string value that fails unless it is one of `good` (ignoring case).
pub fn string_not_in(good: &'static [&'static str]) -> impl Fn(&Value) -> Verdict {
    move |value| match value.as_str() {
        Some(s) if good.iter().any(|g| g.eq_ignore_ascii_case(&s)) => Verdict::Pass,
        Some(_) => Verdict::Fail,
        None if value.is_unknown() => Verdict::Unknown,
        None => Verdict::Pass,
    }
}

/// A list value that fails unless it holds `item` (ignoring case); an empty list fails.
pub fn list_lacks(item: &'static str) -> impl Fn(&Value) -> Verdict {
    move |value| {
        if value.is_unknown() {
            return Verdict::Unknown;
        }
        let items = value.items();
        if items
            .iter()
            .any(|v| v.as_str().is_some_and(|s| s.eq_ignore_ascii_case(item)))
        {
            Verdict::Pass
        } else if items.iter().any(|v| v.is_unknown()) {
            Verdict::Unknown
        } else {
            Verdict::Fail
        }
    }
}

/// Whether a statement lets anyone in: `Allow`, principal `*`, and no condition.
pub fn is_public_statement(statement: &Statement) -> bool {
    statement.allow && !statement.has_condition && statement.principals.iter().any(|p| p == "*")
}

/// Reports resources of `types` whose resource policy in attribute `attr` has a statement
/// that [`is_public_statement`]; `what` names the resource in the message.
pub fn report_public_policy(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    types: &[&str],
    attr: &str,
    what: &str,
) {
    for rtype in types {
        for resource in module.of_type(rtype) {
            let Some(policy) = resource.attr(attr) else {
                continue;
            };
            match policy_statements(module, &policy.value) {
                Some(statements) => {
                    if statements.iter().any(is_public_statement) {
                        report.fail(
                            meta,
                            resource,
                            Some(policy),
                            attr,
                            format!(
                                "{}: {what} allows any principal, with no condition.",
                                resource.address
                            ),
                        );
                    }
                }
                None => report.unknown(meta, resource, Some(policy), attr),
            }
        }
    }
}

/// Reports every resource of `rtype` that no resource of `by_type` points at through
/// `by_attr` (by reference, or by the literal value of `name_attr`).
#[allow(clippy::too_many_arguments)]
pub fn report_unlinked(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    rtype: &str,
    by_types: &[&str],
    by_attr: &str,
    name_attr: Option<&str>,
    message: impl Fn(&Resource) -> String,
) {
    for resource in module.of_type(rtype) {
        let linked = by_types.iter().any(|t| {
            module
                .linked(t, by_attr, resource, name_attr)
                .next()
                .is_some()
        });
        // A link written with a variable or a module output cannot be followed: stay silent.
        let opaque = by_types.iter().any(|t| {
            module.of_type(t).any(|r| {
                r.attr(by_attr).is_some_and(|a| match &a.value {
                    Value::Unknown(u) => u.resource().is_none(),
                    _ => false,
                })
            })
        });
        if !linked && !opaque {
            report.fail(meta, resource, None, "", message(resource));
        }
    }
}

/// The containers of a `container_definitions` value (JSON text), or `None` when unknown.
pub fn containers(value: &Value) -> Option<Vec<serde_json::Value>> {
    let text = value.as_str()?;
    match serde_json::from_str::<serde_json::Value>(&text).ok()? {
        serde_json::Value::Array(items) => Some(items),
        _ => None,
    }
}

/// Reports network ACL rules (`aws_network_acl_rule`, and `ingress` blocks of
/// `aws_network_acl` / `aws_default_network_acl`) that allow `port` inbound from the internet.
pub fn report_open_nacl(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    port: u16,
    what: &str,
) {
    let mut rules: Vec<(&Resource, String, Span, &Body, &str)> = Vec::new();
    for rtype in ["aws_network_acl", "aws_default_network_acl"] {
        for acl in module.of_type(rtype) {
            for (i, block) in acl.body.blocks("ingress").enumerate() {
                rules.push((
                    acl,
                    format!("ingress[{i}]"),
                    block.span,
                    &block.body,
                    "action",
                ));
            }
        }
    }
    for rule in module.of_type("aws_network_acl_rule") {
        if rule
            .attr("egress")
            .is_some_and(|e| e.value.as_bool() != Some(false))
        {
            continue;
        }
        rules.push((rule, String::new(), rule.span, &rule.body, "rule_action"));
    }
    for (resource, prefix, span, body, action_key) in rules {
        let allow = match body.attr(action_key) {
            None => Verdict::Unknown,
            Some(a) => match a.value.as_str() {
                Some(s) if s.eq_ignore_ascii_case("allow") => Verdict::Fail,
                None if a.value.is_unknown() => Verdict::Unknown,
                _ => Verdict::Pass,
            },
        };
        let sources: Vec<&Attr> = ["cidr_block", "ipv6_cidr_block"]
            .iter()
            .filter_map(|k| body.attr(k))
            .collect();
        let internet = any_internet(&sources.iter().map(|a| &a.value).collect::<Vec<_>>());
        let all = aws_protocol_all(body, "protocol");
        // SSH and RDP are TCP: a UDP or ICMP rule does not open them.
        let tcp_or_all = match body.attr("protocol").map(|p| (p, p.value.as_str())) {
            Some((_, Some(p))) => {
                let p = p.to_ascii_lowercase();
                p == "tcp" || p == "6" || p == "-1" || p == "all"
            }
            _ => true,
        };
        if !tcp_or_all {
            continue;
        }
        let ports = match (body.attr("from_port"), body.attr("to_port")) {
            (Some(from), Some(to)) => match Ports::from_numbers(&from.value, &to.value) {
                Some(p) if p.includes(Some(port)) => Verdict::Fail,
                Some(_) => Verdict::Pass,
                None => Verdict::Unknown,
            },
            _ => Verdict::Pass,
        };
        let opens = match (all, ports) {
            (Verdict::Fail, _) | (_, Verdict::Fail) => Verdict::Fail,
            (Verdict::Pass, Verdict::Pass) => Verdict::Pass,
            _ => Verdict::Unknown,
        };
        let source = sources
            .iter()
            .find(|a| any_internet(&[&a.value]) == Verdict::Fail)
            .or(sources.first());
        let attribute = source.map_or("cidr_block", |a| a.name.as_str());
        let place = Place {
            resource,
            span: source.map_or(span, |a| a.span),
            attr: None,
            path: &nested_path(&prefix, attribute),
        };
        report_exposure(
            meta,
            report,
            &place,
            both(both(allow, internet), opens),
            what,
        );
    }
}

/// Reports every container of every `aws_ecs_task_definition` for which `faults` gives a
/// message tail (`"{address}: container {name} {tail}"`); an unknown `container_definitions`
/// is reported as unknown.
pub fn report_ecs_containers(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    faults: impl Fn(&serde_json::Value) -> Vec<String>,
) {
    for task in module.of_type("aws_ecs_task_definition") {
        let Some(definitions) = task.attr("container_definitions") else {
            continue;
        };
        let Some(containers) = containers(&definitions.value) else {
            if definitions.value.is_unknown() {
                report.unknown(meta, task, Some(definitions), "container_definitions");
            }
            continue;
        };
        for container in &containers {
            for tail in faults(container) {
                let name = container
                    .get("name")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or("?");
                report.fail(
                    meta,
                    task,
                    Some(definitions),
                    "container_definitions",
                    format!("{}: container {name} {tail}", task.address),
                );
            }
        }
    }
}

/// Reports an `aws_iam_account_password_policy` that leaves the boolean `require` unset or
/// `false`; `what` names the kind of character (`"a number"`).
pub fn password_policy_requires(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    require: &str,
    what: &str,
) {
    judge_attr(
        meta,
        module,
        report,
        &["aws_iam_account_password_policy"],
        require,
        IfMissing::Fail,
        bool_is(false),
        |r, _| {
            format!(
                "{} does not require {what} in IAM user passwords.",
                r.address
            )
        },
    );
}

/// Reports an `aws_workspaces_workspace` whose `{volume}_volume_encryption_enabled` is unset
/// or `false` (`volume` is `root` or `user`).
pub fn workspaces_volume_unencrypted(
    meta: &'static Meta,
    module: &Module,
    report: &mut Report<'_>,
    volume: &str,
) {
    judge_attr(
        meta,
        module,
        report,
        &["aws_workspaces_workspace"],
        &format!("{volume}_volume_encryption_enabled"),
        IfMissing::Fail,
        bool_is(false),
        |r, _| format!("{} has an unencrypted {volume} volume.", r.address),
    );
}

/// Whether the module turns on `aws_ebs_encryption_by_default` (`enabled` unset or `true`),
/// so that every new EBS volume is encrypted whatever its own settings say.
pub fn ebs_encrypted_by_default(module: &Module) -> bool {
    module.of_type("aws_ebs_encryption_by_default").any(|r| {
        r.attr("enabled")
            .is_none_or(|a| a.value.as_bool() == Some(true))
    })
}

/// The single-server Azure database types (`PostgreSQL`, `MySQL`, `MariaDB`), which share
/// their network and SSL settings.
pub const AZURE_DATABASE_SERVERS: &[&str] = &[
    "azurerm_postgresql_server",
    "azurerm_mysql_server",
    "azurerm_mariadb_server",
];
