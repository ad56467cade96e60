//! Negotiated texts in the library: a history file read with the version files it names
//! (only inside its own folder), aligned, and made a brief for the views that read briefs.

use std::path::{Path, PathBuf};

use super::files::read_limited;
use crate::brief::diag::Diagnostic;
use crate::brief::load::{Limits, Rejected};
use crate::draft::NegotiatedText;

/// A text's history rather than a brief: a top-level `versions:` list.
pub(super) fn is_history(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|t| t.lines().any(|l| l.starts_with("versions:")))
}

/// Read the text's history at `path` and every version it names (relative to it), and
/// align each version with the next. Each problem is a sentence naming what is wrong; the
/// history file's own name is the caller's to add.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<NegotiatedText, Vec<String>> {
    let bytes = read_limited(path, max_bytes).map_err(|e| vec![e])?;
    text_of(path, &bytes, max_bytes)
}

/// [`read_text`] of a history file already read.
pub(super) fn text_of(
    path: &Path,
    bytes: &[u8],
    max_bytes: u64,
) -> Result<NegotiatedText, Vec<String>> {
    let read = history_of(path, bytes, max_bytes)?;
    NegotiatedText::new(read, &crate::draft::Options::default()).map_err(|e| vec![e.to_string()])
}

/// The history file at `path`, already read as `bytes`, with every version it names.
pub(super) fn history_of(
    path: &Path,
    bytes: &[u8],
    max_bytes: u64,
) -> Result<crate::draft::history::Read, Vec<String>> {
    let text = std::str::from_utf8(bytes).map_err(|_| vec!["is not UTF-8 text".to_owned()])?;
    let history = crate::draft::history::History::parse(text)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut versions = Vec::with_capacity(history.versions.len());
    for v in &history.versions {
        let shown = dir.join(v.file.as_str()).display().to_string();
        let (line, column) = where_named(text, v.file.as_str());
        let problem =
            |e: String| vec![format!("{line}:{column}: version `{}`: {shown}: {e}", v.id)];
        let file = version_file(&dir, v.file.as_str()).map_err(problem)?;
        let bytes = read_limited(&file, max_bytes).map_err(problem)?;
        let read = crate::pdf::read_version_as(&shown, &bytes, v.side).map_err(|e| {
            vec![format!(
                "{line}:{column}: version `{}`: {}",
                v.id,
                e.in_file(&shown)
            )]
        })?;
        versions.push(v.prepared(read));
    }
    let forced = history.forced(&versions)?;
    Ok(crate::draft::history::Read {
        history,
        versions,
        forced,
    })
}

/// `line:column: message` taken apart.
pub fn located(message: &str) -> Option<(u64, u64, &str)> {
    let (line, rest) = message.split_once(':')?;
    let (column, rest) = rest.split_once(": ")?;
    Some((line.parse().ok()?, column.parse().ok()?, rest))
}

/// Where the history's text names `file` as a version's file, as `line:column` (1-based),
/// for a problem with that file; the start when it cannot be told.
pub(super) fn where_named(text: &str, file: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start().trim_start_matches("- ");
        if let Some(value) = trimmed.strip_prefix("file:") {
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            if value == file {
                let column = line.len() - line.trim_start().len() + 1;
                return (i + 1, column + (line.trim_start().len() - trimmed.len()));
            }
        }
    }
    (1, 1)
}

/// The file a history's version names, as it is to be read. A history travels by mail
/// with its drafts, so it may name only files inside its own folder (or below it): a
/// relative path without `..`, and no symbolic link along it that leads out. Otherwise a
/// history could pull any file on the machine (`../../.ssh/config`) into what is
/// searched, exported and cached.
pub fn version_file(dir: &Path, named: &str) -> Result<PathBuf, String> {
    use std::path::Component;
    const RULE: &str = "a history names only files inside its own folder";
    let relative = Path::new(named);
    if named.trim().is_empty() {
        return Err(format!("no file named; {RULE}"));
    }
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "outside the history's folder; {RULE}, by a relative path without `..`"
        ));
    }
    let folder = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let folder = folder
        .canonicalize()
        .map_err(|e| format!("cannot read the history's folder: {e}"))?;
    let file = folder
        .join(relative)
        .canonicalize()
        .map_err(|e| format!("cannot read: {e}"))?;
    if !file.starts_with(&folder) {
        return Err(format!(
            "a symbolic link that leads outside the history's folder; {RULE}"
        ));
    }
    Ok(file)
}

/// A negotiated text as the library holds it: aligned, with its history file's text, which
/// the cache keeps to give the text back.
#[derive(Debug)]
pub struct TextFile {
    pub text: NegotiatedText,
    history: String,
}

/// How the cache keeps a text: its history's YAML, its versions with their paragraphs'
/// words taken out into one buffer beside it (`spans`: where each paragraph's are), and the
/// alignment of each version with the next. A paragraph whose words are those of the one it
/// continues points at the same words: most of a text is kept from one version to the next.
#[derive(bitcode::Encode, bitcode::Decode)]
struct Stored {
    history: String,
    versions: Vec<crate::draft::Version>,
    steps: Vec<Vec<crate::draft::Pair>>,
    spans: Vec<Vec<(u32, u32)>>,
}

/// Where each entry of a text's brief has its words, for a search's hits: read with the
/// words' buffer alone, without decoding the text (see [`TextFile::hits`]). The entries'
/// ids are in a buffer beside it.
#[derive(bitcode::Encode, bitcode::Decode)]
struct HitIndex {
    brief: String,
    /// Each section's id and number of entries.
    sections: Vec<(String, u32)>,
    groups: Vec<String>,
    /// Each entry: its id's span in the ids' buffer, its words' span in the words' buffer,
    /// and its group (1-based; 0 for none).
    entries: Vec<[u32; 5]>,
}

impl TextFile {
    /// The bytes the cache keeps of it: the text, and the index of its hits.
    pub(super) fn encode(&self) -> Option<(Vec<u8>, Vec<u8>)> {
        let text = &self.text;
        let mut words: Vec<u8> = Vec::new();
        let mut spans: Vec<Vec<(u32, u32)>> = Vec::with_capacity(text.versions.len());
        let mut versions = text.versions.clone();
        for (v, version) in versions.iter_mut().enumerate() {
            let mut here: Vec<Option<(u32, u32)>> = vec![None; version.paragraphs.len()];
            if v > 0 {
                for pair in &text.steps[v - 1] {
                    if let ([o], [n]) = (pair.old.as_slice(), pair.new.as_slice())
                        && text.versions[v - 1].paragraphs[*o].text == version.paragraphs[*n].text
                    {
                        here[*n] = Some(spans[v - 1][*o]);
                    }
                }
            }
            let mut mine = Vec::with_capacity(here.len());
            for (para, span) in version.paragraphs.iter_mut().zip(here) {
                let span = match span {
                    Some(span) => span,
                    None => {
                        let start = u32::try_from(words.len()).ok()?;
                        words.extend_from_slice(para.text.as_bytes());
                        (start, u32::try_from(para.text.len()).ok()?)
                    }
                };
                para.text = String::new();
                mine.push(span);
            }
            spans.push(mine);
        }
        let mut index = HitIndex {
            brief: text.history.id.to_string(),
            sections: Vec::new(),
            groups: Vec::new(),
            entries: Vec::new(),
        };
        let mut ids: Vec<u8> = Vec::new();
        let mut failed = false;
        crate::draft::as_brief::each_entry(text, true, |e| match e {
            crate::draft::as_brief::EntryOf::Section(id) => index.sections.push((id.to_owned(), 0)),
            crate::draft::as_brief::EntryOf::Entry { id, v, p, group } => {
                let group = match group {
                    None => 0,
                    Some(g) => match index.groups.iter().rposition(|x| x == g) {
                        Some(i) => i + 1,
                        None => {
                            index.groups.push(g.to_owned());
                            index.groups.len()
                        }
                    },
                };
                let (start, len) = spans[v][p];
                let entry = [ids.len(), id.len(), start as usize, len as usize, group]
                    .map(|n| u32::try_from(n).unwrap_or(u32::MAX));
                failed |= entry.contains(&u32::MAX);
                ids.extend_from_slice(id.as_bytes());
                index.entries.push(entry);
                if let Some(s) = index.sections.last_mut() {
                    s.1 += 1;
                }
            }
        });
        if failed {
            return None;
        }
        let stored = Stored {
            history: self.history.clone(),
            versions,
            steps: text.steps.clone(),
            spans,
        };
        Some((
            crate::search::text::with_raw(&words, bitcode::encode(&stored)),
            crate::search::text::with_raw(&ids, bitcode::encode(&index)),
        ))
    }

    /// What [`TextFile::encode`] made of the text, if the bytes are that and agree with
    /// themselves: every place the alignment names is in its version, every span in the
    /// words.
    pub(super) fn decode(bytes: Vec<u8>) -> Option<TextFile> {
        let (stored, words): (Stored, Vec<u8>) = crate::search::text::from_raw(bytes)?;
        let Stored {
            history: yaml,
            mut versions,
            steps,
            spans,
        } = stored;
        let history = crate::draft::history::History::parse(&yaml).ok()?;
        let n = versions.len();
        if history.versions.len() != n || steps.len() != n.saturating_sub(1) || spans.len() != n {
            return None;
        }
        for (i, pairs) in steps.iter().enumerate() {
            let (old, new) = (
                versions[i].paragraphs.len(),
                versions[i + 1].paragraphs.len(),
            );
            if !pairs
                .iter()
                .all(|p| p.old.iter().all(|&o| o < old) && p.new.iter().all(|&j| j < new))
            {
                return None;
            }
        }
        for (version, spans) in versions.iter_mut().zip(&spans) {
            if spans.len() != version.paragraphs.len() {
                return None;
            }
            for (para, &(start, len)) in version.paragraphs.iter_mut().zip(spans) {
                let (start, len) = (start as usize, len as usize);
                let bytes = words.get(start..start.checked_add(len)?)?;
                para.text = std::str::from_utf8(bytes).ok()?.to_owned();
            }
        }
        Some(TextFile {
            text: NegotiatedText {
                history,
                versions,
                steps,
            },
            history: yaml,
        })
    }

    /// The hit text of a text kept as `text` with hit index `index` (see
    /// [`TextFile::encode`]), for searchable text `searched`, with the fields of the
    /// entries `wanted` (by number, in order; all when `None`): neither the text nor its
    /// brief is made.
    pub(super) fn hits(
        text: Vec<u8>,
        index: Vec<u8>,
        searched: &crate::search::text::SearchText,
        wanted: Option<&[usize]>,
    ) -> Option<crate::search::text::HitText> {
        let words = crate::search::text::raw_of(&text)?;
        let (index, ids): (HitIndex, Vec<u8>) = crate::search::text::from_raw(index)?;
        let mut out = crate::search::text::Builder::hits(&index.brief);
        out.only(wanted);
        let mut next = 0;
        let mut entries = index.entries.iter().enumerate();
        for (id, count) in &index.sections {
            out.section(id);
            for _ in 0..*count {
                let (n, &[id_at, id_len, at, len, group]) = entries.next()?;
                if wanted.is_some_and(|w| w.get(next) != Some(&n)) {
                    out.entry("", |_| {});
                    continue;
                }
                next += 1;
                let slice = |buf: &'_ [u8], at: u32, len: u32| -> Option<String> {
                    let (at, len) = (at as usize, len as usize);
                    let bytes = buf.get(at..at.checked_add(len)?)?;
                    std::str::from_utf8(bytes).ok().map(str::to_owned)
                };
                let (id, words) = (slice(&ids, id_at, id_len)?, slice(words, at, len)?);
                let group = match group {
                    0 => None,
                    g => Some(index.groups.get(g as usize - 1)?),
                };
                out.entry(&id, |push| {
                    push(&words);
                    if let Some(g) = group {
                        push(g);
                    }
                });
            }
        }
        if entries.next().is_some() {
            return None;
        }
        out.finish().1.filter(|h| h.is_consistent(searched))
    }
}

/// The lines `brief search` prints for `query` of `text`'s brief (see
/// `cli::cmd::search`), made from the text alone: a text has no positions, so no name
/// another brief declares matches in it. `None` when a hit cannot be made.
pub(super) fn search(
    text: &NegotiatedText,
    entries: &crate::draft::as_brief::Entries,
    query: &crate::search::Query,
) -> Option<String> {
    let names = crate::search::text::NameTable::default();
    let matcher = crate::search::text::Matcher::new(query, &names);
    let searched = crate::draft::as_brief::searchable_of(text, entries);
    let found = searched.matching(&matcher);
    let mut lines = String::new();
    if found.is_empty() {
        return Some(lines);
    }
    let hits = Some(crate::draft::as_brief::hit_text_of(
        text,
        entries,
        Some(&found),
    ))
    .filter(|h| h.is_consistent(&searched))?;
    for n in found {
        let (selector, snippet) = hits.hit(&searched, &names, &matcher, n)?;
        lines.push_str(&selector);
        lines.push('\t');
        lines.push_str(&snippet);
        lines.push('\n');
    }
    Some(lines)
}

/// A text's history read with its versions and aligned (see [`read_text`]), with the files
/// of its versions. Its brief is made only when something reads it (see
/// `draft::as_brief::shell`).
pub(super) fn load_history(
    name: &str,
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(TextFile, Vec<PathBuf>), Rejected> {
    let reject = |messages: Vec<String>| Rejected {
        diagnostics: messages
            .into_iter()
            .map(|message| {
                // A problem the history's reader could place starts `line:column: `.
                let (line, column, message) = located(&message)
                    .map_or((1, 1, message.clone()), |(l, c, m)| (l, c, m.to_owned()));
                Diagnostic {
                    file: name.to_owned(),
                    line,
                    column,
                    path: String::new(),
                    message,
                }
            })
            .collect(),
        partial: None,
        masked: Vec::new(),
    };
    let text = text_of(path, bytes, limits.max_file_bytes).map_err(reject)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let versions = text
        .history
        .versions
        .iter()
        .map(|v| dir.join(v.file.as_str()))
        .collect();
    let history = String::from_utf8_lossy(bytes).into_owned();
    Ok((TextFile { text, history }, versions))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lakeland fixture's history, and its text as the library reads it.
    fn lakeland() -> TextFile {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts/lakeland.yaml");
        let bytes = std::fs::read(&path).unwrap();
        load_history("lakeland.yaml", &path, &bytes, &Limits::default())
            .unwrap()
            .0
    }

    #[test]
    fn the_cache_gives_a_text_back_whole_and_its_hits_without_decoding_it() {
        let file = lakeland();
        let (kept, index) = file.encode().unwrap();
        let back = TextFile::decode(kept.clone()).unwrap();
        assert_eq!(back.text.versions, file.text.versions);
        assert_eq!(back.text.steps, file.text.steps);
        assert_eq!(back.text.history.id, file.text.history.id);
        // Its hits are those made from the text, for every entry or for the few wanted.
        let searched = crate::draft::as_brief::searchable(&file.text);
        let all = crate::draft::as_brief::hit_text(&file.text, None);
        assert_eq!(
            TextFile::hits(kept.clone(), index.clone(), &searched, None),
            Some(all)
        );
        let wanted = [1, 4, searched.len() - 1];
        let some = crate::draft::as_brief::hit_text(&file.text, Some(&wanted));
        assert_eq!(
            TextFile::hits(kept.clone(), index.clone(), &searched, Some(&wanted)),
            Some(some)
        );
        // Anything else is not a text: never a panic.
        for cut in [0, 8, kept.len() / 2, kept.len() - 1] {
            assert!(
                TextFile::decode(kept[..cut].to_vec()).is_none(),
                "cut at {cut}"
            );
            assert!(TextFile::hits(kept[..cut].to_vec(), index.clone(), &searched, None).is_none());
        }
        let mut flipped = kept.clone();
        let at = flipped.len() - 20;
        flipped[at] ^= 0xff;
        let _ = TextFile::decode(flipped);
    }
}
