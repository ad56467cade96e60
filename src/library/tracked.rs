//! The tracked changes of a text's Word versions, read again from their files for the
//! proposals they hold: the library keeps a version's text, not the changes that made it.

use std::path::Path;

use super::files::read_limited;
use super::texts::version_file;
use crate::draft::NegotiatedText;
use crate::draft::read::docx::{TrackedChange, docx_tracked, is_docx};

/// For each version of `text` (read from the history at `path`) that is a Word file, its
/// tracked changes; problems (a file now unreadable) are sentences naming the version.
pub fn tracked_changes(
    path: &Path,
    text: &NegotiatedText,
    max_bytes: u64,
) -> (Vec<(usize, Vec<TrackedChange>)>, Vec<String>) {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, v) in text.history.versions.iter().enumerate() {
        if !is_docx(v.file.as_str(), &[]) {
            continue;
        }
        let read = version_file(&dir, v.file.as_str())
            .and_then(|file| read_limited(&file, max_bytes))
            .and_then(|bytes| docx_tracked(&bytes).map_err(|e| e.to_string()));
        match read {
            Ok(tracked) => out.push((i, tracked.changes)),
            Err(e) => problems.push(format!("version `{}`: {}: {e}", v.id, v.file)),
        }
    }
    (out, problems)
}
