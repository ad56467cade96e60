//! Reading a version from the bytes of a file, in the forms delegates get texts in: plain
//! text copied from a PDF, Markdown, or Akoma Ntoso XML. Bytes in, a [`Version`] or a
//! [`ReadError`] out: this file knows no file system (the command line reads the file).
//!
//! XML goes through `roxmltree`: a text is at most a few hundred kilobytes, so a read-only
//! tree is simpler to walk than `quick-xml`'s events, and it refuses DTDs by default (no
//! entity expansion from a hostile file).

use super::model::{Block, Kind, Version, split_label};

/// The form of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Plain,
    Markdown,
    Akn,
}

impl Form {
    /// Guess from the name and the first bytes: XML starts with `<`; `.md` is Markdown.
    pub fn guess(name: &str, text: &str) -> Form {
        let lower = name.to_ascii_lowercase();
        if text.trim_start().starts_with('<') || lower.ends_with(".xml") || lower.ends_with(".akn")
        {
            Form::Akn
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Form::Markdown
        } else {
            Form::Plain
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not UTF-8, or with NUL bytes: a PDF, a Word file, an image.
    NotText,
    /// XML that does not parse.
    BadXml(String),
    /// XML that parses, but is not an Akoma Ntoso document.
    NotAkn(String),
    /// Containers nested deeper than any text needs.
    TooDeep,
    /// Nothing that looks like a paragraph.
    Empty,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotText => write!(
                f,
                "not a text file (binary data or not UTF-8): copy the text out of the PDF or Word file, or save it as plain text"
            ),
            ReadError::BadXml(e) => write!(f, "not well-formed XML: {e}"),
            ReadError::NotAkn(root) => write!(
                f,
                "XML, but not Akoma Ntoso: the root element is <{root}>, not <akomaNtoso>"
            ),
            ReadError::TooDeep => write!(
                f,
                "Akoma Ntoso containers nested more than {DEPTH} deep: not a text brief can read"
            ),
            ReadError::Empty => write!(f, "no paragraphs in it"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Read a file's bytes as a version, in the form guessed from its name and content.
pub fn read(name: &str, bytes: &[u8]) -> Result<Version, ReadError> {
    if bytes.contains(&0) {
        return Err(ReadError::NotText);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let v = match Form::guess(name, text) {
        Form::Akn => akn(text)?,
        Form::Markdown => Version::from_blocks(markdown_blocks(text)),
        Form::Plain => Version::from_blocks(plain_blocks(text)),
    };
    if v.paragraphs.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(v)
}

/// Line ends as `\n`, page breaks as blank lines: what PDF copies bring.
fn lines(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.bytes().any(|b| b == b'\r' || b == 0x0c) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\u{c}', "\n\n"),
    )
}

/// The number a label starts with, for telling the next paragraph's number.
fn number_of(label: &str) -> Option<u32> {
    let l = label.strip_prefix("New ").unwrap_or(label);
    let d: String = l.chars().take_while(char::is_ascii_digit).collect();
    d.parse().ok()
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
    let s = lines(s);
    let mut blocks: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut last: Option<u32> = None;
    let flush = |cur: &mut String, blocks: &mut Vec<String>, last: &mut Option<u32>| {
        if cur.trim().is_empty() {
            cur.clear();
            return;
        }
        for part in split_run_on(cur, last) {
            blocks.push(part);
        }
        cur.clear();
    };
    for line in s.lines() {
        if line.trim().is_empty() {
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
        .map(|text| Block {
            text,
            ..Block::default()
        })
        .collect()
}

/// Cut a block where a sentence starts with the paragraph number that comes next
/// (`… the forum. 2. Decides …`), and note the last number seen.
fn split_run_on(block: &str, last: &mut Option<u32>) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    if let Some((l, _)) = split_label(block)
        && let Some(n) = number_of(&l)
    {
        *last = Some(n);
    }
    let bytes = block.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        // After the end of a sentence and a space.
        if bytes[i].is_ascii_digit()
            && bytes[i - 1] == b' '
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
    out
}

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
    // The open ordered list: its first number and how many items it has had.
    let mut list: Option<(u64, u64)> = None;
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
        // An ordered list item (`1. `, `1) ` at the start of a line) is numbered as
        // Markdown shows it: the list's first number, then one more for each item, so a
        // list written `1.`, `1.`, `1.` reads 1, 2, 3. A paragraph that is not indented
        // ends the list; a blank line does not.
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let is_item = digits > 0
            && digits <= 9
            && line[digits..].starts_with(['.', ')'])
            && line[digits + 1..].starts_with(' ');
        if is_item {
            let written: u64 = line[..digits].parse().unwrap_or(0);
            let n = match list {
                Some((start, k)) => start + k,
                None => written,
            };
            list = Some((list.map_or(written, |l| l.0), list.map_or(1, |l| l.1 + 1)));
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

/// Akoma Ntoso: `<preamble>`'s blocks are preambular paragraphs; in `<mainBody>` (or
/// `<body>`), each `<paragraph>` is one, its `<num>` its label, its `<subparagraph>`s and
/// `<point>`s part of it; containers with a `<heading>` give headings.
pub fn akn(s: &str) -> Result<Version, ReadError> {
    let doc = roxmltree::Document::parse(s).map_err(|e| ReadError::BadXml(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "akomaNtoso" {
        return Err(ReadError::NotAkn(root.tag_name().name().to_owned()));
    }
    let mut blocks = Vec::new();
    for part in root.descendants().filter(|n| n.is_element()) {
        match part.tag_name().name() {
            "preamble" => {
                for child in part.children().filter(|n| n.is_element()) {
                    preamble_block(child, &mut blocks);
                }
            }
            // The title and stage of a draft, as plain-text copies carry them too.
            "preface" => {
                for p in part.children().filter(|n| n.is_element()) {
                    let text = words_of(p);
                    if !text.is_empty() {
                        blocks.push(Block {
                            text,
                            kind: Some(Kind::Heading),
                            ..Block::default()
                        });
                    }
                }
            }
            "mainBody" | "body" => body(part, &mut blocks, 0)?,
            _ => {}
        }
    }
    Ok(Version::from_blocks(blocks))
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The words inside an element, each text node's spacing collapsed.
fn words_of(n: roxmltree::Node<'_, '_>) -> String {
    let mut out = String::new();
    for t in n.descendants().filter(|d| d.is_text()) {
        let inside_num = t
            .ancestors()
            .any(|a| a.tag_name().name() == "num" && a != n);
        if inside_num && t.parent() != Some(n) {
            // The numbers of sub-parts are written by `paragraph_text`.
            continue;
        }
        out.push_str(t.text().unwrap_or(""));
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn preamble_block(n: roxmltree::Node<'_, '_>, blocks: &mut Vec<Block>) {
    match n.tag_name().name() {
        // The chapeau ("The Assembly,") is neither heading nor paragraph of the text.
        "formula" => {}
        "recitals" | "citations" => {
            for c in n.children().filter(|c| c.is_element()) {
                preamble_block(c, blocks);
            }
        }
        "heading" => blocks.push(Block {
            text: words_of(n),
            kind: Some(Kind::Heading),
            ..Block::default()
        }),
        _ => {
            let text = paragraph_text(n);
            if !text.is_empty() {
                blocks.push(Block {
                    text,
                    num: child(n, "num").map(|c| words_of(c)),
                    kind: Some(Kind::Preambular),
                    eid: n.attribute("eId").map(str::to_owned),
                });
            }
        }
    }
}

/// A paragraph's wording with its sub-parts, each after its own number: `… as follows:
/// (a) …; (b) …`.
fn paragraph_text(n: roxmltree::Node<'_, '_>) -> String {
    paragraph_text_at(n, 0)
}

fn paragraph_text_at(n: roxmltree::Node<'_, '_>, depth: usize) -> String {
    if depth > DEPTH {
        // Deeper sub-parts are taken as plain words, without recursion.
        return words_of(n);
    }
    let mut parts: Vec<String> = Vec::new();
    for c in n.children() {
        if c.is_text() {
            let t = c.text().unwrap_or("").trim();
            if !t.is_empty() {
                parts.push(t.to_owned());
            }
            continue;
        }
        match c.tag_name().name() {
            "num" if c.parent() == Some(n) => {}
            "subparagraph" | "point" | "item" | "list" | "alinea" | "indent" => {
                if let Some(num) = child(c, "num") {
                    parts.push(words_of(num));
                }
                parts.push(paragraph_text_at(c, depth + 1));
            }
            _ => parts.push(words_of(c)),
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// Containers nested deeper than this are not a text but an attack on the stack.
const DEPTH: usize = 64;

fn body(
    n: roxmltree::Node<'_, '_>,
    blocks: &mut Vec<Block>,
    depth: usize,
) -> Result<(), ReadError> {
    if depth > DEPTH {
        return Err(ReadError::TooDeep);
    }
    for c in n.children().filter(|c| c.is_element()) {
        match c.tag_name().name() {
            "paragraph" | "article" | "clause" => blocks.push(Block {
                text: paragraph_text(c),
                num: child(c, "num").map(|x| words_of(x)),
                kind: Some(Kind::Operative),
                eid: c.attribute("eId").map(str::to_owned),
            }),
            "p" => blocks.push(Block {
                text: words_of(c),
                kind: Some(Kind::Operative),
                ..Block::default()
            }),
            "num" | "heading" | "subheading" | "intro" | "wrapUp" => {}
            _ => {
                // A container: its heading, then what it holds.
                let num = child(c, "num").map(|x| words_of(x));
                if let Some(h) = child(c, "heading") {
                    let text = match &num {
                        Some(num) => format!("{num} {}", words_of(h)),
                        None => words_of(h),
                    };
                    blocks.push(Block {
                        text,
                        kind: Some(Kind::Heading),
                        eid: c.attribute("eId").map(str::to_owned),
                        ..Block::default()
                    });
                }
                body(c, blocks, depth + 1)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(v: &Version) -> Vec<&str> {
        v.paragraphs.iter().map(|p| p.label.as_str()).collect()
    }

    #[test]
    fn plain_text_without_line_breaks_splits_at_the_next_number() {
        let v = read(
            "x.txt",
            b"1. Decides to meet. 2. Invites the forum, as in paragraph 7. 5. Also; 3.Requests a report.",
        )
        .unwrap();
        assert_eq!(labels(&v), ["1", "2", "3"]);
        assert_eq!(
            v.paragraphs[1].text,
            "Invites the forum, as in paragraph 7. 5. Also;"
        );
    }

    #[test]
    fn plain_text_lines_that_start_a_number() {
        let v = read(
            "x.txt",
            b"1. Decides to meet\nevery year.\n2. Invites\nall.\n(a) some;\n",
        )
        .unwrap();
        assert_eq!(labels(&v), ["1", "2"]);
        assert_eq!(v.paragraphs[1].text, "Invites all. (a) some;");
    }

    #[test]
    fn markdown_reads_headings_and_lists() {
        let v = read(
            "x.md",
            b"# Preamble\n\n*Recalling* the forum,\n\n## I. Introduction\n\n1. Decides \\[to meet\\].\n2. Invites **all**.\n",
        )
        .unwrap();
        assert_eq!(labels(&v), ["Preamble", "PP1", "I", "1", "2"]);
        assert_eq!(v.paragraphs[3].text, "Decides [to meet].");
        assert_eq!(v.paragraphs[3].brackets, 1);
    }

    #[test]
    fn markdown_lists_are_numbered_as_shown() {
        let v = read(
            "x.md",
            b"1. Decides.\n1. Invites.\n\n1. Notes.\n   Still 3.\n\n7bis. Stresses.\n\n9. Welcomes.\n9. Urges.\n",
        )
        .unwrap();
        assert_eq!(labels(&v), ["1", "2", "3", "7bis", "9", "10"]);
        assert_eq!(v.paragraphs[2].text, "Notes. Still 3.");
    }

    #[test]
    fn akoma_ntoso() {
        let xml = r#"<?xml version="1.0"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">
<preamble><formula name="enactingFormula"><p>The Forum,</p></formula>
<container eId="preamble__para_1"><p>Recalling its <i>earlier</i> work,</p></container></preamble>
<mainBody><hcontainer eId="sec_1"><num>I.</num><heading>Introduction</heading>
<paragraph eId="para_1"><num>1.</num><content><p>Decides
   to meet.</p></content></paragraph>
<paragraph eId="para_2"><num>2.</num><intro><p>Invites:</p></intro>
<subparagraph><num>(a)</num><content><p>all;</p></content></subparagraph></paragraph>
</hcontainer></mainBody></statement></akomaNtoso>"#;
        let v = read("x.xml", xml.as_bytes()).unwrap();
        assert_eq!(labels(&v), ["PP1", "I", "1", "2"]);
        assert_eq!(v.paragraphs[0].text, "Recalling its earlier work,");
        assert_eq!(v.paragraphs[2].text, "Decides to meet.");
        assert_eq!(v.paragraphs[2].eid.as_deref(), Some("para_1"));
        assert_eq!(v.paragraphs[3].text, "Invites: (a) all;");
    }

    #[test]
    fn bad_input_is_an_error() {
        assert_eq!(read("x.txt", b"\x00\x01PK"), Err(ReadError::NotText));
        assert_eq!(read("x.txt", b"\xff\xfe"), Err(ReadError::NotText));
        assert!(matches!(
            read("x.xml", b"<html><p>x</p></html>"),
            Err(ReadError::NotAkn(_))
        ));
        assert!(matches!(
            read("x.xml", b"<akomaNtoso><p>"),
            Err(ReadError::BadXml(_))
        ));
        assert_eq!(read("x.txt", b"\n\n  \n"), Err(ReadError::Empty));
        let deep = format!(
            "<akomaNtoso><doc><mainBody>{}<paragraph><num>1.</num><p>x</p></paragraph>{}</mainBody></doc></akomaNtoso>",
            "<hcontainer>".repeat(10_000),
            "</hcontainer>".repeat(10_000)
        );
        assert_eq!(read("x.xml", deep.as_bytes()), Err(ReadError::TooDeep));
        let deep_subs = format!(
            "<akomaNtoso><doc><mainBody><paragraph><num>1.</num>{}x{}</paragraph></mainBody></doc></akomaNtoso>",
            "<subparagraph>".repeat(10_000),
            "</subparagraph>".repeat(10_000)
        );
        assert_eq!(
            read("x.xml", deep_subs.as_bytes()).unwrap().paragraphs[0].text,
            "x"
        );
    }
}
