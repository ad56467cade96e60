//! The word diff inside a pair of paragraphs.
//!
//! Text is cut into words and punctuation marks; whitespace only separates them, so a run
//! of spaces or a line wrap is never a change, while a comma or a capital letter is
//! ("Governments" for "governments" matters in a negotiated text). The diff is Myers' over
//! the tokens, from `similar`: insta already builds it, its slice diff takes any tokens,
//! and a paragraph of a hundred words is far too small for `imara-diff`'s speed to show.

use serde::Serialize;
use std::time::Instant;

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};

/// What a run of text is in a pair: in both sides, only the old, or only the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// A run of text. The text of each run keeps the space before it (` word`), so that
/// concatenating the equal and deleted runs gives the old text exactly, and the equal
/// and inserted runs the new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub op: Op,
    pub text: String,
}

/// A word or a punctuation mark, and whether a space came before it.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    space: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Words are runs of letters and digits, with `-`, `'`, `’`, `.` or `/` kept inside one
/// when letters or digits follow (`multi-stakeholder`, `State’s`, `70/125`, `1.5`); every
/// other mark is a token of its own.
fn tokens(s: &str) -> Vec<Token<'_>> {
    // Room for a token every four bytes, more than a text has: one allocation, not a
    // vector grown and copied through every size up to a paragraph's.
    let mut out = Vec::with_capacity(s.len() / 4 + 1);
    let mut space = false;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let mut end = i + c.len_utf8();
        if is_word_char(c) {
            while let Some(&(j, d)) = chars.peek() {
                let inner = matches!(d, '-' | '\'' | '’' | '.' | '/')
                    && s[j + d.len_utf8()..].starts_with(is_word_char);
                if !is_word_char(d) && !inner {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        out.push(Token {
            text: &s[i..end],
            space,
        });
        space = false;
    }
    out
}

/// The words of a text, lower-cased, for measuring likeness (not for the diff, where
/// case counts).
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !is_word_char(c) && c != '-')
        .filter(|w| !w.is_empty())
}

/// The words of a text, lower-cased, one space between them: the text as a key for
/// finding the same words elsewhere.
pub fn words_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The changes that turn `old` into `new`, word by word; adjacent runs of the same kind
/// are one, and a replacement is its deletion then its insertion, as wdiff shows it.
pub fn diff(old: &str, new: &str) -> Vec<Change> {
    diff_until(old, new, None)
}

/// [`diff`], giving up on the shortest diff at `deadline`: past it, Myers returns a
/// coarser one (still exact: both sides rebuild). A hostile pair of huge paragraphs
/// would otherwise take minutes.
pub fn diff_until(old: &str, new: &str, deadline: Option<Instant>) -> Vec<Change> {
    let a = tokens(old);
    let b = tokens(new);
    let at: Vec<&str> = a.iter().map(|t| t.text).collect();
    let bt: Vec<&str> = b.iter().map(|t| t.text).collect();
    let mut out: Vec<Change> = Vec::new();
    let mut push = |op: Op, toks: &[Token<'_>], first_of_text: bool| {
        if toks.is_empty() {
            return;
        }
        let mut text = String::new();
        for (k, t) in toks.iter().enumerate() {
            if t.space && !(first_of_text && k == 0) {
                text.push(' ');
            }
            text.push_str(t.text);
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(&text),
            _ => out.push(Change { op, text }),
        }
    };
    for (equal, ar, br) in segments(&at, &bt, deadline) {
        if equal || glued_same(&a[ar.clone()], &b[br.clone()]) {
            // Words joined or split (`civil society` and `civilsociety`, a line end a
            // PDF lost the space at) are the same wording: shown as the new side has it.
            push(Op::Equal, &b[br.clone()], br.start == 0);
        } else if is_glued(&a[ar.clone()]) || is_glued(&b[br.clone()]) {
            // A side without spaces has no words to compare: its letters are compared.
            for (op, piece) in letters_diff(&a[ar.clone()], &b[br.clone()], deadline) {
                let first = match op {
                    Op::Delete => ar.start == 0,
                    _ => br.start == 0,
                };
                push(op, &piece, first);
            }
        } else {
            push(Op::Delete, &a[ar.clone()], ar.start == 0);
            push(Op::Insert, &b[br.clone()], br.start == 0);
        }
    }
    out
}

/// A word this long is words whose spaces were lost (`Werecognizetheroleofthe`).
const GLUED: usize = 24;

/// Whether a run of tokens holds words glued together.
fn is_glued(toks: &[Token<'_>]) -> bool {
    toks.iter().any(|t| t.text.len() >= GLUED)
}

/// Whether two runs of tokens are the same text but for the spaces between them.
fn glued_same(a: &[Token<'_>], b: &[Token<'_>]) -> bool {
    !a.is_empty()
        && !b.is_empty()
        && a.iter()
            .flat_map(|t| t.text.chars())
            .eq(b.iter().flat_map(|t| t.text.chars()))
}

/// Two runs of tokens compared letter by letter (their spaces aside), as runs of
/// one-character tokens: what is equal is shown as the new side spaces it. An equal run
/// of fewer than three letters between two changes is taken into them, so that two
/// unlike words read as one replacement, not as a scatter of letters.
fn letters_diff<'a>(
    a: &[Token<'a>],
    b: &[Token<'a>],
    deadline: Option<Instant>,
) -> Vec<(Op, Vec<Token<'a>>)> {
    fn chars<'a>(toks: &[Token<'a>]) -> Vec<Token<'a>> {
        let mut out = Vec::new();
        for t in toks {
            for (k, (i, c)) in t.text.char_indices().enumerate() {
                out.push(Token {
                    text: &t.text[i..i + c.len_utf8()],
                    space: k == 0 && t.space,
                });
            }
        }
        out
    }
    let (ac, bc) = (chars(a), chars(b));
    let at: Vec<&str> = ac.iter().map(|t| t.text).collect();
    let bt: Vec<&str> = bc.iter().map(|t| t.text).collect();
    let mut raw: Vec<(bool, Range, Range)> = Vec::new();
    let (mut ai, mut bi) = (0, 0);
    for d in capture_diff_slices_deadline(Algorithm::Myers, &at, &bt, deadline) {
        let equal = d.tag() == DiffTag::Equal;
        let (ar, br) = (ai..ai + d.old_range().len(), bi..bi + d.new_range().len());
        (ai, bi) = (ar.end, br.end);
        match raw.last_mut() {
            Some(last) if last.0 == equal => {
                last.1.end = ar.end;
                last.2.end = br.end;
            }
            _ => raw.push((equal, ar, br)),
        }
    }
    let mut runs: Vec<(bool, Range, Range)> = Vec::with_capacity(raw.len());
    for (k, run) in raw.iter().enumerate() {
        let between = k > 0 && k + 1 < raw.len();
        match runs.last_mut() {
            // A change, or a short equal run between two changes, after a change.
            Some(last) if !last.0 && (!run.0 || (between && run.1.len() < 3)) => {
                last.1.end = run.1.end;
                last.2.end = run.2.end;
            }
            _ => runs.push(run.clone()),
        }
    }
    let mut out = Vec::new();
    for (equal, ar, br) in runs {
        if equal {
            out.push((Op::Equal, bc[br].to_vec()));
        } else {
            out.push((Op::Delete, ac[ar].to_vec()));
            out.push((Op::Insert, bc[br].to_vec()));
        }
    }
    out
}

type Range = std::ops::Range<usize>;

/// The diff as runs that are equal or changed, where a change is what one side has in
/// place of the other. A word or two left equal between two deletions (or two
/// insertions) is taken into them: brackets taken off, `[-[thirty] [sixty]-] {+sixty+}`,
/// reads better than `[-[thirty] [-] sixty[-]-]`.
fn segments(at: &[&str], bt: &[&str], deadline: Option<Instant>) -> Vec<(bool, Range, Range)> {
    let mut segs: Vec<(bool, Range, Range)> = Vec::new();
    // Positions are counted here from the lengths of the ops: the index `similar` gives a
    // deletion on the new side (and an insertion on the old) is not always where it sits.
    let (mut ai, mut bi) = (0, 0);
    for d in capture_diff_slices_deadline(Algorithm::Myers, at, bt, deadline) {
        let equal = d.tag() == DiffTag::Equal;
        let (al, bl) = (d.old_range().len(), d.new_range().len());
        let (ar, br) = (ai..ai + al, bi..bi + bl);
        (ai, bi) = (ar.end, br.end);
        match segs.last_mut() {
            Some(last) if last.0 == equal => {
                last.1.end = ar.end;
                last.2.end = br.end;
            }
            _ => segs.push((equal, ar, br)),
        }
    }
    let size = |s: &(bool, Range, Range)| s.1.len().max(s.2.len());
    let mut out: Vec<(bool, Range, Range)> = Vec::with_capacity(segs.len());
    let mut k = 0;
    while k < segs.len() {
        let s = segs[k].clone();
        if s.0
            && size(&s) <= 2
            && k + 1 < segs.len()
            && let Some(prev) = out.last_mut()
            && !prev.0
        {
            let next = &segs[k + 1];
            let pure = |x: &(bool, Range, Range)| (x.1.is_empty(), x.2.is_empty());
            if pure(prev) == pure(next) && (pure(prev).0 || pure(prev).1) {
                prev.1.end = next.1.end;
                prev.2.end = next.2.end;
                k += 2;
                continue;
            }
        }
        match out.last_mut() {
            Some(prev) if prev.0 == s.0 => {
                prev.1.end = s.1.end;
                prev.2.end = s.2.end;
            }
            _ => out.push(s),
        }
        k += 1;
    }
    out
}

/// One side of a diff, rebuilt: the old text (`Op::Insert` left out) or the new.
pub fn rebuild(changes: &[Change], leave_out: Op) -> String {
    changes
        .iter()
        .filter(|c| c.op != leave_out)
        .map(|c| c.text.as_str())
        .collect()
}

/// Texts that are the same up to whitespace.
pub fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(c: &[Change]) -> String {
        c.iter()
            .map(|c| match c.op {
                Op::Equal => c.text.clone(),
                Op::Delete => format!("[-{}-]", c.text),
                Op::Insert => format!("{{+{}+}}", c.text),
            })
            .collect()
    }

    #[test]
    fn capitals_and_punctuation_are_changes() {
        let c = diff(
            "Calls upon governments, to act",
            "Calls upon Governments to act",
        );
        assert_eq!(
            show(&c),
            "Calls upon[- governments,-]{+ Governments+} to act"
        );
    }

    #[test]
    fn a_word_between_two_changes_joins_them() {
        let c = diff("within [thirty] [sixty] days", "within sixty days");
        assert_eq!(show(&c), "within[- [thirty] [sixty]-]{+ sixty+} days");
    }

    #[test]
    fn spacing_is_not_a_change() {
        let c = diff("the  forum\n meets", "the forum meets");
        assert_eq!(
            c,
            [Change {
                op: Op::Equal,
                text: "the forum meets".into()
            }]
        );
    }

    #[test]
    fn both_sides_rebuild() {
        let (a, b) = (
            "Decides to meet every year in Geneva.",
            "Decides, to meet twice a year.",
        );
        let c = diff(a, b);
        assert!(same_words(&rebuild(&c, Op::Insert), a));
        assert!(same_words(&rebuild(&c, Op::Delete), b));
    }

    #[test]
    fn words_joined_or_split_are_not_a_change() {
        let c = diff(
            "with civil society and the private sector",
            "with civilsociety and the private sec tor",
        );
        assert_eq!(show(&c), "with civilsociety and the private sec tor");
        let c = diff("the regional forum meets", "the regionalforum meets yearly");
        assert_eq!(show(&c), "the regionalforum meets{+ yearly+}");
    }

    #[test]
    fn a_text_without_spaces_is_compared_by_its_letters() {
        let c = diff(
            "We welcome the role of the lake councils in the region.",
            "Wewelcometheleadingroleofthelakecouncilsintheregion.",
        );
        assert_eq!(
            show(&c),
            "Wewelcomethe{+leading+}roleofthelakecouncilsintheregion."
        );
    }

    #[test]
    fn words_keep_inner_marks() {
        let t: Vec<&str> = tokens("multi-stakeholder, 70/125 (a) 1.5.")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            t,
            [
                "multi-stakeholder",
                ",",
                "70/125",
                "(",
                "a",
                ")",
                "1.5",
                "."
            ]
        );
    }
}
