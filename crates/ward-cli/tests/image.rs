//! `ward image` end to end: images written by the project's own writer (docker save archives,
//! OCI layouts), advisories imported into a temporary database, the report read as JSON.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};
use ward_image::write::{Compression, ImageSpec, LayerSpec};

mod common;
use common::{token, ward};

fn osv(id: &str, cve: &str, ecosystem: &str, package: &str, fixed: &str) -> Value {
    json!({
        "id": id,
        "modified": "2024-01-01T00:00:00Z",
        "aliases": [cve],
        "summary": format!("{package} security update"),
        "affected": [{
            "package": {"ecosystem": ecosystem, "name": package},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": fixed}]}],
        }],
    })
}

/// Debian advisories: two for bookworm, one for bullseye only (must not apply to 12).
fn import_debian(dir: &Path) -> std::path::PathBuf {
    let records = [
        osv(
            "DSA-5532-1",
            "CVE-2023-5363",
            "Debian:12",
            "openssl",
            "3.0.11-1~deb12u2",
        ),
        osv(
            "DSA-5750-1",
            "CVE-2024-2398",
            "Debian:12",
            "curl",
            "7.88.1-10+deb12u6",
        ),
        osv(
            "DSA-5100-1",
            "CVE-2022-0001",
            "Debian:11",
            "zlib",
            "1:9.9-1",
        ),
        osv(
            "DSA-5200-1",
            "CVE-2022-0002",
            "Debian:12",
            "oldlib",
            "2.0-1",
        ),
        osv(
            "PYSEC-2023-74",
            "CVE-2023-32681",
            "PyPI",
            "requests",
            "2.31.0",
        ),
        osv(
            "GHSA-35jh-r3h4-6jhm",
            "CVE-2021-23337",
            "npm",
            "lodash",
            "4.17.21",
        ),
    ];
    import(dir, &records)
}

/// An advisory database in `dir/db` built from these OSV records.
fn import(dir: &Path, records: &[Value]) -> std::path::PathBuf {
    let sources = dir.join("advisories");
    fs::create_dir_all(&sources).unwrap();
    for record in records {
        let id = record["id"].as_str().unwrap();
        fs::write(sources.join(format!("{id}.json")), record.to_string()).unwrap();
    }
    let db = dir.join("db");
    common::db_import(&sources, &db);
    db
}

fn stanza(name: &str, source: &str, version: &str) -> String {
    format!(
        "Package: {name}\nStatus: install ok installed\nArchitecture: amd64\nSource: {source}\nVersion: {version}\nDescription: {name}\n a package\n\n"
    )
}

fn debian_image(secret: &str) -> ImageSpec {
    let base_status = [
        stanza("libssl3", "openssl", "3.0.11-1~deb12u1"),
        stanza("zlib1g", "zlib", "1:1.2.13.dfsg-1"),
        stanza("liboldlib1", "oldlib", "1.0-1"),
    ]
    .concat();
    let later_status = [
        stanza("libssl3", "openssl", "3.0.11-1~deb12u1"),
        stanza("zlib1g", "zlib", "1:1.2.13.dfsg-1"),
        stanza("curl", "curl", "7.88.1-10+deb12u5"),
    ]
    .concat();
    ImageSpec {
        layers: vec![
            LayerSpec::new("/bin/sh -c #(nop) ADD file:4b1f in / ")
                .file(
                    "etc/os-release",
                    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n",
                )
                .file("var/lib/dpkg/status", base_status)
                .file("app/deploy.env", format!("GITHUB_TOKEN={secret}\n")),
            LayerSpec::new("/bin/sh -c rm /app/deploy.env").whiteout("app/deploy.env"),
            LayerSpec::new("/bin/sh -c apt-get install -y curl && apt-get purge -y liboldlib1")
                .file("var/lib/dpkg/status", later_status),
        ],
        container_config: json!({"User": "app", "Healthcheck": {"Test": ["CMD", "true"]}}),
        tag: "example/debian-app:1.0".into(),
        compression: Compression::Gzip,
        annotations: std::collections::BTreeMap::default(),
    }
}

fn scan(image: &Path, db: &Path, extra: &[&str]) -> (Value, i32) {
    let out = ward()
        .arg("image")
        .arg(image)
        .args(["--format", "json", "--no-progress", "--db"])
        .arg(db)
        .args(extra)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    (report, out.status.code().unwrap_or(-1))
}

fn findings<'a>(report: &'a Value, engine: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["engine"] == engine)
        .collect()
}

#[test]
fn os_packages_are_matched_against_their_release_and_named_with_their_layer() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_debian(dir.path());
    let image = dir.path().join("app.tar");
    debian_image(&token(7))
        .write_docker_archive(&image)
        .unwrap();
    let (report, code) = scan(&image, &db, &[]);
    let deps = findings(&report, "deps");
    let ids: Vec<&str> = deps
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    // openssl (layer 0) and curl (layer 2); not bullseye's zlib record, not the purged package.
    assert_eq!(ids, ["deps/DSA-5532-1", "deps/DSA-5750-1"], "{report:#}");
    let openssl = deps[0];
    assert_eq!(openssl["location"]["path"], "var/lib/dpkg/status");
    assert_eq!(openssl["detail"]["extra"]["layer"]["index"], 0);
    let message = openssl["message"].as_str().unwrap();
    assert!(
        message
            .starts_with("libssl3 (from source package openssl) 3.0.11-1~deb12u1 has DSA-5532-1"),
        "{message}"
    );
    assert!(message.contains("upgrade to 3.0.11-1~deb12u2"), "{message}");
    assert_eq!(
        openssl["detail"]["vulnerability"]["package"]["purl"],
        "pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12"
    );
    let curl = deps[1];
    assert_eq!(curl["detail"]["extra"]["layer"]["index"], 2);
    assert!(
        curl["message"]
            .as_str()
            .unwrap()
            .contains("by `apt-get install -y curl"),
        "{curl:#}"
    );
    assert_eq!(
        code, 1,
        "high-severity default gate: medium findings do not fail, the secret does"
    );
}

#[test]
fn a_secret_deleted_by_a_later_layer_is_still_reported_with_both_layers() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_debian(dir.path());
    let layout = dir.path().join("layout");
    let secret = token(11);
    debian_image(&secret).write_oci_layout(&layout).unwrap();
    let (report, _) = scan(&layout, &db, &[]);
    let secrets = findings(&report, "secrets");
    assert_eq!(secrets.len(), 1, "{report:#}");
    let found = secrets[0];
    assert_eq!(found["location"]["path"], "app/deploy.env");
    assert_eq!(found["detail"]["extra"]["layer"]["index"], 0);
    assert_eq!(found["detail"]["extra"]["deleted_in_layer"], 1);
    let message = found["message"].as_str().unwrap();
    assert!(message.contains("deleted in layer 1"), "{message}");
    // Never the secret itself.
    assert!(!report.to_string().contains(&secret));
}

#[test]
fn alpine_packages_are_checked_against_the_secdb() {
    let dir = tempfile::tempdir().unwrap();
    // Real data: the shared data sits beside the repository (CI copies it there).
    let relative = "shared/data/alpine-secdb/v3.11/main.yaml";
    let secdb = [
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../..")
            .join(relative),
        Path::new("/work").join(relative),
    ]
    .into_iter()
    .find(|p| p.is_file())
    .expect("the shared data (alpine-secdb) beside the repository");
    let db = dir.path().join("db");
    common::db_import(&secdb, &db);
    // openssl 1.1.1d-r2 fixed CVE-2019-1547 in v3.11; 1.1.1d-r0 is before the fix.
    let installed = "P:libcrypto1.1\nV:1.1.1d-r0\nA:x86_64\no:openssl\n\nP:musl\nV:1.1.24-r0\nA:x86_64\no:musl\n\n";
    let spec = ImageSpec {
        layers: vec![
            LayerSpec::new("ADD alpine-minirootfs.tar.gz /")
                .file("etc/os-release", "ID=alpine\nVERSION_ID=3.11.6\n")
                .file("lib/apk/db/installed", installed),
        ],
        container_config: json!({}),
        tag: "alpine:3.11".into(),
        ..Default::default()
    };
    let archive = dir.path().join("alpine.tar");
    spec.write_oci_archive(&archive).unwrap();
    let (report, _) = scan(&archive, &db, &[]);
    let ids: Vec<&str> = findings(&report, "deps")
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"deps/ALPINE-CVE-2019-1547"), "{ids:?}");
    assert!(
        ids.iter().all(|id| id.starts_with("deps/ALPINE-")),
        "{ids:?}"
    );
}

#[test]
fn a_tampered_layer_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_debian(dir.path());
    let layout = dir.path().join("layout");
    let spec = ImageSpec {
        compression: Compression::None,
        ..debian_image(&token(3))
    };
    spec.write_oci_layout(&layout).unwrap();
    let digest = spec.blobs().layers[0].0.clone();
    let blob = layout
        .join("blobs/sha256")
        .join(digest.trim_start_matches("sha256:"));
    let mut bytes = fs::read(&blob).unwrap();
    let at = bytes.windows(8).position(|w| w == b"bookworm").unwrap();
    bytes[at] ^= 0x20;
    fs::write(&blob, bytes).unwrap();
    let out = ward()
        .arg("image")
        .arg(&layout)
        .args(["--no-progress", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("damaged or was altered"), "{stderr}");
}

#[test]
fn escaping_entries_are_errors_and_fail_closed_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_debian(dir.path());
    let spec = ImageSpec {
        layers: vec![
            LayerSpec::new("ADD evil /")
                .raw(b"../../tmp/ward-escape", "x\n")
                .file("ok.txt", "fine\n"),
        ],
        container_config: json!({}),
        tag: "evil:1".into(),
        ..Default::default()
    };
    let archive = dir.path().join("evil.tar");
    spec.write_docker_archive(&archive).unwrap();
    let (report, code) = scan(&archive, &db, &["--fail-closed"]);
    assert_eq!(code, 2);
    let errors = report["completeness"]["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["path"] == "../../tmp/ward-escape"
            && e["message"].as_str().unwrap().contains("outside the root")),
        "{errors:#?}"
    );
    assert!(!Path::new("/tmp/ward-escape").exists());
}

#[test]
fn the_image_configuration_is_checked_by_the_iac_engine() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_debian(dir.path());
    let spec = ImageSpec {
        container_config: json!({
            "Env": ["PATH=/usr/bin", "DB_PASSWORD=hunter2-staging-db"],
            "ExposedPorts": {"22/tcp": {}},
        }),
        ..debian_image(&token(5))
    };
    let archive = dir.path().join("app.tar");
    spec.write_docker_archive(&archive).unwrap();
    let (report, _) = scan(&archive, &db, &[]);
    let mut rules: Vec<&str> = findings(&report, "iac")
        .iter()
        .inspect(|f| assert_eq!(f["location"]["path"], "image-config.json"))
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    rules.sort_unstable();
    assert_eq!(
        rules,
        [
            "image/no-healthcheck",
            "image/run-as-root",
            "image/secret-in-env",
            "image/ssh-port-exposed"
        ]
    );
    assert!(!report.to_string().contains("hunter2-staging-db"));
}

#[test]
fn language_packages_installed_in_the_image_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_debian(dir.path());
    let mut spec = debian_image(&token(9));
    spec.layers.push(
        LayerSpec::new("/bin/sh -c pip install requests==2.30.0 && npm install lodash@4.17.20")
            .file(
                "usr/local/lib/python3.11/site-packages/requests-2.30.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: requests\nVersion: 2.30.0\n\nPython HTTP for Humans.\n",
            )
            // Installed by apt: the distribution's advisories decide, not PyPI's.
            .file(
                "usr/lib/python3/dist-packages/requests-2.28.1.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: requests\nVersion: 2.28.1\n",
            )
            .file(
                "app/node_modules/lodash/package.json",
                "{\n  \"name\": \"lodash\",\n  \"version\": \"4.17.20\"\n}\n",
            ),
    );
    let archive = dir.path().join("app.tar");
    spec.write_docker_archive(&archive).unwrap();
    let (report, _) = scan(&archive, &db, &[]);
    let found: Vec<(String, String)> = findings(&report, "deps")
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_owned(),
                f["location"]["path"].as_str().unwrap().to_owned(),
            )
        })
        .filter(|(id, _)| !id.starts_with("deps/DSA-"))
        .collect();
    assert_eq!(
        found,
        [
            (
                "deps/GHSA-35jh-r3h4-6jhm".to_owned(),
                "app/node_modules/lodash/package.json".to_owned()
            ),
            (
                "deps/PYSEC-2023-74".to_owned(),
                "usr/local/lib/python3.11/site-packages/requests-2.30.0.dist-info/METADATA"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn rpm_packages_of_an_sqlite_rpmdb_are_checked_and_berkeley_db_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    // Rocky Linux advisories name binary packages; versions carry the epoch.
    let db = import(
        dir.path(),
        &[osv(
            "RLSA-2023:7877",
            "CVE-2023-5678",
            "Rocky Linux:9",
            "openssl-libs",
            "1:3.0.7-25.el9_3",
        )],
    );
    let rpmdb = ward_deps::os::rpm::write_database(&[
        (
            "openssl-libs",
            Some(1),
            "3.0.7",
            "24.el9",
            "x86_64",
            "openssl-3.0.7-24.el9.src.rpm",
        ),
        (
            "bash",
            None,
            "5.1.8",
            "6.el9_1",
            "x86_64",
            "bash-5.1.8-6.el9_1.src.rpm",
        ),
    ]);
    let spec = ImageSpec {
        layers: vec![
            LayerSpec::new("/bin/sh -c #(nop) ADD file:9a1c in / ")
                .file(
                    "etc/os-release",
                    "NAME=\"Rocky Linux\"\nID=\"rocky\"\nVERSION_ID=\"9.3\"\n",
                )
                .file("var/lib/rpm/rpmdb.sqlite", rpmdb),
            // A second database in the legacy format sits beside it (as in a chroot).
            LayerSpec::new("/bin/sh -c rpm --initdb --dbpath /opt/legacy")
                .file("usr/lib/sysimage/rpm/Packages", vec![0u8; 4096]),
        ],
        container_config: json!({"User": "app", "Healthcheck": {"Test": ["CMD", "true"]}}),
        tag: "example/rocky-app:1.0".into(),
        compression: Compression::Gzip,
        annotations: std::collections::BTreeMap::default(),
    };
    let image = dir.path().join("rocky.tar");
    spec.write_docker_archive(&image).unwrap();
    let (report, _) = scan(&image, &db, &[]);
    let deps = findings(&report, "deps");
    let ids: Vec<&str> = deps
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["deps/RLSA-2023:7877"], "{report:#}");
    assert_eq!(deps[0]["location"]["path"], "var/lib/rpm/rpmdb.sqlite");
    assert!(
        deps[0]["location"]["snippet"].is_null(),
        "no bytes of the database shown"
    );
    assert_eq!(deps[0]["detail"]["extra"]["layer"]["index"], 0);
    let message = deps[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("openssl-libs 1:3.0.7-24.el9 has RLSA-2023:7877"),
        "{message}"
    );
    // The Berkeley DB database is named as not checked, not passed over.
    let errors = report["completeness"]["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["path"] == "usr/lib/sysimage/rpm/Packages"
                && e["message"].as_str().unwrap().contains("Berkeley DB")
                && e["message"].as_str().unwrap().contains("NOT checked")),
        "{errors:#?}"
    );
    let inventory = report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "inventory")
        .expect("an inventory notice");
    assert!(
        inventory["message"]
            .as_str()
            .unwrap()
            .contains("rpm packages: 2"),
        "{inventory:#}"
    );
    // Package databases are read whole even past the file size limit (rpm's often are).
    let (small, _) = scan(&image, &db, &["--max-file-size", "2KiB"]);
    assert_eq!(findings(&small, "deps").len(), 1, "{small:#}");
}

fn jar(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut writer, bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn packages_built_into_jars_go_and_rust_binaries_are_checked_with_their_layer() {
    use ward_deps::binary::fixture;
    let dir = tempfile::tempdir().unwrap();
    let db = import(
        dir.path(),
        &[
            osv(
                "GHSA-jfh8-c2jp-5v3q",
                "CVE-2021-44228",
                "Maven",
                "org.apache.logging.log4j:log4j-core",
                "2.15.0",
            ),
            osv(
                "GO-2023-2102",
                "CVE-2023-39325",
                "Go",
                "golang.org/x/net",
                "0.17.0",
            ),
            osv(
                "RUSTSEC-2021-0003",
                "CVE-2021-25900",
                "crates.io",
                "smallvec",
                "1.6.1",
            ),
        ],
    );

    let log4j = jar(&[(
        "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
        b"groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n",
    )]);
    let app_jar = jar(&[
        (
            "META-INF/maven/com.example/app/pom.properties",
            b"groupId=com.example\nartifactId=app\nversion=1.0.0\n",
        ),
        ("BOOT-INF/lib/log4j-core-2.14.1.jar", &log4j),
    ]);
    let go_binary = fixture::elf(&[
        (".text", &[0x90; 32]),
        (
            ".go.buildinfo",
            &fixture::go_build_info(
                "go1.21.5",
                "path\texample.com/server\nmod\texample.com/server\t(devel)\t\ndep\tgolang.org/x/net\tv0.16.0\th1:x=\n",
            ),
        ),
    ]);
    let rust_binary = fixture::elf(&[(
        ".dep-v0",
        &fixture::cargo_auditable(
            r#"{"packages":[{"name":"tool","version":"0.1.0","source":"local","root":true},{"name":"smallvec","version":"1.6.0","source":"crates.io"}]}"#,
        ),
    )]);
    let spec = ImageSpec {
        layers: vec![
            LayerSpec::new("/bin/sh -c #(nop) ADD file:1d2e in / ").file(
                "etc/os-release",
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n",
            ),
            LayerSpec::new("COPY app.jar /opt/app/app.jar").file("opt/app/app.jar", app_jar),
            LayerSpec::new("COPY server /usr/local/bin/server")
                .file("usr/local/bin/server", go_binary)
                .file("usr/local/bin/tool", rust_binary.clone()),
            // A binary deleted by a later layer is not in the final image: not reported.
            LayerSpec::new("COPY old /usr/local/bin/old").file("usr/local/bin/old", rust_binary),
            LayerSpec::new("RUN rm /usr/local/bin/old").whiteout("usr/local/bin/old"),
        ],
        container_config: json!({"User": "app", "Healthcheck": {"Test": ["CMD", "true"]}}),
        tag: "example/binaries:1.0".into(),
        compression: Compression::Gzip,
        annotations: std::collections::BTreeMap::default(),
    };
    let image = dir.path().join("binaries.tar");
    spec.write_docker_archive(&image).unwrap();
    let (report, _) = scan(&image, &db, &[]);
    let deps = findings(&report, "deps");
    let found: Vec<(&str, &str, u64)> = deps
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap(),
                f["location"]["path"].as_str().unwrap(),
                f["detail"]["extra"]["layer"]["index"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("deps/GHSA-jfh8-c2jp-5v3q", "opt/app/app.jar", 1),
            ("deps/GO-2023-2102", "usr/local/bin/server", 2),
            ("deps/RUSTSEC-2021-0003", "usr/local/bin/tool", 2),
        ],
        "{report:#}"
    );
    // No bytes of a binary are shown as a snippet.
    assert!(
        deps.iter().all(|f| f["location"]["snippet"].is_null()),
        "{deps:#?}"
    );
    let inventory = report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "inventory")
        .expect("an inventory notice");
    let message = inventory["message"].as_str().unwrap();
    for part in [
        "Maven packages in Java archives: 2",
        "Go modules in binaries: 1",
        // Counted as read, in every layer (the deleted binary too).
        "crates in Rust binaries: 2",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
}

/// A JSON Schema from `ward-report`'s fixtures (the official CycloneDX and SPDX schemas).
fn schema_fixture(path: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ward-report/tests/fixtures")
        .join(path);
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn schema_errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn image_sbom(image: &Path, format: &str) -> Value {
    let out = ward()
        .arg("sbom")
        .arg(image)
        .args(["--format", format])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("on Debian GNU/Linux 12 (bookworm)"),
        "{stderr}"
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The Debian image with a language layer on top.
fn debian_app_image() -> ImageSpec {
    let mut spec = debian_image(&token(11));
    spec.layers.push(
        LayerSpec::new("/bin/sh -c pip install requests==2.30.0 && npm install lodash@4.17.20")
            .file(
                "usr/local/lib/python3.11/site-packages/requests-2.30.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: requests\nVersion: 2.30.0\n",
            )
            .file(
                "app/node_modules/lodash/package.json",
                "{\n  \"name\": \"lodash\",\n  \"version\": \"4.17.20\"\n}\n",
            ),
    );
    spec
}

#[test]
fn sbom_of_an_image_lists_os_and_language_packages_with_their_layer_in_cyclonedx() {
    let dir = tempfile::tempdir().unwrap();
    let spec = debian_app_image();
    let layout = dir.path().join("oci");
    spec.write_oci_layout(&layout).unwrap();
    let digests: Vec<String> = spec.blobs().layers.into_iter().map(|(d, _)| d).collect();
    let bom = image_sbom(&layout, "cyclonedx");

    let registry = jsonschema::Registry::new()
        .add(
            "http://cyclonedx.org/schema/spdx.schema.json",
            schema_fixture("cyclonedx/spdx.schema.json"),
        )
        .unwrap()
        .add(
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            schema_fixture("cyclonedx/jsf-0.82.schema.json"),
        )
        .unwrap()
        .prepare()
        .unwrap();
    let validator = jsonschema::options()
        .with_registry(&registry)
        .offline()
        .build(&schema_fixture("cyclonedx/bom-1.6.schema.json"))
        .unwrap();
    assert_eq!(
        schema_errors(&validator, &bom),
        Vec::<String>::new(),
        "{bom:#}"
    );

    let components = bom["components"].as_array().unwrap();
    let os = &components[0];
    assert_eq!(os["type"], "operating-system");
    assert_eq!(os["name"], "debian");
    assert_eq!(os["version"], "12");
    // Each package with the layer that introduced it: (purl, layer index).
    let listed: Vec<(String, String, String)> = components[1..]
        .iter()
        .map(|c| {
            let property = |name: &str| {
                c["properties"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["name"] == name)
                    .map(|p| p["value"].as_str().unwrap().to_owned())
                    .unwrap_or_default()
            };
            (
                c["purl"].as_str().unwrap().to_owned(),
                property("ward:layer:digest"),
                property("ward:layer:created_by"),
            )
        })
        .collect();
    let layer = |i: usize| (digests[i].clone(), spec.layers[i].created_by.clone());
    let expected: Vec<(String, (String, String))> = vec![
        (
            "pkg:deb/debian/curl@7.88.1-10+deb12u5?arch=amd64&distro=debian-12".into(),
            layer(2),
        ),
        (
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12".into(),
            layer(0),
        ),
        (
            "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12".into(),
            layer(0),
        ),
        ("pkg:npm/lodash@4.17.20".into(), layer(3)),
        ("pkg:pypi/requests@2.30.0".into(), layer(3)),
    ];
    let expected: Vec<(String, String, String)> = expected
        .into_iter()
        .map(|(purl, (digest, step))| (purl, digest, step))
        .collect();
    // liboldlib1 was purged by layer 2: it is not in the image.
    assert_eq!(listed, expected, "{bom:#}");
}

#[test]
fn sbom_of_an_image_in_spdx_names_each_package_layer() {
    let dir = tempfile::tempdir().unwrap();
    let spec = debian_app_image();
    let archive = dir.path().join("app.tar");
    spec.write_docker_archive(&archive).unwrap();
    let blobs = spec.blobs();
    let doc = image_sbom(&archive, "spdx");
    let validator = jsonschema::options()
        .offline()
        .build(&schema_fixture("spdx/spdx-schema.json"))
        .unwrap();
    assert_eq!(
        schema_errors(&validator, &doc),
        Vec::<String>::new(),
        "{doc:#}"
    );
    assert_eq!(doc["name"], "example/debian-app:1.0");
    let packages = doc["packages"].as_array().unwrap();
    let os = packages
        .iter()
        .find(|p| p["primaryPackagePurpose"] == "OPERATING_SYSTEM")
        .unwrap();
    assert_eq!(
        (&os["name"], &os["versionInfo"]),
        (&json!("debian"), &json!("12"))
    );
    let curl = packages.iter().find(|p| p["name"] == "curl").unwrap();
    let note = curl["annotations"][0]["comment"].as_str().unwrap();
    let (digest_line, step_line) = note.split_once('\n').unwrap();
    let digest = digest_line.strip_prefix("ward:layer:digest=").unwrap();
    // A docker save archive names layers by content: the blob's digest or the diff id.
    assert!(
        digest == blobs.layers[2].0 || digest == blobs.diff_ids[2],
        "{note}"
    );
    assert_eq!(
        step_line,
        "ward:layer:created_by=/bin/sh -c apt-get install -y curl && apt-get purge -y liboldlib1"
    );
    assert!(
        curl["comment"]
            .as_str()
            .unwrap()
            .contains("made by `/bin/sh -c apt-get install -y curl"),
        "{curl:#}"
    );
    let lodash = packages.iter().find(|p| p["name"] == "lodash").unwrap();
    assert!(
        lodash["annotations"][0]["comment"]
            .as_str()
            .unwrap()
            .ends_with(
                "created_by=/bin/sh -c pip install requests==2.30.0 && npm install lodash@4.17.20"
            ),
        "{lodash:#}"
    );
    assert!(!packages.iter().any(|p| p["name"] == "liboldlib1"));
}

#[test]
fn generic_secret_matches_in_files_of_os_packages_are_dropped_but_not_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_debian(dir.path());
    let mut spec = debian_image(&token(12));
    // A generic `password = "..."` assignment: no vendor prefix, high entropy.
    let password = &token(21)[4..];
    let specific = token(22);
    let assignment = format!("password = \"{password}\"\n");
    spec.layers.push(
        LayerSpec::new("/bin/sh -c apt-get install -y libperl5.36")
            .file(
                "var/lib/dpkg/info/libperl5.36:amd64.list",
                "/.\n/usr\n/usr/share/perl/5.36/Module/CoreList.pm\n/usr/share/doc/libperl5.36/netrc.example\n",
            )
            .file("usr/share/perl/5.36/Module/CoreList.pm", assignment.clone())
            // A specific detector still reports in a package's file: a real token is one anywhere.
            .file(
                "usr/share/doc/libperl5.36/netrc.example",
                format!("GITHUB_TOKEN={specific}\n"),
            ),
    );
    spec.layers
        .push(LayerSpec::new("COPY config /app/config").file("app/config", assignment));
    let archive = dir.path().join("app.tar");
    spec.write_docker_archive(&archive).unwrap();
    let (report, _) = scan(&archive, &db, &[]);
    let mut found: Vec<(String, String)> = findings(&report, "secrets")
        .iter()
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap().to_owned(),
                f["rule_id"].as_str().unwrap().to_owned(),
            )
        })
        .filter(|(path, _)| path != "app/deploy.env")
        .collect();
    found.sort();
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["app/config", "usr/share/doc/libperl5.36/netrc.example"],
        "{found:?}"
    );
    assert!(found[0].1.starts_with("secrets/generic"), "{found:?}");
    assert!(!found[1].1.starts_with("secrets/generic"), "{found:?}");
    assert!(!report.to_string().contains(password));
}

#[test]
fn executables_over_the_file_size_limit_still_have_their_build_information_read() {
    use ward_deps::binary::fixture;
    let dir = tempfile::tempdir().unwrap();
    let db = import(
        dir.path(),
        &[osv(
            "GO-2023-2102",
            "CVE-2023-39325",
            "Go",
            "golang.org/x/net",
            "0.17.0",
        )],
    );
    // 64 KiB of code before the build information: over the 16 KiB limit set below.
    let code = vec![0x90u8; 64 * 1024];
    let go_binary = fixture::elf(&[
        (".text", &code),
        (
            ".go.buildinfo",
            &fixture::go_build_info(
                "go1.21.5",
                "path\texample.com/server\nmod\texample.com/server\t(devel)\t\ndep\tgolang.org/x/net\tv0.16.0\th1:x=\n",
            ),
        ),
    ]);
    let spec = ImageSpec {
        layers: vec![
            LayerSpec::new("COPY server /usr/local/bin/server")
                .file("usr/local/bin/server", go_binary.clone())
                // A large file that is no executable is still skipped as too large, and so is
                // a shared library (read for nothing).
                .file("usr/share/big.txt", vec![b'a'; 64 * 1024])
                .file("usr/lib/libbig.so.1", go_binary.clone()),
        ],
        container_config: json!({"User": "app", "Healthcheck": {"Test": ["CMD", "true"]}}),
        tag: "example/big:1.0".into(),
        compression: Compression::Gzip,
        annotations: std::collections::BTreeMap::default(),
    };
    let image = dir.path().join("big.tar");
    spec.write_docker_archive(&image).unwrap();
    let (report, _) = scan(&image, &db, &["--max-file-size", "16KiB"]);
    let found: Vec<(&str, &str)> = findings(&report, "deps")
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap(),
                f["location"]["path"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("deps/GO-2023-2102", "usr/local/bin/server")],
        "{report:#}"
    );
    for skipped in ["usr/share/big.txt", "usr/lib/libbig.so.1"] {
        assert!(
            report.to_string().contains(skipped),
            "{skipped} is listed as skipped: {report:#}"
        );
    }
}
