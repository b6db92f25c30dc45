//! Language lockfiles analyzers (registry).

use crate::Analyzer;

/// Every analyzer in this group.
pub fn analyzers() -> Vec<Box<dyn Analyzer>> {
    vec![]
}
