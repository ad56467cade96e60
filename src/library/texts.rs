//! Negotiated texts in the library: a history file read with the version files it names
//! (only inside its own folder), aligned, and made a brief for the views that read briefs.

use std::path::{Path, PathBuf};

use super::files::read_limited;
use crate::brief::diag::Diagnostic;
use crate::brief::load::{Limits, Rejected};
use crate::brief::model::Brief;
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
        let read = crate::pdf::read_version(&shown, &bytes).map_err(|e| {
            vec![format!(
                "{line}:{column}: version `{}`: {}",
                v.id,
                e.in_file(&shown)
            )]
        })?;
        versions.push(v.without_frame(read));
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
pub(super) fn version_file(dir: &Path, named: &str) -> Result<PathBuf, String> {
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

/// A text's history made a brief: a section per version, an item per paragraph (see
/// `crate::draft::as_brief`).
/// With the brief, the files of its versions.
pub(super) fn load_history(
    name: &str,
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(Brief, Vec<PathBuf>), Rejected> {
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
    let brief = crate::draft::as_brief::brief_of(&text);
    let problems = crate::brief::validate::check_brief(&brief, false);
    if problems.is_empty() {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let versions = text
            .history
            .versions
            .iter()
            .map(|v| dir.join(v.file.as_str()))
            .collect();
        Ok((brief, versions))
    } else {
        Err(reject(
            problems
                .iter()
                .map(|p| {
                    format!(
                        "{}: {}",
                        crate::brief::diag::path_string(&p.path),
                        p.message
                    )
                })
                .collect(),
        ))
    }
}
