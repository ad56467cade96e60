//! Where briefs come from: the ones built into the binary, the user's config folder and
//! `--briefs` paths. This module knows the file system; parsing is `brief::load`'s.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::brief::corpus::{Candidate, Corpus};
use crate::brief::diag::Diagnostic;
use crate::brief::load::{self, Limits};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_briefs.rs"));
}

/// The briefs built into the binary: (file name, contents).
pub fn builtin_files() -> &'static [(&'static str, &'static [u8])] {
    builtin::BUILTIN
}

/// The built-in briefs alone, as a corpus (for tests and benchmarks).
pub fn builtin_corpus() -> Corpus {
    load(&Request {
        builtin: true,
        ..Request::default()
    })
    .corpus
}

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Files and folders named by the user (`--briefs`, or `brief check PATH`).
    pub paths: Vec<PathBuf>,
    /// Include the briefs built into the binary.
    pub builtin: bool,
    /// Include the `briefs` folder of the platform's config directory, when it exists.
    pub config_dir: bool,
    pub limits: Limits,
}

/// The loaded briefs, and every problem met on the way.
#[derive(Debug)]
pub struct Loaded {
    pub corpus: Corpus,
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
}

enum Origin {
    Builtin(&'static str, &'static [u8]),
    File(PathBuf),
}

impl Origin {
    fn name(&self) -> String {
        match self {
            Origin::Builtin(name, _) => format!("builtin:briefs/{name}"),
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

fn is_brief_file(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Expand folders into the brief files under them, sorted; a named file is kept whatever
/// its extension. Problems reading a folder become diagnostics.
fn discover(path: &Path, out: &mut Vec<Origin>, diags: &mut Vec<Diagnostic>) {
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

fn file_problem(path: &Path, message: String) -> Diagnostic {
    Diagnostic {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        path: String::new(),
        message,
    }
}

/// Read a file, refusing what is not a regular file (a FIFO would block us) and what is
/// over the size limit, without reading more than the limit.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a folder, not a brief file".to_owned());
    }
    if !meta.is_file() {
        return Err("is not a regular file (a FIFO, socket or device?)".to_owned());
    }
    if meta.len() > limit {
        return Err(format!(
            "file is {} bytes, over the limit of {limit} bytes; a brief this large is not one brief",
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {e}"))?;
    Ok(bytes)
}

fn bytes_of(origin: &Origin, limits: &Limits) -> Result<std::borrow::Cow<'static, [u8]>, String> {
    match origin {
        Origin::Builtin(_, bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
        Origin::File(p) => read_limited(p, limits.max_file_bytes).map(std::borrow::Cow::Owned),
    }
}

/// Load what `request` asks for. Every brief that is right is loaded, whatever is wrong
/// with the others.
pub fn load(request: &Request) -> Loaded {
    let mut origins: Vec<Origin> = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    if request.builtin {
        origins.extend(builtin::BUILTIN.iter().map(|&(n, b)| Origin::Builtin(n, b)));
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

    let files = origins.len();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut kept: Vec<Origin> = Vec::new();
    for origin in origins {
        let name = origin.name();
        let bytes = match bytes_of(&origin, &request.limits) {
            Ok(b) => b,
            Err(message) => {
                diagnostics.push(Diagnostic {
                    file: name,
                    line: 0,
                    column: 0,
                    path: String::new(),
                    message,
                });
                continue;
            }
        };
        match load::load(&name, &bytes, &request.limits) {
            Ok(brief) => {
                candidates.push(Candidate {
                    brief,
                    name,
                    valid: true,
                });
                kept.push(origin);
            }
            Err(mut rejected) => {
                diagnostics.append(&mut rejected.diagnostics);
                if let Some(brief) = rejected.partial {
                    candidates.push(Candidate {
                        brief: *brief,
                        name,
                        valid: false,
                    });
                    kept.push(origin);
                }
            }
        }
    }

    // A user's file with the id of a built-in brief replaces it: that is how one edits a
    // shipped brief, and how `brief check briefs/x.yaml` is run inside this repository.
    let user_ids: std::collections::HashSet<String> = candidates
        .iter()
        .zip(&kept)
        .filter(|(_, o)| matches!(o, Origin::File(_)))
        .map(|(c, _)| c.brief.id.to_string())
        .collect();
    let before = candidates.len();
    let (candidates, kept): (Vec<Candidate>, Vec<Origin>) = candidates
        .into_iter()
        .zip(kept)
        .filter(|(c, o)| {
            !(matches!(o, Origin::Builtin(..)) && user_ids.contains(c.brief.id.as_str()))
        })
        .unzip();
    let files = files - (before - candidates.len());
    let names: Vec<String> = candidates.iter().map(|c| c.name.clone()).collect();
    let (corpus, problems) = Corpus::build(candidates);
    // Problems between briefs are rare: only then read the file again for locations.
    for (i, origin) in kept.iter().enumerate() {
        let mine: Vec<_> = problems
            .iter()
            .filter(|p| p.index == i)
            .map(|p| p.problem.clone())
            .collect();
        if mine.is_empty() {
            continue;
        }
        let bytes = bytes_of(origin, &request.limits).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        diagnostics.extend(load::locate(&names[i], text, &request.limits, &mine));
    }
    Loaded {
        corpus,
        diagnostics,
        files,
    }
}
