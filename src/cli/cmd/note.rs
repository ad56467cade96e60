//! `brief note SELECTOR [TEXT...]`: bookmark an entry or set its note.

use std::io::{self, IsTerminal, Read};
use std::process::ExitCode;

use crate::brief::corpus::Target;
use crate::brief::text::neutralise;
use crate::cli::Failure;
use crate::cli::args::NoteArgs;
use crate::cli::ctx::Ctx;
use crate::cli::lookup::resolve;

/// More than this on stdin is not a note but a mistake (`cat big.pdf | brief note ..`).
const MAX_NOTE_BYTES: u64 = 1 << 20;

pub fn run(ctx: &Ctx, args: &NoteArgs) -> Result<ExitCode, Failure> {
    let selector = &args.selector;
    // What the note is to be is settled first: a usage error should not wait on a load.
    let given = if args.remove { None } else { note_text(args)? };
    if !args.remove && !args.bookmark && given.is_none() {
        return Err(Failure::Usage(format!(
            "no note for `{selector}`: write it after the selector (brief note {selector} TEXT), \
             pipe it in (echo TEXT | brief note {selector}), or pass --bookmark or --remove"
        )));
    }
    let corpus = ctx.load_for_reading();
    let mut store = ctx.open_desk()?;
    let changes = if args.remove {
        vec![crate::desk::Change::Remove(selector.clone())]
    } else {
        let target = resolve(corpus, selector)?;
        if !matches!(target, Target::Entry(..)) {
            return Err(Failure::NotFound(format!(
                "`{selector}` is a brief or section; notes go on entries (`brief list {selector}`)"
            )));
        }
        // Only what was given is set, each on its own, on top of what the file holds when
        // saving: the note there is stays with --bookmark alone, the bookmark with a note
        // alone, and a bookmark or note saved meanwhile by another window is kept.
        let mut changes = Vec::new();
        if let Some(text) = given.as_deref() {
            changes.push(crate::desk::note(corpus, target, Some(text), ctx.today));
        }
        if args.bookmark {
            changes.push(crate::desk::bookmark(corpus, target, true, ctx.today));
        }
        changes
    };
    if let Some(n) = store.save(&changes)? {
        eprintln!("brief: {}", neutralise(&n.0));
    }
    Ok(ExitCode::SUCCESS)
}

/// The note given: the words after the selector, else what stdin holds when it is not a
/// terminal (`echo text | brief note SEL`). `None` when neither gives any text.
fn note_text(args: &NoteArgs) -> Result<Option<String>, Failure> {
    if !args.text.is_empty() {
        return Ok(Some(args.text.join(" ")));
    }
    // On a terminal, waiting for typed text with no prompt would look like a hang.
    if io::stdin().is_terminal() {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(MAX_NOTE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_NOTE_BYTES {
        return Err(Failure::NotFound(
            "the note on stdin is over 1 MiB; a note is text for a meeting".into(),
        ));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(Failure::NotFound(
            "the note on stdin is not UTF-8 text".into(),
        ));
    };
    // `echo` ends with a line break that is not part of the note.
    let text = text.trim_end();
    Ok((!text.trim().is_empty()).then(|| text.to_owned()))
}
