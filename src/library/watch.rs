//! The files a load read, as they were, so that a reader kept open can tell when one has
//! changed and load again: each brief file, each text's history file and the version
//! files it names. Polled by comparing what `stat` says (size, modification time, inode)
//! — a few hundred system calls a second at most, no watcher to set up or to fail.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::Request;
use super::files::read_limited;
use super::folders::{Origin, origins_of};
use super::texts::version_file;

/// A file as `stat` saw it; `None` when it could not be seen (gone, unreadable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    size: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

fn seen(path: &Path) -> Option<Seen> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Seen {
        size: meta.len(),
        modified: meta.modified().ok(),
        inode,
    })
}

/// The files of a load with what they were when it read them, and the folders it found
/// them in. Built-in briefs are not among them: they never change.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<(PathBuf, Option<Seen>)>,
    /// The load's request, to find its brief files again when a folder changed.
    request: Request,
    /// Each folder the request names or a brief file is in, as seen: a file added to or
    /// taken from a folder changes the folder.
    folders: Vec<(PathBuf, Option<Seen>)>,
    /// The brief files the request found, by path, sorted.
    found: Vec<PathBuf>,
}

impl Sources {
    /// The brief files `request` names, seen now: taken before the load reads them, so a
    /// change while it reads is a change the next look sees.
    pub fn before(request: &Request) -> Sources {
        let found = brief_files(request);
        let mut folders: Vec<PathBuf> = (request.paths.iter())
            .filter(|p| p.is_dir())
            .cloned()
            .chain(
                found
                    .iter()
                    .filter_map(|p| p.parent().map(Path::to_path_buf)),
            )
            .collect();
        folders.sort();
        folders.dedup();
        Sources {
            files: found.iter().map(|p| (p.clone(), seen(p))).collect(),
            folders: folders.into_iter().map(|d| (d.clone(), seen(&d))).collect(),
            request: request.clone(),
            found,
        }
    }

    /// With the version files each history of `histories` names (read from the history,
    /// only inside its folder, as the load reads them).
    pub fn with_versions(mut self, histories: &[(String, PathBuf)], max_bytes: u64) -> Sources {
        for (_, history) in histories {
            let Ok(bytes) = read_limited(history, max_bytes) else {
                continue;
            };
            let Ok(parsed) = std::str::from_utf8(&bytes)
                .map_err(|_| Vec::new())
                .and_then(crate::draft::history::History::parse)
            else {
                continue;
            };
            let dir = history.parent().map(Path::to_path_buf).unwrap_or_default();
            for v in &parsed.versions {
                if let Ok(file) = version_file(&dir, v.file.as_str())
                    && !self.files.iter().any(|(p, _)| *p == file)
                {
                    let s = seen(&file);
                    self.files.push((file, s));
                }
            }
        }
        self
    }

    /// The brief files the load found (not the versions' files).
    pub fn briefs(&self) -> impl Iterator<Item = &Path> {
        self.found.iter().map(PathBuf::as_path)
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.folders.is_empty()
    }

    /// The files that are not as they were seen, by name (the last part of the path), and
    /// brief files added to a folder or taken from it. A folder changed by anything else (an
    /// editor's swap file) is only seen again.
    pub fn changed(&mut self) -> Vec<String> {
        let name = |p: &Path| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
        };
        let mut out: Vec<String> = (self.files.iter())
            .filter(|(p, was)| seen(p) != *was)
            .map(|(p, _)| name(p))
            .collect();
        let mut looked = false;
        for (dir, was) in &mut self.folders {
            let now = seen(dir);
            if now != *was {
                *was = now;
                looked = true;
            }
        }
        if looked {
            let found = brief_files(&self.request);
            for p in found
                .iter()
                .filter(|p| self.found.binary_search(p).is_err())
            {
                out.push(name(p));
            }
            for p in self
                .found
                .iter()
                .filter(|p| found.binary_search(p).is_err())
            {
                if !self.files.iter().any(|(f, _)| f == p) {
                    out.push(name(p));
                }
            }
        }
        out
    }
}

/// The brief files `request` names or finds in its folders, sorted.
fn brief_files(request: &Request) -> Vec<PathBuf> {
    let (origins, _) = origins_of(request);
    let mut found: Vec<PathBuf> = (origins.into_iter())
        .filter_map(|o| match o {
            Origin::File(p) => Some(p),
            Origin::Builtin(_) => None,
        })
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_again_or_removed_is_changed_and_one_left_alone_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
        for f in [
            "lakeland.yaml",
            "zero.txt",
            "rev1.txt",
            "rev1.xml",
            "rev2.md",
        ] {
            std::fs::copy(root.join(f), dir.path().join(f)).unwrap();
        }
        let history = dir.path().join("lakeland.yaml");
        let request = Request {
            paths: vec![dir.path().to_path_buf()],
            ..Request::default()
        };
        let sources = Sources::before(&request);
        assert_eq!(sources.files.len(), 1, "the history is the one brief file");
        let mut sources = sources.with_versions(&[("lakeland".into(), history.clone())], 1 << 20);
        assert!(sources.files.len() > 1, "{sources:?}");
        assert_eq!(sources.changed(), Vec::<String>::new());
        // A version file grows by a line.
        let version = sources.files[1].0.clone();
        let mut text = std::fs::read_to_string(&version).unwrap();
        text.push_str("\nOne more line.\n");
        std::fs::write(&version, text).unwrap();
        let name = version.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(sources.changed(), std::slice::from_ref(&name));
        std::fs::remove_file(&history).unwrap();
        assert_eq!(sources.changed(), ["lakeland.yaml".to_owned(), name]);
    }

    #[test]
    fn a_brief_file_added_to_a_folder_is_changed_and_an_editors_swap_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let world = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
        std::fs::copy(world.join("alpha.yaml"), dir.path().join("alpha.yaml")).unwrap();
        let request = Request {
            paths: vec![dir.path().to_path_buf()],
            ..Request::default()
        };
        let mut sources = Sources::before(&request);
        assert_eq!(sources.changed(), Vec::<String>::new());
        // A folder's time moves on with the file system's clock, a few milliseconds a
        // tick: each change here is a tick after the last look, as a second of polling is.
        let tick = || std::thread::sleep(std::time::Duration::from_millis(30));
        tick();
        std::fs::write(dir.path().join(".alpha.yaml.swp"), "swap").unwrap();
        assert_eq!(sources.changed(), Vec::<String>::new());
        tick();
        std::fs::copy(world.join("beta.yaml"), dir.path().join("beta.yaml")).unwrap();
        assert_eq!(sources.changed(), ["beta.yaml"]);
    }
}
