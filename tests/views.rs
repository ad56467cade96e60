//! Every view of the reader drawn on ratatui's TestBackend from a known state, pinned by
//! insta snapshots at 40, 80 and 120 columns; and every screen drawn at every size from
//! 1×1 up, which must never panic.

use std::path::PathBuf;
use std::sync::Arc;

use brief::brief::corpus::Corpus;
use brief::brief::search::Index;
use brief::library::{self, Request};
use brief::tui::settle;
use brief::tui::app::{Action, App, Options, Outcome, Pane, Screen};
use brief::tui::theme::ThemeName;
use brief::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn fixtures() -> Arc<Corpus> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli");
    let loaded = library::load(&Request {
        paths: vec![dir.join("example.yaml"), dir.join("world.yaml")],
        ..Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    Arc::new(loaded.corpus)
}

/// The reader's own fixture world (tests/fixtures/reader): editing a shipped brief can
/// never break a test of the reader.
fn world() -> Arc<Corpus> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
    let loaded = library::load(&Request {
        paths: vec![dir],
        ..Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    Arc::new(loaded.corpus)
}

fn app_on(corpus: Arc<Corpus>, w: u16, h: u16) -> App {
    App::new(
        corpus,
        Options {
            theme: ThemeName::Mono,
            today: "2026-11-22".parse().unwrap(),
            pick: false,
            start: None,
            desk: Default::default(),
            notice: None,
        },
        Rect::new(0, 0, w, h),
    )
}

/// Apply actions as the runner would, answering searches at once.
fn drive(app: &mut App, actions: &[Action]) {
    let index = Index::build(&app.corpus);
    for a in actions {
        app.apply(a.clone());
        settle(app, &index);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Type).collect()
}

/// The screen as text, trailing spaces trimmed.
fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn at_widths(name: &str, build: impl Fn(u16, u16) -> App) {
    for (w, h) in [(40, 12), (80, 24), (120, 40)] {
        let app = build(w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
    }
}

#[test]
fn opening_screen() {
    at_widths("open", |w, h| app_on(fixtures(), w, h));
}

#[test]
fn reading_an_entry() {
    at_widths("entry", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        let id = app
            .outline
            .find(
                &app.corpus,
                "example-input/recommendations/permanent-mandate",
            )
            .unwrap();
        app.select(id);
        drive(&mut app, &[Action::Enter]);
        app
    });
}

#[test]
fn search_prompt_with_results() {
    at_widths("search", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        let mut actions = vec![Action::StartSearch];
        actions.extend(typed("forum"));
        drive(&mut app, &actions);
        app
    });
}

#[test]
fn filter_menu() {
    at_widths("filters", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Filters, Action::Space]);
        app
    });
}

#[test]
fn compare_matrix_and_side_by_side() {
    at_widths("compare", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Compare]);
        app
    });
    at_widths("compare_issue", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Compare, Action::Enter]);
        app
    });
    at_widths("compare_groups", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Compare, Action::ToggleGroups]);
        app
    });
}

#[test]
fn figures_side_by_side() {
    let mut app = app_on(world(), 120, 30);
    drive(&mut app, &[Action::Compare, Action::Tab]);
    let s = screen(&app);
    // Two years of one measure are a series, not sources that differ; two sources
    // giving one year different values are.
    assert!(s.contains("Households online in the region  (reader-households-online; a series over time)"), "{s}");
    assert!(s.contains("(reader-exchange-points; sources differ)"), "{s}");
    assert!(s.contains("112 exchange points") && s.contains("118 exchange points"), "{s}");
    // Paging past the end stops at the last page, and one page up comes back.
    let mut small = app_on(world(), 80, 10);
    drive(&mut small, &[Action::Compare, Action::Tab]);
    for _ in 0..4 {
        drive(&mut small, &[Action::PageDown]);
    }
    let end = screen(&small);
    assert!(end.contains("exchange-points-gamma"), "{end}");
    drive(&mut small, &[Action::PageUp]);
    assert_ne!(screen(&small), end, "PgUp comes back at once");
}

#[test]
fn timeline_with_today() {
    at_widths("timeline", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Timeline]);
        app
    });
}

#[test]
fn help_overlay() {
    at_widths("help", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Help]);
        app
    });
}

/// Every screen at every size, 1×1 included: drawing never panics and never writes
/// outside the frame (TestBackend would panic).
#[test]
fn every_screen_draws_at_every_size() {
    let corpus = world();
    let setups: Vec<Vec<Action>> = vec![
        vec![],
        vec![Action::Enter],
        vec![Action::StartSearch, Action::Type('i'), Action::Type('g')],
        vec![Action::Filters],
        vec![Action::Compare],
        vec![Action::Compare, Action::Enter],
        vec![Action::Compare, Action::ToggleGroups],
        vec![Action::Compare, Action::Tab],
        vec![Action::Timeline],
        vec![Action::Help],
        vec![Action::Desk],
        vec![
            Action::Down,
            Action::Right,
            Action::Down,
            Action::Bookmark,
            Action::Annotate,
        ],
    ];
    let index = Index::build(&corpus);
    for setup in &setups {
        let mut app = app_on(Arc::clone(&corpus), 100, 30);
        for a in setup {
            app.apply(a.clone());
            settle(&mut app, &index);
        }
        for w in (1..=130).step_by(7).chain([1, 2, 39, 40, 69, 70]) {
            for h in (1..=45).step_by(5).chain([1, 2, 3, 12]) {
                app.apply(Action::Resize(w, h));
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| view::draw(f, &app)).unwrap();
            }
        }
    }
}

#[test]
fn history_goes_back_and_forward_across_cross_references() {
    let mut app = app_on(world(), 120, 40);
    let start = app
        .outline
        .find(&app.corpus, "reader-alpha/overview/who-it-serves")
        .unwrap();
    app.select(start);
    let links = app.links();
    assert!(!links.is_empty());
    drive(&mut app, &[Action::Follow(1)]);
    let followed = app.current().unwrap();
    assert_eq!(
        brief::render::selector(app.outline.target(&app.corpus, followed).unwrap()),
        links[0]
    );
    assert_eq!(app.focus, Pane::Reading);
    drive(&mut app, &[Action::Back]);
    assert_eq!(app.current(), Some(start));
    drive(&mut app, &[Action::Forward]);
    assert_eq!(app.current(), Some(followed));
    drive(&mut app, &[Action::Left]);
    assert_eq!(
        app.current(),
        Some(start),
        "← in the reading pane goes back"
    );
}

#[test]
fn n_and_shift_n_walk_the_matches_and_wrap() {
    let mut app = app_on(world(), 120, 40);
    let mut actions = vec![Action::StartSearch];
    actions.extend(typed("tromso"));
    actions.push(Action::Enter);
    drive(&mut app, &actions);
    let hits = app.search.places.len();
    assert!(hits >= 2, "{hits}");
    let first = app.current();
    let mut seen = vec![first];
    for _ in 1..hits {
        drive(&mut app, &[Action::NextMatch]);
        seen.push(app.current());
    }
    seen.dedup();
    assert_eq!(seen.len(), hits, "n visits every match once");
    drive(&mut app, &[Action::NextMatch]);
    assert_eq!(app.current(), first);
    assert_eq!(app.status.as_deref(), Some("search wrapped to the top"));
    drive(&mut app, &[Action::PreviousMatch]);
    assert_eq!(app.current(), *seen.last().unwrap());
    // The reading pane marks the match.
    let s = screen(&app);
    assert!(s.to_lowercase().contains("tromsø"), "{s}");
}

#[test]
fn search_matches_like_brief_search() {
    let corpus = world();
    let mut app = app_on(Arc::clone(&corpus), 120, 40);
    let mut actions = vec![Action::StartSearch];
    actions.extend(typed("\"the forum\""));
    drive(&mut app, &actions);
    let from_reader: Vec<String> = app
        .search
        .places
        .iter()
        .map(|p| brief::brief::search::hit(&corpus, *p, &app.search.query).selector)
        .collect();
    let from_cli: Vec<String> = brief::brief::search::search(
        &corpus,
        &brief::brief::search::Query::parse("\"the forum\""),
        &Default::default(),
    )
    .into_iter()
    .map(|h| h.selector)
    .collect();
    assert_eq!(from_reader, from_cli);
}

#[test]
fn a_filter_narrows_the_outline_and_one_key_clears_it() {
    let mut app = app_on(world(), 120, 40);
    let all = app.outline.visible().len();
    // Filters open on the first stance (support); switch on "oppose" instead.
    drive(
        &mut app,
        &[Action::Filters, Action::Down, Action::Space, Action::Escape],
    );
    assert!(app.filter_active());
    let s = screen(&app);
    assert!(s.contains("filter: stance oppose"), "{s}");
    assert!(app.outline.visible().len() < all);
    drive(&mut app, &[Action::ClearFilter]);
    assert!(!app.filter_active());
    assert_eq!(app.status.as_deref(), Some("filter cleared"));
}

#[test]
fn a_megabyte_pasted_into_search_is_cut_not_kept() {
    let mut app = app_on(world(), 80, 24);
    let big = "igf\n\x1b[31m".repeat(100_000);
    drive(&mut app, &[Action::StartSearch, Action::Paste(big)]);
    assert_eq!(
        app.search.input.chars().count(),
        brief::tui::screen::search::MAX_QUERY
    );
    assert!(!app.search.input.chars().any(char::is_control));
    assert!(app.status.as_deref().unwrap().contains("cut"));
    screen(&app);
}

#[test]
fn pick_chooses_with_enter() {
    let mut app = App::new(
        world(),
        Options {
            theme: ThemeName::Mono,
            today: "2026-11-22".parse().unwrap(),
            pick: true,
            start: Some("reader-alpha/timeline".into()),
            desk: Default::default(),
            notice: None,
        },
        Rect::new(0, 0, 80, 24),
    );
    drive(&mut app, &[Action::Enter]);
    assert_eq!(
        app.outcome,
        Some(Outcome::Picked("reader-alpha/timeline".into()))
    );
}

#[test]
fn compare_opens_side_by_side_for_chosen_actors() {
    let mut app = app_on(world(), 160, 40);
    drive(&mut app, &[Action::Compare]);
    assert_eq!(app.screen(), Screen::Compare);
    // Choose two actors, then open the first issue where either has a position.
    drive(&mut app, &[Action::Space, Action::Right, Action::Space]);
    assert_eq!(app.compare.chosen.len(), 2);
    let m = app.compare.matrix.clone();
    let row = (0..m.issues.len())
        .find(|&r| m.cells[r][0].is_some() || m.cells[r][1].is_some())
        .unwrap();
    app.compare.rows.cursor = row;
    drive(&mut app, &[Action::Enter]);
    let d = app.compare.detail.clone().unwrap();
    assert!(d.actors.len() <= 2 && !d.actors.is_empty());
    assert!(d.actors.iter().all(|a| app.compare.chosen.contains(a)));
    let s = screen(&app);
    assert!(s.contains("Side by side"), "{s}");
}

#[test]
fn the_mouse_selects_and_scrolls_the_pane_under_it() {
    let mut app = app_on(world(), 120, 30);
    let panes = app.panes();
    let outline = panes.outline.unwrap();
    let reading = panes.reading.unwrap();
    // Click the third row of the outline: it is selected and the outline has the focus.
    drive(
        &mut app,
        &[Action::Click {
            column: outline.x + 2,
            row: outline.y + 2,
        }],
    );
    assert_eq!(app.rows.cursor, 2);
    assert_eq!(app.focus, Pane::Outline);
    // The wheel over the reading pane scrolls it, not the outline (the brief's page on
    // row 0 is long enough to scroll).
    drive(&mut app, &[Action::Top]);
    drive(
        &mut app,
        &[Action::Wheel {
            column: reading.x + 5,
            row: reading.y + 5,
            down: true,
        }],
    );
    assert_eq!(app.reading.top, 3);
    assert_eq!(app.rows.cursor, 0);
    drive(&mut app, &[Action::Down, Action::Down]);
    // A second click on the selected row opens it.
    let id = app.current().unwrap();
    assert!(!app.outline.is_expanded(id));
    drive(
        &mut app,
        &[Action::Click {
            column: outline.x + 2,
            row: outline.y + 2,
        }],
    );
    assert!(app.outline.is_expanded(id));
}

#[test]
fn a_narrow_screen_shows_one_pane_and_tab_or_arrows_switch() {
    let mut app = app_on(fixtures(), 40, 12);
    assert!(app.panes().reading.is_none());
    // Open the first section, step onto its entry, read it.
    drive(
        &mut app,
        &[Action::Down, Action::Right, Action::Right, Action::Right],
    );
    assert_eq!(app.focus, Pane::Reading);
    assert!(app.panes().outline.is_none());
    let s = screen(&app);
    assert!(s.contains("Make the mandate permanent"), "{s}");
    drive(&mut app, &[Action::Left]);
    assert_eq!(app.focus, Pane::Outline);
    drive(&mut app, &[Action::Tab]);
    assert_eq!(app.focus, Pane::Reading);
}

/// NO_COLOR: the mono theme sets off text by reverse, bold and underline only; every
/// screen is drawn without a single colour.
#[test]
fn the_mono_theme_draws_no_colour() {
    use ratatui::style::Color;
    let corpus = world();
    for setup in [
        vec![],
        vec![Action::StartSearch, Action::Type('i'), Action::Type('g')],
        vec![Action::Compare],
        vec![Action::Compare, Action::Enter],
        vec![Action::Timeline],
        vec![Action::Filters],
    ] {
        let mut app = app_on(Arc::clone(&corpus), 120, 40);
        drive(&mut app, &setup);
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| view::draw(f, &app)).unwrap();
        for cell in t.backend().buffer().content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{setup:?}"
            );
        }
    }
}

#[test]
fn marks_and_notes_show_in_the_outline_and_the_reading_pane() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = brief::desk::store::Store::open(dir.path()).unwrap();
    let mut app = app_on(fixtures(), 80, 24);
    let id = app
        .outline
        .find(
            &app.corpus,
            "example-input/recommendations/permanent-mandate",
        )
        .unwrap();
    app.select(id);
    let mut actions = vec![Action::Bookmark, Action::Annotate];
    actions.extend(typed("Ask who pays."));
    drive(&mut app, &actions);
    insta::assert_snapshot!("note_editor_80x24", screen(&app));
    drive(&mut app, &[Action::Save]);
    let mut store = Ok(store);
    brief::tui::save_desk(&mut app, &mut store);
    let store = store.unwrap();
    assert_eq!(store.desk.marks.len(), 1);
    assert_eq!(app.desk, store.desk);
    let s = screen(&app);
    assert!(s.contains("• ★✎ Make the mandate"), "{s}");
    assert!(s.contains("── ★ bookmarked 2026-11-22"), "{s}");
    assert!(s.contains("Ask who pays."), "{s}");
    // The desk lists it; Enter goes back to it.
    app.select(app.outline.node(id).parent.unwrap());
    drive(&mut app, &[Action::Desk]);
    let s = screen(&app);
    assert!(s.contains("Desk: your bookmarks and notes"), "{s}");
    assert!(s.contains("★✎ Make the mandate permanent"), "{s}");
    assert!(s.contains("Ask who pays."), "{s}");
    drive(&mut app, &[Action::Enter]);
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(app.current(), Some(id));
    // Bookmarks go on entries: from the outline, a section row says so.
    app.select(app.outline.node(id).parent.unwrap());
    app.focus = Pane::Outline;
    drive(&mut app, &[Action::Bookmark]);
    assert!(app.status.as_deref().unwrap().contains("entries"));
    assert!(app.take_desk_changes().is_empty());
    // Reading the section, m marks the entry at the top of the reading pane.
    drive(&mut app, &[Action::Tab]);
    let first = app.page().entry_at(0, 10).unwrap().to_owned();
    let before = app.desk.get(&first).cloned();
    drive(&mut app, &[Action::Bookmark]);
    assert_eq!(app.take_desk_changes().len(), 1);
    assert_ne!(app.desk.get(&first).cloned(), before);
    // And U takes the change back.
    drive(&mut app, &[Action::Undo]);
    assert_eq!(app.desk.get(&first).cloned(), before, "U undid it");
}

#[test]
fn the_note_editor_edits_anywhere_in_the_text() {
    let mut app = app_on(fixtures(), 80, 24);
    let id = app
        .outline
        .find(
            &app.corpus,
            "example-input/recommendations/permanent-mandate",
        )
        .unwrap();
    app.select(id);
    let mut actions = vec![Action::Annotate];
    actions.extend(typed("first line"));
    actions.push(Action::Enter);
    actions.extend(typed("second"));
    // Up to the first line, same column; Home; insert there; then fix a word in the middle.
    actions.extend([Action::Up, Action::Top]);
    actions.extend(typed("> "));
    actions.extend([
        Action::Bottom,
        Action::Left,
        Action::Left,
        Action::Left,
        Action::Left,
    ]);
    actions.extend([Action::Erase, Action::Type('_')]);
    actions.extend([Action::Down, Action::Bottom]);
    actions.extend(typed(" ✓"));
    drive(&mut app, &actions);
    assert_eq!(app.editor.as_ref().unwrap().area.text, "> first_line\nsecond ✓");
    drive(&mut app, &[Action::Save]);
    let sel = "example-input/recommendations/permanent-mandate";
    assert_eq!(
        app.desk.get(sel).and_then(|m| m.note.as_deref()),
        Some("> first_line\nsecond ✓")
    );
}

#[test]
fn the_reader_draws_while_loading_and_fills_in() {
    use brief::library::Progress;
    let loading = |w, h| {
        let mut app = app_on(Arc::new(Corpus::default()), w, h);
        app.loading = Some(Progress {
            done: 340,
            total: 1000,
        });
        app
    };
    at_widths("loading", loading);
    let shown = screen(&loading(80, 24));
    assert!(shown.contains("Loading briefs…"), "{shown}");
    assert!(shown.contains("▕███       ▏ 340 of 1000 files"), "{shown}");

    // Typed while loading: the search is asked for again once the briefs are there, and
    // the place to open at is found then.
    let mut app = loading(80, 24);
    app.apply(Action::StartSearch);
    for a in typed("tromso") {
        app.apply(a);
    }
    let corpus = world();
    app.loaded(Arc::clone(&corpus), Some("reader-alpha/positions"), None);
    assert_eq!(app.loading, None);
    let index = Index::build(&app.corpus);
    settle(&mut app, &index);
    assert!(
        !app.search.places.is_empty(),
        "the search ran on the loaded briefs"
    );
    let mut app = loading(80, 24);
    app.loaded(
        corpus,
        Some("reader-alpha/positions"),
        Some("2 files with errors".into()),
    );
    assert_eq!(
        app.current_target().map(|t| brief::render::selector(t)),
        Some("reader-alpha/positions".to_owned())
    );
    assert_eq!(app.status.as_deref(), Some("2 files with errors"));
}
