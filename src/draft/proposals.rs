//! Proposals on a text's paragraphs: who asked for which words, on which paragraph of which
//! version, and whether the next version (and the last) took them.
//!
//! A proposal comes from one of four places: written in the history (`proposals:`), an
//! attribution inline in a compilation's paragraph (`[G77: delete]`, `(EU, US: retain)`,
//! `Alt 1 (G77): …`, `Option 2 [EU]: …`), a bracketed choice left open in any paragraph
//! (`[shall] [should]`, one option each, by no one), or a tracked change in a Word version
//! (its author). Names are kept as written: this layer knows no actors; what a name means is
//! the library's to say (`query::proposals`).
//!
//! Whether a proposal was *reflected* is measured on words, case and punctuation aside: of
//! the change it asks (the words it adds and the words it takes out of the paragraph),
//! the share the later version made. A share of 0.9 and above is `yes`, under 0.1 `no`,
//! between `partly`; with no later version, `pending`.

use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use super::model::{Paragraph, Version};
use super::read::docx::{ChangeKind, TrackedChange};
use super::text::NegotiatedText;
use crate::brief::corpus::Proposed;
use crate::brief::date::Date;
use crate::brief::model::Citation;
use crate::brief::text::Text;

pub use crate::brief::proposal::{Action, Recorded};

/// A proposal written inline in a compilation's paragraph, taken out of its wording.
#[derive(Debug, Clone, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Attribution {
    /// The names as written (`G77`, `EU`, `United States`).
    pub by: Vec<String>,
    pub action: Action,
    /// The words given, quotes taken off; empty when none.
    pub wording: String,
}

/// A proposal as a history file writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Written {
    /// Who made it: actor ids, short names or names (a joint actor's id for a joint one).
    pub by: Vec<Text>,
    /// `VERSION/PARAGRAPH`: the paragraph it is on (`rev1/8`).
    #[serde(default)]
    pub on: Option<Text>,
    /// `VERSION/PARAGRAPH`: a new paragraph, proposed after that one.
    #[serde(default)]
    pub after: Option<Text>,
    pub action: Action,
    /// The words proposed: the paragraph as it would read (amend, alternative), the words
    /// to add, delete or retain; none for a whole paragraph deleted, retained or reserved.
    #[serde(default)]
    pub wording: Option<Text>,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub cite: Option<Citation>,
    /// What the record says became of it.
    #[serde(default)]
    pub status: Option<Recorded>,
}

/// Where in its version a proposal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// On paragraph `[i]` of the version.
    Paragraph(usize),
    /// A new paragraph after `[i]`.
    After(usize),
}

/// Where a proposal was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `proposals[i]` of the history.
    Written(usize),
    /// An entry of a brief's `proposals:` section: its selector and the section's title.
    Brief { selector: String, section: String },
    /// Inline in the paragraph of a compilation.
    Inline,
    /// One of a paragraph's bracketed options.
    Option,
    /// A tracked change in the version's Word file.
    Tracked,
}

impl Origin {
    /// `from brief harbour-norland, section Our amendments`, or the kind of origin.
    pub fn said(&self) -> String {
        match self {
            Origin::Brief { selector, section } => format!(
                "from brief {}, section {section}",
                selector.split('/').next().unwrap_or_default()
            ),
            other => other.name().to_owned(),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Origin::Written(_) => "history",
            Origin::Brief { .. } => "brief",
            Origin::Inline => "compilation",
            Origin::Option => "bracketed option",
            Origin::Tracked => "tracked change",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// Names as written; empty for a bracketed option, which no one signs.
    pub by: Vec<String>,
    /// The version it was made on.
    pub version: usize,
    pub target: Target,
    pub action: Action,
    pub wording: String,
    pub date: Option<String>,
    pub cite: Option<Citation>,
    pub recorded: Option<Recorded>,
    pub origin: Origin,
}

impl Proposal {
    /// The paragraph it is on, or follows.
    pub fn paragraph(&self) -> usize {
        match self.target {
            Target::Paragraph(p) | Target::After(p) => p,
        }
    }
}

/// Whether a later version did what a proposal asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reflected {
    Yes,
    Partly,
    No,
    Pending,
}

impl Reflected {
    /// One mark beside an action's glyph, never colour alone: `✓` reflected, `◐` partly,
    /// `○` not, `…` pending.
    pub fn glyph(self) -> &'static str {
        match self {
            Reflected::Yes => "✓",
            Reflected::Partly => "◐",
            Reflected::No => "○",
            Reflected::Pending => "…",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Reflected::Yes => "yes",
            Reflected::Partly => "partly",
            Reflected::No => "no",
            Reflected::Pending => "pending",
        }
    }

    fn of_share(share: f32) -> Reflected {
        if share >= 0.9 {
            Reflected::Yes
        } else if share < 0.1 {
            Reflected::No
        } else {
            Reflected::Partly
        }
    }
}

/// A proposal against one later version.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub reflected: Reflected,
    /// The share of what it asked that the version made, 0 to 1.
    pub kept: f32,
    /// The version compared with; `None` when there is none yet.
    pub against: Option<usize>,
    /// The paragraphs there that continue its own (or the new one found for an `after`).
    pub continuation: Vec<usize>,
    /// The words that show it: those of the change made, and those not.
    pub made: Vec<String>,
    pub not_made: Vec<String>,
}

impl Verdict {
    fn pending() -> Verdict {
        Verdict {
            reflected: Reflected::Pending,
            kept: 0.0,
            against: None,
            continuation: Vec::new(),
            made: Vec::new(),
            not_made: Vec::new(),
        }
    }
}

/// A proposal's verdicts: against the next version, and against the last.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdicts {
    pub next: Verdict,
    pub last: Verdict,
}

impl Verdicts {
    /// Whether what the record says and what the words show part ways: recorded as
    /// accepted but not in the last version, or rejected but there — the misreporting a
    /// delegation would want to raise.
    pub fn disagrees(&self, recorded: Option<Recorded>) -> bool {
        matches!(
            (recorded, self.last.reflected),
            (Some(Recorded::Accepted), Reflected::No) | (Some(Recorded::Rejected), Reflected::Yes)
        )
    }
}

// ---- reading attributions out of a compilation ----

/// The most names one attribution lists, and the longest name: past these a bracket is
/// wording, not an attribution.
const MAX_NAMES: usize = 16;
const MAX_NAME: usize = 60;
/// The longest bracket read as an attribution, in bytes.
const MAX_ATTRIBUTION: usize = 2_000;
/// The most choices read in one paragraph, and in one run of brackets: each is the
/// paragraph again, so a hostile one would otherwise ask its length squared.
const MAX_CHOICE_RUNS: usize = 8;
const MAX_OPTIONS: usize = 8;
/// The longest paragraph whose bracketed choices are read: each option is the paragraph
/// again, and a choice between words is not made in a page-long paragraph.
const MAX_CHOICE_TEXT: usize = 16_384;
/// The most proposals read inline in one paragraph: each is measured against the
/// paragraph, so a hostile one would ask its length times their number.
const MAX_INLINE: usize = 256;

/// The names of `list` (`EU, US`, `G77 and China / AU`), or `None` when it does not read
/// as a list of names.
fn names(list: &str) -> Option<Vec<String>> {
    let list = list.trim();
    if list.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for part in list.split([',', '/', ';', '&', '+']) {
        let name = part.trim();
        if name.is_empty() || name.len() > MAX_NAME || out.len() == MAX_NAMES {
            return None;
        }
        if !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’'))
            || !name.chars().next().is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        out.push(name.to_owned());
    }
    Some(out)
}

/// Quotes taken off words given: `"every"`, `“every”`, `'every'`.
fn unquoted(s: &str) -> String {
    let s = s.trim();
    let pairs = [('"', '"'), ('“', '”'), ('\'', '\''), ('‘', '’'), ('«', '»')];
    for (open, close) in pairs {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner.trim().to_owned();
        }
    }
    s.to_owned()
}

/// `G77: delete "every"` (the inside of a bracket) as an attribution.
fn attribution(inside: &str) -> Option<Attribution> {
    let (who, what) = inside.split_once(':')?;
    let by = names(who)?;
    let what = what.trim();
    let word_end = what
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(what.len());
    let action = Action::from_word(&what[..word_end])?;
    Some(Attribution {
        by,
        action,
        wording: unquoted(&what[word_end..]),
    })
}

/// An alternative's head at the start of `s`: `Alt 1 (G77):`, `Option 2 [EU]:`,
/// `Alternative B (EU, US):`; its names and the length of the head.
fn alternative_head(s: &str) -> Option<(Vec<String>, usize)> {
    let lower = s.chars().take(11).collect::<String>().to_lowercase();
    let word = ["alternative", "option", "alt"]
        .into_iter()
        .find(|w| lower.starts_with(w))?;
    let rest = &s[word.len()..];
    // An optional number or letter: `1`, `B`, `1.`
    let after_space = rest.trim_start();
    if after_space.len() == rest.len() && !rest.starts_with(['(', '[']) {
        return None;
    }
    let mut body = after_space;
    if let Some(end) = body.find(|c: char| !c.is_alphanumeric())
        && end > 0
        && end <= 3
        && !body.starts_with(['(', '['])
    {
        body = body[end..].trim_start_matches('.').trim_start();
    }
    let close = match body.chars().next()? {
        '(' => ')',
        '[' => ']',
        _ => return None,
    };
    let end = body.find(close)?;
    let by = names(&body[1..end])?;
    let tail = body[end + 1..].trim_start();
    let tail = tail.strip_prefix(':')?;
    Some((by, s.len() - tail.len()))
}

/// Where `Alt …:` / `Option …:` heads start in `s` (at its start or after a space).
fn alternative_starts(s: &str) -> Vec<(usize, Vec<String>, usize)> {
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        if !matches!(c, 'A' | 'a' | 'O' | 'o') || (i > 0 && !s[..i].ends_with(' ')) {
            continue;
        }
        if let Some((by, len)) = alternative_head(&s[i..]) {
            out.push((i, by, len));
        }
    }
    out
}

/// A paragraph of a compilation read apart: its wording, and the proposals written inline
/// in it (`[G77: delete]`, `(EU, US: retain)`, `Alt 1 (G77): …`), which are no part of
/// the text under negotiation.
pub fn extract(text: &str) -> (String, Vec<Attribution>) {
    let mut found = Vec::new();
    // Alternatives first: what follows an `Alt 1 (G77):` to the next head is its text.
    let heads = alternative_starts(text);
    let base_end = heads.first().map_or(text.len(), |h| h.0);
    for (k, (at, by, len)) in heads.iter().enumerate() {
        let end = heads.get(k + 1).map_or(text.len(), |h| h.0);
        let (wording, inner) = inline(&text[at + len..end]);
        found.push(Attribution {
            by: by.clone(),
            action: Action::Alternative,
            wording,
        });
        found.extend(inner);
    }
    let (base, inner) = inline(&text[..base_end]);
    let mut all = inner;
    all.extend(found);
    all.truncate(MAX_INLINE);
    (base, all)
}

/// `s` without the bracketed attributions in it, and those attributions.
fn inline(s: &str) -> (String, Vec<Attribution>) {
    let mut out = String::with_capacity(s.len());
    let mut found = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find(['[', '(']) {
        let close = if rest[open..].starts_with('[') {
            ']'
        } else {
            ')'
        };
        let inside_start = open + 1;
        let Some(len) = rest[inside_start..]
            .find([close, '[', '('])
            .filter(|&l| rest[inside_start + l..].starts_with(close) && l <= MAX_ATTRIBUTION)
        else {
            out.push_str(&rest[..inside_start]);
            rest = &rest[inside_start..];
            continue;
        };
        match attribution(&rest[inside_start..inside_start + len]) {
            Some(a) => {
                found.push(a);
                out.push_str(&rest[..open]);
            }
            None => out.push_str(&rest[..inside_start + len + 1]),
        }
        rest = &rest[inside_start + len + 1..];
    }
    out.push_str(rest);
    (tidy(&out), found)
}

/// Spacing mended where attributions were taken out: one space between words, none
/// before a closing mark.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let glued = word.starts_with(['.', ',', ';', ':', ')', ']']) && !out.is_empty();
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A compilation's version: the proposals written inline in each paragraph taken out of
/// its wording and kept beside it ([`Paragraph::proposed`]); an alternative given as a
/// paragraph of its own (`Alt 1 (G77): …`) joins the paragraph before it.
pub fn compilation(version: Version) -> Version {
    let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(version.paragraphs.len());
    for mut p in version.paragraphs {
        let (wording, found) = extract(&p.text);
        let only_alternatives = wording.is_empty()
            && !found.is_empty()
            && found.iter().all(|a| a.action == Action::Alternative);
        if only_alternatives
            && let Some(before) = paragraphs.iter_mut().rev().find(|q| !q.kind.is_apart())
        {
            before.proposed.extend(found);
            continue;
        }
        if found.is_empty() {
            paragraphs.push(p);
            continue;
        }
        p.brackets = super::model::count_brackets(&wording);
        // The layout is of the wording as it now reads: the next version, without the
        // attributions, is not a change of spacing.
        p.layout = xxhash_rust::xxh3::xxh3_64(wording.as_bytes());
        p.text = wording;
        p.proposed.extend(found);
        paragraphs.push(p);
    }
    Version { paragraphs }
}

/// The bracketed choices left open in `text` (`[shall] [should]`, `[thirty][sixty]`): each
/// run of two or more bracket groups with only spaces (or `/`, `or`) between them, as
/// the paragraph would read with each option taken.
pub fn options(text: &str) -> Vec<Vec<(String, String)>> {
    let mut runs = Vec::new();
    if text.len() > MAX_CHOICE_TEXT {
        return runs;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'[' {
            i += 1;
            continue;
        }
        let start = i;
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut count = 0;
        let mut j = i;
        loop {
            if bytes.get(j) != Some(&b'[') {
                break;
            }
            let Some(len) = text[j + 1..].find([']', '[']) else {
                break;
            };
            if bytes[j + 1 + len] != b']' {
                break;
            }
            count += 1;
            if groups.len() <= MAX_OPTIONS {
                groups.push((j + 1, j + 1 + len));
            }
            let mut k = j + 2 + len;
            let after = &text[k..];
            let skipped = after.len() - after.trim_start_matches([' ', '/']).len();
            k += skipped;
            if text[k..].starts_with("or [") {
                k += 3;
            }
            j = k;
        }
        if (2..=MAX_OPTIONS).contains(&count)
            && groups
                .iter()
                .all(|&(a, b)| b > a && !text[a..b].contains(':'))
        {
            let end = groups.last().map_or(start, |g| g.1 + 1);
            let run = groups
                .iter()
                .map(|&(a, b)| {
                    let option = text[a..b].trim().to_owned();
                    let read = tidy(&format!("{}{option}{}", &text[..start], &text[end..]));
                    (option, read)
                })
                .collect();
            runs.push(run);
            if runs.len() == MAX_CHOICE_RUNS {
                break;
            }
            i = end;
        } else {
            // Past the groups looked at: none of them starts a run of choices either.
            i = j.max(start + 1);
        }
    }
    runs
}

// ---- gathering ----

/// `rev1/8` as a version and a paragraph of `text`.
fn place(text: &NegotiatedText, at: &str) -> Result<(usize, usize), String> {
    let (version, label) = at
        .split_once('/')
        .ok_or_else(|| format!("`{at}` is not VERSION/PARAGRAPH"))?;
    let v = text.index(version).ok_or_else(|| {
        format!(
            "no version `{version}`; the versions: {}",
            text.names().join(", ")
        )
    })?;
    let p = text.versions[v]
        .find(label)
        .ok_or_else(|| format!("`{version}` has no paragraph {label}"))?;
    Ok((v, p))
}

/// Version `version`'s paragraph labelled `label` (as the version gives it, or as its
/// entry id: `New 4A`, `new-4a`).
fn paragraph_named(text: &NegotiatedText, v: usize, label: &str) -> Option<usize> {
    let version = &text.versions[v];
    version.find(label).or_else(|| {
        let id = crate::brief::model::paragraph_id(label);
        super::as_brief::paragraph_ids(version)
            .iter()
            .position(|x| x.as_deref() == Some(id.as_str()))
    })
}

/// The proposals briefs' sections make on `text` (`outside`: those whose `on:` or
/// `after:` names it), placed on its versions' paragraphs. Their actors are named by id.
pub fn from_briefs(text: &NegotiatedText, outside: &[Proposed]) -> (Vec<Proposal>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for o in outside {
        let x = &o.proposal;
        let Some((at, after)) = x.at() else { continue };
        let Some((_, version, label)) = crate::brief::proposal::place(at) else {
            continue;
        };
        let placed = text
            .index(version)
            .and_then(|v| Some((v, paragraph_named(text, v, label)?)));
        let Some((v, p)) = placed else {
            problems.push(format!(
                "{}: `{at}` names no paragraph of {}",
                o.selector, text.history.id
            ));
            continue;
        };
        out.push(Proposal {
            by: x.by.iter().map(|b| b.to_string()).collect(),
            version: v,
            target: if after {
                Target::After(p)
            } else {
                Target::Paragraph(p)
            },
            action: x.action,
            wording: x.wording.as_deref().unwrap_or_default().to_owned(),
            date: x.date.map(|d| d.to_string()),
            cite: Some(x.cite.first().clone()),
            recorded: x.status,
            origin: Origin::Brief {
                selector: o.selector.to_string(),
                section: o.section.to_string(),
            },
        });
    }
    (out, problems)
}

/// Every proposal on `text`: written in its history, inline in its compilations, its
/// bracketed options, the tracked changes of its Word versions (`tracked[i]`: the
/// changes in version `i`'s file), and those briefs' sections make (`outside`). Problems
/// are sentences naming where.
pub fn gather(
    text: &NegotiatedText,
    tracked: &[(usize, Vec<TrackedChange>)],
    outside: &[Proposed],
) -> (Vec<Proposal>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, w) in text.history.proposals.iter().enumerate() {
        let (at, target): (&Text, fn(usize) -> Target) = match (&w.on, &w.after) {
            (Some(on), None) => (on, Target::Paragraph),
            (None, Some(after)) => (after, Target::After),
            _ => {
                problems.push(format!(
                    "proposals[{i}]: give either `on:` (the paragraph it is on) or `after:` (for a new one)"
                ));
                continue;
            }
        };
        match place(text, at) {
            Ok((v, p)) => out.push(Proposal {
                by: w.by.iter().map(|b| b.to_string()).collect(),
                version: v,
                target: target(p),
                action: w.action,
                wording: w.wording.as_deref().unwrap_or_default().to_owned(),
                date: w.date.map(|d| d.to_string()),
                cite: w.cite.clone(),
                recorded: w.status,
                origin: Origin::Written(i),
            }),
            Err(e) => problems.push(format!("proposals[{i}]: {e}")),
        }
    }
    for (v, version) in text.versions.iter().enumerate() {
        for (p, para) in version.paragraphs.iter().enumerate() {
            for a in &para.proposed {
                out.push(Proposal {
                    by: a.by.clone(),
                    version: v,
                    target: Target::Paragraph(p),
                    action: a.action,
                    wording: a.wording.clone(),
                    date: None,
                    cite: None,
                    recorded: None,
                    origin: Origin::Inline,
                });
            }
            for run in options(&para.text) {
                for (_, read) in run {
                    out.push(Proposal {
                        by: Vec::new(),
                        version: v,
                        target: Target::Paragraph(p),
                        action: Action::Alternative,
                        wording: read,
                        date: None,
                        cite: None,
                        recorded: None,
                        origin: Origin::Option,
                    });
                }
            }
        }
    }
    for (v, changes) in tracked {
        let Some(version) = text.versions.get(*v) else {
            continue;
        };
        for c in changes {
            let action = match c.kind {
                ChangeKind::Inserted | ChangeKind::MovedTo => Action::Add,
                ChangeKind::Deleted | ChangeKind::MovedFrom => Action::Delete,
                ChangeKind::ParagraphSplit | ChangeKind::ParagraphJoined => continue,
            };
            if c.text.trim().is_empty() {
                continue;
            }
            let Some(p) = c.label.as_deref().and_then(|l| version.find(l)) else {
                problems.push(format!(
                    "version `{}`: a change by {} (“{}”) is in no paragraph of the version",
                    text.history.versions[*v].id, c.author, c.text
                ));
                continue;
            };
            out.push(Proposal {
                by: vec![c.author.clone()],
                version: *v,
                target: Target::Paragraph(p),
                action,
                wording: c.text.clone(),
                date: (!c.date.is_empty()).then(|| c.date.clone()),
                cite: None,
                recorded: None,
                origin: Origin::Tracked,
            });
        }
    }
    // A brief's proposals after the text's own on the same paragraph.
    let (briefs, unplaced) = from_briefs(text, outside);
    out.extend(briefs);
    problems.extend(unplaced);
    out.sort_by_key(|p| (p.version, p.paragraph()));
    (out, problems)
}

// ---- reflected or not ----

/// Words as numbers, the same number for the same word: a diff then compares numbers,
/// not strings, and a paragraph's words are kept once.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    words: Vec<String>,
}

impl Interner {
    fn name(&self, id: u32) -> String {
        self.words[id as usize].clone()
    }

    fn names(&self, ids: &[u32]) -> Vec<String> {
        ids.iter().map(|&w| self.name(w)).collect()
    }
}

/// A text's words for comparing, lower-cased, punctuation aside.
fn keys(s: &str, words: &mut Interner) -> Vec<u32> {
    super::words::words_lower(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| match words.ids.get(w) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(words.words.len()).unwrap_or(u32::MAX);
                words.ids.insert(w.to_owned(), id);
                words.words.push(w.to_owned());
                id
            }
        })
        .collect()
}

/// Which words of `a` the longest common run of words with `b` keeps. A hostile pair of
/// huge paragraphs gets a coarser answer past a deadline rather than minutes of work.
fn kept_of<T: Ord + std::hash::Hash>(a: &[T], b: &[T]) -> Vec<bool> {
    kept_both(a, b).0
}

/// [`kept_of`] both ways at once: which words of `a`, and which of `b`, the longest common
/// run keeps. The same ends are matched before the diff (most proposals touch a few
/// words of a long paragraph), and only a pair too large to be a paragraph's is held to
/// a deadline.
fn kept_both<T: Ord + std::hash::Hash>(a: &[T], b: &[T]) -> (Vec<bool>, Vec<bool>) {
    let (mut ka, mut kb) = (vec![false; a.len()], vec![false; b.len()]);
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    ka[..head].fill(true);
    kb[..head].fill(true);
    ka[a.len() - tail..].fill(true);
    kb[b.len() - tail..].fill(true);
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    if ma.is_empty() || mb.is_empty() {
        return (ka, kb);
    }
    let deadline = (ma.len().saturating_mul(mb.len()) > 250_000)
        .then(|| Instant::now() + Duration::from_millis(50));
    for op in capture_diff_slices_deadline(Algorithm::Myers, ma, mb, deadline) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            ka[head + old_index..head + old_index + len].fill(true);
            kb[head + new_index..head + new_index + len].fill(true);
        }
    }
    (ka, kb)
}

fn share(n: usize, of: usize) -> f32 {
    if of == 0 { 0.0 } else { n as f32 / of as f32 }
}

/// `proposal`, made on paragraph words `base`, against the words `after` of what
/// continues it (`None` when nothing does).
fn measure(
    proposal: &Proposal,
    wording: &[u32],
    base: &[u32],
    after: Option<&[u32]>,
    still_open: bool,
    names: &Interner,
) -> (f32, Vec<String>, Vec<String>) {
    let (mut made, mut not_made) = (Vec::new(), Vec::new());
    let Some(after) = after else {
        // The paragraph is gone: a deletion (or a reservation) made, all else lost.
        return match proposal.action {
            Action::Reservation => (1.0, made, not_made),
            Action::Delete => (
                1.0,
                names.names(if wording.is_empty() { base } else { wording }),
                not_made,
            ),
            _ => (
                0.0,
                made,
                names.names(if wording.is_empty() { base } else { wording }),
            ),
        };
    };
    let words_share = |words: &[u32], made: &mut Vec<String>, not_made: &mut Vec<String>| {
        let kept = kept_of(words, after);
        for (w, k) in words.iter().zip(&kept) {
            if *k {
                made.push(names.name(*w))
            } else {
                not_made.push(names.name(*w))
            }
        }
        share(kept.iter().filter(|k| **k).count(), words.len())
    };
    match proposal.action {
        Action::Reservation => (if still_open { 1.0 } else { 0.0 }, made, not_made),
        Action::Retain if wording.is_empty() => {
            let s = words_share(base, &mut made, &mut not_made);
            (s, made, not_made)
        }
        Action::Retain | Action::Add => {
            let s = words_share(wording, &mut made, &mut not_made);
            (s, made, not_made)
        }
        Action::Delete if wording.is_empty() => {
            // Of the paragraph's words, the share gone.
            let kept = kept_of(base, after);
            let gone = kept.iter().filter(|k| !**k).count();
            for (w, k) in base.iter().zip(&kept) {
                if *k {
                    not_made.push(names.name(*w))
                } else {
                    made.push(names.name(*w))
                }
            }
            (share(gone, base.len()), made, not_made)
        }
        Action::Delete => {
            // The words given, where they stand in the paragraph, gone from what follows.
            let in_base = kept_of(base, wording);
            let kept = kept_of(base, after);
            let targets: Vec<usize> = (0..base.len()).filter(|&i| in_base[i]).collect();
            if targets.is_empty() {
                let still = kept_of(wording, after);
                for (w, k) in wording.iter().zip(&still) {
                    if *k {
                        not_made.push(names.name(*w))
                    } else {
                        made.push(names.name(*w))
                    }
                }
                return (
                    share(still.iter().filter(|k| !**k).count(), wording.len()),
                    made,
                    not_made,
                );
            }
            for &i in &targets {
                if kept[i] {
                    not_made.push(names.name(base[i]))
                } else {
                    made.push(names.name(base[i]))
                }
            }
            (share(made.len(), targets.len()), made, not_made)
        }
        Action::Amend | Action::Alternative => {
            // The change asked: words the wording adds to the paragraph, and words it
            // takes out; of those, the share the later text made.
            let (added_flags, removed_flags) = kept_both(wording, base);
            let in_after_w = kept_of(wording, after);
            let in_after_b = kept_of(base, after);
            // A word the wording only moves (taken out here, put back there) is no
            // change asked: each word added is matched with one of the same taken out.
            let mut taken_out: HashMap<u32, Vec<usize>> = HashMap::new();
            for (j, w) in base.iter().enumerate().rev() {
                if !removed_flags[j] {
                    taken_out.entry(*w).or_default().push(j);
                }
            }
            let mut added_flags = added_flags;
            let mut removed_flags = removed_flags;
            for (i, w) in wording.iter().enumerate() {
                if !added_flags[i]
                    && let Some(j) = taken_out.get_mut(w).and_then(Vec::pop)
                {
                    added_flags[i] = true;
                    removed_flags[j] = true;
                }
            }
            let mut asked = 0;
            for i in 0..wording.len() {
                if !added_flags[i] {
                    asked += 1;
                    if in_after_w[i] {
                        made.push(format!("+{}", names.name(wording[i])))
                    } else {
                        not_made.push(format!("+{}", names.name(wording[i])))
                    }
                }
            }
            for i in 0..base.len() {
                if !removed_flags[i] {
                    asked += 1;
                    if in_after_b[i] {
                        not_made.push(format!("-{}", names.name(base[i])))
                    } else {
                        made.push(format!("-{}", names.name(base[i])))
                    }
                }
            }
            if asked == 0 {
                // It asks for the paragraph as it is: kept or not.
                let s = words_share(base, &mut made, &mut not_made);
                return (s, made, not_made);
            }
            (share(made.len(), asked), made, not_made)
        }
    }
}

/// Each paragraph of a version's continuations in a later one, and the paragraphs of the
/// later one that continue none (new there).
type Continuations = (Vec<Vec<usize>>, Vec<usize>);

/// The [`Continuations`] of version `from` in version `to`.
fn continuations(text: &NegotiatedText, from: usize, to: usize) -> Continuations {
    let pairs = if to == from + 1 {
        text.steps[from].clone()
    } else {
        text.pairs(from, to, &Default::default())
    };
    let mut forward = vec![Vec::new(); text.versions[from].paragraphs.len()];
    let mut new = Vec::new();
    for pair in &pairs {
        for &o in &pair.old {
            forward[o].extend(pair.new.iter().copied());
        }
        if pair.old.is_empty() {
            new.extend(pair.new.iter().copied());
        }
    }
    (forward, new)
}

/// Every proposal's verdicts, in order. The alignment of each version with the next and
/// with the last is made once, however many proposals there are.
pub fn reflected(text: &NegotiatedText, proposals: &[Proposal]) -> Vec<Verdicts> {
    let last = text.versions.len().saturating_sub(1);
    // A compilation is the same text with proposals on it, not a new draft: what became
    // of a proposal shows in the next version drafted.
    let drafted_after = |v: usize| (v + 1..=last).find(|&i| !text.history.versions[i].compilation);
    let mut memo: HashMap<(usize, usize), Continuations> = HashMap::new();
    for p in proposals {
        if let Some(d) = drafted_after(p.version) {
            for to in [d, last] {
                memo.entry((p.version, to))
                    .or_insert_with(|| continuations(text, p.version, to));
            }
        }
    }
    let interner = std::cell::RefCell::new(Interner::default());
    let mut keyed: HashMap<(usize, usize), Rc<Vec<u32>>> = HashMap::new();
    let mut words_of = |v: usize, p: usize| -> Rc<Vec<u32>> {
        keyed
            .entry((v, p))
            .or_insert_with(|| {
                Rc::new(keys(
                    &text.versions[v].paragraphs[p].text,
                    &mut interner.borrow_mut(),
                ))
            })
            .clone()
    };
    let mut out = Vec::with_capacity(proposals.len());
    for proposal in proposals {
        let v = proposal.version;
        let Some(drafted) = drafted_after(v) else {
            out.push(Verdicts {
                next: Verdict::pending(),
                last: Verdict::pending(),
            });
            continue;
        };
        let mut against = |to: usize| -> Verdict {
            let (forward, new) = &memo[&(v, to)];
            let base = match proposal.target {
                Target::Paragraph(p) => words_of(v, p),
                Target::After(_) => Rc::new(Vec::new()),
            };
            let wording = keys(&proposal.wording, &mut interner.borrow_mut());
            let continuation: Vec<usize> = match proposal.target {
                Target::Paragraph(p) => forward.get(p).cloned().unwrap_or_default(),
                Target::After(_) => {
                    // The new paragraph most like the wording.
                    new.iter()
                        .map(|&n| {
                            let w = words_of(to, n);
                            let k = kept_of(&wording, &w).iter().filter(|k| **k).count();
                            (k, n)
                        })
                        .filter(|(k, _)| *k > 0)
                        .max_by_key(|&(k, n)| (k, std::cmp::Reverse(n)))
                        .map(|(_, n)| vec![n])
                        .unwrap_or_default()
                }
            };
            let after: Option<Rc<Vec<u32>>> = match continuation.as_slice() {
                [] => None,
                [n] => Some(words_of(to, *n)),
                many => Some(Rc::new(
                    many.iter()
                        .flat_map(|&n| words_of(to, n).as_ref().clone())
                        .collect(),
                )),
            };
            let open = continuation.is_empty()
                || continuation.iter().any(|&n| {
                    let p = &text.versions[to].paragraphs[n];
                    p.brackets > 0 || p.status.is_none()
                });
            // A bracketed choice still open is not yet decided.
            if proposal.origin == Origin::Option
                && let Target::Paragraph(p) = proposal.target
                && let Some(&first) = continuation.first()
                && !options(&text.versions[to].paragraphs[first].text).is_empty()
                && options(&text.versions[to].paragraphs[first].text).len()
                    >= options(&text.versions[v].paragraphs[p].text).len()
            {
                return Verdict {
                    against: Some(to),
                    continuation,
                    ..Verdict::pending()
                };
            }
            let (kept, made, not_made) = measure(
                proposal,
                &wording,
                &base,
                after.as_deref().map(Vec::as_slice),
                open,
                &interner.borrow(),
            );
            Verdict {
                reflected: Reflected::of_share(kept),
                kept,
                against: Some(to),
                continuation,
                made,
                not_made,
            }
        };
        let next = against(drafted);
        let last_verdict = if last == drafted {
            next.clone()
        } else {
            against(last)
        };
        out.push(Verdicts {
            next,
            last: last_verdict,
        });
    }
    out
}

/// What a paragraph's page says of the proposals on it, by paragraph (`(version,
/// paragraph)`): a line each, `SG: delete “and clinic” (compilation) → Revision 1:
/// reflected`. Names are as written; the command line names the actors.
pub fn page_lines(
    text: &NegotiatedText,
    around: &crate::brief::corpus::Around,
) -> HashMap<(usize, usize), Vec<String>> {
    let (proposals, _) = gather(text, &[], &around.proposed);
    let mut out: HashMap<(usize, usize), Vec<String>> = HashMap::new();
    if proposals.is_empty() {
        return out;
    }
    let verdicts = reflected(text, &proposals);
    let label = |v: usize| text.history.versions[v].label.as_str();
    let said = |v: &Verdict| match v.against {
        None => "pending, no later version yet".to_owned(),
        Some(to) => match v.reflected {
            Reflected::Partly => format!("{}: partly ({:.0}%)", label(to), v.kept * 100.0),
            Reflected::Pending => format!("{}: still open", label(to)),
            r => format!(
                "{}: {}",
                label(to),
                if r == Reflected::Yes {
                    "reflected"
                } else {
                    "not reflected"
                }
            ),
        },
    };
    // Names as the corpus shows its actors: a Word author through the history's
    // `authors:` first, as `brief proposals` names them.
    let names = &around.actors;
    let shown = |by: &[String]| -> String {
        by.iter()
            .map(|name| match text.history.author_as(name) {
                Some(actor) if names.id(actor).is_some() => names.shown(actor),
                _ => names.shown(name),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (p, v) in proposals.iter().zip(&verdicts) {
        let mut line = match (p.by.is_empty(), p.target) {
            (true, _) => "A bracketed option:".to_owned(),
            (false, Target::Paragraph(_)) => format!("{}: {}", shown(&p.by), p.action.name()),
            (false, Target::After(_)) => format!(
                "{}: {} a paragraph after this one",
                shown(&p.by),
                p.action.name()
            ),
        };
        // An amendment or an alternative is the paragraph as it would read: shown as the
        // change it asks, wdiff's way; a few words to add, delete or keep as they are.
        if matches!(p.action, Action::Amend | Action::Alternative)
            && !p.wording.is_empty()
            && let Target::Paragraph(at) = p.target
        {
            let here = &text.versions[p.version].paragraphs[at].text;
            line.push_str(&format!(
                " “{}”",
                super::render::marked_words(here, &p.wording)
            ));
        } else if !p.wording.is_empty() {
            line.push_str(&format!(" “{}”", p.wording));
        }
        if p.origin == Origin::Option {
            line.push_str(&format!(" → {}", said(&v.next)));
        } else {
            // A brief's proposal says where it was made and what its record says; the
            // link below the page leads to it.
            let mut from = p.origin.said();
            if let Origin::Brief { .. } = p.origin {
                if let Some(c) = &p.cite {
                    from.push_str(&format!("; {}, {}", c.source, c.at));
                }
                if let Some(r) = p.recorded {
                    from.push_str(&format!("; recorded: {}", r.name()));
                }
            }
            line.push_str(&format!(" ({from}) → {}", said(&v.next)));
        }
        if v.last.against != v.next.against {
            line.push_str(&format!("; {}", said(&v.last)));
        }
        out.entry((p.version, p.paragraph()))
            .or_default()
            .push(line);
    }
    out
}

// ---- blame ----

/// A word's origin: the version it came in, and the proposal that asked for it.
type Origins = (usize, Option<usize>);

/// Where a run of a paragraph's words came from: the version it first appears in, and the
/// proposal that asked for it, where one did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub words: String,
    pub version: usize,
    pub proposal: Option<usize>,
}

/// Each run of words of paragraph `p` of version `v` with the version that brought it in
/// and, where one asked for those words, the proposal (an index into `proposals`): as
/// `git blame` does for lines. A word kept from version to version keeps its origin.
pub fn blame(text: &NegotiatedText, proposals: &[Proposal], v: usize, p: usize) -> Vec<Run> {
    let moves = text.moves();
    let mut memo: HashMap<(usize, usize), Vec<Origins>> = HashMap::new();
    let origins = origins_of(text, &moves, proposals, v, p, &mut memo);
    let words: Vec<&str> = text.versions[v].paragraphs[p]
        .text
        .split_whitespace()
        .collect();
    let mut runs: Vec<Run> = Vec::new();
    for (w, (version, proposal)) in words.iter().zip(origins) {
        match runs.last_mut() {
            Some(r) if r.version == version && r.proposal == proposal => {
                r.words.push(' ');
                r.words.push_str(w);
            }
            _ => runs.push(Run {
                words: (*w).to_owned(),
                version,
                proposal,
            }),
        }
    }
    runs
}

/// The key of each whitespace-separated word of `s` (lower-cased letters and digits; a
/// word of marks alone keys as itself).
fn word_keys(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            let k: String = w
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            if k.is_empty() { w.to_owned() } else { k }
        })
        .collect()
}

fn origins_of(
    text: &NegotiatedText,
    moves: &super::text::Moves,
    proposals: &[Proposal],
    v: usize,
    p: usize,
    memo: &mut HashMap<(usize, usize), Vec<Origins>>,
) -> Vec<Origins> {
    if let Some(known) = memo.get(&(v, p)) {
        return known.clone();
    }
    let here = word_keys(&text.versions[v].paragraphs[p].text);
    let before: &[usize] = if v == 0 {
        &[]
    } else {
        &moves.backward[v - 1][p]
    };
    let result = if before.is_empty() {
        // New here: asked for by a proposal of the version before, where one matches.
        let by = (v > 0)
            .then(|| asked_by(proposals, v - 1, None, &here))
            .flatten();
        vec![(v, by); here.len()]
    } else {
        let mut old_keys = Vec::new();
        let mut old_origins = Vec::new();
        for &o in before {
            old_keys.extend(word_keys(&text.versions[v - 1].paragraphs[o].text));
            old_origins.extend(origins_of(text, moves, proposals, v - 1, o, memo));
        }
        let mut out = vec![(v, None); here.len()];
        let deadline = Instant::now() + Duration::from_millis(50);
        let ops = capture_diff_slices_deadline(Algorithm::Myers, &old_keys, &here, Some(deadline));
        for op in ops {
            match op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => {
                    out[new_index..new_index + len]
                        .copy_from_slice(&old_origins[old_index..old_index + len]);
                }
                DiffOp::Insert {
                    new_index, new_len, ..
                }
                | DiffOp::Replace {
                    new_index, new_len, ..
                } => {
                    let run = &here[new_index..new_index + new_len];
                    let by = asked_by(proposals, v - 1, Some(before), run);
                    out[new_index..new_index + new_len].fill((v, by));
                }
                DiffOp::Delete { .. } => {}
            }
        }
        out
    };
    memo.insert((v, p), result.clone());
    result
}

/// The proposal made on version `v` (on one of `on`, or a new paragraph when `None`)
/// whose wording holds most of `run`, if it holds at least half of it.
fn asked_by(
    proposals: &[Proposal],
    v: usize,
    on: Option<&[usize]>,
    run: &[String],
) -> Option<usize> {
    let start = proposals.partition_point(|x| x.version < v);
    proposals[start..]
        .iter()
        .enumerate()
        .take_while(|(_, x)| x.version == v)
        .filter(|(_, x)| match (on, x.target) {
            (Some(on), Target::Paragraph(p)) => on.contains(&p),
            (None, Target::After(_)) => true,
            _ => false,
        })
        .filter(|(_, x)| {
            !x.by.is_empty()
                && matches!(x.action, Action::Add | Action::Amend | Action::Alternative)
        })
        .map(|(i, x)| {
            let wording = word_keys(&x.wording);
            let k = kept_of(run, &wording).iter().filter(|k| **k).count();
            (k, i + start)
        })
        .filter(|&(k, _)| k * 2 >= run.len() && k > 0)
        .max_by_key(|&(k, i)| (k, std::cmp::Reverse(i)))
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(a: &Attribution) -> String {
        format!("{}:{}:{}", a.by.join("+"), a.action.name(), a.wording)
    }

    #[test]
    fn attributions_are_taken_out_of_the_wording() {
        let (wording, found) = extract(
            "We commit to reach every school [G77: delete \"every\"] (EU, US: retain) by 2030. [Canada: add “in the region”]",
        );
        assert_eq!(wording, "We commit to reach every school by 2030.");
        let found: Vec<String> = found.iter().map(by).collect();
        assert_eq!(
            found,
            [
                "G77:delete:every",
                "EU+US:retain:",
                "Canada:add:in the region"
            ]
        );
    }

    #[test]
    fn brackets_that_are_not_attributions_stay_wording() {
        for text in [
            "The forum [shall] [should] meet (as agreed) once a year.",
            "Recalling resolution 70/125 (2015): its review [Note: see annex]",
            "An open bracket [that never closes, and (another",
            "(a) the first item: a list",
        ] {
            let (wording, found) = extract(text);
            assert!(found.is_empty(), "{text}: {found:?}");
            assert_eq!(wording, tidy(text));
        }
    }

    #[test]
    fn alternatives_run_to_the_next_head() {
        let (wording, found) = extract(
            "The forum meets yearly. Alt 1 (G77): The forum meets every two years. Option 2 [EU, AU]: The forum meets when convened [Chile: retain]",
        );
        assert_eq!(wording, "The forum meets yearly.");
        let found: Vec<String> = found.iter().map(by).collect();
        assert_eq!(
            found,
            [
                "G77:alternative:The forum meets every two years.",
                "EU+AU:alternative:The forum meets when convened",
                "Chile:retain:",
            ]
        );
    }

    #[test]
    fn an_alternative_in_a_paragraph_of_its_own_joins_the_one_before() {
        let v = crate::draft::read(
            "c.txt",
            b"1. The forum meets yearly. [EU: retain]\n\nAlt 1 (G77): The forum meets every two years.\n\n2. It reports. (US: delete)\n",
        )
        .unwrap();
        let v = compilation(v);
        let seen: Vec<(String, String, Vec<String>)> = v
            .paragraphs
            .iter()
            .map(|p| {
                (
                    p.label.to_string(),
                    p.text.clone(),
                    p.proposed.iter().map(by).collect(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "1".into(),
                    "The forum meets yearly.".into(),
                    vec![
                        "EU:retain:".to_owned(),
                        "G77:alternative:The forum meets every two years.".to_owned()
                    ]
                ),
                (
                    "2".into(),
                    "It reports.".into(),
                    vec!["US:delete:".to_owned()]
                ),
            ]
        );
    }

    #[test]
    fn bracketed_choices_are_options() {
        let runs = options("within [thirty] [sixty] days, and [shall][should] or [may]");
        assert_eq!(runs.len(), 2);
        assert_eq!(
            runs[0],
            [
                (
                    "thirty".to_owned(),
                    "within thirty days, and [shall][should] or [may]".to_owned()
                ),
                (
                    "sixty".to_owned(),
                    "within sixty days, and [shall][should] or [may]".to_owned()
                ),
            ]
        );
        let second: Vec<&str> = runs[1].iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(second, ["shall", "should", "may"]);
        assert!(options("one [bracket] only, and [G77: delete][EU: retain]").is_empty());
    }

    #[test]
    fn hostile_brackets_are_read_in_linear_time() {
        // Unclosed brackets by the hundred thousand: each is given up at the next one.
        let text = "[(".repeat(100_000);
        let (wording, found) = extract(&text);
        assert!(found.is_empty());
        assert_eq!(wording.len(), text.len());
        assert!(options(&"[a".repeat(100_000)).is_empty());
        // Choices by the thousand: a bounded number is read, and none in a paragraph
        // longer than a choice between words is made in.
        let many = "word ".repeat(200) + &"[a] [b] and ".repeat(10_000);
        assert!(options(&many).is_empty());
        let some = "word ".repeat(200) + &"[a] [b] and ".repeat(1_000);
        assert_eq!(options(&some).len(), MAX_CHOICE_RUNS);
        // Attributions by the hundred thousand: a bounded number is kept.
        let (_, found) = extract(&"x [A: add \"y\"] ".repeat(100_000));
        assert_eq!(found.len(), MAX_INLINE);
        assert!(options(&"[x] ".repeat(50_000)).is_empty());
    }
}
