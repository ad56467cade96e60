//! The desk on disk: one human-readable file, `desk.yaml`, in the data directory.
//!
//! Every save takes a lock (`desk.lock`), reads the file again, applies this reader's
//! changes on top, writes a temporary file in the same folder, syncs it, renames it over
//! the old one and syncs the folder. A crash or a full disk leaves the old file or the new
//! one, never half of one; two readers saving at once keep each other's marks. A file
//! that cannot be read is renamed aside untouched and reported.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Change, Desk};

const FILE: &str = "desk.yaml";
const LOCK: &str = "desk.lock";

/// Where the desk lives: `--data-dir`, else `BRIEF_DATA_DIR`, else the platform's data
/// directory (`$XDG_DATA_HOME/brief` on Linux).
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("BRIEF_DATA_DIR").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.data_dir().join("brief"))
}

#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    pub desk: Desk,
}

/// What opening or saving had to say besides the desk itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice(pub String);

impl Store {
    /// Read the desk in `dir` (none yet is an empty desk). A file that does not parse is
    /// moved aside and named in the notice; the desk then starts empty.
    pub fn open(dir: &Path) -> io::Result<(Store, Option<Notice>)> {
        let mut store = Store {
            dir: dir.to_path_buf(),
            desk: Desk::default(),
        };
        let notice = match store.read()? {
            Ok(desk) => {
                store.desk = desk;
                None
            }
            Err(notice) => Some(notice),
        };
        Ok((store, notice))
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// The desk as the file holds it now; a broken file is set aside.
    fn read(&self) -> io::Result<Result<Desk, Notice>> {
        let path = self.path();
        let text = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Ok(Desk::default())),
            Err(e) => return Err(e),
        };
        let parsed = std::str::from_utf8(&text)
            .map_err(|e| format!("not UTF-8: {e}"))
            .and_then(Desk::parse);
        match parsed {
            Ok(desk) => Ok(Ok(desk)),
            Err(why) => {
                let aside = self.aside_name();
                fs::rename(&path, &aside)?;
                Ok(Err(Notice(format!(
                    "{}: {why}; kept it aside as {} and started a new desk",
                    path.display(),
                    aside.display()
                ))))
            }
        }
    }

    fn aside_name(&self) -> PathBuf {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        for n in 0.. {
            let name = if n == 0 {
                format!("desk.unreadable-{stamp}.yaml")
            } else {
                format!("desk.unreadable-{stamp}-{n}.yaml")
            };
            let p = self.dir.join(name);
            if !p.exists() {
                return p;
            }
        }
        unreachable!("some name is free")
    }

    /// Save `changes` on top of what the file holds now, under the lock; afterwards
    /// `self.desk` is the merged desk, with other readers' marks too.
    pub fn save(&mut self, changes: &[Change]) -> io::Result<Option<Notice>> {
        fs::create_dir_all(&self.dir)?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(LOCK))?;
        lock.lock()?;
        let result = self.save_locked(changes);
        let _ = lock.unlock();
        result
    }

    fn save_locked(&mut self, changes: &[Change]) -> io::Result<Option<Notice>> {
        // Only a lock holder writes a temporary file, so any found now was left by a
        // process killed mid-save: clear it away.
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for e in entries.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                if name.starts_with(".desk.yaml.") && name.ends_with(".tmp") {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
        let (mut desk, notice) = match self.read()? {
            Ok(d) => (d, None),
            Err(n) => (Desk::default(), Some(n)),
        };
        desk.apply_all(changes);
        let tmp = self
            .dir
            .join(format!(".desk.yaml.{}.tmp", std::process::id()));
        let written = (|| {
            let mut f = File::create(&tmp)?;
            f.write_all(desk.to_text().as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, self.path())?;
            // The rename is durable once the folder is synced.
            File::open(&self.dir)?.sync_all()
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        self.desk = desk;
        Ok(notice)
    }

    /// Read the file again (to see what another reader saved).
    pub fn reload(&mut self) -> io::Result<Option<Notice>> {
        match self.read()? {
            Ok(d) => {
                self.desk = d;
                Ok(None)
            }
            Err(n) => Ok(Some(n)),
        }
    }
}

/// Keep a desk that could not be saved where it belongs: a new file of its own in the
/// temporary folder (private to the user), never overwriting one. Its path.
pub fn set_aside(text: &str) -> io::Result<PathBuf> {
    let dir = std::env::temp_dir();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for n in 0..100u32 {
        let path = dir.join(format!(
            "brief-unsaved-notes-{stamp}-{}-{n}.yaml",
            std::process::id()
        ));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free name for the file in the temporary folder",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::date::Date;
    use crate::brief::text::Text;

    fn mark(sel: &str, note: &str) -> Change {
        Change::Note {
            selector: sel.into(),
            note: Some(Text::new(note)),
            fingerprint: "0".into(),
            noted: Date::today(),
        }
    }

    fn bookmark(sel: &str) -> Change {
        Change::Bookmark {
            selector: sel.into(),
            on: true,
            fingerprint: "0".into(),
            noted: Date::today(),
        }
    }

    #[test]
    fn two_stores_keep_each_others_marks() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, _) = Store::open(dir.path()).unwrap();
        let (mut b, _) = Store::open(dir.path()).unwrap();
        a.save(&[mark("x/y/a", "from a")]).unwrap();
        b.save(&[mark("x/y/b", "from b")]).unwrap();
        assert_eq!(b.desk.marks.len(), 2);
        a.reload().unwrap();
        assert_eq!(a.desk.marks.len(), 2);
    }

    #[test]
    fn a_broken_file_is_kept_aside_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let broken = "marks: [ {selector: x\n";
        fs::write(dir.path().join(FILE), broken).unwrap();
        let (store, notice) = Store::open(dir.path()).unwrap();
        assert!(store.desk.marks.is_empty());
        let notice = notice.unwrap().0;
        assert!(notice.contains("kept it aside"), "{notice}");
        let aside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("unreadable"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(fs::read_to_string(&aside[0]).unwrap(), broken);
    }

    /// A store that read the desk before another saved a note still keeps that note when
    /// it saves a bookmark on the same entry: it sends the bookmark alone, not its copy.
    #[test]
    fn a_stale_store_saving_a_bookmark_keeps_a_note_saved_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let (mut reader, _) = Store::open(dir.path()).unwrap();
        let (mut other, _) = Store::open(dir.path()).unwrap();
        other.save(&[mark("x/y/a", "from the other")]).unwrap();
        assert!(reader.desk.marks.is_empty(), "the reader's copy is stale");
        reader.save(&[bookmark("x/y/a")]).unwrap();
        let m = reader.desk.get("x/y/a").unwrap();
        assert!(m.bookmark);
        assert_eq!(m.note.as_deref(), Some("from the other"));
        other.reload().unwrap();
        assert_eq!(other.desk, reader.desk);
    }
}
