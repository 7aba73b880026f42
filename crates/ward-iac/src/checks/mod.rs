//! The registry: every built-in check, one line each.

pub mod dockerfile;
pub mod github_actions;
pub mod image;
pub mod kubernetes;

use crate::actions::WorkflowCheck;
use crate::check::Meta;
use crate::dockerfile::DockerfileCheck;
use crate::image_config::ImageConfigCheck;
use crate::kubernetes::KubernetesCheck;

/// A check, by the kind of document it reads.
#[derive(Clone, Copy)]
pub enum Check {
    Kubernetes(&'static dyn KubernetesCheck),
    Dockerfile(&'static dyn DockerfileCheck),
    Workflow(&'static dyn WorkflowCheck),
    ImageConfig(&'static dyn ImageConfigCheck),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.meta().id)
    }
}

impl Check {
    pub fn meta(&self) -> &'static Meta {
        match self {
            Check::Kubernetes(c) => c.meta(),
            Check::Dockerfile(c) => c.meta(),
            Check::Workflow(c) => c.meta(),
            Check::ImageConfig(c) => c.meta(),
        }
    }
}

/// Every built-in check.
pub static CHECKS: &[Check] = &[
    Check::Dockerfile(&dockerfile::add_from_url::AddFromUrl),
    Check::Dockerfile(&dockerfile::base_image_latest::BaseImageLatest),
    Check::Dockerfile(&dockerfile::chmod_world_writable::ChmodWorldWritable),
    Check::Dockerfile(&dockerfile::curl_pipe_shell::CurlPipeShell),
    Check::Dockerfile(&dockerfile::expose_ssh::ExposeSsh),
    Check::Dockerfile(&dockerfile::insecure_download::InsecureDownload),
    Check::Dockerfile(&dockerfile::package_cache_not_cleaned::PackageCacheNotCleaned),
    Check::Dockerfile(&dockerfile::package_version_not_pinned::PackageVersionNotPinned),
    Check::Dockerfile(&dockerfile::run_as_root::RunAsRoot),
    Check::Dockerfile(&dockerfile::secret_in_env_arg::SecretInEnvArg),
    Check::Dockerfile(&dockerfile::sudo::Sudo),
    Check::ImageConfig(&image::latest_base::LatestBase),
    Check::ImageConfig(&image::no_healthcheck::NoHealthcheck),
    Check::ImageConfig(&image::run_as_root::RunAsRoot),
    Check::ImageConfig(&image::secret_in_env::SecretInEnv),
    Check::ImageConfig(&image::ssh_port_exposed::SshPortExposed),
    Check::Workflow(&github_actions::checkout_persist_credentials::CheckoutPersistCredentials),
    Check::Workflow(&github_actions::dangerous_checkout::DangerousCheckout),
    Check::Workflow(&github_actions::excessive_permissions::ExcessivePermissions),
    Check::Workflow(&github_actions::insecure_commands::InsecureCommands),
    Check::Workflow(&github_actions::missing_permissions::MissingPermissions),
    Check::Workflow(&github_actions::secrets_inherit::SecretsInherit),
    Check::Workflow(&github_actions::self_hosted_runner_pull_request::SelfHostedRunnerPullRequest),
    Check::Workflow(&github_actions::template_injection::TemplateInjection),
    Check::Workflow(&github_actions::unpinned_action::UnpinnedAction),
    Check::Kubernetes(&kubernetes::allow_privilege_escalation::AllowPrivilegeEscalation),
    Check::Kubernetes(&kubernetes::capabilities_not_dropped::CapabilitiesNotDropped),
    Check::Kubernetes(&kubernetes::cluster_admin_binding::ClusterAdminBinding),
    Check::Kubernetes(&kubernetes::dangerous_capabilities::DangerousCapabilities),
    Check::Kubernetes(&kubernetes::default_namespace::DefaultNamespace),
    Check::Kubernetes(&kubernetes::docker_socket_mount::DockerSocketMount),
    Check::Kubernetes(&kubernetes::host_ipc::HostIpc),
    Check::Kubernetes(&kubernetes::host_network::HostNetwork),
    Check::Kubernetes(&kubernetes::host_path_volume::HostPathVolume),
    Check::Kubernetes(&kubernetes::host_pid::HostPid),
    Check::Kubernetes(&kubernetes::image_latest_tag::ImageLatestTag),
    Check::Kubernetes(&kubernetes::missing_resource_limits::MissingResourceLimits),
    Check::Kubernetes(&kubernetes::privileged_container::PrivilegedContainer),
    Check::Kubernetes(&kubernetes::rbac_secrets_access::RbacSecretsAccess),
    Check::Kubernetes(&kubernetes::rbac_wildcard::RbacWildcard),
    Check::Kubernetes(&kubernetes::run_as_non_root_missing::RunAsNonRootMissing),
    Check::Kubernetes(&kubernetes::run_as_root_user::RunAsRootUser),
    Check::Kubernetes(&kubernetes::seccomp_profile_missing::SeccompProfileMissing),
    Check::Kubernetes(&kubernetes::secret_in_env::SecretInEnv),
    Check::Kubernetes(&kubernetes::service_account_token_automount::ServiceAccountTokenAutomount),
    Check::Kubernetes(&kubernetes::writable_root_filesystem::WritableRootFilesystem),
];
