//! `brief diff OLD NEW`: two versions of a negotiated text, paragraph by paragraph; and
//! `brief diff FILE.docx`, the two versions a Word file's tracked changes make. This
//! file reads the files (the only part of the diff that knows the file system) and hands
//! their bytes to `crate::draft`.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::args::{DiffArgs, DiffFormat};
use crate::cli::ctx::{Ctx, default_width};
use crate::draft::read::Side;
use crate::draft::{self, Options, Version};
use crate::query::versions::{Comparison, Name};

pub fn run(ctx: &Ctx, args: &DiffArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    // `brief diff FILE.docx`: a Word file's tracked changes.
    let Some(new_path) = &args.new else {
        return tracked(ctx, args, out);
    };
    // `brief diff HISTORY V1 V2`: two versions of a text's history, by id.
    if let Some(later) = &args.later {
        let loaded = super::history::load(&args.old, ctx.max_file_size())?;
        let earlier = new_path.to_string_lossy();
        let mut entries = super::history::compare(&loaded, &earlier, later)?;
        if !args.pairs.is_empty() {
            return Err(Failure::Usage(
                "--pair goes with two files; a history's pairings by hand are its concordance"
                    .into(),
            ));
        }
        if let Some(label) = &args.para {
            entries = super::history::only_paragraph(entries, label)?;
        }
        if args.format == DiffFormat::SideBySide {
            let names = (loaded.index(&earlier), loaded.index(later));
            side_by_side(ctx, &entries, names_of(&loaded, names), args.width, out)?;
        } else {
            super::history::render(ctx, &entries, args.format, args.width, out)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    // The two files are read and parsed side by side: on two cores, a third of the time.
    // Small files are read one after the other: a thread costs more to start (its stack
    // and its allocator's pages faulted in) than it saves on a few hundred paragraphs.
    let max = ctx.max_file_size();
    let small = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() < SMALL);
    let (old, new) = if small(&args.old) && small(new_path) {
        (
            Ok(version(&args.old, max, None)),
            version(new_path, max, None),
        )
    } else {
        std::thread::scope(|s| {
            let old = s.spawn(|| version(&args.old, max, None));
            let new = version(new_path, max, None);
            (old.join(), new)
        })
    };
    let old =
        old.map_err(|_| Failure::NotFound(format!("{}: could not be read", args.old.display())))??;
    let new = new?;
    let mut entries = draft::compare(&old, &new, &Options::default(), &args.pairs)
        .map_err(|e| Failure::NotFound(e.to_string()))?;
    // Said before the pairs, where it is read first; beside the output where a program
    // reads it (JSON Lines stay one object per line).
    if let Some(warning) = draft::diff::pairing_warning(&old, &new, &entries) {
        match args.format {
            DiffFormat::Text | DiffFormat::Summary => writeln!(out, "warning: {warning}\n")?,
            DiffFormat::Markdown => writeln!(
                out,
                "**warning:** {}\n",
                crate::render::markdown::escape(&warning)
            )?,
            DiffFormat::Json | DiffFormat::SideBySide => eprintln!("brief: warning: {warning}"),
        }
    }
    if let Some(label) = &args.para {
        entries = super::history::only_paragraph(entries, label)?;
    }
    match args.format {
        DiffFormat::Text => draft::render::text(
            &entries,
            args.width.unwrap_or_else(default_width),
            ctx.color_wanted(),
            out,
        )?,
        DiffFormat::Markdown => draft::render::markdown(&entries, out)?,
        DiffFormat::Json => draft::render::json(&entries, out)?,
        DiffFormat::Summary => draft::render::summary(&entries, out)?,
        DiffFormat::SideBySide => {
            let name = |p: &Path| Name {
                id: crate::brief::text::neutralise(&p.display().to_string()).into_owned(),
                long: String::new(),
            };
            side_by_side(
                ctx,
                &entries,
                (name(&args.old), name(new_path)),
                args.width,
                out,
            )?
        }
    }
    // The process ends here: freeing two versions and every pair's diff, paragraph by
    // paragraph, is a few percent of a whole `brief diff` and gives nothing back.
    std::mem::forget(entries);
    std::mem::forget((old, new));
    Ok(ExitCode::SUCCESS)
}

/// The names of versions `a` and `b` of a text: `rev2 · Revision 2, 2025-12-03`.
pub fn names_of(
    text: &draft::NegotiatedText,
    (a, b): (Option<usize>, Option<usize>),
) -> (Name, Name) {
    let name = |v: Option<usize>| v.map(|v| Name::of(text, v)).unwrap_or_default();
    (name(a), name(b))
}

/// `-f side-by-side`: two columns at the width asked for (or the terminal's), stacked
/// below 100 columns.
pub fn side_by_side(
    ctx: &Ctx,
    entries: &[draft::Entry<'_>],
    (old, new): (Name, Name),
    width: Option<usize>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let c = Comparison {
        old,
        new,
        rows: crate::query::versions::rows(entries, &[], &[]),
    };
    crate::render::versions::write(
        &c,
        width.unwrap_or_else(default_width),
        ctx.color_wanted(),
        out,
    )?;
    Ok(())
}

/// `brief diff FILE.docx`: the original (every tracked change rejected) against the
/// accepted (every one accepted), each pair followed by the tracked changes in it with
/// their authors and dates.
fn tracked(ctx: &Ctx, args: &DiffArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let (name, bytes) = bytes_of(&args.old, ctx.max_file_size())?;
    if !draft::read::docx::is_docx(&name, &bytes) {
        return Err(Failure::Usage(format!(
            "{name}: give two files to compare, or one Word file (.docx) to compare its tracked changes"
        )));
    }
    let both =
        draft::read::docx_tracked(&bytes).map_err(|e| Failure::NotFound(e.in_file(&name)))?;
    let mut entries = draft::compare(
        &both.original,
        &both.accepted,
        &Options::default(),
        &args.pairs,
    )
    .map_err(|e| Failure::NotFound(e.to_string()))?;
    if let Some(label) = &args.para {
        entries = super::history::only_paragraph(entries, label)?;
    }
    let changes = if args.para.is_some() {
        // Only the changes in the pairs shown.
        let shown = |c: &&draft::read::TrackedChange| {
            entries.iter().any(|e| {
                let labels = if c.kind.adds() {
                    e.new_labels()
                } else {
                    e.old_labels()
                };
                c.label.as_deref().is_some_and(|l| labels.contains(&l))
            })
        };
        both.changes.iter().filter(shown).cloned().collect()
    } else {
        both.changes.clone()
    };
    let tracked = draft::render::Tracked::new(&entries, &changes);
    let width = args.width.unwrap_or_else(default_width);
    match args.format {
        DiffFormat::Text => {
            draft::render::text_tracked(&entries, &tracked, width, ctx.color_wanted(), out)?
        }
        DiffFormat::Markdown => draft::render::markdown_tracked(&entries, &tracked, out)?,
        DiffFormat::Json => draft::render::json_tracked(&entries, &tracked, out)?,
        DiffFormat::Summary => draft::render::summary(&entries, out)?,
        DiffFormat::SideBySide => {
            let side = |s: &str| Name {
                id: s.to_owned(),
                long: crate::brief::text::neutralise(&name).into_owned(),
            };
            side_by_side(
                ctx,
                &entries,
                (side("original"), side("accepted")),
                args.width,
                out,
            )?
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The bytes of one file (`-`: stdin), at most `max` of them, with the name to say it by.
/// A version file smaller than this is read on the main thread (see `run`): 150
/// paragraphs are about 40 KB.
const SMALL: u64 = 256 * 1024;

pub fn bytes_of(path: &Path, max: u64) -> Result<(String, Vec<u8>), Failure> {
    let name = path.display().to_string();
    let fail = |what: String| Failure::NotFound(format!("{name}: {what}"));
    let mut bytes = Vec::new();
    // `-` is stdin, for `pdftotext draft.pdf - | brief diff - rev2.txt`.
    let input: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        let file = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
        // Room for the whole file at once, as far as the limit: read in one go rather
        // than grown and copied from a few bytes up.
        if let Ok(meta) = file.metadata() {
            bytes.reserve(usize::try_from(meta.len().min(max).saturating_add(1)).unwrap_or(0));
        }
        Box::new(file)
    };
    // One byte more than allowed tells a file that is too large without reading it all.
    input
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(fail(format!("larger than --max-file-size ({max} bytes)")));
    }
    Ok((name, bytes))
}

/// Read and parse one version (`side` of a Word file with tracked changes; a PDF through
/// pdftotext); any problem is the file's name and what is wrong.
pub fn version(path: &Path, max: u64, side: Option<Side>) -> Result<Version, Failure> {
    let (name, bytes) = bytes_of(path, max)?;
    crate::pdf::read_version_as(&name, &bytes, side)
        .map_err(|e| Failure::NotFound(e.in_file(&name)))
}
