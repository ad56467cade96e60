//! The timeline screen: an axis with every event and today marked, then the events in
//! date order with how long until or since today, in days, months or years. Narrow, each
//! event takes two lines, so its title always shows.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::{fit, line, pad, row};
use crate::brief::date::Date;
use crate::query::timeline::{Row, today_row};
use crate::tui::app::App;
use crate::tui::screen::timeline::{AXIS, list_height, two_lines};

/// The timeline; where the eye is: the event at the cursor.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let t = &app.timeline;
    if t.rows.is_empty() {
        frame.render_widget(
            Paragraph::new("No dated events in the loaded briefs.").style(app.theme.faint),
            area,
        );
        return None;
    }
    let mut eye = None;
    let w = usize::from(area.width);
    axis(frame, app, area, w);
    let list = Rect {
        y: area.y + AXIS.min(area.height),
        height: area.height.saturating_sub(AXIS),
        ..area
    };
    let today_at = today_row(&t.rows, app.today);
    let narrow = two_lines(area);
    let dates_w = t
        .rows
        .iter()
        .map(|r| r.dates.chars().count())
        .max()
        .unwrap_or(10)
        .min(24);
    let when_w = t
        .rows
        .iter()
        .map(|r| r.relative(app.today).chars().count())
        .max()
        .unwrap_or(10)
        .min(28);
    let mut y = 0u16;
    let shown = list_height(area);
    for (i, r) in t.rows.iter().enumerate().skip(t.list.top).take(shown + 1) {
        if i == today_at {
            let Some(line_area) = row(list, y) else { break };
            frame.render_widget(
                Paragraph::new(today_rule(app, w)).style(app.theme.today),
                line_area,
            );
            y += 1;
        }
        let style = if i == t.list.cursor {
            app.theme.cursor
        } else if r.last_day < app.today.first_day_number() {
            app.theme.faint
        } else {
            Style::new()
        };
        let when = pad(&r.relative(app.today), when_w);
        let status = status_word(r, app);
        let title = title(r);
        if i == t.list.cursor {
            eye = row(list, y).and_then(super::at);
        }
        if narrow {
            let Some(first) = row(list, y) else { break };
            let head = format!(" {} · {}", r.dates, when.trim_end());
            frame.render_widget(Paragraph::new(pad(&head, w)).style(style), first);
            y += 1;
            let Some(second) = row(list, y) else { break };
            frame.render_widget(
                Paragraph::new(pad(&format!("   {status} · {title}"), w)).style(style),
                second,
            );
            y += 1;
        } else {
            let Some(line_area) = row(list, y) else { break };
            let text = format!(" {} {} {:15} {title}", pad(&r.dates, dates_w), when, status);
            frame.render_widget(Paragraph::new(pad(&text, w)).style(style), line_area);
            y += 1;
        }
    }
    if today_at == t.rows.len()
        && let Some(line_area) = row(list, y)
    {
        frame.render_widget(
            Paragraph::new(today_rule(app, w)).style(app.theme.today),
            line_area,
        );
    }
    eye
}

/// The event's status as of today: a meeting whose dates are past but that no brief
/// records as held is not "planned" any more, and we do not guess how it went.
fn status_word(r: &Row, app: &App) -> &'static str {
    r.label(app.today)
}

fn title(r: &Row) -> String {
    let mut title = r.title.clone();
    if let Some(p) = &r.place {
        title.push_str(&format!(", {p}"));
    }
    if r.selectors.len() > 1 {
        title.push_str(&format!("  (in {} briefs)", r.selectors.len()));
    }
    title
}

/// "── today 2026-11-22 ─────" across the width.
fn today_rule(app: &App, w: usize) -> String {
    let label = format!("── today {} ", app.today);
    let fill = w.saturating_sub(label.chars().count());
    fit(&format!("{label}{}", "─".repeat(fill)), w)
}

/// Years along the top, events as dots on the line below, today as a caret.
fn axis(frame: &mut Frame, app: &App, area: Rect, w: usize) {
    let t = &app.timeline;
    let today = app.today.first_day_number();
    let first = t
        .rows
        .iter()
        .map(|r| r.first_day)
        .min()
        .unwrap_or(today)
        .min(today);
    let last = t
        .rows
        .iter()
        .map(|r| r.last_day)
        .max()
        .unwrap_or(today)
        .max(today);
    let span = (last - first).max(1);
    let inner = w.saturating_sub(2).max(1);
    let x_of = |day: i64| 1 + ((day - first) * (inner as i64 - 1) / span) as usize;
    let mut years = vec![' '; w];
    let mut dots = vec!['─'; w];
    if let Some(c) = dots.first_mut() {
        *c = '├';
    }
    if let Some(c) = dots.last_mut() {
        *c = '┤';
    }
    let first_year = Date::from_day_number(first).year;
    let last_year = Date::from_day_number(last).year;
    // A year's label where its first day falls, unless it would touch the one before.
    let mut free_from = 0;
    for y in first_year..=last_year {
        let day = Date {
            year: y,
            month: None,
            day: None,
        }
        .first_day_number();
        if day < first {
            continue;
        }
        let x = x_of(day);
        if x < free_from || x + 4 > w {
            continue;
        }
        for (k, ch) in y.to_string().chars().enumerate() {
            if let Some(slot) = years.get_mut(x + k) {
                *slot = ch;
            }
        }
        free_from = x + 5;
    }
    for (i, r) in t.rows.iter().enumerate() {
        let x = x_of(r.first_day);
        if let Some(slot) = dots.get_mut(x) {
            *slot = if i == t.list.cursor { '◉' } else { '●' };
        }
    }
    let tx = x_of(today).min(w.saturating_sub(1));
    let mut caret: Vec<Span> = Vec::new();
    let years: String = years.into_iter().collect();
    if let Some(r) = row(area, 0) {
        line(frame, r, vec![Span::styled(years, app.theme.faint)]);
    }
    if let Some(r) = row(area, 1) {
        let before: String = dots[..tx].iter().collect();
        let after: String = dots[(tx + 1).min(dots.len())..].iter().collect();
        caret.push(Span::raw(before));
        caret.push(Span::styled("▼", app.theme.today));
        caret.push(Span::raw(after));
        line(frame, r, caret);
    }
}
