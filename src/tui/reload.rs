//! Briefs changed on disk while the reader is open are loaded again: the thread that
//! loaded them looks at their files about once a second (see `library::Sources`), runs the
//! same load when one changed — off the UI thread, mostly from the cache — and hands the
//! loop the new briefs, or, when a file that loaded no longer does, the error: the reader
//! keeps the last good copy on screen until the file is fixed.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use super::{Load, LoadFn, Message};
use crate::brief::diag::Diagnostic;

/// How often the files are looked at: soon enough to feel at once after a save.
const POLL: Duration = Duration::from_secs(1);

/// The files with problems in a load.
fn with_errors(errors: &[Diagnostic]) -> BTreeSet<String> {
    errors.iter().map(|d| d.file.clone()).collect()
}

/// Whether a load with `errors` may replace what is shown, whose files were `read` and of
/// those, with problems, `shown`: not when a file that loaded has a problem now (its first
/// problem is why). A file that never loaded may stay broken, one added to a folder may
/// come broken (its problem is told as any load's is), and one fixed is welcome.
pub(super) fn refused<'a>(
    shown: &BTreeSet<String>,
    read: &BTreeSet<String>,
    errors: &'a [Diagnostic],
) -> Option<&'a Diagnostic> {
    errors
        .iter()
        .find(|d| read.contains(&d.file) && !shown.contains(&d.file))
}

/// `file:line:column: message` with the file by its name alone, as the status line has
/// room for.
fn said(d: &Diagnostic) -> String {
    let mut d = d.clone();
    if let Some(name) = Path::new(&d.file).file_name() {
        d.file = name.to_string_lossy().into_owned();
    }
    d.to_string()
}

/// Look at the files of `first` until the loop has gone, loading again with `load` when
/// one changed.
pub(super) fn watch(load: &LoadFn, first: &Load, tx: &mpsc::Sender<Message>) {
    let Some(sources) = first.sources.clone() else {
        return;
    };
    if sources.is_empty() {
        return;
    }
    // The texts' version files, read from their histories here, once the briefs are on
    // screen, rather than before: a version changed while the first load ran is seen at
    // its next change.
    let max_bytes = first.histories.max_bytes;
    let mut sources = sources.with_versions(&first.histories.histories, max_bytes);
    let mut shown = with_errors(&first.errors);
    loop {
        std::thread::sleep(POLL);
        let changed = sources.changed();
        if changed.is_empty() {
            continue;
        }
        let read: BTreeSet<String> = sources.briefs().map(|p| p.display().to_string()).collect();
        let again = load(&|_| {});
        // What was seen before this load is what the next look compares with, whether
        // or not the load is taken: a broken file is loaded again when it changes again.
        if let Some(s) = again.sources.clone() {
            sources = s.with_versions(&again.histories.histories, max_bytes);
        }
        let message = match refused(&shown, &read, &again.errors) {
            Some(d) => Message::ReloadFailed(format!("{}; showing the last good copy", said(d))),
            None => {
                // A file added broken is left out, as at the start: said, not hidden.
                let left_out = (again.errors.iter())
                    .find(|d| !shown.contains(&d.file))
                    .map(|d| format!("; {} (left out)", said(d)))
                    .unwrap_or_default();
                shown = with_errors(&again.errors);
                let names = match changed.as_slice() {
                    [one] => one.clone(),
                    [one, two] => format!("{one} and {two}"),
                    more => format!("{} files", more.len()),
                };
                let said = format!("reloaded {names}{left_out}");
                let said = crate::brief::text::neutralise(&said).into_owned();
                Message::Reloaded(Box::new(again), said)
            }
        };
        if tx.send(message).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(file: &str, line: u64) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line,
            column: 3,
            path: String::new(),
            message: "expected a mapping".into(),
        }
    }

    #[test]
    fn a_load_is_refused_only_for_a_file_that_loaded_before() {
        let shown = with_errors(&[problem("/b/never.yaml", 1)]);
        let read: BTreeSet<String> = ["/b/never.yaml", "/b/alpha.yaml"].map(String::from).into();
        assert_eq!(refused(&shown, &read, &[]), None, "a clean load is taken");
        let still = [problem("/b/never.yaml", 2)];
        assert_eq!(
            refused(&shown, &read, &still),
            None,
            "a file that never loaded may stay broken"
        );
        let added = [problem("/b/new.yaml", 2)];
        assert_eq!(
            refused(&shown, &read, &added),
            None,
            "a file added to the folder may come broken"
        );
        let broken = [problem("/b/never.yaml", 2), problem("/b/alpha.yaml", 7)];
        assert_eq!(refused(&shown, &read, &broken), Some(&broken[1]));
        assert_eq!(said(&broken[1]), "alpha.yaml:7:3: expected a mapping");
    }
}
