//! Plain text for pipes and terminals: the layout of [`crate::query::page`] streamed,
//! with bold and dim as SGR codes when colour is wanted.

use std::io::{self, Write};

use super::Layout;
use crate::brief::corpus::{Corpus, Target};
pub use crate::query::page::{Emphasis, Sink, StreamSink, render_to, wrap};

pub fn render(
    corpus: &Corpus,
    target: Target<'_>,
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    crate::query::page::stream(
        corpus,
        target,
        layout.width,
        layout.color,
        layout.today,
        out,
    )
}
