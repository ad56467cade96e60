//! Positions on an issue from every brief, and what each actor says on it.

use crate::brief::corpus::Corpus;
use crate::brief::date::Date;
use crate::brief::model::{Brief, Position, Section, StakeholderGroup, Stance};

/// A position with where it stands.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'c> {
    pub brief: &'c Brief,
    pub section: &'c Section,
    pub position: &'c Position,
}

impl Placed<'_> {
    pub fn selector(&self) -> String {
        format!("{}/{}/{}", self.brief.id, self.section.id, self.position.id)
    }

    /// Someone else reports this position; it is not the actor's own statement.
    pub fn is_reported(&self) -> bool {
        self.position.reported_by.is_some()
    }

    /// When the position was stated: its own `date`, else the date of the source it
    /// cites first (as the brief declares it).
    pub fn date(&self) -> Option<Date> {
        self.position.date.or_else(|| {
            let cited = &self.position.cite.first().source;
            self.brief
                .sources
                .iter()
                .find(|s| s.id == *cited)
                .and_then(|s| s.date)
        })
    }
}

/// Every position on `issue`, in the briefs' order, narrowed to `actors` (in that order
/// when given) and to `group`.
pub fn positions<'c>(
    corpus: &'c Corpus,
    issue: &str,
    actors: &[String],
    group: Option<StakeholderGroup>,
) -> Vec<Placed<'c>> {
    let mut out: Vec<Placed<'c>> = all_positions(corpus)
        .filter(|p| p.position.issue == issue)
        .filter(|p| actors.is_empty() || actors.iter().any(|a| p.position.actor == a.as_str()))
        .filter(|p| {
            group.is_none_or(|g| {
                corpus
                    .actor(&p.position.actor)
                    .is_some_and(|a| a.group == g)
            })
        })
        .collect();
    if !actors.is_empty() {
        out.sort_by_key(|p| actors.iter().position(|a| p.position.actor == a.as_str()));
    }
    out
}

/// Every position of every brief, in the briefs' order.
pub fn all_positions(corpus: &Corpus) -> impl Iterator<Item = Placed<'_>> {
    corpus.briefs().iter().flat_map(|b| {
        b.sections.iter().flat_map(move |s| {
            s.positions.iter().map(move |p| Placed {
                brief: b,
                section: s,
                position: p,
            })
        })
    })
}

/// Latest first by [`Placed::date`] (the position's date, else its source's), undated
/// last; ties keep the briefs' order. `brief compare` and the reader both list an actor's
/// positions this way.
pub fn sort_latest_first(list: &mut [Placed<'_>]) {
    list.sort_by(|a, b| match (&a.date(), &b.date()) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
}

/// Everything one actor says on one issue.
#[derive(Debug, Clone)]
pub struct ActorPositions<'c> {
    pub actor: &'c str,
    /// Latest first (see [`sort_latest_first`]); never empty.
    pub positions: Vec<Placed<'c>>,
}

impl<'c> ActorPositions<'c> {
    /// The position that stands for the actor in a tally: its latest own statement, and
    /// only when it has none of its own, the latest that someone else reports. An actor's
    /// own word outranks anyone's account of it; an account is still better than silence,
    /// and it is marked as such ([`ActorPositions::counts_a_report`]).
    pub fn counted(&self) -> Placed<'c> {
        self.positions
            .iter()
            .find(|p| !p.is_reported())
            .copied()
            .unwrap_or(self.positions[0])
    }

    /// The stance that stands for the actor.
    pub fn stance(&self) -> Stance {
        self.counted().position.stance
    }

    /// The counted stance is only someone else's report.
    pub fn counts_a_report(&self) -> bool {
        self.counted().is_reported()
    }

    /// The actor's positions (own or reported) do not all have the same stance.
    pub fn differs(&self) -> bool {
        let first = self.positions[0].position.stance;
        self.positions.iter().any(|p| p.position.stance != first)
    }
}

/// One entry per actor, in order of first appearance, each with its positions latest first.
pub fn by_actor<'c>(placed: &[Placed<'c>]) -> Vec<ActorPositions<'c>> {
    let mut cols: Vec<ActorPositions<'c>> = Vec::new();
    for p in placed {
        let actor = p.position.actor.as_str();
        match cols.iter_mut().find(|c| c.actor == actor) {
            Some(c) => c.positions.push(*p),
            None => cols.push(ActorPositions {
                actor,
                positions: vec![*p],
            }),
        }
    }
    for c in &mut cols {
        sort_latest_first(&mut c.positions);
    }
    cols
}

/// The lines of one actor's column of positions side by side, at `width`: the actor's
/// name and group, then each position with its stance, summary, source and selector.
pub fn column(corpus: &Corpus, actor: &str, list: &[Placed<'_>], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let a = corpus.actor(actor);
    let name = a.map_or(actor.to_owned(), |a| a.name.to_string());
    lines.extend(crate::query::page::wrap(&name, width));
    if let Some(a) = a {
        let mut group = a.group.label().to_owned();
        if let Some(b) = &a.bloc
            && b.as_str() != name
        {
            group.push_str(&format!(", {b}"));
        }
        lines.extend(crate::query::page::wrap(&format!("({group})"), width));
    }
    for p in list {
        let pos = p.position;
        lines.push(String::new());
        lines.push(format!("▸ {}", pos.stance.label().to_uppercase()));
        lines.extend(crate::query::page::wrap(&pos.summary, width));
        if let Some(r) = &pos.reported_by {
            let who = corpus.actor(r).map_or(r.as_str(), |a| a.name.as_str());
            lines.extend(crate::query::page::wrap(
                &format!("As reported by {who}."),
                width,
            ));
        }
        let mut source = crate::query::names::citations(corpus, &pos.cite).join("; ");
        if let Some(d) = &pos.date {
            source = format!("Stated {d}. {source}");
        }
        lines.extend(crate::query::page::wrap(&source, width));
        lines.extend(crate::query::page::wrap(&p.selector(), width));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fixture_world;

    #[test]
    fn an_actors_positions_come_latest_first_and_its_own_word_counts() {
        let c = fixture_world();
        let placed = positions(&c, "reader-forum-funding", &["norland".into()], None);
        let cols = by_actor(&placed);
        assert_eq!(cols.len(), 1);
        let sels: Vec<String> = cols[0].positions.iter().map(|p| p.selector()).collect();
        // The old code took the first file's stance (alpha: support, 2024); the latest
        // is gamma's oppose of 2025-09, which ICNP's later report (2025-11) does not outrank.
        assert_eq!(
            sels,
            [
                "reader-alpha/positions/norland-funding-as-icnp-hears-it",
                "reader-gamma/positions/norland-funding-late-2025",
                "reader-beta/positions/norland-funding-2025",
                "reader-alpha/positions/norland-funding-2024",
            ]
        );
        assert_eq!(cols[0].stance(), Stance::Oppose);
        assert!(!cols[0].counts_a_report());
        assert!(cols[0].differs());
    }

    /// A position with no date of its own is placed by its source's date, not last.
    #[test]
    fn an_undated_position_is_dated_by_its_source() {
        let c = crate::query::fixture_world_edited(|briefs| {
            let beta = briefs.iter_mut().find(|b| b.id == "reader-beta").unwrap();
            for s in &mut beta.sections {
                for p in &mut s.positions {
                    if p.id == "ear-oversight" {
                        p.date = None;
                    }
                }
            }
        });
        let placed = positions(&c, "reader-registry-oversight", &["ear".into()], None);
        let cols = by_actor(&placed);
        let sels: Vec<String> = cols[0].positions.iter().map(|p| p.selector()).collect();
        // beta's source is of 2025-03-01, after alpha's position of 2024-04-01.
        assert_eq!(
            sels,
            [
                "reader-beta/positions/ear-oversight",
                "reader-alpha/positions/ear-oversight",
            ]
        );
        assert_eq!(cols[0].positions[0].date(), "2025-03-01".parse().ok());
    }

    #[test]
    fn a_report_counts_only_for_an_actor_with_no_word_of_its_own() {
        let c = fixture_world();
        let placed = positions(&c, "reader-forum-funding", &["sarnia".into()], None);
        let cols = by_actor(&placed);
        assert_eq!(cols[0].stance(), Stance::Oppose);
        assert!(cols[0].counts_a_report());
        assert!(!cols[0].differs());
    }

    #[test]
    fn positions_without_a_date_sort_by_their_sources() {
        let c = fixture_world();
        let mut placed = positions(&c, "reader-registry-oversight", &[], None);
        placed.extend(positions(&c, "reader-data-flows", &[], None));
        sort_latest_first(&mut placed);
        let dates: Vec<Option<String>> = placed
            .iter()
            .map(|p| p.date().map(|d| d.to_string()))
            .collect();
        assert_eq!(
            dates,
            [
                Some("2025-09-20".to_owned()),
                // ear-data has no date: beta's source is of 2025-03-01.
                Some("2025-03-01".to_owned()),
                Some("2025-01-15".to_owned()),
                Some("2024-04-01".to_owned()),
            ]
        );
    }
}
