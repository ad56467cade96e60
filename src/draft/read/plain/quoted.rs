//! Quoted-printable left in text copied from a mail archive: `62.=09We`, `Chair=92s`,
//! a line cut by a soft break (`(Agree=` / `d)`). Decoded when a text has enough of it
//! to be sure it is that and not an `=` of its own.

use std::borrow::Cow;

/// A text has quoted-printable in it when it has at least this many escapes and soft
/// breaks of the kinds a mail's body has.
const SURE: usize = 3;

/// `s` with its quoted-printable decoded, when it has any; as it is (not copied) if not.
pub fn unquote(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'=', s.as_bytes()).is_none() || count(s) < SURE {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // Escaped bytes of one character (`=E2=80=99`), decoded together.
    let mut bytes: Vec<u8> = Vec::new();
    let mut i = 0;
    let mut plain = 0;
    while let Some(at) = memchr::memchr(b'=', &b[i..]).map(|at| at + i) {
        let soft = soft_break(&b[at + 1..]);
        let escape = escape(&b[at + 1..]);
        if soft.is_none() && escape.is_none() {
            i = at + 1;
            continue;
        }
        if plain < at {
            flush(&mut bytes, &mut out);
            out.push_str(&s[plain..at]);
        }
        if let Some(len) = soft {
            i = at + 1 + len;
        } else if let Some(byte) = escape {
            bytes.push(byte);
            i = at + 3;
        }
        plain = i;
    }
    flush(&mut bytes, &mut out);
    out.push_str(&s[plain..]);
    Cow::Owned(out)
}

/// How many escapes and soft breaks `s` has of the kinds a mail's body has: a tab, a
/// space, an `=`, a byte of a character beyond ASCII; a line ended by `=`.
fn count(s: &str) -> usize {
    let b = s.as_bytes();
    memchr::memchr_iter(b'=', b)
        .filter(|&at| {
            soft_break(&b[at + 1..]).is_some()
                || escape(&b[at + 1..]).is_some_and(|c| matches!(c, b'\t' | b' ' | b'=' | 0x80..))
        })
        .count()
}

/// The length of a soft break's line end, when `after` starts with one.
fn soft_break(after: &[u8]) -> Option<usize> {
    match after {
        [b'\r', b'\n', ..] => Some(2),
        [b'\n', ..] => Some(1),
        _ => None,
    }
}

/// The byte an escape stands for, when `after` starts with two capital hex digits.
fn escape(after: &[u8]) -> Option<u8> {
    let hex = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    match after {
        [h, l, ..] => Some(hex(*h)? << 4 | hex(*l)?),
        _ => None,
    }
}

/// Decoded bytes into `out`: UTF-8 when they are, else Windows-1252 as most mail
/// clients of the time wrote (`=92` for `’`).
fn flush(bytes: &mut Vec<u8>, out: &mut String) {
    match std::str::from_utf8(bytes) {
        Ok(text) => out.push_str(text),
        Err(_) => out.extend(bytes.iter().map(|&b| windows_1252(b))),
    }
    bytes.clear();
}

/// A Windows-1252 byte's character: its 0x80–0x9F are printing marks where Latin-1 has
/// control characters.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::unquote;

    #[test]
    fn a_mail_archives_escapes_are_decoded() {
        let mail = "62.=09We note the maps.\nThe Chair=92s paper. (Agree=\nd)\nA caf=C3=A9.\n";
        assert_eq!(
            unquote(mail),
            "62.\tWe note the maps.\nThe Chair’s paper. (Agreed)\nA café.\n"
        );
        // An `=` of the text's own, and too few escapes to be sure, are left as they are.
        for own in ["x=10 and y=20", "The rate =20 per cent.", "a=\nb"] {
            assert_eq!(unquote(own), own);
        }
    }
}
