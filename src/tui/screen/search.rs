//! Search as you type: the prompt in the footer, its results in place of the outline,
//! the worker's answers. Started from any screen; Esc goes back to that screen.

use crate::search::{Filter, Place, Query};
use crate::tui::app::{Action, App, Screen};
use crate::tui::widget::list::{ListCursor, Nav, Scroll};

/// The longest search text kept; a larger paste is cut, with a message.
pub const MAX_QUERY: usize = 1000;

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
    /// How far the reading pane was scrolled when the prompt opened.
    pub origin_scroll: Scroll,
    /// The screens that were open when the prompt opened, for Esc.
    pub(crate) came_from: Vec<Screen>,
    /// The request out is a search carried over (a reload, a resumed session), not one
    /// just typed: its answer leaves the reading pane where it is rather than take it to
    /// the first match.
    pub(crate) carried: bool,
    /// `n` (true) or `N` pressed while the answer was awaited: taken when it comes.
    pub(crate) pending_step: Option<bool>,
}

/// A search to run off the UI thread.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
    pub filter: Filter,
}

impl App {
    pub(crate) fn start_search(&mut self) {
        self.search.came_from = std::mem::take(&mut self.screens);
        self.search.editing = true;
        self.search.input.clear();
        self.search.origin = self.current();
        self.search.origin_scroll = self.reading;
        self.set_query();
    }

    pub(crate) fn clear_search(&mut self) {
        self.search = Search {
            generation: self.search.generation + 1,
            ..Search::default()
        };
    }

    pub(crate) fn set_query(&mut self) {
        self.search.query = Query::parse(&self.search.input);
        self.search.generation += 1;
        self.search.carried = false;
        self.search.pending_step = None;
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

    pub(crate) fn found(&mut self, generation: u64, places: Vec<Place>) {
        if generation == self.search.generation {
            self.search.waiting = false;
            self.search.places = places;
            self.search.selected = 0;
            self.search.top = 0;
            if !std::mem::take(&mut self.search.carried) {
                self.reading = Scroll {
                    top: self.first_match_line(),
                };
            }
            if let Some(forward) = self.search.pending_step.take() {
                // "searching…" gives way to where the step went.
                self.status = None;
                self.next_match(forward);
            }
        }
    }

    /// Search again for `words`, a search carried over from before: its matches marked
    /// and `n` and `N` stepping through them, the reading pane left where it is.
    pub(crate) fn carry_search(&mut self, words: &str) {
        self.search.input = words.chars().take(MAX_QUERY).collect();
        self.set_query();
        self.search.carried = !self.search.query.is_empty();
    }

    /// Results in view at once: each takes two lines (title, then where and a snippet).
    pub fn search_page(&self) -> usize {
        (self.outline_height() / 2).max(1)
    }

    pub(crate) fn search_key(&mut self, action: Action) {
        if let Some(nav) = Nav::of(&action) {
            let mut list = ListCursor {
                cursor: self.search.selected,
                top: self.search.top,
            };
            list.go(nav, self.search.places.len(), self.search_page());
            (self.search.selected, self.search.top) = (list.cursor, list.top);
            self.reading = Scroll {
                top: self.first_match_line(),
            };
            return;
        }
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
            Action::Enter => self.go_to_result(),
            Action::Escape => {
                let back = std::mem::take(&mut self.search.came_from);
                let scroll = self.search.origin_scroll;
                self.clear_search();
                self.screens = back;
                self.reading = scroll;
            }
            _ => {}
        }
    }

    fn go_to_result(&mut self) {
        // brief pick: with entries marked, Enter prints them, wherever the cursor is.
        if self.pick && !self.picked.is_empty() {
            return self.choose();
        }
        self.search.editing = false;
        self.search.came_from.clear();
        let Some(p) = self.search.places.get(self.search.selected).copied() else {
            if self.search.waiting {
                self.status = Some("still searching".into());
                self.search.editing = true;
            } else if !self.search.query.is_empty() {
                self.status = Some("no match".into());
                self.search.editing = true;
            }
            return;
        };
        let Some(id) = self.node_of(p) else { return };
        if let Some(origin) = self.search.origin.filter(|&o| o != id) {
            self.back.push((origin, self.search.origin_scroll));
            self.forward.clear();
        }
        self.select(id);
        if self.pick {
            // brief pick: the match typed to is the choice.
            return self.choose();
        }
        self.reading = Scroll {
            top: self.first_match_line(),
        };
    }
}
