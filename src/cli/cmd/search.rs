//! `brief search`: entries matching words and filters, one per line.

use std::io::Write;
use std::process::ExitCode;

use crate::brief::search::{Filter, Query, search};
use crate::cli::Failure;
use crate::cli::args::SearchArgs;
use crate::cli::ctx::Ctx;
use crate::cli::lookup::{check_actors, resolve};

pub fn run(ctx: &Ctx, args: &SearchArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let corpus = ctx.load_for_reading();
    // A filter naming nothing that exists is a mistake to report, not "no match".
    if let Some(w) = &args.within {
        resolve(corpus, w)?;
    }
    check_actors(corpus, &args.actors)?;
    let filter = Filter {
        within: args.within.clone(),
        tags: args.tags.clone(),
        actors: args.actors.clone(),
        groups: args.groups.clone(),
        stances: args.stances.clone(),
        sources: args.sources.clone(),
    };
    let hits = search(corpus, &Query::parse(&args.query.join(" ")), &filter);
    for h in &hits {
        writeln!(out, "{}\t{}", h.selector, h.snippet)?;
    }
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
