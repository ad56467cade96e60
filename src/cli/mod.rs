//! The command line: parse arguments, run the command, turn the outcome into an exit code.
//! A closed pipe is graceful termination, handled once here. Exit codes: 0 ok, 1 not
//! found / invalid content / no match, 2 usage.
//!
//! Each command lives in its own module under `cmd/` and takes the [`Ctx`] (the global
//! flags, read once) and its own arguments; this file only dispatches.

mod args;
mod cmd;
mod complete;
mod config;
mod ctx;
mod lookup;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

pub use args::{Cli, ColorChoice, Command, ExportFormat};
use ctx::Ctx;

use crate::brief::text::neutralise;

/// What ended a command early.
enum Failure {
    Io(io::Error),
    /// A message for stderr, and exit status 1.
    NotFound(String),
    /// A message for stderr, and exit status 2.
    Usage(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e)
    }
}

pub fn main() -> ExitCode {
    // Before anything else, since the shell reads everything printed as candidates.
    complete::answer_if_asked();
    let cli = match Cli::from_env() {
        Ok(cli) => cli,
        // Help and version are ours: print them as clap would.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // A usage error quotes what was typed, which may hold control characters (a
        // file name from a glob, say): shown neutralised, as plain text.
        Err(e) => {
            eprint!("{}", neutralise(&e.render().to_string()));
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("brief: {e}");
            ExitCode::from(1)
        }
        Err(Failure::NotFound(message)) => {
            eprintln!("brief: {}", neutralise(&message));
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("brief: {}", neutralise(&message));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let ctx = Ctx::new(&cli);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match cli.command {
        Some(Command::Schema) => cmd::schema::run(&mut out)?,
        Some(Command::Check(a)) => cmd::check::run(&ctx, &a, &mut out)?,
        Some(Command::Completions(a)) => cmd::completions::run(&a, &mut out)?,
        Some(Command::Man) => cmd::man::run(&mut out)?,
        Some(Command::List(a)) => cmd::list::run(&ctx, &a, &mut out)?,
        Some(Command::Show(a)) => cmd::show::run(&ctx, &a, &mut out)?,
        Some(Command::Search(a)) => cmd::search::run(&ctx, &a, &mut out)?,
        Some(Command::Compare(a)) => cmd::compare::run(&ctx, &a, &mut out)?,
        Some(Command::Timeline(a)) => cmd::timeline::run(&ctx, &a, &mut out)?,
        Some(Command::Sources(a)) => cmd::declared::sources(&ctx, &a, &mut out)?,
        Some(Command::Actors(a)) => cmd::declared::actors(&ctx, &a, &mut out)?,
        Some(Command::Issues(a)) => cmd::declared::issues(&ctx, &a, &mut out)?,
        Some(Command::Diff(a)) => cmd::diff::run(&ctx, &a, &mut out)?,
        Some(Command::Paragraphs(a)) => cmd::paragraphs::run(&ctx, &a, &mut out)?,
        Some(Command::Trace(a)) => cmd::history::trace(&ctx, &a, &mut out)?,
        Some(Command::Changes(a)) => cmd::history::changes(&ctx, &a, &mut out)?,
        Some(Command::Proposals(a)) => cmd::proposals::proposals(&ctx, &a, &mut out)?,
        Some(Command::Blame(a)) => cmd::proposals::blame(&ctx, &a, &mut out)?,
        Some(Command::History(a)) => cmd::history_file::run(&ctx, &a, &mut out)?,
        Some(Command::Note(a)) => cmd::note::run(&ctx, &a)?,
        Some(Command::Notes(a)) => cmd::notes::notes(&ctx, &a, &mut out)?,
        Some(Command::Export(a)) => cmd::notes::export(&ctx, &a, &mut out)?,
        Some(Command::Read(a)) => cmd::read::read(&ctx, &a)?,
        Some(Command::Pick(a)) => cmd::read::pick(&ctx, &a)?,
        None => cmd::read::default(&ctx, &mut out)?,
    };
    out.flush()?;
    Ok(code)
}
