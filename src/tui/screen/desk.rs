//! The desk screen: every bookmark and note, by brief and issue; Enter reads the entry.

use ratatui::layout::Rect;

use crate::desk::{Desk, Mark};
use crate::tui::app::{Action, App, Effect};
use crate::tui::widget::list::{ListCursor, Nav};

#[derive(Debug, Clone, Default)]
pub struct DeskScreen {
    pub list: ListCursor,
}

/// (brief title, group, mark) in the order the screen lists them.
pub type DeskRow = (String, String, Mark);

/// What each line of the desk screen shows: a brief's title, an issue's, a mark (its
/// row), or a mark's note under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskLine {
    Brief(String),
    Group(String),
    Mark(usize),
    Note(usize),
}

/// The desk screen's lines, and the first one in view for `height` lines with the
/// cursor's mark in view: the view draws by it and a click is placed by it.
pub fn lines(rows: &[DeskRow], cursor: usize, height: usize) -> (Vec<DeskLine>, usize) {
    let mut out = Vec::new();
    let mut cursor_line = 0;
    let (mut brief, mut group): (Option<&str>, Option<&str>) = (None, None);
    for (i, (b, g, m)) in rows.iter().enumerate() {
        if brief != Some(b.as_str()) {
            out.push(DeskLine::Brief(b.clone()));
            brief = Some(b);
            group = None;
        }
        if !g.is_empty() && group != Some(g.as_str()) {
            out.push(DeskLine::Group(g.clone()));
            group = Some(g);
        }
        if i == cursor {
            cursor_line = out.len();
        }
        out.push(DeskLine::Mark(i));
        if m.note.is_some() {
            out.push(DeskLine::Note(i));
        }
    }
    let top = cursor_line.saturating_sub(height.saturating_sub(2));
    (out, top)
}

impl DeskScreen {
    pub fn open(&mut self, desk: &Desk) {
        let len = desk.marks.len();
        self.list.cursor = self.list.cursor.min(len.saturating_sub(1));
    }

    pub fn key(&mut self, action: &Action, rows: &[DeskRow], body: Rect) -> Effect {
        // Marks take one or two lines; a page is half the body, so it never overshoots.
        let (len, height) = (rows.len(), (usize::from(body.height) / 2).max(1));
        if let Some(nav) = Nav::of(action) {
            self.list.go(nav, len, height);
            return Effect::None;
        }
        match action {
            Action::Close | Action::Escape | Action::Left => Effect::Close,
            Action::Wheel { down, .. } => {
                self.list.scroll(3, *down, len, height);
                Effect::None
            }
            Action::Click { row, .. } => {
                // A click selects the mark on that line (or whose note it is); a click on
                // the selected one reads it.
                let (lines, top) = lines(rows, self.list.cursor, usize::from(body.height));
                let at = top + usize::from(row.saturating_sub(body.y));
                match lines.get(at) {
                    Some(DeskLine::Mark(i) | DeskLine::Note(i)) if *i == self.list.cursor => {
                        self.key(&Action::Enter, rows, body)
                    }
                    Some(DeskLine::Mark(i) | DeskLine::Note(i)) => {
                        self.list.set(*i, len, height);
                        Effect::None
                    }
                    _ => Effect::None,
                }
            }
            Action::Enter | Action::Right => match rows.get(self.list.cursor) {
                Some((_, _, m)) => Effect::Read(m.selector.to_string()),
                None => Effect::None,
            },
            _ => Effect::None,
        }
    }
}

impl App {
    /// The desk's marks in the order the desk screen lists them.
    pub fn desk_rows(&self) -> Vec<DeskRow> {
        crate::query::desk::ordered(&self.corpus, &self.desk)
            .into_iter()
            .map(|(b, g, m)| (b, g, m.clone()))
            .collect()
    }
}

impl App {
    /// Take the desk changes the runner should save.
    pub fn take_desk_changes(&mut self) -> Vec<crate::desk::Change> {
        std::mem::take(&mut self.desk_changes)
    }

    /// Changes that could not be saved come back, to be tried again with the next one
    /// and, if the reader ends first, kept somewhere else.
    pub fn keep_unsaved(&mut self, changes: Vec<crate::desk::Change>) {
        let mut changes = changes;
        changes.append(&mut self.desk_changes);
        self.desk_changes = changes;
    }

    pub(crate) fn record(&mut self, change: crate::desk::Change) {
        let selector = match &change {
            crate::desk::Change::Put(m) => m.selector.to_string(),
            crate::desk::Change::Remove(s) => s.clone(),
        };
        self.undo = Some((selector.clone(), self.desk.get(&selector).cloned()));
        self.desk.apply(&change);
        self.desk_revision += 1;
        self.desk_changes.push(change);
    }

    pub(crate) fn toggle_bookmark(&mut self) {
        let Some(t) = self.reading_entry() else {
            self.status = Some("bookmarks go on entries: move to one (→ opens a section)".into());
            return;
        };
        let sel = crate::query::names::selector(t);
        let old = self.desk.get(&sel).cloned();
        let on = !old.as_ref().is_some_and(|m| m.bookmark);
        let note = old.and_then(|m| m.note.map(|n| n.to_string()));
        let change = crate::desk::put(&self.corpus, t, on, note.as_deref(), self.today);
        self.record(change);
        self.status = Some(if on { "bookmarked" } else { "bookmark removed" }.into());
    }

    /// U: the mark of the last change as it was before it (bookmark and note).
    pub(crate) fn undo(&mut self) {
        let Some((selector, before)) = self.undo.take() else {
            self.status = Some("nothing to undo".into());
            return;
        };
        let change = match before {
            Some(m) => crate::desk::Change::Put(m),
            None => crate::desk::Change::Remove(selector),
        };
        self.record(change);
        // Undoing the undo is U again.
        self.status = Some("undone".into());
    }
}
