//! The `?` overlay: every key of the key table by where it works, the mouse, and what
//! each glyph on screen means — wrapped to any width, scrolled no further than its end.

use ratatui::layout::Rect;

use crate::query::page::wrap;
use crate::tui::app::{Action, Effect};
use crate::tui::keys::{Context, GLYPHS, KEYS, MOUSE};
use crate::tui::widget::list::{Nav, Scroll};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: Scroll,
}

/// One line of the help, laid out for a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    /// The keys column (empty on a continuation line) and the words.
    Row(String, String),
    Blank,
}

/// The help box inside `area`: as wide as the screen up to 84 columns, all its height
/// but a line above and below.
pub fn frame(area: Rect) -> Rect {
    crate::tui::layout::centred(area, 84, area.height.saturating_sub(2).max(1))
}

/// The inside of the box (the border taken off).
pub fn inner(area: Rect) -> Rect {
    let r = frame(area);
    Rect {
        x: r.x + 1,
        y: r.y + 1,
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// Every line of the help at `width` columns.
pub fn lines(width: usize) -> Vec<HelpLine> {
    let width = width.max(1);
    // Keys in a column of their own when there is room for the words beside them;
    // narrower, the words go under the keys.
    let key_w = if width >= 48 { 22 } else { 0 };
    let mut out = Vec::new();
    let row = |out: &mut Vec<HelpLine>, keys: &str, what: &str| {
        if key_w == 0 {
            for l in wrap(keys, width) {
                out.push(HelpLine::Row(l, String::new()));
            }
            for l in wrap(what, width.saturating_sub(2).max(1)) {
                out.push(HelpLine::Row(String::new(), format!("  {l}")));
            }
        } else {
            for (i, l) in wrap(what, width - key_w).into_iter().enumerate() {
                let k = if i == 0 {
                    keys.to_owned()
                } else {
                    String::new()
                };
                out.push(HelpLine::Row(k, l));
            }
        }
    };
    for c in Context::ALL {
        let bindings: Vec<_> = KEYS.iter().filter(|b| b.context == c).collect();
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        for l in wrap(c.title(), width) {
            out.push(HelpLine::Heading(l));
        }
        for b in bindings {
            row(&mut out, b.label, b.help);
        }
    }
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading("Mouse".to_owned()));
    for (k, what) in MOUSE {
        row(&mut out, k, what);
    }
    out.push(HelpLine::Blank);
    for l in wrap("What the signs mean", width) {
        out.push(HelpLine::Heading(l));
    }
    for (k, what) in GLYPHS {
        row(&mut out, k, what);
    }
    out
}

/// The width of the keys column for `width` (0: keys above their words).
pub fn key_width(width: usize) -> usize {
    if width >= 48 { 22 } else { 0 }
}

impl Help {
    pub fn key(&mut self, action: &Action, area: Rect) -> Effect {
        let inner = inner(area);
        let len = lines(usize::from(inner.width)).len();
        let height = usize::from(inner.height);
        match action {
            Action::Close | Action::Escape | Action::Help => return Effect::Close,
            Action::Wheel { down, .. } => self.scroll.by(3, *down, len, height),
            a => {
                if let Some(nav) = Nav::of(a) {
                    self.scroll.go(nav, len, height);
                }
            }
        }
        Effect::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_fits_every_width_and_names_every_key_and_glyph() {
        for w in [20usize, 40, 60, 82] {
            let ls = lines(w);
            let text: Vec<String> = ls
                .iter()
                .map(|l| match l {
                    HelpLine::Heading(h) => h.clone(),
                    HelpLine::Row(k, what) => format!("{:kw$}{what}", k, kw = key_width(w)),
                    HelpLine::Blank => String::new(),
                })
                .collect();
            for l in &text {
                assert!(
                    crate::brief::text::width(l.trim_end()) <= w,
                    "{w}: {l:?} is wider"
                );
            }
            let all = text.join("\n");
            for b in KEYS {
                assert!(
                    all.contains(b.help.split(' ').next().unwrap()),
                    "{}",
                    b.help
                );
            }
            for (g, _) in GLYPHS {
                assert!(all.contains(g), "{g} has no legend at {w}");
            }
        }
    }
}
