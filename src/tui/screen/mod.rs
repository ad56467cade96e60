//! The reader's screens. The reader itself is at the bottom; compare, timeline, desk and
//! versions open over it and q or Esc closes them, back to where one was.

pub mod compare;
pub mod desk;
pub mod reader;
pub mod search;
pub mod timeline;
pub mod versions;
