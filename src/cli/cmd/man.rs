//! `brief man`: the man page, brief(1), from the same definition as `--help`, with the
//! FILES and ENVIRONMENT sections clap does not know about.
//!
//! One page is shipped, so the page names no other: clap_mangen lists the commands as
//! pages of their own (`brief-show(1)`), which are written here as `brief show` and
//! described by `brief show --help`.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;
use roff::{Roff, bold, italic, roman};

use crate::cli::Failure;
use crate::cli::args::Cli;

pub fn run(out: &mut impl Write) -> Result<ExitCode, Failure> {
    out.write_all(page()?.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The whole page, as roff.
pub fn page() -> io::Result<String> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    let mut page = String::from_utf8(buf).map_err(io::Error::other)?;
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        let page_ref = format!("\n{}(1)\n", roff_escape(&format!("brief-{name}")));
        let command = format!("\n\\fB{}\\fR\n", roff_escape(&format!("brief {name}")));
        page = page.replace(&page_ref, &command);
    }
    // The pointer to each command's --help closes the list of commands; the sections
    // clap does not know come before VERSION, where man pages keep them.
    insert_before(
        &mut page,
        &["\n.SH EXTRA", "\n.SH VERSION"],
        &help_pointer(),
    );
    insert_before(&mut page, &["\n.SH VERSION"], &sections());
    Ok(page)
}

/// Put `text` at the start of the first of `headings` found, else at the end.
fn insert_before(page: &mut String, headings: &[&str], text: &str) {
    match headings.iter().find_map(|h| page.find(h)) {
        Some(at) => page.insert_str(at + 1, text),
        None => page.push_str(text),
    }
}

/// How roff wants text written: a hyphen is `\-`, a backslash `\e`.
fn roff_escape(s: &str) -> String {
    s.replace('\\', "\\e").replace('-', "\\-")
}

/// A `.TP` item: a term in bold and what it is.
fn item(roff: &mut Roff, term: &str, text: &str) {
    roff.control("TP", [])
        .text([bold(term)])
        .text([roman(text)]);
}

/// FILES, ENVIRONMENT and EXIT STATUS. The paths are those
/// of `library::config_briefs_dir`, `desk::store::data_dir` and `cache::default_dir`.
fn sections() -> String {
    let mut r = Roff::new();
    r.control("SH", ["FILES"]);
    r.text([roman(
        "Folders are the platform's (XDG on Linux and other Unix systems, Known Folders on Windows).",
    )]);
    item(
        &mut r,
        "$XDG_CONFIG_HOME/brief/briefs/",
        "(~/.config/brief/briefs/) Your own briefs: every .yaml and .yml file under it is \
         loaded with the built-in ones, and replaces a built-in brief of the same id. \
         Left out with --no-builtin.",
    );
    item(
        &mut r,
        "$XDG_CONFIG_HOME/brief/config.yaml",
        "(~/.config/brief/config.yaml, or the file $BRIEF_CONFIG names) The reader's \
         settings: osc52: true (as --osc52), show_cursor: true (as --show-cursor), theme: \
         default, high-contrast or mono (as --theme, which wins). Read when the reader \
         opens; an unknown key or a wrong value is an error with its line and column \
         (exit 1).",
    );
    item(
        &mut r,
        "$BRIEF_STATE_DIR/clip.txt",
        "What the reader's Y copied last, written whole or not at all. The folder is \
         $BRIEF_STATE_DIR, else $XDG_STATE_HOME/brief (~/.local/state/brief).",
    );
    item(
        &mut r,
        "$BRIEF_DATA_DIR/desk.yaml",
        "Bookmarks and notes. The folder is --data-dir, else $BRIEF_DATA_DIR, else \
         $XDG_DATA_HOME/brief (~/.local/share/brief). desk.lock beside it is taken while \
         saving; a desk.yaml that cannot be read is renamed desk.unreadable-TIME.yaml and \
         kept.",
    );
    item(
        &mut r,
        "$BRIEF_CACHE_DIR/briefs-HASH.bin",
        "Parsed briefs, so unchanged files are not parsed again; one file per set of \
         folders loaded. The folder is $BRIEF_CACHE_DIR, else $XDG_CACHE_HOME/brief \
         (~/.cache/brief). Safe to delete; not used with --no-cache or by brief check.",
    );

    r.control("SH", ["ENVIRONMENT"]);
    item(
        &mut r,
        "BRIEF_DATA_DIR",
        "The folder for bookmarks and notes (see FILES); --data-dir wins over it.",
    );
    item(
        &mut r,
        "BRIEF_CONFIG",
        "The config file to read instead of $XDG_CONFIG_HOME/brief/config.yaml (see FILES).",
    );
    item(
        &mut r,
        "BRIEF_STATE_DIR",
        "The folder for clip.txt (see FILES).",
    );
    item(
        &mut r,
        "TMUX",
        "Set inside tmux: the reader's y sends OSC 52 both plain and wrapped for tmux's \
         passthrough.",
    );
    item(
        &mut r,
        "BRIEF_CACHE_DIR",
        "The folder for the cache of parsed briefs (see FILES).",
    );
    item(
        &mut r,
        "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME, XDG_CACHE_HOME, HOME",
        "Where the platform's config, data, state and cache folders are (see FILES).",
    );
    item(
        &mut r,
        "NO_COLOR",
        "When set and not empty: no colour with --color auto, and the reader's mono theme \
         unless --theme says otherwise.",
    );
    item(
        &mut r,
        "TZ",
        "The time zone whose date is today (a past meeting is held, a planned one upcoming), \
         else /etc/localtime's, else UTC; --today wins over both.",
    );
    item(
        &mut r,
        "TERM",
        "dumb: no colour with --color auto, and no full-screen reader (brief alone prints \
         the list of briefs instead; brief read reads in line mode, as --plain does).",
    );
    item(
        &mut r,
        "COLUMNS",
        "The width line mode (--plain) wraps its lines at; 80 when unset.",
    );

    item(
        &mut r,
        "COMPLETE",
        "Set by the shell's completion script (see brief completions): brief then prints \
         the completions of the command line that follows --, the selectors, issue ids \
         and actor ids of the briefs it names among them, instead of running it.",
    );

    r.control("SH", ["EXIT STATUS"]);
    item(&mut r, "0", "Success.");
    item(
        &mut r,
        "1",
        "Nothing is named so, nothing matched, a brief is invalid (brief check), or a file \
         could not be read or written.",
    );
    item(
        &mut r,
        "2",
        "Usage: an unknown option, a bad value, or a command that cannot run here.",
    );
    item(
        &mut r,
        "128+N",
        "The reader was ended by signal N (SIGINT, SIGHUP, SIGTERM); notes are kept.",
    );

    without_preamble(r.render())
}

/// Where each command's arguments are told.
fn help_pointer() -> String {
    let mut r = Roff::new();
    r.control("PP", []).text([
        roman("Each command's arguments and options: "),
        bold("brief"),
        roman(" "),
        italic("COMMAND"),
        roman(" "),
        bold("--help"),
        roman("."),
    ]);
    without_preamble(r.render())
}

fn without_preamble(text: String) -> String {
    // The page begins with roff's apostrophe preamble already; once is enough.
    match text.strip_prefix(APOSTROPHE_PREAMBLE) {
        Some(body) => body.to_owned(),
        None => text,
    }
}

/// What `Roff::render` puts first (roff 1.1).
const APOSTROPHE_PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
