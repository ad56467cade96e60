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
    /// `brief pick` while typing narrows the list.
    PickSearch,
    Search,
    Compare,
    SideBySide,
    Figures,
    Timeline,
    Desk,
    Versions,
    Proposals,
    Help,
    Filters,
    Editor,
    /// After `y` or `Y`: what to copy.
    Copy,
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
            Context::PickSearch => "brief pick, while typing narrows the list",
            Context::Search => "Search prompt",
            Context::Compare => "Compare: who stands where",
            Context::SideBySide => "Compare: side by side",
            Context::Figures => "Compare: figures",
            Context::Timeline => "Timeline",
            Context::Desk => "Desk",
            Context::Versions => "Versions of a text side by side",
            Context::Proposals => "Proposals on a text: paragraphs × actors",
            Context::Help => "This help",
            Context::Filters => "Filters",
            Context::Editor => "Note editor",
            Context::Copy => "Copy (after y or Y): what to copy",
        }
    }

    /// Contexts where printable keys are text, not commands.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Search | Context::Editor | Context::Pick | Context::PickSearch
        )
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
            Versions => &[Versions, Screens, Always],
            Proposals => &[Proposals, Screens, Always],
            Reader => &[Reader, Screens, Always],
            Pick => &[Pick, Always],
            PickSearch => &[PickSearch, Search, Always],
            Copy => &[Copy, Always],
            Search => &[Search, Always],
            Help => &[Help, Always],
            Filters => &[Filters, Always],
            Editor => &[Editor, Always],
            Screens => &[Screens, Always],
            Always => &[Always],
        }
    }

    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 19] = [
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
        Context::Versions,
        Context::Proposals,
        Context::Filters,
        Context::Editor,
        Context::Copy,
        Context::Pick,
        Context::PickSearch,
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

mod table;

pub use table::{GLYPHS, KEYS, MOUSE};

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
                        Action::Follow(d.to_digit(10).unwrap_or(0) as usize)
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
    hints_where(context, width, |_| true)
}

/// [`hints`] of the bindings `keep` lets through: a hint for a key that does nothing
/// here (`v` away from a negotiated text) takes no room from the others.
pub fn hints_where(context: Context, width: usize, keep: impl Fn(&Hint) -> bool) -> Vec<Hint> {
    let mut all: Vec<Hint> = Vec::new();
    for &c in context.chain() {
        for h in KEYS
            .iter()
            .filter(|b| b.context == c)
            .filter_map(|b| b.hint)
            .filter(|h| keep(h))
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
mod tests;
