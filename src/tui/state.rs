//! The reader's state and the one function that changes it: `App::apply(Action)`. Nothing
//! here touches the terminal, so every behaviour is tested without one (as jless tests
//! its viewer). Slow work — search over a large corpus — is asked for through
//! [`App::take_search`] and answered with [`Action::Found`], so typing never waits.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::agenda::{self, Row};
use super::layout::{self, Panes};
use super::matrix::Matrix;
use super::outline::{Level, Outline, filter_is_active};
use super::theme::{Theme, ThemeName};
use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::model::{StakeholderGroup, Stance};
use crate::brief::search::{Filter, Place, Query};
use crate::desk::{Change, Desk};

/// The longest search text kept; a larger paste is cut, with a message.
pub const MAX_QUERY: usize = 1000;
/// Actors side by side on one issue, at most.
pub const MAX_COLUMNS: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    /// ← or h: close, go to the parent, go back.
    Left,
    /// → or l: open, go forward.
    Right,
    Enter,
    /// Space: page down in text, toggle in lists.
    Space,
    Tab,
    Escape,
    Back,
    Forward,
    /// Follow the numbered cross-reference of the entry being read (1-based).
    Follow(usize),
    Help,
    StartSearch,
    Type(char),
    Paste(String),
    Erase,
    EraseWord,
    EraseLine,
    NextMatch,
    PreviousMatch,
    /// Search results for the request of this generation.
    Found {
        generation: u64,
        places: Vec<Place>,
    },
    Filters,
    ClearFilter,
    Compare,
    Timeline,
    /// In compare: stakeholder groups as columns instead of actors.
    ToggleGroups,
    /// Bookmark the entry under the cursor, or take the bookmark away.
    Bookmark,
    /// The desk: every bookmark and note.
    Desk,
    /// Write or edit the note on the entry under the cursor.
    Annotate,
    /// Leave the note editor, keeping what was typed.
    Save,
    /// The desk as saved (merged with what other readers saved), or why saving failed.
    DeskSaved(Result<Desk, String>),
    Resize(u16, u16),
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Outline,
    Reading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Reader,
    Compare,
    Timeline,
    Desk,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Quit,
    /// `brief pick`: the selector chosen with Enter.
    Picked(String),
}

/// What the search box holds and what it found.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The prompt is open and takes the keys.
    pub editing: bool,
    pub input: String,
    pub query: Query,
    pub places: Vec<Place>,
    /// Result under the cursor while the prompt is open.
    pub selected: usize,
    pub top: usize,
    pub generation: u64,
    /// A request not yet answered.
    pub waiting: bool,
    /// The node that was selected when the prompt opened, for Esc.
    pub origin: Option<usize>,
}

/// A search to run off the UI thread.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
    pub filter: Filter,
}

/// One line of the filter menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterRow {
    Heading(&'static str),
    Stance(Stance),
    Group(StakeholderGroup),
    Actor(String, String),
    Tag(String),
    Source(String, String),
}

#[derive(Debug, Clone, Default)]
pub struct FilterMenu {
    pub rows: Vec<FilterRow>,
    pub cursor: usize,
    pub top: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareTab {
    Issues,
    Figures,
}

/// One issue's positions side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub issue: String,
    /// Actors shown, in order.
    pub actors: Vec<String>,
    /// First actor in view.
    pub first: usize,
    pub scroll: usize,
}

#[derive(Debug, Clone)]
pub struct CompareState {
    pub tab: CompareTab,
    pub matrix: Matrix,
    pub row: usize,
    pub column: usize,
    pub by_group: bool,
    /// Actors marked with space for the side-by-side view.
    pub chosen: Vec<String>,
    pub detail: Option<Detail>,
    pub figure_scroll: usize,
}

#[derive(Debug, Clone)]
pub struct TimelineState {
    pub rows: Vec<Row>,
    pub cursor: usize,
    pub top: usize,
}

/// How the reader was started.
#[derive(Debug, Clone)]
pub struct Options {
    pub theme: ThemeName,
    pub today: Date,
    /// `brief pick`: Enter chooses instead of opening.
    pub pick: bool,
    /// Select this first.
    pub start: Option<String>,
    /// Bookmarks and notes as last saved.
    pub desk: Desk,
    /// A message for the footer at start (a desk file set aside, say).
    pub notice: Option<String>,
}

/// The note being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub selector: String,
    pub text: String,
    /// Byte offset of the cursor in `text`.
    pub cursor: usize,
}

impl Editor {
    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }

    /// Move to the same column (in characters) of the line before or after.
    fn vertical(&mut self, down: bool) {
        let start = self.line_start(self.cursor);
        let column = self.text[start..self.cursor].chars().count();
        let target = if down {
            let end = self.line_end(self.cursor);
            if end == self.text.len() {
                return;
            }
            end + 1
        } else {
            if start == 0 {
                return;
            }
            self.line_start(start - 1)
        };
        let end = self.line_end(target);
        self.cursor = self.text[target..end]
            .char_indices()
            .nth(column)
            .map_or(end, |(i, _)| target + i);
    }

    fn step(&mut self, forward: bool) {
        self.cursor = if forward {
            self.text[self.cursor..]
                .chars()
                .next()
                .map_or(self.cursor, |c| self.cursor + c.len_utf8())
        } else {
            self.text[..self.cursor]
                .chars()
                .next_back()
                .map_or(self.cursor, |c| self.cursor - c.len_utf8())
        };
    }

    fn insert(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
    }
}

pub struct App {
    pub corpus: Arc<Corpus>,
    /// Set while the briefs are still loading: the reader draws at once and fills in.
    pub loading: Option<crate::library::Progress>,
    pub theme: Theme,
    pub today: Date,
    pub pick: bool,
    pub area: Rect,
    pub outline: Outline,
    /// Row of the cursor among the visible outline rows.
    pub cursor: usize,
    pub outline_top: usize,
    pub reading_top: usize,
    pub focus: Pane,
    pub screen: Screen,
    pub help: Option<usize>,
    pub filter_menu: Option<FilterMenu>,
    pub filter: Filter,
    pub search: Search,
    back: Vec<usize>,
    forward: Vec<usize>,
    pub compare: CompareState,
    pub timeline: TimelineState,
    /// A message for the footer until the next key.
    pub status: Option<String>,
    pub outcome: Option<Outcome>,
    request: Option<SearchRequest>,
    pub desk: Desk,
    /// Desk changes the runner must save.
    desk_changes: Vec<Change>,
    pub editor: Option<Editor>,
    /// Row of the cursor on the desk screen (among the marks).
    pub desk_cursor: usize,
}

impl App {
    pub fn new(corpus: Arc<Corpus>, options: Options, area: Rect) -> App {
        let outline = Outline::new(&corpus);
        let mut app = App {
            theme: Theme::new(options.theme),
            today: options.today,
            pick: options.pick,
            area,
            outline,
            cursor: 0,
            outline_top: 0,
            reading_top: 0,
            focus: Pane::Outline,
            screen: Screen::Reader,
            help: None,
            filter_menu: None,
            filter: Filter::default(),
            search: Search::default(),
            back: Vec::new(),
            forward: Vec::new(),
            compare: CompareState {
                tab: CompareTab::Issues,
                matrix: Matrix::default(),
                row: 0,
                column: 0,
                by_group: false,
                chosen: Vec::new(),
                detail: None,
                figure_scroll: 0,
            },
            timeline: TimelineState {
                rows: Vec::new(),
                cursor: 0,
                top: 0,
            },
            status: options.notice,
            outcome: None,
            request: None,
            desk: options.desk,
            desk_changes: Vec::new(),
            editor: None,
            desk_cursor: 0,
            corpus,
            loading: None,
        };
        if let Some(sel) = options.start.as_deref() {
            match app.outline.find(&app.corpus, sel) {
                Some(id) => app.select(id),
                None => app.status = Some(format!("nothing is named `{sel}`")),
            }
        }
        app
    }

    /// The briefs have arrived (the reader opens before they do): show them, opened at
    /// `start`, and whatever was asked for meanwhile (a search, the compare screen).
    pub fn loaded(&mut self, corpus: Arc<Corpus>, start: Option<&str>, notice: Option<String>) {
        self.loading = None;
        self.corpus = corpus;
        self.outline = Outline::new(&self.corpus);
        self.outline.apply_filter(&self.corpus, &self.filter);
        self.cursor = 0;
        self.outline_top = 0;
        self.reading_top = 0;
        self.timeline.rows.clear();
        match self.screen {
            Screen::Compare => self.rebuild_matrix(),
            Screen::Timeline => self.open_timeline(),
            _ => {}
        }
        if !self.search.query.is_empty() {
            self.set_query();
        }
        if let Some(sel) = start {
            match self.outline.find(&self.corpus, sel) {
                Some(id) => self.select(id),
                None => self.status = Some(format!("nothing is named `{sel}`")),
            }
        }
        if notice.is_some() {
            self.status = notice;
        }
    }

    /// The node under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.outline.visible().get(self.cursor).copied()
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

    pub fn node_of(&self, p: Place) -> Option<usize> {
        self.outline.node_at(p)
    }

    pub fn panes(&self) -> Panes {
        layout::panes(self.area, self.focus == Pane::Reading)
    }

    fn outline_height(&self) -> usize {
        let p = self.panes();
        let r = p.outline.or(p.reading).unwrap_or_default();
        // The search prompt's result list has a heading line.
        usize::from(r.height).saturating_sub(usize::from(self.search.editing))
    }

    fn reading_height(&self) -> usize {
        let p = self.panes();
        usize::from(p.reading.or(p.outline).unwrap_or_default().height)
    }

    /// Width the reading pane wraps text to.
    pub fn reading_width(&self) -> usize {
        let p = self.panes();
        usize::from(layout::reading_text(p.reading.or(p.outline).unwrap_or_default()).width)
    }

    /// Lines the reading pane has at its width.
    pub fn reading_len(&self) -> usize {
        super::view::reading::line_count(self)
    }

    /// Take the search the UI thread should hand to the worker.
    pub fn take_search(&mut self) -> Option<SearchRequest> {
        self.request.take()
    }

    pub fn filter_active(&self) -> bool {
        filter_is_active(&self.filter)
    }

    pub fn apply(&mut self, action: Action) {
        if !matches!(action, Action::Found { .. } | Action::Resize(..)) {
            self.status = None;
        }
        match action {
            Action::Quit => self.outcome = Some(Outcome::Quit),
            Action::Resize(w, h) => {
                self.area = Rect::new(0, 0, w, h);
                self.keep_cursor_in_view();
            }
            Action::Found { generation, places } => {
                if generation == self.search.generation {
                    self.search.waiting = false;
                    self.search.places = places;
                    self.search.selected = 0;
                    self.search.top = 0;
                    self.reading_top = self.first_match_line();
                }
            }
            Action::Help => {
                self.help = match self.help {
                    Some(_) => None,
                    None => Some(0),
                }
            }
            Action::DeskSaved(result) => match result {
                Ok(desk) => self.desk = desk,
                Err(why) => self.status = Some(format!("notes NOT saved: {why}")),
            },
            _ if self.editor.is_some() => self.editor_key(action),
            _ if self.help.is_some() => self.help_key(action),
            _ if self.search.editing => self.search_key(action),
            _ if self.filter_menu.is_some() => self.filter_key(action),
            Action::Compare if self.screen == Screen::Compare => self.screen = Screen::Reader,
            Action::Compare => self.open_compare(),
            Action::Timeline if self.screen == Screen::Timeline => self.screen = Screen::Reader,
            Action::Timeline => self.open_timeline(),
            Action::Filters => self.open_filters(),
            Action::Desk if self.screen == Screen::Desk => self.screen = Screen::Reader,
            Action::Desk => {
                self.screen = Screen::Desk;
                self.desk_cursor = self
                    .desk_cursor
                    .min(self.desk.marks.len().saturating_sub(1));
            }
            Action::ClearFilter => {
                if self.filter_active() {
                    self.set_filter(Filter::default());
                    self.status = Some("filter cleared".into());
                }
            }
            _ => match self.screen {
                Screen::Reader => self.reader_key(action),
                Screen::Compare => self.compare_key(action),
                Screen::Timeline => self.timeline_key(action),
                Screen::Desk => self.desk_key(action),
            },
        }
    }

    fn help_key(&mut self, action: Action) {
        let Some(top) = self.help else { return };
        match action {
            Action::Escape | Action::Enter | Action::Left => self.help = None,
            Action::Down => self.help = Some(top + 1),
            Action::Up => self.help = Some(top.saturating_sub(1)),
            Action::PageDown | Action::Space | Action::HalfPageDown => self.help = Some(top + 10),
            Action::PageUp | Action::HalfPageUp => self.help = Some(top.saturating_sub(10)),
            Action::Top => self.help = Some(0),
            _ => {}
        }
        if let Some(t) = self.help {
            self.help = Some(t.min(super::view::help::LINES.len().saturating_sub(1)));
        }
    }

    // ---- the reader ---------------------------------------------------------------

    fn reader_key(&mut self, action: Action) {
        match (self.focus, action) {
            (_, Action::Tab) => {
                self.focus = match self.focus {
                    Pane::Outline => Pane::Reading,
                    Pane::Reading => Pane::Outline,
                };
                self.keep_cursor_in_view();
            }
            (_, Action::StartSearch) => self.start_search(),
            (_, Action::NextMatch) => self.next_match(true),
            (_, Action::PreviousMatch) => self.next_match(false),
            (_, Action::Back) => self.go_back(),
            (_, Action::Forward) => self.go_forward(),
            (_, Action::Follow(n)) => self.follow(n),
            (_, Action::Escape) => {
                if !self.search.query.is_empty() {
                    self.search = Search {
                        generation: self.search.generation + 1,
                        ..Search::default()
                    };
                    self.status = Some("search cleared".into());
                } else if self.focus == Pane::Reading {
                    self.focus = Pane::Outline;
                }
            }
            (_, Action::Bookmark) => self.toggle_bookmark(),
            (_, Action::Annotate) => self.open_editor(),
            (_, Action::Click { column, row }) => self.click(column, row),
            (_, Action::Wheel { column, row, down }) => self.wheel(column, row, down),
            (Pane::Outline, a) => self.outline_key(a),
            (Pane::Reading, a) => self.reading_key(a),
        }
    }

    fn outline_key(&mut self, action: Action) {
        let rows = self.outline.visible().len();
        let page = self.outline_height().max(1);
        match action {
            Action::Up => self.move_cursor(self.cursor.saturating_sub(1)),
            Action::Down => self.move_cursor(self.cursor + 1),
            Action::PageUp => self.move_cursor(self.cursor.saturating_sub(page)),
            Action::PageDown => self.move_cursor(self.cursor + page),
            Action::HalfPageUp => self.move_cursor(self.cursor.saturating_sub(page / 2)),
            Action::HalfPageDown => self.move_cursor(self.cursor + page / 2),
            Action::Top => self.move_cursor(0),
            Action::Bottom => self.move_cursor(rows.saturating_sub(1)),
            Action::Space => self.scroll_reading(self.reading_height().max(2) - 1, true),
            Action::Right => self.open_node(false),
            Action::Enter => self.open_node(true),
            Action::Left => self.close_node(),
            _ => {}
        }
    }

    fn reading_key(&mut self, action: Action) {
        let page = self.reading_height().max(2);
        match action {
            Action::Up => self.scroll_reading(1, false),
            Action::Down => self.scroll_reading(1, true),
            Action::PageUp => self.scroll_reading(page - 1, false),
            Action::PageDown | Action::Space => self.scroll_reading(page - 1, true),
            Action::HalfPageUp => self.scroll_reading(page / 2, false),
            Action::HalfPageDown => self.scroll_reading(page / 2, true),
            Action::Top => self.reading_top = 0,
            Action::Bottom => {
                self.reading_top = self.reading_len().saturating_sub(self.reading_height())
            }
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

    fn scroll_reading(&mut self, by: usize, down: bool) {
        let max = self.reading_len().saturating_sub(self.reading_height());
        self.reading_top = if down {
            (self.reading_top + by).min(max)
        } else {
            self.reading_top.saturating_sub(by)
        };
    }

    fn move_cursor(&mut self, row: usize) {
        let rows = self.outline.visible().len();
        let row = row.min(rows.saturating_sub(1));
        if row != self.cursor {
            self.cursor = row;
            self.reading_top = 0;
        }
        self.keep_cursor_in_view();
    }

    fn keep_cursor_in_view(&mut self) {
        let h = self.outline_height().max(1);
        if self.cursor < self.outline_top {
            self.outline_top = self.cursor;
        } else if self.cursor >= self.outline_top + h {
            self.outline_top = self.cursor + 1 - h;
        }
        let rows = self.outline.visible().len();
        self.outline_top = self.outline_top.min(rows.saturating_sub(h));
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
            self.move_cursor(self.cursor + 1);
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

    fn choose(&mut self) {
        if let Some(t) = self.current_target() {
            self.outcome = Some(Outcome::Picked(crate::render::selector(t)));
        }
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
            self.cursor = row;
            self.reading_top = 0;
            self.keep_cursor_in_view();
        }
    }

    /// Select a node as a jump that Back returns from.
    fn jump(&mut self, id: usize) {
        if let Some(here) = self.current()
            && here != id
        {
            self.back.push(here);
            self.forward.clear();
        }
        self.select(id);
    }

    fn go_back(&mut self) {
        match self.back.pop() {
            Some(id) => {
                if let Some(here) = self.current() {
                    self.forward.push(here);
                }
                self.select(id);
            }
            None => self.status = Some("nothing to go back to".into()),
        }
    }

    fn go_forward(&mut self) {
        match self.forward.pop() {
            Some(id) => {
                if let Some(here) = self.current() {
                    self.back.push(here);
                }
                self.select(id);
            }
            None => self.status = Some("nothing to go forward to".into()),
        }
    }

    /// The cross-references of the entry being read.
    pub fn links(&self) -> Vec<String> {
        match self.current_target() {
            Some(Target::Entry(_, _, e)) => e.see().iter().map(|s| s.to_string()).collect(),
            _ => Vec::new(),
        }
    }

    fn follow(&mut self, n: usize) {
        let links = self.links();
        let Some(sel) = n.checked_sub(1).and_then(|i| links.get(i)) else {
            self.status = Some(if links.is_empty() {
                "this has no cross-references".into()
            } else {
                format!("cross-references here: 1 to {}", links.len())
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
            let r = self.outline_top + usize::from(row - o.y);
            if r < self.outline.visible().len() {
                if r == self.cursor {
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
            let h = self.outline_height();
            self.outline_top = if down {
                (self.outline_top + 3).min(rows.saturating_sub(h))
            } else {
                self.outline_top.saturating_sub(3)
            };
            // Keep the cursor on screen, as less does when scrolling past it.
            self.cursor = self
                .cursor
                .clamp(self.outline_top, self.outline_top + h.max(1) - 1)
                .min(rows.saturating_sub(1));
        } else if p.reading.is_some_and(|r| r.contains(at)) {
            self.scroll_reading(3, down);
        }
    }

    // ---- the desk -----------------------------------------------------------------

    /// Take the desk changes the runner should save.
    pub fn take_desk_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.desk_changes)
    }

    /// Whether the reader holds typing that is not yet handed over for saving.
    pub fn has_unsaved_typing(&self) -> bool {
        self.editor.is_some()
    }

    fn record(&mut self, change: Change) {
        self.desk.apply(&change);
        self.desk_changes.push(change);
    }

    fn toggle_bookmark(&mut self) {
        let Some(t @ Target::Entry(..)) = self.current_target() else {
            self.status = Some("bookmarks go on entries; open a section first".into());
            return;
        };
        let sel = crate::render::selector(t);
        let old = self.desk.get(&sel).cloned();
        let on = !old.as_ref().is_some_and(|m| m.bookmark);
        let note = old.and_then(|m| m.note.map(|n| n.to_string()));
        let change = crate::desk::put(&self.corpus, t, on, note.as_deref(), self.today);
        self.record(change);
        self.status = Some(if on { "bookmarked" } else { "bookmark removed" }.into());
    }

    fn open_editor(&mut self) {
        let Some(t @ Target::Entry(..)) = self.current_target() else {
            self.status = Some("notes go on entries; open a section first".into());
            return;
        };
        let selector = crate::render::selector(t);
        let text = self
            .desk
            .get(&selector)
            .and_then(|m| m.note.as_ref().map(|n| n.to_string()))
            .unwrap_or_default();
        let cursor = text.len();
        self.editor = Some(Editor {
            selector,
            text,
            cursor,
        });
    }

    /// Leaving the editor in any way keeps what was typed.
    pub fn close_editor(&mut self) {
        let Some(ed) = self.editor.take() else { return };
        let Some(t) = self.corpus.resolve(&ed.selector) else {
            return;
        };
        let old = self.desk.get(&ed.selector).cloned();
        if old.as_ref().and_then(|m| m.note.as_deref()).unwrap_or("") == ed.text.trim_end() {
            return;
        }
        let bookmark = old.is_some_and(|m| m.bookmark);
        let text = ed.text.trim_end().to_owned();
        let change = crate::desk::put(&self.corpus, t, bookmark, Some(&text), self.today);
        self.record(change);
        self.status = Some(
            if text.is_empty() {
                "note removed"
            } else {
                "note saved"
            }
            .into(),
        );
    }

    fn editor_key(&mut self, action: Action) {
        let Some(ed) = self.editor.as_mut() else {
            return;
        };
        match action {
            Action::Type(c) => ed.insert(c.encode_utf8(&mut [0; 4])),
            Action::Enter => ed.insert("\n"),
            Action::Paste(p) => ed.insert(&crate::brief::text::neutralise(&p)),
            Action::Erase => {
                let at = ed.cursor;
                ed.step(false);
                ed.text.replace_range(ed.cursor..at, "");
            }
            Action::EraseWord => {
                let at = ed.cursor;
                let kept = ed.text[..at].trim_end();
                let from = kept.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                ed.text.replace_range(from..at, "");
                ed.cursor = from;
            }
            Action::EraseLine => {
                let from = ed.line_start(ed.cursor);
                ed.text.replace_range(from..ed.cursor, "");
                ed.cursor = from;
            }
            Action::Left => ed.step(false),
            Action::Right => ed.step(true),
            Action::Up => ed.vertical(false),
            Action::Down => ed.vertical(true),
            Action::Top => ed.cursor = ed.line_start(ed.cursor),
            Action::Bottom => ed.cursor = ed.line_end(ed.cursor),
            Action::Escape | Action::Save | Action::Quit => {
                self.close_editor();
                if action == Action::Quit {
                    self.outcome = Some(Outcome::Quit);
                }
            }
            _ => {}
        }
    }

    /// The desk's marks in the order the desk screen lists them.
    pub fn desk_rows(&self) -> Vec<(String, String, crate::desk::Mark)> {
        crate::render::prep::ordered(&self.corpus, &self.desk)
            .into_iter()
            .map(|(b, g, m)| (b, g, m.clone()))
            .collect()
    }

    fn desk_key(&mut self, action: Action) {
        let last = self.desk.marks.len().saturating_sub(1);
        match action {
            Action::Up => self.desk_cursor = self.desk_cursor.saturating_sub(1),
            Action::Down => self.desk_cursor = (self.desk_cursor + 1).min(last),
            Action::Top => self.desk_cursor = 0,
            Action::Bottom => self.desk_cursor = last,
            Action::PageUp => self.desk_cursor = self.desk_cursor.saturating_sub(10),
            Action::PageDown | Action::Space => {
                self.desk_cursor = (self.desk_cursor + 10).min(last)
            }
            Action::Escape | Action::Left => self.screen = Screen::Reader,
            Action::Enter | Action::Right => {
                let rows = self.desk_rows();
                let Some((_, _, m)) = rows.get(self.desk_cursor) else {
                    return;
                };
                match self.outline.find(&self.corpus, &m.selector) {
                    Some(id) => {
                        self.screen = Screen::Reader;
                        self.jump(id);
                        self.focus = Pane::Reading;
                    }
                    None => {
                        self.status = Some(format!("`{}` is not in the loaded briefs", m.selector))
                    }
                }
            }
            _ => {}
        }
    }

    // ---- search -------------------------------------------------------------------

    fn start_search(&mut self) {
        self.search.editing = true;
        self.search.input.clear();
        self.search.origin = self.current();
        self.set_query();
    }

    fn set_query(&mut self) {
        self.search.query = Query::parse(&self.search.input);
        self.search.generation += 1;
        self.search.selected = 0;
        self.search.top = 0;
        if self.search.query.is_empty() {
            self.search.places.clear();
            self.search.waiting = false;
            self.request = None;
        } else {
            self.search.waiting = true;
            self.request = Some(SearchRequest {
                generation: self.search.generation,
                query: self.search.query.clone(),
                filter: self.filter.clone(),
            });
        }
    }

    /// Results in view at once: each takes two lines (selector, snippet).
    pub fn search_page(&self) -> usize {
        (self.outline_height() / 2).max(1)
    }

    fn search_key(&mut self, action: Action) {
        let page = self.search_page();
        let hits = self.search.places.len();
        let moved = |app: &mut App, to: usize| {
            app.search.selected = to.min(hits.saturating_sub(1));
            if app.search.selected < app.search.top {
                app.search.top = app.search.selected;
            } else if app.search.selected >= app.search.top + page {
                app.search.top = app.search.selected + 1 - page;
            }
            app.reading_top = app.first_match_line();
        };
        match action {
            Action::Type(c) if self.search.input.chars().count() < MAX_QUERY => {
                self.search.input.push(c);
                self.set_query();
            }
            Action::Paste(text) => {
                // A paste is one line of search text: newlines and controls become spaces.
                let clean: String = text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                let room = MAX_QUERY.saturating_sub(self.search.input.chars().count());
                let cut = clean.chars().count() > room;
                self.search.input.extend(clean.chars().take(room));
                self.set_query();
                if cut {
                    self.status = Some(format!("search text cut to {MAX_QUERY} characters"));
                }
            }
            Action::Erase if self.search.input.pop().is_some() => self.set_query(),
            Action::EraseWord => {
                let kept = self.search.input.trim_end();
                let cut = kept.rfind(' ').map_or(0, |i| i + 1);
                self.search.input.truncate(cut);
                self.set_query();
            }
            Action::EraseLine => {
                self.search.input.clear();
                self.set_query();
            }
            Action::Up => moved(self, self.search.selected.saturating_sub(1)),
            Action::Down | Action::Tab => moved(self, self.search.selected + 1),
            Action::PageUp => moved(self, self.search.selected.saturating_sub(page)),
            Action::PageDown => moved(self, self.search.selected + page),
            Action::Enter => {
                self.search.editing = false;
                if let Some(p) = self.search.places.get(self.search.selected).copied() {
                    if let Some(id) = self.node_of(p) {
                        if let Some(origin) = self.search.origin.filter(|&o| o != id) {
                            self.back.push(origin);
                            self.forward.clear();
                        }
                        self.select(id);
                        self.reading_top = self.first_match_line();
                    }
                } else if self.search.waiting {
                    self.status = Some("still searching".into());
                    self.search.editing = true;
                } else if !self.search.query.is_empty() {
                    self.status = Some("no match".into());
                }
            }
            Action::Escape | Action::Quit => {
                self.search = Search {
                    generation: self.search.generation + 1,
                    ..Search::default()
                };
                self.reading_top = 0;
            }
            _ => {}
        }
    }

    /// n and N: the next (or previous) match after the selection, wrapping around.
    fn next_match(&mut self, forward: bool) {
        if self.search.query.is_empty() {
            self.status = Some("no search: / starts one".into());
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
        if let Some(id) = next {
            self.select(id);
            self.reading_top = self.first_match_line();
            let i = nodes.iter().position(|&n| n == id).unwrap_or(0);
            if self.status.is_none() {
                self.status = Some(format!("match {} of {}", i + 1, nodes.len()));
            }
        }
    }

    /// The first line of the reading pane holding a match, with two lines of context.
    fn first_match_line(&self) -> usize {
        super::view::reading::first_match(self).map_or(0, |l| l.saturating_sub(2))
    }

    // ---- filters ------------------------------------------------------------------

    fn open_filters(&mut self) {
        let corpus = &self.corpus;
        let mut rows = vec![FilterRow::Heading("Stance")];
        rows.extend(Stance::ALL.iter().map(|&s| FilterRow::Stance(s)));
        rows.push(FilterRow::Heading("Stakeholder group"));
        rows.extend(StakeholderGroup::ALL.iter().map(|&g| FilterRow::Group(g)));
        rows.push(FilterRow::Heading("Actor"));
        rows.extend(
            corpus
                .actors()
                .map(|a| FilterRow::Actor(a.id.to_string(), a.name.to_string())),
        );
        let mut tags: Vec<String> = Vec::new();
        for b in corpus.briefs() {
            for s in &b.sections {
                for e in s.entries() {
                    for t in e.tags() {
                        if !tags.iter().any(|x| x == t.as_str()) {
                            tags.push(t.to_string());
                        }
                    }
                }
            }
        }
        for i in corpus.issues() {
            for t in &i.tags {
                if !tags.iter().any(|x| x == t.as_str()) {
                    tags.push(t.to_string());
                }
            }
        }
        tags.sort();
        rows.push(FilterRow::Heading("Tag"));
        rows.extend(tags.into_iter().map(FilterRow::Tag));
        rows.push(FilterRow::Heading("Source"));
        let mut sources: Vec<(String, String)> = Vec::new();
        for b in corpus.briefs() {
            for s in &b.sources {
                if !sources.iter().any(|x| x.0 == s.id.as_str()) {
                    sources.push((s.id.to_string(), s.title.to_string()));
                }
            }
        }
        rows.extend(sources.into_iter().map(|(id, t)| FilterRow::Source(id, t)));
        self.filter_menu = Some(FilterMenu {
            rows,
            cursor: 1,
            top: 0,
        });
    }

    /// Whether a filter-menu row is switched on.
    pub fn filter_has(&self, row: &FilterRow) -> bool {
        let f = &self.filter;
        match row {
            FilterRow::Heading(_) => false,
            FilterRow::Stance(s) => f.stances.contains(s),
            FilterRow::Group(g) => f.groups.contains(g),
            FilterRow::Actor(id, _) => f.actors.contains(id),
            FilterRow::Tag(t) => f.tags.contains(t),
            FilterRow::Source(id, _) => f.sources.contains(id),
        }
    }

    fn filter_key(&mut self, action: Action) {
        let Some(menu) = self.filter_menu.as_mut() else {
            return;
        };
        let last = menu.rows.len().saturating_sub(1);
        let step = |menu: &mut FilterMenu, down: bool| {
            let mut at = menu.cursor;
            loop {
                let next = if down {
                    (at < last).then(|| at + 1)
                } else {
                    at.checked_sub(1)
                };
                match next {
                    Some(n) => {
                        at = n;
                        if !matches!(menu.rows[n], FilterRow::Heading(_)) {
                            menu.cursor = n;
                            break;
                        }
                    }
                    None => break,
                }
            }
        };
        match action {
            Action::Up => step(menu, false),
            Action::Down => step(menu, true),
            Action::PageDown | Action::HalfPageDown => {
                for _ in 0..10 {
                    step(menu, true)
                }
            }
            Action::PageUp | Action::HalfPageUp => {
                for _ in 0..10 {
                    step(menu, false)
                }
            }
            Action::Top => {
                menu.cursor = 0;
                step(menu, true)
            }
            Action::Bottom => {
                menu.cursor = last;
            }
            Action::Space | Action::Enter | Action::Right => {
                let row = menu.rows[menu.cursor].clone();
                let mut f = self.filter.clone();
                fn toggle<T: PartialEq>(list: &mut Vec<T>, x: T) {
                    match list.iter().position(|y| *y == x) {
                        Some(i) => {
                            list.remove(i);
                        }
                        None => list.push(x),
                    }
                }
                match row {
                    FilterRow::Heading(_) => {}
                    FilterRow::Stance(s) => toggle(&mut f.stances, s),
                    FilterRow::Group(g) => toggle(&mut f.groups, g),
                    FilterRow::Actor(id, _) => toggle(&mut f.actors, id),
                    FilterRow::Tag(t) => toggle(&mut f.tags, t),
                    FilterRow::Source(id, _) => toggle(&mut f.sources, id),
                }
                self.set_filter(f);
            }
            Action::ClearFilter => self.set_filter(Filter::default()),
            Action::Escape | Action::Filters | Action::Left | Action::Quit => {
                self.filter_menu = None;
                if self.filter_active() && self.outline.visible().is_empty() {
                    self.status = Some("nothing passes this filter; F clears it".into());
                }
            }
            _ => {}
        }
        if let Some(menu) = self.filter_menu.as_mut() {
            let h = usize::from(self.area.height.saturating_sub(4)).max(1);
            if menu.cursor < menu.top {
                menu.top = menu.cursor.saturating_sub(1);
            } else if menu.cursor >= menu.top + h {
                menu.top = menu.cursor + 1 - h;
            }
        }
    }

    /// Apply a new filter everywhere: outline, search, compare; keep the cursor on the
    /// same node when it still passes.
    pub fn set_filter(&mut self, filter: Filter) {
        let here = self.current();
        self.filter = filter;
        self.outline.apply_filter(&self.corpus, &self.filter);
        let row = here
            .and_then(|id| {
                self.outline.row_of(id).or_else(|| {
                    // The nearest visible row above.
                    let v = self.outline.visible();
                    v.iter().rposition(|&n| n < id)
                })
            })
            .unwrap_or(0);
        self.cursor = row.min(self.outline.visible().len().saturating_sub(1));
        self.keep_cursor_in_view();
        if !self.search.query.is_empty() {
            let (editing, origin) = (self.search.editing, self.search.origin);
            self.set_query();
            self.search.editing = editing;
            self.search.origin = origin;
        }
        if self.screen == Screen::Compare {
            self.rebuild_matrix();
        }
    }

    // ---- compare ------------------------------------------------------------------

    fn open_compare(&mut self) {
        self.screen = Screen::Compare;
        self.rebuild_matrix();
        // Start on the issue being read, when it is one.
        let reading = match self.current_target() {
            Some(Target::Entry(_, _, crate::brief::model::EntryRef::Position(p))) => {
                Some((p.issue.to_string(), p.actor.to_string()))
            }
            _ => None,
        };
        if let Some((issue, actor)) = reading {
            let m = &self.compare.matrix;
            if let Some(r) = m.issues.iter().position(|i| *i == issue) {
                self.compare.row = r;
                self.compare.column = m.actors.iter().position(|a| *a == actor).unwrap_or(0);
            }
        }
    }

    fn rebuild_matrix(&mut self) {
        self.compare.matrix = Matrix::build(&self.corpus, &self.filter);
        let m = &self.compare.matrix;
        self.compare.row = self.compare.row.min(m.issues.len().saturating_sub(1));
        self.compare.column = self.compare.column.min(m.actors.len().saturating_sub(1));
    }

    /// Columns of the side-by-side view that fit the width.
    pub fn detail_columns(&self) -> usize {
        let w = usize::from(self.area.width);
        (w / (crate::render::compare::MIN_COLUMN + 3)).clamp(1, MAX_COLUMNS)
    }

    fn compare_key(&mut self, action: Action) {
        if self.compare.detail.is_some() {
            return self.detail_key(action);
        }
        let c = &mut self.compare;
        if c.tab == CompareTab::Figures {
            match action {
                Action::Tab => c.tab = CompareTab::Issues,
                Action::Down => c.figure_scroll += 1,
                Action::Up => c.figure_scroll = c.figure_scroll.saturating_sub(1),
                Action::PageDown | Action::Space => c.figure_scroll += 10,
                Action::PageUp => c.figure_scroll = c.figure_scroll.saturating_sub(10),
                Action::Top => c.figure_scroll = 0,
                Action::Escape | Action::Left => self.screen = Screen::Reader,
                _ => {}
            }
            return;
        }
        let rows = c.matrix.issues.len();
        let cols = if c.by_group {
            c.matrix.groups.len()
        } else {
            c.matrix.actors.len()
        };
        match action {
            Action::Up => c.row = c.row.saturating_sub(1),
            Action::Down => c.row = (c.row + 1).min(rows.saturating_sub(1)),
            Action::PageUp | Action::HalfPageUp => c.row = c.row.saturating_sub(10),
            Action::PageDown | Action::HalfPageDown => {
                c.row = (c.row + 10).min(rows.saturating_sub(1))
            }
            Action::Top => c.row = 0,
            Action::Bottom => c.row = rows.saturating_sub(1),
            Action::Left => c.column = c.column.saturating_sub(1),
            Action::Right => c.column = (c.column + 1).min(cols.saturating_sub(1)),
            Action::Tab => c.tab = CompareTab::Figures,
            Action::ToggleGroups => {
                c.by_group = !c.by_group;
                c.column = 0;
            }
            Action::Space if !c.by_group => {
                if let Some(a) = c.matrix.actors.get(c.column).cloned() {
                    if let Some(i) = c.chosen.iter().position(|x| *x == a) {
                        c.chosen.remove(i);
                    } else if c.chosen.len() < MAX_COLUMNS {
                        c.chosen.push(a);
                    } else {
                        self.status = Some(format!("at most {MAX_COLUMNS} side by side"));
                    }
                }
            }
            Action::Enter => self.open_detail(),
            Action::Escape => {
                if c.chosen.is_empty() {
                    self.screen = Screen::Reader;
                } else {
                    c.chosen.clear();
                }
            }
            _ => {}
        }
    }

    fn open_detail(&mut self) {
        let c = &self.compare;
        let Some(issue) = c.matrix.issues.get(c.row).cloned() else {
            return;
        };
        let with_position: Vec<String> = (0..c.matrix.actors.len())
            .filter(|&a| c.matrix.cells[c.row][a].is_some())
            .map(|a| c.matrix.actors[a].clone())
            .collect();
        let chosen: Vec<String> = c
            .chosen
            .iter()
            .filter(|a| with_position.contains(a))
            .cloned()
            .collect();
        let actors = if chosen.is_empty() {
            with_position
        } else {
            chosen
        };
        // Start with the actor under the cursor in view.
        let first = c
            .matrix
            .actors
            .get(c.column)
            .and_then(|a| actors.iter().position(|x| x == a))
            .unwrap_or(0);
        let first = first.min(actors.len().saturating_sub(self.detail_columns()));
        self.compare.detail = Some(Detail {
            issue,
            actors,
            first,
            scroll: 0,
        });
    }

    fn detail_key(&mut self, action: Action) {
        let shown = self.detail_columns();
        let Some(d) = self.compare.detail.as_mut() else {
            return;
        };
        let max_first = d.actors.len().saturating_sub(shown);
        match action {
            Action::Left => d.first = d.first.saturating_sub(1),
            Action::Right => d.first = (d.first + 1).min(max_first),
            Action::Down => d.scroll += 1,
            Action::Up => d.scroll = d.scroll.saturating_sub(1),
            Action::PageDown | Action::Space | Action::HalfPageDown => d.scroll += 10,
            Action::PageUp | Action::HalfPageUp => d.scroll = d.scroll.saturating_sub(10),
            Action::Top => d.scroll = 0,
            Action::Escape | Action::Back => self.compare.detail = None,
            Action::Enter => {
                // Read the first position of the leftmost actor in view.
                let (issue, actor) = (d.issue.clone(), d.actors.get(d.first).cloned());
                if let Some(actor) = actor {
                    let placed =
                        crate::render::compare::positions(&self.corpus, &issue, &[actor], None);
                    if let Some(p) = placed.first()
                        && let Some(id) = self.outline.find(&self.corpus, &p.selector())
                    {
                        self.screen = Screen::Reader;
                        self.jump(id);
                        self.focus = Pane::Reading;
                    }
                }
            }
            _ => {}
        }
    }

    // ---- timeline -----------------------------------------------------------------

    fn open_timeline(&mut self) {
        self.screen = Screen::Timeline;
        if self.timeline.rows.is_empty() {
            self.timeline.rows = agenda::rows(&self.corpus);
            self.timeline.cursor = agenda::today_row(&self.timeline.rows, self.today)
                .min(self.timeline.rows.len().saturating_sub(1));
            self.timeline.top = self.timeline.cursor.saturating_sub(3);
        }
    }

    fn timeline_key(&mut self, action: Action) {
        let t = &mut self.timeline;
        let last = t.rows.len().saturating_sub(1);
        match action {
            Action::Up => t.cursor = t.cursor.saturating_sub(1),
            Action::Down => t.cursor = (t.cursor + 1).min(last),
            Action::PageUp | Action::HalfPageUp => t.cursor = t.cursor.saturating_sub(10),
            Action::PageDown | Action::HalfPageDown | Action::Space => {
                t.cursor = (t.cursor + 10).min(last)
            }
            Action::Top => t.cursor = 0,
            Action::Bottom => t.cursor = last,
            Action::Escape | Action::Left => self.screen = Screen::Reader,
            Action::Enter | Action::Right => {
                if let Some(sel) = t.rows.get(t.cursor).and_then(|r| r.selectors.first()) {
                    let sel = sel.clone();
                    if let Some(id) = self.outline.find(&self.corpus, &sel) {
                        self.screen = Screen::Reader;
                        self.jump(id);
                        self.focus = Pane::Reading;
                    }
                }
            }
            _ => {}
        }
        // Rows of the list: the body less the axis (2 lines) and the today marker.
        let h = usize::from(self.area.height.saturating_sub(5)).max(1);
        let t = &mut self.timeline;
        if t.cursor < t.top {
            t.top = t.cursor;
        } else if t.cursor >= t.top + h {
            t.top = t.cursor + 1 - h;
        }
    }

    /// The level of the node under the cursor.
    pub fn current_level(&self) -> Option<Level> {
        self.current().map(|id| self.outline.node(id).level)
    }
}
