//! Checks of the `network` group; each file is one check.

pub(crate) mod ingress_nginx_snippet;
pub(crate) mod ingress_wildcard_host;
pub(crate) mod ingress_without_tls;
pub(crate) mod namespace_without_default_deny_egress;
pub(crate) mod namespace_without_default_deny_ingress;
pub(crate) mod network_policy_allow_all_egress;
pub(crate) mod network_policy_allow_all_ingress;
pub(crate) mod network_policy_metadata_egress;
pub(crate) mod service_external_ips;
pub(crate) mod service_external_name;
pub(crate) mod service_load_balancer_open;
pub(crate) mod service_node_port;

/// Every check of this group.
pub(crate) const ALL: &[&super::Check] = &[
    &ingress_nginx_snippet::CHECK,
    &ingress_wildcard_host::CHECK,
    &ingress_without_tls::CHECK,
    &namespace_without_default_deny_egress::CHECK,
    &namespace_without_default_deny_ingress::CHECK,
    &network_policy_allow_all_egress::CHECK,
    &network_policy_allow_all_ingress::CHECK,
    &network_policy_metadata_egress::CHECK,
    &service_external_ips::CHECK,
    &service_external_name::CHECK,
    &service_load_balancer_open::CHECK,
    &service_node_port::CHECK,
];
