//! CommonMark, for notes, mail and pandoc: headings, paragraphs and field lists.

use std::io::{self, Write};

use super::{entry_title, event_dates, figure_value, selector};
use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::model::Cites;
use crate::brief::model::{Brief, EntryRef, Section};
use crate::query::names::{citation_parts, citations};
use crate::query::sources::address;

/// Escape what CommonMark would read as markup in running text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        out.push_str(&line[..line.len() - trimmed.len()]);
        // Line starts that would open a block: headings, quotes, lists, rules, tables.
        if trimmed.starts_with(['#', '>', '-', '+', '=', '|']) {
            out.push('\\');
        }
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let ordered = digits > 0 && trimmed[digits..].starts_with(['.', ')']);
        for (j, c) in trimmed.char_indices() {
            if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>') && !(j == 0 && c == '>')
                || (ordered && j == digits)
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A link destination as CommonMark reads it whole: what would end it or break it
/// (spaces, parentheses, angle brackets, backslashes, control characters) percent-encoded.
pub fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '\\' | '"' | '`' | '[' | ']' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A citation as CommonMark: the source's title a link to where it can be read, when it
/// has an address; the rest escaped as running text.
pub fn citation(corpus: &Corpus, cite: &crate::brief::model::Citation) -> String {
    let (title, rest) = citation_parts(corpus, cite);
    match corpus.source(&cite.source).and_then(address) {
        Some(url) => format!(
            "[{}]({}){}",
            escape(&title),
            destination(url),
            escape(&rest)
        ),
        None => format!("{}{}", escape(&title), escape(&rest)),
    }
}

/// Every citation of `cites` as CommonMark (see [`citation`]).
pub fn linked_citations(corpus: &Corpus, cites: &Cites) -> Vec<String> {
    cites.all().iter().map(|c| citation(corpus, c)).collect()
}

fn para(out: &mut dyn Write, text: &str) -> io::Result<()> {
    for p in text.trim_end().split("\n\n") {
        let joined = p.split('\n').map(str::trim).collect::<Vec<_>>().join(" ");
        writeln!(out, "{}\n", escape(&joined))?;
    }
    Ok(())
}

fn entry(
    out: &mut dyn Write,
    corpus: &Corpus,
    brief: &Brief,
    section: &Section,
    e: EntryRef<'_>,
    level: usize,
    today: Date,
) -> io::Result<()> {
    let hashes = "#".repeat(level);
    writeln!(out, "{hashes} {}\n", escape(&entry_title(corpus, e)))?;
    let mut fields: Vec<(&str, String)> = Vec::new();
    match e {
        EntryRef::Item(x) => {
            para(out, &x.summary)?;
            if let Some(b) = &x.body {
                para(out, b)?;
            }
        }
        EntryRef::Figure(x) => {
            let v = figure_value(x);
            fields.push(("Value", v));
            if let Some(s) = &x.summary {
                para(out, s)?;
            }
        }
        EntryRef::Event(x) => {
            fields.push(("Date", event_dates(x)));
            if let Some(p) = &x.place {
                fields.push(("Place", p.to_string()));
            }
            for d in &x.other_dates {
                let by = citations(corpus, &d.cite).join("; ");
                fields.push(("Also dated", format!("{} in {by}", d.date)));
            }
            let sel = selector(Target::Entry(brief, section, e));
            let standing = crate::query::timeline::standing(corpus, &sel, x, today);
            fields.push(("Status", standing.describe()));
            for o in &x.outcome_of {
                fields.push(("Outcome of", o.to_string()));
            }
            for o in crate::query::timeline::same_meeting(corpus, &sel, x) {
                fields.push(("Same as", o));
            }
            if let Some(s) = &x.summary {
                para(out, s)?;
            }
        }
        EntryRef::Position(x) => {
            para(out, &x.summary)?;
            fields.push(("Stance", x.stance.label().to_owned()));
            if let Some(i) = corpus.issue(&x.issue) {
                fields.push(("Issue", i.question.to_string()));
            }
            if let Some(r) = &x.reported_by {
                fields.push((
                    "Reported by",
                    corpus
                        .actor(r)
                        .map_or(r.to_string(), |a| a.name.to_string()),
                ));
            }
            if let Some(d) = &x.date {
                fields.push(("Stated", d.to_string()));
            }
            if !x.paragraphs.is_empty() {
                fields.push(("Paragraphs", x.paragraphs.join(", ")));
            }
        }
        EntryRef::Proposal(x) => {
            if let Some(s) = &x.summary {
                para(out, s)?;
            }
            fields.extend(crate::query::names::proposal_fields(corpus, x));
        }
    }
    for (i, c) in linked_citations(corpus, e.cites()).into_iter().enumerate() {
        fields.push((if i == 0 { "Source" } else { "Also from" }, c));
    }
    if !e.see().is_empty() {
        fields.push((
            "See also",
            e.see()
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    for (label, value) in fields {
        // Cross-references and citations are CommonMark already.
        let value = if matches!(label, "See also" | "Source" | "Also from") {
            value
        } else {
            escape(&value)
        };
        writeln!(out, "- **{label}:** {value}")?;
    }
    writeln!(
        out,
        "- **Selector:** `{}`\n",
        selector(Target::Entry(brief, section, e))
    )
}

fn section(
    out: &mut dyn Write,
    corpus: &Corpus,
    brief: &Brief,
    s: &Section,
    level: usize,
    today: Date,
) -> io::Result<()> {
    writeln!(out, "{} {}\n", "#".repeat(level), escape(&s.title))?;
    if let Some(summary) = &s.summary {
        para(out, summary)?;
    }
    let mut group: Option<&str> = None;
    for e in s.entries() {
        let mut depth = level + 1;
        if let EntryRef::Item(item) = e {
            if item.group.as_deref() != group {
                group = item.group.as_deref();
                if let Some(g) = group {
                    writeln!(out, "{} {}\n", "#".repeat(level + 1), escape(g))?;
                }
            }
            if group.is_some() {
                depth += 1;
            }
        }
        entry(out, corpus, brief, s, e, depth.min(6), today)?;
    }
    Ok(())
}

pub fn render(
    corpus: &Corpus,
    target: Target<'_>,
    today: Date,
    out: &mut dyn Write,
) -> io::Result<()> {
    match target {
        Target::Brief(b) => {
            writeln!(out, "# {}\n", escape(&b.title))?;
            let publisher = corpus
                .actor(&b.publisher)
                .map_or(b.publisher.to_string(), |a| a.name.to_string());
            writeln!(
                out,
                "*{}, {}, published {}* (`{}`)\n",
                escape(&publisher),
                b.kind.label(),
                b.published_shown(),
                b.id
            )?;
            para(out, &b.summary)?;
            for s in &b.sections {
                section(out, corpus, b, s, 2, today)?;
            }
            Ok(())
        }
        Target::Section(b, s) => section(out, corpus, b, s, 2, today),
        Target::Entry(b, s, e) => entry(out, corpus, b, s, e, 2, today),
    }
}
