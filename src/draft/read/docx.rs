//! Word (.docx): a zip of WordprocessingML parts. The text is in `word/document.xml`; the
//! numbers Word puts before numbered paragraphs are not in the text but computed from
//! `word/numbering.xml` (through the paragraph's style, `word/styles.xml`, when the
//! paragraph names none); comments and footnotes are parts of their own.
//!
//! A draft passed between delegations carries tracked changes: insertions, deletions and
//! moves, each with its author and date. Such a file holds two versions, the **original**
//! (every change rejected) and the **accepted** (every change accepted); both are read in
//! one pass, with the list of changes ([`docx_tracked`]).
//!
//! A paragraph mark inserted or deleted with tracking on splits or joins paragraphs: the
//! side without the mark has the two paragraphs as one, with the properties (style,
//! numbering) of the later one, whose mark remains, and a space where they join.
//! Formatting changes are not changes of text and are not listed, except that a paragraph
//! whose numbering or style changed (`w:pPrChange`) is numbered on the original side as
//! it was. Not read: text boxes, drawings, endnotes, headers and footers, numbering that
//! a style links to (`w:numStyleLink`) and a level's `w:lvlRestart`.
//!
//! A Word file comes from outside, so it is unpacked under limits before anything is
//! parsed: entries in the zip ([`ENTRIES`]), bytes a part unpacks to ([`PART_BYTES`],
//! read through `take` so that a size the zip's header understates cannot pass it; and
//! [`TOTAL_BYTES`] for the parts together), and how many times its packed size a part unpacks to ([`RATIO`]), which is what a zip bomb
//! is. Each part is then parsed as Akoma Ntoso is (`akn.rs`: the byte pre-scan, the node
//! limit, the depth limit), and every walk below recurses at most that deep and looks at
//! each node once.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use serde::Deserialize;

use super::{ReadError, akn};
use crate::brief::text::neutralise;
use crate::draft::model::{Block, Comment, Kind, Version};

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

/// The most a part may unpack to: a long draft's `document.xml` is a few megabytes.
pub const PART_BYTES: u64 = 64 * 1024 * 1024;

/// The most the parts read may unpack to together: each is parsed and kept while the
/// text is read, so this bounds the memory a file can ask for.
pub const TOTAL_BYTES: u64 = 128 * 1024 * 1024;

/// The most times its packed size a part may unpack to, once past [`RATIO_FLOOR`]: Word's
/// XML packs ten to thirty times; a zip bomb thousands.
pub const RATIO: u64 = 100;

/// Below this, a part may pack as well as it likes: a small, repetitive part (an empty
/// comments part) packs far better than a text.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// Entries in the zip: a Word file has a dozen parts, a few hundred with its images.
pub const ENTRIES: usize = 10_000;

/// Namespace declarations in one part: Word declares some forty on a part's root, and
/// more on each drawing. Akoma Ntoso's limit would refuse a file with a few images.
pub const NAMESPACES: usize = 4_096;

/// The most bytes of footnotes and comment anchors copied into one version's paragraphs
/// (see [`SideText::blocks`]): a thousand times what a long draft has.
const ATTACHED: usize = 16 * 1024 * 1024;

/// The start of an OLE compound file: what Word writes when a .docx is given a password
/// (the zip encrypted inside it), and what a pre-2007 .doc is.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The first bytes of a zip archive (its first local file header).
pub const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The limits of unpacking, as one value so that tests can lower them.
#[derive(Debug, Clone, Copy)]
struct Limits {
    part_bytes: u64,
    total_bytes: u64,
    ratio: u64,
    ratio_floor: u64,
    entries: usize,
}

const LIMITS: Limits = Limits {
    part_bytes: PART_BYTES,
    total_bytes: TOTAL_BYTES,
    ratio: RATIO,
    ratio_floor: RATIO_FLOOR,
    entries: ENTRIES,
};

/// Which version of a Word file with tracked changes to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Every tracked change rejected: the text as it was before the changes.
    Original,
    /// Every tracked change accepted: the text as the changes make it.
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

    fn index(self) -> usize {
        match self {
            Side::Original => 0,
            Side::Accepted => 1,
        }
    }
}

/// What a tracked change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// `w:ins`: words inserted.
    Inserted,
    /// `w:del`: words deleted.
    Deleted,
    /// `w:moveFrom`: words moved away from here.
    MovedFrom,
    /// `w:moveTo`: words moved here.
    MovedTo,
    /// A paragraph mark inserted: one paragraph split in two.
    ParagraphSplit,
    /// A paragraph mark deleted: two paragraphs joined.
    ParagraphJoined,
}

impl ChangeKind {
    /// The name used in text and JSON output.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Inserted => "inserted",
            ChangeKind::Deleted => "deleted",
            ChangeKind::MovedFrom => "moved from",
            ChangeKind::MovedTo => "moved to",
            ChangeKind::ParagraphSplit => "paragraph split",
            ChangeKind::ParagraphJoined => "paragraphs joined",
        }
    }

    /// The version whose text holds what the change is about: the accepted one for what
    /// it adds, the original for what it takes away.
    pub fn side(self) -> Side {
        match self {
            ChangeKind::Inserted | ChangeKind::MovedTo | ChangeKind::ParagraphSplit => {
                Side::Accepted
            }
            ChangeKind::Deleted | ChangeKind::MovedFrom | ChangeKind::ParagraphJoined => {
                Side::Original
            }
        }
    }

    /// Whether the change adds to the text (else it takes away).
    pub fn adds(self) -> bool {
        self.side() == Side::Accepted
    }
}

/// One tracked change, as Word records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedChange {
    pub kind: ChangeKind,
    pub author: String,
    /// As the file gives it (ISO 8601); empty when it gives none.
    pub date: String,
    /// The label of the paragraph it is in, in the version of [`ChangeKind::side`];
    /// `None` when there is no paragraph with words there.
    pub label: Option<String>,
    /// The words inserted, deleted or moved, spacing collapsed; empty for a paragraph
    /// mark.
    pub text: String,
}

/// Both versions of a Word file and the changes between them.
#[derive(Debug, Clone, Default)]
pub struct Tracked {
    pub original: Version,
    pub accepted: Version,
    pub changes: Vec<TrackedChange>,
}

impl Tracked {
    pub fn side(&self, side: Side) -> &Version {
        match side {
            Side::Original => &self.original,
            Side::Accepted => &self.accepted,
        }
    }
}

/// One version of a Word file: the `side` of its tracked changes (the file as it reads,
/// when it has none).
pub fn docx(bytes: &[u8], side: Side) -> Result<Version, ReadError> {
    let tracked = docx_tracked(bytes)?;
    let version = match side {
        Side::Original => tracked.original,
        Side::Accepted => tracked.accepted,
    };
    if version.paragraphs.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(version)
}

/// Both versions of a Word file, and its tracked changes in document order.
pub fn docx_tracked(bytes: &[u8]) -> Result<Tracked, ReadError> {
    docx_with(bytes, &LIMITS)
}

fn docx_with(bytes: &[u8], limits: &Limits) -> Result<Tracked, ReadError> {
    let package = unpack(bytes, limits)?;
    let document = parse("word/document.xml", &package.document)?;
    fn parsed<'i>(
        name: &'static str,
        text: &'i Option<String>,
    ) -> Result<Option<roxmltree::Document<'i>>, ReadError> {
        text.as_deref().map(|t| parse(name, t)).transpose()
    }
    let styles = parsed("word/styles.xml", &package.styles)?;
    let numbering = parsed("word/numbering.xml", &package.numbering)?;
    let comments = parsed("word/comments.xml", &package.comments)?;
    let footnotes = parsed("word/footnotes.xml", &package.footnotes)?;

    let root = document.root_element();
    if root.tag_name().name() != "document" {
        return Err(ReadError::NotWord);
    }
    let styles = styles.as_ref().map(Styles::read).unwrap_or_default();
    let numbering = numbering.as_ref().map(Numbering::read).unwrap_or_default();
    let notes = Notes {
        footnotes: footnotes.as_ref().map(read_footnotes).unwrap_or_default(),
        comments: comments.as_ref().map(read_comments).unwrap_or_default(),
    };

    let mut walk = Walk::default();
    if let Some(body) = child(root, "body") {
        walk.blocks(body);
    }
    let versions = [Side::Original, Side::Accepted].map(|side| {
        let blocks = walk.sides[side.index()].blocks(&styles, &numbering, &notes, side);
        Version::from_blocks_placed(blocks)
    });
    let [(original, original_places), (accepted, accepted_places)] = versions;
    // A change in a paragraph with no words is said at the paragraph before it: each
    // block's nearest paragraph at or before it, found once for all changes.
    let nearest = |places: Vec<Option<usize>>| -> Vec<Option<usize>> {
        let mut last = None;
        places
            .into_iter()
            .map(|p| {
                last = p.or(last);
                last
            })
            .collect()
    };
    let (original_places, accepted_places) = (nearest(original_places), nearest(accepted_places));
    let changes = walk
        .changes
        .into_iter()
        .map(|c| {
            let (version, places) = match c.kind.side() {
                Side::Original => (&original, &original_places),
                Side::Accepted => (&accepted, &accepted_places),
            };
            let label = places
                .get(c.para)
                .copied()
                .flatten()
                .map(|i| version.paragraphs[i].label.as_str().to_owned());
            TrackedChange {
                kind: c.kind,
                author: c.author,
                date: c.date,
                label,
                text: collapse(&c.text),
            }
        })
        .collect();
    if original.paragraphs.is_empty() && accepted.paragraphs.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Tracked {
        original,
        accepted,
        changes,
    })
}

/// Whether a file is a Word file by its name or its first bytes.
pub fn is_docx(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".docx") || lower.ends_with(".docm") || bytes.starts_with(ZIP_MAGIC)
}

// Unpacking.

/// The parts of a Word file that hold its text, unpacked.
struct Package {
    document: String,
    styles: Option<String>,
    numbering: Option<String>,
    comments: Option<String>,
    footnotes: Option<String>,
}

fn unpack(bytes: &[u8], limits: &Limits) -> Result<Package, ReadError> {
    if bytes.starts_with(&OLE) {
        return Err(ReadError::Encrypted(None));
    }
    if !bytes.starts_with(b"PK") {
        return Err(ReadError::NotZip(
            "it does not start as a zip archive does".into(),
        ));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::NotZip(neutralise(&e.to_string()).into_owned()))?;
    if zip.len() > limits.entries {
        return Err(ReadError::TooManyEntries { count: zip.len() });
    }
    let mut left = limits.total_bytes;
    let mut read = |name| part(&mut zip, name, limits, &mut left);
    let document = read("word/document.xml")?.ok_or(ReadError::NotWord)?;
    Ok(Package {
        document,
        styles: read("word/styles.xml")?,
        numbering: read("word/numbering.xml")?,
        comments: read("word/comments.xml")?,
        footnotes: read("word/footnotes.xml")?,
    })
}

/// The part `name` unpacked, or `None` if the zip has none of that name; `left` is what
/// the parts read so far leave of [`Limits::total_bytes`].
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &'static str,
    limits: &Limits,
    left: &mut u64,
) -> Result<Option<String>, ReadError> {
    let Some(index) = zip.index_for_name(name) else {
        return Ok(None);
    };
    let bad = |e: &dyn std::fmt::Display| ReadError::BadZip {
        part: name,
        error: neutralise(&e.to_string()).into_owned(),
    };
    let (declared, packed) = {
        let entry = zip.by_index_data(index).map_err(|e| bad(&e))?;
        if entry.encrypted() {
            return Err(ReadError::Encrypted(Some(name)));
        }
        (entry.size(), entry.compressed_size())
    };
    // What the header says is checked first, so an honest huge part costs nothing; what
    // comes out of the stream is checked as it comes, so a dishonest one costs no more.
    let too_large = |unpacked: u64| {
        if unpacked > limits.part_bytes {
            Some(ReadError::PartTooLarge {
                part: name,
                limit: limits.part_bytes,
            })
        } else if unpacked > *left {
            Some(ReadError::PartsTooLarge {
                limit: limits.total_bytes,
            })
        } else {
            None
        }
    };
    if let Some(e) = too_large(declared) {
        return Err(e);
    }
    let file = zip.by_index(index).map_err(|e| bad(&e))?;
    let mut reader = file.take(limits.part_bytes.min(*left) + 1);
    let mut out = Vec::with_capacity(declared.min(1 << 20) as usize);
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut buffer).map_err(|e| bad(&e))?;
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buffer[..n]);
        let unpacked = out.len() as u64;
        if let Some(e) = too_large(unpacked) {
            return Err(e);
        }
        if unpacked > limits.ratio_floor && unpacked / packed.max(1) > limits.ratio {
            return Err(ReadError::ZipBomb {
                part: name,
                ratio: limits.ratio,
            });
        }
    }
    *left -= out.len() as u64;
    let text = String::from_utf8(out).map_err(|_| ReadError::InPart {
        part: name,
        error: Box::new(ReadError::NotText),
    })?;
    Ok(Some(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }))
}

/// A part parsed under the limits Akoma Ntoso is parsed under (see `akn.rs`), its
/// problems said with its name.
fn parse<'i>(name: &'static str, text: &'i str) -> Result<roxmltree::Document<'i>, ReadError> {
    let in_part = |error: ReadError| ReadError::InPart {
        part: name,
        error: Box::new(error),
    };
    akn::prescan_with(text, NAMESPACES).map_err(in_part)?;
    let options = roxmltree::ParsingOptions {
        nodes_limit: akn::NODES as u32 + 1,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| in_part(ReadError::BadXml(neutralise(&e.to_string()).into_owned())))?;
    akn::check_depth(&doc).map_err(in_part)?;
    Ok(doc)
}

// Small helpers over WordprocessingML. Elements and attributes are matched by local
// name, whatever their prefix: Strict OOXML has another namespace for the same names.

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// `w:val` of child `name` of `n`.
fn val<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(n, name).and_then(|c| attr(c, "val"))
}

/// An attribute as text to show: neutralised, as everything from a file is.
fn shown(n: Node<'_, '_>, name: &str) -> String {
    neutralise(attr(n, name).unwrap_or("")).into_owned()
}

/// Words separated by single spaces, neutralised.
fn collapse(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    neutralise(&words.join(" ")).into_owned()
}

fn number(s: &str) -> Option<i64> {
    s.trim()
        .parse::<i64>()
        .ok()
        .map(|n| n.clamp(-1, 1_000_000_000))
}

// Styles and numbering.

/// A paragraph's numbering as its properties give it: a list (`w:numId`) and a level
/// (`w:ilvl`), either of which may be left to the style.
#[derive(Debug, Clone, Default, PartialEq)]
struct NumPr {
    num_id: Option<String>,
    level: Option<usize>,
}

fn numbering_of(ppr: Node<'_, '_>) -> Option<NumPr> {
    let n = child(ppr, "numPr")?;
    Some(NumPr {
        num_id: val(n, "numId").map(str::to_owned),
        level: val(n, "ilvl")
            .and_then(number)
            .map(|l| l.clamp(0, 8) as usize),
    })
}

/// What a paragraph's properties say that the reader uses.
#[derive(Debug, Clone, Default)]
struct Props {
    style: Option<String>,
    numbering: Option<NumPr>,
}

fn props(ppr: Node<'_, '_>) -> Props {
    Props {
        style: val(ppr, "pStyle").map(str::to_owned),
        numbering: numbering_of(ppr),
    }
}

#[derive(Debug, Default)]
struct Style {
    heading: bool,
    based_on: Option<String>,
    numbering: Option<NumPr>,
}

/// The paragraph styles of `word/styles.xml`.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    /// The style of a paragraph that names none.
    default: Option<String>,
}

impl Styles {
    fn read(doc: &roxmltree::Document<'_>) -> Styles {
        let mut styles = Styles::default();
        for s in doc.root_element().children().filter(|c| {
            c.is_element()
                && c.tag_name().name() == "style"
                && attr(*c, "type") == Some("paragraph")
        }) {
            let Some(id) = attr(s, "styleId") else {
                continue;
            };
            let name = val(s, "name").unwrap_or("").to_lowercase();
            let heading = is_heading_name(id) || is_heading_name(&name);
            if attr(s, "default").is_some_and(|d| d == "1" || d == "true") {
                styles.default = Some(id.to_owned());
            }
            styles.by_id.entry(id.to_owned()).or_insert(Style {
                heading,
                based_on: val(s, "basedOn").map(str::to_owned),
                numbering: child(s, "pPr").and_then(numbering_of),
            });
        }
        styles
    }

    /// The style and those it is based on, nearest first, at most 16 (a chain that
    /// loops ends there).
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = id.or(self.default.as_deref());
        std::iter::from_fn(move || {
            let style = self.by_id.get(next?)?;
            next = style.based_on.as_deref();
            Some(style)
        })
        .take(16)
    }

    fn is_heading(&self, id: Option<&str>) -> bool {
        self.chain(id).any(|s| s.heading)
    }

    /// A paragraph's list and level: its own, else its style's (each part on its own).
    fn numbering(&self, props: &Props) -> Option<(String, usize)> {
        let own = props.numbering.clone().unwrap_or_default();
        let mut num_id = own.num_id;
        let mut level = own.level;
        for s in self.chain(props.style.as_deref()) {
            if let Some(n) = &s.numbering {
                num_id = num_id.or_else(|| n.num_id.clone());
                level = level.or(n.level);
            }
        }
        // List 0 is "no list": how a paragraph takes off the numbering of its style.
        let num_id = num_id.filter(|id| id != "0")?;
        Some((num_id, level.unwrap_or(0)))
    }
}

/// `Heading1`, `heading 2`, `Title`: the styles Word makes headings of.
fn is_heading_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let rest = lower.strip_prefix("heading").map(|r| r.trim_start());
    lower == "title"
        || rest
            .is_some_and(|r| !r.is_empty() && r.len() <= 2 && r.bytes().all(|b| b.is_ascii_digit()))
}

/// How a level writes its number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

impl Format {
    fn of(name: &str) -> Format {
        match name {
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "decimalZero" => Format::DecimalZero,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            // Ordinals, Chinese counting and the other formats are written as numbers.
            _ => Format::Decimal,
        }
    }

    fn write(self, n: i64, out: &mut String) {
        use std::fmt::Write;
        // Letters past zz and Roman numerals past 3999 would be long or undefined: Word
        // itself goes on in ways no draft needs; digits are clear.
        match self {
            Format::LowerLetter | Format::UpperLetter if (1..=26 * 4).contains(&n) => {
                let base = if self == Format::LowerLetter {
                    b'a'
                } else {
                    b'A'
                };
                let letter = (base + ((n - 1) % 26) as u8) as char;
                for _ in 0..=(n - 1) / 26 {
                    out.push(letter);
                }
            }
            Format::LowerRoman | Format::UpperRoman if (1..4000).contains(&n) => {
                let roman = crate::draft::model::roman(n);
                if self == Format::LowerRoman {
                    out.push_str(&roman.to_lowercase());
                } else {
                    out.push_str(&roman);
                }
            }
            Format::DecimalZero if (0..10).contains(&n) => {
                let _ = write!(out, "0{n}");
            }
            Format::Bullet | Format::None => {}
            _ => {
                let _ = write!(out, "{n}");
            }
        }
    }
}

/// One level of a list: where it starts, how it writes its number, and the text around
/// the numbers (`%1.`, `%1.%2`, `(%2)`).
#[derive(Debug, Clone)]
struct Level {
    start: i64,
    format: Format,
    text: String,
    /// `w:isLgl`: every level's number written in digits.
    legal: bool,
}

/// The most characters of a level's text that are read.
const LEVEL_TEXT: usize = 64;

fn level(l: Node<'_, '_>) -> Level {
    Level {
        start: val(l, "start").and_then(number).unwrap_or(0),
        format: Format::of(val(l, "numFmt").unwrap_or("decimal")),
        // Word's level texts are a few characters; a longer one is cut, so that numbering
        // costs each paragraph a few characters, whatever the file says.
        text: val(l, "lvlText")
            .unwrap_or("")
            .chars()
            .take(LEVEL_TEXT)
            .collect(),
        legal: child(l, "isLgl")
            .is_some_and(|x| attr(x, "val").is_none_or(|v| v != "0" && v != "false")),
    }
}

fn level_index(l: Node<'_, '_>) -> Option<usize> {
    attr(l, "ilvl")
        .and_then(number)
        .filter(|i| (0..9).contains(i))
        .map(|i| i as usize)
}

#[derive(Debug, Default)]
struct Abstract {
    levels: [Option<Level>; 9],
}

/// A list (`w:num`): an abstract definition, and levels it restarts or redefines.
#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    /// `w:lvlOverride/w:startOverride`: the level starts again there, at the list's
    /// first paragraph.
    restarts: Vec<(usize, i64)>,
    /// `w:lvlOverride/w:lvl`: the level as this list defines it.
    levels: [Option<Level>; 9],
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
}

impl Numbering {
    fn read(doc: &roxmltree::Document<'_>) -> Numbering {
        let mut numbering = Numbering::default();
        for n in doc.root_element().children().filter(Node::is_element) {
            match n.tag_name().name() {
                "abstractNum" => {
                    let Some(id) = attr(n, "abstractNumId") else {
                        continue;
                    };
                    let mut a = Abstract::default();
                    for l in n.children().filter(|c| c.tag_name().name() == "lvl") {
                        if let Some(i) = level_index(l) {
                            a.levels[i] = Some(level(l));
                        }
                    }
                    numbering.abstracts.entry(id.to_owned()).or_insert(a);
                }
                "num" => {
                    let (Some(id), Some(abstract_id)) = (attr(n, "numId"), val(n, "abstractNumId"))
                    else {
                        continue;
                    };
                    let mut num = Num {
                        abstract_id: abstract_id.to_owned(),
                        ..Num::default()
                    };
                    for o in n
                        .children()
                        .filter(|c| c.tag_name().name() == "lvlOverride")
                    {
                        let Some(i) = level_index(o) else {
                            continue;
                        };
                        if let Some(start) = val(o, "startOverride").and_then(number) {
                            num.restarts.push((i, start));
                        }
                        if let Some(l) = child(o, "lvl") {
                            num.levels[i] = Some(level(l));
                        }
                    }
                    numbering.nums.entry(id.to_owned()).or_insert(num);
                }
                _ => {}
            }
        }
        numbering
    }
}

/// Where each list stands, as paragraphs are numbered in order.
///
/// The counters belong to the abstract definition, not to the list: lists that share one
/// continue each other's numbering, as Word shows them, unless a list restarts a level
/// (`w:startOverride`), which it does at its first paragraph.
#[derive(Debug, Default)]
struct Counters {
    counts: HashMap<String, [Option<i64>; 9]>,
    seen: HashSet<String>,
}

impl Counters {
    /// The number Word shows before the next paragraph of list `num_id` at `level`, as
    /// its level text writes it (`None` for a bullet, a list that is not defined, or a
    /// level with no text).
    fn next(&mut self, numbering: &Numbering, num_id: &str, level: usize) -> Option<String> {
        let num = numbering.nums.get(num_id)?;
        let abs = numbering.abstracts.get(&num.abstract_id);
        let def = |l: usize| {
            num.levels[l]
                .as_ref()
                .or(abs.and_then(|a| a.levels[l].as_ref()))
        };
        let this = def(level)?;
        let counts = self.counts.entry(num.abstract_id.clone()).or_default();
        if self.seen.insert(num_id.to_owned()) {
            for &(l, start) in &num.restarts {
                counts[l] = Some(start - 1);
                for c in &mut counts[l + 1..] {
                    *c = None;
                }
            }
        }
        counts[level] = Some(counts[level].map_or(this.start, |c| c + 1));
        // A level going on starts the levels below it again.
        for c in &mut counts[level + 1..] {
            *c = None;
        }
        if this.format == Format::Bullet {
            return None;
        }
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match digit {
                Some(d @ 1..=9) if c == '%' => {
                    chars.next();
                    let l = d as usize - 1;
                    let format = def(l).map_or(Format::Decimal, |x| x.format);
                    let format = if this.legal && format != Format::None {
                        Format::Decimal
                    } else {
                        format
                    };
                    // A level above that has not had a paragraph yet shows its start.
                    let n = counts[l].unwrap_or_else(|| def(l).map_or(1, |x| x.start));
                    format.write(n, &mut out);
                }
                _ => out.push(c),
            }
        }
        let out = out.trim();
        (!out.is_empty()).then(|| out.to_owned())
    }
}

// Notes and comments.

/// The words of a note or comment on `side` of its own tracked changes, its paragraphs
/// joined, spacing collapsed.
fn words_on(n: Node<'_, '_>, side: Side) -> String {
    fn walk(n: Node<'_, '_>, side: Side, out: &mut String) {
        for c in n.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "t" | "delText" => {
                    for t in c.children().filter(Node::is_text) {
                        out.push_str(t.text().unwrap_or(""));
                    }
                }
                "tab" | "br" | "cr" => out.push(' '),
                "p" => {
                    out.push(' ');
                    walk(c, side, out);
                }
                "ins" | "moveTo" if side == Side::Original => {}
                "del" | "moveFrom" if side == Side::Accepted => {}
                "pPr" | "rPr" | "instrText" | "delInstrText" | "AlternateContent" | "drawing"
                | "pict" | "object" => {}
                _ => walk(c, side, out),
            }
        }
    }
    let mut out = String::new();
    walk(n, side, &mut out);
    collapse(&out)
}

struct Notes {
    /// Footnote id → its words on each side.
    footnotes: HashMap<String, [String; 2]>,
    /// Comment id → the comment (its anchor filled in per side).
    comments: HashMap<String, Comment>,
}

fn read_footnotes(doc: &roxmltree::Document<'_>) -> HashMap<String, [String; 2]> {
    doc.root_element()
        .children()
        .filter(|c| c.tag_name().name() == "footnote")
        // The separator lines Word keeps as footnotes of their own type.
        .filter(|c| attr(*c, "type").is_none_or(|t| t == "normal"))
        .filter_map(|f| {
            let id = attr(f, "id")?;
            Some((
                id.to_owned(),
                [Side::Original, Side::Accepted].map(|s| words_on(f, s)),
            ))
        })
        .collect()
}

fn read_comments(doc: &roxmltree::Document<'_>) -> HashMap<String, Comment> {
    doc.root_element()
        .children()
        .filter(|c| c.tag_name().name() == "comment")
        .filter_map(|c| {
            let id = attr(c, "id")?;
            Some((
                id.to_owned(),
                Comment {
                    author: shown(c, "author"),
                    date: shown(c, "date"),
                    text: words_on(c, Side::Accepted),
                    anchor: String::new(),
                },
            ))
        })
        .collect()
}

// The document.

/// What the walk is inside of, for the words it meets.
#[derive(Debug, Clone, Copy, Default)]
struct Within {
    /// Inside `w:ins` or `w:moveTo`: not in the original.
    inserted: bool,
    /// Inside `w:del` or `w:moveFrom`: not in the accepted version.
    deleted: bool,
    /// The innermost tracked change, whose text the words are.
    change: Option<usize>,
}

impl Within {
    fn on(self, side: usize) -> bool {
        if side == 0 {
            !self.inserted
        } else {
            !self.deleted
        }
    }
}

/// A paragraph of one side, its words in [`SideText::all`] from `start`.
#[derive(Debug, Default)]
struct Para {
    start: usize,
    props: Props,
    footnotes: Vec<String>,
}

/// Where a comment's anchor is on one side.
#[derive(Debug)]
struct Anchor {
    para: usize,
    start: usize,
    end: Option<usize>,
}

/// One side's text as the walk writes it: every paragraph's words one after the other, a
/// line break between two, so that a comment's anchor across paragraphs is one slice.
#[derive(Debug, Default)]
struct SideText {
    all: String,
    paras: Vec<Para>,
    /// The last paragraph's mark is not on this side: the next paragraph joins it.
    joins_next: bool,
    /// A space is owed before the next words: two paragraphs joined here.
    space_due: bool,
    anchors: HashMap<String, Anchor>,
}

impl SideText {
    fn begin(&mut self, props: Props) {
        if self.joins_next && !self.paras.is_empty() {
            // The paragraph whose mark remains gives the joined one its properties.
            if let Some(last) = self.paras.last_mut() {
                last.props = props;
            }
            self.space_due = true;
            return;
        }
        if !self.paras.is_empty() {
            self.all.push('\n');
        }
        self.paras.push(Para {
            start: self.all.len(),
            props,
            footnotes: Vec::new(),
        });
        self.space_due = false;
    }

    fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.space_due {
            let start = self.paras.last().map_or(0, |p| p.start);
            if self.all.len() > start {
                self.all.push(' ');
            }
            self.space_due = false;
        }
        self.all.push_str(text);
    }

    fn current(&self) -> usize {
        self.paras.len().saturating_sub(1)
    }

    fn text_of(&self, k: usize) -> &str {
        let start = self.paras[k].start;
        let end = self
            .paras
            .get(k + 1)
            .map_or(self.all.len(), |p| p.start - 1);
        &self.all[start..end]
    }

    /// The side's blocks: each paragraph with its number, kind, footnotes and comments.
    ///
    /// A footnote's text is copied to each paragraph that refers to it and a comment's
    /// anchor out of the text, so a file could ask for far more than its size (a long
    /// footnote referred to a million times): what is copied shares one budget,
    /// [`ATTACHED`], past which footnotes and anchors are left empty.
    fn blocks(
        &self,
        styles: &Styles,
        numbering: &Numbering,
        notes: &Notes,
        side: Side,
    ) -> Vec<Block> {
        let mut budget = ATTACHED;
        let mut counters = Counters::default();
        let mut blocks: Vec<Block> = self
            .paras
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let num = styles
                    .numbering(&p.props)
                    .and_then(|(id, level)| counters.next(numbering, &id, level));
                let heading = styles.is_heading(p.props.style.as_deref());
                Block {
                    text: self.text_of(k).to_owned(),
                    num,
                    kind: heading.then_some(Kind::Heading),
                    styled: heading,
                    footnotes: p
                        .footnotes
                        .iter()
                        .filter_map(|id| notes.footnotes.get(id))
                        .map(|f| {
                            let text = &f[side.index()];
                            if text.len() > budget {
                                return String::new();
                            }
                            budget -= text.len();
                            text.clone()
                        })
                        .collect(),
                    ..Block::default()
                }
            })
            .collect();
        let mut anchored: Vec<(&String, &Anchor)> = self.anchors.iter().collect();
        anchored.sort_by_key(|(id, a)| (a.start, a.para, id.as_str()));
        for (id, a) in anchored {
            let (Some(comment), Some(block)) = (notes.comments.get(id), blocks.get_mut(a.para))
            else {
                continue;
            };
            let end = a.end.unwrap_or(a.start).clamp(a.start, self.all.len());
            // At most a few lines of the words it marks: a comment across the whole text
            // is shown by its start.
            let mut cut = end.min(a.start + 1000).min(a.start + budget);
            while !self.all.is_char_boundary(cut) {
                cut -= 1;
            }
            budget -= cut - a.start;
            block.comments.push(Comment {
                anchor: collapse(&self.all[a.start..cut]),
                ..comment.clone()
            });
        }
        blocks
    }
}

/// A tracked change as the walk finds it: its paragraph is a paragraph of its side.
#[derive(Debug)]
struct RawChange {
    kind: ChangeKind,
    author: String,
    date: String,
    para: usize,
    text: String,
}

/// The walk of `word/document.xml`: both sides written at once.
#[derive(Debug, Default)]
struct Walk {
    sides: [SideText; 2],
    changes: Vec<RawChange>,
    /// Comments whose range starts between paragraphs: they start with the next one.
    starts_ahead: Vec<String>,
}

impl Walk {
    /// Block-level content: paragraphs, and the tables and content controls that hold
    /// them.
    fn blocks(&mut self, n: Node<'_, '_>) {
        for c in n.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "p" => self.paragraph(c),
                "tbl" | "tr" | "tc" | "sdt" | "sdtContent" | "customXml" => self.blocks(c),
                "commentRangeStart" => self
                    .starts_ahead
                    .push(attr(c, "id").unwrap_or("").to_owned()),
                "commentRangeEnd" => self.comment_end(c),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: Node<'_, '_>) {
        let ppr = child(p, "pPr");
        let now = ppr.map(props).unwrap_or_default();
        // The properties before a tracked change of them: how the original numbered it.
        let before = ppr
            .and_then(|x| child(x, "pPrChange"))
            .and_then(|c| child(c, "pPr"))
            .map(props);
        self.sides[0].begin(before.unwrap_or_else(|| now.clone()));
        self.sides[1].begin(now);
        for id in std::mem::take(&mut self.starts_ahead) {
            self.comment_id(&id, false);
        }
        self.inline(p, Within::default());
        let mark = ppr.and_then(|x| child(x, "rPr"));
        let inserted = mark.and_then(|m| child(m, "ins").or_else(|| child(m, "moveTo")));
        let deleted = mark.and_then(|m| child(m, "del").or_else(|| child(m, "moveFrom")));
        if let Some(m) = inserted {
            self.change(m, ChangeKind::ParagraphSplit);
        }
        if let Some(m) = deleted {
            self.change(m, ChangeKind::ParagraphJoined);
        }
        self.sides[0].joins_next = inserted.is_some();
        self.sides[1].joins_next = deleted.is_some();
    }

    fn change(&mut self, n: Node<'_, '_>, kind: ChangeKind) -> usize {
        self.changes.push(RawChange {
            kind,
            author: shown(n, "author"),
            date: shown(n, "date"),
            para: self.sides[kind.side().index()].current(),
            text: String::new(),
        });
        self.changes.len() - 1
    }

    /// A paragraph's content: runs, and what holds runs.
    fn inline(&mut self, n: Node<'_, '_>, within: Within) {
        for c in n.children().filter(Node::is_element) {
            let name = c.tag_name().name();
            match name {
                "r" => self.run(c, within),
                "ins" | "moveTo" | "del" | "moveFrom" => {
                    let kind = match name {
                        "ins" => ChangeKind::Inserted,
                        "moveTo" => ChangeKind::MovedTo,
                        "del" => ChangeKind::Deleted,
                        _ => ChangeKind::MovedFrom,
                    };
                    let change = Some(self.change(c, kind));
                    let inner = if kind.adds() {
                        Within {
                            inserted: true,
                            change,
                            ..within
                        }
                    } else {
                        Within {
                            deleted: true,
                            change,
                            ..within
                        }
                    };
                    self.inline(c, inner);
                }
                "commentRangeStart" => self.comment(c, false),
                "commentRangeEnd" => self.comment_end(c),
                "hyperlink" | "smartTag" | "sdt" | "sdtContent" | "fldSimple" | "customXml"
                | "dir" | "bdo" => self.inline(c, within),
                _ => {}
            }
        }
    }

    /// A comment's anchor starts here (`point`: it marks this point only, unless its
    /// range started before).
    fn comment(&mut self, n: Node<'_, '_>, point: bool) {
        self.comment_id(attr(n, "id").unwrap_or(""), point);
    }

    fn comment_id(&mut self, id: &str, point: bool) {
        for s in &mut self.sides {
            let (para, start) = (s.current(), s.all.len());
            s.anchors.entry(id.to_owned()).or_insert(Anchor {
                para,
                start,
                end: point.then_some(start),
            });
        }
    }

    /// A comment's anchor ends here.
    fn comment_end(&mut self, n: Node<'_, '_>) {
        let id = attr(n, "id").unwrap_or("");
        for s in &mut self.sides {
            let len = s.all.len();
            if let Some(a) = s.anchors.get_mut(id) {
                a.end.get_or_insert(len);
            }
        }
    }

    fn run(&mut self, r: Node<'_, '_>, within: Within) {
        for c in r.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "t" | "delText" => {
                    for t in c.children().filter(Node::is_text) {
                        self.words(t.text().unwrap_or(""), within);
                    }
                }
                "tab" | "ptab" => self.words("\t", within),
                "br" | "cr" => self.words("\n", within),
                "noBreakHyphen" => self.words("-", within),
                "footnoteReference" => {
                    let id = attr(c, "id").unwrap_or("").to_owned();
                    for (k, s) in self.sides.iter_mut().enumerate() {
                        if within.on(k)
                            && let Some(p) = s.paras.last_mut()
                        {
                            p.footnotes.push(id.clone());
                        }
                    }
                }
                "commentReference" => self.comment(c, true),
                _ => {}
            }
        }
    }

    fn words(&mut self, text: &str, within: Within) {
        for (k, s) in self.sides.iter_mut().enumerate() {
            if within.on(k) {
                s.push(text);
            }
        }
        if let Some(c) = within.change {
            self.changes[c].text.push_str(text);
        }
    }
}

/// The Word files the tests build (shared with the tests of the binary and the benches).
#[cfg(test)]
#[path = "../../../tests/common/docx.rs"]
mod fixture;

#[cfg(test)]
mod tests {
    use super::fixture::*;
    use super::*;

    fn labels(v: &Version) -> Vec<&str> {
        v.paragraphs.iter().map(|p| p.label.as_str()).collect()
    }

    fn texts(v: &Version) -> Vec<&str> {
        v.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    fn accepted(d: &Docx) -> Version {
        docx(&d.bytes(), Side::Accepted).unwrap()
    }

    /// One abstract list (`%1.`, `%1.%2`, `(%3)`, `%4)`, `%5`) and lists of it.
    fn lists(nums: &str) -> String {
        abstract_num(
            1,
            &[
                (1, "decimal", "%1."),
                (1, "decimal", "%1.%2"),
                (1, "lowerLetter", "(%3)"),
                (1, "lowerRoman", "%4)"),
                (1, "upperRoman", "%5"),
                (1, "bullet", "\u{2022}"),
            ],
        ) + nums
    }

    /// The numbers Word shows before each paragraph of `body`.
    fn numbers_of(numbering: &str, body: &[String]) -> Vec<Option<String>> {
        let d = Docx::new(body.concat()).numbering(numbering);
        // Labels are made of the numbers; the numbers themselves are the blocks'.
        let package = unpack(&d.bytes(), &LIMITS).unwrap();
        let doc = parse("word/document.xml", &package.document).unwrap();
        let numbering_text = package.numbering.unwrap();
        let nd = parse("word/numbering.xml", &numbering_text).unwrap();
        let numbering = Numbering::read(&nd);
        let mut walk = Walk::default();
        walk.blocks(child(doc.root_element(), "body").unwrap());
        let notes = Notes {
            footnotes: HashMap::new(),
            comments: HashMap::new(),
        };
        walk.sides[1]
            .blocks(&Styles::default(), &numbering, &notes, Side::Accepted)
            .into_iter()
            .map(|b| b.num)
            .collect()
    }

    fn some(v: &[&str]) -> Vec<Option<String>> {
        v.iter()
            .map(|s| (!s.is_empty()).then(|| (*s).to_owned()))
            .collect()
    }

    #[test]
    fn levels_are_numbered_as_word_shows_them_and_lower_levels_start_again() {
        let body = [
            numbered(1, 0, "One"),
            numbered(1, 1, "One one"),
            numbered(1, 1, "One two"),
            numbered(1, 2, "a"),
            numbered(1, 2, "b"),
            numbered(1, 3, "i"),
            numbered(1, 3, "ii"),
            numbered(1, 3, "iii"),
            numbered(1, 0, "Two"),
            numbered(1, 1, "Two one: the level below started again"),
            numbered(1, 4, "roman five"),
            numbered(1, 5, "a bullet has no number"),
            p("not in a list"),
        ];
        assert_eq!(
            numbers_of(&lists(&num(1, 1, &[])), &body),
            some(&[
                "1.", "1.1", "1.2", "(a)", "(b)", "i)", "ii)", "iii)", "2.", "2.1", "I", "", ""
            ])
        );
    }

    #[test]
    fn start_values_overrides_and_continuation_across_lists() {
        let numbering = abstract_num(1, &[(5, "decimal", "%1.")])
            + &abstract_num(2, &[(1, "upperLetter", "%1.")])
            + &num(1, 1, &[])
            // Shares list 1's counters: continues it.
            + &num(2, 1, &[])
            // Restarts the level at 1 at its first paragraph.
            + &num(3, 1, &[(0, 1)])
            + &num(4, 2, &[]);
        let body = [
            numbered(1, 0, "starts at 5"),
            numbered(1, 0, "six"),
            p("a paragraph between does not break the list"),
            numbered(2, 0, "another list of the same definition goes on"),
            numbered(4, 0, "a list of its own"),
            numbered(3, 0, "restarted"),
            numbered(3, 0, "two"),
            numbered(1, 0, "the first list goes on from the restart"),
            numbered(4, 0, "B"),
            numbered(9, 0, "a list that is not defined has no number"),
        ];
        assert_eq!(
            numbers_of(&numbering, &body),
            some(&["5.", "6.", "", "7.", "A.", "1.", "2.", "3.", "B.", ""])
        );
    }

    #[test]
    fn letters_and_numerals_go_on_past_their_first_round() {
        let mut s = String::new();
        for (format, n, want) in [
            (Format::LowerLetter, 27, "aa"),
            (Format::UpperLetter, 53, "AAA"),
            (Format::LowerRoman, 1994, "mcmxciv"),
            (Format::UpperRoman, 4000, "4000"),
            (Format::DecimalZero, 7, "07"),
            (Format::LowerLetter, 0, "0"),
        ] {
            s.clear();
            format.write(n, &mut s);
            assert_eq!(s, want, "{format:?} {n}");
        }
    }

    #[test]
    fn the_computed_number_is_the_label_and_a_typed_one_still_works() {
        let d = Docx::new(
            [
                p("1. Decides, with the number typed."),
                numbered(1, 0, "Invites, numbered by Word."),
                numbered(1, 1, "the first sub-paragraph;"),
                numbered(1, 0, "Requests."),
            ]
            .concat(),
        )
        .numbering(
            abstract_num(1, &[(2, "decimal", "%1."), (1, "lowerLetter", "(%2)")]) + &num(1, 1, &[]),
        );
        let v = accepted(&d);
        assert_eq!(labels(&v), ["1", "2", "3"]);
        assert_eq!(
            texts(&v),
            [
                "Decides, with the number typed.",
                "Invites, numbered by Word. (a) the first sub-paragraph;",
                "Requests."
            ]
        );
        assert_eq!(v.paragraphs[1].subs, ["a"]);
    }

    #[test]
    fn styles_give_headings_and_numbering_through_the_styles_they_are_based_on() {
        let styles = style("Title", "Title", None)
            + &style("Heading2", "heading 2", None)
            + "<w:style w:type=\"paragraph\" w:styleId=\"Chapter\"><w:name w:val=\"Chapter\"/><w:basedOn w:val=\"Heading2\"/></w:style>"
            + &style("Numbered", "Numbered", Some(1))
            + "<w:style w:type=\"paragraph\" w:styleId=\"Loop\"><w:name w:val=\"Loop\"/><w:basedOn w:val=\"Loop\"/></w:style>";
        let d = Docx::new(
            [
                styled("Title", "Harbour rules"),
                styled("Chapter", "Pilots"),
                styled("Numbered", "Pilots are licensed."),
                styled("Numbered", "Pilots keep logs."),
                // List 0 takes the style's numbering off.
                para(
                    "<w:pStyle w:val=\"Numbered\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>",
                    &run("Not numbered, though of the style."),
                ),
                styled(
                    "Loop",
                    "A style based on itself is read, not followed forever.",
                ),
            ]
            .concat(),
        )
        .styles(styles)
        .numbering(abstract_num(1, &[(1, "upperRoman", "%1.")]) + &num(1, 1, &[]));
        let v = accepted(&d);
        let kinds: Vec<(&str, Kind)> = v
            .paragraphs
            .iter()
            .map(|p| (p.label.as_str(), p.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Harbour rules", Kind::Heading),
                ("Pilots", Kind::Heading),
                ("I", Kind::Operative),
                ("II", Kind::Operative),
                ("U1", Kind::Operative),
                ("U2", Kind::Operative),
            ]
        );
    }

    #[test]
    fn a_paragraph_whose_numbering_changed_is_numbered_as_it_was_in_the_original() {
        let d = Docx::new(
            [
                numbered(1, 0, "Decides."),
                para(
                    &format!(
                        "{}<w:pPrChange w:id=\"1\" w:author=\"{ANA}\" w:date=\"2025-10-01T00:00:00Z\"><w:pPr></w:pPr></w:pPrChange>",
                        num_pr(1, 0)
                    ),
                    &run("Notes the reports, now numbered."),
                ),
            ]
            .concat(),
        )
        .numbering(abstract_num(1, &[(1, "decimal", "%1.")]) + &num(1, 1, &[]));
        let t = docx_tracked(&d.bytes()).unwrap();
        assert_eq!(labels(&t.original), ["1", "U1"]);
        assert_eq!(labels(&t.accepted), ["1", "2"]);
    }

    #[test]
    fn tracked_changes_give_an_original_and_an_accepted_version() {
        let t = docx_tracked(&sample().bytes()).unwrap();
        let by_label = |v: &Version, l: &str| v.paragraphs[v.find(l).unwrap()].text.clone();
        // Insertion and deletion.
        assert_eq!(
            by_label(&t.original, "2"),
            "Invites members to share early tide reports; (a) coastal members; (b) river members;"
        );
        assert_eq!(
            by_label(&t.accepted, "2"),
            "Invites all members to share tide reports; (a) coastal members; (b) river members;"
        );
        // A move: the words leave paragraph 4 and come to paragraph 5.
        assert_eq!(
            by_label(&t.original, "4"),
            "Encourages pilots to log depths at dawn;"
        );
        assert_eq!(
            by_label(&t.accepted, "4"),
            "Encourages pilots to log depths;"
        );
        assert_eq!(by_label(&t.original, "5"), "Asks crews to report;");
        assert_eq!(by_label(&t.accepted, "5"), "Asks crews to report at dawn;");
        // A paragraph inserted whole, another deleted whole: the numbers after them
        // follow each side's own paragraphs.
        assert_eq!(
            &texts(&t.original)[9..11],
            [
                "Regrets the closure of the north quay;",
                "Decides to remain seized of the matter."
            ]
        );
        assert_eq!(
            &texts(&t.accepted)[9..11],
            [
                "Welcomes the new lighthouse keepers;",
                "Decides to remain seized of the matter."
            ]
        );
        assert_eq!(
            labels(&t.original),
            [
                "Draft outcome on shared harbours",
                "Preamble",
                "PP1",
                "Operative part",
                "1",
                "2",
                "3",
                "4",
                "5",
                "6",
                "7",
                "Annex",
                "A",
                "B"
            ]
        );
        assert_eq!(labels(&t.accepted), labels(&t.original));
        // Reading one side is reading it of both.
        assert_eq!(docx(&sample().bytes(), Side::Original).unwrap(), t.original);
    }

    #[test]
    fn each_change_is_listed_with_its_author_date_and_paragraph() {
        let t = docx_tracked(&sample().bytes()).unwrap();
        let got: Vec<(&str, &str, &str, Option<&str>, &str)> = t
            .changes
            .iter()
            .map(|c| {
                (
                    c.kind.name(),
                    c.author.as_str(),
                    &c.date[..10],
                    c.label.as_deref(),
                    c.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("inserted", ANA, "2025-10-01", Some("2"), "all"),
                ("deleted", BEN, "2025-10-02", Some("2"), "early"),
                ("moved from", BEN, "2025-10-02", Some("4"), "at dawn"),
                ("moved to", BEN, "2025-10-02", Some("5"), "at dawn"),
                (
                    "inserted",
                    ANA,
                    "2025-10-01",
                    Some("6"),
                    "Welcomes the new lighthouse keepers;"
                ),
                ("paragraph split", ANA, "2025-10-01", Some("6"), ""),
                (
                    "deleted",
                    BEN,
                    "2025-10-02",
                    Some("6"),
                    "Regrets the closure of the north quay;"
                ),
                ("paragraphs joined", BEN, "2025-10-02", Some("6"), ""),
            ]
        );
    }

    #[test]
    fn a_deleted_paragraph_mark_joins_two_paragraphs_in_the_accepted_version() {
        let by = By {
            id: 1,
            author: ANA,
            date: "2025-10-01T00:00:00Z",
        };
        let d = Docx::new(
            [
                para(&mark("del", by), &run("Decides to meet,")),
                p("every second year."),
                para(&mark("ins", by), &run("Invites all")),
                p("members."),
            ]
            .concat(),
        );
        let t = docx_tracked(&d.bytes()).unwrap();
        assert_eq!(
            texts(&t.original),
            [
                "Decides to meet,",
                "every second year.",
                "Invites all members."
            ]
        );
        assert_eq!(
            texts(&t.accepted),
            [
                "Decides to meet, every second year.",
                "Invites all",
                "members."
            ]
        );
    }

    #[test]
    fn comments_and_footnotes_are_the_paragraphs_not_its_wording() {
        let t = docx_tracked(&sample().bytes()).unwrap();
        for v in [&t.original, &t.accepted] {
            let p = &v.paragraphs[v.find("3").unwrap()];
            assert_eq!(p.text, "Requests a yearly report on dredging;");
            assert_eq!(
                p.footnotes,
                ["As set out in the council's rules of procedure."]
            );
            assert_eq!(
                p.comments,
                [Comment {
                    author: BEN.to_owned(),
                    date: "2025-10-03T08:00:00Z".to_owned(),
                    text: "Twice a year would suit the smaller ports.".to_owned(),
                    anchor: "yearly report".to_owned(),
                }]
            );
            // Nothing else has any.
            let others = v
                .paragraphs
                .iter()
                .filter(|q| !q.footnotes.is_empty() || !q.comments.is_empty())
                .count();
            assert_eq!(others, 1);
        }
    }

    #[test]
    fn a_comment_across_paragraphs_belongs_to_the_one_it_starts_in() {
        let d = Docx::new(
            [
                p("Decides to meet."),
                "<w:commentRangeStart w:id=\"3\"/>".to_owned(),
                p("Invites all members."),
                para(
                    "",
                    &(run("Requests a report.") + "<w:commentRangeEnd w:id=\"3\"/>"),
                ),
            ]
            .concat(),
        )
        .comments(format!(
            "<w:comment w:id=\"3\" w:author=\"{ANA}\"><w:p>{}</w:p><w:p>{}</w:p></w:comment>",
            run("Two paragraphs"),
            run("of comment.")
        ));
        let v = accepted(&d);
        let with: Vec<(usize, &Comment)> = v
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(k, p)| p.comments.iter().map(move |c| (k, c)))
            .collect();
        assert_eq!(
            with,
            [(
                1,
                &Comment {
                    author: ANA.to_owned(),
                    date: String::new(),
                    text: "Two paragraphs of comment.".to_owned(),
                    anchor: "Invites all members. Requests a report.".to_owned(),
                }
            )]
        );
    }

    #[test]
    fn text_from_the_file_carries_no_control_character() {
        // What XML allows of what a terminal acts on: C1 controls and bidi overrides.
        let evil = "x\u{9b}31m\u{202e}\u{85}y";
        let d = Docx::new(
            p(&format!("Decides {evil}."))
                + &para(
                    "",
                    &(run("Notes")
                        + "<w:commentRangeStart w:id=\"1\"/>"
                        + &run(evil)
                        + "<w:commentRangeEnd w:id=\"1\"/>"
                        + &ins(
                            By {
                                id: 2,
                                author: evil,
                                date: evil,
                            },
                            evil,
                        )),
                ),
        )
        .comments(format!(
            "<w:comment w:id=\"1\" w:author=\"{}\" w:date=\"{}\"><w:p>{}</w:p></w:comment>",
            escape(evil),
            escape(evil),
            run(evil)
        ));
        let t = docx_tracked(&d.bytes()).unwrap();
        let clean = |s: &str| {
            !s.chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))
        };
        for v in [&t.original, &t.accepted] {
            for p in &v.paragraphs {
                assert!(clean(&p.text), "{:?}", p.text);
                for c in &p.comments {
                    assert!(
                        clean(&c.author) && clean(&c.date) && clean(&c.text) && clean(&c.anchor),
                        "{c:?}"
                    );
                }
            }
        }
        for c in &t.changes {
            assert!(
                clean(&c.author) && clean(&c.date) && clean(&c.text),
                "{c:?}"
            );
        }
    }

    #[test]
    fn word_markup_that_is_not_wording_is_left_out() {
        // As Word writes a paragraph: revision ids, proofing marks, a bookmark, a field
        // (its code is not text, its result is), a link, a content control, a text box
        // in a drawing (not read), a tab, a line break and hyphens.
        let inner = [
            "<w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"0\" w:name=\"p1\"/>",
            "<w:r w:rsidR=\"00A1\"><w:rPr><w:i/></w:rPr><w:t>Recalling</w:t></w:r>",
            "<w:bookmarkEnd w:id=\"0\"/><w:proofErr w:type=\"spellEnd\"/>",
            "<w:r><w:t xml:space=\"preserve\"> its deci</w:t></w:r><w:r><w:t>sion</w:t></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> REF note1 \\h </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t xml:space=\"preserve\"> 12/3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            "<w:hyperlink r:id=\"rId9\" xmlns:r=\"urn:r\"><w:r><w:t xml:space=\"preserve\"> on tide</w:t></w:r></w:hyperlink>",
            "<w:r><w:noBreakHyphen/><w:t>tables</w:t><w:softHyphen/></w:r>",
            "<w:sdt><w:sdtPr><w:alias w:val=\"Year\"/></w:sdtPr><w:sdtContent><w:r><w:t xml:space=\"preserve\"> of 2025</w:t></w:r></w:sdtContent></w:sdt>",
            "<w:r><mc:AlternateContent xmlns:mc=\"urn:mc\"><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>BOX</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:t>BOX</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
            "<w:r><w:tab/><w:t>and</w:t><w:br/><w:t>its annex,</w:t></w:r>",
        ]
        .concat();
        let d =
            Docx::new(para("<w:jc w:val=\"both\"/><w:ind w:left=\"0\"/>", &inner) + "<w:sectPr/>");
        let v = accepted(&d);
        assert_eq!(
            texts(&v),
            ["Recalling its decision 12/3 on tide-tables of 2025 and its annex,"]
        );
        assert_eq!(v.paragraphs[0].kind, Kind::Preambular);
        // The tab is a space once the text is neutralised; the line break is layout.
        assert_eq!(
            v.paragraphs[0].layout,
            xxhash_rust::xxh3::xxh3_64(
                "Recalling its decision 12/3 on tide-tables of 2025 and\nits annex,".as_bytes()
            )
        );
    }

    #[test]
    fn a_footnote_referred_to_again_and_again_is_copied_within_a_budget() {
        // 500 copies of a 64 KB footnote would be 32 MB: twice the budget.
        let long = "Pilots' logs. ".repeat(64 * 1024 / 14);
        let refs = "<w:r><w:footnoteReference w:id=\"1\"/></w:r>".repeat(50);
        let body = (0..10)
            .map(|k| para("", &(run(&format!("{}. Paragraph.", k + 1)) + &refs)))
            .collect::<String>();
        let d = Docx::new(body).footnotes(format!(
            "<w:footnote w:id=\"1\"><w:p>{}</w:p></w:footnote>",
            run(&long)
        ));
        let v = accepted(&d);
        let notes: Vec<&String> = v.paragraphs.iter().flat_map(|p| &p.footnotes).collect();
        assert_eq!(notes.len(), 500);
        let copied: usize = notes.iter().map(|n| n.len()).sum();
        assert!(copied <= ATTACHED, "{copied}");
        assert!(copied > ATTACHED - 70 * 1024, "{copied}");
        assert_eq!(notes[0].as_str(), long.trim_end());
    }

    // Limits and broken files.

    #[test]
    fn damaged_files_are_refused_or_read_never_a_panic() {
        // Bytes changed, cut off or repeated at places a small generator picks, over the
        // zip's headers and the packed parts alike.
        let good = sample().bytes();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..600 {
            let mut bytes = good.clone();
            match round % 3 {
                0 => {
                    for _ in 0..1 + next() % 8 {
                        let at = (next() % bytes.len() as u64) as usize;
                        bytes[at] = next() as u8;
                    }
                }
                1 => bytes.truncate((next() % bytes.len() as u64) as usize),
                _ => {
                    let at = (next() % bytes.len() as u64) as usize;
                    let piece = bytes[at..(at + 64).min(bytes.len())].to_vec();
                    bytes.splice(at..at, piece);
                }
            }
            // Either answer is fine; a panic fails the test.
            let _ = docx_tracked(&bytes);
        }
    }

    #[test]
    fn what_is_not_a_word_file_is_said_so() {
        assert!(matches!(
            docx_tracked(b"1. Decides."),
            Err(ReadError::NotZip(_))
        ));
        assert!(matches!(
            docx_tracked(b"PK\x03\x04 and then nothing a zip has"),
            Err(ReadError::NotZip(_))
        ));
        let other = zip_of(&[("notes.txt".to_owned(), b"1. Decides.".to_vec())]);
        assert_eq!(docx_tracked(&other).unwrap_err(), ReadError::NotWord);
        assert_eq!(
            docx_tracked(&other).unwrap_err().to_string(),
            "a zip archive, but not a Word file: a .docx has word/document.xml, and this has none"
        );
        let d = Docx::new("").raw("x", b"y".to_vec());
        assert_eq!(docx_tracked(&d.bytes()).unwrap_err(), ReadError::Empty);
        let bad = Docx::new("<w:p><w:r>");
        let e = docx_tracked(&bad.bytes()).unwrap_err();
        assert!(
            matches!(&e, ReadError::InPart { part: "word/document.xml", error } if matches!(**error, ReadError::BadXml(_))),
            "{e:?}"
        );
    }

    #[test]
    fn a_password_protected_file_is_refused_whichever_way_it_is_protected() {
        let mut ole = OLE.to_vec();
        ole.extend_from_slice(&[0; 512]);
        assert_eq!(docx_tracked(&ole).unwrap_err(), ReadError::Encrypted(None));
        assert!(
            docx_tracked(&ole)
                .unwrap_err()
                .to_string()
                .starts_with("a password-protected Word file")
        );
        // The encryption flag (bit 0 of the flags) on every entry.
        let mut bytes = sample().bytes();
        encrypt_flag(&mut bytes);
        assert_eq!(
            docx_tracked(&bytes).unwrap_err(),
            ReadError::Encrypted(Some("word/document.xml"))
        );
    }

    #[test]
    fn a_zip_bomb_is_refused_as_it_unpacks() {
        // 4 MiB of one repeated paragraph packs to a few kilobytes.
        let body = p("Decides to meet.").repeat(4 * 1024 * 1024 / 80);
        let bytes = Docx::new(body).bytes();
        assert!(bytes.len() < 100_000, "{}", bytes.len());
        assert_eq!(
            docx_tracked(&bytes).unwrap_err(),
            ReadError::ZipBomb {
                part: "word/document.xml",
                ratio: RATIO
            }
        );
    }

    #[test]
    fn a_part_too_large_is_refused_whatever_its_header_says() {
        let limits = Limits {
            part_bytes: 10_000,
            ratio: u64::MAX,
            ..LIMITS
        };
        // Parts each within their limit, too much together.
        let together = Limits {
            part_bytes: 10_000,
            total_bytes: 12_000,
            ratio: u64::MAX,
            ..LIMITS
        };
        let half = Docx::new(p("Decides to meet.").repeat(100))
            .footnotes(p("A note.").repeat(100))
            .bytes();
        assert_eq!(
            docx_with(&half, &together).unwrap_err(),
            ReadError::PartsTooLarge { limit: 12_000 }
        );
        assert!(docx_with(&half, &limits).is_ok());
        let body = p("Decides to meet.").repeat(1_000);
        let honest = Docx::new(body).bytes();
        let too_large = ReadError::PartTooLarge {
            part: "word/document.xml",
            limit: 10_000,
        };
        assert_eq!(docx_with(&honest, &limits).unwrap_err(), too_large);
        // The header says 100 bytes: the stream is still cut at the limit.
        let mut lying = honest.clone();
        claim_size(&mut lying, 100);
        let e = docx_with(&lying, &limits).unwrap_err();
        assert!(
            matches!(e, ReadError::PartTooLarge { .. } | ReadError::BadZip { .. }),
            "{e:?}"
        );
        assert!(docx_with(&honest, &LIMITS).is_ok());
    }

    #[test]
    fn too_many_entries_are_refused_before_any_is_read() {
        let mut d = sample();
        for k in 0..20 {
            d = d.raw(
                &format!("word/media/image{k}.png"),
                b"not an image".to_vec(),
            );
        }
        let limits = Limits {
            entries: 10,
            ..LIMITS
        };
        let count = d.parts().len();
        assert_eq!(
            docx_with(&d.bytes(), &limits).unwrap_err(),
            ReadError::TooManyEntries { count }
        );
    }

    #[test]
    fn xml_nested_too_deep_is_refused_with_its_place_in_the_part() {
        let deep = format!(
            "{}{}{}",
            "<w:sdt><w:sdtContent>".repeat(40),
            p("Decides."),
            "</w:sdtContent></w:sdt>".repeat(40)
        );
        let e = docx_tracked(&Docx::new(deep).bytes()).unwrap_err();
        let ReadError::InPart { part, error } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(*part, "word/document.xml");
        assert!(
            matches!(**error, ReadError::TooDeep { line: 2, .. }),
            "{error:?}"
        );
        assert!(
            e.to_string()
                .starts_with("in word/document.xml: line 2, column "),
            "{e}"
        );
        // The same in another part.
        let d = sample().numbering("<w:x>".repeat(100) + &"</w:x>".repeat(100));
        assert!(matches!(
            docx_tracked(&d.bytes()),
            Err(ReadError::InPart {
                part: "word/numbering.xml",
                ..
            })
        ));
    }

    #[test]
    fn a_part_that_is_not_utf8_is_refused() {
        let d = Docx::default();
        let mut parts = d.parts();
        parts[2].1 = b"<w:document>\xff</w:document>".to_vec();
        assert_eq!(
            docx_tracked(&zip_of(&parts)).unwrap_err(),
            ReadError::InPart {
                part: "word/document.xml",
                error: Box::new(ReadError::NotText)
            }
        );
    }

    #[test]
    fn read_takes_a_word_file_as_its_accepted_side_and_a_side_only_of_one() {
        let bytes = sample().bytes();
        let t = docx_tracked(&bytes).unwrap();
        // By its name, or by its first bytes under any name.
        assert_eq!(super::super::read("x.docx", &bytes).unwrap(), t.accepted);
        assert_eq!(super::super::read("-", &bytes).unwrap(), t.accepted);
        assert_eq!(
            super::super::read_as("x.docx", &bytes, Some(Side::Original)).unwrap(),
            t.original
        );
        assert_eq!(
            super::super::read_as("x.txt", b"1. Decides.", Some(Side::Original)),
            Err(ReadError::SideOfNotDocx)
        );
        assert!(matches!(
            super::super::read("x.docx", b"1. Decides."),
            Err(ReadError::NotZip(_))
        ));
    }
}
