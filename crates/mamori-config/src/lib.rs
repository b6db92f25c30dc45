//! stub
pub mod model;
pub mod pss;
pub mod workload;
pub use model::{parse_documents, Node, Object, ParseError, Value};
pub use pss::{evaluate_pss, evaluate_pss_with, Level, PssOptions, Version, Violation};
