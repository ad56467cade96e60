//! Pairing the paragraphs of two versions by what they say, not by their numbers: the
//! same number can hold a different paragraph in the next version.
//!
//! In four passes, none of them comparing every paragraph with every other:
//!
//! 1. Paragraphs of the same wording pair first, by a hash of their text without its
//!    spaces (words joined or split are the same wording). Where a paragraph is left
//!    whose spaces were lost ([`GLUED`]), the passes after compare letters, not words.
//! 2. The rest find candidates through an index of word shingles (three words in a row)
//!    shared with paragraphs of the other version; shingles found in more than
//!    [`COMMON`] paragraphs are ignored, so boilerplate ("Calls upon all States") does not
//!    make everything a candidate of everything.
//! 3. Candidates are scored by the Dice coefficient of their bags of words (a little more
//!    for the same label, [`SAME_LABEL`]), and paired best first, one to one, down to
//!    [`Options::pair_at`].
//! 4. A paragraph left over whose words are nearly all ([`Options::part_at`]) in a
//!    paragraph already paired, and that stands next to its counterpart, is the other
//!    half of a merge (two into one) or a split (one into two). A heading or frame line
//!    never is.
//!
//! Then the pairs that keep their order (the longest increasing run of new positions) are
//! in place, and the others have moved. Pairs below [`Options::warn_below`] (0.75, where
//! La Fabrique de la Loi warns) are marked as uncertain, for a reader to check and a
//! concordance ([`Forced`]) to overrule.

use xxhash_rust::xxh3::xxh3_64;

use super::model::{Kind, Version};
use super::words::words;

/// Shingles shared by more paragraphs than this tell nothing about which is which.
pub const COMMON: usize = 32;

/// How much a shared label weighs beside likeness, when two candidates are nearly as
/// alike: paragraph 3 that stayed 3 and took a sentence from 2 is more likely 3 than 2
/// with a sentence less. Small: a renumbering is common and proves nothing.
const SAME_LABEL: f32 = 0.05;

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Two paragraphs pair when their likeness reaches this (0 to 1).
    pub pair_at: f32,
    /// Pairs less alike than this are reported as uncertain.
    pub warn_below: f32,
    /// A left-over paragraph is part of a merge or split when this share of its words is
    /// in the other paragraph.
    pub part_at: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            pair_at: 0.5,
            warn_below: 0.75,
            part_at: 0.8,
        }
    }
}

/// A pairing decided beforehand, by labels: a concordance's line. It overrules the
/// automatic alignment for the paragraphs it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forced {
    pub old: Vec<String>,
    pub new: Vec<String>,
}

/// What happened to a paragraph between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, bitcode::Encode, bitcode::Decode)]
pub enum PairKind {
    Unchanged,
    /// The same words, laid out differently (line wraps, runs of spaces, hyphenation).
    Whitespace,
    Changed,
    /// Out of its old order (it may also have changed).
    Moved,
    /// Two or more old paragraphs into one.
    Merged,
    /// One old paragraph into two or more.
    Split,
    Inserted,
    Deleted,
}

impl PairKind {
    pub fn name(self) -> &'static str {
        match self {
            PairKind::Unchanged => "unchanged",
            PairKind::Whitespace => "whitespace",
            PairKind::Changed => "changed",
            PairKind::Moved => "moved",
            PairKind::Merged => "merged",
            PairKind::Split => "split",
            PairKind::Inserted => "inserted",
            PairKind::Deleted => "deleted",
        }
    }
}

/// Paragraphs of the old version and their counterparts in the new, by index.
#[derive(Debug, Clone, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct Pair {
    pub kind: PairKind,
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    /// Likeness of the two sides' words, 0 to 1 (1 for inserted and deleted).
    pub similarity: f32,
    /// Below [`Options::warn_below`].
    pub uncertain: bool,
    /// The labels differ.
    pub renumbered: bool,
    /// Decided by a concordance.
    pub forced: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlignError {
    /// A concordance names a label the version does not have.
    NoSuchParagraph { side: &'static str, label: String },
    /// A concordance names a paragraph twice.
    Twice { side: &'static str, label: String },
}

impl std::fmt::Display for AlignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AlignError::NoSuchParagraph { side, label } => {
                write!(
                    f,
                    "a pairing given by hand (--pair, a concordance) names paragraph {label} of the {side} version, which has none by that label"
                )
            }
            AlignError::Twice { side, label } => {
                write!(
                    f,
                    "a pairing given by hand (--pair, a concordance) names paragraph {label} of the {side} version twice"
                )
            }
        }
    }
}

impl std::error::Error for AlignError {}

/// What the passes after the first need of a paragraph: computed only for paragraphs
/// the same wording did not pair, which in a late revision is most of them.
#[derive(Default, Clone)]
struct Profile {
    /// Hashes of its lower-cased words, sorted: a bag of words.
    bag: Vec<u64>,
    /// Hashes of its runs of three words (of [`GRAM`] letters in [`letter_profile`]), in
    /// any order, maybe with repeats.
    shingles: Vec<u64>,
}

/// Fewer words than this, and a paragraph's shingles are its words too.
const SHORT: usize = 6;

/// A heading or frame line of fewer words than this has its words as shingles too: a
/// title's words say which it is (`Chair's "FOOD FOR THOUGHT" (SECTION FIVE)` then
/// `Chair's Paper (SECTION FIVE)` share no run of three).
const TITLE_WORDS: usize = 16;

/// How alike a frame line or heading and a paragraph must be to pair.
const APART_LIKE: f32 = 0.8;

/// The hash the first pass pairs by: the wording, and whether it is a heading or frame
/// line.
fn exact(text: &str, kind: Kind) -> u64 {
    xxh3_64(text.as_bytes()) ^ u64::from(kind.is_apart())
}

/// [`exact`] of the wording without its spaces (gathered in `buffer`): words joined or
/// split are the same wording.
fn exact_letters(buffer: &mut String, text: &str, kind: Kind) -> u64 {
    buffer.clear();
    if text.is_ascii() {
        // ASCII whitespace as `char::is_whitespace` has it, `\x0b` too: a byte at a time.
        let mut start = 0;
        for (i, &c) in text.as_bytes().iter().enumerate() {
            if c.is_ascii_whitespace() || c == 0x0b {
                buffer.push_str(&text[start..i]);
                start = i + 1;
            }
        }
        buffer.push_str(&text[start..]);
        return xxh3_64(buffer.as_bytes()) ^ u64::from(kind.is_apart());
    }
    buffer.extend(text.split(char::is_whitespace));
    xxh3_64(buffer.as_bytes()) ^ u64::from(kind.is_apart())
}

/// What a round of the first pass pairs paragraphs by: a hash of their text and kind.
type PairingKey<'a> = &'a mut dyn FnMut(&str, Kind) -> u64;

/// Whether two texts are the same but for their spaces.
fn same_but_spaces(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // A byte at a time, spaces skipped: the same as the general way on ASCII text,
        // whose whitespace is Unicode's (the vertical tab too, unlike `is_ascii_whitespace`).
        let space = |c: &u8| matches!(c, b'\t'..=b'\r' | b' ');
        let mut x = a.bytes().filter(|c| !space(c));
        let mut y = b.bytes().filter(|c| !space(c));
        return loop {
            match (x.next(), y.next()) {
                (None, None) => break true,
                (p, q) if p != q => break false,
                _ => {}
            }
        };
    }
    a.split_whitespace()
        .flat_map(str::chars)
        .eq(b.split_whitespace().flat_map(str::chars))
}

/// A word this long is words whose spaces were lost, as a PDF's text sometimes comes
/// (`Werecognizetheroleofthe`): such a paragraph has no words to compare.
const GLUED: usize = 24;

fn is_glued(text: &str) -> bool {
    // Only a stretch between two spaces at least GLUED long can hold such a word, and
    // few do: they are found by memchr's vectorised search, and only they are scanned a
    // byte at a time (this runs on every paragraph left to pair).
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut ends = memchr::memchr2_iter(b' ', b'\n', bytes).chain([bytes.len()]);
    ends.any(|end| {
        let stretch = &bytes[start..end];
        start = end + 1;
        stretch.len() >= GLUED && has_glued_run(stretch)
    })
}

/// Whether `bytes` hold a run of [`GLUED`] letters, digits or hyphens in a row.
fn has_glued_run(bytes: &[u8]) -> bool {
    let mut run = 0;
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80 {
            run += 1;
            if run >= GLUED {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// A paragraph that grew or shrank pairs when the shorter has at least this many
/// words, nearly all in the longer ([`Options::part_at`]), and their Dice reaches
/// [`GROWN_DICE`]: a short paragraph's few words are in many a long one.
const GROWN_WORDS: usize = 12;
const GROWN_DICE: f32 = 0.25;

/// Letters in a row that make one shingle of [`letter_profile`].
const GRAM: usize = 6;

/// A paragraph's profile by its letters rather than its words, for texts whose spaces
/// were lost: the bag and the shingles are the runs of [`GRAM`] letters in a row (case
/// and everything but letters and digits aside).
fn letter_profile(text: &str) -> Profile {
    let letters: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let starts: Vec<usize> = letters
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(letters.len()))
        .collect();
    let mut bag: Vec<u64> = if starts.len() <= GRAM {
        vec![xxh3_64(letters.as_bytes())]
    } else {
        starts
            .windows(GRAM + 1)
            .map(|w| xxh3_64(&letters.as_bytes()[w[0]..w[GRAM]]))
            .collect()
    };
    bag.sort_unstable();
    let mut shingles = bag.clone();
    shingles.dedup();
    Profile { bag, shingles }
}

/// The hash of each of a text's words, lower-cased, in order.
fn word_hashes(text: &str) -> Vec<u64> {
    if text.is_ascii() {
        return ascii_word_hashes(text);
    }
    general_word_hashes(text)
}

/// A word's hash for the bags and shingles: words are short, and a multiply-and-rotate
/// over eight bytes at a time (as rustc's FxHash) is several times quicker on them than
/// xxh3, with as few collisions among a paragraph's few dozen words.
fn word_hash(w: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = w.len() as u64;
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ word).wrapping_mul(K).rotate_left(26);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(last))
            .wrapping_mul(K)
            .rotate_left(26);
    }
    // A last mix, so that the low bits the sorts and shingles compare depend on every byte.
    (h ^ (h >> 29)).wrapping_mul(K) ^ (h >> 32)
}

/// [`word_hashes`] of any text.
fn general_word_hashes(text: &str) -> Vec<u64> {
    words(text)
        .map(|w| {
            if w.chars().any(char::is_uppercase) {
                word_hash(w.to_lowercase().as_bytes())
            } else {
                word_hash(w.as_bytes())
            }
        })
        .collect()
}

/// What each byte is to [`ascii_word_hashes`]: not in a word (0), in one as it is (1),
/// or in one and upper case (2).
const WORD_BYTES: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        class[c] = if b.is_ascii_uppercase() {
            2
        } else if b.is_ascii_alphanumeric() || b == b'-' {
            1
        } else {
            0
        };
        c += 1;
    }
    class
};

/// [`word_hashes`] of ASCII text, where a word is a run of letters, digits and `-` and
/// lower-casing is a byte's: a byte at a time, each byte told by a table, a word
/// lower-cased into one buffer rather than a string of its own (this runs on every
/// paragraph the same wording did not pair).
fn ascii_word_hashes(text: &str) -> Vec<u64> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 6);
    let mut lower: Vec<u8> = Vec::new();
    let mut start = None;
    let mut upper = 0;
    // One byte past the end, as a byte that is in no word, ends the last word.
    for (i, &c) in b.iter().chain(b" ").enumerate() {
        let class = WORD_BYTES[usize::from(c)];
        match (class, start) {
            (0, Some(from)) => {
                let w = &b[from..i];
                out.push(if upper & 2 != 0 {
                    lower.clear();
                    lower.extend(w.iter().map(u8::to_ascii_lowercase));
                    word_hash(&lower)
                } else {
                    word_hash(w)
                });
                start = None;
            }
            (0, None) => {}
            (_, None) => {
                start = Some(i);
                upper = class;
            }
            (_, Some(_)) => upper |= class,
        }
    }
    out
}

fn profile(text: &str, kind: Kind) -> Profile {
    let ordered: Vec<u64> = word_hashes(text);
    // In order and with repeats: the index they go into is sorted, and its repeats taken
    // out, once for the whole version.
    // A title or a heading of a few words may share no run of three with its other
    // version (`Political chapeau / Tunis Commitment`, `TUNIS COMMITMENT`): its words are
    // shingles too, and meet the words of the other side's short ones.
    let runs = ordered
        .windows(3)
        .map(|w| w[0].rotate_left(1) ^ w[1].rotate_left(7) ^ w[2].rotate_left(13));
    let short = if kind.is_apart() { TITLE_WORDS } else { SHORT };
    let shingles: Vec<u64> = if ordered.len() < short {
        ordered.iter().copied().chain(runs).collect()
    } else {
        runs.collect()
    };
    let mut bag = ordered;
    bag.sort_unstable();
    Profile { bag, shingles }
}

/// Sort pairs led by a hash, whose values are spread evenly: a counting pass puts them in
/// buckets by their top bits, a few to a bucket, and each bucket is sorted on its own.
/// The same order as `sort_unstable`, for less than half its instructions on the
/// thousands of shingles and paragraphs of a version (callgrind), which every version of
/// every text read is sorted by.
fn sort_hashed<T: Copy + Ord>(v: &mut Vec<(u64, T)>) {
    if v.len() <= 256 {
        v.sort_unstable();
        return;
    }
    // About four to a bucket.
    let bits = (v.len() / 4).next_power_of_two().trailing_zeros().min(16);
    let bucket = |h: u64| (h >> (64 - bits)) as usize;
    let mut starts = vec![0usize; (1 << bits) + 1];
    for e in v.iter() {
        starts[bucket(e.0) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut next = starts.clone();
    let mut out = vec![v[0]; v.len()];
    for &e in v.iter() {
        let b = bucket(e.0);
        out[next[b]] = e;
        next[b] += 1;
    }
    for w in starts.windows(2) {
        out[w[0]..w[1]].sort_unstable();
    }
    *v = out;
}

/// Size of the intersection of two sorted bags.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(a, b) as f32 / (a.len() + b.len()) as f32
}

/// Likeness of two texts' words, 0 to 1, as the alignment measures it.
pub fn similarity(a: &str, b: &str) -> f32 {
    dice(
        &profile(a, Kind::Operative).bag,
        &profile(b, Kind::Operative).bag,
    )
}

/// A candidate pairing: old, new, Dice, share of old's words in new, share of new's in old.
#[derive(Clone, Copy)]
struct Edge {
    old: usize,
    new: usize,
    dice: f32,
    /// What pairs are ranked by: the Dice coefficient, and [`SAME_LABEL`] more when the
    /// two have the same label.
    score: f32,
    in_new: f32,
    in_old: f32,
}

/// Pair the paragraphs of `old` with those of `new`. The pairs come in the new version's
/// order, a deleted paragraph after the pair of the old paragraph before it.
pub fn align<'a>(
    old: &'a Version,
    new: &'a Version,
    opts: &Options,
    forced: &[Forced],
) -> Result<Vec<Pair>, AlignError> {
    // Pairs being built: the group each paragraph is in. Most paragraphs pair one to
    // one, so there are about as many groups as paragraphs on the longer side; sized
    // once rather than grown and copied through every size in between.
    let mut groups: Vec<(Vec<usize>, Vec<usize>, bool)> =
        Vec::with_capacity(old.paragraphs.len().max(new.paragraphs.len()));
    let mut of_old: Vec<Option<usize>> = vec![None; old.paragraphs.len()];
    let mut of_new: Vec<Option<usize>> = vec![None; new.paragraphs.len()];

    // 0. The concordance.
    for f in forced {
        let mut o = Vec::new();
        let mut n = Vec::new();
        for (labels, version, side, out, taken) in [
            (&f.old, old, "old", &mut o, &of_old),
            (&f.new, new, "new", &mut n, &of_new),
        ] {
            for l in labels {
                let i = version.find(l).ok_or_else(|| AlignError::NoSuchParagraph {
                    side,
                    label: l.clone(),
                })?;
                if taken[i].is_some() || out.contains(&i) {
                    return Err(AlignError::Twice {
                        side,
                        label: l.clone(),
                    });
                }
                out.push(i);
            }
        }
        let g = groups.len();
        for &i in &o {
            of_old[i] = Some(g);
        }
        for &i in &n {
            of_new[i] = Some(g);
        }
        groups.push((o, n, true));
    }

    // 1. The same wording, then, among what is left, the same wording but for spaces
    // (words joined or split): most paragraphs pair in the first round, so the second
    // rarely has more than a few to hash.
    let mut exact_new = vec![false; new.paragraphs.len()];
    let mut exact_old = vec![false; old.paragraphs.len()];
    // The text without its spaces is gathered in one buffer, reused paragraph after
    // paragraph, and hashed at once.
    let mut buffer = String::new();
    let mut letters = |text: &str, kind: Kind| exact_letters(&mut buffer, text, kind);
    let mut same = |text: &str, kind: Kind| exact(text, kind);
    let keys: [PairingKey<'_>; 2] = [&mut same, &mut letters];
    for key in keys {
        // Sorted hashes of each side walked together rather than a map of lists: no
        // allocation per paragraph, and paragraphs of the same wording pair in order (the
        // k-th old of a wording with the k-th new).
        let mut hashed = |v: &Version, taken: &[Option<usize>]| {
            let mut by_text: Vec<(u64, usize)> = Vec::with_capacity(v.paragraphs.len());
            by_text.extend(
                (v.paragraphs.iter().enumerate())
                    .filter(|(i, _)| taken[*i].is_none())
                    .map(|(i, p)| (key(&p.text, p.kind), i)),
            );
            sort_hashed(&mut by_text);
            by_text
        };
        let (by_old, by_new) = (hashed(old, &of_old), hashed(new, &of_new));
        let mut paired: Vec<(usize, usize)> = Vec::with_capacity(by_old.len().min(by_new.len()));
        let (mut a, mut b) = (0, 0);
        while a < by_old.len() && b < by_new.len() {
            match by_old[a].0.cmp(&by_new[b].0) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    paired.push((by_old[a].1, by_new[b].1));
                    a += 1;
                    b += 1;
                }
            }
        }
        paired.sort_unstable();
        for (i, j) in paired {
            let g = groups.len();
            groups.push((vec![i], vec![j], false));
            of_old[i] = Some(g);
            of_new[j] = Some(g);
            exact_new[j] = true;
            exact_old[i] = true;
        }
    }
    // A paragraph whose spaces were lost shares no word with its counterpart: where
    // one is left to pair, every paragraph is compared by its letters instead.
    let glued = [(old, &exact_old), (new, &exact_new)]
        .iter()
        .any(|(v, skip)| {
            v.paragraphs
                .iter()
                .zip(skip.iter())
                .any(|(p, &s)| !s && is_glued(&p.text))
        });
    let profiles = |v: &Version, skip: &[bool]| -> Vec<Profile> {
        v.paragraphs
            .iter()
            .zip(skip)
            .map(|(p, &s)| {
                if s {
                    Profile::default()
                } else if glued {
                    letter_profile(&p.text)
                } else {
                    profile(&p.text, p.kind)
                }
            })
            .collect()
    };
    let po = profiles(old, &exact_old);
    let pn = profiles(new, &exact_new);

    // 2. Candidates through shared shingles, among paragraphs not paired by wording:
    // (shingle, paragraph) of each side sorted and walked together, once, rather than a
    // search of one side for each shingle of the other.
    let shingled = |ps: &[Profile], taken: &[Option<usize>]| {
        let left = || (ps.iter().enumerate()).filter(|(i, _)| taken[*i].is_none());
        let mut index: Vec<(u64, u32)> =
            Vec::with_capacity(left().map(|(_, p)| p.shingles.len()).sum());
        for (i, p) in left() {
            index.extend(p.shingles.iter().map(|&s| (s, i as u32)));
        }
        sort_hashed(&mut index);
        // A shingle a paragraph has twice makes it a candidate once.
        index.dedup();
        index
    };
    let (old_index, new_index) = (shingled(&po, &of_old), shingled(&pn, &of_new));
    // Each (old, new) that share a shingle few paragraphs have.
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let (mut a, mut b) = (0, 0);
    while a < old_index.len() && b < new_index.len() {
        let s = old_index[a].0;
        match s.cmp(&new_index[b].0) {
            std::cmp::Ordering::Less => a += 1,
            std::cmp::Ordering::Greater => b += 1,
            std::cmp::Ordering::Equal => {
                // Runs are short (a long one is skipped): counted, not searched.
                let run = |index: &[(u64, u32)]| index.iter().take_while(|e| e.0 == s).count();
                let (olds, news) = (run(&old_index[a..]), run(&new_index[b..]));
                if news <= COMMON {
                    for &(_, i) in &old_index[a..a + olds] {
                        candidates.extend(new_index[b..b + news].iter().map(|&(_, j)| (i, j)));
                    }
                }
                a += olds;
                b += news;
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut edges: Vec<Edge> = Vec::with_capacity(candidates.len());
    for (i, j) in candidates {
        let (i, j) = (i as usize, j as usize);
        let p = &po[i];
        let n = shared(&p.bag, &pn[j].bag) as f32;
        let (a, b) = (p.bag.len().max(1) as f32, pn[j].bag.len().max(1) as f32);
        let dice = 2.0 * n / (a + b);
        // A frame line pairs with a paragraph only when they are nearly the same words:
        // a chapeau one version letters (`A. We, the Ministers …`) and the other sets
        // apart. A title is never the paragraph that quotes it.
        if old.paragraphs[i].kind.is_apart() != new.paragraphs[j].kind.is_apart()
            && dice < APART_LIKE
        {
            continue;
        }
        let same_label = old.paragraphs[i].label == new.paragraphs[j].label;
        edges.push(Edge {
            old: i,
            new: j,
            dice,
            score: dice + if same_label { SAME_LABEL } else { 0.0 },
            in_new: n / a,
            in_old: n / b,
        });
    }

    // 3. Best first, one to one; ties go to the nearer position.
    edges.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.old.abs_diff(x.new).cmp(&y.old.abs_diff(y.new)))
            .then_with(|| (x.old, x.new).cmp(&(y.old, y.new)))
    });
    for e in &edges {
        if e.dice < opts.pair_at {
            continue;
        }
        if of_old[e.old].is_none() && of_new[e.new].is_none() {
            let g = groups.len();
            groups.push((vec![e.old], vec![e.new], false));
            of_old[e.old] = Some(g);
            of_new[e.new] = Some(g);
        }
    }

    // 4. Merges and splits: a left-over paragraph nearly contained in a paired one.
    let mut parts: Vec<&Edge> = edges.iter().collect();
    parts.sort_by(|x, y| {
        y.in_new
            .max(y.in_old)
            .total_cmp(&x.in_new.max(x.in_old))
            .then_with(|| (x.old, x.new).cmp(&(y.old, y.new)))
    });
    // The first and last paragraph of each group, on each side: a part joins a group
    // only next to it, as the halves of a split stand next to each other. A short
    // paragraph elsewhere whose words all happen to be in a long one did not split from
    // it.
    let span = |ix: &[usize]| {
        let lo = ix.iter().copied().min().unwrap_or(0);
        (lo, ix.iter().copied().max().unwrap_or(0))
    };
    let mut spans: Vec<((usize, usize), (usize, usize))> =
        groups.iter().map(|g| (span(&g.0), span(&g.1))).collect();
    let beside = |(lo, hi): (usize, usize), i: usize| i + 1 == lo || i == hi + 1;
    for e in parts {
        // A heading or frame line is never half of a split or merge: its words ("The
        // General Assembly", a title) are in many a paragraph without being part of it.
        if old.paragraphs[e.old].kind.is_apart() || new.paragraphs[e.new].kind.is_apart() {
            continue;
        }
        match (of_old[e.old], of_new[e.new]) {
            // old left over, its words in a new paragraph paired with one old: a merge.
            (None, Some(g))
                if e.in_new >= opts.part_at
                    && !groups[g].2
                    && groups[g].1.len() == 1
                    && beside(spans[g].0, e.old) =>
            {
                groups[g].0.push(e.old);
                of_old[e.old] = Some(g);
                let (lo, hi) = spans[g].0;
                spans[g].0 = (lo.min(e.old), hi.max(e.old));
            }
            // new left over, its words in an old paragraph paired with one new: a split.
            (Some(g), None)
                if e.in_old >= opts.part_at
                    && !groups[g].2
                    && groups[g].0.len() == 1
                    && beside(spans[g].1, e.new) =>
            {
                groups[g].1.push(e.new);
                of_new[e.new] = Some(g);
                let (lo, hi) = spans[g].1;
                spans[g].1 = (lo.min(e.new), hi.max(e.new));
            }
            _ => {}
        }
    }

    // 4b. A paragraph that grew, or shrank, by more than it kept (a sentence of a draft
    // that became the start of a long adopted paragraph): Dice is low, but nearly all of
    // the shorter one's words are in the longer. Both left over, the shorter long enough
    // that its words being there is no accident, and a part of the longer kept.
    let mut grown: Vec<&Edge> = edges
        .iter()
        .filter(|e| {
            e.in_new.max(e.in_old) >= opts.part_at
                && e.dice >= GROWN_DICE
                && po[e.old].bag.len().min(pn[e.new].bag.len()) >= GROWN_WORDS
                && !old.paragraphs[e.old].kind.is_apart()
                && !new.paragraphs[e.new].kind.is_apart()
        })
        .collect();
    grown.sort_by(|x, y| {
        y.in_new
            .max(y.in_old)
            .total_cmp(&x.in_new.max(x.in_old))
            .then_with(|| (x.old, x.new).cmp(&(y.old, y.new)))
    });
    for e in grown {
        if of_old[e.old].is_none() && of_new[e.new].is_none() {
            let g = groups.len();
            groups.push((vec![e.old], vec![e.new], false));
            of_old[e.old] = Some(g);
            of_new[e.new] = Some(g);
        }
    }

    // 5. A document's heading lines left over of one kind, one on each side: its symbol
    // (`A/70/L.33` then `A/RES/70/125`) and its date change from version to version, and
    // share no words to be paired by; so may the preamble's heading (`PREAMBULAR`, then
    // `Preamble`) and the line naming the draft's stage (`Zero Draft`, then `Draft
    // Outcome Document 7 December 2015`).
    use crate::draft::model::{HeaderKind, header_kind};
    for kind in [
        HeaderKind::Symbol,
        HeaderKind::Date,
        HeaderKind::Preamble,
        HeaderKind::Stage,
    ] {
        let left = |v: &Version, taken: &[Option<usize>]| -> Option<usize> {
            let mut found = (0..v.paragraphs.len()).filter(|&i| {
                taken[i].is_none()
                    && v.paragraphs[i].kind.is_apart()
                    && header_kind(&v.paragraphs[i].text) == Some(kind)
            });
            let first = found.next()?;
            found.next().is_none().then_some(first)
        };
        if let (Some(i), Some(j)) = (left(old, &of_old), left(new, &of_new)) {
            let g = groups.len();
            groups.push((vec![i], vec![j], false));
            of_old[i] = Some(g);
            of_new[j] = Some(g);
        }
    }

    Ok(pairs_of(old, new, groups, opts, &po, &pn))
}

/// The pairs of `groups` of paragraphs (old side, new side, decided by a concordance)
/// between `old` and `new`: each told what happened to it — unchanged, changed, moved,
/// merged, split, inserted, deleted — and placed in the new version's order. A paragraph
/// in no group is inserted or deleted. `po` and `pn` hold each paragraph's profile where a
/// likeness is to be measured (an empty one elsewhere).
fn pairs_of<'a>(
    old: &'a Version,
    new: &'a Version,
    mut groups: Vec<(Vec<usize>, Vec<usize>, bool)>,
    opts: &Options,
    po: &[Profile],
    pn: &[Profile],
) -> Vec<Pair> {
    let mut of_old: Vec<Option<usize>> = vec![None; old.paragraphs.len()];
    let mut of_new: Vec<Option<usize>> = vec![None; new.paragraphs.len()];
    for (g, (o, n, _)) in groups.iter().enumerate() {
        for &i in o {
            of_old[i] = Some(g);
        }
        for &j in n {
            of_new[j] = Some(g);
        }
    }
    // Order: the pairs in place are the longest run with rising new positions.
    for g in &mut groups {
        g.0.sort_unstable();
        g.1.sort_unstable();
    }
    let mut by_old: Vec<usize> = (0..groups.len())
        .filter(|&g| !groups[g].0.is_empty() && !groups[g].1.is_empty())
        .collect();
    by_old.sort_by_key(|&g| groups[g].0[0]);
    let in_place = longest_rising(&by_old.iter().map(|&g| groups[g].1[0]).collect::<Vec<_>>());
    let mut placed = vec![false; groups.len()];
    for k in in_place {
        placed[by_old[k]] = true;
    }

    // Where a pair goes in the output: at its first new paragraph (2j + 2), or, deleted,
    // after the new counterpart of the nearest paired old paragraph before it (2j + 3),
    // in old order. One pass, so that a text deleted whole stays linear.
    let mut after: Vec<u64> = Vec::with_capacity(of_old.len());
    let mut last = 1;
    for g in &of_old {
        after.push(last);
        if let Some(&j) = g.and_then(|g| groups[g].1.first()) {
            last = 2 * j as u64 + 3;
        }
    }
    let unpaired = of_old.iter().chain(&of_new).filter(|g| g.is_none()).count();
    let mut pairs: Vec<((u64, usize), Pair)> = Vec::with_capacity(groups.len() + unpaired);
    for (g, (o, n, forced)) in groups.into_iter().enumerate() {
        // One paragraph's text as it is; several joined by a space.
        let text = |v: &'a Version, ix: &[usize]| -> std::borrow::Cow<'a, str> {
            match ix {
                [i] => std::borrow::Cow::Borrowed(v.paragraphs[*i].text.as_str()),
                _ => std::borrow::Cow::Owned(
                    ix.iter()
                        .map(|&i| v.paragraphs[i].text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            }
        };
        let (ot, nt) = (text(old, &o), text(new, &n));
        // A heading without a number is labelled by its text: new words are no new number.
        fn labels<'v>(v: &'v Version, ix: &'v [usize]) -> impl Iterator<Item = &'v str> {
            ix.iter()
                .map(|&i| &v.paragraphs[i])
                .filter(|p| !(p.kind.is_apart() && p.label.as_str() == p.text))
                .map(|p| p.label.as_str())
        }
        let (similarity, kind) = if o.is_empty() {
            (1.0, PairKind::Inserted)
        } else if n.is_empty() {
            (1.0, PairKind::Deleted)
        } else if ot == nt || same_but_spaces(&ot, &nt) {
            let layout_same = ot == nt
                && o.len() == n.len()
                && o.iter()
                    .zip(&n)
                    .all(|(&i, &j)| old.paragraphs[i].layout == new.paragraphs[j].layout);
            (
                1.0,
                if layout_same {
                    PairKind::Unchanged
                } else {
                    PairKind::Whitespace
                },
            )
        } else {
            let bag = |ps: &[Profile], ix: &[usize]| {
                let mut b: Vec<u64> = ix.iter().flat_map(|&i| ps[i].bag.iter().copied()).collect();
                b.sort_unstable();
                b
            };
            (dice(&bag(po, &o), &bag(pn, &n)), PairKind::Changed)
        };
        let kind = match kind {
            _ if o.len() > 1 && !n.is_empty() => PairKind::Merged,
            _ if n.len() > 1 && !o.is_empty() => PairKind::Split,
            PairKind::Inserted | PairKind::Deleted => kind,
            _ if !placed[g] => PairKind::Moved,
            k => k,
        };
        let pos = match n.first() {
            Some(&j) => (2 * j as u64 + 2, 0),
            None => (after[o[0]], o[0]),
        };
        // Heading lines of one kind (a symbol and a symbol, a date and a date, the stage
        // named and the stage named) differ by what they are for: `19 September` and
        // `26 September` are as alike as two dates get. No need to check them.
        let same_kind = || match (o.as_slice(), n.as_slice()) {
            ([i], [j]) => {
                use crate::draft::model::header_kind;
                let (p, q) = (&old.paragraphs[*i], &new.paragraphs[*j]);
                p.kind.is_apart()
                    && q.kind.is_apart()
                    && header_kind(&p.text).is_some_and(|k| header_kind(&q.text) == Some(k))
            }
            _ => false,
        };
        pairs.push((
            pos,
            Pair {
                kind,
                renumbered: !o.is_empty() && !n.is_empty() && !labels(old, &o).eq(labels(new, &n)),
                uncertain: similarity < opts.warn_below && !same_kind(),
                similarity,
                old: o,
                new: n,
                forced,
            },
        ));
    }
    for (i, g) in of_old.iter().enumerate() {
        if g.is_none() {
            pairs.push((
                (after[i], i),
                Pair {
                    kind: PairKind::Deleted,
                    old: vec![i],
                    new: vec![],
                    similarity: 1.0,
                    uncertain: false,
                    renumbered: false,
                    forced: false,
                },
            ));
        }
    }
    for (j, g) in of_new.iter().enumerate() {
        if g.is_none() {
            pairs.push((
                (2 * j as u64 + 2, 0),
                Pair {
                    kind: PairKind::Inserted,
                    old: vec![],
                    new: vec![j],
                    similarity: 1.0,
                    uncertain: false,
                    renumbered: false,
                    forced: false,
                },
            ));
        }
    }
    pairs.sort_by_key(|p| p.0);
    pairs.into_iter().map(|(_, p)| p).collect()
}

/// The pairs between the first and the last of a run of versions, from the pairs of each
/// version with the next (`steps[k]` between version `k` and `k + 1` of the run): a
/// paragraph is followed through every step, across renumbering, moves, merges and splits,
/// to what it became in the last version — exactly where a lineage traced step by step
/// arrives. First paragraphs that reach some of the same last ones are one pair; a first
/// paragraph whose line ends before the last version is deleted, and a last one no first
/// paragraph reaches is inserted. A pair is decided by a concordance when a step on the
/// way to it was.
pub fn compose(versions: &[&Version], steps: &[Vec<Pair>], opts: &Options) -> Vec<Pair> {
    let (Some(first), Some(last)) = (versions.first(), versions.last()) else {
        return Vec::new();
    };
    let steps = &steps[..steps.len().min(versions.len() - 1)];
    if let [step] = steps {
        return step.clone();
    }
    // Which paragraphs of each version live on into the last one: a pair's old side does
    // when any of its new side does.
    let mut alive: Vec<Vec<bool>> = versions
        .iter()
        .map(|v| vec![false; v.paragraphs.len()])
        .collect();
    if let Some(l) = alive.last_mut() {
        l.fill(true);
    }
    for (k, step) in steps.iter().enumerate().rev() {
        for pair in step {
            let lives = pair.new.iter().any(|&j| alive[k + 1][j]);
            for &i in &pair.old {
                alive[k][i] = lives;
            }
        }
    }
    // Forward: each living paragraph carries the first paragraph it comes from (a
    // representative; first paragraphs that meet on the way are joined), and whether a
    // concordance decided a step of it.
    let mut joined: Vec<usize> = (0..first.paragraphs.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut from: Vec<Option<usize>> = (0..first.paragraphs.len())
        .map(|i| alive[0][i].then_some(i))
        .collect();
    let mut forced = vec![false; first.paragraphs.len()];
    for (k, step) in steps.iter().enumerate() {
        let mut next_from = vec![None; versions[k + 1].paragraphs.len()];
        let mut next_forced = vec![false; versions[k + 1].paragraphs.len()];
        for pair in step {
            let mut origin: Option<usize> = None;
            let mut by_hand = pair.forced;
            for &i in &pair.old {
                by_hand |= forced[i];
                let Some(o) = from[i] else { continue };
                let o = root(&mut joined, o);
                match origin {
                    None => origin = Some(o),
                    Some(r) if r != o => joined[o] = r,
                    Some(_) => {}
                }
            }
            for &j in &pair.new {
                if alive[k + 1][j] {
                    next_from[j] = origin;
                    next_forced[j] = by_hand;
                }
            }
        }
        from = next_from;
        forced = next_forced;
    }
    // One group per set of joined first paragraphs, with the last ones they reach.
    let mut group_of: Vec<Option<usize>> = vec![None; first.paragraphs.len()];
    let mut groups: Vec<(Vec<usize>, Vec<usize>, bool)> = Vec::new();
    for (j, o) in from.iter().enumerate() {
        let Some(o) = *o else { continue };
        let r = root(&mut joined, o);
        let g = *group_of[r].get_or_insert_with(|| {
            groups.push((Vec::new(), Vec::new(), false));
            groups.len() - 1
        });
        groups[g].1.push(j);
        groups[g].2 |= forced[j];
    }
    for (i, &lives) in alive[0].iter().enumerate() {
        if lives {
            let r = root(&mut joined, i);
            if let Some(g) = group_of[r] {
                groups[g].0.push(i);
            }
        }
    }
    // Likeness is measured only where the wording differs.
    let mut po = vec![Profile::default(); first.paragraphs.len()];
    let mut pn = vec![Profile::default(); last.paragraphs.len()];
    for (o, n, _) in &groups {
        let same = o.len() == n.len()
            && o.iter()
                .zip(n)
                .all(|(&i, &j)| first.paragraphs[i].text == last.paragraphs[j].text);
        if !same {
            for &i in o {
                po[i] = profile(&first.paragraphs[i].text, first.paragraphs[i].kind);
            }
            for &j in n {
                pn[j] = profile(&last.paragraphs[j].text, last.paragraphs[j].kind);
            }
        }
    }
    pairs_of(first, last, groups, opts, &po, &pn)
}

/// Indices into `xs` of a longest strictly rising subsequence (patience sorting).
fn longest_rising(xs: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into xs of the smallest tail per length
    let mut prev: Vec<Option<usize>> = vec![None; xs.len()];
    for (k, &x) in xs.iter().enumerate() {
        let at = tails.partition_point(|&t| xs[t] < x);
        prev[k] = at.checked_sub(1).map(|a| tails[a]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut out = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        out.push(k);
        cur = prev[k];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// Sorting by buckets gives `sort_unstable`'s order, whatever the hashes: spread
        /// or bunched (a run of small values, repeats), short lists and long.
        #[test]
        fn pairs_sorted_by_their_hashes_are_sorted(
            hashes in proptest::collection::vec(
                proptest::prop_oneof![proptest::num::u64::ANY, 0u64..4, (0u64..4).prop_map(|x| x << 62)],
                0..3000,
            ),
        ) {
            let mut v: Vec<(u64, u32)> = hashes.iter().enumerate().map(|(i, &h)| (h, (i % 7) as u32)).collect();
            let mut expected = v.clone();
            expected.sort_unstable();
            sort_hashed(&mut v);
            proptest::prop_assert_eq!(v, expected);
        }
    }

    proptest::proptest! {
        /// ASCII words are hashed as the general way hashes them.
        #[test]
        fn ascii_words_hash_as_any_words_do(s in "[a-zA-Z0-9 .,;'()/-]{0,60}") {
            proptest::prop_assert_eq!(ascii_word_hashes(&s), general_word_hashes(&s));
        }

        /// ASCII texts are the same but for spaces exactly when the general way says so.
        #[test]
        fn same_but_spaces_on_ascii_is_the_general_way(
            a in "[ab \t\n\x0b\x0c\r]{0,12}",
            b in "[ab \t\n\x0b\x0c\r]{0,12}",
        ) {
            let general = a.split_whitespace().flat_map(str::chars)
                .eq(b.split_whitespace().flat_map(str::chars));
            proptest::prop_assert_eq!(same_but_spaces(&a, &b), general);
        }

        /// An ASCII text's letters are gathered as the general way gathers them.
        #[test]
        fn ascii_letters_hash_as_any_letters_do(s in "[a-z .\t\n\x0b\x0c\r]{0,30}") {
            let (mut a, mut b) = (String::new(), String::new());
            let ascii = exact_letters(&mut a, &s, Kind::Operative);
            b.extend(s.split(char::is_whitespace));
            proptest::prop_assert_eq!(ascii, xxh3_64(b.as_bytes()));
        }
    }
    fn version(paras: &[&str]) -> Version {
        Version::of_texts(paras)
    }

    fn kinds(old: &[&str], new: &[&str]) -> Vec<(&'static str, Vec<usize>, Vec<usize>)> {
        align(&version(old), &version(new), &Options::default(), &[])
            .unwrap()
            .into_iter()
            .map(|p| (p.kind.name(), p.old, p.new))
            .collect()
    }

    const A: &str = "1. Decides that the regional forum shall meet once every year in a host city chosen by rotation.";
    const B: &str =
        "2. Invites all member economies to send delegations drawn from every stakeholder group.";
    const C: &str =
        "3. Requests the secretariat to publish the summary of each meeting within thirty days.";

    #[test]
    fn same_text_is_unchanged_and_a_new_number_is_a_renumbering() {
        let got = align(
            &version(&[A, B]),
            &version(&[A, &B.replace("2.", "3.")]),
            &Options::default(),
            &[],
        )
        .unwrap();
        assert_eq!(got[0].kind, PairKind::Unchanged);
        assert!(!got[0].renumbered);
        assert_eq!(got[1].kind, PairKind::Unchanged);
        assert!(got[1].renumbered);
    }

    #[test]
    fn pairs_by_content_not_number() {
        // Number 2 now holds what was 3; 2's text is gone.
        let c2 = C.replace("3.", "2.");
        assert_eq!(
            kinds(&[A, B, C], &[A, &c2]),
            [
                ("unchanged", vec![0], vec![0]),
                ("deleted", vec![1], vec![]),
                ("unchanged", vec![2], vec![1])
            ]
        );
    }

    #[test]
    fn a_swap_is_one_move() {
        let got = kinds(&[A, B, C], &[A, C, B]);
        assert_eq!(got.iter().filter(|k| k.0 == "moved").count(), 1, "{got:?}");
    }

    #[test]
    fn merge_and_split() {
        let ab = format!("1. {} {}", &A[3..], &B[3..]);
        assert_eq!(
            kinds(&[A, B, C], &[&ab, C])[0],
            ("merged", vec![0, 1], vec![0])
        );
        assert_eq!(
            kinds(&[&ab, C], &[A, B, C])[0],
            ("split", vec![0], vec![0, 1])
        );
    }

    #[test]
    fn changed_wording_pairs_and_unlike_text_does_not() {
        let a2 = A.replace("once every year", "twice every year");
        assert_eq!(kinds(&[A], &[&a2])[0].0, "changed");
        let other = "1. Welcomes the report on broadband access in small island economies.";
        assert_eq!(kinds(&[A], &[other]).len(), 2);
    }

    #[test]
    fn a_concordance_overrules_and_is_checked() {
        let other = "1. Welcomes the report on broadband access in small island economies.";
        let forced = [Forced {
            old: vec!["1".into()],
            new: vec!["1".into()],
        }];
        let got = align(
            &version(&[A]),
            &version(&[other]),
            &Options::default(),
            &forced,
        )
        .unwrap();
        assert_eq!(got.len(), 1);
        assert!(got[0].forced && got[0].uncertain);
        let bad = [Forced {
            old: vec!["9".into()],
            new: vec![],
        }];
        assert!(matches!(
            align(&version(&[A]), &version(&[A]), &Options::default(), &bad),
            Err(AlignError::NoSuchParagraph { .. })
        ));
    }

    #[test]
    fn heading_lines_pair_by_kind() {
        // A symbol, a date, the stage, the preamble's heading by their kind; a renamed
        // title by the words it kept.
        let (old, new) = (
            version(&[
                "LRF/2025/L.7",
                "26 September 2025",
                "Zero draft",
                "Chair’s \"NOTES FOR A TALK\" (PART FOUR)",
                "PREAMBULAR",
                A,
            ]),
            version(&[
                "Document LRF/RES/2025/3",
                "Date: 12 December 2025",
                "Revision 1",
                "Chair’s Paper (PART FOUR)",
                "Preamble",
                A,
            ]),
        );
        let pairs = align(&old, &new, &Options::default(), &[]).unwrap();
        // Paired by kind, they are sure; the renamed title, by few words, is not.
        let unsure: Vec<bool> = pairs.iter().map(|p| p.uncertain).collect();
        assert_eq!(unsure, [false, false, false, true, false, false]);
        let got: Vec<_> = pairs
            .into_iter()
            .map(|p| (p.kind.name(), p.old, p.new))
            .collect();
        let changed = |i: usize| ("changed", vec![i], vec![i]);
        assert_eq!(
            got,
            [
                changed(0),
                changed(1),
                changed(2),
                changed(3),
                changed(4),
                ("unchanged", vec![5], vec![5]),
            ],
            "{got:?}"
        );
        // Two dates left on one side: which would pair is a guess, so neither does.
        let got = kinds(
            &["26 September 2025", A],
            &["1 May 2025", "12 December 2025", A],
        );
        assert_eq!(
            got.iter().filter(|k| k.0 == "changed").count(),
            0,
            "{got:?}"
        );
    }

    #[test]
    fn a_paragraph_that_grew_by_more_than_it_kept_pairs() {
        let grew = format!(
            "{} It shall also hear the reports of the working groups on towers, maps, rural links and spectrum, and adopt its programme of work for the two years ahead by consensus of the member economies present, after hearing from the councils of the villages, the builders of the towers, the keepers of the maps and every other group that asks to be heard.",
            A.trim_end_matches('.')
        );
        assert!(similarity(A, &grew) < Options::default().pair_at);
        assert_eq!(kinds(&[B, A], &[B, &grew])[1].0, "changed");
        // A short paragraph whose few words happen to be in a long one is not it.
        let short = "4. Decides that the forum shall meet.";
        let got = kinds(&[short], &[&grew]);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_frame_line_never_completes_a_split() {
        // The formula's words are all in the paragraph, but it did not split from it.
        let old = version(&["Recalling the work of the Lakeland Forum Assembly on towers,"]);
        let new = version(&[
            "The Lakeland Forum Assembly,",
            "Recalling the work of the Lakeland Forum Assembly on towers,",
        ]);
        let got = align(&old, &new, &Options::default(), &[]).unwrap();
        assert!(got.iter().all(|p| p.kind != PairKind::Split), "{got:?}");
        assert_eq!(new.paragraphs[0].kind, Kind::Frame);
    }

    #[test]
    fn a_part_of_a_split_stands_next_to_its_other_half() {
        // The new 3 says nothing 1 did not, but it stands apart from 1's counterpart: it
        // is new, not the other half of 1.
        let short = "3. Decides that the regional forum shall meet.";
        let got = kinds(&[A, B], &[A, B, short]);
        assert!(got.iter().all(|k| k.0 != "split"), "{got:?}");
        assert!(got.contains(&("inserted", vec![], vec![2])), "{got:?}");
        // Beside it, it is.
        let first = "1. Decides that the regional forum shall meet once every year.";
        let second = "2. The host city is chosen by rotation.";
        let got = kinds(&[A, B], &[first, second, &B.replace("2.", "3.")]);
        assert_eq!(got[0], ("split", vec![0], vec![0, 1]), "{got:?}");
    }

    #[test]
    fn paragraphs_without_spaces_pair_by_their_letters() {
        let glued = |s: &str| s.replace(' ', "");
        let a2 = glued(&A.replace("once every year", "once every second year"));
        let (b2, c2) = (glued(B), glued(C));
        let got = kinds(&[A, B, C], &[&a2, &b2, &c2]);
        assert_eq!(
            got,
            [
                ("changed", vec![0], vec![0]),
                ("whitespace", vec![1], vec![1]),
                ("whitespace", vec![2], vec![2])
            ]
        );
    }

    #[test]
    fn longest_rising_run() {
        assert_eq!(longest_rising(&[0, 2, 1, 3]).len(), 3);
        assert_eq!(longest_rising(&[]), Vec::<usize>::new());
    }
}
