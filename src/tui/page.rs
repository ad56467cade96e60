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
use crate::desk::{Desk, Standing};
use crate::query::page::{Emphasis, PageOptions, Sink, render_to};
use crate::search::{Query, match_ranges};
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
    /// Lay out only about this many lines (see [`lay_out`]); `None` for the whole page.
    pub lines: Option<usize>,
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
    /// Inside a `[-…-]` or `{+…+}` of a text's change, which may go on over wrapped lines.
    change: Option<Mark>,
    /// Stop once this many lines are laid out.
    limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Deleted,
    Inserted,
}

impl Lines<'_> {
    /// `text` cut where a change's markers open and close, each piece with the change it
    /// is in (its markers included): a change may run on over wrapped lines.
    fn changes<'t>(&mut self, text: &'t str) -> Vec<(&'t str, Option<Mark>)> {
        let mut out = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let Some(mark) = self.change else {
                let open = [("[-", Mark::Deleted), ("{+", Mark::Inserted)]
                    .iter()
                    .filter_map(|&(m, k)| rest.find(m).map(|i| (i, k)))
                    .min_by_key(|&(i, _)| i);
                let Some((i, k)) = open else {
                    out.push((rest, None));
                    break;
                };
                if i > 0 {
                    out.push((&rest[..i], None));
                }
                // Past the opening marker, so a close is not looked for inside it.
                out.push((&rest[i..i + 2], Some(k)));
                rest = &rest[i + 2..];
                self.change = Some(k);
                continue;
            };
            let close = match mark {
                Mark::Deleted => "-]",
                Mark::Inserted => "+}",
            };
            match rest.find(close) {
                Some(i) => {
                    out.push((&rest[..i + close.len()], Some(mark)));
                    rest = &rest[i + close.len()..];
                    self.change = None;
                }
                None => {
                    out.push((rest, Some(mark)));
                    break;
                }
            }
        }
        out
    }
}

impl Sink for Lines<'_> {
    fn text(&mut self, emphasis: Emphasis, text: &str) -> std::io::Result<()> {
        let base = match emphasis {
            Emphasis::Plain => Style::new(),
            Emphasis::Strong => self.theme.title,
            Emphasis::Faint => self.theme.faint,
            Emphasis::Heading => self.theme.heading,
        };
        for (piece, change) in self.changes(text) {
            let style = match change {
                Some(Mark::Deleted) => base.patch(self.theme.deleted),
                Some(Mark::Inserted) => base.patch(self.theme.inserted),
                None => base,
            };
            self.push(piece, style);
        }
        Ok(())
    }

    fn end_line(&mut self) -> std::io::Result<()> {
        self.page
            .lines
            .push(Line::from(std::mem::take(&mut self.spans)));
        // An error ends the layout: it is the one way a sink can stop `render_to`.
        match self.limit {
            Some(n) if self.page.lines.len() >= n => {
                Err(std::io::Error::other("the lines asked for are laid out"))
            }
            _ => Ok(()),
        }
    }

    fn anchor(&mut self, selector: &str) {
        self.page
            .anchors
            .push((self.page.lines.len(), selector.to_owned()));
    }
}

impl Lines<'_> {
    /// A run of text in `style`, the search's matches marked in it.
    fn push(&mut self, text: &str, style: Style) {
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
    }
}

/// Lay out `target` at `width` with `query` marked and the desk's mark on it below;
/// with `lines`, only the first (at least) that many lines, which is all a first frame
/// shows of a page that may run to hundreds.
#[allow(clippy::too_many_arguments)]
pub fn lay_out(
    corpus: &Corpus,
    target: Option<Target<'_>>,
    width: usize,
    query: &Query,
    theme: &Theme,
    desk: &Desk,
    today: Date,
    lines: Option<usize>,
) -> Page {
    let mut sink = Lines {
        theme,
        query,
        page: Page::default(),
        spans: Vec::new(),
        change: None,
        limit: lines,
    };
    match target {
        // Writing into memory cannot fail; the sink stops it at `lines`.
        Some(t) => {
            let options = PageOptions {
                width: width.max(1),
                numbered: true,
                today,
                addresses: crate::query::page::Addresses::AfterCitations,
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
        // Marks made on the versions of this paragraph before it follow it here.
        for c in crate::query::desk::carried(corpus, desk, t) {
            let mut head = format!(
                "── {} on {} {}",
                if c.mark.bookmark {
                    "★ bookmarked"
                } else {
                    "noted"
                },
                c.on,
                c.mark.noted
            );
            if c.changed_since {
                head.push_str(" · the words have changed since");
            }
            page.lines.push(Line::from(""));
            page.lines
                .push(Line::from(Span::styled(head, theme.heading)));
            if let Some(note) = &c.mark.note {
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

    /// A note on Revision 1's ¶8 shows on Revision 2's New 8A, the paragraph it became,
    /// saying where it was made; the words did not change (only the status did).
    #[test]
    fn a_note_follows_its_paragraph_into_later_versions() {
        let loaded = crate::library::load(&crate::library::Request {
            paths: vec![concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/drafts").into()],
            ..crate::library::Request::default()
        });
        let corpus = loaded.corpus;
        let mut desk = Desk::default();
        let noted = corpus.resolve("lakeland-outcome/rev1/8").unwrap();
        desk.apply(&crate::desk::note(
            &corpus,
            noted,
            Some("Ask who reports."),
            Date::ymd(2025, 11, 20),
        ));
        let theme = Theme::new(crate::tui::theme::ThemeName::Default);
        let page = |sel: &str| {
            let page = lay_out(
                &corpus,
                corpus.resolve(sel),
                80,
                &Query::default(),
                &theme,
                &desk,
                Date::ymd(2025, 12, 5),
                None,
            );
            page.lines
                .iter()
                .map(|l| {
                    l.spans
                        .iter()
                        .map(|s| s.content.as_ref())
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let later = page("lakeland-outcome/rev2/new-8a");
        assert!(
            later.contains("── noted on Revision 1 ¶8 2025-11-20\nAsk who reports."),
            "{later}"
        );
        // Not on what came before it, nor twice on the paragraph itself.
        assert!(!page("lakeland-outcome/zero/8").contains("Ask who reports"));
        assert_eq!(
            page("lakeland-outcome/rev1/8")
                .matches("Ask who reports")
                .count(),
            1
        );
    }

    #[test]
    fn a_changes_markers_style_it_across_wrapped_lines() {
        let theme = Theme::new(crate::tui::theme::ThemeName::Default);
        let query = Query::default();
        let mut lines = Lines {
            theme: &theme,
            query: &query,
            page: Page::default(),
            spans: Vec::new(),
            change: None,
            limit: None,
        };
        let _ = lines.text(Emphasis::Plain, "within [-thirty days-] {+sixty");
        let _ = lines.end_line();
        let _ = lines.text(Emphasis::Plain, "days+} in");
        let _ = lines.end_line();
        let styled = |l: usize, word: &str| {
            lines.page.lines[l]
                .spans
                .iter()
                .find(|s| s.content.contains(word))
                .map(|s| s.style)
                .unwrap()
        };
        assert_eq!(styled(0, "within"), Style::new());
        assert_eq!(styled(0, "thirty"), theme.deleted);
        assert_eq!(styled(0, "sixty"), theme.inserted);
        assert_eq!(
            styled(1, "days"),
            theme.inserted,
            "the change goes on over the wrap"
        );
        assert_eq!(styled(1, "in"), Style::new());
    }

    #[test]
    fn a_page_is_laid_out_once_per_key() {
        let cache = PageCache::default();
        let key = PageKey {
            corpus: 1,
            node: Some(3),
            width: 60,
            query: String::new(),
            desk_revision: 0,
            lines: None,
        };
        for _ in 0..5 {
            cache.get(key.clone(), Page::default);
        }
        assert_eq!(cache.layouts.get(), 1);
        cache.get(PageKey { width: 61, ..key }, Page::default);
        assert_eq!(cache.layouts.get(), 2, "a new width is a new layout");
    }
}
