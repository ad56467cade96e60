//! Long synthetic texts for measuring the diff at scale: a negotiated outcome of many
//! paragraphs through many versions, each made from the last by what negotiators do —
//! words changed, paragraphs inserted (numbered `bis`, `ter` until the next renumbering),
//! deleted, swapped, split and merged, brackets added and settled, status tags — and then
//! renumbered. Made-up words, so no real text; the same options give the same bytes.
//!
//! Used by the `diff` benchmark and `examples/gen-drafts.rs`. Nothing here touches the disk.

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Paragraphs of the first version (headings and preamble included).
    pub paragraphs: usize,
    pub versions: usize,
    /// Share of paragraphs whose words change from one version to the next.
    pub edit_rate: f64,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            paragraphs: 1000,
            versions: 10,
            edit_rate: 0.1,
            seed: 14,
        }
    }
}

/// SplitMix64, written out so the texts stay the same bytes across dependency upgrades.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "da", "no", "shi", "ra", "te", "lu",
    "ma", "ko", "ni", "sa", "be", "to", "re", "gi", "fa",
];

const COMMON: [&str; 12] = [
    "the", "of", "and", "to", "in", "all", "for", "with", "its", "that", "on", "as",
];

const OPENINGS: [&str; 8] = [
    "Decides",
    "Invites",
    "Encourages",
    "Requests",
    "Calls upon",
    "Stresses",
    "Notes",
    "Welcomes",
];

const PREAMBLE: [&str; 4] = ["Recalling", "Recognizing", "Noting", "Reaffirming"];

fn word(rng: &mut Rng) -> String {
    if rng.chance(0.35) {
        return COMMON[rng.below(COMMON.len())].to_owned();
    }
    let n = 2 + rng.below(3);
    (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

#[derive(Debug, Clone)]
enum Para {
    Heading(String),
    Preamble(Vec<String>),
    /// Words, a suffix rank since the last renumbering (0: none, 1: bis…), a status tag.
    Operative(Vec<String>, usize, Option<&'static str>),
}

fn sentence(rng: &mut Rng, opening: &str, len: usize) -> Vec<String> {
    let mut w: Vec<String> = opening.split(' ').map(str::to_owned).collect();
    w.extend((0..len).map(|_| word(rng)));
    w
}

fn first(rng: &mut Rng, paragraphs: usize) -> Vec<Para> {
    let mut out = vec![Para::Heading("Preamble".into())];
    let preamble = (paragraphs / 30).max(1);
    for _ in 0..preamble {
        let o = PREAMBLE[rng.below(PREAMBLE.len())];
        let len = 15 + rng.below(30);
        out.push(Para::Preamble(sentence(rng, o, len)));
    }
    let mut section = 0;
    while out.len() < paragraphs {
        if (out.len() - preamble) % 40 == 1 {
            section += 1;
            let title = format!(
                "{}. {}",
                super::model::roman(section as i64),
                capital(&word(rng))
            );
            out.push(Para::Heading(title));
            continue;
        }
        let o = OPENINGS[rng.below(OPENINGS.len())];
        let len = 20 + rng.below(50);
        out.push(Para::Operative(sentence(rng, o, len), 0, None));
    }
    out
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The next version: edits, insertions, deletions, swaps, splits, merges, tags.
fn step(rng: &mut Rng, prev: &[Para], edit_rate: f64, renumber: bool) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::with_capacity(prev.len() + 8);
    let mut k = 0;
    while k < prev.len() {
        let p = prev[k].clone();
        k += 1;
        let Para::Operative(mut w, mut suffix, mut status) = p else {
            out.push(p);
            continue;
        };
        if renumber {
            suffix = 0;
        }
        let roll = rng.below(1000);
        if roll < 8 {
            continue; // deleted
        }
        if roll < 16 && w.len() > 30 {
            // split in two
            let cut = w.len() / 2;
            let rest = w.split_off(cut);
            out.push(Para::Operative(w, suffix, status));
            let mut second = vec![capital(&rest[0])];
            second.extend_from_slice(&rest[1..]);
            out.push(Para::Operative(second, suffix + 1, None));
            continue;
        }
        if roll < 24
            && let Some(Para::Operative(next, _, _)) = prev.get(k)
        {
            // merged with the next
            w.extend(next.iter().cloned());
            k += 1;
            out.push(Para::Operative(w, suffix, status));
            continue;
        }
        if roll < 32
            && let Some(Para::Operative(next, s2, st2)) = prev.get(k)
        {
            // swapped with the next
            out.push(Para::Operative(next.clone(), *s2, *st2));
            k += 1;
        }
        if rng.chance(edit_rate) {
            for _ in 0..1 + rng.below(4) {
                let at = 1 + rng.below(w.len() - 1);
                match rng.below(4) {
                    0 => {
                        w.insert(at, word(rng));
                    }
                    1 if w.len() > 8 => {
                        w.remove(at);
                    }
                    2 => w[at] = format!("[{}]", w[at]),
                    _ => w[at] = word(rng),
                }
            }
        }
        // Brackets settle: "[word]" loses its brackets.
        if rng.chance(0.05) {
            for x in &mut w {
                if x.starts_with('[') {
                    *x = x.trim_matches(['[', ']']).to_owned();
                }
            }
        }
        if rng.chance(0.03) {
            status = Some(["[Agreed ad ref]", "(Agreed)", "[Preliminarily agreed]"][rng.below(3)]);
        }
        out.push(Para::Operative(w, suffix, status));
        if rng.below(1000) < 8 {
            let o = OPENINGS[rng.below(OPENINGS.len())];
            let len = 20 + rng.below(30);
            out.push(Para::Operative(sentence(rng, o, len), suffix + 1, None));
        }
    }
    out
}

const SUFFIX: [&str; 6] = ["", "bis", "ter", "quater", "quinquies", "sexies"];

/// One version as plain text, as a PDF copy would give it: numbered paragraphs separated
/// by blank lines, lines wrapped at about 90 columns.
fn render(paras: &[Para]) -> String {
    let mut out = String::new();
    let mut number = 0;
    for p in paras {
        let text = match p {
            Para::Heading(h) => h.clone(),
            Para::Preamble(w) => format!("{},", w.join(" ")),
            Para::Operative(w, suffix, status) => {
                if *suffix == 0 {
                    number += 1;
                }
                let label = format!("{number}{}", SUFFIX[(*suffix).min(SUFFIX.len() - 1)]);
                let mut t = format!("{label}. {}.", w.join(" "));
                if let Some(s) = status {
                    t.push(' ');
                    t.push_str(s);
                }
                t
            }
        };
        out.push_str(&textwrap::fill(&text, 90));
        out.push_str("\n\n");
    }
    out
}

/// Every version's text, first to last.
pub fn versions(opts: &Options) -> Vec<String> {
    let mut rng = Rng(opts.seed);
    let mut paras = first(&mut rng, opts.paragraphs);
    let mut out = vec![render(&paras)];
    for v in 1..opts.versions {
        // Every third version renumbers; the others insert with `bis` numbers.
        paras = step(&mut rng, &paras, opts.edit_rate, v % 3 == 0);
        out.push(render(&paras));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{Options as Align, PairKind, compare, read};

    #[test]
    fn the_same_options_give_the_same_texts() {
        let o = Options {
            paragraphs: 120,
            versions: 3,
            ..Options::default()
        };
        assert_eq!(versions(&o), versions(&o));
    }

    #[test]
    fn versions_differ_in_every_way_the_diff_knows() {
        let o = Options {
            paragraphs: 400,
            versions: 4,
            ..Options::default()
        };
        let texts = versions(&o);
        let vs: Vec<_> = texts
            .iter()
            .map(|t| read("v.txt", t.as_bytes()).unwrap())
            .collect();
        assert!(vs[0].paragraphs.len() >= 400);
        let mut seen = std::collections::HashSet::new();
        for w in vs.windows(2) {
            for e in compare(&w[0], &w[1], &Align::default(), &[]).unwrap() {
                seen.insert(e.kind());
            }
        }
        for k in [
            PairKind::Unchanged,
            PairKind::Changed,
            PairKind::Moved,
            PairKind::Merged,
            PairKind::Split,
            PairKind::Inserted,
            PairKind::Deleted,
        ] {
            assert!(seen.contains(&k), "{k:?} never happens: {seen:?}");
        }
        assert!(texts[1].contains("bis. "));
    }
}
