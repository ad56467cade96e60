//! A comparison as text (wdiff's markers, `[-old-]` and `{+new+}`, with or without
//! colour: colour is never the only mark), Markdown (`~~old~~`, `**new**`) or JSON Lines
//! (one object per pair; the shape is documented in docs/output.md and kept stable).

use std::io::{self, Write};

use serde::Serialize;

use super::diff::Entry;
use super::read::TrackedChange;
use super::words::{Change, Op};
use crate::draft::align::PairKind;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// A label as a line of output shows it: a frame line or heading labelled by its own
/// text ("We, the participants in …") cut to its first words.
fn shown(label: &str) -> std::borrow::Cow<'_, str> {
    const MOST: usize = 60;
    // Bytes first: most labels are a few ASCII characters.
    if label.len() <= MOST || label.chars().count() <= MOST {
        return std::borrow::Cow::Borrowed(label);
    }
    let mut out = String::new();
    for w in label.split_whitespace() {
        if out.chars().count() + w.chars().count() + 1 > MOST - 2 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out = label.chars().take(MOST - 2).collect();
    }
    out.push_str(" …");
    std::borrow::Cow::Owned(out)
}

/// `3`, `3 → 4`, `4, 5 → 4`: where a pair sits in each version.
fn place(e: &Entry<'_>) -> String {
    let labels = |ls: Vec<&str>| ls.into_iter().map(shown).collect::<Vec<_>>().join(", ");
    let (o, n) = (labels(e.old_labels()), labels(e.new_labels()));
    match (o.is_empty(), n.is_empty()) {
        (true, _) => n,
        (_, true) => o,
        _ if o == n => o,
        _ => format!("{o} → {n}"),
    }
}

/// The note on a pair whose words are the same but laid out differently.
pub const LAYOUT_ONLY: &str = "layout only";

/// A pair's kind as a delegate reads it. Line breaks and spacing are how a file lays the
/// text out, not what it says: `whitespace` (the stable name in JSON) reads `unchanged`,
/// with the note [`LAYOUT_ONLY`].
pub fn kind_word(kind: PairKind) -> &'static str {
    match kind {
        PairKind::Whitespace => PairKind::Unchanged.name(),
        k => k.name(),
    }
}

/// What else a pair says, in words: layout, renumbering, status, brackets, an uncertain
/// match.
fn notes(e: &Entry<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if e.kind() == PairKind::Whitespace {
        out.push(LAYOUT_ONLY.to_owned());
    }
    if e.pair.renumbered && !matches!(e.kind(), PairKind::Merged | PairKind::Split) {
        out.push("renumbered".to_owned());
    }
    if e.kind() == PairKind::Moved && !e.reworded() {
        out.push("same words".to_owned());
    }
    let (os, ns) = (e.old_status(), e.new_status());
    let name = |s: Option<super::model::Status>| s.map_or("none", |s| s.name());
    match e.kind() {
        PairKind::Inserted if ns.is_some() => out.push(format!("status: {}", name(ns))),
        PairKind::Deleted if os.is_some() => out.push(format!("status: {}", name(os))),
        PairKind::Inserted | PairKind::Deleted => {}
        _ if os != ns => out.push(format!("status: {} → {}", name(os), name(ns))),
        _ if ns.is_some() => out.push(format!("status: {}", name(ns))),
        _ => {}
    }
    let (ob, nb) = (e.old_brackets(), e.new_brackets());
    match e.kind() {
        PairKind::Inserted if nb > 0 => out.push(format!("brackets: {nb}")),
        PairKind::Deleted if ob > 0 => out.push(format!("brackets: {ob}")),
        PairKind::Inserted | PairKind::Deleted => {}
        _ if ob != nb => out.push(format!("brackets: {ob} → {nb}")),
        _ if nb > 0 => out.push(format!("brackets: {nb}")),
        _ => {}
    }
    for m in &e.moved {
        let way = match e.changes.get(m.change).map(|c| c.op) {
            Some(Op::Delete) => "to",
            _ => "from",
        };
        let edited = if m.edited { ", edited" } else { "" };
        out.push(format!("text moved {way} {}{edited}", m.other.join(", ")));
    }
    if e.pair.forced {
        out.push("paired by hand".to_owned());
    } else if e.pair.uncertain && !matches!(e.kind(), PairKind::Inserted | PairKind::Deleted) {
        out.push(format!(
            "similarity {:.2}: check this pairing",
            e.pair.similarity
        ));
    }
    out
}

/// Whether a pair's text is worth showing: not when nothing in its wording changed.
fn shows_text(e: &Entry<'_>) -> bool {
    !matches!(e.kind(), PairKind::Unchanged | PairKind::Whitespace)
        && (e.reworded() || e.kind() != PairKind::Moved)
}

/// The changes of a split or a merge with the label of each part where that part begins
/// (`¶6`), on the side that has several paragraphs: without it, the paragraphs read as
/// one run of text. Positions are counted in letters (whitespace aside), so that words
/// joined or split on the way do not move a mark.
fn with_parts(e: &Entry<'_>, changes: &[Change]) -> Vec<Change> {
    let (side, paragraphs) = match e.kind() {
        PairKind::Split if e.new.len() > 1 => (Op::Insert, &e.new),
        PairKind::Merged if e.old.len() > 1 => (Op::Delete, &e.old),
        _ => return changes.to_vec(),
    };
    // Where each part begins, in letters of its side's text.
    let mut starts: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for p in paragraphs.iter() {
        starts.push((at, p.label.as_str()));
        at += p.text.chars().filter(|c| !c.is_whitespace()).count();
    }
    let mut next = starts.into_iter().peekable();
    let mut out: Vec<Change> = Vec::new();
    let mut seen = 0;
    for c in changes {
        if c.op != Op::Equal && c.op != side {
            out.push(c.clone());
            continue;
        }
        let mut rest = c.text.as_str();
        while let Some(&(start, label)) = next.peek() {
            // The byte in `rest` where the letter `start` is, if it is in `rest`.
            let mut count = seen;
            let cut = rest
                .char_indices()
                .filter(|(_, ch)| !ch.is_whitespace())
                .find_map(|(i, _)| {
                    let here = count;
                    count += 1;
                    (here == start).then_some(i)
                });
            let Some(cut) = cut else { break };
            // The mark goes before the space that leads the part, so it stands apart.
            let cut = rest[..cut].trim_end().len();
            let (before, after) = rest.split_at(cut);
            if !before.is_empty() {
                seen += before.chars().filter(|ch| !ch.is_whitespace()).count();
                out.push(Change {
                    op: c.op,
                    text: before.to_owned(),
                });
            }
            let lead = if out.is_empty() { "" } else { " " };
            out.push(Change {
                op: Op::Equal,
                text: format!("{lead}¶{label}"),
            });
            next.next();
            rest = after;
            if !rest.starts_with(' ') && !rest.is_empty() {
                out.push(Change {
                    op: c.op,
                    text: format!(" {rest}"),
                });
                seen += rest.chars().filter(|ch| !ch.is_whitespace()).count();
                rest = "";
            }
        }
        if !rest.is_empty() {
            seen += rest.chars().filter(|ch| !ch.is_whitespace()).count();
            out.push(Change {
                op: c.op,
                text: rest.to_owned(),
            });
        }
    }
    out
}

/// The changes as they are shown: each part of a split or merge marked with its label
/// ([`with_parts`]), and text moved from or to a pair nearby shown as moved, `{moved
/// from ¶5: …}` where it came and `[moved to ¶6: …]` where it went, rather than as an
/// insertion and a deletion.
fn shown_changes(e: &Entry<'_>, changes: &[Change]) -> Vec<Change> {
    let mut out = with_parts(e, changes);
    for m in &e.moved {
        let Some(orig) = e.changes.get(m.change) else {
            continue;
        };
        let Some(c) = out
            .iter_mut()
            .find(|c| c.op == orig.op && c.text == orig.text)
        else {
            continue;
        };
        let lead = if c.text.starts_with(' ') { " " } else { "" };
        let other = m.other.join(", ");
        let words = c.text.trim_start();
        c.text = match c.op {
            Op::Delete => format!("{lead}[moved to ¶{other}: {words}]"),
            _ => format!("{lead}{{moved from ¶{other}: {words}}}"),
        };
        c.op = Op::Equal;
    }
    out
}

/// The changes with wdiff's markers, a space outside the markers where the text had one.
fn marked(changes: &[Change], color: bool, mark: (&str, &str, &str, &str)) -> String {
    let mut s = String::new();
    for c in changes {
        let text = c.text.strip_prefix(' ');
        if text.is_some() && !s.is_empty() {
            s.push(' ');
        }
        let text = text.unwrap_or(&c.text);
        let (colour, open, close) = match c.op {
            Op::Equal => {
                s.push_str(text);
                continue;
            }
            Op::Delete => (RED, mark.0, mark.1),
            Op::Insert => (GREEN, mark.2, mark.3),
        };
        if color {
            s.push_str(colour);
        }
        s.push_str(open);
        s.push_str(text);
        s.push_str(close);
        if color {
            s.push_str(RESET);
        }
    }
    s
}

/// A pair's change on one line with wdiff's markers and no colour: what the library's
/// view of a text shows under a paragraph (`crate::draft::as_brief`).
pub fn marked_plain(e: &Entry<'_>) -> String {
    marked(&e.changes, false, ("[-", "-]", "{+", "+}"))
}

/// `old` turned into `new`, the changed words marked `[-old-]` and `{+new+}`, as wdiff.
pub fn marked_words(old: &str, new: &str) -> String {
    marked(
        &super::words::diff(old, new),
        false,
        ("[-", "-]", "{+", "+}"),
    )
}

/// Plain text: a line per pair (`changed    3 → 4  (renumbered)`), then, for a pair whose
/// words changed, its text with the changes marked, wrapped to `width` (0: no wrapping)
/// and indented.
pub fn text(
    entries: &[Entry<'_>],
    width: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    text_tracked(entries, &Tracked::default(), width, color, out)
}

/// The tracked changes of a Word file by the pair of its comparison they fall in: `[k]`
/// for `entries[k]`, and those in no pair (a change in a paragraph with no words) last.
#[derive(Debug, Default)]
pub struct Tracked<'t> {
    by_entry: Vec<Vec<&'t TrackedChange>>,
}

impl<'t> Tracked<'t> {
    /// Each change in the pair that holds its paragraph: by its label in the original
    /// for what it takes away, in the accepted version for what it adds.
    pub fn new(entries: &[Entry<'_>], changes: &'t [TrackedChange]) -> Tracked<'t> {
        use std::collections::HashMap;
        let mut old: HashMap<&str, usize> = HashMap::new();
        let mut new: HashMap<&str, usize> = HashMap::new();
        for (k, e) in entries.iter().enumerate() {
            for l in e.old_labels() {
                old.entry(l).or_insert(k);
            }
            for l in e.new_labels() {
                new.entry(l).or_insert(k);
            }
        }
        let mut by_entry = vec![Vec::new(); entries.len() + 1];
        for c in changes {
            let labels = if c.kind.adds() { &new } else { &old };
            let k = c
                .label
                .as_deref()
                .and_then(|l| labels.get(l).copied())
                .unwrap_or(entries.len());
            by_entry[k].push(c);
        }
        Tracked { by_entry }
    }

    fn of(&self, k: usize) -> &[&'t TrackedChange] {
        self.by_entry.get(k).map_or(&[], Vec::as_slice)
    }

    /// The changes in no pair.
    fn unplaced(&self) -> &[&'t TrackedChange] {
        self.by_entry.last().map_or(&[], Vec::as_slice)
    }
}

/// `body` wrapped to `width` columns, each line led by `indent`: what `textwrap::wrap`
/// gives with that indent, first fit, broken at spaces (the markers stay with their
/// words) and after hyphens, words never broken. Put together from textwrap's parts so
/// that each line's words are gathered once into a vector sized for them, and each line
/// is written from where it stands in `body` rather than copied into a string of its own:
/// the wrapping was a seventh of `brief diff`'s instructions on two short drafts.
fn write_wrapped(body: &str, indent: &str, width: usize, out: &mut dyn Write) -> io::Result<()> {
    use textwrap::WordSeparator;
    use textwrap::word_splitters::{WordSplitter, split_words};
    let room = width.saturating_sub(textwrap::core::display_width(indent)) as f64;
    let mut words = Vec::new();
    for line in body.split('\n') {
        // A word at each run of spaces and at each hyphen, at most.
        let bytes = line.as_bytes();
        if bytes.iter().all(|b| (b' '..=b'~').contains(b)) {
            write_ascii_wrapped(line, indent, room, out)?;
            continue;
        }
        let most = memchr::memchr2_iter(b' ', b'-', bytes).count() + 1;
        words.clear();
        words.reserve(most);
        let found = WordSeparator::AsciiSpace.find_words(line);
        words.extend(split_words(found, &WordSplitter::HyphenSplitter));
        let mut at = 0;
        for on_line in textwrap::wrap_algorithms::wrap_first_fit(&words, &[room]) {
            // textwrap's empty line has no indent.
            let Some(last) = on_line.last() else {
                writeln!(out)?;
                continue;
            };
            let len: usize = on_line.iter().map(|w| w.len() + w.whitespace.len()).sum();
            let text = &line[at..at + len - last.whitespace.len()];
            writeln!(out, "{indent}{text}{}", last.penalty)?;
            at += len;
        }
    }
    Ok(())
}

/// A word of a line of printable ASCII, cut where textwrap's `AsciiSpace` and
/// `HyphenSplitter` cut it, as byte offsets: its letters `start..end`, then its spaces
/// to `gap_end`. Every byte is one column wide, so its width is its length.
#[derive(Debug)]
struct AsciiWord {
    start: usize,
    end: usize,
    gap_end: usize,
}

impl textwrap::core::Fragment for AsciiWord {
    fn width(&self) -> f64 {
        (self.end - self.start) as f64
    }
    fn whitespace_width(&self) -> f64 {
        (self.gap_end - self.end) as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// [`write_wrapped`] of one line of printable ASCII (most of a diff's text): the words
/// found and measured by their bytes, not char by char through textwrap's Unicode
/// widths, then laid out by textwrap's first fit all the same. A test holds it to
/// textwrap's own output.
fn write_ascii_wrapped(line: &str, indent: &str, room: f64, out: &mut dyn Write) -> io::Result<()> {
    let b = line.as_bytes();
    let mut words = Vec::with_capacity(b.len() / 5 + 1);
    let mut start = 0;
    while start < b.len() {
        let mut end = start;
        while end < b.len() && b[end] != b' ' {
            // A hyphen between two letters or digits ends a word (`high-|level`).
            if b[end] == b'-'
                && end > start
                && b[end - 1].is_ascii_alphanumeric()
                && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
            {
                words.push(AsciiWord {
                    start,
                    end: end + 1,
                    gap_end: end + 1,
                });
                start = end + 1;
            }
            end += 1;
        }
        let mut gap_end = end;
        while gap_end < b.len() && b[gap_end] == b' ' {
            gap_end += 1;
        }
        words.push(AsciiWord {
            start,
            end,
            gap_end,
        });
        start = gap_end;
    }
    if words.is_empty() {
        return writeln!(out);
    }
    for on_line in textwrap::wrap_algorithms::wrap_first_fit(&words, &[room]) {
        if let (Some(first), Some(last)) = (on_line.first(), on_line.last()) {
            writeln!(out, "{indent}{}", &line[first.start..last.end])?;
        }
    }
    Ok(())
}

/// `inserted by Ana Ortiz, 2025-10-01T09:00:00Z: words`: a tracked change on one line.
fn tracked_line(c: &TrackedChange) -> String {
    let mut s = c.kind.name().to_owned();
    if !c.author.is_empty() {
        s.push_str(" by ");
        s.push_str(&c.author);
    }
    if !c.date.is_empty() {
        s.push_str(", ");
        s.push_str(&c.date);
    }
    if !c.text.is_empty() {
        s.push_str(": ");
        s.push_str(&c.text);
    }
    s
}

/// [`text`], each pair followed by the tracked changes in it (`tracked`, from
/// [`Tracked::new`]), and those in no pair at the end.
pub fn text_tracked(
    entries: &[Entry<'_>],
    tracked: &Tracked<'_>,
    width: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let wrap = |body: &str, indent: &str, out: &mut dyn Write| -> io::Result<()> {
        if width == 0 {
            return writeln!(out, "{indent}{body}");
        }
        write_wrapped(body, indent, width.max(24), out)
    };
    for (k, e) in entries.iter().enumerate() {
        let notes = notes(e);
        let (b, d, r) = if color {
            (BOLD, DIM, RESET)
        } else {
            ("", "", "")
        };
        write!(out, "{b}{:<10}{r} {}", kind_word(e.kind()), place(e))?;
        if !notes.is_empty() {
            write!(out, "  {d}({}){r}", notes.join("; "))?;
        }
        writeln!(out)?;
        if shows_text(e) {
            let body = marked(
                &shown_changes(e, &e.changes),
                color,
                ("[-", "-]", "{+", "+}"),
            );
            wrap(&body, "    ", out)?;
        }
        for c in tracked.of(k) {
            wrap(&tracked_line(c), "    · ", out)?;
        }
    }
    if !tracked.unplaced().is_empty() {
        writeln!(out, "tracked changes in no paragraph")?;
        for c in tracked.unplaced() {
            wrap(&tracked_line(c), "    · ", out)?;
        }
    }
    Ok(())
}

/// CommonMark's escapes, and `~`, which would read as strike-through.
fn escape(s: &str) -> String {
    crate::render::markdown::escape(s).replace('~', "\\~")
}

/// The changes with each change that starts or ends on a punctuation mark glued to a
/// word (`networks[-. We-]`) widened by that word on both sides (`~~networks. We~~
/// **networks, and we**`): CommonMark does not open `~~` or `**` between a letter and a
/// mark, and would print the markers instead of striking out.
fn flanked(changes: &[Change]) -> Vec<Change> {
    let mut c: Vec<Change> = changes.to_vec();
    // Only texts change below, so the runs of the changes are the runs of `c`.
    for std::ops::Range { start: k, end } in changed_runs(changes) {
        let starts_on_mark = c[k..end]
            .iter()
            .any(|x| x.text.starts_with(|ch: char| ch.is_ascii_punctuation()));
        if starts_on_mark && k > 0 && c[k - 1].text.ends_with(|ch: char| ch.is_alphanumeric()) {
            let eq = &c[k - 1].text;
            let cut = eq.rfind(' ').unwrap_or(0);
            let word = eq[cut..].to_owned();
            c[k - 1].text.truncate(cut);
            for x in &mut c[k..end] {
                x.text.insert_str(0, &word);
            }
        }
        let ends_on_mark = c[k..end]
            .iter()
            .any(|x| x.text.ends_with(|ch: char| ch.is_ascii_punctuation()));
        if ends_on_mark && end < c.len() && c[end].text.starts_with(|ch: char| ch.is_alphanumeric())
        {
            let eq = &c[end].text;
            let cut = eq.find(' ').unwrap_or(eq.len());
            let word = eq[..cut].to_owned();
            c[end].text.replace_range(..cut, "");
            for x in &mut c[k..end] {
                x.text.push_str(&word);
            }
        }
    }
    c.retain(|x| !x.text.is_empty());
    c
}

/// Where each run of changes other than `Equal` is, in order.
fn changed_runs(changes: &[Change]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut k = 0;
    while k < changes.len() {
        if changes[k].op == Op::Equal {
            k += 1;
            continue;
        }
        let end = (k..changes.len())
            .find(|&j| changes[j].op == Op::Equal)
            .unwrap_or(changes.len());
        runs.push(k..end);
        k = end;
    }
    runs
}

/// Markdown: a line per pair in bold and code, then its text with `~~deleted~~` and
/// `**inserted**` words.
pub fn markdown(entries: &[Entry<'_>], out: &mut dyn Write) -> io::Result<()> {
    markdown_tracked(entries, &Tracked::default(), out)
}

/// [`markdown`], each pair followed by a list of the tracked changes in it.
pub fn markdown_tracked(
    entries: &[Entry<'_>],
    tracked: &Tracked<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let list = |changes: &[&TrackedChange], out: &mut dyn Write| -> io::Result<()> {
        if !changes.is_empty() {
            writeln!(out)?;
        }
        for c in changes {
            writeln!(out, "- {}", escape(&tracked_line(c)))?;
        }
        Ok(())
    };
    for (k, e) in entries.iter().enumerate() {
        if k > 0 {
            writeln!(out)?;
        }
        let notes = notes(e);
        write!(out, "**{}** {}", kind_word(e.kind()), escape(&place(e)))?;
        if !notes.is_empty() {
            write!(out, " ({})", escape(&notes.join("; ")))?;
        }
        writeln!(out)?;
        if shows_text(e) {
            let escaped: Vec<Change> = shown_changes(e, &flanked(&e.changes))
                .iter()
                .map(|c| Change {
                    op: c.op,
                    text: escape(&c.text),
                })
                .collect();
            writeln!(
                out,
                "\n{}",
                marked(&escaped, false, ("~~", "~~", "**", "**"))
            )?;
        }
        list(tracked.of(k), out)?;
    }
    if !tracked.unplaced().is_empty() {
        writeln!(out, "\n**tracked changes in no paragraph**")?;
        list(tracked.unplaced(), out)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonPair<'a> {
    kind: &'static str,
    old: Vec<&'a str>,
    new: Vec<&'a str>,
    paragraph: &'static str,
    renumbered: bool,
    similarity: f32,
    uncertain: bool,
    forced: bool,
    old_status: Option<&'static str>,
    new_status: Option<&'static str>,
    old_brackets: usize,
    new_brackets: usize,
    changes: Vec<JsonChange<'a>>,
    /// A Word file's tracked changes in this pair; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tracked: Vec<JsonTracked<'a>>,
    /// Changes that are text moved between this pair and one nearby.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    moved: Vec<JsonMoved<'a>>,
}

#[derive(Serialize)]
struct JsonMoved<'a> {
    /// Index into `changes`.
    change: usize,
    /// `to` for a deletion (where the words went), `from` for an insertion.
    way: &'static str,
    other: &'a [String],
    /// Whether the words changed on the way: the two ends are alike, not the same.
    edited: bool,
}

/// A run of the word diff; from a Word file, with who made it and when, where a tracked
/// change holds its words.
#[derive(Serialize)]
struct JsonChange<'a> {
    op: Op,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonTracked<'a> {
    kind: &'static str,
    author: &'a str,
    date: &'a str,
    text: &'a str,
}

/// The runs of a pair's word diff, each inserted or deleted run with the author and
/// date of a tracked change of the same direction whose words hold the run's or are
/// held in them. Word records changes as they were typed and the word diff finds them
/// anew, so the two need not cut the text in the same places; a run no change matches
/// has neither. Both come in document order, so each direction's changes are looked at
/// from where the last match was, a few ahead: a pair with thousands of changes costs
/// no more than its length.
fn attributed<'a>(changes: &'a [Change], tracked: &[&'a TrackedChange]) -> Vec<JsonChange<'a>> {
    const AHEAD: usize = 8;
    let adding: Vec<&TrackedChange> = tracked.iter().copied().filter(|t| t.kind.adds()).collect();
    let taking: Vec<&TrackedChange> = tracked.iter().copied().filter(|t| !t.kind.adds()).collect();
    let mut next = [0usize; 2];
    changes
        .iter()
        .map(|c| {
            let mut run = JsonChange {
                op: c.op,
                text: &c.text,
                author: None,
                date: None,
            };
            let (list, k) = match c.op {
                Op::Equal => return run,
                Op::Insert => (&adding, 0),
                Op::Delete => (&taking, 1),
            };
            let words = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if words.is_empty() {
                return run;
            }
            // The change last matched may hold this run too (the diff cut it in two).
            let from = next[k].saturating_sub(1);
            let found = (from..list.len().min(next[k] + AHEAD)).find(|&j| {
                let t = &list[j].text;
                !t.is_empty() && (t.contains(words.as_str()) || words.contains(t.as_str()))
            });
            if let Some(j) = found {
                next[k] = j + 1;
                run.author = Some(&list[j].author);
                run.date = Some(&list[j].date);
            }
            run
        })
        .collect()
}

/// JSON Lines, one object per pair (see docs/output.md).
pub fn json(entries: &[Entry<'_>], out: &mut dyn Write) -> io::Result<()> {
    json_tracked(entries, &Tracked::default(), out)
}

/// [`json`], each pair with the tracked changes in it (`tracked`) and its runs with
/// their authors and dates; the changes in no pair in an object of their own,
/// `{"kind": "tracked", "tracked": [...]}`, last.
pub fn json_tracked(
    entries: &[Entry<'_>],
    tracked: &Tracked<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    fn listed<'t>(changes: &[&'t TrackedChange]) -> Vec<JsonTracked<'t>> {
        changes
            .iter()
            .map(|c| JsonTracked {
                kind: c.kind.name(),
                author: &c.author,
                date: &c.date,
                text: &c.text,
            })
            .collect()
    }
    for (k, e) in entries.iter().enumerate() {
        let p = JsonPair {
            kind: e.kind().name(),
            old: e.old_labels(),
            new: e.new_labels(),
            paragraph: e.paragraph_kind().name(),
            renumbered: e.pair.renumbered,
            similarity: (e.pair.similarity * 100.0).round() / 100.0,
            uncertain: e.pair.uncertain,
            forced: e.pair.forced,
            old_status: e.old_status().map(|s| s.name()),
            new_status: e.new_status().map(|s| s.name()),
            old_brackets: e.old_brackets(),
            new_brackets: e.new_brackets(),
            changes: attributed(&e.changes, tracked.of(k)),
            tracked: listed(tracked.of(k)),
            moved: e
                .moved
                .iter()
                .map(|m| JsonMoved {
                    change: m.change,
                    way: match e.changes.get(m.change).map(|c| c.op) {
                        Some(Op::Delete) => "to",
                        _ => "from",
                    },
                    other: &m.other,
                    edited: m.edited,
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &p)?;
        writeln!(out)?;
    }
    if !tracked.unplaced().is_empty() {
        let rest = serde_json::json!({"kind": "tracked", "tracked": listed(tracked.unplaced())});
        serde_json::to_writer(&mut *out, &rest)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The changes of a pair as hunks with a few words of context, `… national
/// [-regulators-] {+Regulators+} to publish …`, each hunk on its own.
fn hunks(changes: &[Change], context: usize) -> Vec<String> {
    let mut out = Vec::new();
    for std::ops::Range { start: k, end } in changed_runs(changes) {
        let mut run: Vec<Change> = Vec::new();
        if k > 0 {
            let before: Vec<&str> = changes[k - 1].text.split(' ').collect();
            let from = before.len().saturating_sub(context);
            let lead = if from > 0 || k > 1 { "… " } else { "" };
            let keep = before[from..].join(" ");
            run.push(Change {
                op: Op::Equal,
                text: format!("{lead}{}", keep.trim_start()),
            });
        }
        run.extend_from_slice(&changes[k..end]);
        if end < changes.len() {
            let after: Vec<&str> = changes[end].text.split(' ').collect();
            // The text keeps its leading space, so `after[0]` is what is glued on.
            let n = (context + 1).min(after.len());
            let mut tail = after[..n].join(" ");
            if n < after.len() || end + 1 < changes.len() {
                tail.push_str(" …");
            }
            run.push(Change {
                op: Op::Equal,
                text: tail,
            });
        }
        out.push(marked(&run, false, ("[-", "-]", "{+", "+}")));
    }
    out
}

/// A summary by section, as observers publish them: under each heading of the new
/// version, the paragraphs that are new, deleted, moved, merged, split, changed or
/// changed status, with old and new numbers and the words that changed. Unchanged
/// paragraphs, renumbered or not, and changes of line breaks are left out.
pub fn summary(entries: &[Entry<'_>], out: &mut dyn Write) -> io::Result<()> {
    let mut section = String::new();
    let mut printed = String::from("\0");
    for e in entries {
        // A heading starts a section: `I. Connectivity`, or its text when unnumbered.
        if e.paragraph_kind() == super::model::Kind::Heading
            && let Some(h) = e.new.first()
        {
            section = if h.label.as_str() == h.text {
                h.text.clone()
            } else {
                format!("{}. {}", h.label, h.text)
            };
        }
        let quiet = matches!(e.kind(), PairKind::Unchanged | PairKind::Whitespace)
            && e.old_status() == e.new_status()
            && e.old_brackets() == e.new_brackets();
        if quiet {
            continue;
        }
        if printed != section {
            let title = if section.is_empty() {
                "(before any heading)"
            } else {
                &section
            };
            writeln!(out, "{title}")?;
            printed = section.clone();
        }
        let mut line = format!("  {:<10} {}", kind_word(e.kind()), place(e));
        let what: Vec<String> = match e.kind() {
            // The opening words of a paragraph that came or went.
            PairKind::Inserted | PairKind::Deleted => e
                .changes
                .iter()
                .map(|c| {
                    let words: Vec<&str> = c.text.split_whitespace().collect();
                    let more = if words.len() > 12 { " …" } else { "" };
                    let text = format!("{}{more}", words[..words.len().min(12)].join(" "));
                    marked(
                        &[Change { op: c.op, text }],
                        false,
                        ("[-", "-]", "{+", "+}"),
                    )
                })
                .collect(),
            _ => hunks(&e.changes, 3),
        };
        let notes: Vec<String> = notes(e)
            .into_iter()
            .filter(|n| n != "renumbered" && n != "same words" && n != LAYOUT_ONLY)
            .collect();
        if !notes.is_empty() {
            line.push_str(&format!("  ({})", notes.join("; ")));
        }
        writeln!(out, "{line}")?;
        for h in what {
            writeln!(out, "      {h}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::words::diff;

    fn md(a: &str, b: &str) -> String {
        marked(&flanked(&diff(a, b)), false, ("~~", "~~", "**", "**"))
    }

    proptest::proptest! {
        /// The wrapping of `brief diff`'s text is textwrap's, line for line: of any
        /// text, and of printable ASCII (wrapped by its bytes), with hyphens in words,
        /// doubled, at their ends, and runs of spaces.
        #[test]
        fn wrapping_is_textwrap_s_with_its_indent(
            body in "([a-zé字 -]|\\[-|-\\]|\\{\\+|\\+\\}|\n|\u{1b}\\[1m|aaaaaaaaaaaaaaaaaaaaaaaaaaaaa){0,80}|([a-z0-9 ,.~-]|  |--|\\[-|-\\]|\\{\\+|\\+\\}|\n|aaaaaaaaaaaaaaaaaaaaaaaaaaaaa){0,80}",
            width in 24usize..60,
            indent in proptest::sample::select(vec!["    ", "    · "]),
        ) {
            let opts = textwrap::Options::new(width)
                .initial_indent(indent)
                .subsequent_indent(indent)
                .break_words(false)
                .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
                .word_separator(textwrap::WordSeparator::AsciiSpace);
            let mut want = String::new();
            for line in textwrap::wrap(&body, opts) {
                want.push_str(&line);
                want.push('\n');
            }
            let mut got = Vec::new();
            write_wrapped(&body, indent, width, &mut got).unwrap();
            proptest::prop_assert_eq!(String::from_utf8(got).unwrap(), want);
        }
    }

    #[test]
    fn runs_get_the_author_of_the_tracked_change_that_holds_them_in_one_pass() {
        use crate::draft::read::{ChangeKind, TrackedChange};
        // 20,000 insertions and deletions in one paragraph, by two authors in turn: a
        // search of every change for every run would take minutes in a debug build.
        let n = 20_000;
        let tracked: Vec<TrackedChange> = (0..n)
            .map(|k| TrackedChange {
                kind: if k % 2 == 0 {
                    ChangeKind::Inserted
                } else {
                    ChangeKind::Deleted
                },
                author: format!("author {}", k % 3),
                date: format!("day {k}"),
                label: Some("1".into()),
                text: format!("word{k} more{k}"),
            })
            .collect();
        let refs: Vec<&TrackedChange> = tracked.iter().collect();
        let mut changes = Vec::new();
        for k in 0..n {
            changes.push(Change {
                op: Op::Equal,
                text: " same".into(),
            });
            let op = if k % 2 == 0 { Op::Insert } else { Op::Delete };
            // The diff cuts a change in two: both halves are its.
            changes.push(Change {
                op,
                text: format!(" word{k}"),
            });
            changes.push(Change {
                op,
                text: format!(" more{k}"),
            });
        }
        let runs = attributed(&changes, &refs);
        for (k, pair) in runs.chunks(3).enumerate() {
            assert_eq!(pair[0].author, None);
            let date = format!("day {k}");
            assert_eq!(pair[1].date, Some(date.as_str()), "{k}");
            assert_eq!(pair[2].date, Some(date.as_str()), "{k}");
        }
    }

    #[test]
    fn markdown_markers_open_and_close_next_to_punctuation() {
        assert_eq!(
            md(
                "community networks. We note",
                "community networks, and we note"
            ),
            "community ~~networks. We~~ **networks, and we** note"
        );
        assert_eq!(md("the (a) list", "the a list"), "the ~~(a)~~ **a** list");
        assert_eq!(
            md("meets yearly", "meets twice yearly"),
            "meets **twice** yearly"
        );
    }
}
