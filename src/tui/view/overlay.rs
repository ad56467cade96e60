//! The filter menu drawn over the current screen.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, pad};
use crate::tui::app::App;
use crate::tui::overlay::filters::{FilterRow, filter_has, frame as filters_frame};

/// The filter menu; where the eye is: the option at the cursor.
pub fn filters(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let menu = app.filters.as_ref()?;
    let r = filters_frame(area);
    let title = " Filter: only what matches every kind chosen ";
    let inner = super::popup(frame, app, area, r.width, r.height, title);
    let w = usize::from(inner.width);
    let lines: Vec<Line> = menu
        .rows
        .iter()
        .enumerate()
        .skip(menu.list.top)
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
                FilterRow::Source(_, label) => label.clone(),
            };
            let mark = if filter_has(&app.filter, row) {
                "[x] "
            } else {
                "[ ] "
            };
            let style = if i == menu.list.cursor {
                app.theme.cursor
            } else {
                Style::new()
            };
            Line::from(Span::styled(pad(&format!("  {mark}{label}"), w), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    menu.list
        .cursor
        .checked_sub(menu.list.top)
        .and_then(|y| super::row(inner, u16::try_from(y).ok()?))
        .and_then(super::at)
}

/// The note editor: the entry's title, then the note with a cursor where it is.
/// The note editor; where the eye is: the start of the line being written.
pub fn editor(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let ed = app.editor.as_ref()?;
    let h = area.height.saturating_sub(4).clamp(1, 16);
    let name = match app.editor_target() {
        Some(crate::brief::corpus::Target::Entry(_, _, e)) => {
            crate::query::names::entry_title(&app.corpus, e)
        }
        _ => ed.selector.clone(),
    };
    let title = format!(" Note on {name} · Esc keeps · ctrl-g cancels ");
    let inner = super::popup(frame, app, area, 72, h, &fit(&title, 72));
    let w = usize::from(inner.width).max(1);
    // The text with a bar where the cursor is; the line holding it stays in view.
    let mut shown = ed.area.text.clone();
    shown.insert(ed.area.cursor.min(shown.len()), '▏');
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_line = 0;
    for para in shown.split('\n') {
        let wrapped = crate::query::page::wrap(para, w);
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
    super::row(inner, u16::try_from(cursor_line - skip).ok()?).and_then(super::at)
}
