//! The real binary in a pseudo-terminal, its screen read back through a terminal
//! emulator (vt100), as a user would see it; shared by the reader's and the desk's tests.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The invented briefs the reader's tests read (tests/fixtures/reader).
pub const WORLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reader");

/// How long to wait for the screen to show something before calling it a hang. Not a
/// speed check: speed is measured in the benchmarks.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Session {
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, as written: what the emulator does not keep (OSC 52).
    pub raw: Arc<Mutex<Vec<u8>>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// The folder brief keeps its desk in (`BRIEF_DATA_DIR`).
    pub desk: PathBuf,
    pub _home: tempfile::TempDir,
}

pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Session {
    spawn_with(args, cols, rows, &[])
}

pub fn spawn_with(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
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
    // brief itself reads the reader's fixture world, not the shipped briefs, so editing
    // a shipped brief never breaks a test of the reader.
    if args[0] == brief() {
        cmd.args(["--no-builtin", "--briefs", WORLD]);
    }
    for a in &args[1..] {
        cmd.arg(a);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home.path());
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd.env("XDG_DATA_HOME", home.path().join("data"));
    cmd.env("BRIEF_DATA_DIR", home.path().join("desk"));
    cmd.env("BRIEF_STATE_DIR", home.path().join("state"));
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("BRIEF_CONFIG");
    // Copies are wrapped for tmux only inside it; the tests read the plain sequence.
    cmd.env_remove("TMUX");
    let mut desk = home.path().join("desk");
    for (k, v) in env {
        cmd.env(k, v);
        if *k == "BRIEF_DATA_DIR" {
            desk = PathBuf::from(v);
        }
    }
    cmd.cwd(home.path());
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&screen);
    let raw = Arc::new(Mutex::new(Vec::new()));
    let raw_sink = Arc::clone(&raw);
    thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    let writer = pty.master.take_writer().unwrap();
    Session {
        screen,
        raw,
        master: pty.master,
        writer,
        child,
        desk,
        _home: home,
    }
}

/// Whether a cell is drawn as the reader's selection in the default theme.
pub fn is_selected(c: &vt100::Cell) -> bool {
    c.bgcolor() == vt100::Color::Idx(4)
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

pub fn brief() -> &'static str {
    env!("CARGO_BIN_EXE_brief")
}

impl Session {
    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `text`; fail with the screen as it is otherwise.
    pub fn wait_for(&self, text: &str) -> String {
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

    pub fn wait_until(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
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

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
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

    /// Where the hardware cursor is: (row, column), and whether it is shown.
    pub fn cursor(&self) -> ((u16, u16), bool) {
        let p = self.screen.lock().unwrap();
        (p.screen().cursor_position(), !p.screen().hide_cursor())
    }

    /// The rows between the header and the footer drawn as selected from column `col`:
    /// white on blue, in the default theme.
    pub fn selected_rows(&self, col: u16) -> Vec<u16> {
        let p = self.screen.lock().unwrap();
        let s = p.screen();
        let (rows, _) = s.size();
        (1..rows.get().saturating_sub(1))
            .filter(|&r| s.cell(r, col).is_some_and(is_selected))
            .collect()
    }

    /// Wait for the process to end; its exit code.
    pub fn exit_code(&mut self) -> u32 {
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
    pub fn assert_restored(&self) {
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

    pub fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }

    /// brief run to its end beside the reader, as a second window would run it: on the
    /// same briefs, with the same folders (the same desk).
    pub fn beside(&self, args: &[&str]) -> Output {
        let home = self._home.path();
        Command::new(brief())
            .args(["--no-builtin", "--briefs", WORLD])
            .args(args)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("BRIEF_DATA_DIR", &self.desk)
            .env_remove("COMPLETE")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }
}
