//! Plain text, as copied from a PDF: paragraphs separated by blank lines or, where line
//! breaks were lost, by the number that comes next. Text from `pdftotext` has pages
//! (form feeds): their furniture (running heads, document symbols, job numbers, page
//! numbers) is taken off, a paragraph broken by a page break is joined again, and the
//! footnotes at a page's foot go to the paragraph whose marker calls them ([`pages`]).

mod pages;

use crate::draft::model::{Block, split_label, trimmed};

/// The number a label starts with, for telling the next paragraph's number.
fn number_of(label: &str) -> Option<u32> {
    let l = label.strip_prefix("New ").unwrap_or(label);
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    l[..digits].parse().ok()
}

/// Whether a label can come next after a paragraph numbered `last`: the next number, or
/// the same one with a suffix (`12bis`), or an inserted `New …`.
fn is_next(label: &str, last: Option<u32>) -> bool {
    if label.starts_with("New ") || label.starts_with("PP") {
        return true;
    }
    match (number_of(label), last) {
        (Some(n), Some(l)) => n == l + 1 || (n == l && label.len() > l.to_string().len()),
        (Some(n), None) => n <= 1,
        _ => false,
    }
}

/// Plain text: paragraphs separated by blank lines, or, when line breaks were lost, by
/// their numbers (a line, or a sentence inside a line, that starts with the number that
/// comes next).
pub fn plain_blocks(s: &str) -> Vec<Block> {
    let (s, notes) = pages::clean(s);
    // A block at each blank line, about: sized once rather than grown.
    let mut blocks: Vec<String> =
        Vec::with_capacity(memchr::memmem::find_iter(s.as_bytes(), b"\n\n").count() + 1);
    let mut cur = String::new();
    let mut last: Option<u32> = None;
    let flush = |cur: &mut String, blocks: &mut Vec<String>, last: &mut Option<u32>| {
        if trimmed(cur).is_empty() {
            cur.clear();
            return;
        }
        split_run_on(cur, last, blocks);
        cur.clear();
    };
    for line in lines(&s) {
        if trimmed(line).is_empty() {
            flush(&mut cur, &mut blocks, &mut last);
            continue;
        }
        let label = split_label(line).map(|(l, _)| l);
        if !cur.is_empty()
            && let Some(label) = &label
            && (is_next(label, last)
                || label.len() == 1 && label.chars().all(|c| c.is_ascii_lowercase()))
        {
            flush(&mut cur, &mut blocks, &mut last);
        }
        if cur.is_empty()
            && let Some(n) = label.as_deref().and_then(number_of)
        {
            last = Some(n);
        }
        cur.push_str(line);
        cur.push('\n');
    }
    flush(&mut cur, &mut blocks, &mut last);
    blocks
        .into_iter()
        .map(|text| {
            let (text, footnotes) = pages::take_calls(text, &notes);
            Block {
                text,
                footnotes,
                ..Block::default()
            }
        })
        .collect()
}

/// `s.lines()`, each line end found by memchr's vectorised search rather than a word at
/// a time: a version is read line by line.
fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s).filter(|s| !s.is_empty());
    std::iter::from_fn(move || {
        let r = rest?;
        Some(match memchr::memchr(b'\n', r.as_bytes()) {
            Some(at) => {
                rest = Some(&r[at + 1..]).filter(|r| !r.is_empty());
                let line = &r[..at];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => {
                rest = None;
                r
            }
        })
    })
}

/// Cut a block where a sentence starts with the paragraph number that comes next
/// (`… the forum. 2. Decides …`), and note the last number seen: the parts go to `out`.
fn split_run_on(block: &str, last: &mut Option<u32>, out: &mut Vec<String>) {
    let mut start = 0;
    if let Some((l, _)) = split_label(block)
        && let Some(n) = number_of(&l)
    {
        *last = Some(n);
    }
    let bytes = block.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        // A number starts a paragraph: 32 bytes without a digit are passed at once, with
        // a test the compiler vectorises, rather than a byte at a time.
        if let Some(chunk) = bytes.get(i..i + 32)
            && !chunk.iter().fold(false, |any, b| any | b.is_ascii_digit())
        {
            i += 32;
            continue;
        }
        // After the end of a sentence and a space.
        if bytes[i].is_ascii_digit()
            && matches!(bytes[i - 1], b' ' | b'\t')
            && i >= 2
            && matches!(bytes[i - 2], b'.' | b';' | b':' | b']' | b')')
            && let Some((label, _)) = split_label(&block[i..])
            && is_next(&label, *last)
            && !label.starts_with("New ")
        {
            out.push(block[start..i].trim_end().to_owned());
            start = i;
            if let Some(n) = number_of(&label) {
                *last = Some(n);
            }
        }
        i += 1;
    }
    out.push(block[start..].to_owned());
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// Lines found by memchr are `str::lines`'s.
        #[test]
        fn lines_are_str_lines(s in "[a\r\n ]{0,12}") {
            proptest::prop_assert_eq!(
                super::lines(&s).collect::<Vec<_>>(),
                s.lines().collect::<Vec<_>>()
            );
        }
    }
}
