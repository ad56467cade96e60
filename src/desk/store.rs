//! The desk on disk: one human-readable file, `desk.yaml`, in the data directory.
//!
//! Every save takes a lock (`desk.lock`), reads the file again, applies this reader's
//! changes on top, writes a temporary file in the same folder, syncs it, renames it over
//! the old one and syncs the folder. A crash or a full disk leaves the old file or the new
//! one, never half of one; two readers saving at once keep each other's marks. A file
//! that cannot be read is moved aside untouched and reported: only under the lock, only
//! if it is still unreadable there, and never over another file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::{Change, Desk, MAX_BYTES};

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
    /// moved aside (under the lock) and named in the notice; the desk then starts empty.
    pub fn open(dir: &Path) -> io::Result<(Store, Option<Notice>)> {
        let mut store = Store {
            dir: dir.to_path_buf(),
            desk: Desk::default(),
        };
        let notice = store.reload()?;
        Ok((store, notice))
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// Read the file again (to see what another reader saved). A file that does not parse
    /// is set aside as [`Store::open`] says, and the desk is then empty, as the file is.
    pub fn reload(&mut self) -> io::Result<Option<Notice>> {
        if let Ok(desk) = read(&self.path())? {
            self.desk = desk;
            return Ok(None);
        }
        // Only a lock holder moves the file: it reads it again there, since another
        // writer may have set it aside and saved a new desk meanwhile.
        self.locked(|store| {
            let (desk, notice) = store.read_locked()?;
            store.desk = desk;
            Ok(notice)
        })
    }

    /// Run `f` holding the desk's lock, which every move or write of desk.yaml takes.
    fn locked<T>(&mut self, f: impl FnOnce(&mut Store) -> io::Result<T>) -> io::Result<T> {
        fs::create_dir_all(&self.dir)?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(LOCK))?;
        lock.lock()?;
        let result = f(self);
        let _ = lock.unlock();
        result
    }

    /// The desk as the file holds it now; a file still broken is set aside, and the desk
    /// is then empty. Only under the lock.
    fn read_locked(&self) -> io::Result<(Desk, Option<Notice>)> {
        let path = self.path();
        match read(&path)? {
            Ok(desk) => Ok((desk, None)),
            Err(why) => {
                let aside = move_aside(&self.dir, &path, unix_seconds())?;
                Ok((
                    Desk::default(),
                    Some(Notice(format!(
                        "{}: {why}; kept it aside as {} and started a new desk",
                        path.display(),
                        aside.display()
                    ))),
                ))
            }
        }
    }

    /// Save `changes` on top of what the file holds now, under the lock; afterwards
    /// `self.desk` is the merged desk, with other readers' marks too.
    pub fn save(&mut self, changes: &[Change]) -> io::Result<Option<Notice>> {
        self.locked(|store| store.save_locked(changes))
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
        let (mut desk, notice) = self.read_locked()?;
        desk.apply_all(changes);
        let text = desk.encode().map_err(io::Error::other)?;
        // A desk brief could not read back is not written: the changes stay unsaved (and
        // are kept elsewhere) rather than a file be made that the next start refuses.
        if text.len() > MAX_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                format!(
                    "the desk would be over {} MiB, more than brief reads back; not saved",
                    MAX_BYTES >> 20
                ),
            ));
        }
        super::state::write_whole(&self.dir, FILE, text.as_bytes())?;
        self.desk = desk;
        Ok(notice)
    }
}

/// The desk in the file at `path` (none there is an empty desk), or why it cannot be
/// read. Moves nothing.
fn read(path: &Path) -> io::Result<Result<Desk, String>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Ok(Desk::default())),
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.take(MAX_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > MAX_BYTES {
        return Ok(Err(format!(
            "over {} MiB, more than brief reads",
            MAX_BYTES >> 20
        )));
    }
    Ok(std::str::from_utf8(&bytes)
        .map_err(|e| format!("not UTF-8: {e}"))
        .and_then(Desk::parse))
}

fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Move the unreadable desk file at `path` to a name of its own in `dir`, never over
/// another file: a hard link claims the new name (and fails if it is taken: then the next
/// name is tried) before the old name goes. Where the folder takes no hard links, a copy
/// made with `create_new` claims the name instead. Its new path. Only under the lock.
fn move_aside(dir: &Path, path: &Path, stamp: u64) -> io::Result<PathBuf> {
    for n in 0..1000u32 {
        let aside = dir.join(if n == 0 {
            format!("desk.unreadable-{stamp}.yaml")
        } else {
            format!("desk.unreadable-{stamp}-{n}.yaml")
        });
        let claimed = match fs::hard_link(path, &aside) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => copy_new(path, &aside),
            linked => linked,
        };
        match claimed {
            Ok(()) => {
                fs::remove_file(path)?;
                sync_dir(dir)?;
                return Ok(aside);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "no free name in {} to keep the unreadable desk",
            dir.display()
        ),
    ))
}

/// Copy `from` to `to`, a file that must not exist yet, synced; a copy cut short is
/// removed again (it is ours).
fn copy_new(from: &Path, to: &Path) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(to)?;
    let copied = io::copy(&mut File::open(from)?, &mut out).and_then(|_| out.sync_all());
    if copied.is_err() {
        let _ = fs::remove_file(to);
    }
    copied
}

/// Make a rename or removal in `dir` durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
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

    /// The files in `dir` holding a desk set aside, and what each holds.
    fn asides(dir: &Path) -> Vec<(PathBuf, String)> {
        let mut found: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("unreadable"))
            .map(|p| {
                let text = fs::read_to_string(&p).unwrap();
                (p, text)
            })
            .collect();
        found.sort();
        found
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

    /// Opening a broken desk moves it only under the lock: while another holds the lock,
    /// the file stays where it is (it may be the one setting it aside or saving).
    #[test]
    fn opening_a_broken_desk_moves_nothing_outside_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let broken = "marks: [ {selector: x\n";
        fs::write(dir.path().join(FILE), broken).unwrap();
        let lock = File::create(dir.path().join(LOCK)).unwrap();
        lock.lock().unwrap();
        let path = dir.path().to_path_buf();
        let opening = std::thread::spawn(move || Store::open(&path).unwrap());
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_eq!(
            fs::read_to_string(dir.path().join(FILE)).unwrap(),
            broken,
            "moved while another held the lock"
        );
        assert!(asides(dir.path()).is_empty());
        lock.unlock().unwrap();
        let (store, notice) = opening.join().unwrap();
        assert!(store.desk.marks.is_empty());
        assert!(notice.unwrap().0.contains("kept it aside"));
        let kept = asides(dir.path());
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].1, broken);
        assert!(!dir.path().join(FILE).exists());
    }

    /// A desk set aside never takes the name of one set aside before: the earlier files
    /// keep what they hold, whatever name is free is taken.
    #[test]
    fn setting_aside_never_overwrites_an_earlier_aside_file() {
        let dir = tempfile::tempdir().unwrap();
        let earlier = [
            ("desk.unreadable-7.yaml", "earlier one"),
            ("desk.unreadable-7-1.yaml", "earlier two"),
        ];
        for (name, text) in earlier {
            fs::write(dir.path().join(name), text).unwrap();
        }
        let path = dir.path().join(FILE);
        fs::write(&path, "broken now").unwrap();
        let aside = move_aside(dir.path(), &path, 7).unwrap();
        assert_eq!(aside, dir.path().join("desk.unreadable-7-2.yaml"));
        assert!(!path.exists());
        let kept = asides(dir.path());
        assert_eq!(
            kept.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            ["earlier two", "broken now", "earlier one"]
        );
        // The fallback where there are no hard links claims its name the same way.
        fs::write(dir.path().join("copy-me"), "copied").unwrap();
        let taken = dir.path().join("desk.unreadable-7.yaml");
        let err = copy_new(&dir.path().join("copy-me"), &taken).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&taken).unwrap(), "earlier one");
    }

    /// Stores racing on a broken desk (threads here, processes in tests/desk.rs): the
    /// broken text ends in exactly one aside file and every store's note is saved.
    #[test]
    fn stores_racing_on_a_broken_desk_keep_it_once_and_keep_every_note() {
        let mut wrong = Vec::new();
        for trial in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let broken = format!("marks: [ {{selector: broken-{trial}\n");
            fs::write(dir.path().join(FILE), &broken).unwrap();
            let writers: Vec<_> = (0..8)
                .map(|i| {
                    let path = dir.path().to_path_buf();
                    std::thread::spawn(move || -> io::Result<()> {
                        let (mut store, _) = Store::open(&path)?;
                        store.save(&[mark(&format!("x/y/{i}"), "kept")])?;
                        Ok(())
                    })
                })
                .collect();
            let failed = writers
                .into_iter()
                .map(|w| w.join())
                .filter(|r| !matches!(r, Ok(Ok(()))))
                .count();
            let kept = asides(dir.path());
            let holding = kept.iter().filter(|(_, t)| *t == broken).count();
            let (store, _) = Store::open(dir.path()).unwrap();
            let notes = store.desk.marks.len();
            if failed > 0 || kept.len() != 1 || holding != 1 || notes != 8 {
                wrong.push(format!(
                    "trial {trial}: {failed} failed, {} aside, {holding} with the broken desk, {notes} of 8 notes",
                    kept.len()
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// A desk as big as brief writes (100,000 marks, each with a note and a bookmark) is
    /// read back on the next start (a save reads it the same way); the parser limits meant
    /// for a brief refused it and set it aside.
    #[test]
    fn a_desk_of_a_hundred_thousand_marks_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let changes: Vec<Change> = (0..100_000)
            .flat_map(|i| {
                let sel = format!("brief-{}/section/entry-{i}", i % 40);
                [mark(&sel, &format!("note {i}")), bookmark(&sel)]
            })
            .collect();
        store.save(&changes).unwrap();
        let (again, notice) = Store::open(dir.path()).unwrap();
        assert_eq!(notice, None);
        assert_eq!(again.desk.marks.len(), 100_000);
        assert_eq!(again.desk, store.desk);
        assert!(asides(dir.path()).is_empty());
    }

    /// A desk too big to read back is never written; what was there stays.
    #[test]
    fn a_desk_over_the_size_cap_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        store.save(&[mark("x/y/a", "small")]).unwrap();
        let before = fs::read_to_string(store.path()).unwrap();
        let huge = "n".repeat(MAX_BYTES);
        let err = store.save(&[mark("x/y/b", &huge)]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(fs::read_to_string(store.path()).unwrap(), before);
    }
}
