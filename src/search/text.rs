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

use super::{Query, find_term, fold, fold_into, snippet, whole_at};
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
    /// Entries whose folded text is that of an earlier entry, with that entry, by entry
    /// number: written once (the later one's text is empty in `folded`). A paragraph a
    /// version keeps from the one before is most of a text's history, searched once.
    same: Vec<(u64, u64)>,
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
        // A paragraph of a negotiated text is found by its words and its heading. The rest
        // of its item is made from the text's history (a title from its first words, a
        // summary and lineage from the alignment), which would find every paragraph for
        // "unchanged" or "Lineage"; left out, a text's search needs its wording alone and
        // no brief made of it (see `draft::as_brief::searchable`).
        EntryRef::Item(x) if x.paragraph.is_some() => {
            push(paragraph_wording(x));
            x.group.as_deref().map(&mut push);
            return;
        }
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
        // Found by its words, its actors (their ids: names would need the corpus at every
        // search, as a position's do), what it asks and what became of it.
        EntryRef::Proposal(x) => {
            x.wording.as_deref().map(&mut push);
            x.summary.as_deref().map(&mut push);
            for a in &x.by {
                push(a);
            }
            push(x.action.name());
            if let Some(r) = x.status {
                push(r.name());
            }
            x.on.as_deref().or(x.after.as_deref()).map(&mut push);
        }
    }
    for t in e.tags() {
        push(t);
    }
    for c in e.cites().all() {
        push(&c.at);
    }
}

/// The wording of an item made from a text's paragraph: its body's first line, since a
/// paragraph's words are joined into one line (see `draft::model::join_lines`) and what
/// the body says after them is made from the history.
fn paragraph_wording(x: &crate::brief::model::Item) -> &str {
    x.body
        .as_deref()
        .map_or("", |b| b.split('\n').next().unwrap_or(""))
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
    let (text, hits) = make(brief, true);
    (text, hits.unwrap_or_default())
}

/// One brief's searchable text alone, as the reader keeps it.
pub fn text_of(brief: &Brief) -> SearchText {
    make(brief, false).0
}

fn make(brief: &Brief, hits: bool) -> (SearchText, Option<HitText>) {
    let mut out = Builder::new(&brief.id, hits);
    for s in &brief.sections {
        out.section(&s.id);
        for e in s.entries() {
            out.entry(e.id(), |push| own_fields(e, push));
            if let EntryRef::Position(p) = e {
                out.position(&p.actor, &p.issue);
            }
        }
    }
    out.finish()
}

/// Makes a brief's searchable text (and hit text, when asked), entry by entry, section by
/// section: from a brief's entries, or from what a text's entries would be without making
/// its brief (see `draft::as_brief::searchable`). Both ways give the same bytes.
pub struct Builder {
    text: SearchText,
    folded: String,
    hits: Option<(HitText, String)>,
    /// This entry's fields, folded, before it is known whether an earlier entry has them.
    scratch: String,
    /// The first entry with each hash of folded text, and the entries whose text is
    /// another's first (a hash shared by different texts keeps the later ones apart).
    seen: fnv::FnvHashMap<u64, u64>,
    ids: fnv::FnvHashMap<String, u64>,
    /// Entries so far, and in the section being made.
    n: u64,
    in_section: Option<u64>,
    /// Fold the fields: false when only the hit text is wanted (see [`Builder::hits`]).
    fold: bool,
    /// For each entry so far, the entry whose folded text it has, where that entry is
    /// the first with its hash in `seen` (itself, when it is): what an entry with the
    /// same fields shares (see [`Builder::entry_like`]).
    firsts: Vec<Option<u64>>,
    /// The entries whose fields are written into the hit text, by number, in order, and
    /// how many of them are passed; all when `None` (see [`Builder::only`]).
    only: Option<(Vec<usize>, usize)>,
}

impl Builder {
    pub fn new(brief: &str, hits: bool) -> Builder {
        Builder {
            text: SearchText::default(),
            folded: String::new(),
            hits: hits.then(|| {
                (
                    HitText {
                        brief: brief.to_owned(),
                        ..HitText::default()
                    },
                    String::new(),
                )
            }),
            scratch: String::new(),
            seen: Default::default(),
            ids: Default::default(),
            n: 0,
            in_section: None,
            fold: true,
            firsts: Vec::new(),
            only: None,
        }
    }

    /// Whether it makes a hit text.
    pub fn makes_hits(&self) -> bool {
        self.hits.is_some()
    }

    /// Write the fields of the entries `wanted` alone into the hit text (by number, in
    /// order): the hits to be shown. Every entry still has its id and its place.
    pub fn only(&mut self, wanted: Option<&[usize]>) {
        self.only = wanted.map(|w| (w.to_vec(), 0));
    }

    /// A builder of the hit text alone, for a brief whose searchable text is had already:
    /// its entries are counted but not folded (the searchable text it makes is empty but
    /// for its entries and sections, which the hit text must fit).
    pub fn hits(brief: &str) -> Builder {
        Builder {
            fold: false,
            ..Builder::new(brief, true)
        }
    }

    /// Room for about `entries` entries whose folded text is about `bytes` long, made
    /// ahead rather than grown to (a text's thousands of paragraphs otherwise copy it
    /// over and again).
    pub fn reserve(&mut self, entries: usize, bytes: usize) {
        if self.fold {
            self.folded.reserve(bytes);
            self.seen.reserve(entries);
        }
        self.text.ends.reserve(entries);
        self.firsts.reserve(entries);
    }

    /// Start the next section, `id`.
    pub fn section(&mut self, id: &str) {
        if let Some(count) = self.in_section.replace(0) {
            self.text.sections.push(count);
        }
        if let Some((h, _)) = &mut self.hits {
            h.sections.push(id.to_owned());
        }
    }

    /// The next entry of the section: its id and each of its fields, given to `push` in
    /// order.
    pub fn entry(&mut self, id: &str, fields: impl FnOnce(&mut dyn FnMut(&str))) {
        if let Some((wanted, next)) = &mut self.only {
            if wanted.get(*next) == Some(&(self.n as usize)) {
                *next += 1;
            } else if !self.fold {
                if let Some((h, written)) = &mut self.hits {
                    written.push(FIELD);
                    h.ends.push(written.len() as u64);
                }
                self.text.ends.push(self.folded.len() as u64);
                self.folded.push(END);
                self.firsts.push(None);
                self.n += 1;
                *self.in_section.get_or_insert(0) += 1;
                return;
            }
        }
        let Builder {
            scratch,
            hits,
            text,
            folded,
            seen,
            fold,
            firsts,
            ..
        } = self;
        let fold = *fold;
        scratch.clear();
        if let Some((_, written)) = hits.as_mut() {
            written.push_str(id);
            written.push(FIELD);
        }
        let mut first = true;
        fields(&mut |f: &str| {
            if fold {
                if !std::mem::take(&mut first) {
                    scratch.push('\n');
                }
                fold_into(f, scratch);
            }
            if let Some((_, written)) = hits.as_mut() {
                written.push_str(f);
                written.push(FIELD);
            }
        });
        // Empty text (all a hit text's builder folds) is never shared: it costs nothing
        // to write, and is not worth a hash.
        let mut first = None;
        if !scratch.is_empty() {
            let hash = xxhash_rust::xxh3::xxh3_64(scratch.as_bytes());
            let earlier = seen.get(&hash).copied().filter(|&k| {
                let k = k as usize;
                let start = if k == 0 {
                    0
                } else {
                    text.ends[k - 1] as usize + 1
                };
                folded.as_bytes()[start..text.ends[k] as usize] == *scratch.as_bytes()
            });
            match earlier {
                Some(k) => {
                    text.same.push((self.n, k));
                    first = Some(k);
                }
                None => {
                    folded.push_str(scratch);
                    if let std::collections::hash_map::Entry::Vacant(v) = seen.entry(hash) {
                        v.insert(self.n);
                        first = Some(self.n);
                    }
                }
            }
        }
        firsts.push(first);
        text.ends.push(folded.len() as u64);
        folded.push(END);
        if let Some((h, written)) = hits.as_mut() {
            h.ends.push(written.len() as u64);
        }
        self.n += 1;
        *self.in_section.get_or_insert(0) += 1;
    }

    /// [`Builder::entry`] of an entry whose fields are those of entry `like`, made
    /// before: its folded text is that entry's, shared as `entry` would share it, without
    /// folding the fields again (a paragraph a version keeps from the one before).
    pub fn entry_like(&mut self, id: &str, like: usize, fields: impl FnOnce(&mut dyn FnMut(&str))) {
        if self.fold
            && self.hits.is_none()
            && self.only.is_none()
            && let Some(&Some(k)) = self.firsts.get(like)
        {
            self.text.same.push((self.n, k));
            self.firsts.push(Some(k));
            self.text.ends.push(self.folded.len() as u64);
            self.folded.push(END);
            self.n += 1;
            *self.in_section.get_or_insert(0) += 1;
            return;
        }
        self.entry(id, fields);
    }

    /// The entry just made is a position of `actor` on `issue`.
    pub fn position(&mut self, actor: &str, issue: &str) {
        let mut id_of = |id: &str| -> u64 {
            if let Some(&i) = self.ids.get(id) {
                return i;
            }
            self.text.ids.push(id.to_owned());
            let i = self.text.ids.len() as u64 - 1;
            self.ids.insert(id.to_owned(), i);
            i
        };
        let (a, i) = (id_of(actor), id_of(issue));
        self.text.positions.push((self.n - 1, a, i));
    }

    pub fn finish(mut self) -> (SearchText, Option<HitText>) {
        if let Some(count) = self.in_section {
            self.text.sections.push(count);
        }
        self.text.folded = self.folded.into_bytes();
        let hits = self.hits.map(|(mut h, written)| {
            h.written = written.into_bytes();
            h
        });
        (self.text, hits)
    }
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
                if find_term(&name, t).is_some() {
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
pub fn with_raw(raw: &[u8], rest: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + rest.len() + 8);
    out.extend_from_slice(raw);
    out.extend_from_slice(&rest);
    out.extend_from_slice(&(rest.len() as u64).to_le_bytes());
    out
}

/// The raw text of [`with_raw`]'s bytes, without decoding the rest.
pub fn raw_of(blob: &[u8]) -> Option<&[u8]> {
    let len_at = blob.len().checked_sub(8)?;
    let len = u64::from_le_bytes(blob[len_at..].try_into().ok()?);
    let rest_at = len_at.checked_sub(usize::try_from(len).ok()?)?;
    Some(&blob[..rest_at])
}

/// The value and the raw text of [`with_raw`]'s bytes, if they are that. The text is not
/// checked to be UTF-8 here, which would cost as much as the search: each piece is
/// checked when it is used (see [`Fields`]).
pub fn from_raw<T: bitcode::DecodeOwned>(mut blob: Vec<u8>) -> Option<(T, Vec<u8>)> {
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

    /// How many entries share an earlier entry's text.
    pub fn shared(&self) -> usize {
        self.same.len()
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
            && self.same.windows(2).all(|w| w[0].0 < w[1].0)
            && self.same.iter().all(|&(n, k)| {
                // A later entry with no text of its own, sharing a first one's.
                k < n
                    && (n as usize) < self.ends.len()
                    && self.ends[n as usize]
                        == if n == 0 {
                            0
                        } else {
                            self.ends[n as usize - 1] + 1
                        }
                    && self.same.binary_search_by_key(&k, |&(e, _)| e).is_err()
            })
            && self.positions.iter().all(|&(n, a, i)| {
                (n as usize) < self.ends.len()
                    && (a as usize) < self.ids.len()
                    && (i as usize) < self.ids.len()
            })
    }

    /// The folded text of entry `n` (that of the earlier entry it shares it with).
    fn entry(&self, n: usize) -> &[u8] {
        let n = self
            .same
            .binary_search_by_key(&(n as u64), |&(e, _)| e)
            .map_or(n, |i| self.same[i].1 as usize);
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
            let term = m.query.terms[t].as_bytes();
            let mut from = 0;
            while let Some(at) = find_whole(finder, &self.folded, from, term) {
                while e < n && (self.ends[e] as usize) < at {
                    e += 1;
                }
                if e == n {
                    break;
                }
                hit[e] = true;
                // More of it in this entry changes nothing: on to the next.
                from = self.ends[e] as usize + 1;
            }
            for &(e, k) in &self.same {
                hit[e as usize] = hit[k as usize];
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
        let term = m.query.terms.first().map_or(&b""[..], |t| t.as_bytes());
        let find = |folded: &[u8]| first.and_then(|f| find_whole(f, folded, 0, term));
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

/// The first place from `from` on where `finder` finds `term` in `hay` and
/// [`whole_at`] admits it. Places overlap: the one after a refused place may start inside
/// it (`2 2` in `22 2 2`).
fn find_whole(finder: &Finder<'_>, hay: &[u8], mut from: usize, term: &[u8]) -> Option<usize> {
    while let Some(i) = finder.find(hay.get(from..)?) {
        let at = from + i;
        if whole_at(hay, at, term) {
            return Some(at);
        }
        from = at + 1;
    }
    None
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
