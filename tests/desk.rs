//! The desk as a user meets it through the real binary: notes survive kill -9 in the
//! middle of a save, two processes saving at once, their entry changing or vanishing, and
//! a desk file broken by hand.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use brief::desk::Desk;

/// brief with its desk in `data` itself (the tests read `data/desk.yaml`), not started.
fn brief_command(data: &Path, args: &[&str]) -> Command {
    let mut cmd = common::brief_in(&common::shared_home("desk"));
    cmd.env("BRIEF_DATA_DIR", data).args(args);
    cmd
}

/// brief with its desk in `data` itself, run to its end.
fn brief(data: &Path, args: &[&str]) -> Output {
    brief_command(data, args).output().unwrap()
}

/// Run every command at once (all started before any is waited for); their outputs.
fn all_at_once(commands: Vec<Command>) -> Vec<Output> {
    let children: Vec<_> = commands
        .into_iter()
        .map(|mut c| {
            c.stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect()
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
        format!("{sel}\tnote\tcurrent\n    Ask about funding\n")
    );
    // The same word for it in every output a program reads.
    let standing_in = |d: &Path, args: &[&str]| -> Vec<String> {
        let mut all = vec!["--no-builtin", "--briefs", f];
        all.extend_from_slice(args);
        String::from_utf8(brief(d, &all).stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["standing"].to_string())
            .collect()
    };
    assert_eq!(
        standing_in(data.path(), &["notes", "--json"]),
        ["\"current\""]
    );
    assert_eq!(
        standing_in(data.path(), &["export", "-f", "json"]),
        ["\"current\""]
    );

    // The brief's text changes: the note is flagged.
    let changed = original.replace("stable funding", "stable and predictable funding");
    assert_ne!(changed, original);
    std::fs::write(&file, &changed).unwrap();
    assert!(notes(data.path()).contains("\tnote\tchanged\n"));
    assert_eq!(
        standing_in(data.path(), &["export", "-f", "json"]),
        ["\"changed\""]
    );

    // The entry goes: the note stays, flagged orphaned, in the list and the prep sheet.
    let gone = changed.replace("permanent-mandate", "renamed-mandate");
    std::fs::write(&file, gone).unwrap();
    let listed = notes(data.path());
    assert!(listed.contains("\tnote\torphaned\n"), "{listed}");
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

/// `brief note` with its stdin fed `input`.
fn note_piped(data: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = common::brief_in(&common::shared_home("desk"))
        .env("BRIEF_DATA_DIR", data)
        .arg("note")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_note_can_be_piped_in() {
    let data = tempfile::tempdir().unwrap();
    let sel = &entries(1)[0];
    let out = note_piped(data.path(), &[sel], b"Say: funding first.\nThen: NRIs.\n");
    assert!(out.status.success(), "{}", common::stderr(&out));
    let d = desk(data.path());
    let note = d.marks[0].note.as_ref().map(|n| n.to_string());
    // echo's last line break is not part of the note; the one inside it is.
    assert_eq!(note.as_deref(), Some("Say: funding first.\nThen: NRIs."));
    assert!(!d.marks[0].bookmark);

    // --bookmark with nothing on stdin keeps the note there is.
    let out = note_piped(data.path(), &[sel, "--bookmark"], b"");
    assert!(out.status.success(), "{}", common::stderr(&out));
    let d = desk(data.path());
    assert!(d.marks[0].bookmark);
    assert_eq!(
        d.marks[0].note.as_ref().map(|n| n.to_string()).as_deref(),
        Some("Say: funding first.\nThen: NRIs.")
    );

    // Words on the command line win over stdin, as they always did.
    let out = note_piped(data.path(), &[sel, "from", "args"], b"from stdin\n");
    assert!(out.status.success());
    let d = desk(data.path());
    assert_eq!(
        d.marks[0].note.as_ref().map(|n| n.to_string()).as_deref(),
        Some("from args")
    );

    // What is not text is refused, and the note stays as it was.
    let out = note_piped(data.path(), &[sel], b"\xff\xfe binary");
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("not UTF-8"), "{out:?}");
    let d = desk(data.path());
    assert_eq!(
        d.marks[0].note.as_ref().map(|n| n.to_string()).as_deref(),
        Some("from args")
    );
}

#[test]
fn a_note_with_no_text_and_no_flag_is_a_usage_error() {
    let data = tempfile::tempdir().unwrap();
    let sel = &entries(1)[0];
    // Empty stdin (a pipe, /dev/null) gives no text.
    for input in [&b""[..], b"\n  \n"] {
        let out = note_piped(data.path(), &[sel], input);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = common::stderr(&out);
        assert!(
            err.starts_with(&format!(
                "brief: no note for `{sel}`: write it after the selector"
            )) && err.contains("--bookmark or --remove"),
            "{err}"
        );
    }
    assert!(!data.path().join("desk.yaml").exists(), "nothing saved");

    // On a terminal it says so at once rather than wait for typing.
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let home = common::shared_home("desk");
    let mut cmd = CommandBuilder::new(common::BIN);
    cmd.args(["note", sel]);
    cmd.env("BRIEF_DATA_DIR", data.path());
    cmd.env("BRIEF_CACHE_DIR", home.join("cache"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("HOME", home.join("home"));
    cmd.env_remove("COMPLETE");
    // portable-pty starts in $HOME unless told, and that one does not exist.
    cmd.cwd(data.path());
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let screen = std::thread::spawn(move || {
        let mut all = Vec::new();
        let _ = std::io::Read::read_to_end(&mut reader, &mut all);
        String::from_utf8_lossy(&all).into_owned()
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("brief note on a terminal with no text waited instead of saying what to give");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pty.master);
    assert_eq!(status.exit_code(), 2);
    let shown = screen.join().unwrap();
    assert!(shown.contains("no note for"), "{shown}");
    assert!(!data.path().join("desk.yaml").exists(), "nothing saved");
}

/// A note and a bookmark written on one entry at the same moment are both kept: each
/// save sets its own field on what the file holds under the lock, never a stale copy of
/// the whole mark.
#[test]
fn a_note_and_a_bookmark_written_at_once_on_one_entry_are_both_kept() {
    let sels = entries(2);
    let (sel, other) = (sels[0].as_str(), sels[1].as_str());
    let mut lost = Vec::new();
    for round in 0..50 {
        let data = tempfile::tempdir().unwrap();
        let note = format!("text {round}");
        let outs = all_at_once(vec![
            brief_command(data.path(), &["note", sel, &note]),
            brief_command(data.path(), &["note", sel, "--bookmark"]),
            brief_command(data.path(), &["note", other, "on another entry"]),
        ]);
        for out in &outs {
            assert!(out.status.success(), "{}", common::stderr(out));
        }
        let d = desk(data.path());
        let mark = d.get(sel);
        let kept = (
            mark.and_then(|m| m.note.as_deref()) == Some(note.as_str()),
            mark.is_some_and(|m| m.bookmark),
            d.get(other).is_some_and(|m| m.note.is_some()),
        );
        if kept != (true, true, true) {
            lost.push((round, kept));
        }
    }
    assert!(
        lost.is_empty(),
        "{} of 50 rounds lost something; (round, (note kept, bookmark kept, other note kept)): {lost:?}",
        lost.len()
    );
}

/// Writers that all find desk.yaml broken: it is set aside once, under the lock, into a
/// file of its own that nothing overwrites, and every writer's note is saved after it.
#[test]
fn writers_on_a_broken_desk_set_it_aside_once_and_all_are_kept() {
    let sels = entries(12);
    let mut wrong = Vec::new();
    for trial in 0..40 {
        let data = tempfile::tempdir().unwrap();
        let broken = format!("marks: [ {{selector: broken-by-hand-{trial}\n");
        std::fs::write(data.path().join("desk.yaml"), &broken).unwrap();
        let outs = all_at_once(
            sels.iter()
                .enumerate()
                .map(|(i, s)| brief_command(data.path(), &["note", s, &format!("writer {i}")]))
                .collect(),
        );
        let failed = outs.iter().filter(|o| !o.status.success()).count();
        let asides: Vec<String> = std::fs::read_dir(data.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("unreadable"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        let holding = asides.iter().filter(|t| **t == broken).count();
        let text = std::fs::read_to_string(data.path().join("desk.yaml")).unwrap_or_default();
        let kept = Desk::parse(&text).map_or(0, |d| {
            sels.iter()
                .filter(|s| d.get(s).is_some_and(|m| m.note.is_some()))
                .count()
        });
        if failed > 0 || asides.len() != 1 || holding != 1 || kept != sels.len() {
            wrong.push(format!(
                "trial {trial}: {failed} writers failed, {} aside files, {holding} with the broken desk, {kept} of {} notes kept",
                asides.len(),
                sels.len()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of 40 trials:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// A note written from the command line while a reader is open on its entry survives the
/// reader's bookmark key: the reader saves the bookmark alone, on top of the file.
#[test]
fn bookmarking_in_the_reader_keeps_a_note_written_meanwhile_from_outside() {
    use common::pty::{PATIENCE, brief, spawn};
    let sel = "reader-alpha/overview/remote-speakers";
    let mut s = spawn(&[brief(), "read", sel], 100, 30);
    s.wait_for("Remote speakers");
    for round in 0..3 {
        let note = format!("from the command line, round {round}");
        let out = s.beside(&["note", sel, &note]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        s.send("m");
        // The bookmark goes on and off by turns; the reader saves at once.
        let on = round % 2 == 0;
        let started = std::time::Instant::now();
        let mark = loop {
            let mark = desk(&s.desk).get(sel).cloned();
            if mark.as_ref().is_some_and(|m| m.bookmark == on) || started.elapsed() > PATIENCE {
                break mark;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mark = mark.unwrap_or_else(|| panic!("round {round}: the mark is gone"));
        assert_eq!(mark.bookmark, on, "round {round}: m was not saved");
        assert_eq!(
            mark.note.as_deref(),
            Some(note.as_str()),
            "round {round}: the note written from outside was lost"
        );
    }
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let d = desk(&s.desk);
    assert_eq!(
        d.get(sel).and_then(|m| m.note.as_deref()),
        Some("from the command line, round 2")
    );
}

/// An export with nothing bookmarked or noted says how to mark something, on stderr, and
/// leaves the sheet what a program reading it expects; once an entry is marked, it says
/// nothing of the kind.
#[test]
fn an_empty_export_says_how_to_fill_it() {
    let data = tempfile::tempdir().unwrap();
    for format in ["markdown", "json"] {
        let out = brief(data.path(), &["export", "-f", format]);
        assert!(out.status.success());
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("nothing is bookmarked or noted yet"),
            "{said}"
        );
        assert!(said.contains("brief note SELECTOR --bookmark"), "{said}");
    }
    let marked = brief(
        data.path(),
        &[
            "note",
            "wsis20-overview/issues/igf-mandate",
            "--bookmark",
            "ask about funding",
        ],
    );
    assert!(marked.status.success(), "{marked:?}");
    let out = brief(data.path(), &["export"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    assert!(String::from_utf8_lossy(&out.stdout).contains("ask about funding"));
}

/// The date a note is made on is the local one (TZ), not UTC's: at any moment UTC+14 and
/// UTC-12 are on different days, and `--today` still decides when given.
#[test]
fn the_day_a_mark_is_made_is_the_local_date() {
    let sel = entries(1).remove(0);
    let noted = |tz: &str, extra: &[&str]| {
        let data = tempfile::tempdir().unwrap();
        let mut args = extra.to_vec();
        args.extend(["note", sel.as_str(), "-b"]);
        let out = brief_command(data.path(), &args)
            .env("TZ", tz)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", common::stderr(&out));
        desk(data.path()).marks[0].noted
    };
    let (east, west) = (noted("<+14>-14", &[]), noted("<-12>+12", &[]));
    let days = east.first_day_number() - west.first_day_number();
    assert!(days == 1 || days == 2, "{east} in UTC+14, {west} in UTC-12");
    assert_eq!(
        noted("<+14>-14", &["--today", "2020-02-02"]).to_string(),
        "2020-02-02"
    );
}
