//! `ward image REFERENCE`: images pulled from a real registry (Debian's `docker-registry`,
//! started on loopback for each test) after the test pushed them over the distribution API
//! with the project's own image writer. Covers tags, digests, image indexes and `--platform`,
//! basic auth (htpasswd), the Bearer token flow (a token proxy in front of the registry),
//! credentials from `DOCKER_CONFIG`, and tampered blobs (refused).
//!
//! Skipped with a message when `docker-registry` is not installed; `.ci/run` installs it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use ward_image::write::{Blobs, Compression, ImageSpec, LayerSpec};

mod common;
use common::{token, ward};

const REGISTRY: &str = "/usr/bin/docker-registry";

/// A registry serving from a temporary directory; stopped when dropped.
struct Registry {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
    /// Basic credentials the test pushes with, when the registry requires them.
    login: Option<(String, String)>,
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[allow(clippy::print_stderr)]
fn skip(message: &str) {
    eprintln!("SKIPPED: {message}");
}

/// Starts a registry, with htpasswd auth when `login` is given; `None` (and a message) when
/// `docker-registry` (or, for auth, `htpasswd`) is not installed.
fn start_registry(login: Option<(&str, &str)>) -> Option<Registry> {
    let program = which("docker-registry").or_else(|| {
        Path::new(REGISTRY)
            .is_file()
            .then(|| PathBuf::from(REGISTRY))
    });
    let Some(program) = program else {
        skip("docker-registry is not installed (apt-get install docker-registry; .ci/run does)");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut auth = String::new();
    if let Some((user, password)) = login {
        let Some(htpasswd) = which("htpasswd") else {
            skip("htpasswd is not installed (apt-get install apache2-utils; .ci/run does)");
            return None;
        };
        let out = Command::new(htpasswd)
            .args(["-Bbn", user, password])
            .output()
            .unwrap();
        assert!(out.status.success());
        std::fs::write(dir.path().join("htpasswd"), &out.stdout).unwrap();
        auth = format!(
            "auth:\n  htpasswd:\n    realm: ward-test\n    path: {}\n",
            dir.path().join("htpasswd").display()
        );
    }
    let port = free_port();
    let config = format!(
        "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\nhttp:\n  addr: 127.0.0.1:{port}\n{auth}",
        dir.path().join("data").display()
    );
    std::fs::write(dir.path().join("config.yml"), config).unwrap();
    let child = Command::new(program)
        .arg("serve")
        .arg(dir.path().join("config.yml"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let registry = Registry {
        child,
        port,
        dir,
        login: login.map(|(u, p)| (u.to_owned(), p.to_owned())),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let client = reqwest::blocking::Client::new();
    while client
        .get(format!("http://127.0.0.1:{port}/v2/"))
        .send()
        .is_err()
    {
        assert!(Instant::now() < deadline, "the registry did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(registry)
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    })
}

impl Registry {
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn request(&self, method: reqwest::Method, url: &str) -> reqwest::blocking::RequestBuilder {
        let request = reqwest::blocking::Client::new().request(method, url);
        match &self.login {
            Some((user, password)) => request.basic_auth(user, Some(password)),
            None => request,
        }
    }

    /// Uploads one blob (monolithic upload: POST, then PUT with the digest).
    fn push_blob(&self, repo: &str, digest: &str, bytes: &[u8]) {
        let base = format!("http://{}", self.host());
        let started = self
            .request(
                reqwest::Method::POST,
                &format!("{base}/v2/{repo}/blobs/uploads/"),
            )
            .send()
            .unwrap();
        assert_eq!(started.status(), 202, "{:?}", started.text());
        let location = started.headers()["location"].to_str().unwrap().to_owned();
        let location = if location.starts_with("http") {
            location
        } else {
            format!("{base}{location}")
        };
        let separator = if location.contains('?') { '&' } else { '?' };
        let done = self
            .request(
                reqwest::Method::PUT,
                &format!("{location}{separator}digest={digest}"),
            )
            .header("content-type", "application/octet-stream")
            .body(bytes.to_vec())
            .send()
            .unwrap();
        assert_eq!(done.status(), 201, "{:?}", done.text());
    }

    fn push_manifest(&self, repo: &str, reference: &str, media_type: &str, bytes: &[u8]) {
        let done = self
            .request(
                reqwest::Method::PUT,
                &format!("http://{}/v2/{repo}/manifests/{reference}", self.host()),
            )
            .header("content-type", media_type)
            .body(bytes.to_vec())
            .send()
            .unwrap();
        assert_eq!(done.status(), 201, "{:?}", done.text());
    }

    /// Pushes an image's blobs and manifest under `tag`; returns the blobs.
    fn push(&self, repo: &str, tag: &str, blobs: &Blobs) {
        for (digest, bytes) in blobs.layers.iter().chain([&blobs.config]) {
            self.push_blob(repo, digest, bytes);
        }
        self.push_manifest(
            repo,
            tag,
            "application/vnd.oci.image.manifest.v1+json",
            &blobs.manifest.1,
        );
    }

    /// Where the registry stores a blob's bytes.
    fn blob_file(&self, digest: &str) -> PathBuf {
        let hex = digest.strip_prefix("sha256:").unwrap();
        self.dir.path().join(format!(
            "data/docker/registry/v2/blobs/sha256/{}/{hex}/data",
            &hex[..2]
        ))
    }
}

fn app_image(secret: &str, compression: Compression) -> ImageSpec {
    ImageSpec {
        layers: vec![
            LayerSpec::new("/bin/sh -c #(nop) ADD file:4b1f in / ")
                .file(
                    "etc/os-release",
                    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n",
                )
                .file(
                    "var/lib/dpkg/status",
                    "Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u1\nDescription: ssl\n a library\n\n",
                )
                .file("app/deploy.env", format!("GITHUB_TOKEN={secret}\n")),
            LayerSpec::new("/bin/sh -c rm /app/deploy.env").whiteout("app/deploy.env"),
        ],
        container_config: json!({"User": "app", "Healthcheck": {"Test": ["CMD", "true"]}}),
        tag: "team/app:1.0".into(),
        compression,
        annotations: std::collections::BTreeMap::default(),
    }
}

/// A Debian advisory database with one record for the image's openssl.
fn advisory_db(dir: &Path) -> PathBuf {
    let records = dir.join("advisories");
    std::fs::create_dir_all(&records).unwrap();
    let record = json!({
        "id": "DSA-5532-1",
        "modified": "2024-01-01T00:00:00Z",
        "aliases": ["CVE-2023-5363"],
        "summary": "openssl security update",
        "affected": [{
            "package": {"ecosystem": "Debian:12", "name": "openssl"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.11-1~deb12u2"}]}],
        }],
    });
    std::fs::write(records.join("DSA-5532-1.json"), record.to_string()).unwrap();
    let db = dir.join("db");
    common::db_import(&records, &db);
    db
}

/// Runs `ward image` with Docker's configuration in `docker_config`; (report or null, exit
/// code, stderr).
fn pull(reference: &str, docker_config: &Path, db: &Path, extra: &[&str]) -> (Value, i32, String) {
    let out = ward()
        .arg("image")
        .arg(reference)
        .args(["--format", "json", "--no-progress", "--db"])
        .arg(db)
        .args(extra)
        .env("DOCKER_CONFIG", docker_config)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        report,
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rule_ids(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn an_image_pulled_by_tag_or_digest_is_scanned_like_a_local_one() {
    let Some(registry) = start_registry(None) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = advisory_db(dir.path());
    let secret = token(21);
    let blobs = app_image(&secret, Compression::Gzip).blobs();
    registry.push("team/app", "1.0", &blobs);
    let by_tag = format!("{}/team/app:1.0", registry.host());
    let (report, code, stderr) = pull(&by_tag, dir.path(), &db, &["--insecure-registry"]);
    assert!(report.is_object(), "{stderr}");
    let mut ids = rule_ids(&report);
    ids.sort();
    assert_eq!(
        ids,
        ["deps/DSA-5532-1", "secrets/github-personal-access-token"],
        "{report:#}"
    );
    let secret_finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["engine"] == "secrets")
        .unwrap();
    // The layer is named by the digest the registry serves it under.
    assert_eq!(
        secret_finding["detail"]["extra"]["layer"]["digest"],
        blobs.layers[0].0.as_str()
    );
    assert_eq!(secret_finding["detail"]["extra"]["deleted_in_layer"], 1);
    assert_eq!(secret_finding["detail"]["extra"]["image"], by_tag.as_str());
    assert!(!report.to_string().contains(&secret));
    assert_eq!(code, 1, "the secret fails the default gate");

    // Pinned by digest: the same image.
    let by_digest = format!("{}/team/app@{}", registry.host(), blobs.manifest.0);
    let (pinned, _, stderr) = pull(&by_digest, dir.path(), &db, &["--insecure-registry"]);
    assert!(pinned.is_object(), "{stderr}");
    let mut pinned_ids = rule_ids(&pinned);
    pinned_ids.sort();
    assert_eq!(pinned_ids, ids);

    // Without --insecure-registry Ward speaks HTTPS only, which this registry does not.
    let (_, code, stderr) = pull(&by_tag, dir.path(), &db, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(&by_tag), "{stderr}");

    // A tag that does not exist is named in the error.
    let missing = format!("{}/team/app:2.0", registry.host());
    let (_, code, stderr) = pull(&missing, dir.path(), &db, &["--insecure-registry"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("the manifest 2.0: not found"), "{stderr}");
}

/// The blobs of `spec` with the configuration's platform set to `os/arch`.
fn for_platform(spec: &ImageSpec, arch: &str) -> Blobs {
    let mut blobs = spec.blobs();
    let mut config: Value = serde_json::from_slice(&blobs.config.1).unwrap();
    config["architecture"] = json!(arch);
    let bytes = serde_json::to_vec(&config).unwrap();
    let digest = sha256(&bytes);
    let mut manifest: Value = serde_json::from_slice(&blobs.manifest.1).unwrap();
    manifest["config"]["digest"] = json!(digest);
    manifest["config"]["size"] = json!(bytes.len());
    blobs.config = (digest, bytes);
    let manifest = serde_json::to_vec(&manifest).unwrap();
    blobs.manifest = (sha256(&manifest), manifest);
    blobs
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    format!(
        "sha256:{}",
        digest.iter().fold(String::new(), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
    )
}

#[test]
fn platform_picks_a_manifest_from_an_image_index() {
    let Some(registry) = start_registry(None) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = advisory_db(dir.path());
    // The arm64 image carries a secret the amd64 one does not.
    let amd64 = for_platform(
        &ImageSpec {
            layers: vec![LayerSpec::new("ADD").file("etc/motd", "hello\n")],
            ..ImageSpec::default()
        },
        "amd64",
    );
    let arm64 = for_platform(
        &ImageSpec {
            layers: vec![
                LayerSpec::new("ADD").file("app/.env", format!("GITHUB_TOKEN={}\n", token(5))),
            ],
            ..ImageSpec::default()
        },
        "arm64",
    );
    let mut entries = Vec::new();
    for (blobs, arch, variant) in [(&amd64, "amd64", None), (&arm64, "arm64", Some("v8"))] {
        for (digest, bytes) in blobs.layers.iter().chain([&blobs.config]) {
            registry.push_blob("team/multi", digest, bytes);
        }
        registry.push_manifest(
            "team/multi",
            &blobs.manifest.0,
            "application/vnd.oci.image.manifest.v1+json",
            &blobs.manifest.1,
        );
        let mut platform = json!({"os": "linux", "architecture": arch});
        if let Some(variant) = variant {
            platform["variant"] = json!(variant);
        }
        entries.push(json!({
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": blobs.manifest.0,
            "size": blobs.manifest.1.len(),
            "platform": platform,
        }));
    }
    let index = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": entries,
    }))
    .unwrap();
    registry.push_manifest(
        "team/multi",
        "2.0",
        "application/vnd.oci.image.index.v1+json",
        &index,
    );
    let reference = format!("{}/team/multi:2.0", registry.host());
    let secrets = |extra: &[&str]| {
        let mut args = vec!["--insecure-registry"];
        args.extend_from_slice(extra);
        let (report, _, stderr) = pull(&reference, dir.path(), &db, &args);
        assert!(report.is_object(), "{stderr}");
        rule_ids(&report)
            .into_iter()
            .filter(|id| id.starts_with("secrets/"))
            .count()
    };
    assert_eq!(secrets(&[]), 0, "linux/amd64 by default");
    assert_eq!(secrets(&["--platform", "linux/arm64"]), 1);
    assert_eq!(secrets(&["--platform", "linux/arm64/v8"]), 1);
    let (_, code, stderr) = pull(
        &reference,
        dir.path(),
        &db,
        &["--insecure-registry", "--platform", "linux/s390x"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no manifest for linux/s390x (it has: linux/amd64, linux/arm64/v8)"),
        "{stderr}"
    );
}

fn docker_config(dir: &Path, registry: &str, user: &str, password: &str) -> PathBuf {
    let config = dir.join("docker");
    std::fs::create_dir_all(&config).unwrap();
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    std::fs::write(
        config.join("config.json"),
        json!({"auths": {registry: {"auth": auth}}}).to_string(),
    )
    .unwrap();
    config
}

/// A password made at test time (no credential sits in this file).
fn password() -> String {
    format!("pw-{}-{}", std::process::id(), free_port())
}

#[test]
fn basic_auth_uses_the_docker_configuration() {
    let password = password();
    let Some(registry) = start_registry(Some(("ward-user", &password))) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = advisory_db(dir.path());
    let blobs = app_image(&token(3), Compression::Gzip).blobs();
    registry.push("team/app", "1.0", &blobs);
    let reference = format!("{}/team/app:1.0", registry.host());

    // No credentials: the error says how to log in.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (_, code, stderr) = pull(&reference, &empty, &db, &["--insecure-registry"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("there are none for 127.0.0.1"), "{stderr}");
    assert!(stderr.contains("docker login"), "{stderr}");

    // Wrong credentials: refused, and the password never printed.
    let wrong = docker_config(
        &dir.path().join("wrong"),
        &registry.host(),
        "ward-user",
        "not-it",
    );
    let (_, code, stderr) = pull(&reference, &wrong, &db, &["--insecure-registry"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("refused the credentials"), "{stderr}");
    assert!(!stderr.contains("not-it"), "{stderr}");

    // The right ones, from `auths`.
    let right = docker_config(
        &dir.path().join("right"),
        &registry.host(),
        "ward-user",
        &password,
    );
    let (report, _, stderr) = pull(&reference, &right, &db, &["--insecure-registry"]);
    assert!(report.is_object(), "{stderr}");
    assert!(rule_ids(&report).contains(&"secrets/github-personal-access-token".to_owned()));

    // ... and from a credential helper named by `credHelpers`, run as Docker runs it.
    let helpers = dir.path().join("bin");
    std::fs::create_dir_all(&helpers).unwrap();
    let helper = helpers.join("docker-credential-wardtest");
    std::fs::write(
        &helper,
        format!(
            "#!/bin/sh\n[ \"$1\" = get ] || exit 1\nread server\n[ \"$server\" = {} ] || exit 1\necho '{{\"Username\":\"ward-user\",\"Secret\":\"{password}\"}}'\n",
            registry.host()
        ),
    )
    .unwrap();
    let mut permissions = std::fs::metadata(&helper).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&helper, permissions).unwrap();
    let with_helper = dir.path().join("helper");
    std::fs::create_dir_all(&with_helper).unwrap();
    std::fs::write(
        with_helper.join("config.json"),
        json!({"credHelpers": {registry.host(): "wardtest"}}).to_string(),
    )
    .unwrap();
    let path = format!(
        "{}:{}",
        helpers.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = ward()
        .arg("image")
        .arg(&reference)
        .args([
            "--format",
            "json",
            "--no-progress",
            "--insecure-registry",
            "--db",
        ])
        .arg(&db)
        .env("DOCKER_CONFIG", &with_helper)
        .env("PATH", path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(rule_ids(&report).contains(&"secrets/github-personal-access-token".to_owned()));
}

/// A token service and proxy in front of a registry, speaking the Bearer flow: requests
/// without the token get a `WWW-Authenticate: Bearer` challenge naming the realm `/token`,
/// which hands out the token only for the right basic credentials.
fn start_token_proxy(upstream: String, user: String, password: String) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let token = format!("tok-{}", free_port());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (upstream, user, password, token) = (
                upstream.clone(),
                user.clone(),
                password.clone(),
                token.clone(),
            );
            std::thread::spawn(move || {
                serve_proxy(stream, port, &upstream, &user, &password, &token);
            });
        }
    });
    port
}

fn serve_proxy(
    stream: TcpStream,
    port: u16,
    upstream: &str,
    user: &str,
    password: &str,
    token: &str,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let respond =
        |writer: &mut TcpStream, status: &str, extra: &[(String, String)], body: &[u8]| {
            let mut head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in extra {
                head.push_str(name);
                head.push_str(": ");
                head.push_str(value);
                head.push_str("\r\n");
            }
            head.push_str("\r\n");
            let _ = writer.write_all(head.as_bytes());
            let _ = writer.write_all(body);
        };
    if target.starts_with("/token") {
        let expected = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
        );
        let scoped = target.contains("scope=repository%3Ateam%2Fapp%3Apull")
            && target.contains("service=ward-test");
        if header("authorization").as_deref() == Some(expected.as_str()) && scoped {
            let body = json!({"token": token}).to_string();
            respond(
                &mut writer,
                "200 OK",
                &[("Content-Type".into(), "application/json".into())],
                body.as_bytes(),
            );
        } else {
            respond(
                &mut writer,
                "401 Unauthorized",
                &[],
                b"{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}",
            );
        }
        return;
    }
    if header("authorization").as_deref() != Some(format!("Bearer {token}").as_str()) {
        let challenge = format!(
            "Bearer realm=\"http://127.0.0.1:{port}/token\",service=\"ward-test\",scope=\"repository:team/app:pull\""
        );
        respond(
            &mut writer,
            "401 Unauthorized",
            &[("WWW-Authenticate".into(), challenge)],
            b"{}",
        );
        return;
    }
    let mut request = reqwest::blocking::Client::new().get(format!("{upstream}{target}"));
    if let Some(accept) = header("accept") {
        request = request.header("accept", accept);
    }
    let response = request.send().unwrap();
    let status = response.status();
    let mut extra = Vec::new();
    for name in ["content-type", "docker-content-digest"] {
        if let Some(value) = response.headers().get(name) {
            extra.push((name.to_owned(), value.to_str().unwrap().to_owned()));
        }
    }
    let mut body = Vec::new();
    response.take(u64::MAX).read_to_end(&mut body).unwrap();
    respond(
        &mut writer,
        &format!(
            "{} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        ),
        &extra,
        &body,
    );
}

#[test]
fn bearer_tokens_are_fetched_from_the_realm_with_the_credentials() {
    let Some(registry) = start_registry(None) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = advisory_db(dir.path());
    let blobs = app_image(&token(9), Compression::Gzip).blobs();
    registry.push("team/app", "1.0", &blobs);
    let password = password();
    let port = start_token_proxy(
        format!("http://{}", registry.host()),
        "ward-user".into(),
        password.clone(),
    );
    let reference = format!("127.0.0.1:{port}/team/app:1.0");
    let config = docker_config(
        dir.path(),
        &format!("127.0.0.1:{port}"),
        "ward-user",
        &password,
    );
    let (report, _, stderr) = pull(&reference, &config, &db, &["--insecure-registry"]);
    assert!(report.is_object(), "{stderr}");
    let mut ids = rule_ids(&report);
    ids.sort();
    assert_eq!(
        ids,
        ["deps/DSA-5532-1", "secrets/github-personal-access-token"]
    );

    // The realm refuses other credentials, and says so.
    let wrong = docker_config(
        &dir.path().join("wrong"),
        &format!("127.0.0.1:{port}"),
        "ward-user",
        "nope",
    );
    let (_, code, stderr) = pull(&reference, &wrong, &db, &["--insecure-registry"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("/token refused the credentials"),
        "{stderr}"
    );
}

#[test]
fn a_blob_altered_in_the_registry_is_refused() {
    let Some(registry) = start_registry(None) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = advisory_db(dir.path());
    // Uncompressed, so the altered byte is inside a file and the tar still reads.
    let secret = token(13);
    let blobs = app_image(&secret, Compression::None).blobs();
    registry.push("team/app", "1.0", &blobs);
    let reference = format!("{}/team/app:1.0", registry.host());
    let layer = registry.blob_file(&blobs.layers[0].0);
    let mut bytes = std::fs::read(&layer).unwrap();
    let at = bytes
        .windows(12)
        .position(|w| w == b"GITHUB_TOKEN")
        .unwrap();
    bytes[at] = b'X';
    std::fs::write(&layer, bytes).unwrap();
    let (report, code, stderr) = pull(&reference, dir.path(), &db, &["--insecure-registry"]);
    assert_eq!(code, 2, "{report:#}");
    assert!(report.is_null(), "no report from a damaged image");
    assert!(
        stderr.contains(&format!(
            "layer 0: the blob {} has the digest sha256:",
            blobs.layers[0].0
        )),
        "{stderr}"
    );
    assert!(stderr.contains("was not scanned"), "{stderr}");

    // A manifest altered in storage no longer matches the digest the registry states for it.
    let manifest = registry.blob_file(&blobs.manifest.0);
    let mut bytes = std::fs::read(&manifest).unwrap();
    let at = bytes.windows(4).position(|w| w == b"tar\"").unwrap();
    bytes[at] = b'T';
    std::fs::write(&manifest, bytes).unwrap();
    let (_, code, stderr) = pull(&reference, dir.path(), &db, &["--insecure-registry"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(&format!("the manifest {} has the digest", blobs.manifest.0)),
        "{stderr}"
    );
}
