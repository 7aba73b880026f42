//! The web dashboard: server-rendered HTML pages (askama templates in `templates/`, charts drawn
//! as SVG on the server, no JavaScript) over the same data and permissions as the API.
//!
//! Every page needs a browser session (a request without one is sent to `/login`), and shows
//! only the projects the user may read: a project or issue of another team is "not found", as
//! in the API. Forms that change something carry the session's CSRF token in a hidden field;
//! the login form carries a token of its own, paired with a short-lived cookie.

mod charts;
mod issues;
mod login;
mod overview;
mod stats;
mod view;

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};

use crate::api::{ApiError, SESSION_COOKIE, SharedState, constant_time_eq, cookie_value};
use crate::auth::{self, Principal};

/// The pages and their forms, mounted beside the API by [`crate::api::router`].
pub fn router(state: SharedState) -> Router<SharedState> {
    let pages = Router::new()
        .route("/", get(overview::overview))
        .route("/projects/{*name}", get(overview::project))
        .route("/issues", get(issues::list))
        .route("/issues/{id}", get(issues::detail))
        .route("/issues/{id}/triage", post(issues::triage))
        .route("/stats", get(stats::page))
        .route("/logout", post(login::logout))
        .route_layer(middleware::from_fn_with_state(state, require_session));
    Router::new()
        .route("/login", get(login::form).post(login::submit))
        .route("/static/ward.css", get(stylesheet))
        .merge(pages)
        .layer(middleware::map_response(security_headers))
}

/// The signed-in user of a page request.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub principal: Principal,
    /// The session's CSRF token, which every form that changes something sends back.
    pub csrf: String,
}

impl Session {
    /// Whether a submitted form carries this session's CSRF token.
    fn form_token_ok(&self, sent: &str) -> bool {
        constant_time_eq(sent.as_bytes(), self.csrf.as_bytes())
    }

    /// What the page layout shows of the user: their name, the logout form's token, and which
    /// tab is current.
    fn chrome(&self, tab: Tab) -> Chrome {
        Chrome {
            user: self.principal.name.clone(),
            csrf: self.csrf.clone(),
            tab,
        }
    }
}

/// The navigation tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tab {
    Overview,
    Issues,
    Metrics,
}

/// The part of every page around its content (see `templates/base.html`).
#[derive(Debug, Clone)]
pub(crate) struct Chrome {
    pub user: String,
    pub csrf: String,
    pub tab: Tab,
}

impl Chrome {
    /// `current` for the navigation link of the page's tab (`overview`, `issues`, `metrics`).
    pub fn current(&self, name: &str) -> &'static str {
        let tab = match name {
            "overview" => Tab::Overview,
            "issues" => Tab::Issues,
            _ => Tab::Metrics,
        };
        if tab == self.tab { "current" } else { "" }
    }
}

/// Sends a request without a valid session to the login page, which brings the user back here.
async fn require_session(
    State(state): State<SharedState>,
    mut request: Request,
    next: Next,
) -> Response {
    let cookie = cookie_value(request.headers(), SESSION_COOKIE).map(str::to_owned);
    let principal = match cookie {
        Some(value) => auth::principal_from_session(&state.db, &value).await,
        None => Ok(None),
    };
    match principal {
        Ok(Some(principal)) => {
            let csrf = principal.csrf.clone().unwrap_or_default();
            request.extensions_mut().insert(Session { principal, csrf });
            next.run(request).await
        }
        Ok(None) => {
            let here = request
                .uri()
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_owned();
            let target = if request.method() == axum::http::Method::GET && here != "/" {
                format!("/login?{}", view::query_string(&[("next", here.as_str())]))
            } else {
                "/login".to_owned()
            };
            Redirect::to(&target).into_response()
        }
        Err(err) => PageError::from(ApiError::from(err)).into_response(),
    }
}

/// Headers for every page: no framing, no inline script or style, no caching of data.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// The stylesheet: public (it holds no data), so the login page is styled too.
async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../templates/ward.css"),
    )
}

/// A page that could not be shown: its status and a sentence for the user.
#[derive(Debug)]
pub(crate) struct PageError {
    pub status: StatusCode,
    pub message: String,
}

impl PageError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        PageError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }
}

impl From<ApiError> for PageError {
    fn from(err: ApiError) -> Self {
        PageError::new(err.status, err.message)
    }
}

impl From<sqlx::Error> for PageError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::from(err).into()
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    reason: &'a str,
    message: &'a str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = ErrorPage {
            status: self.status.as_u16(),
            reason: self.status.canonical_reason().unwrap_or("Error"),
            message: &self.message,
        };
        let mut response = render(&page);
        *response.status_mut() = self.status;
        response
    }
}

type PageResult = Result<Response, PageError>;

/// A template as an HTML response (a template that fails to render is a server error).
fn render(page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(err) => ApiError::from(anyhow::anyhow!("cannot render a page: {err}")).into_response(),
    }
}

/// The session of a page request (set by [`require_session`]).
type SessionExt = Extension<Session>;
