//! Figures that measure the same thing, side by side: a series where they speak of
//! different times, a disagreement only where they speak of the same time.
//!
//! "16 % (2005)" and "68 % (2024)" of one `measure` are two points of a series, not
//! sources that differ. Figures differ only when they have the same `as_of` (the same
//! `Date`, precision included: `2024` and `2024-06` are different times) or are both
//! undated, and state different values (number, qualifier or unit).

use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::brief::model::{Brief, EntryRef, Figure, Section};

/// A figure with where it stands.
#[derive(Debug, Clone, Copy)]
pub struct PlacedFigure<'c> {
    pub brief: &'c Brief,
    pub section: &'c Section,
    pub figure: &'c Figure,
}

impl PlacedFigure<'_> {
    pub fn selector(&self) -> String {
        format!("{}/{}/{}", self.brief.id, self.section.id, self.figure.id)
    }

    pub fn target(&self) -> Target<'_> {
        Target::Entry(self.brief, self.section, EntryRef::Figure(self.figure))
    }
}

/// The figures of one measure that speak of one time.
#[derive(Debug, Clone)]
pub struct Reading<'c> {
    pub as_of: Option<Date>,
    /// In the briefs' order.
    pub figures: Vec<PlacedFigure<'c>>,
}

impl Reading<'_> {
    /// Sources state different values for the same time.
    pub fn differs(&self) -> bool {
        let first = self.figures[0].figure.display_value();
        self.figures
            .iter()
            .any(|f| f.figure.display_value() != first)
    }
}

/// Every figure of one measure, by the time it speaks of.
#[derive(Debug, Clone)]
pub struct Measure<'c> {
    pub measure: String,
    /// The first figure's label, to head the group.
    pub label: String,
    /// Oldest first; undated figures last.
    pub readings: Vec<Reading<'c>>,
}

/// How the figures of a measure relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureVerdict {
    /// Some time has sources stating different values.
    SourcesDiffer,
    /// One value per time, over several times.
    Series,
    /// All speak of one time and state one value.
    SourcesAgree,
}

impl FigureVerdict {
    pub fn label(self) -> &'static str {
        match self {
            FigureVerdict::SourcesDiffer => "sources differ",
            FigureVerdict::Series => "a series over time",
            FigureVerdict::SourcesAgree => "sources agree",
        }
    }
}

impl<'c> Measure<'c> {
    pub fn verdict(&self) -> FigureVerdict {
        if self.readings.iter().any(Reading::differs) {
            FigureVerdict::SourcesDiffer
        } else if self.readings.len() > 1 {
            FigureVerdict::Series
        } else {
            FigureVerdict::SourcesAgree
        }
    }

    /// Every figure in date order, undated last; within one time, the briefs' order.
    pub fn figures(&self) -> impl Iterator<Item = &PlacedFigure<'c>> {
        self.readings.iter().flat_map(|r| &r.figures)
    }

    pub fn len(&self) -> usize {
        self.readings.iter().map(|r| r.figures.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Every measure that more than one figure states, in order of first appearance.
pub fn measures(corpus: &Corpus) -> Vec<Measure<'_>> {
    let mut out: Vec<Measure<'_>> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = Default::default();
    for b in corpus.briefs() {
        for s in &b.sections {
            for f in &s.figures {
                let Some(m) = &f.measure else { continue };
                let placed = PlacedFigure {
                    brief: b,
                    section: s,
                    figure: f,
                };
                let i = *index.entry(m.as_str()).or_insert_with(|| {
                    out.push(Measure {
                        measure: m.to_string(),
                        label: f.label.to_string(),
                        readings: Vec::new(),
                    });
                    out.len() - 1
                });
                let readings = &mut out[i].readings;
                match readings.iter_mut().find(|r| r.as_of == f.as_of) {
                    Some(r) => r.figures.push(placed),
                    None => readings.push(Reading {
                        as_of: f.as_of,
                        figures: vec![placed],
                    }),
                }
            }
        }
    }
    out.retain(|m| m.len() > 1);
    for m in &mut out {
        // Dated oldest first (Date orders by first day, then precision); undated last.
        m.readings.sort_by_key(|r| {
            (
                r.as_of.is_none(),
                r.as_of.map(|d| (d.first_day_number(), d)),
            )
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fixture_world;

    fn find<'c>(all: &'c [Measure<'c>], id: &str) -> &'c Measure<'c> {
        all.iter().find(|m| m.measure == id).unwrap()
    }

    #[test]
    fn different_years_are_a_series_not_a_disagreement() {
        // Old logic: any two different values of one measure were "sources differ".
        let c = fixture_world();
        let all = measures(&c);
        let m = find(&all, "reader-households-online");
        assert_eq!(m.verdict(), FigureVerdict::Series);
        let values: Vec<String> = m.figures().map(|f| f.figure.display_value()).collect();
        assert_eq!(values, ["16%", "68%"], "in date order");
        assert_eq!(m.readings.len(), 2);
    }

    #[test]
    fn different_values_for_the_same_year_differ() {
        let c = fixture_world();
        let all = measures(&c);
        let m = find(&all, "reader-exchange-points");
        assert_eq!(m.verdict(), FigureVerdict::SourcesDiffer);
        assert_eq!(m.readings.len(), 1);
        assert!(m.readings[0].differs());
        assert_eq!(
            m.figures().map(|f| f.selector()).collect::<Vec<_>>(),
            [
                "reader-alpha/figures/exchange-points-alpha",
                "reader-gamma/figures/exchange-points-gamma"
            ]
        );
    }

    /// The fixture world with `as_of` of the figures named taken away.
    fn undated(ids: &[&str]) -> Corpus {
        crate::query::fixture_world_edited(|briefs| {
            for f in briefs
                .iter_mut()
                .flat_map(|b| &mut b.sections)
                .flat_map(|s| &mut s.figures)
            {
                if ids.contains(&f.id.as_str()) {
                    f.as_of = None;
                }
            }
        })
    }

    #[test]
    fn undated_figures_differ_only_from_each_other_and_sort_last() {
        let both = undated(&["exchange-points-alpha", "exchange-points-gamma"]);
        let all = measures(&both);
        let m = find(&all, "reader-exchange-points");
        assert_eq!(m.verdict(), FigureVerdict::SourcesDiffer, "both undated");
        let one = undated(&["exchange-points-alpha"]);
        let all = measures(&one);
        let m = find(&all, "reader-exchange-points");
        assert_eq!(m.verdict(), FigureVerdict::Series, "2025 and undated");
        assert_eq!(
            m.readings[0].as_of.map(|d| d.to_string()).as_deref(),
            Some("2025")
        );
        assert!(m.readings[1].as_of.is_none());
    }
}
