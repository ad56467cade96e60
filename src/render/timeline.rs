//! Dated events from every loaded brief, in date order, against today: the rows of
//! [`crate::query::timeline`], one meeting a line however many briefs record it.

use std::io::{self, Write};

use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::model::{EntryRef, Event};
use crate::query::timeline as query;

/// When an event is from `today`: see [`query::relative`].
pub fn relative(e: &Event, today: Date) -> String {
    query::relative(e.date, e.end, today)
}

/// [`relative`] for a span of exact days given as day numbers.
pub fn relative_span(first: i64, last: i64, today: Date) -> String {
    let end = (last != first).then(|| Date::from_day_number(last));
    query::relative(Date::from_day_number(first), end, today)
}

/// Every event whose span meets [from, to], in timeline order (see [`query::events`]).
pub fn events<'c>(
    corpus: &'c Corpus,
    from: Option<Date>,
    to: Option<Date>,
) -> Vec<(Target<'c>, &'c Event)> {
    query::events(corpus, from, to)
        .into_iter()
        .map(|p| {
            (
                Target::Entry(p.brief, p.section, EntryRef::Event(p.event)),
                p.event,
            )
        })
        .collect()
}

/// One row a line: dates<TAB>when<TAB>status<TAB>title (place)<TAB>selectors, the
/// selectors of every brief that records the event separated by spaces. Returns the
/// number of rows.
pub fn render(
    corpus: &Corpus,
    from: Option<Date>,
    to: Option<Date>,
    today: Date,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let rows = query::rows(corpus, from, to);
    for r in &rows {
        let title = match &r.place {
            Some(p) => format!("{} ({p})", r.title),
            None => r.title.clone(),
        };
        writeln!(
            out,
            "{}\t{}\t{}\t{title}\t{}",
            r.dates,
            r.relative(today),
            r.label(today),
            r.selectors.join(" ")
        )?;
    }
    Ok(rows.len())
}
