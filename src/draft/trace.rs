//! A paragraph's lineage through the versions of a text (`ZD 106 → Rev1 89 → Rev2 91`),
//! by chaining the alignment of each version with the next: what `brief trace` will
//! print once a text's history is loaded. A paragraph that is split is followed into
//! each of its parts, one merged into another goes on as the merged one; the lineage
//! ends where it was inserted and where it was deleted.

use super::align::Pair;
use super::diff::{Entry, entries};
use super::model::Version;

/// Where the paragraph stands in one version, and what happened to it on the way there
/// from the version before (empty for the earliest version it is in).
#[derive(Debug, Clone)]
pub struct Step<'a> {
    pub version: usize,
    /// Its paragraphs in that version, by index.
    pub paragraphs: Vec<usize>,
    /// The pairs that brought it from the version before.
    pub from_previous: Vec<Entry<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraceError {
    NoSuchVersion(usize),
    NoSuchParagraph(String),
}

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceError::NoSuchVersion(v) => write!(f, "there is no version {}", v + 1),
            TraceError::NoSuchParagraph(l) => write!(f, "that version has no paragraph {l}"),
        }
    }
}

impl std::error::Error for TraceError {}

/// The lineage of paragraph `label` of version `at`, from the earliest version it is in
/// to the latest, following `steps` (`steps[i]`: the pairs between version `i` and
/// `i + 1`, as a [`super::NegotiatedText`] keeps them).
pub fn lineage<'a>(
    versions: &'a [Version],
    steps: &[Vec<Pair>],
    at: usize,
    label: &str,
) -> Result<Vec<Step<'a>>, TraceError> {
    let v = versions.get(at).ok_or(TraceError::NoSuchVersion(at))?;
    let start = v
        .find(label)
        .ok_or_else(|| TraceError::NoSuchParagraph(label.to_owned()))?;
    // The pairs of step `i` that `keep` picks, with their word diffs.
    let step_entries = |i: usize, keep: &dyn Fn(&Pair) -> bool| -> Vec<Entry<'a>> {
        let pairs: Vec<Pair> = steps
            .get(i)
            .map(|s| s.iter().filter(|p| keep(p)).cloned().collect())
            .unwrap_or_default();
        entries(&versions[i], &versions[i + 1], pairs)
    };
    let mut steps_out = vec![Step {
        version: at,
        paragraphs: vec![start],
        from_previous: Vec::new(),
    }];
    // Backwards, to where it was inserted.
    let mut current = vec![start];
    for i in (0..at).rev() {
        let entries = step_entries(i, &|p| p.new.iter().any(|j| current.contains(j)));
        steps_out[0].from_previous = entries.clone();
        let mut before: Vec<usize> = entries.iter().flat_map(|e| e.pair.old.clone()).collect();
        before.sort_unstable();
        before.dedup();
        if before.is_empty() {
            break;
        }
        steps_out.insert(
            0,
            Step {
                version: i,
                paragraphs: before.clone(),
                from_previous: Vec::new(),
            },
        );
        current = before;
    }
    // Forwards, to where it was deleted or the last version.
    let mut current = vec![start];
    for i in at..versions.len().saturating_sub(1) {
        let entries = step_entries(i, &|p| p.old.iter().any(|j| current.contains(j)));
        let mut after: Vec<usize> = entries.iter().flat_map(|e| e.pair.new.clone()).collect();
        after.sort_unstable();
        after.dedup();
        steps_out.push(Step {
            version: i + 1,
            paragraphs: after.clone(),
            from_previous: entries,
        });
        if after.is_empty() {
            break;
        }
        current = after;
    }
    Ok(steps_out)
}

/// `ZD 106 → Rev1 89, 90 → Rev2 (deleted)`: a lineage in one line, each version named by
/// `names` (by index; the number from 1 where there is no name).
pub fn chain(versions: &[Version], steps: &[Step<'_>], names: &[&str]) -> String {
    steps
        .iter()
        .map(|s| {
            let name = names
                .get(s.version)
                .map_or_else(|| format!("v{}", s.version + 1), |n| (*n).to_owned());
            if s.paragraphs.is_empty() {
                format!("{name} (deleted)")
            } else {
                let labels: Vec<&str> = s
                    .paragraphs
                    .iter()
                    .map(|&i| versions[s.version].paragraphs[i].label.as_str())
                    .collect();
                format!("{name} {}", labels.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::read;

    fn versions() -> Vec<Version> {
        let base = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/drafts/");
        ["zero.txt", "rev1.txt", "rev2.md"]
            .iter()
            .map(|f| read(f, &std::fs::read(format!("{base}{f}")).unwrap()).unwrap())
            .collect()
    }

    fn steps(vs: &[Version]) -> Vec<Vec<Pair>> {
        vs.windows(2)
            .map(|w| {
                crate::draft::align(&w[0], &w[1], &crate::draft::Options::default(), &[]).unwrap()
            })
            .collect()
    }

    fn traced(at: usize, label: &str) -> String {
        let vs = versions();
        let steps = lineage(&vs, &steps(&vs), at, label).unwrap();
        chain(&vs, &steps, &["ZD", "Rev1", "Rev2"])
    }

    #[test]
    fn a_paragraph_through_every_version() {
        // Swapped, then renumbered.
        assert_eq!(traced(0, "3"), "ZD 3 → Rev1 2 → Rev2 3");
        assert_eq!(traced(2, "3"), "ZD 3 → Rev1 2 → Rev2 3");
        // Merged, then renumbered: from one of its parts, and from what they became.
        assert_eq!(traced(0, "5"), "ZD 5 → Rev1 4 → Rev2 5");
        assert_eq!(traced(1, "4"), "ZD 4, 5 → Rev1 4 → Rev2 5");
        // Split, then each part renumbered.
        assert_eq!(traced(0, "7"), "ZD 7 → Rev1 6, 7 → Rev2 7, 8");
        // Inserted with a bis number, renumbered in the next version.
        assert_eq!(traced(2, "2"), "Rev1 1bis → Rev2 2");
        // Deleted.
        assert_eq!(traced(0, "8"), "ZD 8 → Rev1 (deleted)");
    }

    #[test]
    fn each_step_carries_its_change() {
        let vs = versions();
        let steps = lineage(&vs, &steps(&vs), 0, "3").unwrap();
        assert!(steps[0].from_previous.is_empty());
        assert_eq!(steps[1].from_previous[0].kind().name(), "changed");
        assert!(steps[1].from_previous[0].reworded());
    }

    #[test]
    fn bad_requests_are_errors() {
        let vs = versions();
        assert_eq!(
            lineage(&vs, &steps(&vs), 5, "1").unwrap_err(),
            TraceError::NoSuchVersion(5)
        );
        assert_eq!(
            lineage(&vs, &steps(&vs), 0, "99").unwrap_err(),
            TraceError::NoSuchParagraph("99".into())
        );
    }
}
