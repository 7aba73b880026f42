//! Credentials: API tokens and session ids (random, stored as SHA-256), passwords (argon2id),
//! the first administrator, roles per project, and login rate limiting.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Mutex;

use anyhow::{Context, Result, bail};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::db::Db;
use crate::now_unix;

/// Prefix of every API token, so a leaked one is recognisable (and Ward's own secrets engine can
/// be taught to find it).
pub const TOKEN_PREFIX: &str = "ward_";

/// Random bytes from the operating system, as lowercase hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source works");
    hex(&buf)
}

/// An id that sorts in creation order (microseconds, then a process-wide counter, then random
/// digits so replicas do not collide): history rows are listed in the order they were written.
pub fn ordered_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed) & 0xff_ffff;
    format!("{micros:014x}{count:06x}{}", random_hex(4))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// SHA-256 of `text`, hex. Tokens and session ids are 32 random bytes, so a fast hash is the
/// right tool for them (a slow one protects low-entropy passwords, which they are not).
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// A new API token: `ward_` and 64 hex digits. Returns the token and the hash to store.
pub fn new_api_token() -> (String, String) {
    let token = format!("{TOKEN_PREFIX}{}", random_hex(32));
    let hash = sha256_hex(&token);
    (token, hash)
}

/// argon2id with the crate's default parameters (19 MiB, 2 passes), in a PHC string.
pub async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
    })
    .await?
}

/// Whether `password` matches the stored PHC string.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

/// Minimum length of a password (NIST SP 800-63B asks for at least 8; we ask for 12).
pub const MIN_PASSWORD_LEN: usize = 12;

pub fn check_password_strength(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(format!(
            "a password has at least {MIN_PASSWORD_LEN} characters"
        ));
    }
    if password.len() > 1024 {
        return Err("a password has at most 1024 bytes".into());
    }
    Ok(())
}

/// A role in one project. Ordered: a triager can do what a viewer can, an admin what both can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Viewer,
    Triager,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Triager => "triager",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "viewer" => Some(Role::Viewer),
            "triager" => Some(Role::Triager),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who is making a request.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: String,
    pub name: String,
    /// A server administrator is an admin of every project.
    pub is_admin: bool,
    /// The CSRF token of the session, when the request came with a session cookie (state
    /// changes must then echo it); `None` for API tokens, which browsers never send by
    /// themselves.
    pub csrf: Option<String>,
}

impl Principal {
    /// The principal's role in a project: `None` means the project is invisible to them.
    pub async fn role_in(&self, db: &Db, project_id: &str) -> Result<Option<Role>, sqlx::Error> {
        if self.is_admin {
            return Ok(Some(Role::Admin));
        }
        let row =
            sqlx::query("SELECT role FROM memberships WHERE user_id = $1 AND project_id = $2")
                .bind(&self.user_id)
                .bind(project_id)
                .fetch_optional(&db.pool)
                .await?;
        Ok(row.and_then(|r| Role::parse(&r.get::<String, _>(0))))
    }
}

/// Finds the user an API token belongs to (and notes its use).
pub async fn principal_from_token(db: &Db, token: &str) -> Result<Option<Principal>, sqlx::Error> {
    if !token.starts_with(TOKEN_PREFIX) || token.len() > 200 {
        return Ok(None);
    }
    let hash = sha256_hex(token);
    let row = sqlx::query(
        "SELECT u.id, u.name, u.is_admin, t.id FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
    )
    .bind(&hash)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let token_id: String = row.get(3);
    // Best effort: a busy SQLite database must not fail the request over a timestamp.
    let _ = sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(now_unix())
        .bind(&token_id)
        .execute(&db.pool)
        .await;
    Ok(Some(Principal {
        user_id: row.get(0),
        name: row.get(1),
        is_admin: row.get::<i64, _>(2) != 0,
        csrf: None,
    }))
}

/// Session lifetime: 12 hours.
pub const SESSION_SECONDS: i64 = 12 * 3600;

/// Creates a session; returns the cookie value and the CSRF token.
pub async fn create_session(db: &Db, user_id: &str) -> Result<(String, String), sqlx::Error> {
    let session = random_hex(32);
    let csrf = random_hex(32);
    let now = now_unix();
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(sha256_hex(&session))
    .bind(user_id)
    .bind(&csrf)
    .bind(now)
    .bind(now + SESSION_SECONDS)
    .execute(&db.pool)
    .await?;
    Ok((session, csrf))
}

pub async fn principal_from_session(
    db: &Db,
    session: &str,
) -> Result<Option<Principal>, sqlx::Error> {
    if session.len() != 64 {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT u.id, u.name, u.is_admin, s.csrf_token FROM sessions s \
         JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > $2",
    )
    .bind(sha256_hex(session))
    .bind(now_unix())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|row| Principal {
        user_id: row.get(0),
        name: row.get(1),
        is_admin: row.get::<i64, _>(2) != 0,
        csrf: Some(row.get(3)),
    }))
}

pub async fn delete_session(db: &Db, session: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(sha256_hex(session))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Creates a user; the caller has checked the name and the password's strength.
pub async fn create_user(
    db: &Db,
    name: &str,
    password: Option<String>,
    is_admin: bool,
) -> Result<String> {
    let hash = match password {
        Some(password) => Some(hash_password(password).await?),
        None => None,
    };
    let id = random_hex(16);
    sqlx::query(
        "INSERT INTO users (id, name, password_hash, is_admin, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(name)
    .bind(hash)
    .bind(i64::from(is_admin))
    .bind(now_unix())
    .execute(&db.pool)
    .await
    .with_context(|| format!("cannot create the user `{name}` (does it exist already?)"))?;
    Ok(id)
}

/// A user name: 1-64 characters, letters, digits and `-_.@`.
pub fn validate_user_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > 64 {
        return Err("a user name has 1 to 64 characters".into());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@')))
    {
        return Err(format!(
            "user name `{name}` has `{bad}`: use letters, digits and - _ . @"
        ));
    }
    Ok(())
}

/// What the first start did about the administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bootstrap {
    /// Users exist already: nothing to do.
    Ready,
    /// The administrator `admin` was created from the password file.
    AdminCreated,
    /// No user exists and no password file was given: this one-time token (printed once,
    /// stored hashed) lets `POST /api/v1/setup` create the administrator.
    SetupToken(String),
}

/// Makes sure the server can be administered, without any default password: creates `admin`
/// from `password_file`, or issues a one-time setup token.
pub async fn bootstrap(db: &Db, password_file: Option<&Path>) -> Result<Bootstrap> {
    let users: i64 = sqlx::query("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await?
        .get(0);
    if users > 0 {
        return Ok(Bootstrap::Ready);
    }
    if let Some(path) = password_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the admin password file {}", path.display()))?;
        let password = text.trim_end_matches(['\n', '\r']).to_owned();
        if let Err(e) = check_password_strength(&password) {
            bail!("{}: {e}", path.display());
        }
        create_user(db, "admin", Some(password), true).await?;
        return Ok(Bootstrap::AdminCreated);
    }
    let token = format!("setup_{}", random_hex(24));
    sqlx::query(
        "INSERT INTO settings (name, value) VALUES ('setup_token', $1) \
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .bind(sha256_hex(&token))
    .execute(&db.pool)
    .await?;
    Ok(Bootstrap::SetupToken(token))
}

/// Consumes the setup token (once) and creates the administrator.
pub async fn complete_setup(
    db: &Db,
    token: &str,
    name: &str,
    password: String,
) -> Result<Option<String>> {
    let _guard = db.write_guard().await;
    let mut tx = db.pool.begin().await?;
    let deleted = sqlx::query("DELETE FROM settings WHERE name = 'setup_token' AND value = $1")
        .bind(sha256_hex(token))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let users: i64 = sqlx::query("SELECT COUNT(*) FROM users")
        .fetch_one(&mut *tx)
        .await?
        .get(0);
    if deleted != 1 || users > 0 {
        return Ok(None);
    }
    let hash = hash_password(password).await?;
    let id = random_hex(16);
    sqlx::query(
        "INSERT INTO users (id, name, password_hash, is_admin, created_at) VALUES ($1, $2, $3, 1, $4)",
    )
    .bind(&id)
    .bind(name)
    .bind(hash)
    .bind(now_unix())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Failed logins allowed per user name in [`LOCKOUT_WINDOW`] seconds (per client address: ten
/// times as many, since many people may share one address behind a proxy).
pub const MAX_FAILED_LOGINS: usize = 5;
pub const LOCKOUT_WINDOW: i64 = 15 * 60;

/// Counts failed logins in memory, per user name and per client address. A server restart
/// forgets them, which bounds the damage a locked-out attacker can do to five guesses per
/// restart; replicas count separately.
#[derive(Debug)]
pub struct LoginLimiter {
    max: usize,
    failures: Mutex<HashMap<String, Vec<i64>>>,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        LoginLimiter::new(MAX_FAILED_LOGINS)
    }
}

impl LoginLimiter {
    /// A limiter that locks a key after `max` failures in [`LOCKOUT_WINDOW`].
    pub fn new(max: usize) -> Self {
        LoginLimiter {
            max,
            failures: Mutex::default(),
        }
    }

    /// Seconds until `keys` may try again, if any is locked out.
    pub fn retry_after(&self, keys: &[String], now: i64) -> Option<i64> {
        let mut failures = self.failures.lock().expect("limiter lock");
        let mut wait = None;
        for key in keys {
            if let Some(times) = failures.get_mut(key) {
                times.retain(|&t| t > now - LOCKOUT_WINDOW);
                if times.len() >= self.max {
                    let oldest = times[times.len() - self.max];
                    let until = oldest + LOCKOUT_WINDOW - now;
                    wait = Some(wait.map_or(until, |w: i64| w.max(until)));
                }
            }
        }
        wait
    }

    pub fn record_failure(&self, keys: &[String], now: i64) {
        let mut failures = self.failures.lock().expect("limiter lock");
        if failures.len() > 100_000 {
            // Bounded memory under a spray of names: drop what has expired.
            failures.retain(|_, times| times.iter().any(|&t| t > now - LOCKOUT_WINDOW));
        }
        for key in keys {
            failures.entry(key.clone()).or_default().push(now);
        }
    }

    pub fn record_success(&self, keys: &[String]) {
        let mut failures = self.failures.lock().expect("limiter lock");
        for key in keys {
            failures.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_prefixed_and_stored_only_as_hashes() {
        let (a, hash_a) = new_api_token();
        let (b, _) = new_api_token();
        assert_ne!(a, b);
        assert!(a.starts_with("ward_") && a.len() == 5 + 64, "{a}");
        assert_eq!(hash_a, sha256_hex(&a));
        assert!(!hash_a.contains(&a[5..]));
    }

    #[test]
    fn login_limiter_locks_after_five_failures_and_forgets_after_the_window() {
        let limiter = LoginLimiter::default();
        let keys = vec!["user:alice".to_owned()];
        for i in 0..4 {
            limiter.record_failure(&keys, 1000 + i);
            assert_eq!(limiter.retry_after(&keys, 1000 + i), None);
        }
        limiter.record_failure(&keys, 1004);
        let wait = limiter.retry_after(&keys, 1005).expect("locked");
        assert_eq!(wait, 1000 + LOCKOUT_WINDOW - 1005);
        assert_eq!(limiter.retry_after(&keys, 1000 + LOCKOUT_WINDOW + 1), None);
        limiter.record_failure(&keys, 5000);
        limiter.record_success(&keys);
        assert_eq!(limiter.retry_after(&keys, 5001), None);
    }

    #[test]
    fn roles_are_ordered() {
        assert!(Role::Viewer < Role::Triager && Role::Triager < Role::Admin);
        assert_eq!(Role::parse("triager"), Some(Role::Triager));
        assert_eq!(Role::parse("owner"), None);
    }
}
