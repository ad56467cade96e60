//! What the reader keeps for itself between moments, in the state folder
//! (`$XDG_STATE_HOME/brief`, `~/.local/state/brief` on Linux; `BRIEF_STATE_DIR` names
//! another): `clip.txt`, what `Y` copied last.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
    fs::create_dir_all(dir)?;
    let path = dir.join(CLIP);
    let tmp = dir.join(format!(".{CLIP}.{}.tmp", std::process::id()));
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    // What is copied may be a note's neighbour: the user's own, not the machine's.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, &path)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    File::open(dir)?.sync_all()?;
    Ok(path)
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
}
