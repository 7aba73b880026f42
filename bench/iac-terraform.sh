#!/usr/bin/env bash
# Generates a Terraform corpus of about 52,000 lines (bench/corpus/iac-terraform/, git-ignored):
# 100 root modules (live/envNNN), each with main.tf, app.tf (13 Lambda functions with their
# queues, log groups and rules), variables.tf, terraform.tfvars and calls to
# 6 shared local modules (modules/{network,storage,database,compute,iam,kubernetes}) whose
# resources use variables, locals, count, for_each, dynamic blocks and jsonencode policies; a
# quarter of the environments set insecure values through their tfvars. Then times
# `ward scan` on it (no result cache) and prints the finding and inconclusive counts.
#
#   bench/iac-terraform.sh                    generate (if missing) and time
#   WARD_BIN=path/to/ward bench/iac-terraform.sh
#   ENVS=200 bench/iac-terraform.sh           a larger corpus (regenerated)
#   GENERATE_ONLY=1 bench/iac-terraform.sh    only generate (bench/iac-compare.sh uses this)
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
cd "$REPO"
ENVS=${ENVS:-100}
RUNS=${RUNS:-5}
OUT=bench/corpus/iac-terraform
WARD_BIN=${WARD_BIN:-}
if [ -z "$WARD_BIN" ] && [ -z "${GENERATE_ONLY:-}" ]; then
  cargo build --release --locked -p ward-cli
  WARD_BIN=${CARGO_TARGET_DIR:-target}/release/ward
fi

if [ ! -f "$OUT/.envs-$ENVS" ]; then
  rm -rf "$OUT"
  mkdir -p "$OUT"
  python3 - "$OUT" "$ENVS" <<'PY'
import os, sys
out, envs = sys.argv[1], int(sys.argv[2])
def w(path, text):
    path = os.path.join(out, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

modules = {}
modules["network"] = '''
variable "name" {}
variable "cidr" { default = "10.0.0.0/16" }
variable "admin_cidrs" { default = ["10.0.0.0/8"] }
variable "public_ports" { default = [443] }

locals {
  tags = { Name = var.name, Module = "network" }
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
  tags       = local.tags
}
'''
for i in range(20):
    modules["network"] += f'''
resource "aws_security_group" "sg_{i}" {{
  name   = "${{var.name}}-{i}"
  vpc_id = aws_vpc.this.id

  ingress {{
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.admin_cidrs
  }}

  dynamic "ingress" {{
    for_each = var.public_ports
    content {{
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }}
  }}

  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}

  tags = merge(local.tags, {{ Index = "{i}" }})
}}
'''
modules["storage"] = '''
variable "name" {}
variable "buckets" { default = ["logs", "data", "backups"] }
variable "acl" { default = "private" }
'''
for i in range(10):
    modules["storage"] += f'''
resource "aws_s3_bucket" "b_{i}" {{
  for_each = toset(var.buckets)
  bucket   = "${{var.name}}-{i}-${{each.key}}"
}}

resource "aws_s3_bucket_acl" "b_{i}" {{
  for_each = toset(var.buckets)
  bucket   = aws_s3_bucket.b_{i}[each.key].id
  acl      = var.acl
}}

resource "aws_s3_bucket_versioning" "b_{i}" {{
  for_each = toset(var.buckets)
  bucket   = aws_s3_bucket.b_{i}[each.key].id
  versioning_configuration {{
    status = "Enabled"
  }}
}}

resource "aws_s3_bucket_public_access_block" "b_{i}" {{
  for_each                = toset(var.buckets)
  bucket                  = aws_s3_bucket.b_{i}[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}}
'''
modules["database"] = '''
variable "name" {}
variable "public" { default = false }
variable "retention" { default = 7 }
variable "instances" { default = 2 }
'''
for i in range(8):
    modules["database"] += f'''
resource "aws_db_instance" "db_{i}" {{
  count                   = var.instances
  identifier              = "${{var.name}}-{i}-${{count.index}}"
  engine                  = "postgres"
  instance_class          = "db.t4g.medium"
  storage_encrypted       = true
  publicly_accessible     = var.public
  backup_retention_period = var.retention
  kms_key_id              = aws_kms_key.db.arn
}}
'''
modules["database"] += '''
resource "aws_kms_key" "db" {
  description         = "database"
  enable_key_rotation = true
}
'''
modules["compute"] = '''
variable "name" {}
variable "http_tokens" { default = "required" }
variable "instance_type" { default = "t3.small" }
'''
for i in range(15):
    modules["compute"] += f'''
resource "aws_instance" "app_{i}" {{
  ami           = "ami-0123456789abcdef0"
  instance_type = var.instance_type
  metadata_options {{
    http_tokens = var.http_tokens
  }}
  root_block_device {{
    encrypted   = true
    volume_size = 20
  }}
  tags = {{ Name = format("%s-app-%d", var.name, {i}) }}
}}
'''
modules["iam"] = '''
variable "name" {}
variable "admin" { default = false }
'''
for i in range(10):
    modules["iam"] += f'''
resource "aws_iam_policy" "p_{i}" {{
  name = "${{var.name}}-p{i}"
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect   = "Allow"
      Action   = var.admin ? ["*"] : ["s3:GetObject", "s3:ListBucket"]
      Resource = var.admin ? ["*"] : ["arn:aws:s3:::${{var.name}}-{i}/*"]
    }}]
  }})
}}

data "aws_iam_policy_document" "d_{i}" {{
  statement {{
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:${{var.name}}-{i}"]
  }}
}}
'''
modules["kubernetes"] = '''
variable "name" {}
variable "public_endpoint" { default = false }

resource "aws_eks_cluster" "this" {
  name     = var.name
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-0123456789abcdef0"]
    endpoint_private_access = true
    endpoint_public_access  = var.public_endpoint
  }
}

resource "aws_ecr_repository" "apps" {
  for_each             = toset(["api", "web", "worker"])
  name                 = "${var.name}-${each.key}"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}
'''
for name, text in modules.items():
    w(f"modules/{name}/main.tf", text)

for e in range(envs):
    insecure = e % 4 == 0
    calls = "".join(f'''
module "{m}" {{
  source = "../../modules/{m}"
  name   = "${{local.prefix}}-{m}"
{extra}}}
''' for m, extra in [
        ("network", '  admin_cidrs = var.admin_cidrs\n'),
        ("storage", '  acl = var.bucket_acl\n'),
        ("database", '  public = var.db_public\n  retention = var.db_retention\n'),
        ("compute", '  http_tokens = var.http_tokens\n'),
        ("iam", '  admin = var.admin_policy\n'),
        ("kubernetes", '  public_endpoint = var.eks_public\n'),
    ])
    w(f"live/env{e:03d}/main.tf", f'''
terraform {{
  required_version = ">= 1.6"
}}

locals {{
  prefix = "env{e:03d}"
}}
{calls}''')
    w(f"live/env{e:03d}/variables.tf", '''
variable "admin_cidrs" { default = ["10.0.0.0/8"] }
variable "bucket_acl" { default = "private" }
variable "db_public" { default = false }
variable "db_retention" { default = 7 }
variable "http_tokens" { default = "required" }
variable "admin_policy" { default = false }
variable "eks_public" { default = false }
''')
    app = ""
    for i in range(13):
        app += f'''
resource "aws_lambda_function" "fn_{i}" {{
  function_name = "${{local.prefix}}-fn-{i}"
  role          = module.iam_role_arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  environment {{
    variables = {{
      STAGE     = local.prefix
      LOG_LEVEL = "info"
      QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/${{local.prefix}}-{i}"
    }}
  }}
}}

resource "aws_sqs_queue" "q_{i}" {{
  name                       = "${{local.prefix}}-{i}"
  visibility_timeout_seconds = 60
  kms_master_key_id          = "alias/aws/sqs"
}}

resource "aws_cloudwatch_log_group" "fn_{i}" {{
  name              = "/aws/lambda/${{local.prefix}}-fn-{i}"
  retention_in_days = {30 if i % 2 else 90}
}}

resource "aws_security_group_rule" "fn_{i}" {{
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = {8000 + i}
  to_port           = {8000 + i}
  protocol          = "tcp"
  cidr_blocks       = {'var.admin_cidrs' if i % 3 == 0 else '["10.1.0.0/16"]'}
}}
'''
    w(f"live/env{e:03d}/app.tf", app)
    if insecure:
        w(f"live/env{e:03d}/terraform.tfvars", '''admin_cidrs  = ["0.0.0.0/0"]
bucket_acl   = "public-read"
db_public    = true
db_retention = 0
http_tokens  = "optional"
admin_policy = true
eks_public   = true
''')
    else:
        w(f"live/env{e:03d}/terraform.tfvars", 'db_retention = 14\n')
open(os.path.join(out, f".envs-{envs}"), "w").close()
PY
fi
if [ -n "${GENERATE_ONLY:-}" ]; then
  exit 0
fi

lines=$(find "$OUT" -name '*.tf' -o -name '*.tfvars' | xargs cat | wc -l)
files=$(find "$OUT" -name '*.tf' -o -name '*.tfvars' | wc -l)
echo "corpus: $OUT, $files files, $lines lines"
"$WARD_BIN" scan "$OUT" --no-cache --no-progress --format json > /tmp/ward-iac-terraform.json || true
python3 - /tmp/ward-iac-terraform.json <<'PY'
import json, sys, collections
r = json.load(open(sys.argv[1]))
c = collections.Counter(f["rule_id"] for f in r["findings"])
comp = r["completeness"]
print(f"findings: {len(r['findings'])}, inconclusive: {len(comp.get('inconclusive', []))}, errors: {len(comp.get('errors', []))}")
for rule, n in sorted(c.items()):
    print(f"  {n:6d} {rule}")
PY
for _ in $(seq "$RUNS"); do
  /usr/bin/time -f "%e s wall, %U s user, %M KiB max RSS" "$WARD_BIN" scan "$OUT" --no-cache --no-progress --format json > /dev/null 2>/tmp/ward-iac-time || true
  tail -1 /tmp/ward-iac-time
done
