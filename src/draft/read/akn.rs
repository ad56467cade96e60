//! Akoma Ntoso XML, through `roxmltree`: a text is at most a few hundred kilobytes, so a
//! read-only tree is simpler to walk than `quick-xml`'s events, and it refuses DTDs by
//! default (no entity expansion from a hostile file).

use super::ReadError;
use crate::draft::model::{Block, Kind, Version};

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
pub(super) const DEPTH: usize = 64;

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

    const BODY: &str = "<akomaNtoso><statement name=\"r\"><mainBody><paragraph><num>1.</num>";
    const BODY_END: &str = "</paragraph></mainBody></statement></akomaNtoso>";

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
}
