//! `brief search`: entries matching words and filters, one per line.

use std::io::Write;
use std::process::ExitCode;

use rayon::prelude::*;

use crate::cli::Failure;
use crate::cli::args::SearchArgs;
use crate::cli::ctx::Ctx;
use crate::cli::lookup::{check_actors, resolve};
use crate::library::{self, CachedSearch};
use crate::search::text::Matcher;
use crate::search::{Filter, Index, Query, hit, search};

pub fn run(ctx: &Ctx, args: &SearchArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let query = Query::parse(&args.query.join(" "));
    let unfiltered = args.within.is_none()
        && args.tags.is_empty()
        && args.actors.is_empty()
        && args.groups.is_empty()
        && args.stances.is_empty()
        && args.sources.is_empty();
    if unfiltered
        && let Some(cached) = library::cached_search(&ctx.request(&[]))
        && let Some(lines) = search_cached(&cached, &query)
    {
        let mut any = false;
        for brief in &lines {
            out.write_all(brief.as_bytes())?;
            any |= !brief.is_empty();
        }
        return Ok(if any {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let (corpus, texts) = ctx.load_with_texts(true);
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
    // The cache's folded texts spare folding every entry again, when it has them.
    let hits = match texts {
        Some(texts) => {
            let index = Index::reading(corpus, std::sync::Arc::new(texts));
            let places = index.matches(corpus, &query, &filter);
            places
                .into_par_iter()
                .map(|p| hit(corpus, p, &query))
                .collect()
        }
        None => search(corpus, &query, &filter),
    };
    for h in &hits {
        writeln!(out, "{}\t{}", h.selector, h.snippet)?;
    }
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The lines `brief search` prints for `query`, one string per brief, read from the cache
/// without loading the corpus: each brief's searchable text is scanned on every core, and
/// only a brief with hits has its hit text read. `None` when the cache fails us on the way
/// (the corpus is then loaded and searched instead).
fn search_cached(cached: &CachedSearch, query: &Query) -> Option<Vec<String>> {
    let names = cached.names();
    let matcher = Matcher::new(query, names);
    (0..cached.len())
        .into_par_iter()
        .map(|i| {
            let text = cached.text(i)?;
            let found = text.matching(&matcher);
            let mut lines = String::new();
            if found.is_empty() {
                return Some(lines);
            }
            let hits = cached.hits(i, &text)?;
            for n in found {
                let (selector, snippet) = hits.hit(&text, names, &matcher, n)?;
                lines.push_str(&selector);
                lines.push('\t');
                lines.push_str(&snippet);
                lines.push('\n');
            }
            Some(lines)
        })
        .collect()
}
