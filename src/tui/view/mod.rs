//! Drawing: pure functions from the state to a frame. Nothing here changes the state or
//! knows about keys; what each view shows follows from `App` alone, so TestBackend
//! snapshots pin every view.

pub mod compare;
pub mod desk;
pub mod help;
pub mod overlay;
pub mod proposals;
pub mod reader;
pub mod timeline;
pub mod versions;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Screen};
use super::keys::{self, Context};
use super::screen::compare::CompareTab;

/// Draw a frame, with the frame's cursor where the eye is (see [`render`]): what tests on
/// a TestBackend read back. The reader itself draws with [`render`] and places the
/// hardware cursor as the user asked (`terminal::draw`).
pub fn draw(frame: &mut Frame, app: &App) {
    if let Some(eye) = render(frame, app) {
        frame.set_cursor_position(eye);
    }
}

/// Draw a frame; where the eye is: the first column of the selected row (an outline row, a
/// search result, a mark, an event, a matrix cell, the paragraph at the cursor) or of the
/// text being read, or of the overlay on top. Screen readers and magnifiers follow the
/// hardware cursor, so the reader puts it there, shown or not. `None` while nothing is
/// selected (loading, an empty list).
pub fn render(frame: &mut Frame, app: &App) -> Option<Position> {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let panes = app.panes();
    header(frame, app, panes.header);
    let mut eye = match app.screen() {
        Screen::Reader => reader::draw(frame, app, &panes),
        Screen::Compare => compare::draw(frame, app, panes.body),
        Screen::Timeline => timeline::draw(frame, app, panes.body),
        Screen::Desk => desk::draw(frame, app, panes.body),
        Screen::Versions => versions::draw(frame, app, panes.body),
        Screen::Proposals => proposals::draw(frame, app, panes.body),
    };
    footer(frame, app, panes.footer);
    if app.filters.is_some() {
        eye = overlay::filters(frame, app, area);
    }
    if let Some(h) = &app.help {
        eye = help::draw(frame, app, area, h.scroll.top);
    }
    if app.editor.is_some() {
        eye = overlay::editor(frame, app, area);
    }
    eye.filter(|p| area.contains(*p))
}

/// Where the eye is on a row drawn in `r`: its first column.
pub fn at(r: Rect) -> Option<Position> {
    (r.width > 0 && r.height > 0).then(|| Position::new(r.x, r.y))
}

/// A bordered box of at most `w`×`h` centred over `area`, cleared; its inside.
pub fn popup(frame: &mut Frame, app: &App, area: Rect, w: u16, h: u16, title: &str) -> Rect {
    let r = super::layout::centred(area, w, h);
    frame.render_widget(ratatui::widgets::Clear, r);
    let block = ratatui::widgets::Block::bordered()
        .title(title.to_owned())
        .border_style(app.theme.border_focused);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}

pub use crate::brief::text::fit;

/// `text` padded with spaces to `width` display columns (cut first if longer).
pub fn pad(text: &str, width: usize) -> String {
    let t = fit(text, width);
    let w = crate::brief::text::width(t.as_str());
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

fn header(frame: &mut Frame, app: &App, area: Rect) {
    if area.height == 0 {
        return;
    }
    let w = usize::from(area.width);
    let (left, right) = match app.screen() {
        Screen::Reader => {
            let left = match app
                .reading_node()
                .and_then(|id| app.outline.target(&app.corpus, id))
            {
                Some(t) => {
                    let b = match t {
                        crate::brief::corpus::Target::Brief(b)
                        | crate::brief::corpus::Target::Section(b, _)
                        | crate::brief::corpus::Target::Entry(b, _, _) => b,
                    };
                    let publisher = app
                        .corpus
                        .actor(&b.publisher)
                        .map_or(b.publisher.as_str(), |a| a.display_name());
                    format!(" {} · {} · {}", b.title, publisher, b.published_shown())
                }
                None => " brief".to_owned(),
            };
            let rows = app.outline.visible().len();
            // brief pick's marks, in words as well as the ✔ on their rows.
            let marked = match app.picked.len() {
                0 => String::new(),
                n => format!("{n} marked · "),
            };
            let right = if rows == 0 {
                marked
            } else {
                format!("{marked}{}/{} ", app.rows.cursor + 1, rows)
            };
            (left, right)
        }
        Screen::Compare => {
            let left = match (&app.compare.detail, app.compare.tab) {
                (Some(d), _) => format!(
                    " Side by side: {}",
                    app.corpus
                        .issue(&d.issue)
                        .map_or(d.issue.as_str(), |i| &i.title)
                ),
                (None, CompareTab::Issues) => " Who stands where: issues × actors".to_owned(),
                (None, CompareTab::Figures) => " Figures as the sources give them".to_owned(),
            };
            (left, String::new())
        }
        Screen::Timeline => (" Timeline".to_owned(), format!("today {} ", app.today)),
        Screen::Desk => (
            " Desk: your bookmarks and notes".to_owned(),
            format!("{} ", app.desk.marks.len()),
        ),
        Screen::Versions => versions::header(app),
        Screen::Proposals => proposals::header(app),
    };
    let rw = crate::brief::text::width(right.as_str());
    let line = if rw + 10 < w {
        format!("{} {right}", pad(&left, w - rw - 1))
    } else {
        pad(&left, w)
    };
    frame.render_widget(Paragraph::new(line).style(app.theme.bar), area);
}

/// The keys that work right now, and the active filter or the last message. Help and
/// the way out always show; other hints give way, least useful first, and none is cut.
fn footer(frame: &mut Frame, app: &App, area: Rect) {
    if area.height == 0 {
        return;
    }
    let theme = &app.theme;
    let w = usize::from(area.width);
    let mut spans: Vec<Span> = Vec::new();
    if app.search.editing {
        spans.push(Span::styled("/", theme.key));
        spans.push(Span::raw(app.search.input.clone()));
        spans.push(Span::styled("▏", theme.key));
        let count = if app.search.waiting {
            "  searching…".to_owned()
        } else if app.search.query.is_empty() {
            "  type to search; Enter goes, Esc cancels".to_owned()
        } else {
            match app.search.places.len() {
                0 => "  no match".to_owned(),
                1 => "  1 match".to_owned(),
                n => format!("  {n} matches"),
            }
        };
        spans.push(Span::styled(count, theme.faint));
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    if let Some(p) = app.loading {
        spans.push(Span::styled(" loading briefs ", theme.warning));
        spans.extend(progress_bar(p, theme));
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    let context = app.context();
    // `v` does something only on a negotiated text.
    let on_text = app.on_text();
    // The digits follow cross-references only on a page that has some, and say how many.
    let links = if context == Context::Reading {
        app.links().len()
    } else {
        0
    };
    let follow = match links {
        1 => "1".to_owned(),
        n => format!("1-{n}"),
    };
    let shown_keys = |h: &keys::Hint| -> String {
        if h.keys == FOLLOW {
            follow.clone()
        } else {
            h.keys.to_owned()
        }
    };
    // The table's words for the digits are `1-9`: room for a longer range is kept aside.
    let w = w.saturating_sub(follow.len().saturating_sub(FOLLOW.len()));
    let keep = |h: &keys::Hint| (h.keys != "v" || on_text) && (h.keys != FOLLOW || links > 0);
    let hints: Vec<keys::Hint> = keys::hints_where(context, w, keep)
        .into_iter()
        .filter(|h| !(context == Context::SideBySide && h.keys == "←→" && !app.more_actors()))
        .collect();
    let essential: usize = hints.iter().filter(|h| h.rank == 0).map(hint_width).sum();
    // The message or the filter first, cut to leave room for help and the way out.
    let left = if let Some(s) = &app.status {
        Some((format!(" {s}"), theme.warning, false))
    } else if app.filter_active() {
        Some((
            format!(" filter: {}", filter_summary(app)),
            theme.warning,
            true,
        ))
    } else {
        None
    };
    let mut used = 0;
    // A message with no room for a word of it is left out, separator and all: the keys
    // that always show (help, the way out, a chooser's choices) come first.
    let left = left.filter(|(_, _, is_filter)| {
        let clear = if *is_filter { " F clears │" } else { " │" };
        w.saturating_sub(essential + clear.chars().count()) > 2
    });
    if let Some((text, style, is_filter)) = left {
        let clear = if is_filter { " F clears │" } else { " │" };
        let room = w.saturating_sub(essential + clear.chars().count());
        let text = fit(&text, room);
        used = crate::brief::text::width(text.as_str()) + clear.chars().count();
        spans.push(Span::styled(text, style));
        if is_filter {
            spans.push(Span::raw(" "));
            spans.push(Span::styled("F", theme.key));
            spans.push(Span::raw(" clears │"));
        } else {
            spans.push(Span::raw(" │"));
        }
    }
    for h in keys::hints_where(context, w.saturating_sub(used), keep)
        .into_iter()
        .filter(|h| hints.contains(h))
    {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(shown_keys(&h), theme.key));
        spans.push(Span::raw(format!(" {}", h.what)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The key table's footer words for the digits that follow cross-references.
const FOLLOW: &str = "1-9";

/// Columns one hint takes: a space, the keys, a space, the words.
fn hint_width(h: &keys::Hint) -> usize {
    2 + crate::brief::text::width(h.keys) + crate::brief::text::width(h.what)
}

/// `▕██████    ▏ 612 of 1000 files`: the bar is for a glance, the count for the truth.
fn progress_bar(
    p: crate::library::Progress,
    theme: &crate::tui::theme::Theme,
) -> Vec<Span<'static>> {
    const WIDTH: usize = 10;
    let filled = (p.done * WIDTH)
        .checked_div(p.total)
        .unwrap_or(0)
        .min(WIDTH);
    let count = if p.total == 0 {
        "finding files…".to_owned()
    } else {
        format!(" {} of {} files", p.done, p.total)
    };
    vec![
        Span::raw("▕"),
        Span::styled("█".repeat(filled), theme.key),
        Span::raw(" ".repeat(WIDTH - filled)),
        Span::raw("▏"),
        Span::styled(count, theme.faint),
    ]
}

pub fn filter_summary(app: &App) -> String {
    let f = &app.filter;
    let mut parts: Vec<String> = Vec::new();
    let mut add = |name: &str, items: Vec<String>| {
        if !items.is_empty() {
            parts.push(format!("{name} {}", items.join("|")));
        }
    };
    add(
        "stance",
        f.stances.iter().map(|s| s.label().to_owned()).collect(),
    );
    add(
        "group",
        f.groups.iter().map(|g| g.label().to_owned()).collect(),
    );
    add("actor", f.actors.clone());
    add("tag", f.tags.clone());
    add("source", f.sources.clone());
    parts.join(" · ")
}

/// A one-line paragraph of spans, cut to the area.
pub fn line(frame: &mut Frame, area: Rect, spans: Vec<Span<'static>>) {
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A row of `area`, or nothing when the area is too short.
pub fn row(area: Rect, i: u16) -> Option<Rect> {
    (i < area.height).then(|| Rect {
        y: area.y + i,
        height: 1,
        ..area
    })
}

pub fn style_if(cond: bool, style: Style) -> Style {
    if cond { style } else { Style::new() }
}
