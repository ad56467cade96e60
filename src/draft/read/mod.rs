//! Reading a version from the bytes of a file, in the forms delegates get texts in: plain
//! text copied from a PDF, Markdown, or Akoma Ntoso XML. Bytes in, a [`Version`] or a
//! [`ReadError`] out: this folder knows no file system (the command line reads the file).
//! Here, what every form shares (the guess of a form, the errors); each form is read in
//! its own file. A PDF's text is taken out before it comes here (`crate::pdf` runs
//! pdftotext), and read as plain text.

mod akn;
mod markdown;
mod plain;

pub use akn::akn;
pub use markdown::markdown_blocks;
pub use plain::plain_blocks;

use super::model::Version;

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
        // A name that says what the file is wins: Markdown may open with an HTML comment,
        // and plain text with `<` copied from a PDF.
        if lower.ends_with(".xml") || lower.ends_with(".akn") {
            Form::Akn
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Form::Markdown
        } else if lower.ends_with(".txt") {
            Form::Plain
        } else if text.trim_start().starts_with('<') {
            Form::Akn
        } else {
            Form::Plain
        }
    }
}

/// Which text to read from a file that holds two: a Word file with tracked changes holds
/// the text before them (`Original`) and with them (`Accepted`). A format with one text
/// reads it whichever is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    Original,
    #[default]
    Accepted,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Original => "original",
            Side::Accepted => "accepted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not UTF-8, or with NUL bytes: a Word file, an image.
    NotText,
    /// A PDF, given as bytes to a reader that reads text: its text is taken out first
    /// (`crate::pdf`).
    Pdf,
    /// A PDF whose text could not be taken out: pdftotext missing, failing, too slow.
    PdfToText(String),
    /// XML that does not parse.
    BadXml(String),
    /// XML that parses, but is not an Akoma Ntoso document.
    NotAkn(String),
    /// Elements nested deeper than any text nests ([`akn::DEPTH`]): `depth` is the
    /// deepest, the position the first element too deep.
    TooDeep {
        line: usize,
        column: usize,
        depth: usize,
    },
    /// An element with more attributes than [`akn::ATTRIBUTES`]; the position is its own.
    TooManyAttributes {
        line: usize,
        column: usize,
        count: usize,
    },
    /// More namespace declarations (`xmlns`) than [`akn::NAMESPACES`]: `count` in the
    /// whole file, the position the first one too many.
    TooManyNamespaces {
        line: usize,
        column: usize,
        count: usize,
    },
    /// More nodes (elements, texts, comments) than [`akn::NODES`]: `count` in the whole
    /// file, the position the first one too many.
    TooManyNodes {
        line: usize,
        column: usize,
        count: usize,
    },
    /// Nothing that looks like a paragraph.
    Empty,
}

impl ReadError {
    /// Where in the file the problem is (line, column, from 1), where it has a place.
    pub fn place(&self) -> Option<(usize, usize)> {
        match self {
            ReadError::TooDeep { line, column, .. }
            | ReadError::TooManyAttributes { line, column, .. }
            | ReadError::TooManyNamespaces { line, column, .. }
            | ReadError::TooManyNodes { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }

    /// The problem said of `file` as every problem in a file is said: `file:line:column:
    /// what`, or `file: what` where it has no place.
    pub fn in_file(&self, file: &str) -> String {
        match self.place() {
            Some((line, column)) => format!("{file}:{line}:{column}: {}", self.what()),
            None => format!("{file}: {}", self.what()),
        }
    }

    /// What is wrong, without where.
    fn what(&self) -> String {
        match self {
            ReadError::NotText => "not a text file (binary data or not UTF-8): copy the text out of the PDF or Word file, or save it as plain text".to_owned(),
            ReadError::Pdf => "a PDF: its text is taken out with pdftotext (install poppler-utils: apt install poppler-utils), or copy the text out of it into a .txt file".to_owned(),
            ReadError::PdfToText(e) => e.clone(),
            ReadError::BadXml(e) => format!("not well-formed XML: {e}"),
            ReadError::NotAkn(root) => format!(
                "XML, but not Akoma Ntoso: the root element is <{root}>, not <akomaNtoso>"
            ),
            ReadError::TooDeep { depth, .. } => format!(
                "elements nested {} deep; a text nests at most {}",
                thousands(*depth),
                akn::DEPTH
            ),
            ReadError::TooManyAttributes { count, .. } => format!(
                "{} attributes on one element; at most {}",
                thousands(*count),
                akn::ATTRIBUTES
            ),
            ReadError::TooManyNamespaces { count, .. } => format!(
                "{} namespace declarations (xmlns); a text makes at most {}",
                thousands(*count),
                akn::NAMESPACES
            ),
            ReadError::TooManyNodes { count, .. } => format!(
                "{} XML nodes (elements, texts, comments); a text has at most {}",
                thousands(*count),
                thousands(akn::NODES)
            ),
            ReadError::Empty => "no paragraphs in it".to_owned(),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.place() {
            Some((line, column)) => write!(f, "line {line}, column {column}: {}", self.what()),
            None => f.write_str(&self.what()),
        }
    }
}

impl std::error::Error for ReadError {}

/// `12001` as `12,001`: the counts in messages are large, and read at a glance.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Read a file's bytes as a version, in the form guessed from its name and content.
pub fn read(name: &str, bytes: &[u8]) -> Result<Version, ReadError> {
    read_as(name, bytes, Side::default())
}

/// [`read`], taking `side` of a file that holds a text before and after tracked changes
/// (every form read here holds one text, the one read whichever side is asked).
pub fn read_as(name: &str, bytes: &[u8], side: Side) -> Result<Version, ReadError> {
    let _ = side;
    if bytes.starts_with(b"%PDF") || name.to_ascii_lowercase().ends_with(".pdf") {
        return Err(ReadError::Pdf);
    }
    let text = text_of(bytes)?;
    read_form(Form::guess(name, text), bytes)
}

/// The bytes as UTF-8 text without a byte-order mark, or [`ReadError::NotText`].
fn text_of(bytes: &[u8]) -> Result<&str, ReadError> {
    if bytes.contains(&0) {
        return Err(ReadError::NotText);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotText)?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Read bytes as a version in the form given (a PDF's text is plain text, whatever the
/// file was called).
pub fn read_form(form: Form, bytes: &[u8]) -> Result<Version, ReadError> {
    let text = text_of(bytes)?;
    let v = match form {
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_name_says_the_form_before_the_first_byte_does() {
        use super::Form;
        assert_eq!(
            Form::guess("a.md", "<!-- draft -->\n# Title"),
            Form::Markdown
        );
        assert_eq!(Form::guess("a.txt", "<Agreed> 1. Text"), Form::Plain);
        assert_eq!(Form::guess("a.xml", "1. Text"), Form::Akn);
        assert_eq!(Form::guess("-", "  <akomaNtoso/>"), Form::Akn);
        assert_eq!(Form::guess("-", "1. Text"), Form::Plain);
    }

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
    fn plain_text_numbers_after_a_tab() {
        let v = read("x.txt", b"61.\tWe note the work. 62.\tWe decide to meet.\n").unwrap();
        assert_eq!(labels(&v), ["61", "62"]);
        assert_eq!(v.paragraphs[1].text, "We decide to meet.");
    }

    #[test]
    fn markdown_keeps_the_numbers_the_source_gives() {
        let v = read("x.md", b"5. We welcome.\n\n9. We invite.\n12. We decide.\n").unwrap();
        assert_eq!(labels(&v), ["5", "9", "12"]);
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
        assert_eq!(read("x.pdf", b"1. Text"), Err(ReadError::Pdf));
        assert_eq!(read("x", b"%PDF-1.4\n"), Err(ReadError::Pdf));
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
        assert!(matches!(
            read("x.xml", deep.as_bytes()),
            Err(ReadError::TooDeep { .. })
        ));
        // One limit for every path: sub-parts too deep are refused as containers are.
        let deep_subs = format!(
            "<akomaNtoso><doc><mainBody><paragraph><num>1.</num>{}x{}</paragraph></mainBody></doc></akomaNtoso>",
            "<subparagraph>".repeat(10_000),
            "</subparagraph>".repeat(10_000)
        );
        assert!(matches!(
            read("x.xml", deep_subs.as_bytes()),
            Err(ReadError::TooDeep { .. })
        ));
    }
}
