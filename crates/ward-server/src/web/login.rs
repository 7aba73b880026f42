//! The login form (an HTML face on `POST /api/v1/login`, with the same rate limits) and logout.
//!
//! A login form needs CSRF protection of its own, before any session exists, or another site
//! could sign the browser in to an account of the attacker's: the form carries a random token
//! that must equal a cookie set with the form (`SameSite=Strict`, `HttpOnly`), which another
//! site can neither read nor set.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Json};
use serde::Deserialize;

use super::{PageError, PageResult, Session, render};
use crate::api::{self, SESSION_COOKIE, SharedState, constant_time_eq, cookie_value};
use crate::auth;

const LOGIN_CSRF_COOKIE: &str = "ward_login_csrf";

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    csrf: &'a str,
    next: &'a str,
    username: &'a str,
    error: Option<&'a str>,
}

#[derive(Debug, Deserialize)]
pub(super) struct NextQuery {
    next: Option<String>,
}

/// Where to go after logging in: a path on this server only (never `//host` or a URL), so
/// the login page cannot send anyone elsewhere.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && path.is_ascii()
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/",
    }
}

/// The form, with a fresh token in it and in a cookie.
fn login_page(
    state: &SharedState,
    status: StatusCode,
    next: &str,
    username: &str,
    error: Option<&str>,
) -> Response {
    let token = auth::random_hex(16);
    let mut response = render(&LoginPage {
        csrf: &token,
        next,
        username,
        error,
    });
    *response.status_mut() = status;
    let cookie = format!(
        "{LOGIN_CSRF_COOKIE}={token}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{}",
        if state.secure_cookies { "; Secure" } else { "" }
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `GET /login`: the form (or straight on, when the browser already has a session).
pub(super) async fn form(
    State(state): State<SharedState>,
    headers: HeaderMap,
    Query(query): Query<NextQuery>,
) -> PageResult {
    let next = safe_next(query.next.as_deref());
    if let Some(session) = cookie_value(&headers, SESSION_COOKIE)
        && auth::principal_from_session(&state.db, session)
            .await?
            .is_some()
    {
        return Ok(Redirect::to(next).into_response());
    }
    Ok(login_page(&state, StatusCode::OK, next, "", None))
}

#[derive(Debug, Deserialize)]
pub(super) struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    next: Option<String>,
}

/// `POST /login`: checks the form's token, then logs in exactly as the API does (same
/// password check, same limits, same session cookie) and goes on to the page asked for.
pub(super) async fn submit(
    State(state): State<SharedState>,
    connect: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> PageResult {
    let next = safe_next(form.next.as_deref()).to_owned();
    let expected = cookie_value(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(form.csrf.as_bytes(), expected.as_bytes()) {
        return Ok(login_page(
            &state,
            StatusCode::FORBIDDEN,
            &next,
            &form.username,
            Some("The login form expired. Please sign in again."),
        ));
    }
    let request = api::LoginRequest {
        username: form.username.clone(),
        password: form.password,
    };
    let answer = match api::login(State(state.clone()), connect, Json(request)).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    };
    if answer.status() != StatusCode::OK {
        let status = answer.status();
        let retry = answer.headers().get(header::RETRY_AFTER).cloned();
        let message = error_message(answer).await;
        let mut page = login_page(&state, status, &next, &form.username, Some(&message));
        if let Some(retry) = retry {
            page.headers_mut().insert(header::RETRY_AFTER, retry);
        }
        return Ok(page);
    }
    let mut response = Redirect::to(&next).into_response();
    for cookie in answer.headers().get_all(header::SET_COOKIE) {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    response.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static("ward_login_csrf=; Path=/login; Max-Age=0"),
    );
    Ok(response)
}

/// The `error` of an API error answer, for the form.
async fn error_message(answer: Response) -> String {
    let status = answer.status();
    let body = axum::body::to_bytes(answer.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let text = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v["error"].as_str().map(str::to_owned));
    match (status, text) {
        (StatusCode::UNAUTHORIZED, _) => "Wrong user name or password.".to_owned(),
        (_, Some(text)) => {
            let mut text = text;
            if let Some(first) = text.get(..1) {
                text = first.to_uppercase() + &text[1..];
            }
            format!("{text}.")
        }
        (_, None) => "The login failed.".to_owned(),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /logout`: ends the session (the form carries the session's CSRF token, so another
/// site cannot sign the user out).
pub(super) async fn logout(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Form(form): Form<LogoutForm>,
) -> PageResult {
    if !session.form_token_ok(&form.csrf) {
        return Err(PageError::forbidden(
            "The form expired: reload the page and try again.",
        ));
    }
    if let Some(value) = cookie_value(&headers, SESSION_COOKIE) {
        auth::delete_session(&state.db, value).await?;
    }
    let mut response = Redirect::to("/login").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("ward_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/issues?state=open")), "/issues?state=open");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
