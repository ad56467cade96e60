//! Who stands where: issues × actors, each cell holding everything the actor says on the
//! issue, and per issue a tally of the stakeholder groups that counts actors, not
//! documents. Built once when a view opens or its filter changes, then only read.
//!
//! How an actor counts: once per issue, with the stance of [`ActorPositions::counted`]
//! (its latest own statement; a report by someone else only when it has none of its own).
//! A verdict needs two or more actors that state a stance (`none` is no stance): one
//! actor agreeing with itself across its documents is [`Verdict::OneVoice`], not
//! convergence.

use std::collections::{HashMap, HashSet};

use super::positions::{ActorPositions, Placed, all_positions, by_actor};
use crate::brief::corpus::Corpus;
use crate::brief::date::Date;
use crate::brief::model::{EntryRef, StakeholderGroup, Stance};
use crate::search::Filter;

/// How many stances there are: the length of a tally's counts.
pub const STANCES: usize = Stance::ALL.len();

/// Where `s` stands in [`Stance::ALL`]: the index into a tally's counts.
pub fn stance_index(s: Stance) -> usize {
    Stance::ALL.iter().position(|&x| x == s).unwrap_or(0)
}

/// One position in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellPosition {
    pub selector: String,
    pub stance: Stance,
    pub date: Option<Date>,
    /// Actor id of who reports it, when it is not the actor's own statement.
    pub reported_by: Option<String>,
}

/// What one actor says on one issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The stance that counts for the actor (see the module's comment).
    pub stance: Stance,
    /// That stance comes from someone else's report: the actor has no word of its own.
    pub reported: bool,
    /// The positions do not all have the same stance.
    pub differs: bool,
    /// Every position, latest first by date, undated last.
    pub positions: Vec<CellPosition>,
}

impl Cell {
    pub fn of(a: &ActorPositions<'_>) -> Cell {
        Cell {
            stance: a.stance(),
            reported: a.counts_a_report(),
            differs: a.differs(),
            positions: a
                .positions
                .iter()
                .map(|p| CellPosition {
                    selector: p.selector(),
                    stance: p.position.stance,
                    date: p.position.date,
                    reported_by: p.position.reported_by.as_ref().map(|r| r.to_string()),
                })
                .collect(),
        }
    }

    /// How many positions the actor has on the issue.
    pub fn count(&self) -> usize {
        self.positions.len()
    }
}

/// How the stakeholder groups stand on one issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Two or more actors, all with the same stance.
    Converge,
    /// Someone supports and someone opposes.
    Split,
    /// Different stances, but nobody opposes what someone supports (conditional, mixed).
    Partial,
    /// Only one actor states a stance: nothing to converge or split.
    OneVoice,
    /// Nobody states a stance.
    NoStance,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Converge => "converge",
            Verdict::Split => "split",
            Verdict::Partial => "partly",
            Verdict::OneVoice => "one voice",
            Verdict::NoStance => "no stance",
        }
    }

    /// The verdict of actors' stances counted as in [`GroupTally::counts`], summed over
    /// the groups. Actors with stance `none` are no voice.
    pub fn of_counts(counts: &[usize; STANCES]) -> Verdict {
        let voiced: Vec<(Stance, usize)> = Stance::ALL
            .iter()
            .map(|&s| (s, counts[stance_index(s)]))
            .filter(|&(s, n)| s != Stance::None && n > 0)
            .collect();
        let voices: usize = voiced.iter().map(|v| v.1).sum();
        let has = |s: Stance| voiced.iter().any(|v| v.0 == s);
        match voices {
            0 => Verdict::NoStance,
            1 => Verdict::OneVoice,
            _ if voiced.len() == 1 => Verdict::Converge,
            _ if has(Stance::Support) && has(Stance::Oppose) => Verdict::Split,
            _ => Verdict::Partial,
        }
    }
}

/// The actors of one stakeholder group on one issue, each counted once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTally {
    pub group: StakeholderGroup,
    /// Actors by counted stance, indexed by [`stance_index`].
    pub counts: [usize; STANCES],
    /// How many of those actors are counted from someone else's report.
    pub reported: usize,
}

impl GroupTally {
    pub fn new(group: StakeholderGroup) -> GroupTally {
        GroupTally {
            group,
            counts: [0; STANCES],
            reported: 0,
        }
    }

    pub fn count(&self, s: Stance) -> usize {
        self.counts[stance_index(s)]
    }

    /// How many actors of the group are counted.
    pub fn actors(&self) -> usize {
        self.counts.iter().sum()
    }

    fn add(&mut self, a: &ActorPositions<'_>) {
        self.counts[stance_index(a.stance())] += 1;
        self.reported += usize::from(a.counts_a_report());
    }
}

/// One issue's tally: the groups with an actor, in [`StakeholderGroup::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub groups: Vec<GroupTally>,
    pub verdict: Verdict,
}

impl Tally {
    /// The tally of `placed` (positions on one issue): each actor once.
    pub fn of(corpus: &Corpus, placed: &[Placed<'_>]) -> Tally {
        let actors = by_actor(placed);
        let present: Vec<&str> = actors.iter().map(|a| a.actor).collect();
        let mut groups: Vec<GroupTally> = Vec::new();
        for a in actors
            .iter()
            .filter(|a| !speaks_for_no_one_else(corpus, a.actor, &present))
        {
            let g = group_of(corpus, a.actor);
            match groups.iter_mut().find(|t| t.group == g) {
                Some(t) => t.add(a),
                None => {
                    let mut t = GroupTally::new(g);
                    t.add(a);
                    groups.push(t);
                }
            }
        }
        groups.sort_by_key(|t| group_rank(t.group));
        let verdict = Verdict::of_counts(&sum(&groups));
        Tally { groups, verdict }
    }

    /// Actors that state a stance (any but `none`).
    pub fn voices(&self) -> usize {
        let all = sum(&self.groups);
        all.iter().sum::<usize>() - all[stance_index(Stance::None)]
    }
}

fn sum(groups: &[GroupTally]) -> [usize; STANCES] {
    let mut all = [0usize; STANCES];
    for g in groups {
        for (i, n) in g.counts.iter().enumerate() {
            all[i] += n;
        }
    }
    all
}

/// A joint actor (one with `members:`) whose every member is counted on its own among
/// `present`: counting it too would count those members twice. A joint actor with a
/// member not counted otherwise is one voice, for them.
fn speaks_for_no_one_else(corpus: &Corpus, actor: &str, present: &[&str]) -> bool {
    corpus.actor(actor).is_some_and(|a| {
        !a.members.is_empty() && a.members.iter().all(|m| present.contains(&m.as_str()))
    })
}

fn group_of(corpus: &Corpus, actor: &str) -> StakeholderGroup {
    corpus
        .actor(actor)
        .map_or(StakeholderGroup::Unspecified, |x| x.group)
}

fn group_rank(g: StakeholderGroup) -> usize {
    StakeholderGroup::ALL
        .iter()
        .position(|&x| x == g)
        .unwrap_or(usize::MAX)
}

#[derive(Debug, Clone, Default)]
pub struct Matrix {
    /// Issue ids with at least one position, in declaration order.
    pub issues: Vec<String>,
    /// Actor ids with at least one position, by stakeholder group, then first appearance.
    pub actors: Vec<String>,
    /// The groups of those actors, in [`StakeholderGroup::ALL`] order.
    pub groups: Vec<StakeholderGroup>,
    /// `cells[issue][actor]`.
    pub cells: Vec<Vec<Option<Cell>>>,
    /// `tally[issue][group]`, one per entry of `groups` (zero where the group is silent).
    pub tally: Vec<Vec<GroupTally>>,
    /// `verdicts[issue]`.
    pub verdicts: Vec<Verdict>,
}

impl Matrix {
    /// The matrix of every position that passes `filter`.
    pub fn build(corpus: &Corpus, filter: &Filter) -> Matrix {
        let mut m = Matrix::default();
        // Positions by (issue, actor), each list in the briefs' order.
        let mut found: HashMap<(&str, &str), Vec<Placed<'_>>> = HashMap::new();
        let mut actors: Vec<&str> = Vec::new();
        let mut seen_actors: HashSet<&str> = HashSet::new();
        let mut seen_issues: HashSet<&str> = HashSet::new();
        for p in all_positions(corpus) {
            if !filter.admits(corpus, p.brief, p.section, EntryRef::Position(p.position)) {
                continue;
            }
            let key = (p.position.issue.as_str(), p.position.actor.as_str());
            if seen_actors.insert(key.1) {
                actors.push(key.1);
            }
            seen_issues.insert(key.0);
            found.entry(key).or_default().push(p);
        }
        m.issues = corpus
            .issues()
            .map(|i| i.id.as_str())
            .filter(|id| seen_issues.contains(id))
            .map(str::to_owned)
            .collect();
        actors.sort_by_key(|a| group_rank(group_of(corpus, a)));
        m.groups = StakeholderGroup::ALL
            .iter()
            .copied()
            .filter(|g| actors.iter().any(|a| group_of(corpus, a) == *g))
            .collect();
        for issue in &m.issues {
            let mut row = Vec::with_capacity(actors.len());
            let mut tally: Vec<GroupTally> = m.groups.iter().map(|&g| GroupTally::new(g)).collect();
            let present: Vec<&str> = actors
                .iter()
                .copied()
                .filter(|a| found.contains_key(&(issue.as_str(), *a)))
                .collect();
            for a in &actors {
                let Some(list) = found.get(&(issue.as_str(), *a)) else {
                    row.push(None);
                    continue;
                };
                let mut list = by_actor(list);
                let one = list.remove(0);
                let g = group_of(corpus, a);
                if let Some(t) = tally.iter_mut().find(|t| t.group == g)
                    && !speaks_for_no_one_else(corpus, a, &present)
                {
                    t.add(&one);
                }
                row.push(Some(Cell::of(&one)));
            }
            m.verdicts.push(Verdict::of_counts(&sum(&tally)));
            m.cells.push(row);
            m.tally.push(tally);
        }
        m.actors = actors.iter().map(|a| a.to_string()).collect();
        m
    }

    /// Where the groups stand on issue `row`.
    pub fn verdict(&self, row: usize) -> Verdict {
        self.verdicts.get(row).copied().unwrap_or(Verdict::NoStance)
    }

    /// The actors of one stakeholder group, as column indices.
    pub fn actors_in(&self, corpus: &Corpus, group: StakeholderGroup) -> Vec<usize> {
        (0..self.actors.len())
            .filter(|&c| group_of(corpus, &self.actors[c]) == group)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fixture_world;

    fn row_of(m: &Matrix, issue: &str) -> usize {
        m.issues.iter().position(|i| i == issue).unwrap()
    }

    fn col_of(m: &Matrix, actor: &str) -> usize {
        m.actors.iter().position(|a| a == actor).unwrap()
    }

    /// A coalition (a joint actor with `members:`) and its members on one issue: each
    /// member counted once, the coalition only for members not counted on their own.
    #[test]
    fn a_joint_actor_and_its_members_are_counted_once_each() {
        let issue = "reader-forum-funding";
        let joint = |id: &str, members: &[&str]| {
            let (id, members) = (
                id.to_owned(),
                members.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
            );
            move |briefs: &mut Vec<crate::brief::model::Brief>| {
                let b = briefs.iter_mut().find(|b| b.id == "reader-alpha").unwrap();
                let mut a = b.actors[0].clone();
                a.id = crate::brief::text::Text::new(&id);
                a.short = None;
                a.members = members
                    .iter()
                    .map(|m| crate::brief::text::Text::new(m))
                    .collect();
                b.actors.push(a);
                let s = b
                    .sections
                    .iter_mut()
                    .find(|s| !s.positions.is_empty())
                    .unwrap();
                let mut p = s
                    .positions
                    .iter()
                    .find(|p| p.issue == issue)
                    .unwrap()
                    .clone();
                p.id = crate::brief::text::Text::new(&format!("{id}-funding"));
                p.actor = crate::brief::text::Text::new(&id);
                p.reported_by = None;
                s.positions.push(p);
            }
        };
        let voices = |c: &Corpus| {
            let m = Matrix::build(c, &Filter::default());
            let r = row_of(&m, issue);
            let from_matrix: usize = m.tally[r].iter().map(|t| t.actors()).sum();
            let placed = crate::query::positions::positions(c, issue, &[], None);
            let tally = Tally::of(c, &placed);
            let from_compare: usize = tally.groups.iter().map(|t| t.actors()).sum();
            assert_eq!(from_matrix, from_compare);
            from_matrix
        };
        let base = voices(&fixture_world());
        // Norland and Sarnia both speak on the issue: their coalition adds no one.
        let both = crate::query::fixture_world_edited(joint("north-south", &["norland", "sarnia"]));
        assert_eq!(voices(&both), base);
        // With a member that has not spoken, it is one voice more, for that member.
        let one = crate::query::fixture_world_edited(joint("north-ear", &["norland", "ear"]));
        assert_eq!(voices(&one), base + 1);
    }

    #[test]
    fn one_actor_agreeing_with_itself_is_one_voice_not_convergence() {
        // Old logic: two EAR positions of one stance across two briefs gave "converge"
        // (TECH ▼▼ converge).
        let c = fixture_world();
        let m = Matrix::build(&c, &Filter::default());
        let r = row_of(&m, "reader-registry-oversight");
        assert_eq!(m.verdict(r), Verdict::OneVoice);
        let tech = m
            .groups
            .iter()
            .position(|&g| g == StakeholderGroup::TechnicalCommunity)
            .unwrap();
        assert_eq!(m.tally[r][tech].count(Stance::Oppose), 1, "one actor, once");
        let cell = m.cells[r][col_of(&m, "ear")].as_ref().unwrap();
        assert_eq!(cell.count(), 2);
        assert!(!cell.differs);
        // Two actors of one stance do converge.
        assert_eq!(
            m.verdict(row_of(&m, "reader-data-flows")),
            Verdict::Converge
        );
    }

    #[test]
    fn a_cell_holds_every_position_latest_first_and_counts_the_latest_own() {
        // Old logic: the cell's stance was the first file's (alpha: support), and
        // Norland's four positions counted four times in the government tally.
        let c = fixture_world();
        let m = Matrix::build(&c, &Filter::default());
        let r = row_of(&m, "reader-forum-funding");
        let cell = m.cells[r][col_of(&m, "norland")].as_ref().unwrap();
        assert_eq!(cell.stance, Stance::Oppose);
        assert!(cell.differs && !cell.reported);
        let stances: Vec<Stance> = cell.positions.iter().map(|p| p.stance).collect();
        assert_eq!(
            stances,
            [
                Stance::Mixed,
                Stance::Oppose,
                Stance::Conditional,
                Stance::Support
            ]
        );
        assert_eq!(cell.positions[0].reported_by.as_deref(), Some("icnp"));
        let gov = &m.tally[r][0];
        assert_eq!(gov.group, StakeholderGroup::Government);
        // Norland (its own oppose) and Sarnia (oppose, only as the coalition reports it).
        assert_eq!(gov.count(Stance::Oppose), 2);
        assert_eq!(gov.actors(), 2);
        assert_eq!(gov.reported, 1);
        let sarnia = m.cells[r][col_of(&m, "sarnia")].as_ref().unwrap();
        assert!(sarnia.reported);
        assert_eq!(m.verdict(r), Verdict::Split);
    }

    #[test]
    fn every_actor_is_counted_once_per_issue() {
        let c = crate::library::builtin_corpus();
        let m = Matrix::build(&c, &Filter::default());
        for (r, cells) in m.cells.iter().enumerate() {
            let actors = cells.iter().flatten().count();
            let tallied: usize = m.tally[r].iter().map(GroupTally::actors).sum();
            assert_eq!(actors, tallied, "{}", m.issues[r]);
        }
        let positions = all_positions(&c).count();
        let in_cells: usize = m.cells.iter().flatten().flatten().map(Cell::count).sum();
        assert_eq!(in_cells, positions);
        let ranks: Vec<usize> = m
            .actors
            .iter()
            .map(|a| group_rank(group_of(&c, a)))
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn verdicts_need_two_voices() {
        let v = |pairs: &[(Stance, usize)]| {
            let mut counts = [0; STANCES];
            for &(s, n) in pairs {
                counts[stance_index(s)] = n;
            }
            Verdict::of_counts(&counts)
        };
        assert_eq!(v(&[]), Verdict::NoStance);
        assert_eq!(v(&[(Stance::None, 3)]), Verdict::NoStance);
        assert_eq!(
            v(&[(Stance::Support, 1), (Stance::None, 2)]),
            Verdict::OneVoice
        );
        assert_eq!(v(&[(Stance::Support, 2)]), Verdict::Converge);
        assert_eq!(
            v(&[(Stance::Support, 1), (Stance::Oppose, 1)]),
            Verdict::Split
        );
        assert_eq!(
            v(&[(Stance::Support, 1), (Stance::Conditional, 1)]),
            Verdict::Partial
        );
    }

    #[test]
    fn the_tally_of_a_list_matches_the_matrix() {
        let c = fixture_world();
        let m = Matrix::build(&c, &Filter::default());
        for (r, issue) in m.issues.iter().enumerate() {
            let t = Tally::of(
                &c,
                &super::super::positions::positions(&c, issue, &[], None),
            );
            assert_eq!(t.verdict, m.verdict(r), "{issue}");
            let nonzero: Vec<&GroupTally> = m.tally[r].iter().filter(|g| g.actors() > 0).collect();
            assert_eq!(t.groups.iter().collect::<Vec<_>>(), nonzero, "{issue}");
        }
    }
}
