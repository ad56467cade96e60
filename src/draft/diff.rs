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
    /// Changes that are text moved to or from a pair near this one ([`moved_text`]).
    pub moved: Vec<Moved>,
}

/// A run of words deleted from one pair and inserted, the same words, into a pair near
/// it: a sentence moved from one paragraph to the next, not two changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The change (an index into [`Entry::changes`]): a deletion where the words went
    /// away, an insertion where they came.
    pub change: usize,
    /// The labels of the pair at the other end: where the words went (for a deletion)
    /// or came from (for an insertion), in that pair's version.
    pub other: Vec<String>,
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
    moved_text(&mut list);
    list
}

/// Pairs this far apart, or nearer, may pass text to each other.
const MOVE_REACH: usize = 3;

/// A run shorter than this many words is no sentence: "the", "and the" come and go in
/// many places without moving.
const MOVE_WORDS: usize = 4;

/// The words of a run, lower-cased, punctuation aside: what a moved sentence keeps.
fn words_of(text: &str) -> String {
    words::words_lower(text)
}

/// Find text moved between pairs near each other: a run of at least [`MOVE_WORDS`] words
/// deleted from one pair and the same words inserted into another at most
/// [`MOVE_REACH`] pairs away. Each deletion is matched once, nearest first; a text of
/// thousands of the same sentence is still read once (each insertion looks at a few
/// candidates at most).
fn moved_text(entries: &mut [Entry<'_>]) {
    use std::collections::{HashMap, VecDeque};
    let reworded = |e: &Entry<'_>| {
        matches!(
            e.kind(),
            PairKind::Changed | PairKind::Moved | PairKind::Merged | PairKind::Split
        )
    };
    let mut deleted: HashMap<String, VecDeque<(usize, usize)>> = HashMap::new();
    for (k, e) in entries.iter().enumerate().filter(|(_, e)| reworded(e)) {
        for (c, ch) in e.changes.iter().enumerate() {
            if ch.op == Op::Delete {
                let key = words_of(&ch.text);
                if key.split(' ').count() >= MOVE_WORDS {
                    deleted.entry(key).or_default().push_back((k, c));
                }
            }
        }
    }
    if deleted.is_empty() {
        return;
    }
    let mut found: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for (k, e) in entries.iter().enumerate().filter(|(_, e)| reworded(e)) {
        for (c, ch) in e.changes.iter().enumerate() {
            if ch.op != Op::Insert {
                continue;
            }
            let Some(list) = deleted.get_mut(&words_of(&ch.text)) else {
                continue;
            };
            // Pairs come in order: a deletion too far behind this pair is too far for
            // every pair after it.
            while list.front().is_some_and(|&(dk, _)| dk + MOVE_REACH < k) {
                list.pop_front();
            }
            let near = list
                .iter()
                .take(2 * MOVE_REACH + 2)
                .position(|&(dk, _)| dk != k && dk.abs_diff(k) <= MOVE_REACH);
            if let Some(at) = near
                && let Some(from) = list.remove(at)
            {
                found.push(((k, c), from));
            }
        }
    }
    for ((k, c), (dk, dc)) in found {
        let to: Vec<String> = entries[k]
            .new_labels()
            .iter()
            .map(|l| (*l).to_owned())
            .collect();
        let from: Vec<String> = entries[dk]
            .old_labels()
            .iter()
            .map(|l| (*l).to_owned())
            .collect();
        entries[k].moved.push(Moved {
            change: c,
            other: from,
        });
        entries[dk].moved.push(Moved {
            change: dc,
            other: to,
        });
    }
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
