//! The versions screen: the two versions' names fixed at the top, then the rows of
//! `query::versions`'s layout scrolled under them — two columns kept level, or stacked
//! when narrow — with the row at the cursor reversed. Words taken out and put in keep
//! their markers; the theme strikes and emboldens them too.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::row;
use crate::query::versions::{Line as Laid, Mark};
use crate::tui::app::App;
use crate::tui::screen::versions::HEAD;

fn style(app: &App, mark: Mark) -> Style {
    let t = &app.theme;
    match mark {
        Mark::Plain => Style::new(),
        Mark::Deleted => t.deleted,
        Mark::Inserted => t.inserted,
        Mark::Head => t.title,
        Mark::Name => t.heading,
        Mark::Rule => t.border,
    }
}

fn spans(app: &App, line: &Laid, over: Option<Style>) -> Line<'static> {
    Line::from(
        line.iter()
            .map(|s| {
                let st = style(app, s.mark);
                Span::styled(s.text.clone(), over.map_or(st, |o| st.patch(o)))
            })
            .collect::<Vec<_>>(),
    )
}

/// The two versions; where the eye is: the paragraph at the cursor.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    if area.height == 0 || area.width == 0 {
        return None;
    }
    let v = &app.versions;
    if v.text.is_none() {
        let (text, st) = match (&v.failed, &v.waiting) {
            (Some(why), _) => (
                format!(" The text could not be read: {why}"),
                app.theme.warning,
            ),
            (None, Some(w)) => (format!(" {}", capital(w)), app.theme.faint),
            (None, None) => (String::new(), Style::new()),
        };
        frame.render_widget(
            Paragraph::new(text).style(st).wrap(Wrap { trim: false }),
            area,
        );
        return None;
    }
    let layout = v.layout(area);
    for (i, line) in layout.head.iter().enumerate().take(usize::from(HEAD)) {
        if let Some(r) = row(area, i as u16) {
            frame.render_widget(Paragraph::new(spans(app, line, None)), r);
        }
    }
    let body = Rect {
        y: area.y + HEAD.min(area.height),
        height: area.height.saturating_sub(HEAD),
        ..area
    };
    if body.height == 0 {
        return None;
    }
    if layout.shown.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(
                " No paragraph is {}; f shows the others.",
                v.filter.name()
            ))
            .style(app.theme.faint)
            .wrap(Wrap { trim: false }),
            body,
        );
        return None;
    }
    let at = layout.starts.get(v.cursor).copied();
    let top = v.top(&layout, area);
    let eye = at
        .and_then(|n| n.checked_sub(top))
        .and_then(|y| row(body, u16::try_from(y).ok()?))
        .and_then(super::at);
    let lines: Vec<Line> = layout
        .lines
        .iter()
        .enumerate()
        .skip(top)
        .take(usize::from(body.height))
        .map(|(n, l)| spans(app, l, (Some(n) == at).then_some(app.theme.cursor)))
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    eye
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The header's words: which text, and at the right which versions, how many changes
/// and what shows.
pub fn header(app: &App) -> (String, String) {
    let v = &app.versions;
    let left = format!(" Versions of {}", v.title);
    if v.text.is_none() {
        return (left, String::new());
    }
    let layout = v.layout(app.body());
    let names = v.names();
    let name = |i: usize| names.get(i).map_or("?", String::as_str);
    let changes = match v.changes(&layout) {
        1 => "1 change".to_owned(),
        n => format!("{n} changes"),
    };
    let mut right = format!("{} → {} · {changes}", name(v.a), name(v.b));
    if v.filter != crate::query::versions::Filter::All {
        right.push_str(&format!(" · only {}", v.filter.name()));
    }
    if let Some(w) = &v.waiting {
        right.push_str(&format!(" · {w}"));
    }
    right.push(' ');
    (left, right)
}
