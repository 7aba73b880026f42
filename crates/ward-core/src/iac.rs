//! Detail of an infrastructure-as-code finding: which resource, which attribute.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where in a configuration an IaC finding is: the resource it concerns and the attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct IacDetail {
    /// The resource's address as its own tool names it: `aws_s3_bucket.logs`, `Deployment/web`,
    /// `jobs.build.steps[2]`, `stage builder`.
    pub resource: String,
    /// The kind of resource: `aws_s3_bucket`, `Deployment`, `job`, `step`, `instruction`.
    pub kind: String,
    /// The attribute concerned, as a dotted path from the resource
    /// (`spec.template.spec.containers[0].securityContext.privileged`); empty when the finding
    /// is about the resource as a whole.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub attribute: String,
    /// 0-based index of the document in a multi-document file (YAML `---`); `None` for
    /// single-document formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<u32>,
}
