//! The documents a part of the briefs rests on: the sources its citations name, each once,
//! so that every view can list them with where they can be read.

use crate::brief::corpus::{Corpus, Target};
use crate::brief::model::{EntryRef, Source};

/// The sources the citations under `target` name (an entry's own, its other dates'
/// included), in the order they are first cited, each once. A citation of a source no
/// loaded brief declares is left out: there is nothing to say of it.
pub fn cited<'c>(corpus: &'c Corpus, target: Target<'_>) -> Vec<&'c Source> {
    let mut ids: Vec<String> = Vec::new();
    match target {
        Target::Brief(b) => {
            for s in &b.sections {
                for e in s.entries() {
                    cited_by(e, &mut ids);
                }
            }
        }
        Target::Section(_, s) => {
            for e in s.entries() {
                cited_by(e, &mut ids);
            }
        }
        Target::Entry(_, _, e) => cited_by(e, &mut ids),
    }
    ids.iter().filter_map(|id| corpus.source(id)).collect()
}

/// Add the ids of the sources `e` cites to `ids`, those not there yet.
fn cited_by(e: EntryRef<'_>, ids: &mut Vec<String>) {
    let mut add = |id: &str| {
        if !ids.iter().any(|x| x == id) {
            ids.push(id.to_owned());
        }
    };
    for c in e.cites().all() {
        add(&c.source);
    }
    if let EntryRef::Event(x) = e {
        for d in &x.other_dates {
            for c in d.cite.all() {
                add(&c.source);
            }
        }
    }
}

/// Where a source can be read, when it is an address a reader can follow: an http(s)
/// URL (`brief check` refuses any other; a cached or made-up brief is not trusted to).
pub fn address(source: &Source) -> Option<&str> {
    source
        .url
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
}

/// What a list says where a source has no address.
pub const NO_ADDRESS: &str = "no public address known";

/// "Title (Publisher, date)": a source as a list names it.
pub fn label(corpus: &Corpus, source: &Source) -> String {
    // A source made from a text's history names its publisher by actor id.
    let publisher = corpus
        .actor(&source.publisher)
        .map_or(source.publisher.as_str(), |a| a.name.as_str());
    let date = source
        .date
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    format!("{} ({publisher}, {date})", source.title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fixture_world;

    #[test]
    fn a_brief_lists_each_source_it_cites_once_in_order() {
        let c = fixture_world();
        let b = c.briefs().find("reader-alpha").unwrap();
        let ids: Vec<&str> = cited(&c, Target::Brief(b))
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert!(!ids.is_empty());
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
    }
}
