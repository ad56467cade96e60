//! `brief list [SELECTOR]`: briefs, a brief's sections or a section's entries.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::brief::corpus::{Corpus, Target};
use crate::cli::Failure;
use crate::cli::args::ListArgs;
use crate::cli::ctx::Ctx;
use crate::cli::lookup::resolve;
use crate::render;

pub fn run(ctx: &Ctx, args: &ListArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let corpus = ctx.load_for_reading();
    list(corpus, args.selector.as_deref(), out)?;
    Ok(ExitCode::SUCCESS)
}

/// `selector<TAB>title` lines: of the briefs, or of what `selector` contains.
pub fn list(corpus: &Corpus, selector: Option<&str>, out: &mut impl Write) -> Result<(), Failure> {
    let Some(selector) = selector else {
        // From each brief's listing: a built-in brief is not decoded to be listed.
        let briefs = corpus.briefs();
        for b in (0..briefs.len()).filter_map(|i| briefs.contents(i)) {
            writeln!(out, "{}\t{}", b.id(), render::field(b.title()))?;
        }
        return Ok(());
    };
    match resolve(corpus, selector)? {
        Target::Brief(b) => {
            for s in &b.sections {
                writeln!(out, "{}/{}\t{}", b.id, s.id, render::field(&s.title))?;
            }
        }
        Target::Section(b, s) => {
            for e in s.entries() {
                list_entry(corpus, Target::Entry(b, s, e), out)?;
            }
        }
        entry @ Target::Entry(..) => list_entry(corpus, entry, out)?,
    }
    Ok(())
}

/// `selector<TAB>title` of one entry.
fn list_entry(corpus: &Corpus, target: Target<'_>, out: &mut impl Write) -> io::Result<()> {
    let Target::Entry(_, _, e) = target else {
        return Ok(());
    };
    writeln!(
        out,
        "{}\t{}",
        render::selector(target),
        render::field(&render::entry_title(corpus, e))
    )
}
