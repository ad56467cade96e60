//! A brief's searchable text, folded once and kept in one buffer with where each entry
//! ends, so that a search is a scan of bytes (`memchr::memmem`) rather than a walk over
//! the model that folds every field again.
//!
//! Two parts, kept apart because they are read apart:
//! - [`SearchText`] is what matching needs: every entry's own fields folded, and which
//!   actor and issue each position names. The reader's search-as-you-type reads only this.
//! - [`HitText`] is what a hit is printed with: the selector's ids and the fields as
//!   written, for the snippet. `brief search` reads it only for briefs with hits.
//!
//! A position also matches through the names of its actor and issue, which another brief
//! may declare: those are not folded into the brief's text but matched once per query in
//! a [`Names`] table, so a brief's searchable text depends on that brief alone and can be
//! cached with it. Matching and snippets give exactly what folding every field of the
//! entry, names included, would give (`search::tests` holds the oracle).

use std::collections::HashSet;

use memchr::memmem::Finder;

use super::{Query, fold, fold_into, snippet};
use crate::brief::corpus::Corpus;
use crate::brief::model::{Brief, EntryRef};

/// Ends an entry's folded text: folded text holds no control character but the `\n`
/// between fields, and a term that holds one matches nothing, so no match crosses it.
const END: char = '\0';
/// Between fields as written (which may hold newlines, never a NUL: see `brief::text`).
const FIELD: char = '\0';

/// What matching needs of one brief.
#[derive(Debug, Clone, Default, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct SearchText {
    /// Each entry's own fields folded, joined by `\n`, the entry followed by [`END`]; in
    /// the brief's order (section by section, each in `Section::entries` order). Kept as
    /// raw bytes beside the encoding (see [`SearchText::to_bytes`]).
    #[bitcode(skip)]
    folded: Vec<u8>,
    /// Where each entry's [`END`] is in `folded`.
    ends: Vec<u64>,
    /// How many entries each section has, in order.
    sections: Vec<u64>,
    /// Each position: its entry number, its actor and its issue (indexes into `ids`).
    positions: Vec<(u64, u64, u64)>,
    /// The actor and issue ids the positions name, each once.
    ids: Vec<String>,
}

/// What a hit of one brief is printed with.
#[derive(Debug, Clone, Default, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct HitText {
    brief: String,
    sections: Vec<String>,
    /// Each entry's id and then its own fields as written, each followed by [`FIELD`].
    /// Kept as raw bytes beside the encoding (see [`HitText::to_bytes`]).
    #[bitcode(skip)]
    written: Vec<u8>,
    /// Where each entry's fields end in `written`.
    ends: Vec<u64>,
}

/// An entry's own fields, in the order search has always looked at them; a position's
/// actor and issue names come after its first field (see [`for_each_field`]).
fn own_fields(e: EntryRef<'_>, mut push: impl FnMut(&str)) {
    match e {
        EntryRef::Item(x) => {
            push(&x.title);
            push(&x.summary);
            x.body.as_deref().map(&mut push);
            x.group.as_deref().map(&mut push);
        }
        EntryRef::Figure(x) => {
            push(&x.label);
            push(&x.display_value());
            x.summary.as_deref().map(&mut push);
        }
        EntryRef::Event(x) => {
            push(&x.title);
            push(&x.date.to_string());
            x.place.as_deref().map(&mut push);
            x.summary.as_deref().map(&mut push);
        }
        EntryRef::Position(x) => {
            push(&x.summary);
            push(x.stance.label());
        }
    }
    for t in e.tags() {
        push(t);
    }
    for c in e.cites().all() {
        push(&c.at);
    }
}

/// Every field search looks at in an entry, in order: its own, with a position's actor
/// (name, short name) and issue (title) after the first.
pub fn for_each_field(names: &impl Names, e: EntryRef<'_>, mut push: impl FnMut(&str)) {
    let mut first = true;
    own_fields(e, |f| {
        push(f);
        if std::mem::take(&mut first)
            && let EntryRef::Position(p) = e
        {
            names.each_name_of(&p.actor, &p.issue, &mut push);
        }
    });
}

/// Where a position's actor and issue names come from: the loaded corpus, or the table a
/// cache keeps of it.
pub trait Names {
    /// `push` of the actor's name and short name, then the issue's title, those known.
    fn each_name_of(&self, actor: &str, issue: &str, push: &mut dyn FnMut(&str));
    /// Every actor's id with its names, and every issue's id with its title.
    fn each_actor(&self, f: &mut dyn FnMut(&str, &str, Option<&str>));
    fn each_issue(&self, f: &mut dyn FnMut(&str, &str));
}

impl Names for Corpus {
    fn each_name_of(&self, actor: &str, issue: &str, push: &mut dyn FnMut(&str)) {
        if let Some(a) = self.actor(actor) {
            push(&a.name);
            if let Some(s) = &a.short {
                push(s);
            }
        }
        if let Some(i) = self.issue(issue) {
            push(&i.title);
        }
    }
    fn each_actor(&self, f: &mut dyn FnMut(&str, &str, Option<&str>)) {
        for a in self.actors() {
            f(&a.id, &a.name, a.short.as_deref());
        }
    }
    fn each_issue(&self, f: &mut dyn FnMut(&str, &str)) {
        for i in self.issues() {
            f(&i.id, &i.title);
        }
    }
}

/// The actors and issues of a corpus with their names: what positions match through,
/// kept by the cache beside the briefs (see `crate::cache`).
#[derive(Debug, Clone, Default, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct NameTable {
    /// (id, name, short name), in the corpus's order.
    actors: Vec<(String, String, Option<String>)>,
    /// (id, title).
    issues: Vec<(String, String)>,
    #[bitcode(skip)]
    by_id: Option<NameIndex>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct NameIndex {
    actors: fnv::FnvHashMap<String, usize>,
    issues: fnv::FnvHashMap<String, usize>,
}

impl NameTable {
    pub fn of(names: &impl Names) -> NameTable {
        let mut table = NameTable::default();
        names.each_actor(&mut |id, name, short| {
            table
                .actors
                .push((id.to_owned(), name.to_owned(), short.map(str::to_owned)))
        });
        names.each_issue(&mut |id, title| table.issues.push((id.to_owned(), title.to_owned())));
        table.indexed()
    }

    /// The table with its lookup built (after decoding, which skips it).
    pub fn indexed(mut self) -> NameTable {
        let mut index = NameIndex::default();
        for (i, (id, ..)) in self.actors.iter().enumerate() {
            index.actors.entry(id.clone()).or_insert(i);
        }
        for (i, (id, _)) in self.issues.iter().enumerate() {
            index.issues.entry(id.clone()).or_insert(i);
        }
        self.by_id = Some(index);
        self
    }
}

impl Names for NameTable {
    fn each_name_of(&self, actor: &str, issue: &str, push: &mut dyn FnMut(&str)) {
        let Some(index) = &self.by_id else { return };
        if let Some((_, name, short)) = index.actors.get(actor).map(|&i| &self.actors[i]) {
            push(name);
            if let Some(s) = short {
                push(s);
            }
        }
        if let Some((_, title)) = index.issues.get(issue).map(|&i| &self.issues[i]) {
            push(title);
        }
    }
    fn each_actor(&self, f: &mut dyn FnMut(&str, &str, Option<&str>)) {
        for (id, name, short) in &self.actors {
            f(id, name, short.as_deref());
        }
    }
    fn each_issue(&self, f: &mut dyn FnMut(&str, &str)) {
        for (id, title) in &self.issues {
            f(id, title);
        }
    }
}

/// One brief's searchable text and hit text, made from the brief.
pub fn build(brief: &Brief) -> (SearchText, HitText) {
    let mut hits = HitText {
        brief: brief.id.to_string(),
        ..HitText::default()
    };
    let text = make(brief, Some(&mut hits));
    (text, hits)
}

/// One brief's searchable text alone, as the reader keeps it.
pub fn text_of(brief: &Brief) -> SearchText {
    make(brief, None)
}

fn make<'a>(brief: &'a Brief, mut hits: Option<&mut HitText>) -> SearchText {
    let mut text = SearchText::default();
    let mut folded = String::new();
    let mut written = String::new();
    let mut ids: fnv::FnvHashMap<&'a str, u64> = Default::default();
    let mut id_of = |id: &'a str, text: &mut SearchText| -> u64 {
        *ids.entry(id).or_insert_with(|| {
            text.ids.push(id.to_owned());
            text.ids.len() as u64 - 1
        })
    };
    let mut n: u64 = 0;
    for s in &brief.sections {
        if let Some(h) = hits.as_deref_mut() {
            h.sections.push(s.id.to_string());
        }
        let mut count = 0;
        for e in s.entries() {
            if hits.is_some() {
                written.push_str(e.id());
                written.push(FIELD);
            }
            let mut first = true;
            own_fields(e, |f| {
                if !std::mem::take(&mut first) {
                    folded.push('\n');
                }
                fold_into(f, &mut folded);
                if hits.is_some() {
                    written.push_str(f);
                    written.push(FIELD);
                }
            });
            text.ends.push(folded.len() as u64);
            folded.push(END);
            if let Some(h) = hits.as_deref_mut() {
                h.ends.push(written.len() as u64);
            }
            if let EntryRef::Position(p) = e {
                let actor = id_of(&p.actor, &mut text);
                let issue = id_of(&p.issue, &mut text);
                text.positions.push((n, actor, issue));
            }
            n += 1;
            count += 1;
        }
        text.sections.push(count);
    }
    text.folded = folded.into_bytes();
    if let Some(h) = hits {
        h.written = written.into_bytes();
    }
    text
}

/// A query made ready to match: a finder for each term, and for each term the actors and
/// issues whose names hold it.
pub struct Matcher<'q> {
    query: &'q Query,
    finders: Vec<Finder<'q>>,
    /// Per term, the ids of the actors whose name or short name holds it.
    actors: Vec<HashSet<String>>,
    /// Per term, the ids of the issues whose title holds it.
    issues: Vec<HashSet<String>>,
    /// A term holding a control character: it can match no text.
    impossible: bool,
}

impl<'q> Matcher<'q> {
    pub fn new(query: &'q Query, names: &impl Names) -> Matcher<'q> {
        let finders = query
            .terms
            .iter()
            .map(|t| Finder::new(t.as_bytes()))
            .collect();
        let terms = query.terms.len();
        let (mut actors, mut issues) = (vec![HashSet::new(); terms], vec![HashSet::new(); terms]);
        let note = |sets: &mut Vec<HashSet<String>>, id: &str, name: &str| {
            let name = fold(name);
            for (t, set) in query.terms.iter().zip(sets.iter_mut()) {
                if name.contains(t.as_str()) {
                    set.insert(id.to_owned());
                }
            }
        };
        names.each_actor(&mut |id, name, short| {
            note(&mut actors, id, name);
            if let Some(s) = short {
                note(&mut actors, id, s);
            }
        });
        names.each_issue(&mut |id, title| note(&mut issues, id, title));
        let impossible = query.terms.iter().any(|t| t.chars().any(char::is_control));
        Matcher {
            query,
            finders,
            actors,
            issues,
            impossible,
        }
    }
}

/// `raw` followed by the encoding of the rest and that encoding's length: the large text
/// is then taken back without a copy (see [`from_raw`]).
fn with_raw(raw: &[u8], rest: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + rest.len() + 8);
    out.extend_from_slice(raw);
    out.extend_from_slice(&rest);
    out.extend_from_slice(&(rest.len() as u64).to_le_bytes());
    out
}

/// The value and the raw text of [`with_raw`]'s bytes, if they are that. The text is not
/// checked to be UTF-8 here, which would cost as much as the search: each piece is
/// checked when it is used (see [`Fields`]).
fn from_raw<T: bitcode::DecodeOwned>(mut blob: Vec<u8>) -> Option<(T, Vec<u8>)> {
    let len_at = blob.len().checked_sub(8)?;
    let len = u64::from_le_bytes(blob[len_at..].try_into().ok()?);
    let rest_at = len_at.checked_sub(usize::try_from(len).ok()?)?;
    let value = bitcode::decode(&blob[rest_at..len_at]).ok()?;
    blob.truncate(rest_at);
    Some((value, blob))
}

impl SearchText {
    /// The bytes the cache keeps.
    pub fn to_bytes(&self) -> Vec<u8> {
        with_raw(&self.folded, bitcode::encode(self))
    }

    /// What [`SearchText::to_bytes`] made, if the bytes are that and agree with themselves.
    pub fn from_bytes(blob: Vec<u8>) -> Option<SearchText> {
        let (text, folded): (SearchText, Vec<u8>) = from_raw(blob)?;
        Some(SearchText { folded, ..text }).filter(SearchText::is_consistent)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Whether the parts agree with each other, so that no index or slice can be out of
    /// range: a cache that decodes is still checked before it is trusted.
    pub fn is_consistent(&self) -> bool {
        let mut start = 0u64;
        for &end in &self.ends {
            if end < start
                || end as usize >= self.folded.len()
                || self.folded[end as usize] != END as u8
            {
                return false;
            }
            start = end + 1;
        }
        start as usize == self.folded.len()
            && self.sections.iter().sum::<u64>() == self.ends.len() as u64
            && self.positions.windows(2).all(|w| w[0].0 < w[1].0)
            && self.positions.iter().all(|&(n, a, i)| {
                (n as usize) < self.ends.len()
                    && (a as usize) < self.ids.len()
                    && (i as usize) < self.ids.len()
            })
    }

    /// The folded text of entry `n`.
    fn entry(&self, n: usize) -> &[u8] {
        let start = match n {
            0 => 0,
            n => self.ends[n - 1] as usize + 1,
        };
        &self.folded[start..self.ends[n] as usize]
    }

    /// The numbers of the entries that match, in order. An empty query matches all.
    pub fn matching(&self, m: &Matcher<'_>) -> Vec<usize> {
        let n = self.ends.len();
        if m.query.is_empty() {
            return (0..n).collect();
        }
        if m.impossible {
            return Vec::new();
        }
        let mut alive = vec![true; n];
        let mut hit = vec![false; n];
        for (t, finder) in m.finders.iter().enumerate() {
            hit.fill(false);
            let mut e = 0;
            for at in finder.find_iter(&self.folded) {
                while e < n && (self.ends[e] as usize) < at {
                    e += 1;
                }
                if e == n {
                    break;
                }
                hit[e] = true;
            }
            if !(m.actors[t].is_empty() && m.issues[t].is_empty()) {
                // Which of this brief's ids the term names, as an actor and as an issue.
                let as_actor: Vec<bool> =
                    self.ids.iter().map(|id| m.actors[t].contains(id)).collect();
                let as_issue: Vec<bool> =
                    self.ids.iter().map(|id| m.issues[t].contains(id)).collect();
                for &(p, a, i) in &self.positions {
                    if as_actor[a as usize] || as_issue[i as usize] {
                        hit[p as usize] = true;
                    }
                }
            }
            let mut any = false;
            for (alive, hit) in alive.iter_mut().zip(&hit) {
                *alive &= *hit;
                any |= *alive;
            }
            if !any {
                return Vec::new();
            }
        }
        (0..n).filter(|&i| alive[i]).collect()
    }

    /// Section number and place in that section's entries of entry `n`.
    pub fn place(&self, n: usize) -> (usize, usize) {
        let mut left = n as u64;
        for (s, &count) in self.sections.iter().enumerate() {
            if left < count {
                return (s, left as usize);
            }
            left -= count;
        }
        (self.sections.len(), 0)
    }

    /// The actor and issue of entry `n` when it is a position.
    fn names_of(&self, n: usize) -> Option<(&str, &str)> {
        let at = self
            .positions
            .binary_search_by_key(&(n as u64), |&(p, ..)| p)
            .ok()?;
        let (_, a, i) = self.positions[at];
        Some((&self.ids[a as usize], &self.ids[i as usize]))
    }
}

impl HitText {
    /// The bytes the cache keeps.
    pub fn to_bytes(&self) -> Vec<u8> {
        with_raw(&self.written, bitcode::encode(self))
    }

    /// What [`HitText::to_bytes`] made, if the bytes are that and fit `text`, the same
    /// brief's searchable text.
    pub fn from_bytes(blob: Vec<u8>, text: &SearchText) -> Option<HitText> {
        let (hits, written): (HitText, Vec<u8>) = from_raw(blob)?;
        Some(HitText { written, ..hits }).filter(|h| h.is_consistent(text))
    }

    /// Whether it fits `text`, the searchable text of the same brief.
    pub fn is_consistent(&self, text: &SearchText) -> bool {
        let mut start = 0u64;
        self.ends.len() == text.ends.len()
            && self.sections.len() == text.sections.len()
            && self.ends.iter().all(|&end| {
                let ok = end >= start && (end as usize) <= self.written.len();
                start = end;
                ok
            })
    }

    /// The selector of entry `n` and a snippet of its first field holding the query's
    /// first term (else of its first field), as `search::hit` makes it; `None` if the
    /// text is not what was written (not UTF-8).
    pub fn hit(
        &self,
        text: &SearchText,
        names: &impl Names,
        m: &Matcher<'_>,
        n: usize,
    ) -> Option<(String, String)> {
        let start = match n {
            0 => 0,
            n => self.ends[n - 1] as usize,
        };
        let written = &self.written[start..self.ends[n] as usize];
        let mut written = Fields::new(
            written.strip_suffix(&[FIELD as u8]).unwrap_or(written),
            FIELD,
        );
        let (s, _) = text.place(n);
        let selector = format!(
            "{}/{}/{}",
            self.brief,
            self.sections.get(s).map_or("", String::as_str),
            std::str::from_utf8(written.next().unwrap_or_default()).ok()?
        );
        let mut folded = Fields::new(text.entry(n), '\n');
        let first = m.finders.first();
        let find = |folded: &[u8]| first.and_then(|f| f.find(folded));
        // Only the field a snippet is made of is checked to be UTF-8.
        let snip = |w: &[u8], f: &[u8], at: usize| -> Option<(String, String)> {
            let (w, f) = (std::str::from_utf8(w).ok()?, std::str::from_utf8(f).ok()?);
            Some((selector.clone(), snippet(w, f, at, 100)))
        };
        // Every entry has a first field of its own: the snippet's field when no field
        // holds the term.
        let w0 = written.next().unwrap_or_default();
        let f0 = folded.next().unwrap_or_default();
        if let Some(at) = find(f0) {
            return snip(w0, f0, at);
        }
        let mut in_name: Option<(String, String, usize)> = None;
        if let Some((actor, issue)) = text.names_of(n) {
            names.each_name_of(actor, issue, &mut |name| {
                if in_name.is_none() {
                    let folded = fold(name);
                    if let Some(at) = find(folded.as_bytes()) {
                        in_name = Some((name.to_owned(), folded, at));
                    }
                }
            });
        }
        if let Some((name, folded, at)) = in_name {
            return Some((selector, snippet(&name, &folded, at, 100)));
        }
        for (w, f) in written.zip(folded) {
            if let Some(at) = find(f) {
                return snip(w, f, at);
            }
        }
        snip(w0, f0, 0)
    }
}

/// The pieces of `bytes` between separators.
struct Fields<'a> {
    rest: Option<&'a [u8]>,
    sep: u8,
}

impl<'a> Fields<'a> {
    fn new(bytes: &'a [u8], sep: char) -> Fields<'a> {
        Fields {
            rest: Some(bytes),
            sep: sep as u8,
        }
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest?;
        let piece = match memchr::memchr(self.sep, rest) {
            Some(at) => {
                self.rest = Some(&rest[at + 1..]);
                &rest[..at]
            }
            None => {
                self.rest = None;
                rest
            }
        };
        Some(piece)
    }
}
