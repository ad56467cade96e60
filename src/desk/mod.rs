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

/// A stable fingerprint of an entry's text (FNV-1a, 64 bits): the same text gives the
/// same value in every version of the program.
pub fn fingerprint(corpus: &Corpus, target: Target<'_>) -> String {
    let mut h = fnv::FnvHasher::default();
    match target {
        Target::Entry(_, _, e) => {
            for f in entry_fields(corpus, e) {
                h.write(f.as_bytes());
                h.write(b"\n");
            }
        }
        other => h.write(crate::render::selector(other).as_bytes()),
    }
    format!("{:016x}", h.finish())
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
            Some(t) if fingerprint(corpus, t) != mark.fingerprint => Standing::Changed,
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
        selector: Text::new(&crate::render::selector(target)),
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
}
