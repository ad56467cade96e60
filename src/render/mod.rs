//! What `brief show` writes to stdout: wrapped plain text, CommonMark, JSON Lines or YAML.
//! Renderers read the model and write; they know nothing of the terminal but its width
//! and whether colour is wanted.

pub mod compare;
pub mod declared;
pub mod json;
pub mod markdown;
pub mod prep;
pub mod proposals;
pub mod text;
pub mod timeline;
pub mod versions;

use std::io::{self, Write};

use crate::brief::corpus::{Corpus, Target};

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
    /// The day statuses are told against (`--today`, else the system's).
    pub today: crate::brief::date::Date,
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
        Format::Markdown => markdown::render(corpus, target, layout.today, out),
        Format::Json => json::render(corpus, target, layout.today, out),
        Format::Yaml => json::render_yaml(target, out),
    }
}

/// One field of an output that promises a line per record and tabs between fields
/// (`list`, `search`, `compare`, `timeline`, `export --list`). A line break inside a
/// title would start a record of its own, a false one to `grep`, `cut` and the eye, so it
/// is shown as `␤`; a tab, which would start a field, as a space.
pub fn field(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\n', '\r', '\t']) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\r' => '\u{2424}',
                '\t' => ' ',
                c => c,
            })
            .collect(),
    )
}

// What things are called, shared with the reader through the query layer.
pub use crate::query::names::{citation, entry_title, event_dates, figure_value, selector};
