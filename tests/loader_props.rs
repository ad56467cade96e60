//! The loader never panics, and whatever it refuses it refuses with a location: checked
//! on the shipped briefs truncated, mutated and laced with control characters.

use brief::brief::load::{Limits, load};
use brief::library::builtin_files;
use proptest::prelude::*;

/// Messages that are about the whole file and so carry no line.
fn whole_file_message(m: &str) -> bool {
    m.starts_with("file is empty")
}

fn assert_located(name: &str, bytes: &[u8]) {
    if let Err(rejected) = load(name, bytes, &Limits::default()) {
        assert!(
            !rejected.diagnostics.is_empty(),
            "refused without saying why"
        );
        for d in &rejected.diagnostics {
            assert!(
                d.line > 0 || whole_file_message(&d.message),
                "no location: {d}"
            );
            assert!(!d.message.is_empty());
        }
    }
}

fn shipped() -> impl Strategy<Value = (&'static str, &'static [u8])> {
    let files = builtin_files();
    (0..files.len()).prop_map(move |i| files[i])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn truncated_briefs_are_refused_with_a_location((name, bytes) in shipped(), cut in 0.0f64..1.0) {
        let at = (bytes.len() as f64 * cut) as usize;
        assert_located(name, &bytes[..at]);
    }

    #[test]
    fn mutated_briefs_are_refused_with_a_location(
        (name, bytes) in shipped(),
        edits in prop::collection::vec((0.0f64..1.0, any::<u8>()), 1..8),
    ) {
        let mut bytes = bytes.to_vec();
        for (pos, byte) in edits {
            let at = ((bytes.len() - 1) as f64 * pos) as usize;
            bytes[at] = byte;
        }
        assert_located(name, &bytes);
    }

    #[test]
    fn control_characters_never_reach_the_model(
        (name, bytes) in shipped(),
        ctl in prop::sample::select(vec!["\\e[31m", "\\e]52;c;SGVsbG8=\\a", "\\x9b", "\\x07", "\\b", "\\r", "\\x7f", "\\u202e", "\\u2066", "\\eP1$r\\e\\\\"]),
    ) {
        // Put an escape into every double-quoted-able value: rewrite `summary: x` lines
        // as double-quoted strings that start with the control sequence.
        let text = std::str::from_utf8(bytes).unwrap();
        let laced: String = text
            .lines()
            .map(|line| {
                let trimmed = line.trim_start();
                if let Some(rest) = trimmed.strip_prefix("title: ").or_else(|| trimmed.strip_prefix("name: ")) {
                    let indent = &line[..line.len() - trimmed.len()];
                    let key = &trimmed[..trimmed.len() - rest.len()];
                    let plain = rest.trim_matches('"').replace('\\', "\\\\").replace('"', "\\\"");
                    format!("{indent}{key}\"{ctl}{plain}\"\n")
                } else {
                    format!("{line}\n")
                }
            })
            .collect();
        match load(name, laced.as_bytes(), &Limits::default()) {
            Ok(brief) => {
                let json = serde_json::to_string(&brief).unwrap();
                let decoded: serde_json::Value = serde_json::from_str(&json).unwrap();
                fn walk(v: &serde_json::Value) {
                    match v {
                        serde_json::Value::String(s) => assert!(
                            !s.chars().any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)),
                            "control character kept in {s:?}"
                        ),
                        serde_json::Value::Array(a) => a.iter().for_each(walk),
                        serde_json::Value::Object(o) => o.values().for_each(walk),
                        _ => {}
                    }
                }
                walk(&decoded);
            }
            Err(rejected) => {
                for d in &rejected.diagnostics {
                    let shown = d.to_string();
                    assert!(!shown.chars().any(|c| c.is_control()), "control character in message {shown:?}");
                }
            }
        }
    }
}

#[test]
fn a_byte_order_mark_and_crlf_change_nothing() {
    for (name, bytes) in builtin_files() {
        let plain = load(name, bytes, &Limits::default());
        let text = std::str::from_utf8(bytes).unwrap();
        let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let other = load(name, crlf.as_bytes(), &Limits::default());
        match (plain, other) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}"),
            (Err(a), Err(b)) => assert_eq!(a.diagnostics.len(), b.diagnostics.len(), "{name}"),
            _ => panic!("{name}: BOM and CRLF changed whether it loads"),
        }
    }
}

/// Fields that hold prose rather than an id, a date or a closed value: every one of them
/// can be laced with control characters and the brief must still load, cleaned.
const TEXT_FIELDS: &[&str] = &[
    "title", "summary", "body", "name", "short", "bloc", "note", "question", "label", "place",
    "at", "author", "unit",
];

fn lace(v: &mut serde_json::Value, ctl: &str, key: Option<&str>) {
    match v {
        serde_json::Value::String(s) if key.is_some_and(|k| TEXT_FIELDS.contains(&k)) => {
            *s = format!("{ctl}{s}{ctl}");
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| lace(x, ctl, None)),
        serde_json::Value::Object(o) => o.iter_mut().for_each(|(k, x)| lace(x, ctl, Some(k))),
        _ => {}
    }
}

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every prose string of a shipped brief laced with a control sequence: the brief
    /// loads, no string of the model keeps a control character, and each laced string
    /// shows what it carried instead of dropping it.
    #[test]
    fn control_characters_in_every_text_field_are_neutralised(
        (name, bytes) in shipped(),
        ctl in prop::sample::select(vec![
            "\x1b[31m", "\x1b]52;c;SGVsbG8=\x07", "\x1b]8;;http://x\x1b\\", "\x1bP1$r\x1b\\",
            "\x1b_apc\x1b\\", "\u{9b}31m", "\u{85}", "\x07", "\x08", "\r", "\x7f", "\u{202e}",
            "\u{2066}", "\u{2069}", "\0",
        ]),
    ) {
        let brief = load(name, bytes, &Limits::default()).unwrap();
        let mut value = serde_json::to_value(&brief).unwrap();
        lace(&mut value, ctl, None);
        let text = brief::brief::yaml::encode(&value).unwrap();
        let laced = load(name, text.as_bytes(), &Limits::default());
        // A summary near the length limit may now be over it; that is a clean refusal.
        let laced = match laced {
            Ok(b) => b,
            Err(r) => {
                for d in &r.diagnostics {
                    let shown = d.to_string();
                    prop_assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
                    prop_assert!(shown.contains("characters; a summary"), "{shown}");
                }
                return Ok(());
            }
        };
        let mut all = Vec::new();
        strings(&serde_json::to_value(&laced).unwrap(), &mut all);
        for s in &all {
            prop_assert!(
                !s.chars().any(|c| (c.is_control() && c != '\n')
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)),
                "control character kept in {s:?}"
            );
        }
        // The title shows the sequence visibly, around the original text.
        prop_assert!(laced.title.contains(brief.title.as_str()));
        prop_assert!(laced.title.len() > brief.title.len());
    }
}
