//! GitHub Actions checks, one per file.

pub mod artifact_poisoning;
pub mod cache_poisoning;
pub mod checkout_persist_credentials;
pub mod curl_pipe_shell;
pub mod dangerous_checkout;
pub mod excessive_permissions;
pub mod github_env_injection;
pub mod hardcoded_credentials;
pub mod insecure_commands;
pub mod known_vulnerable_action;
pub mod missing_permissions;
pub mod oidc_token_untrusted_trigger;
pub mod secrets_inherit;
pub mod secrets_to_json;
pub mod self_hosted_runner_pull_request;
pub mod spoofable_bot_check;
pub mod template_injection;
pub mod unpinned_action;
pub mod unpinned_container_image;
