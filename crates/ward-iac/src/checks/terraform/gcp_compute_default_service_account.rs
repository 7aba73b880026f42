//! `terraform/gcp-compute-default-service-account`: an instance runs as the default Compute Engine service account.

use ward_core::{Confidence, Severity};

use super::helpers::GCP_INSTANCE_TYPES;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpComputeDefaultServiceAccount;

static META: Meta = Meta {
    id: "terraform/gcp-compute-default-service-account",
    title: "Compute instance uses the default service account",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_compute_instance` or `google_compute_instance_template` has a \
        `service_account` block with no `email`, or with the project's default \
        `...-compute@developer.gserviceaccount.com`.",
    rationale: "The default service account is shared by every instance that uses it and often \
        holds the project-wide Editor role: one compromised instance reaches everything.",
    remediation: "Create a dedicated service account with only the roles the workload needs, and \
        set its `email` in `service_account`.",
    example: "service_account {\n  email  = \"123456789-compute@developer.gserviceaccount.com\"   # reported\n  scopes = [\"cloud-platform\"]\n}",
    cwe: &["CWE-250"],
    checkov: &["CKV_GCP_30"],
};

impl TerraformCheck for GcpComputeDefaultServiceAccount {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in GCP_INSTANCE_TYPES {
            for instance in module.of_type(rtype) {
                let Some(account) = instance.body.block("service_account") else {
                    continue;
                };
                match account.body.attr("email") {
                    None => report.fail_at(
                        &META,
                        instance,
                        account.span,
                        "service_account.email",
                        format!("{} runs as the default service account.", instance.address),
                    ),
                    Some(email) => match email.value.as_str() {
                        Some(e)
                            if e.ends_with("-compute@developer.gserviceaccount.com")
                                || e == "default" =>
                        {
                            report.fail(
                                &META,
                                instance,
                                Some(email),
                                "service_account.email",
                                format!(
                                    "{} runs as the default service account.",
                                    instance.address
                                ),
                            );
                        }
                        Some(_) => {}
                        // A reference to a service account resource is not the default one.
                        None if email.value.is_unknown()
                            && !email.value.display().starts_with("var.") => {}
                        None => {
                            report.unknown(&META, instance, Some(email), "service_account.email");
                        }
                    },
                }
            }
        }
    }
}
