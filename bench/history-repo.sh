#!/usr/bin/env bash
# Builds a git repository with a long, busy history and ~20 planted secrets, for timing
# `ward scan --history` against `gitleaks git` (bench/secrets.sh, section "history").
#
#   bench/history-repo.sh                  build bench/tools/history-repo (kept out of the walk corpus; skipped when up to date)
#   COMMITS=2000 FILES=200 SEED=7 bench/history-repo.sh
#   HISTORY_REPO=/tmp/h bench/history-repo.sh
#   FORCE=1 bench/history-repo.sh          rebuild even if up to date
#
# Beside it, $OUT-packed is the same repository repacked the way `git gc` or a clone from a
# hosting server stores it (`git repack -a -d -f`: file versions as deltas of each other), where
# fast-import left most versions whole. Both layouts are timed by bench/secrets.sh.
#
# How: one Python pass writes a `git fast-import` stream (10,000 commits take seconds; no
# `git commit` is run). The first commit holds FILES real source files taken from bench/corpus
# (files that show no credential-like word, so that the planted secrets are what a scanner should
# find); every later commit edits files (inserts, deletes and rewrites lines, appends), and some
# add files (from the corpus), delete files or rename files. At fixed commits it plants a secret
# and, later, removes some of them again (line deleted, or whole file deleted) or renames the
# file that holds them. Secrets are made at run time by a seeded random generator (the PEM keys
# by `openssl`, once, kept in bench/tools/history-keys/), in the shape of the real thing
# (GitHub tokens carry their CRC32 checksum).
#
# The repository has no checkout (only .git/), so the corpus walks of bench/walk.sh and
# bench/secrets.sh see no extra files except through rg, which walks .git/ with --hidden.
# What was planted is listed in .git/ward-bench-planted.tsv: id, expected rule, introducing
# commit, path and line at introduction, fate (kept / line-removed / file-deleted / renamed),
# the commit of that fate, and the secret itself (fake, random).
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(dirname "$BENCH")
cd "$REPO_ROOT"
OUT=${HISTORY_REPO:-bench/tools/history-repo}
COMMITS=${COMMITS:-10000}
FILES=${FILES:-300}
SEED=${SEED:-20261124}
KEYS=bench/tools/history-keys

log() { printf '[history-repo %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

params="commits=$COMMITS files=$FILES seed=$SEED generator=5"
packed() { # $OUT-packed: a copy of $OUT repacked with deltas, remade when $OUT changed
  if [[ -f $OUT-packed/.git/ward-bench-params && $(cat "$OUT-packed/.git/ward-bench-params") == "$params" ]]; then
    return
  fi
  log "repacking a copy with deltas: $OUT-packed"
  rm -rf "$OUT-packed"
  cp -a "$OUT" "$OUT-packed"
  git -C "$OUT-packed" repack -a -d -f -q
  git -C "$OUT-packed" count-objects -vH | sed 's/^/  /' >&2
}
if [[ -z ${FORCE:-} && -f $OUT/.git/ward-bench-params && $(cat "$OUT/.git/ward-bench-params") == "$params" ]]; then
  log "$OUT is up to date ($params)"
  packed
  exit 0
fi
[[ -s bench/corpus/MANIFEST.txt ]] || { log "no corpus: run bench/corpus.sh first"; exit 1; }

# PEM keys, made once and kept (so that a rebuild gives the same repository).
mkdir -p "$KEYS"
if [[ ! -s $KEYS/rsa.pem ]]; then
  openssl genrsa -traditional -out "$KEYS/rsa.pem" 2048 2>/dev/null
fi
if [[ ! -s $KEYS/ec.pem ]]; then
  openssl ecparam -name prime256v1 -genkey -noout -out "$KEYS/ec.pem" 2>/dev/null
fi

log "building $OUT: $params"
rm -rf "$OUT"
mkdir -p "$OUT"
git init -q -b main "$OUT"
git -C "$OUT" config gc.auto 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - bench/corpus "$COMMITS" "$FILES" "$SEED" "$KEYS" "$work/planted.json" <<'EOF' |
import json, os, random, re, sys, zlib

corpus, n_commits, n_files, seed, keys_dir, planted_out = sys.argv[1:7]
n_commits, n_files, seed = int(n_commits), int(n_files), int(seed)
rng = random.Random(seed)
out = sys.stdout.buffer

# --- source files from the corpus ------------------------------------------------------------
EXTS = {".py", ".rs", ".js", ".ts", ".md", ".yml", ".yaml", ".toml", ".txt", ".html", ".css",
        ".rst", ".json", ".sh", ".cfg", ".ini"}
SAFE_PATH = re.compile(r"^[A-Za-z0-9._/-]+$")
CREDENTIAL_WORD = re.compile(
    r"(?i)passw|passwd|pwd|secret|token|api[_-]?key|apikey|credential|private|auth|bearer|"
    r"AKIA|gh[pousr]_|xox[abposr]-|sk_live|BEGIN |-----|://[^/\s]*@")
candidates = []
for root, dirs, files in os.walk(corpus):
    dirs[:] = sorted(d for d in dirs if d not in (".git", "history-repo"))
    for name in sorted(files):
        path = os.path.join(root, name)
        rel = os.path.relpath(path, corpus)
        if os.path.splitext(name)[1] not in EXTS or not SAFE_PATH.match(rel):
            continue
        size = os.path.getsize(path)
        if 800 <= size <= 24000:
            candidates.append((rel, path))
rng.shuffle(candidates)

def load(path):
    try:
        text = open(path, "rb").read().decode("utf-8")
    except UnicodeDecodeError:
        return None
    if CREDENTIAL_WORD.search(text) or "\r" in text:
        return None
    return text

pool = []  # (repo path, text), used for the initial tree and for later additions
for rel, path in candidates:
    text = load(path)
    if text is not None:
        parts = rel.split("/")
        # python/Django-5.0.6/django/x.py -> django/x.py; rust/tokio-1.0/src/x.rs -> tokio/src/x.rs
        repo_path = "/".join([parts[1].rsplit("-", 1)[0]] + parts[2:]) if len(parts) > 2 else rel
        pool.append((repo_path, text))
    if len(pool) >= n_files * 6:
        break
seen = set()
pool = [(p, t) for p, t in pool if not (p in seen or seen.add(p))]

# --- secrets -----------------------------------------------------------------------------------
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
def rand(alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))
def github(prefix):
    body = rand(ALNUM, 30)
    value, check = zlib.crc32(body.encode()), []
    for _ in range(6):
        check.append(ALNUM[value % 62]); value //= 62
    return prefix + body + "".join(reversed(check))
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "_-"
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
pem_rsa = open(os.path.join(keys_dir, "rsa.pem")).read().strip()
pem_ec = open(os.path.join(keys_dir, "ec.pem")).read().strip()

aws_id1, aws_secret1 = "AKIA" + rand(B32, 16), rand(B64, 40)
aws_id2, aws_secret2 = "AKIA" + rand(B32, 16), rand(B64, 40)
pg_password = rand(ALNUM, 18)
# Each plant: id, expected ward rule, where (new file or append to an existing one), the lines,
# the secret values to look for, and its fate.
plants = [
    dict(id="github-pat-1", rule="github-personal-access-token", values=[github("ghp_")],
         where="append:.py", fmt='GITHUB_TOKEN = "{0}"', fate="kept"),
    dict(id="github-pat-2", rule="github-personal-access-token", values=[github("ghp_")],
         where="new:scripts/release.sh", fmt='#!/bin/sh\nexport GH_TOKEN={0}\ngh release create "$1"', fate="line-removed"),
    dict(id="aws-key-id-1", rule="aws-access-key-id", values=[aws_id1],
         where="new:deploy/aws/credentials", fmt="[default]\naws_access_key_id = {0}", fate="kept"),
    dict(id="aws-secret-1", rule="aws-secret-access-key", values=[aws_secret1],
         where="same:aws-key-id-1", fmt="aws_secret_access_key = {0}", fate="kept"),
    dict(id="aws-key-id-2", rule="aws-access-key-id", values=[aws_id2],
         where="new:infra/ci-aws.yml", fmt="env:\n  AWS_ACCESS_KEY_ID: {0}", fate="file-deleted"),
    dict(id="aws-secret-2", rule="aws-secret-access-key", values=[aws_secret2],
         where="same:aws-key-id-2", fmt="  AWS_SECRET_ACCESS_KEY: {0}", fate="file-deleted"),
    dict(id="slack-bot-1", rule="slack-bot-token", values=["xoxb-" + rand("0123456789", 12) + "-" + rand("0123456789", 13) + "-" + rand(ALNUM, 24)],
         where="append:.py", fmt='SLACK_BOT_TOKEN = "{0}"', fate="kept"),
    dict(id="slack-bot-2", rule="slack-bot-token", values=["xoxb-" + rand("0123456789", 11) + "-" + rand("0123456789", 12) + "-" + rand(ALNUM, 24)],
         where="append:.js", fmt="const slackToken = '{0}';", fate="line-removed"),
    dict(id="rsa-private-key", rule="private-key-rsa", values=[pem_rsa],
         where="new:keys/deploy_rsa.pem", fmt="{0}", fate="file-deleted"),
    dict(id="ec-private-key", rule="private-key-ec", values=[pem_ec],
         where="new:keys/signing-ec.pem", fmt="{0}", fate="renamed"),
    dict(id="stripe-live", rule="stripe-live-secret-key", values=["sk_live_" + rand(ALNUM, 24)],
         where="append:.js", fmt="const stripe = require('stripe')('{0}');", fate="line-removed"),
    dict(id="sendgrid", rule="sendgrid-api-key", values=["SG." + rand(URLSAFE, 22) + "." + rand(URLSAFE, 43)],
         where="append:.py", fmt='SENDGRID_API_KEY = "{0}"', fate="kept"),
    dict(id="gitlab-pat", rule="gitlab-personal-access-token", values=["glpat-" + rand(ALNUM, 20)],
         where="new:.gitlab/ci-token.env", fmt="GITLAB_TOKEN={0}", fate="kept"),
    dict(id="npm-token", rule="npm-access-token", values=["npm_" + rand(ALNUM, 36)],
         where="new:.npmrc", fmt="//registry.npmjs.org/:_authToken={0}", fate="line-removed"),
    dict(id="gcp-api-key", rule="gcp-api-key", values=["AIza" + rand(URLSAFE, 35)],
         where="append:.js", fmt="const mapsKey = '{0}';", fate="kept"),
    dict(id="age-key", rule="age-secret-key", values=["AGE-SECRET-KEY-1" + rand(BECH32, 58)],
         where="new:secrets/age.key", fmt="# created: 2021-03-01T10:00:00Z\n{0}", fate="kept"),
    dict(id="pypi-token", rule="pypi-upload-token", values=["pypi-AgEIcHlwaS5vcmc" + rand(URLSAFE, 70)],
         where="new:.pypirc", fmt="[pypi]\nusername = __token__\npassword = {0}", fate="kept"),
    dict(id="postgres-url", rule="postgres-connection-string-password", values=[pg_password],
         where="new:config/.env", fmt="DATABASE_URL=postgres://app:{0}@db.prod.internal:5432/app", fate="renamed"),
    dict(id="generic-password", rule="generic-password", values=[rand(ALNUM, 10) + "!" + rand(ALNUM, 5)],
         where="append:.py", fmt='DB_PASSWORD = "{0}"', fate="kept"),
    dict(id="slack-webhook", rule="slack-incoming-webhook",
         values=["https://hooks.slack.com/services/T" + rand(ALNUM.upper()[:36], 8) + "/B" + rand(ALNUM.upper()[:36], 10) + "/" + rand(ALNUM, 24)],
         where="append:.yml", fmt="notify_url: {0}", fate="kept"),
]

# --- history -----------------------------------------------------------------------------------
AUTHORS = [("Ada Lovelace", "ada@example.com"), ("Grace Hopper", "grace@example.com"),
           ("Linus Torvalds", "linus@example.com"), ("Barbara Liskov", "barbara@example.com"),
           ("Ken Thompson", "ken@example.com")]
WORDS = ("config cache retry parser token-free refactor logging handler timeout worker queue "
         "index schema render layout fixture helper adapter client server stream buffer").split()
COMMENT = {".py": "# ", ".sh": "# ", ".yml": "# ", ".yaml": "# ", ".toml": "# ", ".cfg": "# ",
           ".ini": "; ", ".rs": "// ", ".js": "// ", ".ts": "// ", ".css": "/* ", ".html": "<!-- "}

files = {}                       # path -> list of lines (without newlines)
protected = set()                # paths holding a live planted secret: only appended to
pool_index = n_files
for path, text in pool[:n_files]:
    files[path] = text.rstrip("\n").split("\n")

def commented(path, words):
    ext = os.path.splitext(path)[1]
    prefix = COMMENT.get(ext, "")
    suffix = " */" if ext == ".css" else (" -->" if ext == ".html" else "")
    return prefix + words + suffix

def data(b):
    out.write(b"data %d\n" % len(b)); out.write(b); out.write(b"\n")

t = 1577836800  # 2020-01-01
mark = 0
changes = []
def commit(message):
    global mark, t
    mark += 1
    t += rng.randint(300, 9000)
    name, email = rng.choice(AUTHORS)
    out.write(b"commit refs/heads/main\nmark :%d\n" % mark)
    out.write(b"author %s <%s> %d +0000\n" % (name.encode(), email.encode(), t))
    out.write(b"committer %s <%s> %d +0000\n" % (name.encode(), email.encode(), t))
    data(message.encode())
    if mark > 1:
        out.write(b"from :%d\n" % (mark - 1))
    for change in changes:
        out.write(change)
    changes.clear()
    return mark

def put(path):
    changes.append(b"M 100644 inline %s\n" % path.encode())
    body = ("\n".join(files[path]) + "\n").encode() if files[path] else b""
    changes.append(b"data %d\n%s\n" % (len(body), body))

def edit(path, i):
    lines = files[path]
    if path in protected:
        lines.append(commented(path, "%s %d" % (rng.choice(WORDS), i)))
        return
    op = rng.random()
    pos = rng.randrange(len(lines) + 1)
    if op < 0.5 or len(lines) < 5:
        lines.insert(pos, commented(path, "%s: %s %d" % (rng.choice(WORDS), rng.choice(WORDS), i)))
    elif op < 0.7:
        del lines[min(pos, len(lines) - 1)]
    else:
        j = min(pos, len(lines) - 1)
        lines[j] = lines[j].rstrip() + ("  " if lines[j].strip() else "") + commented(path, rng.choice(WORDS))

for path in files:
    put(path)
commit("Initial import of %d files" % len(files))

# When each plant happens, and when its fate does.
# (For 10,000 commits: plants from commit 200 to 9,400, fates 40 to 400 commits later.)
first, last = min(200, n_commits // 50 + 2), n_commits - min(600, n_commits // 16 + 2)
step = max(2, (last - first) // len(plants))
for k, plant in enumerate(plants):
    plant["at"] = first + k * step + rng.randrange(step // 2)
    plant["fate_at"] = plant["at"] + rng.randint(min(40, n_commits // 100 + 1), min(400, n_commits // 25 + 2)) \
        if plant["fate"] != "kept" else None
    if plant["where"].startswith("same:"):  # in the same file as another plant, same commit
        parent = next(p for p in plants if p["id"] == plant["where"][5:])
        plant["at"], plant["fate_at"] = parent["at"], parent["fate_at"]
events = {}
for plant in plants:
    events.setdefault(plant["at"], []).append(("plant", plant))
    if plant["fate_at"]:
        events.setdefault(plant["fate_at"], []).append((plant["fate"], plant))
by_id = {p["id"]: p for p in plants}

def pick(ext=None, movable=False):
    names = [p for p in files if (ext is None or p.endswith(ext)) and not (movable and p in protected)]
    return rng.choice(names) if names else None

for i in range(2, n_commits + 1):
    message = None
    for kind, plant in events.get(i, []):
        if kind == "plant":
            where = plant["where"]
            text = plant["fmt"].format(*plant["values"])
            if where.startswith("new:"):
                path = where[4:]
                files[path] = []
            elif where.startswith("same:"):
                path = by_id[where[5:]]["path"]
            else:
                path = pick(where[7:], movable=True) or pick(movable=True)
            start = len(files[path]) + 1
            files[path].extend(text.split("\n"))
            plant.update(path=path, line=start, lines=text.split("\n"))
            protected.add(path)
            put(path)
            message = "Configure %s" % os.path.basename(path)
        elif kind == "line-removed":
            path = plant["path"]
            files[path] = [l for l in files[path] if not any(v in l for v in plant["values"])]
            put(path)
            message = "Remove hard-coded credential from %s" % os.path.basename(path)
        elif kind == "file-deleted":
            path = plant["path"]
            protected.discard(path)
            if path in files:
                del files[path]
                changes.append(b"D %s\n" % path.encode())
            message = "Delete %s" % path
        elif kind == "renamed":
            old = plant["path"]
            new = {"keys/signing-ec.pem": "config/keys/signing-ec-prod.pem",
                   "config/.env": "config/production.env"}.get(old, old + ".moved")
            files[new] = files.pop(old)
            protected.discard(old); protected.add(new)
            changes.append(b"R %s %s\n" % (old.encode(), new.encode()))
            plant["renamed_to"] = new
            message = "Move %s to %s" % (old, new)
    if message is None and i % 97 == 0 and protected:
        # Touch the files that hold live secrets now and then, so that each secret sits in many
        # blobs (a scanner of history must still report it once).
        for path in sorted(protected):
            edit(path, i); put(path)
        message = "Routine update of configuration"
    if message is None:
        r = rng.random()
        if r < 0.55:
            path = pick(); edit(path, i); put(path)
            message = "Update %s" % os.path.basename(path)
        elif r < 0.70:
            a, b = pick(), pick()
            edit(a, i); put(a)
            if b != a:
                edit(b, i); put(b)
            message = "Tidy %s and %s" % (os.path.basename(a), os.path.basename(b))
        elif r < 0.80 and pool_index < len(pool):
            path, text = pool[pool_index]; pool_index += 1
            if path not in files:
                files[path] = text.rstrip("\n").split("\n"); put(path)
                message = "Add %s" % os.path.basename(path)
            else:
                edit(path, i); put(path); message = "Update %s" % os.path.basename(path)
        elif r < 0.88 and len(files) > n_files * 0.7:
            path = pick(movable=True)
            del files[path]; changes.append(b"D %s\n" % path.encode())
            message = "Remove %s" % os.path.basename(path)
        else:
            old = pick(movable=True)
            d, base = os.path.split(old)
            stem, ext = os.path.splitext(base)
            new = os.path.join(d, "%s_%d%s" % (stem, i, ext)) if r < 0.95 else os.path.join(
                os.path.dirname(pick()), base)
            if new in files or new == old:
                edit(old, i); put(old); message = "Update %s" % base
            else:
                files[new] = files.pop(old)
                changes.append(b"R %s %s\n" % (old.encode(), new.encode()))
                if r >= 0.95:
                    edit(new, i); put(new)
                message = "Rename %s to %s" % (old, new)
    this = commit(message)
    for kind, plant in events.get(i, []):
        plant["mark" if kind == "plant" else "fate_mark"] = this

json.dump([{k: v for k, v in p.items() if k not in ("fmt",)} for p in plants],
          open(planted_out, "w"), indent=1)
print("commits: %d, files at the end: %d, source files used: %d" % (mark, len(files), pool_index),
      file=sys.stderr)
EOF
  git -C "$OUT" fast-import --quiet --export-marks="$work/marks"

python3 - "$work/planted.json" "$work/marks" "$OUT/.git/ward-bench-planted.tsv" <<'EOF'
import json, sys
plants = json.load(open(sys.argv[1]))
marks = dict(line.split() for line in open(sys.argv[2]))
with open(sys.argv[3], "w") as out:
    out.write("id\trule\tcommit\tpath\tline\tfate\tfate_commit\trenamed_to\tvalue\n")
    for p in plants:
        for value in p["values"]:
            out.write("\t".join([
                p["id"], p["rule"], marks[":%d" % p["mark"]], p["path"], str(p["line"]), p["fate"],
                marks[":%d" % p["fate_mark"]] if p.get("fate_mark") else "-",
                p.get("renamed_to", "-"), value.replace("\n", "\\n")]) + "\n")
EOF
echo "$params" >"$OUT/.git/ward-bench-params"
git -C "$OUT" count-objects -vH | sed 's/^/  /' >&2
log "$(git -C "$OUT" rev-list --count HEAD) commits on main; planted: $OUT/.git/ward-bench-planted.tsv"
packed
