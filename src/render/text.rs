//! Plain text for pipes and terminals, wrapped by display width (accents, CJK and emoji
//! count as the columns they take).

use std::io::{self, Write};

use textwrap::{Options, WordSeparator, WordSplitter};
use unicode_width::UnicodeWidthChar;

use super::{Layout, citation, entry_title, event_dates, figure_value, selector};
use crate::brief::corpus::{Corpus, Target};
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
    if line.chars().any(|c| c.width().unwrap_or(0) > 1) {
        WordSeparator::UnicodeBreakProperties.find_words(line)
    } else {
        WordSeparator::AsciiSpace.find_words(line)
    }
}

struct Writer<'a> {
    out: &'a mut dyn Write,
    layout: Layout,
}

impl Writer<'_> {
    fn style(&mut self, code: &str, text: &str) -> io::Result<()> {
        if self.layout.color {
            write!(self.out, "\x1b[{code}m{text}\x1b[0m")
        } else {
            write!(self.out, "{text}")
        }
    }

    fn title(&mut self, text: &str, selector: &str) -> io::Result<()> {
        for line in wrap(text, self.layout.width) {
            self.style("1", &line)?;
            writeln!(self.out)?;
        }
        self.style("2", selector)?;
        writeln!(self.out)
    }

    /// A paragraph wrapped to the width, each line starting with `indent`; blank lines in
    /// the text separate paragraphs.
    fn para(&mut self, text: &str, indent: &str) -> io::Result<()> {
        for (i, p) in text.trim_end().split("\n\n").enumerate() {
            if i > 0 {
                writeln!(self.out)?;
            }
            let joined = p.split('\n').map(str::trim).collect::<Vec<_>>().join(" ");
            if self.layout.width == 0 {
                writeln!(self.out, "{indent}{joined}")?;
            } else {
                let opts = options(self.layout.width.max(indent.len() + 10), indent, indent);
                for line in textwrap::wrap(&joined, opts) {
                    writeln!(self.out, "{line}")?;
                }
            }
        }
        Ok(())
    }

    /// "Label: value" with the value wrapped under itself.
    fn field(&mut self, label: &str, value: &str) -> io::Result<()> {
        let head = format!("{label}: ");
        let hang = " ".repeat(head.chars().count());
        if self.layout.width == 0 {
            return writeln!(self.out, "{head}{value}");
        }
        let opts = options(self.layout.width.max(hang.len() + 10), &head, &hang);
        for line in textwrap::wrap(value, opts) {
            writeln!(self.out, "{line}")?;
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
                writeln!(self.out)?;
                self.para(&x.summary, "")?;
                if let Some(body) = &x.body {
                    writeln!(self.out)?;
                    self.para(body, "")?;
                }
            }
            EntryRef::Figure(x) => {
                let value = figure_value(x);
                self.field("Value", &value)?;
                if let Some(s) = &x.summary {
                    writeln!(self.out)?;
                    self.para(s, "")?;
                }
            }
            EntryRef::Event(x) => {
                self.field("Date", &event_dates(x))?;
                if let Some(p) = &x.place {
                    self.field("Place", p)?;
                }
                self.field("Status", x.status.label())?;
                if let Some(s) = &x.summary {
                    writeln!(self.out)?;
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
                writeln!(self.out)?;
                self.para(&x.summary, "")?;
            }
        }
        writeln!(self.out)?;
        self.field("Source", &citation(corpus, e.cite()))?;
        // One selector a line, so each can be copied whole.
        for (i, see) in e.see().iter().enumerate() {
            let label = if i == 0 { "See also: " } else { "          " };
            writeln!(self.out, "{label}{see}")?;
        }
        if !e.tags().is_empty() {
            let tags: Vec<&str> = e.tags().iter().map(|s| s.as_str()).collect();
            self.field("Tags", &tags.join(", "))?;
        }
        Ok(())
    }

    fn section(&mut self, corpus: &Corpus, brief: &Brief, section: &Section) -> io::Result<()> {
        let rule = "=".repeat(section.title.chars().count().min(self.layout.width.max(1)));
        for line in wrap(&section.title, self.layout.width) {
            self.style("1", &line)?;
            writeln!(self.out)?;
        }
        writeln!(self.out, "{rule}")?;
        self.style("2", &selector(Target::Section(brief, section)))?;
        writeln!(self.out)?;
        if let Some(s) = &section.summary {
            writeln!(self.out)?;
            self.para(s, "")?;
        }
        let mut group: Option<&str> = None;
        for e in section.entries() {
            writeln!(self.out)?;
            if let EntryRef::Item(item) = e
                && item.group.as_deref() != group
            {
                group = item.group.as_deref();
                if let Some(g) = group {
                    self.style("1;4", g)?;
                    writeln!(self.out)?;
                    writeln!(self.out)?;
                }
            }
            self.entry(corpus, brief, section, e, true)?;
        }
        Ok(())
    }

    fn brief(&mut self, corpus: &Corpus, brief: &Brief) -> io::Result<()> {
        for line in wrap(&brief.title, self.layout.width) {
            self.style("1", &line)?;
            writeln!(self.out)?;
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
                brief.published
            ),
            "",
        )?;
        writeln!(self.out)?;
        self.para(&brief.summary, "")?;
        for s in &brief.sections {
            writeln!(self.out)?;
            self.section(corpus, brief, s)?;
        }
        Ok(())
    }
}

pub fn render(
    corpus: &Corpus,
    target: Target<'_>,
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = Writer { out, layout };
    match target {
        Target::Brief(b) => w.brief(corpus, b),
        Target::Section(b, s) => w.section(corpus, b, s),
        Target::Entry(b, s, e) => w.entry(corpus, b, s, e, false),
    }
}
