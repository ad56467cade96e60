//! The reader screen: the outline (or the search results while the prompt is open) and
//! the reading pane.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{fit, pad, row};
use crate::brief::model::EntryRef;
use crate::search::{hit, match_ranges};
use crate::tui::app::{App, Pane};
use crate::tui::layout::{Panes, outline_text, reading_text};
use crate::tui::outline::Level;
use crate::tui::theme::stance_glyph;

/// The reader; where the eye is: the selected row of the outline or of the search
/// results, or the top of the text being read when the reading pane has the focus.
pub fn draw(frame: &mut Frame, app: &App, panes: &Panes) -> Option<Position> {
    let mut eye = None;
    if let Some(area) = panes.outline {
        let rule = Block::new().borders(Borders::RIGHT).border_style(
            if app.focus == Pane::Outline && panes.reading.is_some() {
                app.theme.border_focused
            } else {
                app.theme.border
            },
        );
        if panes.reading.is_some() {
            frame.render_widget(rule, area);
        }
        let text = if panes.reading.is_some() {
            outline_text(area)
        } else {
            area
        };
        eye = if app.search.editing {
            results(frame, app, text)
        } else {
            outline(frame, app, text)
        };
    }
    if let Some(area) = panes.reading {
        let top = reading_pane(frame, app, area);
        if (app.focus == Pane::Reading && !app.search.editing) || panes.outline.is_none() {
            eye = top;
        }
    }
    eye
}

fn outline(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let visible = app.outline.visible();
    if visible.is_empty() {
        let msg = if app.loading.is_some() {
            "Loading briefs…"
        } else if app.filter_active() {
            "Nothing passes the filter. F clears it."
        } else {
            "No briefs are loaded."
        };
        frame.render_widget(Paragraph::new(msg).style(app.theme.faint), area);
        return None;
    }
    let mut eye = None;
    let width = usize::from(area.width);
    let briefs = app.corpus.briefs();
    let focused = app.focus == Pane::Outline || app.panes().reading.is_none();
    // Each row's whole line first: rows cut alike at the pane's edge show, after their
    // first words, where they start to differ.
    let mut lines: Vec<(usize, Rect, String, Style)> = Vec::new();
    for (i, &id) in visible
        .iter()
        .enumerate()
        .skip(app.rows.top)
        .take(usize::from(area.height))
    {
        let Some(r) = row(area, (i - app.rows.top) as u16) else {
            break;
        };
        let n = app.outline.node(id);
        let indent = match n.level {
            Level::Brief => "",
            Level::Section => "  ",
            Level::Entry => "    ",
        };
        let (marker, title, style) = match n.level {
            Level::Brief | Level::Section => {
                let marker = if !app.outline.has_children(id) {
                    "  "
                } else if app.outline.is_expanded(id) {
                    "▾ "
                } else {
                    "▸ "
                };
                let Some(b) = briefs.contents(n.brief) else {
                    continue;
                };
                let (title, count) = if n.level == Level::Brief {
                    (b.title().to_owned(), None)
                } else {
                    let shown = if app.filter_active() {
                        n.admitted
                    } else {
                        n.children
                    };
                    let title = b.section_title(n.section).unwrap_or_default();
                    (title.to_owned(), Some(shown))
                };
                let title = match count {
                    Some(c) if c > 0 => format!("{title} ({c})"),
                    _ => title,
                };
                let style = if n.level == Level::Brief {
                    app.theme.title
                } else {
                    Style::new()
                };
                (marker.to_owned(), title, style)
            }
            Level::Entry => {
                let target = app.outline.target(&app.corpus, id);
                let e = target.and_then(|t| match t {
                    crate::brief::corpus::Target::Entry(_, _, e) => Some(e),
                    _ => None,
                });
                let (glyph, title) = match e {
                    Some(e) => (
                        match e {
                            EntryRef::Item(x) => match &x.paragraph {
                                Some(m) => crate::query::names::paragraph_markers(m),
                                None => '•'.to_string(),
                            },
                            EntryRef::Figure(_) => '#'.to_string(),
                            EntryRef::Event(_) => '◷'.to_string(),
                            EntryRef::Position(p) => stance_glyph(p.stance).to_string(),
                            EntryRef::Proposal(p) => p.action.glyph().to_string(),
                        },
                        crate::query::names::entry_title(&app.corpus, e),
                    ),
                    None => ('?'.to_string(), String::new()),
                };
                // A paragraph deleted on the way to this version is listed struck.
                let deleted = matches!(e, Some(EntryRef::Item(x)) if x.paragraph.as_ref()
                    .is_some_and(|m| m.change == crate::brief::model::ParagraphChange::Deleted));
                let style = if deleted {
                    Style::new().add_modifier(ratatui::style::Modifier::CROSSED_OUT)
                } else {
                    Style::new()
                };
                // The desk's marks: ★ bookmarked, ✎ noted.
                let sel = target
                    .map(crate::query::names::selector)
                    .unwrap_or_default();
                let marks = app.desk.get(&sel).map_or(String::new(), |m| {
                    let mut s = String::new();
                    if m.bookmark {
                        s.push('★');
                    }
                    if m.note.is_some() {
                        s.push('✎');
                    }
                    s.push(' ');
                    s
                });
                (format!("{glyph} {marks}"), title, style)
            }
        };
        // brief pick's marks (✔); looked up only once something is marked, as it takes
        // the brief of every row listed.
        let picked = !app.picked.is_empty()
            && app
                .outline
                .target(&app.corpus, id)
                .is_some_and(|t| app.is_picked(&crate::query::names::selector(t)));
        let tick = if picked { "✔ " } else { "" };
        lines.push((i, r, format!("{indent}{tick}{marker}{title}"), style));
    }
    let cut: Vec<String> = lines.iter().map(|(_, _, l, _)| fit(l, width)).collect();
    for (k, (i, r, line, style)) in lines.iter().enumerate() {
        // How far this line runs alike with another that is cut to the same text.
        let alike = cut
            .iter()
            .enumerate()
            .filter(|&(j, c)| j != k && *c == cut[k] && lines[j].2 != *line)
            .map(|(j, _)| {
                line.chars()
                    .zip(lines[j].2.chars())
                    .take_while(|(a, b)| a == b)
                    .count()
            })
            .max();
        let text = match alike {
            Some(same) => told_apart(line, same, width),
            None => cut[k].clone(),
        };
        let style = if *i == app.rows.cursor {
            if focused {
                style.patch(app.theme.cursor)
            } else {
                style.patch(app.theme.cursor_unfocused)
            }
        } else {
            *style
        };
        let text = if *i == app.rows.cursor {
            eye = super::at(*r);
            pad(&text, width)
        } else {
            text
        };
        frame.render_widget(Paragraph::new(text).style(style), *r);
    }
    eye
}

/// `line`, whose first `same` characters it shares with another row, cut to `width` so
/// that where they differ shows: its start up to its first words, `…`, then from the
/// word where it differs (`    # Share…online at the high-level…`).
fn told_apart(line: &str, same: usize, width: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    // The indent and glyphs before the title, and its first few letters.
    let title_at = chars.iter().position(|c| c.is_alphanumeric()).unwrap_or(0);
    let head = (title_at + 5).min(same);
    // Back to the start of the word in which they part.
    let mut from = same.min(chars.len());
    while from > head && !chars[from - 1].is_whitespace() {
        from -= 1;
    }
    if from <= head {
        return fit(line, width);
    }
    let start: String = chars[..head].iter().collect();
    let rest: String = chars[from..].iter().collect();
    fit(&format!("{}…{rest}", start.trim_end()), width)
}

/// The search results: a count, then per match its selector and a snippet.
fn results(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let mut eye = None;
    let s = &app.search;
    let width = usize::from(area.width);
    let heading = if s.waiting {
        "Searching…".to_owned()
    } else if s.query.is_empty() {
        "Type to search every loaded brief".to_owned()
    } else {
        match s.places.len() {
            0 => "No match".to_owned(),
            1 => "1 match".to_owned(),
            n => format!("{n} matches"),
        }
    };
    if let Some(r) = row(area, 0) {
        frame.render_widget(
            Paragraph::new(fit(&heading, width)).style(app.theme.title),
            r,
        );
    }
    for (k, place) in s
        .places
        .iter()
        .enumerate()
        .skip(s.top)
        .take(app.search_page())
    {
        let y = 1 + 2 * (k - s.top) as u16;
        let h = hit(&app.corpus, *place, &s.query);
        let selected = k == s.selected;
        let base = if selected {
            app.theme.cursor
        } else {
            Style::new()
        };
        if let Some(r) = row(area, y) {
            if selected {
                eye = super::at(r);
            }
            // The entry's title, and where it is when there is room for that too.
            let title = match app.corpus.resolve(&h.selector) {
                Some(crate::brief::corpus::Target::Entry(_, _, e)) => {
                    crate::query::names::entry_title(&app.corpus, e)
                }
                Some(crate::brief::corpus::Target::Section(_, s)) => s.title.to_string(),
                Some(crate::brief::corpus::Target::Brief(b)) => b.title.to_string(),
                None => h.selector.clone(),
            };
            let title = if app.is_picked(&h.selector) {
                format!("✔ {title}")
            } else {
                title
            };
            let title = fit(&title, width);
            let tw = crate::brief::text::width(title.as_str());
            let sw = crate::brief::text::width(h.selector.as_str());
            let mut spans = vec![Span::styled(title, base.patch(app.theme.title))];
            if tw + sw + 3 <= width {
                spans.push(Span::styled(
                    pad(&format!("  {}", h.selector), width - tw),
                    base.patch(app.theme.faint),
                ));
            } else if tw < width {
                spans.push(Span::styled(" ".repeat(width - tw), base));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), r);
        }
        if let Some(r) = row(area, y + 1) {
            let snippet = fit(&format!("  {}", h.snippet), width);
            let mut spans = Vec::new();
            let mut at = 0;
            for m in match_ranges(&snippet, &s.query) {
                if m.start < at {
                    continue;
                }
                spans.push(Span::styled(snippet[at..m.start].to_owned(), base));
                spans.push(Span::styled(
                    snippet[m.clone()].to_owned(),
                    base.patch(app.theme.matched),
                ));
                at = m.end;
            }
            spans.push(Span::styled(snippet[at..].to_owned(), base));
            frame.render_widget(Paragraph::new(Line::from(spans)), r);
        }
    }
    eye
}

/// The page; where it starts on screen.
fn reading_pane(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let text = reading_text(area);
    let page = app.page();
    let shown: Vec<Line> = page
        .lines
        .iter()
        .skip(app.reading.top)
        .take(usize::from(text.height))
        .map(|l| cut(l, usize::from(text.width)))
        .collect();
    frame.render_widget(Paragraph::new(shown), text);
    super::at(text)
}

/// A line of the page cut to `width` columns with `…` where it goes on: text is wrapped
/// to the pane, but a selector or an address is one word kept on a line of its own.
fn cut(line: &Line<'static>, width: usize) -> Line<'static> {
    let total: usize = line.spans.iter().map(|s| s.width()).sum();
    if total <= width {
        return line.clone();
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for s in &line.spans {
        let w = s.width();
        if used + w < width {
            spans.push(s.clone());
            used += w;
            continue;
        }
        // The last span shown: its text cut to leave a column for the ellipsis.
        let text = crate::brief::text::cut(&s.content, width - used);
        spans.push(Span::styled(text, s.style));
        break;
    }
    let mut out = Line::from(spans);
    out.style = line.style;
    out.alignment = line.alignment;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_line_wider_than_the_pane_is_cut_with_an_ellipsis_by_columns() {
        let sel = Line::from(vec![
            Span::raw("          "),
            Span::styled("reader-alpha/positions/norland-funding-2024", Style::new()),
        ]);
        let cut20 = cut(&sel, 20);
        assert_eq!(text(&cut20), "          reader-al…");
        assert_eq!(cut20.width(), 20);
        // Whole when it fits; cut where a span ends exactly at the edge.
        assert_eq!(text(&cut(&sel, 60)), text(&sel));
        assert_eq!(text(&cut(&sel, 10)), "         …");
        // Wide characters count two columns and are never split.
        let wide = Line::from("会議の記録/第一節");
        let c = cut(&wide, 8);
        assert_eq!(text(&c), "会議の…");
        assert!(c.width() <= 8);
        assert_eq!(text(&cut(&wide, 0)), "");
    }
}
