//! How a brief, a section or an entry reads as lines of text at a width: the one layout
//! `brief show` prints and the reader's pane shows, written into a [`Sink`] that either
//! streams it (with SGR codes when wanted) or styles it for the screen. Wrapped by display
//! width: accents, CJK and emoji count as the columns they take.

use std::io;

use textwrap::{Options, WordSeparator, WordSplitter};
use unicode_width::UnicodeWidthChar;

use super::names::{citations, entry_title, event_dates, figure_value, selector};
use super::sources::{NO_ADDRESS, address, cited, label as source_label};
use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::model::{Brief, EntryRef, Section};

/// Wrap at spaces, so selectors, dates and hyphenated words stay whole; a line with wide
/// characters (CJK, which has no spaces) also breaks where Unicode allows.
fn options<'a>(width: usize, first: &'a str, rest: &'a str) -> Options<'a> {
    Options::new(width)
        .word_separator(WordSeparator::Custom(separate))
        .word_splitter(WordSplitter::NoHyphenation)
        .initial_indent(first)
        .subsequent_indent(rest)
}

/// `text` wrapped to `width` columns at spaces (see [`options`]); one line when width is 0.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if width == 0 {
        return vec![text.to_owned()];
    }
    textwrap::wrap(text, options(width.max(1), "", ""))
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

fn separate(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    // No ASCII character is wide: most lines are told at once, not char by char.
    if !line.is_ascii() && line.chars().any(|c| c.width().unwrap_or(0) > 1) {
        WordSeparator::UnicodeBreakProperties.find_words(line)
    } else {
        WordSeparator::AsciiSpace.find_words(line)
    }
}

/// How a run of text is set off: what a terminal shows in bold, dim or underlined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    Plain,
    /// Titles.
    Strong,
    /// Selectors and other machine names.
    Faint,
    /// Group headings inside a section.
    Heading,
}

/// Where laid-out text goes: a byte stream (with SGR codes when colour is wanted), or the
/// reader's styled lines. Text arrives already wrapped; a sink only sets it off.
pub trait Sink {
    fn text(&mut self, emphasis: Emphasis, text: &str) -> io::Result<()>;
    fn end_line(&mut self) -> io::Result<()>;
    /// An entry starts on the next line: the reader keeps where, to know which entry is
    /// on screen. Streams ignore it.
    fn anchor(&mut self, _selector: &str) {}
}

/// A [`Sink`] writing to a stream; SGR bold/dim/underline only when `color`. What
/// `brief show` prints, and what the reader's `y` copies as text.
pub struct StreamSink<'a> {
    pub out: &'a mut dyn io::Write,
    pub color: bool,
}

impl Sink for StreamSink<'_> {
    fn text(&mut self, emphasis: Emphasis, text: &str) -> io::Result<()> {
        let code = match emphasis {
            _ if !self.color => None,
            Emphasis::Plain => None,
            Emphasis::Strong => Some("1"),
            Emphasis::Faint => Some("2"),
            Emphasis::Heading => Some("1;4"),
        };
        match code {
            Some(code) => write!(self.out, "\x1b[{code}m{text}\x1b[0m"),
            None => self.out.write_all(text.as_bytes()),
        }
    }

    fn end_line(&mut self) -> io::Result<()> {
        self.out.write_all(b"\n")
    }
}

/// `target` as `brief show` prints it: wrapped to `width` (0: not wrapped), bold and dim
/// when `color`, the sources' addresses listed at the end.
pub fn stream(
    corpus: &Corpus,
    target: Target<'_>,
    width: usize,
    color: bool,
    today: Date,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let options = PageOptions {
        width,
        numbered: false,
        today,
        addresses: Addresses::ListAtEnd,
    };
    render_to(corpus, target, options, &mut StreamSink { out, color })
}

struct Writer<'a> {
    out: &'a mut dyn Sink,
    width: usize,
    /// Number cross-references `[1]`, `[2]`... so the reader can follow them by key.
    numbered: bool,
    /// The day statuses are told against: a planned meeting whose date has passed is not
    /// shown as still planned.
    today: Date,
    /// Where the sources' addresses go (see [`Addresses`]).
    addresses: Addresses,
}

impl Writer<'_> {
    fn style(&mut self, emphasis: Emphasis, text: &str) -> io::Result<()> {
        self.out.text(emphasis, text)
    }

    /// One whole line of plain text.
    fn line(&mut self, text: &str) -> io::Result<()> {
        if !text.is_empty() {
            self.out.text(Emphasis::Plain, text)?;
        }
        self.out.end_line()
    }

    fn blank(&mut self) -> io::Result<()> {
        self.out.end_line()
    }

    fn title(&mut self, text: &str, selector: &str) -> io::Result<()> {
        self.out.anchor(selector);
        for line in wrap(text, self.width) {
            self.style(Emphasis::Strong, &line)?;
            self.blank()?;
        }
        self.style(Emphasis::Faint, selector)?;
        self.blank()
    }

    /// A paragraph wrapped to the width, each line starting with `indent`; blank lines in
    /// the text separate paragraphs.
    fn para(&mut self, text: &str, indent: &str) -> io::Result<()> {
        for (i, p) in text.trim_end().split("\n\n").enumerate() {
            if i > 0 {
                self.blank()?;
            }
            let joined = p.split('\n').map(str::trim).collect::<Vec<_>>().join(" ");
            if self.width == 0 {
                self.line(&format!("{indent}{joined}"))?;
            } else {
                let opts = options(self.width.max(indent.len() + 10), indent, indent);
                for line in textwrap::wrap(&joined, opts) {
                    self.line(&line)?;
                }
            }
        }
        Ok(())
    }

    /// "Label: value" with the value wrapped under itself.
    fn field(&mut self, label: &str, value: &str) -> io::Result<()> {
        self.field_lines(label, &[value])
    }

    /// "Label: first value", then each further value on lines of its own under the first,
    /// all wrapped under themselves.
    fn field_lines(&mut self, label: &str, values: &[&str]) -> io::Result<()> {
        let head = format!("{label}: ");
        let hang = " ".repeat(head.chars().count());
        for (i, value) in values.iter().enumerate() {
            let first = if i == 0 { head.as_str() } else { hang.as_str() };
            self.hung(first, &hang, value)?;
        }
        Ok(())
    }

    /// `value` wrapped after `first`, its further lines after `hang`.
    fn hung(&mut self, first: &str, hang: &str, value: &str) -> io::Result<()> {
        if self.width == 0 {
            return self.line(&format!("{first}{value}"));
        }
        let opts = options(self.width.max(hang.chars().count() + 10), first, hang);
        for line in textwrap::wrap(value, opts) {
            self.line(&line)?;
        }
        Ok(())
    }

    /// A source's address (or that it has none) on a line of its own after `indent`, set
    /// off as a machine name: an address is never wrapped, so it can be copied whole.
    fn address_line(
        &mut self,
        indent: &str,
        source: &crate::brief::model::Source,
    ) -> io::Result<()> {
        self.style(Emphasis::Plain, indent)?;
        match address(source) {
            Some(url) => self.style(Emphasis::Faint, url)?,
            None => self.style(Emphasis::Faint, NO_ADDRESS)?,
        }
        self.blank()
    }

    /// The "Sources" list that ends a page: each source its citations name, with where
    /// it can be read.
    fn source_list(&mut self, corpus: &Corpus, target: Target<'_>) -> io::Result<()> {
        let list = cited(corpus, target);
        if list.is_empty() {
            return Ok(());
        }
        self.blank()?;
        self.style(Emphasis::Strong, "Sources")?;
        self.blank()?;
        for s in list {
            self.hung("- ", "  ", &source_label(corpus, s))?;
            self.address_line("  ", s)?;
        }
        Ok(())
    }

    /// `in_section`: the section's group headings already name an item's group.
    fn entry(
        &mut self,
        corpus: &Corpus,
        brief: &Brief,
        section: &Section,
        e: EntryRef<'_>,
        in_section: bool,
    ) -> io::Result<()> {
        let title = entry_title(corpus, e);
        self.title(&title, &selector(Target::Entry(brief, section, e)))?;
        match e {
            EntryRef::Item(x) => {
                if let Some(g) = &x.group
                    && !in_section
                {
                    self.field("Group", g)?;
                }
                self.blank()?;
                self.para(&x.summary, "")?;
                if let Some(body) = &x.body {
                    self.blank()?;
                    self.para(body, "")?;
                }
            }
            EntryRef::Figure(x) => {
                let value = figure_value(x);
                self.field("Value", &value)?;
                if let Some(s) = &x.summary {
                    self.blank()?;
                    self.para(s, "")?;
                }
            }
            EntryRef::Event(x) => {
                self.field("Date", &event_dates(x))?;
                // Sources that give another date are shown beside the one chosen.
                for d in &x.other_dates {
                    let by = citations(corpus, &d.cite).join("; ");
                    self.field("Also dated", &format!("{} in {by}", d.date))?;
                }
                if let Some(p) = &x.place {
                    self.field("Place", p)?;
                }
                let sel = selector(Target::Entry(brief, section, e));
                let standing = super::timeline::standing(corpus, &sel, x, self.today);
                self.field("Status", &standing.describe())?;
                for o in &x.outcome_of {
                    self.field("Outcome of", o)?;
                }
                for o in super::timeline::same_meeting(corpus, &sel, x) {
                    self.field("Same as", &o)?;
                }
                if let Some(s) = &x.summary {
                    self.blank()?;
                    self.para(s, "")?;
                }
            }
            EntryRef::Position(x) => {
                if let Some(issue) = corpus.issue(&x.issue) {
                    self.field("Issue", &format!("{} ({})", issue.question, issue.id))?;
                }
                self.field("Stance", x.stance.label())?;
                if let Some(r) = &x.reported_by {
                    let name = corpus.actor(r).map_or(r.as_str(), |a| &a.name);
                    self.field("Reported by", name)?;
                }
                if let Some(d) = &x.date {
                    self.field("Stated", &d.to_string())?;
                }
                if !x.paragraphs.is_empty() {
                    let labels = x.paragraphs.join(", ");
                    match &x.text {
                        Some(text) => self.field("Paragraphs", &format!("{labels} of {text}"))?,
                        None => self.field("Paragraphs", &labels)?,
                    }
                }
                if let Some(a) = corpus.actor(&x.actor)
                    && !a.members.is_empty()
                {
                    let names: Vec<&str> = a
                        .members
                        .iter()
                        .map(|m| corpus.actor(m).map_or(m.as_str(), |x| x.name.as_str()))
                        .collect();
                    self.field("Made jointly by", &names.join(", "))?;
                }
                self.blank()?;
                self.para(&x.summary, "")?;
            }
            EntryRef::Proposal(x) => {
                for (label, value) in super::names::proposal_fields(corpus, x) {
                    self.field(label, &value)?;
                }
                if let Some(s) = &x.summary {
                    self.blank()?;
                    self.para(s, "")?;
                }
            }
        }
        self.blank()?;
        let sources = citations(corpus, e.cites());
        let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
        let label = if sources.len() == 1 {
            "Source"
        } else {
            "Sources"
        };
        if self.addresses == Addresses::AfterCitations {
            // Each citation with the address of its source under it.
            let head = format!("{label}: ");
            let hang = " ".repeat(head.chars().count());
            for (i, (text, cite)) in sources.iter().zip(e.cites().all()).enumerate() {
                self.hung(if i == 0 { &head } else { &hang }, &hang, text)?;
                if let Some(s) = corpus.source(&cite.source) {
                    self.address_line(&hang, s)?;
                }
            }
        } else {
            self.field_lines(label, &sources)?;
        }
        // One selector a line, so each can be copied whole. On the reader's page of one
        // entry each is numbered for its key and titled, with the selector below it.
        // A paragraph of a negotiated text links to what it was and what it became.
        let mark = match e {
            EntryRef::Item(x) => x.paragraph.as_ref(),
            _ => None,
        };
        let here = Target::Entry(brief, section, e);
        let all = links(corpus, here);
        let named = paragraph_links(e);
        let naming = naming_positions(corpus, here);
        let proposing = naming_proposals(corpus, here);
        let kind_of = |see: &str| match mark {
            Some(m) if m.earlier.iter().any(|s| s == see) => "Earlier:  ",
            Some(m) if m.later.iter().any(|s| s == see) => "Later:    ",
            _ if named.iter().any(|s| s == see) => "Paragraph:",
            _ if naming.iter().any(|s| s == see) => "Named by: ",
            _ if proposing.iter().any(|s| s == see) => "Proposal: ",
            _ => "See also: ",
        };
        for (i, see) in all.iter().enumerate() {
            let kind = kind_of(see);
            let label = if i == 0 || kind_of(&all[i - 1]) != kind {
                kind
            } else {
                "          "
            };
            let label = if kind == "Paragraph:" && label == kind {
                "Paragraph: "
            } else if kind == "Paragraph:" {
                "           "
            } else {
                label
            };
            if self.numbered && !in_section {
                let title = match corpus.resolve(see) {
                    Some(Target::Entry(_, _, to)) => entry_title(corpus, to),
                    Some(Target::Section(_, s)) => s.title.to_string(),
                    Some(Target::Brief(b)) => b.title.to_string(),
                    None => format!("{see} (not loaded)"),
                };
                let head = format!("{label}[{}] ", i + 1);
                let hang = " ".repeat(head.chars().count());
                if self.width == 0 {
                    self.line(&format!("{head}{title}"))?;
                } else {
                    let opts = options(self.width.max(hang.len() + 10), &head, &hang);
                    for line in textwrap::wrap(&title, opts) {
                        self.line(&line)?;
                    }
                }
                self.style(Emphasis::Plain, &hang)?;
                self.style(Emphasis::Faint, see)?;
                self.blank()?;
            } else {
                self.line(&format!("{label}{see}"))?;
            }
        }
        if !e.tags().is_empty() {
            let tags: Vec<&str> = e.tags().iter().map(|s| s.as_str()).collect();
            self.field("Tags", &tags.join(", "))?;
        }
        Ok(())
    }

    fn section(&mut self, corpus: &Corpus, brief: &Brief, section: &Section) -> io::Result<()> {
        let rule = "=".repeat(section.title.chars().count().min(self.width.max(1)));
        for line in wrap(&section.title, self.width) {
            self.style(Emphasis::Strong, &line)?;
            self.blank()?;
        }
        self.line(&rule)?;
        self.style(Emphasis::Faint, &selector(Target::Section(brief, section)))?;
        self.blank()?;
        if let Some(s) = &section.summary {
            self.blank()?;
            self.para(s, "")?;
        }
        let mut group: Option<&str> = None;
        for e in section.entries() {
            self.blank()?;
            if let EntryRef::Item(item) = e
                && item.group.as_deref() != group
            {
                group = item.group.as_deref();
                if let Some(g) = group {
                    self.style(Emphasis::Heading, g)?;
                    self.blank()?;
                    self.blank()?;
                }
            }
            self.entry(corpus, brief, section, e, true)?;
        }
        Ok(())
    }

    fn brief(&mut self, corpus: &Corpus, brief: &Brief) -> io::Result<()> {
        for line in wrap(&brief.title, self.width) {
            self.style(Emphasis::Strong, &line)?;
            self.blank()?;
        }
        let publisher = corpus
            .actor(&brief.publisher)
            .map_or(brief.publisher.as_str(), |a| &a.name);
        self.para(
            &format!(
                "{} · {} · {} · published {}",
                brief.id,
                publisher,
                brief.kind.label(),
                brief.published_shown()
            ),
            "",
        )?;
        self.blank()?;
        self.para(&brief.summary, "")?;
        for s in &brief.sections {
            self.blank()?;
            self.section(corpus, brief, s)?;
        }
        Ok(())
    }
}

/// How a page is laid out: its width (0 for no wrapping), whether cross-references are
/// numbered (the reader's page of one entry), the day statuses are told against, and
/// where the sources' addresses go.
#[derive(Debug, Clone, Copy)]
pub struct PageOptions {
    pub width: usize,
    pub numbered: bool,
    pub today: Date,
    pub addresses: Addresses,
}

/// Where a page says where its sources can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addresses {
    /// A "Sources" list at the end, each source once (`brief show`: the page is read whole).
    ListAtEnd,
    /// Under each citation (the reader, where a page is read a screen at a time).
    AfterCitations,
}

/// The paragraphs a position names, where it says which version of a loaded text their
/// labels are (`text:`), or the paragraph a proposal is on (or follows): their
/// selectors, to follow.
pub fn paragraph_links(e: EntryRef<'_>) -> Vec<String> {
    match e {
        EntryRef::Proposal(p) => p.paragraph().into_iter().collect(),
        EntryRef::Position(p) => match &p.text {
            Some(text) => p
                .paragraphs
                .iter()
                .map(|l| format!("{text}/{}", crate::brief::model::paragraph_id(l)))
                .collect(),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The positions that name a paragraph of a text (by `text:` and `paragraphs:`).
pub fn naming_positions(corpus: &Corpus, target: Target<'_>) -> Vec<String> {
    match target {
        Target::Entry(_, _, EntryRef::Item(x)) if x.paragraph.is_some() => {
            corpus.positions_naming(&selector(target))
        }
        _ => Vec::new(),
    }
}

/// The proposals briefs' sections make on a paragraph of a text (by `on:` or `after:`).
pub fn naming_proposals(corpus: &Corpus, target: Target<'_>) -> Vec<String> {
    match target {
        Target::Entry(_, _, EntryRef::Item(x)) if x.paragraph.is_some() => {
            corpus.proposals_naming(&selector(target))
        }
        _ => Vec::new(),
    }
}

/// Every cross-reference of an entry, numbered in this order on its page and followed by
/// the same numbers in the reader: its own `see`, then the paragraphs it names, then the
/// positions that name it, then the proposals in briefs on it.
pub fn links(corpus: &Corpus, target: Target<'_>) -> Vec<String> {
    let Target::Entry(brief, _, e) = target else {
        return Vec::new();
    };
    // `section/entry`, the short form inside a brief, is this brief's entry: written out
    // whole, so that it resolves and can be followed like any other selector.
    let whole = |see: &str| match see.split_once('/') {
        Some((section, rest))
            if !rest.contains('/') && brief.sections.iter().any(|s| s.id == section) =>
        {
            format!("{}/{see}", brief.id)
        }
        _ => see.to_owned(),
    };
    let mut out: Vec<String> = e.see().iter().map(|s| whole(s)).collect();
    for p in paragraph_links(e)
        .into_iter()
        .chain(naming_positions(corpus, target))
        .chain(naming_proposals(corpus, target))
    {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// Lay `target` out into any [`Sink`].
pub fn render_to(
    corpus: &Corpus,
    target: Target<'_>,
    options: PageOptions,
    out: &mut dyn Sink,
) -> io::Result<()> {
    let mut w = Writer {
        out,
        width: options.width,
        numbered: options.numbered,
        today: options.today,
        addresses: options.addresses,
    };
    match target {
        Target::Brief(b) => w.brief(corpus, b)?,
        Target::Section(b, s) => w.section(corpus, b, s)?,
        Target::Entry(b, s, e) => w.entry(corpus, b, s, e, false)?,
    }
    if w.addresses == Addresses::ListAtEnd {
        w.source_list(corpus, target)?;
    }
    Ok(())
}
