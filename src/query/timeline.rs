//! The timeline's rows: dated events from every brief in date order, one row per meeting
//! however many briefs record it and whatever each calls it, and when each is from today
//! in words a reader takes in at a glance.

use std::collections::{BTreeSet, HashMap};

use crate::brief::corpus::{Corpus, EventMark};
use crate::brief::date::{Date, MONTHS};
use crate::brief::model::{Brief, Event, EventStatus, Section};
use crate::search::fold;

/// An event with where it stands.
#[derive(Debug, Clone, Copy)]
pub struct PlacedEvent<'c> {
    pub brief: &'c Brief,
    pub section: &'c Section,
    pub event: &'c Event,
}

impl PlacedEvent<'_> {
    pub fn selector(&self) -> String {
        format!("{}/{}/{}", self.brief.id, self.section.id, self.event.id)
    }
}

/// One row of the timeline: an event, or one meeting that several briefs record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub date: Date,
    pub end: Option<Date>,
    /// "2025-12-16 to 2025-12-17"
    pub dates: String,
    /// Day numbers of the span's first and last day (see [`Date::first_day_number`]).
    pub first_day: i64,
    pub last_day: i64,
    /// The first brief's title for the event.
    pub title: String,
    /// Every other title the event goes by, in the briefs' order, without repeats.
    pub other_titles: Vec<String>,
    pub place: Option<String>,
    /// `held` if any brief reports it held: a later brief knows what an earlier planned.
    pub status: EventStatus,
    /// Every entry recording this event, in the briefs' order; the first is opened.
    pub selectors: Vec<String>,
}

impl Row {
    /// "in 3 days", "5 months ago", "next year": see [`relative`].
    pub fn relative(&self, today: Date) -> String {
        relative(self.date, self.end, today)
    }

    /// Still marked planned, though its last day has passed: the briefs may be out of date.
    pub fn overdue(&self, today: Date) -> bool {
        self.status == EventStatus::Planned && self.last_day < today.first_day_number()
    }

    /// The row's status as of `today`, in the words every view uses ([`Standing::label`]).
    pub fn label(&self, today: Date) -> &'static str {
        if self.first_day > today.last_day_number() {
            // Told as of a day before it (`--today`): it had not happened yet, whatever a
            // later brief records.
            Standing::Planned.label()
        } else if self.status == EventStatus::Held {
            Standing::Held.label()
        } else if self.overdue(today) {
            Standing::OutcomeUnknown.label()
        } else {
            Standing::Planned.label()
        }
    }
}

/// What is known, as of a day, of how an event went: the one status every view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    Held,
    /// Planned, and its dates have not all passed.
    Planned,
    /// Planned, and another loaded event records it as held: that event's selector.
    HeldElsewhere(String),
    /// Planned, its dates have passed, and no loaded brief records how it went.
    OutcomeUnknown,
}

impl Standing {
    /// One word or two, for columns: "held", "planned", "outcome unknown".
    pub fn label(&self) -> &'static str {
        match self {
            Standing::Held | Standing::HeldElsewhere(_) => "held",
            Standing::Planned => "planned",
            Standing::OutcomeUnknown => "outcome unknown",
        }
    }

    /// The label with what it rests on, for a page: where a planned event is recorded as
    /// held, and why the outcome of a past one is not known.
    pub fn describe(&self) -> String {
        match self {
            Standing::Held => "held".to_owned(),
            Standing::Planned => "planned".to_owned(),
            Standing::HeldElsewhere(by) => format!("held, as {by} records (planned here)"),
            Standing::OutcomeUnknown => "outcome unknown: planned here, the date has passed, and no loaded brief records how it went".to_owned(),
        }
    }
}

/// How the event at `selector` stands on `today`.
pub fn standing(corpus: &Corpus, selector: &str, e: &Event, today: Date) -> Standing {
    if e.date.first_day_number() > today.last_day_number() {
        return Standing::Planned;
    }
    if e.status == EventStatus::Held {
        return Standing::Held;
    }
    if let Some(by) = recorded_outcome(corpus, selector) {
        return Standing::HeldElsewhere(by);
    }
    let last = e.end.unwrap_or(e.date).last_day_number();
    if last < today.first_day_number() {
        Standing::OutcomeUnknown
    } else {
        Standing::Planned
    }
}

/// The selector of a loaded event that records the outcome of the one at `selector`:
/// one that names it in its `outcome_of`, or else one that is the same meeting (linked by
/// `same_as`, either way and through others) and was held or has its outcome recorded.
/// Told from what the corpus keeps of each brief's events: no brief is made for it.
pub fn recorded_outcome(corpus: &Corpus, selector: &str) -> Option<String> {
    let all = corpus.event_marks();
    let outcome_of = |sel: &str| {
        all.iter()
            .find(|m| m.outcome_of.iter().any(|o| o.as_str() == sel))
            .map(|m| m.selector.to_string())
    };
    if let Some(by) = outcome_of(selector) {
        return Some(by);
    }
    same_group(&all, selector).into_iter().find_map(|other| {
        if all.iter().any(|m| m.selector.as_str() == other && m.held) {
            Some(other)
        } else {
            outcome_of(&other)
        }
    })
}

/// The events linked to the one at `selector` by `same_as`, either way and through
/// others, nearest first, without it.
fn same_group(all: &[EventMark], selector: &str) -> Vec<String> {
    let mut group: Vec<String> = vec![selector.to_owned()];
    let mut i = 0;
    while i < group.len() {
        let here = group[i].clone();
        for m in all {
            let linked: Vec<String> = if m.selector.as_str() == here {
                m.same_as.iter().map(|t| t.to_string()).collect()
            } else if m.same_as.iter().any(|t| t.as_str() == here) {
                vec![m.selector.to_string()]
            } else {
                Vec::new()
            };
            for other in linked {
                if !group.contains(&other) {
                    group.push(other);
                }
            }
        }
        i += 1;
    }
    group.remove(0);
    group
}

/// The events recorded as the same meeting as the one at `selector`: those its
/// `same_as` names, then those whose `same_as` names it, each once. No brief is made
/// for it.
pub fn same_meeting(corpus: &Corpus, selector: &str, e: &Event) -> Vec<String> {
    let mut out: Vec<String> = e.same_as.iter().map(|t| t.to_string()).collect();
    for m in corpus.event_marks() {
        if m.same_as.iter().any(|t| t.as_str() == selector)
            && !out.contains(&m.selector.to_string())
        {
            out.push(m.selector.to_string());
        }
    }
    out
}

/// Every event whose span meets [from, to], in timeline order ([`sort_key`]; the briefs'
/// order within a key).
pub fn events(corpus: &Corpus, from: Option<Date>, to: Option<Date>) -> Vec<PlacedEvent<'_>> {
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
                out.push(PlacedEvent {
                    brief: b,
                    section: s,
                    event: e,
                });
            }
        }
    }
    out.sort_by_key(|p| sort_key(p.event.date));
    out
}

/// Where a date goes in the timeline: an exact day at that day; a month at its first
/// day, before the days inside it, as its date sorts everywhere else and as its "ago" is
/// counted ([`relative`]), so a list read down never goes back in time; a year after
/// every day and month inside it (at its last day).
pub fn sort_key(date: Date) -> (i64, u8) {
    match (date.month, date.day) {
        (Some(_), Some(_)) => (date.first_day_number(), 1),
        (Some(_), None) => (date.first_day_number(), 0),
        _ => (date.last_day_number(), 2),
    }
}

/// A row's index and the significant words of one of its titles.
type TitleOfRow = (usize, BTreeSet<String>);

/// The timeline's rows: [`events`] with the same meeting recorded by several briefs
/// folded into one row. Two events fold when they have exactly the same dates (never
/// different days) and [`similar_titles`].
pub fn rows(corpus: &Corpus, from: Option<Date>, to: Option<Date>) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    // Rows by their exact dates, with each title's words, so a fold is found without a
    // scan of every row.
    let mut by_dates: HashMap<(Date, Option<Date>), Vec<TitleOfRow>> = HashMap::new();
    // Rows of events that record the outcome of others or are the same meeting as others,
    // with the selectors they name.
    let mut links: Vec<Link> = Vec::new();
    for p in events(corpus, from, to) {
        let e = p.event;
        let end = e.end.filter(|d| *d != e.date);
        let words = significant_words(&e.title);
        let candidates = by_dates.entry((e.date, end)).or_default();
        let title = e.title.to_string();
        let row = if let Some(&(i, _)) = candidates.iter().find(|(_, w)| similar_words(w, &words)) {
            let row = &mut out[i];
            row.selectors.push(p.selector());
            if row.title != title && !row.other_titles.contains(&title) {
                row.other_titles.push(title);
            }
            if e.status == EventStatus::Held {
                row.status = EventStatus::Held;
            }
            if row.place.is_none() {
                row.place = e.place.as_ref().map(|p| p.to_string());
            }
            // Each title's words stay a candidate: A like B and B like C fold C into A.
            candidates.push((i, words));
            i
        } else {
            candidates.push((out.len(), words));
            out.push(Row {
                date: e.date,
                end,
                dates: match end {
                    Some(end) => format!("{} to {end}", e.date),
                    None => e.date.to_string(),
                },
                first_day: e.date.first_day_number(),
                last_day: end.unwrap_or(e.date).last_day_number(),
                title,
                other_titles: Vec::new(),
                place: e.place.as_ref().map(|p| p.to_string()),
                status: e.status,
                selectors: vec![p.selector()],
            });
            out.len() - 1
        };
        if !e.outcome_of.is_empty() {
            links.push(Link {
                row,
                to: e.outcome_of.iter().map(|o| o.to_string()).collect(),
                outcome: true,
            });
        }
        if !e.same_as.is_empty() {
            links.push(Link {
                row,
                to: e.same_as.iter().map(|o| o.to_string()).collect(),
                outcome: false,
            });
        }
    }
    fold_links(out, &links)
}

/// A row whose event names others: in its `outcome_of` (planned events whose outcome it
/// records) or its `same_as` (the same meeting under another name or date).
struct Link {
    row: usize,
    to: Vec<String>,
    outcome: bool,
}

/// A row whose event names others (its `outcome_of` or `same_as`) takes their rows into
/// its own: one meeting, with every brief's entry still reachable from it. An outcome
/// makes the meeting held; a `same_as` leaves it as the briefs record it (held if any
/// says so).
fn fold_links(rows: Vec<Row>, links: &[Link]) -> Vec<Row> {
    if links.is_empty() {
        return rows;
    }
    let mut into: Vec<Option<(usize, bool)>> = vec![None; rows.len()];
    for l in links {
        for (j, r) in rows.iter().enumerate() {
            if j != l.row && into[j].is_none() && r.selectors.iter().any(|s| l.to.contains(s)) {
                into[j] = Some((l.row, l.outcome));
            }
        }
    }
    let mut rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    for j in 0..rows.len() {
        let Some((i, outcome)) = into[j] else {
            continue;
        };
        // A row folded into one that is itself folded goes to the end of the chain (a
        // loop, which `brief check` refuses, stops where it comes round).
        let mut i = i;
        let mut steps = 0;
        while let Some((k, _)) = into[i] {
            if k == j || steps > into.len() {
                break;
            }
            i = k;
            steps += 1;
        }
        if i == j {
            continue;
        }
        if let Some(r) = rows[j].take()
            && let Some(target) = rows[i].as_mut()
        {
            if outcome || r.status == EventStatus::Held {
                target.status = EventStatus::Held;
            }
            for sel in r.selectors {
                if !target.selectors.contains(&sel) {
                    target.selectors.push(sel);
                }
            }
            for t in std::iter::once(r.title).chain(r.other_titles) {
                if t != target.title && !target.other_titles.contains(&t) {
                    target.other_titles.push(t);
                }
            }
            if target.place.is_none() {
                target.place = r.place;
            }
        }
    }
    rows.into_iter().flatten().collect()
}

/// Index of the first row that is not over by `today`: where the today marker goes.
pub fn today_row(rows: &[Row], today: Date) -> usize {
    let t = today.first_day_number();
    rows.iter()
        .position(|r| r.last_day >= t)
        .unwrap_or(rows.len())
}

/// Words that say nothing about which meeting a title names.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "de", "des", "du", "et", "la", "le", "les", "el", "en", "y",
];

/// A title's significant words, folded (case, accents): "WSIS+20 High-Level Meeting of
/// the UN General Assembly" gives {20, assembly, general, high, level, meeting, un, wsis}.
pub fn significant_words(title: &str) -> BTreeSet<String> {
    fold(title)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .map(str::to_owned)
        .collect()
}

/// Two titles name the same thing: their significant words overlap by at least three
/// fifths of all the words either has (Jaccard index ≥ 0.6). Titles of stopwords alone
/// must be equal once folded.
pub fn similar_titles(a: &str, b: &str) -> bool {
    similar_words(&significant_words(a), &significant_words(b)) || fold(a) == fold(b)
}

fn similar_words(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    let shared = a.intersection(b).count();
    let all = a.len() + b.len() - shared;
    shared * 5 >= all * 3
}

/// The time from day `from` to day `to` (day numbers, `from` ≤ `to`): "3 days",
/// "5 months", "36 years". Days up to about two months, whole calendar months up to two
/// years, then whole years; always rounded down, so "2 years" have fully passed.
pub fn duration(from: i64, to: i64) -> String {
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let days = to - from;
    if days <= 60 {
        return plural(days, "day");
    }
    let (a, b) = (Date::from_day_number(from), Date::from_day_number(to));
    let month_index = |d: Date| i64::from(d.year) * 12 + i64::from(d.month.unwrap_or(1));
    let months = month_index(b) - month_index(a) - i64::from(b.day < a.day);
    if months < 24 {
        plural(months, "month")
    } else {
        plural(months / 12, "year")
    }
}

fn month_name(d: Date) -> String {
    match d.month {
        Some(m) => format!("{} {}", MONTHS[usize::from(m - 1)], d.year),
        None => d.year.to_string(),
    }
}

/// When an event is from `today`, at the precision its dates have: "in 3 days", "12 days
/// ago", "today", "now (ends in 2 days)", "5 months ago", "36 years ago"; a year-only
/// date "next year", "last year", "this year", "in 3 years"; a month-only date "in
/// December 2025", "this month", "last month", "12 months ago" — never a count of days
/// the source did not give.
pub fn relative(date: Date, end: Option<Date>, today: Date) -> String {
    let last_date = end.unwrap_or(date);
    let (first, last) = (date.first_day_number(), last_date.last_day_number());
    let t = today.first_day_number();
    if t < first {
        return match (date.month, date.day) {
            (Some(_), Some(_)) => format!("in {}", duration(t, first)),
            (Some(_), None) => format!("in {}", month_name(date)),
            _ if date.year == today.year + 1 => "next year".to_owned(),
            _ => format!("in {} years", date.year - today.year),
        };
    }
    if t > last {
        let months_since = || {
            (i64::from(today.year) * 12 + i64::from(today.month.unwrap_or(1)))
                - (i64::from(last_date.year) * 12 + i64::from(last_date.month.unwrap_or(1)))
        };
        return match (last_date.month, last_date.day) {
            (Some(_), Some(_)) => format!("{} ago", duration(last, t)),
            // A month is counted in whole months from its first day (where it sorts),
            // and in years as those months make, as a day inside it would be.
            (Some(_), None) if months_since() == 1 => "last month".to_owned(),
            (Some(_), None) if months_since() < 24 => format!("{} months ago", months_since()),
            (Some(_), None) => format!("{} years ago", months_since() / 12),
            _ if last_date.year + 1 == today.year => "last year".to_owned(),
            _ => format!("{} years ago", today.year - last_date.year),
        };
    }
    // Today is inside the span.
    match (last_date.month, last_date.day, end) {
        (Some(_), Some(_), _) if first == last => "today".to_owned(),
        (Some(_), Some(_), _) if t == last => "now (ends today)".to_owned(),
        (Some(_), Some(_), _) => format!("now (ends in {})", duration(t, last)),
        (Some(_), None, None) => "this month".to_owned(),
        (None, _, None) => "this year".to_owned(),
        (_, _, Some(_)) => format!("now (until {})", month_name(last_date)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fixture_world;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn one_meeting_under_three_titles_is_one_row() {
        // Old logic keyed rows by the folded title: three rows for one meeting.
        let titles = [
            "WSIS High-Level Meeting of the UN General Assembly",
            "WSIS+20 High-Level Meeting of the UN General Assembly",
            "High-Level Meeting of the UN General Assembly on WSIS+20",
        ];
        for a in titles {
            for b in titles {
                assert!(similar_titles(a, b), "{a} / {b}");
            }
        }
        assert!(!similar_titles(
            "IGF Open Forum on Data Governance",
            "Main Session on Data Governance"
        ));
        assert!(!similar_titles("Session 1", "Session 2"));
        assert!(similar_titles("Réunion plénière", "reunion PLENIERE"));

        let c = fixture_world();
        let rows = rows(&c, None, None);
        let plenary: Vec<&Row> = rows
            .iter()
            .filter(|r| r.dates == "2025-12-16 to 2025-12-17")
            .collect();
        assert_eq!(
            plenary.len(),
            2,
            "the plenary and the unrelated forum: {plenary:#?}"
        );
        assert_eq!(
            plenary[0].selectors,
            [
                "reader-alpha/timeline/plenary",
                "reader-beta/timeline/plenary",
                "reader-gamma/timeline/plenary"
            ]
        );
        assert_eq!(plenary[0].other_titles.len(), 2);
        assert_eq!(plenary[1].selectors, ["reader-beta/timeline/rural-forum"]);
    }

    #[test]
    fn different_days_never_fold() {
        // Move gamma's plenary a day later: alike titles, other days, so its own row.
        let moved = crate::query::fixture_world_edited(|briefs| {
            let gamma = briefs.iter_mut().find(|b| b.id == "reader-gamma").unwrap();
            let plenary = gamma
                .sections
                .iter_mut()
                .flat_map(|s| &mut s.events)
                .find(|e| e.id == "plenary")
                .unwrap();
            plenary.date = d("2025-12-17");
            plenary.end = Some(d("2025-12-18"));
        });
        let rows = rows(&moved, None, None);
        let plenary: Vec<&Row> = rows
            .iter()
            .filter(|r| r.title.contains("Plenary"))
            .collect();
        assert_eq!(plenary.len(), 2);
        assert_eq!(plenary[0].selectors.len(), 2);
        assert_eq!(plenary[1].selectors, ["reader-gamma/timeline/plenary"]);
    }

    #[test]
    fn relative_time_says_days_months_or_years() {
        // Old logic: "13484 days ago" for an event of 1989.
        let today = d("2025-12-01");
        let r = |date: &str, end: Option<&str>| relative(d(date), end.map(d), today);
        assert_eq!(r("2025-12-04", None), "in 3 days");
        assert_eq!(r("2025-11-19", None), "12 days ago");
        assert_eq!(r("2025-12-01", None), "today");
        assert_eq!(r("2025-11-30", Some("2025-12-03")), "now (ends in 2 days)");
        assert_eq!(r("2025-11-30", Some("2025-12-01")), "now (ends today)");
        assert_eq!(r("2025-12-02", None), "in 1 day");
        assert_eq!(r("2026-01-30", None), "in 60 days");
        assert_eq!(r("2025-06-20", None), "5 months ago");
        assert_eq!(r("1989-05-02", None), "36 years ago");
        assert_eq!(r("2024-01-01", None), "23 months ago");
        assert_eq!(r("2023-11-01", None), "2 years ago");
    }

    #[test]
    fn partial_dates_keep_their_precision() {
        let today = d("2025-12-01");
        let r = |date: &str| relative(d(date), None, today);
        assert_eq!(r("2026"), "next year");
        assert_eq!(r("2028"), "in 3 years");
        assert_eq!(r("2025"), "this year");
        assert_eq!(r("2024"), "last year");
        assert_eq!(r("1990"), "35 years ago");
        assert_eq!(r("2025-12"), "this month");
        assert_eq!(r("2026-06"), "in June 2026");
        assert_eq!(
            relative(d("2025-12"), None, d("2024-12-24")),
            "in December 2025"
        );
        assert_eq!(
            relative(d("2025-12"), None, d("2026-12-24")),
            "12 months ago"
        );
        assert_eq!(r("2025-11"), "last month");
        assert_eq!(r("2022-05"), "3 years ago");
        assert_eq!(
            relative(d("2025-11"), Some(d("2026-02")), today),
            "now (until February 2026)"
        );
    }

    /// A month sorts at its first day, before the days inside it, and its "ago" goes down
    /// the list as the days' do: never more months ago than a day listed before it.
    #[test]
    fn a_month_sorts_before_its_days_and_counts_ago_from_its_first_day() {
        // Issue 24: "2025-12" sorted after 2025-12-17, and said "13 months ago" below a
        // day of the same month saying "12 months ago".
        assert!(sort_key(d("2025-12")) < sort_key(d("2025-12-01")));
        assert!(sort_key(d("2025-12")) < sort_key(d("2025-12-17")));
        assert!(sort_key(d("2025-11-30")) < sort_key(d("2025-12")));
        assert!(sort_key(d("2025")) > sort_key(d("2025-12-31")));
        let dates = [
            "2023-11-30",
            "2023-12",
            "2023-12-17",
            "2024-01-02",
            "2025-12",
            "2025-12-17",
            "2026-01",
        ];
        let mut sorted = dates.map(d);
        sorted.sort_by_key(|&x| sort_key(x));
        assert_eq!(sorted, dates.map(d));
        for today in ["2026-12-24", "2027-01-05", "2026-01-05", "2026-02-20"] {
            let count = |s: &str| -> i64 {
                let r = relative(d(s), None, d(today));
                if r.starts_with("in ") || r.starts_with("this ") || r.starts_with("now") {
                    return 0;
                }
                let n: i64 = r.split(' ').next().unwrap().parse().unwrap_or(1);
                match r.split(' ').nth(1) {
                    Some("years") | Some("year") => n * 12,
                    Some("days") | Some("day") => 0,
                    _ if r == "last month" => 1,
                    _ => n,
                }
            };
            let counts: Vec<i64> = dates.iter().map(|s| count(s)).collect();
            assert!(
                counts.windows(2).all(|w| w[0] >= w[1]),
                "{today}: {counts:?}"
            );
        }
        assert_eq!(
            relative(d("2025-12"), None, d("2027-01-05")),
            "13 months ago"
        );
        assert_eq!(relative(d("2023-12"), None, d("2026-01-05")), "2 years ago");
        let c = fixture_world();
        let rows = rows(&c, None, None);
        let order: Vec<String> = rows.iter().map(|r| r.dates.clone()).collect();
        assert_eq!(
            order,
            [
                "1989-05-02",
                "2025-03-12",
                "2025-12-16 to 2025-12-17",
                "2025-12-16 to 2025-12-17",
                "2026-06",
                "2026"
            ]
        );
        let today = d("2025-12-01");
        assert_eq!(today_row(&rows, today), 2);
        let overdue: Vec<&str> = rows
            .iter()
            .filter(|r| r.overdue(today))
            .map(|r| r.title.as_str())
            .collect();
        assert_eq!(overdue, ["Regional consultation in Port Sarn"]);
        let when: Vec<String> = rows.iter().map(|r| r.relative(today)).collect();
        assert_eq!(
            when,
            [
                "36 years ago",
                "8 months ago",
                "in 15 days",
                "in 15 days",
                "in June 2026",
                "next year"
            ]
        );
    }
}
