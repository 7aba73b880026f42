//! The registry: every built-in check, one line each.

pub mod compose;
pub mod dockerfile;
pub mod github_actions;
pub mod image;
pub mod kubernetes;
pub mod terraform;

use crate::actions::WorkflowCheck;
use crate::check::Meta;
use crate::compose::ComposeCheck;
use crate::dockerfile::DockerfileCheck;
use crate::image_config::ImageConfigCheck;
use crate::kubernetes::KubernetesCheck;
use crate::terraform::TerraformCheck;

/// A check, by the kind of document it reads.
#[derive(Clone, Copy)]
pub enum Check {
    Kubernetes(&'static dyn KubernetesCheck),
    Dockerfile(&'static dyn DockerfileCheck),
    Workflow(&'static dyn WorkflowCheck),
    ImageConfig(&'static dyn ImageConfigCheck),
    Terraform(&'static dyn TerraformCheck),
    Compose(&'static dyn ComposeCheck),
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
            Check::Terraform(c) => c.meta(),
            Check::Compose(c) => c.meta(),
        }
    }
}

/// Every built-in check.
pub static CHECKS: &[Check] = &[
    Check::Compose(&compose::dangerous_capabilities::DangerousCapabilities),
    Check::Compose(&compose::docker_socket_mount::DockerSocketMount),
    Check::Compose(&compose::host_ipc::HostIpc),
    Check::Compose(&compose::host_network::HostNetwork),
    Check::Compose(&compose::host_pid::HostPid),
    Check::Compose(&compose::image_latest_tag::ImageLatestTag),
    Check::Compose(&compose::privileged::Privileged),
    Check::Compose(&compose::secret_in_environment::SecretInEnvironment),
    Check::Compose(&compose::security_opt_unconfined::SecurityOptUnconfined),
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
    Check::Terraform(&terraform::aws_cloudfront_http_allowed::AwsCloudfrontHttpAllowed),
    Check::Terraform(
        &terraform::aws_cloudtrail_log_validation_disabled::AwsCloudtrailLogValidationDisabled,
    ),
    Check::Terraform(&terraform::aws_cloudtrail_not_encrypted::AwsCloudtrailNotEncrypted),
    Check::Terraform(&terraform::aws_cloudtrail_single_region::AwsCloudtrailSingleRegion),
    Check::Terraform(
        &terraform::aws_cloudwatch_log_group_unencrypted::AwsCloudwatchLogGroupUnencrypted,
    ),
    Check::Terraform(&terraform::aws_db_instance_no_backups::AwsDbInstanceNoBackups),
    Check::Terraform(&terraform::aws_db_instance_public::AwsDbInstancePublic),
    Check::Terraform(&terraform::aws_db_instance_unencrypted::AwsDbInstanceUnencrypted),
    Check::Terraform(&terraform::aws_db_no_deletion_protection::AwsDbNoDeletionProtection),
    Check::Terraform(
        &terraform::aws_default_security_group_has_rules::AwsDefaultSecurityGroupHasRules,
    ),
    Check::Terraform(&terraform::aws_docdb_unencrypted::AwsDocdbUnencrypted),
    Check::Terraform(
        &terraform::aws_dynamodb_no_point_in_time_recovery::AwsDynamodbNoPointInTimeRecovery,
    ),
    Check::Terraform(&terraform::aws_ebs_volume_unencrypted::AwsEbsVolumeUnencrypted),
    Check::Terraform(&terraform::aws_ecr_scan_on_push_disabled::AwsEcrScanOnPushDisabled),
    Check::Terraform(&terraform::aws_ecr_tags_mutable::AwsEcrTagsMutable),
    Check::Terraform(&terraform::aws_ecs_task_privileged::AwsEcsTaskPrivileged),
    Check::Terraform(&terraform::aws_efs_unencrypted::AwsEfsUnencrypted),
    Check::Terraform(&terraform::aws_eks_public_endpoint::AwsEksPublicEndpoint),
    Check::Terraform(
        &terraform::aws_elasticache_no_encryption_at_rest::AwsElasticacheNoEncryptionAtRest,
    ),
    Check::Terraform(
        &terraform::aws_elasticache_no_encryption_in_transit::AwsElasticacheNoEncryptionInTransit,
    ),
    Check::Terraform(&terraform::aws_iam_password_policy_no_expiry::AwsIamPasswordPolicyNoExpiry),
    Check::Terraform(
        &terraform::aws_iam_password_policy_no_lowercase::AwsIamPasswordPolicyNoLowercase,
    ),
    Check::Terraform(&terraform::aws_iam_password_policy_no_numbers::AwsIamPasswordPolicyNoNumbers),
    Check::Terraform(&terraform::aws_iam_password_policy_no_symbols::AwsIamPasswordPolicyNoSymbols),
    Check::Terraform(
        &terraform::aws_iam_password_policy_no_uppercase::AwsIamPasswordPolicyNoUppercase,
    ),
    Check::Terraform(&terraform::aws_iam_password_policy_reuse::AwsIamPasswordPolicyReuse),
    Check::Terraform(&terraform::aws_iam_password_policy_short::AwsIamPasswordPolicyShort),
    Check::Terraform(&terraform::aws_iam_policy_attached_to_user::AwsIamPolicyAttachedToUser),
    Check::Terraform(&terraform::aws_iam_policy_full_admin::AwsIamPolicyFullAdmin),
    Check::Terraform(&terraform::aws_iam_policy_passrole_wildcard::AwsIamPolicyPassroleWildcard),
    Check::Terraform(
        &terraform::aws_iam_policy_privilege_escalation::AwsIamPolicyPrivilegeEscalation,
    ),
    Check::Terraform(&terraform::aws_iam_policy_wildcard_action::AwsIamPolicyWildcardAction),
    Check::Terraform(&terraform::aws_iam_role_trust_any_principal::AwsIamRoleTrustAnyPrincipal),
    Check::Terraform(&terraform::aws_instance_imdsv2_not_required::AwsInstanceImdsv2NotRequired),
    Check::Terraform(&terraform::aws_instance_public_ip::AwsInstancePublicIp),
    Check::Terraform(
        &terraform::aws_instance_unencrypted_block_device::AwsInstanceUnencryptedBlockDevice,
    ),
    Check::Terraform(&terraform::aws_kinesis_stream_unencrypted::AwsKinesisStreamUnencrypted),
    Check::Terraform(&terraform::aws_kms_key_rotation_disabled::AwsKmsKeyRotationDisabled),
    Check::Terraform(&terraform::aws_lambda_environment_secret::AwsLambdaEnvironmentSecret),
    Check::Terraform(&terraform::aws_lb_listener_http::AwsLbListenerHttp),
    Check::Terraform(
        &terraform::aws_lb_listener_outdated_tls_policy::AwsLbListenerOutdatedTlsPolicy,
    ),
    Check::Terraform(&terraform::aws_lb_no_drop_invalid_headers::AwsLbNoDropInvalidHeaders),
    Check::Terraform(&terraform::aws_neptune_unencrypted::AwsNeptuneUnencrypted),
    Check::Terraform(&terraform::aws_network_acl_rdp_open::AwsNetworkAclRdpOpen),
    Check::Terraform(&terraform::aws_network_acl_ssh_open::AwsNetworkAclSshOpen),
    Check::Terraform(&terraform::aws_opensearch_https_not_enforced::AwsOpensearchHttpsNotEnforced),
    Check::Terraform(
        &terraform::aws_opensearch_no_encryption_at_rest::AwsOpensearchNoEncryptionAtRest,
    ),
    Check::Terraform(
        &terraform::aws_opensearch_no_node_to_node_encryption::AwsOpensearchNoNodeToNodeEncryption,
    ),
    Check::Terraform(&terraform::aws_redshift_public::AwsRedshiftPublic),
    Check::Terraform(&terraform::aws_redshift_unencrypted::AwsRedshiftUnencrypted),
    Check::Terraform(&terraform::aws_s3_bucket_acl_grant_public::AwsS3BucketAclGrantPublic),
    Check::Terraform(&terraform::aws_s3_bucket_no_encryption::AwsS3BucketNoEncryption),
    Check::Terraform(&terraform::aws_s3_bucket_no_logging::AwsS3BucketNoLogging),
    Check::Terraform(
        &terraform::aws_s3_bucket_no_public_access_block::AwsS3BucketNoPublicAccessBlock,
    ),
    Check::Terraform(&terraform::aws_s3_bucket_no_versioning::AwsS3BucketNoVersioning),
    Check::Terraform(&terraform::aws_s3_bucket_policy_no_tls::AwsS3BucketPolicyNoTls),
    Check::Terraform(&terraform::aws_s3_bucket_policy_public::AwsS3BucketPolicyPublic),
    Check::Terraform(&terraform::aws_s3_bucket_public_acl::AwsS3BucketPublicAcl),
    Check::Terraform(
        &terraform::aws_s3_public_access_block_disabled::AwsS3PublicAccessBlockDisabled,
    ),
    Check::Terraform(
        &terraform::aws_secretsmanager_secret_default_key::AwsSecretsmanagerSecretDefaultKey,
    ),
    Check::Terraform(&terraform::aws_security_group_all_ports_open::AwsSecurityGroupAllPortsOpen),
    Check::Terraform(
        &terraform::aws_security_group_elasticsearch_open::AwsSecurityGroupElasticsearchOpen,
    ),
    Check::Terraform(&terraform::aws_security_group_memcached_open::AwsSecurityGroupMemcachedOpen),
    Check::Terraform(&terraform::aws_security_group_mongodb_open::AwsSecurityGroupMongodbOpen),
    Check::Terraform(&terraform::aws_security_group_mssql_open::AwsSecurityGroupMssqlOpen),
    Check::Terraform(&terraform::aws_security_group_mysql_open::AwsSecurityGroupMysqlOpen),
    Check::Terraform(&terraform::aws_security_group_oracle_open::AwsSecurityGroupOracleOpen),
    Check::Terraform(&terraform::aws_security_group_postgres_open::AwsSecurityGroupPostgresOpen),
    Check::Terraform(&terraform::aws_security_group_rdp_open::AwsSecurityGroupRdpOpen),
    Check::Terraform(&terraform::aws_security_group_redis_open::AwsSecurityGroupRedisOpen),
    Check::Terraform(&terraform::aws_security_group_ssh_open::AwsSecurityGroupSshOpen),
    Check::Terraform(&terraform::aws_sns_topic_unencrypted::AwsSnsTopicUnencrypted),
    Check::Terraform(&terraform::aws_subnet_public_ip_on_launch::AwsSubnetPublicIpOnLaunch),
    Check::Terraform(&terraform::aws_vpc_no_flow_logs::AwsVpcNoFlowLogs),
    Check::Terraform(&terraform::azure_aks_rbac_disabled::AzureAksRbacDisabled),
    Check::Terraform(
        &terraform::azure_app_service_https_not_enforced::AzureAppServiceHttpsNotEnforced,
    ),
    Check::Terraform(&terraform::azure_database_ssl_not_enforced::AzureDatabaseSslNotEnforced),
    Check::Terraform(
        &terraform::azure_key_vault_no_purge_protection::AzureKeyVaultNoPurgeProtection,
    ),
    Check::Terraform(&terraform::azure_nsg_rdp_open::AzureNsgRdpOpen),
    Check::Terraform(&terraform::azure_nsg_ssh_open::AzureNsgSshOpen),
    Check::Terraform(&terraform::azure_sql_firewall_open::AzureSqlFirewallOpen),
    Check::Terraform(&terraform::azure_storage_https_not_enforced::AzureStorageHttpsNotEnforced),
    Check::Terraform(&terraform::azure_storage_outdated_tls::AzureStorageOutdatedTls),
    Check::Terraform(&terraform::azure_storage_public_access::AzureStoragePublicAccess),
    Check::Terraform(
        &terraform::gcp_compute_default_service_account::GcpComputeDefaultServiceAccount,
    ),
    Check::Terraform(&terraform::gcp_compute_serial_port_enabled::GcpComputeSerialPortEnabled),
    Check::Terraform(&terraform::gcp_firewall_rdp_open::GcpFirewallRdpOpen),
    Check::Terraform(&terraform::gcp_firewall_ssh_open::GcpFirewallSshOpen),
    Check::Terraform(&terraform::gcp_gke_basic_auth::GcpGkeBasicAuth),
    Check::Terraform(&terraform::gcp_gke_legacy_abac::GcpGkeLegacyAbac),
    Check::Terraform(&terraform::gcp_gke_legacy_metadata_endpoints::GcpGkeLegacyMetadataEndpoints),
    Check::Terraform(&terraform::gcp_sql_public_ip::GcpSqlPublicIp),
    Check::Terraform(&terraform::gcp_storage_bucket_public::GcpStorageBucketPublic),
    Check::Terraform(&terraform::gcp_storage_no_uniform_access::GcpStorageNoUniformAccess),
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
