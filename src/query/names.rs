//! What things are called wherever they are shown: a target's selector, an entry's
//! title, a citation, a figure's value, an event's dates. One wording for `brief show`,
//! the reader, the desk and the notes.

use crate::brief::corpus::{Corpus, Target};
use crate::brief::model::{Citation, Cites, EntryRef, Event, Figure, Proposal};
use crate::brief::proposal::{Action, place};

/// The markers of a paragraph of a negotiated text wherever it is listed: what happened
/// to it from the version before (`~` changed, `+` new, `✗` deleted: see
/// [`crate::brief::model::ParagraphChange::glyph`]), then `✓` when agreed in any form or
/// `◌` when suggested for closure, then `[2]` for spans still in brackets.
pub fn paragraph_markers(mark: &crate::brief::model::ParagraphMark) -> String {
    let mut s = mark.change.glyph().to_owned();
    match mark.status.as_deref() {
        Some(st) if st.contains("agreed") => s.push('✓'),
        Some(_) => s.push('◌'),
        None => {}
    }
    if mark.brackets > 0 {
        s.push_str(&format!("[{}]", mark.brackets));
    }
    s
}

/// The selector of a target.
pub fn selector(target: Target<'_>) -> String {
    match target {
        Target::Brief(b) => b.id.to_string(),
        Target::Section(b, s) => format!("{}/{}", b.id, s.id),
        Target::Entry(b, s, e) => format!("{}/{}/{}", b.id, s.id, e.id()),
    }
}

/// What an entry is called in lists and headings. Positions and proposals have no title
/// of their own: a position is named from its actor and issue, a proposal from its actors,
/// action and paragraph.
pub fn entry_title(corpus: &Corpus, e: EntryRef<'_>) -> String {
    match e {
        EntryRef::Position(p) => {
            let actor = corpus
                .actor(&p.actor)
                .map_or(p.actor.as_str(), |a| a.display_name());
            let issue = corpus
                .issue(&p.issue)
                .map_or(p.issue.as_str(), |i| &i.title);
            format!("{actor} — {issue}")
        }
        EntryRef::Proposal(p) => proposal_title(corpus, p),
        other => other.own_title().unwrap_or_default().to_owned(),
    }
}

/// The actors of a brief's proposal by their short names (ids where not declared).
pub fn proposal_by(corpus: &Corpus, p: &Proposal) -> String {
    p.by.iter()
        .map(|a| corpus.actor(a).map_or(a.as_str(), |x| x.display_name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Norland: amend ¶5 of harbour-statement/zero`, `SG: add a paragraph after ¶2 of …`.
pub fn proposal_title(corpus: &Corpus, p: &Proposal) -> String {
    let by = proposal_by(corpus, p);
    let action = match p.action {
        Action::Add => "add to",
        Action::Alternative => "alternative to",
        Action::Reservation => "reservation on",
        other => other.name(),
    };
    match p.at().and_then(|(at, after)| Some((place(at)?, after))) {
        Some(((text, version, label), false)) => {
            format!("{by}: {action} ¶{label} of {text}/{version}")
        }
        Some(((text, version, label), true)) => {
            format!(
                "{by}: {} a paragraph after ¶{label} of {text}/{version}",
                p.action.name()
            )
        }
        None => format!("{by}: {}", p.action.name()),
    }
}

/// What a brief's proposal says, field by field, as `brief show` and the reader list it
/// (its actors' names in full, with a joint actor's members).
pub fn proposal_fields(corpus: &Corpus, p: &Proposal) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let names: Vec<String> =
        p.by.iter()
            .map(|a| {
                corpus
                    .actor(a)
                    .map_or(a.to_string(), |x| x.name.to_string())
            })
            .collect();
    out.push(("Proposed by", names.join(", ")));
    for a in &p.by {
        if let Some(x) = corpus.actor(a)
            && !x.members.is_empty()
        {
            let members: Vec<&str> = x
                .members
                .iter()
                .map(|m| corpus.actor(m).map_or(m.as_str(), |y| y.name.as_str()))
                .collect();
            out.push(("Made jointly by", members.join(", ")));
        }
    }
    match p.at() {
        Some((at, false)) => out.push(("On", at.to_owned())),
        Some((at, true)) => out.push(("New after", at.to_owned())),
        None => {}
    }
    out.push(("Action", p.action.name().to_owned()));
    if let Some(w) = &p.wording {
        out.push(("Wording", format!("“{w}”")));
    }
    if let Some(d) = &p.date {
        out.push(("Proposed", d.to_string()));
    }
    if let Some(r) = p.status {
        out.push(("Recorded", r.name().to_owned()));
    }
    out
}

/// "A Pivotal Moment for Global Digital Cooperation (Internet Society, 2025-06), Question 5";
/// a source of a telling kind says so ("…, 2025-12-17; machine-generated summary), …"),
/// and one with no date says "undated".
pub fn citation(corpus: &Corpus, cite: &Citation) -> String {
    let (title, rest) = citation_parts(corpus, cite);
    format!("{title}{rest}")
}

/// [`citation`] in two: the source's title (its id when no loaded brief declares it),
/// and the rest (" (Internet Society, 2025-06), Question 5"), so that a view can make
/// the title a link.
pub fn citation_parts(corpus: &Corpus, cite: &Citation) -> (String, String) {
    match corpus.source(&cite.source) {
        Some(s) => {
            // A source made from a text's history names its publisher by actor id.
            let publisher = corpus
                .actor(&s.publisher)
                .map_or(s.publisher.as_str(), |a| a.name.as_str());
            let by = match &s.author {
                Some(a) => format!("{a}, {publisher}"),
                None => publisher.to_owned(),
            };
            let date = s
                .date
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            let kind = s.kind.map_or(String::new(), |k| format!("; {}", k.label()));
            (
                s.title.to_string(),
                format!(" ({by}, {date}{kind}), {}", cite.at),
            )
        }
        None => (cite.source.to_string(), format!(", {}", cite.at)),
    }
}

/// Every citation of an entry, the main one first, one to a line when there are several.
pub fn citations(corpus: &Corpus, cites: &Cites) -> Vec<String> {
    cites.all().iter().map(|c| citation(corpus, c)).collect()
}

/// "more than 180 forums (as of 2025)"
pub fn figure_value(f: &Figure) -> String {
    match &f.as_of {
        Some(d) => format!("{} (as of {d})", f.display_value()),
        None => f.display_value(),
    }
}

/// "2025-06-09 to 2025-06-10"
pub fn event_dates(e: &Event) -> String {
    match &e.end {
        Some(end) => format!("{} to {end}", e.date),
        None => e.date.to_string(),
    }
}
