//! A document's heading as a copy of a web page's table leaves it: its cells run
//! together on one line (`Document WSIS-II/PC-3/DT/15-E30 September 2005`, `Original:
//! English Chair, Sub-Committee A`), the table's border (`| `) before them. Each heading
//! line is put back on a line of its own, to be read as one.

use std::borrow::Cow;

use crate::draft::model::{HeaderKind, header_kind, is_date, is_header_line, split_label};

/// The heading is looked for in this many lines at most: a document's first.
const HEAD_LINES: usize = 12;

/// A line of heading cells run together is no longer than this.
const RUN_MAX: usize = 120;

/// `s` with the heading lines its first lines run together each on a line of its own,
/// a table's border off them, and a symbol that is there twice (the page's running head
/// above the text's own heading) there once; `s` as it is (not copied) when they need
/// nothing.
pub fn unglue(s: &str) -> Cow<'_, str> {
    let mut head: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut offset = 0;
    for line in s.split_inclusive('\n').take(HEAD_LINES) {
        let t = line.trim();
        // The text has begun: a sentence ended, a paragraph numbered.
        if t.ends_with('.') || split_label(t).is_some_and(|(_, body)| !body.is_empty()) {
            break;
        }
        head.push((line, pieces(t)));
        offset += line.len();
    }
    let symbol = |piece: &str| {
        (header_kind(piece) == Some(HeaderKind::Symbol)).then(|| {
            piece
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
                .trim_start_matches("document")
                .to_owned()
        })
    };
    let symbols: Vec<Option<String>> = head
        .iter()
        .flat_map(|(_, pieces)| pieces.iter().map(|p| symbol(p)))
        .collect();
    let twice = |k: usize| {
        symbols[k]
            .as_ref()
            .is_some_and(|a| symbols[k + 1..].iter().flatten().any(|b| a == b))
    };
    let mut k = 0;
    let mut out: Option<String> = None;
    for (n, (line, pieces)) in head.iter().enumerate() {
        let kept: Vec<&str> = pieces
            .iter()
            .filter(|_| {
                k += 1;
                !twice(k - 1)
            })
            .copied()
            .collect();
        if kept.len() == 1 && kept[0] == line.trim() {
            if let Some(out) = &mut out {
                out.push_str(line);
            }
            continue;
        }
        let before: usize = head[..n].iter().map(|(l, _)| l.len()).sum();
        let out = out.get_or_insert_with(|| s[..before].to_owned());
        for p in kept {
            out.push_str(p);
            out.push('\n');
        }
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut out) => {
            out.push_str(&s[offset..]);
            Cow::Owned(out)
        }
    }
}

/// A line's heading lines, apart.
fn pieces(line: &str) -> Vec<&str> {
    let mut t = line;
    // A text browser's table border.
    if let Some(inner) = t.strip_prefix("| ").or_else(|| t.strip_suffix(" |"))
        && !inner.contains('|')
    {
        t = inner.trim();
    }
    let mut out = Vec::new();
    while let Some((head, rest)) = split_one(t) {
        out.push(head);
        t = rest;
    }
    out.push(t);
    out
}

/// The first heading line of `t` and the rest, when `t` runs one into more: `Original:`
/// and its language, then anything; a symbol (or any heading line) then a date.
fn split_one(t: &str) -> Option<(&str, &str)> {
    // Heading cells run together make a short line; a long one is text, and is not
    // searched for a date at each of its numbers (a line of a megabyte stays linear).
    if t.len() > RUN_MAX {
        return None;
    }
    if t.get(..9)
        .is_some_and(|o| o.eq_ignore_ascii_case("original:"))
    {
        let language = t[9..].trim_start();
        let end = t.len() - language.len() + language.find(' ')?;
        let rest = t[end..].trim_start();
        return (!rest.is_empty()).then(|| (&t[..end], rest));
    }
    // A date ends the line, after a heading line with no space between them (cells
    // joined) or with one: `…/DT/15-E30 September 2005`.
    if !t.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let b = t.as_bytes();
    (1..b.len())
        .filter(|&i| b[i].is_ascii_digit() && !b[i - 1].is_ascii_digit())
        .find(|&i| {
            let (head, date) = (t[..i].trim_end(), &t[i..]);
            // `Date: 18 November 2005` is one line: its field's name and value.
            !head.is_empty() && !head.ends_with(':') && is_date(date) && is_header_line(head)
        })
        .map(|i| (t[..i].trim_end(), &t[i..]))
}

#[cfg(test)]
mod tests {
    use super::unglue;

    #[test]
    fn heading_cells_run_together_are_put_apart() {
        let copied = "| Document LRF-II/PC-2/DT/7-E4 March 2026\n Original: English Chair, Lake Committee A\n\tTowers and maps\n1. We note the maps.\nOriginal: English and more.\n";
        assert_eq!(
            unglue(copied),
            "Document LRF-II/PC-2/DT/7-E\n4 March 2026\nOriginal: English\nChair, Lake Committee A\n\tTowers and maps\n1. We note the maps.\nOriginal: English and more.\n"
        );
        // Lines that need nothing are the text itself, not a copy.
        let tidy = "LRF/2026/L.7\n4 January 2026\nOriginal: English\n\n1. We note the maps.\n";
        assert!(matches!(unglue(tidy), std::borrow::Cow::Borrowed(_)));
        // A page's running head above the text's own heading: the symbol once.
        let paged =
            "4 -\n\nLRF/PC-2/DT/7(Rev.1)-E\n\nDocument LRF/PC-2/DT/7 (Rev. 1)-E\n4 March 2026\n";
        assert_eq!(
            unglue(paged),
            "4 -\n\n\nDocument LRF/PC-2/DT/7 (Rev. 1)-E\n4 March 2026\n"
        );
        // A long line is not searched, however it ends.
        let long = format!("{} 4 March 2026\n", "LRF/PC-2/DT/7-E 4 ".repeat(20));
        assert_eq!(unglue(&long), long);
        // A date after words that are no heading line stays in them, and a date after its
        // field's name is one line.
        for line in ["Meeting of 4 March 2026\n", "Date: 4 March 2026\n"] {
            assert_eq!(unglue(line), line);
        }
    }
}
