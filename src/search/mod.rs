//! Matching as `brief search` and the reader's `/` do it: case- and accent-insensitive
//! ("lillestrom" finds "Lillestrøm"), every word must match, `"a phrase"` matches as a
//! phrase.

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::brief::corpus::Corpus;
use crate::brief::model::{Brief, EntryRef, Section, StakeholderGroup, Stance};
pub mod text;

use text::{Matcher, SearchText};

/// Text folded for matching: lowercase, accents removed, letters that do not decompose
/// spelt out (ø → o, ß → ss), whitespace runs made one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] of `text`, appended to `out`: what `fold(text)` would be, with no allocation
/// of its own, so that many fields can be folded into one buffer.
pub fn fold_into(text: &str, out: &mut String) {
    // Whether a space goes before the next character depends on what this text has put
    // in `out` so far, not on what was there before.
    let base = out.len();
    let mut space = false;
    if text.is_ascii() {
        fold_ascii(text, out, base, &mut space);
        return;
    }
    let mut rest = text;
    // ASCII needs no decomposition, and most brief text is ASCII: only runs of other
    // characters go through NFKD. A run ends at an ASCII character, which reordering of
    // combining marks never crosses, so this is the same as decomposing the whole text.
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        fold_ascii(&rest[..ascii], out, base, &mut space);
        rest = &rest[ascii..];
        let other = rest
            .bytes()
            .position(|b| b.is_ascii())
            .unwrap_or(rest.len());
        for c in rest[..other].nfkd() {
            fold_char(c, out, base, &mut space);
        }
        rest = &rest[other..];
    }
}

/// Whitespace to [`fold`] among ASCII characters (`\x0b` too, unlike
/// `is_ascii_whitespace`, as `char::is_whitespace` has it).
fn is_fold_space(c: char) -> bool {
    c.is_ascii_whitespace() || c == '\u{0b}'
}

/// [`fold_char`] of each character of an ASCII run. Most runs are words between single
/// spaces: those are copied and lowercased whole, which is many times cheaper than a
/// character at a time; others go a word at a time.
#[inline]
fn fold_ascii(run: &str, out: &mut String, base: usize, space: &mut bool) {
    // `\t \n \x0b \x0c \r` are 9 to 13: one comparison a byte; with no two spaces in a
    // row, in one pass over each pair of bytes without a branch, which vectorises.
    let b = run.as_bytes();
    let simple = b.last().is_none_or(|c| c.wrapping_sub(9) >= 5)
        && !b.iter().zip(b.iter().skip(1)).fold(false, |odd, (&x, &y)| {
            odd | (x.wrapping_sub(9) < 5) | ((x == b' ') & (y == b' '))
        });
    if simple {
        let (lead, body) = match run.strip_prefix(' ') {
            Some(body) => (true, body),
            None => (false, run),
        };
        if lead {
            *space = out.len() > base;
        }
        let (body, trail) = match body.strip_suffix(' ') {
            Some(body) => (body, true),
            None => (body, false),
        };
        if !body.is_empty() {
            if *space {
                out.push(' ');
                *space = false;
            }
            let start = out.len();
            out.push_str(body);
            // Only ASCII was pushed, so lowercasing it in place keeps the string UTF-8.
            out[start..].make_ascii_lowercase();
        }
        if trail {
            *space = out.len() > base;
        }
        return;
    }
    for (i, word) in run.split(is_fold_space).enumerate() {
        // A piece after the first follows whitespace.
        if i > 0 {
            *space = out.len() > base;
        }
        if word.is_empty() {
            continue;
        }
        if *space {
            out.push(' ');
            *space = false;
        }
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    }
}

#[inline]
fn fold_char(c: char, out: &mut String, base: usize, space: &mut bool) {
    if c.is_ascii() {
        if is_fold_space(c) {
            *space = out.len() > base;
        } else {
            if *space {
                out.push(' ');
                *space = false;
            }
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    if is_combining_mark(c) {
        return;
    }
    if c.is_whitespace() {
        *space = out.len() > base;
        return;
    }
    if *space {
        out.push(' ');
        *space = false;
    }
    match c {
        'ø' | 'Ø' => out.push('o'),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ß' | 'ẞ' => out.push_str("ss"),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'þ' | 'Þ' => out.push_str("th"),
        'ı' => out.push('i'),
        '\u{2018}' | '\u{2019}' => out.push('\''),
        '\u{201c}' | '\u{201d}' => out.push('"'),
        '\u{2010}'..='\u{2015}' => out.push('-'),
        c => out.extend(c.to_lowercase()),
    }
}

/// A parsed query: words and phrases, folded; all must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<String>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut terms = Vec::new();
        for (i, chunk) in text.split('"').enumerate() {
            if i % 2 == 1 {
                let phrase = fold(chunk);
                if !phrase.is_empty() {
                    terms.push(phrase);
                }
            } else {
                terms.extend(chunk.split_whitespace().map(fold).filter(|w| !w.is_empty()));
            }
        }
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether every term occurs in `folded` (text already passed through [`fold`]).
    pub fn matches(&self, folded: &str) -> bool {
        self.terms.iter().all(|t| find_term(folded, t).is_some())
    }
}

/// Whether `term` found at `at` in `hay` is what a search for it means. A term that starts
/// with a digit does not start inside a number, nor one that ends with a digit end inside
/// one: `98` finds paragraph 98, not 1998 or 980. Words match anywhere, as before.
pub(crate) fn whole_at(hay: &[u8], at: usize, term: &[u8]) -> bool {
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    let starts_inside = digit(term.first()) && at > 0 && digit(hay.get(at - 1));
    let ends_inside = digit(term.last()) && digit(hay.get(at + term.len()));
    !starts_inside && !ends_inside
}

/// The first place of `term` in `hay` that [`whole_at`] admits.
pub(crate) fn find_term(hay: &str, term: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = hay.get(from..)?.find(term) {
        let at = from + i;
        if whole_at(hay.as_bytes(), at, term.as_bytes()) {
            return Some(at);
        }
        from = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// What may narrow a search, as `brief search` and the reader's filters take it.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only under this selector (a brief or a section).
    pub within: Option<String>,
    pub tags: Vec<String>,
    /// Positions of these actors (their own and those others report of them, never the
    /// positions of others that they report) and proposals they made, alone or together.
    pub actors: Vec<String>,
    pub groups: Vec<StakeholderGroup>,
    pub stances: Vec<Stance>,
    pub sources: Vec<String>,
}

impl Filter {
    /// Whether it admits every entry.
    pub fn is_none(&self) -> bool {
        self.within.is_none()
            && self.tags.is_empty()
            && self.actors.is_empty()
            && self.groups.is_empty()
            && self.stances.is_empty()
            && self.sources.is_empty()
    }

    /// Whether it admits only what actors said or asked: positions, and proposals unless
    /// a stance is asked for (a proposal has none).
    fn wants_actors_only(&self) -> bool {
        !self.actors.is_empty() || !self.groups.is_empty() || !self.stances.is_empty()
    }

    /// Whether an entry passes the filter (the query aside).
    pub fn admits(
        &self,
        corpus: &Corpus,
        brief: &Brief,
        section: &Section,
        e: EntryRef<'_>,
    ) -> bool {
        if let Some(within) = &self.within {
            let sel = format!("{}/{}/{}", brief.id, section.id, e.id());
            if !(sel.starts_with(within.as_str()) && sel[within.len()..].starts_with('/')) {
                return false;
            }
        }
        if !self.tags.is_empty() {
            let issue_tags = match e {
                EntryRef::Position(p) => corpus
                    .issue(&p.issue)
                    .map(|i| i.tags.as_slice())
                    .unwrap_or_default(),
                _ => &[],
            };
            if !self
                .tags
                .iter()
                .any(|t| e.tags().iter().chain(issue_tags).any(|x| x == t.as_str()))
            {
                return false;
            }
        }
        // An entry drawing on several documents passes a filter for any of them.
        if !self.sources.is_empty()
            && !e
                .cites()
                .all()
                .iter()
                .any(|c| self.sources.iter().any(|s| c.source == s.as_str()))
        {
            return false;
        }
        if self.wants_actors_only() {
            let (who, stance) = match e {
                EntryRef::Position(p) => (std::slice::from_ref(&p.actor), Some(p.stance)),
                EntryRef::Proposal(x) => (x.by.as_slice(), None),
                _ => return false,
            };
            if !self.actors.is_empty()
                && !who
                    .iter()
                    .any(|w| self.actors.iter().any(|a| w == a.as_str()))
            {
                return false;
            }
            if !self.groups.is_empty()
                && !who.iter().any(|w| {
                    corpus
                        .actor(w)
                        .is_some_and(|a| self.groups.contains(&a.group))
                })
            {
                return false;
            }
            if !self.stances.is_empty() && !stance.is_some_and(|s| self.stances.contains(&s)) {
                return false;
            }
        }
        true
    }
}

/// The text of an entry that search looks at, field by field.
pub fn entry_fields(corpus: &Corpus, e: EntryRef<'_>) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    for_each_field(corpus, e, |s| fields.push(s.to_owned()));
    fields
}

/// `f` of each field of [`entry_fields`], in order, without copying them.
fn for_each_field(corpus: &Corpus, e: EntryRef<'_>, push: impl FnMut(&str)) {
    text::for_each_field(corpus, e, push);
}

/// One match: where, and a line of the text around the first term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub selector: String,
    pub snippet: String,
}

/// Where an entry is: brief, section, and its place in [`Section::entries`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub brief: usize,
    pub section: usize,
    pub entry: usize,
}

/// Every brief's searchable text, folded once, so that each query (each keystroke in the
/// reader) is a scan of prepared bytes, not a walk that folds everything again.
#[derive(Default)]
pub struct Index {
    texts: Texts,
}

enum Texts {
    /// One per brief, in the corpus's order, kept in memory.
    Kept(Vec<SearchText>),
    /// Read for each query from where they are kept (the load cache), so that the reader
    /// does not keep a second copy of every brief's text beside the briefs.
    Read(std::sync::Arc<dyn TextSource>),
}

impl Default for Texts {
    fn default() -> Self {
        Texts::Kept(Vec::new())
    }
}

/// Where the searchable texts of a corpus's briefs can be read, by the brief's place in
/// the corpus.
pub trait TextSource: Send + Sync {
    /// How many briefs it has texts for.
    fn briefs(&self) -> usize;
    /// The searchable text of brief `i`; `None` if it cannot be read after all (the brief
    /// is then folded again).
    fn text(&self, i: usize) -> Option<SearchText>;
    /// Whether its texts are made rather than read, so that an index keeps them once made
    /// instead of making them again for every query.
    fn makes(&self) -> bool {
        false
    }
}

/// `f` of each brief (with its index), in order: on every core for a large corpus, on this
/// thread for a few briefs, where starting the thread pool would cost more than it saves.
fn by_brief<T: Send>(corpus: &Corpus, f: impl Fn(usize, &Brief) -> T + Sync) -> Vec<T> {
    let briefs: Vec<&Brief> = corpus.briefs().iter().collect();
    in_order(&briefs, |i, b| f(i, b))
}

/// `f` of each brief's index, with a way to have the brief (made only if asked), in order,
/// as [`by_brief`] does it.
fn by_index<'c, T: Send>(
    corpus: &'c Corpus,
    f: impl Fn(usize, &dyn Fn() -> Option<&'c Brief>) -> T + Sync,
) -> Vec<T> {
    let all: Vec<usize> = (0..corpus.briefs().len()).collect();
    in_order(&all, |_, &i| f(i, &|| corpus.briefs().get(i)))
}

/// `f` of each item (with its index), in order, as [`by_brief`] does it.
fn in_order<I: Sync, T: Send>(items: &[I], f: impl Fn(usize, &I) -> T + Sync) -> Vec<T> {
    if items.len() < 16 {
        items.iter().enumerate().map(|(i, x)| f(i, x)).collect()
    } else {
        items.par_iter().enumerate().map(|(i, x)| f(i, x)).collect()
    }
}

impl Index {
    /// Fold every entry, a brief at a time on every core.
    pub fn build(corpus: &Corpus) -> Index {
        Index {
            texts: Texts::Kept(by_brief(corpus, |_, b| text::text_of(b))),
        }
    }

    /// An index that reads the texts from `source` for each query, when it has one for
    /// each of the corpus's briefs; else one built in memory.
    pub fn reading(corpus: &Corpus, source: std::sync::Arc<dyn TextSource>) -> Index {
        if source.briefs() == corpus.briefs().len() && source.makes() {
            return Index {
                texts: Texts::Kept(by_index(corpus, |i, b| {
                    source
                        .text(i)
                        .or_else(|| b().map(text::text_of))
                        .unwrap_or_default()
                })),
            };
        }
        if source.briefs() == corpus.briefs().len() {
            Index {
                texts: Texts::Read(source),
            }
        } else {
            Index::build(corpus)
        }
    }

    /// Whether the texts are read for each query rather than kept.
    pub fn reads(&self) -> bool {
        matches!(self.texts, Texts::Read(_))
    }

    /// The places of every entry that matches `query` and passes `filter`, in the briefs'
    /// order. An empty query matches every entry the filter admits.
    pub fn matches(&self, corpus: &Corpus, query: &Query, filter: &Filter) -> Vec<Place> {
        let matcher = Matcher::new(query, corpus);
        let briefs = corpus.briefs();
        let one = |bi: usize, text: &SearchText| -> Vec<Place> {
            // With no filter the places are the text's own: the brief is not read, nor
            // made, which for a negotiated text is most of what a search would cost.
            if filter.is_none() {
                return text
                    .matching(&matcher)
                    .into_iter()
                    .map(|n| {
                        let (section, entry) = text.place(n);
                        Place {
                            brief: bi,
                            section,
                            entry,
                        }
                    })
                    .collect();
            }
            let Some(b) = briefs.get(bi) else {
                return Vec::new();
            };
            text.matching(&matcher)
                .into_iter()
                .filter_map(|n| {
                    let (section, entry) = text.place(n);
                    let s = b.sections.get(section)?;
                    let e = s.entry_at(entry)?;
                    filter.admits(corpus, b, s, e).then_some(Place {
                        brief: bi,
                        section,
                        entry,
                    })
                })
                .collect()
        };
        let per_brief: Vec<Vec<Place>> = match &self.texts {
            Texts::Kept(texts) => in_order(texts, one),
            Texts::Read(source) => (0..briefs.len())
                .into_par_iter()
                .map(|i| match source.text(i) {
                    Some(t) => one(i, &t),
                    None => one(i, &text::text_of(&briefs[i])),
                })
                .collect(),
        };
        per_brief.into_iter().flatten().collect()
    }
}

/// The hit for an entry found by [`Index::matches`]: its selector and a snippet.
pub fn hit(corpus: &Corpus, place: Place, query: &Query) -> Hit {
    let b = &corpus.briefs()[place.brief];
    let s = &b.sections[place.section];
    let Some(e) = s.entry_at(place.entry) else {
        return Hit {
            selector: format!("{}/{}", b.id, s.id),
            snippet: String::new(),
        };
    };
    // The snippet shows the first field holding the first term (else the first field):
    // fields are folded one by one until it is found, not all of them for every hit.
    let first = query.terms.first();
    let mut folded = String::new();
    let mut first_field: Option<(String, String)> = None;
    let mut found: Option<(String, String, usize)> = None;
    for_each_field(corpus, e, |f| {
        if found.is_some() {
            return;
        }
        folded.clear();
        fold_into(f, &mut folded);
        if let Some(at) = first.and_then(|t| find_term(&folded, t)) {
            found = Some((f.to_owned(), folded.clone(), at));
        } else if first_field.is_none() {
            first_field = Some((f.to_owned(), folded.clone()));
        }
    });
    let (field, folded, at) = found
        .or_else(|| first_field.map(|(f, folded)| (f, folded, 0)))
        .unwrap_or_default();
    Hit {
        selector: format!("{}/{}/{}", b.id, s.id, e.id()),
        snippet: snippet(&field, &folded, at, 100),
    }
}

/// Every entry that matches `query` and passes `filter`, in the briefs' order. An empty
/// query matches every entry the filter admits.
pub fn search(corpus: &Corpus, query: &Query, filter: &Filter) -> Vec<Hit> {
    // One query: each brief folded and matched in passing, on every core, keeping only
    // hits. Each hit's snippet is made where it is found, on that brief's core too: a
    // common word has tens of thousands of hits, which one thread would fold again in turn.
    let matcher = Matcher::new(query, corpus);
    let per_brief: Vec<Vec<Hit>> = by_brief(corpus, |bi, b| {
        let text = text::text_of(b);
        text.matching(&matcher)
            .into_iter()
            .filter_map(|n| {
                let (section, entry) = text.place(n);
                let s = b.sections.get(section)?;
                let e = s.entry_at(entry)?;
                filter.admits(corpus, b, s, e).then(|| {
                    hit(
                        corpus,
                        Place {
                            brief: bi,
                            section,
                            entry,
                        },
                        query,
                    )
                })
            })
            .collect()
    });
    per_brief.into_iter().flatten().collect()
}

/// Byte ranges of `text` where the query's terms occur, matched as [`fold`] matches them
/// (so "lillestrom" marks "Lillestrøm"); sorted, may overlap.
pub fn match_ranges(text: &str, query: &Query) -> Vec<std::ops::Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    // Fold char by char, remembering which original char each folded byte came from.
    let mut folded = String::with_capacity(text.len());
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    let mut space = false;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        if c.is_whitespace() {
            if !folded.is_empty() && !space {
                folded.push(' ');
                origin.push((at, end));
            }
            space = true;
            continue;
        }
        space = false;
        let piece = fold(c.encode_utf8(&mut buf));
        for _ in 0..piece.len() {
            origin.push((at, end));
        }
        folded.push_str(&piece);
    }
    let mut ranges = Vec::new();
    for term in &query.terms {
        let mut from = 0;
        while let Some(found) = folded[from..].find(term.as_str()) {
            let start = from + found;
            let last = start + term.len() - 1;
            // A refused place may overlap the next one (`2 2` in `22 2 2`).
            if whole_at(folded.as_bytes(), start, term.as_bytes()) {
                ranges.push(origin[start].0..origin[last].1);
                from = start + term.len().max(1);
            } else {
                from = start + 1;
            }
            while from < folded.len() && !folded.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    ranges
}

/// About `width` characters of `field` around `at`, a byte offset in its fold `folded`.
pub(crate) fn snippet(field: &str, folded: &str, at: usize, width: usize) -> String {
    let text = collapse_spaces(field);
    // Folding changes lengths a little; place the window by proportion, which is close.
    let ascii = text.is_ascii();
    let total = if ascii {
        text.len()
    } else {
        text.chars().count()
    };
    let folded_len = folded.chars().count().max(1);
    let at_char = folded[..at.min(folded.len())].chars().count() * total / folded_len;
    let start = at_char.saturating_sub(width / 3);
    let start = if total <= width {
        0
    } else {
        start.min(total - width)
    };
    let mut out = String::with_capacity(width + 8);
    if start > 0 {
        out.push('…');
    }
    if ascii {
        out.push_str(&text[start..(start + width).min(total)]);
    } else {
        let mut at = text.char_indices().map(|(i, _)| i).skip(start);
        let from = at.next().unwrap_or(text.len());
        let to = at.nth(width.saturating_sub(1)).unwrap_or(text.len());
        out.push_str(&text[from..to]);
    }
    if start + width < total {
        out.push('…');
    }
    out
}

/// `text` with each run of whitespace made one space, and none at either end.
fn collapse_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.is_ascii() {
        let plain = !text.starts_with(char::is_whitespace)
            && !text.ends_with(char::is_whitespace)
            && !text.chars().any(|c| c != ' ' && c.is_whitespace())
            && memchr::memmem::find(text.as_bytes(), b"  ").is_none();
        if plain {
            return text.into();
        }
        return text.split_whitespace().collect::<Vec<_>>().join(" ").into();
    }
    let b = text.as_bytes();
    let space = |c: &u8| is_fold_space((*c).into());
    // Most fields need nothing: no space at either end, no other whitespace than single
    // spaces. Both are looked for with whole-slice scans.
    let plain = !b.first().is_some_and(space)
        && !b.last().is_some_and(space)
        && !b
            .iter()
            .any(|&c| matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        && memchr::memmem::find(b, b"  ").is_none();
    if plain {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| is_fold_space(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first fold, which decomposed the whole text: the oracle for the fast one.
    fn fold_whole(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut space = false;
        for c in text.nfkd() {
            if is_combining_mark(c) {
                continue;
            }
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            match c {
                'ø' | 'Ø' => out.push('o'),
                'æ' | 'Æ' => out.push_str("ae"),
                'œ' | 'Œ' => out.push_str("oe"),
                'ß' | 'ẞ' => out.push_str("ss"),
                'ł' | 'Ł' => out.push('l'),
                'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
                'þ' | 'Þ' => out.push_str("th"),
                'ı' => out.push('i'),
                '\u{2018}' | '\u{2019}' => out.push('\''),
                '\u{201c}' | '\u{201d}' => out.push('"'),
                '\u{2010}'..='\u{2015}' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    proptest! {
        #[test]
        fn fold_is_the_same_as_decomposing_everything(s in "(\\PC|[\\x00-\\x7f]|[\u{300}-\u{36f}])*") {
            prop_assert_eq!(fold(&s), fold_whole(&s));
        }

        /// Mostly ASCII, with the whitespace fold treats specially, so that the lowercase
        /// shortcut and its refusals are both taken often.
        #[test]
        fn fold_into_appends_what_fold_whole_gives(
            prefix in "[a-z ]{0,3}",
            s in "([a-zA-Z0-9.,-]|[ \t\n\x0b\x0c\r]|[éøß\u{301}\u{a0}])*",
        ) {
            let mut out = prefix.clone();
            fold_into(&s, &mut out);
            prop_assert_eq!(out, format!("{prefix}{}", fold_whole(&s)));
        }
    }

    /// Search as it was first written: every field folded whole, joined by newlines, and
    /// each term looked for in that: the oracle for the fast path.
    fn slow_search(corpus: &Corpus, text: &str, filter: &Filter) -> Vec<String> {
        let mut terms = Vec::new();
        for (i, chunk) in text.split('"').enumerate() {
            if i % 2 == 1 {
                terms.push(fold_whole(chunk));
            } else {
                terms.extend(chunk.split_whitespace().map(fold_whole));
            }
        }
        terms.retain(|t| !t.is_empty());
        let mut found = Vec::new();
        for b in corpus.briefs() {
            for s in &b.sections {
                for e in s.entries() {
                    let mut folded = String::new();
                    for f in entry_fields(corpus, e) {
                        if !folded.is_empty() {
                            folded.push('\n');
                        }
                        folded.push_str(&fold_whole(&f));
                    }
                    if filter.admits(corpus, b, s, e)
                        && terms.iter().all(|t| find_term(&folded, t).is_some())
                    {
                        found.push(format!("{}/{}/{}", b.id, s.id, e.id()));
                    }
                }
            }
        }
        found
    }

    /// A dozen generated briefs (registry included), loaded together once.
    fn generated() -> &'static (Corpus, Vec<String>) {
        static CORPUS: std::sync::OnceLock<(Corpus, Vec<String>)> = std::sync::OnceLock::new();
        CORPUS.get_or_init(|| {
            use crate::brief::corpus::Candidate;
            use crate::brief::synth::{Options, file_name, generate};
            let candidates = generate(Options {
                briefs: 12,
                seed: 7,
            })
            .map(|brief| Candidate {
                name: file_name(&brief),
                brief,
                valid: true,
                masked: Vec::new(),
                deferred: None,
            })
            .collect();
            let (corpus, problems) = Corpus::build(candidates, &[]);
            assert!(problems.is_empty(), "{problems:?}");
            // The corpus's own fields, for queries (words and phrases) that find something.
            let mut fields = Vec::new();
            for b in corpus.briefs() {
                for s in &b.sections {
                    for e in s.entries() {
                        fields.extend(entry_fields(&corpus, e));
                    }
                }
            }
            fields.sort();
            fields.dedup();
            (corpus, fields)
        })
    }

    /// A word as a user might type it: cut, in another case, with accents put on or taken
    /// off.
    fn retyped(word: &str, how: u8) -> String {
        let cut: String = if how & 1 == 1 {
            word.chars().skip(1).take(6).collect()
        } else {
            word.to_owned()
        };
        match how >> 1 {
            0 => cut,
            1 => cut.to_uppercase(),
            2 => cut.replace('o', "ø").replace('e', "é").replace('s', "ß"),
            _ => fold(&cut),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn the_fast_search_finds_what_the_slow_one_finds(
            picks in proptest::collection::vec(
                (any::<proptest::sample::Index>(), any::<proptest::sample::Index>(), 0u8..8),
                1..4,
            ),
            phrase in any::<bool>(),
            extra in proptest::sample::select(vec!["", "lillestrøm", "São", "STRASSE", "zzqx", "\"per cent\"", "  "]),
            actor_filter in any::<bool>(),
        ) {
            let (corpus, fields) = generated();
            let words_of = |field: &proptest::sample::Index| -> Vec<&str> {
                field.get::<String>(fields).split_whitespace().collect()
            };
            let text = if phrase {
                // Consecutive words of one field, retyped whole, spaced oddly: a phrase
                // that is there to be found.
                let (field, at, _) = &picks[0];
                let words = words_of(field);
                let start = at.index(words.len().max(1));
                let typed: Vec<String> = words
                    .iter()
                    .skip(start)
                    .zip(&picks)
                    .map(|(w, (_, _, how))| retyped(w, how & !1))
                    .collect();
                format!("\"{}\" {extra}", typed.join("  \t"))
            } else {
                let typed: Vec<String> = picks
                    .iter()
                    .filter_map(|(field, at, how)| {
                        let words = words_of(field);
                        (!words.is_empty()).then(|| retyped(at.get::<&str>(&words), *how))
                    })
                    .collect();
                format!("{} {extra}", typed.join(" "))
            };
            let filter = Filter {
                actors: if actor_filter {
                    corpus.actors().take(3).map(|a| a.id.to_string()).collect()
                } else {
                    Vec::new()
                },
                ..Filter::default()
            };
            let query = Query::parse(&text);
            let fast: Vec<String> = search(corpus, &query, &filter)
                .into_iter()
                .map(|h| h.selector)
                .collect();
            let slow = slow_search(corpus, &text, &filter);
            prop_assert_eq!(&fast, &slow, "query {:?}", text);
            // The reader's index answers the same.
            let index = Index::build(corpus);
            let indexed = index.matches(corpus, &query, &filter).len();
            prop_assert_eq!(indexed, slow.len());
            // And so does a search of the cache's texts, snippets and all.
            if !actor_filter {
                let full: Vec<(String, String)> = search(corpus, &query, &filter)
                    .into_iter()
                    .map(|h| (h.selector, h.snippet))
                    .collect();
                prop_assert_eq!(cached_search(corpus, &query), full, "query {:?}", text);
            }
        }
    }

    /// A search as `brief search` makes it from the cache: each brief's texts and the
    /// corpus's names, through their encoding, and nothing else.
    fn cached_search(corpus: &Corpus, query: &Query) -> Vec<(String, String)> {
        use crate::search::text::{HitText, NameTable};
        let names: NameTable = bitcode::decode(&bitcode::encode(&NameTable::of(corpus))).unwrap();
        let names = names.indexed();
        let matcher = Matcher::new(query, &names);
        let mut found = Vec::new();
        for b in corpus.briefs() {
            let (text, hits) = text::build(b);
            let text = SearchText::from_bytes(text.to_bytes()).expect("the text comes back");
            let hits = HitText::from_bytes(hits.to_bytes(), &text).expect("and its hits");
            for n in text.matching(&matcher) {
                found.push(hits.hit(&text, &names, &matcher, n).expect("a hit"));
            }
        }
        found
    }

    /// The snippet as it was first written, before it learnt to skip work on ASCII.
    fn slow_snippet(field: &str, folded: &str, at: usize, width: usize) -> String {
        let text: String = field.split_whitespace().collect::<Vec<_>>().join(" ");
        let total = text.chars().count();
        let folded_len = folded.chars().count().max(1);
        let at_char = folded[..at.min(folded.len())].chars().count() * total / folded_len;
        let start = at_char.saturating_sub(width / 3);
        let start = if total <= width {
            0
        } else {
            start.min(total - width)
        };
        let mut out: String = text.chars().skip(start).take(width).collect();
        if start > 0 {
            out.insert(0, '…');
        }
        if start + width < total {
            out.push('…');
        }
        out
    }

    proptest! {
        #[test]
        fn snippets_are_what_they_were(
            field in "([a-z]{1,8}|[ \t\n\x0b]{1,3}|é|ø)*",
            at in any::<proptest::sample::Index>(),
            width in 1usize..40,
        ) {
            let folded = fold(&field);
            let mut at = at.index(folded.len() + 1);
            while !folded.is_char_boundary(at) {
                at -= 1;
            }
            prop_assert_eq!(snippet(&field, &folded, at, width), slow_snippet(&field, &folded, at, width));
        }
    }

    #[test]
    fn the_generated_corpus_is_searched_the_same_for_common_words() {
        // Queries that find many entries, so the comparison is not between empty lists.
        let (corpus, _) = generated();
        // Names positions match through, which their briefs' own text may not hold.
        let actor = corpus.actors().nth(3).map(|a| a.name.to_string()).unwrap();
        let issue = corpus
            .issues()
            .nth(2)
            .map(|i| format!("\"{}\"", i.title))
            .unwrap();
        let by_name = search(corpus, &Query::parse(&actor), &Filter::default()).len();
        assert!(by_name > 0, "{actor}");
        for q in [
            "the",
            "multistakeholder",
            "\"internet governance\"",
            "igf 2025",
            "e",
            &actor,
            &issue,
            &format!("{actor} {issue}"),
        ] {
            let fast = search(corpus, &Query::parse(q), &Filter::default()).len();
            assert_eq!(
                fast,
                slow_search(corpus, q, &Filter::default()).len(),
                "{q}"
            );
            let full: Vec<(String, String)> = search(corpus, &Query::parse(q), &Filter::default())
                .into_iter()
                .map(|h| (h.selector, h.snippet))
                .collect();
            assert_eq!(cached_search(corpus, &Query::parse(q)), full, "{q}");
        }
        assert!(search(corpus, &Query::parse("e"), &Filter::default()).len() > 100);
    }

    /// Texts as a cache gives them, but every other one cannot be read.
    struct Patchy(Vec<SearchText>);
    impl TextSource for Patchy {
        fn briefs(&self) -> usize {
            self.0.len()
        }
        fn text(&self, i: usize) -> Option<SearchText> {
            i.is_multiple_of(2).then(|| self.0[i].clone())
        }
    }

    #[test]
    fn an_index_reading_texts_folds_again_what_it_cannot_read() {
        let (corpus, _) = generated();
        let texts = corpus.briefs().iter().map(text::text_of).collect();
        let read = Index::reading(corpus, std::sync::Arc::new(Patchy(texts)));
        assert!(read.reads());
        let kept = Index::build(corpus);
        for q in ["the", "multistakeholder igf", ""] {
            let q = Query::parse(q);
            let found = read.matches(corpus, &q, &Filter::default());
            assert!(!found.is_empty());
            assert_eq!(found, kept.matches(corpus, &q, &Filter::default()));
        }
        // Texts for another corpus are not used at all.
        let short = Index::reading(corpus, std::sync::Arc::new(Patchy(Vec::new())));
        assert!(!short.reads());
    }

    #[test]
    fn folding_ignores_case_accents_and_special_letters() {
        assert_eq!(fold("Lillestrøm"), "lillestrom");
        assert_eq!(
            fold("São Paulo  Multistakeholder"),
            "sao paulo multistakeholder"
        );
        assert_eq!(fold("Straße Æsir ŁÓDŹ"), "strasse aesir lodz");
        assert_eq!(fold("“quoted” — dash"), "\"quoted\" - dash");
        assert_eq!(fold("北京"), "北京");
    }

    #[test]
    fn queries_need_every_word_and_keep_phrases() {
        let q = Query::parse("igf  \"stable Financing\" Permanent");
        assert_eq!(q.terms, ["igf", "stable financing", "permanent"]);
        assert!(q.matches(&fold("A permanent IGF with stable financing")));
        assert!(!q.matches(&fold("A permanent IGF with financing that is stable")));
        assert!(Query::parse("  ").is_empty());
    }

    #[test]
    fn a_number_finds_that_number_not_one_it_is_part_of() {
        let q = Query::parse("\"paragraph 98\"");
        assert!(q.matches(&fold("See paragraph 98, and 99.")));
        assert!(!q.matches(&fold("See paragraph 980.")));
        assert!(!q.matches(&fold("Since 1998, paragraph 1998 has stood.")));
        let n = Query::parse("98");
        assert!(!n.matches(&fold("In 1998 and in 980")));
        assert!(n.matches(&fold("In 1998 and in 98")));
        assert!(n.matches(&fold("¶98.")));
        // Words still match inside words; a term ending in a letter may end in one.
        assert!(Query::parse("govern").matches(&fold("governance")));
        assert!(!Query::parse("98a").matches(&fold("New 198a")));
        assert!(!Query::parse("a98").matches(&fold("pa980")));
        // A refused place may overlap the one that counts.
        assert!(Query::parse("\"2 2\"").matches(&fold("22 2 2")));
        let found: Vec<&str> = match_ranges("In 1998 and 98, 98", &Query::parse("98"))
            .into_iter()
            .map(|r| &"In 1998 and 98, 98"[r])
            .collect();
        assert_eq!(found, ["98", "98"]);
        // The scan of a brief's folded text, and its snippets, say the same.
        let corpus = crate::query::fixture_world();
        for q in ["98", "2025", "\"2 2\"", "1", "0"] {
            let query = Query::parse(q);
            let full = search(&corpus, &query, &Filter::default());
            let kept = Index::build(&corpus).matches(&corpus, &query, &Filter::default());
            assert_eq!(full.len(), kept.len(), "{q}");
        }
    }

    #[test]
    fn match_ranges_point_into_the_original_text() {
        let text = "Meet in  Lillestrøm, then LILLESTRØM again";
        let q = Query::parse("lillestrom");
        let found: Vec<&str> = match_ranges(text, &q)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["Lillestrøm", "LILLESTRØM"]);
        let q = Query::parse("\"in lillestrom\" straße");
        let text = "Held in   Lillestrøm; Straße";
        let found: Vec<&str> = match_ranges(text, &q)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["in   Lillestrøm", "Straße"]);
        assert!(match_ranges("anything", &Query::parse("")).is_empty());
    }

    #[test]
    fn an_actor_filter_shows_the_actors_positions_not_those_it_reports() {
        // Old logic admitted a position when the filtered actor was its `reported_by`:
        // a filter for ICNP showed Norland's position as ICNP reports it.
        let c = crate::query::fixture_world();
        let filter = Filter {
            actors: vec!["icnp".into()],
            ..Filter::default()
        };
        let mut admitted = Vec::new();
        for b in c.briefs() {
            for s in &b.sections {
                for e in s.entries() {
                    if filter.admits(&c, b, s, e) {
                        admitted.push(format!("{}/{}/{}", b.id, s.id, e.id()));
                    }
                }
            }
        }
        assert_eq!(admitted, ["reader-gamma/positions/icnp-funding"]);
        // A position others report of an actor is still that actor's.
        let sarnia = Filter {
            actors: vec!["sarnia".into()],
            ..Filter::default()
        };
        let reported = c
            .resolve("reader-alpha/positions/sarnia-funding-reported")
            .unwrap();
        let crate::brief::corpus::Target::Entry(b, s, e) = reported else {
            panic!("an entry")
        };
        assert!(sarnia.admits(&c, b, s, e));
    }
}
