//! `terraform/aws-docdb-tls-disabled`: a `DocumentDB` parameter group turns TLS off.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDocdbTlsDisabled;

static META: Meta = Meta {
    id: "terraform/aws-docdb-tls-disabled",
    title: "DocumentDB TLS is disabled",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_docdb_cluster_parameter_group` sets the parameter `tls` to `disabled` \
        (the default is `enabled`).",
    rationale: "Clients then connect without TLS, sending credentials and documents across the \
        network in clear text.",
    remediation: "Set `tls` to `enabled` (or remove the parameter) and use the Amazon DocumentDB \
        CA bundle in clients.",
    example: "parameter {\n  name  = \"tls\"\n  value = \"disabled\"   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AWS_90"],
};

impl TerraformCheck for AwsDocdbTlsDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for group in module.of_type("aws_docdb_cluster_parameter_group") {
            for (i, parameter) in group.body.blocks("parameter").enumerate() {
                let named_tls = parameter
                    .body
                    .attr("name")
                    .and_then(|n| n.value.as_str().map(|n| n == "tls"))
                    == Some(true);
                let Some(value) = parameter.body.attr("value").filter(|_| named_tls) else {
                    continue;
                };
                let path = format!("parameter[{i}].value");
                match value.value.as_str() {
                    Some(v) if v.eq_ignore_ascii_case("disabled") => report.fail(
                        &META,
                        group,
                        Some(value),
                        &path,
                        format!("{} turns TLS off.", group.address),
                    ),
                    None if value.value.is_unknown() => {
                        report.unknown(&META, group, Some(value), &path);
                    }
                    _ => {}
                }
            }
        }
    }
}
