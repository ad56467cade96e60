//! What things are called wherever they are shown: a target's selector, an entry's
//! title, a citation, a figure's value, an event's dates. One wording for `brief show`,
//! the reader, the desk and the notes.

use crate::brief::corpus::{Corpus, Target};
use crate::brief::model::{Citation, Cites, EntryRef, Event, Figure};

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

/// What an entry is called in lists and headings. Positions have no title of their own:
/// they are named from their actor and issue.
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
        other => other.own_title().unwrap_or_default().to_owned(),
    }
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
