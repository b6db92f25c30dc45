//! Checks of the `k8s` group; each file is one check.

pub(crate) mod allow_privilege_escalation;
pub(crate) mod apparmor_unconfined;
pub(crate) mod automount_service_account_token;
pub(crate) mod capabilities_drop_all_missing;
pub(crate) mod capabilities_none_dropped;
pub(crate) mod capability_all;
pub(crate) mod capability_bpf;
pub(crate) mod capability_dac_read_search;
pub(crate) mod capability_net_admin;
pub(crate) mod capability_net_raw;
pub(crate) mod capability_not_in_baseline;
pub(crate) mod capability_restricted_add;
pub(crate) mod capability_sys_admin;
pub(crate) mod capability_sys_module;
pub(crate) mod capability_sys_ptrace;
pub(crate) mod capability_sys_rawio;
pub(crate) mod capability_sys_time;
pub(crate) mod container_security_context_missing;
pub(crate) mod dashboard_deployed;
pub(crate) mod default_service_account;
pub(crate) mod emptydir_memory_unbounded;
pub(crate) mod fs_group_root;
pub(crate) mod git_repo_volume;
pub(crate) mod hardcoded_secret_env;
pub(crate) mod host_aliases;
pub(crate) mod host_ipc;
pub(crate) mod host_network;
pub(crate) mod host_path_dev;
pub(crate) mod host_path_etc;
pub(crate) mod host_path_home;
pub(crate) mod host_path_kubelet;
pub(crate) mod host_path_proc_sys;
pub(crate) mod host_path_root;
pub(crate) mod host_path_runtime_socket;
pub(crate) mod host_path_var_log;
pub(crate) mod host_path_volume;
pub(crate) mod host_path_writable;
pub(crate) mod host_pid;
pub(crate) mod host_port;
pub(crate) mod host_users_enabled;
pub(crate) mod image_implicit_registry;
pub(crate) mod image_pull_policy_not_always;
pub(crate) mod image_tag_latest;
pub(crate) mod image_untrusted_registry;
pub(crate) mod image_without_digest;
pub(crate) mod limits_cpu_missing;
pub(crate) mod limits_ephemeral_storage_missing;
pub(crate) mod limits_memory_missing;
pub(crate) mod liveness_probe_missing;
pub(crate) mod naked_pod;
pub(crate) mod net_raw_not_dropped;
pub(crate) mod node_name_set;
pub(crate) mod pod_security_context_missing;
pub(crate) mod pod_security_standard;
pub(crate) mod privileged_container;
pub(crate) mod privileged_port;
pub(crate) mod probe_host_set;
pub(crate) mod proc_mount_unmasked;
pub(crate) mod read_only_root_filesystem;
pub(crate) mod readiness_probe_missing;
pub(crate) mod requests_cpu_missing;
pub(crate) mod requests_memory_missing;
pub(crate) mod restricted_volume_type;
pub(crate) mod run_as_group_low;
pub(crate) mod run_as_group_root;
pub(crate) mod run_as_non_root_false;
pub(crate) mod run_as_non_root_missing;
pub(crate) mod run_as_user_low;
pub(crate) mod run_as_user_root;
pub(crate) mod seccomp_annotation_unconfined;
pub(crate) mod seccomp_not_set;
pub(crate) mod seccomp_unconfined;
pub(crate) mod secret_in_env;
pub(crate) mod secret_in_env_from;
pub(crate) mod selinux_custom_type;
pub(crate) mod selinux_user_or_role;
pub(crate) mod service_account_automount;
pub(crate) mod share_process_namespace;
pub(crate) mod ssh_port_exposed;
pub(crate) mod sudo_in_command;
pub(crate) mod supplemental_group_root;
pub(crate) mod system_priority_class;
pub(crate) mod tiller_deployed;
pub(crate) mod unsafe_sysctls;
pub(crate) mod windows_host_process;
pub(crate) mod workload_in_default_namespace;
pub(crate) mod workload_in_kube_system;

/// Every check of this group.
pub(crate) const ALL: &[&super::Check] = &[
    &allow_privilege_escalation::CHECK,
    &apparmor_unconfined::CHECK,
    &automount_service_account_token::CHECK,
    &capabilities_drop_all_missing::CHECK,
    &capabilities_none_dropped::CHECK,
    &capability_all::CHECK,
    &capability_bpf::CHECK,
    &capability_dac_read_search::CHECK,
    &capability_net_admin::CHECK,
    &capability_net_raw::CHECK,
    &capability_not_in_baseline::CHECK,
    &capability_restricted_add::CHECK,
    &capability_sys_admin::CHECK,
    &capability_sys_module::CHECK,
    &capability_sys_ptrace::CHECK,
    &capability_sys_rawio::CHECK,
    &capability_sys_time::CHECK,
    &container_security_context_missing::CHECK,
    &dashboard_deployed::CHECK,
    &default_service_account::CHECK,
    &emptydir_memory_unbounded::CHECK,
    &fs_group_root::CHECK,
    &git_repo_volume::CHECK,
    &hardcoded_secret_env::CHECK,
    &host_aliases::CHECK,
    &host_ipc::CHECK,
    &host_network::CHECK,
    &host_path_dev::CHECK,
    &host_path_etc::CHECK,
    &host_path_home::CHECK,
    &host_path_kubelet::CHECK,
    &host_path_proc_sys::CHECK,
    &host_path_root::CHECK,
    &host_path_runtime_socket::CHECK,
    &host_path_var_log::CHECK,
    &host_path_volume::CHECK,
    &host_path_writable::CHECK,
    &host_pid::CHECK,
    &host_port::CHECK,
    &host_users_enabled::CHECK,
    &image_implicit_registry::CHECK,
    &image_pull_policy_not_always::CHECK,
    &image_tag_latest::CHECK,
    &image_untrusted_registry::CHECK,
    &image_without_digest::CHECK,
    &limits_cpu_missing::CHECK,
    &limits_ephemeral_storage_missing::CHECK,
    &limits_memory_missing::CHECK,
    &liveness_probe_missing::CHECK,
    &naked_pod::CHECK,
    &net_raw_not_dropped::CHECK,
    &node_name_set::CHECK,
    &pod_security_context_missing::CHECK,
    &pod_security_standard::CHECK,
    &privileged_container::CHECK,
    &privileged_port::CHECK,
    &probe_host_set::CHECK,
    &proc_mount_unmasked::CHECK,
    &read_only_root_filesystem::CHECK,
    &readiness_probe_missing::CHECK,
    &requests_cpu_missing::CHECK,
    &requests_memory_missing::CHECK,
    &restricted_volume_type::CHECK,
    &run_as_group_low::CHECK,
    &run_as_group_root::CHECK,
    &run_as_non_root_false::CHECK,
    &run_as_non_root_missing::CHECK,
    &run_as_user_low::CHECK,
    &run_as_user_root::CHECK,
    &seccomp_annotation_unconfined::CHECK,
    &seccomp_not_set::CHECK,
    &seccomp_unconfined::CHECK,
    &secret_in_env::CHECK,
    &secret_in_env_from::CHECK,
    &selinux_custom_type::CHECK,
    &selinux_user_or_role::CHECK,
    &service_account_automount::CHECK,
    &share_process_namespace::CHECK,
    &ssh_port_exposed::CHECK,
    &sudo_in_command::CHECK,
    &supplemental_group_root::CHECK,
    &system_priority_class::CHECK,
    &tiller_deployed::CHECK,
    &unsafe_sysctls::CHECK,
    &windows_host_process::CHECK,
    &workload_in_default_namespace::CHECK,
    &workload_in_kube_system::CHECK,
];
