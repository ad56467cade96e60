//! What a proposal on a negotiated text's paragraph asks and what the record says became of
//! it: the words both a brief's `proposals:` section and a text's history (`crate::draft`)
//! write, defined once here at the bottom so that the two read them alike.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a proposal asks for its paragraph.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    bitcode::Encode,
    bitcode::Decode,
)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// New words, or a new paragraph (`after:`).
    Add,
    /// Other words for the paragraph's (the wording is the paragraph as proposed).
    Amend,
    /// The paragraph, or the words given, taken out.
    Delete,
    /// The paragraph, or the words given, kept as they are.
    Retain,
    /// An alternative text for the paragraph, or one of its bracketed options.
    Alternative,
    /// The actor does not join consensus on the paragraph.
    Reservation,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::Add,
        Action::Amend,
        Action::Delete,
        Action::Retain,
        Action::Alternative,
        Action::Reservation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Amend => "amend",
            Action::Delete => "delete",
            Action::Retain => "retain",
            Action::Alternative => "alternative",
            Action::Reservation => "reservation",
        }
    }

    /// One mark for a matrix cell, never colour alone.
    pub fn glyph(self) -> &'static str {
        match self {
            Action::Add => "+",
            Action::Amend => "~",
            Action::Delete => "−",
            Action::Retain => "=",
            Action::Alternative => "⇄",
            Action::Reservation => "!",
        }
    }

    /// Whether the action means nothing without words: the words to add, or the
    /// paragraph as it would read.
    pub fn needs_wording(self) -> bool {
        matches!(self, Action::Add | Action::Amend | Action::Alternative)
    }

    /// The action a compilation's word for it names (`delete`, `Retain`, `alt`).
    pub fn from_word(word: &str) -> Option<Action> {
        Some(match word.to_lowercase().as_str() {
            "add" | "insert" | "adds" | "inserts" => Action::Add,
            "amend" | "amends" | "replace" | "replaces" | "reword" => Action::Amend,
            "delete" | "deletes" | "del" | "remove" | "strike" => Action::Delete,
            "retain" | "retains" | "keep" | "keeps" => Action::Retain,
            "alt" | "alternative" => Action::Alternative,
            "reservation" | "reserve" | "reserves" => Action::Reservation,
            _ => return None,
        })
    }
}

/// What a compilation, the secretariat or a delegation records of a proposal, as it says
/// it (what the words of the later versions show is computed apart).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    bitcode::Encode,
    bitcode::Decode,
)]
#[serde(rename_all = "lowercase")]
pub enum Recorded {
    Pending,
    Accepted,
    Partly,
    Rejected,
    Withdrawn,
}

impl Recorded {
    pub fn name(self) -> &'static str {
        match self {
            Recorded::Pending => "pending",
            Recorded::Accepted => "accepted",
            Recorded::Partly => "partly",
            Recorded::Rejected => "rejected",
            Recorded::Withdrawn => "withdrawn",
        }
    }
}

/// `TEXT/VERSION/LABEL` taken apart: a brief's proposal names the paragraph it is on by
/// the text's id, the version's id and the paragraph's label as the version gives it
/// (`harbour-statement/rev2/New 4A`). `None` when it is not three parts.
pub fn place(at: &str) -> Option<(&str, &str, &str)> {
    let mut parts = at.splitn(3, '/');
    let (text, version, label) = (parts.next()?, parts.next()?, parts.next()?);
    let label = label.trim();
    (!text.is_empty() && !version.is_empty() && !label.is_empty() && !label.contains('/'))
        .then_some((text, version, label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_a_text_a_version_and_a_label() {
        assert_eq!(
            place("harbour-statement/rev2/New 4A"),
            Some(("harbour-statement", "rev2", "New 4A"))
        );
        assert_eq!(place("harbour-statement/rev2"), None);
        assert_eq!(place("a/b/c/d"), None);
        assert_eq!(place("/rev2/4"), None);
    }
}
