//! Dockerfile checks, one per file.

pub mod add_from_url;
pub mod base_image_latest;
pub mod chmod_world_writable;
pub mod copy_secret_file;
pub mod curl_pipe_shell;
pub mod expose_ssh;
pub mod insecure_download;
pub mod missing_healthcheck;
pub mod package_cache_not_cleaned;
pub mod package_signature_check_disabled;
pub mod package_version_not_pinned;
pub mod pip_extra_index_url;
pub mod run_as_root;
pub mod secret_in_env_arg;
pub mod sudo;
pub mod tls_verification_disabled_env;
