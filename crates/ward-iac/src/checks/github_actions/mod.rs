//! GitHub Actions checks, one per file.

pub mod checkout_persist_credentials;
pub mod dangerous_checkout;
pub mod excessive_permissions;
pub mod insecure_commands;
pub mod missing_permissions;
pub mod secrets_inherit;
pub mod self_hosted_runner_pull_request;
pub mod template_injection;
pub mod unpinned_action;
