//! What the briefs declare, one to a line: sources, actors, issues. Tab-separated fields
//! (each made safe for a field: see [`super::field`]), or JSON Lines whose objects are the
//! declarations as a brief file holds them (see `docs/output.md`).

use std::io::{self, Write};

use super::field;
use crate::brief::corpus::Corpus;
use crate::brief::model::{Actor, Issue, Source};
use crate::query::sources::{NO_ADDRESS, address};

/// One object on a line. Made whole before it is written, so that a closed pipe is told
/// as one (and ends the command quietly).
fn json_line<T: serde::Serialize>(x: &T, out: &mut dyn Write) -> io::Result<()> {
    let line = serde_json::to_string(x).map_err(io::Error::other)?;
    writeln!(out, "{line}")
}

/// `id<TAB>title<TAB>publisher<TAB>date<TAB>address`: "undated" where a source has no
/// date, "no public address known" where it has no address.
pub fn sources(
    corpus: &Corpus,
    list: &[&Source],
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for s in list {
        if json {
            json_line(s, out)?;
            continue;
        }
        // A source made from a text's history names its publisher by actor id.
        let publisher = corpus
            .actor(&s.publisher)
            .map_or(s.publisher.as_str(), |a| a.name.as_str());
        let date = s
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string());
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            field(&s.id),
            field(&s.title),
            field(publisher),
            date,
            field(address(s).unwrap_or(NO_ADDRESS))
        )?;
    }
    Ok(())
}

/// `id<TAB>name<TAB>short name<TAB>stakeholder group`; the short name is empty where
/// there is none.
pub fn actors(list: &[&Actor], json: bool, out: &mut dyn Write) -> io::Result<()> {
    for a in list {
        if json {
            json_line(a, out)?;
            continue;
        }
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            field(&a.id),
            field(&a.name),
            field(a.short.as_deref().unwrap_or_default()),
            a.group.label()
        )?;
    }
    Ok(())
}

/// `id<TAB>title`.
pub fn issues(list: &[&Issue], json: bool, out: &mut dyn Write) -> io::Result<()> {
    for i in list {
        if json {
            json_line(i, out)?;
            continue;
        }
        writeln!(out, "{}\t{}", field(&i.id), field(&i.title))?;
    }
    Ok(())
}
