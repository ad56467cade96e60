//! The reader's state and the one function that changes it, [`App::apply`]. It finds
//! which screen or overlay has the keys ([`App::context`]), hands the action to it and
//! carries out the [`Effect`] it returns. Nothing here touches the terminal or draws, so
//! every behaviour is tested without one (as jless tests its viewer). Slow work — search
//! over a large corpus — is asked for through [`App::take_search`] and answered with
//! [`Action::Found`], so typing never waits.

use std::sync::Arc;

use ratatui::layout::Rect;

pub use super::action::{Action, Outcome};
use super::keys::Context;
use super::layout::{self, Panes};
use super::outline::{Outline, filter_is_active};
use super::overlay::copy::{Clip, CopyTo};
use super::overlay::editor::NoteEditor;
use super::overlay::filters::FilterMenu;
use super::overlay::help::Help;
use super::page::PageCache;
use super::screen::compare::{CompareScreen, CompareView};
use super::screen::desk::DeskScreen;
use super::screen::proposals::{ProposalsRequest, ProposalsScreen};
use super::screen::search::{Search, SearchRequest};
use super::screen::timeline::TimelineScreen;
use super::screen::versions::{At, Ready, Source, VersionsRequest, VersionsScreen};
pub use super::screen::{Effect, Pane, Screen};
use super::theme::{Theme, ThemeName};
use super::widget::list::{ListCursor, Scroll};
use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::desk::{Change, Desk};
use crate::search::{Filter, Place};

/// Where the reader reads a negotiated text from, on demand: the history file of each
/// text among the briefs (by brief id), and how large a file may be.
#[derive(Debug, Clone, Default)]
pub struct TextFiles {
    pub histories: Vec<(String, std::path::PathBuf)>,
    pub max_bytes: u64,
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
    /// Where the reader was when it last closed, to open there once the briefs are in
    /// (when `start` names nothing).
    pub resume: Option<crate::desk::state::LastPlace>,
}

pub struct App {
    pub corpus: Arc<Corpus>,
    /// Set while the briefs are still loading: the reader draws at once and fills in.
    pub loading: Option<crate::library::Progress>,
    pub theme: Theme,
    pub today: Date,
    pub pick: bool,
    pub area: Rect,
    // The reader screen (screen/reader.rs): the outline and the page being read.
    pub outline: Outline,
    pub rows: ListCursor,
    pub reading: Scroll,
    pub focus: Pane,
    /// Where jumps came from (and went to, for forward): the node and how far its page
    /// was scrolled, so going back comes back to the line one left.
    pub(super) back: Vec<(usize, Scroll)>,
    pub(super) forward: Vec<(usize, Scroll)>,
    /// Sections that n/N opened on its way through, closed again when it moves on.
    pub(super) opened_by_n: Vec<usize>,
    pub(super) page: PageCache,
    /// While the first frame with the briefs is drawn: lay out only this many lines of
    /// the page, which is all it shows (the reading pane starts at the top). The page is
    /// laid out whole as soon as that frame is out.
    pub(super) first_lines: Option<usize>,
    /// Screens over the reader, the last on top; q and Esc take one away.
    pub(crate) screens: Vec<Screen>,
    pub compare: CompareScreen,
    pub timeline: TimelineScreen,
    pub desk_screen: DeskScreen,
    pub versions: VersionsScreen,
    pub proposals: ProposalsScreen,
    /// The negotiated texts' history files, for the versions screen.
    pub texts: TextFiles,
    // Overlays, over whatever screen is on top.
    pub help: Option<Help>,
    pub filters: Option<FilterMenu>,
    pub editor: Option<NoteEditor>,
    pub search: Search,
    pub filter: Filter,
    /// A message for the footer until the next key.
    pub status: Option<String>,
    /// `y` or `Y` asked what to copy, and where it goes.
    pub copy: Option<CopyTo>,
    /// A copy for the runner to carry out (see `overlay::copy`).
    pub(super) clip: Option<Clip>,
    /// Copy to the terminal's clipboard with OSC 52 (`--osc52`, or the config file): off
    /// unless asked for, as a terminal may show or log what it is sent.
    pub osc52: bool,
    /// `brief pick`: the selectors marked with Tab, in the order marked.
    pub picked: Vec<String>,
    pub outcome: Option<Outcome>,
    pub(super) request: Option<SearchRequest>,
    /// The compare matrix to build off the UI thread.
    pub(super) matrix_request: Option<super::screen::compare::MatrixRequest>,
    pub desk: Desk,
    /// Bumped at every change of the desk, so the page knows to show the new marks.
    pub(super) desk_revision: u64,
    /// Desk changes the runner must save.
    pub(super) desk_changes: Vec<Change>,
    /// For U, newest last: the changes that take back each change made here.
    pub(super) undo: Vec<Vec<Change>>,
    /// The number of a cross-reference being typed, on a page of 10 or more: Enter (or
    /// any other key but a digit and Esc) follows it.
    pub typed_ref: Option<usize>,
    /// The place a filter hid (the node, the outline's and the reading pane's scroll) and
    /// where the cursor landed instead: clearing the filter without moving comes back.
    pub(super) hidden_place: Option<(usize, ListCursor, Scroll, Option<usize>)>,
    /// The place to open at when the briefs arrive (see `resume`).
    pub(super) resume_at: Option<crate::desk::state::LastPlace>,
    /// Why a changed file could not be loaded again: the status line says it, and the
    /// last good copy is shown, until the file loads.
    pub reload_error: Option<String>,
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
            rows: ListCursor::default(),
            reading: Scroll::default(),
            focus: Pane::Outline,
            back: Vec::new(),
            forward: Vec::new(),
            opened_by_n: Vec::new(),
            page: PageCache::default(),
            first_lines: None,
            screens: Vec::new(),
            compare: CompareScreen::default(),
            timeline: TimelineScreen::default(),
            desk_screen: DeskScreen::default(),
            versions: VersionsScreen::default(),
            proposals: ProposalsScreen::default(),
            texts: TextFiles::default(),
            help: None,
            filters: None,
            editor: None,
            search: Search::default(),
            filter: Filter::default(),
            status: options.notice,
            copy: None,
            clip: None,
            osc52: false,
            picked: Vec::new(),
            outcome: None,
            request: None,
            matrix_request: None,
            desk: options.desk,
            desk_revision: 0,
            desk_changes: Vec::new(),
            undo: Vec::new(),
            typed_ref: None,
            hidden_place: None,
            resume_at: options.resume,
            reload_error: None,
            corpus,
            loading: None,
        };
        if let Some(sel) = options.start.as_deref() {
            app.open_at(sel);
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
        self.rows = ListCursor::default();
        self.reading = Scroll::default();
        self.timeline = TimelineScreen::default();
        for screen in self.screens.clone() {
            match screen {
                Screen::Compare => self.matrix_request = Some(self.compare.rebuild(&self.filter)),
                Screen::Timeline => self.timeline.open(&self.corpus, self.today, self.body()),
                _ => {}
            }
        }
        if !self.search.query.is_empty() {
            self.set_query();
        }
        if let Some(sel) = start {
            self.open_at(sel);
        } else if let Some(place) = self.resume_at.take() {
            self.resume(place);
        }
        if notice.is_some() {
            self.status = notice;
        }
    }

    fn open_at(&mut self, sel: &str) {
        match self.outline.find(&self.corpus, sel) {
            Some(id) => self.select(id),
            None => self.status = Some(format!("nothing is named `{sel}`")),
        }
    }

    /// The screen on top.
    pub fn screen(&self) -> Screen {
        self.screens.last().copied().unwrap_or(Screen::Reader)
    }

    /// Bring `screen` to the top: a screen already open is returned to, not opened twice,
    /// so q always walks back the way one came.
    pub(super) fn push(&mut self, screen: Screen) {
        if let Some(i) = self.screens.iter().position(|&s| s == screen) {
            self.screens.truncate(i + 1);
        } else {
            self.screens.push(screen);
        }
    }

    /// Close the screen on top, back to the one below (the reader at the bottom).
    fn pop(&mut self) {
        self.screens.pop();
    }

    /// Back to the reader, for reading something another screen pointed at.
    fn back_to_reader(&mut self) {
        self.screens.clear();
    }

    /// Who has the keys now: overlays first, then the screen on top.
    pub fn context(&self) -> Context {
        if self.editor.is_some() {
            return Context::Editor;
        }
        if self.help.is_some() {
            return Context::Help;
        }
        if self.copy.is_some() {
            return Context::Copy;
        }
        if self.search.editing && self.pick {
            return Context::PickSearch;
        }
        if self.search.editing {
            return Context::Search;
        }
        if self.filters.is_some() {
            return Context::Filters;
        }
        match self.screen() {
            Screen::Compare => match self.compare.view() {
                CompareView::SideBySide => Context::SideBySide,
                CompareView::Figures => Context::Figures,
                CompareView::Matrix => Context::Compare,
            },
            Screen::Timeline => Context::Timeline,
            Screen::Desk => Context::Desk,
            Screen::Versions => Context::Versions,
            Screen::Proposals => Context::Proposals,
            Screen::Reader if self.pick => Context::Pick,
            Screen::Reader => match self.focus {
                Pane::Outline => Context::Outline,
                Pane::Reading => Context::Reading,
            },
        }
    }

    pub fn panes(&self) -> Panes {
        layout::panes(self.area, self.focus == Pane::Reading)
    }

    /// The body of the screens other than the reader: between header and footer.
    pub fn body(&self) -> Rect {
        self.panes().body
    }

    /// Take the compare matrix the UI thread should have built elsewhere.
    pub fn take_matrix_request(&mut self) -> Option<super::screen::compare::MatrixRequest> {
        self.matrix_request.take()
    }

    /// The matrix asked for is built.
    pub fn matrix_built(&mut self, generation: u64, matrix: crate::query::matrix::Matrix) {
        self.compare.built(generation, matrix);
    }

    /// Take the comparison of two versions the UI thread should have made elsewhere.
    pub fn take_versions_request(&mut self) -> Option<VersionsRequest> {
        self.versions.take_request()
    }

    /// Two versions compared (or why not), for request `generation`.
    pub fn versions_answered(&mut self, generation: u64, answer: Result<Ready, String>) {
        let body = self.body();
        self.versions.answered(generation, answer, body);
        if let Some(s) = self.versions.take_status() {
            self.status = Some(s);
        }
    }

    /// Take the proposals the UI thread should have measured elsewhere.
    pub fn take_proposals_request(&mut self) -> Option<ProposalsRequest> {
        self.proposals.take_request()
    }

    /// A text's proposals measured (or why not), for request `generation`.
    pub fn proposals_answered(
        &mut self,
        generation: u64,
        answer: Result<crate::query::proposals::Matrix, String>,
    ) {
        self.proposals.answered(generation, answer);
        if let Some(m) = self.proposals.matrix.clone() {
            let body = self.body();
            self.proposals.keep_in_view(&m, body);
        }
    }

    /// What the reader is on: the entry read, else the node of the pane with the focus.
    pub(crate) fn target_at_hand(&self) -> Option<Target<'_>> {
        match self.focus {
            Pane::Reading => self.reading_entry().or_else(|| {
                self.reading_node()
                    .and_then(|id| self.outline.target(&self.corpus, id))
            }),
            Pane::Outline => self.current_target(),
        }
    }

    /// The text the reader is on (its id and title) and its history file, or why there is
    /// none, for `key`, which shows `what` of one.
    fn text_at_hand(
        &self,
        key: char,
        what: &str,
    ) -> Result<(String, String, std::path::PathBuf), String> {
        let Some(target) = self.target_at_hand() else {
            return Err(format!(
                "{key} shows {what} of a negotiated text: choose one"
            ));
        };
        let brief = match target {
            Target::Brief(b) | Target::Section(b, _) | Target::Entry(b, _, _) => b,
        };
        let id = brief.id.to_string();
        let is_text = brief.kind == crate::brief::model::BriefKind::NegotiatedText;
        match self.texts.histories.iter().find(|(b, _)| *b == id) {
            Some((_, p)) => Ok((id, brief.title.to_string(), p.clone())),
            None if is_text => Err(format!(
                "the versions of `{id}` are not at hand: it was not read from its history file"
            )),
            None => Err(format!(
                "`{id}` is not a negotiated text: {key} shows {what} of one"
            )),
        }
    }

    /// `P`: the proposals on the text being read, paragraphs × actors.
    pub(crate) fn open_proposals(&mut self) {
        self.open_proposals_of(self.text_at_hand('P', "the proposals"));
    }

    /// `P` in compare: the proposals on the text being read, or, reading none, on the one
    /// text loaded — who stands where on a draft's paragraphs beside who stands where on
    /// the issues.
    fn open_proposals_in_compare(&mut self) {
        let at_hand = self.text_at_hand('P', "the proposals");
        let only = match self.texts.histories.as_slice() {
            [(id, path)] if at_hand.is_err() => {
                let briefs = self.corpus.briefs();
                let title = (0..briefs.len())
                    .filter_map(|i| briefs.contents(i))
                    .find(|c| c.id() == id)
                    .map_or_else(|| id.clone(), |c| c.title().to_owned());
                Some(Ok((id.clone(), title, path.clone())))
            }
            [] if at_hand.is_err() => Some(Err(
                "P shows the proposals on a negotiated text: none is loaded".to_owned(),
            )),
            _ => None,
        };
        self.open_proposals_of(only.unwrap_or(at_hand));
    }

    fn open_proposals_of(&mut self, text: Result<(String, String, std::path::PathBuf), String>) {
        match text {
            Ok((id, title, path)) => {
                let max = self.texts.max_bytes;
                self.push(Screen::Proposals);
                self.proposals.open(&id, &title, path, max);
            }
            Err(why) => self.status = Some(why),
        }
    }

    /// `v`: two versions of the text, version or paragraph being read, side by side.
    pub(crate) fn open_versions(&mut self) {
        self.open_versions_at(None);
    }

    /// [`App::open_versions`], on the two versions `at` names rather than those of the
    /// place being read.
    pub(super) fn open_versions_at(&mut self, at: Option<At>) {
        let at = at.unwrap_or_else(|| match self.target_at_hand() {
            Some(Target::Section(_, s)) => At::Version(s.id.to_string()),
            Some(Target::Entry(_, s, e)) => At::Paragraph(s.id.to_string(), e.id().to_owned()),
            _ => At::Text,
        });
        match self.text_at_hand('v', "two versions") {
            Ok((id, title, path)) => {
                self.push(Screen::Versions);
                let source = Source::File {
                    path,
                    max_bytes: self.texts.max_bytes,
                };
                self.versions.open(&id, &title, source, at);
            }
            Err(why) => self.status = Some(why),
        }
    }

    /// The versions screen on a text already read (tests and benchmarks; the reader
    /// reads it from its history file with `v`): its last two versions.
    pub fn show_versions(
        &mut self,
        brief: &str,
        title: &str,
        text: Arc<crate::draft::text::NegotiatedText>,
    ) {
        self.push(Screen::Versions);
        self.versions
            .open(brief, title, Source::Read(text), At::Text);
    }

    /// Whether `v` has a text to open here.
    pub fn on_text(&self) -> bool {
        let node = match self.focus {
            Pane::Reading => self.reading_node(),
            Pane::Outline => self.current(),
        };
        let brief = match node.and_then(|id| self.outline.target(&self.corpus, id)) {
            Some(Target::Brief(b) | Target::Section(b, _) | Target::Entry(b, _, _)) => b,
            None => return false,
        };
        self.texts
            .histories
            .iter()
            .any(|(b, _)| *b == brief.id.as_str())
    }

    /// Take the search the UI thread should hand to the worker.
    pub fn take_search(&mut self) -> Option<SearchRequest> {
        self.request.take()
    }

    pub fn filter_active(&self) -> bool {
        filter_is_active(&self.filter)
    }

    /// Side by side has actors off screen to scroll to (not when they are stacked).
    pub fn more_actors(&self) -> bool {
        let shown = super::screen::compare::detail_columns(self.body());
        self.compare
            .detail
            .as_ref()
            .is_some_and(|d| shown > 1 && d.actors.len() > shown)
    }

    pub fn node_of(&self, p: Place) -> Option<usize> {
        self.outline.node_at(p)
    }

    pub fn apply(&mut self, action: Action) {
        if !matches!(action, Action::Found { .. } | Action::Resize(..)) {
            // A file that no longer loads is said until it does (see `resume`).
            self.status = self.reload_error.clone();
        }
        match action {
            Action::Exit => {
                self.close_editor();
                self.outcome = Some(Outcome::Quit);
                return;
            }
            Action::Suspend | Action::Redraw => return,
            Action::Resize(w, h) => {
                self.area = Rect::new(0, 0, w, h);
                self.keep_cursor_in_view();
                return;
            }
            Action::Found { generation, places } => return self.found(generation, places),
            Action::DeskSaved(result) => {
                match result {
                    Ok(desk) => self.desk = desk,
                    Err(why) => self.status = Some(format!("notes NOT saved: {why}")),
                }
                self.desk_revision += 1;
                return;
            }
            _ => {}
        }
        let context = self.context();
        if self.typed_ref.is_some() {
            if context == Context::Reading {
                return self.typing_ref(action);
            }
            self.typed_ref = None;
        }
        match context {
            Context::Editor => self.editor_key(action),
            Context::Help => {
                let body = self.area;
                if let Some(help) = self.help.as_mut()
                    && matches!(help.key(&action, body), Effect::Close)
                {
                    self.help = None;
                }
            }
            Context::Copy => self.copy_key(action),
            Context::PickSearch => match action {
                Action::Mark { down } => self.mark(down),
                a => self.search_key(a),
            },
            Context::Search => self.search_key(action),
            Context::Filters => {
                let effect = match self.filters.as_mut() {
                    Some(menu) => menu.key(&action, &self.filter, self.area),
                    None => Effect::None,
                };
                self.perform(effect);
            }
            _ => {
                if !self.screen_wide(&action) {
                    self.screen_key(context, action);
                }
            }
        }
    }

    /// Keys that mean the same on every screen; whether `action` was one.
    fn screen_wide(&mut self, action: &Action) -> bool {
        match action {
            Action::Help => self.help = Some(Help::default()),
            Action::Copy { to_file } => self.open_copy(if *to_file {
                CopyTo::File
            } else {
                CopyTo::Clipboard
            }),
            Action::StartSearch if !self.pick => self.start_search(),
            Action::Filters => self.filters = Some(FilterMenu::new(&self.corpus)),
            Action::ClearFilter => {
                if self.filter_active() {
                    self.set_filter(Filter::default());
                    self.status = Some("filter cleared".into());
                }
            }
            Action::Compare if self.screen() == Screen::Compare => self.pop(),
            Action::Compare => {
                self.push(Screen::Compare);
                // Start on the position being read, when it is one.
                let reading = match self.current_target() {
                    Some(Target::Entry(_, _, crate::brief::model::EntryRef::Position(p))) => {
                        Some((p.issue.to_string(), p.actor.to_string()))
                    }
                    _ => None,
                };
                self.matrix_request = Some(self.compare.open(&self.filter, reading));
            }
            Action::Timeline if self.screen() == Screen::Timeline => self.pop(),
            Action::Timeline => {
                self.push(Screen::Timeline);
                self.timeline.open(&self.corpus, self.today, self.body());
            }
            Action::Desk if self.screen() == Screen::Desk => self.pop(),
            Action::Desk => {
                self.push(Screen::Desk);
                self.desk_screen.open(&self.desk);
            }
            _ => return false,
        }
        true
    }

    fn screen_key(&mut self, context: Context, action: Action) {
        let body = self.body();
        let effect = match self.screen() {
            Screen::Reader => return self.reader_key(context, action),
            Screen::Compare if action == Action::Proposals => {
                return self.open_proposals_in_compare();
            }
            Screen::Compare => {
                let effect = self.compare.key(&action, &self.corpus, body);
                if let Some(why) = self.compare.take_status() {
                    self.status = Some(why);
                }
                effect
            }
            Screen::Timeline => self.timeline.key(&action, body, self.today),
            Screen::Desk => {
                let rows = self.desk_rows();
                self.desk_screen.key(&action, &rows, body)
            }
            Screen::Versions => {
                let effect = self.versions.key(&action, body);
                if let Some(why) = self.versions.take_status() {
                    self.status = Some(why);
                }
                effect
            }
            Screen::Proposals => self.proposals.key(&action, body),
        };
        self.perform(effect);
    }

    /// Carry out what a screen or overlay asked for.
    pub(super) fn perform(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Close => {
                if self.filters.take().is_some() {
                    if self.filter_active() && self.outline.visible().is_empty() {
                        self.status = Some("nothing passes this filter; F clears it".into());
                    }
                } else {
                    self.pop();
                }
            }
            Effect::Read(sel) => match self.outline.find(&self.corpus, &sel) {
                Some(id) => {
                    self.back_to_reader();
                    self.jump(id);
                    self.focus = Pane::Reading;
                }
                None => self.status = Some(format!("`{sel}` is not in the loaded briefs")),
            },
            Effect::SetFilter(f) => self.set_filter(f),
            Effect::Status(s) => self.status = Some(s),
        }
    }

    /// Apply a new filter everywhere: outline, search, compare; keep the cursor on the
    /// same node when it still passes.
    pub fn set_filter(&mut self, filter: Filter) {
        let here = self.current();
        let (rows, reading) = (self.rows, self.reading);
        self.filter = filter;
        self.outline.apply_filter(&self.corpus, &self.filter);
        // A place the filter hid, come back to when one has not moved since.
        let kept = self
            .hidden_place
            .take()
            .filter(|&(_, _, _, landed)| landed == here);
        if let Some((id, rows, reading, _)) = kept
            && self.outline.row_of(id).is_some()
        {
            self.rows = rows;
            self.rows.cursor = self.outline.row_of(id).unwrap_or(rows.cursor);
            self.reading = reading;
            self.keep_cursor_in_view();
        } else {
            let row = here
                .and_then(|id| {
                    self.outline.row_of(id).or_else(|| {
                        // The nearest visible row above.
                        let v = self.outline.visible();
                        v.iter().rposition(|&n| n < id)
                    })
                })
                .unwrap_or(0);
            self.rows.cursor = row;
            self.keep_cursor_in_view();
            if self.current() != here {
                self.reading = Scroll::default();
            }
            // Still hidden: the first place hidden is the one to come back to.
            if let Some((id, rows, reading, _)) = kept {
                self.hidden_place = Some((id, rows, reading, self.current()));
            } else if let Some(id) = here
                && self.current() != here
            {
                self.hidden_place = Some((id, rows, reading, self.current()));
            }
        }
        if !self.search.query.is_empty() {
            let (editing, origin) = (self.search.editing, self.search.origin);
            self.set_query();
            self.search.editing = editing;
            self.search.origin = origin;
        }
        if self.screens.contains(&Screen::Compare) {
            self.matrix_request = Some(self.compare.rebuild(&self.filter));
        }
    }

    /// The entry being read, if it is one: what m, a and U act on. In one pane it is the
    /// row under the cursor, as in two.
    /// Reading a section or a brief, it is the entry at the top of the reading pane.
    pub fn reading_entry(&self) -> Option<Target<'_>> {
        match self
            .reading_node()
            .and_then(|id| self.outline.target(&self.corpus, id))
        {
            Some(t @ Target::Entry(..)) => Some(t),
            Some(_) if self.focus == Pane::Reading => {
                let page = self.page();
                let sel = page.entry_at(self.reading.top, self.reading_height())?;
                self.corpus.resolve(sel)
            }
            _ => None,
        }
    }
}
