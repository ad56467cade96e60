//! `brief man`: the man page, from the same definition as `--help`.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Failure;
use crate::cli::args::Cli;

pub fn run(out: &mut impl Write) -> Result<ExitCode, Failure> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(ExitCode::SUCCESS)
}
