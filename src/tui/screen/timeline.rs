//! The timeline screen: every dated event in date order, the cursor starting at today.

use ratatui::layout::Rect;

use crate::brief::corpus::Corpus;
use crate::brief::date::Date;
use crate::query::timeline::{self as agenda, Row};
use crate::tui::app::{Action, Effect};
use crate::tui::widget::list::{ListCursor, Nav};

#[derive(Debug, Clone, Default)]
pub struct TimelineScreen {
    pub rows: Vec<Row>,
    pub list: ListCursor,
}

/// Lines the axis takes above the list.
pub const AXIS: u16 = 3;

/// Rows of the list in view: the body less the axis and the line marking today. On a
/// narrow screen each event takes two lines.
pub fn list_height(body: Rect) -> usize {
    let lines = usize::from(body.height.saturating_sub(AXIS)).saturating_sub(1);
    if two_lines(body) {
        (lines / 2).max(1)
    } else {
        lines.max(1)
    }
}

/// Narrower than this, an event's title goes on a line of its own under its date: beside
/// a date span, a when and a status, fewer columns would cut most titles.
pub fn two_lines(body: Rect) -> bool {
    body.width < 100
}

impl TimelineScreen {
    /// Open on the first event not over by today, with as much before it in view as
    /// fits (the list never stops short of filling the screen).
    pub fn open(&mut self, corpus: &Corpus, today: Date, body: Rect) {
        if self.rows.is_empty() {
            self.rows = agenda::rows(corpus, None, None);
            let at = agenda::today_row(&self.rows, today);
            let (len, height) = (self.rows.len(), list_height(body));
            self.list = ListCursor::default();
            self.list.top = at.saturating_sub(height.saturating_sub(3));
            self.list.set(at, len, height);
        }
    }

    pub fn key(&mut self, action: &Action, body: Rect, _today: Date) -> Effect {
        let (len, height) = (self.rows.len(), list_height(body));
        if let Some(nav) = Nav::of(action) {
            self.list.go(nav, len, height);
            return Effect::None;
        }
        match action {
            Action::Close | Action::Escape | Action::Left => return Effect::Close,
            Action::Wheel { down, .. } => self.list.scroll(3, *down, len, height),
            Action::Click { row, .. } => {
                let y = usize::from(row.saturating_sub(body.y + AXIS));
                let per = if two_lines(body) { 2 } else { 1 };
                let at = self.list.top + y / per;
                if at < len {
                    self.list.set(at, len, height);
                }
            }
            Action::Enter | Action::Right => {
                if let Some(sel) = self
                    .rows
                    .get(self.list.cursor)
                    .and_then(|r| r.selectors.first())
                {
                    return Effect::Read(sel.clone());
                }
            }
            _ => {}
        }
        self.list.keep_in_view(len, height);
        Effect::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_opens_at_today_with_the_screen_full_and_enter_reads() {
        let corpus = crate::query::fixture_world();
        let today: Date = "2026-11-22".parse().unwrap();
        let body = Rect::new(0, 1, 120, 8);
        let mut t = TimelineScreen::default();
        t.open(&corpus, today, body);
        let at = agenda::today_row(&t.rows, today).min(t.rows.len() - 1);
        assert_eq!(t.list.cursor, at);
        assert!(t.list.top <= t.rows.len().saturating_sub(list_height(body)));
        assert!(matches!(
            t.key(&Action::Enter, body, today),
            Effect::Read(_)
        ));
        assert!(matches!(t.key(&Action::Close, body, today), Effect::Close));
    }
}
