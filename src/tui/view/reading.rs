//! The reading pane's text: the same layout `brief show` prints, styled for the screen,
//! with the search terms marked.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::brief::search::{Query, match_ranges};
use crate::render::text::{Emphasis, Sink, render_to};
use crate::tui::state::App;
use crate::tui::theme::Theme;

/// Collects styled lines; marks every match of `query`.
struct Lines<'a> {
    theme: &'a Theme,
    query: &'a Query,
    done: Vec<Line<'static>>,
    spans: Vec<Span<'static>>,
    /// Lines holding a match.
    matched: Vec<usize>,
}

impl Sink for Lines<'_> {
    fn text(&mut self, emphasis: Emphasis, text: &str) -> std::io::Result<()> {
        let style = match emphasis {
            Emphasis::Plain => Style::new(),
            Emphasis::Strong => self.theme.title,
            Emphasis::Faint => self.theme.faint,
            Emphasis::Heading => self.theme.heading,
        };
        let mut at = 0;
        let ranges = match_ranges(text, self.query);
        if !ranges.is_empty() && self.matched.last() != Some(&self.done.len()) {
            self.matched.push(self.done.len());
        }
        for r in ranges {
            if r.start < at {
                continue;
            }
            if r.start > at {
                self.spans
                    .push(Span::styled(text[at..r.start].to_owned(), style));
            }
            self.spans.push(Span::styled(
                text[r.clone()].to_owned(),
                style.patch(self.theme.matched),
            ));
            at = r.end;
        }
        if at < text.len() {
            self.spans.push(Span::styled(text[at..].to_owned(), style));
        }
        Ok(())
    }

    fn end_line(&mut self) -> std::io::Result<()> {
        self.done.push(Line::from(std::mem::take(&mut self.spans)));
        Ok(())
    }
}

/// The reading pane's lines at its width, and which of them hold a match.
pub fn lines(app: &App) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut sink = Lines {
        theme: &app.theme,
        query: &app.search.query,
        done: Vec::new(),
        spans: Vec::new(),
        matched: Vec::new(),
    };
    let target = app
        .reading_node()
        .and_then(|id| app.outline.target(&app.corpus, id));
    if let Some(t) = target {
        // Writing into memory cannot fail.
        let _ = render_to(&app.corpus, t, app.reading_width().max(1), true, &mut sink);
    } else {
        sink.done
            .push(Line::from("Nothing to read: no brief is loaded."));
    }
    if !sink.spans.is_empty() {
        let _ = sink.end_line();
    }
    if let Some(t @ crate::brief::corpus::Target::Entry(..)) = target {
        let sel = crate::render::selector(t);
        if let Some(m) = app.desk.get(&sel) {
            let standing = app.desk.standing(m, &app.corpus);
            let mut head = format!(
                "── {}",
                if m.bookmark {
                    "★ bookmarked"
                } else {
                    "noted"
                }
            );
            head.push_str(&format!(" {}", m.noted));
            if standing != crate::desk::Standing::Current {
                head.push_str(&format!(" · {}", standing.label()));
            }
            sink.done.push(Line::from(""));
            sink.done
                .push(Line::from(Span::styled(head, app.theme.heading)));
            if let Some(note) = &m.note {
                for line in note.lines() {
                    for l in crate::render::text::wrap(line, app.reading_width().max(1)) {
                        sink.done.push(Line::from(l));
                    }
                }
            }
        }
    }
    (sink.done, sink.matched)
}

pub fn line_count(app: &App) -> usize {
    lines(app).0.len()
}

/// The first line that holds a match, if any.
pub fn first_match(app: &App) -> Option<usize> {
    if app.search.query.is_empty() {
        return None;
    }
    lines(app).1.first().copied()
}
