//! A text's history as a brief, so the library holds texts beside briefs: `brief list`,
//! `show`, `search`, `pick`, bookmarks, notes and the reader then work on texts, versions
//! and paragraphs with no code of their own. A version is a section (`text/rev2`), a
//! paragraph an item (`text/rev2/98`) whose body is its wording, then its change from the
//! previous version marked word by word (`[-old-]`, `{+new+}`) and its lineage through
//! every version. Headings group the paragraphs under them.

use std::collections::HashMap;

use super::align::PairKind;
use super::diff::Entry;
use super::model::{Kind, Version};
use super::text::NegotiatedText;
use crate::brief::model::{
    Actor, Brief, BriefKind, Citation, Cites, Item, Section, Source, StakeholderGroup,
};
use crate::brief::text::Text;

/// The actor a text is published by when its history names none.
pub const DRAFTERS: &str = "drafters";

/// Who a version is cited as published by when the history names no publisher.
const SOURCE_PUBLISHER: &str = "the drafters";

/// A label as an entry id: lowercase, spaces and marks as hyphens (`New 65A` → `new-65a`,
/// `1 ter` → `1-ter`, `PP3` → `pp3`).
pub fn label_id(label: &str) -> String {
    let mut id = String::new();
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() { "p".to_owned() } else { id }
}

/// Where each paragraph went between consecutive versions, and came from.
struct Moves {
    /// `forward[i][p]`: paragraphs of version `i + 1` that paragraph `p` of `i` became.
    forward: Vec<Vec<Vec<usize>>>,
    /// `backward[i][p]`: paragraphs of version `i` that paragraph `p` of `i + 1` came from.
    backward: Vec<Vec<Vec<usize>>>,
}

impl Moves {
    fn new(versions: &[Version], steps: &[Vec<Entry<'_>>]) -> Moves {
        let mut forward = Vec::new();
        let mut backward = Vec::new();
        for (i, entries) in steps.iter().enumerate() {
            let mut f = vec![Vec::new(); versions[i].paragraphs.len()];
            let mut b = vec![Vec::new(); versions[i + 1].paragraphs.len()];
            for e in entries {
                for &o in &e.pair.old {
                    f[o].extend(e.pair.new.iter().copied());
                }
                for &n in &e.pair.new {
                    b[n].extend(e.pair.old.iter().copied());
                }
            }
            forward.push(f);
            backward.push(b);
        }
        Moves { forward, backward }
    }

    /// `zero 7 → rev1 6, 7 → rev2 7, 8` for paragraph `p` of version `v`.
    fn lineage(&self, versions: &[Version], names: &[&str], v: usize, p: usize) -> String {
        let label = |v: usize, ps: &[usize]| -> String {
            if ps.is_empty() {
                return format!("{} (deleted)", names[v]);
            }
            let ls: Vec<&str> = ps
                .iter()
                .map(|&i| versions[v].paragraphs[i].label.as_str())
                .collect();
            format!("{} {}", names[v], ls.join(", "))
        };
        let mut before = Vec::new();
        let mut current = vec![p];
        for i in (0..v).rev() {
            let mut prev: Vec<usize> = current
                .iter()
                .flat_map(|&x| self.backward[i][x].iter().copied())
                .collect();
            prev.sort_unstable();
            prev.dedup();
            if prev.is_empty() {
                break;
            }
            before.push(label(i, &prev));
            current = prev;
        }
        before.reverse();
        let mut chain = before;
        chain.push(label(v, &[p]));
        let mut current = vec![p];
        for i in v..versions.len().saturating_sub(1) {
            let mut next: Vec<usize> = current
                .iter()
                .flat_map(|&x| self.forward[i][x].iter().copied())
                .collect();
            next.sort_unstable();
            next.dedup();
            chain.push(label(i + 1, &next));
            if next.is_empty() {
                break;
            }
            current = next;
        }
        chain.join(" → ")
    }
}

/// The brief of a negotiated text: derived from it, for the views that read briefs.
pub fn brief_of(text: &NegotiatedText) -> Brief {
    let (history, versions) = (&text.history, &text.versions);
    let steps: Vec<Vec<Entry<'_>>> = (0..versions.len().saturating_sub(1))
        .map(|i| text.step(i))
        .collect();
    let moves = Moves::new(versions, &steps);
    let names = history.names();
    let publisher = history
        .publisher
        .clone()
        .unwrap_or_else(|| Text::new(DRAFTERS));
    let mut sources = Vec::new();
    let mut sections = Vec::new();
    for (v, (entry, version)) in history.versions.iter().zip(versions).enumerate() {
        // Each version cites the source it comes from, or one made for it here: the
        // text's title and the version's name, its symbol with it, as drafts are cited
        // ("…, Revision 2 (A/80/L.2)"), published by whoever drafts the text.
        let source_id = match &entry.source {
            Some(s) => s.clone(),
            None => {
                let id = Text::new(&format!("{}-{}", history.id, entry.id));
                let title = match &entry.symbol {
                    Some(sym) => format!("{}, {} ({sym})", history.title, entry.label),
                    None => format!("{}, {}", history.title, entry.label),
                };
                sources.push(Source {
                    id: id.clone(),
                    title: Text::new(&title),
                    // An actor's id, named by the citation where the library declares it.
                    publisher: history
                        .publisher
                        .clone()
                        .unwrap_or_else(|| Text::new(SOURCE_PUBLISHER)),
                    author: None,
                    date: Some(entry.date),
                    kind: None,
                    url: None,
                    note: Some(Text::new(&format!("the file {}", entry.file))),
                });
                id
            }
        };
        // What each paragraph of this version came from in the one before.
        let mut from_previous: HashMap<usize, &Entry<'_>> = HashMap::new();
        if v > 0 {
            for e in &steps[v - 1] {
                for &n in &e.pair.new {
                    from_previous.insert(n, e);
                }
            }
        }
        let mut items: Vec<Item> = Vec::new();
        let mut used: HashMap<String, usize> = HashMap::new();
        let mut heading: Option<Text> = None;
        for (p, para) in version.paragraphs.iter().enumerate() {
            if para.kind == Kind::Heading {
                // An unnumbered heading is labelled by its own text: shown once. A
                // numbered one as drafts print it, and as `brief changes` shows it.
                let shown = if para.label.as_str() == para.text {
                    para.text.clone()
                } else {
                    format!("{}. {}", para.label, para.text)
                };
                heading = Some(Text::new(shown.trim()));
                continue;
            }
            let base = label_id(para.label.as_str());
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            // An inserted pair names no paragraph before: the paragraph is new, with no
            // change to show.
            let came_from = from_previous.get(&p).copied().filter(|e| !e.old.is_empty());
            let change = match (v, came_from) {
                (0, _) => None,
                (_, None) => Some(format!("new in {}", history.versions[v].label)),
                (_, Some(e)) => {
                    let kind = super::render::kind_word(e.kind());
                    let old = e.old_labels().join(", ");
                    let layout = if e.kind() == PairKind::Whitespace {
                        format!(" ({})", super::render::LAYOUT_ONLY)
                    } else {
                        String::new()
                    };
                    Some(format!(
                        "{kind} from {} ¶{old}{layout}",
                        history.versions[v - 1].label
                    ))
                }
            };
            // A status that changed is news even when the words are not: said from what
            // to what, as `brief changes` says it.
            let was = came_from.map_or(para.status, |e| e.old_status());
            let status = match (was, para.status) {
                (was, now) if was != now => Some(format!(
                    "status: {} → {}",
                    was.map_or("none", |s| s.name()),
                    now.map_or("none", |s| s.name())
                )),
                (_, now) => now.map(|s| s.name().to_owned()),
            };
            let summary = match (&change, &status) {
                (Some(c), Some(s)) => format!("{c}; {s}."),
                (Some(c), None) => format!("{c}."),
                (None, Some(s)) => format!("In {}; {s}.", entry.label),
                (None, None) => format!("In {}.", entry.label),
            };
            let mut body = para.text.clone();
            if let Some(e) = came_from
                && e.reworded()
            {
                body.push_str(&format!(
                    "\n\nChange from {} ¶{}: {}",
                    history.versions[v - 1].label,
                    e.old_labels().join(", "),
                    super::render::marked_plain(e)
                ));
            }
            body.push_str(&format!(
                "\n\nLineage: {}",
                moves.lineage(versions, &names, v, p)
            ));
            let title = format!("¶ {} {}", para.label, first_words(&para.text, 8));
            items.push(Item {
                id: Text::new(&id),
                title: Text::new(title.trim()),
                summary: Text::new(&summary),
                body: Some(Text::new(&body)),
                group: heading.clone(),
                tags: Vec::new(),
                cite: Cites::one(Citation {
                    source: source_id.clone(),
                    at: Text::new(&format!("¶ {}", para.label)),
                }),
                see: Vec::new(),
            });
        }
        let summary = match v {
            0 => format!("{} paragraphs.", items.len()),
            _ => {
                let mut counts: Vec<(&str, usize)> = Vec::new();
                for e in &steps[v - 1] {
                    let k = match e.kind() {
                        PairKind::Whitespace => "unchanged (layout only)",
                        k => super::render::kind_word(k),
                    };
                    match counts.iter_mut().find(|c| c.0 == k) {
                        Some(c) => c.1 += 1,
                        None => counts.push((k, 1)),
                    }
                }
                let said: Vec<String> = counts
                    .iter()
                    .filter(|c| c.0 != "unchanged")
                    .map(|(k, n)| format!("{n} {k}"))
                    .collect();
                format!(
                    "{} paragraphs; from {}: {}.",
                    items.len(),
                    history.versions[v - 1].label,
                    if said.is_empty() {
                        "no change".to_owned()
                    } else {
                        said.join(", ")
                    }
                )
            }
        };
        let mut title = format!("{} ({})", entry.label, entry.date);
        if let Some(sym) = &entry.symbol {
            title = format!("{} — {sym} ({})", entry.label, entry.date);
        }
        sections.push(Section {
            id: entry.id.clone(),
            title: Text::new(&title),
            summary: Some(Text::new(&summary)),
            items,
            figures: Vec::new(),
            events: Vec::new(),
            positions: Vec::new(),
        });
    }
    let actors = if history.publisher.is_none() {
        vec![Actor {
            id: Text::new(DRAFTERS),
            name: Text::new("The drafters of a negotiated text"),
            short: None,
            group: StakeholderGroup::Unspecified,
            bloc: None,
            members: Vec::new(),
            note: None,
        }]
    } else {
        Vec::new()
    };
    let labels: Vec<String> = history
        .versions
        .iter()
        .map(|v| format!("{} ({})", v.label, v.date))
        .collect();
    let summary = history.summary.clone().unwrap_or_else(|| {
        Text::new(&format!(
            "The versions of a negotiated text: {}.",
            labels.join(", ")
        ))
    });
    Brief {
        id: history.id.clone(),
        title: history.title.clone(),
        publisher,
        kind: BriefKind::NegotiatedText,
        published: history
            .versions
            .last()
            .map_or(crate::brief::date::Date::ymd(2000, 1, 1), |v| v.date),
        language: Text::new("en"),
        summary,
        tags: Vec::new(),
        sources,
        actors,
        issues: Vec::new(),
        sections,
    }
}

/// The first `n` words of `text`, with an ellipsis when there are more.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{}…", words[..n].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_become_ids() {
        assert_eq!(label_id("New 65A"), "new-65a");
        assert_eq!(label_id("1 ter"), "1-ter");
        assert_eq!(label_id("PP3"), "pp3");
        assert_eq!(label_id("(a)"), "a");
        assert_eq!(label_id("—"), "p");
    }
}
