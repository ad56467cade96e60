//! The one place that changes the terminal's modes: raw mode, the alternate screen, mouse
//! and bracketed paste on the way in, all of it undone on the way out — on quit, on a
//! panic, on every signal that would end or stop the process, and around ctrl-z.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, mpsc};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute, queue};

/// The terminal is in the reader's modes and must be given back.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Draw on /dev/tty rather than stdout (`brief pick`, whose stdout is the answer).
static ON_TTY: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// Where frames are written. Buffered so that a frame leaves in one write when ratatui
/// flushes it, not in the 1 KiB pieces of stdout's own line buffer: fewer system calls,
/// and a terminal never shows half a frame.
pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    Tty(BufWriter<File>),
}

/// Enough for a full frame of a large terminal with colours.
const FRAME_BUFFER: usize = 64 * 1024;

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(o) => o.write(buf),
            Output::Tty(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(o) => o.flush(),
            Output::Tty(f) => f.flush(),
        }
    }
}

fn output(on_tty: bool) -> io::Result<Output> {
    if on_tty {
        Ok(Output::Tty(BufWriter::with_capacity(
            FRAME_BUFFER,
            OpenOptions::new().read(true).write(true).open("/dev/tty")?,
        )))
    } else {
        Ok(Output::Stdout(BufWriter::with_capacity(
            FRAME_BUFFER,
            io::stdout(),
        )))
    }
}

pub type Screen = Terminal<CrosstermBackend<Output>>;

/// Take the terminal; [`restore`] (also run by the panic hook) gives it back.
pub fn enter(on_tty: bool) -> io::Result<Screen> {
    ON_TTY.store(on_tty, Ordering::SeqCst);
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
    let mut out = output(on_tty)?;
    take(&mut out)?;
    Terminal::new(CrosstermBackend::new(out))
}

/// Raw mode, the alternate screen, mouse and bracketed paste: the reader's modes.
fn take(out: &mut Output) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Give the terminal back as it was. Safe to call more than once, and from a panic.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    if let Ok(mut out) = output(ON_TTY.load(Ordering::SeqCst)) {
        let _ = execute!(
            out,
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            cursor::Show
        );
    }
    let _ = disable_raw_mode();
}

/// ctrl-z, or SIGTSTP sent with `kill`: give the terminal back, stop as the shell
/// expects, and take it again on `fg`. The stop is SIGSTOP: SIGTSTP itself is caught (see
/// [`catch_signals`]), so raising it would only come back here; the shell reports either
/// as a stopped job.
pub fn suspend(screen: &mut Screen) -> io::Result<()> {
    restore();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    take(&mut output(ON_TTY.load(Ordering::SeqCst))?)?;
    wipe(screen)
}

/// Draw a frame with `render`, then put the hardware cursor where it says the eye is:
/// shown there when `show` (`--show-cursor`), else hidden but moved there all the same, for
/// the screen readers and magnifiers that follow it. (ratatui's own cursor would always be
/// shown.) The frame, the move and the cursor's visibility leave in one write.
pub fn draw(
    screen: &mut Screen,
    show: bool,
    render: impl FnOnce(&mut ratatui::Frame) -> Option<ratatui::layout::Position>,
) -> io::Result<()> {
    screen.autoresize()?;
    let mut frame = screen.get_frame();
    let eye = render(&mut frame);
    // The buffer's changes, queued in the frame buffer (not yet written).
    screen.flush()?;
    let out = screen.backend_mut();
    if let Some(p) = eye {
        queue!(out, cursor::MoveTo(p.x, p.y))?;
    }
    if show && eye.is_some() {
        queue!(out, cursor::Show)?;
    } else {
        queue!(out, cursor::Hide)?;
    }
    screen.swap_buffers();
    screen.backend_mut().flush()
}

/// Copy `text` to the clipboard of the terminal (OSC 52, which xterm, kitty, WezTerm,
/// iTerm2, foot, Windows Terminal and others honour; some only when allowed). Inside tmux
/// it also goes through to the terminal tmux runs in, wrapped for passthrough (tmux's
/// `allow-passthrough on`); tmux with `set-clipboard on` takes the plain one itself.
pub fn copy(screen: &mut Screen, text: &str) -> io::Result<()> {
    let tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    let out = screen.backend_mut();
    out.write_all(&osc52(text, tmux))?;
    out.flush()
}

/// The bytes that set the clipboard to `text`: `ESC ] 52 ; c ; BASE64 BEL`, and inside
/// tmux the same again in a passthrough (`ESC P tmux; …  ESC \`, its ESC doubled).
/// Base64 carries no control character, so nothing of the text reaches the terminal raw.
pub fn osc52(text: &str, tmux: bool) -> Vec<u8> {
    let plain = format!("\x1b]52;c;{}\x07", base64(text.as_bytes()));
    let mut out = plain.clone().into_bytes();
    if tmux {
        out.extend_from_slice(b"\x1bPtmux;\x1b");
        out.extend_from_slice(plain.as_bytes());
        out.extend_from_slice(b"\x1b\\");
    }
    out
}

/// Standard base64 with padding (RFC 4648 §4), what OSC 52 carries: a few lines rather
/// than a crate.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Clear the screen and forget what was drawn, so the next frame is drawn whole.
/// (`Terminal::clear` would ask the terminal for the cursor position, which means
/// reading its answer from the input the input thread is already reading.)
pub fn wipe(screen: &mut Screen) -> io::Result<()> {
    let size = screen.size()?;
    screen.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// The signals whose default would end or stop the process with the terminal still in
/// the reader's modes — SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2 and SIGALRM,
/// which end the reader, and SIGTSTP sent with `kill`, which suspends it as ctrl-z does —
/// caught: from now on they no longer act by themselves, and each one that arrives is
/// kept until [`Caught::forward`] hands it on. Catching is cheap; the thread that
/// forwards starts once the first frame is out, so a signal in between waits a frame,
/// never the terminal's restoring.
pub struct Caught {
    #[cfg(unix)]
    signals: signal_hook::iterator::Signals,
}

#[cfg(unix)]
const CAUGHT: [i32; 8] = {
    use signal_hook::consts::*;
    [
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTSTP,
    ]
};

/// Whether signal `sig`, caught, asks the reader to stop for a while rather than end.
pub fn is_suspend(sig: i32) -> bool {
    #[cfg(unix)]
    {
        sig == signal_hook::consts::SIGTSTP
    }
    #[cfg(not(unix))]
    {
        let _ = sig;
        false
    }
}

pub fn catch_signals() -> io::Result<Caught> {
    #[cfg(unix)]
    {
        Ok(Caught {
            signals: signal_hook::iterator::Signals::new(CAUGHT)?,
        })
    }
    #[cfg(not(unix))]
    Ok(Caught {})
}

impl Caught {
    /// Send each signal caught, those already waiting first, on `tx`: the receiver
    /// restores the terminal.
    pub fn forward<T: Send + 'static>(self, tx: mpsc::Sender<T>, wrap: fn(i32) -> T) {
        #[cfg(unix)]
        {
            let mut signals = self.signals;
            std::thread::spawn(move || {
                for sig in signals.forever() {
                    if tx.send(wrap(sig)).is_err() {
                        break;
                    }
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_the_standard_alphabet_with_padding() {
        // RFC 4648's own test vectors.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x3e]), "//4+");
    }

    #[test]
    fn osc52_is_one_sequence_and_in_tmux_a_passthrough_too() {
        assert_eq!(osc52("a/b", false), b"\x1b]52;c;YS9i\x07");
        assert_eq!(
            osc52("a/b", true),
            b"\x1b]52;c;YS9i\x07\x1bPtmux;\x1b\x1b]52;c;YS9i\x07\x1b\\"
        );
    }
}
