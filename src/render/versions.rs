//! `brief diff … -f side-by-side`: two versions in two columns, as the reader's versions
//! screen draws them (the layout is `query::versions`'s, shared with it), stacked below
//! 100 columns. The markers `[-…-]` and `{+…+}` are always there; colour only when
//! wanted.

use std::io::{self, Write};

use crate::query::versions::{self, Comparison, Filter, Mark};

const RED: &str = "\x1b[31;9m";
const GREEN: &str = "\x1b[32;1m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The comparison `c` at `width` columns (0: as wide as the widest sensible, 160).
pub fn write(c: &Comparison, width: usize, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let width = if width == 0 { 160 } else { width };
    let shown = versions::shown(&c.rows, Filter::All);
    let layout = versions::lay_out(c, &shown, width);
    for line in layout.head.iter().chain(&layout.lines) {
        let mut text = String::new();
        for s in line {
            let code = match s.mark {
                Mark::Plain => "",
                Mark::Deleted => RED,
                Mark::Inserted => GREEN,
                Mark::Head | Mark::Name => BOLD,
                Mark::Rule => DIM,
            };
            if color && !code.is_empty() {
                text.push_str(code);
                text.push_str(&s.text);
                text.push_str(RESET);
            } else {
                text.push_str(&s.text);
            }
        }
        writeln!(out, "{}", text.trim_end())?;
    }
    Ok(())
}
