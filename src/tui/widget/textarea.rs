//! A few lines of text being typed, with a cursor that moves anywhere: the note editor's
//! body. Knows nothing of notes or of saving.

use crate::tui::action::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextArea {
    pub text: String,
    /// Byte offset of the cursor in `text`, always on a character boundary.
    pub cursor: usize,
}

impl TextArea {
    pub fn new(text: String) -> TextArea {
        let cursor = text.len();
        TextArea { text, cursor }
    }

    /// Apply an editing action; whether it was one.
    pub fn edit(&mut self, action: &Action) -> bool {
        match action {
            Action::Type(c) => self.insert(c.encode_utf8(&mut [0; 4])),
            Action::Enter => self.insert("\n"),
            Action::Paste(p) => self.insert(&clean_paste(p)),
            Action::Erase => {
                let at = self.cursor;
                self.step(false);
                self.text.replace_range(self.cursor..at, "");
            }
            Action::EraseWord => {
                let at = self.cursor;
                let kept = self.text[..at].trim_end();
                let from = kept.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                self.text.replace_range(from..at, "");
                self.cursor = from;
            }
            Action::EraseLine => {
                let from = self.line_start(self.cursor);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Action::Left => self.step(false),
            Action::Right => self.step(true),
            Action::Up => self.vertical(false),
            Action::Down => self.vertical(true),
            Action::Top => self.cursor = self.line_start(self.cursor),
            Action::Bottom => self.cursor = self.line_end(self.cursor),
            _ => return false,
        }
        true
    }

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

/// The most characters one paste adds to a note: several pages of a draft, and bounded,
/// so that a paste of a whole file (hundreds of kilobytes) neither stalls every frame nor
/// lands in the desk. SECURITY.md names this number.
pub const MAX_PASTE: usize = 10_000;

/// A paste as note text: cut to [`MAX_PASTE`] characters; line breaks of every
/// convention (CRLF, a lone CR as some terminals send them) become one newline; other
/// controls are shown visibly.
pub fn clean_paste(p: &str) -> String {
    let p = match p.char_indices().nth(MAX_PASTE) {
        Some((end, _)) => &p[..end],
        None => p,
    };
    let unified = p.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .split('\n')
        .map(crate::brief::text::neutralise)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_cr_or_crlf_is_a_line_break() {
        let mut t = TextArea::default();
        t.edit(&Action::Paste("one\rtwo\r\nthree\nfour\u{1b}[2J".into()));
        assert_eq!(t.text.lines().count(), 4, "{:?}", t.text);
        assert!(!t.text.contains('\r') && !t.text.contains('␍'));
        assert!(!t.text.contains('\u{1b}'), "escape neutralised");
    }

    #[test]
    fn a_paste_is_cut_to_the_limit() {
        let mut t = TextArea::default();
        t.edit(&Action::Paste("é".repeat(780_000)));
        assert_eq!(t.text.chars().count(), MAX_PASTE);
        t.edit(&Action::Paste("short".into()));
        assert_eq!(
            t.text.chars().count(),
            MAX_PASTE + 5,
            "each paste has its own limit"
        );
    }

    #[test]
    fn the_cursor_moves_by_characters_and_lines() {
        let mut t = TextArea::new("añb\ncd".into());
        t.edit(&Action::Up);
        t.edit(&Action::Left);
        t.edit(&Action::Erase);
        assert_eq!(
            t.text, "ñb\ncd",
            "the a before the cursor, whole characters"
        );
        t.edit(&Action::Down);
        t.edit(&Action::Type('x'));
        assert_eq!(t.text, "ñb\nxcd");
    }
}
