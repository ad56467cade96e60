//! The load cache: briefs that passed their own checks, and negotiated texts with their
//! alignment, kept in a binary form in the platform's cache folder, so that a large folder
//! of briefs loads in a fraction of the time that parsing its YAML takes, and a library of
//! texts without reading or aligning a version. A clean load is recorded whole, and made
//! again from the record while its files are unchanged (see `library::from_cache`).
//!
//! Each file's entry is keyed by the file's name, size and modification time, and the
//! whole cache by the program's version and a fingerprint of the model's source. Anything
//! unexpected — no cache, a truncated or foreign file, a stale entry, an entry that does
//! not decode — means that file is parsed again: never a wrong brief, never an error. The
//! cache is written to a temporary file and renamed into place, so a reader sees the old
//! cache or the new one, whole.
//!
//! Only files that loaded on their own are cached; checks between briefs run on every
//! load. Briefs are neutralised before they are cached (see `brief::text`), and the cache
//! lives in the user's own folder, written only by this program.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use xxhash_rust::xxh3::xxh3_64;

use rayon::prelude::*;

use crate::brief::corpus::{Globals, Listing};
use crate::brief::model::Brief;
use crate::search::text::{HitText, NameTable, SearchText};

use super::Made;
use super::texts::TextFile;

use super::builtin::builtin_stamp;
use super::folders::{Origin, origins_of};
use super::{Request, roots};

/// The first bytes of every cache file: what it is and the layout of what follows.
const MAGIC: &[u8; 8] = b"brief\x00c\x05";

/// A cache larger than this is not ours: it is ignored rather than read.
const MAX_CACHE_BYTES: u64 = 4 << 30;

/// A file modified this recently may be modified again within the same clock tick, which
/// its stamp could not tell apart; such a file is parsed on every load until it settles.
const SETTLE: Duration = Duration::from_secs(2);

/// What the cache is valid for: this program, with this model.
fn version() -> String {
    format!(
        "{} {}",
        env!("CARGO_PKG_VERSION"),
        env!("BRIEF_MODEL_FINGERPRINT")
    )
}

/// What identifies one version of one file.
#[derive(Debug, Clone, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Stamp {
    /// The file's name as messages give it.
    pub name: String,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch; for a built-in brief, the hash
    /// build.rs took of it (see `library::builtin_stamp`).
    pub modified_ns: i64,
    /// Status-change time (ctime) in nanoseconds, and the inode: a file replaced by
    /// another of the same size and modification time (`cp -p`, an editor that writes a
    /// new file and renames it, a restore from backup) has a new ctime, and mostly a new
    /// inode, though its size and mtime look the same. 0 where the platform has neither.
    pub changed_ns: i64,
    pub inode: u64,
    /// The other files the brief was made from, as they were: a text's history is made
    /// from its versions' files.
    pub also: Vec<OtherFile>,
}

/// One of the other files a brief was made from, as a [`Stamp`] identifies it.
#[derive(Debug, Clone, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct OtherFile {
    pub name: String,
    pub size: u64,
    pub modified_ns: i64,
    pub changed_ns: i64,
    pub inode: u64,
}

impl Stamp {
    /// The stamp of a file from its metadata, or `None` when it changed too recently to be
    /// trusted (see [`SETTLE`]) or its time cannot be read.
    pub fn of_file(name: String, meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?;
        let (changed_ns, inode) = change_and_inode(meta);
        // Only the modification time must settle. The ctime is not waited for: every
        // file just copied in with its times kept would go uncached for two seconds, and
        // a second replacement within the same tick of the ctime clock, with a load in
        // between, is beyond what an editor or `cp -p` does.
        let age = SystemTime::now()
            .duration_since(modified)
            .unwrap_or_default();
        if age < SETTLE {
            return None;
        }
        let ns = modified
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            name,
            size: meta.len(),
            modified_ns: i64::try_from(ns).ok()?,
            changed_ns,
            inode,
            also: Vec::new(),
        })
    }

    /// Whether `other` is the same version of the same file, whatever was made with it.
    pub fn same_file(&self, other: &Stamp) -> bool {
        self.as_other() == other.as_other()
    }

    /// This file as one of the files another brief was made from.
    pub fn as_other(&self) -> OtherFile {
        OtherFile {
            name: self.name.clone(),
            size: self.size,
            modified_ns: self.modified_ns,
            changed_ns: self.changed_ns,
            inode: self.inode,
        }
    }
}

/// A file's status-change time in nanoseconds and its inode, where the platform has them.
fn change_and_inode(meta: &std::fs::Metadata) -> (i64, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (
            meta.ctime()
                .saturating_mul(1_000_000_000)
                .saturating_add(meta.ctime_nsec()),
            meta.ino(),
        )
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        (0, 0)
    }
}

/// The index of a cache file. The file is: [`MAGIC`], each entry's parts in order (its
/// encoded brief, searchable text and hit text; see [`Part`]), the index (bitcode), and
/// the index's length (u64, little-endian): written in one pass, a brief at a time.
#[derive(bitcode::Encode, bitcode::Decode)]
struct Index {
    version: String,
    /// Each file's stamp, and the length and XXH3 hash of each of its parts: a flipped
    /// bit could otherwise decode as a slightly different brief.
    entries: Vec<IndexEntry>,
    clean: Option<CleanLoad>,
}

/// A file's entry in the index: its stamp, what it holds, and each part's length and hash.
type IndexEntry = (Stamp, Held, [(u64, u64); PARTS]);

/// What an entry holds: a brief, or a negotiated text (whose brief is made when read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub enum Held {
    Brief,
    Text,
}

/// What a file loaded as, for the cache to keep.
#[derive(Clone, Copy)]
pub enum Keep<'a> {
    Brief(&'a Brief),
    Text(&'a TextFile),
}

/// The parts kept of each file, in the order they are written.
#[derive(Clone, Copy)]
enum Part {
    /// The encoded brief, or text (see [`Held`]).
    Brief = 0,
    /// Its [`SearchText`].
    Text = 1,
    /// Its [`HitText`]; for a text, where each entry's words are in the text, whose hits
    /// are made of the two rather than kept a third time.
    Hits = 2,
}
const PARTS: usize = 3;

/// A load that met no problem at all: which files it found and which briefs it made of
/// them, with the names their positions are matched through. While every one of those
/// files is unchanged, a search can read the cache alone (see `library::cached_search`).
#[derive(Debug, Clone, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct CleanLoad {
    /// Every file found, by name, in the order found (built-in briefs included).
    pub found: Vec<String>,
    /// The files of the corpus's briefs, in the corpus's order.
    pub corpus: Vec<String>,
    pub names: NameTable,
    /// What the corpus's briefs declare for one another, and each brief's listing, in
    /// the corpus's order: the corpus is made again of these, without a brief decoded,
    /// while the files are unchanged (see `library::load`).
    pub globals: Globals,
    pub listings: Vec<Listing>,
}

/// One file's entry in a cache that was read.
struct Cached {
    stamp: Stamp,
    held: Held,
    /// Where each part is in the cache file, and its hash.
    parts: [(Range<u64>, u64); PARTS],
}

/// A cache file, read.
///
/// Only the index is read at first; each part is read from the file when asked for, so
/// the cache never sits in memory beside the briefs decoded from it.
#[derive(Default)]
pub struct Cache {
    path: Option<PathBuf>,
    file: Option<File>,
    /// Reads that move the file's position take turns (see [`Cache::read`]).
    #[cfg_attr(unix, allow(dead_code))]
    turn: Mutex<()>,
    /// Where each file's parts are in the cache file, by name.
    entries: HashMap<String, Cached>,
    clean: Option<CleanLoad>,
}

/// The index of a cache file with where each part lies in the file; `None` when the file
/// is not a whole cache of this version.
fn read_index(
    file: &mut File,
    file_len: u64,
) -> Option<(HashMap<String, Cached>, Option<CleanLoad>)> {
    let mut magic = [0u8; MAGIC.len()];
    file.read_exact(&mut magic).ok()?;
    if magic != *MAGIC {
        return None;
    }
    // The index is at the end, followed by its length.
    let index_end = file_len.checked_sub(8)?;
    file.seek(SeekFrom::Start(index_end)).ok()?;
    let mut len = [0u8; 8];
    file.read_exact(&mut len).ok()?;
    let len = u64::from_le_bytes(len);
    let index_start = index_end.checked_sub(len)?;
    if index_start < MAGIC.len() as u64 {
        return None;
    }
    file.seek(SeekFrom::Start(index_start)).ok()?;
    let mut index = vec![0u8; usize::try_from(len).ok()?];
    file.read_exact(&mut index).ok()?;
    let index: Index = bitcode::decode(&index).ok()?;
    if index.version != version() {
        return None;
    }
    let mut at = MAGIC.len() as u64;
    let mut entries = HashMap::with_capacity(index.entries.len());
    for (stamp, held, sizes) in index.entries {
        let mut parts: [(Range<u64>, u64); PARTS] = Default::default();
        for (part, (size, hash)) in parts.iter_mut().zip(sizes) {
            let end = at.checked_add(size)?;
            *part = (at..end, hash);
            at = end;
        }
        entries.insert(stamp.name.clone(), Cached { stamp, held, parts });
    }
    // The parts must fill the file up to the index exactly: a cut or padded file is not
    // ours.
    (at == index_start).then_some((
        entries,
        index.clean.map(|c| CleanLoad {
            names: c.names.indexed(),
            ..c
        }),
    ))
}

/// The cache file in `dir` for loads of `roots` (what was asked for: folders, files and
/// whether built-ins are in), so that different sets of briefs do not evict each other.
pub fn file_for(dir: &Path, roots: &str) -> PathBuf {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in roots.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    dir.join(format!("briefs-{hash:016x}.bin"))
}

impl Cache {
    /// Read the cache at `path`. A missing, unreadable, foreign or outdated cache is an
    /// empty one.
    pub fn open(path: PathBuf) -> Cache {
        let mut cache = Cache {
            path: Some(path),
            ..Cache::default()
        };
        let Some(path) = &cache.path else {
            return cache;
        };
        let fits = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_CACHE_BYTES);
        if !fits {
            return cache;
        }
        let Ok(mut file) = File::open(path) else {
            return cache;
        };
        let Some((entries, clean)) = file
            .metadata()
            .ok()
            .and_then(|m| read_index(&mut file, m.len()))
        else {
            return cache;
        };
        cache.entries = entries;
        cache.clean = clean;
        cache.file = Some(file);
        cache
    }

    /// A cache that is never read or written.
    pub fn none() -> Cache {
        Cache::default()
    }

    /// Remove the cache file read, as broken: the next load writes it anew. Only while the
    /// path is still that file: another process may have written a new one since.
    pub fn discard(&self) {
        if let (Some(path), Some(file)) = (&self.path, &self.file)
            && same_file(file, path)
        {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Whether it is a cache file's (read or to be written), not [`Cache::none`].
    pub fn is_open(&self) -> bool {
        self.path.is_some()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// What is cached for exactly this version of the file, if it decodes.
    pub fn get(&self, stamp: &Stamp) -> Option<Made> {
        self.made(self.fresh(stamp)?)
    }

    /// What is cached for the file named `name`, whatever version of it. The caller has
    /// checked that the cache holds the file as it is (see [`CleanLoad`]).
    pub fn get_named(&self, name: &str) -> Option<Made> {
        self.made(self.entries.get(name)?)
    }

    fn made(&self, cached: &Cached) -> Option<Made> {
        let blob = self.part(cached, Part::Brief)?;
        match cached.held {
            Held::Brief => bitcode::decode(&blob).ok().map(Made::Brief),
            Held::Text => TextFile::decode(blob).map(|t| Made::Text(std::sync::Arc::new(t))),
        }
    }

    /// What the entry named `name` holds.
    pub fn held(&self, name: &str) -> Option<Held> {
        self.entries.get(name).map(|c| c.held)
    }

    /// What the last load that met no problem found, as long as the cache is that load's.
    pub fn clean(&self) -> Option<&CleanLoad> {
        self.clean.as_ref()
    }

    /// The stamp the cache holds for the file named `name`.
    pub fn stamp(&self, name: &str) -> Option<&Stamp> {
        self.entries.get(name).map(|c| &c.stamp)
    }

    /// Whether the cache holds exactly this version of the file.
    pub fn holds(&self, stamp: &Stamp) -> bool {
        self.fresh(stamp).is_some()
    }

    fn fresh(&self, stamp: &Stamp) -> Option<&Cached> {
        self.entries.get(&stamp.name).filter(|c| c.stamp == *stamp)
    }

    /// The searchable text of the file named `name`, as cached. The caller has checked the
    /// file's stamp (with [`Cache::holds`]).
    pub fn text(&self, name: &str) -> Option<SearchText> {
        SearchText::from_bytes(self.part(self.entries.get(name)?, Part::Text)?)
    }

    /// The hit text of the file named `name`, if it fits `text`, its searchable text. A
    /// text's is made from the text, for the entries `wanted` (see
    /// `draft::as_brief::hit_text`).
    pub fn hits(&self, name: &str, text: &SearchText, wanted: Option<&[usize]>) -> Option<HitText> {
        let cached = self.entries.get(name)?;
        match cached.held {
            Held::Brief => HitText::from_bytes(self.part(cached, Part::Hits)?, text),
            Held::Text => TextFile::hits(
                self.part(cached, Part::Brief)?,
                self.part(cached, Part::Hits)?,
                text,
                wanted,
            ),
        }
    }

    /// The bytes of one part of an entry, if they are what was written.
    fn part(&self, cached: &Cached, part: Part) -> Option<Vec<u8>> {
        let (range, hash) = &cached.parts[part as usize];
        let blob = self.read(range)?;
        (xxh3_64(&blob) == *hash).then_some(blob)
    }

    /// The bytes of the file in `range`. Threads read at once where the platform reads
    /// at an offset without moving the file's position.
    fn read(&self, range: &Range<u64>) -> Option<Vec<u8>> {
        let mut blob = vec![0u8; usize::try_from(range.end - range.start).ok()?];
        let file = self.file.as_ref()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileExt;
            file.read_exact_at(&mut blob, range.start).ok()?;
        }
        #[cfg(not(unix))]
        {
            let _turn = self.turn.lock().ok()?;
            let mut file = file;
            file.seek(SeekFrom::Start(range.start)).ok()?;
            file.read_exact(&mut blob).ok()?;
        }
        Some(blob)
    }

    /// True when the cache holds exactly these files, as they are now.
    pub fn holds_exactly(&self, stamps: &[&Stamp]) -> bool {
        stamps.len() == self.entries.len()
            && stamps
                .iter()
                .all(|s| self.entries.get(&s.name).is_some_and(|c| c.stamp == **s))
    }

    /// Write a new cache of `files`: each a stamp and, for a file parsed on this load, its
    /// brief; a file without one keeps the entry already cached for it. `clean` is the load
    /// that wrote it, when it met no problem. Written beside the old cache and renamed over
    /// it.
    pub fn save(
        &self,
        files: &[(&Stamp, Option<Keep<'_>>)],
        clean: Option<&CleanLoad>,
    ) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        create_private_dir(dir)?;
        let tmp = dir.join(format!(
            ".{}.{}.tmp",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("cache"),
            std::process::id()
        ));
        // One left by a killed process that had our pid.
        let _ = std::fs::remove_file(&tmp);
        sweep_dead_writers(dir);
        let written = (|| {
            let mut options = std::fs::File::options();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut f = options.open(&tmp)?;
            // Held until the file is renamed or this process ends: a temporary file no
            // one holds is one a killed writer left (see `sweep_dead_writers`).
            f.lock()?;
            let mut out = std::io::BufWriter::new(&mut f);
            out.write_all(MAGIC)?;
            let mut index = Index {
                version: version(),
                entries: Vec::with_capacity(files.len()),
                clean: clean.cloned(),
            };
            // A few briefs at a time, encoded on every core (or read back from the old
            // cache) and written, so that a save never holds the whole cache in memory
            // beside the briefs. A file not parsed now keeps its cached parts; one that
            // cannot be read back is left out, to be parsed next time.
            for chunk in files.chunks(64) {
                let parts: Vec<Option<(Held, [Vec<u8>; PARTS])>> = chunk
                    .par_iter()
                    .map(|(stamp, keep)| match keep {
                        Some(Keep::Brief(b)) => {
                            let (text, hits) = crate::search::text::build(b);
                            Some((
                                Held::Brief,
                                [bitcode::encode(*b), text.to_bytes(), hits.to_bytes()],
                            ))
                        }
                        Some(Keep::Text(t)) => {
                            // A text too large to index by 32-bit places is not cached.
                            let (kept, hits) = t.encode()?;
                            let text = crate::draft::as_brief::searchable(&t.text);
                            Some((Held::Text, [kept, text.to_bytes(), hits]))
                        }
                        None => {
                            let cached = self.fresh(stamp)?;
                            Some((
                                cached.held,
                                [
                                    self.part(cached, Part::Brief)?,
                                    self.part(cached, Part::Text)?,
                                    self.part(cached, Part::Hits)?,
                                ],
                            ))
                        }
                    })
                    .collect();
                for ((stamp, _), parts) in chunk.iter().zip(parts) {
                    let Some((held, parts)) = parts else { continue };
                    let mut sizes = [(0, 0); PARTS];
                    for (size, blob) in sizes.iter_mut().zip(&parts) {
                        out.write_all(blob)?;
                        *size = (blob.len() as u64, xxh3_64(blob));
                    }
                    index.entries.push(((*stamp).clone(), held, sizes));
                }
            }
            let index = bitcode::encode(&index);
            out.write_all(&index)?;
            out.write_all(&(index.len() as u64).to_le_bytes())?;
            out.flush()?;
            drop(out);
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }
}

/// Remove the temporary files that writers killed mid-save left in `dir` (a save of a
/// large cache writes hundreds of megabytes; thirty kills left 381 MB that nothing
/// removed). A writer holds a lock on its temporary file while it writes, and the system
/// lets go of it when the writer dies, so a file that can be locked has no writer. A file
/// is removed only while this process holds its lock and the name is still that file's.
fn sweep_dead_writers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(".tmp")) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = File::open(&path) else {
            continue;
        };
        if file.try_lock().is_err() {
            continue;
        }
        if same_file(&file, &path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Whether `path` still names the file `file` has open.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// The folder for the cache, readable by its owner only: briefs may be confidential.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// The platform's cache folder for brief: `$BRIEF_CACHE_DIR`, else `$XDG_CACHE_HOME/brief`
/// (`~/.cache/brief`) on Linux.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("BRIEF_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.cache_dir().join("brief"))
}

// What the library keeps of the cache between loads: the stamps of the files a brief was
// made from, and the searchable texts a search reads in place of a load.

/// The stamp of the file at `path`, as a stamp's `also` keeps it; `None` when it cannot
/// be stamped (see `Stamp::of_file`).
pub(super) fn file_stamp(path: &Path) -> Option<OtherFile> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp::of_file(path.display().to_string(), &meta)?.as_other())
}

/// `stamp` as the cache holds it, with the files the brief was made from, when this file
/// and each of those are unchanged; else `stamp` itself, which the cache does not hold.
pub(super) fn current_stamp(cache: &Cache, stamp: Stamp) -> Stamp {
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

/// Where the searchable text of each of a corpus's briefs can be had without folding the
/// brief: the cache's (of exactly the briefs a load of the same request gives, in the same
/// order, with the names their positions match through; see `search::text`), or, for the
/// negotiated texts of a load the cache does not hold, made from each text.
pub struct Searchable {
    from: From,
}

enum From {
    Cache {
        cache: std::sync::Arc<Cache>,
        /// The cache's name for each brief, in the corpus's order.
        briefs: Vec<String>,
    },
    /// Each brief's text, where it is a negotiated text (a brief is folded by the caller).
    Memory(Vec<Option<std::sync::Arc<TextFile>>>),
    /// Each brief's lines of hits, where it is a negotiated text searched where it was
    /// read (see `Request::search`); `None` within when its hits could not be made.
    Found(Vec<Option<Option<String>>>),
}

impl std::fmt::Debug for Searchable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.from {
            From::Cache { briefs, .. } => write!(f, "Searchable(cache, {} briefs)", briefs.len()),
            From::Memory(texts) => write!(f, "Searchable(memory, {} briefs)", texts.len()),
            From::Found(found) => write!(f, "Searchable(found, {} briefs)", found.len()),
        }
    }
}

impl Searchable {
    pub(super) fn cached(cache: std::sync::Arc<Cache>, briefs: Vec<String>) -> Searchable {
        Searchable {
            from: From::Cache { cache, briefs },
        }
    }

    /// The texts among `corpus`'s briefs, by id in `texts`.
    pub(super) fn in_memory(
        corpus: &crate::brief::corpus::Corpus,
        texts: &HashMap<String, std::sync::Arc<TextFile>>,
    ) -> Searchable {
        let briefs = corpus.briefs();
        Searchable {
            from: From::Memory(
                (0..briefs.len())
                    .map(|i| texts.get(briefs.contents(i)?.id()).cloned())
                    .collect(),
            ),
        }
    }

    /// The lines of hits of the texts among `corpus`'s briefs, by id in `found`.
    pub(super) fn found(
        corpus: &crate::brief::corpus::Corpus,
        mut found: HashMap<String, Option<String>>,
    ) -> Searchable {
        let briefs = corpus.briefs();
        Searchable {
            from: From::Found(
                (0..briefs.len())
                    .map(|i| found.remove(briefs.contents(i)?.id()))
                    .collect(),
            ),
        }
    }

    pub fn len(&self) -> usize {
        match &self.from {
            From::Cache { briefs, .. } => briefs.len(),
            From::Memory(texts) => texts.len(),
            From::Found(found) => found.len(),
        }
    }

    /// The lines `brief search` prints for brief `i`, when it is a text searched where it
    /// was read: `Some(None)` when its hits could not be made.
    pub fn lines(&self, i: usize) -> Option<Option<&str>> {
        match &self.from {
            From::Found(found) => found.get(i)?.as_ref().map(Option::as_deref),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The names positions match through, where the cache keeps them; else the corpus's
    /// are the caller's to use.
    pub fn names(&self) -> Option<&NameTable> {
        match &self.from {
            From::Cache { cache, .. } => cache.clean().map(|c| &c.names),
            From::Memory(_) | From::Found(_) => None,
        }
    }

    /// The searchable text of brief `i`; `None` when it is not to be had here after all
    /// (the brief is then folded).
    pub fn text(&self, i: usize) -> Option<SearchText> {
        match &self.from {
            From::Cache { cache, briefs } => cache.text(briefs.get(i)?),
            From::Memory(texts) => {
                let text = texts.get(i)?.as_ref()?;
                Some(crate::draft::as_brief::searchable(&text.text))
            }
            From::Found(_) => None,
        }
    }

    /// The hit text of brief `i`, which has searchable text `text`, with the fields of at
    /// least the entries `wanted` (by number, in order; all when `None`).
    pub fn hits(&self, i: usize, text: &SearchText, wanted: Option<&[usize]>) -> Option<HitText> {
        match &self.from {
            From::Cache { cache, briefs } => cache.hits(briefs.get(i)?, text, wanted),
            From::Memory(texts) => {
                let made = texts.get(i)?.as_ref()?;
                Some(crate::draft::as_brief::hit_text(&made.text, wanted))
                    .filter(|h| h.is_consistent(text))
            }
            From::Found(_) => None,
        }
    }
}

impl crate::search::TextSource for Searchable {
    fn briefs(&self) -> usize {
        self.len()
    }
    fn text(&self, i: usize) -> Option<SearchText> {
        Searchable::text(self, i)
    }
    fn makes(&self) -> bool {
        matches!(self.from, From::Memory(_))
    }
}

/// The cache's searchable text for `request`, when it can vouch that a load would give
/// exactly the briefs of the last load that met no problem: the same files are found, each
/// unchanged since. Nothing is parsed or decoded but the cache's index; `None` means load.
pub fn cached_search(request: &Request) -> Option<Searchable> {
    let dir = request.cache_dir.as_ref()?;
    let cache = Cache::open(file_for(dir, &roots(request)));
    let (origins, diagnostics) = origins_of(request);
    let cache = vouched(request, cache, &origins, &diagnostics).ok()?;
    let briefs = cache.clean()?.corpus.clone();
    Some(Searchable::cached(std::sync::Arc::new(cache), briefs))
}

/// `cache`, if it holds a load that met no problem of exactly what `request` finds now:
/// the same files (`origins`, found with `diagnostics`), in the same order, each unchanged
/// since, with the files each was made from. A load of the same files then makes the same
/// corpus, which the cache can give without a file read or a check made.
pub(super) fn vouched(
    request: &Request,
    cache: Cache,
    origins: &[Origin],
    diagnostics: &[crate::brief::diag::Diagnostic],
) -> Result<Cache, Box<Cache>> {
    let Some(clean) = cache.clean() else {
        return Err(Box::new(cache));
    };
    if !diagnostics.is_empty() || origins.len() != clean.found.len() {
        return Err(Box::new(cache));
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
    if all_unchanged {
        Ok(cache)
    } else {
        Err(Box::new(cache))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::builtin_corpus;

    fn stamp(name: &str, size: u64) -> Stamp {
        Stamp {
            name: name.to_owned(),
            size,
            modified_ns: 1,
            changed_ns: 1,
            inode: 1,
            also: Vec::new(),
        }
    }

    #[test]
    fn keeps_briefs_by_stamp_and_reuses_entries_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_for(dir.path(), "roots");
        let corpus = builtin_corpus();
        let (Some(a), Some(b)) = (corpus.briefs().get(0), corpus.briefs().get(1)) else {
            panic!("two built-in briefs")
        };
        let (sa, sb) = (stamp("a.yaml", 10), stamp("b.yaml", 20));
        Cache::open(path.clone())
            .save(
                &[(&sa, Some(Keep::Brief(a))), (&sb, Some(Keep::Brief(b)))],
                None,
            )
            .unwrap();
        let cache = Cache::open(path.clone());
        assert_eq!(cache.get(&sa).as_ref().and_then(Made::brief), Some(a));
        assert!(cache.holds_exactly(&[&sa, &sb]));
        // Another size or time, or another name: not this file.
        assert!(cache.get(&stamp("a.yaml", 11)).is_none());
        assert!(cache.get(&stamp("c.yaml", 10)).is_none());
        // Saving again without the brief keeps the cached one; a file left out is dropped.
        cache.save(&[(&sb, None)], None).unwrap();
        let cache = Cache::open(path);
        assert_eq!(cache.get(&sb).as_ref().and_then(Made::brief), Some(b));
        assert!(cache.get(&sa).is_none());
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_broken_or_foreign_cache_is_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_for(dir.path(), "roots");
        let corpus = builtin_corpus();
        let s = stamp("a.yaml", 10);
        Cache::open(path.clone())
            .save(&[(&s, Some(Keep::Brief(&corpus.briefs()[0])))], None)
            .unwrap();
        let whole = std::fs::read(&path).unwrap();
        for cut in [0, 4, MAGIC.len(), whole.len() / 2, whole.len() - 1] {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert!(Cache::open(path.clone()).get(&s).is_none(), "cut at {cut}");
        }
        let mut flipped = whole.clone();
        flipped[MAGIC.len() + 2] ^= 0xff;
        std::fs::write(&path, &flipped).unwrap();
        let _ = Cache::open(path.clone()).get(&s); // must not panic
        std::fs::write(&path, b"not a cache at all").unwrap();
        assert!(Cache::open(path.clone()).is_empty());
        std::fs::create_dir_all(dir.path().join("folder.bin")).unwrap();
        assert!(Cache::open(dir.path().join("folder.bin")).is_empty());
    }

    #[test]
    fn a_file_changed_just_now_is_not_stamped() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.yaml");
        std::fs::write(&f, "x").unwrap();
        let meta = std::fs::metadata(&f).unwrap();
        assert_eq!(Stamp::of_file("x".into(), &meta), None);
        let old = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let meta = std::fs::metadata(&f).unwrap();
        let s = Stamp::of_file("x".into(), &meta).unwrap();
        assert_eq!(s.size, 1);
    }
}
