//! The compare screen: issues × actors (or groups), one issue side by side, and the
//! figures the sources give. A component: it holds its own state, handles its keys and
//! tells the app what to do next through an [`Effect`].

use ratatui::layout::Rect;

use crate::brief::corpus::Corpus;
use crate::brief::model::StakeholderGroup;
use crate::query::matrix::Matrix;
use crate::search::Filter;
use crate::tui::app::{Action, Effect};
use crate::tui::widget::list::{ListCursor, Nav, Scroll};

/// Actors side by side on one issue, at most.
pub const MAX_COLUMNS: usize = 6;
/// Narrowest column of side by side worth reading.
pub const MIN_COLUMN: usize = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompareTab {
    #[default]
    Issues,
    Figures,
}

/// Which part of the screen has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareView {
    Matrix,
    SideBySide,
    Figures,
}

/// One issue's positions side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub issue: String,
    /// Actors shown, in order: the ones chosen, else every one with a position.
    pub actors: Vec<String>,
    /// First actor in view.
    pub first: usize,
    pub scroll: Scroll,
}

#[derive(Debug, Clone, Default)]
pub struct CompareScreen {
    pub tab: CompareTab,
    pub matrix: Matrix,
    /// The issue row under the cursor.
    pub rows: ListCursor,
    pub column: usize,
    pub by_group: bool,
    /// Actors marked with space for the side-by-side view.
    pub chosen: Vec<String>,
    pub detail: Option<Detail>,
    pub figures: Scroll,
    /// The figures tab's cursor: which of [`figure_rows`] Enter reads and `y` copies.
    pub figure: usize,
    /// A matrix has been asked for and not yet built.
    pub building: bool,
    generation: u64,
    /// Where to put the cursor once the matrix is built.
    reading: Option<(String, String)>,
    status: Option<String>,
}

/// A matrix to build off the UI thread.
#[derive(Debug, Clone)]
pub struct MatrixRequest {
    pub generation: u64,
    pub filter: Filter,
}

/// Narrowest stance cell: glyph, space, four letters, a mark.
const MIN_CELL: usize = 8;
/// Widest a column grows to give a name room.
const MAX_CELL: usize = 18;

/// Where the matrix's columns go at a width: the view draws by it and a click is
/// placed by it, so the two agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatrixLayout {
    pub label_w: usize,
    pub cell_w: usize,
    /// First column in view, and how many are.
    pub first: usize,
    pub shown: usize,
}

/// Lines above the matrix's rows: what is off screen and the groups, then each column's
/// name on two lines (a name cut to a column's width was often unreadable: "Saudi …").
pub const MATRIX_HEADER: usize = 3;

/// Rows of the matrix in view: the body less the header and three lines below.
pub fn matrix_height(body: Rect) -> usize {
    usize::from(body.height)
        .saturating_sub(MATRIX_HEADER + 4)
        .max(1)
}

/// Columns of side by side that fit the width; 1 means stacked one under another.
pub fn detail_columns(body: Rect) -> usize {
    (usize::from(body.width) / (MIN_COLUMN + 3)).clamp(1, MAX_COLUMNS)
}

impl CompareScreen {
    pub fn view(&self) -> CompareView {
        match (&self.detail, self.tab) {
            (Some(_), _) => CompareView::SideBySide,
            (None, CompareTab::Figures) => CompareView::Figures,
            (None, CompareTab::Issues) => CompareView::Matrix,
        }
    }

    /// A message for the footer, once.
    pub fn take_status(&mut self) -> Option<String> {
        self.status.take()
    }

    /// Open on the (issue, actor) of the position being read, when it is one, once the
    /// matrix asked for here is built.
    pub fn open(&mut self, filter: &Filter, reading: Option<(String, String)>) -> MatrixRequest {
        self.reading = reading;
        self.rebuild(filter)
    }

    /// Ask for the matrix under `filter`. It is built off the UI thread (on a large
    /// corpus it takes tens of milliseconds, a visible hitch); the screen shows the one
    /// it has, or says it is building, until [`CompareScreen::built`].
    pub fn rebuild(&mut self, filter: &Filter) -> MatrixRequest {
        self.generation += 1;
        self.building = true;
        MatrixRequest {
            generation: self.generation,
            filter: filter.clone(),
        }
    }

    /// The matrix of request `generation`; an answer to an older request is dropped.
    pub fn built(&mut self, generation: u64, matrix: Matrix) {
        if generation != self.generation {
            return;
        }
        self.building = false;
        self.matrix = matrix;
        let m = &self.matrix;
        self.rows.cursor = self.rows.cursor.min(m.issues.len().saturating_sub(1));
        self.column = self.column.min(self.columns().saturating_sub(1));
        if let Some((issue, actor)) = self.reading.take() {
            let m = &self.matrix;
            if let Some(r) = m.issues.iter().position(|i| *i == issue) {
                self.rows.cursor = r;
                self.column = m.actors.iter().position(|a| *a == actor).unwrap_or(0);
            }
        }
    }

    /// (group, name) of each column: a group's short name over an actor's short name,
    /// else its name — never a bare id.
    pub fn column_names(&self, corpus: &Corpus) -> Vec<(String, String)> {
        let m = &self.matrix;
        if self.by_group {
            return m
                .groups
                .iter()
                .map(|g| {
                    (
                        crate::query::group_short(*g).to_owned(),
                        g.label().to_owned(),
                    )
                })
                .collect();
        }
        m.actors
            .iter()
            .map(|a| {
                let actor = corpus.actor(a);
                let name = actor.map_or(a.as_str(), |x| x.display_name());
                let group = actor.map_or(StakeholderGroup::Unspecified, |x| x.group);
                (crate::query::group_short(group).to_owned(), name.to_owned())
            })
            .collect()
    }

    /// Columns as wide as the longest name when all fit that way, else the room shared
    /// out, never narrower than a stance; scrolled so the cursor's column is in view.
    pub fn layout(&self, corpus: &Corpus, width: usize) -> MatrixLayout {
        let columns = self.column_names(corpus);
        let label_w = (width * 3 / 10).clamp(12, 36).min(width);
        let room = width.saturating_sub(label_w + 1);
        let widest = columns
            .iter()
            .map(|(_, n)| crate::brief::text::width(n.as_str()) + 1)
            .max()
            .unwrap_or(MIN_CELL);
        let min_cell = if self.by_group { 10 } else { MIN_CELL };
        let cell_w = widest
            .clamp(min_cell, MAX_CELL)
            .min((room / columns.len().max(1)).max(min_cell));
        let fits = (room / cell_w).max(1);
        let first = self.column.saturating_sub(fits.saturating_sub(1));
        let shown = columns.len().saturating_sub(first).min(fits);
        MatrixLayout {
            label_w,
            cell_w,
            first,
            shown,
        }
    }

    fn columns(&self) -> usize {
        if self.by_group {
            self.matrix.groups.len()
        } else {
            self.matrix.actors.len()
        }
    }

    pub fn key(&mut self, action: &Action, corpus: &Corpus, body: Rect) -> Effect {
        match self.view() {
            CompareView::SideBySide => self.detail_key(action, corpus, body),
            CompareView::Figures => self.figures_key(action, corpus, body),
            CompareView::Matrix => self.matrix_key(action, corpus, body),
        }
    }

    /// The figures tab: a cursor over the figures, two lines each, that keeps the one it
    /// is on in view (with its measure's heading when it is the first); Enter reads it.
    fn figures_key(&mut self, action: &Action, corpus: &Corpus, body: Rect) -> Effect {
        // The figures are grouped once a key, not once for the rows and again for the
        // length.
        let rows = figure_rows(corpus);
        let len = figure_lines(&rows);
        let height = usize::from(body.height);
        match action {
            Action::Tab => self.tab = CompareTab::Issues,
            Action::Close | Action::Escape => return Effect::Close,
            Action::Enter => {
                if let Some(r) = rows.get(self.figure) {
                    return Effect::Read(r.selector.clone());
                }
            }
            Action::Wheel { down, .. } => {
                self.figures.by(3, *down, len, height);
                // The cursor is dragged along when it would leave the view, as less does.
                let (top, end) = (self.figures.top, self.figures.top + height);
                let seen = |r: &&FigureRow| r.line >= top && r.line + 2 <= end;
                let at = rows.get(self.figure).map_or(0, |r| r.line);
                let dragged = if at < top {
                    rows.iter().position(|r| seen(&r))
                } else if at + 2 > end {
                    rows.iter().rposition(|r| seen(&r))
                } else {
                    None
                };
                self.figure = dragged.unwrap_or(self.figure);
            }
            // A click on a figure puts the cursor there; on the cursor's, reads it.
            Action::Click { row, .. } => {
                let y = self.figures.top + usize::from(row.saturating_sub(body.y));
                if let Some(k) = rows.iter().position(|r| y == r.line || y == r.line + 1) {
                    if k == self.figure {
                        return Effect::Read(rows[k].selector.clone());
                    }
                    self.figure = k;
                }
            }
            a => {
                if let Some(nav) = Nav::of(a) {
                    if rows.is_empty() {
                        self.figures.go(nav, len, height);
                    } else {
                        // Two lines a figure: a page holds half as many figures as lines.
                        let mut c = ListCursor::at(self.figure);
                        c.go(nav, rows.len(), (height / 2).max(1));
                        self.figure = c.cursor;
                        self.show_figure(&rows, len, height);
                    }
                }
            }
        }
        Effect::None
    }

    /// Scroll the figures so the one at the cursor shows whole, with its measure's
    /// heading when it is the measure's first.
    fn show_figure(&mut self, rows: &[FigureRow], len: usize, height: usize) {
        let Some(r) = rows.get(self.figure) else {
            return;
        };
        let from = if r.first {
            r.line.saturating_sub(1)
        } else {
            r.line
        };
        if from < self.figures.top {
            self.figures.top = from;
        } else if r.line + 2 > self.figures.top + height {
            self.figures.top = (r.line + 2).saturating_sub(height);
        }
        self.figures.top = self.figures.top.min(Scroll::max(len, height));
    }

    /// The figure at the figures tab's cursor: what Enter reads and `y` copies.
    pub fn figure_at_hand(&self, corpus: &Corpus) -> Option<String> {
        figure_rows(corpus)
            .into_iter()
            .nth(self.figure)
            .map(|r| r.selector)
    }

    fn matrix_key(&mut self, action: &Action, corpus: &Corpus, body: Rect) -> Effect {
        let rows = self.matrix.issues.len();
        let height = matrix_height(body);
        if let Some(nav) = Nav::of(action) {
            self.rows.go(nav, rows, height);
            return Effect::None;
        }
        match action {
            Action::Left => self.column = self.column.saturating_sub(1),
            Action::Right => self.column = (self.column + 1).min(self.columns().saturating_sub(1)),
            Action::Wheel { down, .. } => {
                let nav = if *down { Nav::Down } else { Nav::Up };
                for _ in 0..3 {
                    self.rows.go(nav, rows, height);
                }
            }
            Action::Click { column, row } => {
                // A click on a cell puts the cursor there; on the cursor's cell, opens it.
                let l = self.layout(corpus, usize::from(body.width));
                let y = usize::from(row.saturating_sub(body.y));
                let x = usize::from(column.saturating_sub(body.x));
                if y >= MATRIX_HEADER && y < MATRIX_HEADER + height {
                    let r = self.rows.top + y - MATRIX_HEADER;
                    let c = (x > l.label_w).then(|| l.first + (x - l.label_w - 1) / l.cell_w);
                    let c = c.filter(|&c| c < l.first + l.shown);
                    if r < rows {
                        let same = r == self.rows.cursor && c.is_none_or(|c| c == self.column);
                        self.rows.set(r, rows, height);
                        if let Some(c) = c {
                            self.column = c;
                        }
                        if same {
                            self.open_detail(body);
                        }
                    }
                }
            }
            Action::Tab => self.tab = CompareTab::Figures,
            Action::ToggleGroups => {
                self.by_group = !self.by_group;
                self.column = 0;
            }
            Action::Space if self.by_group => {
                self.status = Some("choose actors with the actors as columns (s)".into())
            }
            Action::Space => {
                if let Some(a) = self.matrix.actors.get(self.column).cloned() {
                    if let Some(i) = self.chosen.iter().position(|x| *x == a) {
                        self.chosen.remove(i);
                    } else if self.chosen.len() < MAX_COLUMNS {
                        self.chosen.push(a);
                    } else {
                        self.status = Some(format!("at most {MAX_COLUMNS} side by side"));
                    }
                }
            }
            Action::Enter => self.open_detail(body),
            Action::Close | Action::Escape if !self.chosen.is_empty() => {
                self.chosen.clear();
                self.status = Some("choice of actors cleared".into());
            }
            Action::Close | Action::Escape => return Effect::Close,
            _ => {}
        }
        Effect::None
    }

    /// Side by side on the issue under the cursor: the chosen actors, each shown even
    /// where they have no position; with none chosen, everyone with a position.
    fn open_detail(&mut self, body: Rect) {
        let m = &self.matrix;
        let row = self.rows.cursor;
        let Some(issue) = m.issues.get(row).cloned() else {
            return;
        };
        let actors: Vec<String> = if self.chosen.is_empty() {
            (0..m.actors.len())
                .filter(|&a| m.cells[row][a].is_some())
                .map(|a| m.actors[a].clone())
                .collect()
        } else {
            self.chosen.clone()
        };
        // Start with the actor under the cursor in view.
        let first = m
            .actors
            .get(self.column)
            .and_then(|a| actors.iter().position(|x| x == a))
            .unwrap_or(0);
        let first = first.min(actors.len().saturating_sub(detail_columns(body)));
        self.detail = Some(Detail {
            issue,
            actors,
            first,
            scroll: Scroll::default(),
        });
    }

    fn detail_key(&mut self, action: &Action, corpus: &Corpus, body: Rect) -> Effect {
        let shown = detail_columns(body);
        let Some(d) = self.detail.as_mut() else {
            return Effect::None;
        };
        // Lines below the fixed header of names, for clamping the scroll.
        let len = detail_length(corpus, d, body);
        let height = usize::from(body.height).saturating_sub(4);
        if let Some(nav) = Nav::of(action) {
            d.scroll.go(nav, len, height);
            return Effect::None;
        }
        let max_first = d.actors.len().saturating_sub(shown);
        match action {
            Action::Left if shown > 1 => d.first = d.first.saturating_sub(1),
            Action::Right if shown > 1 => d.first = (d.first + 1).min(max_first),
            Action::Wheel { down, .. } => d.scroll.by(3, *down, len, height),
            Action::Close | Action::Escape | Action::Back => self.detail = None,
            Action::Enter if !d.actors.is_empty() => {
                return match self.position_at_hand(corpus) {
                    Some(sel) => Effect::Read(sel),
                    None => Effect::Status("no position recorded to read".into()),
                };
            }
            _ => {}
        }
        Effect::None
    }
}

impl CompareScreen {
    /// Side by side, the position at hand: the first of the leftmost actor in view, in
    /// the order its column lists them. What Enter reads and `y` copies.
    pub fn position_at_hand(&self, corpus: &Corpus) -> Option<String> {
        let d = self.detail.as_ref()?;
        let actor = d.actors.get(d.first)?.clone();
        let mut placed = crate::query::positions::positions(corpus, &d.issue, &[actor], None);
        crate::query::positions::sort_latest_first(&mut placed);
        placed.first().map(|p| p.selector())
    }
}

/// One actor's column of side by side at `width`: the lines naming the actor (kept in
/// view while the rest scrolls) and its positions, latest first — or a line saying it has
/// none, for an actor chosen that has not spoken on the issue.
pub fn actor_column(
    corpus: &Corpus,
    issue: &str,
    actor: &str,
    width: usize,
) -> (Vec<String>, Vec<String>) {
    let mut placed = crate::query::positions::positions(corpus, issue, &[actor.to_owned()], None);
    // In the order `brief compare` lists them.
    crate::query::positions::sort_latest_first(&mut placed);
    let mut lines = crate::query::positions::column(corpus, actor, &placed, width);
    let head_len = lines
        .iter()
        .position(String::is_empty)
        .unwrap_or(lines.len());
    let body = lines.split_off(head_len);
    let body = if placed.is_empty() {
        vec![String::new(), "no position recorded".to_owned()]
    } else {
        body
    };
    (lines, body)
}

/// Width of one column of side by side for `actors` actors: fewer actors than fit share
/// the whole width.
pub fn column_width(body: Rect, actors: usize) -> usize {
    let shown = detail_columns(body).min(actors).max(1);
    if shown == 1 {
        usize::from(body.width).saturating_sub(1).max(1)
    } else {
        (usize::from(body.width).saturating_sub(3 * (shown - 1)) / shown).max(1)
    }
}

/// The side-by-side lines that scroll: the longest column below its names, or, stacked,
/// every actor one under another.
pub fn detail_length(corpus: &Corpus, d: &Detail, body: Rect) -> usize {
    let width = column_width(body, d.actors.len());
    let cols = d
        .actors
        .iter()
        .map(|a| actor_column(corpus, &d.issue, a, width));
    if detail_columns(body) == 1 {
        cols.map(|(h, b)| h.len() + b.len() + 1).sum()
    } else {
        cols.map(|(_, b)| b.len()).max().unwrap_or(0)
    }
}

/// A figure of the figures tab: its selector, the first of its two lines, and whether it
/// is its measure's first (the measure's heading the line above).
pub struct FigureRow {
    pub selector: String,
    pub line: usize,
    pub first: bool,
}

/// The figures of the figures tab in the order it shows them: per measure a heading,
/// two lines a figure (its value and source, then where it stands and its restatements),
/// a blank.
pub fn figure_rows(corpus: &Corpus) -> Vec<FigureRow> {
    let mut rows = Vec::new();
    let mut line = 0;
    for m in crate::query::figures::measures(corpus) {
        line += 1;
        for (k, (f, _)) in m.rows().iter().enumerate() {
            rows.push(FigureRow {
                selector: f.selector(),
                line,
                first: k == 0,
            });
            line += 2;
        }
        line += 1;
    }
    rows
}

/// Lines the figures tab takes, laid out as [`figure_rows`] says: the last figure's two,
/// and the blank after it; one line (that there is none) without figures.
pub fn figure_lines(rows: &[FigureRow]) -> usize {
    rows.last().map_or(1, |r| r.line + 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen() -> (Corpus, CompareScreen) {
        let corpus = crate::query::fixture_world();
        let mut c = CompareScreen::default();
        let request = c.open(&Filter::default(), None);
        c.built(request.generation, Matrix::build(&corpus, &request.filter));
        (corpus, c)
    }

    /// Side by side lists an actor's positions in the order `brief compare` does.
    #[test]
    fn side_by_side_orders_an_actors_positions_as_brief_compare_does() {
        let corpus = crate::query::fixture_world();
        let issue = "reader-forum-funding";
        let placed = crate::query::positions::positions(&corpus, issue, &["norland".into()], None);
        let cli: Vec<String> = crate::query::positions::by_actor(&placed)[0]
            .positions
            .iter()
            .map(|p| p.selector())
            .collect();
        let (_, body) = actor_column(&corpus, issue, "norland", 200);
        let reader: Vec<String> = body
            .iter()
            .filter(|l| l.starts_with("reader-"))
            .cloned()
            .collect();
        assert_eq!(reader, cli);
    }

    #[test]
    fn esc_first_clears_the_chosen_actors_then_closes() {
        let (corpus, mut c) = screen();
        let body = Rect::new(0, 1, 100, 30);
        c.key(&Action::Space, &corpus, body);
        assert_eq!(c.chosen.len(), 1);
        assert!(matches!(c.key(&Action::Close, &corpus, body), Effect::None));
        assert!(c.chosen.is_empty());
        assert!(matches!(
            c.key(&Action::Close, &corpus, body),
            Effect::Close
        ));
    }

    #[test]
    fn the_layout_fits_the_width_and_follows_the_cursor() {
        let (corpus, mut c) = screen();
        for w in [40usize, 80, 120, 200] {
            for col in 0..c.matrix.actors.len() {
                c.column = col;
                let l = c.layout(&corpus, w);
                assert!(l.label_w + 1 + l.shown * l.cell_w <= w.max(l.label_w + 1 + l.cell_w));
                assert!(
                    (l.first..l.first + l.shown).contains(&col),
                    "{w} {col} {l:?}"
                );
            }
        }
        c.column = 0;
        let all = c.layout(&corpus, 200);
        assert_eq!(all.shown, c.matrix.actors.len(), "every actor fits at 200");
    }

    #[test]
    fn arrows_do_not_scroll_stacked_columns() {
        let (corpus, mut c) = screen();
        let narrow = Rect::new(0, 1, 40, 20);
        c.key(&Action::Enter, &corpus, narrow);
        let first = c.detail.as_ref().unwrap().first;
        c.key(&Action::Right, &corpus, narrow);
        assert_eq!(c.detail.as_ref().unwrap().first, first);
    }
}

#[cfg(test)]
mod figure_tests {
    use super::*;

    fn figures() -> (Corpus, CompareScreen) {
        let corpus = crate::library::builtin_corpus();
        let c = CompareScreen {
            tab: CompareTab::Figures,
            ..CompareScreen::default()
        };
        (corpus, c)
    }

    /// Whether the figure at the cursor shows whole, its measure's heading with it when
    /// it is the first.
    fn whole(c: &CompareScreen, rows: &[FigureRow], height: usize) -> bool {
        let r = &rows[c.figure];
        let from = if r.first { r.line - 1 } else { r.line };
        from >= c.figures.top && r.line + 2 <= c.figures.top + height
    }

    /// The tab's length from its rows is the lines the view draws: a heading, two a
    /// figure and a blank per measure.
    #[test]
    fn the_lines_counted_from_the_rows_are_those_drawn() {
        for corpus in [
            crate::library::builtin_corpus(),
            crate::query::fixture_world(),
            Corpus::default(),
        ] {
            let drawn = crate::query::figures::measures(&corpus)
                .iter()
                .map(|m| 2 + 2 * m.rows().len())
                .sum::<usize>()
                .max(1);
            assert_eq!(figure_lines(&figure_rows(&corpus)), drawn);
        }
    }

    #[test]
    fn j_and_k_go_figure_by_figure_and_keep_the_one_at_the_cursor_whole() {
        let (corpus, mut c) = figures();
        let rows = figure_rows(&corpus);
        assert!(rows.len() > 10, "the built-ins have figures to move over");
        let body = Rect::new(0, 1, 80, 9);
        for k in 1..rows.len() {
            c.key(&Action::Down, &corpus, body);
            assert_eq!(c.figure, k);
            assert!(whole(&c, &rows, 9), "{k}: top {}", c.figures.top);
        }
        c.key(&Action::Down, &corpus, body);
        assert_eq!(c.figure, rows.len() - 1, "no further than the last");
        for k in (0..rows.len() - 1).rev() {
            c.key(&Action::Up, &corpus, body);
            assert_eq!(c.figure, k);
            assert!(whole(&c, &rows, 9), "{k}: top {}", c.figures.top);
        }
        assert_eq!(c.figures.top, 0, "the first figure shows its heading");
        c.key(&Action::Bottom, &corpus, body);
        assert_eq!(c.figure, rows.len() - 1);
        assert!(whole(&c, &rows, 9));
        c.key(&Action::Top, &corpus, body);
        assert_eq!((c.figure, c.figures.top), (0, 0));
        // A page moves by as many figures as it holds, two lines each.
        c.key(&Action::PageDown, &corpus, body);
        assert_eq!(c.figure, 4);
    }

    #[test]
    fn enter_reads_the_figure_at_the_cursor_and_a_click_chooses_then_reads() {
        let (corpus, mut c) = figures();
        let rows = figure_rows(&corpus);
        let body = Rect::new(0, 1, 80, 20);
        c.key(&Action::Down, &corpus, body);
        c.key(&Action::Down, &corpus, body);
        assert_eq!(c.figure_at_hand(&corpus).as_ref(), Some(&rows[2].selector));
        assert!(
            matches!(c.key(&Action::Enter, &corpus, body), Effect::Read(s) if s == rows[2].selector)
        );
        assert!(corpus.resolve(&rows[2].selector).is_some());
        // The second line of the fourth figure, then the same again.
        let click = Action::Click {
            column: 5,
            row: body.y + (rows[3].line + 1 - c.figures.top) as u16,
        };
        assert!(matches!(c.key(&click, &corpus, body), Effect::None));
        assert_eq!(c.figure, 3);
        assert!(matches!(c.key(&click, &corpus, body), Effect::Read(s) if s == rows[3].selector));
        // A heading or a blank line chooses nothing.
        let heading = Action::Click {
            column: 5,
            row: body.y,
        };
        c.key(&heading, &corpus, body);
        assert_eq!(c.figure, 3);
    }

    #[test]
    fn the_wheel_scrolls_and_drags_the_cursor_into_view() {
        let (corpus, mut c) = figures();
        let rows = figure_rows(&corpus);
        let body = Rect::new(0, 1, 80, 9);
        let down = Action::Wheel {
            down: true,
            column: 0,
            row: 3,
        };
        for _ in 0..4 {
            c.key(&down, &corpus, body);
            let r = &rows[c.figure];
            assert!(
                r.line >= c.figures.top && r.line + 2 <= c.figures.top + 9,
                "top {} figure {}",
                c.figures.top,
                c.figure
            );
        }
        assert!(c.figure > 0);
        assert!(c.figures.top > 0);
    }
}
