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
use super::text::{Moves, NegotiatedText};
use crate::brief::model::{
    Actor, Brief, BriefKind, Citation, Cites, Item, ParagraphChange, ParagraphMark, Section,
    Source, StakeholderGroup,
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

/// `zero 7 → rev1 6, 7 → rev2 7, 8` for paragraph `p` of version `v`: its line from the
/// version it came in to the last, or to the version it went in, `(deleted)`.
fn lineage_line(moves: &Moves, versions: &[Version], names: &[&str], v: usize, p: usize) -> String {
    let label = |v: usize, ps: &[usize]| -> String {
        let ls: Vec<&str> = ps
            .iter()
            .map(|&i| versions[v].paragraphs[i].label.as_str())
            .collect();
        format!("{} {}", names[v], ls.join(", "))
    };
    let (before, after) = moves.lineage(v, p);
    let mut chain: Vec<String> = before.iter().rev().map(|(w, ps)| label(*w, ps)).collect();
    chain.push(label(v, &[p]));
    chain.extend(after.iter().map(|(w, ps)| label(*w, ps)));
    let end = after.last().map_or(v, |(w, _)| *w);
    if end + 1 < versions.len() {
        chain.push(format!("{} (deleted)", names[end + 1]));
    }
    chain.join(" → ")
}

/// The entry id of each paragraph of `version` (`None` for a heading, which is not an
/// entry): its label as an id, and a number after it where a label comes twice.
pub fn paragraph_ids(version: &Version) -> Vec<Option<String>> {
    let mut used: HashMap<String, usize> = HashMap::new();
    version
        .paragraphs
        .iter()
        .map(|para| {
            if para.kind.is_apart() {
                return None;
            }
            let base = label_id(para.label.as_str());
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            Some(if *n == 1 { base } else { format!("{base}-{n}") })
        })
        .collect()
}

/// The change a pair of a step is to the paragraphs it brings.
fn change_of(kind: PairKind) -> ParagraphChange {
    match kind {
        PairKind::Unchanged => ParagraphChange::Unchanged,
        PairKind::Whitespace => ParagraphChange::Layout,
        PairKind::Changed => ParagraphChange::Changed,
        PairKind::Moved => ParagraphChange::Moved,
        PairKind::Merged => ParagraphChange::Merged,
        PairKind::Split => ParagraphChange::Split,
        PairKind::Inserted => ParagraphChange::New,
        PairKind::Deleted => ParagraphChange::Deleted,
    }
}

/// The brief of a negotiated text: derived from it, for the views that read briefs.
pub fn brief_of(text: &NegotiatedText) -> Brief {
    let (history, versions) = (&text.history, &text.versions);
    let steps: Vec<Vec<Entry<'_>>> = (0..versions.len().saturating_sub(1))
        .map(|i| text.step(i))
        .collect();
    let moves = text.moves();
    let names = history.names();
    let ids: Vec<Vec<Option<String>>> = versions.iter().map(paragraph_ids).collect();
    // The selector of paragraph `p` of version `v`, where it is an entry.
    let selector = |v: usize, p: usize| -> Option<Text> {
        let id = ids[v][p].as_ref()?;
        Some(Text::new(&format!(
            "{}/{}/{id}",
            history.id, history.versions[v].id
        )))
    };
    let selectors = |line: &[(usize, Vec<usize>)]| -> Vec<Text> {
        line.iter()
            .flat_map(|(w, ps)| ps.iter().filter_map(|&q| selector(*w, q)))
            .collect()
    };
    let mut previous_source: Option<Text> = None;
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
        // Each item with where it goes: a paragraph at `2p + 2`, a paragraph deleted on
        // the way to this version after the one the alignment put it after.
        let mut items: Vec<(usize, Item)> = Vec::new();
        let mut heading: Option<Text> = None;
        for (p, para) in version.paragraphs.iter().enumerate() {
            // A frame line (the title, the chapeau) is neither an entry nor a group.
            if para.kind == Kind::Frame {
                continue;
            }
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
            let Some(id) = ids[v][p].clone() else {
                continue;
            };
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
                lineage_line(&moves, versions, &names, v, p)
            ));
            let title = format!("¶ {} {}", para.label, first_words(&para.text, 8));
            let (before, after) = moves.lineage(v, p);
            let earlier: Vec<Text> = selectors(&before.into_iter().rev().collect::<Vec<_>>());
            let later: Vec<Text> = selectors(&after);
            let mark = ParagraphMark {
                label: Text::new(para.label.as_str()),
                version: entry.label.clone(),
                change: match (v, came_from) {
                    (0, _) => ParagraphChange::First,
                    (_, None) => ParagraphChange::New,
                    (_, Some(e)) => change_of(e.kind()),
                },
                status: para.status.map(|s| Text::new(s.name())),
                brackets: u32::try_from(para.brackets).unwrap_or(u32::MAX),
                earlier: earlier.clone(),
                later: later.clone(),
                wording: xxhash_rust::xxh3::xxh3_64(para.text.as_bytes()),
            };
            items.push((
                2 * p + 2,
                Item {
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
                    see: earlier.into_iter().chain(later).collect(),
                    paragraph: Some(mark),
                },
            ));
        }
        // A paragraph deleted on the way here is listed where it went, struck.
        if v > 0 {
            let mut anchor = 1;
            for e in &steps[v - 1] {
                if let Some(&last) = e.pair.new.iter().max() {
                    anchor = anchor.max(2 * last + 3);
                    continue;
                }
                for (&o, para) in e.pair.old.iter().zip(&e.old) {
                    if para.kind.is_apart() {
                        continue;
                    }
                    let old_id = ids[v - 1][o].clone().unwrap_or_else(|| "p".into());
                    let (before, _) = moves.lineage(v - 1, o);
                    let mut earlier: Vec<Text> =
                        selectors(&before.into_iter().rev().collect::<Vec<_>>());
                    earlier.extend(selector(v - 1, o));
                    let previous = &history.versions[v - 1];
                    items.push((
                        anchor,
                        Item {
                            id: Text::new(&format!("deleted-{old_id}")),
                            title: Text::new(
                                format!(
                                    "¶ {} (deleted) {}",
                                    para.label,
                                    first_words(&para.text, 6)
                                )
                                .trim(),
                            ),
                            summary: Text::new(&format!(
                                "Deleted in {}; it was ¶{} of {}.",
                                entry.label, para.label, previous.label
                            )),
                            body: Some(Text::new(&format!(
                                "{}\n\nLineage: {}",
                                super::render::marked_plain(e),
                                lineage_line(&moves, versions, &names, v - 1, o)
                            ))),
                            group: None,
                            tags: Vec::new(),
                            cite: Cites::one(Citation {
                                source: previous_source
                                    .clone()
                                    .unwrap_or_else(|| source_id.clone()),
                                at: Text::new(&format!("¶ {}", para.label)),
                            }),
                            see: earlier.clone(),
                            paragraph: Some(ParagraphMark {
                                label: Text::new(para.label.as_str()),
                                version: entry.label.clone(),
                                change: ParagraphChange::Deleted,
                                status: para.status.map(|s| Text::new(s.name())),
                                brackets: u32::try_from(para.brackets).unwrap_or(u32::MAX),
                                earlier,
                                later: Vec::new(),
                                wording: xxhash_rust::xxh3::xxh3_64(para.text.as_bytes()),
                            }),
                        },
                    ));
                }
            }
        }
        items.sort_by_key(|(at, _)| *at);
        // A deleted paragraph is in the group of what comes before it.
        let mut group: Option<Text> = None;
        let items: Vec<Item> = items
            .into_iter()
            .map(|(_, mut item)| {
                if item.group.is_none()
                    && item
                        .paragraph
                        .as_ref()
                        .is_some_and(|m| m.change == ParagraphChange::Deleted)
                {
                    item.group = group.clone();
                }
                group = item.group.clone();
                item
            })
            .collect();
        previous_source = Some(source_id.clone());
        let paragraphs = items
            .iter()
            .filter(|i| {
                i.paragraph
                    .as_ref()
                    .is_none_or(|m| m.change != ParagraphChange::Deleted)
            })
            .count();
        let standing = text.standing(v).describe();
        let summary = match v {
            0 => format!("{paragraphs} paragraphs: {standing}."),
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
                    "{paragraphs} paragraphs: {standing}. From {}: {}.",
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

    /// Three made-up versions: ¶2 is deleted in the second, ¶3 renumbered and then
    /// agreed with a bracket left, and a new ¶3 comes in the third.
    fn text() -> NegotiatedText {
        let versions = [
            "1. Alpha one two three four five.\n\n2. Beta six seven eight nine ten.\n\n3. Gamma eleven twelve thirteen fourteen.\n",
            "1. Alpha one two three four five.\n\n2. Gamma eleven twelve thirteen fourteen.\n",
            "1. Alpha one two three four five.\n\n2. Gamma eleven twelve [thirteen] fourteen. (Agreed)\n\n3. Delta fifteen sixteen seventeen.\n",
        ];
        let versions = versions
            .iter()
            .map(|v| crate::draft::read("v.txt", v.as_bytes()).unwrap())
            .collect();
        crate::draft::text::made_up("made-up", &["zero", "rev1", "rev2"], versions, Vec::new())
    }

    fn item<'b>(brief: &'b Brief, version: &str, id: &str) -> &'b Item {
        brief
            .sections
            .iter()
            .find(|s| s.id == version)
            .and_then(|s| s.items.iter().find(|i| i.id == id))
            .unwrap_or_else(|| panic!("no {version}/{id}"))
    }

    #[test]
    fn each_paragraph_carries_its_change_status_and_lineage() {
        let brief = brief_of(&text());
        let gamma = item(&brief, "rev2", "2");
        let mark = gamma.paragraph.as_ref().unwrap();
        assert_eq!(mark.change, ParagraphChange::Changed);
        assert_eq!(mark.status.as_deref(), Some("agreed"));
        assert_eq!(mark.brackets, 1);
        assert_eq!(mark.earlier, ["made-up/zero/3", "made-up/rev1/2"]);
        assert!(mark.later.is_empty());
        // The lineage is followable: the earlier versions are its cross-references.
        assert_eq!(gamma.see, mark.earlier);
        assert_eq!(crate::query::names::paragraph_markers(mark), "~✓[1]");
        let first = item(&brief, "zero", "3").paragraph.clone().unwrap();
        assert_eq!(first.change, ParagraphChange::First);
        assert_eq!(first.later, ["made-up/rev1/2", "made-up/rev2/2"]);
        let renumbered = item(&brief, "rev1", "2").paragraph.clone().unwrap();
        assert_eq!(renumbered.change, ParagraphChange::Unchanged);
        assert_eq!(
            item(&brief, "rev2", "3").paragraph.as_ref().unwrap().change,
            ParagraphChange::New
        );
    }

    #[test]
    fn a_deleted_paragraph_is_listed_where_it_went() {
        let brief = brief_of(&text());
        let rev1: Vec<&str> = brief.sections[1]
            .items
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        // After the paragraph before it, and not counted among the version's paragraphs.
        assert_eq!(rev1, ["1", "deleted-2", "2"]);
        assert_eq!(
            brief.sections[1].summary.as_deref(),
            Some("2 paragraphs: no status tagged; nothing in brackets. From Version 0: 1 deleted.")
        );
        let gone = item(&brief, "rev1", "deleted-2");
        let mark = gone.paragraph.as_ref().unwrap();
        assert_eq!(mark.change, ParagraphChange::Deleted);
        assert_eq!(mark.earlier, ["made-up/zero/2"]);
        assert!(
            gone.body.as_deref().unwrap().starts_with("[-Beta six"),
            "{:?}",
            gone.body
        );
        assert!(gone.title.contains("(deleted)"));
        // And its lineage ends there.
        let before = item(&brief, "zero", "2");
        assert!(
            before
                .body
                .as_deref()
                .unwrap()
                .ends_with("Lineage: zero 2 → rev1 (deleted)"),
            "{:?}",
            before.body
        );
        // The brief made of a text passes the checks every brief does.
        assert!(crate::brief::validate::check_brief(&brief, false).is_empty());
    }

    #[test]
    fn labels_become_ids() {
        assert_eq!(label_id("New 65A"), "new-65a");
        assert_eq!(label_id("1 ter"), "1-ter");
        assert_eq!(label_id("PP3"), "pp3");
        assert_eq!(label_id("(a)"), "a");
        assert_eq!(label_id("—"), "p");
    }
}
