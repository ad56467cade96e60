//! Text moved between pairs near each other: a sentence taken out of one paragraph and
//! put into the next is said once as moved, where it went and where it came from, not as
//! a deletion in one pair and an unrelated insertion in another.
//!
//! Two passes, over the pairs whose wording changed. The first finds sentences moved and
//! edited on the way (`of 31 August 2014` arriving as `of 31 July 2014`): the word diff of
//! the pair the sentence left has scattered it among that pair's other changes, so the
//! sentence is looked for in the pair's text, cut out, and the rest diffed again. The
//! second finds runs moved word for word, which the word diff already shows whole.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::time::Instant;

use super::align::PairKind;
use super::diff::{Entry, Moved};
use super::words::{self, Change, Op};

/// Pairs this far apart, or nearer, may pass text to each other.
const MOVE_REACH: usize = 3;

/// A run shorter than this many words is no sentence: "the", "and the" come and go in
/// many places without moving.
const MOVE_WORDS: usize = 4;

/// A sentence moved with edits has at least this many words: shorter ones are too like
/// each other (`as well as the`) to tell one moved from one rewritten.
const EDITED_WORDS: usize = 8;

/// How alike a run and a sentence must be (Dice over their words) to be one sentence
/// moved and edited. A date and a word order changed in a sentence of forty words leave
/// it near 0.9; two sentences that only share a subject are far below.
const EDITED_DICE: f64 = 0.7;

/// Words compared, at most, in looking for edited sentences: a text of thousands of long
/// changes stays linear, and past this gets only the moves of identical words.
const EDITED_WORK: usize = 2_000_000;

/// Find the text moved between pairs of `entries`, edited first, then identical. The
/// word diffs made again give up on the shortest diff at `deadline`, as the first ones.
pub(super) fn find(entries: &mut [Entry<'_>], deadline: Instant) {
    edited(entries, deadline);
    identical(entries);
}

/// The pairs whose wording changed, where text can have gone or come.
fn reworded(e: &Entry<'_>) -> bool {
    matches!(
        e.kind(),
        PairKind::Changed | PairKind::Moved | PairKind::Merged | PairKind::Split
    )
}

fn is_moved(e: &Entry<'_>, change: usize) -> bool {
    e.moved.iter().any(|m| m.change == change)
}

/// The labels at the end of a pair where `op`'s text is: the old side for a deletion,
/// the new for an insertion.
fn labels(e: &Entry<'_>, op: Op) -> Vec<String> {
    let side = if op == Op::Delete {
        e.old_labels()
    } else {
        e.new_labels()
    };
    side.into_iter().map(str::to_owned).collect()
}

fn other(op: Op) -> Op {
    if op == Op::Insert {
        Op::Delete
    } else {
        Op::Insert
    }
}

/// Runs of at least [`MOVE_WORDS`] words deleted from one pair and inserted, the same
/// words, into another at most [`MOVE_REACH`] pairs away. Each deletion is matched once,
/// nearest first; a text of thousands of the same sentence is still read once (each
/// insertion looks at a few candidates at most).
fn identical(entries: &mut [Entry<'_>]) {
    let mut deleted: HashMap<String, VecDeque<(usize, usize)>> = HashMap::new();
    for (k, e) in entries.iter().enumerate().filter(|(_, e)| reworded(e)) {
        for (c, ch) in e.changes.iter().enumerate() {
            if ch.op == Op::Delete && !is_moved(e, c) {
                let key = words::words_lower(&ch.text);
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
            if ch.op != Op::Insert || is_moved(e, c) {
                continue;
            }
            let Some(list) = deleted.get_mut(&words::words_lower(&ch.text)) else {
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
        let from = labels(&entries[dk], Op::Delete);
        let to = labels(&entries[k], Op::Insert);
        entries[k].moved.push(Moved {
            change: c,
            other: from,
            edited: false,
        });
        entries[dk].moved.push(Moved {
            change: dc,
            other: to,
            edited: false,
        });
    }
}

/// The words of a text, lower-cased, counted.
fn bag(text: &str) -> (HashMap<String, usize>, usize) {
    let mut out: HashMap<String, usize> = HashMap::new();
    let mut n = 0;
    for w in words::words_lower(text)
        .split(' ')
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_owned()).or_default() += 1;
        n += 1;
    }
    (out, n)
}

/// Dice over two bags of words: twice the words in common over all the words.
fn dice(a: &(HashMap<String, usize>, usize), b: &(HashMap<String, usize>, usize)) -> f64 {
    let (small, large) = if a.0.len() <= b.0.len() {
        (a, b)
    } else {
        (b, a)
    };
    let common: usize = small
        .0
        .iter()
        .map(|(w, &n)| n.min(large.0.get(w).copied().unwrap_or(0)))
        .sum();
    2.0 * common as f64 / (a.1 + b.1).max(1) as f64
}

/// The sentences of a text, as byte ranges from their first letter to their full stop:
/// a sentence ends at `.`, `!` or `?` before a space and a capital or a digit (`… of the
/// WSIS. We additionally …`), or at the end of the text.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let end = i + c.len_utf8();
        let rest = &text[end..];
        let after = rest.trim_start();
        let ends = after.len() < rest.len()
            && after
                .chars()
                .next()
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit());
        if ends && let Some(s) = start.take() {
            out.push(s..end);
        }
    }
    if let Some(s) = start {
        out.push(s..text.trim_end().len().max(s));
    }
    out
}

/// Where a sentence moved with edits was found: in pair `dk`, at `range` of the side
/// text `text` that pair's diff left out `way`'s changes from.
struct Found {
    dk: usize,
    text: String,
    range: Range<usize>,
    likeness: f64,
}

/// The share of the words of `range` (of one side of `changes`, the side without `way`)
/// still kept in the pair: words of equal runs.
fn kept_share(changes: &[Change], way: Op, range: &Range<usize>) -> f64 {
    let mut at = 0;
    let (mut kept, mut all) = (0, 0);
    for c in changes.iter().filter(|c| c.op != way) {
        let span = at..at + c.text.len();
        at = span.end;
        let (from, to) = (span.start.max(range.start), span.end.min(range.end));
        if from >= to {
            continue;
        }
        let inside = c
            .text
            .get(from - span.start..to - span.start)
            .unwrap_or_default();
        let n = words::words(inside).count();
        all += n;
        if c.op == Op::Equal {
            kept += n;
        }
    }
    if all == 0 {
        1.0
    } else {
        kept as f64 / all as f64
    }
}

/// Sentences moved to a pair nearby and edited on the way. A run of at least
/// [`EDITED_WORDS`] words inserted into one pair (or deleted from it) is compared with the
/// sentences of the pairs within [`MOVE_REACH`]: one at least [`EDITED_DICE`] alike, and
/// no more than a third of it kept where it was, is the same sentence moved. That pair is
/// diffed again without the sentence, which is shown whole as moved; the run loses what
/// only joins it to its new place (`and also` before the sentence moved), which stays an
/// insertion. A pair is diffed again once at most.
fn edited(entries: &mut [Entry<'_>], deadline: Instant) {
    let mut work = EDITED_WORK;
    let mut redone = vec![false; entries.len()];
    // An insertion is looked for among the old sentences of the pairs nearby; a deletion
    // among the new.
    for way in [Op::Insert, Op::Delete] {
        for k in 0..entries.len() {
            if !reworded(&entries[k]) {
                continue;
            }
            let mut c = 0;
            while c < entries[k].changes.len() {
                let change = &entries[k].changes[c];
                if change.op != way
                    || is_moved(&entries[k], c)
                    || words::words(&change.text).nth(EDITED_WORDS - 1).is_none()
                {
                    c += 1;
                    continue;
                }
                let run = bag(&change.text);
                let found = best_sentence(entries, k, way, &run, &redone, &mut work);
                match found {
                    Some(f) => {
                        redone[f.dk] = true;
                        c = settle(entries, k, c, way, f, deadline);
                    }
                    None => c += 1,
                }
                if work == 0 {
                    return;
                }
            }
        }
    }
}

/// The sentence, in the pairs near `k`, most like `run`: at least [`EDITED_DICE`] alike,
/// of a length within half and twice the run's, mostly not kept where it is.
fn best_sentence(
    entries: &[Entry<'_>],
    k: usize,
    way: Op,
    run: &(HashMap<String, usize>, usize),
    redone: &[bool],
    work: &mut usize,
) -> Option<Found> {
    let mut best: Option<Found> = None;
    let near = k.saturating_sub(MOVE_REACH)..(k + MOVE_REACH + 1).min(entries.len());
    for dk in near {
        let e = &entries[dk];
        if dk == k || redone[dk] || !reworded(e) || !e.moved.is_empty() {
            continue;
        }
        let text = words::rebuild(&e.changes, way);
        *work = work.saturating_sub(text.len() / 8);
        for range in sentences(&text) {
            let sentence = bag(&text[range.clone()]);
            if sentence.1 < EDITED_WORDS || sentence.1 * 2 < run.1 || sentence.1 > run.1 * 2 {
                continue;
            }
            *work = work.saturating_sub(sentence.1 + run.1);
            let likeness = dice(run, &sentence);
            if likeness >= EDITED_DICE
                && best.as_ref().is_none_or(|b| likeness > b.likeness)
                && kept_share(&e.changes, way, &range) <= 1.0 / 3.0
            {
                best = Some(Found {
                    dk,
                    text: text.clone(),
                    range,
                    likeness,
                });
            }
            if *work == 0 {
                return best;
            }
        }
    }
    best
}

/// Mark the sentence `f` moved: its pair diffed again without it and the sentence put
/// back as one change; the run `c` of pair `k` cut to what is the sentence. Returns the
/// index of the change after the run.
fn settle(
    entries: &mut [Entry<'_>],
    k: usize,
    c: usize,
    way: Op,
    f: Found,
    deadline: Instant,
) -> usize {
    let sentence = &f.text[f.range.clone()];
    let to = labels(&entries[k], way);
    let from = labels(&entries[f.dk], other(way));
    let run_text = entries[k].changes[c].text.clone();
    // The run, cut to the sentence: what joins it to its place stays as it was, and is
    // no edit of the sentence.
    let (lead, tail, edited) = joining_words(sentence, &run_text, way, deadline);

    // The pair the sentence was found in, diffed again without it.
    let before = f.text[..f.range.start].trim_end();
    let after = f.text[f.range.end..].trim_start();
    let rest = match (before.is_empty(), after.is_empty()) {
        (false, false) => format!("{before} {after}"),
        _ => format!("{before}{after}"),
    };
    let e = &mut entries[f.dk];
    let kept = words::rebuild(&e.changes, other(way));
    let mut changes = if way == Op::Insert {
        words::diff_until(&rest, &kept, Some(deadline))
    } else {
        words::diff_until(&kept, &rest, Some(deadline))
    };
    let at = splice(&mut changes, other(way), before, sentence);
    e.changes = changes;
    e.moved.push(Moved {
        change: at,
        other: to,
        edited,
    });

    let parts = [&run_text[..lead], &run_text[lead..tail], &run_text[tail..]];
    let moved_at = c + usize::from(!parts[0].is_empty());
    let pieces: Vec<Change> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| Change {
            op: way,
            text: (*p).to_owned(),
        })
        .collect();
    let added = pieces.len() - 1;
    let e = &mut entries[k];
    e.changes.splice(c..=c, pieces);
    for m in &mut e.moved {
        if m.change > c {
            m.change += added;
        }
    }
    e.moved.push(Moved {
        change: moved_at,
        other: from,
        edited,
    });
    c + added + 1
}

/// Put `sentence` into `changes` as a change of its own (`op`) after what `before` holds
/// of `op`'s side; returns its index. Found by the letters and marks gone by, not by
/// bytes: the diff lays out the spaces of a side its own way (the first run after a
/// deletion keeps the space before it).
fn splice(changes: &mut Vec<Change>, op: Op, before: &str, sentence: &str) -> usize {
    let solid = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let mut left = solid(before);
    let mut index = changes.len();
    for (i, c) in changes.iter().enumerate() {
        if c.op == other(op) {
            continue;
        }
        if left == 0 {
            index = i;
            break;
        }
        let n = solid(&c.text);
        if n > left {
            // The sentence falls inside this run: the run is cut in two around it.
            let cut = c
                .text
                .char_indices()
                .filter(|(_, ch)| !ch.is_whitespace())
                .nth(left)
                .map_or(c.text.len(), |(at, _)| at);
            let cut = c.text[..cut].trim_end().len();
            let tail = changes[i].text.split_off(cut);
            let op_of = changes[i].op;
            changes.insert(
                i + 1,
                Change {
                    op: op_of,
                    text: tail,
                },
            );
            index = i + 1;
            break;
        }
        left -= n;
    }
    let first = before.trim().is_empty();
    let text = if first {
        sentence.to_owned()
    } else {
        format!(" {sentence}")
    };
    changes.insert(index, Change { op, text });
    // A change after the sentence, at what was the start of the text, now follows it:
    // it gets the space before it that every run after the first keeps.
    if first
        && let Some(next) = changes.get_mut(index + 1)
        && !next.text.starts_with(char::is_whitespace)
    {
        next.text.insert(0, ' ');
    }
    index
}

/// Where in `run` the sentence begins and ends, as byte offsets, and whether it was
/// edited on the way. The words before the first and after the last it shares with
/// `sentence` are left out when any of them is not in the sentence (`and also` joining it
/// to what it follows); words all from the sentence (`WSIS stakeholders` for
/// `stakeholders of the WSIS`) stay in, as an edit. Between the first and the last word
/// shared, any change is an edit.
fn joining_words(sentence: &str, run: &str, way: Op, deadline: Instant) -> (usize, usize, bool) {
    let changes = if way == Op::Insert {
        words::diff_until(sentence, run, Some(deadline))
    } else {
        words::diff_until(run, sentence, Some(deadline))
    };
    let in_sentence = bag(sentence).0;
    let only = |text: &str| {
        words::words_lower(text)
            .split(' ')
            .any(|w| !w.is_empty() && !in_sentence.contains_key(w))
    };
    let worded = |c: &Change| words::words(&c.text).next().is_some();
    let shared = |c: &Change| c.op == Op::Equal && worded(c);
    let (Some(first), Some(last)) = (
        changes.iter().position(shared),
        changes.iter().rposition(shared),
    ) else {
        return (0, run.len(), true);
    };
    let run_side = |cs: &[Change]| -> String {
        cs.iter()
            .filter(|c| c.op != other(way))
            .map(|c| c.text.as_str())
            .collect()
    };
    let (lead_text, tail_text) = (run_side(&changes[..first]), run_side(&changes[last + 1..]));
    // Offsets into `run` by the letters and marks gone by: the diff lays out the
    // spaces of the run its own way.
    let solid = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let after = |n: usize| match n.checked_sub(1) {
        None => 0,
        Some(last) => run
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .nth(last)
            .map_or(run.len(), |(at, c)| at + c.len_utf8()),
    };
    let cut_lead = only(&lead_text);
    let cut_tail = only(&tail_text);
    let lead = if cut_lead {
        after(solid(&lead_text))
    } else {
        0
    };
    let tail = if cut_tail {
        after(solid(&run_side(&changes[..=last])))
    } else {
        run.len()
    };
    let edited = changes[first..=last]
        .iter()
        .any(|c| c.op != Op::Equal && worded(c))
        || !cut_lead && solid(&lead_text) > 0
        || !cut_tail && solid(&tail_text) > 0;
    (lead, tail.max(lead), edited)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn far() -> Instant {
        Instant::now() + std::time::Duration::from_secs(60)
    }

    /// Both sides of every pair still rebuild, word for word, after sentences were cut
    /// out and put back; each moved change is marked at both ends, as edited.
    #[test]
    fn a_sentence_moved_and_edited_leaves_both_sides_whole() {
        let one = "1. We meet in the hall of the lake council to review the shared tower plan, and affirm the role of the councils in this review";
        let two = "in looking at the towers, the cables and the roads built since the charter was signed, and at the gaps in skills and money that remain for the hill villages.\n\n3. We close.\n";
        let old = format!(
            "{one}.\n\n2. Recalling that the councils, in their decision of 14 August 2024, agreed to end the review with a meeting of every council and group. We further recall the review, {two}"
        );
        let new = format!(
            "{one} and also that the councils, in their decision of 14 July 2024, agreed to end the review with a meeting of every group and council.\n\n2. Welcoming the views of the schools, {two}"
        );
        let (a, b) = (
            crate::draft::read("a.txt", old.as_bytes()).unwrap(),
            crate::draft::read("b.txt", new.as_bytes()).unwrap(),
        );
        let entries = crate::draft::compare(&a, &b, &Default::default(), &[]).unwrap();
        let words_of = |ps: &[&crate::draft::Paragraph]| {
            words::words_lower(
                &ps.iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        let mut moved = 0;
        for e in &entries {
            assert_eq!(
                words::words_lower(&words::rebuild(&e.changes, Op::Insert)),
                words_of(&e.old)
            );
            assert_eq!(
                words::words_lower(&words::rebuild(&e.changes, Op::Delete)),
                words_of(&e.new)
            );
            for m in &e.moved {
                assert!(m.edited);
                assert_ne!(e.changes[m.change].op, Op::Equal);
                moved += 1;
            }
        }
        assert_eq!(moved, 2, "{entries:#?}");
    }

    /// A sentence moved word for word, but joined to its new place by `and also`, is
    /// moved and not edited: the joining words are an insertion of their own.
    #[test]
    fn a_sentence_joined_to_its_new_place_is_not_edited() {
        let one = "1. We meet in the hall of the lake council to review the shared tower plan, and affirm the role of the councils in this review";
        let two = "the review looks at the towers, the cables and the roads built since the charter was signed, and at the gaps in skills and money that remain for the hill villages.\n";
        let moved = "that the councils, in their decision of 14 August 2024, agreed to end the review with a meeting of every council and group";
        let old = format!("{one}.\n\n2. Recalling {moved}. We further recall that {two}");
        let new =
            format!("{one} and also {moved}.\n\n2. Welcoming the views of the schools, {two}");
        let (a, b) = (
            crate::draft::read("a.txt", old.as_bytes()).unwrap(),
            crate::draft::read("b.txt", new.as_bytes()).unwrap(),
        );
        let entries = crate::draft::compare(&a, &b, &Default::default(), &[]).unwrap();
        let first = &entries[0];
        assert_eq!(first.moved.len(), 1, "{entries:#?}");
        assert!(!first.moved[0].edited);
        assert_eq!(
            first.changes[first.moved[0].change].text,
            format!(" {moved}")
        );
        assert_eq!(first.changes[first.moved[0].change - 1].text, " and also");
    }

    #[test]
    fn sentences_end_at_a_stop_before_a_capital() {
        let text = "Recalling the plan of 31 August 2014. We also recall the U.N. role. 5 more";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            [
                "Recalling the plan of 31 August 2014.",
                "We also recall the U.N. role.",
                "5 more"
            ]
        );
        assert!(sentences("  ").is_empty());
    }

    #[test]
    fn joining_words_are_left_out_of_a_moved_run() {
        let sentence = "Recalling that the council, in its decision of 31 August, set up the review with all relevant stakeholders of the forum.";
        let run = " and also that the council, in its decision of 31 July, set up the review with all relevant forum stakeholders";
        let (lead, tail, edited) = joining_words(sentence, run, Op::Insert, far());
        assert_eq!(&run[..lead], " and also");
        assert_eq!(tail, run.len(), "{}", &run[tail..]);
        assert!(edited);
        // Words of the sentence before it are part of it, reordered.
        let run = " forum that the council, in its decision of 31 July, set up the review";
        assert_eq!(joining_words(sentence, run, Op::Insert, far()).0, 0);
    }

    #[test]
    fn a_sentence_is_spliced_where_it_was() {
        let mut changes = words::diff("We act now.", "We act today.");
        let at = splice(&mut changes, Op::Delete, "", "First this.");
        assert_eq!(at, 0);
        assert_eq!(
            words::rebuild(&changes, Op::Insert),
            "First this. We act now."
        );
        assert_eq!(words::rebuild(&changes, Op::Delete).trim(), "We act today.");
        let mut changes = words::diff("We act now.", "We act today.");
        let at = splice(&mut changes, Op::Delete, "We", "Then this.");
        assert_eq!(changes[at].text, " Then this.");
        assert_eq!(
            words::rebuild(&changes, Op::Insert),
            "We Then this. act now."
        );
        // A side laid out with a space before its first run: the place is still the
        // one after the words given.
        let c = |op, text: &str| Change {
            op,
            text: text.to_owned(),
        };
        let mut changes = vec![
            c(Op::Insert, "Today"),
            c(Op::Equal, " we act"),
            c(Op::Delete, " now"),
            c(Op::Equal, "."),
        ];
        let at = splice(&mut changes, Op::Delete, "we act now", "Then this.");
        assert_eq!(at, 3);
        assert_eq!(
            words::rebuild(&changes, Op::Insert),
            " we act now Then this.."
        );
        let mut changes = vec![c(Op::Equal, " we act now.")];
        splice(&mut changes, Op::Delete, "we act", "Then this.");
        assert_eq!(
            words::rebuild(&changes, Op::Insert),
            " we act Then this. now."
        );
    }
}
