//! `terraform/aws-redshift-ssl-not-required`: a Redshift parameter group does not require SSL.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRedshiftSslNotRequired;

static META: Meta = Meta {
    id: "terraform/aws-redshift-ssl-not-required",
    title: "Redshift parameter group does not require SSL",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_redshift_parameter_group` has no `parameter` `require_ssl` set to \
        `true` (Redshift's default is `false`).",
    rationale: "Clients may then connect without TLS, sending credentials and query results \
        across the network in clear text.",
    remediation: "Add `parameter { name = \"require_ssl\" value = \"true\" }` and use the group \
        for your clusters.",
    example: "parameter {\n  name  = \"require_ssl\"\n  value = \"false\"   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AWS_105"],
};

impl TerraformCheck for AwsRedshiftSslNotRequired {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for group in module.of_type("aws_redshift_parameter_group") {
            let setting = group.body.blocks("parameter").find(|p| {
                p.body
                    .attr("name")
                    .and_then(|n| n.value.as_str().map(|n| n == "require_ssl"))
                    == Some(true)
            });
            let value = setting.and_then(|s| s.body.attr("value"));
            match value.map(|v| (v, v.value.as_bool())) {
                Some((_, Some(true))) => {}
                Some((v, None)) if v.value.is_unknown() => {
                    report.unknown(&META, group, Some(v), "parameter.value");
                }
                _ => report.fail(
                    &META,
                    group,
                    value,
                    "parameter.value",
                    format!("{} does not require SSL connections.", group.address),
                ),
            }
        }
    }
}
