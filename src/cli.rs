//! The command line: parse arguments, run the command, turn the outcome into an exit code.
//! A closed pipe is graceful termination, handled once here. Exit codes: 0 ok, 1 not
//! found / invalid content / no match, 2 usage.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::diag::did_you_mean;
use crate::brief::model::{StakeholderGroup, Stance};
use crate::brief::search::{Filter, Query, search};
use crate::brief::text::neutralise;
use crate::library::{self, Request};
use crate::render::{self, Format, Layout};
use crate::tui::theme::ThemeName;

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    about = "Read, search and compare policy briefs in the terminal",
    after_help = "Selectors name a brief, a section or an entry: wsis20-overview, \
                  wsis20-overview/issues, wsis20-overview/issues/igf-mandate.\n\
                  Run `brief list` to see them."
)]
pub struct Cli {
    /// Load briefs from this file or folder too (repeatable).
    #[arg(long = "briefs", value_name = "PATH", global = true)]
    pub briefs: Vec<PathBuf>,

    /// Leave out the briefs built into brief and those in the config folder.
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// When to use colour: auto means when stdout is a terminal and NO_COLOR is unset.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Keep bookmarks and notes in this folder (default: $BRIEF_DATA_DIR, else the
    /// platform's data folder, ~/.local/share/brief on Linux).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Refuse brief files larger than this: bytes, or with K, M or G (powers of 1024).
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size,
          default_value = "8M")]
    pub max_file_size: u64,

    /// Parse every brief file now rather than take unchanged ones from the cache
    /// ($BRIEF_CACHE_DIR, else the platform's cache folder, ~/.cache/brief on Linux).
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// The reader's colours: default, high-contrast, or mono (also chosen by NO_COLOR).
    #[arg(long, value_enum, global = true, value_name = "THEME")]
    pub theme: Option<ThemeName>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the reader (what `brief` alone does on a terminal), optionally at a selector.
    Read {
        /// Brief, section or entry to open at.
        selector: Option<String>,
    },
    /// Choose a brief, section or entry in the reader, then print it to stdout: the reader
    /// draws on the terminal even when stdout is a pipe (`brief pick | wc -w`).
    Pick {
        /// Where to start.
        selector: Option<String>,
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Wrap text to N columns; 0 for no wrapping. Default: the terminal's width when
        /// stdout is a terminal, else 80.
        #[arg(long, short, value_name = "N")]
        width: Option<usize>,
    },
    /// List briefs, a brief's sections, or a section's entries: selector<TAB>title.
    List {
        /// A brief or section; all briefs when left out.
        selector: Option<String>,
    },
    /// Print briefs, sections or entries as text, Markdown, JSON Lines or YAML.
    Show {
        /// What to print (see `brief list`).
        #[arg(required = true)]
        selectors: Vec<String>,
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Wrap text to N columns; 0 for no wrapping. Default: the terminal's width, or 80
        /// when stdout is not a terminal.
        #[arg(long, short, value_name = "N")]
        width: Option<usize>,
    },
    /// Find entries: case- and accent-insensitive; every word must match; "a phrase" as
    /// a phrase. One match per line: selector<TAB>snippet. Exit status 1 when none.
    Search {
        /// Words and "quoted phrases"; may be left out when a filter is given.
        #[arg(required_unless_present_any = ["within", "tags", "actors", "groups", "stances", "sources"])]
        query: Vec<String>,
        /// Only under this brief or section.
        #[arg(long = "in", value_name = "SELECTOR")]
        within: Option<String>,
        /// Only entries with this tag (repeatable: any of them).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Only positions of, or reported by, this actor (repeatable).
        #[arg(long = "actor", value_name = "ACTOR")]
        actors: Vec<String>,
        /// Only positions of actors in this stakeholder group (repeatable).
        #[arg(long = "group", value_name = "GROUP", value_parser = parse_group)]
        groups: Vec<StakeholderGroup>,
        /// Only positions with this stance (repeatable).
        #[arg(long = "stance", value_name = "STANCE", value_parser = parse_stance)]
        stances: Vec<Stance>,
        /// Only entries citing this source (repeatable).
        #[arg(long = "source", value_name = "SOURCE")]
        sources: Vec<String>,
    },
    /// Positions on an issue side by side. With no issue: the issues, or with --actors every
    /// issue on which those actors have positions.
    Compare {
        /// An issue id (see `brief compare`).
        issue: Option<String>,
        /// Only these actors, in this order (comma-separated ids).
        #[arg(long, value_delimiter = ',', value_name = "ACTOR,...")]
        actors: Vec<String>,
        /// Only actors of this stakeholder group.
        #[arg(long, value_parser = parse_group, value_name = "GROUP")]
        group: Option<StakeholderGroup>,
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fit columns to N columns of text; 0 for no wrapping (columns then stack).
        #[arg(long, short, value_name = "N")]
        width: Option<usize>,
    },
    /// Dated events from every loaded brief in date order, with days until or since today:
    /// dates<TAB>when<TAB>status<TAB>title<TAB>selector.
    Timeline {
        /// Only events that end on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// Only events that start on or before this date.
        #[arg(long, value_parser = parse_date)]
        to: Option<Date>,
        /// Count days from this date instead of the system's today.
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Bookmark an entry or set its note, from the command line.
    Note {
        /// The entry (see `brief list`).
        selector: String,
        /// The note; replaces the one there is. Leave out to keep it.
        text: Vec<String>,
        /// Bookmark the entry too.
        #[arg(long, short)]
        bookmark: bool,
        /// Remove the entry's bookmark and note.
        #[arg(long, conflicts_with_all = ["text", "bookmark"])]
        remove: bool,
    },
    /// Every bookmark and note: selector<TAB>kind<TAB>standing, then the note indented.
    Notes {
        /// JSON Lines instead.
        #[arg(long)]
        json: bool,
    },
    /// A prep sheet: bookmarked and noted entries with summaries, citations and your notes,
    /// grouped by brief and issue.
    Export {
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
    },
    /// Validate brief files or folders (the built-in briefs when no path is given).
    ///
    /// Errors are printed as file:line:column: path: message. Exit status 1 when any is found.
    Check {
        /// Files or folders to check.
        paths: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the brief format, for editors.
    Schema,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// Read a closed-set value by its name in the brief format (`technical-community`).
fn parse_named<T: serde::de::DeserializeOwned + Copy>(
    s: &str,
    all: &[T],
    label: fn(T) -> String,
) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| {
        let names: Vec<String> = all.iter().map(|&x| label(x)).collect();
        format!("expected one of: {}", names.join(", "))
    })
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|e: crate::brief::date::DateError| e.to_string())
}

fn parse_group(s: &str) -> Result<StakeholderGroup, String> {
    parse_named(s, &StakeholderGroup::ALL, |g| {
        serde_json::to_value(g)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    })
}

fn parse_stance(s: &str) -> Result<Stance, String> {
    parse_named(s, &Stance::ALL, |g| {
        serde_json::to_value(g)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    })
}

/// What ended a command early.
enum Failure {
    Io(io::Error),
    /// A message for stderr, and exit status 1.
    NotFound(String),
    /// A message for stderr, and exit status 2.
    Usage(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e)
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version are ours: print them as clap would.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // A usage error quotes what was typed, which may hold control characters (a
        // file name from a glob, say): shown neutralised, as plain text.
        Err(e) => {
            eprint!("{}", neutralise(&e.render().to_string()));
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("brief: {e}");
            ExitCode::from(1)
        }
        Err(Failure::NotFound(message)) => {
            eprintln!("brief: {}", neutralise(&message));
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("brief: {}", neutralise(&message));
            ExitCode::from(2)
        }
    }
}

/// `8M`, `512K`, `1G` or a number of bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let (digits, unit) = match s.trim().char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&s.trim()[..i], c.to_ascii_uppercase()),
        _ => (s.trim(), 'B'),
    };
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => {
            return Err(format!(
                "`{s}` is not a size: write bytes, or a number with K, M or G"
            ));
        }
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{s}` is not a size: write bytes, or a number with K, M or G"))?;
    n.checked_mul(1 << shift)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("`{s}` is not a size brief can use"))
}

fn request(cli: &Cli, extra: &[PathBuf]) -> Request {
    let mut paths = cli.briefs.clone();
    paths.extend_from_slice(extra);
    Request {
        paths,
        builtin: !cli.no_builtin,
        config_dir: !cli.no_builtin,
        cache_dir: (!cli.no_cache).then(crate::cache::default_dir).flatten(),
        limits: crate::brief::load::Limits {
            max_file_bytes: cli.max_file_size,
            ..Default::default()
        },
    }
}

/// Load for reading: problems in some files do not stop the others; say what was skipped.
/// The corpus lives until the process ends, which frees it faster than dropping it
/// (tens of milliseconds for a large folder).
fn load_for_reading(cli: &Cli) -> &'static Corpus {
    let loaded = library::load(&request(cli, &[]));
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    if !loaded.diagnostics.is_empty() {
        eprintln!("brief: the briefs with errors above were not loaded; `brief check` tells more");
    }
    Box::leak(Box::new(loaded.corpus))
}

fn color_wanted(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

fn default_width() -> usize {
    if io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w))
    } else {
        80
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match &cli.command {
        Some(Command::Schema) => {
            let schema = schemars::schema_for!(crate::brief::model::Brief);
            let text = serde_json::to_string_pretty(&schema).map_err(io::Error::other)?;
            writeln!(out, "{text}")?;
            ExitCode::SUCCESS
        }
        Some(Command::Check { paths }) => check(&cli, paths, &mut out)?,
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "brief", &mut out);
            ExitCode::SUCCESS
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            ExitCode::SUCCESS
        }
        Some(Command::List { selector }) => {
            let corpus = load_for_reading(&cli);
            list(corpus, selector.as_deref(), &mut out)?;
            ExitCode::SUCCESS
        }
        Some(Command::Show {
            selectors,
            format,
            width,
        }) => {
            let corpus = load_for_reading(&cli);
            let layout = Layout {
                width: width.unwrap_or_else(default_width),
                color: *format == Format::Text && color_wanted(cli.color),
            };
            let targets = selectors
                .iter()
                .map(|s| resolve(corpus, s))
                .collect::<Result<Vec<_>, _>>()?;
            for (i, target) in targets.into_iter().enumerate() {
                if i > 0 && matches!(format, Format::Text | Format::Markdown) {
                    writeln!(out)?;
                }
                render::render(corpus, target, *format, layout, &mut out)?;
            }
            ExitCode::SUCCESS
        }
        Some(Command::Search {
            query,
            within,
            tags,
            actors,
            groups,
            stances,
            sources,
        }) => {
            let corpus = load_for_reading(&cli);
            if let Some(w) = within {
                resolve(corpus, w)?;
            }
            check_actors(corpus, actors)?;
            let filter = Filter {
                within: within.clone(),
                tags: tags.clone(),
                actors: actors.clone(),
                groups: groups.clone(),
                stances: stances.clone(),
                sources: sources.clone(),
            };
            let hits = search(corpus, &Query::parse(&query.join(" ")), &filter);
            for h in &hits {
                writeln!(out, "{}\t{}", h.selector, h.snippet)?;
            }
            if hits.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Some(Command::Compare {
            issue,
            actors,
            group,
            format,
            width,
        }) => {
            let corpus = load_for_reading(&cli);
            check_actors(corpus, actors)?;
            let layout = Layout {
                width: width.unwrap_or_else(default_width),
                color: false,
            };
            compare(
                corpus,
                issue.as_deref(),
                actors,
                *group,
                *format,
                layout,
                &mut out,
            )?
        }
        Some(Command::Timeline { from, to, today }) => {
            let corpus = load_for_reading(&cli);
            let today = today.unwrap_or_else(Date::today);
            let n = render::timeline::render(corpus, *from, *to, today, &mut out)?;
            if n == 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Some(Command::Note {
            selector,
            text,
            bookmark,
            remove,
        }) => {
            let corpus = load_for_reading(&cli);
            let mut store = open_desk(&cli)?;
            let change = if *remove {
                crate::desk::Change::Remove(selector.clone())
            } else {
                let target = resolve(corpus, selector)?;
                if !matches!(target, Target::Entry(..)) {
                    return Err(Failure::NotFound(format!(
                        "`{selector}` is a brief or section; notes go on entries (`brief list {selector}`)"
                    )));
                }
                let old = store.desk.get(selector).cloned();
                let note = if text.is_empty() {
                    old.as_ref()
                        .and_then(|m| m.note.as_ref().map(|n| n.to_string()))
                } else {
                    Some(text.join(" "))
                };
                let bookmark = *bookmark || old.is_some_and(|m| m.bookmark);
                crate::desk::put(corpus, target, bookmark, note.as_deref(), Date::today())
            };
            if let Some(n) = store.save(&[change])? {
                eprintln!("brief: {}", neutralise(&n.0));
            }
            ExitCode::SUCCESS
        }
        Some(Command::Notes { json }) => {
            let corpus = load_for_reading(&cli);
            let store = open_desk(&cli)?;
            render::prep::notes(corpus, &store.desk, *json, &mut out)?;
            ExitCode::SUCCESS
        }
        Some(Command::Export { format }) => {
            let corpus = load_for_reading(&cli);
            let store = open_desk(&cli)?;
            match format {
                ExportFormat::Markdown => {
                    render::prep::export_markdown(corpus, &store.desk, &mut out)?
                }
                ExportFormat::Json => render::prep::export_json(corpus, &store.desk, &mut out)?,
            }
            ExitCode::SUCCESS
        }
        Some(Command::Read { selector }) => {
            if let Some(why) = no_reader(false) {
                return Err(Failure::Usage(why));
            }
            read(&cli, selector.clone(), None)?
        }
        Some(Command::Pick {
            selector,
            format,
            width,
        }) => {
            if let Some(why) = no_reader(true) {
                return Err(Failure::Usage(why));
            }
            let pick = Pick {
                format: *format,
                width: width.unwrap_or_else(default_width),
                color: *format == Format::Text && color_wanted(cli.color),
            };
            read(&cli, selector.clone(), Some(pick))?
        }
        None => match no_reader(false) {
            None => read(&cli, None, None)?,
            Some(why) => {
                let corpus = load_for_reading(&cli);
                if std::env::var("TERM").is_ok_and(|t| t == "dumb") && io::stdout().is_terminal() {
                    eprintln!("brief: {why}; here is the list of briefs (`brief show` prints one)");
                }
                list(corpus, None, &mut out)?;
                ExitCode::SUCCESS
            }
        },
    };
    out.flush()?;
    Ok(code)
}

/// The desk store; a broken desk file is set aside with a message, and work goes on.
fn open_desk(cli: &Cli) -> Result<crate::desk::store::Store, Failure> {
    let (store, notice) = open_desk_quietly(cli)?;
    if let Some(n) = notice {
        eprintln!("brief: {n}");
    }
    Ok(store)
}

/// The desk store and what opening it had to say (neutralised), for the reader to show.
fn open_desk_quietly(cli: &Cli) -> Result<(crate::desk::store::Store, Option<String>), Failure> {
    let Some(dir) = crate::desk::store::data_dir(cli.data_dir.as_deref()) else {
        return Err(Failure::NotFound(
            "no data folder for notes: set BRIEF_DATA_DIR or pass --data-dir".into(),
        ));
    };
    let (store, notice) = crate::desk::store::Store::open(&dir)?;
    Ok((store, notice.map(|n| neutralise(&n.0).into_owned())))
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

/// What `brief pick` prints once a choice is made.
struct Pick {
    format: Format,
    width: usize,
    color: bool,
}

/// Open the reader; with `pick`, print the chosen target to stdout after it closes.
fn read(cli: &Cli, start: Option<String>, pick: Option<Pick>) -> Result<ExitCode, Failure> {
    use crate::tui::action::Outcome;
    use crate::tui::app::Options;
    use crate::tui::{Ending, run};
    // The reader draws at once and the briefs fill in: the load runs on its own thread.
    // Its problems are shown in the footer while reading and printed when the reader ends.
    let problems = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let load = {
        let request = request(cli, &[]);
        let problems = std::sync::Arc::clone(&problems);
        Box::new(move |progress: &(dyn Fn(library::Progress) + Sync)| {
            let loaded = library::load_with_progress(&request, progress);
            let files: std::collections::BTreeSet<&str> =
                loaded.diagnostics.iter().map(|d| d.file.as_str()).collect();
            let notice = match files.len() {
                0 => None,
                1 => Some("1 file with errors was not loaded; `brief check` tells more".into()),
                n => Some(format!(
                    "{n} files with errors were not loaded; `brief check` tells more"
                )),
            };
            if let Ok(mut p) = problems.lock() {
                *p = loaded.diagnostics;
            }
            (loaded.corpus, notice)
        }) as Box<crate::tui::LoadFn>
    };
    let no_color = cli.color == ColorChoice::Never
        || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = cli.theme.unwrap_or(if no_color {
        ThemeName::Mono
    } else {
        ThemeName::Default
    });
    // The reader opens even when the desk cannot be read; saving then says why not.
    let (store, notice) = match open_desk_quietly(cli) {
        Ok((store, notice)) => (Ok(store), notice),
        Err(Failure::NotFound(why) | Failure::Usage(why)) => (Err(why.clone()), Some(why)),
        Err(Failure::Io(e)) => {
            let why = desk_folder_problem(cli, &e);
            (Err(why.clone()), Some(format!("notes will not be saved: {why}")))
        }
    };
    let options = Options {
        theme,
        today: Date::today(),
        pick: pick.is_some(),
        start,
        desk: store
            .as_ref()
            .map(|s| s.desk.clone())
            .unwrap_or_default(),
        notice,
    };
    let (ending, corpus, unsaved) = run(load, options, store, pick.is_some())?;
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
        Ending::Done(Outcome::Picked(selector)) => {
            let Some(pick) = pick else {
                return Ok(ExitCode::SUCCESS);
            };
            let target = resolve(&corpus, &selector)?;
            let layout = Layout {
                width: pick.width,
                color: pick.color,
            };
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            render::render(&corpus, target, pick.format, layout, &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        // Quitting `brief pick` without choosing is like fzf's Esc: nothing printed.
        Ending::Done(Outcome::Quit) if pick.is_some() => Ok(ExitCode::from(1)),
        Ending::Done(Outcome::Quit) => Ok(ExitCode::SUCCESS),
    }
}

/// Why the data folder cannot hold the desk, in words that name it and how it was chosen.
fn desk_folder_problem(cli: &Cli, e: &io::Error) -> String {
    let dir = crate::desk::store::data_dir(cli.data_dir.as_deref());
    let how = if cli.data_dir.is_some() {
        " (from --data-dir)"
    } else if std::env::var_os("BRIEF_DATA_DIR").is_some_and(|v| !v.is_empty()) {
        " (from BRIEF_DATA_DIR)"
    } else {
        ""
    };
    match dir {
        Some(d) => neutralise(&format!(
            "the data folder {}{how} cannot be used: {e}",
            d.display()
        ))
        .into_owned(),
        None => format!("there is no data folder: {e}"),
    }
}

/// Notes and bookmarks the reader could not save are written to a file of their own, whose
/// path is printed; if even that fails, they are printed. Whether there were any.
fn keep_unsaved(unsaved: &[crate::desk::Change]) -> bool {
    if unsaved.is_empty() {
        return false;
    }
    let mut desk = crate::desk::Desk::default();
    for c in unsaved {
        desk.apply(c);
    }
    let text = desk.to_text();
    match crate::desk::store::set_aside(&text) {
        Ok(path) => eprintln!(
            "brief: {} notes and bookmarks could not be saved; they are kept in {}",
            desk.marks.len(),
            neutralise(&path.display().to_string())
        ),
        Err(e) => {
            eprintln!("brief: notes and bookmarks could not be saved ({e}); here they are:");
            eprintln!("{}", neutralise(&text));
        }
    }
    true
}

/// "no actor `isco`: did you mean `isoc`?", or else the ids there are.
fn no_such<'a>(what: &str, wrong: &str, ids: impl Iterator<Item = &'a str>) -> Failure {
    let ids: Vec<&str> = ids.collect();
    let hint = did_you_mean(wrong, ids.iter().copied()).map_or_else(
        || format!("; {what}s: {}", ids.join(", ")),
        |m| format!(": did you mean `{m}`?"),
    );
    Failure::NotFound(format!("no {what} `{wrong}`{hint}"))
}

/// Every named actor must exist.
fn check_actors(corpus: &Corpus, actors: &[String]) -> Result<(), Failure> {
    match actors.iter().find(|a| corpus.actor(a).is_none()) {
        Some(a) => Err(no_such("actor", a, corpus.actors().map(|x| x.id.as_str()))),
        None => Ok(()),
    }
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
                    i.title,
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

/// Find what a selector names, or say what exists nearby.
fn resolve<'c>(corpus: &'c Corpus, selector: &str) -> Result<Target<'c>, Failure> {
    if let Some(t) = corpus.resolve(selector) {
        return Ok(t);
    }
    let all: Vec<String> = corpus.selectors().collect();
    let mut message = format!("nothing is named `{selector}`");
    if let Some(m) = did_you_mean(selector, all.iter().map(String::as_str)) {
        message.push_str(&format!(": did you mean `{m}`?"));
    } else {
        // Offer what the deepest part that does resolve contains.
        let mut parent = selector.trim_end_matches('/');
        while let Some((head, _)) = parent.rsplit_once('/') {
            parent = head;
            if corpus.resolve(parent).is_some() {
                break;
            }
        }
        let children: Vec<&str> = match corpus.resolve(parent) {
            Some(_) => all
                .iter()
                .filter(|s| s.rsplit_once('/').is_some_and(|(h, _)| h == parent))
                .map(String::as_str)
                .collect(),
            None => all
                .iter()
                .filter(|s| !s.contains('/'))
                .map(String::as_str)
                .collect(),
        };
        let shown: Vec<&str> = children.iter().take(12).copied().collect();
        message.push_str(&format!("; there is: {}", shown.join(", ")));
        if children.len() > shown.len() {
            message.push_str(&format!(
                " and {} more (`brief list`)",
                children.len() - shown.len()
            ));
        }
    }
    Err(Failure::NotFound(message))
}

fn list(corpus: &Corpus, selector: Option<&str>, out: &mut impl Write) -> Result<(), Failure> {
    let Some(selector) = selector else {
        for b in corpus.briefs() {
            writeln!(out, "{}\t{}", b.id, b.title)?;
        }
        return Ok(());
    };
    match resolve(corpus, selector)? {
        Target::Brief(b) => {
            for s in &b.sections {
                writeln!(out, "{}/{}\t{}", b.id, s.id, s.title)?;
            }
        }
        Target::Section(b, s) => {
            for e in s.entries() {
                list_entry(corpus, Target::Entry(b, s, e), out)?;
            }
        }
        entry @ Target::Entry(..) => list_entry(corpus, entry, out)?,
    }
    Ok(())
}

/// `selector<TAB>title` of one entry.
fn list_entry(corpus: &Corpus, target: Target<'_>, out: &mut impl Write) -> io::Result<()> {
    let Target::Entry(_, _, e) = target else {
        return Ok(());
    };
    writeln!(
        out,
        "{}\t{}",
        render::selector(target),
        render::entry_title(corpus, e)
    )
}

fn check(cli: &Cli, paths: &[PathBuf], out: &mut impl Write) -> Result<ExitCode, Failure> {
    let mut req = request(cli, paths);
    // Checking named files: the config folder is not what was asked about.
    if !paths.is_empty() {
        req.config_dir = false;
    }
    // A check reads every file: it is what one runs to be sure.
    req.cache_dir = None;
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
        out.flush()?;
        let n = loaded.diagnostics.len();
        eprintln!(
            "brief check: {n} error{} found",
            if n == 1 { "" } else { "s" }
        );
        Ok(ExitCode::from(1))
    }
}
