//! The version readers on arbitrary bytes, under each name that picks a form (Akoma Ntoso,
//! Markdown, plain text; XML is also recognised by its first `<`): they must never panic,
//! never take unbounded time or memory (libFuzzer's -timeout and -rss_limit_mb catch
//! both), and neither a version read nor the reason it was refused may carry a control
//! character. See SECURITY.md.
//!
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run read corpus/read -- -dict=akn.dict -max_len=16384
//! -timeout=10 -rss_limit_mb=2048`, with `corpus/read` seeded from `tests/fixtures/drafts`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn check(what: &str, s: &str) {
    assert!(!s.chars().any(dangerous), "{what}: kept {s:?}");
}

fuzz_target!(|data: &[u8]| {
    for name in ["x.xml", "x.md", "x.txt"] {
        match brief::draft::read(name, data) {
            Ok(version) => {
                assert!(
                    !version.paragraphs.is_empty(),
                    "{name}: read as no paragraphs"
                );
                for p in &version.paragraphs {
                    check(name, p.label.as_str());
                    check(name, &p.text);
                    check(name, &p.layout);
                    p.subs.iter().for_each(|s| check(name, s));
                    if let Some(eid) = &p.eid {
                        check(name, eid);
                    }
                }
            }
            Err(e) => check(name, &e.to_string()),
        }
    }
});
