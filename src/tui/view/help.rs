//! Draws the `?` overlay from the lines `overlay::help` lays out for the width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::App;
use crate::tui::overlay::help::{HelpLine, frame as help_frame, key_width, lines};

/// The help; where the eye is: the top of its text.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    top: usize,
) -> Option<ratatui::layout::Position> {
    let r = help_frame(area);
    let inner = super::popup(frame, app, area, r.width, r.height, " Keys · Esc closes ");
    let w = usize::from(inner.width);
    let key_w = key_width(w);
    let all = lines(w);
    let shown: Vec<Line> = all
        .iter()
        .skip(top)
        .take(usize::from(inner.height))
        .map(|l| match l {
            HelpLine::Heading(h) => Line::from(Span::styled(h.clone(), app.theme.heading)),
            HelpLine::Row(k, what) if key_w == 0 && what.is_empty() => {
                Line::from(Span::styled(k.clone(), app.theme.key))
            }
            HelpLine::Row(k, what) => Line::from(vec![
                Span::styled(super::pad(k, key_w), app.theme.key),
                Span::raw(what.clone()),
            ]),
            HelpLine::Blank => Line::from(""),
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    super::at(inner)
}
