//! A version of a negotiated text: an ordered list of paragraphs, each with a stable label,
//! a kind, a status tag and its wording. The readers (`read.rs`) cut a file into
//! [`Block`]s; [`Version::from_blocks`] turns blocks into paragraphs, so that labels,
//! status tags and headings are read the same way from every format.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use crate::brief::text::neutralise;

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, bitcode::Encode, bitcode::Decode)]
pub enum Kind {
    /// `Preamble`, `I. Introduction`, `Internet governance`.
    Heading,
    /// Before the operative part: "Recalling …,", "Recognizing …,".
    Preambular,
    /// The numbered body: "Decides …", "Calls upon …".
    Operative,
    /// Around the text, not part of it: the document symbol (`A/80/L.41`), "Draft
    /// resolution submitted by …", the enacting formula ("The General Assembly,"),
    /// "Adopts the following outcome document:", the title, the chapeau ("We, the
    /// Ministers …,"). Labelled by its own text, as an unnumbered heading is.
    Frame,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Heading => "heading",
            Kind::Preambular => "preambular",
            Kind::Operative => "operative",
            Kind::Frame => "frame",
        }
    }

    /// A heading or a frame line: it stands around the paragraphs, is never one of them,
    /// and never the half of a split or a merge.
    pub fn is_apart(self) -> bool {
        matches!(self, Kind::Heading | Kind::Frame)
    }
}

/// A paragraph's negotiating status, as drafts tag it. Read out of the wording so that a
/// paragraph becoming agreed is a change of status, not of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, bitcode::Encode, bitcode::Decode)]
pub enum Status {
    Agreed,
    AgreedAdRef,
    PreliminarilyAgreed,
    SuggestedForClosure,
}

impl Status {
    /// The status a tag's inside names (`Agreed ad ref`, `agreed ad referendum`), if any.
    pub fn from_tag(inner: &str) -> Option<Status> {
        let words: Vec<String> = inner
            .split(|c: char| c.is_whitespace() || c == '.')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        Some(match w.as_slice() {
            ["agreed"] => Status::Agreed,
            ["agreed", "ad", "ref" | "referendum"] | ["ad", "ref" | "referendum"] => {
                Status::AgreedAdRef
            }
            ["preliminarily" | "provisionally", "agreed"] => Status::PreliminarilyAgreed,
            ["suggested", "for", "closure"] => Status::SuggestedForClosure,
            _ => return None,
        })
    }

    /// The name used in JSON and text output.
    pub fn name(self) -> &'static str {
        match self {
            Status::Agreed => "agreed",
            Status::AgreedAdRef => "agreed ad ref",
            Status::PreliminarilyAgreed => "preliminarily agreed",
            Status::SuggestedForClosure => "suggested for closure",
        }
    }
}

/// Latin ordinal suffixes of inserted paragraphs, in order: `1bis` comes after `1` and
/// before `1ter`, all of them before `2`.
const SUFFIXES: [(&str, u8); 10] = [
    ("bis", 2),
    ("ter", 3),
    ("quater", 4),
    ("quat", 4),
    ("quinquies", 5),
    ("sexies", 6),
    ("septies", 7),
    ("octies", 8),
    ("novies", 9),
    ("decies", 10),
];

/// A paragraph's label as the text gives it (`12`, `1bis`, `1 ter`, `New 65A`, `B`,
/// `PP3`), with the order drafts mean by it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, bitcode::Encode, bitcode::Decode)]
pub struct Label(String);

/// How a label sorts: its family, then number, then ordinal suffix, then letter.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct LabelKey<'a> {
    family: u8,
    number: u32,
    suffix: u8,
    letter: &'a str,
    rest: &'a str,
}

impl Label {
    pub fn new(s: &str) -> Label {
        Label(neutralise(trimmed(s)).into_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn key(&self) -> LabelKey<'_> {
        let s = self.0.as_str();
        let (family, body) = if let Some(r) = s.strip_prefix("PP") {
            (0, r)
        } else if let Some(r) = s.strip_prefix("New ") {
            (1, r)
        } else {
            (1, s)
        };
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return LabelKey {
                family: 2,
                number: 0,
                suffix: 0,
                letter: "",
                rest: s,
            };
        }
        let number = body[..digits].parse().unwrap_or(0);
        let tail = body[digits..].trim_start();
        let (suffix, letter) = SUFFIXES
            .iter()
            .find(|(name, _)| tail.starts_with(name))
            .map_or((0, tail), |&(name, rank)| (rank, &tail[name.len()..]));
        LabelKey {
            family,
            number,
            suffix,
            letter,
            rest: "",
        }
    }
}

impl Ord for Label {
    fn cmp(&self, other: &Label) -> Ordering {
        self.key()
            .cmp(&other.key())
            .then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for Label {
    fn partial_cmp(&self, other: &Label) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One paragraph of a version.
#[derive(Debug, Clone, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct Paragraph {
    pub label: Label,
    pub kind: Kind,
    pub status: Option<Status>,
    /// The wording, status tag and label taken out, words separated by single spaces,
    /// line-end hyphenation undone. What the alignment and the word diff compare.
    pub text: String,
    /// A hash (XXH3) of the wording as the file laid it out (line breaks, runs of spaces),
    /// neutralised: a pair whose `text` agrees but whose layout does not is a
    /// whitespace-only change. Only ever compared, so a hash rather than a second copy of
    /// every paragraph's words, which a library of texts would hold twice over.
    pub layout: u64,
    /// Spans of `[ … ]` still under negotiation.
    pub brackets: usize,
    /// Labels of sub-paragraphs, `(a)`, `(b)`, whose text is part of this one's.
    pub subs: Vec<String>,
    /// The element's id where the format has one (Akoma Ntoso's `eId`).
    pub eid: Option<String>,
    /// Footnotes of this paragraph, in order, as their text (a Word file's footnotes; a
    /// PDF's footnote text found at a page's foot).
    pub footnotes: Vec<String>,
    /// Comments anchored in this paragraph (a Word file's), in order.
    pub comments: Vec<Comment>,
    /// Proposals written in the paragraph of a compilation, taken out of its wording.
    pub proposed: Vec<super::proposals::Attribution>,
}

/// A reviewer's comment on a paragraph: who wrote it and when, what it says, and the words
/// it is anchored to.
#[derive(Debug, Clone, Default, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Comment {
    pub author: String,
    /// As the file gives it (ISO 8601 in a Word file); empty when it gives none.
    pub date: String,
    pub text: String,
    /// The paragraph's words the comment marks; empty when it marks a point.
    pub anchor: String,
}

/// A version of a text.
#[derive(Debug, Clone, Default, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct Version {
    pub paragraphs: Vec<Paragraph>,
}

/// A piece of a file as a reader cut it, before labels and status are read: a heading or
/// a paragraph, possibly with a label the format gave apart from the text (AKN's `<num>`).
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// The text, as laid out in the file (line breaks kept).
    pub text: String,
    /// A label given apart from the text.
    pub num: Option<String>,
    /// What the format says this block is, when it says.
    pub kind: Option<Kind>,
    pub eid: Option<String>,
    /// Whether `kind` is what a style made for it says (a Word file's Title and Heading
    /// styles), not read off the line: such a heading is never taken for a frame line.
    pub styled: bool,
    /// What the reader found attached to the block (see [`Paragraph`]).
    pub footnotes: Vec<String>,
    pub comments: Vec<Comment>,
}

impl Version {
    /// Read blocks into paragraphs: labels, status tags, headings, frame lines,
    /// sub-paragraphs.
    /// A version of a block for each of these texts, as a plain reader gives them: what
    /// the tests of every layer above build their versions from.
    #[cfg(test)]
    pub(crate) fn of_texts(texts: &[&str]) -> Version {
        Version::from_blocks(
            texts
                .iter()
                .map(|t| Block {
                    text: (*t).into(),
                    ..Block::default()
                })
                .collect(),
        )
    }

    pub fn from_blocks(blocks: Vec<Block>) -> Version {
        Version::from_blocks_placed(blocks).0
    }

    /// [`Version::from_blocks`], with where each block went: `[k]` is the index of the
    /// paragraph block `k` became or joined (a sub-paragraph joins the one before it),
    /// `None` for a block with no words. A reader that knows more about its blocks than
    /// their text (a Word file's tracked changes) finds their paragraphs by it.
    pub fn from_blocks_placed(blocks: Vec<Block>) -> (Version, Vec<Option<usize>>) {
        let mut places = Vec::with_capacity(blocks.len());
        let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(blocks.len());
        // The last paragraph's layout, hashed once it is whole (see `Paragraph::layout`):
        // one buffer, as only the last paragraph can gain a sub-paragraph.
        let mut layout_of_last = String::new();
        let mut in_preamble = false;
        let mut operative_seen = false;
        // Whether the text proper has begun (a paragraph, or a section heading): before
        // it, an unnumbered line that is not a sentence is the title, a frame line.
        let mut text_begun = false;
        let mut pp = 0;
        let mut unnumbered = 0;
        // A label on a line of its own (`Paragraph 58`), for the block after it.
        let mut pending: Option<String> = None;
        for mut block in blocks {
            let layout = laid_out(&mut block.text);
            if layout.is_empty() {
                places.push(None);
                continue;
            }
            // Label and status come off the text as laid out, so that what is left of
            // the layout is the wording's alone (a new number is not a new layout).
            let (mut num, rest) = match &block.num {
                Some(n) => (Some(clean_num(n)), layout.as_str()),
                None => match split_label(&layout) {
                    Some((n, r)) => (Some(n.into_owned()), r),
                    None => (None, layout.as_str()),
                },
            };
            if trimmed(rest).is_empty()
                && let Some(n) = num.take()
                && block.kind != Some(Kind::Heading)
            {
                pending = Some(n);
                continue;
            }
            if num.is_none() {
                num = pending.take();
            } else {
                pending = None;
            }
            let renumbered;
            let rest = match num.as_ref().and(former_number(rest)) {
                Some(r) => {
                    renumbered = format!("[{r}");
                    renumbered.as_str()
                }
                None => rest,
            };
            // A sub-paragraph belongs to the paragraph before it.
            if let Some(n) = &num
                && is_sub_label(n)
                && block.kind != Some(Kind::Heading)
                && let Some(last) = paragraphs.last_mut()
                && !last.kind.is_apart()
            {
                let (status, wording) = take_status(rest);
                last.status = status.or(last.status);
                last.text
                    .push_str(&format!(" ({n}) {}", join_lines(wording)));
                layout_of_last.push('\n');
                layout_of_last.push_str(wording);
                last.subs.push(n.clone());
                // What was attached to the sub-paragraph is the paragraph's now.
                last.footnotes.extend(block.footnotes);
                last.comments.extend(block.comments);
                places.push(Some(paragraphs.len() - 1));
                continue;
            }
            let (status, laid_out) = take_status(rest);
            let wording = join_lines(laid_out);
            // What the format calls a preambular paragraph may still be the chapeau
            // (Akoma Ntoso's preamble holds "We, the …"), but is never a title.
            // A heading by a Word file's style is one, wherever it stands; a Markdown
            // heading at the top may still be the title.
            let frame = num.is_none()
                && !(block.styled && block.kind == Some(Kind::Heading))
                && !is_preamble_heading(&wording)
                && looks_like_frame(&wording, text_begun || block.kind == Some(Kind::Preambular));
            let heading = match block.kind {
                Some(k) => k == Kind::Heading,
                None => looks_like_heading(num.as_deref(), &wording),
            };
            let kind = if frame {
                Kind::Frame
            } else if heading {
                in_preamble = is_preamble_heading(&wording);
                Kind::Heading
            } else if block.kind == Some(Kind::Operative)
                || (block.kind.is_none() && num.as_deref().is_some_and(is_numbered))
            {
                // A paragraph numbered `1.` is operative even under a `Preamble` heading
                // with no heading between: the preamble's paragraphs are not numbered so
                // (`PP1` is).
                operative_seen = true;
                in_preamble = false;
                Kind::Operative
            } else if block.kind == Some(Kind::Preambular)
                || in_preamble
                || (!operative_seen && num.is_none())
            {
                Kind::Preambular
            } else {
                operative_seen = true;
                Kind::Operative
            };
            // A section heading begins the text as a paragraph does, but an unnumbered
            // short line at the very top ("Zero draft") is still the title.
            text_begun |=
                !kind.is_apart() || (kind == Kind::Heading && (num.is_some() || in_preamble));
            if kind.is_apart() && num.is_none() {
                num = Some(wording.clone());
            }
            let label = match num {
                Some(n) => Label::new(&n),
                None if kind == Kind::Preambular => {
                    pp += 1;
                    Label::new(&format!("PP{pp}"))
                }
                None => {
                    unnumbered += 1;
                    Label::new(&format!("U{unnumbered}"))
                }
            };
            if let Some(last) = paragraphs.last_mut() {
                last.layout = xxhash_rust::xxh3::xxh3_64(layout_of_last.as_bytes());
            }
            layout_of_last.clear();
            layout_of_last.push_str(laid_out);
            paragraphs.push(Paragraph {
                label,
                kind,
                status,
                brackets: count_brackets(&wording),
                text: wording,
                layout: 0,
                subs: Vec::new(),
                eid: block.eid,
                footnotes: block.footnotes,
                comments: block.comments,
                proposed: Vec::new(),
            });
            places.push(Some(paragraphs.len() - 1));
        }
        if let Some(last) = paragraphs.last_mut() {
            last.layout = xxhash_rust::xxh3::xxh3_64(layout_of_last.as_bytes());
        }
        // Brackets are counted once a paragraph has all its sub-paragraphs: counting at
        // each one read the whole text again, the square of its length for a paragraph
        // with thousands of them.
        for p in paragraphs.iter_mut().filter(|p| !p.subs.is_empty()) {
            p.brackets = count_brackets(&p.text);
        }
        (Version { paragraphs }, places)
    }

    pub fn find(&self, label: &str) -> Option<usize> {
        self.paragraphs
            .iter()
            .position(|p| p.label.as_str() == label)
    }
}

/// A block's text as laid out, trimmed and neutralised: the block's own string, cut to
/// size, when there is nothing to neutralise (as in most), rather than a copy of it.
fn laid_out(text: &mut String) -> String {
    let trimmed = trimmed(text);
    match neutralise(trimmed) {
        std::borrow::Cow::Owned(s) => s,
        std::borrow::Cow::Borrowed(_) => {
            let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
            let end = start + trimmed.len();
            let mut own = std::mem::take(text);
            own.truncate(end);
            own.drain(..start);
            own
        }
    }
}

/// `s.trim()`, told at once where `s` starts and ends with a visible ASCII character, as
/// nearly every line and paragraph does (this runs several times on each of them).
pub fn trimmed(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Join a block's lines into one line of words separated by single spaces, undoing
/// hyphenation at line ends: `govern-\nance` is `governance`, but `multi-\nstakeholder`
/// stays hyphenated when the part before the hyphen is a prefix that keeps it.
pub fn join_lines(s: &str) -> String {
    if s.is_ascii() {
        return join_ascii_lines(s);
    }
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        if out.ends_with('-') && in_word_hyphen(&out, first) {
            if soft_hyphen(&out) {
                out.pop();
            }
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(first);
        for w in words {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

/// [`join_lines`] for the common ASCII text: a line with no run of spaces or other
/// whitespace in it is copied at once, rather than word by word (same result).
fn join_ascii_lines(s: &str) -> String {
    join_simply_wrapped(s).unwrap_or_else(|| join_ascii_lines_slowly(s))
}

/// [`join_ascii_lines`] a line at a time.
fn join_ascii_lines_slowly(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        let line = line.trim_ascii();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            if out.ends_with('-') && in_word_hyphen(&out, line) {
                if soft_hyphen(&out) {
                    out.pop();
                }
            } else {
                out.push(' ');
            }
        }
        // One pass, without a branch a byte: no run of spaces, no other whitespace (`\t`
        // `\x0b` `\x0c` `\r`; a line holds no `\n`). Most lines are so.
        let mut odd = false;
        let mut after_space = false;
        for &b in line.as_bytes() {
            let space = b == b' ';
            odd |= (space & after_space) | (b.wrapping_sub(9) < 5);
            after_space = space;
        }
        let plain = !odd;
        if plain {
            out.push_str(line);
        } else {
            for (k, w) in line.split_whitespace().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(w);
            }
        }
    }
    out
}

/// [`join_ascii_lines`] of `s` where that is `s` with each line end a space, as most
/// paragraphs are: nothing around a line end to take off (no space before or after it, no
/// blank line, no hyphen before it), no run of spaces, no other whitespace, and none at
/// either end; `None` otherwise. Each test is a vectorised search (memchr's), and the line
/// ends it finds are where the lines are copied from: this runs on every paragraph of
/// every version read.
fn join_simply_wrapped(s: &str) -> Option<String> {
    static TWO_SPACES: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let b = s.as_bytes();
    let (first, last) = (*b.first()?, *b.last()?);
    if first.is_ascii_whitespace() || last.is_ascii_whitespace() || first == 0x0b || last == 0x0b {
        return None;
    }
    // `\t \x0b \x0c \r`, and a run of spaces.
    let two_spaces = TWO_SPACES.get_or_init(|| memchr::memmem::Finder::new(b"  "));
    if memchr::memchr3(b'\t', 0x0b, 0x0c, b).is_some()
        || memchr::memchr(b'\r', b).is_some()
        || two_spaces.find(b).is_some()
    {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut start = 0;
    for at in memchr::memchr_iter(b'\n', b) {
        // Not at either end (see above): both neighbours are there.
        if matches!(b[at - 1], b' ' | b'-' | b'\n') || matches!(b[at + 1], b' ' | b'\n') {
            return None;
        }
        out.push_str(&s[start..at]);
        out.push(' ');
        start = at + 1;
    }
    out.push_str(&s[start..]);
    Some(out)
}

/// The part of a word before a hyphen that ends a line.
fn before_hyphen(before: &str) -> String {
    let w: Vec<char> = before[..before.len() - 1]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    w.into_iter().rev().collect()
}

/// Whether a hyphen that ends a line is inside a word: letters before it and a lower-case
/// letter after. After a space or a digit it is a dash ("2020 -").
fn in_word_hyphen(before: &str, next: &str) -> bool {
    !before_hyphen(before).is_empty() && next.chars().next().is_some_and(char::is_lowercase)
}

/// Whether an in-word hyphen at a line end only broke the word (to be dropped), rather
/// than joining a compound (`multi-stakeholder`, to be kept).
fn soft_hyphen(before: &str) -> bool {
    let word = before_hyphen(before);
    const KEEP: [&str; 14] = [
        "multi", "non", "self", "cross", "co", "well", "long", "short", "high", "low", "e",
        "follow", "inter", "anti",
    ];
    !KEEP.contains(&word.to_lowercase().as_str())
}

/// `7.`, `(a)` → `7`, `a`: the label as AKN's `<num>` gives it, without its punctuation.
fn clean_num(n: &str) -> String {
    let n = n.trim();
    let n = n.strip_suffix('.').unwrap_or(n).trim();
    match n.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => inner.trim().to_owned(),
        None => n.to_owned(),
    }
}

/// `a`, `b`, `iv`: the label of a sub-paragraph (written `(a)`).
fn is_sub_label(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 4
        && n.chars().all(|c| c.is_ascii_lowercase())
        && !SUFFIXES.iter().any(|(s, _)| *s == n)
}

/// Split a leading label off a paragraph's text: `12. Text`, `1.Recalling`, `1bis. Text`,
/// `1 ter. Text`, `New 65A. Text`, `B. Text`, `PP3. Text`, `(a) Text`. Returns the label
/// without its punctuation and the rest.
pub fn split_label(s: &str) -> Option<(Cow<'_, str>, &str)> {
    let s = match s.as_bytes().first() {
        Some(a) if a.is_ascii_graphic() => s,
        _ => s.trim_start(),
    };
    // Most lines a reader asks about start with a word ("Recalling", "the"), which no
    // label does: told from the first two bytes, before the work below (this runs on
    // every line of every version read).
    match s.as_bytes() {
        [a, ..] if a.is_ascii_lowercase() => return None,
        [a, b, ..]
            if a.is_ascii_uppercase()
                && b.is_ascii_lowercase()
                && !s.starts_with("New ")
                && !s.starts_with("Paragraph ") =>
        {
            return None;
        }
        _ => {}
    }
    split_label_fully(s)
}

/// The text of a numbered paragraph that starts with its number of an earlier draft
/// inside its opening bracket (`2.` then `[1. This Information Society …`, the number a
/// bracketed paragraph had before it was renumbered): the text after that number, the
/// bracket taken off with it. The old number is not wording.
fn former_number(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('[')?;
    let (label, body) = split_label_fully(inner)?;
    (label.starts_with(|c: char| c.is_ascii_digit()) && inner.starts_with(label.as_ref()))
        .then_some(body)
}

/// [`split_label`] without its shortcut, of a text whose leading spaces are off.
fn split_label_fully(s: &str) -> Option<(Cow<'_, str>, &str)> {
    // `Paragraph 58` on a line of its own: the label of the text that follows.
    if let Some(r) = s.strip_prefix("Paragraph ") {
        let line_end = r.find('\n').unwrap_or(r.len());
        let line = r[..line_end].trim();
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=4).contains(&digits)
            && line[digits..]
                .trim_start()
                .bytes()
                .all(|b| b.is_ascii_alphabetic())
            && line.len() <= digits + 10
            && let Some((l, _)) = split_label(&format!("{line}."))
        {
            return Some((Cow::Owned(l.into_owned()), r[line_end..].trim_start()));
        }
        return None;
    }
    if let Some(rest) = s.strip_prefix('(') {
        let end = rest.find(')')?;
        let inner = &rest[..end];
        if is_sub_label(inner) {
            return Some((Cow::Borrowed(inner), rest[end + 1..].trim_start()));
        }
        return None;
    }
    let (prefix, body) = if let Some(r) = s.strip_prefix("New ") {
        ("New ", r)
    } else if let Some(r) = s
        .strip_prefix("PP")
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    {
        ("PP", r)
    } else {
        ("", s)
    };
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 4 {
        let mut end = digits;
        let after = &body[digits..];
        let mut suffix = "";
        // An ordinal suffix, glued or after one space: `1bis`, `1 ter`.
        let spaced = after.strip_prefix(' ').unwrap_or(after);
        // Any case: `1 BIS.` as `1bis`.
        // Looked for only after a letter: most labels are followed by `.` or `)`.
        let lettered = spaced
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphabetic);
        if let Some((name, _)) = SUFFIXES.iter().filter(|_| lettered).find(|(name, _)| {
            spaced
                .get(..name.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(name))
                && !spaced[name.len()..].starts_with(|c: char| c.is_alphabetic())
        }) {
            end += after.len() - spaced.len() + name.len();
            suffix = name;
        } else if after.starts_with(|c: char| c.is_ascii_uppercase())
            && after[1..].starts_with(['.', ' '])
            && (prefix == "New " || after[1..].starts_with('.'))
        {
            // `65A.` (a letter glued to the number)
            end += 1;
        }
        let tail = &body[end..];
        // `1.` or `1)`, `1 bis)`.
        let (dot, tail) = match tail.strip_prefix(['.', ')']) {
            Some(t) => (true, t),
            None => (false, tail),
        };
        // `1.5 million` is a number, not a label; so is a bare `2025 was`.
        let ok_tail = tail.is_empty()
            || tail.starts_with(char::is_whitespace)
            || (dot && tail.starts_with(|c: char| c.is_alphabetic() || c == '[' || c == '('));
        if ok_tail && (dot || !suffix.is_empty() || !prefix.is_empty()) {
            if suffix.is_empty() {
                // `12`, `PP3`, `New 65A`: the prefix and the number (and its letter) as the
                // text has them, with no space to take out: a part of the text itself.
                return Some((Cow::Borrowed(&s[..prefix.len() + end]), tail.trim_start()));
            }
            let raw = body[..end].trim();
            let label = format!("{prefix}{raw}")
                .to_ascii_lowercase()
                .replace("new ", "New ");
            return Some((Cow::Owned(normalise_label(&label)), tail.trim_start()));
        }
        return None;
    }
    if !prefix.is_empty() {
        return None;
    }
    // `B. Text`, `IV. Heading`, and `A.` on a line of its own, for the text after it;
    // `A[B].`, a section lettered A that a draft before lettered B.
    let mut letters = s.bytes().take_while(u8::is_ascii_uppercase).count();
    if letters == 1
        && let [b'[', was, b']', b'.', ..] = s.as_bytes()[1..]
        && was.is_ascii_uppercase()
    {
        letters = 4;
        let after = &s[letters..];
        if after.starts_with(". ") || after.starts_with(".\n") || after.trim_end() == "." {
            return Some((Cow::Borrowed(&s[..letters]), s[letters + 1..].trim_start()));
        }
        return None;
    }
    let after = &s[letters..];
    if letters > 0
        && letters <= 5
        && (after.starts_with(". ") || after.starts_with(".\n") || after.trim_end() == ".")
    {
        let l = &s[..letters];
        if letters == 1 || l.bytes().all(|b| b"IVXLC".contains(&b)) {
            return Some((Cow::Borrowed(l), s[letters + 1..].trim_start()));
        }
    }
    None
}

/// `1 ter` → `1ter`: one spelling of a label, however the draft spaced it.
fn normalise_label(l: &str) -> String {
    match l.strip_prefix("New ") {
        Some(r) => format!("New {}", r.replace(' ', "")),
        None => l.replace(' ', ""),
    }
}

/// Take a status tag (`[Agreed ad ref]`, `(Agreed)`) off the start or end of the text.
fn take_status(s: &str) -> (Option<Status>, &str) {
    let t = trimmed(s);
    // At the end
    if let Some(close) = t.chars().last().filter(|c| *c == ']' || *c == ')') {
        let open = if close == ']' { '[' } else { '(' };
        if let Some(start) = t.rfind(open) {
            let inner = &t[start + 1..t.len() - 1];
            if let Some(st) = Status::from_tag(inner) {
                return (Some(st), t[..start].trim_end());
            }
        }
    }
    // At the start
    if let Some(first) = t.chars().next().filter(|c| *c == '[' || *c == '(') {
        let close = if first == '[' { ']' } else { ')' };
        if let Some(end) = t.find(close)
            && let Some(st) = Status::from_tag(&t[1..end])
        {
            return (Some(st), t[end + 1..].trim_start());
        }
    }
    (None, t)
}

/// `n` in Roman numerals (`XXIV`), as drafts number their sections and Word its lists;
/// empty for 0 and below.
pub fn roman(mut n: i64) -> String {
    const NUMERALS: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// `[ … ]` spans still open to negotiation (nested ones count once).
pub fn count_brackets(s: &str) -> usize {
    let mut depth = 0usize;
    let mut n = 0;
    // Bytes: `[` and `]` are never part of a longer UTF-8 sequence. Only they are looked
    // at, found by a vectorised search: most paragraphs have none.
    for at in memchr::memchr2_iter(b'[', b']', s.as_bytes()) {
        match s.as_bytes()[at] {
            b'[' => {
                if depth == 0 {
                    n += 1;
                }
                depth += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    n
}

/// A frame line: what stands around a text rather than in it, told by its form. A
/// document symbol (`A/80/L.41`, `E/CN.16/2025/L.2`), a job number (`25-18001`), the
/// lines that say what the document is ("Draft resolution submitted by …", "Resolution
/// adopted by …", "Agenda item 13"), the enacting formula ("The General Assembly,"),
/// "Adopts the following outcome document:", a resolution's number and title
/// ("79/1. The Pact for the Future"), the chapeau ("We, the Heads of State …,"); and,
/// before the text has begun, a title (an unnumbered line that is not a sentence).
pub fn looks_like_frame(text: &str, text_begun: bool) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 400 {
        return false;
    }
    if is_header_line(t) {
        return true;
    }
    // The openings below are short: only the start of the text is lower-cased (this
    // runs on every paragraph).
    let lower: String = t.chars().take(32).flat_map(char::to_lowercase).collect();
    const OPENINGS: [&str; 12] = [
        "draft resolution",
        "draft decision",
        "revised draft resolution",
        "revised draft decision",
        "note by the ",
        "resolution adopted by",
        "decision adopted by",
        "agenda item",
        "[without reference to",
        "[on the report of",
        "adopts the following",
        "we, the ",
    ];
    if OPENINGS.iter().any(|o| lower.starts_with(o)) {
        // "Adopts the following …" frames only when it ends on the colon that
        // introduces the document; a chapeau is a clause that runs on (a comma).
        return if lower.starts_with("adopts the following") {
            t.ends_with(':')
        } else if lower.starts_with("we, the ") {
            !t.ends_with(['.', ';'])
        } else {
            true
        };
    }
    // "The General Assembly," "The Economic and Social Council,": the enacting formula
    // (its comma lost in some copies).
    if let Some(body) = t
        .strip_prefix("The ")
        .map(|b| b.strip_suffix(',').unwrap_or(b))
        && body.split_whitespace().count() <= 6
        && body.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || matches!(w, "and" | "of" | "on" | "for" | "the")
        })
    {
        return true;
    }
    // `79/1. The Pact for the Future`: a resolution's number and title.
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && let Some(r) = t[digits..].strip_prefix('/')
    {
        let d2 = r.bytes().take_while(u8::is_ascii_digit).count();
        if d2 > 0 && r[d2..].starts_with(". ") {
            return true;
        }
    }
    // Before the text, a line that is not a sentence (no closing mark) is its title.
    !text_begun
        && t.starts_with(|c: char| c.is_uppercase())
        && !t.ends_with(['.', ',', ';', ':'])
        && t.split_whitespace().take(31).count() <= 30
}

/// `12`, `1bis`, `New 65A`: an operative paragraph's number (not `PP3`, not `B`).
fn is_numbered(label: &str) -> bool {
    label
        .strip_prefix("New ")
        .unwrap_or(label)
        .starts_with(|c: char| c.is_ascii_digit())
}

/// `Preamble`, `Preamble (continued)`: the heading the preambular paragraphs follow.
fn is_preamble_heading(wording: &str) -> bool {
    if wording.len() > 40 || !wording.starts_with(['P', 'p']) {
        return false;
    }
    let title = wording.to_lowercase();
    title == "preamble" || title.starts_with("preamble ")
}

/// A United Nations document symbol: capital-letter series and parts joined by `/`
/// (`A/80/L.41`, `A/RES/79/1`, `E/CN.16/2025/L.2`, `A/C.2/80/L.5/Rev.1`), one word.
pub fn is_symbol(t: &str) -> bool {
    let t = t.trim();
    let mut parts = t.split('/');
    let Some(first) = parts.next() else {
        return false;
    };
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && t.len() <= 40
        && !first.is_empty()
        && first.len() <= 6
        && first.bytes().all(|b| b.is_ascii_uppercase())
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        })
}

/// A line of a document's heading, each a line of its own however the copy ran them
/// together: its symbol, its job number, its date (`4 January 2005`), `Distr.: General`,
/// `Original: English`, `Document: …`, `Date: …`.
pub fn is_header_line(t: &str) -> bool {
    // Each starts with a capital or a digit; most lines of a text are passed over on
    // their length or first byte (this runs on every line read).
    if t.len() > 60 || !t.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    if is_symbol(t) || is_job_number(t) || is_date(t) || is_loose_symbol(t) {
        return true;
    }
    if let Some(rest) = t.strip_prefix("Document ") {
        return is_loose_symbol(rest.split_whitespace().next().unwrap_or(""));
    }
    ["distr.", "original:", "document:", "date:"]
        .iter()
        .any(|o| {
            t.get(..o.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(o))
        })
}

/// The kinds of heading line that pair by kind rather than by words, from one version
/// to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderKind {
    Symbol,
    Date,
    /// The preamble's heading: `PREAMBULAR`, then `Preamble`.
    Preamble,
    /// The line naming the draft's stage: `Zero Draft`, then `Draft Outcome Document 7
    /// December 2015`, `Revised draft`.
    Stage,
}

/// A heading line's kind: a document symbol (`A/80/L.41`, `Document WSIS-03/GENEVA/DOC/4-E`,
/// a revision spaced out in it), a date (`4 January 2005`, `Date: 18 November 2005`), the
/// preamble's heading, or the draft's stage.
pub fn header_kind(text: &str) -> Option<HeaderKind> {
    let t = text.trim();
    if t.len() > 60 {
        return None;
    }
    let date = match t.get(..5) {
        Some(d) if d.eq_ignore_ascii_case("date:") => t[5..].trim(),
        _ => t,
    };
    if is_date(date) {
        return Some(HeaderKind::Date);
    }
    let word = t.trim_end_matches(':');
    if ["preamble", "preambular"]
        .iter()
        .any(|h| word.eq_ignore_ascii_case(h))
    {
        return Some(HeaderKind::Preamble);
    }
    let symbol = t
        .strip_prefix("Document")
        .unwrap_or(t)
        .trim_start_matches([':', ' ']);
    let first = symbol.split_whitespace().next().unwrap_or("");
    if (is_symbol(first) || is_loose_symbol(first)) && symbol.split_whitespace().count() <= 4 {
        return Some(HeaderKind::Symbol);
    }
    let words = || {
        t.split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
    };
    (words().count() <= STAGE_WORDS
        && words().any(|w| {
            ["draft", "revised", "revision"]
                .iter()
                .any(|s| w.eq_ignore_ascii_case(s))
        }))
    .then_some(HeaderKind::Stage)
}

/// A line naming a draft's stage is no longer than this many words.
const STAGE_WORDS: usize = 8;

/// A symbol as conference documents write them, outside the General Assembly's series:
/// `WSIS-II/PC-3/DT/15(Rev.3)-E`, one word with a capital, a `/` and a digit.
fn is_loose_symbol(t: &str) -> bool {
    t.len() <= 40
        && !t.contains(char::is_whitespace)
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.contains('/')
        && t.contains(|c: char| c.is_ascii_digit())
}

/// A date standing alone: `4 January 2005`, `January 4, 2005`.
pub fn is_date(t: &str) -> bool {
    // Every form ends with the year: most lines are passed over on that alone.
    let b = t.as_bytes();
    if b.len() < 8 || !b[b.len() - 4..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    use crate::brief::date::MONTHS;
    let w: Vec<&str> = t.split_whitespace().collect();
    let day = |d: &str| {
        let d = d.trim_end_matches(',');
        (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
    };
    let year = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    match w.as_slice() {
        [d, m, y] if day(d) && MONTHS.contains(m) && year(y) => true,
        [m, d, y] if MONTHS.contains(m) && d.ends_with(',') && day(d) && year(y) => true,
        _ => false,
    }
}

/// A job number as the foot of a UN document's first page prints it: `25-18001`, maybe
/// with `(E)` and a date after.
pub fn is_job_number(t: &str) -> bool {
    let first = t.split_whitespace().next().unwrap_or("");
    let b = first.as_bytes();
    let ok = b.len() == 8
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b'-'
        && b[3..].iter().all(u8::is_ascii_digit);
    ok && t.split_whitespace().count() <= 4
}

/// A heading: short, no closing punctuation, starting with a capital (`Preamble`,
/// `Internet governance`, `IV. Follow-up and review`). A lettered paragraph (`B.`) with
/// a sentence is not one.
fn looks_like_heading(num: Option<&str>, text: &str) -> bool {
    let roman = num.is_some_and(|n| n.bytes().all(|b| b"IVXLC".contains(&b)));
    // `B. Stresses` may head a section; `5. Welcomes the report` without its full stop
    // is still paragraph 5.
    let letter = num.is_some_and(|n| n.len() == 1 && n.bytes().all(|b| b.is_ascii_uppercase()));
    let numbered_ok = num.is_none() || roman || letter;
    // The cheap tests first: this runs on every paragraph.
    numbered_ok
        && text.starts_with(|c: char| c.is_uppercase())
        && !text.ends_with(['.', ',', ';', ':', ']', ')'])
        && text.split_whitespace().take(9).count() <= 8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> Option<(String, String)> {
        split_label(s).map(|(l, r)| (l.into_owned(), r.to_owned()))
    }

    fn version_of(texts: &[&str]) -> Version {
        Version::of_texts(texts)
    }

    #[test]
    fn labels_as_drafts_write_them() {
        let cases = [
            ("12. Decides", "12", "Decides"),
            ("1.Recalling", "1", "Recalling"),
            ("1bis. Notes", "1bis", "Notes"),
            ("1 ter. Notes", "1ter", "Notes"),
            ("1quat Notes", "1quat", "Notes"),
            ("New 65A. Invites", "New 65A", "Invites"),
            ("B. Stresses", "B", "Stresses"),
            ("PP2. Recalling", "PP2", "Recalling"),
            ("(a) the forum", "a", "the forum"),
            ("IV. Follow-up", "IV", "Follow-up"),
            ("1 BIS. Notes", "1bis", "Notes"),
            ("1 bis) Notes", "1bis", "Notes"),
            ("2) Notes", "2", "Notes"),
            ("62.\tWe note", "62", "We note"),
            ("Paragraph 58\nWe note", "58", "We note"),
            ("Paragraph 58 ter", "58ter", ""),
            ("A.", "A", ""),
            ("IV.\nFollow-up", "IV", "Follow-up"),
            ("A[B]. Our vision", "A[B]", "Our vision"),
            ("B[A].", "B[A]", ""),
        ];
        for (s, l, r) in cases {
            assert_eq!(label(s), Some((l.to_owned(), r.to_owned())), "{s}");
        }
        for s in [
            "1.5 million people",
            "2025 was long",
            "Recalling 12. x",
            "A forum",
            "(bis)",
            "Paragraph 58 of the report says",
            "Paragraph",
            "A.M. meetings",
            "A[B] vision",
            "A[b]. vision",
        ] {
            assert_eq!(label(s), None, "{s}");
        }
    }

    #[test]
    fn inserted_paragraphs_sort_between_their_neighbours() {
        let mut v: Vec<Label> = [
            "2", "1quat", "1ter", "1", "1bis", "10", "PP2", "PP1", "B", "A",
        ]
        .iter()
        .map(|s| Label::new(s))
        .collect();
        v.sort();
        let got: Vec<&str> = v.iter().map(Label::as_str).collect();
        assert_eq!(
            got,
            [
                "PP1", "PP2", "1", "1bis", "1ter", "1quat", "2", "10", "A", "B"
            ]
        );
    }

    #[test]
    fn status_tags_are_status_not_wording() {
        for (s, st, rest) in [
            (
                "Text. [Suggested for Closure]",
                Status::SuggestedForClosure,
                "Text.",
            ),
            ("(Agreed) Text.", Status::Agreed, "Text."),
            ("Text. [Agreed ad ref]", Status::AgreedAdRef, "Text."),
            (
                "Text [Preliminarily agreed]",
                Status::PreliminarilyAgreed,
                "Text",
            ),
        ] {
            assert_eq!(take_status(s), (Some(st), rest), "{s}");
        }
        assert_eq!(take_status("Text [for all]").0, None);
    }

    #[test]
    fn line_wraps_and_hyphens_are_not_wording() {
        assert_eq!(
            join_lines("the govern-\nance of  the\n  Internet"),
            "the governance of the Internet"
        );
        assert_eq!(
            join_lines("a multi-\nstakeholder forum"),
            "a multi-stakeholder forum"
        );
        assert_eq!(join_lines("2020 -\n2025"), "2020 - 2025");
    }

    #[test]
    fn the_ascii_join_agrees_with_the_general_one() {
        for s in [
            "  the govern-\nance of  the\n  Internet ",
            "a multi-\nstakeholder\tforum\r\n",
            "a\x0bb \x0c c\r\nd",
            "2020 -\n2025 - x -\n",
            "end-\n\nNext-\nnew",
            "",
            "\n\n",
            "a\nb",
            "one two\nthree four\nfive",
            "one \ntwo",
            "one\n two",
            "one\n\ntwo",
            "a-\nb",
            "a -\nb",
            "x\ty\nz",
            "x\ny\r",
            "\x0bx\ny",
            "x\ny\x0b",
            "a\x0cb\nc",
            "a\rb\nc",
            " a\nb",
            "a\nb\n",
        ] {
            let general: String = {
                // The general path, forced by a non-ASCII character, then taken off.
                let j = join_lines(&format!("{s}\u{e9}"));
                j.trim_end_matches('\u{e9}').trim_end().to_owned()
            };
            assert_eq!(join_ascii_lines(s), general, "{s:?}");
        }
    }

    proptest::proptest! {
        /// The ASCII join's fast path for simply wrapped lines gives what joining a line
        /// at a time gives.
        #[test]
        fn a_simply_wrapped_join_is_the_join_a_line_at_a_time(
            s in "([a-z]{1,4}|[A-Z.,-]|[ \n]|[ \t\n\x0b\x0c\r]){0,30}",
        ) {
            proptest::prop_assert_eq!(join_ascii_lines(&s), join_ascii_lines_slowly(&s));
        }

        /// The shortcut of `trimmed` is `str::trim`.
        #[test]
        fn trimmed_is_trim(s in "[ a.\t\n\u{a0}\u{3000}é]{0,8}") {
            proptest::prop_assert_eq!(trimmed(&s), s.trim());
        }

        /// The label's shortcut on a line's first two bytes says no only where the whole
        /// reading finds no label.
        #[test]
        fn the_label_shortcut_is_the_whole_reading(
            s in "( |\n)?(New |PP|Paragraph |Pa|Ne|[(]|[0-9]{1,3}|[A-Z]{1,3}|[a-z]{1,3}|bis|ter|[.)é ]){0,5}",
        ) {
            let t = s.trim_start();
            proptest::prop_assert_eq!(split_label(&s), split_label_fully(t));
        }

        /// Brackets counted at the brackets alone are those counted a byte at a time.
        #[test]
        fn brackets_are_counted_as_byte_by_byte(s in "[a\\[\\] é]{0,30}") {
            let (mut depth, mut n) = (0usize, 0);
            for c in s.bytes() {
                match c {
                    b'[' => {
                        n += usize::from(depth == 0);
                        depth += 1;
                    }
                    b']' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(count_brackets(&s), n);
        }
    }

    #[test]
    fn frame_lines_are_told_by_their_form() {
        for t in [
            "A/80/L.41",
            "E/CN.16/2025/L.2",
            "25-18001 (E)",
            "Draft resolution submitted by the Chair",
            "Revised draft resolution submitted by the Vice-Chair",
            "Note by the Secretary-General",
            "The General Assembly,",
            "The Economic and Social Council,",
            "Adopts the following outcome document:",
            "79/1. The Pact for the Lakes",
            "We, the Ministers of the lake economies, meeting in Port Aven,",
            "4 January 2026",
            "March 9, 2026",
            "Date: 18 March 2026",
            "Document: LRF/2026/DOC/7-E",
            "Document LRF-II/PC-3/DT/15 (Rev. 3)-E",
            "LRF-II/PC-3/DT/15(Rev.3)-E",
            "Original: English",
            "The General Assembly",
        ] {
            assert!(looks_like_frame(t, true), "{t}");
        }
        for t in [
            "Recalling its resolution 70/125,",
            "The forum shall meet once a year.",
            "Adopts the following programme of work for the forum.",
            "We, the participants, decide to meet again.",
            "Internet governance",
            "4 January 2026 is the day the forum opens.",
        ] {
            assert!(!looks_like_frame(t, true), "{t}");
        }
        // Before the text, a line that is not a sentence is the title.
        assert!(looks_like_frame(
            "Internet governance in the lake region",
            false
        ));
    }

    #[test]
    fn the_frame_of_an_adopted_text_is_not_its_preamble() {
        let v = version_of(&[
            "A/80/L.99",
            "Draft resolution submitted by the Chair",
            "The General Assembly,",
            "Adopts the following outcome document:",
            "Lakeland declaration on rural connectivity",
            "We, the Ministers of the lake economies,",
            "Recalling the charter of the forum,",
            "Paragraph 1",
            "Decides to meet.",
        ]);
        let got: Vec<(&str, Kind)> = v
            .paragraphs
            .iter()
            .map(|p| (p.label.as_str(), p.kind))
            .collect();
        assert_eq!(got.len(), 8, "{got:?}");
        assert!(got[..6].iter().all(|(_, k)| *k == Kind::Frame), "{got:?}");
        assert_eq!(got[6], ("PP1", Kind::Preambular));
        assert_eq!(got[7], ("1", Kind::Operative));
    }

    #[test]
    fn brackets_are_counted() {
        assert_eq!(count_brackets("a [b] c [d [e]] f"), 2);
        assert_eq!(count_brackets("unbalanced ] [ x"), 1);
    }

    #[test]
    fn blocks_become_paragraphs() {
        let blocks = [
            "Preamble",
            "Recalling the forum,",
            "Noting the reports,",
            "I. Introduction",
            "1. Decides to meet. (Agreed)",
            "(a) every year;",
            "1bis. Invites [all] States.",
            "2. Welcomes the report",
            "B. Regional cooperation",
        ];
        let v = version_of(&blocks);
        let got: Vec<(&str, Kind)> = v
            .paragraphs
            .iter()
            .map(|p| (p.label.as_str(), p.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("Preamble", Kind::Heading),
                ("PP1", Kind::Preambular),
                ("PP2", Kind::Preambular),
                ("I", Kind::Heading),
                ("1", Kind::Operative),
                ("1bis", Kind::Operative),
                ("2", Kind::Operative),
                ("B", Kind::Heading)
            ]
        );
        assert_eq!(v.paragraphs[4].text, "Decides to meet. (a) every year;");
        assert_eq!(v.paragraphs[4].status, Some(Status::Agreed));
        assert_eq!(v.paragraphs[4].subs, ["a"]);
        assert_eq!(v.paragraphs[5].brackets, 1);
    }

    /// A number of an earlier draft kept inside the opening bracket is not wording; a
    /// bracket opening on a date, or on the only number a paragraph has, keeps it.
    #[test]
    fn a_former_number_inside_the_bracket_is_not_wording() {
        let blocks = [
            "2.",
            "[1. This plan is ours.]",
            "3. [1 May 2020 is the date.]",
            "[4. Notes the maps.]",
        ];
        let v = version_of(&blocks);
        let got: Vec<(&str, &str)> = v
            .paragraphs
            .iter()
            .map(|p| (p.label.as_str(), p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("2", "[This plan is ours.]"),
                ("3", "[1 May 2020 is the date.]"),
                ("U1", "[4. Notes the maps.]")
            ]
        );
    }
}
