//! Operating-system analyzers: distribution identification and the OS package
//! managers' databases (dpkg, apk, rpm).

mod apk;
mod dpkg;
mod release;
mod rpm;

pub use release::OsInfo;

use crate::Analyzer;

/// Every OS analyzer.
pub fn analyzers() -> Vec<Box<dyn Analyzer>> {
    vec![
        Box::new(release::OsReleaseAnalyzer),
        Box::new(dpkg::DpkgStatusAnalyzer),
        Box::new(dpkg::DpkgListAnalyzer),
        Box::new(apk::ApkAnalyzer),
        Box::new(rpm::RpmAnalyzer),
    ]
}
