//! The briefs built into the binary: checked, encoded and listed by build.rs, decoded
//! here the first time each is read.

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
            make: std::sync::Arc::new(|index, _: &crate::brief::corpus::Around| brief(index)),
            listing,
        })
        .collect();
    Some(Corpus::prechecked(globals, briefs))
}

/// Built-in brief `index`, for a corpus that reads it only when needed (see
/// [`corpus`]): decoded, else loaded from its YAML, which is what build.rs encoded
/// and checked. Neither can fail in a binary that built; should one, the brief says
/// so in its title rather than the reader panicking.
pub(super) fn brief(index: usize) -> Brief {
    use crate::brief::load;
    let (name, yaml) = BUILTIN[index];
    decode(index)
        .or_else(|e| load::load(name, yaml, &load::Limits::default()).map_err(|_| e))
        .unwrap_or_else(|e| unreadable(IDS[index], &format!("builtin:briefs/{name}: {e}")))
}

/// The brief `id` in place of one that cannot be read now, saying why in its title: a
/// brief made when first read cannot fail that read.
pub(super) fn unreadable(id: &str, why: &str) -> Brief {
    use crate::brief::{model::BriefKind, text::Text};
    Brief {
        id: Text::new(id),
        title: Text::new(why),
        publisher: Text::default(),
        kind: BriefKind::Overview,
        published: crate::brief::date::Date::ymd(1970, 1, 1),
        published_approximate: false,
        language: Text::from("en"),
        summary: Text::default(),
        tags: Vec::new(),
        sources: Vec::new(),
        actors: Vec::new(),
        issues: Vec::new(),
        sections: Vec::new(),
    }
}

use super::cache::Stamp;
use super::folders::Origin;
use super::{Request, load};
use crate::brief::corpus::Corpus as LoadedCorpus;

/// The briefs built into the binary: (file name, contents).
pub fn builtin_files() -> &'static [(&'static str, &'static [u8])] {
    BUILTIN
}

/// The ids of the built-in briefs, whether or not they are loaded: what a one-word `see:`
/// selector may name in a brief checked on its own. Written by build.rs, which loaded
/// each of them.
pub fn builtin_brief_ids() -> &'static [&'static str] {
    IDS
}

/// The cache's stamp of built-in brief `i`: its name, and in place of a time the hash
/// build.rs took of it, so that another build's version of it is another stamp.
pub(super) fn builtin_stamp(i: usize) -> Stamp {
    Stamp {
        name: Origin::Builtin(i).name(),
        size: ENCODED.get(i).map_or(0, |e| e.len() as u64),
        modified_ns: HASHES.get(i).map_or(0, |&h| h as i64),
        changed_ns: 0,
        inode: 0,
        also: Vec::new(),
    }
}

/// The built-in briefs alone, as a corpus (for tests and benchmarks).
pub fn builtin_corpus() -> LoadedCorpus {
    load(&Request {
        builtin: true,
        ..Request::default()
    })
    .corpus
}
