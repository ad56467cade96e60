//! What the reader keeps for itself between moments, in the state folder
//! (`$XDG_STATE_HOME/brief`, `~/.local/state/brief` on Linux; `BRIEF_STATE_DIR` names
//! another): `clip.txt`, what `Y` copied last, and `place.json`, where the reader was
//! when it last closed.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The state folder: `BRIEF_STATE_DIR`, else the platform's state folder, else (where the
/// platform has none) the data folder's.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BRIEF_STATE_DIR").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(
        base.state_dir()
            .unwrap_or_else(|| base.data_dir())
            .join("brief"),
    )
}

/// The file `Y` writes.
pub const CLIP: &str = "clip.txt";

/// Write `text` to `clip.txt` in the state folder, whole or not at all: a temporary file
/// in the same folder, synced, renamed over the old one, the folder synced. Its path.
pub fn write_clip(text: &str) -> io::Result<PathBuf> {
    let dir = state_dir()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "there is no state folder"))?;
    write_clip_in(&dir, text)
}

/// [`write_clip`] in the folder `dir`.
pub fn write_clip_in(dir: &Path, text: &str) -> io::Result<PathBuf> {
    write_whole(dir, CLIP, text.as_bytes())
}

/// Write `bytes` to the file `name` in `dir`, whole or not at all: a temporary file of this
/// process in the same folder, synced, renamed over the old one, the folder synced. Of
/// several processes writing at once the last rename wins, and no reader ever sees half
/// a file (the desk, the clip, the place are all written so). Its path.
pub(super) fn write_whole(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let path = dir.join(name);
    // A name of this write's own: of this process, and of this write within it.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    // Notes, what is copied and where one reads are one's own business: the user's, not
    // the machine's.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, &path)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    File::open(dir)?.sync_all()?;
    Ok(path)
}

/// The file the reader keeps its place in.
pub const PLACE: &str = "place.json";

/// Larger than any place file is: what is read is bounded.
const MAX_PLACE_BYTES: u64 = 64 << 10;

/// Where the reader was when it last closed, to open there again. Written by the reader,
/// but read as untrusted like any file: what it names is looked up, never trusted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastPlace {
    /// The brief, section or entry the cursor was on.
    pub selector: String,
    /// The reading pane had the keys.
    #[serde(default)]
    pub reading: bool,
    /// The reading pane's first line in view.
    #[serde(default)]
    pub top: usize,
    /// The screen open over the reader: compare, timeline, desk, versions or proposals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screen: Option<String>,
    /// On compare, the issue under the cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// On versions, the ids of the two versions side by side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub versions: Option<(String, String)>,
    /// On versions, the paragraph at the cursor: its version's id and its entry id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<(String, String)>,
    /// The words of the last search, searched again on resuming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

/// The place saved last: `None` when there is none (or no state folder), an error that
/// says why when it cannot be read or makes no sense.
pub fn read_place() -> Result<Option<LastPlace>, String> {
    match state_dir() {
        Some(dir) => read_place_in(&dir),
        None => Ok(None),
    }
}

/// [`read_place`] in the folder `dir`.
pub fn read_place_in(dir: &Path) -> Result<Option<LastPlace>, String> {
    use std::io::Read;
    let path = dir.join(PLACE);
    let mut text = String::new();
    match File::open(&path) {
        Ok(f) => f
            .take(MAX_PLACE_BYTES)
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Save `place` as the place to open at next time, whole or not at all. Its path.
pub fn write_place(place: &LastPlace) -> io::Result<PathBuf> {
    let dir = state_dir()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "there is no state folder"))?;
    write_place_in(&dir, place)
}

/// [`write_place`] in the folder `dir`.
pub fn write_place_in(dir: &Path, place: &LastPlace) -> io::Result<PathBuf> {
    let mut json = serde_json::to_vec_pretty(place).map_err(io::Error::other)?;
    json.push(b'\n');
    write_whole(dir, PLACE, &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clip_is_written_whole_over_the_last_one_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let path = write_clip_in(&state, "first\n").unwrap();
        assert_eq!(path, state.join(CLIP));
        let path = write_clip_in(&state, "a/b/c").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "a/b/c");
        let names: Vec<_> = fs::read_dir(&state)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [CLIP]);
    }

    #[test]
    fn a_place_is_read_back_as_written_and_a_broken_or_missing_one_is_said_or_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_place_in(dir.path()), Ok(None));
        let place = LastPlace {
            selector: "a/b/c".into(),
            reading: true,
            top: 12,
            screen: Some("versions".into()),
            issue: None,
            versions: Some(("zero".into(), "rev1".into())),
            paragraph: Some(("rev1".into(), "new-8a".into())),
            search: Some("\"open data\" forum".into()),
        };
        write_place_in(dir.path(), &place).unwrap();
        assert_eq!(read_place_in(dir.path()), Ok(Some(place)));
        // An older or hand-made file with only a selector reads too.
        fs::write(dir.path().join(PLACE), r#"{"selector": "a"}"#).unwrap();
        assert_eq!(read_place_in(dir.path()).unwrap().unwrap().selector, "a");
        fs::write(dir.path().join(PLACE), "{\"selector\": ").unwrap();
        assert!(read_place_in(dir.path()).is_err());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [PLACE], "no temporary file is left");
    }

    #[test]
    fn places_written_at_once_leave_one_of_them_whole() {
        let dir = tempfile::tempdir().unwrap();
        let places: Vec<LastPlace> = (0..8)
            .map(|i| LastPlace {
                selector: format!("brief-{i}/{}", "s".repeat(i * 500)),
                top: i,
                ..Default::default()
            })
            .collect();
        let all = &places;
        std::thread::scope(|scope| {
            for place in all {
                let dir = dir.path();
                scope.spawn(move || {
                    for _ in 0..20 {
                        write_place_in(dir, place).unwrap();
                        let read = read_place_in(dir).unwrap().unwrap();
                        assert!(all.contains(&read), "a place never written: {read:?}");
                    }
                });
            }
        });
        let last = read_place_in(dir.path()).unwrap().unwrap();
        assert!(places.contains(&last));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
