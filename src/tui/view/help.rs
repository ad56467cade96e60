//! The `?` overlay: every key, by where it works.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::state::App;

/// (keys, what they do); a line with empty keys is a heading.
pub const LINES: &[(&str, &str)] = &[
    ("", "Everywhere"),
    ("q  ctrl-c", "quit"),
    ("?", "this help; Esc closes it"),
    (
        "/",
        "search every brief as you type; Enter goes to the match",
    ),
    ("n  N", "next / previous match"),
    ("f", "filters: stance, group, actor, tag, source"),
    ("F", "clear the filter"),
    ("c", "compare: who stands where"),
    ("t", "timeline"),
    ("m", "bookmark the entry (★), or take the bookmark away"),
    ("a", "write a note on the entry (✎); Esc or ctrl-s keeps it"),
    ("D", "the desk: every bookmark and note, by brief and issue"),
    ("ctrl-z", "suspend (fg resumes)"),
    ("ctrl-l", "redraw"),
    ("", "Outline"),
    ("j k  ↓ ↑", "move"),
    ("PgDn PgUp  ctrl-d ctrl-u", "page / half page"),
    ("g G  Home End", "first / last"),
    ("→ l", "open; on an open node, step in"),
    ("Enter", "read it (brief pick: print it and quit)"),
    ("← h", "close, or go to the parent"),
    ("space", "page the reading pane"),
    ("Tab", "switch between outline and reading"),
    ("", "Reading"),
    ("j k  ↓ ↑", "scroll a line"),
    ("space PgDn PgUp", "scroll a page"),
    ("1 … 9  Enter", "follow cross-reference [1] … [9]"),
    ("← h  [", "back to where a jump came from"),
    ("→ l  ]", "forward again"),
    ("Esc", "clear the search marks; back to the outline"),
    ("", "Search prompt"),
    ("↓ ↑  Tab", "move through the matches"),
    ("Enter", "go to the match"),
    ("Esc", "cancel"),
    ("ctrl-w ctrl-u", "erase a word / everything"),
    ("", "Compare"),
    ("↑ ↓ ← →", "move over issues and actors"),
    ("Enter", "the issue's positions side by side"),
    ("space", "choose actors for side by side (2 to 6)"),
    ("s", "stakeholder groups as columns"),
    ("Tab", "figures that sources state differently"),
    ("Esc", "back"),
    ("", "Filters"),
    ("space Enter", "switch an option on or off"),
    ("F", "clear them all"),
    ("Esc f", "done"),
    ("", "Mouse"),
    ("wheel", "scroll the pane under the pointer"),
    ("click", "select; click again to open"),
];

pub fn draw(frame: &mut Frame, app: &App, area: Rect, top: usize) {
    let h = area.height.saturating_sub(2).max(1);
    let inner = super::popup(frame, app, area, 72, h, " Keys ");
    let key_w = 26usize.min(usize::from(inner.width) / 2);
    let lines: Vec<Line> = LINES
        .iter()
        .skip(top)
        .map(|(k, what)| {
            if k.is_empty() {
                Line::from(Span::styled(*what, app.theme.heading))
            } else {
                Line::from(vec![
                    Span::styled(super::pad(k, key_w), app.theme.key),
                    Span::raw(*what),
                ])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
