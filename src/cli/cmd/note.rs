//! `brief note SELECTOR [TEXT...]`: bookmark an entry or set its note.

use std::process::ExitCode;

use crate::brief::corpus::Target;
use crate::brief::date::Date;
use crate::brief::text::neutralise;
use crate::cli::Failure;
use crate::cli::args::NoteArgs;
use crate::cli::ctx::Ctx;
use crate::cli::lookup::resolve;

pub fn run(ctx: &Ctx, args: &NoteArgs) -> Result<ExitCode, Failure> {
    let selector = &args.selector;
    let corpus = ctx.load_for_reading();
    let mut store = ctx.open_desk()?;
    let change = if args.remove {
        crate::desk::Change::Remove(selector.clone())
    } else {
        let target = resolve(corpus, selector)?;
        if !matches!(target, Target::Entry(..)) {
            return Err(Failure::NotFound(format!(
                "`{selector}` is a brief or section; notes go on entries (`brief list {selector}`)"
            )));
        }
        let old = store.desk.get(selector).cloned();
        let note = if args.text.is_empty() {
            old.as_ref()
                .and_then(|m| m.note.as_ref().map(|n| n.to_string()))
        } else {
            Some(args.text.join(" "))
        };
        let bookmark = args.bookmark || old.is_some_and(|m| m.bookmark);
        crate::desk::put(corpus, target, bookmark, note.as_deref(), Date::today())
    };
    if let Some(n) = store.save(&[change])? {
        eprintln!("brief: {}", neutralise(&n.0));
    }
    Ok(ExitCode::SUCCESS)
}
