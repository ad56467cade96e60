//! The desk screen: every bookmark and note, grouped by brief and issue, with the marks
//! whose entry changed or vanished said so.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, pad};
use crate::desk::Standing;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let rows = app.desk_rows();
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new("No bookmarks or notes yet: m bookmarks an entry, a writes a note.")
                .style(app.theme.faint),
            area,
        );
        return;
    }
    let w = usize::from(area.width);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_line = 0;
    let (mut brief, mut group) = (None, None);
    for (i, (b, g, m)) in rows.iter().enumerate() {
        if brief.as_ref() != Some(b) {
            lines.push(Line::from(Span::styled(fit(b, w), app.theme.title)));
            brief = Some(b.clone());
            group = None;
        }
        if !g.is_empty() && group.as_ref() != Some(g) {
            lines.push(Line::from(Span::styled(
                fit(&format!("  {g}"), w),
                app.theme.heading,
            )));
            group = Some(g.clone());
        }
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
        if i == app.desk_screen.list.cursor {
            cursor_line = lines.len();
        }
        let style = if i == app.desk_screen.list.cursor {
            app.theme.cursor
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(pad(&text, w), style)));
        if let Some(n) = &m.note {
            let first = n.lines().next().unwrap_or_default();
            lines.push(Line::from(Span::styled(
                fit(&format!("        {first}"), w),
                app.theme.faint,
            )));
        }
    }
    let h = usize::from(area.height);
    let top = cursor_line.saturating_sub(h.saturating_sub(2));
    let view: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    frame.render_widget(Paragraph::new(view), area);
}
