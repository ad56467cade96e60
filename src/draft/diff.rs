//! Two versions compared: the alignment's pairs, each with its word diff and what the
//! pair says about status and brackets. What every output format (and, later, `trace`,
//! `changes` and the reader) is written from.

use std::time::{Duration, Instant};

use super::align::{AlignError, Forced, Options, Pair, PairKind, align};
use super::model::{Kind, Paragraph, Status, Version};
use super::words::{self, Change, Op};

/// One pair of a comparison.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub pair: Pair,
    pub old: Vec<&'a Paragraph>,
    pub new: Vec<&'a Paragraph>,
    /// The word diff from the old side's text to the new's (paragraphs of one side
    /// joined by a space).
    pub changes: Vec<Change>,
}

impl Entry<'_> {
    pub fn kind(&self) -> PairKind {
        self.pair.kind
    }

    /// The kind of paragraph: the new side's, else the old's.
    pub fn paragraph_kind(&self) -> Kind {
        self.new
            .first()
            .or(self.old.first())
            .map_or(Kind::Operative, |p| p.kind)
    }

    pub fn old_labels(&self) -> Vec<&str> {
        self.old.iter().map(|p| p.label.as_str()).collect()
    }

    pub fn new_labels(&self) -> Vec<&str> {
        self.new.iter().map(|p| p.label.as_str()).collect()
    }

    /// The status of a side: of its last paragraph that has one.
    pub fn old_status(&self) -> Option<Status> {
        self.old.iter().rev().find_map(|p| p.status)
    }

    pub fn new_status(&self) -> Option<Status> {
        self.new.iter().rev().find_map(|p| p.status)
    }

    pub fn old_brackets(&self) -> usize {
        self.old.iter().map(|p| p.brackets).sum()
    }

    pub fn new_brackets(&self) -> usize {
        self.new.iter().map(|p| p.brackets).sum()
    }

    /// Whether the wording differs (for a moved pair, which may or may not).
    pub fn reworded(&self) -> bool {
        self.changes.iter().any(|c| c.op != Op::Equal)
    }
}

fn joined(ps: &[&Paragraph]) -> String {
    ps.iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Compare two versions: align, then diff each pair's words.
pub fn compare<'a>(
    old: &'a Version,
    new: &'a Version,
    opts: &Options,
    forced: &[Forced],
) -> Result<Vec<Entry<'a>>, AlignError> {
    Ok(entries(old, new, align(old, new, opts, forced)?))
}

/// The entries of `pairs` between `old` and `new`: each pair with its word diff.
pub fn entries<'a>(old: &'a Version, new: &'a Version, pairs: Vec<Pair>) -> Vec<Entry<'a>> {
    // Time enough for any real text many times over; what is left after it gets coarser
    // word diffs, not a hang.
    let deadline = Instant::now() + Duration::from_secs(2);
    pairs
        .into_iter()
        .map(|pair| {
            let o: Vec<&Paragraph> = pair.old.iter().map(|&i| &old.paragraphs[i]).collect();
            let n: Vec<&Paragraph> = pair.new.iter().map(|&j| &new.paragraphs[j]).collect();
            let (ot, nt) = (joined(&o), joined(&n));
            let changes = match pair.kind {
                PairKind::Unchanged | PairKind::Whitespace => vec![Change {
                    op: Op::Equal,
                    text: nt,
                }],
                PairKind::Inserted => vec![Change {
                    op: Op::Insert,
                    text: nt,
                }],
                PairKind::Deleted => vec![Change {
                    op: Op::Delete,
                    text: ot,
                }],
                _ => words::diff_until(&ot, &nt, Some(deadline)),
            };
            Entry {
                pair,
                old: o,
                new: n,
                changes,
            }
        })
        .collect()
}
