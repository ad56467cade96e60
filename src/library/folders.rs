//! Where briefs are found: the built-ins, the user's config folder and the `--briefs`
//! paths, folders expanded into the brief files under them.

use std::path::{Path, PathBuf};

use super::{Request, builtin};
use crate::brief::diag::Diagnostic;

/// Where one brief comes from.
pub(super) enum Origin {
    /// The built-in brief at this index of the tables build.rs writes.
    Builtin(usize),
    File(PathBuf),
}

impl Origin {
    pub(super) fn name(&self) -> String {
        match self {
            Origin::Builtin(i) => format!("builtin:briefs/{}", builtin::BUILTIN[*i].0),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

/// The user's own briefs folder: `$XDG_CONFIG_HOME/brief/briefs` on Linux.
pub fn config_briefs_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("brief").join("briefs"))
}

pub(super) fn is_brief_file(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Expand folders into the brief files under them, sorted; a named file is kept whatever
/// its extension. Problems reading a folder become diagnostics.
pub(super) fn discover(path: &Path, out: &mut Vec<Origin>, diags: &mut Vec<Diagnostic>) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            diags.push(file_problem(path, format!("cannot read: {e}")));
            return;
        }
    };
    if !meta.is_dir() {
        out.push(Origin::File(path.to_path_buf()));
        return;
    }
    let mut found: Vec<PathBuf> = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                diags.push(file_problem(&dir, format!("cannot read folder: {e}")));
                continue;
            }
        };
        for entry in entries.filter_map(Result::ok) {
            let p = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(p),
                _ if is_brief_file(&p) => found.push(p),
                _ => {}
            }
        }
    }
    found.sort();
    out.extend(found.into_iter().map(Origin::File));
}

pub(super) fn file_problem(path: &Path, message: String) -> Diagnostic {
    Diagnostic {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        path: String::new(),
        message,
    }
}

/// Every file `request` names, in load order, and the problems met finding them.
pub(super) fn origins_of(request: &Request) -> (Vec<Origin>, Vec<Diagnostic>) {
    let mut origins: Vec<Origin> = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    if request.builtin {
        origins.extend((0..builtin::BUILTIN.len()).map(Origin::Builtin));
    }
    if request.config_dir
        && let Some(dir) = config_briefs_dir()
        && dir.is_dir()
    {
        discover(&dir, &mut origins, &mut diagnostics);
    }
    for p in &request.paths {
        discover(p, &mut origins, &mut diagnostics);
    }
    (origins, diagnostics)
}
