//! RPM database reader (work in progress).
