//! Evaluation across the files of a module: variables, tfvars, locals, local modules,
//! instances and dynamic blocks, and unknown values that stay unknown.

use ward_core::Finding;

use super::scan_files;

/// `(path:line, rule, resource)` of every finding, and the inconclusive records.
fn run(files: &[(&str, &str)]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut findings = Vec::new();
    let mut inconclusive = Vec::new();
    let mut errors = Vec::new();
    for mut file in scan_files(files) {
        let (found, errs) = file.out.take();
        let (_, unknown) = file.out.take_coverage();
        findings.extend(found.into_iter().map(|(f, _): (Finding, String)| {
            format!(
                "{}:{} {} {}",
                f.location.path,
                f.location.span.start_line,
                f.rule_id,
                f.detail.iac.map(|d| d.resource).unwrap_or_default()
            )
        }));
        inconclusive.extend(
            unknown
                .into_iter()
                .map(|i| format!("{}:{} {} {}", i.path, i.line, i.rule_id, i.reason)),
        );
        errors.extend(
            errs.into_iter()
                .map(|e| format!("{}:{} {}", file.path, e.line.unwrap_or(0), e.message)),
        );
    }
    findings.sort();
    inconclusive.sort();
    (findings, inconclusive, errors)
}

fn with_rule<'a>(lines: &'a [String], rule: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter(|l| l.contains(rule))
        .map(String::as_str)
        .collect()
}

const PUBLIC_DB: &str = "terraform/aws-db-instance-public";

#[test]
fn variables_come_from_tfvars_over_defaults_across_files() {
    let main = r#"
resource "aws_db_instance" "main" {
  engine              = "postgres"
  storage_encrypted   = true
  publicly_accessible = var.public
}
"#;
    let variables = "variable \"public\" {\n  default = false\n}\n";
    let (findings, unknown, errors) =
        run(&[("infra/main.tf", main), ("infra/variables.tf", variables)]);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(with_rule(&findings, PUBLIC_DB).is_empty(), "{findings:?}");
    assert!(with_rule(&unknown, PUBLIC_DB).is_empty());

    let (findings, _, _) = run(&[
        ("infra/main.tf", main),
        ("infra/variables.tf", variables),
        ("infra/terraform.tfvars", "public = true\n"),
    ]);
    assert_eq!(
        with_rule(&findings, PUBLIC_DB),
        ["infra/main.tf:5 terraform/aws-db-instance-public aws_db_instance.main"]
    );

    // `*.auto.tfvars` come after terraform.tfvars and win.
    let (findings, _, _) = run(&[
        ("infra/main.tf", main),
        ("infra/variables.tf", variables),
        ("infra/terraform.tfvars", "public = true\n"),
        ("infra/z.auto.tfvars", "public = false\n"),
    ]);
    assert!(with_rule(&findings, PUBLIC_DB).is_empty(), "{findings:?}");
}

#[test]
fn a_variable_without_a_value_is_inconclusive_not_a_pass_or_a_failure() {
    let main = r#"
variable "public" {}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  storage_encrypted   = true
  publicly_accessible = var.public
}
"#;
    let (findings, unknown, _) = run(&[("main.tf", main)]);
    assert!(with_rule(&findings, PUBLIC_DB).is_empty(), "{findings:?}");
    assert_eq!(
        with_rule(&unknown, PUBLIC_DB),
        [
            "main.tf:7 terraform/aws-db-instance-public aws_db_instance.main: `publicly_accessible` is var.public, which the scan cannot know"
        ]
    );
}

#[test]
fn locals_functions_and_conditionals_are_evaluated() {
    let main = r#"
locals {
  env     = lower("PROD")
  exposed = local.env == "prod" ? contains(["prod"], local.env) : false
  acl     = format("%s-%s", "public", "read")
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  storage_encrypted   = true
  publicly_accessible = local.exposed
}

resource "aws_s3_bucket_acl" "site" {
  bucket = "site"
  acl    = "${local.acl}"
}
"#;
    let (findings, _, _) = run(&[("main.tf", main)]);
    assert_eq!(
        with_rule(&findings, PUBLIC_DB),
        ["main.tf:11 terraform/aws-db-instance-public aws_db_instance.main"]
    );
    assert_eq!(
        with_rule(&findings, "aws-s3-bucket-public-acl"),
        ["main.tf:16 terraform/aws-s3-bucket-public-acl aws_s3_bucket_acl.site"]
    );
}

#[test]
fn local_modules_get_their_callers_inputs_and_findings_name_the_module() {
    let root = r#"
module "db" {
  source = "./modules/db"
  public = true
}

module "db_private" {
  source = "./modules/db"
  public = false
}
"#;
    let child = r#"
variable "public" {
  default = false
}

resource "aws_db_instance" "this" {
  engine              = "postgres"
  storage_encrypted   = true
  publicly_accessible = var.public
}

output "id" {
  value = "db"
}
"#;
    let (findings, _, _) = run(&[("live/main.tf", root), ("live/modules/db/main.tf", child)]);
    // The module is judged through its callers only, not once more on its own.
    assert_eq!(
        with_rule(&findings, PUBLIC_DB),
        [
            "live/modules/db/main.tf:9 terraform/aws-db-instance-public module.db.aws_db_instance.this"
        ]
    );
}

#[test]
fn count_for_each_and_dynamic_blocks_expand_to_instances() {
    let main = r#"
variable "dbs" {
  default = { a = true, b = false }
}

resource "aws_db_instance" "each" {
  for_each            = var.dbs
  engine              = "postgres"
  storage_encrypted   = true
  publicly_accessible = each.value
}

resource "aws_db_instance" "counted" {
  count               = 2
  engine              = "postgres"
  storage_encrypted   = true
  publicly_accessible = count.index == 1
}

resource "aws_db_instance" "none" {
  count               = 0
  engine              = "postgres"
  publicly_accessible = true
}

resource "aws_security_group" "ssh" {
  dynamic "ingress" {
    for_each = [{ port = 22, cidr = "0.0.0.0/0" }, { port = 443, cidr = "0.0.0.0/0" }]
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }
}
"#;
    let (findings, _, _) = run(&[("main.tf", main)]);
    assert_eq!(
        with_rule(&findings, PUBLIC_DB),
        [
            "main.tf:10 terraform/aws-db-instance-public aws_db_instance.each[\"a\"]",
            "main.tf:17 terraform/aws-db-instance-public aws_db_instance.counted[1]",
        ]
    );
    assert_eq!(
        with_rule(&findings, "aws-security-group-ssh-open"),
        ["main.tf:33 terraform/aws-security-group-ssh-open aws_security_group.ssh"]
    );
}

#[test]
fn invalid_hcl_is_an_error_with_its_line_and_other_files_are_still_judged() {
    let broken = "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"a\"\n  acl = \n}\n";
    let good = "resource \"aws_db_instance\" \"m\" {\n  publicly_accessible = true\n  storage_encrypted = true\n}\n";
    let (findings, _, errors) = run(&[("a/broken.tf", broken), ("b/main.tf", good)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("a/broken.tf:3 invalid Terraform"),
        "{errors:?}"
    );
    assert_eq!(with_rule(&findings, PUBLIC_DB).len(), 1);
}

#[test]
fn deep_nesting_is_refused_without_recursing() {
    let deep = format!(
        "locals {{\n  x = {}{}\n}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (_, _, errors) = run(&[("deep.tf", &deep)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("nested more than"), "{errors:?}");
}

#[test]
fn cycles_between_locals_and_modules_end_as_unknown() {
    let main = r#"
locals {
  a = local.b
  b = local.a
}

module "self" {
  source = "./"
}

resource "aws_db_instance" "m" {
  storage_encrypted   = true
  publicly_accessible = local.a
}
"#;
    let (findings, unknown, errors) = run(&[("main.tf", main)]);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(with_rule(&findings, PUBLIC_DB).is_empty());
    assert_eq!(with_rule(&unknown, PUBLIC_DB).len(), 1, "{unknown:?}");
}
