//! The load cache as a user meets it, through the real binary: the same answers with and
//! without it, a changed file is read again, a broken cache is rebuilt, and `--no-cache`
//! leaves nothing behind.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use common::stdout;

fn fixture(name: &str) -> PathBuf {
    common::fixtures("cli").join(name)
}

/// brief on `briefs` alone with its cache in `cache` itself (the tests look in it).
fn brief(briefs: &Path, cache: &Path, args: &[&str]) -> Output {
    common::brief_in(cache)
        .env("BRIEF_CACHE_DIR", cache)
        .arg("--no-builtin")
        .arg("--briefs")
        .arg(briefs)
        .args(args)
        .output()
        .unwrap()
}

/// Write `text` to `path` and date it `ago` in the past: the cache trusts only files that
/// have not changed in the last two seconds.
fn write_dated(path: &Path, text: &str, ago: Duration) {
    std::fs::write(path, text).unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - ago)
        .unwrap();
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// A folder `briefs` in a new temporary folder holding the two fixture briefs, dated an
/// hour ago; with their texts.
fn two_briefs() -> (tempfile::TempDir, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let briefs = tmp.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    let example = std::fs::read_to_string(fixture("example.yaml")).unwrap();
    let world = std::fs::read_to_string(fixture("world.yaml")).unwrap();
    let hour = Duration::from_secs(3600);
    write_dated(&briefs.join("example.yaml"), &example, hour);
    write_dated(&briefs.join("world.yaml"), &world, hour);
    (tmp, example, world)
}

#[test]
fn a_cached_load_answers_the_same_and_notices_every_change() {
    let (tmp, example, world) = two_briefs();
    let (briefs, cache) = (tmp.path().join("briefs"), tmp.path().join("cache"));
    let hour = Duration::from_secs(3600);
    let show = ["show", "-f", "json", "example-input", "world-input"];

    let uncached = brief(&briefs, &cache, &[&["--no-cache"][..], &show].concat());
    assert!(uncached.status.success(), "{uncached:?}");
    assert!(cache_files(&cache).is_empty(), "--no-cache writes no cache");

    let first = brief(&briefs, &cache, &show);
    let files = cache_files(&cache);
    assert_eq!(files.len(), 1, "one cache file: {files:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the cache is private: {mode:o}");
    }
    let cached = brief(&briefs, &cache, &show);
    assert_eq!(stdout(&first), stdout(&uncached));
    assert_eq!(stdout(&cached), stdout(&uncached));

    // Same size, new text, new time: read again.
    let changed = example.replace("A made-up consultation", "A made-up consultatiom");
    assert_eq!(changed.len(), example.len());
    write_dated(&briefs.join("example.yaml"), &changed, hour / 2);
    let after = brief(&briefs, &cache, &show);
    assert!(
        stdout(&after).contains("consultatiom"),
        "{}",
        stdout(&after)
    );

    // A file that breaks is reported, though it was cached when it was right.
    write_dated(&briefs.join("world.yaml"), "id: [", hour / 3);
    let broken = brief(&briefs, &cache, &["list"]);
    assert_eq!(broken.status.code(), Some(0), "the other briefs still load");
    let err = String::from_utf8_lossy(&broken.stderr);
    assert!(err.contains("world.yaml:"), "{err}");
    assert!(!stdout(&broken).contains("world-input"));

    // A file just written (within the clock's tick of the cache) is never taken from it.
    write_dated(&briefs.join("world.yaml"), &world, Duration::ZERO);
    let fresh = brief(&briefs, &cache, &["list"]);
    assert!(stdout(&fresh).contains("world-input"), "{}", stdout(&fresh));
}

#[test]
fn a_broken_cache_is_rebuilt_and_never_changes_an_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let (briefs, cache) = (tmp.path().join("briefs"), tmp.path().join("cache"));
    std::fs::create_dir(&briefs).unwrap();
    let example = std::fs::read_to_string(fixture("example.yaml")).unwrap();
    write_dated(
        &briefs.join("example.yaml"),
        &example,
        Duration::from_secs(60),
    );
    let show = ["show", "-f", "yaml", "example-input"];
    let right = stdout(&brief(&briefs, &cache, &show));
    let file = cache_files(&cache).pop().expect("a cache file");
    let whole = std::fs::read(&file).unwrap();
    assert!(whole.len() > 100);
    // A byte inside the brief (the file starts with 8 bytes of magic, then the briefs).
    let mut flipped = whole.clone();
    flipped[8 + 40] ^= 0x55;
    let breakages: Vec<Vec<u8>> = vec![
        Vec::new(),
        whole[..whole.len() / 2].to_vec(),
        [&whole[..], b"trailing"].concat(),
        b"not a cache".to_vec(),
        flipped,
    ];
    for (i, broken) in breakages.into_iter().enumerate() {
        std::fs::write(&file, &broken).unwrap();
        let out = brief(&briefs, &cache, &show);
        assert!(out.status.success(), "breakage {i}: {out:?}");
        // A flipped byte inside a brief could still decode, as other text: the hash
        // stored with it is what catches that.
        assert_eq!(stdout(&out), right, "breakage {i}");
        // A cache that does not open is written anew by this load. One whose index is
        // whole is trusted until a brief is read from it: a brief that fails its hash is
        // read from its file instead, and the cache dropped for the next load to write.
        if !file.exists() {
            let again = brief(&briefs, &cache, &show);
            assert_eq!(stdout(&again), right, "breakage {i}, again");
        }
        assert_eq!(std::fs::read(&file).unwrap(), whole, "breakage {i} rebuilt");
    }
    // A folder where the cache file should be: the load goes on without a cache.
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    let out = brief(&briefs, &cache, &show);
    assert_eq!(stdout(&out), right);
}

/// `brief search` with and without the cache: stdout, stderr and exit code.
fn search_both(briefs: &Path, cache: &Path, query: &[&str]) -> (Output, Output) {
    let args = [&["search"][..], query].concat();
    let cached = brief(briefs, cache, &args);
    let loaded = brief(briefs, cache, &[&["--no-cache"][..], &args].concat());
    (cached, loaded)
}

fn assert_same(briefs: &Path, cache: &Path, query: &[&str]) {
    let (cached, loaded) = search_both(briefs, cache, query);
    assert_eq!(stdout(&cached), stdout(&loaded), "{query:?}");
    assert_eq!(cached.stderr, loaded.stderr, "{query:?}");
    assert_eq!(cached.status.code(), loaded.status.code(), "{query:?}");
}

#[test]
fn a_search_reads_the_cache_alone_only_while_it_can_vouch_for_every_file() {
    use brief::library::{Request, cached_search, load};
    let (tmp, example, world) = two_briefs();
    let (briefs, cache) = (tmp.path().join("briefs"), tmp.path().join("cache"));
    let hour = Duration::from_secs(3600);
    let request = Request {
        paths: vec![briefs.clone()],
        cache_dir: Some(cache.clone()),
        ..Request::default()
    };
    let vouched = || cached_search(&request).map(|c| c.len());

    assert_eq!(vouched(), None, "no cache yet");
    assert!(load(&request).diagnostics.is_empty());
    assert_eq!(vouched(), Some(2), "a clean load is vouched for");
    // Accents, case, a phrase, a name a position matches through, nothing, everything.
    for q in [
        &["lillestrom"][..],
        &["SÃO", "paulo"],
        &["\"renewed for five\""],
        &["republic", "mandate"],
        &["zzqx"],
        &["e"],
        // With a filter, the corpus is loaded and the cache's texts searched.
        &["--group", "government", "e"],
        &["--actor", "example-state", "mandate"],
        &["--within", "world-input", "e"],
    ] {
        assert_same(&briefs, &cache, q);
    }

    // A changed file, though of the same size: not vouched for until loaded again.
    let changed = example.replace("A made-up consultation", "A made-up consultatiom");
    write_dated(&briefs.join("example.yaml"), &changed, hour / 2);
    assert_eq!(vouched(), None, "a changed file");
    assert_same(&briefs, &cache, &["consultatiom"]);
    assert_eq!(vouched(), Some(2), "the search's own load vouches again");

    // A file more, or one with errors: its problems are told on every search.
    write_dated(&briefs.join("broken.yaml"), "id: [", hour / 3);
    assert_eq!(vouched(), None, "a file the cache has not seen");
    for _ in 0..2 {
        let (cached, loaded) = search_both(&briefs, &cache, &["mandate"]);
        assert!(
            common::stderr(&cached).contains("broken.yaml:"),
            "{cached:?}"
        );
        assert_eq!(cached.stderr, loaded.stderr);
        assert_eq!(stdout(&cached), stdout(&loaded));
    }
    assert_eq!(vouched(), None, "a load with problems vouches for nothing");
    std::fs::remove_file(briefs.join("broken.yaml")).unwrap();
    assert_eq!(
        vouched(),
        None,
        "the cache is still that of the load with problems"
    );
    assert_same(&briefs, &cache, &["mandate"]);
    assert_eq!(vouched(), Some(2));

    // A file just written is never vouched for; a removed one is missed.
    write_dated(&briefs.join("world.yaml"), &world, Duration::ZERO);
    assert_eq!(vouched(), None, "a file changed just now");
    write_dated(&briefs.join("world.yaml"), &world, hour);
    assert_same(&briefs, &cache, &["mandate"]);
    std::fs::remove_file(briefs.join("world.yaml")).unwrap();
    assert_eq!(vouched(), None, "a file gone");
    assert_same(&briefs, &cache, &["mandate"]);
    write_dated(&briefs.join("world.yaml"), &world, hour);
    assert_same(&briefs, &cache, &["mandate"]);
    assert_eq!(vouched(), Some(2));

    // Any byte of the cache broken: the answers stay the same.
    let file = cache_files(&cache).pop().expect("a cache file");
    let whole = std::fs::read(&file).unwrap();
    let right = search_both(&briefs, &cache, &["e"]).1;
    for at in (8..whole.len()).step_by(whole.len() / 23 + 1) {
        let mut flipped = whole.clone();
        flipped[at] ^= 0x55;
        std::fs::write(&file, &flipped).unwrap();
        let out = brief(&briefs, &cache, &["search", "e"]);
        assert_eq!(stdout(&out), stdout(&right), "byte {at} flipped");
        assert_eq!(out.status.code(), right.status.code(), "byte {at} flipped");
    }
}

#[test]
fn the_reader_searches_the_cache_s_texts_and_finds_what_its_own_index_finds() {
    use brief::library::{Request, load};
    use brief::search::{Filter, Index, Query};
    let (tmp, ..) = two_briefs();
    let (briefs, cache) = (tmp.path().join("briefs"), tmp.path().join("cache"));
    let hour = Duration::from_secs(3600);
    let request = Request {
        paths: vec![briefs.clone()],
        cache_dir: Some(cache.clone()),
        texts: true,
        ..Request::default()
    };
    // The first load writes the cache and hands back its texts; so does the next.
    for _ in 0..2 {
        let loaded = load(&request);
        let texts = loaded.texts.expect("the cache's texts");
        let corpus = loaded.corpus;
        let read = Index::reading(&corpus, std::sync::Arc::new(texts));
        assert!(read.reads());
        let kept = Index::build(&corpus);
        for q in ["lillestrom", "republic mandate", "e", "zzqx", ""] {
            let q = Query::parse(q);
            let found = read.matches(&corpus, &q, &Filter::default());
            assert_eq!(found, kept.matches(&corpus, &q, &Filter::default()));
        }
        assert!(
            !read
                .matches(&corpus, &Query::parse("e"), &Filter::default())
                .is_empty()
        );
    }
    // Without a cache, or with a load that met problems, there are none.
    let uncached = Request {
        cache_dir: None,
        ..request.clone()
    };
    assert!(load(&uncached).texts.is_none());
    write_dated(&briefs.join("broken.yaml"), "id: [", hour);
    assert!(load(&request).texts.is_none());
}

#[test]
fn a_text_s_history_is_cached_with_its_versions_and_read_again_when_one_changes() {
    use brief::library::{Request, cached_search, load};
    let tmp = tempfile::tempdir().unwrap();
    let (texts, cache) = (tmp.path().join("texts"), tmp.path().join("cache"));
    std::fs::create_dir(&texts).unwrap();
    let hour = Duration::from_secs(3600);
    let drafts = common::fixtures("drafts");
    for name in ["lakeland.yaml", "zero.txt", "rev1.txt", "rev2.md"] {
        let text = std::fs::read_to_string(drafts.join(name)).unwrap();
        write_dated(&texts.join(name), &text, hour);
    }
    let request = Request {
        paths: vec![texts.join("lakeland.yaml")],
        cache_dir: Some(cache.clone()),
        ..Request::default()
    };
    let first = load(&request);
    assert!(first.diagnostics.is_empty(), "{:?}", first.diagnostics);
    assert_eq!(
        cached_search(&request).map(|c| c.len()),
        Some(1),
        "cached, versions and all"
    );
    let briefs = texts.join("lakeland.yaml");
    let search = |q: &str, cached: bool| {
        let mut cmd = common::brief_in(&cache);
        cmd.env("BRIEF_CACHE_DIR", &cache)
            .args(["--no-builtin", "--briefs"])
            .arg(&briefs);
        if !cached {
            cmd.arg("--no-cache");
        }
        cmd.args(["search", q]).output().unwrap()
    };
    let (cached, loaded) = (search("preamble", true), search("preamble", false));
    assert!(!stdout(&cached).is_empty());
    assert_eq!(stdout(&cached), stdout(&loaded));

    // A version's file changes, the history's file does not: read again.
    let rev1 = std::fs::read_to_string(texts.join("rev1.txt")).unwrap();
    // A word of a paragraph (a heading's, changed to no heading's name, would now read
    // as the title before the text, a frame line, which is not an entry).
    let changed = rev1.replacen("Recalling", "Recallinx", 1);
    assert_eq!(changed.len(), rev1.len());
    write_dated(&texts.join("rev1.txt"), &changed, hour / 2);
    assert_eq!(
        cached_search(&request).map(|c| c.len()),
        None,
        "a version changed"
    );
    let after = search("recallinx", true);
    assert!(stdout(&after).contains("rev1"), "{after:?}");
    assert_eq!(stdout(&after), stdout(&search("recallinx", false)));
    assert_eq!(cached_search(&request).map(|c| c.len()), Some(1));
    // The texts of a version are searched from the cache as they are now.
    assert_eq!(stdout(&search("recallinx", true)), stdout(&after));
}

/// A file replaced by another of the same size and modification time — as `cp -p`, an
/// editor writing a new file and renaming it, or a restore does — is read again: the
/// cache also sees the file's inode and status-change time.
#[test]
fn a_file_replaced_with_the_same_size_and_time_is_read_again() {
    let (tmp, example, _) = two_briefs();
    let (briefs, cache) = (tmp.path().join("briefs"), tmp.path().join("cache"));
    let path = briefs.join("example.yaml");
    let when = std::fs::metadata(&path).unwrap().modified().unwrap();
    let show = ["show", "example-input", "-w", "0"];
    assert!(stdout(&brief(&briefs, &cache, &show)).contains("A made-up consultation"));
    let cached = brief(&briefs, &cache, &show);
    assert!(stdout(&cached).contains("A made-up consultation"));

    // In place: the same inode, a new ctime.
    let in_place = example.replace("A made-up consultation", "An in-place consultati");
    assert_eq!(in_place.len(), example.len());
    std::fs::write(&path, &in_place).unwrap();
    let f = std::fs::File::options().write(true).open(&path).unwrap();
    f.set_modified(when).unwrap();
    drop(f);
    let after = brief(&briefs, &cache, &show);
    assert!(
        stdout(&after).contains("An in-place consultati"),
        "{}",
        stdout(&after)
    );

    // Renamed over it: a new inode, with the old size and time.
    let renamed = example.replace("A made-up consultation", "A renamed consultation");
    assert_eq!(renamed.len(), example.len());
    let aside = tmp.path().join("new.yaml");
    std::fs::write(&aside, &renamed).unwrap();
    let f = std::fs::File::options().write(true).open(&aside).unwrap();
    f.set_modified(when).unwrap();
    drop(f);
    std::fs::rename(&aside, &path).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), when);
    let after = brief(&briefs, &cache, &show);
    assert!(
        stdout(&after).contains("A renamed consultation"),
        "{}",
        stdout(&after)
    );
}

/// Temporary cache files left by a brief killed while it saved are removed by the next
/// save; the temporary file of a writer still at work (it holds a lock on it) is not.
#[test]
fn temporary_files_of_killed_writers_are_cleared_and_a_live_one_is_kept() {
    let (tmp, _, _) = two_briefs();
    let (briefs, cache) = (tmp.path().join("briefs"), tmp.path().join("cache"));
    std::fs::create_dir(&cache).unwrap();
    let dead: Vec<PathBuf> = (0..3)
        .map(|i| cache.join(format!(".briefs-00000000000000{i}.bin.{}.tmp", 90000 + i)))
        .collect();
    for d in &dead {
        std::fs::write(d, vec![0u8; 4096]).unwrap();
    }
    let live = cache.join(".briefs-0000000000000009.bin.4242.tmp");
    std::fs::write(&live, b"being written").unwrap();
    let held = std::fs::File::open(&live).unwrap();
    held.lock().unwrap();
    let out = brief(&briefs, &cache, &["list"]);
    assert!(out.status.success(), "{out:?}");
    for d in &dead {
        assert!(!d.exists(), "{} was left", d.display());
    }
    assert!(live.exists(), "a live writer's file was removed");
    drop(held);
    // The cache itself was written, and is used.
    assert!(
        cache_files(&cache)
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "bin")),
        "{:?}",
        cache_files(&cache)
    );
}
