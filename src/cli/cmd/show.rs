//! `brief show SELECTOR...`: print briefs, sections or entries in a format.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::args::ShowArgs;
use crate::cli::ctx::{Ctx, default_width};
use crate::cli::lookup::resolve;
use crate::render::{self, Format, Layout};

pub fn run(ctx: &Ctx, args: &ShowArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let corpus = ctx.load_for_reading();
    let layout = Layout {
        width: args.width.unwrap_or_else(default_width),
        color: args.format == Format::Text && ctx.color_wanted(),
        today: ctx.today,
    };
    print(corpus, &args.selectors, args.format, layout, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Print what `selectors` name in `format`, a blank line between texts: what `brief show`
/// prints, and `brief pick` of what was chosen.
pub fn print(
    corpus: &crate::brief::corpus::Corpus,
    selectors: &[String],
    format: Format,
    layout: Layout,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    // Every selector is looked up before anything is printed: a typo prints nothing.
    let targets = selectors
        .iter()
        .map(|s| resolve(corpus, s))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, target) in targets.into_iter().enumerate() {
        if i > 0 && matches!(format, Format::Text | Format::Markdown) {
            writeln!(out)?;
        }
        render::render(corpus, target, format, layout, &mut *out)?;
    }
    Ok(())
}
