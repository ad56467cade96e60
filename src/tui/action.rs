//! What a key, a click or a message from a worker means to the reader. Keys become
//! actions through the one key table (`keys`); `App::apply` is the only thing that acts
//! on them, so every behaviour is tested without a terminal.

use crate::desk::Desk;
use crate::search::Place;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// q in the reader: leave brief (in `brief pick`, choose nothing).
    Quit,
    /// ctrl-c: leave brief from wherever one is, keeping a note being written.
    Exit,
    /// q and Esc on a screen or overlay above the reader: back to where one was.
    Close,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    /// ← or h: close, go to the parent, go back.
    Left,
    /// → or l: open, go forward.
    Right,
    Enter,
    /// Space: page down in text, toggle in lists.
    Space,
    Tab,
    Escape,
    Back,
    Forward,
    /// A digit typed in the reading pane: follow that cross-reference of the entry being
    /// read (1-based) at once, or, on a page of 10 or more, a digit of its number.
    Follow(usize),
    Help,
    StartSearch,
    Type(char),
    Paste(String),
    Erase,
    EraseWord,
    EraseLine,
    NextMatch,
    PreviousMatch,
    /// Search results for the request of this generation.
    Found {
        generation: u64,
        places: Vec<Place>,
    },
    Filters,
    ClearFilter,
    Compare,
    Timeline,
    /// In compare: stakeholder groups as columns instead of actors.
    ToggleGroups,
    /// Bookmark the entry being read, or take the bookmark away.
    Bookmark,
    /// The desk: every bookmark and note.
    Desk,
    /// Two versions of a negotiated text side by side, from the text, version or
    /// paragraph being read.
    Versions,
    /// Proposals on a negotiated text: paragraphs × actors, and whether each was
    /// reflected.
    Proposals,
    /// In versions: the left side to the next version (`later`) or the one before.
    OldSide {
        later: bool,
    },
    /// In versions: the right side to the next version (`later`) or the one before.
    NewSide {
        later: bool,
    },
    /// In versions: the next filter (all, changed, not agreed, bracketed).
    NextFilter,
    /// Write or edit the note on the entry being read.
    Annotate,
    /// `y` (`to_file: false`) and `Y`: ask what to copy of what the reader is on; `y`
    /// copies it to the terminal's clipboard (OSC 52), `Y` writes it to a file.
    Copy {
        to_file: bool,
    },
    /// The answer to `y` or `Y`: what to copy.
    CopyAs(Copyable),
    /// `brief pick`: mark the entry for printing, or take the mark away, then move on
    /// (down, or up with shift-Tab), as fzf's Tab does.
    Mark {
        down: bool,
    },
    /// Take back the last bookmark or note change made in this session.
    Undo,
    /// Leave the note editor, keeping what was typed.
    Save,
    /// Leave the note editor, putting the note back as it was when the editor opened.
    Cancel,
    /// The desk as saved (merged with what other readers saved), or why saving failed.
    DeskSaved(Result<Desk, String>),
    /// ctrl-z and ctrl-l: the runner's business (it owns the terminal); the state ignores them.
    Suspend,
    Redraw,
    Resize(u16, u16),
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
}

/// What `y` and `Y` copy of the entry, section or brief the reader is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copyable {
    /// Its selector (`wsis20-overview/issues/igf-mandate`).
    Selector,
    /// Its text, as `brief show` prints it.
    Text,
    /// Where it comes from: its citations with each source's address.
    Citation,
}

impl Copyable {
    /// What the status line calls it: `selector x`, `text of x`, `citation of x`.
    pub fn label(self, selector: &str) -> String {
        match self {
            Copyable::Selector => format!("selector {selector}"),
            Copyable::Text => format!("text of {selector}"),
            Copyable::Citation => format!("citation of {selector}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Quit,
    /// `brief pick`: the selectors chosen with Enter, in the order they were marked (the
    /// one at the cursor when none was).
    Picked(Vec<String>),
}
