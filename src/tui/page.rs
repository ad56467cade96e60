//! The reading pane's page: the same layout `brief show` prints, styled for the screen,
//! with the search terms marked and the desk's mark below. Laid out once per (node,
//! width, search, desk) and kept, so a key that scrolls or a frame that draws reuses it:
//! scrolling is clamped by its length, and a frame costs no layout.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::search::{Query, match_ranges};
use crate::desk::{Desk, Standing};
use crate::query::page::{Emphasis, PageOptions, Sink, render_to};
use crate::tui::theme::Theme;

#[derive(Debug, Default)]
pub struct Page {
    pub lines: Vec<Line<'static>>,
    /// Lines holding a match of the search.
    pub matched: Vec<usize>,
    /// (line, selector) where each entry of the page starts.
    pub anchors: Vec<(usize, String)>,
}

impl Page {
    /// The entry on screen when the view shows `height` lines from `top`: the one whose
    /// text the first line is in, else the first that starts in view.
    pub fn entry_at(&self, top: usize, height: usize) -> Option<&str> {
        self.anchors
            .iter()
            .rfind(|(line, _)| *line <= top)
            .or_else(|| self.anchors.iter().find(|(line, _)| *line < top + height))
            .map(|(_, s)| s.as_str())
    }
}

/// What a page depends on; a page is laid out again only when one of these changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageKey {
    pub corpus: usize,
    pub node: Option<usize>,
    pub width: usize,
    pub query: String,
    pub desk_revision: u64,
}

#[derive(Debug, Default)]
pub struct PageCache {
    kept: RefCell<Option<(PageKey, Arc<Page>)>>,
    /// How many pages were laid out: the benchmark and a test count them.
    pub layouts: Cell<u64>,
}

impl PageCache {
    pub fn get(&self, key: PageKey, build: impl FnOnce() -> Page) -> Arc<Page> {
        if let Some((k, page)) = self.kept.borrow().as_ref()
            && *k == key
        {
            return Arc::clone(page);
        }
        let page = Arc::new(build());
        self.layouts.set(self.layouts.get() + 1);
        *self.kept.borrow_mut() = Some((key, Arc::clone(&page)));
        page
    }
}

/// Collects styled lines; marks every match of `query`.
struct Lines<'a> {
    theme: &'a Theme,
    query: &'a Query,
    page: Page,
    spans: Vec<Span<'static>>,
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
        let here = self.page.lines.len();
        if !ranges.is_empty() && self.page.matched.last() != Some(&here) {
            self.page.matched.push(here);
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
        self.page
            .lines
            .push(Line::from(std::mem::take(&mut self.spans)));
        Ok(())
    }

    fn anchor(&mut self, selector: &str) {
        self.page
            .anchors
            .push((self.page.lines.len(), selector.to_owned()));
    }
}

/// Lay out `target` at `width` with `query` marked and the desk's mark on it below.
pub fn lay_out(
    corpus: &Corpus,
    target: Option<Target<'_>>,
    width: usize,
    query: &Query,
    theme: &Theme,
    desk: &Desk,
    today: Date,
) -> Page {
    let mut sink = Lines {
        theme,
        query,
        page: Page::default(),
        spans: Vec::new(),
    };
    match target {
        // Writing into memory cannot fail.
        Some(t) => {
            let options = PageOptions {
                width: width.max(1),
                numbered: true,
                today,
            };
            drop(render_to(corpus, t, options, &mut sink))
        }
        None => sink
            .page
            .lines
            .push(Line::from("Nothing to read: no brief is loaded.")),
    }
    if !sink.spans.is_empty() {
        let _ = sink.end_line();
    }
    let mut page = sink.page;
    if let Some(t @ Target::Entry(..)) = target {
        let sel = crate::query::names::selector(t);
        if let Some(m) = desk.get(&sel) {
            let standing = desk.standing(m, corpus);
            let mut head = format!(
                "── {} {}",
                if m.bookmark {
                    "★ bookmarked"
                } else {
                    "noted"
                },
                m.noted
            );
            if standing != Standing::Current {
                head.push_str(&format!(" · {}", standing.label()));
            }
            page.lines.push(Line::from(""));
            page.lines
                .push(Line::from(Span::styled(head, theme.heading)));
            if let Some(note) = &m.note {
                for line in note.lines() {
                    for l in crate::query::page::wrap(line, width.max(1)) {
                        page.lines.push(Line::from(l));
                    }
                }
            }
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_laid_out_once_per_key() {
        let cache = PageCache::default();
        let key = PageKey {
            corpus: 1,
            node: Some(3),
            width: 60,
            query: String::new(),
            desk_revision: 0,
        };
        for _ in 0..5 {
            cache.get(key.clone(), Page::default);
        }
        assert_eq!(cache.layouts.get(), 1);
        cache.get(PageKey { width: 61, ..key }, Page::default);
        assert_eq!(cache.layouts.get(), 2, "a new width is a new layout");
    }
}
