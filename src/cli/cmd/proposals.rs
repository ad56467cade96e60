//! `brief proposals` and `brief blame`: who proposed what on a text, and what became of it.
//! This file reads the history, its version files and the briefs beside it (the file
//! system); `draft::proposals` reads and measures, `query::proposals` names the actors,
//! `render::proposals` writes.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::brief::corpus::Corpus;
use crate::cli::Failure;
use crate::cli::args::{BlameArgs, BlameFormat, ProposalsArgs, ProposalsFormat};
use crate::cli::ctx::Ctx;
use crate::query::proposals::{Only, Proposals};

/// The briefs a history's proposals name actors from: those loaded as always, and those
/// in the history's own folder, where a delegation keeps the actors of its negotiation.
fn corpus_for(ctx: &Ctx, history: &Path) -> &'static Corpus {
    let folder = history
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let loaded = crate::library::load(&ctx.request(&[folder.to_path_buf()]));
    // The folder's other files are not this command's business: their problems are
    // `brief check`'s to tell.
    Box::leak(Box::new(loaded.corpus))
}

fn version(text: &crate::draft::NegotiatedText, id: &str) -> Result<usize, Failure> {
    text.index(id).ok_or_else(|| {
        Failure::NotFound(format!(
            "no version `{id}` in {}; its versions: {}",
            text.history.id,
            text.names().join(", ")
        ))
    })
}

/// The text at `path` and its proposals, with every problem said on stderr.
fn read<'t>(
    ctx: &Ctx,
    path: &Path,
    text: &'t crate::draft::NegotiatedText,
) -> (Proposals<'t>, &'static Corpus) {
    let corpus = corpus_for(ctx, path);
    let (tracked, unread) = crate::library::tracked_changes(path, text, ctx.max_file_size());
    let all = crate::query::proposals::of(corpus, text, &tracked);
    let name = path.display().to_string();
    for p in unread.iter().chain(&all.problems) {
        eprintln!(
            "brief: {}: {}",
            crate::brief::text::neutralise(&name),
            crate::brief::text::neutralise(p)
        );
    }
    (all, corpus)
}

pub fn proposals(
    ctx: &Ctx,
    args: &ProposalsArgs,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let text = super::history::load(&args.history, ctx.max_file_size())?;
    let only_version = args
        .version
        .as_deref()
        .map(|v| version(&text, v))
        .transpose()?;
    let (all, corpus) = read(ctx, &args.history, &text);
    let kept = all.kept(
        corpus,
        &Only {
            version: only_version,
            actor: args.actor.as_deref(),
            paragraph: args.para.as_deref(),
        },
    );
    match args.format {
        ProposalsFormat::Text => crate::render::proposals::text(&all, &kept, out)?,
        ProposalsFormat::Markdown => crate::render::proposals::markdown(&all, &kept, out)?,
        ProposalsFormat::Json => crate::render::proposals::json(&all, &kept, out)?,
    }
    Ok(if kept.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn blame(ctx: &Ctx, args: &BlameArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let text = super::history::load(&args.history, ctx.max_file_size())?;
    let v = version(&text, &args.version)?;
    let p = text.versions[v].find(&args.paragraph).ok_or_else(|| {
        Failure::NotFound(format!(
            "{}: `{}` has no paragraph {}",
            text.history.id, args.version, args.paragraph
        ))
    })?;
    let (all, _) = read(ctx, &args.history, &text);
    let json = args.format == BlameFormat::Json;
    crate::render::proposals::blame_text(&all, v, p, json, out)?;
    Ok(ExitCode::SUCCESS)
}
