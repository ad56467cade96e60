//! Who proposed what on a text, and whether it was reflected: the proposals of a text
//! (`draft::proposals`) with each name taken to the actor the loaded briefs declare, the
//! verdicts against the next and the last version, and each actor's record.

use std::collections::{BTreeMap, HashMap};

use crate::brief::corpus::Corpus;
use crate::draft::NegotiatedText;
use crate::draft::proposals::{self, Proposal, Reflected, Run, Verdicts};
use crate::draft::read::docx::TrackedChange;

/// A name on a proposal, and the actor it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The actor's id, when the name is one the briefs declare.
    pub id: Option<String>,
    /// How it is shown: the actor's short name (or name), else the name as written.
    pub shown: String,
}

impl Named {
    /// The id when known, else the name as written: what JSON and filters use.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.shown)
    }
}

/// The proposals on a text, each with its actors and verdicts.
#[derive(Debug)]
pub struct Proposals<'t> {
    pub text: &'t NegotiatedText,
    pub proposals: Vec<Proposal>,
    pub actors: Vec<Vec<Named>>,
    pub verdicts: Vec<Verdicts>,
    /// Names no loaded brief declares and the history's `authors:` does not map, each
    /// once; and what could not be placed.
    pub problems: Vec<String>,
}

/// The proposals on `text`, with the tracked changes of its Word versions, their names
/// taken to `corpus`'s actors (through the history's `authors:` first).
pub fn of<'t>(
    corpus: &Corpus,
    text: &'t NegotiatedText,
    tracked: &[(usize, Vec<TrackedChange>)],
) -> Proposals<'t> {
    let outside = corpus.proposals_on(&text.history.id);
    let (proposals, mut problems) = proposals::gather(text, tracked, &outside);
    let verdicts = proposals::reflected(text, &proposals);
    let names = corpus.actor_names();
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    let actors = proposals
        .iter()
        .map(|p| {
            p.by.iter()
                .map(|name| {
                    // A Word author through the history's `authors:` first.
                    let id = (text.history.author_as(name))
                        .and_then(|actor| names.id(actor))
                        .or_else(|| names.id(name))
                        .map(str::to_owned);
                    match id.as_deref().and_then(|id| corpus.actor(id)) {
                        Some(a) => Named {
                            id: id.clone(),
                            shown: a.display_name().to_owned(),
                        },
                        None => {
                            *unknown.entry(name.clone()).or_default() += 1;
                            Named {
                                id: None,
                                shown: name.clone(),
                            }
                        }
                    }
                })
                .collect()
        })
        .collect();
    for (name, n) in unknown {
        let times = if n == 1 {
            "1 proposal".to_owned()
        } else {
            format!("{n} proposals")
        };
        problems.push(format!(
            "`{name}` ({times}) is no actor a loaded brief declares; kept under its own name (map a Word author with `authors:` in the history)"
        ));
    }
    Proposals {
        text,
        proposals,
        actors,
        verdicts,
        problems,
    }
}

/// What to keep of a text's proposals.
#[derive(Debug, Clone, Default)]
pub struct Only<'a> {
    /// Made on this version (an index).
    pub version: Option<usize>,
    /// By this actor (an id, short name or name, any case) or a joint actor it is in.
    pub actor: Option<&'a str>,
    /// On this paragraph label (in the version it was made on).
    pub paragraph: Option<&'a str>,
}

impl Proposals<'_> {
    /// The proposals `only` keeps, by number.
    pub fn kept(&self, corpus: &Corpus, only: &Only<'_>) -> Vec<usize> {
        let actor = only.actor.map(|a| {
            let names = corpus.actor_names();
            names.id(a).map_or_else(|| a.to_lowercase(), str::to_owned)
        });
        (0..self.proposals.len())
            .filter(|&i| {
                let p = &self.proposals[i];
                only.version.is_none_or(|v| p.version == v)
                    && only.paragraph.is_none_or(|l| self.label(p) == l)
                    && actor.as_deref().is_none_or(|a| {
                        self.actors[i].iter().any(|n| {
                            n.key().eq_ignore_ascii_case(a)
                                || n.id
                                    .as_deref()
                                    .and_then(|id| corpus.actor(id))
                                    .is_some_and(|j| j.members.iter().any(|m| m.as_str() == a))
                        })
                    })
            })
            .collect()
    }

    /// The label of the paragraph a proposal is on (or follows).
    pub fn label(&self, p: &Proposal) -> &str {
        self.text.versions[p.version].paragraphs[p.paragraph()]
            .label
            .as_str()
    }

    /// A version's id.
    pub fn version_id(&self, v: usize) -> &str {
        self.text.history.versions[v].id.as_str()
    }

    /// The actors' names, joined: `EU, US`, or `—` for a bracketed option, which no one
    /// signs.
    pub fn by(&self, i: usize) -> String {
        if self.actors[i].is_empty() {
            "—".to_owned()
        } else {
            self.actors[i]
                .iter()
                .map(|n| n.shown.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
    }

    /// Each actor's record against the last version, in order of appearance: its key,
    /// how it is shown, and how many of its proposals were reflected, partly, not, or are
    /// pending. Bracketed options are no one's.
    pub fn records(&self, kept: &[usize]) -> Vec<Record> {
        let mut out: Vec<Record> = Vec::new();
        for &i in kept {
            for n in &self.actors[i] {
                let at = match out.iter().position(|r| r.key == n.key()) {
                    Some(at) => at,
                    None => {
                        out.push(Record {
                            key: n.key().to_owned(),
                            shown: n.shown.clone(),
                            ..Record::default()
                        });
                        out.len() - 1
                    }
                };
                out[at].proposals += 1;
                count(&mut out[at], self.verdicts[i].last.reflected);
            }
        }
        out
    }

    /// Paragraph `p` of version `v`, run by run, with who brought each run in: the
    /// proposal's actors, or no one (the drafters).
    pub fn blame(&self, v: usize, p: usize) -> Vec<(Run, String)> {
        proposals::blame(self.text, &self.proposals, v, p)
            .into_iter()
            .map(|r| {
                let by = r.proposal.map(|i| self.by(i)).unwrap_or_default();
                (r, by)
            })
            .collect()
    }
}

/// An actor's proposals and what became of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub key: String,
    pub shown: String,
    pub proposals: usize,
    pub yes: usize,
    pub partly: usize,
    pub no: usize,
    pub pending: usize,
}

impl Record {
    /// `EU: 14 proposals — 9 reflected, 3 partly, 2 not`
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("{} reflected", self.yes)];
        if self.partly > 0 {
            parts.push(format!("{} partly", self.partly));
        }
        if self.no > 0 {
            parts.push(format!("{} not", self.no));
        }
        if self.pending > 0 {
            parts.push(format!("{} pending", self.pending));
        }
        let n = if self.proposals == 1 {
            "1 proposal".to_owned()
        } else {
            format!("{} proposals", self.proposals)
        };
        format!("{}: {n} — {}", self.shown, parts.join(", "))
    }
}

/// One cell of the proposals matrix: a proposal by the column's actor on the row's
/// paragraph, and what the last version made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub action: crate::draft::proposals::Action,
    pub reflected: Reflected,
    /// `amend “…” → rev2: partly (67%)`, for the line below the matrix.
    pub detail: String,
}

/// An actor's column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub key: String,
    pub shown: String,
    /// The stakeholder group's label, or `not declared`.
    pub group: String,
}

/// A paragraph with proposals on it, in the version they were made on.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixRow {
    /// `comp ¶1`
    pub place: String,
    /// The paragraph's selector, to read it.
    pub selector: Option<String>,
    /// `[column]`: that actor's proposals here.
    pub cells: Vec<Vec<Cell>>,
}

/// Paragraphs × actors, a glyph per proposal (its action, then its verdict against the
/// last version), with each actor's record and each stakeholder group's tally: what the
/// reader's proposals screen shows. Bracketed options, which no one signs, are the last
/// column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matrix {
    pub brief: String,
    pub title: String,
    /// How many proposals the text has.
    pub proposals: usize,
    pub columns: Vec<Column>,
    pub rows: Vec<MatrixRow>,
    /// `[column]`
    pub records: Vec<Record>,
    /// Each group's record, joint actors counted once (not again for their members).
    pub groups: Vec<Record>,
    pub problems: Vec<String>,
}

/// The key and name of the column of bracketed options.
const OPTIONS: &str = "options";

impl Matrix {
    pub fn of(corpus: &Corpus, all: &Proposals<'_>) -> Matrix {
        let text = all.text;
        let kept: Vec<usize> = (0..all.proposals.len()).collect();
        let mut records = all.records(&kept);
        let mut columns: Vec<Column> = records
            .iter()
            .map(|r| Column {
                key: r.key.clone(),
                shown: r.shown.clone(),
                group: corpus
                    .actor(&r.key)
                    .map_or("not declared".to_owned(), |a| a.group.label().to_owned()),
            })
            .collect();
        let options: Vec<usize> = kept
            .iter()
            .copied()
            .filter(|&i| all.actors[i].is_empty())
            .collect();
        if !options.is_empty() {
            columns.push(Column {
                key: OPTIONS.to_owned(),
                shown: "options".to_owned(),
                group: "bracketed options".to_owned(),
            });
            let mut r = Record {
                key: OPTIONS.to_owned(),
                shown: "Bracketed options".to_owned(),
                ..Record::default()
            };
            for &i in &options {
                r.proposals += 1;
                count(&mut r, all.verdicts[i].last.reflected);
            }
            records.push(r);
        }
        let ids: Vec<Vec<Option<String>>> = text
            .versions
            .iter()
            .map(crate::draft::as_brief::paragraph_ids)
            .collect();
        let mut rows: Vec<MatrixRow> = Vec::new();
        let mut row_of: HashMap<(usize, usize), usize> = HashMap::new();
        for (i, p) in all.proposals.iter().enumerate() {
            let key = (p.version, p.paragraph());
            let r = *row_of.entry(key).or_insert_with(|| {
                rows.push(MatrixRow {
                    place: format!("{} ¶{}", all.version_id(p.version), all.label(p)),
                    selector: ids[p.version][p.paragraph()].as_ref().map(|id| {
                        format!("{}/{}/{id}", text.history.id, all.version_id(p.version))
                    }),
                    cells: vec![Vec::new(); columns.len()],
                });
                rows.len() - 1
            });
            let v = &all.verdicts[i];
            let against = |x: &proposals::Verdict| match x.against {
                None => "pending: no later version".to_owned(),
                Some(to) => match x.reflected {
                    Reflected::Partly => {
                        format!("{}: partly ({:.0}%)", all.version_id(to), x.kept * 100.0)
                    }
                    Reflected::Yes => format!("{}: reflected", all.version_id(to)),
                    Reflected::No => format!("{}: not reflected", all.version_id(to)),
                    Reflected::Pending => format!("{}: still open", all.version_id(to)),
                },
            };
            let mut detail = p.action.name().to_owned();
            if matches!(p.target, proposals::Target::After(_)) {
                detail.push_str(" (a new paragraph after it)");
            }
            if !p.wording.is_empty() {
                detail.push_str(&format!(" “{}”", p.wording));
            }
            if let proposals::Origin::Brief { .. } = p.origin {
                detail.push_str(&format!(" ({})", p.origin.said()));
            }
            detail.push_str(&format!(" → {}", against(&v.last)));
            // The evidence, where it did not all go through: the words made and not.
            if matches!(v.last.reflected, Reflected::Partly | Reflected::No) {
                let few = |w: &[String]| {
                    let mut s = w.iter().take(8).cloned().collect::<Vec<_>>().join(" ");
                    if w.len() > 8 {
                        s.push_str(" …");
                    }
                    s
                };
                if !v.last.made.is_empty() {
                    detail.push_str(&format!("; made: {}", few(&v.last.made)));
                }
                if !v.last.not_made.is_empty() {
                    detail.push_str(&format!("; not made: {}", few(&v.last.not_made)));
                }
            }
            let cell = Cell {
                action: p.action,
                reflected: v.last.reflected,
                detail,
            };
            let keys: Vec<&str> = if all.actors[i].is_empty() {
                vec![OPTIONS]
            } else {
                all.actors[i].iter().map(Named::key).collect()
            };
            for k in keys {
                if let Some(c) = columns.iter().position(|c| c.key == k) {
                    rows[r].cells[c].push(cell.clone());
                }
            }
        }
        // Groups: each proposal once per group, however many of its actors are in it.
        let mut groups: Vec<Record> = Vec::new();
        for i in 0..all.proposals.len() {
            let mut seen: Vec<String> = Vec::new();
            for n in &all.actors[i] {
                let group =
                    n.id.as_deref()
                        .and_then(|id| corpus.actor(id))
                        .map_or("not declared".to_owned(), |a| a.group.label().to_owned());
                if seen.contains(&group) {
                    continue;
                }
                seen.push(group.clone());
                let at = match groups.iter().position(|g| g.key == group) {
                    Some(at) => at,
                    None => {
                        groups.push(Record {
                            key: group.clone(),
                            shown: group.clone(),
                            ..Record::default()
                        });
                        groups.len() - 1
                    }
                };
                groups[at].proposals += 1;
                count(&mut groups[at], all.verdicts[i].last.reflected);
            }
        }
        Matrix {
            brief: text.history.id.to_string(),
            title: text.history.title.to_string(),
            proposals: all.proposals.len(),
            columns,
            rows,
            records,
            groups,
            problems: all.problems.clone(),
        }
    }

    /// `government: 9 proposals — 5 reflected, 2 partly, 2 not · civil society: …`
    pub fn tally(&self) -> String {
        self.groups
            .iter()
            .map(Record::describe)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

fn count(r: &mut Record, reflected: Reflected) {
    match reflected {
        Reflected::Yes => r.yes += 1,
        Reflected::Partly => r.partly += 1,
        Reflected::No => r.no += 1,
        Reflected::Pending => r.pending += 1,
    }
}

/// The proposals matrix of the text whose history is at `path`: read with its Word
/// versions' tracked changes, named by `corpus`'s actors. Slow (files, an alignment), so
/// the reader asks for it off its UI thread.
pub fn matrix_of_file(
    corpus: &Corpus,
    path: &std::path::Path,
    max_bytes: u64,
) -> Result<Matrix, String> {
    let text = crate::library::read_text(path, max_bytes).map_err(|p| p.join("; "))?;
    let (tracked, mut unread) = crate::library::tracked_changes(path, &text, max_bytes);
    let all = of(corpus, &text, &tracked);
    let mut matrix = Matrix::of(corpus, &all);
    unread.append(&mut matrix.problems);
    matrix.problems = unread;
    Ok(matrix)
}
