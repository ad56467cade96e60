//! The filter menu drawn over the current screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, pad};
use crate::tui::state::{App, FilterRow};

pub fn filters(frame: &mut Frame, app: &App, area: Rect) {
    let Some(menu) = &app.filter_menu else { return };
    let h = area.height.saturating_sub(2).max(1);
    let title = " Filter: only what matches every kind chosen ";
    let inner = super::popup(frame, app, area, 64, h, title);
    let w = usize::from(inner.width);
    let lines: Vec<Line> = menu
        .rows
        .iter()
        .enumerate()
        .skip(menu.top)
        .take(usize::from(inner.height))
        .map(|(i, row)| {
            let label = match row {
                FilterRow::Heading(h) => {
                    return Line::from(Span::styled(fit(h, w), app.theme.heading));
                }
                FilterRow::Stance(s) => s.label().to_owned(),
                FilterRow::Group(g) => g.label().to_owned(),
                FilterRow::Actor(id, name) => format!("{name} ({id})"),
                FilterRow::Tag(t) => t.clone(),
                FilterRow::Source(id, title) => format!("{title} ({id})"),
            };
            let mark = if app.filter_has(row) { "[x] " } else { "[ ] " };
            let style = if i == menu.cursor {
                app.theme.cursor
            } else {
                Style::new()
            };
            Line::from(Span::styled(pad(&format!("  {mark}{label}"), w), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The note editor: the entry's title, then the note with a cursor at its end.
pub fn editor(frame: &mut Frame, app: &App, area: Rect) {
    let Some(ed) = &app.editor else { return };
    let h = area.height.saturating_sub(4).clamp(1, 16);
    let title = format!(" Note on {} ", ed.selector);
    let inner = super::popup(frame, app, area, 72, h, &title);
    let w = usize::from(inner.width).max(1);
    // The text with a bar where the cursor is; the line holding it stays in view.
    let mut shown = ed.text.clone();
    shown.insert(ed.cursor.min(shown.len()), '▏');
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_line = 0;
    for para in shown.split('\n') {
        let wrapped = crate::render::text::wrap(para, w);
        if wrapped.is_empty() {
            lines.push(Line::from(""));
        }
        for l in wrapped {
            if l.contains('▏') {
                cursor_line = lines.len();
            }
            lines.push(Line::from(l));
        }
    }
    let h = usize::from(inner.height).max(1);
    let skip = (cursor_line + 1).saturating_sub(h);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        inner,
    );
}
