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
    // Every selector is looked up before anything is printed: a typo prints nothing.
    let targets = args
        .selectors
        .iter()
        .map(|s| resolve(corpus, s))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, target) in targets.into_iter().enumerate() {
        if i > 0 && matches!(args.format, Format::Text | Format::Markdown) {
            writeln!(out)?;
        }
        render::render(corpus, target, args.format, layout, &mut *out)?;
    }
    Ok(ExitCode::SUCCESS)
}
