//! Reading a version from the bytes of a file, in the forms delegates get texts in: plain
//! text copied from a PDF, Markdown, Akoma Ntoso XML, or a Word file (.docx). Bytes in, a [`Version`] or a
//! [`ReadError`] out: this folder knows no file system (the command line reads the file).
//! Here, what every form shares (the guess of a form, the errors); each form is read in
//! its own file. A PDF's text is taken out before it comes here (`crate::pdf` runs
//! pdftotext), and read as plain text.

mod akn;
pub mod docx;
mod markdown;
mod plain;

pub use akn::akn;
pub use docx::{ChangeKind, Side, Tracked, TrackedChange, docx, docx_tracked};
pub use markdown::markdown_blocks;
pub use plain::plain_blocks;

use super::model::Version;

/// The form of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Plain,
    Markdown,
    Akn,
    /// A Word file: a zip of XML parts.
    Docx,
}

impl Form {
    /// Guess from the name and the first bytes: XML starts with `<`; `.md` is Markdown.
    pub fn guess(name: &str, text: &str) -> Form {
        let lower = name.to_ascii_lowercase();
        // A name that says what the file is wins: Markdown may open with an HTML comment,
        // and plain text with `<` copied from a PDF.
        if docx::is_docx(name, text.as_bytes()) {
            Form::Docx
        } else if lower.ends_with(".xml") || lower.ends_with(".akn") {
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
    /// More namespace declarations (`xmlns`) than `limit` ([`akn::NAMESPACES`], or
    /// [`docx::NAMESPACES`] in a part of a Word file): `count` in the whole file, the
    /// position the first one too many.
    TooManyNamespaces {
        line: usize,
        column: usize,
        count: usize,
        /// The most a file of its kind may declare.
        limit: usize,
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
    /// A Word file that is not a zip archive; what the zip reader said.
    NotZip(String),
    /// A zip archive without `word/document.xml`.
    NotWord,
    /// A password-protected Word file: an OLE compound file (`None`), or a zip entry
    /// with its encryption flag set.
    Encrypted(Option<&'static str>),
    /// More zip entries than [`docx::ENTRIES`].
    TooManyEntries { count: usize },
    /// A part of a Word file that unpacks to more than `limit` bytes.
    PartTooLarge { part: &'static str, limit: u64 },
    /// The parts of a Word file that unpack to more than `limit` bytes together.
    PartsTooLarge { limit: u64 },
    /// A part that unpacks to more than `ratio` times its packed size: a zip bomb.
    ZipBomb { part: &'static str, ratio: u64 },
    /// A part the zip reader could not unpack (a broken stream, a wrong checksum).
    BadZip { part: &'static str, error: String },
    /// A problem inside one part of a Word file, where its own line and column are.
    InPart {
        part: &'static str,
        error: Box<ReadError>,
    },
    /// `as:` (a side of tracked changes) on a file that is not a Word file.
    SideOfNotDocx,
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
            ReadError::NotText => "not a text file (binary data or not UTF-8): save it as plain text, .docx or PDF, or copy its text into a .txt file".to_owned(),
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
            ReadError::TooManyNamespaces { count, limit, .. } => format!(
                "{} namespace declarations (xmlns); a text makes at most {}",
                thousands(*count),
                thousands(*limit)
            ),
            ReadError::TooManyNodes { count, .. } => format!(
                "{} XML nodes (elements, texts, comments); a text has at most {}",
                thousands(*count),
                thousands(akn::NODES)
            ),
            ReadError::Empty => "no paragraphs in it".to_owned(),
            ReadError::NotZip(e) => format!(
                "not a Word file (.docx): a .docx is a zip archive, and this is not one ({e})"
            ),
            ReadError::NotWord => "a zip archive, but not a Word file: a .docx has word/document.xml, and this has none".to_owned(),
            ReadError::Encrypted(None) => "a password-protected Word file (or an old binary .doc): open it in Word, remove the password and save it as .docx".to_owned(),
            ReadError::Encrypted(Some(part)) => format!(
                "{part} is encrypted in the zip: save the file without a password"
            ),
            ReadError::TooManyEntries { count } => format!(
                "a zip archive of {} entries; a Word file has at most {}",
                thousands(*count),
                thousands(docx::ENTRIES)
            ),
            ReadError::PartTooLarge { part, limit } => format!(
                "{part} unpacks to more than {} MiB; a Word file's part is at most that",
                limit / (1024 * 1024)
            ),
            ReadError::PartsTooLarge { limit } => format!(
                "the parts of this Word file unpack to more than {} MiB together; a Word file's are at most that",
                limit / (1024 * 1024)
            ),
            ReadError::ZipBomb { part, ratio } => format!(
                "{part} unpacks to more than {ratio} times its packed size: a zip bomb, not a Word file"
            ),
            ReadError::BadZip { part, error } => {
                format!("{part} cannot be unpacked: {error}")
            }
            ReadError::InPart { part, error } => format!("in {part}: {error}"),
            ReadError::SideOfNotDocx => "`as` picks the original or accepted side of a Word file's tracked changes; this is not a Word file (.docx)".to_owned(),
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

/// Read a file's bytes as a version, in the form guessed from its name and content: a
/// Word file as its tracked changes accepted.
pub fn read(name: &str, bytes: &[u8]) -> Result<Version, ReadError> {
    read_as(name, bytes, None)
}

/// [`read`], with the side of a Word file's tracked changes to read (`None`: accepted).
/// A side is for Word files only.
pub fn read_as(name: &str, bytes: &[u8], side: Option<Side>) -> Result<Version, ReadError> {
    // Before the test for text: a Word file is binary, and now read.
    if docx::is_docx(name, bytes) {
        return docx(bytes, side.unwrap_or_default());
    }
    if side.is_some() {
        return Err(ReadError::SideOfNotDocx);
    }
    // A PDF's text is taken out above this layer (`crate::pdf`), which knows processes.
    if bytes.starts_with(b"%PDF") || name.to_ascii_lowercase().ends_with(".pdf") {
        return Err(ReadError::Pdf);
    }
    let text = text_of(bytes)?;
    // The bytes are known to be text: not checked again.
    let form = Form::guess(name, text);
    if form == Form::Docx {
        return docx(bytes, Side::Accepted);
    }
    read_text_form(form, text)
}

/// The bytes as UTF-8 text without a byte-order mark, or [`ReadError::NotText`].
fn text_of(bytes: &[u8]) -> Result<&str, ReadError> {
    // memchr's search is vectorised; a slice's `contains` looks a word at a time.
    if memchr::memchr(0, bytes).is_some() {
        return Err(ReadError::NotText);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotText)?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Read bytes as a version in the form given (a PDF's text is plain text, whatever the
/// file was called).
pub fn read_form(form: Form, bytes: &[u8]) -> Result<Version, ReadError> {
    if form == Form::Docx {
        return docx(bytes, Side::Accepted);
    }
    read_text_form(form, text_of(bytes)?)
}

/// [`read_form`] of bytes found to be text (`text_of`), in a form that is not Word's.
fn read_text_form(form: Form, text: &str) -> Result<Version, ReadError> {
    let v = match form {
        Form::Akn => akn(text)?,
        Form::Markdown => Version::from_blocks(markdown_blocks(text)),
        Form::Plain | Form::Docx => Version::from_blocks(plain_blocks(text)),
    };
    if v.paragraphs.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(v)
}

/// Line ends as `\n`, page breaks as blank lines: what PDF copies bring.
fn lines(s: &str) -> std::borrow::Cow<'_, str> {
    // memchr's search is vectorised; most texts have neither.
    if memchr::memchr2(b'\r', 0x0c, s.as_bytes()).is_none() {
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
