//! Checks of the `controlplane` group: the command lines of kube-apiserver,
//! kube-controller-manager, kube-scheduler and etcd in static pod manifests
//! (CIS Kubernetes Benchmark sections 1.2 to 2). Each file is one check.

pub(crate) mod apiserver_always_admit;
pub(crate) mod apiserver_anonymous_auth;
pub(crate) mod apiserver_audit_log_missing;
pub(crate) mod apiserver_audit_log_retention;
pub(crate) mod apiserver_authz_always_allow;
pub(crate) mod apiserver_authz_node_missing;
pub(crate) mod apiserver_authz_rbac_missing;
pub(crate) mod apiserver_client_ca;
pub(crate) mod apiserver_encryption_at_rest;
pub(crate) mod apiserver_etcd_ca;
pub(crate) mod apiserver_etcd_client_cert;
pub(crate) mod apiserver_kubelet_ca;
pub(crate) mod apiserver_kubelet_client_cert;
pub(crate) mod apiserver_node_restriction_missing;
pub(crate) mod apiserver_profiling;
pub(crate) mod apiserver_secure_port_disabled;
pub(crate) mod apiserver_service_account_lookup;
pub(crate) mod apiserver_tls_cert;
pub(crate) mod apiserver_token_auth_file;
pub(crate) mod controller_manager_bind_address;
pub(crate) mod controller_manager_profiling;
pub(crate) mod controller_manager_root_ca;
pub(crate) mod controller_manager_sa_credentials;
pub(crate) mod etcd_auto_tls;
pub(crate) mod etcd_client_cert_auth;
pub(crate) mod etcd_peer_auto_tls;
pub(crate) mod etcd_peer_client_cert_auth;
pub(crate) mod etcd_peer_tls_missing;
pub(crate) mod etcd_tls_missing;
pub(crate) mod scheduler_bind_address;
pub(crate) mod scheduler_profiling;

/// Every check of the group.
pub(crate) const ALL: &[&super::Check] = &[
    &apiserver_always_admit::CHECK,
    &apiserver_anonymous_auth::CHECK,
    &apiserver_audit_log_missing::CHECK,
    &apiserver_audit_log_retention::CHECK,
    &apiserver_authz_always_allow::CHECK,
    &apiserver_authz_node_missing::CHECK,
    &apiserver_authz_rbac_missing::CHECK,
    &apiserver_client_ca::CHECK,
    &apiserver_encryption_at_rest::CHECK,
    &apiserver_etcd_ca::CHECK,
    &apiserver_etcd_client_cert::CHECK,
    &apiserver_kubelet_ca::CHECK,
    &apiserver_kubelet_client_cert::CHECK,
    &apiserver_node_restriction_missing::CHECK,
    &apiserver_profiling::CHECK,
    &apiserver_secure_port_disabled::CHECK,
    &apiserver_service_account_lookup::CHECK,
    &apiserver_tls_cert::CHECK,
    &apiserver_token_auth_file::CHECK,
    &controller_manager_bind_address::CHECK,
    &controller_manager_profiling::CHECK,
    &controller_manager_root_ca::CHECK,
    &controller_manager_sa_credentials::CHECK,
    &etcd_auto_tls::CHECK,
    &etcd_client_cert_auth::CHECK,
    &etcd_peer_auto_tls::CHECK,
    &etcd_peer_client_cert_auth::CHECK,
    &etcd_peer_tls_missing::CHECK,
    &etcd_tls_missing::CHECK,
    &scheduler_bind_address::CHECK,
    &scheduler_profiling::CHECK,
];
