//! `ward serve`: the server that tracks every finding from first sight to fix. It stores
//! uploaded scans (SQLite by default, PostgreSQL for teams), merges findings into issues by
//! fingerprint, closes issues that complete scans no longer see and reopens regressions, and
//! serves the API and the web dashboard ([`web`]) with authentication on every route except
//! `/healthz` (and the login page).
//!
//! It depends on `ward-core` only (the finding model it receives); `ward-cli` calls it for
//! `ward serve` and `ward scan --upload` ([`client`]), and it never imports `ward-cli`.

pub mod api;
pub mod auth;
pub mod client;
pub mod codeowners;
pub mod db;
pub mod ingest;
pub mod metrics;
pub mod owners;
pub mod triage;
pub mod web;
pub mod webhooks;
pub mod wire;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use auth::Bootstrap;
pub use db::Db;

/// Seconds since the Unix epoch.
pub fn now_unix() -> i64 {
    ward_core::time::now_unix()
}

/// How `ward serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on (default 127.0.0.1:8080).
    pub listen: SocketAddr,
    /// `sqlite://PATH` or `postgres://...`; `None`: SQLite in the user's data directory.
    pub database: Option<String>,
    /// A file holding the first administrator's password (used only while no user exists).
    pub admin_password_file: Option<PathBuf>,
    /// Largest accepted upload, in bytes.
    pub max_upload_bytes: usize,
    /// Give cookies the `Secure` attribute (browsers then send them over HTTPS and to
    /// localhost only).
    pub secure_cookies: bool,
    /// Days to fix, by severity: each issue's due date.
    pub sla: metrics::Sla,
    /// How webhook deliveries are retried.
    pub webhook_retry: webhooks::RetryPolicy,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database: None,
            admin_password_file: None,
            max_upload_bytes: 256 * 1024 * 1024,
            secure_cookies: true,
            sla: metrics::Sla::default(),
            webhook_retry: webhooks::RetryPolicy::default(),
        }
    }
}

/// The database URL `options` asks for.
pub fn database_url(options: &ServeOptions) -> Result<String> {
    if let Some(url) = &options.database {
        return Ok(url.clone());
    }
    let path = db::default_sqlite_path()
        .context("no data directory (HOME and XDG_DATA_HOME are unset): give --database")?;
    Ok(db::sqlite_url(&path))
}

/// A running server (tests start one on port 0).
#[derive(Debug)]
pub struct Running {
    pub addr: SocketAddr,
    pub bootstrap: Bootstrap,
    pub database: String,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    /// The sweeper and the webhook sender, stopped with the server.
    background: Vec<tokio::task::JoinHandle<()>>,
}

impl Running {
    /// Stops accepting, lets requests in flight finish, and waits.
    pub async fn stop(mut self) -> Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let served = (&mut self.task).await;
        self.background
            .iter()
            .for_each(tokio::task::JoinHandle::abort);
        served??;
        Ok(())
    }

    /// Waits until the server ends (on its own, or after Ctrl-C/SIGTERM).
    pub async fn wait(self) -> Result<()> {
        let served = self.task.await;
        self.background
            .iter()
            .for_each(tokio::task::JoinHandle::abort);
        served??;
        Ok(())
    }
}

/// Opens the database, applies migrations, bootstraps the administrator, and starts serving.
pub async fn start(options: &ServeOptions) -> Result<Running> {
    let url = database_url(options)?;
    let db = Db::open(&url).await?;
    start_with(db, options, &url).await
}

/// [`start`] with an open database.
pub async fn start_with(db: Db, options: &ServeOptions, url: &str) -> Result<Running> {
    let bootstrap = auth::bootstrap(&db, options.admin_password_file.as_deref()).await?;
    let dummy_hash = auth::hash_password(auth::random_hex(16)).await?;
    let webhook_wake = Arc::new(tokio::sync::Notify::new());
    let state = Arc::new(api::AppState {
        webhook_wake: webhook_wake.clone(),
        db: db.clone(),
        user_limiter: auth::LoginLimiter::new(auth::MAX_FAILED_LOGINS),
        address_limiter: auth::LoginLimiter::new(auth::MAX_FAILED_LOGINS * 10),
        dummy_hash,
        secure_cookies: options.secure_cookies,
        sla: options.sla,
    });
    let app = api::router(state, options.max_upload_bytes);
    let listener = TcpListener::bind(options.listen)
        .await
        .with_context(|| format!("cannot listen on {}", options.listen))?;
    let addr = listener.local_addr()?;
    let (tx, rx) = oneshot::channel::<()>();
    // Accepted risks that expire reopen within a minute even when nobody looks; SLA breaches
    // are announced within a minute.
    let sweeper_db = db.clone();
    let sla = options.sla;
    let sweeper_wake = webhook_wake.clone();
    let sweeper = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_mins(1));
        loop {
            tick.tick().await;
            let _ = triage::reopen_expired(&sweeper_db).await;
            if let Ok(n) = webhooks::announce_sla_breaches(&sweeper_db, &sla, now_unix()).await
                && n > 0
            {
                sweeper_wake.notify_one();
            }
        }
    });
    let deliverer = tokio::spawn(webhooks::deliver_forever(
        db.clone(),
        options.webhook_retry,
        webhook_wake,
    ));
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            tokio::select! {
                _ = rx => {}
                () = shutdown_signal() => {}
            }
        })
        .await
    });
    Ok(Running {
        addr,
        bootstrap,
        database: db::redact_url(url).into_owned(),
        shutdown: Some(tx),
        task,
        background: vec![sweeper, deliverer],
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// `ward serve`: runs until Ctrl-C or SIGTERM. `on_ready` is called once the server listens
/// (the CLI prints the address and, on first start, the setup token).
pub fn serve(options: &ServeOptions, on_ready: impl FnOnce(&Running)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let running = start(options).await?;
        on_ready(&running);
        running.wait().await
    })
}
