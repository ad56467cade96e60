//! `brief read`, `brief pick` and `brief` alone: the reader, and what to do without one.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::args::{ColorChoice, PickArgs, PickFormat, ReadArgs};
use crate::cli::cmd::list::list;
use crate::cli::ctx::{Ctx, default_width};
use crate::cli::lookup::resolve;
use crate::library;
use crate::render::{Format, Layout};
use crate::search::TextSource;
use crate::tui::theme::ThemeName;

pub fn read(ctx: &Ctx, args: &ReadArgs) -> Result<ExitCode, Failure> {
    if line_mode(ctx) {
        return super::line::run(ctx, args.selector.clone());
    }
    if let Some(why) = no_reader(false) {
        return Err(Failure::Usage(why));
    }
    reader(ctx, args.selector.clone(), None)
}

pub fn pick(ctx: &Ctx, args: &PickArgs) -> Result<ExitCode, Failure> {
    if let Some(why) = no_reader(true) {
        return Err(Failure::Usage(why));
    }
    let pick = Pick {
        format: args.format.shown(),
        width: args.width.unwrap_or_else(default_width),
        color: args.format == PickFormat::Text && ctx.color_wanted(),
    };
    reader(ctx, args.selector.clone(), Some(pick))
}

/// `brief` with no command: the reader on a terminal, else the list of briefs (what a
/// pipe can use).
pub fn default(ctx: &Ctx, out: &mut impl Write) -> Result<ExitCode, Failure> {
    if ctx.plain {
        return super::line::run(ctx, None);
    }
    match no_reader(false) {
        None => reader(ctx, None, None),
        Some(why) => {
            let corpus = ctx.load_for_reading();
            if std::env::var("TERM").is_ok_and(|t| t == "dumb") && io::stdout().is_terminal() {
                eprintln!("brief: {why}; here is the list of briefs (`brief show` prints one)");
            }
            list(corpus, None, out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Whether `brief read` reads in line mode: asked for (`--plain`), or where the
/// full-screen reader cannot draw: TERM=dumb, or stdout not a terminal (a pipe, a
/// screen reader's capture). stdin alone not a terminal stays the usage error it was.
fn line_mode(ctx: &Ctx) -> bool {
    ctx.plain || std::env::var("TERM").is_ok_and(|t| t == "dumb") || !io::stdout().is_terminal()
}

/// Why the reader cannot open here, if it cannot. `pick` needs only a terminal to draw on,
/// not stdout.
fn no_reader(pick: bool) -> Option<String> {
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return Some("the reader needs a terminal that can move the cursor (TERM=dumb)".into());
    }
    if pick {
        return std::fs::File::open("/dev/tty")
            .err()
            .map(|_| "brief pick needs a terminal to draw on (/dev/tty)".to_owned());
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Some("the reader needs a terminal on stdin and stdout".into());
    }
    None
}

/// What `brief pick` prints once a choice is made: each target in a format of `brief
/// show`, or (`None`) only the selectors.
struct Pick {
    format: Option<Format>,
    width: usize,
    color: bool,
}

/// Open the reader; with `pick`, print the chosen target to stdout after it closes.
fn reader(ctx: &Ctx, start: Option<String>, pick: Option<Pick>) -> Result<ExitCode, Failure> {
    use crate::tui::action::Outcome;
    use crate::tui::app::Options;
    use crate::tui::{Ending, Loading, Settings, run};
    // The config file first: a broken one is said before the terminal changes. One small
    // file read, and only when the reader opens.
    let config = crate::cli::ctx::read_config()?;
    // The reader draws at once and the briefs fill in: a load that reads files runs on its
    // own thread. Its problems are shown in the footer while reading and printed when the
    // reader ends.
    let problems = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let request = library::Request {
        texts: true,
        ..ctx.request(&[])
    };
    let max_bytes = ctx.max_file_size();
    let loading = match library::load_at_once(&request) {
        Some(loaded) => Loading::Done(Box::new(for_reader(loaded, max_bytes, &problems, None))),
        None => {
            let problems = std::sync::Arc::clone(&problems);
            // Run again whenever a file it read changes (see `tui::reload`).
            Loading::Later(std::sync::Arc::new(
                move |progress: &(dyn Fn(library::Progress) + Sync)| {
                    let sources = library::Sources::before(&request);
                    let loaded = library::load_with_progress(&request, progress);
                    for_reader(loaded, max_bytes, &problems, Some(sources))
                },
            ))
        }
    };
    let no_color = ctx.color == ColorChoice::Never
        || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = ctx.theme.or(config.theme).unwrap_or(if no_color {
        ThemeName::Mono
    } else {
        ThemeName::Default
    });
    // The reader opens even when the desk cannot be read; saving then says why not.
    let (store, notice) = match ctx.open_desk_quietly() {
        Ok((store, notice)) => (Ok(store), notice),
        Err(Failure::NotFound(why) | Failure::Usage(why)) => (Err(why.clone()), Some(why)),
        Err(Failure::Io(e)) => {
            let why = desk_folder_problem(ctx, &e);
            (
                Err(why.clone()),
                Some(format!("notes will not be saved: {why}")),
            )
        }
    };
    // Where the reader was last, unless it is a chooser, told where to start, or told
    // to start afresh. A small file read; a place that cannot be read is said and left.
    let (resume, notice) = match (&pick, &start, ctx.fresh) {
        (None, None, false) => match crate::desk::state::read_place() {
            Ok(place) => (place, notice),
            Err(why) => (
                None,
                notice.or_else(|| {
                    Some(format!(
                        "where you left off could not be read ({}); opened at the top",
                        crate::brief::text::neutralise(&why)
                    ))
                }),
            ),
        },
        _ => (None, notice),
    };
    let options = Options {
        theme,
        today: ctx.today,
        pick: pick.is_some(),
        start,
        desk: store.as_ref().map(|s| s.desk.clone()).unwrap_or_default(),
        notice,
        resume,
    };
    let settings = Settings {
        show_cursor: ctx.show_cursor || config.show_cursor,
        osc52: ctx.osc52 || config.osc52,
    };
    let (ending, corpus, unsaved, place) = run(loading, options, settings, store, pick.is_some())?;
    // The place is kept for next time, however the reader ended; `brief pick` is a
    // chooser, not a reading, and keeps none.
    if pick.is_none()
        && let Some(place) = place
        && let Err(e) = crate::desk::state::write_place(&place)
    {
        eprintln!("brief: where you left off could not be kept: {e}");
    }
    let kept_elsewhere = keep_unsaved(&unsaved);
    if let Ok(problems) = problems.lock()
        && !problems.is_empty()
    {
        for d in problems.iter() {
            eprintln!("{d}");
        }
        eprintln!("brief: the briefs with errors above were not loaded; `brief check` tells more");
    }
    if kept_elsewhere {
        return Ok(ExitCode::from(1));
    }
    match ending {
        Ending::Signal(sig) => Ok(ExitCode::from(128 + sig.clamp(0, 127) as u8)),
        Ending::Done(Outcome::Picked(selectors)) => {
            let Some(pick) = pick else {
                return Ok(ExitCode::SUCCESS);
            };
            let layout = Layout {
                width: pick.width,
                color: pick.color,
                today: ctx.today,
            };
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            match pick.format {
                Some(format) => {
                    crate::cli::cmd::show::print(&corpus, &selectors, format, layout, &mut out)?
                }
                None => {
                    for s in &selectors {
                        // Known to the reader, so known here: checked all the same.
                        resolve(&corpus, s)?;
                    }
                    for s in &selectors {
                        writeln!(out, "{s}")?;
                    }
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        // Quitting `brief pick` without choosing is like fzf's Esc: nothing printed.
        Ending::Done(Outcome::Quit) if pick.is_some() => Ok(ExitCode::from(1)),
        Ending::Done(Outcome::Quit) => Ok(ExitCode::SUCCESS),
    }
}

/// What the reader is given of a load: its briefs, and a line about the files that did
/// not load, whose problems are kept in `problems` to be printed when the reader ends.
fn for_reader(
    loaded: library::Loaded,
    max_bytes: u64,
    problems: &std::sync::Mutex<Vec<crate::brief::diag::Diagnostic>>,
    sources: Option<library::Sources>,
) -> crate::tui::Load {
    let files: std::collections::BTreeSet<&str> =
        loaded.diagnostics.iter().map(|d| d.file.as_str()).collect();
    let notice = match files.len() {
        0 => None,
        1 => Some("1 file with errors was not loaded; `brief check` tells more".into()),
        n => Some(format!(
            "{n} files with errors were not loaded; `brief check` tells more"
        )),
    };
    let errors = loaded.diagnostics;
    if let Ok(mut p) = problems.lock() {
        p.clone_from(&errors);
    }
    crate::tui::Load {
        corpus: loaded.corpus,
        notice,
        texts: loaded
            .texts
            .map(|t| std::sync::Arc::new(t) as std::sync::Arc<dyn TextSource>),
        histories: crate::tui::app::TextFiles {
            histories: loaded.histories,
            max_bytes,
        },
        sources,
        errors,
    }
}

/// Why the data folder cannot hold the desk, in words that name it and how it was chosen.
pub(super) fn desk_folder_problem(ctx: &Ctx, e: &io::Error) -> String {
    let dir = crate::desk::store::data_dir(ctx.data_dir.as_deref());
    let how = if ctx.data_dir.is_some() {
        " (from --data-dir)"
    } else if std::env::var_os("BRIEF_DATA_DIR").is_some_and(|v| !v.is_empty()) {
        " (from BRIEF_DATA_DIR)"
    } else {
        ""
    };
    match dir {
        Some(d) => crate::brief::text::neutralise(&format!(
            "the data folder {}{how} cannot be used: {e}",
            d.display()
        ))
        .into_owned(),
        None => format!("there is no data folder: {e}"),
    }
}

/// Notes and bookmarks the reader could not save are written to a file of their own, whose
/// path is printed; if even that fails, they are printed. Whether there were any.
/// What of `unsaved` there is to keep elsewhere: the marks it sets. `None` when it only
/// takes marks away, which leaves nothing of the user's to keep.
fn to_keep(unsaved: &[crate::desk::Change]) -> Option<crate::desk::Desk> {
    let mut desk = crate::desk::Desk::default();
    desk.apply_all(unsaved);
    (!desk.marks.is_empty()).then_some(desk)
}

/// `1 change`, `2 changes`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn keep_unsaved(unsaved: &[crate::desk::Change]) -> bool {
    if unsaved.is_empty() {
        return false;
    }
    let Some(desk) = to_keep(unsaved) else {
        eprintln!(
            "brief: {} could not be saved: the desk still holds what you took away",
            plural(unsaved.len(), "change", "changes")
        );
        return true;
    };
    let text = desk.to_text();
    match crate::desk::store::set_aside(&text) {
        Ok(path) => eprintln!(
            "brief: {} could not be saved; kept in {}",
            plural(desk.marks.len(), "note or bookmark", "notes and bookmarks"),
            crate::brief::text::neutralise(&path.display().to_string())
        ),
        Err(e) => {
            eprintln!("brief: notes and bookmarks could not be saved ({e}); here they are:");
            eprintln!("{}", crate::brief::text::neutralise(&text));
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::Change;

    #[test]
    fn only_what_sets_a_mark_is_kept_elsewhere() {
        let corpus = crate::library::builtin_corpus();
        let t = corpus
            .resolve("wsis20-overview/issues/igf-mandate")
            .unwrap();
        let today = crate::brief::date::Date::ymd(2026, 12, 6);
        let removed = vec![
            Change::Remove("a/b/c".into()),
            crate::desk::bookmark(&corpus, t, false, today),
        ];
        assert_eq!(to_keep(&removed), None);
        let mut set = removed.clone();
        set.push(crate::desk::note(&corpus, t, Some("keep me"), today));
        let kept = to_keep(&set).unwrap();
        assert_eq!(kept.marks.len(), 1);
        assert_eq!(kept.marks[0].note.as_deref(), Some("keep me"));
        assert_eq!(plural(1, "change", "changes"), "1 change");
    }
}
