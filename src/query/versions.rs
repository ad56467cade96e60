//! Two versions of a negotiated text side by side (issue 21): what `brief diff -f
//! side-by-side` prints and the reader's versions screen shows, asked once here so the
//! two cannot drift apart.
//!
//! A [`Comparison`] has one [`Row`] per pair of [`NegotiatedText::compare`] (or of any
//! list of [`Entry`]s): the old side's paragraphs with the words it lost marked, the new
//! side's with the words it gained, what happened (changed, moved, merged…), status and
//! brackets on each side. [`shown`] picks the rows a [`Filter`] lets through and
//! [`lay_out`] sets them at a width: two columns kept level row by row (each row as tall
//! as its taller side, as delta's side-by-side does; an inserted paragraph faces a blank,
//! a deleted one too), or, narrower than [`COLUMNS_FROM`], old above new per paragraph.
//!
//! Changed words keep wdiff's markers, `[-old-]` and `{+new+}`, in the text itself: a
//! [`Mark`] lets a renderer strike or embolden them too, never instead.

use textwrap::core::Fragment;

use crate::brief::text::width;
use crate::draft::align::PairKind;
use crate::draft::diff::Entry;
use crate::draft::model::{Kind, Paragraph, Status, Version};
use crate::draft::text::NegotiatedText;
use crate::draft::words::{Change, Op};

/// Narrower than this, the sides are stacked: two columns of under 50 would wrap every
/// few words.
pub const COLUMNS_FROM: usize = 100;
/// Between the two columns.
pub const GUTTER: &str = " │ ";

/// Which rows show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    /// Rows that changed: wording, place, status or brackets.
    Changed,
    /// Paragraphs of the later version not agreed (nor agreed ad ref); headings aside.
    NotAgreed,
    /// Rows with brackets on either side: still bracketed, or brackets taken out.
    Bracketed,
}

impl Filter {
    /// The next filter of the cycle: all → changed → not agreed → bracketed → all.
    pub fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Changed,
            Filter::Changed => Filter::NotAgreed,
            Filter::NotAgreed => Filter::Bracketed,
            Filter::Bracketed => Filter::All,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Changed => "changed",
            Filter::NotAgreed => "not agreed",
            Filter::Bracketed => "bracketed",
        }
    }
}

/// A run of words on one side: as it stands in both versions, or only in this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub op: Op,
    pub text: String,
}

/// One paragraph on one side of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Index in its version.
    pub index: usize,
    pub label: String,
    pub kind: Kind,
    pub status: Option<Status>,
    pub brackets: usize,
    /// Its entry's id in the text's brief (`8`, `new-8a`); none for a heading.
    pub id: Option<String>,
    /// The wording: on the old side equal and deleted runs, on the new equal and inserted.
    pub runs: Vec<Run>,
}

/// One pair of paragraphs: its old side and its new side (either may be empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: PairKind,
    pub old: Vec<Part>,
    pub new: Vec<Part>,
    pub renumbered: bool,
    /// Paired by a concordance.
    pub forced: bool,
    /// Paired on a low likeness: worth checking.
    pub uncertain: bool,
    /// Text of this pair that went to a pair nearby, or came from one.
    pub moved: Vec<MovedText>,
}

/// Words moved between a row and one nearby: where they went (`away`) or came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedText {
    pub away: bool,
    /// The other row's labels, in its version.
    pub other: String,
    /// Whether its words changed on the way.
    pub edited: bool,
}

impl MovedText {
    /// `text moved to ¶3`, `text moved from ¶2, edited`.
    pub fn note(&self) -> String {
        let way = if self.away { "to" } else { "from" };
        let edited = if self.edited { ", edited" } else { "" };
        format!("text moved {way} ¶{}{edited}", self.other)
    }
}

/// A version as the heading of its side: `rev2`, `Revision 2, 2025-12-03`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Name {
    pub id: String,
    pub long: String,
}

impl Name {
    pub fn of(text: &NegotiatedText, v: usize) -> Name {
        match text.history.versions.get(v) {
            Some(e) => {
                let mut long = format!("{}, {}", e.label, e.date);
                if let Some(s) = &e.symbol {
                    long.push_str(&format!(", {s}"));
                }
                Name {
                    id: e.id.to_string(),
                    long,
                }
            }
            None => Name::default(),
        }
    }

    /// `rev2 · Revision 2, 2025-12-03`.
    pub fn full(&self) -> String {
        if self.long.is_empty() {
            self.id.clone()
        } else {
            format!("{} · {}", self.id, self.long)
        }
    }
}

/// Two versions compared, row by row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    pub old: Name,
    pub new: Name,
    pub rows: Vec<Row>,
}

fn agreed(s: Option<Status>) -> bool {
    matches!(s, Some(Status::Agreed | Status::AgreedAdRef))
}

fn status_of(parts: &[Part]) -> Option<Status> {
    parts.iter().rev().find_map(|p| p.status)
}

fn brackets_of(parts: &[Part]) -> usize {
    parts.iter().map(|p| p.brackets).sum()
}

/// `¶ 4`, `¶ 4, 5`; a heading `§ II`, or `§` alone when its label is its wording.
fn labels(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| p.label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn brackets_word(n: usize) -> String {
    if n == 1 {
        "1 bracket".to_owned()
    } else {
        format!("{n} brackets")
    }
}

impl Row {
    /// The status of a side: of its last paragraph that has one.
    pub fn old_status(&self) -> Option<Status> {
        status_of(&self.old)
    }

    pub fn new_status(&self) -> Option<Status> {
        status_of(&self.new)
    }

    pub fn old_brackets(&self) -> usize {
        brackets_of(&self.old)
    }

    pub fn new_brackets(&self) -> usize {
        brackets_of(&self.new)
    }

    pub fn is_heading(&self) -> bool {
        self.new
            .first()
            .or(self.old.first())
            .is_some_and(|p| p.kind.is_apart())
    }

    /// Whether both sides are there, so a status or a bracket count can change.
    fn paired(&self) -> bool {
        !self.old.is_empty() && !self.new.is_empty()
    }

    /// Something happened to it: its wording or place, its status or its brackets (a
    /// change of line breaks alone is not one). What n and N step through.
    pub fn is_change(&self) -> bool {
        !matches!(self.kind, PairKind::Unchanged | PairKind::Whitespace)
            || self.old_status() != self.new_status()
            || self.old_brackets() != self.new_brackets()
    }

    pub fn passes(&self, filter: Filter) -> bool {
        match filter {
            Filter::All => true,
            Filter::Changed => self.is_change(),
            Filter::NotAgreed => {
                !self.new.is_empty() && !self.is_heading() && !agreed(self.new_status())
            }
            Filter::Bracketed => self.old_brackets() > 0 || self.new_brackets() > 0,
        }
    }

    /// Where the row sits: `4, 5 → 5`, `PP3 → PP4`, `7`.
    pub fn place(&self) -> String {
        let (o, n) = (labels(&self.old), labels(&self.new));
        match (o.is_empty(), n.is_empty()) {
            (true, _) => n,
            (_, true) => o,
            _ if o == n => o,
            _ => format!("{o} → {n}"),
        }
    }

    /// What the row says of itself on one line, for the stacked layout's heading:
    /// `changed · renumbered · status none → agreed · brackets 1 → 0`.
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self.kind {
            PairKind::Unchanged => {}
            PairKind::Whitespace => out.push("line breaks changed".to_owned()),
            k => out.push(k.name().to_owned()),
        }
        if self.renumbered && !matches!(self.kind, PairKind::Merged | PairKind::Split) {
            out.push("renumbered".to_owned());
        }
        let name = |s: Option<Status>| s.map_or("none", |s| s.name());
        let (os, ns) = (self.old_status(), self.new_status());
        let (ob, nb) = (self.old_brackets(), self.new_brackets());
        if self.paired() && os != ns {
            out.push(format!("status {} → {}", name(os), name(ns)));
        } else if let Some(s) = ns.or(if self.new.is_empty() { os } else { None }) {
            out.push(s.name().to_owned());
        }
        if self.paired() && ob != nb {
            out.push(format!("brackets {ob} → {nb}"));
        } else if ob.max(nb) > 0 {
            out.push(brackets_word(ob.max(nb)));
        }
        out.extend(self.moved.iter().map(MovedText::note));
        out.extend(self.pairing());
        out
    }

    fn pairing(&self) -> Option<String> {
        if self.forced {
            Some("paired by hand".to_owned())
        } else if self.uncertain && self.paired() {
            Some("check this pairing".to_owned())
        } else {
            None
        }
    }

    /// The heading of the old side's part `k`: its label, what became of it, its status
    /// and brackets (`¶ 2 · moved to ¶4`, `¶ 7 · split into ¶7, 8 · 1 bracket`).
    pub fn old_head(&self, k: usize) -> String {
        let Some(p) = self.old.get(k) else {
            return String::new();
        };
        let mut out = vec![part_label(p)];
        let to = labels(&self.new);
        match self.kind {
            PairKind::Deleted => out.push("deleted".to_owned()),
            PairKind::Moved => out.push(format!("moved to ¶{to}")),
            PairKind::Merged => out.push(format!("merged into ¶{to}")),
            PairKind::Split => out.push(format!("split into ¶{to}")),
            _ => {}
        }
        if k == 0 {
            out.extend(self.moved.iter().filter(|m| m.away).map(MovedText::note));
        }
        if let Some(s) = p.status {
            out.push(s.name().to_owned());
        }
        if p.brackets > 0 {
            out.push(brackets_word(p.brackets));
        }
        joined(out)
    }

    /// The heading of the new side's part `k`: its label, what happened to it and from
    /// where, its status and brackets, old → new where they changed.
    pub fn new_head(&self, k: usize) -> String {
        let Some(p) = self.new.get(k) else {
            return String::new();
        };
        let mut out = vec![part_label(p)];
        let from = labels(&self.old);
        match self.kind {
            PairKind::Unchanged if self.renumbered => out.push(format!("renumbered from ¶{from}")),
            PairKind::Unchanged => {}
            PairKind::Whitespace => out.push("line breaks changed".to_owned()),
            PairKind::Changed if self.renumbered => {
                out.push(format!("changed · renumbered from ¶{from}"))
            }
            PairKind::Changed => out.push("changed".to_owned()),
            PairKind::Moved => out.push(format!("moved from ¶{from}")),
            PairKind::Merged => out.push(format!("merged from ¶{from}")),
            PairKind::Split => out.push(format!("split from ¶{from}")),
            PairKind::Inserted => out.push("inserted".to_owned()),
            PairKind::Deleted => {}
        }
        // Status and brackets of the side as a whole, on its last part.
        if k + 1 == self.new.len() {
            let name = |s: Option<Status>| s.map_or("none", |s| s.name());
            let (os, ns) = (self.old_status(), self.new_status());
            if self.paired() && os != ns {
                out.push(format!("status {} → {}", name(os), name(ns)));
            } else if let Some(s) = ns {
                out.push(s.name().to_owned());
            }
            let (ob, nb) = (self.old_brackets(), self.new_brackets());
            if self.paired() && ob != nb {
                out.push(format!("brackets {ob} → {nb}"));
            } else if nb > 0 {
                out.push(brackets_word(nb));
            }
            out.extend(self.moved.iter().filter(|m| !m.away).map(MovedText::note));
            out.extend(self.pairing());
        } else {
            if let Some(s) = p.status {
                out.push(s.name().to_owned());
            }
            if p.brackets > 0 {
                out.push(brackets_word(p.brackets));
            }
        }
        joined(out)
    }
}

/// `¶ 4`; a heading `§ II`, or `§` alone when its label is its wording (`Preamble`).
fn part_label(p: &Part) -> String {
    if !p.kind.is_apart() {
        format!("¶ {}", p.label)
    } else if p.wording().trim() == p.label {
        "§".to_owned()
    } else {
        format!("§ {}", p.label)
    }
}

/// A heading's pieces joined: `¶ 4 · moved to ¶5`, `§ deleted`.
fn joined(pieces: Vec<String>) -> String {
    match pieces.split_first() {
        Some((first, rest)) if first == "§" && !rest.is_empty() => {
            format!("§ {}", rest.join(" · "))
        }
        _ => pieces.join(" · "),
    }
}

impl Part {
    /// The wording as this side reads it, markers left out.
    pub fn wording(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// The wording with wdiff's markers around what the other side lacks (`[-old-]` on
    /// the old side, `{+new+}` on the new), on one line: what line mode reads out.
    pub fn marked_text(&self) -> String {
        marked(&self.runs).into_iter().map(|(_, t)| t).collect()
    }

    /// Whether this side has words the other lacks.
    pub fn marked(&self) -> bool {
        self.runs.iter().any(|r| r.op != Op::Equal)
    }
}

/// The ids the text's brief gives the paragraphs of `version` (headings have none).
pub fn item_ids(version: &Version) -> Vec<Option<String>> {
    crate::draft::as_brief::paragraph_ids(version)
}

/// Non-space characters: what a side's runs and its paragraphs' texts agree on, whatever
/// spaces the word diff kept.
fn solid(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The runs of one side cut at its paragraphs' ends: the word diff ran over the side's
/// paragraphs joined, and each part is shown under its own label.
fn cut(runs: Vec<Run>, paragraphs: &[&Paragraph]) -> Vec<Vec<Run>> {
    let mut out: Vec<Vec<Run>> = vec![Vec::new(); paragraphs.len().max(1)];
    let ends: Vec<usize> = paragraphs
        .iter()
        .scan(0, |sum, p| {
            *sum += solid(&p.text);
            Some(*sum)
        })
        .collect();
    let mut part = 0;
    let mut seen = 0;
    let push = |out: &mut Vec<Vec<Run>>, part: usize, op: Op, text: &str| {
        let text = if out[part].is_empty() {
            text.trim_start()
        } else {
            text
        };
        if !text.trim().is_empty() {
            out[part].push(Run {
                op,
                text: text.to_owned(),
            });
        }
    };
    for run in runs {
        let mut rest = run.text.as_str();
        while !rest.is_empty() {
            // Skip to a part that still has characters to come.
            while part + 1 < out.len() && seen >= ends[part] {
                part += 1;
            }
            let room = if part + 1 < out.len() {
                ends[part] - seen
            } else {
                usize::MAX
            };
            let mut taken = 0;
            let mut at = rest.len();
            for (i, c) in rest.char_indices() {
                if taken == room {
                    at = i;
                    break;
                }
                if !c.is_whitespace() {
                    taken += 1;
                }
            }
            push(&mut out, part, run.op, &rest[..at]);
            seen += taken;
            rest = &rest[at..];
            if !rest.is_empty() && part + 1 < out.len() {
                part += 1;
            }
        }
    }
    out
}

fn parts(
    paragraphs: &[&Paragraph],
    indices: &[usize],
    ids: &[Option<String>],
    runs: Vec<Run>,
) -> Vec<Part> {
    if paragraphs.is_empty() {
        return Vec::new();
    }
    paragraphs
        .iter()
        .zip(indices)
        .zip(cut(runs, paragraphs))
        .map(|((p, &index), runs)| Part {
            index,
            label: p.label.as_str().to_owned(),
            kind: p.kind,
            status: p.status,
            brackets: p.brackets,
            id: ids.get(index).cloned().flatten(),
            runs,
        })
        .collect()
}

fn side(changes: &[Change], keep: Op) -> Vec<Run> {
    changes
        .iter()
        .filter(|c| c.op == Op::Equal || c.op == keep)
        .map(|c| Run {
            op: c.op,
            text: c.text.clone(),
        })
        .collect()
}

/// The rows of `entries`, the pairs of two versions; `old_ids` and `new_ids` are the
/// paragraphs' entry ids (see [`item_ids`]), or empty where there is no brief.
pub fn rows(
    entries: &[Entry<'_>],
    old_ids: &[Option<String>],
    new_ids: &[Option<String>],
) -> Vec<Row> {
    entries
        .iter()
        .map(|e| {
            // A pair whose wording did not change shows each side's own text.
            let (old_runs, new_runs) = match e.kind() {
                PairKind::Unchanged | PairKind::Whitespace => {
                    let own = |ps: &[&Paragraph]| {
                        let text = ps
                            .iter()
                            .map(|p| p.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" ");
                        vec![Run {
                            op: Op::Equal,
                            text,
                        }]
                    };
                    (own(&e.old), own(&e.new))
                }
                _ => (side(&e.changes, Op::Delete), side(&e.changes, Op::Insert)),
            };
            Row {
                kind: e.kind(),
                old: parts(&e.old, &e.pair.old, old_ids, old_runs),
                new: parts(&e.new, &e.pair.new, new_ids, new_runs),
                renumbered: e.pair.renumbered,
                forced: e.pair.forced,
                uncertain: e.pair.uncertain,
                moved: e
                    .moved
                    .iter()
                    .map(|m| MovedText {
                        away: e.changes.get(m.change).map(|c| c.op) == Some(Op::Delete),
                        other: m.other.join(", "),
                        edited: m.edited,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Versions `a` and `b` (`a` < `b`) of a text, compared.
pub fn of_text(text: &NegotiatedText, a: usize, b: usize) -> Comparison {
    let entries = text.compare(a, b, &crate::draft::Options::default());
    let (old_ids, new_ids) = match (text.versions.get(a), text.versions.get(b)) {
        (Some(o), Some(n)) => (item_ids(o), item_ids(n)),
        _ => (Vec::new(), Vec::new()),
    };
    Comparison {
        old: Name::of(text, a),
        new: Name::of(text, b),
        rows: rows(&entries, &old_ids, &new_ids),
    }
}

/// The rows `filter` lets through, by index.
pub fn shown(rows: &[Row], filter: Filter) -> Vec<usize> {
    (0..rows.len())
        .filter(|&i| rows[i].passes(filter))
        .collect()
}

/// n and N: of the rows shown (`shown`, indices into `rows`), the next change after
/// position `from`, or the one before it; `None` past the last (or first).
pub fn next_change(rows: &[Row], shown: &[usize], from: usize, forward: bool) -> Option<usize> {
    if forward {
        (from + 1..shown.len()).find(|&k| rows[shown[k]].is_change())
    } else {
        (0..from.min(shown.len()))
            .rev()
            .find(|&k| rows[shown[k]].is_change())
    }
}

// ---- layout -----------------------------------------------------------------------

/// What a piece of a laid-out line is, for a renderer to set off (the words and markers
/// are already there: a renderer without styles loses nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// `[-words-]` the later version took out.
    Deleted,
    /// `{+words+}` it put in.
    Inserted,
    /// A paragraph's heading: its label and what happened to it.
    Head,
    /// A version's name.
    Name,
    /// The rule under the names and between the columns.
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub mark: Mark,
    pub text: String,
}

/// A laid-out line: pieces, left to right, never wider than the layout's width.
pub type Line = Vec<Seg>;

/// The rows shown, laid out at a width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub width: usize,
    pub stacked: bool,
    /// The versions' names and a rule: what stays at the top while the rest scrolls.
    pub head: Vec<Line>,
    pub lines: Vec<Line>,
    /// Indices into the comparison's rows, in order.
    pub shown: Vec<usize>,
    /// The line each shown row starts at.
    pub starts: Vec<usize>,
    /// Where the right column starts (the gutter is just before), when in columns.
    pub right_at: usize,
}

impl Layout {
    /// The shown row a line belongs to (a blank between rows, to the row above).
    pub fn row_at(&self, line: usize) -> Option<usize> {
        if self.starts.is_empty() {
            return None;
        }
        Some(
            self.starts
                .partition_point(|&s| s <= line)
                .saturating_sub(1),
        )
    }
}

/// The columns a line takes.
pub fn line_width(line: &Line) -> usize {
    line.iter().map(|s| width(&s.text)).sum()
}

/// A line as text alone.
pub fn line_text(line: &Line) -> String {
    line.iter().map(|s| s.text.as_str()).collect()
}

fn seg(mark: Mark, text: impl Into<String>) -> Seg {
    Seg {
        mark,
        text: text.into(),
    }
}

/// A word as textwrap sees it: its width, and a space after it unless a line ends there.
#[derive(Debug)]
struct Word {
    segs: Vec<Seg>,
    width: usize,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        1.0
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Pieces of text (each with its mark) cut into words at spaces; a word may hold pieces
/// of several marks (`networks[-.-]`). A word wider than `room` is cut to fit.
fn words(pieces: &[(Mark, &str)], room: usize) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Vec<Seg> = Vec::new();
    let flush = |current: &mut Vec<Seg>, out: &mut Vec<Word>| {
        if current.is_empty() {
            return;
        }
        let segs = std::mem::take(current);
        let w: usize = segs.iter().map(|s| width(&s.text)).sum();
        if w <= room {
            out.push(Word { segs, width: w });
            return;
        }
        // Too wide for a line: cut at characters, as many as fit on each.
        let mut piece: Vec<Seg> = Vec::new();
        let mut used = 0;
        for s in segs {
            let mut from = 0;
            for (i, c) in s.text.char_indices() {
                let cw = width(&s.text[i..i + c.len_utf8()]);
                if used + cw > room && used > 0 {
                    if from < i {
                        piece.push(seg(s.mark, &s.text[from..i]));
                    }
                    out.push(Word {
                        segs: std::mem::take(&mut piece),
                        width: used,
                    });
                    used = 0;
                    from = i;
                }
                used += cw;
            }
            if from < s.text.len() {
                piece.push(seg(s.mark, &s.text[from..]));
            }
        }
        if !piece.is_empty() {
            out.push(Word {
                segs: piece,
                width: used,
            });
        }
    };
    for &(mark, text) in pieces {
        for (k, chunk) in text.split(char::is_whitespace).enumerate() {
            if k > 0 {
                flush(&mut current, &mut out);
            }
            if !chunk.is_empty() {
                match current.last_mut() {
                    Some(last) if last.mark == mark => last.text.push_str(chunk),
                    _ => current.push(seg(mark, chunk)),
                }
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Pieces wrapped to `room` columns (at least 1) with textwrap's first fit: each line's
/// pieces, a single space between words.
fn wrap(pieces: &[(Mark, &str)], room: usize) -> Vec<Line> {
    let room = room.max(1);
    let words = words(pieces, room);
    let lines = textwrap::wrap_algorithms::wrap_first_fit(&words, &[room as f64]);
    lines
        .into_iter()
        .map(|line| {
            let mut out: Line = Vec::new();
            for (k, w) in line.iter().enumerate() {
                if k > 0 {
                    match out.last_mut() {
                        Some(last) if last.mark == Mark::Plain => last.text.push(' '),
                        _ => out.push(seg(Mark::Plain, " ")),
                    }
                }
                for s in &w.segs {
                    match out.last_mut() {
                        Some(last) if last.mark == s.mark => last.text.push_str(&s.text),
                        _ => out.push(s.clone()),
                    }
                }
            }
            out
        })
        .collect()
}

/// A part's wording as pieces with wdiff's markers around what one side lacks.
fn marked(runs: &[Run]) -> Vec<(Mark, String)> {
    let mut out = Vec::with_capacity(runs.len());
    for (k, r) in runs.iter().enumerate() {
        let text = r.text.strip_prefix(' ');
        let space = if text.is_some() && k > 0 { " " } else { "" };
        let text = text.unwrap_or(&r.text);
        match r.op {
            Op::Equal => out.push((Mark::Plain, format!("{space}{text}"))),
            Op::Delete => {
                if !space.is_empty() {
                    out.push((Mark::Plain, " ".to_owned()));
                }
                out.push((Mark::Deleted, format!("[-{text}-]")));
            }
            Op::Insert => {
                if !space.is_empty() {
                    out.push((Mark::Plain, " ".to_owned()));
                }
                out.push((Mark::Inserted, format!("{{+{text}+}}")));
            }
        }
    }
    out
}

/// A part laid out at `room` columns: its heading (if any), then its wording.
/// A part laid out at `room` columns: its heading (if any), then its wording, whose
/// unchanged words are set off as `plain` (a heading's as a heading).
fn part_lines(head: Option<&str>, plain: Mark, runs: &[Run], room: usize) -> Vec<Line> {
    part_lines_led(head, &[], plain, runs, room)
}

fn part_lines_led(
    head: Option<&str>,
    lead: &[(Mark, &str)],
    plain: Mark,
    runs: &[Run],
    room: usize,
) -> Vec<Line> {
    let mut out = Vec::new();
    if let Some(h) = head {
        out.extend(wrap(&[(Mark::Head, h)], room));
    }
    let body = marked(runs);
    let mut pieces: Vec<(Mark, &str)> = lead.to_vec();
    pieces.extend(body.iter().map(|(m, t)| {
        let m = if *m == Mark::Plain { plain } else { *m };
        (m, t.as_str())
    }));
    out.extend(wrap(&pieces, room));
    out
}

/// `line` padded with spaces to `w` columns.
fn padded(mut line: Line, w: usize) -> Line {
    let used = line_width(&line);
    if used < w {
        line.push(seg(Mark::Plain, " ".repeat(w - used)));
    }
    line
}

/// The rows `shown` of `c` laid out at `width` columns: in two columns from
/// [`COLUMNS_FROM`], else stacked.
pub fn lay_out(c: &Comparison, shown: &[usize], cols: usize) -> Layout {
    let cols = cols.max(1);
    let stacked = cols < COLUMNS_FROM;
    let left_w = cols.saturating_sub(GUTTER.chars().count()) / 2;
    let right_w = cols.saturating_sub(left_w + GUTTER.chars().count());
    let mut lines: Vec<Line> = Vec::new();
    let mut starts = Vec::with_capacity(shown.len());
    for (k, &i) in shown.iter().enumerate() {
        let Some(row) = c.rows.get(i) else { continue };
        if k > 0 {
            lines.push(if stacked {
                Vec::new()
            } else {
                vec![
                    seg(Mark::Plain, " ".repeat(left_w)),
                    seg(Mark::Rule, GUTTER.trim_end()),
                ]
            });
        }
        starts.push(lines.len());
        if stacked {
            lines.extend(stacked_row(c, row, cols));
        } else {
            let left = side_lines(row, true, left_w);
            let right = side_lines(row, false, right_w);
            // As tall as the taller side: the shorter faces blank lines.
            for n in 0..left.len().max(right.len()) {
                let mut line = padded(left.get(n).cloned().unwrap_or_default(), left_w);
                let r = right.get(n).cloned().unwrap_or_default();
                line.push(seg(Mark::Rule, if r.is_empty() { " │" } else { GUTTER }));
                line.extend(r);
                lines.push(line);
            }
        }
    }
    Layout {
        width: cols,
        stacked,
        head: head(c, cols, stacked, left_w),
        lines,
        shown: shown.to_vec(),
        starts,
        right_at: if stacked {
            0
        } else {
            left_w + GUTTER.chars().count()
        },
    }
}

/// The names of the two versions and a rule under them.
fn head(c: &Comparison, cols: usize, stacked: bool, left_w: usize) -> Vec<Line> {
    if stacked {
        let names = format!("{} → {}", c.old.full(), c.new.full());
        let names = if width(&names) <= cols {
            names
        } else {
            format!("{} → {}", c.old.id, c.new.id)
        };
        return vec![
            vec![seg(Mark::Name, fit(&names, cols))],
            vec![seg(Mark::Rule, "─".repeat(cols))],
        ];
    }
    let right_w = cols - left_w - GUTTER.chars().count();
    let mut names = padded(vec![seg(Mark::Name, fit(&c.old.full(), left_w))], left_w);
    names.push(seg(Mark::Rule, GUTTER));
    names.push(seg(Mark::Name, fit(&c.new.full(), right_w)));
    let rule = vec![seg(
        Mark::Rule,
        format!("{}─┼─{}", "─".repeat(left_w), "─".repeat(right_w)),
    )];
    vec![names, rule]
}

pub use crate::brief::text::fit;

/// One side of a row in its column: each part's heading and wording, one after another.
fn side_lines(row: &Row, old: bool, room: usize) -> Vec<Line> {
    let parts = if old { &row.old } else { &row.new };
    // A heading that is only its wording and did not change reads as its wording.
    let bare = row.old_head(0) == "§" && row.new_head(0) == "§";
    let mut out = Vec::new();
    for (k, p) in parts.iter().enumerate() {
        let head = if old {
            row.old_head(k)
        } else {
            row.new_head(k)
        };
        let head = (!bare).then_some(head);
        let mark = if p.kind.is_apart() {
            Mark::Head
        } else {
            Mark::Plain
        };
        out.extend(part_lines(head.as_deref(), mark, &p.runs, room));
    }
    out
}

/// A row stacked: a heading (`¶ 4, 5 → 5 · merged`), then the old side's wording above
/// the new side's, each led by its version's id (and label, when a side has several
/// parts). Unchanged wording shows once.
fn stacked_row(c: &Comparison, row: &Row, cols: usize) -> Vec<Line> {
    let plain = if row.is_heading() {
        Mark::Head
    } else {
        Mark::Plain
    };
    // Nothing to mark on either side (unchanged, renumbered, moved with the same
    // words): the wording shows once.
    let once = row.old.len() <= 1
        && row.new.len() <= 1
        && !row.old.iter().chain(&row.new).any(Part::marked);
    let mut head = if row.is_heading() {
        let only = row.new.first().or(row.old.first());
        match only {
            // A heading read as itself: `§ I Connectivity`, `§ Preamble`.
            Some(p) if once && p.wording().trim() == p.label => format!("§ {}", p.label),
            Some(p) if once => format!("§ {} {}", row.place(), p.wording().trim()),
            _ => format!("§ {}", row.place()),
        }
    } else {
        format!("¶ {}", row.place())
    };
    for n in row.notes() {
        head.push_str(" · ");
        head.push_str(&n);
    }
    let mut out = wrap(&[(Mark::Head, &head)], cols);
    if once {
        if let Some(p) = row.new.first().filter(|_| !row.is_heading()) {
            out.extend(part_lines(None, plain, &p.runs, cols));
        }
        return out;
    }
    for (name, parts) in [(&c.old.id, &row.old), (&c.new.id, &row.new)] {
        for p in parts {
            let lead = if parts.len() > 1 {
                format!("{name} ¶{}:", p.label)
            } else {
                format!("{name}:")
            };
            out.extend(part_lines_led(
                None,
                &[(Mark::Name, &lead), (Mark::Plain, " ")],
                plain,
                &p.runs,
                cols,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests;
