//! `brief completions SHELL`: a static completion script, commands and options only. The
//! selectors, issues and actors come from dynamic completion (`COMPLETE=$SHELL brief`,
//! see `cli::complete`), which has to ask the binary each time.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Failure;
use crate::cli::args::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    clap_complete::generate(args.shell, &mut Cli::command(), "brief", out);
    Ok(ExitCode::SUCCESS)
}
