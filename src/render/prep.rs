//! The desk on stdout: `brief notes` (every mark, one block each) and `brief export` (a
//! prep sheet of marked entries with summaries, citations and notes, grouped by brief and
//! issue).

use std::io::{self, Write};

use serde_json::json;

use super::entry_title;
use super::markdown::escape;
use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::model::{EntryRef, Event};
use crate::desk::{Desk, Mark, Standing};
use crate::query::names::citations;

fn kind(m: &Mark) -> &'static str {
    match (m.bookmark, m.note.is_some()) {
        (true, true) => "bookmark+note",
        (true, false) => "bookmark",
        _ => "note",
    }
}

/// `selector<TAB>kind<TAB>standing`, then the note indented by four spaces.
pub fn notes(corpus: &Corpus, desk: &Desk, json: bool, out: &mut dyn Write) -> io::Result<()> {
    for m in &desk.marks {
        let standing = desk.standing(m, corpus);
        if json {
            let v = json!({
                "selector": m.selector.as_str(),
                "bookmark": m.bookmark,
                "note": m.note.as_ref().map(|n| n.as_str()),
                "noted": m.noted.to_string(),
                "standing": standing.name(),
            });
            writeln!(out, "{v}")?;
            continue;
        }
        writeln!(
            out,
            "{}\t{}\t{}",
            super::field(&m.selector),
            kind(m),
            standing.name()
        )?;
        if let Some(n) = &m.note {
            for line in n.lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(())
}

pub use crate::query::desk::ordered;

/// The prep sheet as CommonMark.
pub fn export_markdown(
    corpus: &Corpus,
    desk: &Desk,
    today: Date,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "# Prep sheet")?;
    let mut brief = None;
    let mut group = None;
    for (b, g, m) in ordered(corpus, desk) {
        if brief.as_ref() != Some(&b) {
            writeln!(out, "\n## {}", escape(&b))?;
            brief = Some(b);
            group = None;
        }
        if !g.is_empty() && group.as_ref() != Some(&g) {
            writeln!(out, "\n### {}", escape(&g))?;
            group = Some(g);
        }
        let target = corpus.resolve(&m.selector);
        let title = match target {
            Some(Target::Entry(_, _, e)) => entry_title(corpus, e),
            _ => m.selector.to_string(),
        };
        let star = if m.bookmark { "★ " } else { "" };
        writeln!(out, "\n#### {star}{}\n", escape(&title))?;
        writeln!(out, "`{}`", m.selector)?;
        let standing = desk.standing(m, corpus);
        if standing != Standing::Current {
            writeln!(out, "\n> **{}** (noted {})", standing.label(), m.noted)?;
        }
        if let Some(Target::Entry(_, _, e)) = target {
            let summary = match e {
                EntryRef::Item(x) => Some(x.summary.to_string()),
                EntryRef::Figure(x) => Some(super::figure_value(x)),
                EntryRef::Event(x) => Some(format!(
                    "{}: {} ({})",
                    super::event_dates(x),
                    x.title,
                    event_standing(corpus, &m.selector, x, today)
                )),
                EntryRef::Position(x) => Some(format!("{}: {}", x.stance.label(), x.summary)),
                EntryRef::Proposal(x) => proposal_summary(x),
            };
            if let Some(s) = summary {
                writeln!(out, "\n{}", escape(&s))?;
            }
            // Each source's title links to where it can be read.
            for c in super::markdown::linked_citations(corpus, e.cites()) {
                writeln!(out, "\nSource: {c}")?;
            }
        }
        if let Some(n) = &m.note {
            writeln!(out, "\n**My note:**\n")?;
            for line in n.lines() {
                writeln!(out, "> {}", escape(line))?;
            }
        }
    }
    Ok(())
}

/// What a proposal asks, in a line: `amend “…” (recorded: rejected)`.
fn proposal_summary(x: &crate::brief::model::Proposal) -> Option<String> {
    let mut s = x.action.name().to_owned();
    if let Some(w) = &x.wording {
        s.push_str(&format!(" “{w}”"));
    }
    if let Some(r) = x.status {
        s.push_str(&format!(" (recorded: {})", r.name()));
    }
    Some(s)
}

/// An event's status as every view tells it (see [`crate::query::timeline::Standing`]).
fn event_standing(corpus: &Corpus, selector: &str, e: &Event, today: Date) -> String {
    crate::query::timeline::standing(corpus, selector, e, today).describe()
}

/// The prep sheet as JSON Lines: one object per mark, in prep-sheet order.
pub fn export_json(
    corpus: &Corpus,
    desk: &Desk,
    today: Date,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (b, g, m) in ordered(corpus, desk) {
        let target = corpus.resolve(&m.selector);
        // Every cited source with where it can be read.
        let sources: Vec<serde_json::Value> = match target {
            Some(Target::Entry(_, _, e)) => e
                .cites()
                .all()
                .iter()
                .filter_map(|c| corpus.source(&c.source))
                .map(|s| {
                    json!({
                        "id": s.id.as_str(),
                        "title": s.title.as_str(),
                        "url": crate::query::sources::address(s),
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        let (title, summary, source) = match target {
            Some(Target::Entry(_, _, e)) => (
                Some(entry_title(corpus, e)),
                match e {
                    EntryRef::Item(x) => Some(x.summary.to_string()),
                    EntryRef::Position(x) => Some(x.summary.to_string()),
                    EntryRef::Proposal(x) => proposal_summary(x),
                    EntryRef::Figure(x) => Some(super::figure_value(x)),
                    EntryRef::Event(x) => Some(format!(
                        "{} ({})",
                        x.summary.as_deref().unwrap_or(&x.title),
                        event_standing(corpus, &m.selector, x, today)
                    )),
                },
                Some(citations(corpus, e.cites()).join("; ")),
            ),
            _ => (None, None, None),
        };
        let v = json!({
            "brief": b,
            "issue": if g.is_empty() { None } else { Some(g) },
            "selector": m.selector.as_str(),
            "title": title,
            "summary": summary,
            "source": source,
            "sources": sources,
            "bookmark": m.bookmark,
            "note": m.note.as_ref().map(|n| n.as_str()),
            "standing": desk.standing(m, corpus).name(),
        });
        writeln!(out, "{v}")?;
    }
    Ok(())
}
