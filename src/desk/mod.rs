//! The delegate's desk: bookmarks and notes on entries, kept apart from the briefs.
//!
//! A mark is keyed by the entry's selector and remembers a fingerprint of the entry's
//! text when it was made, so a note whose entry has changed since is shown as "changed
//! since noted", and one whose entry is gone as "orphaned" — never dropped. This module
//! is the data; `store` puts it on disk.

pub mod state;
pub mod store;

use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::model::EntryRef;
use crate::brief::text::Text;
use crate::brief::yaml;
use crate::search::entry_fields;

/// What the desk file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Desk {
    /// Format version, for the day it changes.
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub marks: Vec<Mark>,
}

fn version() -> u32 {
    1
}

impl Default for Desk {
    fn default() -> Desk {
        Desk {
            version: version(),
            marks: Vec::new(),
        }
    }
}

/// A bookmark, a note, or both, on one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    pub selector: Text,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bookmark: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Fingerprint of the entry's text when the mark was last set.
    pub fingerprint: String,
    /// When the mark was last set.
    pub noted: Date,
}

impl Mark {
    /// A mark with neither a bookmark nor a note is no mark.
    pub fn is_empty(&self) -> bool {
        !self.bookmark && self.note.as_ref().is_none_or(|n| n.trim().is_empty())
    }
}

/// How a mark stands against the briefs loaded now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Current,
    /// The entry's text is not what it was when the mark was set.
    Changed,
    /// No loaded brief has the entry any more.
    Orphaned,
}

impl Standing {
    /// One word, the same in every output a program reads (`brief notes`, its JSON, the
    /// JSON prep sheet): `current`, `changed` or `orphaned`.
    pub fn name(self) -> &'static str {
        match self {
            Standing::Current => "current",
            Standing::Changed => "changed",
            Standing::Orphaned => "orphaned",
        }
    }

    /// What a reader is told, where it matters: nothing for a current mark.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Current => "",
            Standing::Changed => "changed since noted",
            Standing::Orphaned => "orphaned: the entry is not in the loaded briefs",
        }
    }
}

/// One edit to the desk, as saved: applied on top of whatever the file holds by then.
///
/// A change names one field of one mark and sets only that field (and the mark's
/// fingerprint and date), so writers saving at once — a note from the command line, a
/// bookmark from a reader — keep each other's work: none writes back its own, possibly
/// stale, copy of the whole mark. A mark left with neither bookmark nor note goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Put the bookmark on the entry, or take it off.
    Bookmark {
        selector: String,
        on: bool,
        fingerprint: String,
        noted: Date,
    },
    /// Set the entry's note; `None` (or blank text) takes it away.
    Note {
        selector: String,
        note: Option<Text>,
        fingerprint: String,
        noted: Date,
    },
    /// Take the whole mark away, bookmark and note: what `brief note --remove` asks for.
    Remove(String),
}

impl Change {
    /// The entry the change is on.
    pub fn selector(&self) -> &str {
        match self {
            Change::Bookmark { selector, .. } | Change::Note { selector, .. } => selector,
            Change::Remove(selector) => selector,
        }
    }

    /// The changes that put back what this one changes on `before` (the mark as it was
    /// then, `None` for no mark): field by field, so undoing a bookmark never touches a
    /// note saved meanwhile by someone else, nor the other way round.
    pub fn inverse(&self, before: Option<&Mark>) -> Vec<Change> {
        // The fingerprint and date the mark had, so an undone change leaves it as it was;
        // with no mark before, the change's own (the mark goes anyway, unless another
        // writer gave it its other field meanwhile, and then these are the truer ones).
        let stamp = |fingerprint: &String, noted: &Date| match before {
            Some(m) => (m.fingerprint.clone(), m.noted),
            None => (fingerprint.clone(), *noted),
        };
        match self {
            Change::Bookmark {
                selector,
                fingerprint,
                noted,
                ..
            } => {
                let (fingerprint, noted) = stamp(fingerprint, noted);
                vec![Change::Bookmark {
                    selector: selector.clone(),
                    on: before.is_some_and(|m| m.bookmark),
                    fingerprint,
                    noted,
                }]
            }
            Change::Note {
                selector,
                fingerprint,
                noted,
                ..
            } => {
                let (fingerprint, noted) = stamp(fingerprint, noted);
                vec![Change::Note {
                    selector: selector.clone(),
                    note: before.and_then(|m| m.note.clone()),
                    fingerprint,
                    noted,
                }]
            }
            Change::Remove(selector) => match before {
                None => Vec::new(),
                Some(m) => vec![
                    Change::Bookmark {
                        selector: selector.clone(),
                        on: m.bookmark,
                        fingerprint: m.fingerprint.clone(),
                        noted: m.noted,
                    },
                    Change::Note {
                        selector: selector.clone(),
                        note: m.note.clone(),
                        fingerprint: m.fingerprint.clone(),
                        noted: m.noted,
                    },
                ],
            },
        }
    }

    /// The mark on the change's entry after it, given the mark before (`None` for none);
    /// `None` when no mark is left.
    fn applied_to(&self, mark: Option<Mark>) -> Option<Mark> {
        let (selector, fingerprint, noted) = match self {
            Change::Remove(_) => return None,
            Change::Bookmark {
                selector,
                fingerprint,
                noted,
                ..
            }
            | Change::Note {
                selector,
                fingerprint,
                noted,
                ..
            } => (selector, fingerprint, noted),
        };
        let mut mark = mark.unwrap_or_else(|| Mark {
            selector: Text::new(selector),
            bookmark: false,
            note: None,
            fingerprint: fingerprint.clone(),
            noted: *noted,
        });
        let same = match self {
            Change::Bookmark { on, .. } => std::mem::replace(&mut mark.bookmark, *on) == *on,
            Change::Note { note, .. } => {
                let note = note.clone().filter(|n| !n.trim().is_empty());
                std::mem::replace(&mut mark.note, note.clone()) == note
            }
            Change::Remove(_) => false,
        };
        // Setting a field to what it already holds changes nothing, not even the date:
        // a note flagged "changed since noted" stays flagged until it is touched.
        if !same {
            mark.fingerprint = fingerprint.clone();
            mark.noted = *noted;
        }
        (!mark.is_empty()).then_some(mark)
    }
}

/// What marks a fingerprint of this version, ahead of its hex digits. Marks saved before
/// it (bare hex) were fingerprinted from the rendered fields and are checked against
/// [`legacy_fingerprint`] instead, so upgrading shows no note as changed that is not.
const FINGERPRINT_VERSION: &str = "2:";

/// A stable fingerprint of an entry's own substance (FNV-1a, 64 bits): the same entry
/// gives the same value in every version of the program.
///
/// Each kind hashes a fixed list of its own fields, by name, so that a note is "changed"
/// only when what it was written about changed — never because something else was
/// renamed (an issue's title, an actor's name) or the program's rendering of it did:
///
/// - item: title, summary, body, group, cite
/// - figure: label, value, unit, qualifier, as_of, measure, summary, cite
/// - event: date, end, title, place, status, summary, cite
/// - position: actor id, issue id, stance, summary, reported_by id, date, cite
///
/// (`cite` is the source id and the place in it.) Tags and `see` are left out: they
/// file and link an entry, they are not what it says. A brief or a section is known by
/// its selector alone.
pub fn fingerprint(_corpus: &Corpus, target: Target<'_>) -> String {
    let mut h = fnv::FnvHasher::default();
    match target {
        Target::Entry(_, _, e) => {
            for (name, value) in substance(e) {
                h.write(name.as_bytes());
                h.write(b"=");
                h.write(value.as_bytes());
                h.write(b"\n");
            }
        }
        other => h.write(crate::query::names::selector(other).as_bytes()),
    }
    format!("{FINGERPRINT_VERSION}{:016x}", h.finish())
}

/// The fields [`fingerprint`] hashes, by name; a missing optional field is left out.
fn substance(e: EntryRef<'_>) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&'static str, String)> = vec![("kind", e.kind().to_owned())];
    let opt = |f: &mut Vec<(&'static str, String)>, name, v: Option<String>| {
        if let Some(v) = v {
            f.push((name, v));
        }
    };
    match e {
        EntryRef::Item(x) => {
            f.push(("title", x.title.to_string()));
            f.push(("summary", x.summary.to_string()));
            opt(&mut f, "body", x.body.as_ref().map(|v| v.to_string()));
            opt(&mut f, "group", x.group.as_ref().map(|v| v.to_string()));
        }
        EntryRef::Figure(x) => {
            f.push(("label", x.label.to_string()));
            f.push(("value", x.value.to_string()));
            opt(&mut f, "unit", x.unit.as_ref().map(|v| v.to_string()));
            f.push((
                "qualifier",
                x.qualifier.prefix().unwrap_or("exactly").to_owned(),
            ));
            opt(&mut f, "as_of", x.as_of.map(|d| d.to_string()));
            opt(&mut f, "measure", x.measure.as_ref().map(|v| v.to_string()));
            opt(&mut f, "summary", x.summary.as_ref().map(|v| v.to_string()));
        }
        EntryRef::Event(x) => {
            f.push(("date", x.date.to_string()));
            opt(&mut f, "end", x.end.map(|d| d.to_string()));
            f.push(("title", x.title.to_string()));
            opt(&mut f, "place", x.place.as_ref().map(|v| v.to_string()));
            f.push(("status", x.status.label().to_owned()));
            opt(&mut f, "summary", x.summary.as_ref().map(|v| v.to_string()));
        }
        EntryRef::Position(x) => {
            f.push(("actor", x.actor.to_string()));
            f.push(("issue", x.issue.to_string()));
            f.push(("stance", x.stance.label().to_owned()));
            f.push(("summary", x.summary.to_string()));
            opt(
                &mut f,
                "reported_by",
                x.reported_by.as_ref().map(|v| v.to_string()),
            );
            opt(&mut f, "date", x.date.map(|d| d.to_string()));
        }
        EntryRef::Proposal(x) => {
            let by: Vec<&str> = x.by.iter().map(|a| a.as_str()).collect();
            f.push(("by", by.join(",")));
            opt(&mut f, "on", x.on.as_ref().map(|v| v.to_string()));
            opt(&mut f, "after", x.after.as_ref().map(|v| v.to_string()));
            f.push(("action", x.action.name().to_owned()));
            opt(&mut f, "wording", x.wording.as_ref().map(|v| v.to_string()));
            opt(&mut f, "date", x.date.map(|d| d.to_string()));
            opt(&mut f, "status", x.status.map(|r| r.name().to_owned()));
            opt(&mut f, "summary", x.summary.as_ref().map(|v| v.to_string()));
        }
    }
    f.push(("cite.source", e.cite().source.to_string()));
    f.push(("cite.at", e.cite().at.to_string()));
    f
}

/// The fingerprint of marks saved before [`FINGERPRINT_VERSION`]: the entry's search
/// fields, rendered (an issue's title among a position's). Only for checking old marks.
fn legacy_fingerprint(corpus: &Corpus, target: Target<'_>) -> String {
    let mut h = fnv::FnvHasher::default();
    match target {
        Target::Entry(_, _, e) => {
            for f in entry_fields(corpus, e) {
                h.write(f.as_bytes());
                h.write(b"\n");
            }
        }
        other => h.write(crate::query::names::selector(other).as_bytes()),
    }
    format!("{:016x}", h.finish())
}

/// Whether `saved` (a mark's fingerprint, of this version or an older one) still
/// matches `target`.
pub fn fingerprint_matches(corpus: &Corpus, target: Target<'_>, saved: &str) -> bool {
    if saved.starts_with(FINGERPRINT_VERSION) {
        fingerprint(corpus, target) == saved
    } else {
        legacy_fingerprint(corpus, target) == saved
    }
}

/// The largest desk.yaml brief writes or reads. 100,000 marks with short notes are about
/// 10 MiB; this leaves room for many more, and still bounds what a file can make brief
/// allocate.
pub const MAX_BYTES: usize = 64 << 20;

/// The parser's limits for a desk: the brief limits are for a brief's size, and a desk of
/// a hundred thousand marks, which brief itself writes, has far more events than a brief.
fn limits() -> yaml::Limits {
    yaml::Limits {
        // A mark as brief writes it is about ten events in 60 bytes or more; even written
        // by hand in flow style, a mark takes more than 4 bytes an event. So a desk at
        // MAX_BYTES fits, and the budget still grows with the cap, not without end.
        max_events: MAX_BYTES / 4,
        ..yaml::Limits::default()
    }
}

impl Desk {
    pub fn parse(text: &str) -> Result<Desk, String> {
        if text.trim().is_empty() {
            return Ok(Desk::default());
        }
        if text.len() > MAX_BYTES {
            return Err(format!(
                "over {} MiB, more than brief reads",
                MAX_BYTES >> 20
            ));
        }
        yaml::decode::<Desk>(text, limits()).map_err(|f| {
            if f.line > 0 {
                format!("{}:{}: {}", f.line, f.column, f.message)
            } else {
                f.message
            }
        })
    }

    pub fn to_text(&self) -> String {
        self.encode().unwrap_or_default()
    }

    /// The file's text, or why the desk cannot be written (then nothing should be: an
    /// empty file in its place would lose every mark).
    pub fn encode(&self) -> Result<String, String> {
        let body = yaml::encode(self)?;
        Ok(format!(
            "# brief's desk: your bookmarks and notes, one entry each. Safe to edit by hand;\n\
             # if brief cannot read it, it keeps the file aside and says so.\n{body}"
        ))
    }

    pub fn get(&self, selector: &str) -> Option<&Mark> {
        self.marks.iter().find(|m| m.selector == selector)
    }

    pub fn apply(&mut self, change: &Change) {
        let at = self
            .marks
            .iter()
            .position(|m| m.selector == change.selector());
        match at {
            Some(i) => match change.applied_to(Some(self.marks[i].clone())) {
                Some(mark) => self.marks[i] = mark,
                None => {
                    self.marks.remove(i);
                }
            },
            None => self.marks.extend(change.applied_to(None)),
        }
    }

    /// Apply `changes` in order, as [`Desk::apply`] one by one would, finding each
    /// change's mark by an index: a save of many changes on a big desk stays linear.
    pub fn apply_all(&mut self, changes: &[Change]) {
        if changes.len() <= 1 {
            changes.iter().for_each(|c| self.apply(c));
            return;
        }
        let mut slots: Vec<Option<Mark>> = std::mem::take(&mut self.marks)
            .into_iter()
            .map(Some)
            .collect();
        // The first mark of a selector is the one `get` and `apply` act on.
        let mut at: std::collections::HashMap<String, usize> = Default::default();
        for (i, m) in slots.iter().enumerate() {
            if let Some(m) = m {
                at.entry(m.selector.to_string()).or_insert(i);
            }
        }
        for change in changes {
            match at.get(change.selector()) {
                Some(&i) => slots[i] = change.applied_to(slots[i].take()),
                None => {
                    if let Some(mark) = change.applied_to(None) {
                        at.insert(change.selector().to_owned(), slots.len());
                        slots.push(Some(mark));
                    }
                }
            }
        }
        self.marks = slots.into_iter().flatten().collect();
    }

    pub fn standing(&self, mark: &Mark, corpus: &Corpus) -> Standing {
        match corpus.resolve(&mark.selector) {
            None => Standing::Orphaned,
            Some(t) if !fingerprint_matches(corpus, t, &mark.fingerprint) => Standing::Changed,
            Some(_) => Standing::Current,
        }
    }
}

/// The change that puts the bookmark on `target` (`on`) or takes it off, as of `today`.
pub fn bookmark(corpus: &Corpus, target: Target<'_>, on: bool, today: Date) -> Change {
    Change::Bookmark {
        selector: crate::query::names::selector(target),
        on,
        fingerprint: fingerprint(corpus, target),
        noted: today,
    }
}

/// The change that sets the note on `target` as of `today`; no text, or blank text, takes
/// the note away.
pub fn note(corpus: &Corpus, target: Target<'_>, note: Option<&str>, today: Date) -> Change {
    Change::Note {
        selector: crate::query::names::selector(target),
        note: note.filter(|n| !n.trim().is_empty()).map(Text::new),
        fingerprint: fingerprint(corpus, target),
        noted: today,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        crate::library::builtin_corpus()
    }

    #[test]
    fn marks_round_trip_through_the_file_text() {
        let c = corpus();
        let t = c.resolve("wsis20-overview/issues/igf-mandate").unwrap();
        let mut desk = Desk::default();
        desk.apply_all(&[
            bookmark(&c, t, true, Date::today()),
            note(
                &c,
                t,
                Some("Say: funding first.\nThen: NRIs."),
                Date::today(),
            ),
        ]);
        assert_eq!(desk.marks.len(), 1);
        let text = desk.to_text();
        assert_eq!(Desk::parse(&text).unwrap(), desk);
        assert_eq!(desk.standing(&desk.marks[0], &c), Standing::Current);
    }

    #[test]
    fn a_changed_or_vanished_entry_is_reported_not_dropped() {
        let c = corpus();
        let t = c.resolve("wsis20-overview/issues/igf-mandate").unwrap();
        let mut desk = Desk::default();
        desk.apply(&bookmark(&c, t, true, Date::today()));
        let mut changed = desk.marks[0].clone();
        changed.fingerprint = "0".into();
        assert_eq!(desk.standing(&changed, &c), Standing::Changed);
        let mut gone = desk.marks[0].clone();
        gone.selector = Text::new("wsis20-overview/issues/no-such-thing");
        assert_eq!(desk.standing(&gone, &c), Standing::Orphaned);
    }

    #[test]
    fn an_empty_mark_removes_itself() {
        let c = corpus();
        let t = c.resolve("wsis20-overview/issues/igf-mandate").unwrap();
        let mut desk = Desk::default();
        desk.apply(&bookmark(&c, t, true, Date::today()));
        // A blank note is no note; the bookmark holds the mark.
        desk.apply(&note(&c, t, Some("  "), Date::today()));
        assert_eq!(desk.marks.len(), 1);
        assert_eq!(desk.marks[0].note, None);
        desk.apply(&bookmark(&c, t, false, Date::today()));
        assert!(desk.marks.is_empty());
    }

    /// The fixture world with `f` applied to its briefs.
    fn edited(f: impl FnOnce(&mut Vec<crate::brief::model::Brief>)) -> Corpus {
        crate::query::fixture_world_edited(f)
    }

    fn position(b: &mut [crate::brief::model::Brief]) -> &mut crate::brief::model::Position {
        b.iter_mut()
            .flat_map(|b| &mut b.sections)
            .flat_map(|s| &mut s.positions)
            .find(|p| p.id == "coalition-funding")
            .unwrap()
    }

    const SELECTOR: &str = "reader-alpha/positions/coalition-funding";

    #[test]
    fn renaming_an_issue_leaves_a_positions_fingerprint_alone() {
        // Old logic hashed the issue's title with the position: a rename marked every
        // note on the issue "changed since noted".
        let c = crate::query::fixture_world();
        let before = fingerprint(&c, c.resolve(SELECTOR).unwrap());
        let renamed = edited(|b| {
            let alpha = b.iter_mut().find(|b| b.id == "reader-alpha").unwrap();
            alpha.issues[0].title = Text::new("Who pays for the forum");
            alpha.actors[4].name = Text::new("Rural Coalition");
        });
        assert_eq!(
            fingerprint(&renamed, renamed.resolve(SELECTOR).unwrap()),
            before
        );
        let mut desk = Desk::default();
        desk.apply(&note(
            &c,
            c.resolve(SELECTOR).unwrap(),
            Some("ask"),
            Date::today(),
        ));
        assert_eq!(desk.standing(&desk.marks[0], &renamed), Standing::Current);

        let restance = edited(|b| position(b).stance = crate::brief::model::Stance::Oppose);
        assert_ne!(
            fingerprint(&restance, restance.resolve(SELECTOR).unwrap()),
            before
        );
        assert_eq!(desk.standing(&desk.marks[0], &restance), Standing::Changed);
        let resummary = edited(|b| position(b).summary = Text::new("Something else."));
        assert_ne!(
            fingerprint(&resummary, resummary.resolve(SELECTOR).unwrap()),
            before
        );
    }

    #[test]
    fn a_mark_saved_with_the_old_fingerprint_is_current_until_its_entry_changes() {
        let c = crate::query::fixture_world();
        let t = c.resolve(SELECTOR).unwrap();
        let old = Mark {
            selector: Text::new(SELECTOR),
            bookmark: true,
            note: Some(Text::new("from an older version")),
            fingerprint: legacy_fingerprint(&c, t),
            noted: Date::today(),
        };
        let desk = Desk {
            marks: vec![old.clone()],
            ..Desk::default()
        };
        assert_eq!(desk.standing(&old, &c), Standing::Current);
        let changed = edited(|b| position(b).summary = Text::new("Something else."));
        assert_eq!(desk.standing(&old, &changed), Standing::Changed);
        // Either way the note is there, and survives the desk file.
        let back = Desk::parse(&desk.to_text()).unwrap();
        assert_eq!(back.marks[0].note.as_deref(), Some("from an older version"));
    }

    const ENTRY: &str = "wsis20-overview/issues/igf-mandate";

    fn on(desk: &Desk) -> (bool, Option<&str>) {
        desk.get(ENTRY)
            .map_or((false, None), |m| (m.bookmark, m.note.as_deref()))
    }

    /// Two writers that each read the desk before the other saved: each change sets its
    /// own field on what the file holds, so neither undoes the other. (A whole-mark `Put`
    /// built from the stale copy lost the note here, or the bookmark the other way.)
    #[test]
    fn a_field_change_sets_its_field_and_keeps_the_other() {
        let c = corpus();
        let t = c.resolve(ENTRY).unwrap();
        let today = Date::today();
        let noted = note(&c, t, Some("ask who pays"), today);
        let marked = bookmark(&c, t, true, today);
        for order in [[&noted, &marked], [&marked, &noted]] {
            let mut on_disk = Desk::default();
            for change in order {
                on_disk.apply(change);
            }
            assert_eq!(on(&on_disk), (true, Some("ask who pays")), "{order:?}");
        }
        // Taking one field away keeps the other; taking both away leaves no mark.
        let mut desk = Desk::default();
        desk.apply_all(&[noted.clone(), marked.clone()]);
        desk.apply(&note(&c, t, None, today));
        assert_eq!(on(&desk), (true, None));
        desk.apply(&noted);
        desk.apply(&bookmark(&c, t, false, today));
        assert_eq!(on(&desk), (false, Some("ask who pays")));
        desk.apply(&note(&c, t, None, today));
        assert!(desk.marks.is_empty());
        // Taking away what is not there adds nothing.
        desk.apply(&bookmark(&c, t, false, today));
        assert!(desk.marks.is_empty());
        // Remove takes the whole mark, as `brief note --remove` asks.
        desk.apply_all(&[noted, marked, Change::Remove(ENTRY.into())]);
        assert!(desk.marks.is_empty());
    }

    /// Setting a field to what it holds leaves the mark's date and fingerprint alone: a
    /// note flagged "changed since noted" is not made current by a no-op.
    #[test]
    fn a_change_that_changes_nothing_leaves_the_mark_as_it_was() {
        let c = corpus();
        let t = c.resolve(ENTRY).unwrap();
        let mut desk = Desk::default();
        desk.apply(&note(&c, t, Some("ask"), "2020-01-01".parse().unwrap()));
        desk.marks[0].fingerprint = "0".into();
        let before = desk.clone();
        desk.apply(&bookmark(&c, t, false, Date::today()));
        desk.apply(&note(&c, t, Some("ask"), Date::today()));
        assert_eq!(desk, before);
        assert_eq!(desk.standing(&desk.marks[0], &c), Standing::Changed);
    }

    /// The inverse of a change puts back its own field as it was, and only that: a note
    /// or bookmark saved by someone else in between stays.
    #[test]
    fn an_inverse_puts_back_only_its_own_field() {
        let c = corpus();
        let t = c.resolve(ENTRY).unwrap();
        let today = Date::today();
        let earlier: Date = "2020-01-01".parse().unwrap();
        let mut desk = Desk::default();
        desk.apply(&note(&c, t, Some("first"), earlier));
        let before = desk.get(ENTRY).cloned();

        // The reader rewrites the note; someone else bookmarks; the reader undoes.
        let rewrite = note(&c, t, Some("second"), today);
        let undo = rewrite.inverse(before.as_ref());
        desk.apply(&rewrite);
        desk.apply(&bookmark(&c, t, true, today));
        desk.apply_all(&undo);
        assert_eq!(on(&desk), (true, Some("first")));

        // The reader bookmarks (it saw none); someone else's note comes; undo: the
        // bookmark goes, the note stays.
        let mut desk = Desk::default();
        let mark = bookmark(&c, t, true, today);
        let undo = mark.inverse(None);
        desk.apply(&mark);
        desk.apply(&note(&c, t, Some("from outside"), today));
        desk.apply_all(&undo);
        assert_eq!(on(&desk), (false, Some("from outside")));

        // Undoing the removal of a note brings it back with its old date and
        // fingerprint: it is the note it was, "changed since noted" or not.
        let mut desk = Desk::default();
        desk.apply(&note(&c, t, Some("keep me"), earlier));
        let before = desk.get(ENTRY).cloned();
        let removal = note(&c, t, None, today);
        let undo = removal.inverse(before.as_ref());
        desk.apply(&removal);
        assert!(desk.marks.is_empty());
        desk.apply_all(&undo);
        assert_eq!(desk.get(ENTRY), before.as_ref());

        // A whole mark removed comes back field by field.
        let mut desk = Desk::default();
        desk.apply_all(&[
            note(&c, t, Some("both"), earlier),
            bookmark(&c, t, true, earlier),
        ]);
        let before = desk.get(ENTRY).cloned();
        let remove = Change::Remove(ENTRY.into());
        let undo = remove.inverse(before.as_ref());
        desk.apply(&remove);
        desk.apply_all(&undo);
        assert_eq!(desk.get(ENTRY), before.as_ref());
    }

    /// `apply_all` (by index, for big saves) ends where applying one by one does.
    #[test]
    fn applying_many_at_once_is_applying_one_by_one() {
        let c = corpus();
        let sels: Vec<String> = c
            .selectors()
            .filter(|s| s.matches('/').count() == 2)
            .take(6)
            .collect();
        let today = Date::today();
        let mut changes = Vec::new();
        for (i, s) in sels.iter().cycle().take(40).enumerate() {
            let t = c.resolve(s).unwrap();
            changes.push(match i % 5 {
                0 => note(&c, t, Some(&format!("note {i}")), today),
                1 => bookmark(&c, t, true, today),
                2 => bookmark(&c, t, false, today),
                3 => note(&c, t, None, today),
                _ => Change::Remove(s.clone()),
            });
        }
        for n in 0..=changes.len() {
            let mut one_by_one = Desk::default();
            changes[..n].iter().for_each(|c| one_by_one.apply(c));
            let mut at_once = Desk::default();
            at_once.apply_all(&changes[..n]);
            let sorted = |d: &Desk| {
                let mut m = d.marks.clone();
                m.sort_by(|a, b| a.selector.cmp(&b.selector));
                m
            };
            assert_eq!(sorted(&at_once), sorted(&one_by_one), "after {n}");
        }
    }
}
