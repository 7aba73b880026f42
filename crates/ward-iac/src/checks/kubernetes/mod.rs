//! Kubernetes checks, one per file.

pub mod allow_privilege_escalation;
pub mod capabilities_not_dropped;
pub mod cluster_admin_binding;
pub mod dangerous_capabilities;
pub mod default_namespace;
pub mod docker_socket_mount;
pub mod host_ipc;
pub mod host_network;
pub mod host_path_volume;
pub mod host_pid;
pub mod image_latest_tag;
pub mod missing_resource_limits;
pub mod privileged_container;
pub mod rbac_secrets_access;
pub mod rbac_wildcard;
pub mod run_as_non_root_missing;
pub mod run_as_root_user;
pub mod seccomp_profile_missing;
pub mod secret_in_env;
pub mod service_account_token_automount;
pub mod writable_root_filesystem;
