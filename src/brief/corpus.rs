//! The set of loaded briefs: checks that need all of them (global ids, references between
//! briefs) and the lookups everything else uses (actors, issues, sources, selectors).

use std::collections::{HashMap, HashSet};

use super::diag::{Problem, did_you_mean, path};
use super::model::{Actor, Brief, EntryRef, Issue, Section, Source};
use super::yaml::Step;

/// What a selector names.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Brief(&'a Brief),
    Section(&'a Brief, &'a Section),
    Entry(&'a Brief, &'a Section, EntryRef<'a>),
}

/// Validated briefs whose references all resolve.
#[derive(Debug, Default)]
pub struct Corpus {
    briefs: Vec<Brief>,
    // Declarations are kept apart from the briefs that made them: a brief left out for a
    // problem of its own still declares what the others refer to, so one broken file does
    // not make every reference to its actors an error too.
    actors: HashMap<String, Actor>,
    sources: HashMap<String, Source>,
    issues: HashMap<String, Issue>,
    issue_order: Vec<String>,
}

/// A brief offered to [`Corpus::build`].
#[derive(Debug)]
pub struct Candidate {
    pub brief: Brief,
    /// How the brief's file is named in messages.
    pub name: String,
    /// False for a brief that parsed but failed its own checks: it is not loaded, but its
    /// declarations still count, and its problems were reported already.
    pub valid: bool,
}

/// A problem in candidate number `index` of those given to [`Corpus::build`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusProblem {
    pub index: usize,
    pub problem: Problem,
}

/// Where each global id was first declared: (candidate, position in its list).
#[derive(Default)]
struct Declarations {
    actors: HashMap<String, (usize, usize)>,
    sources: HashMap<String, (usize, usize)>,
    issues: HashMap<String, (usize, usize)>,
    issue_order: Vec<String>,
    briefs: HashMap<String, usize>,
}

impl Corpus {
    /// Check `candidates` against each other: global ids declared consistently, brief ids
    /// unique, every reference resolved. A valid candidate with a problem is left out.
    pub fn build(candidates: Vec<Candidate>) -> (Corpus, Vec<CorpusProblem>) {
        let mut found: Vec<CorpusProblem> = Vec::new();
        let decl = declare(&candidates, &mut found);
        for (i, c) in candidates.iter().enumerate() {
            if c.valid {
                check_references(i, &c.brief, &candidates, &decl, &mut found);
            }
        }
        found.retain(|p| candidates[p.index].valid);
        let mut corpus = Corpus::default();
        for (id, &(b, i)) in &decl.actors {
            corpus
                .actors
                .insert(id.clone(), candidates[b].brief.actors[i].clone());
        }
        for (id, &(b, i)) in &decl.sources {
            corpus
                .sources
                .insert(id.clone(), candidates[b].brief.sources[i].clone());
        }
        for (id, &(b, i)) in &decl.issues {
            corpus
                .issues
                .insert(id.clone(), candidates[b].brief.issues[i].clone());
        }
        corpus.issue_order = decl.issue_order;
        for (i, c) in candidates.into_iter().enumerate() {
            if c.valid && !found.iter().any(|p| p.index == i) {
                corpus.briefs.push(c.brief);
            }
        }
        (corpus, found)
    }

    pub fn briefs(&self) -> &[Brief] {
        &self.briefs
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.get(id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id)
    }

    pub fn issue(&self, id: &str) -> Option<&Issue> {
        self.issues.get(id)
    }

    /// Every issue, in the order the briefs declare them.
    pub fn issues(&self) -> impl Iterator<Item = &Issue> {
        self.issue_order.iter().filter_map(|id| self.issues.get(id))
    }

    /// `brief`, `brief/section` or `brief/section/entry`.
    pub fn resolve(&self, selector: &str) -> Option<Target<'_>> {
        let mut parts = selector.trim_matches('/').split('/');
        let brief_id = parts.next()?;
        let brief = self.briefs.iter().find(|b| b.id == brief_id)?;
        let Some(section_id) = parts.next() else {
            return Some(Target::Brief(brief));
        };
        let section = brief.sections.iter().find(|s| s.id == section_id)?;
        let Some(entry_id) = parts.next() else {
            return Some(Target::Section(brief, section));
        };
        let entry = section.entry(entry_id)?;
        parts
            .next()
            .is_none()
            .then_some(Target::Entry(brief, section, entry))
    }
}

/// Collect the global declarations of every candidate; report a brief id used twice and
/// a declaration that differs from the first one of its id.
fn declare(candidates: &[Candidate], found: &mut Vec<CorpusProblem>) -> Declarations {
    let mut decl = Declarations::default();
    let names: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
    for (b, c) in candidates.iter().enumerate() {
        let brief = &c.brief;
        if let Some(&first) = decl.briefs.get(brief.id.as_str()) {
            found.push(CorpusProblem {
                index: b,
                problem: Problem::new(
                    path!["id"],
                    format!(
                        "brief id `{}` is already used by {}",
                        brief.id, names[first]
                    ),
                ),
            });
        } else {
            decl.briefs.insert(brief.id.to_string(), b);
        }
        check_declarations(
            b,
            &brief.actors,
            "actor",
            "actors",
            |a| &a.id,
            &mut decl.actors,
            candidates,
            |x| &x.actors,
            &names,
            found,
        );
        check_declarations(
            b,
            &brief.sources,
            "source",
            "sources",
            |s| &s.id,
            &mut decl.sources,
            candidates,
            |x| &x.sources,
            &names,
            found,
        );
        let before = decl.issues.len();
        check_declarations(
            b,
            &brief.issues,
            "issue",
            "issues",
            |s| &s.id,
            &mut decl.issues,
            candidates,
            |x| &x.issues,
            &names,
            found,
        );
        if decl.issues.len() > before {
            for x in &brief.issues {
                if decl
                    .issues
                    .get(x.id.as_str())
                    .is_some_and(|&(fb, _)| fb == b)
                    && !decl.issue_order.iter().any(|o| *o == *x.id)
                {
                    decl.issue_order.push(x.id.to_string());
                }
            }
        }
    }
    decl
}

#[allow(clippy::too_many_arguments)]
fn check_declarations<T: PartialEq>(
    b: usize,
    list: &[T],
    what: &str,
    key: &str,
    id: impl Fn(&T) -> &super::text::Text,
    table: &mut HashMap<String, (usize, usize)>,
    candidates: &[Candidate],
    list_of: impl Fn(&Brief) -> &[T],
    names: &[&str],
    found: &mut Vec<CorpusProblem>,
) {
    for (i, item) in list.iter().enumerate() {
        let id = id(item);
        match table.get(id.as_str()) {
            None => {
                table.insert(id.to_string(), (b, i));
            }
            Some(&(fb, fi)) => {
                if list_of(&candidates[fb].brief)[fi] != *item {
                    let place = if fb == b {
                        "above".to_owned()
                    } else {
                        format!("in {}", names[fb])
                    };
                    found.push(CorpusProblem {
                        index: b,
                        problem: Problem::new(
                            path![key, i, "id"],
                            format!("{what} `{id}` is declared differently {place}; {what} ids are global, so every declaration of one must be the same"),
                        ),
                    });
                }
            }
        }
    }
}

fn unknown(what: &str, wrong: &str, known: &HashMap<String, (usize, usize)>, how: &str) -> String {
    let mut msg = format!("unknown {what} `{wrong}`");
    if let Some(m) = did_you_mean(wrong, known.keys().map(String::as_str)) {
        msg.push_str(&format!(": did you mean `{m}`?"));
    } else {
        msg.push_str(&format!(": {how}"));
    }
    msg
}

fn check_references(
    b: usize,
    brief: &Brief,
    candidates: &[Candidate],
    decl: &Declarations,
    found: &mut Vec<CorpusProblem>,
) {
    let mut report = |path: Vec<Step>, message: String| {
        found.push(CorpusProblem {
            index: b,
            problem: Problem::new(path, message),
        })
    };
    let actor_hint = "declare it under `actors:` in a brief";
    if !decl.actors.contains_key(brief.publisher.as_str()) {
        report(
            path!["publisher"],
            unknown("actor", &brief.publisher, &decl.actors, actor_hint),
        );
    }
    // Everything a selector can name: briefs, sections and entries.
    let targets: HashSet<String> = decl
        .briefs
        .values()
        .filter(|&&i| candidates[i].valid)
        .flat_map(|&i| {
            let brief = &candidates[i].brief;
            std::iter::once(brief.id.to_string()).chain(brief.sections.iter().flat_map(move |s| {
                std::iter::once(format!("{}/{}", brief.id, s.id)).chain(
                    s.entries()
                        .map(move |e| format!("{}/{}/{}", brief.id, s.id, e.id())),
                )
            }))
        })
        .collect();
    for (si, section) in brief.sections.iter().enumerate() {
        let lists: [(&str, Vec<EntryRef<'_>>); 4] = [
            ("items", section.items.iter().map(EntryRef::Item).collect()),
            (
                "figures",
                section.figures.iter().map(EntryRef::Figure).collect(),
            ),
            (
                "events",
                section.events.iter().map(EntryRef::Event).collect(),
            ),
            (
                "positions",
                section.positions.iter().map(EntryRef::Position).collect(),
            ),
        ];
        for (list, entries_of_kind) in lists {
            for (ei, e) in entries_of_kind.into_iter().enumerate() {
                let at = |rest: Vec<Step>| {
                    let mut p = path!["sections", si, list, ei];
                    p.extend(rest);
                    p
                };
                let source = &e.cite().source;
                if !decl.sources.contains_key(source.as_str()) {
                    report(
                        at(path!["cite", "source"]),
                        unknown(
                            "source",
                            source,
                            &decl.sources,
                            "declare it under `sources:` in a brief",
                        ),
                    );
                }
                for (k, sel) in e.see().iter().enumerate() {
                    // `a/b` is brief/section, or else section/entry of this brief.
                    let own = format!("{}/{}", brief.id, sel);
                    let found = targets.contains(sel.as_str())
                        || (sel.matches('/').count() == 1 && targets.contains(&own));
                    if !found {
                        report(
                            at(path!["see", k]),
                            format!("`{sel}` names nothing in the loaded briefs"),
                        );
                    }
                }
                if let EntryRef::Position(p) = e {
                    if !decl.actors.contains_key(p.actor.as_str()) {
                        report(
                            at(path!["actor"]),
                            unknown("actor", &p.actor, &decl.actors, actor_hint),
                        );
                    }
                    if let Some(r) = &p.reported_by
                        && !decl.actors.contains_key(r.as_str())
                    {
                        report(
                            at(path!["reported_by"]),
                            unknown("actor", r, &decl.actors, actor_hint),
                        );
                    }
                    if !decl.issues.contains_key(p.issue.as_str()) {
                        report(
                            at(path!["issue"]),
                            unknown(
                                "issue",
                                &p.issue,
                                &decl.issues,
                                "declare it under `issues:` in a brief",
                            ),
                        );
                    }
                }
            }
        }
    }
}
