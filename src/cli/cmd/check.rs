//! `brief check [PATH...]`: validate brief files, every error with its place.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::args::CheckArgs;
use crate::cli::ctx::Ctx;
use crate::library;

pub fn run(ctx: &Ctx, args: &CheckArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let paths = &args.paths;
    let mut req = ctx.request(paths);
    // Checking named files: the config folder is not what was asked about.
    if !paths.is_empty() {
        req.config_dir = false;
    }
    // A check reads every file: it is what one runs to be sure.
    req.cache_dir = None;
    // And tells what cannot be true today (or on `--today`).
    req.checked_on = Some(ctx.today);
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
        // Proposals are counted where there are any: most libraries have none.
        let proposals: usize = briefs
            .iter()
            .flat_map(|b| &b.sections)
            .map(|s| s.proposals.len())
            .sum();
        let proposals = match proposals {
            0 => String::new(),
            n => format!(", {n} proposals"),
        };
        writeln!(
            out,
            "ok: {} briefs in {} files, {} entries, {} issues, {} positions{proposals}",
            briefs.len(),
            loaded.files,
            entries,
            loaded.corpus.issues().count(),
            positions
        )?;
        Ok(ExitCode::SUCCESS)
    } else {
        // The diagnostics (stdout) before the summary (stderr), when both go to a terminal.
        out.flush()?;
        let n = loaded.diagnostics.len();
        eprintln!(
            "brief check: {n} error{} found",
            if n == 1 { "" } else { "s" }
        );
        Ok(ExitCode::from(1))
    }
}
