//! Fuzzes mamori-secrets: arbitrary bytes go to the gitleaks TOML loader and
//! compiler (first byte even) or to `Scanner::scan` with the built-in rules
//! (first byte odd). Neither may panic, and scanning must stay bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_secrets::{Config, Scanner};
use std::sync::OnceLock;

static BUILTIN: OnceLock<Scanner> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        let text = String::from_utf8_lossy(rest);
        if let Ok(config) = Config::from_gitleaks_toml("fuzz.toml", &text) {
            if let Ok(scanner) = Scanner::with_named_config("fuzz.toml", config) {
                let _ = scanner.scan("fuzz.txt", rest);
            }
        }
    } else {
        let scanner = BUILTIN.get_or_init(Scanner::builtin);
        let path = if mode & 2 == 0 {
            "app/.env"
        } else {
            "src/settings.py"
        };
        for f in scanner.scan(path, rest) {
            assert!(f.line >= 1 && f.column >= 1);
        }
    }
});
