//! Word files for tests and benchmarks, built from WordprocessingML written here: no real
//! document is ever a fixture, and every wording below is invented. Shared by the tests
//! that run the binary (`mod common`), the reader's unit tests and `benches/diff.rs`
//! (both through `#[path]`), so that all of them read the same files.

// Each user takes only some of these.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::Write as _;

/// The WordprocessingML namespace, on every part's root.
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A Word file to build: the body of `word/document.xml` and the other parts' contents
/// (each without its root element, which [`Docx::bytes`] adds).
#[derive(Debug, Clone, Default)]
pub struct Docx {
    pub body: String,
    pub numbering: Option<String>,
    pub styles: Option<String>,
    pub comments: Option<String>,
    pub footnotes: Option<String>,
    /// Parts written as they are, after the others.
    pub raw: Vec<(String, Vec<u8>)>,
}

impl Docx {
    pub fn new(body: impl Into<String>) -> Docx {
        Docx {
            body: body.into(),
            ..Docx::default()
        }
    }

    pub fn numbering(mut self, inner: impl Into<String>) -> Docx {
        self.numbering = Some(inner.into());
        self
    }

    pub fn styles(mut self, inner: impl Into<String>) -> Docx {
        self.styles = Some(inner.into());
        self
    }

    pub fn comments(mut self, inner: impl Into<String>) -> Docx {
        self.comments = Some(inner.into());
        self
    }

    pub fn footnotes(mut self, inner: impl Into<String>) -> Docx {
        self.footnotes = Some(inner.into());
        self
    }

    pub fn raw(mut self, name: &str, bytes: impl Into<Vec<u8>>) -> Docx {
        self.raw.push((name.to_owned(), bytes.into()));
        self
    }

    /// `word/document.xml` as written.
    pub fn document_xml(&self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\"><w:body>{}</w:body></w:document>",
            self.body
        )
    }

    /// The parts, named as Word names them.
    pub fn parts(&self) -> Vec<(String, Vec<u8>)> {
        let root = |name: &str, inner: &str| {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:{name} xmlns:w=\"{W}\">{inner}</w:{name}>"
            )
            .into_bytes()
        };
        let mut parts = vec![
            (
                "[Content_Types].xml".to_owned(),
                CONTENT_TYPES.as_bytes().to_vec(),
            ),
            ("_rels/.rels".to_owned(), RELS.as_bytes().to_vec()),
            (
                "word/document.xml".to_owned(),
                self.document_xml().into_bytes(),
            ),
        ];
        for (name, file, inner) in [
            ("numbering", "word/numbering.xml", &self.numbering),
            ("styles", "word/styles.xml", &self.styles),
            ("comments", "word/comments.xml", &self.comments),
            ("footnotes", "word/footnotes.xml", &self.footnotes),
        ] {
            if let Some(inner) = inner {
                parts.push((file.to_owned(), root(name, inner)));
            }
        }
        parts.extend(self.raw.iter().cloned());
        parts
    }

    /// The file: its parts deflated in a zip.
    pub fn bytes(&self) -> Vec<u8> {
        zip_of(&self.parts())
    }
}

/// A zip of `parts`, deflated.
pub fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Each central directory header of a zip (from its signature on) given to `change`:
/// how the tests set the flags and sizes a hostile file would.
pub fn patch_central(bytes: &mut [u8], change: impl Fn(&mut [u8])) {
    let mut i = 0;
    while i + 4 <= bytes.len() {
        if &bytes[i..i + 4] == b"PK\x01\x02" {
            change(&mut bytes[i..]);
        }
        i += 1;
    }
}

/// Set the encryption flag (bit 0 of the general-purpose flags) of every entry.
pub fn encrypt_flag(bytes: &mut [u8]) {
    patch_central(bytes, |h| h[8] |= 1);
}

/// Make every entry's header claim `size` bytes unpacked.
pub fn claim_size(bytes: &mut [u8], size: u32) {
    patch_central(bytes, |h| h[24..28].copy_from_slice(&size.to_le_bytes()));
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// Text made safe to put in XML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A run of text.
pub fn run(text: &str) -> String {
    format!(
        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}

/// A paragraph with properties `ppr` (the inside of `w:pPr`) and content `inner`.
pub fn para(ppr: &str, inner: &str) -> String {
    if ppr.is_empty() {
        format!("<w:p>{inner}</w:p>")
    } else {
        format!("<w:p><w:pPr>{ppr}</w:pPr>{inner}</w:p>")
    }
}

/// A plain paragraph.
pub fn p(text: &str) -> String {
    para("", &run(text))
}

/// The numbering properties of list `num_id` at level `level`.
pub fn num_pr(num_id: u32, level: u32) -> String {
    format!("<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num_id}\"/></w:numPr>")
}

/// A paragraph of list `num_id` at level `level`.
pub fn numbered(num_id: u32, level: u32, text: &str) -> String {
    para(&num_pr(num_id, level), &run(text))
}

/// A paragraph in style `style`.
pub fn styled(style: &str, text: &str) -> String {
    para(&format!("<w:pStyle w:val=\"{style}\"/>"), &run(text))
}

/// Who changed something, and when.
#[derive(Debug, Clone, Copy)]
pub struct By<'a> {
    pub id: u32,
    pub author: &'a str,
    pub date: &'a str,
}

impl By<'_> {
    fn attrs(&self) -> String {
        format!(
            "w:id=\"{}\" w:author=\"{}\" w:date=\"{}\"",
            self.id,
            escape(self.author),
            self.date
        )
    }
}

/// Words inserted with tracking on.
pub fn ins(by: By<'_>, text: &str) -> String {
    format!("<w:ins {}>{}</w:ins>", by.attrs(), run(text))
}

/// Words deleted with tracking on: their text is `w:delText`.
pub fn del(by: By<'_>, text: &str) -> String {
    format!(
        "<w:del {}><w:r><w:delText xml:space=\"preserve\">{}</w:delText></w:r></w:del>",
        by.attrs(),
        escape(text)
    )
}

/// Words moved away from here.
pub fn move_from(by: By<'_>, text: &str) -> String {
    format!(
        "<w:moveFrom {}><w:r><w:delText xml:space=\"preserve\">{}</w:delText></w:r></w:moveFrom>",
        by.attrs(),
        escape(text)
    )
}

/// Words moved here.
pub fn move_to(by: By<'_>, text: &str) -> String {
    format!("<w:moveTo {}>{}</w:moveTo>", by.attrs(), run(text))
}

/// The paragraph mark's properties saying it was inserted (`w:ins`) or deleted
/// (`w:del`): to put in a paragraph's `w:pPr`.
pub fn mark(kind: &str, by: By<'_>) -> String {
    format!("<w:rPr><w:{kind} {}/></w:rPr>", by.attrs())
}

/// An abstract list definition: levels of (start, format, level text).
pub fn abstract_num(id: u32, levels: &[(i64, &str, &str)]) -> String {
    let mut s = format!("<w:abstractNum w:abstractNumId=\"{id}\">");
    for (i, (start, fmt, text)) in levels.iter().enumerate() {
        let _ = write!(
            s,
            "<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{}\"/></w:lvl>",
            escape(text)
        );
    }
    s.push_str("</w:abstractNum>");
    s
}

/// A list of abstract definition `abstract_id`, with levels restarted at values.
pub fn num(id: u32, abstract_id: u32, restarts: &[(u32, i64)]) -> String {
    let mut s = format!("<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"{abstract_id}\"/>");
    for (level, start) in restarts {
        let _ = write!(
            s,
            "<w:lvlOverride w:ilvl=\"{level}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride>"
        );
    }
    s.push_str("</w:num>");
    s
}

/// A paragraph style, numbered by list `num_id` at level 0 when given.
pub fn style(id: &str, name: &str, num_id: Option<u32>) -> String {
    let numbering = num_id.map_or(String::new(), |n| {
        format!("<w:pPr>{}</w:pPr>", num_pr(n, 0))
    });
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{numbering}</w:style>"
    )
}

pub const ANA: &str = "Ana Ortiz";
pub const BEN: &str = "Ben Okafor";

/// A draft as delegations trade them: a title and headings by style, numbered
/// paragraphs with sub-paragraphs, a list that restarts, tracked changes of every kind
/// by two authors, a comment and a footnote. The wording is invented.
pub fn sample() -> Docx {
    let a = |id| By {
        id,
        author: ANA,
        date: "2025-10-01T09:00:00Z",
    };
    let b = |id| By {
        id,
        author: BEN,
        date: "2025-10-02T14:30:00Z",
    };
    let body = [
        styled("Title", "Draft outcome on shared harbours"),
        styled("Heading1", "Preamble"),
        p("Recalling the charter of the harbour council,"),
        styled("Heading1", "Operative part"),
        // 1.
        numbered(
            1,
            0,
            "Decides to convene the harbour council every year;",
        ),
        // 2. with a word inserted by Ana and one deleted by Ben
        para(
            &num_pr(1, 0),
            &format!(
                "{}{}{}{}{}",
                run("Invites "),
                ins(a(1), "all "),
                run("members to share "),
                del(b(2), "early "),
                run("tide reports;"),
            ),
        ),
        // (a) and (b) under 2.
        numbered(1, 1, "coastal members;"),
        numbered(1, 1, "river members;"),
        // 3. with a comment and a footnote
        para(
            &num_pr(1, 0),
            &format!(
                "{}<w:commentRangeStart w:id=\"7\"/>{}<w:commentRangeEnd w:id=\"7\"/><w:r><w:commentReference w:id=\"7\"/></w:r>{}<w:r><w:footnoteReference w:id=\"2\"/></w:r>",
                run("Requests a "),
                run("yearly report"),
                run(" on dredging;"),
            ),
        ),
        // 4. words moved from here …
        para(
            &num_pr(1, 0),
            &format!(
                "{}{}{}",
                run("Encourages pilots to log depths"),
                move_from(b(3), " at dawn"),
                run(";"),
            ),
        ),
        // 5. … to here
        para(
            &num_pr(1, 0),
            &format!(
                "{}{}{}",
                run("Asks crews to report"),
                move_to(b(4), " at dawn"),
                run(";"),
            ),
        ),
        // 6. a paragraph inserted whole by Ana: its mark and its words
        para(
            &format!("{}{}", num_pr(1, 0), mark("ins", a(5))),
            &ins(a(6), "Welcomes the new lighthouse keepers;"),
        ),
        // A paragraph deleted whole by Ben: its mark and its words.
        para(
            &format!("{}{}", num_pr(1, 0), mark("del", b(8))),
            &del(b(9), "Regrets the closure of the north quay;"),
        ),
        numbered(1, 0, "Decides to remain seized of the matter."),
        styled("Heading1", "Annex"),
        // A list of its own, lettered, started at A by its override.
        numbered(2, 0, "Depth tables."),
        numbered(2, 0, "Tide tables."),
    ]
    .concat();
    Docx::new(body)
        .styles(
            [
                style("Normal", "Normal", None),
                style("Title", "Title", None),
                style("Heading1", "heading 1", None),
            ]
            .concat(),
        )
        .numbering(
            [
                abstract_num(
                    10,
                    &[(1, "decimal", "%1."), (1, "lowerLetter", "(%2)")],
                ),
                abstract_num(11, &[(5, "upperLetter", "%1.")]),
                num(1, 10, &[]),
                num(2, 11, &[(0, 1)]),
            ]
            .concat(),
        )
        .comments(format!(
            "<w:comment w:id=\"7\" w:author=\"{BEN}\" w:date=\"2025-10-03T08:00:00Z\" w:initials=\"BO\"><w:p>{}</w:p></w:comment>",
            run("Twice a year would suit the smaller ports.")
        ))
        .footnotes(format!(
            "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p>{}</w:p></w:footnote><w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote>",
            run("----"),
            run(" As set out in the council's rules of procedure.")
        ))
}

/// A long draft with many tracked changes, for the benchmark: `paragraphs` numbered
/// paragraphs, each with `changes_each` changes alternating between two authors.
pub fn long(paragraphs: usize, changes_each: usize) -> Docx {
    let mut body = String::new();
    let mut id = 0;
    for k in 0..paragraphs {
        let mut inner = run(&format!("Paragraph {k} asks the members to consider"));
        for c in 0..changes_each {
            id += 1;
            let by = By {
                id,
                author: if c % 2 == 0 { ANA } else { BEN },
                date: "2025-11-05T10:00:00Z",
            };
            inner.push_str(&run(" the harbour rules"));
            if c % 2 == 0 {
                inner.push_str(&ins(by, &format!(" and tide table {c}")));
            } else {
                inner.push_str(&del(by, &format!(" and depth chart {c}")));
            }
        }
        inner.push_str(&run("."));
        body.push_str(&para(&num_pr(1, 0), &inner));
    }
    Docx::new(body).numbering([abstract_num(1, &[(1, "decimal", "%1.")]), num(1, 1, &[])].concat())
}
