//! The desk screen: every bookmark and note, grouped by brief and issue, with the marks
//! whose entry changed or vanished said so.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, pad};
use crate::desk::Standing;
use crate::tui::app::App;
use crate::tui::screen::desk::{DeskLine, lines};

/// The desk; where the eye is: the mark at the cursor.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let rows = app.desk_rows();
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new("No bookmarks or notes yet: m bookmarks an entry, a writes a note.")
                .style(app.theme.faint),
            area,
        );
        return None;
    }
    let w = usize::from(area.width);
    let h = usize::from(area.height);
    let cursor = app.desk_screen.list.cursor;
    let (layout, top) = lines(&rows, cursor, h);
    let eye = layout
        .iter()
        .skip(top)
        .take(h)
        .position(|l| *l == DeskLine::Mark(cursor))
        .and_then(|y| super::at(super::row(area, y as u16)?));
    let view: Vec<Line> = layout
        .iter()
        .skip(top)
        .take(h)
        .map(|l| match l {
            DeskLine::Brief(b) => Line::from(Span::styled(fit(b, w), app.theme.title)),
            DeskLine::Group(g) => {
                Line::from(Span::styled(fit(&format!("  {g}"), w), app.theme.heading))
            }
            DeskLine::Mark(i) => {
                let m = &rows[*i].2;
                let title = match app.corpus.resolve(&m.selector) {
                    Some(crate::brief::corpus::Target::Entry(_, _, e)) => {
                        crate::query::names::entry_title(&app.corpus, e)
                    }
                    _ => m.selector.to_string(),
                };
                let marks = format!(
                    "{}{}",
                    if m.bookmark { "★" } else { " " },
                    if m.note.is_some() { "✎" } else { " " }
                );
                let standing = app.desk.standing(m, &app.corpus);
                let mut text = format!("    {marks} {title}");
                if standing != Standing::Current {
                    text.push_str(&format!("  [{}]", standing.label()));
                }
                let style = if *i == cursor {
                    app.theme.cursor
                } else {
                    Style::new()
                };
                Line::from(Span::styled(pad(&text, w), style))
            }
            DeskLine::Note(i) => {
                let n = rows[*i].2.note.as_deref().unwrap_or_default();
                let first = n.lines().next().unwrap_or_default();
                Line::from(Span::styled(
                    fit(&format!("        {first}"), w),
                    app.theme.faint,
                ))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(view), area);
    eye
}
