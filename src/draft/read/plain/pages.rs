//! The pages of a text from `pdftotext`: what is printed on every page but is not the
//! text (running heads, the document symbol, the job number, page numbers), paragraphs a
//! page break cut in two, and footnotes printed at a page's foot.
//!
//! Furniture is told by its form (`A/80/L.41`, `25-18001`, `3/21`, `- 3 -`) and by its
//! repetition: a line at the head or foot of many pages, its digits aside, is a running
//! head or foot. Only the first and last few lines of a page are looked at, so a line of
//! the text itself is never taken for furniture for looking like one.
//!
//! A footnote is a block at a page's foot that starts with a number the page's text calls
//! (`civil society,3`): the call is taken out of the wording and marked, so that the
//! footnote goes to the paragraph the call is in ([`take_calls`]), wherever the reader
//! cuts the paragraphs.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::draft::model::{is_job_number, is_symbol, split_label};

/// Marks a footnote call in the cleaned text: `CALL`, the footnote's index, `CALL_END`.
/// Private-use characters, taken out of the input first, so the text cannot forge one.
const CALL: char = '\u{E000}';
const CALL_END: char = '\u{E001}';

/// How many lines at a page's head and foot may be furniture.
const EDGE: usize = 4;

/// More footnotes than this on one page are not footnotes.
const MAX_NOTES: usize = 60;

/// The text with pages joined and furniture off, and the footnotes its calls index.
/// A text without page breaks comes back as it is (line ends made `\n`).
/// Running heads are told by repetition on two pages or more; on one page, only by form.
pub fn clean(s: &str) -> (Cow<'_, str>, Vec<String>) {
    // Most texts have no page, no carriage return and no mark of ours: read as they are,
    // but for the running heads a text copied from a PDF viewer repeats.
    // (0xEE leads the UTF-8 of both marks; a byte search, not a char by char one.)
    if memchr::memchr3(0x0c, b'\r', 0xee, s.as_bytes()).is_none() {
        return (heads_off(s), Vec::new());
    }
    let s: String = s
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c != CALL && c != CALL_END)
        .collect();
    let pages: Vec<Vec<&str>> = s
        .split('\u{c}')
        .map(|p| p.lines().collect::<Vec<_>>())
        .filter(|p: &Vec<&str>| p.iter().any(|l| !l.trim().is_empty()))
        .collect();
    // pdftotext ends every page with a form feed, a one-page text too: without one, the
    // text was not laid out in pages, and only its repeated heads are furniture.
    if !s.contains('\u{c}') {
        return (Cow::Owned(heads_off(&s).into_owned()), Vec::new());
    }
    let repeated = repeated_edges(&pages);
    let is_furniture = |line: &str| by_form(line) || repeated.contains_key(&shape(line));
    let mut notes: Vec<String> = Vec::new();
    let mut out = String::with_capacity(s.len());
    for page in &pages {
        let mut lines: Vec<&str> = page.clone();
        trim_edge(&mut lines, &is_furniture, true);
        trim_edge(&mut lines, &is_furniture, false);
        let body = footnotes_off(&mut lines, &mut notes);
        let body = body.trim_matches('\n');
        if body.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if continues(&out, body) { "\n" } else { "\n\n" });
        }
        out.push_str(body);
    }
    (Cow::Owned(out), notes)
}

/// A line with its digits as `#` and its spaces as one: a running head or foot looks the
/// same on every page but for the page number.
fn shape(line: &str) -> String {
    let mut out = String::new();
    for w in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }));
    }
    out
}

/// The shapes of lines found among the first and last [`EDGE`] lines of at least half
/// the pages (and at least two).
fn repeated_edges(pages: &[Vec<&str>]) -> HashMap<String, usize> {
    let mut count: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let filled: Vec<&str> = page
            .iter()
            .copied()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let mut seen: Vec<String> = Vec::new();
        let head = filled.iter().take(EDGE);
        let foot = filled.iter().rev().take(EDGE);
        for l in head.chain(foot) {
            let s = shape(l);
            // A long line is text, however often it comes back.
            if s.len() <= 80 && !seen.contains(&s) {
                seen.push(s);
            }
        }
        for s in seen {
            *count.entry(s).or_default() += 1;
        }
    }
    let need = (pages.len() / 2).max(2);
    count.retain(|_, n| *n >= need);
    count
}

/// A running head is no longer than this.
const HEAD_MAX: usize = 100;

/// How often a line must come back to be a running head in a text without pages.
const HEAD_TIMES: u32 = 3;

/// A text copied from a PDF viewer has no form feeds, but each page's running head is
/// still in it (`Outcome document of the high-level meeting …`, `A/RES/70/125`), cutting
/// a paragraph where a page broke. A short line that is not the end of a sentence or a
/// clause and comes back [`HEAD_TIMES`] times or more, the same, is such a head: taken
/// out, so that the paragraph it cut is one again. A symbol counts from twice. A text
/// without a symbol anywhere is taken to have no heads.
fn heads_off(s: &str) -> Cow<'_, str> {
    let candidate = |l: &str| {
        let t = l.trim();
        // Not a status tag on a line of its own (`[Agreed]`): the paragraph's, not the
        // page's.
        !t.is_empty()
            && t.len() <= HEAD_MAX
            && !t.ends_with(['.', ',', ';', ':'])
            && !t.starts_with(['[', '('])
    };
    // A running head holds the document's symbol (`A/RES/70/125`): a text without a `/`
    // has none, and is passed over at memchr's speed (every version read comes here).
    if memchr::memchr(b'/', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for l in s.lines().filter(|l| candidate(l)) {
        *seen.entry(l.trim()).or_default() += 1;
    }
    let head = |t: &str| {
        seen.get(t)
            .is_some_and(|&n| n >= HEAD_TIMES || n >= 2 && is_symbol(t))
    };
    if !seen.keys().any(|t| head(t)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for l in s.lines() {
        if !head(l.trim()) {
            out.push_str(l);
            out.push('\n');
        }
    }
    Cow::Owned(out)
}

/// Furniture by its form alone: each part of the line (parts are apart by two spaces or
/// more, as `pdftotext -layout` sets a head's left and right) a page number, a document
/// symbol or a job number.
fn by_form(line: &str) -> bool {
    let parts: Vec<&str> = line
        .split("  ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    !parts.is_empty()
        && parts
            .iter()
            .all(|p| is_page_number(p) || is_symbol(p) || is_job_number(p))
}

/// `3`, `3/21`, `- 3 -`, `Page 3`, `Page 3 of 21`.
fn is_page_number(p: &str) -> bool {
    let p = p.trim();
    let p = p
        .strip_prefix("Page ")
        .or_else(|| p.strip_prefix("page "))
        .unwrap_or(p);
    let p = p
        .strip_prefix('-')
        .and_then(|r| r.strip_suffix('-'))
        .map_or(p, str::trim);
    let numbers: Vec<&str> = p
        .split(['/', ' '])
        .filter(|x| !x.is_empty() && *x != "of")
        .collect();
    (1..=2).contains(&numbers.len())
        && numbers
            .iter()
            .all(|n| n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Take furniture off a page's head (or foot): blank lines and up to [`EDGE`] lines of
/// furniture. Cut once at the end, so that a page of a million blank lines is one pass.
fn trim_edge(lines: &mut Vec<&str>, is_furniture: &dyn Fn(&str) -> bool, head: bool) {
    let mut taken = 0;
    let mut cut = 0;
    let n = lines.len();
    while cut < n {
        let line = if head { lines[cut] } else { lines[n - 1 - cut] };
        let blank = line.trim().is_empty();
        if !blank && (taken >= EDGE || !is_furniture(line)) {
            break;
        }
        taken += usize::from(!blank);
        cut += 1;
    }
    if head {
        lines.drain(..cut);
    } else {
        lines.truncate(n - cut);
    }
}

/// `3 See resolution …`: the number a footnote starts with (no full stop after it, which
/// a paragraph's number has).
fn note_number(line: &str) -> Option<u32> {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &t[digits..];
    let after = rest.trim_start();
    (rest.len() > after.len() && !after.is_empty() && split_label(t).is_none())
        .then(|| t[..digits].parse().ok())
        .flatten()
}

/// Take the footnotes off a page's foot: the blocks at the bottom (apart by blank lines,
/// or below a rule of underscores) that start with a number the rest of the page calls.
/// Their calls are marked in what is returned: the page's text.
fn footnotes_off(lines: &mut Vec<&str>, notes: &mut Vec<String>) -> String {
    let rule = lines.iter().rposition(|l| {
        let t = l.trim();
        t.len() >= 5 && t.bytes().all(|b| b == b'_')
    });
    let start = match rule {
        Some(r) => Some(r),
        None => foot_blocks_start(lines),
    };
    let Some(start) = start else {
        return lines.join("\n");
    };
    let below = if rule.is_some() { start + 1 } else { start };
    // Footnotes by number, in order.
    let mut found: Vec<(u32, String)> = Vec::new();
    for line in &lines[below..] {
        if line.trim().is_empty() {
            continue;
        }
        match note_number(line) {
            Some(n) if found.len() < MAX_NOTES => {
                let t = line.trim_start();
                let rest = t[t.bytes().take_while(u8::is_ascii_digit).count()..].trim();
                found.push((n, rest.to_owned()));
            }
            _ => match found.last_mut() {
                Some((_, text)) => {
                    text.push('\n');
                    text.push_str(line.trim());
                }
                None => return lines.join("\n"),
            },
        }
    }
    if found.is_empty() {
        return lines.join("\n");
    }
    let body = lines[..start].join("\n");
    let mut index: HashMap<u32, usize> = HashMap::new();
    for (n, text) in found {
        index.insert(n, notes.len());
        notes.push(crate::draft::model::join_lines(&text));
    }
    mark_calls(&body, &mut index)
}

/// Where the footnote blocks at a page's foot start: the last blocks of lines (apart by
/// blank lines) whose first line starts with a number the lines above them call.
fn foot_blocks_start(lines: &[&str]) -> Option<usize> {
    let mut end = lines.len();
    let mut start = None;
    // At most a few blocks: footnotes are few, and each test reads the page once.
    for _ in 0..8 {
        while end > 0 && lines[end - 1].trim().is_empty() {
            end -= 1;
        }
        let mut first = end;
        while first > 0 && !lines[first - 1].trim().is_empty() {
            first -= 1;
        }
        if first == end || first == 0 {
            break;
        }
        let Some(n) = note_number(lines[first]) else {
            break;
        };
        let above = lines[..first].join("\n");
        if !has_call(&above, n) {
            break;
        }
        start = Some(first);
        end = first;
    }
    start
}

/// Whether `n` is glued to the end of a word or mark in `text` (`society,3`).
fn has_call(text: &str, n: u32) -> bool {
    calls(text).any(|(_, m)| m == n)
}

/// The footnote calls in a text: a number of one to three digits glued after a letter or
/// closing mark and followed by no digit; its byte range and value.
fn calls(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, u32)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let start = i;
            if b[i].is_ascii_digit() {
                let end = start + b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
                i = end;
                let before = text[..start].chars().next_back();
                let glued = before.is_some_and(|c| {
                    c.is_alphabetic() || matches!(c, ',' | '.' | ';' | ':' | ')' | '”' | '’' | '"')
                });
                let after_ok = b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
                if glued
                    && after_ok
                    && end - start <= 3
                    && let Ok(n) = text[start..end].parse()
                {
                    return Some((start..end, n));
                }
            } else {
                i += 1;
            }
        }
        None
    })
}

/// The text with the first call of each footnote in `index` marked (the call's digits
/// taken out of the wording).
fn mark_calls(text: &str, index: &mut HashMap<u32, usize>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (range, n) in calls(text).collect::<Vec<_>>() {
        if let Some(k) = index.remove(&n) {
            out.push_str(&text[from..range.start]);
            out.push(CALL);
            out.push_str(&k.to_string());
            out.push(CALL_END);
            from = range.end;
        }
    }
    out.push_str(&text[from..]);
    out
}

/// Whether the text after a page break goes on with the paragraph before it: it starts
/// in lower case, or the paragraph had not ended (no closing mark) and the next page does
/// not start a numbered paragraph.
fn continues(before: &str, after: &str) -> bool {
    let last = before.trim_end();
    let next = after.trim_start();
    next.starts_with(|c: char| c.is_lowercase())
        || (!last.ends_with(['.', ',', ';', ':', '!', '?']) && split_label(next).is_none())
}

/// A block's text with its footnote calls taken out, and the footnotes they call.
pub fn take_calls(text: String, notes: &[String]) -> (String, Vec<String>) {
    if notes.is_empty() || !text.contains(CALL) {
        return (text, Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(CALL) {
        out.push_str(&rest[..at]);
        let after = &rest[at + CALL.len_utf8()..];
        let end = after.find(CALL_END).unwrap_or(after.len());
        if let Some(note) = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|k| notes.get(k))
        {
            found.push(note.clone());
        }
        rest = after.get(end + CALL_END.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_a_pdf_viewer_copied_are_taken_out() {
        let head = "Outcome of the lake forum on the review of rural connectivity\nLRF/RES/7/12\n";
        let text = format!(
            "{head}14. We note the maps.\n15. We welcome the towers built in the hill\n{head}villages and on the lake.\n[Agreed]\n16. We thank the councils.\n{head}17. We close.\n[Agreed]\n"
        );
        let (clean, notes) = clean(&text);
        assert!(notes.is_empty());
        assert_eq!(
            clean,
            "14. We note the maps.\n15. We welcome the towers built in the hill\nvillages and on the lake.\n[Agreed]\n16. We thank the councils.\n17. We close.\n[Agreed]\n"
        );
        // Twice is not a running head (a heading and its line in the contents), but for a
        // symbol.
        let twice = "Follow-up\n1. We meet.\nFollow-up\n2. We part.\n";
        assert_eq!(clean_of(twice), twice);
    }

    fn clean_of(s: &str) -> String {
        clean(s).0.into_owned()
    }

    #[test]
    fn furniture_by_form() {
        for l in [
            "A/80/L.41",
            "3/21",
            "- 3 -",
            "25-18001",
            "A/80/L.41                        3/21",
            "Page 4 of 9",
        ] {
            assert!(by_form(l), "{l}");
        }
        for l in ["We recall.", "2025 was long", "1. Decides"] {
            assert!(!by_form(l), "{l}");
        }
    }

    #[test]
    fn calls_are_glued_numbers() {
        let c: Vec<u32> = calls("the society,3 of 2025 and G7 forum.12 x")
            .map(|c| c.1)
            .collect();
        assert_eq!(c, [3, 7, 12]);
    }

    #[test]
    fn pages_join_and_lose_their_furniture() {
        let s = "A/80/L.41\n\n1. We note the work of the\n\n1/2\n\u{c}A/80/L.41\n\nforum in every region,1 and more.\n\n2. We decide.\n\n1 Our own invented note.\n\n2/2\n\u{c}";
        let (text, notes) = clean(s);
        assert_eq!(notes, ["Our own invented note."]);
        let (t, f) = take_calls(text.into_owned(), &notes);
        assert_eq!(
            t,
            "1. We note the work of the\nforum in every region, and more.\n\n2. We decide."
        );
        assert_eq!(f, ["Our own invented note."]);
    }
}
