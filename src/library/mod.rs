//! Where briefs come from: the ones built into the binary, the user's config folder and
//! `--briefs` paths. This module knows the file system; parsing is `brief::load`'s.

mod builtin;
pub mod cache;
mod files;
mod folders;
mod texts;
mod tracked;
mod watch;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::brief::corpus::{Around, Candidate, Checked, Corpus, Deferred, Listing};
use crate::brief::diag::Diagnostic;
use crate::brief::load::{self, Limits, Rejected};
use crate::brief::model::Brief;
use crate::search::text::NameTable;
use builtin::builtin_stamp;
use cache::{Cache, CleanLoad, Keep, OtherFile, Stamp, current_stamp, file_stamp};
use files::{bytes_of, read_limited_as};
use folders::{Origin, origins_of};
use texts::{TextFile, is_history, load_history};

pub use builtin::{builtin_brief_ids, builtin_corpus, builtin_files};
pub use cache::{Searchable, cached_search};
pub use folders::config_briefs_dir;
pub use texts::{located, read_text, version_file};
pub use tracked::tracked_changes;
pub use watch::Sources;

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
    /// With [`Request::texts`] and no cache kept: `brief search` of this query with no
    /// filter. Each negotiated text is searched where it is read, on every core, and only
    /// its lines of hits are kept, not the text: a thousand texts are never held at once.
    pub search: Option<crate::search::Query>,
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
    /// With [`Request::texts`], the searchable text of each of the corpus's briefs where
    /// it can be had without folding the brief: the cache's, when it holds exactly what
    /// this load found; else each negotiated text's, made from the text without making its
    /// brief. The reader searches those instead of keeping its own folded copy of every
    /// brief.
    pub texts: Option<Searchable>,
    /// The negotiated texts among the corpus's briefs, by brief id, with the history file
    /// each was made from: a view that needs the text itself — its versions and their
    /// alignment, not the brief made of them — reads it with [`read_text`].
    pub histories: Vec<(String, PathBuf)>,
    /// The outlines the checks between briefs read and nothing else does (see
    /// [`crate::brief::corpus::Shells`]): freed when the load is, or left by a process
    /// that is about to end.
    pub shells: crate::brief::corpus::Shells,
}

/// Fewer files than this load on one thread.
const PARALLEL_FROM: usize = 16;

/// What became of one file.
enum Outcome {
    /// Taken from the cache: it loaded on its own when cached, and has not changed.
    Cached(Offered),
    /// Parsed now.
    Parsed(Result<Offered, Rejected>),
    Unreadable(String),
}

/// What a file offers the corpus: its brief (a text's shell), how to make a text's brief,
/// and the text. Made where the file is read, on every core: a thousand texts' shells
/// take a second on one.
struct Offered {
    brief: Brief,
    deferred: Option<Deferred>,
    text: Option<Arc<TextFile>>,
    /// A text searched where it was read (see [`Request::search`]): its lines of hits,
    /// `None` when its hits could not be made.
    found: Option<Option<String>>,
}

impl From<Made> for Offered {
    fn from(made: Made) -> Offered {
        let text = match &made {
            Made::Text(t) => Some(t.clone()),
            Made::Brief(_) => None,
        };
        let (brief, deferred) = made.candidate();
        Offered {
            brief,
            deferred,
            text,
            found: None,
        }
    }
}

/// What a file loads as: a brief, or a negotiated text, whose brief is made only when
/// something reads it (list, search and the checks between briefs need only its shell:
/// see `draft::as_brief`).
// A brief is moved, never copied, and most files are briefs: boxing it would cost an
// allocation each for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Made {
    Brief(Brief),
    Text(Arc<TextFile>),
}

impl Made {
    /// The brief, where it is one.
    pub fn brief(&self) -> Option<&Brief> {
        match self {
            Made::Brief(b) => Some(b),
            Made::Text(_) => None,
        }
    }

    /// What the checks between briefs are made on, and, for a text, how to make its brief
    /// when it is read.
    fn candidate(self) -> (Brief, Option<Deferred>) {
        match self {
            Made::Brief(brief) => (brief, None),
            Made::Text(text) => {
                let shell = crate::draft::as_brief::shell(&text.text);
                let listing = Listing::of(&shell);
                let make = Arc::new(move |_, around: &Around| {
                    crate::draft::as_brief::brief_of(&text.text, around)
                });
                (
                    shell,
                    Some(Deferred {
                        index: 0,
                        make,
                        listing,
                    }),
                )
            }
        }
    }
}

/// Read and parse one file, or take it from the cache; decode a built-in brief. Returns
/// the file's stamp when it may be cached.
fn load_one(
    origin: &Origin,
    limits: &Limits,
    cache: &Cache,
    search: Option<&crate::search::Query>,
) -> (Outcome, Option<Stamp>) {
    let name = origin.name();
    let (path, stamp, bytes) = match origin {
        // Checked when brief was built: decoded from the binary, never taken from the
        // cache. Its stamp (a hash of what is built in) is for the cache's searchable
        // text, which `cached_search` reads; "cached" means only that the cache holds
        // this version already, so that a save keeps its entry.
        Origin::Builtin(i) => {
            let stamp = builtin_stamp(*i);
            let outcome = match builtin::decode(*i) {
                Ok(brief) if cache.holds(&stamp) => Outcome::Cached(Made::Brief(brief).into()),
                Ok(brief) => Outcome::Parsed(Ok(Made::Brief(brief).into())),
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
                if let Some(made) = stamp
                    .as_ref()
                    .filter(|s| s.size <= limits.max_file_bytes)
                    .and_then(|s| cache.get(s))
                {
                    return (Outcome::Cached(made.into()), stamp);
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
            Ok((text, versions)) => {
                let also: Option<Vec<OtherFile>> = versions.iter().map(|p| file_stamp(p)).collect();
                let stamp = stamp.zip(also).map(|(s, also)| Stamp { also, ..s });
                let offered = match search {
                    Some(query) => searched(&name, path, text, query, limits),
                    None => Made::Text(Arc::new(text)).into(),
                };
                (Outcome::Parsed(Ok(offered)), stamp)
            }
            Err(rejected) => (Outcome::Parsed(Err(rejected)), None),
        },
        Ok(bytes) => (
            Outcome::Parsed(load::load(&name, &bytes, limits).map(|b| Made::Brief(b).into())),
            stamp,
        ),
    }
}

/// What a text offers a load that searches it for `query` where it is read (see
/// [`Request::search`]): its shell, its lines of hits, and its brief made, if something
/// reads it after all, from its file read again.
fn searched(
    name: &str,
    path: &std::path::Path,
    text: TextFile,
    query: &crate::search::Query,
    limits: &Limits,
) -> Offered {
    // The entries' ids and order, made once for the search and the shell.
    let entries = crate::draft::as_brief::Entries::new(&text.text, true);
    let found = texts::search(&text.text, &entries, query);
    let brief = crate::draft::as_brief::shell_of(&text.text, entries);
    drop(text);
    let listing = Listing::of(&brief);
    let (id, name, path, limits) = (
        brief.id.to_string(),
        name.to_owned(),
        path.to_path_buf(),
        *limits,
    );
    let make = Arc::new(move |_, around: &Around| reread(&id, &name, Some(&path), &limits, around));
    Offered {
        brief,
        deferred: Some(Deferred {
            index: 0,
            make,
            listing,
        }),
        text: None,
        found: Some(found),
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
        shells: Default::default(),
    })
}

/// What a cache is for: the same request, from the same places.
pub(super) fn roots(request: &Request) -> String {
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
    let cache = match from_cache(request, cache, &origins, &diagnostics) {
        Ok(loaded) => {
            progress(Progress { done: total, total });
            return loaded;
        }
        // Not vouched for: read what changed, and take the rest from the cache.
        Err(cache) if cache.is_open() => *cache,
        Err(_) => match &request.cache_dir {
            Some(dir) if any_file => Cache::open(cache::file_for(dir, &roots(request))),
            _ => Cache::none(),
        },
    };
    let done = AtomicUsize::new(0);
    // A text is searched where it is read only when it is not to be cached.
    let search = request
        .search
        .as_ref()
        .filter(|_| request.texts && request.cache_dir.is_none());
    let one = |origin: &Origin| {
        let outcome = load_one(origin, &request.limits, &cache, search);
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
    // Each candidate's text, for a negotiated text.
    let mut texts: Vec<Option<Arc<TextFile>>> = Vec::new();
    // Each candidate's lines of hits, for a text searched where it was read.
    let mut hit_lines: Vec<Option<Option<String>>> = Vec::new();
    let mut kept: Vec<Origin> = Vec::new();
    let mut stamps: Vec<Option<(Stamp, bool)>> = Vec::new();
    for (origin, (outcome, stamp)) in origins.into_iter().zip(outcomes) {
        let name = origin.name();
        let mut masked = Vec::new();
        let (offered, valid, cached) = match outcome {
            Outcome::Cached(offered) => (offered, true, true),
            Outcome::Parsed(Ok(offered)) => (offered, true, false),
            Outcome::Parsed(Err(mut rejected)) => {
                diagnostics.append(&mut rejected.diagnostics);
                masked = std::mem::take(&mut rejected.masked);
                match rejected.partial {
                    Some(brief) => (Made::Brief(*brief).into(), false, false),
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
        let Offered {
            brief,
            deferred,
            text,
            found: lines,
        } = offered;
        texts.push(text);
        hit_lines.push(lines);
        candidates.push(Candidate {
            brief,
            name,
            valid,
            masked,
            deferred,
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
    let mut texts_kept = Vec::with_capacity(texts.len());
    let mut lines_kept = Vec::with_capacity(hit_lines.len());
    for ((((c, o), s), t), f) in candidates
        .into_iter()
        .zip(kept)
        .zip(stamps)
        .zip(texts)
        .zip(hit_lines)
    {
        if !(matches!(o, Origin::Builtin(..)) && user_ids.contains(c.brief.id.as_str())) {
            candidates_kept.push(c);
            origins_kept.push(o);
            stamps_kept.push(s);
            texts_kept.push(t);
            lines_kept.push(f);
        }
    }
    let (candidates, kept, stamps, texts, hit_lines) = (
        candidates_kept,
        origins_kept,
        stamps_kept,
        texts_kept,
        lines_kept,
    );
    let files = files - (before - candidates.len());
    let checked = Checked::new(&candidates, builtin_brief_ids());
    // A load that met no problem at all keeps the whole corpus in the cache's order, which
    // lets a search read the cache alone next time (see `cached_search`), and the next
    // load make the corpus from the cache without reading a brief (see `from_cache`).
    let clean = diagnostics.is_empty()
        && checked.problems().is_empty()
        && found.len() == files_found
        && candidates.iter().all(|c| c.valid)
        && stamps.iter().all(Option::is_some);
    let save = |keep: &mut dyn Iterator<Item = Keep<'_>>, clean: Option<&CleanLoad>| {
        if request.cache_dir.is_none() {
            return;
        }
        let held: Vec<&Stamp> = stamps.iter().flatten().map(|(s, _)| s).collect();
        let all_cached = stamps.iter().flatten().all(|(_, cached)| *cached);
        if all_cached && cache.holds_exactly(&held) && cache.clean() == clean {
            return;
        }
        let files: Vec<(&Stamp, Option<Keep<'_>>)> = stamps
            .iter()
            .zip(keep)
            .filter_map(|(s, keep)| {
                let (stamp, cached) = s.as_ref()?;
                Some((stamp, (!cached).then_some(keep)))
            })
            .collect();
        // A cache that cannot be written costs speed next time, nothing else.
        let _ = cache.save(&files, clean);
    };
    fn keep_of<'a>(c: &'a Candidate, t: &'a Option<Arc<TextFile>>) -> Keep<'a> {
        match t {
            Some(t) => Keep::Text(t),
            None => Keep::Brief(&c.brief),
        }
    }
    if !clean {
        save(
            &mut candidates.iter().zip(&texts).map(|(c, t)| keep_of(c, t)),
            None,
        );
    }
    let names: Vec<String> = candidates.iter().map(|c| c.name.clone()).collect();
    let dated: Vec<crate::brief::corpus::CorpusProblem> = match request.checked_on {
        // A text's shell has what its brief has to check against a day: no events.
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
    // Kept for saving a clean load (the corpus holds each brief, and a text's only as a
    // way to make it) and for searching texts without making their briefs.
    let by_id: HashMap<String, Arc<TextFile>> = candidates
        .iter()
        .zip(&texts)
        .filter_map(|(c, t)| Some((c.brief.id.to_string(), t.clone()?)))
        .collect();
    let found_by_id: HashMap<String, Option<String>> = candidates
        .iter()
        .zip(hit_lines)
        .filter_map(|(c, f)| Some((c.brief.id.to_string(), f?)))
        .collect();
    let (corpus, mut problems, shells) = checked.build_with_shells(candidates);
    let mut searchable = None;
    // Built-ins alone have no cache to keep a clean load in (see `any_file`).
    if clean && any_file && request.cache_dir.is_some() {
        // Every candidate is in the corpus, in order.
        let briefs = corpus.briefs();
        let load = CleanLoad {
            found,
            corpus: names.clone(),
            names: NameTable::of(&corpus),
            globals: corpus.globals(),
            listings: (0..briefs.len())
                .filter_map(|i| briefs.contents(i).map(|c| c.listing()))
                .collect(),
        };
        save(
            &mut (0..briefs.len()).map(|i| match &texts[i] {
                Some(t) => Keep::Text(t),
                None => Keep::Brief(&briefs[i]),
            }),
            Some(&load),
        );
        if request.texts
            && let Some(dir) = &request.cache_dir
        {
            // The cache as it is now, which another process may have written since: it
            // serves only if it holds exactly the files as this load read them.
            let now = Cache::open(cache::file_for(dir, &roots(request)));
            let same = now.clean().is_some_and(|c| c.corpus == load.corpus)
                && stamps.iter().flatten().all(|(s, _)| now.holds(s));
            if same {
                searchable = Some(Searchable::cached(Arc::new(now), load.corpus));
            }
        }
    }
    if request.texts && searchable.is_none() && !by_id.is_empty() {
        searchable = Some(Searchable::in_memory(&corpus, &by_id));
    }
    if request.texts && searchable.is_none() && !found_by_id.is_empty() {
        searchable = Some(Searchable::found(&corpus, found_by_id));
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
        texts: searchable,
        histories,
        shells,
    }
}

/// Brief `id` read again from its file at `path` (named `name` in messages), when the
/// cache's copy of it does not read; a brief that says why in its title if the file does
/// not load after all.
fn reread(
    id: &str,
    name: &str,
    path: Option<&std::path::Path>,
    limits: &Limits,
    around: &Around,
) -> Brief {
    let Some(path) = path else {
        return builtin::unreadable(id, &format!("{name}: not found"));
    };
    let bytes = match files::read_limited(path, limits.max_file_bytes) {
        Ok(bytes) => bytes,
        Err(e) => return builtin::unreadable(id, &format!("{name}: {e}")),
    };
    let made = if is_history(&bytes) {
        load_history(name, path, &bytes, limits)
            .map(|(t, _)| crate::draft::as_brief::brief_of(&t.text, around))
    } else {
        load::load(name, &bytes, limits)
    };
    made.unwrap_or_else(|r| {
        let why = r
            .diagnostics
            .first()
            .map_or_else(|| format!("{name}: does not load"), ToString::to_string);
        builtin::unreadable(id, &why)
    })
}

/// The load of `request` when the cache holds a load that met no problem of exactly the
/// files found now (see `cache::vouched`): the corpus is made of the cache's listings and
/// declarations, and each brief is read from the cache only when something reads it —
/// `brief list` of a thousand texts then decodes none of them.
fn from_cache(
    request: &Request,
    cache: Cache,
    origins: &[Origin],
    diagnostics: &[Diagnostic],
) -> Result<Loaded, Box<Cache>> {
    if request.checked_on.is_some() {
        return Err(Box::new(cache));
    }
    let cache = cache::vouched(request, cache, origins, diagnostics)?;
    let Some(clean) = cache.clean() else {
        return Err(Box::new(cache));
    };
    if clean.listings.len() != clean.corpus.len() {
        return Err(Box::new(cache));
    }
    let cache = Arc::new(cache);
    let Some(clean) = cache.clean() else {
        return Err(Box::new(Cache::none()));
    };
    let builtins: HashMap<String, usize> = origins
        .iter()
        .filter_map(|o| match o {
            Origin::Builtin(i) => Some((o.name(), *i)),
            Origin::File(_) => None,
        })
        .collect();
    let paths: HashMap<String, &PathBuf> = origins
        .iter()
        .filter_map(|o| match o {
            Origin::File(p) => Some((o.name(), p)),
            Origin::Builtin(_) => None,
        })
        .collect();
    let mut histories = Vec::new();
    let briefs: Vec<Deferred> = clean
        .corpus
        .iter()
        .zip(&clean.listings)
        .enumerate()
        .map(|(index, (name, listing))| {
            if cache.held(name) == Some(cache::Held::Text)
                && let Some(path) = paths.get(name)
            {
                histories.push((listing.id().to_owned(), (*path).clone()));
            }
            let make: crate::brief::corpus::Make = match builtins.get(name) {
                Some(&i) => Arc::new(move |_, _| builtin::brief(i)),
                None => {
                    let (cache, name) = (cache.clone(), name.clone());
                    let (id, path) = (
                        listing.id().to_owned(),
                        paths.get(&name).map(|p| (*p).clone()),
                    );
                    let limits = request.limits;
                    Arc::new(move |_, around: &Around| match cache.get_named(&name) {
                        Some(Made::Brief(b)) => b,
                        Some(Made::Text(t)) => crate::draft::as_brief::brief_of(&t.text, around),
                        // The cache's copy is broken (its hash caught a flipped bit): the
                        // file is read instead, which the cache vouched is as it was, and
                        // the cache is dropped for the next load to write anew.
                        None => {
                            cache.discard();
                            reread(&id, &name, path.as_deref(), &limits, around)
                        }
                    })
                }
            };
            Deferred {
                index,
                make,
                listing: listing.clone(),
            }
        })
        .collect();
    let corpus = Corpus::prechecked(clean.globals.clone(), briefs);
    let texts = request
        .texts
        .then(|| Searchable::cached(cache.clone(), clean.corpus.clone()));
    Ok(Loaded {
        corpus,
        diagnostics: Vec::new(),
        files: origins.len(),
        texts,
        histories,
        // The cache's listings stand for the outlines: none was made.
        shells: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;
    use std::path::Path;

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
            "src/library/cache.rs",
        ] {
            assert!(covered.contains(&must), "{must} is not hashed: {covered:?}");
        }
        assert!(covered.iter().any(|f| f.starts_with("src/draft/")));
        const ABOVE: &[&str] = &[
            "src/query/",
            "src/desk/",
            "src/render/",
            "src/tui/",
            "src/line/",
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
                deferred: None,
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
            .save(&[(&stale, Some(Keep::Brief(&edited(0))))], None)
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
        std::fs::write(&mine, include_str!("../../tests/fixtures/example.yaml")).unwrap();
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
            .save(&[(&builtin_stamp(0), Some(Keep::Brief(&edited(0))))], None)
            .unwrap();
        assert_is_built_in(&load(&request), 0);
    }

    /// Copy `files` of `from` into `to`, dated a minute ago (the cache trusts only files
    /// that have not changed for a while).
    fn copy_dated(from: &Path, to: &Path, files: &[&str]) {
        std::fs::create_dir_all(to).unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        for f in files {
            std::fs::copy(from.join(f), to.join(f)).unwrap();
            File::options()
                .write(true)
                .open(to.join(f))
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
    }

    /// A clean load is made again from the cache without reading a brief: listed, declared
    /// and searchable as the load that read every file, each brief made only when read and
    /// then the same brief, a text's too.
    #[test]
    fn a_load_the_cache_vouches_for_makes_no_brief_until_one_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let briefs = dir.path().join("briefs");
        copy_dated(&root.join("cli"), &briefs, &["example.yaml", "world.yaml"]);
        copy_dated(
            &root.join("drafts"),
            &briefs.join("drafts"),
            &[
                "lakeland.yaml",
                "zero.txt",
                "rev1.txt",
                "rev1.xml",
                "rev2.md",
            ],
        );
        let request = Request {
            paths: vec![briefs],
            cache_dir: Some(dir.path().join("cache")),
            texts: true,
            ..Request::default()
        };
        let read = load(&Request {
            cache_dir: None,
            ..request.clone()
        });
        assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
        // Without a cache, a text's searchable text is made from the text, once, and an
        // index of them finds what one of the briefs finds, without making a text's brief.
        {
            use crate::search::{Filter, Index, Query};
            let texts = Arc::new(read.texts.expect("the texts' searchable texts"));
            let index = Index::reading(&read.corpus, texts);
            assert!(!index.reads(), "kept, not made again for every query");
            let lakeland = read.corpus.briefs().position("lakeland-outcome").unwrap();
            let queries = ["the", "lakes", "agreed ad ref", "nothing like this"];
            let found: Vec<_> = queries
                .iter()
                .map(|q| index.matches(&read.corpus, &Query::parse(q), &Filter::default()))
                .collect();
            assert!(!read.corpus.briefs().is_made(lakeland));
            assert!(found.iter().any(|f| f.iter().any(|p| p.brief == lakeland)));
            let all = Index::build(&read.corpus);
            for (q, found) in queries.iter().zip(found) {
                let query = Query::parse(q);
                assert_eq!(
                    found,
                    all.matches(&read.corpus, &query, &Filter::default()),
                    "{q}"
                );
            }
        }
        let read = load(&Request {
            cache_dir: None,
            ..request.clone()
        });
        let first = load(&request);
        let again = load(&request);
        let (made, lazy) = (&read.corpus, &again.corpus);
        assert_eq!(lazy.briefs().len(), 3);
        crate::brief::corpus::tests::assert_lists_without_making(lazy, made);
        assert_eq!(lazy.globals(), made.globals());
        assert_eq!(again.histories, read.histories);
        assert!(
            again.texts.as_ref().is_some_and(|t| t.names().is_some()),
            "the cache's searchable texts"
        );
        // The text is read first: it alone is made.
        let text = lazy.briefs().position("lakeland-outcome").unwrap();
        assert_eq!(lazy.briefs().get(text), made.briefs().get(text));
        for i in 0..lazy.briefs().len() {
            assert_eq!(lazy.briefs().is_made(i), i == text, "brief {i}");
        }
        for i in 0..lazy.briefs().len() {
            assert_eq!(lazy.briefs().get(i), made.briefs().get(i));
        }
        drop(first);
        // A check against a day reads every file: the briefs are made as they load.
        let checked = load(&Request {
            checked_on: Some(crate::brief::date::Date::ymd(2026, 12, 1)),
            ..request.clone()
        });
        let example = made.briefs().position("example-input").unwrap();
        assert!(checked.corpus.briefs().is_made(example));
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
