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
    /// Changes that are text moved to or from a pair near this one ([`super::moved`]).
    pub moved: Vec<Moved>,
}

/// A run of words deleted from one pair and inserted, the same or nearly the same words,
/// into a pair near it: a sentence moved from one paragraph to the next, not two changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The change (an index into [`Entry::changes`]): a deletion where the words went
    /// away, an insertion where they came.
    pub change: usize,
    /// The labels of the pair at the other end: where the words went (for a deletion)
    /// or came from (for an insertion), in that pair's version.
    pub other: Vec<String>,
    /// Whether the words changed on the way (`31 August` moved as `31 July`): then the
    /// two ends are alike, not the same.
    pub edited: bool,
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
    match ps {
        [p] => p.text.to_string(),
        _ => ps
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    }
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
    let mut list: Vec<Entry<'a>> = pairs
        .into_iter()
        .map(|pair| {
            let o: Vec<&Paragraph> = pair.old.iter().map(|&i| &old.paragraphs[i]).collect();
            let n: Vec<&Paragraph> = pair.new.iter().map(|&j| &new.paragraphs[j]).collect();
            // Each side's text is made only where it is needed: most pairs are unchanged.
            let changes = match pair.kind {
                PairKind::Unchanged | PairKind::Whitespace => vec![Change {
                    op: Op::Equal,
                    text: joined(&n),
                }],
                PairKind::Inserted => vec![Change {
                    op: Op::Insert,
                    text: joined(&n),
                }],
                PairKind::Deleted => vec![Change {
                    op: Op::Delete,
                    text: joined(&o),
                }],
                _ => words::diff_until(&joined(&o), &joined(&n), Some(deadline)),
            };
            Entry {
                pair,
                old: o,
                new: n,
                changes,
                moved: Vec::new(),
            }
        })
        .collect();
    super::moved::find(&mut list, deadline);
    list
}

/// A warning when a whole version pairs with nothing or nearly nothing: fewer than a
/// fifth of the paragraphs of the shorter version found a counterpart. Then every
/// paragraph reads as deleted and inserted, which is never what happened between two
/// versions of one text: the files are not versions of the same text, or one was read
/// wrongly (a PDF's text without its spaces, a text whose numbers were lost).
pub fn pairing_warning(old: &Version, new: &Version, entries: &[Entry<'_>]) -> Option<String> {
    let count = |v: &Version| v.paragraphs.iter().filter(|p| !p.kind.is_apart()).count();
    let (no, nn) = (count(old), count(new));
    let paired: usize = entries
        .iter()
        .filter(|e| !e.old.is_empty() && !e.new.is_empty())
        .map(|e| e.old.iter().filter(|p| !p.kind.is_apart()).count())
        .sum();
    let fewer = no.min(nn);
    (fewer >= 2 && paired * 5 < fewer).then(|| {
        format!(
            "only {paired} of the {no} paragraphs of the old version found a counterpart among the {nn} of the new: check this pairing. Are the two files versions of the same text? If one was copied from a PDF, its words or line breaks may have been lost: `brief paragraphs FILE` shows what was read."
        )
    })
}
