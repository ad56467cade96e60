//! A text's history as a brief, so the library holds texts beside briefs: `brief list`,
//! `show`, `search`, `pick`, bookmarks, notes and the reader then work on texts, versions
//! and paragraphs with no code of their own. A version is a section (`text/rev2`), a
//! paragraph an item (`text/rev2/98`) whose body is its wording, then its change from the
//! previous version marked word by word (`[-old-]`, `{+new+}`) and its lineage through
//! every version. Headings group the paragraphs under them.

use std::collections::HashMap;

use super::align::PairKind;
use super::diff::Entry;
use super::history::{History, VersionEntry};
use super::model::{Kind, Version};
use super::text::{Moves, NegotiatedText};
use crate::brief::model::{
    Actor, Brief, BriefKind, Citation, Cites, Item, ParagraphChange, ParagraphMark, Section,
    Source, StakeholderGroup,
};
use crate::brief::text::Text;
use crate::search::text::{Builder, HitText, SearchText};

/// The actor a text is published by when its history names none.
pub const DRAFTERS: &str = "drafters";

/// Who a version is cited as published by when the history names no publisher.
const SOURCE_PUBLISHER: &str = "the drafters";

/// A label as an entry id (see [`crate::brief::model::paragraph_id`]): positions name
/// paragraphs by label, so the brief layer makes the ids.
pub fn label_id(label: &str) -> String {
    crate::brief::model::paragraph_id(label)
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
    let mut ids: Vec<Option<String>> = version
        .paragraphs
        .iter()
        .map(|para| (!para.kind.is_apart()).then(|| label_id(para.label.as_str())))
        .collect();
    // Called for every version of every text a search shows hits of: a fast hash, keyed
    // by the ids themselves (no copy of each), to tell the second use of a label and
    // after, which are numbered.
    let mut again: Vec<(usize, usize)> = Vec::new();
    {
        let mut used: fnv::FnvHashMap<&str, usize> = Default::default();
        for (p, id) in ids.iter().enumerate() {
            if let Some(id) = id {
                let n = used.entry(id.as_str()).or_insert(0);
                *n += 1;
                if *n > 1 {
                    again.push((p, *n));
                }
            }
        }
    }
    for (p, n) in again {
        if let Some(id) = &mut ids[p] {
            id.push_str(&format!("-{n}"));
        }
    }
    ids
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
/// `around`: what the corpus tells it — the proposals briefs' sections make on it, which
/// its paragraphs' pages tell with its own, and how the corpus names their actors.
pub fn brief_of(text: &NegotiatedText, around: &crate::brief::corpus::Around) -> Brief {
    let (history, versions) = (&text.history, &text.versions);
    let steps: Vec<Vec<Entry<'_>>> = (0..versions.len().saturating_sub(1))
        .map(|i| text.step(i))
        .collect();
    let moves = text.moves();
    let names = history.names();
    let ids: Vec<Vec<Option<String>>> = versions.iter().map(paragraph_ids).collect();
    // What each paragraph's page says of the proposals on it (a Word version's tracked
    // changes are read from its file, by `brief proposals`).
    let proposed = super::proposals::page_lines(text, around);
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
    let (sources, source_ids) = sources_of(history);
    let mut sections = Vec::new();
    for (v, (entry, version)) in history.versions.iter().zip(versions).enumerate() {
        let source_id = source_ids[v].clone();
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
                heading = Some(heading_shown(para));
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
            if let Some(lines) = proposed.get(&(v, p)) {
                body.push_str("\n\nProposals on it:");
                for line in lines {
                    body.push_str("\n\n• ");
                    body.push_str(line);
                }
            }
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
                    paragraph: Some(Box::new(mark)),
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
                            // Its words first, as a paragraph's body has them: what search
                            // reads of it (see `searchable`).
                            body: Some(Text::new(&format!(
                                "{}\n\nLineage: {}",
                                para.text,
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
                            paragraph: Some(Box::new(ParagraphMark {
                                label: Text::new(para.label.as_str()),
                                version: entry.label.clone(),
                                change: ParagraphChange::Deleted,
                                status: para.status.map(|s| Text::new(s.name())),
                                brackets: u32::try_from(para.brackets).unwrap_or(u32::MAX),
                                earlier,
                                later: Vec::new(),
                                wording: xxhash_rust::xxh3::xxh3_64(para.text.as_bytes()),
                            })),
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
        let standing = text.standing(v).describe();
        let summary = match v {
            0 => format!("{standing}."),
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
                    "{standing}. From {}: {}.",
                    history.versions[v - 1].label,
                    if said.is_empty() {
                        "no change".to_owned()
                    } else {
                        said.join(", ")
                    }
                )
            }
        };
        sections.push(Section {
            id: entry.id.clone(),
            title: section_title(entry),
            summary: Some(Text::new(&summary)),
            items,
            figures: Vec::new(),
            events: Vec::new(),
            positions: Vec::new(),
            proposals: Vec::new(),
        });
    }
    frame(history, sources, sections)
}

/// The brief of a text around its sections: what it is, who drafts it, and the sources
/// its versions are cited as.
fn frame(history: &History, sources: Vec<Source>, sections: Vec<Section>) -> Brief {
    let publisher = history
        .publisher
        .clone()
        .unwrap_or_else(|| Text::new(DRAFTERS));
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
        published_approximate: false,
        language: Text::new("en"),
        summary,
        tags: Vec::new(),
        sources,
        actors,
        issues: Vec::new(),
        sections,
    }
}

/// The sources a text's versions are cited as, with each version's: the one its history
/// names, or one made here of the text's title and the version's name, its symbol with it,
/// as drafts are cited ("…, Revision 2 (A/80/L.2)"), published by whoever drafts the text.
fn sources_of(history: &History) -> (Vec<Source>, Vec<Text>) {
    let mut sources = Vec::new();
    let ids = history
        .versions
        .iter()
        .map(|entry| match &entry.source {
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
        })
        .collect();
    (sources, ids)
}

/// A version's section title: its name, symbol and date.
fn section_title(entry: &VersionEntry) -> Text {
    Text::new(&match &entry.symbol {
        Some(sym) => format!("{} — {sym} ({})", entry.label, entry.date),
        None => format!("{} ({})", entry.label, entry.date),
    })
}

/// [`brief_of`]'s brief as the checks between briefs and the outline need it, made from
/// the alignment alone: every section with its title, every entry with its id and the
/// source it cites, nothing else. The library checks a text by this and lists it by it,
/// and makes the whole brief only when something reads it.
pub fn shell(text: &NegotiatedText) -> Brief {
    shell_of(text, Entries::new(text, true))
}

/// [`shell`] of the entries made already (with their ids).
pub fn shell_of(text: &NegotiatedText, entries: Entries) -> Brief {
    let history = &text.history;
    let (sources, source_ids) = sources_of(history);
    let Entries { mut ids, plans, .. } = entries;
    // Every entry of a version's section cites the version alike: one list, shared.
    let cites: Vec<Cites> = source_ids
        .into_iter()
        .map(|source| {
            Cites::one(Citation {
                source,
                at: Text::default(),
            })
        })
        .collect();
    // The last version's section first: it names the paragraphs deleted from the version
    // before by their ids, which that version's section, made next, then takes rather
    // than copies.
    let mut sections: Vec<Section> = (0..history.versions.len())
        .rev()
        .map(|v| {
            let entry = &history.versions[v];
            let (before, from_v) = ids.split_at_mut(v);
            let (mine, earlier) = (&mut from_v[0], before.last());
            Section {
                id: entry.id.clone(),
                title: section_title(entry),
                summary: None,
                items: plans[v]
                    .iter()
                    .map(|&(planned, _)| {
                        let id = match planned {
                            Planned::Paragraph(p) => Text::from(mine[p].take().unwrap_or_default()),
                            Planned::Deleted(o) => Text::from(format!(
                                "deleted-{}",
                                earlier.and_then(|e| e[o].as_deref()).unwrap_or("p")
                            )),
                        };
                        Item {
                            id,
                            title: Text::default(),
                            summary: Text::default(),
                            body: None,
                            group: None,
                            tags: Vec::new(),
                            cite: cites[v].clone(),
                            see: Vec::new(),
                            paragraph: None,
                        }
                    })
                    .collect(),
                figures: Vec::new(),
                events: Vec::new(),
                positions: Vec::new(),
                proposals: Vec::new(),
            }
        })
        .collect();
    sections.reverse();
    frame(history, sources, sections)
}

/// A heading as the paragraphs under it are grouped by: an unnumbered one by its own text,
/// shown once; a numbered one as drafts print it, and as `brief changes` shows it.
fn heading_shown(para: &super::model::Paragraph) -> Text {
    let shown = if para.label.as_str() == para.text {
        para.text.clone()
    } else {
        format!("{}. {}", para.label, para.text)
    };
    Text::new(shown.trim())
}

/// Where an entry of a version's section comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Planned {
    /// Paragraph `p` of the version.
    Paragraph(usize),
    /// Paragraph `o` of the version before, deleted on the way to this one.
    Deleted(usize),
}

/// The entries of version `v`'s section in [`brief_of`]'s order, each with its group (the
/// heading it is under, by its place in the headings also returned, as shown), made from
/// the alignment alone: no word is diffed.
fn plan(text: &NegotiatedText, v: usize) -> (Vec<(Planned, Option<u32>)>, Vec<String>) {
    let version = &text.versions[v];
    let mut items: Vec<(usize, Planned, Option<u32>)> =
        Vec::with_capacity(version.paragraphs.len());
    let mut headings: Vec<String> = Vec::new();
    let mut heading: Option<u32> = None;
    for (p, para) in version.paragraphs.iter().enumerate() {
        // A frame line is neither an entry nor a group.
        if para.kind == Kind::Frame {
            continue;
        }
        if para.kind == Kind::Heading {
            headings.push(heading_shown(para).to_string());
            heading = Some(headings.len() as u32 - 1);
            continue;
        }
        items.push((2 * p + 2, Planned::Paragraph(p), heading));
    }
    if v > 0 {
        let mut anchor = 1;
        for pair in &text.steps[v - 1] {
            if let Some(&last) = pair.new.iter().max() {
                anchor = anchor.max(2 * last + 3);
                continue;
            }
            for &o in &pair.old {
                if !text.versions[v - 1].paragraphs[o].kind.is_apart() {
                    items.push((anchor, Planned::Deleted(o), None));
                }
            }
        }
        // Paragraphs are in order already: only deleted ones need placing among them.
        items.sort_by_key(|(at, ..)| *at);
    }
    let mut group: Option<u32> = None;
    let items = items
        .into_iter()
        .map(|(_, planned, mut g)| {
            if g.is_none() && matches!(planned, Planned::Deleted(_)) {
                g = group;
            }
            group = g;
            (planned, g)
        })
        .collect();
    (items, headings)
}

/// The entries of [`brief_of`]'s brief as the alignment alone tells them, made once for
/// the shell, the searchable text and the hit text of a text: each version's paragraph
/// ids, and each section's entries in order with the heading each is under.
pub struct Entries {
    /// Each version's paragraph ids (see [`paragraph_ids`]); `None` throughout without
    /// ids.
    ids: Vec<Vec<Option<String>>>,
    /// Each version's entries and the headings they are under (see [`plan`]).
    plans: Vec<Vec<(Planned, Option<u32>)>>,
    headings: Vec<Vec<String>>,
}

impl Entries {
    /// The entries of `text`; without `with_ids`, every entry's id is empty (a searchable
    /// text has no use for them).
    pub fn new(text: &NegotiatedText, with_ids: bool) -> Entries {
        let ids = text
            .versions
            .iter()
            .map(|v| {
                if with_ids {
                    paragraph_ids(v)
                } else {
                    vec![None; v.paragraphs.len()]
                }
            })
            .collect();
        let (plans, headings) = (0..text.versions.len()).map(|v| plan(text, v)).unzip();
        Entries {
            ids,
            plans,
            headings,
        }
    }

    /// Each section and entry, in order (see [`each_entry`]).
    pub fn each<'e>(&'e self, text: &NegotiatedText, mut f: impl FnMut(EntryOf<'_, 'e>)) {
        let mut deleted = String::new();
        for (v, entry) in text.history.versions.iter().enumerate() {
            f(EntryOf::Section(&entry.id));
            for &(planned, group) in &self.plans[v] {
                let (w, p) = match planned {
                    Planned::Paragraph(p) => (v, p),
                    Planned::Deleted(o) => (v - 1, o),
                };
                let id = match (planned, &self.ids[w][p]) {
                    (_, None) => "",
                    (Planned::Paragraph(_), Some(id)) => id.as_str(),
                    (Planned::Deleted(_), Some(id)) => {
                        deleted.clear();
                        deleted.push_str("deleted-");
                        deleted.push_str(id);
                        deleted.as_str()
                    }
                };
                f(EntryOf::Entry {
                    id,
                    v: w,
                    p,
                    group: group.map(|g| self.headings[v][g as usize].as_str()),
                });
            }
        }
    }
}

/// The searchable text of [`brief_of`]'s brief, made from the text without making the
/// brief: what search reads of a paragraph is its wording and its heading (see
/// `search::text`), which the versions hold. A paragraph kept from the version before is
/// folded once.
pub fn searchable(text: &NegotiatedText) -> SearchText {
    searchable_of(text, &Entries::new(text, false))
}

/// [`searchable`] of the entries made already.
pub fn searchable_of(text: &NegotiatedText, entries: &Entries) -> SearchText {
    made(text, entries, Builder::new(&text.history.id, false)).0
}

/// The hit text of [`brief_of`]'s brief, made from the text: nothing is folded. Only the
/// entries `wanted` (by number, in order) have their fields written, the hits to show;
/// `None` writes every entry's.
pub fn hit_text(text: &NegotiatedText, wanted: Option<&[usize]>) -> HitText {
    hit_text_of(text, &Entries::new(text, true), wanted)
}

/// [`hit_text`] of the entries made already, with their ids.
pub fn hit_text_of(text: &NegotiatedText, entries: &Entries, wanted: Option<&[usize]>) -> HitText {
    let mut out = Builder::hits(&text.history.id);
    out.only(wanted);
    made(text, entries, out).1.unwrap_or_default()
}

/// [`searchable`] and [`hit_text`] at once.
pub fn searchable_with_hits(text: &NegotiatedText) -> (SearchText, HitText) {
    let entries = Entries::new(text, true);
    let (searched, hits) = made(text, &entries, Builder::new(&text.history.id, true));
    (searched, hits.unwrap_or_default())
}

/// A paragraph's entry in its own version's section, and the heading it is under.
type Shown<'g> = Option<(usize, Option<&'g str>)>;

fn made(
    text: &NegotiatedText,
    entries: &Entries,
    mut out: Builder,
) -> (SearchText, Option<HitText>) {
    let versions = &text.versions;
    // What is folded is mostly one version's words: a paragraph kept from the version
    // before is folded once. A quarter more for what changed.
    let bytes = (versions.iter())
        .map(|v| v.paragraphs.iter().map(|p| p.text.len() + 1).sum::<usize>())
        .max()
        .unwrap_or(0);
    out.reserve(entries.plans.iter().map(Vec::len).sum(), bytes + bytes / 4);
    // The paragraph of the version before whose words each paragraph keeps, in a pair of
    // one with one: its entry has the same fields when it is under the same heading.
    let kept: Vec<Vec<Option<usize>>> = (0..versions.len())
        .map(|v| {
            let mut kept = vec![None; versions[v].paragraphs.len()];
            for pair in v.checked_sub(1).map_or(&[][..], |w| &text.steps[w][..]) {
                if let ([o], [n]) = (pair.old.as_slice(), pair.new.as_slice())
                    && versions[v - 1].paragraphs[*o].text == versions[v].paragraphs[*n].text
                {
                    kept[*n] = Some(*o);
                }
            }
            kept
        })
        .collect();
    // Each paragraph's entry in its own version's section, and the heading it is under.
    let mut shown: Vec<Vec<Shown<'_>>> = versions
        .iter()
        .map(|v| vec![None; v.paragraphs.len()])
        .collect();
    let (mut section, mut n) = (usize::MAX, 0);
    entries.each(text, |entry| match entry {
        EntryOf::Section(id) => {
            section = section.wrapping_add(1);
            out.section(id);
        }
        EntryOf::Entry { id, v, p, group } => {
            let fields = |push: &mut dyn FnMut(&str)| {
                push(&text.versions[v].paragraphs[p].text);
                if let Some(g) = group {
                    push(g);
                }
            };
            // An earlier entry of the same words under the same heading: this paragraph
            // in the version before, or the deleted paragraph as it was shown there.
            let earlier = if v == section {
                kept[v][p].and_then(|o| shown[v - 1][o])
            } else {
                shown[v][p]
            };
            match earlier.filter(|&(_, g)| g == group) {
                Some((like, _)) => out.entry_like(id, like, fields),
                None => out.entry(id, fields),
            }
            if v == section {
                shown[v][p] = Some((n, group));
            }
            n += 1;
        }
    });
    out.finish()
}

/// What [`each_entry`] meets, in order.
pub enum EntryOf<'a, 'g> {
    /// The next version's section starts: its id.
    Section(&'a str),
    /// The next entry of the section: its id, the paragraph whose words it shows
    /// (paragraph `p` of version `v`: the one before, for a deleted paragraph), and the
    /// heading it is under.
    Entry {
        id: &'a str,
        v: usize,
        p: usize,
        group: Option<&'g str>,
    },
}

/// Each section and entry of [`brief_of`]'s brief, in order, as the alignment alone tells
/// them: what search reads of a text, and what the cache indexes its hits by. Without
/// `with_ids`, every entry's id is empty (a searchable text has no use for them).
pub fn each_entry(text: &NegotiatedText, with_ids: bool, f: impl FnMut(EntryOf<'_, '_>)) {
    Entries::new(text, with_ids).each(text, f);
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

    /// The lakeland fixture, read as the library reads it.
    fn lakeland() -> NegotiatedText {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/drafts/lakeland.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let history = crate::draft::history::History::parse(&text).unwrap();
        let versions: Vec<Version> = history
            .versions
            .iter()
            .map(|v| {
                let file = path.parent().unwrap().join(v.file.as_str());
                crate::draft::read(v.file.as_str(), &std::fs::read(file).unwrap()).unwrap()
            })
            .collect();
        let versions: Vec<Version> = history
            .versions
            .iter()
            .zip(versions)
            .map(|(v, read)| v.prepared(read))
            .collect();
        let forced = history.forced(&versions).unwrap();
        let read = crate::draft::history::Read {
            history,
            versions,
            forced,
        };
        NegotiatedText::new(read, &crate::draft::Options::default()).unwrap()
    }

    /// Made-up texts of many paragraphs through several versions, with renumbering,
    /// insertions, deletions and rewording.
    fn generated(seed: u64) -> NegotiatedText {
        let opts = crate::draft::synth::Options {
            paragraphs: 120,
            versions: 4,
            edit_rate: 0.3,
            seed,
        };
        let versions = crate::draft::synth::versions(&opts)
            .iter()
            .map(|v| crate::draft::read("v.txt", v.as_bytes()).unwrap())
            .collect();
        crate::draft::text::made_up("gen", &["a", "b", "c", "d"], versions, Vec::new())
    }

    #[test]
    fn a_texts_search_is_its_briefs_search() {
        let mut texts = vec![text(), lakeland()];
        texts.extend((1..6).map(generated));
        for text in &texts {
            let brief = brief_of(text, &Default::default());
            let (searched, hits) = crate::search::text::build(&brief);
            let (made, made_hits) = searchable_with_hits(text);
            assert_eq!(made, searched, "{}", text.history.id);
            assert_eq!(made_hits, hits, "{}", text.history.id);
            assert_eq!(hit_text(text, None), hits, "{}", text.history.id);
            assert_eq!(searchable(text), searched, "{}", text.history.id);
        }
        for text in &texts {
            // The shell lists, declares and can be named as the brief can.
            let (brief, shell) = (brief_of(text, &Default::default()), shell(text));
            assert_eq!(
                crate::brief::corpus::Listing::of(&shell),
                crate::brief::corpus::Listing::of(&brief)
            );
            assert_eq!(
                (&shell.sources, &shell.actors),
                (&brief.sources, &brief.actors)
            );
            let ids = |b: &Brief| -> Vec<Vec<String>> {
                b.sections
                    .iter()
                    .map(|s| s.items.iter().map(|i| i.id.to_string()).collect())
                    .collect()
            };
            assert_eq!(ids(&shell), ids(&brief));
        }
        // What was kept from the version before is folded once, not again.
        let made = searchable(&generated(1));
        assert!(made.shared() > 100, "{} shared", made.shared());
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
        let brief = brief_of(&text(), &Default::default());
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
        let brief = brief_of(&text(), &Default::default());
        let rev1: Vec<&str> = brief.sections[1]
            .items
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        // After the paragraph before it, and not counted among the version's paragraphs.
        assert_eq!(rev1, ["1", "deleted-2", "2"]);
        assert_eq!(
            brief.sections[1].summary.as_deref(),
            Some(
                "0 of 2 paragraphs agreed, 2 pending; nothing in brackets. From Version 0: 1 deleted."
            )
        );
        let gone = item(&brief, "rev1", "deleted-2");
        let mark = gone.paragraph.as_ref().unwrap();
        assert_eq!(mark.change, ParagraphChange::Deleted);
        assert_eq!(mark.earlier, ["made-up/zero/2"]);
        // Its words as they were: the item is struck where it is listed.
        assert!(
            gone.body.as_deref().unwrap().starts_with("Beta six"),
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
