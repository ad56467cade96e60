//! Where briefs come from: the ones built into the binary, the user's config folder and
//! `--briefs` paths. This module knows the file system; parsing is `brief::load`'s.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::brief::corpus::{Candidate, Checked, Corpus};
use crate::brief::diag::Diagnostic;
use crate::brief::load::{self, Limits, Rejected};
use crate::brief::model::Brief;
use crate::cache::{self, Cache, CleanLoad, OtherFile, Stamp};
use crate::draft::NegotiatedText;
use crate::search::text::{HitText, NameTable, SearchText};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_briefs.rs"));

    use crate::brief::corpus::{Corpus, Deferred, Globals, Listing};
    use crate::brief::model::Brief;

    /// Built-in brief `index`, as build.rs loaded, checked and encoded it: never parsed
    /// or checked again, and never taken from the load cache (the binary is its own
    /// cache, one that cannot go stale). Bytes made by this same build always decode;
    /// should they not, that is said of the brief rather than panicked on.
    pub fn decode(index: usize) -> Result<Brief, String> {
        let bytes = ENCODED.get(index).ok_or("no such built-in brief")?;
        bitcode::decode(bytes).map_err(|e| {
            format!("the built-in brief does not decode ({e}): this build of brief is broken")
        })
    }

    /// The built-in briefs as a corpus, checked together when the binary was built: each
    /// brief is decoded when first read, so that `brief show` of one decodes that one.
    /// `None` if what build.rs wrote does not decode, for the caller to load them as any
    /// other briefs.
    pub fn corpus() -> Option<Corpus> {
        let globals: Globals = bitcode::decode(GLOBALS).ok()?;
        let listings: Vec<Listing> = bitcode::decode(LISTINGS).ok()?;
        if listings.len() != ENCODED.len() {
            return None;
        }
        let briefs: Vec<Deferred> = listings
            .into_iter()
            .enumerate()
            .map(|(index, listing)| Deferred {
                index,
                make: brief,
                listing,
            })
            .collect();
        Some(Corpus::prechecked(globals, briefs))
    }

    /// Built-in brief `index`, for a corpus that reads it only when needed (see
    /// [`corpus`]): decoded, else loaded from its YAML, which is what build.rs encoded
    /// and checked. Neither can fail in a binary that built; should one, the brief says
    /// so in its title rather than the reader panicking.
    fn brief(index: usize) -> Brief {
        use crate::brief::{load, model::BriefKind, text::Text};
        let (name, yaml) = BUILTIN[index];
        decode(index)
            .or_else(|e| load::load(name, yaml, &load::Limits::default()).map_err(|_| e))
            .unwrap_or_else(|e| Brief {
                id: Text::from(IDS[index]),
                title: Text::new(&format!("builtin:briefs/{name}: {e}")),
                publisher: Text::default(),
                kind: BriefKind::Overview,
                published: crate::brief::date::Date::ymd(1970, 1, 1),
                language: Text::from("en"),
                summary: Text::default(),
                tags: Vec::new(),
                sources: Vec::new(),
                actors: Vec::new(),
                issues: Vec::new(),
                sections: Vec::new(),
            })
    }
}

/// The briefs built into the binary: (file name, contents).
pub fn builtin_files() -> &'static [(&'static str, &'static [u8])] {
    builtin::BUILTIN
}

/// The ids of the built-in briefs, whether or not they are loaded: what a one-word `see:`
/// selector may name in a brief checked on its own. Written by build.rs, which loaded
/// each of them.
pub fn builtin_brief_ids() -> &'static [&'static str] {
    builtin::IDS
}

/// The cache's stamp of built-in brief `i`: its name, and in place of a time the hash
/// build.rs took of it, so that another build's version of it is another stamp.
fn builtin_stamp(i: usize) -> Stamp {
    Stamp {
        name: Origin::Builtin(i).name(),
        size: builtin::ENCODED.get(i).map_or(0, |e| e.len() as u64),
        modified_ns: builtin::HASHES.get(i).map_or(0, |&h| h as i64),
        changed_ns: 0,
        inode: 0,
        also: Vec::new(),
    }
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
    /// Keep parsed briefs in a cache in this folder (see `crate::cache`); `None` parses
    /// every file on every load.
    pub cache_dir: Option<PathBuf>,
    /// `brief check`: also report what cannot be true on this day (an event marked held
    /// whose date has not come).
    pub checked_on: Option<crate::brief::date::Date>,
    /// Hand back the cache's searchable texts with the corpus when the cache holds exactly
    /// this load (see [`Loaded::texts`]).
    pub texts: bool,
}

/// How far a load has got: files read or taken from the cache, of all found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// The loaded briefs, and every problem met on the way.
#[derive(Debug)]
pub struct Loaded {
    pub corpus: Corpus,
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
    /// With [`Request::texts`], the cache's searchable text of each of the corpus's briefs,
    /// when the cache holds exactly what this load found: the reader searches those instead
    /// of keeping its own folded copy of every brief.
    pub texts: Option<CachedSearch>,
    /// The negotiated texts among the corpus's briefs, by brief id, with the history file
    /// each was made from: a view that needs the text itself — its versions and their
    /// alignment, not the brief made of them — reads it with [`read_text`].
    pub histories: Vec<(String, PathBuf)>,
}

enum Origin {
    /// The built-in brief at this index of the tables build.rs writes.
    Builtin(usize),
    File(PathBuf),
}

impl Origin {
    fn name(&self) -> String {
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
    read_limited_as(path, &meta, limit)
}

fn read_limited_as(path: &Path, meta: &std::fs::Metadata, limit: u64) -> Result<Vec<u8>, String> {
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
        Origin::Builtin(i) => Ok(std::borrow::Cow::Borrowed(builtin::BUILTIN[*i].1)),
        Origin::File(p) => read_limited(p, limits.max_file_bytes).map(std::borrow::Cow::Owned),
    }
}

/// Fewer files than this load on one thread.
const PARALLEL_FROM: usize = 16;

/// What became of one file.
enum Outcome {
    /// Taken from the cache: it loaded on its own when cached, and has not changed.
    Cached(Brief),
    /// Parsed now.
    Parsed(Result<Brief, Rejected>),
    Unreadable(String),
}

/// Read and parse one file, or take it from the cache; decode a built-in brief. Returns
/// the file's stamp when it may be cached.
fn load_one(origin: &Origin, limits: &Limits, cache: &Cache) -> (Outcome, Option<Stamp>) {
    let name = origin.name();
    let (path, stamp, bytes) = match origin {
        // Checked when brief was built: decoded from the binary, never taken from the
        // cache. Its stamp (a hash of what is built in) is for the cache's searchable
        // text, which `cached_search` reads; "cached" means only that the cache holds
        // this version already, so that a save keeps its entry.
        Origin::Builtin(i) => {
            let stamp = builtin_stamp(*i);
            let outcome = match builtin::decode(*i) {
                Ok(brief) if cache.holds(&stamp) => Outcome::Cached(brief),
                Ok(brief) => Outcome::Parsed(Ok(brief)),
                Err(message) => return (Outcome::Unreadable(message), None),
            };
            return (outcome, Some(stamp));
        }
        Origin::File(path) => match std::fs::metadata(path) {
            Err(e) => return (Outcome::Unreadable(format!("cannot read: {e}")), None),
            Ok(meta) => {
                // Stamped before reading: a change while we read shows as a new stamp
                // next time, never as an old stamp on new content.
                let stamp = meta
                    .is_file()
                    .then(|| Stamp::of_file(name.clone(), &meta))
                    .flatten()
                    .map(|s| current_stamp(cache, s));
                // Over the size limit is refused below, whatever the cache holds.
                if let Some(brief) = stamp
                    .as_ref()
                    .filter(|s| s.size <= limits.max_file_bytes)
                    .and_then(|s| cache.get(s))
                {
                    return (Outcome::Cached(brief), stamp);
                }
                (
                    path,
                    stamp,
                    read_limited_as(path, &meta, limits.max_file_bytes),
                )
            }
        },
    };
    match bytes {
        Err(message) => (Outcome::Unreadable(message), None),
        // A text's history is made from other files too: it is cached with their stamps,
        // taken after reading them (a file changed meanwhile is too new to be stamped).
        Ok(bytes) if is_history(&bytes) => match load_history(&name, path, &bytes, limits) {
            Ok((brief, versions)) => {
                let also: Option<Vec<OtherFile>> = versions.iter().map(|p| file_stamp(p)).collect();
                let stamp = stamp.zip(also).map(|(s, also)| Stamp { also, ..s });
                (Outcome::Parsed(Ok(brief)), stamp)
            }
            Err(rejected) => (Outcome::Parsed(Err(rejected)), None),
        },
        Ok(bytes) => (Outcome::Parsed(load::load(&name, &bytes, limits)), stamp),
    }
}

/// The stamp of the file at `path`, as a stamp's `also` keeps it; `None` when it cannot
/// be stamped (see `Stamp::of_file`).
fn file_stamp(path: &Path) -> Option<OtherFile> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp::of_file(path.display().to_string(), &meta)?.as_other())
}

/// `stamp` as the cache holds it, with the files the brief was made from, when this file
/// and each of those are unchanged; else `stamp` itself, which the cache does not hold.
fn current_stamp(cache: &Cache, stamp: Stamp) -> Stamp {
    match cache.stamp(&stamp.name) {
        Some(held)
            if held.same_file(&stamp)
                && held
                    .also
                    .iter()
                    .all(|other| file_stamp(Path::new(&other.name)).as_ref() == Some(other)) =>
        {
            held.clone()
        }
        _ => stamp,
    }
}

/// A text's history rather than a brief: a top-level `versions:` list.
fn is_history(bytes: &[u8]) -> bool {
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
fn text_of(path: &Path, bytes: &[u8], max_bytes: u64) -> Result<NegotiatedText, Vec<String>> {
    let read = history_of(path, bytes, max_bytes)?;
    NegotiatedText::new(read, &crate::draft::Options::default()).map_err(|e| vec![e.to_string()])
}

/// The history file at `path`, already read as `bytes`, with every version it names.
fn history_of(
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
        let read = crate::draft::read(&shown, &bytes).map_err(|e| {
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
fn where_named(text: &str, file: &str) -> (usize, usize) {
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
fn version_file(dir: &Path, named: &str) -> Result<PathBuf, String> {
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
fn load_history(
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

/// The load of `request` when it reads nothing: the built-in briefs alone, which were
/// checked together when the binary was built. Their corpus is made without decoding a
/// brief (each is decoded when first read), so this takes microseconds: the reader makes
/// it before its first frame rather than on a thread. `None` when a load must read files.
pub fn load_at_once(request: &Request) -> Option<Loaded> {
    let (origins, diagnostics) = origins_of(request);
    prechecked(request, &origins, &diagnostics)
}

/// [`load_at_once`] of what `request` was found to name. A check against a day (`brief
/// check`) reads every brief, so it is never made at once.
fn prechecked(request: &Request, origins: &[Origin], diagnostics: &[Diagnostic]) -> Option<Loaded> {
    let builtin_alone = request.builtin
        && origins.len() == builtin::BUILTIN.len()
        && origins.iter().all(|o| matches!(o, Origin::Builtin(_)));
    if !builtin_alone || !diagnostics.is_empty() || request.checked_on.is_some() {
        return None;
    }
    Some(Loaded {
        corpus: builtin::corpus()?,
        diagnostics: Vec::new(),
        files: origins.len(),
        texts: None,
        histories: Vec::new(),
    })
}

/// Every file `request` names, in load order, and the problems met finding them.
fn origins_of(request: &Request) -> (Vec<Origin>, Vec<Diagnostic>) {
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

/// What a search can read in place of loading the corpus: the searchable text of exactly
/// the briefs a load of the same request would give, in the same order, with the names
/// their positions match through (see `search::text`).
pub struct CachedSearch {
    cache: Cache,
    /// The cache's name for each brief, in the corpus's order.
    briefs: Vec<String>,
}

impl std::fmt::Debug for CachedSearch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CachedSearch({} briefs)", self.briefs.len())
    }
}

impl CachedSearch {
    pub fn len(&self) -> usize {
        self.briefs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.briefs.is_empty()
    }

    pub fn names(&self) -> &NameTable {
        // Only made when the cache holds a clean load.
        static NONE: std::sync::OnceLock<NameTable> = std::sync::OnceLock::new();
        self.cache
            .clean()
            .map_or_else(|| NONE.get_or_init(NameTable::default), |c| &c.names)
    }

    /// The searchable text of brief `i`; `None` when the cache cannot give it after all.
    pub fn text(&self, i: usize) -> Option<SearchText> {
        self.cache.text(self.briefs.get(i)?)
    }

    /// The hit text of brief `i`, which has searchable text `text`.
    pub fn hits(&self, i: usize, text: &SearchText) -> Option<HitText> {
        self.cache.hits(self.briefs.get(i)?, text)
    }
}

impl crate::search::TextSource for CachedSearch {
    fn briefs(&self) -> usize {
        self.briefs.len()
    }
    fn text(&self, i: usize) -> Option<SearchText> {
        CachedSearch::text(self, i)
    }
}

/// The cache's searchable text for `request`, when it can vouch that a load would give
/// exactly the briefs of the last load that met no problem: the same files are found, each
/// unchanged since. Nothing is parsed or decoded but the cache's index; `None` means load.
pub fn cached_search(request: &Request) -> Option<CachedSearch> {
    let dir = request.cache_dir.as_ref()?;
    let cache = Cache::open(cache::file_for(dir, &roots(request)));
    let clean = cache.clean()?;
    let (origins, diagnostics) = origins_of(request);
    if !diagnostics.is_empty() || origins.len() != clean.found.len() {
        return None;
    }
    let unchanged = |origin: &Origin| -> Option<Stamp> {
        match origin {
            Origin::Builtin(i) => Some(builtin_stamp(*i)),
            Origin::File(path) => {
                let meta = std::fs::metadata(path).ok()?;
                let stamp = current_stamp(&cache, Stamp::of_file(origin.name(), &meta)?);
                (meta.is_file() && stamp.size <= request.limits.max_file_bytes).then_some(stamp)
            }
        }
    };
    let all_unchanged = origins.iter().zip(&clean.found).all(|(origin, name)| {
        origin.name() == *name && unchanged(origin).is_some_and(|s| cache.holds(&s))
    });
    if !all_unchanged {
        return None;
    }
    let briefs = clean.corpus.clone();
    Some(CachedSearch { cache, briefs })
}

/// What a cache is for: the same request, from the same places.
fn roots(request: &Request) -> String {
    let mut roots = format!("builtin={} config={}", request.builtin, request.config_dir);
    if request.config_dir
        && let Some(dir) = config_briefs_dir()
    {
        roots.push_str(&format!(" {}", dir.display()));
    }
    for p in &request.paths {
        let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        roots.push_str(&format!("\0{}", p.display()));
    }
    roots
}

/// Load what `request` asks for. Every brief that is right is loaded, whatever is wrong
/// with the others.
pub fn load(request: &Request) -> Loaded {
    load_with_progress(request, &|_| {})
}

/// [`load`], telling `progress` after each file. Files are read and parsed on every core;
/// the briefs keep the order of their files.
pub fn load_with_progress(request: &Request, progress: &(dyn Fn(Progress) + Sync)) -> Loaded {
    let (origins, mut diagnostics) = origins_of(request);

    // Built-in briefs are decoded from the binary, never read from the cache: a load of
    // them alone has no cache file to open, nor one to write.
    let any_file = origins.iter().any(|o| matches!(o, Origin::File(_)));
    let cache = match &request.cache_dir {
        Some(dir) if any_file => Cache::open(cache::file_for(dir, &roots(request))),
        _ => Cache::none(),
    };
    let total = origins.len();
    progress(Progress { done: 0, total });
    if let Some(loaded) = prechecked(request, &origins, &diagnostics) {
        progress(Progress { done: total, total });
        return loaded;
    }
    let done = AtomicUsize::new(0);
    let one = |origin: &Origin| {
        let outcome = load_one(origin, &request.limits, &cache);
        let done = done.fetch_add(1, Ordering::Relaxed) + 1;
        progress(Progress { done, total });
        outcome
    };
    // Starting the thread pool costs more than a handful of briefs take to load.
    let outcomes: Vec<(Outcome, Option<Stamp>)> = if total < PARALLEL_FROM {
        origins.iter().map(one).collect()
    } else {
        origins.par_iter().map(one).collect()
    };

    let files = origins.len();
    let files_found = files;
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut kept: Vec<Origin> = Vec::new();
    let mut stamps: Vec<Option<(Stamp, bool)>> = Vec::new();
    for (origin, (outcome, stamp)) in origins.into_iter().zip(outcomes) {
        let name = origin.name();
        let mut masked = Vec::new();
        let (brief, valid, cached) = match outcome {
            Outcome::Cached(brief) => (brief, true, true),
            Outcome::Parsed(Ok(brief)) => (brief, true, false),
            Outcome::Parsed(Err(mut rejected)) => {
                diagnostics.append(&mut rejected.diagnostics);
                masked = std::mem::take(&mut rejected.masked);
                match rejected.partial {
                    Some(brief) => (*brief, false, false),
                    None => continue,
                }
            }
            Outcome::Unreadable(message) => {
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
        // Only what loaded on its own is cached; a rejected file is parsed every time,
        // so that its problems are reported every time.
        stamps.push(stamp.filter(|_| valid).map(|s| (s, cached)));
        candidates.push(Candidate {
            brief,
            name,
            valid,
            masked,
        });
        kept.push(origin);
    }
    // A user's file with the id of a built-in brief replaces it: that is how one edits a
    // shipped brief, and how `brief check briefs/x.yaml` is run inside this repository.
    let user_ids: std::collections::HashSet<String> = candidates
        .iter()
        .zip(&kept)
        .filter(|(_, o)| matches!(o, Origin::File(_)))
        .map(|(c, _)| c.brief.id.to_string())
        .collect();
    let found: Vec<String> = kept.iter().map(Origin::name).collect();
    let before = candidates.len();
    let mut stamps_kept = Vec::with_capacity(stamps.len());
    let mut candidates_kept = Vec::with_capacity(candidates.len());
    let mut origins_kept = Vec::with_capacity(kept.len());
    for ((c, o), s) in candidates.into_iter().zip(kept).zip(stamps) {
        if !(matches!(o, Origin::Builtin(..)) && user_ids.contains(c.brief.id.as_str())) {
            candidates_kept.push(c);
            origins_kept.push(o);
            stamps_kept.push(s);
        }
    }
    let (candidates, kept, stamps) = (candidates_kept, origins_kept, stamps_kept);
    let files = files - (before - candidates.len());
    let checked = Checked::new(&candidates, builtin_brief_ids());
    // A load that met no problem at all keeps the whole corpus in the cache's order, which
    // lets a search read the cache alone next time (see `cached_search`).
    let clean = diagnostics.is_empty()
        && checked.problems().is_empty()
        && found.len() == files_found
        && candidates.iter().all(|c| c.valid)
        && stamps.iter().all(Option::is_some);
    let save = |briefs: &mut dyn Iterator<Item = &Brief>, clean: Option<&CleanLoad>| {
        if request.cache_dir.is_none() {
            return;
        }
        let held: Vec<&Stamp> = stamps.iter().flatten().map(|(s, _)| s).collect();
        let all_cached = stamps.iter().flatten().all(|(_, cached)| *cached);
        if all_cached && cache.holds_exactly(&held) && cache.clean() == clean {
            return;
        }
        let files: Vec<(&Stamp, Option<&Brief>)> = stamps
            .iter()
            .zip(briefs)
            .filter_map(|(s, brief)| {
                let (stamp, cached) = s.as_ref()?;
                Some((stamp, (!cached).then_some(brief)))
            })
            .collect();
        // A cache that cannot be written costs speed next time, nothing else.
        let _ = cache.save(&files, clean);
    };
    if !clean {
        save(&mut candidates.iter().map(|c| &c.brief), None);
    }
    let names: Vec<String> = candidates.iter().map(|c| c.name.clone()).collect();
    let dated: Vec<crate::brief::corpus::CorpusProblem> = match request.checked_on {
        Some(day) => candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.valid)
            .flat_map(|(index, c)| {
                crate::brief::validate::check_dates(&c.brief, day)
                    .into_iter()
                    .map(move |problem| crate::brief::corpus::CorpusProblem { index, problem })
            })
            .collect(),
        None => Vec::new(),
    };
    let histories: Vec<(String, PathBuf)> = candidates
        .iter()
        .zip(&kept)
        .filter(|(c, _)| c.valid && c.brief.kind == crate::brief::model::BriefKind::NegotiatedText)
        .filter_map(|(c, o)| match o {
            Origin::File(p) => Some((c.brief.id.to_string(), p.clone())),
            Origin::Builtin(_) => None,
        })
        .collect();
    let (corpus, mut problems) = checked.build(candidates);
    let mut texts = None;
    // Built-ins alone have no cache to keep a clean load in (see `any_file`).
    if clean && any_file && request.cache_dir.is_some() {
        // Every candidate is in the corpus, in order.
        let load = CleanLoad {
            found,
            corpus: names.clone(),
            names: NameTable::of(&corpus),
        };
        save(&mut corpus.briefs().iter(), Some(&load));
        if request.texts
            && let Some(dir) = &request.cache_dir
        {
            // The cache as it is now, which another process may have written since: it
            // serves only if it holds exactly the files as this load read them.
            let now = Cache::open(cache::file_for(dir, &roots(request)));
            let same = now.clean().is_some_and(|c| c.corpus == load.corpus)
                && stamps.iter().flatten().all(|(s, _)| now.holds(s));
            if same {
                texts = Some(CachedSearch {
                    cache: now,
                    briefs: load.corpus,
                });
            }
        }
    }
    drop(cache);
    problems.extend(dated);
    // Problems between briefs are rare: only then read the file again for locations.
    for (i, origin) in kept.iter().enumerate() {
        let mine = crate::brief::corpus::problems_of(&problems, i);
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
        texts,
        histories,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cache is thrown away when any source file that shapes what it holds changes
    /// (build.rs hashes them). A source file is either one of those, or in a layer above
    /// the library (which only reads what was loaded). A new file or module in neither —
    /// a `src/parse/` the loader uses, say — fails here until build.rs names it.
    #[test]
    fn the_cache_s_fingerprint_covers_every_source_file_below_the_queries() {
        let covered: Vec<&str> = env!("BRIEF_MODEL_FILES").split(';').collect();
        for must in [
            "src/brief/model.rs",
            "src/brief/load.rs",
            "src/brief/validate.rs",
            "src/cache.rs",
        ] {
            assert!(covered.contains(&must), "{must} is not hashed: {covered:?}");
        }
        assert!(covered.iter().any(|f| f.starts_with("src/draft/")));
        const ABOVE: &[&str] = &[
            "src/query/",
            "src/desk/",
            "src/render/",
            "src/tui/",
            "src/cli/",
            "src/main.rs",
            "src/lib.rs",
        ];
        fn walk(dir: &Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p.display().to_string());
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        walk(&root.join("src"), &mut files);
        for f in files {
            let rel = f
                .strip_prefix(&format!("{}/", root.display()))
                .unwrap_or(&f)
                .to_owned();
            assert!(
                covered.contains(&rel.as_str()) || ABOVE.iter().any(|a| rel.starts_with(a)),
                "{rel} is neither hashed into the cache's fingerprint (build.rs, CACHE_SHAPERS) \
                 nor in a layer above the library"
            );
        }
    }

    /// The built-ins' corpus made without checks is the one their checks make: the same
    /// briefs in the same order, the same declarations, whichever brief is read first.
    #[test]
    fn the_built_ins_checked_at_build_time_make_the_corpus_their_checks_make() {
        let candidates: Vec<Candidate> = builtin::BUILTIN
            .iter()
            .map(|(name, yaml)| Candidate {
                brief: load::load(name, yaml, &Limits::default()).unwrap(),
                name: (*name).to_owned(),
                valid: true,
                masked: Vec::new(),
            })
            .collect();
        let (checked, problems) = Corpus::build(candidates, &[]);
        assert_eq!(problems, []);
        let last = builtin::BUILTIN.len() - 1;
        for first in [0, last] {
            let lazy = builtin::corpus().expect("the build's globals decode");
            // Each brief's outline, as build.rs listed it, before any is decoded.
            crate::brief::corpus::tests::assert_lists_without_making(&lazy, &checked);
            // One brief read alone, by id, before any other.
            let brief = checked.briefs().get(first).unwrap();
            assert_eq!(lazy.briefs().find(&brief.id), Some(brief));
            assert!(lazy.briefs().iter().eq(checked.briefs().iter()));
            assert_eq!(lazy.globals(), checked.globals());
            assert!(lazy.selectors().eq(checked.selectors()));
        }
        // And the load of the built-ins alone is that corpus.
        let loaded = load(&Request {
            builtin: true,
            ..Request::default()
        });
        assert!(loaded.diagnostics.is_empty());
        assert!(loaded.corpus.briefs().iter().eq(checked.briefs().iter()));
    }

    /// What build.rs encoded must be what the loader makes of the YAML today: if the
    /// model, the loader or a brief changed without the encoding following, this fails.
    #[test]
    fn each_built_in_decodes_to_what_its_yaml_loads_to() {
        assert_eq!(builtin::BUILTIN.len(), builtin::ENCODED.len());
        assert_eq!(builtin::BUILTIN.len(), builtin::IDS.len());
        for (i, (name, yaml)) in builtin::BUILTIN.iter().enumerate() {
            let parsed = load::load(name, yaml, &Limits::default())
                .unwrap_or_else(|r| panic!("{name}: {:#?}", r.diagnostics));
            assert_eq!(builtin::decode(i).as_ref(), Ok(&parsed), "{name}");
            assert_eq!(builtin_brief_ids()[i], parsed.id.as_str(), "{name}");
        }
        assert!(builtin::decode(builtin::BUILTIN.len()).is_err());
    }

    /// An edited built-in of the same size once came from the cache stale, under a stamp
    /// of its name and size: a cache holding such an entry must not be believed.
    #[test]
    fn a_built_in_is_never_taken_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let request = Request {
            builtin: true,
            cache_dir: Some(dir.path().to_path_buf()),
            ..Request::default()
        };
        let stale = Stamp {
            name: Origin::Builtin(0).name(),
            size: builtin::BUILTIN[0].1.len() as u64,
            modified_ns: 0,
            changed_ns: 0,
            inode: 0,
            also: Vec::new(),
        };
        let path = cache::file_for(dir.path(), &roots(&request));
        Cache::open(path.clone())
            .save(&[(&stale, Some(&edited(0)))], None)
            .unwrap();
        assert_is_built_in(&load(&request), 0);
        // Built-ins alone: the cache is not even opened, so it is left as it was.
        assert_eq!(Cache::open(path).len(), 1);
    }

    /// Built-in brief `i` with another title: what an old build might have cached.
    fn edited(i: usize) -> Brief {
        let mut old = builtin::decode(i).unwrap();
        old.title = "an old edition".into();
        old
    }

    fn assert_is_built_in(loaded: &Loaded, i: usize) {
        assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
        let shown = &loaded.corpus.briefs()[i];
        let built_in = builtin::decode(i).unwrap();
        assert_eq!(shown.title.as_str(), built_in.title.as_str());
        assert!(*shown == built_in, "{}", builtin::BUILTIN[i].0);
    }

    /// Beside a user's file the built-ins are cached too, for `brief search` to read their
    /// text, under a stamp of what is built in; but a load still takes them from the
    /// binary, even when the cache holds another brief under that very stamp.
    #[test]
    fn a_built_in_in_the_cache_is_only_for_search() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine.yaml");
        std::fs::write(&mine, include_str!("../tests/fixtures/example.yaml")).unwrap();
        // The cache trusts only files that have not changed for a while.
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        File::options()
            .write(true)
            .open(&mine)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let cache_dir = dir.path().join("cache");
        let request = Request {
            builtin: true,
            paths: vec![mine],
            cache_dir: Some(cache_dir.clone()),
            ..Request::default()
        };
        let loaded = load(&request);
        assert_is_built_in(&loaded, 0);
        assert_eq!(loaded.corpus.briefs().len(), builtin::BUILTIN.len() + 1);
        let path = cache::file_for(&cache_dir, &roots(&request));
        let cache = Cache::open(path.clone());
        assert_eq!(cache.len(), builtin::BUILTIN.len() + 1);
        assert!(cache.holds(&builtin_stamp(0)));
        assert!(cached_search(&request).is_some());
        // Another brief under the stamp of the built-in one.
        cache
            .save(&[(&builtin_stamp(0), Some(&edited(0)))], None)
            .unwrap();
        assert_is_built_in(&load(&request), 0);
    }

    #[test]
    fn each_built_in_has_a_stamp_of_its_own() {
        let hashes: std::collections::HashSet<i64> = (0..builtin::BUILTIN.len())
            .map(|i| builtin_stamp(i).modified_ns)
            .collect();
        assert_eq!(hashes.len(), builtin::BUILTIN.len());
        assert!(!hashes.contains(&0));
    }
}
