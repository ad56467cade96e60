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

#[test]
fn a_cached_load_answers_the_same_and_notices_every_change() {
    let tmp = tempfile::tempdir().unwrap();
    let (briefs, cache) = (tmp.path().join("briefs"), tmp.path().join("cache"));
    std::fs::create_dir(&briefs).unwrap();
    let example = std::fs::read_to_string(fixture("example.yaml")).unwrap();
    let world = std::fs::read_to_string(fixture("world.yaml")).unwrap();
    let hour = Duration::from_secs(3600);
    write_dated(&briefs.join("example.yaml"), &example, hour);
    write_dated(&briefs.join("world.yaml"), &world, hour);
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
        assert_eq!(std::fs::read(&file).unwrap(), whole, "breakage {i} rebuilt");
    }
    // A folder where the cache file should be: the load goes on without a cache.
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    let out = brief(&briefs, &cache, &show);
    assert_eq!(stdout(&out), right);
}
