//! Checks on container image configurations.

pub mod latest_base;
pub mod no_healthcheck;
pub mod run_as_root;
pub mod secret_in_env;
pub mod ssh_port_exposed;
