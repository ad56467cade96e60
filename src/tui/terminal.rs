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
use ratatui::crossterm::{cursor, execute};

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
