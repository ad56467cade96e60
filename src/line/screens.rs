//! The reader's other screens in lines: search, the filters, compare (the issues, and
//! one issue's positions by stakeholder group, as the compare screen groups them), the
//! figures, the timeline and the desk, with `note` and `mark` (the note editor and the
//! bookmark key) on the entry being read.

use std::io;

use super::speak::{Out, echo};
use super::{Item, LineReader, Screen};
use crate::brief::corpus::{Corpus, Target};
use crate::brief::model::{EntryRef, StakeholderGroup, Stance};
use crate::query::matrix::Matrix;
use crate::query::names::{citations, entry_title};
use crate::search::{Filter, Query};

/// The last search: its words and hits.
#[derive(Debug, Default)]
pub struct SearchState {
    words: String,
    hits: Vec<crate::search::Hit>,
}

impl SearchState {
    pub fn where_in(&self) -> String {
        format!(
            "search for {} — {} {}",
            echo(&self.words),
            self.hits.len(),
            if self.hits.len() == 1 {
                "result"
            } else {
                "results"
            }
        )
    }
}

/// `search WORDS`: every entry that has them and passes the filter, numbered.
pub fn search(r: &mut LineReader<'_>, words: &str, out: &mut Out<'_>) -> io::Result<()> {
    if words.trim().is_empty() {
        if r.search.words.is_empty() {
            return out.line("Search for what? search WORDS, with \"a phrase\" in quotes.");
        }
    } else {
        let query = Query::parse(words);
        if query.is_empty() && r.filter.is_none() {
            return out.line("Nothing to search for in that: give a word.");
        }
        r.search = SearchState {
            words: words.trim().to_owned(),
            hits: r.hits(&query),
        };
    }
    r.enter(Screen::Search);
    show_search(r, out)
}

pub fn show_search(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let n = r.search.hits.len();
    match n {
        0 => out.line(&format!("Nothing matches {}.", echo(&r.search.words)))?,
        1 => out.line(&format!("1 entry matches {}:", echo(&r.search.words)))?,
        n => out.line(&format!("{n} entries match {}:", echo(&r.search.words)))?,
    }
    r.items.clear();
    for (i, h) in r.search.hits.iter().enumerate() {
        let title = match r.corpus.resolve(&h.selector) {
            Some(Target::Entry(_, _, e)) => entry_title(r.corpus, e),
            _ => h.selector.clone(),
        };
        // A hit in the title has the title for snippet: said once.
        let snippet = h.snippet.trim_matches('…');
        if title.contains(snippet.trim()) {
            out.line(&format!("{}. {title}", i + 1))?;
        } else {
            out.line(&format!("{}. {title}: {}", i + 1, h.snippet))?;
        }
        r.items.push(Item::Read(h.selector.clone()));
    }
    if n > 0 {
        out.line("open N reads one.")?;
    }
    Ok(())
}

/// `next`/`previous` on a screen of numbered things: read the one after or before the
/// entry being read, in that list.
pub fn step_list(r: &mut LineReader<'_>, forward: bool, out: &mut Out<'_>) -> io::Result<()> {
    let reads: Vec<String> = r
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Read(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    if reads.is_empty() {
        return out.line("There is nothing to step through here: open a number.");
    }
    let here =
        r.at.as_ref()
            .and_then(|a| reads.iter().position(|s| s == a));
    let to = match (here, forward) {
        (None, true) => Some(0),
        (None, false) => Some(reads.len() - 1),
        (Some(i), true) => Some(i + 1).filter(|&j| j < reads.len()),
        (Some(i), false) => i.checked_sub(1),
    };
    match to {
        Some(j) => {
            out.line(&format!("Item {} of {}.", j + 1, reads.len()))?;
            // Read it, staying on this screen with this list for the next `next`.
            r.at = Some(reads[j].clone());
            super::reader::show(r, out)?;
            r.items = reads.into_iter().map(Item::Read).collect();
            Ok(())
        }
        None => out.line(&format!(
            "That was the {} one.",
            if forward { "last" } else { "first" }
        )),
    }
}

/// `next result`, `previous result`: the entry the last search found after or before the
/// one being read (the reader's n and N), in the reader.
pub fn step_hits(r: &mut LineReader<'_>, forward: bool, out: &mut Out<'_>) -> io::Result<()> {
    let hits: Vec<String> = r.search.hits.iter().map(|h| h.selector.clone()).collect();
    if hits.is_empty() {
        return out.line("No search has results: search WORDS first.");
    }
    let here = r.at.as_ref().and_then(|a| hits.iter().position(|s| s == a));
    let to = match (here, forward) {
        (None, true) => Some(0),
        (None, false) => Some(hits.len() - 1),
        (Some(i), true) => Some(i + 1).filter(|&j| j < hits.len()),
        (Some(i), false) => i.checked_sub(1),
    };
    match to {
        Some(j) => {
            out.line(&format!("Result {} of {}.", j + 1, hits.len()))?;
            r.go(Screen::Reader, Some(hits[j].clone()));
            super::reader::show(r, out)
        }
        None => out.line(&format!(
            "That was the {} result.",
            if forward { "last" } else { "first" }
        )),
    }
}

// ---- filters ------------------------------------------------------------------------

/// A stakeholder group or stance by its name in briefs (`civil-society`) or in words
/// (`civil society`), any case.
fn named<T: Copy + serde::Serialize>(
    all: &[T],
    label: impl Fn(T) -> &'static str,
    word: &str,
) -> Option<T> {
    let norm = |s: &str| s.to_lowercase().replace(['-', '_'], " ");
    let want = norm(word);
    all.iter().copied().find(|&x| {
        let id = serde_json::to_value(x)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        norm(&id) == want || norm(label(x)) == want
    })
}

/// The filter in words, when there is one: `stance support; actor isoc`.
pub fn filter_words(f: &Filter) -> Option<String> {
    if f.is_none() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(w) = &f.within {
        parts.push(format!("in {w}"));
    }
    for s in &f.stances {
        parts.push(format!("stance {}", s.label()));
    }
    for g in &f.groups {
        parts.push(format!("group {}", g.label()));
    }
    for a in &f.actors {
        parts.push(format!("actor {a}"));
    }
    for t in &f.tags {
        parts.push(format!("tag {t}"));
    }
    for s in &f.sources {
        parts.push(format!("source {s}"));
    }
    Some(parts.join("; "))
}

/// Put `x` in `list`, or take it out if there: the filter menu's switch.
fn switch<T: PartialEq>(list: &mut Vec<T>, x: T) -> bool {
    match list.iter().position(|y| *y == x) {
        Some(i) => {
            list.remove(i);
            false
        }
        None => {
            list.push(x);
            true
        }
    }
}

/// `filter`: the choices; `filter KIND VALUE`: switch one; `filter clear`.
pub fn filter(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<()> {
    let (kind, value) = match rest.split_once(char::is_whitespace) {
        Some((k, v)) => (k.to_lowercase(), v.trim()),
        None => (rest.trim().to_lowercase(), ""),
    };
    let corpus: &Corpus = r.corpus;
    if kind.is_empty() {
        return filter_choices(r, out);
    }
    if matches!(kind.as_str(), "clear" | "off" | "none") {
        r.filter = Filter::default();
        out.line("Filter cleared.")?;
        return after_filter(r, out);
    }
    if value.is_empty() && kind != "in" {
        return out.line(&format!(
            "Filter by {} what? filter alone lists the choices.",
            echo(&kind)
        ));
    }
    let on = match kind.as_str() {
        "stance" | "stances" => match named(&Stance::ALL, Stance::label, value) {
            Some(s) => switch(&mut r.filter.stances, s),
            None => {
                return unknown_choice(
                    out,
                    "stance",
                    value,
                    Stance::ALL.map(Stance::label).join(", "),
                );
            }
        },
        "group" | "groups" => match named(&StakeholderGroup::ALL, StakeholderGroup::label, value) {
            Some(g) => switch(&mut r.filter.groups, g),
            None => {
                return unknown_choice(
                    out,
                    "group",
                    value,
                    StakeholderGroup::ALL
                        .map(StakeholderGroup::label)
                        .join(", "),
                );
            }
        },
        "actor" | "actors" => {
            let found = corpus.actors().find(|a| {
                a.id.eq_ignore_ascii_case(value)
                    || a.name.eq_ignore_ascii_case(value)
                    || a.short
                        .as_ref()
                        .is_some_and(|s| s.eq_ignore_ascii_case(value))
            });
            match found {
                Some(a) => switch(&mut r.filter.actors, a.id.to_string()),
                None => {
                    return out.line(&format!(
                        "No actor is named {}; filter lists the actors.",
                        echo(value)
                    ));
                }
            }
        }
        "tag" | "tags" => switch(&mut r.filter.tags, value.to_owned()),
        "source" | "sources" => {
            if !corpus.sources().any(|s| s.id == value) {
                return out.line(&format!(
                    "No source has the id {}; filter lists the sources.",
                    echo(value)
                ));
            }
            switch(&mut r.filter.sources, value.to_owned())
        }
        "in" | "within" => {
            let value = if value.is_empty() {
                r.at.clone().unwrap_or_default()
            } else {
                value.to_owned()
            };
            match corpus.resolve(&value) {
                Some(Target::Entry(..)) | None => {
                    return out.line(&format!(
                        "filter in takes a brief or a section; {} is not one.",
                        echo(&value)
                    ));
                }
                Some(_) => {
                    let was = r.filter.within.as_deref() == Some(value.as_str());
                    r.filter.within = (!was).then_some(value);
                    !was
                }
            }
        }
        _ => {
            return out.line(&format!(
                "There is no filter by {}: stance, group, actor, tag, source or in; filter alone lists the choices.",
                echo(&kind)
            ));
        }
    };
    out.line(&format!(
        "Filter {} {kind} {}.",
        if on { "on:" } else { "off:" },
        echo(value)
    ))?;
    after_filter(r, out)
}

fn unknown_choice(out: &mut Out<'_>, what: &str, value: &str, choices: String) -> io::Result<()> {
    out.line(&format!(
        "There is no {what} {}; the {what}s are: {choices}.",
        echo(value)
    ))
}

/// What a new filter changes on the screen: its list again.
fn after_filter(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    match r.screen.clone() {
        Screen::Search if !r.search.words.is_empty() => {
            let words = r.search.words.clone();
            search(r, &words, out)
        }
        Screen::Compare(_) | Screen::Reader => r.show(out),
        _ => Ok(()),
    }
}

/// The filter menu as lines: each kind and its choices.
fn filter_choices(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let corpus = r.corpus;
    match filter_words(&r.filter) {
        Some(f) => out.line(&format!("The filter now: {f}."))?,
        None => out.line("No filter is on.")?,
    }
    out.line("filter KIND VALUE puts a choice on, the same again takes it off; filter clear takes all off.")?;
    out.line(&format!(
        "stance: {}.",
        Stance::ALL.map(Stance::label).join(", ")
    ))?;
    out.line(&format!(
        "group: {}.",
        StakeholderGroup::ALL
            .map(StakeholderGroup::label)
            .join(", ")
    ))?;
    let actors: Vec<String> = corpus
        .actors()
        .map(|a| format!("{} ({})", a.id, a.name))
        .collect();
    out.line(&format!("actor: {}.", actors.join(", ")))?;
    let mut tags: Vec<String> = Vec::new();
    for b in corpus.briefs() {
        for s in &b.sections {
            for e in s.entries() {
                tags.extend(e.tags().iter().map(|t| t.to_string()));
            }
        }
    }
    tags.extend(
        corpus
            .issues()
            .flat_map(|i| i.tags.iter().map(|t| t.to_string())),
    );
    tags.sort();
    tags.dedup();
    out.line(&format!("tag: {}.", tags.join(", ")))?;
    let sources: Vec<String> = corpus
        .sources()
        .map(|s| format!("{} ({})", s.id, s.title))
        .collect();
    out.line(&format!("source: {}.", sources.join(", ")))?;
    out.line("in: a brief or section selector; in alone, where you are.")
}

// ---- compare ------------------------------------------------------------------------

/// `compare`: the issues; `compare ISSUE` or `compare N`: one issue side by side.
pub fn compare(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<()> {
    let rest = rest.trim();
    if rest.is_empty() {
        r.enter(Screen::Compare(None));
        return show_compare(r, None, out);
    }
    let m = Matrix::build(r.corpus, &r.filter);
    let issue = match rest.parse::<usize>() {
        Ok(n) => n.checked_sub(1).and_then(|i| m.issues.get(i)).cloned(),
        Err(_) => m
            .issues
            .iter()
            .find(|i| i.eq_ignore_ascii_case(rest))
            .cloned()
            .or_else(|| {
                r.corpus
                    .issues()
                    .find(|i| i.id.eq_ignore_ascii_case(rest))
                    .map(|i| i.id.to_string())
            }),
    };
    match issue {
        Some(issue) => {
            r.enter(Screen::Compare(Some(issue.clone())));
            show_compare(r, Some(&issue), out)
        }
        None => out.line(&format!(
            "No issue is named {}; compare alone lists them.",
            echo(rest)
        )),
    }
}

pub fn show_compare(
    r: &mut LineReader<'_>,
    issue: Option<&str>,
    out: &mut Out<'_>,
) -> io::Result<()> {
    let corpus: &Corpus = r.corpus;
    let m = Matrix::build(corpus, &r.filter);
    let Some(issue) = issue else {
        out.line(&format!(
            "{} issues with positions; open N puts the positions on one side by side:",
            m.issues.len()
        ))?;
        r.items.clear();
        for (row, id) in m.issues.iter().enumerate() {
            let title = corpus.issue(id).map_or(id.as_str(), |i| i.title.as_str());
            let actors = m.cells[row].iter().filter(|c| c.is_some()).count();
            out.line(&format!(
                "{}. {title} ({id}): {}, {actors} {}",
                row + 1,
                m.verdict(row).label(),
                if actors == 1 { "actor" } else { "actors" }
            ))?;
            r.items.push(Item::Issue(id.clone()));
        }
        return Ok(());
    };
    if let Some(i) = corpus.issue(issue) {
        out.line(&i.title)?;
        out.line(&i.question)?;
    }
    let Some(row) = m.issues.iter().position(|i| i == issue) else {
        return out.line("No positions on this issue pass the filter.");
    };
    out.line(&format!(
        "By group, each actor counted once: {}.",
        m.verdict(row).label()
    ))?;
    r.items.clear();
    for (g, tally) in m.groups.iter().zip(&m.tally[row]) {
        let actors: Vec<usize> = m
            .actors_in(corpus, *g)
            .into_iter()
            .filter(|&a| m.cells[row][a].is_some())
            .collect();
        if actors.is_empty() {
            continue;
        }
        out.blank()?;
        out.line(&format!(
            "{}: {}.",
            capitalised(g.label()),
            crate::render::compare::group_counts(tally)
        ))?;
        for a in actors {
            let Some(cell) = &m.cells[row][a] else {
                continue;
            };
            let id = &m.actors[a];
            let name = corpus.actor(id).map_or(id.as_str(), |x| x.name.as_str());
            let mut head = format!("{}. {name}: {}", r.items.len() + 1, cell.stance.label());
            if cell.reported {
                head.push_str(", only as others report it");
            }
            if cell.differs {
                head.push_str(", its positions differ");
            }
            out.line(&head)?;
            for (k, p) in cell.positions.iter().enumerate() {
                let Some(Target::Entry(_, _, EntryRef::Position(pos))) =
                    corpus.resolve(&p.selector)
                else {
                    continue;
                };
                if cell.positions.len() > 1 {
                    out.line(&format!(
                        "Position {} of {}: {}.",
                        k + 1,
                        cell.positions.len(),
                        pos.stance.label()
                    ))?;
                }
                out.line(&pos.summary)?;
                if let Some(by) = &pos.reported_by {
                    let who = corpus.actor(by).map_or(by.as_str(), |x| x.name.as_str());
                    out.line(&format!("As reported by {who}."))?;
                }
                let mut source = citations(corpus, &pos.cite).join("; ");
                if let Some(d) = &pos.date {
                    source = format!("Stated {d}. {source}");
                }
                out.line(&source)?;
                out.line(&p.selector)?;
            }
            if let Some(first) = cell.positions.first() {
                r.items.push(Item::Read(first.selector.clone()));
            }
        }
    }
    out.blank()?;
    out.line("open N reads that actor's latest position; up goes back to the issues.")
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---- figures ------------------------------------------------------------------------

pub fn show_figures(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let corpus: &Corpus = r.corpus;
    let measures = crate::query::figures::measures(corpus);
    if measures.is_empty() {
        return out.line("No brief gives figures.");
    }
    out.line(&format!("{} measures:", measures.len()))?;
    r.items.clear();
    for m in &measures {
        out.blank()?;
        out.line(&format!(
            "{}: {}; {}.",
            m.label,
            m.verdict().label(),
            m.about()
        ))?;
        for (f, also) in m.rows() {
            let mut line = format!(
                "{}. {}",
                r.items.len() + 1,
                crate::query::names::figure_value(f.figure)
            );
            if let Some(d) = f.figure.as_of {
                line.push_str(&format!(", as of {d}"));
            }
            line.push_str(&format!(
                ", in {}",
                citations(corpus, &f.figure.cite).join("; ")
            ));
            if !also.is_empty() {
                line.push_str(&format!(", and {} more saying the same", also.len()));
            }
            out.line(&line)?;
            r.items.push(Item::Read(f.selector()));
        }
    }
    Ok(())
}

// ---- timeline -----------------------------------------------------------------------

pub fn show_timeline(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let rows = crate::query::timeline::rows(r.corpus, None, None);
    if rows.is_empty() {
        return out.line("No brief has dated events.");
    }
    let today = crate::query::timeline::today_row(&rows, r.today);
    out.line(&format!("{} events, in date order:", rows.len()))?;
    r.items.clear();
    for (i, row) in rows.iter().enumerate() {
        if i == today {
            out.line(&format!("Today is {}.", r.today))?;
        }
        let mut line = format!(
            "{}. {}, {}, {}: {}",
            i + 1,
            row.dates,
            row.relative(r.today),
            row.label(r.today),
            row.title
        );
        if let Some(p) = &row.place {
            line.push_str(&format!(", {p}"));
        }
        if !row.other_titles.is_empty() {
            line.push_str(&format!("; also called {}", row.other_titles.join("; ")));
        }
        out.line(&line)?;
        r.items.push(Item::Read(
            row.selectors.first().cloned().unwrap_or_default(),
        ));
    }
    if today == rows.len() {
        out.line(&format!("Today is {}: every event is past.", r.today))?;
    }
    Ok(())
}

// ---- desk ---------------------------------------------------------------------------

pub fn show_desk(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let corpus: &Corpus = r.corpus;
    let desk = r.desk.clone();
    let rows = crate::query::desk::ordered(corpus, &desk);
    r.items.clear();
    if rows.is_empty() {
        return out.line("The desk is empty: mark bookmarks the entry being read, note TEXT writes a note on it.");
    }
    out.line(&format!(
        "{} {} on the desk:",
        rows.len(),
        if rows.len() == 1 { "mark" } else { "marks" }
    ))?;
    let mut heading = (String::new(), String::new());
    for (brief, group, mark) in rows {
        if heading != (brief.clone(), group.clone()) {
            let h = if group.is_empty() {
                brief.clone()
            } else {
                format!("{brief}, {group}")
            };
            out.line(&format!("{h}:"))?;
            heading = (brief, group);
        }
        let title = match corpus.resolve(&mark.selector) {
            Some(Target::Entry(_, _, e)) => entry_title(corpus, e),
            _ => mark.selector.to_string(),
        };
        let mut words = Vec::new();
        if mark.bookmark {
            words.push("bookmarked".to_owned());
        }
        let standing = desk.standing(mark, corpus);
        if !standing.label().is_empty() {
            words.push(standing.label().to_owned());
        }
        words.push(format!("{}", mark.noted));
        out.line(&format!(
            "{}. {title} — {}",
            r.items.len() + 1,
            words.join(", ")
        ))?;
        if let Some(n) = mark.note.as_ref().filter(|n| !n.trim().is_empty()) {
            out.line(&format!("Note: {n}"))?;
        }
        r.items.push(Item::Read(mark.selector.to_string()));
    }
    Ok(())
}

/// The entry being read, for `note` and `mark`.
fn entry_at_hand<'c>(r: &LineReader<'c>) -> Option<Target<'c>> {
    match r.at.as_deref().and_then(|s| r.corpus.resolve(s)) {
        Some(t @ Target::Entry(..)) => Some(t),
        _ => None,
    }
}

/// `note TEXT`, `note`, `note clear`: the note editor.
pub fn note(r: &mut LineReader<'_>, text: &str, out: &mut Out<'_>) -> io::Result<()> {
    let Some(t) = entry_at_hand(r) else {
        return out.line("Notes go on entries: open an entry first.");
    };
    let sel = crate::query::names::selector(t);
    let text = text.trim();
    if text.is_empty() {
        return match r.desk.get(&sel).and_then(|m| m.note.as_ref()) {
            Some(n) if !n.trim().is_empty() => out.line(&format!("Your note: {n}")),
            _ => out.line("No note on this entry; note TEXT writes one."),
        };
    }
    let clear = matches!(text.to_lowercase().as_str(), "clear" | "delete" | "remove");
    let change = crate::desk::note(r.corpus, t, (!clear).then_some(text), r.today);
    if r.save(vec![change], out)? {
        out.line(if clear {
            "Note taken away."
        } else {
            "Note saved."
        })?;
    }
    Ok(())
}

/// `mark`: the bookmark on the entry being read, on or off.
pub fn mark(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let Some(t) = entry_at_hand(r) else {
        return out.line("Bookmarks go on entries: open an entry first.");
    };
    let sel = crate::query::names::selector(t);
    let on = !r.desk.get(&sel).is_some_and(|m| m.bookmark);
    let change = crate::desk::bookmark(r.corpus, t, on, r.today);
    if r.save(vec![change], out)? {
        out.line(if on {
            "Bookmarked."
        } else {
            "Bookmark taken away."
        })?;
    }
    Ok(())
}
