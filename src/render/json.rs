//! JSON Lines (one object per selector) and YAML. The JSON shape is documented in
//! `docs/output.md` and kept stable: `selector`, `type`, `title`, `data` (the brief,
//! section or entry as in the brief file), and for entries the resolved `source`, and for
//! positions the resolved `actor`, `issue` and `reported_by`.

use std::io::{self, Write};

use crate::brief::yaml::encode;

use serde_json::{Value, json};

use super::{entry_title, selector};
use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::model::EntryRef;

fn to_value<T: serde::Serialize>(x: &T) -> Value {
    // Our own types always serialize; a failure here would be a bug, shown as null.
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// The object `show --format json` prints for one target.
pub fn object(corpus: &Corpus, target: Target<'_>, today: Date) -> Value {
    let sel = selector(target);
    match target {
        Target::Brief(b) => {
            json!({"selector": sel, "type": "brief", "title": b.title, "data": to_value(b)})
        }
        Target::Section(_, s) => {
            json!({"selector": sel, "type": "section", "title": s.title, "data": to_value(s)})
        }
        Target::Entry(_, _, e) => {
            let data = match e {
                EntryRef::Item(x) => to_value(x),
                EntryRef::Figure(x) => to_value(x),
                EntryRef::Event(x) => to_value(x),
                EntryRef::Position(x) => to_value(x),
                EntryRef::Proposal(x) => to_value(x),
            };
            let mut obj = json!({
                "selector": sel,
                "type": e.kind(),
                "title": entry_title(corpus, e),
                "data": data,
                "source": corpus.source(&e.cite().source).map(to_value),
                "sources": e
                    .cites()
                    .all()
                    .iter()
                    .map(|c| corpus.source(&c.source).map(to_value).unwrap_or(Value::Null))
                    .collect::<Vec<_>>(),
            });
            if let EntryRef::Event(x) = e {
                // The status as of today, as every other view tells it.
                let standing = crate::query::timeline::standing(corpus, &sel, x, today);
                obj["standing"] = json!(standing.label());
            }
            if let EntryRef::Position(p) = e {
                obj["actor"] = corpus.actor(&p.actor).map(to_value).unwrap_or(Value::Null);
                obj["issue"] = corpus.issue(&p.issue).map(to_value).unwrap_or(Value::Null);
                obj["reported_by"] = p
                    .reported_by
                    .as_ref()
                    .and_then(|r| corpus.actor(r))
                    .map(to_value)
                    .unwrap_or(Value::Null);
            }
            if let EntryRef::Proposal(p) = e {
                obj["actors"] =
                    p.by.iter()
                        .map(|a| corpus.actor(a).map(to_value).unwrap_or(Value::Null))
                        .collect();
                obj["paragraph"] = json!(p.paragraph());
            }
            obj
        }
    }
}

pub fn render(
    corpus: &Corpus,
    target: Target<'_>,
    today: Date,
    out: &mut dyn Write,
) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &object(corpus, target, today)).map_err(io::Error::other)?;
    writeln!(out)
}

/// The target as it would stand in a brief file.
pub fn render_yaml(target: Target<'_>, out: &mut dyn Write) -> io::Result<()> {
    let text = match target {
        Target::Brief(b) => encode(b),
        Target::Section(_, s) => encode(s),
        Target::Entry(_, _, e) => match e {
            EntryRef::Item(x) => encode(x),
            EntryRef::Figure(x) => encode(x),
            EntryRef::Event(x) => encode(x),
            EntryRef::Position(x) => encode(x),
            EntryRef::Proposal(x) => encode(x),
        },
    }
    .map_err(io::Error::other)?;
    writeln!(out, "---")?;
    out.write_all(text.as_bytes())
}
