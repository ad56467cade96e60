//! `brief notes` and `brief export`: the desk (bookmarks and notes), as a list or as a
//! prep sheet.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::args::{ExportArgs, ExportFormat, NotesArgs};
use crate::cli::ctx::Ctx;
use crate::render;

/// What `brief export` says when nothing is bookmarked or noted.
const NOTHING_MARKED: &str = "brief export: nothing is bookmarked or noted yet: in the reader, `m` \
     bookmarks an entry and `a` writes a note on it; or `brief note SELECTOR --bookmark [TEXT]`";

pub fn notes(ctx: &Ctx, args: &NotesArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let corpus = ctx.load_for_reading();
    let store = ctx.open_desk()?;
    render::prep::notes(corpus, &store.desk, args.json, out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn export(ctx: &Ctx, args: &ExportArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let corpus = ctx.load_for_reading();
    let store = ctx.open_desk()?;
    // An empty sheet says how to fill it, beside it: the sheet itself stays what a program
    // reading it expects.
    if store.desk.marks.iter().all(|m| m.is_empty()) {
        eprintln!("{NOTHING_MARKED}");
    }
    match args.format {
        ExportFormat::Markdown => {
            render::prep::export_markdown(corpus, &store.desk, ctx.today, out)?
        }
        ExportFormat::Json => render::prep::export_json(corpus, &store.desk, ctx.today, out)?,
    }
    Ok(ExitCode::SUCCESS)
}
