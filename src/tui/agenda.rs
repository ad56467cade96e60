//! The timeline screen's rows: dated events from every brief, in date order, with the
//! same event recorded by several briefs shown once.

use crate::brief::corpus::Corpus;
use crate::brief::date::Date;
use crate::brief::search::fold;
use crate::render::{event_dates, selector, timeline};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub dates: String,
    pub first_day: i64,
    pub last_day: i64,
    pub title: String,
    pub place: Option<String>,
    pub status: &'static str,
    /// Every entry recording this event; the first is opened.
    pub selectors: Vec<String>,
}

pub fn rows(corpus: &Corpus) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    // Each title folded once; the same event is found by its key, not by a scan.
    let mut seen: std::collections::HashMap<(i64, i64, String), usize> = Default::default();
    for (target, e) in timeline::events(corpus, None, None) {
        let sel = selector(target);
        let first_day = e.date.first_day_number();
        let last_day = e.end.as_ref().unwrap_or(&e.date).last_day_number();
        let key = (first_day, last_day, fold(&e.title));
        if let Some(&i) = seen.get(&key) {
            out[i].selectors.push(sel);
            continue;
        }
        seen.insert(key, out.len());
        out.push(Row {
            dates: event_dates(e),
            first_day,
            last_day,
            title: e.title.to_string(),
            place: e.place.as_ref().map(|p| p.to_string()),
            status: e.status.label(),
            selectors: vec![sel],
        });
    }
    out
}

/// "in 3 days", "12 days ago", "now (ends in 2 days)" for a row.
pub fn relative(row: &Row, today: Date) -> String {
    timeline::relative_span(row.first_day, row.last_day, today)
}

/// Index of the first row that is not over by `today`: where the today marker goes.
pub fn today_row(rows: &[Row], today: Date) -> usize {
    let t = today.first_day_number();
    rows.iter()
        .position(|r| r.last_day >= t)
        .unwrap_or(rows.len())
}
