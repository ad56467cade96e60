//! The reader's screens. The reader itself is at the bottom; compare, timeline and desk
//! open over it and q or Esc closes them, back to where one was.

pub mod compare;
pub mod desk;
pub mod reader;
pub mod search;
pub mod timeline;
