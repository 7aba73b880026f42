//! The HTTP API (`/api/v1/...`) and `/healthz`. Every route except `/healthz` and the two that
//! authenticate (`/api/v1/login`, `/api/v1/setup`) goes through [`require_auth`].

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{self, Principal, Role};
use crate::db::Db;
use crate::ingest::{self, IngestError};
use crate::now_unix;
use crate::triage;
use crate::wire::{self, UploadRequest};

/// Shared by every request.
#[derive(Debug)]
pub struct AppState {
    pub db: Db,
    /// Failed logins per user name.
    pub user_limiter: auth::LoginLimiter,
    /// Failed logins per client address.
    pub address_limiter: auth::LoginLimiter,
    /// A hash of a random password, verified when the user does not exist so that the answer
    /// takes as long either way.
    pub dummy_hash: String,
    /// Whether cookies get the `Secure` attribute (on unless the operator turns it off for
    /// plain-HTTP use beyond localhost).
    pub secure_cookies: bool,
    /// Days to fix by severity, for due dates and breaches.
    pub sla: crate::metrics::Sla,
    /// Wakes the webhook sender when deliveries were written.
    pub webhook_wake: Arc<tokio::sync::Notify>,
}

pub type SharedState = Arc<AppState>;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "ward_session";

/// An error answer: a status and a message, as `{"error": "..."}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "your role does not allow this")
    }
    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, format!("{what} not found"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        tracing_error(&err);
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "database error")
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        tracing_error(&err);
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
    }
}

/// Server-side errors are logged to stderr with their cause; the client gets a generic message.
#[allow(clippy::print_stderr)]
fn tracing_error(err: &dyn std::fmt::Display) {
    eprintln!("ward serve: error: {err}");
}

type ApiResult<T> = Result<T, ApiError>;

/// The OpenAPI document's frame: metadata, tags and the two ways to authenticate. The paths
/// come from the handlers' `#[utoipa::path]` through [`routes`].
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Ward server API",
        description = "Scans uploaded by `ward scan --upload` tracked as issues from first sight to fix. \
            Every route except `/healthz`, `/api/v1/login` and `/api/v1/setup` needs an API token \
            (`Authorization: Bearer ward_...`) or a session cookie; a state change made with a \
            session must echo its CSRF token in `X-CSRF-Token`."
    ),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Logins, sessions and API tokens"),
        (name = "admin", description = "Server administration"),
        (name = "projects", description = "Projects and their members"),
        (name = "scans", description = "Scan uploads"),
        (name = "issues", description = "Issues, triage and ownership"),
        (name = "webhooks", description = "Notifications to other systems"),
        (name = "metrics", description = "Progress metrics"),
        (name = "server", description = "The server itself"),
    )
)]
struct ApiDoc;

/// Declares the bearer token and the session cookie, required by every operation that does
/// not say otherwise.
#[derive(Debug)]
struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token (`ward_...`)"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The session from `POST /api/v1/login`",
            ))),
        );
        openapi.security = Some(vec![
            SecurityRequirement::new("bearer", Vec::<String>::new()),
            SecurityRequirement::new("session", Vec::<String>::new()),
        ]);
    }
}

/// The JSON API's routes: those open to anyone, and those behind [`require_auth`]. Each
/// handler brings its own OpenAPI operation, so the router and the document are built from
/// one list and cannot drift.
fn routes(max_upload_bytes: usize) -> (OpenApiRouter<SharedState>, OpenApiRouter<SharedState>) {
    let public = OpenApiRouter::with_openapi(<ApiDoc as utoipa::OpenApi>::openapi())
        .routes(routes!(healthz))
        .routes(routes!(login))
        .routes(routes!(setup));
    let (schemas, paths, upload_route) = routes!(upload);
    let authenticated = OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(logout))
        .routes(routes!(create_token, list_tokens))
        .routes(routes!(revoke_token))
        .routes(routes!(create_user))
        .routes(routes!(list_projects, create_project))
        .routes(routes!(set_member, remove_member))
        .routes(routes!(list_scans))
        .routes(routes!(list_issues))
        .routes(routes!(issue_detail))
        .routes(routes!(metrics_json))
        .routes(routes!(metrics_prometheus))
        .routes(routes!(triage_issue))
        .routes(routes!(crate::owners::assign))
        .routes(routes!(
            crate::webhooks::list_webhooks,
            crate::webhooks::create
        ))
        .routes(routes!(crate::webhooks::delete))
        .routes(routes!(crate::webhooks::deliveries))
        .routes(routes!(openapi_json))
        .routes((
            schemas,
            paths,
            upload_route.layer(DefaultBodyLimit::max(max_upload_bytes)),
        ));
    (public, authenticated)
}

/// The OpenAPI document of the JSON API (served at `/api/v1/openapi.json`).
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (public, authenticated) = routes(0);
    public.merge(authenticated).into_openapi()
}

/// The document as served, rendered once.
#[derive(Debug, Clone)]
struct OpenApiJson(Arc<String>);

pub fn router(state: SharedState, max_upload_bytes: usize) -> Router {
    let (public, authenticated) = routes(max_upload_bytes);
    let (public, public_doc) = public.split_for_parts();
    let (authenticated, authenticated_doc) = authenticated.split_for_parts();
    let mut doc = public_doc;
    doc.merge(authenticated_doc);
    let json = OpenApiJson(Arc::new(doc.to_pretty_json().unwrap_or_default()));
    let authenticated =
        authenticated.route_layer(middleware::from_fn_with_state(state.clone(), require_auth));
    public
        .merge(authenticated)
        .merge(crate::web::router(state.clone()))
        .layer(Extension(json))
        .fallback(|| async { ApiError::not_found("route") })
        .with_state(state)
}

#[utoipa::path(
    get,
    path = "/healthz",
    tag = "server",
    summary = "Liveness: `ok` (the one route without authentication)",
    responses(
        (status = 200, description = "The server runs", body = String, content_type = "text/plain")
    ),
    security(())
)]
async fn healthz() -> &'static str {
    "ok\n"
}

#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "server",
    summary = "This document",
    responses(
        (status = 200, description = "The OpenAPI document of the JSON API", body = serde_json::Value),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn openapi_json(Extension(json): Extension<OpenApiJson>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        json.0.as_str().to_owned(),
    )
}

pub(crate) fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Equal in time whatever the inputs, so a CSRF token cannot be guessed byte by byte.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Resolves the caller from `Authorization: Bearer TOKEN` or the session cookie; 401 without
/// either. A state change made with a session must carry its CSRF token in `X-CSRF-Token`.
async fn require_auth(
    State(state): State<SharedState>,
    mut request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let principal = if let Some(value) = headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        auth::principal_from_token(&state.db, token.trim()).await
    } else if let Some(session) = cookie_value(headers, SESSION_COOKIE) {
        auth::principal_from_session(&state.db, session).await
    } else {
        Ok(None)
    };
    let principal = match principal {
        Ok(Some(p)) => p,
        Ok(None) => {
            let mut response =
                ApiError::new(StatusCode::UNAUTHORIZED, "authentication required").into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"ward\""),
            );
            return response;
        }
        Err(err) => return ApiError::from(err).into_response(),
    };
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if let (false, Some(expected)) = (safe, &principal.csrf) {
        let sent = request
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !constant_time_eq(sent.as_bytes(), expected.as_bytes()) {
            return ApiError::new(StatusCode::FORBIDDEN, "missing or wrong X-CSRF-Token")
                .into_response();
        }
    }
    request.extensions_mut().insert(principal);
    next.run(request).await
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub(crate) struct LoginRequest {
    pub(crate) username: String,
    pub(crate) password: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/login",
    tag = "auth",
    summary = "Log in with a password: a session cookie and its CSRF token",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in: `{csrf_token}` and a `ward_session` cookie", body = serde_json::Value),
        (status = 401, description = "Wrong user name or password"),
        (status = 429, description = "Too many failed logins (see `Retry-After`)")
    ),
    security(())
)]
pub(crate) async fn login(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(body): Json<LoginRequest>,
) -> ApiResult<Response> {
    let now = now_unix();
    // The peer address, never a forwarded header a client could set.
    let user_key = [format!("user:{}", body.username.to_lowercase())];
    let address_key = [format!("ip:{}", peer.ip())];
    let wait = [
        state.user_limiter.retry_after(&user_key, now),
        state.address_limiter.retry_after(&address_key, now),
    ]
    .into_iter()
    .flatten()
    .max();
    if let Some(wait) = wait {
        let mut response = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!("too many failed logins: try again in {wait} s"),
        )
        .into_response();
        if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return Ok(response);
    }
    let row = sqlx::query("SELECT id, password_hash FROM users WHERE name = $1")
        .bind(&body.username)
        .fetch_optional(&state.db.pool)
        .await?;
    // Verify against a fixed hash when the user does not exist, so timing does not tell.
    let (user_id, hash) = match row {
        Some(row) => (
            Some(row.get::<String, _>(0)),
            row.get::<Option<String>, _>(1),
        ),
        None => (None, None),
    };
    let hash = hash.unwrap_or_else(|| state.dummy_hash.clone());
    let ok = auth::verify_password(body.password, hash).await && user_id.is_some();
    let Some(user_id) = user_id.filter(|_| ok) else {
        state.user_limiter.record_failure(&user_key, now);
        state.address_limiter.record_failure(&address_key, now);
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "wrong user name or password",
        ));
    };
    state.user_limiter.record_success(&user_key);
    let (session, csrf) = auth::create_session(&state.db, &user_id).await?;
    let cookie = format!(
        "{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
        auth::SESSION_SECONDS,
        if state.secure_cookies { "; Secure" } else { "" }
    );
    let mut response = Json(json!({ "csrf_token": csrf })).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|e| anyhow::anyhow!("{e}"))?,
    );
    Ok(response)
}

#[utoipa::path(
    post,
    path = "/api/v1/logout",
    tag = "auth",
    summary = "End the session",
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn logout(
    State(state): State<SharedState>,
    headers: HeaderMap,
) -> ApiResult<impl IntoResponse> {
    if let Some(session) = cookie_value(&headers, SESSION_COOKIE) {
        auth::delete_session(&state.db, session).await?;
    }
    Ok((
        [(
            header::SET_COOKIE,
            format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
        )],
        StatusCode::NO_CONTENT,
    ))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct SetupRequest {
    token: String,
    username: String,
    password: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/setup",
    tag = "auth",
    summary = "Create the first administrator with the one-time setup token",
    request_body = SetupRequest,
    responses(
        (status = 201, description = "Administrator created", body = serde_json::Value),
        (status = 400, description = "Invalid name or weak password"),
        (status = 403, description = "Wrong or used setup token")
    ),
    security(())
)]
async fn setup(
    State(state): State<SharedState>,
    Json(body): Json<SetupRequest>,
) -> ApiResult<impl IntoResponse> {
    auth::validate_user_name(&body.username).map_err(ApiError::bad_request)?;
    auth::check_password_strength(&body.password).map_err(ApiError::bad_request)?;
    match auth::complete_setup(&state.db, &body.token, &body.username, body.password).await? {
        Some(_) => Ok((
            StatusCode::CREATED,
            Json(json!({ "user": body.username, "admin": true })),
        )),
        None => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "the setup token is wrong or was already used",
        )),
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "auth",
    summary = "The caller: name, admin flag, visible projects with roles",
    responses(
        (status = 200, description = "The caller", body = serde_json::Value),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn me(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
) -> ApiResult<Json<serde_json::Value>> {
    let projects = visible_projects(&state.db, &principal).await?;
    Ok(Json(json!({
        "user": principal.name,
        "admin": principal.is_admin,
        "projects": projects,
    })))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct TokenRequest {
    name: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/tokens",
    tag = "auth",
    summary = "Create an API token of the caller (shown once)",
    request_body = TokenRequest,
    responses(
        (status = 201, description = "`{id, name, token}`: the token is shown only now", body = serde_json::Value),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn create_token(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Json(body): Json<TokenRequest>,
) -> ApiResult<impl IntoResponse> {
    if body.name.is_empty() || body.name.len() > 100 {
        return Err(ApiError::bad_request(
            "a token name has 1 to 100 characters",
        ));
    }
    let (token, hash) = auth::new_api_token();
    let id = auth::random_hex(8);
    sqlx::query(
        "INSERT INTO api_tokens (id, token_hash, name, user_id, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&hash)
    .bind(&body.name)
    .bind(&principal.user_id)
    .bind(now_unix())
    .execute(&state.db.pool)
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": id,
            "name": body.name,
            "token": token,
            "note": "shown once: the server keeps only its hash",
        })),
    ))
}

#[utoipa::path(
    get,
    path = "/api/v1/tokens",
    tag = "auth",
    summary = "The caller's tokens (never the tokens themselves)",
    responses(
        (status = 200, description = "`{tokens: [{id, name, created_at, last_used_at, revoked}]}`", body = serde_json::Value),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn list_tokens(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
) -> ApiResult<Json<serde_json::Value>> {
    let rows = sqlx::query(
        "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens \
         WHERE user_id = $1 ORDER BY created_at",
    )
    .bind(&principal.user_id)
    .fetch_all(&state.db.pool)
    .await?;
    let tokens: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({
                "id": r.get::<String, _>(0),
                "name": r.get::<String, _>(1),
                "created_at": r.get::<i64, _>(2),
                "last_used_at": r.get::<Option<i64>, _>(3),
                "revoked": r.get::<Option<i64>, _>(4).is_some(),
            })
        })
        .collect();
    Ok(Json(json!({ "tokens": tokens })))
}

#[utoipa::path(
    delete,
    path = "/api/v1/tokens/{id}",
    tag = "auth",
    summary = "Revoke one of the caller's tokens",
    params(("id" = String, Path, description = "Token id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such token of the caller"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn revoke_token(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
    )
    .bind(now_unix())
    .bind(&id)
    .bind(&principal.user_id)
    .execute(&state.db.pool)
    .await?
    .rows_affected();
    if done == 1 {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("token"))
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct UserRequest {
    name: String,
    password: Option<String>,
    #[serde(default)]
    admin: bool,
}

#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "admin",
    summary = "Create a user (server administrators)",
    request_body = UserRequest,
    responses(
        (status = 201, description = "Created", body = serde_json::Value),
        (status = 403, description = "Not a server administrator"),
        (status = 409, description = "The user exists"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn create_user(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Json(body): Json<UserRequest>,
) -> ApiResult<impl IntoResponse> {
    if !principal.is_admin {
        return Err(ApiError::forbidden());
    }
    auth::validate_user_name(&body.name).map_err(ApiError::bad_request)?;
    if let Some(password) = &body.password {
        auth::check_password_strength(password).map_err(ApiError::bad_request)?;
    }
    let exists = sqlx::query("SELECT 1 FROM users WHERE name = $1")
        .bind(&body.name)
        .fetch_optional(&state.db.pool)
        .await?
        .is_some();
    if exists {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("user `{}` exists", body.name),
        ));
    }
    auth::create_user(&state.db, &body.name, body.password, body.admin).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "user": body.name, "admin": body.admin })),
    ))
}

async fn visible_projects(
    db: &Db,
    principal: &Principal,
) -> Result<Vec<serde_json::Value>, sqlx::Error> {
    let rows = if principal.is_admin {
        sqlx::query("SELECT name, 'admin', last_scan_at FROM projects ORDER BY name")
            .fetch_all(&db.pool)
            .await?
    } else {
        sqlx::query(
            "SELECT p.name, m.role, p.last_scan_at FROM projects p \
             JOIN memberships m ON m.project_id = p.id WHERE m.user_id = $1 ORDER BY p.name",
        )
        .bind(&principal.user_id)
        .fetch_all(&db.pool)
        .await?
    };
    Ok(rows
        .iter()
        .map(|r| {
            json!({
                "name": r.get::<String, _>(0),
                "role": r.get::<String, _>(1),
                "last_scan_at": r.get::<Option<i64>, _>(2),
            })
        })
        .collect())
}

#[utoipa::path(
    get,
    path = "/api/v1/projects",
    tag = "projects",
    summary = "The projects the caller can see, with their role",
    responses(
        (status = 200, description = "`{projects: [{name, role, last_scan_at}]}`", body = serde_json::Value),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn list_projects(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
) -> ApiResult<Json<serde_json::Value>> {
    let projects = visible_projects(&state.db, &principal).await?;
    Ok(Json(json!({ "projects": projects })))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct ProjectRequest {
    name: String,
}

async fn insert_project(db: &Db, name: &str) -> Result<String, sqlx::Error> {
    let id = auth::random_hex(16);
    sqlx::query("INSERT INTO projects (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING")
        .bind(&id)
        .bind(name)
        .bind(now_unix())
        .execute(&db.pool)
        .await?;
    let row = sqlx::query("SELECT id FROM projects WHERE name = $1")
        .bind(name)
        .fetch_one(&db.pool)
        .await?;
    Ok(row.get(0))
}

#[utoipa::path(
    post,
    path = "/api/v1/projects",
    tag = "projects",
    summary = "Create a project (server administrators)",
    request_body = ProjectRequest,
    responses(
        (status = 201, description = "Created", body = serde_json::Value),
        (status = 403, description = "Not a server administrator"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn create_project(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Json(body): Json<ProjectRequest>,
) -> ApiResult<impl IntoResponse> {
    if !principal.is_admin {
        return Err(ApiError::forbidden());
    }
    wire::validate_project_name(&body.name).map_err(ApiError::bad_request)?;
    insert_project(&state.db, &body.name).await?;
    Ok((StatusCode::CREATED, Json(json!({ "name": body.name }))))
}

/// A project by name and the caller's role in it; a project the caller cannot see is "not
/// found", so names of other teams' projects do not leak.
pub(crate) async fn project_for(
    db: &Db,
    principal: &Principal,
    name: &str,
) -> ApiResult<(String, Role)> {
    let row = sqlx::query("SELECT id FROM projects WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else {
        return Err(ApiError::not_found("project"));
    };
    let id: String = row.get(0);
    match principal.role_in(db, &id).await? {
        Some(role) => Ok((id, role)),
        None => Err(ApiError::not_found("project")),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct MemberRequest {
    role: String,
}

#[utoipa::path(
    put,
    path = "/api/v1/projects/{project}/members/{user}",
    tag = "projects",
    summary = "Give a user a role in the project (project admins)",
    params(("project" = String, Path, description = "Project name (URL-encoded when it has `/`)"), ("user" = String, Path, description = "User name")),
    request_body = MemberRequest,
    responses(
        (status = 204, description = "Set"),
        (status = 403, description = "Not a project admin"),
        (status = 404, description = "No such project or user"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn set_member(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path((project, user)): Path<(String, String)>,
    Json(body): Json<MemberRequest>,
) -> ApiResult<StatusCode> {
    let (project_id, role) = project_for(&state.db, &principal, &project).await?;
    if role < Role::Admin {
        return Err(ApiError::forbidden());
    }
    let Some(new_role) = Role::parse(&body.role) else {
        return Err(ApiError::bad_request(
            "role must be viewer, triager or admin",
        ));
    };
    let Some(user_row) = sqlx::query("SELECT id FROM users WHERE name = $1")
        .bind(&user)
        .fetch_optional(&state.db.pool)
        .await?
    else {
        return Err(ApiError::not_found("user"));
    };
    let user_id: String = user_row.get(0);
    sqlx::query(
        "INSERT INTO memberships (user_id, project_id, role) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, project_id) DO UPDATE SET role = excluded.role",
    )
    .bind(&user_id)
    .bind(&project_id)
    .bind(new_role.as_str())
    .execute(&state.db.pool)
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    delete,
    path = "/api/v1/projects/{project}/members/{user}",
    tag = "projects",
    summary = "Remove a user from the project (project admins)",
    params(("project" = String, Path, description = "Project name (URL-encoded when it has `/`)"), ("user" = String, Path, description = "User name")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not a project admin"),
        (status = 404, description = "No such project"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn remove_member(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path((project, user)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let (project_id, role) = project_for(&state.db, &principal, &project).await?;
    if role < Role::Admin {
        return Err(ApiError::forbidden());
    }
    sqlx::query(
        "DELETE FROM memberships WHERE project_id = $1 AND user_id = (SELECT id FROM users WHERE name = $2)",
    )
    .bind(&project_id)
    .bind(&user)
    .execute(&state.db.pool)
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/scans`: needs the triager role in the project (or server admin, who may
/// upload to a project that does not exist yet: it is created).
#[utoipa::path(
    post,
    path = "/api/v1/scans",
    tag = "scans",
    summary = "Upload a scan (what `ward scan --upload` sends; triager role)",
    request_body(content = Object, description = "`{scan_id, project, branch, commit, stage, codeowners?: {path, text}, report}` where `report` is Ward's JSON report, version 1", content_type = "application/json"),
    responses(
        (status = 201, description = "Stored", body = crate::wire::UploadResponse),
        (status = 200, description = "The same scan was already stored: the first answer again", body = crate::wire::UploadResponse),
        (status = 400, description = "Invalid upload"),
        (status = 403, description = "Not a triager of the project"),
        (status = 409, description = "The scan id was uploaded with other content"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn upload(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let payload_sha256 = {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(&body);
        digest.iter().fold(String::new(), |mut s, b| {
            use std::fmt::Write;
            let _ = write!(s, "{b:02x}");
            s
        })
    };
    let request: UploadRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("invalid upload: {e}")))?;
    ingest::validate(&request).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let project_id = match project_for(&state.db, &principal, &request.project).await {
        Ok((id, role)) if role >= Role::Triager => id,
        Ok(_) => return Err(ApiError::forbidden()),
        Err(err) if err.status == StatusCode::NOT_FOUND && principal.is_admin => {
            insert_project(&state.db, &request.project).await?
        }
        Err(err) => return Err(err),
    };
    let response = ingest::ingest(
        &state.db,
        &project_id,
        &principal.name,
        &request,
        &payload_sha256,
    )
    .await
    .map_err(|err| match err {
        IngestError::Conflict(_) => ApiError::new(StatusCode::CONFLICT, err.to_string()),
        IngestError::Invalid(message) => ApiError::bad_request(message),
        IngestError::Db(err) => ApiError::from(err),
    })?;
    if response.new_issues + response.regressions > 0 {
        state.webhook_wake.notify_one();
    }
    let status = if response.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(response)))
}

#[derive(Debug, Serialize)]
struct ScanSummary {
    id: String,
    branch: String,
    commit: String,
    stage: String,
    tool_version: String,
    engines: Vec<String>,
    complete: bool,
    findings: i64,
    new_issues: i64,
    regressions: i64,
    fixed: i64,
    duration_ms: i64,
    received_at: i64,
    uploaded_by: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/projects/{project}/scans",
    tag = "scans",
    summary = "The latest 500 scans of the project",
    params(("project" = String, Path, description = "Project name (URL-encoded when it has `/`)")),
    responses(
        (status = 200, description = "`{project, scans: [...]}`", body = serde_json::Value),
        (status = 404, description = "No such project visible to the caller"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn list_scans(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path(project): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let (project_id, _) = project_for(&state.db, &principal, &project).await?;
    let rows = sqlx::query(
        "SELECT id, branch, commit_sha, stage, tool_version, engines, complete, finding_count, \
         new_issues, regressions, fixed, duration_ms, received_at, uploaded_by \
         FROM scans WHERE project_id = $1 ORDER BY received_at DESC, id LIMIT 500",
    )
    .bind(&project_id)
    .fetch_all(&state.db.pool)
    .await?;
    let scans: Vec<ScanSummary> = rows
        .iter()
        .map(|r| ScanSummary {
            id: r.get(0),
            branch: r.get(1),
            commit: r.get(2),
            stage: r.get(3),
            tool_version: r.get(4),
            engines: r
                .get::<String, _>(5)
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            complete: r.get::<i64, _>(6) != 0,
            findings: r.get(7),
            new_issues: r.get(8),
            regressions: r.get(9),
            fixed: r.get(10),
            duration_ms: r.get(11),
            received_at: r.get(12),
            uploaded_by: r.get(13),
        })
        .collect();
    Ok(Json(json!({ "project": project, "scans": scans })))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct IssueFilter {
    state: Option<String>,
    severity: Option<String>,
    engine: Option<String>,
    rule: Option<String>,
    /// Issues this person or team owns.
    owner: Option<String>,
    /// `true`: only issues nobody owns.
    unowned: Option<bool>,
    limit: Option<i64>,
    offset: Option<i64>,
}

#[utoipa::path(
    get,
    path = "/api/v1/projects/{project}/issues",
    tag = "issues",
    summary = "The project's issues, filtered",
    params(("project" = String, Path, description = "Project name (URL-encoded when it has `/`)"), IssueFilter),
    responses(
        (status = 200, description = "`{project, issues: [...]}` with due dates", body = serde_json::Value),
        (status = 400, description = "Invalid filter"),
        (status = 404, description = "No such project visible to the caller"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn list_issues(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path(project): Path<String>,
    Query(filter): Query<IssueFilter>,
) -> ApiResult<Json<serde_json::Value>> {
    let (project_id, _) = project_for(&state.db, &principal, &project).await?;
    triage::reopen_expired(&state.db).await?;
    // Filters are fixed SQL fragments with bound values, never user text in the SQL.
    let mut sql = String::from(
        "SELECT id, fingerprint, rule_id, engine, severity, title, path, start_line, state, \
         first_seen_at, first_stage, last_seen_at, fixed_at, regressions, owner \
         FROM issues WHERE project_id = $1",
    );
    let mut binds: Vec<String> = vec![project_id];
    if let Some(value) = &filter.state {
        if !triage::STATES.contains(&value.as_str()) {
            return Err(ApiError::bad_request(format!("unknown state `{value}`")));
        }
        binds.push(value.clone());
        let _ = write!(sql, " AND state = ${}", binds.len());
    }
    if let Some(value) = &filter.severity {
        let severity: ward_core::Severity = value
            .parse()
            .map_err(|e: ward_core::ParseLevelError| ApiError::bad_request(e.to_string()))?;
        binds.push(severity.as_str().to_owned());
        let _ = write!(sql, " AND severity = ${}", binds.len());
    }
    if let Some(value) = &filter.engine {
        binds.push(value.clone());
        let _ = write!(sql, " AND engine = ${}", binds.len());
    }
    if let Some(value) = &filter.rule {
        binds.push(value.clone());
        let _ = write!(sql, " AND rule_id = ${}", binds.len());
    }
    if let Some(value) = &filter.owner {
        binds.push(value.clone());
        let _ = write!(
            sql,
            " AND id IN (SELECT issue_id FROM issue_owners WHERE owner = ${})",
            binds.len()
        );
    }
    match filter.unowned {
        Some(true) => sql.push_str(" AND owner IS NULL"),
        Some(false) => sql.push_str(" AND owner IS NOT NULL"),
        None => {}
    }
    let limit = filter.limit.unwrap_or(100).clamp(1, 1000);
    let offset = filter.offset.unwrap_or(0).max(0);
    let _ = write!(
        sql,
        " ORDER BY severity_rank DESC, first_seen_at, id LIMIT {limit} OFFSET {offset}"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for value in &binds {
        query = query.bind(value.as_str());
    }
    let rows = query.fetch_all(&state.db.pool).await?;
    let now = now_unix();
    let issues: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({
                "id": r.get::<String, _>(0),
                "fingerprint": r.get::<String, _>(1),
                "rule_id": r.get::<String, _>(2),
                "engine": r.get::<String, _>(3),
                "severity": r.get::<String, _>(4),
                "title": r.get::<String, _>(5),
                "path": r.get::<String, _>(6),
                "line": r.get::<i64, _>(7),
                "state": r.get::<String, _>(8),
                "first_seen_at": r.get::<i64, _>(9),
                "first_stage": r.get::<String, _>(10),
                "last_seen_at": r.get::<i64, _>(11),
                "fixed_at": r.get::<Option<i64>, _>(12),
                "regressions": r.get::<i64, _>(13),
                "owners": triage::owner_list(r.get::<Option<String>, _>(14).as_deref()),
            })
        })
        .map(|mut issue| {
            with_due_date(&mut issue, &state.sla, now);
            issue
        })
        .collect();
    Ok(Json(json!({ "project": project, "issues": issues })))
}

#[utoipa::path(
    get,
    path = "/api/v1/issues/{id}",
    tag = "issues",
    summary = "One issue with its history",
    params(("id" = String, Path, description = "Issue id")),
    responses(
        (status = 200, description = "The issue", body = serde_json::Value),
        (status = 404, description = "No such issue visible to the caller"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn issue_detail(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    triage::reopen_expired(&state.db).await?;
    let (mut issue, _) = triage::load_issue(&state.db, &principal, &id).await?;
    with_due_date(&mut issue, &state.sla, now_unix());
    Ok(Json(issue))
}

/// Adds `due_at` (from the first sighting and the SLA of the severity) and `sla_breached`
/// (open or confirmed past that date) to an issue's JSON.
fn with_due_date(issue: &mut serde_json::Value, sla: &crate::metrics::Sla, now: i64) {
    let severity = issue["severity"].as_str().unwrap_or_default().to_owned();
    let first_seen = issue["first_seen_at"].as_i64().unwrap_or_default();
    let due = sla.due(&severity, first_seen);
    let open = matches!(issue["state"].as_str(), Some("open" | "confirmed"));
    issue["due_at"] = json!(due);
    issue["sla_breached"] = json!(open && due.is_some_and(|d| d < now));
}

/// The projects the caller can see, as (id, name); only `name` when given (404 if invisible).
pub(crate) async fn metric_scope(
    db: &Db,
    principal: &Principal,
    project: Option<&str>,
) -> ApiResult<Vec<(String, String)>> {
    if let Some(name) = project {
        let (id, _) = project_for(db, principal, name).await?;
        return Ok(vec![(id, name.to_owned())]);
    }
    let rows = if principal.is_admin {
        sqlx::query("SELECT id, name FROM projects ORDER BY name")
            .fetch_all(&db.pool)
            .await?
    } else {
        sqlx::query(
            "SELECT p.id, p.name FROM projects p JOIN memberships m ON m.project_id = p.id \
             WHERE m.user_id = $1 ORDER BY p.name",
        )
        .bind(&principal.user_id)
        .fetch_all(&db.pool)
        .await?
    };
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct MetricsQuery {
    project: Option<String>,
}

/// `GET /api/v1/metrics[?project=NAME]`: the metrics of the projects the caller can see.
#[utoipa::path(
    get,
    path = "/api/v1/metrics",
    tag = "metrics",
    summary = "Metrics of the visible projects (or one)",
    params(MetricsQuery),
    responses(
        (status = 200, description = "Open issues, weekly series, time to fix, SLA breaches, detected-early ratio, adoption", body = serde_json::Value),
        (status = 404, description = "No such project visible to the caller"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn metrics_json(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Query(query): Query<MetricsQuery>,
) -> ApiResult<Json<crate::metrics::Metrics>> {
    triage::reopen_expired(&state.db).await?;
    let scope = metric_scope(&state.db, &principal, query.project.as_deref()).await?;
    let metrics = crate::metrics::compute(&state.db, &scope, &state.sla, now_unix()).await?;
    Ok(Json(metrics))
}

/// `GET /metrics`: the same, in Prometheus' text format (scrape with a bearer token).
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "metrics",
    summary = "The same metrics in Prometheus text format",
    responses(
        (status = 200, description = "Prometheus text exposition format 0.0.4", body = String, content_type = "text/plain"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn metrics_prometheus(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
) -> ApiResult<impl IntoResponse> {
    triage::reopen_expired(&state.db).await?;
    let scope = metric_scope(&state.db, &principal, None).await?;
    let metrics = crate::metrics::compute(&state.db, &scope, &state.sla, now_unix()).await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        crate::metrics::prometheus(&metrics),
    ))
}

#[utoipa::path(
    post,
    path = "/api/v1/issues/{id}/triage",
    tag = "issues",
    summary = "Change the state of an issue (triager role)",
    params(("id" = String, Path, description = "Issue id")),
    request_body = crate::triage::TriageRequest,
    responses(
        (status = 200, description = "The issue after the change", body = serde_json::Value),
        (status = 400, description = "Invalid state, reason or expiry"),
        (status = 403, description = "Not a triager of the project"),
        (status = 404, description = "No such issue visible to the caller"),
        (status = 409, description = "The issue is fixed"),
        (status = 401, description = "No or wrong credentials")
    )
)]
async fn triage_issue(
    State(state): State<SharedState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
    Json(body): Json<triage::TriageRequest>,
) -> ApiResult<Json<serde_json::Value>> {
    let (_, role) = triage::load_issue(&state.db, &principal, &id).await?;
    if role < Role::Triager {
        return Err(ApiError::forbidden());
    }
    triage::apply(&state.db, &principal, &id, &body).await?;
    let (issue, _) = triage::load_issue(&state.db, &principal, &id).await?;
    Ok(Json(issue))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; ward_session=abc; b=2"),
        );
        assert_eq!(cookie_value(&headers, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie_value(&headers, "c"), None);
    }

    #[test]
    fn constant_time_comparison_compares() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
