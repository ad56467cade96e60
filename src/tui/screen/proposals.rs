//! The proposals screen (issue 23): a text's paragraphs with proposals on them against
//! the actors who made them, a glyph per proposal (its action, then what the last version
//! made of it), the record of the actor under the cursor and each group's tally. A
//! component, like versions: the text is read and the proposals measured off the UI
//! thread ([`answer`]); the screen says "reading the text…" meanwhile.

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::brief::corpus::Corpus;
use crate::query::proposals::Matrix;
use crate::tui::app::{Action, Effect};
use crate::tui::widget::list::Nav;

/// A text's proposals to measure off the UI thread.
#[derive(Debug, Clone)]
pub struct ProposalsRequest {
    pub generation: u64,
    pub path: PathBuf,
    pub max_bytes: u64,
}

/// Read the text and its Word versions' tracked changes, measure every proposal.
pub fn answer(corpus: &Corpus, request: &ProposalsRequest) -> Result<Matrix, String> {
    crate::query::proposals::matrix_of_file(corpus, &request.path, request.max_bytes)
}

/// The lines under the rows: the proposal at the cursor, the actor's record, the groups'
/// tally, the legend.
pub const FOOT: u16 = 4;
/// The line above the rows: the actors' names.
pub const HEAD: u16 = 1;
/// A cell's width: up to three proposals of two glyphs each, or an actor's short name.
pub const CELL: usize = 8;
/// The widest paragraph column.
const PLACE_MAX: usize = 16;

/// Rows of paragraphs in view.
pub fn rows_height(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(HEAD + FOOT)).max(1)
}

/// The paragraph column's width for `matrix`.
pub fn place_width(matrix: &Matrix) -> usize {
    matrix
        .rows
        .iter()
        .map(|r| r.place.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, PLACE_MAX)
}

/// Actor columns that fit beside the paragraph column.
pub fn columns_in_view(matrix: &Matrix, body: Rect) -> usize {
    let free = usize::from(body.width).saturating_sub(place_width(matrix) + 1);
    (free / (CELL + 1)).max(1)
}

#[derive(Debug, Default)]
pub struct ProposalsScreen {
    /// The text's brief id and title.
    pub brief: String,
    pub title: String,
    pub matrix: Option<Arc<Matrix>>,
    /// Why there is no matrix, when reading failed.
    pub error: Option<String>,
    /// The cursor: a row (paragraph) and a column (actor).
    pub row: usize,
    pub col: usize,
    /// The first row and column in view.
    pub top: usize,
    pub left: usize,
    generation: u64,
    request: Option<ProposalsRequest>,
}

impl ProposalsScreen {
    /// Start reading the text at `path`; the answer comes back through [`answered`].
    pub fn open(&mut self, brief: &str, title: &str, path: PathBuf, max_bytes: u64) {
        self.generation += 1;
        *self = ProposalsScreen {
            brief: brief.to_owned(),
            title: title.to_owned(),
            generation: self.generation,
            request: Some(ProposalsRequest {
                generation: self.generation,
                path,
                max_bytes,
            }),
            ..ProposalsScreen::default()
        };
    }

    pub fn take_request(&mut self) -> Option<ProposalsRequest> {
        self.request.take()
    }

    /// The matrix (or why not) for request `generation`; an older answer is dropped.
    pub fn answered(&mut self, generation: u64, answer: Result<Matrix, String>) {
        if generation != self.generation {
            return;
        }
        match answer {
            Ok(m) => {
                // A cursor kept across a reload stays inside a matrix that shrank.
                self.row = self.row.min(m.rows.len().saturating_sub(1));
                self.col = self.col.min(m.columns.len().saturating_sub(1));
                self.top = self.top.min(self.row);
                self.left = self.left.min(self.col);
                self.matrix = Some(Arc::new(m));
            }
            Err(e) => self.error = Some(e),
        }
    }

    pub fn key(&mut self, action: &Action, body: Rect) -> Effect {
        let Some(matrix) = self.matrix.clone() else {
            return match action {
                Action::Close | Action::Escape | Action::Left | Action::Proposals => Effect::Close,
                _ => Effect::None,
            };
        };
        let (rows, cols) = (matrix.rows.len(), matrix.columns.len());
        let height = rows_height(body);
        match action {
            Action::Close | Action::Escape | Action::Proposals => return Effect::Close,
            Action::Left => {
                if self.col == 0 {
                    return Effect::Close;
                }
                self.col -= 1;
            }
            Action::Right => self.col = (self.col + 1).min(cols.saturating_sub(1)),
            Action::Enter => {
                if let Some(sel) = matrix.rows.get(self.row).and_then(|r| r.selector.clone()) {
                    return Effect::Read(sel);
                }
            }
            Action::Wheel { down, .. } => {
                self.row = if *down {
                    (self.row + 3).min(rows.saturating_sub(1))
                } else {
                    self.row.saturating_sub(3)
                };
            }
            a => {
                if let Some(nav) = Nav::of(a) {
                    let last = rows.saturating_sub(1);
                    self.row = match nav {
                        Nav::Up => self.row.saturating_sub(1),
                        Nav::Down => (self.row + 1).min(last),
                        Nav::PageUp => self.row.saturating_sub(height),
                        Nav::PageDown => (self.row + height).min(last),
                        Nav::HalfUp => self.row.saturating_sub(height / 2),
                        Nav::HalfDown => (self.row + height / 2).min(last),
                        Nav::Top => 0,
                        Nav::Bottom => last,
                    };
                }
            }
        }
        self.keep_in_view(&matrix, body);
        Effect::None
    }

    /// The cursor's row and column in view, however the screen was resized.
    pub fn keep_in_view(&mut self, matrix: &Matrix, body: Rect) {
        let (height, width) = (rows_height(body), columns_in_view(matrix, body));
        if self.row < self.top {
            self.top = self.row;
        } else if self.row >= self.top + height {
            self.top = self.row + 1 - height;
        }
        if self.col < self.left {
            self.left = self.col;
        } else if self.col >= self.left + width {
            self.left = self.col + 1 - width;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::proposals::{Cell, Column, MatrixRow};

    fn matrix(rows: usize, cols: usize) -> Matrix {
        Matrix {
            columns: (0..cols)
                .map(|c| Column {
                    key: format!("a{c}"),
                    shown: format!("A{c}"),
                    group: "government".into(),
                })
                .collect(),
            rows: (0..rows)
                .map(|r| MatrixRow {
                    place: format!("v ¶{r}"),
                    selector: Some(format!("t/v/{r}")),
                    cells: vec![Vec::<Cell>::new(); cols],
                })
                .collect(),
            ..Matrix::default()
        }
    }

    #[test]
    fn the_cursor_moves_over_rows_and_columns_and_stays_in_view() {
        let body = Rect::new(0, 1, 40, 12);
        let mut s = ProposalsScreen::default();
        s.open("t", "T", PathBuf::from("h.yaml"), 1);
        assert!(s.take_request().is_some());
        s.answered(s.generation, Ok(matrix(30, 10)));
        for _ in 0..9 {
            s.key(&Action::Right, body);
        }
        assert_eq!(s.col, 9);
        assert!(s.left + columns_in_view(s.matrix.as_ref().unwrap(), body) > 9);
        s.key(&Action::Bottom, body);
        assert_eq!(s.row, 29);
        assert_eq!(s.top, 30 - rows_height(body));
        assert!(matches!(s.key(&Action::Enter, body), Effect::Read(sel) if sel == "t/v/29"));
        for _ in 0..9 {
            s.key(&Action::Left, body);
        }
        assert_eq!((s.col, s.left), (0, 0));
        // ← at the first column goes back, as it does on every screen.
        assert!(matches!(s.key(&Action::Left, body), Effect::Close));
    }

    #[test]
    fn an_answer_to_an_older_request_is_dropped() {
        let mut s = ProposalsScreen::default();
        s.open("t", "T", PathBuf::from("a.yaml"), 1);
        let old = s.generation;
        s.open("t", "T", PathBuf::from("b.yaml"), 1);
        s.answered(old, Ok(matrix(1, 1)));
        assert!(s.matrix.is_none());
        s.answered(s.generation, Err("cannot read".into()));
        assert_eq!(s.error.as_deref(), Some("cannot read"));
    }
}
