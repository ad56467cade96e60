//! What opens over a screen and takes the keys until closed: the help, the filter menu,
//! the note editor.

pub mod copy;
pub mod editor;
pub mod filters;
pub mod help;
