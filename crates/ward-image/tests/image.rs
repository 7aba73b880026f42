//! Opening images of every input kind and streaming their layers, with hostile inputs.

use std::path::Path;

use serde_json::json;
use ward_image::write::{Compression, ImageSpec, LayerSpec};
use ward_image::{Entry, Filesystem, Gone, Image, ImageError, ImageKind, Limits};

fn spec(compression: Compression) -> ImageSpec {
    ImageSpec {
        layers: vec![
            LayerSpec::new("/bin/sh -c #(nop) ADD file:base in /")
                .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                .file("app/.env", "TOKEN=placeholder\n")
                .file("app/keep.txt", "kept\n"),
            LayerSpec::new("RUN rm /app/.env").whiteout("app/.env"),
            LayerSpec::new("RUN echo v2 > /app/keep.txt")
                .file("app/keep.txt", "v2\n")
                .opaque("var/cache"),
        ],
        container_config: json!({"User": "app", "Env": ["PATH=/usr/bin"]}),
        tag: "example/app:1.0".into(),
        compression,
        annotations: std::collections::BTreeMap::default(),
    }
}

/// Every layer's entries, with the file system they build.
fn read_all(image: &Image) -> (Vec<Vec<Entry>>, Filesystem) {
    let mut fs = Filesystem::new();
    let mut layers = Vec::new();
    for index in 0..image.layers.len() {
        let mut entries = Vec::new();
        image
            .read_layer(index, &Limits::default(), &mut |entry| entries.push(entry))
            .unwrap();
        for entry in &entries {
            match entry {
                Entry::Whiteout { path } => fs.whiteout(path, index),
                Entry::Opaque { dir } => fs.opaque(dir, index),
                other => {
                    if let Some(path) = other.added_path() {
                        fs.add(path, index);
                    }
                }
            }
        }
        layers.push(entries);
    }
    (layers, fs)
}

fn check_layers(image: &Image) {
    assert_eq!(image.layers.len(), 3);
    assert_eq!(
        image.layers[1].created_by.as_deref(),
        Some("RUN rm /app/.env")
    );
    assert!(image.layers.iter().all(|l| l.digest.starts_with("sha256:")));
    let (layers, fs) = read_all(image);
    assert!(layers[0].contains(&Entry::File {
        path: "app/.env".into(),
        bytes: b"TOKEN=placeholder\n".to_vec()
    }));
    assert_eq!(fs.present_layer("app/.env"), None);
    assert_eq!(fs.gone("app/.env", 0), Some(Gone::Deleted(1)));
    assert_eq!(fs.present_layer("app/keep.txt"), Some(2));
    assert_eq!(fs.gone("app/keep.txt", 0), Some(Gone::Replaced(2)));
    assert_eq!(fs.present_layer("etc/os-release"), Some(0));
}

#[test]
fn a_docker_save_archive_is_read_in_layer_order_with_whiteouts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.tar");
    spec(Compression::None).write_docker_archive(&path).unwrap();
    let image = Image::open(&path).unwrap();
    assert_eq!(image.kind, ImageKind::DockerArchive);
    assert_eq!(image.name, "example/app:1.0");
    assert_eq!(
        image
            .config
            .as_ref()
            .unwrap()
            .config
            .as_ref()
            .unwrap()
            .user
            .as_deref(),
        Some("app")
    );
    check_layers(&image);
}

#[test]
fn oci_layouts_as_directory_and_tar_with_gzip_layers() {
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("layout");
    spec(Compression::Gzip).write_oci_layout(&layout).unwrap();
    let image = Image::open(&layout).unwrap();
    assert_eq!(image.kind, ImageKind::OciLayout);
    check_layers(&image);

    let archive = dir.path().join("oci.tar");
    spec(Compression::Gzip).write_oci_archive(&archive).unwrap();
    let image = Image::open(&archive).unwrap();
    assert_eq!(image.kind, ImageKind::OciArchive);
    assert_eq!(image.name, "example/app:1.0");
    check_layers(&image);
}

fn first_layer_blob(layout: &Path, spec: &ImageSpec) -> std::path::PathBuf {
    let digest = spec.blobs().layers[0].0.clone();
    layout
        .join("blobs/sha256")
        .join(digest.trim_start_matches("sha256:"))
}

#[test]
fn a_layer_whose_digest_differs_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("layout");
    let spec = spec(Compression::None);
    spec.write_oci_layout(&layout).unwrap();
    let blob = first_layer_blob(&layout, &spec);
    let mut bytes = std::fs::read(&blob).unwrap();
    // Change one byte of the file content ("placeholder" -> "Placeholder"): still a valid tar.
    let at = bytes.windows(11).position(|w| w == b"placeholder").unwrap();
    bytes[at] = b'P';
    std::fs::write(&blob, bytes).unwrap();
    let image = Image::open(&layout).unwrap();
    let error = image
        .read_layer(0, &Limits::default(), &mut |_| {})
        .unwrap_err();
    assert!(
        matches!(error, ImageError::DigestMismatch { .. }),
        "{error}"
    );
    assert!(
        error.to_string().contains("damaged or was altered"),
        "{error}"
    );
}

#[test]
fn a_configuration_whose_digest_differs_is_refused_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("layout");
    let spec = spec(Compression::None);
    spec.write_oci_layout(&layout).unwrap();
    let config = spec.blobs().config.0;
    let path = layout
        .join("blobs/sha256")
        .join(config.trim_start_matches("sha256:"));
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"app\"", "\"root\"");
    std::fs::write(&path, text).unwrap();
    let error = Image::open(&layout).unwrap_err();
    assert!(
        matches!(error, ImageError::DigestMismatch { .. }),
        "{error}"
    );
}

#[test]
fn a_truncated_gzip_layer_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("layout");
    let spec = spec(Compression::Gzip);
    spec.write_oci_layout(&layout).unwrap();
    let blob = first_layer_blob(&layout, &spec);
    let bytes = std::fs::read(&blob).unwrap();
    std::fs::write(&blob, &bytes[..bytes.len() / 2]).unwrap();
    let image = Image::open(&layout).unwrap();
    let error = image
        .read_layer(0, &Limits::default(), &mut |_| {})
        .unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, ImageError::Layer { index: 0, .. }),
        "{message}"
    );
    assert!(message.contains("layer 0 (sha256:"), "{message}");
}

#[test]
fn garbage_where_a_layer_should_be_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("layout");
    let spec = spec(Compression::None);
    spec.write_oci_layout(&layout).unwrap();
    let blob = first_layer_blob(&layout, &spec);
    std::fs::write(&blob, vec![0xAB; 4096]).unwrap();
    let image = Image::open(&layout).unwrap();
    assert!(
        image
            .read_layer(0, &Limits::default(), &mut |_| {})
            .is_err()
    );
}

#[test]
fn entries_leaving_the_root_are_refused_and_links_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.tar");
    let spec = ImageSpec {
        layers: vec![
            LayerSpec::new("ADD evil")
                .raw(b"../../etc/cron.d/evil", "* * * * * root sh\n")
                .raw(b"/etc/passwd", "root::0:0::/:/bin/sh\n")
                .symlink("app/link", "/../../../etc/shadow")
                .file("app/ok.txt", "fine\n"),
        ],
        container_config: json!({}),
        tag: "evil:1".into(),
        ..Default::default()
    };
    spec.write_docker_archive(&path).unwrap();
    let image = Image::open(&path).unwrap();
    let mut entries = Vec::new();
    image
        .read_layer(0, &Limits::default(), &mut |e| entries.push(e))
        .unwrap();
    let refused: Vec<&str> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Refused { path, .. } => Some(path.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(refused, ["../../etc/cron.d/evil", "/etc/passwd"]);
    assert!(entries.contains(&Entry::Symlink {
        path: "app/link".into(),
        target: "/../../../etc/shadow".into()
    }));
    assert!(entries.iter().any(|e| e.added_path() == Some("app/ok.txt")));
}

#[test]
fn a_layer_expanding_past_the_limit_stops_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("layout");
    let spec = ImageSpec {
        layers: vec![LayerSpec::new("RUN bomb").file("zeros", vec![0u8; 4 * 1024 * 1024])],
        container_config: json!({}),
        tag: "bomb:1".into(),
        compression: Compression::Gzip,
        ..Default::default()
    };
    spec.write_oci_layout(&layout).unwrap();
    let blob_size = std::fs::metadata(first_layer_blob(&layout, &spec))
        .unwrap()
        .len();
    assert!(blob_size < 64 * 1024, "gzip of zeros is small: {blob_size}");
    let image = Image::open(&layout).unwrap();
    let limits = Limits {
        max_layer_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let error = image.read_layer(0, &limits, &mut |_| {}).unwrap_err();
    assert!(matches!(error, ImageError::Limit { .. }), "{error}");
    assert!(error.to_string().contains("decompression bomb"), "{error}");
}

#[test]
fn files_over_the_size_limit_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.tar");
    let spec = ImageSpec {
        layers: vec![LayerSpec::new("ADD big").file("big.bin", vec![b'a'; 2048])],
        container_config: json!({}),
        tag: "big:1".into(),
        ..Default::default()
    };
    spec.write_docker_archive(&path).unwrap();
    let image = Image::open(&path).unwrap();
    let limits = Limits {
        max_file_size: 1024,
        ..Limits::default()
    };
    let mut entries = Vec::new();
    image
        .read_layer(0, &limits, &mut |e| entries.push(e))
        .unwrap();
    assert_eq!(
        entries,
        [Entry::Large {
            path: "big.bin".into(),
            size: 2048
        }]
    );
}

#[test]
fn a_root_file_system_directory_is_one_layer_and_links_stay_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("rootfs");
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::write(root.join("etc/os-release"), "ID=alpine\n").unwrap();
    std::fs::write(dir.path().join("outside.txt"), "not in the image\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("../../outside.txt", root.join("etc/escape")).unwrap();
    let image = Image::open(&root).unwrap();
    assert_eq!(image.kind, ImageKind::RootFs);
    let mut entries = Vec::new();
    image
        .read_layer(0, &Limits::default(), &mut |e| entries.push(e))
        .unwrap();
    assert!(entries.contains(&Entry::File {
        path: "etc/os-release".into(),
        bytes: b"ID=alpine\n".to_vec()
    }));
    assert!(
        !entries
            .iter()
            .any(|e| matches!(e, Entry::File { bytes, .. } if bytes.starts_with(b"not in")))
    );
}

#[test]
fn inputs_that_are_not_images_are_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("image.tar.gz");
    std::fs::write(&gz, [0x1f, 0x8b, 8, 0, 0, 0]).unwrap();
    let error = Image::open(&gz).unwrap_err().to_string();
    assert!(error.contains("decompress it first"), "{error}");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "hello").unwrap();
    let error = Image::open(&text).unwrap_err().to_string();
    assert!(error.contains("not a container image"), "{error}");
}

/// A `docker save` directory written by hand, with the configuration's `rootfs.diff_ids` as
/// given (the configuration is named without a digest, so only the diff ids can catch it).
fn docker_dir_with_diff_ids(dir: &Path, spec: &ImageSpec, diff_ids: &[String]) {
    let mut layers = Vec::new();
    for (i, layer) in spec.layers.iter().enumerate() {
        let name = format!("layer{i}/layer.tar");
        std::fs::create_dir_all(dir.join(format!("layer{i}"))).unwrap();
        std::fs::write(dir.join(&name), layer.tar()).unwrap();
        layers.push(name);
    }
    let config = json!({
        "architecture": "amd64",
        "os": "linux",
        "config": spec.container_config,
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": spec.layers.iter().map(|l| json!({"created_by": l.created_by})).collect::<Vec<_>>(),
    });
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    let manifest = json!([{"Config": "config.json", "RepoTags": [spec.tag], "Layers": layers}]);
    std::fs::write(dir.join("manifest.json"), manifest.to_string()).unwrap();
}

#[test]
fn a_configuration_listing_another_number_of_layers_is_refused_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let spec = spec(Compression::None);
    let mut diff_ids = spec.blobs().diff_ids;
    // The manifest lists three layers, the configuration two.
    diff_ids.pop();
    docker_dir_with_diff_ids(dir.path(), &spec, &diff_ids);
    let error = Image::open(dir.path()).unwrap_err();
    assert!(matches!(error, ImageError::Invalid { .. }), "{error}");
    let message = error.to_string();
    assert!(
        message.contains("it lists 2 layers (rootfs.diff_ids) but") && message.contains(" 3"),
        "{message}"
    );
    assert!(
        message.starts_with(&dir.path().display().to_string()),
        "{message}"
    );
}

#[test]
fn a_layer_whose_diff_id_differs_is_an_error_naming_the_layer() {
    let dir = tempfile::tempdir().unwrap();
    let spec = spec(Compression::None);
    let mut diff_ids = spec.blobs().diff_ids;
    // The second layer's recorded diff id is the third's.
    diff_ids[1] = diff_ids[2].clone();
    docker_dir_with_diff_ids(dir.path(), &spec, &diff_ids);
    let image = Image::open(dir.path()).unwrap();
    assert!(image.read_layer(0, &Limits::default(), &mut |_| {}).is_ok());
    let error = image
        .read_layer(1, &Limits::default(), &mut |_| {})
        .unwrap_err();
    let ImageError::DigestMismatch {
        expected, actual, ..
    } = &error
    else {
        panic!("{error}");
    };
    assert_eq!(expected, &diff_ids[1]);
    assert_eq!(actual, &spec.blobs().diff_ids[1]);
    assert!(error.to_string().contains("diff_id"), "{error}");
}
