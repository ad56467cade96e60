//! The reader: a ratatui interface over the loaded briefs.
//!
//! Keys become [`action::Action`]s through the one key table (`keys`, read by `input`);
//! actions change the [`app::App`] (no terminal in sight), which hands each to the screen
//! (`screen/`) or overlay (`overlay/`) that has the keys; `view` draws a frame from the
//! state alone. This module runs the loop: it owns the terminal (through `terminal`), the
//! input and signal threads, and the search worker that keeps slow searches off the UI
//! thread.

pub mod action;
pub mod app;
pub mod input;
pub mod keys;
pub mod layout;
pub mod outline;
pub mod overlay;
pub mod page;
mod reload;
pub mod resume;
pub mod screen;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod widget;

use std::io;
use std::sync::{Arc, mpsc};

use ratatui::crossterm::event;
use ratatui::layout::Rect;

use crate::brief::corpus::Corpus;
use crate::desk::Change;
use crate::desk::store::Store;
use crate::library::Progress;
use crate::search::{Index, Place, TextSource};
use action::{Action, Outcome};
use app::{App, Options};
use screen::search::SearchRequest;

enum Message {
    Input(event::Event),
    InputClosed,
    Found(u64, Vec<Place>),
    /// The compare matrix of a request.
    Matrix(u64, Box<crate::query::matrix::Matrix>),
    /// Two versions of a text compared, or why not.
    Versions(u64, Box<Result<screen::versions::Ready, String>>),
    /// A text's proposals measured, or why not.
    Proposals(u64, Box<Result<crate::query::proposals::Matrix, String>>),
    Signal(i32),
    Progress(Progress),
    /// The briefs, and a line to show about files that did not load.
    Loaded(
        Arc<Corpus>,
        Option<String>,
        Option<Arc<dyn TextSource>>,
        app::TextFiles,
    ),
    /// The briefs loaded again after a file changed, and what to say about it.
    Reloaded(Box<Load>, String),
    /// A changed file no longer loads: why.
    ReloadFailed(String),
}

/// How the reader gets its briefs: run on a thread of its own while the reader is already
/// drawn, given a callback for its progress, it returns the briefs and a line about any
/// problems. Run again when a file it read changes.
pub type LoadFn = dyn Fn(&(dyn Fn(Progress) + Sync)) -> Load + Send + Sync;

/// How the reader gets its briefs: already loaded (a load that reads nothing, made before
/// the first frame), or loaded on a thread of its own while the reader is drawn.
pub enum Loading {
    Done(Box<Load>),
    Later(Arc<LoadFn>),
}

/// What a load hands the reader: the briefs, a notice of what was not loaded, where
/// the briefs' searchable texts can be read instead of kept (see `search::Index::reading`),
/// and the history file of each negotiated text, read when its versions are asked for.
pub struct Load {
    pub corpus: Corpus,
    pub notice: Option<String>,
    pub texts: Option<Arc<dyn TextSource>>,
    pub histories: app::TextFiles,
    /// The brief files the load read, as they were, to load again when one changes (the
    /// version files of its texts are added off the first frame's way, see `reload`);
    /// `None` for briefs that never change (the built-in ones).
    pub sources: Option<crate::library::Sources>,
    /// Every problem the load met: a reload that finds a new one is not shown.
    pub errors: Vec<crate::brief::diag::Diagnostic>,
}

/// How the reader uses the terminal beyond drawing on it: `--show-cursor`, `--osc52`, or
/// the config file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings {
    /// Show the hardware cursor on the selected row (it is always put there, hidden).
    pub show_cursor: bool,
    /// `y` copies to the terminal's clipboard with OSC 52.
    pub osc52: bool,
}

/// How the reader ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    Done(Outcome),
    /// Ended by this signal; the terminal has been restored.
    Signal(i32),
}

/// The desk as the reader saves it: a store, or why there is none (shown when saving).
pub type DeskStore = Result<Store, String>;

/// How the reader ended, the briefs it read, the desk changes it could not save (to be
/// kept elsewhere by the caller: a note is never lost), and where it was, to open there
/// next time.
pub type Ended = (
    Ending,
    Arc<Corpus>,
    Vec<Change>,
    Option<crate::desk::state::LastPlace>,
);

/// Open the reader; `on_tty` draws on /dev/tty so stdout stays free (`brief pick`).
pub fn run(
    loading: Loading,
    options: Options,
    settings: Settings,
    desk: DeskStore,
    on_tty: bool,
) -> io::Result<Ended> {
    // Signals are caught before the terminal changes, so no moment exists in which a
    // SIGTERM or SIGHUP would end the process with the terminal still in raw mode.
    let (tx, rx) = mpsc::channel::<Message>();
    let caught = terminal::catch_signals()?;
    // Loading starts before the terminal is set up, and where to open is looked up when
    // the briefs are there.
    match loading {
        Loading::Done(load) => {
            let Load {
                corpus,
                notice,
                texts,
                histories,
                ..
            } = *load;
            let _ = tx.send(Message::Loaded(Arc::new(corpus), notice, texts, histories));
        }
        Loading::Later(load) => spawn_loader(load, tx.clone()),
    }
    let mut options = options;
    let start = options.start.take();
    let mut screen = terminal::enter(on_tty)?;
    let size = screen.size()?;
    let mut app = App::new(
        Arc::new(Corpus::default()),
        options,
        Rect::new(0, 0, size.width, size.height),
    );
    app.osc52 = settings.osc52;
    let mut desk = desk;
    let result = event_loop(
        &mut screen,
        &mut app,
        settings,
        start,
        &mut desk,
        (tx, rx),
        caught,
    );
    terminal::restore();
    let unsaved = app.take_desk_changes();
    let place = app.place();
    result.map(|ending| (ending, Arc::clone(&app.corpus), unsaved, place))
}

/// How long the reader waits for its briefs before drawing the loading screen: about three
/// frames, less than a person notices.
const LOADING_GRACE: std::time::Duration = std::time::Duration::from_millis(50);

/// Run `load` on a thread of its own, telling the loop how far it got (each whole percent,
/// not each file) and then handing over the briefs; then look at their files, and load
/// them again when one changes (see `reload`).
fn spawn_loader(load: Arc<LoadFn>, tx: mpsc::Sender<Message>) {
    std::thread::spawn(move || {
        let shown = std::sync::atomic::AtomicUsize::new(usize::MAX);
        let progress_tx = std::sync::Mutex::new(tx.clone());
        let mut loaded = load(&|p: Progress| {
            let percent = p.done * 100 / p.total.max(1);
            if shown.swap(percent, std::sync::atomic::Ordering::Relaxed) != percent
                && let Ok(tx) = progress_tx.lock()
            {
                let _ = tx.send(Message::Progress(p));
            }
        });
        let corpus = std::mem::take(&mut loaded.corpus);
        let (notice, texts) = (loaded.notice.take(), loaded.texts.take());
        let histories = loaded.histories.clone();
        if tx
            .send(Message::Loaded(Arc::new(corpus), notice, texts, histories))
            .is_ok()
        {
            reload::watch(&*load, &loaded, &tx);
        }
    });
}

fn event_loop(
    screen: &mut terminal::Screen,
    app: &mut App,
    settings: Settings,
    start: Option<String>,
    desk: &mut DeskStore,
    (tx, rx): (mpsc::Sender<Message>, mpsc::Receiver<Message>),
    caught: terminal::Caught,
) -> io::Result<Ending> {
    // The search worker starts when the briefs are there.
    let mut searches: Option<mpsc::Sender<SearchRequest>> = None;
    let mut backlog = std::collections::VecDeque::new();
    app.loading = Some(Progress { done: 0, total: 0 });
    // A load that ends within a frame or two is shown at once, without a loading screen
    // flashing first; anything longer gets the loading screen straight after.
    let deadline = std::time::Instant::now() + LOADING_GRACE;
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        let Ok(message) = rx.recv_timeout(left) else {
            break;
        };
        let settled = !matches!(message, Message::Progress(_));
        backlog.push_back(message);
        if settled {
            break;
        }
    }
    // The threads that read keys, forward signals and run searches start once the first
    // frame is out: starting a thread is not free, keys and signals wait meanwhile (in the
    // terminal, and in what caught them), and a search asked for waits in the state until
    // the worker is up.
    let mut listeners = Some((tx.clone(), caught));
    let start_listeners = |listeners: &mut Option<(mpsc::Sender<Message>, terminal::Caught)>| {
        if let Some((tx, caught)) = listeners.take() {
            caught.forward(tx.clone(), Message::Signal);
            spawn_input(tx);
        }
    };
    let mut searcher = None;
    let show = settings.show_cursor;
    if backlog.is_empty() {
        terminal::draw(screen, show, |f| view::render(f, app))?;
        start_listeners(&mut listeners);
    }

    loop {
        let first = match backlog.pop_front() {
            Some(m) => m,
            None => match rx.recv() {
                Ok(m) => m,
                Err(_) => return Ok(Ending::Done(Outcome::Quit)),
            },
        };
        // Take everything already waiting before drawing again: a held key or a storm
        // of resizes costs one frame, not one per event.
        let mut redraw = false;
        let mut first_with_briefs = false;
        let waiting: Vec<Message> = backlog.drain(..).collect();
        for message in std::iter::once(first).chain(waiting).chain(rx.try_iter()) {
            match message {
                Message::Signal(sig) if terminal::is_suspend(sig) => {
                    terminal::suspend(screen)?;
                    let size = screen.size()?;
                    app.apply(Action::Resize(size.width, size.height));
                }
                Message::Signal(sig) => {
                    // Whatever is being typed is kept before going.
                    app.close_editor();
                    save_desk(app, desk);
                    return Ok(Ending::Signal(sig));
                }
                Message::InputClosed => {
                    app.close_editor();
                    save_desk(app, desk);
                    return Ok(Ending::Done(Outcome::Quit));
                }
                Message::Found(generation, places) => {
                    app.apply(Action::Found { generation, places })
                }
                Message::Progress(p) => app.loading = Some(p),
                Message::Matrix(generation, matrix) => app.matrix_built(generation, *matrix),
                Message::Versions(generation, answer) => app.versions_answered(generation, *answer),
                Message::Proposals(generation, answer) => {
                    app.proposals_answered(generation, *answer)
                }
                Message::Loaded(corpus, notice, texts, histories) => {
                    app.texts = histories;
                    searcher = Some((Arc::clone(&corpus), texts));
                    app.loaded(corpus, start.as_deref(), notice);
                    first_with_briefs = true;
                }
                Message::Reloaded(load, said) => {
                    let corpus = Arc::new(load.corpus);
                    searcher = Some((Arc::clone(&corpus), load.texts));
                    // The worker of the old briefs would answer with places in them: a
                    // search waits for the new one, started after the next frame.
                    searches = None;
                    app.reloaded(corpus, load.histories, said);
                }
                Message::ReloadFailed(why) => app.reload_failed(why),
                Message::Input(ev) => match input::action(ev, app.context()) {
                    Some(Action::Suspend) => {
                        terminal::suspend(screen)?;
                        let size = screen.size()?;
                        app.apply(Action::Resize(size.width, size.height));
                    }
                    Some(Action::Redraw) => redraw = true,
                    Some(a) => {
                        // Opening the desk shows what other readers saved meanwhile, and
                        // says so if the file was found broken and set aside.
                        let mut notice = None;
                        if a == Action::Desk
                            && let Ok(store) = desk.as_mut()
                        {
                            let reloaded = match store.reload() {
                                Ok(n) => {
                                    notice = n;
                                    Ok(store.desk.clone())
                                }
                                Err(e) => Err(e.to_string()),
                            };
                            app.apply(Action::DeskSaved(reloaded));
                        }
                        app.apply(a);
                        if let Some(n) = notice {
                            app.status = Some(crate::brief::text::neutralise(&n.0).into_owned());
                        }
                    }
                    None => {}
                },
            }
            // The matrix is built on a thread of its own, so opening compare never waits.
            if let Some(request) = app.take_matrix_request() {
                let corpus = Arc::clone(&app.corpus);
                let tx = tx.clone();
                std::thread::spawn(move || {
                    let matrix = crate::query::matrix::Matrix::build(&corpus, &request.filter);
                    let _ = tx.send(Message::Matrix(request.generation, Box::new(matrix)));
                });
            }
            // So is the comparison of two versions, and the reading of their text.
            if let Some(request) = app.take_versions_request() {
                let tx = tx.clone();
                std::thread::spawn(move || {
                    let answer = screen::versions::answer(&request);
                    let _ = tx.send(Message::Versions(request.generation, Box::new(answer)));
                });
            }
            // And the proposals of a text: files read, every proposal measured.
            if let Some(request) = app.take_proposals_request() {
                let corpus = Arc::clone(&app.corpus);
                let tx = tx.clone();
                std::thread::spawn(move || {
                    let answer = screen::proposals::answer(&corpus, &request);
                    let _ = tx.send(Message::Proposals(request.generation, Box::new(answer)));
                });
            }
            // A search asked for while loading waits in the state until the worker is up.
            if let Some(searches) = &searches
                && let Some(request) = app.take_search()
            {
                let _ = searches.send(request);
            }
            if let Some(clip) = app.take_clip() {
                copy(screen, app, clip)?;
            }
            save_desk(app, desk);
            if let Some(outcome) = app.outcome.clone() {
                return Ok(Ending::Done(outcome));
            }
        }
        if redraw {
            terminal::wipe(screen)?;
        }
        // The terminal's size now is the truth: resize events can arrive stale or
        // coalesced in a storm, and the frame must match the screen it is drawn on.
        let size = screen.size()?;
        if (size.width, size.height) != (app.area.width, app.area.height) {
            app.apply(Action::Resize(size.width, size.height));
        }
        // The frame that first shows the briefs lays out only as much of the page as it
        // shows (the reading pane starts at its top); most of a brief is below.
        if first_with_briefs && app.reading.top == 0 {
            app.first_lines = Some(usize::from(app.area.height));
        }
        terminal::draw(screen, show, |f| view::render(f, app))?;
        start_listeners(&mut listeners);
        if let Some((corpus, texts)) = searcher.take() {
            let worker = spawn_searcher(corpus, texts, tx.clone());
            if let Some(request) = app.take_search() {
                let _ = worker.send(request);
            }
            searches = Some(worker);
        }
        // The rest of the page, now that the frame is out, before the first key needs it.
        if app.first_lines.take().is_some() {
            app.page();
        }
    }
}

/// Carry out a copy the reader asked for: to the terminal's clipboard, or to a file in
/// the state folder, whose path the status line then shows.
fn copy(screen: &mut terminal::Screen, app: &mut App, clip: overlay::copy::Clip) -> io::Result<()> {
    match clip.to {
        overlay::copy::CopyTo::Clipboard => terminal::copy(screen, &clip.content),
        overlay::copy::CopyTo::File => {
            let written = crate::desk::state::write_clip(&clip.content).map_err(|e| e.to_string());
            app.clip_written(&clip.label, written);
            Ok(())
        }
    }
}

/// The thread that reads the terminal's input and hands it to the loop.
fn spawn_input(tx: mpsc::Sender<Message>) {
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Message::Input(ev)).is_err() {
                        break;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Message::InputClosed);
                    break;
                }
            }
        }
    });
}

/// Save what the reader changed on the desk, at once: a note is never only in memory
/// for longer than one key. What cannot be saved stays with the app, is tried again with
/// the next change, and is handed back when the reader ends.
pub fn save_desk(app: &mut App, store: &mut DeskStore) {
    let changes = app.take_desk_changes();
    if changes.is_empty() {
        return;
    }
    let result = match store {
        Ok(store) => match store.save(&changes) {
            Ok(notice) => {
                if let Some(n) = notice {
                    app.status = Some(n.0);
                }
                Ok(store.desk.clone())
            }
            Err(e) => Err(format!("{}: {e}", store.path().display())),
        },
        Err(why) => Err(why.clone()),
    };
    let failed = result.is_err();
    let status = app.status.clone();
    app.apply(Action::DeskSaved(result));
    if failed {
        app.keep_unsaved(changes);
    } else if app.status.is_none() {
        app.status = status;
    }
}

/// How long the search worker waits for a quiet moment before building its index.
const INDEX_AFTER: std::time::Duration = std::time::Duration::from_millis(750);

/// The search worker: reads the briefs' searchable texts from the cache for each request,
/// or else folds every entry once and keeps that; it answers the newest request, skipping
/// any that a later keystroke made stale.
fn spawn_searcher(
    corpus: Arc<Corpus>,
    texts: Option<Arc<dyn TextSource>>,
    tx: mpsc::Sender<Message>,
) -> mpsc::Sender<SearchRequest> {
    let (req_tx, req_rx) = mpsc::channel::<SearchRequest>();
    std::thread::spawn(move || {
        let (index, mut waiting) = match texts {
            Some(texts) => (Index::reading(&corpus, texts), None),
            None => {
                // Built once the reader has been idle a moment, or when the first search
                // comes, whichever is first: on a large corpus building it takes a core for
                // a fifth of a second, which the first keystrokes should not have to share.
                let first = req_rx.recv_timeout(INDEX_AFTER);
                (Index::build(&corpus), first.ok())
            }
        };
        loop {
            let mut request = match waiting.take() {
                Some(r) => r,
                None => match req_rx.recv() {
                    Ok(r) => r,
                    Err(_) => break,
                },
            };
            while let Ok(newer) = req_rx.try_recv() {
                request = newer;
            }
            let places = index.matches(&corpus, &request.query, &request.filter);
            if tx.send(Message::Found(request.generation, places)).is_err() {
                break;
            }
        }
    });
    req_tx
}

/// Run a search the way the worker does, at once: for tests and benchmarks that drive
/// the state without threads.
pub fn settle(app: &mut App, index: &Index) {
    while let Some(request) = app.take_matrix_request() {
        let matrix = crate::query::matrix::Matrix::build(&app.corpus, &request.filter);
        app.matrix_built(request.generation, matrix);
    }
    while let Some(request) = app.take_versions_request() {
        let answer = screen::versions::answer(&request);
        app.versions_answered(request.generation, answer);
    }
    while let Some(request) = app.take_proposals_request() {
        let answer = screen::proposals::answer(&app.corpus, &request);
        app.proposals_answered(request.generation, answer);
    }
    while let Some(request) = app.take_search() {
        let places = index.matches(&app.corpus, &request.query, &request.filter);
        app.apply(Action::Found {
            generation: request.generation,
            places,
        });
    }
}
