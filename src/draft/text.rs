//! A negotiated text kept as a text: its history, its versions with their paragraphs, and
//! the alignment of each version with the next (the concordance's pairings first), made
//! once when the text is read. What became of the paragraphs between any two versions is
//! those steps composed ([`align::compose`]), so `changes`, `trace`, `diff` and the
//! reader's views of a text all follow a paragraph the same way, adjacent or not.

use super::align::{self, AlignError, Options, Pair};
use super::diff::{Entry, entries};
use super::history::{History, Read};
use super::model::{Status, Version};

#[derive(Debug, Clone)]
pub struct NegotiatedText {
    pub history: History,
    /// In the history's order, oldest first.
    pub versions: Vec<Version>,
    /// `steps[i]`: the pairs between version `i` and `i + 1`.
    pub steps: Vec<Vec<Pair>>,
}

impl NegotiatedText {
    /// Align each version of `read` with the next.
    pub fn new(read: Read, opts: &Options) -> Result<NegotiatedText, AlignError> {
        let steps = (0..read.versions.len().saturating_sub(1))
            .map(|i| {
                align::align(
                    &read.versions[i],
                    &read.versions[i + 1],
                    opts,
                    read.forced.get(i).map_or(&[][..], Vec::as_slice),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(NegotiatedText {
            history: read.history,
            versions: read.versions,
            steps,
        })
    }

    /// The pairs between version `from` and a later version `to`.
    pub fn pairs(&self, from: usize, to: usize, opts: &Options) -> Vec<Pair> {
        if to <= from || to >= self.versions.len() {
            return Vec::new();
        }
        let run: Vec<&Version> = self.versions[from..=to].iter().collect();
        align::compose(&run, &self.steps[from..to], opts)
    }

    /// Version `from` compared with a later version `to`: the pairs with their word diffs.
    pub fn compare(&self, from: usize, to: usize, opts: &Options) -> Vec<Entry<'_>> {
        if to <= from || to >= self.versions.len() {
            return Vec::new();
        }
        entries(
            &self.versions[from],
            &self.versions[to],
            self.pairs(from, to, opts),
        )
    }

    /// The pairs of step `i` (version `i` to `i + 1`) with their word diffs.
    pub fn step(&self, i: usize) -> Vec<Entry<'_>> {
        match self.steps.get(i) {
            Some(pairs) => entries(&self.versions[i], &self.versions[i + 1], pairs.clone()),
            None => Vec::new(),
        }
    }

    /// Where version `v` stands: its paragraphs by status, and what is still bracketed.
    pub fn standing(&self, v: usize) -> Standing {
        let mut st = Standing::default();
        for p in self.versions.get(v).into_iter().flat_map(|v| &v.paragraphs) {
            if p.kind.is_apart() {
                continue;
            }
            st.paragraphs += 1;
            match p.status {
                Some(Status::Agreed) => st.agreed += 1,
                Some(Status::AgreedAdRef) => st.agreed_ad_ref += 1,
                Some(Status::PreliminarilyAgreed) => st.preliminarily_agreed += 1,
                Some(Status::SuggestedForClosure) => st.suggested_for_closure += 1,
                None => {}
            }
            if p.brackets > 0 {
                st.bracketed_paragraphs += 1;
                st.brackets += p.brackets;
            }
        }
        st
    }

    /// Where each paragraph went from each version to the next, and came from.
    pub fn moves(&self) -> Moves {
        let mut forward = Vec::with_capacity(self.steps.len());
        let mut backward = Vec::with_capacity(self.steps.len());
        for (i, pairs) in self.steps.iter().enumerate() {
            let mut f = vec![Vec::new(); self.versions[i].paragraphs.len()];
            let mut b = vec![Vec::new(); self.versions[i + 1].paragraphs.len()];
            for pair in pairs {
                for &o in &pair.old {
                    f[o].extend(pair.new.iter().copied());
                }
                for &n in &pair.new {
                    b[n].extend(pair.old.iter().copied());
                }
            }
            forward.push(f);
            backward.push(b);
        }
        Moves { forward, backward }
    }

    /// Where version `id` is, oldest first.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.history.index(id)
    }

    /// The versions' short names (ids), for lineages.
    pub fn names(&self) -> Vec<&str> {
        self.history.names()
    }
}

/// Where a version stands: how many of its paragraphs have each status, and how much is
/// still in brackets — what observers measure a negotiation's progress by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    pub paragraphs: usize,
    pub agreed: usize,
    pub agreed_ad_ref: usize,
    pub preliminarily_agreed: usize,
    pub suggested_for_closure: usize,
    /// Paragraphs with a span still in brackets, and those spans.
    pub bracketed_paragraphs: usize,
    pub brackets: usize,
}

impl Standing {
    /// Progress as observers count it: `2 of 4 paragraphs agreed (1 ad ref), 1 suggested
    /// for closure, 1 pending; 3 spans in brackets in 2 paragraphs`.
    pub fn describe(&self) -> String {
        let agreed = self.agreed + self.agreed_ad_ref + self.preliminarily_agreed;
        let mut how = Vec::new();
        if self.agreed_ad_ref > 0 {
            how.push(format!("{} ad ref", self.agreed_ad_ref));
        }
        if self.preliminarily_agreed > 0 {
            how.push(format!("{} preliminarily", self.preliminarily_agreed));
        }
        let of = if self.paragraphs == 1 {
            "1 paragraph".to_owned()
        } else {
            format!("{} paragraphs", self.paragraphs)
        };
        let mut tagged = vec![if how.is_empty() {
            format!("{agreed} of {of} agreed")
        } else {
            format!("{agreed} of {of} agreed ({})", how.join(", "))
        }];
        if self.suggested_for_closure > 0 {
            tagged.push(format!(
                "{} suggested for closure",
                self.suggested_for_closure
            ));
        }
        let pending = self
            .paragraphs
            .saturating_sub(agreed + self.suggested_for_closure);
        if pending > 0 {
            tagged.push(format!("{pending} pending"));
        }
        let tagged = tagged.join(", ");
        let brackets = match (self.brackets, self.bracketed_paragraphs) {
            (0, _) => "nothing in brackets".to_owned(),
            (1, _) => "1 span in brackets".to_owned(),
            (n, 1) => format!("{n} spans in brackets in 1 paragraph"),
            (n, p) => format!("{n} spans in brackets in {p} paragraphs"),
        };
        format!("{tagged}; {brackets}")
    }
}

/// Where each paragraph went between consecutive versions, and came from.
pub struct Moves {
    /// `forward[i][p]`: the paragraphs of version `i + 1` that paragraph `p` of `i` became.
    pub forward: Vec<Vec<Vec<usize>>>,
    /// `backward[i][p]`: the paragraphs of version `i` that paragraph `p` of `i + 1` came
    /// from.
    pub backward: Vec<Vec<Vec<usize>>>,
}

impl Moves {
    /// The paragraphs that paragraph `p` of version `v` continues, version by version back
    /// to where its line starts (nearest first), and those that continue it, version by
    /// version on to where its line ends (nearest first).
    #[allow(clippy::type_complexity)]
    pub fn lineage(
        &self,
        v: usize,
        p: usize,
    ) -> (Vec<(usize, Vec<usize>)>, Vec<(usize, Vec<usize>)>) {
        let follow = |steps: &[Vec<usize>], current: &[usize]| {
            let mut next: Vec<usize> = current
                .iter()
                .flat_map(|&x| steps.get(x).into_iter().flatten().copied())
                .collect();
            next.sort_unstable();
            next.dedup();
            next
        };
        let mut before = Vec::new();
        let mut current = vec![p];
        for i in (0..v).rev() {
            current = follow(&self.backward[i], &current);
            if current.is_empty() {
                break;
            }
            before.push((i, current.clone()));
        }
        let mut after = Vec::new();
        let mut current = vec![p];
        for i in v..self.forward.len() {
            current = follow(&self.forward[i], &current);
            if current.is_empty() {
                break;
            }
            after.push((i + 1, current.clone()));
        }
        (before, after)
    }
}

/// A text for tests: `versions` read already, with ids `ids` (labelled `Version 0`, …,
/// dated a day apart) and the pairings by hand `forced`.
#[cfg(test)]
pub(crate) fn made_up(
    id: &str,
    ids: &[&str],
    versions: Vec<Version>,
    forced: Vec<Vec<align::Forced>>,
) -> NegotiatedText {
    use crate::brief::date::Date;
    use crate::brief::text::Text;
    let entries = ids
        .iter()
        .enumerate()
        .map(|(i, v)| super::history::VersionEntry {
            id: Text::new(v),
            label: Text::new(&format!("Version {i}")),
            date: Date::ymd(2025, 1, 1 + i as u8),
            symbol: None,
            file: Text::new("v.txt"),
            source: None,
            side: None,
            compilation: false,
        })
        .collect();
    let history = History {
        id: Text::new(id),
        title: Text::new("A made-up text"),
        publisher: None,
        summary: None,
        versions: entries,
        concordance: Vec::new(),
        authors: Default::default(),
        proposals: Vec::new(),
    };
    let read = Read {
        history,
        versions,
        forced,
    };
    NegotiatedText::new(read, &Options::default()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{read, synth, trace};
    use proptest::prelude::*;

    /// A made-up text of `n` versions (see `synth`), as the library would hold it.
    fn generated(paragraphs: usize, versions: usize, edit_rate: f64, seed: u64) -> NegotiatedText {
        let texts = synth::versions(&synth::Options {
            paragraphs,
            versions,
            edit_rate,
            seed,
        });
        let read_versions: Vec<Version> = texts
            .iter()
            .map(|t| read("v.txt", t.as_bytes()).unwrap())
            .collect();
        // A concordance as a delegation writes one: where the alignment sees a paragraph
        // deleted and another inserted, they are paired by hand.
        let forced = read_versions
            .windows(2)
            .map(|w| {
                let unique = |v: &Version, i: usize| {
                    let l = v.paragraphs[i].label.as_str();
                    (v.find(l) == Some(i)).then(|| l.to_owned())
                };
                let pairs = align::align(&w[0], &w[1], &Options::default(), &[]).unwrap();
                let gone = pairs
                    .iter()
                    .filter(|p| p.new.is_empty())
                    .find_map(|p| unique(&w[0], p.old[0]));
                let came = pairs
                    .iter()
                    .filter(|p| p.old.is_empty())
                    .find_map(|p| unique(&w[1], p.new[0]));
                match (gone, came) {
                    (Some(o), Some(n)) => vec![align::Forced {
                        old: vec![o],
                        new: vec![n],
                    }],
                    _ => Vec::new(),
                }
            })
            .collect();
        let ids: Vec<String> = (0..versions).map(|i| format!("v{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        made_up("generated", &ids, read_versions, forced)
    }

    /// What `changes`/`diff` between `a` and `b` and `trace` from each paragraph of `a`
    /// say must agree: every paragraph is on one side of exactly one pair; a paragraph's
    /// pair holds every paragraph its lineage reaches in `b`; and a paragraph is deleted
    /// between them exactly when its lineage ends before `b`.
    fn agree(text: &NegotiatedText, a: usize, b: usize) -> Result<(), TestCaseError> {
        let entries = text.compare(a, b, &Options::default());
        let (old, new) = (&text.versions[a], &text.versions[b]);
        let mut seen_old = vec![0; old.paragraphs.len()];
        let mut seen_new = vec![0; new.paragraphs.len()];
        for e in &entries {
            for &i in &e.pair.old {
                seen_old[i] += 1;
            }
            for &j in &e.pair.new {
                seen_new[j] += 1;
            }
        }
        prop_assert!(seen_old.iter().all(|&n| n == 1), "{a}→{b}: old sides");
        prop_assert!(seen_new.iter().all(|&n| n == 1), "{a}→{b}: new sides");
        for (p, para) in old.paragraphs.iter().enumerate() {
            // A lineage starts from a label; a label used twice names its first paragraph.
            if old.find(para.label.as_str()) != Some(p) {
                continue;
            }
            let steps =
                trace::lineage(&text.versions, &text.steps, a, para.label.as_str()).unwrap();
            let reached: Vec<usize> = steps
                .iter()
                .find(|s| s.version == b)
                .map(|s| s.paragraphs.clone())
                .unwrap_or_default();
            let pair = &entries
                .iter()
                .find(|e| e.pair.old.contains(&p))
                .unwrap()
                .pair;
            for j in &reached {
                prop_assert!(
                    pair.new.contains(j),
                    "{a}→{b}: ¶{} reaches {j}, its pair is {pair:?}",
                    para.label
                );
            }
            prop_assert_eq!(
                reached.is_empty(),
                pair.new.is_empty(),
                "{}→{}: ¶{} deleted in one and not the other: {:?}",
                a,
                b,
                para.label,
                pair
            );
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        #[test]
        fn changes_trace_and_diff_agree_for_every_pair_of_versions(
            seed in any::<u64>(),
            paragraphs in 8usize..60,
            versions in 2usize..6,
            edit_rate in 0.0f64..0.6,
        ) {
            let text = generated(paragraphs, versions, edit_rate, seed);
            for a in 0..versions {
                for b in a + 1..versions {
                    agree(&text, a, b)?;
                }
            }
        }
    }

    #[test]
    fn a_versions_standing_counts_statuses_and_brackets() {
        let v = read(
            "v.txt",
            b"Preamble\n\n1. One [a] [b]. (Agreed)\n\n2. Two. [Agreed ad ref]\n\n3. Three [c]. [Suggested for closure]\n\n4. Four.\n",
        )
        .unwrap();
        let text = made_up("t", &["v0"], vec![v], Vec::new());
        let st = text.standing(0);
        assert_eq!(
            (
                st.paragraphs,
                st.agreed,
                st.agreed_ad_ref,
                st.suggested_for_closure
            ),
            (4, 1, 1, 1)
        );
        assert_eq!((st.bracketed_paragraphs, st.brackets), (2, 3));
        assert_eq!(
            st.describe(),
            "2 of 4 paragraphs agreed (1 ad ref), 1 suggested for closure, 1 pending; 3 spans in brackets in 2 paragraphs"
        );
        assert_eq!(
            Standing::default().describe(),
            "0 of 0 paragraphs agreed; nothing in brackets"
        );
    }

    #[test]
    fn adjacent_versions_compose_to_their_own_step() {
        let text = generated(80, 4, 0.3, 7);
        for i in 0..3 {
            assert_eq!(text.pairs(i, i + 1, &Options::default()), text.steps[i]);
        }
    }
}
