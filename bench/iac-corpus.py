#!/usr/bin/env python3
"""Generates the mixed IaC corpus of bench/iac-compare.sh (deterministic: one fixed seed).

usage: iac-corpus.py OUT_DIR [SERVICES]

A monorepo of SERVICES (default 150) services, about 40,000 lines in all:
  services/NAME/k8s/        Deployment, StatefulSet or CronJob, Service, Ingress, RBAC, and for
                            some a ConfigMap, HorizontalPodAutoscaler, NetworkPolicy, PDB
  services/NAME/Dockerfile  multi-stage builds for Go, Python, Node, Java and Rust
  services/NAME/docker-compose.yml            for about a third
  services/NAME/cloudformation/*.yaml|.json   for about a quarter (YAML with short-form tags)
  services/NAME/terraform/                    for about a fifth
  .github/workflows/NAME-ci.yml               one per service, plus release, triage and
                                              nightly workflows for some
Insecure settings appear at rates loosely like those of real repositories (most files are
clean; a few have one or two problems). Everything is written here, from word lists.
"""

import json
import os
import random
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 150
rng = random.Random(20261203)


def chance(p):
    return rng.random() < p


def pick(seq):
    return rng.choice(seq)


def write(path, text):
    path = os.path.join(out, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text.lstrip("\n"))


DOMAINS = ["billing", "ledger", "catalog", "search", "invoice", "payout", "shipping", "profile",
           "session", "notify", "audit", "pricing", "quota", "geo", "inventory", "review",
           "media", "report", "export", "import", "tenant", "webhook", "scheduler", "refund",
           "coupon", "ranking", "feed", "chat", "upload", "thumbnail"]
ROLES = ["api", "worker", "gateway", "sync", "indexer", "cron", "consumer", "frontend",
         "admin", "bridge"]
LANGS = ["go", "python", "node", "java", "rust"]
TEAMS = ["payments", "platform", "growth", "core", "data", "identity", "commerce"]
REGISTRY = "registry.example.internal"

names = []
while len(names) < count:
    n = f"{pick(DOMAINS)}-{pick(ROLES)}"
    if n not in names:
        names.append(n)


# --- Kubernetes --------------------------------------------------------------------------------

def image_ref(name, lang):
    r = rng.random()
    if r < 0.07:
        return f"{REGISTRY}/{name}:latest"
    if r < 0.10:
        return f"{REGISTRY}/{name}"
    if r < 0.22:
        return f"{REGISTRY}/{name}@sha256:" + "".join(pick("0123456789abcdef") for _ in range(64))
    return f"{REGISTRY}/{name}:{rng.randint(1, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}"


def indent(text, n):
    pad = " " * n
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def container(name, lang, svc):
    port = pick([8080, 8000, 3000, 9000, 5000])
    lines = [f"- name: {name}", f"  image: {image_ref(name, lang)}",
             f"  imagePullPolicy: {pick(['IfNotPresent', 'Always'])}"]
    if chance(0.3):
        lines += ["  args:", f"    - --port={port}", f"    - --log-level={pick(['info', 'warn', 'debug'])}"]
    lines += ["  ports:", f"    - name: http", f"      containerPort: {port}", "      protocol: TCP"]
    if chance(0.25):
        lines += ["    - name: metrics", "      containerPort: 9090"]
    env = [("SERVICE_NAME", name), ("TEAM", svc["team"]),
           ("LOG_FORMAT", pick(["json", "logfmt"]))]
    lines += ["  env:"]
    for k, v in env[: rng.randint(1, 3)]:
        lines += [f"    - name: {k}", f"      value: \"{v}\""]
    if svc["db"]:
        if chance(0.06):
            lines += ["    - name: DATABASE_PASSWORD", f"      value: \"{pick(['hunter2', 'changeme', 'Winter2026!'])}\""]
        else:
            lines += ["    - name: DATABASE_PASSWORD", "      valueFrom:", "        secretKeyRef:",
                      f"          name: {name}-db", "          key: password"]
    if chance(0.04):
        lines += ["    - name: API_TOKEN", "      value: \"tok-example-0000000000\""]
    if chance(0.4):
        lines += ["  envFrom:", "    - configMapRef:", f"        name: {name}-config"]
    if chance(0.85):
        lines += ["  resources:", "    requests:", f"      cpu: {pick(['50m', '100m', '250m', '500m'])}",
                  f"      memory: {pick(['64Mi', '128Mi', '256Mi', '512Mi'])}"]
        if chance(0.82):
            lines += ["    limits:", f"      cpu: {pick(['200m', '500m', '1', '2'])}",
                      f"      memory: {pick(['256Mi', '512Mi', '1Gi', '2Gi'])}"]
    if svc["kind"] != "CronJob" and chance(0.8):
        path = pick(["/healthz", "/health", "/ready", "/livez"])
        lines += ["  readinessProbe:", "    httpGet:", f"      path: {path}", f"      port: {port}",
                  f"    periodSeconds: {pick([5, 10, 15])}"]
        if chance(0.7):
            lines += ["  livenessProbe:", "    httpGet:", f"      path: {path}", f"      port: {port}",
                      f"    initialDelaySeconds: {pick([10, 20, 30])}"]
    # securityContext: hardened, partial, absent, or a bad one now and then
    r = rng.random()
    sc = []
    if r < 0.45:
        sc = ["  securityContext:", "    runAsNonRoot: true", f"    runAsUser: {pick([1000, 10001, 65532])}",
              "    allowPrivilegeEscalation: false", "    readOnlyRootFilesystem: true",
              "    capabilities:", "      drop: [\"ALL\"]"]
        if chance(0.6):
            sc += ["    seccompProfile:", "      type: RuntimeDefault"]
    elif r < 0.78:
        sc = ["  securityContext:"]
        opts = [["    runAsNonRoot: true"], ["    allowPrivilegeEscalation: false"],
                ["    readOnlyRootFilesystem: true"], ["    runAsUser: 1000"],
                ["    capabilities:", "      drop:", "        - ALL"]]
        rng.shuffle(opts)
        for o in opts[: rng.randint(1, 3)]:
            sc += o
    elif r < 0.82:
        sc = ["  securityContext:", "    privileged: true"]
    elif r < 0.86:
        sc = ["  securityContext:", "    allowPrivilegeEscalation: true", "    runAsUser: 0"]
    elif r < 0.89:
        sc = ["  securityContext:", "    capabilities:", "      add:", f"        - {pick(['NET_ADMIN', 'SYS_ADMIN', 'SYS_PTRACE'])}"]
    lines += sc
    mounts = []
    if svc["config"]:
        mounts.append(("config", "/etc/app", True))
    if svc["hostpath"]:
        mounts.append(("host", svc["hostpath"], False))
    if svc["kind"] == "StatefulSet":
        mounts.append(("data", "/var/lib/data", False))
    if mounts or chance(0.3):
        lines += ["  volumeMounts:"]
        for vname, path, ro in mounts or [("tmp", "/tmp", False)]:
            lines += [f"    - name: {vname}", f"      mountPath: {path}"]
            if ro:
                lines += ["      readOnly: true"]
        if not mounts:
            svc["tmp"] = True
    return "\n".join(lines) + "\n"


def pod_spec(name, lang, svc):
    lines = []
    if svc["sa"]:
        lines.append(f"serviceAccountName: {name}")
    if chance(0.5):
        lines.append("automountServiceAccountToken: false")
    r = rng.random()
    if r < 0.025:
        lines.append("hostNetwork: true")
    elif r < 0.04:
        lines.append("hostPID: true")
    elif r < 0.05:
        lines.append("hostIPC: true")
    if chance(0.35):
        lines += ["securityContext:", "  runAsNonRoot: true", f"  fsGroup: {pick([1000, 2000])}"]
        if chance(0.5):
            lines += ["  seccompProfile:", "    type: RuntimeDefault"]
    if svc["kind"] == "CronJob":
        lines.append("restartPolicy: OnFailure")
    if chance(0.2):
        lines += ["nodeSelector:", f"  workload: {pick(['general', 'memory', 'batch'])}"]
    if chance(0.15):
        lines += ["tolerations:", "  - key: dedicated", "    operator: Equal",
                  f"    value: {svc['team']}", "    effect: NoSchedule"]
    if chance(0.25) and svc["kind"] != "CronJob":
        lines += ["affinity:", "  podAntiAffinity:", "    preferredDuringSchedulingIgnoredDuringExecution:",
                  "      - weight: 100", "        podAffinityTerm:", "          topologyKey: kubernetes.io/hostname",
                  "          labelSelector:", "            matchLabels:", f"              app: {name}"]
    if svc["init"]:
        lines += ["initContainers:", "  - name: migrate", f"    image: {REGISTRY}/{name}-migrate:{rng.randint(1, 9)}.0.0",
                  "    command: [\"/app/migrate\", \"up\"]"]
        if chance(0.6):
            lines += ["    securityContext:", "      allowPrivilegeEscalation: false", "      runAsNonRoot: true"]
    lines.append("containers:")
    lines.append(indent(container(name, lang, svc), 2).rstrip("\n"))
    if svc["sidecar"]:
        lines += ["  - name: log-shipper", f"    image: {REGISTRY}/log-shipper:{pick(['2.1.0', '2.2.3', 'latest'])}",
                  "    resources:", "      limits:", "        cpu: 100m", "        memory: 64Mi"]
    vols = []
    if svc["config"]:
        vols += ["  - name: config", "    configMap:", f"      name: {name}-config"]
    if svc["hostpath"]:
        vols += ["  - name: host", "    hostPath:", f"      path: {svc['hostpath']}"]
    if svc.get("tmp"):
        vols += ["  - name: tmp", "    emptyDir: {}"]
    if vols:
        lines += ["volumes:"] + vols
    return "\n".join(lines) + "\n"


def labels(name, svc, n):
    return indent(f"app: {name}\napp.kubernetes.io/part-of: shop\nteam: {svc['team']}\n", n)


def metadata(name, svc, ns=True, suffix=""):
    m = f"metadata:\n  name: {name}{suffix}\n"
    if ns and svc["namespace"]:
        m += f"  namespace: {svc['namespace']}\n"
    m += "  labels:\n" + labels(name, svc, 4)
    return m


def workload(name, lang, svc):
    kind = svc["kind"]
    spec = pod_spec(name, lang, svc)
    if kind == "CronJob":
        return f"""apiVersion: batch/v1
kind: CronJob
{metadata(name, svc)}spec:
  schedule: "{rng.randint(0, 59)} {pick(['*', '*/2', '3', '*/6'])} * * *"
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: {pick([1, 3])}
  jobTemplate:
    spec:
      backoffLimit: {pick([0, 2, 4])}
      template:
        metadata:
          labels:
{labels(name, svc, 12)}        spec:
{indent(spec, 10)}"""
    head = f"""apiVersion: apps/v1
kind: {kind}
{metadata(name, svc)}spec:
"""
    if kind == "StatefulSet":
        head += f"  serviceName: {name}\n"
    head += f"""  replicas: {pick([1, 2, 3, 3, 4, 6])}
  selector:
    matchLabels:
      app: {name}
"""
    if kind == "Deployment" and chance(0.5):
        head += "  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n"
    head += f"""  template:
    metadata:
      labels:
{labels(name, svc, 8)}"""
    if chance(0.3):
        head += "      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"9090\"\n"
    head += "    spec:\n" + indent(spec, 6)
    if kind == "StatefulSet":
        head += f"""  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: {pick(['gp3', 'standard', 'fast-ssd'])}
        resources:
          requests:
            storage: {pick(['10Gi', '20Gi', '50Gi'])}
"""
    return head


def k8s(name, lang, svc):
    docs = [workload(name, lang, svc)]
    if svc["extra_cron"]:
        cron = dict(svc, kind="CronJob", hostpath=None, sidecar=False, init=False, config=False)
        docs.append(workload(name + "-cleanup", lang, cron))
    write(f"services/{name}/k8s/workload.yaml", "---\n".join(docs))
    if svc["kind"] != "CronJob":
        stype = pick(["ClusterIP"] * 6 + ["LoadBalancer", "NodePort"])
        write(f"services/{name}/k8s/service.yaml", f"""apiVersion: v1
kind: Service
{metadata(name, svc)}spec:
  type: {stype}
  selector:
    app: {name}
  ports:
    - name: http
      port: 80
      targetPort: http
""")
        if svc["ingress"]:
            host = f"{name}.{pick(['shop.example.com', 'internal.example.com', 'api.example.org'])}"
            tls = f"""  tls:
    - hosts:
        - {host}
      secretName: {name}-tls
""" if chance(0.8) else ""
            ann = ""
            if chance(0.6):
                ann = "  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt\n"
                if chance(0.3):
                    ann += f"    nginx.ingress.kubernetes.io/proxy-body-size: {pick(['1m', '8m', '50m'])}\n"
            write(f"services/{name}/k8s/ingress.yaml", f"""apiVersion: networking.k8s.io/v1
kind: Ingress
{metadata(name, svc)}{ann}spec:
  ingressClassName: {pick(['nginx', 'alb', 'traefik'])}
{tls}  rules:
    - host: {host}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {name}
                port:
                  number: 80
""")
    if svc["sa"]:
        rules = [f"""  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch"]
"""]
        r = rng.random()
        if r < 0.10:
            rules.append("""  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list"]
""")
        elif r < 0.14:
            rules.append("""  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
""")
        elif r < 0.4:
            rules.append(f"""  - apiGroups: ["coordination.k8s.io"]
    resources: ["leases"]
    verbs: ["get", "create", "update"]
""")
        binding = f"""apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
{metadata(name, svc)}subjects:
  - kind: ServiceAccount
    name: {name}
"""
        if svc["namespace"]:
            binding += f"    namespace: {svc['namespace']}\n"
        binding += f"""roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {name}
"""
        docs = [f"""apiVersion: v1
kind: ServiceAccount
{metadata(name, svc)}""" + ("automountServiceAccountToken: false\n" if chance(0.4) else ""),
                f"""apiVersion: rbac.authorization.k8s.io/v1
kind: Role
{metadata(name, svc)}rules:
{''.join(rules)}""", binding]
        if chance(0.02):
            docs.append(f"""apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {name}-admin
subjects:
  - kind: ServiceAccount
    name: {name}
    namespace: {svc['namespace'] or 'default'}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
""")
        write(f"services/{name}/k8s/rbac.yaml", "---\n".join(docs))
    if svc["config"]:
        data = "".join(f"  {k}: \"{v}\"\n" for k, v in [
            ("LISTEN_ADDR", ":8080"), ("CACHE_TTL", f"{rng.randint(10, 600)}s"),
            ("UPSTREAM_URL", f"http://{pick(names)}.svc.cluster.local"),
            ("FEATURE_FLAGS", ",".join(rng.sample(["beta", "fast-path", "audit", "v2"], 2)))][: rng.randint(2, 4)])
        write(f"services/{name}/k8s/configmap.yaml", f"""apiVersion: v1
kind: ConfigMap
{metadata(name, svc, suffix='-config')}data:
{data}""")
    if svc["kind"] == "Deployment" and chance(0.4):
        write(f"services/{name}/k8s/hpa.yaml", f"""apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
{metadata(name, svc)}spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {name}
  minReplicas: {pick([2, 3])}
  maxReplicas: {pick([6, 10, 20])}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {pick([60, 70, 80])}
""")
    if chance(0.4):
        write(f"services/{name}/k8s/networkpolicy.yaml", f"""apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
{metadata(name, svc)}spec:
  podSelector:
    matchLabels:
      app: {name}
  policyTypes: ["Ingress"]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {pick(['ingress-nginx', 'gateway', 'monitoring'])}
""")
    if svc["kind"] != "CronJob" and chance(0.3):
        write(f"services/{name}/k8s/pdb.yaml", f"""apiVersion: policy/v1
kind: PodDisruptionBudget
{metadata(name, svc)}spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: {name}
""")


# --- Dockerfiles -------------------------------------------------------------------------------

def base(image, tag):
    return f"{image}:latest" if chance(0.06) else f"{image}:{tag}"


def dockerfile(name, lang):
    cmd_port = pick([8080, 8000, 3000])
    builder = {
        "go": (base("golang", pick(["1.22", "1.23-bookworm", "1.24"])), """WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/{name}
"""),
        "python": (base("python", pick(["3.12-slim", "3.11-slim", "3.13-slim-bookworm"])), """WORKDIR /src
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt
COPY . .
"""),
        "node": (base("node", pick(["20-alpine", "22-bookworm-slim", "18-alpine"])), """WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev
"""),
        "java": (base("eclipse-temurin", pick(["21-jdk", "17-jdk-jammy"])), """WORKDIR /src
COPY gradlew settings.gradle build.gradle ./
COPY gradle gradle
RUN ./gradlew --no-daemon dependencies
COPY src src
RUN ./gradlew --no-daemon bootJar && cp build/libs/*.jar /out.jar
"""),
        "rust": (base("rust", pick(["1.82", "1.85-slim-bookworm"])), """WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src src
RUN cargo build --release --locked && cp target/release/{name} /out-app
"""),
    }[lang]
    runtime = {
        "go": pick(["gcr.io/distroless/static-debian12:nonroot", "alpine:3.20", "debian:bookworm-slim"]),
        "python": pick(["python:3.12-slim", "python:3.11-slim"]),
        "node": pick(["node:20-alpine", "node:22-bookworm-slim"]),
        "java": pick(["eclipse-temurin:21-jre", "eclipse-temurin:17-jre-jammy"]),
        "rust": pick(["debian:bookworm-slim", "gcr.io/distroless/cc-debian12"]),
    }[lang]
    if chance(0.05):
        runtime = runtime.split(":")[0] + ":latest"
    lines = [f"# {name}: build stage, then a small runtime image.",
             f"FROM {builder[0]} AS build"]
    if chance(0.08):
        lines.append("ARG NPM_TOKEN=npm_example_token_000000")
    lines.append(builder[1].format(name=name).rstrip())
    lines += ["", f"FROM {runtime}"]
    distroless = "distroless" in runtime
    if not distroless:
        if "alpine" in runtime:
            pkgs = " ".join(rng.sample(["ca-certificates", "tzdata", "curl", "tini", "libstdc++"], 2))
            lines.append(f"RUN apk add --no-cache {pkgs}" if chance(0.8) else f"RUN apk add {pkgs}")
        else:
            pkgs = rng.sample(["ca-certificates", "tzdata", "curl", "tini", "libpq5", "netcat-openbsd"], 3)
            if chance(0.6):
                lines.append("RUN apt-get update \\\n    && apt-get install -y --no-install-recommends "
                             + " ".join(pkgs) + " \\\n    && rm -rf /var/lib/apt/lists/*")
            else:
                lines.append("RUN apt-get update && apt-get install -y " + " ".join(pkgs))
        r = rng.random()
        if r < 0.05:
            lines.append(f"RUN curl -fsSL https://get.example.com/agent.sh | sh")
        elif r < 0.08:
            lines.append("ADD https://downloads.example.com/tools/healthcheck /usr/local/bin/healthcheck")
        elif r < 0.10:
            lines.append("RUN wget --no-check-certificate -O /tmp/cert.pem https://pki.example.com/root.pem")
        elif r < 0.12:
            lines.append("RUN apt-get update && apt-get install -y sudo && rm -rf /var/lib/apt/lists/*")
    lines.append("WORKDIR /app")
    copy = {"go": "COPY --from=build /out/app /app/app", "python": "COPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/* && rm -rf /wheels\nCOPY --from=build /src /app",
            "node": "COPY --from=build /src/node_modules ./node_modules\nCOPY --from=build /src/dist ./dist",
            "java": "COPY --from=build /out.jar /app/app.jar", "rust": "COPY --from=build /out-app /app/app"}[lang]
    lines.append(copy)
    if chance(0.03):
        lines.append("RUN chmod -R 777 /app")
    if chance(0.05):
        lines.append(f"ENV DB_PASSWORD=example-not-secret")
    lines.append(f"ENV PORT={cmd_port}" + (" \\\n    APP_ENV=production" if chance(0.5) else ""))
    lines.append(f"EXPOSE {cmd_port}" + (" 22" if chance(0.02) else ""))
    r = rng.random()
    if distroless:
        pass
    elif r < 0.7:
        if "alpine" in runtime:
            lines.append("RUN addgroup -S app && adduser -S -G app app")
        else:
            lines.append("RUN groupadd --system app && useradd --system --gid app app")
        lines.append("USER app")
    elif r < 0.75:
        lines.append("USER root")
    elif r < 0.8:
        lines.append("USER 10001:10001")
    if chance(0.4):
        lines.append(f"HEALTHCHECK --interval=30s --timeout=3s CMD [\"/app/healthcheck\", \"--port\", \"{cmd_port}\"]")
    entry = {"go": '["/app/app"]', "python": f'["python", "-m", "{name.replace("-", "_")}"]',
             "node": '["node", "dist/server.js"]', "java": '["java", "-jar", "/app/app.jar"]',
             "rust": '["/app/app"]'}[lang]
    lines.append(f"ENTRYPOINT {entry}")
    return "\n".join(lines) + "\n"


# --- Compose -----------------------------------------------------------------------------------

def compose(name, svc):
    lines = ["services:", f"  {name}:", f"    build: .",
             f"    image: {REGISTRY}/{name}:{'latest' if chance(0.3) else 'dev'}",
             "    ports:", f"      - \"{rng.randint(8000, 8999)}:8080\""]
    env = ["      LOG_LEVEL: debug", f"      DATABASE_URL: postgres://app@db:5432/{name.split('-')[0]}"]
    if chance(0.25):
        env.append("      DATABASE_PASSWORD: local-dev-password")
    lines += ["    environment:"] + env
    if chance(0.08):
        lines += ["    privileged: true"]
    if chance(0.08):
        lines += ["    volumes:", "      - /var/run/docker.sock:/var/run/docker.sock"]
    elif chance(0.5):
        lines += ["    volumes:", "      - ./config:/etc/app:ro"]
    if chance(0.05):
        lines += ["    network_mode: host"]
    if chance(0.05):
        lines += ["    cap_add:", "      - SYS_ADMIN"]
    if chance(0.04):
        lines += ["    security_opt:", "      - seccomp:unconfined"]
    lines += ["    depends_on:", "      - db"]
    if chance(0.5):
        lines += ["      - cache"]
        lines += ["  cache:", f"    image: redis:{pick(['7.2-alpine', '7', 'latest'])}", "    ports:", "      - \"6379:6379\""]
    lines += ["  db:", f"    image: postgres:{pick(['16', '16-alpine', '15'])}", "    environment:",
              "      POSTGRES_USER: app", f"      POSTGRES_PASSWORD: {pick(['postgres', 'dev-only'])}",
              "    volumes:", "      - dbdata:/var/lib/postgresql/data", "volumes:", "  dbdata: {}"]
    return "\n".join(lines) + "\n"


# --- CloudFormation ----------------------------------------------------------------------------

def cfn_resources(name, svc):
    """Resources as (logical id, dict) with a few short-form intrinsics kept as markers."""
    base_id = "".join(p.title() for p in name.split("-"))
    res = {}
    enc = chance(0.8)
    bucket = {"Type": "AWS::S3::Bucket", "Properties": {
        "BucketName": {"Fn::Sub": "${AWS::StackName}-" + name},
        "Tags": [{"Key": "team", "Value": svc["team"]}]}}
    p = bucket["Properties"]
    if enc:
        p["BucketEncryption"] = {"ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": pick(["aws:kms", "AES256"])}}]}
    if chance(0.7):
        p["VersioningConfiguration"] = {"Status": "Enabled"}
    if chance(0.75):
        p["PublicAccessBlockConfiguration"] = {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                               "IgnorePublicAcls": True, "RestrictPublicBuckets": True}
    elif chance(0.3):
        p["AccessControl"] = "PublicRead"
    if chance(0.5):
        p["LoggingConfiguration"] = {"DestinationBucketName": {"Ref": "LogBucket"}, "LogFilePrefix": name + "/"}
    res[base_id + "Bucket"] = bucket
    res[base_id + "Queue"] = {"Type": "AWS::SQS::Queue", "Properties": {
        "QueueName": {"Fn::Sub": "${Environment}-" + name},
        "VisibilityTimeout": pick([30, 60, 300]),
        **({"KmsMasterKeyId": "alias/aws/sqs"} if chance(0.7) else {})}}
    if svc["db"]:
        res[base_id + "Db"] = {"Type": "AWS::RDS::DBInstance", "Properties": {
            "Engine": pick(["postgres", "mysql"]), "DBInstanceClass": pick(["db.t4g.small", "db.r6g.large"]),
            "AllocatedStorage": pick(["20", "100"]), "MasterUsername": "app",
            "MasterUserPassword": {"Fn::Sub": "{{resolve:secretsmanager:${AWS::StackName}-db:SecretString:password}}"},
            "StorageEncrypted": chance(0.85), "PubliclyAccessible": chance(0.06),
            "BackupRetentionPeriod": pick([7, 14, 30, 0] if chance(0.2) else [7, 14]),
            "DeletionProtection": {"Fn::If": ["IsProd", True, False]}}}
    sg_ingress = [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}]
    r = rng.random()
    if r < 0.08:
        sg_ingress.append({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"})
    elif r < 0.11:
        sg_ingress.append({"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "CidrIp": "0.0.0.0/0"})
    elif r < 0.13:
        sg_ingress.append({"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"})
    else:
        sg_ingress.append({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "10.0.0.0/8"})
    res[base_id + "SecurityGroup"] = {"Type": "AWS::EC2::SecurityGroup", "Properties": {
        "GroupDescription": f"{name} ingress", "VpcId": {"Ref": "VpcId"}, "SecurityGroupIngress": sg_ingress}}
    actions = ["sqs:SendMessage", "sqs:ReceiveMessage", "s3:GetObject"]
    resource = {"Fn::GetAtt": [base_id + "Queue", "Arn"]}
    if chance(0.08):
        actions, resource = ["*"], "*"
    elif chance(0.06):
        actions = ["s3:*"]
    res[base_id + "Role"] = {"Type": "AWS::IAM::Role", "Properties": {
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "Policies": [{"PolicyName": name + "-access", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": actions, "Resource": resource}]}}]}}
    if chance(0.5):
        env = {"QUEUE_URL": {"Ref": base_id + "Queue"}, "STAGE": {"Ref": "Environment"}}
        if chance(0.06):
            env["API_SECRET"] = "example-secret-value-123"
        res[base_id + "Function"] = {"Type": "AWS::Lambda::Function", "Properties": {
            "Runtime": pick(["python3.12", "nodejs20.x"]), "Handler": "index.handler",
            "Role": {"Fn::GetAtt": [base_id + "Role", "Arn"]}, "Timeout": pick([10, 30, 60]),
            "Code": {"S3Bucket": {"Ref": "ArtifactBucket"}, "S3Key": f"{name}.zip"},
            "Environment": {"Variables": env}}}
    if chance(0.4):
        res[base_id + "Key"] = {"Type": "AWS::KMS::Key", "Properties": {
            "Description": f"{name} data key", "EnableKeyRotation": chance(0.8),
            "KeyPolicy": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}},
                 "Action": "kms:*", "Resource": "*"}]}}}
    if chance(0.4):
        res[base_id + "Repository"] = {"Type": "AWS::ECR::Repository", "Properties": {
            "RepositoryName": name, "ImageTagMutability": "IMMUTABLE" if chance(0.6) else "MUTABLE",
            "ImageScanningConfiguration": {"ScanOnPush": chance(0.75)}}}
    if chance(0.2):
        res[base_id + "Host"] = {"Type": "AWS::EC2::Instance", "Properties": {
            "ImageId": {"Ref": "AmiId"}, "InstanceType": pick(["t3.small", "m6i.large"]),
            "SecurityGroupIds": [{"Ref": base_id + "SecurityGroup"}],
            **({"MetadataOptions": {"HttpTokens": "required"}} if chance(0.4) else {}),
            "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 30, "Encrypted": chance(0.7)}}]}}
    return res


def to_yaml(value, level=0, key_ctx=False):
    """A small YAML writer that turns Fn:: / Ref into short-form tags."""
    pad = "  " * level
    if isinstance(value, dict) and len(value) == 1:
        (k, v), = value.items()
        if k == "Ref":
            return f"!Ref {v}"
        if k == "Fn::Sub" and isinstance(v, str):
            return f"!Sub \"{v}\""
        if k == "Fn::GetAtt":
            return f"!GetAtt {v[0]}.{v[1]}"
        if k == "Fn::If":
            return f"!If [{v[0]}, {str(v[1]).lower()}, {str(v[2]).lower()}]"
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            s = to_yaml(v, level + 1)
            if isinstance(v, (dict, list)) and v and not s.startswith("!"):
                out.append(f"{pad}{k}:\n{s}")
            else:
                out.append(f"{pad}{k}: {s}")
        return "\n".join(out)
    if isinstance(value, list):
        out = []
        for v in value:
            s = to_yaml(v, level + 1)
            if isinstance(v, (dict, list)) and not s.startswith("!"):
                s = s.lstrip()
                out.append(f"{pad}- {s}")
            else:
                out.append(f"{pad}- {s}")
        return "\n".join(out)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if value in ("*",) or value.startswith(("*", "{", "!", "0.0")) or ":" in value \
                or value.replace("-", "").replace(".", "").isdigit():
            return json.dumps(value)
        return value
    return str(value)


def cloudformation(name, svc):
    res = cfn_resources(name, svc)
    params = {"Environment": {"Type": "String", "AllowedValues": ["dev", "staging", "prod"], "Default": "dev"},
              "VpcId": {"Type": "AWS::EC2::VPC::Id"},
              "LogBucket": {"Type": "String", "Default": "central-access-logs"},
              "ArtifactBucket": {"Type": "String"},
              "AmiId": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                        "Default": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"}}
    first = next(iter(res))
    if chance(0.7):
        body = ["AWSTemplateFormatVersion: \"2010-09-09\"", f"Description: {name} resources ({svc['team']})",
                "Parameters:", to_yaml(params, 1), "Conditions:",
                "  IsProd: !Equals [!Ref Environment, prod]", "Resources:", to_yaml(res, 1), "Outputs:",
                f"  {first}Name:", f"    Value: !Ref {first}", "    Export:",
                f"      Name: !Sub \"${{AWS::StackName}}-{first}\""]
        write(f"services/{name}/cloudformation/stack.yaml", "\n".join(body) + "\n")
    else:
        tpl = {"AWSTemplateFormatVersion": "2010-09-09", "Description": f"{name} resources",
               "Parameters": params,
               "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Environment"}, "prod"]}},
               "Resources": res,
               "Outputs": {first + "Name": {"Value": {"Ref": first}}}}
        write(f"services/{name}/cloudformation/stack.json", json.dumps(tpl, indent=2) + "\n")


# --- Terraform ---------------------------------------------------------------------------------

def terraform(name, svc):
    u = name.replace("-", "_")
    insecure = chance(0.25)
    main = f"""terraform {{
  required_providers {{
    aws = {{
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }}
  }}
}}

locals {{
  name = "${{var.environment}}-{name}"
  tags = {{
    service = "{name}"
    team    = "{svc['team']}"
  }}
}}

resource "aws_s3_bucket" "{u}" {{
  bucket = local.name
  tags   = local.tags
}}

resource "aws_s3_bucket_versioning" "{u}" {{
  bucket = aws_s3_bucket.{u}.id
  versioning_configuration {{
    status = "{'Enabled' if chance(0.8) else 'Suspended'}"
  }}
}}
"""
    if chance(0.7):
        main += f"""
resource "aws_s3_bucket_server_side_encryption_configuration" "{u}" {{
  bucket = aws_s3_bucket.{u}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "aws:kms"
    }}
  }}
}}
"""
    if chance(0.7):
        main += f"""
resource "aws_s3_bucket_public_access_block" "{u}" {{
  bucket                  = aws_s3_bucket.{u}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = {str(not (insecure and chance(0.5))).lower()}
}}
"""
    main += f"""
resource "aws_sqs_queue" "{u}" {{
  name                      = local.name
  message_retention_seconds = {pick([86400, 345600, 1209600])}
{'  sqs_managed_sse_enabled   = true' if chance(0.6) else ''}
  tags                      = local.tags
}}

resource "aws_security_group" "{u}" {{
  name        = local.name
  description = "{name} service"
  vpc_id      = var.vpc_id

  ingress {{
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}

  ingress {{
    description = "ssh from admins"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.admin_cidrs
  }}

  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}

data "aws_iam_policy_document" "{u}" {{
  statement {{
    actions   = {json.dumps(['*'] if insecure and chance(0.4) else ['sqs:SendMessage', 'sqs:ReceiveMessage'])}
    resources = [aws_sqs_queue.{u}.arn]
  }}
}}

resource "aws_iam_policy" "{u}" {{
  name   = local.name
  policy = data.aws_iam_policy_document.{u}.json
}}
"""
    if svc["db"]:
        main += f"""
resource "aws_db_instance" "{u}" {{
  identifier              = local.name
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = var.db_instance_class
  allocated_storage       = 20
  username                = "app"
  manage_master_user_password = true
  storage_encrypted       = {str(not (insecure and chance(0.5))).lower()}
  publicly_accessible     = var.db_public
  backup_retention_period = var.backup_days
  deletion_protection     = var.environment == "prod"
  vpc_security_group_ids  = [aws_security_group.{u}.id]
  tags                    = local.tags
}}
"""
    if chance(0.4):
        main += f"""
resource "aws_cloudwatch_log_group" "{u}" {{
  name              = "/services/{name}"
  retention_in_days = {pick([14, 30, 90, 365])}
{'  kms_key_id        = var.log_kms_key_arn' if chance(0.3) else ''}
}}
"""
    write(f"services/{name}/terraform/main.tf", main)
    write(f"services/{name}/terraform/variables.tf", f"""variable "environment" {{
  type    = string
  default = "dev"
}}

variable "vpc_id" {{
  type = string
}}

variable "admin_cidrs" {{
  type    = list(string)
  default = ["10.20.0.0/16"]
}}

variable "db_instance_class" {{
  type    = string
  default = "db.t4g.small"
}}

variable "db_public" {{
  type    = bool
  default = false
}}

variable "backup_days" {{
  type    = number
  default = 7
}}

variable "log_kms_key_arn" {{
  type    = string
  default = null
}}
""")
    tfvars = f'environment = "{pick(["dev", "staging", "prod"])}"\nvpc_id      = "vpc-0{rng.randrange(16**12):012x}"\n'
    if insecure:
        tfvars += pick(['admin_cidrs = ["0.0.0.0/0"]\n', 'db_public   = true\n', 'backup_days = 0\n'])
    write(f"services/{name}/terraform/terraform.tfvars", tfvars)


# --- GitHub Actions ----------------------------------------------------------------------------

SHA = lambda: "".join(pick("0123456789abcdef") for _ in range(40))


def uses(action, version):
    r = rng.random()
    if r < 0.3:
        return f"{action}@{SHA()} # {version}"
    if r < 0.36:
        return f"{action}@main"
    return f"{action}@{version}"


def ci_workflow(name, lang, svc):
    setup = {"go": ("actions/setup-go", "v5", "go-version: \"1.23\"", "go test ./..."),
             "python": ("actions/setup-python", "v5", "python-version: \"3.12\"", "pip install -r requirements.txt && pytest -q"),
             "node": ("actions/setup-node", "v4", "node-version: 20", "npm ci && npm test"),
             "java": ("actions/setup-java", "v4", "distribution: temurin\n          java-version: \"21\"", "./gradlew --no-daemon test"),
             "rust": ("dtolnay/rust-toolchain", "stable", "toolchain: stable", "cargo test --locked")}[lang]
    trig = f"""on:
  push:
    branches: [main]
    paths: ["services/{name}/**"]
  pull_request:
    paths: ["services/{name}/**"]
"""
    runner = "ubuntu-24.04"
    if chance(0.05):
        runner = "[self-hosted, linux]"
    perms = ""
    r = rng.random()
    if r < 0.55:
        perms = "permissions:\n  contents: read\n"
    elif r < 0.6:
        perms = "permissions: write-all\n"
    checkout = "      - uses: " + uses("actions/checkout", "v4")
    if chance(0.4):
        checkout += "\n        with:\n          persist-credentials: false"
    steps = [checkout, f"      - uses: {uses(setup[0], setup[1])}\n        with:\n          {setup[2]}",
             f"      - name: Test\n        working-directory: services/{name}\n        run: {setup[3]}"]
    if chance(0.1):
        steps.append(f"""      - name: Report title
        run: echo "Testing ${{{{ github.event.pull_request.title }}}}" >> "$GITHUB_STEP_SUMMARY\"""")
    elif chance(0.4):
        steps.append("""      - name: Summary
        env:
          TITLE: ${{ github.event.pull_request.title }}
        run: echo "Testing $TITLE at ${{ github.sha }}" >> "$GITHUB_STEP_SUMMARY\"""")
    if chance(0.02):
        steps.append("""      - name: Legacy path
        env:
          ACTIONS_ALLOW_UNSECURE_COMMANDS: "true"
        run: echo "::add-path::/opt/tools/bin\"""")
    jobs = f"""jobs:
  test:
    runs-on: {runner}
    timeout-minutes: {pick([10, 15, 20, 30])}
    steps:
{chr(10).join(steps)}
"""
    if chance(0.45):
        jobs += f"""  image:
    needs: test
    if: github.event_name == 'push'
    runs-on: ubuntu-24.04
    permissions:
      contents: read
      packages: write
      id-token: write
    steps:
      - uses: {uses('actions/checkout', 'v4')}
      - uses: {uses('docker/setup-buildx-action', 'v3')}
      - uses: {uses('docker/login-action', 'v3')}
        with:
          registry: {REGISTRY}
          username: ${{{{ github.actor }}}}
          password: ${{{{ secrets.REGISTRY_TOKEN }}}}
      - uses: {uses('docker/build-push-action', 'v6')}
        with:
          context: services/{name}
          push: true
          tags: {REGISTRY}/{name}:${{{{ github.sha }}}}
"""
    if chance(0.15):
        jobs += f"""  deploy:
    needs: test
    if: github.ref == 'refs/heads/main'
    uses: shop/platform-workflows/.github/workflows/deploy.yml@{'v2' if chance(0.5) else SHA()}
    with:
      service: {name}
"""
        jobs += "    secrets: inherit\n" if chance(0.6) else "    secrets:\n      DEPLOY_KEY: ${{ secrets.DEPLOY_KEY }}\n"
    return f"name: {name} ci\n{trig}{perms}{'concurrency:' + chr(10) + '  group: ' + name + '-${{ github.ref }}' + chr(10) + '  cancel-in-progress: true' + chr(10) if chance(0.5) else ''}{jobs}"


def triage_workflow(i):
    bad_checkout = chance(0.35)
    inject = chance(0.4)
    steps = []
    if bad_checkout:
        steps.append(f"""      - uses: {uses('actions/checkout', 'v4')}
        with:
          ref: ${{{{ github.event.pull_request.head.sha }}}}""")
        steps.append("      - run: npm ci && npm run lint")
    steps.append(f"""      - uses: {uses('actions/labeler', 'v5')}
        with:
          repo-token: ${{{{ secrets.GITHUB_TOKEN }}}}""")
    if inject:
        steps.append("""      - name: Greet
        run: |
          echo "Thanks for ${{ github.event.pull_request.title }}"
          echo "by ${{ github.event.pull_request.user.login }}\"""")
    perms = "permissions:\n  pull-requests: write\n  contents: read\n" if chance(0.6) else ""
    return f"""name: triage {i}
on:
  pull_request_target:
    types: [opened, synchronize]
{perms}jobs:
  label:
    runs-on: ubuntu-24.04
    steps:
{chr(10).join(steps)}
"""


def issue_workflow(i):
    body = pick(["github.event.issue.title", "github.event.issue.body", "github.event.comment.body"])
    safe = chance(0.5)
    run = ("        env:\n          TEXT: ${{ " + body + " }}\n        run: ./scripts/route-issue.sh \"$TEXT\"") if safe \
        else f"        run: ./scripts/route-issue.sh \"${{{{ {body} }}}}\""
    return f"""name: issue router {i}
on:
  issues:
    types: [opened, edited]
  issue_comment:
    types: [created]
permissions:
  issues: write
jobs:
  route:
    runs-on: ubuntu-24.04
    steps:
      - uses: {uses('actions/checkout', 'v4')}
        with:
          persist-credentials: false
      - name: Route
{run}
"""


def nightly_workflow(i, group):
    matrix = ", ".join(group)
    return f"""name: nightly {i}
on:
  schedule:
    - cron: "{rng.randint(0, 59)} {rng.randint(0, 5)} * * *"
  workflow_dispatch:
    inputs:
      target:
        description: which service
        required: false
        default: all
{'permissions:' + chr(10) + '  contents: read' + chr(10) if chance(0.5) else ''}jobs:
  scan:
    runs-on: ubuntu-24.04
    strategy:
      fail-fast: false
      matrix:
        service: [{matrix}]
    steps:
      - uses: {uses('actions/checkout', 'v4')}
      - name: Build
        run: make -C services/${{{{ matrix.service }}}} build TARGET=${{{{ {'inputs.target' if chance(0.5) else 'github.event.inputs.target'} }}}}
      - uses: {uses('actions/upload-artifact', 'v4')}
        with:
          name: build-${{{{ matrix.service }}}}
          path: services/${{{{ matrix.service }}}}/dist
"""


# --- the services ------------------------------------------------------------------------------

for i, name in enumerate(names):
    lang = pick(LANGS)
    r = rng.random()
    svc = {
        "team": pick(TEAMS),
        "kind": "Deployment" if r < 0.7 else ("StatefulSet" if r < 0.85 else "CronJob"),
        "namespace": None if chance(0.1) else pick(TEAMS),
        "db": chance(0.5),
        "sa": chance(0.75),
        "config": chance(0.5),
        "hostpath": pick(["/var/run/docker.sock", "/var/log", "/etc/ssl/certs"]) if chance(0.05) else None,
        "sidecar": chance(0.15),
        "init": chance(0.2),
        "extra_cron": chance(0.15),
        "ingress": chance(0.6),
    }
    k8s(name, lang, svc)
    write(f"services/{name}/Dockerfile", dockerfile(name, lang))
    if chance(0.33):
        write(f"services/{name}/docker-compose.yml", compose(name, svc))
    if chance(0.25):
        cloudformation(name, svc)
    if chance(0.2):
        terraform(name, svc)
    write(f".github/workflows/{name}-ci.yml", ci_workflow(name, lang, svc))

for i in range(12):
    write(f".github/workflows/triage-{i:02d}.yml", triage_workflow(i))
for i in range(8):
    write(f".github/workflows/issues-{i:02d}.yml", issue_workflow(i))
for i in range(10):
    write(f".github/workflows/nightly-{i:02d}.yml", nightly_workflow(i, rng.sample(names, 6)))

open(os.path.join(out, ".complete"), "w").close()
