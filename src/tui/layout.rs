//! Where each part of the reader goes for a given terminal size. Both drawing and the
//! state (page sizes, mouse clicks) ask this one function, so they always agree.

use ratatui::layout::Rect;

/// Narrower than this, the reader shows one pane at a time.
pub const TWO_PANES_FROM: u16 = 70;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub header: Rect,
    pub body: Rect,
    /// Absent when only the reading pane fits.
    pub outline: Option<Rect>,
    /// Absent when only the outline fits.
    pub reading: Option<Rect>,
    pub footer: Rect,
}

/// `reading_only`: in one-pane mode, which pane shows.
pub fn panes(area: Rect, reading_only: bool) -> Panes {
    let header_h = u16::from(area.height >= 3);
    let footer_h = u16::from(area.height >= 2);
    let header = Rect {
        height: header_h,
        ..area
    };
    let footer = Rect {
        y: area.y + area.height.saturating_sub(footer_h),
        height: footer_h,
        ..area
    };
    let body = Rect {
        y: area.y + header_h,
        height: area.height.saturating_sub(header_h + footer_h),
        ..area
    };
    if body.width < TWO_PANES_FROM {
        let (outline, reading) = if reading_only {
            (None, Some(body))
        } else {
            (Some(body), None)
        };
        return Panes {
            header,
            body,
            outline,
            reading,
            footer,
        };
    }
    let left = (body.width * 35 / 100).clamp(26, 56);
    let outline = Rect {
        width: left,
        ..body
    };
    let reading = Rect {
        x: body.x + left,
        width: body.width - left,
        ..body
    };
    Panes {
        header,
        body,
        outline: Some(outline),
        reading: Some(reading),
        footer,
    }
}

/// The part of a pane that holds text: the outline keeps its last column for a rule,
/// the reading pane a column of margin on the left.
pub fn outline_text(r: Rect) -> Rect {
    Rect {
        width: r.width.saturating_sub(1),
        ..r
    }
}

/// The widest a line of reading text is laid out, as glow does: beyond about 100
/// columns the eye loses its way back to the start of the next line.
pub const MEASURE: u16 = 100;

/// Where the reading pane's text goes: a column of margin each side, and no wider than
/// [`MEASURE`] (from the left, the rest of a wide pane left empty).
pub fn reading_text(r: Rect) -> Rect {
    let margin = u16::from(r.width > 20);
    Rect {
        x: r.x + margin,
        width: r.width.saturating_sub(margin * 2).min(MEASURE),
        ..r
    }
}

/// A centred box of at most `w`×`h` inside `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_fits_inside_the_screen() {
        for w in 0..130 {
            for h in 0..40 {
                let area = Rect::new(0, 0, w, h);
                for reading_only in [false, true] {
                    let p = panes(area, reading_only);
                    for r in [
                        Some(p.header),
                        Some(p.body),
                        p.outline,
                        p.reading,
                        Some(p.footer),
                    ]
                    .into_iter()
                    .flatten()
                    {
                        assert_eq!(area.union(r), area, "{w}x{h}: {r:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn wide_screens_show_both_panes_narrow_ones_one() {
        let p = panes(Rect::new(0, 0, 120, 40), false);
        assert!(p.outline.is_some() && p.reading.is_some());
        let p = panes(Rect::new(0, 0, 40, 12), false);
        assert!(p.outline.is_some() && p.reading.is_none());
        let p = panes(Rect::new(0, 0, 40, 12), true);
        assert!(p.outline.is_none() && p.reading.is_some());
    }
}
