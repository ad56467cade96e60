//! `brief trace` and `brief changes`, and `brief diff HISTORY V1 V2`: commands over a
//! text's history file. This file reads the history and the version files it names (the
//! file system); `crate::draft` parses, aligns and renders.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::args::{ChangesArgs, DiffFormat, TraceArgs};
use crate::cli::ctx::{Ctx, default_width};
use crate::draft::history::History;
use crate::draft::{self, Entry, Forced, Options, Version};

/// A history with its versions read, and the concordance's pairings checked.
pub struct Loaded {
    pub history: History,
    pub versions: Vec<Version>,
    /// `[i]`: pairings by hand between version `i` and `i + 1`.
    pub forced: Vec<Vec<Forced>>,
}

fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, Failure> {
    let name = path.display();
    let meta = std::fs::metadata(path).map_err(|e| Failure::NotFound(format!("{name}: {e}")))?;
    if meta.len() > max {
        return Err(Failure::NotFound(format!(
            "{name}: larger than --max-file-size ({max} bytes)"
        )));
    }
    std::fs::read(path).map_err(|e| Failure::NotFound(format!("{name}: {e}")))
}

/// Read the history at `path` and every version it lists (relative to it).
pub fn load(path: &Path, max: u64) -> Result<Loaded, Failure> {
    let name = path.display().to_string();
    let bytes = read_limited(path, max)?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Failure::NotFound(format!("{name}: not UTF-8 text")))?;
    let history = History::parse(text).map_err(|problems| {
        Failure::NotFound(
            problems
                .iter()
                .map(|p| format!("{name}: {p}"))
                .collect::<Vec<_>>()
                .join("\nbrief: "),
        )
    })?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut versions = Vec::with_capacity(history.versions.len());
    for v in &history.versions {
        let file: PathBuf = dir.join(v.file.as_str());
        let bytes = read_limited(&file, max)?;
        let shown = file.display().to_string();
        versions.push(
            draft::read(&shown, &bytes).map_err(|e| Failure::NotFound(format!("{shown}: {e}")))?,
        );
    }
    let forced = history.forced(&versions).map_err(|problems| {
        Failure::NotFound(
            problems
                .iter()
                .map(|p| format!("{name}: {p}"))
                .collect::<Vec<_>>()
                .join("\nbrief: "),
        )
    })?;
    Ok(Loaded {
        history,
        versions,
        forced,
    })
}

impl Loaded {
    fn version(&self, id: &str) -> Result<usize, Failure> {
        self.history.index(id).ok_or_else(|| {
            Failure::NotFound(format!(
                "no version `{id}` in {}; its versions: {}",
                self.history.id,
                self.history.names().join(", ")
            ))
        })
    }

    /// The pairs between two versions by id: with the concordance when they follow each
    /// other (a concordance pairs a version with the next).
    pub fn compare(&self, from: &str, to: &str) -> Result<Vec<Entry<'_>>, Failure> {
        let (f, t) = (self.version(from)?, self.version(to)?);
        if t <= f {
            return Err(Failure::Usage(format!(
                "`{to}` is not later than `{from}`: give the earlier version first"
            )));
        }
        let none = Vec::new();
        let forced = if t == f + 1 {
            self.forced.get(f).unwrap_or(&none)
        } else {
            &none
        };
        draft::compare(
            &self.versions[f],
            &self.versions[t],
            &Options::default(),
            forced,
        )
        .map_err(|e| Failure::NotFound(e.to_string()))
    }
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
    let entries = loaded.compare(&args.from, &args.to)?;
    render(ctx, &entries, args.format, args.width, out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn trace(ctx: &Ctx, args: &TraceArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let loaded = load(&args.history, ctx.max_file_size())?;
    let at = match &args.version {
        Some(id) => loaded.version(id)?,
        None => loaded.versions.len().saturating_sub(1),
    };
    let steps = draft::trace::lineage(
        &loaded.versions,
        at,
        &args.paragraph,
        &Options::default(),
        &loaded.forced,
    )
    .map_err(|e| {
        Failure::NotFound(format!(
            "{}: {}: {e}",
            loaded.history.id, loaded.history.versions[at].id
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
