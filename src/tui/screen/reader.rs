//! The reader screen: the outline and the page being read, history across jumps, and
//! n/N through the matches. Its state lives on [`App`] (the outline, the search and the
//! desk are shared with every other screen), so its keys are handled here as `impl App`.

use std::sync::Arc;

use crate::brief::corpus::Target;
use crate::search::Filter;
use crate::tui::app::{Action, App, Outcome, Pane};
use crate::tui::keys::Context;
use crate::tui::layout;
use crate::tui::page::{Page, PageKey, lay_out};
use crate::tui::widget::list::{Nav, Scroll};

impl App {
    /// The node under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.outline.visible().get(self.rows.cursor).copied()
    }

    pub fn current_target(&self) -> Option<Target<'_>> {
        self.outline.target(&self.corpus, self.current()?)
    }

    /// What the reading pane shows: the search result under the cursor while the search
    /// prompt is open, else the outline's selection.
    pub fn reading_node(&self) -> Option<usize> {
        if self.search.editing
            && let Some(p) = self.search.places.get(self.search.selected)
        {
            return self.node_of(*p);
        }
        self.current()
    }

    pub(crate) fn outline_height(&self) -> usize {
        let p = self.panes();
        let r = p.outline.or(p.reading).unwrap_or_default();
        // The search prompt's result list has a heading line.
        usize::from(r.height).saturating_sub(usize::from(self.search.editing))
    }

    pub(crate) fn reading_height(&self) -> usize {
        let p = self.panes();
        usize::from(p.reading.or(p.outline).unwrap_or_default().height)
    }

    /// Width the reading pane wraps text to.
    pub fn reading_width(&self) -> usize {
        let p = self.panes();
        usize::from(layout::reading_text(p.reading.or(p.outline).unwrap_or_default()).width)
    }

    /// The page being read, laid out once and kept until what it shows changes.
    pub fn page(&self) -> Arc<Page> {
        let node = self.reading_node();
        if node.is_none() && self.filter_active() {
            let mut page = Page::default();
            page.lines.push(ratatui::text::Line::from(
                "No entry matches the filter (shown below); F clears it.",
            ));
            return Arc::new(page);
        }
        let key = PageKey {
            corpus: Arc::as_ptr(&self.corpus) as usize,
            node,
            width: self.reading_width(),
            query: self.search.input.clone(),
            desk_revision: self.desk_revision,
            lines: self.first_lines,
        };
        self.page.get(key, || {
            let target = node.and_then(|id| self.outline.target(&self.corpus, id));
            lay_out(
                &self.corpus,
                target,
                self.reading_width(),
                &self.search.query,
                &self.theme,
                &self.desk,
                self.today,
                self.first_lines,
            )
        })
    }

    /// Pages laid out so far (for the benchmark and the tests that count layouts).
    pub fn layouts(&self) -> u64 {
        self.page.layouts.get()
    }

    pub(crate) fn reader_key(&mut self, context: Context, action: Action) {
        match action {
            Action::Tab => {
                self.focus = match self.focus {
                    Pane::Outline => Pane::Reading,
                    Pane::Reading => Pane::Outline,
                };
                self.keep_cursor_in_view();
            }
            Action::Quit => self.outcome = Some(Outcome::Quit),
            Action::NextMatch => self.next_match(true),
            Action::PreviousMatch => self.next_match(false),
            Action::Back => self.go_back(),
            Action::Forward => self.go_forward(),
            Action::Follow(n) => self.digit(n),
            Action::Escape => {
                if !self.search.query.is_empty() {
                    self.clear_search();
                    self.status = Some("search cleared".into());
                } else if self.focus == Pane::Reading {
                    self.focus = Pane::Outline;
                }
            }
            Action::Bookmark => self.toggle_bookmark(),
            Action::Annotate => self.open_editor(),
            Action::Undo => self.undo(),
            Action::Versions => self.open_versions(),
            Action::Proposals => self.open_proposals(),
            Action::Mark { down } => self.mark(down),
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            // brief pick: typing narrows, as in fzf; it never runs a command.
            Action::Type(c) if context == Context::Pick => {
                self.start_search();
                self.apply(Action::Type(c));
            }
            a if context == Context::Reading => self.reading_key(a),
            a => self.outline_key(a),
        }
    }

    fn outline_key(&mut self, action: Action) {
        let rows = self.outline.visible().len();
        let page = self.outline_height().max(1);
        if let Some(nav) = Nav::of(&action) {
            let before = self.rows.cursor;
            self.rows.go(nav, rows, page);
            if before != self.rows.cursor {
                self.reading = Scroll::default();
            }
            return;
        }
        match action {
            Action::Space => self.scroll_reading(Nav::PageDown),
            Action::Right => self.open_node(false),
            Action::Enter => self.open_node(true),
            Action::Left => self.close_node(),
            _ => {}
        }
    }

    fn reading_key(&mut self, action: Action) {
        if let Some(nav) = Nav::of(&action) {
            return self.scroll_reading(nav);
        }
        match action {
            Action::Left => {
                if self.back.is_empty() {
                    self.focus = Pane::Outline;
                    self.keep_cursor_in_view();
                } else {
                    self.go_back();
                }
            }
            Action::Right => self.go_forward(),
            Action::Enter if self.pick => self.choose(),
            Action::Enter => self.follow(1),
            _ => {}
        }
    }

    fn scroll_reading(&mut self, nav: Nav) {
        let len = self.page().lines.len();
        self.reading.go(nav, len, self.reading_height());
    }

    pub(crate) fn move_cursor(&mut self, row: usize) {
        let before = self.rows.cursor;
        let rows = self.outline.visible().len();
        self.rows.set(row, rows, self.outline_height());
        if before != self.rows.cursor {
            self.reading = Scroll::default();
        }
    }

    pub(crate) fn keep_cursor_in_view(&mut self) {
        let rows = self.outline.visible().len();
        self.rows.keep_in_view(rows, self.outline_height());
    }

    /// Enter and →: open a closed node; on an open one or an entry, read it.
    fn open_node(&mut self, enter: bool) {
        let Some(id) = self.current() else { return };
        if enter && self.pick {
            return self.choose();
        }
        if self.outline.has_children(id) && !self.outline.is_expanded(id) {
            self.outline.set_expanded(id, true);
        } else if self.outline.has_children(id) && !enter {
            // → on an open node steps into its first child, as in a file tree.
            self.move_cursor(self.rows.cursor + 1);
        } else {
            self.focus = Pane::Reading;
            self.keep_cursor_in_view();
        }
    }

    /// ← and h: close an open node, or go to the parent.
    fn close_node(&mut self) {
        let Some(id) = self.current() else { return };
        if self.outline.has_children(id) && self.outline.is_expanded(id) {
            self.outline.set_expanded(id, false);
            self.keep_cursor_in_view();
        } else if let Some(parent) = self.outline.node(id).parent
            && let Some(row) = self.outline.row_of(parent)
        {
            self.move_cursor(row);
        }
    }

    /// brief pick's Enter: every marked entry in the order marked, else the one at the
    /// cursor.
    pub(crate) fn choose(&mut self) {
        if !self.picked.is_empty() {
            self.outcome = Some(Outcome::Picked(self.picked.clone()));
        } else if let Some(t) = self.current_target() {
            self.outcome = Some(Outcome::Picked(vec![crate::query::names::selector(t)]));
        }
    }

    /// brief pick's Tab: mark what the cursor is on (the match, while narrowing) or take
    /// the mark away, say so in words, and move on as fzf does.
    pub(crate) fn mark(&mut self, down: bool) {
        let Some(sel) = self
            .reading_node()
            .and_then(|id| self.outline.target(&self.corpus, id))
            .map(crate::query::names::selector)
        else {
            return;
        };
        let said = match self.picked.iter().position(|s| *s == sel) {
            Some(i) => {
                self.picked.remove(i);
                "unmarked"
            }
            None => {
                self.picked.push(sel.clone());
                "marked"
            }
        };
        let n = self.picked.len();
        self.status = Some(format!(
            "{said} {sel}; {n} marked{}",
            if n > 0 {
                ", Enter prints them in order"
            } else {
                ""
            }
        ));
        let nav = if down { Action::Down } else { Action::Up };
        if self.search.editing {
            self.search_key(nav);
        } else {
            self.outline_key(nav);
        }
    }

    /// Whether `brief pick` has `selector` marked.
    pub fn is_picked(&self, selector: &str) -> bool {
        self.picked.iter().any(|s| s == selector)
    }

    /// Put the cursor on a node, opening what holds it; a node the filter hides clears
    /// the filter (and says so) rather than leaving the cursor somewhere else.
    pub fn select(&mut self, id: usize) {
        if !self.outline.admitted(id) {
            self.set_filter(Filter::default());
            self.status = Some("filter cleared to show it".into());
        }
        self.outline.reveal(id);
        if let Some(row) = self.outline.row_of(id) {
            self.rows.cursor = row;
            self.reading = Scroll::default();
            self.keep_cursor_in_view();
        }
    }

    /// Select a node as a jump that Back returns from.
    pub(crate) fn jump(&mut self, id: usize) {
        if let Some(here) = self.current()
            && here != id
        {
            self.back.push((here, self.reading));
            self.forward.clear();
        }
        self.select(id);
    }

    /// Back (or forward) to a place: its node, its page scrolled as it was left.
    fn return_to(&mut self, (id, scroll): (usize, Scroll)) {
        self.select(id);
        if self.current() == Some(id) {
            let len = self.page().lines.len();
            self.reading = scroll;
            self.reading.top = scroll.top.min(Scroll::max(len, self.reading_height()));
        }
    }

    fn go_back(&mut self) {
        match self.back.pop() {
            Some(place) => {
                if let Some(here) = self.current() {
                    self.forward.push((here, self.reading));
                }
                self.return_to(place);
            }
            None => self.status = Some("nothing to go back to".into()),
        }
    }

    fn go_forward(&mut self) {
        match self.forward.pop() {
            Some(place) => {
                if let Some(here) = self.current() {
                    self.back.push((here, self.reading));
                }
                self.return_to(place);
            }
            None => self.status = Some("nothing to go forward to".into()),
        }
    }

    /// The cross-references of the entry being read, numbered on its page.
    pub fn links(&self) -> Vec<String> {
        match self.current_target() {
            Some(t @ Target::Entry(..)) => crate::query::page::links(&self.corpus, t),
            _ => Vec::new(),
        }
    }

    /// A digit in the reading pane. With fewer than 10 cross-references it follows one at
    /// once; with 10 or more it starts a number, shown in the footer, that Enter follows —
    /// or that is followed as soon as no further digit could make a cross-reference here.
    fn digit(&mut self, d: usize) {
        let count = self.links().len();
        if count < 10 {
            return self.follow(d);
        }
        let n = self.typed_ref.take().unwrap_or(0) * 10 + d;
        if n == 0 {
            self.status = Some(format!("cross-references here: 1 to {count}"));
        } else if n * 10 > count {
            self.follow(n);
        } else {
            self.typed_ref = Some(n);
            self.status = Some(format!(
                "follow [{n}…] of 1 to {count}: Enter follows, Esc cancels"
            ));
        }
    }

    /// A key while a cross-reference's number is being typed: a digit extends it, Esc
    /// cancels it, Backspace takes a digit back, any other key follows it.
    pub(crate) fn typing_ref(&mut self, action: Action) {
        let Some(n) = self.typed_ref.take() else {
            return;
        };
        match action {
            Action::Follow(d) => {
                self.typed_ref = Some(n);
                self.digit(d);
            }
            Action::Escape => self.status = Some("cancelled".into()),
            Action::Back if n >= 10 => {
                self.typed_ref = Some(n / 10);
                self.status = Some(format!("follow [{}…]: Enter follows, Esc cancels", n / 10));
            }
            Action::Back => {}
            _ => self.follow(n),
        }
    }

    fn follow(&mut self, n: usize) {
        let links = self.links();
        let Some(sel) = n.checked_sub(1).and_then(|i| links.get(i)) else {
            self.status = Some(match self.current_target() {
                Some(Target::Entry(..)) if links.is_empty() => {
                    "this entry has no cross-references".into()
                }
                Some(Target::Entry(..)) => format!("cross-references here: 1 to {}", links.len()),
                _ => "cross-references are numbered on an entry's own page: open the entry".into(),
            });
            return;
        };
        match self.outline.find(&self.corpus, sel) {
            Some(id) => {
                self.jump(id);
                self.focus = Pane::Reading;
            }
            None => self.status = Some(format!("`{sel}` is not loaded")),
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let p = self.panes();
        let at = ratatui::layout::Position::new(column, row);
        if let Some(o) = p.outline
            && o.contains(at)
        {
            self.focus = Pane::Outline;
            if self.search.editing {
                return;
            }
            let r = self.rows.top + usize::from(row - o.y);
            if r < self.outline.visible().len() {
                if r == self.rows.cursor {
                    self.open_node(false);
                } else {
                    self.move_cursor(r);
                }
            }
        } else if let Some(r) = p.reading
            && r.contains(at)
        {
            self.focus = Pane::Reading;
        }
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let p = self.panes();
        let at = ratatui::layout::Position::new(column, row);
        if p.outline.is_some_and(|o| o.contains(at)) {
            let rows = self.outline.visible().len();
            self.rows.scroll(3, down, rows, self.outline_height());
        } else if p.reading.is_some_and(|r| r.contains(at)) {
            let len = self.page().lines.len();
            self.reading.by(3, down, len, self.reading_height());
        }
    }

    /// n and N: the next (or previous) match after the selection, wrapping around. A
    /// section n had to open only to show a match is closed again when n moves on, so
    /// walking the matches does not leave the outline unfolded.
    pub(crate) fn next_match(&mut self, forward: bool) {
        if self.search.query.is_empty() {
            self.status = Some("no search: / starts one".into());
            return;
        }
        // The matches are not in yet (a search carried over from the last session is
        // answered after the first frame): the step is taken when they come.
        if self.search.waiting {
            self.search.pending_step = Some(forward);
            self.status = Some("searching…".into());
            return;
        }
        let nodes: Vec<usize> = self
            .search
            .places
            .iter()
            .filter_map(|p| self.node_of(*p))
            .collect();
        if nodes.is_empty() {
            self.status = Some("no match".into());
            return;
        }
        let here = self.current().unwrap_or(0);
        let next = if forward {
            nodes.iter().find(|&&n| n > here).copied().or_else(|| {
                self.status = Some("search wrapped to the top".into());
                nodes.first().copied()
            })
        } else {
            nodes
                .iter()
                .rev()
                .find(|&&n| n < here)
                .copied()
                .or_else(|| {
                    self.status = Some("search wrapped to the bottom".into());
                    nodes.last().copied()
                })
        };
        let Some(id) = next else { return };
        let holders: Vec<usize> = std::iter::successors(self.outline.node(id).parent, |&n| {
            self.outline.node(n).parent
        })
        .collect();
        for opened in std::mem::take(&mut self.opened_by_n) {
            if holders.contains(&opened) {
                self.opened_by_n.push(opened);
            } else {
                self.outline.set_expanded(opened, false);
            }
        }
        for &h in &holders {
            if !self.outline.is_expanded(h) {
                self.opened_by_n.push(h);
            }
        }
        self.select(id);
        self.reading.top = self.first_match_line();
        let i = nodes.iter().position(|&n| n == id).unwrap_or(0);
        if self.status.is_none() {
            self.status = Some(format!("match {} of {}", i + 1, nodes.len()));
        }
    }

    /// Where the reading pane starts to show the first match: the top of the page (its
    /// title) when the match is on screen from there, else two lines above the match, and
    /// never so far down that the pane has room left empty below the page's end.
    pub(crate) fn first_match_line(&self) -> usize {
        if self.search.query.is_empty() {
            return 0;
        }
        let page = self.page();
        let height = self.reading_height();
        match page.matched.first() {
            Some(&l) if l >= height => l
                .saturating_sub(2)
                .min(Scroll::max(page.lines.len(), height)),
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;

    use super::*;
    use crate::tui::app::Options;
    use crate::tui::theme::ThemeName;

    const IGF: &str = "wsis20-overview/issues/igf-mandate";

    /// A reader of `w`×`h` that was opened before `corpus` came, at `start`, about to draw
    /// its first frame with the briefs (`first_lines` of the page laid out).
    fn opened(
        corpus: &Arc<crate::brief::corpus::Corpus>,
        start: Option<&str>,
        w: u16,
        h: u16,
        first_lines: Option<usize>,
    ) -> App {
        let mut app = App::new(
            Arc::new(crate::brief::corpus::Corpus::default()),
            Options {
                theme: ThemeName::Default,
                today: "2026-01-01".parse().unwrap(),
                pick: false,
                start: None,
                desk: Default::default(),
                notice: None,
                resume: None,
            },
            Rect::new(0, 0, w, h),
        );
        app.loaded(Arc::clone(corpus), start, None);
        app.first_lines = first_lines;
        app
    }

    /// The first frame decodes only the brief it shows: every other brief is listed in
    /// the outline from what build.rs kept of it, and decoded when read.
    #[test]
    fn the_first_frame_decodes_only_the_brief_it_shows() {
        for (w, h) in [(100, 30), (80, 24), (40, 20)] {
            for (start, shown) in [
                (None, 0),
                (Some("wsis20-outcome-2025"), 1),
                (Some("isoc-perspective-2025/positions"), 5),
            ] {
                let corpus = Arc::new(crate::library::builtin_corpus());
                let briefs = corpus.briefs();
                assert_eq!(briefs.position("isoc-perspective-2025"), Some(5));
                let app = opened(&corpus, start, w, h, Some(usize::from(h)));
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| crate::tui::view::draw(f, &app)).unwrap();
                let made: Vec<usize> = (0..briefs.len()).filter(|&i| briefs.is_made(i)).collect();
                assert_eq!(made, [shown], "{w}x{h} at {start:?}");
                // What the outline listed is what the briefs hold, once they are decoded.
                let listed = format!("{:?}", t.backend().buffer());
                briefs.iter().for_each(drop);
                t.draw(|f| crate::tui::view::draw(f, &app)).unwrap();
                assert_eq!(listed, format!("{:?}", t.backend().buffer()));
            }
        }
    }

    /// The first frame lays out only the top of the page; it must look exactly as the
    /// whole page would, wherever the reader opens.
    #[test]
    fn a_first_frame_of_part_of_the_page_is_the_frame_of_all_of_it() {
        let corpus = Arc::new(crate::library::builtin_corpus());
        for (w, h) in [(200, 60), (80, 24), (40, 10)] {
            for start in [None, Some("wsis20-overview/issues")] {
                let frame = |first_lines: Option<usize>| {
                    let app = opened(&corpus, start, w, h, first_lines);
                    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                    t.draw(|f| crate::tui::view::draw(f, &app)).unwrap();
                    let lines = app.page().lines.len();
                    (t.backend().buffer().clone(), lines)
                };
                let (part, part_lines) = frame(Some(usize::from(h)));
                let (whole, whole_lines) = frame(None);
                assert_eq!(part, whole, "{w}x{h} at {start:?}");
                assert!(
                    part_lines < whole_lines,
                    "{w}x{h} at {start:?}: all laid out"
                );
            }
        }
    }

    /// `brief pick` on the built-in briefs, opened at `start`.
    fn picking(start: &str) -> App {
        let mut app = opened(
            &Arc::new(crate::library::builtin_corpus()),
            Some(start),
            100,
            30,
            None,
        );
        app.pick = true;
        app
    }

    #[test]
    fn pick_tab_marks_in_order_unmarks_and_enter_prints_the_marked_ones() {
        let mut app = picking("wsis20-overview/issues");
        app.apply(Action::Right);
        app.apply(Action::Down);
        let first = app.selector_at_hand().unwrap();
        app.apply(Action::Mark { down: true });
        let second = app.selector_at_hand().unwrap();
        assert_ne!(first, second, "Tab moves down");
        assert_eq!(
            app.status.as_deref(),
            Some(&*format!(
                "marked {first}; 1 marked, Enter prints them in order"
            ))
        );
        app.apply(Action::Mark { down: true });
        let third = app.selector_at_hand().unwrap();
        app.apply(Action::Mark { down: false });
        // shift-Tab marked the third and went up to the second, whose mark Tab takes away.
        app.apply(Action::Mark { down: true });
        assert_eq!(app.picked, [first.clone(), third.clone()]);
        assert!(app.is_picked(&third) && !app.is_picked(&second));
        app.apply(Action::Enter);
        assert_eq!(app.outcome, Some(Outcome::Picked(vec![first, third])));
    }

    #[test]
    fn pick_with_nothing_marked_prints_the_row_at_the_cursor() {
        let mut app = picking(IGF);
        app.apply(Action::Enter);
        assert_eq!(app.outcome, Some(Outcome::Picked(vec![IGF.to_owned()])));
    }

    #[test]
    fn pick_tab_while_narrowing_marks_the_match_and_enter_prints_the_marks() {
        let mut app = picking("wsis20-overview");
        for c in "igf".chars() {
            app.apply(Action::Type(c));
        }
        let index = crate::search::Index::build(&app.corpus);
        crate::tui::settle(&mut app, &index);
        assert_eq!(app.context(), Context::PickSearch);
        let first = app
            .reading_node()
            .and_then(|id| app.outline.target(&app.corpus, id));
        let first = crate::query::names::selector(first.unwrap());
        app.apply(Action::Mark { down: true });
        assert_eq!(app.picked, std::slice::from_ref(&first));
        assert!(app.search.selected > 0, "Tab moves to the next match");
        app.apply(Action::Enter);
        assert_eq!(app.outcome, Some(Outcome::Picked(vec![first])));
    }
}
