//! `brief trace` and `brief changes`, and `brief diff HISTORY V1 V2`: commands over a
//! text's history file. This file reads the history and the version files it names (the
//! file system); `crate::draft` parses, aligns and renders.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::args::{ChangesArgs, DiffFormat, TraceArgs};
use crate::cli::ctx::{Ctx, default_width};
use crate::draft::{self, Entry, Options};

/// A history with its versions read and aligned, each with the next.
pub type Loaded = crate::draft::NegotiatedText;

/// Read the history at `path` and every version it lists (relative to it); every
/// problem said with the history's name.
pub fn load(path: &Path, max: u64) -> Result<Loaded, Failure> {
    let name = path.display().to_string();
    crate::library::read_text(path, max).map_err(|problems| {
        Failure::NotFound(
            problems
                .iter()
                .map(|p| match crate::library::located(p) {
                    Some((line, column, p)) => format!("{name}:{line}:{column}: {p}"),
                    None => format!("{name}: {p}"),
                })
                .collect::<Vec<_>>()
                .join("\nbrief: "),
        )
    })
}

fn version(loaded: &Loaded, id: &str) -> Result<usize, Failure> {
    loaded.history.index(id).ok_or_else(|| {
        Failure::NotFound(format!(
            "no version `{id}` in {}; its versions: {}",
            loaded.history.id,
            loaded.history.names().join(", ")
        ))
    })
}

/// The pairs between two versions by id: each version's alignment with the next
/// (the concordance's pairings first), composed when they are further apart.
pub fn compare<'a>(loaded: &'a Loaded, from: &str, to: &str) -> Result<Vec<Entry<'a>>, Failure> {
    let (f, t) = (version(loaded, from)?, version(loaded, to)?);
    if t <= f {
        return Err(Failure::Usage(format!(
            "`{to}` is not later than `{from}`: give the earlier version first"
        )));
    }
    Ok(loaded.compare(f, t, &Options::default()))
}

/// Write `entries` in `format`.
pub fn render(
    ctx: &Ctx,
    entries: &[Entry<'_>],
    format: DiffFormat,
    width: Option<usize>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match format {
        DiffFormat::Text => draft::render::text(
            entries,
            width.unwrap_or_else(default_width),
            ctx.color_wanted(),
            out,
        )?,
        DiffFormat::Markdown => draft::render::markdown(entries, out)?,
        DiffFormat::Json => draft::render::json(entries, out)?,
        DiffFormat::Summary => draft::render::summary(entries, out)?,
        DiffFormat::SideBySide => {
            super::diff::side_by_side(ctx, entries, Default::default(), width, out)?
        }
    }
    Ok(())
}

/// Only the pairs that hold paragraph `label`, on either side.
pub fn only_paragraph<'a>(entries: Vec<Entry<'a>>, label: &str) -> Result<Vec<Entry<'a>>, Failure> {
    let kept: Vec<Entry<'a>> = entries
        .into_iter()
        .filter(|e| e.old_labels().contains(&label) || e.new_labels().contains(&label))
        .collect();
    if kept.is_empty() {
        return Err(Failure::NotFound(format!(
            "neither version has a paragraph {label}"
        )));
    }
    Ok(kept)
}

pub fn changes(ctx: &Ctx, args: &ChangesArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let loaded = load(&args.history, ctx.max_file_size())?;
    let entries = compare(&loaded, &args.from, &args.to)?;
    if args.format == DiffFormat::SideBySide {
        let names = (loaded.index(&args.from), loaded.index(&args.to));
        let names = super::diff::names_of(&loaded, names);
        super::diff::side_by_side(ctx, &entries, names, args.width, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    render(ctx, &entries, args.format, args.width, out)?;
    progress(&loaded, &args.from, &args.to, args.format, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Where each version from `from` to `to` stands, as observers measure a negotiation's
/// progress: paragraphs agreed, suggested for closure and pending, spans in brackets. After
/// the changes in text and Markdown; JSON Lines stay one pair per line.
pub fn progress(
    loaded: &Loaded,
    from: &str,
    to: &str,
    format: DiffFormat,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let (Some(f), Some(t)) = (loaded.index(from), loaded.index(to)) else {
        return Ok(());
    };
    let width = (f..=t)
        .map(|v| loaded.history.versions[v].id.chars().count())
        .max()
        .unwrap_or(0);
    match format {
        DiffFormat::Summary | DiffFormat::Text => {
            writeln!(
                out,
                "
Progress"
            )?;
            for v in f..=t {
                writeln!(
                    out,
                    "  {:<width$}  {}",
                    loaded.history.versions[v].id.as_str(),
                    loaded.standing(v).describe()
                )?;
            }
        }
        DiffFormat::Markdown => {
            writeln!(
                out,
                "
**Progress**
"
            )?;
            for v in f..=t {
                let entry = &loaded.history.versions[v];
                writeln!(
                    out,
                    "- {} ({}): {}",
                    entry.label,
                    entry.id,
                    loaded.standing(v).describe()
                )?;
            }
        }
        DiffFormat::Json | DiffFormat::SideBySide => {}
    }
    Ok(())
}

pub fn trace(ctx: &Ctx, args: &TraceArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let loaded = load(&args.history, ctx.max_file_size())?;
    let at = match &args.version {
        Some(id) => version(&loaded, id)?,
        None => loaded.versions.len().saturating_sub(1),
    };
    let steps = draft::trace::lineage(&loaded.versions, &loaded.steps, at, &args.paragraph)
        .map_err(|e| {
            Failure::NotFound(format!(
                "{}: {}: {e}{}",
                loaded.history.id,
                loaded.history.versions[at].id,
                elsewhere(&loaded, &e)
            ))
        })?;
    let names = loaded.history.names();
    writeln!(
        out,
        "{}",
        draft::trace::chain(&loaded.versions, &steps, &names)
    )?;
    // Then what happened at each step, as `brief diff` shows it.
    for step in steps.iter().filter(|s| !s.from_previous.is_empty()) {
        let before = names
            .get(step.version.wrapping_sub(1))
            .copied()
            .unwrap_or("?");
        let after = names.get(step.version).copied().unwrap_or("?");
        writeln!(out, "\n{before} → {after}")?;
        render(ctx, &step.from_previous, DiffFormat::Text, args.width, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// For a label the version asked does not have, the versions that do, as the option
/// that asks them (`; rev1 has it: --in rev1`). Labels are a version's own: Revision 1's
/// `1bis` is Revision 2's `2`, and trace asks the latest version by default.
fn elsewhere(loaded: &Loaded, e: &draft::trace::TraceError) -> String {
    let draft::trace::TraceError::NoSuchParagraph(label) = e else {
        return String::new();
    };
    let having: Vec<&str> = loaded
        .versions
        .iter()
        .zip(&loaded.history.versions)
        .filter(|(v, _)| v.find(label).is_some())
        .map(|(_, entry)| entry.id.as_str())
        .collect();
    if having.is_empty() {
        return String::new();
    }
    let asks: Vec<String> = having.iter().map(|id| format!("--in {id}")).collect();
    let verb = if having.len() == 1 { "has" } else { "have" };
    format!("; {} {verb} it: {}", having.join(", "), asks.join(" or "))
}
