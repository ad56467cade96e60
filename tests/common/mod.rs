//! Running the real binary as a user would, the same way in every test file: with every
//! folder brief may read or write outside the repository (cache, desk, config, the XDG
//! folders, HOME) moved into a folder of the test's own, so that no test writes into the
//! repository or the user's home, and no user's briefs or notes change a test's answer.

// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

pub mod docx;
pub mod proposals;
pub mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_brief");

/// A path under `tests/fixtures`.
pub fn fixtures(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(sub)
}

/// A copy of the Lakeland drafts (tests/fixtures/drafts: the history and its three
/// version files) in a folder of its own, for a test that changes them.
pub fn drafts_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["lakeland.yaml", "zero.txt", "rev1.txt", "rev2.md"] {
        std::fs::copy(fixtures("drafts").join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// A folder under cargo's temporary folder for tests, shared by the runs of one test file
/// so that they share a load cache (the built-in briefs then load fast).
pub fn shared_home(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// Point every folder brief uses into `home`, on any command that runs brief (strace and
/// prlimit wrap it). Nothing is created: a folder brief only reads stays missing.
pub fn isolate<'c>(cmd: &'c mut Command, home: &Path) -> &'c mut Command {
    cmd.env("BRIEF_CACHE_DIR", home.join("cache"))
        .env("BRIEF_DATA_DIR", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_CACHE_HOME", home.join("xdg-cache"))
        .env("HOME", home.join("home"))
        .env_remove("NO_COLOR")
        // A completion request from the shell the tests run in must not become one here.
        .env_remove("COMPLETE")
        // Not the terminal cargo test may run on: brief reads stdin for some commands.
        .stdin(Stdio::null())
}

/// The real binary, kept to `home` (see [`isolate`]).
pub fn brief_in(home: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    isolate(&mut cmd, home);
    cmd
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// stdout of a run that must succeed.
pub fn ok(what: &str, out: &Output) -> String {
    assert!(
        out.status.success(),
        "{what}: {:?}: {}",
        out.status,
        stderr(out)
    );
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// Each line of `s`, parsed as JSON (JSON Lines output).
pub fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// (kind, old labels, new labels) of each pair of `brief diff -f json` output.
pub fn pair_kinds(s: &str) -> Vec<(String, String, String)> {
    json_lines(s)
        .iter()
        .map(|v| {
            let labels = |k: &str| {
                v[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            (
                v["kind"].as_str().unwrap().to_owned(),
                labels("old"),
                labels("new"),
            )
        })
        .collect()
}
