//! Plain text for pipes and terminals: the layout of [`crate::query::page`] streamed,
//! with bold and dim as SGR codes when colour is wanted.

use std::io::{self, Write};

use super::Layout;
use crate::brief::corpus::{Corpus, Target};
pub use crate::query::page::{Emphasis, Sink, render_to, wrap};

/// A [`Sink`] writing to a stream; SGR bold/dim/underline only when `color`.
pub struct StreamSink<'a> {
    pub out: &'a mut dyn Write,
    pub color: bool,
}

impl Sink for StreamSink<'_> {
    fn text(&mut self, emphasis: Emphasis, text: &str) -> io::Result<()> {
        let code = match emphasis {
            _ if !self.color => None,
            Emphasis::Plain => None,
            Emphasis::Strong => Some("1"),
            Emphasis::Faint => Some("2"),
            Emphasis::Heading => Some("1;4"),
        };
        match code {
            Some(code) => write!(self.out, "\x1b[{code}m{text}\x1b[0m"),
            None => self.out.write_all(text.as_bytes()),
        }
    }

    fn end_line(&mut self) -> io::Result<()> {
        self.out.write_all(b"\n")
    }
}

pub fn render(
    corpus: &Corpus,
    target: Target<'_>,
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut sink = StreamSink {
        out,
        color: layout.color,
    };
    let options = crate::query::page::PageOptions {
        width: layout.width,
        numbered: false,
        today: layout.today,
        addresses: crate::query::page::Addresses::ListAtEnd,
    };
    render_to(corpus, target, options, &mut sink)
}
