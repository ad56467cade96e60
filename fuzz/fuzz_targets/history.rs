//! A text's history file on arbitrary bytes: parsing and checking it, and checking its
//! concordance against versions, must never panic or take unbounded time or memory, and
//! every problem it reports must carry no control character. See SECURITY.md.
//!
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run history corpus/history -- -dict=history.dict
//! -timeout=10 -rss_limit_mb=2048`, with `corpus/history` seeded from
//! `tests/fixtures/drafts/lakeland.yaml`.

#![no_main]

use brief::draft::history::History;
use libfuzzer_sys::fuzz_target;

fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn check(problems: &[String]) {
    assert!(!problems.is_empty(), "refused without a reason");
    for p in problems {
        assert!(!p.chars().any(dangerous), "problem {p:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    // The library reads a history only as UTF-8 (`library::history_of`).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match History::parse(text) {
        Ok(history) => {
            // Every version the same short text, so that the concordance's labels are
            // checked against paragraphs that exist and ones that do not.
            let version = brief::draft::read("v.txt", b"1. One.\n\n2. Two.\n\n2bis. More.\n")
                .expect("the stand-in version reads");
            let versions = vec![version; history.versions.len()];
            if let Err(problems) = history.forced(&versions) {
                check(&problems);
            }
        }
        Err(problems) => check(&problems),
    }
});
