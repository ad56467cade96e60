//! CommonMark, for notes, mail and pandoc: headings, paragraphs and field lists.

use std::io::{self, Write};

use super::{citation, entry_title, event_dates, figure_value, selector};
use crate::brief::corpus::{Corpus, Target};
use crate::brief::model::{Brief, EntryRef, Section};

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
            fields.push(("Status", x.status.label().to_owned()));
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
        }
    }
    fields.push(("Source", citation(corpus, e.cite())));
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
        let value = if label == "See also" {
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
        entry(out, corpus, brief, s, e, depth.min(6))?;
    }
    Ok(())
}

pub fn render(corpus: &Corpus, target: Target<'_>, out: &mut dyn Write) -> io::Result<()> {
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
                b.published,
                b.id
            )?;
            para(out, &b.summary)?;
            for s in &b.sections {
                section(out, corpus, b, s, 2)?;
            }
            Ok(())
        }
        Target::Section(b, s) => section(out, corpus, b, s, 2),
        Target::Entry(b, s, e) => entry(out, corpus, b, s, e, 2),
    }
}
