//! The OpenAPI document: served to authenticated callers only, valid OpenAPI 3.1, and in step
//! with the router (every route and method of the JSON API is documented, and everything
//! documented is routed).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use common::{Backend, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::Value;

const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

/// The paths the router serves, read from its `Debug` output (axum lists them there). The
/// dashboard's HTML pages are not part of the JSON API and are left out.
async fn router_paths() -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let db = ward_server::Db::open(&ward_server::db::sqlite_url(&dir.path().join("ward.db")))
        .await
        .unwrap();
    let state = Arc::new(ward_server::api::AppState {
        db,
        user_limiter: ward_server::auth::LoginLimiter::default(),
        address_limiter: ward_server::auth::LoginLimiter::default(),
        dummy_hash: String::new(),
        secure_cookies: true,
        sla: ward_server::metrics::Sla::default(),
        webhook_wake: Arc::default(),
    });
    let debug = format!("{:?}", ward_server::api::router(state, 1024));
    let paths: BTreeSet<String> = regex::Regex::new(r#"RouteId\(\d+\): "([^"]+)""#)
        .unwrap()
        .captures_iter(&debug)
        .map(|c| c[1].to_owned())
        .filter(|p| p.starts_with("/api/") || p == "/metrics" || p == "/healthz")
        .collect();
    assert!(
        paths.len() > 15,
        "the router's Debug output no longer lists its paths: {debug}"
    );
    paths
}

/// A concrete request path for a path template (`{id}` -> `x`).
fn concrete(template: &str) -> String {
    regex::Regex::new(r"\{[^}]+\}")
        .unwrap()
        .replace_all(template, "x")
        .into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_is_valid_openapi_and_matches_the_router() {
    let server = TestServer::start(Backend::Sqlite, true).await.unwrap();

    // Authenticated like the rest of the API.
    let (status, _) = server
        .send(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, doc) = server.get("/api/v1/openapi.json", &server.admin).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(
        doc,
        serde_json::to_value(ward_server::api::openapi()).unwrap(),
        "the served document is the generated one"
    );

    // Valid OpenAPI 3.1: it parses as one, and what the parser leaves to us holds.
    let spec = oas3::from_json(doc.to_string()).expect("a valid OpenAPI 3.1 document");
    assert!(spec.openapi.starts_with("3.1."), "{}", spec.openapi);
    assert!(!spec.info.title.is_empty() && !spec.info.version.is_empty());
    let refs = regex::Regex::new(r##""\$ref":"#/components/schemas/([^"]+)""##).unwrap();
    for name in refs.captures_iter(&doc.to_string()) {
        assert!(
            doc["components"]["schemas"].get(&name[1]).is_some(),
            "dangling $ref to {}",
            &name[1]
        );
    }
    let schemes = doc["components"]["securitySchemes"].as_object().unwrap();
    assert!(schemes.contains_key("bearer") && schemes.contains_key("session"));

    let documented: BTreeMap<String, BTreeSet<String>> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(path, item)| {
            let methods = METHODS
                .iter()
                .filter(|m| item.get(**m).is_some())
                .map(|m| (*m).to_owned())
                .collect();
            (path.clone(), methods)
        })
        .collect();
    let placeholder = regex::Regex::new(r"\{([^}]+)\}").unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let placeholders: BTreeSet<String> = placeholder
            .captures_iter(path)
            .map(|c| c[1].to_owned())
            .collect();
        for method in &documented[path] {
            let operation = &item[method.as_str()];
            assert!(
                operation["responses"]
                    .as_object()
                    .is_some_and(|r| !r.is_empty()),
                "{method} {path} documents no response"
            );
            let declared: BTreeSet<String> = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "path" && p["required"] == true)
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
            assert_eq!(declared, placeholders, "{method} {path}: path parameters");
            // Every operation needs credentials except the three that provide them.
            let public = matches!(
                path.as_str(),
                "/healthz" | "/api/v1/login" | "/api/v1/setup"
            );
            assert_eq!(
                operation.get("security") == Some(&serde_json::json!([{}])),
                public,
                "{method} {path}: security"
            );
        }
    }

    // Every path of the router is documented...
    let routed = router_paths().await;
    let documented_paths: BTreeSet<String> = documented.keys().cloned().collect();
    assert_eq!(routed, documented_paths, "router paths vs documented paths");
    // ...and each path answers exactly the documented methods: a method the router lacks
    // answers 405; one it has answers anything else (without a body, mostly 4xx). Asked as
    // the administrator, since without credentials every method of a guarded path is 401.
    for path in &routed {
        for method in METHODS {
            let (status, body) = server
                .send(
                    Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(),
                    &concrete(path),
                    Some(&server.admin),
                    None,
                )
                .await;
            let routed_method = status != StatusCode::METHOD_NOT_ALLOWED;
            assert_ne!(
                body,
                serde_json::json!({ "error": "route not found" }),
                "{method} {path}"
            );
            assert_eq!(
                routed_method,
                documented[path].contains(method),
                "{method} {path}: answered {status}, documented: {:?}",
                documented[path]
            );
        }
    }
    server.stop().await;
}

#[test]
fn a_document_with_an_error_is_refused_by_the_parser() {
    // The parser used above does check: a document without `info` is not OpenAPI.
    let mut doc = serde_json::to_value(ward_server::api::openapi()).unwrap();
    doc.as_object_mut().unwrap().remove("info");
    assert!(oas3::from_json(doc.to_string()).is_err());
    let mut doc: Value = serde_json::to_value(ward_server::api::openapi()).unwrap();
    doc["paths"]["/api/v1/me"]["get"]["responses"] = serde_json::json!("none");
    assert!(oas3::from_json(doc.to_string()).is_err());
}
