//! Where briefs come from: the ones built into the binary, the user's config folder and
//! `--briefs` paths. This module knows the file system; parsing is `brief::load`'s.

mod builtin;
pub mod cache;
mod files;
mod folders;
mod texts;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::brief::corpus::{Candidate, Checked, Corpus};
use crate::brief::diag::Diagnostic;
use crate::brief::load::{self, Limits, Rejected};
use crate::brief::model::Brief;
use crate::search::text::NameTable;
use builtin::builtin_stamp;
use cache::{Cache, CleanLoad, OtherFile, Stamp, current_stamp, file_stamp};
use files::{bytes_of, read_limited_as};
use folders::{Origin, origins_of};
use texts::{is_history, load_history};

pub use builtin::{builtin_brief_ids, builtin_corpus, builtin_files};
pub use cache::{CachedSearch, cached_search};
pub use folders::config_briefs_dir;
pub use texts::{located, read_text, version_file};

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
