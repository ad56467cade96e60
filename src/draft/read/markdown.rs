//! Markdown: `#` headings, paragraphs, list items.

use super::lines;
use crate::draft::model::{Block, Kind, split_label};

/// Markdown: `#` headings, blank-line paragraphs, list items; emphasis and escapes taken
/// off (they are layout, not wording).
pub fn markdown_blocks(s: &str) -> Vec<Block> {
    let s = lines(s);
    let mut blocks: Vec<Block> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, blocks: &mut Vec<Block>| {
        if !cur.trim().is_empty() {
            blocks.push(Block {
                text: std::mem::take(cur),
                ..Block::default()
            });
        }
        cur.clear();
    };
    let mut in_comment = false;
    // The open ordered list: the number its last item was given.
    let mut list: Option<u64> = None;
    for line in s.lines() {
        let t = line.trim_start();
        if in_comment {
            in_comment = !t.contains("-->");
            continue;
        }
        if t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        let t = t.strip_prefix("> ").unwrap_or(t);
        if t.trim().is_empty() {
            flush(&mut cur, &mut blocks);
            continue;
        }
        if t.starts_with('#') {
            flush(&mut cur, &mut blocks);
            list = None;
            blocks.push(Block {
                text: unmark(t.trim_start_matches('#').trim()),
                kind: Some(Kind::Heading),
                ..Block::default()
            });
            continue;
        }
        let item = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| t.strip_prefix("+ "));
        if let Some(rest) = item {
            flush(&mut cur, &mut blocks);
            cur.push_str(&unmark(rest));
            cur.push('\n');
            continue;
        }
        let mut un = unmark(t);
        // An ordered list item (`1. `, `1) ` at the start of a line) keeps the number the
        // source gives it where that number goes up (5, 9, 12: drafts skip the numbers
        // of deleted paragraphs); a number that does not (`1.`, `1.`, `1.`, Markdown's
        // lazy numbering) is the one before it plus one, as Markdown shows it. A
        // paragraph that is not indented ends the list; a blank line does not.
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let is_item = digits > 0
            && digits <= 9
            && line[digits..].starts_with(['.', ')'])
            && line[digits + 1..].starts_with(' ');
        if is_item {
            let written: u64 = line[..digits].parse().unwrap_or(0);
            let n = match list {
                Some(last) if written > last => written,
                Some(last) => last + 1,
                None => written,
            };
            list = Some(n);
            if n != written {
                un = format!("{n}.{}", &t[digits + 1..]);
                un = unmark(&un);
            }
        } else if !line.starts_with(' ') && cur.is_empty() {
            list = None;
        }
        if !cur.is_empty()
            && split_label(&un).is_some()
            && un
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || c == '(')
        {
            flush(&mut cur, &mut blocks);
        }
        cur.push_str(&un);
        cur.push('\n');
    }
    flush(&mut cur, &mut blocks);
    blocks
}

/// Markdown's emphasis and backslash escapes off a line.
fn unmark(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(&n) = chars.peek()
                    && n.is_ascii_punctuation()
                {
                    out.push(n);
                    chars.next();
                } else {
                    out.push(c);
                }
            }
            '*' | '`' => {}
            '_' if chars.peek() == Some(&'_') => {
                chars.next();
            }
            c => out.push(c),
        }
    }
    out
}
