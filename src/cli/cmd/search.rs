//! `brief search`: entries matching words and filters, one per line.

use std::io::Write;
use std::process::ExitCode;

use rayon::prelude::*;

use crate::cli::Failure;
use crate::cli::args::SearchArgs;
use crate::cli::ctx::Ctx;
use crate::cli::lookup::{check_actors, resolve};
use crate::library::{self, Searchable};
use crate::search::text::Matcher;
use crate::search::text::Names;
use crate::search::{Filter, Index, Query, hit, search};

pub fn run(ctx: &Ctx, args: &SearchArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let query = Query::parse(&args.query.join(" "));
    let unfiltered = args.within.is_none()
        && args.tags.is_empty()
        && args.actors.is_empty()
        && args.groups.is_empty()
        && args.stances.is_empty()
        && args.sources.is_empty();
    // `brief search ""` is `brief search` with nothing to look for: the same usage error,
    // not every entry (that is `brief list`'s work) nor a silent exit.
    if query.is_empty() && unfiltered {
        return Err(Failure::Usage(
            "nothing to search for: give a word, a \"phrase\" or a filter (--in, --tag, --actor, --group, --stance, --source); `brief list` lists entries".to_owned(),
        ));
    }
    let print = |lines: Vec<String>, out: &mut dyn Write| -> Result<ExitCode, Failure> {
        let mut any = false;
        for brief in &lines {
            out.write_all(brief.as_bytes())?;
            any |= !brief.is_empty();
        }
        Ok(if any {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    };
    if unfiltered
        && let Some(cached) = library::cached_search(&ctx.request(&[]))
        && let Some(names) = cached.names()
        && let Some(lines) = search_texts(&cached, names, None, &query)
    {
        return print(lines, out);
    }
    // Unfiltered, each text is searched where it is read, when no cache keeps it.
    let loaded = ctx.load_with_texts(true, unfiltered.then(|| query.clone()));
    let (corpus, texts) = (loaded.corpus, loaded.texts);
    // The negotiated texts' searchable texts are made from the texts, not from briefs made
    // of them, and their hits too.
    if unfiltered
        && let Some(texts) = &texts
        && texts.names().is_none()
        && let Some(lines) = search_texts(texts, corpus, Some(corpus), &query)
    {
        return print(lines, out);
    }
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

/// The lines `brief search` prints for `query`, one string per brief, without folding a
/// brief that `texts` has the searchable text of: each brief's searchable text is scanned
/// on every core, and only a brief with hits has its hit text read or made. A brief
/// `texts` lacks is folded from `corpus`. `None` when the cache fails us on the way (the
/// corpus is then loaded and searched instead).
fn search_texts(
    texts: &Searchable,
    names: &(impl Names + Sync),
    corpus: Option<&crate::brief::corpus::Corpus>,
    query: &Query,
) -> Option<Vec<String>> {
    let matcher = Matcher::new(query, names);
    (0..texts.len())
        .into_par_iter()
        .map(|i| {
            if let Some(lines) = texts.lines(i) {
                return lines.map(str::to_owned);
            }
            let (text, mut hits) = match texts.text(i) {
                Some(text) => (text, None),
                None => {
                    let (text, hits) = crate::search::text::build(corpus?.briefs().get(i)?);
                    (text, Some(hits))
                }
            };
            let found = text.matching(&matcher);
            let mut lines = String::new();
            if found.is_empty() {
                return Some(lines);
            }
            if hits.is_none() {
                hits = Some(texts.hits(i, &text, Some(&found))?);
            }
            let hits = hits?;
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
