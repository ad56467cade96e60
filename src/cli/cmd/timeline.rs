//! `brief timeline`: dated events in date order, counted from today.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::args::TimelineArgs;
use crate::cli::ctx::Ctx;
use crate::render;

pub fn run(ctx: &Ctx, args: &TimelineArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let corpus = ctx.load_for_reading();
    let today = ctx.today;
    let n = render::timeline::render(corpus, args.from, args.to, today, out)?;
    Ok(if n == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
