//! Where the reader is, kept across runs and across a reload of the briefs: the place is
//! told by selectors (what the cursor is on, what the screen over the reader shows), never
//! by positions in the outline, which a changed brief moves. Notes and bookmarks are kept
//! by selector too, so they follow without anything done here.

use std::sync::Arc;

use super::app::{App, Pane, Screen, TextFiles};
use super::outline::Outline;
use super::screen::versions::{At, Source};
use super::widget::list::Scroll;
use crate::brief::corpus::Corpus;
use crate::brief::text::neutralise;
use crate::desk::state::LastPlace;
use crate::query::names::selector;

impl App {
    /// The selector of node `id`.
    fn selector_of(&self, id: usize) -> Option<String> {
        self.outline.target(&self.corpus, id).map(selector)
    }

    /// Where the reader is now, to open there next time; `None` before the briefs are in.
    pub fn place(&self) -> Option<LastPlace> {
        if self.loading.is_some() {
            return None;
        }
        let mut place = LastPlace {
            selector: self.selector_of(self.current()?)?,
            reading: self.focus == Pane::Reading,
            top: self.reading.top,
            // The words of the last search, for `n` and `N` and the marked matches.
            search: (!self.search.query.is_empty()).then(|| self.search.input.clone()),
            ..LastPlace::default()
        };
        let screen = match self.screen() {
            Screen::Reader => return Some(place),
            Screen::Compare => {
                let m = &self.compare.matrix;
                place.issue = m.issues.get(self.compare.rows.cursor).cloned();
                "compare"
            }
            Screen::Timeline => "timeline",
            Screen::Desk => "desk",
            Screen::Versions => {
                let id = |i: usize| {
                    Some(
                        self.versions
                            .text
                            .as_ref()?
                            .history
                            .versions
                            .get(i)?
                            .id
                            .to_string(),
                    )
                };
                place.versions = id(self.versions.a).zip(id(self.versions.b));
                place.paragraph = self.versions.at_cursor(self.body());
                "versions"
            }
            Screen::Proposals => "proposals",
        };
        place.screen = Some(screen.to_owned());
        Some(place)
    }

    /// The node `sel` names, else the nearest that holds it (its section, its brief), and
    /// whether that is it.
    fn nearest(&self, sel: &str) -> Option<(usize, bool)> {
        if let Some(id) = self.outline.find(&self.corpus, sel) {
            return Some((id, true));
        }
        let mut rest = sel;
        while let Some((up, _)) = rest.rsplit_once('/') {
            if let Some(id) = self.outline.find(&self.corpus, up) {
                return Some((id, false));
            }
            rest = up;
        }
        None
    }

    /// Open where `place` says, as far as it still exists; what does not is said in the
    /// status line.
    pub fn resume(&mut self, place: LastPlace) {
        if let Some(words) = &place.search {
            // Typed words hold no control character; a place file may.
            self.carry_search(&neutralise(words));
        }
        let shown = neutralise(&place.selector).into_owned();
        match self.nearest(&place.selector) {
            Some((id, true)) => {
                self.select(id);
                if place.reading {
                    self.focus = Pane::Reading;
                    self.keep_cursor_in_view();
                }
                self.scroll_reading_to(place.top);
            }
            Some((id, false)) => {
                self.select(id);
                let near = self.selector_of(id).unwrap_or_default();
                self.status = Some(format!(
                    "`{shown}`, where you left off, is gone; opened at {near}"
                ));
                return;
            }
            None => {
                self.status = Some(format!(
                    "`{shown}`, where you left off, is gone; opened at the top"
                ));
                return;
            }
        }
        match place.screen.as_deref() {
            Some("compare") => {
                self.push(Screen::Compare);
                let at = place.issue.map(|issue| (issue, String::new()));
                self.matrix_request = Some(self.compare.open(&self.filter, at));
            }
            Some("timeline") => {
                self.push(Screen::Timeline);
                self.timeline.open(&self.corpus, self.today, self.body());
            }
            Some("desk") => {
                self.push(Screen::Desk);
                self.desk_screen.open(&self.desk);
            }
            Some("versions") => {
                let paragraph = place.paragraph;
                self.open_versions_at(place.versions.map(|(a, b)| At::Ids(a, b, paragraph)))
            }
            Some("proposals") => self.open_proposals(),
            _ => {}
        }
    }

    /// Scroll the reading pane to line `top`, or as far as its page goes.
    fn scroll_reading_to(&mut self, top: usize) {
        if top == 0 {
            self.reading = Scroll::default();
            return;
        }
        let len = self.page().lines.len();
        self.reading.top = top.min(Scroll::max(len, self.reading_height()));
    }

    /// The briefs loaded again after a file changed: shown in place of the old ones, on
    /// the same selector, scrolled as before where the page still goes that far, with the
    /// same parts of the outline open, the same screen over it, and `said` in the status
    /// line.
    pub fn reloaded(&mut self, corpus: Arc<Corpus>, texts: TextFiles, said: String) {
        let here = self.current().and_then(|id| self.selector_of(id));
        let origin = self.search.origin.and_then(|id| self.selector_of(id));
        let top = self.reading.top;
        let open: Vec<String> = (0..self.outline.len())
            .filter(|&id| self.outline.is_expanded(id))
            .filter_map(|id| self.selector_of(id))
            .collect();
        let by_selector = |app: &App, places: &[(usize, Scroll)]| -> Vec<(String, Scroll)> {
            places
                .iter()
                .filter_map(|&(id, s)| Some((app.selector_of(id)?, s)))
                .collect()
        };
        let (back, forward) = (
            by_selector(self, &self.back),
            by_selector(self, &self.forward),
        );

        self.corpus = corpus;
        // Pages are kept by the corpus's address, which the new one may reuse.
        self.page = Default::default();
        self.texts = texts;
        self.outline = Outline::new(&self.corpus);
        for sel in &open {
            if let Some(id) = self.outline.find(&self.corpus, sel) {
                self.outline.set_expanded(id, true);
            }
        }
        self.outline.apply_filter(&self.corpus, &self.filter);
        let to_ids = |app: &App, places: Vec<(String, Scroll)>| -> Vec<(usize, Scroll)> {
            places
                .into_iter()
                .filter_map(|(sel, s)| Some((app.outline.find(&app.corpus, &sel)?, s)))
                .collect()
        };
        self.back = to_ids(self, back);
        self.forward = to_ids(self, forward);
        self.opened_by_n.clear();
        self.hidden_place = None;
        self.rows = Default::default();
        let mut said = said;
        match here.as_deref().and_then(|sel| self.nearest(sel)) {
            Some((id, true)) => {
                self.select(id);
                self.scroll_reading_to(top);
            }
            Some((id, false)) => {
                self.select(id);
                let near = self.selector_of(id).unwrap_or_default();
                said.push_str(&format!("; what you read is gone, now at {near}"));
            }
            None => {
                self.reading = Scroll::default();
                if here.is_some() {
                    said.push_str("; what you read is gone, now at the top");
                }
            }
        }
        for screen in self.screens.clone() {
            match screen {
                Screen::Compare => self.matrix_request = Some(self.compare.rebuild(&self.filter)),
                Screen::Timeline => self.timeline.open(&self.corpus, self.today, self.body()),
                Screen::Versions => self.reread_versions(),
                Screen::Proposals => self.reread_proposals(),
                _ => {}
            }
        }
        if !self.search.query.is_empty() {
            let editing = self.search.editing;
            let input = self.search.input.clone();
            self.carry_search(&input);
            self.search.editing = editing;
        }
        self.search.origin = origin.and_then(|sel| self.outline.find(&self.corpus, &sel));
        self.desk_revision += 1;
        self.reload_error = None;
        self.status = Some(said);
    }

    /// A changed file no longer loads, for `why`: the briefs shown stay as they were, and
    /// the status line says why until the file loads again.
    pub fn reload_failed(&mut self, why: String) {
        self.reload_error = Some(why.clone());
        self.status = Some(why);
    }
}

impl App {
    /// The history file of the text `brief`, if it is still among the briefs.
    fn history_of(&self, brief: &str) -> Option<std::path::PathBuf> {
        let (_, path) = self.texts.histories.iter().find(|(b, _)| b == brief)?;
        Some(path.clone())
    }

    /// The two versions side by side read again from their files, the same two.
    fn reread_versions(&mut self) {
        let v = &self.versions;
        let Some(path) = self.history_of(&v.brief) else {
            return;
        };
        let id = |i: usize| Some(v.text.as_ref()?.history.versions.get(i)?.id.to_string());
        let at = match (id(v.a), id(v.b)) {
            (Some(a), Some(b)) => At::Ids(a, b, v.at_cursor(self.body())),
            _ => At::Text,
        };
        let (brief, title, filter) = (v.brief.clone(), v.title.clone(), v.filter);
        let source = Source::File {
            path,
            max_bytes: self.texts.max_bytes,
        };
        self.versions.open(&brief, &title, source, at);
        // The same rows shown: a filter set before the file changed still holds.
        self.versions.filter = filter;
    }

    /// The proposals measured again from the text's files, the cursor where it was (kept
    /// in the matrix when it comes).
    fn reread_proposals(&mut self) {
        let p = &self.proposals;
        let Some(path) = self.history_of(&p.brief) else {
            return;
        };
        let (brief, title) = (p.brief.clone(), p.title.clone());
        let (row, col, top, left) = (p.row, p.col, p.top, p.left);
        self.proposals
            .open(&brief, &title, path, self.texts.max_bytes);
        let p = &mut self.proposals;
        (p.row, p.col, p.top, p.left) = (row, col, top, left);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::date::Date;
    use crate::tui::app::{Action, Options};
    use crate::tui::theme::ThemeName;
    use ratatui::layout::Rect;

    fn corpus_of(files: &[(&str, String)]) -> Arc<Corpus> {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let loaded = crate::library::load(&crate::library::Request {
            paths: vec![dir.path().to_path_buf()],
            ..Default::default()
        });
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        Arc::new(loaded.corpus)
    }

    fn world() -> Vec<(&'static str, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
        ["alpha.yaml", "beta.yaml", "gamma.yaml"]
            .into_iter()
            .map(|f| (f, std::fs::read_to_string(root.join(f)).unwrap()))
            .collect()
    }

    fn app(corpus: Arc<Corpus>) -> App {
        let options = Options {
            theme: ThemeName::Default,
            today: Date::ymd(2025, 12, 1),
            pick: false,
            start: None,
            desk: Default::default(),
            notice: None,
            resume: None,
        };
        // Small, so that a page is longer than the pane.
        App::new(corpus, options, Rect::new(0, 0, 60, 10))
    }

    /// The selector of the second entry of the first section of the first brief, and a
    /// reader on it with its page scrolled.
    fn on_an_entry(app: &mut App) -> String {
        let sel = {
            let b = &app.corpus.briefs()[0];
            let s = &b.sections[0];
            format!("{}/{}/{}", b.id, s.id, s.entry_at(1).unwrap().id())
        };
        let id = app.outline.find(&app.corpus, &sel).unwrap();
        app.select(id);
        app.apply(Action::Tab);
        app.reading.top = 1;
        sel
    }

    #[test]
    fn the_place_left_is_the_place_resumed() {
        let corpus = corpus_of(&world());
        let mut first = app(corpus.clone());
        let sel = on_an_entry(&mut first);
        first.apply(Action::Timeline);
        let place = first.place().unwrap();
        assert_eq!(place.selector, sel);
        assert!(place.reading);
        assert_eq!(place.screen.as_deref(), Some("timeline"));

        let mut again = app(corpus);
        again.resume(place.clone());
        assert_eq!(
            again.current().and_then(|id| again.selector_of(id)),
            Some(sel)
        );
        assert_eq!(again.focus, Pane::Reading);
        assert_eq!(again.screen(), Screen::Timeline);
        assert_eq!(again.status, None);
        // Under the timeline, the page is scrolled where it was.
        assert_eq!(again.reading.top, 1);
        assert_eq!(again.place().unwrap().screen, Some("timeline".into()));
    }

    #[test]
    fn the_last_search_is_searched_again_on_resuming_and_leaves_the_page_where_it_was() {
        let corpus = corpus_of(&world());
        let index = crate::search::Index::build(&corpus);
        let mut first = app(corpus.clone());
        first.apply(Action::StartSearch);
        first.apply(Action::Paste("forum".into()));
        crate::tui::settle(&mut first, &index);
        first.apply(Action::Enter);
        assert!(!first.search.places.is_empty(), "the fixtures have a forum");
        let sel = on_an_entry(&mut first);
        let place = first.place().unwrap();
        assert_eq!(place.search.as_deref(), Some("forum"));

        let mut again = app(corpus.clone());
        again.resume(place.clone());
        crate::tui::settle(&mut again, &index);
        assert_eq!(again.search.query, crate::search::Query::parse("forum"));
        assert_eq!(again.search.places, first.search.places);
        assert!(!again.search.editing, "no prompt open");
        assert_eq!(
            again.current().and_then(|id| again.selector_of(id)),
            Some(sel)
        );
        assert_eq!(
            again.reading.top, 1,
            "the page where it was, not at a match"
        );
        // n goes on from there.
        again.apply(Action::NextMatch);
        assert!(
            again
                .status
                .as_deref()
                .is_some_and(|s| s.starts_with("match ")),
            "{:?}",
            again.status
        );

        // n pressed before the answer comes is taken when it comes.
        let mut early = app(corpus.clone());
        early.resume(place);
        early.apply(Action::NextMatch);
        assert_eq!(early.status.as_deref(), Some("searching…"));
        crate::tui::settle(&mut early, &index);
        assert_eq!(
            early.status, again.status,
            "the same step as after the answer"
        );
        assert_eq!(early.current(), again.current());

        // No search, none kept; a place file's control characters are not searched.
        let mut none = app(corpus.clone());
        on_an_entry(&mut none);
        assert_eq!(none.place().unwrap().search, None);
        let mut odd = app(corpus);
        odd.resume(LastPlace {
            selector: "nowhere".into(),
            search: Some("for\u{1b}[2Jum".into()),
            ..LastPlace::default()
        });
        assert!(
            !odd.search.input.contains('\u{1b}'),
            "{:?}",
            odd.search.input
        );
    }

    #[test]
    fn a_reload_reads_the_two_versions_side_by_side_again_the_same_two() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
        for f in ["lakeland.yaml", "zero.txt", "rev1.txt", "rev2.md"] {
            std::fs::copy(drafts.join(f), dir.path().join(f)).unwrap();
        }
        let load = || {
            let loaded = crate::library::load(&crate::library::Request {
                paths: vec![dir.path().to_path_buf()],
                ..Default::default()
            });
            let texts = TextFiles {
                histories: loaded.histories,
                max_bytes: 1 << 20,
            };
            (Arc::new(loaded.corpus), texts)
        };
        let (corpus, texts) = load();
        let mut app = app(corpus);
        app.texts = texts;
        let id = app
            .outline
            .find(&app.corpus, "lakeland-outcome/rev2/1")
            .unwrap();
        app.select(id);
        app.apply(Action::Versions);
        let request = app.take_versions_request().unwrap();
        let answer = crate::tui::screen::versions::answer(&request);
        app.versions_answered(request.generation, answer);
        assert_eq!((app.versions.a, app.versions.b), (1, 2));
        assert_eq!(
            app.place().unwrap().versions,
            Some(("rev1".into(), "rev2".into()))
        );

        // Down to the next change, with only changes shown: both hold through a reload.
        app.apply(Action::NextFilter);
        app.apply(Action::NextMatch);
        let body = app.body();
        let before = app.versions.at_cursor(body).unwrap();
        let filter = app.versions.filter;
        assert_eq!(filter, crate::query::versions::Filter::Changed);
        assert_ne!(before, ("rev2".into(), "1".into()), "the cursor moved");

        let (corpus, texts) = load();
        app.reloaded(corpus, texts, "reloaded rev2.md".into());
        assert_eq!(app.screen(), Screen::Versions);
        let again = app.take_versions_request().unwrap();
        assert_eq!(
            again.at,
            At::Ids("rev1".into(), "rev2".into(), Some(before.clone()))
        );

        let answer = crate::tui::screen::versions::answer(&again);
        app.versions_answered(again.generation, answer);
        assert_eq!(
            app.versions.at_cursor(body),
            Some(before.clone()),
            "the same paragraph"
        );
        assert_eq!(app.versions.filter, filter, "the same rows shown");
        // Resumed on the versions screen: the same two, on the same paragraph beneath.
        let place = app.place().unwrap();
        let (corpus, texts) = load();
        let mut next = self::app(corpus);
        next.texts = texts;
        next.resume(place);
        assert_eq!(next.screen(), Screen::Versions);
        let asked = next.take_versions_request().unwrap();
        assert_eq!(
            asked.at,
            At::Ids("rev1".into(), "rev2".into(), Some(before)),
            "the same paragraph at the cursor"
        );
        let here = next.current().and_then(|id| next.selector_of(id));
        assert_eq!(here.as_deref(), Some("lakeland-outcome/rev2/1"));
    }

    #[test]
    fn compare_is_resumed_on_the_issue_it_was_on() {
        let corpus = corpus_of(&world());
        let build = |app: &mut App| {
            let request = app.take_matrix_request().unwrap();
            let matrix = crate::query::matrix::Matrix::build(&app.corpus, &request.filter);
            app.matrix_built(request.generation, matrix);
        };
        let mut first = app(corpus.clone());
        first.apply(Action::Compare);
        build(&mut first);
        first.apply(Action::Down);
        let place = first.place().unwrap();
        let issue = first.compare.matrix.issues[1].clone();
        assert_eq!(place.issue.as_deref(), Some(&*issue));

        let mut again = app(corpus);
        again.resume(place);
        assert_eq!(again.screen(), Screen::Compare);
        build(&mut again);
        assert_eq!(again.compare.rows.cursor, 1);
    }

    #[test]
    fn a_place_gone_opens_at_the_nearest_thing_left_or_the_top_and_says_so() {
        let mut app = app(corpus_of(&world()));
        let brief = app.corpus.briefs()[1].id.to_string();
        app.resume(LastPlace {
            selector: format!("{brief}/no-such-section/no-such-entry"),
            top: 40,
            ..Default::default()
        });
        assert_eq!(
            app.current().and_then(|id| app.selector_of(id)),
            Some(brief.clone())
        );
        let said = app.status.clone().unwrap();
        assert!(
            said.contains("is gone; opened at ") && said.ends_with(&brief),
            "{said}"
        );
        assert_eq!(app.reading.top, 0);

        let mut app = self::app(app.corpus.clone());
        app.resume(LastPlace {
            selector: "nothing-like-it/\u{1b}[2J".into(),
            screen: Some("compare".into()),
            ..Default::default()
        });
        let said = app.status.clone().unwrap();
        assert!(said.ends_with("opened at the top"), "{said}");
        assert!(
            !said.contains('\u{1b}'),
            "the file's bytes are neutralised: {said:?}"
        );
        assert_eq!(app.rows.cursor, 0);
        assert_eq!(
            app.screen(),
            Screen::Reader,
            "a screen of a place gone is not opened"
        );
    }

    #[test]
    fn a_reload_keeps_the_entry_the_scroll_the_open_sections_the_back_stack_and_says_so() {
        let files = world();
        let mut app = app(corpus_of(&files));
        let sel = on_an_entry(&mut app);
        let section = sel.rsplit_once('/').unwrap().0.to_owned();
        // A jump to another brief, then back: the place to go back to is kept too.
        let other = app.corpus.briefs()[2].id.to_string();
        let id = app.outline.find(&app.corpus, &other).unwrap();
        app.jump(id);
        app.apply(Action::Back);
        assert_eq!(
            app.current().and_then(|id| app.selector_of(id)),
            Some(sel.clone())
        );
        app.reading.top = 1;
        // A brief added before the others moves every node of theirs.
        let mut changed = files.clone();
        let first = changed[0].1.replace("Alpha Perspective", "Alpha Revised");
        changed[0].1 = first;
        let moved: String = changed[1].1.clone();
        changed.push(("aaa.yaml", moved.replacen("id: ", "id: aaa-", 1)));
        let corpus = corpus_of(&changed);
        app.reloaded(corpus, TextFiles::default(), "reloaded alpha.yaml".into());
        assert_eq!(
            app.current().and_then(|id| app.selector_of(id)),
            Some(sel.clone())
        );
        assert_eq!(app.reading.top, 1);
        assert_eq!(app.focus, Pane::Reading);
        let open = app.outline.find(&app.corpus, &section).unwrap();
        assert!(app.outline.is_expanded(open));
        assert_eq!(app.status.as_deref(), Some("reloaded alpha.yaml"));
        assert_eq!(app.forward.len(), 1);
        let (id, _) = app.forward[0];
        assert_eq!(app.selector_of(id), Some(other));

        // A file that no longer loads is said, through keys, until one that loads comes.
        app.reload_failed("alpha.yaml:4:23: invalid".into());
        app.apply(Action::Down);
        assert_eq!(app.status.as_deref(), Some("alpha.yaml:4:23: invalid"));

        // The entry renamed: its section, and said.
        let mut renamed = world();
        renamed[0].1 = renamed[0].1.replace("remote-speakers", "remote-voices");
        assert!(sel.ends_with("/remote-speakers"), "{sel}");
        app.reloaded(
            corpus_of(&renamed),
            TextFiles::default(),
            "reloaded alpha.yaml".into(),
        );
        assert_eq!(
            app.current().and_then(|id| app.selector_of(id)),
            Some(section.clone())
        );
        assert_eq!(
            app.status.as_deref(),
            Some(&*format!(
                "reloaded alpha.yaml; what you read is gone, now at {section}"
            ))
        );
        app.apply(Action::Down);
        assert_eq!(app.status, None);
    }
}
