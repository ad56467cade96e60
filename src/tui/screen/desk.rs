//! The desk screen: every bookmark and note, by brief and issue; Enter reads the entry.

use ratatui::layout::Rect;

use crate::desk::{Change, Desk, Mark};
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
    pub fn take_desk_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.desk_changes)
    }

    /// Changes that could not be saved come back, to be tried again with the next one
    /// and, if the reader ends first, kept somewhere else.
    pub fn keep_unsaved(&mut self, changes: Vec<Change>) {
        let mut changes = changes;
        changes.append(&mut self.desk_changes);
        self.desk_changes = changes;
    }

    /// Make `change` on the desk (saved by the runner next), and keep its inverse for U.
    pub(crate) fn record(&mut self, change: Change) {
        let inverse = change.inverse(self.desk.get(change.selector()));
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(inverse);
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
        let on = !self.desk.get(&sel).is_some_and(|m| m.bookmark);
        // The bookmark alone: a note saved meanwhile elsewhere stays when this is saved.
        let change = crate::desk::bookmark(&self.corpus, t, on, self.today);
        self.record(change);
        self.status = Some(if on { "bookmarked" } else { "bookmark removed" }.into());
    }

    /// U: take back the last change not yet taken back, field by field (the bookmark or
    /// the note as it was), so what someone else saved meanwhile stays. Each U goes one
    /// change further back.
    pub(crate) fn undo(&mut self) {
        let Some(changes) = self.undo.pop() else {
            self.status = Some("nothing to undo".into());
            return;
        };
        let what: Vec<&str> = changes.iter().map(undone).collect();
        for c in &changes {
            self.desk.apply(c);
        }
        self.desk_revision += 1;
        self.desk_changes.extend(changes);
        let what = what.join(" and ");
        self.status = Some(match self.undo.len() {
            0 => format!("undone: {what}; nothing more to undo"),
            1 => format!("undone: {what}; U again undoes 1 more change"),
            n => format!("undone: {what}; U again undoes {n} more changes"),
        });
    }
}

/// How many changes U can take back, newest first.
const UNDO_DEPTH: usize = 100;

/// What undoing did, said by the change that undid it.
fn undone(change: &Change) -> &'static str {
    match change {
        Change::Bookmark { on: true, .. } => "bookmark put back",
        Change::Bookmark { on: false, .. } => "bookmark taken off",
        Change::Note { note: Some(_), .. } => "note put back as it was",
        Change::Note { note: None, .. } => "note taken away",
        Change::Remove(_) => "mark removed",
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ratatui::layout::Rect;

    use crate::brief::corpus::Corpus;
    use crate::brief::date::Date;
    use crate::desk::Desk;
    use crate::desk::store::Store;
    use crate::tui::action::Action;
    use crate::tui::app::{App, Options};
    use crate::tui::theme::ThemeName;
    use crate::tui::{DeskStore, save_desk};

    const ENTRY: &str = "reader-alpha/overview/remote-speakers";

    fn today() -> Date {
        "2026-11-22".parse().unwrap()
    }

    /// A reader of the fixture world opened at `ENTRY`, with the desk `store` holds, and
    /// the store it saves to.
    fn reader(corpus: &Arc<Corpus>, dir: &std::path::Path) -> (App, DeskStore) {
        let (store, _) = Store::open(dir).unwrap();
        let app = App::new(
            Arc::clone(corpus),
            Options {
                theme: ThemeName::Mono,
                today: today(),
                pick: false,
                start: Some(ENTRY.into()),
                desk: store.desk.clone(),
                notice: None,
                resume: None,
            },
            Rect::new(0, 0, 100, 30),
        );
        (app, Ok(store))
    }

    /// What the desk holds on `ENTRY`: (bookmark, note).
    fn on(desk: &Desk) -> Option<(bool, Option<String>)> {
        desk.get(ENTRY)
            .map(|m| (m.bookmark, m.note.as_ref().map(|n| n.to_string())))
    }

    /// Another window saves a note on the entry the reader is at; the reader, whose copy
    /// of the desk is now stale, presses m and saves. The note stays, on disk and in the
    /// reader, round after round (the bookmark going on and off). The reader used to save
    /// its stale copy of the whole mark, and the note was lost every time.
    #[test]
    fn m_in_the_reader_keeps_a_note_saved_meanwhile_by_another_window() {
        let corpus = Arc::new(crate::query::fixture_world());
        let target = corpus.resolve(ENTRY).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (mut app, mut store) = reader(&corpus, dir.path());
        let (mut other, _) = Store::open(dir.path()).unwrap();
        let mut lost = Vec::new();
        for round in 0..60 {
            let text = format!("from the other window, round {round}");
            let note = crate::desk::note(&corpus, target, Some(&text), today());
            other.save(&[note]).unwrap();
            app.apply(Action::Bookmark);
            save_desk(&mut app, &mut store);
            let want = Some((round % 2 == 0, Some(text)));
            let (disk, _) = Store::open(dir.path()).unwrap();
            for (what, desk) in [("on disk", &disk.desk), ("in the reader", &app.desk)] {
                if on(desk) != want {
                    lost.push(format!("round {round} {what}: {:?}", on(desk)));
                }
            }
        }
        assert!(lost.is_empty(), "{} lost:\n{}", lost.len(), lost.join("\n"));
    }

    /// U takes back the reader's own changes one at a time, newest first, each field as it
    /// was, and leaves what another window saved meanwhile; it says what it did and how
    /// many are left.
    #[test]
    fn u_steps_back_through_the_readers_own_changes_only() {
        let corpus = Arc::new(crate::query::fixture_world());
        let target = corpus.resolve(ENTRY).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (mut app, mut store) = reader(&corpus, dir.path());
        let (mut other, _) = Store::open(dir.path()).unwrap();
        let disk = || on(&Store::open(dir.path()).unwrap().0.desk);
        let mut press = |app: &mut App, actions: Vec<Action>| {
            for a in actions {
                app.apply(a);
                save_desk(app, &mut store);
            }
        };

        // The reader bookmarks, then writes a note.
        press(&mut app, vec![Action::Bookmark, Action::Annotate]);
        let mut typing: Vec<Action> = "mine".chars().map(Action::Type).collect();
        typing.push(Action::Save);
        press(&mut app, typing);
        assert_eq!(disk(), Some((true, Some("mine".into()))));
        // Another window rewrites the note.
        let theirs = crate::desk::note(&corpus, target, Some("theirs"), today());
        other.save(&[theirs]).unwrap();

        // U takes the reader's note back to what the reader saw before it: none. That is
        // the note's own field; the bookmark stays.
        press(&mut app, vec![Action::Undo]);
        assert_eq!(disk(), Some((true, None)));
        assert_eq!(
            app.status.as_deref(),
            Some("undone: note taken away; U again undoes 1 more change")
        );
        // Another window writes a note again; U takes the bookmark off and nothing else.
        let again = crate::desk::note(&corpus, target, Some("again"), today());
        other.save(&[again]).unwrap();
        press(&mut app, vec![Action::Undo]);
        assert_eq!(disk(), Some((false, Some("again".into()))));
        assert_eq!(on(&app.desk), disk());
        assert_eq!(
            app.status.as_deref(),
            Some("undone: bookmark taken off; nothing more to undo")
        );
        press(&mut app, vec![Action::Undo]);
        assert_eq!(app.status.as_deref(), Some("nothing to undo"));
        assert_eq!(disk(), Some((false, Some("again".into()))));
    }
}
