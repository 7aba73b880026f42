//! CloudFormation resources mapped onto the Terraform model, so one AWS check judges both.
//!
//! Each supported type has one function that reads the template's properties and writes the
//! attributes and blocks the Terraform checks read (`AWS::S3::Bucket`'s `AccessControl:
//! PublicRead` becomes `acl = "public-read"`, its `PublicAccessBlockConfiguration` an
//! `aws_s3_bucket_public_access_block` pointing at it). Every attribute keeps the line of the
//! template's property, and the resource's [`Origin`] records the template's name for each
//! path, so findings say `SecurityGroupIngress[0].CidrIp`, not `ingress[0].cidr_blocks`.

use ward_core::Span;

use super::{Template, call};
use crate::terraform::model::{Attr, Block, Body, Mode, Module, Origin, Resource};
use crate::terraform::value::Value;
use crate::yaml::Node;

/// The Terraform type a CloudFormation type is mapped onto, for the types the checks read.
pub fn model_type(rtype: &str) -> Option<&'static str> {
    Some(match rtype {
        "AWS::S3::Bucket" => "aws_s3_bucket",
        "AWS::S3::BucketPolicy" => "aws_s3_bucket_policy",
        "AWS::EC2::SecurityGroup" => "aws_security_group",
        "AWS::EC2::SecurityGroupIngress" => "aws_security_group_rule",
        "AWS::RDS::DBInstance" => "aws_db_instance",
        "AWS::RDS::DBCluster" => "aws_rds_cluster",
        "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => "aws_iam_policy",
        "AWS::IAM::Role" => "aws_iam_role",
        "AWS::IAM::User" => "aws_iam_user",
        "AWS::IAM::Group" => "aws_iam_group",
        "AWS::EC2::Instance" => "aws_instance",
        "AWS::EC2::LaunchTemplate" => "aws_launch_template",
        "AWS::AutoScaling::LaunchConfiguration" => "aws_launch_configuration",
        "AWS::EC2::Volume" => "aws_ebs_volume",
        "AWS::CloudTrail::Trail" => "aws_cloudtrail",
        "AWS::KMS::Key" => "aws_kms_key",
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => "aws_lambda_function",
        "AWS::EKS::Cluster" => "aws_eks_cluster",
        "AWS::ECR::Repository" => "aws_ecr_repository",
        "AWS::EFS::FileSystem" => "aws_efs_file_system",
        "AWS::SNS::Topic" => "aws_sns_topic",
        "AWS::Logs::LogGroup" => "aws_cloudwatch_log_group",
        "AWS::DynamoDB::Table" => "aws_dynamodb_table",
        "AWS::Redshift::Cluster" => "aws_redshift_cluster",
        "AWS::EC2::Subnet" => "aws_subnet",
        "AWS::SQS::Queue" => "aws_sqs_queue",
        "AWS::SQS::QueuePolicy" => "aws_sqs_queue_policy",
        "AWS::SNS::TopicPolicy" => "aws_sns_topic_policy",
        _ => return None,
    })
}

/// A mapping of properties, an unknown one (every property in it is unknown), or nothing.
#[derive(Clone, Copy)]
enum Props<'n> {
    Map(&'n Node),
    Unknown(Span),
}

/// One property as found: the line of its key, and its value (`None` when the mapping holding
/// it is unknown).
#[derive(Clone, Copy)]
struct Prop<'n> {
    span: Span,
    node: Option<&'n Node>,
}

/// Writes one resource's body and the names of its paths.
struct Writer<'a, 't> {
    t: &'a Template<'t>,
    names: Vec<(String, String)>,
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Paths of the model and of the template, side by side.
#[derive(Clone)]
struct Path {
    model: String,
    source: String,
}

impl Path {
    fn root() -> Path {
        Path {
            model: String::new(),
            source: String::new(),
        }
    }

    fn child(&self, model: &str, source: &str) -> Path {
        Path {
            model: join(&self.model, model),
            source: join(&self.source, source),
        }
    }
}

impl<'n> Writer<'_, '_> {
    fn prop(&self, props: Props<'n>, key: &str) -> Option<Prop<'n>> {
        match props {
            Props::Map(node) => {
                let (k, v) = node.entry(key)?;
                let v = self.t.choose(v)?;
                Some(Prop {
                    span: k.span,
                    node: Some(v),
                })
            }
            Props::Unknown(span) => Some(Prop { span, node: None }),
        }
    }

    fn value(&self, prop: Prop<'_>) -> Value {
        prop.node.map_or_else(Value::unknown, |n| self.t.eval(n))
    }

    /// The properties under a property: a mapping, or unknown when an intrinsic stands there.
    fn props(prop: Prop<'n>) -> Props<'n> {
        match prop.node {
            Some(node) if call(node).is_none() => Props::Map(node),
            _ => Props::Unknown(prop.span),
        }
    }

    fn name(&mut self, path: &Path) {
        self.names.push((path.model.clone(), path.source.clone()));
    }

    /// Copies property `key` into `body` as attribute `name`, converted by `convert`.
    fn attr(
        &mut self,
        body: &mut Body,
        props: Props<'n>,
        key: &str,
        at: &Path,
        name: &str,
        convert: fn(Value) -> Value,
    ) -> Option<Prop<'n>> {
        let path = at.child(name, key);
        self.name(&path);
        let prop = self.prop(props, key)?;
        let value = self.value(prop);
        if matches!(value, Value::Null) {
            return None;
        }
        body.attrs.push(Attr {
            name: name.to_owned(),
            value: convert(value),
            span: prop.span,
        });
        Some(prop)
    }

    /// [`Self::attr`] for each (property key, attribute name) pair, unconverted.
    fn attrs_as_is(
        &mut self,
        body: &mut Body,
        props: Props<'n>,
        at: &Path,
        pairs: &[(&str, &str)],
    ) {
        for (key, name) in pairs {
            self.attr(body, props, key, at, name, same);
        }
    }

    /// Adds block `name` for property `key` when it is present; returns its properties and
    /// the index of the block in `body`.
    fn block(
        &mut self,
        body: &mut Body,
        props: Props<'n>,
        key: &str,
        at: &Path,
        name: &str,
    ) -> Option<(Props<'n>, usize, Path)> {
        let path = at.child(name, key);
        self.name(&path);
        let prop = self.prop(props, key)?;
        body.blocks
            .push(new_block(name, prop.span, Body::default()));
        Some((Self::props(prop), body.blocks.len() - 1, path))
    }

    /// Adds block `name` for property `key` holding the one attribute `inner_name` (from
    /// `inner_key`); the attribute's path is named even when the block is absent.
    fn block_attr(
        &mut self,
        body: &mut Body,
        props: Props<'n>,
        (key, name): (&str, &str),
        (inner_key, inner_name): (&str, &str),
        convert: fn(Value) -> Value,
    ) {
        let root = Path::root();
        self.name(&root.child(name, key).child(inner_name, inner_key));
        if let Some((inner, i, at)) = self.block(body, props, key, &root, name) {
            self.attr(
                &mut body.blocks[i].body,
                inner,
                inner_key,
                &at,
                inner_name,
                convert,
            );
        }
    }

    /// The items of a list property (each with its own line), or one unknown item.
    fn items(&self, props: Props<'n>, key: &str) -> Vec<Prop<'n>> {
        let Some(prop) = self.prop(props, key) else {
            return Vec::new();
        };
        match prop.node {
            Some(node) if call(node).is_none() => node
                .as_seq()
                .iter()
                .filter_map(|item| self.t.choose(item))
                .map(|item| Prop {
                    span: item.span,
                    node: Some(item),
                })
                .collect(),
            _ => vec![Prop {
                span: prop.span,
                node: None,
            }],
        }
    }
}

fn same(value: Value) -> Value {
    value
}

/// `PublicRead` -> `public-read`: CloudFormation's canned ACL names as S3's.
fn canned_acl(value: Value) -> Value {
    match value {
        Value::String(s) => {
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            Value::String(out)
        }
        other => other,
    }
}

/// `VersioningConfiguration.Status` as the model's `versioning.enabled`.
fn status_enabled(value: Value) -> Value {
    match value.as_str() {
        Some(s) => Value::Bool(s == "Enabled"),
        None => value,
    }
}

/// A policy document as the model holds one: JSON text. Unknown when who may do what cannot
/// be known; unknown values elsewhere (a resource ARN built with `!Sub`) become a placeholder.
fn policy_document(value: Value) -> Value {
    if matches!(value, Value::String(_)) {
        return value;
    }
    let Some(statements) = value.get("Statement") else {
        return Value::unknown();
    };
    let decisive = ["Effect", "Action", "NotAction", "Principal", "NotPrincipal"];
    let unknown = statements.items().iter().any(|s| {
        s.is_unknown()
            || decisive
                .iter()
                .any(|k| s.get(k).is_some_and(|v| !v.is_known()))
    });
    if unknown {
        return Value::unknown();
    }
    Value::String(policy_json(&value).to_string())
}

/// JSON of a policy, unknown values as a placeholder text.
fn policy_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Unknown(_) => serde_json::Value::String("${unknown}".to_owned()),
        Value::List(items) => items.iter().map(policy_json).collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.clone(), policy_json(v)))
            .collect(),
        other => other.to_json(),
    }
}

/// Device names an instance's root volume is known by.
fn is_root_device(name: Option<&Value>) -> bool {
    name.and_then(Value::as_str)
        .is_some_and(|n| matches!(n.as_ref(), "/dev/xvda" | "/dev/sda1" | "/dev/sda" | "xvda"))
}

/// One CloudFormation resource, read.
struct Source<'n> {
    id: &'n str,
    rtype: &'n str,
    span: Span,
    props: Props<'n>,
}

/// Maps every supported resource of a template onto one module.
pub fn module(t: &Template<'_>) -> Module {
    let mut module = Module::default();
    for (key, declaration) in t.root.get("Resources").map_or(&[][..], Node::as_map) {
        let (Some(id), Some(rtype)) =
            (key.as_str(), declaration.get("Type").and_then(Node::as_str))
        else {
            continue;
        };
        // A resource whose condition is known false is not created.
        if let Some(condition) = declaration.get("Condition").and_then(Node::as_str)
            && t.condition(condition) == Some(false)
        {
            continue;
        }
        let props = match declaration.entry("Properties") {
            Some((k, v)) if call(v).is_some() => Props::Unknown(k.span),
            Some((_, v)) => Props::Map(v),
            None => Props::Map(declaration),
        };
        let source = Source {
            id,
            rtype,
            span: key.span,
            props: if declaration.get("Properties").is_some() {
                props
            } else {
                // No properties: an empty mapping reads as "nothing set".
                Props::Map(&EMPTY)
            },
        };
        map_resource(t, &source, &mut module.resources);
    }
    module
}

static EMPTY: Node = Node {
    value: crate::yaml::Value::Map(Vec::new()),
    span: Span {
        start_line: 1,
        start_column: 1,
        end_line: 1,
        end_column: 1,
    },
    tag: None,
};

fn finish(source: &Source<'_>, model: &str, body: Body, names: Vec<(String, String)>) -> Resource {
    Resource {
        mode: Mode::Managed,
        rtype: model.to_owned(),
        name: source.id.to_owned(),
        address: format!("{}/{}", source.rtype, source.id),
        file: 0,
        span: source.span,
        body,
        origin: Some(Box::new(Origin {
            kind: source.rtype.to_owned(),
            names,
        })),
    }
}

#[allow(clippy::too_many_lines)]
fn map_resource(t: &Template<'_>, source: &Source<'_>, out: &mut Vec<Resource>) {
    let Some(model) = model_type(source.rtype) else {
        return;
    };
    let mut w = Writer {
        t,
        names: Vec::new(),
    };
    let mut body = Body::default();
    let root = Path::root();
    let p = source.props;
    match source.rtype {
        "AWS::S3::Bucket" => {
            w.attr(&mut body, p, "BucketName", &root, "bucket", same);
            w.attr(&mut body, p, "AccessControl", &root, "acl", canned_acl);
            w.block(
                &mut body,
                p,
                "BucketEncryption",
                &root,
                "server_side_encryption_configuration",
            );
            w.block(&mut body, p, "LoggingConfiguration", &root, "logging");
            w.block_attr(
                &mut body,
                p,
                ("VersioningConfiguration", "versioning"),
                ("Status", "enabled"),
                status_enabled,
            );
            // An inline public access block is the model's separate resource pointing at
            // the bucket.
            if let Some(prop) = w.prop(p, "PublicAccessBlockConfiguration") {
                let inner = Writer::props(prop);
                let mut pab = Writer {
                    t,
                    names: Vec::new(),
                };
                let mut pab_body = Body::default();
                pab_body.attrs.push(Attr {
                    name: "bucket".to_owned(),
                    value: Value::reference(format!("aws_s3_bucket.{}.id", source.id)),
                    span: prop.span,
                });
                let at = Path {
                    model: String::new(),
                    source: "PublicAccessBlockConfiguration".to_owned(),
                };
                for (key, name) in [
                    ("BlockPublicAcls", "block_public_acls"),
                    ("BlockPublicPolicy", "block_public_policy"),
                    ("IgnorePublicAcls", "ignore_public_acls"),
                    ("RestrictPublicBuckets", "restrict_public_buckets"),
                ] {
                    pab.attr(&mut pab_body, inner, key, &at, name, same);
                }
                let mut resource = finish(
                    source,
                    "aws_s3_bucket_public_access_block",
                    pab_body,
                    pab.names,
                );
                resource.span = prop.span;
                out.push(resource);
            }
        }
        "AWS::S3::BucketPolicy" => {
            w.attr(&mut body, p, "Bucket", &root, "bucket", same);
            w.attr(
                &mut body,
                p,
                "PolicyDocument",
                &root,
                "policy",
                policy_document,
            );
        }
        "AWS::EC2::SecurityGroup" => {
            for (i, item) in w.items(p, "SecurityGroupIngress").into_iter().enumerate() {
                let at = root.child(
                    &format!("ingress[{i}]"),
                    &format!("SecurityGroupIngress[{i}]"),
                );
                w.name(&at);
                let mut rule = Body::default();
                ingress_rule(&mut w, &mut rule, Writer::props(item), &at);
                body.blocks.push(new_block("ingress", item.span, rule));
            }
        }
        "AWS::EC2::SecurityGroupIngress" => {
            body.attrs.push(Attr {
                name: "type".to_owned(),
                value: Value::String("ingress".to_owned()),
                span: source.span,
            });
            ingress_rule(&mut w, &mut body, p, &root);
        }
        "AWS::RDS::DBInstance" => {
            w.attrs_as_is(
                &mut body,
                p,
                &root,
                &[
                    ("PubliclyAccessible", "publicly_accessible"),
                    ("AutoMinorVersionUpgrade", "auto_minor_version_upgrade"),
                ],
            );
            // An Aurora instance's storage, backups and protection are its cluster's.
            if w.prop(p, "DBClusterIdentifier").is_some() {
                out.push(finish(source, "aws_rds_cluster_instance", body, w.names));
                return;
            }
            // A restored snapshot keeps the snapshot's encryption.
            if w.prop(p, "DBSnapshotIdentifier").is_none() {
                w.attr(
                    &mut body,
                    p,
                    "StorageEncrypted",
                    &root,
                    "storage_encrypted",
                    same,
                );
            } else {
                body.attrs.push(Attr {
                    name: "storage_encrypted".to_owned(),
                    value: Value::reference("DBSnapshotIdentifier"),
                    span: source.span,
                });
            }
            w.attrs_as_is(
                &mut body,
                p,
                &root,
                &[
                    ("BackupRetentionPeriod", "backup_retention_period"),
                    ("DeletionProtection", "deletion_protection"),
                ],
            );
            rds_common(&mut w, &mut body, p);
            w.attrs_as_is(
                &mut body,
                p,
                &root,
                &[
                    ("MultiAZ", "multi_az"),
                    (
                        "EnableCloudwatchLogsExports",
                        "enabled_cloudwatch_logs_exports",
                    ),
                ],
            );
        }
        "AWS::RDS::DBCluster" => {
            rds_common(&mut w, &mut body, p);
            w.attrs_as_is(
                &mut body,
                p,
                &root,
                &[
                    ("StorageEncrypted", "storage_encrypted"),
                    ("BackupRetentionPeriod", "backup_retention_period"),
                    ("DeletionProtection", "deletion_protection"),
                ],
            );
        }
        "AWS::IAM::Policy"
        | "AWS::IAM::ManagedPolicy"
        | "AWS::SQS::QueuePolicy"
        | "AWS::SNS::TopicPolicy" => {
            w.attr(
                &mut body,
                p,
                "PolicyDocument",
                &root,
                "policy",
                policy_document,
            );
        }
        "AWS::IAM::Role" | "AWS::IAM::User" | "AWS::IAM::Group" => {
            // Each inline policy is the model's `aws_iam_*_policy`.
            let policy_type = match source.rtype {
                "AWS::IAM::Role" => "aws_iam_role_policy",
                "AWS::IAM::User" => "aws_iam_user_policy",
                _ => "aws_iam_group_policy",
            };
            if source.rtype == "AWS::IAM::Role" {
                w.attr(
                    &mut body,
                    p,
                    "AssumeRolePolicyDocument",
                    &root,
                    "assume_role_policy",
                    policy_document,
                );
            }
            for (i, item) in w.items(p, "Policies").into_iter().enumerate() {
                let mut inline = Writer {
                    t,
                    names: Vec::new(),
                };
                let mut policy = Body::default();
                let at = Path {
                    model: String::new(),
                    source: format!("Policies[{i}]"),
                };
                inline.attr(
                    &mut policy,
                    Writer::props(item),
                    "PolicyDocument",
                    &at,
                    "policy",
                    policy_document,
                );
                let mut resource = finish(source, policy_type, policy, inline.names);
                resource.span = item.span;
                out.push(resource);
            }
        }
        "AWS::EC2::Instance" => {
            let from_template = w.prop(p, "LaunchTemplate").is_some();
            let written = metadata_options(&mut w, &mut body, p, &root, &[ENDPOINT]);
            if !written && from_template {
                // The launch template decides.
                body.blocks.push(unknown_block(
                    "metadata_options",
                    &["http_tokens"],
                    source.span,
                    "LaunchTemplate",
                ));
            }
            // The first interface that asks for a public address decides.
            for (n, item) in w.items(p, "NetworkInterfaces").into_iter().enumerate() {
                let at = Path {
                    model: String::new(),
                    source: format!("NetworkInterfaces[{n}]"),
                };
                let mut probe = Body::default();
                w.attr(
                    &mut probe,
                    Writer::props(item),
                    "AssociatePublicIpAddress",
                    &at,
                    "associate_public_ip_address",
                    same,
                );
                let decided = body
                    .attr("associate_public_ip_address")
                    .is_some_and(|a| a.value.as_bool() == Some(true));
                if let Some(attr) = probe.attrs.pop()
                    && !decided
                {
                    body.attrs
                        .retain(|a| a.name != "associate_public_ip_address");
                    body.attrs.push(attr);
                }
            }
            if from_template && w.prop(p, "BlockDeviceMappings").is_none() {
                body.blocks.push(unknown_block(
                    "root_block_device",
                    &["encrypted"],
                    source.span,
                    "LaunchTemplate",
                ));
            } else {
                block_devices(&mut w, &mut body, p);
            }
        }
        "AWS::AutoScaling::LaunchConfiguration" => {
            metadata_options(&mut w, &mut body, p, &root, &[]);
            block_devices(&mut w, &mut body, p);
        }
        "AWS::EC2::LaunchTemplate" => {
            if let Some(data) = w.prop(p, "LaunchTemplateData") {
                let data = Writer::props(data);
                let at = Path {
                    model: String::new(),
                    source: "LaunchTemplateData".to_owned(),
                };
                metadata_options(&mut w, &mut body, data, &at, &[ENDPOINT]);
                for (n, item) in w.items(data, "NetworkInterfaces").into_iter().enumerate() {
                    let at = at.child("network_interfaces", &format!("NetworkInterfaces[{n}]"));
                    let mut interface = Body::default();
                    w.attr(
                        &mut interface,
                        Writer::props(item),
                        "AssociatePublicIpAddress",
                        &Path {
                            model: at.model.clone(),
                            source: at.source.clone(),
                        },
                        "associate_public_ip_address",
                        same,
                    );
                    body.blocks
                        .push(new_block("network_interfaces", item.span, interface));
                }
            }
        }
        "AWS::EC2::Volume" | "AWS::EFS::FileSystem" => {
            w.attr(&mut body, p, "Encrypted", &root, "encrypted", same);
        }
        "AWS::CloudTrail::Trail" => {
            w.attrs_as_is(
                &mut body,
                p,
                &root,
                &[
                    ("EnableLogFileValidation", "enable_log_file_validation"),
                    ("KMSKeyId", "kms_key_id"),
                    ("IsMultiRegionTrail", "is_multi_region_trail"),
                    ("CloudWatchLogsLogGroupArn", "cloud_watch_logs_group_arn"),
                ],
            );
        }
        "AWS::KMS::Key" => {
            w.attrs_as_is(
                &mut body,
                p,
                &root,
                &[
                    ("EnableKeyRotation", "enable_key_rotation"),
                    ("KeySpec", "key_spec"),
                ],
            );
            w.attr(&mut body, p, "KeyPolicy", &root, "policy", policy_document);
        }
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => {
            lambda_tracing(&mut w, &mut body, p, source);
            w.attr(&mut body, p, "Runtime", &root, "runtime", same);
            if let Some((inner, i, at)) = w.block(&mut body, p, "Environment", &root, "environment")
            {
                w.attr(
                    &mut body.blocks[i].body,
                    inner,
                    "Variables",
                    &at,
                    "variables",
                    same,
                );
            }
        }
        "AWS::EKS::Cluster" => {
            w.name(&root.child(
                "vpc_config.endpoint_public_access",
                "ResourcesVpcConfig.EndpointPublicAccess",
            ));
            eks_encryption_and_logging(&mut w, &mut body, p);
            if let Some((inner, i, at)) =
                w.block(&mut body, p, "ResourcesVpcConfig", &root, "vpc_config")
            {
                let block = &mut body.blocks[i].body;
                w.attr(
                    block,
                    inner,
                    "EndpointPublicAccess",
                    &at,
                    "endpoint_public_access",
                    same,
                );
                w.attr(
                    block,
                    inner,
                    "PublicAccessCidrs",
                    &at,
                    "public_access_cidrs",
                    same,
                );
            }
        }
        "AWS::ECR::Repository" => {
            w.block_attr(
                &mut body,
                p,
                ("ImageScanningConfiguration", "image_scanning_configuration"),
                ("ScanOnPush", "scan_on_push"),
                same,
            );
            w.block_attr(
                &mut body,
                p,
                ("EncryptionConfiguration", "encryption_configuration"),
                ("EncryptionType", "encryption_type"),
                same,
            );
            w.attr(
                &mut body,
                p,
                "ImageTagMutability",
                &root,
                "image_tag_mutability",
                same,
            );
        }
        "AWS::SNS::Topic" => {
            w.attr(
                &mut body,
                p,
                "KmsMasterKeyId",
                &root,
                "kms_master_key_id",
                same,
            );
        }
        "AWS::Logs::LogGroup" => {
            w.attrs_as_is(
                &mut body,
                p,
                &root,
                &[
                    ("KmsKeyId", "kms_key_id"),
                    ("RetentionInDays", "retention_in_days"),
                ],
            );
        }
        "AWS::DynamoDB::Table" => {
            w.block_attr(
                &mut body,
                p,
                ("SSESpecification", "server_side_encryption"),
                ("SSEEnabled", "enabled"),
                same,
            );
            w.block_attr(
                &mut body,
                p,
                ("PointInTimeRecoverySpecification", "point_in_time_recovery"),
                ("PointInTimeRecoveryEnabled", "enabled"),
                same,
            );
        }
        "AWS::Redshift::Cluster" => {
            w.attrs_as_is(
                &mut body,
                p,
                &root,
                &[
                    ("PubliclyAccessible", "publicly_accessible"),
                    ("Encrypted", "encrypted"),
                    ("EnhancedVpcRouting", "enhanced_vpc_routing"),
                ],
            );
            // Logging properties, when written, turn audit logging on.
            w.name(&root.child("logging.enable", "LoggingProperties"));
            if let Some(prop) = w.prop(p, "LoggingProperties") {
                let enable = Attr {
                    name: "enable".to_owned(),
                    value: Value::Bool(true),
                    span: prop.span,
                };
                let logging = Body {
                    attrs: vec![enable],
                    blocks: Vec::new(),
                };
                body.blocks.push(new_block("logging", prop.span, logging));
            }
        }
        "AWS::SQS::Queue" => {
            w.attrs_as_is(
                &mut body,
                p,
                &root,
                &[
                    ("SqsManagedSseEnabled", "sqs_managed_sse_enabled"),
                    ("KmsMasterKeyId", "kms_master_key_id"),
                ],
            );
        }
        "AWS::EC2::Subnet" => {
            w.attr(
                &mut body,
                p,
                "MapPublicIpOnLaunch",
                &root,
                "map_public_ip_on_launch",
                same,
            );
        }
        _ => {}
    }
    out.push(finish(source, model, body, w.names));
}

/// `TracingConfig.Mode` (SAM: `Tracing`, which `Globals` may set) as `tracing_config.mode`.
fn lambda_tracing(w: &mut Writer<'_, '_>, body: &mut Body, props: Props<'_>, source: &Source<'_>) {
    let root = Path::root();
    if source.rtype == "AWS::Serverless::Function" {
        w.name(&root.child("tracing_config.mode", "Tracing"));
        let mut block = Body::default();
        if w.attr(&mut block, props, "Tracing", &root, "mode", same)
            .is_none()
        {
            body.blocks.push(unknown_block(
                "tracing_config",
                &["mode"],
                source.span,
                "Globals",
            ));
            return;
        }
        body.blocks
            .push(new_block("tracing_config", block.attrs[0].span, block));
        return;
    }
    w.name(&root.child("tracing_config.mode", "TracingConfig.Mode"));
    if let Some((inner, i, at)) = w.block(body, props, "TracingConfig", &root, "tracing_config") {
        w.attr(&mut body.blocks[i].body, inner, "Mode", &at, "mode", same);
    }
}

/// `EncryptionConfig` (its first entry) as `encryption_config`, and the types of
/// `Logging.ClusterLogging.EnabledTypes` as `enabled_cluster_log_types`.
fn eks_encryption_and_logging(w: &mut Writer<'_, '_>, body: &mut Body, props: Props<'_>) {
    let root = Path::root();
    w.name(&root.child("encryption_config", "EncryptionConfig"));
    w.name(&root.child("encryption_config.resources", "EncryptionConfig"));
    if let Some(item) = w.items(props, "EncryptionConfig").into_iter().next() {
        let at = root.child("encryption_config", "EncryptionConfig[0]");
        w.name(&at);
        let mut config = Body::default();
        w.attr(
            &mut config,
            Writer::props(item),
            "Resources",
            &at,
            "resources",
            same,
        );
        body.blocks
            .push(new_block("encryption_config", item.span, config));
    }
    w.name(&root.child("enabled_cluster_log_types", "Logging"));
    let Some(logging) = w.prop(props, "Logging") else {
        return;
    };
    let Some(cluster) = w.prop(Writer::props(logging), "ClusterLogging") else {
        return;
    };
    let Some(types) = w.prop(Writer::props(cluster), "EnabledTypes") else {
        return;
    };
    let value = match w.value(types) {
        Value::List(items) => Value::List(
            items
                .into_iter()
                .map(|t| t.get("Type").cloned().unwrap_or_else(Value::unknown))
                .collect(),
        ),
        other => other,
    };
    body.attrs.push(Attr {
        name: "enabled_cluster_log_types".to_owned(),
        value,
        span: types.span,
    });
}

/// `HttpEndpoint` of `MetadataOptions`, which instances and launch templates model.
const ENDPOINT: (&str, &str) = ("HttpEndpoint", "http_endpoint");

/// `MetadataOptions` as `metadata_options` with `http_tokens` (its path named even when the
/// block is absent) and the `more` attributes (property key, model name); returns whether
/// the block is written.
fn metadata_options(
    w: &mut Writer<'_, '_>,
    body: &mut Body,
    props: Props<'_>,
    at: &Path,
    more: &[(&str, &str)],
) -> bool {
    w.name(&at.child("metadata_options.http_tokens", "MetadataOptions.HttpTokens"));
    let Some((inner, i, at)) = w.block(body, props, "MetadataOptions", at, "metadata_options")
    else {
        return false;
    };
    let block = &mut body.blocks[i].body;
    w.attr(block, inner, "HttpTokens", &at, "http_tokens", same);
    for (key, name) in more {
        w.attr(block, inner, key, &at, name, same);
    }
    true
}

/// The engine and IAM authentication, which RDS instances and clusters share.
fn rds_common(w: &mut Writer<'_, '_>, body: &mut Body, props: Props<'_>) {
    let root = Path::root();
    w.attr(body, props, "Engine", &root, "engine", same);
    w.attr(
        body,
        props,
        "EnableIAMDatabaseAuthentication",
        &root,
        "iam_database_authentication_enabled",
        same,
    );
}

/// An unlabelled block of `kind` at `span`.
fn new_block(kind: &str, span: Span, body: Body) -> Block {
    Block {
        kind: kind.to_owned(),
        labels: Vec::new(),
        span,
        body,
    }
}

/// A block whose attributes are all unknown, set by something the template does not show.
fn unknown_block(kind: &str, attrs: &[&str], span: Span, because: &str) -> Block {
    let attrs = attrs
        .iter()
        .map(|a| Attr {
            name: (*a).to_owned(),
            value: Value::reference(because),
            span,
        })
        .collect();
    new_block(
        kind,
        span,
        Body {
            attrs,
            blocks: Vec::new(),
        },
    )
}

/// One inbound rule's properties as the model's rule attributes.
fn ingress_rule(w: &mut Writer<'_, '_>, body: &mut Body, props: Props<'_>, at: &Path) {
    w.attr(body, props, "IpProtocol", at, "protocol", same);
    w.attr(body, props, "FromPort", at, "from_port", same);
    w.attr(body, props, "ToPort", at, "to_port", same);
    w.attr(body, props, "CidrIp", at, "cidr_blocks", same);
    w.attr(body, props, "CidrIpv6", at, "ipv6_cidr_blocks", same);
}

/// `BlockDeviceMappings`: the root device's `Ebs` as `root_block_device`, others as
/// `ebs_block_device`.
fn block_devices(w: &mut Writer<'_, '_>, body: &mut Body, props: Props<'_>) {
    let root = Path::root();
    w.name(&root.child("root_block_device", "BlockDeviceMappings"));
    let mut ebs_index = 0;
    for (i, item) in w
        .items(props, "BlockDeviceMappings")
        .into_iter()
        .enumerate()
    {
        let mapping = Writer::props(item);
        let device = w.prop(mapping, "DeviceName").map(|d| w.value(d));
        let Some(ebs) = w.prop(mapping, "Ebs") else {
            continue;
        };
        let (kind, model) = if is_root_device(device.as_ref()) {
            ("root_block_device", "root_block_device".to_owned())
        } else {
            ebs_index += 1;
            (
                "ebs_block_device",
                format!("ebs_block_device[{}]", ebs_index - 1),
            )
        };
        let at = Path {
            model,
            source: format!("BlockDeviceMappings[{i}].Ebs"),
        };
        w.name(&at);
        let mut device_body = Body::default();
        w.attr(
            &mut device_body,
            Writer::props(ebs),
            "Encrypted",
            &at,
            "encrypted",
            same,
        );
        body.blocks.push(new_block(kind, ebs.span, device_body));
    }
}
