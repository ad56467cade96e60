//! Akoma Ntoso XML, through `roxmltree`: a text is at most a few hundred kilobytes, so a
//! read-only tree is simpler to walk than `quick-xml`'s events, and it refuses DTDs by
//! default (no entity expansion from a hostile file).
//!
//! A hostile file must cost no more than its size. Three checks come before any walk:
//! [`prescan`] refuses, before roxmltree sees the text, what roxmltree itself does
//! quadratically (it compares an element's attributes pairwise, and each namespace
//! declaration with those in scope) and more nodes than a text has; then
//! [`check_depth`] refuses elements nested deeper than [`DEPTH`], on one count over the
//! whole tree. After them, every walk below recurses at most `DEPTH` deep and looks at
//! each node a bounded number of times, writing into one buffer.

use super::ReadError;
use crate::draft::model::{Block, Kind, Version};

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

/// Elements nested deeper than this are not a text but an attack on the stack. A
/// resolution nests a dozen deep (akomaNtoso, doc, mainBody, hcontainer, paragraph,
/// subparagraph, content, p, i).
pub(super) const DEPTH: usize = 64;

/// An Akoma Ntoso element has a handful of attributes (eId, wId, name, refersTo…);
/// roxmltree's duplicate check costs the square of this, for each element.
pub(super) const ATTRIBUTES: usize = 256;

/// Namespace declarations (`xmlns`, `xmlns:x`) in a whole file. A text declares one to
/// three, on its root; roxmltree's cost grows with the square of how many are in scope
/// where one is declared.
pub(super) const NAMESPACES: usize = 64;

/// Elements, texts, comments and processing instructions in a whole file: about twice
/// what the largest Akoma Ntoso text under the default 8 MiB file size has, and a bound on
/// the tree's memory (some 80 bytes a node) whatever size the user allows.
pub(super) const NODES: usize = 1_000_000;

/// Akoma Ntoso: `<preamble>`'s blocks are preambular paragraphs; in `<mainBody>` (or
/// `<body>`), each `<paragraph>` is one, its `<num>` its label, its `<subparagraph>`s and
/// `<point>`s part of it; containers with a `<heading>` give headings.
pub fn akn(s: &str) -> Result<Version, ReadError> {
    prescan(s)?;
    let options = roxmltree::ParsingOptions {
        // The document's own root node is one more; `prescan` has counted the others.
        nodes_limit: NODES as u32 + 1,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(s, options).map_err(|e| {
        // Its messages quote the byte it did not expect, which may be a control.
        ReadError::BadXml(crate::brief::text::neutralise(&e.to_string()).into_owned())
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "akomaNtoso" {
        return Err(ReadError::NotAkn(
            crate::brief::text::neutralise(root.tag_name().name()).into_owned(),
        ));
    }
    check_depth(&doc)?;
    let mut blocks = Vec::new();
    parts(root, false, &mut blocks);
    Ok(Version::from_blocks(blocks))
}

/// Line and column (in characters, from 1) of byte `at` of `s`, counted as roxmltree
/// counts them, so that its positions and ours agree.
fn position(s: &str, at: usize) -> (usize, usize) {
    let before = &s.as_bytes()[..at];
    let line = 1 + memchr::memchr_iter(b'\n', before).count();
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let column = 1 + s[line_start..at].chars().count();
    (line, column)
}

/// A count over the whole file, and where it first went over its limit.
struct Tally {
    count: usize,
    limit: usize,
    over: Option<usize>,
}

impl Tally {
    fn new(limit: usize) -> Tally {
        Tally {
            count: 0,
            limit,
            over: None,
        }
    }

    /// One more, at byte `at`.
    fn add(&mut self, at: usize) {
        self.count += 1;
        if self.count > self.limit && self.over.is_none() {
            self.over = Some(at);
        }
    }
}

/// One pass over the text's bytes, before it is parsed: refuse an element with more than
/// [`ATTRIBUTES`] attributes, more than [`NAMESPACES`] namespace declarations, or more
/// than [`NODES`] nodes, at the first place one is too many (with the totals counted to
/// the end, so the message says how far over it is).
///
/// It reads markup as roxmltree's tokenizer does (comments, CDATA, processing
/// instructions, quoted attribute values), so the two agree on every tag up to the first
/// thing roxmltree refuses; roxmltree stops there, so what this pass makes of the rest
/// does not matter, and it stops too where it cannot follow (a `<!DOCTYPE`, which
/// roxmltree refuses where it stands; a tag that does not end). It may count a few nodes
/// roxmltree does not make (the XML declaration, blank lines around the root element),
/// never fewer.
fn prescan(s: &str) -> Result<(), ReadError> {
    prescan_with(s, NAMESPACES)
}

/// [`prescan`] with another limit on namespace declarations: the Word reader shares it,
/// and a Word part declares a few dozen namespaces on its root and more on each drawing.
pub(super) fn prescan_with(s: &str, namespace_limit: usize) -> Result<(), ReadError> {
    let b = s.as_bytes();
    let mut nodes = Tally::new(NODES);
    let mut namespaces = Tally::new(namespace_limit);
    // The first element with too many attributes, and how many it has.
    let mut attributes: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < b.len() {
        let Some(lt) = memchr::memchr(b'<', &b[i..]) else {
            nodes.add(i);
            break;
        };
        if lt > 0 {
            nodes.add(i);
        }
        let at = i + lt;
        let rest = &b[at..];
        let end = if rest.starts_with(b"<!--") {
            nodes.add(at);
            memchr::memmem::find(&rest[4..], b"-->").map(|e| at + 4 + e + 3)
        } else if rest.starts_with(b"<![CDATA[") {
            nodes.add(at);
            memchr::memmem::find(&rest[9..], b"]]>").map(|e| at + 9 + e + 3)
        } else if rest.starts_with(b"<!") {
            None
        } else if rest.starts_with(b"<?") {
            nodes.add(at);
            memchr::memmem::find(&rest[2..], b"?>").map(|e| at + 2 + e + 2)
        } else if rest.starts_with(b"</") {
            memchr::memchr(b'>', rest).map(|e| at + e + 1)
        } else {
            nodes.add(at);
            let (len, count) = start_tag(rest, at, &mut namespaces);
            if count > ATTRIBUTES && attributes.is_none() {
                attributes = Some((at, count));
            }
            len.map(|len| at + len)
        };
        match end {
            Some(end) => i = end,
            None => break,
        }
    }
    let mut over: Vec<(usize, ReadError)> = Vec::new();
    if let Some((at, count)) = attributes {
        let (line, column) = position(s, at);
        over.push((
            at,
            ReadError::TooManyAttributes {
                line,
                column,
                count,
            },
        ));
    }
    if let Some(at) = namespaces.over {
        let (line, column) = position(s, at);
        let count = namespaces.count;
        over.push((
            at,
            ReadError::TooManyNamespaces {
                line,
                column,
                count,
                limit: namespace_limit,
            },
        ));
    }
    if let Some(at) = nodes.over {
        let (line, column) = position(s, at);
        let count = nodes.count;
        over.push((
            at,
            ReadError::TooManyNodes {
                line,
                column,
                count,
            },
        ));
    }
    match over.into_iter().min_by_key(|(at, _)| *at) {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// The start tag at the beginning of `b` (its `<`, at byte `at` of the file): its length
/// to its `>` (`None` if it does not end) and how many attributes it has, its namespace
/// declarations added to `namespaces`. An attribute is a name, `=` and a quoted value, so
/// each `=` outside quotes is one; a namespace declaration is one named `xmlns` or
/// `xmlns:…` (or `…:xmlns`, which roxmltree reads as `xmlns`).
fn start_tag(b: &[u8], at: usize, namespaces: &mut Tally) -> (Option<usize>, usize) {
    let mut attributes = 0;
    // The last name read, and the start of the one being read.
    let mut name = 0..0;
    let mut name_start: Option<usize> = None;
    let mut j = 1;
    while j < b.len() {
        let c = b[j];
        if matches!(c, b'>' | b'=' | b'"' | b'\'') || c.is_ascii_whitespace() {
            if let Some(start) = name_start.take() {
                name = start..j;
            }
        } else if name_start.is_none() {
            name_start = Some(j);
        }
        match c {
            b'>' => return (Some(j + 1), attributes),
            b'=' => {
                attributes += 1;
                let n = &b[name.clone()];
                if n == b"xmlns" || n.starts_with(b"xmlns:") || n.ends_with(b":xmlns") {
                    namespaces.add(at + name.start);
                }
                name = 0..0;
            }
            // A value runs to its closing quote; roxmltree refuses a `<` in it.
            b'"' | b'\'' => match memchr::memchr2(c, b'<', &b[j + 1..]) {
                Some(e) if b[j + 1 + e] == c => j += e + 1,
                _ => return (None, attributes),
            },
            _ => {}
        }
        j += 1;
    }
    (None, attributes)
}

/// Refuse a tree with an element nested deeper than [`DEPTH`], naming the first such
/// element and the deepest nesting. One pass: nodes come in document order, each after
/// its parent, so each node's depth is its parent's plus one.
pub(super) fn check_depth(doc: &roxmltree::Document<'_>) -> Result<(), ReadError> {
    let mut depths: Vec<u32> = Vec::new();
    let mut first_too_deep: Option<Node<'_, '_>> = None;
    let mut deepest = 0;
    for n in doc.descendants() {
        let depth = n.parent().map_or(0, |p| depths[p.id().get_usize()] + 1);
        let id = n.id().get_usize();
        if id >= depths.len() {
            depths.resize(id + 1, 0);
        }
        depths[id] = depth;
        if n.is_element() {
            deepest = deepest.max(depth);
            if depth as usize > DEPTH && first_too_deep.is_none() {
                first_too_deep = Some(n);
            }
        }
    }
    match first_too_deep {
        Some(n) => {
            let (line, column) = position(doc.input_text(), n.range().start);
            Err(ReadError::TooDeep {
                line,
                column,
                depth: deepest as usize,
            })
        }
        None => Ok(()),
    }
}

// The walks below pass down `under_num`: whether an ancestor of the node they are given
// (not the node itself) is a `<num>`. Words inside a `<num>` are a sub-part's number,
// written once where the sub-part is (see `paragraph_into`), so the words of other
// elements leave out what is nested in one; knowing it from above saves looking up the
// ancestors of every text.

fn is_num(n: Node<'_, '_>) -> bool {
    n.tag_name().name() == "num"
}

/// The parts of the document under `n` that hold its text, each read once: what is inside
/// a part is the part's to read.
fn parts(n: Node<'_, '_>, under_num: bool, blocks: &mut Vec<Block>) {
    let under_num = under_num || is_num(n);
    for part in n.children().filter(Node::is_element) {
        match part.tag_name().name() {
            "preamble" => {
                for child in part.children().filter(Node::is_element) {
                    preamble_block(child, under_num, blocks);
                }
            }
            // The title and stage of a draft, as plain-text copies carry them too.
            "preface" => {
                for p in part.children().filter(Node::is_element) {
                    let text = words_of(p, under_num);
                    if !text.is_empty() {
                        blocks.push(Block {
                            text,
                            kind: Some(Kind::Heading),
                            ..Block::default()
                        });
                    }
                }
            }
            "mainBody" | "body" => body(part, under_num, blocks),
            _ => parts(part, under_num, blocks),
        }
    }
}

/// An element's `eId`, neutralised as every string from a file is: an attribute may hold
/// any character XML allows, C1 controls among them.
fn eid(n: Node<'_, '_>) -> Option<String> {
    n.attribute("eId")
        .map(|e| crate::brief::text::neutralise(e).into_owned())
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The words of a run of text nodes, as if joined and then split at whitespace and joined
/// with single spaces: written into `out` as they come, not gathered first.
struct Words<'o> {
    out: &'o mut String,
    /// Where these words start in `out`: no space before the first.
    start: usize,
    /// Whitespace seen since the last word.
    space: bool,
}

impl Words<'_> {
    fn push(&mut self, text: &str) {
        for (k, word) in text.split(char::is_whitespace).enumerate() {
            self.space |= k > 0;
            if !word.is_empty() {
                if self.space && self.out.len() > self.start {
                    self.out.push(' ');
                }
                self.space = false;
                self.out.push_str(word);
            }
        }
    }
}

/// The words inside an element, spacing collapsed.
fn words_of(n: Node<'_, '_>, under_num: bool) -> String {
    let mut out = String::new();
    words_into(n, under_num, &mut out);
    out
}

/// [`words_of`] written into `out`: the texts right inside `n`, and those deeper unless a
/// `<num>` holds them.
fn words_into(n: Node<'_, '_>, under_num: bool, out: &mut String) {
    let start = out.len();
    let mut words = Words {
        out,
        start,
        space: false,
    };
    for c in n.children() {
        if c.is_text() {
            words.push(c.text().unwrap_or(""));
        } else if c.is_element() {
            texts_below(c, under_num || is_num(c), &mut words);
        }
    }
}

fn texts_below(n: Node<'_, '_>, in_num: bool, words: &mut Words<'_>) {
    for c in n.children() {
        if c.is_text() {
            if !in_num {
                words.push(c.text().unwrap_or(""));
            }
        } else if c.is_element() {
            texts_below(c, in_num || is_num(c), words);
        }
    }
}

/// Write one part of a paragraph into `out` with `write`, after a space if `out` holds
/// words already; a part with no words leaves `out` as it was.
fn part(out: &mut String, write: impl FnOnce(&mut String)) {
    let before = out.len();
    if before > 0 {
        out.push(' ');
    }
    let start = out.len();
    write(out);
    if out.len() == start {
        out.truncate(before);
    }
}

fn preamble_block(n: Node<'_, '_>, under_num: bool, blocks: &mut Vec<Block>) {
    match n.tag_name().name() {
        // The chapeau ("The Assembly,") is neither heading nor paragraph of the text.
        "formula" => {}
        "recitals" | "citations" => {
            for c in n.children().filter(Node::is_element) {
                preamble_block(c, under_num, blocks);
            }
        }
        "heading" => blocks.push(Block {
            text: words_of(n, under_num),
            kind: Some(Kind::Heading),
            ..Block::default()
        }),
        _ => {
            let text = paragraph_text(n, under_num);
            if !text.is_empty() {
                blocks.push(Block {
                    text,
                    num: child(n, "num").map(|c| words_of(c, under_num || is_num(n))),
                    kind: Some(Kind::Preambular),
                    eid: eid(n),
                    ..Block::default()
                });
            }
        }
    }
}

/// A paragraph's wording with its sub-parts, each after its own number: `… as follows:
/// (a) …; (b) …`.
fn paragraph_text(n: Node<'_, '_>, under_num: bool) -> String {
    let mut out = String::new();
    paragraph_into(n, under_num, &mut out);
    out
}

/// [`paragraph_text`] written into `out`: its parts one after the other, a space
/// between each two.
fn paragraph_into(n: Node<'_, '_>, under_num: bool, out: &mut String) {
    let under_num = under_num || is_num(n);
    for c in n.children() {
        if c.is_text() {
            let t = c.text().unwrap_or("").trim();
            part(out, |out| out.push_str(t));
            continue;
        }
        if !c.is_element() {
            continue;
        }
        match c.tag_name().name() {
            "num" => {}
            "subparagraph" | "point" | "item" | "list" | "alinea" | "indent" => {
                if let Some(num) = child(c, "num") {
                    part(out, |out| words_into(num, under_num, out));
                }
                paragraph_into(c, under_num, out);
            }
            _ => part(out, |out| words_into(c, under_num, out)),
        }
    }
}

fn body(n: Node<'_, '_>, under_num: bool, blocks: &mut Vec<Block>) {
    let under_num = under_num || is_num(n);
    for c in n.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "paragraph" | "article" | "clause" => blocks.push(Block {
                text: paragraph_text(c, under_num),
                num: child(c, "num").map(|x| words_of(x, under_num)),
                kind: Some(Kind::Operative),
                eid: eid(c),
                ..Block::default()
            }),
            "p" => blocks.push(Block {
                text: words_of(c, under_num),
                kind: Some(Kind::Operative),
                ..Block::default()
            }),
            "num" | "heading" | "subheading" | "intro" | "wrapUp" => {}
            _ => {
                // A container: its heading, then what it holds.
                let num = child(c, "num").map(|x| words_of(x, under_num));
                if let Some(h) = child(c, "heading") {
                    let text = match &num {
                        Some(num) => format!("{num} {}", words_of(h, under_num)),
                        None => words_of(h, under_num),
                    };
                    blocks.push(Block {
                        text,
                        kind: Some(Kind::Heading),
                        eid: eid(c),
                        ..Block::default()
                    });
                }
                body(c, under_num, blocks);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first line and column of byte `at` in a text of one line.
    fn at(s: &str, byte: usize) -> (usize, usize) {
        assert!(!s[..byte].contains('\n'));
        (1, byte + 1)
    }

    /// `prefix`, `open` `n` times, `inner`, `close` `n` times, `suffix`; and where the
    /// `k`-th tag opened after `prefix` starts.
    fn nested(
        prefix: &str,
        open: &str,
        inner: &str,
        close: &str,
        suffix: &str,
        n: usize,
        k: usize,
    ) -> (String, usize) {
        let s = format!(
            "{prefix}{}{inner}{}{suffix}",
            open.repeat(n),
            close.repeat(n)
        );
        let after = &s[prefix.len()..];
        let (i, _) = after
            .match_indices('<')
            .filter(|(i, _)| !after[i + 1..].starts_with('/'))
            .nth(k - 1)
            .unwrap();
        (s, prefix.len() + i)
    }

    fn too_deep(s: &str, byte: usize, depth: usize) -> ReadError {
        let (line, column) = at(s, byte);
        ReadError::TooDeep {
            line,
            column,
            depth,
        }
    }

    const PREAMBLE: &str = "<akomaNtoso><statement name=\"r\"><preamble>";
    const PREAMBLE_END: &str = "</preamble><mainBody><paragraph><num>1.</num><content><p>Decides.</p></content></paragraph></mainBody></statement></akomaNtoso>";
    const BODY: &str = "<akomaNtoso><statement name=\"r\"><mainBody><paragraph><num>1.</num>";
    const BODY_END: &str = "</paragraph></mainBody></statement></akomaNtoso>";

    #[test]
    fn the_depth_limit_is_one_count_over_the_whole_file_with_the_place_it_is_passed() {
        // akomaNtoso, doc, mainBody, then `k` containers, then a paragraph and its num.
        let text = |k: usize| {
            format!(
                "<akomaNtoso>\n<doc>\n<mainBody>\n{}<paragraph><num>1.</num>x</paragraph>{}</mainBody></doc></akomaNtoso>",
                "<hcontainer>\n".repeat(k),
                "</hcontainer>".repeat(k)
            )
        };
        let v = akn(&text(DEPTH - 5)).unwrap();
        assert_eq!(v.paragraphs[0].text, "x");
        // One element deeper is refused, at the `<num>` that is 65 deep.
        assert_eq!(
            akn(&text(DEPTH - 4)),
            Err(ReadError::TooDeep {
                line: DEPTH,
                column: "<paragraph>".len() + 1,
                depth: DEPTH + 1
            })
        );
        assert_eq!(
            akn(&text(DEPTH - 4)).unwrap_err().to_string(),
            "line 64, column 12: elements nested 65 deep; a text nests at most 64"
        );
    }

    // The shapes below took from seconds to minutes, or overflowed the stack, when each
    // walk had its own depth check or none, and gathered words by looking up the ancestors
    // of every text: at these sizes a walk that is quadratic again would hang the test
    // (speed itself is measured in `benches/diff.rs`, not here).

    #[test]
    fn recitals_and_citations_nested_in_the_preamble_are_refused_not_a_stack_overflow() {
        for (open, close) in [
            ("<recitals>", "</recitals>"),
            ("<citations>", "</citations>"),
        ] {
            // akomaNtoso, statement and preamble make 3: the 62nd is 65 deep.
            let (s, byte) = nested(
                PREAMBLE,
                open,
                "<recital><p>Recalling.</p></recital>",
                close,
                PREAMBLE_END,
                12_000,
                62,
            );
            assert!(s.len() > 250_000);
            assert_eq!(akn(&s), Err(too_deep(&s, byte, 12_005)), "{open}");
        }
    }

    #[test]
    fn nested_paragraphs_sub_paragraphs_and_inline_tags_are_refused_at_once() {
        let shapes = [
            // `<p>` in `<p>` in the preamble, words at each level.
            nested(PREAMBLE, "<p>word ", "", "</p>", PREAMBLE_END, 40_000, 62),
            // Sub-paragraphs in sub-paragraphs, each with its number.
            nested(
                BODY,
                "<subparagraph><num>(a)</num>word ",
                "",
                "</subparagraph>",
                BODY_END,
                20_000,
                // Each level opens two tags: the 60th subparagraph is 64 deep, its num
                // the first 65 deep.
                2 * 60,
            ),
            // Inline tags in inline tags in a paragraph's content, words at each level.
            nested(
                &format!("{BODY}<content><p>"),
                "<i>word <b>word ",
                "",
                "</b></i>",
                &format!("</p></content>{BODY_END}"),
                20_000,
                // The first is 7 deep.
                65 - 6,
            ),
        ];
        let depths = [40_003, 20_005, 40_006];
        for ((s, byte), depth) in shapes.iter().zip(depths) {
            assert!(s.len() > 400_000, "{}", s.len());
            assert_eq!(akn(s), Err(too_deep(s, *byte, depth)), "{}", &s[..200]);
        }
    }

    #[test]
    fn an_element_with_too_many_attributes_is_refused_before_it_is_parsed() {
        let element = |n: usize| {
            let attributes: Vec<String> = (0..n).map(|i| format!("a{i}=\"x\"")).collect();
            format!(
                "{BODY}<content><p {}>Decides.</p></content>{BODY_END}",
                attributes.join(" ")
            )
        };
        let byte = BODY.len() + "<content>".len();
        assert_eq!(
            akn(&element(ATTRIBUTES)).unwrap().paragraphs[0].text,
            "Decides."
        );
        let (line, column) = at(&element(1), byte);
        assert_eq!(
            akn(&element(ATTRIBUTES + 1)),
            Err(ReadError::TooManyAttributes {
                line,
                column,
                count: ATTRIBUTES + 1
            })
        );
        // roxmltree compares each attribute with those before it: a million comparisons
        // for each ten thousand attributes here.
        let s = element(100_000);
        assert!(s.len() > 1_000_000);
        let e = akn(&s).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("line 1, column {column}: 100,000 attributes on one element; at most 256")
        );
    }

    #[test]
    fn too_many_namespace_declarations_are_refused_before_they_are_parsed() {
        // Elements that each declare one namespace, nested or one after the other.
        let declared = |n: usize, nest: bool| -> (String, Vec<usize>) {
            let mut s = format!("{BODY}<content>");
            let mut starts = Vec::new();
            for i in 0..n {
                s.push_str("<span ");
                starts.push(s.len());
                s.push_str(&format!("xmlns:n{i}=\"urn:{i}\">word "));
                if !nest {
                    s.push_str("</span>");
                }
            }
            if nest {
                s.push_str(&"</span>".repeat(n));
            }
            s.push_str(&format!("</content>{BODY_END}"));
            (s, starts)
        };
        let (ok, _) = declared(NAMESPACES, false);
        assert!(akn(&ok).is_ok());
        // One more is refused at that one.
        let (s, starts) = declared(NAMESPACES + 1, false);
        let (line, column) = at(&s, starts[NAMESPACES]);
        assert_eq!(
            akn(&s),
            Err(ReadError::TooManyNamespaces {
                line,
                column,
                count: NAMESPACES + 1,
                limit: NAMESPACES
            })
        );
        // Each element copies the declarations in scope: the square of 20,000 here.
        let (s, starts) = declared(20_000, true);
        assert!(s.len() > 500_000);
        let (_, column) = at(&s, starts[NAMESPACES]);
        assert_eq!(
            akn(&s).unwrap_err().to_string(),
            format!(
                "line 1, column {column}: 20,000 namespace declarations (xmlns); a text makes at most 64"
            )
        );
        // Declarations on one element, fewer than the attributes it may have.
        let names: Vec<String> = (0..=NAMESPACES)
            .map(|i| format!("xmlns:n{i}=\"urn:{i}\""))
            .collect();
        let s = format!("<akomaNtoso {}><doc/></akomaNtoso>", names.join(" "));
        assert!(matches!(
            akn(&s),
            Err(ReadError::TooManyNamespaces { count: 65, .. })
        ));
    }

    #[test]
    fn the_node_limit_holds_at_one_past_it_and_agrees_with_the_parser() {
        // akomaNtoso, doc, mainBody, paragraph, num and its text, the paragraph's text:
        // 7 nodes, then empty paragraphs of one node each.
        let text = |nodes: usize| {
            format!(
                "<akomaNtoso><doc><mainBody><paragraph><num>1.</num>x</paragraph>{}</mainBody></doc></akomaNtoso>",
                "<p/>".repeat(nodes - 7)
            )
        };
        let full = text(NODES);
        assert_eq!(akn(&full).unwrap().paragraphs.len(), 1);
        let over = text(NODES + 1);
        let (line, column) = at(&over, over.rfind("<p/>").unwrap());
        assert_eq!(
            akn(&over),
            Err(ReadError::TooManyNodes {
                line,
                column,
                count: NODES + 1
            })
        );
    }

    #[test]
    fn thousands_of_sub_paragraphs_after_one_paragraph_are_read_in_one_pass() {
        // Each `(a)` joins the paragraph before it. Counting the paragraph's brackets
        // again at each one, as was done, made this text take minutes, not a second.
        let s = format!(
            "{BODY}<content><p>Decides:</p></content></paragraph>{}<p>(b) [last]</p>{}",
            "<p>(a) item;</p>".repeat(80_000),
            &BODY_END["</paragraph>".len()..]
        );
        assert!(s.len() > 1_000_000);
        let v = akn(&s).unwrap();
        assert_eq!(v.paragraphs.len(), 1);
        assert_eq!(v.paragraphs[0].subs.len(), 80_001);
        assert_eq!(v.paragraphs[0].brackets, 1);
    }

    #[test]
    fn positions_are_counted_as_the_parser_counts_them() {
        let s = "<akomaNtoso>\n  <doc>é\u{4e2d}<p>x</p>\n\t<p/></doc></akomaNtoso>";
        let doc = roxmltree::Document::parse(s).unwrap();
        for n in doc.descendants() {
            let pos = doc.text_pos_at(n.range().start);
            assert_eq!(
                position(s, n.range().start),
                (pos.row as usize, pos.col as usize)
            );
        }
    }

    #[test]
    fn an_eid_carries_no_control_character() {
        // Found by `cargo fuzz run read`.
        let s = format!(
            "{BODY}<content><p>Decides.</p></content>{}",
            BODY_END.replace(
                "</paragraph>",
                "</paragraph><paragraph eId=\"\u{85}p\u{202e}\"><num>2.</num>x</paragraph>"
            )
        );
        let v = akn(&s).unwrap();
        assert_eq!(v.paragraphs[1].eid.as_deref(), Some("\u{fffd}p\u{fffd}"));
    }

    #[test]
    fn the_parsers_messages_carry_no_control_character() {
        let Err(ReadError::BadXml(message)) = akn("<akomaNtoso b=\u{1b}[31m>") else {
            panic!("not refused");
        };
        assert!(!message.chars().any(char::is_control), "{message:?}");
    }
}
