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
    if let Some(changes) = symbol_diff(old, new) {
        return changes;
    }
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
            if br.start == 0 && ar.start > 0 && !b[br.clone()].is_empty() {
                // What the new text starts with followed a deletion in the old: the space
                // between them is kept, as a reader of the change sees it.
                let mut toks = b[br.clone()].to_vec();
                toks[0].space = a[ar.start].space;
                push(Op::Equal, &toks, false);
            } else {
                push(Op::Equal, &b[br.clone()], br.start == 0);
            }
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

/// Two document symbols (`Document WSIS-II/PC-3/DT/15-E`, then `WSIS-II/PC-3/DT/15
/// (Rev. 3)-E`), compared as a reader of symbols does: `Document` before one is a word
/// of its own, and a symbol is changed where it differs between the part both start
/// with (its series) and the part both end with (`-E`, its language) — `(Rev. 3)` is
/// inserted, not the whole symbol replaced. Symbols that share less than two parts of
/// their series (`A/70/L.33`, then `A/RES/70/125`) are replaced whole. `None` when
/// either text is not a symbol.
fn symbol_diff(old: &str, new: &str) -> Option<Vec<Change>> {
    use crate::draft::model::{HeaderKind, header_kind};
    if header_kind(old) != Some(HeaderKind::Symbol) || header_kind(new) != Some(HeaderKind::Symbol)
    {
        return None;
    }
    let ((od, os), (nd, ns)) = (after_document(old), after_document(new));
    let mut out: Vec<Change> = Vec::new();
    let mut push = |op: Op, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(Change {
                op,
                text: text.to_owned(),
            }),
        }
    };
    match (od, nd) {
        (true, true) => push(Op::Equal, "Document"),
        (true, false) => push(Op::Delete, "Document"),
        (false, true) => push(Op::Insert, "Document"),
        (false, false) => {}
    }
    // The space between `Document` and the symbol, kept on the symbol's side as a
    // reader of the change sees it.
    let lead = if od || nd { " " } else { "" };
    let alnum = |c: char| c.is_alphanumeric();
    // Where a common start or end may stop: not inside a word or number of either side.
    let cut_ok = |s: &str, at: usize| !(s[..at].ends_with(alnum) && s[at..].starts_with(alnum));
    let mut start: usize = os
        .char_indices()
        .zip(ns.chars())
        .find(|((_, a), b)| a != b)
        .map_or(os.len().min(ns.len()), |((i, _), _)| i);
    while start > 0 && !(cut_ok(os, start) && cut_ok(ns, start)) {
        start = os[..start].char_indices().last().map_or(0, |(i, _)| i);
    }
    let series = os[..start]
        .split(|c: char| !alnum(c))
        .filter(|p| !p.is_empty())
        .count();
    if series < 2 {
        start = 0;
    }
    let mut end = 0;
    if start > 0 {
        end = os[start..]
            .chars()
            .rev()
            .zip(ns[start..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        while end > 0 && !(cut_ok(os, os.len() - end) && cut_ok(ns, ns.len() - end)) {
            end -= os[os.len() - end..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        }
    }
    if start > 0 {
        push(Op::Equal, &format!("{lead}{}", &ns[..start]));
        push(Op::Delete, &os[start..os.len() - end]);
        push(Op::Insert, &ns[start..ns.len() - end]);
    } else {
        // The symbol replaced whole, apart from a `Document` one side has.
        push(Op::Equal, lead);
        push(Op::Delete, os);
        push(Op::Insert, ns);
    }
    push(Op::Equal, &ns[ns.len() - end..]);
    Some(out)
}

/// Whether a heading line starts with `Document`, and the symbol after it.
fn after_document(s: &str) -> (bool, &str) {
    match s.trim().strip_prefix("Document") {
        Some(rest) if rest.starts_with(char::is_whitespace) => (true, rest.trim_start()),
        _ => (false, s.trim()),
    }
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
/// reads better than `[-[thirty] [-] sixty[-]-]`, and `[-(a)-] {+a+}` than `[-(-]a[-)-]`.
/// Not a filler word (`the`, a comma) between words: `Building on{+, among other
/// inputs,+} the {+ten-year+} reviews` is two insertions around the kept `the`.
fn segments(at: &[&str], bt: &[&str], deadline: Option<Instant>) -> Vec<(bool, Range, Range)> {
    let mut segs: Vec<(bool, Range, Range)> = Vec::new();
    let mut push = |equal: bool, ar: Range, br: Range| match segs.last_mut() {
        Some(last) if last.0 == equal => {
            last.1.end = ar.end;
            last.2.end = br.end;
        }
        _ => segs.push((equal, ar, br)),
    };
    // Tokens are aligned without their case, so that `Governments` for `governments`
    // does not pull the alignment to another `the`; a word whose case changed is then a
    // change of its own in the equal run. Positions are counted here from the lengths of
    // the ops: the index `similar` gives a deletion on the new side (and an insertion on
    // the old) is not always where it sits.
    let (af, bf) = (folded(at), folded(bt));
    let (mut ai, mut bi) = (0, 0);
    for d in capture_diff_slices_deadline(algorithm(at.len(), bt.len()), &af, &bf, deadline) {
        let equal = d.tag() == DiffTag::Equal;
        let (al, bl) = (d.old_range().len(), d.new_range().len());
        let (ar, br) = (ai..ai + al, bi..bi + bl);
        (ai, bi) = (ar.end, br.end);
        if !equal || at[ar.clone()] == bt[br.clone()] {
            push(equal, ar, br);
            continue;
        }
        for (i, j) in ar.zip(br) {
            push(at[i] == bt[j], i..i + 1, j..j + 1);
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
            // The tokens of a pure insertion or deletion.
            let toks = |x: &(bool, Range, Range)| -> &[&str] {
                if x.1.is_empty() {
                    &bt[x.2.clone()]
                } else {
                    &at[x.1.clone()]
                }
            };
            let marks = |x: &(bool, Range, Range)| {
                toks(x)
                    .iter()
                    .all(|t| !t.starts_with(|c: char| c.is_alphanumeric()))
            };
            // Brackets put on or taken off the words between: an opening one just before
            // them, its closing one just after. Words between two insertions of words
            // (`{+and development-oriented+} Information Society{+,+}`), or after a
            // deleted word (`[-is-] characterized by [-[-]`), were kept.
            let bracketed = matches!(
                (toks(prev).last(), toks(next).first()),
                (Some(&"["), Some(&"]")) | (Some(&"("), Some(&")"))
            );
            let kept_filler =
                at[s.1.clone()].iter().all(|t| is_filler(t)) && !(marks(prev) && marks(next));
            if pure(prev) == pure(next)
                && (pure(prev).0 || pure(prev).1)
                && !kept_filler
                && bracketed
            {
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
    let mut out = join_rewrites(out, at, bt);
    slide_to_sentences(&mut out, at, bt);
    keep_edge_mark(out, at, bt)
}

/// A replacement whose deletion starts with the mark its insertion ends with (or the
/// other way round) kept that mark: `Development[-, in which …-]{+”,+}` is
/// `Development{+”+}, [-in which …-]`, a quote closed and a clause taken out, as a
/// reader lists them, whichever comma the shortest diff kept and whatever the joining
/// of a rewrite took in.
fn keep_edge_mark(
    segs: Vec<(bool, Range, Range)>,
    at: &[&str],
    bt: &[&str],
) -> Vec<(bool, Range, Range)> {
    let mark = |t: &str| matches!(t, "," | ";" | ":" | ".");
    // A bracket in the change is a bracket moved past the mark (`all[-.]-]{+]. We …+}`):
    // the mark then went with it.
    let bracket = |t: &&str| matches!(*t, "[" | "]" | "(" | ")");
    let mut out = Vec::with_capacity(segs.len());
    for (equal, ar, br) in segs {
        if equal
            || ar.len() < 2
            || br.len() < 2
            || at[ar.clone()].iter().chain(&bt[br.clone()]).any(bracket)
        {
            out.push((equal, ar, br));
            continue;
        }
        let (a0, b0, a1, b1) = (ar.start, br.start, ar.end - 1, br.end - 1);
        if mark(at[a0]) && at[a0] == bt[b1] {
            // Inserted, the mark, deleted.
            out.push((false, a0..a0, b0..b1));
            out.push((true, a0..a0 + 1, b1..b1 + 1));
            out.push((false, a0 + 1..ar.end, br.end..br.end));
        } else if mark(bt[b0]) && bt[b0] == at[a1] {
            // Deleted, the mark, inserted.
            out.push((false, a0..a1, b0..b0));
            out.push((true, a1..a1 + 1, b0..b0 + 1));
            out.push((false, ar.end..ar.end, b0 + 1..br.end));
        } else {
            out.push((false, ar, br));
        }
    }
    out
}

/// The diff algorithm for two paragraphs of `a` and `b` tokens. Where one grew or shrank
/// by a third or more, patience's: it aligns on the words each side has once (`the
/// attainment`), where Myers' shortest diff may thread the long insertion through the
/// short side's `for` and `the` and scatter it. Elsewhere Myers', for less work: patience
/// hashes every token.
fn algorithm(a: usize, b: usize) -> Algorithm {
    if a.abs_diff(b) * 3 >= a.max(b) {
        Algorithm::Patience
    } else {
        Algorithm::Myers
    }
}

/// Words that hold no meaning of their own, which a rewritten clause keeps by chance.
fn is_filler(t: &str) -> bool {
    const FILLERS: [&str; 22] = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "its", "of",
        "on", "or", "that", "the", "their", "to", "which", "with",
    ];
    !t.starts_with(|c: char| c.is_alphanumeric())
        || t.len() <= 5 && FILLERS.iter().any(|f| f.eq_ignore_ascii_case(t))
}

/// A clause rewritten whole keeps a comma or an `and` of the old one where Myers finds
/// it, and shows as a scatter of changes: `[-Every household should have a line-]
/// {+Narrowing the gaps will take steady+}, [-school-] {+sufficient+} and …`.
/// A careful reader lists one replacement. So one or two filler tokens (marks, `and`,
/// `of`, `the` …) left equal between two changes are taken into them when the changes
/// around are large (six tokens or more on their longer sides together) and one of them
/// replaces words (or is marks only, a stop moved out of a bracket); between small ones
/// (`[-responsibility-] {+need+} to [-anticipate-] {+identify+}`), or between two
/// insertions (`on{+, among other inputs,+} the {+ten-year+} reviews`), they stay.
fn join_rewrites(
    segs: Vec<(bool, Range, Range)>,
    at: &[&str],
    bt: &[&str],
) -> Vec<(bool, Range, Range)> {
    let size = |s: &(bool, Range, Range)| s.1.len().max(s.2.len());
    let replaces = |s: &(bool, Range, Range)| !s.1.is_empty() && !s.2.is_empty();
    // `Overall Review` for `overall review` is a change of its own kind, listed apart.
    let case_only = |s: &(bool, Range, Range)| {
        s.1.len() == s.2.len()
            && at[s.1.clone()]
                .iter()
                .zip(&bt[s.2.clone()])
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
    };
    // A mark moved across a mark: a full stop taken out of a bracket and put after it
    // (`manner{+]. We also …+}.[-]-]`) is one change, not an insertion and a deletion
    // around the stop. A closing quote put before a kept comma, with a clause deleted
    // after it (`Development{+”+}, [-in which …-]`), is two.
    let toks = |s: &(bool, Range, Range)| at[s.1.clone()].iter().chain(&bt[s.2.clone()]);
    let marks = |s: &(bool, Range, Range)| toks(s).all(|t| !t.starts_with(char::is_alphanumeric));
    let mark_moved = |m: &(bool, Range, Range), o: &(bool, Range, Range)| {
        marks(m) && toks(m).all(|t| toks(o).any(|u| u == t))
    };
    let mut out: Vec<(bool, Range, Range)> = Vec::with_capacity(segs.len());
    let mut k = 0;
    while k < segs.len() {
        let s = &segs[k];
        if s.0
            && s.1.len() <= 2
            && at[s.1.clone()].iter().all(|t| is_filler(t))
            && let Some(next) = segs.get(k + 1)
            && !next.0
            && let Some(prev) = out.last_mut()
            && !prev.0
            && size(prev) + size(next) >= 6
            && (replaces(prev)
                || replaces(next)
                || marks(s) && (mark_moved(prev, next) || mark_moved(next, prev)))
            && !case_only(prev)
            && !case_only(next)
        {
            prev.1.end = next.1.end;
            prev.2.end = next.2.end;
            k += 2;
            continue;
        }
        out.push(s.clone());
        k += 1;
    }
    out
}

/// A token as the alignment compares it: its letters without their case.
#[derive(Clone, Copy)]
struct Folded<'a>(&'a str);

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Folded<'_> {}

impl PartialOrd for Folded<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Folded<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0
            .bytes()
            .map(|b| b.to_ascii_lowercase())
            .cmp(other.0.bytes().map(|b| b.to_ascii_lowercase()))
    }
}

impl std::hash::Hash for Folded<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        // Lower-cased into a buffer and hashed a word at a time, not a byte at a time:
        // the patience diff hashes every token of every changed pair.
        let mut buf = [0u8; 32];
        for chunk in self.0.as_bytes().chunks(buf.len()) {
            for (to, from) in buf.iter_mut().zip(chunk) {
                *to = from.to_ascii_lowercase();
            }
            h.write(&buf[..chunk.len()]);
        }
    }
}

fn folded<'a>(toks: &[&'a str]) -> Vec<Folded<'a>> {
    toks.iter().map(|&t| Folded(t)).collect()
}

/// How well a run of tokens `run` of `side` sits on sentence boundaries: it starts a
/// sentence (or the text), and it ends one.
fn fit(side: &[&str], run: &Range) -> u8 {
    let stop = |t: &str| match t {
        "." | ";" | ":" => 2,
        "," => 1,
        _ => 0,
    };
    let start = if run.start == 0 {
        2
    } else {
        stop(side[run.start - 1])
    };
    let end = if run.is_empty() {
        0
    } else {
        stop(side[run.end - 1])
    };
    start + end
}

/// Myers puts a deletion or an insertion anywhere its words repeat: `We [-are able to
/// act. We-] act` is as short as `[-We are able to act.-] We act`. A careful reader
/// lists the sentence that went, so a run with equal text on both sides is moved, as far
/// as the repetition allows, to where it best starts and ends a sentence (ties keep
/// Myers' place).
fn slide_to_sentences(segs: &mut [(bool, Range, Range)], at: &[&str], bt: &[&str]) {
    for k in 1..segs.len().saturating_sub(1) {
        let (prev, run, next) = (&segs[k - 1], &segs[k], &segs[k + 1]);
        if run.0 || !prev.0 || !next.0 || !(run.1.is_empty() || run.2.is_empty()) {
            continue;
        }
        let deleted = run.2.is_empty();
        let (side, r) = if deleted { (at, &run.1) } else { (bt, &run.2) };
        let (prev_len, next_len) = (prev.1.len(), next.1.len());
        // How far the run can go left (its last token is the one before it) or right.
        let mut left = 0;
        while left < prev_len
            && left < r.len()
            && side[r.start - left - 1] == side[r.end - left - 1]
        {
            left += 1;
        }
        let mut right = 0;
        while right < next_len
            && right < r.len()
            && r.end + right < side.len()
            && side[r.start + right] == side[r.end + right]
        {
            right += 1;
        }
        if left == 0 && right == 0 {
            continue;
        }
        let mut best = (fit(side, r), 0isize);
        for shift in (-(left as isize))..=(right as isize) {
            let moved = (r.start as isize + shift) as usize..(r.end as isize + shift) as usize;
            let f = fit(side, &moved);
            if f > best.0 {
                best = (f, shift);
            }
        }
        let shift = best.1;
        if shift == 0 {
            continue;
        }
        let move_by = |x: &mut Range, by: isize| {
            x.start = (x.start as isize + by) as usize;
            x.end = (x.end as isize + by) as usize;
        };
        // The equal run before gives (or takes) the tokens the equal run after takes (or
        // gives); the changed run moves on its side and stays put on the other.
        segs[k - 1].1.end = (segs[k - 1].1.end as isize + shift) as usize;
        segs[k - 1].2.end = (segs[k - 1].2.end as isize + shift) as usize;
        segs[k + 1].1.start = (segs[k + 1].1.start as isize + shift) as usize;
        segs[k + 1].2.start = (segs[k + 1].2.start as isize + shift) as usize;
        let run = &mut segs[k];
        move_by(&mut run.1, shift);
        move_by(&mut run.2, shift);
    }
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
    fn a_clause_rewritten_whole_is_one_change() {
        let c = diff(
            "We act. Every household should have a line, for the villages, schools and clinics of all kinds.",
            "We act. Narrowing the gaps will take steady, sufficient and timely money from the bank.",
        );
        assert_eq!(
            c.iter().filter(|c| c.op != Op::Equal).count(),
            2,
            "{}",
            show(&c)
        );
        // A change of capitals stays apart from a rewrite beside it, and does not pull
        // the alignment to a later `of`.
        for (old, new, start) in [
            (
                "the Overall Review by WSIS Outcomes",
                "the overall review by the outcomes of the World Summit on the Information Society",
                "the[- Overall Review-]{+ overall review+} by",
            ),
            (
                "the Overall Review of WSIS Outcomes",
                "the overall review of the outcomes of the World Summit on the Information Society",
                "the[- Overall Review-]{+ overall review+} of",
            ),
        ] {
            let c = diff(old, new);
            assert!(show(&c).starts_with(start), "{}", show(&c));
        }
        // Insertions around a kept word stay apart.
        let c = diff(
            "Building on the reviews by the forum",
            "Building on, among other relevant inputs, the ten-year reviews by the forum",
        );
        assert_eq!(
            show(&c),
            "Building on{+, among other relevant inputs,+} the{+ ten-year+} reviews by the forum"
        );
        // Small changes around a kept word stay apart.
        let c = diff(
            "We see our shared responsibility to anticipate risks.",
            "We see the need to identify risks.",
        );
        assert_eq!(
            show(&c),
            "We see[- our shared responsibility-]{+ the need+} to[- anticipate-]{+ identify+} risks."
        );
    }

    #[test]
    fn a_sentence_that_went_is_listed_whole() {
        let c = diff(
            "We are able to act. We can only act together.",
            "We can only act together.",
        );
        assert_eq!(
            show(&c),
            "[-We are able to act.-] We can only act together."
        );
        let c = diff(
            "Welcomes the plan; notes the report.",
            "Welcomes the plan; notes the map; notes the report.",
        );
        assert_eq!(
            show(&c),
            "Welcomes the plan;{+ notes the map;+} notes the report."
        );
    }

    #[test]
    fn a_word_between_two_changes_joins_them() {
        let c = diff("within [thirty] [sixty] days", "within sixty days");
        assert_eq!(show(&c), "within[- [thirty] [sixty]-]{+ sixty+} days");
        // Only brackets put on or taken off join what is between them: words kept
        // between two insertions, or after a deleted word, stay kept.
        let c = diff(
            "We build an open Lake Forum where all may speak.",
            "We build an open and people-first Lake Forum, where all may speak.",
        );
        assert_eq!(
            show(&c),
            "We build an open{+ and people-first+} Lake Forum{+,+} where all may speak."
        );
        let c = diff(
            "It is open and is shaped by [free] access to maps.",
            "It is open and shaped by free access to maps.",
        );
        assert_eq!(
            show(&c),
            "It is open and[- is-] shaped by[- [free]-]{+ free+} access to maps."
        );
        // A stop moved out of a bracket, with a sentence after it: one change.
        let c = diff(
            "[We keep the maps open to all.]",
            "[We keep the maps open to all]. We also share the towers with the villages.",
        );
        assert_eq!(
            show(&c),
            "[We keep the maps open to all[-.]-]{+]. We also share the towers with the villages.+}"
        );
        // A quote closed before a kept comma, a clause deleted after it: two changes.
        let c = diff(
            "Recalling plan 12/3 of 5 May 2020, entitled Open Maps For All: the Lake Plan for Shared Districts, in which the Council adopted a broad, far-sighted and people-first set of shared and open goals committed to achieving access in its three forms – cables, towers and skills – in a balanced and joined manner.",
            "Recalling Council plan 12/3 of 5 May 2020, entitled “Open maps for all: the Lake Plan for Shared Districts”,",
        );
        assert!(
            show(&c).ends_with("Districts{+”+},[- in which the Council adopted a broad, far-sighted and people-first set of shared and open goals committed to achieving access in its three forms – cables, towers and skills – in a balanced and joined manner.-]"),
            "{}",
            show(&c)
        );
        let c = diff(
            "Recalling the plan entitled “Open Maps for All, in which the council set out shared goals for every district.",
            "Recalling the plan entitled “Open Maps for All”, and the council.",
        );
        assert_eq!(
            show(&c),
            "Recalling the plan entitled “Open Maps for All{+”+},[- in which-]{+ and+} the council[- set out shared goals for every district-]."
        );
    }

    #[test]
    fn a_symbol_changes_between_its_series_and_its_language() {
        let d = |a: &str, b: &str| show(&diff(a, b));
        assert_eq!(
            d(
                "Document LRF-II/PC-2/DT/7-E",
                "Document LRF-II/PC-2/DT/7 (Rev. 3)-E"
            ),
            "Document LRF-II/PC-2/DT/7{+ (Rev. 3)+}-E"
        );
        assert_eq!(
            d("Document LRF/PC-2/DT/7-E", "LRF/PC-2/DT/7(Rev.1)-E"),
            "[-Document-] LRF/PC-2/DT/7{+(Rev.1)+}-E"
        );
        // Too little in common: the symbol replaced whole, `Document` a word apart.
        assert_eq!(
            d("LRF/PC-2/DT/7-E", "Document LRF-26/LAKE/DOC/4-E"),
            "{+Document+} [-LRF/PC-2/DT/7-E-]{+LRF-26/LAKE/DOC/4-E+}"
        );
        assert_eq!(
            d("A/70/L.33", "A/RES/70/125"),
            "[-A/70/L.33-]{+A/RES/70/125+}"
        );
        // A number is changed whole, never a digit of it.
        assert_eq!(d("A/80/L.1", "A/80/L.12"), "A/80/L.[-1-]{+12+}");
        for (a, b) in [
            ("Document LRF/PC-2/DT/7-E", "LRF/PC-2/DT/7(Rev.1)-E"),
            ("LRF/PC-2/DT/7-E", "Document LRF-26/LAKE/DOC/4-E"),
        ] {
            let c = diff(a, b);
            assert!(same_words(&rebuild(&c, Op::Insert), a));
            assert!(same_words(&rebuild(&c, Op::Delete), b));
        }
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
