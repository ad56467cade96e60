//! The compare screen: the issues × actors matrix with per-issue tallies, one issue's
//! positions side by side, and figures that sources state differently.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, line, pad, row};
use crate::brief::model::{StakeholderGroup, Stance};
use crate::render::compare::{by_actor, column, positions};
use crate::tui::matrix::{Matrix, stance_index};
use crate::tui::app::App;
use crate::tui::screen::compare::{CompareTab, Detail, detail_columns, figure_groups, matrix_height};
use crate::tui::theme::{stance_glyph, stance_short};

/// Width of one stance cell: glyph, space, four letters, a star when sources differ.
const CELL: usize = 8;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    match (&app.compare.detail, app.compare.tab) {
        (Some(d), _) => detail(frame, app, area, d),
        (None, CompareTab::Issues) => matrix(frame, app, area),
        (None, CompareTab::Figures) => figures(frame, app, area),
    }
}

pub fn group_short(g: StakeholderGroup) -> &'static str {
    match g {
        StakeholderGroup::Government => "GOV",
        StakeholderGroup::Intergovernmental => "IGO",
        StakeholderGroup::PrivateSector => "PRIV",
        StakeholderGroup::CivilSociety => "CIVIL",
        StakeholderGroup::TechnicalCommunity => "TECH",
        StakeholderGroup::AcademicCommunity => "ACAD",
        StakeholderGroup::Unspecified => "OTHER",
    }
}

/// The tally of one issue: per stakeholder group, one glyph per position, by stance.
fn tally_spans(app: &App, m: &Matrix, r: usize) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (g, counts) in m.groups.iter().zip(&m.tally[r]) {
        if counts.iter().sum::<usize>() == 0 {
            continue;
        }
        spans.push(Span::styled(
            format!("{} ", group_short(*g)),
            app.theme.faint,
        ));
        for s in Stance::ALL {
            let n = counts[stance_index(s)];
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

fn matrix(frame: &mut Frame, app: &App, area: Rect) {
    let c = &app.compare;
    let m = &c.matrix;
    if m.issues.is_empty() {
        let msg = if app.filter_active() {
            "No position passes the filter. F clears it."
        } else {
            "No positions are recorded in the loaded briefs."
        };
        frame.render_widget(Paragraph::new(msg).style(app.theme.faint), area);
        return;
    }
    let w = usize::from(area.width);
    let label_w = (w * 3 / 10).clamp(12, 36).min(w);
    let columns: Vec<(String, String)> = if c.by_group {
        m.groups
            .iter()
            .map(|g| (group_short(*g).to_owned(), String::new()))
            .collect()
    } else {
        m.actors
            .iter()
            .map(|a| {
                let actor = app.corpus.actor(a);
                let name = actor.map_or(a.as_str(), |x| x.short.as_deref().unwrap_or(&x.id));
                let group = actor.map_or(StakeholderGroup::Unspecified, |x| x.group);
                (group_short(group).to_owned(), name.to_owned())
            })
            .collect()
    };
    let cell_w = if c.by_group { 10 } else { CELL };
    // Room for the cells; the tally takes what is left, or moves below when none is.
    let room = w.saturating_sub(label_w + 1);
    let fits = (room / cell_w).max(1);
    let first = c.column.saturating_sub(fits.saturating_sub(1));
    let shown = columns.len().saturating_sub(first).min(fits);
    let tally_x = label_w + 1 + shown * cell_w;
    let tally_inline = w >= tally_x + 16;

    // Two header rows: group over its actors, then the actor.
    let mut top = vec![Span::raw(pad("", label_w + 1))];
    let mut names = vec![Span::styled(pad("Issue", label_w + 1), app.theme.title)];
    let mut last_group = String::new();
    for (k, (group, name)) in columns.iter().enumerate().skip(first).take(shown) {
        let g = if *group != last_group || k == first {
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
        } else {
            name.clone()
        };
        names.push(Span::styled(pad(&label, cell_w - 1), style));
        names.push(Span::raw(" "));
    }
    if tally_inline {
        names.push(Span::styled("Groups", app.theme.title));
    }
    if let Some(r) = row(area, 0) {
        line(frame, r, top);
    }
    if let Some(r) = row(area, 1) {
        line(frame, r, names);
    }

    // The same height the screen moves its cursor by, so the two agree.
    let body_h = matrix_height(area);
    let top_row = c.rows.top;
    for (i, issue) in m.issues.iter().enumerate().skip(top_row).take(body_h) {
        let Some(r) = row(area, (2 + i - top_row) as u16) else {
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
            let text = if c.by_group {
                let counts = &m.tally[i][k];
                let mut s = String::new();
                for st in Stance::ALL {
                    let n = counts[stance_index(st)];
                    if n > 0 {
                        s.push_str(&format!("{}{n}", stance_glyph(st)));
                    }
                }
                if s.is_empty() { "·".to_owned() } else { s }
            } else {
                match &m.cells[i][k] {
                    Some(cell) => format!(
                        "{} {}{}",
                        stance_glyph(cell.stance),
                        stance_short(cell.stance),
                        if cell.differs { "*" } else { "" }
                    ),
                    None => "·".to_owned(),
                }
            };
            let stance = if c.by_group {
                None
            } else {
                m.cells[i][k].as_ref().map(|x| x.stance)
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
        line(frame, r, spans);
    }

    // Below the matrix: the cell under the cursor in words, then the legend.
    let y = 2 + body_h.min(m.issues.len()) as u16;
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
            "▲ for · ▼ against · ◆ conditional · ◐ mixed · ○ none stated · * sources differ",
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
}

/// The cell under the cursor, said in words.
fn describe(app: &App) -> String {
    let c = &app.compare;
    let m = &c.matrix;
    let Some(issue) = m.issues.get(c.rows.cursor) else {
        return String::new();
    };
    let title = app.corpus.issue(issue).map_or(issue.as_str(), |x| &x.title);
    if c.by_group {
        let Some(g) = m.groups.get(c.column) else {
            return String::new();
        };
        let counts = &m.tally[c.rows.cursor][c.column];
        let said: Vec<String> = Stance::ALL
            .iter()
            .filter(|&&s| counts[stance_index(s)] > 0)
            .map(|&s| format!("{} {}", counts[stance_index(s)], s.label()))
            .collect();
        let said = if said.is_empty() {
            "no positions".to_owned()
        } else {
            said.join(", ")
        };
        return format!(" {} on {title}: {said}", g.label());
    }
    let Some(actor) = m.actors.get(c.column) else {
        return String::new();
    };
    let name = app.corpus.actor(actor).map_or(actor.as_str(), |a| &a.name);
    match &m.cells[c.rows.cursor][c.column] {
        Some(cell) => {
            let more = if cell.count > 1 {
                format!(" ({} positions recorded)", cell.count)
            } else {
                String::new()
            };
            format!(" {name} on {title}: {}{more}", cell.stance.label())
        }
        None => format!(" {name} on {title}: no position recorded"),
    }
}

fn detail(frame: &mut Frame, app: &App, area: Rect, d: &Detail) {
    let issue = app.corpus.issue(&d.issue);
    let w = usize::from(area.width);
    let mut head: Vec<Line> = Vec::new();
    if let Some(i) = issue {
        for l in crate::render::text::wrap(&i.question, w.saturating_sub(1).max(1)) {
            head.push(Line::from(Span::styled(format!(" {l}"), app.theme.title)));
        }
    }
    let shown = detail_columns(area).min(d.actors.len()).max(1);
    let hidden_left = d.first;
    let hidden_right = d.actors.len().saturating_sub(d.first + shown);
    let mut nav = String::new();
    if hidden_left > 0 {
        nav.push_str(&format!(" ◀ {hidden_left} more"));
    }
    if hidden_right > 0 {
        nav.push_str(&format!("  {hidden_right} more ▶"));
    }
    if !nav.is_empty() && shown > 1 {
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
    let placed = positions(&app.corpus, &d.issue, &d.actors, None);
    let cols = by_actor(&placed);
    if shown == 1 {
        // Too narrow for columns: every actor one under another.
        let width = usize::from(body.width).saturating_sub(1).max(1);
        let mut lines: Vec<Line> = Vec::new();
        for (k, (actor, list)) in cols.iter().enumerate() {
            if k > 0 {
                lines.push(Line::from(Span::styled("─".repeat(width), app.theme.faint)));
            }
            lines.extend(styled_column(app, column(&app.corpus, actor, list, width)));
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
    let col_w = (body.width.saturating_sub(gap * (shown as u16 - 1))) / shown as u16;
    for (k, (actor, list)) in cols.iter().enumerate().skip(d.first).take(shown) {
        let x = body.x + (k - d.first) as u16 * (col_w + gap);
        let r = Rect {
            x,
            width: col_w,
            ..body
        };
        let lines = styled_column(app, column(&app.corpus, actor, list, usize::from(col_w)));
        let view: Vec<Line> = lines
            .into_iter()
            .skip(d.scroll.top)
            .take(usize::from(body.height))
            .collect();
        frame.render_widget(Paragraph::new(view), r);
        if k + 1 < d.first + shown {
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

/// A compare column's lines with the actor's name and each stance set off.
fn styled_column(app: &App, lines: Vec<String>) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut in_name = true;
    for l in lines {
        if l.is_empty() {
            in_name = false;
        }
        let style = if in_name {
            app.theme.title
        } else if let Some(word) = l.strip_prefix("▸ ") {
            Stance::ALL
                .iter()
                .find(|s| s.label().to_uppercase() == word)
                .map_or(app.theme.title, |&s| {
                    app.theme.title.patch(app.theme.stance(s))
                })
        } else {
            Style::new()
        };
        out.push(Line::from(Span::styled(l, style)));
    }
    out
}

fn figures(frame: &mut Frame, app: &App, area: Rect) {
    let w = usize::from(area.width);
    let mut lines: Vec<Line> = Vec::new();
    let groups = figure_groups(&app.corpus);
    if groups.is_empty() {
        lines.push(Line::from("No figure is stated by more than one source."));
    }
    let value_w = groups
        .iter()
        .flat_map(|g| &g.1)
        .map(|(_, f)| crate::render::figure_value(f).chars().count())
        .max()
        .unwrap_or(10)
        .min(w / 2);
    for (measure, list) in &groups {
        let values: Vec<String> = list.iter().map(|(_, f)| f.display_value()).collect();
        let differ = values.iter().any(|v| *v != values[0]);
        let label = &list[0].1.label;
        lines.push(Line::from(vec![
            Span::styled(format!(" {label}"), app.theme.title),
            Span::styled(
                format!(
                    "  ({measure}{})",
                    if differ {
                        "; sources differ"
                    } else {
                        "; sources agree"
                    }
                ),
                app.theme.faint,
            ),
        ]));
        for (sel, f) in list {
            let value = crate::render::figure_value(f);
            let source = crate::render::citation(&app.corpus, &f.cite);
            let rest = w.saturating_sub(value_w + 4);
            lines.push(Line::from(vec![
                Span::raw("   "),
                Span::styled(pad(&value, value_w), Style::new()),
                Span::raw(" "),
                Span::styled(fit(&source, rest), Style::new()),
            ]));
            lines.push(Line::from(Span::styled(
                fit(&format!("   {:value_w$} {sel}", ""), w),
                app.theme.faint,
            )));
        }
        lines.push(Line::from(""));
    }
    let view: Vec<Line> = lines
        .into_iter()
        .skip(app.compare.figures.top)
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(Paragraph::new(view), area);
}
