//! `brief sources [SELECTOR]`, `brief actors`, `brief issues`: what the loaded briefs
//! declare, with the ids a brief or a command refers to them by.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::args::{DeclaredArgs, ListFormat, SourcesArgs};
use crate::cli::ctx::Ctx;
use crate::cli::lookup::resolve;
use crate::render::declared;

/// Every declared source, or with a selector those its citations name, in the order they
/// are first cited.
pub fn sources(ctx: &Ctx, args: &SourcesArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let corpus = ctx.load_for_reading();
    let list = match args.selector.as_deref() {
        Some(sel) => crate::query::sources::cited(corpus, resolve(corpus, sel)?),
        None => corpus.sources().collect(),
    };
    declared::sources(corpus, &list, args.format == ListFormat::Json, out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn actors(ctx: &Ctx, args: &DeclaredArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let corpus = ctx.load_for_reading();
    let list: Vec<_> = corpus.actors().collect();
    declared::actors(&list, args.format == ListFormat::Json, out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn issues(ctx: &Ctx, args: &DeclaredArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let corpus = ctx.load_for_reading();
    let list: Vec<_> = corpus.issues().collect();
    declared::issues(&list, args.format == ListFormat::Json, out)?;
    Ok(ExitCode::SUCCESS)
}
