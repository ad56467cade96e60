//! A negotiated text's versions and proposals in lines. Versions: each aligned pair of
//! paragraphs in turn, what happened to it said in words (changed, moved, merged, split,
//! renumbered), the old wording then the new with wdiff's markers `[-old-]` `{+new+}`
//! (`query::versions`, as `brief diff` and the versions screen have them). Proposals: a
//! paragraph at a time, each actor's proposal and what the last version made of it
//! (`query::proposals`, as the proposals screen has it).

use std::io;
use std::path::PathBuf;

use super::speak::{Out, echo};
use super::{Item, LineReader, Screen};
use crate::draft::text::NegotiatedText;
use crate::query::versions::{self, Comparison, Filter, Row};

/// Two versions being read.
pub struct VersionsState {
    brief: String,
    title: String,
    comparison: Comparison,
    filter: Filter,
    /// Indices into the comparison's rows that the filter lets through.
    shown: Vec<usize>,
    /// Position in `shown`.
    cursor: usize,
}

impl VersionsState {
    pub fn where_in(&self) -> String {
        let c = &self.comparison;
        let mut s = format!(
            "versions of {}, {} to {} — row {} of {}",
            self.brief,
            c.old.id,
            c.new.id,
            (self.cursor + 1).min(self.shown.len()),
            self.shown.len()
        );
        if self.filter != Filter::All {
            s.push_str(&format!(", {} only", self.filter.name()));
        }
        s
    }
}

/// The proposals on a text being read.
pub struct ProposalsState {
    matrix: crate::query::proposals::Matrix,
    cursor: usize,
}

impl ProposalsState {
    pub fn where_in(&self) -> String {
        format!(
            "proposals on {} — paragraph {} of {}",
            self.matrix.brief,
            (self.cursor + 1).min(self.matrix.rows.len()),
            self.matrix.rows.len()
        )
    }
}

/// The text `word` names (a brief id or any selector in it), else the one the reader is
/// in: its brief id, title and history file; or why there is none.
fn text_named(r: &LineReader<'_>, word: Option<&str>) -> Result<(String, String, PathBuf), String> {
    let place = word.map(str::to_owned).or_else(|| r.at.clone());
    let Some(place) = place else {
        return Err(format!(
            "Which text? Open one, or name it: {}.",
            texts_loaded(r)
        ));
    };
    let brief_id = place.split('/').next().unwrap_or_default().to_owned();
    let brief = r.corpus.briefs().find(&brief_id);
    match r.histories.iter().find(|(b, _)| *b == brief_id) {
        Some((id, path)) => Ok((
            id.clone(),
            brief.map_or(id.clone(), |b| b.title.to_string()),
            path.clone(),
        )),
        None if brief.is_some_and(|b| b.kind == crate::brief::model::BriefKind::NegotiatedText) => {
            Err(format!(
                "The versions of {} are not at hand: it was not read from its history file.",
                echo(&brief_id)
            ))
        }
        None => Err(format!(
            "{} is not a negotiated text; {}.",
            echo(&brief_id),
            texts_loaded(r)
        )),
    }
}

fn texts_loaded(r: &LineReader<'_>) -> String {
    if r.histories.is_empty() {
        "no text's history is loaded (--briefs FOLDER loads one)".to_owned()
    } else {
        let ids: Vec<&str> = r.histories.iter().map(|(b, _)| b.as_str()).collect();
        format!("the texts loaded are {}", ids.join(", "))
    }
}

fn read_text(path: &std::path::Path, max: u64) -> Result<NegotiatedText, String> {
    crate::library::read_text(path, max).map_err(|p| p.join("; "))
}

/// `versions [TEXT] [A B]`.
pub fn versions(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<()> {
    let words: Vec<&str> = rest.split_whitespace().collect();
    // The first word is the text when it names one; else the text is the one at hand.
    let names_text = |w: &str| {
        let id = w.split('/').next().unwrap_or_default();
        r.histories.iter().any(|(b, _)| b == id) || r.corpus.briefs().find(id).is_some()
    };
    let (text_word, pair) = match words.as_slice() {
        [t, rest @ ..] if names_text(t) => (Some(*t), rest.to_vec()),
        all => (None, all.to_vec()),
    };
    let (brief, title, path) = match text_named(r, text_word) {
        Ok(t) => t,
        Err(why) => return out.line(&why),
    };
    let text = match read_text(&path, r.max_bytes) {
        Ok(t) => t,
        Err(why) => return out.line(&format!("The text could not be read: {why}")),
    };
    let n = text.versions.len();
    if n < 2 {
        return out.line(&format!(
            "{} has {n} version: nothing to compare it with.",
            echo(&brief)
        ));
    }
    let ids: Vec<&str> = text
        .history
        .versions
        .iter()
        .map(|v| v.id.as_str())
        .collect();
    let index = |id: &str| {
        text.index(id).ok_or_else(|| {
            format!(
                "{} has no version {}; its versions are {}.",
                brief,
                echo(id),
                ids.join(", ")
            )
        })
    };
    let around = |v: usize| if v == 0 { (0, 1) } else { (v - 1, v) };
    // Where the reader is in this text: a version, or a paragraph of one.
    let at: Option<(usize, Option<String>)> = match text_word.or(r.at.as_deref()) {
        Some(sel) if sel.split('/').next() == Some(brief.as_str()) => {
            let mut parts = sel.split('/').skip(1);
            match (parts.next(), parts.next()) {
                (Some(v), item) => text.index(v).map(|v| (v, item.map(str::to_owned))),
                _ => None,
            }
        }
        _ => None,
    };
    let (a, b, focus) = match pair.as_slice() {
        [] => match at {
            Some((v, item)) => {
                let (a, b) = around(v);
                let focus = item.and_then(|item| {
                    versions::item_ids(&text.versions[v])
                        .iter()
                        .position(|x| x.as_deref() == Some(item.as_str()))
                        .map(|p| (v == b, p))
                });
                (a, b, focus)
            }
            None => (n - 2, n - 1, None),
        },
        [x, y] => {
            let (x, y) = match (index(x), index(y)) {
                (Ok(x), Ok(y)) => (x, y),
                (Err(why), _) | (_, Err(why)) => return out.line(&why),
            };
            if x == y {
                return out.line("Those are the same version: give two.");
            }
            (x.min(y), x.max(y), None)
        }
        _ => {
            return out.line(&format!(
                "versions takes a text and two of its versions: versions {brief} {} {}.",
                ids[n - 2],
                ids[n - 1]
            ));
        }
    };
    let comparison = versions::of_text(&text, a, b);
    let shown = versions::shown(&comparison.rows, Filter::All);
    let cursor = focus
        .and_then(|(new, p)| {
            shown.iter().position(|&i| {
                let row = &comparison.rows[i];
                let parts = if new { &row.new } else { &row.old };
                parts.iter().any(|x| x.index == p)
            })
        })
        .unwrap_or(0);
    let state = VersionsState {
        brief,
        title,
        comparison,
        filter: Filter::All,
        shown,
        cursor,
    };
    let c = &state.comparison;
    let changes = c.rows.iter().filter(|r| r.is_change()).count();
    out.line(&format!(
        "{}: {} ({}) compared with {} ({}).",
        state.title, c.old.id, c.old.long, c.new.id, c.new.long
    ))?;
    out.line(&format!(
        "{} rows, {changes} with a change. next and previous walk the rows, next change the changes; list numbers them; filter changed keeps the changes.",
        c.rows.len()
    ))?;
    r.versions = Some(state);
    r.enter(Screen::Versions);
    show_versions_row(r, out)
}

/// `¶ 4, 5 → 5 · merged · renumbered`, in words once spoken.
fn row_head(row: &Row) -> String {
    let sign = if row.is_heading() { "§" } else { "¶" };
    let mut notes = row.notes();
    if notes.is_empty() {
        notes.push("unchanged".to_owned());
    }
    format!("{sign} {}: {}", row.place(), notes.join(", "))
}

pub fn show_versions_row(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let Some(v) = &r.versions else {
        return out.line("No versions are open: versions opens them.");
    };
    let Some(&i) = v.shown.get(v.cursor) else {
        return out.line(&format!(
            "No row passes the filter {}; filter all shows every row.",
            v.filter.name()
        ));
    };
    let c = &v.comparison;
    let row = &c.rows[i];
    out.line(&format!(
        "Row {} of {}, {}",
        v.cursor + 1,
        v.shown.len(),
        row_head(row)
    ))?;
    let once = row.old.len() <= 1
        && row.new.len() <= 1
        && !row.old.iter().chain(&row.new).any(|p| p.marked());
    if once {
        if let Some(p) = row.new.first().or(row.old.first()) {
            out.line(&format!("In both: {}", p.wording().trim()))?;
        }
        return Ok(());
    }
    for (name, parts) in [(&c.old.id, &row.old), (&c.new.id, &row.new)] {
        if parts.is_empty() {
            out.line(&format!("{name}: not there."))?;
        }
        for p in parts {
            let lead = if parts.len() > 1 {
                format!("{name}, ¶{}", p.label)
            } else {
                name.to_string()
            };
            out.line(&format!("{lead}: {}", p.marked_text().trim()))?;
        }
    }
    Ok(())
}

pub fn list_versions(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let Some(v) = &r.versions else {
        return out.line("No versions are open: versions opens them.");
    };
    out.line(&format!("{} rows:", v.shown.len()))?;
    let mut items = Vec::with_capacity(v.shown.len());
    for (k, &i) in v.shown.iter().enumerate() {
        out.line(&format!("{}. {}", k + 1, row_head(&v.comparison.rows[i])))?;
        items.push(Item::VersionsRow(k));
    }
    r.items = items;
    Ok(())
}

pub fn go_versions_row(r: &mut LineReader<'_>, k: usize, out: &mut Out<'_>) -> io::Result<()> {
    if let Some(v) = r.versions.as_mut() {
        v.cursor = k.min(v.shown.len().saturating_sub(1));
    }
    r.enter(Screen::Versions);
    show_versions_row(r, out)
}

pub fn step_versions(
    r: &mut LineReader<'_>,
    forward: bool,
    changes: bool,
    out: &mut Out<'_>,
) -> io::Result<()> {
    let Some(v) = r.versions.as_mut() else {
        return out.line("No versions are open: versions opens them.");
    };
    let to = if changes {
        versions::next_change(&v.comparison.rows, &v.shown, v.cursor, forward)
    } else if forward {
        Some(v.cursor + 1).filter(|&k| k < v.shown.len())
    } else {
        v.cursor.checked_sub(1)
    };
    match to {
        Some(k) => {
            v.cursor = k;
            show_versions_row(r, out)
        }
        None => out.line(&format!(
            "No {} {} here.",
            if changes { "change" } else { "row" },
            if forward { "after" } else { "before" }
        )),
    }
}

/// `filter all | changed | not agreed | bracketed` on the versions screen.
pub fn filter_versions(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<()> {
    let Some(v) = r.versions.as_mut() else {
        return Ok(());
    };
    let want = rest.trim().to_lowercase().replace(['-', '_'], " ");
    let filter = [
        Filter::All,
        Filter::Changed,
        Filter::NotAgreed,
        Filter::Bracketed,
    ]
    .into_iter()
    .find(|f| f.name() == want || (want == "clear" && *f == Filter::All));
    let Some(filter) = filter else {
        return out.line(&format!(
            "The versions screen filters: all, changed, not agreed, bracketed. Now: {}.",
            v.filter.name()
        ));
    };
    let here = v.shown.get(v.cursor).copied();
    v.filter = filter;
    v.shown = versions::shown(&v.comparison.rows, filter);
    v.cursor = here
        .and_then(|i| v.shown.iter().position(|&x| x >= i))
        .unwrap_or(0);
    out.line(&format!(
        "Showing {} rows: {}.",
        filter.name(),
        v.shown.len()
    ))?;
    show_versions_row(r, out)
}

// ---- proposals ----------------------------------------------------------------------

/// `proposals [TEXT]`.
pub fn proposals(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<()> {
    let word = rest.split_whitespace().next();
    let (_, _, path) = match text_named(r, word) {
        Ok(t) => t,
        Err(why) => return out.line(&why),
    };
    let m = match crate::query::proposals::matrix_of_file(r.corpus, &path, r.max_bytes) {
        Ok(m) => m,
        Err(why) => return out.line(&format!("The text could not be read: {why}")),
    };
    out.line(&format!(
        "Proposals on {} ({}): {} on {} {}.",
        m.title,
        m.brief,
        match m.proposals {
            1 => "1 proposal".to_owned(),
            n => format!("{n} proposals"),
        },
        m.rows.len(),
        if m.rows.len() == 1 {
            "paragraph"
        } else {
            "paragraphs"
        }
    ))?;
    // A group a line: the matrix's one-line tally joins them with `·`, which said as a
    // comma would run into the commas inside each.
    if !m.groups.is_empty() {
        out.line("By stakeholder group:")?;
        for g in &m.groups {
            out.line(&g.describe())?;
        }
    }
    if !m.records.is_empty() {
        out.line("By actor:")?;
        for rec in &m.records {
            out.line(&rec.describe())?;
        }
    }
    for p in &m.problems {
        out.line(&format!("Note: {p}"))?;
    }
    out.line("Each verdict is against the last version. next and previous walk the paragraphs; list numbers them.")?;
    r.proposals = Some(ProposalsState {
        matrix: m,
        cursor: 0,
    });
    r.enter(Screen::Proposals);
    show_proposals_row(r, out)
}

pub fn show_proposals_row(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let Some(p) = &r.proposals else {
        return out.line("No proposals are open: proposals opens them.");
    };
    let m = &p.matrix;
    let Some(row) = m.rows.get(p.cursor) else {
        return out.line("There are no proposals on this text.");
    };
    out.line(&format!(
        "Paragraph {} of {}: {}",
        p.cursor + 1,
        m.rows.len(),
        row.place
    ))?;
    for (c, cells) in m.columns.iter().zip(&row.cells) {
        for cell in cells {
            out.line(&format!("{}, {}: {}", c.shown, c.group, cell.detail))?;
        }
    }
    if let Some(sel) = &row.selector {
        out.line(&format!("Read the paragraph: open {sel}"))?;
    }
    Ok(())
}

pub fn list_proposals(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let Some(p) = &r.proposals else {
        return out.line("No proposals are open: proposals opens them.");
    };
    let m = &p.matrix;
    out.line(&format!("{} paragraphs with proposals:", m.rows.len()))?;
    let mut items = Vec::new();
    for (k, row) in m.rows.iter().enumerate() {
        let n: usize = row.cells.iter().map(Vec::len).sum();
        out.line(&format!(
            "{}. {}, {}",
            k + 1,
            row.place,
            if n == 1 {
                "1 proposal".to_owned()
            } else {
                format!("{n} proposals")
            }
        ))?;
        items.push(Item::ProposalsRow(k));
    }
    r.items = items;
    Ok(())
}

pub fn go_proposals_row(r: &mut LineReader<'_>, k: usize, out: &mut Out<'_>) -> io::Result<()> {
    if let Some(p) = r.proposals.as_mut() {
        p.cursor = k.min(p.matrix.rows.len().saturating_sub(1));
    }
    r.enter(Screen::Proposals);
    show_proposals_row(r, out)
}

pub fn step_proposals(r: &mut LineReader<'_>, forward: bool, out: &mut Out<'_>) -> io::Result<()> {
    let Some(p) = r.proposals.as_mut() else {
        return out.line("No proposals are open: proposals opens them.");
    };
    let to = if forward {
        Some(p.cursor + 1).filter(|&k| k < p.matrix.rows.len())
    } else {
        p.cursor.checked_sub(1)
    };
    match to {
        Some(k) => {
            p.cursor = k;
            show_proposals_row(r, out)
        }
        None => out.line(&format!(
            "No paragraph with proposals {} this one.",
            if forward { "after" } else { "before" }
        )),
    }
}
