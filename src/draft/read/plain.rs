//! Plain text, as copied from a PDF: paragraphs separated by blank lines or, where line
//! breaks were lost, by the number that comes next; as copied from a web page, a
//! paragraph a line. Text from `pdftotext` has pages
//! (form feeds): their furniture (running heads, document symbols, job numbers, page
//! numbers) is taken off, a paragraph broken by a page break is joined again, and the
//! footnotes at a page's foot go to the paragraph whose marker calls them ([`pages`]);
//! a note a web page ran into the text is taken out of it ([`glued_note`]).

mod glued_note;
mod head;
mod pages;
mod quoted;

use crate::draft::model::{Block, is_header_line, split_label, trimmed};

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
    let s = quoted::unquote(s);
    let s = head::unglue(&s);
    let (s, notes) = pages::clean(&s);
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
    // The line before, for telling a paragraph's last line from a wrapped one.
    let mut before = "";
    let mut before_header = false;
    // Where the block the loop is in starts in `s`, and whether it is a line a paragraph:
    // told only when a line could start a paragraph that way, by reading the block ahead
    // once (most blocks never need it).
    let mut block_start = None;
    let mut unwrapped: Option<bool> = None;
    // The margin the block's lines were wrapped at, when its paragraphs have no blank
    // line between them: told, like `unwrapped`, only when a line could end one.
    let mut gapless: Option<Option<usize>> = None;
    // Whether the text has begun (a clause ended, a paragraph labelled) before this
    // block, and in it: title lines stack only before.
    let (mut begun, mut begun_here) = (false, false);
    let mut all = lines(&s).peekable();
    while let Some(line) = all.next() {
        let this = trimmed(line);
        if this.is_empty() {
            flush(&mut cur, &mut blocks, &mut last);
            before = this;
            before_header = false;
            (block_start, unwrapped, gapless) = (None, None, None);
            begun |= begun_here;
            continue;
        }
        if is_dashed_page_number(this) {
            // A page's number, never a paragraph, in text copied without its pages.
            continue;
        }
        let start = *block_start.get_or_insert(line.as_ptr() as usize - s.as_ptr() as usize);
        let labelled = split_label(line);
        begun_here |= this.ends_with(['.', ',', ';', ':'])
            || labelled.as_ref().is_some_and(|(_, r)| !r.is_empty());
        let header = is_header_line(this);
        let after_header = std::mem::replace(&mut before_header, header);
        if !cur.is_empty()
            && (labelled.as_ref().is_some_and(|(label, body)| {
                is_next(label, last)
                    || last.is_none() && is_first(label, body)
                    || label.len() == 1 && label.chars().all(|c| c.is_ascii_lowercase())
            }) || unwrapped_end(before, this)
                && *unwrapped.get_or_insert_with(|| is_unwrapped(&s[start..], begun))
                || header
                || after_header
                || {
                    let next = all.peek().map(|l| trimmed(l)).filter(|l| !l.is_empty());
                    may_start_gapless(before, this, next)
                        && gapless
                            .get_or_insert_with(|| gapless_margin(&s[start..]))
                            .is_some_and(|margin| gapless_end(before, this, next, margin))
                })
        {
            flush(&mut cur, &mut blocks, &mut last);
        }
        before = this;
        if cur.is_empty()
            && let Some(n) = labelled.as_ref().and_then(|(l, _)| number_of(l))
        {
            last = Some(n);
        }
        cur.push_str(line);
        cur.push('\n');
    }
    flush(&mut cur, &mut blocks, &mut last);
    if let Some(first) = blocks.first_mut() {
        drop_page_one(first);
    }
    blocks
        .into_iter()
        .map(|text| {
            let (text, mut footnotes) = pages::take_calls(text, &notes);
            let (text, glued) = glued_note::take(text);
            footnotes.extend(glued);
            Block {
                text,
                footnotes,
                ..Block::default()
            }
        })
        .collect()
}

/// A transcription of a PDF starts with its first page's number, run into the title
/// (`1 Outcome Document of …`): a `1` with no mark after it, before a capital, is not
/// the text's (a paragraph's number has its dot or bracket).
fn drop_page_one(first: &mut String) {
    let t = first.trim_start();
    if let Some(rest) = t.strip_prefix("1 ")
        && rest.starts_with(|c: char| c.is_uppercase())
    {
        *first = rest.to_owned();
    }
}

/// `- 4 -`, `4 -`, `-4-`: how a page's number is printed, and no paragraph's text.
fn is_dashed_page_number(line: &str) -> bool {
    if line.len() > 12 || !line.contains('-') && !line.contains('–') {
        return false;
    }
    let inner = line.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    inner.len() < line.len()
        && (1..=3).contains(&inner.len())
        && inner.bytes().all(|b| b.is_ascii_digit())
}

/// A line longer than this was not wrapped at a margin: text copied from a web page or
/// saved from Word puts each paragraph on one line, with no blank line between them.
const WRAPPED_MAX: usize = 160;

/// Whether the block that starts `rest` (its lines up to a blank one) is a line a
/// paragraph: not wrapped at a margin, as one of its lines is too long to have been; or,
/// before the text has `begun`, a stack of short lines none of which ends a sentence or
/// a clause (the title lines: `Chair, Sub-Committee A`, `Chapter Three: Internet
/// Governance`, `Chair's Paper`).
fn is_unwrapped(rest: &str, begun: bool) -> bool {
    let (mut lines_in, mut short, mut clause) = (0usize, true, false);
    for line in lines(rest) {
        let t = trimmed(line);
        if t.is_empty() {
            break;
        }
        if t.len() > WRAPPED_MAX {
            return true;
        }
        lines_in += 1;
        short &= t.len() <= TITLE_MAX;
        clause |=
            t.ends_with(['.', ',', ';', ':']) || split_label(t).is_some_and(|(_, r)| !r.is_empty());
    }
    !begun && lines_in > 1 && short && !clause
}

/// Whether a paragraph could end between `before` and `this` (`next` after it, in the
/// same block) in a block wrapped with no blank line between its paragraphs
/// ([`gapless_end`] tells): the cheap half of the test, so that the block's margin is
/// measured only for a few lines (a paragraph's short last line is not one).
fn may_start_gapless(before: &str, this: &str, next: Option<&str>) -> bool {
    this.len() < GAPLESS_SHORT_MAX && next.is_some() || ends_sentence(before)
}

/// A line shorter than this many bytes may be a paragraph's first or last in a block
/// wrapped with no blank lines; the test against the margin comes after.
const GAPLESS_SHORT_MAX: usize = 48;

/// The margin (in bytes) a block's lines were wrapped at, when the block holds
/// several paragraphs with no blank line between them (a web page's text copied with its
/// breaks, `<p>` tags lost): [`GAPLESS_LINES`] lines or more, none longer than a wrapped
/// line can be, most of them near the longest.
fn gapless_margin(rest: &str) -> Option<usize> {
    // The lines' lengths in bytes, not characters: a margin is told by proportions, and
    // most of a block's lines are of one script. Counted only in a block long enough.
    let block = || lines(rest).map(trimmed).take_while(|t| !t.is_empty());
    block().nth(GAPLESS_LINES - 1)?;
    let mut widths = Vec::new();
    for t in block() {
        if t.len() > WRAPPED_MAX {
            return None;
        }
        widths.push(t.len());
    }
    let margin = widths.iter().copied().max()?;
    let near = widths.iter().filter(|&&w| w * 4 >= margin * 3).count();
    (margin >= 50 && near * 2 >= widths.len()).then_some(margin)
}

/// A block wrapped with no blank line between its paragraphs has at least this many
/// lines: a paragraph alone has fewer, most often.
const GAPLESS_LINES: usize = 8;

/// Whether a paragraph starts at `this`, after `before` and before `next`, in a block
/// wrapped at `margin` with no blank line between paragraphs: a short line that ends a
/// sentence ended one; a line labelled after a sentence's end starts one (`A[B]. Our
/// Common …`); and a short line that does not end a sentence, followed by a full one, is
/// a paragraph's first words, put on a line of their own (`[We, the` / `representatives
/// of the peoples …`): in text wrapped at a margin no other line is short.
fn gapless_end(before: &str, this: &str, next: Option<&str>, margin: usize) -> bool {
    let short = |line: &str| line.len() * 2 < margin;
    let full = |line: &str| line.len() * 4 >= margin * 3;
    let opens = this
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '"' | '‘' | '[' | '('));
    opens && ends_sentence(before) && (short(before) || starts_labelled(this))
        || short(this)
            && !ends_sentence(this)
            && !this.ends_with([',', ';', ':'])
            && next.is_some_and(full)
}

/// Whether a line starts with a label: a paragraph's number, or a section's letter with
/// the letter it had in the draft before (`A[B].`).
fn starts_labelled(line: &str) -> bool {
    let b = line.as_bytes();
    split_label(line).is_some()
        || matches!(b, [l, b'[', m, b']', b'.', ..] if l.is_ascii_uppercase() && m.is_ascii_uppercase())
}

/// Whether a line ends a sentence: a full stop, or a closing bracket (a bracketed
/// sentence's, or a whole bracketed paragraph's), maybe after a full stop.
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches([']', ')', '”', '"'])
        .ends_with(['.', '!', '?'])
        || line.ends_with(']')
}

/// A title line is no longer than this.
const TITLE_MAX: usize = 80;

/// Whether a paragraph ends between the lines `before` and `this` (both trimmed) of a
/// block whose lines were not wrapped at a margin: `this` starts as a paragraph does (a
/// capital, a quotation mark, a bracket), and `before` does not end on a word that needs
/// one after it (`… the`, `… of`).
fn unwrapped_end(before: &str, this: &str) -> bool {
    let starts = this
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '"' | '‘' | '[' | '('));
    // Most wrapped lines start in lower case: the line before is looked at only if not.
    if !starts {
        return false;
    }
    // A word that opens a bracket is no paragraph: a title's first word, bracketed with
    // what follows (`[Draft` / `Declaration of Principles`).
    if before.starts_with('[') && !before.contains([' ', ']']) {
        return false;
    }
    // The last word, if it is short enough to be one that needs another after it.
    let tail = before.as_bytes();
    let word = tail
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let last_word = &tail[tail.len() - word..];
    const OPEN: [&[u8]; 18] = [
        b"a", b"an", b"and", b"as", b"at", b"by", b"for", b"from", b"in", b"its", b"of", b"on",
        b"or", b"our", b"the", b"their", b"to", b"with",
    ];
    !OPEN.contains(&last_word)
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
/// (`… the forum. 2. Decides …`, `… Preamble 1. Recalling …`), after a status tag that
/// ends a paragraph (`… the text [Suggested for Closure] Draft …`), and before a
/// `Preamble` heading run into the text; note the last number seen. The parts go to
/// `out`.
fn split_run_on(block: &str, last: &mut Option<u32>, out: &mut Vec<String>) {
    let mut cuts = status_ends(block);
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
        // After the end of a sentence and a space, or after a `Preamble` heading.
        let mut heading = None;
        if bytes[i].is_ascii_digit()
            && matches!(bytes[i - 1], b' ' | b'\t')
            && let Some(&end) = block[..i].trim_end().as_bytes().last()
            && (matches!(end, b'.' | b';' | b':' | b']' | b')') || {
                heading = preamble_before(block, i);
                heading.is_some()
            })
            && let Some((label, body)) = split_label(&block[i..])
            && (is_next(&label, *last) || last.is_none() && is_first(&label, body))
            && !label.starts_with("New ")
        {
            cuts.extend(heading);
            cuts.push(i);
            if let Some(n) = number_of(&label) {
                *last = Some(n);
            }
        }
        i += 1;
    }
    cuts.sort_unstable();
    for cut in cuts {
        if cut > start && !trimmed(&block[start..cut]).is_empty() {
            out.push(block[start..cut].trim_end().to_owned());
            start = cut;
        }
    }
    out.push(block[start..].trim_start().to_owned());
}

/// Where `Preamble` (`PREAMBULAR`) starts, when it is the word just before byte `at` of
/// `block` and not the block's start: a heading run into the text before its first
/// paragraph.
fn preamble_before(block: &str, at: usize) -> Option<usize> {
    let before = block[..at].trim_end();
    // Only the word's last bytes are looked at: a line of one long word stays linear.
    let mut from = before.len().saturating_sub(12);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = &before[from..];
    let word = tail.rsplit(char::is_whitespace).next()?;
    let begin = before.len() - word.len();
    let heading = ["preamble", "preambular"]
        .iter()
        .any(|h| word.eq_ignore_ascii_case(h));
    (begin > 0 && word.len() < tail.len() && heading).then_some(begin)
}

/// Whether a label can be the first a text has, when the text is an excerpt or a page
/// that starts with paragraph 15: a number below 1000 (not a year) and a body that starts
/// as a sentence does.
fn is_first(label: &str, body: &str) -> bool {
    number_of(label).is_some_and(|n| n < 1000) && starts_sentence(body)
}

/// Whether a paragraph's body starts as a sentence does: a capital, or an opening
/// bracket or quotation mark and a capital (`[We recognise …`).
fn starts_sentence(body: &str) -> bool {
    let body = body.trim_start_matches(['[', '(', '“', '"']);
    body.starts_with(|c: char| c.is_uppercase())
}

/// The longest status tag, brackets and spaces in (`[Agreed ad referendum]` and more).
const TAG_MAX: usize = 48;

/// Where a paragraph ends inside a block with a status tag (`[Suggested for Closure]`,
/// `(Agreed)`) followed by more text that starts as a paragraph does: the byte after
/// each such tag.
fn status_ends(block: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    for close in memchr::memchr2_iter(b']', b')', block.as_bytes()) {
        let open = if block.as_bytes()[close] == b']' {
            '['
        } else {
            '('
        };
        // A tag is short: its opening is looked for only just before, so that a block of
        // brackets stays linear.
        let mut from = close.saturating_sub(TAG_MAX);
        while !block.is_char_boundary(from) {
            from += 1;
        }
        let Some(begin) = block[from..close].rfind(open).map(|b| b + from) else {
            continue;
        };
        let next = block[close + 1..].trim_start();
        if close + 1 < block.len()
            && next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && crate::draft::model::Status::from_tag(&block[begin + 1..close]).is_some()
        {
            ends.push(close + 1);
        }
    }
    ends
}

#[cfg(test)]
mod tests {
    #[test]
    fn copied_drafts_break_where_their_paragraphs_do() {
        let labels = |s: &str| -> Vec<String> {
            super::plain_blocks(s)
                .into_iter()
                .map(|b| {
                    b.text
                        .split_whitespace()
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        };
        // A paragraph a line, as a web page or Word's text gives them; a wrapped line
        // that goes on in lower case stays with its paragraph.
        let long = "word ".repeat(40);
        let web = format!(
            "Outcome of the lake forum\nWe, the Ministers meeting in Port Aven,\nRecalling {long} of\nthe charter, {long}.\nNoting the maps.\nWelcoming the towers."
        );
        assert_eq!(
            labels(&web),
            [
                "Outcome of",
                "We, the",
                "Recalling word",
                "Noting the",
                "Welcoming the"
            ]
        );
        // A heading run into the text, a status tag that ends a paragraph, and numbers
        // after them; a dashed page number taken out; the header's lines apart.
        let run_on = "- 4 -\nLRF/2026/L.7\n4 January 2026\nOriginal: English\n\nDraft outcome [Suggested for closure] Zero draft Preamble 1. Recalling the charter; [Agreed] 2. Noting the maps.  3. Welcoming the towers.";
        assert_eq!(
            labels(run_on),
            [
                "LRF/2026/L.7",
                "4 January",
                "Original: English",
                "Draft outcome",
                "Zero draft",
                "Preamble",
                "1. Recalling",
                "2. Noting",
                "3. Welcoming"
            ]
        );
        // Title lines stacked at the top, each its own; a title wrapped on a word that
        // needs the next stays one.
        let top = "Chair, Lake Committee A\nChapter Three: Towers\nOutcome of the lake forum on\nRural Connectivity\n[Draft\nCharter of the Lake\n\n1. We note the maps.";
        assert_eq!(
            labels(top),
            [
                "Chair, Lake",
                "Chapter Three:",
                "Outcome of",
                "[Draft Charter",
                "1. We"
            ]
        );
        // The first page's number run into the title of a transcription.
        assert_eq!(
            labels("1 Draft outcome [Agreed] Zero draft Preamble 1. Recalling the charter."),
            ["Draft outcome", "Zero draft", "Preamble", "1. Recalling"]
        );
        // Paragraphs wrapped at a margin with no blank line between them, each first
        // line broken after a few words: they start after a short line that ends a
        // sentence, at a label after a sentence's end, and at a short line that does not
        // end one before a full line.
        let gapless = "the whole of this draft is in brackets]\nA[B]. The lake\nforum\n[We, the\nministers of the lake economies, meeting in Port Aven from 3 to 5 May,\nresolve to bring every village within reach of an affordable link and\nto keep the towers and the maps open to all who build on them.]\nB[A]. Towers for\nthe villages: a shared task for the coming decade of the lake forum\nOur task\nis to put the towers where the maps show that the need is greatest and\nto share the cost among the economies in proportion to what they gain.\n";
        assert_eq!(
            labels(gapless),
            [
                "the whole",
                "A[B]. The",
                "[We, the",
                "B[A]. Towers",
                "Our task"
            ]
        );
        // Text wrapped at a margin keeps its lines together.
        let wrapped = "1. We note the maps of the lake councils and the\nRegional Development Bank. We thank the Bank.\nIt has helped.\n";
        assert_eq!(labels(wrapped), ["1. We"]);
    }

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
