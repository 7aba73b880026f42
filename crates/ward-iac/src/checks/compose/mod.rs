//! Docker Compose checks, one per file.

pub mod dangerous_capabilities;
pub mod database_port_published;
pub mod device_mapped;
pub mod docker_socket_mount;
pub mod host_ipc;
pub mod host_network;
pub mod host_pid;
pub mod image_latest_tag;
pub mod privileged;
pub mod secret_in_environment;
pub mod security_opt_unconfined;
pub mod sensitive_host_mount;
pub mod userns_host;
