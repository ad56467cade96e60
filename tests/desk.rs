//! The desk as a user meets it through the real binary: notes survive kill -9 in the
//! middle of a save, two processes saving at once, their entry changing or vanishing, and
//! a desk file broken by hand.

mod common;

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use brief::desk::Desk;

/// brief with its desk in `data` itself (the tests read `data/desk.yaml`).
fn brief(data: &Path, args: &[&str]) -> Output {
    common::brief_in(&common::shared_home("desk"))
        .env("BRIEF_DATA_DIR", data)
        .args(args)
        .output()
        .unwrap()
}

fn desk(data: &Path) -> Desk {
    let text = std::fs::read_to_string(data.join("desk.yaml")).unwrap_or_default();
    Desk::parse(&text).unwrap_or_else(|e| panic!("the desk file does not load: {e}\n{text}"))
}

/// Entry selectors of the built-in briefs.
fn entries(n: usize) -> Vec<String> {
    let corpus = brief::library::builtin_corpus();
    corpus
        .selectors()
        .filter(|s| s.matches('/').count() == 2)
        .take(n)
        .collect()
}

#[test]
fn kill_9_in_the_middle_of_saving_never_leaves_a_broken_file() {
    let data = tempfile::tempdir().unwrap();
    let sels = entries(300);
    // How long one whole run takes here (not checked: it only places the kills so they
    // sweep from start-up through loading to the save and past it).
    let started = std::time::Instant::now();
    // Timed as the runs below start: with no load cache yet.
    let calibrate = tempfile::tempdir().unwrap();
    assert!(
        common::brief_in(calibrate.path())
            .env("BRIEF_DATA_DIR", calibrate.path())
            .args(["note", &sels[0], "x"])
            .status()
            .unwrap()
            .success()
    );
    let whole = started.elapsed().as_micros() as u64 * 6 / 5;
    let mut saved_before = 0;
    for (i, sel) in sels.iter().enumerate() {
        let mut child = common::brief_in(data.path())
            .env("BRIEF_DATA_DIR", data.path())
            .args(["note", sel, &format!("note number {i}"), "--bookmark"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a moment that sweeps across start-up, loading and saving.
        std::thread::sleep(Duration::from_micros((i as u64 * 7919) % whole.max(1)));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever was saved loads, and nothing saved before is lost.
        let d = desk(data.path());
        assert!(
            d.marks.len() >= saved_before,
            "a kill lost marks saved before"
        );
        saved_before = d.marks.len();
    }
    // Some runs were killed before saving, some finished: both happened.
    assert!(
        saved_before > 0 && saved_before < sels.len(),
        "{saved_before}"
    );
    // The next save clears away what killed saves left behind.
    assert!(
        brief(data.path(), &["note", &sels[0], "last"])
            .status
            .success()
    );
    let left: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn two_processes_saving_at_once_lose_nothing() {
    let data = tempfile::tempdir().unwrap();
    let sels = entries(60);
    let (a, b) = sels.split_at(30);
    let run = |list: Vec<String>, dir: std::path::PathBuf| {
        std::thread::spawn(move || {
            for s in list {
                let out = brief(&dir, &["note", &s, "from a parallel writer"]);
                assert!(out.status.success(), "{out:?}");
            }
        })
    };
    let ta = run(a.to_vec(), data.path().to_path_buf());
    let tb = run(b.to_vec(), data.path().to_path_buf());
    ta.join().unwrap();
    tb.join().unwrap();
    let d = desk(data.path());
    assert_eq!(d.marks.len(), 60);
}

#[test]
fn a_note_survives_its_entry_changing_and_vanishing() {
    let data = tempfile::tempdir().unwrap();
    let fixture = common::fixtures("cli/example.yaml");
    let original = std::fs::read_to_string(&fixture).unwrap();
    let file = data.path().join("mine.yaml");
    std::fs::write(&file, &original).unwrap();
    let f = file.to_str().unwrap();
    let sel = "example-input/recommendations/permanent-mandate";
    let out = brief(
        data.path(),
        &[
            "--no-builtin",
            "--briefs",
            f,
            "note",
            sel,
            "Ask",
            "about",
            "funding",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let notes = |d: &Path| {
        String::from_utf8(brief(d, &["--no-builtin", "--briefs", f, "notes"]).stdout).unwrap()
    };
    assert_eq!(
        notes(data.path()),
        format!("{sel}\tnote\t\n    Ask about funding\n")
    );

    // The brief's text changes: the note is flagged.
    let changed = original.replace("stable funding", "stable and predictable funding");
    assert_ne!(changed, original);
    std::fs::write(&file, &changed).unwrap();
    assert!(notes(data.path()).contains("changed since noted"));

    // The entry goes: the note stays, flagged orphaned, in the list and the prep sheet.
    let gone = changed.replace("permanent-mandate", "renamed-mandate");
    std::fs::write(&file, gone).unwrap();
    let listed = notes(data.path());
    assert!(listed.contains("orphaned"), "{listed}");
    assert!(listed.contains("Ask about funding"), "{listed}");
    let sheet = brief(data.path(), &["--no-builtin", "--briefs", f, "export"]);
    let sheet = String::from_utf8(sheet.stdout).unwrap();
    assert!(
        sheet.contains("Orphaned notes") && sheet.contains("> Ask about funding"),
        "{sheet}"
    );
}

#[test]
fn a_broken_desk_file_is_kept_aside_and_reported() {
    let data = tempfile::tempdir().unwrap();
    let broken = "marks:\n  - selector: [unclosed\n";
    std::fs::write(data.path().join("desk.yaml"), broken).unwrap();
    let out = brief(data.path(), &["notes"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("desk.yaml") && err.contains("kept it aside"),
        "{err}"
    );
    let aside: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("unreadable"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read_to_string(&aside[0]).unwrap(), broken);
    // The next note starts a new desk; the old one is still there, untouched.
    let sel = &entries(1)[0];
    assert!(brief(data.path(), &["note", sel, "fresh"]).status.success());
    assert_eq!(desk(data.path()).marks.len(), 1);
    assert_eq!(std::fs::read_to_string(&aside[0]).unwrap(), broken);
}
