//! The reader screen in lines: the list of briefs, a brief's sections, a section's
//! entries (numbered, as the outline shows them, its marks in words) and an entry's page
//! as `query::page` lays it out, with the desk's marks on it.

use std::io;

use super::speak::{Out, echo};
use super::{Item, LineReader};
use crate::brief::corpus::{Corpus, Target};
use crate::brief::model::{Brief, EntryRef, Section};
use crate::query::names::{entry_title, selector};
use crate::query::page::{Addresses, Emphasis, PageOptions, Sink, links, render_to};

/// A page's lines, collected to be spoken one by one.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    current: String,
}

impl Sink for Lines {
    fn text(&mut self, _: Emphasis, text: &str) -> io::Result<()> {
        self.current.push_str(text);
        Ok(())
    }
    fn end_line(&mut self) -> io::Result<()> {
        self.lines.push(std::mem::take(&mut self.current));
        Ok(())
    }
}

/// The entries of `section` the filter lets through, in order.
fn admitted<'b>(r: &LineReader<'_>, brief: &Brief, section: &'b Section) -> Vec<EntryRef<'b>> {
    section
        .entries()
        .filter(|e| r.filter.admits(r.corpus, brief, section, *e))
        .collect()
}

/// What the outline shows beside an entry, in words: a paragraph's change, status and
/// brackets; the desk's bookmark and note.
fn entry_marks(r: &LineReader<'_>, sel: &str, e: EntryRef<'_>) -> Vec<String> {
    let mut words = Vec::new();
    if let EntryRef::Item(item) = e
        && let Some(m) = &item.paragraph
    {
        words.push(m.change.words().to_owned());
        if let Some(s) = &m.status {
            words.push(s.to_string());
        }
        match m.brackets {
            0 => {}
            1 => words.push("1 bracket".to_owned()),
            n => words.push(format!("{n} brackets")),
        }
    }
    if let Some(mark) = r.desk.get(sel) {
        if mark.bookmark {
            words.push("bookmarked".to_owned());
        }
        if mark.note.as_ref().is_some_and(|n| !n.trim().is_empty()) {
            words.push("noted".to_owned());
        }
    }
    words
}

/// `1. A permanent IGF with sustainable funding — bookmarked`.
fn numbered(n: usize, title: &str, marks: &[String]) -> String {
    if marks.is_empty() {
        format!("{n}. {title}")
    } else {
        format!("{n}. {title} — {}", marks.join(", "))
    }
}

/// A selector to give as an example: the first brief's.
pub fn example_selector(r: &LineReader<'_>) -> String {
    r.corpus
        .briefs()
        .get(0)
        .map_or("a-brief-id".to_owned(), |b| b.id.to_string())
}

/// Print where the reader is: the briefs, a brief, a section or an entry.
pub fn show(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let corpus: &Corpus = r.corpus;
    let target = r.at.as_deref().and_then(|s| corpus.resolve(s));
    match target {
        None => {
            r.at = None;
            list_briefs(r, out)
        }
        Some(Target::Brief(b)) => {
            out.line(&b.title)?;
            let publisher = corpus
                .actor(&b.publisher)
                .map_or(b.publisher.as_str(), |a| a.name.as_str());
            out.line(&format!(
                "{}, {publisher}, {}, published {}",
                b.id,
                b.kind.label(),
                b.published_shown()
            ))?;
            out.line(&b.summary)?;
            list_sections(r, b, out)
        }
        Some(Target::Section(b, s)) => {
            out.line(&format!("{}, a section of {}", s.title, b.title))?;
            if let Some(summary) = &s.summary {
                out.line(summary)?;
            }
            list_entries(r, b, s, out)
        }
        Some(t @ Target::Entry(..)) => show_entry(r, t, out),
    }
}

fn show_entry(r: &mut LineReader<'_>, t: Target<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let mut page = Lines::default();
    let options = PageOptions {
        width: out.width(),
        numbered: true,
        today: r.today,
        addresses: Addresses::AfterCitations,
    };
    render_to(r.corpus, t, options, &mut page)?;
    // Blank lines a screen reader skips anyway; two in a row say nothing more.
    let mut blank = false;
    for l in &page.lines {
        if l.trim().is_empty() {
            if !blank {
                out.blank()?;
            }
            blank = true;
            continue;
        }
        blank = false;
        out.laid(l)?;
    }
    let sel = selector(t);
    if let Some(mark) = r.desk.get(&sel) {
        if mark.bookmark {
            out.line(&format!("Bookmarked by you on {}.", mark.noted))?;
        }
        if let Some(note) = mark.note.as_ref().filter(|n| !n.trim().is_empty()) {
            out.line(&format!("Your note: {note}"))?;
        }
        let standing = r.desk.standing(mark, r.corpus);
        if !standing.label().is_empty() {
            out.line(&format!("The mark is {}.", standing.label()))?;
        }
    }
    for c in crate::query::desk::carried(r.corpus, &r.desk, t) {
        let since = if c.changed_since {
            ", and the words have changed since"
        } else {
            ""
        };
        if let Some(note) = c.mark.note.as_ref().filter(|n| !n.trim().is_empty()) {
            out.line(&format!("Your note on {}{since}: {note}", c.on))?;
        } else if c.mark.bookmark {
            out.line(&format!("You bookmarked it on {}{since}.", c.on))?;
        }
    }
    let refs = links(r.corpus, t).len();
    if refs > 0 {
        out.line(&format!(
            "{refs} cross-{}: follow N reads one.",
            if refs == 1 { "reference" } else { "references" }
        ))?;
    }
    Ok(())
}

fn list_briefs(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let briefs = r.corpus.briefs();
    out.line(&format!(
        "{} {}:",
        briefs.len(),
        if briefs.len() == 1 { "brief" } else { "briefs" }
    ))?;
    r.items.clear();
    for (i, c) in (0..briefs.len())
        .filter_map(|i| briefs.contents(i))
        .enumerate()
    {
        out.line(&numbered(
            i + 1,
            &format!("{} ({})", c.title(), c.id()),
            &[],
        ))?;
        r.items.push(Item::Read(c.id().to_owned()));
    }
    Ok(())
}

fn list_sections(r: &mut LineReader<'_>, b: &Brief, out: &mut Out<'_>) -> io::Result<()> {
    out.line(&format!(
        "{} {}:",
        b.sections.len(),
        if b.sections.len() == 1 {
            "section"
        } else {
            "sections"
        }
    ))?;
    r.items.clear();
    for (i, s) in b.sections.iter().enumerate() {
        let all = s.entries().count();
        let shown = admitted(r, b, s).len();
        let count = match (all, shown == all) {
            (1, true) => "1 entry".to_owned(),
            (n, true) => format!("{n} entries"),
            (n, false) => format!("{shown} of {n} entries pass the filter"),
        };
        out.line(&numbered(i + 1, &s.title, &[count]))?;
        r.items.push(Item::Read(format!("{}/{}", b.id, s.id)));
    }
    Ok(())
}

fn list_entries(
    r: &mut LineReader<'_>,
    b: &Brief,
    s: &Section,
    out: &mut Out<'_>,
) -> io::Result<()> {
    let entries = admitted(r, b, s);
    let all = s.entries().count();
    let head = match (entries.len(), all) {
        (1, 1) => "1 entry:".to_owned(),
        (n, a) if n == a => format!("{n} entries:"),
        (n, a) => format!("{n} of {a} entries pass the filter:"),
    };
    out.line(&head)?;
    r.items.clear();
    for (i, e) in entries.iter().enumerate() {
        let sel = selector(Target::Entry(b, s, *e));
        let marks = entry_marks(r, &sel, *e);
        out.line(&numbered(i + 1, &entry_title(r.corpus, *e), &marks))?;
        r.items.push(Item::Read(sel));
    }
    Ok(())
}

/// `list`: number what is here. On an entry, its section's entries.
pub fn list(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let corpus: &Corpus = r.corpus;
    match r.at.as_deref().and_then(|s| corpus.resolve(s)) {
        None => list_briefs(r, out),
        Some(Target::Brief(b)) => list_sections(r, b, out),
        Some(Target::Section(b, s) | Target::Entry(b, s, _)) => {
            out.line(&format!("In {}:", s.title))?;
            list_entries(r, b, s, out)
        }
    }
}

/// Where the reader is: `wsis20-overview/issues/igf-mandate — entry 3 of 12`.
pub fn where_in(r: &LineReader<'_>) -> String {
    let corpus = r.corpus;
    let briefs = corpus.briefs();
    match r.at.as_deref().and_then(|s| corpus.resolve(s)) {
        None if briefs.len() == 1 => "the list of briefs — 1 brief".to_owned(),
        None => format!("the list of briefs — {} briefs", briefs.len()),
        Some(Target::Brief(b)) => format!(
            "{} — brief {} of {}",
            b.id,
            briefs.position(&b.id).map_or(0, |i| i + 1),
            briefs.len()
        ),
        Some(Target::Section(b, s)) => format!(
            "{}/{} — section {} of {}",
            b.id,
            s.id,
            b.sections
                .iter()
                .position(|x| x.id == s.id)
                .map_or(0, |i| i + 1),
            b.sections.len()
        ),
        Some(t @ Target::Entry(b, s, e)) => {
            let entries = admitted(r, b, s);
            let word = match e {
                EntryRef::Item(x) if x.paragraph.is_some() => "paragraph",
                _ => "entry",
            };
            match entries.iter().position(|x| x.id() == e.id()) {
                Some(i) => format!("{} — {word} {} of {}", selector(t), i + 1, entries.len()),
                None => format!(
                    "{} — a {word} the filter leaves out of {}",
                    selector(t),
                    entries.len()
                ),
            }
        }
    }
}

/// `next` and `previous` in the reader: the next entry (crossing into the brief's next
/// section), section or brief.
pub fn step(r: &mut LineReader<'_>, forward: bool, out: &mut Out<'_>) -> io::Result<()> {
    let corpus: &Corpus = r.corpus;
    let briefs = corpus.briefs();
    let way = if forward { "last" } else { "first" };
    let to: Option<String> = match r.at.as_deref().and_then(|s| corpus.resolve(s)) {
        None => {
            return out.line("This is the list of briefs: open a number to read one.");
        }
        Some(Target::Brief(b)) => {
            let i = briefs.position(&b.id).unwrap_or(0);
            let j = if forward {
                i.checked_add(1)
            } else {
                i.checked_sub(1)
            };
            match j.and_then(|j| briefs.get(j)) {
                Some(nb) => Some(nb.id.to_string()),
                None => return out.line(&format!("This is the {way} brief.")),
            }
        }
        Some(Target::Section(b, s)) => {
            let i = b.sections.iter().position(|x| x.id == s.id).unwrap_or(0);
            let j = if forward {
                i.checked_add(1)
            } else {
                i.checked_sub(1)
            };
            match j.and_then(|j| b.sections.get(j)) {
                Some(ns) => Some(format!("{}/{}", b.id, ns.id)),
                None => return out.line(&format!("This is the {way} section of this brief.")),
            }
        }
        Some(Target::Entry(b, s, e)) => {
            // Every admitted entry of the brief, in order, and where this one stands.
            let all: Vec<(String, String)> = b
                .sections
                .iter()
                .flat_map(|sec| {
                    admitted(r, b, sec)
                        .into_iter()
                        .map(move |x| (sec.id.to_string(), x.id().to_owned()))
                })
                .collect();
            let here = (s.id.to_string(), e.id().to_owned());
            let i = all.iter().position(|x| *x == here);
            let j = match (i, forward) {
                (Some(i), true) => Some(i + 1),
                (Some(i), false) => i.checked_sub(1),
                // Outside the filter: the first admitted entry after or before it.
                (None, _) => {
                    let order = |x: &(String, String)| {
                        let si = b.sections.iter().position(|q| q.id == x.0.as_str());
                        let ei = b
                            .sections
                            .iter()
                            .find(|q| q.id == x.0.as_str())
                            .and_then(|q| q.entries().position(|y| y.id() == x.1));
                        (si, ei)
                    };
                    let me = order(&here);
                    if forward {
                        all.iter().position(|x| order(x) > me)
                    } else {
                        all.iter().rposition(|x| order(x) < me)
                    }
                }
            };
            match j.and_then(|j| all.get(j)) {
                Some((ns, ne)) => {
                    if *ns != here.0
                        && let Some(sec) = b.sections.iter().find(|q| q.id == ns.as_str())
                    {
                        out.line(&format!("Into the section {}.", sec.title))?;
                    }
                    Some(format!("{}/{ns}/{ne}", b.id))
                }
                None => return out.line(&format!("This is the {way} entry of this brief.")),
            }
        }
    };
    r.at = to;
    show(r, out)
}

/// `up`: from an entry to its section, a section to its brief, a brief to the list.
pub fn up(r: &mut LineReader<'_>, out: &mut Out<'_>) -> io::Result<()> {
    let corpus: &Corpus = r.corpus;
    let parent = match r.at.as_deref().and_then(|s| corpus.resolve(s)) {
        None => return out.line("This is the top: the list of briefs."),
        Some(Target::Brief(_)) => None,
        Some(Target::Section(b, _)) => Some(b.id.to_string()),
        Some(Target::Entry(b, s, _)) => Some(format!("{}/{}", b.id, s.id)),
    };
    r.read(parent, out)
}

/// `follow N`: cross-reference N of the entry being read.
pub fn follow(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<()> {
    let corpus: &Corpus = r.corpus;
    let target = match (&r.screen, r.at.as_deref().and_then(|s| corpus.resolve(s))) {
        (super::Screen::Reader, Some(t @ Target::Entry(..))) => t,
        _ => {
            return out
                .line("Follow reads a cross-reference of the entry being read: open one first.");
        }
    };
    let all = links(corpus, target);
    let Some(n) = rest.trim().parse::<usize>().ok() else {
        return out.line(&format!(
            "Follow which? Give a number from 1 to {} (follow 1).",
            all.len()
        ));
    };
    match n.checked_sub(1).and_then(|i| all.get(i)) {
        Some(sel) if corpus.resolve(sel).is_some() => r.read(Some(sel.clone()), out),
        Some(sel) => out.line(&format!("{} is not in the loaded briefs.", echo(sel))),
        None if all.is_empty() => out.line("This entry has no cross-references."),
        None => out.line(&format!(
            "There is no cross-reference {n}: this entry has {}.",
            all.len()
        )),
    }
}
