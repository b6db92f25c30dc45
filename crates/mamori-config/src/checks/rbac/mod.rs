//! Checks of the `rbac` group; each file is one check.

pub(crate) mod admin_role_cluster_binding;
pub(crate) mod anonymous_subject_binding;
pub(crate) mod authenticated_group_binding;
pub(crate) mod cluster_admin_binding;
pub(crate) mod default_service_account_binding;
pub(crate) mod rbac_bind;
pub(crate) mod rbac_bindings_write;
pub(crate) mod rbac_configmaps_write_cluster;
pub(crate) mod rbac_create_pods;
pub(crate) mod rbac_create_workloads;
pub(crate) mod rbac_csr_approval;
pub(crate) mod rbac_delete_capability;
pub(crate) mod rbac_ephemeral_containers;
pub(crate) mod rbac_escalate;
pub(crate) mod rbac_impersonate;
pub(crate) mod rbac_nodes_proxy;
pub(crate) mod rbac_nodes_write;
pub(crate) mod rbac_non_resource_wildcard;
pub(crate) mod rbac_pod_logs_delete;
pub(crate) mod rbac_pods_attach;
pub(crate) mod rbac_pods_exec;
pub(crate) mod rbac_pods_portforward;
pub(crate) mod rbac_pv_create;
pub(crate) mod rbac_roles_write;
pub(crate) mod rbac_secrets_read;
pub(crate) mod rbac_secrets_write;
pub(crate) mod rbac_token_create;
pub(crate) mod rbac_webhook_config;
pub(crate) mod rbac_wildcard_api_groups;
pub(crate) mod rbac_wildcard_resources;
pub(crate) mod rbac_wildcard_verbs;
pub(crate) mod service_accounts_group_binding;
pub(crate) mod system_masters_binding;

/// Every check of this group.
pub(crate) const ALL: &[&super::Check] = &[
    &admin_role_cluster_binding::CHECK,
    &anonymous_subject_binding::CHECK,
    &authenticated_group_binding::CHECK,
    &cluster_admin_binding::CHECK,
    &default_service_account_binding::CHECK,
    &rbac_bind::CHECK,
    &rbac_bindings_write::CHECK,
    &rbac_configmaps_write_cluster::CHECK,
    &rbac_create_pods::CHECK,
    &rbac_create_workloads::CHECK,
    &rbac_csr_approval::CHECK,
    &rbac_delete_capability::CHECK,
    &rbac_ephemeral_containers::CHECK,
    &rbac_escalate::CHECK,
    &rbac_impersonate::CHECK,
    &rbac_nodes_proxy::CHECK,
    &rbac_nodes_write::CHECK,
    &rbac_non_resource_wildcard::CHECK,
    &rbac_pod_logs_delete::CHECK,
    &rbac_pods_attach::CHECK,
    &rbac_pods_exec::CHECK,
    &rbac_pods_portforward::CHECK,
    &rbac_pv_create::CHECK,
    &rbac_roles_write::CHECK,
    &rbac_secrets_read::CHECK,
    &rbac_secrets_write::CHECK,
    &rbac_token_create::CHECK,
    &rbac_webhook_config::CHECK,
    &rbac_wildcard_api_groups::CHECK,
    &rbac_wildcard_resources::CHECK,
    &rbac_wildcard_verbs::CHECK,
    &service_accounts_group_binding::CHECK,
    &system_masters_binding::CHECK,
];
