//! The loader on arbitrary bytes: it must never panic, never take unbounded time or
//! memory (libFuzzer's -timeout and -rss_limit_mb catch both), and whatever it returns —
//! a brief or its problems — must carry no control character. See SECURITY.md.

#![no_main]

use brief::brief::load::{Limits, load};
use libfuzzer_sys::fuzz_target;

fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn strings(v: &serde_json::Value, check: &dyn Fn(&str)) {
    match v {
        serde_json::Value::String(s) => check(s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, check)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| {
            check(k);
            strings(x, check)
        }),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    match load("fuzz.yaml", data, &Limits::default()) {
        Ok(brief) => {
            let value = serde_json::to_value(&brief).expect("a loaded brief serializes");
            strings(&value, &|s| {
                assert!(!s.chars().any(dangerous), "kept {s:?}")
            });
        }
        Err(rejected) => {
            assert!(!rejected.diagnostics.is_empty(), "refused without a reason");
            for d in &rejected.diagnostics {
                let shown = d.to_string();
                assert!(!shown.chars().any(dangerous), "message {shown:?}");
            }
        }
    }
});
