//! `brief compare [ISSUE]`: positions on an issue side by side, or the issues.

use std::io::Write;
use std::process::ExitCode;

use crate::brief::corpus::Corpus;
use crate::brief::model::StakeholderGroup;
use crate::cli::Failure;
use crate::cli::args::CompareArgs;
use crate::cli::ctx::{Ctx, default_width};
use crate::cli::lookup::{check_actors, no_such};
use crate::render::{Format, Layout};

pub fn run(ctx: &Ctx, args: &CompareArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let corpus = ctx.load_for_reading();
    check_actors(corpus, &args.actors)?;
    let layout = Layout {
        width: args.width.unwrap_or_else(default_width),
        color: false,
        today: ctx.today,
    };
    compare(
        corpus,
        args.issue.as_deref(),
        &args.actors,
        args.group,
        args.format,
        layout,
        out,
    )
}

fn compare(
    corpus: &Corpus,
    issue: Option<&str>,
    actors: &[String],
    group: Option<StakeholderGroup>,
    format: Format,
    layout: Layout,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    use crate::render::compare::{
        positions, render_issue, render_issue_json, render_issue_markdown,
    };
    let issues: Vec<&crate::brief::model::Issue> = match issue {
        Some(id) => match corpus.issue(id) {
            Some(i) => vec![i],
            None => return Err(no_such("issue", id, corpus.issues().map(|i| i.id.as_str()))),
        },
        None if actors.is_empty() && group.is_none() => {
            for i in corpus.issues() {
                let n = positions(corpus, &i.id, &[], None).len();
                writeln!(
                    out,
                    "{}\t{}\t{n} position{}",
                    i.id,
                    crate::render::field(&i.title),
                    if n == 1 { "" } else { "s" }
                )?;
            }
            return Ok(ExitCode::SUCCESS);
        }
        None => corpus
            .issues()
            .filter(|i| !positions(corpus, &i.id, actors, group).is_empty())
            .collect(),
    };
    let mut shown = 0;
    for (n, i) in issues.iter().enumerate() {
        let placed = positions(corpus, &i.id, actors, group);
        shown += placed.len();
        match format {
            Format::Markdown => render_issue_markdown(corpus, i, &placed, out)?,
            Format::Json | Format::Yaml => render_issue_json(corpus, i, &placed, out)?,
            Format::Text => {
                if n > 0 {
                    writeln!(out, "\n{}\n", "═".repeat(layout.width.clamp(1, 80)))?;
                }
                render_issue(corpus, i, &placed, layout, out)?
            }
        }
    }
    Ok(if shown == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
