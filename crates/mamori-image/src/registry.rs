//! Registry access over the OCI Distribution API (work in progress).

use crate::{Image, ImageError, OpenOptions, RegistryRef};

/// Registry settings.
#[derive(Debug, Clone, Default)]
pub struct RegistryOptions {
    /// Allow plain HTTP.
    pub insecure: bool,
}

/// Opens an image from a registry.
pub fn open(r: &RegistryRef, _options: &OpenOptions) -> Result<Image, ImageError> {
    Err(ImageError::Registry {
        registry: r.registry.clone(),
        message: "registry pulls are not implemented yet".into(),
    })
}
