//! The one key table. Dispatch, the `?` help, the footer's hints and the README's key
//! list are all made from [`KEYS`], so a key cannot work without being documented, nor be
//! documented without working (television builds its help from the map it dispatches on).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding works. The reader's panes share [`Context::Reader`]; every screen
/// shares [`Context::Screens`]; [`Context::Always`] works even while typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Always,
    Screens,
    Reader,
    Outline,
    Reading,
    Pick,
    Search,
    Compare,
    SideBySide,
    Figures,
    Timeline,
    Desk,
    Help,
    Filters,
    Editor,
}

impl Context {
    /// The help's heading for this context.
    pub fn title(self) -> &'static str {
        match self {
            Context::Always => "Anywhere, even while typing",
            Context::Screens => "On every screen",
            Context::Reader => "The reader (outline and reading pane)",
            Context::Outline => "Outline",
            Context::Reading => "Reading pane",
            Context::Pick => "brief pick",
            Context::Search => "Search prompt",
            Context::Compare => "Compare: who stands where",
            Context::SideBySide => "Compare: side by side",
            Context::Figures => "Compare: figures",
            Context::Timeline => "Timeline",
            Context::Desk => "Desk",
            Context::Help => "This help",
            Context::Filters => "Filters",
            Context::Editor => "Note editor",
        }
    }

    /// Contexts where printable keys are text, not commands.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Search | Context::Editor | Context::Pick)
    }

    /// The contexts whose bindings also apply here, innermost first.
    pub fn chain(self) -> &'static [Context] {
        use Context::*;
        match self {
            Outline => &[Outline, Reader, Screens, Always],
            Reading => &[Reading, Reader, Screens, Always],
            Compare => &[Compare, Screens, Always],
            SideBySide => &[SideBySide, Screens, Always],
            Figures => &[Figures, Screens, Always],
            Timeline => &[Timeline, Screens, Always],
            Desk => &[Desk, Screens, Always],
            Reader => &[Reader, Screens, Always],
            Pick => &[Pick, Always],
            Search => &[Search, Always],
            Help => &[Help, Always],
            Filters => &[Filters, Always],
            Editor => &[Editor, Always],
            Screens => &[Screens, Always],
            Always => &[Always],
        }
    }

    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 15] = [
        Context::Screens,
        Context::Reader,
        Context::Outline,
        Context::Reading,
        Context::Search,
        Context::Compare,
        Context::SideBySide,
        Context::Figures,
        Context::Timeline,
        Context::Desk,
        Context::Filters,
        Context::Editor,
        Context::Pick,
        Context::Help,
        Context::Always,
    ];
}

/// A key with its modifiers (shift is part of the character for letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const UP: Key = code(KeyCode::Up);
const DOWN: Key = code(KeyCode::Down);
const LEFT: Key = code(KeyCode::Left);
const RIGHT: Key = code(KeyCode::Right);
const PGUP: Key = code(KeyCode::PageUp);
const PGDN: Key = code(KeyCode::PageDown);
const HOME: Key = code(KeyCode::Home);
const END: Key = code(KeyCode::End);
const ENTER: Key = code(KeyCode::Enter);
const ESC: Key = code(KeyCode::Esc);
const TAB: Key = code(KeyCode::Tab);
const BACKTAB: Key = code(KeyCode::BackTab);
const BACKSPACE: Key = code(KeyCode::Backspace);

/// The footer's words for a binding, and how much they matter: when the footer is too
/// narrow, the highest `rank` goes first. Rank 0 (help, quit) always shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub keys: &'static str,
    pub what: &'static str,
    pub rank: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    /// The keys as the help shows them.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    pub hint: Option<Hint>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        label,
        action,
        help,
        hint: None,
    }
}

#[allow(clippy::too_many_arguments)]
const fn hinted(
    context: Context,
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
    hint_keys: &'static str,
    what: &'static str,
    rank: u8,
) -> Binding {
    Binding {
        context,
        keys,
        label,
        action,
        help,
        hint: Some(Hint {
            keys: hint_keys,
            what,
            rank,
        }),
    }
}

const DIGITS: &[Key] = &[
    ch('1'),
    ch('2'),
    ch('3'),
    ch('4'),
    ch('5'),
    ch('6'),
    ch('7'),
    ch('8'),
    ch('9'),
];

use Action as A;
use Context as C;

/// Every key of the reader. Order within a context is the help's order.
#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // ---- anywhere -----------------------------------------------------------------
    bind(C::Always, &[ctrl('c')], "ctrl-c", A::Exit, "quit brief (a note being written is kept)"),
    bind(C::Always, &[ctrl('z')], "ctrl-z", A::Suspend, "suspend to the shell; fg comes back"),
    bind(C::Always, &[ctrl('l')], "ctrl-l", A::Redraw, "redraw the screen"),
    // ---- every screen ---------------------------------------------------------------
    hinted(C::Screens, &[ch('?')], "?", A::Help, "this help", "?", "help", 0),
    hinted(C::Screens, &[ch('/')], "/", A::StartSearch, "search every brief as you type", "/", "search", 1),
    hinted(C::Screens, &[ch('f')], "f", A::Filters, "filters: stance, group, actor, tag, source", "f", "filter", 6),
    bind(C::Screens, &[ch('F')], "F", A::ClearFilter, "clear the filter"),
    hinted(C::Screens, &[ch('c')], "c", A::Compare, "compare: who stands where on each issue", "c", "compare", 7),
    hinted(C::Screens, &[ch('t')], "t", A::Timeline, "timeline of events", "t", "timeline", 8),
    hinted(C::Screens, &[ch('D')], "D", A::Desk, "the desk: every bookmark and note", "D", "desk", 9),
    // ---- the reader, both panes -------------------------------------------------------
    hinted(C::Reader, &[ch('q')], "q", A::Quit, "quit brief", "q", "quit", 0),
    bind(C::Reader, &[TAB, BACKTAB], "Tab", A::Tab, "switch between the outline and the reading pane"),
    hinted(C::Reader, &[ch('n')], "n", A::NextMatch, "next match of the search", "n", "next", 5),
    bind(C::Reader, &[ch('N')], "N", A::PreviousMatch, "previous match"),
    hinted(C::Reader, &[ch('m')], "m", A::Bookmark, "bookmark the entry (★), or take the bookmark away", "m", "bookmark", 10),
    hinted(C::Reader, &[ch('a')], "a", A::Annotate, "write a note on the entry (✎)", "a", "note", 10),
    bind(C::Reader, &[ch('U')], "U", A::Undo, "undo the last bookmark or note change"),
    bind(C::Reader, &[ch('['), BACKSPACE, ctrl('o')], "[  Backspace  ctrl-o", A::Back, "back to where a jump came from"),
    bind(C::Reader, &[ch(']')], "]", A::Forward, "forward again"),
    bind(C::Reader, &[ESC], "Esc", A::Escape, "clear the search marks; from the reading pane, back to the outline"),
    // ---- outline ----------------------------------------------------------------------
    hinted(C::Outline, &[ch('j'), DOWN, ctrl('n')], "j  ↓  ctrl-n", A::Down, "move down", "↑↓", "move", 2),
    bind(C::Outline, &[ch('k'), UP, ctrl('p')], "k  ↑  ctrl-p", A::Up, "move up"),
    bind(C::Outline, &[PGDN, ctrl('f')], "PgDn  ctrl-f", A::PageDown, "page down"),
    bind(C::Outline, &[PGUP, ch('b'), ctrl('b')], "PgUp  b  ctrl-b", A::PageUp, "page up"),
    bind(C::Outline, &[ch('d'), ctrl('d')], "d  ctrl-d", A::HalfPageDown, "half a page down"),
    bind(C::Outline, &[ch('u'), ctrl('u')], "u  ctrl-u", A::HalfPageUp, "half a page up"),
    bind(C::Outline, &[ch('g'), HOME], "g  Home", A::Top, "first row"),
    bind(C::Outline, &[ch('G'), END], "G  End", A::Bottom, "last row"),
    hinted(C::Outline, &[ch('l'), RIGHT], "l  →", A::Right, "open; on an open row, step in", "→", "open", 3),
    bind(C::Outline, &[ch('h'), LEFT], "h  ←", A::Left, "close, or go to the parent"),
    hinted(C::Outline, &[ENTER], "Enter", A::Enter, "read it", "Enter", "read", 4),
    bind(C::Outline, &[ch(' ')], "space", A::Space, "page the reading pane"),
    // ---- reading pane -----------------------------------------------------------------
    hinted(C::Reading, &[ch('j'), DOWN, ctrl('n')], "j  ↓  ctrl-n", A::Down, "scroll a line down", "↑↓", "scroll", 2),
    bind(C::Reading, &[ch('k'), UP, ctrl('p')], "k  ↑  ctrl-p", A::Up, "scroll a line up"),
    bind(C::Reading, &[ch(' '), PGDN, ctrl('f')], "space  PgDn  ctrl-f", A::PageDown, "page down"),
    bind(C::Reading, &[PGUP, ch('b'), ctrl('b')], "PgUp  b  ctrl-b", A::PageUp, "page up"),
    bind(C::Reading, &[ch('d'), ctrl('d')], "d  ctrl-d", A::HalfPageDown, "half a page down"),
    bind(C::Reading, &[ch('u'), ctrl('u')], "u  ctrl-u", A::HalfPageUp, "half a page up"),
    bind(C::Reading, &[ch('g'), HOME], "g  Home", A::Top, "top"),
    bind(C::Reading, &[ch('G'), END], "G  End", A::Bottom, "bottom"),
    hinted(C::Reading, DIGITS, "1 … 9", A::Follow(0), "follow cross-reference [1] … [9]", "1-9", "follow", 3),
    bind(C::Reading, &[ENTER], "Enter", A::Enter, "follow cross-reference [1]"),
    hinted(C::Reading, &[ch('h'), LEFT], "h  ←", A::Left, "back; with nowhere to go back to, the outline", "←", "back", 4),
    bind(C::Reading, &[ch('l'), RIGHT], "l  →", A::Right, "forward again"),
    // ---- brief pick ---------------------------------------------------------------------
    hinted(C::Pick, &[ENTER], "Enter", A::Enter, "print the selection and quit", "Enter", "print this", 1),
    hinted(C::Pick, &[DOWN, ctrl('n')], "↓  ctrl-n", A::Down, "move down", "↑↓", "move", 2),
    bind(C::Pick, &[UP, ctrl('p')], "↑  ctrl-p", A::Up, "move up"),
    bind(C::Pick, &[PGDN], "PgDn", A::PageDown, "page down"),
    bind(C::Pick, &[PGUP], "PgUp", A::PageUp, "page up"),
    bind(C::Pick, &[HOME], "Home", A::Top, "first row"),
    bind(C::Pick, &[END], "End", A::Bottom, "last row"),
    hinted(C::Pick, &[RIGHT], "→", A::Right, "open a row", "→", "open", 3),
    bind(C::Pick, &[LEFT], "←", A::Left, "close, or go to the parent"),
    hinted(C::Pick, &[], "letters", A::StartSearch, "typing narrows to the entries that match", "type", "to narrow", 4),
    hinted(C::Pick, &[ESC], "Esc", A::Quit, "choose nothing and quit", "Esc", "cancel", 0),
    // ---- search prompt ----------------------------------------------------------------
    hinted(C::Search, &[ENTER], "Enter", A::Enter, "go to the match", "Enter", "go", 1),
    hinted(C::Search, &[ESC], "Esc", A::Escape, "cancel", "Esc", "cancel", 0),
    hinted(C::Search, &[DOWN, TAB, ctrl('n')], "↓  Tab  ctrl-n", A::Down, "next match in the list", "↑↓", "matches", 2),
    bind(C::Search, &[UP, BACKTAB, ctrl('p')], "↑  ctrl-p", A::Up, "previous match in the list"),
    bind(C::Search, &[PGDN], "PgDn", A::PageDown, "a page of matches down"),
    bind(C::Search, &[PGUP], "PgUp", A::PageUp, "a page of matches up"),
    bind(C::Search, &[BACKSPACE], "Backspace", A::Erase, "erase a character"),
    bind(C::Search, &[ctrl('w')], "ctrl-w", A::EraseWord, "erase a word"),
    bind(C::Search, &[ctrl('u')], "ctrl-u", A::EraseLine, "erase everything"),
    // ---- compare: the matrix ------------------------------------------------------------
    hinted(C::Compare, &[ch('q'), ESC], "q  Esc", A::Close, "back (Esc first clears the chosen actors)", "q", "back", 0),
    hinted(C::Compare, &[ch('j'), DOWN], "j  ↓", A::Down, "next issue", "↑↓←→", "move", 2),
    bind(C::Compare, &[ch('k'), UP], "k  ↑", A::Up, "previous issue"),
    bind(C::Compare, &[ch('l'), RIGHT], "l  →", A::Right, "next column"),
    bind(C::Compare, &[ch('h'), LEFT], "h  ←", A::Left, "previous column"),
    bind(C::Compare, &[PGDN], "PgDn", A::PageDown, "a page of issues down"),
    bind(C::Compare, &[PGUP], "PgUp", A::PageUp, "a page of issues up"),
    bind(C::Compare, &[ch('g'), HOME], "g  Home", A::Top, "first issue"),
    bind(C::Compare, &[ch('G'), END], "G  End", A::Bottom, "last issue"),
    hinted(C::Compare, &[ENTER], "Enter", A::Enter, "the issue's positions side by side", "Enter", "side by side", 3),
    hinted(C::Compare, &[ch(' ')], "space", A::Space, "choose the actor for side by side (up to 6)", "space", "choose", 4),
    hinted(C::Compare, &[ch('s')], "s", A::ToggleGroups, "stakeholder groups as the columns, or actors again", "s", "groups", 5),
    hinted(C::Compare, &[TAB, BACKTAB], "Tab", A::Tab, "figures the sources give", "Tab", "figures", 5),
    // ---- compare: side by side ----------------------------------------------------------
    hinted(C::SideBySide, &[ch('q'), ESC, BACKSPACE], "q  Esc  Backspace", A::Close, "back to the matrix", "q", "back", 0),
    hinted(C::SideBySide, &[ch('j'), DOWN], "j  ↓", A::Down, "scroll down", "↑↓", "scroll", 2),
    bind(C::SideBySide, &[ch('k'), UP], "k  ↑", A::Up, "scroll up"),
    bind(C::SideBySide, &[ch(' '), PGDN], "space  PgDn", A::PageDown, "page down"),
    bind(C::SideBySide, &[PGUP], "PgUp", A::PageUp, "page up"),
    bind(C::SideBySide, &[ch('g'), HOME], "g  Home", A::Top, "top"),
    bind(C::SideBySide, &[ch('G'), END], "G  End", A::Bottom, "bottom"),
    hinted(C::SideBySide, &[ch('l'), RIGHT], "l  →", A::Right, "more actors to the right (when not all fit)", "←→", "more actors", 3),
    bind(C::SideBySide, &[ch('h'), LEFT], "h  ←", A::Left, "more actors to the left"),
    hinted(C::SideBySide, &[ENTER], "Enter", A::Enter, "read the first actor's position", "Enter", "read", 4),
    // ---- compare: figures ---------------------------------------------------------------
    hinted(C::Figures, &[ch('q'), ESC], "q  Esc", A::Close, "back", "q", "back", 0),
    hinted(C::Figures, &[ch('j'), DOWN], "j  ↓", A::Down, "scroll down", "↑↓", "scroll", 2),
    bind(C::Figures, &[ch('k'), UP], "k  ↑", A::Up, "scroll up"),
    bind(C::Figures, &[ch(' '), PGDN], "space  PgDn", A::PageDown, "page down"),
    bind(C::Figures, &[PGUP], "PgUp", A::PageUp, "page up"),
    bind(C::Figures, &[ch('g'), HOME], "g  Home", A::Top, "top"),
    bind(C::Figures, &[ch('G'), END], "G  End", A::Bottom, "bottom"),
    hinted(C::Figures, &[TAB, BACKTAB], "Tab", A::Tab, "back to the issues", "Tab", "issues", 3),
    // ---- timeline -----------------------------------------------------------------------
    hinted(C::Timeline, &[ch('q'), ESC], "q  Esc", A::Close, "back", "q", "back", 0),
    hinted(C::Timeline, &[ch('j'), DOWN], "j  ↓", A::Down, "next event", "↑↓", "move", 2),
    bind(C::Timeline, &[ch('k'), UP], "k  ↑", A::Up, "previous event"),
    bind(C::Timeline, &[PGDN, ch(' ')], "PgDn  space", A::PageDown, "a page down"),
    bind(C::Timeline, &[PGUP], "PgUp", A::PageUp, "a page up"),
    bind(C::Timeline, &[ch('g'), HOME], "g  Home", A::Top, "first event"),
    bind(C::Timeline, &[ch('G'), END], "G  End", A::Bottom, "last event"),
    hinted(C::Timeline, &[ENTER, ch('l'), RIGHT], "Enter  l  →", A::Enter, "read the event", "Enter", "read", 3),
    // ---- desk -----------------------------------------------------------------------
    hinted(C::Desk, &[ch('q'), ESC], "q  Esc", A::Close, "back", "q", "back", 0),
    hinted(C::Desk, &[ch('j'), DOWN], "j  ↓", A::Down, "next mark", "↑↓", "move", 2),
    bind(C::Desk, &[ch('k'), UP], "k  ↑", A::Up, "previous mark"),
    bind(C::Desk, &[PGDN, ch(' ')], "PgDn  space", A::PageDown, "a page down"),
    bind(C::Desk, &[PGUP], "PgUp", A::PageUp, "a page up"),
    bind(C::Desk, &[ch('g'), HOME], "g  Home", A::Top, "first mark"),
    bind(C::Desk, &[ch('G'), END], "G  End", A::Bottom, "last mark"),
    hinted(C::Desk, &[ENTER, ch('l'), RIGHT], "Enter  l  →", A::Enter, "read the entry", "Enter", "read", 3),
    // ---- filters --------------------------------------------------------------------
    hinted(C::Filters, &[ESC, ch('q'), ch('f')], "Esc  q  f", A::Close, "done", "Esc", "done", 0),
    hinted(C::Filters, &[ch('j'), DOWN], "j  ↓", A::Down, "next option", "↑↓", "move", 2),
    bind(C::Filters, &[ch('k'), UP], "k  ↑", A::Up, "previous option"),
    bind(C::Filters, &[PGDN], "PgDn", A::PageDown, "a page down"),
    bind(C::Filters, &[PGUP], "PgUp", A::PageUp, "a page up"),
    bind(C::Filters, &[ch('g'), HOME], "g  Home", A::Top, "first option"),
    bind(C::Filters, &[ch('G'), END], "G  End", A::Bottom, "last option"),
    hinted(C::Filters, &[ch(' '), ENTER], "space  Enter", A::Space, "switch the option on or off", "space", "switch", 1),
    hinted(C::Filters, &[ch('F')], "F", A::ClearFilter, "clear every option", "F", "clear all", 3),
    // ---- note editor ------------------------------------------------------------------
    hinted(C::Editor, &[ESC, ctrl('s')], "Esc  ctrl-s", A::Save, "keep the note and close", "Esc", "keep", 0),
    hinted(C::Editor, &[ctrl('g')], "ctrl-g", A::Cancel, "cancel: put the note back as it was", "ctrl-g", "cancel", 0),
    hinted(C::Editor, &[ENTER], "Enter", A::Enter, "new line", "Enter", "new line", 2),
    bind(C::Editor, &[LEFT, RIGHT, UP, DOWN], "← → ↑ ↓", A::Left, "move the cursor"),
    bind(C::Editor, &[HOME], "Home", A::Top, "start of the line"),
    bind(C::Editor, &[END], "End", A::Bottom, "end of the line"),
    bind(C::Editor, &[BACKSPACE], "Backspace", A::Erase, "erase a character"),
    bind(C::Editor, &[ctrl('w')], "ctrl-w", A::EraseWord, "erase a word"),
    bind(C::Editor, &[ctrl('u')], "ctrl-u", A::EraseLine, "erase to the start of the line"),
    // ---- help -----------------------------------------------------------------------
    hinted(C::Help, &[ESC, ch('q'), ch('?')], "Esc  q  ?", A::Close, "close the help", "Esc", "close", 0),
    hinted(C::Help, &[ch('j'), DOWN], "j  ↓", A::Down, "scroll down", "↑↓", "scroll", 1),
    bind(C::Help, &[ch('k'), UP], "k  ↑", A::Up, "scroll up"),
    bind(C::Help, &[ch(' '), PGDN], "space  PgDn", A::PageDown, "page down"),
    bind(C::Help, &[PGUP], "PgUp", A::PageUp, "page up"),
    bind(C::Help, &[ch('g'), HOME], "g  Home", A::Top, "top"),
    bind(C::Help, &[ch('G'), END], "G  End", A::Bottom, "bottom"),
];

/// The mouse, for the help: (what, what it does).
pub const MOUSE: &[(&str, &str)] = &[
    ("wheel", "scroll the list or pane under the pointer"),
    ("click", "select a row; click it again to open it"),
];

/// What the glyphs on screen mean, for the help.
pub const GLYPHS: &[(&str, &str)] = &[
    ("▸ ▾", "a closed / open row of the outline"),
    ("•", "an item"),
    ("#", "a figure"),
    ("◷", "an event"),
    ("▲", "a position: supports"),
    ("▼", "a position: opposes"),
    ("◆", "a position: supports with conditions"),
    ("◐", "a position: mixed"),
    ("○", "a position: no stance stated"),
    ("★", "bookmarked"),
    ("✎", "has a note"),
    ("*", "compare: the actor's positions disagree"),
    ("ʳ", "compare: only reported by someone else"),
    ("◂ ▸", "more columns off screen that way"),
];

/// The binding a key press has in `context`, innermost context first. The editor's
/// arrows share a line of help but are four actions, so they are told apart here.
pub fn lookup(context: Context, event: KeyEvent) -> Option<Action> {
    let key = Key {
        code: event.code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    };
    for &c in context.chain() {
        for b in KEYS.iter().filter(|b| b.context == c) {
            if b.keys.contains(&key) {
                return Some(match (&b.action, key.code) {
                    (Action::Follow(_), KeyCode::Char(d)) => {
                        Action::Follow(d.to_digit(10).unwrap_or(1) as usize)
                    }
                    (Action::Left, KeyCode::Right) => Action::Right,
                    (Action::Left, KeyCode::Up) => Action::Up,
                    (Action::Left, KeyCode::Down) => Action::Down,
                    (a, _) => a.clone(),
                });
            }
        }
    }
    // Typing: a printable character is text where the context takes text.
    if context.takes_text()
        && !key.ctrl
        && let KeyCode::Char(c) = key.code
        && !c.is_control()
    {
        return Some(Action::Type(c));
    }
    None
}

/// The footer's hints for `context`, in the table's order, with the highest ranks left
/// out until they fit in `width` columns beside `reserved` already used. Words are
/// never cut: a hint shows whole or not at all.
pub fn hints(context: Context, width: usize) -> Vec<Hint> {
    let mut all: Vec<Hint> = Vec::new();
    for &c in context.chain() {
        for h in KEYS
            .iter()
            .filter(|b| b.context == c)
            .filter_map(|b| b.hint)
        {
            // The same words once (the outline's ↑↓ and the reader's).
            if !all.iter().any(|x| x.keys == h.keys) {
                all.push(h);
            }
        }
    }
    // Help and the way out last, where the eye looks for them.
    all.sort_by_key(|h| h.rank == 0);
    let cost = |h: &Hint| h.keys.chars().count() + h.what.chars().count() + 2;
    let mut ranks: Vec<u8> = all.iter().map(|h| h.rank).collect();
    ranks.sort_unstable();
    ranks.dedup();
    while all.iter().map(cost).sum::<usize>() > width {
        let Some(&worst) = ranks.last().filter(|&&r| r > 0) else {
            break;
        };
        // Drop one hint of the worst rank at a time, from the right.
        if let Some(i) = all.iter().rposition(|h| h.rank == worst) {
            all.remove(i);
        }
        if !all.iter().any(|h| h.rank == worst) {
            ranks.pop();
        }
    }
    all
}

/// The key list as a Markdown table, for the README (a test keeps the two the same).
pub fn markdown() -> String {
    let mut out = String::new();
    for c in Context::ALL {
        let rows: Vec<&Binding> = KEYS.iter().filter(|b| b.context == c).collect();
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n**{}**\n\n| keys | what they do |\n|---|---|\n",
            c.title()
        ));
        for b in rows {
            out.push_str(&format!("| `{}` | {} |\n", b.label, b.help));
        }
    }
    out.push_str("\n**Mouse**\n\n| | |\n|---|---|\n");
    for (k, what) in MOUSE {
        out.push_str(&format!("| {k} | {what} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_key() -> Vec<KeyEvent> {
        let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
        codes.extend([
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::F(1),
        ]);
        let mut out = Vec::new();
        for c in codes {
            out.push(KeyEvent::new(c, KeyModifiers::NONE));
            if let KeyCode::Char(ch) = c
                && ch.is_ascii_lowercase()
            {
                out.push(KeyEvent::new(c, KeyModifiers::CONTROL));
            }
        }
        out
    }

    /// Every key that does something is in the help of that context (or of a context
    /// whose bindings apply there), and every key the help lists does something.
    #[test]
    fn every_binding_is_in_help_and_nothing_in_help_is_unbound() {
        for context in Context::ALL {
            for ev in every_key() {
                let key = Key {
                    code: ev.code,
                    ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
                };
                let documented = context
                    .chain()
                    .iter()
                    .any(|&c| KEYS.iter().any(|b| b.context == c && b.keys.contains(&key)));
                let typed = matches!(lookup(context, ev), Some(Action::Type(_)));
                let bound = lookup(context, ev).is_some() && !typed;
                assert_eq!(
                    bound, documented,
                    "{context:?}: {ev:?} bound {bound}, documented {documented}"
                );
            }
        }
        // Each label names the keys it dispatches on, and none is empty but pick's typing.
        for b in KEYS {
            assert!(!b.label.is_empty() && !b.help.is_empty(), "{b:?}");
        }
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for c in Context::ALL {
            let mut seen: Vec<Key> = Vec::new();
            for b in KEYS.iter().filter(|b| b.context == c) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{c:?}: {k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn letters_are_text_while_typing_and_commands_otherwise() {
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Outline, q), Some(Action::Quit));
        assert_eq!(lookup(Context::Compare, q), Some(Action::Close));
        assert_eq!(lookup(Context::Search, q), Some(Action::Type('q')));
        assert_eq!(lookup(Context::Editor, q), Some(Action::Type('q')));
        // In pick, letters never bookmark or write notes.
        for c in "mandate".chars() {
            let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert_eq!(lookup(Context::Pick, ev), Some(Action::Type(c)));
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::Editor, ctrl_c), Some(Action::Exit));
        let three = KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Reading, three), Some(Action::Follow(3)));
    }

    #[test]
    fn hints_keep_help_and_the_way_out_at_any_width() {
        for c in Context::ALL {
            for w in [20, 40, 80, 100, 200] {
                let hs = hints(c, w);
                for h in KEYS.iter().filter(|b| c.chain().contains(&b.context)) {
                    if let Some(hint) = h.hint
                        && hint.rank == 0
                    {
                        assert!(hs.contains(&hint), "{c:?} at {w}: {hint:?} dropped");
                    }
                }
            }
        }
        let wide = hints(Context::Outline, 200);
        let narrow = hints(Context::Outline, 40);
        assert!(narrow.len() < wide.len());
        let last: Vec<&str> = narrow.iter().rev().take(2).map(|h| h.what).collect();
        assert!(
            last.contains(&"quit") && last.contains(&"help"),
            "{narrow:?}"
        );
    }
}
