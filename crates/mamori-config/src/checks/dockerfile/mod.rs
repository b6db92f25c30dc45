//! Checks of the `dockerfile` group; each file is one check.

pub(crate) mod add_instead_of_copy;
pub(crate) mod add_remote_url;
pub(crate) mod apk_no_cache;
pub(crate) mod apk_upgrade;
pub(crate) mod apt_get_missing_yes;
pub(crate) mod apt_instead_of_apt_get;
pub(crate) mod apt_lists_not_removed;
pub(crate) mod apt_no_install_recommends;
pub(crate) mod apt_unpinned_versions;
pub(crate) mod apt_update_alone;
pub(crate) mod apt_upgrade;
pub(crate) mod base_image_latest;
pub(crate) mod base_image_no_digest;
pub(crate) mod chmod_world_writable;
pub(crate) mod copy_from_own_stage;
pub(crate) mod copy_sensitive_files;
pub(crate) mod credentials_in_url;
pub(crate) mod curl_and_wget;
pub(crate) mod curl_pipe_shell;
pub(crate) mod dnf_clean_missing;
pub(crate) mod duplicate_stage_name;
pub(crate) mod expose_invalid_port;
pub(crate) mod expose_ssh;
pub(crate) mod hardcoded_password_set;
pub(crate) mod healthcheck_missing;
pub(crate) mod insecure_download;
pub(crate) mod maintainer_deprecated;
pub(crate) mod multiple_cmd;
pub(crate) mod multiple_entrypoint;
pub(crate) mod multiple_healthcheck;
pub(crate) mod npm_install_in_image;
pub(crate) mod package_signature_bypass;
pub(crate) mod pip_cache;
pub(crate) mod plain_http_download;
pub(crate) mod run_cd;
pub(crate) mod secret_in_arg;
pub(crate) mod secret_in_env;
pub(crate) mod shell_form_entrypoint;
pub(crate) mod sudo_usage;
pub(crate) mod tls_verification_disabled;
pub(crate) mod user_missing;
pub(crate) mod user_root;
pub(crate) mod volume_runtime_socket;
pub(crate) mod workdir_relative;
pub(crate) mod yum_clean_missing;
pub(crate) mod yum_missing_yes;
pub(crate) mod zypper_clean_missing;

/// Every check of this group.
pub(crate) const ALL: &[&super::Check] = &[
    &add_instead_of_copy::CHECK,
    &add_remote_url::CHECK,
    &apk_no_cache::CHECK,
    &apk_upgrade::CHECK,
    &apt_get_missing_yes::CHECK,
    &apt_instead_of_apt_get::CHECK,
    &apt_lists_not_removed::CHECK,
    &apt_no_install_recommends::CHECK,
    &apt_unpinned_versions::CHECK,
    &apt_update_alone::CHECK,
    &apt_upgrade::CHECK,
    &base_image_latest::CHECK,
    &base_image_no_digest::CHECK,
    &chmod_world_writable::CHECK,
    &copy_from_own_stage::CHECK,
    &copy_sensitive_files::CHECK,
    &credentials_in_url::CHECK,
    &curl_and_wget::CHECK,
    &curl_pipe_shell::CHECK,
    &dnf_clean_missing::CHECK,
    &duplicate_stage_name::CHECK,
    &expose_invalid_port::CHECK,
    &expose_ssh::CHECK,
    &hardcoded_password_set::CHECK,
    &healthcheck_missing::CHECK,
    &insecure_download::CHECK,
    &maintainer_deprecated::CHECK,
    &multiple_cmd::CHECK,
    &multiple_entrypoint::CHECK,
    &multiple_healthcheck::CHECK,
    &npm_install_in_image::CHECK,
    &package_signature_bypass::CHECK,
    &pip_cache::CHECK,
    &plain_http_download::CHECK,
    &run_cd::CHECK,
    &secret_in_arg::CHECK,
    &secret_in_env::CHECK,
    &shell_form_entrypoint::CHECK,
    &sudo_usage::CHECK,
    &tls_verification_disabled::CHECK,
    &user_missing::CHECK,
    &user_root::CHECK,
    &volume_runtime_socket::CHECK,
    &workdir_relative::CHECK,
    &yum_clean_missing::CHECK,
    &yum_missing_yes::CHECK,
    &zypper_clean_missing::CHECK,
];
