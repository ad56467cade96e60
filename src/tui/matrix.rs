//! Who stands where: issues × actors with each cell's stance, and per issue a tally of
//! the stances of each stakeholder group — built once when the compare screen opens or
//! the filter changes, then only read while drawing.

use crate::brief::corpus::Corpus;
use crate::brief::model::{StakeholderGroup, Stance};
use crate::brief::search::Filter;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The stance of the first position recorded (briefs' order).
    pub stance: Stance,
    /// How many positions this actor has on the issue (several briefs may report one).
    pub count: usize,
    /// Whether the recorded positions disagree with each other.
    pub differs: bool,
}

/// How the stakeholder groups stand on one issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every position has the same stance.
    Converge,
    /// Someone supports and someone opposes.
    Split,
    /// Neither: support with conditions, mixed views.
    Partial,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Converge => "converge",
            Verdict::Split => "split",
            Verdict::Partial => "partly",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Matrix {
    /// Issue ids with at least one position, in declaration order.
    pub issues: Vec<String>,
    /// Actor ids with at least one position, by stakeholder group, then first appearance.
    pub actors: Vec<String>,
    pub groups: Vec<StakeholderGroup>,
    /// `cells[issue][actor]`.
    pub cells: Vec<Vec<Option<Cell>>>,
    /// `tally[issue][group][stance]`: positions, counted by their actor's group.
    pub tally: Vec<Vec<[usize; 5]>>,
}

pub fn stance_index(s: Stance) -> usize {
    Stance::ALL.iter().position(|&x| x == s).unwrap_or(0)
}

impl Matrix {
    pub fn build(corpus: &Corpus, filter: &Filter) -> Matrix {
        let mut m = Matrix::default();
        let mut found: Vec<(&str, &str, Stance)> = Vec::new();
        for b in corpus.briefs() {
            for s in &b.sections {
                for p in &s.positions {
                    let e = crate::brief::model::EntryRef::Position(p);
                    if filter.admits(corpus, b, s, e) {
                        found.push((&p.issue, &p.actor, p.stance));
                    }
                }
            }
        }
        m.issues = corpus
            .issues()
            .map(|i| i.id.to_string())
            .filter(|id| found.iter().any(|f| f.0 == id))
            .collect();
        let mut actors: Vec<&str> = Vec::new();
        for f in &found {
            if !actors.contains(&f.1) {
                actors.push(f.1);
            }
        }
        let group_of = |a: &str| {
            corpus
                .actor(a)
                .map_or(StakeholderGroup::Unspecified, |x| x.group)
        };
        let rank = |g: StakeholderGroup| StakeholderGroup::ALL.iter().position(|&x| x == g);
        actors.sort_by_key(|a| rank(group_of(a)));
        m.actors = actors.iter().map(|a| a.to_string()).collect();
        m.groups = StakeholderGroup::ALL
            .iter()
            .copied()
            .filter(|g| actors.iter().any(|a| group_of(a) == *g))
            .collect();
        m.cells = vec![vec![None; m.actors.len()]; m.issues.len()];
        m.tally = vec![vec![[0; 5]; m.groups.len()]; m.issues.len()];
        for (issue, actor, stance) in found {
            let (Some(r), Some(c)) = (
                m.issues.iter().position(|x| x == issue),
                m.actors.iter().position(|x| x == actor),
            ) else {
                continue;
            };
            match &mut m.cells[r][c] {
                Some(cell) => {
                    cell.count += 1;
                    cell.differs |= cell.stance != stance;
                }
                slot @ None => {
                    *slot = Some(Cell {
                        stance,
                        count: 1,
                        differs: false,
                    })
                }
            }
            if let Some(g) = m.groups.iter().position(|&g| g == group_of(actor)) {
                m.tally[r][g][stance_index(stance)] += 1;
            }
        }
        m
    }

    /// Where the groups stand on issue `row`.
    pub fn verdict(&self, row: usize) -> Verdict {
        let mut all = [0usize; 5];
        for g in &self.tally[row] {
            for (i, n) in g.iter().enumerate() {
                all[i] += n;
            }
        }
        let kinds = all.iter().filter(|&&n| n > 0).count();
        let support = all[stance_index(Stance::Support)];
        let oppose = all[stance_index(Stance::Oppose)];
        if kinds <= 1 {
            Verdict::Converge
        } else if support > 0 && oppose > 0 {
            Verdict::Split
        } else {
            Verdict::Partial
        }
    }

    /// The actors of one stakeholder group, as column indices.
    pub fn actors_in(&self, corpus: &Corpus, group: StakeholderGroup) -> Vec<usize> {
        (0..self.actors.len())
            .filter(|&c| {
                corpus
                    .actor(&self.actors[c])
                    .is_some_and(|a| a.group == group)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_matrix_counts_every_position_once() {
        let c = crate::library::builtin_corpus();
        let m = Matrix::build(&c, &Filter::default());
        let positions: usize = c
            .briefs()
            .iter()
            .flat_map(|b| &b.sections)
            .map(|s| s.positions.len())
            .sum();
        let in_cells: usize = m.cells.iter().flatten().flatten().map(|c| c.count).sum();
        let in_tally: usize = m.tally.iter().flatten().flatten().sum();
        assert_eq!(in_cells, positions);
        assert_eq!(in_tally, positions);
        // Actors come grouped: the group rank never goes down along the columns.
        let ranks: Vec<usize> = m
            .actors
            .iter()
            .map(|a| {
                let g = c.actor(a).unwrap().group;
                StakeholderGroup::ALL.iter().position(|&x| x == g).unwrap()
            })
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
    }
}
