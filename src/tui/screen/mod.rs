//! The reader's screens. The reader itself is at the bottom; compare, timeline, desk,
//! versions and proposals open over it and q or Esc closes them, back to where one was.

pub mod compare;
pub mod desk;
pub mod proposals;
pub mod reader;
pub mod search;
pub mod timeline;
pub mod versions;

use crate::search::Filter;

/// The two panes of the reader: the outline, and the page being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Outline,
    Reading,
}

/// The screen that has the keys: the reader, or one opened over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Reader,
    Compare,
    Timeline,
    Desk,
    Versions,
    Proposals,
}

/// What a screen or overlay asks the app to do after handling a key.
#[derive(Debug, Clone)]
pub enum Effect {
    None,
    /// Close the screen or overlay that handled the key.
    Close,
    /// Read this selector in the reader, as a jump that Back returns from.
    Read(String),
    SetFilter(Filter),
    Status(String),
}
