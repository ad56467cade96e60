//! Line mode (issue 25): the reader for a screen reader, a braille display or a pipe. It
//! appends plain lines in reading order — no box drawing, no colour, the views' marks in
//! words — and takes one command a line. Every screen of the full-screen reader has a
//! counterpart here (reader, search, compare, figures, timeline, desk, versions,
//! proposals; help, filters and the note editor as commands), made from the same query
//! layer, never from `tui`, which this module does not know (nor it this one).
//!
//! [`LineReader::step`] is the whole of it: a command in, lines out, and whether to go
//! on. It reads no input and touches no terminal, so it is tested without either (as
//! jless tests its viewer); the loop that feeds it stdin is `cli::cmd::line`. The desk is
//! saved through a [`DeskSaver`], so a test keeps it in memory and the command line saves
//! it in the same store the reader uses.

mod commands;
mod reader;
mod screens;
pub mod speak;
mod texts;

use std::io;
use std::path::PathBuf;

pub use commands::{COMMANDS, Command};
use speak::{Out, echo};

use crate::brief::corpus::Corpus;
use crate::brief::date::Date;
use crate::desk::{Change, Desk};
use crate::search::{Filter, Hit, Index, Query, TextSource};

/// What to do after a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// Saves desk changes where the reader saves them; answers with the desk as it stands
/// after, other writers' marks included, or why it could not.
pub trait DeskSaver {
    fn save(&mut self, changes: &[Change]) -> Result<Desk, String>;
}

/// A desk kept in memory: for tests, and for a reader whose data folder cannot be used
/// (whose changes are then kept aside at the end, as the full-screen reader's are).
#[derive(Debug, Default)]
pub struct Unsaved {
    pub why: Option<String>,
    pub changes: Vec<Change>,
}

impl DeskSaver for Unsaved {
    fn save(&mut self, changes: &[Change]) -> Result<Desk, String> {
        self.changes.extend_from_slice(changes);
        match &self.why {
            Some(why) => Err(why.clone()),
            None => {
                let mut desk = Desk::default();
                desk.apply_all(&self.changes);
                Ok(desk)
            }
        }
    }
}

/// How line mode was started.
pub struct Options {
    pub today: Date,
    /// Columns to wrap at.
    pub width: usize,
    /// The negotiated texts' history files, by brief id, and the largest file to read.
    pub histories: Vec<(String, PathBuf)>,
    pub max_bytes: u64,
    pub desk: Desk,
}

/// Which screen of the reader the commands act on.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Screen {
    Reader,
    Search,
    /// The issues, or one issue's positions side by side.
    Compare(Option<String>),
    Figures,
    Timeline,
    Desk,
    Versions,
    Proposals,
}

/// One thing of a numbered list: what `open N` (or `N` alone) does with it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// Read this brief, section or entry.
    Read(String),
    /// Positions side by side on this issue.
    Issue(String),
    /// Row `k` of the versions being read.
    VersionsRow(usize),
    /// Paragraph `k` of the proposals being read.
    ProposalsRow(usize),
}

/// A place in the reader: the list of briefs, or a brief, section or entry.
type Place = Option<String>;

pub struct LineReader<'c> {
    corpus: &'c Corpus,
    today: Date,
    width: usize,
    histories: Vec<(String, PathBuf)>,
    max_bytes: u64,
    desk: Desk,
    saver: Box<dyn DeskSaver + 'c>,
    /// Desk changes that could not be saved, to keep elsewhere at the end.
    unsaved: Vec<Change>,
    filter: Filter,
    screen: Screen,
    /// Where the reader is.
    at: Place,
    /// Screens and places jumped from, for `back`.
    back: Vec<(Screen, Place)>,
    /// The last numbered list, for `open N`.
    items: Vec<Item>,
    search: screens::SearchState,
    /// The searchable texts the load handed over (the cache's), if any.
    texts: Option<std::sync::Arc<dyn TextSource>>,
    /// Made at the first search and kept: a search after it scans prepared text rather
    /// than fold every brief again.
    index: Option<Index>,
    versions: Option<texts::VersionsState>,
    proposals: Option<texts::ProposalsState>,
}

/// How many steps `back` remembers.
const MAX_BACK: usize = 500;

/// Longest command line read; more is a mistake (a pasted file), said and ignored.
pub const MAX_LINE: usize = 16 * 1024;

impl<'c> LineReader<'c> {
    pub fn new(
        corpus: &'c Corpus,
        options: Options,
        saver: Box<dyn DeskSaver + 'c>,
    ) -> LineReader<'c> {
        LineReader {
            corpus,
            today: options.today,
            width: options.width.max(20),
            histories: options.histories,
            max_bytes: options.max_bytes,
            desk: options.desk,
            saver,
            unsaved: Vec::new(),
            filter: Filter::default(),
            screen: Screen::Reader,
            at: None,
            back: Vec::new(),
            items: Vec::new(),
            search: screens::SearchState::default(),
            texts: None,
            index: None,
            versions: None,
            proposals: None,
        }
    }

    /// Search `texts`, the briefs' searchable texts as the load handed them over, instead
    /// of folding every brief for the first search.
    pub fn with_texts(mut self, texts: std::sync::Arc<dyn TextSource>) -> Self {
        self.texts = Some(texts);
        self
    }

    /// Every entry that matches `query` and passes the filter, as `brief search` finds
    /// them: through the index, made at the first search from the load's texts, or else
    /// by folding every brief once.
    fn hits(&mut self, query: &Query) -> Vec<Hit> {
        let corpus = self.corpus;
        let index = self.index.get_or_insert_with(|| match &self.texts {
            Some(texts) => Index::reading(corpus, std::sync::Arc::clone(texts)),
            None => Index::build(corpus),
        });
        (index.matches(corpus, query, &self.filter).into_iter())
            .map(|place| crate::search::hit(corpus, place, query))
            .collect()
    }

    /// Desk changes that could not be saved.
    pub fn unsaved(&self) -> &[Change] {
        &self.unsaved
    }

    /// The first lines: what this is, how to get help, and the place opened at (`start`,
    /// else the list of briefs).
    pub fn start(&mut self, start: Option<&str>, w: &mut dyn io::Write) -> io::Result<()> {
        let mut out = Out::new(w, self.width);
        let n = self.corpus.briefs().len();
        out.line(&format!(
            "brief, line mode: {n} {} loaded. Type help for the commands, quit to leave.",
            if n == 1 { "brief" } else { "briefs" }
        ))?;
        match start {
            Some(sel) if self.corpus.resolve(sel).is_some() => {
                self.at = Some(sel.to_owned());
            }
            Some(sel) => {
                out.line(&format!(
                    "Nothing is named {}; here are the briefs.",
                    echo(sel)
                ))?;
            }
            None => {}
        }
        self.show(&mut out)?;
        self.where_line(&mut out)
    }

    /// Carry out one command line and write what it answers, then where the reader is.
    pub fn step(&mut self, line: &str, w: &mut dyn io::Write) -> io::Result<Flow> {
        let mut out = Out::new(w, self.width);
        let line = line.trim();
        if line.is_empty() {
            return Ok(Flow::Continue);
        }
        if line.len() > MAX_LINE {
            out.line(&format!(
                "That line is over {} KiB; ignored. Type help for the commands.",
                MAX_LINE / 1024
            ))?;
            return self.after(Flow::Continue, &mut out);
        }
        let (word, rest) = match line.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (line, ""),
        };
        let typed = word;
        let word = word.to_lowercase();
        // A number alone opens that item of the last list.
        if word.chars().all(|c| c.is_ascii_digit()) {
            self.open(line, &mut out)?;
            return self.after(Flow::Continue, &mut out);
        }
        let flow = match commands::find(&word) {
            Some(c) => (c.run)(self, rest, &mut out)?,
            None => {
                let near = commands::nearest(&word);
                out.line(&format!(
                    "Unknown command {}. Did you mean {near}? Type help for the commands.",
                    echo(typed)
                ))?;
                Flow::Continue
            }
        };
        self.after(flow, &mut out)
    }

    fn after(&mut self, flow: Flow, out: &mut Out<'_>) -> io::Result<Flow> {
        if flow == Flow::Continue {
            self.where_line(out)?;
        }
        Ok(flow)
    }

    /// Where the reader is, on a line of its own after every command:
    /// `wsis20-overview/issues/igf-mandate — entry 3 of 12`.
    fn where_line(&self, out: &mut Out<'_>) -> io::Result<()> {
        let mut at = match &self.screen {
            Screen::Reader => reader::where_in(self),
            Screen::Search => self.search.where_in(),
            Screen::Compare(None) => format!("compare — {} issues", self.items.len()),
            Screen::Compare(Some(issue)) => format!("compare {issue} — positions side by side"),
            Screen::Figures => "figures — what the sources give".to_owned(),
            Screen::Timeline => "timeline".to_owned(),
            Screen::Desk => "desk — bookmarks and notes".to_owned(),
            Screen::Versions => match &self.versions {
                Some(v) => v.where_in(),
                None => "versions".to_owned(),
            },
            Screen::Proposals => match &self.proposals {
                Some(p) => p.where_in(),
                None => "proposals".to_owned(),
            },
        };
        if let Some(f) = screens::filter_words(&self.filter) {
            at.push_str(&format!("; filter: {f}"));
        }
        out.whole(&format!("[{at}]"))
    }

    /// Reprint what the screen is on.
    fn show(&mut self, out: &mut Out<'_>) -> io::Result<()> {
        match self.screen.clone() {
            Screen::Reader => reader::show(self, out),
            Screen::Search => screens::show_search(self, out),
            Screen::Compare(issue) => screens::show_compare(self, issue.as_deref(), out),
            Screen::Figures => screens::show_figures(self, out),
            Screen::Timeline => screens::show_timeline(self, out),
            Screen::Desk => screens::show_desk(self, out),
            Screen::Versions => texts::show_versions_row(self, out),
            Screen::Proposals => texts::show_proposals_row(self, out),
        }
    }

    /// `open N`, `N`, `open SELECTOR`.
    fn open(&mut self, what: &str, out: &mut Out<'_>) -> io::Result<()> {
        let what = what.trim();
        if what.is_empty() {
            return out.line("Open what? Give a number from the last list, or a selector.");
        }
        if let Ok(n) = what.parse::<usize>() {
            let Some(item) = n.checked_sub(1).and_then(|i| self.items.get(i)).cloned() else {
                return out.line(&match self.items.len() {
                    0 => "There is no numbered list here; list shows one.".to_owned(),
                    k => format!("There is no {n} here: the last list runs from 1 to {k}."),
                });
            };
            return match item {
                Item::Read(sel) => self.read(Some(sel), out),
                Item::Issue(issue) => {
                    self.enter(Screen::Compare(Some(issue.clone())));
                    screens::show_compare(self, Some(&issue), out)
                }
                Item::VersionsRow(k) => texts::go_versions_row(self, k, out),
                Item::ProposalsRow(k) => texts::go_proposals_row(self, k, out),
            };
        }
        if self.corpus.resolve(what).is_some() {
            return self.read(Some(what.to_owned()), out);
        }
        out.line(&format!(
            "Nothing is named {}. Give a number from the last list, or a selector such as {}.",
            echo(what),
            reader::example_selector(self)
        ))
    }

    /// Go to `place` in the reader, keeping where it came from for `back`.
    fn read(&mut self, place: Place, out: &mut Out<'_>) -> io::Result<()> {
        self.go(Screen::Reader, place);
        reader::show(self, out)
    }

    /// Go to `screen` at `place`, keeping where it came from for `back`.
    fn go(&mut self, screen: Screen, place: Place) {
        if self.screen != screen || self.at != place {
            if self.back.len() >= MAX_BACK {
                self.back.remove(0);
            }
            self.back.push((self.screen.clone(), self.at.clone()));
        }
        self.screen = screen;
        self.at = place;
    }

    /// Go to `screen`, the reader's place kept.
    fn enter(&mut self, screen: Screen) {
        self.go(screen, self.at.clone());
    }

    /// Save desk changes; say so, or why not (they are then kept to set aside at the end).
    fn save(&mut self, changes: Vec<Change>, out: &mut Out<'_>) -> io::Result<bool> {
        match self.saver.save(&changes) {
            Ok(desk) => {
                self.desk = desk;
                Ok(true)
            }
            Err(why) => {
                self.desk.apply_all(&changes);
                self.unsaved.extend(changes);
                out.line(&format!("Not saved: {why}. It is kept until you quit."))?;
                Ok(false)
            }
        }
    }
}

#[cfg(test)]
mod tests;
