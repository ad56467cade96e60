//! Brief text is untrusted: it comes from files passed around by mail and USB stick. Every
//! string that enters the model goes through [`Text`], which neutralises control
//! characters and bidirectional overrides once, visibly, so no output path can emit them.
//! It also takes out the few characters that terminals draw at another width than
//! `unicode-width` measures, so that the reader's idea of the screen and the terminal's
//! stay in step, and gives the one measure of width ([`width`]) that every layout uses.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Replace what a terminal would act on with something a reader can see:
/// C0 controls become their Unicode control pictures (ESC shows as `␛`), DEL becomes `␡`,
/// C1 controls and bidi embedding/override/isolate characters become `�`. Newlines are
/// kept, a tab becomes a space, and the line and paragraph separators (U+2028, U+2029)
/// become newlines. Invisible characters whose width terminals disagree on are taken out
/// (see [`is_unsteady`]). All other Unicode (accents, CJK, Arabic, emoji) is kept.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if is_plain(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter_map(replacement).collect())
}

/// True when nothing in `s` needs changing. Looks at bytes, not characters: this runs on
/// every string of every brief, and almost all of them are clean.
fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    // Most text is printable ASCII and newlines: a comparison or two a byte, without a
    // branch, which the compiler vectorises; the byte-by-byte look below is for the rest.
    let printable = |c: u8| c.wrapping_sub(0x20) < 0x5f || c == b'\n';
    if b.chunks(64)
        .all(|chunk| chunk.iter().fold(true, |ok, &c| ok & printable(c)))
    {
        return true;
    }
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' | 0x20..=0x7e => {}
            0x00..=0x1f | 0x7f => return false,
            // U+0080–U+009F are C2 80–C2 9F in UTF-8.
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => return false,
            // U+202A–U+202E are E2 80 AA–AE; U+2066–U+2069 are E2 81 A6–A9; U+200B and
            // U+200D are E2 80 8B and 8D; U+2028–U+2029 are E2 80 A8–A9; U+2060–U+2064
            // are E2 81 A0–A4.
            0xe2 if matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0x8b | 0x8d | 0xa8..=0xae))
                    | (Some(0x81), Some(0xa0..=0xa4 | 0xa6..=0xa9))
            ) =>
            {
                return false;
            }
            // U+00AD is C2 AD.
            0xc2 if b.get(i + 1) == Some(&0xad) => return false,
            // U+FE0E–U+FE0F are EF B8 8E–8F; U+FEFF is EF BB BF.
            0xef if matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xb8), Some(0x8e..=0x8f)) | (Some(0xbb), Some(0xbf))
            ) =>
            {
                return false;
            }
            // U+1F3FB–U+1F3FF are F0 9F 8F BB–BF.
            0xf0 if matches!(b.get(i + 1..i + 4), Some([0x9f, 0x8f, 0xbb..=0xbf])) => {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

#[cfg(test)]
fn slow_needs_change(s: &str) -> bool {
    s.chars().any(needs_change)
}

fn needs_change(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || is_bidi_control(c)
        || is_unsteady(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Characters a terminal may draw at another width than `unicode-width` says, or that
/// make `unicode-width` measure a cluster otherwise than its characters one by one:
/// the zero-width space and joiner (an emoji joined by U+200D is 2 columns to ratatui
/// and 4 to a terminal that draws each), the word joiner and invisible operators, the
/// byte-order mark inside text, the soft hyphen (drawn as a hyphen by some terminals),
/// the text and emoji variation selectors (which make `❤` 1 column or 2), and the skin
/// tone modifiers. Each is invisible or a matter of presentation, never of wording, so
/// it is taken out rather than shown.
pub fn is_unsteady(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{200b}'
            | '\u{200d}'
            | '\u{2060}'..='\u{2064}'
            | '\u{fe0e}'
            | '\u{fe0f}'
            | '\u{feff}'
            | '\u{1f3fb}'..='\u{1f3ff}'
    )
}

/// The columns `s` takes on a terminal: the sum of its characters' widths, as terminals
/// draw them one by one and as `textwrap` and ratatui's cells count them. Not
/// `UnicodeWidthStr::width`, which measures some clusters as one (`لا` as 1 column where
/// a terminal draws 2). Controls count 0; brief text has none but newlines.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.chars()
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
        .sum()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn replacement(c: char) -> Option<char> {
    Some(match c {
        '\n' | '\u{2028}' | '\u{2029}' => '\n',
        '\t' => ' ',
        c if is_unsteady(c) => return None,
        c if c < ' ' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        c if needs_change(c) => '\u{fffd}',
        c => c,
    })
}

/// `text` cut to `w` columns as [`width`] measures them, with an ellipsis when cut.
pub fn fit(text: &str, w: usize) -> String {
    if width(text) <= w {
        return text.to_owned();
    }
    cut(text, w)
}

/// `text` cut to leave a column of `w` for an ellipsis, and the ellipsis: what [`fit`]
/// does to a text too wide, and what the reader does to the last piece of a line that
/// goes on past the pane.
pub fn cut(text: &str, w: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    if w > 0 {
        out.push('…');
    }
    out
}

/// A string from a brief, already neutralised (see [`neutralise`]).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, bitcode::Encode, bitcode::Decode,
)]
pub struct Text(String);

impl Text {
    pub fn new(s: &str) -> Text {
        Text(neutralise(s).into_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        match neutralise(&s) {
            Cow::Borrowed(_) => Text(s),
            Cow::Owned(clean) => Text(clean),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::new(s)
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        String::deserialize(d).map(Text::from)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_ordinary_unicode_untouched() {
        let s = "Lillestrøm — 北京 — العربية — לא — עברית — 👩 — 🇫🇷 — café\u{301}\nnext line";
        assert!(matches!(neutralise(s), Cow::Borrowed(_)));
    }

    #[test]
    fn separators_are_line_breaks_and_unsteady_widths_are_taken_out() {
        assert_eq!(neutralise("one\u{2028}two\u{2029}three"), "one\ntwo\nthree");
        assert_eq!(
            neutralise("👩\u{200d}💻 ❤\u{fe0f} 👍\u{1f3fd} co\u{ad}op a\u{200b}b\u{feff}"),
            "👩💻 ❤ 👍 coop ab"
        );
    }

    /// What every layout measures is what a terminal that draws each character on its
    /// own takes: for clean text, the sum of the characters' widths, which is also what
    /// ratatui takes for each of its cells (a cluster that would measure otherwise, as a
    /// joined emoji, cannot survive [`neutralise`]).
    #[test]
    fn width_is_the_terminals() {
        use unicode_segmentation::UnicodeSegmentation;
        use unicode_width::UnicodeWidthStr;
        for s in [
            "plain ascii",
            "لا إله",
            "北京",
            "e\u{301}",
            "👩\u{200d}💻 ❤\u{fe0f} 👍\u{1f3fd}",
            "🇫🇷",
        ] {
            let clean = neutralise(s);
            let by_cluster: usize = clean.graphemes(true).map(UnicodeWidthStr::width).sum();
            assert_eq!(width(&clean), by_cluster, "{s:?}");
        }
        assert_eq!(width("لا"), 2, "lam and alef are two columns on a terminal");
        assert_eq!(width("北京 x"), 6);
    }

    #[test]
    fn neutralises_escapes_visibly() {
        assert_eq!(
            neutralise("a\x1b[31mred\x1b]0;title\x07"),
            "a␛[31mred␛]0;title␇"
        );
        assert_eq!(neutralise("x\u{9b}31m\u{7f}\r\x08"), "x�31m␡␍␈");
        assert_eq!(neutralise("\u{202e}evil\u{2066}"), "�evil�");
        assert_eq!(neutralise("tab\there"), "tab here");
    }

    #[test]
    fn text_from_deserialization_is_clean() {
        let t: Text = serde_json::from_str("\"\\u001b[2Jboom\"").unwrap();
        assert_eq!(t.as_str(), "␛[2Jboom");
    }

    use proptest::prelude::*;

    proptest! {
        /// The byte-level check agrees with the character-level rule, on strings made of
        /// the characters at the edges of every range it looks at.
        #[test]
        fn byte_check_agrees_with_the_rule(s in prop::collection::vec(prop::sample::select(vec![
            'a', ' ', '\n', '\t', '\x1b', '\x1f', '~', '\x7f', '\u{80}', '\u{9f}', '\u{a0}',
            '\u{c2}', 'é', '\u{2029}', '\u{202a}', '\u{202e}', '\u{202f}', '\u{2065}',
            '\u{2066}', '\u{2069}', '\u{206a}', '\u{2080}', '北', '👩',
            '\u{ac}', '\u{ad}', '\u{ae}', '\u{200a}', '\u{200b}', '\u{200c}', '\u{200d}',
            '\u{200e}', '\u{2027}', '\u{2028}', '\u{205f}', '\u{2060}', '\u{2064}', '\u{2065}',
            '\u{fe0d}', '\u{fe0e}', '\u{fe0f}', '\u{fe10}', '\u{fefe}', '\u{feff}', '\u{ff00}',
            '\u{1f3fa}', '\u{1f3fb}', '\u{1f3ff}', '\u{1f400}', '\u{1f0ff}',
        ]), 0..12).prop_map(|v| v.into_iter().collect::<String>())) {
            prop_assert_eq!(is_plain(&s), !slow_needs_change(&s));
        }

        #[test]
        fn byte_check_agrees_on_any_string(s in "(\\PC|[\\x00-\\x{2070}]|[\\x{fe00}-\\x{ffff}]|[\\x{1f300}-\\x{1f400}])*") {
            prop_assert_eq!(is_plain(&s), !slow_needs_change(&s));
        }
    }
}
