//! Dated events from every loaded brief, in date order, against today: the rows of
//! [`crate::query::timeline`], one meeting a line however many briefs record it.

use std::io::{self, Write};

use crate::brief::corpus::Corpus;
use crate::brief::date::Date;
use crate::query::timeline as query;

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
        let title = super::field(&title);
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
