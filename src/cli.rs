//! The command line: parse arguments, run the command, turn the outcome into an exit code.
//! A closed pipe is graceful termination, handled once here.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::library::{self, Request};

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    about = "Read, search and compare policy briefs in the terminal"
)]
pub struct Cli {
    /// Load briefs from this file or folder too (repeatable).
    #[arg(long = "briefs", value_name = "PATH", global = true)]
    pub briefs: Vec<PathBuf>,

    /// Leave out the briefs built into brief.
    #[arg(long, global = true)]
    pub no_builtin: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate brief files or folders (the built-in briefs when no path is given).
    ///
    /// Errors are printed as file:line:column: message. Exit status 1 when any is found.
    Check {
        /// Files or folders to check.
        paths: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the brief format, for editors.
    Schema,
}

/// What ended a command early.
enum Failure {
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e)
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("brief: {e}");
            ExitCode::from(1)
        }
    }
}

fn request(cli: &Cli, extra: &[PathBuf]) -> Request {
    let mut paths = cli.briefs.clone();
    paths.extend_from_slice(extra);
    Request {
        paths,
        builtin: !cli.no_builtin,
        config_dir: !cli.no_builtin,
        ..Request::default()
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match &cli.command {
        Some(Command::Schema) => {
            let schema = schemars::schema_for!(crate::brief::model::Brief);
            let text = serde_json::to_string_pretty(&schema).map_err(io::Error::other)?;
            writeln!(out, "{text}")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { paths }) => check(&cli, paths, &mut out),
        None => {
            let loaded = library::load(&request(&cli, &[]));
            report_load_problems(&loaded);
            for b in loaded.corpus.briefs() {
                writeln!(out, "{}\t{}", b.id, b.title)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Problems in some files do not stop the others loading; say what was skipped.
fn report_load_problems(loaded: &library::Loaded) {
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    if !loaded.diagnostics.is_empty() {
        eprintln!(
            "brief: the briefs with errors above were not loaded; run `brief check` on them for details"
        );
    }
}

fn check(cli: &Cli, paths: &[PathBuf], out: &mut impl Write) -> Result<ExitCode, Failure> {
    let mut req = request(cli, paths);
    // Checking named files: the config folder is not what was asked about.
    if !paths.is_empty() {
        req.config_dir = false;
    }
    let loaded = library::load(&req);
    for d in &loaded.diagnostics {
        writeln!(out, "{d}")?;
    }
    let briefs = loaded.corpus.briefs();
    if loaded.diagnostics.is_empty() {
        let entries: usize = briefs
            .iter()
            .flat_map(|b| &b.sections)
            .map(|s| s.entry_count())
            .sum();
        let positions: usize = briefs
            .iter()
            .flat_map(|b| &b.sections)
            .map(|s| s.positions.len())
            .sum();
        writeln!(
            out,
            "ok: {} briefs in {} files, {} entries, {} issues, {} positions",
            briefs.len(),
            loaded.files,
            entries,
            loaded.corpus.issues().count(),
            positions
        )?;
        Ok(ExitCode::SUCCESS)
    } else {
        let n = loaded.diagnostics.len();
        eprintln!(
            "brief check: {n} error{} found",
            if n == 1 { "" } else { "s" }
        );
        Ok(ExitCode::from(1))
    }
}
