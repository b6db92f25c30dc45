//! RPM databases (placeholder until the rpm reader lands: claims no files).

use crate::{Analysis, AnalyzeError, Analyzer, FileMeta};

/// Reads rpm databases.
pub struct RpmAnalyzer;

impl Analyzer for RpmAnalyzer {
    fn id(&self) -> &'static str {
        "rpm"
    }
    fn version(&self) -> u32 {
        0
    }
    fn required(&self, _path: &str, _meta: &FileMeta) -> bool {
        false
    }
    fn analyze(&self, _path: &str, _content: &[u8]) -> Result<Analysis, AnalyzeError> {
        Ok(Analysis::default())
    }
}
