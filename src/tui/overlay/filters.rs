//! The filter menu: stances, groups, actors, tags and sources to narrow every screen to.
//! Switching an option asks the app to set the new filter; it never sets it itself.

use ratatui::layout::Rect;

use crate::brief::corpus::Corpus;
use crate::brief::model::{StakeholderGroup, Stance};
use crate::search::Filter;
use crate::tui::app::{Action, Effect};
use crate::tui::widget::list::{ListCursor, Nav};

/// One line of the filter menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterRow {
    Heading(&'static str),
    Stance(Stance),
    Group(StakeholderGroup),
    /// Id and the name shown.
    Actor(String, String),
    Tag(String),
    /// Id and what tells it apart from the others: title, publisher, date.
    Source(String, String),
}

#[derive(Debug, Clone, Default)]
pub struct FilterMenu {
    pub rows: Vec<FilterRow>,
    pub list: ListCursor,
}

/// The box the menu is drawn in, and its inside.
pub fn frame(area: Rect) -> Rect {
    crate::tui::layout::centred(area, 72, area.height.saturating_sub(2).max(1))
}

pub fn height(area: Rect) -> usize {
    usize::from(frame(area).height.saturating_sub(2)).max(1)
}

impl FilterMenu {
    pub fn new(corpus: &Corpus) -> FilterMenu {
        let mut rows = vec![FilterRow::Heading("Stance")];
        rows.extend(Stance::ALL.iter().map(|&s| FilterRow::Stance(s)));
        rows.push(FilterRow::Heading("Stakeholder group"));
        rows.extend(StakeholderGroup::ALL.iter().map(|&g| FilterRow::Group(g)));
        rows.push(FilterRow::Heading("Actor"));
        rows.extend(
            corpus
                .actors()
                .map(|a| FilterRow::Actor(a.id.to_string(), a.name.to_string())),
        );
        let mut tags: Vec<String> = Vec::new();
        let mut add = |t: &str| {
            if !tags.iter().any(|x| x == t) {
                tags.push(t.to_string());
            }
        };
        for b in corpus.briefs() {
            for s in &b.sections {
                for e in s.entries() {
                    e.tags().iter().for_each(|t| add(t));
                }
            }
        }
        for i in corpus.issues() {
            i.tags.iter().for_each(|t| add(t));
        }
        tags.sort();
        rows.push(FilterRow::Heading("Tag"));
        rows.extend(tags.into_iter().map(FilterRow::Tag));
        rows.push(FilterRow::Heading("Source"));
        let mut sources: Vec<(String, String)> = Vec::new();
        for b in corpus.briefs() {
            for s in &b.sources {
                if !sources.iter().any(|x| x.0 == s.id.as_str()) {
                    let publisher = corpus
                        .actor(&s.publisher)
                        .map_or(s.publisher.as_str(), |a| a.display_name());
                    let date = s
                        .date
                        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
                    let label = format!("{} — {publisher}, {date}", s.title);
                    sources.push((s.id.to_string(), label));
                }
            }
        }
        rows.extend(sources.into_iter().map(|(id, t)| FilterRow::Source(id, t)));
        FilterMenu {
            rows,
            list: ListCursor::at(1),
        }
    }

    /// Move over the options, never onto a heading.
    fn step(&mut self, nav: Nav, height: usize) {
        let len = self.rows.len();
        let down = !matches!(nav, Nav::Up | Nav::PageUp | Nav::HalfUp | Nav::Bottom);
        self.list.go(nav, len, height);
        let heading = |r: &FilterRow| matches!(r, FilterRow::Heading(_));
        while self.rows.get(self.list.cursor).is_some_and(heading) {
            let next = if down {
                self.list.cursor + 1
            } else {
                self.list.cursor.wrapping_sub(1)
            };
            if next >= len {
                // Past either end: the nearest option the other way.
                let back = if down { Nav::Up } else { Nav::Down };
                self.list.go(back, len, height);
                break;
            }
            self.list.set(next, len, height);
        }
    }

    pub fn key(&mut self, action: &Action, filter: &Filter, area: Rect) -> Effect {
        let height = height(area);
        if let Some(nav) = Nav::of(action) {
            self.step(nav, height);
            return Effect::None;
        }
        match action {
            Action::Wheel { down, .. } => {
                let nav = if *down { Nav::Down } else { Nav::Up };
                for _ in 0..3 {
                    self.step(nav, height);
                }
                Effect::None
            }
            Action::Click { row, .. } => {
                // A click selects an option; a click on the selected one switches it.
                let inner_y = frame(area).y + 1;
                let at = self.list.top + usize::from(row.saturating_sub(inner_y));
                let option = self
                    .rows
                    .get(at)
                    .is_some_and(|r| !matches!(r, FilterRow::Heading(_)));
                if option && *row >= inner_y {
                    if at == self.list.cursor {
                        return self.key(&Action::Space, filter, area);
                    }
                    self.list.set(at, self.rows.len(), height);
                }
                Effect::None
            }
            Action::Space | Action::Enter => {
                let mut f = filter.clone();
                fn toggle<T: PartialEq>(list: &mut Vec<T>, x: T) {
                    match list.iter().position(|y| *y == x) {
                        Some(i) => {
                            list.remove(i);
                        }
                        None => list.push(x),
                    }
                }
                match self.rows[self.list.cursor].clone() {
                    FilterRow::Heading(_) => return Effect::None,
                    FilterRow::Stance(s) => toggle(&mut f.stances, s),
                    FilterRow::Group(g) => toggle(&mut f.groups, g),
                    FilterRow::Actor(id, _) => toggle(&mut f.actors, id),
                    FilterRow::Tag(t) => toggle(&mut f.tags, t),
                    FilterRow::Source(id, _) => toggle(&mut f.sources, id),
                }
                Effect::SetFilter(f)
            }
            Action::ClearFilter => Effect::SetFilter(Filter::default()),
            Action::Close | Action::Escape | Action::Filters => Effect::Close,
            _ => Effect::None,
        }
    }
}

/// Whether a filter-menu row is switched on.
pub fn filter_has(f: &Filter, row: &FilterRow) -> bool {
    match row {
        FilterRow::Heading(_) => false,
        FilterRow::Stance(s) => f.stances.contains(s),
        FilterRow::Group(g) => f.groups.contains(g),
        FilterRow::Actor(id, _) => f.actors.contains(id),
        FilterRow::Tag(t) => f.tags.contains(t),
        FilterRow::Source(id, _) => f.sources.contains(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_never_rests_on_a_heading_and_sources_read_apart() {
        let corpus = crate::query::fixture_world();
        let mut menu = FilterMenu::new(&corpus);
        let area = Rect::new(0, 0, 80, 24);
        for a in [
            Action::Top,
            Action::Bottom,
            Action::PageUp,
            Action::PageDown,
        ]
        .into_iter()
        .chain(std::iter::repeat_n(Action::Down, 40))
        .chain(std::iter::repeat_n(Action::Up, 40))
        {
            menu.key(&a, &Filter::default(), area);
            assert!(
                !matches!(menu.rows[menu.list.cursor], FilterRow::Heading(_)),
                "{a:?}"
            );
        }
        let labels: Vec<&String> = menu
            .rows
            .iter()
            .filter_map(|r| match r {
                FilterRow::Source(_, l) => Some(l),
                _ => None,
            })
            .collect();
        let mut unique = labels.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), labels.len(), "two source rows read the same");
    }
}
