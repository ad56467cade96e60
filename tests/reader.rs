//! End-to-end runs of the reader: the real binary in a pseudo-terminal, its screen read
//! back through a terminal emulator (vt100), as a user would see it. brief reads the
//! reader's own fixture world (tests/fixtures/reader).

mod common;

use std::thread;
use std::time::{Duration, Instant};

use common::pty::{PATIENCE, Session, WORLD, brief, spawn, spawn_with};

#[test]
fn brief_alone_opens_the_reader_and_q_gives_the_terminal_back() {
    let mut s = spawn(&[brief()], 100, 30);
    s.wait_for("Alpha Perspective");
    s.wait_until("entered the alternate screen", |s| s.alternate_screen());
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn search_as_you_type_then_jump_to_the_match() {
    let mut s = spawn(&[brief(), "read"], 100, 30);
    s.wait_for("Alpha Perspective");
    s.send("/tromso");
    let screen = s.wait_for("matches");
    assert!(screen.contains("/tromso"), "{screen}");
    s.send("\r");
    // The reading pane shows the match, written with its accent.
    s.wait_for("Tromsø");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

/// `brief list` of what `args` name: (selector, title) lines.
fn listed(args: &[&str]) -> Vec<(String, String)> {
    let out = std::process::Command::new(brief())
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect()
}

/// `cargo run --release` opens the reader on the briefs built in: the first brief at once,
/// the last one's sections after `G`, read on Enter, on a terminal of 80×24 or 40×20.
/// What the shipped briefs hold is read from `brief list`, so editing one changes nothing.
#[test]
fn the_reader_opens_on_the_built_in_briefs_and_reads_the_last_one() {
    let briefs = listed(&["list"]);
    let (first, last) = (&briefs[0], &briefs[briefs.len() - 1]);
    let sections = listed(&["list", &last.0]);
    let last_section = &sections[sections.len() - 1].1;
    let start = |t: &str| t.chars().take(12).collect::<String>();
    for (w, h) in [(80, 24), (40, 20)] {
        // Not `spawn(&[brief()])`, which reads the reader's own fixture briefs.
        let mut s = spawn(&["env", brief()], w, h);
        s.wait_for(&start(&first.1));
        s.wait_for("q quit");
        s.send("G");
        s.wait_for(&start(last_section));
        // Enter opens the section in the outline, and again reads it: its page, made from
        // the last brief, which the first frame did not decode.
        s.send("\r");
        s.wait_for(&format!("▾ {}", start(last_section)));
        s.send("\r");
        s.wait_for(&sections[sections.len() - 1].0);
        s.send("q");
        assert_eq!(s.exit_code(), 0, "{w}x{h}");
        s.assert_restored();
    }
}

/// The count of matches the prompt shows for `query`, read from the screen.
fn matches_for(args: &[&str], query: &str) -> String {
    let mut s = spawn(args, 80, 24);
    s.wait_for("Alpha Perspective");
    s.send(&format!("/{query}"));
    let screen = s.wait_for("matches");
    // ctrl-c quits from anywhere.
    s.send("\x03");
    assert_eq!(s.exit_code(), 0);
    let line = screen
        .lines()
        .find(|l| l.contains("matches"))
        .unwrap_or_default();
    line.trim().to_owned()
}

#[test]
fn search_finds_the_same_from_the_cache_s_texts_and_from_its_own_index() {
    // A first load with a cache hands the reader the cache's folded texts; with
    // --no-cache it folds every entry itself.
    for query in ["tromso", "funding", "e"] {
        let cached = matches_for(&[brief(), "read"], query);
        let folded = matches_for(&[brief(), "--no-cache", "read"], query);
        assert_eq!(cached, folded, "{query}");
        assert!(!cached.starts_with("0 "), "{cached}");
    }
}

#[test]
fn filter_compare_and_timeline_open_and_close() {
    let mut s = spawn(&[brief()], 120, 36);
    s.wait_for("Alpha Perspective");
    s.send("c");
    s.wait_for("Who stands where");
    s.wait_for("▲ for");
    s.send("\r");
    s.wait_for("Side by side");
    s.send("\x1b");
    s.wait_for("Who stands where");
    // Each Esc is let through before the next key, or the two would read as Alt+key.
    s.send("\x1b");
    s.wait_for("q quit");
    s.send("t");
    s.wait_for("── today");
    s.send("\x1b");
    s.wait_for("q quit");
    s.send("f");
    s.wait_for("Stakeholder group");
    // Down to "oppose" (second stance) and switch it on.
    s.send("j ");
    s.wait_for("[x] oppose");
    s.send("\x1b");
    // The footer names the filter while the menu is still open: wait for it to close.
    s.wait_until("the filter menu closed", |sc| {
        !sc.contents().contains("Stakeholder group")
    });
    s.wait_for("filter: stance oppose");
    s.send("F");
    s.wait_for("filter cleared");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn the_figures_tab_moves_figure_by_figure_and_enter_reads_the_one_at_the_cursor() {
    let mut s = spawn(&[brief()], 40, 20);
    s.wait_for("Alpha Perspective");
    s.send("c");
    s.wait_for("Who stands where");
    s.send("\t");
    s.wait_for("Figures as the sources give them");
    s.wait_for("? help");
    // The cursor starts on the first figure; j takes it two lines down, to the next.
    let first = s.cursor().0;
    s.send("j");
    s.wait_until("the cursor on the next figure", |sc| {
        sc.cursor_position().0 == first.0 + 2
    });
    // Under a figure's value, where it stands: what Enter opens.
    let selector = {
        let p = s.screen.lock().unwrap();
        let sc = p.screen();
        let (row, _) = sc.cursor_position();
        let (_, cols) = sc.size();
        let below = sc.rows(0, cols.get()).nth(usize::from(row) + 1).unwrap();
        below
            .split_whitespace()
            .next()
            .unwrap()
            .trim_end_matches('…')
            .to_owned()
    };
    assert!(selector.contains('/'), "{selector:?}");
    s.send("\r");
    // The reader, on that figure: its selector (cut to the column before) and its value.
    s.wait_for("q quit");
    s.wait_for("Value: ");
    let shown = s.contents();
    assert!(
        shown
            .lines()
            .any(|l| l.trim_start().starts_with(&selector) && l.contains("/figures/")),
        "{selector:?}\n{shown}"
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn resizing_redraws_to_the_new_size() {
    let mut s = spawn(&[brief()], 120, 30);
    s.wait_for("Alpha Perspective");
    for (w, h) in [(40, 12), (200, 60), (1, 1), (60, 20), (80, 24)] {
        s.resize(w, h);
    }
    s.send("\x0c");
    // Frames drawn for a size the storm has already left may still be arriving; what
    // matters is that the screen settles at 80 columns with both panes (the outline's
    // rule drawn) and nothing wider than the terminal.
    let start = Instant::now();
    loop {
        let screen = s.contents();
        let fits = screen.lines().all(|l| l.chars().count() <= 80);
        if fits && screen.contains('│') {
            break;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "never settled at 80 columns:\n{screen}"
        );
        thread::sleep(Duration::from_millis(20));
    }
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn pick_prints_the_chosen_section_to_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("picked.txt");
    let script = format!(
        "'{}' --no-builtin --briefs '{WORLD}' pick reader-alpha/positions --width 60 > '{}'",
        brief(),
        out.display()
    );
    let mut s = spawn(&["/bin/sh", "-c", &script], 100, 30);
    s.wait_for("print this");
    s.send("\r");
    assert_eq!(s.exit_code(), 0);
    let text = std::fs::read_to_string(&out).unwrap();
    // Exactly what `brief show` prints for it: plain text, no escape codes.
    let shown = std::process::Command::new(brief())
        .args(["--no-builtin", "--briefs", WORLD])
        .args(["show", "reader-alpha/positions", "--width", "60"])
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(text, String::from_utf8(shown.stdout).unwrap());
}

#[test]
fn every_signal_that_would_end_the_reader_restores_the_terminal() {
    for sig in ["TERM", "HUP", "QUIT", "USR1", "USR2", "ALRM"] {
        let mut s = spawn(&[brief()], 100, 30);
        s.wait_for("Alpha Perspective");
        ends_restored_on(&mut s, sig);
    }
}

/// Send SIG`sig` to the reader: it must end as a signal ends it, with the terminal given
/// back.
fn ends_restored_on(s: &mut Session, sig: &str) {
    let status = std::process::Command::new("kill")
        .args([format!("-{sig}"), s.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = s.exit_code();
    assert!(code >= 128, "SIG{sig}: exit code {code}");
    s.assert_restored();
}

/// A signal that comes while the first frame is still being made (caught, and forwarded
/// once the frame is out) ends the reader as well, and gives the terminal back.
#[test]
fn a_signal_before_the_first_frame_still_restores_the_terminal() {
    for sig in ["TERM", "INT", "HUP"] {
        let mut s = spawn(&[brief()], 100, 30);
        s.wait_until("entered the alternate screen", |s| s.alternate_screen());
        ends_restored_on(&mut s, sig);
    }
}

#[test]
fn term_dumb_prints_the_list_with_a_message() {
    let mut s = spawn_with(&[brief()], 100, 30, &[("TERM", "dumb")]);
    assert_eq!(s.exit_code(), 0);
    let screen = s.wait_for("reader-alpha");
    assert!(screen.contains("TERM=dumb"), "{screen}");
    assert!(!s.screen.lock().unwrap().screen().alternate_screen());
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes() {
    // A real interactive shell with job control, as a user has.
    let mut s = spawn_with(
        &["bash", "--norc", "--noprofile", "-i"],
        100,
        30,
        &[("PS1", "shell$ ")],
    );
    s.wait_for("shell$");
    s.send(&format!("'{}' --no-builtin --briefs '{WORLD}'\r", brief()));
    s.wait_for("Alpha Perspective");
    s.wait_until("entered the alternate screen", |s| s.alternate_screen());
    s.send("\x1a");
    s.wait_until("gave the screen back on ctrl-z", |s| !s.alternate_screen());
    s.wait_for("Stopped");
    s.send("fg\r");
    s.wait_until("took the screen again on fg", |s| s.alternate_screen());
    s.wait_for("Alpha Perspective");
    s.send("q");
    s.wait_until("left the reader", |s| !s.alternate_screen());
    // Typed only once the shell reads again: sent earlier, it could reach the reader in
    // its last moments instead.
    s.wait_until("the shell's prompt came back", |s| {
        let (row, _) = s.cursor_position();
        s.rows(0, 100)
            .nth(usize::from(row))
            .is_some_and(|line| line.starts_with("shell$"))
    });
    s.send("exit\r");
    assert_eq!(s.exit_code(), 0);
}

/// SIGTSTP sent with `kill` (as a window manager or a script may) stops the reader as
/// ctrl-z does: the terminal given back while it is stopped, taken again on SIGCONT.
#[test]
fn sigtstp_from_kill_gives_the_terminal_back_until_continued() {
    let mut s = spawn(&[brief()], 100, 30);
    s.wait_for("Alpha Perspective");
    s.wait_until("entered the alternate screen", |s| s.alternate_screen());
    let kill = |sig: &str, pid: i32| {
        assert!(
            std::process::Command::new("kill")
                .args([format!("-{sig}"), pid.to_string()])
                .status()
                .unwrap()
                .success()
        );
    };
    kill("TSTP", s.pid());
    s.assert_restored();
    // Stopped: its state in /proc is T.
    let stat = || std::fs::read_to_string(format!("/proc/{}/stat", s.pid())).unwrap_or_default();
    let start = Instant::now();
    while !stat()
        .split(") ")
        .nth(1)
        .is_some_and(|r| r.starts_with('T'))
    {
        assert!(start.elapsed() < PATIENCE, "never stopped: {}", stat());
        thread::sleep(Duration::from_millis(20));
    }
    kill("CONT", s.pid());
    s.wait_until("took the screen again", |s| s.alternate_screen());
    s.wait_for("Alpha Perspective");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

/// `brief notes` with the session's data folder.
fn notes_in(s: &Session) -> String {
    let out = std::process::Command::new(brief())
        .args(["--no-builtin", "--briefs", WORLD])
        .arg("notes")
        .env("BRIEF_DATA_DIR", s._home.path().join("desk"))
        .env("XDG_CONFIG_HOME", s._home.path().join("config"))
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The reader opened at an entry of the fixture world, showing it.
fn at_remote_speakers() -> Session {
    let s = spawn(
        &[brief(), "read", "reader-alpha/overview/remote-speakers"],
        100,
        30,
    );
    s.wait_for("Remote speakers");
    s
}

#[test]
fn bookmark_and_note_in_the_reader_are_saved() {
    let mut s = at_remote_speakers();
    s.send("m");
    s.wait_for("bookmarked");
    s.send("a");
    s.wait_for("Note on Remote speakers");
    s.send("Say: funding first.\rThen NRIs.");
    s.send("\x1b");
    s.wait_for("note saved");
    s.wait_for("★ bookmarked");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let notes = notes_in(&s);
    assert_eq!(
        notes,
        "reader-alpha/overview/remote-speakers\tbookmark+note\tcurrent\n    Say: funding first.\n    Then NRIs.\n"
    );
}

/// A paste of a whole file into a note is cut to the limit SECURITY.md states (10,000
/// characters), and the status line says so; what is kept is saved.
#[test]
fn a_huge_paste_into_a_note_is_cut_and_said() {
    let mut s = at_remote_speakers();
    s.send("a");
    s.wait_for("Note on Remote speakers");
    let mut paste = String::from("\x1b[200~");
    for _ in 0..780_000 / 10 {
        paste.push_str("pasted-x ");
        paste.push('\n');
    }
    paste.push_str("\x1b[201~");
    s.send(&paste);
    s.wait_for("paste cut to its first 10000 characters");
    s.send("\x1b");
    s.wait_for("note saved");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let desk = std::fs::read_to_string(s._home.path().join("desk/desk.yaml")).unwrap();
    let desk = brief::desk::Desk::parse(&desk).unwrap();
    let note = desk.marks[0].note.as_deref().unwrap();
    // 10,000 characters pasted, less the space and line break at the end, which a saved
    // note drops.
    assert_eq!(note.chars().count(), 9_998, "{}", &note[..80]);
}

#[test]
fn the_desk_screen_shows_notes_saved_by_another_process() {
    let mut s = spawn(&[brief()], 100, 30);
    s.wait_for("Alpha Perspective");
    let out = std::process::Command::new(brief())
        .args(["--no-builtin", "--briefs", WORLD])
        .args([
            "note",
            "reader-alpha/overview/remote-speakers",
            "from the other window",
        ])
        .env("BRIEF_DATA_DIR", s._home.path().join("desk"))
        .env("XDG_CONFIG_HOME", s._home.path().join("config"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    s.send("D");
    s.wait_for("Desk: your bookmarks and notes");
    s.wait_for("from the other window");
    // q closes the desk, back to the reader; only there does it quit.
    s.send("q");
    s.wait_for("q quit");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_broken_desk_file_is_reported_in_the_reader_which_still_opens() {
    // The desk file is broken before the reader starts.
    let home = tempfile::tempdir().unwrap();
    let desk = home.path().join("desk");
    std::fs::create_dir_all(&desk).unwrap();
    std::fs::write(desk.join("desk.yaml"), "marks: [\n").unwrap();
    let mut s = spawn_with(
        &[brief()],
        120,
        30,
        &[("BRIEF_DATA_DIR", desk.to_str().unwrap())],
    );
    s.wait_for("kept it aside");
    s.wait_for("Alpha Perspective");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    assert!(std::fs::read_dir(&desk).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .contains("unreadable")
    }));
}

#[test]
fn sigterm_sigint_and_sighup_while_writing_a_note_keep_the_note() {
    for sig in ["TERM", "INT", "HUP"] {
        let mut s = spawn(
            &[brief(), "read", "reader-alpha/overview/remote-speakers"],
            100,
            30,
        );
        s.wait_for("Remote speakers");
        s.send("a");
        s.wait_for("Note on");
        let words = format!("typed before SIG{sig}");
        s.send(&words);
        s.wait_for(&words);
        ends_restored_on(&mut s, sig);
        assert!(notes_in(&s).contains(&words), "SIG{sig}: note lost");
    }
}

#[test]
fn a_megabyte_pasted_into_search_and_a_held_key_leave_it_responsive() {
    let mut s = spawn(&[brief()], 100, 30);
    s.wait_for("Alpha Perspective");
    s.send("/");
    s.wait_for("type to search");
    // A bracketed paste of a megabyte, controls and all: the prompt keeps a short query.
    let mut paste = String::from("\x1b[200~");
    for _ in 0..(1 << 20) / 64 {
        paste
            .push_str("igf\x1b[2J\x07 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW");
    }
    paste.push_str("\x1b[201~");
    s.send(&paste);
    s.wait_for("/igf");
    s.send("\x1b");
    thread::sleep(Duration::from_millis(200));
    // A key held down: presses arrive faster than frames can be drawn, in bursts (a
    // real key repeats some 30 times a second; this is 2,500).
    for key in ["j", "k"] {
        for _ in 0..40 {
            s.send(&key.repeat(25));
            thread::sleep(Duration::from_millis(10));
        }
    }
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn without_a_terminal_on_stdin_the_reader_says_so_and_leaves_the_terminal_alone() {
    for redirect in ["< /dev/null", "<&-"] {
        let script = format!("'{}' read {redirect}", brief());
        let mut s = spawn(&["/bin/sh", "-c", &script], 100, 30);
        s.wait_for("the reader needs a terminal on stdin and stdout");
        assert_ne!(s.exit_code(), 0, "stdin {redirect}");
        s.assert_restored();
    }
}

#[test]
fn a_note_that_cannot_be_saved_is_kept_in_a_file_and_the_exit_says_so() {
    // The data folder would be under a regular file, so it can never be made.
    let spot = tempfile::tempdir().unwrap();
    let blocker = spot.path().join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let data = blocker.join("desk");
    let tmp = spot.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let mut s = spawn_with(
        &[brief(), "read", "reader-alpha/overview/remote-speakers"],
        100,
        30,
        &[
            ("BRIEF_DATA_DIR", data.to_str().unwrap()),
            ("TMPDIR", tmp.to_str().unwrap()),
        ],
    );
    s.wait_for("Remote speakers");
    s.send("a");
    s.wait_for("Note on Remote speakers");
    s.send("do not lose me");
    s.send("\x1b");
    let screen = s.wait_for("notes NOT saved");
    assert!(
        screen.contains("BRIEF_DATA_DIR"),
        "says how the folder was chosen: {screen}"
    );
    // The note still shows where it was written.
    s.wait_for("do not lose me");
    s.send("q");
    assert_eq!(
        s.exit_code(),
        1,
        "a note not saved where it belongs is not a success"
    );
    let kept: Vec<_> = std::fs::read_dir(&tmp).unwrap().flatten().collect();
    assert_eq!(kept.len(), 1, "one file with the unsaved notes");
    let text = std::fs::read_to_string(kept[0].path()).unwrap();
    assert!(text.contains("do not lose me"), "{text}");
    s.wait_for("1 note or bookmark could not be saved; kept in");
}

/// Characters a terminal draws at another width than ratatui measures — the line and
/// paragraph separators, a joined emoji — used to put the reader's idea of the screen out
/// of step with the terminal: after scrolling, the screen showed words that are not in
/// the brief (`word52 word5526`). Every word on screen, at every step, must be one the
/// brief has, in its order.
#[test]
fn separators_and_joiners_keep_the_screen_in_step_while_scrolling() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = String::new();
    for i in 1..=240 {
        body.push_str(&format!("word{i}"));
        body.push_str(match i % 6 {
            0 => "\u{2028}",
            1 => " 👩\u{200d}💻 ",
            2 => "\u{2029}",
            3 => " a\u{200d}b ",
            4 => " ❤\u{fe0f} ",
            _ => " ",
        });
    }
    let yaml = format!(
        "id: unsteady\ntitle: Unsteady widths\npublisher: someone\nkind: commentary\n\
         published: 2025-07\nlanguage: en\nsummary: Words with separators between them.\n\
         sources:\n  - id: doc\n    title: A document\n    publisher: Someone\n    date: 2025-07-01\n\
         actors:\n  - id: someone\n    name: Someone\n    group: civil-society\n\
         sections:\n  - id: words\n    title: Words\n    items:\n      - id: many\n        \
         title: Many words\n        summary: Words to scroll through.\n        body: {}\n        \
         cite: {{source: doc, at: \"p. 1\"}}\n",
        serde_json::to_string(&body).unwrap()
    );
    std::fs::write(dir.path().join("unsteady.yaml"), yaml).unwrap();
    let shown = common::brief_in(dir.path())
        .args(["--no-builtin", "--briefs"])
        .arg(dir.path())
        .args(["show", "unsteady/words/many"])
        .output()
        .unwrap();
    assert!(shown.status.success(), "{}", common::stderr(&shown));
    for (cols, rows) in [(80, 24), (40, 20)] {
        let script = format!(
            "exec '{}' --no-builtin --briefs '{}' read unsteady/words/many",
            brief(),
            dir.path().display()
        );
        let mut s = spawn(&["/bin/sh", "-c", &script], cols, rows);
        s.wait_for("Unsteady widths");
        if cols < 70 {
            // One pane: Enter reads the entry the outline stands on.
            for _ in 0..3 {
                if s.contents().contains("word1") {
                    break;
                }
                s.send("\r");
                thread::sleep(Duration::from_millis(100));
            }
        } else {
            s.send("\t");
        }
        s.wait_for("word1");
        let mut last_seen = 0;
        for step in 0..40 {
            s.send(if step % 5 == 4 { "u" } else { "j" });
            thread::sleep(Duration::from_millis(15));
            let screen = s.contents();
            let mut previous = 0;
            for word in screen.split(|c: char| !c.is_ascii_alphanumeric()) {
                let Some(n) = word
                    .strip_prefix("word")
                    .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                else {
                    continue;
                };
                let n: usize = n.parse().unwrap_or(0);
                assert!(
                    (1..=240).contains(&n) && n > previous,
                    "at {cols}x{rows}, step {step}: `{word}` is not where the brief has it:\n{screen}"
                );
                previous = n;
                last_seen = last_seen.max(n);
            }
        }
        assert!(last_seen > 30, "the entry scrolled: {last_seen}");
        s.send("q");
        assert_eq!(s.exit_code(), 0);
    }
}

/// The negotiated text of tests/fixtures/drafts: `v` on it opens its last two versions
/// side by side, read off the UI thread; `n` steps to a change, `[` moves the left side
/// back to the zero draft, `q` comes back to the reader, at three terminal sizes.
#[test]
fn v_opens_two_versions_side_by_side_and_q_comes_back() {
    let drafts = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/drafts");
    for (w, h) in [(80, 24), (40, 20), (200, 60)] {
        let mut s = spawn_with(
            &["env", brief(), "--no-builtin", "--briefs", drafts],
            w,
            h,
            &[],
        );
        s.wait_for("Lakeland");
        s.wait_for("q quit");
        s.send("v");
        s.wait_for("rev1 → rev2");
        let first = s.wait_for("───");
        assert!(!first.contains("could not be read"), "{w}x{h}: {first}");
        s.send("n");
        s.wait_until("n moved to a change", |sc| sc.contents() != first);
        s.send("[");
        let zero = s.wait_for("zero → rev2");
        for l in zero.lines() {
            assert!(l.chars().count() <= usize::from(w), "{w}x{h}: {l:?}");
        }
        if w >= 100 {
            // Two columns, the names over them.
            assert!(
                zero.contains("zero · Zero draft") && zero.contains("│ rev2 · Revision 2"),
                "{zero}"
            );
        }
        s.send("q");
        s.wait_for("q quit");
        s.send("q");
        assert_eq!(s.exit_code(), 0, "{w}x{h}");
        s.assert_restored();
    }
}

/// Two versions side by side while one of their files changes on disk: the screen reads
/// them again and stays on the paragraph it was on (with the filter it had), rather than
/// starting again at the top with every row shown.
#[test]
fn a_version_file_changed_under_the_versions_screen_keeps_its_paragraph() {
    let dir = common::drafts_copy();
    let folder = dir.path().to_str().unwrap();
    let mut s = spawn(
        &["env", brief(), "--no-builtin", "--briefs", folder],
        100,
        30,
    );
    s.wait_for("q quit");
    s.send("v");
    s.wait_for("rev1 → rev2");
    let first = s.wait_for("───");
    // Only the changed paragraphs, and the second of them.
    s.send("f");
    s.wait_until("f filtered the rows", |sc| sc.contents() != first);
    let filtered = s.contents();
    s.send("nn");
    s.wait_until("n moved", |sc| sc.contents() != filtered);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let ((row, _), _) = s.cursor();
    let here = |screen: &str| {
        screen
            .lines()
            .nth(usize::from(row))
            .unwrap_or("")
            .to_owned()
    };
    let before = here(&s.contents());
    assert!(row > 0 && !before.trim().is_empty(), "{row}: {before:?}");
    // A change that moves no word: a blank line more at the end.
    let rev2 = dir.path().join("rev2.md");
    let mut text = std::fs::read_to_string(&rev2).unwrap();
    text.push_str("\n\n");
    std::fs::write(&rev2, text).unwrap();
    s.wait_for("reloaded rev2.md");
    s.wait_until("the cursor on the same paragraph", |sc| {
        sc.cursor_position().0 == row && here(&sc.contents()) == before
    });
    s.send("q");
    s.wait_for("q quit");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

/// The invented Harbour negotiation (tests/fixtures/proposals, its Word version written by
/// the test): `P` on it opens its proposals, measured off the UI thread; `l` and `j` move
/// to an actor and a paragraph, whose proposal and record show below; `q` comes back.
#[test]
fn p_opens_the_proposals_matrix_and_q_comes_back() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("harbour-pty");
    common::proposals::harbour(&dir);
    let dir = dir.to_str().unwrap();
    for (w, h) in [(80, 24), (40, 20)] {
        let mut s = spawn_with(
            &["env", brief(), "--no-builtin", "--briefs", dir],
            w,
            h,
            &[],
        );
        s.wait_for("q quit");
        // The outline lists the delegations' brief first, then the text and its
        // versions, then the secretariat's record of proposals (its brief, its section):
        // P on the text's last version opens the text's proposals.
        s.send("Gkk");
        s.wait_for("Revision 2");
        s.send("P");
        let first = s.wait_for("zero ¶5");
        assert!(first.contains("Norland"), "{w}x{h}: {first}");
        s.send("jl");
        let moved = s.wait_for("Estria: 3 proposals");
        for l in moved.lines() {
            assert!(l.chars().count() <= usize::from(w), "{w}x{h}: {l:?}");
        }
        s.send("q");
        s.wait_for("q quit");
        s.send("q");
        assert_eq!(s.exit_code(), 0, "{w}x{h}");
        s.assert_restored();
    }
}

/// The hardware cursor follows the selected row, hidden unless asked for, so that screen
/// readers and magnifiers follow it: in the outline after moving down, at two sizes (two
/// panes and one), and on the timeline.
#[test]
fn the_hardware_cursor_sits_hidden_on_the_selected_row() {
    for (cols, rows) in [(80, 24), (40, 20)] {
        let mut s = spawn(&[brief()], cols, rows);
        s.wait_for("Alpha Perspective");
        // The outline starts on the second row (under the header), on its first row.
        s.wait_until("the cursor on the first row", |sc| {
            sc.cursor_position() == (1, 0)
        });
        s.send("jjj");
        s.wait_until("the cursor moved down three rows", |sc| {
            sc.cursor_position() == (4, 0)
        });
        assert_eq!(s.selected_rows(0), [4], "{cols}x{rows}:\n{}", s.contents());
        assert!(!s.cursor().1, "{cols}x{rows}: the cursor is shown");
        // On the timeline, the event at the cursor (two lines of it when narrow), before
        // and after moving up one.
        s.send("t");
        s.wait_for("── today");
        let on_selection = |sc: &vt100::Screen| {
            let (row, col) = sc.cursor_position();
            col == 0 && row > 3 && sc.cell(row, 0).is_some_and(common::pty::is_selected)
        };
        s.wait_until("the cursor on the event at the cursor", on_selection);
        let ((first, _), _) = s.cursor();
        s.send("k");
        s.wait_until("the cursor on the event above", |sc| {
            on_selection(sc) && sc.cursor_position().0 < first
        });
        let ((row, _), shown) = s.cursor();
        assert_eq!(s.selected_rows(0).first(), Some(&row), "{}", s.contents());
        assert!(!shown);
        s.send("q");
        s.wait_for("q quit");
        s.send("q");
        assert_eq!(s.exit_code(), 0);
        s.assert_restored();
    }
}

#[test]
fn show_cursor_from_the_flag_or_the_config_file_shows_it_on_the_selected_row() {
    let mut s = spawn(&[brief(), "--show-cursor"], 80, 24);
    s.wait_for("Alpha Perspective");
    s.send("jj");
    s.wait_until("the cursor shown on the third row", |sc| {
        sc.cursor_position() == (3, 0) && !sc.hide_cursor()
    });
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "show_cursor: true\n").unwrap();
    let config = config.to_str().unwrap();
    let mut s = spawn_with(&[brief()], 80, 24, &[("BRIEF_CONFIG", config)]);
    s.wait_for("Alpha Perspective");
    s.send("j");
    s.wait_until("the cursor shown on the second row", |sc| {
        sc.cursor_position() == (2, 0) && !sc.hide_cursor()
    });
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_config_file_with_an_unknown_key_is_an_error_where_it_is_and_the_reader_stays_shut() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "osc52: true\nshow_cursr: true\n").unwrap();
    let config = config.to_str().unwrap();
    let mut s = spawn_with(&[brief()], 100, 24, &[("BRIEF_CONFIG", config)]);
    let screen = s.wait_for("show_cursr");
    assert_eq!(s.exit_code(), 1);
    assert!(
        screen.contains(&format!("{config}:2:1: unknown field")),
        "{screen}"
    );
    assert!(!s.screen.lock().unwrap().screen().alternate_screen());
}

/// Standard base64 decoded, for reading OSC 52 back.
fn unbase64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c:?}"),
        }
    };
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let digits: Vec<u8> = chunk.iter().copied().filter(|&c| c != b'=').collect();
        let n = digits
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | value(c) << (18 - 6 * i));
        out.extend((0..digits.len().saturating_sub(1)).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    out
}

/// The payloads of every OSC 52 sequence written so far.
fn osc52_payloads(s: &Session) -> Vec<Vec<u8>> {
    let raw = s.raw.lock().unwrap().clone();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    raw.split("\x1b]52;c;")
        .skip(1)
        .map(|rest| unbase64(&rest[..rest.find('\x07').expect("a BEL ends OSC 52")]))
        .collect()
}

const NORLAND: &str = "reader-alpha/positions/norland-funding-2024";

#[test]
fn y_copies_through_osc52_exactly_what_the_status_line_names() {
    let mut s = spawn(&[brief(), "--osc52", "read", NORLAND], 120, 30);
    s.wait_for("Paying for the forum");
    s.send("y");
    s.wait_for(&format!("copy what of {NORLAND}?"));
    s.wait_for("s selector");
    s.send("s");
    let screen = s.wait_for("(OSC 52)");
    let said = screen
        .lines()
        .find_map(|l| l.trim().strip_prefix("copied selector "))
        .and_then(|l| l.split(" (OSC 52)").next())
        .unwrap_or_else(|| panic!("no status line:\n{screen}"))
        .to_owned();
    assert_eq!(said, NORLAND);
    assert_eq!(osc52_payloads(&s), [said.as_bytes()]);
    // The text, as `brief show` prints it unwrapped.
    s.send("yt");
    s.wait_for(&format!("copied text of {NORLAND} (OSC 52)"));
    let shown = s.beside(&["show", NORLAND, "--width", "0"]);
    let payloads = osc52_payloads(&s);
    assert_eq!(payloads.len(), 2);
    assert_eq!(payloads[1], shown.stdout);
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn without_osc52_y_says_so_and_capital_y_writes_the_file_it_names() {
    let mut s = spawn(&[brief(), "read", NORLAND], 160, 30);
    s.wait_for("Paying for the forum");
    s.send("ys");
    s.wait_for("OSC 52 is off (--osc52); Y writes it to a file");
    assert!(osc52_payloads(&s).is_empty());
    s.send("Ys");
    let screen = s.wait_for("clip.txt");
    let line = screen
        .lines()
        .find(|l| l.contains(&format!("wrote selector {NORLAND} to ")))
        .unwrap_or_else(|| panic!("no status line:\n{screen}"));
    let path = line
        .split(" to ")
        .nth(1)
        .and_then(|p| p.split_whitespace().next())
        .unwrap();
    let expected = s._home.path().join("state").join("clip.txt");
    assert_eq!(path, expected.to_str().unwrap());
    assert_eq!(std::fs::read_to_string(&expected).unwrap(), NORLAND);
    // Y again, the citation: the file holds it instead, whole.
    s.send("Yc");
    s.wait_for(&format!("wrote citation of {NORLAND} to "));
    let cited = std::fs::read_to_string(&expected).unwrap();
    assert!(cited.ends_with('\n') && !cited.contains(NORLAND), "{cited}");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

/// `brief pick`: Tab marks several (a ✔ on each), Enter prints them in the order marked,
/// as `brief show` prints them, or only their selectors with `-f selector`.
#[test]
fn pick_prints_every_marked_entry_in_the_order_marked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("picked.txt");
    for format in ["selector", "text"] {
        let script = format!(
            "'{}' --no-builtin --briefs '{WORLD}' pick reader-alpha/positions -f {format} --width 60 > '{}'",
            brief(),
            out.display()
        );
        let mut s = spawn(&["/bin/sh", "-c", &script], 100, 30);
        s.wait_for("print this");
        // Open the section, go to its second entry, mark it; then back up and mark the
        // first: the order marked is not the order listed.
        s.send("\x1b[C");
        s.wait_for("Norland");
        s.send("\x1b[B\x1b[B\t");
        s.wait_for("1 marked");
        let screen = s.wait_for("✔");
        assert_eq!(screen.matches('✔').count(), 1, "{screen}");
        // Said in words at the top too, where it stays.
        assert!(
            screen.lines().next().unwrap().contains("1 marked · "),
            "{screen}"
        );
        s.send("\x1b[A\x1b[A\t");
        s.wait_for("2 marked");
        s.send("\r");
        assert_eq!(s.exit_code(), 0);
        let printed = std::fs::read_to_string(&out).unwrap();
        let second = "reader-alpha/positions/norland-funding-as-icnp-hears-it";
        match format {
            "selector" => assert_eq!(printed, format!("{second}\n{NORLAND}\n")),
            _ => {
                let shown = std::process::Command::new(brief())
                    .args(["--no-builtin", "--briefs", WORLD])
                    .args(["show", second, NORLAND, "--width", "60"])
                    .env("XDG_CONFIG_HOME", dir.path())
                    .output()
                    .unwrap();
                assert_eq!(printed, String::from_utf8(shown.stdout).unwrap());
            }
        }
    }
}

/// The text of the row the hardware cursor is on: the selected one.
fn row_at_cursor(s: &Session) -> String {
    let p = s.screen.lock().unwrap();
    let sc = p.screen();
    let (row, _) = sc.cursor_position();
    let (_, cols) = sc.size();
    sc.rows(0, cols.get())
        .nth(usize::from(row))
        .unwrap_or_default()
}

/// Wait until the selected row shows `text`.
fn wait_for_selected(s: &Session, text: &str) {
    s.wait_until(&format!("{text:?} selected"), |sc| {
        let (row, _) = sc.cursor_position();
        let (_, cols) = sc.size();
        row > 0
            && sc
                .rows(0, cols.get())
                .nth(usize::from(row))
                .is_some_and(|r| r.contains(text))
    });
}

#[test]
fn the_reader_opens_where_it_was_left_unless_fresh_and_a_place_gone_opens_at_the_top() {
    let state = tempfile::tempdir().unwrap();
    let place = state.path().join("place.json");
    let env = [("BRIEF_STATE_DIR", state.path().to_str().unwrap())];
    // Opened at an entry, moved to the next, read: that is where it was left.
    let mut s = spawn_with(
        &[brief(), "read", "reader-alpha/overview/who-it-serves"],
        100,
        30,
        &env,
    );
    wait_for_selected(&s, "Who the forum serves");
    s.send("j");
    wait_for_selected(&s, "Remote speakers");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let saved = std::fs::read_to_string(&place).unwrap();
    assert!(
        saved.contains("\"reader-alpha/overview/remote-speakers\""),
        "{saved}"
    );

    // Opened again: the same entry, selected and read.
    let mut s = spawn_with(&[brief()], 100, 30, &env);
    wait_for_selected(&s, "Remote speakers");
    s.wait_for("take the floor in every");
    s.send("q");
    assert_eq!(s.exit_code(), 0);

    // --fresh: the top, the place not read.
    let mut s = spawn_with(&[brief(), "--fresh"], 100, 30, &env);
    s.wait_for("Alpha Perspective");
    s.wait_until("the first row selected", |sc| {
        sc.cursor_position() == (1, 0)
    });
    assert!(row_at_cursor(&s).contains("Alpha Perspective"));
    s.send("q");
    assert_eq!(s.exit_code(), 0);

    // A place whose brief is gone: the top, and the status line says so.
    std::fs::write(&place, r#"{"selector": "reader-omega/overview/gone"}"#).unwrap();
    let mut s = spawn_with(&[brief()], 100, 30, &env);
    s.wait_for("`reader-omega/overview/gone`, where you left off, is gone; opened at the top");
    assert_eq!(s.cursor().0, (1, 0));
    s.send("q");
    assert_eq!(s.exit_code(), 0);

    // A place file that is not one: the top, and said.
    std::fs::write(&place, "{\"selector\": ").unwrap();
    let mut s = spawn_with(&[brief()], 100, 30, &env);
    s.wait_for("where you left off could not be read");
    assert_eq!(s.cursor().0, (1, 0));
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn the_last_search_is_there_again_when_the_reader_opens_where_it_was_left() {
    let state = tempfile::tempdir().unwrap();
    let env = [("BRIEF_STATE_DIR", state.path().to_str().unwrap())];
    let mut s = spawn_with(&[brief()], 100, 30, &env);
    s.wait_for("Alpha Perspective");
    s.send("/forum");
    s.wait_for("match");
    s.send("\r");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let saved = std::fs::read_to_string(state.path().join("place.json")).unwrap();
    assert!(saved.contains("\"search\": \"forum\""), "{saved}");

    // Opened again: n steps through the matches of that search.
    let mut s = spawn_with(&[brief()], 100, 30, &env);
    s.wait_for("Alpha Perspective");
    s.send("n");
    s.wait_for("match 2 of");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

/// Write `text` to `path` as an editor does: a new file renamed over the old one.
fn save_as_an_editor(path: &std::path::Path, text: &str) {
    let tmp = path.with_extension("yaml.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn a_brief_file_added_to_the_folder_while_open_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let world = std::path::Path::new(WORLD);
    std::fs::copy(world.join("alpha.yaml"), dir.path().join("alpha.yaml")).unwrap();
    let folder = dir.path().to_str().unwrap();
    let mut s = spawn(
        &["env", brief(), "--no-builtin", "--briefs", folder, "read"],
        100,
        30,
    );
    s.wait_for("Alpha Perspective");
    assert!(!s.contents().contains("Gamma Commentary"));
    // As an editor saves a new file: written aside, then renamed into the folder.
    let text = std::fs::read_to_string(world.join("gamma.yaml")).unwrap();
    save_as_an_editor(&dir.path().join("gamma.yaml"), &text);
    s.wait_for("reloaded gamma.yaml");
    s.wait_for("Gamma Commentary on the Review");
    // One added broken is left out, and the status line says where it is wrong.
    save_as_an_editor(
        &dir.path().join("delta.yaml"),
        "id: reader-delta\ntitle: [\n",
    );
    s.wait_for("reloaded delta.yaml; delta.yaml:");
    s.wait_for("(left out)");
    assert!(s.contents().contains("Gamma Commentary on the Review"));
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_brief_edited_while_open_is_reloaded_in_place_and_a_broken_edit_keeps_the_last_good_copy() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["alpha.yaml", "beta.yaml", "gamma.yaml"] {
        std::fs::copy(std::path::Path::new(WORLD).join(f), dir.path().join(f)).unwrap();
    }
    let alpha = dir.path().join("alpha.yaml");
    let original = std::fs::read_to_string(&alpha).unwrap();
    let folder = dir.path().to_str().unwrap();
    // Not `spawn(&[brief()…])`, which adds the fixture world.
    let mut s = spawn(
        &[
            "env",
            brief(),
            "--no-builtin",
            "--briefs",
            folder,
            "read",
            "reader-alpha/overview/remote-speakers",
        ],
        100,
        30,
    );
    wait_for_selected(&s, "Remote speakers");
    s.send("\t");
    s.wait_until("the reading pane has the keys", |sc| {
        sc.cursor_position().1 > 0
    });

    // A new title: shown, on the same entry, and said.
    let revised = original.replace(
        "title: \"Alpha Perspective on the Future of the Forum\"",
        "title: \"Alpha Revised View of the Forum\"",
    );
    assert_ne!(revised, original);
    save_as_an_editor(&alpha, &revised);
    s.wait_for("reloaded alpha.yaml");
    s.wait_for("Alpha Revised View");
    s.wait_for("take the floor in every");
    s.send("\t");
    wait_for_selected(&s, "Remote speakers");
    s.send("\t");

    // Broken: the last good copy stays, and the status line says where the file is wrong.
    let broken = revised.replace(
        "title: \"Alpha Revised View of the Forum\"",
        "title: \"Alpha Broken\" and more",
    );
    std::fs::write(&alpha, &broken).unwrap();
    let screen = s.wait_for("alpha.yaml:4:23: invalid trailing content");
    assert!(screen.contains("Alpha Revised View"), "{screen}");
    assert!(screen.contains("take the floor in every"), "{screen}");
    // It is said until the file loads, whatever keys come meanwhile.
    s.send("\t");
    wait_for_selected(&s, "Remote speakers");
    let screen = s.contents();
    assert!(
        screen.contains("alpha.yaml:4:23: invalid trailing"),
        "{screen}"
    );

    // Fixed: loaded again.
    let fixed = original.replace(
        "title: \"Alpha Perspective on the Future of the Forum\"",
        "title: \"Alpha Third Title\"",
    );
    save_as_an_editor(&alpha, &fixed);
    s.wait_for("Alpha Third Title");
    s.wait_for("reloaded alpha.yaml");
    wait_for_selected(&s, "Remote speakers");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn a_version_file_of_a_text_edited_while_open_is_reloaded() {
    let dir = common::drafts_copy();
    let folder = dir.path().to_str().unwrap();
    let mut s = spawn(
        &[
            "env",
            brief(),
            "--no-builtin",
            "--briefs",
            folder,
            "read",
            "lakeland-outcome/rev2/1",
        ],
        100,
        30,
    );
    s.wait_for("We commit to extend affordable broadband");
    let rev2 = dir.path().join("rev2.md");
    let text = std::fs::read_to_string(&rev2).unwrap();
    let edited = text.replace(
        "every school and health centre",
        "every school, library and health centre",
    );
    assert_ne!(edited, text);
    std::fs::write(&rev2, edited).unwrap();
    s.wait_for("reloaded rev2.md");
    s.wait_for("library and health centre");
    // Still on the paragraph read before.
    s.wait_for("lakeland-outcome/rev2/1");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}
