//! End-to-end runs of the reader: the real binary in a pseudo-terminal, its screen read
//! back through a terminal emulator (vt100), as a user would see it.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for the screen to show something before calling it a hang. Not a
/// speed check: speed is measured in the benchmarks.
const PATIENCE: Duration = Duration::from_secs(20);

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _home: tempfile::TempDir,
}

fn spawn(args: &[&str], cols: u16, rows: u16) -> Session {
    spawn_with(args, cols, rows, &[])
}

fn spawn_with(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
    let home = tempfile::tempdir().unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(args[0]);
    for a in &args[1..] {
        cmd.arg(a);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home.path());
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd.env("XDG_DATA_HOME", home.path().join("data"));
    cmd.env("BRIEF_DATA_DIR", home.path().join("desk"));
    cmd.env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.cwd(home.path());
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&screen);
    thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    let writer = pty.master.take_writer().unwrap();
    Session {
        screen,
        master: pty.master,
        writer,
        child,
        _home: home,
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

fn brief() -> &'static str {
    env!("CARGO_BIN_EXE_brief")
}

impl Session {
    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `text`; fail with the screen as it is otherwise.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let now = self.contents();
            if now.contains(text) {
                return now;
            }
            if start.elapsed() > PATIENCE {
                panic!("the screen never showed {text:?}; it shows:\n{now}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_until(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if ok(self.screen.lock().unwrap().screen()) {
                return;
            }
            if start.elapsed() > PATIENCE {
                panic!("never {what}; the screen shows:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
    }

    /// Wait for the process to end; its exit code.
    fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!(
                    "the reader did not exit; the screen shows:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is as the shell left it: main screen, cursor shown, no mouse capture.
    fn assert_restored(&self) {
        self.wait_until("left the alternate screen", |s| !s.alternate_screen());
        let p = self.screen.lock().unwrap();
        let s = p.screen();
        assert!(!s.hide_cursor(), "the cursor is still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture is still on"
        );
        assert!(!s.bracketed_paste(), "bracketed paste is still on");
    }

    fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }
}

#[test]
fn brief_alone_opens_the_reader_and_q_gives_the_terminal_back() {
    let mut s = spawn(&[brief()], 100, 30);
    s.wait_for("WSIS+20");
    s.wait_until("entered the alternate screen", |s| s.alternate_screen());
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn search_as_you_type_then_jump_to_the_match() {
    let mut s = spawn(&[brief(), "read"], 100, 30);
    s.wait_for("WSIS+20");
    s.send("/lillestrom");
    let screen = s.wait_for("matches");
    assert!(screen.contains("/lillestrom"), "{screen}");
    s.send("\r");
    // The reading pane shows the match, written with its accent.
    s.wait_for("Lillestrøm");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn filter_compare_and_timeline_open_and_close() {
    let mut s = spawn(&[brief()], 120, 36);
    s.wait_for("WSIS+20");
    s.send("c");
    s.wait_for("Who stands where");
    s.wait_for("▲ for");
    s.send("\r");
    s.wait_for("Side by side");
    s.send("\x1b");
    s.wait_for("Who stands where");
    // Each Esc is let through before the next key, or the two would read as Alt+key.
    s.send("\x1b");
    s.wait_for("c compare");
    s.send("t");
    s.wait_for("── today");
    s.send("\x1b");
    s.wait_for("c compare");
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
fn resizing_redraws_to_the_new_size() {
    let mut s = spawn(&[brief()], 120, 30);
    s.wait_for("WSIS+20");
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
        "'{}' pick wsis20-overview/issues --width 60 > '{}'",
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
        .args(["show", "wsis20-overview/issues", "--width", "60"])
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(text, String::from_utf8(shown.stdout).unwrap());
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for sig in ["TERM", "HUP"] {
        let mut s = spawn(&[brief()], 100, 30);
        s.wait_for("WSIS+20");
        let status = std::process::Command::new("kill")
            .args([format!("-{sig}"), s.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let code = s.exit_code();
        assert!(code >= 128, "SIG{sig}: exit code {code}");
        s.assert_restored();
    }
}

#[test]
fn term_dumb_prints_the_list_with_a_message() {
    let mut s = spawn_with(&[brief()], 100, 30, &[("TERM", "dumb")]);
    assert_eq!(s.exit_code(), 0);
    let screen = s.wait_for("wsis20-overview");
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
    s.send(&format!("'{}'\r", brief()));
    s.wait_for("WSIS+20");
    s.wait_until("entered the alternate screen", |s| s.alternate_screen());
    s.send("\x1a");
    s.wait_until("gave the screen back on ctrl-z", |s| !s.alternate_screen());
    s.wait_for("Stopped");
    s.send("fg\r");
    s.wait_until("took the screen again on fg", |s| s.alternate_screen());
    s.wait_for("WSIS+20");
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

/// `brief notes` with the session's data folder.
fn notes_in(s: &Session) -> String {
    let out = std::process::Command::new(brief())
        .arg("notes")
        .env("BRIEF_DATA_DIR", s._home.path().join("desk"))
        .env("XDG_CONFIG_HOME", s._home.path().join("config"))
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn bookmark_and_note_in_the_reader_are_saved() {
    let mut s = spawn(
        &[brief(), "read", "wsis20-overview/issues/igf-mandate"],
        100,
        30,
    );
    s.wait_for("A permanent IGF");
    s.send("m");
    s.wait_for("bookmarked");
    s.send("a");
    s.wait_for("Note on A permanent IGF");
    s.send("Say: funding first.\rThen NRIs.");
    s.send("\x1b");
    s.wait_for("note saved");
    s.wait_for("★ bookmarked");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let notes = notes_in(&s);
    assert_eq!(
        notes,
        "wsis20-overview/issues/igf-mandate\tbookmark+note\t\n    Say: funding first.\n    Then NRIs.\n"
    );
}

#[test]
fn the_desk_screen_shows_notes_saved_by_another_process() {
    let mut s = spawn(&[brief()], 100, 30);
    s.wait_for("WSIS+20");
    let out = std::process::Command::new(brief())
        .args([
            "note",
            "wsis20-overview/issues/igf-mandate",
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
    s.wait_for("c compare");
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
    s.wait_for("WSIS+20");
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
            &[brief(), "read", "wsis20-overview/issues/igf-mandate"],
            100,
            30,
        );
        s.wait_for("A permanent IGF");
        s.send("a");
        s.wait_for("Note on");
        let words = format!("typed before SIG{sig}");
        s.send(&words);
        s.wait_for(&words);
        let status = std::process::Command::new("kill")
            .args([format!("-{sig}"), s.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let code = s.exit_code();
        assert!(code >= 128, "SIG{sig}: exit code {code}");
        s.assert_restored();
        assert!(notes_in(&s).contains(&words), "SIG{sig}: note lost");
    }
}

#[test]
fn a_megabyte_pasted_into_search_and_a_held_key_leave_it_responsive() {
    let mut s = spawn(&[brief()], 100, 30);
    s.wait_for("WSIS+20");
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
        &[brief(), "read", "wsis20-overview/issues/igf-mandate"],
        100,
        30,
        &[
            ("BRIEF_DATA_DIR", data.to_str().unwrap()),
            ("TMPDIR", tmp.to_str().unwrap()),
        ],
    );
    s.wait_for("A permanent IGF");
    s.send("a");
    s.wait_for("Note on A permanent IGF");
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
    s.wait_for("could not be saved; they are kept in");
}
