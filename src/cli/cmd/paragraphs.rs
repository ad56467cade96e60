//! `brief paragraphs FILE`: a version's paragraphs as brief reads them — label, kind,
//! status, text, footnotes, comments — so that a user can see what was read, and why a
//! pairing went wrong (a frame line read as a paragraph, a label missed, a page's
//! furniture left in).

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::brief::text::neutralise;
use crate::cli::Failure;
use crate::cli::args::{ParagraphsArgs, ParagraphsFormat};
use crate::cli::ctx::Ctx;
use crate::draft::{Paragraph, Version};

pub fn run(ctx: &Ctx, args: &ParagraphsArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let version = super::diff::version(&args.file, ctx.max_file_size(), args.side.map(Into::into))?;
    match args.format {
        ParagraphsFormat::Text => text(&version, out)?,
        ParagraphsFormat::Json => json(&version, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A line per paragraph, `label  kind  (status)`, then its text, footnotes and comments
/// indented below it. Everything from the file is neutralised: a file's escape codes are
/// shown, not obeyed.
fn text(version: &Version, out: &mut impl Write) -> std::io::Result<()> {
    for p in &version.paragraphs {
        let label = neutralise(p.label.as_str());
        write!(out, "{label:<10} {}", p.kind.name())?;
        if let Some(status) = p.status {
            write!(out, "  ({})", status.name())?;
        }
        writeln!(out)?;
        // A heading or frame line is labelled by its own text: said once.
        if p.label.as_str() != p.text {
            writeln!(out, "    {}", neutralise(&p.text))?;
        }
        for (k, note) in p.footnotes.iter().enumerate() {
            writeln!(out, "    footnote {}: {}", k + 1, neutralise(note))?;
        }
        for c in &p.comments {
            writeln!(
                out,
                "    comment by {}: {}",
                neutralise(&c.author),
                neutralise(&c.text)
            )?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonParagraph<'a> {
    label: &'a str,
    kind: &'static str,
    status: Option<&'static str>,
    text: &'a str,
    footnotes: Vec<String>,
    comments: Vec<JsonComment>,
}

#[derive(Serialize)]
struct JsonComment {
    author: String,
    text: String,
}

/// JSON Lines, one object per paragraph; the texts neutralised as in every output.
fn json(version: &Version, out: &mut impl Write) -> std::io::Result<()> {
    for p in &version.paragraphs {
        serde_json::to_writer(&mut *out, &json_of(p))?;
        writeln!(out)?;
    }
    Ok(())
}

fn json_of(p: &Paragraph) -> JsonParagraph<'_> {
    JsonParagraph {
        label: p.label.as_str(),
        kind: p.kind.name(),
        status: p.status.map(|s| s.name()),
        text: &p.text,
        footnotes: p
            .footnotes
            .iter()
            .map(|f| neutralise(f).into_owned())
            .collect(),
        comments: p
            .comments
            .iter()
            .map(|c| JsonComment {
                author: neutralise(&c.author).into_owned(),
                text: neutralise(&c.text).into_owned(),
            })
            .collect(),
    }
}
