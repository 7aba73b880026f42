//! Evaluated Terraform: resources and data sources of one module instance, each attribute with
//! its value and its place in the source, nested blocks (with `dynamic` blocks expanded).

use ward_core::Span;

use super::value::Value;

/// An evaluated attribute.
#[derive(Debug, Clone)]
pub struct Attr {
    pub name: String,
    pub value: Value,
    /// Where the attribute is written (its first line is where findings point).
    pub span: Span,
}

/// An evaluated nested block (`ingress { ... }`, `server_side_encryption_configuration`).
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub span: Span,
    pub body: Body,
}

/// The attributes and blocks of a block body, in source order.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub attrs: Vec<Attr>,
    pub blocks: Vec<Block>,
}

/// What a dotted path names in a body.
#[derive(Debug, Clone, Copy)]
pub enum Found<'a> {
    Attr(&'a Attr),
    Block(&'a Block),
}

impl Body {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().rev().find(|a| a.name == name)
    }

    pub fn block(&self, kind: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.kind == kind)
    }

    pub fn blocks<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }

    /// The attribute or block at a dotted path (`versioning.enabled`), through the first
    /// block of each name.
    pub fn find(&self, path: &str) -> Option<Found<'_>> {
        let (head, rest) = match path.split_once('.') {
            Some((head, rest)) => (head, Some(rest)),
            None => (path, None),
        };
        match rest {
            None => self
                .attr(head)
                .map(Found::Attr)
                .or_else(|| self.block(head).map(Found::Block)),
            Some(rest) => self.block(head)?.body.find(rest),
        }
    }

    /// The attribute at a dotted path, if it is an attribute.
    pub fn attr_at(&self, path: &str) -> Option<&Attr> {
        match self.find(path)? {
            Found::Attr(attr) => Some(attr),
            Found::Block(_) => None,
        }
    }

    /// Every block at a dotted path of block names (`rule.apply_server_side_encryption_by_default`).
    pub fn blocks_at<'a>(&'a self, path: &str) -> Vec<&'a Block> {
        let mut current: Vec<&'a Block> = Vec::new();
        let mut parts = path.split('.');
        let Some(first) = parts.next() else {
            return current;
        };
        current.extend(self.blocks.iter().filter(|b| b.kind == first));
        for part in parts {
            current = current
                .iter()
                .flat_map(|b| b.body.blocks.iter().filter(|c| c.kind == part))
                .collect();
        }
        current
    }
}

/// Whether a resource is managed (`resource`) or read (`data`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Managed,
    Data,
}

/// One instance of a resource or data source.
#[derive(Debug, Clone)]
pub struct Resource {
    pub mode: Mode,
    /// `aws_s3_bucket`.
    pub rtype: String,
    /// `logs`.
    pub name: String,
    /// Full address, with module path and instance key: `module.site.aws_s3_bucket.logs["a"]`.
    pub address: String,
    /// Index of the file it is written in, among the project's files.
    pub file: usize,
    /// The block's span (findings about a missing attribute point at its first line).
    pub span: Span,
    pub body: Body,
    /// Set when the resource was read from another format (a CloudFormation template) and
    /// mapped onto the Terraform model: how findings name its kind and attributes there.
    pub origin: Option<Box<Origin>>,
}

/// How a resource mapped from another format names things in its own source.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The kind as the source names it (`AWS::S3::Bucket`).
    pub kind: String,
    /// Attribute paths of the model (`versioning.enabled`, `ingress[0].cidr_blocks`) and the
    /// source's path for each (`VersioningConfiguration.Status`, `SecurityGroupIngress[0].CidrIp`).
    pub names: Vec<(String, String)>,
}

impl Origin {
    /// The source's path for a model path: the longest recorded prefix (on segment
    /// boundaries) replaced; the model path itself when nothing is recorded.
    pub fn path(&self, path: &str) -> String {
        let mut best: Option<&(String, String)> = None;
        for entry in &self.names {
            let (model, _) = entry;
            let matches = path == model
                || (path.starts_with(model.as_str())
                    && matches!(path.as_bytes().get(model.len()), Some(b'.' | b'[')));
            // Among equals, the last recorded (the more specific) wins.
            if matches && best.is_none_or(|(b, _)| b.len() <= model.len()) {
                best = Some(entry);
            }
        }
        match best {
            Some((model, source)) => format!("{source}{}", &path[model.len()..]),
            None => path.to_owned(),
        }
    }

    /// A check's message with the model's attribute names in backquotes replaced by the
    /// source's (`block_public_acls` -> `BlockPublicAcls`).
    pub fn message(&self, message: &str) -> String {
        let mut message = message.to_owned();
        for (model, source) in &self.names {
            let last = |p: &str| {
                p.rsplit('.')
                    .next()
                    .unwrap_or(p)
                    .split('[')
                    .next()
                    .unwrap_or(p)
                    .to_owned()
            };
            let from = format!("`{}`", last(model));
            if message.contains(&from) {
                message = message.replace(&from, &format!("`{}`", last(source)));
            }
        }
        message
    }
}

impl Resource {
    /// `aws_s3_bucket.logs` or `data.aws_iam_policy_document.p`: how references in the same
    /// module name it (no instance key, no module path).
    pub fn local_name(&self) -> String {
        match self.mode {
            Mode::Managed => format!("{}.{}", self.rtype, self.name),
            Mode::Data => format!("data.{}.{}", self.rtype, self.name),
        }
    }

    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.body.attr(name)
    }
}

/// One evaluated module instance: the root module, or a local module called from another.
#[derive(Debug, Default)]
pub struct Module {
    /// `""` for a root module, `module.net.` for a child.
    pub prefix: String,
    /// The module's directory, relative to the project root.
    pub dir: String,
    pub resources: Vec<Resource>,
}

impl Module {
    /// Managed resources of a type.
    pub fn of_type<'a>(&'a self, rtype: &'a str) -> impl Iterator<Item = &'a Resource> + 'a {
        self.resources
            .iter()
            .filter(move |r| r.mode == Mode::Managed && r.rtype == rtype)
    }

    /// Data sources of a type.
    pub fn data_of_type<'a>(&'a self, rtype: &'a str) -> impl Iterator<Item = &'a Resource> + 'a {
        self.resources
            .iter()
            .filter(move |r| r.mode == Mode::Data && r.rtype == rtype)
    }

    /// The resource a reference names (`aws_s3_bucket.logs`, from `Unknown::resource`).
    pub fn by_local_name(&self, name: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.local_name() == name)
    }

    /// Resources of `rtype` whose attribute `attr` points at `target`: by reference
    /// (`bucket = aws_s3_bucket.logs.id`), or by the same literal name as `target`'s
    /// `name_attr` (`bucket = "my-logs"` next to `bucket = "my-logs"`).
    pub fn linked<'a>(
        &'a self,
        rtype: &'a str,
        attr: &'a str,
        target: &'a Resource,
        name_attr: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Resource> + 'a {
        let target_name = target.local_name();
        let literal = name_attr
            .and_then(|a| target.attr(a))
            .and_then(|a| a.value.as_str().map(std::borrow::Cow::into_owned));
        self.of_type(rtype).filter(move |r| {
            r.attr(attr).is_some_and(|a| match &a.value {
                Value::Unknown(u) => u.resource().as_deref() == Some(target_name.as_str()),
                other => literal.is_some() && other.as_str().as_deref() == literal.as_deref(),
            })
        })
    }
}
