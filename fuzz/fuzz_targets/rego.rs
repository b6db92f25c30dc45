//! Fuzzes the Rego path of `--policy`: the OPA-compatibility rewrite
//! (`mamori_config::rego_compat`) and regorus compiling and evaluating the
//! result. Arbitrary text must give policies or an error, never a panic, and
//! the rewrite must keep every line break (errors name the user's lines).

#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_config::{parse_documents, rego_compat, RegoPolicies};

const INPUT: &[u8] = b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n";

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let out = rego_compat::rewrite(src);
    assert_eq!(
        out.matches('\n').count(),
        src.matches('\n').count(),
        "the rewrite changed the line count"
    );
    if let Ok(mut policies) = RegoPolicies::new(&[("fuzz.rego".to_string(), src.to_string())]) {
        if let Ok(objects) = parse_documents("pod.yaml", INPUT) {
            let _ = policies.eval_objects(&objects);
        }
    }
});
