//! What the command line accepts: the clap definition (also the source of `--help`, the
//! man page and shell completion) and the parsers of values clap does not know.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

use super::complete;
use crate::brief::date::Date;
use crate::brief::model::{StakeholderGroup, Stance};
use crate::render::Format;
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

    /// In the reader, show the terminal's cursor on the selected row. It is always put
    /// there, hidden, for screen readers and magnifiers to follow. Also `show_cursor:
    /// true` in the config file.
    #[arg(long, global = true)]
    pub show_cursor: bool,

    /// Let the reader's `y` copy to the terminal's clipboard with OSC 52 (off unless
    /// asked for). Also `osc52: true` in the config file.
    #[arg(long, global = true)]
    pub osc52: bool,

    /// Tell time from this date (YYYY, YYYY-MM or YYYY-MM-DD) instead of today in the
    /// local time zone: how long ago an event was, whether a planned one has passed.
    #[arg(long, global = true, value_parser = parse_date, value_name = "DATE")]
    pub today: Option<Date>,

    /// Line mode, for screen readers and pipes: plain lines in reading order, one
    /// command a line on stdin (help lists them). `brief read` is in line mode anyway
    /// when TERM=dumb or stdout is not a terminal; `brief --plain` reads too.
    #[arg(long, global = true)]
    pub plain: bool,

    /// Open the reader at the top, not where you left off (which it saves in the state
    /// folder, $BRIEF_STATE_DIR or ~/.local/state/brief, when it closes).
    #[arg(long, global = true)]
    pub fresh: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command line of this process. The few that almost every run is (`brief`,
    /// `brief show SELECTOR...`, `brief list [SELECTOR]`, `brief read [SELECTOR]`,
    /// `brief diff OLD [NEW]`, with no option) are read without clap, whose building of
    /// every command and option costs more than the rest of a `brief show` of a built-in
    /// brief; anything else, help and errors included, is clap's. The tests hold the two
    /// to the same answers.
    pub fn from_env() -> Result<Cli, clap::Error> {
        let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
        match common(&args) {
            Some(cli) => Ok(cli),
            None => Cli::try_parse(),
        }
    }
}

/// [`Cli`] of a common command line (see [`Cli::from_env`]), or `None` for clap to read:
/// any word that is not UTF-8 or that starts with `-` (an option, `--`, stdin) is clap's.
fn common(args: &[std::ffi::OsString]) -> Option<Cli> {
    let words: Vec<&str> = args
        .iter()
        .map(|a| a.to_str().filter(|w| !w.starts_with('-')))
        .collect::<Option<_>>()?;
    let command = match words.as_slice() {
        [] => None,
        ["show", selectors @ ..] if !selectors.is_empty() => Some(Command::Show(ShowArgs {
            selectors: selectors.iter().map(|s| s.to_string()).collect(),
            format: Format::Text,
            width: None,
        })),
        ["list"] => Some(Command::List(ListArgs { selector: None })),
        ["list", selector] => Some(Command::List(ListArgs {
            selector: Some(selector.to_string()),
        })),
        // clap refuses an empty path.
        ["diff", old, new @ ..] if new.len() <= 1 && !old.is_empty() && !new.contains(&"") => {
            Some(Command::Diff(DiffArgs {
                old: old.into(),
                new: new.first().map(PathBuf::from),
                later: None,
                para: None,
                format: DiffFormat::Text,
                width: None,
                pairs: Vec::new(),
            }))
        }
        ["read"] => Some(Command::Read(ReadArgs { selector: None })),
        ["read", selector] => Some(Command::Read(ReadArgs {
            selector: Some(selector.to_string()),
        })),
        _ => return None,
    };
    // The defaults of the options above, as clap gives them.
    Some(Cli {
        briefs: Vec::new(),
        no_builtin: false,
        color: ColorChoice::Auto,
        data_dir: None,
        max_file_size: crate::brief::load::DEFAULT_MAX_FILE_BYTES,
        no_cache: false,
        theme: None,
        show_cursor: false,
        osc52: false,
        today: None,
        plain: false,
        fresh: false,
        command,
    })
}

/// What `brief pick` prints: a format of `brief show`, or the selectors alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PickFormat {
    Text,
    Markdown,
    Json,
    Yaml,
    /// Only the selectors, one to a line.
    Selector,
}

impl PickFormat {
    /// The `brief show` format, unless only selectors are printed.
    pub fn shown(self) -> Option<Format> {
        match self {
            PickFormat::Text => Some(Format::Text),
            PickFormat::Markdown => Some(Format::Markdown),
            PickFormat::Json => Some(Format::Json),
            PickFormat::Yaml => Some(Format::Yaml),
            PickFormat::Selector => None,
        }
    }
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

// Each command's arguments are a struct of their own, so that each command's module takes
// exactly what it needs. The doc comments on the variants are the commands' help.
// `defer`: a command's own options are made only when that command is the one run (help,
// the man page and completion make them all); making all of them took most of the time
// of a `brief --version`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Open the reader (what `brief` alone does on a terminal), optionally at a selector.
    Read(ReadArgs),
    /// Choose a brief, section or entry in the reader, then print it to stdout: the reader
    /// draws on the terminal even when stdout is a pipe (`brief pick | wc -w`).
    Pick(PickArgs),
    /// List briefs, a brief's sections, or a section's entries: selector<TAB>title.
    List(ListArgs),
    /// Print briefs, sections or entries as text, Markdown, JSON Lines or YAML.
    Show(ShowArgs),
    /// Find entries: case- and accent-insensitive; every word must match; "a phrase" as
    /// a phrase; a number matches that number, not a longer one (98 is not in 1998). One
    /// match per line: selector<TAB>snippet. Exit status 1 when none.
    Search(SearchArgs),
    /// Positions on an issue side by side. With no issue: the issues, or with --actors every
    /// issue on which those actors have positions.
    Compare(CompareArgs),
    /// Dated events from every loaded brief in date order, with the time until or since
    /// today in days, months or years: dates<TAB>when<TAB>status<TAB>title<TAB>selectors.
    Timeline(TimelineArgs),
    /// The sources declared, or with a selector those its citations name:
    /// id<TAB>title<TAB>publisher<TAB>date<TAB>address.
    Sources(SourcesArgs),
    /// The actors declared: id<TAB>name<TAB>short name<TAB>stakeholder group.
    Actors(DeclaredArgs),
    /// The issues declared: id<TAB>title.
    Issues(DeclaredArgs),
    /// Compare two versions of a negotiated text paragraph by paragraph: each paragraph of
    /// OLD paired with its counterpart in NEW by content (across renumbering, moves,
    /// merges and splits), the words that changed marked [-old-] {+new+}. Each file is
    /// plain text (as copied from a PDF), Markdown (.md), Akoma Ntoso XML, Word (.docx,
    /// read with its tracked changes accepted) or a PDF (read through pdftotext, from
    /// poppler-utils). `brief diff FILE.docx` compares a Word file's tracked changes, all
    /// rejected against all accepted, with each change's author and date. With a text's
    /// history file (versions in order, a concordance), `brief diff HISTORY V1 V2` diffs
    /// two of its versions by id.
    Diff(DiffArgs),
    /// The paragraphs of a version as brief reads them, one after the other: label, kind
    /// (heading, frame, preambular, operative), status, text, footnotes and comments. To
    /// see what was read from a file, and why `brief diff` paired what it paired. The
    /// file is plain text, Markdown, Akoma Ntoso XML, Word (.docx) or a PDF (read through
    /// pdftotext, from poppler-utils).
    Paragraphs(ParagraphsArgs),
    /// One paragraph's lineage through every version of a text's history
    /// (`zero 7 → rev1 6, 7 → rev2 7, 8`), then the change at each step.
    Trace(TraceArgs),
    /// What changed between two versions of a text's history, by section, as observers
    /// summarise it: new, deleted, moved, merged, split and changed paragraphs, with their
    /// old and new numbers and the words that changed.
    Changes(ChangesArgs),
    /// Proposals on a text's paragraphs, by actor, and whether each was reflected: those
    /// written in the history (`proposals:`), inline in a compilation (`[G77: delete]`,
    /// `Alt 1 (EU): …`), its bracketed options (`[shall] [should]`) and the tracked changes
    /// of its Word versions (authors mapped to actors by `authors:`). Each is compared with
    /// the next version drafted and with the last: reflected, partly (the share made), not,
    /// or pending.
    Proposals(ProposalsArgs),
    /// Each run of words of a paragraph with the version that brought it in and the
    /// proposal (its actors) that asked for it, as `git blame` does for lines.
    Blame(BlameArgs),
    /// Write a text's history file: `brief history new` starts one, `brief history add`
    /// adds a version (a draft file in the history's folder) and prints what changed.
    History(HistoryArgs),
    /// Bookmark an entry or set its note, from the command line.
    Note(NoteArgs),
    /// Every bookmark and note: selector<TAB>kind<TAB>standing, then the note indented.
    Notes(NotesArgs),
    /// A prep sheet: bookmarked and noted entries with summaries, citations and your notes,
    /// grouped by brief and issue.
    Export(ExportArgs),
    /// Validate brief files or folders (the built-in briefs when no path is given).
    ///
    /// Errors are printed as file:line:column: path: message. Exit status 1 when any is found.
    Check(CheckArgs),
    /// Print the JSON Schema of the brief format, for editors.
    Schema,
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Brief, section or entry to open at.
    #[arg(add = ArgValueCandidates::new(complete::selectors))]
    pub selector: Option<String>,
}

#[derive(Debug, Args)]
pub struct PickArgs {
    /// Where to start.
    #[arg(add = ArgValueCandidates::new(complete::selectors))]
    pub selector: Option<String>,
    /// What to print of each entry chosen: as `brief show` prints it, or only its
    /// selector, one to a line.
    #[arg(long, short, value_enum, default_value_t = PickFormat::Text)]
    pub format: PickFormat,
    /// Wrap text to N columns; 0 for no wrapping. Default: the terminal's width when
    /// stdout is a terminal, else 80.
    #[arg(long, short, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// A brief or section; all briefs when left out.
    #[arg(add = ArgValueCandidates::new(complete::selectors))]
    pub selector: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// What to print (see `brief list`).
    #[arg(required = true, add = ArgValueCandidates::new(complete::selectors))]
    pub selectors: Vec<String>,
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Wrap text to N columns; 0 for no wrapping. Default: the terminal's width, or 80
    /// when stdout is not a terminal.
    #[arg(long, short, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words and "quoted phrases"; may be left out when a filter is given.
    #[arg(required_unless_present_any = ["within", "tags", "actors", "groups", "stances", "sources"])]
    pub query: Vec<String>,
    /// Only under this brief or section.
    #[arg(long = "in", value_name = "SELECTOR", add = ArgValueCandidates::new(complete::selectors))]
    pub within: Option<String>,
    /// Only entries with this tag (repeatable: any of them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only positions of this actor, its own or as others report them, and proposals it
    /// made, alone or with others (repeatable).
    #[arg(long = "actor", value_name = "ACTOR", add = ArgValueCandidates::new(complete::actors))]
    pub actors: Vec<String>,
    /// Only positions and proposals of actors in this stakeholder group (repeatable).
    #[arg(long = "group", value_name = "GROUP", value_parser = parse_group)]
    pub groups: Vec<StakeholderGroup>,
    /// Only positions with this stance (repeatable; a proposal has none).
    #[arg(long = "stance", value_name = "STANCE", value_parser = parse_stance)]
    pub stances: Vec<Stance>,
    /// Only entries citing this source (repeatable).
    #[arg(long = "source", value_name = "SOURCE")]
    pub sources: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// An issue id (see `brief compare`).
    #[arg(add = ArgValueCandidates::new(complete::issues))]
    pub issue: Option<String>,
    /// Only these actors, in this order (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ACTOR,...",
          add = ArgValueCandidates::new(complete::actors))]
    pub actors: Vec<String>,
    /// Only actors of this stakeholder group.
    #[arg(long, value_parser = parse_group, value_name = "GROUP")]
    pub group: Option<StakeholderGroup>,
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Fit columns to N columns of text; 0 for no wrapping (columns then stack).
    #[arg(long, short, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only events that end on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Only events that start on or before this date.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<Date>,
}

/// `brief sources`: every declared source, or those a brief, section or entry cites.
#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// Only the sources cited in this brief, section or entry.
    #[arg(add = ArgValueCandidates::new(complete::selectors))]
    pub selector: Option<String>,
    #[arg(long, short, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// `brief actors`, `brief issues`: what the loaded briefs declare.
#[derive(Debug, Args)]
pub struct DeclaredArgs {
    #[arg(long, short, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// Tab-separated lines, or JSON Lines (one object per line; see docs/output.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
    Summary,
    /// Two columns, old and new, kept level paragraph by paragraph (stacked below 100
    /// columns), as the reader's versions screen shows them.
    SideBySide,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier version (`-` for stdin); alone, a Word file with tracked changes.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub old: PathBuf,
    /// The later version (`-` for stdin); with a history file as OLD, the id of a version.
    /// Left out when OLD is a Word file (.docx): its tracked changes are compared, all
    /// rejected against all accepted, each change with its author and date.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub new: Option<PathBuf>,
    /// With a history file as OLD: the id of the later version (NEW is the earlier).
    pub later: Option<String>,
    /// Only the pairs that hold this paragraph (its label in either version).
    #[arg(long, value_name = "LABEL")]
    pub para: Option<String>,
    /// text (wdiff's markers), markdown (~~old~~ **new**), json (JSON Lines, one
    /// object per pair; see docs/output.md), summary (by section, only what changed,
    /// the changed words with a little context) or side-by-side (two columns kept level
    /// paragraph by paragraph; old above new below 100 columns).
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Wrap text to N columns; 0 for no wrapping. Default: the terminal's width when
    /// stdout is a terminal, else 80.
    #[arg(long, short, value_name = "N")]
    pub width: Option<usize>,
    /// Pair these paragraphs whatever their likeness, where the automatic pairing guesses
    /// wrong: labels of OLD, `=`, labels of NEW, each side comma-separated (`12=14`,
    /// `4,5=4`; `7=` for deleted, `=7` for inserted). Repeatable.
    #[arg(long = "pair", value_name = "OLD=NEW", value_parser = parse_pair)]
    pub pairs: Vec<crate::draft::Forced>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParagraphsFormat {
    /// A line per paragraph (label, kind, status), its text indented below.
    Text,
    /// JSON Lines, one object per paragraph: label, kind, status, text, footnotes,
    /// comments.
    Json,
}

/// Which text of a file with tracked changes to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SideArg {
    /// As it was before the changes.
    Original,
    /// With the changes accepted.
    Accepted,
}

impl From<SideArg> for crate::draft::read::Side {
    fn from(s: SideArg) -> Self {
        match s {
            SideArg::Original => crate::draft::read::Side::Original,
            SideArg::Accepted => crate::draft::read::Side::Accepted,
        }
    }
}

#[derive(Debug, Args)]
pub struct ParagraphsArgs {
    /// The version (`-` for stdin).
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// Of a Word file with tracked changes, the text before them or with them accepted
    /// (default); for a Word file only.
    #[arg(long = "as", value_enum, value_name = "SIDE")]
    pub side: Option<SideArg>,
    #[arg(long, short, value_enum, default_value_t = ParagraphsFormat::Text)]
    pub format: ParagraphsFormat,
}

#[derive(Debug, Args)]
pub struct TraceArgs {
    /// The text's history file (YAML: its versions in order and a concordance).
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub history: PathBuf,
    /// The paragraph's label (`98`, `1bis`, `PP3`).
    pub paragraph: String,
    /// The version the label belongs to (an id from the history); default the latest.
    #[arg(long = "in", value_name = "VERSION")]
    pub version: Option<String>,
    /// Wrap text to N columns; 0 for no wrapping.
    #[arg(long, short, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// The text's history file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub history: PathBuf,
    /// The earlier version's id.
    pub from: String,
    /// The later version's id.
    pub to: String,
    /// summary (by section, as observers write them), text, markdown, json or
    /// side-by-side.
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Summary)]
    pub format: DiffFormat,
    /// Wrap text to N columns; 0 for no wrapping.
    #[arg(long, short, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ProposalsArgs {
    /// The text's history file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub history: PathBuf,
    /// Only the proposals made on this version (an id from the history).
    #[arg(long, value_name = "VERSION")]
    pub version: Option<String>,
    /// Only this actor's (an id, short name or name; a joint actor's count for its members).
    #[arg(long, value_name = "ACTOR")]
    pub actor: Option<String>,
    /// Only those on this paragraph (its label in the version it was made on).
    #[arg(long, value_name = "LABEL")]
    pub para: Option<String>,
    /// text, markdown or json (JSON Lines, one proposal per line).
    #[arg(long, short, value_enum, default_value_t = ProposalsFormat::Text)]
    pub format: ProposalsFormat,
}

#[derive(Debug, Args)]
pub struct BlameArgs {
    /// The text's history file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub history: PathBuf,
    /// The version (an id from the history).
    pub version: String,
    /// The paragraph's label in that version.
    pub paragraph: String,
    /// text, or json (JSON Lines, one run per line).
    #[arg(long, short, value_enum, default_value_t = BlameFormat::Text)]
    pub format: BlameFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProposalsFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BlameFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub command: HistoryCommand,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Start a text's history file, with no versions yet. Refuses to overwrite a file.
    New(HistoryNewArgs),
    /// Add a version to a text's history: the draft must read, lie in the history's
    /// folder (or below it) and have a new id. The version is appended to the file (the
    /// rest of the file kept as written), then what changed from the version before is
    /// printed, as `brief changes` prints it.
    Add(HistoryAddArgs),
}

#[derive(Debug, Args)]
pub struct HistoryNewArgs {
    /// The history file to write (YAML).
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// The text's title.
    #[arg(long)]
    pub title: String,
    /// The text's id (lowercase letters, digits and hyphens); default: from the file's
    /// name.
    #[arg(long)]
    pub id: Option<String>,
}

#[derive(Debug, Args)]
pub struct HistoryAddArgs {
    /// The history file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub history: PathBuf,
    /// The draft: a file in the history's folder (text, Markdown, Akoma Ntoso or Word).
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub draft: PathBuf,
    /// The version's id, new in the history (`rev3`).
    #[arg(long)]
    pub id: String,
    /// What the version is called ("Revision 3").
    #[arg(long)]
    pub label: String,
    /// Its date (YYYY, YYYY-MM or YYYY-MM-DD); default today.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,
    /// Its document symbol (`A/80/L.41`).
    #[arg(long)]
    pub symbol: Option<String>,
    /// For a Word file with tracked changes: which side is this version (default
    /// accepted).
    #[arg(long = "as", value_enum, value_name = "SIDE")]
    pub side: Option<SideArg>,
    /// Wrap the summary to N columns; 0 for no wrapping.
    #[arg(long, short, value_name = "N")]
    pub width: Option<usize>,
}

/// `4,5=4`: a pairing given by hand, labels on each side.
fn parse_pair(s: &str) -> Result<crate::draft::Forced, String> {
    crate::draft::history::parse_pair(s)
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The entry (see `brief list`).
    #[arg(add = ArgValueCandidates::new(complete::selectors))]
    pub selector: String,
    /// The note; replaces the one there is. Left out, it is read from stdin when stdin is
    /// not a terminal.
    pub text: Vec<String>,
    /// Bookmark the entry too.
    #[arg(long, short)]
    pub bookmark: bool,
    /// Remove the entry's bookmark and note.
    #[arg(long, conflicts_with_all = ["text", "bookmark"])]
    pub remove: bool,
}

#[derive(Debug, Args)]
pub struct NotesArgs {
    /// JSON Lines instead.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, short, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check.
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use clap::Parser;
    use proptest::prelude::*;

    use super::*;

    fn os(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    /// What clap makes of `words`, for comparing: [`Cli`] has no `PartialEq`.
    fn by_clap(words: &[OsString]) -> Result<String, String> {
        let line = std::iter::once(OsString::from("brief")).chain(words.iter().cloned());
        Cli::try_parse_from(line)
            .map(|cli| format!("{cli:?}"))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_common_command_lines_read_as_clap_reads_them() {
        for words in [
            &[][..],
            &["show", "wsis20-overview/issues"],
            &["show", "a", "b/c", "d/e/f"],
            &["show", "help"],
            &["show", ""],
            &["show", "é/ü/字"],
            &["list"],
            &["list", "wsis20-overview"],
            &["read"],
            &["read", "wsis20-overview/issues/igf-mandate"],
            &["diff", "v1.txt", "v2.txt"],
            &["diff", "drafts/rev1.md", "drafts/rev2.docx"],
            &["diff", "changes.docx"],
            &["diff", "history.yaml", "rev2"],
            &["diff", "a/é/字.txt", "b.txt"],
        ] {
            let words = os(words);
            let fast = common(&words).map(|cli| format!("{cli:?}"));
            assert_eq!(fast, by_clap(&words).ok(), "{words:?}");
        }
    }

    #[test]
    fn anything_else_is_clap_s() {
        for words in [
            &["show"][..],
            &["show", "-f", "json", "x"],
            &["show", "x", "--width", "3"],
            &["show", "--", "x"],
            &["show", "-"],
            &["--no-cache", "show", "x"],
            &["list", "a", "b"],
            &["read", "a", "b"],
            &["diff"],
            &["diff", "h.yaml", "rev1", "rev2"],
            &["diff", "-", "b.txt"],
            &["diff", "", "b.txt"],
            &["diff", "a.txt", ""],
            &["diff", "a.txt", "-"],
            &["diff", "a.txt", "b.txt", "-f", "json"],
            &["diff", "--para", "3", "a.txt", "b.txt"],
            &["search", "x"],
            &["help"],
            &["--help"],
            &["--version"],
            &["nosuch"],
        ] {
            assert!(common(&os(words)).is_none(), "{words:?}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let words = vec![OsString::from("show"), OsString::from_vec(vec![0xff])];
            assert!(common(&words).is_none());
        }
    }

    proptest! {
        /// Whatever the words, a command line read without clap is read as clap reads it.
        #[test]
        fn what_is_read_without_clap_is_what_clap_reads(
            first in prop::sample::select(vec!["show", "list", "read", "diff", "search", "help", "x", "-f", "--no-cache"]),
            rest in prop::collection::vec("[a-z/é -]{0,6}", 0..4),
        ) {
            let mut words = vec![OsString::from(first)];
            words.extend(rest.iter().map(OsString::from));
            if let Some(fast) = common(&words) {
                prop_assert_eq!(Ok(format!("{fast:?}")), by_clap(&words));
            }
        }
    }
}
