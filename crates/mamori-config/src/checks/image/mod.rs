//! Checks of the `image` group (built images: configuration, history and
//! layer contents); each file is one check.

pub(crate) mod curl_pipe_shell_in_history;
pub(crate) mod healthcheck_missing;
pub(crate) mod package_cache_left;
pub(crate) mod remote_add_in_history;
pub(crate) mod runs_as_root;
pub(crate) mod secret_in_env;
pub(crate) mod sensitive_port_exposed;
pub(crate) mod setuid_setgid_file;
pub(crate) mod world_writable_file;

/// Every check of this group.
pub(crate) const ALL: &[&crate::checks::Check] = &[
    &runs_as_root::CHECK,
    &healthcheck_missing::CHECK,
    &sensitive_port_exposed::CHECK,
    &secret_in_env::CHECK,
    &remote_add_in_history::CHECK,
    &curl_pipe_shell_in_history::CHECK,
    &setuid_setgid_file::CHECK,
    &world_writable_file::CHECK,
    &package_cache_left::CHECK,
];
