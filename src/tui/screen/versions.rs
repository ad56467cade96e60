//! The versions screen (issue 21): two versions of a negotiated text side by side, the
//! earlier on the left, in the layout `query::versions` gives (the same as `brief diff -f
//! side-by-side`). A component: it holds its own state, handles its keys and tells the app
//! what to do through an [`Effect`].
//!
//! The text is read and the two versions compared off the UI thread: opening or switching
//! a side asks for a [`VersionsRequest`], which the runner hands to a thread of its own
//! ([`answer`]) and whose [`Ready`] comes back as a message; the screen says "reading the
//! text…" meanwhile.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::draft::text::NegotiatedText;
use crate::query::versions::{self, Comparison, Filter, Layout};
use crate::tui::app::{Action, Effect};
use crate::tui::widget::list::{Nav, Scroll};

/// Which two versions to open on, as the reader found them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// The text: its last two versions.
    Text,
    /// A version (by id): it and the one before (the first: it and the next).
    Version(String),
    /// A paragraph (version id, entry id): its version and the one before, at it.
    Paragraph(String, String),
    /// Versions `a` < `b`, the cursor on this paragraph of one side.
    Pair(usize, usize, Option<Focus>),
    /// Versions `a` and `b` by id, as the reader left them (see `tui::resume`), and the
    /// paragraph the cursor was on, by its version's id and its entry id.
    Ids(String, String, Option<(String, String)>),
}

/// A paragraph to put the cursor on once the rows are there: by index, in the old
/// version or the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Old(usize),
    New(usize),
}

/// Where the text comes from: its history file, or already read.
#[derive(Debug, Clone)]
pub enum Source {
    File { path: PathBuf, max_bytes: u64 },
    Read(Arc<NegotiatedText>),
}

/// Two versions to compare off the UI thread.
#[derive(Debug, Clone)]
pub struct VersionsRequest {
    pub generation: u64,
    pub source: Source,
    pub at: At,
}

/// A request answered: the text, the versions compared and their rows.
#[derive(Debug, Clone)]
pub struct Ready {
    pub text: Arc<NegotiatedText>,
    pub a: usize,
    pub b: usize,
    pub comparison: Comparison,
    pub focus: Option<Focus>,
}

/// Read the text if need be, find the versions `at` names and compare them. Slow (a
/// file read, an alignment over every version between), so run off the UI thread.
pub fn answer(request: &VersionsRequest) -> Result<Ready, String> {
    let text = match &request.source {
        Source::Read(t) => Arc::clone(t),
        Source::File { path, max_bytes } => Arc::new(
            crate::library::read_text(path, *max_bytes).map_err(|problems| problems.join("; "))?,
        ),
    };
    let n = text.versions.len();
    if n < 2 {
        return Err(format!(
            "{} has {n} version: nothing to compare it with",
            text.history.id
        ));
    }
    let index = |id: &str| {
        text.index(id)
            .ok_or_else(|| format!("{} has no version `{id}`", text.history.id))
    };
    // A version and the one before it; the first, with the one after.
    let around = |v: usize| if v == 0 { (0, 1) } else { (v - 1, v) };
    let (a, b, focus) = match &request.at {
        At::Text => (n - 2, n - 1, None),
        At::Version(id) => {
            let (a, b) = around(index(id)?);
            (a, b, None)
        }
        At::Paragraph(id, item) => {
            let v = index(id)?;
            let (a, b) = around(v);
            let p = versions::item_ids(&text.versions[v])
                .iter()
                .position(|x| x.as_deref() == Some(item.as_str()));
            let focus = p.map(|p| if v == b { Focus::New(p) } else { Focus::Old(p) });
            (a, b, focus)
        }
        At::Pair(a, b, focus) => (*a, *b, *focus),
        At::Ids(a, b, at) => {
            let (a, b) = (index(a)?, index(b)?);
            // Found again by its entry id, which a renumbering or an edit elsewhere in the
            // version does not change; gone, the cursor starts at the top.
            let focus = at.as_ref().and_then(|(version, item)| {
                let v = text.index(version).filter(|&v| v == a || v == b)?;
                let p = (versions::item_ids(&text.versions[v]).iter())
                    .position(|x| x.as_deref() == Some(item.as_str()))?;
                Some(if v == b { Focus::New(p) } else { Focus::Old(p) })
            });
            (a, b, focus)
        }
    };
    if a >= b || b >= n {
        return Err(format!("no versions {a} and {b} to compare"));
    }
    let comparison = versions::of_text(&text, a, b);
    Ok(Ready {
        text,
        a,
        b,
        comparison,
        focus,
    })
}

/// Lines above the scrolled rows: the versions' names and a rule.
pub const HEAD: u16 = 2;

/// The lines of rows in view.
pub fn rows_height(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(HEAD)).max(1)
}

/// What a layout was made for: the rows (by generation), the filter, the width.
type LayoutKey = (u64, Filter, u16);

#[derive(Debug, Default)]
pub struct VersionsScreen {
    /// The text's brief id (for selectors) and title.
    pub brief: String,
    pub title: String,
    pub text: Option<Arc<NegotiatedText>>,
    /// The versions compared: `a` on the left, `b` on the right.
    pub a: usize,
    pub b: usize,
    pub comparison: Arc<Comparison>,
    pub filter: Filter,
    pub scroll: Scroll,
    /// The width `scroll` was set at: at another width the rows wrap otherwise, and the
    /// view starts at the cursor's row instead (see [`VersionsScreen::top`]).
    scrolled_at: u16,
    /// The shown row at the cursor: what Enter reads and n/N move from.
    pub cursor: usize,
    /// What is being waited for ("reading the text…"), or why it failed.
    pub waiting: Option<String>,
    pub failed: Option<String>,
    generation: u64,
    /// Bumped with each new comparison, so a kept layout is known stale.
    rows_generation: u64,
    request: Option<VersionsRequest>,
    status: Option<String>,
    kept: RefCell<Option<(LayoutKey, Arc<Layout>)>>,
    /// Layouts made (a test counts them: a key must not lay the rows out again).
    pub layouts: std::cell::Cell<u64>,
}

impl VersionsScreen {
    /// Open on the text `brief` (titled `title`) read from `source`, at `at`.
    pub fn open(&mut self, brief: &str, title: &str, source: Source, at: At) {
        self.brief = brief.to_owned();
        self.title = title.to_owned();
        self.text = None;
        self.comparison = Arc::default();
        self.rows_generation += 1;
        self.filter = Filter::All;
        self.scroll = Scroll::default();
        self.cursor = 0;
        self.failed = None;
        self.waiting = Some("reading the text…".to_owned());
        self.ask(source, at);
    }

    fn ask(&mut self, source: Source, at: At) {
        self.generation += 1;
        self.request = Some(VersionsRequest {
            generation: self.generation,
            source,
            at,
        });
    }

    /// The comparison the runner should make off the UI thread.
    pub fn take_request(&mut self) -> Option<VersionsRequest> {
        self.request.take()
    }

    /// A message for the footer, once.
    pub fn take_status(&mut self) -> Option<String> {
        self.status.take()
    }

    /// The answer to request `generation`; an answer to an older one is dropped. A
    /// failure is said in the footer and on the screen.
    pub fn answered(&mut self, generation: u64, answer: Result<Ready, String>, body: Rect) {
        if generation != self.generation {
            return;
        }
        self.waiting = None;
        match answer {
            Err(why) => {
                let why = crate::brief::text::neutralise(&why).into_owned();
                self.status = Some(format!("the text could not be read: {why}"));
                if self.text.is_none() {
                    self.failed = Some(why);
                }
            }
            Ok(ready) => {
                self.text = Some(ready.text);
                self.a = ready.a;
                self.b = ready.b;
                self.comparison = Arc::new(ready.comparison);
                self.rows_generation += 1;
                self.failed = None;
                let layout = self.layout(body);
                let row = ready.focus.and_then(|f| {
                    layout.shown.iter().position(|&i| {
                        let r = &self.comparison.rows[i];
                        match f {
                            Focus::Old(p) => r.old.iter().any(|x| x.index == p),
                            Focus::New(p) => r.new.iter().any(|x| x.index == p),
                        }
                    })
                });
                match row {
                    Some(k) => self.put_cursor(k, &layout, body),
                    None => self.put_cursor(0, &layout, body),
                }
            }
        }
    }

    /// The rows shown, laid out for `body`; kept until the rows, the filter or the width
    /// change.
    pub fn layout(&self, body: Rect) -> Arc<Layout> {
        let key = (self.rows_generation, self.filter, body.width);
        if let Some((k, l)) = self.kept.borrow().as_ref()
            && *k == key
        {
            return Arc::clone(l);
        }
        let shown = versions::shown(&self.comparison.rows, self.filter);
        let layout = Arc::new(versions::lay_out(
            &self.comparison,
            &shown,
            usize::from(body.width),
        ));
        self.layouts.set(self.layouts.get() + 1);
        *self.kept.borrow_mut() = Some((key, Arc::clone(&layout)));
        layout
    }

    /// The version names of the text, oldest first.
    pub fn names(&self) -> Vec<String> {
        self.text.as_ref().map_or_else(Vec::new, |t| {
            t.names().into_iter().map(str::to_owned).collect()
        })
    }

    /// Changes among the rows shown.
    pub fn changes(&self, layout: &Layout) -> usize {
        layout
            .shown
            .iter()
            .filter(|&&i| self.comparison.rows[i].is_change())
            .count()
    }

    /// The cursor on shown row `k`, scrolled to the top of the view as far as the end
    /// lets it.
    fn put_cursor(&mut self, k: usize, layout: &Layout, body: Rect) {
        self.cursor = k.min(layout.shown.len().saturating_sub(1));
        self.scroll.top = self.cursor_top(layout, body);
        self.scrolled_at = body.width;
    }

    /// The cursor's row at the top of the view, as far as the end lets it.
    fn cursor_top(&self, layout: &Layout, body: Rect) -> usize {
        let start = layout.starts.get(self.cursor).copied().unwrap_or(0);
        start.min(Scroll::max(layout.lines.len(), rows_height(body)))
    }

    /// The first line in view for `body`: the scroll, or after a resize (which wraps the
    /// rows otherwise) the cursor's row; never past the end.
    pub fn top(&self, layout: &Layout, body: Rect) -> usize {
        if body.width != self.scrolled_at {
            return self.cursor_top(layout, body);
        }
        self.scroll
            .top
            .min(Scroll::max(layout.lines.len(), rows_height(body)))
    }

    /// After a scroll: the cursor on the first row whose heading is in view (the row
    /// at the top, or the next when the top is inside one), so j then k comes back.
    fn follow_scroll(&mut self, layout: &Layout, body: Rect) {
        let top = self.scroll.top;
        let bottom = top + rows_height(body);
        let first = layout.starts.partition_point(|&s| s < top);
        self.cursor = match layout.starts.get(first) {
            Some(&s) if s < bottom => first,
            _ => layout.row_at(top).unwrap_or(0),
        };
    }

    /// The selector of the paragraph at the cursor: its entry in the text's brief (the
    /// new side's, else the old's); a heading's version.
    pub fn selector(&self, layout: &Layout) -> Option<String> {
        let row = self.comparison.rows.get(*layout.shown.get(self.cursor)?)?;
        let names = self.names();
        let (v, part) = match (row.new.first(), row.old.first()) {
            (Some(p), _) => (self.b, p),
            (None, Some(p)) => (self.a, p),
            (None, None) => return None,
        };
        let version = names.get(v)?;
        Some(match &part.id {
            Some(id) => format!("{}/{version}/{id}", self.brief),
            None => format!("{}/{version}", self.brief),
        })
    }

    /// The paragraph at the cursor, as its version's id and its entry id (the new side's,
    /// else the old's): where the cursor goes again when the text is read anew.
    pub fn at_cursor(&self, body: Rect) -> Option<(String, String)> {
        let layout = self.layout(body);
        let row = self.comparison.rows.get(*layout.shown.get(self.cursor)?)?;
        let (v, part) = match (row.new.first(), row.old.first()) {
            (Some(p), _) => (self.b, p),
            (None, Some(p)) => (self.a, p),
            (None, None) => return None,
        };
        let version = self.text.as_ref()?.history.versions.get(v)?.id.to_string();
        Some((version, part.id.clone()?))
    }

    /// The two sides after `action`, when it moves one and there is somewhere to go.
    fn sides(&self, action: &Action) -> Option<(usize, usize)> {
        let n = self.text.as_ref()?.versions.len();
        let (a, b) = (self.a, self.b);
        match action {
            Action::OldSide { later: false } if a > 0 => Some((a - 1, b)),
            Action::OldSide { later: true } if a + 1 < b => Some((a + 1, b)),
            Action::NewSide { later: false } if b > a + 1 => Some((a, b - 1)),
            Action::NewSide { later: true } if b + 1 < n => Some((a, b + 1)),
            _ => None,
        }
    }

    pub fn key(&mut self, action: &Action, body: Rect) -> Effect {
        if matches!(action, Action::Close | Action::Escape) {
            return Effect::Close;
        }
        if self.text.is_none() {
            return Effect::None;
        }
        let layout = self.layout(body);
        let (len, height) = (layout.lines.len(), rows_height(body));
        self.scroll.top = self.top(&layout, body);
        self.scrolled_at = body.width;
        if let Some(nav) = Nav::of(action) {
            self.scroll.go(nav, len, height);
            self.follow_scroll(&layout, body);
            return Effect::None;
        }
        match action {
            Action::Wheel { down, .. } => {
                self.scroll.by(3, *down, len, height);
                self.follow_scroll(&layout, body);
            }
            Action::Click { row, .. } => {
                let y = usize::from(row.saturating_sub(body.y + HEAD));
                if let Some(k) = layout.row_at(self.scroll.top + y)
                    && row >= &(body.y + HEAD)
                {
                    self.cursor = k;
                }
            }
            Action::NextMatch | Action::PreviousMatch => {
                let forward = *action == Action::NextMatch;
                match versions::next_change(
                    &self.comparison.rows,
                    &layout.shown,
                    self.cursor,
                    forward,
                ) {
                    Some(k) => self.put_cursor(k, &layout, body),
                    None => {
                        self.status = Some(
                            if forward {
                                "no change below"
                            } else {
                                "no change above"
                            }
                            .to_owned(),
                        )
                    }
                }
            }
            Action::NextFilter => {
                let here = layout.shown.get(self.cursor).copied();
                self.filter = self.filter.next();
                let layout = self.layout(body);
                if layout.shown.is_empty() {
                    self.cursor = 0;
                    self.scroll = Scroll::default();
                    self.status = Some(format!(
                        "no paragraph is {}; f shows the others",
                        self.filter.name()
                    ));
                } else {
                    // The same row when it still shows, else the next one that does.
                    let k = here.map_or(0, |i| layout.shown.partition_point(|&j| j < i));
                    self.put_cursor(k, &layout, body);
                }
            }
            Action::OldSide { .. } | Action::NewSide { .. } => match self.sides(action) {
                Some((a, b)) => {
                    // Keep the cursor's paragraph on the side that stays.
                    let row = layout
                        .shown
                        .get(self.cursor)
                        .map(|&i| &self.comparison.rows[i]);
                    let focus = row.and_then(|r| {
                        if a == self.a {
                            r.old.first().map(|p| Focus::Old(p.index))
                        } else {
                            r.new.first().map(|p| Focus::New(p.index))
                        }
                    });
                    let text = self.text.clone();
                    if let Some(text) = text {
                        self.waiting = Some("comparing…".to_owned());
                        self.ask(Source::Read(text), At::Pair(a, b, focus));
                    }
                }
                None => {
                    let n = self.names().len();
                    self.status = Some(if n == 2 {
                        "the text has only these two versions".to_owned()
                    } else {
                        "no version that way: the left side stays older than the right".to_owned()
                    });
                }
            },
            Action::Enter => {
                if let Some(sel) = self.selector(&layout) {
                    return Effect::Read(sel);
                }
            }
            _ => {}
        }
        self.scroll.clamp(len, height);
        Effect::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn request(at: At) -> VersionsRequest {
        VersionsRequest {
            generation: 1,
            source: Source::File {
                path: Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/drafts/lakeland.yaml"),
                max_bytes: 1 << 20,
            },
            at,
        }
    }

    #[test]
    fn it_opens_on_the_versions_the_reader_was_at() {
        let r = answer(&request(At::Text)).unwrap();
        assert_eq!((r.a, r.b), (1, 2));
        let r = answer(&request(At::Version("zero".into()))).unwrap();
        assert_eq!((r.a, r.b), (0, 1), "the first version, with the next");
        let r = answer(&request(At::Version("rev1".into()))).unwrap();
        assert_eq!((r.a, r.b), (0, 1));
        let r = answer(&request(At::Paragraph("rev2".into(), "new-8a".into()))).unwrap();
        assert_eq!((r.a, r.b), (1, 2));
        let p = r.text.versions[2].find("New 8A").unwrap();
        assert_eq!(r.focus, Some(Focus::New(p)));
        let e = answer(&request(At::Version("rev9".into()))).unwrap_err();
        assert!(e.contains("no version `rev9`"), "{e}");
        let mut missing = request(At::Text);
        missing.source = Source::File {
            path: "/nonexistent/history.yaml".into(),
            max_bytes: 1 << 20,
        };
        assert!(answer(&missing).is_err());
    }

    fn opened(at: At, body: Rect) -> VersionsScreen {
        let mut s = VersionsScreen::default();
        let req = request(at);
        s.open(
            "lakeland-outcome",
            "Lakeland",
            req.source.clone(),
            req.at.clone(),
        );
        let req = s.take_request().unwrap();
        s.answered(req.generation, answer(&req), body);
        s
    }

    #[test]
    fn n_walks_the_changes_sides_switch_and_enter_reads_the_paragraph() {
        let body = Rect::new(0, 1, 120, 20);
        let mut s = opened(At::Paragraph("rev2".into(), "new-8a".into()), body);
        let layout = s.layout(body);
        assert_eq!(
            s.selector(&layout).as_deref(),
            Some("lakeland-outcome/rev2/new-8a"),
            "opened at the paragraph"
        );
        assert!(matches!(s.key(&Action::Top, body), Effect::None));
        assert_eq!(s.cursor, 0);
        let mut seen = Vec::new();
        for _ in 0..40 {
            s.key(&Action::NextMatch, body);
            if seen.last() == Some(&s.cursor) {
                break;
            }
            seen.push(s.cursor);
        }
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
        assert!(
            seen.iter()
                .all(|&k| s.comparison.rows[layout.shown[k]].is_change())
        );
        assert_eq!(s.take_status().as_deref(), Some("no change below"));
        // The left side back one: asked for, with the cursor's paragraph kept.
        s.key(&Action::OldSide { later: false }, body);
        let req = s.take_request().unwrap();
        assert!(matches!(req.at, At::Pair(0, 2, Some(Focus::New(_)))));
        s.answered(req.generation, answer(&req), body);
        assert_eq!((s.a, s.b), (0, 2));
        s.key(&Action::NewSide { later: true }, body);
        assert!(s.take_request().is_none(), "no version after the last");
        assert!(s.take_status().is_some());
        match s.key(&Action::Enter, body) {
            Effect::Read(sel) => assert!(sel.starts_with("lakeland-outcome/rev2/"), "{sel}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(s.key(&Action::Close, body), Effect::Close));
    }

    #[test]
    fn a_key_lays_the_rows_out_once_and_the_filter_keeps_the_row() {
        let body = Rect::new(0, 1, 120, 20);
        let mut s = opened(At::Text, body);
        let before = s.layouts.get();
        s.key(&Action::Down, body);
        s.key(&Action::NextMatch, body);
        assert_eq!(s.layouts.get(), before, "scrolling reuses the layout");
        let row = s.layout(body).shown[s.cursor];
        s.key(&Action::NextFilter, body);
        assert_eq!(s.filter, Filter::Changed);
        let layout = s.layout(body);
        assert_eq!(
            layout.shown[s.cursor], row,
            "a change stays under the cursor"
        );
        for _ in 0..3 {
            s.key(&Action::NextFilter, body);
        }
        assert_eq!(s.filter, Filter::All);
    }

    #[test]
    fn a_resize_keeps_the_cursor_s_row_in_view() {
        let wide = Rect::new(0, 1, 160, 30);
        let mut s = opened(At::Paragraph("rev2".into(), "3".into()), wide);
        let row = s.layout(wide).shown[s.cursor];
        for narrow in [Rect::new(0, 1, 60, 30), Rect::new(0, 1, 120, 10)] {
            let layout = s.layout(narrow);
            let top = s.top(&layout, narrow);
            assert_eq!(top, layout.starts[s.cursor], "{narrow:?}");
            assert_eq!(layout.shown[s.cursor], row, "the cursor stays on its row");
            s.key(&Action::Down, narrow);
            assert_eq!(s.scroll.top, top + 1, "scrolled from there");
            s.key(&Action::Up, narrow);
            assert_eq!(layout.shown[s.cursor], row, "and back");
        }
    }

    #[test]
    fn a_stale_answer_is_dropped() {
        let body = Rect::new(0, 1, 80, 20);
        let mut s = VersionsScreen::default();
        let req = request(At::Text);
        s.open("lakeland-outcome", "Lakeland", req.source.clone(), At::Text);
        let first = s.take_request().unwrap();
        s.open(
            "lakeland-outcome",
            "Lakeland",
            req.source,
            At::Version("zero".into()),
        );
        let second = s.take_request().unwrap();
        s.answered(first.generation, answer(&first), body);
        assert!(s.text.is_none() && s.waiting.is_some());
        s.answered(second.generation, answer(&second), body);
        assert_eq!((s.a, s.b), (0, 1));
    }
}
