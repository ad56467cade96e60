//! Small pieces every screen uses: a cursor over rows, a scroll over lines, a text area.

pub mod list;
pub mod textarea;
