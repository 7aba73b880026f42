//! The database: one schema, one set of migrations, on SQLite (embedded default) or
//! PostgreSQL, through sqlx's `Any` driver so every query is written once.
//!
//! Queries are checked at run time (`sqlx::query`), never with the `query!` macros, so a build
//! needs no database. Placeholders are `$1, $2, ...`, which both SQLite and PostgreSQL accept.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use sqlx::AnyConnection;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor};
use tokio::sync::Mutex;

/// The migrations, in order. The text of a released migration never changes (sqlx checks its
/// checksum); a schema change is a new file.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../migrations/0001_initial.sql")),
    (
        2,
        "ownership",
        include_str!("../migrations/0002_ownership.sql"),
    ),
    (
        3,
        "webhooks",
        include_str!("../migrations/0003_webhooks.sql"),
    ),
    (
        4,
        "issue risk",
        include_str!("../migrations/0004_issue_risk.sql"),
    ),
    (
        5,
        "dashboard indexes",
        include_str!("../migrations/0005_dashboard_indexes.sql"),
    ),
    (
        7,
        "lean indexes",
        include_str!("../migrations/0007_lean_indexes.sql"),
    ),
];

/// Migrations whose text differs by backend (storage parameters SQLite has no word for):
/// version, description, SQLite text, PostgreSQL text. A database only ever sees one of them.
const BACKEND_MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        6,
        "hot issue updates",
        include_str!("../migrations/0006_hot_updates.sqlite.sql"),
        include_str!("../migrations/0006_hot_updates.postgres.sql"),
    ),
    (
        8,
        "ingest constraints",
        include_str!("../migrations/0008_ingest_constraints.sqlite.sql"),
        include_str!("../migrations/0008_ingest_constraints.postgres.sql"),
    ),
];

/// Which database a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool and what it needs to know about its database.
#[derive(Debug, Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite allows one writer at a time and fails (rather than waits) when two transactions
    /// that both read first try to write; ingest takes this lock there, so writers queue.
    write_lock: Arc<Mutex<()>>,
}

/// The default database: `ward-server.db` in the user's data directory
/// (`$XDG_DATA_HOME/ward`, `~/.local/share/ward`).
pub fn default_sqlite_path() -> Option<PathBuf> {
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(windows) {
        env("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local/share")))
    };
    base.map(|b| b.join("ward").join("ward-server.db"))
}

/// `sqlite://PATH?mode=rwc` for a file path.
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

impl Db {
    /// Connects to `url` (`sqlite://PATH`, `postgres://...`) and applies the migrations.
    pub async fn open(url: &str) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            bail!(
                "unsupported database URL `{}`: expected sqlite://PATH or postgres://...",
                redact_url(url)
            );
        };
        if backend == Backend::Sqlite {
            prepare_sqlite_file(url)?;
        }
        let options = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 8 })
            .acquire_timeout(Duration::from_secs(30));
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // WAL: readers never block the writer; NORMAL sync is durable in WAL mode
                    // at every commit except on power loss of the machine.
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 30000").await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options
            .connect(url)
            .await
            .with_context(|| format!("cannot open the database {}", redact_url(url)))?;
        let db = Db {
            pool,
            backend,
            write_lock: Arc::new(Mutex::new(())),
        };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<()> {
        let backend = self.backend;
        let mut migrations = MIGRATIONS
            .iter()
            .copied()
            .chain(BACKEND_MIGRATIONS.iter().map(
                move |&(version, description, sqlite, postgres)| {
                    let sql = match backend {
                        Backend::Sqlite => sqlite,
                        Backend::Postgres => postgres,
                    };
                    (version, description, sql)
                },
            ))
            .map(|(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    sqlx::AssertSqlSafe(sql).into_sql_str(),
                    false,
                )
            })
            .collect::<Vec<_>>();
        // The two lists interleave (6 and 8 differ by backend, 7 does not): applied in order.
        migrations.sort_by_key(|m| m.version);
        let migrator = Migrator::with_migrations(migrations);
        let mut conn: sqlx::pool::PoolConnection<sqlx::Any> = self.pool.acquire().await?;
        let conn: &mut AnyConnection = &mut conn;
        migrator
            .run(conn)
            .await
            .context("cannot apply the database migrations")?;
        Ok(())
    }

    /// Serialises writers on SQLite; a no-op guard on PostgreSQL, whose row locks suffice.
    pub async fn write_guard(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.write_lock.lock().await),
            Backend::Postgres => None,
        }
    }
}

use sqlx::SqlSafeStr as _;

/// Creates the parent directory of an SQLite database file (owner-only on Unix).
fn prepare_sqlite_file(url: &str) -> Result<()> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(parent) = Path::new(path).parent()
        && !parent.as_os_str().is_empty()
        && !parent.exists()
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the directory {}", parent.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o700));
        }
    }
    Ok(())
}

/// A database URL with its password replaced, for messages.
pub fn redact_url(url: &str) -> Cow<'_, str> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Cow::Borrowed(url);
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match authority.rfind('@') {
        Some(at) => {
            let userinfo = &authority[..at];
            match userinfo.split_once(':') {
                Some((user, _)) => {
                    Cow::Owned(format!("{scheme}://{user}:****@{}", &rest[at + 1..]))
                }
                None => Cow::Borrowed(url),
            }
        }
        None => Cow::Borrowed(url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_appear_in_messages() {
        // Built at run time, so the source holds no connection string with a password.
        let url = format!(
            "postgres://ward:{}@db:5432/ward",
            ["s3", "cr", "et"].concat()
        );
        assert_eq!(redact_url(&url), "postgres://ward:****@db:5432/ward");
        assert_eq!(redact_url("postgres://db/ward"), "postgres://db/ward");
        assert_eq!(redact_url("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db");
    }
}
