//! The delegate's desk: bookmarks and notes on entries, kept apart from the briefs.
//!
//! A mark is keyed by the entry's selector and remembers a fingerprint of the entry's
//! text when it was made, so a note whose entry has changed since is shown as "changed
//! since noted", and one whose entry is gone as "orphaned" — never dropped. This module
//! is the data; `store` puts it on disk.

pub mod store;

use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::model::EntryRef;
use crate::brief::search::entry_fields;
use crate::brief::text::Text;
use crate::brief::yaml;

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
    pub fn label(self) -> &'static str {
        match self {
            Standing::Current => "",
            Standing::Changed => "changed since noted",
            Standing::Orphaned => "orphaned: the entry is not in the loaded briefs",
        }
    }
}

/// One edit to the desk, as saved: applied on top of whatever the file holds by then, so
/// two readers saving at once keep each other's marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Put(Mark),
    Remove(String),
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

impl Desk {
    pub fn parse(text: &str) -> Result<Desk, String> {
        if text.trim().is_empty() {
            return Ok(Desk::default());
        }
        yaml::decode::<Desk>(text, yaml::Limits::default()).map_err(|f| {
            if f.line > 0 {
                format!("{}:{}: {}", f.line, f.column, f.message)
            } else {
                f.message
            }
        })
    }

    pub fn to_text(&self) -> String {
        let body = yaml::encode(self).unwrap_or_default();
        format!(
            "# brief's desk: your bookmarks and notes, one entry each. Safe to edit by hand;\n\
             # if brief cannot read it, it keeps the file aside and says so.\n{body}"
        )
    }

    pub fn get(&self, selector: &str) -> Option<&Mark> {
        self.marks.iter().find(|m| m.selector == selector)
    }

    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::Put(mark) if mark.is_empty() => self.remove(mark.selector.as_str()),
            Change::Put(mark) => {
                match self.marks.iter_mut().find(|m| m.selector == mark.selector) {
                    Some(m) => *m = mark.clone(),
                    None => self.marks.push(mark.clone()),
                }
            }
            Change::Remove(sel) => self.remove(sel),
        }
    }

    fn remove(&mut self, selector: &str) {
        self.marks.retain(|m| m.selector != selector);
    }

    pub fn standing(&self, mark: &Mark, corpus: &Corpus) -> Standing {
        match corpus.resolve(&mark.selector) {
            None => Standing::Orphaned,
            Some(t) if !fingerprint_matches(corpus, t, &mark.fingerprint) => Standing::Changed,
            Some(_) => Standing::Current,
        }
    }
}

/// The change that sets a bookmark and note on `target` as of `today`.
pub fn put(
    corpus: &Corpus,
    target: Target<'_>,
    bookmark: bool,
    note: Option<&str>,
    today: Date,
) -> Change {
    Change::Put(Mark {
        selector: Text::new(&crate::query::names::selector(target)),
        bookmark,
        note: note.filter(|n| !n.trim().is_empty()).map(Text::new),
        fingerprint: fingerprint(corpus, target),
        noted: today,
    })
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
        desk.apply(&put(
            &c,
            t,
            true,
            Some("Say: funding first.\nThen: NRIs."),
            Date::today(),
        ));
        let text = desk.to_text();
        assert_eq!(Desk::parse(&text).unwrap(), desk);
        assert_eq!(desk.standing(&desk.marks[0], &c), Standing::Current);
    }

    #[test]
    fn a_changed_or_vanished_entry_is_reported_not_dropped() {
        let c = corpus();
        let t = c.resolve("wsis20-overview/issues/igf-mandate").unwrap();
        let mut desk = Desk::default();
        desk.apply(&put(&c, t, true, None, Date::today()));
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
        desk.apply(&put(&c, t, true, None, Date::today()));
        desk.apply(&put(&c, t, false, Some("  "), Date::today()));
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
        desk.apply(&put(
            &c,
            c.resolve(SELECTOR).unwrap(),
            false,
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
        let mut old = match put(&c, t, true, Some("from an older version"), Date::today()) {
            Change::Put(m) => m,
            Change::Remove(_) => unreachable!(),
        };
        old.fingerprint = legacy_fingerprint(&c, t);
        let mut desk = Desk::default();
        desk.apply(&Change::Put(old.clone()));
        assert_eq!(desk.standing(&old, &c), Standing::Current);
        let changed = edited(|b| position(b).summary = Text::new("Something else."));
        assert_eq!(desk.standing(&old, &changed), Standing::Changed);
        // Either way the note is there, and survives the desk file.
        let back = Desk::parse(&desk.to_text()).unwrap();
        assert_eq!(back.marks[0].note.as_deref(), Some("from an older version"));
    }
}
