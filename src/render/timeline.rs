//! Dated events from every loaded brief, in date order, against today.

use std::io::{self, Write};

use super::{event_dates, selector};
use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::model::Event;

/// "in 3 days", "today", "12 days ago", or "now (ends in 2 days)" for a span around today.
pub fn relative(e: &Event, today: Date) -> String {
    let first = e.date.first_day_number();
    let last = e.end.as_ref().unwrap_or(&e.date).last_day_number();
    relative_span(first, last, today)
}

/// [`relative`] for a span given as day numbers.
pub fn relative_span(first: i64, last: i64, today: Date) -> String {
    let t = today.first_day_number();
    let days = |n: i64| {
        if n == 1 {
            "1 day".to_owned()
        } else {
            format!("{n} days")
        }
    };
    if t < first {
        format!("in {}", days(first - t))
    } else if t > last {
        format!("{} ago", days(t - last))
    } else if first == last {
        "today".to_owned()
    } else if t == last {
        "now (ends today)".to_owned()
    } else {
        format!("now (ends in {})", days(last - t))
    }
}

/// Every event whose span meets [from, to], sorted by date (stable: briefs' order within a day).
pub fn events<'c>(
    corpus: &'c Corpus,
    from: Option<Date>,
    to: Option<Date>,
) -> Vec<(Target<'c>, &'c Event)> {
    let mut out = Vec::new();
    for b in corpus.briefs() {
        for s in &b.sections {
            for e in &s.events {
                let last = e.end.as_ref().unwrap_or(&e.date).last_day_number();
                if from.is_some_and(|f| last < f.first_day_number())
                    || to.is_some_and(|t| e.date.first_day_number() > t.last_day_number())
                {
                    continue;
                }
                out.push((
                    Target::Entry(b, s, crate::brief::model::EntryRef::Event(e)),
                    e,
                ));
            }
        }
    }
    out.sort_by_key(|(_, e)| (e.date.first_day_number(), e.date));
    out
}

/// One event a line: dates<TAB>when<TAB>status<TAB>title (place)<TAB>selector.
pub fn render(
    corpus: &Corpus,
    from: Option<Date>,
    to: Option<Date>,
    today: Date,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let list = events(corpus, from, to);
    for (target, e) in &list {
        let status = e.status.label();
        let title = match &e.place {
            Some(p) => format!("{} ({p})", e.title),
            None => e.title.to_string(),
        };
        writeln!(
            out,
            "{}\t{}\t{status}\t{title}\t{}",
            event_dates(e),
            relative(e, today),
            selector(*target)
        )?;
    }
    Ok(list.len())
}
