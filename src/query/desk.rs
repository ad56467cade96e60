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

/// A mark made on an earlier version of a paragraph, shown on the paragraph it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedMark<'d> {
    /// Where it was made: `Revision 1 ¶8`.
    pub on: String,
    pub mark: &'d Mark,
    /// The paragraph's words are not what they were in that version.
    pub changed_since: bool,
}

/// The marks on the paragraphs that `target` continues in earlier versions of its text,
/// the nearest version first: a note on `rev1/8` follows the paragraph to `rev2/new-8a`.
pub fn carried<'d>(corpus: &Corpus, desk: &'d Desk, target: Target<'_>) -> Vec<CarriedMark<'d>> {
    let Target::Entry(_, _, EntryRef::Item(item)) = target else {
        return Vec::new();
    };
    let Some(now) = &item.paragraph else {
        return Vec::new();
    };
    now.earlier
        .iter()
        .rev()
        .filter_map(|sel| {
            let mark = desk.get(sel)?;
            let then = match corpus.resolve(sel) {
                Some(Target::Entry(_, _, EntryRef::Item(x))) => x.paragraph.as_ref(),
                _ => None,
            };
            Some(CarriedMark {
                on: then.map_or_else(
                    || sel.to_string(),
                    |p| format!("{} ¶{}", p.version, p.label),
                ),
                mark,
                changed_since: then.is_none_or(|p| p.wording != now.wording),
            })
        })
        .collect()
}
