//! The two ways the reader moves through things: a cursor over a list of rows (outline,
//! results, timeline, desk, filters, compare's issues) and a scroll over lines of text
//! (reading pane, help, side by side, figures). Both are clamped by the length and the
//! height they are given, so no key can scroll past the end into blank.

use crate::tui::action::Action;

/// A movement a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Up,
    Down,
    PageUp,
    PageDown,
    HalfUp,
    HalfDown,
    Top,
    Bottom,
}

impl Nav {
    pub fn of(action: &Action) -> Option<Nav> {
        Some(match action {
            Action::Up => Nav::Up,
            Action::Down => Nav::Down,
            Action::PageUp => Nav::PageUp,
            Action::PageDown => Nav::PageDown,
            Action::HalfPageUp => Nav::HalfUp,
            Action::HalfPageDown => Nav::HalfDown,
            Action::Top => Nav::Top,
            Action::Bottom => Nav::Bottom,
            _ => return None,
        })
    }

    /// Where `at` goes in a range of `len` places with `page` of them in view.
    fn apply(self, at: usize, len: usize, page: usize) -> usize {
        let last = len.saturating_sub(1);
        let page = page.max(1);
        match self {
            Nav::Up => at.saturating_sub(1),
            Nav::Down => at + 1,
            Nav::PageUp => at.saturating_sub(page),
            Nav::PageDown => at + page,
            Nav::HalfUp => at.saturating_sub((page / 2).max(1)),
            Nav::HalfDown => at + (page / 2).max(1),
            Nav::Top => 0,
            Nav::Bottom => last,
        }
        .min(last)
    }
}

/// A cursor over `len` rows of which `height` are in view from `top`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub cursor: usize,
    pub top: usize,
}

impl ListCursor {
    pub fn at(cursor: usize) -> ListCursor {
        ListCursor { cursor, top: 0 }
    }

    /// Move; whether the cursor moved.
    pub fn go(&mut self, nav: Nav, len: usize, height: usize) -> bool {
        let before = self.cursor;
        self.cursor = nav.apply(self.cursor, len, height);
        self.keep_in_view(len, height);
        before != self.cursor
    }

    /// Put the cursor on `row` (clamped) and bring it into view.
    pub fn set(&mut self, row: usize, len: usize, height: usize) {
        self.cursor = row.min(len.saturating_sub(1));
        self.keep_in_view(len, height);
    }

    /// After the list or the height changed: cursor inside the list, in view, and no
    /// blank below the last row when the list could fill the view.
    pub fn keep_in_view(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.cursor = self.cursor.min(len.saturating_sub(1));
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + height {
            self.top = self.cursor + 1 - height;
        }
        self.top = self.top.min(len.saturating_sub(height));
    }

    /// The wheel: move the view by `by` rows, dragging the cursor along when it would
    /// leave the view (as less does).
    pub fn scroll(&mut self, by: usize, down: bool, len: usize, height: usize) {
        let height = height.max(1);
        self.top = if down {
            (self.top + by).min(len.saturating_sub(height))
        } else {
            self.top.saturating_sub(by)
        };
        self.cursor = self
            .cursor
            .clamp(self.top, self.top + height - 1)
            .min(len.saturating_sub(1));
    }
}

/// A scroll over `len` lines of which `height` show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    pub top: usize,
}

impl Scroll {
    pub fn max(len: usize, height: usize) -> usize {
        len.saturating_sub(height.max(1))
    }

    pub fn go(&mut self, nav: Nav, len: usize, height: usize) {
        let max = Scroll::max(len, height);
        let page = height.max(2) - 1;
        self.top = match nav {
            Nav::Up => self.top.saturating_sub(1),
            Nav::Down => self.top + 1,
            Nav::PageUp => self.top.saturating_sub(page),
            Nav::PageDown => self.top + page,
            Nav::HalfUp => self.top.saturating_sub((height / 2).max(1)),
            Nav::HalfDown => self.top + (height / 2).max(1),
            Nav::Top => 0,
            Nav::Bottom => max,
        }
        .min(max);
    }

    pub fn by(&mut self, lines: usize, down: bool, len: usize, height: usize) {
        self.top = if down {
            (self.top + lines).min(Scroll::max(len, height))
        } else {
            self.top.saturating_sub(lines)
        };
    }

    pub fn clamp(&mut self, len: usize, height: usize) {
        self.top = self.top.min(Scroll::max(len, height));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_never_leaves_its_list_or_its_view() {
        let mut c = ListCursor::default();
        for (nav, len, h) in [
            (Nav::PageDown, 5, 10),
            (Nav::Bottom, 100, 10),
            (Nav::PageDown, 100, 10),
            (Nav::Down, 100, 3),
            (Nav::Top, 100, 3),
            (Nav::Up, 0, 3),
            (Nav::HalfDown, 7, 4),
        ] {
            c.go(nav, len, h);
            assert!(c.cursor < len.max(1), "{nav:?} {c:?}");
            assert!(c.cursor >= c.top && c.cursor < c.top + h, "{nav:?} {c:?}");
            assert!(
                c.top <= len.saturating_sub(h),
                "blank below the list: {c:?}"
            );
        }
    }

    #[test]
    fn a_scroll_stops_at_the_last_page_and_comes_back() {
        let mut s = Scroll::default();
        for _ in 0..4 {
            s.go(Nav::PageDown, 30, 10);
        }
        assert_eq!(s.top, 20, "four pages down stop at the last page");
        s.go(Nav::PageUp, 30, 10);
        assert_eq!(s.top, 11, "and one page up comes back at once");
        s.go(Nav::Bottom, 5, 10);
        assert_eq!(s.top, 0, "text shorter than the view never scrolls");
    }
}
