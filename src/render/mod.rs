//! What `brief show` writes to stdout: wrapped plain text, CommonMark, JSON Lines or YAML.
//! Renderers read the model and write; they know nothing of the terminal but its width
//! and whether colour is wanted.

pub mod compare;
pub mod json;
pub mod markdown;
pub mod prep;
pub mod text;
pub mod timeline;

use std::io::{self, Write};

use crate::brief::corpus::{Corpus, Target};
use crate::brief::model::{Citation, EntryRef, Event, Figure};

/// Output formats of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Yaml,
}

/// How text output is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Columns to wrap to; 0 for no wrapping.
    pub width: usize,
    /// Bold and dim, for a terminal.
    pub color: bool,
}

/// Write one selector's target in `format`.
pub fn render(
    corpus: &Corpus,
    target: Target<'_>,
    format: Format,
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::render(corpus, target, layout, out),
        Format::Markdown => markdown::render(corpus, target, out),
        Format::Json => json::render(corpus, target, out),
        Format::Yaml => json::render_yaml(target, out),
    }
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

/// "A Pivotal Moment for Global Digital Cooperation (Internet Society, 2025-06), Question 5"
pub fn citation(corpus: &Corpus, cite: &Citation) -> String {
    match corpus.source(&cite.source) {
        Some(s) => {
            let by = match &s.author {
                Some(a) => format!("{a}, {}", s.publisher),
                None => s.publisher.to_string(),
            };
            format!("{} ({by}, {}), {}", s.title, s.date, cite.at)
        }
        None => format!("{}, {}", cite.source, cite.at),
    }
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
