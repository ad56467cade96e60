//! A text's history: its versions in order (label, date, document symbol, the file of
//! each) and, where the automatic alignment guesses wrong, a concordance that overrides
//! it between two consecutive versions — the small YAML file a delegation keeps beside
//! the drafts it receives. Read through the one YAML loader (`brief::yaml`); the files it
//! names are read by the caller, which knows the file system.

use serde::Deserialize;

use super::align::Forced;
use super::model::{Kind, Paragraph, Version};
use crate::brief::date::Date;
use crate::brief::text::Text;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// The text's id: lowercase letters, digits and hyphens.
    pub id: Text,
    pub title: Text,
    /// Actor id of who drafts the text (declared in a brief); default `drafters`.
    #[serde(default)]
    pub publisher: Option<Text>,
    /// One to three sentences on the text, for the list of briefs.
    #[serde(default)]
    pub summary: Option<Text>,
    /// Oldest first.
    pub versions: Vec<VersionEntry>,
    #[serde(default)]
    pub concordance: Vec<Concordance>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionEntry {
    /// Short id used on the command line: `zero`, `rev1`, `final`.
    pub id: Text,
    /// How the version is called: "Zero Draft", "Revision 1".
    pub label: Text,
    pub date: Date,
    /// The document symbol, where it has one (`A/80/L.41`).
    #[serde(default)]
    pub symbol: Option<Text>,
    /// The file holding the version's text, relative to the history file.
    pub file: Text,
    /// The source (a brief's source id) it comes from, for citing.
    #[serde(default)]
    pub source: Option<Text>,
}

impl VersionEntry {
    /// Whether `p` only names this version: an unnumbered heading whose text is the
    /// version's label ("Revision 1") or its symbol, as drafts head their first page.
    fn is_named_by(&self, p: &Paragraph) -> bool {
        let plain = |s: &str| {
            s.trim_end_matches(['.', ':'])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let text = plain(&p.text);
        p.kind == Kind::Heading
            && p.label.as_str() == p.text
            && (text == plain(&self.label)
                || self.symbol.as_ref().is_some_and(|s| text == plain(s)))
    }

    /// `version` without the headings at its top, before any paragraph of text, that
    /// only name it. They are the draft's frame, not its text: each version names
    /// itself differently, so every comparison would show them as one heading deleted
    /// and another inserted. A heading of that name further down is text, and kept.
    pub fn without_frame(&self, mut version: Version) -> Version {
        let top = version
            .paragraphs
            .iter()
            .position(|p| p.kind != Kind::Heading)
            .unwrap_or(version.paragraphs.len());
        let mut k = 0;
        version.paragraphs.retain(|p| {
            k += 1;
            k > top || !self.is_named_by(p)
        });
        version
    }
}

/// Pairings by hand between version `from` and the next, `to`: each `OLD=NEW`, labels
/// comma-separated on each side (`12=14`, `4,5=4`, `7=` deleted, `=7` inserted).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concordance {
    pub from: Text,
    pub to: Text,
    pub pairs: Vec<Text>,
}

/// `4,5=4` as a pairing.
pub fn parse_pair(s: &str) -> Result<Forced, String> {
    let (old, new) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not OLD=NEW (labels, comma-separated)"))?;
    let side = |x: &str| -> Vec<String> {
        x.split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (old, new) = (side(old), side(new));
    if old.is_empty() && new.is_empty() {
        return Err(format!("`{s}` names no paragraph"));
    }
    Ok(Forced { old, new })
}

/// A history with its versions read, and the concordance's pairings checked against
/// them: what every command on a text, and the library's view of it, starts from.
#[derive(Debug, Clone)]
pub struct Read {
    pub history: History,
    pub versions: Vec<Version>,
    /// `[i]`: pairings by hand between version `i` and `i + 1`.
    pub forced: Vec<Vec<Forced>>,
}

impl History {
    /// Parse and check a history file's text: versions with unique ids and in date order,
    /// concordances between consecutive versions. Problems are plain sentences.
    pub fn parse(text: &str) -> Result<History, Vec<String>> {
        let history: History = crate::brief::yaml::decode(text, Default::default())
            .map_err(|f| vec![format!("{}:{}: {}", f.line, f.column, f.message)])?;
        let mut problems = Vec::new();
        if let Some(p) = crate::brief::validate::id_problem(&history.id) {
            problems.push(format!("id: {p}"));
        }
        if history.versions.is_empty() {
            problems.push("versions: a text's history needs at least one version".to_owned());
        }
        for (i, v) in history.versions.iter().enumerate() {
            if let Some(p) = crate::brief::validate::id_problem(&v.id) {
                problems.push(format!("versions[{i}].id: {p}"));
            }
            if history.versions[..i].iter().any(|w| w.id == v.id) {
                problems.push(format!("versions[{i}].id: `{}` is used twice", v.id));
            }
        }
        // Versions are listed oldest first: a date going back is a list out of order.
        let dated: Vec<(usize, Date)> = history
            .versions
            .iter()
            .enumerate()
            .map(|(i, v)| (i, v.date))
            .collect();
        for w in dated.windows(2) {
            let ((_, a), (j, b)) = (w[0], w[1]);
            if b.last_day_number() < a.first_day_number() {
                problems.push(format!(
                    "versions[{j}].date: {b} comes before the version listed before it ({a}): list the versions oldest first"
                ));
            }
        }
        for (i, c) in history.concordance.iter().enumerate() {
            let from = history.index(&c.from);
            let to = history.index(&c.to);
            match (from, to) {
                (None, _) => problems.push(format!(
                    "concordance[{i}].from: no version `{}`",
                    c.from
                )),
                (_, None) => {
                    problems.push(format!("concordance[{i}].to: no version `{}`", c.to))
                }
                (Some(f), Some(t)) if t != f + 1 => problems.push(format!(
                    "concordance[{i}]: `{}` does not follow `{}`; a concordance pairs a version with the next",
                    c.to, c.from
                )),
                _ => {}
            }
            for (k, p) in c.pairs.iter().enumerate() {
                if let Err(e) = parse_pair(p) {
                    problems.push(format!("concordance[{i}].pairs[{k}]: {e}"));
                }
            }
        }
        if problems.is_empty() {
            Ok(history)
        } else {
            Err(problems)
        }
    }

    /// Where version `id` is in the list.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.versions.iter().position(|v| v.id == id)
    }

    /// The pairings by hand between each version and the next (`[i]` for `i` → `i+1`),
    /// checked against the versions' paragraphs: a label that is not there is an error.
    pub fn forced(&self, versions: &[Version]) -> Result<Vec<Vec<Forced>>, Vec<String>> {
        let mut out = vec![Vec::new(); self.versions.len().saturating_sub(1)];
        let mut problems = Vec::new();
        for (i, c) in self.concordance.iter().enumerate() {
            let (Some(f), Some(t)) = (self.index(&c.from), self.index(&c.to)) else {
                continue;
            };
            for (k, p) in c.pairs.iter().enumerate() {
                let Ok(pair) = parse_pair(p) else { continue };
                for (side, v, labels) in [(&c.from, f, &pair.old), (&c.to, t, &pair.new)] {
                    for l in labels {
                        if versions.get(v).is_some_and(|v| v.find(l).is_none()) {
                            problems.push(format!(
                                "concordance[{i}].pairs[{k}]: `{side}` has no paragraph {l}"
                            ));
                        }
                    }
                }
                if let Some(slot) = out.get_mut(f) {
                    slot.push(pair);
                }
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    /// Short names of the versions, for lineages: their ids.
    pub fn names(&self) -> Vec<&str> {
        self.versions.iter().map(|v| v.id.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "id: t\ntitle: T\nversions:\n  - {id: zero, label: Zero, date: 2025-08-29, file: a.txt}\n  - {id: rev1, label: Rev1, date: 2025-11-07, file: b.txt}\nconcordance:\n  - {from: zero, to: rev1, pairs: [\"4,5=4\"]}\n";

    #[test]
    fn the_lines_that_name_a_version_are_not_its_text() {
        use crate::draft::model::Block;
        let version = |texts: &[&str]| {
            Version::from_blocks(
                texts
                    .iter()
                    .map(|t| Block {
                        text: (*t).into(),
                        ..Block::default()
                    })
                    .collect(),
            )
        };
        let h =
            History::parse(&OK.replace("label: Rev1,", "label: Revision 1, symbol: L.2,")).unwrap();
        let read = version(&[
            "Draft outcome",
            "REVISION  1",
            "L.2",
            "Preamble",
            "Recalling the charter,",
            "Revision 1",
        ]);
        let framed = h.versions[1].without_frame(read.clone());
        let kept: Vec<&str> = framed.paragraphs.iter().map(|p| p.text.as_str()).collect();
        // The title and headings of the text stay, and so does the name below the top.
        assert_eq!(
            kept,
            [
                "Draft outcome",
                "Preamble",
                "Recalling the charter,",
                "Revision 1"
            ]
        );
        // Another version's name is not this one's.
        assert_eq!(h.versions[0].without_frame(read.clone()), read);
    }

    #[test]
    fn a_history_parses_and_its_problems_are_each_said() {
        let h = History::parse(OK).unwrap();
        assert_eq!(h.names(), ["zero", "rev1"]);
        let out_of_order = OK.replace("2025-11-07", "2025-08-01");
        let e = History::parse(&out_of_order).unwrap_err();
        assert!(
            e[0].contains("comes before the version listed before it"),
            "{e:?}"
        );
        let backwards = OK.replace("{from: zero, to: rev1", "{from: rev1, to: zero");
        let e = History::parse(&backwards).unwrap_err();
        assert!(e[0].contains("does not follow"), "{e:?}");
        let bad = OK.replace("\"4,5=4\"", "\"45\"");
        let e = History::parse(&bad).unwrap_err();
        assert!(e[0].contains("is not OLD=NEW"), "{e:?}");
    }
}
