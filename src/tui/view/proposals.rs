//! The proposals screen: paragraphs × actors, a glyph per proposal — its action (`+` add,
//! `~` amend, `−` delete, `=` retain, `⇄` alternative, `!` reservation) then what the last
//! version made of it (`✓` reflected, `◐` partly, `○` not, `…` pending) — with the
//! proposal at the cursor, the actor's record and each group's tally below.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::{fit, line, pad, row};
use crate::query::proposals::{Cell, Matrix};
use crate::tui::app::App;
use crate::tui::screen::proposals::{CELL, FOOT, HEAD, columns_in_view, place_width, rows_height};

/// The legend of the glyphs, as the help has it.
pub const LEGEND: &str = "+ add  ~ amend  − delete  = retain  ⇄ alternative  ! reservation · ✓ reflected  ◐ partly  ○ not  … pending";

/// A cell's glyphs: two a proposal, three proposals at most, then how many more.
pub fn cell_text(cells: &[Cell]) -> String {
    if cells.len() <= 3 {
        return cells
            .iter()
            .map(|c| format!("{}{}", c.action.glyph(), c.reflected.glyph()))
            .collect();
    }
    let first: String = cells
        .iter()
        .take(2)
        .map(|c| format!("{}{}", c.action.glyph(), c.reflected.glyph()))
        .collect();
    format!("{first}+{}", cells.len() - 2)
}

pub fn header(app: &App) -> (String, String) {
    let p = &app.proposals;
    let right = match &p.matrix {
        Some(m) => format!("{} proposals on {} paragraphs ", m.proposals, m.rows.len()),
        None => String::new(),
    };
    (format!(" Proposals on {}", p.title), right)
}

/// The proposals; where the eye is: the cell at the cursor.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let p = &app.proposals;
    let Some(m) = &p.matrix else {
        let said = match &p.error {
            Some(e) => format!("Cannot show the proposals: {e}"),
            None => "reading the text and measuring its proposals…".to_owned(),
        };
        frame.render_widget(Paragraph::new(said).style(app.theme.faint), area);
        return None;
    };
    if m.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(
                "No proposals on {}: none written in its history, its compilations, its bracketed options or its Word versions' tracked changes.",
                m.title
            ))
            .style(app.theme.faint)
            .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return None;
    }
    draw_matrix(frame, app, m, area)
}

fn draw_matrix(frame: &mut Frame, app: &App, m: &Matrix, area: Rect) -> Option<Position> {
    let mut eye = None;
    let p = &app.proposals;
    let w = usize::from(area.width);
    let place_w = place_width(m);
    let shown_cols = columns_in_view(m, area);
    let cols: Vec<usize> = (p.left..m.columns.len()).take(shown_cols).collect();
    // The actors' names, each cut to its cell: a short name whole, a long one with `…`.
    let mut head = vec![Span::raw(pad("", place_w + 1))];
    for &c in &cols {
        let style = if c == p.col {
            app.theme.title
        } else {
            app.theme.heading
        };
        head.push(Span::styled(pad(&m.columns[c].shown, CELL), style));
        head.push(Span::raw(" "));
    }
    if let Some(r) = row(area, 0) {
        line(frame, r, head);
    }
    let height = rows_height(area);
    for (y, i) in (p.top..m.rows.len()).take(height).enumerate() {
        let mr = &m.rows[i];
        let mut spans = vec![Span::styled(
            pad(&mr.place, place_w + 1),
            if i == p.row {
                app.theme.title
            } else {
                Style::new()
            },
        )];
        for &c in &cols {
            let text = cell_text(&mr.cells[c]);
            let style = if i == p.row && c == p.col {
                app.theme.cursor
            } else {
                Style::new()
            };
            let shown = if text.is_empty() && i == p.row && c == p.col {
                "·".to_owned()
            } else {
                text
            };
            spans.push(Span::styled(pad(&shown, CELL), style));
            spans.push(Span::raw(" "));
        }
        if let Some(r) = row(area, HEAD + y as u16) {
            if i == p.row
                && let Some(k) = cols.iter().position(|&c| c == p.col)
            {
                let x = place_w + 1 + k * (CELL + 1);
                eye = u16::try_from(x)
                    .ok()
                    .filter(|&x| x < r.width)
                    .map(|x| Position::new(r.x + x, r.y));
            }
            line(frame, r, spans);
        }
    }
    // Below: the proposal at the cursor, the actor's record, the tally, the legend.
    let foot_y = area.height.saturating_sub(FOOT);
    let here = m
        .rows
        .get(p.row)
        .and_then(|r| r.cells.get(p.col))
        .map(|cells| {
            let who = &m.columns[p.col].shown;
            let place = &m.rows[p.row].place;
            match cells.as_slice() {
                [] => format!("{place}: nothing from {who}"),
                [one] => format!("{place}  {who}: {}", one.detail),
                many => format!(
                    "{place}  {who}: {} proposals — {}",
                    many.len(),
                    many.iter()
                        .map(|c| c.detail.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            }
        })
        .unwrap_or_default();
    let record = m
        .records
        .get(p.col)
        .map(|r| format!("{} ({})", r.describe(), m.columns[p.col].group))
        .unwrap_or_default();
    let lines = [
        (here, Style::new()),
        (record, app.theme.heading),
        (format!("By group: {}", m.tally()), app.theme.faint),
        (LEGEND.to_owned(), app.theme.faint),
    ];
    for (k, (text, style)) in lines.into_iter().enumerate() {
        if let Some(r) = row(area, foot_y + k as u16) {
            frame.render_widget(Paragraph::new(fit(&text, w)).style(style), r);
        }
    }
    eye
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::proposals::{Action, Reflected};

    fn cell(action: Action, reflected: Reflected) -> Cell {
        Cell {
            action,
            reflected,
            detail: String::new(),
        }
    }

    #[test]
    fn a_cell_shows_three_proposals_then_how_many_more() {
        use Action::*;
        use Reflected::*;
        assert_eq!(cell_text(&[]), "");
        assert_eq!(cell_text(&[cell(Amend, Partly)]), "~◐");
        assert_eq!(
            cell_text(&[cell(Add, Yes), cell(Delete, No), cell(Retain, Pending)]),
            "+✓−○=…"
        );
        assert_eq!(
            cell_text(&[
                cell(Add, Yes),
                cell(Delete, No),
                cell(Retain, Pending),
                cell(Reservation, Yes)
            ]),
            "+✓−○+2"
        );
    }
}
