//! The compare screen: the issues × actors matrix with per-issue tallies, one issue's
//! positions side by side, and the figures the sources give.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, line, pad, row};
use crate::brief::model::Stance;
use crate::query::group_short;
use crate::query::matrix::{Cell, Matrix};
use crate::tui::app::App;
use crate::tui::screen::compare::{
    CompareTab, Detail, MATRIX_HEADER, MatrixLayout, actor_column, column_width, detail_columns,
    matrix_height,
};
use crate::tui::theme::{stance_glyph, stance_short};

/// Compare; where the eye is: the matrix's cell at the cursor, the figure at the cursor,
/// or the top of side by side.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    if area.height == 0 || area.width == 0 {
        return None;
    }
    match (&app.compare.detail, app.compare.tab) {
        (Some(d), _) => {
            detail(frame, app, area, d);
            super::at(area)
        }
        (None, CompareTab::Issues) => matrix(frame, app, area),
        (None, CompareTab::Figures) => {
            // The figure at the cursor, when it is in view.
            let line = figures(frame, app, area);
            match line.and_then(|l| l.checked_sub(app.compare.figures.top)) {
                Some(y) if y < usize::from(area.height) => {
                    Some(Position::new(area.x, area.y + y as u16))
                }
                _ => super::at(area),
            }
        }
    }
}

/// The tally of one issue: per stakeholder group, one glyph per actor, by stance; then
/// the verdict, which needs two voices at least.
fn tally_spans(app: &App, m: &Matrix, r: usize) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for g in &m.tally[r] {
        if g.actors() == 0 {
            continue;
        }
        spans.push(Span::styled(
            format!("{} ", group_short(g.group)),
            app.theme.faint,
        ));
        for s in Stance::ALL {
            let n = g.count(s);
            if n > 0 {
                let bar: String = std::iter::repeat_n(stance_glyph(s), n.min(8)).collect();
                let more = if n > 8 {
                    format!("+{}", n - 8)
                } else {
                    String::new()
                };
                spans.push(Span::styled(format!("{bar}{more}"), app.theme.stance(s)));
            }
        }
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        m.verdict(r).label().to_owned(),
        app.theme.title,
    ));
    spans
}

/// The words in a cell: glyph and stance, `*` when the actor's positions disagree, `ʳ`
/// when the one that counts is only someone else's report.
fn cell_text(cell: &Cell) -> String {
    let mark = if cell.differs {
        "*"
    } else if cell.reported {
        "ʳ"
    } else {
        ""
    };
    format!(
        "{} {}{mark}",
        stance_glyph(cell.stance),
        stance_short(cell.stance)
    )
}

fn matrix(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let mut eye = None;
    let c = &app.compare;
    let m = &c.matrix;
    if m.issues.is_empty() {
        let msg = if c.building {
            "Building the comparison…"
        } else if app.filter_active() {
            "No position passes the filter. F clears it."
        } else {
            "No positions are recorded in the loaded briefs."
        };
        frame.render_widget(Paragraph::new(msg).style(app.theme.faint), area);
        return None;
    }
    let w = usize::from(area.width);
    let columns = c.column_names(&app.corpus);
    let MatrixLayout {
        label_w,
        cell_w,
        first,
        shown,
    } = c.layout(&app.corpus, w);
    let hidden_left = first;
    let hidden_right = columns.len() - first - shown;
    let tally_x = label_w + 1 + shown * cell_w;
    let tally_inline = w >= tally_x + 16;

    // Two header rows: how many columns are off screen and the group over its actors,
    // then the names.
    let mut off = String::new();
    if hidden_left > 0 {
        off.push_str(&format!("◂ {hidden_left} more"));
    }
    if hidden_right > 0 {
        if !off.is_empty() {
            off.push_str(" · ");
        }
        off.push_str(&format!("{hidden_right} more ▸"));
    }
    let mut top = vec![Span::styled(pad(&off, label_w + 1), app.theme.warning)];
    let mut names = vec![Span::raw(pad("", label_w + 1))];
    let mut names2 = vec![Span::styled(pad("Issue", label_w + 1), app.theme.title)];
    let mut last_group = String::new();
    for (k, (group, name)) in columns.iter().enumerate().skip(first).take(shown) {
        // Groups as the columns name themselves below; actors get their group above.
        let g = if c.by_group {
            String::new()
        } else if *group != last_group || k == first {
            group.clone()
        } else {
            String::new()
        };
        last_group = group.clone();
        top.push(Span::styled(pad(&g, cell_w), app.theme.faint));
        let style = if k == c.column {
            app.theme.title.patch(app.theme.cursor_unfocused)
        } else {
            app.theme.title
        };
        let chosen = !c.by_group && c.chosen.contains(&m.actors[k]);
        let label = if chosen {
            format!("✓{name}")
        } else if c.by_group {
            group.clone()
        } else {
            name.clone()
        };
        let (first_line, rest) = two_lines(&label, (cell_w - 1).max(1));
        names.push(Span::styled(pad(&first_line, cell_w - 1), style));
        names.push(Span::raw(" "));
        names2.push(Span::styled(pad(&rest, cell_w - 1), style));
        names2.push(Span::raw(" "));
    }
    if tally_inline {
        names2.push(Span::styled("Groups", app.theme.title));
    }
    for (i, spans) in [top, names, names2].into_iter().enumerate() {
        if let Some(r) = row(area, i as u16) {
            line(frame, r, spans);
        }
    }

    // The same height the screen moves its cursor by, so the two agree.
    let body_h = matrix_height(area);
    let top_row = c.rows.top;
    for (i, issue) in m.issues.iter().enumerate().skip(top_row).take(body_h) {
        let Some(r) = row(area, (MATRIX_HEADER + i - top_row) as u16) else {
            break;
        };
        let title = app.corpus.issue(issue).map_or(issue.as_str(), |x| &x.title);
        let cursor_row = i == c.rows.cursor;
        let label_style = if cursor_row {
            app.theme.cursor
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::styled(pad(title, label_w), label_style),
            Span::raw(" "),
        ];
        for k in (first..columns.len()).take(shown) {
            let (text, stance) = if c.by_group {
                let g = &m.tally[i][k];
                let mut s = String::new();
                for st in Stance::ALL {
                    let n = g.count(st);
                    if n > 0 {
                        s.push_str(&format!("{}{n}", stance_glyph(st)));
                    }
                }
                (if s.is_empty() { "·".to_owned() } else { s }, None)
            } else {
                match &m.cells[i][k] {
                    Some(cell) => (cell_text(cell), Some(cell.stance)),
                    None => ("·".to_owned(), None),
                }
            };
            let mut style = stance.map_or(app.theme.faint, |s| app.theme.stance(s));
            if cursor_row && k == c.column {
                style = style.patch(app.theme.cursor);
            }
            spans.push(Span::styled(pad(&text, cell_w - 1), style));
            spans.push(Span::raw(" "));
        }
        if tally_inline {
            spans.extend(tally_spans(app, m, i));
        }
        if cursor_row {
            // The cell at the cursor, or the issue when its column is off screen.
            let x = match c.column.checked_sub(first).filter(|&k| k < shown) {
                Some(k) => label_w + 1 + k * cell_w,
                None => 0,
            };
            eye = u16::try_from(x)
                .ok()
                .filter(|&x| x < r.width)
                .map(|x| Position::new(r.x + x, r.y));
        }
        line(frame, r, spans);
    }

    // Below the matrix: the tally if it had no room beside, the cell under the cursor in
    // words, then the legend.
    let y = (MATRIX_HEADER + body_h.min(m.issues.len())) as u16;
    let mut lines: Vec<Line> = Vec::new();
    if !tally_inline {
        let mut spans = vec![Span::styled("Groups: ", app.theme.title)];
        spans.extend(tally_spans(app, m, c.rows.cursor));
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(Span::styled(
        fit(&describe(app), w),
        Style::new(),
    )));
    lines.push(Line::from(Span::styled(
        fit(
            "▲ for · ▼ against · ◆ conditional · ◐ mixed · ◇ reservation · ○ none stated · * positions differ · ʳ reported · ? all signs",
            w,
        ),
        app.theme.faint,
    )));
    let rest = Rect {
        y: area.y + y.min(area.height),
        height: area.height.saturating_sub(y),
        ..area
    };
    frame.render_widget(Paragraph::new(lines), rest);
    eye
}

/// The cell under the cursor, said in words: every position of the actor, latest first
/// with its date, reported ones said so.
fn describe(app: &App) -> String {
    let c = &app.compare;
    let m = &c.matrix;
    let row = c.rows.cursor;
    let Some(issue) = m.issues.get(row) else {
        return String::new();
    };
    let title = app.corpus.issue(issue).map_or(issue.as_str(), |x| &x.title);
    if c.by_group {
        let Some(g) = m.tally[row].get(c.column) else {
            return String::new();
        };
        let said: Vec<String> = Stance::ALL
            .iter()
            .filter(|&&s| g.count(s) > 0)
            .map(|&s| format!("{} {}", g.count(s), s.label()))
            .collect();
        let said = if said.is_empty() {
            "no positions".to_owned()
        } else {
            format!("{} (actors, each counted once)", said.join(", "))
        };
        return format!(" {} on {title}: {said}", g.group.label());
    }
    let Some(actor) = m.actors.get(c.column) else {
        return String::new();
    };
    let name = app.corpus.actor(actor).map_or(actor.as_str(), |a| &a.name);
    match &m.cells[row][c.column] {
        Some(cell) => {
            let each: Vec<String> = cell
                .positions
                .iter()
                .map(|p| {
                    let mut s = p.stance.label().to_owned();
                    if let Some(d) = &p.date {
                        s.push_str(&format!(" {d}"));
                    }
                    if let Some(r) = &p.reported_by {
                        let who = app.corpus.actor(r).map_or(r.as_str(), |a| a.display_name());
                        s.push_str(&format!(" (reported by {who})"));
                    }
                    s
                })
                .collect();
            if each.len() > 1 {
                format!(
                    " {name} on {title}: {} positions, latest first: {}",
                    each.len(),
                    each.join("; ")
                )
            } else {
                format!(" {name} on {title}: {}", each.join(""))
            }
        }
        None => format!(" {name} on {title}: no position recorded"),
    }
}

fn detail(frame: &mut Frame, app: &App, area: Rect, d: &Detail) {
    let issue = app.corpus.issue(&d.issue);
    let w = usize::from(area.width);
    let mut head: Vec<Line> = Vec::new();
    if let Some(i) = issue {
        for l in crate::query::page::wrap(&i.question, w.saturating_sub(1).max(1)) {
            head.push(Line::from(Span::styled(format!(" {l}"), app.theme.title)));
        }
    }
    let shown = detail_columns(area).min(d.actors.len()).max(1);
    let stacked = detail_columns(area) == 1;
    let hidden_left = d.first;
    let hidden_right = d.actors.len().saturating_sub(d.first + shown);
    let mut nav = String::new();
    if hidden_left > 0 {
        nav.push_str(&format!(" ◂ {hidden_left} more"));
    }
    if hidden_right > 0 {
        nav.push_str(&format!("  {hidden_right} more ▸"));
    }
    if !nav.is_empty() && !stacked {
        head.push(Line::from(Span::styled(nav, app.theme.faint)));
    }
    let head_h = (head.len() as u16).min(area.height);
    frame.render_widget(
        Paragraph::new(head),
        Rect {
            height: head_h,
            ..area
        },
    );
    let body = Rect {
        y: area.y + head_h,
        height: area.height - head_h,
        ..area
    };
    if body.height == 0 {
        return;
    }
    let width = column_width(area, d.actors.len());
    if stacked {
        // Too narrow for columns: every actor one under another.
        let mut lines: Vec<Line> = Vec::new();
        for (k, actor) in d.actors.iter().enumerate() {
            if k > 0 {
                lines.push(Line::from(Span::styled("─".repeat(width), app.theme.faint)));
            }
            let (names, positions) = actor_column(&app.corpus, &d.issue, actor, width);
            lines.extend(
                names
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, app.theme.title))),
            );
            lines.extend(styled_column(app, positions));
        }
        let view: Vec<Line> = lines
            .into_iter()
            .skip(d.scroll.top)
            .take(usize::from(body.height))
            .collect();
        frame.render_widget(Paragraph::new(view), body);
        return;
    }
    let gap = 3u16;
    let col_w = width as u16;
    let columns: Vec<(Vec<String>, Vec<String>)> = d
        .actors
        .iter()
        .skip(d.first)
        .take(shown)
        .map(|a| actor_column(&app.corpus, &d.issue, a, width))
        .collect();
    // The names stay at the top while the positions scroll under them.
    let names_h = columns.iter().map(|c| c.0.len()).max().unwrap_or(0) as u16;
    let names_h = names_h.min(body.height);
    for (k, (names, positions)) in columns.into_iter().enumerate() {
        let x = body.x + k as u16 * (col_w + gap);
        let top = Rect {
            x,
            width: col_w,
            height: names_h,
            ..body
        };
        let names: Vec<Line> = names
            .into_iter()
            .map(|l| Line::from(Span::styled(l, app.theme.title)))
            .collect();
        frame.render_widget(Paragraph::new(names), top);
        let rest = Rect {
            x,
            y: body.y + names_h,
            width: col_w,
            height: body.height - names_h,
        };
        let view: Vec<Line> = styled_column(app, positions)
            .into_iter()
            .skip(d.scroll.top)
            .take(usize::from(rest.height))
            .collect();
        frame.render_widget(Paragraph::new(view), rest);
        if k + 1 < shown {
            let rule: Vec<Line> = (0..body.height).map(|_| Line::from(" │ ")).collect();
            frame.render_widget(
                Paragraph::new(rule).style(app.theme.border),
                Rect {
                    x: x + col_w,
                    width: gap,
                    ..body
                },
            );
        }
    }
}

/// A column's positions with each stance set off.
fn styled_column(app: &App, lines: Vec<String>) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|l| {
            let style = if let Some(word) = l.strip_prefix("▸ ") {
                Stance::ALL
                    .iter()
                    .find(|s| s.label().to_uppercase() == word)
                    .map_or(app.theme.title, |&s| {
                        app.theme.title.patch(app.theme.stance(s))
                    })
            } else if l == "no position recorded" {
                app.theme.faint
            } else {
                Style::new()
            };
            Line::from(Span::styled(l, style))
        })
        .collect()
}

/// Figures of one measure from every brief: by the time they speak of, so a series over
/// years reads as one, and sources that disagree on one time are said to.
/// The line the figure at the cursor starts on, if there is one.
fn figures(frame: &mut Frame, app: &App, area: Rect) -> Option<usize> {
    let w = usize::from(area.width);
    let mut lines: Vec<Line> = Vec::new();
    let measures = crate::query::figures::measures(&app.corpus);
    if measures.is_empty() {
        lines.push(Line::from("No figure is stated by more than one source."));
    }
    let value_w = measures
        .iter()
        .flat_map(|m| m.figures())
        .map(|f| crate::query::names::figure_value(f.figure).chars().count())
        .max()
        .unwrap_or(10)
        .min(w / 2);
    // The figure at the cursor, its two lines marked as a list's cursor row is.
    let mut k = 0;
    let mut at_line = None;
    for m in &measures {
        lines.push(Line::from(vec![
            Span::styled(format!(" {}", m.label), app.theme.title),
            Span::styled(
                format!("  ({}; {}; {})", m.measure, m.about(), m.verdict().label()),
                app.theme.faint,
            ),
        ]));
        for (f, also) in m.rows() {
            let value = crate::query::names::figure_value(f.figure);
            let source = crate::query::names::citations(&app.corpus, &f.figure.cite).join("; ");
            let rest = w.saturating_sub(value_w + 4);
            let at = if k == app.compare.figure {
                at_line = Some(lines.len());
                app.theme.cursor
            } else {
                Style::new()
            };
            k += 1;
            lines.push(
                Line::from(vec![
                    Span::raw("   "),
                    Span::styled(pad(&value, value_w), Style::new()),
                    Span::raw(" "),
                    Span::styled(fit(&source, rest), Style::new()),
                ])
                .style(at),
            );
            // A figure restated in other briefs, from the same source, is one row.
            let mut selectors = f.selector();
            if !also.is_empty() {
                let others: Vec<&str> = also.iter().map(|a| a.brief.id.as_str()).collect();
                selectors.push_str(&format!(" (also in {})", others.join(", ")));
            }
            lines.push(
                Line::from(Span::styled(
                    fit(&format!("   {:value_w$} {selectors}", ""), w),
                    app.theme.faint,
                ))
                .style(at),
            );
        }
        lines.push(Line::from(""));
    }
    let view: Vec<Line> = lines
        .into_iter()
        .skip(app.compare.figures.top)
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(Paragraph::new(view), area);
    at_line
}

/// A column's name on two lines of `w` columns, broken only between words: a word too
/// long for the line, or more words than fit, end in `…` rather than break mid-word
/// (`Switzerlan` over `d`). One line goes on the second, next to the stances.
fn two_lines(name: &str, w: usize) -> (String, String) {
    let options = textwrap::Options::new(w.max(1)).break_words(false);
    let lines: Vec<String> = textwrap::wrap(name, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    match lines.as_slice() {
        [] => (String::new(), String::new()),
        [one] => (String::new(), fit(one, w)),
        [a, more @ ..] => (fit(a, w), fit(&more.join(" "), w)),
    }
}

#[cfg(test)]
mod tests {
    use super::two_lines;

    #[test]
    fn a_name_breaks_between_words_and_is_cut_with_an_ellipsis() {
        assert_eq!(
            two_lines("Switzerland", 10),
            (String::new(), "Switzerla…".into())
        );
        assert_eq!(
            two_lines("Switzerland", 17),
            (String::new(), "Switzerland".into())
        );
        assert_eq!(
            two_lines("Federal Republic of Norland", 17),
            ("Federal Republic".into(), "of Norland".into())
        );
        assert_eq!(
            two_lines("Organisation for Cooperation on Digital Infrastructure", 17),
            ("Organisation".into(), "for Cooperation …".into())
        );
        assert_eq!(
            two_lines("Infrastructure Ltd", 8),
            ("Infrast…".into(), "Ltd".into())
        );
    }
}
