//! Positions on an issue side by side: one column per actor, fitted to the width, or
//! stacked one under another when columns would be too narrow to read.

use std::io::{self, Write};

use serde_json::json;

use super::Layout;
use super::markdown::escape;
use super::text::wrap;
use crate::brief::corpus::Corpus;
use crate::brief::model::{Issue, Stance};
use crate::query::group_short;
use crate::query::matrix::{GroupTally, Tally};

/// Narrowest column worth reading.
pub const MIN_COLUMN: usize = 24;
const GAP: &str = "  │ ";

pub use crate::query::positions::{Placed, column, positions};

/// Actors in order of first appearance, each with their positions latest first.
pub fn by_actor<'c>(placed: &[Placed<'c>]) -> Vec<(&'c str, Vec<Placed<'c>>)> {
    crate::query::positions::by_actor(placed)
        .into_iter()
        .map(|a| (a.actor, a.positions))
        .collect()
}

/// The stances of one group's actors in words: "2 support, 1 oppose (1 only as reported)".
pub fn group_counts(g: &GroupTally) -> String {
    let said: Vec<String> = Stance::ALL
        .iter()
        .filter(|&&s| g.count(s) > 0)
        .map(|&s| format!("{} {}", g.count(s), s.label()))
        .collect();
    let mut out = said.join(", ");
    if g.reported > 0 {
        out.push_str(&format!(" ({} only as reported)", g.reported));
    }
    out
}

/// "By group, each actor counted once: split", then one line per group.
fn tally_lines(tally: &Tally) -> Vec<String> {
    let mut lines = vec![format!(
        "By group, each actor counted once: {}",
        tally.verdict.label()
    )];
    for g in &tally.groups {
        lines.push(format!("  {:<6}{}", group_short(g.group), group_counts(g)));
    }
    lines
}

fn pad(s: &str, width: usize) -> String {
    let w = crate::brief::text::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// One issue's positions as text.
pub fn render_issue(
    corpus: &Corpus,
    issue: &Issue,
    placed: &[Placed<'_>],
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = if layout.width == 0 { 100 } else { layout.width };
    for l in wrap(&issue.title, width) {
        writeln!(out, "{l}")?;
    }
    let cols = by_actor(placed);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    for l in wrap(
        &format!(
            "{} ({} from {}; {})",
            issue.question,
            plural(placed.len(), "position", "positions"),
            plural(cols.len(), "actor", "actors"),
            issue.id
        ),
        width,
    ) {
        writeln!(out, "{l}")?;
    }
    if !placed.is_empty() {
        for l in tally_lines(&Tally::of(corpus, placed)) {
            for l in wrap(&l, width) {
                writeln!(out, "{l}")?;
            }
        }
    }
    writeln!(out)?;
    if cols.is_empty() {
        return writeln!(out, "No positions match.");
    }
    let gap = crate::brief::text::width(GAP);
    let n = cols.len();
    let col_width = (width.saturating_sub(gap * (n - 1))) / n;
    if n > 1 && col_width >= MIN_COLUMN && layout.width != 0 {
        let rendered: Vec<Vec<String>> = cols
            .iter()
            .map(|(a, list)| column(corpus, a, list, col_width))
            .collect();
        let rows = rendered.iter().map(Vec::len).max().unwrap_or(0);
        for r in 0..rows {
            let cells: Vec<String> = rendered
                .iter()
                .map(|c| pad(c.get(r).map_or("", String::as_str), col_width))
                .collect();
            writeln!(out, "{}", cells.join(GAP).trim_end())?;
        }
    } else {
        // Stacked: one actor under another, each at full width.
        for (i, (a, list)) in cols.iter().enumerate() {
            if i > 0 {
                writeln!(out, "{}", "─".repeat(width.min(40)))?;
            }
            for l in column(corpus, a, list, if layout.width == 0 { 0 } else { width }) {
                writeln!(out, "{l}")?;
            }
        }
    }
    Ok(())
}

/// One issue's positions as a CommonMark table.
pub fn render_issue_markdown(
    corpus: &Corpus,
    issue: &Issue,
    placed: &[Placed<'_>],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "## {}\n\n{}\n",
        escape(&issue.title),
        escape(&issue.question)
    )?;
    writeln!(
        out,
        "| Actor | Stance | Position | Source |\n|---|---|---|---|"
    )?;
    let cell = |s: &str| escape(s).replace('|', "\\|").replace('\n', " ");
    for p in by_actor(placed).iter().flat_map(|(_, list)| list) {
        let pos = p.position;
        let actor = corpus
            .actor(&pos.actor)
            .map_or(pos.actor.to_string(), |a| a.name.to_string());
        let mut summary = pos.summary.to_string();
        if let Some(r) = &pos.reported_by {
            let who = corpus
                .actor(r)
                .map_or(r.to_string(), |a| a.name.to_string());
            summary.push_str(&format!(" (as reported by {who})"));
        }
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&actor),
            pos.stance.label(),
            cell(&summary),
            cell(&crate::query::names::citations(corpus, &pos.cite).join("; "))
        )?;
    }
    writeln!(out)?;
    if !placed.is_empty() {
        let tally = Tally::of(corpus, placed);
        writeln!(
            out,
            "**By group**, each actor counted once: {}\n",
            tally.verdict.label()
        )?;
        for g in &tally.groups {
            writeln!(out, "- {}: {}", group_short(g.group), group_counts(g))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// One issue's positions as one JSON line.
pub fn render_issue_json(
    corpus: &Corpus,
    issue: &Issue,
    placed: &[Placed<'_>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let positions: Vec<serde_json::Value> = by_actor(placed)
        .iter()
        .flat_map(|(_, list)| list)
        .map(|p| {
            json!({
                "selector": p.selector(),
                "actor": corpus.actor(&p.position.actor),
                "stance": p.position.stance,
                "summary": p.position.summary,
                "reported_by": p.position.reported_by.as_ref().and_then(|r| corpus.actor(r)),
                "date": p.position.date,
                "cite": p.position.cite,
                "source": corpus.source(&p.position.cite.first().source),
            })
        })
        .collect();
    let tally = Tally::of(corpus, placed);
    let groups: Vec<serde_json::Value> = tally
        .groups
        .iter()
        .map(|g| {
            let counts: serde_json::Map<String, serde_json::Value> = Stance::ALL
                .iter()
                .map(|&s| {
                    let key = serde_json::to_value(s)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    (key, json!(g.count(s)))
                })
                .collect();
            json!({
                "group": g.group,
                "short": group_short(g.group),
                "actors": g.actors(),
                "stances": counts,
                "reported_only": g.reported,
            })
        })
        .collect();
    let tally = json!({
        "verdict": tally.verdict.label(),
        "voices": tally.voices(),
        "groups": groups,
    });
    serde_json::to_writer(
        &mut *out,
        &json!({"issue": issue, "positions": positions, "tally": tally}),
    )
    .map_err(io::Error::other)?;
    writeln!(out)
}
