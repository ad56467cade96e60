//! One module per command, each a `run` taking the context and the command's own
//! arguments, writing to `out` and returning the exit code.

pub mod check;
pub mod compare;
pub mod completions;
pub mod declared;
pub mod diff;
pub mod history;
pub mod history_file;
pub mod line;
pub mod list;
pub mod man;
pub mod note;
pub mod notes;
pub mod paragraphs;
pub mod proposals;
pub mod read;
pub mod schema;
pub mod search;
pub mod show;
pub mod timeline;
