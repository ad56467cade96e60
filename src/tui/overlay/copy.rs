//! `y` and `Y`: copy what the cursor is on. A one-line chooser in the footer asks what
//! (`s` the selector, `t` the text, `c` the citation); `y` then hands it to the terminal's
//! clipboard through OSC 52 (only when the user allowed it), `Y` to a file in the state
//! folder. Either way the status line says what was copied, so a terminal that drops
//! OSC 52 silently still leaves the user knowing what to paste, or where to find it.
//!
//! The state asks for the copy ([`App::take_clip`]); the runner, which owns the terminal
//! and may touch the disk, carries it out.

use crate::brief::corpus::{Corpus, Target};
use crate::brief::date::Date;
use crate::query::names::{citation, selector};
use crate::query::sources::{address, cited, label};
use crate::tui::action::{Action, Copyable};
use crate::tui::app::{App, Screen};
use crate::tui::screen::compare::CompareView;

/// Where a copy goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyTo {
    /// The terminal's clipboard, through OSC 52 (`y`).
    Clipboard,
    /// A file in the state folder (`Y`).
    File,
}

/// A copy for the runner to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    pub to: CopyTo,
    /// What the status line calls it (`selector a/b/c`).
    pub label: String,
    /// What is copied: our own rendering of the brief's text, already neutralised.
    pub content: String,
}

/// The most OSC 52 is trusted with: xterm and tmux refuse or cut longer sequences (some
/// terminals take less; the status line still says what should have arrived).
pub const OSC52_MAX: usize = 74_994;

/// What `what` of `target` is, as copied.
pub fn content(corpus: &Corpus, target: Target<'_>, what: Copyable, today: Date) -> String {
    match what {
        Copyable::Selector => selector(target),
        Copyable::Text => {
            let mut out = Vec::new();
            // Not wrapped: the place it is pasted into wraps it.
            let _ = crate::query::page::stream(corpus, target, 0, false, today, &mut out);
            String::from_utf8_lossy(&out).into_owned()
        }
        Copyable::Citation => citation_of(corpus, target),
    }
}

/// An entry's citations, each with its source's address; a section's or a brief's, the
/// sources its entries cite. One to a line.
fn citation_of(corpus: &Corpus, target: Target<'_>) -> String {
    let mut lines: Vec<String> = Vec::new();
    match target {
        Target::Entry(_, _, e) => {
            for c in e.cites().all() {
                let at = corpus
                    .source(&c.source)
                    .and_then(address)
                    .map_or(String::new(), |a| format!(" <{a}>"));
                lines.push(format!("{}{at}", citation(corpus, c)));
            }
        }
        _ => {
            for s in cited(corpus, target) {
                let at = address(s).map_or(String::new(), |a| format!(" <{a}>"));
                lines.push(format!("{}{at}", label(corpus, s)));
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

impl App {
    /// The selector of what the cursor is on, on the screen on top.
    pub fn selector_at_hand(&self) -> Option<String> {
        let body = self.body();
        match self.screen() {
            Screen::Reader => self.target_at_hand().map(selector),
            Screen::Desk => {
                let rows = self.desk_rows();
                let (_, _, m) = rows.get(self.desk_screen.list.cursor)?;
                Some(m.selector.to_string())
            }
            Screen::Timeline => self
                .timeline
                .rows
                .get(self.timeline.list.cursor)?
                .selectors
                .first()
                .cloned(),
            Screen::Versions => self.versions.selector(&self.versions.layout(body)),
            Screen::Proposals => {
                let m = self.proposals.matrix.as_ref()?;
                m.rows.get(self.proposals.row)?.selector.clone()
            }
            Screen::Compare => match self.compare.view() {
                // A group's column is a tally, not one actor's positions.
                CompareView::Matrix if !self.compare.by_group => {
                    let c = &self.compare;
                    let cell = c.matrix.cells.get(c.rows.cursor)?.get(c.column)?.as_ref()?;
                    cell.positions.first().map(|p| p.selector.clone())
                }
                // The leftmost actor in view, where the cursor stands: the position
                // Enter reads.
                CompareView::SideBySide => self.compare.position_at_hand(&self.corpus),
                CompareView::Figures => self.compare.figure_at_hand(&self.corpus),
                CompareView::Matrix => None,
            },
        }
    }

    /// `y` or `Y`: ask what to copy, when the cursor is on something.
    pub(crate) fn open_copy(&mut self, to: CopyTo) {
        match self.selector_at_hand() {
            Some(sel) => {
                self.copy = Some(to);
                let how = match to {
                    CopyTo::Clipboard => "copy",
                    CopyTo::File => "write to a file",
                };
                self.status = Some(format!("{how} what of {sel}?"));
            }
            None => self.status = Some("nothing here to copy: y copies the brief, entry, paragraph or position at the cursor".into()),
        }
    }

    /// A key while the chooser is open: `s`, `t` or `c` copies; anything else copies
    /// nothing.
    pub(crate) fn copy_key(&mut self, action: Action) {
        let Some(to) = self.copy.take() else { return };
        let Action::CopyAs(what) = action else {
            self.status = Some("nothing copied".into());
            return;
        };
        let Some(sel) = self.selector_at_hand() else {
            return;
        };
        let Some(target) = self.corpus.resolve(&sel) else {
            self.status = Some(format!("`{sel}` is not in the loaded briefs"));
            return;
        };
        let content = content(&self.corpus, target, what, self.today);
        let label = what.label(&sel);
        match to {
            CopyTo::Clipboard if !self.osc52 => {
                self.status = Some(format!(
                    "{label} not copied: OSC 52 is off (--osc52); Y writes it to a file"
                ));
            }
            CopyTo::Clipboard if content.len().div_ceil(3) * 4 > OSC52_MAX => {
                self.status = Some(format!(
                    "{label} not copied: {} KB is more than OSC 52 carries; Y writes it to a file",
                    content.len().div_ceil(1024)
                ));
            }
            CopyTo::Clipboard => {
                self.status = Some(format!("copied {label} (OSC 52)"));
                self.clip = Some(Clip { to, label, content });
            }
            CopyTo::File => {
                self.status = Some(format!("writing {label}…"));
                self.clip = Some(Clip { to, label, content });
            }
        }
    }

    /// The copy the runner should carry out.
    pub fn take_clip(&mut self) -> Option<Clip> {
        self.clip.take()
    }

    /// The runner wrote a copy to a file (or could not): say where.
    pub fn clip_written(&mut self, label: &str, result: Result<std::path::PathBuf, String>) {
        self.status = Some(match result {
            Ok(path) => {
                crate::brief::text::neutralise(&format!("wrote {label} to {}", path.display()))
                    .into_owned()
            }
            Err(why) => format!("{label} NOT written: {why}"),
        });
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ratatui::layout::Rect;

    use super::*;
    use crate::tui::app::Options;
    use crate::tui::keys::Context;
    use crate::tui::theme::ThemeName;

    const IGF: &str = "wsis20-overview/issues/igf-mandate";

    fn reader_at(start: &str, pick: bool) -> App {
        let corpus = Arc::new(crate::library::builtin_corpus());
        let mut app = App::new(
            Arc::new(Corpus::default()),
            Options {
                theme: ThemeName::Default,
                today: "2026-01-01".parse().unwrap(),
                pick,
                start: None,
                desk: Default::default(),
                notice: None,
                resume: None,
            },
            Rect::new(0, 0, 100, 30),
        );
        app.loaded(corpus, Some(start), None);
        app
    }

    #[test]
    fn y_asks_what_then_copies_the_selector_when_osc52_is_on() {
        let mut app = reader_at(IGF, false);
        app.osc52 = true;
        app.apply(Action::Copy { to_file: false });
        assert_eq!(app.context(), Context::Copy);
        assert_eq!(
            app.status.as_deref(),
            Some(&*format!("copy what of {IGF}?"))
        );
        app.apply(Action::CopyAs(Copyable::Selector));
        assert_eq!(app.context(), Context::Outline);
        assert_eq!(
            app.status.as_deref(),
            Some(&*format!("copied selector {IGF} (OSC 52)"))
        );
        let clip = app.take_clip().unwrap();
        assert_eq!(clip.to, CopyTo::Clipboard);
        assert_eq!(clip.content, IGF);
        assert_eq!(app.take_clip(), None, "copied once");
    }

    #[test]
    fn without_osc52_y_says_so_and_copies_nothing_and_y_then_another_key_copies_nothing() {
        let mut app = reader_at(IGF, false);
        app.apply(Action::Copy { to_file: false });
        app.apply(Action::CopyAs(Copyable::Selector));
        assert_eq!(app.take_clip(), None);
        assert_eq!(
            app.status.as_deref(),
            Some(&*format!(
                "selector {IGF} not copied: OSC 52 is off (--osc52); Y writes it to a file"
            ))
        );
        // Any key but s, t and c closes the chooser and does nothing else.
        app.osc52 = true;
        let row = app.rows.cursor;
        app.apply(Action::Copy { to_file: false });
        app.apply(Action::Down);
        assert_eq!((app.context(), app.rows.cursor), (Context::Outline, row));
        assert_eq!(app.status.as_deref(), Some("nothing copied"));
        assert_eq!(app.take_clip(), None);
    }

    #[test]
    fn capital_y_writes_the_text_as_brief_show_prints_it_and_says_where() {
        let mut app = reader_at(IGF, false);
        app.apply(Action::Copy { to_file: true });
        app.apply(Action::CopyAs(Copyable::Text));
        let clip = app.take_clip().unwrap();
        assert_eq!(clip.to, CopyTo::File);
        assert_eq!(clip.label, format!("text of {IGF}"));
        let mut shown = Vec::new();
        let target = app.corpus.resolve(IGF).unwrap();
        crate::query::page::stream(&app.corpus, target, 0, false, app.today, &mut shown).unwrap();
        assert_eq!(clip.content.as_bytes(), shown);
        assert!(
            clip.content
                .starts_with("A permanent IGF with sustainable funding\n")
        );
        app.clip_written(&clip.label, Ok("/s/brief/clip.txt".into()));
        assert_eq!(
            app.status.as_deref(),
            Some(&*format!("wrote text of {IGF} to /s/brief/clip.txt"))
        );
        app.clip_written(&clip.label, Err("disk full".into()));
        assert_eq!(
            app.status.as_deref(),
            Some(&*format!("text of {IGF} NOT written: disk full"))
        );
    }

    #[test]
    fn the_citation_names_each_source_with_its_address_when_it_has_one() {
        let app = reader_at(IGF, false);
        let target = app.corpus.resolve(IGF).unwrap();
        let cited = content(&app.corpus, target, Copyable::Citation, app.today);
        let lines: Vec<&str> = cited.lines().collect();
        assert_eq!(lines.len(), 2, "{cited}");
        assert!(lines[0].ends_with("Question 5 and Question 6"), "{cited}");
        assert!(
            lines[1].ends_with(", paragraph 2 <https://press.un.org/en/2025/ga12746.doc.htm>"),
            "{cited}"
        );
    }

    #[test]
    fn y_copies_from_the_other_screens_what_their_cursor_is_on() {
        let mut app = reader_at(IGF, false);
        app.osc52 = true;
        app.apply(Action::Timeline);
        let event = app.selector_at_hand().unwrap();
        app.apply(Action::Copy { to_file: false });
        app.apply(Action::CopyAs(Copyable::Selector));
        assert_eq!(app.take_clip().unwrap().content, event);
        assert!(app.corpus.resolve(&event).is_some(), "{event}");
    }

    #[test]
    fn on_compare_y_copies_the_cell_s_latest_position_side_by_side_the_first_in_view_and_a_group_s_nothing()
     {
        let mut app = reader_at(IGF, false);
        app.apply(Action::Compare);
        let index = crate::search::Index::build(&app.corpus);
        crate::tui::settle(&mut app, &index);
        // The first cell with a position.
        while app.selector_at_hand().is_none() {
            let before = app.compare.column;
            app.apply(Action::Right);
            assert_ne!(app.compare.column, before, "a row with no position at all");
        }
        let sel = app.selector_at_hand().unwrap();
        assert!(
            matches!(app.corpus.resolve(&sel), Some(Target::Entry(..))),
            "{sel}"
        );
        // Side by side, the position Enter would read: the leftmost actor's first.
        app.apply(Action::Enter);
        assert_eq!(app.compare.view(), CompareView::SideBySide);
        let at_hand = app.selector_at_hand().unwrap();
        assert_eq!(
            app.compare.position_at_hand(&app.corpus),
            Some(at_hand.clone())
        );
        assert!(
            matches!(app.corpus.resolve(&at_hand), Some(Target::Entry(..))),
            "{at_hand}"
        );
        app.apply(Action::Close);
        assert_eq!(app.compare.view(), CompareView::Matrix);
        app.apply(Action::ToggleGroups);
        assert_eq!(app.selector_at_hand(), None);
        app.apply(Action::Copy { to_file: false });
        assert_eq!(app.context(), Context::Compare);
        assert_eq!(
            app.status.as_deref(),
            Some(
                "nothing here to copy: y copies the brief, entry, paragraph or position at the cursor"
            )
        );
    }

    #[test]
    fn on_compare_s_figures_y_copies_the_figure_at_the_cursor() {
        let mut app = reader_at(IGF, false);
        app.osc52 = true;
        app.apply(Action::Compare);
        let index = crate::search::Index::build(&app.corpus);
        crate::tui::settle(&mut app, &index);
        app.apply(Action::Tab);
        assert_eq!(app.compare.view(), CompareView::Figures);
        app.apply(Action::Down);
        let rows = crate::tui::screen::compare::figure_rows(&app.corpus);
        assert_eq!(app.selector_at_hand().as_ref(), Some(&rows[1].selector));
        app.apply(Action::Copy { to_file: false });
        app.apply(Action::CopyAs(Copyable::Selector));
        assert_eq!(app.take_clip().unwrap().content, rows[1].selector);
        // Enter reads it.
        app.apply(Action::Enter);
        assert_eq!(app.screen(), Screen::Reader);
        assert_eq!(app.selector_at_hand().as_ref(), Some(&rows[1].selector));
    }
}
