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
    /// What heads the group: the words its figures' labels share, before each source's
    /// own qualifier ("National and regional IGFs" for "…, as the Internet Society counts
    /// them" and "…, as the CircleID commentary counts them").
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

    /// The figures to show, one row for a figure restated elsewhere with the same value
    /// and source: each with the figures that restate it.
    pub fn rows(&self) -> Vec<(PlacedFigure<'c>, Vec<PlacedFigure<'c>>)> {
        let mut rows: Vec<(PlacedFigure<'c>, Vec<PlacedFigure<'c>>)> = Vec::new();
        for r in &self.readings {
            let start = rows.len();
            for f in &r.figures {
                let same = rows[start..].iter_mut().find(|(first, _)| {
                    first.figure.display_value() == f.figure.display_value()
                        && first.figure.cite.all()[0].source == f.figure.cite.all()[0].source
                });
                match same {
                    Some((_, also)) => also.push(*f),
                    None => rows.push((*f, Vec::new())),
                }
            }
        }
        rows
    }

    /// `4 figures from 3 sources, 2005–2024`: how much the group holds.
    pub fn about(&self) -> String {
        let mut sources: Vec<&str> = self
            .figures()
            .map(|f| f.figure.cite.all()[0].source.as_str())
            .collect();
        sources.sort_unstable();
        sources.dedup();
        let years: Vec<u16> = self
            .readings
            .iter()
            .filter_map(|r| r.as_of.map(|d| d.year))
            .collect();
        let when = match (years.iter().min(), years.iter().max()) {
            (Some(a), Some(b)) if a == b => format!(", {a}"),
            (Some(a), Some(b)) => format!(", {a}–{b}"),
            _ => String::new(),
        };
        let sources = match sources.len() {
            1 => "1 source".to_owned(),
            n => format!("{n} sources"),
        };
        format!("{} figures from {sources}{when}", self.len())
    }
}

/// A figure's label without its source's own qualifier: "…, as X counts them", "…, per
/// …", "…, in an account of …", "… (per …)".
fn plain_label(label: &str) -> &str {
    let mut cut = label.len();
    for marker in [
        ", as ",
        ", per ",
        ", in an account",
        ", according to",
        " (per ",
        " (as ",
    ] {
        if let Some(i) = label.find(marker) {
            cut = cut.min(i);
        }
    }
    label[..cut].trim_end()
}

/// The heading of figures labelled `labels`: their shared plain label, or the shortest.
fn heading(labels: &[&str]) -> String {
    let plain: Vec<&str> = labels.iter().map(|l| plain_label(l)).collect();
    if plain.iter().all(|p| *p == plain[0]) {
        return plain[0].to_owned();
    }
    plain
        .iter()
        .min_by_key(|p| p.chars().count())
        .copied()
        .unwrap_or_default()
        .to_owned()
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
        let labels: Vec<&str> = m.figures().map(|f| f.figure.label.as_str()).collect();
        m.label = heading(&labels);
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

    #[test]
    fn a_group_is_headed_by_what_its_figures_measure_not_by_one_sources_label() {
        assert_eq!(
            heading(&[
                "National and regional IGFs, as the Internet Society counts them",
                "National and regional IGFs, as the CircleID commentary counts them",
                "National and regional IGFs, in an account of the Internet Society's Zero Draft matrix",
            ]),
            "National and regional IGFs"
        );
        assert_eq!(
            heading(&[
                "Share of the world offline, as Guy Ryder put it per a machine-generated session report",
                "Share of the world's population without Internet access",
            ]),
            "Share of the world offline"
        );
    }

    #[test]
    fn a_figure_restated_from_one_source_is_one_row_naming_the_briefs_that_restate_it() {
        let corpus = crate::library::builtin_corpus();
        let all = measures(&corpus);
        let nri = find(&all, "nri-count");
        assert_eq!(nri.label, "National and regional IGFs");
        let rows = nri.rows();
        assert!(rows.len() < nri.len(), "{}", nri.len());
        let restated: Vec<(String, Vec<String>)> = rows
            .iter()
            .filter(|(_, also)| !also.is_empty())
            .map(|(f, also)| {
                (
                    f.selector(),
                    also.iter().map(PlacedFigure::selector).collect(),
                )
            })
            .collect();
        assert!(!restated.is_empty());
        for (first, also) in &restated {
            for a in also {
                assert_ne!(first, a);
            }
        }
        assert!(
            nri.about()
                .starts_with(&format!("{} figures from ", nri.len())),
            "{}",
            nri.about()
        );
    }
}
