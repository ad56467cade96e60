//! The desk's marks in the order a prep sheet lists them, for `brief export` and the
//! reader's desk screen alike.

use crate::brief::corpus::{Corpus, Target};
use crate::brief::model::EntryRef;
use crate::desk::{Desk, Mark};

/// Marks in prep-sheet order, each with its brief's title and its issue's (or ""): by brief (in the corpus's order, orphans last), then
/// positions by issue, then the rest.
pub fn ordered<'d>(corpus: &Corpus, desk: &'d Desk) -> Vec<(String, String, &'d Mark)> {
    let mut rows: Vec<(usize, String, String, &Mark)> = Vec::new();
    for m in &desk.marks {
        let (rank, brief, group) = match corpus.resolve(&m.selector) {
            Some(Target::Entry(b, _, e)) => {
                let rank = corpus
                    .briefs()
                    .iter()
                    .position(|x| x.id == b.id)
                    .unwrap_or(usize::MAX - 1);
                let group = match e {
                    EntryRef::Position(p) => corpus
                        .issue(&p.issue)
                        .map_or(p.issue.to_string(), |i| i.title.to_string()),
                    _ => String::new(),
                };
                (rank, b.title.to_string(), group)
            }
            Some(t) => (0, crate::query::names::selector(t), String::new()),
            None => (usize::MAX, "Orphaned notes".to_owned(), String::new()),
        };
        rows.push((rank, brief, group, m));
    }
    // Stable: within a group, marks keep the order they were made in.
    rows.sort_by(|a, b| (a.0, &a.1, a.2.is_empty(), &a.2).cmp(&(b.0, &b.1, b.2.is_empty(), &b.2)));
    rows.into_iter().map(|(_, b, g, m)| (b, g, m)).collect()
}
