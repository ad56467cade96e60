//! Footnotes a web page printed inside the text, run into the word that calls them: `the
//! Tunis Agenda for the Information Society1See A/60/687 that the General Assembly …`.
//! Copied so, the note reads as wording (`Society1See A/60/687 that` for `Society that`)
//! and every comparison lists it as a change. It is taken out and kept as the
//! paragraph's footnote, as a footnote found at a PDF page's foot is.

/// The longest note looked for, in words: a note that cites a document is short, and
/// no symbol within this many words means this was not one.
const NOTE_WORDS: usize = 16;

/// Whether a word cites a document: a symbol (`A/60/687`, `70/1`, `E/CN.16/2015/2`),
/// with or without the stop after it.
fn is_symbol(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',', ';']);
    w.contains('/')
        && w.split('/').count() >= 2
        && w.split('/').all(|part| !part.is_empty())
        && w.bytes().any(|b| b.is_ascii_digit())
}

/// Where the note called at `at` (its number's first digit, run into a word before it
/// and run into `See` after it) ends: the end of the first symbol it cites, its stop
/// included. `None` when this is no such note.
fn note_end(text: &str, at: usize) -> Option<usize> {
    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let note = at + digits;
    if !text[note..].starts_with("See ") {
        return None;
    }
    let mut end = note;
    for word in text[note..].split(' ').take(NOTE_WORDS) {
        end += word.len();
        if is_symbol(word) {
            return Some(end);
        }
        end += 1;
    }
    None
}

/// A block's text with its glued notes taken out, and the notes (`See A/60/687`).
pub fn take(text: String) -> (String, Vec<String>) {
    // Most blocks have no note: told by a search for the `S` of `See` after a digit,
    // not by a walk over their letters.
    let bytes = text.as_bytes();
    if !memchr::memchr_iter(b'S', bytes)
        .any(|i| i > 0 && bytes[i - 1].is_ascii_digit() && bytes[i + 1..].starts_with(b"ee "))
    {
        return (text, Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut notes = Vec::new();
    let mut rest = text.as_str();
    loop {
        // A call: a digit right after a lower-case letter (`Society1`).
        let call = rest
            .char_indices()
            .zip(rest.chars().skip(1))
            .find_map(|((i, c), d)| {
                (c.is_lowercase() && d.is_ascii_digit()).then(|| i + c.len_utf8())
            });
        let Some(at) = call else {
            break;
        };
        match note_end(rest, at) {
            Some(end) => {
                let digits = rest[at..].bytes().take_while(u8::is_ascii_digit).count();
                out.push_str(&rest[..at]);
                notes.push(rest[at + digits..end].to_owned());
                rest = &rest[end..];
            }
            None => {
                out.push_str(&rest[..at]);
                rest = &rest[at..];
                // Past this call's digits, so the search goes on after them.
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                out.push_str(&rest[..digits]);
                rest = &rest[digits..];
            }
        }
    }
    out.push_str(rest);
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_run_into_the_text_is_taken_out() {
        let (text, notes) = take(
            "Recalling the charter of the Lake Forum2See LRF/2020/7 that the councils meet; and the plan3See resolution 12/3. of May"
                .to_owned(),
        );
        assert_eq!(
            text,
            "Recalling the charter of the Lake Forum that the councils meet; and the plan of May"
        );
        assert_eq!(notes, ["See LRF/2020/7", "See resolution 12/3."]);
    }

    #[test]
    fn numbers_in_words_are_not_notes() {
        for t in [
            "We met in room b2 See the minutes.",
            "The G20See group met.",
            "The plan1See the annex of the report written by the councils of the lake and the hill districts for the year.",
            "Version 3 of the plan. See A/60/687.",
        ] {
            assert_eq!(take(t.to_owned()), (t.to_owned(), Vec::new()), "{t}");
        }
    }
}
